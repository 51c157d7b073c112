/*
 * tests/unit/test-entry.c: store/buf.c and store/entry.c, the byte
 * formats under every journal.  Varints at their edges, the canonical
 * encoding of entries (every value has one encoding: a decoded entry
 * re-encodes to the very bytes it came from), every way a damaged entry
 * must be refused, and the hash chain against an independent SHA-256.
 *
 * The codec needs no data folder; the last test runs one through a real
 * store so that the bytes checked here are the bytes a store keeps.
 */
#include "config.h"

#include <sys/stat.h>

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <openssl/evp.h>

#include "store/store.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* -- helpers ------------------------------------------------------------ */

/* Encode e into a fresh growable buffer; the caller frees it. */
static void
encode_ok(const struct entry *e, struct buf *b)
{
	buf_init(b);
	assert_int_equal(entry_encode(e, b), 0);
	assert_true(b->len > 0);
}

static void
assert_entry_equal(const struct entry *a, const struct entry *b)
{
	uint16_t	 i;

	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->date, b->date);
	assert_true(a->time == b->time);
	assert_string_equal(a->user, b->user);
	assert_string_equal(a->approver, b->approver);
	assert_true(a->reverses == b->reverses);
	assert_int_equal(a->nfield, b->nfield);
	for (i = 0; i < a->nfield; i++) {
		assert_int_equal(a->field[i].tag, b->field[i].tag);
		assert_int_equal(a->field[i].len, b->field[i].len);
		if (a->field[i].len != 0)
			assert_memory_equal(a->field[i].val, b->field[i].val,
			    a->field[i].len);
	}
	assert_int_equal(a->npost, b->npost);
	for (i = 0; i < a->npost; i++) {
		assert_int_equal(a->post[i].gl, b->post[i].gl);
		assert_true(a->post[i].sub == b->post[i].sub);
		assert_true(a->post[i].amount == b->post[i].amount);
	}
}

static void
add_post(struct entry *e, uint32_t gl, uint64_t sub, int64_t amount)
{
	assert_true(e->npost < ENTRY_MAXPOST);
	e->post[e->npost].gl = gl;
	e->post[e->npost].sub = sub;
	e->post[e->npost].amount = amount;
	e->npost++;
}

static void
set_head(struct entry *e, uint16_t kind, const char *user)
{
	entry_init(e);
	e->kind = kind;
	e->date = 19783;		/* 2024-03-01 */
	e->time = 1709251200;		/* 2024-03-01 00:00:00 UTC */
	snprintf(e->user, sizeof e->user, "%s", user);
}

/* The sample entries every codec test runs over. */
enum { S_JOURNAL, S_USER, S_REVERSAL, S_OPEN, S_EDGES, S_FULL, S_NSAMPLE };

static struct entry *
sample(int which)
{
	struct entry	*e;
	char		 memo[64];
	uint16_t	 i;

	assert_non_null(e = calloc(1, sizeof *e));
	switch (which) {
	case S_JOURNAL:		/* a general posting with a memo */
		set_head(e, EK_JOURNAL, "sisi");
		assert_int_equal(entry_add_str(e, F_MEMO, "setor ke khasanah"),
		    0);
		add_post(e, GL_VAULT, 0, 10000000000);
		add_post(e, GL_OPENING, 0, -10000000000);
		break;
	case S_USER:		/* fields only, a varint among them */
		set_head(e, EK_USER_ADD, "admin");
		assert_int_equal(entry_add_str(e, F_NAME, "Ani Wulandari"), 0);
		assert_int_equal(entry_add_str(e, F_LOGIN, "ani"), 0);
		assert_int_equal(entry_add_u64(e, F_ROLE, ROLE_TELLER), 0);
		assert_int_equal(entry_add_str(e, F_HASH,
		    "$y$j9T$nZPR.s/6ZdJvQBHwncYYH1$VKzB6KCmeDXU8Vq8ApPja5R872"
		    "A6ACWNUh5yohTmQu3"), 0);
		break;
	case S_REVERSAL:	/* approver, reverses, sub-accounts */
		set_head(e, EK_REVERSAL, "ani");
		snprintf(e->approver, sizeof e->approver, "sisi");
		e->reverses = 12;
		assert_int_equal(entry_add_str(e, F_MEMO, "salah input"), 0);
		add_post(e, GL_CASH, 1, -25000000);
		add_post(e, GL_SUKARELA, 101, 20000000);
		add_post(e, GL_SUKARELA, 102, 5000000);
		break;
	case S_OPEN:		/* a branch's first entry, by loket itself */
		set_head(e, EK_BRANCH_OPEN, "loket");
		assert_int_equal(entry_add_str(e, F_NAME, "Maumere"), 0);
		assert_int_equal(entry_add_u64(e, F_FLAGS, 2), 0);
		assert_int_equal(entry_add_str(e, F_TZ, "Asia/Makassar"), 0);
		assert_int_equal(entry_add_str(e, F_COOP,
		    "Koperasi Simpan Pinjam \xc2\xabMaju Bersama\xc2\xbb"), 0);
		break;
	case S_EDGES:		/* extremes of every number */
		set_head(e, EK_REVERSAL, "a.b_c-d0123456789");
		e->user[LOGIN_MAX] = '\0';	/* 16 characters */
		snprintf(e->approver, sizeof e->approver, "z");
		e->date = UINT32_MAX;
		e->time = INT64_MAX;
		e->reverses = UINT64_MAX;
		assert_int_equal(entry_add_field(e, F_MEMO, "", 0), 0);
		assert_int_equal(entry_add_i64(e, F_MIN, INT64_MIN), 0);
		assert_int_equal(entry_add_field(e, UINT16_MAX, "\0\xff", 2),
		    0);
		add_post(e, UINT32_MAX, UINT64_MAX, AMOUNT_MAX);
		add_post(e, 1, 0, -AMOUNT_MAX);
		add_post(e, 0, 1, -1);
		add_post(e, 128, 128, 1);
		break;
	case S_FULL:		/* as many fields and postings as allowed */
		set_head(e, EK_JOURNAL, "mira");
		e->time = 0;
		e->date = 0;
		for (i = 0; i < ENTRY_MAXFIELD; i++) {
			snprintf(memo, sizeof memo, "field %u", i);
			assert_int_equal(entry_add_str(e, 1 + i * 7, memo), 0);
		}
		for (i = 0; i < ENTRY_MAXPOST; i += 2) {
			add_post(e, GL_SUKARELA, 1000 + i, -(int64_t)i - 1);
			add_post(e, GL_CASH, 1, (int64_t)i + 1);
		}
		break;
	default:
		fail();
	}
	return e;
}

/* -- buf ---------------------------------------------------------------- */

static void
check_varint(uint64_t v, const uint8_t *want, size_t wlen)
{
	struct buf	 b;
	uint64_t	 got;

	buf_init(&b);
	assert_int_equal(buf_put_varint(&b, v), 0);
	assert_int_equal(b.len, wlen);
	assert_memory_equal(b.data, want, wlen);
	assert_int_equal(buf_get_varint(&b, &got), 0);
	assert_true(got == v);
	assert_int_equal(buf_left(&b), 0);
	/* And once more, read from a view of the bytes alone. */
	buf_free(&b);
	buf_from(&b, want, wlen);
	assert_int_equal(buf_get_varint(&b, &got), 0);
	assert_true(got == v);
	assert_int_equal(buf_left(&b), 0);
}

