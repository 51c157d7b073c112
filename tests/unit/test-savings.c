/*
 * tests/unit/test-savings.c: members, savings, drawers and end of day
 * through the store's public API, on real LMDB data folders (one mkdtemp
 * folder per test, removed afterwards, failed or not).
 *
 * - A seeded two months of a small branch (a teller, a supervisor, twenty
 *   members, random deposits and withdrawals, the drawer counted and the
 *   day closed every day), run once with interest on the lowest balance
 *   and once, in a fresh book, on the average daily balance.  The test
 *   keeps its own model of every member's end-of-day sukarela balance and
 *   works out each month's interest and tax itself; the store's month-end
 *   entries must agree for every member, and no sen may vanish.  Two
 *   members are held at the tax threshold and one Rupiah of interest
 *   above it; the second month starts with balances carried in.
 * - savings_interest() on cases worked out by hand; a month end with more
 *   accounts than one entry holds.
 * - Berjangka: opened from cash and from sukarela, paid out at maturity
 *   with interest and tax, taken early with a penalty, refused when the
 *   amounts are not the store's.
 * - Every refusal of the counter and of the end of day: its own code,
 *   and nothing written.  Receipts.
 * - member_search() and member_wajib_due().
 *
 * The seed comes from LOKET_SEED, else from the clock, and is printed
 * first ("# seed N") and with any model mismatch.  Each scenario ends
 * with store_verify().
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <ftw.h>
#include <inttypes.h>
#include <limits.h>
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

#include "tests/unit/fixture.h"

const char	 fixture_name[] = "savings";

/* domain.md's figures, the store's defaults. */
#define POKOK		RP(100000)
#define WAJIB		RP(25000)
#define SUK_MIN		RP(10000)
#define RATE_BP		300
#define THRESHOLD	RP(240000)
#define TAX_PCT		10
#define TELLER_LIMIT	RP(5000000)

static unsigned long long	 g_seed;

static void failf(const char *, ...) __attribute__((format(printf, 1, 2)));

static void
failf(const char *fmt, ...)
{
	char	 msg[1024];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fail_msg("seed %llu (rerun with LOKET_SEED=%llu): %s", g_seed, g_seed,
	    msg);
}

/* xorshift64*: the whole run follows from the seed. */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * UINT64_C(2685821657736338717);
}

static uint64_t
pick(uint64_t *s, uint64_t n)
{
	return n == 0 ? 0 : rnd(s) % n;
}

static uint32_t
ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static const char *
rp(int64_t sen, char *buf, size_t len)
{
	if (money_format(sen, buf, len) != 0)
		snprintf(buf, len, "%" PRId64 " sen", sen);
	return buf;
}

/* -- the independent computation ---------------------------------------- */

static int64_t
floor_rupiah(int64_t sen)
{
	return sen - sen % 100;
}

/* base × rate × days / (365 × 10000), rounded down to whole Rupiah. */
static int64_t
model_interest(int64_t base, int64_t rate_bp, int64_t days)
{
	if (base <= 0 || rate_bp <= 0)
		return 0;
	return floor_rupiah(base * rate_bp * days / (365 * 10000));
}

/* 10%, rounded down, only when the month's interest passes Rp 240.000. */
static int64_t
model_tax(int64_t interest)
{
	return interest > THRESHOLD ?
	    floor_rupiah(interest * TAX_PCT / 100) : 0;
}

/* principal × rate × months / 12, rounded down to whole Rupiah. */
static int64_t
model_term_interest(int64_t principal, int64_t rate_bp, int64_t months)
{
	return floor_rupiah(principal * rate_bp * months / (12 * 10000));
}

/* Taxed when the monthly equivalent passes the threshold. */
static int64_t
model_term_tax(int64_t interest, int64_t months)
{
	return interest / months > THRESHOLD ?
	    floor_rupiah(interest * TAX_PCT / 100) : 0;
}

/*
 * The smallest balance whose month's interest reaches the threshold
 * (above: passes it), among those that differ from like by whole hundreds
 * of Rupiah: what a teller can pay in or out in notes and coins.
 */
static int64_t
threshold_base(int64_t days, int above, int64_t like)
{
	int64_t	 b, in;

	b = THRESHOLD * 365 * 10000 / (RATE_BP * days);
	b -= b % RP(100) + RP(1000);
	b += like % RP(100);
	for (;;) {
		in = model_interest(b, RATE_BP, days);
		if (above ? in > THRESHOLD : in >= THRESHOLD)
			return b;
		b += RP(100);
	}
}

/* -- folders and books -------------------------------------------------- */

struct month_sim;
static struct month_sim		*g_sim;

static struct account
account_of(struct store *st, uint32_t gl, uint64_t sub)
{
	struct store_txn	*t;
	struct account		 a;

	assert_code(store_begin(st, 1, &t), 0);
	assert_code(account_get(t, BR, gl, sub, &a), 0);
	store_abort(t);
	return a;
}

/*
 * Entry seq of the branch's journal, in one of a few static buffers: a
 * failed assertion leaks nothing.
 */
static struct entry *
entry_at(struct store *st, uint64_t seq)
{
	static struct entry	 ring[4];
	static unsigned		 next;
	struct store_txn	*t;
	struct entry		*e = &ring[next++ % ARRAY_SIZE(ring)];

	assert_code(store_begin(st, 1, &t), 0);
	assert_code(journal_get(t, BR, seq, e), 0);
	store_abort(t);
	return e;
}

static int64_t
setting_of(struct store *st, const char *name)
{
	struct store_txn	*t;
	int64_t			 v;

	assert_code(store_begin(st, 1, &t), 0);
	v = savings_setting(t, BR, name);
	store_abort(t);
	return v;
}

/* Everything a refused request must leave as it was. */
struct snap_acct {
	uint32_t	 gl;
	uint64_t	 sub;
	uint8_t		 flags;
	int64_t		 amount;
	uint64_t	 last_seq;
};
struct snap {
	uint64_t		 next_seq;
	uint32_t		 date;
	uint8_t			 head[HASH_LEN];
	struct drawer		 dr[4];
	uint64_t		 members;
	size_t			 n, cap;
	struct snap_acct	*a;
};

static int
snap_one(void *arg, const struct account *a, const struct balance *b)
{
	struct snap	*s = arg;

	if (s->n == s->cap) {
		struct snap_acct *na;

		s->cap = s->cap ? s->cap * 2 : 256;
		if ((na = realloc(s->a, s->cap * sizeof *na)) == NULL)
			return ENOMEM;
		s->a = na;
	}
	memset(&s->a[s->n], 0, sizeof s->a[s->n]);
	s->a[s->n].gl = a->gl;
	s->a[s->n].sub = a->sub;
	s->a[s->n].flags = a->flags;
	s->a[s->n].amount = b->amount;
	s->a[s->n].last_seq = b->last_seq;
	s->n++;
	return 0;
}

/* Kept between uses and freed by cleanup(), failed assertion or not. */
static struct snap	 g_before, g_after;

static void
snap_take(struct store *st, struct snap *s)
{
	static const char	*logins[] = { "ani", "tono", "sisi", "mira" };
	struct store_txn	*t;
	struct branch		 b;
	struct snap_acct	*a = s->a;
	size_t			 i, cap = s->cap;

	memset(s, 0, sizeof *s);
	s->a = a;
	s->cap = cap;
	assert_code(store_begin(st, 1, &t), 0);
	assert_code(branch_get(t, BR, &b), 0);
	s->next_seq = b.next_seq;
	s->date = b.date;
	memcpy(s->head, b.head, HASH_LEN);
	for (i = 0; i < ARRAY_SIZE(logins); i++)
		assert_code(drawer_get(t, BR, logins[i], &s->dr[i]), 0);
	/* How many members there are: the next number is not taken. */
	for (s->members = 0;; s->members++) {
		struct member m;

		if (member_get(t, BR, s->members + 1, &m) != 0)
			break;
	}
	assert_code(account_walk(t, BR, snap_one, s), 0);
	store_abort(t);
}

static void
snap_same(const struct snap *a, const struct snap *b)
{
	assert_true(a->next_seq == b->next_seq);
	assert_int_equal(a->date, b->date);
	assert_memory_equal(a->head, b->head, HASH_LEN);
	assert_memory_equal(a->dr, b->dr, sizeof a->dr);
	assert_true(a->members == b->members);
	assert_int_equal(a->n, b->n);
	assert_memory_equal(a->a, b->a, a->n * sizeof a->a[0]);
}

static void
snap_free(struct snap *s)
{
	free(s->a);
	s->a = NULL;
	s->n = s->cap = 0;
}

/* Post q, which must be refused with want and write nothing. */
static void
post_refused_snap(struct store *st, const struct post_req *q, int want)
{
	struct post_result	 res;

	snap_take(st, &g_before);
	assert_code(store_post(st, q, &res), want);
	snap_take(st, &g_after);
	snap_same(&g_before, &g_after);
}

/* q was posted already: the first result again, and nothing written. */
static void
replayed(struct store *st, const struct post_req *q)
{
	struct post_result	 res;
	struct branch		 b = branch_of(st);

	snap_take(st, &g_before);
	memset(&res, 0, sizeof res);
	assert_code(store_post(st, q, &res), 0);
	assert_int_equal(res.replayed, 1);
	assert_true(res.seq > 0 && res.seq < b.next_seq);
	snap_take(st, &g_after);
	snap_same(&g_before, &g_after);
}

/* store_eod, which must be refused with want and write nothing. */
static void
eod_refused(struct store *st, const char *user, uint32_t day, int force,
    int want)
{
	struct eod_report	 rep;

	snap_take(st, &g_before);
	assert_code(store_eod(st, BR, user, day, force, 0, &rep), want);
	snap_take(st, &g_after);
	snap_same(&g_before, &g_after);
}

static uint32_t
drawer_of(struct book *b, const char *login)
{
	struct store_txn	*t;
	struct user		 u;

	assert_code(store_begin(b->st, 1, &t), 0);
	assert_code(user_get(t, BR, login, &u), 0);
	store_abort(t);
	return u.drawer;
}

static void
set_setting(struct book *b, const char *user, const char *key,
    const char *value)
{
	struct req	 r;

	req_init(&r, user, EK_SETTING);
	req_str(&r, F_KEY, key);
	req_str(&r, F_VALUE, value);
	post_ok(b->st, &r.q);
}

#define VAULT0	RP(INT64_C(10000000000))	/* Rp 10 miliar */

/*
 * A new book whose business date is day0: an admin, two tellers, a
 * supervisor and a manager, and the vault funded from the opening
 * balance by the supervisor.
 */
static struct book *
book_new(uint32_t day0)
{
	struct req	 r;
	struct book	*b;

	b = book_open(day0);
	/* As loket init does: the chart's newer accounts now, not at the
	   first end of day. */
	assert_code(store_chart_update(b->st, BR), 0);

	add_user(b, "ani", "Ani Wulandari", ROLE_TELLER);
	add_user(b, "tono", "Tono Mbete", ROLE_TELLER);
	add_user(b, "sisi", "Maria Fransiska Sisi", ROLE_SUPERVISOR);
	add_user(b, "mira", "Mira Lestari", ROLE_MANAGER);
	b->ani = drawer_of(b, "ani");
	b->tono = drawer_of(b, "tono");
	b->sisi = drawer_of(b, "sisi");
	b->mira = drawer_of(b, "mira");
	assert_true(b->ani != 0 && b->tono != 0 && b->ani != b->tono);

	req_init(&r, "sisi", EK_JOURNAL);
	req_post(&r, GL_VAULT, 0, VAULT0);
	req_post(&r, GL_OPENING, 0, -VAULT0);
	post_ok(b->st, &r.q);
	assert_i64(natural(b->st, GL_VAULT, 0), VAULT0);
	return b;
}

/* After a test, failed or not: nothing left behind. */
static int
cleanup(void **state)
{
	fixture_cleanup(state);
	free(g_sim);
	g_sim = NULL;
	snap_free(&g_before);
	snap_free(&g_after);
	return 0;
}

/* -- the counter -------------------------------------------------------- */

/*
 * Cash of limit.cash.report (Rp 500 juta) or more needs a manager's
 * approval (issue 16): the manager approves such a request.
 */
