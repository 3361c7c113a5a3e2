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
Extended attributes are listed sorted (the order of listxattr is the file system's own); the oracle
must keep user.* attributes (tmpfs does since Linux 6.6, ext4 always). Symbolic links' absolute
targets are printed with DIR for the directory they were made in, which is not the same in both.
"""
import ctypes
import ctypes.util
import errno
import hashlib
import os
import stat
import sys

OUT = []


def fmt_stat(st):
    kind = stat.S_IFMT(st.st_mode)
    kinds = {stat.S_IFREG: "file", stat.S_IFDIR: "dir", stat.S_IFLNK: "symlink",
             stat.S_IFIFO: "fifo", stat.S_IFCHR: "chr", stat.S_IFBLK: "blk", stat.S_IFSOCK: "sock"}
    size = st.st_size if kind != stat.S_IFDIR else "-"
    return "%s %04o %d:%d size=%s nlink=%d" % (kinds.get(kind, "?"), stat.S_IMODE(st.st_mode),
                                               st.st_uid, st.st_gid, size, st.st_nlink)


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


def stat_follow(path):
    """stat(2), which follows symbolic links (lstat does not)."""
    return fmt_stat(os.stat(path))


def content(path):
    with open(path, "rb") as f:
        return f.read()


def open_flags(path, flags):
    os.close(os.open(path, flags))


def listdir(path):
    return " ".join(sorted(os.listdir(path)))


def readlink_abs(path):
    """readlink(2) of a link to an absolute path below this directory, which is written DIR."""
    return os.readlink(path).replace(os.getcwd(), "DIR")


def lchmod(path, mode):
    """chmod of a link itself: Linux refuses it (EOPNOTSUPP), which Python raises as
    NotImplementedError."""
    try:
        os.chmod(path, mode, follow_symlinks=False)
        return None
    except NotImplementedError:
        return "NotImplementedError"


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


LIBC = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
LIBC.lgetxattr.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_size_t]
LIBC.lgetxattr.restype = ctypes.c_ssize_t
LIBC.llistxattr.argtypes = [ctypes.c_char_p, ctypes.c_void_p, ctypes.c_size_t]
LIBC.llistxattr.restype = ctypes.c_ssize_t
LIBC.readlink.argtypes = [ctypes.c_char_p, ctypes.c_void_p, ctypes.c_size_t]
LIBC.readlink.restype = ctypes.c_ssize_t


class Dirent64(ctypes.Structure):
    _fields_ = [("d_ino", ctypes.c_uint64), ("d_off", ctypes.c_int64),
                ("d_reclen", ctypes.c_ushort), ("d_type", ctypes.c_ubyte),
                ("d_name", ctypes.c_char * 256)]


LIBC.opendir.argtypes = [ctypes.c_char_p]
LIBC.opendir.restype = ctypes.c_void_p
LIBC.readdir64.argtypes = [ctypes.c_void_p]
LIBC.readdir64.restype = ctypes.POINTER(Dirent64)
LIBC.closedir.argtypes = [ctypes.c_void_p]
DT_NAMES = {0: "unknown", 1: "fifo", 2: "chr", 4: "dir", 6: "blk", 8: "file", 10: "symlink",
            12: "sock"}


def libc_result(n):
    if n < 0:
        e = ctypes.get_errno()
        raise OSError(e, os.strerror(e))
    return n


def getxattr_size(path, name, size):
    """lgetxattr(2) with a buffer of size bytes (0: only the value's length), as C programs call it
    (Python's os.getxattr retries with a larger buffer itself)."""
    buf = ctypes.create_string_buffer(size) if size else None
    return libc_result(LIBC.lgetxattr(path.encode(), name.encode(), buf, size))


def listxattr_size(path, size):
    buf = ctypes.create_string_buffer(size) if size else None
    return libc_result(LIBC.llistxattr(path.encode(), buf, size))


def readlink_size(path, size):
    """readlink(2) into a buffer of size bytes, as C programs call it (it is not NUL-terminated)."""
    buf = ctypes.create_string_buffer(size)
    n = libc_result(LIBC.readlink(path.encode(), buf, size))
    return buf.raw[:n].decode()


def dtypes(path):
    """The entries of path with the type readdir(3) gives them (d_type), sorted; not . and .."""
    handle = LIBC.opendir(path.encode())
    if not handle:
        libc_result(-1)
    entries = []
    try:
        while True:
            entry = LIBC.readdir64(handle)
            if not entry:
                break
            name = entry.contents.d_name.decode()
            if name not in (".", ".."):
                entries.append("%s:%s" % (name, DT_NAMES.get(entry.contents.d_type, "?")))
    finally:
        LIBC.closedir(handle)
    return " ".join(sorted(entries))


def getx(path, name):
    value = os.getxattr(path, name, follow_symlinks=False)
    if len(value) > 32:
        return "%d bytes sha256=%s" % (len(value), hashlib.sha256(value).hexdigest()[:16])
    return "%d bytes %s" % (len(value), value.hex())


def listx(path):
    return ",".join(sorted(os.listxattr(path, follow_symlinks=False))) or "(none)"


def setx(path, name, value, flags=0):
    os.setxattr(path, name, value, flags, follow_symlinks=False)


def removex(path, name):
    os.removexattr(path, name, follow_symlinks=False)


def xattr_root_part(d):
    f = d + "/x/f"
    call("mkdir x 0777", lambda: (os.mkdir(d + "/x"), os.chmod(d + "/x", 0o777)) and None)
    call("create x/f 0644", create, f, 0o644, data=b"xattrs")
    call("listxattr x/f (none)", listx, f)
    call("getxattr x/f user.missing", getx, f, "user.missing")
    call("setxattr x/f user.bin", setx, f, "user.bin", b"\x00a\x00\xffb\x00")
    call("getxattr x/f user.bin", getx, f, "user.bin")
    call("setxattr x/f user.empty (empty value)", setx, f, "user.empty", b"")
    call("getxattr x/f user.empty", getx, f, "user.empty")
    call("setxattr x/f user.bin CREATE (exists)", setx, f, "user.bin", b"new", os.XATTR_CREATE)
    call("setxattr x/f user.new REPLACE (missing)", setx, f, "user.new", b"n", os.XATTR_REPLACE)
    call("setxattr x/f user.bin REPLACE", setx, f, "user.bin", b"replaced", os.XATTR_REPLACE)
    call("getxattr x/f user.bin", getx, f, "user.bin")
    call("setxattr x/f user.new CREATE", setx, f, "user.new", b"n", os.XATTR_CREATE)
    both = os.XATTR_CREATE | os.XATTR_REPLACE
    call("setxattr x/f user.new CREATE|REPLACE (exists)", setx, f, "user.new", b"b", both)
    call("setxattr x/f user.none CREATE|REPLACE (missing)", setx, f, "user.none", b"b", both)
    call("setxattr x/f user.4k", setx, f, "user.4k", bytes(range(256)) * 16)
    call("getxattr x/f user.4k", getx, f, "user.4k")
    call("setxattr x/f user.big (64 KiB + 1)", setx, f, "user.big", b"b" * 65537)
    call("setxattr x/f user. (no name)", setx, f, "user.", b"v")
    call("setxattr x/f foo.bar (no such namespace)", setx, f, "foo.bar", b"v")
    call("getxattr x/f foo.bar (no such namespace)", getx, f, "foo.bar")
    call("getxattr x/f security.selinux", getx, f, "security.selinux")
    call("getxattr x/f security.capability", getx, f, "security.capability")
    call("getxattr x/f system.posix_acl_access", getx, f, "system.posix_acl_access")
    call("getxattr x/f system.posix_acl_default", getx, f, "system.posix_acl_default")
    call("removexattr x/f security.none", removex, f, "security.none")
    call("setxattr x/f trusted.t (root)", setx, f, "trusted.t", b"root only")
    call("getxattr x/f trusted.t (root)", getx, f, "trusted.t")
    call("listxattr x/f", listx, f)
    call("getxattr x/f user.bin size 0", getxattr_size, f, "user.bin", 0)
    call("getxattr x/f user.bin buffer too small", getxattr_size, f, "user.bin", 3)
    call("getxattr x/f user.bin buffer just right", getxattr_size, f, "user.bin", 8)
    call("listxattr x/f size 0", listxattr_size, f, 0)
    call("listxattr x/f buffer too small", listxattr_size, f, 4)
    call("setxattr changes", moved, f, lambda: setx(f, "user.t", b"1"))
    call("removexattr changes", moved, f, lambda: removex(f, "user.t"))
    call("removexattr x/f user.empty", removex, f, "user.empty")
    call("removexattr x/f user.empty again", removex, f, "user.empty")
    call("getxattr x/f user.empty", getx, f, "user.empty")
    call("listxattr x/f", listx, f)
    call("setxattr x (a directory)", setx, d + "/x", "user.dir", b"d")
    call("getxattr x", getx, d + "/x", "user.dir")
    call("create x/moving", create, d + "/x/moving", 0o644)
    call("setxattr x/moving user.m", setx, d + "/x/moving", "user.m", b"m")
    call("rename x/moving x/moved", os.rename, d + "/x/moving", d + "/x/moved")
    call("listxattr x/moved", listx, d + "/x/moved")
    call("getxattr x/moving (gone)", getx, d + "/x/moving", "user.m")
    call("create x/moving again", create, d + "/x/moving", 0o644)
    call("listxattr x/moving (a new file)", listx, d + "/x/moving")
    call("create x/private 0600", create, d + "/x/private", 0o600)
    call("setxattr x/private user.p", setx, d + "/x/private", "user.p", b"p")
    call("create x/max", create, d + "/x/max", 0o644)
    call("setxattr x/max user.max (a 64 KiB value)", setx, d + "/x/max", "user.max", b"m" * 65536)
    call("create x/sec", create, d + "/x/sec", 0o644)
    # Local file systems keep security.* for root (LSMs use them); goDFS does not.
    call("setxattr x/sec security.test (root)", setx, d + "/x/sec", "security.test", b"s")
    call("getxattr x/sec security.test", getx, d + "/x/sec", "security.test")


def xattr_user_part(d):
    f = d + "/x/f"
    call("getxattr x/f user.bin (not mine, readable)", getx, f, "user.bin")
    call("listxattr x/f (trusted.* hidden)", listx, f)
    call("getxattr x/f trusted.t (user)", getx, f, "trusted.t")
    call("setxattr x/f user.u (not mine, 0644)", setx, f, "user.u", b"u")
    call("removexattr x/f user.bin (not mine, 0644)", removex, f, "user.bin")
    call("setxattr x/f trusted.u (user)", setx, f, "trusted.u", b"u")
    call("getxattr x/private user.p (0600 root)", getx, d + "/x/private", "user.p")
    call("listxattr x/private (0600 root)", listx, d + "/x/private")
    call("getxattr closed/secret (no search)", getx, d + "/closed/secret", "user.x")
    call("create x/mine", create, d + "/x/mine", 0o644)
    call("setxattr x/mine user.mine", setx, d + "/x/mine", "user.mine", b"\x00mine")
    call("getxattr x/mine user.mine", getx, d + "/x/mine", "user.mine")
    call("listxattr x/mine", listx, d + "/x/mine")
    call("setxattr x/mine trusted.mine (user)", setx, d + "/x/mine", "trusted.mine", b"t")
    call("removexattr x/mine user.mine", removex, d + "/x/mine", "user.mine")
    call("listxattr x/mine", listx, d + "/x/mine")


def symlink_root_part(d):
    s = d + "/s"
    call("mkdir s 0755", os.mkdir, s, 0o755)
    call("create s/file", create, s + "/file", 0o644, data=b"target")
    call("mkdir s/dir", os.mkdir, s + "/dir", 0o755)
    call("create s/dir/inner", create, s + "/dir/inner", 0o644, data=b"inner")
    # A link to a file: read, written, truncated, chmod and chown through it.
    call("symlink s/to-file -> file", os.symlink, "file", s + "/to-file")
    call("lstat s/to-file", lstat, s + "/to-file")
    call("readlink s/to-file", os.readlink, s + "/to-file")
    call("stat s/to-file (follows)", stat_follow, s + "/to-file")
    call("read s/to-file", content, s + "/to-file")
    call("write s/to-file", write, s + "/to-file", b"TA")
    call("read s/file (written through the link)", content, s + "/file")
    call("truncate s/to-file 4", os.truncate, s + "/to-file", 4)
    call("stat s/file", lstat, s + "/file")
    call("lstat s/to-file (not truncated)", lstat, s + "/to-file")
    call("chmod s/to-file 0600 (follows)", os.chmod, s + "/to-file", 0o600)
    call("stat s/file", lstat, s + "/file")
    call("lstat s/to-file (still 0777)", lstat, s + "/to-file")
    call("lchmod s/to-file", lchmod, s + "/to-file", 0o600)
    call("chown s/to-file 1:2 (follows)", os.chown, s + "/to-file", 1, 2)
    call("stat s/file", lstat, s + "/file")
    call("lstat s/to-file (still root's)", lstat, s + "/to-file")
    call("chown s/file back", lambda: (os.chown(s + "/file", 0, 0), os.chmod(s + "/file", 0o644))
         and None)
    call("open s/to-file O_NOFOLLOW", open_flags, s + "/to-file", os.O_RDONLY | os.O_NOFOLLOW)
    call("readlink s/to-file buffer 2", readlink_size, s + "/to-file", 2)
    # A link to a directory, used in paths.
    call("symlink s/to-dir -> dir", os.symlink, "dir", s + "/to-dir")
    call("stat s/to-dir (follows)", stat_follow, s + "/to-dir")
    call("read s/to-dir/inner", content, s + "/to-dir/inner")
    call("create s/to-dir/new", create, s + "/to-dir/new", 0o644, data=b"new")
    call("list s/to-dir", listdir, s + "/to-dir")
    call("stat s/dir/new", lstat, s + "/dir/new")
    call("rmdir s/to-dir (a link)", os.rmdir, s + "/to-dir")
    call("symlink s/dir/up -> ../file", os.symlink, "../file", s + "/dir/up")
    call("read s/dir/up", content, s + "/dir/up")
    call("read s/to-dir/up (two links)", content, s + "/to-dir/up")
    # Dangling, absolute, long, existing names, loops.
    call("symlink s/dangling -> missing", os.symlink, "missing", s + "/dangling")
    call("lstat s/dangling", lstat, s + "/dangling")
    call("stat s/dangling", stat_follow, s + "/dangling")
    call("read s/dangling", content, s + "/dangling")
    call("create through s/dangling", create, s + "/dangling", 0o640,
         os.O_CREAT | os.O_WRONLY, b"made")
    call("stat s/missing (made through the link)", lstat, s + "/missing")
    call("create s/dangling O_EXCL", create, s + "/dangling", 0o644)
    call("mkdir s/dangling", os.mkdir, s + "/dangling", 0o755)
    call("symlink s/abs -> DIR/s/file", os.symlink, os.path.abspath(s + "/file"), s + "/abs")
    call("readlink s/abs", readlink_abs, s + "/abs")
    call("read s/abs", content, s + "/abs")
    call("symlink s/null -> /dev/null", os.symlink, "/dev/null", s + "/null")
    call("lstat s/null", lstat, s + "/null")
    call("stat s/null (out of the file system)", stat_follow, s + "/null")
    call("symlink s/long -> 4095 bytes", os.symlink, "x" * 4095, s + "/long")
    call("lstat s/long", lstat, s + "/long")
    call("readlink s/long", lambda p: len(os.readlink(p)), s + "/long")
    call("stat s/long (a 4095-byte name)", stat_follow, s + "/long")
    call("symlink s/too-long -> 4096 bytes", os.symlink, "x" * 4096, s + "/too-long")
    call("symlink s/nested -> dir/../dir/./inner", os.symlink, "dir/../dir/./inner",
         s + "/nested")
    call("read s/nested", content, s + "/nested")
    call("symlink s/to-file again (exists)", os.symlink, "other", s + "/to-file")
    call("symlink s/file (a file's name)", os.symlink, "other", s + "/file")
    call("symlink s/no-dir/l (missing dir)", os.symlink, "other", s + "/no-dir/l")
    call("symlink s/loop-a -> loop-b", os.symlink, "loop-b", s + "/loop-a")
    call("symlink s/loop-b -> loop-a", os.symlink, "loop-a", s + "/loop-b")
    call("open s/loop-a", content, s + "/loop-a")
    call("stat s/loop-a", stat_follow, s + "/loop-a")
    call("lstat s/loop-a", lstat, s + "/loop-a")
    call("symlink s/self -> self", os.symlink, "self", s + "/self")
    call("create through s/self", create, s + "/self", 0o644, os.O_CREAT | os.O_WRONLY)
    call("readlink s/file (not a link)", os.readlink, s + "/file")
    call("readlink s/dir (not a link)", os.readlink, s + "/dir")
    call("readlink s/nothing", os.readlink, s + "/nothing")
    call("list s (readdir's types)", dtypes, s)
    # The link itself: owner and times (the kernel does not follow lchown and utimensat with
    # AT_SYMLINK_NOFOLLOW), extended attributes.
    call("lchown s/to-dir 1234:5678", os.lchown, s + "/to-dir", 1234, 5678)
    call("lstat s/to-dir", lstat, s + "/to-dir")
    call("stat s/dir (not followed)", lstat, s + "/dir")
    call("lchown s/to-dir changes", moved, s + "/to-dir", lambda: os.lchown(s + "/to-dir", -1, 42))
    call("lstat s/to-dir", lstat, s + "/to-dir")
    call("utimens s/to-dir (the link)", times, s + "/to-dir", 1000000001, 2000000002)
    call("utimens s/to-dir leaves s/dir", moved, s + "/dir",
         lambda: os.utime(s + "/to-dir", ns=(3, 4), follow_symlinks=False))
    call("utimens s/to-dir before 1970", times, s + "/to-dir", -10**18 - 5, 0)
    call("setxattr s/to-dir user.k (a link)", setx, s + "/to-dir", "user.k", b"v")
    call("getxattr s/to-dir user.k (a link)", getx, s + "/to-dir", "user.k")
    call("listxattr s/to-dir (a link)", listx, s + "/to-dir")
    call("setxattr s/null trusted.l (root, a link)", setx, s + "/null", "trusted.l", b"l")
    call("getxattr s/null trusted.l", getx, s + "/null", "trusted.l")
    # Rename and unlink of a link: the target stays.
    call("rename s/to-file s/renamed", os.rename, s + "/to-file", s + "/renamed")
    call("readlink s/renamed", os.readlink, s + "/renamed")
    call("lstat s/to-file (gone)", lstat, s + "/to-file")
    call("read s/file (the target stays)", content, s + "/file")
    call("rename s/renamed s/dir/renamed", os.rename, s + "/renamed", s + "/dir/renamed")
    call("read s/dir/renamed (relative: now dangling)", content, s + "/dir/renamed")
    call("rename s/dir/renamed s/to-file", os.rename, s + "/dir/renamed", s + "/to-file")
    call("create s/file2", create, s + "/file2", 0o644, data=b"2")
    call("rename s/file2 s/null (a file over a link)", os.rename, s + "/file2", s + "/null")
    call("lstat s/null", lstat, s + "/null")
    call("rename s/dangling s/null (a link over a file)", os.rename, s + "/dangling", s + "/null")
    call("lstat s/null", lstat, s + "/null")
    call("rename s/loop-a s/to-dir (a link over a link)", os.rename, s + "/loop-a", s + "/to-dir")
    call("readlink s/to-dir", os.readlink, s + "/to-dir")
    call("symlink s/to-dir2 -> dir", os.symlink, "dir", s + "/to-dir2")
    call("rename s/to-dir2 s/dir (a link over a dir)", os.rename, s + "/to-dir2", s + "/dir")
    call("unlink s/to-file", os.unlink, s + "/to-file")
    call("read s/file (the target stays)", content, s + "/file")
    call("unlink s/to-dir2 (a link to a dir)", os.unlink, s + "/to-dir2")
    call("list s/dir (the target stays)", listdir, s + "/dir")
    call("unlink s/self", os.unlink, s + "/self")
    call("list s (readdir's types)", dtypes, s)
    # For the unprivileged part.
    call("symlink s/root-link -> file", os.symlink, "file", s + "/root-link")
    call("symlink closed/link -> secret", os.symlink, "secret", d + "/closed/link")
    call("symlink sticky/root-link -> roots", os.symlink, "roots", d + "/sticky/root-link")


def symlink_user_part(d):
    s = d + "/s"
    call("readlink s/root-link (root's)", os.readlink, s + "/root-link")
    call("read s/root-link", content, s + "/root-link")
    call("symlink s/mine (0755 root)", os.symlink, "file", s + "/mine")
    call("lchown s/root-link (not mine)", os.lchown, s + "/root-link", 1234, 1234)
    call("utimens s/root-link (not mine, explicit)", os.utime, s + "/root-link", ns=(1, 1),
         follow_symlinks=False)
    call("readlink closed/link (no search)", os.readlink, d + "/closed/link")
    call("symlink shared/my-link -> mine", os.symlink, "mine", d + "/shared/my-link")
    call("lstat shared/my-link (setgid dir: its group)", lstat, d + "/shared/my-link")
    call("read shared/my-link", content, d + "/shared/my-link")
    call("lchown shared/my-link to root", os.lchown, d + "/shared/my-link", 0, -1)
    call("lchown shared/my-link -1:1234 (my group)", os.lchown, d + "/shared/my-link", -1, 1234)
    call("lstat shared/my-link", lstat, d + "/shared/my-link")
    call("utimens shared/my-link (mine)", times, d + "/shared/my-link", 5, 6)
    call("rename shared/my-link shared/my-link2", os.rename, d + "/shared/my-link",
         d + "/shared/my-link2")
    call("unlink shared/my-link2", os.unlink, d + "/shared/my-link2")
    call("unlink sticky/root-link (sticky, not mine)", os.unlink, d + "/sticky/root-link")
    call("read sticky/root-link", content, d + "/sticky/root-link")
    call("symlink sticky/my-link -> roots", os.symlink, "roots", d + "/sticky/my-link")
    call("read sticky/my-link", content, d + "/sticky/my-link")
    call("unlink sticky/my-link", os.unlink, d + "/sticky/my-link")


def stat_rdev(path):
    st = os.lstat(path)
    return "%s rdev=%d,%d" % (fmt_stat(st), os.major(st.st_rdev), os.minor(st.st_rdev))


def fifo_roundtrip(path, data):
    """Opens a FIFO for reading (without waiting for a writer), then for writing, passes data
    through it: the kernel serves the pipe on this host, whatever file system holds its name."""
    r = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        w = os.open(path, os.O_WRONLY)
        try:
            os.write(w, data)
        finally:
            os.close(w)
        return os.read(r, 100).decode()
    finally:
        os.close(r)


def special_root_part(d):
    p = d + "/sp"
    os.mkdir(p, 0o755)
    call("mkfifo sp/fifo 0640", os.mkfifo, p + "/fifo", 0o640)
    call("stat sp/fifo", stat_rdev, p + "/fifo")
    call("mkfifo sp/fifo again", os.mkfifo, p + "/fifo", 0o640)
    call("create sp/fifo exclusive", create, p + "/fifo", 0o644)
    call("fifo sp/fifo round trip", fifo_roundtrip, p + "/fifo", b"through the pipe")
    call("mknod sp/null chr 1,3 0666", os.mknod, p + "/null", stat.S_IFCHR | 0o666,
         os.makedev(1, 3))
    call("stat sp/null", stat_rdev, p + "/null")
    call("mknod sp/disk blk 259,65537 0660", os.mknod, p + "/disk", stat.S_IFBLK | 0o660,
         os.makedev(259, 65537))
    call("stat sp/disk", stat_rdev, p + "/disk")
    call("mknod sp/sock 0755", os.mknod, p + "/sock", stat.S_IFSOCK | 0o755)
    call("stat sp/sock", stat_rdev, p + "/sock")
    call("mknod sp/reg (a regular file)", os.mknod, p + "/reg", stat.S_IFREG | 0o600)
    call("stat sp/reg", stat_rdev, p + "/reg")
    call("mknod sp/dir (a directory)", os.mknod, p + "/dir", stat.S_IFDIR | 0o755)
    call("mknod sp/missing/fifo", os.mkfifo, p + "/missing/fifo", 0o644)
    call("readdir sp", dtypes, p)
    call("chmod sp/fifo 0604", os.chmod, p + "/fifo", 0o604)
    call("chown sp/null 1234:5678", os.chown, p + "/null", 1234, 5678)
    call("utimens sp/sock", times, p + "/sock", 11, 12)
    call("stat sp/null", stat_rdev, p + "/null")
    call("chmod sp/fifo changes", moved, p + "/fifo", lambda: os.chmod(p + "/fifo", 0o644))
    call("truncate sp/fifo", os.truncate, p + "/fifo", 0)
    call("setxattr sp/fifo user.a", setx, p + "/fifo", "user.a", b"1")
    call("setxattr sp/fifo trusted.a", setx, p + "/fifo", "trusted.a", b"1")
    call("getxattr sp/fifo trusted.a", getx, p + "/fifo", "trusted.a")
    call("rename sp/disk sp/disk2", os.rename, p + "/disk", p + "/disk2")
    call("stat sp/disk2", stat_rdev, p + "/disk2")
    call("rename sp/reg sp/fifo (file over fifo)", os.rename, p + "/reg", p + "/fifo")
    call("stat sp/fifo", stat_rdev, p + "/fifo")
    call("unlink sp/sock", os.unlink, p + "/sock")
    call("rmdir sp/null (not a dir)", os.rmdir, p + "/null")
    call("readdir sp", dtypes, p)
    call("mkfifo sticky/root-fifo 0666", os.mkfifo, d + "/sticky/root-fifo", 0o666)
    call("chmod sticky/root-fifo 0666", os.chmod, d + "/sticky/root-fifo", 0o666)


def links_of(*paths):
    """The link counts of paths, and whether they are one inode (st_dev and st_ino)."""
    sts = [os.lstat(p) for p in paths]
    same = all((st.st_dev, st.st_ino) == (sts[0].st_dev, sts[0].st_ino) for st in sts)
    return "nlink=%s %s" % (",".join(str(st.st_nlink) for st in sts),
                            "one inode" if same else "different inodes")


SYS_RENAMEAT2 = 316  # x86_64
LIBC.syscall.restype = ctypes.c_long
AT_FDCWD = -100
RENAME_NOREPLACE = 1
RENAME_EXCHANGE = 2


def renameat2(old, new, flags):
    r = LIBC.syscall(ctypes.c_long(SYS_RENAMEAT2), ctypes.c_int(AT_FDCWD),
                     ctypes.c_char_p(old.encode()), ctypes.c_int(AT_FDCWD),
                     ctypes.c_char_p(new.encode()), ctypes.c_uint(flags))
    libc_result(r)


def hardlink_root_part(d):
    h = d + "/hl"
    os.mkdir(h, 0o755)
    create(h + "/f", 0o640, data=b"first")
    call("link hl/f hl/g", os.link, h + "/f", h + "/g")
    call("links hl/f hl/g", links_of, h + "/f", h + "/g")
    call("stat hl/g", lstat, h + "/g")
    call("link changes hl/f", moved, h + "/f", lambda: os.link(h + "/f", h + "/g2"))
    call("unlink hl/g2", os.unlink, h + "/g2")
    call("write hl/g", write, h + "/g", b"SECOND")
    call("read hl/f", content, h + "/f")
    call("link hl/f hl/g again", os.link, h + "/f", h + "/g")
    call("link hl/f hl/f", os.link, h + "/f", h + "/f")
    call("link hl (a dir)", os.link, h, d + "/hl-link")
    call("link hl/missing", os.link, h + "/missing", h + "/m")
    call("link hl/f hl/none/x", os.link, h + "/f", h + "/none/x")
    call("link hl/f/x (a file as dir)", os.link, h + "/f", h + "/f/x")
    call("rename hl/g hl/f (one inode)", os.rename, h + "/g", h + "/f")
    call("links hl/f hl/g", links_of, h + "/f", h + "/g")
    call("renameat2 noreplace hl/g hl/f", renameat2, h + "/g", h + "/f", RENAME_NOREPLACE)
    call("unlink hl/f changes hl/g", moved, h + "/g", lambda: os.unlink(h + "/f"))
    call("links hl/g", links_of, h + "/g")
    call("read hl/g", content, h + "/g")
    os.symlink("g", h + "/sym")
    call("link hl/sym (a symlink itself)", os.link, h + "/sym", h + "/sym2", follow_symlinks=False)
    call("links hl/sym hl/sym2", links_of, h + "/sym", h + "/sym2")
    call("readlink hl/sym2", os.readlink, h + "/sym2")
    os.mkfifo(h + "/fifo", 0o600)
    call("link hl/fifo", os.link, h + "/fifo", h + "/fifo2")
    call("stat hl/fifo2", lstat, h + "/fifo2")
    call("mkdir hl/d", os.mkdir, h + "/d", 0o755)
    call("links hl/d (empty)", links_of, h + "/d")
    os.mkdir(h + "/d/a")
    os.mkdir(h + "/d/b")
    create(h + "/d/file", 0o644)
    call("links hl/d (2 subdirs, 1 file)", links_of, h + "/d")
    call("links hl/d/a", links_of, h + "/d/a")
    call("rmdir hl/d/a", os.rmdir, h + "/d/a")
    call("links hl/d", links_of, h + "/d")
    call("rename hl/d/b hl/b", os.rename, h + "/d/b", h + "/b")
    call("links hl/d hl", links_of, h + "/d", h)
    # renameat2(RENAME_EXCHANGE)
    create(h + "/x1", 0o600, data=b"one")
    create(h + "/x2", 0o644, data=b"two!")
    call("exchange hl/x1 hl/x2", renameat2, h + "/x1", h + "/x2", RENAME_EXCHANGE)
    call("read hl/x1", content, h + "/x1")
    call("stat hl/x1", lstat, h + "/x1")
    call("read hl/x2", content, h + "/x2")
    call("exchange hl/x1 hl/d (file and dir)", renameat2, h + "/x1", h + "/d", RENAME_EXCHANGE)
    call("stat hl/x1", lstat, h + "/x1")
    call("list hl/x1", listdir, h + "/x1")
    call("read hl/d", content, h + "/d")
    call("exchange hl/x2 hl/nothing", renameat2, h + "/x2", h + "/nothing", RENAME_EXCHANGE)
    call("exchange hl/x1 hl/x1/a (into itself)", renameat2, h + "/x1", h + "/x1/file",
         RENAME_EXCHANGE)
    call("exchange with noreplace", renameat2, h + "/x1", h + "/x2",
         RENAME_EXCHANGE | RENAME_NOREPLACE)
    call("exchange hl/g hl/g (itself)", renameat2, h + "/g", h + "/g", RENAME_EXCHANGE)
    call("exchange hl/x2 hl/g", renameat2, h + "/x2", h + "/g", RENAME_EXCHANGE)
    call("read hl/x2", content, h + "/x2")
    create(h + "/root-file", 0o644, data=b"r")
    create(d + "/shared/root-shared", 0o666, data=b"rs")
    os.chmod(d + "/shared/root-shared", 0o666)


def hardlink_user_part(d):
    call("link hl/root-file shared/l (not mine, protected_hardlinks)", os.link,
         d + "/hl/root-file", d + "/shared/l")
    call("link shared/root-shared shared/l2 (0666, not mine)", os.link,
         d + "/shared/root-shared", d + "/shared/l2")
    call("links shared/root-shared shared/l2", links_of, d + "/shared/root-shared",
         d + "/shared/l2")
    create(d + "/shared/own", 0o600, data=b"own")
    call("link shared/own shared/own2", os.link, d + "/shared/own", d + "/shared/own2")
    call("link shared/own hl/own (no write)", os.link, d + "/shared/own", d + "/hl/own")
    call("links shared/own shared/own2", links_of, d + "/shared/own", d + "/shared/own2")
    call("unlink shared/own", os.unlink, d + "/shared/own")
    call("read shared/own2", content, d + "/shared/own2")
    call("exchange shared/own2 shared/l2", renameat2, d + "/shared/own2", d + "/shared/l2",
         RENAME_EXCHANGE)
    call("read shared/l2", content, d + "/shared/l2")


def rules_root_part(d):
    """Files for the POSIX rules the kernel leaves to the file system, checked as a user."""
    r = d + "/rules"
    os.mkdir(r, 0o777)
    os.chmod(r, 0o777)
    create(r + "/root-0666", 0o666, data=b"0123456789")
    os.chmod(r + "/root-0666", 0o666)
    create(r + "/root-0644", 0o644, data=b"0123456789")
    create(r + "/root-0755", 0o755, data=b"#!/bin/sh\n")
    create(r + "/users-6755", 0o644, data=b"setid")
    os.chown(r + "/users-6755", 1234, 1234)
    os.chmod(r + "/users-6755", 0o6755)
    call("stat rules/users-6755", lstat, r + "/users-6755")
    create(r + "/users-g5678", 0o644, data=b"g")
    os.chown(r + "/users-g5678", 1234, 5678)
    create(r + "/root-6755", 0o644, data=b"setid")
    os.chmod(r + "/root-6755", 0o6777)
    call("write rules/root-6755 as root", write, r + "/root-6755", b"S")
    call("stat rules/root-6755 (root keeps setuid)", lstat, r + "/root-6755")


def access_of(path):
    return "".join(c if os.access(path, m) else "-"
                   for c, m in (("r", os.R_OK), ("w", os.W_OK), ("x", os.X_OK)))


def open_trunc(path):
    os.close(os.open(path, os.O_WRONLY | os.O_TRUNC))
    return os.lstat(path).st_size


def rules_user_part(d):
    r = d + "/rules"
    for name in ("root-0666", "root-0644", "root-0755", "users-6755"):
        call("access rules/" + name, access_of, r + "/" + name)
    call("access rules (dir)", access_of, r)
    call("write rules/users-6755 (mine: setuid and setgid cleared)", write,
         r + "/users-6755", b"W")
    call("stat rules/users-6755", lstat, r + "/users-6755")
    call("chmod rules/users-6755 6755 again", os.chmod, r + "/users-6755", 0o6755)
    call("stat rules/users-6755", lstat, r + "/users-6755")
    call("chown rules/users-6755 -1:1234 (mine, my group: setuid cleared)", os.chown,
         r + "/users-6755", -1, 1234)
    call("stat rules/users-6755", lstat, r + "/users-6755")
    call("chmod rules/users-g5678 2755 (group not mine: setgid dropped)", os.chmod,
         r + "/users-g5678", 0o2755)
    call("stat rules/users-g5678", lstat, r + "/users-g5678")
    call("truncate rules/root-0644 (not writable)", os.truncate, r + "/root-0644", 0)
    call("open O_TRUNC rules/root-0644", open_trunc, r + "/root-0644")
    call("truncate rules/root-0666 5 (writable)", os.truncate, r + "/root-0666", 5)
    call("open O_TRUNC rules/root-0666", open_trunc, r + "/root-0666")
    call("utimens rules/root-0666 now (writable, not mine)", os.utime, r + "/root-0666", None)
    call("utimens rules/root-0666 explicit (not mine)", os.utime, r + "/root-0666", ns=(5, 5))
    call("utimens rules/root-0644 now (not writable)", os.utime, r + "/root-0644", None)
    call("utimens rules/users-6755 explicit (mine)", times, r + "/users-6755", 7, 8)
    call("utimens rules/users-6755 omit atime (mine)", lambda: LIBC_UTIME_OMIT_ATIME(
        r + "/users-6755", 99) or None)
    call("stat times rules/users-6755", lambda: "atime=%d mtime=%d" % (
        os.lstat(r + "/users-6755").st_atime_ns, os.lstat(r + "/users-6755").st_mtime_ns))


class Timespec(ctypes.Structure):
    _fields_ = [("tv_sec", ctypes.c_long), ("tv_nsec", ctypes.c_long)]


UTIME_OMIT = (1 << 30) - 2
LIBC.utimensat.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.POINTER(Timespec), ctypes.c_int]


def LIBC_UTIME_OMIT_ATIME(path, mtime_ns):
    """utimensat(2) leaving the access time (UTIME_OMIT) and setting the modification time."""
    ts = (Timespec * 2)(Timespec(0, UTIME_OMIT), Timespec(mtime_ns // 10**9, mtime_ns % 10**9))
    libc_result(LIBC.utimensat(-100, path.encode(), ts, 0))


def special_user_part(d):
    call("mkfifo shared/my-fifo 0660", os.mkfifo, d + "/shared/my-fifo", 0o660)
    call("stat shared/my-fifo (setgid dir: its group)", stat_rdev, d + "/shared/my-fifo")
    call("mknod shared/my-null chr (no CAP_MKNOD)", os.mknod, d + "/shared/my-null",
         stat.S_IFCHR | 0o666, os.makedev(1, 3))
    call("mknod shared/my-sock", os.mknod, d + "/shared/my-sock", stat.S_IFSOCK | 0o600)
    call("stat shared/my-sock", stat_rdev, d + "/shared/my-sock")
    call("mkfifo closed/fifo (no write)", os.mkfifo, d + "/closed/fifo", 0o644)
    call("mkfifo shared/sub/fifo (0755 root)", os.mkfifo, d + "/shared/sub/fifo", 0o644)
    call("chmod sp/null (mine: root gave it)", os.chmod, d + "/sp/null", 0o600)
    call("chmod sp/disk2 (not mine)", os.chmod, d + "/sp/disk2", 0o600)
    call("unlink sp/null (0755 root dir)", os.unlink, d + "/sp/null")
    call("fifo shared/my-fifo round trip", fifo_roundtrip, d + "/shared/my-fifo", b"mine")
    call("unlink sticky/root-fifo (sticky, not mine)", os.unlink, d + "/sticky/root-fifo")
    call("unlink shared/my-fifo", os.unlink, d + "/shared/my-fifo")
    call("unlink shared/my-sock", os.unlink, d + "/shared/my-sock")


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
    xattr_root_part(d)
    symlink_root_part(d)
    special_root_part(d)
    hardlink_root_part(d)
    rules_root_part(d)


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
    call("rename sticky/roots (sticky, not mine)", os.rename, d + "/sticky/roots",
         d + "/sticky/taken")
    call("rename over sticky/roots (sticky, not mine)", lambda: (
        create(d + "/sticky/over", 0o644), os.rename(d + "/sticky/over", d + "/sticky/roots"))
        and None)
    call("create sticky/mine", create, d + "/sticky/mine", 0o644)
    call("unlink sticky/mine", os.unlink, d + "/sticky/mine")
    call("rmdir shared/mydir", os.rmdir, d + "/shared/mydir")
    xattr_user_part(d)
    symlink_user_part(d)
    special_user_part(d)
    hardlink_user_part(d)
    rules_user_part(d)


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
