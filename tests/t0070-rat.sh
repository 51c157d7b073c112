#!/bin/sh
# The annual members' meeting held at the head office (HO) and two branch
# sites (MOF, END), each its own data folder syncing over a real sshd on
# loopback.  300 members attend across the sites, 20 of them at two
# sites; two items are voted.  The head office's tally equals the sum of
# the sites' records minus the duplicates, each duplicate named; END
# syncs only after the meeting closed: its attendance counts, its late
# votes do not, and the minutes say so.  MOF's votes reach the head
# office through a link cut several times.  Bad input is refused.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tools/sync-lib.sh"

need pdftotext

start_sshd
make_ho
make_branch "$T/mof" MOF
make_branch "$T/end" END
authorize MOF "$T/mof"
authorize END "$T/end"
MOF=$T/mof
END=$T/end

# rat DIR PASSWORD ARGS...: loket rat at a site, in English.
rat() {
	local dir=$1 p=$2
	shift 2
	printf '%s\n' "$p" | LOKET_LANG=en "$LOKET" -d "$dir" rat "$@"
}
# marks DIR ARGS... < list: attendances or votes of the members listed.
marks() {
	local dir=$1
	shift
	{ echo kasir-pass; cat; } | LOKET_LANG=en "$LOKET" -d "$dir" rat \
	    -u kasir "$@" -
}
nums() {	# nums PREFIX FIRST LAST: PREFIX-00000n, one a line
	seq "$2" "$3" | awk -v p="$1" '{ printf "%s-%06d\n", p, $1 }'
}
sync_ok() {
	expect_status 0 "$2" "$LOKET" -d "$1" sync -q
}

ok "HO registers 100 members" "$TOOLS/rat-tool" -d "$HO" -b HO -m 100
ok "MOF registers 100 members" "$TOOLS/rat-tool" -d "$MOF" -b MOF -m 100
ok "END registers 100 members" "$TOOLS/rat-tool" -d "$END" -b END -m 100
sync_ok "$MOF" "MOF syncs its members"
sync_ok "$END" "END syncs its members"

# -- the head office opens the meeting ---------------------------------------
expect_status 65 "a meeting is opened at the head office only" \
    rat "$MOF" mgr-pass -u mgr open 2026
like "and says so" "$T/err" 'MOF is not the head office'
expect_status 77 "a teller may not open it" \
    rat "$HO" kasir-pass -u kasir -s HO,MOF,END open 2026
expect_status 0 "the manager opens the 2026 meeting at three sites" \
    rat "$HO" mgr-pass -u mgr -s HO,MOF,END open 2026
expect_status 65 "not twice" rat "$HO" mgr-pass -u mgr open 2026
expect_status 0 "agenda item 1" rat "$HO" mgr-pass -u mgr item \
    "Laporan pengurus 2026"
like "is numbered 1" "$T/out" '^agenda item 1: '
expect_status 0 "agenda item 2" rat "$HO" mgr-pass -u mgr item \
    "Pembagian SHU 2026"
LOKET_LANG=en "$LOKET" -d "$HO" rat status >"$T/st"
like "300 members may attend; the quorum is half plus one" "$T/st" \
    '^present 0 of 300 members; quorum 151$'

# Bad input before any sync: the sites know nothing of the meeting yet.
expect_status 65 "MOF cannot record anyone before it hears of the meeting" \
    rat "$MOF" kasir-pass -u kasir attend 1
like "and says why" "$T/err" 'no members. meeting is open'
sync_ok "$MOF" "MOF syncs and hears of the meeting"
sync_ok "$END" "so does END"
LOKET_LANG=en "$LOKET" -d "$MOF" rat status >"$T/st"
like "MOF sees the meeting and its quorum" "$T/st" \
    '^present 0 of 300 members; quorum 151$'

# -- attendance ----------------------------------------------------------------
ok "MOF-000100 leaves the cooperative" sh -c \
    'printf "kasir-pass\nmgr-pass\n" | "$1" -d "$2" member -u kasir -A mgr leave 100' \
    sh "$LOKET" "$MOF"
