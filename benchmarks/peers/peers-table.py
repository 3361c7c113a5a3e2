#!/usr/bin/env python3
"""The peers benchmark's one table (issue 26): goDFS next to HDFS, MooseFS and the machine's limits.

Usage:
  peers-table.py [--missing LABEL=REASON ...] RESULTS.tsv [RESULTS.tsv ...]

Reads the result lines that the parts of the benchmark print (limits.sh, hdfs.sh, moosefs.sh,
godfs-sdk.sh, godfs-mount.sh), one per workload, tab-separated:
  LABEL<TAB>workload<TAB>median<TAB>unit<TAB>round1 round2 ...
and prints Markdown on stdout: one table with a row per comparison of ROWS below (goDFS's median,
the peer's, the ratio, the target, whether it is met, and the machine's limit that applies), then
every input line with its rounds. Other lines are skipped (with a note on stderr).

- ratio: always "higher = goDFS better": ours / peer, or peer / ours for units where less is better
  (ms, MiB). A target "1.2x" compares the ratio, "75 %" compares ours with the row's machine limit
  instead of a peer, ">= 2000 MB/s" compares ours with a figure in the same unit.
- A figure that is not in the input prints "-", and so do the ratio and "met?" that need it.
  `--missing LABEL=REASON` (e.g. given by peers.sh for a part that failed) adds the reason under
  the table; labels the rows use but no input has are listed there too.
- A source "label:workload:key" takes the figure `key=N` from the 5th column instead of the
  median, e.g. "godfs-mount:peak-rss:mount" for the mount process alone in
  `godfs-mount  peak-rss  1400  MiB  all=1400 mount=962 dev=438`.

The comparisons are the data table ROWS: add a row there to add one to the table.
"""
import argparse
import re
import sys
from dataclasses import dataclass
from typing import Optional

# ---- the comparisons -------------------------------------------------------------------------

LOWER_IS_BETTER = {"ms", "MiB"}

NAMES = {  # label -> how the table names it
    "godfs-sdk": "goDFS SDK",
    "godfs-mount": "goDFS mount",
    "hdfs": "HDFS",
    "moosefs": "MooseFS",
    "machine": "machine",
}

LIMIT_NAMES = {  # machine workload -> how the limit column names it
    "fio_write_3x_end_fsync": "fio, 3 parallel writes + end_fsync",
    "fio_3_copies_of_a_file": "fio, 3 durable copies of a file: the 3 parallel writes / 3",
    "fio_write_1x_end_fsync": "fio, 1 write + end_fsync",
    "fio_read_direct": "fio, O_DIRECT read",
    "iperf3_loopback": "iperf3, loopback, 1 stream",
    "list_10k_names_tmpfs": "os.listdir of 10,000 names on tmpfs",
    "raft_commit_floor": "3 Ratis servers as the masters build them, one commit at a time, no namespace",
}

W3 = "machine:fio_write_3x_end_fsync"
# The "limit for three durable copies", in the unit the write rows measure: bytes of the
# file made durable three times per second (fio's three parallel jobs' aggregate / 3). A writer
# compared with the aggregate could reach at most 33 % (ADR 0030, "The write's limit").
C3 = "machine:fio_3_copies_of_a_file"
RD = "machine:fio_read_direct"
NET = "machine:iperf3_loopback"
LS = "machine:list_10k_names_tmpfs"
# The floor under a replicated change: Ratis itself on this machine (RaftCommitFloor), printed by
# the goDFS SDK part because it runs goDFS's own Raft servers.
RAFT = "godfs-sdk:raft_commit_floor"


@dataclass(frozen=True)
class Row:
    what: str                      # first column
    ours: str                      # source "label:workload[:key]"
    peer: Optional[str] = None     # source, or None
    target: str = ""               # "1.2x" (ratio), "75 %" (of limit), ">= 2000 MB/s", "" (none)
    limit: Optional[str] = None    # machine source shown in the last column (needed by "N %" targets)


