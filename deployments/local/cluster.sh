#!/usr/bin/env bash
# Starts or stops a master and three chunkservers as separate processes on this machine.
#   deployments/local/cluster.sh start [DIR]   (default DIR: ./godfs-local)
#   deployments/local/cluster.sh stop  [DIR]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
godfs="$here/../../godfs"
cmd="${1:-}"
dir="$(mkdir -p "${2:-./godfs-local}" && cd "${2:-./godfs-local}" && pwd)"
master_port="${GODFS_LOCAL_MASTER_PORT:-9090}"
first_chunk_port="${GODFS_LOCAL_FIRST_CHUNK_PORT:-8000}"

start() {
  mkdir -p "$dir/logs"
  GODFS_MASTER_LISTEN="127.0.0.1:$master_port" nohup "$godfs" master >"$dir/logs/master.log" 2>&1 &
  echo $! >"$dir/master.pid"
  for i in 1 2 3; do
    port=$((first_chunk_port + i - 1))
    GODFS_MASTER="127.0.0.1:$master_port" GODFS_NODE_ID="chunk-$i" GODFS_CHUNK_LISTEN="127.0.0.1:$port" \
      GODFS_ADVERTISE_ADDR="127.0.0.1:$port" GODFS_CHUNK_DATA="$dir/chunk-$i" \
      nohup "$godfs" chunkserver >"$dir/logs/chunk-$i.log" 2>&1 &
    echo $! >"$dir/chunk-$i.pid"
  done
  # Bounded wait on a real condition: every chunkserver logged its registration.
  registered=0
  for _ in $(seq 1 300); do
    registered=$( (grep -l "registered with the master" "$dir"/logs/chunk-*.log 2>/dev/null || true) | wc -l)
    [ "$registered" -eq 3 ] && break
    sleep 0.2
  done
  if [ "$registered" -ne 3 ]; then
    echo "cluster.sh: only $registered of 3 chunkservers registered; see $dir/logs" >&2
    stop
    exit 1
  fi
  echo "goDFS running: master 127.0.0.1:$master_port, chunkservers $first_chunk_port-$((first_chunk_port + 2)); data in $dir"
  echo "try: GODFS_MASTER=127.0.0.1:$master_port $godfs fs ls /"
}

stop() {
  for pidfile in "$dir"/*.pid; do
    [ -f "$pidfile" ] || continue
    kill "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop [DIR]" >&2; exit 2 ;;
esac
