#!/bin/sh
# loket export on the demo cooperative (two branches, 2,000 members, eight
# months), checked with tools loket did not write: hledger reads the
# ledger export and every general-ledger account's balance equals loket's
# trial balance to the sen, for each branch (picked by its tag) and
# consolidated; ledger-cli agrees with hledger account by account; the
# CSV export's debits and credits add up to the same.  A reversal names
# the entry it undoes; a period holds exactly the entries dated in it.
# Bad cases: an unknown format, a malformed or backward range of dates,
# an unknown branch and an output folder that does not exist each exit
# with their status and a message, and write no file.
. "${top_srcdir:-.}/tests/lib.sh"

need hledger
need ledger

loket demo -q -D 2026-11-30 "$D" >/dev/null 2>&1 || {
	echo "Bail out! loket demo failed"
	exit 1
}

# A deposit by a supervisor and its reversal, so that the export has one.
printf 'super-pass\n' | loket drawer -b MOF -u sisi open 1000000 >/dev/null
printf 'super-pass\n' | loket deposit -b MOF -u sisi MOF-000057 sukarela \
    250000 >/dev/null
dep=$(en export -b MOF csv | awk -F, '$6 == "deposit" { n = $2 } END { print n }')
printf 'super-pass\n' | loket reverse -b MOF -m "salah: anggota" -u sisi \
    "$dep" >/dev/null
ok "the demo book verifies" loket verify -q

# sen FILE...: "CODE AMOUNT" lines with AMOUNT in Rupiah as the tools print
# it ("IDR -1234.50", "1234.50", "0") made "CODE SEN", an integer string.
sen() {
	awk '{
		s = $0; sub(/^[^ ]* /, "", s); gsub(/[^0-9.-]/, "", s)
		neg = sub(/^-/, "", s)
		if (s !~ /\./) s = s ".00"
		split(s, p, ".")
		v = p[1] substr(p[2] "00", 1, 2)
		sub(/^0+/, "", v)
		print $1, v == "" ? "0" : (neg ? "-" : "") v
	}' "$@"
}

# trial [-a | -b BRANCH]: loket's trial balance as "CODE SEN" lines, the
# natural balance of each general-ledger account, from its CSV form
# (account,name,balance; the name is quoted and may hold commas).
trial() {
	loket report -c "$@" trial | awk -F, 'NR > 1 { print $1, $NF }' | sen
}

# hl QUERY...: hledger's balance of each general-ledger account (the
# second level) of the export, "CODE SEN", debit positive.
hl() {
	hledger -f "$T/book.journal" bal --depth 2 -N -O csv "$@" |
	    awk -F'","' 'NR > 1 {
		split($1, a, ":"); split(a[2], c, " "); b = $2; sub(/"$/, "", b)
		print c[1], b }' | sen | sort
}

# natural: "CODE SEN" debit positive made natural by the account's type,
# the first digit of its code: 1 and 5 (assets, expenses) on the debit
# side, 2, 3 and 4 (liabilities, equity, income) on the credit side.
natural() {
	awk '{ v = $2
		if ($1 ~ /^[234]/ && v != "0")
			v = v ~ /^-/ ? substr(v, 2) : "-" v
		print $1, v }'
}

# same DESC TRIAL HLEDGER: every account in the trial balance has the
# same balance in hledger's (0 when hledger has none), and hledger has no
# account the trial balance lacks.
same() {
	local desc=$1
	awk 'NR == FNR { h[$1] = $2; next }
	    { t[$1] = 1; v = ($1 in h) ? h[$1] : "0"
	      if (v != $2) print $1 ": loket " $2 ", hledger " v }
	    END { for (c in h) if (!(c in t)) print c ": only in hledger" }' \
	    "$3" "$2" >"$T/diff"
	is "$desc" "$(cat "$T/diff")" ""
}

ok "loket export ledger writes the journal" \
    loket export -o "$T/book.journal" ledger
ok "hledger reads it and its checks pass" hledger -f "$T/book.journal" check
is "one transaction per entry" \
    "$(grep -c '^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] \* (' "$T/book.journal")" \
    "$(entries)"

# hledger's balances, debit positive: each branch by its tag, and all.
for b in MOF ENDE; do
	hl tag:branch="$b" >"$T/hl-signed-$b"