nums HO 1 100 | marks "$HO" attend >"$T/out" 2>"$T/err"
like "HO records its 100 members present" "$T/out" '^recorded present: 100$'
{ nums MOF 1 99; nums HO 1 10; } | marks "$MOF" attend >"$T/out" 2>"$T/err"
like "MOF records 99 of its own and 10 of HO's" "$T/out" '^recorded present: 109$'
{ nums END 1 100; nums MOF 1 10; } | marks "$END" attend >"$T/out" 2>"$T/err"
like "END records its 100 and 10 of MOF's" "$T/out" '^recorded present: 110$'

n=$(LOKET_LANG=en "$LOKET" -d "$MOF" verify | sed -n 's/^verified \([0-9]*\).*/\1/p')
expect_status 65 "the same member twice at one site is refused at once" \
    rat "$MOF" kasir-pass -u kasir attend MOF-000005
like "with the reason" "$T/err" 'MOF-000005: the member is recorded present here already'
expect_status 65 "an unknown member of the site's branch is refused" \
    rat "$MOF" kasir-pass -u kasir attend 777
like "as unknown" "$T/err" '777: no such member'
expect_status 65 "so is a name nobody has" \
    rat "$MOF" kasir-pass -u kasir attend "Nobody Here"
expect_status 65 "a member who has left is refused" \
    rat "$MOF" kasir-pass -u kasir attend MOF-000100
like "as having left" "$T/err" 'MOF-000100: the member has left'
expect_status 65 "one bad member in a list: none of the list is recorded" \
    rat "$MOF" kasir-pass -u kasir attend HO-000050 MOF-000100
expect_status 65 "a vote on an item whose voting is not open is refused" \
    rat "$MOF" kasir-pass -u kasir vote 1 yes MOF-000001
like "as not open" "$T/err" 'voting on that item is not open'
expect_status 65 "a vote on an item that does not exist is refused" \
    rat "$MOF" kasir-pass -u kasir vote 3 yes MOF-000001
like "as no such item" "$T/err" 'no such agenda item'
expect_status 65 "a vote is yes, no or abstain" \
    rat "$MOF" kasir-pass -u kasir vote 1 maybe MOF-000001
is "the refusals wrote nothing" \
    "$(LOKET_LANG=en "$LOKET" -d "$MOF" verify | sed -n 's/^verified \([0-9]*\).*/\1/p')" "$n"

# Quorum, live: each box knows what has reached it.
LOKET_LANG=en "$LOKET" -d "$HO" rat status >"$T/st"
like "HO knows its own 100" "$T/st" '^present 100 of 300 members; quorum 151$'
like "51 more needed" "$T/st" '^quorum not reached: 51 more needed$'
LOKET_LANG=en "$LOKET" -d "$MOF" rat status >"$T/st"
like "MOF knows its own 109" "$T/st" '^present 109 of 300 members; quorum 151$'
sync_ok "$MOF" "MOF syncs its attendance"
LOKET_LANG=en "$LOKET" -d "$HO" rat status >"$T/st"
like "HO: 199 (HO's 10 at MOF are duplicates)" "$T/st" \
    '^present 199 of 300 members; quorum 151$'
like "the quorum is reached" "$T/st" '^quorum reached '
LOKET_LANG=en "$LOKET" -d "$MOF" rat status >"$T/st"
like "MOF hears the head office's 100: 199" "$T/st" \
    '^present 199 of 300 members; quorum 151$'
like "MOF sees the quorum reached" "$T/st" '^quorum reached '

# -- voting on item 1 and 2 opens; END hears of it and is then cut off ---------
expect_status 0 "voting on item 1 opens" rat "$HO" mgr-pass -u mgr vote-open 1
expect_status 0 "voting on item 2 opens" rat "$HO" mgr-pass -u mgr vote-open 2
expect_status 65 "not twice" rat "$HO" mgr-pass -u mgr vote-open 2
sync_ok "$MOF" "MOF hears that voting opened"
sync_ok "$END" "END syncs: its attendance goes, the votes' opening comes back"
LOKET_LANG=en "$LOKET" -d "$HO" rat status >"$T/st"
like "HO: 299 present" "$T/st" '^present 299 of 300 members; quorum 151$'

