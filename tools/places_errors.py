#!/usr/bin/env python3
"""Error listing of places (#18): every gold `places` (country) or `toponyms` (161 km) item of a
gold set that the output does not place right, against the output's mentions of the same text,
classified the way the misses are fixed:

    loc-wrong   a LOCATION mention of the text, placed in the wrong country or too far
    loc-nogeo   a LOCATION mention of the text, not placed
    typed-TYPE  the text is a mention, but of another type (ORGANIZATION, PERSON)
    inside      the text lies inside a longer mention ("Trump Tower" in a person's name)
    missed      no mention covers the text (the tagger's recall)

    newsgraph eval ../shared/data/dev/intl-news-dev.jsonl --dump /tmp/out.jsonl
    python3 tools/places_errors.py ../shared/data/dev/intl-news-dev.jsonl /tmp/out.jsonl [places|toponyms]

Prints one line a miss (class, case, text, gold, what the output made of it) and, on stderr,
the accuracy as `newsgraph eval` reads GOLD.md literally, and the count of each class.
"""
import collections
import json
import math
import sys


def km(a, b):
    """Great-circle distance between two (lat, lon) points in degrees."""
    la1, la2 = math.radians(a[0]), math.radians(b[0])
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def main():
    gold_path, dump_path = sys.argv[1], sys.argv[2]
    key = sys.argv[3] if len(sys.argv) > 3 else "places"
    outputs = {}
    with open(dump_path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            outputs[record["id"]] = record
    classes = collections.Counter()
    total = right = 0
    with open(gold_path, encoding="utf-8") as handle:
        for line in handle:
            case = json.loads(line)
            items = case["gold"].get(key)
            if not items:
                continue
            record = outputs.get(case["input"]["id"]) or outputs.get(case["id"]) or {}
            text = case["input"]["text"]
            mentions = [(m["text"], e["type"], e.get("geo"), e["name"], m["start"], m["end"])
                        for e in record.get("entities", []) for m in e["mentions"]]

            def fits(item, geo):
                if not geo:
                    return False
                if key == "places":
                    return geo.get("country") == item["country"]
                return km((item["lat"], item["lon"]), (geo["lat"], geo["lon"])) <= 161

            for item in items:
                total += 1
                name = " ".join(item["text"].split())
                same = [m for m in mentions if " ".join(m[0].split()) == name]
                places = [m for m in same if m[1] == "LOCATION"]
                if any(fits(item, m[2]) for m in places):
                    right += 1
                    continue
                if places:
                    geo = places[0][2]
                    kind = "loc-wrong" if geo else "loc-nogeo"
                    detail = f"name={places[0][3]!r}"
                    if geo:
                        detail += (f" geo={geo.get('country')} {geo['lat']:.2f},{geo['lon']:.2f}"
                                   f" {geo.get('feature')} {geo.get('geonames_id')}")
                        if key != "places":
                            detail += f" {km((item['lat'], item['lon']), (geo['lat'], geo['lon'])):.0f} km"
                elif same:
                    kind, detail = "typed-" + same[0][1], f"name={same[0][3]!r}"
                else:
                    at = text.find(item["text"])
                    cover = [m for m in mentions if name in m[0] or (at >= 0 and m[4] <= at < m[5])]
                    if cover:
                        kind, detail = "inside", f"{cover[0][0]!r} {cover[0][1]}"
                    else:
                        kind = "missed"
                        detail = repr(text[max(0, at - 50):at + len(name) + 30].replace("\n", " ")) if at >= 0 else ""
                classes[kind] += 1
                where = item.get("country") or f"{item['lat']:.2f},{item['lon']:.2f}"
                print(f"{kind:12} {case['id']:24} {name!r:32} gold={where} {detail}")
    if total:
        print(f"{right}/{total} = {right / total:.4f} {dict(classes)}", file=sys.stderr)


if __name__ == "__main__":
    main()
