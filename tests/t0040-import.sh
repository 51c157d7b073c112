#!/bin/sh
# loket import's dry run.  The clean set (50 members, every kind of
# savings, 10 loans of the three methods at various points of their
# life, a balance sheet that reconciles) passes with its notices; the
# same set as Indonesian Excel saves it (semicolons, a byte-order mark,
# CRLF, 31/03/2024 dates, "Rp" amounts, capitalised headers) gives the
# very same report; the messy set has every one of its faults listed
# with file, row, column and reason in one run, and nothing is written.
# Savings that do not add up to the balance sheet show both figures;
# --accept-difference lets them through to suspense.  The templates'
# example rows pass the checks themselves.
. "${top_srcdir:-.}/tests/lib.sh"

DATA=$top_srcdir/tests/data/import
CR=$(printf '\r')

printf 'admin-pass\n' | loket init -a admin -B "Cabang Maumere" -b MOF \
    -c "Kopdit Sehati" -n "Maria Goreti" -D 2024-04-01 >/dev/null || {
	echo "Bail out! loket init failed"
	exit 1
}
n0=$(entries)

# written: the journal has not grown.
written() {
	is "$1: nothing written" "$(entries)" "$n0"
}

# -- templates ---------------------------------------------------------------

expect_status 0 "loket import --template anggota" \
    loket import --template anggota
is "the anggota template's header" "$(sed -n 1p "$T/out")" \
    "no_lama,nama,nik,jenis_kelamin,tanggal_lahir,alamat,desa,telepon,tanggal_masuk,status"
is "the anggota template has one example row" "$(wc -l <"$T/out")" 2
mkdir "$T/tmpl"
for f in anggota simpanan pinjaman; do
	loket import --template $f >"$T/tmpl/$f.csv"
done
is "the pinjaman template's header" "$(sed -n 1p "$T/tmpl/pinjaman.csv")" \
    "no_pinjaman_lama,no_lama,metode,pokok_awal,bunga_bulan_persen,jangka_bulan,tanggal_cair,sisa_pokok,angsuran_ke_berikut,tanggal_jatuh_tempo_berikut,tunggakan_pokok,tunggakan_jasa,denda"
expect_status 0 "the templates' example rows pass every check" \
    en import -n -D 2024-03-31 "$T/tmpl"
like "the example loan is imported" "$T/out" \
    "^Loans: 1 \(flat 1, menurun 0, anuitas 0\); 1 in arrears\.$"
loket import --template neraca >"$T/neraca"
is "the neraca template starts with its header" "$(sed -n 1p "$T/neraca")" \
    "kode_akun,nama_akun,debit,kredit"
loket report -c trial >"$T/trial"
sed 1d "$T/neraca" | while IFS=, read -r code name dr cr; do
	grep -qx "$code,\"$name\",.*" "$T/trial" || echo "$code $name"
done >"$T/unknown"
is "every account the neraca template lists is in loket's chart" \
    "$(cat "$T/unknown")" ""
unlike "the neraca template leaves out the tellers' drawers" "$T/neraca" \
    "^1101,"
expect_status 0 "a template needs no data folder" \
    "$LOKET" -d "$T/nowhere" import --template simpanan
expect_status 64 "an unknown template" loket import --template saldo
like "an unknown template: says which exist" "$T/err" \
    "anggota, simpanan, pinjaman"

# -- usage -------------------------------------------------------------------

expect_status 64 "no cutover date" loket import -n "$DATA/clean"
expect_status 64 "no files" loket import -n -D 2024-03-31
expect_status 64 "a cutover that is not a date" \
    loket import -n -D 2024-02-30 "$DATA/clean"
expect_status 64 "an unknown long option" loket import --dry-run
like "an unknown long option: named as typed" "$T/err" "--dry-run"
expect_status 65 "a file that is none of the four" \
    en import -n -D 2024-03-31 "$DATA/clean/anggota.csv" "$T/trial"
