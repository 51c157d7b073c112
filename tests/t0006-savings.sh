#!/bin/sh
# Members, savings and the teller's cash drawer, with end of day, at the
# counter through loket's commands: what a teller, a supervisor and an
# auditor would check (balances in loket member show, the trial balance,
# the receipt, exit statuses, loket verify).  Figures are domain.md's
# defaults: pokok Rp 100.000, wajib Rp 25.000 a month, sukarela minimum
# Rp 10.000, a teller's withdrawal limit Rp 5.000.000.
. "${top_srcdir:-.}/tests/lib.sh"

ADMIN=admin-pass
ANI=teller-pass-ani
BUDI=teller-pass-budi
SISI=super-pass-sisi
MIRA=manager-pass-mira

# saldo MEMBER KIND: "Rp ..." from loket member show (pokok, wajib,
# sukarela), or the wajib arrears line with KIND "arrears".
saldo() {
	if [ "$2" = arrears ]; then
		en member show "$1" | sed -n 's/^Wajib in arrears  *//p'
	else
		en member show "$1" | sed -n "s/^Simpanan $2  *//p"
	fi
}

# trial CODE: an account's balance from loket report -c trial (CSV).
trial() {
	loket report -c trial | awk -F, -v c="$1" '$1 == c { print $NF }'
}

