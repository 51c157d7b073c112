#!/bin/sh
# loket sync's safety at the door: a head office whose host key changed,
# or is not known, is refused before anything is sent; a key the head
# office does not know, no head office at all, a broken command there, a
# missing setting: each has its own exit status and a one-line message.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tools/sync-lib.sh"

start_sshd
make_ho
make_branch "$T/mof" MOF
authorize MOF "$T/mof"
ok "the branch posts 20 entries" "$TOOLS/sync-post" -d "$T/mof" -b MOF -n 20 -m 5

# Unknown and changed host keys: exit 3, and not one byte of the books
# travels (sshd never even sees a sign-in).
cp "$T/mof/ssh/known_hosts" "$T/known_hosts.good"
: >"$T/mof/ssh/known_hosts"
expect_status 3 "an unknown host key is refused (exit 3)" \
    "$LOKET" -d "$T/mof" sync
like "the message says it is not in known_hosts, with its fingerprint" \
    "$T/err" 'SHA256:[A-Za-z0-9+/]+.*known_hosts'
rm -f "$T/mof/ssh/known_hosts"
expect_status 3 "so is any host key with no known_hosts at all" \
    "$LOKET" -d "$T/mof" sync

# The head office's box is replaced by an impostor with another key on
# the same address and port.
cp "$T/known_hosts.good" "$T/mof/ssh/known_hosts"
kill "$SSHD_PID"
wait "$SSHD_PID" 2>/dev/null
mv "$SSHD_DIR/host_ed25519" "$SSHD_DIR/host_ed25519.old"
mv "$SSHD_DIR/host_ed25519.pub" "$SSHD_DIR/host_ed25519.pub.old"
ssh-keygen -q -t ed25519 -N '' -C impostor -f "$SSHD_DIR/host_ed25519"
: >"$SSHD_DIR/log"
"$SSHD" -D -e -f "$SSHD_DIR/sshd_config" 2>"$SSHD_DIR/log" &
SSHD_PID=$!
ok "the impostor listens" wait_port "$SSHD_PORT"
expect_status 3 "a changed host key is refused (exit 3)" \
    "$LOKET" -d "$T/mof" sync
like "the message says the key changed and shows the new one" \
    "$T/err" "$(ssh-keygen -l -f "$SSHD_DIR/host_ed25519.pub" | cut -d' ' -f2 | sed 's/[+/]/./g')"
unlike "no prompt, no question" "$T/err" '\?|yes/no'
unlike "sshd saw no sign-in" "$SSHD_DIR/log" 'Accepted publickey|Starting session'
expect_status 1 "the head office has nothing of MOF" \
    "$TOOLS/sync-books" -d "$HO" -b MOF
expect_status 0 "loket sync -s records the failure" "$LOKET" -d "$T/mof" sync -s
like "as a failed attempt" "$T/out" '^(failed|gagal) '
like "with nothing sent" "$T/out" '^(waiting|menunggu) +[1-9][0-9]*$'

# The real head office is back.
kill "$SSHD_PID"
wait "$SSHD_PID" 2>/dev/null
mv "$SSHD_DIR/host_ed25519.old" "$SSHD_DIR/host_ed25519"
mv "$SSHD_DIR/host_ed25519.pub.old" "$SSHD_DIR/host_ed25519.pub"
"$SSHD" -D -e -f "$SSHD_DIR/sshd_config" 2>"$SSHD_DIR/log" &
SSHD_PID=$!
ok "the head office listens again" wait_port "$SSHD_PORT"
expect_status 0 "with the right key the sync goes through" \
    "$LOKET" -d "$T/mof" sync

# A key the head office does not know: exit 4.
cp "$SSHD_DIR/authorized_keys" "$T/authorized_keys.good"
: >"$SSHD_DIR/authorized_keys"
expect_status 4 "a key not in authorized_keys is refused (exit 4)" \
    "$LOKET" -d "$T/mof" sync
like "the message names the key file" "$T/err" 'id_ed25519'
cp "$T/authorized_keys.good" "$SSHD_DIR/authorized_keys"

# Nobody listening: a network error, exit 2; -w keeps trying until the
# head office answers.
port=$(free_port)
cp "$T/mof/loket.conf" "$T/loket.conf.good"
set_port "$T/mof" "$port"
expect_status 2 "no head office listening is a network error (exit 2)" \
    "$LOKET" -d "$T/mof" sync
like "naming the host" "$T/err" '127\.0\.0\.1'
ok "the branch posts 5 more" "$TOOLS/sync-post" -d "$T/mof" -b MOF -n 5 -m 5
( sleep 1.5; exec "$TOOLS/proxy" -t "$SSHD_PORT" -l "$port" ) &
late=$!
expect_status 0 "sync -w retries with backoff until the link is up" \
    "$LOKET" -d "$T/mof" sync -w
kill "$late" 2>/dev/null
wait "$late" 2>/dev/null
books "$T/mof" MOF >"$T/a"
books "$HO" MOF >"$T/b"
ok "and then the books agree" cmp "$T/a" "$T/b"
cp "$T/loket.conf.good" "$T/mof/loket.conf"

# A command that fails at the head office: its exit status and words.
sed -i "s|-d $HO serve|-d $T/nowhere serve|" "$SSHD_DIR/authorized_keys"
expect_status 6 "a failing command at the head office is exit 6" \
    "$LOKET" -d "$T/mof" sync
like "with its exit status" "$T/err" '66'
cp "$T/authorized_keys.good" "$SSHD_DIR/authorized_keys"

# Settings that are missing or wrong: exit 78, before any connection.
mv "$T/mof/loket.conf" "$T/loket.conf.good"
expect_status 78 "no sync.host is a configuration error (exit 78)" \
    "$LOKET" -d "$T/mof" sync
like "saying what is missing" "$T/err" 'sync\.host'
printf 'sync.host = 127.0.0.1\nsync.port = twenty-two\n' >"$T/mof/loket.conf"
expect_status 78 "a port that is not a number (exit 78)" \
    "$LOKET" -d "$T/mof" sync
like "naming the key" "$T/err" 'sync\.port'
printf 'sync.host = 127.0.0.1\nthis is not a setting\n' >"$T/mof/loket.conf"
expect_status 78 "a line that is not key = value (exit 78)" \
    "$LOKET" -d "$T/mof" sync
like "naming the line" "$T/err" 'loket\.conf.* 2'
printf 'sync.host = a\nsync.host = b\n' >"$T/mof/loket.conf"
expect_status 78 "a key given twice (exit 78)" "$LOKET" -d "$T/mof" sync
expect_status 78 "-c naming a file that is not there (exit 78)" \
    "$LOKET" -d "$T/mof" sync -c "$T/none.conf"
cp "$T/loket.conf.good" "$T/mof/loket.conf"
mv "$T/mof/ssh/id_ed25519" "$T/key.good"
expect_status 78 "no key: run loket sync -S (exit 78)" \
    "$LOKET" -d "$T/mof" sync
like "says the message" "$T/err" 'sync -S'
mv "$T/key.good" "$T/mof/ssh/id_ed25519"
expect_status 0 "-c names another configuration file" \
    "$LOKET" -d "$T/mof" sync -c "$T/loket.conf.good"

done_testing