like "a file that is none of the four: says how to name it" "$T/err" \
    "Name it anggota.csv, simpanan.csv, pinjaman.csv or neraca.csv"
expect_status 65 "an unknown branch" \
    en import -n -b XYZ -D 2024-03-31 "$DATA/clean"
like "an unknown branch: named" "$T/err" "XYZ: no such branch"
expect_status 66 "no anggota.csv" \
    en import -n -D 2024-03-31 "$DATA/clean/simpanan.csv"
expect_status 64 "posting without -u is a usage error" \
    en import -D 2024-03-31 "$DATA/clean"
like "posting without -u: says who must post" "$T/err" \
    "name the manager or admin who posts it with -u"
written "posting without -u"

# -- the clean set -----------------------------------------------------------

expect_status 0 "the clean set's dry run passes" \
    en import -n -D 2024-03-31 "$DATA/clean"
cp "$T/out" "$T/clean.out"
is "quiet when not on a terminal" "$(cat "$T/err")" ""
like "clean: 50 members, 3 without a NIK" "$T/clean.out" \
    "^Members: 50 \(47 active, 2 resigned, 1 deceased\); 3 without a NIK, marked \"NIK belum ada\"\.$"
like "clean: savings accounts and term deposits" "$T/clean.out" \
    "^Savings accounts: 141 \(pokok 47, wajib 47, sukarela 47\); term deposits: 5\.$"
like "clean: 10 loans of the three methods" "$T/clean.out" \
    "^Loans: 10 \(flat 4, menurun 3, anuitas 3\); 4 in arrears\.$"
like "clean: pokok against the balance sheet" "$T/clean.out" \
    "^3101 simpanan pokok +Rp 4\.600\.000 +Rp 4\.600\.000 +Rp 0$"
like "clean: wajib against the balance sheet" "$T/clean.out" \
    "^3102 simpanan wajib +Rp 128\.125\.000 +Rp 128\.125\.000 +Rp 0$"
like "clean: sukarela, with its sen" "$T/clean.out" \
    "^2101 simpanan sukarela +Rp 95\.103\.000,50 +Rp 95\.103\.000,50 +Rp 0$"
like "clean: berjangka" "$T/clean.out" \
    "^2102 simpanan berjangka +Rp 45\.000\.000 +Rp 45\.000\.000 +Rp 0$"
like "clean: the loans' remaining principal" "$T/clean.out" \
    "^1201 loans' remaining principal +Rp 55\.021\.250 +Rp 55\.021\.250 +Rp 0$"
like "clean: the balance sheet balances" "$T/clean.out" \
    "^Balance sheet: debit Rp 303\.878\.000,50, credit Rp 303\.878\.000,50, difference Rp 0\.$"
like "clean: the old pokok rates are notices" "$T/clean.out" \
    "^simpanan\.csv, row 5, column C \(saldo\): notice: pokok Rp 50\.000 differs from the cooperative's setting \(Rp 100\.000\)"
like "clean: no errors, two notices" "$T/clean.out" "^Errors: 0, notices: 2\.$"
written "the clean set's dry run"

expect_status 0 "clean, in Indonesian" loket import -n -D 2024-03-31 \
    "$DATA/clean"
like "clean, in Indonesian: the summary" "$T/out" "^Anggota: 50 "
like "clean, in Indonesian: the notice" "$T/out" \
    "^simpanan\.csv, baris 5, kolom C \(saldo\): catatan: "

# -- the same set as a spreadsheet saves it ---------------------------------

mkdir "$T/excel"
for f in anggota simpanan pinjaman neraca; do
	excel "$DATA/clean/$f.csv" "$T/excel/$f.csv"
done
is "the spreadsheet's anggota.csv starts with a byte-order mark" \
    "$(head -c 3 "$T/excel/anggota.csv" | od -An -tx1 | tr -d ' ')" "efbbbf"
