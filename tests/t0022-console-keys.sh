#!/bin/sh
# The console's keys (issue 15, items 5 to 8 and 15): one key table that
# man/loket.1 lists whole; letters on the member view begin a search;
# Esc on the sign-in screen asks; PuTTY's F1 to F4; the bottom line at 80
# columns; End of day on its own key; search that scrolls; long messages;
# printing that fails without harming the console; tmux's socket in a
# short folder under /tmp.
. "${top_srcdir:-.}/tests/lib.sh"
need tmux

"$LOKET" demo -q -m 200 -M 0 "$D" >/dev/null || {
	echo "Bail out! loket demo failed"
	exit 1
}
export LOKET_LANG=en
printf 'manager-pass\n' | loket loan -b MOF -u mira -t 12 product KUM \
    "Kredit Usaha Mikro" >/dev/null

# -- item 7: every key of the table is in loket(1)'s list ---------------
keys_c=$top_srcdir/tui/keys.c
man=$top_srcdir/man/loket.1
sed -n 's/^	{ KEY_F(\([0-9]*\)), 0, N_(".*"), &*\(screen_[a-z]*\|NULL\), NULL },$/F\1 \2/p' \
    "$keys_c" >"$T/fkeys"
sed -n "s/^	{ 0, '\\(.\\)', N_(\".*\"), NULL, &\\(screen_[a-z]*\\) },\$/\\2 \\1/p" \
    "$keys_c" >"$T/letters"
is "keys.c has twelve function keys" "$(wc -l <"$T/fkeys")" 12
ok "and letters on their screens" test "$(wc -l <"$T/letters")" -ge 10
missing=
while read -r f scr; do
	grep -q "^\.It Ic $f Ta " "$man" || missing="$missing $f"
