/*
 * sync/msg.c: the messages of the sync protocol.  Each message is a type
 * byte, a varint length and that many bytes of body; every body is read
 * through a length-checked struct buf and must be used up exactly.
 * loket-journal(5) gives each body byte by byte.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sync/sync.h"

static const uint8_t magic[4] = { 'L', 'K', 'S', 'Y' };

int
msg_put(struct buf *out, uint8_t type, const void *body, size_t len)
{
	int	 r;

	if (len > MSG_MAX)
		return SYNC_E_PROTO;
	if ((r = buf_put_u8(out, type)) != 0 ||
	    (r = buf_put_varint(out, len)) != 0)
		return r;
	return buf_put(out, body, len);
}

/*
 * The next whole message in `in', from its read position.  Returns 0 and
 * moves past it; EAGAIN when more bytes are needed (nothing is consumed);
 * SYNC_E_PROTO for an unknown type or a length past MSG_MAX.
 */
int
msg_get(struct buf *in, uint8_t *type, const uint8_t **body, size_t *len)
{
	const uint8_t	*p = in->data + in->off;
	size_t		 left = buf_left(in), i;
	uint64_t	 n = 0;
	unsigned	 shift = 0;

	if (left < 2)
		return EAGAIN;
	switch (p[0]) {
	case MSG_HELLO:
	case MSG_WELCOME:
	case MSG_FRAME:
	case MSG_ACK:
	case MSG_DONE:
	case MSG_ERROR:
	case MSG_SIGNED:
		break;
	default:
		return SYNC_E_PROTO;
	}
	for (i = 1;; i++) {
		if (i >= left)
			return EAGAIN;
		if (shift > 28)
			return SYNC_E_PROTO;
		n |= (uint64_t)(p[i] & 0x7f) << shift;
		if ((p[i] & 0x80) == 0)
			break;
		shift += 7;
	}
	if (i > 1 && p[i] == 0)
		return SYNC_E_PROTO;	/* not the shortest form */
	if (n > MSG_MAX)
		return SYNC_E_PROTO;
	if (left - i - 1 < n)
		return EAGAIN;
	*type = p[0];
	*body = p + i + 1;
	*len = n;
	in->off += i + 1 + n;
	return 0;
}

static int
put_body(struct buf *out, uint8_t type, struct buf *b)
{
	int	 r;

	r = msg_put(out, type, b->data, b->len);
	buf_free(b);
	return r;
}

int
msg_hello_put(struct buf *out, const struct msg_hello *h)
{
	struct buf	 b;
	uint32_t	 i;
	int		 r;

	buf_init(&b);
	if (h->nheads > MSG_HEADS_MAX)
		return SYNC_E_PROTO;
	if ((r = buf_put(&b, magic, sizeof magic)) != 0 ||
	    (r = buf_put_u8(&b, h->version)) != 0 ||
	    (r = buf_put_str(&b, h->branch)) != 0 ||
	    (r = buf_put_varint(&b, h->from)) != 0 ||
	    (r = buf_put(&b, h->from_head, HASH_LEN)) != 0 ||
	    (r = buf_put_varint(&b, h->last)) != 0 ||
	    (r = buf_put_varint(&b, h->nheads)) != 0)
		goto fail;
	for (i = 0; i < h->nheads; i++) {
		if ((r = buf_put_str(&b, h->heads[i].code)) != 0 ||
		    (r = buf_put_varint(&b, h->heads[i].last)) != 0 ||
		    (r = buf_put(&b, h->heads[i].head, HASH_LEN)) != 0)
			goto fail;
	}
	return put_body(out, MSG_HELLO, &b);
fail:
	buf_free(&b);
	return r;
}

static int
get_start(struct buf *in, uint8_t *version)
{
	uint8_t	 m[4];

	if (buf_get(in, m, sizeof m) != 0 || memcmp(m, magic, 4) != 0 ||
	    buf_get_u8(in, version) != 0)
		return SYNC_E_PROTO;
	if (*version != SYNC_VERSION)
		return SYNC_E_VERSION;
	return 0;
}

static int
get_branch(struct buf *in, char *code, size_t size)
{
	if (buf_get_str(in, code, size) != 0 || !branch_valid_code(code))
		return SYNC_E_PROTO;
	return 0;
}

