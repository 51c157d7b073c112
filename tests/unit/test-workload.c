/*
 * tests/unit/test-workload.c: a seeded random workload against a real
 * LMDB folder, checked against an independent model.
 *
 * Ten thousand operations of a cooperative's day: deposits, withdrawals,
 * vault transfers, fees, expenses, reversals (allowed and refused), day
 * closes, replayed request ids, and requests that must be refused.  Each
 * is one store_post(), one durable transaction; about 3% are instead
 * groups of 2 to 6 requests in one store_post_many(), all or nothing,
 * some with a bad request in them or a request id repeated inside.
 *
 * The model is a plain array of balances, moved only when the store
 * accepted a request; for each request the model also says what the
 * store must answer (0 or which STORE_E_* code).  After every request the
 * journal's length, the business date, the balances it touched and the
 * journaled entry are compared with the model; every 500 requests, and
 * at the end, every balance.  At the end: debits equal credits, the books
 * are the same after closing and opening again, store_verify passes, and
 * the journal replayed (journal_get_raw, store_replay) into a second,
 * fresh store gives the same accounts, balances, users and chain head.
 *
 * The seed comes from LOKET_SEED, else from the clock; it is printed
 * first ("# seed N") and again with any failure, which also keeps the
 * books for a look.  LOKET_WORKLOAD_OPS changes the number of operations
 * (default 10000).
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

#include "store/store.h"

#define BR		"MOF"
#define PASSWORD	"rahasia-123"
#define ADMIN_PASSWORD	"admin-pass-1"
#define NOPS_DEFAULT	10000
#define NTELLER		3
#define NMEMBER		40
#define MAXACCT		64
#define MAXPOST		8
#define CHECK_ALL_EVERY	500
#define LOCKOUT		5

/* What went wrong, with the seed to reproduce it. */
static unsigned long long	 g_seed;
static int			 g_op = -1;
static char			 tmproot[4096];

static void failf(const char *, ...) __attribute__((format(printf, 1, 2)));

static void
failf(const char *fmt, ...)
{
	char	 msg[1024];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fail_msg("seed %llu (rerun with LOKET_SEED=%llu), op %d: %s "
	    "(books kept in %s)", g_seed, g_seed, g_op, msg, tmproot);
}

#define CHECK(cond, ...) do {						\
	if (!(cond))							\
		failf(__VA_ARGS__);					\
} while (0)

static const char *
rcname(int r)
{
	static char	 buf[4][128];
	static int	 i;

	if (r == 0)
		return "ok";
	i = (i + 1) % 4;
	snprintf(buf[i], sizeof buf[i], "%d (%s)", r, store_strerror(r));
	return buf[i];
}

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

/* ------------------------------------------------------------------ */
/* The model. */

struct macct {
	uint32_t	 gl;
	uint64_t	 sub;
	int		 asset;		/* debit-natural (asset, expense) */
	int		 floor;		/* natural balance may not go below 0 */
	int		 control;	/* takes no postings itself */
	int		 parent;	/* index of its control, or -1 */
	int64_t		 bal;		/* debit minus credit */
};

struct muser {
	const char	*login;
	uint8_t		 role;
	int		 disabled;
	int		 fails;
};

struct mentry {
	uint16_t	 kind;
	uint16_t	 npost;
	int		 reversed;
	struct posting	 post[MAXPOST];
};

static struct macct	 macc[MAXACCT];
static int		 nacct;
static int		 a_vault, a_opening, a_fee, a_opex, a_cash, a_suk;
static int		 a_teller[NTELLER], a_member[NMEMBER];

static struct muser	 users[] = {
	{ "admin", ROLE_ADMIN, 0, 0 },
	{ "sari", ROLE_SUPERVISOR, 0, 0 },
	{ "sonia", ROLE_SUPERVISOR, 0, 0 },
	{ "mira", ROLE_MANAGER, 0, 0 },
	{ "tono", ROLE_TELLER, 0, 0 },
	{ "tini", ROLE_TELLER, 0, 0 },
	{ "tari", ROLE_TELLER, 0, 0 },
	{ "dodi", ROLE_TELLER, 0, 0 },		/* disabled at set-up */
	{ "ani", ROLE_AUDITOR, 0, 0 },
};
#define NUSER	(sizeof users / sizeof users[0])
static const char	*posters[] = { "sari", "sonia", "mira" };
static const char	*tellers[] = { "tono", "tini", "tari" };

static struct mentry	*ments;		/* by seq; [0] unused */
static size_t		 ments_cap;
static uint64_t		 next_seq;	/* the model's journal length + 1 */
static uint32_t		 mdate;		/* the model's business date */

/* Request ids accepted so far, for replays. */
struct acc_id {
	char		 id[32];
	uint64_t	 seq;
};
static struct acc_id	*accepted;
static size_t		 naccepted, accepted_cap;

static int
add_acct(uint32_t gl, uint64_t sub, int asset, int floor, int control,
    int parent)
{
	struct macct	*a = &macc[nacct];

	a->gl = gl;
	a->sub = sub;
	a->asset = asset;
	a->floor = floor;
	a->control = control;
	a->parent = parent;
	a->bal = 0;
	return nacct++;
}

static int
find_acct(uint32_t gl, uint64_t sub)
{
	int	 i;

	for (i = 0; i < nacct; i++) {
		if (macc[i].gl == gl && macc[i].sub == sub)
			return i;
	}
	return -1;
}

static struct muser *
find_user(const char *login)
{
	size_t	 i;

	for (i = 0; i < NUSER; i++) {
		if (strcmp(users[i].login, login) == 0)
			return &users[i];
	}
	return NULL;
}

static int64_t
natural(const struct macct *a, int64_t amount)
{
	return a->asset ? amount : -amount;
}

static void
ments_add(uint16_t kind, const struct posting *p, uint16_t npost)
{
	struct mentry	*m;

	if (next_seq >= ments_cap) {
		ments_cap = ments_cap ? ments_cap * 2 : 1024;
		ments = realloc(ments, ments_cap * sizeof *ments);
		assert_non_null(ments);
	}
	m = &ments[next_seq];
	memset(m, 0, sizeof *m);
	m->kind = kind;
	m->npost = npost;
	assert_true(npost <= MAXPOST);
	if (npost != 0)
		memcpy(m->post, p, npost * sizeof *p);
	next_seq++;
}

