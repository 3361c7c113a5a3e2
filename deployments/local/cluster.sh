#!/usr/bin/env bash
# Starts or stops a master (or three) and three chunkservers as separate processes on this machine.
#   deployments/local/cluster.sh start [DIR]   (default DIR: ./godfs-local)
#   deployments/local/cluster.sh stop  [DIR]
# GODFS_LOCAL_MASTERS=3 starts three masters replicating the metadata with Ratis, configured with the
# seed's variables exactly as README.md shows (ports from GODFS_LOCAL_MASTER_PORT, Raft ports from
# GODFS_LOCAL_FIRST_RAFT_PORT, default 100 above).
# Secured by default, as docs/security.md describes: an admin key in DIR/security/admin.key, the masters
# hold the embedded CA (TLS on every port, Raft included), each chunkserver joins with a one-time token
# and renews its own certificate, the audit trail goes to DIR/logs/audit.log. `. DIR/security/client.env`
# sets what a client needs (masters, CA file, key). GODFS_LOCAL_INSECURE=1 starts it open, with a warning.
# With three masters the CA is made once into DIR/security/ca (its key 0600, for the masters only) and
# handed to them (GODFS_CA_KEY_FILE, GODFS_CA_CERT_FILE): each signs its Raft certificate before its Raft
# starts, so Raft runs mutual TLS from its first byte, and the first leader installs that CA.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
godfs="$here/../../godfs"
cmd="${1:-}"
dir="$(mkdir -p "${2:-./godfs-local}" && cd "${2:-./godfs-local}" && pwd)"
master_port="${GODFS_LOCAL_MASTER_PORT:-9090}"
first_chunk_port="${GODFS_LOCAL_FIRST_CHUNK_PORT:-8000}"
masters="${GODFS_LOCAL_MASTERS:-1}"
first_raft_port="${GODFS_LOCAL_FIRST_RAFT_PORT:-$((master_port + 100))}"
insecure="${GODFS_LOCAL_INSECURE:-}"
sec="$dir/security"

# Every master's client address, comma-separated: what chunkservers and clients are given.
master_list() {
  local list="" i
  for i in $(seq 1 "$masters"); do
    list="${list:+$list,}127.0.0.1:$((master_port + i - 1))"
  done
  echo "$list"
}

secured() { [ -z "$insecure" ] || [ "$insecure" = 0 ] || [ "$insecure" = false ]; }

# The admin key (made once, kept across restarts) and what every master is started with.
setup_security() {
  (umask 077 && mkdir -p "$sec")
  if [ ! -s "$sec/admin.key" ]; then
    (umask 077 && "$godfs" admin key create --user root --role admin --api-keys-file "$sec/api-keys" \
      >"$sec/admin.key" 2>>"$dir/logs/security.log")
  fi
  export GODFS_CA_ENABLED=1 GODFS_API_KEYS_FILE="$sec/api-keys"
  export GODFS_AUDIT_ENABLED=1 GODFS_AUDIT_LOG="$dir/logs/audit.log"
  if [ "$masters" -gt 1 ]; then
    # Kept across restarts: a second run keeps the CA (and the masters their certificates).
    (umask 077 && "$godfs" admin certs create --dir "$sec/pki" --ca-dir "$sec/ca" >>"$dir/logs/security.log" 2>&1)
    export GODFS_CA_KEY_FILE="$sec/ca/ca.key" GODFS_CA_CERT_FILE="$sec/ca/ca.crt"
  fi
}

