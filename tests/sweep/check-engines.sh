#!/usr/bin/env bash
# The user's commands end to end (spec SWEEP-ENGINES): `bin/basin sweep` on tests/resources/sweep/tiny.json with the
# in-process engine and with `--engine spark --master local[2]` (bin/basin hands it to bin/basin-spark, which sets
# the JDK 25 flags) must write identical rows.csv and rows.parquet. Run by bin/test after the Spark module's build.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
spec="$root/tests/resources/sweep/tiny.json"
"$root/bin/basin" sweep --spec "$spec" --out "$out/local" >/dev/null 2>"$out/local.err" || { cat "$out/local.err" >&2; exit 1; }
"$root/bin/basin" sweep --spec "$spec" --out "$out/spark" --engine spark --master 'local[2]' >/dev/null 2>"$out/spark.err" \
  || { cat "$out/spark.err" >&2; exit 1; }
for f in rows.csv rows.parquet analysis.json; do
  cmp "$out/local/$f" "$out/spark/$f"
done
[ -s "$out/spark/index.html" ]
echo "sweep engines: local and spark local[2] wrote identical rows ($(($(wc -l <"$out/local/rows.csv") - 1)) tasks)"
