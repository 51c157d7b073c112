#!/bin/sh
# A cooperative of five members through its first year, worked by hand:
# three flat loans at 1.5% a month, repaid from sukarela on their due
# dates but one, which stops being paid after two instalments; the
# month-end accrual and allowance; the close on 31 December (twice); a
# posting into the closed year refused; the SHU, its split and each
# member's share; the split posted; the late loan's accrual restarting
# once it is paid up.  Savings interest is set to 0 so that every figure
# below is worked out here, not by loket.
. "${top_srcdir:-.}/tests/lib.sh"

ADMIN=admin-pass
ANI=teller-pass-ani
SISI=super-pass-sisi
MIRA=manager-pass-mira

trial() {
	loket report -c trial | awk -F, -v c="$1" '$1 == c { print $NF }'
}
count() {
	local left=$1 out="" d n
	for d in 100000 50000 20000 10000 5000 2000 1000 500 200 100; do
		n=$((left / d))
		if [ "$n" -gt 0 ]; then
			out="$out ${d}x$n"
			left=$((left % d))
		fi
	done
	echo $out
}
close_drawer() {
	pw "$ANI" drawer -u ani close $(count "$(trial 1101 | cut -d. -f1)")
}
eod_step() {
	pw_en "$SISI" eod -D "$(cat "$T/date")" -u sisi >"$T/eod" 2>&1 ||
	    return 1
	cat "$T/eod" >>"$T/eods"
	sed -n 's/.*business date now \([0-9-]*\)$/\1/p' "$T/eod" >"$T/date"
}
eod_until() {
	while [ "$(cat "$T/date")" != "$1" ]; do
		# Never past it: a day that did not close as expected stops.
		expr "$(cat "$T/date")" \< "$1" >/dev/null || return 1
		eod_step || return 1
	done
}
repay() {	# repay LOAN AMOUNT
	pw_en "$ANI" loan -s -u ani repay "$1" "$2" >/dev/null
}

# ---------------------------------------------------------------------
# 1. The book, from 2026-07-01; savings interest 0; five members.
printf '%s\n' "$ADMIN" | loket init -a admin -B "Cabang Maumere" -b MOF \
    -c "Kopdit Lima" -n "Maria Goreti" -D 2026-07-01 >/dev/null || {
	echo "Bail out! loket init failed"
	exit 1
}
echo 2026-07-01 >"$T/date"
for u in "ani teller Ani_Lestari $ANI" "sisi supervisor Sisilia_Nona $SISI" \
    "mira manager Mira_Wuwur $MIRA"; do
	set -- $u
	pw "$ADMIN $4" user -u admin add "$1" "$2" "$(echo "$3" | tr _ ' ')" \
	    >/dev/null || { echo "Bail out! user add $1"; exit 1; }
done
expect_status 0 "1. sukarela earns no interest here" \
    pw "$MIRA" setting -u mira savings.sukarela.rate_bp 0
expect_status 0 "1. the vault is funded" \
    pw "$MIRA" ledger -u mira 1102 3901 100.000.000
expect_status 0 "1. ani opens her drawer" \
    pw "$ANI" drawer -u ani open 20.000.000
i=0
for m in "5307014506850001 Maria_Lewar P 300.000 2.000.000" \
    "5307011203800003 Yohanes_Bata L 200.000 500.000" \
    "5307012507900002 Petrus_Kopong L 100.000 1.000.000" \
    "5307015501950004 Theresia_Ina P 0 0" \
    "5307010101700005 Paulus_Sanga L 0 0"; do
	set -- $m
	i=$((i + 1))
	set -- "$1" "$(echo "$2" | tr _ ' ')" "$3" "$4" "$5"
	opt=""
	[ "$4" != 0 ] && opt="$opt -w $4"
	[ "$5" != 0 ] && opt="$opt -s $5"
	expect_status 0 "1. member $i joins" pw "$ANI" member -u ani add \
	    -k "$1" -n "$2" -g "$3" -a "RT 01" -v Nita $opt
done
expect_status 0 "1. the product UMUM: flat, 1.5% a month, fees deducted" \
    pw "$MIRA" loan -u mira -m flat -t 12 product UMUM "Pinjaman umum"
