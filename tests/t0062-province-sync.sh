#!/bin/sh
# loket sync --province over a real sshd on the loopback: a head office
# ships its yearly report to a province box, whose authorized_keys line
# runs loket serve --coop CODE; the same report twice is kept once; a
# second cooperative's key lands under its own code only, whatever it
# sends; a report cut on the wire resumes; a changed host key is refused
# before anything is sent.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tools/sync-lib.sh"

P=$T/province
pv() {
	"$LOKET" -d "$P" "$@"
}
start_sshd
ok "the province box" pv init --province "Dinas Koperasi NTT"

# coop DIR CODE [PORT]: a head office book at DIR, set up to report to
# the province box as CODE.
coop() {
	printf 'admin-pass\n' | "$LOKET" -d "$1" init -H -a admin \
	    -B "Kantor Pusat" -b HO -c "Kopdit $2" -n "Yosef Bata" \
	    -D 2026-11-02 >/dev/null || return 1
	cat >"$1/loket.conf" <<EOC
sync.host = 127.0.0.1
sync.port = $SSHD_PORT
province.host = 127.0.0.1
province.port = ${3:-$SSHD_PORT}
province.user = root
sync.timeout = 20
EOC
	"$LOKET" -d "$1" sync -S -K "$SSHD_DIR/host_ed25519.pub" \
	    >"$1/authorized_line" || return 1
	sed "s|command=\"loket serve -b [A-Z0-9]*\"|command=\"$LOKET -d $P serve --coop $2\"|" \
	    "$1/authorized_line" >>"$SSHD_DIR/authorized_keys"
}
ok "cooperative KSP01's head office" coop "$T/a" KSP01
ok "and KSP02's" coop "$T/b" KSP02
kept() { find "$P/reports/$1" -name '*.ods' 2>/dev/null | wc -l | tr -d ' '; }

ok "KSP01 reports" "$LOKET" -d "$T/a" sync --province
whole=$(sed -n 's/.*(\([0-9]*\) .*/\1/p' "$T/out")
like "and is told it is kept" "$T/out" "ada di kantor provinsi"
is "the box keeps one report of KSP01" "$(kept KSP01)" 1
is "read-only" "$(find "$P/reports/KSP01" -name '*.ods' -perm -200 | wc -l | tr -d ' ')" 0
ok "the same report again" "$LOKET" -d "$T/a" sync --province
like "is kept once" "$T/out" "sudah memiliki laporan"
is "still one" "$(kept KSP01)" 1
"$LOKET" -d "$P" province -c -y 2026 worst >"$T/w"
like "the dashboard lists KSP01's report of 2026" "$T/w" '^KSP01,'

# KSP02's key can only ever report as KSP02: the code is sshd's.
ok "KSP02 reports" "$LOKET" -d "$T/b" sync --province
is "under its own code" "$(kept KSP02)" 1
is "and not as KSP01" "$(kept KSP01)" 1
cp "$T/a/anchor.key" "$T/b/anchor.key"
expect_status 6 "KSP02's box signing with KSP01's key is refused" \
    "$LOKET" -d "$T/b" sync --province
like "the province says why" "$T/err" "kantor provinsi menolak laporan.*another key"
is "nothing more kept" "$(kept KSP01) $(kept KSP02)" "1 1"

# A cut on the wire: the next sync goes on from what arrived.
start_proxy -o "$T/bytes"
sed -i "s/^province.port = .*/province.port = $PROXY_PORT/" "$T/a/loket.conf"
printf '[127.0.0.1]:%s %s\n' "$PROXY_PORT" \
    "$(cut -d' ' -f1,2 "$SSHD_DIR/host_ed25519.pub")" >>"$T/a/ssh/known_hosts"
ok "an end of day, so that the report changes" \
    sh -c "printf 'admin-pass\n' | '$LOKET' -d '$T/a' eod -u admin"
ok "KSP01 reports through the proxy" "$LOKET" -d "$T/a" sync --province
is "two reports of KSP01 kept now" "$(kept KSP01)" 2
full=$(awk '{ print $1 + $2 }' "$T/bytes" | tail -1)
ok "another end of day" \
    sh -c "printf 'admin-pass\n' | '$LOKET' -d '$T/a' eod -u admin"
# A cut at a random byte among the upload's last kilobyte and a half:
# the sync fails, and the next one goes on from what arrived.  Tried at
# falling cut points until one leaves part of the upload behind (a cut
# in the handshake leaves nothing).
rm -f "$T/bytes"
cut=$((full - 40 - $(od -An -N2 -tu2 /dev/urandom) % 40))
found=0
while [ "$cut" -gt $((full - 1500)) ] && [ "$found" = 0 ]; do
	printf 'admin-pass\n' | "$LOKET" -d "$T/a" eod -u admin >/dev/null
	start_proxy -c "$cut"
	sed -i "s/^province.port = .*/province.port = $PROXY_PORT/" "$T/a/loket.conf"
	printf '[127.0.0.1]:%s %s\n' "$PROXY_PORT" \
	    "$(cut -d' ' -f1,2 "$SSHD_DIR/host_ed25519.pub")" >>"$T/a/ssh/known_hosts"
	before=$(kept KSP01)
	if "$LOKET" -d "$T/a" sync --province >"$T/out" 2>"$T/err"; then
		echo "# cut at $cut: after the upload, kept"
	elif [ -n "$(find "$P/partial" -type f -size +0)" ]; then
		found=1
		echo "# cut at $cut of $full: $(find "$P/partial" -type f -size +0 -exec cat {} + | wc -c) bytes arrived"
	else
		echo "# cut at $cut: nothing arrived"
	fi
	cut=$((cut - 30 - $(od -An -N1 -tu1 /dev/urandom) % 30))
done
is "a cut left part of the upload in partial/" "$found" 1
like "and the sync said the link was cut" "$T/err" "terputus"
n=$(kept KSP01)
ok "the next sync finishes it" "$LOKET" -d "$T/a" sync --province
rest=$(sed -n 's/.*(\([0-9]*\) .*/\1/p' "$T/out")
ok "sending only what was missing ($rest bytes, the whole was $whole)" \
    test "$rest" -lt "$whole"
is "one report more" "$(kept KSP01)" $((n + 1))
is "and nothing left half-way" "$(find "$P/partial" -type f | wc -l | tr -d ' ')" 0
stop_proxy

# The province box is replaced by an impostor: refused before sign-in.
kill "$SSHD_PID"
wait "$SSHD_PID" 2>/dev/null
mv "$SSHD_DIR/host_ed25519" "$SSHD_DIR/host_ed25519.old"
ssh-keygen -q -t ed25519 -N '' -C impostor -f "$SSHD_DIR/host_ed25519"
"$SSHD" -D -e -f "$SSHD_DIR/sshd_config" 2>"$SSHD_DIR/log" &
SSHD_PID=$!
ok "the impostor listens" wait_port "$SSHD_PORT"
sed -i "s/^province.port = .*/province.port = $SSHD_PORT/" "$T/b/loket.conf"
expect_status 3 "a changed host key is refused (exit 3)" \
    "$LOKET" -d "$T/b" sync --province
is "and nothing is kept" "$(kept KSP02)" 1

done_testing
