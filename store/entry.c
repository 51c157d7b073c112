/*
 * store/entry.c: journal entries in their canonical encoding, and the
 * hash chain over them.  The byte format is written down in
 * man/loket-journal.5; a change to it needs a new version number.
 *
 *	u8	version (1)
 *	varint	kind
 *	varint	business date (days since 1970-01-01)
 *	varint	time (UTC seconds)
 *	str	user
 *	str	approver ("" for none)
 *	varint	sequence number reversed, or 0
 *	varint	number of fields, then per field, tags strictly rising:
 *		varint tag, varint length, bytes
 *	varint	number of postings, then per posting:
 *		varint gl, varint sub, svarint amount (debit positive)
 *
 * There are no random bytes and nothing derived (no per-entry hash), so
 * entries compress well and every value has exactly one encoding.
 */
#include <errno.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/sha.h>
#include <pthread.h>

#include "store/store.h"

#define ENTRY_VERSION	1

static const char *field_names[] = {
	[F_MEMO] = "memo",
	[F_NAME] = "name",
	[F_LOGIN] = "login",
	[F_ROLE] = "role",
	[F_HASH] = "hash",
	[F_FLAGS] = "flags",
	[F_TZ] = "tz",
	[F_DATE] = "date",
	[F_GL] = "gl",
	[F_SUB] = "sub",
	[F_TYPE] = "type",
	[F_MIN] = "min",
	[F_KEY] = "key",
	[F_VALUE] = "value",
	[F_COOP] = "coop",
	[F_FORCED] = "forced",
	[F_MEMBER] = "member",
	[F_NIK] = "nik",
	[F_GENDER] = "gender",
	[F_BIRTH] = "birth",
	[F_ADDRESS] = "address",
	[F_VILLAGE] = "village",
	[F_PHONE] = "phone",
	[F_STATUS] = "status",
	[F_COUNT] = "count",
	[F_TERM] = "term",
	[F_RATE] = "rate",
	[F_PENALTY] = "penalty",
	[F_LOAN] = "loan",
	[F_PRODUCT] = "product",
	[F_METHOD] = "method",
	[F_MRATE] = "mrate",
	[F_PENRATE] = "penrate",
	[F_FEE] = "fee",
	[F_PROVISI] = "provisi",
	[F_ORDER] = "order",
	[F_REGIME] = "regime",
	[F_PRINCIPAL] = "principal",
	[F_OLDNO] = "old-number",
	[F_ARREARS] = "arrears-months",
	[F_NEXT] = "next",
	[F_ARR_PRINCIPAL] = "arrears-principal",
	[F_ARR_INTEREST] = "arrears-interest",
	[F_RAT] = "rat",
	[F_SITES] = "sites",
	[F_ELIGIBLE] = "eligible",
	[F_QUORUM] = "quorum",
	[F_ITEM] = "item",
	[F_CHOICE] = "choice",
	[F_MBRANCH] = "mbranch",
	[F_ATTENDEE] = "attendee",
	[F_PORTFOLIO] = "portfolio",
	[F_RULE] = "rule",
	[F_CASHUNIT] = "cash-unit",
	[F_SHU_PLAN] = "shu-plan",
	[F_SHU_REF] = "shu-ref",
	[F_ACCRUED] = "accrued",
};

const char *
entry_field_name(uint16_t tag)
{
	if (tag == 0 || tag >= F_LAST || field_names[tag] == NULL)
		return "unknown";
	return field_names[tag];
}

void
entry_init(struct entry *e)
{
	memset(e, 0, offsetof(struct entry, arena));
	e->arena_used = 0;
}

/* Forget the fields (and their values), keep the rest. */
void
entry_init_fields(struct entry *e)
{
	e->nfield = 0;
	e->arena_used = 0;
}