nums HO 1 70 | marks "$HO" vote 1 yes >/dev/null
nums HO 71 100 | marks "$HO" vote 1 no >/dev/null
nums HO 1 90 | marks "$HO" vote 2 yes >/dev/null
nums HO 91 100 | marks "$HO" vote 2 abstain >"$T/out"
like "HO records its votes" "$T/out" '^votes recorded: 10$'
nums END 1 100 | marks "$END" vote 1 yes >/dev/null
nums MOF 1 10 | marks "$END" vote 1 no >"$T/out"
like "END records its votes on item 1" "$T/out" '^votes recorded: 10$'
expect_status 65 "a member votes twice at one site: refused" \
    rat "$END" kasir-pass -u kasir vote 1 no END-000001
like "as voted already" "$T/err" 'END-000001: the member has voted on that item already'
expect_status 65 "a member present at another site cannot vote here" \
    rat "$END" kasir-pass -u kasir vote 1 yes HO-000050
like "as not present here" "$T/err" 'not recorded present here'

# MOF votes in three rounds, each synced through a link cut inside the
# sync (late in it, where the hello, the frames
# of votes and their acks travel); loket sync -w tries again.
start_proxy -o "$T/bytes"
set_port "$MOF" "$PROXY_PORT"
"$LOKET" -d "$MOF" sync -q || echo "# the empty sync failed"
sleep 0.3
hs=$(tail -1 "$T/bytes" | awk '{ print $1 + $2 }')
ok "an empty sync's bytes counted ($hs)" test "${hs:-0}" -gt 1000
round=0
for cut in $((hs - 900)) $((hs - 300)) $((hs - 600)); do
	round=$((round + 1))
	case $round in
	1)	nums MOF 1 50 | marks "$MOF" vote 1 yes >/dev/null ;;
	2)	nums MOF 51 99 | marks "$MOF" vote 1 abstain >/dev/null
		nums HO 1 10 | marks "$MOF" vote 1 no >/dev/null ;;
	3)	nums MOF 1 99 | marks "$MOF" vote 2 no >"$T/out"
		like "MOF records 99 votes on item 2" "$T/out" '^votes recorded: 99$' ;;
	esac
	rm -f "$T/bytes"
	start_proxy -c "$cut" -o "$T/bytes"
	set_port "$MOF" "$PROXY_PORT"
	expect_status 0 "round $round: MOF's votes sync through a cut at byte $cut" \
	    "$LOKET" -d "$MOF" sync -q -w
	sleep 0.2
	ok "round $round: the link was cut, and a second connection finished" \
	    test "$(wc -l <"$T/bytes")" -ge 2
done
stop_proxy
set_port "$MOF" "$SSHD_PORT"
sync_ok "$MOF" "and a last sync, uncut"

# -- the head office closes; END votes on item 2 not knowing, then syncs -----
expect_status 0 "voting on item 1 closes" rat "$HO" mgr-pass -u mgr vote-close 1
expect_status 0 "the meeting closes (and with it item 2)" \
    rat "$HO" mgr-pass -u mgr close
expect_status 65 "a closed meeting takes no more items" \
    rat "$HO" mgr-pass -u mgr item "Lain-lain"
sleep 1.1
nums END 1 100 | marks "$END" vote 2 yes >"$T/out"
like "END, not knowing, records 100 votes on item 2 after the close" \
    "$T/out" '^votes recorded: 100$'
sync_ok "$END" "END syncs only after the meeting closed"
expect_status 65 "END now knows: voting on item 1 is closed" \
    rat "$END" kasir-pass -u kasir vote 1 yes END-000001
like "it says there is no meeting open" "$T/err" 'no members. meeting is open'

# -- the tally -----------------------------------------------------------------
LOKET_LANG=en "$LOKET" -d "$HO" rat -y 2026 status >"$T/st"
like "300 present: 320 records minus 20 duplicates" "$T/st" \
    '^present 299 of 300 members; quorum 151$'