/* Who may post what, as the design says. */
static int
may(uint8_t role, uint16_t kind)
{
	switch (kind) {
	case EK_JOURNAL:
		return (role & (ROLE_SUPERVISOR | ROLE_MANAGER)) != 0;
	case EK_REVERSAL:
		return (role & (ROLE_TELLER | ROLE_SUPERVISOR |
		    ROLE_MANAGER)) != 0;
	case EK_DAY_CLOSE:
		return (role & (ROLE_SUPERVISOR | ROLE_MANAGER |
		    ROLE_ADMIN)) != 0;
	default:
		return (role & ROLE_ADMIN) != 0;
	}
}

/*
 * Move the accounts by the postings as the store must: an unknown
 * account or a control refuses the whole entry, and so does a floored
 * account that the entry as a whole takes below zero (a teller's drawer
 * says so as STORE_E_CASH).  With apply, the model keeps the result.
 */
static int
model_moves(const struct posting *p, uint16_t n, int apply)
{
	int64_t		 tmp[MAXACCT], nb, net[MAXACCT];
	uint16_t	 i;
	int		 x;

	for (x = 0; x < nacct; x++) {
		tmp[x] = macc[x].bal;
		net[x] = 0;
	}
	for (i = 0; i < n; i++) {
		if ((x = find_acct(p[i].gl, p[i].sub)) < 0)
			return STORE_E_ACCOUNT;
		if (macc[x].control)
			return STORE_E_CONTROL;
		if (__builtin_add_overflow(net[x], p[i].amount, &net[x]))
			return STORE_E_OVERFLOW;
	}
	for (i = 0; i < n; i++) {
		x = find_acct(p[i].gl, p[i].sub);
		if (__builtin_add_overflow(macc[x].bal, net[x], &nb))
			return STORE_E_OVERFLOW;
		if (macc[x].floor && natural(&macc[x], net[x]) < 0 &&
		    natural(&macc[x], nb) < 0)
			return p[i].gl == GL_CASH && p[i].sub != 0 ?
			    STORE_E_CASH : STORE_E_MINIMUM;
	}
	for (i = 0; i < n; i++) {
		x = find_acct(p[i].gl, p[i].sub);
		if (__builtin_add_overflow(tmp[x], p[i].amount, &nb))
			return STORE_E_OVERFLOW;
		tmp[x] = nb;
		if (macc[x].parent >= 0)
			tmp[macc[x].parent] += p[i].amount;
	}
	if (apply) {
		for (x = 0; x < nacct; x++)
			macc[x].bal = tmp[x];
	}
	return 0;
}

/*
 * What the store must answer to q.  approver_ok says whether the
 * approver's password is the right one.  Updates the model's failure
 * counts as the store's sign-in does.
 */
static int
predict(const struct post_req *q, int approver_ok)
{
	struct muser	*u, *ap = NULL;
	const struct mentry *orig;
	int64_t		 sum = 0, a;
	uint64_t	 day;
	uint16_t	 i;

	if (q->approver != NULL && q->approver[0] != '\0') {
		if (q->approver_password == NULL)
			return STORE_E_APPROVAL;
		if ((ap = find_user(q->approver)) == NULL)
			return STORE_E_PASSWORD;
		if (ap->disabled)
			return STORE_E_DISABLED;
		if (ap->fails >= LOCKOUT)
			return STORE_E_LOCKED;
		if (!approver_ok) {
			ap->fails++;
			return ap->fails >= LOCKOUT ? STORE_E_LOCKED :
			    STORE_E_PASSWORD;
		}
		ap->fails = 0;
	}
	for (i = 0; i < q->npost; i++) {
		a = q->post[i].amount;
		if (a == 0)
			return STORE_E_AMOUNT;
		if (a > AMOUNT_MAX || a < -AMOUNT_MAX)
			return STORE_E_OVERFLOW;
		sum += a;
	}
	if (sum != 0)
		return STORE_E_UNBALANCED;
	if ((q->kind == EK_REVERSAL) != (q->reverses != 0))
		return STORE_E_INVAL;
	if ((u = find_user(q->user)) == NULL)
		return STORE_E_USER;
	if (u->disabled)
		return STORE_E_DISABLED;
	if (!may(u->role, q->kind))
		return STORE_E_ROLE;
	if (ap != NULL) {
		if (ap == u)
			return STORE_E_SELFAPPROVE;
		if (!(ap->role & (ROLE_SUPERVISOR | ROLE_MANAGER)))
			return STORE_E_SELFAPPROVE;
	} else if (q->kind == EK_REVERSAL && u->role == ROLE_TELLER)
		return STORE_E_APPROVAL;

	switch (q->kind) {
	case EK_JOURNAL:
		if (q->npost < 2)
			return STORE_E_INVAL;
		break;
	case EK_REVERSAL:
		if (q->reverses >= next_seq)
			return STORE_E_INVAL;
		orig = &ments[q->reverses];
		if (orig->reversed || orig->kind == EK_REVERSAL ||
		    orig->npost == 0)
			return STORE_E_REVERSED;
		if (orig->npost != q->npost)
			return STORE_E_INVAL;
		for (i = 0; i < q->npost; i++) {
			if (orig->post[i].gl != q->post[i].gl ||
			    orig->post[i].sub != q->post[i].sub ||
			    orig->post[i].amount != -q->post[i].amount)
				return STORE_E_INVAL;
		}
		break;
	case EK_DAY_CLOSE:
		if (q->nfield != 1 || q->field[0].tag != F_DATE)
			return STORE_E_INVAL;
		/* The value is a one- to three-byte varint: decode it. */
		day = 0;
		for (i = q->field[0].len; i > 0; i--)
			day = (day << 7) | (q->field[0].val[i - 1] & 0x7f);
		if (day != mdate || q->npost != 0)
			return STORE_E_INVAL;
		break;
	default:
		return STORE_E_INVAL;
	}
	return model_moves(q->post, q->npost, 0);
}

