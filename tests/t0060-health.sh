#!/bin/sh
# loket health and loket pearls on a seeded book (loket demo: two
# branches, thirty members, a year of counter work), with a few general
# entries of the business day (a bank account, running costs, other
# income).  Each ratio is recomputed here from the trial balance, which
# comes from the same period totals: the assessment's own capital and
# cash ratio at the business date, and the PEARLS trend at each of the
# twelve month-ends.  The checklists are entered by a manager; a
# teller, an unknown list and answers of the wrong length or digits are
# refused and write nothing.
. "${top_srcdir:-.}/tests/lib.sh"
need python3
need pdftotext

"$LOKET" demo -q -D 2026-11-15 -M 12 -m 30 -s 3 "$D" >/dev/null 2>&1 || {
	echo "Bail out! loket demo failed"
	exit 1
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

# -- the checklists -------------------------------------------------------
refused 77 "a teller may not enter a checklist" \
    pw teller-pass health -b MOF checklist -u ani governance 112233
refused 65 "an unknown checklist is refused" \
    pw manager-pass health -b MOF checklist -u mira finance 112233
like "and the message names the lists" "$T/err" "governance, risk atau management"
refused 65 "five answers for six items are refused" \
    pw manager-pass health -b MOF checklist -u mira governance 11223
refused 65 "a 5 is not an answer" \
    pw manager-pass health -b MOF checklist -u mira risk 1235
refused 65 "nor is a letter" \
    pw manager-pass health -b MOF checklist -u mira risk 12a3
mark
ok "a manager enters the governance checklist" \
    pw manager-pass health -b MOF checklist -u mira governance 112233
ok "and the risk profile" \
    pw manager-pass health -b MOF checklist -u mira risk 1234
ok "and Perdep's management checklist" \
    pw manager-pass health -b MOF checklist -u mira management 11122
is "three entries written" "$(entries)" "$((n_mark + 3))"
en health -b MOF checklist >"$T/lists"
like "the checklists show their date" "$T/lists" '^governance \(2026-11-1[56]\)$'
like "and each answer" "$T/lists" '^   3\. \[2\] board and supervisors'
en verify >/dev/null
ok "loket verify accepts the checklist entries" en verify

# -- a few entries of the business day ------------------------------------
ok "a manager puts Rp 5.000.000 in the bank" \
    pw manager-pass ledger -b MOF -u mira 1110 1102 5000000
ok "pays Rp 1.000.000 of running costs" \
    pw manager-pass ledger -b MOF -u mira 5201 1102 1000000
ok "and takes Rp 3.000.000 of other income" \
    pw manager-pass ledger -b MOF -u mira 1102 4901 3000000

# -- the assessment --------------------------------------------------------
ok "loket health prints both regimes" en health -b MOF -r both
cp "$T/out" "$T/health"
like "Permenkop 9/2020's governance: 18 of 24" "$T/health" \
    '^governance: 75,00% of the best, 22,50 of 30 points$'
like "the risk profile: 10 of 16" "$T/health" \
    '^risk profile: 62,50% of the best, 9,37 of 15 points$'
like "Perdep's management: 18 of 20" "$T/health" \
    '^management: 90,00% of the best, 13,50 of 15 points$'
like "and a total with its predicate" "$T/health" \
    '^Total [0-9]+,[0-9]{2} of 100: (sound|fairly sound|under supervision|under special supervision)$'
date=$(sed -n 's/.*Health assessment at \([0-9-]*\).*/\1/p' "$T/health")
ok "the assessment is at the business date" test -n "$date"

ok "the same as CSV" en health -b MOF -c -r 2020
cp "$T/out" "$T/health.csv"
like "each ratio names its accounts" "$T/health.csv" \
    '^,denominator: 21xx \(not 2102\) \+ 22xx \+ 23xx \+ 29xx,'
en report -a -c trial >"$T/trial.csv"
from=$(python3 -c "import datetime,sys; d=datetime.date.fromisoformat(sys.argv[1]); print(d-datetime.timedelta(days=364))" "$date")
en report -a -c -p "$from..$date" trial >"$T/year.csv"

# The ratios again, from the trial balance: own capital / assets (C1),
# cash ratio (K5), expenses / income over the year (K3).
python3 - "$T/trial.csv" "$T/year.csv" "$T/health.csv" >"$T/check" <<'PY'
import csv, sys
def sen(s): return int(round(float(s) * 100))
bal = {}
for r in list(csv.reader(open(sys.argv[1])))[1:]:
	bal[int(r[0])] = sen(r[-1])
mv = {}
for r in list(csv.reader(open(sys.argv[2])))[1:]:
	mv[int(r[0])] = sen(r[3]) - sen(r[4])	# debit - credit
def s(f): return sum(v for k, v in bal.items() if f(k))
assets = s(lambda k: 1000 <= k < 2000) - 2 * bal.get(1209, 0) * 0
assets = sum(v if k != 1209 else -v for k, v in bal.items() if 1000 <= k < 2000)
own = bal[3101] + bal[3102] + s(lambda k: 3200 <= k < 3400)
cash = bal[1101] + bal[1102] + s(lambda k: 1100 <= k < 1200 and k not in (1101, 1102))
short = s(lambda k: 2100 <= k < 2200 and k != 2102) + s(lambda k: 2200 <= k < 2400 or 2900 <= k < 3000)
inc = -sum(v for k, v in mv.items() if 4000 <= k < 5000)
exp = sum(v for k, v in mv.items() if 5000 <= k < 6000)
def pct(n, d):
	if d <= 0: return "-"
	q = abs(n) * 10000 // d
	return "%s%d,%02d%%" % ("-" if n < 0 else "", q // 100, q % 100)
rows = {r[0]: r for r in csv.reader(open(sys.argv[3])) if r and r[0] in ("C1", "K3", "K5")}
for code, n, d in (("C1", own, assets), ("K5", cash, short), ("K3", exp, inc)):
	got = rows[code][4]
	print("%s %s %s" % (code, got, pct(n, d)))
PY
while read -r code got want; do
	is "$code from the trial balance: $want" "$got" "$want"
done <"$T/check"
is "three ratios checked" "$(wc -l <"$T/check" | tr -d ' ')" 3

ok "the assessment as PDF" en health -b MOF -r 2016 -o "$T/health.pdf"
pdftotext "$T/health.pdf" "$T/health.txt"
like "the PDF has the Perdep aspects" "$T/health.txt" 'independence and growth'

expect_status 0 "before the business date, each loan as it stood then" \
    en health -b MOF -D 2026-06-30
unlike "and the late loans' ratios are not left out" "$T/out" \
    "lateness is known from the business"
refused 65 "a date that is not one is refused" en health -b MOF -D 2026-13-01
refused 65 "and a regime other than 2020, 2016, both" en health -b MOF -r 2019
expect_status 64 "health bogus is a usage error" en health -b MOF bogus

# -- PEARLS: the trend is each month-end's ratios from the period totals --
ok "loket pearls prints CSV" en pearls -b MOF -c
cp "$T/out" "$T/pearls.csv"
like "E5's goal is beside it" "$T/pearls.csv" '^E5,savings / assets,.*,"70,00% - 80,00%",(yes|no)$'
python3 - "$T/pearls.csv" >"$T/ends" <<'PY'
import csv, sys
for r in csv.reader(open(sys.argv[1])):
	if r and len(r[0]) == 10 and r[0][4] == "-" and len(r) == 9:
		print(" ".join([r[0]] + [c.replace(" ", "") for c in r[1:]]))
PY
is "twelve month-ends in the trend" "$(wc -l <"$T/ends" | tr -d ' ')" 12
is "the last is October's" "$(tail -1 "$T/ends" | cut -d' ' -f1)" 2026-10-31
python3 - "$T/pearls.csv" >"$T/ends2" <<'PY'
import csv, sys
for r in csv.reader(open(sys.argv[1])):
	if r and len(r[0]) == 10 and r[0][4] == "-" and len(r) == 7:
		print(" ".join(r))
PY
n=0
while read -r end p1 p2 e1 e5 e6 e9 a1 a2; do
	en report -a -c -D "$end" trial >"$T/m.csv"
	want=$(python3 - "$T/m.csv" <<'PY'
import csv, sys
bal = {}
for r in list(csv.reader(open(sys.argv[1])))[1:]:
	bal[int(r[0])] = int(round(float(r[-1]) * 100))
assets = sum(v if k != 1209 else -v for k, v in bal.items() if 1000 <= k < 2000)
allow = bal.get(1209, 0)
sav = sum(v for k, v in bal.items() if 2100 <= k < 2200)
def pct(n, d):
	if d <= 0: return "-"
	q = abs(n) * 10000 // d
	return "%s%d,%02d%%" % ("-" if n < 0 else "", q // 100, q % 100)
bank = sum(v for k, v in bal.items() if 1100 <= k < 1200 and k not in (1101, 1102))
print(pct(bal[1201] - allow, assets), pct(sav, assets),
    pct(sum(v for k, v in bal.items() if 2400 <= k < 2900), assets),
    pct(assets - bal[1201] + allow - bank, assets))
PY
)
	is "$end: E1 E5 E6 A2 from that month-end's trial balance" \
	    "$e1 $e5 $e6 $a2" "$want"
	n=$((n + 1))
done <"$T/ends"
is "every month-end checked" "$n" 12
while read -r end r7 r9 l1 l2 s10 s11; do
	# that month-end, a year (365 days) before it, and the year between
	prev=$(python3 -c "import datetime,sys; d=datetime.date.fromisoformat(sys.argv[1]); print(d-datetime.timedelta(days=365))" "$end")
	first=$(python3 -c "import datetime,sys; d=datetime.date.fromisoformat(sys.argv[1]); print(d-datetime.timedelta(days=364))" "$end")
	en report -a -c -D "$end" trial >"$T/m.csv"
	en report -a -c -D "$prev" trial >"$T/p.csv"
	en report -a -c -p "$first..$end" trial >"$T/y.csv"
	want=$(python3 - "$T/m.csv" "$T/p.csv" "$T/y.csv" <<'PY'
import csv, sys
def bals(f):
	b = {}
	for r in list(csv.reader(open(f)))[1:]:
		b[int(r[0])] = int(round(float(r[-1]) * 100))
	return b
bal, old = bals(sys.argv[1]), bals(sys.argv[2])
mv = {}
for r in list(csv.reader(open(sys.argv[3])))[1:]:
	mv[int(r[0])] = int(round(float(r[3]) * 100)) - int(round(float(r[4]) * 100))
def assets(b): return sum(v if k != 1209 else -v for k, v in b.items() if 1000 <= k < 2000)
sav = sum(v for k, v in bal.items() if 2100 <= k < 2200)
cash = bal[1101] + bal[1102]
bank = sum(v for k, v in bal.items() if 1100 <= k < 1200 and k not in (1101, 1102))
pay = sum(v for k, v in bal.items() if 2200 <= k < 2400 or 2900 <= k < 3000)
opex = sum(v for k, v in mv.items() if 5000 <= k < 6000 and not 5100 <= k < 5200 and k != 5202)
def pct(n, d):
	if d <= 0: return "-"
	q = abs(n) * 10000 // d
	return "%s%d,%02d%%" % ("-" if n < 0 else "", q // 100, q % 100)
a, a0 = assets(bal), assets(old)
print(pct(opex, (a + a0) // 2), pct(cash + bank - pay, sav), pct(bank, sav),
    pct(a - a0, a0))
PY
)
	is "$end: R9 L1 L2 S11 from the period totals" "$r9 $l1 $l2 $s11" "$want"
done <"$T/ends2"
refused 65 "pearls refuses a date that is not one" en pearls -b MOF -D 2026-02-30

# -- the ministry's yearly data --------------------------------------------
ok "setting the cooperative's number" \
    pw manager-pass setting -b MOF -u mira ods.nik 5310010020000123
ok "and the RAT's date" pw manager-pass setting -b MOF -u mira ods.rat 20260321
ok "loket report ods 2026 prints CSV" en report -b MOF ods 2026
cp "$T/out" "$T/ods.csv"
is "a heading and one line" "$(wc -l <"$T/ods.csv" | tr -d ' ')" 2
python3 - "$T/ods.csv" "$T/trial.csv" >"$T/odscheck" <<'PY'
import csv, sys
r = list(csv.DictReader(open(sys.argv[1])))[0]
bal = {}
for t in list(csv.reader(open(sys.argv[2])))[1:]:
	bal[int(t[0])] = t[-1]
assets = sum(int(round(float(v) * 100)) * (-1 if k == 1209 else 1)
    for k, v in bal.items() if 1000 <= k < 2000)
print(r["nik"], r["rat"], int(r["men"]) + int(r["women"]),
    int(round(float(r["assets"]) * 100)) == assets)
PY
is "number, RAT, members and assets" "$(cat "$T/odscheck")" \
    "5310010020000123 2026-03-21 30 True"
ok "the signed report" en report -b MOF -o "$T/ods-2026" ods 2026
like "begins with its magic" "$T/ods-2026" '^loket-ods 1$'
like "and ends with the signature" "$T/ods-2026" '^sig [0-9a-f]{128}$'
ok "is under 2 KiB" test "$(wc -c <"$T/ods-2026")" -lt 2048
ok "the head office's key is kept in its data folder, 0600" \
    test "$(stat -c %a "$D/anchor.key")" = 600
refused 65 "a year not begun is refused" en report -b MOF ods 2031
refused 65 "and one that is not a year" en report -b MOF ods 20x6
expect_status 64 "ods takes one year" en report -b MOF ods

# On an 80-column terminal, in Indonesian, the assessment folds its
# long indicator names instead of running past the edge.  (PEARLS, with
# seven columns and its goals, stays 110 wide: its PDF is for reading.)
"$LOKET" -d "$D" health -b MOF -r both >"$T/h80"
is "health: no line wider than 80 columns" \
    "$(awk 'length > 80' "$T/h80" | wc -l)" 0
like "a long indicator folds, its figures on its last line" "$T/h80" \
    '^     [a-z].* [0-9]+ \([0-9]\)$'

done_testing
