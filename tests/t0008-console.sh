#!/bin/sh
# The teller console inside tmux, 80x24: sign in and lockout, register a
# member, deposit and withdraw with receipts, approval at the terminal,
# the idle lock, resizing, and a drawer closed short.
. "${top_srcdir:-.}/tests/lib.sh"
need tmux

make_book
adduser() {
	printf 'admin-pass\n%s\n' "$3" | loket user -u admin add "$1" "$2" "$4" \
	    >/dev/null || { echo "Bail out! user add $1"; exit 1; }
}
adduser ani teller teller-pass "Ani Lestari"
adduser budi teller teller2-pass "Budi Lado"
adduser sisi supervisor super-pass "Sisilia Nona"
adduser mira manager manager-pass "Mira Wuwur"
printf 'manager-pass\n' | loket ledger -u mira 1102 3901 100.000.000 >/dev/null

console_start LOKET_IDLE=0
on_screen "the console opens on the sign-in screen" 'MOF Cabang Maumere'

# Sign in: five wrong passwords lock budi.
for i in 1 2 3 4 5; do
	type_text budi; keys Enter; type_text "wrong-$i"; keys Enter
	sleep 0.2
	keys C-u BTab C-u
done
on_screen "five wrong passwords: the console says budi is locked" \
    'terkunci|locked'
printf 'admin-pass\n' | "$LOKET" -d "$D" user list >"$T/users"
like "user list shows budi locked" "$T/users" '^budi +teller +(locked|terkunci)'
type_text budi; keys Enter; type_text teller2-pass; keys Enter
on_screen "then even budi's right password is refused" 'terkunci|locked'
keys C-u BTab C-u

type_text ani; keys Enter; type_text teller-pass; keys Enter
on_screen "ani signs in" 'ani \((teller|kasir)'
not_on_screen "the password is never shown" 'teller-pass'