for l in "1 10.000.000 10" "2 2.800.000 7" "3 3.000.000 3"; do
	set -- $l
	expect_status 0 "1. member $1 applies for Rp $2 over $3 months" \
	    pw "$ANI" loan -u ani apply "$1" UMUM "$2" "$3"
	expect_status 0 "1. sisi approves it" pw "$SISI" loan -u sisi approve "$1"
	expect_status 0 "1. it is paid into the member's sukarela" \
	    pw "$ANI" loan -s -u ani disburse "$1"
done
is "1. fees (4102): 2% of Rp 15.800.000" "$(trial 4102)" 316000.00
expect_status 0 "1. ani closes her drawer" close_drawer

# ---------------------------------------------------------------------
# 2. The year: instalments of loan 1 (Rp 1.150.000) and loan 3
# (Rp 1.045.000) paid on each due date; loan 2 (Rp 442.000) twice only.
for day in 2026-08-01 2026-09-01 2026-10-01 2026-11-01 2026-12-01; do
	ok "2. the days close until $day" eod_until "$day"
	ok "2. $day: loan 1's instalment is paid" repay 1 1.150.000
	case $day in
	2026-08-01|2026-09-01)
		ok "2. $day: loan 2's too" repay 2 442.000 ;;
	esac
	case $day in
	2026-08-01|2026-09-01|2026-10-01)
		ok "2. $day: and loan 3's" repay 3 1.045.000 ;;
	esac
done
# Month ends: what 1202 holds is the unpaid interest of loan 2's
# instalments fallen due while it is at most 90 days late: none through
# September; Rp 42.000 on 31 October (30 days late); Rp 84.000 on 30
# November (60 days).
at() {	# at DATE CODE: a balance at the end of a past day
	loket report -c -D "$1" trial | awk -F, -v c="$2" '$1 == c { print $NF }'
}
is "2. 31 August: 1202 holds nothing" "$(at 2026-08-31 1202)" 0.00
is "2. 30 September: nothing" "$(at 2026-09-30 1202)" 0.00
is "2. 31 October: Rp 42.000" "$(at 2026-10-31 1202)" 42000.00
is "2. 30 November: Rp 84.000" "$(at 2026-11-30 1202)" 84000.00
like "2. the month-end lines say so" "$T/eods" \
    'loan interest accrued Rp 42\.000'
is "2. loan interest: paid 5 x 150.000 + 2 x 42.000 + 3 x 45.000, and accrued 84.000" \
    "$(trial 4101)" 1053000.00
ok "2. the days close until 2026-12-31" eod_until 2026-12-31
en loan show 2 >"$T/show2"
like "2. loan 2 is 91 days late on 31 December" "$T/show2" \
    '^Days past due +91$'

# Before the close: the statements balance; a posting with no year
# closed goes through.
en report neraca >"$T/neraca"
assets=$(sed -n 's/^Total assets  *\(.*Rp [0-9.]*\)  *.*/\1/p' "$T/neraca")
lande=$(sed -n 's/^Total liabilities and equity  *\(.*Rp [0-9.]*\)  *.*/\1/p' "$T/neraca")
ok "3. the balance sheet has its totals" test -n "$assets"
is "3. assets equal liabilities and equity" "$assets" "$lande"

# ---------------------------------------------------------------------
# 4. The close, on 31 December by the manager.  On that day's end of day
# loan 2 is 91 days late: it stops accruing (1202 back to 0) and its
# class, kurang lancar, requires 35% of Rp 2.000.000 outstanding.
expect_status 65 "4. close-year for a year not at its end is refused" \
    pw "$MIRA" close-year -u mira 2027
expect_status 77 "4. a supervisor may not close the year" \
    pw "$SISI" close-year -u sisi 2026
expect_status 0 "4. the manager closes 2026" \
    pw_en "$MIRA" close-year -u mira 2026
# SHU = interest 969.000 + fees 316.000 - provision 700.000 = 585.000;
# the accrual of October and November was reversed on 31 December.
like "4. its SHU is Rp 585.000" "$T/out" 'SHU is Rp 585\.000$'
echo 2027-01-01 >"$T/date"
en report neraca >"$T/neraca"
like "4. the business date is 2027-01-01" "$T/neraca" 'As of 2027-01-01\.'
is "4. income is closed: 4101 is 0" "$(trial 4101)" 0.00
is "4. 4102 is 0" "$(trial 4102)" 0.00
is "4. 5202 is 0" "$(trial 5202)" 0.00
is "4. 3401 holds the SHU" "$(trial 3401)" 585000.00
is "4. 1202 is 0: loan 2 stopped accruing" "$(trial 1202)" 0.00
is "4. the allowance 1209 is Rp 700.000" "$(trial 1209)" -700000.00
n=$(entries)
expect_status 0 "4. closing twice does nothing" \
    pw_en "$MIRA" close-year -u mira 2026