like "the spreadsheet's header is capitalised, with semicolons" \
    "$T/excel/anggota.csv" "No lama;Nama;Nik;Jenis kelamin;Tanggal lahir"
like "the spreadsheet's rows end in CRLF and have day-first dates" \
    "$T/excel/anggota.csv" "^A-001;.*;12/06/1962;.*;02/04/2009;aktif$CR\$"
like "the spreadsheet's rates have a decimal comma" \
    "$T/excel/pinjaman.csv" "^PJ-01;A-001;flat;12\.000\.000;1,5;12;20/10/2023;"
like "the spreadsheet's balance sheet has Rp amounts" \
    "$T/excel/neraca.csv" "^1102;Kas;Rp 25\.000\.000;"
expect_status 0 "the spreadsheet-saved set's dry run passes" \
    en import -n -D 31/03/2024 "$T/excel"
# The same report, but for the column names, which are the files' own.
is "the spreadsheet-saved set gives the same report" \
    "$(sed 's/ ([^)]*): / (): /' "$T/out")" \
    "$(sed 's/ ([^)]*): / (): /' "$T/clean.out")"
like "the spreadsheet's own column names are in the report" "$T/out" \
    "^simpanan\.csv, row 5, column C \(Saldo\): notice: "

# -- savings that do not add up ---------------------------------------------

mkdir "$T/diff"
cp "$DATA/clean/anggota.csv" "$DATA/clean/simpanan.csv" \
    "$DATA/clean/pinjaman.csv" "$T/diff/"
# The printed total of sukarela is Rp 103.000,50 short, and the bank line
# was made to balance it.
sed -e 's/^2101,\(.*\),"95.103.000,50"$/2101,\1,95.000.000/' \
    -e 's/^1110,\(.*\),"223.856.750,50",$/1110,\1,223.753.750,/' \
    "$DATA/clean/neraca.csv" >"$T/diff/neraca.csv"
expect_status 65 "savings that do not add up are refused" \
    en import -n -D 2024-03-31 "$T/diff"
like "savings that do not add up: both figures and the difference" \
    "$T/out" "^neraca\.csv, row 6: error: 2101 simpanan sukarela: the rows add up to Rp 95\.103\.000,50, the balance sheet says Rp 95\.000\.000: a difference of Rp 103\.000,50$"
like "savings that do not add up: the summary's line" "$T/out" \
    "^2101 simpanan sukarela +Rp 95\.103\.000,50 +Rp 95\.000\.000 +Rp 103\.000,50$"
like "savings that do not add up: one error" "$T/out" "^Errors: 1, notices: 2\.$"
like "savings that do not add up: nothing written" "$T/err" \
    "import: 1 errors: nothing written"
written "savings that do not add up"
expect_status 0 "--accept-difference lets it through" \
    en import -n --accept-difference -D 2024-03-31 "$T/diff"
like "--accept-difference: the difference is a notice" "$T/out" \
    "^neraca\.csv, row 6: notice: 2101 simpanan sukarela: the rows add up to Rp 95\.103\.000,50"
like "--accept-difference: to suspense, on the debit side" "$T/out" \
    "^To the suspense account: Rp 103\.000,50 \(debit\)\.$"

# -- columns ----------------------------------------------------------------

# A required column missing: that file's rows are not read, the others are.
mkdir "$T/cols"
cp "$DATA/clean/anggota.csv" "$T/cols/"
cut -d, -f1,2,4- "$DATA/clean/simpanan.csv" >"$T/cols/simpanan.csv"
expect_status 65 "a required column missing is an error" \
    en import -n -D 2024-03-31 "$T/cols"
like "a required column missing: named, in the header's row" "$T/out" \
    "^simpanan\.csv, row 1: error: the column saldo is missing$"
like "a required column missing: the file's rows are not read" "$T/out" \
    "^Savings accounts: 0 "
