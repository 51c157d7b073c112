/*
 * sync/column.c: the column transform of a frame's entries.
 *
 * Deflate finds repeats within a window; entries side by side repeat
 * little (each has its own time, amount and member), but the same field
 * of successive entries repeats a lot.  So a frame's entries are taken
 * apart into columns, each column's values written one after the other:
 * all kinds, then all dates as differences, all times as differences,
 * all users as indices into a small table, ... all amounts as a decimal
 * exponent and a mantissa.  The last posting of each entry is left out:
 * postings sum to zero, so it is minus the sum of the others.  Deflate
 * then squeezes each column on its own terms.  loket-journal(5) gives
 * the layout byte by byte.
 *
 * The transform is exact: the receiver rebuilds each entry and encodes
 * it with entry_encode(), which has one output for one entry, and the
 * chain head in the frame's header proves the bytes are the sender's.
 * The sender checks before it relies on that: every entry must decode
 * and encode back to its very bytes, or the frame goes out in the plain
 * layout instead.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync/sync.h"

enum {
	C_KIND, C_DATE, C_TIME, C_USER, C_APPROVER, C_REVERSES, C_NFIELD,
	C_TAG, C_FLEN, C_FVAL, C_NPOST, C_GL, C_SUB, C_AEXP, C_AMANT, C_N
};

#define TABLE_MAX	256	/* users and approvers in one frame */
#define EXP_MAX		18

struct table {
	uint32_t	 n;
	char		 s[TABLE_MAX][LOGIN_MAX + 1];
};

static int
table_index(struct table *t, const char *s, uint32_t *idx)
{
	uint32_t	 i;

	for (i = 0; i < t->n; i++) {
		if (strcmp(t->s[i], s) == 0) {
			*idx = i;
			return 0;
		}
	}
	if (t->n == TABLE_MAX)
		return SYNC_E_FRAME;
	snprintf(t->s[t->n], sizeof t->s[t->n], "%s", s);
	*idx = t->n++;
	return 0;
}

static int64_t
pow10i(unsigned k)
{
	int64_t	 p = 1;

	while (k-- > 0)
		p *= 10;
	return p;
}

/* a = m * 10^k with m not a multiple of ten. */
static int
amount_put(struct buf *exp, struct buf *mant, int64_t a)
{
	uint8_t	 k = 0;
	int	 r;

	if (a == 0)
		return SYNC_E_FRAME;
	while (a % 10 == 0) {
		a /= 10;
		k++;
	}
	if ((r = buf_put_u8(exp, k)) != 0)
		return r;
	return buf_put_svarint(mant, a);
}

static int
amount_get(struct buf *exp, struct buf *mant, int64_t *a)
{
	uint8_t	 k;
	int64_t	 m, p;

	if (buf_get_u8(exp, &k) != 0 || k > EXP_MAX ||
	    buf_get_svarint(mant, &m) != 0)
		return SYNC_E_FRAME;
	if (m == 0 || m % 10 == 0)
		return SYNC_E_FRAME;
	p = pow10i(k);
	if (m > AMOUNT_MAX / p || m < -AMOUNT_MAX / p)
		return SYNC_E_FRAME;
	*a = m * p;
	return 0;
}

/*
 * Take n entries (their canonical bytes; the first is number first)
 * apart into columns, appended to out.  Returns 0, ENOMEM, or
 * SYNC_E_FRAME when the entries do not fit the transform (the caller
 * then sends them plain).
 */
