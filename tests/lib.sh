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

# A free TCP port on 127.0.0.1.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

done_testing() {
	echo "1..$test_count"
	if [ "$test_failed" -eq 0 ]; then
		rm -rf "$T"
		exit 0
	fi
	echo "# $test_failed of $test_count failed; kept $T"
	exit 1
}