like "a required column missing: the other files are read" "$T/out" \
    "^Members: 50 "
# The same column twice.
sed '1s/$/,Saldo/' "$DATA/clean/simpanan.csv" >"$T/cols/simpanan.csv"
expect_status 65 "a column given twice is an error" \
    en import -n -D 2024-03-31 "$T/cols"
like "a column given twice: both named" "$T/out" \
    "^simpanan\.csv, row 1, column H \(Saldo\): error: the column saldo again \(first in column C\)$"
# Text that is not UTF-8 in a file Excel saved as plain CSV.
printf 'kode_akun;nama_akun;debit;kredit\r\n1102;Kas \344;1.000;\r\n' \
    >"$T/cols/neraca.csv"
cp "$DATA/clean/simpanan.csv" "$T/cols/"
expect_status 65 "a balance sheet in Windows-1252" \
    en import -n -D 2024-03-31 "$T/cols"
like "Windows-1252: the row and column" "$T/out" \
    "^neraca\.csv, row 2, column B \(nama_akun\): error: not UTF-8 text: save the file as \"CSV UTF-8\"$"
# A quote that never closes: the row where it opened.
printf 'kode_akun,nama_akun,debit,kredit\n1102,"Kas,1.000,\n1110,Bank,2.000,\n' \
    >"$T/cols/neraca.csv"
expect_status 65 "an unclosed quote" en import -n -D 2024-03-31 "$T/cols"
like "an unclosed quote: where it opened" "$T/out" \
    "^neraca\.csv, row 2: error: a quoted field has no closing quote$"

# -- the messy set -----------------------------------------------------------

expect_status 65 "the messy set is refused" \
    en import -n -D 2024-03-31 "$DATA/messy"
cp "$T/out" "$T/messy.out"
like "messy: says nothing is written" "$T/err" \
    "^loket: import: 32 errors: nothing written$"
written "the messy set"
# fault FILE ROW COLUMN REASON: one line of the report.
fault() {
	like "messy: $1 row $2: $4" "$T/messy.out" \
	    "^$1, row $2, column $3: error: .*$4"
}
fault anggota.csv 3 "D \(nik\)" "NIK has an unknown province code"
fault anggota.csv 4 "D \(nik\)" "the NIK is a woman's, jenis_kelamin says L"
fault anggota.csv 5 "D \(nik\)" "the NIK's birth date 17-09-83 disagrees with tanggal_lahir 1983-09-18"
fault anggota.csv 6 "D \(nik\)" "the same NIK as row 2 \(Fransiskus Wara\)"
fault anggota.csv 7 "A \(No_Lama\)" "A-003: the same no_lama as row 4"
fault anggota.csv 8 "I \(tanggal_masuk\)" "2024-05-01 is after the cutover date 2024-03-31"
fault anggota.csv 9 "D \(nik\)" "the spreadsheet turned the NIK into a number"
fault anggota.csv 10 "B \(NAMA\)" "not UTF-8 text"
fault anggota.csv 11 "E \(tanggal_lahir\)" "3/31/1980: not a date"
fault anggota.csv 13 "J \(status\)" "pindah: write aktif, keluar or meninggal"
fault simpanan.csv 3 "C \(saldo\)" "1,250,000: not a Rupiah amount"
fault simpanan.csv 5 "A \(no_lama\)" "no member A-099 in anggota.csv"
fault simpanan.csv 7 "B \(jenis\)" "khusus: write pokok, wajib, sukarela or berjangka"
fault simpanan.csv 8 "G \(tanggal_buka\)" "2024-04-15 is after the cutover"
fault simpanan.csv 9 "B \(jenis\)" "a second pokok row for member A-001 \(the first is row 2\)"
fault simpanan.csv 10 "A \(no_lama\)" "no member 13 in anggota.csv \(it has 0013"
fault simpanan.csv 11 "C \(saldo\)" "1\.25: not a Rupiah amount"
fault pinjaman.csv 2 "H \(sisa_pokok\)" "Rp 13\.000\.000 is more than the loan's original principal Rp 12\.000\.000"
fault pinjaman.csv 3 "H \(sisa_pokok\)" "disagrees with the schedule by more than one instalment: after 5 instalments and Rp 0 principal in arrears, Rp 6\.049\.241 remains"
fault pinjaman.csv 4 "B \(no_lama\)" "no member A-098 in anggota.csv"
fault pinjaman.csv 5 "C \(metode\)" "efektif: write flat, menurun or anuitas"
fault pinjaman.csv 6 "E \(bunga_bulan_persen\)" "18% a month is more than loket allows \(10%\): is it a yearly rate\?"
fault pinjaman.csv 7 "A \(no_pinjaman_lama\)" "PJ-01: the same no_pinjaman_lama as row 2"
fault pinjaman.csv 8 "J \(tanggal_jatuh_tempo_berikut\)" "2024-03-31 is not after the cutover"
fault neraca.csv 2 "A \(kode_akun\)" "1101 holds the tellers' drawers: put the cash in 1102"
fault neraca.csv 3 "A \(kode_akun\)" "1150: no such account in loket's chart"
fault neraca.csv 7 "D \(kredit\)" "both debit and kredit"
like "messy: the sukarela line shows both figures" "$T/messy.out" \
    "^neraca\.csv, row 5: error: 2101 simpanan sukarela: the rows add up to Rp 500\.000, the balance sheet says Rp 750\.000: a difference of -Rp 250\.000$"