static void
test_varint_edges(void **state)
{
	static const uint8_t	 max[] = { 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0xff, 0xff, 0x01 };
	static const uint8_t	 top[] = { 0x80, 0x80, 0x80, 0x80, 0x80,
	    0x80, 0x80, 0x80, 0x80, 0x01 };
	static const uint8_t	 below[] = { 0xff, 0xff, 0xff, 0xff, 0xff,
	    0xff, 0xff, 0xff, 0x7f };
	struct buf		 b;
	uint64_t		 v, got;
	unsigned		 i;

	(void)state;
	check_varint(0, (const uint8_t *)"\x00", 1);
	check_varint(1, (const uint8_t *)"\x01", 1);
	check_varint(127, (const uint8_t *)"\x7f", 1);
	check_varint(128, (const uint8_t *)"\x80\x01", 2);
	check_varint(300, (const uint8_t *)"\xac\x02", 2);
	check_varint(16383, (const uint8_t *)"\xff\x7f", 2);
	check_varint(16384, (const uint8_t *)"\x80\x80\x01", 3);
	check_varint((UINT64_C(1) << 63) - 1, below, sizeof below);
	check_varint(UINT64_C(1) << 63, top, sizeof top);
	check_varint(UINT64_MAX, max, sizeof max);

	/* Every power of two and its neighbours, back to back in one buf. */
	buf_init(&b);
	for (i = 0; i < 64; i++) {
		v = UINT64_C(1) << i;
		assert_int_equal(buf_put_varint(&b, v - 1), 0);
		assert_int_equal(buf_put_varint(&b, v), 0);
		assert_int_equal(buf_put_varint(&b, v + 1), 0);
	}
	for (i = 0; i < 64; i++) {
		v = UINT64_C(1) << i;
		assert_int_equal(buf_get_varint(&b, &got), 0);
		assert_true(got == v - 1);
		assert_int_equal(buf_get_varint(&b, &got), 0);
		assert_true(got == v);
		assert_int_equal(buf_get_varint(&b, &got), 0);
		assert_true(got == v + 1);
	}
	assert_int_equal(buf_left(&b), 0);
	assert_int_equal(buf_get_varint(&b, &got), EBADMSG);
	buf_free(&b);
}

static void
check_svarint(int64_t v, uint64_t zigzag)
{
	struct buf	 b, z;
	int64_t		 got;

	buf_init(&b);
	buf_init(&z);
	assert_int_equal(buf_put_svarint(&b, v), 0);
	assert_int_equal(buf_put_varint(&z, zigzag), 0);
	assert_int_equal(b.len, z.len);
	assert_memory_equal(b.data, z.data, b.len);
	assert_int_equal(buf_get_svarint(&b, &got), 0);
	assert_true(got == v);
	assert_int_equal(buf_left(&b), 0);
	buf_free(&b);
	buf_free(&z);
}

static void
test_svarint_edges(void **state)
{
	(void)state;
	check_svarint(0, 0);
	check_svarint(-1, 1);
	check_svarint(1, 2);
	check_svarint(-2, 3);
	check_svarint(-64, 127);
	check_svarint(64, 128);
	check_svarint(AMOUNT_MAX, (uint64_t)AMOUNT_MAX * 2);
	check_svarint(-AMOUNT_MAX, (uint64_t)AMOUNT_MAX * 2 - 1);
	check_svarint(INT64_MAX, UINT64_MAX - 1);
	check_svarint(INT64_MIN, UINT64_MAX);
	check_svarint(INT64_MIN + 1, UINT64_MAX - 2);
}

static void
test_varint_refused(void **state)
{
	static const struct {
		const char	*why;
		uint8_t		 b[12];
		size_t		 len;
	} bad[] = {
		{ "empty", { 0 }, 0 },
		{ "continues past the end", { 0x80 }, 1 },
		{ "nine bytes, still continuing", { 0xff, 0xff, 0xff, 0xff,
		    0xff, 0xff, 0xff, 0xff, 0xff }, 9 },
		{ "overlong zero", { 0x80, 0x00 }, 2 },
		{ "overlong 127", { 0xff, 0x00 }, 2 },
		{ "overlong 1, three bytes", { 0x81, 0x80, 0x00 }, 3 },
		{ "overlong, ten bytes", { 0x80, 0x80, 0x80, 0x80, 0x80,
		    0x80, 0x80, 0x80, 0x80, 0x00 }, 10 },
		{ "65 bits", { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		    0xff, 0xff, 0x02 }, 10 },
		{ "bit 70", { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80,
		    0x80, 0x80, 0x40 }, 10 },
		{ "eleven bytes", { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		    0xff, 0xff, 0x81, 0x00 }, 11 },
		{ "eleven bytes, value 1", { 0x81, 0x80, 0x80, 0x80, 0x80,
		    0x80, 0x80, 0x80, 0x80, 0x80, 0x00 }, 11 },
		{ "twelve bytes", { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		    0xff, 0xff, 0xff, 0xff, 0x01 }, 12 },
	};
	struct buf	 b;
	uint64_t	 v;
	int64_t		 s;
	size_t		 i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		print_message("# %s\n", bad[i].why);
		buf_from(&b, bad[i].b, bad[i].len);
		assert_int_equal(buf_get_varint(&b, &v), EBADMSG);
		buf_from(&b, bad[i].b, bad[i].len);
		assert_int_equal(buf_get_svarint(&b, &s), EBADMSG);
	}
}