/* The model takes an accepted request. */
static void
model_accept(const struct post_req *q)
{
	assert_int_equal(model_moves(q->post, q->npost, 1), 0);
	if (q->kind == EK_REVERSAL)
		ments[q->reverses].reversed = 1;
	if (q->kind == EK_DAY_CLOSE)
		mdate++;
	ments_add(q->kind, q->post, q->npost);
}

/* ------------------------------------------------------------------ */
/* Requests. */

struct req {
	struct post_req	 q;
	char		 id[32];
	uint8_t		 vbuf[4][10];
	char		 text[128];
};

static size_t
varint(uint8_t *out, uint64_t v)
{
	size_t	 n = 0;

	do {
		out[n] = v & 0x7f;
		v >>= 7;
		if (v != 0)
			out[n] |= 0x80;
		n++;
	} while (v != 0);
	return n;
}

static void
req_init(struct req *r, uint16_t kind, const char *user, const char *idfmt,
    int n)
{
	memset(r, 0, sizeof *r);
	snprintf(r->id, sizeof r->id, idfmt, n);
	r->q.branch = BR;
	r->q.request_id = r->id;
	r->q.user = user;
	r->q.kind = kind;
}

static void
req_field(struct req *r, uint16_t tag, const void *v, size_t len)
{
	assert_true(r->q.nfield < ENTRY_MAXFIELD);
	r->q.field[r->q.nfield].tag = tag;
	r->q.field[r->q.nfield].len = len;
	r->q.field[r->q.nfield].val = v;
	r->q.nfield++;
}

static void
req_field_u64(struct req *r, uint16_t tag, int slot, uint64_t v)
{
	size_t	 n = varint(r->vbuf[slot], v);

	req_field(r, tag, r->vbuf[slot], n);
}

static void
req_post(struct req *r, int x, int64_t amount)
{
	assert_true(r->q.npost < ENTRY_MAXPOST);
	r->q.post[r->q.npost].gl = macc[x].gl;
	r->q.post[r->q.npost].sub = macc[x].sub;
	r->q.post[r->q.npost].amount = amount;
	r->q.npost++;
}

static void
req_post_raw(struct req *r, uint32_t gl, uint64_t sub, int64_t amount)
{
	assert_true(r->q.npost < ENTRY_MAXPOST);
	r->q.post[r->q.npost].gl = gl;
	r->q.post[r->q.npost].sub = sub;
	r->q.post[r->q.npost].amount = amount;
	r->q.npost++;
}

/* ------------------------------------------------------------------ */
/* Checking the store against the model. */

static struct store	*st;
static char		 dir[4096];

static void
check_balance(struct store_txn *t, int x)
{
	struct balance	 b;
	int		 r;

	r = account_balance(t, BR, macc[x].gl, macc[x].sub, &b);
	CHECK(r == 0, "account_balance %u.%" PRIu64 ": %s", macc[x].gl,
	    macc[x].sub, rcname(r));
	CHECK(b.amount == macc[x].bal, "balance of %u.%" PRIu64 " is %"
	    PRId64 ", the model says %" PRId64, macc[x].gl, macc[x].sub,
	    b.amount, macc[x].bal);
}

/* The journal's length, the date, and the balances q touches. */
static void
check_touched(const struct post_req *q)
{
	struct store_txn	*t;
	struct branch		 b;
	uint16_t		 i;
	int			 r, x;

	assert_int_equal(store_begin(st, 1, &t), 0);
	r = branch_get(t, BR, &b);
	CHECK(r == 0, "branch_get: %s", rcname(r));
	CHECK(b.next_seq == next_seq, "the journal has %" PRIu64
	    " entries, the model %" PRIu64, b.next_seq - 1, next_seq - 1);
	CHECK(b.date == mdate, "business date %u, the model's %u", b.date,
	    mdate);
	for (i = 0; q != NULL && i < q->npost; i++) {
		if ((x = find_acct(q->post[i].gl, q->post[i].sub)) < 0)
			continue;
		check_balance(t, x);
		if (macc[x].parent >= 0)
			check_balance(t, macc[x].parent);
	}
	store_abort(t);
}

/* The entry the store journaled says what was asked. */
static void
check_entry(const struct post_req *q, uint64_t seq)
{
	struct store_txn	*t;
	struct entry		*e;
	uint16_t		 i;
	int			 r;

	e = malloc(sizeof *e);
	assert_non_null(e);
	assert_int_equal(store_begin(st, 1, &t), 0);
	r = journal_get(t, BR, seq, e);
	store_abort(t);
	CHECK(r == 0, "journal_get %" PRIu64 ": %s", seq, rcname(r));
	CHECK(e->kind == q->kind && strcmp(e->user, q->user) == 0 &&
	    strcmp(e->approver, q->approver ? q->approver : "") == 0 &&
	    e->reverses == q->reverses && e->npost == q->npost &&
	    e->nfield == q->nfield,
	    "entry %" PRIu64 " differs from its request", seq);
	for (i = 0; i < q->npost; i++) {
		CHECK(e->post[i].gl == q->post[i].gl &&
		    e->post[i].sub == q->post[i].sub &&
		    e->post[i].amount == q->post[i].amount,
		    "entry %" PRIu64 " posting %u differs", seq, i);
	}
	free(e);
}

struct walked {
	struct account	 a;
	struct balance	 b;
};
struct walk {
	struct walked	*v;
	size_t		 n, cap;
};

static int
walk_cb(void *arg, const struct account *a, const struct balance *b)
{
	struct walk	*w = arg;

	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 64;
		if ((w->v = realloc(w->v, w->cap * sizeof *w->v)) == NULL)
			return ENOMEM;
	}
	w->v[w->n].a = *a;
	w->v[w->n].b = *b;
	w->n++;
	return 0;
}

static void
walk_store(struct store *s, struct walk *w)
{
	struct store_txn	*t;
	int			 r;

	memset(w, 0, sizeof *w);
	assert_int_equal(store_begin(s, 1, &t), 0);
	r = account_walk(t, BR, walk_cb, w);
	store_abort(t);
	CHECK(r == 0, "account_walk: %s", rcname(r));
}

