#!/bin/sh
# Cash controls (issue 16): a drawer difference above
# limit.drawer.difference needs a supervisor's approval at the same
# terminal; a cash transaction at or above limit.cash.report (PPATK's Rp
# 500 juta) needs a manager's, and loket report large-cash lists it.
. "${top_srcdir:-.}/tests/lib.sh"

ADMIN=admin-pass
ANI=teller-pass-ani
BUDI=teller-pass-budi
SISI=super-pass-sisi
MIRA=manager-pass-mira
NIK=5307014506850001

mark() {
	n_mark=$(entries)
}
refused() {	# refused STATUS DESCRIPTION COMMAND...: and nothing written
	local want=$1 desc=$2
	shift 2
	mark
	expect_status "$want" "$desc" "$@"
	is "$desc: nothing written" "$(entries)" "$n_mark"
}
trial() {
	loket report -c trial | awk -F, -v c="$1" '$1 == c { print $NF }'
}

make_book
for u in "ani teller Ani $ANI" "budi teller Budi $BUDI" \
    "sisi supervisor Sisilia $SISI" "mira manager Mira $MIRA"; do
	set -- $u
	pw "$ADMIN $4" user -u admin add "$1" "$2" "$3" >/dev/null ||
	    echo "# adding $1 failed"
done
pw "$MIRA" ledger -u mira 1102 3901 100.000.000 >/dev/null ||
    echo "# funding the vault failed"

# ---------------------------------------------------------------------
# 1. Drawer differences.
expect_status 0 "1. ani opens her drawer with Rp 1.000.000" \
    pw "$ANI" drawer -u ani open 1.000.000
expect_status 0 "1. a close Rp 50.000 short (the limit) needs no approval" \
    pw_en "$ANI" drawer -u ani close 100000x9 50000x1
like "1. it says so" "$T/out" 'closed Rp 50\.000 short'
expect_status 0 "1. ani opens her drawer again" \
    pw "$ANI" drawer -u ani open 1.000.000
refused 77 "1. an overage of Rp 1.888.800.000.000 (1,9 trillion) is refused without approval" \
    pw_en "$ANI" drawer -u ani close 100000x10000000 50000x10000000 \
    20000x10000000 10000x10000000 5000x10000000 2000x10000000 \
    1000x10000000 500x10000000 200x10000000 100x10000000
like "1. the message asks for a supervisor" "$T/err" "supervisor's approval"
is "1. the vault did not take it" "$(trial 1102)" 98950000.00
refused 77 "1. Rp 60.000 over is refused without approval" \
    pw_en "$ANI" drawer -u ani close 100000x10 50000x1 10000x1
refused 77 "1. a teller cannot approve it" \
    pw_en "$ANI $BUDI" drawer -A budi -u ani close 100000x10 50000x1 \
    10000x1
refused 77 "1. nor can ani herself" \
    pw_en "$ANI $ANI" drawer -A ani -u ani close 100000x10 50000x1 10000x1
refused 77 "1. nor a supervisor with a wrong password" \
    pw_en "$ANI wrong-pass" drawer -A sisi -u ani close 100000x10 \
    50000x1 10000x1
expect_status 0 "1. with the supervisor's approval it is closed" \
    pw_en "$ANI $SISI" drawer -A sisi -u ani close 100000x10 50000x1 \
    10000x1
like "1. Rp 60.000 over" "$T/out" 'closed Rp 60\.000 over'
expect_status 0 "1. the limit is a setting: Rp 100.000" \
    pw "$MIRA" setting -u mira limit.drawer.difference 100.000
refused 65 "1. which has a range: Rp 20.000.000 is refused" \
    pw_en "$MIRA" setting -u mira limit.drawer.difference 20.000.000
expect_status 0 "1. ani opens her drawer a third time" \
    pw "$ANI" drawer -u ani open 1.000.000
expect_status 0 "1. Rp 60.000 over now needs no approval" \
    pw_en "$ANI" drawer -u ani close 100000x10 50000x1 10000x1

# ---------------------------------------------------------------------
# 2. Large cash: PPATK's Rp 500 juta.
expect_status 0 "2. ani opens her drawer with Rp 10.000.000" \
    pw "$ANI" drawer -u ani open 10.000.000
expect_status 0 "2. a member joins" \
    pw "$ANI" member -u ani add -k "$NIK" -n "Maria Lewar" -g P \
    -a "RT 01 RW 02" -v Nita
refused 77 "2. a Rp 500.000.000 deposit is refused without approval" \
    pw_en "$ANI" deposit -u ani MOF-000001 sukarela 500.000.000
