# Sourced by ./ironcliw and .ci/run: find_jdk prints the home of a JDK 25 or newer.
# Looks at JAVA_HOME, /usr/libexec/java_home on macOS, then the usual install places.

java_major() { # prints the major version of the java at $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

find_jdk() {
  local candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  if [[ "$(uname -s)" == "Darwin" && -x /usr/libexec/java_home ]]; then
    candidates+=("$(/usr/libexec/java_home -v 25+ 2>/dev/null || /usr/libexec/java_home -v 25 2>/dev/null || true)")
  fi
  local dir
  for dir in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
    "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [[ -d "$dir" ]] && candidates+=("$dir")
  done
  for dir in "${candidates[@]}"; do
    if [[ -n "$dir" && -x "$dir/bin/java" && -x "$dir/bin/javac" ]]; then
      local major
      major="$(java_major "$dir/bin/java")"
      if [[ -n "$major" && "$major" -ge 25 ]]; then
        echo "$dir"
        return 0
      fi
    fi
  done
  return 1
}
