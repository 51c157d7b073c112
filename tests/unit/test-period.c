/*
 * tests/unit/test-period.c: the period totals against the journal.
 *
 * A seeded random workload in a real LMDB folder: three branches, each
 * with a supervisor, a teller's drawer account and members' sukarela
 * accounts, over about four months of business days.  Each day brings
 * deposits, withdrawals, transfers between members, cash between the
 * vault and the drawer, expenses, now and then capital paid in, then the
 * end of day (which pays sukarela interest and its tax at a month's end).
 *
 * Then, for 20 random dates and 20 random ranges of dates, every
 * account of every branch (control accounts and sub-accounts) is asked
 * account_balance_at() and account_movement(), and the answers are
 * compared with sums of the journal's postings up to that date (read
 * back with journal_get(), a posting to a sub-account counting for its
 * control account too).  The last business day's balances must be the
 * live ones (account_balance()), and store_verify() and
 * store_verify_quick() must pass.  Then the period and balance records
 * are changed behind the store's back, one way at a time (a value
 * changed, a record deleted, one added): both checks must find each.
 *
 * The seed comes from LOKET_SEED, else from the clock, printed first.
 */
#include <errno.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <lmdb.h>

#include "store/store.h"

#define NBRANCH		3
#define NMEMBER		12
#define NDAYS		110	/* business days, about four months */
#define MAXOPS		30	/* a day's entries, at most */
#define NACCT		64
#define PASSWORD	"rahasia-123"

static const char	*branches[NBRANCH] = { "MOF", "ENDE", "LBJ" };
static unsigned long long g_seed;
static char		 tmproot[4096];
static struct store	*st;
static uint32_t		 first_day;

/* splitmix64: the same numbers on every machine. */
static uint64_t	 rng;

