#!/bin/sh
# Anchored history (issue 16): at each sync the head office signs the
# branch's chain head with a key of its own; both keep the signed heads.
# An insider who rewrites a synced entry and recomputes the whole chain
# with the store library (tests/tools/tamper --rechain) passes the chain
# check, but loket verify finds the rewrite against the signed heads and
# names the entry, on the branch's box and at the head office for its
# replica.  The signing key is pinned at the first sync: another is
# refused.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tools/sync-lib.sh"

start_sshd
make_ho
make_branch "$T/mof" MOF
authorize MOF "$T/mof"

vf() {	# vf DIR: loket verify in English
	LOKET_LANG=en "$LOKET" -d "$1" verify
}
last() {	# last DIR: the branch's last entry
	"$TOOLS/sync-books" -d "$1" -b MOF | sed -n 's/^last //p'
}

ok "the branch posts 30 entries" \
    "$TOOLS/sync-post" -d "$T/mof" -b MOF -n 30 -s 1
expect_status 0 "and syncs" "$LOKET" -d "$T/mof" sync
first=$(last "$T/mof")
ok "the head office made its signing key, readable by its user only" \
    sh -c 'test "$(stat -c %a "$1/anchor.key")" = 600' sh "$HO"
ok "it is an Ed25519 key, not the SSH host key" \
    sh -c 'openssl pkey -in "$1/anchor.key" -noout -text | grep -q ED25519' \
    sh "$HO"
ok "one entry more" "$TOOLS/sync-post" -d "$T/mof" -b MOF -n 1 -s 2 \
    -T 1800000000
k=$(last "$T/mof")
expect_status 0 "synced at once" "$LOKET" -d "$T/mof" sync
ok "then 20 more" "$TOOLS/sync-post" -d "$T/mof" -b MOF -n 20 -s 3 \
    -T 1810000000
expect_status 0 "and a third sync" "$LOKET" -d "$T/mof" sync
expect_status 0 "the branch verifies" vf "$T/mof"
like "against the three signed heads" "$T/out" \
    '^3 chain heads signed by the head office agree$'
expect_status 0 "the head office verifies" vf "$HO"
like "against the three heads it signed" "$T/out" \
    '^3 chain heads signed by the head office agree$'

cp -r "$T/mof" "$T/mof2"
cp -r "$T/mof" "$T/mof.clean"
cp -r "$HO" "$T/ho.clean"

# The insider at the branch: entry k rewritten, the chain recomputed.
ok "an insider rewrites entry $k and recomputes the chain" \
    "$TOOLS/tamper" --rechain "$T/mof" MOF "$k" time
expect_status 1 "the branch's loket verify fails" vf "$T/mof"
like "naming branch MOF and entry $k" "$T/err" \
    "verify: branch MOF, entry $k: rewritten after the head office signed"
ok "the chain itself agreed: only the signed heads found it" \
    sh -c '! grep -q "hash chain" "$1"' sh "$T/err"
expect_status 5 "its next sync is refused: the chains disagree" \
    "$LOKET" -d "$T/mof" sync

# Earlier, within the first signed range: named by its range.
ok "entry 10 rewritten on a copy, the chain recomputed" \
    "$TOOLS/tamper" --rechain "$T/mof2" MOF 10 time
expect_status 1 "loket verify fails" vf "$T/mof2"
like "naming the signed range 1-$first" "$T/err" \
    "verify: branch MOF, entries 1-$first: one of them was rewritten"

# The insider at the head office: its replica of entry k.
ok "an insider at the head office rewrites its replica's entry $k" \
    "$TOOLS/tamper" --rechain "$HO" MOF "$k" time
expect_status 1 "the head office's loket verify fails" vf "$HO"
like "naming branch MOF and entry $k" "$T/err" \
    "verify: branch MOF, entry $k: rewritten after the head office signed"

# Another signing key: the head office lost its key and made a new one.
rm -rf "$HO" "$T/mof"
cp -r "$T/ho.clean" "$HO"
cp -r "$T/mof.clean" "$T/mof"
mv "$HO/anchor.key" "$T/anchor.key.saved"
ok "the branch posts 5 more" \
    "$TOOLS/sync-post" -d "$T/mof" -b MOF -n 5 -s 4 -T 1820000000
expect_status 3 "a head office signing with another key: exit 3" \
    env LOKET_LANG=en "$LOKET" -d "$T/mof" sync
like "saying the key is not the pinned one" "$T/err" \
    "signing key is not the one pinned here: refused"
expect_status 0 "the branch still verifies against the heads it had" vf "$T/mof"
like "three of them" "$T/out" '^3 chain heads'
mv "$T/anchor.key.saved" "$HO/anchor.key"
expect_status 0 "with its own key back, the head office syncs again" \
    "$LOKET" -d "$T/mof" sync
expect_status 0 "and the branch verifies" vf "$T/mof"
like "against four signed heads" "$T/out" '^4 chain heads'

# The head office keeps its key with its backups.
expect_status 0 "the head office's backup" "$LOKET" -d "$HO" backup -q \
    "$T/ho.bak"
ok "holds the signing key, 0600" \
    sh -c 'cmp "$1/anchor.key" "$2/anchor.key" &&
    test "$(stat -c %a "$2/anchor.key")" = 600' sh "$HO" "$T/ho.bak"

# Pinned at setup: the public half handed over with the host key.
ok "the head office's admin writes out the public half" \
    openssl pkey -in "$HO/anchor.key" -pubout -out "$T/anchor.pub"
openssl genpkey -algorithm ed25519 -out "$T/other.key" 2>/dev/null
openssl pkey -in "$T/other.key" -pubout -out "$T/other.pub"
make_branch "$T/ende" ENDE
authorize ENDE "$T/ende"
expect_status 65 "loket sync -S -P with a file that is no key" \
    "$LOKET" -d "$T/ende" sync -S -P "$SSHD_DIR/host_ed25519.pub"
expect_status 0 "loket sync -S -P pins the head office's key" \
    "$LOKET" -d "$T/ende" sync -S -P "$T/anchor.pub"
expect_status 65 "another key cannot be pinned over it" \
    env LOKET_LANG=en "$LOKET" -d "$T/ende" sync -S -P "$T/other.pub"
like "saying it is not the one pinned" "$T/err" 'not the one pinned'
expect_status 64 "-P goes with -S only" "$LOKET" -d "$T/ende" sync \
    -P "$T/anchor.pub"
expect_status 0 "the branch syncs, signed by the pinned key" \
    "$LOKET" -d "$T/ende" sync
expect_status 0 "and verifies" vf "$T/ende"
like "against its one signed head" "$T/out" '^1 chain heads'
make_branch "$T/lrt" LRT
expect_status 0 "a branch that pinned another key" \
    "$LOKET" -d "$T/lrt" sync -S -P "$T/other.pub"
authorize LRT "$T/lrt"
expect_status 3 "refuses the head office's signed head: exit 3" \
    "$LOKET" -d "$T/lrt" sync

done_testing
