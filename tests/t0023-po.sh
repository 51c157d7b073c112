#!/bin/sh
# Every message shown in Indonesian has its translation: po/id.po is
# complete (msgfmt reports nothing untranslated or fuzzy), every msgid of
# the sources is in it (xgettext over them, as make update-po runs it),
# and each entry whose msgid is a C format is marked c-format in id.po
# (without the mark a %<PRIu64> message is never translated).
. "${top_srcdir:-.}/tests/lib.sh"
need msgfmt
need xgettext
need msgmerge
need msgcat
need msgattrib

po=$top_srcdir/po/id.po
msgfmt -c --statistics -o /dev/null "$po" >"$T/stats" 2>&1
like "msgfmt -c accepts id.po" "$T/stats" '^[0-9]+ translated messages\.$'
unlike "and finds nothing untranslated or fuzzy" "$T/stats" \
    'untranslated|fuzzy'

# The sources, as Makefile.am's I18N_FILES names them.
(cd "$top_srcdir" && ls store/*.c tui/*.c cli/*.c sync/*.c) >"$T/files"
(cd "$top_srcdir" && xgettext --from-code=UTF-8 -k_ -kN_ \
    --package-name=loket -o "$T/loket.pot" -f "$T/files")
ok "xgettext reads the sources" test -s "$T/loket.pot"
msgmerge -q --no-fuzzy-matching "$po" "$T/loket.pot" -o "$T/merged.po"
msgfmt -c --statistics -o /dev/null "$T/merged.po" >"$T/mstats" 2>&1
unlike "every msgid of the sources has its translation in id.po" \
    "$T/mstats" 'untranslated|fuzzy'
msgattrib --untranslated --no-wrap "$T/merged.po" |
    sed -n 's/^msgid "\(..*\)"$/#   untranslated: \1/p' | head -20

# msgid and whether it is a C format, one a line, for a catalogue.
formats() {
	msgcat --no-wrap --sort-output "$1" | awk '
		/^#,/ { c = ($0 ~ /c-format/) && ($0 !~ /no-c-format/) }
		/^msgid "/ { if ($0 != "msgid \"\"") print c "\t" $0; c = 0 }'
}
formats "$T/loket.pot" >"$T/want"
formats "$po" >"$T/got"
# The msgids of both whose marks differ (id.po may keep obsolete ones).
awk -F '\t' 'NR == FNR { want[$2] = $1; next }
    ($2 in want) && want[$2] != $1 { print $2 }' "$T/want" "$T/got" \
    >"$T/marks"
is "id.po marks c-format exactly where the sources' messages are formats" \
    "$(head -5 "$T/marks")" ""
done_testing
