#!/bin/sh
# Remote staff: an SSH login whose ForceCommand starts the console, as in
# contrib/sshd_config-staff, against a real sshd on 127.0.0.1.  The tmux
# pane runs ssh; the teller signs in and makes a deposit.
. "${top_srcdir:-.}/tests/lib.sh"
need ssh
need ssh-keygen
need tmux

make_book
printf 'admin-pass\nteller-pass\n' | loket user -u admin add ani teller \
    "Ani Lestari" >/dev/null
printf 'admin-pass\nmanager-pass\n' | loket user -u admin add mira manager \
    "Mira Wuwur" >/dev/null
printf 'manager-pass\n' | loket ledger -u mira 1102 3901 10.000.000 >/dev/null
printf 'teller-pass\n' | loket drawer -u ani open 1.000.000 >/dev/null
printf 'teller-pass\n' | loket member -u ani add -k 5310015708850001 \
    -n "Maria Da Costa" -g P -a "RT 01" -v Nita >/dev/null

# The staff block as shipped in contrib/, from its Match line to the end,
# with three changes only: it matches the user the test runs as (who may
# log in with a key), and its ForceCommand runs this build's loket on this
# test's book, with the test's language, time zone and receipt file.
staff=$top_srcdir/contrib/sshd_config-staff
ok "contrib/ has the staff block with its ForceCommand" \
    grep -q '^	ForceCommand env LANG=C.UTF-8 /usr/local/bin/loket -d /var/lib/loket$' \
    "$staff"
me=$(id -un)
SSHD_EXTRA=$(sed -n '/^Match Group loket-staff$/,$p' "$staff" |
    sed -e "s|^Match Group loket-staff\$|Match User $me\\
	PermitRootLogin prohibit-password|" \
    -e "s|/usr/local/bin/loket -d /var/lib/loket\$|LOKET_LANG=id TZ=Asia/Makassar LOKET_RECEIPTS=$T/receipts $LOKET -d $D|")
printf '%s\n' "$SSHD_EXTRA" >"$T/staff-block"
like "the test's block keeps the shipped ClientAliveInterval" \
    "$T/staff-block" '^	ClientAliveInterval 30$'
like "and runs this build's loket" "$T/staff-block" \
    "^	ForceCommand env LANG=C.UTF-8 LOKET_LANG=id .* -d $D\$"
. "$top_srcdir/tests/tools/sync-lib.sh"
start_sshd
ssh-keygen -q -t ed25519 -N '' -C loket-staff -f "$T/staff_key"
cat "$T/staff_key.pub" >>"$SSHD_DIR/authorized_keys"
printf '[127.0.0.1]:%s %s\n' "$SSHD_PORT" \
    "$(cut -d' ' -f1,2 "$SSHD_DIR/host_ed25519.pub")" >"$T/known_hosts"

console_start ssh -tt -p "$SSHD_PORT" -i "$T/staff_key" \
    -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$T/known_hosts" \
    -o BatchMode=yes -F /dev/null "$me@127.0.0.1"
on_screen "the SSH login lands in the console" 'MOF Cabang Maumere' 15
type_text ani; keys Enter; type_text teller-pass; keys Enter
on_screen "ani signs in over SSH" 'ani \(' 10
type_text MOF-000001; keys Enter
on_screen "finds the member" 'Maria Da Costa' 10
keys F3; keys Tab; type_text 75.000; keys Enter; keys Enter
on_screen "the deposit's receipt over SSH" 'tujuh puluh lima ribu rupiah' 10
keys Enter
eventually "and it is printed" "$T/receipts" 'tujuh puluh lima ribu rupiah'
loket member show 1 >"$T/m1"
like "member show: the deposit is in the books" "$T/m1" 'sukarela +Rp 75\.000$'
keys F10
on_screen "signing out returns to the sign-in screen" '(Masuk|Sign in)' 10
expect_status 0 "verify passes" loket verify
done_testing
