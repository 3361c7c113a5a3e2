#!/usr/bin/env bash
# Starts or stops a master (or three) and three chunkservers as separate processes on this machine.
#   deployments/local/cluster.sh start [DIR]   (default DIR: ./godfs-local)
#   deployments/local/cluster.sh stop  [DIR]
# GODFS_LOCAL_MASTERS=3 starts three masters replicating the metadata with Ratis, configured with the
# seed's variables exactly as README.md shows (ports from GODFS_LOCAL_MASTER_PORT, Raft ports from
# GODFS_LOCAL_FIRST_RAFT_PORT, default 100 above).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
godfs="$here/../../godfs"
cmd="${1:-}"
dir="$(mkdir -p "${2:-./godfs-local}" && cd "${2:-./godfs-local}" && pwd)"
master_port="${GODFS_LOCAL_MASTER_PORT:-9090}"
first_chunk_port="${GODFS_LOCAL_FIRST_CHUNK_PORT:-8000}"
masters="${GODFS_LOCAL_MASTERS:-1}"
first_raft_port="${GODFS_LOCAL_FIRST_RAFT_PORT:-$((master_port + 100))}"

# Every master's client address, comma-separated: what chunkservers and clients are given.
master_list() {
  local list="" i
  for i in $(seq 1 "$masters"); do
    list="${list:+$list,}127.0.0.1:$((master_port + i - 1))"
  done
  echo "$list"
}

start_masters() {
  if [ "$masters" -eq 1 ]; then
    GODFS_MASTER_LISTEN="127.0.0.1:$master_port" nohup "$godfs" master >"$dir/logs/master.log" 2>&1 &
    echo $! >"$dir/master.pid"
    return
  fi
  local peers="" i
  for i in $(seq 1 "$masters"); do
    peers="${peers:+$peers,}m$i@127.0.0.1:$((first_raft_port + i - 1))@127.0.0.1:$((master_port + i - 1))"
  done
  for i in $(seq 1 "$masters"); do
    GODFS_MASTER_NODE_ID="m$i" GODFS_MASTER_LISTEN="127.0.0.1:$((master_port + i - 1))" \
      GODFS_MASTER_ADVERTISE_ADDR="127.0.0.1:$((master_port + i - 1))" \
      GODFS_MASTER_RAFT_LISTEN="127.0.0.1:$((first_raft_port + i - 1))" GODFS_MASTER_RAFT_DIR="$dir/master-$i" \
      GODFS_MASTER_PEERS="$peers" GODFS_MASTER_BOOTSTRAP=1 \
      nohup "$godfs" master >"$dir/logs/master-$i.log" 2>&1 &
    echo $! >"$dir/master-$i.pid"
  done
}

start() {
  mkdir -p "$dir/logs"
  start_masters
  for i in 1 2 3; do
    port=$((first_chunk_port + i - 1))
    GODFS_MASTER="$(master_list)" GODFS_NODE_ID="chunk-$i" GODFS_CHUNK_LISTEN="127.0.0.1:$port" \
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
  echo "goDFS running: master $(master_list), chunkservers $first_chunk_port-$((first_chunk_port + 2)); data in $dir"
  echo "try: GODFS_MASTER=$(master_list) $godfs fs ls /"
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
