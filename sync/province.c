/*
 * sync/province.c: the province box's end of loket sync --province, run
 * by sshd as the forced command of a cooperative's head office key,
 *
 *	command="loket serve --coop CODE",restrict ssh-ed25519 AAAA...
 *
 * so that the cooperative's code comes from that line, never from the
 * client.  It takes one signed yearly report (store/ods.c), deflated,
 * and keeps it (store/province.c).  The messages are sync's (type,
 * varint length, body; sync/msg.c) with bodies of their own:
 *
 *	client	H	version (varint), SHA-256 of the upload (32 bytes),
 *			its length (varint, at most PROVINCE_UPLOAD_MAX)
 *	server	W	how many of its bytes are here already (varint)
 *	client	F	offset (varint), bytes: the upload from there
 *	client	D	all sent
 *	server	A	1 kept, 0 the same report was kept already
 *	either	E	an error (sync's)
 *
 * Each chunk is written to partial/ as it comes, so that a cut upload
 * resumes where it stopped; the upload is checked against its SHA-256,
 * inflated and checked as a report before it is kept.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>
#include <zlib.h>

#include <openssl/evp.h>

#include "sync/sync.h"

static int
send_msg(int out, uint8_t type, const void *body, size_t len)
{
	struct buf	 b;
	size_t		 off = 0;
	ssize_t		 n;
	int		 r;

	buf_init(&b);
	if ((r = msg_put(&b, type, body, len)) != 0)
		goto out;
	while (off < b.len) {
		n = write(out, b.data + off, b.len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			r = SYNC_E_NETWORK;
			goto out;
		}
		off += (size_t)n;
	}
out:
	buf_free(&b);
	return r;
}

static int
send_varint(int out, uint8_t type, uint64_t v)
{
	struct buf	 b;
	int		 r;

	buf_init(&b);
	if ((r = buf_put_varint(&b, v)) == 0)
		r = send_msg(out, type, b.data, b.len);
	buf_free(&b);
	return r;
}

/* The next message, waiting up to timeout seconds for it. */
static int
next_msg(int in, struct buf *q, int timeout, uint8_t *type,
    const uint8_t **body, size_t *len)
{
	struct pollfd	 p;
	uint8_t		 tmp[4096];
	size_t		 left;
	ssize_t		 n;
	int		 r;

	for (;;) {
		if ((r = msg_get(q, type, body, len)) != EAGAIN)
			return r;
		if (q->off > 0) {
			left = buf_left(q);
			memmove(q->data, q->data + q->off, left);
			q->len = left;
			q->off = 0;
		}
		p.fd = in;
		p.events = POLLIN;
		if ((r = poll(&p, 1, timeout * 1000)) < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return SYNC_E_NETWORK;
		if ((n = read(in, tmp, sizeof tmp)) < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return SYNC_E_NETWORK;
		if ((r = buf_put(q, tmp, (size_t)n)) != 0)
			return r;
	}
}

static void
hexid(const uint8_t id[32], char out[65])
{
	static const char	 digits[] = "0123456789abcdef";
	int			 i;

	for (i = 0; i < 32; i++) {
		out[2 * i] = digits[id[i] >> 4];
		out[2 * i + 1] = digits[id[i] & 15];
	}
	out[64] = '\0';
}

/*
 * Take one report of cooperative code into the province folder dir,
 * talking on in and out.  Returns 0 or a SYNC_E_* / store code with
 * fail filled in (and told to the client).
 */
int
province_serve(const char *dir, const char *code, int in, int out,
    int timeout, int *kept, struct sync_fail *fail)
{
	struct buf	 q, b;
	const uint8_t	*body;
	uint8_t		 type, id[32], md[EVP_MAX_MD_SIZE];
	uint8_t		*up = NULL, report[ODS_MAXSIZE];
	uint64_t	 version, total, have, off;
	unsigned int	 mdlen = 0;
	uLongf		 rlen;
	size_t		 len, ulen;
	char		 idh[65];
	int		 r;

	*kept = 0;
	memset(fail, 0, sizeof *fail);
	buf_init(&q);
	if ((r = next_msg(in, &q, timeout, &type, &body, &len)) != 0)
		goto out;
	buf_from(&b, body, len);
	if (type != MSG_HELLO || buf_get_varint(&b, &version) != 0 ||
	    version != 1 || buf_get(&b, id, 32) != 0 ||
	    buf_get_varint(&b, &total) != 0 ||
	    buf_left(&b) != 0 || total == 0 ||
	    total > PROVINCE_UPLOAD_MAX) {
		r = sync_failf(fail, SYNC_E_PROTO, code, 0, "hello");
		goto out;
	}
	hexid(id, idh);
	if ((r = province_partial(dir, code, idh, &have)) != 0)
		goto out;
	if (have > total)
		have = 0;
	if ((r = send_varint(out, MSG_WELCOME, have)) != 0)
		goto out;
	for (;;) {
		if ((r = next_msg(in, &q, timeout, &type, &body, &len)) != 0)
			goto out;
		if (type == MSG_DONE)
			break;
		buf_from(&b, body, len);
		if (type != MSG_FRAME || buf_get_varint(&b, &off) != 0 ||
		    off != have || buf_left(&b) > total - have) {
			r = sync_failf(fail, SYNC_E_PROTO, code, 0, "chunk");
			goto out;
		}
		ulen = buf_left(&b);
		if ((r = province_partial_add(dir, code, idh, off,
		    b.data + b.off, ulen)) != 0)
			goto out;
		have += ulen;
	}
	if (have != total) {
		r = sync_failf(fail, SYNC_E_PROTO, code, 0, "short upload");
		goto out;
	}
	if ((up = malloc(total)) == NULL) {
		r = ENOMEM;
		goto out;
	}
	if ((r = province_partial_take(dir, code, idh, up, total,
	    &ulen)) != 0)
		goto out;
	EVP_Digest(up, ulen, md, &mdlen, EVP_sha256(), NULL);
	rlen = sizeof report;
	if (ulen != total || mdlen != 32 || memcmp(md, id, 32) != 0 ||
	    uncompress(report, &rlen, up, ulen) != Z_OK) {
		r = sync_failf(fail, SYNC_E_FRAME, code, 0, "upload");
		goto out;
	}
	if ((r = province_keep(dir, code, report, rlen, kept)) != 0) {
		r = sync_failf(fail, r == EPERM ? SYNC_E_REFUSED : r, code, 0,
		    "%s", r == EPERM ? "signed with another key" :
		    "not a signed report");
		goto out;
	}
	r = send_varint(out, MSG_ACK, (uint64_t)*kept);
out:
	if (r != 0) {
		struct buf	 e;

		if (fail->code == 0)
			sync_failf(fail, r, code, 0, NULL);
		buf_init(&e);
		if (msg_error_put(&e, fail) == 0)
			(void)write(out, e.data, e.len);
		buf_free(&e);
		r = fail->code;
	}
	free(up);
	buf_free(&q);
	return r;
}

/*
 * What loket sync --province sends: the report deflated, and the
 * SHA-256 of that (the upload's name, for resuming).
 */
int
province_upload(const void *report, size_t len, uint8_t *up, size_t *ulen,
    uint8_t id[32])
{
	uLongf		 n = *ulen;
	unsigned int	 mdlen = 0;

	if (compress2(up, &n, report, len, Z_BEST_COMPRESSION) != Z_OK)
		return SYNC_E_FRAME;
	*ulen = n;
	EVP_Digest(up, n, id, &mdlen, EVP_sha256(), NULL);
	return 0;
}
