#!/bin/sh
# The province box's dashboard as a console screen (loket province
# console) in tmux at 80x24, over a box fed as t0061's: 40 generated
# cooperatives' reports of 2024 and 2025 (tests/tools/ods-gen, which
# prints the truth), kept straight into the folder.  The screen's counts
# equal the truth; a district opens on its cooperatives and a
# cooperative on its years; the one from which nothing came for a year is
# flagged; the CSV written from the screen has the rows the screen shows;
# nothing is wider than 80 columns; in a locale that is not UTF-8 the
# bars are ASCII.  Refused: a file that exists, a folder that does not,
# no name, no terminal, -c with console, a folder that is no province's.
. "${top_srcdir:-.}/tests/lib.sh"
need tmux
need localedef

P=$T/province
GEN=$top_builddir/tests/tools/ods-gen
N=40
export LOKET_LANG=en
"$LOKET" -d "$P" init --province "Dinas Koperasi NTT" >/dev/null &&
"$GEN" -k -y 2024 $N "$P" >/dev/null &&
"$GEN" -k -y 2025 $N "$P" >"$T/truth" || {
	echo "Bail out! a province box of $N cooperatives"
	exit 1
}
# COOP0010's reports came two years ago: nothing for a year.
sed -i 's/^COOP0010 [0-9]* /COOP0010 1700000000 /' "$P/reports.log"

# The console on the province box: console_start's, with its arguments.
pconsole() {
	if [ -z "$SOCK_DIR" ]; then
		SOCK_DIR=$(mktemp -d /tmp/lk.XXXXXX) || {
			echo "Bail out! mktemp -d /tmp/lk.XXXXXX failed"
			exit 1
		}
	fi
	console_n=$((console_n + 1))
	TMUX_SOCK=$SOCK_DIR/t$console_n
	# A shell waits for loket and writes its exit status: tmux 3.3 may
	# see the pane's end before it reaps the process, and then never
	# shows "Pane is dead (status N)" (seen under the sanitizers).
	rm -f "$T/exit"
	tmux -S "$TMUX_SOCK" -f /dev/null new-session -d -s c -x 80 -y 24 \
	    -c "$T" env TERM=screen TZ=Asia/Makassar LOKET_LANG=en "$@" \
	    sh -c '"$@"; echo $? >exit' sh \
	    "$LOKET" -d "$P" province -y 2025 console
	tmux -S "$TMUX_SOCK" set-option -t c remain-on-exit on >/dev/null
}

# The screen's lines from the list, each as the CSV has it: amounts
# without the thousands' dots, a dot before the sen.
list_rows() {
	screen | sed -n 's/^[> ] \([0-9]\{4\}\) .\{20\} *\([0-9]*\) *\([0-9]*\) *\([0-9]*\) *\([0-9]*\) *\([0-9.,]*\) .*$/\1,\2,\3,\4,\5,\6/p' |
	    awk -F, -v OFS=, '{ a = $6; gsub(/\./, "", a); if (NF == 7)
		a = a "." $7; else a = a ".00"; print $1, $2, $3, $4, $5, a }'
}

expect_status 64 "the console needs a terminal" \
    "$LOKET" -d "$P" province console
like "and says so" "$T/err" "needs a terminal"
expect_status 64 "-c with console is a usage error" \
    "$LOKET" -d "$P" province -c console
expect_status 66 "a folder that is no province's is refused" \
    "$LOKET" -d "$T/nothing" province console

pconsole LANG=C.UTF-8 LC_ALL=C.UTF-8
on_screen "the console opens on the office and the year" \
    '^ Dinas Koperasi NTT \| 2025' 15
on_screen "without a sign-in, on the dashboard" 'Province dashboard'
rat=$(awk '{ s += $3 } END { print s }' "$T/truth")
on_screen "the counts equal the truth" \
    "Reports of 2025: cooperatives $N, reported $N, RAT in time $rat\$"
men=$(awk '{ s += $5 } END { print s }' "$T/truth")
women=$(awk '{ s += $6 } END { print s }' "$T/truth")
on_screen "members by gender, as generated" \
    "Members $((men + women)): men $men █+.* women $women █+"
