#!/bin/sh
# loket sync and loket serve through a real sshd: a branch's 5,000
# entries reach the head office, whose books then equal the branch's and
# verify; the head office's own entries (a user, a rate) come back; a
# second sync sends nothing but the handshake; the status the console
# shows.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tools/sync-lib.sh"

start_sshd
make_ho
make_branch "$T/mof" MOF
authorize MOF "$T/mof"

expect_status 0 "before any sync, loket sync -s says never" \
    "$LOKET" -d "$T/mof" sync -s
like "with every entry waiting (init's 2, the chart's 14 newer accounts)" \
    "$T/out" '^(waiting|menunggu) +16$'

ok "the branch posts 5,000 counter entries" \
    "$TOOLS/sync-post" -d "$T/mof" -b MOF -n 5000
expect_status 0 "loket sync exits 0" "$LOKET" -d "$T/mof" sync
like "and says how many entries went" "$T/out" '^sync MOF: .*5[0-9]{3}'
expect_status 0 "loket verify passes at the head office" \
    "$LOKET" -d "$HO" verify
books "$T/mof" MOF >"$T/branch.books"
books "$HO" MOF >"$T/ho.books"
ok "the head office's balances, last entry and chain head equal the branch's" \
    cmp "$T/branch.books" "$T/ho.books"
like "over 5,000 entries" "$T/ho.books" '^last 5[0-9]{3}$'
like "with the members' money in it" "$T/ho.books" '^account 2101 -[0-9]{6,}$'
"$TOOLS/sync-books" -d "$HO" -l >"$T/list"
like "MOF is a replica at the head office" "$T/list" '^MOF replica [0-9]+$'
like "HO stays primary there" "$T/list" '^HO primary head'
"$TOOLS/sync-books" -d "$T/mof" -l >"$T/list"
like "the head office's journal came back to the branch as a replica" \
    "$T/list" '^HO replica head 16$'
expect_status 0 "verify passes at the branch, replica and all" \
    "$LOKET" -d "$T/mof" verify
expect_status 0 "loket sync -s after the sync" "$LOKET" -d "$T/mof" sync -s
like "nothing is waiting" "$T/out" '^(waiting|menunggu) +0$'
like "the last sync is seconds old" "$T/out" '^(synced|sinkron) +[0-9]+ (s ago|detik lalu)$'
"$TOOLS/sync-books" -d "$T/mof" -b MOF -s >"$T/status"
like "sync_status() gives the age" "$T/status" '^age [0-9]+$'

# A second sync: nothing but the handshake.  Measured at a counting
# proxy: a sync that sends nothing costs what SSH costs, a few kB, and
# exactly as much as a third one that has nothing either.
start_proxy -o "$T/bytes"
set_port "$T/mof" "$PROXY_PORT"
expect_status 0 "a second sync exits 0" "$LOKET" -d "$T/mof" sync
like "it sends no entry" "$T/out" '[^0-9]0 entr'
expect_status 0 "so does a third" "$LOKET" -d "$T/mof" sync
sleep 0.3
second=$(sed -n 1p "$T/bytes" | awk '{ print $1 + $2 }')
third=$(sed -n 2p "$T/bytes" | awk '{ print $1 + $2 }')
ok "the second sync is only the handshake: under 8 kB ($second bytes)" \
    test "${second:-99999}" -lt 8000
ok "and costs what a sync with nothing to send costs ($third bytes)" \
    test "$(( ${second:-0} - ${third:-0} ))" -le 64 -a \
    "$(( ${third:-0} - ${second:-0} ))" -le 64
books "$HO" MOF >"$T/ho.books2"
ok "the head office's books did not move" cmp "$T/ho.books" "$T/ho.books2"

# The head office changes a rate and adds a user: both reach the branch.
ok "the head office sets a rate" \
    "$TOOLS/sync-post" -d "$HO" -b HO -u admin -k savings.rate=350
expect_status 0 "the head office adds a user" \
    sh -c "printf 'admin-pass\nauditor-pass\n' | '$LOKET' -d '$HO' user -b HO -u admin add audit auditor 'Auditor Pusat'"
ok "the branch posts 10 more" "$TOOLS/sync-post" -d "$T/mof" -b MOF -n 10
expect_status 0 "loket sync -s counts them" "$LOKET" -d "$T/mof" sync -s
like "ten are waiting" "$T/out" '^(waiting|menunggu) +10$'
expect_status 0 "the next sync exits 0" "$LOKET" -d "$T/mof" sync
like "sending 10, receiving 2" "$T/out" '10 .*2 '
expect_status 0 "the rate is at the branch" \
    "$TOOLS/sync-books" -d "$T/mof" -b HO -k savings.rate
is "with its value" "$(cat "$T/out")" 350
expect_status 0 "the head office's users are at the branch" \
    "$LOKET" -d "$T/mof" user -b HO list
like "the new auditor among them" "$T/out" '^audit +auditor'
books "$T/mof" MOF >"$T/branch.books"
books "$HO" MOF >"$T/ho.books"
ok "the books still agree" cmp "$T/branch.books" "$T/ho.books"
books "$T/mof" HO >"$T/branch.hobooks"
books "$HO" HO >"$T/ho.hobooks"
ok "and so do the head office's own" cmp "$T/branch.hobooks" "$T/ho.hobooks"
expect_status 0 "verify passes at the head office" "$LOKET" -d "$HO" verify
expect_status 0 "and at the branch" "$LOKET" -d "$T/mof" verify

expect_status 0 "sync -q says nothing on success" "$LOKET" -d "$T/mof" sync -q
is "nothing at all" "$(cat "$T/out" "$T/err")" ""

done_testing