SDK = "SDK, 1 client"
MNT = "mount"
ROWS = [
    "SDK: godfs-sdk.sh next to hdfs.sh (one client, R=3; HDFS reads without short-circuit)",
    Row(f"{SDK}: write, durable at close / HDFS hsync", "godfs-sdk:write", "hdfs:write_hsync", "1.5x", C3),
    Row(f"{SDK}: write / HDFS hsync + SYNC_BLOCK (whole file on disk)", "godfs-sdk:write",
        "hdfs:write_hsync_syncblock", "", C3),
    Row(f"{SDK}: write, share of 3 durable copies", "godfs-sdk:write", None, "75 %", C3),
    Row(f"{SDK}: cold read (short-circuit allowed) / HDFS cold read", "godfs-sdk:read_cold",
        "hdfs:read_cold", "1.2x", RD),
    Row(f"{SDK}: cold read, share of O_DIRECT read", "godfs-sdk:read_cold", None, "80 %", RD),
    Row(f"{SDK}: cold read, remote (gRPC only) / HDFS cold read", "godfs-sdk:read_cold_remote",
        "hdfs:read_cold", "", RD),
    Row(f"{SDK}: warm read / HDFS warm read", "godfs-sdk:read_warm", "hdfs:read_warm"),
    Row(f"{SDK}: warm read, remote (gRPC only) / HDFS warm read", "godfs-sdk:read_warm_remote",
        "hdfs:read_warm", ">= 2000 MB/s", NET),
    Row("SDK, 8 clients: write, aggregate, share of 3 durable copies", "godfs-sdk:write_8_clients",
        None, "85 %", C3),
    Row(f"{SDK}: stat / HDFS", "godfs-sdk:stat", "hdfs:stat", "1.2x"),
    # The floor under every goDFS metadata call: the lightest call a master answers (whoAmI).
    Row(f"{SDK}: lightest master call (whoAmI), the floor under stat / HDFS stat",
        "godfs-sdk:rpc_floor", "hdfs:stat"),
    Row(f"{SDK}, 3 Ratis masters: mkdir / HDFS", "godfs-sdk:mkdir", "hdfs:mkdir", "1.0x", RAFT),
    Row(f"{SDK}, 3 Ratis masters: rename / HDFS", "godfs-sdk:rename", "hdfs:rename", "1.0x", RAFT),
    Row(f"{SDK}, 3 Ratis masters: delete / HDFS", "godfs-sdk:delete", "hdfs:delete", "1.0x", RAFT),
    # Whether the three rows above can reach HDFS here at all: Ratis's own rate for one commit at a
    # time, without goDFS's call, namespace or TLS, next to the NameNode's mkdir.
    Row("3 Ratis servers, one commit at a time (the floor under the rows above) / HDFS mkdir", RAFT,
        "hdfs:mkdir"),
    Row(f"{SDK}: create 1,000 files of 1 KiB / HDFS", "godfs-sdk:create_1k", "hdfs:create_1k"),
    Row(f"{SDK}: list 10,000 entries / HDFS", "godfs-sdk:list_10k", "hdfs:list_10k"),

    "Mount: godfs-mount.sh next to moosefs.sh (mount-workloads.py, one client; R=3 / goal 3; goDFS on `godfs dev`: one master, namespace in memory, no log)",
    Row(f"{MNT}: write, fsync at close", "godfs-mount:write", "moosefs:write", "1.2x", C3),
    Row(f"{MNT}: cold read", "godfs-mount:read-cold", "moosefs:read-cold", "1.2x", RD),
    *[Row(f"{MNT}: {w}", f"godfs-mount:{w}", f"moosefs:{w}", "1.2x")
      for w in ("read-warm", "stat", "mkdir", "rename", "unlink", "rmdir", "create-1k")],
    # Next to the kernel's own listing of as many names (tmpfs): no mount lists faster.
    *[Row(f"{MNT}: {w}", f"godfs-mount:{w}", f"moosefs:{w}", "1.2x", LS if "names" in w else None)
      for w in ("list-names-cold", "list-attrs-cold", "list-names-warm", "list-attrs-warm")],
    Row(f"{MNT}: peak RSS of the mount process / mfsmount", "godfs-mount:peak-rss:mount",
        "moosefs:peak-rss:mfsmount", "1.0x"),
]

# ---- reading the result lines ----------------------------------------------------------------


@dataclass
class Result:
    label: str
    workload: str
    median: str
    unit: str
    rounds: str
    source: str  # file:line


def read_results(paths):
    results = {}   # (label, workload) -> Result, the last one read wins
    order = []     # every Result in input order
    for path in paths:
        try:
            with open(path) as f:
                lines = f.read().splitlines()
        except OSError as e:
            print(f"peers-table: cannot read {path}: {e}", file=sys.stderr)
            continue
        for n, line in enumerate(lines, 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) < 4:
                print(f"peers-table: {path}:{n}: not a result line, skipped: {line!r}", file=sys.stderr)
                continue
            r = Result(*fields[:4], rounds=fields[4] if len(fields) > 4 else "", source=f"{path}:{n}")
            key = (r.label, r.workload)
            if key in results:
                print(f"peers-table: {r.source}: {r.label} {r.workload} again; "
                      f"it replaces {results[key].source}", file=sys.stderr)
            results[key] = r
            order.append(r)
    return results, order