/* Fields must be added in rising tag order; their values are copied. */
int
entry_add_field(struct entry *e, uint16_t tag, const void *val, size_t len)
{
	struct field	*f;

	if (e->nfield >= ENTRY_MAXFIELD || tag == 0)
		return STORE_E_INVAL;
	if (e->nfield > 0 && e->field[e->nfield - 1].tag >= tag)
		return STORE_E_INVAL;
	if (len > sizeof e->arena - e->arena_used)
		return STORE_E_INVAL;
	f = &e->field[e->nfield++];
	f->tag = tag;
	f->len = len;
	f->val = e->arena + e->arena_used;
	if (len != 0)
		memcpy(e->arena + e->arena_used, val, len);
	e->arena_used += len;
	return 0;
}

int
entry_add_str(struct entry *e, uint16_t tag, const char *s)
{
	return entry_add_field(e, tag, s, strlen(s));
}

/* Integers in fields are varints (zigzag for signed ones). */
int
entry_add_u64(struct entry *e, uint16_t tag, uint64_t v)
{
	uint8_t		 tmp[10];
	struct buf	 b;

	buf_wrap(&b, tmp, sizeof tmp);
	buf_put_varint(&b, v);
	return entry_add_field(e, tag, tmp, b.len);
}

int
entry_add_i64(struct entry *e, uint16_t tag, int64_t v)
{
	uint8_t		 tmp[10];
	struct buf	 b;

	buf_wrap(&b, tmp, sizeof tmp);
	buf_put_svarint(&b, v);
	return entry_add_field(e, tag, tmp, b.len);
}

const struct field *
entry_field(const struct entry *e, uint16_t tag)
{
	uint16_t	 i;

	for (i = 0; i < e->nfield; i++) {
		if (e->field[i].tag == tag)
			return &e->field[i];
	}
	return NULL;
}

int
entry_get_str(const struct entry *e, uint16_t tag, char *dst, size_t size)
{
	const struct field	*f;

	if ((f = entry_field(e, tag)) == NULL)
		return STORE_E_NOTFOUND;
	if (f->len >= size || memchr(f->val, '\0', f->len) != NULL)
		return STORE_E_CORRUPT;
	memcpy(dst, f->val, f->len);
	dst[f->len] = '\0';
	return 0;
}

int
entry_get_u64(const struct entry *e, uint16_t tag, uint64_t *v)
{
	const struct field	*f;
	struct buf		 b;

	if ((f = entry_field(e, tag)) == NULL)
		return STORE_E_NOTFOUND;
	buf_from(&b, f->val, f->len);
	if (buf_get_varint(&b, v) != 0 || buf_left(&b) != 0)
		return STORE_E_CORRUPT;
	return 0;
}

int
entry_get_i64(const struct entry *e, uint16_t tag, int64_t *v)
{
	const struct field	*f;
	struct buf		 b;

	if ((f = entry_field(e, tag)) == NULL)
		return STORE_E_NOTFOUND;
	buf_from(&b, f->val, f->len);
	if (buf_get_svarint(&b, v) != 0 || buf_left(&b) != 0)
		return STORE_E_CORRUPT;
	return 0;
}

/*
 * What every entry must satisfy whatever its kind: known kind, postings
 * that are not zero, fit the limits and sum to zero without overflow.
 */
int
entry_check(const struct entry *e)
{
	const struct entry_kind	*k;
	int64_t		 sum = 0, a;
	uint16_t	 i;

	if ((k = entry_kind_get(e->kind)) == NULL)
		return STORE_E_INVAL;
	if (e->npost > ENTRY_MAXPOST || e->nfield > ENTRY_MAXFIELD ||
	    e->time < 0)
		return STORE_E_INVAL;
	/* What the decoder refuses must never be written. */
	if (!user_valid_login(e->user) || (e->approver[0] != '\0' &&
	    !user_valid_login(e->approver)))
		return STORE_E_USER;
	for (i = 0; i < e->nfield; i++) {
		if (e->field[i].tag == 0 ||
		    (i > 0 && e->field[i].tag <= e->field[i - 1].tag))
			return STORE_E_INVAL;
	}
	for (i = 0; i < e->npost; i++) {
		a = e->post[i].amount;
		if (a == 0)
			return STORE_E_AMOUNT;
		if (a > AMOUNT_MAX || a < -AMOUNT_MAX)
			return STORE_E_OVERFLOW;
		sum += a;	/* 64 postings of 10^17 cannot overflow */
	}
	if (sum != 0)
		return STORE_E_UNBALANCED;
	/* A reversal, and only a reversal, names the entry it undoes. */
	if (((k->flags & KF_REVERSES) != 0) != (e->reverses != 0))
		return STORE_E_INVAL;
	return 0;
}

