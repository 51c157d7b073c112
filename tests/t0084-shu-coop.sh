#!/bin/sh
# One SHU for a cooperative of three offices, each its own data folder
# syncing over a real sshd on loopback: the head office (HO, one member)
# and the branches MOF and END (two members each).  The head office
# holds every branch's books: it works out the pool from every office's
# close and each member's share against the whole cooperative's capital
# and interest paid, and posts the decision; each branch posts its own
# members' shares to their sukarela at its next sync, checked against the
# head office's list.  Every figure is worked out by hand below.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tools/sync-lib.sh"

start_sshd
make_ho
make_branch "$T/mof" MOF
make_branch "$T/end" END
authorize MOF "$T/mof"
authorize END "$T/end"
MOF=$T/mof
END=$T/end

# at DIR PASSWORD COMMAND ARG...: loket at an office, in English.
at() {
	local dir=$1 p=$2
	shift 2
	printf '%s\n' "$p" | LOKET_LANG=en "$LOKET" -d "$dir" "$@"
}
trial() {	# trial DIR CODE [-a]: an account's balance
	LOKET_LANG=en "$LOKET" -d "$1" report -c ${3:-} trial |
	    awk -F, -v c="$2" '$1 == c { print $NF }'
}
sukarela() {	# sukarela DIR MEMBER
	LOKET_LANG=en "$LOKET" -d "$1" member show "$2" |
	    sed -n 's/^Simpanan sukarela  *Rp \([0-9.]*\)$/\1/p' |
	    tr -d .
}
sync_ok() {
	expect_status 0 "$2" "$LOKET" -d "$1" sync -q
}
# close_year DIR: end of day, forced (the drawer stays open), day after
# day from 2 November to 1 January 2027.
close_year() {
	local d=2026-11-02 n=0
	while [ $n -lt 70 ]; do
		at "$1" mgr-pass eod -f -D "$d" -u mgr >"$T/eod" 2>&1 ||
		    return 1
		d=$(sed -n 's/.*business date now \([0-9-]*\)$/\1/p' "$T/eod")
		[ "$d" = 2027-01-01 ] && return 0
		n=$((n + 1))
	done
	return 1
}
count_entries() {
	LOKET_LANG=en "$LOKET" -d "$1" verify |
	    sed -n 's/^verified \([0-9][0-9]*\) entries.*/\1/p'
}

# ---------------------------------------------------------------------
# 1. The offices' year, from 2 November 2026.  Pokok Rp 100.000 each.
ok "1. HO registers one member" "$TOOLS/rat-tool" -d "$HO" -b HO -m 1
ok "1. MOF registers two" "$TOOLS/rat-tool" -d "$MOF" -b MOF -m 2
ok "1. END registers two" "$TOOLS/rat-tool" -d "$END" -b END -m 2
for d in "$HO" "$MOF" "$END"; do
	expect_status 0 "1. $(basename "$d"): sukarela earns no interest" \
	    at "$d" mgr-pass setting -u mgr savings.sukarela.rate_bp 0
done
expect_status 0 "1. MOF-000001 pays Rp 300.000 wajib" \
    at "$MOF" kasir-pass deposit -u kasir 1 wajib 300.000
expect_status 0 "1. END-000002 pays Rp 150.000 wajib" \
    at "$END" kasir-pass deposit -u kasir 2 wajib 150.000
# A loan at each branch, its first instalment paid in advance: interest
# 1.5% of the principal; fees 2% of it, deducted.
loan() {	# loan DIR MEMBER PRINCIPAL INSTALMENT
	at "$1" mgr-pass loan -u mgr -m flat -t 12 product UMUM \
	    "Pinjaman umum" >/dev/null 2>&1
	at "$1" kasir-pass loan -u kasir apply "$2" UMUM "$3" 10 \
	    >/dev/null &&
	at "$1" mgr-pass loan -u mgr approve 1 >/dev/null &&
	at "$1" kasir-pass loan -s -u kasir disburse 1 >/dev/null &&
	at "$1" kasir-pass loan -s -u kasir repay 1 "$4" >/dev/null
}
ok "1. MOF-000001 borrows Rp 1.000.000, pays Rp 115.000" \
    loan "$MOF" 1 1.000.000 115.000
ok "1. END-000002 borrows Rp 2.000.000, pays Rp 230.000" \
    loan "$END" 2 2.000.000 230.000
