/*
 * tests/fuzz/fuzz-seed.c: write the seed corpora of the fuzz targets
 * that read binary formats, from a real data folder (loket demo makes
 * one):
 *
 *	fuzz-seed -d dir -b branch outdir
 *
 * writes outdir/corpus-entry (one entry of each kind), corpus-frame
 * (frames in both layouts, with and without the dictionary),
 * corpus-column (column bodies with their first entry and count) and
 * corpus-msg (the messages of a session).  The files in git under
 * tests/fuzz/ were made so, with loket demo -M 1 -m 5; keep each corpus
 * to a few kilobytes.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sync/sync.h"

static const char	*outdir, *branch;
static struct store_txn	*txn;

static void
die(const char *what, int r)
{
	fprintf(stderr, "fuzz-seed: %s: %s\n", what, store_strerror(r));
	exit(1);
}

static void
put(const char *corpus, const char *name, const struct buf *b)
{
	char	 path[4096];
	FILE	*f;

	snprintf(path, sizeof path, "%s/corpus-%s", outdir, corpus);
	if (mkdir(path, 0777) != 0 && errno != EEXIST)
		die(path, errno);
	snprintf(path, sizeof path, "%s/corpus-%s/%s", outdir, corpus, name);
	if ((f = fopen(path, "w")) == NULL ||
	    fwrite(b->data, 1, b->len, f) != b->len || fclose(f) != 0)
		die(path, errno);
}

/* Entries first .. first + n - 1, their bytes in ent and len. */
static void
entries(uint64_t first, uint32_t n, const uint8_t **ent, size_t *len)
{
	uint32_t	 i;
	int		 r;

	for (i = 0; i < n; i++)
		if ((r = journal_get_raw(txn, branch, first + i, &ent[i],
		    &len[i])) != 0)
			die("journal", r);
}

static void
frames(uint64_t first, uint32_t n, struct buf *msgs)
{
	const uint8_t	*ent[64];
	size_t		 len[64];
	uint8_t		 head[HASH_LEN];
	struct buf	 b;
	char		 name[64];
	int		 layout, r;

	entries(first, n, ent, len);
	if ((r = journal_hash(txn, branch, first + n - 1, head)) != 0)
		die("hash", r);
	for (layout = 0; layout <= 1; layout++) {
		buf_init(&b);
		if ((r = frame_encode(branch, first, n, ent, len, head,
		    layout ? FRAME_LAYOUT_COLUMNS : FRAME_LAYOUT_PLAIN, &b,
		    NULL)) != 0)
			die("frame", r);
		snprintf(name, sizeof name, "%s-%llu-%u", layout ? "columns" :
		    "plain", (unsigned long long)first, n);
		put("frame", name, &b);
		if (layout && msgs != NULL &&
		    (r = msg_put(msgs, MSG_FRAME, b.data, b.len)) != 0)
			die("message", r);
		buf_free(&b);
	}
	buf_init(&b);
	if ((r = buf_put_varint(&b, first)) != 0 ||
	    (r = buf_put_varint(&b, n)) != 0 ||
	    (r = column_encode(n, ent, len, first, &b)) != 0)
		die("columns", r);
	snprintf(name, sizeof name, "columns-%llu-%u",
	    (unsigned long long)first, n);
	put("column", name, &b);
	buf_free(&b);
}

