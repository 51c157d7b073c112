#!/bin/sh
# Loans through loket's commands: a product, an application, approval by
# another person, disbursement in cash, ends of day until the first
# instalment is late, repayments from sukarela and in cash, the payoff;
# a second loan written off and partly recovered.  The refusals a
# cooperative relies on (the maker approving their own loan, a teller
# writing off, a repayment above the payoff, a disbursement before
# approval) each exit with their status and write nothing.  Figures are
# domain.md's defaults: 1.5% a month, 0.1% a day of penalty, and the
# product's 1% admin fee and 1% provisi.
. "${top_srcdir:-.}/tests/lib.sh"

ADMIN=admin-pass
ANI=teller-pass-ani
BUDI=teller-pass-budi
SISI=super-pass-sisi
MIRA=manager-pass-mira

mark() {
	n_mark=$(entries)
}
refused() {
	local want=$1 desc=$2
	shift 2
	mark
	expect_status "$want" "$desc" "$@"
	is "$desc: nothing written" "$(entries)" "$n_mark"
}
trial() {
	loket report -c trial | awk -F, -v c="$1" '$1 == c { print $NF }'
}
# field LOAN LABEL: a line of loket loan show, in English.
field() {
	en loan show "$1" | sed -n "s/^$2  *//p"
}
# count RUPIAH: a drawer count that adds up to RUPIAH, largest first.
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
# close_drawer: ani counts exactly what the book says her drawer holds.
close_drawer() {
	pw "$ANI" drawer -u ani close $(count "$(trial 1101 | cut -d. -f1)")
}

# ---------------------------------------------------------------------
# 1. A book that starts on 2026-07-01, its users, the vault, a member.
printf '%s\n' "$ADMIN" | loket init -a admin -B "Cabang Maumere" -b MOF \
    -c "Kopdit Sehati" -n "Maria Goreti" -D 2026-07-01 >/dev/null || {
	echo "Bail out! loket init failed"
	exit 1
}
echo 2026-07-01 >"$T/date"
for u in "ani teller Ani_Lestari $ANI" "budi teller Budi_Lado $BUDI" \
    "sisi supervisor Sisilia_Nona $SISI" "mira manager Mira_Wuwur $MIRA"; do
	set -- $u
	expect_status 0 "1. admin adds $1 as $2" \
	    pw "$ADMIN $4" user -u admin add "$1" "$2" "$(echo "$3" | tr _ ' ')"
done
expect_status 0 "1. the manager funds the vault" \
    pw "$MIRA" ledger -u mira 1102 3901 100.000.000
expect_status 0 "1. ani opens her drawer with Rp 20.000.000" \
    pw "$ANI" drawer -u ani open 20.000.000
expect_status 0 "1. Maria joins with Rp 2.000.000 of sukarela" \
    pw "$ANI" member -u ani add -k 5307014506850001 -n "Maria Lewar" -g P \
    -a "RT 01 RW 02" -v Nita -s 2.000.000
expect_status 0 "1. Yohanes joins with Rp 500.000 of sukarela" \
    pw "$ANI" member -u ani add -k 5307011203800003 -n "Yohanes Bata" -g L \
    -a "RT 02" -v Nita -s 500.000

# ---------------------------------------------------------------------
# 2. Products.
expect_status 64 "2. loan with no action is a usage error" loket loan
expect_status 64 "2. an unknown action is a usage error" \
    loket loan -u ani lend 1
refused 77 "2. a teller may not define a product" \
    pw "$ANI" loan -u ani product UMUM "Pinjaman umum"
refused 65 "2. a rate above 10% a month is refused" \
    pw "$MIRA" loan -u mira -r 1200 product UMUM "Pinjaman umum"
refused 65 "2. an unknown method is refused" \
    pw "$MIRA" loan -u mira -m balloon product UMUM "Pinjaman umum"
expect_status 0 "2. the manager defines UMUM, declining, 1.5% a month" \
    pw_en "$MIRA" loan -u mira -m declining -t 24 product UMUM \
    "Pinjaman umum"
expect_status 0 "2. and MIKRO, flat, fees charged in cash" \
    pw_en "$MIRA" loan -u mira -c -m flat -t 12 product MIKRO \
    "Pinjaman mikro"
en loan product >"$T/products"
like "2. loan product lists UMUM with its figures" "$T/products" \
    '^UMUM +declining +1\.50% +24 months +admin 1\.00% provisi 1\.00% deducted +penalty 0\.10% +penalty,interest,principal +ojk +early: in advance +Pinjaman umum$'
like "2. and MIKRO, fees charged" "$T/products" '^MIKRO +flat .* charged '