is "1. MOF: interest Rp 15.000" "$(trial "$MOF" 4101)" 15000.00
is "1. END: interest Rp 30.000" "$(trial "$END" 4101)" 30000.00
expect_status 0 "1. HO earns Rp 1.000.000 other income" \
    at "$HO" mgr-pass ledger -u mgr 1102 4901 1.000.000
expect_status 0 "1. MOF earns Rp 500.000" \
    at "$MOF" mgr-pass ledger -u mgr 1102 4901 500.000
expect_status 0 "1. END spends Rp 100.000" \
    at "$END" mgr-pass ledger -u mgr 5201 1102 100.000
sync_ok "$MOF" "1. MOF syncs"
sync_ok "$END" "1. END syncs"

# ---------------------------------------------------------------------
# 2. The close at each office.  SHU: HO 1.000.000; MOF 500.000 + fee
# 20.000 + interest 15.000 = 535.000; END fee 40.000 + interest 30.000
# - 100.000 = -30.000, a loss.
ok "2. HO closes 2026" close_year "$HO"
ok "2. MOF closes 2026" close_year "$MOF"
expect_status 65 "2. HO cannot divide before END's close arrives" \
    at "$HO" mgr-pass shu -u mgr post 2026
like "2. and says why" "$T/err" 'a branch has not closed that year yet'
ok "2. END closes 2026" close_year "$END"
expect_status 65 "2. MOF cannot divide on its own" \
    at "$MOF" mgr-pass shu -u mgr post 2026
like "2. it waits for the head office" "$T/err" \
    'head office has not divided that year'
sync_ok "$MOF" "2. MOF syncs its close"
sync_ok "$END" "2. END syncs its close"

# ---------------------------------------------------------------------
# 3. The cooperative's SHU: 1.000.000 + 535.000 - 30.000 = 1.505.000.
# 40/40/5/5/5/5: reserve 602.000, members 602.000, each fund 75.250.
# Jasa modal 40% of 602.000 = 240.800, by capital (pokok + wajib):
# HO-1 100.000, MOF-1 400.000, MOF-2 100.000, END-1 100.000, END-2
# 250.000, of 950.000; jasa usaha 361.200, by interest paid: MOF-1
# 15.000, END-2 30.000, of 45.000.  Rounded down to the Rupiah:
#   HO-000001   100.000 * 240.800 / 950.000 = 25.347,4 ->  25.347
#   MOF-000001  101.389 (101.389,5) + 120.400           = 221.789
#   MOF-000002   25.347
#   END-000001   25.347
#   END-000002   63.368 (63.368,4) + 240.800            = 304.168
# Shares 601.998; 2 left over, to the reserve: 602.002.
LOKET_LANG=en "$LOKET" -d "$HO" shu 2026 >"$T/shu"
like "3. the cooperative's SHU, three offices" "$T/shu" \
    'SHU 2026, the cooperative \(3 branches\)'
like "3. the pool" "$T/shu" '^SHU +Rp 1\.505\.000$'
like "3. the reserve's 40%" "$T/shu" 'reserve \(cadangan\), 40% +Rp 602\.000$'
like "3. each fund's 5%" "$T/shu" 'social fund \(dana sosial\), 5% +Rp 75\.250$'
like "3. jasa modal" "$T/shu" 'jasa modal \(capital\) +Rp 240\.800$'
like "3. jasa usaha" "$T/shu" 'jasa usaha \(use\) +Rp 361\.200$'
LOKET_LANG=en "$LOKET" -d "$HO" shu -c members 2026 >"$T/members.csv"
for s in "HO-000001 100000.00 0.00 25347.00 0.00 25347.00" \
    "MOF-000001 400000.00 15000.00 101389.00 120400.00 221789.00" \
    "MOF-000002 100000.00 0.00 25347.00 0.00 25347.00" \
    "END-000001 100000.00 0.00 25347.00 0.00 25347.00" \
    "END-000002 250000.00 30000.00 63368.00 240800.00 304168.00"; do
	set -- $s
	is "3. $1: capital, interest, jasa modal, jasa usaha, share" \
	    "$(awk -F, -v m="$1" '$1 == m { print $1, $3, $4, $5, $6, $7 }' \
	    "$T/members.csv" | tr -d '"')" "$*"
done
like "3. the rest, Rp 2, goes to the reserve" "$T/members.csv" \
    '^"?left over, to the reserve"?,.*,2\.00$'
# A branch's own view before the decision knows only its own books.
LOKET_LANG=en "$LOKET" -d "$MOF" shu 2026 >"$T/mofshu"
like "3. MOF alone: its own SHU" "$T/mofshu" '^SHU +Rp 535\.000$'

