#!/usr/bin/env bash
# goDFS SDK side of the peers benchmark (ADR 0030): a cluster as an operator runs one on a machine
# (deployments/local/cluster.sh: three masters replicating the namespace with Ratis, three
# chunkservers, each its own JVM, secured as shipped: TLS on every port, an admin key), on
# 127.0.0.1 with free ports, measured by `godfs bench-peers-sdk` (PeersSdkWorkload: one client,
# the HDFS side's workloads, plus reads over gRPC only and N clients writing at once).
#
# Usage (as root: it drops the page cache before each cold read):
#   benchmarks/peers/godfs-sdk.sh [SIZE_MIB=1024] [ROUNDS=3] [WORK_DIR=/tmp/godfs-peers-sdk] [WRITERS=8]
# PEERS_SDK_INSECURE=1 runs the cluster without TLS and keys (as HDFS runs by default), label
# godfs-sdk-insecure. PEERS_SDK_PARTS=DATA or METADATA runs only those workloads (to profile one
# path, e.g. with `jcmd PID JFR.start` on the servers while it runs; their pids are in WORK_DIR).
#
# stdout carries only the results, one line per workload:
#   godfs-sdk<TAB>workload<TAB>median<TAB>unit<TAB>round1 round2 ...
# and a peak-rss line for the cluster's processes. Logs go to WORK_DIR/logs and WORK_DIR/*.log.
# It holds the build lock /tmp/mvn.lock for the whole run (build-lock.sh). Every process it starts
# is stopped on exit (trap), also on failure.
set -euo pipefail
SIZE_MIB="${1:-1024}"
ROUNDS="${2:-3}"
WORK="${3:-/tmp/godfs-peers-sdk}"
WRITERS="${4:-8}"
SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
TREE="$(cd "$(dirname "$SELF")/../.." && pwd)"
say() { echo "godfs-sdk.sh: $*" >&2; }
die() { say "$*"; exit 1; }

[[ "$SIZE_MIB" =~ ^[1-9][0-9]*$ ]] || die "SIZE_MIB must be a positive integer (got '$SIZE_MIB')"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer (got '$ROUNDS')"
[[ "$WRITERS" =~ ^[1-9][0-9]*$ ]] || die "WRITERS must be a positive integer (got '$WRITERS')"
[ "$(id -u)" = 0 ] || die "run it as root (it drops the page cache: /proc/sys/vm/drop_caches)"

source "$TREE/benchmarks/peers/build-lock.sh"
hold_build_lock "$@"

LABEL=godfs-sdk
if [ -n "${PEERS_SDK_INSECURE:-}" ]; then
  LABEL=godfs-sdk-insecure
  export GODFS_LOCAL_INSECURE=1
fi

# Ten free ports in a row below Linux's ephemeral range: 3 masters, 3 Raft, 3 chunkservers.
ports_free() {
  local p
  for p in $(seq "$1" $(($1 + 9))); do
    ! ss -Htan "sport = :$p" | grep -q . || return 1
  done
}
while :; do
  BASE=$((20000 + RANDOM % 12000))
  ports_free "$BASE" && break
done
export GODFS_LOCAL_MASTERS=3 GODFS_LOCAL_MASTER_PORT=$BASE GODFS_LOCAL_FIRST_RAFT_PORT=$((BASE + 3))
export GODFS_LOCAL_FIRST_CHUNK_PORT=$((BASE + 6))

rm -rf "$WORK"
mkdir -p "$WORK"
CLUSTER="$TREE/deployments/local/cluster.sh"
stop_cluster() { "$CLUSTER" stop "$WORK" >/dev/null 2>&1 || true; }
trap stop_cluster EXIT
trap 'exit 130' INT TERM

# The jars: built when missing (./godfs builds the server jar on first use; the benchmarks jar too).
"$TREE/godfs" bench-peers-sdk --help >/dev/null 2>"$WORK/build.log" \
  || { tail -n 20 "$WORK/build.log" >&2; die "godfs bench-peers-sdk does not run (log: $WORK/build.log)"; }

say "starting 3 Ratis masters and 3 chunkservers on 127.0.0.1:$BASE.. (logs in $WORK/logs)"
"$CLUSTER" start "$WORK" >"$WORK/cluster.log" 2>&1 || { tail -n 20 "$WORK/cluster.log" >&2; die "the cluster did not start"; }
if [ -f "$WORK/security/client.env" ]; then
  # shellcheck disable=SC1091 # written by cluster.sh
  source "$WORK/security/client.env"
  # Chunkservers take only callers with a certificate of the cluster's CA: the client joins as a
  # user does (README, "the embedded certificate authority"), with a one-time token.
  sec="$WORK/security"
  (umask 077 && "$TREE/godfs" admin token create --role client --name bench >"$sec/bench.token" 2>>"$WORK/cluster.log")
  GODFS_JOIN_TOKEN="@$sec/bench.token" "$TREE/godfs" join --name bench --dir "$sec/bench-tls" \
    >"$sec/bench-join.out" 2>>"$WORK/cluster.log" || die "godfs join failed (log: $WORK/cluster.log)"
  for setting in $(grep -o 'GODFS_TLS_[A-Z_]*=[^ ]*' "$sec/bench-join.out"); do export "${setting?}"; done
  grep -q '^GODFS_TLS_CLIENT_CERT_FILE=' <(env) || die "godfs join printed no client certificate ($sec/bench-join.out)"
else
  export GODFS_MASTER="127.0.0.1:$BASE,127.0.0.1:$((BASE + 1)),127.0.0.1:$((BASE + 2))"
fi

say "running the workloads (${SIZE_MIB} MiB, $ROUNDS rounds, $WRITERS writers)"
START=$(date +%s)
timeout 1800 "$TREE/godfs" bench-peers-sdk --size "${SIZE_MIB}MiB" --rounds "$ROUNDS" --writers "$WRITERS" \
  --parts "${PEERS_SDK_PARTS:-DATA,METADATA}" \
  >"$WORK/results.tsv" 2>"$WORK/workload.log" \
  || { tail -n 20 "$WORK/workload.log" >&2; die "the workloads failed (log: $WORK/workload.log)"; }
say "workloads done in $(( $(date +%s) - START )) s"

# Peak resident memory of every server process (VmHWM), read before they stop.
hwm() { awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$(cat "$1")/status"; }
total=0; detail=""
for f in "$WORK"/master-*.pid "$WORK"/chunk-*.pid; do
  m=$(hwm "$f"); total=$((total + m)); detail="$detail $(basename "$f" .pid)=$m"
done
sed -i "s/^godfs-sdk\t/$LABEL\t/" "$WORK/results.tsv"
printf '%s\tpeak-rss\t%s\tMiB\tservers=%s%s\n' "$LABEL" "$total" "$total" "$detail" >>"$WORK/results.tsv"
cat "$WORK/results.tsv"