like "messy: the balance sheet does not balance" "$T/messy.out" \
    "^neraca\.csv: error: debits add up to Rp 20\.000\.000, credits to Rp 1\.125\.000: a difference of Rp 18\.875\.000$"
like "messy: the unread column is a notice" "$T/messy.out" \
    "^anggota\.csv, row 1, column K \(keterangan\): notice: not a column loket reads: ignored$"
like "messy: the old pokok rate is a notice" "$T/messy.out" \
    "^simpanan\.csv, row 6, column C \(saldo\): notice: pokok Rp 75\.000 differs"
unlike "messy: a member without a NIK is no error" "$T/messy.out" \
    "^anggota\.csv, row 12.*error"
unlike "messy: a bad name is one error, not two" "$T/messy.out" \
    "^anggota\.csv, row 10.*empty"
is "messy: every error listed in one run" \
    "$(grep -c ': error: ' "$T/messy.out")" 32

expect_status 65 "messy, in Indonesian" loket import -n -D 2024-03-31 \
    "$DATA/messy"
like "messy, in Indonesian: file, row, column and reason" "$T/out" \
    "^anggota\.csv, baris 3, kolom D \(nik\): galat: 9910036311690002: kode provinsi pada NIK tidak dikenal$"

# -- a NIK the branch has already -------------------------------------------

printf 'admin-pass\nmanager-pass\n' | loket user -u admin add mira manager \
    "Mira Wuwur" >/dev/null
printf 'admin-pass\nteller-pass\n' | loket user -u admin add ani teller \
    "Ani Lestari" >/dev/null
printf 'manager-pass\n' | loket ledger -u mira 1102 3901 10.000.000 >/dev/null
printf 'teller-pass\n' | loket drawer -u ani open 1.000.000 >/dev/null
expect_status 0 "Fransiskus Wara joins at the counter" \
    pw teller-pass member -u ani add -k 5310021206620001 \
    -n "Fransiskus Wara" -g L -a "Dusun 1" -v Waioti
n0=$(entries)
expect_status 65 "a NIK registered already is refused" \
    en import -n -D 2024-03-31 "$DATA/clean"
like "a NIK registered already: names the member" "$T/out" \
    "^anggota\.csv, row 2, column C \(nik\): error: 5310021206620001: this NIK is registered already, as member MOF-000001$"
written "a NIK registered already"

done_testing
