# Sourced by godfs-sdk.sh and growth.sh (after they set TREE, WORK, say() and die()): starts the
# cluster an operator starts with deployments/local/cluster.sh, three Ratis masters and three
# chunkservers, each its own JVM, secured as shipped (PEERS_SDK_INSECURE=1: open, as HDFS runs by
# default), on 127.0.0.1 with free ports, and points this shell's client settings (GODFS_MASTER,
# GODFS_TLS_*, the key) at it. The cluster's pid files and logs are in WORK; it stops on exit.

# Ten free ports in a row below Linux's ephemeral range: 3 masters, 3 Raft, 3 chunkservers.
ports_free() {
  local p
  for p in $(seq "$1" $(($1 + 9))); do
    ! ss -Htan "sport = :$p" | grep -q . || return 1
  done
}

# start_bench_cluster COMMAND: COMMAND is the benchmark command it will run (built when missing).
start_bench_cluster() {
  if [ -n "${PEERS_SDK_INSECURE:-}" ]; then
    export GODFS_LOCAL_INSECURE=1
  fi
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
  "$TREE/godfs" "$1" --help >/dev/null 2>"$WORK/build.log" \
    || { tail -n 20 "$WORK/build.log" >&2; die "godfs $1 does not run (log: $WORK/build.log)"; }

  say "starting 3 Ratis masters and 3 chunkservers on 127.0.0.1:$BASE.. (logs in $WORK/logs)"
  "$CLUSTER" start "$WORK" >"$WORK/cluster.log" 2>&1 || { tail -n 20 "$WORK/cluster.log" >&2; die "the cluster did not start"; }
  if [ -f "$WORK/security/client.env" ]; then
    # shellcheck disable=SC1091 # written by cluster.sh
    source "$WORK/security/client.env"
    # Chunkservers take only callers with a certificate of the cluster's CA: the client joins as a
    # user does (README, "the embedded certificate authority"), with a one-time token.
    local sec="$WORK/security" setting
    (umask 077 && "$TREE/godfs" admin token create --role client --name bench >"$sec/bench.token" 2>>"$WORK/cluster.log")
    GODFS_JOIN_TOKEN="@$sec/bench.token" "$TREE/godfs" join --name bench --dir "$sec/bench-tls" \
      >"$sec/bench-join.out" 2>>"$WORK/cluster.log" || die "godfs join failed (log: $WORK/cluster.log)"
    for setting in $(grep -o 'GODFS_TLS_[A-Z_]*=[^ ]*' "$sec/bench-join.out"); do export "${setting?}"; done
    grep -q '^GODFS_TLS_CLIENT_CERT_FILE=' <(env) || die "godfs join printed no client certificate ($sec/bench-join.out)"
  else
    export GODFS_MASTER="127.0.0.1:$BASE,127.0.0.1:$((BASE + 1)),127.0.0.1:$((BASE + 2))"
  fi
}
