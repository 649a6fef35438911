#!/usr/bin/env bash
# Fuzzes every basin reader with Jazzer's command line (coverage-guided, libFuzzer engine) and
# prints, per reader: inputs tried, crashes, hangs, peak RSS and wall time (also written to
# target/fuzz/summary.tsv). Targets: tests/dev/basin/fuzz/ReaderTargets.java; seed corpus (made by
# tests/fuzz/make_seeds.py): tests/resources/dev/basin/fuzz/ReadersFuzzTestInputs/READER/.
# Usage (from the repository root, after `mvn verify` or `mvn test-compile`):
#   tests/fuzz/run.sh --seconds 10          # the bounded run bin/test does (CI)
#   tests/fuzz/run.sh --runs 1000000        # the long run whose figures are in README.md
#   tests/fuzz/run.sh --runs 1000000 npy    # one reader
#   tests/fuzz/run.sh --runs 1000000 --seconds 120   # whichever limit comes first
# A finding (an exception other than basin's bad-input errors, an Error, an input running longer
# than 10 s, or more than RSS_MB of memory) stops that reader's run, leaves the input under
# target/fuzz/READER/ and makes the script exit 1.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
cd "$root"
. bin/jdk.sh
basin_select_jdk
limit=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) limit+=(-max_total_time="$2"); shift 2 ;;
    --runs) limit+=(-runs="$2"); shift 2 ;;
    *) break ;;
  esac
done
[ ${#limit[@]} -gt 0 ] || limit=(-max_total_time=10)
all=(npy npz safetensors idx sklearnCsv nets datasets claims)
readers=("${@:-${all[@]}}")
declare -A class=([npy]=NpyTarget [npz]=NpzTarget [safetensors]=SafetensorsTarget [idx]=IdxTarget
  [sklearnCsv]=SklearnCsvTarget [nets]=NetTarget [datasets]=DataTarget [claims]=ClaimsTarget)
# heap of the fuzzing JVM; RSS_MB is libFuzzer's limit for the whole process (heap, JIT, metaspace)
HEAP=${FUZZ_HEAP:-1g}
RSS_MB=${RSS_MB:-3072}
out="$root/target/fuzz"
# the file-based targets write each input to a file: on tmpfs when there is one (several times faster)
tmpdir=/tmp
[ -d /dev/shm ] && [ -w /dev/shm ] && tmpdir=/dev/shm
mkdir -p "$out"
[ -d target/test-classes ] || { echo "fuzz: run 'mvn test-compile' first" >&2; exit 2; }
mvn -B -q -o -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath" >/dev/null
cp="target/test-classes:target/classes:$(cat "$out/classpath")"
printf 'reader\tinputs\tcrashes\thangs\tpeak_rss_mb\tseconds\n' > "$out/summary.tsv"
status=0
for r in "${readers[@]}"; do
  c=${class[$r]:?unknown reader $r (one of ${all[*]})}
  work="$out/$r"
  rm -rf "$work" && mkdir -p "$work/corpus"
  cp tests/resources/dev/basin/fuzz/ReadersFuzzTestInputs/"$r"/* "$work/corpus/"
  scratch=$(mktemp -d "$tmpdir/basin-fuzz-run.XXXXXX")
  start=$(date +%s)
  set +e
  "$JAVA_HOME/bin/java" -Xmx"$HEAP" -Xss8m -Djava.io.tmpdir="$scratch" --add-modules jdk.incubator.vector -XX:+EnableDynamicAgentLoading \
    -cp "$cp" com.code_intelligence.jazzer.Jazzer --target_class="dev.basin.fuzz.ReaderTargets\$$c" \
    --instrumentation_includes='dev.basin.**' "${limit[@]}" -timeout=10 -rss_limit_mb="$RSS_MB" \
    -artifact_prefix="$work/" -print_final_stats=1 "$work/corpus" > "$work/log.txt" 2>&1
  rc=$?
  set -e
  rm -rf "$scratch"
  secs=$(( $(date +%s) - start ))
  runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$work/log.txt" | tail -1)
  [ -n "$runs" ] || runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$work/log.txt" | tail -1)
  rss=$(sed -n 's/.*rss: \([0-9]*\)Mb.*/\1/p' "$work/log.txt" | sort -n | tail -1)
  [ -n "$rss" ] || rss=$(sed -n 's/^stat::peak_rss_mb: *\([0-9]*\).*/\1/p' "$work/log.txt" | tail -1)
  crashes=$(ls "$work" | grep -c '^crash-' || true)
  hangs=$(ls "$work" | grep -c '^timeout-\|^oom-' || true)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "${runs:-?}" "$crashes" "$hangs" "${rss:-?}" "$secs" >> "$out/summary.tsv"
  if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ] || [ "$hangs" -ne 0 ]; then
    echo "fuzz: $r: finding (exit $rc); see $work/log.txt and the input under $work/" >&2
    grep -m5 -A8 '== Java Exception\|ERROR: libFuzzer' "$work/log.txt" >&2 || true
    status=1
  fi
done
sed "s/\t/  /g" "$out/summary.tsv"
exit $status