int
column_encode(uint32_t n, const uint8_t *const *ent, const size_t *len,
    uint64_t first, struct buf *out)
{
	struct entry	*e = NULL;
	struct table	*tab = NULL;
	struct buf	 col[C_N], tmp;
	int64_t		 ptime = 0, sum;
	uint32_t	 pdate = 0, idx, i;
	uint16_t	 j, ptag;
	uint64_t	 seq;
	uint8_t		 version;
	int		 c, r = 0;

	for (c = 0; c < C_N; c++)
		buf_init(&col[c]);
	buf_init(&tmp);
	if (n == 0)
		return SYNC_E_FRAME;
	if ((e = malloc(sizeof *e)) == NULL ||
	    (tab = calloc(1, sizeof *tab)) == NULL) {
		r = ENOMEM;
		goto out;
	}
	version = len[0] > 0 ? ent[0][0] : 0;
	for (i = 0; i < n; i++) {
		seq = first + i;
		if (len[i] == 0 || ent[i][0] != version ||
		    entry_decode(e, ent[i], len[i]) != 0) {
			r = SYNC_E_FRAME;
			goto out;
		}
		buf_reset(&tmp);
		if ((r = entry_encode(e, &tmp)) != 0 || tmp.len != len[i] ||
		    memcmp(tmp.data, ent[i], len[i]) != 0) {
			r = r == ENOMEM ? r : SYNC_E_FRAME;
			goto out;
		}
		if (e->reverses != 0 && e->reverses >= seq) {
			r = SYNC_E_FRAME;
			goto out;
		}
		if ((r = buf_put_varint(&col[C_KIND], e->kind)) != 0 ||
		    (r = buf_put_svarint(&col[C_DATE],
		    (int64_t)e->date - pdate)) != 0 ||
		    (r = buf_put_svarint(&col[C_TIME], e->time - ptime)) != 0)
			goto out;
		pdate = e->date;
		ptime = e->time;
		if ((r = table_index(tab, e->user, &idx)) != 0 ||
		    (r = buf_put_varint(&col[C_USER], idx)) != 0)
			goto out;
		if (e->approver[0] == '\0')
			r = buf_put_varint(&col[C_APPROVER], 0);
		else if ((r = table_index(tab, e->approver, &idx)) == 0)
			r = buf_put_varint(&col[C_APPROVER], (uint64_t)idx + 1);
		if (r != 0)
			goto out;
		if ((r = buf_put_varint(&col[C_REVERSES], e->reverses == 0 ? 0 :
		    seq - e->reverses)) != 0 ||
		    (r = buf_put_varint(&col[C_NFIELD], e->nfield)) != 0)
			goto out;
		for (j = 0, ptag = 0; j < e->nfield; j++) {
			if ((r = buf_put_varint(&col[C_TAG],
			    e->field[j].tag - ptag)) != 0 ||
			    (r = buf_put_varint(&col[C_FLEN],
			    e->field[j].len)) != 0 ||
			    (r = buf_put(&col[C_FVAL], e->field[j].val,
			    e->field[j].len)) != 0)
				goto out;
			ptag = e->field[j].tag;
		}
		if ((r = buf_put_varint(&col[C_NPOST], e->npost)) != 0)
			goto out;
		for (j = 0, sum = 0; j < e->npost; j++) {
			if ((r = buf_put_varint(&col[C_GL], e->post[j].gl)) != 0 ||
			    (r = buf_put_varint(&col[C_SUB], e->post[j].sub)) != 0)
				goto out;
			if (j + 1 < e->npost) {
				if ((r = amount_put(&col[C_AEXP], &col[C_AMANT],
				    e->post[j].amount)) != 0)
					goto out;
				sum += e->post[j].amount;
			} else if (e->post[j].amount != -sum) {
				r = SYNC_E_FRAME;	/* entry_check forbids */
				goto out;
			}
		}
	}
	if ((r = buf_put_u8(out, version)) != 0 ||
	    (r = buf_put_varint(out, tab->n)) != 0)
		goto out;
	for (i = 0; i < tab->n; i++) {
		if ((r = buf_put_str(out, tab->s[i])) != 0)
			goto out;
	}
	for (c = 0; c < C_N; c++) {
		if ((r = buf_put(out, col[c].data, col[c].len)) != 0)
			goto out;
	}
out:
	for (c = 0; c < C_N; c++)
		buf_free(&col[c]);
	buf_free(&tmp);
	free(tab);
	free(e);
	return r;
}

