# Sourced by bin/basin, bin/test and .ci/run: exports JAVA_HOME for a JDK 25 or newer (and holds the
# stderr filter of bin/basin and bin/basin-spark).
# JAVA_HOME is kept when it already is 25+; otherwise the newest JDK 25+ under /usr/lib/jvm is used.

basin_java_major() { # prints the feature version of the JDK in $1 (0 if none)
  local rel="$1/release" v
  [ -x "$1/bin/java" ] || { echo 0; return; }
  if [ -f "$rel" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel")
  else
    v=$("$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')
  fi
  echo "${v:-0}"
}

basin_select_jdk() {
  local best="" best_v=0 dir v
  if [ -n "${JAVA_HOME:-}" ] && [ "$(basin_java_major "$JAVA_HOME")" -ge 25 ]; then
    return 0
  fi
  for dir in /usr/lib/jvm/*; do
    [ -L "$dir" ] && continue
    v=$(basin_java_major "$dir")
    if [ "$v" -ge 25 ] && [ "$v" -ge "$best_v" ]; then
      best="$dir" best_v="$v"
    fi
  done
  if [ -z "$best" ]; then
    echo "basin: needs a JDK 25 or newer: set JAVA_HOME, or install one under /usr/lib/jvm (e.g. temurin-25-jdk)" >&2
    return 1
  fi
  export JAVA_HOME="$best"
}

# The JVM prints "WARNING: Using incubator modules: jdk.incubator.vector" on stderr before main
# whenever the Vector API module is resolved, and no flag turns that off (JDK 25: ModuleBootstrap
# prints it with System.err). So bin/basin and bin/basin-spark start the JVM with its stderr piped
# through this filter and the real stderr on descriptor 3 (-Dbasin.stderr.fd=3); basin's main makes
# descriptor 3 its stderr again at once (dup2, cli/Terminal.java), which ends the filter. An error
# is one line, as documented; anything else the JVM prints before main passes through.
basin_drop_incubator_warning() {
  local first
  if IFS= read -r first; then
    [[ $first == "WARNING: Using incubator modules: "* ]] || printf '%s\n' "$first"
  else
    printf '%s' "$first"
  fi
  exec cat
}
