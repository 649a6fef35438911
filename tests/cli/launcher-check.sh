#!/usr/bin/env bash
# Checks bin/basin as a user meets it (issue 15), after the build (bin/test runs it after mvn verify):
#   1. a failing command prints exactly one stderr line (no JVM "incubator modules" warning), exit 3;
#   2. a bad option is one line too, exit 2;
#   3. BASIN_JAVA_OPTS reaches the JVM: with a 64 MiB heap an absurd size is refused up front
#      with the figure (exit 3, one line), not an OutOfMemoryError;
#   4. on a terminal (a pseudo-TTY from script(1)) a long command draws a progress bar on stderr,
#      and none with --quiet or when stderr is not a terminal.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
basin="$root/bin/basin"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "launcher-check: $*" >&2; exit 1; }

one_line() { # CODE ARGS...: runs basin, expects exit CODE and exactly one stderr line
  local want=$1 rc=0; shift
  "$basin" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
  [ "$rc" -eq "$want" ] || fail "basin $*: exit $rc, expected $want: $(cat "$tmp/err")"
  [ "$(wc -l < "$tmp/err")" -eq 1 ] || fail "basin $*: stderr is not one line:$(printf '\n'; cat "$tmp/err")"
  ! grep -q 'WARNING\|Exception\|	at ' "$tmp/err" || fail "basin $*: warning or stack trace: $(cat "$tmp/err")"
}

"$basin" --version > /dev/null 2>&1 # builds target/basin.jar first when it is missing or stale
one_line 3 hessian --net "$tmp/none.npz" --data "$tmp/none.npz" --loss halfsq
one_line 2 measure --no-such-option
BASIN_JAVA_OPTS="-Xmx64m" one_line 3 generate random-net --d 3000 --h 3000 --net-out "$tmp/huge.npz"
grep -q "needs .* heap" "$tmp/err" || fail "the memory refusal does not give the figure: $(cat "$tmp/err")"
[ ! -e "$tmp/huge.npz" ] || fail "a refused command wrote its output"

"$basin" generate teacher-regression --d 300 --h 200 --k 3 --n 2000 --seed 7 \
  --net-out "$tmp/net.npz" --data-out "$tmp/data.npz" >/dev/null
run="$basin measure --net $tmp/net.npz --data $tmp/data.npz --loss halfsq --measures spectrum,sharpness,adaptive,pacbayes"
script -qec "$run" /dev/null < /dev/null > "$tmp/tty.txt" 2>&1 || fail "measure on a pseudo-TTY failed: $(tail -3 "$tmp/tty.txt")"
grep -q $'\r''measure .*%' "$tmp/tty.txt" || fail "no progress bar on a terminal: $(tr '\r' '\n' < "$tmp/tty.txt" | head -5)"
script -qec "$run --quiet" /dev/null < /dev/null > "$tmp/quiet.txt" 2>&1
! grep -q $'\r''measure' "$tmp/quiet.txt" || fail "--quiet still draws a progress bar"
$run > /dev/null 2> "$tmp/pipe.txt"
[ ! -s "$tmp/pipe.txt" ] || fail "a progress bar (or other output) on a non-terminal stderr: $(head -c 300 "$tmp/pipe.txt")"
echo "launcher-check: bin/basin stderr, BASIN_JAVA_OPTS and progress bars as documented"