static void
test_fixed_width(void **state)
{
	static const uint8_t	 want[] = { 0xab, 0x01, 0x02, 0x03, 0x04,
	    0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x00, 0x00, 0x00,
	    0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct buf		 b;
	uint8_t			 u8;
	uint32_t		 u32;
	uint64_t		 u64;

	(void)state;
	buf_init(&b);
	assert_int_equal(buf_put_u8(&b, 0xab), 0);
	assert_int_equal(buf_put_u32be(&b, 0x01020304), 0);
	assert_int_equal(buf_put_u64be(&b, UINT64_C(0x0102030405060708)), 0);
	assert_int_equal(buf_put_u32be(&b, 0), 0);
	assert_int_equal(buf_put_u64be(&b, UINT64_MAX), 0);
	assert_int_equal(b.len, sizeof want);
	assert_memory_equal(b.data, want, sizeof want);

	assert_int_equal(buf_get_u8(&b, &u8), 0);
	assert_int_equal(u8, 0xab);
	assert_int_equal(buf_get_u32be(&b, &u32), 0);
	assert_int_equal(u32, 0x01020304);
	assert_int_equal(buf_get_u64be(&b, &u64), 0);
	assert_true(u64 == UINT64_C(0x0102030405060708));
	assert_int_equal(buf_get_u32be(&b, &u32), 0);
	assert_int_equal(u32, 0);
	/* Seven bytes are left: a u64 does not fit and takes nothing. */
	b.len--;
	assert_int_equal(buf_left(&b), 7);
	assert_int_equal(buf_get_u64be(&b, &u64), EBADMSG);
	assert_int_equal(buf_left(&b), 7);
	assert_int_equal(buf_get_u32be(&b, &u32), 0);
	assert_int_equal(u32, UINT32_MAX);
	assert_int_equal(buf_get_u32be(&b, &u32), EBADMSG);
	assert_int_equal(buf_get(&b, &u32, 4), EBADMSG);
	assert_int_equal(buf_get(&b, &u32, 3), 0);
	assert_int_equal(buf_get_u8(&b, &u8), EBADMSG);
	assert_int_equal(buf_get(&b, NULL, 0), 0);
	buf_free(&b);
}

static void
test_get_past_end(void **state)
{
	static const uint8_t	 lb[] = { 0x05, 'a', 'b', 'c', 'd' };
	static const uint8_t	 nul[] = { 0x03, 'a', 0x00, 'b' };
	static const uint8_t	 ok[] = { 0x03, 'a', 'n', 'i', 0x7f };
	struct buf		 b;
	const uint8_t		*p;
	size_t			 len;
	char			 s[8];
	uint8_t			 fixed[4];

	(void)state;
	/* A length that runs past the data. */
	buf_from(&b, lb, sizeof lb);
	assert_int_equal(buf_get_lenbytes(&b, &p, &len, 100), EBADMSG);
	buf_from(&b, lb, sizeof lb);
	assert_int_equal(buf_get_str(&b, s, sizeof s), EBADMSG);
	/* A length over the caller's maximum. */
	buf_from(&b, ok, sizeof ok);
	assert_int_equal(buf_get_lenbytes(&b, &p, &len, 2), EBADMSG);
	buf_from(&b, ok, sizeof ok);
	assert_int_equal(buf_get_str(&b, s, 3), EBADMSG);
	buf_from(&b, ok, sizeof ok);
	assert_int_equal(buf_get_str(&b, s, 0), EINVAL);
	/* Just fits, and the byte after it is still there. */
	buf_from(&b, ok, sizeof ok);
	assert_int_equal(buf_get_str(&b, s, 4), 0);
	assert_string_equal(s, "ani");
	assert_int_equal(buf_left(&b), 1);
	buf_from(&b, ok, sizeof ok);
	assert_int_equal(buf_get_lenbytes(&b, &p, &len, 3), 0);
	assert_int_equal(len, 3);
	assert_ptr_equal(p, ok + 1);
	/* A NUL inside a string. */
	buf_from(&b, nul, sizeof nul);
	assert_int_equal(buf_get_str(&b, s, sizeof s), EBADMSG);

	/* A fixed buffer does not grow. */
	buf_from(&b, fixed, sizeof fixed);
	b.len = 0;
	assert_int_equal(buf_put_u32be(&b, 1), 0);
	assert_int_equal(buf_put_u8(&b, 1), ENOSPC);
	assert_int_equal(b.len, 4);
	buf_reset(&b);
	assert_int_equal(buf_put_str(&b, "ani"), 0);
	assert_int_equal(buf_put_str(&b, "x"), ENOSPC);
	buf_free(&b);		/* frees nothing that is not ours */
}

/* -- entries ------------------------------------------------------------ */

/* The format of loket-journal(5), byte by byte. */
static void
test_entry_bytes(void **state)
{
	static const uint8_t	 want[] = {
		0x01,				/* version */
		0x06,				/* journal */
		0xc7, 0x9a, 0x01,		/* 19783: 2024-03-01 */
		0x80, 0xb5, 0x84, 0xaf, 0x06,	/* 1709251200 */
		0x04, 's', 'i', 's', 'i',	/* user */
		0x00,				/* no approver */
		0x00,				/* reverses nothing */
		0x01,				/* one field */
		0x01, 0x05, 's', 'e', 't', 'o', 'r',
		0x02,				/* two postings */
		0xce, 0x08, 0x00, 0xc0, 0x9a, 0x0c,	/* 1102 +100000 */
		0xbd, 0x1e, 0x00, 0xbf, 0x9a, 0x0c,	/* 3901 -100000 */
	};
	struct entry	*e, *d;
	struct buf	 b;

	(void)state;
	assert_non_null(e = calloc(1, sizeof *e));
	assert_non_null(d = calloc(1, sizeof *d));
	set_head(e, EK_JOURNAL, "sisi");
	assert_int_equal(entry_add_str(e, F_MEMO, "setor"), 0);
	add_post(e, GL_VAULT, 0, 100000);
	add_post(e, GL_OPENING, 0, -100000);
	encode_ok(e, &b);
	assert_int_equal(b.len, sizeof want);
	assert_memory_equal(b.data, want, sizeof want);
	assert_int_equal(entry_decode(d, want, sizeof want), 0);
	assert_entry_equal(e, d);
	buf_free(&b);
	free(d);
	free(e);
}

static void
test_entry_roundtrip(void **state)
{
	struct entry	*e, *d;
	struct buf	 b, b2;
	int		 i;

	(void)state;
	assert_non_null(d = malloc(sizeof *d));
	for (i = 0; i < S_NSAMPLE; i++) {
		e = sample(i);
		encode_ok(e, &b);
		memset(d, 0xa5, sizeof *d);	/* decode must set everything */
		assert_int_equal(entry_decode(d, b.data, b.len), 0);
		assert_entry_equal(e, d);
		/* The branch and sequence are the caller's, never decoded. */
		assert_string_equal(d->branch, "");
		assert_true(d->seq == 0);
		encode_ok(d, &b2);
		assert_int_equal(b.len, b2.len);
		assert_memory_equal(b.data, b2.data, b.len);
		/* Field values read back through the typed getters. */
		if (i == S_USER) {
			char		 s[LOGIN_MAX + 1];
			uint64_t	 role;

			assert_int_equal(entry_get_str(d, F_LOGIN, s,
			    sizeof s), 0);
			assert_string_equal(s, "ani");
			assert_int_equal(entry_get_u64(d, F_ROLE, &role), 0);
			assert_int_equal(role, ROLE_TELLER);
		}
		if (i == S_EDGES) {
			int64_t		 min;

			assert_int_equal(entry_get_i64(d, F_MIN, &min), 0);
			assert_true(min == INT64_MIN);
		}
		buf_free(&b);
		buf_free(&b2);
		free(e);
	}
	free(d);
}

static void
test_entry_truncated(void **state)
{
	struct entry	*e, *d;
	struct buf	 b;
	size_t		 n;
	int		 i;

	(void)state;
	assert_non_null(d = malloc(sizeof *d));
	for (i = 0; i < S_NSAMPLE; i++) {
		e = sample(i);
		encode_ok(e, &b);
		for (n = 0; n < b.len; n++) {
			uint8_t	*cut;

			/* A copy of just n bytes, so that ASan sees a read
			 * past them. */
			assert_non_null(cut = malloc(n ? n : 1));
			memcpy(cut, b.data, n);
			if (entry_decode(d, cut, n) != STORE_E_CORRUPT) {
				print_error("sample %d: prefix of %zu of %zu "
				    "bytes decoded\n", i, n, b.len);
				fail();
			}
			free(cut);
		}
		buf_free(&b);
		free(e);
	}
	free(d);
}

static void
test_entry_trailing(void **state)
{
	static const uint8_t	 tails[][3] = { { 0x00 }, { 0x01 },
	    { 0x00, 0x00 }, { 0x01, 0x02, 0x03 } };
	static const size_t	 tlen[] = { 1, 1, 2, 3 };
	struct entry		*e, *d;
	struct buf		 b;
	uint8_t			*twice;
	size_t			 len, t;
	int			 i;

	(void)state;
	assert_non_null(d = malloc(sizeof *d));
	for (i = 0; i < S_NSAMPLE; i++) {
		e = sample(i);
		encode_ok(e, &b);
		len = b.len;
		for (t = 0; t < ARRAY_SIZE(tails); t++) {
			b.len = len;
			assert_int_equal(buf_put(&b, tails[t], tlen[t]), 0);
			assert_int_equal(entry_decode(d, b.data, b.len),
			    STORE_E_CORRUPT);
		}
		/* Two entries back to back are not one entry. */
		b.len = len;
		assert_non_null(twice = malloc(len));
		memcpy(twice, b.data, len);
		assert_int_equal(buf_put(&b, twice, len), 0);
		free(twice);
		assert_int_equal(entry_decode(d, b.data, b.len),
		    STORE_E_CORRUPT);
		buf_free(&b);
		free(e);
	}
	free(d);
}

static void
test_entry_size_limit(void **state)
{
	struct entry	*e, *d;
	struct buf	 b, b2;
	uint8_t		*memo;
	size_t		 base, mlen;

	(void)state;
	assert_non_null(d = malloc(sizeof *d));
	assert_non_null(memo = malloc(ENTRY_MAXSIZE));
	memset(memo, 'm', ENTRY_MAXSIZE);

	/* How long the entry is with an empty memo... */
	assert_non_null(e = calloc(1, sizeof *e));
	set_head(e, EK_JOURNAL, "sisi");
	assert_int_equal(entry_add_field(e, F_MEMO, memo, 0), 0);
	add_post(e, GL_VAULT, 0, 1);
	add_post(e, GL_OPENING, 0, -1);
	encode_ok(e, &b);
	base = b.len;
	buf_free(&b);

	/* ...so that a memo makes it exactly ENTRY_MAXSIZE: decodes. */
	mlen = ENTRY_MAXSIZE - base - 1;	/* the length varint grows */
	set_head(e, EK_JOURNAL, "sisi");
	assert_int_equal(entry_add_field(e, F_MEMO, memo, mlen), 0);
	add_post(e, GL_VAULT, 0, 1);
	add_post(e, GL_OPENING, 0, -1);
	encode_ok(e, &b);
	assert_int_equal(b.len, ENTRY_MAXSIZE);
	assert_int_equal(entry_decode(d, b.data, b.len), 0);
	encode_ok(d, &b2);
	assert_memory_equal(b.data, b2.data, b.len);
	buf_free(&b);
	buf_free(&b2);

	/* One byte more: refused, though everything else is right. */
	set_head(e, EK_JOURNAL, "sisi");
	assert_int_equal(entry_add_field(e, F_MEMO, memo, mlen + 1), 0);
	add_post(e, GL_VAULT, 0, 1);
	add_post(e, GL_OPENING, 0, -1);
	encode_ok(e, &b);
	assert_int_equal(b.len, ENTRY_MAXSIZE + 1);
	assert_int_equal(entry_decode(d, b.data, b.len), STORE_E_CORRUPT);
	buf_free(&b);

	/* A whole arena of memo cannot be encoded into ENTRY_MAXSIZE. */
	set_head(e, EK_JOURNAL, "sisi");
	assert_int_equal(entry_add_field(e, F_MEMO, memo, ENTRY_MAXSIZE), 0);
	assert_int_equal(entry_add_field(e, F_NAME, memo, 1), STORE_E_INVAL);
	encode_ok(e, &b);
	assert_true(b.len > ENTRY_MAXSIZE);
	assert_int_equal(entry_decode(d, b.data, b.len), STORE_E_CORRUPT);
	buf_free(&b);

	free(memo);
	free(e);
	free(d);
}

/*
 * Every single-byte change to every sample, to each of the 255 other
 * values: refused, or a valid entry whose encoding is exactly the changed
 * bytes.  No two byte strings decode to the same entry.
 */
static void
test_entry_mutations(void **state)
{
	struct entry	*e, *d;
	struct buf	 b, b2;
	uint8_t		*m;
	size_t		 pos, accepted = 0, refused = 0;
	unsigned	 v;
	int		 i, r;

	(void)state;
	assert_non_null(d = malloc(sizeof *d));
	for (i = 0; i < S_NSAMPLE; i++) {
		e = sample(i);
		encode_ok(e, &b);
		assert_non_null(m = malloc(b.len));
		for (pos = 0; pos < b.len; pos++) {
			for (v = 0; v < 256; v++) {
				if (v == b.data[pos])
					continue;
				memcpy(m, b.data, b.len);
				m[pos] = v;
				if ((r = entry_decode(d, m, b.len)) != 0) {
					assert_int_equal(r, STORE_E_CORRUPT);
					refused++;
					continue;
				}
				accepted++;
				buf_init(&b2);
				assert_int_equal(entry_encode(d, &b2), 0);
				if (b2.len != b.len ||
				    memcmp(b2.data, m, b.len) != 0) {
					print_error("sample %d: byte %zu set "
					    "to 0x%02x decodes but re-encodes "
					    "differently\n", i, pos, v);
					fail();
				}
				buf_free(&b2);
			}
		}
		free(m);
		buf_free(&b);
		free(e);
	}
	print_message("# %zu mutations decoded canonically, %zu refused\n",
	    accepted, refused);
	assert_true(accepted > 0);
	assert_true(refused > 0);
	free(d);
}

/* What entry_check() and so entry_encode() refuse, each with its code. */
static void
test_entry_check_codes(void **state)
{
	struct entry	*e;
	struct buf	 b;
	uint16_t	 i;

	(void)state;
	buf_init(&b);

#define EXPECT(code) do {						\
	buf_reset(&b);							\
	assert_int_equal(entry_check(e), (code));			\
	assert_int_equal(entry_encode(e, &b), (code));			\
	if ((code) != 0)						\
		assert_int_equal(b.len, 0);	/* nothing written */	\
	free(e);							\
} while (0)

	e = sample(S_JOURNAL);
	EXPECT(0);

	e = sample(S_JOURNAL);			/* a zero amount */
	add_post(e, GL_BANK, 0, 0);
	EXPECT(STORE_E_AMOUNT);

	e = sample(S_JOURNAL);			/* one side only */
	e->npost = 1;
	EXPECT(STORE_E_UNBALANCED);

	e = sample(S_JOURNAL);			/* off by one sen */
	e->post[1].amount++;
	EXPECT(STORE_E_UNBALANCED);

	e = sample(S_JOURNAL);			/* negative only */
	e->post[0].amount = -e->post[0].amount;
	EXPECT(STORE_E_UNBALANCED);

	e = sample(S_JOURNAL);			/* the limit itself is fine */
	e->post[0].amount = AMOUNT_MAX;
	e->post[1].amount = -AMOUNT_MAX;
	EXPECT(0);

	e = sample(S_JOURNAL);			/* one sen past it is not */
	e->post[0].amount = AMOUNT_MAX + 1;
	e->post[1].amount = -AMOUNT_MAX - 1;
	EXPECT(STORE_E_OVERFLOW);

	e = sample(S_JOURNAL);			/* balanced in int64 wrap */
	e->post[0].amount = INT64_MAX;
	e->post[1].amount = INT64_MAX;
	add_post(e, GL_BANK, 0, 2);
	EXPECT(STORE_E_OVERFLOW);

	e = sample(S_JOURNAL);
	e->post[0].amount = INT64_MIN;
	e->post[1].amount = INT64_MIN;
	EXPECT(STORE_E_OVERFLOW);

	e = sample(S_JOURNAL);			/* 64 postings of the limit */
	e->npost = 0;
	for (i = 0; i < ENTRY_MAXPOST; i++)
		add_post(e, GL_BANK, 0, i % 2 ? -AMOUNT_MAX : AMOUNT_MAX);
	EXPECT(0);

	e = sample(S_JOURNAL);			/* too many postings */
	e->npost = ENTRY_MAXPOST + 1;
	EXPECT(STORE_E_INVAL);

	e = sample(S_JOURNAL);			/* too many fields */
	e->nfield = ENTRY_MAXFIELD + 1;
	EXPECT(STORE_E_INVAL);

	e = sample(S_JOURNAL);			/* unknown kinds */
	e->kind = 0;
	EXPECT(STORE_E_INVAL);
	e = sample(S_JOURNAL);
	e->kind = EK_LAST;
	EXPECT(STORE_E_INVAL);
	e = sample(S_JOURNAL);
	e->kind = UINT16_MAX;
	EXPECT(STORE_E_INVAL);

	e = sample(S_JOURNAL);			/* nobody */
	e->user[0] = '\0';
	EXPECT(STORE_E_USER);

	e = sample(S_REVERSAL);			/* a reversal of nothing */
	e->reverses = 0;
	EXPECT(STORE_E_INVAL);

	e = sample(S_JOURNAL);			/* a journal that reverses */
	e->reverses = 3;
	EXPECT(STORE_E_INVAL);
#undef EXPECT
	buf_free(&b);
}

