#!/bin/sh
# The console asks for an approver at the same terminal (issue 16, item
# 4), in tmux at 80x24: a drawer closed Rp 75.000 short (above
# limit.drawer.difference's Rp 50.000) asks for a supervisor, saying why;
# a wrong password, the teller herself, another teller and Esc write
# nothing; the supervisor's password posts it and the console names her.
# A Rp 600 juta cash deposit (at or above limit.cash.report's Rp 500
# juta) asks for a manager: a supervisor is refused, the manager
# approves, and the journal, the receipt and loket report large-cash
# name her.  So does a loan disbursed in cash, Rp 693 juta after its fee.
# The password is never shown.
. "${top_srcdir:-.}/tests/lib.sh"
need tmux

ANI=teller-pass-ani
BUDI=teller-pass-budi
SISI=super-pass-sisi
MIRA=manager-pass-mira
NIK=5307014506850001

make_book
for u in "ani teller Ani $ANI" "budi teller Budi $BUDI" \
    "sisi supervisor Sisilia $SISI" "mira manager Mira $MIRA"; do
	set -- $u
	pw "admin-pass $4" user -u admin add "$1" "$2" "$3" >/dev/null ||
	    { echo "Bail out! user add $1"; exit 1; }
done
pw "$MIRA" ledger -u mira 1102 3901 1.000.000.000 >/dev/null ||
    { echo "Bail out! funding the vault"; exit 1; }
pw "$ANI" drawer -u ani open 1.000.000 >/dev/null ||
    { echo "Bail out! drawer open"; exit 1; }

trial() {	# trial ACCOUNT: its balance in the trial balance's CSV
	en report -c trial | awk -F, -v c="$1" '$1 == c { print $NF }'
}
drawer() {
	en drawer -u ani show </dev/null 2>&1
}
nothing_written() {	# nothing_written DESCRIPTION: as at the last mark
	is "$1: no entry" "$(entries)" "$n_mark"
	is "$1: the vault as it was" "$(trial 1102)" "$vault_mark"
}
approver_of() {	# approver_of SEQ: as loket export's journal names it
	en export ledger | awk -v s="(MOF/$1)" '
	    index($0, s) { f = 1; next }
	    f && /^[^ ]/ { exit }
	    f && /; approver: / { sub(/.*; approver: /, ""); print }'
}
mark() {
	n_mark=$(entries)
	vault_mark=$(trial 1102)
}

console_start LOKET_IDLE=0
on_screen "the console opens" 'MOF Cabang Maumere'
type_text ani; keys Enter; type_text "$ANI"; keys Enter
on_screen "ani signs in" 'ani \(kasir'

# ---------------------------------------------------------------------
# 1. A drawer closed Rp 75.000 short: a supervisor approves it.
keys F8
on_screen "the drawer screen: open with Rp 1.000.000" \
    'terbuka; menurut buku isinya Rp 1\.000\.000'
type_text c
on_screen "c counts the drawer" 'Rp 100\.000 x'
# 9 x Rp 100.000, 1 x Rp 20.000, 1 x Rp 5.000: Rp 925.000
type_text 9; keys Tab Tab; type_text 1; keys Tab Tab; type_text 1
on_screen "the difference shows as it is counted" \
    'Hasil hitung Rp 925\.000; kurang Rp 75\.000'
keys Enter Enter Enter Enter Enter Enter
on_screen "it asks before closing" 'Tutup laci, terhitung Rp 925\.000'
mark
keys Enter
on_screen "above the limit: a supervisor is asked for, saying why" \
    '^  Selisih laci Rp 75\.000 di atas batas Rp 50\.000: perlu persetujuan supervisor$'
on_screen "in a box of its own" 'Persetujuan di terminal ini'
on_screen "with the supervisor's id" '^  Supervisor \(ID\)'
on_screen "and password" '^  Kata sandi supervisor'
nothing_written "1. asking"
drawer >"$T/dr"
like "1. the drawer is still open" "$T/dr" 'open since'

type_text sisi; keys Tab; type_text wrong-pass
on_screen "the password shows as stars" '^  Kata sandi supervisor +\*{10} *$'
not_on_screen "never as typed" 'wrong-pass'
keys Enter
on_screen "1. a wrong password gets the store's message" \
    'ID pengguna atau kata sandi salah'
on_screen "and the box stays, sisi's id kept" '^  Supervisor \(ID\) +sisi *$'
nothing_written "1. a wrong password"

keys BTab C-u; type_text ani; keys Tab; type_text "$ANI"; keys Enter
on_screen "1. ani approving herself is refused" \
    'pemberi persetujuan harus pengguna lain'
nothing_written "1. ani approving herself"

type_text budi; keys Tab; type_text "$BUDI"
on_screen "budi types his id" '^  Supervisor \(ID\) +budi *$'
keys Enter
off_screen "and it is taken away when the store refuses him" \
    '^  Supervisor \(ID\) +budi'
