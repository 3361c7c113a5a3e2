#!/usr/bin/env bash
# HDFS peer of the goDFS benchmark harness: a private HDFS 3.4.1 cluster (one NameNode, three
# DataNodes, R=3, 64 MiB blocks), all on 127.0.0.1 with free ports, each role in its own JVM
# (Java 17, -Xmx1g, stock main classes), measured by our one-thread Java client
# (benchmarks/peers/hdfs/src/.../HdfsWorkload.java). See benchmarks/peers/hdfs/README.md.
#
# Usage (as root: it drops the page cache before each cold read):
#   benchmarks/peers/hdfs.sh [SIZE_MIB=1024] [ROUNDS=3] [WORK_DIR=/tmp/godfs-peers-hdfs]
#
# stdout carries only the results, one line per workload:
#   hdfs<TAB>workload<TAB>median<TAB>unit<TAB>round1 round2 ...
# Everything else (Hadoop's logs, the JVMs' output, the client's progress) goes to WORK_DIR/logs;
# a few progress lines go to stderr.
#
# The build lock: the machine's 2 cores are shared with other Maven builds, which take
# /tmp/mvn.lock. The script holds that lock for the whole run, build included (it re-executes itself
# under `flock /tmp/mvn.lock`), so no build runs while it measures; it may wait for a running build
# first. Wrapping it in `flock /tmp/mvn.lock ...` yourself works too (it then sees that an ancestor
# process holds the lock and does not take it twice).
#
# Every daemon it starts is stopped on exit (trap), also on failure or timeout.
set -euo pipefail
SIZE_MIB="${1:-1024}"
ROUNDS="${2:-3}"
WORK="${3:-/tmp/godfs-peers-hdfs}"
SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
PEERS_DIR="$(dirname "$SELF")"
REPO="$(cd "$PEERS_DIR/../.." && pwd)"
PROJECT="$PEERS_DIR/hdfs"
JAR="$PROJECT/target/godfs-peers-hdfs.jar"
LIB="$PROJECT/target/lib"
JAVA17="${JAVA17:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}"
READY_TIMEOUT="${HDFS_READY_TIMEOUT:-120}"     # seconds for the NameNode to see 3 DataNodes, out of safe mode
CLIENT_TIMEOUT="${HDFS_CLIENT_TIMEOUT:-720}"   # seconds for the whole workload client

say() { echo "hdfs.sh: $*" >&2; }
die() { say "$*"; exit 1; }

[[ "$SIZE_MIB" =~ ^[1-9][0-9]*$ ]] || die "SIZE_MIB must be a positive integer (got '$SIZE_MIB')"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer (got '$ROUNDS')"
[ "$(id -u)" = 0 ] || die "run it as root (it drops the page cache: /proc/sys/vm/drop_caches)"
for tool in flock ss curl python3 timeout; do
  command -v "$tool" >/dev/null || die "needs $tool"
done
[ -x "$JAVA17" ] || die "no Java 17 at $JAVA17 (set JAVA17=/path/to/bin/java)"

# The build lock, held for everything below (build-lock.sh).
source "$(dirname "$SELF")/build-lock.sh"
hold_build_lock "$@"

# 1. The client jar and HDFS's jars (target/lib): built when missing or older than the sources.
if [ ! -f "$JAR" ] || [ ! -f "$LIB/hadoop-hdfs-3.4.1.jar" ] || [ ! -f "$LIB/hadoop-hdfs-3.4.1-tests.jar" ] \
  || [ -n "$(find "$PROJECT/src" "$PROJECT/pom.xml" -newer "$JAR" -print -quit)" ]; then
  say "building $PROJECT (mvn package)"
  MVN="$REPO/mvnw"; [ -x "$MVN" ] || MVN=mvn
  mkdir -p "$WORK/logs"
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$JAVA17")")")" \
    "$MVN" -B -q -f "$PROJECT/pom.xml" package >"$WORK/logs/build.log" 2>&1 \
    || { tail -n 40 "$WORK/logs/build.log" >&2; die "build failed (log: $WORK/logs/build.log)"; }
fi

