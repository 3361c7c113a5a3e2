#!/usr/bin/env bash
# POSIX metadata benchmark on the mount (issue 25; not part of the test suite): `ls -l` of a
# directory of 10,000 files and `find` over a tree of 100,000 files, on a goDFS mount next to a
# private MooseFS (the peer the issue names) and a tmpfs directory (/dev/shm: this machine's limit),
# all three measured in the same run; then the data-path figures of fuse-bench.sh next to the
# figures documented before issue 25 (docs/benchmarks.md, stop 17), with the difference in %.
#
# Usage (as root: it installs MooseFS, drops the kernel's dentry/inode caches and runs FUSE mounts):
#   adapters/fuse/bench/stat-bench.sh [ROUNDS=7] [FUSE_BENCH_MIB=1024] [WORK_DIR=/tmp/godfs-stat-bench]
# FUSE_BENCH_MIB=0 skips the data-path part. The whole run takes about 15-20 minutes.
#
# The build lock: the machine has 2 cores shared with other engineers' Maven builds, which take
# /tmp/mvn.lock. The script holds that lock for the whole measurement (it re-executes itself under
# `flock /tmp/mvn.lock`, after installing MooseFS if needed), so no build runs while it measures. It
# may wait for a running build first. Wrapping it in `flock /tmp/mvn.lock ...` yourself works too
# (it then sees the lock is held by its caller and does not take it twice).
#
# What it does:
# 1. MooseFS (Debian's moosefs-master, -chunkserver, -client; installed when missing): mfsmaster and
#    one mfschunkserver with their own config files, metadata and chunk folders under WORK_DIR (not
#    /etc/mfs nor /var/lib/mfs), listening on free non-default ports on 127.0.0.1, and mfsmount -H
#    127.0.0.1 -P PORT. MooseFS refuses to connect a chunkserver and its master over 127.0.0.0/8;
#    the chunkserver is given 0.0.0.0 as its master's address and the master's REMAP_* settings turn
#    the chunkserver's 127.0.0.1 into 0.0.0.0: a local connect() to 0.0.0.0 goes over loopback, so
#    no traffic leaves 127.0.0.1.
# 2. goDFS: `godfs dev` (master + 3 chunkservers, R=3) and `godfs mount`, as fuse-bench.sh starts them.
# 3. On each of the goDFS mount, the MooseFS mount and /dev/shm: a tree of 100 directories x 1,000
#    empty files (4 processes, create+close) and a directory of 10,000 empty files (1 process), with
#    the create rates; then, each as warm-up rounds (not counted) and ROUNDS measured rounds (medians
#    with the lowest and highest):
#      `ls -f DIR` (names only: getdents, no stat), `ls -l DIR` (getdents, then per entry a statx
#      and two getxattr), `find TREE` (getdents only: find uses the entry types), `find TREE -newer
#      REF` (an lstat per entry), and an lstat of each of the 10,000 names without listing the
#      directory first (in the helper's own Python process, as a build tool checks files it knows);
#      each warm (back to back: the kernel's and the daemons' caches hold what the round before
#      read, for their 1 s) and cold (before each round the kernel's dentries and inodes are
#      dropped, `echo 2 > /proc/sys/vm/drop_caches`, then 1.5 s pass, past the 1 s attribute, entry
#      and listing caches of goDFS's mount and of mfsmount, so every name goes to the FUSE daemon
#      and the daemon asks its master again unless a listing just brought it; tmpfs keeps its
#      dentries, which are its storage). The `ls` and `find` times include starting the process
#      (`ls -f` of an empty tmpfs directory is printed as that fixed cost).
# 4. Everything is stopped (trap), then adapters/fuse/bench/fuse-bench.sh FUSE_BENCH_MIB runs alone,
#    twice: secured as `godfs dev` runs now, and with GODFS_DEV_INSECURE=true as the cluster of the
#    documented figures ran (stop 17, 2026-11-27, before security existed).
# Nodes' and daemons' logs go to WORK_DIR/*.log; only the results are printed, tables last.
set -euo pipefail
ROUNDS="${1:-7}"
FUSE_BENCH_MIB="${2:-1024}"
WORK="${3:-/tmp/godfs-stat-bench}"
HOME_DIR="$(cd "$(dirname "$0")/../../.." && pwd)"
SELF="$HOME_DIR/adapters/fuse/bench/stat-bench.sh"
GODFS="$HOME_DIR/godfs"
LOCK=/tmp/mvn.lock

