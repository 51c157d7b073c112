#!/bin/sh
# The RAT pack (loket rat pack): a small cooperative of three members
# from November 2026, one loan paid once, the year closed on 31
# December; the pack of 2026 as PDF, text and CSV carries the figures
# of loket report and loket shu; a year with no books is refused.
. "${top_srcdir:-.}/tests/lib.sh"

need pdftotext
need groff

ADMIN=admin-pass
ANI=teller-pass-ani
SISI=super-pass-sisi
MIRA=manager-pass-mira

printf '%s\n' "$ADMIN" | loket init -H -a admin -B "Cabang Maumere" -b MOF \
    -c "Kopdit Tiga" -n "Maria Goreti" -D 2026-11-02 >/dev/null || {
	echo "Bail out! loket init failed"
	exit 1
}
for u in "ani teller Ani_Lestari $ANI" "sisi supervisor Sisilia_Nona $SISI" \
    "mira manager Mira_Wuwur $MIRA"; do
	set -- $u
	pw "$ADMIN $4" user -u admin add "$1" "$2" "$(echo "$3" | tr _ ' ')" \
	    >/dev/null || { echo "Bail out! user add $1"; exit 1; }
done
trial() {
	loket report -c trial | awk -F, -v c="$1" '$1 == c { print $NF }'
}
echo 2026-11-02 >"$T/date"
expect_status 0 "sukarela earns no interest here" \
    pw "$MIRA" setting -u mira savings.sukarela.rate_bp 0
expect_status 0 "the vault is funded" \
    pw "$MIRA" ledger -u mira 1102 3901 50.000.000
expect_status 0 "ani opens her drawer" pw "$ANI" drawer -u ani open 20.000.000
i=0
for m in "5307014506850001 Maria_Lewar P 300.000 2.000.000" \
    "5307011203800003 Yohanes_Bata L 200.000 500.000" \
    "5307012507900002 Petrus_Kopong L 100.000 1.000.000"; do
	set -- $m
	i=$((i + 1))
	expect_status 0 "member $i joins" pw "$ANI" member -u ani add \
	    -k "$1" -n "$(echo "$2" | tr _ ' ')" -g "$3" -a "RT 01" -v Nita \
	    -w "$4" -s "$5"
done
expect_status 0 "the product UMUM" \
    pw "$MIRA" loan -u mira -m flat -t 12 product UMUM "Pinjaman umum"
expect_status 0 "member 1 applies for Rp 10.000.000 over 10 months" \
    pw "$ANI" loan -u ani apply 1 UMUM 10.000.000 10
expect_status 0 "sisi approves it" pw "$SISI" loan -u sisi approve 1
expect_status 0 "it is paid into her sukarela" \
    pw "$ANI" loan -s -u ani disburse 1
cash=$(trial 1101 | cut -d. -f1)
expect_status 0 "ani closes her drawer" pw "$ANI" drawer -u ani close \
    $(left=$cash; for d in 100000 50000 20000 10000 5000 2000 1000 500 200 100; do
	n=$((left / d)); [ "$n" -gt 0 ] && printf '%sx%s ' $d $n
	left=$((left % d)); done)
ok "the days close until 2026-12-02" eod_until 2026-12-02
expect_status 0 "the first instalment is paid" \
    pw_en "$ANI" loan -s -u ani repay 1 1.150.000
ok "the days close until 2026-12-31" eod_until 2026-12-31
expect_status 0 "the manager closes 2026" \
    pw_en "$MIRA" close-year -u mira 2026
expect_status 0 "the RAT of 2026 is opened" \
    pw "$MIRA" rat -u mira -D 2027-01-01 open 2026
expect_status 0 "with an item" \
    pw "$MIRA" rat -u mira item "Pengesahan laporan keuangan 2026"

# The figures the pack must carry, as the other commands print them.
en report -D 2026-12-31 neraca >"$T/neraca"
en report -D 2026-12-31 phu >"$T/phu"
en shu 2026 >"$T/shu"
en shu members 2026 >"$T/shum"
total() {	# total FILE LABEL: the first amount after LABEL
	sed -n "s/^$2  *\(-\{0,1\}Rp [0-9.]*\).*/\1/p" "$1" | sed -n 1p
}
assets=$(total "$T/neraca" "Total assets")
shu=$(total "$T/phu" "SHU of the period")
income=$(total "$T/phu" "Total income")
pool=$(sed -n 's/^SHU  *\(Rp [0-9.]*\)$/\1/p' "$T/shu")
share1=$(awk '$1 ~ /^MOF-0*1$|^1$/ || NR > 0 && /Maria Lewar/ { print $NF; exit }' "$T/shum")
ok "the balance sheet has its total" test -n "$assets"
ok "the year has an SHU" test -n "$pool"
ok "Maria Lewar has a share" test -n "$share1"
echo "# assets $assets, SHU $shu, pool $pool, Maria's share $share1"

