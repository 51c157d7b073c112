#!/bin/sh
# Two branches syncing at the same moment into one head office: both go
# through, each lands in its own replica, both get the head office's
# entries back (thousands of them, streaming back while the branches'
# own stream in), and the head office's books verify.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tools/sync-lib.sh"

start_sshd
make_ho
make_branch "$T/mof" MOF
make_branch "$T/end" END
authorize MOF "$T/mof"
authorize END "$T/end"
ok "the head office sets a rate" \
    "$TOOLS/sync-post" -d "$HO" -b HO -u admin -k savings.rate=325
ok "the head office posts 3,000 entries of its own" \
    "$TOOLS/sync-post" -d "$HO" -b HO -n 3000 -s 3
ok "MOF posts 3,000 entries" "$TOOLS/sync-post" -d "$T/mof" -b MOF -n 3000 -s 1
ok "END posts 3,000 entries" "$TOOLS/sync-post" -d "$T/end" -b END -n 3000 -s 2

# Both at once, three rounds, more work posted in between.
for round in 1 2 3; do
	"$LOKET" -d "$T/mof" sync -q >"$T/mof.out" 2>&1 &
	p1=$!
	"$LOKET" -d "$T/end" sync -q >"$T/end.out" 2>&1 &
	p2=$!
	wait "$p1"
	s1=$?
	wait "$p2"
	s2=$?
	is "round $round: MOF's sync exits 0" "$s1" 0
	is "round $round: END's sync exits 0" "$s2" 0
	"$TOOLS/sync-post" -d "$T/mof" -b MOF -n 500 -s $((round + 10)) \
	    -T $((1800000000 + round * 100000))
	"$TOOLS/sync-post" -d "$T/end" -b END -n 500 -s $((round + 20)) \
	    -T $((1800000000 + round * 100000))
done
"$LOKET" -d "$T/mof" sync -q & p1=$!
"$LOKET" -d "$T/end" sync -q & p2=$!
wait "$p1"; s1=$?
wait "$p2"; s2=$?
is "and a last time, at once" "$s1$s2" 00

for b in MOF END; do
	dir=$T/$(echo "$b" | tr A-Z a-z)
	books "$dir" "$b" >"$T/a"
	books "$HO" "$b" >"$T/b"
	ok "$b: the head office's books equal the branch's" cmp "$T/a" "$T/b"
	expect_status 0 "$b has the head office's rate" \
	    "$TOOLS/sync-books" -d "$dir" -b HO -k savings.rate
	is "$b: the rate's value" "$(cat "$T/out")" 325
	books "$dir" HO >"$T/a"
	books "$HO" HO >"$T/b"
	ok "$b has all of the head office's own books" cmp "$T/a" "$T/b"
done
"$TOOLS/sync-books" -d "$HO" -l >"$T/list"
like "the head office holds MOF" "$T/list" '^MOF replica 4[0-9]{3}$'
like "and END" "$T/list" '^END replica 4[0-9]{3}$'
expect_status 0 "the head office verifies" "$LOKET" -d "$HO" verify

done_testing
