#!/bin/sh
# Settings with ranges (issue 16): every setting has a unit, a range and a
# default in one table; a value outside it, or not in its unit, is
# refused with the range in the message and nothing written, by loket
# setting and by the store itself (a forged setting entry); values are
# shown and typed in their units; a change read at month end is pending
# until the month end; loket-setting(8) lists every row of the table.
. "${top_srcdir:-.}/tests/lib.sh"

ADMIN=admin-pass
POST=$top_builddir/tests/tools/sync-post


make_book

# ---------------------------------------------------------------------
# 1. Shown in their units.
is "1. the pokok is shown in Rupiah" "$(setting_shown savings.pokok)" "Rp 100.000"
is "1. the sukarela rate in percent" "$(setting_shown savings.sukarela.rate_bp)" "3%"
is "1. a loan rate with a decimal comma" "$(setting_shown loan.rate_bp)" "1,5%"
is "1. the tax in percent" "$(setting_shown savings.tax.pct)" "10%"
is "1. the longest loan term in months" "$(setting_shown loan.max_term)" "36 months"
is "1. the drawer difference limit is Rp 50.000" \
    "$(setting_shown limit.drawer.difference)" "Rp 50.000"
is "1. the large-cash threshold is Rp 500.000.000 (PPATK)" \
    "$(setting_shown limit.cash.report)" "Rp 500.000.000"

# ---------------------------------------------------------------------
# 2. The issue's findings, through loket setting: refused, the range in
# the message, nothing written.
refused 65 "2. a tax of 500% is refused" \
    pw_en "$ADMIN" setting -u admin savings.tax.pct 500%
like "2. and the message gives the range" "$T/err" \
    'savings.tax.pct: 500%: .*percent, 0% to 100%'
is "2. the tax is still 10%" "$(setting_shown savings.tax.pct)" "10%"
refused 65 "2. a rate of 10^12 basis points (10^10%) is refused" \
    pw_en "$ADMIN" setting -u admin loan.rate_bp 10000000000%
like "2. and the message gives the range" "$T/err" '0% to 10%'
refused 65 "2. a value past int64 is refused, not ignored" \
    pw_en "$ADMIN" setting -u admin user.lockout 99999999999999999999999
like "2. and the message gives the range" "$T/err" 'count, 0 to 100'
refused 65 "2. INT64_MAX is refused" \
    pw_en "$ADMIN" setting -u admin user.lockout 9223372036854775807
refused 65 "2. INT64_MAX sen as the wajib is refused" \
    pw_en "$ADMIN" setting -u admin savings.wajib 92233720368547758,07
like "2. and the message gives the range in Rupiah" "$T/err" \
    'Rupiah, Rp 0 to Rp 10.000.000'
refused 65 "2. a word where a percent belongs is refused" \
    pw_en "$ADMIN" setting -u admin savings.tax.pct sepuluh
refused 65 "2. a whole percent with decimals is refused" \
    pw_en "$ADMIN" setting -u admin savings.tax.pct 7,5%
refused 65 "2. a rate with three decimals is refused" \
    pw_en "$ADMIN" setting -u admin savings.sukarela.rate_bp 1,125%
refused 65 "2. a choice that is not one is refused" \
    pw_en "$ADMIN" setting -u admin loan.method balloon
like "2. and the message lists the choices" "$T/err" \
    'flat | declining | annuity'
refused 65 "2. a large-cash threshold above PPATK's Rp 500 juta is refused" \
    pw_en "$ADMIN" setting -u admin limit.cash.report 600.000.000
refused 65 "2. an unknown setting is refused" \
    pw_en "$ADMIN" setting -u admin savings.rate 5

# ---------------------------------------------------------------------
# 3. The same values in a forged setting entry, posted with the store
# library as an insider would: the store refuses them itself.
forge() {
	"$POST" -d "$D" -b MOF -u admin -k "$1"
}
refused 1 "3. the store refuses a tax of 500" forge savings.tax.pct=500
like "3. saying why" "$T/err" 'range'
refused 1 "3. the store refuses a rate of 10^12 basis points" \
    forge loan.rate_bp=1000000000000