static void
req_large(struct req *r, int64_t amount)
{
	if ((amount >= RP(500000000) || amount <= -RP(500000000)) &&
	    r->q.approver == NULL) {
		r->q.approver = "mira";
		r->q.approver_password = PW;
	}
}

static void
req_deposit(struct req *r, const char *user, uint32_t drawer, uint32_t gl,
    uint64_t n, int64_t amount)
{
	req_init(r, user, EK_DEPOSIT);
	req_u64(r, F_MEMBER, n);
	req_post(r, GL_CASH, drawer, amount);
	req_post(r, gl, n, -amount);
	req_large(r, amount);
}

static void
req_withdraw(struct req *r, const char *user, uint32_t drawer, uint32_t gl,
    uint64_t n, int64_t amount)
{
	req_init(r, user, EK_WITHDRAW);
	req_u64(r, F_MEMBER, n);
	req_post(r, gl, n, amount);
	req_post(r, GL_CASH, drawer, -amount);
	req_large(r, amount);
}

static void
drawer_open(struct book *b, const char *user, uint32_t drawer, int64_t amount)
{
	struct req	 r;

	req_init(&r, user, EK_DRAWER_OPEN);
	req_post(&r, GL_CASH, drawer, amount);
	req_post(&r, GL_VAULT, 0, -amount);
	post_ok(b->st, &r.q);
}

/* Count counted sen greedily by denomination into dc (zero-ended). */
static void
count_cash(int64_t counted, struct denom_count dc[DENOM_MAX + 1])
{
	int64_t	 left = counted / 100;
	size_t	 i, n = 0;

	assert_true(counted % 100 == 0);
	memset(dc, 0, (DENOM_MAX + 1) * sizeof dc[0]);
	for (i = 0; i < DENOM_MAX && left > 0; i++) {
		if (left / denominations[i] == 0)
			continue;
		dc[n].rupiah = denominations[i];
		dc[n].pieces = left / denominations[i];
		left %= denominations[i];
		n++;
	}
	assert_true(left == 0);
}

/* Close user's drawer with counted sen in it. */
static uint64_t
drawer_close(struct book *b, const char *user, int64_t counted)
{
	struct denom_count	 dc[DENOM_MAX + 1];
	struct req		 r;

	count_cash(counted, dc);
	req_init(&r, user, EK_DRAWER_CLOSE);
	r.q.prepare = drawer_close_prepare;
	r.q.prepare_arg = dc;
	return post_ok(b->st, &r.q);
}

struct joiner {
	char		 nik[NIK_LEN + 1];
	char		 name[96];
	char		 gender;
};

/* A valid NIK of Sikka (53 10), unique by i. */
static void
make_nik(char nik[NIK_LEN + 1], int i, int female)
{
	snprintf(nik, NIK_LEN + 1, "531001%02d%02d%02d%04d",
	    1 + i % 28 + (female ? 40 : 0), 1 + i % 12, 60 + i % 40, i + 1);
}

/* Register a member at user's drawer; returns the member's number. */
static uint64_t
join(struct book *b, const char *user, const char *nik, const char *name,
    char gender, int64_t wajib, int64_t sukarela)
{
	struct member_req	 m;
	struct post_req		 q;
	struct entry		*e;
	uint64_t		 seq, n;

	memset(&m, 0, sizeof m);
	m.nik = nik;
	m.name = name;
	m.gender = gender;
	m.address = "Jl. Ahmad Yani No. 7, RT 003 RW 002";
	m.village = "Nita";
	m.wajib = wajib;
	m.sukarela = sukarela;
	member_join_req(&q, BR, user, &m);
	if (sukarela + wajib >= RP(500000000)) {	/* issue 16: a manager */
		q.approver = "mira";
		q.approver_password = PW;
	}
	seq = post_ok(b->st, &q);
	e = entry_at(b->st, seq);
	assert_int_equal(e->kind, EK_MEMBER_JOIN);
	assert_code(entry_get_u64(e, F_MEMBER, &n), 0);
	return n;
}

static struct eod_report
eod_ok(struct book *b, const char *user, uint32_t day)
{
	struct eod_report	 rep;

	assert_code(store_eod(b->st, BR, user, day, 0, 0, &rep), 0);
	assert_int_equal(rep.nothing, 0);
	assert_int_equal(rep.forced, 0);
	assert_int_equal(rep.closed, day);
	assert_int_equal(rep.next, day + 1);
	assert_int_equal(branch_of(b->st).date, day + 1);
	return rep;
}

/* -- 1. a seeded two months of a small branch --------------------------- */

#define NMEM		20
#define NMONTH		2
#define MAXDAYS		31
#define DRAWER_CASH	RP(50000000)

enum mkind { MK_NORMAL, MK_BIG, MK_AT, MK_ABOVE };
static const char *mkind_name[] = { "normal", "big", "at threshold",
    "above threshold" };

static const char *first_names[] = {
	"Yohanes", "Maria", "Fransiskus", "Theresia", "Agustinus", "Veronika",
	"Petrus", "Yosefina", "Kornelis", "Margaretha", "Emanuel", "Skolastika",
	"Stefanus", "Bernadeta", "Dominikus", "Magdalena", "Paulus", "Yasinta",
	"Wilhelmus", "Oktaviana",
};
static const char *surnames[] = {
	"Da Costa", "Parera", "Wangge", "Bata", "Nong", "Moa", "Lewar", "Sogen",
	"Kelen", "Fernandez", "Manuk", "Tukan",
};

struct month_sim {
	struct book	*b;
	uint64_t	 rng;
	int		 average;
	uint32_t	 first;		/* first day of the first month */
	int		 kind[NMEM];
	uint32_t	 join_day[NMEM];
	int64_t		 join_wajib[NMEM];
	int64_t		 join_suk[NMEM];
	struct joiner	 who[NMEM];
	uint64_t	 num[NMEM];	/* member number, 0 until joined */
	int64_t		 bal[NMEM];	/* sukarela, sen */
	int64_t		 wajib[NMEM];
	int64_t		 eod[NMEM][MAXDAYS];	/* end-of-day sukarela */
	int64_t		 drawer;	/* the teller's cash */
	int64_t		 vault;
	int64_t		 overshort;
	int64_t		 sum_interest;	/* interest credited so far */
	int64_t		 sum_tax;
	uint64_t	 ops, refused;
};

static int
sim_index(const struct month_sim *s, uint64_t n)
{
	int	 i;

	for (i = 0; i < NMEM; i++) {
		if (s->num[i] == n && n != 0)
			return i;
	}
	return -1;
}

/* Who joins when, with what: the same for both runs of one seed. */
static void
sim_plan(struct month_sim *s)
{
	uint32_t	 m2 = date_month_end(s->first) + 1;
	uint32_t	 end1 = date_month_end(s->first);
	uint32_t	 end2 = date_month_end(m2);
	int		 i, female;

	for (i = 0; i < NMEM; i++) {
		female = i % 2;
		s->kind[i] = i == 0 ? MK_AT : i == 1 ? MK_ABOVE :
		    i <= 4 ? MK_BIG : MK_NORMAL;
		/* Twelve on the first day, six later in the first month
		 * (one on its last day), two in the second (one on its
		 * last day). */
		if (i < 12)
			s->join_day[i] = s->first;
		else if (i == 17)
			s->join_day[i] = end1;
		else if (i < 18)
			s->join_day[i] = s->first + 1 + pick(&s->rng, 27);
		else if (i == 19)
			s->join_day[i] = end2;
		else
			s->join_day[i] = m2 + 1 + pick(&s->rng, 27);
		s->join_wajib[i] = pick(&s->rng, 3) == 0 ? 0 : WAJIB;
		switch (s->kind[i]) {
		case MK_AT:
			s->join_suk[i] = threshold_base(end1 - s->first + 1, 0,
			    0);
			break;
		case MK_ABOVE:
			s->join_suk[i] = threshold_base(end1 - s->first + 1, 1,
			    0);
			break;
		case MK_BIG:	/* Rp 150 juta .. Rp 900 juta */
			s->join_suk[i] = RP(100000) *
			    (int64_t)(1500 + pick(&s->rng, 7501));
			break;
		default:
			s->join_suk[i] = i == 11 ? 0 :
			    RP(1000) * (int64_t)pick(&s->rng, 3000);
			break;
		}
		make_nik(s->who[i].nik, i, female);
		snprintf(s->who[i].name, sizeof s->who[i].name, "%s %s",
		    first_names[i % ARRAY_SIZE(first_names)],
		    surnames[pick(&s->rng, ARRAY_SIZE(surnames))]);
		s->who[i].gender = female ? 'P' : 'L';
	}
}

/* The store's balances against the model, for every member. */
static void
sim_check_balances(struct month_sim *s)
{
	struct store_txn	*t;
	struct balance		 b;
	int64_t			 total = 0;
	int			 i;

	assert_code(store_begin(s->b->st, 1, &t), 0);
	for (i = 0; i < NMEM; i++) {
		if (s->num[i] == 0)
			continue;
		assert_code(account_balance(t, BR, GL_SUKARELA, s->num[i], &b),
		    0);
		if (-b.amount != s->bal[i]) {
			store_abort(t);
			failf("member %" PRIu64 " sukarela %" PRId64
			    ", model %" PRId64, s->num[i], -b.amount,
			    s->bal[i]);
		}
		assert_code(account_balance(t, BR, GL_WAJIB, s->num[i], &b), 0);
		if (-b.amount != s->wajib[i]) {
			store_abort(t);
			failf("member %" PRIu64 " wajib %" PRId64
			    ", model %" PRId64, s->num[i], -b.amount,
			    s->wajib[i]);
		}
		total += s->bal[i];
	}
	assert_code(account_balance(t, BR, GL_SUKARELA, 0, &b), 0);
	store_abort(t);
	assert_i64(-b.amount, total);
}

static void
sim_join(struct month_sim *s, int i)
{
	s->num[i] = join(s->b, "ani", s->who[i].nik, s->who[i].name,
	    s->who[i].gender, s->join_wajib[i], s->join_suk[i]);
	s->bal[i] = s->join_suk[i];
	s->wajib[i] = s->join_wajib[i];
	s->drawer += POKOK + s->join_wajib[i] + s->join_suk[i];
	assert_i64(natural(s->b->st, GL_POKOK, s->num[i]), POKOK);
	assert_i64(natural(s->b->st, GL_SUKARELA, s->num[i]), s->bal[i]);
}

static void
sim_deposit(struct month_sim *s, int i, uint32_t gl, int64_t amount)
{
	struct req	 r;

	req_deposit(&r, "ani", s->b->ani, gl, s->num[i], amount);
	post_ok(s->b->st, &r.q);
	if (gl == GL_SUKARELA)
		s->bal[i] += amount;
	else
		s->wajib[i] += amount;
	s->drawer += amount;
	s->ops++;
}

static void
sim_withdraw(struct month_sim *s, int i, int64_t amount)
{
	struct req	 r;

	req_withdraw(&r, "ani", s->b->ani, GL_SUKARELA, s->num[i], amount);
	post_ok(s->b->st, &r.q);
	s->bal[i] -= amount;
	s->drawer -= amount;
	s->ops++;
}

/* One random request at the counter. */
static void
sim_op(struct month_sim *s)
{
	struct req	 r;
	int		 cand[NMEM], nc = 0, i;
	uint64_t	 x;
	int64_t		 amount, avail, cap;

	for (i = 0; i < NMEM; i++) {
		if (s->num[i] != 0 &&
		    (s->kind[i] == MK_NORMAL || s->kind[i] == MK_BIG))
			cand[nc++] = i;
	}
	if (nc == 0)
		return;
	i = cand[pick(&s->rng, nc)];
	x = pick(&s->rng, 100);
	if (x < 45) {
		amount = s->kind[i] == MK_BIG ?
		    RP(100000) * (int64_t)(1 + pick(&s->rng, 500)) :
		    RP(1000) * (int64_t)(1 + pick(&s->rng, 2000));
		sim_deposit(s, i, GL_SUKARELA, amount);
	} else if (x < 58) {
		sim_deposit(s, i, GL_WAJIB, WAJIB *
		    (int64_t)(1 + pick(&s->rng, 3)));
	} else if (x < 63) {
		/* Past what may go, by less than Rp 100: refused. */
		avail = s->bal[i] - SUK_MIN;
		amount = avail < 0 ? RP(100) :
		    avail - avail % RP(100) + RP(100);
		if (amount > TELLER_LIMIT || amount > s->drawer)
			return;
		req_withdraw(&r, "ani", s->b->ani, GL_SUKARELA, s->num[i],
		    amount);
		post_refused_snap(s->b->st, &r.q, STORE_E_BALANCE);
		s->refused++;
	} else {
		avail = s->bal[i] - SUK_MIN;
		cap = avail < TELLER_LIMIT ? avail : TELLER_LIMIT;
		if (cap > s->drawer)
			cap = s->drawer;
		cap -= cap % RP(100);
		if (cap < RP(100))
			return;
		/* Now and then all that may go, down to the minimum. */
		if (pick(&s->rng, 6) == 0)
			amount = cap;
		else
			amount = RP(100) *
			    (int64_t)(1 + pick(&s->rng, cap / RP(100)));
		sim_withdraw(s, i, amount);
	}
}

