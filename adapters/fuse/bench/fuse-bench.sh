#!/usr/bin/env bash
# FUSE mount benchmark (not part of the test suite): fio sequential 1 MiB write and read on a goDFS
# mount, next to the same fio on the raw disk and the SDK's own figures (godfs bench), plus 1 KiB
# file creates/s (create+write+close) from 1 and from 4 processes. Needs fio, fuse3, root.
# Usage: adapters/fuse/bench/fuse-bench.sh [SIZE_MIB=1024] [WORK_DIR=/tmp/godfs-fuse-bench]
set -euo pipefail
SIZE_MIB="${1:-1024}"
WORK="${2:-/tmp/godfs-fuse-bench}"
HOME_DIR="$(cd "$(dirname "$0")/../../.." && pwd)"
GODFS="$HOME_DIR/godfs"
PORT=$((20000 + RANDOM % 20000))
rm -rf "$WORK" && mkdir -p "$WORK/data" "$WORK/mnt" "$WORK/raw"
pids=()
cleanup() {
  mountpoint -q "$WORK/mnt" && { kill -TERM "${pids[1]:-0}" 2>/dev/null || true; sleep 3; fusermount3 -u -z "$WORK/mnt" 2>/dev/null || true; }
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

"$GODFS" dev --data "$WORK/data" --port "$PORT" --first-chunk-port $((PORT + 1)) >"$WORK/dev.log" 2>&1 &
pids+=($!)
until grep -q "Ctrl-C" "$WORK/dev.log"; do sleep 0.2; done
export GODFS_MASTER="127.0.0.1:$PORT"
"$GODFS" mount --mountpoint "$WORK/mnt" >"$WORK/mount.log" 2>&1 &
pids+=($!)
until grep -q "mounted at" "$WORK/mount.log"; do sleep 0.2; done

fio_bw() { # prints MiB/s of one fio run: fio_bw DIR rw [extra args]; FIO_NAME names the file (default seq)
  local dir="$1" rw="$2"; shift 2
  fio --name="${FIO_NAME:-seq}" --directory="$dir" --rw="$rw" --bs=1M --size="${SIZE_MIB}M" --ioengine=psync --numjobs=1 \
    --output-format=json "$@" 2>/dev/null | python3 -c '
import json,sys; j=json.load(sys.stdin)["jobs"][0]; k="write" if j["write"]["bw"]>0 else "read"
print("%.0f" % (j[k]["bw"]/1024))'
}

agree() { # agree TOLERANCE RATE...: exit 0 when the last three rates differ by at most TOLERANCE (0.10 = 10 %)
  python3 -c "
import sys; r=[float(x) for x in sys.argv[2:]][-3:]
sys.exit(0 if len(r) == 3 and (max(r) - min(r)) / max(r) <= float(sys.argv[1]) else 1)" "$@"
}

echo "== fio sequential 1 MiB, ${SIZE_MIB} MiB file, replication 3 (godfs dev on this machine)"
raw_w=$(fio_bw "$WORK/raw" write --end_fsync=1)
raw_r=$(fio_bw "$WORK/raw" read --direct=1)
# The mount's first write runs on a cold JIT (the mount and the cluster compile their data paths
# during it) and is about half the steady figure. Writes of new files follow until the last three
# agree within 10 % (at most 8): the last one is the figure, the first one is shown next to it.
wrates=(); w=0
while :; do
  w=$((w + 1)); wrates+=("$(FIO_NAME="w$w" fio_bw "$WORK/mnt" write --end_fsync=1)")
  [ "$w" -gt 1 ] && rm -f "$WORK/mnt/w$((w - 1))."*
  agree 0.10 "${wrates[@]}" && { wsettle="steady after $w writes"; break; }
  [ "$w" -ge 8 ] && { wsettle="not settled after 8 writes"; break; }
done
fuse_w="${wrates[-1]}"
# Cold: the chunkservers' files leave the page cache too (root only; else the read is warm on their side).
# Like the write, the first read also compiles the mount's read path; reads (each after dropping the
# page cache) follow until the last three agree within 10 % (at most 8).
rrates=(); r=0
while :; do
  r=$((r + 1))
  sync; echo 3 > /proc/sys/vm/drop_caches 2>/dev/null && cold="cold: page cache dropped" || cold="chunkservers' page cache warm"
  rrates+=("$(FIO_NAME="w$w" fio_bw "$WORK/mnt" read)")
  agree 0.10 "${rrates[@]}" && { rsettle="steady after $r reads"; break; }
  [ "$r" -ge 8 ] && { rsettle="not settled after 8 reads"; break; }
done
fuse_r="${rrates[-1]}"
# The same bytes through the SDK from another process (the CLI), as the mount is: the in-process
# figures at the end share one JVM with the cluster, which a mount never does.
raw_file=$(ls "$WORK"/raw/seq.* | head -1)
start=$(date +%s.%N); "$GODFS" fs put "$raw_file" /cli-put.bin >/dev/null; end=$(date +%s.%N)
cli_w=$(python3 -c "print('%.0f' % ($SIZE_MIB / ($end - $start)))")
echo "raw disk:    write ${raw_w} MiB/s (one copy, fsync at end)   read ${raw_r} MiB/s (O_DIRECT)"
echo "CLI put:     write ${cli_w} MiB/s (3 replicas, durable; SDK in a separate process, JVM start included)"
echo "goDFS mount: write ${fuse_w} MiB/s (3 replicas, durable; ${wsettle}: ${wrates[*]})"
echo "             read ${fuse_r} MiB/s (fresh open; ${cold}; ${rsettle}: ${rrates[*]})"

creates() { # creates() DIR N: 1 KiB files with shell builtins (no fork per file)
  local d="$1" n="$2" block; block=$(head -c 1024 /dev/zero | tr '\0' 'x'); mkdir -p "$d"
  for ((i = 0; i < n; i++)); do printf '%s' "$block" >"$d/f$i"; done
}
N=1000
# Steady state: the mount's and the cluster's JITs take several thousand creates to settle on this
# path (cold, the first thousand run several times slower). Rounds of N creates until the last three
# agree within 6 %, at least 10 rounds (three slow rounds can agree while the JIT is still at work)
# and at most 20; the last round is the figure.
round=0; rates=()
while :; do
  start=$(date +%s.%N); creates "$WORK/mnt/c1-$round" $N; end=$(date +%s.%N)
  rates+=("$(python3 -c "print('%.0f' % ($N / ($end - $start)))")"); round=$((round + 1))
  [ $round -ge 10 ] && agree 0.06 "${rates[@]}" && { settle="steady after $round rounds of $N"; break; }
  [ $round -ge 20 ] && { settle="not settled after 20 rounds of $N"; break; }
done
one="${rates[-1]}"
start=$(date +%s.%N)
for j in 1 2 3 4; do creates "$WORK/mnt/c4-$j" $N & done; wait $(jobs -p | tail -4)
end=$(date +%s.%N)
four=$(python3 -c "print('%.0f' % (4 * $N / ($end - $start)))")
start=$(date +%s.%N); creates "$WORK/raw/c1" $N; sync; end=$(date +%s.%N)
rawc=$(python3 -c "print('%.0f' % ($N / ($end - $start)))")
echo "1 KiB creates/s (create+write+close; kept inline by the dev in-memory master, ADR 0016): mount ${one}/s from 1 process (${settle}; rounds: ${rates[*]}), ${four}/s from 4; raw disk ${rawc}/s"

echo "== SDK in the same run (godfs bench, in-process cluster)"
"$GODFS" bench --size "${SIZE_MIB}MiB" --dir "$WORK" 2>&1 | tail -6  # the table: write and read lines