def number(text):
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def lookup(results, source):
    """(value, unit) for "label:workload[:key]", or (None, None) if it is not in the input."""
    label, workload, *key = source.split(":")
    r = results.get((label, workload))
    if r is None:
        return None, None
    if not key:
        return number(r.median), r.unit
    m = re.search(rf"(?:^|\s){re.escape(key[0])}=([0-9.,]+)", r.rounds)
    return (number(m.group(1)) if m else None), r.unit


# ---- formatting ------------------------------------------------------------------------------

def fmt(value, unit=None):
    if value is None:
        return "-"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:.1f}"
    return f"{text} {unit}" if unit else text


def limit_cell(results, source):
    if source is None:
        return "-", None
    value, unit = lookup(results, source)
    name = LIMIT_NAMES.get(source.split(":")[1], source.split(":")[1])
    return (f"{fmt(value, unit)} ({name})" if value is not None else f"- ({name})"), value


def compare(row, results):
    """The cells of one row: goDFS, peer, ratio, target, met?, machine limit."""
    ours, ours_unit = lookup(results, row.ours)
    peer, peer_unit = lookup(results, row.peer) if row.peer else (None, None)
    limit_text, limit = limit_cell(results, row.limit)

    ratio = None
    if ours is not None and peer is not None and ours > 0 and peer > 0:
        if ours_unit != peer_unit:
            print(f"peers-table: {row.ours} is in {ours_unit}, {row.peer} in {peer_unit}: no ratio",
                  file=sys.stderr)
        else:
            ratio = peer / ours if ours_unit in LOWER_IS_BETTER else ours / peer
    ratio_text = f"{ratio:.2f}x" if ratio is not None else "-"

    target, met = row.target, None
    if target.endswith("x"):
        met = None if ratio is None else round(ratio, 2) >= float(target[:-1])  # as printed
        target_text = f">= {target}"
    elif target.endswith("%"):
        share = ours / limit if ours is not None and limit else None
        ratio_text = f"{share * 100:.0f} % of limit" if share is not None else "-"
        met = None if share is None else round(share * 100) >= float(target[:-1])
        target_text = f">= {target} of limit"
    elif target.startswith(">="):
        bar, _, unit = target[2:].strip().partition(" ")
        bar = float(bar)
        if ours is not None and ours_unit != unit:
            print(f"peers-table: {row.ours} is in {ours_unit}, its target in {unit}: not checked",
                  file=sys.stderr)
        elif ours is not None:
            met = ours >= bar
        target_text = f">= {fmt(bar, unit)}"
    else:
        target_text = "-"
    met_text = "-" if met is None else ("yes" if met else "**no**")
    return [fmt(ours, ours_unit), fmt(peer, peer_unit), ratio_text, target_text, met_text, limit_text]


def markdown_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", nargs="+", metavar="RESULTS.tsv")
    parser.add_argument("--missing", action="append", default=[], metavar="LABEL=REASON",
                        help="why a part has no results (printed under the table)")
    args = parser.parse_args()
    results, order = read_results(args.results)

    table = []
    for row in ROWS:
        if isinstance(row, str):  # a section heading
            table.append([f"**{row}**"] + [""] * 6)
        else:
            table.append([row.what] + compare(row, results))
    print(markdown_table(
        ["workload", "goDFS", "peer", "ratio (higher = goDFS better)", "target", "met?",
         "machine limit"], table))

    machine = [r for r in order if r.label == "machine"]
    if machine:
        print("\nMachine limits, same run: " + "; ".join(
            f"{LIMIT_NAMES.get(r.workload, r.workload)} {fmt(number(r.median), r.unit)}"
            for r in machine) + ".")

    notes = []
    for item in args.missing:
        label, _, reason = item.partition("=")
        notes.append(f"{NAMES.get(label, label)} ({label}): {reason or 'no results'}")
    given = {item.partition("=")[0] for item in args.missing}
    used = {src.split(":")[0] for row in ROWS if isinstance(row, Row)
            for src in (row.ours, row.peer, row.limit) if src}
    present = {label for label, _ in results}
    for label in sorted(used - present - given):
        notes.append(f"{NAMES.get(label, label)} ({label}): no result lines in the input")
    if notes:
        print("\nParts that failed or gave no results (their cells show -):")
        for note in notes:
            print(f"- {note}")

    print("\nEvery result line (medians and the rounds they come from):\n")
    print(markdown_table(["system", "workload", "median", "unit", "rounds"],
                         [[r.label, r.workload, r.median, r.unit, r.rounds or "-"] for r in order]))


if __name__ == "__main__":
    main()