# Bounded wait for a master's log line naming its CA certificate; copied to DIR/security/ca.crt.
fetch_ca() {
  local log="$1" file="" _
  for _ in $(seq 1 600); do
    file=$(sed -n 's/.*embedded certificate authority on: CA certificate \([^,]*\),.*/\1/p' "$log" 2>/dev/null | tail -1)
    [ -n "$file" ] && [ -s "$file" ] && break
    sleep 0.2
  done
  [ -n "$file" ] && [ -s "$file" ] || { echo "cluster.sh: no CA certificate in $log" >&2; stop; exit 1; }
  cp "$file" "$sec/ca.crt"
  cat >"$sec/client.env" <<ENV
export GODFS_MASTER=$(master_list)
export GODFS_TLS_ENABLED=1
export GODFS_TLS_CA_FILE=$sec/ca.crt
export GODFS_CLIENT_API_KEY=@$sec/admin.key
ENV
}

# A one-time join token for chunkserver $1, asked of the masters as the admin.
join_token() {
  (umask 077 && unset GODFS_CA_ENABLED GODFS_CA_KEY_FILE GODFS_CA_CERT_FILE GODFS_API_KEYS_FILE GODFS_AUDIT_ENABLED GODFS_AUDIT_LOG &&
    . "$sec/client.env" && "$godfs" admin token create --role chunkserver --name "$1" \
      >"$sec/$1.token" 2>>"$dir/logs/security.log")
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
  if secured; then
    setup_security
  else
    echo "cluster.sh: WARNING: GODFS_LOCAL_INSECURE is set: no TLS, no authentication; anyone who reaches these ports can read, change and delete every file" >&2
  fi
  start_masters
  if secured; then
    if [ "$masters" -eq 1 ]; then fetch_ca "$dir/logs/master.log"; else fetch_ca "$dir/logs/master-1.log"; fi
  fi
  for i in 1 2 3; do
    port=$((first_chunk_port + i - 1))
    join=()
    if secured; then
      join_token "chunk-$i"
      join=(GODFS_JOIN_TOKEN="@$sec/chunk-$i.token")
    fi
    env -u GODFS_TLS_ENABLED -u GODFS_CA_ENABLED -u GODFS_CA_KEY_FILE -u GODFS_CA_CERT_FILE -u GODFS_API_KEYS_FILE -u GODFS_AUDIT_ENABLED -u GODFS_AUDIT_LOG \
      "${join[@]}" GODFS_MASTER="$(master_list)" GODFS_NODE_ID="chunk-$i" GODFS_CHUNK_LISTEN="127.0.0.1:$port" \
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
  # And every master serving: chunkservers register once a majority is up, and a master that
  # lags its peers (its Raft port not bound yet) would be missing from the cluster just announced.
  serving=0
  for _ in $(seq 1 300); do
    serving=$( (grep -l "goDFS master: listening on" "$dir"/logs/master*.log 2>/dev/null || true) | wc -l)
    [ "$serving" -eq "$masters" ] && break
    sleep 0.2
  done
  if [ "$serving" -ne "$masters" ]; then
    echo "cluster.sh: only $serving of $masters masters serving; see $dir/logs" >&2
    stop
    exit 1
  fi
  echo "goDFS running: master $(master_list), chunkservers $first_chunk_port-$((first_chunk_port + 2)); data in $dir"
  if secured; then
    echo "admin key in $sec/admin.key, CA certificate in $sec/ca.crt, audit trail in $dir/logs/audit.log"
    echo "try: . $sec/client.env && $godfs fs ls /"
  else
    echo "try: GODFS_MASTER=$(master_list) $godfs fs ls /"
  fi
}

# Returns once every process has exited, so that DIR can be reused or deleted at once (a master
# still writes its Raft log and snapshot while it shuts down): each gets 30 s after SIGTERM, then
# SIGKILL, said on stderr.
stop() {
  local pids=() pidfile pid i
  for pidfile in "$dir"/*.pid; do
    [ -f "$pidfile" ] || continue
    pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null && pids+=("$pid")
    rm -f "$pidfile"
  done
  for pid in "${pids[@]}"; do
    for i in $(seq 1 300); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "cluster.sh: process $pid did not stop within 30 s of SIGTERM; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop [DIR]" >&2; exit 2 ;;
esac