[ "$(id -u)" = 0 ] || { echo "stat-bench: run it as root (apt-get, drop_caches, FUSE mounts)" >&2; exit 1; }
for tool in python3 fusermount3 flock ss; do
  command -v "$tool" >/dev/null || { echo "stat-bench: needs $tool" >&2; exit 1; }
done

# 1a. MooseFS, before taking the lock (an install needs no quiet machine).
if ! command -v mfsmaster >/dev/null || ! command -v mfschunkserver >/dev/null || ! command -v mfsmount >/dev/null; then
  echo "stat-bench: installing MooseFS (apt-get install -y moosefs-master moosefs-chunkserver moosefs-client)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y moosefs-master moosefs-chunkserver moosefs-client >/dev/null 2>&1 \
    || { apt-get update >/dev/null 2>&1; apt-get install -y moosefs-master moosefs-chunkserver moosefs-client >/dev/null; }
fi

# The build lock, held for everything below: taken here unless an ancestor process holds it.
lock_held_by_caller() {
  local pid=$PPID cmd
  while [ "$pid" -gt 1 ]; do
    cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)
    case "$cmd" in flock*"$LOCK"*) return 0 ;; esac
    pid=$(awk '/^PPid:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 1)
  done
  return 1
}
if [ -z "${STAT_BENCH_LOCKED:-}" ] && ! lock_held_by_caller; then
  echo "stat-bench: taking the build lock $LOCK (waits for a running build)" >&2
  STAT_BENCH_LOCKED=1 exec flock "$LOCK" "$SELF" "$@"
fi
export STAT_BENCH_LOCKED=1

free_port() { ! ss -Htln "sport = :$1" | grep -q .; }
pick_ports() { # a base with BASE..BASE+3 (goDFS) and BASE+10..BASE+13 (MooseFS) all free
  local base p ok
  while :; do
    base=$((20000 + RANDOM % 20000)); ok=1
    for p in $base $((base + 1)) $((base + 2)) $((base + 3)) $((base + 10)) $((base + 11)) $((base + 12)) $((base + 13)); do
      free_port "$p" || { ok=0; break; }
    done
    [ "$ok" = 1 ] && { echo "$base"; return; }
  done
}
wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.2 s
  local limit=$(( $1 * 5 )) what="$2" i=0; shift 2
  until "$@"; do
    i=$((i + 1)); [ "$i" -ge "$limit" ] && { echo "stat-bench: timed out waiting for $what" >&2; return 1; }
    sleep 0.2
  done
}

PORT=$(pick_ports)
MFS_ML=$((PORT + 10)) MFS_CS=$((PORT + 11)) MFS_CL=$((PORT + 12)) MFS_CSSERV=$((PORT + 13))
SHM="/dev/shm/godfs-stat-bench-$$"
MFS="$WORK/mfs"
rm -rf "$WORK" && mkdir -p "$WORK/data" "$WORK/mnt" "$MFS/master" "$MFS/cs" "$MFS/hdd" "$MFS/mnt" "$SHM"
chmod 755 "$WORK" "$MFS"

