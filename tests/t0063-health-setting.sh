#!/bin/sh
# The health assessment's and PEARLS' thresholds are rows of the one
# settings table (issues 14 and 16): shown in their units, refused out of
# range or not in their unit with the range in the message and nothing
# written (by loket setting and by the store itself), and read by loket
# health.  A small book whose every ratio is worked by hand below: a
# change of an edge and of a predicate's bound moves the score and the
# predicate as the hand computation says.
. "${top_srcdir:-.}/tests/lib.sh"

ADMIN=admin-pass
POST=$top_builddir/tests/tools/sync-post

forge() {
	"$POST" -d "$D" -b MOF -u admin -k "$1"
}

make_book
printf 'admin-pass\nmanager-pass\n' |
    loket user -u admin add mira manager "Mira Wuwur" >/dev/null ||
    { echo "Bail out! user add mira"; exit 1; }

# ---------------------------------------------------------------------
# 1. Shown in their units, each in the table.
is "1. an edge in percent" "$(setting_shown health.p20.K4.e1)" "1,25%"
is "1. an aspect's weight in points" "$(setting_shown health.p20.weight.finance)" \
    "40 points"
is "1. a predicate's bound in points with decimals" \
    "$(setting_shown health.p20.sehat)" "80,01 points"
is "1. a PEARLS goal" "$(setting_shown pearls.E5.min)" "70%"
is "1. a goal that is none" "$(setting_shown pearls.E6.min)" "none"
is "1. the regime by its name" "$(setting_shown health.regime)" "2020"
is "1. the RAT's date, not known yet" "$(setting_shown ods.rat)" "none"
en setting -l >"$T/table"
is "1. all 120 of health's settings are rows of the table" \
    "$(grep -cE '^(health|pearls|ods)\.' "$T/table")" 120
like "1. with unit, range and default" "$T/table" \
    '^health\.p20\.K1\.e1: percent; range 0% to 100%; default 5%$'

# ---------------------------------------------------------------------
# 2. Refused through loket setting, the range in the message.
refused 65 "2. an edge of 150% for a share is refused" \
    pw_en "$ADMIN" setting -u admin health.p20.K1.e1 150%
like "2. and the message gives unit and range" "$T/err" \
    'health.p20.K1.e1: 150%: .*percent, 0% to 100%'
is "2. the edge is still 5%" "$(setting_shown health.p20.K1.e1)" "5%"
refused 65 "2. a weight of 101 points is refused" \
    pw_en "$ADMIN" setting -u admin health.p20.weight.governance 101
like "2. and the message gives the range in points" "$T/err" \
    'points, 0 to 100'
refused 65 "2. words where a percent belongs are refused" \
    pw_en "$ADMIN" setting -u admin health.p20.K3.e1 delapan-puluh
refused 65 "2. a goal below zero is refused (typed after --)" \
    pw_en "$ADMIN" setting -u admin -- pearls.E5.min -5%
like "2. and the message says none is one" "$T/err" \
    '0% to 100%, or none'
refused 65 "2. a bound with three decimals is refused" \
    pw_en "$ADMIN" setting -u admin health.p20.sehat 80,001
refused 65 "2. a return-on-assets edge below -100% is refused" \
    pw_en "$ADMIN" setting -u admin -- health.p20.K4.e3 -101%
like "2. and the message gives the range below zero" "$T/err" \
    'percent, -100% to 100%'
expect_status 0 "2. a return-on-assets edge of -0,25% is taken" \
    pw_en "$ADMIN" setting -u admin -- health.p20.K4.e3 -0,25%
is "2. says so" "$(cat "$T/out")" "health.p20.K4.e3 = -0,25%"
refused 65 "2. a date that is not one is refused" \
    pw_en "$ADMIN" setting -u admin ods.rat 2026-02-30
like "2. and the message says how to write one" "$T/err" \
    'date, YYYY-MM-DD or none'
refused 65 "2. a regime that is not one is refused" \
    pw_en "$ADMIN" setting -u admin health.regime 2019
like "2. and the message lists the regimes" "$T/err" '2020 \| 2016 \| both'
refused 65 "2. a cooperative number of 17 digits is refused" \
    pw_en "$ADMIN" setting -u admin ods.nik 53100100200001234

# ---------------------------------------------------------------------
# 3. The store refuses forged entries out of range, and takes entries as
# health's settings were written before they were rows of the table
# (whole numbers in the stored unit, -1 for a goal that is none).
refused 1 "3. the store refuses a weight of 101" \
    forge health.p20.weight.governance=101
like "3. saying why" "$T/err" 'range'
refused 1 "3. the store refuses a goal of -2" forge pearls.E1.min=-2
refused 1 "3. the store refuses a share of 100,01%" \
    forge health.p20.K1.e1=10001
refused 1 "3. the store refuses a date that is not one" \
    forge ods.rat=20261301
expect_status 0 "3. an old entry: a goal of -1 is none" \
    forge pearls.E1.max=-1
