#!/bin/sh
# What loket serve refuses, and that it applies nothing of it: entries
# claiming a branch the key may not write, a corrupt frame, a frame whose
# entries do not lead to its chain head, a truncated frame, a frame too
# big for its body, frames out of order.  The spoilt sessions are made by
# tests/tools/sync-forge from a real branch's journal and piped into
# loket serve; the branch-claiming one also goes through sshd.
. "${top_srcdir:-.}/tests/lib.sh"
. "$top_srcdir/tests/tools/sync-lib.sh"

start_sshd
make_ho
make_branch "$T/a" MOF
make_branch "$T/b" END
authorize MOF "$T/a"
authorize END "$T/b"
ok "branch MOF posts 3,000 entries" \
    "$TOOLS/sync-post" -d "$T/a" -b MOF -n 3000 -m 50
ok "branch END posts 200" "$TOOLS/sync-post" -d "$T/b" -b END -n 200 -m 20
expect_status 0 "END syncs with its own key" "$LOKET" -d "$T/b" sync
books "$HO" END >"$T/end.before"

serve() {
	"$LOKET" -d "$HO" serve -b "$1" <"$T/stream" >"$T/answer" 2>"$T/serve.err"
	echo $? >"$T/serve.status"
	"$TOOLS/sync-forge" -r <"$T/answer" >"$T/said"
}

# Branch A's key (its forced command says MOF) with entries claiming END.
cp "$T/b/loket.conf" "$T/b.conf"
printf 'sync.key = %s\n' "$T/a/ssh/id_ed25519" >>"$T/b/loket.conf"
ok "END posts 5 more" "$TOOLS/sync-post" -d "$T/b" -b END -n 5 -m 20
expect_status 6 "END's entries under MOF's key are refused (exit 6)" \
    "$LOKET" -d "$T/b" sync
like "the message names the branch" "$T/err" 'END'
books "$HO" END >"$T/end.after"
ok "END at the head office is untouched" cmp "$T/end.before" "$T/end.after"
expect_status 1 "and no MOF was made of them" "$TOOLS/sync-books" -d "$HO" -b MOF
cp "$T/b.conf" "$T/b/loket.conf"

"$TOOLS/sync-forge" -d "$T/b" -b END -H MOF -B MOF >"$T/stream"
serve MOF
is "END's journal relabelled MOF in hello and frames: refused (exit 65)" \
    "$(cat "$T/serve.status")" 65
like "the answer names MOF and the entry" "$T/said" \
    '^error .*branch MOF entry [0-9]+'
expect_status 1 "and nothing of it is at the head office" \
    "$TOOLS/sync-books" -d "$HO" -b MOF
"$TOOLS/sync-forge" -d "$T/a" -b MOF -B END >"$T/stream"
serve MOF
is "MOF's key with frames claiming END: refused (exit 65)" \
    "$(cat "$T/serve.status")" 65
like "naming END" "$T/said" '^error .*branch END entry 1'
books "$HO" END >"$T/end.after"
ok "END untouched" cmp "$T/end.before" "$T/end.after"
expect_status 1 "MOF still not there" "$TOOLS/sync-books" -d "$HO" -b MOF
"$TOOLS/sync-forge" -d "$T/a" -b MOF -H END >"$T/stream"
serve MOF
is "a hello for END on MOF's key: refused (exit 65)" \
    "$(cat "$T/serve.status")" 65
like "naming END" "$T/said" '^error .*branch END'
like "loket serve says so on standard error too" "$T/serve.err" 'END'

# A corrupt frame: the first goes in, the second is refused whole.
"$TOOLS/sync-forge" -d "$T/a" -b MOF -c 500 -x 1:40 >"$T/stream"
serve MOF
is "a frame with a flipped byte: refused (exit 65)" \
    "$(cat "$T/serve.status")" 65
like "the first frame was applied" "$T/said" '^ack applied 1 500 500$'
like "the second is named: branch and first entry" "$T/said" \
    '^error .*branch MOF entry 501'