/* The member's interest and tax for the month, as the test sees it. */
struct expect {
	int64_t		 low, avg, base, in, tax;
	int64_t		 got_in, got_tax;
};

static void
sim_expect(const struct month_sim *s, int days, struct expect *x)
{
	int	 i, d;
	int64_t	 sum;

	for (i = 0; i < NMEM; i++) {
		memset(&x[i], 0, sizeof x[i]);
		x[i].low = INT64_MAX;
		for (sum = 0, d = 0; d < days; d++) {
			if (s->eod[i][d] < x[i].low)
				x[i].low = s->eod[i][d];
			sum += s->eod[i][d];
		}
		x[i].avg = sum / days;
		x[i].base = s->average ? x[i].avg : x[i].low;
		x[i].in = model_interest(x[i].base, RATE_BP, days);
		x[i].tax = model_tax(x[i].in);
	}
}

/* savings_interest() just before the close agrees with the model. */
static void
sim_check_savings_interest(struct month_sim *s, uint32_t day,
    const struct expect *x)
{
	struct store_txn	*t;
	int64_t			 in, tax;
	int			 i, bad = 0;

	assert_code(store_begin(s->b->st, 1, &t), 0);
	for (i = 0; i < NMEM; i++) {
		if (s->num[i] == 0)
			continue;
		assert_code(savings_interest(t, BR, s->num[i], day, &in, &tax),
		    0);
		if (in != x[i].in || tax != x[i].tax) {
			printf("# savings_interest member %" PRIu64 " (%s): "
			    "interest %" PRId64 " tax %" PRId64 ", want %"
			    PRId64 " and %" PRId64 " (lowest %" PRId64
			    ", average %" PRId64 ")\n", s->num[i],
			    mkind_name[s->kind[i]], in, tax, x[i].in, x[i].tax,
			    x[i].low, x[i].avg);
			bad++;
		}
	}
	store_abort(t);
	if (bad)
		failf("savings_interest() disagrees for %d members", bad);
}

/*
 * The entries the month's last close wrote, from seq0 on: interest
 * entries (each balanced, expense and tax on their own lines), then the
 * day's close.  Every member's credit and tax against the model.
 */
static void
sim_check_month_end(struct month_sim *s, uint32_t day, uint64_t seq0,
    const struct eod_report *rep, struct expect *x)
{
	struct branch	 br = branch_of(s->b->st);
	struct entry	*e;
	uint64_t	 seq, dv, accounts = 0;
	int64_t		 want_in = 0, want_tax = 0, got_exp = 0, got_tp = 0;
	int64_t		 e_exp, e_tp, e_cr, e_dr;
	uint16_t	 k;
	int		 i, bad = 0, ninterest = 0, taxed = 0;
	char		 b1[64], b2[64], b3[32];

	for (seq = seq0; seq < br.next_seq; seq++) {
		e = entry_at(s->b->st, seq);
		assert_int_equal(e->date, day);
		if (seq == br.next_seq - 1) {
			assert_int_equal(e->kind, EK_DAY_CLOSE);
			assert_code(entry_get_u64(e, F_DATE, &dv), 0);
			assert_true(dv == day);
			assert_code(entry_get_u64(e, F_FORCED, &dv),
			    STORE_E_NOTFOUND);
			break;
		}
		assert_int_equal(e->kind, EK_INTEREST);
		ninterest++;
		assert_string_equal(e->user, "loket");
		assert_code(entry_get_u64(e, F_DATE, &dv), 0);
		assert_true(dv == day);
		e_exp = e_tp = e_cr = e_dr = 0;
		for (k = 0; k < e->npost; k++) {
			const struct posting *p = &e->post[k];

			switch (p->gl) {
			case GL_SUKARELA:
				if ((i = sim_index(s, p->sub)) < 0)
					failf("interest to unknown sukarela "
					    "%" PRIu64, p->sub);
				if (p->amount < 0) {
					x[i].got_in += -p->amount;
					e_cr += -p->amount;
				} else {
					x[i].got_tax += p->amount;
					e_dr += p->amount;
				}
				break;
			case GL_SAV_INT:
				assert_true(p->sub == 0);
				e_exp += p->amount;
				break;
			case GL_TAX_PAYABLE:
				assert_true(p->sub == 0);
				e_tp += -p->amount;
				break;
			default:
				failf("interest entry %" PRIu64 " posts to %"
				    PRIu32, seq, p->gl);
			}
		}
		/* The expense is what members were credited; the tax
		 * payable is what was taken back from them. */
		assert_i64(e_exp, e_cr);
		assert_i64(e_tp, e_dr);
		got_exp += e_exp;
		got_tp += e_tp;
	}
	for (i = 0; i < NMEM; i++) {
		if (x[i].got_in != x[i].in || x[i].got_tax != x[i].tax) {
			printf("# member %" PRIu64 " (%s, joined day %d): "
			    "credited %" PRId64 " taxed %" PRId64 ", want %"
			    PRId64 " and %" PRId64 " (lowest %" PRId64
			    ", average %" PRId64 ")\n", s->num[i],
			    mkind_name[s->kind[i]],
			    (int)(s->join_day[i] - s->first) + 1, x[i].got_in,
			    x[i].got_tax, x[i].in, x[i].tax, x[i].low,
			    x[i].avg);
			bad++;
		}
		want_in += x[i].in;
		want_tax += x[i].tax;
		accounts += x[i].in > 0;
		taxed += x[i].tax > 0;
	}
	if (bad)
		failf("month-end interest disagrees for %d members", bad);
	assert_true(ninterest >= 1);
	assert_i64(got_exp, want_in);
	assert_i64(got_tp, want_tax);
	assert_int_equal(rep->month_end, 1);
	assert_true(rep->interest_accounts == accounts);
	assert_i64(rep->interest, want_in);
	assert_i64(rep->tax, want_tax);
	assert_true(rep->terms_paid == 0);

	/* The constructed members: exactly at the threshold is not taxed,
	 * one Rupiah above it is. */
	assert_i64(x[0].in, THRESHOLD);
	assert_i64(x[0].tax, 0);
	assert_i64(x[1].in, THRESHOLD + RP(1));
	assert_i64(x[1].tax, floor_rupiah((THRESHOLD + RP(1)) / 10));
	assert_true(taxed >= 4);

	for (i = 0; i < NMEM; i++)
		s->bal[i] += x[i].in - x[i].tax;
	s->sum_interest += want_in;
	s->sum_tax += want_tax;
	/* No sen vanishes: the expense and the tax payable are the sums. */
	assert_i64(natural(s->b->st, GL_SAV_INT, 0), s->sum_interest);
	assert_i64(natural(s->b->st, GL_TAX_PAYABLE, 0), s->sum_tax);
	date_format(day, b3, sizeof b3);
	printf("# %s, month ending %s: %" PRIu64 " accounts, interest %s, "
	    "tax %s, %d taxed\n", s->average ? "average" : "lowest",
	    b3, accounts, rp(want_in, b1, sizeof b1),
	    rp(want_tax, b2, sizeof b2), taxed);
}

static void
sim_day(struct month_sim *s, uint32_t ms, uint32_t day)
{
	struct eod_report	 rep;
	struct expect		 x[NMEM];
	uint32_t		 me = date_month_end(ms);
	int			 days = (int)(me - ms) + 1, i, nops, d;
	int64_t			 target, shortby = 0;
	uint64_t		 seq0;

	assert_int_equal(branch_of(s->b->st).date, day);
	drawer_open(s->b, "ani", s->b->ani, DRAWER_CASH);
	s->drawer += DRAWER_CASH;
	s->vault -= DRAWER_CASH;

	for (i = 0; i < NMEM; i++) {
		if (s->join_day[i] == day)
			sim_join(s, i);
	}
	/* In a later month the constructed members are set on its first
	 * day to this month's balance at (and just above) the threshold. */
	if (day == ms && ms != s->first) {
		for (i = 0; i < 2; i++) {
			target = threshold_base(days, s->kind[i] == MK_ABOVE,
			    s->bal[i]);
			if (target > s->bal[i])
				sim_deposit(s, i, GL_SUKARELA,
				    target - s->bal[i]);
			else if (target < s->bal[i])
				sim_withdraw(s, i, s->bal[i] - target);
			assert_i64(s->bal[i], target);
		}
	}
	nops = 4 + (int)pick(&s->rng, 9);
	while (nops-- > 0)
		sim_op(s);

	/* Count the drawer; now and then the teller is Rp 5.000 short. */
	assert_i64(natural(s->b->st, GL_CASH, s->b->ani), s->drawer);
	if (pick(&s->rng, 15) == 0 && s->drawer > RP(5000))
		shortby = RP(5000);
	drawer_close(s->b, "ani", s->drawer - shortby);
	s->vault += s->drawer - shortby;
	s->overshort += shortby;
	s->drawer = 0;
	assert_i64(natural(s->b->st, GL_CASH, s->b->ani), 0);
	assert_i64(natural(s->b->st, GL_VAULT, 0), s->vault);
	assert_i64(natural(s->b->st, GL_OVERSHORT, s->b->ani), s->overshort);

	d = (int)(day - ms);
	for (i = 0; i < NMEM; i++)
		s->eod[i][d] = s->bal[i];	/* 0 before joining */
	sim_check_balances(s);

	if (day == me) {
		sim_expect(s, days, x);
		sim_check_savings_interest(s, day, x);
	}
	seq0 = branch_of(s->b->st).next_seq;
	rep = eod_ok(s->b, "sisi", day);
	if (day != me) {
		assert_true(branch_of(s->b->st).next_seq == seq0 + 1);
		assert_int_equal(rep.month_end, 0);
		assert_i64(rep.interest, 0);
		return;
	}
	sim_check_month_end(s, day, seq0, &rep, x);
	sim_check_balances(s);
}

static void
run_months(int average)
{
	struct month_sim	*s;
	uint32_t		 ms, day;
	int			 m;

	assert_non_null(s = calloc(1, sizeof *s));
	g_sim = s;
	s->rng = g_seed ^ UINT64_C(0x9e3779b97f4a7c15);
	if (s->rng == 0)
		s->rng = 1;
	s->average = average;
	s->first = ymd(2024, 4, 1);	/* April: 30 days, then May: 31 */
	assert_int_equal(s->first, 19814);
	sim_plan(s);

	s->b = book_new(s->first);
	s->vault = VAULT0;
	if (average) {
		set_setting(s->b, "admin", "savings.sukarela.average", "1");
		assert_i64(setting_of(s->b->st, "savings.sukarela.average"), 1);
	} else
		assert_i64(setting_of(s->b->st, "savings.sukarela.average"), 0);
	assert_i64(setting_of(s->b->st, "savings.sukarela.rate_bp"), RATE_BP);
	assert_i64(setting_of(s->b->st, "savings.tax.threshold"), THRESHOLD);

	for (ms = s->first, m = 0; m < NMONTH; m++) {
		for (day = ms; day <= date_month_end(ms); day++)
			sim_day(s, ms, day);
		ms = date_month_end(ms) + 1;
	}
	assert_true(s->ops > 100);
	printf("# %s: %" PRIu64 " counter requests, %" PRIu64 " refused "
	    "withdrawals, %" PRIu64 " entries\n",
	    average ? "average" : "lowest", s->ops, s->refused,
	    branch_of(s->b->st).next_seq - 1);
	book_done(s->b);
	free(s);
	g_sim = NULL;
}