like "4. and says so" "$T/out" 'closed already; its SHU was Rp 585\.000'
is "4. nothing written" "$(entries)" "$n"

# The income statement of 2026 still shows the year's income: the
# closing entries are not income nor expense.
en report -p 2026-01-01..2026-12-31 phu >"$T/phu"
like "4. PHU 2026: loan interest Rp 969.000" "$T/phu" \
    '^  Loan interest income +Rp 969\.000 '
like "4. provision Rp 700.000" "$T/phu" \
    '^  Provision for loan losses +Rp 700\.000 '
like "4. SHU of the period Rp 585.000" "$T/phu" \
    '^SHU of the period +Rp 585\.000 '
en report -D 2026-12-31 neraca >"$T/neraca"
like "4. neraca at 31 December: SHU not yet divided Rp 585.000" \
    "$T/neraca" '^  SHU not yet divided +Rp 585\.000 '
like "4. and none of the current year" "$T/neraca" \
    '^  SHU of the current year +Rp 0 '
en report -D 2026-12-31 portfolio >"$T/pf"
like "4. the portfolio of 31 December, as its provision entry recorded" \
    "$T/pf" '^substandard +1 +Rp 2\.000\.000 +Rp 700\.000$'
like "4. current: loan 1's Rp 5.000.000" "$T/pf" \
    '^current +1 +Rp 5\.000\.000 +Rp 0$'
# The day before, no month end: rebuilt from the journal, each loan as
# it stood.  Loan 2 was then 90 days late: dalam perhatian khusus (OJK
# 1-90), still 35% of Rp 2.000.000 (a month to twelve late).
en report -D 2026-12-30 portfolio >"$T/pf30"
like "4. 30 December: loan 2 special mention, 90 days late then" \
    "$T/pf30" '^special mention +1 +Rp 2\.000\.000 +Rp 700\.000$'
like "4. none substandard yet" "$T/pf30" '^substandard +0 +Rp 0 +Rp 0$'
like "4. and loan 1 current" "$T/pf30" '^current +1 +Rp 5\.000\.000 +Rp 0$'
like "4. said to be rebuilt from the journal" "$T/pf30" \
    'No month end: each loan as it stood that day, from the journal\.'
unlike "4. the month end's is the recorded one" "$T/pf" 'No month end'

# A closed year is read-only: the business date only moves forward, and
# the vault's funding of 2026 (entry 21: 2 of init, 14 accounts, 3 users,
# the setting) cannot be reversed now.
n=$(entries)
expect_status 65 "4. reversing an entry of the closed year is refused" \
    pw_en "$MIRA" reverse -u mira 21
like "4. because the year is closed" "$T/err" 'year is closed'
is "4. nothing written" "$(entries)" "$n"

# ---------------------------------------------------------------------
# 5. The SHU: 585.000 split 40/40/5/5/5/5: reserve 234.000, members
# 234.000, each fund 29.250.  Members: jasa modal 40% = 93.600 by capital
# (pokok + wajib: 400.000, 300.000, 200.000, 100.000, 100.000 of
# 1.100.000), jasa usaha 60% = 140.400 by interest paid (750.000,
# 84.000, 135.000 of 969.000), each rounded down to the Rupiah:
#   1: 34.036 + 108.668 = 142.704
#   2: 25.527 +  12.170 =  37.697
#   3: 17.018 +  19.560 =  36.578
#   4:  8.509 +       0 =   8.509
#   5:  8.509 +       0 =   8.509
# Shares 233.997, and 3 left over to the reserve: 234.003.
en shu 2026 >"$T/shu"
like "5. the SHU of 2026" "$T/shu" '^SHU +Rp 585\.000$'
like "5. the reserve's 40%" "$T/shu" 'reserve \(cadangan\), 40% +Rp 234\.000$'
like "5. the members' 40%" "$T/shu" 'members \(jasa anggota\), 40% +Rp 234\.000$'
like "5. the social fund's 5%" "$T/shu" 'social fund \(dana sosial\), 5% +Rp 29\.250$'
like "5. jasa modal" "$T/shu" 'jasa modal \(capital\) +Rp 93\.600$'
like "5. jasa usaha" "$T/shu" 'jasa usaha \(use\) +Rp 140\.400$'
en shu -c members 2026 >"$T/members.csv"
for s in "MOF-000001 400000.00 750000.00 34036.00 108668.00 142704.00" \
    "MOF-000002 300000.00 84000.00 25527.00 12170.00 37697.00" \
    "MOF-000003 200000.00 135000.00 17018.00 19560.00 36578.00" \
    "MOF-000004 100000.00 0.00 8509.00 0.00 8509.00" \
    "MOF-000005 100000.00 0.00 8509.00 0.00 8509.00"; do
	set -- $s
	is "5. $1: capital, interest, jasa modal, jasa usaha, share" \
	    "$(awk -F, -v m="$1" '$1 == m { print $1, $3, $4, $5, $6, $7 }' \
	    "$T/members.csv" | tr -d '"')" "$*"