# ---------------------------------------------------------------------
# 3. An application, and who may approve it.
refused 65 "3. an unknown product is refused" \
    pw "$ANI" loan -u ani apply 1 KREDIT 12.000.000 12
refused 65 "3. a term longer than the product's is refused" \
    pw "$ANI" loan -u ani apply 1 UMUM 12.000.000 25
refused 65 "3. an unknown member is refused" \
    pw "$ANI" loan -u ani apply 9 UMUM 12.000.000 12
expect_status 0 "3. ani takes Maria's application: Rp 12.000.000, 12 months" \
    pw_en "$ANI" loan -u ani apply 1 UMUM 12.000.000 12
like "3. it is loan 1201.1" "$T/out" '^loan 1201\.1: applied for'
is "3. loan show: applied" "$(field 1 State)" applied
refused 65 "3. disbursing before approval is refused" \
    pw "$ANI" loan -u ani disburse 1
pw_en "$ANI" loan -u ani disburse 1 2>"$T/err" >/dev/null
like "3. and says it is not approved" "$T/err" 'not approved'
refused 77 "3. a teller may not approve" \
    pw "$BUDI" loan -u budi approve 1
expect_status 0 "3. sisi takes Yohanes's application herself" \
    pw "$SISI" loan -u sisi apply 2 MIKRO 1.000.000 6
refused 77 "3. the maker cannot approve their own loan" \
    pw "$SISI" loan -u sisi approve 2
pw_en "$SISI" loan -u sisi approve 2 2>"$T/err" >/dev/null
like "3. and is told another must" "$T/err" 'another user'
expect_status 0 "3. the manager approves it" \
    pw_en "$MIRA" loan -u mira approve 2
like "3. and is named" "$T/out" '^loan 1201\.2: approved by mira$'
expect_status 0 "3. sisi approves Maria's" pw "$SISI" loan -u sisi approve 1
en loan show 1 >"$T/show"
like "3. loan show names the applicant" "$T/show" '^Applied +2026-07-01 by ani$'
like "3. and the approver" "$T/show" '^Approved +2026-07-01 by sisi$'
refused 65 "3. approving twice is refused" \
    pw "$MIRA" loan -u mira approve 1

# ---------------------------------------------------------------------
# 4. Disbursement: Maria's in cash, less 2% of fees; Yohanes's to his
# sukarela, the fees paid in cash.
cash0=$(trial 1101)
expect_status 0 "4. ani pays Maria's loan out in cash" \
    pw_en "$ANI" loan -u ani disburse 1
cp "$T/out" "$T/receipt-disburse"
like "4. the receipt is titled" "$T/receipt-disburse" '^LOAN DISBURSEMENT$'
like "4. the loan goes up by Rp 12.000.000" \
    "$T/receipt-disburse" '^Loan 1201\.1 +\+Rp 12\.000\.000$'
like "4. the fees are Rp 240.000" "$T/receipt-disburse" \
    'Rp 240\.000$'
like "4. Rp 11.760.000 is paid over the counter" "$T/receipt-disburse" \
    '^Net +Rp 11\.760\.000$'
like "4. the receipt says gross and what was kept back" \
    "$T/receipt-disburse" '^Gross +Rp 12\.000\.000$'
like "4. the fees kept back" "$T/receipt-disburse" \
    '^Kept back +-Rp 240\.000$'
is "4. in words" "$(words "$T/receipt-disburse")" \
    "sebelas juta tujuh ratus enam puluh ribu rupiah"
is "4. the loans (1201) are Rp 12.000.000" "$(trial 1201)" 12000000.00
is "4. fees (4102) Rp 240.000" "$(trial 4102)" 240000.00
is "4. the drawer paid out Rp 11.760.000" "$(trial 1101)" \
    "$(echo "$cash0" | awk '{ printf "%.2f", $1 - 11760000 }')"
refused 65 "4. disbursing twice is refused" pw "$ANI" loan -u ani disburse 1
expect_status 0 "4. Yohanes's loan goes to his sukarela" \
    pw_en "$ANI" loan -s -u ani disburse 2
is "4. loans now Rp 13.000.000" "$(trial 1201)" 13000000.00
is "4. fees Rp 260.000" "$(trial 4102)" 260000.00
is "4. the drawer took Yohanes's Rp 20.000 of fees" "$(trial 1101)" \
    "$(echo "$cash0" | awk '{ printf "%.2f", $1 - 11760000 + 20000 }')"
en loan schedule 1 >"$T/sched"
is "4. the schedule has 12 instalments and a total" \
    "$(grep -c '^ *[0-9]' "$T/sched")" 12