godfs_pids=(); mfs_master=""; mfs_cs=""; mfs_mount=""
stop_godfs() {
  if mountpoint -q "$WORK/mnt"; then
    kill -TERM "${godfs_pids[1]:-0}" 2>/dev/null || true; sleep 3; fusermount3 -u -z "$WORK/mnt" 2>/dev/null || true
  fi
  for p in "${godfs_pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${godfs_pids[@]}"; do wait "$p" 2>/dev/null || true; done
  godfs_pids=()
}
stop_moosefs() {
  if mountpoint -q "$MFS/mnt"; then fusermount3 -u -z "$MFS/mnt" 2>/dev/null || umount -l "$MFS/mnt" 2>/dev/null || true; fi
  local p
  for p in $mfs_mount $mfs_cs $mfs_master; do
    kill -TERM "$p" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    wait "$p" 2>/dev/null || true
  done
  mfs_mount=""; mfs_cs=""; mfs_master=""
}
cleanup() {
  stop_godfs
  stop_moosefs
  rm -rf "$SHM" "$WORK/data" "$MFS/master" "$MFS/hdd" "$WORK/fuse-bench"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1b. A private MooseFS on loopback.
need=$((4 * 1024 * 1024 * 1024))
avail=$(df -B1 --output=avail "$MFS/hdd" | tail -1 | tr -d ' ')
[ "$avail" -ge "$need" ] || { echo "stat-bench: $MFS/hdd has $((avail >> 20)) MiB free; the chunkserver wants 4 GiB" >&2; exit 1; }
cp /var/lib/mfs/metadata.mfs.empty "$MFS/master/metadata.mfs"
echo "127.0.0.1 / rw,alldirs,admin,maproot=0:0" >"$MFS/mfsexports.cfg"
: >"$MFS/mfstopology.cfg"
echo "$MFS/hdd" >"$MFS/mfshdd.cfg"
cat >"$MFS/mfsmaster.cfg" <<EOF
WORKING_USER = mfs
WORKING_GROUP = mfs
DATA_PATH = $MFS/master
EXPORTS_FILENAME = $MFS/mfsexports.cfg
TOPOLOGY_FILENAME = $MFS/mfstopology.cfg
MATOML_LISTEN_HOST = 127.0.0.1
MATOML_LISTEN_PORT = $MFS_ML
MATOCS_LISTEN_HOST = 127.0.0.1
MATOCS_LISTEN_PORT = $MFS_CS
MATOCL_LISTEN_HOST = 127.0.0.1
MATOCL_LISTEN_PORT = $MFS_CL
# The master refuses chunkservers on 127.0.0.0/8; 0.0.0.0 is this host too (loopback).
REMAP_BITS = 32
REMAP_SOURCE_IP_CLASS = 127.0.0.1
REMAP_DESTINATION_IP_CLASS = 0.0.0.0
EOF
cat >"$MFS/mfschunkserver.cfg" <<EOF
WORKING_USER = mfs
WORKING_GROUP = mfs
DATA_PATH = $MFS/cs
HDD_CONF_FILENAME = $MFS/mfshdd.cfg
BIND_HOST = 127.0.0.1
# The chunkserver refuses a master on 127.0.0.0/8; 0.0.0.0 reaches the local one over loopback.
MASTER_HOST = 0.0.0.0
MASTER_PORT = $MFS_CS
CSSERV_LISTEN_HOST = 127.0.0.1
CSSERV_LISTEN_PORT = $MFS_CSSERV
EOF
chown -R mfs:mfs "$MFS/master" "$MFS/cs" "$MFS/hdd"
mfsmaster -f -c "$MFS/mfsmaster.cfg" >"$WORK/mfsmaster.log" 2>&1 &
mfs_master=$!
wait_for 60 "mfsmaster" grep -aq "mfsmaster daemon initialized properly" "$WORK/mfsmaster.log"
mfschunkserver -f -c "$MFS/mfschunkserver.cfg" >"$WORK/mfschunkserver.log" 2>&1 &
mfs_cs=$!
wait_for 60 "the chunkserver's registration" grep -aq "chunkserver register end" "$WORK/mfsmaster.log"
mfsmount -f -H 127.0.0.1 -P "$MFS_CL" "$MFS/mnt" >"$WORK/mfsmount.log" 2>&1 &
mfs_mount=$!
wait_for 60 "mfsmount" mountpoint -q "$MFS/mnt"
echo probe >"$MFS/mnt/probe" && [ "$(cat "$MFS/mnt/probe")" = probe ] && rm "$MFS/mnt/probe" \
  || { echo "stat-bench: the MooseFS mount does not store data" >&2; exit 1; }
MFS_VERSION=$(mfsmaster -v 2>&1 | grep -o '[0-9][0-9.]*[0-9]' | head -1)

# 2. goDFS dev + mount, as fuse-bench.sh starts them (the gateway on any free port, not 8080).
"$GODFS" dev --data "$WORK/data" --port "$PORT" --first-chunk-port $((PORT + 1)) --gateway-port 0 >"$WORK/dev.log" 2>&1 &
godfs_pids+=($!)
wait_for 120 "godfs dev" grep -q "Ctrl-C" "$WORK/dev.log"
export GODFS_MASTER="127.0.0.1:$PORT"
"$GODFS" mount --mountpoint "$WORK/mnt" >"$WORK/mount.log" 2>&1 &
godfs_pids+=($!)
wait_for 120 "godfs mount" grep -q "mounted at" "$WORK/mount.log"

# 3. The workloads, one file system after another (the helper is below).
cat >"$WORK/stat_bench.py" <<'PY'
import json, os, statistics, subprocess, sys, time
from multiprocessing import Pool

DIRS, PER_DIR, FLAT = 100, 1000, 10000
ENV = dict(os.environ, LC_ALL="C")

def touch_dir(args):
    d, n = args
    for i in range(n):
        os.close(os.open(f"{d}/f{i:05d}", os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o644))

def make(root):
    """The tree (4 processes) then the flat directory (1 process); returns the two rates."""
    os.close(os.open(f"{root}/ref", os.O_CREAT | os.O_WRONLY, 0o644))
    tree = [f"{root}/tree/d{j:03d}" for j in range(DIRS)]
    for d in tree:
        os.makedirs(d)
    t = time.perf_counter()
    with Pool(4) as pool:
        pool.map(touch_dir, [(d, PER_DIR) for d in tree], chunksize=1)
    tree_s = time.perf_counter() - t
    os.makedirs(f"{root}/flat")
    t = time.perf_counter()
    touch_dir((f"{root}/flat", FLAT))
    flat_s = time.perf_counter() - t
    return DIRS * PER_DIR / tree_s, FLAT / flat_s

def drop():
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("2\n")

def run(cmd, cold):
    if cold:
        drop()
        time.sleep(1.5)  # past the 1 s attribute, entry and listing caches of both FUSE daemons
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, env=ENV, check=True)
    return time.perf_counter() - t