"$TOOLS/sync-books" -d "$HO" -b MOF >"$T/hob"
like "nothing from it is applied" "$T/hob" '^last 500$'
expect_status 0 "the head office verifies" "$LOKET" -d "$HO" verify

# Sound deflate, but an amount changed: the entries no longer lead to the
# chain head in the header.  Both heads are named.
"$TOOLS/sync-forge" -d "$T/a" -b MOF -c 500 -a 2 >"$T/stream"
serve MOF
is "a frame whose entries miss its chain head: refused (exit 65)" \
    "$(cat "$T/serve.status")" 65
like "the first frame was there already" "$T/said" '^ack had 1 500 500$'
like "frame 2 went in" "$T/said" '^ack applied 501 500 1000$'
like "frame 3 is named" "$T/said" '^error .*branch MOF entry 1500'
like "with both chain heads" "$T/said" '^heads 1500 [0-9a-f]{16} 1500 [0-9a-f]{16}$'
"$TOOLS/sync-books" -d "$HO" -b MOF >"$T/hob"
like "nothing from it is applied" "$T/hob" '^last 1000$'

# A frame cut in the middle: the link went; nothing of it.
"$TOOLS/sync-forge" -d "$T/a" -b MOF -f 1001 -c 500 -T 1 >"$T/stream"
serve MOF
is "a truncated stream: the branch went away (exit 75)" \
    "$(cat "$T/serve.status")" 75
like "the whole frame before it went in" "$T/said" '^ack applied 1001 500 1500$'
"$TOOLS/sync-books" -d "$HO" -b MOF >"$T/hob"
like "nothing of the cut one" "$T/hob" '^last 1500$'

# A header that lies about the body's size.
"$TOOLS/sync-forge" -d "$T/a" -b MOF -f 1501 -c 500 -Z 0 >"$T/stream"
serve MOF
is "a body shorter than its header says: refused (exit 65)" \
    "$(cat "$T/serve.status")" 65
like "named" "$T/said" '^error .*branch MOF entry 1501'
"$TOOLS/sync-books" -d "$HO" -b MOF >"$T/hob"
like "nothing applied" "$T/hob" '^last 1500$'

# Out of order: a frame left out; those after it are refused as a gap.
"$TOOLS/sync-forge" -d "$T/a" -b MOF -f 1501 -c 500 -g 0 >"$T/stream"
serve MOF
like "the frame after the gap is refused" "$T/said" '^ack gap 2001 500 1500$'
"$TOOLS/sync-books" -d "$HO" -b MOF >"$T/hob"
like "nothing applied" "$T/hob" '^last 1500$'

# The whole journal again, in the plain layout, from the start: what the
# head office has is compared and skipped, the rest applied; nothing twice.
"$TOOLS/sync-forge" -d "$T/a" -b MOF -P >"$T/stream"
serve MOF
is "a resent journal is taken (exit 0)" "$(cat "$T/serve.status")" 0
like "the first frames were had already" "$T/said" '^ack had 1 '
books "$HO" MOF >"$T/hob"
books "$T/a" MOF >"$T/br"
ok "the books now agree, nothing applied twice" cmp "$T/hob" "$T/br"
"$TOOLS/sync-forge" -d "$T/a" -b MOF >"$T/stream"
serve MOF
unlike "a third time: nothing applied" "$T/said" '^ack applied'
expect_status 0 "the head office verifies" "$LOKET" -d "$HO" verify
expect_status 0 "and the real MOF now syncs on top of it" \
    "$LOKET" -d "$T/a" sync

# The head office's own branch never comes by sync.
"$TOOLS/sync-forge" -d "$T/a" -b MOF -H HO -B HO >"$T/stream"
serve HO
is "serve -b HO where HO is primary: refused (exit 65)" \
    "$(cat "$T/serve.status")" 65
like "saying it is primary here" "$T/said" '^error .*HO'

done_testing