static void
test_month_lowest(void **state)
{
	(void)state;
	run_months(0);
}

static void
test_month_average(void **state)
{
	(void)state;
	run_months(1);
}

/* -- 2. savings_interest() by hand -------------------------------------- */

static void
interest_is(struct book *b, uint64_t n, uint32_t day, int64_t want_in,
    int64_t want_tax)
{
	struct store_txn	*t;
	int64_t			 in = -1, tax = -1;

	assert_code(store_begin(b->st, 1, &t), 0);
	assert_code(savings_interest(t, BR, n, day, &in, &tax), 0);
	store_abort(t);
	if (in != want_in || tax != want_tax)
		failf("member %" PRIu64 ": interest %" PRId64 " tax %" PRId64
		    ", want %" PRId64 " and %" PRId64, n, in, tax, want_in,
		    want_tax);
}

static void
test_interest_by_hand(void **state)
{
	struct book		*b;
	struct req		 r;
	struct eod_report	 rep;
	struct entry		*e;
	struct joiner		 w[6];
	uint64_t		 n[6], seq0, seq;
	uint32_t		 jun1 = ymd(2024, 6, 1), jun30 = ymd(2024, 6, 30);
	uint32_t		 day;
	int64_t			 got[6] = { 0 }, tax[6] = { 0 };
	int			 i, j;

	(void)state;
	for (i = 0; i < 6; i++) {
		make_nik(w[i].nik, 100 + i, i % 2);
		w[i].gender = i % 2 ? 'P' : 'L';
	}
	b = book_new(jun1);
	drawer_open(b, "ani", b->ani, RP(10000000));
	n[0] = join(b, "ani", w[0].nik, "Yohanes Bata", 'L', 0,
	    RP(10000000));
	n[1] = join(b, "ani", w[1].nik, "Maria Wangge", 'P', 0,
	    RP(1000000000));
	n[2] = join(b, "ani", w[2].nik, "Petrus Nong", 'L', 0,
	    RP(10000000));
	n[4] = join(b, "ani", w[4].nik, "Stefanus Moa", 'L', 0,
	    RP(97333400));
	n[5] = join(b, "ani", w[5].nik, "Yasinta Lewar", 'P', 0,
	    RP(97333800));
	drawer_close(b, "ani", RP(10000000) + 5 * POKOK + RP(10000000) +
	    RP(1000000000) + RP(10000000) + RP(97333400) + RP(97333800));
	for (day = jun1; day < jun1 + 10; day++)
		eod_ok(b, "sisi", day);

	/* 11 June: Rp 4.000.000 out of the third; a fourth joins. */
	drawer_open(b, "ani", b->ani, RP(10000000));
	req_withdraw(&r, "ani", b->ani, GL_SUKARELA, n[2], RP(4000000));
	post_ok(b->st, &r.q);
	n[3] = join(b, "ani", w[3].nik, "Theresia Sogen", 'P', 0,
	    RP(10000000));
	drawer_close(b, "ani", RP(10000000) - RP(4000000) + POKOK +
	    RP(10000000));

	/*
	 * Lowest balance, 3% a year, June (30 days):
	 * Rp 10.000.000 all month: 1,000,000,000 sen × 300 × 30 / 3,650,000
	 *   = 2,465,753.42 sen, down to Rp 24.657 = 2,465,700 sen; no tax.
	 * Rp 1.000.000.000: 246,575,342.47 sen, Rp 2.465.753 = 246,575,300;
	 *   past Rp 240.000, so tax 10% = 24,657,530 down to 24,657,500.
	 * Rp 10.000.000 less Rp 4.000.000 on the 11th: lowest Rp 6.000.000,
	 *   600,000,000 × 9,000 / 3,650,000 = 1,479,452.05: 1,479,400.
	 * Joined on the 11th: nothing before, so the lowest is 0.
	 * Rp 97.333.400: 24,000,016.4 sen, Rp 240.000 exactly: no tax.
	 * Rp 97.333.800: 24,000,115.07, Rp 240.001: tax 2,400,010 down to
	 *   2,400,000.
	 */
	interest_is(b, n[0], jun30, 2465700, 0);
	interest_is(b, n[1], jun30, 246575300, 24657500);
	interest_is(b, n[2], jun30, 1479400, 0);
	interest_is(b, n[3], jun30, 0, 0);
	interest_is(b, n[4], jun30, 24000000, 0);
	interest_is(b, n[5], jun30, 24000100, 2400000);

	/*
	 * Average daily balance:
	 * the third: (1e9 × 10 days + 6e8 × 20 days) / 30 = 733,333,333 sen,
	 *   × 9,000 / 3,650,000 = 1,808,219.17: 1,808,200.
	 * the fourth: 1e9 × 20 days / 30 = 666,666,666 sen: 1,643,835.6,
	 *   1,643,800.
	 * Balances that never moved: the same as the lowest.
	 */
	set_setting(b, "mira", "savings.sukarela.average", "1");
	interest_is(b, n[0], jun30, 2465700, 0);
	interest_is(b, n[1], jun30, 246575300, 24657500);
	interest_is(b, n[2], jun30, 1808200, 0);
	interest_is(b, n[3], jun30, 1643800, 0);
	interest_is(b, n[4], jun30, 24000000, 0);

	/* 4.5%: 1e9 × 450 × 30 / 3,650,000 = 3,698,630.1: 3,698,600. */
	set_setting(b, "mira", "savings.sukarela.rate_bp", "450");
	interest_is(b, n[0], jun30, 3698600, 0);
	set_setting(b, "mira", "savings.sukarela.rate_bp", "300");
	set_setting(b, "mira", "savings.sukarela.average", "0");

	/* July (31 days), nothing posted in it yet: the balance holds all
	 * month: 1e9 × 300 × 31 / 3,650,000 = 2,547,945.2: 2,547,900. */
	interest_is(b, n[0], ymd(2024, 7, 31), 2547900, 0);

	/* The month's close posts what savings_interest() said. */
	for (day = jun1 + 10; day < jun30; day++)
		eod_ok(b, "sisi", day);
	seq0 = branch_of(b->st).next_seq;
	rep = eod_ok(b, "sisi", jun30);
	assert_int_equal(rep.month_end, 1);
	for (seq = seq0; seq < branch_of(b->st).next_seq - 1; seq++) {
		e = entry_at(b->st, seq);
		assert_int_equal(e->kind, EK_INTEREST);
		for (j = 0; j < e->npost; j++) {
			for (i = 0; i < 6; i++) {
				if (e->post[j].gl != GL_SUKARELA ||
				    e->post[j].sub != n[i])
					continue;
				if (e->post[j].amount < 0)
					got[i] += -e->post[j].amount;
				else
					tax[i] += e->post[j].amount;
			}
		}
	}
	assert_i64(got[0], 2465700);
	assert_i64(got[1], 246575300);
	assert_i64(tax[1], 24657500);
	assert_i64(got[2], 1479400);
	assert_i64(got[3], 0);
	assert_i64(got[4], 24000000);
	assert_i64(tax[4], 0);
	assert_i64(got[5], 24000100);
	assert_i64(tax[5], 2400000);
	assert_i64(rep.interest, 2465700 + 246575300 + 1479400 + 24000000 +
	    24000100);
	assert_i64(rep.tax, 24657500 + 2400000);
	assert_true(rep.interest_accounts == 5);
	assert_i64(natural(b->st, GL_SAV_INT, 0), rep.interest);
	assert_i64(natural(b->st, GL_TAX_PAYABLE, 0), rep.tax);
	assert_i64(natural(b->st, GL_SUKARELA, n[1]),
	    RP(1000000000) + 246575300 - 24657500);
	book_done(b);
}

/*
 * More members with interest than one entry holds: the month's interest
 * is split over several entries, each balanced, and their sum is still
 * every member's due.
 */
#define NMANY	80

static void
test_interest_many_accounts(void **state)
{
	struct book		*b;
	struct eod_report	 rep;
	struct entry		*e;
	char			 nik[NIK_LEN + 1], name[64];
	uint64_t		 n[NMANY], seq, seq0;
	uint32_t		 jun1 = ymd(2024, 6, 1), jun30 = ymd(2024, 6, 30);
	uint32_t		 day;
	int64_t			 bal[NMANY], got[NMANY], tax[NMANY];
	int64_t			 cash = RP(1000000), want_in = 0, want_tax = 0;
	int64_t			 e_exp, e_tp, e_cr, e_dr;
	int			 i, k, nentries = 0;

	(void)state;
	b = book_new(jun1);
	drawer_open(b, "ani", b->ani, cash);
	for (i = 0; i < NMANY; i++) {
		/* Every fourth past the threshold: Rp 100 juta and more. */
		bal[i] = i % 4 == 0 ? RP(100000000) + RP(1234500) * i :
		    RP(1000000) + RP(98700) * i;
		make_nik(nik, 500 + i, i % 2);
		snprintf(name, sizeof name, "%s %s", first_names[i %
		    ARRAY_SIZE(first_names)], surnames[i % ARRAY_SIZE(surnames)]);
		n[i] = join(b, "ani", nik, name, i % 2 ? 'P' : 'L', 0, bal[i]);
		cash += POKOK + bal[i];
		got[i] = tax[i] = 0;
	}
	drawer_close(b, "ani", cash);
	for (day = jun1; day < jun30; day++)
		eod_ok(b, "sisi", day);
	seq0 = branch_of(b->st).next_seq;
	rep = eod_ok(b, "sisi", jun30);
	for (seq = seq0; seq < branch_of(b->st).next_seq - 1; seq++) {
		e = entry_at(b->st, seq);
		assert_int_equal(e->kind, EK_INTEREST);
		nentries++;
		e_exp = e_tp = e_cr = e_dr = 0;
		for (k = 0; k < e->npost; k++) {
			const struct posting *p = &e->post[k];

			if (p->gl == GL_SAV_INT)
				e_exp += p->amount;
			else if (p->gl == GL_TAX_PAYABLE)
				e_tp -= p->amount;
			else {
				assert_int_equal(p->gl, GL_SUKARELA);
				for (i = 0; i < NMANY && n[i] != p->sub; i++)
					;
				assert_true(i < NMANY);
				if (p->amount < 0) {
					got[i] -= p->amount;
					e_cr -= p->amount;
				} else {
					tax[i] += p->amount;
					e_dr += p->amount;
				}
			}
		}
		assert_i64(e_exp, e_cr);
		assert_i64(e_tp, e_dr);
	}
	assert_true(nentries >= 2);
	for (i = 0; i < NMANY; i++) {
		int64_t in = model_interest(bal[i], RATE_BP, 30);

		if (got[i] != in || tax[i] != model_tax(in))
			failf("member %" PRIu64 ": %" PRId64 " and %" PRId64
			    ", want %" PRId64 " and %" PRId64, n[i], got[i],
			    tax[i], in, model_tax(in));
		want_in += in;
		want_tax += model_tax(in);
	}
	assert_true(rep.interest_accounts == NMANY);
	assert_i64(rep.interest, want_in);
	assert_i64(rep.tax, want_tax);
	assert_i64(natural(b->st, GL_SAV_INT, 0), want_in);
	assert_i64(natural(b->st, GL_TAX_PAYABLE, 0), want_tax);
	book_done(b);
}

/* -- 3. berjangka ------------------------------------------------------- */

struct term_case {
	const char	*what;
	int		 member;	/* index into the members */
	int		 from_sukarela;
	int64_t		 principal;
	uint32_t	 months, rate_bp;
	uint64_t	 sub;
	int64_t		 in, tax;	/* expected at maturity */
};

static void
req_term_open(struct req *r, struct book *b, uint64_t n, uint64_t sub,
    int from_sukarela, int64_t principal, uint64_t months, uint64_t rate)
{
	req_init(r, "ani", EK_TERM_OPEN);
	req_u64(r, F_SUB, sub);
	req_u64(r, F_MEMBER, n);
	req_u64(r, F_TERM, months);
	req_u64(r, F_RATE, rate);
	if (from_sukarela)
		req_post(r, GL_SUKARELA, n, principal);
	else {
		req_post(r, GL_CASH, b->ani, principal);
		req_large(r, principal);
	}
	req_post(r, GL_BERJANGKA, sub, -principal);
}

