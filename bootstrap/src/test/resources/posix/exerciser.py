#!/usr/bin/env python3
"""POSIX conformance exerciser (issue 25, ADR 0028).

Runs the same system calls inside DIR and prints one line per call: what was called and what came
back (ok with the stat fields that matter, or the errno's name). Run it in a directory of a local
file system and in a goDFS mount: the local file system is the oracle, and the two outputs must be
equal line for line.

  exerciser.py DIR [--as UID:GID]

As root it runs the root part; with --as it first drops to that user (no supplementary groups) and
runs the unprivileged part, which expects the root part's tree (DIR/shared made by root).
Times that the calls set are printed exactly (nanoseconds); times the file system sets itself are
printed only as relations ("ctime moved", "mtime kept"), as two file systems never share a clock.
"""
import errno
import os
import stat
import sys

OUT = []


def fmt_stat(st):
    kind = stat.S_IFMT(st.st_mode)
    kinds = {stat.S_IFREG: "file", stat.S_IFDIR: "dir", stat.S_IFLNK: "symlink",
             stat.S_IFIFO: "fifo", stat.S_IFCHR: "chr", stat.S_IFBLK: "blk", stat.S_IFSOCK: "sock"}
    size = st.st_size if kind != stat.S_IFDIR else "-"
    return "%s %04o %d:%d size=%s" % (kinds.get(kind, "?"), stat.S_IMODE(st.st_mode),
                                      st.st_uid, st.st_gid, size)


def call(label, fn, *args, **kwargs):
    """Runs fn, records 'label -> ok[: result]' or 'label -> ERRNO'."""
    try:
        result = fn(*args, **kwargs)
        OUT.append("%s -> ok%s" % (label, "" if result is None else ": " + str(result)))
        return result
    except OSError as e:
        OUT.append("%s -> %s" % (label, errno.errorcode.get(e.errno, str(e.errno))))
        return None


def lstat(path):
    return fmt_stat(os.lstat(path))


def create(path, mode, flags=os.O_CREAT | os.O_EXCL | os.O_WRONLY, data=b""):
    fd = os.open(path, flags, mode)
    try:
        if data:
            os.write(fd, data)
    finally:
        os.close(fd)


def read(path):
    with open(path, "rb") as f:
        return len(f.read())


def write(path, data):
    fd = os.open(path, os.O_WRONLY)
    try:
        return os.write(fd, data)
    finally:
        os.close(fd)


def times(path, atime_ns, mtime_ns):
    os.utime(path, ns=(atime_ns, mtime_ns), follow_symlinks=False)
    st = os.lstat(path)
    return "atime=%d mtime=%d" % (st.st_atime_ns, st.st_mtime_ns)


def moved(path, fn):
    """Runs fn and says which of path's times it moved."""
    before = os.lstat(path)
    fn()
    after = os.lstat(path)
    parts = []
    for name in ("st_mtime_ns", "st_ctime_ns"):
        parts.append("%s %s" % (name[3:8], "moved" if getattr(after, name) != getattr(before, name)
                                else "kept"))
    return ", ".join(parts)