def lstat_names(names):
    """An lstat of each known name, in this process (no readdir first, no process start)."""
    def go(cold):
        if cold:
            drop()
            time.sleep(1.5)
        t = time.perf_counter()
        for name in names:
            os.lstat(name)
        return time.perf_counter() - t
    return go

def rounds(cmd, cold, n, warmup):
    timed = cmd if callable(cmd) else (lambda c: run(cmd, c))
    for _ in range(warmup):
        timed(cold)
    return [timed(cold) for _ in range(n)]

def main():
    fs, root, n, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    res = {"fs": fs}
    res["create_tree"], res["create_flat"] = make(root)
    flat, tree, ref = f"{root}/flat", f"{root}/tree", f"{root}/ref"
    work = [
        ("ls_f", ["ls", "-f", flat], FLAT),
        ("ls_l", ["ls", "-l", "--color=never", flat], FLAT),
        ("find", ["find", tree], DIRS * PER_DIR),
        ("find_newer", ["find", tree, "-newer", ref], DIRS * PER_DIR),
        ("lstat", lstat_names([f"{flat}/f{i:05d}" for i in range(FLAT)]), FLAT),
    ]
    for key, cmd, entries in work:
        for cold in (False, True):
            times = rounds(cmd, cold, n, 2)
            res[f"{key}_{'cold' if cold else 'warm'}"] = times
            print(f"  {fs} {key} {'cold' if cold else 'warm'}: median "
                  f"{statistics.median(times) * 1000:.1f} ms", file=sys.stderr, flush=True)
    if fs == "tmpfs":
        os.makedirs(f"{root}/empty")
        res["start"] = rounds(["ls", "-f", f"{root}/empty"], False, n, 2)
    with open(out, "a") as f:
        f.write(json.dumps(res) + "\n")

