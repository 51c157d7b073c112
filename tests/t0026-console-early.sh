#!/bin/sh
# Issue 15, items 1 and 2 at the console (80x24): a member pays her
# Rp 124.000 instalment three days before the due date, on market day.
# The repayment form offers what is due (here the next instalment, as
# nothing is due yet) apart from the payoff; the amount is required, so
# Enter, Enter never posts the payoff; the confirmation says the amount,
# the account, the member and the split; after Esc the cursor is on the
# amount, where digits are typed, not dropped.  Nine days after the due
# date the loan is current with no penalty.  The deposit's confirmation
# says the account and the member too.
. "${top_srcdir:-.}/tests/lib.sh"
need tmux

"$LOKET" demo -q -m 20 -M 0 "$D" >/dev/null || {
	echo "Bail out! loket demo failed"
	exit 1
}
export LOKET_LANG=en
# eod_step: sisi closes the business day (kept in $T/date; the demo's
# open day is today, which eod closes without -D).
: >"$T/date"
eod_step() {
	if [ -s "$T/date" ]; then
		set -- -D "$(cat "$T/date")"
	fi
	printf 'super-pass\n' | loket eod -b MOF "$@" -u sisi >"$T/eod" 2>&1 ||
	    return 1
	sed -n 's/.*business date now \([0-9-]*\)$/\1/p' "$T/eod" >"$T/date"
}
eod_until() {
	while [ "$(cat "$T/date")" != "$1" ]; do
		eod_step || return 1
	done
}
field() {
	sed -n "s/^$1   *//p" "$T/show"
}

ok "the demo's open day closes" eod_step
printf 'manager-pass\n' | loket loan -b MOF -u mira -m flat -r 240 -F 0 \
    -P 0 -t 12 product PASAR "Pinjaman pasar" >/dev/null
printf 'teller-pass\n' | loket loan -b MOF -u ani apply MOF-000004 PASAR \
    1.000.000 10 >/dev/null
printf 'super-pass\n' | loket loan -b MOF -u sisi approve 1 >/dev/null
ok "Rp 1.000.000 over 10 months, flat 2.4%, to sukarela" \
    sh -c "printf 'teller-pass\n' | '$LOKET' -d '$D' loan -b MOF -u ani -s \
    disburse 1"
loket loan -b MOF show 1 >"$T/show"
due=$(field 'Next instalment' | cut -d' ' -f1)
like "the instalment is Rp 124.000" "$T/show" \
    '^Next instalment +[0-9-]+ Rp 124\.000$'
ok "the days close until three days before $due" \
    eod_until "$(date -d "$due - 3 days" +%F)"

console_start LOKET_BRANCH=MOF LOKET_IDLE=0
on_screen "the console opens" 'MOF Cabang Maumere'
type_text ani; keys Enter; type_text teller-pass; keys Enter
type_text MOF-000004; keys Enter
on_screen "the member view" 'MOF-000004'
keys F11
on_screen "her loan" '^  1 +PASAR +Rp 1\.000\.000 '
type_text r
on_screen "nothing is due yet" 'Due now: Rp 0 \(of it penalty Rp 0\)'
on_screen "the next instalment, apart" "Next instalment: Rp 124\\.000 on $due"
on_screen "and the payoff, apart" 'Payoff \(all that is owed today\): Rp 1\.000\.000'
on_screen "the amount offered is the next instalment" \
    'Amount \(Rp\) +124\.000 *$'
keys C-u; keys Enter; keys Enter
on_screen "an empty amount is refused" 'this is needed'
not_on_screen "and nothing is asked" 'Post this\?'
type_text 2.000.000; keys Enter
on_screen "more than the payoff says what settles it" \
    'more than the payoff: Rp 1\.000\.000 settles the loan'
keys C-u; type_text 124.000; keys Enter; keys Right; keys Enter
on_screen "the confirmation says the amount and the account" \
    'Repayment of loan 1201\.1: Rp 124\.000 from sukarela'
