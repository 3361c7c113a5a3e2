#!/usr/bin/env bash
# Growth part of the peers benchmark (ADR 0030, issue "Faster than HDFS and MooseFS", point 4):
# on the cluster godfs-sdk.sh measures (bench-cluster.sh), one client writes files of 1, 4 and
# 16 GiB one after another, each followed by every process's resident memory, then creates a
# million small files from 16 threads, with the rate of the first and the last 50,000 and the
# masters' heap per file (after a full collection, through jcmd). `godfs bench-growth` does the
# measuring.
#
# Usage (as root: it flushes dirty pages before each write):
#   benchmarks/peers/growth.sh [SIZES_GIB=1,4,16] [FILES=1000000] [WORK_DIR=/tmp/godfs-growth] [FILE_BYTES=1024]
# Disk: three replicas of the largest file at once (48 GiB for 16 GiB).
#
# stdout carries only the results, one line per figure:
#   godfs-growth<TAB>workload<TAB>figure<TAB>unit<TAB>rounds or what the figure is made of
# Logs go to WORK_DIR/logs and WORK_DIR/*.log. It holds the build lock /tmp/mvn.lock for the whole
# run (build-lock.sh). Every process it starts is stopped on exit (trap), also on failure.
set -euo pipefail
SIZES="${1:-1,4,16}"
FILES="${2:-1000000}"
WORK="${3:-/tmp/godfs-growth}"
FILE_BYTES="${4:-1024}"
SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
TREE="$(cd "$(dirname "$SELF")/../.." && pwd)"
say() { echo "growth.sh: $*" >&2; }
die() { say "$*"; exit 1; }

[[ "$SIZES" =~ ^[1-9][0-9]*(,[1-9][0-9]*)*$ ]] || die "SIZES_GIB must be GiB separated by commas (got '$SIZES')"
[[ "$FILES" =~ ^[0-9]+$ ]] || die "FILES must be a whole number (got '$FILES')"
[[ "$FILE_BYTES" =~ ^[0-9]+$ ]] || die "FILE_BYTES must be a whole number (got '$FILE_BYTES')"
[ "$(id -u)" = 0 ] || die "run it as root (it flushes dirty pages: /proc/sys/vm/drop_caches)"

# Three replicas of the largest file land on this one disk at once (a run that filled the disk
# failed its 16 GiB write with a misleading "holds no replica"): refuse to start without room.
largest=$(tr ',' '\n' <<<"$SIZES" | sort -n | tail -n 1)
need_gib=$(( 3 * largest + 4 ))
free_gib=$(( $(df -Pk "$(dirname "$WORK")" | awk 'NR == 2 {print $4}') / 1048576 ))
(( free_gib >= need_gib )) \
  || die "needs $need_gib GiB free in $(dirname "$WORK") for three replicas of $largest GiB (has $free_gib GiB)"

source "$TREE/benchmarks/peers/build-lock.sh"
hold_build_lock "$@"
source "$TREE/benchmarks/peers/bench-cluster.sh"
start_bench_cluster bench-growth
# The chunkservers' data goes with the cluster (tens of GiB); logs, pid files and the masters'
# Raft directories stay for a look afterwards.
trap 'stop_cluster; rm -rf "$WORK"/chunk-*/' EXIT

WINDOW=$(( FILES >= 500000 ? 50000 : (FILES >= 10 ? FILES / 10 : FILES) ))
say "running: files of $SIZES GiB, then $FILES files of $FILE_BYTES bytes (windows of $WINDOW)"
START=$(date +%s)
timeout 7200 "$TREE/godfs" bench-growth --servers "$WORK" --sizes "$SIZES" --files "$FILES" \
  --file-bytes "$FILE_BYTES" --window "$(( WINDOW > 0 ? WINDOW : 1 ))" \
  >"$WORK/results.tsv" 2>"$WORK/workload.log" \
  || { tail -n 20 "$WORK/workload.log" >&2; die "the workloads failed (log: $WORK/workload.log)"; }
say "done in $(( $(date +%s) - START )) s"
cat "$WORK/results.tsv"