static uint64_t
rnd(void)
{
	uint64_t	 z = (rng += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static uint64_t
below(uint64_t n)
{
	return n == 0 ? 0 : rnd() % n;
}

#define CHECK(cond, ...) do {						\
	if (!(cond)) {							\
		char	 m_[512];					\
		snprintf(m_, sizeof m_, __VA_ARGS__);			\
		fail_msg("seed %llu (rerun with LOKET_SEED=%llu): %s "	\
		    "(books kept in %s)", g_seed, g_seed, m_, tmproot);	\
	}								\
} while (0)

/* ------------------------------------------------------------------ */
/* Requests. */

struct req {
	struct post_req	 q;
	char		 id[32];
	uint8_t		 v[ENTRY_MAXFIELD][10];
	char		 text[64];
};

static size_t
varint(uint8_t *p, uint64_t v)
{
	struct buf	 b;

	buf_from(&b, p, 10);
	b.len = 0;
	buf_put_varint(&b, v);
	return b.len;
}

static void
req_init(struct req *r, const char *branch, const char *user, uint16_t kind,
    unsigned long n)
{
	memset(r, 0, sizeof *r);
	snprintf(r->id, sizeof r->id, "p-%lu", n);
	r->q.branch = branch;
	r->q.request_id = r->id;
	r->q.user = user;
	r->q.kind = kind;
}

static void
req_field(struct req *r, uint16_t tag, const void *val, size_t len)
{
	r->q.field[r->q.nfield].tag = tag;
	r->q.field[r->q.nfield].len = len;
	r->q.field[r->q.nfield].val = val;
	r->q.nfield++;
}

static void
req_u64(struct req *r, uint16_t tag, uint64_t v)
{
	uint8_t	*p = r->v[r->q.nfield];

	req_field(r, tag, p, varint(p, v));
}

static void
req_post(struct req *r, uint32_t gl, uint64_t sub, int64_t amount)
{
	r->q.post[r->q.npost].gl = gl;
	r->q.post[r->q.npost].sub = sub;
	r->q.post[r->q.npost].amount = amount;
	r->q.npost++;
}

static void
post_all(struct req *rs, size_t n)
{
	struct post_request_buf {
		struct post_req		 q[MAXOPS + NMEMBER + 8];
		struct post_result	 res[MAXOPS + NMEMBER + 8];
	}		*b;
	size_t		 i;
	int		 r;

	assert_non_null(b = calloc(1, sizeof *b));
	assert_true(n <= MAXOPS + NMEMBER + 8);
	for (i = 0; i < n; i++)
		b->q[i] = rs[i].q;
	r = store_post_many(st, b->q, n, b->res);
	CHECK(r == 0, "store_post_many: %s", store_strerror(r));
	free(b);
}

/* ------------------------------------------------------------------ */
/* The book. */

/* What the workload needs to keep its entries valid: not the reference. */
struct bmodel {
	int64_t		 vault, cash, suk[NMEMBER + 1];
	unsigned long	 nreq;
};
static struct bmodel	 bm[NBRANCH];

static void
setup_branch(int bi, const char *hash)
{
	struct init_req	 ir;
	struct req	 rs[NMEMBER + 3];
	const char	*br = branches[bi];
	size_t		 n = 0, i;
	int		 r;

	memset(&ir, 0, sizeof ir);
	ir.coop = "Kopdit Periode";
	ir.branch = br;
	ir.branch_name = br;
	ir.date = first_day;
	ir.admin = "admin";
	ir.admin_name = "Admin";
	ir.admin_password = PASSWORD;
	r = store_init(st, &ir);
	CHECK(r == 0, "store_init %s: %s", br, store_strerror(r));

	req_init(&rs[n], br, "admin", EK_USER_ADD, bm[bi].nreq++);
	req_field(&rs[n], F_NAME, "Supervisor", 10);
	req_field(&rs[n], F_LOGIN, "spv", 3);
	req_u64(&rs[n], F_ROLE, ROLE_SUPERVISOR);
	req_field(&rs[n], F_HASH, hash, strlen(hash));
	n++;
	for (i = 0; i <= NMEMBER; i++) {
		struct req	*q = &rs[n++];

		req_init(q, br, "admin", EK_ACCOUNT_OPEN, bm[bi].nreq++);
		snprintf(q->text, sizeof q->text, i == 0 ? "Laci" :
		    "Sukarela %zu", i);
		req_field(q, F_NAME, q->text, strlen(q->text));
		req_u64(q, F_GL, i == 0 ? GL_CASH : GL_SUKARELA);
		req_u64(q, F_SUB, i == 0 ? 1 : i);
	}
	post_all(rs, n);
}

static int64_t
amount(void)
{
	return (int64_t)(1 + below(500)) * 10000 * 100;	/* Rp 10.000 .. */
}

/* One business day of branch bi, then its end of day. */
static void
day(int bi, uint32_t date)
{
	struct req		 rs[MAXOPS];
	struct bmodel		*m = &bm[bi];
	struct eod_report	 rep;
	const char		*br = branches[bi];
	size_t			 n = 0, nops = below(MAXOPS + 1), i;
	int64_t			 a;
	uint64_t		 x, y;
	int			 r;

	for (i = 0; i < nops; i++) {
		struct req	*q = &rs[n];

		req_init(q, br, "spv", EK_JOURNAL, m->nreq++);
		x = 1 + below(NMEMBER);
		a = amount();
		switch (below(8)) {
		case 0:		/* capital paid into the vault */
			req_post(q, GL_VAULT, 0, a * 10);
			req_post(q, GL_OPENING, 0, -a * 10);
			m->vault += a * 10;
			break;
		case 1:		/* cash to the drawer */
			if (m->vault < a)
				continue;
			req_post(q, GL_CASH, 1, a);
			req_post(q, GL_VAULT, 0, -a);
			m->vault -= a;
			m->cash += a;
			break;
		case 2:		/* an expense paid from the vault */
			a /= 10;
			if (m->vault < a)
				continue;
			req_post(q, GL_OPEX, 0, a);
			req_post(q, GL_VAULT, 0, -a);
			m->vault -= a;
			break;
		case 3:		/* a withdrawal */
			if (m->suk[x] < a || m->cash < a)
				continue;
			req_post(q, GL_SUKARELA, x, a);
			req_post(q, GL_CASH, 1, -a);
			m->suk[x] -= a;
			m->cash -= a;
			break;
		case 4:		/* a transfer between two members */
			y = 1 + below(NMEMBER);
			if (y == x || m->suk[x] < a)
				continue;
			req_post(q, GL_SUKARELA, x, a);
			req_post(q, GL_SUKARELA, y, -a);
			m->suk[x] -= a;
			m->suk[y] += a;
			break;
		default:	/* a deposit */
			req_post(q, GL_CASH, 1, a);
			req_post(q, GL_SUKARELA, x, -a);
			m->suk[x] += a;
			m->cash += a;
			break;
		}
		n++;
	}
	if (n > 0)
		post_all(rs, n);
	r = store_eod(st, br, "spv", date, 0, 0, &rep);
	CHECK(r == 0, "store_eod %s: %s", br, store_strerror(r));
	/* Interest paid at a month's end went into sukarela. */
	if (rep.interest != 0) {
		struct store_txn	*t;
		struct balance		 b;

		assert_int_equal(store_begin(st, 1, &t), 0);
		for (x = 1; x <= NMEMBER; x++) {
			assert_int_equal(account_balance(t, br, GL_SUKARELA, x,
			    &b), 0);
			m->suk[x] = -b.amount;
		}
		store_abort(t);
	}
}

/* ------------------------------------------------------------------ */
/* The reference: the journal's postings summed by account and date. */

struct racct {
	uint32_t	 gl;
	uint64_t	 sub;
	int64_t		*dr, *cr;	/* by day since first_day */
};
struct rbranch {
	struct racct	 a[NACCT];
	int		 n;
	uint32_t	 last;		/* the last date with an entry */
};
static struct rbranch	 ref[NBRANCH];
static uint32_t		 ndays;		/* days in the reference arrays */

static struct racct *
racct(struct rbranch *rb, uint32_t gl, uint64_t sub)
{
	int	 i;

	for (i = 0; i < rb->n; i++) {
		if (rb->a[i].gl == gl && rb->a[i].sub == sub)
			return &rb->a[i];
	}
	assert_true(rb->n < NACCT);
	rb->a[rb->n].gl = gl;
	rb->a[rb->n].sub = sub;
	assert_non_null(rb->a[rb->n].dr = calloc(ndays, sizeof(int64_t)));
	assert_non_null(rb->a[rb->n].cr = calloc(ndays, sizeof(int64_t)));
	return &rb->a[rb->n++];
}

static void
ref_add(struct rbranch *rb, uint32_t gl, uint64_t sub, uint32_t date,
    int64_t amount)
{
	struct racct	*a = racct(rb, gl, sub);

	assert_true(date >= first_day && date - first_day < ndays);
	if (amount >= 0)
		a->dr[date - first_day] += amount;
	else
		a->cr[date - first_day] -= amount;
}

static void
build_ref(void)
{
	struct store_txn	*t;
	struct branch		 b;
	struct entry		*e;
	uint64_t		 seq;
	uint16_t		 i;
	int			 bi;

	assert_non_null(e = malloc(sizeof *e));
	assert_int_equal(store_begin(st, 1, &t), 0);
	for (bi = 0; bi < NBRANCH; bi++) {
		assert_int_equal(branch_get(t, branches[bi], &b), 0);
		for (seq = 1; seq < b.next_seq; seq++) {
			assert_int_equal(journal_get(t, branches[bi], seq, e),
			    0);
			ref[bi].last = e->date;
			for (i = 0; i < e->npost; i++) {
				const struct posting *p = &e->post[i];

				ref_add(&ref[bi], p->gl, p->sub, e->date,
				    p->amount);
				if (p->sub != 0)
					ref_add(&ref[bi], p->gl, 0, e->date,
					    p->amount);
			}
		}
	}
	store_abort(t);
	free(e);
}

/* Debits and credits of the reference account over from..to. */
static void
ref_sum(const struct racct *a, uint32_t from, uint32_t to, int64_t *dr,
    int64_t *cr)
{
	uint32_t	 d;

	*dr = *cr = 0;
	if (a == NULL)
		return;
	for (d = from; d <= to; d++) {
		if (d < first_day || d - first_day >= ndays)
			continue;
		*dr += a->dr[d - first_day];
		*cr += a->cr[d - first_day];
	}
}

struct cmp_arg {
	struct store_txn	*t;
	int			 bi;
	uint32_t		 from, to;	/* from 0: a balance at to */
	int			 accounts;
};

static const struct racct *
ref_find(int bi, uint32_t gl, uint64_t sub)
{
	int	 i;

	for (i = 0; i < ref[bi].n; i++) {
		if (ref[bi].a[i].gl == gl && ref[bi].a[i].sub == sub)
			return &ref[bi].a[i];
	}
	return NULL;
}

static int
compare_account(void *arg, const struct account *a, const struct balance *lb)
{
	struct cmp_arg		*c = arg;
	const struct racct	*ra = ref_find(c->bi, a->gl, a->sub);
	const char		*br = branches[c->bi];
	char			 code[32], d1[16], d2[16];
	int64_t			 dr, cr, got, gdr, gcr;
	int			 r;

	account_format_code(a->gl, a->sub, code, sizeof code);
	date_format(c->from, d1, sizeof d1);
	date_format(c->to, d2, sizeof d2);
	c->accounts++;
	if (c->from == 0) {
		ref_sum(ra, 0, c->to, &dr, &cr);
		r = account_balance_at(c->t, br, a->gl, a->sub, c->to, &got);
		CHECK(r == 0, "account_balance_at %s %s: %s", br, code,
		    store_strerror(r));
		CHECK(got == dr - cr, "%s %s at %s: %" PRId64 ", the journal "
		    "says %" PRId64, br, code, d2, got, dr - cr);
		if (c->to >= ref[c->bi].last)
			CHECK(got == lb->amount, "%s %s at %s: %" PRId64
			    ", live %" PRId64, br, code, d2, got, lb->amount);
		return 0;
	}
	ref_sum(ra, c->from, c->to, &dr, &cr);
	r = account_movement(c->t, br, a->gl, a->sub, c->from, c->to, &gdr,
	    &gcr);
	CHECK(r == 0, "account_movement %s %s: %s", br, code,
	    store_strerror(r));
	CHECK(gdr == dr && gcr == cr, "%s %s over %s..%s: debit %" PRId64
	    " credit %" PRId64 ", the journal says %" PRId64 " and %" PRId64,
	    br, code, d1, d2, gdr, gcr, dr, cr);
	return 0;
}

static void
compare(uint32_t from, uint32_t to)
{
	struct cmp_arg	 c;
	int		 bi;

	memset(&c, 0, sizeof c);
	assert_int_equal(store_begin(st, 1, &c.t), 0);
	c.from = from;
	c.to = to;
	for (bi = 0; bi < NBRANCH; bi++) {
		c.bi = bi;
		c.accounts = 0;
		assert_int_equal(account_walk(c.t, branches[bi],
		    compare_account, &c), 0);
		/* The chart, the drawer and the members at least. */
		CHECK(c.accounts >= 25 + 1 + NMEMBER, "%s: %d accounts",
		    branches[bi], c.accounts);
	}
	store_abort(c.t);
}

/* ------------------------------------------------------------------ */
/* Behind the store's back. */

enum { T_CHANGE, T_DELETE, T_ADD };

/* Record n of db: change its first amount, delete it, or add a copy
 * a day later; returns the saved bytes to put back. */
static void
tamper(const char *dir, const char *db, size_t n, int how, MDB_val *saved,
    MDB_val *savedk, int undo)
{
	MDB_env		*env;
	MDB_txn		*txn;
	MDB_dbi		 dbi;
	MDB_cursor	*c;
	MDB_val		 k, d;
	static uint8_t	 kb[64], vb[256];
	int64_t		 v;
	size_t		 i;

	assert_int_equal(mdb_env_create(&env), 0);
	assert_int_equal(mdb_env_set_maxdbs(env, 64), 0);
	assert_int_equal(mdb_env_open(env, dir, 0, 0660), 0);
	assert_int_equal(mdb_txn_begin(env, NULL, 0, &txn), 0);
	assert_int_equal(mdb_dbi_open(txn, db, 0, &dbi), 0);
	if (undo) {
		if (how == T_ADD)
			assert_int_equal(mdb_del(txn, dbi, savedk, NULL), 0);
		else
			assert_int_equal(mdb_put(txn, dbi, savedk, saved, 0),
			    0);
		goto commit;
	}
	assert_int_equal(mdb_cursor_open(txn, dbi, &c), 0);
	assert_int_equal(mdb_cursor_get(c, &k, &d, MDB_FIRST), 0);
	for (i = 0; i < n; i++) {
		if (mdb_cursor_get(c, &k, &d, MDB_NEXT) != 0)
			assert_int_equal(mdb_cursor_get(c, &k, &d, MDB_FIRST),
			    0);
	}
	assert_true(k.mv_size <= sizeof kb && d.mv_size <= sizeof vb);
	memcpy(kb, k.mv_data, k.mv_size);
	memcpy(vb, d.mv_data, d.mv_size);
	savedk->mv_data = kb;
	savedk->mv_size = k.mv_size;
	saved->mv_data = vb;
	saved->mv_size = d.mv_size;
	mdb_cursor_close(c);
	if (how == T_DELETE)
		assert_int_equal(mdb_del(txn, dbi, savedk, NULL), 0);
	else if (how == T_CHANGE) {
		static uint8_t	 nb[256];

		memcpy(nb, vb, d.mv_size);
		memcpy(&v, nb, sizeof v);
		v += 100;
		memcpy(nb, &v, sizeof v);
		d.mv_data = nb;
		assert_int_equal(mdb_put(txn, dbi, savedk, &d, 0), 0);
	} else {
		/* The same record under the next day: a day never posted. */
		kb[k.mv_size - 1] ^= 0x80;
		assert_int_equal(mdb_put(txn, dbi, savedk, saved,
		    MDB_NOOVERWRITE), 0);
	}
commit:
	assert_int_equal(mdb_txn_commit(txn), 0);
	mdb_env_close(env);
}

static void
tamper_cases(const char *dir)
{
	static const struct {
		const char	*db;
		int		 how;
		const char	*what;
	} cases[] = {
		{ "period", T_CHANGE, "a day's debit changed" },
		{ "period", T_DELETE, "a day's record deleted" },
		{ "period", T_ADD, "a day that never was" },
		{ "balance", T_CHANGE, "a balance changed" },
		{ "balance", T_DELETE, "a balance deleted" },
	};
	struct verify_report	 rep;
	MDB_val			 saved, savedk;
	size_t			 i;
	int			 r;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		tamper(dir, cases[i].db, below(200), cases[i].how, &saved,
		    &savedk, 0);
		assert_int_equal(store_open(dir, 0, &st), 0);
		r = store_verify_quick(st, NULL, NULL, &rep);
		CHECK(r == STORE_E_CHAIN, "%s: quick verify says %s",
		    cases[i].what, store_strerror(r));
		CHECK(strstr(rep.what, cases[i].db) != NULL,
		    "%s: quick verify names %s", cases[i].what, rep.what);
		r = store_verify(st, tmproot, NULL, NULL, &rep);
		CHECK(r == STORE_E_CHAIN, "%s: verify says %s",
		    cases[i].what, store_strerror(r));
		store_close(st);
		tamper(dir, cases[i].db, 0, cases[i].how, &saved, &savedk, 1);
	}
	assert_int_equal(store_open(dir, 0, &st), 0);
	r = store_verify_quick(st, NULL, NULL, &rep);
	CHECK(r == 0, "quick verify after the undoing: %s", rep.what);
	store_close(st);
}