/* entry_add_field() and the typed getters. */
static void
test_entry_fields(void **state)
{
	struct entry	*e;
	uint8_t		*big;
	char		 s[8];
	uint64_t	 u;
	int64_t		 i64;
	uint16_t	 i;

	(void)state;
	assert_non_null(e = calloc(1, sizeof *e));
	assert_non_null(big = calloc(1, ENTRY_MAXSIZE + 1));
	set_head(e, EK_SETTING, "mira");

	assert_int_equal(entry_add_str(e, F_KEY, "user.lockout"), 0);
	assert_int_equal(entry_add_str(e, F_KEY, "again"), STORE_E_INVAL);
	assert_int_equal(entry_add_str(e, F_NAME, "lower"), STORE_E_INVAL);
	assert_int_equal(entry_add_str(e, F_VALUE, "5"), 0);
	assert_int_equal(e->nfield, 2);
	assert_null(entry_field(e, F_MEMO));
	assert_non_null(entry_field(e, F_VALUE));
	assert_int_equal(entry_get_str(e, F_VALUE, s, sizeof s), 0);
	assert_string_equal(s, "5");
	assert_int_equal(entry_get_str(e, F_MEMO, s, sizeof s),
	    STORE_E_NOTFOUND);
	assert_int_equal(entry_get_str(e, F_KEY, s, sizeof s),
	    STORE_E_CORRUPT);		/* does not fit */
	/* "5" is not a varint of one byte's worth... it is: 0x35. */
	assert_int_equal(entry_get_u64(e, F_VALUE, &u), 0);
	assert_int_equal(u, 0x35);
	/* A string of several bytes is a varint with something after. */
	assert_int_equal(entry_get_u64(e, F_KEY, &u), STORE_E_CORRUPT);
	assert_int_equal(entry_get_i64(e, F_KEY, &i64), STORE_E_CORRUPT);
	assert_int_equal(entry_get_u64(e, F_MEMO, &u), STORE_E_NOTFOUND);

	/* Values are copied, and NULs inside a string are refused. */
	set_head(e, EK_SETTING, "mira");
	memcpy(big, "a\0b", 3);
	assert_int_equal(entry_add_field(e, F_KEY, big, 3), 0);
	memset(big, 0, 3);
	assert_memory_equal(entry_field(e, F_KEY)->val, "a\0b", 3);
	assert_int_equal(entry_get_str(e, F_KEY, s, sizeof s),
	    STORE_E_CORRUPT);

	/* The arena holds ENTRY_MAXSIZE bytes of values, no more. */
	set_head(e, EK_SETTING, "mira");
	assert_int_equal(entry_add_field(e, 1, big, ENTRY_MAXSIZE + 1),
	    STORE_E_INVAL);
	assert_int_equal(entry_add_field(e, 1, big, ENTRY_MAXSIZE - 1), 0);
	assert_int_equal(entry_add_field(e, 2, big, 2), STORE_E_INVAL);
	assert_int_equal(entry_add_field(e, 2, big, 1), 0);
	assert_int_equal(entry_add_field(e, 3, big, 0), 0);

	/* Sixteen fields, not seventeen. */
	set_head(e, EK_SETTING, "mira");
	for (i = 1; i <= ENTRY_MAXFIELD; i++)
		assert_int_equal(entry_add_u64(e, i, i), 0);
	assert_int_equal(entry_add_u64(e, ENTRY_MAXFIELD + 1, 0),
	    STORE_E_INVAL);
	assert_int_equal(entry_add_i64(e, 100, -1), STORE_E_INVAL);
	assert_int_equal(e->nfield, ENTRY_MAXFIELD);

	assert_string_equal(entry_kind_name(EK_JOURNAL), "journal");
	assert_string_equal(entry_kind_name(EK_REVERSAL), "reversal");
	assert_string_equal(entry_kind_name(0), "unknown");
	assert_string_equal(entry_kind_name(EK_LAST), "unknown");
	assert_string_equal(entry_field_name(F_HASH), "hash");
	assert_string_equal(entry_field_name(0), "unknown");
	assert_string_equal(entry_field_name(F_LAST), "unknown");
	free(big);
	free(e);
}