/* A teller's close: principal back, interest, tax and penalty as given. */
static void
req_term_close(struct req *r, uint64_t n, uint64_t sub, int64_t principal,
    int64_t in, int64_t tax, int64_t penalty)
{
	req_init(r, "ani", EK_TERM_CLOSE);
	req_u64(r, F_SUB, sub);
	req_u64(r, F_MEMBER, n);
	req_post(r, GL_BERJANGKA, sub, principal);
	if (in != 0)
		req_post(r, GL_SAV_INT, 0, in);
	if (tax != 0)
		req_post(r, GL_TAX_PAYABLE, 0, -tax);
	if (penalty != 0)
		req_post(r, GL_OTHER_INC, 0, -penalty);
	req_post(r, GL_SUKARELA, n, -(principal + in - tax - penalty));
}

static struct term
term_of(struct book *b, uint64_t sub)
{
	struct store_txn	*t;
	struct term		 tm;

	assert_code(store_begin(b->st, 1, &t), 0);
	assert_code(savings_term_get(t, BR, sub, &tm), 0);
	store_abort(t);
	return tm;
}

static void
payout_is(struct book *b, uint64_t sub, uint32_t day, int64_t in,
    int64_t tax, int64_t penalty)
{
	struct store_txn	*t;
	int64_t			 gi, gt, gp;

	assert_code(store_begin(b->st, 1, &t), 0);
	assert_code(savings_term_payout(t, BR, sub, day, &gi, &gt, &gp), 0);
	store_abort(t);
	assert_i64(gi, in);
	assert_i64(gt, tax);
	assert_i64(gp, penalty);
}

static void
term_closed(struct book *b, uint64_t sub)
{
	struct account	 a = account_of(b->st, GL_BERJANGKA, sub);

	assert_int_equal(term_of(b, sub).open, 0);
	assert_true(a.flags & ACCT_F_CLOSED);
	assert_i64(natural(b->st, GL_BERJANGKA, sub), 0);
}

/* The end of day's payout of tc: one EK_TERM_CLOSE by loket itself. */
static void
term_paid_by_eod(struct book *b, uint64_t seq0, uint64_t seq1,
    const struct term_case *tc, uint64_t n)
{
	struct entry	*e;
	uint64_t	 seq, v;
	int64_t		 want[4], got[4] = { 0 };
	uint16_t	 k;
	int		 found = 0;

	want[0] = tc->principal;
	want[1] = tc->in;
	want[2] = -tc->tax;
	want[3] = -(tc->principal + tc->in - tc->tax);
	for (seq = seq0; seq < seq1; seq++) {
		e = entry_at(b->st, seq);
		if (e->kind != EK_TERM_CLOSE ||
		    entry_get_u64(e, F_SUB, &v) != 0 || v != tc->sub) {
			continue;
		}
		found++;
		assert_string_equal(e->user, "loket");
		assert_code(entry_get_u64(e, F_MEMBER, &v), 0);
		assert_true(v == n);
		for (k = 0; k < e->npost; k++) {
			const struct posting *p = &e->post[k];

			if (p->gl == GL_BERJANGKA && p->sub == tc->sub)
				got[0] += p->amount;
			else if (p->gl == GL_SAV_INT && p->sub == 0)
				got[1] += p->amount;
			else if (p->gl == GL_TAX_PAYABLE && p->sub == 0)
				got[2] += p->amount;
			else if (p->gl == GL_SUKARELA && p->sub == n)
				got[3] += p->amount;
			else
				failf("%s: payout posts to %" PRIu32 ".%"
				    PRIu64, tc->what, p->gl, p->sub);
		}
	}
	if (found != 1)
		failf("%s: %d payouts", tc->what, found);
	for (k = 0; k < 4; k++) {
		if (got[k] != want[k])
			failf("%s: payout line %u is %" PRId64 ", want %"
			    PRId64, tc->what, k, got[k], want[k]);
	}
	term_closed(b, tc->sub);
}

/*
 * Simple interest, principal × rate × months / 12, down to whole Rupiah;
 * taxed when interest / months passes Rp 240.000.  The first five are
 * paid out by the close of their maturity day; the last three are taken
 * at the counter.
 */
static const struct term_case term_cases[] = {
	/* 1e9 sen × 600 / 120,000 = 5,000,000: Rp 50.000. */
	{ "A.1 cash, 1 month", 0, 0, RP(10000000), 1, 600, 0,
	    RP(50000), 0 },
	/* Rp 1 miliar: Rp 5.000.000 in a month: tax Rp 500.000. */
	{ "B.1 sukarela, 1 month", 1, 1, RP(1000000000), 1, 600, 0,
	    RP(5000000), RP(500000) },
	/* Rp 48.000.000: Rp 240.000 exactly: no tax. */
	{ "C.1 at the threshold", 2, 1, RP(48000000), 1, 600, 0,
	    RP(240000), 0 },
	/* Rp 48.000.200: 24,000,100 sen, Rp 240.001: tax 2,400,010 sen,
	 * down to Rp 24.000. */
	{ "C.2 above the threshold", 2, 0, RP(48000200), 1, 600, 0,
	    RP(240001), RP(24000) },
	/* Rp 30.000.000 for 2 months: Rp 300.000 in all, but Rp 150.000
	 * a month: no tax. */
	{ "D.1 2 months", 3, 1, RP(30000000), 2, 600, 0,
	    RP(300000), 0 },
	/* Taken early on 15 February: 1% penalty, no interest (at
	 * maturity it would have earned Rp 625.000). */
	{ "A.2 3 months, early", 0, 0, RP(50000000), 3, 500, 0,
	    RP(625000), 0 },
	/* Taken early on 20 February, after the penalty is set to 2.5%
	 * (a year would have earned Rp 1.400.000). */
	{ "B.2 12 months, early", 1, 0, RP(20000000), 12, 700, 0,
	    RP(1400000), 0 },
	/* Taken by the teller on its maturity day, 29 February: 1e9 sen ×
	 * 450 / 120,000 = 3,750,000, Rp 37.500. */
	{ "D.2 taken when due", 3, 0, RP(10000000), 1, 450, 0,
	    RP(37500), 0 },
};
#define TC_A2	5
#define TC_B2	6
#define TC_D2	7
#define TC_COUNTER(i)	((i) >= TC_A2)

/*
 * A branch from 31 January 2024 with four members and deposits opened
 * that day; the days are closed until the last one is paid out.
 * counter: the three taken at the counter, else the five paid out by the
 * close of day.
 */
