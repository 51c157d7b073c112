#!/bin/sh
# loket import, for real.  The clean set is posted by an admin into a
# branch begun on the cutover date: the trial balance is the balance
# sheet, loket verify passes, the cutover day is closed, members have
# loket numbers and keep their old ones (member find), those without a
# NIK are listed by member list --incomplete.  The same set as Excel
# saves it gives the very same books.  Savings that do not add up are
# refused with both figures; --accept-difference is a manager's, and
# puts the difference in suspense.  A second import is refused with the
# date and user of the first; a teller, a wrong business date and a
# missing -u are refused; the dry run writes nothing; a kill -9 in the
# middle of a large import leaves nothing.  A loan imported mid-life,
# late, with its penalty, has the same schedule and standing as the same
# loan disbursed in loket and paid the same way, and both age and take
# repayments alike.
. "${top_srcdir:-.}/tests/lib.sh"

DATA=$top_srcdir/tests/data/import
ADMIN=admin-pass
MIRA=manager-pass-mira
ANI=teller-pass-ani
SISI=super-pass-sisi

# book DIR DATE: a new branch MOF begun on DATE in DIR (now $D), with
# mira the manager, sisi a supervisor and ani a teller.
book() {
	D=$1
	printf '%s\n' "$ADMIN" | loket init -a admin -B "Cabang Maumere" \
	    -b MOF -c "Kopdit Sehati" -n "Maria Goreti" -D "$2" >/dev/null &&
	    pw "$ADMIN $MIRA" user -u admin add mira manager "Mira Wuwur" &&
	    pw "$ADMIN $SISI" user -u admin add sisi supervisor "Sisi Nona" &&
	    pw "$ADMIN $ANI" user -u admin add ani teller "Ani Lestari" || {
		echo "Bail out! a new book in $1 failed"
		exit 1
	}
}
# The trial balance's accounts that are not zero: code and balance.
trial_nonzero() {
	loket report -c trial | awk -F, 'NR > 1 && $NF != "0.00" {
		print $1, $NF }'
}
trial() {
	loket report -c trial | awk -F, -v c="$1" '$1 == c { print $NF }'
}
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

# -- the clean set ------------------------------------------------------------

book "$T/clean" 2024-03-31
n0=$(entries)
expect_status 0 "the dry run passes" \
    en import -n -D 2024-03-31 "$DATA/clean"
is "the dry run writes nothing" "$(entries)" "$n0"
refused 64 "without -u: a usage error" \
    en import -D 2024-03-31 "$DATA/clean"
refused 77 "a teller may not import" \
    pw_en "$ANI" import -u ani -D 2024-03-31 "$DATA/clean"
like "the teller is told" "$T/err" "ani is not a manager or an admin"
refused 65 "a cutover that is not the business date is refused" \
    pw_en "$ADMIN" import -u admin -D 2024-03-30 "$DATA/clean"
like "and says which date the branch is at" "$T/err" \
    "business date of branch MOF is 2024-03-31, not the cutover 2024-03-30"
expect_status 0 "the dry run of the admin tries every entry" \
    pw_en "$ADMIN" import -n -u admin -D 2024-03-31 "$DATA/clean"
like "and says they would post" "$T/out" \
    "^Dry run: every check passed, and the 67 entries would post as admin; nothing written\.$"
is "it writes nothing either" "$(entries)" "$n0"
expect_status 0 "the admin imports the clean set" \
    pw_en "$ADMIN" import -u admin -D 2024-03-31 "$DATA/clean"
like "it says what came in" "$T/out" \
    "^Imported into branch MOF by admin: 50 members, 5 term deposits, 10 loans, 1 opening-balance entries"
like "members are numbered" "$T/out" \
    "^Members' numbers: MOF-000001 to MOF-000050"
like "the cutover day is closed" "$T/out" \
    "first business day on loket is 2024-04-01"
is "67 entries: opening, 50 members, 5 deposits, 10 loans, day close" \
    "$(entries)" $((n0 + 67))
expect_status 0 "loket verify passes" en verify

# The trial balance is the balance sheet, line for line.
trial_nonzero >"$T/trial"
cat >"$T/sheet" <<'EOF'
1102 25000000.00
1110 223856750.50
1201 55021250.00
1209 -1500000.00
2101 95103000.50
2102 45000000.00
2201 350000.00
3101 4600000.00
3102 128125000.00
3201 15000000.00
3301 10000000.00
3401 4200000.00
EOF
is "the trial balance is neraca.csv" "$(cat "$T/trial")" "$(cat "$T/sheet")"
is "nothing is left in 3901 (saldo awal)" "$(trial 3901)" "0.00"

