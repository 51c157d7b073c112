#!/bin/sh
# The demo cooperative as a newcomer walks it: two branches, 2,000
# members and history from 1 July 2025, so that 2025 is closed (nothing
# may be dated in it or undone), its members' meeting (RAT) was held on
# 14 March 2026 and approved the accounts and the SHU split, the split
# was posted (a member's sukarela shows the share), and the lending
# makes a profit: 2025's SHU and 2026's so far are positive, problem
# loans are 5-10% of the book, and the health assessment is not failing.
. "${top_srcdir:-.}/tests/lib.sh"
export LOKET_LANG=en

ok "the demo cooperative, open on 2026-12-07" \
    "$LOKET" demo -q -D 2026-12-07 "$D"
like "2,000 members in two branches" "$T/out" ' 2000 members in 2 branches'

# money FILE PATTERN: the amount (whole rupiah, no dots) on the first
# line matching PATTERN, negative with its minus.
money() {
	local line amt
	line=$(grep -m 1 -E -- "$2" "$1")
	amt=$(printf '%s\n' "$line" | sed 's/.*Rp \([0-9.]*\).*/\1/' | tr -d .)
	case $line in
	*-Rp*)	echo "-$amt" ;;
	*)	echo "$amt" ;;
	esac
}

# 2025 is closed, in both branches.
for b in MOF ENDE; do
	ok "$b: close-year 2025 says the year is closed" \
	    loket close-year -b "$b" 2025
	like "$b: with its SHU" "$T/out" \
	    "^$b: 2025 is closed already; its SHU was Rp [1-9]"
	loket shu -b "$b" 2025 >"$T/shu-$b"
	like "$b: the SHU of 2025 is divided" "$T/shu-$b" \
	    '^The year 2025 is closed and its SHU divided\.$'
	shu=$(money "$T/shu-$b" '^SHU +-?Rp')
	ok "$b: 2025's SHU is a profit of tens of millions (Rp $shu)" \
	    test "$shu" -gt 10000000 -a "$shu" -lt 500000000
	loket shu -b "$b" >"$T/now-$b"
	like "$b: 2026 is still open" "$T/now-$b" \
	    '^The year 2026 so far, to 2026-12-07: an estimate\.$'
	shu=$(money "$T/now-$b" '^SHU +-?Rp')
	ok "$b: 2026's SHU so far is a profit (Rp $shu)" \
	    test "$shu" -gt 50000000 -a "$shu" -lt 1000000000
	loket report -b "$b" phu >"$T/phu-$b"
	like "$b: the income statement has the year before beside it" \
	    "$T/phu-$b" '^  Loan interest income +Rp [0-9.]+ +Rp [1-9][0-9.]+$'
done

# Nothing may be dated in 2025 or undone there: a deposit of December.
loket member -b MOF -p 2025-12-01..2025-12-31 statement 26 >"$T/dec"
e=$(awk '$3 == "deposit" || $3 == "withdrawal" { print $2; exit }' \
    "$T/dec")
ok "member 26 moved money in December 2025 ($e)" test -n "$e"
n=$(entries)
expect_status 65 "a reversal of $e, in the closed year, is refused" \
    pw manager-pass reverse -b MOF -u mira -m "salah input" "$e"
like "and the message says why" "$T/err" \
    'that year is closed: nothing may be dated in it or undone'
is "and nothing is written" "$(entries)" "$n"

# The RAT of 2025, held by the delegates at both sites.
loket rat -b MOF -y 2025 status >"$T/rat"
like "the RAT of 2025 was held on 14 March 2026" "$T/rat" \
    "^members' meeting 2025 on 2026-03-14, opened 2026-03-14 "
like "and closed" "$T/rat" '^closed 2026-03-14 '
like "its quorum reached" "$T/rat" '^quorum reached 2026-03-14 '
like "with delegates present at MOF" "$T/rat" '^site MOF +present [1-9]'
like "and at ENDE" "$T/rat" '^site ENDE +present [1-9]'
like "the accounts of 2025 approved" "$T/rat" \
    '^item 1 Laporan pertanggungjawaban .* 2025: carried; yes [0-9]+'