like "2. the message asks for a manager" "$T/err" "manager's approval"
refused 77 "2. a supervisor's approval is not enough" \
    pw_en "$ANI $SISI" deposit -A sisi -u ani MOF-000001 sukarela \
    500.000.000
like "2. the message still asks for a manager" "$T/err" "manager's approval"
refused 77 "2. nor a manager's with a wrong password" \
    pw_en "$ANI wrong-pass" deposit -A mira -u ani MOF-000001 sukarela \
    500.000.000
expect_status 0 "2. with the manager's approval it is posted" \
    pw_en "$ANI $MIRA" deposit -A mira -u ani MOF-000001 sukarela \
    500.000.000
like "2. the receipt names the approver" "$T/out" 'Approved by: mira'
large_seq=$(entries)
expect_status 0 "2. Rp 499.999.000 needs no approval" \
    pw_en "$ANI" deposit -u ani MOF-000001 sukarela 499.999.000
refused 77 "2. a Rp 500.000.000 withdrawal with a supervisor is refused" \
    pw_en "$ANI $SISI" withdraw -A sisi -u ani MOF-000001 500.000.000
expect_status 0 "2. with the manager it is paid" \
    pw_en "$ANI $MIRA" withdraw -A mira -u ani MOF-000001 500.000.000
refused 77 "2. a Rp 500.000.000 term deposit in cash without a manager is refused" \
    pw_en "$ANI" term -u ani open MOF-000001 500.000.000 12
like "2. the message asks for a manager" "$T/err" "manager's approval"
expect_status 0 "2. with the manager's approval (-A) it is opened" \
    pw_en "$ANI $MIRA" term -A mira -u ani open MOF-000001 500.000.000 12
ok "2. loket verify agrees" en verify

# ---------------------------------------------------------------------
# 3. loket report large-cash.
expect_status 0 "3. loket report large-cash" en report large-cash
cp "$T/out" "$T/large"
like "3. lists the deposit: date, branch, entry, member, NIK, amount, teller, approver" \
    "$T/large" "^2026-11-02 MOF +$large_seq deposit +MOF-000001 +$NIK +Rp 500\\.000\\.000 ani +mira\$"
like "3. and the withdrawal, as cash out" "$T/large" \
    "withdraw +MOF-000001 +$NIK +-Rp 500\\.000\\.000 ani +mira\$"
ok "3. not the Rp 499.999.000 deposit" \
    sh -c '! grep -q "499" "$1"' sh "$T/large"
like "3. and the term deposit" "$T/large" \
    "term-open +MOF-000001 +$NIK +Rp 500\\.000\\.000 ani +mira\$"
like "3. three of them" "$T/large" '^3 cash transactions'
expect_status 0 "3. as CSV" en report -c large-cash
like "3. a header" "$T/out" \
    '^date,branch,entry,kind,member,nik,name,amount,teller,approver$'
like "3. and the deposit's line" "$T/out" \
    "^2026-11-02,MOF,$large_seq,deposit,\"MOF-000001\",\"$NIK\",\"Maria Lewar\",500000000.00,ani,mira\$"
expect_status 0 "3. a period after them" en report -p 2026-11-03.. large-cash
like "3. lists none" "$T/out" '^0 cash'
expect_status 0 "3. a period with them" \
    en report -p 2026-11-01..2026-11-02 large-cash
like "3. lists all three" "$T/out" '^3 cash'
expect_status 65 "3. a malformed period is refused" \
    en report -p 2026-11-31..x large-cash
expect_status 64 "3. -a is not for large-cash" en report -a large-cash

# ---------------------------------------------------------------------
# 4. The threshold is a setting with a range.
refused 65 "4. above PPATK's Rp 500 juta it is refused" \
    pw_en "$MIRA" setting -u mira limit.cash.report 500.000.001
expect_status 0 "4. the cooperative may report from Rp 100 juta" \
    pw "$MIRA" setting -u mira limit.cash.report 100.000.000
refused 77 "4. a Rp 100.000.000 deposit then needs a manager" \
    pw_en "$ANI" deposit -u ani MOF-000001 sukarela 100.000.000
refused 77 "4. and a Rp 150.000.000 wajib deposit too" \
    pw_en "$ANI" deposit -u ani MOF-000001 wajib 150.000.000
en report large-cash >"$T/large"
like "4. the earlier Rp 499.999.000 stays off the report (under the threshold then)" \
    "$T/large" '^3 cash'

done_testing
