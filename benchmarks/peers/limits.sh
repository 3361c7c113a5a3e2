#!/usr/bin/env bash
# Peers benchmark, the machine's limits (issue 26): what this box's disk and loopback carry when a
# user measures them with the stock tools, in the same run as goDFS, HDFS and MooseFS, so the
# table can put every figure next to the limit it runs into.
#
# Usage (as root: it drops the page cache before the read):
#   benchmarks/peers/limits.sh [SIZE_MIB=1024] [ROUNDS=3] [WORK_DIR=/tmp/godfs-peers-limits]
#
# Workloads, each ROUNDS times (no warm-up round; each round runs all five, in this order):
#   fio_write_1x_end_fsync  one fio job: SIZE_MIB MiB sequential writes of 1 MiB (psync) to a new
#                           file, then fsync (end_fsync=1, counted in fio's time), MB/s
#   fio_write_3x_end_fsync  the same with three jobs in parallel (numjobs=3), one file each: three
#                           durable copies, as a 3-replica write puts on this single disk. MB/s for
#                           all three together: the bytes of the three jobs / the longest job's time
#   fio_3_copies_of_a_file  the same run read as what it stands for: SIZE_MIB MiB made durable three
#                           times / the longest job's time (fio_write_3x_end_fsync / 3), MB/s of the
#                           file. The limit a 3-replica write of one file runs into on this disk:
#                           the issue's "machine's limit for three durable copies" (ADR 0030)
#   fio_read_direct         the 1x file read back sequentially in 1 MiB reads with O_DIRECT
#                           (direct=1), after `sync; echo 3 > /proc/sys/vm/drop_caches`, MB/s
#   iperf3_loopback         iperf3, one TCP stream, client and server on 127.0.0.1 (server started
#                           here on a free port, -1: one client then exit), IPERF_SECONDS (5) s, Gbit/s
#   list_10k_names_tmpfs    Python's os.listdir of a directory of 10,000 empty files on tmpfs (the
#                           kernel's own file system: no daemon, nothing to drop), the median of 21
#                           listings, ms: the floor under mount-workloads.py's names-only listing
# MB/s is 10^6 bytes per second, Gbit/s 10^9 bits per second. fio's files live in WORK_DIR (by
# default under /tmp, the disk the other parts of the benchmark write to); each round deletes the
# previous round's files and runs `sync` before writing.
#
# stdout carries only the result lines, as the other parts print them:
#   machine<TAB>workload<TAB>median<TAB>unit<TAB>round1 round2 ...
# (values of 100 and more rounded to integers, smaller ones with one decimal; the median of an even
# number of rounds is the mean of the middle two). Progress goes to stderr; fio's JSON and iperf3's
# output stay in WORK_DIR (fio-*.json, iperf3-*.json, iperf3-server-*.log).
#
# The build lock /tmp/mvn.lock is held for the measurements (build-lock.sh), as in the other parts.
# fio and iperf3 are installed with apt-get if missing (before the lock is taken). Nothing but 127.0.0.1 is
# ever contacted. On exit (also on failure or Ctrl-C) a trap stops the iperf3 server and deletes
# fio's files.
set -euo pipefail
SIZE_MIB="${1:-1024}"
ROUNDS="${2:-3}"
WORK="${3:-/tmp/godfs-peers-limits}"
HERE="$(cd "$(dirname "$0")" && pwd)"
SELF="$HERE/limits.sh"
IPERF_SECONDS="${IPERF_SECONDS:-5}"

say() { echo "limits.sh: $*" >&2; }
die() { say "$*"; exit 1; }

[[ "$SIZE_MIB" =~ ^[1-9][0-9]*$ ]] || die "SIZE_MIB must be a positive integer (got '$SIZE_MIB')"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer (got '$ROUNDS')"
[[ "$IPERF_SECONDS" =~ ^[1-9][0-9]*$ ]] || die "IPERF_SECONDS must be a positive integer"
[ "$(id -u)" = 0 ] || die "run it as root (it drops the page cache: /proc/sys/vm/drop_caches)"
for tool in python3 flock ss timeout; do
  command -v "$tool" >/dev/null || die "needs $tool"