# Members: loket numbers, the old ones kept, NIK belum ada listed.
en member list >"$T/members"
is "member list has the 50" "$(wc -l <"$T/members")" 50
en member list --incomplete >"$T/incomplete"
is "three members have no NIK" "$(wc -l <"$T/incomplete")" 3
like "member list --incomplete names them" "$T/incomplete" \
    "^MOF-000005  - +Antonius da Silva .* A-005 "
en member find A-007 >"$T/find"
like "member find finds a member by the old number" "$T/find" \
    '^MOF-000007  Yohanes "Anis" Bata'
en member show 5 >"$T/show"
like "member show: NIK belum ada" "$T/show" "^NIK +NIK belum ada$"
like "member show: the old number" "$T/show" "^Old number +A-005$"
en member show 1 >"$T/show"
like "A-001's wajib: no arrears from the old books, only April's" \
    "$T/show" "^Wajib in arrears +1 months \(Rp 25\.000\)$"
like "A-001's sukarela" "$T/show" "^Simpanan sukarela +Rp 183\.000$"
en loan show 4 >"$T/loan"
like "PJ-04, every instalment fallen due, is late" "$T/loan" \
    "^Days past due +[1-9][0-9]*$"
like "and owes its arrears" "$T/loan" "^Principal due +Rp 1\.000\.000$"
like "and its interest in arrears" "$T/loan" "^Interest due +Rp 75\.000$"
like "and its penalty, charged on from the cutover" "$T/loan" \
    "^Penalty +Rp 151\.075$"

# A second time: refused, with when and by whom.
refused 65 "a second import is refused" \
    pw_en "$MIRA" import -u mira -D 2024-03-31 "$DATA/clean"
like "it names the first: its date and user" "$T/err" \
    "imported on 2024-03-31 by admin"
refused 65 "even into the day after" \
    pw_en "$MIRA" import -u mira -D 2024-04-01 "$DATA/clean"

# Loans loket cannot continue as the old books say: the dry run lists
# them, and so does posting, which writes nothing.
mkdir "$T/odd"
cp "$DATA/clean/anggota.csv" "$DATA/clean/simpanan.csv" \
    "$DATA/clean/neraca.csv" "$T/odd/"
sed 's/^\(PJ-01,.*,2024-04-20,\),,$/\1,950.000,/;
    s/^\(PJ-02,A-006,flat,5.000.000,2,10,\)2024-03-05,/\12024-02-28,/' \
    "$DATA/clean/pinjaman.csv" >"$T/odd/pinjaman.csv"
book "$T/oddbook" 2024-03-31
refused 65 "loans loket cannot continue: refused" \
    pw_en "$ADMIN" import -u admin -D 2024-03-31 "$T/odd"
like "more interest in arrears than fell due" "$T/out" \
    "^pinjaman\.csv, row 2, column L \(tunggakan_jasa\): error: Rp 950\.000 of interest in arrears, but the 5 instalments fallen due hold only Rp 900\.000$"
like "a next instalment loket has falling due before the cutover" \
    "$T/out" "^pinjaman\.csv, row 3, column G \(tanggal_cair\): error: in loket's schedule, on the day of disbursement each month, instalment 1 falls due on 2024-03-28: not after the cutover$"
refused 65 "and the dry run says the same" \
    en import -n -D 2024-03-31 "$T/odd"
D=$T/clean

# -- the same set as Excel saves it --------------------------------------------

mkdir "$T/excel-files"
for f in anggota simpanan pinjaman neraca; do
	excel "$DATA/clean/$f.csv" "$T/excel-files/$f.csv"
done
clean_members=$(en member list)
book "$T/excel" 2024-03-31
expect_status 0 "the Excel set is imported" \
    pw_en "$MIRA" import -u mira -D 31/03/2024 "$T/excel-files"
is "its trial balance is the clean set's" "$(trial_nonzero)" \
    "$(cat "$T/trial")"
is "its members are the clean set's" "$(en member list)" "$clean_members"
for n in 1 3 4 8 9; do
	is "loan $n's schedule is the clean set's" \
	    "$(en loan schedule $n)" "$(D=$T/clean; en loan schedule $n)"