for p in 1 2 3 4; do
	name=$(echo "sound fairly_sound under_supervision under_special_supervision" |
	    cut -d' ' -f$p | tr _ ' ')
	n=$(awk -v p=$p '$4 == p { n++ } END { print n + 0 }' "$T/truth")
	on_screen "predicate $p: $n, with a bar" "(^ |  )$name +$n [█▏▎▍▌▋▊▉]"
done
on_screen "the cooperative silent for a year is flagged on top" \
    '! nothing for a year: 1$'
nd=$(cut -d' ' -f2 "$T/truth" | sort -u | wc -l | tr -d ' ')
on_screen "the districts scroll: 1 of $nd" " 1 of $nd\$"
screen >"$T/shot1"
ok "nothing is wider than 80 columns" test "$(wc -L <"$T/shot1")" -le 80
like "each district's line ends with its whole bar" "$T/shot1" \
    '^> 5[0-9]{3} .* [0-9.,]+ ████████$'

# Every district, paging down; the same lines as the truth says.
list_rows >"$T/rows"
i=0
while ! screen | grep -q " $nd of $nd\$" && [ $i -lt 10 ]; do
	keys NPage
	sleep 0.2
	list_rows >>"$T/rows"
	i=$((i + 1))
done
on_screen "PgDn reaches the last: $nd of $nd" " $nd of $nd\$"
sort -u "$T/rows" >"$T/screen-rows"
awk '{ x = $2; c[x]++; if ($3) r[x]++; m[x] += $5 + $6; a[x] += $7 }
    END { for (x in c) printf "%s,%d,%d,%d,%d,%d.%02d\n", x, c[x], c[x],
	r[x], m[x], a[x] / 100, a[x] % 100 }' "$T/truth" | sort >"$T/want"
is "the screen's districts equal the truth" "$(cat "$T/screen-rows")" \
    "$(cat "$T/want")"

# Export the districts as CSV.
keys e
on_screen "e asks for the file" 'CSV file'
keys Enter
on_screen "no name: it says so" "Type the file's name"
type_text districts.csv; keys Enter
on_screen "the list is written, where the console runs" \
    "$nd lines written to districts.csv"
tail -n +2 "$T/districts.csv" | cut -d, -f1,3-6,9 | sort >"$T/csv-rows"
is "the CSV's rows equal the screen's" "$(cat "$T/csv-rows")" \
    "$(cat "$T/screen-rows")"
like "the CSV has its columns named" "$T/districts.csv" \
    '^district,name,cooperatives,reported,rat_in_time,members,men,women,assets,shu$'
awk '{ x = $2; w[x] += $6; s[x] += $8 }
    END { for (x in w) printf "%s,%d,%d.%02d\n", x, w[x], s[x] / 100,
	s[x] % 100 }' "$T/truth" | sort >"$T/want-ws"
is "and the women and SHU of each district, as generated" \
    "$(tail -n +2 "$T/districts.csv" | cut -d, -f1,8,10 | sort)" \
    "$(cat "$T/want-ws")"
cp "$T/districts.csv" "$T/before.csv"
keys e; type_text districts.csv; keys Enter
on_screen "a file that exists is not overwritten" 'exists already'
is "and is as it was" "$(cmp "$T/before.csv" "$T/districts.csv" && echo same)" same
keys C-u; type_text no/such/folder.csv; keys Enter
on_screen "a folder that does not exist: it says why" \
    'folder.csv: No such file or directory'
ok "and writes nothing" test ! -e "$T/no"
keys Escape
off_screen "Esc leaves the question" 'CSV file'

# Drill down to COOP0010's district, then to COOP0010.
d10=$(awk '$1 == "COOP0010" { print $2 }' "$T/truth")
k=$(cut -d' ' -f2 "$T/truth" | sort -u | grep -n "^$d10\$" | cut -d: -f1)
keys Home
i=1
while [ $i -lt "$k" ]; do keys Down; i=$((i + 1)); done
on_screen "COOP0010's district is chosen" "^> $d10 "
keys Enter
on_screen "Enter opens the district" "District $d10 "
awk -v d="$d10" '$2 == d { print $1 }' "$T/truth" | sort >"$T/want-coops"
screen | sed -n 's/^[> ] [! ] \(COOP[0-9]*\) .*/\1/p' >"$T/got-coops"
is "on its cooperatives, as generated" "$(cat "$T/got-coops")" \
    "$(cat "$T/want-coops")"
