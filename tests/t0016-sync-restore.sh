#!/bin/sh
# Restored boxes.  A head office put back from an older backup has less
# of the branch than the branch remembers it acknowledged: the branch
# sends again from what the head office has, and the books agree again.
# A branch put back from an older backup that then posts other entries
# has a chain that disagrees with the head office's copy: the sync stops
# with both chain heads named, and nothing is applied.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tools/sync-lib.sh"

start_sshd
make_ho
make_branch "$T/mof" MOF
authorize MOF "$T/mof"
ok "the branch posts 1,000 entries" \
    "$TOOLS/sync-post" -d "$T/mof" -b MOF -n 1000 -m 40 -s 1
expect_status 0 "and syncs" "$LOKET" -d "$T/mof" sync
expect_status 0 "the head office makes a backup" "$LOKET" -d "$HO" backup -q "$T/ho.bak"
ok "the branch posts 1,000 more" \
    "$TOOLS/sync-post" -d "$T/mof" -b MOF -n 1000 -m 40 -s 2 -T 1800000000
expect_status 0 "and syncs" "$LOKET" -d "$T/mof" sync
mv "$HO" "$T/ho.lost"
mv "$T/ho.bak" "$HO"
"$TOOLS/sync-books" -d "$HO" -l >"$T/list"
like "the restored head office has only the first thousand or so" \
    "$T/list" '^MOF replica 1[0-9]{3}$'
expect_status 0 "the next sync goes through" "$LOKET" -d "$T/mof" sync
books "$T/mof" MOF >"$T/a"
books "$HO" MOF >"$T/b"
ok "and the books agree again" cmp "$T/a" "$T/b"
expect_status 0 "the head office verifies" "$LOKET" -d "$HO" verify

# The branch goes back to an old backup and carries on differently.
expect_status 0 "the branch makes a backup" "$LOKET" -d "$T/mof" backup -q "$T/mof.bak"
ok "posts 50 more" "$TOOLS/sync-post" -d "$T/mof" -b MOF -n 50 -m 40 -s 3 \
    -T 1810000000
expect_status 0 "and syncs" "$LOKET" -d "$T/mof" sync
mv "$T/mof" "$T/mof.lost"
mv "$T/mof.bak" "$T/mof"
cp "$T/mof.lost/loket.conf" "$T/mof.lost/authorized_line" "$T/mof/"
cp -r "$T/mof.lost/ssh" "$T/mof/"
ok "the restored branch posts 60 other entries" \
    "$TOOLS/sync-post" -d "$T/mof" -b MOF -n 60 -m 40 -s 4 -T 1820000000
books "$HO" MOF >"$T/before"
expect_status 5 "the chains disagree: exit 5" "$LOKET" -d "$T/mof" sync
like "the message names the branch and both heads" "$T/err" \
    'MOF.* [0-9]+ .*[0-9a-f]{16}.* [0-9]+ .*[0-9a-f]{16}'
books "$HO" MOF >"$T/after"
ok "nothing was applied at the head office" cmp "$T/before" "$T/after"
expect_status 0 "which still verifies" "$LOKET" -d "$HO" verify

done_testing