/*
 * Every account the store lists: the model's have the model's balance,
 * the others (the chart's, never used here) are zero; every model
 * account is listed; the GL-level balances sum to zero.
 */
static void
check_all(void)
{
	struct walk	 w;
	int		 seen[MAXACCT];
	int64_t		 tb = 0, mtb = 0;
	size_t		 i;
	int		 x;

	memset(seen, 0, sizeof seen);
	walk_store(st, &w);
	for (i = 0; i < w.n; i++) {
		x = find_acct(w.v[i].a.gl, w.v[i].a.sub);
		if (x < 0) {
			CHECK(w.v[i].b.amount == 0, "account %u.%" PRIu64
			    " moved to %" PRId64 " but the model never "
			    "posted to it", w.v[i].a.gl, w.v[i].a.sub,
			    w.v[i].b.amount);
		} else {
			seen[x] = 1;
			CHECK(w.v[i].b.amount == macc[x].bal, "balance of %u.%"
			    PRIu64 " is %" PRId64 ", the model says %" PRId64,
			    macc[x].gl, macc[x].sub, w.v[i].b.amount,
			    macc[x].bal);
		}
		if (w.v[i].a.sub == 0)
			tb += w.v[i].b.amount;
	}
	for (x = 0; x < nacct; x++) {
		CHECK(seen[x], "account %u.%" PRIu64 " is not listed",
		    macc[x].gl, macc[x].sub);
		if (macc[x].sub == 0)
			mtb += macc[x].bal;
	}
	CHECK(tb == 0, "debits and credits differ by %" PRId64, tb);
	CHECK(mtb == 0, "the model's debits and credits differ by %" PRId64,
	    mtb);
	free(w.v);
}

static void
remember_id(const char *id, uint64_t seq)
{
	if (naccepted == accepted_cap) {
		accepted_cap = accepted_cap ? accepted_cap * 2 : 1024;
		accepted = realloc(accepted, accepted_cap * sizeof *accepted);
		assert_non_null(accepted);
	}
	snprintf(accepted[naccepted].id, sizeof accepted[0].id, "%s", id);
	accepted[naccepted].seq = seq;
	naccepted++;
}

/*
 * Post one request; the store must answer what the model predicted.
 * Accepted: the model moves and the journal grows by one entry that
 * says what was asked.  Refused: nothing changed.
 */
static void
post_expect(struct req *r, int want)
{
	struct post_result	 res;
	int			 got;

	memset(&res, 0xa5, sizeof res);
	got = store_post(st, &r->q, &res);
	CHECK(got == want, "kind %s by %s%s%s (%u postings, reverses %"
	    PRIu64 "): store said %s, the model %s",
	    entry_kind_name(r->q.kind), r->q.user,
	    r->q.approver ? " approved by " : "",
	    r->q.approver ? r->q.approver : "", r->q.npost, r->q.reverses,
	    rcname(got), rcname(want));
	if (got == 0) {
		CHECK(res.replayed == 0, "a new request id came back "
		    "replayed");
		CHECK(res.seq == next_seq, "posted as entry %" PRIu64
		    ", the model expected %" PRIu64, res.seq, next_seq);
		model_accept(&r->q);
		check_entry(&r->q, res.seq);
		remember_id(r->id, res.seq);
	}
	check_touched(&r->q);
}

/* ------------------------------------------------------------------ */
/* Set-up: users, accounts, money in the vault and the drawers. */

static char	 hash[128];

static void
setup_book(void)
{
	struct init_req	 ir;
	struct req	 r;
	char		 name[64];
	size_t		 i;
	int		 n = 0, x;

	memset(&ir, 0, sizeof ir);
	ir.coop = "Kopdit Sehati";
	ir.branch = BR;
	ir.branch_name = "Cabang Maumere";
	ir.date = date_from_ymd(2026, 11, 2);
	ir.admin = "admin";
	ir.admin_name = "Maria Goreti";
	ir.admin_password = ADMIN_PASSWORD;
	assert_int_equal(store_init(st, &ir), 0);
	mdate = ir.date;
	next_seq = 1;
	ments_add(EK_BRANCH_OPEN, NULL, 0);
	ments_add(EK_USER_ADD, NULL, 0);

	/* yescrypt is slow: one hash for everyone. */
	assert_int_equal(user_hash_password(PASSWORD, hash, sizeof hash), 0);

	for (i = 1; i < NUSER; i++) {
		req_init(&r, EK_USER_ADD, "admin", "setup-%d", n++);
		snprintf(r.text, sizeof r.text, "Pengguna %s", users[i].login);
		req_field(&r, F_NAME, r.text, strlen(r.text));
		req_field(&r, F_LOGIN, users[i].login,
		    strlen(users[i].login));
		req_field_u64(&r, F_ROLE, 0, users[i].role);
		req_field(&r, F_HASH, hash, strlen(hash));
		post_expect(&r, 0);
	}
	req_init(&r, EK_USER_SET, "admin", "setup-%d", n++);
	req_field(&r, F_LOGIN, "dodi", 4);
	req_field_u64(&r, F_FLAGS, 0, USER_F_DISABLED);
	post_expect(&r, 0);
	find_user("dodi")->disabled = 1;

	a_vault = add_acct(GL_VAULT, 0, 1, 1, 0, -1);
	a_opening = add_acct(GL_OPENING, 0, 0, 0, 0, -1);
	a_fee = add_acct(GL_LOAN_FEE, 0, 0, 0, 0, -1);
	a_opex = add_acct(GL_OPEX, 0, 1, 0, 0, -1);
	a_cash = add_acct(GL_CASH, 0, 1, 0, 1, -1);
	a_suk = add_acct(GL_SUKARELA, 0, 0, 0, 1, -1);
	for (i = 0; i < NTELLER + NMEMBER; i++) {
		int	 teller = i < NTELLER;

		if (teller)
			snprintf(name, sizeof name, "Kas %s", tellers[i]);
		else
			snprintf(name, sizeof name, "Sukarela anggota %03zu",
			    i - NTELLER + 1);
		req_init(&r, EK_ACCOUNT_OPEN, i % 2 ? "mira" : "admin",
		    "setup-%d", n++);
		snprintf(r.text, sizeof r.text, "%s", name);
		req_field(&r, F_NAME, r.text, strlen(r.text));
		req_field_u64(&r, F_GL, 0, teller ? GL_CASH : GL_SUKARELA);
		req_field_u64(&r, F_SUB, 1, teller ? i + 1 : i - NTELLER + 1);
		post_expect(&r, 0);
		if (teller)
			a_teller[i] = add_acct(GL_CASH, i + 1, 1, 1, 0,
			    a_cash);
		else
			a_member[i - NTELLER] = add_acct(GL_SUKARELA,
			    i - NTELLER + 1, 0, 1, 0, a_suk);
	}

	/* Rp 500 million into the vault, Rp 20 million to each drawer. */
	req_init(&r, EK_JOURNAL, "sari", "setup-%d", n++);
	req_post(&r, a_vault, INT64_C(50000000000));
	req_post(&r, a_opening, -INT64_C(50000000000));
	post_expect(&r, 0);
	for (x = 0; x < NTELLER; x++) {
		req_init(&r, EK_JOURNAL, "sari", "setup-%d", n++);
		req_post(&r, a_teller[x], INT64_C(2000000000));
		req_post(&r, a_vault, -INT64_C(2000000000));
		post_expect(&r, 0);
	}
	check_all();
}