if __name__ == "__main__":
    main()
PY

RESULTS="$WORK/results.jsonl"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
START=$(date +%s)
echo "== stat-bench: creating the files and measuring (${ROUNDS} rounds after 2 warm-up rounds each)" >&2
for fs in godfs moosefs tmpfs; do
  case $fs in godfs) root="$WORK/mnt" ;; moosefs) root="$MFS/mnt" ;; tmpfs) root="$SHM" ;; esac
  echo "  $fs: creating 100 x 1,000 + 10,000 empty files in $root" >&2
  python3 "$WORK/stat_bench.py" "$fs" "$root" "$ROUNDS" "$RESULTS"
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
STAT_SECONDS=$(( $(date +%s) - START ))
cleanup  # everything down before the data-path benchmark runs alone

# 4. The data-path figures of fuse-bench.sh, alone on the machine (still under the lock): once as
# `godfs dev` runs now (secured: TLS on every connection, API keys, chunk tokens) and once with
# GODFS_DEV_INSECURE=true, the cluster stop 17's figures were measured on (security came later).
if [ "$FUSE_BENCH_MIB" -gt 0 ]; then
  for mode in secured insecure; do
    echo "== stat-bench: adapters/fuse/bench/fuse-bench.sh $FUSE_BENCH_MIB, $mode (a few minutes)" >&2
    if [ "$mode" = insecure ]; then export GODFS_DEV_INSECURE=true; else unset GODFS_DEV_INSECURE; fi
    "$HOME_DIR/adapters/fuse/bench/fuse-bench.sh" "$FUSE_BENCH_MIB" "$WORK/fuse-bench" >"$WORK/fuse-bench-$mode.out" 2>&1 \
      || { echo "stat-bench: fuse-bench.sh ($mode) failed:" >&2; tail -20 "$WORK/fuse-bench-$mode.out" >&2; }
  done
  unset GODFS_DEV_INSECURE
fi

# The report: the machine, then the tables (no log lines among them).
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
echo
JAR="$HOME_DIR/bootstrap/target/godfs-bootstrap-0.1.0-SNAPSHOT.jar"
echo "goDFS stat-bench, $(date -u '+%Y-%m-%d %H:%M UTC'); goDFS: HEAD $(git -C "$HOME_DIR" rev-parse --short HEAD 2>/dev/null || echo '?'), jar built $(date -u -r "$JAR" '+%H:%M UTC' 2>/dev/null || echo '?'); MooseFS $MFS_VERSION"
echo "machine: $(nproc) cores ($CPU), $(free -g | awk '/^Mem:/ {print $2}') GiB, Linux $(uname -r), $(fusermount3 -V 2>&1 | head -1)"
echo "load average before / after the metadata part: $LOAD_BEFORE / $LOAD_AFTER ($STAT_SECONDS s); build lock $LOCK held throughout"
echo "goDFS: godfs dev (in-memory master, 3 chunkservers) + godfs mount, default 1 s attribute/entry/listing TTLs"
echo "MooseFS: mfsmaster + 1 mfschunkserver + mfsmount, defaults (attributes 1 s, file entries 0 s, directory entries 1 s)"
echo "tmpfs: $SHM (no daemon, no FUSE: the machine's limit)"
echo
python3 - "$RESULTS" "$ROUNDS" "$MFS_VERSION" <<'PY'
import json, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    r = json.loads(line)
    rows[r["fs"]] = r