int
entry_encode(const struct entry *e, struct buf *b)
{
	uint16_t	 i;
	int		 r;

	if ((r = entry_check(e)) != 0)
		return r;
	if ((r = buf_put_u8(b, ENTRY_VERSION)) != 0 ||
	    (r = buf_put_varint(b, e->kind)) != 0 ||
	    (r = buf_put_varint(b, e->date)) != 0 ||
	    (r = buf_put_varint(b, (uint64_t)e->time)) != 0 ||
	    (r = buf_put_str(b, e->user)) != 0 ||
	    (r = buf_put_str(b, e->approver)) != 0 ||
	    (r = buf_put_varint(b, e->reverses)) != 0 ||
	    (r = buf_put_varint(b, e->nfield)) != 0)
		return r;
	for (i = 0; i < e->nfield; i++) {
		if ((r = buf_put_varint(b, e->field[i].tag)) != 0 ||
		    (r = buf_put_lenbytes(b, e->field[i].val,
		    e->field[i].len)) != 0)
			return r;
	}
	if ((r = buf_put_varint(b, e->npost)) != 0)
		return r;
	for (i = 0; i < e->npost; i++) {
		if ((r = buf_put_varint(b, e->post[i].gl)) != 0 ||
		    (r = buf_put_varint(b, e->post[i].sub)) != 0 ||
		    (r = buf_put_svarint(b, e->post[i].amount)) != 0)
			return r;
	}
	return 0;
}

static int
get_login(struct buf *b, char *dst, int may_be_empty)
{
	if (buf_get_str(b, dst, LOGIN_MAX + 1) != 0)
		return STORE_E_CORRUPT;
	if (dst[0] == '\0')
		return may_be_empty ? 0 : STORE_E_CORRUPT;
	return user_valid_login(dst) ? 0 : STORE_E_CORRUPT;
}

/*
 * An encoded entry's kind and date, read without decoding the rest (a
 * walk that wants few kinds decodes only those): 0 or STORE_E_CORRUPT.
 */
int
entry_peek(const void *data, size_t len, uint16_t *kind, uint32_t *date)
{
	struct buf	 b;
	uint64_t	 k, d;
	uint8_t		 version;

	buf_from(&b, data, len);
	if (buf_get_u8(&b, &version) != 0 || version != ENTRY_VERSION ||
	    buf_get_varint(&b, &k) != 0 || k == 0 || k >= EK_LAST ||
	    buf_get_varint(&b, &d) != 0 || d > UINT32_MAX)
		return STORE_E_CORRUPT;
	*kind = (uint16_t)k;
	*date = (uint32_t)d;
	return 0;
}

/*
 * Decode one entry.  The branch and sequence number are the caller's to
 * fill in.  Everything is checked: the version, each length, the field
 * order, the postings' sum, and that nothing follows the last posting.
 */