done
like "5. the rest, Rp 3, goes to the reserve" "$T/members.csv" \
    '^"?left over, to the reserve"?,.*,3\.00$'

expect_status 77 "5. a supervisor may not post the split" \
    pw "$SISI" shu -u sisi post 2026
expect_status 65 "5. the split of an open year is refused" \
    pw "$MIRA" shu -u mira post 2027
expect_status 0 "5. the manager posts the split of 2026" \
    pw_en "$MIRA" shu -u mira post 2026
like "5. five members share" "$T/out" 'divided: 5 members'
is "5. 3401 is empty" "$(trial 3401)" 0.00
is "5. the reserve has 234.003" "$(trial 3201)" 234003.00
is "5. each fund 29.250" "$(trial 2404)" 29250.00
en member show 4 >"$T/m4"
n=$(entries)
expect_status 65 "5. posting it twice is refused" \
    pw "$MIRA" shu -u mira post 2026
is "5. nothing written" "$(entries)" "$n"

# ---------------------------------------------------------------------
# 6. Loan 2 is paid up on 2 January 2027 (penalty, interest and the
# principal of its three late instalments and of 1 January's): current,
# nothing accrues on 31 January; on 28 February the instalment of 1
# February, unpaid, accrues its Rp 42.000 again.
ok "6. 1 January: loan 1's instalment is paid" repay 1 1.150.000
ok "6. the days close until 2027-01-02" eod_until 2027-01-02
due=$(en loan show 2 | sed -n 's/^Payoff  *Rp //p' | tr -d .)
out=$(en loan show 2 | sed -n 's/^Outstanding  *Rp //p' | tr -d .)
ok "6. loan 2's payoff is known" test -n "$due"
# Leave only the last instalment's principal, 400.000: the payoff less
# the principal not yet due.
pay=$((due - 400000))
ok "6. loan 2 is paid up to date" repay 2 "$pay"
en loan show 2 >"$T/show2"
like "6. loan 2 is current" "$T/show2" '^Days past due +0$'
ok "6. the days close until 2027-02-01" eod_until 2027-02-01
is "6. 31 January: nothing accrued" "$(trial 1202)" 0.00
ok "6. 1 February: loan 1's instalment is paid" repay 1 1.150.000
ok "6. the days close until 2027-03-01" eod_until 2027-03-01
is "6. 28 February: the instalment of 1 February accrues again" \
    "$(trial 1202)" 42000.00

# ---------------------------------------------------------------------
# 7. The console's member view shows the member's estimated share of
# 2027's SHU so far: for Theresia (member 4, no loans), her capital's
# part of the jasa modal, as loket shu members has it.
en shu -c members 2027 >"$T/m2027.csv"
want=$(awk -F, '$1 == "MOF-000004" { split($7, x, "."); n = x[1]; s = "";
    while (length(n) > 3) { s = "." substr(n, length(n) - 2) s;
    n = substr(n, 1, length(n) - 3) } print "Rp " n s }' "$T/m2027.csv")
ok "7. shu members gives Theresia a share ($want)" \
    test -n "$want" -a "$want" != "Rp 0"
export LOKET_LANG=en
console_start LOKET_IDLE=0
on_screen "7. the console opens" 'MOF Cabang Maumere'
type_text ani; keys Enter; type_text "$ANI"; keys Enter
on_screen "7. ani signs in" 'ani \(teller'
type_text MOF-000004; keys Enter
on_screen "7. Theresia's member view shows her estimated SHU share" \
    "SHU share so far this year, estimated: $(echo "$want" |
    sed 's/\./\\./g')"
console_stop

done_testing