# The PDF.
expect_status 0 "rat pack writes a PDF" \
    loket rat -o "$T/pack.pdf" pack 2026
ok "it is a PDF" sh -c 'head -c 5 "$1" | grep -q "%PDF-"' sh "$T/pack.pdf"
LOKET_LANG=en "$LOKET" -d "$D" rat -o "$T/pack-en.pdf" pack 2026
pdftotext -layout "$T/pack-en.pdf" "$T/pack.txt"
like "the cover: the cooperative" "$T/pack.txt" 'Kopdit Tiga'
like "the cover: the meeting and the year" "$T/pack.txt" \
    'Rapat Anggota Tahunan\) 2026'
like "the cover: the meeting's date" "$T/pack.txt" 'The meeting: 2027-01-01\.'
like "the agenda" "$T/pack.txt" 'Pengesahan laporan keuangan 2026'
like "the balance sheet's total assets" "$T/pack.txt" \
    "Total assets  *$assets "
like "the income statement's total income" "$T/pack.txt" \
    "Total income  *$income "
like "the SHU of the period" "$T/pack.txt" "SHU of the period  *$shu "
like "the cash flow" "$T/pack.txt" 'Cash flow statement'
like "the changes in equity" "$T/pack.txt" 'Statement of changes in equity'
like "the notes: SAK EP" "$T/pack.txt" 'SAK EP'
like "the notes: the year closed" "$T/pack.txt" 'the year 2026 is closed\.'
like "the SHU pool" "$T/pack.txt" "SHU  *$pool"
like "Maria Lewar's share" "$T/pack.txt" "Maria Lewar .* $share1"
like "members joined" "$T/pack.txt" 'joined  *2  *1  *3'
like "the portfolio" "$T/pack.txt" 'Loan portfolio by collectability'
like "the signatures: the secretary" "$T/pack.txt" 'Secretary \(sekretaris\)'
like "the signatures: the supervisor" "$T/pack.txt" 'Supervisor \(pengawas\)'
ok "the statements come before the SHU, the signatures last" sh -c '
	a=$(grep -n "Balance sheet" "$1" | sed -n "1s/:.*//p")
	b=$(grep -n "SHU 2026, branch MOF" "$1" | sed -n "1s/:.*//p")
	c=$(grep -n "Secretary (sekretaris)" "$1" | sed -n "1s/:.*//p")
	[ "$a" -lt "$b" ] && [ "$b" -lt "$c" ]' sh "$T/pack.txt"
ok "Indonesian by default" sh -c 'pdftotext "$1" - | grep -q "Neraca"' \
    sh "$T/pack.pdf"

# Text and CSV.
en rat pack 2026 >"$T/pack.text"
like "text: total assets" "$T/pack.text" "^Total assets  *$assets "
like "text: the SHU pool" "$T/pack.text" "^SHU  *$pool\$"
like "text: Maria Lewar's share" "$T/pack.text" "Maria Lewar .* $share1\$"
# The health assessment at the year's end, as loket health gives it.
en health -D 2026-12-31 >"$T/health.text"
htotal=$(sed -n 's/^Total \(.* of 100: .*\)$/\1/p' "$T/health.text" | head -1)
ok "loket health gives a total and a predicate" test -n "$htotal"
like "the pack has the health assessment" "$T/pack.txt" 'Health assessment'
ok "text: the same total and predicate as loket health ($htotal)" \
    grep -qF "Total $htotal" "$T/pack.text"
en rat -c pack 2026 >"$T/pack.csv"
plain() { echo "$1" | sed 's/Rp //; s/\.//g; s/$/.00/'; }
like "CSV: total assets" "$T/pack.csv" "^\"?Total assets\"?,$(plain "$assets"),"
like "CSV: the SHU pool" "$T/pack.csv" "^\"?SHU\"?,$(plain "$pool")\$"
like "CSV: Maria Lewar's share" "$T/pack.csv" "Maria Lewar.*,$(plain "$share1")\$"
expect_status 0 "-a: every branch" loket rat -a pack 2026

# Bad input.
expect_status 65 "a year with no books is refused" en rat pack 2024
like "and says so" "$T/err" 'the books hold no day of 2024'
expect_status 65 "no PDF either" en rat -o "$T/none.pdf" pack 2024
ok "none is written" test ! -e "$T/none.pdf"
expect_status 65 "a year not begun is refused" en rat pack 2028
expect_status 65 "not a year" en rat pack 20x6
expect_status 64 "a pack without a year" en rat pack
expect_status 64 "-a and -b together" en rat -a -b MOF pack 2026
expect_status 65 "an unknown branch" en rat -b XYZ pack 2026

done_testing
