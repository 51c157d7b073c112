#!/bin/sh
# The console's loan screen (F11): a teller applies for a member's loan,
# the same teller cannot approve it, a supervisor does and disburses it to
# the member's sukarela, and the teller takes a repayment in cash; the
# books are then read back with loket loan show.
. "${top_srcdir:-.}/tests/lib.sh"
need tmux

"$LOKET" demo -q -m 20 -M 0 "$D" >/dev/null || {
	echo "Bail out! loket demo failed"
	exit 1
}
export LOKET_LANG=en
printf 'manager-pass\n' | loket loan -b MOF -u mira -r 150 -t 24 product \
    KUM "Kredit Usaha Mikro" >/dev/null
printf 'teller-pass\n' | loket drawer -b MOF -u ani open 2.000.000 >/dev/null

console_start LOKET_BRANCH=MOF LOKET_IDLE=0
on_screen "the console opens" 'MOF Cabang Maumere'
type_text ani; keys Enter; type_text teller-pass; keys Enter
type_text MOF-000003; keys Enter
on_screen "the member view" 'MOF-000003'
keys F11
on_screen "F11 opens the member's loans" 'No loans'
type_text n
on_screen "n asks for a product, principal and term" 'Term \(months\)'
keys Tab; type_text 1.200.000; keys Tab; type_text 12; keys Enter
on_screen "and asks before posting" 'Post this\?'
keys Enter
on_screen "the application is posted" 'loan 1 waits for approval'
on_screen "and listed as applied" '^  1 +KUM +Rp 1\.200\.000 .* applied'
type_text a
on_screen "approving asks, on a line of its own" '^  Post this\? Enter: yes, Esc: no$'
keys Enter
on_screen "the teller who applied cannot approve" 'role may not|may not approve|approve'
keys F10
on_screen "sign out" 'Sign in'
type_text sisi; keys Enter; type_text super-pass; keys Enter
type_text MOF-000003; keys Enter; keys F11
type_text a; keys Enter
on_screen "a supervisor approves it" 'Loan 1 approved'
type_text d; keys Right; keys Enter; keys Enter
on_screen "disbursed to sukarela, with a receipt" 'LOAN DISBURSEMENT'
keys Escape
loket loan -b MOF show 1 >"$T/show"
like "loan show: active" "$T/show" '^State +(active|aktif)'
like "loan show: approved by sisi" "$T/show" '^Approved .* sisi'
like "loan show: outstanding Rp 1.200.000" "$T/show" '^Outstanding +Rp 1\.200\.000$'
keys F10
type_text ani; keys Enter; type_text teller-pass; keys Enter
type_text MOF-000003; keys Enter; keys F11
type_text r
on_screen "the repayment form shows the payoff" 'Payoff \(all that is owed today\): Rp 1\.200\.000'
type_text 200.000; keys Enter; keys Enter
on_screen "cash, and it asks before posting" 'Post this\?'
keys Enter
on_screen "the repayment's receipt" 'dua ratus ribu rupiah'
on_screen "the repayment's receipt tells what is left of the loan" \
    '^    Loan 1 balance +Rp 1\.018\.000$'
not_on_screen "not the sukarela it did not touch" 'Sukarela balance'
on_screen "the whole receipt fits 80x24, down to its signature line" \
    'Member.s signature'
keys Enter
loket loan -b MOF show 1 >"$T/show"
# Paid before the first due date: instalment 1 in advance (Rp 100.000
# and Rp 18.000 of interest), and Rp 82.000 prepaid.
like "loan show: outstanding Rp 1.018.000 after it" "$T/show" '^Outstanding +Rp 1\.018\.000$'
like "loan show: Rp 18.000 of interest paid in advance" "$T/show" '^Interest paid +Rp 18\.000$'
# The member's statement names the loan by its own number, whole.
keys F6
on_screen "the statement opens" 'p: print the statement'
keys NPage NPage NPage NPage NPage NPage
on_screen "the statement shows the repayment on loan 1" 'loan 1 +-Rp 182\.000 +Rp 1\.018\.000'
keys Escape

# In Indonesian: the application's message is translated (its po entry
# needs c-format for the %<PRIu64> in it).
console_stop
console_start LOKET_BRANCH=MOF LOKET_IDLE=0 LOKET_LANG=id
on_screen "a console in Indonesian" 'MOF Cabang Maumere'
type_text ani; keys Enter; type_text teller-pass; keys Enter
type_text MOF-000003; keys Enter; keys F11
type_text n; keys Tab; type_text 500.000; keys Tab; type_text 6; keys Enter
on_screen "asks in Indonesian, on a line of its own" '^  Bukukan\? Enter: ya, Esc: tidak$'
keys Enter
on_screen "the application's message is in Indonesian" \
    'Diajukan: pinjaman 2 menunggu persetujuan\.'
expect_status 0 "verify passes" loket verify
done_testing
