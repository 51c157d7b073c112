/*
 * store/buf.c: one length-checked buffer with typed put and get, used for
 * every byte format loket writes: journal entries, records, frames.
 *
 * A get past the end is an error (EBADMSG), never a read past the data.
 * Varints are LEB128; a varint that is longer than it needs to be is
 * refused, so that every value has exactly one encoding and hashes of
 * canonical bytes are well defined.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

#define BUF_MAX	(64U * 1024 * 1024)

void
buf_init(struct buf *b)
{
	memset(b, 0, sizeof *b);
}

/* Read-only view of someone else's bytes. */
void
buf_from(struct buf *b, const void *data, size_t len)
{
	memset(b, 0, sizeof *b);
	b->data = (uint8_t *)(uintptr_t)data;
	b->len = b->cap = len;
	b->fixed = 1;
}

/* Write into someone else's fixed array, from its start. */
void
buf_wrap(struct buf *b, void *data, size_t cap)
{
	memset(b, 0, sizeof *b);
	b->data = data;
	b->cap = cap;
	b->fixed = 1;
}

void
buf_free(struct buf *b)
{
	if (!b->fixed)
		free(b->data);
	memset(b, 0, sizeof *b);
}

void
buf_reset(struct buf *b)
{
	b->len = b->off = 0;
}

size_t
buf_left(const struct buf *b)
{
	return b->len - b->off;
}

static int
buf_grow(struct buf *b, size_t need)
{
	size_t	 cap;
	uint8_t	*p;

	if (need <= b->cap - b->len)
		return 0;
	if (b->fixed)
		return ENOSPC;
	if (need > BUF_MAX - b->len)
		return EMSGSIZE;
	cap = b->cap ? b->cap : 256;
	while (cap - b->len < need)
		cap *= 2;
	if ((p = realloc(b->data, cap)) == NULL)
		return ENOMEM;
	b->data = p;
	b->cap = cap;
	return 0;
}

int
buf_put(struct buf *b, const void *p, size_t len)
{
	int	 r;

	if ((r = buf_grow(b, len)) != 0)
		return r;
	if (len != 0)
		memcpy(b->data + b->len, p, len);
	b->len += len;
	return 0;
}

int
buf_put_u8(struct buf *b, uint8_t v)
{
	return buf_put(b, &v, 1);
}

int
buf_put_u32be(struct buf *b, uint32_t v)
{
	uint8_t	 p[4];

	be32_put(p, v);
	return buf_put(b, p, sizeof p);
}

int
buf_put_u64be(struct buf *b, uint64_t v)
{
	uint8_t	 p[8];

	be64_put(p, v);
	return buf_put(b, p, sizeof p);
}

int
buf_put_varint(struct buf *b, uint64_t v)
{
	uint8_t	 p[10];
	size_t	 n = 0;

	do {
		p[n] = v & 0x7f;
		v >>= 7;
		if (v != 0)
			p[n] |= 0x80;
		n++;
	} while (v != 0);
	return buf_put(b, p, n);
}

/* Zigzag: small magnitudes of either sign stay short. */
int
buf_put_svarint(struct buf *b, int64_t v)
{
	uint64_t	 u = ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);

	return buf_put_varint(b, u);
}

int
buf_put_lenbytes(struct buf *b, const void *p, size_t len)
{
	int	 r;

	if ((r = buf_put_varint(b, len)) != 0)
		return r;
	return buf_put(b, p, len);
}

int
buf_put_str(struct buf *b, const char *s)
{
	return buf_put_lenbytes(b, s, strlen(s));
}

int
buf_get(struct buf *b, void *p, size_t len)
{
	if (len > buf_left(b))
		return EBADMSG;
	if (len != 0)
		memcpy(p, b->data + b->off, len);
	b->off += len;
	return 0;
}

int
buf_get_u8(struct buf *b, uint8_t *v)
{
	return buf_get(b, v, 1);
}

int
buf_get_u32be(struct buf *b, uint32_t *v)
{
	uint8_t	 p[4];
	int	 r;

	if ((r = buf_get(b, p, sizeof p)) != 0)
		return r;
	*v = be32_get(p);
	return 0;
}

int
buf_get_u64be(struct buf *b, uint64_t *v)
{
	uint8_t	 p[8];
	int	 r;

	if ((r = buf_get(b, p, sizeof p)) != 0)
		return r;
	*v = be64_get(p);
	return 0;
}

int
buf_get_varint(struct buf *b, uint64_t *v)
{
	uint64_t	 x = 0;
	uint8_t		 c;
	unsigned	 shift = 0;
	size_t		 n = 0;

	for (;;) {
		if (buf_left(b) == 0)
			return EBADMSG;
		c = b->data[b->off++];
		n++;
		if (shift == 63 && (c & 0x7e) != 0)
			return EBADMSG;		/* more than 64 bits */
		x |= (uint64_t)(c & 0x7f) << shift;
		if ((c & 0x80) == 0)
			break;
		shift += 7;
		if (shift > 63)
			return EBADMSG;
	}
	if (n > 1 && c == 0)
		return EBADMSG;			/* not the shortest form */
	*v = x;
	return 0;
}

int
buf_get_svarint(struct buf *b, int64_t *v)
{
	uint64_t	 u;
	int		 r;

	if ((r = buf_get_varint(b, &u)) != 0)
		return r;
	*v = (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
	return 0;
}

/* A length-prefixed byte string of at most max bytes, without copying. */
int
buf_get_lenbytes(struct buf *b, const uint8_t **p, size_t *len, size_t max)
{
	uint64_t	 n;
	int		 r;

	if ((r = buf_get_varint(b, &n)) != 0)
		return r;
	if (n > max || n > buf_left(b))
		return EBADMSG;
	*p = b->data + b->off;
	*len = n;
	b->off += n;
	return 0;
}

/* A string into dst (size includes the NUL); NULs inside are refused. */
int
buf_get_str(struct buf *b, char *dst, size_t size)
{
	const uint8_t	*p;
	size_t		 len;
	int		 r;

	if (size == 0)
		return EINVAL;
	if ((r = buf_get_lenbytes(b, &p, &len, size - 1)) != 0)
		return r;
	if (memchr(p, '\0', len) != NULL)
		return EBADMSG;
	memcpy(dst, p, len);
	dst[len] = '\0';
	return 0;
}