def root_part(d):
    os.umask(0o022)
    call("mkdir a 0755", os.mkdir, d + "/a", 0o755)
    call("stat a", lstat, d + "/a")
    call("mkdir a again", os.mkdir, d + "/a", 0o755)
    call("mkdir missing/b", os.mkdir, d + "/missing/b", 0o755)
    call("create a/f 0640", create, d + "/a/f", 0o640, data=b"hello")
    call("stat a/f", lstat, d + "/a/f")
    call("create a/f exclusive again", create, d + "/a/f", 0o640)
    call("umask 027 mkdir a/g", lambda: (os.umask(0o027), os.mkdir(d + "/a/g", 0o777),
                                         os.umask(0o022)) and None)
    call("stat a/g", lstat, d + "/a/g")
    for mode in (0o4755, 0o2750, 0o1777, 0o0000, 0o0644):
        call("chmod a/f %04o" % mode, os.chmod, d + "/a/f", mode)
        call("stat a/f", lstat, d + "/a/f")
    call("chmod a/f changes", moved, d + "/a/f", lambda: os.chmod(d + "/a/f", 0o600))
    call("chown a/f 1234:5678", os.chown, d + "/a/f", 1234, 5678)
    call("stat a/f", lstat, d + "/a/f")
    call("chown a/f -1:42", os.chown, d + "/a/f", -1, 42)
    call("stat a/f", lstat, d + "/a/f")
    call("utimens a/f before 1970", times, d + "/a/f", -86400 * 365 * 10 - 123456789, 7)
    call("utimens a/f after 2038", times, d + "/a/f", 2**31 * 10**9 + 999999999,
         4102444800 * 10**9 + 1)
    call("utimens a/f changes", moved, d + "/a/f",
         lambda: os.utime(d + "/a/f", ns=(1, 2)))
    call("truncate a/f 3", os.truncate, d + "/a/f", 3)
    call("stat a/f", lstat, d + "/a/f")
    call("truncate a/f 10", os.truncate, d + "/a/f", 10)
    call("read a/f", read, d + "/a/f")
    call("truncate changes", moved, d + "/a/f", lambda: os.truncate(d + "/a/f", 4))
    call("truncate a", os.truncate, d + "/a", 0)
    call("write changes", moved, d + "/a/f", lambda: write(d + "/a/f", b"x"))
    call("create a/h", create, d + "/a/h", 0o644, data=b"h")
    call("rename a/h a/f (over a file)", os.rename, d + "/a/h", d + "/a/f")
    call("stat a/f", lstat, d + "/a/f")
    call("rename a/f a/g (file over dir)", os.rename, d + "/a/f", d + "/a/g")
    call("rename a/g a/f (dir over file)", os.rename, d + "/a/g", d + "/a/f")
    call("mkdir a/e", os.mkdir, d + "/a/e", 0o755)
    call("rename a/e a/g (dir over empty dir)", os.rename, d + "/a/e", d + "/a/g")
    call("mkdir a/e", os.mkdir, d + "/a/e", 0o755)
    call("create a/g/x", create, d + "/a/g/x", 0o644)
    call("rename a/e a/g (over a non-empty dir)", os.rename, d + "/a/e", d + "/a/g")
    call("rename a a/e (into itself)", os.rename, d + "/a", d + "/a/e/inner")
    call("rename parent changes", moved, d + "/a",
         lambda: os.rename(d + "/a/e", d + "/a/e2"))
    call("unlink a/g (a dir)", os.unlink, d + "/a/g")
    call("rmdir a/g (not empty)", os.rmdir, d + "/a/g")
    call("rmdir a/f (a file)", os.rmdir, d + "/a/f")
    call("unlink a/g/x", os.unlink, d + "/a/g/x")
    call("rmdir a/g", os.rmdir, d + "/a/g")
    call("unlink a/nothing", os.unlink, d + "/a/nothing")
    # For the unprivileged part: a setgid directory of group 4321 that anyone may write, a sticky
    # one, a root-only one and a read-only file.
    call("mkdir shared 2777", lambda: (os.mkdir(d + "/shared"), os.chown(d + "/shared", 0, 4321),
                                       os.chmod(d + "/shared", 0o2777)) and None)
    call("mkdir shared/sub", os.mkdir, d + "/shared/sub", 0o755)
    call("stat shared/sub", lstat, d + "/shared/sub")
    call("create shared/root-file", create, d + "/shared/root-file", 0o644, data=b"root")
    call("stat shared/root-file", lstat, d + "/shared/root-file")
    call("mkdir closed 0700", os.mkdir, d + "/closed", 0o700)
    call("create closed/secret 0600", create, d + "/closed/secret", 0o600, data=b"s")
    call("mkdir sticky 1777", lambda: (os.mkdir(d + "/sticky"), os.chmod(d + "/sticky", 0o1777))
         and None)
    call("create sticky/roots 0666", lambda: (create(d + "/sticky/roots", 0o666),
                                            os.chmod(d + "/sticky/roots", 0o666)) and None)
    call("create readonly 0444", create, d + "/readonly", 0o444, data=b"r")


def user_part(d):
    os.umask(0o022)
    call("create shared/mine", create, d + "/shared/mine", 0o640, data=b"m")
    call("stat shared/mine (setgid dir: its group)", lstat, d + "/shared/mine")
    call("mkdir shared/mydir", os.mkdir, d + "/shared/mydir", 0o750)
    call("stat shared/mydir", lstat, d + "/shared/mydir")
    call("chmod shared/mine 0600", os.chmod, d + "/shared/mine", 0o600)
    call("chmod shared/root-file (not mine)", os.chmod, d + "/shared/root-file", 0o666)
    call("chown shared/mine to root", os.chown, d + "/shared/mine", 0, -1)
    call("utimens shared/root-file (not mine, explicit)", os.utime, d + "/shared/root-file",
         ns=(1, 1))
    call("write shared/root-file (0644 root)", write, d + "/shared/root-file", b"x")
    call("read shared/root-file", read, d + "/shared/root-file")
    call("create in shared/sub (0755 root)", create, d + "/shared/sub/x", 0o644)
    call("list closed", os.listdir, d + "/closed")
    call("read closed/secret", read, d + "/closed/secret")
    call("write readonly", write, d + "/readonly", b"x")
    call("truncate readonly", os.truncate, d + "/readonly", 0)
    call("unlink sticky/roots (sticky, not mine)", os.unlink, d + "/sticky/roots")
    call("create sticky/mine", create, d + "/sticky/mine", 0o644)
    call("unlink sticky/mine", os.unlink, d + "/sticky/mine")
    call("rmdir shared/mydir", os.rmdir, d + "/shared/mydir")


def main():
    # Relative paths from inside DIR: a user other than its owner may not search DIR's ancestors.
    os.chdir(sys.argv[1])
    d = "."
    if len(sys.argv) > 3 and sys.argv[2] == "--as":
        uid, gid = (int(x) for x in sys.argv[3].split(":"))
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)
        user_part(d)
    else:
        root_part(d)
    print("\n".join(OUT))


if __name__ == "__main__":
    main()