done
expect_status 0 "loket verify passes" en verify

# -- savings that do not add up ---------------------------------------------

mkdir "$T/short"
cp "$DATA/clean/anggota.csv" "$DATA/clean/simpanan.csv" \
    "$DATA/clean/pinjaman.csv" "$T/short/"
sed 's/^2101,Simpanan sukarela,,"95.103.000,50"$/2101,Simpanan sukarela,,"96.103.000,50"/;
    s/^1110,Bank NTT,"223.856.750,50",$/1110,Bank NTT,"224.856.750,50",/' \
    "$DATA/clean/neraca.csv" >"$T/short/neraca.csv"
book "$T/suspense" 2024-03-31
refused 65 "savings short of the balance sheet are refused" \
    pw_en "$MIRA" import -u mira -D 2024-03-31 "$T/short"
like "with both figures and the difference" "$T/out" \
    "2101 simpanan sukarela: the rows add up to Rp 95\.103\.000,50, the balance sheet says Rp 96\.103\.000,50: a difference of -Rp 1\.000\.000"
refused 77 "--accept-difference by an admin is refused" \
    pw_en "$ADMIN" import --accept-difference -u admin -D 2024-03-31 \
    "$T/short"
like "it is a manager's decision" "$T/err" "manager's decision"
expect_status 0 "the manager accepts the difference" \
    pw_en "$MIRA" import --accept-difference -u mira -D 2024-03-31 \
    "$T/short"
like "the report says where it went" "$T/out" \
    "^Accepted by mira: Rp 1\.000\.000 to the suspense account 2902\.$"
is "the suspense account holds it" "$(trial 2902)" "1000000.00"
is "sukarela is the members' own" "$(trial 2101)" "95103000.50"
is "the bank is the balance sheet's" "$(trial 1110)" "224856750.50"
en export csv >"$T/export" 2>&1
like "the opening entry is the manager's, with the difference" \
    "$T/export" "^MOF,[0-9]*,2024-03-31,[^,]*,mira,import-opening,,2902,"
expect_status 0 "loket verify passes" en verify

# -- a kill -9 in the middle ---------------------------------------------------

# A large set, checked (-n) and imported once to time both; then again,
# killed halfway between the end of the checks and the end of the
# import, when it is posting.
"$top_srcdir/tests/tools/import-gen.sh" "$T/big" 30000 6000
book "$T/timed" 2024-03-31
t0=$(date +%s%N)
en import -n -D 2024-03-31 "$T/big" >/dev/null 2>&1
t1=$(date +%s%N)
printf '%s\n' "$ADMIN" | "$LOKET" -d "$D" import -u admin -D 2024-03-31 \
    "$T/big" >/dev/null 2>&1
t2=$(date +%s%N)
is "a large set: 30000 members, 6000 loans" "$(en member list | wc -l)" 30000
check_ms=$(((t1 - t0) / 1000000))
post_ms=$(((t2 - t1) / 1000000 - check_ms))
book "$T/killed" 2024-03-31
n1=$(entries)
printf '%s\n' "$ADMIN" | "$LOKET" -d "$T/killed" import -u admin \
    -D 2024-03-31 "$T/big" >/dev/null 2>&1 &
pid=$!
sleep "$(awk -v a="$check_ms" -v b="$post_ms" \
    'BEGIN { printf "%.3f", (a + b / 2) / 1000 }')"
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
st=$?
is "the import was killed ($check_ms ms checking, $post_ms ms posting)" \
    "$st" 137
is "a killed import leaves the journal as it was" "$(entries)" "$n1"
expect_status 0 "loket verify passes after the kill" en verify
is "and no member" "$(en member list | wc -l)" 0
expect_status 0 "the same import then goes through" \
    pw_en "$ADMIN" import -u admin -D 2024-03-31 "$T/big"
is "30000 members" "$(en member list | wc -l)" 30000
expect_status 0 "loket verify passes" en verify

# -- a loan imported mid-life against the same loan lived in loket -------------

# standing: what loket loan show says of where loan 1 stands.
standing() {
	en loan show 1 | grep -E '^(Principal|Term|Disbursed|Outstanding|Interest due|Principal due|Penalty|Days past due|Collectability|Provision|Payoff|Next instalment|Principal paid|Penalty paid) '
}

