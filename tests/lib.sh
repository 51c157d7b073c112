# tests/lib.sh: what every scenario test shares.  Sourced by tests/tNNNN-*.sh
# (run by make check, or by hand from the build tree).  Tests speak TAP:
#
#	. "${top_srcdir:-.}/tests/lib.sh"
#	ok "loket -V prints the version" test "$(loket -V)" = "loket 0.1.0"
#	expect_status 64 "unknown command exits 64" loket bogus
#	done_testing
#
# Each test gets a scratch folder $T (removed on success, kept on failure)
# and a data folder $D inside it.  Environment is fixed: TZ, LANG and
# LOKET_LANG, so messages and dates do not depend on the machine.

set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=$(pwd)}"
: "${LOKET:=$top_builddir/loket}"
export top_srcdir top_builddir LOKET

TZ=Asia/Makassar
LANG=C.UTF-8
LC_ALL=C.UTF-8
LOKET_LANG=id
export TZ LANG LC_ALL LOKET_LANG
unset LOKET_DIR LANGUAGE

test_name=$(basename "$0" .sh)
T=$top_builddir/tests/tmp/$test_name
rm -rf "$T"
mkdir -p "$T"
D=$T/data
TMPDIR=$T
export TMPDIR

test_count=0
test_failed=0

loket() {
	"$LOKET" -d "$D" "$@"
}

# pw "PASSWORD ..." COMMAND ARG...: loket COMMAND with the passwords on
# standard input, one a line (the user's first, then the approver's);
# pw_en the same with English messages, en any command in English.
pw() {
	local p=$1
	shift
	printf '%s\n' $p | "$LOKET" -d "$D" "$@"
}
pw_en() {
	local p=$1
	shift
	printf '%s\n' $p | LOKET_LANG=en "$LOKET" -d "$D" "$@"
}
en() {
	LOKET_LANG=en "$LOKET" -d "$D" "$@"
}

# words FILE: a receipt's amount in words, its lines joined, after
# "In words:" or "Terbilang:" (receipts fold it to their width).
words() {
	awk '/^(In words|Terbilang):$/ { f = 1; s = ""; next }
	    f && /^  / { sub(/^  /, ""); s = s (s == "" ? "" : " ") $0; next }
	    { f = 0 }
	    END { print s }' "$1"
}

# The number of entries in the journal, as loket verify counts them.
entries() {
	en verify | sed -n 's/^verified \([0-9][0-9]*\) entries.*/\1/p'
}

# ok DESCRIPTION COMMAND [ARG ...]: passes when the command succeeds.
ok() {
	local desc=$1
	shift
	test_count=$((test_count + 1))
	if "$@" >"$T/out" 2>"$T/err"; then
		echo "ok $test_count - $desc"
	else
		echo "not ok $test_count - $desc"
		test_failed=$((test_failed + 1))
		sed 's/^/#   out: /' "$T/out" | head -20
		sed 's/^/#   err: /' "$T/err" | head -20
	fi
}

# expect_status N DESCRIPTION COMMAND [ARG ...]: the command exits N.
# Its stdout and stderr are left in $T/out and $T/err.
expect_status() {
	local want=$1 desc=$2 got
	shift 2
	test_count=$((test_count + 1))
	"$@" >"$T/out" 2>"$T/err"
	got=$?
	if [ "$got" -eq "$want" ]; then
		echo "ok $test_count - $desc"
	else
		echo "not ok $test_count - $desc (exit $got, wanted $want)"
		test_failed=$((test_failed + 1))
		sed 's/^/#   out: /' "$T/out" | head -20
		sed 's/^/#   err: /' "$T/err" | head -20
	fi
}

