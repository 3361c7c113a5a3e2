#!/usr/bin/env bash
# Peers benchmark, the MooseFS side: a private MooseFS 3.0 (Debian packages) on loopback, one
# mfsmaster + THREE mfschunkservers + mfsmount, goal 3 (every chunk on the three chunkservers, like
# goDFS's and HDFS's R=3), and the mount workloads of mount-workloads.py on its mount.
#
# Usage (as root: apt-get, drop_caches, FUSE mount):
#   benchmarks/peers/moosefs.sh [SIZE_MIB=1024] [ROUNDS=3] [WORK_DIR=/tmp/godfs-peers-mfs]
#
# stdout: only the result lines, LABEL<TAB>workload<TAB>median<TAB>unit<TAB>rounds..., the
# workloads' lines and then the peak resident memory (VmHWM) of all MooseFS processes together and
# of each (mfsmount, mfsmaster, the three chunkservers), in MiB. Progress goes to stderr; the
# daemons' logs and the workloads' log to WORK_DIR/*.log (kept after the run).
#
# The build lock: the machine's 2 cores are shared with Maven builds and other benchmarks, which
# take /tmp/mvn.lock. The script holds it for the whole cluster's life (it re-executes itself under
# `flock /tmp/mvn.lock` after installing MooseFS if needed, unless a calling process already holds
# it, e.g. `flock /tmp/mvn.lock benchmarks/peers/moosefs.sh`).
#
# Loopback: the master refuses chunkservers that connect from 127.0.0.0/8. The chunkservers get
# MASTER_HOST = 0.0.0.0 (a local connect() to 0.0.0.0 goes over lo) and the master's REMAP_*
# settings turn their 127.0.0.1 into 0.0.0.0; mfsmount talks to 127.0.0.1. Nothing leaves the host.
# Everything started here is stopped on exit (trap), also on failure or Ctrl-C.
set -euo pipefail
SIZE_MIB="${1:-1024}"
ROUNDS="${2:-3}"
WORK="${3:-/tmp/godfs-peers-mfs}"
HERE="$(cd "$(dirname "$0")" && pwd)"
SELF="$HERE/moosefs.sh"
CHUNKSERVERS=3

say() { echo "moosefs.sh: $*" >&2; }
[ "$(id -u)" = 0 ] || { say "run it as root (apt-get, drop_caches, FUSE mounts)"; exit 1; }
for tool in python3 fusermount3 flock ss timeout; do
  command -v "$tool" >/dev/null || { say "needs $tool"; exit 1; }
done

# MooseFS from Debian, before taking the lock (an install needs no quiet machine).
PKGS="moosefs-master moosefs-chunkserver moosefs-client moosefs-cli"
if ! command -v mfsmaster >/dev/null || ! command -v mfschunkserver >/dev/null \
   || ! command -v mfsmount >/dev/null || ! command -v mfscli >/dev/null; then
  say "installing MooseFS (apt-get install -y $PKGS)"
  export DEBIAN_FRONTEND=noninteractive
  # shellcheck disable=SC2086
  apt-get install -y $PKGS >/dev/null 2>&1 \
    || { apt-get update >/dev/null 2>&1; apt-get install -y $PKGS >/dev/null; }
fi

# The build lock, held for everything below (build-lock.sh).
source "$(dirname "$SELF")/build-lock.sh"
hold_build_lock "$@"

# No socket at all on the port, listening or not: a client connection's local port blocks a listener
# too (a run failed so: mfsmaster "can't listen on ...: EADDRINUSE").
free_port() { ! ss -Htan "sport = :$1" | grep -q .; }
pick_base() { # BASE..BASE+5 all free: master (3 ports) + one per chunkserver
  local base p ok
  while :; do
    # Below Linux's ephemeral range (32768-60999), so no client connection takes a port meanwhile.
    base=$((20000 + RANDOM % 12000)); ok=1
    for p in $(seq "$base" $((base + 2 + CHUNKSERVERS))); do free_port "$p" || { ok=0; break; }; done
    [ "$ok" = 1 ] && { echo "$base"; return; }
  done
}
wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...: polls COMMAND every 0.2 s
  local limit=$(( $1 * 5 )) what="$2" i=0; shift 2
  until "$@"; do
    i=$((i + 1)); [ "$i" -ge "$limit" ] && { say "timed out waiting for $what"; return 1; }
    sleep 0.2
  done
}

BASE=$(pick_base)
ML=$BASE CS=$((BASE + 1)) CL=$((BASE + 2))
MFS="$WORK/mfs"
MNT="$WORK/mnt"
rm -rf "$WORK"
mkdir -p "$WORK" "$MFS/master" "$MNT"
chmod 755 "$WORK" "$MFS"

