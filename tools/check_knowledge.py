#!/usr/bin/env python3
"""Validate the knowledge files in data/: column counts, codes, dates, coordinates.

Exits non-zero with one line per problem, so CI or a pre-commit run catches a broken table.
Usage: python3 tools/check_knowledge.py
"""

from __future__ import annotations

import os
import re
import sys

DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data")

COLUMNS = {
    "countries.tsv": 10,
    "places.tsv": 9,
    "people.tsv": 7,
    "organizations.tsv": 5,
    "roles.tsv": 2,
}
# CAMEO role/sector codes (three letters) accepted after a country or IGO prefix.
CAMEO_ROLES = {
    "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "MED", "EDU", "BUS", "CRM", "CVL",
    "LAB", "LEG", "HLH", "REF", "MOD", "RAD", "AGR", "ENV", "IGO", "NGO", "IMG", "UAF", "INS",
    "ELI", "DEV", "HRI", "SEP", "NGM", "MNC", "CHR", "MOS", "JEW", "BUD", "HIN", "REL",
}
ORG_KINDS = {"igo", "armed_group", "government", "party", "ngo", "company", "media", "other"}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
CODE = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")


def rows(name):
    path = os.path.join(DATA, name)
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if line.startswith("#") or not line:
                continue
            yield number, line.split("\t")


