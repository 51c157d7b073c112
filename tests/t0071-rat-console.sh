#!/bin/sh
# The members' meeting screen (F1, m) in tmux at 80x24, as a teller at a
# site works through a queue: a number, Enter, the next; a member twice,
# an unknown one, a name, a NIK, another branch's member; Tab to record
# votes on the item whose voting is open; a vote by a member not present.
# Then loket rat status says what the screen recorded.
. "${top_srcdir:-.}/tests/lib.sh"
need tmux

printf 'admin-pass\n' | loket init -H -a admin -B "Kantor Pusat" -b HO \
    -c "Kopdit Sehati" -n "Yosef Bata" -D 2026-11-02 >/dev/null ||
    { echo "Bail out! init"; exit 1; }
"$top_builddir/tests/tools/rat-tool" -d "$D" -b HO -m 40 ||
    { echo "Bail out! rat-tool"; exit 1; }
export LOKET_LANG=en

console_start LOKET_IDLE=0
on_screen "the console opens" 'HO Kantor Pusat'
type_text kasir; keys Enter; type_text kasir-pass; keys Enter
on_screen "the teller signs in" 'kasir \(teller'
keys F1
on_screen "help lists the meeting's letter" "m +members' meeting"
keys m
on_screen "before the head office opens it, the screen says so" \
    "No members' meeting is open here"

printf 'mgr-pass\n' | en rat -u mgr open 2026 >/dev/null &&
printf 'mgr-pass\n' | en rat -u mgr item "Laporan pengurus" >/dev/null ||
    echo "Bail out! rat open"
keys Escape; keys F1; keys m
on_screen "now the meeting is there" "Members' meeting 2026, 2026-11-02; this site: HO"
on_screen "with the quorum: 21 of 40" 'Present here 0, known 0 of 40; quorum 21: 21 more'

# A queue of 25: a number, Enter, the next.
i=1
while [ $i -le 25 ]; do
	type_text "$i"; keys Enter
	i=$((i + 1))
done
on_screen "25 present, the last on top" '^ +HO-000025 Anggota HO 25: present'
on_screen "the counts follow" 'Present here 25, known 25 of 40; quorum 21 reached at'
type_text 7; keys Enter
on_screen "the same member again is refused" \
    'HO-000007: the member is recorded present here already'
type_text 99; keys Enter
on_screen "an unknown member is refused" 'HO-000099: no such member'
type_text "Anggota HO 33"; keys Enter
on_screen "a member found by name" 'HO-000033 Anggota HO 33: present'
type_text Nobody; keys Enter
on_screen "a name nobody has" 'Nobody: no such member'
type_text 5301010701800035; keys Enter
on_screen "a member found by NIK" 'HO-000035 Anggota HO 35: present'
type_text mof-12; keys Enter
on_screen "another branch's member, whose books are not on this box, as typed" \
    'MOF-000012 +: present'

# Voting: opened at the head office (here); Tab to record votes.
printf 'mgr-pass\n' | en rat -u mgr vote-open 1 >/dev/null
keys Tab
on_screen "Tab: votes on item 1, yes" 'Enter records: a vote on item 1, Laporan pengurus: yes'
type_text 1; keys Enter
type_text 2; keys Enter
on_screen "two yes votes" 'HO-000002 Anggota HO 2: item 1, yes'
keys Tab
on_screen "Tab again: no" 'Enter records: a vote on item 1, Laporan pengurus: no'
type_text 3; keys Enter
on_screen "a no vote" 'HO-000003 Anggota HO 3: item 1, no'
type_text 1; keys Enter
on_screen "a second vote by a member is refused" \
    'HO-000001: the member has voted on that item already'
type_text 30; keys Enter
on_screen "a member not present cannot vote" \
    'HO-000030: the member is not recorded present here'
keys Tab; keys Tab
on_screen "past abstain, back to attendance" 'Enter records: present'
console_stop

en rat status >"$T/st"
like "the screen's 28 attendances are in the books" "$T/st" \
    '^present 28 of 40 members; quorum 21$'
like "and its votes" "$T/st" \
    '^item 1 Laporan pengurus: voting open; yes 2, no 1, abstain 0$'
expect_status 0 "the books verify" "$LOKET" -d "$D" verify

done_testing