# Lived: disbursed 2024-01-15, flat, Rp 6.000.000, 1.5%, 6 months; the
# first instalment paid on its day, the second not at all.
book "$T/lived" 2024-01-15
echo 2024-01-15 >"$T/date"
pw "$MIRA" ledger -u mira 1102 3901 100.000.000 >/dev/null
pw "$ANI" drawer -u ani open 5.000.000 >/dev/null
pw "$ANI" member -u ani add -k 5307014506850001 -n "Maria Lewar" -g P \
    -a "RT 01" -v Nita -s 3.000.000 >/dev/null
pw "$ANI" drawer -u ani close 100000x81 >/dev/null
pw "$MIRA" loan -u mira -m flat -r 150 -F 0 -P 0 -t 12 product FLAT \
    "Pinjaman flat" >/dev/null
pw "$ANI" loan -u ani apply 1 FLAT 6.000.000 6 >/dev/null
pw "$SISI" loan -u sisi approve 1 >/dev/null
expect_status 0 "lived: the loan is disbursed to sukarela" \
    pw "$ANI" loan -s -u ani disburse 1
expect_status 0 "lived: ends of day to the first instalment" \
    eod_until 2024-02-15
expect_status 0 "lived: the first instalment paid" \
    pw "$ANI" loan -s -u ani repay 1 1.090.000
expect_status 0 "lived: ends of day to the cutover" eod_until 2024-03-31
en loan show 1 >"$T/lived-cutover"
like "lived: at the cutover the second instalment is late" \
    "$T/lived-cutover" "^Days past due +16$"
like "lived: with Rp 17.440 of penalty" "$T/lived-cutover" \
    "^Penalty +Rp 17\.440$"
expect_status 0 "lived: the cutover day closed" eod_until 2024-04-01

# Imported: the old books say the same on 2024-03-31.
mkdir "$T/one"
cat >"$T/one/anggota.csv" <<'EOF'
no_lama,nama,nik,jenis_kelamin,tanggal_lahir,alamat,desa,telepon,tanggal_masuk,status
M-1,Maria Lewar,5307014506850001,P,1985-06-05,RT 01,Nita,,2024-01-15,aktif
EOF
cat >"$T/one/simpanan.csv" <<'EOF'
no_lama,jenis,saldo,tunggakan_wajib_bulan,jangka_bulan,bunga_tahun_persen,tanggal_buka
M-1,pokok,100.000,,,,
M-1,sukarela,7.910.000,,,,
EOF
cat >"$T/one/pinjaman.csv" <<'EOF'
no_pinjaman_lama,no_lama,metode,pokok_awal,bunga_bulan_persen,jangka_bulan,tanggal_cair,sisa_pokok,angsuran_ke_berikut,tanggal_jatuh_tempo_berikut,tunggakan_pokok,tunggakan_jasa,denda
L-1,M-1,flat,6.000.000,1.5,6,2024-01-15,5.000.000,3,2024-04-15,1.000.000,90.000,17.440
EOF
book "$T/imported" 2024-03-31
expect_status 0 "imported: the same loan from the old books" \
    pw_en "$MIRA" import -u mira -D 2024-03-31 "$T/one"
is "the same schedule, paid alike" "$(en loan schedule 1)" \
    "$(D=$T/lived; en loan schedule 1)"
is "the same standing on 2024-04-01" "$(standing)" \
    "$(D=$T/lived; standing)"
# Both age alike to past the third instalment, and take a repayment alike.
echo 2024-04-01 >"$T/date"
expect_status 0 "imported: ends of day to 2024-04-20" eod_until 2024-04-20
D=$T/lived
echo 2024-04-01 >"$T/date"
expect_status 0 "lived: ends of day to 2024-04-20" eod_until 2024-04-20
lived_standing=$(standing)
D=$T/imported
is "the same standing on 2024-04-20" "$(standing)" "$lived_standing"
expect_status 0 "imported: a repayment of Rp 2.500.000" \
    pw "$ANI" loan -s -u ani repay 1 2.500.000
D=$T/lived
expect_status 0 "lived: the same repayment" \
    pw "$ANI" loan -s -u ani repay 1 2.500.000
lived_standing=$(standing)
lived_schedule=$(en loan schedule 1)
D=$T/imported
is "the same standing after it" "$(standing)" "$lived_standing"
is "the same schedule after it" "$(en loan schedule 1)" "$lived_schedule"
expect_status 0 "loket verify passes" en verify

done_testing
