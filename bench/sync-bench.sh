#!/bin/sh
# bench/sync-bench.sh [BUILDDIR]: loket sync's figures, one a line as
# NAME VALUE UNIT:
#
#	sync_handshake_bytes	bytes on the wire, both ways, of a sync
#				that has nothing to send: SSH's handshake,
#				the hello and welcome, the goodbyes
#	sync_bytes_per_entry	bytes on the wire per entry of a day of
#				2,000 counter entries, that handshake taken off
#	sync_day_s_at_9600bps	seconds to sync another such day through a
#				link of 9,600 bit/s each way with 300 ms
#				added each way
#
# The branch is a loket demo book (a month of history, 1,000 members, two
# branches on one box) whose history has reached the head office; the
# day is what its tellers post at the counter (tests/tools/sync-post -C):
# sukarela and wajib deposits and withdrawals.  Bytes are counted at
# tests/tools/proxy between loket sync and a real sshd on 127.0.0.1, the
# same set-up as the scenario tests (tests/tools/sync-lib.sh).
# Targets (issue 7): sync_bytes_per_entry <= 16, sync_day_s_at_9600bps
# <= 60.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
top_srcdir=$here
top_builddir=$(cd "${1:-${top_builddir:-$here/build}}" && pwd)
export top_srcdir top_builddir
(cd "$top_builddir" && make -s loket tests/tools/proxy \
    tests/tools/sync-post tests/tools/sync-books >/dev/null) || {
	echo "sync-bench: cannot build the tools in $top_builddir" >&2
	exit 1
}
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tools/sync-lib.sh"
DAY=2000
BR=$T/branch

fail() {
	echo "sync-bench: $*" >&2
	exit 1
}

# bytes FILE: the last connection's bytes, both ways.
bytes() {
	tail -1 "$1" | awk '{ print $1 + $2 }'
}

start_sshd
make_ho
"$LOKET" demo -q -D 2026-11-02 -M 1 -m 1000 -s 7 "$BR" >/dev/null ||
    fail "loket demo failed"
cat >"$BR/loket.conf" <<EOF
sync.branch = MOF
sync.host = 127.0.0.1
sync.port = $SSHD_PORT
sync.user = root
EOF
"$LOKET" -d "$BR" sync -S -K "$SSHD_DIR/host_ed25519.pub" \
    >"$BR/authorized_line" || fail "loket sync -S failed"
authorize MOF "$BR"
"$LOKET" -d "$BR" sync -q || fail "the history did not sync"

start_proxy -o "$T/bytes"
set_port "$BR" "$PROXY_PORT"
"$LOKET" -d "$BR" sync -q || fail "the empty sync failed"
sleep 0.3
hs=$(bytes "$T/bytes")

"$TOOLS/sync-post" -d "$BR" -b MOF -C -n $DAY -s 1 -T 1793606400 ||
    fail "posting the day failed"
"$LOKET" -d "$BR" sync -q || fail "the day's sync failed"
sleep 0.3
day=$(bytes "$T/bytes")

"$TOOLS/sync-post" -d "$BR" -b MOF -C -n $DAY -s 2 -T 1793642400 ||
    fail "posting the second day failed"
start_proxy -r 9600 -D 300 -o "$T/bytes.slow"
set_port "$BR" "$PROXY_PORT"
t0=$(date +%s.%N)
"$LOKET" -d "$BR" sync -q || fail "the slow sync failed"
t1=$(date +%s.%N)
stop_proxy

books "$BR" MOF >"$T/a"
books "$HO" MOF >"$T/b"
cmp -s "$T/a" "$T/b" || fail "the head office's books differ from the branch's"

echo "sync_handshake_bytes $hs bytes"
awk -v d="$day" -v h="$hs" -v n=$DAY \
    'BEGIN { printf "sync_bytes_per_entry %.2f bytes\n", (d - h) / n }'
awk -v a="$t0" -v b="$t1" \
    'BEGIN { printf "sync_day_s_at_9600bps %.1f s\n", b - a }'
rm -rf "$T"