# is DESCRIPTION GOT WANT: two strings are equal.
is() {
	test_count=$((test_count + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $test_count - $1"
	else
		echo "not ok $test_count - $1"
		test_failed=$((test_failed + 1))
		printf '#   got:  %s\n' "$2" | head -20
		printf '#   want: %s\n' "$3" | head -20
	fi
}

# like DESCRIPTION FILE PATTERN: a file has a line matching the grep -E pattern.
like() {
	test_count=$((test_count + 1))
	if grep -Eq -- "$3" "$2"; then
		echo "ok $test_count - $1"
	else
		echo "not ok $test_count - $1"
		test_failed=$((test_failed + 1))
		printf '#   no line matching: %s\n' "$3"
		sed 's/^/#   /' "$2" | head -20
	fi
}

# eventually DESCRIPTION FILE PATTERN: like, waiting up to 5 s for it.
eventually() {
	local i=0
	while [ "$i" -lt 100 ] && ! grep -Eq -- "$3" "$2" 2>/dev/null; do
		sleep 0.05
		i=$((i + 1))
	done
	like "$@"
}

# unlike DESCRIPTION FILE PATTERN: no line matches.
unlike() {
	test_count=$((test_count + 1))
	if ! grep -Eq -- "$3" "$2"; then
		echo "ok $test_count - $1"
	else
		echo "not ok $test_count - $1"
		test_failed=$((test_failed + 1))
		grep -E -- "$3" "$2" | sed 's/^/#   matched: /' | head -20
	fi
}

# A tool the test needs; a missing one fails the test, never skips it.
need() {
	if ! command -v "$1" >/dev/null 2>&1; then
		echo "Bail out! $1 is not installed (run ./quickstart check)"
		exit 1
	fi
}

# A demo book: branch MOF, admin "admin" with password "admin-pass".
make_book() {
	printf 'admin-pass\n' | loket init -a admin -B "Cabang Maumere" \
	    -b MOF -c "Kopdit Sehati" -n "Maria Goreti" -D 2026-11-02 \
	    >/dev/null || {
		echo "Bail out! loket init failed"
		exit 1
	}
}

# excel FILE OUT (loket import's tests): FILE as Indonesian Excel saves
# it: semicolons outside quotes, dates day first, a byte-order mark,
# CRLF line ends and a trailing empty line; headers capitalised with
# spaces, rates with a decimal comma, "Rp" before the balance sheet's
# amounts and ",00" after whole savings balances.
excel() {
	printf '\357\273\277' >"$2"
	sed -E 's#([0-9]{4})-([0-9]{2})-([0-9]{2})#\3/\2/\1#g' "$1" |
	    awk -v kind="${1##*/}" '
	BEGIN { q = 0 }
	{
		out = ""
		for (i = 1; i <= length($0); i++) {
			c = substr($0, i, 1)
			if (c == "\"")
				q = !q
			else if (c == "," && !q)
				c = ";"
			out = out c
		}
		if (q) {	# a line break inside quotes stays LF
			printf "%s\n", out
			next
		}
		n = split(out, f, ";")
		if (FNR == 1) {
			for (i = 1; i <= n; i++) {
				gsub(/_/, " ", f[i])
				f[i] = toupper(substr(f[i], 1, 1)) substr(f[i], 2)
			}
		} else if (kind == "pinjaman.csv") {
			sub(/\./, ",", f[5])
		} else if (kind == "simpanan.csv") {
			sub(/\./, ",", f[6])
			gsub(/"/, "", f[3])
			if (f[3] !~ /,/)
				f[3] = f[3] ",00"
		} else if (kind == "neraca.csv") {
			for (i = 3; i <= 4; i++) {
				gsub(/"/, "", f[i])
				if (f[i] != "")
					f[i] = "Rp " f[i]
			}
		}
		line = f[1]
		for (i = 2; i <= n; i++)
			line = line ";" f[i]
		printf "%s\r\n", line
	}
	END { printf "\r\n" }' >>"$2"
}

# A free TCP port on 127.0.0.1.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# The console inside a private tmux server: 80x24, fixed TERM and locale.
# console_start [ENV=VALUE ...]: opens it on $D; tmux output is logged
# byte for byte in $T/tty.log when console_log is called.  tmux's socket
# lives in a short private folder under /tmp, never under the build tree:
# a socket's path has room for 107 bytes only, and a build tree may be
# deeper than that.
SOCK_DIR=
TMUX_SOCK=
console_n=0
console_start() {
	need tmux
	if [ -z "$SOCK_DIR" ]; then
		SOCK_DIR=$(mktemp -d /tmp/lk.XXXXXX) || {
			echo "Bail out! mktemp -d /tmp/lk.XXXXXX failed"
			exit 1
		}
	fi
	# A fresh server each time: one being killed may still hold the last.
	console_n=$((console_n + 1))
	TMUX_SOCK=$SOCK_DIR/t$console_n
	tmux -S "$TMUX_SOCK" -f /dev/null new-session -d -s c -x 80 -y 24 \
	    env TERM=screen LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Makassar \
	    LOKET_LANG="${LOKET_LANG:-id}" LOKET_RECEIPTS="$T/receipts" \
	    "$@" "$LOKET" -d "$D"
	tmux -S "$TMUX_SOCK" set-option -t c remain-on-exit on >/dev/null
}

console_stop() {
	[ -n "$TMUX_SOCK" ] && [ -S "$TMUX_SOCK" ] &&
	    tmux -S "$TMUX_SOCK" kill-server 2>/dev/null
	return 0
}

# Stop the console and remove the sockets' folder: at the end of every
# test, also one that bails out (tests/tools/sync-lib.sh's trap calls it).
lib_cleanup() {
	console_stop
	[ -n "$SOCK_DIR" ] && rm -rf "$SOCK_DIR"
	SOCK_DIR=
	return 0
}
trap lib_cleanup EXIT

# Count what the console writes to its terminal from now on.
console_log() {
	: >"$T/tty.log"
	tmux -S "$TMUX_SOCK" pipe-pane -o -t c "cat >>'$T/tty.log'"
}

console_unlog() {
	tmux -S "$TMUX_SOCK" pipe-pane -t c
}

# Type keys (tmux send-keys names: Enter, Tab, Escape, F3, ...).
keys() {
	tmux -S "$TMUX_SOCK" send-keys -t c "$@"
}

# Type text literally.
type_text() {
	tmux -S "$TMUX_SOCK" send-keys -t c -l "$1"
}

screen() {
	tmux -S "$TMUX_SOCK" capture-pane -p -t c
}

# wait_for PATTERN [SECONDS]: until the screen shows the grep -E pattern.
wait_for() {
	local i=0 n=$(( ${2:-5} * 20 ))
	while [ "$i" -lt "$n" ]; do
		screen | grep -Eq -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# on_screen DESCRIPTION PATTERN [SECONDS]: a test that the screen shows it.
on_screen() {
	test_count=$((test_count + 1))
	if wait_for "$2" "${3:-5}"; then
		echo "ok $test_count - $1"
	else
		echo "not ok $test_count - $1"
		test_failed=$((test_failed + 1))
		printf '#   no line matching: %s\n' "$2"
		screen | sed 's/^/#   | /'
	fi
}

# not_on_screen DESCRIPTION PATTERN: the screen does not show it.
not_on_screen() {
	test_count=$((test_count + 1))
	if ! screen | grep -Eq -- "$2"; then
		echo "ok $test_count - $1"
	else
		echo "not ok $test_count - $1"
		test_failed=$((test_failed + 1))
		screen | sed 's/^/#   | /'
	fi
}

# off_screen DESCRIPTION PATTERN [SECONDS]: the screen stops showing it
# (waiting for the console to take the last keys).
off_screen() {
	local i=0 n=$(( ${3:-5} * 20 ))
	test_count=$((test_count + 1))
	while [ "$i" -lt "$n" ] && screen | grep -Eq -- "$2"; do
		sleep 0.05
		i=$((i + 1))
	done
	if ! screen | grep -Eq -- "$2"; then
		echo "ok $test_count - $1"
	else
		echo "not ok $test_count - $1"
		test_failed=$((test_failed + 1))
		screen | sed 's/^/#   | /'
	fi
}

# eod_step: one end of day by sisi ($SISI her password) on the business
# date kept in $T/date, which then holds the next (eod's message in
# $T/eod).  eod_until DATE: ends of day until the business date is DATE,
# never past it.
eod_step() {
	pw_en "$SISI" eod -D "$(cat "$T/date")" -u sisi >"$T/eod" 2>&1 ||
	    return 1
	sed -n 's/.*business date now \([0-9-]*\)$/\1/p' "$T/eod" >"$T/date"
}
eod_until() {
	while [ "$(cat "$T/date")" != "$1" ]; do
		expr "$(cat "$T/date")" \< "$1" >/dev/null || return 1
		eod_step || return 1
	done
}

# refused STATUS DESCRIPTION COMMAND...: COMMAND exits STATUS and
# writes no entry (two checks).
refused() {
	local want=$1 desc=$2 n
	shift 2
	n=$(entries)
	expect_status "$want" "$desc" "$@"
	is "$desc: nothing written" "$(entries)" "$n"
}

# setting_shown NAME: the value loket setting lists for NAME, in English.
setting_shown() {
	en setting | awk -v n="$1" '$1 == n { $1 = ""; sub(/^ /, ""); print }'
}

done_testing() {
	lib_cleanup
	echo "1..$test_count"
	if [ "$test_failed" -eq 0 ]; then
		rm -rf "$T"
		exit 0
	fi
	echo "# $test_failed of $test_count failed; kept $T"
	exit 1
}
