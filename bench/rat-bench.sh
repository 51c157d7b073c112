#!/bin/sh
# bench/rat-bench.sh [BUILDDIR]: the members' meeting's figure, as
# NAME VALUE UNIT:
#
#	rat_attend_bytes	bytes on the wire, both ways, per record, to
#				sync 500 attendances and 500 votes from a
#				site to the head office, the handshake of an
#				empty sync taken off
#
# A branch site (MOF) of 500 members whose books have reached the head
# office hears of the meeting, then records its 500 members present, a
# few seconds apart as a queue moves, and their 500 votes on an item
# (tests/tools/rat-tool), and syncs.  Bytes are counted at
# tests/tools/proxy between loket sync and a real sshd on 127.0.0.1, as
# bench/sync-bench.sh counts them.  Target (issue 13): at most 12 bytes
# per record.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
top_srcdir=$here
top_builddir=$(cd "${1:-${top_builddir:-$here/build}}" && pwd)
export top_srcdir top_builddir
(cd "$top_builddir" && make -s loket tests/tools/proxy \
    tests/tools/rat-tool tests/tools/sync-books >/dev/null) || {
	echo "rat-bench: cannot build the tools in $top_builddir" >&2
	exit 1
}
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tools/sync-lib.sh"
N=500
BR=$T/mof

fail() {
	echo "rat-bench: $*" >&2
	exit 1
}

bytes() {
	tail -1 "$1" | awk '{ print $1 + $2 }'
}

start_sshd
make_ho
make_branch "$BR" MOF
authorize MOF "$BR"
"$TOOLS/rat-tool" -d "$HO" -b HO -m 1 >/dev/null || fail "the head office's manager"
"$TOOLS/rat-tool" -d "$BR" -b MOF -m $N >/dev/null || fail "the members"
"$LOKET" -d "$BR" sync -q || fail "the members did not sync"
for a in "-s HO,MOF open 2026" "item Laporan" "vote-open 1"; do
	# shellcheck disable=SC2086
	printf 'mgr-pass\n' | "$LOKET" -d "$HO" rat -u mgr $a >/dev/null ||
	    fail "rat $a"
done
"$LOKET" -d "$BR" sync -q || fail "the meeting did not reach the site"

start_proxy -o "$T/bytes"
set_port "$BR" "$PROXY_PORT"
"$LOKET" -d "$BR" sync -q || fail "the empty sync failed"
sleep 0.3
hs=$(bytes "$T/bytes")

"$TOOLS/rat-tool" -d "$BR" -b MOF -a $N -T 1796173200 ||
    fail "the attendances"
"$TOOLS/rat-tool" -d "$BR" -b MOF -a $N -v 1 -T 1796176800 ||
    fail "the votes"
"$LOKET" -d "$BR" sync -q || fail "the meeting's sync failed"
sleep 0.3
got=$(bytes "$T/bytes")
stop_proxy

books "$BR" MOF >"$T/a"
books "$HO" MOF >"$T/b"
cmp -s "$T/a" "$T/b" || fail "the head office's books differ from the site's"
LOKET_LANG=en "$LOKET" -d "$HO" rat status >"$T/st"
grep -q "^present $N of " "$T/st" || fail "the head office does not count $N"

awk -v d="$got" -v h="$hs" -v n=$((2 * N)) \
    'BEGIN { printf "rat_attend_bytes %.2f bytes\n", (d - h) / n }'
rm -rf "$T"