# rp RUPIAH: as loket prints it, e.g. rp 1250000 -> Rp 1.250.000.
rp() {
	echo "Rp $(echo "$1" | sed -e ':a' \
	    -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|\.\)/\1.\2\3/' -e 'ta')"
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

# same_count DESCRIPTION: the journal has as many entries as at the last
# mark, i.e. the refusal before wrote nothing.
mark() {
	n_mark=$(entries)
}
same_count() {
	is "$1: nothing written" "$(entries)" "$n_mark"
}

# refused STATUS DESCRIPTION COMMAND...: exits STATUS and writes nothing.
refused() {
	local want=$1 desc=$2
	shift 2
	mark
	expect_status "$want" "$desc" "$@"
	same_count "$desc"
}

# ---------------------------------------------------------------------
# 1. Set-up: a book, its users, the vault's cash.
make_book
for u in "ani teller Ani_Lestari $ANI" "budi teller Budi_Lado $BUDI" \
    "sisi supervisor Sisilia_Nona $SISI" "mira manager Mira_Wuwur $MIRA"; do
	set -- $u
	expect_status 0 "1. admin adds $1 as $2" \
	    pw "$ADMIN $4" user -u admin add "$1" "$2" "$(echo "$3" | tr _ ' ')"
done
expect_status 0 "1. the manager funds the vault: ledger 1102 3901 100.000.000" \
    pw "$MIRA" ledger -u mira 1102 3901 100.000.000
is "1. the vault (1102) holds Rp 100.000.000" "$(trial 1102)" 100000000.00
is "1. against opening balances (3901)" "$(trial 3901)" 100000000.00
refused 77 "1. a teller may not post a ledger entry" \
    pw "$ANI" ledger -u ani 1102 3901 1.000.000
is "1. the vault still holds Rp 100.000.000" "$(trial 1102)" 100000000.00

# ---------------------------------------------------------------------
# 2. The teller's drawer.
refused 65 "2. before her drawer is open a teller cannot take a new member's cash" \
    pw_en "$ANI" member -u ani add -k 5307014506850001 -n "Maria Lewar" \
    -g P -a "RT 01 RW 02" -v Nita
like "2. and the message says to open the drawer" "$T/err" 'drawer'
expect_status 0 "2. ani opens her drawer with Rp 5.000.000 from the vault" \
    pw "$ANI" drawer -u ani open 5.000.000
like "2. and the drawer shows the cash" "$T/out" 'Rp 5\.000\.000'
refused 65 "2. opening the drawer twice is refused" \
    pw "$ANI" drawer -u ani open 1.000.000
is "2. the vault went down by Rp 5.000.000" "$(trial 1102)" 95000000.00
is "2. the tellers' cash (1101) went up by as much" "$(trial 1101)" 5000000.00
cash_ani=5000000

# ---------------------------------------------------------------------
# 3. Registering members: every refusal leaves the journal as it was.
GOOD_NIK=5307014506850001	# Sikka, a woman born 5 June 1985, serial 1
addm() {	# addm STATUS DESCRIPTION PATTERN [member add options...]
	local want=$1 desc=$2 pat=$3
	shift 3
	refused "$want" "$desc" pw_en "$ANI" member -u ani add \
	    -a "RT 01 RW 02" -v Nita "$@"
	like "$desc: the message says why" "$T/err" "$pat"
}
addm 65 "3. a NIK of 15 digits is refused" NIK \
    -k 530701450685001 -n "Maria Lewar" -g P
addm 65 "3. a NIK of 17 digits is refused" NIK \
    -k 53070145068500011 -n "Maria Lewar" -g P
addm 65 "3. a NIK with a letter in it is refused" NIK \
    -k 53070145O6850001 -n "Maria Lewar" -g P
addm 65 "3. a NIK with province 00 is refused" NIK \
    -k 0007014506850001 -n "Maria Lewar" -g P
addm 65 "3. a NIK with province 99 is refused" NIK \
    -k 9907014506850001 -n "Maria Lewar" -g P
addm 65 "3. a NIK born on 31 February is refused" NIK \
    -k 5307013102850001 -n "Yohanes Lewar" -g L
addm 65 "3. a NIK with day 72 (a woman's 32nd) is refused" NIK \
    -k 5307017201850001 -n "Maria Lewar" -g P
addm 65 "3. a NIK with serial 0000 is refused" NIK \
    -k 5307014506850000 -n "Maria Lewar" -g P
addm 65 "3. a man's gender on a woman's NIK is refused" 'gender' \
    -k "$GOOD_NIK" -n "Maria Lewar" -g L
addm 65 "3. a birth date (-B) that disagrees with the NIK is refused" 'birth' \
    -k "$GOOD_NIK" -n "Maria Lewar" -g P -B 1985-06-06
addm 65 "3. a name that is not valid UTF-8 is refused" 'name' \
    -k "$GOOD_NIK" -n "$(printf 'Maria \377Lewar')" -g P
long101=$(printf 'é%.0s' $(seq 101))	# 101 columns, 202 bytes
addm 65 "3. a name of 101 columns is refused" 'name' \
    -k "$GOOD_NIK" -n "$long101" -g P
addm 65 "3. a phone number with letters is refused" 'phone' \
    -k "$GOOD_NIK" -n "Maria Lewar" -g P -p 0812abc4567
addm 65 "3. a phone number of 7 digits is refused" 'phone' \
    -k "$GOOD_NIK" -n "Maria Lewar" -g P -p 0812345
addm 65 "3. a sukarela amount written 1,250,000 is refused" 'Rupiah' \
    -k "$GOOD_NIK" -n "Maria Lewar" -g P -s 1,250,000
addm 65 "3. a wajib amount of 12.50 is refused" 'Rupiah' \
    -k "$GOOD_NIK" -n "Maria Lewar" -g P -w 12.50

mark
expect_status 0 "3. Maria Lewar joins with -w 25.000 -s 50.000 (pokok taken)" \
    pw "$ANI" member -u ani add -k "$GOOD_NIK" -n "Maria Lewar" -g P \
    -B 1985-06-05 -a "RT 01 RW 02" -v Nita -p +6281234567890 \
    -w 25.000 -s 50.000
cp "$T/out" "$T/receipt-join"
is "3. one entry was written" "$(entries)" $((n_mark + 1))
seq_join=$((n_mark + 1))
like "3. the receipt carries the entry number" "$T/receipt-join" "MOF-$seq_join\$"
like "3. the receipt names the member number" "$T/receipt-join" 'MOF-000001'
like "3. the receipt has pokok Rp 100.000, paid in" "$T/receipt-join" \
    ' \+Rp 100\.000$'
like "3. the receipt has wajib Rp 25.000, paid in" "$T/receipt-join" \
    ' \+Rp 25\.000$'
like "3. the receipt's total is Rp 175.000" "$T/receipt-join" ' Rp 175\.000$'
is "3. in words" "$(words "$T/receipt-join")" \
    "seratus tujuh puluh lima ribu rupiah"
cash_ani=$((cash_ani + 175000))

addm 65 "3. the same NIK again is refused" 'registered already' \
    -k "$GOOD_NIK" -n "Maria Lewar Da Silva" -g P
is "3. member show: pokok Rp 100.000" "$(saldo 1 pokok)" "Rp 100.000"
is "3. member show: wajib Rp 25.000" "$(saldo 1 wajib)" "Rp 25.000"
is "3. member show: sukarela Rp 50.000" "$(saldo 1 sukarela)" "Rp 50.000"
is "3. member show: no wajib in arrears in the joining month" \
    "$(saldo 1 arrears)" "0 months (Rp 0)"
en member show MOF-000001 >"$T/show"
like "3. member show: the NIK" "$T/show" "^NIK +$GOOD_NIK\$"
like "3. member show: female, from the NIK" "$T/show" '^Gender +female$'
like "3. member show: born 1985-06-05" "$T/show" '^Born +1985-06-05$'
like "3. member show: joined on the business date" "$T/show" \
    '^Joined +2026-11-02$'
like "3. member show: the phone" "$T/show" '^Phone +\+6281234567890$'

expect_status 0 "3. Mélani Da Costa joins with pokok only" \
    pw "$ANI" member -u ani add -k 5307015512900002 -n "Mélani Da Costa" \
    -g P -a "Jl. Ahmad Yani 5" -v Beru
like "3. her receipt's total is Rp 100.000" "$T/out" '^[^ ].* +Rp 100\.000$'
is "3. in words" "$(words "$T/out")" \
    "seratus ribu rupiah"
cash_ani=$((cash_ani + 100000))
name100=$(printf 'é%.0s' $(seq 100))	# 100 columns, 200 bytes
expect_status 0 "3. a name of exactly 100 columns is accepted" \
    pw "$ANI" member -u ani add -k 5307011203800003 -n "$name100" -g L \
    -a "RT 03" -v Koting
cash_ani=$((cash_ani + 100000))
is "3. and member show gives it whole" \
    "$(en member show 3 | sed -n 's/^Name  *//p')" "$name100"

expect_status 0 "3. find by a name's prefix: mar" loket member find mar
like "3. finds Maria Lewar" "$T/out" '^MOF-000001 +Maria Lewar'
unlike "3. and not Mélani" "$T/out" 'MOF-000002'
expect_status 0 "3. find by any word of the name: lewar" loket member find lewar
like "3. finds Maria Lewar" "$T/out" '^MOF-000001 '
expect_status 0 "3. find in capitals: LEWAR" loket member find LEWAR
like "3. finds Maria Lewar" "$T/out" '^MOF-000001 '
expect_status 0 "3. find with the accent folded: melani" loket member find melani
like "3. finds Mélani" "$T/out" '^MOF-000002 +Mélani Da Costa'
expect_status 0 "3. find with the accent typed: Mél" loket member find Mél
like "3. finds Mélani" "$T/out" '^MOF-000002 '
expect_status 0 "3. find by two words' prefixes: da cos" loket member find "da cos"
like "3. finds Mélani Da Costa" "$T/out" '^MOF-000002 '
unlike "3. only her" "$T/out" 'MOF-00000[13]'
expect_status 0 "3. find by number: 2" loket member find 2
like "3. finds member 2" "$T/out" '^MOF-000002 '
expect_status 0 "3. find by number: MOF-000001" loket member find MOF-000001
like "3. finds member 1" "$T/out" '^MOF-000001 '
expect_status 0 "3. find by NIK" loket member find "$GOOD_NIK"
like "3. finds Maria Lewar" "$T/out" '^MOF-000001 +Maria Lewar'
expect_status 1 "3. find with no match exits 1" loket member find zebedeus

# ---------------------------------------------------------------------
# 4. Deposits.
refused 65 "4. a deposit before budi's drawer is open is refused" \
    pw_en "$BUDI" deposit -u budi 1 sukarela 50.000
like "4. and the message says to open the drawer" "$T/err" 'drawer'
mark
expect_status 0 "4. deposit Rp 1.250.000 to Maria's sukarela" \
    pw "$ANI" deposit -u ani 1 sukarela 1.250.000
cp "$T/out" "$T/receipt-dep"
is "4. one entry was written" "$(entries)" $((n_mark + 1))
like "4. the receipt carries the entry number" "$T/receipt-dep" \
    "MOF-$((n_mark + 1))\$"
like "4. the receipt's total is Rp 1.250.000" "$T/receipt-dep" \
    ' Rp 1\.250\.000$'
is "4. in words" "$(words "$T/receipt-dep")" \
    "satu juta dua ratus lima puluh ribu rupiah"
like "4. with the new balance, Rp 1.300.000" "$T/receipt-dep" \
    ' Rp 1\.300\.000$'
like "4. and the teller" "$T/receipt-dep" ': ani$'
cash_ani=$((cash_ani + 1250000))
is "4. member show: sukarela Rp 1.300.000" "$(saldo 1 sukarela)" \
    "Rp 1.300.000"
refused 65 "4. a deposit to pokok is refused" \
    pw "$ANI" deposit -u ani 1 pokok 100.000
refused 65 "4. a deposit to an unknown member is refused" \
    pw "$ANI" deposit -u ani 99 sukarela 100.000
for a in 0 -5000 abc 1.25.000 12.50 1,250,000 0.500 1.250.000,001 \
    99999999999999999999; do
	refused 65 "4. an amount of '$a' is refused" \
	    pw_en "$ANI" deposit -u ani -- 1 sukarela "$a"
	like "4. '$a': the message names the amount" "$T/err" \
	    ": $(echo "$a" | sed 's/\./\\./g'): "
done
refused 65 "4. -5000 without -- is refused as a negative amount" \
    pw "$ANI" deposit -u ani 1 sukarela -5000
like "4. saying so, not that -5 is an unknown option" "$T/err" \
    ': -5000: jumlah tidak boleh negatif$'
for a in "Rp 50.000" 50000 "Rp 1.000,00"; do
	expect_status 0 "4. an amount written '$a' is accepted" \
	    pw "$ANI" deposit -u ani 1 sukarela "$a"
done
is "4. Rp 1.000,00 is one thousand Rupiah" "$(words "$T/out")" \
    "seribu rupiah"
cash_ani=$((cash_ani + 101000))
is "4. member show: sukarela Rp 1.401.000" "$(saldo 1 sukarela)" \
    "Rp 1.401.000"
expect_status 0 "4. a wajib deposit of Rp 10.000 for Mélani" \
    pw "$ANI" deposit -u ani 2 wajib 10.000
cash_ani=$((cash_ani + 10000))
# The receipt tells the balance of the account paid into, not sukarela.
like "4. the wajib deposit's receipt tells her wajib balance" "$T/out" \
    "^Saldo wajib +$(saldo 2 wajib)\$"
unlike "4. and not her sukarela" "$T/out" '^Saldo sukarela'
expect_status 0 "4. a sukarela deposit of Rp 200.000 for Mélani" \
    pw "$ANI" deposit -u ani 2 sukarela 200.000
cash_ani=$((cash_ani + 200000))
mark
expect_status 0 "4. and a withdrawal of Rp 50.000 (reversed in 10.)" \
    pw "$ANI" withdraw -u ani 2 50.000
seq_wmel=$((n_mark + 1))
cash_ani=$((cash_ani - 50000))
is "4. member show: Mélani's sukarela Rp 150.000" "$(saldo 2 sukarela)" \
    "Rp 150.000"

# ---------------------------------------------------------------------
# 5. Withdrawals.
refused 65 "5. withdrawing past balance less minimum (Rp 1.391.100) is refused" \
    pw_en "$ANI" withdraw -u ani 1 1.391.100
like "5. because the minimum must stay" "$T/err" 'minimum'
expect_status 0 "5. withdrawing down to exactly the minimum (Rp 1.391.000)" \
    pw "$ANI" withdraw -u ani 1 1.391.000
like "5. the receipt's total is Rp 1.391.000" "$T/out" ' Rp 1\.391\.000$'
is "5. in words" "$(words "$T/out")" \
    "satu juta tiga ratus sembilan puluh satu ribu rupiah"
like "5. and the balance left is Rp 10.000" "$T/out" ' Rp 10\.000$'
# Issue 15, item 12: the words wrap, and every line stays within 40
# columns; the account moved is signed.
cp "$T/out" "$T/receipt-wd"
like "5. sukarela went down Rp 1.391.000" "$T/receipt-wd" ' -Rp 1\.391\.000$'
ok "5. every line of the receipt is 40 columns or less" \
    sh -c '[ "$(LC_ALL=C.UTF-8 wc -L <"$1")" -le 40 ]' sh "$T/receipt-wd"
cash_ani=$((cash_ani - 1391000))
is "5. member show: sukarela Rp 10.000" "$(saldo 1 sukarela)" "Rp 10.000"
refused 65 "5. then not even Rp 1 more" pw "$ANI" withdraw -u ani 1 1

expect_status 0 "5. a deposit of Rp 12.000.000" \
    pw "$ANI" deposit -u ani 1 sukarela 12.000.000
cash_ani=$((cash_ani + 12000000))
expect_status 0 "5. Rp 5.000.000, the teller's limit, needs no approval" \
    pw "$ANI" withdraw -u ani 1 5.000.000
cash_ani=$((cash_ani - 5000000))
is "5. member show: sukarela Rp 7.010.000" "$(saldo 1 sukarela)" \
    "Rp 7.010.000"
refused 77 "5. Rp 6.000.000, above the limit, is refused without approval" \
    pw_en "$ANI" withdraw -u ani 1 6.000.000
like "5. because a supervisor must approve" "$T/err" 'approval'
refused 77 "5. refused with a wrong approver password" \
    pw "$ANI wrong-password" withdraw -u ani -A sisi 1 6.000.000
refused 77 "5. refused with a teller (budi) as approver" \
    pw "$ANI $BUDI" withdraw -u ani -A budi 1 6.000.000
refused 77 "5. refused with the teller approving herself" \
    pw "$ANI $ANI" withdraw -u ani -A ani 1 6.000.000
mark
expect_status 0 "5. accepted with sisi (supervisor) approving" \
    pw "$ANI $SISI" withdraw -u ani -A sisi 1 6.000.000
is "5. one entry was written" "$(entries)" $((n_mark + 1))
like "5. the receipt's total is Rp 6.000.000" "$T/out" ' Rp 6\.000\.000$'
is "5. in words" "$(words "$T/out")" \
    "enam juta rupiah"
like "5. the receipt names the teller" "$T/out" ': ani$'
like "5. and who approved" "$T/out" ': sisi$'
cash_ani=$((cash_ani - 6000000))
is "5. member show: sukarela Rp 1.010.000" "$(saldo 1 sukarela)" \
    "Rp 1.010.000"
is "5. pokok untouched" "$(saldo 1 pokok)" "Rp 100.000"
is "5. wajib untouched" "$(saldo 1 wajib)" "Rp 25.000"

# ---------------------------------------------------------------------
# 6. Transfer sukarela to wajib, and wajib arrears.
expect_status 0 "6. transfer Rp 50.000 from sukarela to wajib" \
    pw "$ANI" transfer -u ani 1 50.000
like "6. the receipt's total is Rp 50.000" "$T/out" ' Rp 50\.000$'
like "6. with the sukarela left, Rp 960.000" "$T/out" ' Rp 960\.000$'
is "6. member show: sukarela Rp 960.000" "$(saldo 1 sukarela)" "Rp 960.000"
is "6. member show: wajib Rp 75.000" "$(saldo 1 wajib)" "Rp 75.000"
refused 65 "6. a transfer past the minimum (Rp 950.001) is refused" \
    pw "$ANI" transfer -u ani 1 950.001
is "6. Maria, paid ahead, has no arrears (not a negative sum)" \
    "$(saldo 1 arrears)" "0 months (Rp 0)"
is "6. Mélani owes the joining month less Rp 10.000" \
    "$(saldo 2 arrears)" "1 months (Rp 15.000)"
is "6. member 3 owes the joining month" \
    "$(saldo 3 arrears)" "1 months (Rp 25.000)"

# Arrears across months: a second book opened on 30 September.
D1=$D
D=$T/d2
printf '%s\n' "$ADMIN" | "$LOKET" -d "$D" init -a admin -B "Cabang Ende" \
    -b END -c "Kopdit Sehati" -n Admin -D 2026-09-30 >/dev/null
pw "$ADMIN $ANI" user -u admin add ani teller Ani >/dev/null
pw "$ADMIN $SISI" user -u admin add sisi supervisor Sisi >/dev/null
pw "$SISI" ledger -u sisi 1102 3901 10.000.000 >/dev/null
pw "$ANI" drawer -u ani open 1.000.000 >/dev/null
expect_status 0 "6. (book 2, 2026-09-30) Yohanes joins paying one month of wajib" \
    pw "$ANI" member -u ani add -k 5307011203800003 -n "Yohanes Bata" -g L \
    -a "RT 01" -v Onekore -w 25.000
expect_status 0 "6. (book 2) Klara joins paying pokok only" \
    pw "$ANI" member -u ani add -k 5307015203800004 -n "Klara Bata" -g P \
    -a "RT 01" -v Onekore
is "6. (book 2) in September Yohanes owes nothing" "$(saldo 1 arrears)" \
    "0 months (Rp 0)"
is "6. (book 2) and Klara September's Rp 25.000" "$(saldo 2 arrears)" \
    "1 months (Rp 25.000)"
# Her drawer: Rp 1.000.000 + Rp 125.000 + Rp 100.000.
expect_status 0 "6. (book 2) ani closes her drawer" \
    pw "$ANI" drawer -u ani close $(count 1225000)
expect_status 0 "6. (book 2) the supervisor closes 2026-09-30, a month's end" \
    pw "$SISI" eod -D 2026-09-30 -u sisi
like "6. (book 2) the business date is now 2026-10-01" "$T/out" '2026-10-01'
is "6. (book 2) in October Yohanes owes October: Rp 25.000" \
    "$(saldo 1 arrears)" "1 months (Rp 25.000)"
is "6. (book 2) and Klara September and October: Rp 50.000" \
    "$(saldo 2 arrears)" "2 months (Rp 50.000)"
is "6. (book 2) member show names those months" \
    "$(en member show 2 | sed -n 's/^Months unpaid  *//p')" "2026-09 2026-10"
pw "$ANI" drawer -u ani open 0 >/dev/null
expect_status 0 "6. (book 2) Klara pays Rp 30.000 of wajib" \
    pw "$ANI" deposit -u ani 2 wajib 30.000
is "6. (book 2) she still owes Rp 20.000, a part of one month" \
    "$(saldo 2 arrears)" "1 months (Rp 20.000)"
refused 65 "6. (book 2) a transfer from an empty sukarela is refused" \
    pw "$ANI" transfer -u ani 1 25.000
# Cash is counted in Rupiah notes and coins: a cash deposit with sen
# either is refused or has the sen in its words.
pw "$ANI" deposit -u ani 2 sukarela "Rp 1.000,50" >"$T/sen" 2>&1
st=$?
ok "6. (book 2) a cash deposit of Rp 1.000,50 is refused (65), or its words spell the 50 sen" \
    sh -c "[ $st -eq 65 ] || grep -q 'lima puluh sen' '$T/sen'"
sed 's/^/#   /' "$T/sen" | grep -E 'Rp|:' | head -5
expect_status 0 "6. (book 2) verify passes" loket verify
D=$D1

# ---------------------------------------------------------------------
# 7. Reversals.
mark
expect_status 0 "7. a deposit of Rp 100.000 to be reversed" \
    pw "$ANI" deposit -u ani 1 sukarela 100.000
seq_dep=$((n_mark + 1))
like "7. its receipt carries its number" "$T/out" "MOF-$seq_dep\$"
is "7. member show: sukarela Rp 1.060.000" "$(saldo 1 sukarela)" \
    "Rp 1.060.000"
refused 77 "7. the teller may not reverse it without approval" \
    pw_en "$ANI" reverse -u ani "$seq_dep"
like "7. because a supervisor must approve" "$T/err" 'approval'
refused 77 "7. nor with a wrong approver password" \
    pw "$ANI not-sisis-pass" reverse -u ani -A sisi "$seq_dep"
mark
expect_status 0 "7. with sisi approving, it is reversed" \
    pw "$ANI $SISI" reverse -u ani -A sisi "MOF-$seq_dep"
seq_rev=$((n_mark + 1))
is "7. one entry was written" "$(entries)" "$seq_rev"
like "7. the reversal's receipt says who approved" "$T/out" ': sisi$'
is "7. member show: sukarela back to Rp 960.000" "$(saldo 1 sukarela)" \
    "Rp 960.000"
refused 65 "7. reversing it again is refused" \
    pw "$ANI $SISI" reverse -u ani -A sisi "$seq_dep"
refused 65 "7. reversing the reversal is refused" \
    pw "$ANI $SISI" reverse -u ani -A sisi "$seq_rev"
refused 65 "7. reversing a member's registration is refused" \
    pw "$ANI $SISI" reverse -u ani -A sisi "$seq_join"
is "7. Maria is still a member with her pokok" "$(saldo 1 pokok)" \
    "Rp 100.000"
refused 65 "7. reversing an entry that does not exist is refused" \
    pw "$ANI $SISI" reverse -u ani -A sisi 99999

# ---------------------------------------------------------------------
# 8. Closing the drawer with a shortage.
expect_status 0 "8. drawer show" en drawer -u ani show
like "8. the drawer's book is $(rp $cash_ani)" "$T/out" \
    "open since 2026-11-02, cash $(rp $cash_ani)\$"
refused 65 "8. a count with a Rp 7.000 'note' is refused" \
    pw "$ANI" drawer -u ani close 100000x10 7000x1
refused 65 "8. a count with 0.5 pieces is refused" \
    pw "$ANI" drawer -u ani close 100000x0.5
expect_status 0 "8. ani takes Rp 1.000.000 out of her drawer to the vault" \
    pw "$ANI" drawer -u ani out 1.000.000
like "8. her drawer shows the rest" "$T/out" "$(rp $((cash_ani - 1000000)))\$"
cash_ani=$((cash_ani - 1000000))
refused 65 "8. but not more than she has" \
    pw "$ANI" drawer -u ani out "$(rp $((cash_ani + 1000)))"
vault0=$(trial 1102)
counted=$((cash_ani - 5000))
mark
expect_status 0 "8. ani counts Rp 5.000 less than the book: $(count $counted)" \
    pw_en "$ANI" drawer -u ani close $(count $counted)
like "8. the over/short account is Rp 5.000 short" "$T/out" 'Rp 5\.000'
is "8. one entry was written" "$(entries)" $((n_mark + 1))
is "8. report trial: over/short (5301) shows Rp 5.000" "$(trial 5301)" \
    5000.00
loket report trial >"$T/trial"
like "8. report trial in text: 5301 Rp 5.000" "$T/trial" \
    '^5301 .* Rp 5\.000$'
is "8. the vault got the counted cash" "$(trial 1102)" \
    "$(echo "$vault0" | awk -v c="$counted" '{ printf "%.2f", $1 + c }')"
is "8. the tellers' cash (1101) is empty" "$(trial 1101)" 0.00
expect_status 0 "8. drawer show" en drawer -u ani show
like "8. says the drawer is closed" "$T/out" 'closed, cash Rp 0$'
refused 65 "8. closing it again is refused" \
    pw "$ANI" drawer -u ani close 1000x1
refused 65 "8. ani cannot take a deposit with her drawer closed" \
    pw "$ANI" deposit -u ani 1 sukarela 10.000

# ---------------------------------------------------------------------
# 9. End of day.
expect_status 0 "9. budi opens his drawer with Rp 2.000.000" \
    pw "$BUDI" drawer -u budi open 2.000.000
cash_budi=2000000
# (-D names the day: without it eod closes the open day only once that
# day has begun on the machine's clock.)
refused 77 "9. a teller may not run eod" pw "$ANI" eod -D 2026-11-02 -u ani
refused 65 "9. eod is refused while budi's drawer is open" \
    pw_en "$MIRA" eod -D 2026-11-02 -u mira
like "9. and says the drawers are open" "$T/err" 'drawer'
refused 77 "9. a supervisor cannot force it" \
    pw "$SISI" eod -f -D 2026-11-02 -u sisi
mark
expect_status 0 "9. the manager forces it with -f" \
    pw_en "$MIRA" eod -f -D 2026-11-02 -u mira
like "9. 2026-11-02 is closed, forced" "$T/out" '2026-11-02 closed.*forced'
like "9. the business date is now 2026-11-03" "$T/out" \
    'business date now 2026-11-03'
is "9. one entry was written (no month end)" "$(entries)" $((n_mark + 1))
refused 0 "9. eod -D 2026-11-02 again does nothing" \
    pw_en "$MIRA" eod -D 2026-11-02 -u mira
like "9. and says it is closed already" "$T/out" '2026-11-02 is closed already'
refused 65 "9. eod -D 2026-11-04 is refused: 2026-11-03 is open" \
    pw "$MIRA" eod -D 2026-11-04 -u mira
expect_status 0 "9. budi's drawer stays open across the close" \
    en drawer -u budi show
like "9. with its cash" "$T/out" 'open since 2026-11-02, cash Rp 2\.000\.000$'
expect_status 0 "9. budi takes a deposit of Rp 40.000 on the new day" \
    pw "$BUDI" deposit -u budi 1 sukarela 40.000
like "9. the receipt is dated 2026-11-03" "$T/out" ' 2026-11-03 '
cash_budi=$((cash_budi + 40000))
is "9. member show: sukarela Rp 1.000.000" "$(saldo 1 sukarela)" \
    "Rp 1.000.000"
is "9. still November: Mélani's arrears unchanged" "$(saldo 2 arrears)" \
    "1 months (Rp 15.000)"

# ---------------------------------------------------------------------
# 10. A member resigns.
refused 77 "10. the teller may not let a member go without approval" \
    pw "$BUDI" member -u budi leave 1
refused 77 "10. nor with another teller approving" \
    pw "$BUDI $ANI" member -u budi -A ani leave 1
mark
expect_status 0 "10. with sisi approving, Maria resigns" \
    pw "$BUDI $SISI" member -u budi -A sisi leave 1
cp "$T/out" "$T/receipt-leave"
is "10. one entry was written" "$(entries)" $((n_mark + 1))
like "10. the payout is pokok + wajib + sukarela: Rp 1.175.000" \
    "$T/receipt-leave" ' Rp 1\.175\.000$'
is "10. in words" "$(words "$T/receipt-leave")" \
    "satu juta seratus tujuh puluh lima ribu rupiah"
like "10. the receipt says who approved" "$T/receipt-leave" ': sisi$'
cash_budi=$((cash_budi - 1175000))
en member show 1 >"$T/show"
like "10. member show: resigned" "$T/show" '^Status +resigned$'
like "10. member show: pokok Rp 0" "$T/show" '^Simpanan pokok +Rp 0$'
like "10. member show: wajib Rp 0" "$T/show" '^Simpanan wajib +Rp 0$'
like "10. member show: sukarela Rp 0" "$T/show" '^Simpanan sukarela +Rp 0$'
like "10. member show: nothing in arrears" "$T/show" \
    '^Wajib in arrears +0 months \(Rp 0\)$'
refused 65 "10. a deposit to her is refused" \
    pw_en "$BUDI" deposit -u budi 1 sukarela 10.000
like "10. because she has left" "$T/err" 'left'
refused 65 "10. a wajib deposit too" pw "$BUDI" deposit -u budi 1 wajib 25.000
refused 65 "10. and she cannot resign twice" \
    pw "$BUDI $SISI" member -u budi -A sisi leave 1
expect_status 0 "10. her history stays: find maria" loket member find maria
like "10. finds her" "$T/out" '^MOF-000001 +Maria Lewar'
is "10. pokok (3101) holds members 2 and 3's Rp 200.000" "$(trial 3101)" \
    200000.00
is "10. wajib (3102) holds Mélani's Rp 10.000" "$(trial 3102)" 10000.00
is "10. budi's cash is his drawer's" "$(trial 1101)" \
    "$(awk -v c="$cash_budi" 'BEGIN { printf "%.2f", c }')"
vault1=$(trial 1102)


# A reversal's cash changes hands at the counter of the teller who
# reverses: it moves in her own open drawer (or the reversal is refused),
# never in another teller's drawer that is closed and counted.
en drawer -u budi show >"$T/budi0"
pw "$BUDI $SISI" reverse -u budi -A sisi "$seq_wmel" >"$T/out" 2>"$T/err"
echo "# budi reverses ani's withdrawal $seq_wmel: exit $?"
expect_status 0 "10. ani's drawer after budi reversed her withdrawal" \
    en drawer -u ani show
like "10. ani's closed drawer still holds Rp 0" "$T/out" 'closed, cash Rp 0$'
en drawer -u budi show >"$T/budi1"
book_budi=$(sed -n 's/.*cash Rp \([0-9.]*\)$/\1/p' "$T/budi1" | tr -d .)
echo "# budi's drawer: $(cat "$T/budi0") -> $(cat "$T/budi1")"
expect_status 0 "10. budi closes his drawer Rp 2.000 over the book" \
    pw "$BUDI" drawer -u budi close $(count $((book_budi + 2000)))
is "10. over/short (5301) is now Rp 5.000 - Rp 2.000 = Rp 3.000" \
    "$(trial 5301)" 3000.00
is "10. the vault got what budi counted" "$(trial 1102)" \
    "$(echo "$vault1" | awk -v c=$((book_budi + 2000)) '{ printf "%.2f", $1 + c }')"
is "10. with every drawer closed the tellers' cash (1101) is Rp 0" \
    "$(trial 1101)" 0.00

# ---------------------------------------------------------------------
# 11. The books at the end.
expect_status 0 "11. loket verify passes" loket verify
loket report trial >"$T/trial"
debits=$(tail -1 "$T/trial" | grep -o 'Rp [0-9.]*' | sed -n 1p)
credits=$(tail -1 "$T/trial" | grep -o 'Rp [0-9.]*' | sed -n 2p)
is "11. the trial balance's debits equal its credits" "$debits" "$credits"
# And independently, from the CSV: assets and expenses (1, 5) against
# liabilities, equity and income (2, 3, 4).
sides=$(loket report -c trial | awk -F, 'NR > 1 {
	v = $NF * 100; if ($1 ~ /^[15]/) d += v; else c += v }
	END { printf "%.0f %.0f", d, c }')
is "11. CSV: assets + expenses = liabilities + equity + income" \
    "${sides% *}" "${sides#* }"
is "11. and the text's total is that figure" "$debits" "$(rp $((${sides% *} / 100)))"

done_testing
