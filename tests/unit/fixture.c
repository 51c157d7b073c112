/*
 * tests/unit/fixture.c: what the store's unit tests share; see
 * fixture.h.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "tests/unit/fixture.h"

char		 pw_hash[128];
struct book	*g_book;
static unsigned	 reqno;

int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void
req_init(struct req *r, const char *user, uint16_t kind)
{
	memset(r, 0, sizeof *r);
	r->q.branch = BR;
	r->q.user = user;
	r->q.kind = kind;
	snprintf(r->id, sizeof r->id, "%s-%ld-%u", fixture_name,
	    (long)getpid(), ++reqno);
	r->q.request_id = r->id;
}

void
req_str(struct req *r, uint16_t tag, const char *s)
{
	assert_true(r->q.nfield < ENTRY_MAXFIELD);
	r->q.field[r->q.nfield].tag = tag;
	r->q.field[r->q.nfield].len = strlen(s);
	r->q.field[r->q.nfield].val = (const uint8_t *)s;
	r->q.nfield++;
}

/* Room for one more numeric field of r: the buffer to encode it in. */
static struct buf
req_num(struct req *r)
{
	struct buf	 b;

	assert_true(r->q.nfield < ENTRY_MAXFIELD);
	buf_wrap(&b, r->num[r->q.nfield], sizeof r->num[0]);
	return b;
}

/* ... and the field, as b holds it. */
static void
req_num_add(struct req *r, uint16_t tag, const struct buf *b)
{
	r->q.field[r->q.nfield].tag = tag;
	r->q.field[r->q.nfield].len = b->len;
	r->q.field[r->q.nfield].val = r->num[r->q.nfield];
	r->q.nfield++;
}

void
req_u64(struct req *r, uint16_t tag, uint64_t v)
{
	struct buf	 b = req_num(r);

	assert_int_equal(buf_put_varint(&b, v), 0);
	req_num_add(r, tag, &b);
}

void
req_i64(struct req *r, uint16_t tag, int64_t v)
{
	struct buf	 b = req_num(r);

	assert_int_equal(buf_put_svarint(&b, v), 0);
	req_num_add(r, tag, &b);
}

void
req_post(struct req *r, uint32_t gl, uint64_t sub, int64_t amount)
{
	assert_true(r->q.npost < ENTRY_MAXPOST);
	r->q.post[r->q.npost].gl = gl;
	r->q.post[r->q.npost].sub = sub;
	r->q.post[r->q.npost].amount = amount;
	r->q.npost++;
}

/* A request id for a request the store's own helpers made. */
void
with_id(struct post_req *q)
{
	static char	 ids[8][48];
	static unsigned	 next;
	char		*id = ids[next++ % ARRAY_SIZE(ids)];

	snprintf(id, sizeof ids[0], "%s-%ld-%u", fixture_name,
	    (long)getpid(), ++reqno);
	q->request_id = id;
}

/* Post q (given an id when it has none), which must pass: its number. */
uint64_t
post_ok(struct store *st, const struct post_req *q)
{
	struct post_result	 res;
	struct post_req		 c;

	if (q->request_id == NULL) {
		c = *q;
		with_id(&c);
		q = &c;
	}
	memset(&res, 0xff, sizeof res);
	assert_code(store_post(st, q, &res), 0);
	assert_int_equal(res.replayed, 0);
	assert_int_equal(res.error, 0);
	assert_true(res.seq > 0);
	return res.seq;
}

struct branch
branch_of(struct store *st)
{
	struct store_txn	*t;
	struct branch		 b;

	assert_code(store_begin(st, 1, &t), 0);
	assert_code(branch_get(t, BR, &b), 0);
	store_abort(t);
	return b;
}

void
post_refused_at(struct store *st, struct post_req *q, int want, int line)
{
	struct post_result	 res;
	struct branch		 b0 = branch_of(st), b1;
	int			 r;

	if (q->request_id == NULL)
		with_id(q);
	if ((r = store_post(st, q, &res)) != want)
		print_error("line %d: ", line);
	assert_code(r, want);
	b1 = branch_of(st);
	assert_true(b0.next_seq == b1.next_seq);
	assert_memory_equal(b0.head, b1.head, HASH_LEN);
}

/* An account's natural balance: positive on its normal side. */
int64_t
natural(struct store *st, uint32_t gl, uint64_t sub)
{
	struct store_txn	*t;
	struct account		 a;
	struct balance		 b;

	assert_code(store_begin(st, 1, &t), 0);
	assert_code(account_get(t, BR, gl, sub, &a), 0);
	assert_code(account_balance(t, BR, gl, sub, &b), 0);
	store_abort(t);
	return account_natural(&a, b.amount);
}

void
verify_ok(struct book *b)
{
	struct verify_report	 rep;
	struct branch		 br = branch_of(b->st);
	int			 r;

	r = store_verify(b->st, b->root, NULL, NULL, &rep);
	if (r != 0)
		print_error("verify: %s: %s at %s %" PRIu64 "\n",
		    store_strerror(r), rep.what, rep.branch, rep.bad_seq);
	assert_code(r, 0);
	assert_true(rep.entries == br.next_seq - 1);
	assert_true(rep.bad_seq == 0);
	assert_string_equal(rep.what, "");
}

/* A user added by the admin with the password whose hash is hash. */
void
fixture_user(struct store *st, const char *login, const char *name,
    uint8_t role, const char *hash)
{
	struct req	 r;

	req_init(&r, "admin", EK_USER_ADD);
	req_str(&r, F_NAME, name);
	req_str(&r, F_LOGIN, login);
	req_u64(&r, F_ROLE, role);
	req_str(&r, F_HASH, hash);
	post_ok(st, &r.q);
}

/* ... with the password PW. */
void
add_user(struct book *b, const char *login, const char *name, uint8_t role)
{
	fixture_user(b->st, login, name, role, pw_hash);
}

/*
 * A new book in a scratch folder named after the test, begun on day0 by
 * the admin (password PW): g_book.
 */
struct book *
book_open(uint32_t day0)
{
	struct init_req		 iq;
	struct book		*b;
	const char		*tmp;

	assert_null(g_book);
	assert_non_null(b = calloc(1, sizeof *b));
	g_book = b;
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	snprintf(b->root, sizeof b->root, "%s/loket-test-%s.XXXXXX", tmp,
	    fixture_name);
	assert_non_null(mkdtemp(b->root));
	snprintf(b->data, sizeof b->data, "%s/data", b->root);
	assert_code(store_open(b->data, STORE_CREATE, &b->st), 0);
	memset(&iq, 0, sizeof iq);
	iq.coop = "Koperasi Kredit Sinar Harapan";
	iq.branch = BR;
	iq.branch_name = "Cabang Maumere";
	iq.date = day0;
	iq.admin = "admin";
	iq.admin_name = "Admin Koperasi";
	iq.admin_password = PW;
	assert_code(store_init(b->st, &iq), 0);
	return b;
}

/* The book verifies, and goes with its folder. */
void
book_done(struct book *b)
{
	assert_true(b == g_book);
	verify_ok(b);
	store_close(b->st);
	b->st = NULL;
	assert_int_equal(nftw(b->root, rm_one, 16, FTW_DEPTH | FTW_PHYS), 0);
	free(b);
	g_book = NULL;
}

/* After each test, passed or not: the book and its folder gone. */
int
fixture_cleanup(void **state)
{
	(void)state;
	if (g_book != NULL) {
		if (g_book->st != NULL)
			store_close(g_book->st);
		(void)nftw(g_book->root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
		free(g_book);
		g_book = NULL;
	}
	return 0;
}
