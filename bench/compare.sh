#!/usr/bin/env bash
# Two Bayan binaries on the same synthetic site, alternating, for a change
# that must not make builds slower (medians of RUNS, and their ratio).
#
#   bench/compare.sh BEFORE_BINARY AFTER_BINARY [N]     default N: 10000
#
# Environment: RUNS=3, SCRATCH=DIR (a NEW folder), SHARED (as in run.sh).
# To compare sites that differ too: BEFORE_REPO=DIR (the source tree of the
# BEFORE binary, whose theme its site copies) and AFTER_SITE_FLAGS (flags of
# make-site.py for the AFTER site only, e.g. --maps); then each binary
# builds its own site from the same data.
# Same disk rules as run.sh: each build into a new folder, nothing deleted,
# `sync; sleep 2` between runs. Reports wall time, CPU time (user + system,
# less sensitive to other work on the machine) and peak RSS.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
SHARED=${SHARED:-$REPO/../shared/bench}
BEFORE=$(realpath "$1"); AFTER=$(realpath "$2"); N=${3:-10000}
RUNS=${RUNS:-3}
SCRATCH=${SCRATCH:-${TMPDIR:-/tmp}/bayan-compare-$(date +%Y%m%d-%H%M%S)}
if [ -e "$SCRATCH" ] && [ -n "$(ls -A "$SCRATCH")" ]; then
  echo "SCRATCH=$SCRATCH is not empty: give a new folder" >&2; exit 1
fi
mkdir -p "$SCRATCH/out"
python3 "$SHARED/gen_data.py" --n "$N" --m 200 --seed 42 --out "$SCRATCH/data" >&2
SITE_BEFORE=$SCRATCH/site; SITE_AFTER=$SCRATCH/site
if [ -z "${BEFORE_REPO:-}${AFTER_SITE_FLAGS:-}" ]; then
  python3 "$HERE/make-site.py" "$SCRATCH/data" "$SCRATCH/site" --repo "$REPO" >&2
else
  SITE_BEFORE=$SCRATCH/site-before; SITE_AFTER=$SCRATCH/site-after
  python3 "$HERE/make-site.py" "$SCRATCH/data" "$SITE_BEFORE" --repo "${BEFORE_REPO:-$REPO}" >&2
  # shellcheck disable=SC2086 # the flags are words
  python3 "$HERE/make-site.py" "$SCRATCH/data" "$SITE_AFTER" --repo "$REPO" ${AFTER_SITE_FLAGS:-} >&2
fi
RESULTS=$SCRATCH/results.tsv
printf 'binary\trun\twall_s\tcpu_s\tpeak_kib\n' > "$RESULTS"
for r in $(seq 1 "$RUNS"); do
  for which in before after; do
    bin=$BEFORE; site=$SITE_BEFORE
    [ "$which" = after ] && bin=$AFTER && site=$SITE_AFTER
    sync; sleep 2
    /usr/bin/time -f '%e %U %S %M' -o "$SCRATCH/out/$which-$r.time" \
      "$bin" build --root "$site" --output "$SCRATCH/out/$which-$r" > "$SCRATCH/out/$which-$r.log" 2>&1 \
      || { cat "$SCRATCH/out/$which-$r.log" >&2; exit 1; }
    read -r wall user sys peak < <(tail -1 "$SCRATCH/out/$which-$r.time")
    cpu=$(python3 -c "print(round($user + $sys, 2))")
    printf '%s\t%s\t%s\t%s\t%s\n' "$which" "$r" "$wall" "$cpu" "$peak" >> "$RESULTS"
    echo "[$(date +%H:%M:%S)] $which run $r: wall ${wall}s cpu ${cpu}s peak ${peak} KiB" >&2
  done
done
python3 - "$RESULTS" "$N" "$RUNS" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
med = lambda w, k: statistics.median(float(r[k]) for r in rows if r["binary"] == w)
print(f"\n{sys.argv[2]} records, {sys.argv[3]} alternating runs each, medians\n")
print("| binary | wall s | CPU s | peak RSS MiB |")
print("|---|---:|---:|---:|")
for w in ("before", "after"):
    print(f"| {w} | {med(w,'wall_s'):.2f} | {med(w,'cpu_s'):.2f} | {med(w,'peak_kib')/1024:.0f} |")
print(f"| after/before | {med('after','wall_s')/med('before','wall_s'):.3f} | "
      f"{med('after','cpu_s')/med('before','cpu_s'):.3f} | {med('after','peak_kib')/med('before','peak_kib'):.3f} |")
PY
