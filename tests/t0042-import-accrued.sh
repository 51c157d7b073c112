#!/bin/sh
# Interest the old books accrued (1202) on imported loans is not income
# twice.  Two loans come in at the cutover 2024-03-31 with their arrears
# of interest accrued, Rp 186.000 in 1202:
#
#	L-1  flat Rp 6.000.000 at 1.5% for 6 months from 2024-01-15:
#	     instalments of Rp 1.000.000 + Rp 90.000 interest; the second
#	     (2024-03-15) unpaid: Rp 90.000 accrued, 16 days late
#	L-2  flat Rp 1.200.000 at 2% for 12 months from 2023-09-10:
#	     instalments of Rp 100.000 + Rp 24.000; the 3rd to the 6th
#	     unpaid: Rp 96.000 accrued, 112 days late
#
# L-1's repayments clear its Rp 90.000 from 1202, in part and then the
# rest, and only the next instalment's interest paid in advance is
# income (4101 Rp 90.000).  L-2, more than 90 days late, is reversed at
# the month's end (4101 less Rp 96.000, 1202 back to zero) and its
# interest is income when paid: 4101 then holds only interest earned
# on loket (L-1's third instalment and L-2's seventh, Rp 114.000).  At
# each step the trial balance balances and loket verify passes; at the
# end hledger reads the same balances from the export.  A repayment's
# receipt shows the interest as one line, wherever it went.
. "${top_srcdir:-.}/tests/lib.sh"

need hledger

ADMIN=admin-pass
MIRA=manager-pass-mira
ANI=teller-pass-ani
SISI=super-pass-sisi

printf '%s\n' "$ADMIN" | loket init -a admin -B "Cabang Maumere" -b MOF \
    -c "Kopdit Sehati" -n "Maria Goreti" -D 2024-03-31 >/dev/null &&
    pw "$ADMIN $MIRA" user -u admin add mira manager "Mira Wuwur" >/dev/null &&
    pw "$ADMIN $SISI" user -u admin add sisi supervisor "Sisi Nona" >/dev/null &&
    pw "$ADMIN $ANI" user -u admin add ani teller "Ani Lestari" >/dev/null || {
	echo "Bail out! a new book failed"
	exit 1
}

# bal CODE: the natural balance of an account in the trial balance.
bal() {
	loket report -c trial | awk -F, -v c="$1" '$1 == c { print $NF }'
}
# debits less credits over the whole trial balance: 0.00 when it balances
# (assets and expenses, 1 and 5, on the debit side).
trial_sum() {
	loket report -c trial | awk -F, 'NR > 1 {
		v = $NF * 100; s += ($1 ~ /^[15]/) ? v : -v }
		END { printf "%.2f\n", s / 100 }'
}
# step DESC 1202 4101: the two balances after a step, and the book sound.
step() {
	is "$1: 1202 holds $2" "$(bal 1202)" "$2"
	is "$1: 4101 holds $3" "$(bal 4101)" "$3"
	is "$1: the trial balance balances" "$(trial_sum)" "0.00"
	ok "$1: loket verify passes" loket verify -q
}

mkdir "$T/old"
cat >"$T/old/anggota.csv" <<'EOF'
no_lama,nama,nik,jenis_kelamin,tanggal_lahir,alamat,desa,telepon,tanggal_masuk,status
M-1,Maria Lewar,5307014506850001,P,1985-06-05,RT 01,Nita,,2024-01-15,aktif
M-2,Yosef Nong,5310040604760003,L,1976-04-06,Dusun 4,Nita,,2011-10-04,aktif
EOF
cat >"$T/old/simpanan.csv" <<'EOF'
no_lama,jenis,saldo,tunggakan_wajib_bulan,jangka_bulan,bunga_tahun_persen,tanggal_buka
M-1,pokok,100.000,,,,
M-1,sukarela,7.910.000,,,,
M-2,pokok,100.000,,,,
M-2,sukarela,500.000,,,,
EOF
cat >"$T/old/pinjaman.csv" <<'EOF'
no_pinjaman_lama,no_lama,metode,pokok_awal,bunga_bulan_persen,jangka_bulan,tanggal_cair,sisa_pokok,angsuran_ke_berikut,tanggal_jatuh_tempo_berikut,tunggakan_pokok,tunggakan_jasa,denda
L-1,M-1,flat,6.000.000,1.5,6,2024-01-15,5.000.000,3,2024-04-15,1.000.000,90.000,
L-2,M-2,flat,1.200.000,2,12,2023-09-10,1.000.000,7,2024-04-10,400.000,96.000,
EOF
cat >"$T/old/neraca.csv" <<'EOF'
kode_akun,nama_akun,debit,kredit
1102,Kas,2.510.000,
1201,Piutang pinjaman anggota,6.000.000,
1202,Pendapatan jasa yang masih harus diterima,186.000,
2101,Simpanan sukarela,,8.410.000
3101,Simpanan pokok,,200.000
3401,SHU tahun berjalan,,86.000
EOF

