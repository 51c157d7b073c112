#!/bin/sh
# bench/tui-bytes.sh LOKET: bytes the console writes to its terminal for
# one deposit at the counter: find a member by number, open the deposit,
# type the amount, confirm, see the receipt, back to the search.  The
# console runs in tmux at 80x24; tmux's pipe-pane records every byte.
# Prints one line: tui_deposit_bytes N bytes
set -u
LOKET=${1:?usage: bench/tui-bytes.sh path/to/loket}
T=$(mktemp -d)
trap 'tmux -S "$T/s" kill-server 2>/dev/null; rm -rf "$T"' EXIT
D=$T/data
"$LOKET" demo -q -m 200 -M 0 "$D" >/dev/null || exit 1
S="tmux -S $T/s"
$S -f /dev/null new-session -d -s c -x 80 -y 24 env TERM=screen \
    LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Makassar LOKET_BRANCH=MOF \
    LOKET_RECEIPTS="$T/r" "$LOKET" -d "$D"
wait_for() {
	i=0
	while [ $i -lt 200 ]; do
		$S capture-pane -p -t c | grep -Eq -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "bench/tui-bytes.sh: never saw: $1" >&2
	exit 1
}
k() { $S send-keys -t c "$@"; }
l() { $S send-keys -t c -l "$1"; }
wait_for 'MOF'
l ani; k Enter; l teller-pass; k Enter
wait_for 'ani \('
k F8; l o; l 5.000.000; k Enter; k Enter
wait_for 'Rp 5\.000\.000'
k F2
wait_for 'Find|Cari'
sleep 0.3
: >"$T/tty"
$S pipe-pane -o -t c "cat >>'$T/tty'"
l MOF-000007; k Enter
wait_for 'MOF-000007 '
k F3
wait_for 'Rp\)'
k Tab; l 150.000; k Enter; k Enter
wait_for 'terbilang|rupiah'
k Escape
wait_for 'Find|Cari'
sleep 0.3
$S pipe-pane -t c
echo "tui_deposit_bytes $(wc -c <"$T/tty") bytes"