/*
 * Entries written by hand, without entry_encode(), so that the decoder
 * can be shown bytes that the encoder would never make.
 */
struct raw {
	uint64_t	 version, kind, date, time, reverses;
	const char	*user, *approver;
	size_t		 userlen;	/* 0: strlen */
	uint64_t	 nfield;	/* fields written */
	uint64_t	 fclaim;	/* added to the count written */
	uint64_t	 tag[ENTRY_MAXFIELD + 2];
	const char	*val[ENTRY_MAXFIELD + 2];
	uint64_t	 npost;		/* postings written */
	uint64_t	 pclaim;	/* added to the count written */
	uint64_t	 gl[ENTRY_MAXPOST + 2], sub[ENTRY_MAXPOST + 2];
	int64_t		 amount[ENTRY_MAXPOST + 2];
};

static void
raw_default(struct raw *r)
{
	memset(r, 0, sizeof *r);
	r->version = 1;
	r->kind = EK_JOURNAL;
	r->date = 19783;
	r->time = 1709251200;
	r->user = "sisi";
	r->approver = "";
	r->nfield = 1;
	r->tag[0] = F_MEMO;
	r->val[0] = "setor";
	r->npost = 2;
	r->gl[0] = GL_VAULT;
	r->amount[0] = 100000;
	r->gl[1] = GL_OPENING;
	r->amount[1] = -100000;
}