on_screen "1. so is another teller (no supervisor)" \
    'pemberi persetujuan harus pengguna lain'
nothing_written "1. another teller"
drawer >"$T/dr"
like "1. still open after three refusals" "$T/dr" 'open since'

type_text sisi; keys Escape
off_screen "1. Esc closes the box" 'Persetujuan di terminal ini'
on_screen "and says nothing was posted" \
    'Tidak diposting: persetujuan tidak diberikan'
on_screen "the count is still there" 'Hasil hitung Rp 925\.000'
nothing_written "1. Esc"

keys Enter
on_screen "1. Enter asks again" 'Tutup laci, terhitung Rp 925\.000'
keys Enter
on_screen "and the supervisor is asked for again" \
    'Selisih laci Rp 75\.000 di atas batas'
not_on_screen "the password typed before is gone" '\*\*\*'
type_text sisi; keys Tab; type_text "$SISI"; keys Enter
on_screen "1. with sisi's approval the drawer is closed, and it says so" \
    'Laci kas ditutup, disetujui oleh sisi'
off_screen "the box is gone" 'Persetujuan di terminal ini'
is "1. one entry more" "$(entries)" "$((n_mark + 1))"
is "1. the vault took the Rp 925.000 counted" "$(trial 1102)" \
    "$(echo "$vault_mark" | awk '{ printf "%.2f", $1 + 925000 }')"
is "1. over/short 5301 holds the Rp 75.000" "$(trial 5301)" 75000.00
drawer >"$T/dr"
like "1. the drawer is closed" "$T/dr" 'closed, cash Rp 0'
is "1. the journal's drawer closing names sisi as approver" \
    "$(approver_of $((n_mark + 1)))" sisi

# ---------------------------------------------------------------------
# 2. A Rp 600 juta cash deposit: a manager approves it.
pw "$ANI" drawer -u ani open 1.000.000 >/dev/null ||
    { echo "Bail out! drawer open"; exit 1; }
pw "$ANI" member -u ani add -k "$NIK" -n "Maria Lewar" -g P \
    -a "RT 01 RW 02" -v Nita >/dev/null ||
    { echo "Bail out! member add"; exit 1; }
en member show 1 >"$T/m1"
like "2. the member starts with no sukarela" "$T/m1" 'sukarela +Rp 0$'
drawer0=$(drawer | sed -n 's/.*cash Rp \([0-9.]*\)$/\1/p' | tr -d .)

keys F2; type_text MOF-000001; keys Enter
on_screen "2. the member view" 'Maria Lewar'
keys F3; keys Tab; type_text 600.000.000; keys Enter
on_screen "2. it asks before posting" 'Bukukan Rp 600\.000\.000\?'
mark
keys Enter
on_screen "2. Rp 600 juta in cash: a manager is asked for, saying why" \
    '^  Transaksi tunai Rp 600\.000\.000: perlu persetujuan manajer \(laporan PPATK\)$'
on_screen "with the manager's id" '^  Manajer \(ID\)'
nothing_written "2. asking"

type_text mira; keys Tab; type_text wrong-pass; keys Enter
on_screen "2. the manager's wrong password is refused" \
    '^ ID pengguna atau kata sandi salah$'
nothing_written "2. a wrong password"

keys BTab C-u; type_text sisi; keys Tab; type_text "$SISI"
on_screen "sisi types her id" '^  Manajer \(ID\) +sisi *$'
keys Enter
on_screen "2. a supervisor is refused: a manager is still needed" \
    '^ perlu persetujuan manajer$'
on_screen "the box stays, the supervisor's id taken away" \
    '^  Manajer \(ID\) *$'
nothing_written "2. a supervisor"

type_text mira; keys Tab; type_text "$MIRA"; keys Enter
on_screen "2. with mira's approval the receipt shows" 'BUKTI SETORAN'
on_screen "2. the receipt names her" 'Disetujui oleh: mira'
on_screen "2. for Rp 600.000.000" 'Rp 600\.000\.000'
is "2. one entry more" "$(entries)" "$((n_mark + 1))"
en member show 1 >"$T/m1"
like "2. member show: sukarela Rp 600.000.000" "$T/m1" \
    'sukarela +Rp 600\.000\.000$'
drawer1=$(drawer | sed -n 's/.*cash Rp \([0-9.]*\)$/\1/p' | tr -d .)
is "2. the drawer took the Rp 600.000.000" "$((drawer1 - drawer0))" \
    600000000
seq=$(entries)
is "2. the journal's deposit names mira as approver" "$(approver_of $seq)" \
    mira
en report large-cash >"$T/large"
like "2. loket report large-cash lists it with mira" "$T/large" \
    "^2026-11-02 MOF +$seq deposit +MOF-000001 +$NIK +Rp 600\\.000\\.000 ani +mira\$"

