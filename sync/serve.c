/*
 * sync/serve.c: the head office's side of a sync, run by sshd's forced
 * command (loket serve -b B) on the channel's standard input and output.
 *
 * The branch it serves comes from the forced command, never from the
 * client: a hello or a frame for any other branch is refused and nothing
 * is applied.  The session:
 *
 *	client: hello (branch, where its frames start, its last entry, the
 *		head-office branches it holds and how far)
 *	server: welcome (how far we have the branch, with our chain head;
 *		which head-office branches flow back, up to where), then at
 *		once the head office's own new entries in frames, then done
 *	client: frames, sent without waiting (a window), then done
 *	server: an ack for each frame, as soon as it is applied
 *
 * The server never blocks on either side: one poll() loop reads whatever
 * the client sends while writing what is queued, so a client that writes
 * a long run of frames while the head office has much to send back
 * cannot deadlock the pair.  Frames going back are built only while the
 * queue is short, so memory stays bounded.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "sync/sync.h"

#define QUEUE_LOW	(64 * 1024)	/* build frames below this */
#define READ_CHUNK	(64 * 1024)

struct back {
	char		 code[BRANCH_MAX + 1];
	uint64_t	 next;		/* next entry to send */
	uint64_t	 last;		/* send up to here */
};

struct serve {
	struct store		*st;
	const char		*branch;
	int			 in, out;
	struct buf		 inq, outq;
	int			 hello, done_in, done_out, fatal, eof;
	uint32_t		 nback, cur;
	struct back		 back[MSG_HEADS_MAX];
	struct sync_stats	*stats;
	struct sync_fail	*fail;
};

/* Queue an error for the client; the session ends after it. */
static int
serve_error(struct serve *s, int r)
{
	if (s->fail->code == 0)
		sync_failf(s->fail, r, s->branch, 0, NULL);
	SYNC_LOG(LOG_ERR, "branch %s, entry %" PRIu64 ": %s%s%s",
	    s->fail->branch[0] ? s->fail->branch : s->branch, s->fail->seq,
	    store_strerror(s->fail->code), s->fail->detail[0] ? ": " : "",
	    s->fail->detail);
	if (s->fail->cause != 0)
		SYNC_LOG(LOG_ERR, "because: %s", store_strerror(s->fail->cause));
	(void)msg_error_put(&s->outq, s->fail);
	s->fatal = 1;
	return s->fail->code;
}

static int
on_hello(struct serve *s, const uint8_t *p, size_t len)
{
	struct store_txn	*t = NULL;
	struct msg_hello	 h;
	struct msg_welcome	 w;
	struct branch		 bs[64];
	uint8_t			 ours[HASH_LEN];
	size_t			 nb, i;
	uint32_t		 j;
	int			 r;

	if ((r = msg_hello_get(p, len, &h)) != 0)
		return sync_failf(s->fail, r, s->branch, 0,
		    r == SYNC_E_VERSION ? "version %u" : "hello",
		    (unsigned)h.version);
	if (strcmp(h.branch, s->branch) != 0)
		return sync_failf(s->fail, SYNC_E_BRANCH, h.branch, h.from + 1,
		    "this key syncs branch %s only", s->branch);
	memset(&w, 0, sizeof w);
	w.version = SYNC_VERSION;
	snprintf(w.branch, sizeof w.branch, "%s", s->branch);
	if ((r = store_begin(s->st, 1, &t)) != 0)
		return r;
	if ((r = replica_last(t, s->branch, &w.last, w.head)) != 0)
		goto out;
	/* Where the client starts, we may be able to check its chain. */
	if (h.from <= w.last) {
		if ((r = replica_head(t, s->branch, h.from, ours)) != 0)
			goto out;
		if (memcmp(ours, h.from_head, HASH_LEN) != 0) {
			r = sync_failf(s->fail, SYNC_E_CHAIN, s->branch,
			    h.from, NULL);
			s->fail->heads = 1;
			s->fail->ours_seq = s->fail->theirs_seq = h.from;
			memcpy(s->fail->ours, ours, HASH_LEN);
			memcpy(s->fail->theirs, h.from_head, HASH_LEN);
			goto out;
		}
	}

	/* What flows back: this box's own head-office branches. */
	if ((r = branch_list(t, bs, sizeof bs / sizeof bs[0], &nb)) != 0)
		goto out;
	for (i = 0; i < nb && i < sizeof bs / sizeof bs[0]; i++) {
		if (!(bs[i].flags & BRANCH_F_HEAD) ||
		    !store_is_primary(t, bs[i].code) ||
		    strcmp(bs[i].code, s->branch) == 0 ||
		    s->nback == MSG_HEADS_MAX)
			continue;
		struct back	*b = &s->back[s->nback];

		snprintf(b->code, sizeof b->code, "%s", bs[i].code);
		b->last = bs[i].next_seq - 1;
		b->next = 1;
		for (j = 0; j < h.nheads; j++) {
			if (strcmp(h.heads[j].code, b->code) != 0)
				continue;
			if (h.heads[j].last > b->last ||
			    (r = replica_head(t, b->code, h.heads[j].last,
			    ours)) != 0 ||
			    memcmp(ours, h.heads[j].head, HASH_LEN) != 0) {
				r = sync_failf(s->fail, SYNC_E_CHAIN, b->code,
				    h.heads[j].last, NULL);
				s->fail->heads = 1;
				s->fail->ours_seq = b->last;
				memcpy(s->fail->ours, bs[i].head, HASH_LEN);
				s->fail->theirs_seq = h.heads[j].last;
				memcpy(s->fail->theirs, h.heads[j].head,
				    HASH_LEN);
				goto out;
			}
			b->next = h.heads[j].last + 1;
		}
		snprintf(w.heads[w.nheads].code, sizeof w.heads[0].code, "%s",
		    b->code);
		w.heads[w.nheads].last = b->last;
		w.nheads++;
		s->nback++;
	}
	store_abort(t);
	t = NULL;
	s->stats->their_last = w.last;
	s->stats->our_last = h.last;
	SYNC_LOG(LOG_INFO, "branch %s: it has entries up to %" PRIu64
	    ", we have up to %" PRIu64 "; it starts at %" PRIu64, s->branch,
	    h.last, w.last, h.from + 1);
	r = msg_welcome_put(&s->outq, &w);
	s->hello = 1;
out:
	store_abort(t);
	return r;
}

