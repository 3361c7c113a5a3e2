#!/usr/bin/env python3
"""Mount workloads for the peers benchmark: the same single-client POSIX workloads on any mounted
file system (a MooseFS mount, a goDFS FUSE mount, tmpfs, ...).

Usage (as root: the cold cases drop the kernel's caches):
  mount-workloads.py MOUNT_DIR LABEL [SIZE_MIB=1024] [ROUNDS=3] [--log FILE] [--keep]

Everything runs in a fresh subdirectory of MOUNT_DIR (removed at the end unless --keep). First a
warm-up (not counted): the metadata workloads WARMUP_META_PASSES times, the listing directory's
cold listings WARMUP_LISTINGS times (names-only ones WARMUP_NAME_LISTINGS times more), then one
whole round; then ROUNDS measured rounds; each round
runs every workload once, in the order below. The metadata passes and listings are for daemons
with a JIT (goDFS's JVMs compile a path after thousands of calls; one round of 2,000 renames left
them still compiling, and a round has only one cold listing of each kind); they cost a C daemon
nothing but time. On stdout exactly one line per workload, nothing else:
  LABEL<TAB>workload<TAB>median<TAB>unit<TAB>round1 round2 ...
Progress and details go to the log file (default /tmp/mount-workloads-LABEL.log); errors to stderr.

Python's own cost per call is about 0.4 us over C's on this box (lstat of tmpfs: 1.6 us vs 1.25
us), under 1 % of one FUSE round trip (about 100 us and more), so the figures are the file
system's, not the interpreter's.
"""
import os
import random
import shutil
import statistics
import sys
import time

MiB = 1 << 20
META_OPS = 2000      # mkdir, rename, unlink, rmdir per round
STAT_OPS = 10000     # lstat per round: each name of the listing directory once
SMALL_FILES = 1000   # 1 KiB create+write+close per round
LIST_ENTRIES = 10000 # entries of the listing directory
WARMUP_META_PASSES = 5  # metadata passes before the warm-up round: 10,000 calls of each kind
WARMUP_LISTINGS = 5  # cold listings (names, then with attributes) before the warm-up round
# and as many more cold names-only listings: one is a single master call and a few readdir
# callbacks, so goDFS's JVMs compile its path only after dozens. A probe (stop 50) after a fresh
# start: the first ten took 56, 21, 23, 19, 22, 32, 19, 13, 9.5, 8.1 ms, the next ten 6-18, and
# from about the twentieth 4.3-8 ms (a few outliers to 14).
WARMUP_NAME_LISTINGS = 25
TTL_PAUSE = 1.5      # s: past the 1 s attribute/entry/listing caches of mfsmount and goDFS's mount

LOG = None


def log(msg):
    LOG.write(f"{time.strftime('%H:%M:%S')} {msg}\n")
    LOG.flush()


def drop_caches(level):
    """level 3: page cache + dentries/inodes (after a sync); level 2: dentries/inodes only."""
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write(f"{level}\n")