static void
test_periods(void **state)
{
	struct verify_report	 rep;
	char			 dir[4096 + 16], hash[128];
	const char		*s;
	uint32_t		 date, last, from, to;
	int			 bi, k, r, moved = 0;
	int64_t			 x;

	(void)state;
	s = getenv("LOKET_SEED");
	g_seed = s != NULL ? strtoull(s, NULL, 10) :
	    (unsigned long long)time(NULL);
	rng = g_seed;
	printf("# seed %llu\n", g_seed);

	snprintf(tmproot, sizeof tmproot, "%s/loket-period.XXXXXX",
	    getenv("TMPDIR") != NULL ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(tmproot));
	snprintf(dir, sizeof dir, "%s/data", tmproot);
	assert_int_equal(store_open(dir, STORE_CREATE, &st), 0);
	assert_int_equal(user_hash_password(PASSWORD, hash, sizeof hash), 0);

	first_day = date_from_ymd(2026, 1, 5);
	ndays = NDAYS + 2;
	for (bi = 0; bi < NBRANCH; bi++)
		setup_branch(bi, hash);
	for (date = first_day; date < first_day + NDAYS; date++) {
		for (bi = 0; bi < NBRANCH; bi++)
			day(bi, date);
	}
	last = first_day + NDAYS;	/* the open day, nothing posted */
	build_ref();

	/* 20 dates, the first and the last among them, and 20 ranges. */
	for (k = 0; k < 20; k++) {
		date = k == 0 ? first_day - 1 : k == 1 ? last :
		    first_day + below(NDAYS);
		compare(0, date);
	}
	for (k = 0; k < 20; k++) {
		from = first_day + below(NDAYS);
		to = k == 0 ? from : from + below(last - from + 1);
		if (k == 1)
			from = first_day;
		compare(from, to);
	}

	/* Something moved on many days: the dates were worth asking about. */
	for (date = first_day; date < last; date++) {
		ref_sum(ref_find(0, GL_CASH, 0), date, date, &x, &x);
		moved += x != 0;
	}
	CHECK(moved > NDAYS / 2, "cash moved on %d of %d days", moved, NDAYS);

	/* Bad questions. */
	{
		struct store_txn	*t;
		int64_t			 d, c;

		assert_int_equal(store_begin(st, 1, &t), 0);
		assert_int_equal(account_movement(t, "MOF", GL_VAULT, 0,
		    last, first_day, &d, &c), STORE_E_INVAL);
		assert_int_equal(account_balance_at(t, "MOF", 9999, 0, last,
		    &d), STORE_E_ACCOUNT);
		assert_int_equal(account_movement(t, "MOF", GL_SUKARELA,
		    NMEMBER + 1, first_day, last, &d, &c), STORE_E_ACCOUNT);
		store_abort(t);
	}

	r = store_verify(st, tmproot, NULL, NULL, &rep);
	CHECK(r == 0, "store_verify: %s", rep.what[0] ? rep.what :
	    store_strerror(r));
	r = store_verify_quick(st, NULL, NULL, &rep);
	CHECK(r == 0, "store_verify_quick: %s", rep.what[0] ? rep.what :
	    store_strerror(r));
	store_close(st);
	snprintf(dir, sizeof dir, "%s/data", tmproot);
	tamper_cases(dir);
	for (bi = 0; bi < NBRANCH; bi++) {
		for (k = 0; k < ref[bi].n; k++) {
			free(ref[bi].a[k].dr);
			free(ref[bi].a[k].cr);
		}
	}
	snprintf(dir, sizeof dir, "rm -rf '%s'", tmproot);
	assert_int_equal(system(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_periods),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
