#!/bin/sh
# Counter commands as their pages say (issue 15, item 14 without the
# settings): loket eod -D closes the open day even before it has begun;
# the drawer count takes every face value loket-drawer(8) and
# loket-journal(5) list, and no other; a negative amount is called
# negative, not an unknown option.
. "${top_srcdir:-.}/tests/lib.sh"

# A book whose business date is tomorrow where the branch is.
tomorrow=$(TZ=Asia/Makassar date -d tomorrow +%Y-%m-%d)
printf 'admin-pass\n' | loket init -a admin -B "Cabang Maumere" -b MOF \
    -c "Kopdit Sehati" -n "Maria Goreti" -D "$tomorrow" >/dev/null || {
	echo "Bail out! loket init failed"
	exit 1
}
printf 'admin-pass\nsuper-pass\n' | loket user -u admin add sisi supervisor \
    "Sisilia Nona" >/dev/null
printf 'admin-pass\nteller-pass\n' | loket user -u admin add ani teller \
    "Ani Lestari" >/dev/null
printf 'admin-pass\nmanager-pass\n' | loket user -u admin add mira manager \
    "Mira Wuwur" >/dev/null
printf 'manager-pass\n' | loket ledger -u mira 1102 3901 1.000.000 >/dev/null

# -- eod -D ---------------------------------------------------------------
n0=$(entries)
expect_status 0 "eod -D $tomorrow closes the open day before it has begun" \
    pw_en super-pass eod -u sisi -D "$tomorrow"
like "and says so" "$T/out" "^MOF: $tomorrow closed; business date now "
is "one entry more" "$(entries)" $((n0 + 1))
expect_status 65 "a day after the open one is refused" \
    pw_en super-pass eod -u sisi -D 2099-01-01
like "saying which day is still open" "$T/err" 'is still open: close it first'
expect_status 0 "without -D the day not yet begun is left alone" \
    pw_en super-pass eod -u sisi
like "as closed already" "$T/out" "^MOF: $tomorrow is closed already$"

# -- the drawer count's face values ---------------------------------------
for page in loket-drawer.8 loket-journal.5; do
	tr '\n' ' ' <"$top_srcdir/man/$page" |
	    grep -o 'each one of [0-9, ]* and [0-9]*\|notes and coins: [0-9, ]* and [0-9]*' |
	    grep -o '[0-9][0-9]*' | sort -n | tr '\n' ' ' >"$T/$page.faces"
	ok "$page lists face values" test -s "$T/$page.faces"
done
is "both pages list the same face values" \
    "$(cat "$T/loket-drawer.8.faces")" "$(cat "$T/loket-journal.5.faces")"
is "and Rp 50 is not among them" \
    "$(cat "$T/loket-drawer.8.faces")" "100 200 500 1000 2000 5000 10000 20000 50000 100000 "
# Each is taken: open a drawer with Rp 188.800 (one of each) and close it
# counting one piece of each face value.
expect_status 0 "ani opens her drawer with Rp 188.800" \
    pw_en teller-pass drawer -u ani open 188.800
set --
for f in $(cat "$T/loket-drawer.8.faces"); do set -- "$@" "${f}x1"; done
expect_status 0 "a count of one piece of every listed face value is taken" \
    pw_en teller-pass drawer -u ani close "$@"
like "and the drawer closes even" "$T/out" '(closed|ditutup)'
en drawer -u ani show </dev/null >"$T/dr" 2>&1
like "drawer show: closed" "$T/dr" 'closed'
expect_status 65 "Rp 50, which the pages do not list, is refused" \
    pw_en teller-pass drawer -u ani close 50x1
like "as no Rupiah denomination" "$T/err" '50x1'

# -- negative amounts -----------------------------------------------------
n1=$(entries)
expect_status 65 "a negative amount is refused" \
    pw_en teller-pass drawer -u ani open -5.000
like "as negative, not as an unknown option" "$T/err" \
    '^loket: drawer: -5\.000: an amount cannot be negative$'
unlike "no unknown option" "$T/err" 'unknown option'
expect_status 65 "in Indonesian too" pw teller-pass deposit -u ani 1 sukarela -1
like "jumlah tidak boleh negatif" "$T/err" '-1: jumlah tidak boleh negatif'
is "nothing was written" "$(entries)" "$n1"
# -- item 10: a loan product in the reader's words ------------------------
expect_status 0 "an annuity product is defined" \
    pw manager-pass loan -u mira -m annuity -t 12 product ANU "Anuitas"
like "in Indonesian its method is anuitas" "$T/out" '^ANU +anuitas '
like "and its order denda,jasa,pokok" "$T/out" ' denda,jasa,pokok '
expect_status 0 "a flat product" \
    pw_en manager-pass loan -u mira -m flat -t 12 product FLT "Flat"
like "in English its words stay the command's" "$T/out" \
    '^FLT +flat .* penalty,interest,principal '

expect_status 64 "a real unknown option is still one" en deposit -x -u ani 1 sukarela 1
like "named as such" "$T/err" 'unknown option -x'
done_testing
