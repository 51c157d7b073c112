/*
 * tests/tools/sync-forge.c: speak the sync protocol badly on purpose, to
 * show that loket serve refuses what it must.  It writes a client's side
 * of a session to standard output (pipe it into loket serve), built from
 * a real branch's journal and then spoilt as asked:
 *
 *	sync-forge -d dir -b branch [-P] [-c per-frame] [-f first]
 *	    [-H hello-branch] [-B frame-branch]
 *	    [-x frame:offset] [-a frame] [-g frame] [-T frame] [-Z frame]
 *
 *	-H	claim another branch in the hello
 *	-B	claim another branch in every frame's header
 *	-x	flip a byte of frame's deflated body (0 is the first frame)
 *	-a	change an amount inside frame (its body is sound, its chain
 *		head is the true one, so the entries no longer lead to it)
 *	-g	leave frame out (the next one is out of order)
 *	-T	cut the stream in the middle of frame
 *	-Z	claim one byte more in frame's body size than it inflates to
 *	-P	the plain layout instead of columns
 *
 *	sync-forge -r	read loket serve's answer on standard input and
 *			print one line per message
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sync/sync.h"

static void
die(const char *what, int r)
{
	fprintf(stderr, "sync-forge: %s: %s\n", what, store_strerror(r));
	exit(1);
}

static void
out(const struct buf *b)
{
	if (fwrite(b->data, 1, b->len, stdout) != b->len) {
		perror("sync-forge: write");
		exit(1);
	}
}

static int
reader(void)
{
	struct buf		 in;
	struct msg_welcome	 w;
	struct msg_ack		 a;
	struct frame		 f;
	struct sync_fail	 e;
	struct msg_signed	 sg;
	const uint8_t		*body;
	uint8_t			 tmp[65536], type;
	size_t			 n, len;
	int			 r;

	buf_init(&in);
	while ((n = fread(tmp, 1, sizeof tmp, stdin)) > 0)
		buf_put(&in, tmp, n);
	while ((r = msg_get(&in, &type, &body, &len)) == 0) {
		switch (type) {
		case MSG_WELCOME:
			if (msg_welcome_get(body, len, &w) != 0)
				goto bad;
			printf("welcome %s %" PRIu64 " heads %u\n", w.branch,
			    w.last, w.nheads);
			break;
		case MSG_ACK:
			if (msg_ack_get(body, len, &a) != 0)
				goto bad;
			printf("ack %s %" PRIu64 " %u %" PRIu64 "\n",
			    a.status == ACK_APPLIED ? "applied" :
			    a.status == ACK_HAD ? "had" : "gap", a.first,
			    a.count, a.last);
			break;
		case MSG_FRAME:
			if (frame_parse(body, len, &f) != 0)
				goto bad;
			printf("frame %s %" PRIu64 " %u\n", f.branch, f.first,
			    f.count);
			break;
		case MSG_DONE:
			printf("done\n");
			break;
		case MSG_SIGNED:
			if (msg_signed_get(body, len, &sg) != 0)
				goto bad;
			printf("signed %s %" PRIu64 "\n", sg.branch, sg.a.seq);
			break;
		case MSG_ERROR:
			if (msg_error_get(body, len, &e) != 0)
				goto bad;
			printf("error %s: branch %s entry %" PRIu64 "%s%s%s%s\n",
			    store_strerror(e.code), e.branch, e.seq,
			    e.cause ? ": " : "",
			    e.cause ? store_strerror(e.cause) : "",
			    e.detail[0] ? " - " : "", e.detail);
			if (e.heads) {
				char	 ha[32], hb[32];

				/* As the server sees it: its head, ours. */
				sync_hex(e.theirs, ha, sizeof ha);
				sync_hex(e.ours, hb, sizeof hb);
				printf("heads %" PRIu64 " %s %" PRIu64 " %s\n",
				    e.theirs_seq, ha, e.ours_seq, hb);
			}
			break;
		default:
			goto bad;
		}
	}
	if (r != EAGAIN || buf_left(&in) != 0) {
		if (r == EAGAIN)
			printf("truncated\n");
		else
			goto bad;
	}
	buf_free(&in);
	return 0;
bad:
	printf("malformed %c\n", type);
	buf_free(&in);
	return 1;
}

/* Make the first cash deposit of a frame 100 sen larger. */
static void
alter(const uint8_t **ent, size_t *len, uint32_t n, struct buf *keep)
{
	struct entry	*e;
	uint32_t	 i;

	if ((e = malloc(sizeof *e)) == NULL)
		die("memory", ENOMEM);
	for (i = 0; i < n; i++) {
		/* A cash deposit: more of it breaks no floor. */
		if (entry_decode(e, ent[i], len[i]) != 0 || e->npost != 2 ||
		    e->post[0].gl != GL_CASH || e->post[0].amount <= 0)
			continue;
		e->post[0].amount += 100;
		e->post[1].amount -= 100;
		buf_reset(keep);
		if (entry_encode(e, keep) != 0)
			continue;
		ent[i] = keep->data;
		len[i] = keep->len;
		free(e);
		return;
	}
	die("no entry with postings to alter", STORE_E_NOTFOUND);
}