# The drawer first: open it with Rp 5.000.000 from the vault.
nd=$(entries)
keys F8
on_screen "the drawer screen says it is closed" '(closed|tertutup)'
type_text o
on_screen "the form says what it is for" '^    (open with cash from the vault|buka dengan kas dari khasanah)$'
type_text 5.000.000; keys Enter
on_screen "asks to confirm" 'Enter'
keys Enter
on_screen "the status line shows the drawer's cash" 'Rp 5\.000\.000'
# The typed amount matches too: wait for the opening's entry itself.
i=0
while [ "$(entries)" -le "$nd" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done

# Register a member: a bad NIK is refused as the field is left.
n0=$(entries)
keys F7
on_screen "the registration form opens" 'NIK'
type_text 5310013102850001; keys Tab
on_screen "31 February in a NIK is refused on leaving the field" 'NIK:'
is "nothing was written" "$(entries)" "$n0"
keys C-u; type_text 5310015708850001; keys Tab
not_on_screen "the good NIK is taken" 'NIK:'
type_text "Maria Da Costa"; keys Tab
keys Tab
on_screen "the birth date comes from the NIK" '1985-08-17'
keys Tab
type_text "RT 01 RW 02"; keys Tab
type_text "Nita"; keys Tab
keys Tab
type_text 25.000; keys Tab
type_text 50.000; keys Enter
on_screen "asks before registering" 'Enter'
on_screen "saying the cash it takes and each part" \
    'Tunai Rp 175\.000: pokok Rp 100\.000, wajib Rp 25\.000, sukarela Rp 50\.000'
keys Enter
on_screen "the receipt of the new member" 'MOF-000001'
on_screen "with the amount in words" 'seratus tujuh puluh lima ribu rupiah'
keys Enter
eventually "the printed receipt" "$T/receipts" 'seratus tujuh puluh lima ribu rupiah'
loket member show 1 >"$T/m1"
like "member show: pokok" "$T/m1" 'pokok +Rp 100\.000$'
like "member show: sukarela" "$T/m1" 'sukarela +Rp 50\.000$'

# Deposit Rp 1.250.000: find by name, open, type, confirm, receipt.
type_text maria
on_screen "the search lists her as the name is typed" 'MOF-000001 +Maria Da Costa'
keys Enter
on_screen "the member view" 'Simpanan sukarela +Rp 50\.000'
keys F3; keys Tab; type_text 1.250.000; keys Enter; keys Enter
# The words fold at the receipt's 40 columns: "rupiah" on the next line.
on_screen "the deposit receipt" '^ +satu juta dua ratus lima puluh ribu$'
on_screen "with the new balance" 'Rp 1\.300\.000'
keys Enter
loket member show 1 >"$T/m1"
like "member show after the deposit" "$T/m1" 'sukarela +Rp 1\.300\.000$'

# A withdrawal past the balance is refused and the form stays filled.
type_text MOF-000001; keys Enter
keys F4; type_text 2.000.000; keys Enter; keys Enter
on_screen "a withdrawal past the balance is refused" 'saldo|balance'
on_screen "and the amount is still there" '2\.000\.000'
keys C-u; type_text 290.000; keys Enter; keys Enter
on_screen "a good withdrawal prints its receipt" 'dua ratus sembilan puluh ribu rupiah'
keys Escape
loket member show 1 >"$T/m1"
like "member show after the withdrawal" "$T/m1" 'sukarela +Rp 1\.010\.000$'

# Above the teller's limit (Rp 5.000.000): a supervisor approves here.
type_text 1; keys Enter
keys F3; keys Tab; type_text 10.000.000; keys Enter; keys Enter
keys Enter
type_text 1; keys Enter
keys F4; type_text 6.000.000; keys Enter; keys Enter
on_screen "above the limit: approval is asked for" '(Supervisor|Penyelia)'
on_screen "saying why" \
    '^  Penarikan Rp 6\.000\.000 di atas batas Rp 5\.000\.000: perlu persetujuan$'
n1=$(entries)
type_text sisi; keys Tab; type_text wrong-pass; keys Enter
on_screen "a wrong supervisor password is refused" '(sandi|password)'
is "and nothing was written" "$(entries)" "$n1"
type_text super-pass; keys Enter
on_screen "with sisi's approval it is paid" 'enam juta rupiah'
on_screen "and the receipt names her" 'sisi'
keys Enter
loket member show 1 >"$T/m1"
like "member show after the approved withdrawal" "$T/m1" 'sukarela +Rp 5\.010\.000$'

# Resize to 60x20 and back.
keys F2
type_text maria
on_screen "the search shows her before resizing" 'Maria Da Costa'
tmux -S "$TMUX_SOCK" resize-window -t c -x 60 -y 20
on_screen "at 60x20 the console says it is too small" '80x24'
tmux -S "$TMUX_SOCK" resize-window -t c -x 80 -y 24
on_screen "back at 80x24 the screen returns" 'Maria Da Costa'

# Close the drawer Rp 5.000 short.
keys F8
on_screen "the drawer screen" 'c:'
loket drawer -u ani show </dev/null >"$T/dr" 2>&1
book=$(sed -n 's/.*Rp \([0-9.]*\).*/\1/p' "$T/dr" | tr -d .)
short=$((book - 5000))
type_text c
# count it all in Rp 1.000 notes: a simple, exact count
for i in 1 2 3 4 5 6; do keys Tab; done
type_text $((short / 1000)); keys Enter
keys Enter Enter Enter Enter Enter
keys Enter
on_screen "the drawer is closed with the difference" '(selisih|over/short).*Rp 5\.000'
loket report trial >"$T/trial"
like "over/short account 5301 holds the Rp 5.000" "$T/trial" '^5301 .* Rp 5\.000$'
# The idle lock hides the data; the same user signs in again.  A console
# of its own, locking after 3 s (LOKET_IDLE takes minutes, or seconds
# with an s), so that a slow machine does not lock the one above.
console_stop
console_start LOKET_IDLE=3s
on_screen "a second console opens" 'MOF Cabang Maumere'
type_text ani; keys Enter; type_text teller-pass; keys Enter
on_screen "ani signs in there" 'ani \('
type_text maria
on_screen "the list shows the member" 'Maria Da Costa'
sleep 4
on_screen "after the idle time the console locks" '(locked|terkunci)' 10
not_on_screen "and hides the data" 'Maria|Rp 5\.010'
# The cursor is on the user id field, not on ani's password.
type_text ani; keys Enter; type_text teller-pass; keys Enter
on_screen "ani signs in again and the work is there" 'Maria Da Costa'
on_screen "as herself" 'ani \((teller|kasir)'
sleep 4
on_screen "locked again after the idle time" '(locked|terkunci)' 10
# A supervisor's own id goes to the user id, not to ani's password.
type_text sisi; keys Enter; type_text super-pass; keys Enter
on_screen "a supervisor resumes the locked work" 'Maria Da Costa'
on_screen "in her own name, as loket(1) says" 'sisi \((supervisor|penyelia)'

expect_status 0 "loket verify passes after the day's work" loket verify

# A box that posts for two branches: the sign-in screen asks which.
console_stop
"$LOKET" demo -q -m 20 -M 0 "$T/two" >/dev/null
D=$T/two console_start LOKET_IDLE=0
on_screen "with two branches the sign-in screen offers them" '(Branch|Cabang) +ENDE'
keys Up
on_screen "on the choice, it says how a choice changes" \
    '(Branch|Cabang) +ENDE +\((Left/Right: change|Kiri/Kanan: ganti)\)'
keys Right
on_screen "Right picks the other" '(Branch|Cabang) +MOF'
keys Tab
off_screen "off the choice, the hint goes" 'Left/Right|Kiri/Kanan'
type_text ani; keys Enter; type_text teller-pass; keys Enter
on_screen "and the teller works on MOF" '^ MOF Cabang Maumere.*ani \('
D=$T/data
done_testing
