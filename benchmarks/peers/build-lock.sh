# Sourced by the peers scripts (after they set SELF, their own path, and say()): holds the build
# lock /tmp/mvn.lock for the rest of the script, so no Maven build shares the two cores while it
# measures. Taken by re-executing the script under flock, unless an ancestor process holds the
# lock already (a caller's `flock /tmp/mvn.lock ...`, or a peers script that took it). The flag that
# says so is not GODFS_-prefixed: goDFS warns about every GODFS_* variable it does not know.
LOCK=/tmp/mvn.lock

lock_held_by_caller() {
  local pid=$PPID cmd
  while [ "$pid" -gt 1 ]; do
    cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
    case "$cmd" in flock*"$LOCK"*) return 0 ;; esac
    pid=$(awk '/^PPid:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 1)
  done
  return 1
}

# hold_build_lock "$@": the script's own arguments, for the re-execution.
hold_build_lock() {
  if [ -z "${PEERS_BUILD_LOCK_HELD:-}" ] && ! lock_held_by_caller; then
    say "taking the build lock $LOCK (waits for a running build or benchmark)"
    PEERS_BUILD_LOCK_HELD=1 exec flock "$LOCK" "$SELF" "$@"
  fi
  export PEERS_BUILD_LOCK_HELD=1
}