int
main(int argc, char **argv)
{
	struct store		*st = NULL;
	struct store_txn	*t = NULL;
	struct msg_hello	 h;
	struct buf		 msg, body, keep;
	struct frame		 info;
	const char		*dir = NULL, *branch = NULL, *hb = NULL;
	const char		*fb = NULL;
	const uint8_t		**ent;
	size_t			*len, off = 0;
	uint8_t			 head[HASH_LEN];
	uint64_t		 first = 1, last, seq;
	long			 per = 100, flip = -1, alt = -1, gap = -1;
	long			 cut = -1, lie = -1, k;
	uint32_t		 n;
	int			 ch, r, layout = FRAME_LAYOUT_COLUMNS;
	char			*p;

	while ((ch = getopt(argc, argv, "a:B:b:c:d:f:g:H:PrT:x:Z:")) != -1) {
		switch (ch) {
		case 'a':
			alt = strtol(optarg, NULL, 10);
			break;
		case 'B':
			fb = optarg;
			break;
		case 'b':
			branch = optarg;
			break;
		case 'c':
			per = strtol(optarg, NULL, 10);
			break;
		case 'd':
			dir = optarg;
			break;
		case 'f':
			first = strtoull(optarg, NULL, 10);
			break;
		case 'g':
			gap = strtol(optarg, NULL, 10);
			break;
		case 'H':
			hb = optarg;
			break;
		case 'P':
			layout = FRAME_LAYOUT_PLAIN;
			break;
		case 'r':
			return reader();
		case 'T':
			cut = strtol(optarg, NULL, 10);
			break;
		case 'x':
			flip = strtol(optarg, &p, 10);
			if (*p != ':')
				goto usage;
			off = strtoul(p + 1, NULL, 10);
			break;
		case 'Z':
			lie = strtol(optarg, NULL, 10);
			break;
		default:
			goto usage;
		}
	}
	if (dir == NULL || branch == NULL || per < 1 ||
	    per > FRAME_COUNT_MAX || first < 1)
		goto usage;
	if ((r = store_open(dir, STORE_RDONLY, &st)) != 0 ||
	    (r = store_begin(st, 1, &t)) != 0)
		die(dir, r);
	memset(&h, 0, sizeof h);
	h.version = SYNC_VERSION;
	snprintf(h.branch, sizeof h.branch, "%s", hb != NULL ? hb : branch);
	h.from = first - 1;
	if ((r = replica_last(t, branch, &last, head)) != 0 ||
	    (r = replica_head(t, branch, h.from, h.from_head)) != 0)
		die(branch, r);
	h.last = last;
	buf_init(&msg);
	buf_init(&body);
	buf_init(&keep);
	if ((r = msg_hello_put(&msg, &h)) != 0)
		die("hello", r);
	out(&msg);

	if ((ent = calloc(per, sizeof *ent)) == NULL ||
	    (len = calloc(per, sizeof *len)) == NULL)
		die("memory", ENOMEM);
	for (seq = first, k = 0; seq <= last; seq += n, k++) {
		size_t	 total = 0;

		for (n = 0; n < per && seq + n <= last; n++) {
			if ((r = journal_get_raw(t, branch, seq + n, &ent[n],
			    &len[n])) != 0)
				die("journal", r);
			/* At most 64 KiB of entries, each with its length. */
			total += len[n] + (len[n] < 128 ? 1 : 2);
			if (total > FRAME_ENTRIES_MAX)
				break;
		}
		if ((r = journal_hash(t, branch, seq + n - 1, head)) != 0)
			die("chain", r);
		if (k == gap)
			continue;
		if (k == alt)
			alter(ent, len, n, &keep);
		buf_reset(&body);
		if ((r = frame_encode(fb != NULL ? fb : branch, seq, n, ent,
		    len, head, layout, &body, &info)) != 0)
			die("frame", r);
		if (k == flip) {
			/* The body is the last zsize bytes. */
			if (off >= info.zsize)
				off = info.zsize - 1;
			body.data[body.len - info.zsize + off] ^= 0x5a;
		}
		if (k == lie) {
			struct frame	 f;
			struct buf	 again;

			/* Rebuild the header by hand with rawsize + 1. */
			if (frame_parse(body.data, body.len, &f) != 0)
				die("reparse", SYNC_E_FRAME);
			buf_init(&again);
			buf_put(&again, "LKJF", 4);
			buf_put_u8(&again, FRAME_VERSION);
			buf_put_u8(&again, f.flags);
			buf_put_str(&again, f.branch);
			buf_put_varint(&again, f.first);
			buf_put_varint(&again, f.count);
			buf_put_varint(&again, f.rawsize + 1);
			buf_put_varint(&again, f.zsize);
			buf_put(&again, f.head, HASH_LEN);
			buf_put(&again, f.body, f.zsize);
			buf_free(&body);
			body = again;
		}
		buf_reset(&msg);
		if ((r = msg_put(&msg, MSG_FRAME, body.data, body.len)) != 0)
			die("message", r);
		if (k == cut) {
			msg.len /= 2;
			out(&msg);
			fflush(stdout);
			return 0;
		}
		out(&msg);
	}
	buf_reset(&msg);
	msg_put(&msg, MSG_DONE, NULL, 0);
	out(&msg);
	fflush(stdout);
	store_abort(t);
	store_close(st);
	return 0;
usage:
	fprintf(stderr, "usage: sync-forge -d dir -b branch [-P] [-c n] "
	    "[-f first] [-H branch] [-B branch]\n"
	    "           [-x frame:offset] [-a frame] [-g frame] [-T frame] "
	    "[-Z frame]\n       sync-forge -r\n");
	return 64;
}
