#!/usr/bin/env bash
# Sourced by ./godfs and ./run-tests: finds a Java 21+ runtime.
# Sets JAVA (the java binary), JAVA_MAJOR and JAVA_HOME; exits with a message when there is none.
MIN_JAVA=21

# Major version of a java binary (21, 25 ...); 1 for 1.8 and older; empty if it does not run.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 \
    | awk -F'= ' '/java\.specification\.version/ && !found { split($2, v, "."); print v[1]; found = 1 }'
}

# Sets JAVA and JAVA_MAJOR when $1 is a java binary of version MIN_JAVA or newer.
usable() {
  [ -x "$1" ] || return 1
  local major
  major="$(java_major "$1")"
  if [ -n "$major" ] && [ "$major" -ge "$MIN_JAVA" ]; then
    JAVA="$1"
    JAVA_MAJOR="$major"
  else
    return 1
  fi
}

find_java() {
  local candidate
  if [ -n "${JAVA_HOME:-}" ] && usable "$JAVA_HOME/bin/java"; then
    return
  fi
  if usable /usr/lib/jvm/temurin-25-jdk-amd64/bin/java; then
    return
  fi
  # Newest first, so the highest installed version wins.
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    if usable "${candidate}bin/java"; then
      return
    fi
  done
  candidate="$(command -v java || true)"
  [ -n "$candidate" ] && usable "$candidate"
}

if ! find_java; then
  echo "${GODFS_SCRIPT:-godfs}: no Java $MIN_JAVA or newer found (looked at \$JAVA_HOME${JAVA_HOME:+=$JAVA_HOME}, /usr/lib/jvm/*, and java on PATH)." >&2
  echo "${GODFS_SCRIPT:-godfs}: install a JDK $MIN_JAVA+ (Temurin 25 is the tested one) or set JAVA_HOME to one." >&2
  exit 1
fi

JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$JAVA")")")"
export JAVA_HOME