done

# fio and iperf3 from Debian, before taking the lock (an install needs no quiet machine). iperf3's
# package may ask whether to start a daemon: noninteractive keeps debconf's default (no daemon).
for tool in fio iperf3; do
  if ! command -v "$tool" >/dev/null; then
    say "installing $tool (apt-get install -y $tool)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y "$tool" >/dev/null 2>&1 \
      || { apt-get update >/dev/null 2>&1; apt-get install -y "$tool" >/dev/null; } \
      || die "could not install $tool"
  fi
done

# The build lock, held for everything below (build-lock.sh).
source "$HERE/build-lock.sh"
hold_build_lock "$@"

DATA="$WORK/data"
mkdir -p "$WORK"
rm -rf "$DATA"
mkdir -p "$DATA"
rm -f "$WORK"/fio-*.json "$WORK"/iperf3-*.json "$WORK"/iperf3-server-*.log

# Disk: four SIZE_MIB files at once (the 1x file stays while the 3x jobs write), plus 1 GiB to spare.
need_mib=$(( 4 * SIZE_MIB + 1024 ))
avail_mib=$(( $(df -B1 --output=avail "$DATA" | tail -1 | tr -d ' ') >> 20 ))
[ "$avail_mib" -ge "$need_mib" ] || die "$DATA has $avail_mib MiB free; $need_mib MiB needed"

server_pid=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$DATA" "${LIST_DIR:-}"
  [ "$rc" = 0 ] || say "failed (exit $rc); logs in $WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# fio's JSON -> MB/s: the bytes of all jobs / the longest job's runtime (which includes end_fsync).
fio_mbps() { # FILE read|write
  python3 - "$1" "$2" <<'EOF'
import json, sys
path, ddir = sys.argv[1], sys.argv[2]
text = open(path).read()
jobs = json.loads(text[text.index("{"):])["jobs"]   # fio may put a notice before the JSON
total = sum(j[ddir]["io_bytes"] for j in jobs)
runtime_ms = max(j[ddir]["runtime"] for j in jobs)
if not total or not runtime_ms:
    sys.exit(f"{path}: no {ddir} bytes or no runtime")
print(f"{total / (runtime_ms / 1000) / 1e6:.3f}")
EOF
}

run_fio() { # JSON_FILE fio-options...
  local out=$1; shift
  timeout 1800 fio --output-format=json --output="$out" "$@" >/dev/null 2>>"$WORK/fio.stderr" \
    || die "fio failed (options: $*; output: $out, $WORK/fio.stderr)"
}

port_free() { ! ss -Htan "sport = :$1" | grep -q .; }
free_port() { # below Linux's ephemeral range (32768-60999), so no client connection takes it meanwhile
  local p
  for _ in $(seq 200); do
    p=$((20000 + RANDOM % 12000))
    port_free "$p" && { echo "$p"; return 0; }
  done
  die "found no free port"
}

iperf3_round() { # ROUND: one-off server on 127.0.0.1, one client stream; sets GBPS
  local r=$1 port
  port=$(free_port)
  iperf3 -s -1 -4 -B 127.0.0.1 -p "$port" >"$WORK/iperf3-server-$r.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 50); do
    ss -Htln "sport = :$port" | grep -q . && break
    kill -0 "$server_pid" 2>/dev/null || die "the iperf3 server exited (log: $WORK/iperf3-server-$r.log)"
    sleep 0.1
  done
  timeout $((IPERF_SECONDS + 30)) iperf3 -c 127.0.0.1 -4 -B 127.0.0.1 -p "$port" -P 1 \
    -t "$IPERF_SECONDS" -J >"$WORK/iperf3-$r.json" 2>&1 \
    || die "iperf3 failed (output: $WORK/iperf3-$r.json)"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
  GBPS=$(python3 - "$WORK/iperf3-$r.json" <<'PY'
import json, sys
end = json.load(open(sys.argv[1]))["end"]
print(f"{end['sum_received']['bits_per_second'] / 1e9:.3f}")
PY
)
}

