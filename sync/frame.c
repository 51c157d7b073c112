/*
 * sync/frame.c: frames, the unit in which a journal travels.
 *
 * A frame is a header and a deflated body that holds a run of entries of
 * one branch, at most 64 KiB of them (FRAME_ENTRIES_MAX: each entry's
 * canonical bytes with a varint length in front).  The header carries the
 * chain head after the frame's last entry; per-entry hashes never travel,
 * the receiver recomputes them.  The receiver applies a frame in one
 * write transaction, entry by entry through store_replay(), and commits
 * only when the chain it computed ends at the header's head: a frame is
 * taken whole or not at all.
 *
 *	4	magic "LKJF"
 *	u8	version (1)
 *	u8	flags: bit 0 preset dictionary, bits 4..7 layout
 *	str	branch
 *	varint	first entry's number
 *	varint	number of entries
 *	varint	body size before deflate
 *	varint	body size after deflate
 *	32	h(first + count - 1)
 *	...	body: raw deflate (RFC 1951), exactly the size above
 *
 * The body is deflate without the zlib wrapper: its checksum would only
 * repeat what SSH's MAC and the chain head already prove, and it costs
 * six bytes a frame.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "sync/sync.h"

static const uint8_t magic[4] = { 'L', 'K', 'J', 'F' };

/*
 * The preset dictionary, version 1: what small frames (a few entries: a
 * setting, a user, a handful of deposits) would otherwise spell out in
 * full.  Deflate looks back into it as if it came before the body, the
 * likeliest strings last.  Never change these bytes: a new dictionary
 * needs a new flag value (loket-journal(5)).
 */
static const char dict_v1[] =
    "supervisor manager auditor admin teller "
    "Asia/Jayapura Asia/Jakarta Asia/Makassar "
    "Kantor Pusat Cabang Kopdit Koperasi Simpan Pinjam Credit Union "
    "savings.rate loan.rate loan.penalty user.lockout approval.limit "
    "sukarela.rate berjangka.rate wajib.amount pokok.amount "
    "coop.name language tax.rate shu. "
    "koreksi salah input pembatalan "
    "bunga jasa simpanan administrasi provisi denda "
    "setoran simpanan wajib bulan "
    "angsuran pinjaman pokok jasa "
    "penarikan tunai simpanan sukarela "
    "setoran tunai simpanan sukarela "
    "$y$j9T$";

static int
zerr(int z)
{
	return z == Z_MEM_ERROR ? ENOMEM : SYNC_E_FRAME;
}

void
frame_entries_init(struct frame_entries *fe)
{
	memset(fe, 0, sizeof *fe);
	buf_init(&fe->bytes);
}

void
frame_entries_free(struct frame_entries *fe)
{
	buf_free(&fe->bytes);
	free(fe->off);
	free(fe->len);
	memset(fe, 0, sizeof *fe);
}

int
frame_entries_add(struct frame_entries *fe, const void *p, size_t len)
{
	size_t	*o, *l;
	int	 r;

	if (fe->n >= FRAME_COUNT_MAX)
		return SYNC_E_FRAME;
	if ((fe->n & (fe->n - 1)) == 0) {	/* 0, 1, 2, 4, ...: grow */
		size_t	 cap = fe->n == 0 ? 16 : (size_t)fe->n * 2;

		if ((o = realloc(fe->off, cap * sizeof *o)) == NULL)
			return ENOMEM;
		fe->off = o;
		if ((l = realloc(fe->len, cap * sizeof *l)) == NULL)
			return ENOMEM;
		fe->len = l;
	}
	fe->off[fe->n] = fe->bytes.len;
	fe->len[fe->n] = len;
	if ((r = buf_put(&fe->bytes, p, len)) != 0)
		return r;
	fe->n++;
	return 0;
}