done <"$T/fkeys"
while read -r scr letter; do
	f=$(sed -n "s/^\(F[0-9]*\) $scr\$/\1/p" "$T/fkeys")
	# A screen no function key opens is named: screen_province.
	[ -n "$f" ] || f=${scr#screen_}
	grep -q "^\.It Ic $f Ta Ic $letter Ta " "$man" ||
	    missing="$missing $f:$letter"
done <"$T/letters"
is "loket(1) lists every key of the table, letters under their screen's key" \
    "$missing" ""

# -- item 15: the socket is in a short private folder -------------------
console_start LOKET_BRANCH=MOF LOKET_IDLE=0 LOKET_RECEIPTS= \
    LOKET_PRINT="if [ -e '$T/printer-ok' ]; then cat >>'$T/printed'; else echo PAINTED; echo paper jam >&2; exit 1; fi"
on_screen "the console opens" 'MOF Cabang Maumere'
case $TMUX_SOCK in
/tmp/lk.??????/t*) in_tmp=yes ;;
*) in_tmp=no ;;
esac
is "tmux's socket is in a private folder under /tmp" "$in_tmp" yes
ok "its path is short whatever the build tree's" test ${#TMUX_SOCK} -lt 40
is "the folder is the test's own" "$(stat -c %a "$(dirname "$TMUX_SOCK")")" 700

# -- item 6: Esc on the sign-in screen asks before leaving ---------------
keys Escape
on_screen "Esc on the sign-in screen asks" 'Leave loket\? Enter: yes, Esc: no'
keys Escape
off_screen "Esc again: no, the console stays" 'Leave loket'
on_screen "on the sign-in screen" 'User id'
type_text ani; keys Enter; type_text teller-pass; keys Enter
on_screen "ani signs in" 'ani \(teller'

# -- item 8: a search with more hits than lines scrolls and counts ------
type_text m
on_screen "a search for m says which of how many" ' 1 of [0-9]+$'
n=$(screen | sed -n 's/.* 1 of \([0-9]*\)$/\1/p')
ok "more hits than the screen has lines ($n)" test "${n:-0}" -gt 15
i=1
while [ "$i" -lt "$n" ]; do keys Down; i=$((i + 1)); done
on_screen "Down to the last hit: $n of $n" " $n of $n\$"
last=$(screen | grep -c '^ *MOF-0')
ok "the list scrolled: still a screenful of members" test "$last" -ge 10
keys PPage
on_screen "PgUp goes back a page" " $((n - 15)) of $n\$"

# -- item 6: letters typed on the member view go to the search ----------
keys Escape
type_text MOF-000003; keys Enter
on_screen "the member view" 'Simpanan sukarela'
type_text quirinus
on_screen "quirinus typed on the member view is a search" 'Find +quirinus'
on_screen "and ani is still signed in" 'ani \(teller'
keys Escape
type_text MOF-000003; keys Enter
type_text stefanus
on_screen "stefanus too: no deposit opened" 'Find +stefanus'
not_on_screen "no deposit form" 'Amount|Jumlah'

# -- item 7: the bottom line, F12 and PuTTY's function keys -------------
keys Escape
type_text MOF-000003; keys Enter
on_screen "with a member in view the bottom line ends with F1 more" \
    'F1more *$'
tmux -S "$TMUX_SOCK" send-keys -t c -H 1b 5b 31 33 7e
on_screen "PuTTY's F3 (ESC [13~) opens the deposit" 'Deposit'
keys Escape
tmux -S "$TMUX_SOCK" send-keys -t c -H 1b 5b 31 31 7e
on_screen "PuTTY's F1 (ESC [11~) opens help" 'F12 +End of day'
on_screen "help lists the loan screen's letters" 'n +apply'
on_screen "and the drawer's" 'c +close, counted'
keys Escape
keys F11
on_screen "the loan screen says its letter: with no loan, only n" '^  n: apply$'
on_screen "and its bottom line begins with it" '^n:apply F2'
not_on_screen "no approving without a loan" 'a: ?approve'
type_text n
on_screen "n opens the application form" 'Term \(months\)'
not_on_screen "where the bottom line offers no letters" '^n:apply'
keys Escape
keys F12
on_screen "F12 is End of day" 'Drawers still open'
on_screen "whose letters are listed" 'c: close the day'
keys F8
on_screen "the drawer screen, closed, offers o" 'o: open with cash from the vault'
not_on_screen "and not c, while it is closed" 'c: close, counted'
not_on_screen "no longer offers e for end of day" "e: "

# -- item 5: printing that fails is a message, never a crash ------------
printf 'teller-pass\n' | loket drawer -b MOF -u ani open 1.000.000 >/dev/null
keys F2; type_text MOF-000003; keys Enter
keys F3; keys Tab; type_text 10.000; keys Enter; keys Enter
on_screen "the deposit's receipt" 'ten thousand rupiah|sepuluh ribu rupiah'
keys Enter
on_screen "a print command that fails says why on the message line" \
    'receipt was not printed: paper jam'
sleep 0.3
not_on_screen "its standard output is not painted on the screen" 'PAINTED'
on_screen "and the receipt stays" 'ten thousand rupiah|sepuluh ribu rupiah'
keys Escape
on_screen "Esc goes on without printing, with the same member" \
    '^  MOF-000003  .*'
touch "$T/printer-ok"
keys F1; type_text r
on_screen "F1 r shows the last receipt again" 'ten thousand rupiah|sepuluh ribu rupiah'
keys Enter
on_screen "and prints it" 'Receipt printed'
eventually "the printer got the receipt" "$T/printed" \
    'ten thousand rupiah|sepuluh ribu rupiah'
expect_status 0 "verify passes" loket verify
console_stop

# A printer that closes its input at once: the console's write meets a
# pipe with no reader (SIGPIPE, which killed the console with 141).
console_start LOKET_BRANCH=MOF LOKET_IDLE=0 LOKET_RECEIPTS= \
    LOKET_PRINT='exec 0<&-; sleep 0.3; exit 3'
on_screen "a second console opens" 'MOF Cabang Maumere'
type_text ani; keys Enter; type_text teller-pass; keys Enter
type_text MOF-000003; keys Enter
keys F3; keys Tab; type_text 20.000; keys Enter; keys Enter
on_screen "the deposit's receipt" 'twenty thousand rupiah|dua puluh ribu rupiah'
keys Enter
on_screen "a printer that will not read: a message, no crash" \
    'receipt was not printed: .*exited with 3'
keys Escape
on_screen "the console goes on, with the same member" '^  MOF-000003  '
is "its process is alive" "$(tmux -S "$TMUX_SOCK" display -p -t c '#{pane_dead}')" 0
console_stop

# -- item 12: LOKET_PRINT=terminal prints on the teller's own printer ----
console_start LOKET_BRANCH=MOF LOKET_IDLE=0 LOKET_RECEIPTS= \
    LOKET_PRINT=terminal
on_screen "a console printing to the terminal" 'MOF Cabang Maumere'
type_text ani; keys Enter; type_text teller-pass; keys Enter
type_text MOF-000003; keys Enter
keys F3; keys Tab; type_text 30.000; keys Enter; keys Enter
on_screen "the deposit's receipt" 'thirty thousand rupiah|tiga puluh ribu rupiah'
console_log
keys Enter
on_screen "printed" 'Receipt printed'
console_unlog
tr -d '\r' <"$T/tty.log" | tr '\033' '~' >"$T/mc"
like "the printer is switched on with ESC [5i" "$T/mc" '~\[5i'
like "the receipt goes to it" "$T/mc" 'thirty thousand rupiah|tiga puluh ribu rupiah'
like "and it is switched off with ESC [4i" "$T/mc" '~\[4i'

# -- item 6: Esc then Enter on the sign-in screen leaves ----------------
console_start LOKET_BRANCH=MOF LOKET_IDLE=0 LOKET_LANG=id
on_screen "a third console opens" 'MOF Cabang Maumere'

# -- item 8: a message longer than 80 columns wraps, whole --------------
for i in 1 2 3 4 5 6; do
	type_text ani; keys Enter; type_text "wrong-$i"; keys Enter
	sleep 0.2
	keys C-u BTab C-u
done
on_screen "the lockout message, 89 columns in Indonesian, begins" \
    '^ pengguna terkunci karena terlalu sering gagal masuk\. Minta'
on_screen "and ends on the line below, whole" \
    '^ (.* )?kunci Anda\.$'
keys Escape Enter
sleep 0.5
is "Esc, Enter leaves loket" "$(tmux -S "$TMUX_SOCK" display -p -t c '#{pane_dead}')" 1
done_testing
