# Shell functions for MountRealProgramsIT: a tree with every kind of file, and a manifest of what a
# copy must keep of it. Sourced by bash (set -e -o pipefail) before each test's script.

# The same output on every machine: times written and shown in UTC, C sorting and messages.
export TZ=UTC LC_ALL=C

# make_tree DIR: creates DIR holding every kind of file the mount supports, with the attributes
# rsync -aHX, tar -p --xattrs and cp -a must keep: set-id and sticky bits, modes 0000, numeric
# owners with no user behind them, nanosecond mtimes (also on links and directories), links that
# are relative, absolute and dangling, a file with three names in two directories, a FIFO, devices
# and user.* extended attributes. Run as root (chown, mknod).
make_tree() {
  local t="$1"
  mkdir -p "$t"/dir/sub/deeper "$t"/other "$t"/empty/inner "$t"/empty2
  printf 'hello\n' > "$t"/file
  head -c 2500000 /dev/urandom > "$t"/dir/sub/big
  : > "$t"/dir/zero-length
  printf '#!/bin/sh\necho ran\n' > "$t"/run.sh && chmod 0755 "$t"/run.sh
  echo u > "$t"/setuid && chmod 4755 "$t"/setuid
  echo g > "$t"/setgid && chmod 2750 "$t"/setgid
  echo x > "$t"/exec-only && chmod 0111 "$t"/exec-only
  mkdir "$t"/sticky && chmod 1777 "$t"/sticky
  mkdir "$t"/setgid-dir && chmod 2775 "$t"/setgid-dir
  echo z > "$t"/mode0000 && chmod 0000 "$t"/mode0000
  echo secret > "$t"/other/private && chmod 0600 "$t"/other/private
  echo owned > "$t"/owned && chown 1234:5678 "$t"/owned
  chown 4321:8765 "$t"/dir/sub
  chown 1234:0 "$t"/setgid-dir
  ln -s file "$t"/rel
  ln -s ../../file "$t"/dir/sub/up
  ln -s /etc/hostname "$t"/abs
  ln -s nowhere/at/all "$t"/dangling
  ln -s dir/sub "$t"/to-dir
  chown -h 1234:5678 "$t"/rel
  echo linked > "$t"/h1 && ln "$t"/h1 "$t"/h2 && ln "$t"/h1 "$t"/other/h3
  mkfifo -m 0640 "$t"/fifo
  mknod -m 0620 "$t"/chr c 1 3
  mknod -m 0660 "$t"/blk b 7 300
  setfattr -n user.color -v blue "$t"/file
  setfattr -n user.bin -v 0x00ff01 "$t"/h1
  setfattr -n user.dir -v d "$t"/dir
  touch -d '2001-02-03 04:05:06.123456789' "$t"/file
  touch -d '1999-12-31 23:59:59.987654321' "$t"/h1
  touch -d '1969-07-20 20:17:40.5' "$t"/owned
  touch -h -d '2010-01-01 00:00:00.000000001' "$t"/rel
  touch -h -d '2011-11-11 11:11:11.111111111' "$t"/dangling
  touch -d '2020-05-05 05:05:05.999999999' "$t"/fifo "$t"/chr
  # Every other entry gets a time of its own too: rsync leaves a time within the same second as the
  # source's alone (its comparison is that coarse), so times of "now" would differ by a fraction.
  find "$t" -mmin -1440 -exec touch -h -d '2022-02-22 22:22:22.222222222' {} +
  # Directories last: making their entries moved their times.
  touch -d '2002-02-02 02:02:02.25' "$t"/empty/inner "$t"/empty "$t"/empty2 "$t"/dir/sub/deeper
  touch -d '2003-03-03 03:03:03.333333333' "$t"/dir/sub
  chmod 0000 "$t"/empty2
}

# manifest DIR: one line per path below DIR (DIR itself as "."), sorted, tab-separated: path, type,
# mode, uid:gid, size (not for directories: ext4 says 4096, goDFS 0, and no program keeps it),
# mtime in ns, link count, link target; then each device's number, each group of names sharing an
# inode, and each user.* extended attribute in hex.
manifest() (
  cd "$1"
  find . -printf '%p\t%y\t%#m\t%U:%G\t%s\t%T@\t%n\t%l\n' \
    | awk -F'\t' -v OFS='\t' '$2 == "d" { $5 = "-" } { print }' | LC_ALL=C sort
  find . \( -type b -o -type c \) -exec stat -c '%n	device %t,%T' {} + | LC_ALL=C sort
  find . ! -type d -links +1 -printf '%i %p\n' | LC_ALL=C sort \
    | awk '$1 != last { if (line) print line; line = "same inode:"; last = $1 } { line = line " " $2 }
           END { if (line) print line }' | LC_ALL=C sort
  find . ! -type l -print0 | LC_ALL=C sort -z | while IFS= read -r -d '' p; do
    getfattr -h -d -e hex -m '^user\.' -- "$p" 2>/dev/null | sed -n "s|^user\\.|$p	user.|p"
  done
)
