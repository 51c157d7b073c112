#!/bin/sh
# Cash in the drawer's unit (issue 15, items 3 and 12): with cash.rounding
# at its default Rp 100, a cash amount typed at the counter that is not
# a multiple of it is refused, saying so, and writes nothing (a deposit,
# a withdrawal, a loan repayment, cash from the vault, a drawer opening);
# the same amount between a member's own accounts is taken.  A sum loket
# computes is rounded: a disbursement's cash down, what is due on a loan
# up, the difference to 4902 (rounding income) to the rupiah.  Paying
# the rounded amount due settles the instalment: the loan is not late the
# next day.  The drawer closes with no difference, the books balance,
# and every receipt says gross and net and the cash counted.  At the
# console the repayment form offers the amount due rounded up.
. "${top_srcdir:-.}/tests/lib.sh"
need tmux

ADMIN=admin-pass
ANI=teller-pass-ani
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
field() {
	en loan show "$1" | sed -n "s/^$2  *//p"
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
eod_step() {
	pw_en "$SISI" eod -D "$(cat "$T/date")" -u sisi >"$T/eod" 2>&1 ||
	    return 1
	sed -n 's/.*business date now \([0-9-]*\)$/\1/p' "$T/eod" >"$T/date"
}
eod_until() {
	while [ "$(cat "$T/date")" != "$1" ]; do
		eod_step || return 1
	done
}

# ---------------------------------------------------------------------
# 1. A book, its users, the vault, ani's drawer, a member.
printf '%s\n' "$ADMIN" | loket init -a admin -B "Cabang Maumere" -b MOF \
    -c "Kopdit Sehati" -n "Maria Goreti" -D 2026-07-01 >/dev/null || {
	echo "Bail out! loket init failed"
	exit 1
}
echo 2026-07-01 >"$T/date"
for u in "ani teller Ani_Lestari $ANI" "sisi supervisor Sisilia_Nona $SISI" \
    "mira manager Mira_Wuwur $MIRA"; do
	set -- $u
	pw "$ADMIN $4" user -u admin add "$1" "$2" "$(echo "$3" | tr _ ' ')" \
	    >/dev/null
done
pw "$MIRA" ledger -u mira 1102 3901 100.000.000 >/dev/null
en setting >"$T/setting" 2>&1
like "1. cash.rounding is Rp 100 by default" "$T/setting" \
    '^cash\.rounding +Rp 100$'
refused 65 "1. a drawer opened with Rp 5.000.050 is refused" \
    pw "$ANI" drawer -u ani open 5.000.050
like "1. uang tunai dihitung dalam kelipatan Rp 100" "$T/err" \
    '^loket: drawer: uang tunai dihitung dalam kelipatan Rp 100$'
expect_status 0 "1. ani opens her drawer with Rp 5.000.000" \
    pw "$ANI" drawer -u ani open 5.000.000
expect_status 0 "1. Maria joins with Rp 500.000 of sukarela" \
    pw "$ANI" member -u ani add -k 5307014506850001 -n "Maria Lewar" -g P \
    -a "RT 01 RW 02" -v Nita -s 500.000
refused 65 "1. Rp 1.050 more from the vault is refused" \
    pw "$ANI" drawer -u ani in 1.050
cash0=$(trial 1101)
# plus AMOUNT: the drawer's first balance and AMOUNT, as the trial says.
plus() {
	echo "$cash0 $1" | awk '{ printf "%.2f", $1 + $2 }'
}

# ---------------------------------------------------------------------
# 2. Typed cash: a multiple of Rp 100, or refused.
refused 65 "2. a cash deposit of Rp 124.050 is refused" \
    pw "$ANI" deposit -u ani 1 sukarela 124.050
like "2. saying the cash is counted in multiples of Rp 100" "$T/err" \
    '^loket: deposit: uang tunai dihitung dalam kelipatan Rp 100$'
refused 65 "2. in English too" \
    pw_en "$ANI" deposit -u ani 1 wajib 124.050
like "2. cash is counted in multiples of Rp 100" "$T/err" \
    '^loket: deposit: cash is counted in multiples of Rp 100$'
is "2. Maria's sukarela is still Rp 500.000" \
    "$(trial 2101 | tr -d '-')" 500000.00
expect_status 0 "2. a deposit of Rp 124.000 is taken" \
    pw_en "$ANI" deposit -u ani 1 sukarela 124.000
cp "$T/out" "$T/receipt-deposit"
like "2. its receipt: gross" "$T/receipt-deposit" '^Gross +Rp 124\.000$'
like "2. net" "$T/receipt-deposit" '^Net +Rp 124\.000$'
like "2. the cash received" "$T/receipt-deposit" \
    '^Cash received +Rp 124\.000$'
unlike "2. no rounding line when nothing was rounded" \
    "$T/receipt-deposit" 'rounding'
is "2. in words, the cash" "$(words "$T/receipt-deposit")" \
    "seratus dua puluh empat ribu rupiah"
refused 65 "2. a withdrawal of Rp 10.050 is refused" \
    pw "$ANI" withdraw -u ani 1 10.050
like "2. with the same words" "$T/err" 'kelipatan Rp 100$'
# Between a member's own accounts no cash moves: nothing is rounded.
expect_status 0 "2. a transfer of Rp 124.050 from sukarela to wajib is taken" \
    pw_en "$ANI" transfer -u ani 1 124.050
cp "$T/out" "$T/receipt-transfer"
like "2. its receipt: gross Rp 124.050" "$T/receipt-transfer" \
    '^Gross +Rp 124\.050$'
like "2. net Rp 124.050" "$T/receipt-transfer" '^Net +Rp 124\.050$'
unlike "2. and no cash line" "$T/receipt-transfer" '^Cash'
is "2. sukarela Rp 499.950 (500.000 + 124.000 - 124.050)" \
    "$(trial 2101 | tr -d '-')" 499950.00
is "2. the drawer took Rp 124.000" "$(trial 1101)" "$(plus 124000)"
is "2. nothing is rounding yet" "$(trial 4902)" ""

# ---------------------------------------------------------------------
# 3. A loan whose sums are not whole hundreds: Rp 1.234.567 over 12
# months, declining, 1.5% a month, fees 1% + 1% deducted.
pw "$MIRA" loan -u mira -m declining -t 24 product UMUM "Pinjaman umum" \
    >/dev/null
pw "$ANI" loan -u ani apply 1 UMUM 1.234.567 12 >/dev/null
pw "$SISI" loan -u sisi approve 1 >/dev/null
expect_status 0 "3. the loan is disbursed in cash" \
    pw_en "$ANI" loan -u ani disburse 1
cp "$T/out" "$T/receipt-disburse"
# Fees: 1% of Rp 1.234.567 twice, Rp 12.346 each (rounded to the
# rupiah); net Rp 1.209.875, Rp 1.209.800 counted out, Rp 75 kept.
like "3. gross: the principal" "$T/receipt-disburse" '^Gross +Rp 1\.234\.567$'
like "3. kept back: the fees" "$T/receipt-disburse" \
    '^Kept back +-Rp 24\.692$'
like "3. net: what the member is owed" "$T/receipt-disburse" \
    '^Net +Rp 1\.209\.875$'
like "3. the rounding down to Rp 100" "$T/receipt-disburse" \
    '^Cash rounding +-Rp 75$'
like "3. the cash counted out" "$T/receipt-disburse" \
    '^Cash paid out +Rp 1\.209\.800$'
is "3. in words, the cash" "$(words "$T/receipt-disburse")" \
    "satu juta dua ratus sembilan ribu delapan ratus rupiah"
is "3. 4902 took the Rp 75" "$(trial 4902)" 75.00
is "3. the drawer paid out Rp 1.209.800" "$(trial 1101)" \
    "$(plus $((124000 - 1209800)))"
cash1=$(trial 1101 | cut -d. -f1)
expect_status 0 "3. ani closes her drawer: the count is the book" \
    pw_en "$ANI" drawer -u ani close $(count "$cash1")
like "3. with no difference" "$T/out" 'closed'
is "3. over/short (5301) is nothing" "$(trial 5301)" 0.00

# ---------------------------------------------------------------------
# 4. The first instalment, Rp 102.880 + Rp 18.519 = Rp 121.399, falls
# due on 2026-08-01; the counter asks Rp 121.400 in cash.
ok "4. the days close to 2026-08-01" eod_until 2026-08-01
expect_status 0 "4. ani opens her drawer again" \
    pw "$ANI" drawer -u ani open "$cash1"
is "4. what is due" "$(field 1 'Principal due')" "Rp 102.880"
is "4. interest due" "$(field 1 'Interest due')" "Rp 18.519"
is "4. to pay in cash: rounded up to Rp 100" "$(field 1 'To pay in cash')" \
    "Rp 121.400"
refused 65 "4. Rp 121.450 in cash is refused" \
    pw "$ANI" loan -u ani repay 1 121.450
like "4. in multiples of Rp 100" "$T/err" 'kelipatan Rp 100$'
expect_status 0 "4. Maria pays the Rp 121.400 asked" \
    pw_en "$ANI" loan -u ani repay 1 121.400
cp "$T/out" "$T/receipt-repay"
like "4. the receipt: interest" "$T/receipt-repay" \
    '^Loan interest +\+Rp 18\.519$'
like "4. principal" "$T/receipt-repay" '^Loan 1201\.1 +-Rp 102\.880$'
like "4. gross what the loan took" "$T/receipt-repay" '^Gross +Rp 121\.399$'
like "4. net the same" "$T/receipt-repay" '^Net +Rp 121\.399$'
like "4. the rounding up" "$T/receipt-repay" '^Cash rounding +\+Rp 1$'
like "4. the cash counted" "$T/receipt-repay" '^Cash received +Rp 121\.400$'
unlike "4. not a line of its own among the accounts" "$T/receipt-repay" \
    '^Cash rounding +\+Rp 1\.'
is "4. nothing is due now" "$(field 1 'Principal due')" "Rp 0"
is "4. 4902 has Rp 75 and Rp 1 more" "$(trial 4902)" 76.00
is "4. the drawer took Rp 121.400" "$(trial 1101)" \
    "$(echo "$cash1" | awk '{ printf "%.2f", $1 + 121400 }')"
expect_status 0 "4. ani closes her drawer: the count is the book" \
    pw_en "$ANI" drawer -u ani close $(count $((cash1 + 121400)))
is "4. over/short is nothing" "$(trial 5301)" 0.00
ok "4. the next day closes" eod_until 2026-08-02
is "4. the day after: not past due" "$(field 1 'Days past due')" 0
is "4. current" "$(field 1 Collectability)" current
en loan show 1 >"$T/show"
like "4. no penalty" "$T/show" '^Penalty +Rp 0$'

# ---------------------------------------------------------------------
# 5. At the console (80x24), the second instalment on 2026-09-01:
# Rp 102.880 + Rp 16.975 = Rp 119.855.  The form offers Rp 119.900, a
# sum the drawer can count; Enter, Enter, Enter pays it and settles the
# instalment.
ok "5. the days close to 2026-09-01" eod_until 2026-09-01
expect_status 0 "5. ani opens her drawer" \
    pw "$ANI" drawer -u ani open 1.000.000
is "5. to pay in cash" "$(field 1 'To pay in cash')" "Rp 119.900"
LOKET_LANG=en
console_start LOKET_BRANCH=MOF LOKET_IDLE=0
on_screen "5. the console opens" 'MOF Cabang Maumere'
type_text ani; keys Enter; type_text "$ANI"; keys Enter
type_text MOF-000001; keys Enter
on_screen "5. the member view" 'MOF-000001'
keys F11
on_screen "5. her loan" '^  1 +UMUM +Rp 1\.234\.567 '
type_text r
on_screen "5. what is due, and in cash" \
    'Due now: Rp 119\.855 \(of it penalty Rp 0\), in cash Rp 119\.900'
on_screen "5. the amount offered can be counted" 'Amount \(Rp\) +119\.900 *$'
keys Enter; keys Enter
on_screen "5. the confirmation says the cash" \
    'Repayment of loan 1201\.1: Rp 119\.900 in cash'
on_screen "5. and the split" \
    'Penalty Rp 0, interest Rp 16\.975, principal Rp 102\.880'
on_screen "5. and the rounding" 'Cash rounding Rp 45 \(income, 4902\)'
keys Enter
on_screen "5. the receipt: net" '^ +Net +Rp 119\.855 *$'
on_screen "5. the rounding" '^ +Cash rounding +\+Rp 45 *$'
on_screen "5. the cash received" '^ +Cash received +Rp 119\.900 *$'
keys Escape
console_stop
LOKET_LANG=id
is "5. 4902 has Rp 76 and Rp 45 more" "$(trial 4902)" 121.00
is "5. the drawer took Rp 119.900" "$(trial 1101)" 1119900.00
expect_status 0 "5. ani closes her drawer: the count is the book" \
    pw_en "$ANI" drawer -u ani close $(count 1119900)
is "5. over/short is nothing" "$(trial 5301)" 0.00
ok "5. the next day closes" eod_until 2026-09-02
is "5. the day after: not past due" "$(field 1 'Days past due')" 0
is "5. current" "$(field 1 Collectability)" current

# ---------------------------------------------------------------------
# 6. The books: they balance, and replay.
loket report -c trial >"$T/trial"
# Balances are natural: assets and expenses debit, the rest credit.
is "6. the trial balance's debits equal its credits" \
    "$(awk -F, 'NR > 1 { s += ($1 ~ /^[15]/ ? $NF : -$NF) }
    END { printf "%.2f", s }' "$T/trial")" 0.00
expect_status 0 "6. loket verify replays the journal" loket verify

done_testing
