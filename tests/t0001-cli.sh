#!/bin/sh
# The program's face: version, help from the command table, usage errors.
. "${top_srcdir:-.}/tests/lib.sh"

expect_status 0 "loket -V exits 0" "$LOKET" -V
like "loket -V prints the version" "$T/out" '^loket [0-9]+\.[0-9]+\.[0-9]+$'

expect_status 0 "loket -h exits 0" "$LOKET" -h
for c in backup init user verify; do
	like "loket -h lists $c" "$T/out" "^  $c +[a-z]"
done
cp "$T/out" "$T/help"
is "loket -h: no line wider than 80 columns" \
    "$(awk 'length > 80' "$T/help" | wc -l)" 0
grep -E '^  [a-z][a-z-]* ' "$T/help" | awk '{ print $1 }' >"$T/names"
ok "loket -h lists the commands in alphabetical order" \
    sh -c "LC_ALL=C sort -c '$T/names'"
like "close-year's summary is apart from its name" "$T/help" '^  close-year [a-z]'

expect_status 64 "an unknown command exits 64" "$LOKET" bogus
like "and says so on stderr" "$T/err" '^loket: .*bogus'
like "with a usage line" "$T/err" '^pemakaian: loket \[-hV\]'
is "nothing on stdout" "$(cat "$T/out")" ""

expect_status 64 "an unknown option exits 64" "$LOKET" -Z
like "and names it" "$T/err" '^loket: .*-Z'

expect_status 64 "an unknown command option exits 64" "$LOKET" verify -Z
like "with the command's usage" "$T/err" 'loket verify \[-q\]'

expect_status 64 "a missing option value exits 64" "$LOKET" -d
expect_status 64 "too many operands exits 64" "$LOKET" -d "$D" verify extra

expect_status 0 "a command's -h exits 0" "$LOKET" backup -h
like "and prints its usage on stdout" "$T/out" '^pemakaian: loket backup \[-q\] dest$'

LOKET_LANG=en expect_status 64 "English by setting" "$LOKET" bogus
like "the usage word is English" "$T/err" '^usage: loket'

expect_status 66 "no data folder exits 66" "$LOKET" -d "$T/none" verify
like "and says where to start" "$T/err" 'loket init'

LOKET_DIR=$T/none2 expect_status 66 "LOKET_DIR names the data folder" \
    "$LOKET" verify
like "the message names it" "$T/err" 'none2'

expect_status 64 "the console needs a terminal" sh -c "'$LOKET' -d '$D' </dev/null"

done_testing