# Disk: each chunkserver keeps 1 GiB free (HDD_LEAVE_SPACE_DEFAULT) and holds a copy of the file.
need_mib=$(( CHUNKSERVERS * (SIZE_MIB + 1024) + 2048 ))
avail_mib=$(( $(df -B1 --output=avail "$WORK" | tail -1 | tr -d ' ') >> 20 ))
[ "$avail_mib" -ge "$need_mib" ] || { say "$WORK has $avail_mib MiB free; $need_mib MiB needed"; exit 1; }

master_pid=""; mount_pid=""; cs_pids=()
stop_pid() { # TERM, wait up to 15 s, then KILL
  local p=$1
  [ -n "$p" ] || return 0
  kill -TERM "$p" 2>/dev/null || return 0
  for _ in $(seq 1 150); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$p" 2>/dev/null || true
  wait "$p" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  if mountpoint -q "$MNT" 2>/dev/null; then
    fusermount3 -u "$MNT" 2>/dev/null || fusermount3 -u -z "$MNT" 2>/dev/null || umount -l "$MNT" 2>/dev/null || true
  fi
  stop_pid "$mount_pid"
  local p
  for p in "${cs_pids[@]}"; do stop_pid "$p"; done
  stop_pid "$master_pid"
  mount_pid=""; cs_pids=(); master_pid=""
  rm -rf "$MFS/master" "$MFS"/cs* "$MFS"/hdd*  # the chunks and metadata; logs and results stay
  [ "$rc" = 0 ] || say "failed (exit $rc); logs in $WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The master.
cp /var/lib/mfs/metadata.mfs.empty "$MFS/master/metadata.mfs"   # "MFSM NEW": a new file system
echo "127.0.0.1 / rw,alldirs,admin,maproot=0:0" >"$MFS/mfsexports.cfg"
: >"$MFS/mfstopology.cfg"
cat >"$MFS/mfsmaster.cfg" <<EOF
WORKING_USER = mfs
WORKING_GROUP = mfs
NICE_LEVEL = 0
DATA_PATH = $MFS/master
EXPORTS_FILENAME = $MFS/mfsexports.cfg
TOPOLOGY_FILENAME = $MFS/mfstopology.cfg
MATOML_LISTEN_HOST = 127.0.0.1
MATOML_LISTEN_PORT = $ML
MATOCS_LISTEN_HOST = 127.0.0.1
MATOCS_LISTEN_PORT = $CS
MATOCL_LISTEN_HOST = 127.0.0.1
MATOCL_LISTEN_PORT = $CL
REPLICATIONS_DELAY_INIT = 0
# The master refuses chunkservers on 127.0.0.0/8; 0.0.0.0 is this host too (loopback).
REMAP_BITS = 32
REMAP_SOURCE_IP_CLASS = 127.0.0.1
REMAP_DESTINATION_IP_CLASS = 0.0.0.0
EOF
chown -R mfs:mfs "$MFS/master"
say "starting mfsmaster (ports $ML-$CL) and $CHUNKSERVERS chunkservers (ports $((BASE + 3))-$((BASE + 2 + CHUNKSERVERS))) in $WORK"
mfsmaster -f -c "$MFS/mfsmaster.cfg" >"$WORK/mfsmaster.log" 2>&1 &
master_pid=$!
wait_for 60 "mfsmaster" grep -aq "mfsmaster daemon initialized properly" "$WORK/mfsmaster.log"

# Three chunkservers, each with its own config, data folder and chunk folder.
for i in $(seq 1 "$CHUNKSERVERS"); do
  mkdir -p "$MFS/cs$i" "$MFS/hdd$i"
  echo "$MFS/hdd$i" >"$MFS/mfshdd$i.cfg"
  cat >"$MFS/mfschunkserver$i.cfg" <<EOF
WORKING_USER = mfs
WORKING_GROUP = mfs
NICE_LEVEL = 0
DATA_PATH = $MFS/cs$i
HDD_CONF_FILENAME = $MFS/mfshdd$i.cfg
HDD_LEAVE_SPACE_DEFAULT = 1GiB
BIND_HOST = 127.0.0.1
# The chunkserver refuses a master on 127.0.0.0/8; 0.0.0.0 reaches the local one over loopback.
MASTER_HOST = 0.0.0.0
MASTER_PORT = $CS
CSSERV_LISTEN_HOST = 127.0.0.1
CSSERV_LISTEN_PORT = $((BASE + 2 + i))
EOF
  chown -R mfs:mfs "$MFS/cs$i" "$MFS/hdd$i"
  mfschunkserver -f -c "$MFS/mfschunkserver$i.cfg" >"$WORK/mfschunkserver$i.log" 2>&1 &
  cs_pids+=($!)
done
registered() { [ "$(grep -ac "chunkserver register end" "$WORK/mfsmaster.log")" -ge "$CHUNKSERVERS" ]; }
connected() { # the master's own list of connected chunkservers (mfscli -SCS), one line each
  mfscli -H 127.0.0.1 -P "$CL" -SCS -p -s '|' >"$WORK/mfscli-cs.txt" 2>&1 || return 1
  [ "$(grep -cwE "($(seq -s'|' $((BASE + 3)) $((BASE + 2 + CHUNKSERVERS))))" "$WORK/mfscli-cs.txt")" -ge "$CHUNKSERVERS" ]
}
wait_for 120 "$CHUNKSERVERS chunkservers' registration" registered
wait_for 60 "$CHUNKSERVERS chunkservers in mfscli -SCS" connected
say "$CHUNKSERVERS chunkservers connected"

# The mount: mfsmount's defaults (cache mode AUTO, attributes 1 s, file entries 0 s, directory
# entries 1 s, 256 MiB write cache) except its nice level (0, as the daemons).
printf 'mfsmaster=127.0.0.1\nmfsport=%s\nmfsnice=0\n' "$CL" >"$MFS/mfsmount.cfg"
mfsmount -f "$MNT" -c "$MFS/mfsmount.cfg" >"$WORK/mfsmount.log" 2>&1 &
mount_pid=$!
wait_for 60 "mfsmount" mountpoint -q "$MNT"
mfssetgoal -r 3 "$MNT" >>"$WORK/mfstools.log" 2>&1
mfssettrashtime -r 0 "$MNT" >>"$WORK/mfstools.log" 2>&1

# A probe: 1 MiB written durably must be readable and stored 3 times.
dd if=/dev/urandom of="$MNT/probe" bs=1M count=1 conv=fsync status=none
for _ in $(seq 1 50); do
  mfscheckfile "$MNT/probe" >"$WORK/probe-check.txt" 2>&1 || true
  grep -q "chunks with 3 copies:[[:space:]]*1" "$WORK/probe-check.txt" && break
  sleep 0.2
done
grep -q "chunks with 3 copies:[[:space:]]*1" "$WORK/probe-check.txt" \
  || { say "the probe file is not stored 3 times:"; cat "$WORK/probe-check.txt" >&2; exit 1; }
[ "$(wc -c <"$MNT/probe")" = 1048576 ] || { say "the probe file does not read back 1 MiB"; exit 1; }
rm "$MNT/probe"
MFS_VERSION=$(mfsmaster -v 2>&1 | grep -o '[0-9][0-9.]*[0-9]' | head -1)
say "MooseFS $MFS_VERSION mounted at $MNT (goal 3, trash time 0; probe stored 3 times); running the workloads"

# The workloads (bounded: a run far beyond the expected few minutes is stopped).
START=$(date +%s)
timeout 1500 python3 "$HERE/mount-workloads.py" "$MNT" moosefs "$SIZE_MIB" "$ROUNDS" \
  --log "$WORK/mount-workloads.log" --keep >"$WORK/results.tsv"
say "workloads done in $(( $(date +%s) - START )) s"

# Peak resident memory (VmHWM) of each MooseFS process with its children (the master forks a
# "data writer"), read before they stop.
tree_kib() { # VmHWM of PID and its descendants, in KiB
  local sum c
  sum=$(awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null | grep . || echo 0)
  for c in $(pgrep -P "$1" || true); do sum=$((sum + $(tree_kib "$c"))); done
  echo "$sum"
}
mib() { echo $(( ($1 + 512) / 1024 )); }
k_mount=$(tree_kib "$mount_pid"); k_master=$(tree_kib "$master_pid")
k_total=$((k_mount + k_master)); m_cs=()
for p in "${cs_pids[@]}"; do k=$(tree_kib "$p"); m_cs+=("$(mib "$k")"); k_total=$((k_total + k)); done
printf 'moosefs\tpeak-rss\t%s\tMiB\tall=%s mfsmount=%s mfsmaster=%s mfschunkservers=%s\n' \
  "$(mib "$k_total")" "$(mib "$k_total")" "$(mib "$k_mount")" "$(mib "$k_master")" "$(IFS=+; echo "${m_cs[*]}")" >>"$WORK/results.tsv"
cat "$WORK/results.tsv"