# ---------------------------------------------------------------------
# 4. The head office posts the decision and its own member's share.
ho1=$(sukarela "$HO" 1)
expect_status 77 "4. a teller may not post it" \
    at "$HO" kasir-pass shu -u kasir post 2026
expect_status 0 "4. the head office's manager posts it" \
    at "$HO" mgr-pass shu -u mgr post 2026
like "4. five members in three offices" "$T/out" \
    'divided: 5 members in 3 branches'
is "4. HO-000001's sukarela holds their share" \
    "$(($(sukarela "$HO" 1) - ho1))" 25347
is "4. the reserve: 602.002" "$(trial "$HO" 3201)" 602002.00
is "4. each fund: 75.250" "$(trial "$HO" 2404)" 75250.00
is "4. HO's 3401 is empty" "$(trial "$HO" 3401)" 0.00
n=$(count_entries "$HO")
expect_status 65 "4. posting it twice is refused" \
    at "$HO" mgr-pass shu -u mgr post 2026
like "4. already divided" "$T/err" 'divided already'
is "4. and writes nothing" "$(count_entries "$HO")" "$n"

# ---------------------------------------------------------------------
# 5. Each branch posts its members' shares at its next sync.
mof1=$(sukarela "$MOF" 1)
mof2=$(sukarela "$MOF" 2)
end1=$(sukarela "$END" 1)
end2=$(sukarela "$END" 2)
expect_status 0 "5. MOF syncs" env LOKET_LANG=en "$LOKET" -d "$MOF" sync
like "5. and divides as the head office decided" "$T/out" \
    'SHU of 2026 is divided as the head office decided: 2 members'
is "5. MOF-000001's sukarela holds 221.789" \
    "$(($(sukarela "$MOF" 1) - mof1))" 221789
is "5. MOF-000002's holds 25.347" "$(($(sukarela "$MOF" 2) - mof2))" 25347
is "5. MOF's 3401 is empty" "$(trial "$MOF" 3401)" 0.00
# 535.000 - 247.136 of shares is the head office's.
is "5. the rest of MOF's SHU, 287.864, is the head office's" \
    "$(trial "$MOF" 2903)" 287864.00
sync_ok "$END" "5. END syncs"
is "5. END-000001's sukarela holds 25.347" \
    "$(($(sukarela "$END" 1) - end1))" 25347
is "5. END-000002's holds 304.168" "$(($(sukarela "$END" 2) - end2))" 304168
is "5. END's 3401 is empty" "$(trial "$END" 3401)" 0.00
# -30.000 - 329.515 of shares: the head office makes it up.
is "5. END's loss and shares, 359.515, come from the head office" \
    "$(trial "$END" 2903)" -359515.00

# ---------------------------------------------------------------------
# 6. Twice posts once; the cooperative adds up.
n=$(count_entries "$MOF")
sync_ok "$MOF" "6. MOF syncs again"
is "6. and posts nothing more" "$(count_entries "$MOF")" "$n"
expect_status 65 "6. MOF's manager cannot post it again" \
    at "$MOF" mgr-pass shu -u mgr post 2026
like "6. already divided" "$T/err" 'divided already'
is "6. nothing written" "$(count_entries "$MOF")" "$n"
sync_ok "$MOF" "6. MOF ships its shares"
sync_ok "$END" "6. END ships its shares"
# Consolidated: the inter-office accounts cancel; 3401 is empty; the
# members' sukarela took 601.998, the reserve 602.002 and the funds
# 4 x 75.250: 1.505.000.
is "6. consolidated, 2903 is zero" "$(trial "$HO" 2903 -a)" 0.00
is "6. consolidated, 3401 is zero" "$(trial "$HO" 3401 -a)" 0.00
is "6. consolidated reserve 602.002" "$(trial "$HO" 3201 -a)" 602002.00
LOKET_LANG=en "$LOKET" -d "$HO" shu 2026 >"$T/shu"
like "6. the head office calls it divided" "$T/shu" \
    'is closed and its SHU divided'
LOKET_LANG=en "$LOKET" -d "$END" shu 2026 >"$T/endshu"
like "6. END shows the cooperative's pool" "$T/endshu" \
    '^SHU +Rp 1\.505\.000$'
expect_status 0 "6. the head office's books verify" "$LOKET" -d "$HO" verify
expect_status 0 "6. so do END's, the decision among them" "$LOKET" -d "$END" verify

done_testing