def touch_many(paths, data=None):
    for p in paths:
        fd = os.open(p, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        if data:
            write_all(fd, data)
        os.close(fd)


def write_all(fd, data):
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


# ---- the data path -------------------------------------------------------------------------

def write_file(path, size_mib, block):
    """SIZE_MIB MiB in 1 MiB writes, fsync, close: durable, like dd bs=1M conv=fsync."""
    t = time.perf_counter()
    fd = os.open(path, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o644)
    for _ in range(size_mib):
        write_all(fd, block)
    os.fsync(fd)
    os.close(fd)
    return time.perf_counter() - t


def read_file(path, buf):
    """The whole file in 1 MiB reads; returns (seconds, bytes)."""
    view = memoryview(buf)
    total = 0
    t = time.perf_counter()
    fd = os.open(path, os.O_RDONLY)
    while True:
        n = os.readv(fd, [view])
        if n == 0:
            break
        total += n
    os.close(fd)
    return time.perf_counter() - t, total


# ---- one round -----------------------------------------------------------------------------

def metadata_pass(rd):
    """mkdir, create, rename, unlink, rmdir and lstat of META_OPS names each, not measured."""
    os.mkdir(rd)
    dirs = [f"{rd}/d{i:05d}" for i in range(META_OPS)]
    src = [f"{rd}/f{i:05d}" for i in range(META_OPS)]
    dst = [f"{rd}/r{i:05d}" for i in range(META_OPS)]
    for d in dirs:
        os.mkdir(d)
    touch_many(src, b"k" * 1024)
    for a, b in zip(src, dst):
        os.rename(a, b)
    for b in dst:
        os.lstat(b)
        os.unlink(b)
    for d in dirs:
        os.rmdir(d)
    os.rmdir(rd)


def names_only(d):
    """Lists d like ls -f (readdir, no stat); the number of names."""
    return len(os.listdir(d))


def with_attributes(d):
    """Lists d like ls -l (readdir, then an lstat per entry); the number of names."""
    names = os.listdir(d)
    for name in names:
        os.lstat(f"{d}/{name}")
    return len(names)


def one_round(root, r, size_mib, block, buf, list_dir, stat_order):
    """All workloads once; returns {workload: value}."""
    res = {}
    rd = f"{root}/round{r}"
    os.mkdir(rd)

    # Write, cold read, warm re-read of SIZE_MIB MiB.
    data = f"{rd}/data.bin"
    drop_caches(3)  # start from a clean page cache (the last round's file is gone already)
    secs = write_file(data, size_mib, block)
    res["write"] = size_mib * MiB / secs / 1e6
    log(f"round {r}: write {size_mib} MiB in {secs:.2f} s")
    drop_caches(3)
    time.sleep(TTL_PAUSE)
    secs, n = read_file(data, buf)
    if n != size_mib * MiB:
        raise RuntimeError(f"cold read returned {n} bytes, wrote {size_mib * MiB}")
    res["read-cold"] = n / secs / 1e6
    log(f"round {r}: cold read in {secs:.2f} s")
    secs, n = read_file(data, buf)
    res["read-warm"] = n / secs / 1e6
    log(f"round {r}: warm re-read in {secs:.3f} s")
    os.unlink(data)

    # Metadata operations, one at a time from this thread.
    dirs = [f"{rd}/d{i:05d}" for i in range(META_OPS)]
    t = time.perf_counter()
    for d in dirs:
        os.mkdir(d)
    res["mkdir"] = META_OPS / (time.perf_counter() - t)

    src = [f"{rd}/f{i:05d}" for i in range(META_OPS)]
    dst = [f"{rd}/r{i:05d}" for i in range(META_OPS)]
    touch_many(src)  # not timed
    t = time.perf_counter()
    for a, b in zip(src, dst):
        os.rename(a, b)
    res["rename"] = META_OPS / (time.perf_counter() - t)

    t = time.perf_counter()
    for b in dst:
        os.unlink(b)
    res["unlink"] = META_OPS / (time.perf_counter() - t)

    t = time.perf_counter()
    for d in dirs:
        os.rmdir(d)
    res["rmdir"] = META_OPS / (time.perf_counter() - t)

    # 1 KiB files: create + write + close (no fsync), each waited for.
    small_dir = f"{rd}/small"
    os.mkdir(small_dir)
    small = [f"{small_dir}/s{i:05d}" for i in range(SMALL_FILES)]
    kib = b"k" * 1024
    t = time.perf_counter()
    touch_many(small, kib)
    res["create-1k"] = SMALL_FILES / (time.perf_counter() - t)
    for p in small:  # not timed
        os.unlink(p)
    os.rmdir(small_dir)

    # lstat of names not just listed: the listing directory's names in a shuffled order, once
    # each, after the caches' TTLs have run out since anything touched them.
    time.sleep(TTL_PAUSE)
    t = time.perf_counter()
    for p in stat_order:
        os.lstat(p)
    res["stat"] = STAT_OPS / (time.perf_counter() - t)

    # Listing 10,000 entries: names only (like ls -f: readdir, no stat) and with attributes
    # (like ls -l: readdir, then an lstat per entry); cold after dropping dentries and inodes and
    # waiting past the daemons' caches, warm right after the previous listing.
    def timed(listing):
        t = time.perf_counter()
        n = listing(list_dir)
        secs = time.perf_counter() - t
        if n != LIST_ENTRIES:
            raise RuntimeError(f"listed {n} entries, expected {LIST_ENTRIES}")
        return secs * 1000

    def list_names():
        return timed(names_only)

    def list_attrs():
        return timed(with_attributes)

    drop_caches(2)
    time.sleep(TTL_PAUSE)
    res["list-names-cold"] = list_names()
    drop_caches(2)
    time.sleep(TTL_PAUSE)
    res["list-attrs-cold"] = list_attrs()
    res["list-names-warm"] = list_names()
    res["list-attrs-warm"] = list_attrs()

    os.rmdir(rd)
    log(f"round {r}: " + ", ".join(f"{k} {v:.1f}" for k, v in res.items()))
    return res


WORKLOADS = [  # (name, unit, decimals)
    ("write", "MB/s", 0),
    ("read-cold", "MB/s", 0),
    ("read-warm", "MB/s", 0),
    ("stat", "ops/s", 0),
    ("mkdir", "ops/s", 0),
    ("rename", "ops/s", 0),
    ("unlink", "ops/s", 0),
    ("rmdir", "ops/s", 0),
    ("create-1k", "files/s", 0),
    ("list-names-cold", "ms", 1),
    ("list-names-warm", "ms", 1),
    ("list-attrs-cold", "ms", 1),
    ("list-attrs-warm", "ms", 1),
]


def main():
    global LOG
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    flags = sys.argv[1:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    mount, label = args[0], args[1]
    size_mib = int(args[2]) if len(args) > 2 else 1024
    rounds = int(args[3]) if len(args) > 3 else 3
    log_path = f"/tmp/mount-workloads-{label}.log"
    if "--log" in flags:
        log_path = flags[flags.index("--log") + 1]
    keep = "--keep" in flags
    if os.geteuid() != 0:
        sys.exit("mount-workloads: run it as root (it drops the kernel's caches)")
    if not os.path.isdir(mount):
        sys.exit(f"mount-workloads: {mount} is not a directory")
    LOG = open(log_path, "a")

    root = f"{mount.rstrip('/')}/mount-workloads-{label}-{os.getpid()}-{int(time.time())}"
    os.mkdir(root)
    log(f"{label}: {root}, {size_mib} MiB, {rounds} rounds after 1 warm-up round")
    block = bytearray(random.Random(1).randbytes(MiB))  # not zeros: no file system may skip them
    buf = bytearray(MiB)

    list_dir = f"{root}/list"
    os.mkdir(list_dir)
    list_names = [f"f{i:05d}" for i in range(LIST_ENTRIES)]
    t = time.perf_counter()
    touch_many(f"{list_dir}/{n}" for n in list_names)
    log(f"created the {LIST_ENTRIES} empty files of the listing directory in "
        f"{time.perf_counter() - t:.1f} s (not measured)")
    stat_order = [f"{list_dir}/{n}" for n in list_names]
    random.Random(2).shuffle(stat_order)

    results = {name: [] for name, _, _ in WORKLOADS}
    try:
        t = time.perf_counter()
        for p in range(WARMUP_META_PASSES):
            metadata_pass(f"{root}/warmup{p}")
        log(f"{WARMUP_META_PASSES} metadata passes of {META_OPS} names each in "
            f"{time.perf_counter() - t:.1f} s (warm-up, not measured)")
        t = time.perf_counter()
        for _ in range(WARMUP_LISTINGS):
            for listing in (names_only, with_attributes):
                drop_caches(2)
                time.sleep(TTL_PAUSE)
                listing(list_dir)
        for _ in range(WARMUP_NAME_LISTINGS):
            drop_caches(2)
            time.sleep(TTL_PAUSE)
            names_only(list_dir)
        log(f"{WARMUP_LISTINGS} cold listings of each kind and {WARMUP_NAME_LISTINGS} more of names"
            f" only in {time.perf_counter() - t:.1f} s (warm-up, not measured)")
        for r in range(rounds + 1):
            res = one_round(root, r, size_mib, block, buf, list_dir, stat_order)
            if r == 0:
                log("round 0 was the warm-up (not counted)")
                continue
            for name in results:
                results[name].append(res[name])
    finally:
        if not keep:
            t = time.perf_counter()
            shutil.rmtree(root, ignore_errors=True)
            log(f"removed {root} in {time.perf_counter() - t:.1f} s")

    for name, unit, dec in WORKLOADS:
        vals = results[name]
        fmt = (lambda v: f"{v:.{dec}f}")
        print(f"{label}\t{name}\t{fmt(statistics.median(vals))}\t{unit}\t"
              + " ".join(fmt(v) for v in vals), flush=True)
    log("done")


if __name__ == "__main__":
    main()