static void
run_berjangka(int counter)
{
	struct book		*b;
	struct req		 r;
	struct eod_report	 rep;
	struct joiner		 w[4];
	struct term_case	 tc[ARRAY_SIZE(term_cases)];
	uint64_t		 n[4], seq0, nextk[4] = { 0, 0, 0, 0 };
	uint32_t		 jan31 = ymd(2024, 1, 31), feb1 = ymd(2024, 2, 1);
	uint32_t		 feb15 = ymd(2024, 2, 15), feb20 = ymd(2024, 2, 20);
	uint32_t		 feb29 = ymd(2024, 2, 29);
	uint32_t		 mar31 = ymd(2024, 3, 31), day, last;
	int64_t			 suk[4], sav_int = 0, tax = 0, other = 0;
	int64_t			 cash, principal;
	size_t			 i;

	memcpy(tc, term_cases, sizeof tc);
	for (i = 0; i < 4; i++) {
		make_nik(w[i].nik, 200 + (int)i, (int)i % 2);
		w[i].gender = i % 2 ? 'P' : 'L';
	}
	b = book_new(jan31);
	/* Sukarela earns nothing here, so that only berjangka moves the
	 * interest expense and the tax payable. */
	set_setting(b, "mira", "savings.sukarela.rate_bp", "0");

	cash = RP(1000000);
	drawer_open(b, "ani", b->ani, cash);
	suk[0] = RP(1000000);
	suk[1] = RP(1200000000);
	suk[2] = RP(100000000);
	suk[3] = RP(60000000);
	n[0] = join(b, "ani", w[0].nik, "Agustinus Kelen", 'L', 0, suk[0]);
	n[1] = join(b, "ani", w[1].nik, "Veronika Tukan", 'P', 0, suk[1]);
	n[2] = join(b, "ani", w[2].nik, "Kornelis Manuk", 'L', 0, suk[2]);
	n[3] = join(b, "ani", w[3].nik, "Skolastika Sogen", 'P', 0, suk[3]);
	for (i = 0; i < 4; i++)
		cash += POKOK + suk[i];

	if (counter) {
		/* Refused, and nothing written. */
		req_term_open(&r, b, n[0], n[0] * 100 + 2, 0, RP(1000000), 1,
		    600);
		post_refused_snap(b->st, &r.q, STORE_E_INVAL); /* not the next k */
		req_term_open(&r, b, n[0], n[0] * 100 + 1, 0, RP(1000000), 0,
		    600);
		post_refused_snap(b->st, &r.q, STORE_E_TERM);	/* no months */
		req_term_open(&r, b, n[0], n[0] * 100 + 1, 0, RP(1000000), 61,
		    600);
		post_refused_snap(b->st, &r.q, STORE_E_TERM);	/* past 60 */
		req_term_open(&r, b, n[0], n[0] * 100 + 1, 0, RP(1000000), 1,
		    5001);
		post_refused_snap(b->st, &r.q, STORE_E_TERM);	/* past 50% */
		/* Rp 995.000 of Rp 1.000.000 would leave less than
		 * Rp 10.000. */
		req_term_open(&r, b, n[0], n[0] * 100 + 1, 1, RP(995000), 1,
		    600);
		post_refused_snap(b->st, &r.q, STORE_E_BALANCE);
		req_term_open(&r, b, n[0], n[0] * 100 + 1, 0, RP(1000000), 1,
		    600);
		r.q.post[0].sub = b->tono;		/* tono's drawer */
		post_refused_snap(b->st, &r.q, STORE_E_DRAWER);
	}

	for (i = 0; i < ARRAY_SIZE(tc); i++) {
		uint64_t	 m = n[tc[i].member];
		struct term	 tm;

		if (TC_COUNTER(i) != counter)
			continue;
		/* The member's k-th deposit is GL_BERJANGKA.(n * 100 + k). */
		tc[i].sub = m * 100 + ++nextk[tc[i].member];
		req_term_open(&r, b, m, tc[i].sub, tc[i].from_sukarela,
		    tc[i].principal, tc[i].months, tc[i].rate_bp);
		post_ok(b->st, &r.q);
		if (tc[i].from_sukarela)
			suk[tc[i].member] -= tc[i].principal;
		else
			cash += tc[i].principal;
		tm = term_of(b, tc[i].sub);
		assert_true(tm.member == m);
		assert_i64(tm.principal, tc[i].principal);
		assert_int_equal(tm.start, jan31);
		assert_int_equal(tm.months, tc[i].months);
		assert_int_equal(tm.rate_bp, tc[i].rate_bp);
		assert_int_equal(tm.open, 1);
		assert_i64(natural(b->st, GL_BERJANGKA, tc[i].sub),
		    tc[i].principal);
		assert_i64(natural(b->st, GL_SUKARELA, m), suk[tc[i].member]);
		/* The test's own figures, against the literals above. */
		assert_i64(model_term_interest(tc[i].principal, tc[i].rate_bp,
		    tc[i].months), tc[i].in);
		assert_i64(model_term_tax(tc[i].in, tc[i].months), tc[i].tax);
	}
	/* 31 January + 1 month is 29 February (2024 is a leap year);
	 * + 2 months 31 March; + 3 months 30 April; + 12 a year on. */
	if (counter) {
		assert_int_equal(term_of(b, tc[TC_A2].sub).maturity,
		    ymd(2024, 4, 30));
		assert_int_equal(term_of(b, tc[TC_B2].sub).maturity,
		    ymd(2025, 1, 31));
		assert_int_equal(term_of(b, tc[TC_D2].sub).maturity, feb29);
	} else {
		assert_int_equal(term_of(b, tc[0].sub).maturity, feb29);
		assert_int_equal(term_of(b, tc[4].sub).maturity, mar31);
	}
	{
		struct store_txn	*t;
		struct member		 m;

		assert_code(store_begin(b->st, 1, &t), 0);
		for (i = 0; i < 4; i++) {
			assert_code(member_get(t, BR, n[i], &m), 0);
			assert_int_equal(m.nterm, nextk[i]);
		}
		store_abort(t);
	}
	assert_i64(natural(b->st, GL_CASH, b->ani), cash);
	drawer_close(b, "ani", cash);
	rep = eod_ok(b, "sisi", jan31);
	assert_int_equal(rep.month_end, 1);
	assert_true(rep.terms_paid == 0);
	assert_i64(rep.interest, 0);	/* sukarela at 0% */

	last = counter ? feb29 : mar31;
	for (day = feb1; day <= last; day++) {
		if (counter && day == feb15) {
			/* A.2 taken early: no interest, 1% penalty. */
			principal = tc[TC_A2].principal;
			payout_is(b, tc[TC_A2].sub, day, 0, 0, RP(500000));
			req_term_close(&r, n[0], tc[TC_A2].sub, principal, 0,
			    0, RP(499900));
			post_refused_snap(b->st, &r.q, STORE_E_INVAL);
			req_term_close(&r, n[0], tc[TC_A2].sub, principal, 0,
			    0, 0);
			post_refused_snap(b->st, &r.q, STORE_E_INVAL);
			req_term_close(&r, n[0], tc[TC_A2].sub, principal,
			    RP(100000), 0, RP(500000));
			post_refused_snap(b->st, &r.q, STORE_E_INVAL);
			req_term_close(&r, n[1], tc[TC_A2].sub, principal, 0,
			    0, RP(500000));
			post_refused_snap(b->st, &r.q, STORE_E_INVAL);
			req_term_close(&r, n[0], tc[TC_A2].sub, principal, 0,
			    0, RP(500000));
			post_ok(b->st, &r.q);
			suk[0] += principal - RP(500000);
			other += RP(500000);
			term_closed(b, tc[TC_A2].sub);
			/* The same request again posts nothing; a new one
			 * is refused: the deposit is closed. */
			replayed(b->st, &r.q);
			req_term_close(&r, n[0], tc[TC_A2].sub, principal, 0,
			    0, RP(500000));
			post_refused_snap(b->st, &r.q, STORE_E_TERM);
		}
		if (counter && day == feb20) {
			/* The penalty is a setting: 2.5% now. */
			set_setting(b, "mira", "savings.berjangka.penalty_bp",
			    "250");
			principal = tc[TC_B2].principal;
			payout_is(b, tc[TC_B2].sub, day, 0, 0, RP(500000));
			req_term_close(&r, n[1], tc[TC_B2].sub, principal, 0,
			    0, RP(200000));
			post_refused_snap(b->st, &r.q, STORE_E_INVAL);
			req_term_close(&r, n[1], tc[TC_B2].sub, principal, 0,
			    0, RP(500000));
			post_ok(b->st, &r.q);
			suk[1] += principal - RP(500000);
			other += RP(500000);
			term_closed(b, tc[TC_B2].sub);
		}
		if (counter && day == feb29) {
			/* D.2 on its maturity day: its interest, no penalty
			 * (the day before: 2.5% of it). */
			principal = tc[TC_D2].principal;
			payout_is(b, tc[TC_D2].sub, day - 1, 0, 0, RP(250000));
			payout_is(b, tc[TC_D2].sub, day, tc[TC_D2].in, 0, 0);
			req_term_close(&r, n[3], tc[TC_D2].sub, principal,
			    tc[TC_D2].in, 0, RP(250000));
			post_refused_snap(b->st, &r.q, STORE_E_INVAL);
			req_term_close(&r, n[3], tc[TC_D2].sub, principal, 0,
			    0, 0);
			post_refused_snap(b->st, &r.q, STORE_E_INVAL);
			req_term_close(&r, n[3], tc[TC_D2].sub, principal,
			    tc[TC_D2].in, 0, 0);
			post_ok(b->st, &r.q);
			suk[3] += principal + tc[TC_D2].in;
			sav_int += tc[TC_D2].in;
			term_closed(b, tc[TC_D2].sub);
		}
		if (!counter && day == feb29) {
			/* The day before, A.1 would have cost 1%. */
			payout_is(b, tc[0].sub, day - 1, 0, 0, RP(100000));
			for (i = 0; i < 4; i++)
				payout_is(b, tc[i].sub, day, tc[i].in,
				    tc[i].tax, 0);
		}
		seq0 = branch_of(b->st).next_seq;
		/* Closing a maturity day pays out what is due. */
		rep = eod_ok(b, "sisi", day);
		if (!counter && day == feb29) {
			assert_true(rep.terms_paid == 4);
			for (i = 0; i < 4; i++) {
				term_paid_by_eod(b, seq0,
				    branch_of(b->st).next_seq, &tc[i],
				    n[tc[i].member]);
				suk[tc[i].member] += tc[i].principal +
				    tc[i].in - tc[i].tax;
				sav_int += tc[i].in;
				tax += tc[i].tax;
			}
			assert_int_equal(term_of(b, tc[4].sub).open, 1);
		} else if (!counter && day == mar31) {
			assert_true(rep.terms_paid == 1);
			term_paid_by_eod(b, seq0, branch_of(b->st).next_seq,
			    &tc[4], n[3]);
			suk[3] += tc[4].principal + tc[4].in - tc[4].tax;
			sav_int += tc[4].in;
		} else {
			assert_true(rep.terms_paid == 0);
			if (!counter && day < feb29)
				assert_int_equal(term_of(b, tc[0].sub).open,
				    1);
		}
		assert_i64(rep.interest, 0);
		for (i = 0; i < 4; i++)
			assert_i64(natural(b->st, GL_SUKARELA, n[i]), suk[i]);
		assert_i64(natural(b->st, GL_SAV_INT, 0), sav_int);
		assert_i64(natural(b->st, GL_TAX_PAYABLE, 0), tax);
		assert_i64(natural(b->st, GL_OTHER_INC, 0), other);
	}
	/* Every deposit is paid out, and no sen went astray. */
	assert_i64(natural(b->st, GL_BERJANGKA, 0), 0);
	if (counter) {
		assert_i64(sav_int, RP(37500));
		assert_i64(tax, 0);
		assert_i64(other, RP(1000000));
		assert_i64(natural(b->st, GL_SUKARELA, n[0]),
		    RP(1000000) + RP(49500000));
		assert_i64(natural(b->st, GL_SUKARELA, n[3]),
		    RP(60000000) + RP(10037500));
	} else {
		assert_i64(sav_int, RP(50000) + RP(5000000) + RP(240000) +
		    RP(240001) + RP(300000));
		assert_i64(tax, RP(500000) + RP(24000));
		assert_i64(other, 0);
		assert_i64(natural(b->st, GL_SUKARELA, n[0]),
		    RP(1000000) + RP(10050000));
		assert_i64(natural(b->st, GL_SUKARELA, n[2]),
		    RP(100000000) + RP(240000) + RP(48000200) + RP(240001) -
		    RP(24000));
	}
	book_done(b);
}

static void
test_berjangka_counter(void **state)
{
	(void)state;
	run_berjangka(1);
}

static void
test_berjangka_maturity(void **state)
{
	(void)state;
	run_berjangka(0);
}

/* -- 4. refusals -------------------------------------------------------- */

