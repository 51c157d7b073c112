#!/bin/sh
# The six screens no other test drove (issue 15, item 17), in tmux at
# 80x24, as a teller and a supervisor use them: a transfer (whose receipt
# says from which account to which: item 13), the statement, a reversal
# with a supervisor's approval, changing one's password, help, and end of
# day; then the balances and the business date as the commands read them.
. "${top_srcdir:-.}/tests/lib.sh"
need tmux

make_book
adduser() {
	printf 'admin-pass\n%s\n' "$3" | loket user -u admin add "$1" "$2" "$4" \
	    >/dev/null || { echo "Bail out! user add $1"; exit 1; }
}
adduser ani teller teller-pass "Ani Lestari"
adduser sisi supervisor super-pass "Sisilia Nona"
adduser mira manager manager-pass "Mira Wuwur"
printf 'manager-pass\n' | loket ledger -u mira 1102 3901 10.000.000 >/dev/null
printf 'teller-pass\n' | loket drawer -u ani open 2.000.000 >/dev/null
printf 'teller-pass\n' | loket member -u ani add -k 5310015708850001 \
    -n "Maria Da Costa" -g P -a "RT 01" -v Nita -s 500.000 >/dev/null ||
    { echo "Bail out! member add"; exit 1; }
printf 'teller-pass\n' | loket drawer -u ani close 100000x26 >/dev/null ||
    { echo "Bail out! drawer close"; exit 1; }
export LOKET_LANG=en
loket member show 1 >"$T/m1"
like "the member starts with Rp 500.000 of sukarela" "$T/m1" \
    'sukarela +Rp 500\.000$'
wajib0=$(sed -n 's/^.*wajib *Rp \([0-9.]*\)$/\1/p' "$T/m1" | tr -d .)

console_start LOKET_IDLE=0
on_screen "the console opens" 'MOF Cabang Maumere'
type_text ani; keys Enter; type_text teller-pass; keys Enter
on_screen "ani signs in" 'ani \(teller'

# -- transfer (F5) ------------------------------------------------------
type_text MOF-000001; keys Enter
on_screen "the member view" 'Simpanan sukarela +Rp 500\.000'
keys F5
on_screen "F5 opens the transfer" 'From sukarela to wajib'
type_text 120.000; keys Enter
on_screen "it asks before posting, with the amount" 'Post Rp 120\.000\? Enter: yes'
keys Enter
on_screen "the transfer's receipt" 'TRANSFER RECEIPT'
on_screen "says the money came out of sukarela" \
    '^ +Out of Sukarela savings +-Rp 120\.000$'
on_screen "and went into wajib" '^ +Into Wajib savings +\+Rp 120\.000$'
on_screen "in words" 'one hundred twenty thousand rupiah|seratus dua puluh ribu rupiah'
xfer=$(screen | sed -n 's/^ *No\. \(MOF-[0-9]*\)$/\1/p')
ok "the receipt has the entry's number ($xfer)" test -n "$xfer"
keys Enter
eventually "the receipt is printed" "$T/receipts" 'Out of Sukarela savings'
like "it ends with where the member signs, 40 columns wide" "$T/receipts" \
    "^Member's signature: _{20}\$"
loket member show 1 >"$T/m1"
like "member show: sukarela Rp 380.000 after it" "$T/m1" 'sukarela +Rp 380\.000$'
wajib1=$(sed -n 's/^.*wajib *Rp \([0-9.]*\)$/\1/p' "$T/m1" | tr -d .)
is "and wajib Rp 120.000 more" "$((wajib1 - wajib0))" 120000

# -- statement (F6) -----------------------------------------------------
type_text MOF-000001; keys Enter
# The member view says wajib is paid up, rather than "0 months (Rp 0)",
# when loket member show has nothing in arrears (the transfer paid it).
en member show MOF-000001 >"$T/show1"
like "member show: wajib paid up after the transfer" "$T/show1" \
    '^Wajib in arrears +0 months \(Rp 0\)$'