# 2. A fresh cluster directory: configuration per role, name and data directories, logs.
rm -rf "$WORK/nn" "$WORK/dn1" "$WORK/dn2" "$WORK/dn3" "$WORK/client" "$WORK/logs"
mkdir -p "$WORK/logs"
LOGS="$WORK/logs"

port_free() { ! ss -Htan "sport = :$1" | grep -q .; }
declare -A TAKEN=()
free_port() { # below Linux's ephemeral range (32768-60999), so no client connection takes it meanwhile
  local p
  for _ in $(seq 200); do
    p=$((20000 + RANDOM % 12000))
    if [ -z "${TAKEN[$p]:-}" ] && port_free "$p"; then TAKEN[$p]=1; echo "$p"; return 0; fi
  done
  die "found no free port"
}
NN_RPC=$(free_port); TAKEN[$NN_RPC]=1
NN_HTTP=$(free_port); TAKEN[$NN_HTTP]=1
declare -a DN_DATA DN_HTTP DN_IPC
for i in 1 2 3; do
  DN_DATA[$i]=$(free_port); TAKEN[${DN_DATA[$i]}]=1
  DN_HTTP[$i]=$(free_port); TAKEN[${DN_HTTP[$i]}]=1
  DN_IPC[$i]=$(free_port); TAKEN[${DN_IPC[$i]}]=1
done
URI="hdfs://127.0.0.1:$NN_RPC"

property() { printf '  <property><name>%s</name><value>%s</value></property>\n' "$1" "$2"; }
write_conf() { # DIR ROLE [DN_INDEX]
  local dir=$1 role=$2 i=${3:-0}
  mkdir -p "$dir"
  {
    echo '<?xml version="1.0"?>'
    echo '<configuration>'
    property fs.defaultFS "$URI"
    property hadoop.security.authentication simple
    property hadoop.security.authorization false
    property hadoop.tmp.dir "$WORK/$role/tmp"
    echo '</configuration>'
  } >"$dir/core-site.xml"
  {
    echo '<?xml version="1.0"?>'
    echo '<configuration>'
    property dfs.replication 3
    property dfs.blocksize 67108864
    property dfs.namenode.name.dir "$WORK/nn/name"
    property dfs.namenode.rpc-address "127.0.0.1:$NN_RPC"
    property dfs.namenode.rpc-bind-host 127.0.0.1
    property dfs.namenode.servicerpc-bind-host 127.0.0.1
    property dfs.namenode.lifeline.rpc-bind-host 127.0.0.1
    property dfs.namenode.http-address "127.0.0.1:$NN_HTTP"
    property dfs.namenode.http-bind-host 127.0.0.1
    property dfs.namenode.https-address 127.0.0.1:0
    property dfs.namenode.https-bind-host 127.0.0.1
    property dfs.namenode.secondary.http-address 127.0.0.1:0
    property dfs.namenode.secondary.https-address 127.0.0.1:0
    property dfs.namenode.backup.address 127.0.0.1:0
    property dfs.namenode.backup.http-address 127.0.0.1:0
    property dfs.namenode.datanode.registration.ip-hostname-check false
    property dfs.namenode.safemode.extension 0
    # Stock true: a DataNode whose xceiver count (from its last heartbeat) is above twice the
    # average is skipped; with three DataNodes that left a block with 2 replicas now and then.
    property dfs.namenode.redundancy.considerLoad false
    property dfs.http.policy HTTP_ONLY
    if [ "$i" -gt 0 ]; then
      property dfs.datanode.data.dir "$WORK/dn$i/data"
      property dfs.datanode.address "127.0.0.1:${DN_DATA[$i]}"
      property dfs.datanode.http.address "127.0.0.1:${DN_HTTP[$i]}"
      property dfs.datanode.ipc.address "127.0.0.1:${DN_IPC[$i]}"
      property dfs.datanode.https.address 127.0.0.1:0
      property dfs.datanode.hostname 127.0.0.1
    fi
    echo '</configuration>'
  } >"$dir/hdfs-site.xml"
  # Logs to a file (WORK_DIR/logs/ROLE.log), INFO as stock; the audit log off as in Hadoop's stock
  # log4j.properties (NullAppender); per-block INFO lines (BlockStateChange, the DataNode's
  # clienttrace) at WARN, as Hadoop's stock file suggests for busy clusters.
  cat >"$dir/log4j.properties" <<EOF
log4j.rootLogger=INFO, FILE
log4j.appender.FILE=org.apache.log4j.FileAppender
log4j.appender.FILE.File=$LOGS/$role.log
log4j.appender.FILE.Append=true
log4j.appender.FILE.layout=org.apache.log4j.PatternLayout
log4j.appender.FILE.layout.ConversionPattern=%d{ISO8601} %p %c{2}: %m%n
log4j.logger.org.apache.hadoop.hdfs.server.namenode.FSNamesystem.audit=WARN
log4j.additivity.org.apache.hadoop.hdfs.server.namenode.FSNamesystem.audit=false
log4j.logger.BlockStateChange=WARN
log4j.logger.org.apache.hadoop.hdfs.server.datanode.DataNode.clienttrace=WARN
log4j.logger.org.apache.hadoop.util.NativeCodeLoader=ERROR
EOF
}
write_conf "$WORK/nn/conf" nn
for i in 1 2 3; do write_conf "$WORK/dn$i/conf" "dn$i" "$i"; done
write_conf "$WORK/client/conf" client