n = sys.argv[2]
order = ["godfs", "moosefs", "tmpfs"]
def timing(times, entries):
    med = statistics.median(times)
    return f"{med * 1000:,.1f} ms ({min(times) * 1000:,.0f}-{max(times) * 1000:,.0f}); {entries / med:,.0f}/s"
lines = [
    ("create 100 dirs × 1,000 empty files, 4 processes", "create_tree", None),
    ("create 10,000 empty files in one dir, 1 process", "create_flat", None),
    ("`ls -f` 10,000 entries (names only), warm", "ls_f_warm", 10000),
    ("`ls -f` 10,000 entries (names only), cold", "ls_f_cold", 10000),
    ("`ls -l` 10,000 entries, warm (back to back)", "ls_l_warm", 10000),
    ("`ls -l` 10,000 entries, cold (caches expired)", "ls_l_cold", 10000),
    ("`find` 100,000 files (getdents only), warm", "find_warm", 100000),
    ("`find` 100,000 files (getdents only), cold", "find_cold", 100000),
    ("`find -newer` 100,000 files (lstat each), warm", "find_newer_warm", 100000),
    ("`find -newer` 100,000 files (lstat each), cold", "find_newer_cold", 100000),
    ("lstat of 10,000 known names, no listing first, warm", "lstat_warm", 10000),
    ("lstat of 10,000 known names, no listing first, cold", "lstat_cold", 10000),
]
print(f"| workload (median of {n} rounds after 2 warm-up rounds; lowest-highest) | goDFS | MooseFS {sys.argv[3]} | tmpfs (machine limit) |")
print("|---|---|---|---|")
for label, key, entries in lines:
    cells = []
    for fs in order:
        v = rows.get(fs, {}).get(key)
        if v is None:
            cells.append("-")
        elif entries is None:
            cells.append(f"{v:,.0f} creates/s")
        else:
            cells.append(timing(v, entries))
    print(f"| {label} | " + " | ".join(cells) + " |")
if "tmpfs" in rows and "start" in rows["tmpfs"]:
    s = rows["tmpfs"]["start"]
    print(f"\nIn every `ls` and `find` time above: starting the process, `ls -f` of an empty tmpfs directory: {statistics.median(s) * 1000:.1f} ms (median)")
if "moosefs" in rows:
    m = statistics.median(rows["moosefs"]["ls_f_warm"]) * 1000
    g = statistics.median(rows["godfs"]["ls_f_warm"]) * 1000 if "godfs" in rows else float("nan")
    print(f"Issue 25's MooseFS figure, listing 10,000 entries: 3.4 ms; here a names-only listing (`ls -f`, warm): MooseFS {m:.1f} ms, goDFS {g:.1f} ms")
for a, b in (("godfs", "moosefs"), ("godfs", "tmpfs")):
    if a in rows and b in rows:
        parts = []
        for label, key, entries in lines[2:]:
            ra, rb = statistics.median(rows[a][key]), statistics.median(rows[b][key])
            parts.append(f"{key} {ra / rb:.1f}x")
        print(f"goDFS's time / {'MooseFS' if b == 'moosefs' else b}'s: " + ", ".join(parts))
PY

if [ "$FUSE_BENCH_MIB" -gt 0 ]; then
  for mode in secured insecure; do
    [ -s "$WORK/fuse-bench-$mode.out" ] || continue
    echo
    echo "== data path: adapters/fuse/bench/fuse-bench.sh $FUSE_BENCH_MIB, $mode, in this run (its own output)"
    grep -v '^$' "$WORK/fuse-bench-$mode.out"
  done
  echo
  python3 - "$WORK/fuse-bench-secured.out" "$WORK/fuse-bench-insecure.out" "$FUSE_BENCH_MIB" <<'PY'