on_screen "the member view says so in words" '^  Wajib paid up\.$'
not_on_screen "not as 0 months in arrears" 'arrears: 0 months'
keys F6
on_screen "F6 opens the statement of every account" \
    'Statement of every account'
on_screen "it lists the transfer out of sukarela, with the balance after it" \
    'transfer +sukarela +-Rp 120\.000 +Rp 380\.000'
on_screen "and into wajib" 'transfer +wajib +\+Rp 120\.000 +Rp 120\.000'
keys Escape

# -- help (F1) ----------------------------------------------------------
keys F1
on_screen "F1 opens help" '^ Keys'
on_screen "listing the function keys" 'F9 +Reverse'
on_screen "and the letters of help itself" 'w +change your password'
keys Escape
off_screen "Esc leaves help" '^ Keys'

# -- reversal (F9), approved by a supervisor -----------------------------
keys F9
on_screen "F9 opens the reversal" 'The number is on the receipt'
type_text "$xfer"; keys Tab
on_screen "the entry is described as its number is left, with its amount" \
    'transfer Rp 120\.000 +member 1 +by ani'
type_text sisi; keys Tab; type_text super-pass; keys Enter
on_screen "it asks before reversing" 'Reverse this entry\? Enter: yes'
keys Enter
on_screen "the reversal's receipt" 'REVERSAL'
on_screen "naming the entry it reverses" "Reverses $xfer"
on_screen "and sisi, who approved it" 'Approved by: sisi'
keys Escape
loket member show 1 >"$T/m1"
like "member show: sukarela back to Rp 500.000" "$T/m1" 'sukarela +Rp 500\.000$'
wajib2=$(sed -n 's/^.*wajib *Rp \([0-9.]*\)$/\1/p' "$T/m1" | tr -d .)
is "and wajib back where it was" "$wajib2" "$wajib0"

# -- password (F1, then w) ----------------------------------------------
keys F1; type_text w
on_screen "w on help opens the password screen" 'At least 8 characters'
type_text wrong-pass; keys Tab; type_text new-teller-pass; keys Tab
type_text new-teller-pass; keys Enter
on_screen "a wrong current password is refused" '(wrong|password)'
keys C-u BTab C-u BTab C-u
type_text teller-pass; keys Tab; type_text new-teller-pass; keys Tab
type_text other-pass-9; keys Enter
on_screen "two new passwords that differ are refused" 'The new passwords differ'
keys C-u BTab C-u BTab C-u
type_text teller-pass; keys Tab; type_text new-teller-pass; keys Tab
type_text new-teller-pass; keys Enter
on_screen "the password is changed" 'Your password is changed'
keys F10
on_screen "signed out" 'Sign in'
type_text ani; keys Enter; type_text teller-pass; keys Enter
on_screen "the old password no longer works" 'wrong user id or password'
keys C-u BTab C-u
type_text ani; keys Enter; type_text new-teller-pass; keys Enter
on_screen "the new one does" 'ani \(teller'

# -- end of day (F12) ---------------------------------------------------
keys F12
on_screen "F12 opens end of day" 'Business date: 2026-11-02'
on_screen "with no drawer open" '^    none'
type_text c
on_screen "it asks first" 'Close the business day now\? Enter: yes'
keys Enter
on_screen "a teller may not close the day, and is told who may" \
    '^ Only a supervisor, manager or admin may close the day\.$'
keys F10
type_text sisi; keys Enter; type_text super-pass; keys Enter
on_screen "sisi signs in" 'sisi \(supervisor'
keys F12; type_text c; keys Enter
on_screen "the supervisor closes the day" \
    'The day is closed; the business date is now 2026-11-03'
on_screen "the status line shows the new date" '^ MOF Cabang Maumere \| 2026-11-03'
printf 'super-pass\n' | en eod -u sisi -D 2026-11-02 >"$T/eod" 2>&1
like "loket eod says 2026-11-02 is closed already" "$T/eod" \
    '^MOF: 2026-11-02 is closed already$'
expect_status 0 "verify passes" loket verify
done_testing
