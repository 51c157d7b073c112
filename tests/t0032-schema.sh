#!/bin/sh
# The data folder's schema: a book made by loket of schema 1 (before the
# period totals) is upgraded when it is first opened, verifies, and its
# trial balance is what that loket printed; the period totals the upgrade
# made answer for each day.  A folder from a newer loket, and an older
# one whose journal and balances disagree so that it cannot be
# upgraded, are refused with a message saying so and left as they are.
#
# tests/data/v1/data.mdb.gz was made by tests/data/v1/make-v1.sh with
# loket at schema 1, then compacted by its loket backup; trial*.txt and
# trial.csv are what that loket printed for it.
. "${top_srcdir:-.}/tests/lib.sh"

V1=$top_srcdir/tests/data/v1
TAMPER=$top_builddir/tests/tools/tamper
unpack() {
	rm -rf "$D"
	mkdir -p "$D"
	gzip -dc "$V1/data.mdb.gz" >"$D/data.mdb"
}

# 1. The upgrade.
unpack
expect_status 0 "1. the version-1 book opens (and is upgraded)" \
    en report trial
is "1. its trial balance is what version 1 printed" \
    "$(cat "$T/out")" "$(cat "$V1/trial.txt")"
expect_status 0 "1. loket verify passes after the upgrade" en verify
like "1. it verified all 27 entries" "$T/out" '^verified 27 entries'
expect_status 0 "1. the CSV trial balance" loket report -c trial
is "1. is what version 1 printed" "$(cat "$T/out")" "$(cat "$V1/trial.csv")"
expect_status 0 "1. the consolidated one" en report -a trial
is "1. is what version 1 printed" "$(cat "$T/out")" \
    "$(cat "$V1/trial-all.txt")"

# 2. Period totals made by the upgrade, from the journal by entry date.
# 2026-07-01: Rp 6.000.000 lent to Maria (1201.1); 07-02: she repays
# Rp 1.000.000; 07-03: Rp 200.000 more sukarela from her.  Sukarela:
# Rp 3.250.000 paid in on joining, Rp 1.850.000 deposited, Rp 400.000
# withdrawn.
is "2. the loans' account as at 2026-07-01" \
    "$(loket report -c -D 2026-07-01 trial | awk -F, '$1 == 1201')" \
    '1201,"Piutang pinjaman anggota",6000000.00'
is "2. its movement on 2026-07-02" \
    "$(loket report -c -p 2026-07-02..2026-07-02 trial |
    awk -F, '$1 == 1201')" \
    '1201,"Piutang pinjaman anggota",6000000.00,0.00,1000000.00,5000000.00'
is "2. sukarela over the three days" \
    "$(loket report -c -p 2026-07-01..2026-07-03 trial |
    awk -F, '$1 == 2101')" \
    '2101,"Simpanan sukarela",0.00,400000.00,5100000.00,4700000.00'
is "2. sukarela as at 2026-07-02: before the last deposit" \
    "$(loket report -c -D 2026-07-02 trial | awk -F, '$1 == 2101')" \
    '2101,"Simpanan sukarela",4500000.00'
is "2. as at the open day it is the trial balance of now" \
    "$(en report -D 2026-07-03 trial)" "$(cat "$V1/trial.txt")"
is "2. nothing moved before the book began" \
    "$(loket report -c -D 2026-06-30 trial | awk -F, '$1 == 1102')" \
    '1102,"Kas khasanah",0.00'

expect_status 65 "2. a date that is not one is refused" \
    en report -D 2026-7-1 trial
like "2. and named" "$T/err" '2026-7-1: not a date'
expect_status 65 "2. a period that ends before it begins is refused" \
    en report -p 2026-07-03..2026-07-02 trial
like "2. and named" "$T/err" 'not a period'
expect_status 65 "2. a period without its two dots is refused" \
    en report -p 2026-07-01-2026-07-02 trial
expect_status 64 "2. -D and -p together are a usage error" \
    en report -D 2026-07-01 -p 2026-07-01..2026-07-02 trial
en report -p 2026-07-01..2026-07-03 trial >"$T/period"
like "2. the period's text has its headings" "$T/period" \
    '^code +opening balance +debit +credit +closing balance +name$'
like "2. and the loans' line" "$T/period" \
    '^1201 +Rp 0 +Rp 6\.000\.000 +Rp 1\.000\.000 +Rp 5\.000\.000 Piutang'

# The quick check on the upgraded book, and what it finds.
expect_status 0 "2. loket verify -f passes" en verify -f
like "2. and says it checked the period totals" "$T/out" \
    '^verified 27 entries quickly: .*period totals agree$'
cp -R "$D" "$T/good"
ok "2. an amount in the journal is changed" "$TAMPER" "$D" MOF 23 last
expect_status 1 "2. loket verify -f finds it" en verify -f
like "2. in the hash chain, at that entry" "$T/err" \
    'branch MOF, entry 23: the entry.s bytes do not match the hash chain$'
rm -rf "$D"
cp -R "$T/good" "$D"
ok "2. the last entry is deleted" "$TAMPER" --delete "$D" MOF 27
expect_status 1 "2. loket verify -f finds it missing" en verify -f
like "2. by its number" "$T/err" 'entry 27: entry 27 is missing'

# 3. A newer loket's folder is refused, and nothing is written.
unpack
ok "3. the tamper tool sets the schema" "$TAMPER" --schema "$D" 3
cp "$D/data.mdb" "$T/before"
expect_status 1 "3. a schema-3 folder is refused" en report trial
like "3. with a message naming a newer loket" "$T/err" \
    'data folder was written by a newer loket; upgrade loket$'
expect_status 1 "3. loket verify refuses it too" en verify
ok "3. and the folder is as it was" cmp -s "$D/data.mdb" "$T/before"

# 4. A version-1 folder whose journal disagrees with its balances (the
# last entry's amount changed) cannot be upgraded.
unpack
ok "4. an amount in the journal is changed" "$TAMPER" "$D" MOF 27 last
cp "$D/data.mdb" "$T/before"
expect_status 1 "4. the upgrade is refused" en report trial
like "4. with a message that it cannot be upgraded" "$T/err" \
    'too old for this loket to upgrade$'
expect_status 1 "4. again on a second try" loket report trial
ok "4. and the folder is as it was" cmp -s "$D/data.mdb" "$T/before"

done_testing