def main() -> int:
    problems = []

    def bad(name, number, message):
        problems.append(f"{name}:{number}: {message}")

    for name, width in COLUMNS.items():
        if not os.path.exists(os.path.join(DATA, name)):
            bad(name, 0, "missing")
            continue
        for number, cells in rows(name):
            if len(cells) != width:
                bad(name, number, f"{len(cells)} columns, expected {width}")
            elif any(c != c.strip() or "||" in c or c.startswith("|") or c.endswith("|") for c in cells):
                bad(name, number, "stray whitespace or empty list item")

    iso3 = set()
    cameo_countries = set()
    for number, cells in rows("countries.tsv"):
        if len(cells) != 10:
            continue
        iso2, i3, cameo, cname, lat, lon, gid = cells[:7]
        iso3.add(i3)
        cameo_countries.add(cameo)
        if not re.fullmatch(r"[A-Z]{2}", iso2) or not re.fullmatch(r"[A-Z]{3}", i3):
            bad("countries.tsv", number, "bad iso code")
        if not re.fullmatch(r"[A-Z]{3}", cameo):
            bad("countries.tsv", number, "bad cameo code")
        if not cname:
            bad("countries.tsv", number, "no name")
        if lat and not (-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180):
            bad("countries.tsv", number, "coordinates out of range")
        if gid and not gid.isdigit():
            bad("countries.tsv", number, "bad geonames id")
    if len(iso3) < 240:
        bad("countries.tsv", 0, f"only {len(iso3)} countries")

    iso2s = {cells[0] for _, cells in rows("countries.tsv")}
    for number, cells in rows("places.tsv"):
        if len(cells) != 9:
            continue
        gid, pname, cc, _admin1, feature, pop, lat, lon, _alts = cells
        if gid and not gid.isdigit():
            bad("places.tsv", number, "bad geonames id")
        if not pname or (cc not in iso2s and not (cc == "" and feature == "L.CONT")):
            bad("places.tsv", number, f"no name or unknown country {cc}")
        if not re.fullmatch(r"[A-Z]\.[A-Z0-9]+", feature):
            bad("places.tsv", number, f"bad feature {feature}")
        if pop and not pop.isdigit():
            bad("places.tsv", number, "bad population")
        if not (-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180):
            bad("places.tsv", number, "coordinates out of range")

    def check_actor_code(name, number, code, country):
        if not code:
            return
        if not CODE.fullmatch(code):
            bad(name, number, f"bad CAMEO code {code}")
            return
        head = code[:3]
        if head not in cameo_countries and head not in {"IGO", "IMG", "NGO", "MNC", "NGM"} | CAMEO_ROLES:
            bad(name, number, f"CAMEO code {code} starts with neither a country nor an actor type")
        if country and head in cameo_countries and country not in iso3:
            bad(name, number, f"unknown country {country}")

    seen = set()
    for number, cells in rows("people.tsv"):
        if len(cells) != 7:
            continue
        pname, _aliases, country, role, title, start, end = cells
        if not pname or not title:
            bad("people.tsv", number, "missing name or title")
        # Officials of international bodies and leaders of transnational groups have no country.
        if country not in iso3 and not (country == "" and role in {"IGO", "REB", "IMG"}):
            bad("people.tsv", number, f"unknown country {country}")
        if role not in CAMEO_ROLES:
            bad("people.tsv", number, f"unknown role {role}")
        if not DATE.fullmatch(start) or (end and not DATE.fullmatch(end)):
            bad("people.tsv", number, "bad date")
        elif end and end < start:
            bad("people.tsv", number, "term ends before it starts")
        key = (pname, title, country, start)
        if key in seen:
            bad("people.tsv", number, "duplicate term")
        seen.add(key)

    # Early builds joined alias lists with "/", and readers still split on it: no name may hold one.
    for name in ("people.tsv", "organizations.tsv"):
        for number, cells in rows(name):
            if len(cells) > 1 and ("/" in cells[0] or "/" in cells[1]):
                bad(name, number, "'/' in a name or alias")

    for number, cells in rows("organizations.tsv"):
        if len(cells) != 5:
            continue
        oname, _aliases, kind, cameo, country = cells
        if not oname:
            bad("organizations.tsv", number, "no name")
        if kind not in ORG_KINDS:
            bad("organizations.tsv", number, f"unknown kind {kind}")
        if country and country not in iso3:
            bad("organizations.tsv", number, f"unknown country {country}")
        check_actor_code("organizations.tsv", number, cameo, country)

    for number, cells in rows("roles.tsv"):
        if len(cells) != 2:
            continue
        phrase, role = cells
        if not phrase or phrase != phrase.lower():
            bad("roles.tsv", number, "phrase must be lower case")
        if role not in CAMEO_ROLES:
            bad("roles.tsv", number, f"unknown role {role}")

    # Spot checks of well-known facts: they fail when a build step silently loses data.
    def find(name, pred):
        return any(pred(cells) for _, cells in rows(name))

    spot_checks = [
        ("countries.tsv", lambda c: c[0] == "RU" and "Russian Federation" in c[8].split("|")
         and "Russian" in c[9].split("|"), "Russia with alias Russian Federation, demonym Russian"),
        ("countries.tsv", lambda c: c[0] == "XK" and c[2] == "KSV", "Kosovo coded KSV"),
        ("places.tsv", lambda c: c[1] == "Hangzhou" and c[2] == "CN", "Hangzhou, China"),
        ("places.tsv", lambda c: c[1] == "Texas" and c[4] == "A.ADM1", "Texas as a region"),
        ("people.tsv", lambda c: c[0] == "Vladimir Putin" and c[2] == "RUS" and c[3] == "GOV"
         and c[6] == "" and "Putin" in c[1].split("|"), "Vladimir Putin in office"),
        ("organizations.tsv", lambda c: c[0] == "Islamic State" and c[3] == "IMGMUSISI"
         and "ISIS" in c[1].split("|"), "Islamic State coded IMGMUSISI"),
        ("organizations.tsv", lambda c: c[0] == "North Atlantic Treaty Organization"
         and c[3] == "IGOWSTNAT", "NATO coded IGOWSTNAT"),
        ("roles.tsv", lambda c: c == ["troops", "MIL"], "troops -> MIL"),
    ]
    for name, pred, what in spot_checks:
        if not find(name, lambda cells: len(cells) == COLUMNS[name] and pred(cells)):
            bad(name, 0, f"spot check failed: {what}")

    for problem in problems:
        print(problem)
    print(f"check_knowledge: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