is "3. shown as none" "$(setting_shown pearls.E1.max)" "none"
expect_status 0 "3. an old entry: an edge of -50 basis points" \
    forge health.p20.K4.e3=-50
is "3. shown as -0,5%" "$(setting_shown health.p20.K4.e3)" "-0,5%"
expect_status 0 "3. an old entry: the RAT's date as YYYYMMDD" \
    forge ods.rat=20260321
is "3. shown as a date" "$(setting_shown ods.rat)" "2026-03-21"
ok "3. loket verify agrees" en verify

# ---------------------------------------------------------------------
# 4. The book: both checklists at their best, Rp 10.000.000 of reserves
# in cash, Rp 3.000.000 of other income, Rp 2.400.000 of costs.
ok "4. the governance checklist, all 1" \
    pw manager-pass health checklist -u mira governance 111111
ok "4. the risk profile, all 1" \
    pw manager-pass health checklist -u mira risk 1111
ok "4. reserves of Rp 10.000.000" \
    pw manager-pass ledger -u mira 1102 3201 10000000
ok "4. other income of Rp 3.000.000" \
    pw manager-pass ledger -u mira 1102 4901 3000000
ok "4. running costs of Rp 2.400.000" \
    pw manager-pass ledger -u mira 5201 1102 2400000
# By hand, Permenkop 9/2020 at the defaults.  Assets 10.600.000, own
# capital 10.000.000, income 3.000.000, expenses 2.400.000, no loans, no
# savings.  Governance 24/24 of 30 = 30,00; risk 16/16 of 15 = 15,00.
# Finance: K1, K2 nothing to measure, best: 4 + 4; K3 2,4/3 = 80,00%,
# at most 80% (e1): 4; K4 0,6/10,6 = 5,66% >= 1,25%: 4; K5 no short
# debts: 1; K6 0%: 1; K7 0%: 1; 19/28 = 67,85% of 40 = 27,14.
# Capital: C1 10/10,6 = 94,33% >= 20%: 4; C2 no loans: 1; 5/8 = 62,50%
# of 15 = 9,37.  Total 30 + 15 + 27,14 + 9,37 = 81,51 >= 80,01: sound.
# row FILE CODE: an indicator's row of the text report on one line (at
# 80 columns a long name folds, its figures on the row's last line).
row() {
	awk -v c="$2" '$1 == c { f = 1; s = "" }
	    f { sub(/^ +/, ""); s = s (s == "" ? "" : " ") $0 }
	    f && /\([0-9]\)$/ { print s; exit }' "$1"
}
en health -r 2020 >"$T/h1"
row "$T/h1" K3 >"$T/k3.1"
like "4. K3 is 80,00%, nilai 1" "$T/k3.1" '^K3 .* 80,00% 4 \(1\)$'
like "4. finance 67,85% of the best" "$T/h1" \
    '^financial performance: 67,85% of the best, 27,14 of 40 points$'
like "4. the total is 81,51: sound" "$T/h1" '^Total 81,51 of 100: sound$'

# ---------------------------------------------------------------------
# 5. K3's first edge at 79,99%: 80,00% is now nilai 2 (at most 90%),
# score 3; finance 18/28 = 64,28% of 40 = 25,71; total 30 + 15 + 25,71 +
# 9,37 = 80,08, still sound.
expect_status 0 "5. K3's first edge typed as 79,99%" \
    pw_en "$ADMIN" setting -u admin health.p20.K3.e1 79,99%
is "5. says so" "$(cat "$T/out")" "health.p20.K3.e1 = 79,99%"
en health -r 2020 >"$T/h2"
row "$T/h2" K3 >"$T/k3.2"
like "5. K3 is now nilai 2" "$T/k3.2" '^K3 .* 80,00% 3 \(2\)$'
like "5. finance 64,28% of the best" "$T/h2" \
    '^financial performance: 64,28% of the best, 25,71 of 40 points$'
like "5. the total is 80,08: sound" "$T/h2" '^Total 80,08 of 100: sound$'
# Sound from 80,09: 80,08 is fairly sound (from 66).
expect_status 0 "5. sound from 80,09 points" \
    pw_en "$ADMIN" setting -u admin health.p20.sehat 80,09
is "5. says so in points" "$(cat "$T/out")" "health.p20.sehat = 80,09 points"
is "5. and lists it" "$(setting_shown health.p20.sehat)" "80,09 points"
en health -r 2020 >"$T/h3"
like "5. the total 80,08 is now fairly sound" "$T/h3" \
    '^Total 80,08 of 100: fairly sound$'
expect_status 0 "5. the regime by its name: both" \
    pw_en "$ADMIN" setting -u admin health.regime both
en health >"$T/h4"
like "5. loket health without -r prints Perdep 06/2016 too" "$T/h4" \
    '^Perdep 06/2016'
ok "5. loket verify agrees" en verify

done_testing