JVM_OPTS=(
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  -Djava.net.preferIPv4Stack=true
)
NN_CLASS=org.apache.hadoop.hdfs.server.namenode.NameNode
DN_CLASS=org.apache.hadoop.hdfs.server.datanode.DataNode
role_cmd() { # ROLE [EXTRA_CLASSPATH]: sets CMD to java with the role's conf dir first on the class path
  local role=$1 extra=${2:-}
  CMD=("$JAVA17" -Xmx1g "${JVM_OPTS[@]}" -Dhadoop.log.dir="$LOGS" -Dhadoop.home.dir="$WORK"
    -cp "$WORK/$role/conf:${extra:+$extra:}$LIB/*")
}

# 3. Start, stop (trap): each daemon's pid is kept; on exit TERM, then KILL after 15 s.
declare -A PIDS=()
CLIENT_PID=""
stop_all() {
  local rc=$? pid role
  trap - EXIT INT TERM
  [ -n "$CLIENT_PID" ] && kill "$CLIENT_PID" 2>/dev/null || true
  for role in "${!PIDS[@]}"; do kill "${PIDS[$role]}" 2>/dev/null || true; done
  for _ in $(seq 30); do
    local alive=0
    for role in "${!PIDS[@]}"; do kill -0 "${PIDS[$role]}" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.5
  done
  for role in "${!PIDS[@]}"; do kill -9 "${PIDS[$role]}" 2>/dev/null || true; done
  [ "${#PIDS[@]}" -gt 0 ] && say "stopped the NameNode and DataNodes"
  exit "$rc"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say "formatting the NameNode ($WORK/nn)"
role_cmd nn
timeout 120 "${CMD[@]}" "$NN_CLASS" -format -force -nonInteractive >"$LOGS/nn-format.out" 2>&1 \
  || { tail -n 30 "$LOGS/nn.log" >&2 2>/dev/null || true; die "NameNode format failed (logs: $LOGS/nn.log, $LOGS/nn-format.out)"; }

"${CMD[@]}" "$NN_CLASS" >"$LOGS/nn.out" 2>&1 &
PIDS[nn]=$!
for i in 1 2 3; do
  role_cmd "dn$i"
  "${CMD[@]}" "$DN_CLASS" >"$LOGS/dn$i.out" 2>&1 &
  PIDS[dn$i]=$!
done
say "started NameNode (pid ${PIDS[nn]}, rpc $NN_RPC, http $NN_HTTP) and DataNodes (pids ${PIDS[dn1]} ${PIDS[dn2]} ${PIDS[dn3]})"

# 4. Ready: the NameNode's /jmx shows NumLiveDataNodes = 3 and an empty Safemode.
jmx_state() { # prints "LIVE SAFEMODE" or nothing
  curl -fsS --max-time 5 "http://127.0.0.1:$NN_HTTP/jmx" 2>/dev/null | python3 -c '
import json, sys
beans = json.load(sys.stdin)["beans"]
live = safemode = None
for b in beans:
    if b.get("name") == "Hadoop:service=NameNode,name=FSNamesystemState":
        live = b.get("NumLiveDataNodes")
    if b.get("name") == "Hadoop:service=NameNode,name=NameNodeInfo":
        safemode = b.get("Safemode")
print(live, "empty" if safemode == "" else repr(safemode))
' 2>/dev/null || true
}
deadline=$((SECONDS + READY_TIMEOUT))
state=""
while :; do
  for role in "${!PIDS[@]}"; do
    kill -0 "${PIDS[$role]}" 2>/dev/null \
      || { tail -n 30 "$LOGS/$role.log" >&2 2>/dev/null; tail -n 10 "$LOGS/$role.out" >&2 2>/dev/null; die "$role exited during start-up (logs: $LOGS/$role.log, $LOGS/$role.out)"; }
  done
  state=$(jmx_state)
  [ "$state" = "3 empty" ] && break
  if [ "$SECONDS" -ge "$deadline" ]; then
    tail -n 30 "$LOGS/nn.log" >&2 2>/dev/null || true
    die "not ready after ${READY_TIMEOUT}s (NameNode /jmx: live DataNodes, Safemode = '${state:-no answer}'; logs in $LOGS)"
  fi
  sleep 1
done
say "cluster ready after $((SECONDS + READY_TIMEOUT - deadline)) s: 3 live DataNodes, out of safe mode ($URI)"

# 5. The workloads: one client JVM, one thread; its result lines go to stdout.
say "running the workloads (SIZE_MIB=$SIZE_MIB, ROUNDS=$ROUNDS; progress in $LOGS/client.out)"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
CLIENT_START=$SECONDS
role_cmd client "$JAR"
timeout "$CLIENT_TIMEOUT" "${CMD[@]}" \
  io.godfs.bench.peers.hdfs.HdfsWorkload "$URI" "$SIZE_MIB" "$ROUNDS" \
  'sync; echo 3 > /proc/sys/vm/drop_caches' >"$WORK/client/results.tsv" 2>"$LOGS/client.out" &
CLIENT_PID=$!
client_rc=0
wait "$CLIENT_PID" || client_rc=$?
CLIENT_PID=""
if [ "$client_rc" != 0 ]; then
  tail -n 30 "$LOGS/client.out" >&2 2>/dev/null || true
  [ "$client_rc" = 124 ] && die "the workload client timed out after ${CLIENT_TIMEOUT}s (log: $LOGS/client.out)"
  die "the workload client failed (exit $client_rc; log: $LOGS/client.out)"
fi
say "workloads done in $((SECONDS - CLIENT_START)) s; load average before / after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg)"
# Blocks the NameNode could not give 3 targets (written with fewer replicas, re-replicated later).
short=$(grep -c 'still in need of .*unavailableStorages=\[DISK\]' "$LOGS/nn.log" || true)
if [ "${short:-0}" != 0 ]; then
  say "WARNING: the NameNode placed $short blocks on fewer than 3 DataNodes (see 'Failed to place enough replicas' in $LOGS/nn.log)"
else
  say "every block was placed on 3 DataNodes"
fi
cat "$WORK/client/results.tsv"

# 6. Peak resident memory of the four daemon JVMs (VmHWM), read before they stop.
sum=0; max=0; detail=""
for role in nn dn1 dn2 dn3; do
  kb=$(awk '/^VmHWM:/ {print $2}' "/proc/${PIDS[$role]}/status" 2>/dev/null || true)
  [ -n "$kb" ] || die "cannot read VmHWM of $role (pid ${PIDS[$role]}): did it exit?"
  mib=$(( (kb + 512) / 1024 ))
  sum=$((sum + mib)); [ "$mib" -gt "$max" ] && max=$mib
  detail="$detail $role=${mib}MiB"
done
say "peak resident memory:$detail"
printf 'hdfs\tpeak_rss_sum\t%d\tMiB\t%d\n' "$sum" "$sum"
printf 'hdfs\tpeak_rss_max\t%d\tMiB\t%d\n' "$max" "$max"