like "4. the first falls due on 2026-08-01: Rp 1.000.000 + Rp 180.000" \
    "$T/sched" '^ +1 +2026-08-01 +Rp 1\.000\.000 +Rp 180\.000 +Rp 1\.180\.000 +Rp 0$'
like "4. the last: Rp 1.000.000 + Rp 15.000" "$T/sched" \
    '^ +12 +2027-07-01 +Rp 1\.000\.000 +Rp 15\.000 '
like "4. the interest adds up to Rp 1.170.000" "$T/sched" \
    'total +Rp 12\.000\.000 +Rp 1\.170\.000 +Rp 13\.170\.000$'
expect_status 0 "4. ani closes her drawer" close_drawer

# ---------------------------------------------------------------------
# 5. A month of ends of day: the first instalment falls due, unpaid.
ok "5. the days close until 2026-08-04" eod_until 2026-08-04
en loan show 1 >"$T/show"
like "5. Maria's loan is 3 days past due" "$T/show" '^Days past due +3$'
like "5. special mention (dalam perhatian khusus)" "$T/show" \
    '^Collectability +special mention$'
like "5. 3 days of 0.1% of Rp 1.180.000" "$T/show" '^Penalty +Rp 3\.540$'
like "5. the payoff" "$T/show" '^Payoff +Rp 12\.183\.540$'
"$LOKET" -d "$D" loan list >"$T/list-id"
like "5. loan list in Indonesian names the class" "$T/list-id" \
    '^1201\.1 +MOF-000001 +UMUM .* 3 dalam perhatian khusus$'
like "5. Yohanes's is late too" "$T/list-id" '^1201\.2 +MOF-000002 '

# ---------------------------------------------------------------------
# 6. Repayments.
refused 65 "6. a repayment above the payoff is refused" \
    pw "$ANI" loan -s -u ani repay 1 12.183.541
pw_en "$ANI" loan -s -u ani repay 1 50.000.000 2>"$T/err" >/dev/null
like "6. and says the payoff that settles it" "$T/err" \
    'Rp 50\.000\.000 .*payoff.*Rp 12\.183\.540 .* 1201\.1'
refused 65 "6. in cash with her drawer closed, refused" \
    pw "$ANI" loan -u ani repay 1 1.000.000
refused 65 "6. a repayment of no such loan is refused" \
    pw "$ANI" loan -s -u ani repay 7 1.000
expect_status 0 "6. Maria pays Rp 1.000.000 from her sukarela" \
    pw_en "$ANI" loan -s -u ani repay 1 1.000.000
cp "$T/out" "$T/receipt-repay"
like "6. the receipt is titled" "$T/receipt-repay" '^LOAN REPAYMENT RECEIPT$'
like "6. the penalty first: Rp 3.540" "$T/receipt-repay" \
    '^Penalty +\+Rp 3\.540$'
like "6. then the interest: Rp 180.000" "$T/receipt-repay" \
    '^Loan interest +\+Rp 180\.000$'
like "6. then principal: the loan goes down Rp 816.460" "$T/receipt-repay" \
    '^Loan 1201\.1 +-Rp 816\.460$'
like "6. and says what is left" "$T/receipt-repay" \
    '^loan 1201\.1: active, outstanding Rp 11\.183\.540$'
is "6. the loans are Rp 12.183.540" "$(trial 1201)" 12183540.00
is "6. interest (4101) Rp 180.000" "$(trial 4101)" 180000.00
is "6. penalties (4103) Rp 3.540" "$(trial 4103)" 3540.00
is "6. still 3 days past due: Rp 183.540 of the instalment is unpaid" \
    "$(field 1 'Days past due')" 3
expect_status 0 "6. ani opens her drawer" pw "$ANI" drawer -u ani open 0
is "6. in cash the counter asks Rp 183.600 (cash.rounding Rp 100)" \
    "$(field 1 'To pay in cash')" "Rp 183.600"
expect_status 0 "6. Maria pays the rest in cash: Rp 183.540 typed" \
    pw_en "$ANI" loan -u ani repay 1 183.540
like "6. the receipt: net, what the instalment took" "$T/out" \
    '^Net +Rp 183\.540$'
like "6. the rounding up to Rp 100" "$T/out" '^Cash rounding +\+Rp 60$'
like "6. and the cash counted, Rp 183.600" "$T/out" \
    '^Cash received +Rp 183\.600$'
is "6. now current" "$(field 1 'Days past due')" 0
is "6. lancar" "$(field 1 Collectability)" current
is "6. the drawer holds Rp 183.600" "$(trial 1101)" 183600.00
is "6. the Rp 60 is rounding income (4902)" "$(trial 4902)" 60.00