screen >"$T/shot2"
like "COOP0010 is flagged" "$T/shot2" "^[> ] ! COOP0010 +$d10 2025 "
is "and it alone" "$(grep -c '^[> ] ! COOP' "$T/shot2")" 1
like "each cooperative's predicate shows whole" "$T/shot2" \
    '(sound|supervision)$'
m=$(grep -n '^COOP0010$' "$T/got-coops" | cut -d: -f1)
i=1
while [ $i -lt "$m" ]; do keys Down; i=$((i + 1)); done
on_screen "COOP0010 chosen" '^> ! COOP0010 '
keys Enter
on_screen "Enter opens its history" "COOP0010, district $d10 "
on_screen "its years: 2024" '^[> ] 2024 2024-12-31 '
on_screen "and 2025, chosen" '^> 2025 2025-12-31 '
on_screen "two of them" ' 2 of 2$'
on_screen "flagged: nothing for a year" '! nothing received for a year'
read -r c10 d r p m10 w10 a10 s10 sc np <<EOF
$(grep '^COOP0010 ' "$T/truth")
EOF
on_screen "the year in full, as generated" \
    "2025: members $((m10 + w10)) \\(men $m10, women $w10\\)"
keys Up
on_screen "Up chooses 2024" '^> 2024 '
screen >"$T/shot3"
ok "nothing is wider than 80 columns" test "$(wc -L <"$T/shot3")" -le 80
like "the ratios' line shows whole" "$T/shot3" \
    '^ Problem loans [0-9,]+%, expenses/income [0-9,]+%, ROA -?[0-9,]+%, cash [0-9,]+%$'
keys e; type_text history.csv; keys Enter
on_screen "the history written" '2 lines written'
is "as CSV, a year a line" "$(tail -n +2 "$T/history.csv" | cut -d, -f1,4,5)" \
    "2024,$m10,$w10
2025,$m10,$w10"
keys Escape
on_screen "Esc: back to the district" "District $d10 "
keys Escape
on_screen "Esc again: the districts" 'Reports of 2025'

# The worst ratios and those silent for a year.
keys w
low=$(sort -k9,9n "$T/truth" | head -1 | cut -d' ' -f1)
on_screen "w: the lowest score first" "^> lowest score +$low "
on_screen "problem loans among them" '^  problem loans +COOP'
keys s
on_screen "s: those silent for a year" '^> ! COOP0010 '
on_screen "one" ' 1 of 1$'
keys Escape
keys F1
on_screen "help lists the dashboard's letters" 'w +worst ratios'
not_on_screen "and not the teller's" 'Deposit'
keys Escape
# Wait for help to go, not only for a line it shares with the list, so
# that F10 is not read as part of Esc's sequence on a loaded machine.
off_screen "Esc: back from help" 'w +worst ratios'
on_screen "to the list" 'Reports of 2025'
keys F10
eventually_file() {
	local i=0
	while [ ! -s "$1" ] && [ $i -lt 300 ]; do
		sleep 0.05
		i=$((i + 1))
	done
}
eventually_file "$T/exit"
is "F10 leaves loket, with status 0" "$(cat "$T/exit" 2>/dev/null)" 0
console_stop

# In a locale that is not UTF-8 the bars are ASCII.
mkdir -p "$T/loc"
localedef -i en_US -f ISO-8859-1 "$T/loc/en_US.ISO-8859-1" \
    >/dev/null 2>&1
ok "a Latin-1 locale is made" test -d "$T/loc/en_US.ISO-8859-1"
pconsole LOCPATH="$T/loc" LANG=en_US.ISO-8859-1 LC_ALL=en_US.ISO-8859-1
on_screen "the console opens in Latin-1" 'Reports of 2025' 15
on_screen "the bars are ASCII" '^> 5[0-9]{3} .* ########$'
not_on_screen "no block characters" '[█▏▎▍▌▋▊▉]'
console_stop

done_testing