fresh_disk() { rm -f "$DATA"/*; sync; }

# The listing floor: a tmpfs directory (under /dev/shm) of 10,000 empty files, made once.
LIST_DIR=$(mktemp -d /dev/shm/godfs-peers-list.XXXXXX)
python3 - "$LIST_DIR" <<'PY'
import os, sys
for i in range(10000):
    open(f"{sys.argv[1]}/f{i:05d}", "w").close()
PY
list_round() { # prints the median of 21 listings of LIST_DIR, ms
  python3 - "$LIST_DIR" <<'PY'
import os, statistics, sys, time
times = []
for _ in range(21):
    t = time.perf_counter()
    n = len(os.listdir(sys.argv[1]))
    times.append((time.perf_counter() - t) * 1000)
    assert n == 10000, n
print(f"{statistics.median(times):.3f}")
PY
}

say "fio $(fio --version), $(iperf3 --version | head -1); SIZE_MIB=$SIZE_MIB, ROUNDS=$ROUNDS, files in $DATA"
declare -a W1 W3 C3 RD NET LS
COMMON=(--directory="$DATA" --rw=write --bs=1M --size="${SIZE_MIB}M" --ioengine=psync --end_fsync=1)
for r in $(seq 1 "$ROUNDS"); do
  fresh_disk
  run_fio "$WORK/fio-write-1x-$r.json" --name=write1x "${COMMON[@]}" --numjobs=1
  W1+=("$(fio_mbps "$WORK/fio-write-1x-$r.json" write)")

  # The 1x file stays for the read; the three parallel jobs write three new files next to it.
  sync
  run_fio "$WORK/fio-write-3x-$r.json" --name=write3x "${COMMON[@]}" --numjobs=3
  W3+=("$(fio_mbps "$WORK/fio-write-3x-$r.json" write)")
  C3+=("$(python3 -c "print(${W3[-1]} / 3)")")
  rm -f "$DATA"/write3x.*

  sync; echo 3 >/proc/sys/vm/drop_caches
  run_fio "$WORK/fio-read-direct-$r.json" --name=readdirect --filename="$DATA/write1x.0.0" \
    --rw=read --bs=1M --size="${SIZE_MIB}M" --ioengine=psync --direct=1
  RD+=("$(fio_mbps "$WORK/fio-read-direct-$r.json" read)")

  iperf3_round "$r"
  NET+=("$GBPS")
  LS+=("$(list_round)")
  say "round $r/$ROUNDS: write 1x ${W1[-1]} MB/s, 3x ${W3[-1]} MB/s, O_DIRECT read ${RD[-1]} MB/s, loopback ${NET[-1]} Gbit/s, tmpfs listing ${LS[-1]} ms"
done
fresh_disk

# One result line per workload: the median and every round.
result() { # WORKLOAD UNIT VALUES...
  python3 - "$@" <<'EOF'
import statistics, sys
name, unit, vals = sys.argv[1], sys.argv[2], [float(v) for v in sys.argv[3:]]
fmt = lambda v: f"{v:.0f}" if v >= 100 else f"{v:.1f}"
print(f"machine\t{name}\t{fmt(statistics.median(vals))}\t{unit}\t" + " ".join(fmt(v) for v in vals))
EOF
}
result fio_write_1x_end_fsync MB/s "${W1[@]}"
result fio_write_3x_end_fsync MB/s "${W3[@]}"
result fio_3_copies_of_a_file MB/s "${C3[@]}"
result fio_read_direct MB/s "${RD[@]}"
result iperf3_loopback Gbit/s "${NET[@]}"
result list_10k_names_tmpfs ms "${LS[@]}"
