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
[ -z "${PEERS_SDK_INSECURE:-}" ] || LABEL=godfs-sdk-insecure
source "$TREE/benchmarks/peers/bench-cluster.sh"
start_bench_cluster bench-peers-sdk

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
