#!/bin/sh
# Setting a branch up for sync, and what loket sync and loket serve say
# to bad usage: loket sync -S makes the branch's ed25519 key once and
# prints the head office's authorized_keys line; -K adds the head
# office's host key; usage errors, a missing data folder, a head office
# that tries to sync itself.  The man pages lint clean.
. "${top_srcdir:-.}/tests/lib.sh"
need ssh-keygen
need mandoc

make_book
expect_status 0 "loket sync -S makes the key" loket sync -S
like "and prints the authorized_keys line for the head office" "$T/out" \
    '^command="loket serve -b MOF",restrict ssh-ed25519 [A-Za-z0-9+/=]+ loket-sync-MOF$'
is "exactly one line on standard output" "$(wc -l <"$T/out")" 1
cp "$T/out" "$T/line1"
is "the private key is for the owner only" "$(stat -c %a "$D/ssh/id_ed25519")" 600
ok "it is an ed25519 key" sh -c "ssh-keygen -l -f '$D/ssh/id_ed25519.pub' | grep -q ED25519"
ok "the line carries that key" sh -c \
    "grep -qF \"\$(cut -d' ' -f2 '$D/ssh/id_ed25519.pub')\" '$T/line1'"
sum1=$(cksum <"$D/ssh/id_ed25519")
expect_status 0 "a second -S keeps the key" loket sync -S
cp "$T/out" "$T/line2"
ok "the same line" cmp "$T/line2" "$T/line1"
is "the same key file" "$(cksum <"$D/ssh/id_ed25519")" "$sum1"

ssh-keygen -q -t ed25519 -N '' -C ho -f "$T/ho_host"
expect_status 78 "-K without sync.host says what is missing (exit 78)" \
    loket sync -S -K "$T/ho_host.pub"
like "sync.host" "$T/err" 'sync\.host'
printf '# the head office\nsync.host = ho.example.org\n\nsync.port = 2222\n' \
    >"$D/loket.conf"
expect_status 0 "-S -K adds the head office's host key" \
    loket sync -S -K "$T/ho_host.pub"
like "to known_hosts, for its host and port" "$D/ssh/known_hosts" \
    "^\\[ho\\.example\\.org\\]:2222 ssh-ed25519 $(cut -d' ' -f2 "$T/ho_host.pub" | sed 's/[+/]/./g')\$"
ssh-keygen -q -t rsa -b 1024 -N '' -f "$T/rsa" 2>/dev/null
expect_status 65 "-K refuses a key that is not ed25519" \
    loket sync -S -K "$T/rsa.pub"
printf 'garbage\n' >"$T/garbage"
sed -i "s|^sync.port.*|sync.port = 2222\\nsync.key = $T/garbage|" "$D/loket.conf"
expect_status 78 "-S with sync.key naming a file that is not a key" \
    loket sync -S
sed -i '/^sync.key/d' "$D/loket.conf"

expect_status 0 "loket sync -s needs no head office" loket sync -s
like "never synced" "$T/out" '^(synced|sinkron) +(never|belum pernah)$'

# Usage.
expect_status 64 "-K without -S" loket sync -K "$T/ho_host.pub"
expect_status 64 "-w with -s" loket sync -w -s
expect_status 64 "-S with -s" loket sync -S -s
expect_status 64 "operands" loket sync extra
expect_status 0 "loket sync -h" loket sync -h
like "prints the usage" "$T/out" 'loket sync \[-qSsvw\] \[-b branch\] \[-c file\] \[-K host-key\]'
expect_status 65 "an unknown branch" loket sync -s -b XYZ
expect_status 64 "loket serve without -b" loket serve
expect_status 64 "loket serve -b with a bad code" loket serve -b mof
expect_status 64 "loket serve -t 0" loket serve -t 0 -b MOF
expect_status 66 "loket serve with no data folder" \
    "$LOKET" -d "$T/none" serve -b MOF </dev/null
expect_status 0 "loket serve -h" loket serve -h
like "prints the usage" "$T/out" 'loket serve \[-t seconds\] -b branch'

# A head office does not sync to itself.
printf 'admin-pass\n' | "$LOKET" -d "$T/ho" init -H -a admin -B "Kantor Pusat" \
    -b HO -c "Kopdit Sehati" -n "Yosef" -D 2026-11-02 >/dev/null
printf 'sync.host = 127.0.0.1\n' >"$T/ho/loket.conf"
"$LOKET" -d "$T/ho" sync -S >/dev/null
expect_status 6 "loket sync at the head office is refused" \
    "$LOKET" -d "$T/ho" sync
like "saying so" "$T/err" 'HO'

for page in loket-sync.8 loket-serve.8 loket.conf.5 loket-journal.5; do
	is "mandoc -Tlint: $page is clean" \
	    "$(mandoc -Tlint -W warning "$top_srcdir/man/$page" 2>&1)" ""
done

done_testing
