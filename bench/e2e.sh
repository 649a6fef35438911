#!/usr/bin/env bash
# End-to-end table of bench/REPORT.md: whole commands, JVM (or Python) start included, as a user
# runs them, on the 784-512-10 relu/CE benchmark net (n = 1000), one thread, each REPS times on a
# quiet box (bench/peer/quietrun.py); prints the wall seconds of every run and the median.
#   bench/e2e.sh DATA [PYHESSIAN_DIR]
# DATA: a folder written by dev.basin.bench.ExportMlp (bench/run.sh peer makes it); PYHESSIAN_DIR:
# a fetched copy of amirgholami/PyHessian (never committed) for the peer rows. REPS (default 5).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=${1:?DATA folder from ExportMlp}
PEER=${2:-}
REPS=${REPS:-5}
OUT=${RESULTS:-$ROOT/bench/results}/e2e
mkdir -p "$OUT"
Q="/usr/bin/python3 $ROOT/bench/peer/quietrun.py --wait ${QUIET_WAIT:-600} --"
B="$ROOT/bin/basin"
P=(--net "$DATA/net.npz" --data "$DATA/data.npz" --loss ce --backend simd --simd-threads 1)
run() {   # name, command...
  local name=$1; shift
  local times=()
  for r in $(seq 1 "$REPS"); do
    # quietrun waits for a quiet box, then times the process alone (its "wall" line, ms)
    $Q "$@" > "$OUT/$name.$r.out" 2> "$OUT/$name.$r.err"
    times+=("$(sed -n 's/^\[quietrun\] wall \([0-9.]*\)s.*/\1/p' "$OUT/$name.$r.err")")
  done
  printf '%s' "$name"; printf ' %.3f' "${times[@]}"
  printf ' median %.3f\n' "$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')"
}
"$B" --version > /dev/null   # builds target/basin.jar and the class-data archive once, untimed
{
  date -u; lscpu | grep -E "Model name|^CPU\(s\)"; java -version 2>&1 | head -1
  run jvm-start "$B" --version
  run lambda-max "$B" measure "${P[@]}" --measures spectrum --top 1 --tol 1e-8 --timings --json "$OUT/lambda-max.json"
  run trace "$B" measure "${P[@]}" --measures trace --timings --json "$OUT/trace.json"
  run default-measure "$B" measure "${P[@]}" --timings --json "$OUT/default.json"
  run hessian "$B" hessian "${P[@]}" --json "$OUT/hessian.json"
  if [ -n "$PEER" ]; then
    export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
    run pyhessian-eigenvalues env -u OPENBLAS_CORETYPE /usr/bin/python3 "$ROOT/bench/peer/pyhessian_e2e.py" "$PEER" "$DATA" eigenvalues 1
    run pyhessian-trace env -u OPENBLAS_CORETYPE /usr/bin/python3 "$ROOT/bench/peer/pyhessian_e2e.py" "$PEER" "$DATA" trace 1
    run python-start /usr/bin/python3 -c "import torch"
  fi
} | tee "$OUT/summary.txt"