on_screen "the member" 'Member: MOF-000004 '
on_screen "the split" 'Penalty Rp 0, interest Rp 24\.000, principal Rp 100\.000'
on_screen "all of it the next instalment, in advance" \
    'next instalment in advance Rp 124\.000, prepaid principal Rp 0'
keys Escape
off_screen "Esc takes the question away" 'Post this\?'
type_text 5
on_screen "after Esc digits go to the amount, replacing it" \
    'Amount \(Rp\) +5 *$'
keys C-u; type_text 124.000; keys Enter; keys Enter
on_screen "asked again" 'Post this\?'
keys Enter
on_screen "the receipt" 'seratus dua puluh empat ribu rupiah'
keys Escape
# Item 9: the visit goes on with the same member.
on_screen "after the receipt, the member again" '^  Address: .*, '
on_screen "with her loan" \
    '1201\.1 +PASAR +Rp 900\.000 left, due now Rp 0, 0 days late$'
on_screen "her phone" 'Phone'
on_screen "the repayment among the latest entries, in words" \
    'loan repayment +-Rp 124\.000$'
keys F11; type_text s
on_screen "the schedule shows the payment in advance as a line" \
    "^ +$(date -d "$due - 3 days" +%F) +Rp 124\\.000 in advance$"
on_screen "and instalment 1 paid" "^ +1 +$due +Rp 100\\.000 +Rp 24\\.000 +yes$"
keys Escape; keys Escape
on_screen "back on the member" '^  Address: '

ok "the days close until nine days after the due date" \
    eod_until "$(date -d "$due + 9 days" +%F)"
loket loan -b MOF show 1 >"$T/show"
is "paid in advance: not late" "$(field 'Days past due')" 0
is "current (lancar)" "$(field Collectability)" current
is "no penalty" "$(field Penalty)" "Rp 0"
is "no provision" "$(field Provision)" "Rp 0"
is "Rp 900.000 outstanding" "$(field Outstanding)" "Rp 900.000"

# Item 9: the member's statement covers every account, as a command.
loket member -b MOF statement MOF-000004 >"$T/stmt"
like "the statement: the loan paid out, signed, with its balance" "$T/stmt" \
    ' loan disbursed +loan 1 +\+1\.000\.000 +1\.000\.000$'
like "the instalment out of sukarela" "$T/stmt" \
    ' loan repayment +sukarela +-124\.000 '
like "and the loan down by its principal" "$T/stmt" \
    ' loan repayment +loan 1 +-100\.000 +900\.000$'
like "pokok and wajib are there too" "$T/stmt" '^  pokok +Rp 100\.000$'
like "and the loan's balance at the end" "$T/stmt" '^  loan 1 +Rp 900\.000$'
is "the statement fits 80 columns, to print as it is" \
    "$(awk 'length > 80' "$T/stmt" | wc -l)" 0
loket member -b MOF -p "$due.." statement MOF-000004 >"$T/stmt2"
like "from the due date: the loan brought forward" "$T/stmt2" \
    'brought forward +loan 1 +900\.000$'
unlike "and nothing before it" "$T/stmt2" 'loan disbursed'
expect_status 65 "a period that is no period is refused" \
    loket member -b MOF -p 2027-13-01.. statement MOF-000004
like "and says how to write one" "$T/err" 'FROM\.\.TO'
keys F6
on_screen "F6: the statement of every account" \
    'loan repayment +loan 1 +-Rp 100\.000'
type_text p
on_screen "p prints it" 'Statement printed'
eventually "where receipts go" "$T/receipts" 'Statement of MOF-000004'
keys Escape

# The deposit's question says what it posts.
printf 'teller-pass\n' | loket drawer -b MOF -u ani open 0 >/dev/null
keys F3
on_screen "the deposit form" 'Amount \(Rp\)'
keys Right; keys Tab; type_text 50.000; keys Enter
on_screen "the deposit says account and member" \
    'Rp 50\.000 in cash into wajib of MOF-000004'
keys Escape
type_text 25.000; keys Enter
on_screen "after Esc the amount is typed again" \
    'Rp 25\.000 in cash into wajib of MOF-000004'
keys Escape; keys Escape
expect_status 0 "verify passes" loket verify
done_testing
