#!/usr/bin/env python3
"""The default site with a gen_data.py dataset added: the relevance set at scale.

    bench/default-plus.py DATA_DIR SITE_DIR

SITE_DIR (new) receives a copy of the repository's default site (site.toml,
data/, content/, theme) whose records and articles are all kept, plus every
project of DATA_DIR/projects.csv as a record (ids GEN-YEAR-000001 and on, so that
no generated address contains a default record's id) and every article of
DATA_DIR/news as content/news/gen-NAME.LANG.md. The relevance set
(tests/relevance/queries.json) names the default site's documents, so it can
be answered on this site among tens of thousands of others with the same
words: bench/pagefind/run.sh and bench/relevance-at-scale.sh do.

gen_data's provinces, statuses and organisation types are the default site's
(new organisation types and sectors are added to their lookup tables); each
generated record gets a commune of its province and a target group in turn.
The copied projects schema lets in the generated ids, years from 2019 and
longer names and summaries. Deterministic; standard library only.
"""
import argparse
import csv
import importlib.util
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def make_site_module():
    spec = importlib.util.spec_from_file_location("make_site", os.path.join(HERE, "make-site.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def copy_default_site(site):
    os.makedirs(site)
    shutil.copy(os.path.join(REPO, "site.toml"), site)
    for folder in ("data", "content", "themes", "i18n"):
        if os.path.isdir(os.path.join(REPO, folder)):
            shutil.copytree(os.path.join(REPO, folder), os.path.join(site, folder))


def relax_schema(site):
    """Let the generated rows in: each replacement must apply once."""
    path = os.path.join(site, "data", "projects.schema.toml")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for old, new in (
        ('pattern = "^TTA-\\\\d{4}-\\\\d{3}$"', 'pattern = "^(TTA-\\\\d{4}-\\\\d{3}|GEN-\\\\d{4}-\\\\d{6})$"'),
        ("capture = '^TTA-(\\d{4})-'", "capture = '^(?:TTA|GEN)-(\\d{4})-'"),
        ("minimum = 2023, maximum = 2025", "minimum = 2019, maximum = 2030"),
        ("maxLength = 120", "maxLength = 300"),
        ("maxLength = 400", "maxLength = 2000"),
    ):
        if text.count(old) != 1:
            sys.exit(f"{path}: expected {old!r} once, found it {text.count(old)} times")
        text = text.replace(old, new)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def read_table(site, name):
    with open(os.path.join(site, "data", name + ".csv"), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def append_rows(site, name, rows):
    path = os.path.join(site, "data", name + ".csv")
    with open(path, encoding="utf-8", newline="") as f:
        fields = next(csv.reader(f))
    with open(path, "a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=fields, lineterminator="\n").writerows(rows)


def lookup_ids(site, name, generated, slugify):
    """The ids of table `name`, with the generated values (slug, fr, ar) it lacks added."""
    known = {row["id"] for row in read_table(site, name)}
    new = {}
    for slug, fr, ar in generated:
        slug = slug or slugify(fr)
        if slug not in known and slug not in new:
            new[slug] = {"id": slug, "name_fr": fr, "name_ar": ar}
    append_rows(site, name, new.values())
    return known | set(new)


def add_projects(data_dir, site, slugify):
    with open(os.path.join(data_dir, "projects.csv"), encoding="utf-8", newline="") as f:
        generated = list(csv.DictReader(f))
    provinces = {row["id"] for row in read_table(site, "provinces")}
    communes = {}
    for row in read_table(site, "communes"):
        communes.setdefault(row["province"], []).append(row["id"])
    focuses = [row["id"] for row in read_table(site, "focuses")]
    lookup_ids(site, "sectors", [(r["sector_slug"], r["sector"], r["sector_ar"]) for r in generated], slugify)
    lookup_ids(site, "org_types", [(None, r["organisation_type"], r["organisation_type_ar"]) for r in generated],
               slugify)
    rows = []
    for i, g in enumerate(generated):
        province = g["province_slug"]
        if province not in provinces:
            sys.exit(f"projects.csv row {i + 2}: province {province!r} is not the default site's")
        rows.append({
            "id": f"GEN-{g['start_date'][:4]}-{int(g['id']):06d}",
            "name_fr": g["name_fr"], "name_ar": g["name_ar"],
            "organisation_fr": g["name_fr"].split(" pour ")[0],
            "organisation_ar": g["name_ar"].split(" ل")[0],
            "org_type": slugify(g["organisation_type"]),
            "province": province,
            "commune": communes[province][i % len(communes[province])],
            "sector": g["sector_slug"],
            "focus": focuses[i % len(focuses)],
            "status": slugify(g["status"]),
            "year": g["start_date"][:4],
            "start_date": g["start_date"], "end_date": g["end_date"],
            "committed_mad": g["budget_mad"], "disbursed_mad": g["disbursed_mad"],
            "women_beneficiaries": g["beneficiaries_women"],
            "young_beneficiaries": g["beneficiaries_youth"],
            "jobs_created": g["jobs_created"],
            "summary_fr": g["summary_fr"], "summary_ar": g["summary_ar"],
        })
    append_rows(site, "projects", rows)
    return len(rows)


def add_articles(make_site, data_dir, site):
    """gen_data's articles, converted by make-site.py, renamed gen-NAME."""
    staging = os.path.join(site, "generated-news")
    count = make_site.make_content(data_dir, staging, {"projects": {"fr": "projets", "ar": "mashari"}})
    news = os.path.join(staging, "content", "news")
    for name in sorted(os.listdir(news)):
        os.rename(os.path.join(news, name), os.path.join(site, "content", "news", "gen-" + name))
    shutil.rmtree(staging)
    return count


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("site_dir")
    args = parser.parse_args()
    if os.path.exists(args.site_dir):
        sys.exit(f"{args.site_dir} exists: give a new folder")
    make_site = make_site_module()
    copy_default_site(args.site_dir)
    relax_schema(args.site_dir)
    projects = add_projects(args.data_dir, args.site_dir, make_site.slugify)
    articles = add_articles(make_site, args.data_dir, args.site_dir)
    print(f"{args.site_dir}: the default site with {projects} projects and {articles} articles added")


if __name__ == "__main__":
    main()
