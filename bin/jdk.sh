# Sourced by bin/parley and bin/test: finds a JDK 21 or newer and exports JAVA_HOME.
# Looks at $JAVA_HOME, then the usual install folders, then the javac on PATH.

jdk_major() {
  # Prints the major version of the JDK at $1 (e.g. 21), or nothing.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java.specification.version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]) }'
}

find_jdk() {
  candidates="${JAVA_HOME:-}"
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$dir" ] && candidates="$candidates
$dir"
  done
  if command -v javac >/dev/null 2>&1; then
    javac_path=$(readlink -f "$(command -v javac)")
    candidates="$candidates
${javac_path%/bin/javac}"
  fi
  best=""; best_major=0
  while IFS= read -r dir; do
    [ -n "$dir" ] || continue
    major=$(jdk_major "$dir")
    [ -n "$major" ] || continue
    # $JAVA_HOME wins when it is recent enough; otherwise take the newest JDK found.
    if [ "$dir" = "${JAVA_HOME:-}" ] && [ "$major" -ge 21 ]; then best="$dir"; break; fi
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then best="$dir"; best_major=$major; fi
  done <<EOF_CANDIDATES
$candidates
EOF_CANDIDATES
  if [ -z "$best" ]; then
    echo "parley: no JDK 21 or newer found." >&2
    echo "  Looked at JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm, /usr/java, /opt/java and the javac on PATH." >&2
    echo "  Install one (e.g. 'apt-get install openjdk-21-jdk-headless' or Eclipse Temurin 21+) or set JAVA_HOME to it." >&2
    exit 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}

find_jdk