static int
on_frame(struct serve *s, const uint8_t *p, size_t len)
{
	struct frame		 f;
	struct frame_entries	 fe;
	struct frame_result	 res;
	struct msg_ack		 a;
	int			 r;

	if ((r = frame_parse(p, len, &f)) != 0)
		return sync_failf(s->fail, r, s->branch, 0, "header");
	if (strcmp(f.branch, s->branch) != 0)
		return sync_failf(s->fail, SYNC_E_BRANCH, f.branch, f.first,
		    "this key syncs branch %s only", s->branch);
	if ((r = frame_unpack(&f, &fe)) != 0)
		return sync_failf(s->fail, r, f.branch, f.first,
		    "entries %" PRIu64 "-%" PRIu64, f.first,
		    f.first + f.count - 1);
	memset(&a, 0, sizeof a);
	a.first = f.first;
	a.count = f.count;
	r = frame_apply(s->st, &f, &fe, 0, &res, s->fail);
	frame_entries_free(&fe);
	if (r == SYNC_E_GAP) {
		/*
		 * The client started past what we have (its record of our
		 * acknowledgements is newer than our books: this box was
		 * restored).  It will rewind after our welcome; refuse the
		 * frame, apply nothing, and go on.
		 */
		SYNC_LOG(LOG_NOTICE, "branch %s: frame at %" PRIu64 " refused:"
		    " we have up to %s", f.branch, f.first, s->fail->detail);
		memset(s->fail, 0, sizeof *s->fail);
		a.status = ACK_GAP;
		a.last = res.last;
		return msg_ack_put(&s->outq, &a);
	}
	if (r != 0)
		return r;
	a.status = res.had > 0 ? ACK_HAD : ACK_APPLIED;
	a.last = res.last;
	s->stats->got_frames++;
	s->stats->got_entries += res.applied;
	s->stats->skipped += res.had;
	s->stats->their_last = res.last;
	return msg_ack_put(&s->outq, &a);
}

/* The next frame going back, or done when there is none. */
static int
fill(struct serve *s)
{
	struct store_txn	*t = NULL;
	struct buf		 body;
	struct frame		 info;
	struct back		*b;
	int			 r;

	while (s->cur < s->nback && s->back[s->cur].next >
	    s->back[s->cur].last)
		s->cur++;
	if (s->cur == s->nback) {
		s->done_out = 1;
		return msg_put(&s->outq, MSG_DONE, NULL, 0);
	}
	b = &s->back[s->cur];
	buf_init(&body);
	if ((r = store_begin(s->st, 1, &t)) != 0)
		return r;
	r = frame_build(t, b->code, b->next, b->last, &body, &info);
	store_abort(t);
	if (r == 0)
		r = msg_put(&s->outq, MSG_FRAME, body.data, body.len);
	buf_free(&body);
	if (r != 0)
		return sync_failf(s->fail, r, b->code, b->next, NULL);
	b->next += info.count;
	s->stats->sent_frames++;
	s->stats->sent_entries += info.count;
	return 0;
}

/*
 * The branch said done: every frame it sent is applied.  Sign the chain
 * head we now have of it (store/anchor.c) and send it back.
 */