LOKET_LANG=en "$LOKET" -d "$HO" rat minutes >"$T/min"
like "the minutes: HO 100 present" "$T/min" '^HO +100 +0 +0$'
like "MOF 99 present (its own), 10 duplicates of HO's" "$T/min" '^MOF +99 +10 +0$'
like "END 100 present, 10 duplicates of MOF's" "$T/min" '^END +100 +10 +0$'
like "total 299, 20 duplicates" "$T/min" '^total +299 +20 +0$'
like "item 1: 220 yes, 30 no, 49 abstain, 20 not counted, carried" "$T/min" \
    '^ +1 Laporan pengurus 2026 +220 +30 +49 +20 carried *$'
like "item 2: END's 100 late votes are not counted" "$T/min" \
    '^ +2 Pembagian SHU 2026 +90 +99 +10 +100 not carried *$'
like "each duplicate is named: HO-000001 at MOF" "$T/min" \
    '^HO-000001 +MOF +attendance .*duplicate: counted at HO'
like "MOF-000010's second attendance at END" "$T/min" \
    '^MOF-000010 +END +attendance .*duplicate: counted at MOF'
like "a duplicate vote named too" "$T/min" \
    '^HO-000010 +MOF +vote on item 1: no .*duplicate: counted at HO'
like "END's late votes are listed" "$T/min" \
    '^END-000100 +END +vote on item 2: yes .*after the close'
is "20 duplicate attendances named" \
    "$(grep -c 'attendance .*duplicate' "$T/min")" 20
is "20 duplicate votes on item 1 named" \
    "$(grep -c 'vote on item 1.*duplicate' "$T/min")" 20
is "100 late votes named" "$(grep -c 'after the close' "$T/min")" 100
like "the quorum was reached" "$T/min" 'The quorum was reached at '

# The tally is the sum of the sites' records minus the duplicates: each
# site's count of its own records, from its own books.
sum=0
for site in HO MOF END; do
	dir=$HO
	[ "$site" = MOF ] && dir=$MOF
	[ "$site" = END ] && dir=$END
	n=$(LOKET_LANG=en "$LOKET" -d "$dir" rat -y 2026 status |
	    sed -n "s/^site $site *present \([0-9]*\)\$/\1/p")
	echo "# $site's own books: $n present here"
	sum=$((sum + ${n:-0}))
done
dups=$(grep -c 'attendance .*duplicate' "$T/min")
is "the sites' own records ($sum) minus the duplicates ($dups) are the head office's 299" \
    "$((sum - dups))" 299
LOKET_LANG=en "$LOKET" -d "$HO" rat -c minutes >"$T/min.csv"
like "CSV: item 1's counts" "$T/min.csv" \
    '^1,Laporan pengurus 2026,220,30,49,20,carried$'
like "CSV: the totals" "$T/min.csv" '^total,299,20,0$'
expect_status 0 "the minutes as PDF" \
    env LOKET_LANG=en "$LOKET" -d "$HO" rat -p "$T/min.pdf" minutes
pdftotext -layout "$T/min.pdf" "$T/min.txt"
like "the PDF shows item 1's counts" "$T/min.txt" \
    'Laporan pengurus 2026 +220 +30 +49 +20 +carried'
like "and the attendance total" "$T/min.txt" 'total +299 +20 +0'
"$LOKET" -d "$HO" rat minutes >"$T/min.id"
like "in Indonesian by default" "$T/min.id" '^ *Notulen rapat anggota tahunan 2026'

expect_status 0 "the head office's books verify" "$LOKET" -d "$HO" verify
expect_status 0 "MOF's verify" "$LOKET" -d "$MOF" verify
expect_status 0 "END's verify" "$LOKET" -d "$END" verify
books "$MOF" MOF >"$T/a"
books "$HO" MOF >"$T/b"
ok "the head office holds MOF's journal, whole" cmp "$T/a" "$T/b"

done_testing