# ---------------------------------------------------------------------
# 3. A loan of Rp 700 juta disbursed in cash: Rp 693 juta after the 1%
# fee, and a manager approves it.
pw "$MIRA" loan -u mira -r 100 -t 24 -F 100 -P 0 product KUM \
    "Kredit Usaha Mikro" >/dev/null &&
    pw "$ANI" loan -u ani apply MOF-000001 KUM 700.000.000 12 >/dev/null &&
    pw "$SISI" loan -u sisi approve 1 >/dev/null &&
    pw "$ANI" drawer -u ani in 200.000.000 >/dev/null ||
    { echo "Bail out! the loan's setup"; exit 1; }
keys F2; type_text MOF-000001; keys Enter
on_screen "3. the member view" 'Maria Lewar'
keys F11
on_screen "3. F11 lists the approved loan" '^  1 +KUM +Rp 700\.000\.000'
type_text d
on_screen "3. d disburses it, in cash" 'Dibayarkan ke +tunai|tunai'
keys Enter
on_screen "3. it asks, with the cash out" \
    'Cairkan pinjaman .* Rp 700\.000\.000: Rp 693\.000\.000 tunai'
mark
keys Enter
on_screen "3. Rp 693 juta in cash: a manager is asked for" \
    '^  Transaksi tunai Rp 693\.000\.000: perlu persetujuan manajer \(laporan PPATK\)$'
keys Escape
off_screen "3. Esc closes the box" 'Persetujuan di terminal ini'
nothing_written "3. Esc"
en loan show 1 >"$T/loan"
like "3. the loan is still only approved" "$T/loan" '^State +approved'
keys Enter
on_screen "3. Enter on the form asks again" 'Cairkan pinjaman'
keys Enter
on_screen "3. and the manager is asked for again" 'Manajer \(ID\)'
type_text mira; keys Tab; type_text "$MIRA"; keys Enter
on_screen "3. with mira's approval the disbursement's receipt" \
    'PENCAIRAN PINJAMAN'
# With its fee, the rounding, gross, kept back, net, the cash and the
# approver, this receipt is taller than 80x24 leaves it: the screen says
# which lines show, and PgDn reaches the signature line.
on_screen "3. the receipt says which of its lines show" \
    'baris 1-17 dari [0-9]+; panah, PgUp dan PgDn menggulir'
not_on_screen "3. its signature line is below" 'Tanda tangan anggota'
keys NPage
on_screen "3. PgDn shows the signature line" 'Tanda tangan anggota'
on_screen "3. and the last of its lines" 'baris [0-9]+-([0-9]+) dari \1;'
keys PPage
on_screen "3. PgUp goes back to the top" 'baris 1-17 dari'
: >"$T/receipts"
keys Enter
eventually "3. the printed receipt" "$T/receipts" 'PENCAIRAN PINJAMAN'
like "3. names her" "$T/receipts" '^Disetujui oleh: mira$'
is "3. one entry more" "$(entries)" "$((n_mark + 1))"
seq=$(entries)
en loan show 1 >"$T/loan"
like "3. the loan is active" "$T/loan" '^State +active'
is "3. the journal's disbursement names mira" "$(approver_of $seq)" mira
en report large-cash >"$T/large"
like "3. loket report large-cash lists it, as cash out" "$T/large" \
    "^2026-11-02 MOF +$seq loan-disburse +MOF-000001 +$NIK +-Rp 693\\.000\\.000 ani +mira\$"

# ---------------------------------------------------------------------
# 4. A withdrawal of Rp 60 juta: above a supervisor's own limit (Rp 50
# juta), so the box asks for a manager although it is no large cash.
keys F2; type_text MOF-000001; keys Enter
on_screen "4. the member view" 'Maria Lewar'
keys F4; type_text 60.000.000; keys Enter
on_screen "4. it asks before paying" 'Bukukan Rp 60\.000\.000\?'
mark
keys Enter
on_screen "4. above the supervisor's limit: a manager is asked for" \
    '^  Penarikan Rp 60\.000\.000 di atas batas Rp 50\.000\.000: perlu persetujuan$'
on_screen "(the why goes on over two rows)" '^  manajer$'
type_text sisi; keys Tab; type_text "$SISI"
on_screen "sisi types her id" '^  Manajer \(ID\) +sisi *$'
keys Enter
on_screen "4. the store refuses the supervisor; the box stays for a manager" \
    '^  Manajer \(ID\) *$'
nothing_written "4. a supervisor"
type_text mira; keys Tab; type_text "$MIRA"; keys Enter
on_screen "4. with mira's approval it is paid" 'enam puluh juta rupiah'
is "4. one entry more" "$(entries)" "$((n_mark + 1))"
is "4. the journal's withdrawal names mira" "$(approver_of $((n_mark + 1)))" \
    mira
en member show 1 >"$T/m1"
like "4. member show: sukarela Rp 540.000.000" "$T/m1" \
    'sukarela +Rp 540\.000\.000$'
ok "loket verify agrees" en verify

done_testing