static int
sign_head(struct serve *s)
{
	struct store_txn	*t = NULL;
	struct msg_signed	 m;
	int			 r;

	memset(&m, 0, sizeof m);
	snprintf(m.branch, sizeof m.branch, "%s", s->branch);
	if ((r = store_begin(s->st, 1, &t)) != 0)
		return r;
	r = replica_last(t, s->branch, &m.a.seq, m.a.head);
	store_abort(t);
	if (r == 0 && m.a.seq != 0)
		r = anchor_sign(s->st, s->branch, m.a.seq, m.a.head, m.a.sig,
		    m.pub);
	if (r != 0)
		return sync_failf(s->fail, r, s->branch, m.a.seq,
		    "signing the chain head");
	return msg_signed_put(&s->outq, &m);
}

static int
handle(struct serve *s, uint8_t type, const uint8_t *p, size_t len)
{
	struct sync_fail	 theirs;

	if (!s->hello && type != MSG_HELLO && type != MSG_ERROR)
		return sync_failf(s->fail, SYNC_E_PROTO, s->branch, 0,
		    "message %c before hello", type);
	switch (type) {
	case MSG_HELLO:
		if (s->hello)
			break;
		return on_hello(s, p, len);
	case MSG_FRAME:
		if (s->done_in)
			break;
		return on_frame(s, p, len);
	case MSG_DONE:
		if (len != 0 || s->done_in)
			break;
		s->done_in = 1;
		return sign_head(s);
	case MSG_ERROR:
		if (msg_error_get(p, len, &theirs) != 0)
			break;
		SYNC_LOG(LOG_ERR, "branch %s: the branch gave up: %s, entry "
		    "%" PRIu64 "%s%s", s->branch, store_strerror(theirs.code),
		    theirs.seq, theirs.detail[0] ? ": " : "", theirs.detail);
		*s->fail = theirs;
		s->fatal = 1;
		s->eof = 1;	/* say nothing back */
		return theirs.code;
	}
	return sync_failf(s->fail, SYNC_E_PROTO, s->branch, 0,
	    "unexpected message %c", type);
}

/* Make room for want more bytes at the end of q, keeping what is unread. */
static int
inq_room(struct buf *q, size_t want)
{
	size_t	 left = buf_left(q), cap;
	uint8_t	*p;

	if (q->off > 0) {
		memmove(q->data, q->data + q->off, left);
		q->len = left;
		q->off = 0;
	}
	if (q->cap - q->len >= want)
		return 0;
	cap = q->len + want;
	if ((p = realloc(q->data, cap)) == NULL)
		return ENOMEM;
	q->data = p;
	q->cap = cap;
	return 0;
}

static int
flush_some(struct serve *s)
{
	ssize_t	 n;

	while (buf_left(&s->outq) > 0) {
		n = write(s->out, s->outq.data + s->outq.off,
		    buf_left(&s->outq));
		if (n < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				break;
			if (errno == EINTR)
				continue;
			return errno;
		}
		s->outq.off += n;
		s->stats->bytes_out += n;
	}
	if (buf_left(&s->outq) == 0)
		buf_reset(&s->outq);
	return 0;
}

/*
 * After a refusal: tell the client why, as far as it listens.  A client
 * may be blocked writing frames it streamed ahead, so go on reading (and
 * dropping) its bytes while the error goes out, for ten seconds at most.
 */
static void
linger(struct serve *s)
{
	struct pollfd	 pfd[2];
	struct timespec	 now;
	uint8_t		 junk[4096];
	time_t		 end;

	clock_gettime(CLOCK_MONOTONIC, &now);
	end = now.tv_sec + 10;
	while (buf_left(&s->outq) > 0) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec >= end)
			return;
		pfd[0].fd = s->eof ? -1 : s->in;
		pfd[0].events = POLLIN;
		pfd[1].fd = s->out;
		pfd[1].events = POLLOUT;
		pfd[0].revents = pfd[1].revents = 0;
		if (poll(pfd, 2, 100) < 0 && errno != EINTR)
			return;
		if ((pfd[0].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    read(s->in, junk, sizeof junk) == 0)
			s->eof = 1;
		if ((pfd[1].revents & (POLLOUT | POLLERR | POLLHUP)) &&
		    flush_some(s) != 0)
			return;
	}
}

/*
 * Serve branch on fds in and out until the client is done, gives up or
 * goes away, or timeout seconds pass without a byte from it.  Returns 0
 * when both directions were completed; otherwise fail says why (it has
 * also been sent to the client when the client can still hear).
 */
int
serve_run(struct store *st, const char *branch, int in, int out, int timeout,
    struct sync_stats *stats, struct sync_fail *fail)
{
	struct serve		 s;
	struct store_txn	*t = NULL;
	struct pollfd		 pfd[2];
	const uint8_t		*body;
	size_t			 len;
	uint8_t			 type;
	ssize_t			 n;
	int			 fl_in, fl_out, r, prim;

