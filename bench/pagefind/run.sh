#!/usr/bin/env bash
# Bayan's search against Pagefind on the same documents (bench/README.md,
# "Search: Bayan against Pagefind"). Not part of CI.
#
#   bench/pagefind/run.sh               # the default site, then 60,000 more records
#   bench/pagefind/run.sh 0 10000       # 0 is the default site alone
#   SCRATCH=/tmp/x TIMED=1 bench/pagefind/run.sh 0
#
# Per size: the site (the repository's default site, or bench/default-plus.py
# on ../shared/bench/gen_data.py's dataset of that many projects, seed 42,
# 200 articles a language), then bench/pagefind (the Bayan build, Bayan's
# search index and Pagefind's, timed, in release), then compare.mjs in
# Chromium. Needs `npm ci` at the repository root and Debian's chromium.
# Deletes nothing: remove SCRATCH yourself.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
scratch=${SCRATCH:-/tmp/bayan-pagefind}
mkdir -p "$scratch"
target=${CARGO_TARGET_DIR:-$repo/bench/pagefind/target}
CARGO_TARGET_DIR=$target cargo build --release --quiet --manifest-path bench/pagefind/Cargo.toml
bin=$target/release/bayan-bench-pagefind
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(0 60000)
for size in "${sizes[@]}"; do
  site=$repo
  if [ "$size" != 0 ]; then
    site=$scratch/site-$size
    if [ ! -d "$site" ]; then
      python3 ../shared/bench/gen_data.py --n "$size" --m 200 --seed 42 --out "$scratch/data-$size"
      python3 bench/default-plus.py "$scratch/data-$size" "$site"
    fi
  fi
  out=$scratch/out-$size
  if [ -e "$out" ]; then echo "$out exists: give a new SCRATCH" >&2; exit 2; fi
  echo "== $size generated records added; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$bin" "$site" "$out" | tee "$scratch/index-$size.tsv"
  echo "== Chromium; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  SITE=$out node bench/pagefind/compare.mjs | tee "$scratch/compare-$size.txt"
done
