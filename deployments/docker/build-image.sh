#!/usr/bin/env bash
# Builds the goDFS image (default godfs:0.1.0-SNAPSHOT, also tagged godfs:latest) from local inputs only:
# no registry is reachable, so the base is made here. Usage: deployments/docker/build-image.sh
#   1. base image godfs-base:<hash>: a jlink'd Java runtime, the glibc/libstdc++ files it loads, /etc basics;
#      rebuilt only when the JDK, the module list or this recipe change (docker import, about 5 s);
#   2. the godfs image: base + bootstrap/target/lib (its own layer, cached while dependencies are unchanged)
#      + the goDFS jar (docker build, about 1 s when only our code changed).
# The project is built first if bootstrap/target has no jar (./mvnw -DskipTests install).
set -euo pipefail
GODFS_HOME="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
GODFS_SCRIPT=build-image
# shellcheck source=../../scripts/find-java.sh
source "$GODFS_HOME/scripts/find-java.sh"

IMAGE="${GODFS_IMAGE:-godfs:0.1.0-SNAPSHOT}"
JAR_NAME=godfs-bootstrap-0.1.0-SNAPSHOT.jar
TARGET="$GODFS_HOME/bootstrap/target"
# What the jars need (jdeps --print-module-deps over bootstrap/target/lib) plus the DNS naming provider
# that gRPC's resolver looks up, java.logging/management for JUL and JMX, jdk.httpserver for health checks.
MODULES=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,jdk.jfr,jdk.management,jdk.httpserver,jdk.naming.dns,jdk.unsupported,jdk.zipfs
RECIPE_VERSION=1   # bump when the base recipe below changes
UID_GODFS=10001

command -v docker >/dev/null || { echo "build-image: docker is not installed" >&2; exit 1; }
docker info >/dev/null 2>&1 || { echo "build-image: no Docker engine answers (start dockerd)" >&2; exit 1; }
[ -x "$JAVA_HOME/bin/jlink" ] || { echo "build-image: $JAVA_HOME has no jlink (a JDK is needed, not a JRE)" >&2; exit 1; }

if [ ! -f "$TARGET/$JAR_NAME" ] || [ ! -d "$TARGET/lib" ]; then
  echo "build-image: building goDFS first (./mvnw -q -B -DskipTests install)" >&2
  (cd "$GODFS_HOME" && ./mvnw -q -B -DskipTests -Dspotless.check.skip -Dcheckstyle.skip install >&2)
fi

base_tag() {
  local jdk_release
  jdk_release="$(cat "$JAVA_HOME/release" 2>/dev/null || "$JAVA" -version 2>&1)"
  printf '%s\n%s\n%s\n' "$jdk_release" "$MODULES" "$RECIPE_VERSION" | sha256sum | cut -c1-12
}
BASE="godfs-base:$(base_tag)"

# Copies a shared library (following links) and every library it loads to the same paths under $1.
copy_with_deps() {
  local root="$1" file="$2" dep
  for dep in $(ldd "$file" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'); do
    [ -e "$root$dep" ] || cp -L --parents "$dep" "$root"
  done
}

build_base() {
  local work root
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  root="$work/root"
  mkdir -p "$root/opt" "$root/etc" "$root/tmp" "$root/var/lib/godfs" "$root/home/godfs"
  "$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
    --output "$root/opt/java"
  local f
  for f in "$root/opt/java/bin/java" $(find "$root/opt/java/lib" -name '*.so'); do
    copy_with_deps "$root" "$f"
  done
  # RocksDB's JNI library (unpacked at run time) also needs the C++ runtime.
  for f in libstdc++.so.6 libgcc_s.so.1; do
    local path
    # awk reads to the end: an early exit would let ldconfig die of SIGPIPE, which pipefail and set -e
    # turn into a silent exit of this script (seen once on a fresh machine).
    path="$(ldconfig -p | awk -v lib="$f" '$1 == lib && /x86-64/ && !found { print $NF; found = 1 }')"
    [ -n "$path" ] || { echo "build-image: $f not found on this machine" >&2; return 1; }
    cp -L --parents "$path" "$root"
    copy_with_deps "$root" "$path"
  done
  printf 'root:x:0:0:root:/root:/sbin/nologin\ngodfs:x:%s:%s:goDFS:/home/godfs:/sbin/nologin\n' \
    "$UID_GODFS" "$UID_GODFS" > "$root/etc/passwd"
  printf 'root:x:0:\ngodfs:x:%s:\n' "$UID_GODFS" > "$root/etc/group"
  printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"
  : > "$root/etc/hosts"
  chmod 1777 "$root/tmp"
  chown -R "$UID_GODFS:$UID_GODFS" "$root/var/lib/godfs" "$root/home/godfs"
  tar -C "$root" --numeric-owner -c . | docker import \
    --change 'ENV PATH=/opt/java/bin' --change 'ENV LANG=C.UTF-8' - "$BASE" >/dev/null
}

if docker image inspect "$BASE" >/dev/null 2>&1; then
  echo "build-image: base $BASE is up to date" >&2
else
  echo "build-image: making base $BASE (jlink $MODULES)" >&2
  build_base
  # Older bases (another JDK or recipe) are unused now: drop them so they do not pile up.
  docker image ls --format '{{.Repository}}:{{.Tag}}' godfs-base | grep -vxF "$BASE" | xargs -r docker image rm >/dev/null 2>&1 || true
fi

# The build context: hard links where possible, so 130 MB of jars are not copied each time.
CONTEXT="$TARGET/image-context"
rm -rf "$CONTEXT"
mkdir -p "$CONTEXT"
cp -al "$TARGET/lib" "$CONTEXT/lib" 2>/dev/null || cp -a "$TARGET/lib" "$CONTEXT/lib"
cp "$TARGET/$JAR_NAME" "$CONTEXT/godfs.jar"
cp "$GODFS_HOME/deployments/docker/Dockerfile" "$CONTEXT/Dockerfile"
# The legacy builder's deprecation notice is noise here: show docker's output only when it fails.
if ! out="$(docker build -q --build-arg "BASE=$BASE" -t "$IMAGE" -t godfs:latest "$CONTEXT" 2>&1)"; then
  echo "$out" >&2
  exit 1
fi
rm -rf "$CONTEXT"
echo "build-image: built $IMAGE (from $BASE)" >&2
