#!/bin/sh
# A poster killed with SIGKILL at random moments, thirty times: every
# entry it reported as posted is in the journal, the chain is whole, and
# the book takes new entries afterwards.  (SIGKILL loses the process, not
# the page cache: this is a crash of the program, not a power cut.)
. "${top_srcdir:-.}/tests/lib.sh"

POSTER=$top_builddir/tests/tools/poster
RUNS=30
need awk
ok "the poster tool is built" test -x "$POSTER"

poster() {
	"$POSTER" "$@"
}
POSTER_PASSWORD=super-pass
POSTER_ADMIN_PASSWORD=admin-pass
export POSTER_PASSWORD POSTER_ADMIN_PASSWORD

make_book
expect_status 0 "the admin adds a supervisor" \
    sh -c "printf 'admin-pass\nsuper-pass\n' | '$LOKET' -d '$D' user -u admin add sisi supervisor 'Sisilia Nona'"
expect_status 0 "the poster opens its drawer and funds the vault" \
    poster --setup -u sisi -a admin "$D"
base=$(poster --last "$D")
is "the book starts with 19 entries (14 of them the chart's newer accounts)" \
    "$base" 19

# A delay of 0.05 to 0.5 s, different each run.
delay() {
	od -An -N2 -tu2 /dev/urandom |
	    awk '{ printf "%.3f\n", 0.05 + ($1 % 451) / 1000 }'
}

# Should the script stop half-way, no poster is left running.
pids=
trap 'for p in $pids; do kill -9 "$p" 2>/dev/null; done' EXIT
: >"$T/delays"
i=1
while [ $i -le $RUNS ]; do
	# The program itself in the background, not a shell around it:
	# SIGKILL must hit the poster.
	"$POSTER" -u sisi "$D" 0 >"$T/run.$i" 2>"$T/err.$i" &
	pid=$!
	pids="$pids $pid"
	d=$(delay)
	echo "$d" >>"$T/delays"
	sleep "$d"
	kill -9 "$pid"
	wait "$pid" 2>/dev/null
	echo "$?" >"$T/status.$i"
	i=$((i + 1))
done
echo "# delays: $(tr '\n' ' ' <"$T/delays")"

# Every run was killed, and none stopped on its own with an error.
killed=0
i=1
while [ $i -le $RUNS ]; do
	[ "$(cat "$T/status.$i")" -eq 137 ] && killed=$((killed + 1))
	i=$((i + 1))
done
is "all $RUNS runs were killed by SIGKILL" "$killed" "$RUNS"
cat "$T"/err.* >"$T/errs"
ok "no run failed on its own" test ! -s "$T/errs"
[ -s "$T/errs" ] && sed 's/^/#   /' "$T/errs" | head -5

# What the runs reported, in the order they ran.
i=1
: >"$T/printed"
: >"$T/runs"
runs_printing=0
while [ $i -le $RUNS ]; do
	# Each number is one write(2), made after its commit returned.
	awk -v run=$i '/^[0-9]+$/ { print run, $1 }' "$T/run.$i" >>"$T/runs"
	awk '/^[0-9]+$/' "$T/run.$i" >>"$T/printed"
	[ -s "$T/run.$i" ] && runs_printing=$((runs_printing + 1))
	i=$((i + 1))
done
printed=$(wc -l <"$T/printed" | tr -d ' ')
max=$(sort -n "$T/printed" | tail -1)
last=$(poster --last "$D")
echo "# $runs_printing of $RUNS runs posted; $printed entries reported," \
    "the last $max; the journal ends at $last"
ok "at least a third of the runs got to post" test "$runs_printing" -ge 10
ok "the reported numbers rise, each reported once" \
    sort -n -c -u "$T/printed"
ok "every reported entry is in the journal (max $max <= last $last)" \
    test "${max:-0}" -le "$last"
# Nothing reported was lost, and nothing was posted twice: inside a run
# the numbers follow one another; each killed run may have committed one
# entry it did not report (the kill came between the commit and the
# print), so between two numbers printed by runs p and q at most one
# entry for each of the runs p..q-1 (1..q-1 before the first) is
# unreported, and after the last printed number one for each run left.
awk -v base="$base" -v last="$last" -v runs="$RUNS" '
	function from(p) { return p < 1 ? 1 : p }
	$1 == prun && $2 != prev + 1 { print "run " $1 ": " prev " then " $2; bad = 1 }
	$1 != prun && ($2 - prev < 1 || $2 - prev - 1 > $1 - from(prun)) {
		print "run " $1 " starts at " $2 " after " prev " (run " prun ")"
		bad = 1 }
	{ prun = $1; prev = $2 }
	END {
		if (last - prev < 0 || last - prev > runs - from(prun) + 1) {
			print "the journal ends at " last " after " prev; bad = 1 }
		exit bad
	}' prev="$base" prun=0 "$T/runs" >"$T/gaps"
ok "each run's numbers follow one another, at most one unreported a killed run" \
    test ! -s "$T/gaps"
sed 's/^/#   /' "$T/gaps" | head -5

expect_status 0 "verify passes: the chain is whole" loket verify
like "and counts every entry" "$T/out" " $last "
is "the journal holds exactly entries 1 to $last" "$(poster --count "$D")" "$last"

# The book is not wedged: a last run posts and stops by itself.
expect_status 0 "a new poster run posts five entries" poster -u sisi "$D" 5
is "numbered right after the last" "$(tr '\n' ' ' <"$T/out")" \
    "$((last + 1)) $((last + 2)) $((last + 3)) $((last + 4)) $((last + 5)) "
expect_status 0 "and verify still passes" loket verify

done_testing