static void
raw_encode(const struct raw *r, struct buf *b)
{
	uint64_t	 i;

	buf_init(b);
	assert_int_equal(buf_put_u8(b, r->version), 0);
	assert_int_equal(buf_put_varint(b, r->kind), 0);
	assert_int_equal(buf_put_varint(b, r->date), 0);
	assert_int_equal(buf_put_varint(b, r->time), 0);
	assert_int_equal(buf_put_lenbytes(b, r->user,
	    r->userlen ? r->userlen : strlen(r->user)), 0);
	assert_int_equal(buf_put_str(b, r->approver), 0);
	assert_int_equal(buf_put_varint(b, r->reverses), 0);
	assert_int_equal(buf_put_varint(b, r->nfield + r->fclaim), 0);
	assert_true(r->nfield <= ARRAY_SIZE(r->tag));
	for (i = 0; i < r->nfield; i++) {
		assert_int_equal(buf_put_varint(b, r->tag[i]), 0);
		assert_int_equal(buf_put_str(b, r->val[i] ? r->val[i] : ""),
		    0);
	}
	assert_int_equal(buf_put_varint(b, r->npost + r->pclaim), 0);
	assert_true(r->npost <= ARRAY_SIZE(r->gl));
	for (i = 0; i < r->npost; i++) {
		assert_int_equal(buf_put_varint(b, r->gl[i]), 0);
		assert_int_equal(buf_put_varint(b, r->sub[i]), 0);
		assert_int_equal(buf_put_svarint(b, r->amount[i]), 0);
	}
}

static int
raw_decode(const struct raw *r)
{
	struct entry	*e;
	struct buf	 b;
	int		 rc;

	assert_non_null(e = malloc(sizeof *e));
	raw_encode(r, &b);
	rc = entry_decode(e, b.data, b.len);
	buf_free(&b);
	free(e);
	return rc;
}

static void
test_entry_decode_refuses(void **state)
{
	struct raw	 r;
	uint64_t	 i;

	(void)state;
	/* The hand-written default is a good entry. */
	raw_default(&r);
	assert_int_equal(raw_decode(&r), 0);

#define REFUSED(change) do {						\
	raw_default(&r);						\
	change;								\
	print_message("# refused: %s\n", #change);			\
	assert_int_equal(raw_decode(&r), STORE_E_CORRUPT);		\
} while (0)
#define ACCEPTED(change) do {						\
	raw_default(&r);						\
	change;								\
	assert_int_equal(raw_decode(&r), 0);				\
} while (0)

	/* Versions. */
	REFUSED(r.version = 0);
	REFUSED(r.version = 2);
	REFUSED(r.version = 0xff);

	/* Kinds. */
	REFUSED(r.kind = 0);
	REFUSED(r.kind = EK_LAST);
	REFUSED(r.kind = 1000);
	REFUSED(r.kind = UINT64_MAX);

	/* Dates, times and numbers out of their types' range. */
	ACCEPTED(r.date = UINT32_MAX);
	REFUSED(r.date = (uint64_t)UINT32_MAX + 1);
	ACCEPTED(r.time = INT64_MAX);
	REFUSED(r.time = (uint64_t)INT64_MAX + 1);
	REFUSED(r.time = UINT64_MAX);
	ACCEPTED(r.gl[0] = r.gl[1] = UINT32_MAX);
	REFUSED(r.gl[0] = (uint64_t)UINT32_MAX + 1);

	/* Users and approvers. */
	REFUSED(r.user = "");
	REFUSED(r.user = "Sisi");
	REFUSED(r.user = ".sisi");
	REFUSED(r.user = "sisi sisi");
	REFUSED(r.user = "abcdefghijklmnopq");	/* 17 */
	ACCEPTED(r.user = "abcdefghijklmnop");	/* 16 */
	REFUSED(r.user = "si\0si"; r.userlen = 5);
	REFUSED(r.approver = "Mira");
	REFUSED(r.approver = "-");
	ACCEPTED(r.approver = "mira");

	/* Fields: order, tags, counts. */
	REFUSED(r.nfield = 2; r.tag[1] = F_MEMO; r.val[1] = "lagi");
	REFUSED(r.nfield = 2; r.tag[0] = F_NAME; r.tag[1] = F_MEMO;
	    r.val[1] = "turun");
	ACCEPTED(r.nfield = 2; r.tag[1] = F_NAME; r.val[1] = "naik");
	REFUSED(r.tag[0] = 0);
	ACCEPTED(r.tag[0] = UINT16_MAX);
	REFUSED(r.tag[0] = (uint64_t)UINT16_MAX + 1);
	REFUSED(r.fclaim = 1);			/* says two, has one */
	REFUSED(r.nfield = 0; r.fclaim = 1);
	ACCEPTED(r.nfield = ENTRY_MAXFIELD;
	    for (i = 0; i < r.nfield; i++) { r.tag[i] = i + 1;
	    r.val[i] = "v"; });
	REFUSED(r.nfield = ENTRY_MAXFIELD + 1;
	    for (i = 0; i < r.nfield; i++) { r.tag[i] = i + 1;
	    r.val[i] = "v"; });

	/* Postings. */
	REFUSED(r.amount[0] = 0; r.amount[1] = 0);
	REFUSED(r.amount[1] = -99999);			/* unbalanced */
	REFUSED(r.npost = 1);				/* one side */
	REFUSED(r.pclaim = 1);				/* says three */
	REFUSED(r.npost = 0; r.pclaim = 1);
	REFUSED(r.amount[0] = AMOUNT_MAX + 1; r.amount[1] = -AMOUNT_MAX - 1);
	ACCEPTED(r.amount[0] = AMOUNT_MAX; r.amount[1] = -AMOUNT_MAX);
	REFUSED(r.amount[0] = INT64_MIN; r.amount[1] = INT64_MIN);
	ACCEPTED(r.npost = ENTRY_MAXPOST;
	    for (i = 0; i < r.npost; i++) { r.gl[i] = GL_BANK;
	    r.amount[i] = i % 2 ? -1 : 1; });
	REFUSED(r.npost = ENTRY_MAXPOST + 1;
	    for (i = 0; i < r.npost; i++) { r.gl[i] = GL_BANK;
	    r.amount[i] = i % 2 ? -1 : 1; });
	ACCEPTED(r.npost = 0);				/* fields only */

	/* Reversals name what they reverse; nothing else does. */
	REFUSED(r.kind = EK_REVERSAL);
	ACCEPTED(r.kind = EK_REVERSAL; r.reverses = 5);
	REFUSED(r.reverses = 5);
