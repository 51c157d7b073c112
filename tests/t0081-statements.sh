#!/bin/sh
# The financial statements of the demo cooperative, checked against
# each other, against the trial balance and against hledger reading the
# journal export: every balance sheet balances; the cash flow ends with
# the cash accounts' balance; the changes in equity are the equity
# accounts' movement; the income statement's totals are hledger's income
# and expenses; the comparison column is the same statement a year
# before; the portfolio and savings agree with their control accounts;
# the PDF shows the text report's figures.
. "${top_srcdir:-.}/tests/lib.sh"

need hledger
need pdftotext
need groff

DAY=2026-11-15
ok "a demo book of 300 members, open on $DAY" \
    "$LOKET" demo -q -m 300 -M 2 -D "$DAY" "$D"

# line CSV LABEL [COLUMN]: a statement line's amount (column 2 this
# period, 3 the year before).
line() {
	awk -F, -v l="$2" -v c="${3:-2}" '{ x = $1; gsub(/"/, "", x) }
	    x == l { print $c; exit }' "$1"
}
# trialsum SCOPE CODE...: the sum of accounts' natural balances in the
# trial balance at the end of $DAY.
trialsum() {
	local scope=$1
	shift
	loket report -c $scope -D "$DAY" trial | awk -F, -v codes="$*" '
	    BEGIN { n = split(codes, c, " "); for (i = 1; i <= n; i++) w[c[i]] = 1 }
	    $1 in w { s += $NF } END { printf "%.2f\n", s }'
}
add() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", a + b }'
}
sub() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", a - b }'
}

for scope in "-b MOF" "-b ENDE" "-a"; do
	s=$(echo "$scope" | tr -d ' -')
	en report -c $scope -D "$DAY" neraca >"$T/n.$s"
	a=$(line "$T/n.$s" "Total assets")
	le=$(line "$T/n.$s" "Total liabilities and equity")
	ok "$s: the balance sheet has a total" test -n "$a"
	is "$s: assets equal liabilities and equity" "$a" "$le"
	is "$s: total assets are the trial balance's assets" "$a" \
	    "$(trialsum "$scope" 1101 1102 1110 1120 1201 1202 1209 1301 1401 1501 1509)"
	is "$s: cash is 1101 and 1102" "$(line "$T/n.$s" Cash)" \
	    "$(trialsum "$scope" 1101 1102)"

	en report -c $scope -D "$DAY" kas >"$T/k.$s"
	is "$s: the cash flow ends with the cash accounts" \
	    "$(line "$T/k.$s" "Cash at the end of the period")" \
	    "$(trialsum "$scope" 1101 1102 1110)"
	is "$s: start plus net increase is the end" \
	    "$(add "$(line "$T/k.$s" "Cash at the start of the period")" \
	    "$(line "$T/k.$s" "Net increase in cash")")" \
	    "$(line "$T/k.$s" "Cash at the end of the period")"
	is "$s: the three activities add up to the net increase" \
	    "$(add "$(add "$(line "$T/k.$s" "Net cash from operating activities")" \
	    "$(line "$T/k.$s" "Net cash from investing activities")")" \
	    "$(line "$T/k.$s" "Net cash from financing activities")")" \
	    "$(line "$T/k.$s" "Net increase in cash")"

	en report -c $scope -D "$DAY" ekuitas >"$T/e.$s"
	is "$s: equity's changes are the end less the start" \
	    "$(sub "$(line "$T/e.$s" "Equity at the end of the period")" \
	    "$(line "$T/e.$s" "Equity at the start of the period")")" \
	    "$(line "$T/e.$s" "Total changes")"
	is "$s: equity at the end is the balance sheet's" \
	    "$(line "$T/e.$s" "Equity at the end of the period")" \
	    "$(line "$T/n.$s" "Total equity")"
	is "$s: pokok's change is 3101's movement this year" \
	    "$(line "$T/e.$s" "Principal savings (pokok)")" \
	    "$(trialsum "$scope" 3101)"

	en report -c $scope -D "$DAY" savings >"$T/s.$s"
	is "$s: savings are the four control accounts" \
	    "$(awk -F, '$1 == "total" { print $3 }' "$T/s.$s")" \
	    "$(trialsum "$scope" 3101 3102 2101 2102)"
	en report -c $scope -D "$DAY" portfolio >"$T/p.$s"
	is "$s: the portfolio's outstanding is 1201" \
	    "$(awk -F, '$1 == "total" { print $3; exit }' "$T/p.$s")" \
	    "$(trialsum "$scope" 1201)"
	en report -c $scope -p 2026-01-01.."$DAY" members >"$T/m.$s"
	is "$s: members active at the end are those who joined less those who left" \
	    "$(awk -F, '$1 == "active at the end" { print $4 }' "$T/m.$s")" \
	    "$(awk -F, '$1 == "joined" { j = $4 } $1 == "left" { l = $4 }
	    $1 == "active at the start" { s = $4 } END { print s + j - l }' \
	    "$T/m.$s")"

	# A year later, the comparison column is today's figures.
	en report -c $scope -D 2027-11-15 neraca >"$T/n2.$s"
	is "$s: the balance sheet a year on shows today's beside it" \
	    "$(line "$T/n2.$s" "Total assets" 3)" "$a"
