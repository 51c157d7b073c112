#!/bin/sh
# bench/province-bench.sh [BUILDDIR]: the province box's figures, one a
# line as NAME VALUE UNIT:
#
#	province_dashboard_ms	loket province (the year's summary) over
#				4,202 cooperatives' reports, the median of 5
#				runs, the process's start included
#	ods_report_bytes	bytes on the wire, both ways, of one
#				loket sync --province (a head office's
#				yearly report), less those of a session of
#				the same key whose forced command does
#				nothing: SSH's handshake, sign-in, exec and
#				goodbyes
#
# The reports are generated (tests/tools/ods-gen -k), as NTT's 4,202
# cooperatives would have sent them; bytes are counted at
# tests/tools/proxy between loket and a real sshd on 127.0.0.1.
# Targets (issue 14): province_dashboard_ms <= 200, ods_report_bytes
# <= 2048.
set -u
here=$(cd "$(dirname "$0")/.." && pwd)
top_srcdir=$here
top_builddir=$(cd "${1:-${top_builddir:-$here/build}}" && pwd)
export top_srcdir top_builddir
(cd "$top_builddir" && make -s loket tests/tools/proxy \
    tests/tools/ods-gen >/dev/null) || {
	echo "province-bench: cannot build the tools in $top_builddir" >&2
	exit 1
}
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/tools/sync-lib.sh"
P=$T/province

fail() {
	echo "province-bench: $*" >&2
	exit 1
}

"$LOKET" -d "$P" init --province "Dinas Koperasi NTT" ||
    fail "init --province failed"
echo "province-bench: 4202 reports..." >&2
"$top_builddir/tests/tools/ods-gen" -k -y 2025 4202 "$P" >/dev/null ||
    fail "ods-gen failed"
for i in 1 2 3 4 5; do
	t0=$(date +%s%N)
	"$LOKET" -d "$P" province -y 2025 >/dev/null || fail "province failed"
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000))
done | sort -n | sed -n 3p |
    awk '{ printf "province_dashboard_ms %.1f ms\n", $1 / 1000 }'

# One head office's report over SSH, and the same key doing nothing.
start_sshd
printf 'admin-pass\n' | "$LOKET" -d "$T/ho" init -H -a admin \
    -B "Kantor Pusat" -b HO -c "Kopdit Sehati" -n "Yosef Bata" \
    -D 2026-11-02 >/dev/null || fail "init failed"
start_proxy -o "$T/bytes"
cat >"$T/ho/loket.conf" <<EOC
sync.host = 127.0.0.1
sync.port = $SSHD_PORT
province.host = 127.0.0.1
province.port = $PROXY_PORT
province.user = root
EOC
"$LOKET" -d "$T/ho" sync -S -K "$SSHD_DIR/host_ed25519.pub" \
    >"$T/line" || fail "sync -S failed"
printf '[127.0.0.1]:%s %s\n' "$PROXY_PORT" \
    "$(cut -d' ' -f1,2 "$SSHD_DIR/host_ed25519.pub")" \
    >>"$T/ho/ssh/known_hosts"
sed "s|command=\"loket serve -b [A-Z0-9]*\"|command=\"$LOKET -d $P serve --coop KSP01\"|" \
    "$T/line" >"$SSHD_DIR/authorized_keys"
"$LOKET" -d "$T/ho" sync --province >/dev/null || fail "sync --province failed"
sleep 0.3
report=$(tail -1 "$T/bytes" | awk '{ print $1 + $2 }')
sed "s|command=\"loket serve -b [A-Z0-9]*\"|command=\"true\"|" \
    "$T/line" >"$SSHD_DIR/authorized_keys"
"$LOKET" -d "$T/ho" sync --province >/dev/null 2>&1
sleep 0.3
empty=$(tail -1 "$T/bytes" | awk '{ print $1 + $2 }')
echo "province-bench: report session $report bytes, empty session $empty" >&2
echo "ods_report_bytes $((report - empty)) bytes"