#undef REFUSED
#undef ACCEPTED
}

/* -- the chain ---------------------------------------------------------- */

static void
sha256_evp(const void *a, size_t alen, const void *b, size_t blen,
    uint8_t out[HASH_LEN])
{
	EVP_MD_CTX	*ctx;
	unsigned int	 n = 0;

	assert_non_null(ctx = EVP_MD_CTX_new());
	assert_int_equal(EVP_DigestInit_ex(ctx, EVP_sha256(), NULL), 1);
	assert_int_equal(EVP_DigestUpdate(ctx, a, alen), 1);
	if (blen != 0)
		assert_int_equal(EVP_DigestUpdate(ctx, b, blen), 1);
	assert_int_equal(EVP_DigestFinal_ex(ctx, out, &n), 1);
	assert_int_equal(n, HASH_LEN);
	EVP_MD_CTX_free(ctx);
}

/*
 * The table of kinds: every EK_ number has its row, under the name the
 * journal has always used, and each row is consistent with itself.
 */
static void
test_kind_table(void **state)
{
	static const char *names[EK_LAST] = {
		[EK_BRANCH_OPEN] = "branch-open",
		[EK_USER_ADD] = "user-add",
		[EK_USER_SET] = "user-set",
		[EK_USER_PASSWD] = "user-passwd",
		[EK_ACCOUNT_OPEN] = "account-open",
		[EK_JOURNAL] = "journal",
		[EK_REVERSAL] = "reversal",
		[EK_DAY_CLOSE] = "day-close",
		[EK_SETTING] = "setting",
		[EK_MEMBER_JOIN] = "member-join",
		[EK_MEMBER_LEAVE] = "member-leave",
		[EK_DEPOSIT] = "deposit",
		[EK_WITHDRAW] = "withdraw",
		[EK_TRANSFER] = "transfer",
		[EK_DRAWER_OPEN] = "drawer-open",
		[EK_VAULT_XFER] = "vault-xfer",
		[EK_DRAWER_CLOSE] = "drawer-close",
		[EK_INTEREST] = "interest",
		[EK_TERM_OPEN] = "term-open",
		[EK_TERM_CLOSE] = "term-close",
		[EK_LOAN_PRODUCT] = "loan-product",
		[EK_LOAN_APPLY] = "loan-apply",
		[EK_LOAN_APPROVE] = "loan-approve",
		[EK_LOAN_DISBURSE] = "loan-disburse",
		[EK_LOAN_REPAY] = "loan-repay",
		[EK_LOAN_AGE] = "loan-age",
		[EK_LOAN_WRITEOFF] = "loan-writeoff",
		[EK_LOAN_RECOVER] = "loan-recover",
		[EK_IMPORT_OPENING] = "import-opening",
		[EK_IMPORT_MEMBER] = "import-member",
		[EK_IMPORT_TERM] = "import-term",
		[EK_IMPORT_LOAN] = "import-loan",
		[EK_RAT_OPEN] = "rat-open",
		[EK_RAT_ITEM] = "rat-item",
		[EK_RAT_VOTE_OPEN] = "rat-vote-open",
		[EK_RAT_VOTE_CLOSE] = "rat-vote-close",
		[EK_RAT_CLOSE] = "rat-close",
		[EK_RAT_ATTEND] = "rat-attend",
		[EK_RAT_VOTE] = "rat-vote",
		[EK_ACCRUAL] = "accrual",
		[EK_PROVISION] = "provision",
		[EK_YEAR_CLOSE] = "year-close",
		[EK_SHU_POST] = "shu-post",
		[EK_HEALTH_CHECK] = "health-check",
		[EK_SHU_PLAN] = "shu-plan",
	};
	const struct entry_kind	*k;
	uint16_t		 i, j;

	(void)state;
	assert_null(entry_kind_get(0));
	assert_null(entry_kind_get(EK_LAST));
	assert_null(entry_kind_get(UINT16_MAX));
	for (i = 1; i < EK_LAST; i++) {
		print_message("# kind %u\n", i);
		/* A number held for kinds another change adds: none yet. */
		if (names[i] == NULL) {
			assert_null(entry_kind_get(i));
			continue;
		}
		assert_non_null(k = entry_kind_get(i));
		assert_int_equal(k->kind, i);
		assert_non_null(names[i]);
		assert_string_equal(k->name, names[i]);
		assert_string_equal(entry_kind_name(i), names[i]);
		/* In words for people, never the journal's short name. */
		assert_non_null(k->title);
		assert_string_equal(entry_kind_title(i), k->title);
		assert_true(strchr(k->title, '-') == NULL);
		assert_true(k->roles != 0);
		assert_int_equal(k->required & ~k->fields, 0);
		assert_int_equal(k->fields & ~(FIELD(F_LAST) - 1), 0);
		assert_false((k->flags & KF_NOPOST) && (k->flags & KF_POST));
		assert_false((k->flags & KF_NOPOST) &&
		    (k->flags & (KF_CASH | KF_REVERSIBLE)));
		if (k->flags & KF_SYSTEM)
			assert_int_equal(k->roles, ROLE_SYSTEM);
		for (j = 1; j < i; j++)
			if (entry_kind_get(j) != NULL)
				assert_string_not_equal(k->title,
				    entry_kind_get(j)->title);
	}

	/* Who may post what comes from the rows. */
	assert_true(user_may(ROLE_TELLER, EK_DEPOSIT));
	assert_false(user_may(ROLE_TELLER, EK_JOURNAL));
	assert_false(user_may(ROLE_AUDITOR, EK_DEPOSIT));
	assert_true(user_may(ROLE_SUPERVISOR, EK_LOAN_APPROVE));
	assert_false(user_may(ROLE_TELLER, EK_LOAN_APPROVE));
	assert_true(user_may(ROLE_MANAGER, EK_LOAN_WRITEOFF));
	assert_false(user_may(ROLE_SUPERVISOR, EK_LOAN_WRITEOFF));
	assert_true(user_may(ROLE_SYSTEM, EK_INTEREST));
	assert_false(user_may(ROLE_ADMIN, EK_INTEREST));
	assert_false(user_may(ROLE_ADMIN, 0));
	assert_false(user_may(ROLE_ADMIN, EK_LAST));

	/* What a reversal may undo, what moves cash. */
	assert_true(entry_kind_get(EK_DEPOSIT)->flags & KF_REVERSIBLE);
	assert_true(entry_kind_get(EK_JOURNAL)->flags & KF_REVERSIBLE);
	assert_false(entry_kind_get(EK_REVERSAL)->flags & KF_REVERSIBLE);
	assert_false(entry_kind_get(EK_LOAN_REPAY)->flags & KF_REVERSIBLE);
	assert_true(entry_kind_get(EK_LOAN_REPAY)->flags & KF_CASH);
	assert_false(entry_kind_get(EK_DRAWER_OPEN)->flags & KF_CASH);
	assert_string_equal(entry_kind_title(EK_LOAN_REPAY), "loan repayment");
	assert_string_equal(entry_kind_title(EK_LAST), "unknown entry");
}