/* ------------------------------------------------------------------ */
/* The operations. */

static int64_t
amount_upto(int64_t max)
{
	int64_t	 a;

	if (max < 1)
		max = 1;
	a = 1 + (int64_t)below((uint64_t)max);
	if (below(4) != 0)		/* mostly whole Rupiah */
		a = a - a % 100 + 100;
	return a;
}

static int64_t
natbal(int x)
{
	return natural(&macc[x], macc[x].bal);
}

static const char *
pick(const char **v, size_t n)
{
	return v[below(n)];
}

#define PICK(v)	pick(v, sizeof v / sizeof v[0])

/* A normal posting between accounts, which may still hit a floor. */
static void
op_money(struct req *r, int op)
{
	int	 t = a_teller[below(NTELLER)], m = a_member[below(NMEMBER)];
	int	 t2 = a_teller[below(NTELLER)];
	int64_t	 amt, fee;
	int	 k = (int)below(100);

	req_init(r, EK_JOURNAL, PICK(posters), "w%d", op);
	if (k < 35) {			/* cash deposit */
		amt = amount_upto(500000000);
		req_post(r, t, amt);
		req_post(r, m, -amt);
	} else if (k < 55) {		/* withdrawal, at times too much */
		amt = amount_upto(natbal(m) + natbal(m) / 8 + 10000);
		req_post(r, m, amt);
		req_post(r, t, -amt);
	} else if (k < 63) {		/* vault to drawer */
		amt = amount_upto(natbal(a_vault) / 20);
		req_post(r, t, amt);
		req_post(r, a_vault, -amt);
	} else if (k < 71) {		/* drawer back to the vault */
		amt = amount_upto(natbal(t) + natbal(t) / 10 + 100);
		req_post(r, a_vault, amt);
		req_post(r, t, -amt);
	} else if (k < 76) {		/* drawer to drawer */
		amt = amount_upto(natbal(t) / 2 + 100);
		if (t == t2)
			t2 = a_teller[(t == a_teller[0]) ? 1 : 0];
		req_post(r, t2, amt);
		req_post(r, t, -amt);
	} else if (k < 83) {		/* an administration fee */
		amt = amount_upto(2500000);
		req_post(r, m, amt);
		req_post(r, a_fee, -amt);
	} else if (k < 88) {		/* an expense from the vault */
		amt = amount_upto(10000000);
		req_post(r, a_opex, amt);
		req_post(r, a_vault, -amt);
	} else if (k < 95) {		/* withdrawal with a fee */
		amt = amount_upto(natbal(m) + 100000);
		fee = amount_upto(500000);
		req_post(r, m, amt + fee);
		req_post(r, t, -amt);
		req_post(r, a_fee, -fee);
	} else {			/* more money for the vault */
		amt = amount_upto(INT64_C(5000000000));
		req_post(r, a_vault, amt);
		req_post(r, a_opening, -amt);
	}
}

/* A reversal of an earlier entry, by various people. */
static void
op_reversal(struct req *r, int op, int *approver_ok)
{
	const struct mentry	*o;
	uint64_t		 target;
	uint16_t		 i;
	int			 k = (int)below(1000), who = (int)below(100);

	if (k < 600 && next_seq > 60)	/* a recent one */
		target = next_seq - 1 - below(50);
	else if (k < 980)
		target = 1 + below(next_seq - 1);
	else if (k < 990)		/* one that does not exist yet */
		target = next_seq + below(3);
	else
		target = 0;		/* none: malformed */

	if (who < 80)
		req_init(r, EK_REVERSAL, PICK(posters), "w%d", op);
	else
		req_init(r, EK_REVERSAL, PICK(tellers), "w%d", op);
	r->q.reverses = target;
	if (who >= 80 && who < 86) {		/* approved at the counter */
		r->q.approver = below(2) ? "sari" : "sonia";
		if (below(6) == 0) {
			r->q.approver_password = "salah-sandi";
			*approver_ok = 0;
		} else
			r->q.approver_password = PASSWORD;
	} else if (who >= 86 && who < 88) {	/* "approved" by a teller */
		r->q.approver = PICK(tellers);
		r->q.approver_password = PASSWORD;
	}
	/* else: alone; a teller alone is refused */

	if (target == 0 || target >= next_seq) {
		req_post(r, a_vault, 100);
		req_post(r, a_opening, -100);
		return;
	}
	o = &ments[target];
	for (i = 0; i < o->npost; i++)
		req_post_raw(r, o->post[i].gl, o->post[i].sub,
		    -o->post[i].amount);
	if (o->npost >= 2 && below(20) == 0) {	/* postings that differ */
		if (below(2)) {
			r->q.post[0].amount = -r->q.post[0].amount;
			r->q.post[1].amount = -r->q.post[1].amount;
		} else if (o->npost == 2) {
			r->q.post[0].amount *= 2;
			r->q.post[1].amount *= 2;
		} else {		/* the last two folded into one */
			r->q.npost--;
			r->q.post[r->q.npost - 1].amount +=
			    r->q.post[r->q.npost].amount;
		}
	}
}