int
entry_decode(struct entry *e, const void *data, size_t len)
{
	struct buf	 b;
	uint64_t	 v, n, i, tag, gl, sub;
	const uint8_t	*p;
	size_t		 plen;
	uint8_t		 version;
	int64_t		 amount;
	int		 r;

	entry_init(e);
	if (len > ENTRY_MAXSIZE)
		return STORE_E_CORRUPT;
	buf_from(&b, data, len);
	if (buf_get_u8(&b, &version) != 0 || version != ENTRY_VERSION)
		return STORE_E_CORRUPT;
	if (buf_get_varint(&b, &v) != 0 || v == 0 || v >= EK_LAST)
		return STORE_E_CORRUPT;
	e->kind = v;
	if (buf_get_varint(&b, &v) != 0 || v > UINT32_MAX)
		return STORE_E_CORRUPT;
	e->date = v;
	if (buf_get_varint(&b, &v) != 0 || v > INT64_MAX)
		return STORE_E_CORRUPT;
	e->time = v;
	if ((r = get_login(&b, e->user, 0)) != 0 ||
	    (r = get_login(&b, e->approver, 1)) != 0)
		return r;
	if (buf_get_varint(&b, &e->reverses) != 0)
		return STORE_E_CORRUPT;
	if (buf_get_varint(&b, &n) != 0 || n > ENTRY_MAXFIELD)
		return STORE_E_CORRUPT;
	for (i = 0; i < n; i++) {
		if (buf_get_varint(&b, &tag) != 0 || tag == 0 ||
		    tag > UINT16_MAX)
			return STORE_E_CORRUPT;
		if (buf_get_lenbytes(&b, &p, &plen, ENTRY_MAXSIZE) != 0)
			return STORE_E_CORRUPT;
		if (entry_add_field(e, tag, p, plen) != 0)
			return STORE_E_CORRUPT;	/* order or size */
	}
	if (buf_get_varint(&b, &n) != 0 || n > ENTRY_MAXPOST)
		return STORE_E_CORRUPT;
	for (i = 0; i < n; i++) {
		if (buf_get_varint(&b, &gl) != 0 || gl > UINT32_MAX ||
		    buf_get_varint(&b, &sub) != 0 ||
		    buf_get_svarint(&b, &amount) != 0)
			return STORE_E_CORRUPT;
		e->post[i].gl = gl;
		e->post[i].sub = sub;
		e->post[i].amount = amount;
	}
	e->npost = n;
	if (buf_left(&b) != 0)
		return STORE_E_CORRUPT;
	if ((r = entry_check(e)) != 0)
		return STORE_E_CORRUPT;
	return 0;
}

/*
 * h(0): each branch's chain starts from its own seed.  SHA256() one-shot
 * is used because the Init/Update/Final calls are deprecated in OpenSSL 3
 * and EVP contexts cost an allocation per entry.
 */
void
entry_chain_seed(const char *branch, uint8_t out[HASH_LEN])
{
	uint8_t		 tmp[32 + BRANCH_MAX];
	size_t		 n = strlen(branch);

	if (n > BRANCH_MAX)
		n = BRANCH_MAX;
	memcpy(tmp, "loket journal v1", 16);
	memset(tmp + 16, 0, 16);
	memcpy(tmp + 32, branch, n);
	SHA256(tmp, 32 + n, out);
}

/*
 * SHA256() looks the digest up again on every call in OpenSSL 3 (a
 * fetch under a lock); fetch it once.
 */
static EVP_MD		*sha256_md;
static pthread_once_t	 sha256_once = PTHREAD_ONCE_INIT;

static void
sha256_fetch(void)
{
	sha256_md = EVP_MD_fetch(NULL, "SHA256", NULL);
}

/* h(n) = SHA-256(h(n-1) || canonical bytes of entry n) */
void
entry_chain_next(const uint8_t prev[HASH_LEN], const void *bytes, size_t len,
    uint8_t out[HASH_LEN])
{
	uint8_t		 tmp[HASH_LEN + ENTRY_MAXSIZE];

	if (len > ENTRY_MAXSIZE) {	/* never stored; hash to garbage */
		memset(out, 0xff, HASH_LEN);
		return;
	}
	memcpy(tmp, prev, HASH_LEN);
	memcpy(tmp + HASH_LEN, bytes, len);
	(void)pthread_once(&sha256_once, sha256_fetch);
	if (sha256_md == NULL ||
	    !EVP_Digest(tmp, HASH_LEN + len, out, NULL, sha256_md, NULL))
		memset(out, 0xff, HASH_LEN);
}
