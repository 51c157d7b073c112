/*
 * tests/fuzz/fuzz-msg.c: libFuzzer target for the sync protocol's
 * messages (sync/msg.c), which the head office reads from whatever a
 * branch sends, and the branch from the head office.
 *
 * The input is a stream of messages, read as serve.c and client.c read
 * them: msg_get() one after the other until it wants more bytes or
 * refuses.  Each message that msg_get() takes must put back to its very
 * bytes; each body that decodes must encode again to the same body
 * (hello, welcome and ack have one encoding each), and an error message
 * decoded, put and decoded again must say the same.  A frame's body
 * goes through frame_parse() and frame_unpack().
 *
 *	make tests/fuzz/fuzz-msg
 *	./tests/fuzz/fuzz-msg -max_total_time=30 corpus ../tests/fuzz/corpus-msg
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sync/sync.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Put a decoded body back through `put', and compare with the body. */
static void
same_body(struct buf *out, uint8_t type, const uint8_t *body, size_t len)
{
	struct buf	 in;
	const uint8_t	*b2;
	size_t		 l2;
	uint8_t		 t2;

	buf_from(&in, out->data, out->len);
	if (msg_get(&in, &t2, &b2, &l2) != 0 || t2 != type ||
	    buf_left(&in) != 0 || l2 != len || memcmp(b2, body, len) != 0)
		abort();
}

static void
check_error(const uint8_t *body, size_t len)
{
	struct sync_fail	 f, g, h;
	struct buf		 out, in;
	const uint8_t		*b2;
	size_t			 l2;
	uint8_t			 t2;

	if (msg_error_get(body, len, &f) != 0)
		return;
	if (f.code == 0)
		abort();
	/* The sender's view: put turns ours and theirs round again. */
	g = f;
	memcpy(g.ours, f.theirs, HASH_LEN);
	memcpy(g.theirs, f.ours, HASH_LEN);
	g.ours_seq = f.theirs_seq;
	g.theirs_seq = f.ours_seq;
	buf_init(&out);
	if (msg_error_put(&out, &g) != 0)
		abort();
	buf_from(&in, out.data, out.len);
	if (msg_get(&in, &t2, &b2, &l2) != 0 || t2 != MSG_ERROR ||
	    msg_error_get(b2, l2, &h) != 0)
		abort();
	if (h.code != f.code || h.cause != f.cause || h.heads != f.heads ||
	    h.seq != f.seq || strcmp(h.branch, f.branch) != 0 ||
	    strcmp(h.detail, f.detail) != 0 ||
	    h.ours_seq != f.ours_seq || h.theirs_seq != f.theirs_seq ||
	    memcmp(h.ours, f.ours, HASH_LEN) != 0 ||
	    memcmp(h.theirs, f.theirs, HASH_LEN) != 0)
		abort();
	buf_free(&out);
}

static void
check_message(uint8_t type, const uint8_t *body, size_t len)
{
	struct msg_hello	 h;
	struct msg_welcome	 w;
	struct msg_ack		 a;
	struct frame		 f;
	struct frame_entries	 fe;
	struct buf		 out;

	buf_init(&out);
	switch (type) {
	case MSG_HELLO:
		if (msg_hello_get(body, len, &h) != 0)
			break;
		if (msg_hello_put(&out, &h) != 0)
			abort();
		same_body(&out, type, body, len);
		break;
	case MSG_WELCOME:
		if (msg_welcome_get(body, len, &w) != 0)
			break;
		if (msg_welcome_put(&out, &w) != 0)
			abort();
		same_body(&out, type, body, len);
		break;
	case MSG_ACK:
		if (msg_ack_get(body, len, &a) != 0)
			break;
		if (msg_ack_put(&out, &a) != 0)
			abort();
		same_body(&out, type, body, len);
		break;
	case MSG_ERROR:
		check_error(body, len);
		break;
	case MSG_FRAME:
		if (frame_parse(body, len, &f) != 0)
			break;
		if (f.body < body || f.body + f.zsize != body + len)
			abort();
		if (frame_unpack(&f, &fe) == 0) {
			if (fe.n != f.count)
				abort();
			frame_entries_free(&fe);
		}
		break;
	}
	buf_free(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 in, out;
	const uint8_t	*body;
	size_t		 len, start;
	uint8_t		 type;
	int		 r;

	buf_from(&in, data, size);
	for (;;) {
		start = in.off;
		if ((r = msg_get(&in, &type, &body, &len)) != 0) {
			/* Nothing taken from what was refused or short. */
			if (in.off != start)
				abort();
			break;
		}
		if (len > MSG_MAX || body != data + in.off - len)
			abort();
		/* The message puts back to the bytes it came from. */
		buf_init(&out);
		if (msg_put(&out, type, body, len) != 0 ||
		    out.len != in.off - start ||
		    memcmp(out.data, data + start, out.len) != 0)
			abort();
		buf_free(&out);
		check_message(type, body, len);
	}
	return 0;
}