int
main(int argc, char **argv)
{
	struct store		*st = NULL;
	struct entry		*e;
	struct branch		 br;
	struct msg_hello	 h;
	struct msg_welcome	 w;
	struct msg_ack		 a;
	struct sync_fail	 f;
	struct buf		 b;
	const uint8_t		*p;
	const char		*dir = NULL;
	uint8_t			 seen[EK_LAST] = { 0 };
	char			 name[64];
	uint64_t		 seq;
	size_t			 l;
	int			 c, r;

	while ((c = getopt(argc, argv, "b:d:")) != -1) {
		if (c == 'b')
			branch = optarg;
		else if (c == 'd')
			dir = optarg;
		else
			goto usage;
	}
	if (dir == NULL || branch == NULL || optind + 1 != argc)
		goto usage;
	outdir = argv[optind];
	if ((r = store_open(dir, STORE_RDONLY, &st)) != 0)
		die(dir, r);
	if ((r = store_begin(st, 1, &txn)) != 0 ||
	    (r = branch_get(txn, branch, &br)) != 0)
		die(branch, r);
	if ((e = malloc(sizeof *e)) == NULL)
		die("memory", ENOMEM);

	/* One entry of each kind. */
	for (seq = 1; seq < br.next_seq; seq++) {
		if ((r = journal_get_raw(txn, branch, seq, &p, &l)) != 0 ||
		    (r = entry_decode(e, p, l)) != 0)
			die("entry", r);
		if (seen[e->kind]++)
			continue;
		buf_from(&b, p, l);
		b.len = l;
		snprintf(name, sizeof name, "%s-%llu", entry_kind_name(e->kind),
		    (unsigned long long)seq);
		put("entry", name, &b);
	}

	/* A session: hello, frames, done; and the server's answers. */
	buf_init(&b);
	memset(&h, 0, sizeof h);
	h.version = SYNC_VERSION;
	snprintf(h.branch, sizeof h.branch, "%s", branch);
	h.last = br.next_seq - 1;
	h.nheads = 1;
	snprintf(h.heads[0].code, sizeof h.heads[0].code, "PUSAT");
	h.heads[0].last = 17;
	memset(h.heads[0].head, 0x5a, HASH_LEN);
	if ((r = msg_hello_put(&b, &h)) != 0)
		die("hello", r);
	frames(1, 3, &b);
	frames(40, 6, NULL);
	frames(br.next_seq - 9, 8, &b);
	if ((r = msg_put(&b, MSG_DONE, NULL, 0)) != 0)
		die("done", r);
	put("msg", "branch-session", &b);
	buf_free(&b);

	buf_init(&b);
	memset(&w, 0, sizeof w);
	w.version = SYNC_VERSION;
	snprintf(w.branch, sizeof w.branch, "%s", branch);
	w.last = 2;
	memset(w.head, 0x33, HASH_LEN);
	w.nheads = 2;
	snprintf(w.heads[0].code, sizeof w.heads[0].code, "PUSAT");
	w.heads[0].last = 12;
	snprintf(w.heads[1].code, sizeof w.heads[1].code, "ENDE");
	w.heads[1].last = 300;
	memset(&a, 0, sizeof a);
	a.status = ACK_APPLIED;
	a.first = 3;
	a.count = 6;
	a.last = 8;
	if ((r = msg_welcome_put(&b, &w)) != 0 ||
	    (r = msg_ack_put(&b, &a)) != 0)
		die("welcome", r);
	a.status = ACK_GAP;
	if ((r = msg_ack_put(&b, &a)) != 0 ||
	    (r = msg_put(&b, MSG_DONE, NULL, 0)) != 0)
		die("ack", r);
	put("msg", "server-session", &b);
	buf_free(&b);

	buf_init(&b);
	memset(&f, 0, sizeof f);
	f.code = SYNC_E_CHAIN;
	snprintf(f.branch, sizeof f.branch, "%s", branch);
	f.seq = 57;
	f.heads = 1;
	f.ours_seq = f.theirs_seq = 57;
	memset(f.ours, 0x11, HASH_LEN);
	memset(f.theirs, 0x22, HASH_LEN);
	snprintf(f.detail, sizeof f.detail, "the chains differ at 57");
	if ((r = msg_error_put(&b, &f)) != 0)
		die("error", r);
	memset(&f, 0, sizeof f);
	f.code = SYNC_E_REFUSED;
	f.cause = STORE_E_CLOSEDDAY;
	if ((r = msg_error_put(&b, &f)) != 0)
		die("error", r);
	put("msg", "errors", &b);
	buf_free(&b);

	free(e);
	store_abort(txn);
	store_close(st);
	return 0;
usage:
	fprintf(stderr, "usage: fuzz-seed -d dir -b branch outdir\n");
	return 64;
}