static void
test_chain_seed(void **state)
{
	static const char	*codes[] = { "MOF", "ENDE", "MOF1", "M", "KUPANG",
	    "12345678", "MOFX" };
	uint8_t			 h[ARRAY_SIZE(codes)][HASH_LEN], again[HASH_LEN];
	uint8_t			 pre[32 + BRANCH_MAX], want[HASH_LEN];
	size_t			 i, j, n;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(codes); i++) {
		entry_chain_seed(codes[i], h[i]);
		entry_chain_seed(codes[i], again);
		assert_memory_equal(h[i], again, HASH_LEN);
		for (j = 0; j < i; j++)
			assert_memory_not_equal(h[i], h[j], HASH_LEN);
		/* h(0) = SHA-256("loket journal v1" || 16 NULs || code) */
		n = strlen(codes[i]);
		memcpy(pre, "loket journal v1", 16);
		memset(pre + 16, 0, 16);
		memcpy(pre + 32, codes[i], n);
		sha256_evp(pre, 32 + n, NULL, 0, want);
		assert_memory_equal(h[i], want, HASH_LEN);
	}
}

static void
test_chain_next(void **state)
{
	struct entry	*e;
	struct buf	 b;
	uint8_t		 prev[HASH_LEN], got[HASH_LEN], want[HASH_LEN];
	uint8_t		*big;
	int		 i;

	(void)state;
	entry_chain_seed("MOF", prev);
	for (i = 0; i < S_NSAMPLE; i++) {
		e = sample(i);
		encode_ok(e, &b);
		entry_chain_next(prev, b.data, b.len, got);
		sha256_evp(prev, HASH_LEN, b.data, b.len, want);
		assert_memory_equal(got, want, HASH_LEN);
		/* The same, computed in place as journal_put() does. */
		entry_chain_next(prev, b.data, b.len, prev);
		assert_memory_equal(prev, want, HASH_LEN);
		buf_free(&b);
		free(e);
	}
	/* Nothing after the previous hash, and a full ENTRY_MAXSIZE. */
	entry_chain_next(prev, "", 0, got);
	sha256_evp(prev, HASH_LEN, NULL, 0, want);
	assert_memory_equal(got, want, HASH_LEN);
	assert_non_null(big = malloc(ENTRY_MAXSIZE));
	memset(big, 0x5a, ENTRY_MAXSIZE);
	entry_chain_next(prev, big, ENTRY_MAXSIZE, got);
	sha256_evp(prev, HASH_LEN, big, ENTRY_MAXSIZE, want);
	assert_memory_equal(got, want, HASH_LEN);
	/* One changed byte anywhere changes the link. */
	big[ENTRY_MAXSIZE - 1] ^= 1;
	entry_chain_next(prev, big, ENTRY_MAXSIZE, want);
	assert_memory_not_equal(got, want, HASH_LEN);
	free(big);
}

/* -- the same bytes in a real store ------------------------------------- */

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/*
 * A store keeps exactly the bytes entry_encode() makes, and its chain is
 * the chain computed here from the seed.
 */
static void
test_entry_in_store(void **state)
{
	struct init_req	 iq;
	struct store	*st = NULL;
	struct store_txn *t = NULL;
	struct branch	 br;
	struct entry	*e;
	struct buf	 b;
	const uint8_t	*raw;
	size_t		 len;
	uint8_t		 h[HASH_LEN], link[HASH_LEN];
	char		 root[PATH_MAX], data[PATH_MAX + 8];
	const char	*tmp;
	uint64_t	 seq;

	(void)state;
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	snprintf(root, sizeof root, "%s/loket-test-entry.XXXXXX", tmp);
	assert_non_null(mkdtemp(root));
	snprintf(data, sizeof data, "%s/data", root);

	assert_int_equal(store_open(data, STORE_CREATE, &st), 0);
	memset(&iq, 0, sizeof iq);
	iq.coop = "Koperasi Simpan Pinjam Maju Bersama";
	iq.branch = "MOF";
	iq.branch_name = "Maumere";
	iq.date = 19783;
	iq.admin = "admin";
	iq.admin_name = "Admin";
	iq.admin_password = "rahasia-123";
	iq.time = 1709251200;
	assert_int_equal(store_init(st, &iq), 0);

	assert_non_null(e = malloc(sizeof *e));
	assert_int_equal(store_begin(st, 1, &t), 0);
	assert_int_equal(branch_get(t, "MOF", &br), 0);
	assert_true(br.next_seq == 3);
	entry_chain_seed("MOF", h);
	for (seq = 1; seq < br.next_seq; seq++) {
		assert_int_equal(journal_get_raw(t, "MOF", seq, &raw, &len),
		    0);
		assert_int_equal(journal_get(t, "MOF", seq, e), 0);
		assert_string_equal(e->branch, "MOF");
		assert_true(e->seq == seq);
		assert_int_equal(e->kind, seq == 1 ? EK_BRANCH_OPEN :
		    EK_USER_ADD);
		assert_string_equal(e->user, "loket");
		encode_ok(e, &b);
		assert_int_equal(b.len, len);
		assert_memory_equal(b.data, raw, len);
		buf_free(&b);
		sha256_evp(h, HASH_LEN, raw, len, h);
		assert_int_equal(journal_hash(t, "MOF", seq, link), 0);
		assert_memory_equal(h, link, HASH_LEN);
	}
	assert_memory_equal(br.head, h, HASH_LEN);
	assert_int_equal(journal_get(t, "MOF", br.next_seq, e),
	    STORE_E_NOTFOUND);
	store_abort(t);
	store_close(st);
	free(e);
	assert_int_equal(nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_varint_edges),
		cmocka_unit_test(test_svarint_edges),
		cmocka_unit_test(test_varint_refused),
		cmocka_unit_test(test_fixed_width),
		cmocka_unit_test(test_get_past_end),
		cmocka_unit_test(test_entry_bytes),
		cmocka_unit_test(test_entry_roundtrip),
		cmocka_unit_test(test_entry_truncated),
		cmocka_unit_test(test_entry_trailing),
		cmocka_unit_test(test_entry_size_limit),
		cmocka_unit_test(test_entry_mutations),
		cmocka_unit_test(test_entry_check_codes),
		cmocka_unit_test(test_entry_fields),
		cmocka_unit_test(test_entry_decode_refuses),
		cmocka_unit_test(test_kind_table),
		cmocka_unit_test(test_chain_seed),
		cmocka_unit_test(test_chain_next),
		cmocka_unit_test(test_entry_in_store),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
