#!/bin/sh
# A link cut at any byte: twenty syncs, each through a proxy that cuts
# the first connection after a random number of bytes (anywhere in the
# SSH handshake, the hello, a frame, an acknowledgement or the head
# office's entries coming back).  loket sync -w tries again; afterwards
# the head office's books equal the branch's, both verify, and nothing
# was applied twice.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tools/sync-lib.sh"

start_sshd
make_ho
make_branch "$T/mof" MOF
authorize MOF "$T/mof"

# How many bytes a sync of a round's work takes, to cut inside it.
ok "the branch posts 400 entries" \
    "$TOOLS/sync-post" -d "$T/mof" -b MOF -n 400 -m 50 -s 1
start_proxy -o "$T/bytes"
set_port "$T/mof" "$PROXY_PORT"
expect_status 0 "a first sync through the counting proxy" \
    "$LOKET" -d "$T/mof" sync
sleep 0.2
total=$(awk '{ print $1 + $2 }' "$T/bytes")
ok "it counted the bytes ($total)" test "${total:-0}" -gt 1000

seed=${SYNC_CUT_SEED:-$(date +%s)}
echo "# random cuts from seed $seed (SYNC_CUT_SEED=$seed to repeat)"
cuts=$(python3 -c "
import random
r = random.Random($seed)
print(' '.join(str(r.randint(1, $total + 2000)) for _ in range(20)))")
round=0
cut_ok=0
for n in $cuts; do
	round=$((round + 1))
	"$TOOLS/sync-post" -d "$T/mof" -b MOF -n 150 -m 50 -s "$round" \
	    -T $((1800000000 + round * 10000)) || echo "# post failed"
	if [ $((round % 4)) -eq 0 ]; then
		"$TOOLS/sync-post" -d "$HO" -b HO -u admin \
		    -k "savings.rate=$((300 + round))" || echo "# setting failed"
	fi
	rm -f "$T/bytes"
	start_proxy -c "$n" -o "$T/bytes"
	set_port "$T/mof" "$PROXY_PORT"
	if "$LOKET" -d "$T/mof" sync -q -w >"$T/out.$round" 2>&1; then
		cut_ok=$((cut_ok + 1))
	else
		echo "# round $round, cut at $n: sync -w failed"
		sed 's/^/#   /' "$T/out.$round"
	fi
done
is "all 20 syncs went through after their cuts" "$cut_ok" 20
stop_proxy

books "$T/mof" MOF >"$T/a"
books "$HO" MOF >"$T/b"
ok "the head office's books equal the branch's" cmp "$T/a" "$T/b"
like "all 3,400 and more entries" "$T/b" '^last 3[4-9][0-9]{2}$'
books "$T/mof" HO >"$T/a"
books "$HO" HO >"$T/b"
ok "the head office's own entries reached the branch, all of them" \
    cmp "$T/a" "$T/b"
expect_status 0 "the last rate is at the branch" \
    "$TOOLS/sync-books" -d "$T/mof" -b HO -k savings.rate
is "the twentieth round's" "$(cat "$T/out")" 320
expect_status 0 "the head office verifies: no entry twice, no gap" \
    "$LOKET" -d "$HO" verify
expect_status 0 "so does the branch" "$LOKET" -d "$T/mof" verify
expect_status 0 "loket sync -s" "$LOKET" -d "$T/mof" sync -s
like "nothing is waiting" "$T/out" '^(waiting|menunggu) +0$'

done_testing