/* Skip count varints of in, adding their values to *sum if not NULL. */
static int
skip_varints(struct buf *in, uint64_t count, uint64_t *sum)
{
	uint64_t	 i, v;

	for (i = 0; i < count; i++) {
		if (buf_get_varint(in, &v) != 0)
			return SYNC_E_FRAME;
		if (sum != NULL) {
			if (v > FRAME_RAW_MAX)
				return SYNC_E_FRAME;
			*sum += v;
		}
	}
	return 0;
}

/* A view of in from *start to its read position; *start moves on. */
static void
view(struct buf *v, const struct buf *in, size_t *start)
{
	buf_from(v, in->data + *start, in->off - *start);
	*start = in->off;
}

/*
 * Rebuild count entries, the first numbered first, from a body in the
 * column layout, appending each entry's canonical bytes to out.  Returns
 * 0, ENOMEM, or SYNC_E_FRAME for anything that does not add up.
 */
int
column_decode(const uint8_t *raw, size_t rawlen, uint64_t first,
    uint32_t count, struct frame_entries *out)
{
	struct entry	*e = NULL;
	struct table	*tab = NULL;
	struct buf	 in, col[C_N], tmp;
	uint64_t	 ntab, nfield = 0, npost = 0, namount = 0, flen = 0;
	uint64_t	 v, kind, tagd, nf, np, gl, sub, i, j;
	int64_t		 d, date = 0, time = 0, sum, a;
	size_t		 start;
	uint16_t	 tag;
	uint8_t		 version;
	struct buf	 np_scan;
	int		 r = SYNC_E_FRAME;

	buf_init(&tmp);
	buf_from(&in, raw, rawlen);
	if ((e = malloc(sizeof *e)) == NULL ||
	    (tab = calloc(1, sizeof *tab)) == NULL) {
		r = ENOMEM;
		goto out;
	}
	if (count == 0 || buf_get_u8(&in, &version) != 0 ||
	    buf_get_varint(&in, &ntab) != 0 || ntab > TABLE_MAX)
		goto out;
	for (i = 0; i < ntab; i++) {
		if (buf_get_str(&in, tab->s[i], sizeof tab->s[i]) != 0 ||
		    !user_valid_login(tab->s[i]))
			goto out;
	}
	tab->n = ntab;

	/* Find where each column starts; sum the counts that size others. */
	start = in.off;
	if (skip_varints(&in, count, NULL) != 0)		/* kind */
		goto out;
	view(&col[C_KIND], &in, &start);
	if (skip_varints(&in, count, NULL) != 0)		/* date */
		goto out;
	view(&col[C_DATE], &in, &start);
	if (skip_varints(&in, count, NULL) != 0)		/* time */
		goto out;
	view(&col[C_TIME], &in, &start);
	if (skip_varints(&in, count, NULL) != 0)		/* user */
		goto out;
	view(&col[C_USER], &in, &start);
	if (skip_varints(&in, count, NULL) != 0)		/* approver */
		goto out;
	view(&col[C_APPROVER], &in, &start);
	if (skip_varints(&in, count, NULL) != 0)		/* reverses */
		goto out;
	view(&col[C_REVERSES], &in, &start);
	if (skip_varints(&in, count, &nfield) != 0)
		goto out;
	view(&col[C_NFIELD], &in, &start);
	if (skip_varints(&in, nfield, NULL) != 0)
		goto out;
	view(&col[C_TAG], &in, &start);
	if (skip_varints(&in, nfield, &flen) != 0)
		goto out;
	view(&col[C_FLEN], &in, &start);
	if (flen > buf_left(&in))
		goto out;
	in.off += flen;
	view(&col[C_FVAL], &in, &start);
	np_scan = in;
	for (i = 0; i < count; i++) {
		if (buf_get_varint(&np_scan, &v) != 0 || v > ENTRY_MAXPOST)
			goto out;
		npost += v;
		namount += v > 0 ? v - 1 : 0;
	}
	in.off = np_scan.off;
	view(&col[C_NPOST], &in, &start);
	if (skip_varints(&in, npost, NULL) != 0)
		goto out;
	view(&col[C_GL], &in, &start);
	if (skip_varints(&in, npost, NULL) != 0)
		goto out;
	view(&col[C_SUB], &in, &start);
	if (namount > buf_left(&in))
		goto out;
	in.off += namount;
	view(&col[C_AEXP], &in, &start);
	if (skip_varints(&in, namount, NULL) != 0)
		goto out;
	view(&col[C_AMANT], &in, &start);
	if (buf_left(&in) != 0)
		goto out;

	/* Now rebuild the entries, one value from each column at a time. */
	for (i = 0; i < count; i++) {
		entry_init(e);
		if (buf_get_varint(&col[C_KIND], &kind) != 0 ||
		    kind == 0 || kind > UINT16_MAX)
			goto out;
		e->kind = kind;
		if (buf_get_svarint(&col[C_DATE], &d) != 0 ||
		    __builtin_add_overflow(date, d, &date) ||
		    date < 0 || date > UINT32_MAX)
			goto out;
		e->date = date;
		if (buf_get_svarint(&col[C_TIME], &d) != 0 ||
		    __builtin_add_overflow(time, d, &time) || time < 0)
			goto out;
		e->time = time;
		if (buf_get_varint(&col[C_USER], &v) != 0 || v >= tab->n)
			goto out;
		memcpy(e->user, tab->s[v], sizeof e->user);
		if (buf_get_varint(&col[C_APPROVER], &v) != 0 || v > tab->n)
			goto out;
		if (v > 0)
			memcpy(e->approver, tab->s[v - 1], sizeof e->approver);
		if (buf_get_varint(&col[C_REVERSES], &v) != 0 ||
		    (v != 0 && v >= first + i))
			goto out;
		e->reverses = v == 0 ? 0 : first + i - v;
		if (buf_get_varint(&col[C_NFIELD], &nf) != 0 ||
		    nf > ENTRY_MAXFIELD)
			goto out;
		for (j = 0, tag = 0; j < nf; j++) {
			if (buf_get_varint(&col[C_TAG], &tagd) != 0 ||
			    tagd == 0 || tag + tagd > UINT16_MAX ||
			    buf_get_varint(&col[C_FLEN], &v) != 0 ||
			    v > buf_left(&col[C_FVAL]))
				goto out;
			tag += tagd;
			if (entry_add_field(e, tag, col[C_FVAL].data +
			    col[C_FVAL].off, v) != 0)
				goto out;
			col[C_FVAL].off += v;
		}
		if (buf_get_varint(&col[C_NPOST], &np) != 0 ||
		    np > ENTRY_MAXPOST)
			goto out;
		for (j = 0, sum = 0; j < np; j++) {
			if (buf_get_varint(&col[C_GL], &gl) != 0 ||
			    gl > UINT32_MAX ||
			    buf_get_varint(&col[C_SUB], &sub) != 0)
				goto out;
			e->post[j].gl = gl;
			e->post[j].sub = sub;
			if (j + 1 < np) {
				if (amount_get(&col[C_AEXP], &col[C_AMANT],
				    &a) != 0)
					goto out;
				sum += a;	/* 63 times 10^17 fits */
			} else
				a = -sum;
			e->post[j].amount = a;
		}
		e->npost = np;
		buf_reset(&tmp);
		if (entry_encode(e, &tmp) != 0 || tmp.len == 0 ||
		    tmp.data[0] != version || tmp.len > ENTRY_MAXSIZE)
			goto out;
		if ((r = frame_entries_add(out, tmp.data, tmp.len)) != 0)
			goto out;
		r = SYNC_E_FRAME;
	}
	for (i = 0; i < C_N; i++) {
		if (buf_left(&col[i]) != 0)
			goto out;
	}
	r = 0;
out:
	buf_free(&tmp);
	free(tab);
	free(e);
	return r;
}