	memset(stats, 0, sizeof *stats);
	memset(fail, 0, sizeof *fail);
	memset(&s, 0, sizeof s);
	s.st = st;
	s.branch = branch;
	s.in = in;
	s.out = out;
	s.stats = stats;
	s.fail = fail;
	buf_init(&s.inq);
	buf_init(&s.outq);
	fl_in = fcntl(in, F_GETFL);
	fl_out = fcntl(out, F_GETFL);
	if (fl_in == -1 || fl_out == -1)
		return errno;
	(void)fcntl(in, F_SETFL, fl_in | O_NONBLOCK);
	(void)fcntl(out, F_SETFL, fl_out | O_NONBLOCK);

	if (!branch_valid_code(branch)) {
		r = sync_failf(fail, STORE_E_BRANCH, NULL, 0, "%s", branch);
		goto fatal;
	}
	if ((r = store_begin(st, 1, &t)) != 0)
		goto out;
	prim = store_is_primary(t, branch);
	store_abort(t);
	if (prim) {
		r = sync_failf(fail, SYNC_E_BRANCH, branch, 0,
		    "branch %s is primary here: it does not come by sync",
		    branch);
		goto fatal;
	}

	for (;;) {
		if (s.hello && !s.fatal && !s.done_out &&
		    buf_left(&s.outq) < QUEUE_LOW) {
			if ((r = fill(&s)) != 0)
				goto fatal;
			continue;
		}
		if (s.fatal && buf_left(&s.outq) == 0)
			break;
		if (s.done_in && s.done_out && buf_left(&s.outq) == 0)
			break;
		pfd[0].fd = s.fatal || s.eof ? -1 : in;
		pfd[0].events = POLLIN;
		pfd[1].fd = buf_left(&s.outq) > 0 ? out : -1;
		pfd[1].events = POLLOUT;
		pfd[0].revents = pfd[1].revents = 0;
		if (pfd[0].fd == -1 && pfd[1].fd == -1) {
			if (!s.fatal)
				r = sync_failf(fail, SYNC_E_NETWORK, branch, 0,
				    "the branch went away");
			break;
		}
		n = poll(pfd, 2, timeout > 0 ? timeout * 1000 : -1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			r = errno;
			goto out;
		}
		if (n == 0) {
			r = sync_failf(fail, SYNC_E_NETWORK, branch, 0,
			    "no word from the branch for %d s", timeout);
			if (s.fatal)
				break;
			goto fatal;
		}
		if (pfd[1].revents & (POLLOUT | POLLERR | POLLHUP)) {
			if ((r = flush_some(&s)) != 0) {
				r = sync_failf(fail, SYNC_E_NETWORK, branch,
				    0, "the branch went away");
				break;
			}
		}
		if (pfd[0].revents & (POLLIN | POLLERR | POLLHUP)) {
			if ((r = inq_room(&s.inq, READ_CHUNK)) != 0)
				goto out;
			n = read(in, s.inq.data + s.inq.len,
			    s.inq.cap - s.inq.len);
			if (n < 0 && (errno == EAGAIN || errno == EINTR))
				continue;
			if (n <= 0) {
				s.eof = 1;
				if (!s.done_in && !s.fatal) {
					r = sync_failf(fail, SYNC_E_NETWORK,
					    branch, 0, "the branch went away");
					break;
				}
				continue;
			}
			s.inq.len += n;
			stats->bytes_in += n;
			while (!s.fatal && (r = msg_get(&s.inq, &type, &body,
			    &len)) == 0) {
				if ((r = handle(&s, type, body, len)) != 0)
					break;
			}
			if (s.fatal)
				continue;
			if (r != 0 && r != EAGAIN)
				goto fatal;
		}
	}
	if (fail->code == 0) {
		r = 0;
		(void)sync_record_acked(st, branch, stats->their_last);
		(void)sync_record_end(st, branch, 0, time(NULL));
		SYNC_LOG(LOG_INFO, "branch %s: %" PRIu64 " new entries in %"
		    PRIu64 " frames (%" PRIu64 " we had), up to %" PRIu64
		    "; %" PRIu64 " entries sent back", branch,
		    stats->got_entries, stats->got_frames, stats->skipped,
		    stats->their_last, stats->sent_entries);
	} else
		r = fail->code;
	goto out;
fatal:
	if (fail->code == 0)
		sync_failf(fail, r, branch, 0, NULL);
	serve_error(&s, r);
	linger(&s);
	r = fail->code;
out:
	(void)fcntl(in, F_SETFL, fl_in);
	(void)fcntl(out, F_SETFL, fl_out);
	buf_free(&s.inq);
	buf_free(&s.outq);
	return r;
}