like "and the SHU split of 2025" "$T/rat" \
    '^item 2 Pembagian SHU tahun buku 2025: carried; yes [0-9]+'
ok "its minutes print" loket rat -b MOF -y 2025 minutes
like "the minutes name the sites" "$T/out" 'at the sites MOF, ENDE'

# The split reached the members' sukarela, after the meeting.
loket member -b MOF -p 2026-03-01..2026-03-31 statement 26 >"$T/mar"
like "member 26's sukarela has their SHU 2025 share, on 14 March" \
    "$T/mar" '^2026-03-14 +[0-9]+ +SHU divided +sukarela +\+[1-9]'
loket member -b ENDE -p 2026-03-14..2026-03-14 statement 1 >"$T/ende"
like "and so has ENDE's member 1" "$T/ende" ' SHU divided +sukarela '

# A lending cooperative: most of the savings lent, 5-10% problem loans.
loket health -b MOF >"$T/health"
like "the health assessment is sound or fairly sound" "$T/health" \
    '^Total [0-9]+,[0-9]{2} of 100: (sound|fairly sound)$'
npl=$(sed -n 's/^K1 .* \([0-9]*\),\([0-9]*\)% .*/\1\2/p' "$T/health")
ok "problem loans are 5-10% of the loans ($npl/100 %)" \
    test "$npl" -ge 500 -a "$npl" -le 1000
like "the RAT counts in governance" "$T/health" \
    '^governance: [1-9][0-9],[0-9]+% of the best'
loket pearls -b MOF >"$T/pearls"
like "PEARLS: the loans are 70-80% of the assets" "$T/pearls" \
    '^E1 .* yes$'
ok "PEARLS: most goals are met" test "$(grep -c ' yes *$' "$T/pearls")" \
    -gt "$(grep -c ' no *$' "$T/pearls")"


# Members pay wajib when they come to the counter, their arrears first:
# of MOF's first 50, more than half owe at most this month's, none a year.
i=1
: >"$T/arrears"
while [ $i -le 50 ]; do
	en member -b MOF show "MOF-$(printf %06d $i)" |
	    sed -n 's/^Wajib in arrears *\([0-9]*\) months.*/\1/p' >>"$T/arrears"
	i=$((i + 1))
done
is "50 members' wajib arrears read" "$(wc -l <"$T/arrears")" 50
ok "more than half owe at most this month's wajib" \
    test "$(awk '$1 <= 1' "$T/arrears" | wc -l)" -gt 25
is "and none a year or more" "$(awk '$1 >= 12' "$T/arrears" | wc -l)" 0

# MOF is the head office: the console's top line says so rather than
# "sync never" with the whole book waiting; ENDE, a branch, still shows
# its sync.
console_start LOKET_BRANCH=MOF LOKET_IDLE=0 LOKET_LANG=en
type_text ani; keys Enter; type_text teller-pass; keys Enter
on_screen "the head office's console says it is the head office" \
    '^ Find a member +head office$'
not_on_screen "and not that it never synced" 'sync never'
console_stop
console_start LOKET_BRANCH=ENDE LOKET_IDLE=0 LOKET_LANG=en
type_text ani; keys Enter; type_text teller-pass; keys Enter
on_screen "a branch's console shows its sync" 'sync never, [0-9]+ waiting$'
console_stop

# A doubtful loan's repayment at the counter, in Indonesian: what is due
# now, its penalty and the cash to count stand whole on one line.
late=$(LOKET_LANG=id "$LOKET" -d "$D" loan -b MOF list |
    awk '$4 == "aktif" && $NF == "diragukan" { print $2; exit }')
ok "the demo has a doubtful loan at MOF" test -n "$late"
console_start LOKET_BRANCH=MOF LOKET_IDLE=0 LOKET_LANG=id
type_text ani; keys Enter; type_text teller-pass; keys Enter
type_text "$late"; keys Enter; keys F11; type_text r
on_screen "due now, penalty and cash whole on one line" \
    '^  Tagihan sekarang: Rp [0-9.]+ \(denda Rp [1-9][0-9.]*\), tunai Rp [0-9.]+00$'
done_testing
