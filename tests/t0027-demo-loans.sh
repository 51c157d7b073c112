#!/bin/sh
# Issue 15, item 4: the demo cooperative lends.  Each branch has loan
# products of the three methods and loans at every stage: applied,
# approved, current, one in each class of arrears, paid off, written off,
# and one with a recovery; the books verify and the trial balance shows
# the loans, their interest, fees and penalties.
. "${top_srcdir:-.}/tests/lib.sh"

ok "a demo of 200 members, from 2025-07-01 to 2026-11-30" \
    "$LOKET" demo -q -m 200 -D 2026-11-30 "$D"
export LOKET_LANG=en
for b in MOF ENDE; do
	loket loan -b "$b" product >"$T/products-$b"
	like "$b: a flat product" "$T/products-$b" '^MIKRO +flat '
	like "$b: a declining (menurun) product" "$T/products-$b" \
	    '^UMUM +declining '
	like "$b: an annuity (anuitas) product" "$T/products-$b" \
	    '^RUMAH +annuity '
	loket loan -b "$b" list >"$T/loans-$b"
	like "$b: a loan applied for" "$T/loans-$b" ' applied '
	like "$b: a loan approved" "$T/loans-$b" ' approved '
	current=$(grep -c ' active .* 0 current$' "$T/loans-$b")
	active=$(grep -c ' active ' "$T/loans-$b")
	ok "$b: most active loans are current ($current of $active)" \
	    test "$current" -gt 3 -a "$((current * 4))" -gt "$((active * 3))"
	ok "$b: and some are paid off in full ($(grep -c ' closed ' \
	    "$T/loans-$b") closed)" test "$(grep -c ' closed ' \
	    "$T/loans-$b")" -gt 1
	like "$b: one in special mention (dalam perhatian khusus)" \
	    "$T/loans-$b" ' active .* [0-9]+ special mention$'
	like "$b: one substandard (kurang lancar)" "$T/loans-$b" \
	    ' active .* [0-9]+ substandard$'
	like "$b: one doubtful (diragukan)" "$T/loans-$b" \
	    ' active .* [0-9]+ doubtful$'
	like "$b: one a loss (macet)" "$T/loans-$b" ' active .* [0-9]+ loss$'
	like "$b: one paid off" "$T/loans-$b" ' closed '
	is "$b: two written off" \
	    "$(grep -c ' written off ' "$T/loans-$b")" 2
	n=$(sed -n 's/^1201\.\([0-9]*\) .* written off .*/\1/p' \
	    "$T/loans-$b" | tail -1)
	loket loan -b "$b" show "$n" >"$T/show-$b"
	like "$b: and something recovered on one" "$T/show-$b" \
	    '^Recovered +Rp 500\.000$'
	loket report -b "$b" trial >"$T/trial-$b"
	like "$b: the trial balance has the loans" "$T/trial-$b" '^1201 '
	like "$b: their interest" "$T/trial-$b" '^4101 '
	like "$b: the fees" "$T/trial-$b" '^4102 '
	like "$b: the write-offs' expense" "$T/trial-$b" '^5202 '
done
# In Indonesian the states' names are longer ("dihapusbukukan"): the
# amounts still stand in columns.
LOKET_LANG=id "$LOKET" -d "$D" loan -b MOF list >"$T/loans-id"
like "loan list in Indonesian has a written-off loan" "$T/loans-id" \
    ' dihapusbukukan '
is "and its principal column ends at one place on every line" \
    "$(awk '{ match($0, /Rp [0-9.]+/); print RSTART + RLENGTH }' \
    "$T/loans-id" | sort -u | wc -l)" 1
expect_status 0 "the demo's books verify" loket verify
done_testing
