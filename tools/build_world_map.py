#!/usr/bin/env python3
"""Build crates/server/assets/world.json: country outlines for the web UI's event map.

Input: the npm package world-atlas 2.0.2 (ISC licence), a redistribution of Natural Earth's
1:110m Admin 0 country boundaries (public domain), as TopoJSON. Fetch it with
    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
and run
    python3 tools/build_world_map.py package/countries-110m.json crates/server/assets/world.json

Output: {"countries": [[name, iso_numeric, [ring, ...]], ...]} where each ring is a flat list
[lon0, lat0, lon1, lat1, ...] rounded to 0.01 degree: small, and trivial to draw in SVG.
Deterministic: the same input gives the same bytes.
"""
import json
import sys


def decode_arcs(topology):
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    points = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        # Consecutive arcs share their end points: drop the duplicate.
        points.extend(arc if not points else arc[1:])
    flat = []
    for lon, lat in points:
        flat.extend([round(lon, 2), round(lat, 2)])
    return flat


def main(src, dst):
    with open(src) as f:
        topology = json.load(f)
    arcs = decode_arcs(topology)
    countries = []
    for geom in topology["objects"]["countries"]["geometries"]:
        polygons = []
        if geom["type"] == "Polygon":
            polygons = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polygons = geom["arcs"]
        rings = [ring(arcs, r) for polygon in polygons for r in polygon]
        countries.append([geom.get("properties", {}).get("name", ""), geom.get("id", ""), rings])
    countries.sort(key=lambda c: (c[0], c[1]))
    with open(dst, "w") as f:
        json.dump({"source": "Natural Earth 1:110m via world-atlas 2.0.2", "countries": countries}, f,
                  separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
