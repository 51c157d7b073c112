#!/bin/sh
# The man pages: mandoc -Tlint is clean on every page, every command has
# its page, and each page's SYNOPSIS is exactly the command's usage line.
. "${top_srcdir:-.}/tests/lib.sh"

need mandoc
need col

man=$top_srcdir/man

# synopsis PAGE: the SYNOPSIS section as mandoc renders it, on one line:
# continuation lines joined, runs of blanks squeezed to one space.
synopsis() {
	mandoc -Tascii "$1" 2>/dev/null | col -b | awk '
		/^[^ \t]/ { insyn = ($0 == "SYNOPSIS"); next }
		insyn { print }' |
	    tr -s '[:space:]' ' ' | sed 's/^ //; s/ $//'
}

# Every page lints clean.
for page in "$man"/*.[1-9]; do
	is "mandoc -Tlint -W warning: man/${page##*/} is clean" \
	    "$(mandoc -Tlint -W warning "$page" 2>&1)" ""
done

# The commands, from loket -h: the first word of each line under the
# heading that begins with two spaces (the heading itself is translated).
"$LOKET" -h >"$T/help" 2>&1
cmds=$(awk '/^  [^ ]/ { print $1 }' "$T/help")
ok "loket -h lists commands" test -n "$cmds"

for c in $cmds; do
	page=$man/loket-$c.8
	ok "man/loket-$c.8 exists" test -f "$page"
	# A usage of several forms is several lines: compare them as one.
	en=$(LOKET_LANG=en "$LOKET" "$c" -h 2>&1 | tr -s '[:space:]' ' ' |
	    sed 's/ $//')
	id=$("$LOKET" "$c" -h 2>&1 | tr -s '[:space:]' ' ' | sed 's/ $//')
	is "loket $c -h prints the same usage in English and Indonesian" \
	    "${en#*: }" "${id#*: }"
	case $en in
	"usage: loket $c "*)	usage=${en#usage: } ;;
	*)			usage="(not a usage line: $en)" ;;
	esac
	is "loket-$c.8 SYNOPSIS is loket $c's usage line" \
	    "$(synopsis "$page")" "$usage"
done

# Every command page is for a command that exists.
for page in "$man"/loket-*.8; do
	c=${page##*/loket-}
	c=${c%.8}
	ok "loket-$c.8 documents a command in loket -h" \
	    sh -c 'printf "%s\n" "$1" | grep -qx -- "$2"' sh "$cmds" "$c"
done

# loket.1: the program's usage line, and every command with its page.
en=$(LOKET_LANG=en "$LOKET" -h 2>&1 | sed -n 1p)
is "loket.1 SYNOPSIS is loket -h's usage line" \
    "$(synopsis "$man/loket.1")" "${en#usage: }"
mandoc -Tascii "$man/loket.1" 2>/dev/null | col -b >"$T/loket.1.txt"
for c in $cmds; do
	like "loket.1 lists $c" "$T/loket.1.txt" "^ +$c( |\$)"
	like "loket.1 refers to loket-$c(8)" "$T/loket.1.txt" "loket-$c\\(8\\)"
done

done_testing
