#!/bin/sh
# Privilege separation (issue 16): make install, run as root, makes the
# loket user and group and installs loket setgid loket.  As an
# unprivileged Unix user with that binary: the data folder cannot be read
# directly, the commands work (with the loket password), and variables
# that name files (LOKET_DIR, TMPDIR) are not honoured.  loket init
# refuses a folder others can write.  CI runs as root; the test makes
# its user with useradd and removes it at the end.
. "${top_srcdir:-.}/tests/lib.sh"

need useradd
need userdel
need runuser
need getent
if [ "$(id -u)" != 0 ]; then
	echo "Bail out! t0053 installs setgid and adds a user: run it as root"
	exit 1
fi

P=$(mktemp -d /tmp/loket-t0053.XXXXXX)
chmod 755 "$P"
U=lkt43$$
cleanup() {
	userdel "$U" 2>/dev/null
	rm -rf "$P"
}
trap cleanup EXIT

# ---------------------------------------------------------------------
# 1. make install, as root, into a temporary prefix.
ok "1. make install-exec into $P" \
    env -u MAKEFLAGS -u MFLAGS make -s -C "$top_builddir" install-exec \
    prefix="$P"
ok "1. the loket group exists" getent group loket
ok "1. the loket user exists, in it" \
    sh -c 'test "$(id -gn loket)" = loket'
is "1. the binary is setgid loket" \
    "$(stat -c '%A %G' "$P/bin/loket")" "-rwxr-sr-x loket"
ok "1. again: the user and group are there already" \
    env -u MAKEFLAGS -u MFLAGS make -s -C "$top_builddir" install-exec \
    prefix="$P"
ok "1. with DESTDIR no user is made and nothing fails" \
    env -u MAKEFLAGS -u MFLAGS make -s -C "$top_builddir" install-exec \
    prefix=/usr DESTDIR="$P/stage"
is "1. and the staged binary is setgid loket too" \
    "$(stat -c '%A %G' "$P/stage/usr/bin/loket")" "-rwxr-sr-x loket"

# The data folder, as the README says: the loket user's, 2770.
L=$P/bin/loket
DATA=$P/data
install -d -o loket -g loket -m 2770 "$DATA"
ok "1. the loket user makes the book" sh -c \
    'printf "admin-pass\n" | runuser -u loket -- "$1" -d "$2" init -a admin \
    -B "Cabang Maumere" -b MOF -c "Kopdit Sehati" -n "Maria Goreti" \
    -D 2026-11-02' sh "$L" "$DATA"
is "1. data.mdb belongs to loket, 0660" \
    "$(stat -c '%a %U %G' "$DATA/data.mdb")" "660 loket loket"

# ---------------------------------------------------------------------
# 2. An unprivileged user with the setgid binary.
useradd -M -N -s /bin/sh "$U" || echo "Bail out! useradd $U failed"
as() {	# as COMMAND...: run as the unprivileged user, messages in English
	runuser -u "$U" -- env LOKET_LANG=en "$@"
}
expect_status 1 "2. the user cannot read the data file directly" \
    as cat "$DATA/data.mdb"
expect_status 2 "2. nor list the data folder" as ls "$DATA"
expect_status 0 "2. loket setting works through the setgid binary" \
    as "$L" -d "$DATA" setting
like "2. and lists the book's settings" "$T/out" \
    '^savings.wajib +Rp 25\.000$'
expect_status 0 "2. a change with the admin's loket password works" \
    sh -c 'printf "admin-pass\n" | runuser -u "$1" -- env LOKET_LANG=en \
    "$2" -d "$3" setting -u admin savings.wajib 30.000' sh "$U" "$L" "$DATA"
expect_status 77 "2. a wrong password is refused" \
    sh -c 'printf "wrong-pass\n" | runuser -u "$1" -- env LOKET_LANG=en \
    "$2" -d "$3" setting -u admin savings.wajib 40.000' sh "$U" "$L" "$DATA"
expect_status 0 "2. loket verify works" as "$L" -d "$DATA" verify
expect_status 0 "2. TMPDIR naming a folder that is not there is not honoured" \
    as env TMPDIR=/nonexistent/t0053 "$L" -d "$DATA" verify
expect_status 1 "2. (as root, without setgid, it is)" \
    env TMPDIR=/nonexistent/t0053 "$LOKET" -d "$DATA" verify
as env LOKET_DIR="$DATA" "$L" setting >"$T/envdir" 2>&1
ok "2. LOKET_DIR is not honoured: the book there is not read" \
    sh -c '! grep -q "Rp 30\.000" "$1"' sh "$T/envdir"
expect_status 0 "2. (without setgid it is)" \
    env LOKET_DIR="$DATA" "$LOKET" setting
like "2. (the wajib there is Rp 30.000)" "$T/out" '^savings.wajib +Rp 30\.000$'
ok "2. nothing in the data folder belongs to the user" \
    sh -c 'test -z "$(find "$1" -user "$2")"' sh "$DATA" "$U"

# ---------------------------------------------------------------------
# 3. loket init refuses a folder others can write.
mkdir -m 777 "$P/open"
chmod 777 "$P/open"
expect_status 73 "3. init refuses a folder others can write" \
    sh -c 'printf "admin-pass\n" | LOKET_LANG=en "$1" -d "$2" init -a admin \
    -B Cabang -b MOF -c Kop -n Maria' sh "$LOKET" "$P/open"
like "3. saying so" "$T/err" "others can write $P/open"
ok "3. and writes nothing there" test ! -e "$P/open/data.mdb"
expect_status 73 "3. and a new folder inside such a folder" \
    sh -c 'printf "admin-pass\n" | LOKET_LANG=en "$1" -d "$2" init -a admin \
    -B Cabang -b MOF -c Kop -n Maria' sh "$LOKET" "$P/open/data"
like "3. saying so" "$T/err" "others can write the folder it is in"
mkdir "$P/sticky"
chmod 1777 "$P/sticky"
expect_status 0 "3. inside a sticky folder such as /tmp it is fine" \
    sh -c 'printf "admin-pass\n" | "$1" -d "$2" init -a admin \
    -B Cabang -b MOF -c Kop -n Maria' sh "$LOKET" "$P/sticky/data"

done_testing