/* A request the store must refuse, one fault at a time. */
static void
op_bad(struct req *r, int op, int *approver_ok)
{
	int	 t = a_teller[below(NTELLER)], m = a_member[below(NMEMBER)];
	int64_t	 amt = amount_upto(1000000);

	req_init(r, EK_JOURNAL, PICK(posters), "w%d", op);
	switch (below(12)) {
	case 0:				/* nothing to move */
		req_post(r, t, 0);
		req_post(r, m, 0);
		break;
	case 1:				/* one side bigger */
		req_post(r, t, amt);
		req_post(r, m, -amt + 1);
		break;
	case 2:				/* a member nobody opened */
		req_post(r, t, amt);
		req_post_raw(r, GL_SUKARELA, NMEMBER + 1 + below(1000), -amt);
		break;
	case 3:				/* a GL that is not in the chart */
		req_post(r, t, amt);
		req_post_raw(r, 9999, 0, -amt);
		break;
	case 4:				/* straight into a control */
		req_post(r, a_cash, amt);
		req_post(r, m, -amt);
		break;
	case 5:				/* more than there is */
		req_post(r, a_vault, AMOUNT_MAX + 1);
		req_post(r, a_opening, -(AMOUNT_MAX + 1));
		break;
	case 6:				/* a teller may not post journals */
		r->q.user = PICK(tellers);
		req_post(r, t, amt);
		req_post(r, m, -amt);
		break;
	case 7:				/* nor an auditor */
		r->q.user = "ani";
		req_post(r, t, amt);
		req_post(r, m, -amt);
		break;
	case 8:				/* nor a disabled user */
		r->q.user = "dodi";
		req_post(r, t, amt);
		req_post(r, m, -amt);
		break;
	case 9:				/* nor someone unknown */
		r->q.user = "siapa";
		req_post(r, t, amt);
		req_post(r, m, -amt);
		break;
	case 10:			/* a withdrawal past the balance */
		amt = natbal(m) + 1 + (int64_t)below(100000);
		req_post(r, m, amt);
		req_post(r, t, -amt);
		break;
	default:			/* an entry with no postings */
		if (below(10) == 0) {	/* or approving oneself */
			r->q.approver = r->q.user;
			r->q.approver_password = below(2) ? PASSWORD :
			    "salah-sandi";
			*approver_ok = r->q.approver_password[0] == 'r';
			req_post(r, t, amt);
			req_post(r, m, -amt);
		}
		break;
	}
}

static void
op_day_close(struct req *r, int op)
{
	req_init(r, EK_DAY_CLOSE, below(2) ? PICK(posters) : "admin", "w%d",
	    op);
	if (below(5) == 0)		/* the wrong day */
		req_field_u64(r, F_DATE, 0, below(2) ? mdate - 1 : mdate + 1);
	else
		req_field_u64(r, F_DATE, 0, mdate);
}

/* A request id seen before: the first answer, and nothing posted. */
static void
op_replay(int op)
{
	struct post_result	 res;
	struct req		 r;
	size_t			 j = below(naccepted);
	int			 got;

	op_money(&r, op);
	snprintf(r.id, sizeof r.id, "%s", accepted[j].id);
	got = store_post(st, &r.q, &res);
	CHECK(got == 0, "replay of %s: %s", r.id, rcname(got));
	CHECK(res.replayed == 1, "replay of %s posted anew as %" PRIu64,
	    r.id, res.seq);
	CHECK(res.seq == accepted[j].seq, "replay of %s gave entry %" PRIu64
	    ", first posted as %" PRIu64, r.id, res.seq, accepted[j].seq);
	check_touched(&r.q);
}

struct tally {
	int	 tried, accepted, replayed;
	int	 reversed, approved, closed;
	int	 batches, batches_refused;
	int	 refused[STORE_E_BASE - STORE_E_LAST];
};

/*
 * Two to five requests in one store_post_many(): all or nothing.  Now
 * and then one of them is bad, or one more repeats the first one's
 * request id (replayed inside the batch).
 */
#define BATCH_MAX	6
static void
op_batch(int op, struct tally *ty)
{
	struct req		*rs;
	struct post_req		 qs[BATCH_MAX];
	struct post_result	 res[BATCH_MAX];
	int64_t			 saved[MAXACCT];
	uint64_t		 first = next_seq;
	int			 n = 2 + (int)below(4), nq, i, x, got;
	int			 want = 0, bad = -1, dup = below(8) == 0;

	rs = calloc(BATCH_MAX, sizeof *rs);
	assert_non_null(rs);
	if (below(4) == 0)
		bad = (int)below((uint64_t)n);
	for (i = 0; i < n; i++) {
		op_money(&rs[i], op);
		snprintf(rs[i].id, sizeof rs[i].id, "b%d.%d", op, i);
		if (i == bad) {
			switch (below(3)) {
			case 0:
				rs[i].q.post[0].amount = 0;
				rs[i].q.post[1].amount = 0;
				break;
			case 1:
				rs[i].q.post[1].amount -= 1;
				break;
			default:
				rs[i].q.post[1].gl = 9999;
				rs[i].q.post[1].sub = 0;
				break;
			}
		}
	}
	nq = n;
	if (dup) {
		op_money(&rs[nq], op);
		snprintf(rs[nq].id, sizeof rs[nq].id, "b%d.%d", op, 0);
		nq++;
	}

	/* The model takes them one by one, and forgets them all on error. */
	for (x = 0; x < nacct; x++)
		saved[x] = macc[x].bal;
	for (i = 0; i < n; i++) {
		if ((want = predict(&rs[i].q, 1)) != 0)
			break;
		model_accept(&rs[i].q);
	}
	if (want != 0) {
		for (x = 0; x < nacct; x++)
			macc[x].bal = saved[x];
		next_seq = first;
	}

	for (i = 0; i < nq; i++)
		qs[i] = rs[i].q;
	got = store_post_many(st, qs, (size_t)nq, res);
	CHECK(got == want, "a batch of %d (bad: %d, repeated id: %d): store "
	    "said %s, the model %s", nq, bad, dup, rcname(got),
	    rcname(want));
	ty->batches++;
	if (want != 0)
		ty->batches_refused++;
	for (i = 0; want == 0 && i < n; i++) {
		CHECK(res[i].seq == first + (uint64_t)i && !res[i].replayed,
		    "batch item %d posted as %" PRIu64 " (replayed %d), the "
		    "model expected %" PRIu64, i, res[i].seq,
		    res[i].replayed, first + (uint64_t)i);
		check_entry(&rs[i].q, res[i].seq);
		remember_id(rs[i].id, res[i].seq);
	}
	if (want == 0 && dup)
		CHECK(res[n].replayed == 1 && res[n].seq == first,
		    "the repeated id inside a batch gave %" PRIu64
		    " (replayed %d), not %" PRIu64, res[n].seq,
		    res[n].replayed, first);
	for (i = 0; i < nq; i++)
		check_touched(&rs[i].q);
	free(rs);
}