done

# The income statement against hledger, branch by branch.
for b in MOF ENDE; do
	expect_status 0 "$b: the journal is exported" \
	    loket export -b "$b" -o "$T/$b.journal" ledger
	en report -c -b "$b" -p 2026-01-01.."$DAY" phu >"$T/phu.$b"
	inc=$(hledger -f "$T/$b.journal" bal -N --depth 1 -O csv \
	    -b 2026-01-01 -e 2026-11-16 Pendapatan | awk -F, 'NR == 2 {
	    gsub(/"|IDR| /, "", $2); printf "%.2f\n", -$2 }')
	exp=$(hledger -f "$T/$b.journal" bal -N --depth 1 -O csv \
	    -b 2026-01-01 -e 2026-11-16 Beban | awk -F, 'NR == 2 {
	    gsub(/"|IDR| /, "", $2); printf "%.2f\n", $2 }')
	is "$b: total income is hledger's" \
	    "$(line "$T/phu.$b" "Total income")" "${inc:-0.00}"
	is "$b: total expenses are hledger's" \
	    "$(line "$T/phu.$b" "Total expenses")" "${exp:-0.00}"
	is "$b: the period's SHU is their difference" \
	    "$(line "$T/phu.$b" "SHU of the period")" \
	    "$(sub "${inc:-0}" "${exp:-0}")"
done

# At 80 columns, in Indonesian (the longer labels), no line is wider
# and no label is cut: a long one folds, its amounts on its last line.
for r in neraca phu kas ekuitas portfolio savings members; do
	loket report -b MOF -p 2026-01-01.."$DAY" "$r" >"$T/id.$r"
	is "$r in Indonesian: no line wider than 80 columns" \
	    "$(LC_ALL=C.UTF-8 awk 'length > 80' "$T/id.$r" | wc -l)" 0
	unlike "$r in Indonesian: no label cut with ~" "$T/id.$r" '~'
done
like "phu: a long label folds onto a second line" "$T/id.phu" \
    '^  Pendapatan administrasi dan$'
like "with its amounts on that line" "$T/id.phu" \
    '^  provisi +Rp [0-9.]+ +Rp [0-9.]+$'

# The PDF shows the text report's figures, in the same order.
en report -b MOF -D "$DAY" neraca >"$T/neraca.txt"
expect_status 0 "the balance sheet as a PDF" \
    en report -b MOF -D "$DAY" -o "$T/neraca.pdf" neraca
pdftotext -layout "$T/neraca.pdf" "$T/neraca.pdftxt"
grep -o 'Rp [0-9.]*' "$T/neraca.txt" >"$T/amounts.txt"
grep -o 'Rp [0-9.]*' "$T/neraca.pdftxt" >"$T/amounts.pdf"
ok "the text report has its amounts" test -s "$T/amounts.txt"
ok "the PDF shows the same amounts" cmp "$T/amounts.txt" "$T/amounts.pdf"
like "and the cooperative's name" "$T/neraca.pdftxt" 'Kopdit'
expect_status 0 "-P prints the PDF with the receipts' command" \
    env LOKET_PRINT="cat >'$T/printed.pdf'" "$LOKET" -d "$D" report -b MOF \
    -D "$DAY" -P neraca
is "the printer got a PDF" "$(head -c 4 "$T/printed.pdf")" "%PDF"
expect_status 73 "a printer that fails is an error" \
    env LOKET_PRINT="exit 3" "$LOKET" -d "$D" report -b MOF -P neraca
like "and says so" "$T/err" 'exit 3'
expect_status 73 "a PDF into a folder that is not there is refused" \
    en report -b MOF -o "$T/no/such/neraca.pdf" neraca
expect_status 64 "an unknown report is a usage error" \
    loket report -b MOF ledger
# A past day that is not a month end: each loan as it stood, from the
# journal; its principal is 1201's balance that day, and the allowance
# booked is 1209's.
for scope in "-b MOF" "-a"; do
	s=$(echo "$scope" | tr -d ' -')
	en report -c $scope -D 2026-11-03 portfolio >"$T/p3.$s"
	is "$s: 3 November's portfolio is 1201 on 3 November" \
	    "$(awk -F, '$1 == "total" { print $3; exit }' "$T/p3.$s")" \
	    "$(DAY=2026-11-03 trialsum "$scope" 1201)"
	is "$s: and its allowance booked is 1209 then" \
	    "$(awk -F, '$1 == "allowance booked" { print $2 }' "$T/p3.$s")" \
	    "$(sub 0 "$(DAY=2026-11-03 trialsum "$scope" 1209)")"
done
en report -b MOF -D 2026-11-03 portfolio >"$T/p3.txt"
like "the text says it was rebuilt from the journal" "$T/p3.txt" \
    'No month end: each loan as it stood that day, from the journal\.'

done_testing