static void
test_refusals(void **state)
{
	struct book		*b;
	struct req		 r;
	struct eod_report	 rep;
	struct entry		*e;
	struct member_req	 mr;
	struct post_req		 q;
	struct denom_count	 dc[DENOM_MAX + 1];
	struct joiner		 w[3];
	uint64_t		 n1, n2, v;
	uint32_t		 day = ymd(2024, 4, 1);
	int64_t			 ani_cash, tono_cash;
	int			 i;

	(void)state;
	for (i = 0; i < 3; i++) {
		make_nik(w[i].nik, 300 + i, i % 2);
		w[i].gender = i % 2 ? 'P' : 'L';
	}
	b = book_new(day);

	/* Cash needs the poster's own open drawer. */
	memset(&mr, 0, sizeof mr);
	mr.nik = w[0].nik;
	mr.name = "Yohanes Parera";
	mr.gender = 'L';
	mr.address = "Jl. Wairklau";
	mr.village = "Beru";
	mr.sukarela = RP(100000);
	mr.wajib = WAJIB;
	member_join_req(&q, BR, "ani", &mr);
	post_refused_snap(b->st, &q, STORE_E_DRAWER);

	ani_cash = RP(10000000);
	drawer_open(b, "ani", b->ani, ani_cash);
	req_init(&r, "ani", EK_DRAWER_OPEN);
	req_post(&r, GL_CASH, b->ani, RP(1000000));
	req_post(&r, GL_VAULT, 0, -RP(1000000));
	post_refused_snap(b->st, &r.q, STORE_E_DRAWEROPEN);

	n1 = join(b, "ani", w[0].nik, "Yohanes Parera", 'L', WAJIB,
	    RP(100000));
	n2 = join(b, "ani", w[1].nik, "Maria Goreti Bata", 'P', 0,
	    RP(6000000));
	ani_cash += 2 * POKOK + WAJIB + RP(100000) + RP(6000000);

	/* The NIK is taken, whatever the name. */
	memset(&mr, 0, sizeof mr);
	mr.nik = w[0].nik;
	mr.name = "Yohanes Parera Lain";
	mr.gender = 'L';
	mr.address = "Jl. Wairklau";
	mr.village = "Beru";
	member_join_req(&q, BR, "ani", &mr);
	post_refused_snap(b->st, &q, STORE_E_NIKUSED);

	/* tono's drawer is closed: no cash for him. */
	req_deposit(&r, "tono", b->tono, GL_SUKARELA, n1, RP(50000));
	post_refused_snap(b->st, &r.q, STORE_E_DRAWER);
	tono_cash = RP(2000000);
	drawer_open(b, "tono", b->tono, tono_cash);
	/* Open now, but not anyone else's. */
	req_deposit(&r, "ani", b->tono, GL_SUKARELA, n1, RP(50000));
	post_refused_snap(b->st, &r.q, STORE_E_DRAWER);
	req_withdraw(&r, "tono", b->ani, GL_SUKARELA, n2, RP(50000));
	post_refused_snap(b->st, &r.q, STORE_E_DRAWER);
	req_deposit(&r, "tono", b->tono, GL_SUKARELA, n1, RP(50000));
	post_ok(b->st, &r.q);
	tono_cash += RP(50000);

	/* Rp 150.000 in sukarela: Rp 140.000 may go, not a Rupiah more. */
	req_withdraw(&r, "ani", b->ani, GL_SUKARELA, n1, RP(140001));
	post_refused_snap(b->st, &r.q, STORE_E_BALANCE);
	req_withdraw(&r, "ani", b->ani, GL_SUKARELA, n1, RP(140000));
	post_ok(b->st, &r.q);
	ani_cash -= RP(140000);
	assert_i64(natural(b->st, GL_SUKARELA, n1), SUK_MIN);
	req_withdraw(&r, "ani", b->ani, GL_SUKARELA, n1, RP(100));
	post_refused_snap(b->st, &r.q, STORE_E_BALANCE);

	/* Pokok and wajib stay while one is a member. */
	req_withdraw(&r, "ani", b->ani, GL_WAJIB, n1, RP(1000));
	post_refused_snap(b->st, &r.q, STORE_E_NOTWITHDRAW);
	req_withdraw(&r, "ani", b->ani, GL_POKOK, n1, RP(1000));
	post_refused_snap(b->st, &r.q, STORE_E_NOTWITHDRAW);
	req_init(&r, "ani", EK_TRANSFER);
	req_u64(&r, F_MEMBER, n1);
	req_post(&r, GL_WAJIB, n1, RP(1000));
	req_post(&r, GL_SUKARELA, n1, -RP(1000));
	post_refused_snap(b->st, &r.q, STORE_E_NOTWITHDRAW);
	/* Pokok is paid once, on joining. */
	req_deposit(&r, "ani", b->ani, GL_POKOK, n1, POKOK);
	post_refused_snap(b->st, &r.q, STORE_E_POKOK);
	/* Past the teller's limit, a supervisor must approve. */
	req_withdraw(&r, "ani", b->ani, GL_SUKARELA, n2, TELLER_LIMIT + RP(1));
	post_refused_snap(b->st, &r.q, STORE_E_APPROVAL);
	req_withdraw(&r, "ani", b->ani, GL_SUKARELA, n2, TELLER_LIMIT);
	post_ok(b->st, &r.q);
	ani_cash -= TELLER_LIMIT;
	/* Zero, and a member who is not there. */
	req_deposit(&r, "ani", b->ani, GL_SUKARELA, n1, 0);
	post_refused_snap(b->st, &r.q, STORE_E_AMOUNT);
	req_deposit(&r, "ani", b->ani, GL_SUKARELA, 99, RP(1000));
	post_refused_snap(b->st, &r.q, STORE_E_MEMBER);

	/* Counting: Rp 25.000 is not a Rupiah note or coin. */
	count_cash(tono_cash, dc);
	dc[0].rupiah = 25000;
	dc[0].pieces = 1;
	req_init(&r, "tono", EK_DRAWER_CLOSE);
	r.q.prepare = drawer_close_prepare;
	r.q.prepare_arg = dc;
	post_refused_snap(b->st, &r.q, STORE_E_DENOM);
	count_cash(tono_cash, dc);
	dc[0].pieces = -1;
	post_refused_snap(b->st, &r.q, STORE_E_DENOM);
	drawer_close(b, "tono", tono_cash);
	assert_i64(natural(b->st, GL_CASH, b->tono), 0);
	assert_i64(natural(b->st, GL_OVERSHORT, b->tono), 0);

	/* The day may not close while ani's drawer is open ... */
	eod_refused(b->st, "sisi", day, 0, STORE_E_DRAWERS);
	/* ... a supervisor may not force it, nor a teller close it ... */
	eod_refused(b->st, "sisi", day, 1, STORE_E_ROLE);
	eod_refused(b->st, "ani", day, 0, STORE_E_ROLE);
	/* ... nor may a day ahead be closed. */
	eod_refused(b->st, "sisi", day + 1, 0, STORE_E_INVAL);
	/* A manager may force it, and the entry says so. */
	assert_code(store_eod(b->st, BR, "mira", day, 1, 0, &rep), 0);
	assert_int_equal(rep.forced, 1);
	assert_int_equal(rep.nothing, 0);
	assert_int_equal(rep.next, day + 1);
	assert_int_equal(branch_of(b->st).date, day + 1);
	e = entry_at(b->st, branch_of(b->st).next_seq - 1);
	assert_int_equal(e->kind, EK_DAY_CLOSE);
	assert_string_equal(e->user, "mira");
	assert_code(entry_get_u64(e, F_FORCED, &v), 0);
	assert_true(v == 1);
	assert_code(entry_get_u64(e, F_DATE, &v), 0);
	assert_true(v == day);

	/* The day closed is closed: nothing to do, nothing written. */
	{

		snap_take(b->st, &g_before);
		memset(&rep, 0xff, sizeof rep);
		assert_code(store_eod(b->st, BR, "sisi", day, 0, 0, &rep), 0);
		assert_int_equal(rep.nothing, 1);
		snap_take(b->st, &g_after);
		snap_same(&g_before, &g_after);
	}
	/* Two days ahead of the business date. */
	eod_refused(b->st, "sisi", day + 2, 0, STORE_E_INVAL);

	/* The next day: ani's drawer is still open, and still hers. */
	req_deposit(&r, "ani", b->ani, GL_SUKARELA, n2, RP(20000));
	post_ok(b->st, &r.q);
	ani_cash += RP(20000);
	assert_i64(natural(b->st, GL_CASH, b->ani), ani_cash);
	/* She is Rp 5.000 short: her over/short account takes it. */
	drawer_close(b, "ani", ani_cash - RP(5000));
	assert_i64(natural(b->st, GL_OVERSHORT, b->ani), RP(5000));
	assert_i64(natural(b->st, GL_CASH, b->ani), 0);
	assert_i64(natural(b->st, GL_VAULT, 0), VAULT0 - RP(5000) +
	    2 * POKOK + WAJIB + RP(100000) + RP(6000000) + RP(50000) -
	    RP(140000) - TELLER_LIMIT + RP(20000));
	/* Closed: no more cash, and no second close. */
	req_deposit(&r, "ani", b->ani, GL_SUKARELA, n2, RP(20000));
	post_refused_snap(b->st, &r.q, STORE_E_DRAWER);
	count_cash(RP(1000), dc);
	req_init(&r, "ani", EK_DRAWER_CLOSE);
	r.q.prepare = drawer_close_prepare;
	r.q.prepare_arg = dc;
	post_refused_snap(b->st, &r.q, STORE_E_DRAWER);

	rep = eod_ok(b, "sisi", day + 1);
	e = entry_at(b->st, branch_of(b->st).next_seq - 1);
	assert_int_equal(e->kind, EK_DAY_CLOSE);
	assert_code(entry_get_u64(e, F_FORCED, &v), STORE_E_NOTFOUND);
	book_done(b);
}

/* -- 5. search and wajib ------------------------------------------------ */

static void
found_is(struct book *b, const char *query, size_t max, const uint64_t *want,
    size_t nwant)
{
	struct store_txn	*t;
	uint64_t		 out[16];
	size_t			 nout = 99, i, j;

	assert_true(max <= ARRAY_SIZE(out));
	assert_code(store_begin(b->st, 1, &t), 0);
	assert_code(member_search(t, BR, query, out, max, &nout), 0);
	store_abort(t);
	if (nout != nwant)
		failf("search \"%s\": %zu found, want %zu", query, nout,
		    nwant);
	for (i = 0; i < nwant; i++) {
		for (j = 0; j < nout; j++) {
			if (out[j] == want[i])
				break;
		}
		if (j == nout)
			failf("search \"%s\": %" PRIu64 " not found", query,
			    want[i]);
	}
}

#define FOUND(b, q, ...) do {						\
	const uint64_t	 w_[] = { __VA_ARGS__ };			\
									\
	found_is((b), (q), 16, w_, ARRAY_SIZE(w_));			\
} while (0)
#define NONE(b, q)	found_is((b), (q), 16, NULL, 0)

static void
wajib_is(struct book *b, uint64_t n, uint32_t day, int months, int64_t due)
{
	struct store_txn	*t;
	int			 gm = -1;
	int64_t			 gd = -1;

	assert_code(store_begin(b->st, 1, &t), 0);
	assert_code(member_wajib_due(t, BR, n, day, &gm, &gd), 0);
	store_abort(t);
	if (gm != months || gd != due)
		failf("wajib of %" PRIu64 " on day %u: %d months %" PRId64
		    ", want %d and %" PRId64, n, day, gm, gd, months, due);
}

static void
test_search_and_wajib(void **state)
{
	static const struct {
		const char	*name;
		char		 gender;
		int64_t		 wajib;
	} people[] = {
		{ "Maria Goreti Da Costa", 'P', WAJIB },
		{ "Yohanes Da Silva", 'L', 0 },
		{ "Bernadéta Lèwar", 'P', RP(60000) },
		{ "Maria Magdalena Wangge", 'P', WAJIB },
		{ "Marselinus Ñato Wangge", 'L', WAJIB },
		{ "FRANSISKUS XAVERIUS PARERA", 'L', WAJIB },
		{ "Agustinus Mbete", 'L', WAJIB },
	};
	struct book	*b;
	struct req	 r;
	char		 nik[7][NIK_LEN + 1], other[NIK_LEN + 1], buf[32];
	uint64_t	 n[7];
	uint32_t	 apr10 = ymd(2024, 4, 10);
	int64_t		 cash = RP(1000000);
	size_t		 i;

	(void)state;
	b = book_new(apr10);
	drawer_open(b, "ani", b->ani, cash);
	for (i = 0; i < ARRAY_SIZE(people); i++) {
		make_nik(nik[i], 400 + (int)i, people[i].gender == 'P');
		n[i] = join(b, "ani", nik[i], people[i].name,
		    people[i].gender, people[i].wajib, RP(20000));
		cash += POKOK + people[i].wajib + RP(20000);
	}

	/* By number, with or without the branch, by NIK. */
	member_format_number(BR, n[3], buf, sizeof buf);
	assert_string_equal(buf, "MOF-000004");
	FOUND(b, buf, n[3]);
	FOUND(b, "4", n[3]);
	FOUND(b, "mof-4", n[3]);
	FOUND(b, "  MOF-000004", n[3]);
	NONE(b, "MOF-000099");
	NONE(b, "ENDE-000004");
	FOUND(b, nik[4], n[4]);
	make_nik(other, 499, 0);
	NONE(b, other);

	/* A name: any word, by its beginning, case and accents folded. */
	FOUND(b, "mar", n[0], n[3], n[4]);
	FOUND(b, "Maria", n[0], n[3]);
	FOUND(b, "MARIA", n[0], n[3]);
	FOUND(b, "wangge", n[3], n[4]);
	FOUND(b, "costa", n[0]);
	FOUND(b, "da", n[0], n[1]);
	FOUND(b, "fransiskus", n[5]);
	FOUND(b, "xav", n[5]);
	FOUND(b, "bernadeta", n[2]);
	FOUND(b, "Bernadéta", n[2]);
	FOUND(b, "BERNADÉTA", n[2]);
	FOUND(b, "lewar", n[2]);
	FOUND(b, "Lèw", n[2]);
	FOUND(b, "nato", n[4]);
	FOUND(b, "ñato", n[4]);
	FOUND(b, "ÑATO", n[4]);
	NONE(b, "zakarias");
	NONE(b, "costas");
	/* Several words: each the beginning of some word of the name. */
	FOUND(b, "maria wangge", n[3]);
	FOUND(b, "wangge maria", n[3]);
	FOUND(b, "wan mar", n[3], n[4]);
	FOUND(b, "da s", n[1]);
	FOUND(b, "da silva", n[1]);
	FOUND(b, "Maria-Goreti", n[0]);
	FOUND(b, "  maria   da  ", n[0]);
	FOUND(b, "fransiskus parera", n[5]);
	NONE(b, "maria silva");
	NONE(b, "maria x");
	/* At most max, and nothing for nothing. */
	{
		struct store_txn *t;
		uint64_t	 out[4];
		size_t		 nout;

		assert_code(store_begin(b->st, 1, &t), 0);
		assert_code(member_search(t, BR, "mar", out, 1, &nout), 0);
		assert_int_equal(nout, 1);
		assert_true(out[0] == n[0] || out[0] == n[3] ||
		    out[0] == n[4]);
		assert_code(member_search(t, BR, "", out, 4, &nout), 0);
		assert_int_equal(nout, 0);
		assert_code(member_search(t, BR, " - ", out, 4, &nout), 0);
		assert_int_equal(nout, 0);
		store_abort(t);
	}
	/* text_fold: what the index is made of. */
	{
		char	 f[64];

		assert_int_equal(text_fold("Bernadéta  Lèwar-Ñato", f,
		    sizeof f), strlen("bernadeta lewar nato"));
		assert_string_equal(f, "bernadeta lewar nato");
		text_fold("  ÀÉÎÕÜ çß ", f, sizeof f);
		assert_string_equal(f, "aeiou cs");
	}

	/*
	 * Wajib, Rp 25.000 a month from the month of joining (April 2024).
	 * The first paid April's with the pokok.
	 */
	wajib_is(b, n[0], ymd(2024, 4, 30), 0, 0);
	wajib_is(b, n[0], ymd(2024, 5, 1), 1, RP(25000));
	wajib_is(b, n[0], ymd(2024, 7, 15), 3, RP(75000));
	/* Across the year: April 2024 .. January 2025 is 10 months. */
	wajib_is(b, n[0], ymd(2025, 1, 10), 9, RP(225000));
	/* The second paid nothing: April is due already. */
	wajib_is(b, n[1], apr10, 1, RP(25000));
	wajib_is(b, n[1], ymd(2024, 12, 31), 9, RP(225000));
	/* A month before joining nothing is due. */
	wajib_is(b, n[1], ymd(2024, 3, 15), 0, 0);
	/* The third paid Rp 60.000: ahead until June, then Rp 15.000 short,
	 * which is one month's payment missing. */
	wajib_is(b, n[2], ymd(2024, 5, 31), 0, 0);
	wajib_is(b, n[2], ymd(2024, 6, 1), 1, RP(15000));
	wajib_is(b, n[2], ymd(2024, 8, 1), 3, RP(65000));
	/* Paying Rp 40.000 for the second: Rp 10.000 short in May, Rp
	 * 60.000 in July, which is 3 payments (2.4, rounded up). */
	req_deposit(&r, "ani", b->ani, GL_WAJIB, n[1], RP(40000));
	post_ok(b->st, &r.q);
	cash += RP(40000);
	wajib_is(b, n[1], apr10, 0, 0);
	wajib_is(b, n[1], ymd(2024, 5, 20), 1, RP(10000));
	wajib_is(b, n[1], ymd(2024, 7, 1), 3, RP(60000));

	drawer_close(b, "ani", cash);
	eod_ok(b, "sisi", apr10);
	/* The day moved; the searches still find the same. */
	FOUND(b, "maria wangge", n[3]);
	wajib_is(b, n[1], ymd(2024, 7, 1), 3, RP(60000));
	book_done(b);
}

