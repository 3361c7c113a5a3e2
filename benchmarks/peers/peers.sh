#!/usr/bin/env bash
# The peers benchmark in one run (issue 26): the machine's limits, HDFS, MooseFS and goDFS (SDK and
# mount) one after the other on this box, then one table of goDFS's figures next to the peers' and
# the machine's limits (peers-table.py). See benchmarks/peers/README.md.
#
# Usage (as root: the parts install packages, mount FUSE file systems and drop the page cache):
#   benchmarks/peers/peers.sh [SIZE_MIB=1024] [ROUNDS=3] [OUT_DIR=/tmp/godfs-peers]
#
# Parts, in this order, each called with SIZE_MIB ROUNDS (their own default work folders):
#   limits.sh, hdfs.sh, moosefs.sh, godfs-sdk.sh (skipped with a note if the file is not there),
#   godfs-mount.sh
# Each part's stdout (its result lines) goes to OUT_DIR/NAME.tsv and its stderr to OUT_DIR/NAME.err.
# A part that fails is noted on stderr and under the table, and the run goes on with the next one.
# stdout carries only the table (a header line with the date, commit and machine, the table, every
# result line); it is saved to OUT_DIR/table.md too. Exit status 1 if a part failed, else 0.
#
# The build lock /tmp/mvn.lock is held for the whole run (build-lock.sh): the parts see that it is
# held and do not take it again, and no Maven build shares the two cores meanwhile.
set -euo pipefail
SIZE_MIB="${1:-1024}"
ROUNDS="${2:-3}"
OUT="${3:-/tmp/godfs-peers}"
HERE="$(cd "$(dirname "$0")" && pwd)"
SELF="$HERE/peers.sh"
REPO="$(cd "$HERE/../.." && pwd)"

say() { echo "peers.sh: $*" >&2; }
die() { say "$*"; exit 1; }

[[ "$SIZE_MIB" =~ ^[1-9][0-9]*$ ]] || die "SIZE_MIB must be a positive integer (got '$SIZE_MIB')"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer (got '$ROUNDS')"
[ "$(id -u)" = 0 ] || die "run it as root (the parts install packages, mount FUSE and drop the page cache)"
command -v python3 >/dev/null || die "needs python3"

# The build lock, held for the whole run (build-lock.sh).
source "$HERE/build-lock.sh"
hold_build_lock "$@"
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$OUT"
rm -f "$OUT"/*.tsv "$OUT"/*.err "$OUT/table.md"

# The header line, taken before the run (the commit measured, the machine).
if commit=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null); then
  git -C "$REPO" diff --quiet HEAD 2>/dev/null || commit="$commit (with uncommitted changes)"
else
  commit=unknown
fi
ram_gib=$(awk '/^MemTotal:/ {printf "%.1f", $2 / 1048576}' /proc/meminfo)
HEADER="Peers benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $commit, $(nproc) cores, ${ram_gib} GiB RAM, SIZE_MIB=$SIZE_MIB, ROUNDS=$ROUNDS"

PARTS=(limits hdfs moosefs godfs-sdk godfs-mount)
label_of() { [ "$1" = limits ] && echo machine || echo "$1"; }
MISSING=()   # --missing LABEL=REASON for peers-table.py
failed=0
START=$SECONDS
for name in "${PARTS[@]}"; do
  script="$HERE/$name.sh"
  if [ ! -f "$script" ]; then
    say "$name.sh: not there (yet), skipped"
    MISSING+=(--missing "$(label_of "$name")=$name.sh is not in this checkout (skipped)")
    continue
  fi
  say "$name.sh $SIZE_MIB $ROUNDS: running (stdout $OUT/$name.tsv, stderr $OUT/$name.err)"
  t0=$SECONDS
  rc=0
  bash "$script" "$SIZE_MIB" "$ROUNDS" >"$OUT/$name.tsv" 2>"$OUT/$name.err" || rc=$?
  lines=$(grep -c $'\t' "$OUT/$name.tsv" || true)
  if [ "$rc" = 0 ]; then
    say "$name.sh: done in $((SECONDS - t0)) s, $lines result lines"
  else
    failed=1
    say "$name.sh: FAILED (exit $rc) after $((SECONDS - t0)) s, $lines result lines; last lines of $OUT/$name.err:"
    tail -n 5 "$OUT/$name.err" | sed 's/^/    /' >&2
    MISSING+=(--missing "$(label_of "$name")=$name.sh failed (exit $rc, $lines result lines; see $OUT/$name.err)")
  fi
done
say "all parts done in $((SECONDS - START)) s"

TSVS=()
for name in "${PARTS[@]}"; do
  [ -f "$OUT/$name.tsv" ] && TSVS+=("$OUT/$name.tsv")
done
{
  echo "$HEADER"
  echo
  python3 "$HERE/peers-table.py" "${MISSING[@]}" "${TSVS[@]}"
} >"$OUT/table.md"
cat "$OUT/table.md"
say "table saved to $OUT/table.md"
exit "$failed"