static size_t
varint_len(uint64_t v)
{
	size_t	 n = 1;

	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

static int
deflate_body(const struct buf *raw, int dict, struct buf *z)
{
	z_stream	 s;
	uLong		 bound;
	int		 zr, r;

	memset(&s, 0, sizeof s);
	if ((zr = deflateInit2(&s, 9, Z_DEFLATED, -15, 9,
	    Z_DEFAULT_STRATEGY)) != Z_OK)
		return zerr(zr);
	if (dict && (zr = deflateSetDictionary(&s, (const Bytef *)dict_v1,
	    sizeof dict_v1 - 1)) != Z_OK) {
		r = zerr(zr);
		goto out;
	}
	bound = deflateBound(&s, raw->len) + 16;
	buf_free(z);
	if ((z->data = malloc(bound)) == NULL) {
		r = ENOMEM;
		goto out;
	}
	z->cap = bound;
	s.next_in = raw->data;
	s.avail_in = raw->len;
	s.next_out = z->data;
	s.avail_out = bound;
	if ((zr = deflate(&s, Z_FINISH)) != Z_STREAM_END) {
		r = zerr(zr);
		goto out;
	}
	z->len = s.total_out;
	r = 0;
out:
	deflateEnd(&s);
	return r;
}

/*
 * Encode n entries of branch, numbered from first, whose chain ends at
 * head, as one frame appended to out; info describes it.  layout is
 * FRAME_LAYOUT_COLUMNS or _PLAIN; columns fall back to plain for entries
 * the transform cannot carry.  Returns 0, ENOMEM, SYNC_E_FRAME when the
 * entries do not fit in one frame, or STORE_E_BRANCH.
 */
int
frame_encode(const char *branch, uint64_t first, uint32_t n,
    const uint8_t *const *ent, const size_t *len, const uint8_t head[HASH_LEN],
    int layout, struct buf *out, struct frame *info)
{
	struct buf	 raw, z1, z2, *z;
	size_t		 total = 0;
	uint32_t	 i;
	uint8_t		 flags = 0;
	int		 r;

	buf_init(&raw);
	buf_init(&z1);
	buf_init(&z2);
	if (!branch_valid_code(branch))
		return STORE_E_BRANCH;
	if (n == 0 || n > FRAME_COUNT_MAX || first == 0 ||
	    first + n < first)
		return SYNC_E_FRAME;
	for (i = 0; i < n; i++) {
		if (len[i] > ENTRY_MAXSIZE)
			return SYNC_E_FRAME;
		total += varint_len(len[i]) + len[i];
	}
	if (total > FRAME_ENTRIES_MAX)
		return SYNC_E_FRAME;

	if (layout == FRAME_LAYOUT_COLUMNS) {
		r = column_encode(n, ent, len, first, &raw);
		if (r == SYNC_E_FRAME) {
			buf_reset(&raw);
			layout = FRAME_LAYOUT_PLAIN;
		} else if (r != 0)
			goto out;
	} else
		layout = FRAME_LAYOUT_PLAIN;
	if (layout == FRAME_LAYOUT_PLAIN) {
		for (i = 0; i < n; i++) {
			if ((r = buf_put_lenbytes(&raw, ent[i], len[i])) != 0)
				goto out;
		}
	}
	if (raw.len > FRAME_RAW_MAX) {
		r = SYNC_E_FRAME;
		goto out;
	}

	/* Small bodies: whichever is shorter, with the dictionary or not. */
	if ((r = deflate_body(&raw, 0, &z1)) != 0)
		goto out;
	z = &z1;
	if (raw.len <= 16384) {
		if ((r = deflate_body(&raw, 1, &z2)) != 0)
			goto out;
		if (z2.len < z1.len) {
			z = &z2;
			flags |= FRAME_F_DICT;
		}
	}
	if (z->len > FRAME_Z_MAX) {
		r = SYNC_E_FRAME;
		goto out;
	}
	flags |= layout << 4;

	if ((r = buf_put(out, magic, sizeof magic)) != 0 ||
	    (r = buf_put_u8(out, FRAME_VERSION)) != 0 ||
	    (r = buf_put_u8(out, flags)) != 0 ||
	    (r = buf_put_str(out, branch)) != 0 ||
	    (r = buf_put_varint(out, first)) != 0 ||
	    (r = buf_put_varint(out, n)) != 0 ||
	    (r = buf_put_varint(out, raw.len)) != 0 ||
	    (r = buf_put_varint(out, z->len)) != 0 ||
	    (r = buf_put(out, head, HASH_LEN)) != 0 ||
	    (r = buf_put(out, z->data, z->len)) != 0)
		goto out;
	if (info != NULL) {
		memset(info, 0, sizeof *info);
		snprintf(info->branch, sizeof info->branch, "%s", branch);
		info->first = first;
		info->count = n;
		info->flags = flags;
		info->rawsize = raw.len;
		info->zsize = z->len;
		memcpy(info->head, head, HASH_LEN);
	}
out:
	buf_free(&z2);
	buf_free(&z1);
	buf_free(&raw);
	return r;
}

/*
 * A frame of branch's entries from first on, as many as fit but none
 * after last, appended to out.  The journal is read in the caller's
 * transaction.  Returns 0, STORE_E_NOTFOUND past the end, or as
 * frame_encode().
 */
int
frame_build(struct store_txn *t, const char *branch, uint64_t first,
    uint64_t last, struct buf *out, struct frame *info)
{
	const uint8_t	**ent = NULL;
	size_t		 *len = NULL, total = 0;
	uint8_t		  head[HASH_LEN];
	uint32_t	  n = 0;
	const uint8_t	 *p;
	size_t		  l;
	int		  r;

	if (first == 0 || last < first)
		return STORE_E_NOTFOUND;
	if ((ent = calloc(FRAME_COUNT_MAX, sizeof *ent)) == NULL ||
	    (len = calloc(FRAME_COUNT_MAX, sizeof *len)) == NULL) {
		r = ENOMEM;
		goto out;
	}
	while (n < FRAME_COUNT_MAX && first + n <= last) {
		if ((r = journal_get_raw(t, branch, first + n, &p, &l)) != 0)
			goto out;
		if (total + varint_len(l) + l > FRAME_ENTRIES_MAX)
			break;
		total += varint_len(l) + l;
		ent[n] = p;
		len[n] = l;
		n++;
	}
	if (n == 0) {
		r = SYNC_E_FRAME;	/* one entry bigger than a frame */
		goto out;
	}
	if ((r = journal_hash(t, branch, first + n - 1, head)) != 0)
		goto out;
	r = frame_encode(branch, first, n, ent, len, head,
	    FRAME_LAYOUT_COLUMNS, out, info);
out:
	free(len);
	free(ent);
	return r;
}

/*
 * Read a frame's header from a message body of len bytes; f->body points
 * into it.  Everything is checked against the limits, and the body must
 * be exactly as long as the header says.  Returns 0 or SYNC_E_FRAME.
 */
int
frame_parse(const uint8_t *data, size_t len, struct frame *f)
{
	struct buf	 in;
	uint8_t		 m[4], version;
	uint64_t	 first, count, rawsize, zsize;

	memset(f, 0, sizeof *f);
	buf_from(&in, data, len);
	if (buf_get(&in, m, sizeof m) != 0 ||
	    memcmp(m, magic, sizeof m) != 0 ||
	    buf_get_u8(&in, &version) != 0 || version != FRAME_VERSION ||
	    buf_get_u8(&in, &f->flags) != 0 ||
	    (f->flags & ~(0xf0 | FRAME_F_DICT)) != 0 ||
	    FRAME_LAYOUT(f->flags) > FRAME_LAYOUT_COLUMNS ||
	    buf_get_str(&in, f->branch, sizeof f->branch) != 0 ||
	    !branch_valid_code(f->branch) ||
	    buf_get_varint(&in, &first) != 0 || first == 0 ||
	    buf_get_varint(&in, &count) != 0 || count == 0 ||
	    count > FRAME_COUNT_MAX || first + count < first ||
	    buf_get_varint(&in, &rawsize) != 0 || rawsize == 0 ||
	    rawsize > FRAME_RAW_MAX ||
	    buf_get_varint(&in, &zsize) != 0 || zsize == 0 ||
	    zsize > FRAME_Z_MAX ||
	    buf_get(&in, f->head, HASH_LEN) != 0 ||
	    buf_left(&in) != zsize)
		return SYNC_E_FRAME;
	f->first = first;
	f->count = count;
	f->rawsize = rawsize;
	f->zsize = zsize;
	f->body = in.data + in.off;
	return 0;
}

/*
 * Inflate a frame's body and take its entries out, each as its canonical
 * bytes.  A body that does not inflate to exactly its size, entries that
 * do not add up to the header's count, or more than 64 KiB of them:
 * SYNC_E_FRAME.
 */
int
frame_unpack(const struct frame *f, struct frame_entries *fe)
{
	z_stream	 s;
	struct buf	 raw, in;
	const uint8_t	*p;
	size_t		 l, total = 0;
	uint32_t	 i;
	int		 zr, r;

	frame_entries_init(fe);
	buf_init(&raw);
	memset(&s, 0, sizeof s);
	if ((zr = inflateInit2(&s, -15)) != Z_OK)
		return zerr(zr);
	if ((f->flags & FRAME_F_DICT) &&
	    (zr = inflateSetDictionary(&s, (const Bytef *)dict_v1,
	    sizeof dict_v1 - 1)) != Z_OK) {
		r = zerr(zr);
		goto out;
	}
	if ((raw.data = malloc(f->rawsize)) == NULL) {
		r = ENOMEM;
		goto out;
	}
	raw.cap = f->rawsize;
	s.next_in = (Bytef *)(uintptr_t)f->body;
	s.avail_in = f->zsize;
	s.next_out = raw.data;
	s.avail_out = f->rawsize;
	zr = inflate(&s, Z_FINISH);
	if (zr != Z_STREAM_END || s.avail_in != 0 ||
	    s.total_out != f->rawsize) {
		r = zr == Z_MEM_ERROR ? ENOMEM : SYNC_E_FRAME;
		goto out;
	}
	raw.len = f->rawsize;

	r = SYNC_E_FRAME;
	if (FRAME_LAYOUT(f->flags) == FRAME_LAYOUT_PLAIN) {
		buf_from(&in, raw.data, raw.len);
		for (i = 0; i < f->count; i++) {
			if (buf_get_lenbytes(&in, &p, &l, ENTRY_MAXSIZE) != 0)
				goto out;
			if ((r = frame_entries_add(fe, p, l)) != 0)
				goto out;
			r = SYNC_E_FRAME;
		}
		if (buf_left(&in) != 0)
			goto out;
	} else if ((r = column_decode(raw.data, raw.len, f->first, f->count,
	    fe)) != 0)
		goto out;
	r = SYNC_E_FRAME;
	if (fe->n != f->count)
		goto out;
	for (i = 0; i < fe->n; i++)
		total += varint_len(fe->len[i]) + fe->len[i];
	if (total > FRAME_ENTRIES_MAX)
		goto out;
	r = 0;
out:
	inflateEnd(&s);
	buf_free(&raw);
	if (r != 0)
		frame_entries_free(fe);
	return r;
}

struct apply_ctx {
	const struct frame		*f;
	const struct frame_entries	*fe;
	int				 flags;
	struct frame_result		*res;
	struct sync_fail		*fail;
};

static int
frame_apply_run(struct store_txn *t, void *arg)
{
	struct apply_ctx		*c = arg;
	const struct frame		*f = c->f;
	const struct frame_entries	*fe = c->fe;
	struct frame_result		*res = c->res;
	struct sync_fail		*fail = c->fail;
	struct branch			 b;
	uint8_t				 head[HASH_LEN], ours[HASH_LEN];
	const uint8_t			*p;
	size_t				 l;
	uint64_t			 have, seq, last;
	uint32_t			 i;
	int				 r;

	last = f->first + f->count - 1;
	memset(res, 0, sizeof *res);
	if (store_is_primary(t, f->branch))
		return sync_failf(fail, SYNC_E_BRANCH, f->branch, f->first,
		    "primary here");
	if ((r = replica_last(t, f->branch, &have, head)) != 0)
		return r;
	if (f->first > have + 1) {
		res->last = have;
		return sync_failf(fail, SYNC_E_GAP, f->branch, f->first,
		    "%llu", (unsigned long long)have);
	}
	res->created = have == 0;
	for (i = 0; i < f->count; i++) {
		seq = f->first + i;
		if (seq <= have) {
			if ((r = journal_get_raw(t, f->branch, seq, &p,
			    &l)) != 0)
				return r;
			if (l == fe->len[i] && memcmp(p,
			    fe->bytes.data + fe->off[i], l) == 0) {
				res->had++;
				continue;
			}
			/* Their h(seq), if we agreed up to seq - 1. */
			if ((r = replica_head(t, f->branch, seq - 1,
			    head)) != 0 ||
			    (r = journal_hash(t, f->branch, seq, ours)) != 0)
				return r;
			entry_chain_next(head, fe->bytes.data + fe->off[i],
			    fe->len[i], head);
			r = sync_failf(fail, SYNC_E_CHAIN, f->branch, seq,
			    NULL);
			if (fail != NULL && fail->code == r && !fail->heads) {
				fail->heads = 1;
				fail->ours_seq = fail->theirs_seq = seq;
				memcpy(fail->ours, ours, HASH_LEN);
				memcpy(fail->theirs, head, HASH_LEN);
			}
			return r;
		}
		r = store_replay(t, f->branch, seq, fe->bytes.data +
		    fe->off[i], fe->len[i], head);
		/* A full map (store_write() grows it) or storage failing. */
		if (r != 0 && !STORE_E_OURS(r))
			return r;
		if (r != 0) {
			if (fail != NULL && fail->code == 0)
				fail->cause = r;
			return sync_failf(fail, SYNC_E_REFUSED, f->branch,
			    seq, NULL);
		}
		res->applied++;
	}
	if (last <= have && (r = journal_hash(t, f->branch, last,
	    head)) != 0)
		return r;
	if (memcmp(head, f->head, HASH_LEN) != 0) {
		r = sync_failf(fail, SYNC_E_CHAIN, f->branch, last, NULL);
		if (fail != NULL && fail->code == r && !fail->heads) {
			fail->heads = 1;
			fail->ours_seq = fail->theirs_seq = last;
			memcpy(fail->ours, head, HASH_LEN);
			memcpy(fail->theirs, f->head, HASH_LEN);
		}
		return r;
	}
	if (res->created && (c->flags & FRAME_APPLY_HEAD)) {
		if ((r = branch_get(t, f->branch, &b)) != 0)
			return r;
		if (!(b.flags & BRANCH_F_HEAD))
			return sync_failf(fail, SYNC_E_BRANCH, f->branch,
			    f->first, "not a head office");
	}
	res->last = last > have ? last : have;
	return res->applied == 0 ? STORE_ABORT : 0;
}

/*
 * Apply a frame's entries to branch f->branch in one write transaction.
 * Entries this side has already are compared byte for byte and skipped
 * (a resumed sync resends what was applied but not acknowledged); the
 * rest go through store_replay().  The transaction commits only if every
 * entry applies and the chain ends at the header's head; otherwise
 * nothing of the frame is written and fail names the branch, the entry
 * and, for a chain that does not follow, both heads.
 *
 * A branch that is primary here is refused: its entries are posted here,
 * never received.  With FRAME_APPLY_HEAD, a branch the frame creates must
 * be a head office.
 *
 * Returns 0; SYNC_E_GAP (the frame starts past our last entry + 1),
 * SYNC_E_CHAIN, SYNC_E_REFUSED (cause: the rule the entry broke),
 * SYNC_E_BRANCH; or an LMDB or errno code (storage, not the entry).
 */
int
frame_apply(struct store *st, const struct frame *f,
    const struct frame_entries *fe, int flags, struct frame_result *res,
    struct sync_fail *fail)
{
	struct apply_ctx	 c;

	if (fe->n != f->count)
		return sync_failf(fail, SYNC_E_FRAME, f->branch, f->first, NULL);
	c.f = f;
	c.fe = fe;
	c.flags = flags;
	c.res = res;
	c.fail = fail;
	return store_write(st, frame_apply_run, &c);
}