done
hl >"$T/hl-signed-all"

for b in MOF ENDE; do
	trial -b "$b" >"$T/trial-$b"
	natural <"$T/hl-signed-$b" >"$T/hl-$b"
	ok "the trial balance of $b has its accounts" test -s "$T/trial-$b"
	same "hledger's balances of $b (tag:branch=$b) equal loket's trial balance" \
	    "$T/trial-$b" "$T/hl-$b"
done
# The branch is also the third level of every account's name.
hledger -f "$T/book.journal" bal --flat -N -O csv |
    awk -F'","' 'NR > 1 { split($1, a, ":"); split(a[2], c, " ")
	b = $2; sub(/"$/, "", b); print a[3] "/" c[1], b }' | sen |
    awk '{ split($1, k, "/"); s[$1] += $2 }
	END { for (x in s) printf "%s %.0f\n", x, s[x] }' >"$T/hl-leaves"
for b in MOF ENDE; do
	awk -v b="$b" '{ split($1, k, "/") } k[1] == b { print k[2], $2 }' \
	    "$T/hl-leaves" | natural | awk '{ printf "%s %.0f\n", $1, $2 }' |
	    sort >"$T/hl-name-$b"
	same "hledger's accounts named with :$b: hold $b's trial balance" \
	    "$T/trial-$b" "$T/hl-name-$b"
done
trial -a >"$T/trial-all"
natural <"$T/hl-signed-all" >"$T/hl-all"
same "hledger's consolidated balances equal loket's consolidated trial balance" \
    "$T/trial-all" "$T/hl-all"
like "the consolidated sukarela is in the comparison" "$T/hl-all" '^2101 -?[1-9]'
is "MOF and ENDE add up to the consolidated balance" \
    "$(cat "$T/trial-MOF" "$T/trial-ENDE" | awk '{ s[$1] += $2 }
	END { for (c in s) printf "%s %.0f\n", c, s[c] }' | sort | tr '\n' ' ')" \
    "$(awk '{ printf "%s %.0f\n", $1, $2 }' "$T/trial-all" | sort | tr '\n' ' ')"

# ledger-cli: its balance of every account, summed to the general ledger.
ledger_gl() {
	ledger -f "$T/book.journal" bal --flat --no-total \
	    -F '%(account)\t%(display_total)\n' "$@" |
	    awk -F'\t' '{ split($1, a, ":"); split(a[2], c, " ")
		print c[1], $2 }' | sen |
	    awk '{ s[$1] += $2 } END { for (c in s) if (s[c] != 0)
		printf "%s %.0f\n", c, s[c] }' | sort
}
nonzero() {
	awk '$2 != "0"' "$@" | sort
}
ledger_gl >"$T/ledger-all"
ok "ledger-cli reads the export" test -s "$T/ledger-all"
is "ledger-cli agrees with hledger on every account" \
    "$(cat "$T/ledger-all")" "$(nonzero "$T/hl-signed-all")"
ledger_gl %branch=MOF >"$T/ledger-MOF"
is "ledger-cli's %branch=MOF agrees with hledger's tag:branch=MOF" \
    "$(cat "$T/ledger-MOF")" "$(nonzero "$T/hl-signed-MOF")"
ledger_gl --limit 'tag("branch")=="ENDE"' >"$T/ledger-ENDE"
is "ledger-cli's --limit on the branch tag agrees with hledger" \
    "$(cat "$T/ledger-ENDE")" "$(nonzero "$T/hl-signed-ENDE")"
is "ledger-cli's total is zero" \
    "$(ledger -f "$T/book.journal" bal -F '%(display_total)\n' | tail -1 |
	tr -d ' ')" "0"

# The reversal: its transaction names the entry it undoes.
like "a reversal names the reversed entry and its member" "$T/book.journal" \
    "^[0-9-]+ \\* \\(MOF/[0-9]+\\) reversal of MOF/$dep \\(deposit\\) MOF-000057 "
like "the reversal is tagged with it" "$T/book.journal" "^    ; reverses: MOF/$dep\$"
like "the memo's colon is a dot" "$T/book.journal" '^    ; memo: salah\. anggota$'
like "a member's sukarela is a sub-account under its branch" "$T/book.journal" \
    '^    Kewajiban:2101 Simpanan sukarela:MOF:2101\.57 [^ ].*  IDR -250000\.00$'