refused 1 "3. the store refuses a value past int64" \
    forge user.lockout=99999999999999999999999
refused 1 "3. the store refuses INT64_MAX" \
    forge savings.wajib=9223372036854775807
refused 1 "3. the store refuses a negative amount" forge savings.pokok=-1
refused 1 "3. the store refuses an amount in Rupiah form" \
    forge "savings.pokok=Rp 100.000"
refused 1 "3. the store refuses a sukarela interest rate of 51%" \
    forge savings.sukarela.rate_bp=5100
expect_status 0 "3. a forged entry in range is taken (4,5%)" \
    forge savings.berjangka.rate_bp=450
is "3. and shown as 4,5%" "$(setting_shown savings.berjangka.rate_bp)" "4,5%"
ok "3. loket verify agrees" en verify

# ---------------------------------------------------------------------
# 4. Typed in their units.
expect_status 0 "4. the pokok typed as Rp 150.000" \
    pw_en "$ADMIN" setting -u admin savings.pokok "Rp 150.000"
is "4. says so" "$(cat "$T/out")" "savings.pokok = Rp 150.000"
is "4. and lists it" "$(setting_shown savings.pokok)" "Rp 150.000"
expect_status 0 "4. the loan rate typed as 1,75%" \
    pw_en "$ADMIN" setting -u admin loan.rate_bp 1,75%
is "4. listed as 1,75%" "$(setting_shown loan.rate_bp)" "1,75%"
expect_status 0 "4. the average method by its name" \
    pw_en "$ADMIN" setting -u admin savings.sukarela.average average
is "4. listed by its name" "$(setting_shown savings.sukarela.average)" "average"
expect_status 0 "4. the largest tax, 100%, is taken" \
    pw_en "$ADMIN" setting -u admin savings.tax.pct 100%

# ---------------------------------------------------------------------
# 5. Pending: what is read at month end waits for it.
expect_status 0 "5. the tax set to 15% in November" \
    pw_en "$ADMIN" setting -u admin savings.tax.pct 15
like "5. says it holds from the month end" "$T/out" \
    '^savings.tax.pct = 15% \(from the month end\)$'
en setting --pending >"$T/pending"
like "5. --pending lists the tax: 15%, was 10% at the last month end" \
    "$T/pending" '^savings.tax.pct: 15% from the month end \(now 10%\); entry [0-9]+, 2026-11-02, by admin$'
like "5. and the average method" "$T/pending" \
    '^savings.sukarela.average: average from the month end \(now lowest\)'
ok "5. not the pokok (taken at once)" \
    sh -c '! grep -q "^savings.pokok" "$1"' sh "$T/pending"
is "5. one line each" "$(wc -l <"$T/pending")" 2
d=2
while [ $d -le 30 ]; do
	day=$(printf '2026-11-%02d' $d)
	printf '%s\n' "$ADMIN" | en eod -D "$day" -u admin >/dev/null 2>&1 ||
	    echo "# eod $day failed"
	d=$((d + 1))
done
is "5. after the month end nothing is pending" \
    "$(en setting --pending)" ""
is "5. and the tax is 15%" "$(setting_shown savings.tax.pct)" "15%"

# ---------------------------------------------------------------------
# 6. The page lists every row of the table: unit, range and default.
en setting -l >"$T/table"
is "6. the table has every setting listed" "$(wc -l <"$T/table")" \
    "$(en setting | wc -l)"
page=$top_srcdir/man/loket-setting.8
while IFS= read -r line; do
	name=${line%%:*}
	rest=${line#*: }
	awk -v n="$name" '
		$0 == ".It Ql " n { on = 1; next }
		on && /^\.It / { exit }
		on { print }' "$page" >"$T/item"
	ok "6. loket-setting.8 has $name with $rest" \
	    grep -qxF "Unit: $rest." "$T/item"
done <"$T/table"
expect_status 64 "6. -l takes no operands" en setting -l savings.pokok 1

done_testing
