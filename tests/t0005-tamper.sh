#!/bin/sh
# Someone with the data file changes or deletes a journal entry behind
# loket's back: loket verify fails and names the branch and the entry.
# Each change is made on a fresh copy of a good book.
. "${top_srcdir:-.}/tests/lib.sh"

POSTER=$top_builddir/tests/tools/poster
TAMPER=$top_builddir/tests/tools/tamper
ok "the poster tool is built" test -x "$POSTER"
ok "the tamper tool is built" test -x "$TAMPER"
POSTER_PASSWORD=super-pass
POSTER_ADMIN_PASSWORD=admin-pass
export POSTER_PASSWORD POSTER_ADMIN_PASSWORD

adduser() {
	printf 'admin-pass\n%s\n' "$4" |
	    "$LOKET" -d "$D" user -u admin add "$1" "$2" "$3" >/dev/null
}

# The book: 2 entries from init and the chart's 14 newer accounts (3-16),
# 4 users (17-20), the poster's drawer and vault (21-22), 20 transfers
# (23-42), 2 more users and a disable (43-45).
make_book
adduser sisi supervisor "Sisilia Nona" super-pass &&
    adduser ani teller "Ani Lestari" teller-pass &&
    adduser budi teller "Budi Santoso" teller-pass &&
    adduser mira manager "Mira Wungubelen" manager-pass
ok "four users added" test $? -eq 0
ok "the poster sets up" "$POSTER" --setup -u sisi -a admin "$D"
ok "and posts twenty transfers" "$POSTER" -u sisi "$D" 20
adduser rina teller "Rina Bunga" teller-pass &&
    adduser tono teller "Tono Kelen" teller-pass &&
    printf 'admin-pass\n' | "$LOKET" -d "$D" user -u admin disable ani \
    >/dev/null
ok "two more users, and one disabled" test $? -eq 0
is "the book has 45 entries" "$("$POSTER" --last "$D")" 45
expect_status 0 "verify passes on the good book" loket verify
like "counting 45 entries" "$T/out" ' 45 '

n=0
# check DESCRIPTION SEQ TAMPER-ARGS...: on a fresh copy, tamper with
# entry SEQ; verify must exit 1 and name branch MOF and entry SEQ.
check() {
	local desc=$1 seq=$2 c
	shift 2
	n=$((n + 1))
	c=$T/copy$n
	rm -rf "$c"
	cp -a "$D" "$c"
	ok "$desc: the tamper tool did it" "$TAMPER" "$@"
	sed 's/^/#   /' "$T/out"
	expect_status 1 "$desc: verify fails" "$LOKET" -d "$c" verify
	like "$desc: and names branch MOF, entry $seq" "$T/err" \
	    "MOF[^0-9]*(.*[^0-9])?$seq([^0-9]|\$)"
	is "$desc: in one line" "$(wc -l <"$T/err" | tr -d ' ')" 1
	sed 's/^/#   /' "$T/err"
	rm -rf "$c"
}

flip() {	# flip DESCRIPTION SEQ OFFSET
	check "$1" "$2" "$T/copy$((n + 1))" MOF "$2" "$3"
}

flip "a transfer's time, one second off" 29 time
flip "a transfer's amount, one sen off" 30 last
flip "a user's name, one letter" 18 field
flip "who posted a transfer" 34 user
flip "the version byte" 24 0
flip "the account of a transfer's first posting" 36 21
flip "an account-open entry's name" 10 field
flip "the last entry's time" 45 time
check "entry 26 deleted" 26 --delete "$T/copy$((n + 1))" MOF 26
like "entry 26 deleted: verify says it is missing" "$T/err" \
    'missing|hilang|tidak ada'
check "entry 3 deleted" 3 --delete "$T/copy$((n + 1))" MOF 3
check "the last entry deleted" 45 --delete "$T/copy$((n + 1))" MOF 45

expect_status 0 "the good book still verifies" loket verify

done_testing
