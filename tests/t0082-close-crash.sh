#!/bin/sh
# kill -9 during loket close-year, then run it again: the year is closed
# wholly or not at all.  The demo's open day is 31 December, so the
# close is the day's end of day with the month's sukarela interest over
# thousands of accounts, the accrual, the provision and the closing
# entries, all one transaction.
. "${top_srcdir:-.}/tests/lib.sh"

need od
need cmp

KILLS=8
DAY=2026-12-31
P=$T/pristine
A=$T/A
B=$T/B
printf 'manager-pass\n' >"$T/pw"

close() {
	"$LOKET" -d "$1" close-year -b MOF -u mira 2026 <"$T/pw"
}
ms() {
	echo $(($(date +%s%N) / 1000000))
}
# What a person compares: MOF's trial balance, its SHU and business date.
books() {
	"$LOKET" -d "$1" report -c -b MOF trial || return
	LOKET_LANG=en "$LOKET" -d "$1" report -b MOF neraca | sed -n 5p
	LOKET_LANG=en "$LOKET" -d "$1" shu -b MOF 2026 | grep '^SHU '
}
entries() {
	LOKET_LANG=en "$LOKET" -d "$1" verify |
	    sed -n 's/^verified \([0-9][0-9]*\) entries.*/\1/p'
}

ok "a demo book of 20,000 members, open on $DAY" \
    "$LOKET" demo -q -m 20000 -M 1 -D "$DAY" "$P"
n0=$(entries "$P")
books "$P" >"$T/books.P" 2>&1
cp -a "$P" "$A"
cp -a "$P" "$B"

t0=$(ms)
expect_status 0 "B: close-year runs uninterrupted" close "$B"
dur=$(($(ms) - t0))
like "B: it closes 2026" "$T/out" '2026'
echo "# uninterrupted close: $dur ms"
books "$B" >"$T/books.B" 2>&1
ok "B: the books changed" sh -c "! cmp -s '$T/books.P' '$T/books.B'"
like "B: the business date is 2027-01-01" "$T/books.B" '2027-01-01'

interrupted=0
i=0
while [ "$i" -lt "$KILLS" ]; do
	r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	delay=$(((i * dur + r % (dur + 1)) / KILLS))
	"$LOKET" -d "$A" close-year -b MOF -u mira 2026 <"$T/pw" \
	    >"$T/close-$i.out" 2>&1 &
	pid=$!
	sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[ $? -eq 137 ] && interrupted=$((interrupted + 1))
	books "$A" >"$T/books.A" 2>&1
	if cmp -s "$T/books.A" "$T/books.P"; then
		state="untouched"
	elif cmp -s "$T/books.A" "$T/books.B"; then
		state="closed"
	else
		state="neither"
	fi
	echo "# kill $i after $delay ms: books $state"
	ok "A: after kill $i ($delay ms) the year is open or closed, not between" \
	    test "$state" != neither
	i=$((i + 1))
done
ok "A: some runs were killed ($interrupted of $KILLS)" test "$interrupted" -ge 1

expect_status 0 "A: close-year run again completes" close "$A"
expect_status 0 "A: and once more does nothing" close "$A"
like "A: saying 2026 is closed already" "$T/out" '2026'
books "$A" >"$T/books.A" 2>&1
ok "A and B: the same books" cmp "$T/books.A" "$T/books.B"
expect_status 0 "A: verify passes" "$LOKET" -d "$A" verify
is "A and B: the same number of entries" "$(entries "$A")" "$(entries "$B")"

done_testing