static void
run_op(int op, struct tally *ty)
{
	struct req	 r;
	int		 k = (int)below(1000), want, approver_ok = 1;

	if (k < 30 && naccepted > 0) {
		op_replay(op);
		ty->replayed++;
		return;
	}
	if (k < 60) {
		op_batch(op, ty);
		return;
	}
	if (k < 700)
		op_money(&r, op);
	else if (k < 820)
		op_reversal(&r, op, &approver_ok);
	else if (k < 990)
		op_bad(&r, op, &approver_ok);
	else
		op_day_close(&r, op);
	want = predict(&r.q, approver_ok);
	post_expect(&r, want);
	ty->tried++;
	if (want == 0) {
		ty->accepted++;
		if (r.q.kind == EK_REVERSAL)
			ty->reversed++;
		if (r.q.approver != NULL)
			ty->approved++;
		if (r.q.kind == EK_DAY_CLOSE)
			ty->closed++;
	}
	else if (want < STORE_E_BASE && want > STORE_E_LAST)
		ty->refused[STORE_E_BASE - want]++;
}

/* ------------------------------------------------------------------ */
/* Replaying the journal into a fresh store. */

struct ulist {
	struct user	 u[32];
	size_t		 n;
};

static int
user_cb(void *arg, const struct user *u)
{
	struct ulist	*l = arg;

	if (l->n == sizeof l->u / sizeof l->u[0])
		return E2BIG;
	l->u[l->n++] = *u;
	return 0;
}

static void
rm_store(const char *d)
{
	char	 f[4096 + 16];

	snprintf(f, sizeof f, "%s/data.mdb", d);
	(void)unlink(f);
	snprintf(f, sizeof f, "%s/lock.mdb", d);
	(void)unlink(f);
	(void)rmdir(d);
}

static void
check_replay(void)
{
	struct store		*fresh = NULL;
	struct store_txn	*lt, *ft;
	struct branch		 lb, fb;
	struct walk		 lw, fw;
	struct ulist		 lu, fu;
	const uint8_t		*bytes;
	uint8_t			 h[HASH_LEN], live[HASH_LEN];
	struct verify_report	 rep;
	char			 fdir[4096 + 16];
	size_t			 len, i;
	uint64_t		 seq;
	int			 r;

	snprintf(fdir, sizeof fdir, "%s/fresh", tmproot);
	assert_int_equal(store_open(fdir, STORE_CREATE, &fresh), 0);
	assert_int_equal(store_begin(st, 1, &lt), 0);
	assert_int_equal(store_begin(fresh, 0, &ft), 0);
	for (seq = 1; seq < next_seq; seq++) {
		r = journal_get_raw(lt, BR, seq, &bytes, &len);
		CHECK(r == 0, "journal_get_raw %" PRIu64 ": %s", seq,
		    rcname(r));
		r = store_replay(ft, BR, seq, bytes, len, h);
		CHECK(r == 0, "store_replay %" PRIu64 ": %s", seq, rcname(r));
		r = journal_hash(lt, BR, seq, live);
		CHECK(r == 0 && memcmp(h, live, HASH_LEN) == 0,
		    "the chain differs at %" PRIu64, seq);
	}
	CHECK(journal_get_raw(lt, BR, next_seq, &bytes, &len) ==
	    STORE_E_NOTFOUND, "the journal goes past the model's end");
	store_abort(lt);
	assert_int_equal(store_commit(ft), 0);

	/* The same branch record: date, length, chain head. */
	assert_int_equal(store_begin(st, 1, &lt), 0);
	assert_int_equal(store_begin(fresh, 1, &ft), 0);
	assert_int_equal(branch_get(lt, BR, &lb), 0);
	assert_int_equal(branch_get(ft, BR, &fb), 0);
	CHECK(lb.date == fb.date && lb.next_seq == fb.next_seq &&
	    lb.flags == fb.flags && strcmp(lb.name, fb.name) == 0 &&
	    strcmp(lb.tz, fb.tz) == 0 &&
	    memcmp(lb.head, fb.head, HASH_LEN) == 0,
	    "the rebuilt branch record differs");
	CHECK(lb.next_seq == next_seq, "journal length");

	/* The same users. */
	memset(&lu, 0, sizeof lu);
	memset(&fu, 0, sizeof fu);
	assert_int_equal(user_list(lt, BR, user_cb, &lu), 0);
	assert_int_equal(user_list(ft, BR, user_cb, &fu), 0);
	store_abort(lt);
	store_abort(ft);
	CHECK(lu.n == NUSER && fu.n == lu.n, "users: %zu live, %zu rebuilt, "
	    "%zu in the model", lu.n, fu.n, NUSER);
	for (i = 0; i < lu.n; i++) {
		CHECK(strcmp(lu.u[i].login, fu.u[i].login) == 0 &&
		    strcmp(lu.u[i].name, fu.u[i].name) == 0 &&
		    lu.u[i].role == fu.u[i].role &&
		    lu.u[i].flags == fu.u[i].flags &&
		    strcmp(lu.u[i].hash, fu.u[i].hash) == 0,
		    "user %s differs when rebuilt", lu.u[i].login);
	}

	/* The same accounts and balances, to the last entry that moved them. */
	walk_store(st, &lw);
	walk_store(fresh, &fw);
	CHECK(lw.n == fw.n, "%zu accounts live, %zu rebuilt", lw.n, fw.n);
	for (i = 0; i < lw.n; i++) {
		const struct walked *a = &lw.v[i], *b = &fw.v[i];

		CHECK(a->a.gl == b->a.gl && a->a.sub == b->a.sub &&
		    a->a.type == b->a.type && a->a.flags == b->a.flags &&
		    a->a.min == b->a.min && strcmp(a->a.name, b->a.name) == 0,
		    "account %u.%" PRIu64 " differs when rebuilt", a->a.gl,
		    a->a.sub);
		CHECK(a->b.amount == b->b.amount &&
		    a->b.last_seq == b->b.last_seq,
		    "balance of %u.%" PRIu64 ": %" PRId64 " (entry %" PRIu64
		    ") live, %" PRId64 " (entry %" PRIu64 ") rebuilt",
		    a->a.gl, a->a.sub, a->b.amount, a->b.last_seq,
		    b->b.amount, b->b.last_seq);
	}
	free(lw.v);
	free(fw.v);

	r = store_verify(fresh, tmproot, NULL, NULL, &rep);
	CHECK(r == 0, "verify of the rebuilt store: %s: branch %s entry %"
	    PRIu64 ": %s", rcname(r), rep.branch, rep.bad_seq, rep.what);
	store_close(fresh);
	rm_store(fdir);
}