import os, re, statistics, sys

def figures(path):
    if not os.path.exists(path):
        return {}
    out = open(path).read()
    def grab(pattern, group=1):
        m = re.search(pattern, out, re.M)
        return float(m.group(group)) if m else None
    return {
        "write": grab(r"goDFS mount: write (\d+) MiB/s"),
        "read": grab(r"^\s+read (\d+) MiB/s \(fresh open"),
        "c1": grab(r"mount (\d+)/s from 1 process"),
        "c4": grab(r"(\d+)/s from 4"),
        "raw_w": grab(r"raw disk:\s+write (\d+) MiB/s"),
        "raw_r": grab(r"read (\d+) MiB/s \(O_DIRECT\)"),
        "raw_c": grab(r"raw disk (\d+)/s"),
        "sdk_w": grab(r"write, R=3, durable at close \(fsync x3\)\s+(\d+)"),
        "copies": grab(r"write, R=3, durable at close \(fsync x3\)\s+\d+\s+(\d+)"),
    }

secured, insecure = figures(sys.argv[1]), figures(sys.argv[2])
# Before issue 25: docs/benchmarks.md, "Stop 17 (2026-11-27, same VM as stop 16): the mount on
# libfuse 3", fuse-bench.sh 1024, three runs (security did not exist yet); the median is the reference.
before = {
    "write": [192, 259, 267],
    "read": [1010, 1563, 1311],
    "c1": [835, 847, 730],
    "c4": [1304, 1367, 1357],
    "raw_w": [528, 1164, 1684],
    "raw_r": [2376, 1542, 1918],
    "raw_c": [15009, 4287, 3877],
    "sdk_w": [133, 139, 137],
    "copies": [117, 116, 116],
}
rows = [
    ("fio 1 MiB write, R=3, durable at close", "write", "MiB/s", True),
    ("fio 1 MiB read, cold", "read", "MiB/s", True),
    ("1 KiB creates/s, 1 process", "c1", "/s", True),
    ("1 KiB creates/s, 4 processes", "c4", "/s", True),
    ("machine: raw disk write, one copy, fsync at end", "raw_w", "MiB/s", False),
    ("machine: raw disk read, O_DIRECT", "raw_r", "MiB/s", False),
    ("machine: raw disk 1 KiB creates/s", "raw_c", "/s", False),
    ("SDK in-process write, R=3 (godfs bench)", "sdk_w", "MiB/s", False),
    ("machine: 3 copies + fsync (godfs bench)", "copies", "MiB/s", False),
]
def cell(v, unit):
    return "(not found)" if v is None else f"{v:,.0f} {unit}"
def diff(v, ref):
    return "" if v is None else f"{(v - ref) / ref * 100:+.0f} %"
mib = sys.argv[3]
print(f"| data path (fuse-bench.sh {mib}) | this run, secured (as `godfs dev` runs now) | this run, GODFS_DEV_INSECURE=true | before issue 25: stop 17, 2026-11-27, 1024 MiB, median (3 runs) | secured vs before | security off vs before |")
print("|---|---|---|---|---|---|")
for label, key, unit, target in rows:
    ref = statistics.median(before[key])
    runs = " / ".join(f"{v:,}" for v in before[key])
    vs, vi = secured.get(key), insecure.get(key)
    print(f"| {label} | {cell(vs, unit)} | {cell(vi, unit)} | {ref:,.0f} {unit} ({runs}) | {diff(vs, ref)} | {diff(vi, ref)} |")
print("The four mount rows are the issue's target (within 10 % of before); the machine and SDK rows show how this VM and this run compare with stop 17's.")
PY
fi