/* Returns 0, SYNC_E_VERSION (version is set), or SYNC_E_PROTO. */
int
msg_hello_get(const uint8_t *p, size_t len, struct msg_hello *h)
{
	struct buf	 in;
	uint64_t	 n;
	uint32_t	 i;
	int		 r;

	memset(h, 0, sizeof *h);
	buf_from(&in, p, len);
	if ((r = get_start(&in, &h->version)) != 0)
		return r;
	if (get_branch(&in, h->branch, sizeof h->branch) != 0 ||
	    buf_get_varint(&in, &h->from) != 0 ||
	    buf_get(&in, h->from_head, HASH_LEN) != 0 ||
	    buf_get_varint(&in, &h->last) != 0 || h->from > h->last ||
	    buf_get_varint(&in, &n) != 0 || n > MSG_HEADS_MAX)
		return SYNC_E_PROTO;
	h->nheads = n;
	for (i = 0; i < h->nheads; i++) {
		if (get_branch(&in, h->heads[i].code,
		    sizeof h->heads[i].code) != 0 ||
		    buf_get_varint(&in, &h->heads[i].last) != 0 ||
		    buf_get(&in, h->heads[i].head, HASH_LEN) != 0)
			return SYNC_E_PROTO;
	}
	return buf_left(&in) == 0 ? 0 : SYNC_E_PROTO;
}

int
msg_welcome_put(struct buf *out, const struct msg_welcome *w)
{
	struct buf	 b;
	uint32_t	 i;
	int		 r;

	buf_init(&b);
	if (w->nheads > MSG_HEADS_MAX)
		return SYNC_E_PROTO;
	if ((r = buf_put(&b, magic, sizeof magic)) != 0 ||
	    (r = buf_put_u8(&b, w->version)) != 0 ||
	    (r = buf_put_str(&b, w->branch)) != 0 ||
	    (r = buf_put_varint(&b, w->last)) != 0 ||
	    (r = buf_put(&b, w->head, HASH_LEN)) != 0 ||
	    (r = buf_put_varint(&b, w->nheads)) != 0)
		goto fail;
	for (i = 0; i < w->nheads; i++) {
		if ((r = buf_put_str(&b, w->heads[i].code)) != 0 ||
		    (r = buf_put_varint(&b, w->heads[i].last)) != 0)
			goto fail;
	}
	return put_body(out, MSG_WELCOME, &b);
fail:
	buf_free(&b);
	return r;
}

int
msg_welcome_get(const uint8_t *p, size_t len, struct msg_welcome *w)
{
	struct buf	 in;
	uint64_t	 n;
	uint32_t	 i;
	int		 r;

	memset(w, 0, sizeof *w);
	buf_from(&in, p, len);
	if ((r = get_start(&in, &w->version)) != 0)
		return r;
	if (get_branch(&in, w->branch, sizeof w->branch) != 0 ||
	    buf_get_varint(&in, &w->last) != 0 ||
	    buf_get(&in, w->head, HASH_LEN) != 0 ||
	    buf_get_varint(&in, &n) != 0 || n > MSG_HEADS_MAX)
		return SYNC_E_PROTO;
	w->nheads = n;
	for (i = 0; i < w->nheads; i++) {
		if (get_branch(&in, w->heads[i].code,
		    sizeof w->heads[i].code) != 0 ||
		    buf_get_varint(&in, &w->heads[i].last) != 0)
			return SYNC_E_PROTO;
	}
	return buf_left(&in) == 0 ? 0 : SYNC_E_PROTO;
}

int
msg_ack_put(struct buf *out, const struct msg_ack *a)
{
	uint8_t		 raw[32];
	struct buf	 b;
	int		 r;

	buf_wrap(&b, raw, sizeof raw);
	if ((r = buf_put_u8(&b, a->status)) != 0 ||
	    (r = buf_put_varint(&b, a->first)) != 0 ||
	    (r = buf_put_varint(&b, a->count)) != 0 ||
	    (r = buf_put_varint(&b, a->last)) != 0)
		return r;
	return msg_put(out, MSG_ACK, b.data, b.len);
}

int
msg_ack_get(const uint8_t *p, size_t len, struct msg_ack *a)
{
	struct buf	 in;
	uint64_t	 count;

	memset(a, 0, sizeof *a);
	buf_from(&in, p, len);
	if (buf_get_u8(&in, &a->status) != 0 || a->status > ACK_GAP ||
	    buf_get_varint(&in, &a->first) != 0 ||
	    buf_get_varint(&in, &count) != 0 || count > FRAME_COUNT_MAX ||
	    buf_get_varint(&in, &a->last) != 0 || buf_left(&in) != 0)
		return SYNC_E_PROTO;
	a->count = count;
	return 0;
}

/*
 * The head office's signed chain head of the branch (store/anchor.c):
 * branch, entry number, h(n), the signing key's public half, the
 * signature.
 */