expect_status 0 "the old books with interest accrued import" \
    pw_en "$MIRA" import -u mira -D 2024-03-31 "$T/old"
step "imported" 186000.00 0.00
echo 2024-04-01 >"$T/date"
ok "the first day on loket" eod_until 2024-04-02

# L-1 on 2024-04-02: two days' penalty on Rp 1.090.000 at 0.1% a day is
# Rp 2.180; Rp 47.820 of the accrued Rp 90.000 is paid.
expect_status 0 "L-1: Rp 50.000 from sukarela" \
    pw "$ANI" loan -s -u ani repay 1 50.000
like "the receipt shows the penalty" "$T/out" "^Denda  *\+Rp 2\.180$"
like "and the interest paid as loan interest" "$T/out" \
    "^Jasa pinjaman  *\+Rp 47\.820$"
step "L-1 paid in part" 138180.00 0.00
is "the penalty is income" "$(bal 4103)" 2180.00

# The rest of the accrued interest, Rp 42.180, and principal.
expect_status 0 "L-1: Rp 1.040.000 from sukarela" \
    pw "$ANI" loan -s -u ani repay 1 1.040.000
like "the receipt shows Rp 42.180 of interest" "$T/out" \
    "^Jasa pinjaman  *\+Rp 42\.180$"
like "and Rp 997.820 of principal" "$T/out" \
    "^Pinjaman 1201\.1  *-Rp 997\.820$"
step "L-1's accrued interest paid" 96000.00 0.00

# Rp 2.180 of principal in arrears, then the third instalment in advance:
# its Rp 90.000 of interest was never accrued, so it is income.
expect_status 0 "L-1: Rp 1.092.180 from sukarela" \
    pw "$ANI" loan -s -u ani repay 1 1.092.180
like "the receipt shows Rp 90.000 of interest" "$T/out" \
    "^Jasa pinjaman  *\+Rp 90\.000$"
step "L-1's third instalment in advance" 96000.00 90000.00

# The month's end: L-2 is 142 days late and stops accruing; L-1 owes no
# interest.  1202 goes to zero against 4101.
ok "ends of day to 2024-05-01" eod_until 2024-05-01
step "April's end reversed L-2's accrual" 0.00 -6000.00

# L-2 pays its penalty, the Rp 96.000 and the seventh instalment's Rp
# 24.000 of interest, all income now, and the rest as principal.
expect_status 0 "L-2: Rp 200.000 from sukarela" \
    pw "$ANI" loan -s -u ani repay 2 200.000
like "the receipt shows Rp 120.000 of interest" "$T/out" \
    "^Jasa pinjaman  *\+Rp 120\.000$"
step "L-2 paid after the reversal" 0.00 114000.00

# hledger reads the same books from the export.
ok "loket export ledger writes the journal" \
    loket export -o "$T/book.journal" ledger
ok "hledger's checks pass" hledger -f "$T/book.journal" check
hl() {
	hledger -f "$T/book.journal" bal -E -N --flat -O csv "$1" |
	    awk -F'","' 'NR > 1 { b = $2; sub(/"$/, "", b); gsub(/[^0-9.-]/, "", b)
		printf "%.2f\n", b }'
}
is "hledger: 1202 is zero" "$(hl 1202)" "0.00"
is "hledger: 4101 holds Rp 114.000 of credit" "$(hl 4101)" "-114000.00"
is "hledger: every account sums to zero" \
    "$(hledger -f "$T/book.journal" bal -O csv | awk -F'","' \
    '/^"[Tt]otal/ { b = $2; sub(/"$/, "", b); gsub(/[^0-9.-]/, "", b)
	printf "%.2f\n", b + 0 }')" "0.00"

done_testing
