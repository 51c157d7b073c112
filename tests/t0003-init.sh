#!/bin/sh
# loket init, loket user, loket verify, loket backup: a new book, its
# users, and the checks an auditor runs.
. "${top_srcdir:-.}/tests/lib.sh"

init() {
	printf '%s\n' "$1" | loket init -a admin -B "Cabang Maumere" -b MOF \
	    -c "Kopdit Sehati" -n "Maria Goreti" -D 2026-11-02
}

# Bad input first: each is refused and leaves no book behind.
expect_status 64 "init without -c is a usage error" \
    sh -c "printf 'admin-pass\n' | '$LOKET' -d '$D' init -a admin -B X -b MOF -n N"
expect_status 65 "a lower-case branch code is refused" \
    sh -c "printf 'admin-pass\n' | '$LOKET' -d '$D' init -a admin -B X -b mof -c C -n N"
like "and the message says what a code is" "$T/err" 'MOF|mof'
expect_status 65 "a bad date is refused" \
    sh -c "printf 'admin-pass\n' | '$LOKET' -d '$D' init -a admin -B X -b MOF -c C -n N -D 2026-02-31"
expect_status 65 "a name that is not UTF-8 is refused" \
    sh -c "printf 'admin-pass\n' | '$LOKET' -d '$D' init -a admin -B X -b MOF -c \"\$(printf 'Kop\377')\" -n N"
expect_status 65 "a short password is refused" init short
like "with the reason" "$T/err" '8'
ok "no data folder was left by any of them" test ! -e "$D/data.mdb"

expect_status 0 "init creates the book" init admin-pass
like "it names the branch and date" "$T/out" 'MOF.*2026-11-02'
expect_status 73 "a second init is refused" init admin-pass
like "because a book is there" "$T/err" 'loket'

perm=$(stat -c %a "$D/data.mdb")
is "the data file is for the owner and the loket group only" "$perm" 660

expect_status 0 "verify passes on a new book" loket verify
like "and counts its entries: two, and the chart's 14 newer accounts" "$T/out" '16 '

# Users.
expect_status 0 "the admin adds a teller" \
    sh -c "printf 'admin-pass\nteller-pass\n' | '$LOKET' -d '$D' user -u admin add ani teller 'Ani Lestari'"
expect_status 0 "and a supervisor" \
    sh -c "printf 'admin-pass\nsuper-pass\n' | '$LOKET' -d '$D' user -u admin add sisi supervisor 'Sisilia Nona'"
expect_status 77 "a teller may not add users" \
    sh -c "printf 'teller-pass\nxxxxxxxx1\n' | '$LOKET' -d '$D' user -u ani add budi teller 'Budi'"
like "the store says the role may not" "$T/err" 'peran|role'
expect_status 65 "an unknown role is refused" \
    sh -c "printf 'admin-pass\nxxxxxxxx1\n' | '$LOKET' -d '$D' user -u admin add budi kasir 'Budi'"
expect_status 65 "an existing user id is refused" \
    sh -c "printf 'admin-pass\nxxxxxxxx1\n' | '$LOKET' -d '$D' user -u admin add ani teller 'Ani'"
expect_status 65 "a bad user id is refused" \
    sh -c "printf 'admin-pass\nxxxxxxxx1\n' | '$LOKET' -d '$D' user -u admin add Ani! teller 'Ani'"
expect_status 0 "user list" loket user list
like "shows the teller" "$T/out" '^ani +teller +(active|aktif) +Ani Lestari$'
like "and the supervisor" "$T/out" '^sisi +supervisor +(active|aktif)'

# Five wrong passwords lock a user; the admin unlocks.
for i in 1 2 3 4; do
	printf 'wrong-pass\nnew-pass-1\n' | "$LOKET" -d "$D" user passwd ani \
	    >/dev/null 2>&1
done
expect_status 77 "the fifth wrong password locks the user" \
    sh -c "printf 'wrong-pass\nnew-pass-1\n' | '$LOKET' -d '$D' user passwd ani"
like "and says so" "$T/err" 'kunci|locked'
expect_status 77 "then even the right password is refused" \
    sh -c "printf 'teller-pass\nnew-pass-1\n' | '$LOKET' -d '$D' user passwd ani"
loket user list >"$T/list"
like "user list shows the lock" "$T/list" '^ani +teller +(locked|terkunci)'
expect_status 0 "the admin unlocks" \
    sh -c "printf 'admin-pass\n' | '$LOKET' -d '$D' user -u admin unlock ani"
expect_status 0 "and the teller changes her own password" \
    sh -c "printf 'teller-pass\nnew-pass-1\n' | '$LOKET' -d '$D' user passwd ani"

expect_status 0 "the admin disables the teller" \
    sh -c "printf 'admin-pass\n' | '$LOKET' -d '$D' user -u admin disable ani"
expect_status 77 "a disabled user cannot sign in" \
    sh -c "printf 'new-pass-1\nxxxxxxxxx\n' | '$LOKET' -d '$D' user passwd ani"

expect_status 0 "verify passes after the user entries" loket verify
like "counting all twenty of them" "$T/out" ' 20 '

# Backup: a compact copy that verifies on its own.
expect_status 0 "backup writes a verified copy" loket backup "$T/copy"
ok "the copy has a data file" test -s "$T/copy/data.mdb"
expect_status 0 "verify passes on the copy" "$LOKET" -d "$T/copy" verify
expect_status 0 "the copy has the same users" "$LOKET" -d "$T/copy" user list
like "the teller among them" "$T/out" '^ani +teller +(disabled|nonaktif|dinonaktifkan)'
expect_status 73 "backup refuses to overwrite a copy" loket backup "$T/copy"

# The box's settings: language in loket.conf, the environment over it.
printf 'language = en\n' >"$D/loket.conf"
expect_status 77 "loket.conf's language = en" \
    sh -c "printf 'wrong-pass\n' | LOKET_LANG= '$LOKET' -d '$D' user -u admin unlock ani"
like "makes the messages English" "$T/err" 'wrong user id or password'
LOKET_LANG=id expect_status 77 "LOKET_LANG=id overrides it" \
    sh -c "printf 'wrong-pass\n' | '$LOKET' -d '$D' user -u admin unlock ani"
unlike "back in Indonesian" "$T/err" 'wrong user id'
printf 'language = en\nlanguage = id\n' >"$D/loket.conf"
expect_status 78 "a key given twice in loket.conf is refused" loket verify
like "naming the line" "$T/err" 'loket.conf.*2'
printf 'language =\nlanguage = en\n' >"$D/loket.conf"
expect_status 78 "so is a key given twice when it was first empty" loket verify
like "naming the second line" "$T/err" 'loket.conf.*2'
# A NUL would cut the value short unseen; found by tests/fuzz/fuzz-conf.
printf '# box\nlanguage = en\000id\n' >"$D/loket.conf"
expect_status 78 "a NUL inside a loket.conf line is refused" loket verify
like "naming its line" "$T/err" 'loket.conf.*2'
printf 'language = en\000' >"$D/loket.conf"
expect_status 78 "so is a NUL on a last line without a newline" loket verify
printf 'language = e\033[2Jn\r\n' >"$D/loket.conf"
expect_status 78 "and an escape inside a value" loket verify
printf 'language = en\r\n' >"$D/loket.conf"
LOKET_LANG= expect_status 77 "a line may end in CR LF" \
    sh -c "printf 'wrong-pass\n' | LOKET_LANG= '$LOKET' -d '$D' user -u admin unlock ani"
like "and its value is read" "$T/err" 'wrong user id or password'
rm -f "$D/loket.conf"

done_testing