/* ------------------------------------------------------------------ */

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
test_workload(void **state)
{
	struct verify_report	 rep;
	struct tally		 ty;
	const char		*e, *tmp;
	double			 t0, t1, t2;
	int			 nops = NOPS_DEFAULT, op, r;
	size_t			 i;

	(void)state;
	if ((e = getenv("LOKET_WORKLOAD_OPS")) != NULL)
		nops = atoi(e);
	tmp = getenv("TMPDIR");
	snprintf(tmproot, sizeof tmproot, "%s/loket-workload.XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	assert_non_null(mkdtemp(tmproot));
	snprintf(dir, sizeof dir, "%s/live", tmproot);
	assert_int_equal(store_open(dir, STORE_CREATE, &st), 0);

	t0 = now();
	setup_book();
	memset(&ty, 0, sizeof ty);
	for (op = 0; op < nops; op++) {
		g_op = op;
		run_op(op, &ty);
		if (op % CHECK_ALL_EVERY == CHECK_ALL_EVERY - 1)
			check_all();
	}
	g_op = -1;
	t1 = now();
	check_all();

	/* Closed and opened again, the books are the same. */
	store_close(st);
	st = NULL;
	assert_int_equal(store_open(dir, 0, &st), 0);
	check_touched(NULL);
	check_all();

	r = store_verify(st, tmproot, NULL, NULL, &rep);
	CHECK(r == 0, "store_verify: %s: branch %s entry %" PRIu64 ": %s",
	    rcname(r), rep.branch, rep.bad_seq, rep.what);
	CHECK(rep.entries == next_seq - 1, "verify counted %" PRIu64
	    " entries, the journal has %" PRIu64, rep.entries, next_seq - 1);
	check_replay();
	t2 = now();

	printf("# %d operations: %d posted (%d reversals, %d of them "
	    "approved at the counter; %d day closes), %d replayed ids, "
	    "%d refused; %d batches (%d refused whole); %" PRIu64
	    " entries\n", nops, ty.accepted, ty.reversed, ty.approved,
	    ty.closed, ty.replayed, ty.tried - ty.accepted, ty.batches,
	    ty.batches_refused, next_seq - 1);
	printf("# refused:");
	for (i = 1; i < sizeof ty.refused / sizeof ty.refused[0]; i++) {
		if (ty.refused[i] != 0)
			printf(" %s %d;", store_strerror(STORE_E_BASE -
			    (int)i), ty.refused[i]);
	}
	printf("\n# time: workload %.1f s, verify and rebuild %.1f s\n",
	    t1 - t0, t2 - t1);
	fflush(stdout);

	/* Every kind of refusal was seen at least once. */
	CHECK(nops < 2000 ||
	    (ty.reversed > 0 && ty.approved > 0 && ty.closed > 0 &&
	    ty.batches_refused > 0 && ty.batches > ty.batches_refused &&
	    mdate == date_from_ymd(2026, 11, 2) + (uint32_t)ty.closed &&
	    ty.refused[STORE_E_BASE - STORE_E_MINIMUM] > 0 &&
	    ty.refused[STORE_E_BASE - STORE_E_AMOUNT] > 0 &&
	    ty.refused[STORE_E_BASE - STORE_E_UNBALANCED] > 0 &&
	    ty.refused[STORE_E_BASE - STORE_E_ACCOUNT] > 0 &&
	    ty.refused[STORE_E_BASE - STORE_E_CONTROL] > 0 &&
	    ty.refused[STORE_E_BASE - STORE_E_ROLE] > 0 &&
	    ty.refused[STORE_E_BASE - STORE_E_APPROVAL] > 0 &&
	    ty.refused[STORE_E_BASE - STORE_E_REVERSED] > 0 &&
	    ty.refused[STORE_E_BASE - STORE_E_INVAL] > 0),
	    "some kinds of request were never tried");

	store_close(st);
	st = NULL;
	rm_store(dir);
	(void)rmdir(tmproot);
	free(ments);
	free(accepted);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_workload),
	};
	const char	*e;

	if ((e = getenv("LOKET_SEED")) != NULL && *e != '\0')
		g_seed = strtoull(e, NULL, 10);
	else
		g_seed = (unsigned long long)time(NULL) ^
		    ((unsigned long long)getpid() << 20);
	rng = g_seed;
	printf("# seed %llu (rerun with LOKET_SEED=%llu)\n", g_seed, g_seed);
	fflush(stdout);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
