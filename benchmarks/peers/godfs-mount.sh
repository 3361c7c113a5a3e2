#!/usr/bin/env bash
# The goDFS side of the mount workloads (issue 26): godfs dev + godfs mount from this checkout, as
# adapters/fuse/bench/fuse-bench.sh starts them, then mount-workloads.py with label godfs-mount.
# Usage (as root): benchmarks/peers/godfs-mount.sh [SIZE_MIB=1024] [ROUNDS=3] (holds the build lock)
# Prints the same lines as moosefs.sh (label godfs-mount), then the peak memory of both processes.
set -euo pipefail
SIZE_MIB="${1:-1024}"; ROUNDS="${2:-3}"
TREE="$(cd "$(dirname "$0")/../.." && pwd)"
SELF="$TREE/benchmarks/peers/godfs-mount.sh"
say() { echo "godfs-mount.sh: $*" >&2; }
source "$TREE/benchmarks/peers/build-lock.sh"
hold_build_lock "$@"
W=/tmp/godfs-peers-mount
cd "$TREE"
rm -rf "$W"; mkdir -p "$W/mnt"
# No socket at all on the port, and below Linux's ephemeral range (32768-60999), so no client
# connection takes one meanwhile (moosefs.sh's master once failed so to listen).
free_port() { ! ss -Htan "sport = :$1" | grep -q .; }
while :; do
  PORT=$((20000 + RANDOM % 12000))
  free_port $PORT && free_port $((PORT + 1)) && free_port $((PORT + 2)) && free_port $((PORT + 3)) && break
done
pids=()
cleanup() {
  if mountpoint -q "$W/mnt"; then
    kill -TERM "${pids[1]:-0}" 2>/dev/null || true; sleep 3; fusermount3 -u -z "$W/mnt" 2>/dev/null || true
  fi
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 1 150); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true
  done
  rm -rf "$W/data"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
wait_for() { local limit=$(( $1 * 5 )) what="$2" i=0; shift 2
  until "$@"; do i=$((i + 1)); [ "$i" -ge "$limit" ] && { echo "timed out waiting for $what" >&2; return 1; }; sleep 0.2; done; }

./godfs dev --data "$W/data" --port "$PORT" --first-chunk-port $((PORT + 1)) --gateway-port 0 >"$W/dev.log" 2>&1 &
pids+=($!)
wait_for 1200 "godfs dev (builds on first use)" grep -q "Ctrl-C" "$W/dev.log"
export GODFS_MASTER="127.0.0.1:$PORT"
./godfs mount --mountpoint "$W/mnt" >"$W/mount.log" 2>&1 &
pids+=($!)
wait_for 120 "godfs mount" grep -q "mounted at" "$W/mount.log"
echo "godfs-mount.sh: dev on $PORT, mounted at $W/mnt; running the workloads" >&2
START=$(date +%s)
timeout 1500 python3 "$TREE/benchmarks/peers/mount-workloads.py" "$W/mnt" godfs-mount "$SIZE_MIB" "$ROUNDS" \
  --log "$W/mount-workloads.log" --keep >"$W/results.tsv"
echo "godfs-mount.sh: workloads done in $(( $(date +%s) - START )) s" >&2
hwm() { awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
d=$(hwm "${pids[0]}"); m=$(hwm "${pids[1]}")
printf 'godfs-mount\tpeak-rss\t%s\tMiB\tall=%s mount=%s dev=%s\n' $((d + m)) $((d + m)) "$m" "$d" >>"$W/results.tsv"
cat "$W/results.tsv"