int
msg_signed_put(struct buf *out, const struct msg_signed *m)
{
	struct buf	 b;
	int		 r;

	buf_init(&b);
	if ((r = buf_put_str(&b, m->branch)) != 0 ||
	    (r = buf_put_varint(&b, m->a.seq)) != 0 ||
	    (r = buf_put(&b, m->a.head, HASH_LEN)) != 0 ||
	    (r = buf_put(&b, m->pub, ANCHOR_KEY_LEN)) != 0 ||
	    (r = buf_put(&b, m->a.sig, ANCHOR_SIG_LEN)) != 0) {
		buf_free(&b);
		return r;
	}
	return put_body(out, MSG_SIGNED, &b);
}

int
msg_signed_get(const uint8_t *p, size_t len, struct msg_signed *m)
{
	struct buf	 in;

	memset(m, 0, sizeof *m);
	buf_from(&in, p, len);
	if (get_branch(&in, m->branch, sizeof m->branch) != 0 ||
	    buf_get_varint(&in, &m->a.seq) != 0 ||
	    buf_get(&in, m->a.head, HASH_LEN) != 0 ||
	    buf_get(&in, m->pub, ANCHOR_KEY_LEN) != 0 ||
	    buf_get(&in, m->a.sig, ANCHOR_SIG_LEN) != 0 ||
	    buf_left(&in) != 0)
		return SYNC_E_PROTO;
	return 0;
}

/*
 * An error: the sender's struct sync_fail as it sees it ("ours" is the
 * sender's head); it closes the session after it.
 */
int
msg_error_put(struct buf *out, const struct sync_fail *f)
{
	struct buf	 b;
	size_t		 dl;
	int		 r;

	buf_init(&b);
	dl = strnlen(f->detail, sizeof f->detail - 1);
	if ((r = buf_put_svarint(&b, f->code)) != 0 ||
	    (r = buf_put_svarint(&b, f->cause)) != 0 ||
	    (r = buf_put_str(&b, f->branch)) != 0 ||
	    (r = buf_put_varint(&b, f->seq)) != 0 ||
	    (r = buf_put_u8(&b, f->heads ? 1 : 0)) != 0)
		goto fail;
	if (f->heads &&
	    ((r = buf_put_varint(&b, f->ours_seq)) != 0 ||
	    (r = buf_put(&b, f->ours, HASH_LEN)) != 0 ||
	    (r = buf_put_varint(&b, f->theirs_seq)) != 0 ||
	    (r = buf_put(&b, f->theirs, HASH_LEN)) != 0))
		goto fail;
	if ((r = buf_put_lenbytes(&b, f->detail, dl)) != 0)
		goto fail;
	return put_body(out, MSG_ERROR, &b);
fail:
	buf_free(&b);
	return r;
}

/* An error from the other side, turned round: "ours" is our head. */
int
msg_error_get(const uint8_t *p, size_t len, struct sync_fail *f)
{
	struct buf	 in;
	int64_t		 code, cause;
	uint8_t		 heads;
	const uint8_t	*d;
	size_t		 dl;

	memset(f, 0, sizeof *f);
	buf_from(&in, p, len);
	if (buf_get_svarint(&in, &code) != 0 ||
	    buf_get_svarint(&in, &cause) != 0 ||
	    code < INT32_MIN || code > INT32_MAX ||
	    cause < INT32_MIN || cause > INT32_MAX ||
	    buf_get_str(&in, f->branch, sizeof f->branch) != 0 ||
	    buf_get_varint(&in, &f->seq) != 0 ||
	    buf_get_u8(&in, &heads) != 0 || heads > 1)
		return SYNC_E_PROTO;
	if (heads && (buf_get_varint(&in, &f->theirs_seq) != 0 ||
	    buf_get(&in, f->theirs, HASH_LEN) != 0 ||
	    buf_get_varint(&in, &f->ours_seq) != 0 ||
	    buf_get(&in, f->ours, HASH_LEN) != 0))
		return SYNC_E_PROTO;
	if (buf_get_lenbytes(&in, &d, &dl, sizeof f->detail - 1) != 0 ||
	    buf_left(&in) != 0)
		return SYNC_E_PROTO;
	if (f->branch[0] != '\0' && !branch_valid_code(f->branch))
		return SYNC_E_PROTO;
	memcpy(f->detail, d, dl);
	f->detail[dl] = '\0';
	f->code = code;
	f->cause = cause;
	f->heads = heads;
	f->remote = 1;
	/* A message from elsewhere reaches a terminal: printable only. */
	for (dl = 0; f->detail[dl] != '\0'; dl++) {
		if ((unsigned char)f->detail[dl] < 0x20 ||
		    f->detail[dl] == 0x7f)
			f->detail[dl] = '?';
	}
	if (f->code == 0)
		f->code = SYNC_E_PROTO;
	return 0;
}