/* max 0 asks for nothing, whichever way a member is looked for. */
static void
test_search_max(void **state)
{
	struct book		*b;
	struct store_txn	*t;
	char			 nik[NIK_LEN + 1];
	uint64_t		 n, out[2] = { 0, 0 };
	size_t			 nout;
	int64_t			 cash = RP(100000);

	(void)state;
	b = book_new(ymd(2024, 4, 10));
	drawer_open(b, "ani", b->ani, cash);
	make_nik(nik, 600, 1);
	n = join(b, "ani", nik, "Yosefina Nong", 'P', 0, 0);
	drawer_close(b, "ani", cash + POKOK);

	assert_code(store_begin(b->st, 1, &t), 0);
	assert_code(member_search(t, BR, nik, out, 1, &nout), 0);
	assert_int_equal(nout, 1);
	assert_true(out[0] == n);
	out[0] = 0;
	assert_code(member_search(t, BR, "1", out, 0, &nout), 0);
	assert_int_equal(nout, 0);
	assert_code(member_search(t, BR, "yosefina", out, 0, &nout), 0);
	assert_int_equal(nout, 0);
	assert_code(member_search(t, BR, nik, out, 0, &nout), 0);
	store_abort(t);
	assert_int_equal(nout, 0);
	assert_true(out[0] == 0);	/* nothing written to a 0-long out */
	book_done(b);
}

static struct receipt *
receipt_of(struct book *b, uint64_t seq)
{
	static struct receipt	 ring[2];
	static unsigned		 next;
	struct store_txn	*t;
	struct receipt		*rc = &ring[next++ % ARRAY_SIZE(ring)];

	assert_code(store_begin(b->st, 1, &t), 0);
	assert_code(store_receipt(t, BR, seq, rc), 0);
	store_abort(t);
	return rc;
}

/* Each counter posting's receipt: its number, lines, words, balance. */
static void
test_receipts(void **state)
{
	struct book	*b;
	struct req	 r;
	struct receipt	*rc;
	char		 nik[NIK_LEN + 1];
	uint64_t	 n, s1, s2;
	int64_t		 cash = RP(1000000);

	(void)state;
	b = book_new(ymd(2024, 4, 10));
	drawer_open(b, "ani", b->ani, cash);
	make_nik(nik, 700, 0);
	n = join(b, "ani", nik, "Petrus Kanisius Goa", 'L', WAJIB,
	    RP(100000));
	req_deposit(&r, "ani", b->ani, GL_SUKARELA, n, RP(1250000));
	s1 = post_ok(b->st, &r.q);
	rc = receipt_of(b, s1);
	assert_true(rc->seq == s1);
	assert_int_equal(rc->kind, EK_DEPOSIT);
	assert_true(rc->member == n);
	assert_string_equal(rc->member_name, "Petrus Kanisius Goa");
	assert_string_equal(rc->user, "ani");
	assert_i64(rc->total, RP(1250000));
	assert_string_equal(rc->words,
	    "satu juta dua ratus lima puluh ribu rupiah");
	assert_int_equal(rc->nline, 1);
	assert_int_equal(rc->line[0].gl, GL_SUKARELA);
	assert_i64(rc->line[0].amount, RP(1250000));
	assert_int_equal(rc->nbal, 1);
	assert_int_equal(rc->bal[0].gl, GL_SUKARELA);
	assert_i64(rc->bal[0].amount, RP(1350000));

	req_withdraw(&r, "ani", b->ani, GL_SUKARELA, n, RP(1000));
	s2 = post_ok(b->st, &r.q);
	rc = receipt_of(b, s2);
	assert_int_equal(rc->kind, EK_WITHDRAW);
	assert_i64(rc->total, RP(1000));
	assert_string_equal(rc->words, "seribu rupiah");
	assert_i64(rc->bal[0].amount, RP(1349000));

	/* A receipt printed again is the same receipt: the balance after
	 * that deposit, not today's. */
	rc = receipt_of(b, s1);
	assert_i64(rc->total, RP(1250000));
	assert_i64(rc->bal[0].amount, RP(1350000));

	drawer_close(b, "ani", cash + POKOK + WAJIB + RP(100000) +
	    RP(1250000) - RP(1000));
	book_done(b);
}

static const char *
tr_none(const char *s)
{
	return s;
}

/*
 * Issue 15, item 3: cash in the drawer's unit (cash.rounding, Rp 100).
 * Typed cash not a multiple of it is refused and writes nothing: a
 * deposit, a withdrawal, a drawer opening, cash from the vault.  The
 * same sum between a member's own accounts is taken.  Each cash entry
 * says the unit it obeys (F_CASHUNIT); a change of the setting moves the
 * rule, and the journal still replays.  Item 12: every receipt says
 * gross and net, and the cash counted when cash moved.
 */
static void
test_cash_unit(void **state)
{
	struct book	*b;
	struct req	 r;
	struct receipt	*rc;
	struct entry	*e;
	char		 nik[NIK_LEN + 1], text[2048];
	uint64_t	 n, seq, unit;
	int64_t		 cash = RP(1000000);

	(void)state;
	b = book_new(ymd(2024, 4, 10));
	assert_i64(setting_of(b->st, "cash.rounding"), RP(100));
	req_init(&r, "ani", EK_DRAWER_OPEN);
	req_post(&r, GL_CASH, b->ani, cash + RP(50));
	req_post(&r, GL_VAULT, 0, -(cash + RP(50)));
	post_refused(b->st, &r.q, STORE_E_CASHUNIT);
	drawer_open(b, "ani", b->ani, cash);
	make_nik(nik, 701, 1);
	n = join(b, "ani", nik, "Maria Lewar", 'P', WAJIB, RP(500000));
	cash += POKOK + WAJIB + RP(500000);

	/* Rp 124.050 in cash: refused, to sukarela or wajib. */
	req_deposit(&r, "ani", b->ani, GL_SUKARELA, n, RP(124050));
	post_refused(b->st, &r.q, STORE_E_CASHUNIT);
	req_deposit(&r, "ani", b->ani, GL_WAJIB, n, RP(124050));
	post_refused(b->st, &r.q, STORE_E_CASHUNIT);
	req_withdraw(&r, "ani", b->ani, GL_SUKARELA, n, RP(10050));
	post_refused(b->st, &r.q, STORE_E_CASHUNIT);
	req_init(&r, "ani", EK_VAULT_XFER);
	req_post(&r, GL_CASH, b->ani, RP(1050));
	req_post(&r, GL_VAULT, 0, -RP(1050));
	post_refused(b->st, &r.q, STORE_E_CASHUNIT);
	/* A unit the branch does not have is no way round it. */
	req_deposit(&r, "ani", b->ani, GL_SUKARELA, n, RP(124050));
	req_u64(&r, F_CASHUNIT, RP(1));
	post_refused(b->st, &r.q, STORE_E_INVAL);

	/* Rp 124.000 is taken, and says its unit. */
	req_deposit(&r, "ani", b->ani, GL_SUKARELA, n, RP(124000));
	seq = post_ok(b->st, &r.q);
	cash += RP(124000);
	e = entry_at(b->st, seq);
	assert_code(entry_get_u64(e, F_CASHUNIT, &unit), 0);
	assert_i64((int64_t)unit, RP(100));
	rc = receipt_of(b, seq);
	assert_i64(rc->gross, RP(124000));
	assert_i64(rc->net, RP(124000));
	assert_i64(rc->cash, RP(124000));
	assert_i64(rc->rounding, 0);
	assert_code(receipt_format(rc, tr_none, text, sizeof text), 0);
	assert_non_null(strstr(text, "\nGross                         "
	    "Rp 124.000\n"));
	assert_non_null(strstr(text, "\nNet                           "
	    "Rp 124.000\n"));
	assert_non_null(strstr(text, "\nCash received                 "
	    "Rp 124.000\n"));
	assert_null(strstr(text, "rounding"));

	/* Between her own accounts no cash moves: Rp 124.050 is taken. */
	req_init(&r, "ani", EK_TRANSFER);
	req_u64(&r, F_MEMBER, n);
	req_post(&r, GL_SUKARELA, n, RP(124050));
	req_post(&r, GL_WAJIB, n, -RP(124050));
	seq = post_ok(b->st, &r.q);
	e = entry_at(b->st, seq);
	assert_code(entry_get_u64(e, F_CASHUNIT, &unit), STORE_E_NOTFOUND);
	assert_i64(natural(b->st, GL_SUKARELA, n), RP(500000 + 124000 - 124050));
	rc = receipt_of(b, seq);
	assert_i64(rc->gross, RP(124050));
	assert_i64(rc->net, RP(124050));
	assert_i64(rc->cash, 0);
	assert_i64(rc->total, RP(124050));
	assert_code(receipt_format(rc, tr_none, text, sizeof text), 0);
	assert_non_null(strstr(text, "\nGross "));
	assert_non_null(strstr(text, "\nNet "));
	assert_null(strstr(text, "\nCash "));

	/* Counting to the rupiah (cash.rounding Rp 1) takes Rp 124.050 and
	 * pays Rp 50; at Rp 500 Rp 100 is refused.  The journal replays
	 * either way. */
	set_setting(b, "mira", "cash.rounding", "100");
	req_deposit(&r, "ani", b->ani, GL_SUKARELA, n, RP(124050));
	seq = post_ok(b->st, &r.q);
	cash += RP(124050);
	assert_code(entry_get_u64(entry_at(b->st, seq), F_CASHUNIT, &unit), 0);
	assert_i64((int64_t)unit, RP(1));
	req_withdraw(&r, "ani", b->ani, GL_SUKARELA, n, RP(50));
	post_ok(b->st, &r.q);
	cash -= RP(50);
	set_setting(b, "mira", "cash.rounding", "50000");
	req_deposit(&r, "ani", b->ani, GL_SUKARELA, n, RP(100));
	post_refused(b->st, &r.q, STORE_E_CASHUNIT);
	set_setting(b, "mira", "cash.rounding", "10000");
	assert_i64(natural(b->st, GL_CASH, b->ani), cash);
	drawer_close(b, "ani", cash);
	verify_ok(b);
	book_done(b);
}

int
main(void)
{
#define T(fn)	cmocka_unit_test_teardown(fn, cleanup)
	const struct CMUnitTest tests[] = {
		T(test_interest_by_hand),
		T(test_interest_many_accounts),
		T(test_refusals),
		T(test_receipts),
		T(test_cash_unit),
		T(test_search_and_wajib),
		T(test_search_max),
		T(test_berjangka_counter),
		T(test_berjangka_maturity),
		T(test_month_lowest),
		T(test_month_average),
	};
#undef T
	const char	*s;

	if ((s = getenv("LOKET_SEED")) != NULL && *s != '\0')
		g_seed = strtoull(s, NULL, 10);
	else
		g_seed = (unsigned long long)time(NULL) ^
		    ((unsigned long long)getpid() << 16);
	printf("# seed %llu (rerun with LOKET_SEED=%llu)\n", g_seed, g_seed);
	fflush(stdout);
	if (user_hash_password(PW, pw_hash, sizeof pw_hash) != 0) {
		printf("Bail out! cannot hash a password\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