# ---------------------------------------------------------------------
# 7. Write-off and recovery, and who may.
refused 77 "7. a teller may not write a loan off" \
    pw "$ANI" loan -u ani writeoff 2
refused 77 "7. nor a supervisor" pw "$SISI" loan -u sisi writeoff 2
refused 65 "7. Yohanes cannot leave with a loan running" \
    pw "$ANI $SISI" member -u ani -A sisi leave 2
expect_status 0 "7. the manager writes Yohanes's loan off" \
    pw_en "$MIRA" loan -u mira writeoff 2
like "7. and it is written off" "$T/out" \
    '^loan 1201\.2: written off, outstanding Rp 0$'
is "7. its Rp 1.000.000 is expense (5202)" "$(trial 5202)" 1000000.00
is "7. the loans are Maria's Rp 11.000.000" "$(trial 1201)" 11000000.00
refused 65 "7. a written-off loan takes no repayment" \
    pw "$ANI" loan -u ani repay 2 10.000
refused 65 "7. a recovery above what was written off is refused" \
    pw "$ANI" loan -u ani recover 2 1.000.001
expect_status 0 "7. Yohanes brings Rp 250.000 in cash" \
    pw_en "$ANI" loan -u ani recover 2 250.000
like "7. the receipt" "$T/out" '^LOAN RECOVERY RECEIPT$'
is "7. as other income (4901)" "$(trial 4901)" 250000.00
en loan show 2 >"$T/show2"
like "7. loan show: recovered" "$T/show2" '^Recovered +Rp 250\.000$'
like "7. loan show: the amount written off" "$T/show2" \
    '^Amount written off +Rp 1\.000\.000$'

# ---------------------------------------------------------------------
# 8. The payoff: all the principal, with no interest not yet due.
expect_status 0 "8. Maria pays Rp 1.665.000 early in cash" \
    pw_en "$ANI" loan -u ani repay 1 1.665.000
like "8. instalment 2 in advance, and Rp 500.000 more: principal" \
    "$T/out" '^Loan 1201\.1 +-Rp 1\.500\.000$'
like "8. and instalment 2's interest" "$T/out" \
    '^Loan interest +\+Rp 165\.000$'
en loan show 1 >"$T/show"
is "8. still current" "$(field 1 Collectability)" current
en loan schedule 1 >"$T/sched2"
like "8. the schedule shows the payment in advance" "$T/sched2" \
    '^ +2026-08-04 +in advance, #2 +Rp 1\.165\.000$'
like "8. and the prepayment, in the principal column" "$T/sched2" \
    '^ +2026-08-04 +Rp 500\.000 +prepayment +Rp 500\.000$'
like "8. instalment 2 is paid" "$T/sched2" \
    '^ +2 +2026-09-01 +Rp 1\.000\.000 +Rp 165\.000 +Rp 1\.165\.000 +Rp 1\.165\.000$'
like "8. the instalments after it shrink: Rp 950.000 a month" \
    "$T/sched2" '^ +3 +2026-10-01 +Rp 950\.000 +Rp 142\.500 '
like "8. the last takes the rest" "$T/sched2" \
    '^ +12 +2027-07-01 +Rp 950\.000 '
like "8. the principal column still adds up to the loan" "$T/sched2" \
    '^ +total +Rp 12\.000\.000 '
is "8. the payoff is the principal outstanding" "$(field 1 Payoff)" \
    "Rp 9.500.000"
expect_status 0 "8. Maria pays it off in cash" \
    pw_en "$ANI" loan -u ani repay 1 payoff
like "8. the receipt's cash" "$T/out" '^Cash received +Rp 9\.500\.000$'
like "8. the loan is closed" "$T/out" \
    '^loan 1201\.1: closed, outstanding Rp 0$'
is "8. loans (1201) Rp 0" "$(trial 1201)" 0.00
is "8. interest of instalments 1 and 2 only: Rp 345.000" "$(trial 4101)" \
    345000.00
refused 65 "8. a closed loan takes no repayment" \
    pw "$ANI" loan -u ani repay 1 1.000
en loan list >"$T/list"
like "8. loan list: closed" "$T/list" '^1201\.1 +MOF-000001 +UMUM +closed '
like "8. loan list: written off" "$T/list" \
    '^1201\.2 +MOF-000002 +MIKRO +written off '
expect_status 0 "8. ani closes her drawer" close_drawer
ok "8. the days close on to 2026-08-06" eod_until 2026-08-06
expect_status 0 "8. loket verify passes" loket verify
like "8. every balance agrees" "$T/out" '.'

done_testing
