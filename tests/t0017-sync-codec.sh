#!/bin/sh
# The frame codec on its own: random entries round-trip exactly through
# frames in both layouts; cut or flipped frames and random column bodies
# are refused without a crash (tests/tools/sync-codec prints the cases).
. "${top_srcdir:-.}/tests/lib.sh"

"$top_builddir/tests/tools/sync-codec" -n 150 -s "${SYNC_CODEC_SEED:-1}" \
    >"$T/codec" 2>&1
status=$?
# Its own TAP lines become ours, renumbered.
while IFS= read -r line; do
	case $line in
	"ok "*)
		test_count=$((test_count + 1))
		echo "ok $test_count - ${line#* - }"
		;;
	"not ok "*)
		test_count=$((test_count + 1))
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - ${line#* - }"
		;;
	esac
done <"$T/codec"
is "sync-codec exits 0" "$status" 0
grep -v '^\(ok\|not ok\|1\.\.\)' "$T/codec" | sed 's/^/# /'

done_testing
