#!/bin/sh
# kill -9 during loket eod, then run it again: the books equal those of
# an uninterrupted run.  The book's open day is a month's last day, so
# the close posts sukarela interest over tens of thousands of accounts in
# one transaction: a crash anywhere in it must leave nothing half-posted.
. "${top_srcdir:-.}/tests/lib.sh"

need od
need cmp
DUMP=$top_builddir/tests/tools/savings-dump
if [ ! -x "$DUMP" ]; then
	echo "Bail out! $DUMP is not built (make tests/tools/savings-dump)"
	exit 1
fi

KILLS=10
DAY=2026-10-31
P=$T/pristine
A=$T/A
B=$T/B
printf 'super-pass\n' >"$T/pw"

# eod DIR: the supervisor closes the demo's open day of branch MOF.
eod() {
	"$LOKET" -d "$1" eod -b MOF -D "$DAY" -u sisi <"$T/pw"
}
ms() {
	echo $(($(date +%s%N) / 1000000))
}
# What a person compares: the trial balance of both branches, a few
# members, the number of entries.
books() {
	for b in MOF ENDE; do
		"$LOKET" -d "$1" report -c -b "$b" trial || return
	done
	for m in 1 2 777 12345 30000; do
		LOKET_LANG=en "$LOKET" -d "$1" member show -b MOF "$m" || return
	done
	LOKET_LANG=en "$LOKET" -d "$1" member show -b ENDE 1 || return
}
entries() {
	LOKET_LANG=en "$LOKET" -d "$1" verify |
	    sed -n 's/^verified \([0-9][0-9]*\) entries.*/\1/p'
}

# A demo cooperative whose open day is 31 October, drawers closed.
t0=$(ms)
ok "a demo book of 60,000 members, open on $DAY" \
    "$LOKET" demo -q -m 60000 -M 1 -D "$DAY" "$P"
echo "# demo: $(($(ms) - t0)) ms"
n0=$(entries "$P")
ok "it verifies, with $n0 entries" test -n "$n0"
books "$P" >"$T/books.P" 2>&1
cp -a "$P" "$A"
cp -a "$P" "$B"

# How long loket takes to start and sign the supervisor in (yescrypt)
# before the close's transaction begins: a wrong password on a third
# copy C, so that the failed sign-ins are in neither A's nor B's books.
cp -a "$P" "$T/C"
pre=1000000
for i in 1 2 3; do
	t0=$(ms)
	echo wrong-password | "$LOKET" -d "$T/C" eod -b MOF -D "$DAY" -u sisi \
	    >/dev/null 2>&1
	t1=$(($(ms) - t0))
	[ "$t1" -lt "$pre" ] && pre=$t1
done
echo "# start and sign-in: $pre ms"

# B: one uninterrupted close, timed; C's close too, and the shorter of
# the two is the duration the kills are spread over.
t0=$(ms)
expect_status 0 "B: eod runs uninterrupted" eod "$B"
dur=$(($(ms) - t0))
like "B: it closes $DAY" "$T/out" "$DAY"
like "B: and posts the month's sukarela interest" "$T/out" 'Rp [1-9]'
t0=$(ms)
eod "$T/C" >/dev/null 2>&1
t1=$(($(ms) - t0))
[ "$t1" -lt "$dur" ] && dur=$t1
rm -rf "$T/C"
echo "# uninterrupted eod: $dur ms"
books "$B" >"$T/books.B" 2>&1
ok "B: the books changed" sh -c "! cmp -s '$T/books.P' '$T/books.B'"
# A close that takes too little time to be interrupted proves nothing.
ok "B: the close takes long enough to be interrupted ($dur ms >= $pre + 30)" \
    test "$dur" -ge $((pre + 30))

# A: started KILLS times and killed with kill -9 after a random delay,
# one in each tenth of the uninterrupted run's duration.  After each
# kill the books are either untouched or wholly closed: never between.
interrupted=0
inside=0
finished=0
i=0
while [ "$i" -lt "$KILLS" ]; do
	r=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')
	delay=$(((i * dur + r % (dur + 1)) / KILLS))
	# Not through eod(): a function in the background is a subshell,
	# and its pid is not loket's.
	"$LOKET" -d "$A" eod -b MOF -D "$DAY" -u sisi <"$T/pw" \
	    >"$T/eod-$i.out" 2>&1 &
	pid=$!
	sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	st=$?
	if [ "$st" -eq 137 ]; then
		interrupted=$((interrupted + 1))
		what="killed"
		[ "$delay" -gt "$pre" ] && inside=$((inside + 1))
	else
		finished=$((finished + 1))
		what="had finished (exit $st)"
	fi
	books "$A" >"$T/books.A" 2>&1
	if cmp -s "$T/books.A" "$T/books.P"; then
		state="untouched"
	elif cmp -s "$T/books.A" "$T/books.B"; then
		state="closed"
	else
		state="neither"
	fi
	echo "# kill $i after $delay ms: $what; books $state"
	ok "A: after kill $i ($delay ms) the books are untouched or closed, not between" \
	    test "$state" != neither
	i=$((i + 1))
done
echo "# $interrupted killed ($inside after signing in), $finished had finished"
ok "A: runs were killed after signing in, inside the close ($inside of $KILLS)" \
    test "$inside" -ge 3

expect_status 0 "A: eod run again after the kills completes" eod "$A"
expect_status 0 "A: and a run after that does nothing" eod "$A"
like "A: saying $DAY is closed already" "$T/out" "$DAY"

# Compare A with B as a person would, then in full.
books "$A" >"$T/books.A" 2>&1
ok "A and B: the same trial balances and members' balances" \
    cmp "$T/books.A" "$T/books.B"
expect_status 0 "A: verify passes" "$LOKET" -d "$A" verify
expect_status 0 "B: verify passes" "$LOKET" -d "$B" verify
nA=$(entries "$A")
nB=$(entries "$B")
is "A and B: the same number of entries ($nB)" "$nA" "$nB"
ok "B: the close added entries to the $n0" test "$nB" -gt "$n0"
for b in MOF ENDE; do
	ok "$b: dump A" sh -c "'$DUMP' -b $b '$A' >'$T/dump.A.$b'"
	ok "$b: dump B" sh -c "'$DUMP' -b $b '$B' >'$T/dump.B.$b'"
	ok "$b: A and B have the same accounts, balances and entries (all but the time)" \
	    cmp "$T/dump.A.$b" "$T/dump.B.$b"
done

done_testing
