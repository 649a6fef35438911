#!/usr/bin/env bash
# Spark local[2] against the in-process engine on the same 2 cores (bench/REPORT.md, "Sweeps"): the whole
# `basin sweep` command, JVM (and Spark) start included, on bench/sweep/overhead.json (200 tasks), REPS times
# each, alternating, each run through bench/peer/quietrun.py. Both engines are built first (not timed).
# Usage: bench/sweep/overhead.sh [REPS] [SPEC]   (default SPEC bench/sweep/overhead.json; run it through /work/wt/heavy)
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
reps=${1:-3}
spec=${2:-$root/bench/sweep/overhead.json}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$root/bin/basin" sweep --spec "$spec" --dry-run >/dev/null
"$root/bin/basin-spark" sweep --spec "$spec" --dry-run >/dev/null
lscpu | sed -n 's/^Model name: *//p'
for r in $(seq 1 "$reps"); do
  for engine in local spark; do
    args=(sweep --spec "$spec" --out "$out/$engine" --fresh)
    if [ "$engine" = spark ]; then args+=(--engine spark --master 'local[2]'); else args+=(--workers 2); fi
    python3 "$root/bench/peer/quietrun.py" -- "$root/bin/basin" "${args[@]}" >/dev/null 2>"$out/$engine.err"
    echo "rep $r $engine: $(grep '\[quietrun\] wall' "$out/$engine.err")"
  done
  cmp "$out/local/rows.csv" "$out/spark/rows.csv" && echo "rep $r: identical rows.csv"
done
