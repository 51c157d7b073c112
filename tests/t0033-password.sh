#!/bin/sh
# Passwords are read whole: one longer than PASSWORD_MAX (128 bytes) or
# holding a NUL is refused with a clear message, never cut, and nothing
# is written.  At loket user add and passwd, at sign-in on standard input
# and at a terminal, and in the console's sign-in and password screens.
. "${top_srcdir:-.}/tests/lib.sh"
need tmux

make_book
long=$(printf '%0300d' 0 | tr 0 x)		# 300 bytes
max=$(printf '%0128d' 0 | tr 0 y)		# exactly the limit
n0=$(entries)

userpw() {	# userpw "lines" args...: loket in English, lines on stdin
	local in=$1
	shift
	printf "$in" | LOKET_LANG=en "$LOKET" -d "$D" "$@"
}

# loket user add: the new password.
expect_status 65 "user add: a new password of 300 bytes is refused" \
    userpw "admin-pass\n$long\n" user -u admin add ani teller "Ani Lestari"
like "saying it is longer than 128 bytes" "$T/err" \
    'password is longer than 128 bytes: refused'
expect_status 65 "user add: a new password holding a NUL is refused" \
    userpw 'admin-pass\nteller\000pass\n' user -u admin add ani teller "Ani"
like "saying it holds a NUL" "$T/err" 'password holds a NUL byte: refused'
expect_status 65 "user add: 255 bytes and more are not cut at 255 either" \
    userpw "admin-pass\n$(printf '%0255d' 0)teller-pass\n" \
    user -u admin add ani teller "Ani"
is "nothing was written" "$(entries)" "$n0"
pw admin-pass user list >"$T/users"
unlike "ani is not a user" "$T/users" '^ani '

expect_status 0 "a password of exactly 128 bytes is taken whole" \
    userpw "admin-pass\n$max\n" user -u admin add ani teller "Ani Lestari"
expect_status 77 "the same with one byte more does not sign in" \
    userpw "${max}y\nteller-pass\n" user -u ani passwd ani
like "it is refused as too long" "$T/err" 'longer than 128 bytes'
expect_status 0 "the 128 bytes sign ani in" \
    userpw "$max\nteller-pass\n" user -u ani passwd ani
n1=$(entries)

# loket user passwd: the new password.
expect_status 65 "passwd: a new password of 300 bytes is refused" \
    userpw "teller-pass\n$long\n" user -u ani passwd ani
like "saying it is longer than 128 bytes" "$T/err" 'longer than 128 bytes'
expect_status 65 "passwd: a new password holding a NUL is refused" \
    userpw 'teller-pass\nnew-pass\000word\n' user -u ani passwd ani
like "saying it holds a NUL" "$T/err" 'holds a NUL byte'
is "nothing was written" "$(entries)" "$n1"

# loket init: the first admin's password; no data folder is made.
expect_status 65 "init: a first password of 300 bytes is refused" \
    userpw "$long\n" -d "$T/new" init -a admin -B "Cabang Ende" -b ENDE \
    -c "Kopdit Sehati" -n "Yosef" -D 2026-11-02
like "saying it is longer than 128 bytes" "$T/err" 'longer than 128 bytes'
expect_status 65 "init: one holding a NUL is refused" \
    userpw 'admin-pass\000x\n' -d "$T/new" init -a admin \
    -B "Cabang Ende" -b ENDE -c "Kopdit Sehati" -n "Yosef" -D 2026-11-02
ok "and no data folder was made" test ! -e "$T/new/data.mdb"

# Sign-in: refused, not cut, and not counted as a guess.
expect_status 77 "sign-in with a password of 300 bytes is refused" \
    userpw "$long\n" user -u admin unlock ani
like "saying it is longer than 128 bytes" "$T/err" 'longer than 128 bytes'
expect_status 77 "sign-in with the right password and a NUL after it" \
    userpw 'admin-pass\000\n' user -u admin unlock ani
like "is refused: it is not cut at the NUL" "$T/err" 'holds a NUL byte'
expect_status 77 "sign-in with a NUL and more after it is refused" \
    userpw 'admin-pass\000junk\n' user -u admin unlock ani
for i in 1 2 3 4 5 6; do
	userpw "$long\n" user -u admin unlock ani 2>/dev/null
done
expect_status 0 "six over-long tries do not lock admin out" \
    userpw 'admin-pass\n' user -u admin unlock ani
is "nothing was written" "$(entries)" "$n1"

# At a terminal the rest of an over-long line was read as the password
# asked for next ("Again:"); now the whole line is read and refused.
TMUX_SOCK=$T/tmux.term
tmux -S "$TMUX_SOCK" -f /dev/null new-session -d -s c -x 80 -y 24 \
    env TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 LOKET_LANG=en \
    "$LOKET" -d "$D" user -u ani passwd ani
tmux -S "$TMUX_SOCK" set-option -t c remain-on-exit on >/dev/null
on_screen "a terminal: loket user passwd asks for ani's password" \
    'Password for ani'
type_text teller-pass; keys Enter
on_screen "then for the new one" 'New password for ani'
type_text "$long"; keys Enter
on_screen "300 bytes typed at the terminal are refused" \
    'longer than 128 bytes'
not_on_screen "and their rest is not taken for the second asking" 'Again'
is "nothing was written" "$(entries)" "$n1"
console_stop

# The console: its password fields are not cut at their width.
console_start LOKET_IDLE=0
on_screen "the console opens on the sign-in screen" 'MOF Cabang Maumere'
type_text admin; keys Enter; type_text "$long"; keys Enter
on_screen "console sign-in: 300 bytes are refused as too long" \
    '128 bita|128 bytes'
keys C-u BTab C-u
type_text ani; keys Enter; type_text teller-pass; keys Enter
on_screen "ani signs in" 'ani \((teller|kasir)'
keys F1 w
on_screen "the password screen" '(Kata sandi baru|New password)'
type_text teller-pass; keys Tab
type_text "$long"; keys Tab
type_text "$long"; keys Enter
on_screen "a new password of 300 bytes is refused" '128 bita|128 bytes'
is "nothing was written" "$(entries)" "$n1"
sixty=$(printf '%060d' 0 | tr 0 z)
keys Escape
keys F1 w
on_screen "the password screen again" '(Kata sandi baru|New password)'
type_text teller-pass; keys Tab
type_text "$sixty"; keys Tab
type_text "$sixty"; keys Enter
on_screen "60 characters, wider than the field, are taken" \
    '(Kata sandi Anda sudah diganti|Your password is changed)'
console_stop
expect_status 0 "and all 60 sign in, not the first 39" \
    userpw "$sixty\nteller-pass\n" user -u ani passwd ani

done_testing