like "the user is a tag" "$T/book.journal" '^    ; user: sisi$'

# CSV: debits and credits of each account add up to hledger's balances.
ok "loket export csv writes the postings" \
    loket export -o "$T/book.csv" csv
is "the CSV heading" "$(sed -n 1p "$T/book.csv")" \
    "branch,number,date,time,user,kind,member,account,name,debit,credit"
# csv_gl [BRANCH]: debit minus credit per general-ledger account, in sen.
csv_gl() {
	awk -F, -v b="${1:-}" '
	function sen(s) { if (s == "") return 0; sub(/\./, "", s); return s + 0 }
	NR > 1 && (b == "" || $1 == b) {
		split($8, g, "."); s[g[1]] += sen($(NF - 1)) - sen($NF) }
	END { for (c in s) if (s[c] != 0) printf "%s %.0f\n", c, s[c] }' \
	    "$T/book.csv" | sort
}
is "the CSV's debits and credits equal hledger's balances" \
    "$(csv_gl)" "$(nonzero "$T/hl-signed-all")"
is "the CSV's debits and credits of MOF equal hledger's for MOF" \
    "$(csv_gl MOF)" "$(nonzero "$T/hl-signed-MOF")"
is "the CSV's debits equal its credits" \
    "$(awk -F, 'function sen(s) { sub(/\./, "", s); return s + 0 }
	NR > 1 { d += sen($(NF - 1)); c += sen($NF) }
	END { printf "%.0f\n", d - c }' "$T/book.csv")" "0"
like "a deposit's line" "$T/book.csv" \
    "^MOF,$dep,[0-9-]+,[0-9T:-]+Z,sisi,deposit,MOF-000057,2101\\.57,\"[^\"]+\",,250000\\.00\$"

# One branch, a period: exactly the entries dated in it.
ok "loket export -b ENDE -p writes a period" \
    loket export -b ENDE -p 2026-07-01..2026-07-31 -o "$T/july.journal" ledger
is "the period holds ENDE's July entries, no others" \
    "$(grep '^20' "$T/july.journal" | awk '{ print $1, $3 }' | sort | md5sum)" \
    "$(grep '^2026-07-.. \* (ENDE/' "$T/book.journal" |
	awk '{ print $1, $3 }' | sort | md5sum)"
like "the period has entries" "$T/july.journal" '^2026-07-31 \* \(ENDE/'
ok "a single date is that day" \
    sh -c '"$LOKET" -d "$1" export -p 2026-07-01 csv | awk -F, "NR > 1 && \$3 != \"2026-07-01\" { exit 1 } END { exit NR < 2 }"' sh "$D"

# Bad input: a message, a status, and no file.
expect_status 64 "an unknown format exits 64" \
    en export -o "$T/bad.out" xml
like "it says so" "$T/err" 'xml: unknown format'
expect_status 64 "a malformed date exits 64" \
    en export -p 2026-13-01..2026-12-31 -o "$T/bad.out" ledger
like "it names the range" "$T/err" '2026-13-01\.\.2026-12-31: not a range of dates'
expect_status 64 "a backward range exits 64" \
    en export -p 2026-08-01..2026-07-01 -o "$T/bad.out" csv
like "it names the range" "$T/err" '2026-08-01\.\.2026-07-01: not a range of dates'
expect_status 64 "two dots alone exit 64" en export -p .. csv
expect_status 65 "an unknown branch exits 65" \
    en export -b NOPE -o "$T/bad.out" ledger
like "it names the branch" "$T/err" 'NOPE: no such branch'
expect_status 65 "in Indonesian too" loket export -b NOPE ledger
like "it names the branch in Indonesian" "$T/err" 'NOPE: '
ok "none of them wrote a file" test ! -e "$T/bad.out"
ok "nor a half-written one" \
    sh -c 'for f in "$1"/bad.out.*; do [ ! -e "$f" ] || exit 1; done' sh "$T"
expect_status 73 "an output folder that does not exist exits 73" \
    en export -o "$T/no/such/book.journal" ledger
like "it names the file" "$T/err" 'no/such/book\.journal'

done_testing
