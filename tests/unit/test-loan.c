/*
 * tests/unit/test-loan.c: loans through the store's public API, on real
 * LMDB data folders (one mkdtemp folder per test, removed afterwards,
 * failed or not).
 *
 * - Schedules against closed forms worked out here, independently of
 *   the store: flat, declining and annuity over a table of principals,
 *   rates and terms (the annuity's instalment by the standard formula in
 *   long double, which only the test uses); principal parts add up to
 *   the principal exactly; due dates on the same day each month, or the
 *   month's last day.
 * - Collectability at the edges of each class in both regimes, and the
 *   PEARLS provision.
 * - Allocation with penalties outstanding: partial, exact, over
 *   (prepayment spreads again over the instalments not yet due), early
 *   payoff, more than the payoff; another repayment order.
 * - Maker-checker and roles: the applicant cannot approve, a teller or a
 *   supervisor cannot write off; every refusal writes nothing.
 * - One loan's whole life, day by day through store_eod(): disbursed to
 *   sukarela, instalments on time, late, one partial, one in cash, a
 *   prepayment and the payoff, with a model here that charges the
 *   penalty day by day (the store works it out from the last event) and
 *   every balance checked after each step.
 * Each book ends with store_verify().
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
#include <unistd.h>

#include <cmocka.h>

#include "tests/unit/fixture.h"

const char	 fixture_name[] = "loan";

/* -- the independent computation ---------------------------------------- */

/* A month's interest on a whole-Rupiah base: rate_bp of it, half up. */
static int64_t
model_interest(int64_t base, int64_t rate_bp)
{
	int64_t	 rp = base / 100;

	assert_true(base % 100 == 0);
	return (rp * rate_bp + 5000) / 10000 * 100;
}

/* A day's penalty: bp of the overdue amount, down to whole Rupiah. */
static int64_t
model_daily(int64_t overdue, int64_t bp)
{
	return overdue * bp / 1000000 * 100;
}

/* The same day n months after date, or that month's last day. */
static uint32_t
model_add_months(uint32_t date, int n)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	 y, m, d, last;

	date_to_ymd(date, &y, &m, &d);
	m += n;
	while (m > 12) {
		m -= 12;
		y++;
	}
	last = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) ||
	    y % 400 == 0));
	return date_from_ymd(y, m, d > last ? last : d);
}

/* P·r / (1 − (1+r)^−n) in sen, in long double: the test's only use. */
static long double
model_annuity(int64_t p, int64_t rate_bp, int n)
{
	long double	 r = (long double)rate_bp / 10000.0L, x = 1.0L;
	int		 i;

	if (rate_bp == 0)
		return (long double)p / n;
	for (i = 0; i < n; i++)
		x *= 1.0L + r;
	return (long double)p * r / (1.0L - 1.0L / x);
}

/*
 * The schedule by the book: n instalments of p at rate_bp by method,
 * principal parts rounded down (annuity: instalment less interest), the
 * last taking the rest.
 */
static void
model_schedule(int method, int64_t p, int64_t rate_bp, int n, int64_t *prin,
    int64_t *intr)
{
	int64_t	 left = p, inst = 0;
	int	 k;

	if (method == LOAN_ANNUITY) {
		long double a = model_annuity(p, rate_bp, n) / 100.0L;

		/* Half up to whole Rupiah. */
		inst = (int64_t)(a + 0.5L) * 100;
	}
	for (k = 0; k < n; k++) {
		intr[k] = model_interest(method == LOAN_FLAT ? p : left,
		    rate_bp);
		if (k == n - 1)
			prin[k] = left;
		else if (method == LOAN_ANNUITY)
			prin[k] = inst - intr[k];
		else
			prin[k] = p / 100 / n * 100;
		left -= prin[k];
	}
}

/* -- folders and books -------------------------------------------------- */

static struct loan
loan_of(struct store *st, uint64_t n)
{
	struct store_txn	*t;
	struct loan		 l;

	assert_code(store_begin(st, 1, &t), 0);
	assert_code(loan_get(t, BR, n, &l), 0);
	store_abort(t);
	return l;
}

static struct loan_status
status_of(struct store *st, uint64_t n)
{
	struct store_txn	*t;
	struct loan_status	 s;

	assert_code(store_begin(st, 1, &t), 0);
	assert_code(loan_status(t, BR, n, branch_of(st).date, &s), 0);
	store_abort(t);
	return s;
}

static void
drawer_open(struct book *b, int64_t amount)
{
	struct req	 r;

	req_init(&r, "ani", EK_DRAWER_OPEN);
	req_post(&r, GL_CASH, b->ani, amount);
	req_post(&r, GL_VAULT, 0, -amount);
	post_ok(b->st, &r.q);
}

/* Close ani's drawer, counting what its book says is in it. */
static void
drawer_close(struct book *b)
{
	struct denom_count	 dc[DENOM_MAX + 1];
	int64_t			 left = natural(b->st, GL_CASH, b->ani) / 100;
	struct req		 r;
	size_t			 i, n = 0;

	memset(dc, 0, sizeof dc);
	for (i = 0; i < DENOM_MAX && left > 0; i++) {
		if (left / denominations[i] == 0)
			continue;
		dc[n].rupiah = denominations[i];
		dc[n].pieces = left / denominations[i];
		left %= denominations[i];
		n++;
	}
	req_init(&r, "ani", EK_DRAWER_CLOSE);
	r.q.prepare = drawer_close_prepare;
	r.q.prepare_arg = dc;
	post_ok(b->st, &r.q);
}

#define VAULT0	RP(INT64_C(10000000000))

static struct book *
book_new(uint32_t day0)
{
	struct req		 r;
	struct store_txn	*t;
	struct user		 u;
	struct book		*b;

	b = book_open(day0);
	add_user(b, "ani", "Ani Wulandari", ROLE_TELLER);
	add_user(b, "tono", "Tono Mbete", ROLE_TELLER);
	add_user(b, "sisi", "Maria Fransiska Sisi", ROLE_SUPERVISOR);
	add_user(b, "yosef", "Yosef Lewar", ROLE_SUPERVISOR);
	add_user(b, "mira", "Mira Lestari", ROLE_MANAGER);
	assert_code(store_begin(b->st, 1, &t), 0);
	assert_code(user_get(t, BR, "ani", &u), 0);
	store_abort(t);
	b->ani = u.drawer;
	req_init(&r, "sisi", EK_JOURNAL);
	req_post(&r, GL_VAULT, 0, VAULT0);
	req_post(&r, GL_OPENING, 0, -VAULT0);
	post_ok(b->st, &r.q);
	/* No sukarela interest at month ends: balances move by loans only. */
	req_init(&r, "mira", EK_SETTING);
	req_str(&r, F_KEY, "savings.sukarela.rate_bp");
	req_str(&r, F_VALUE, "0");
	post_ok(b->st, &r.q);
	return b;
}

static void
set_setting(struct book *b, const char *key, const char *value)
{
	struct req	 r;

	req_init(&r, "mira", EK_SETTING);
	req_str(&r, F_KEY, key);
	req_str(&r, F_VALUE, value);
	post_ok(b->st, &r.q);
}

/* Register member i at ani's drawer (open) with sukarela; its number. */
static uint64_t
join(struct book *b, int i, int64_t sukarela)
{
	struct member_req	 m;
	struct post_req		 q;
	struct store_txn	*t;
	char			 nik[NIK_LEN + 1], name[64];
	uint64_t		 n;

	snprintf(nik, sizeof nik, "531001%02d%02d%02d%04d", 1 + i % 28,
	    1 + i % 12, 60 + i % 40, i + 1);
	snprintf(name, sizeof name, "Yohanes Da Costa %c", 'A' + i);
	memset(&m, 0, sizeof m);
	m.nik = nik;
	m.name = name;
	m.gender = 'L';
	m.address = "Jl. Ahmad Yani No. 7";
	m.village = "Nita";
	m.sukarela = sukarela;
	member_join_req(&q, BR, "ani", &m);
	post_ok(b->st, &q);
	assert_code(store_begin(b->st, 1, &t), 0);
	assert_code(member_by_nik(t, BR, nik, &n), 0);
	store_abort(t);
	return n;
}

static void
eod(struct book *b)
{
	struct eod_report	 rep;
	uint32_t		 day = branch_of(b->st).date;

	assert_code(store_eod(b->st, BR, "sisi", day, 0, 0, &rep), 0);
	assert_int_equal(rep.nothing, 0);
	assert_int_equal(branch_of(b->st).date, day + 1);
}

/* Close days until the business date is day. */
static void
eod_until(struct book *b, uint32_t day)
{
	while (branch_of(b->st).date < day)
		eod(b);
}

static void
product(struct book *b, const char *code, uint8_t method, uint32_t rate,
    uint8_t order, uint8_t flags)
{
	struct loan_product	 p;
	struct post_req		 q;
	struct store_txn	*t;

	assert_code(store_begin(b->st, 1, &t), 0);
	assert_code(loan_product_defaults(t, BR, &p), 0);
	store_abort(t);
	/* domain.md's figures are the defaults. */
	assert_int_equal(p.rate_bp, 150);
	assert_int_equal(p.penalty_bp, 10);
	assert_int_equal(p.order, LOAN_ORDER_PIK);
	snprintf(p.code, sizeof p.code, "%s", code);
	snprintf(p.name, sizeof p.name, "Pinjaman %s", code);
	p.method = method;
	p.rate_bp = rate;
	p.max_term = 36;
	p.order = order;
	p.flags = flags;
	loan_product_req(&q, BR, "mira", &p);
	post_ok(b->st, &q);
}

static uint64_t
apply_for(struct book *b, const char *user, uint64_t member,
    const char *code, int64_t principal, uint32_t term)
{
	struct loan_apply_req	 a;
	struct post_req		 q;

	memset(&a, 0, sizeof a);
	a.member = member;
	a.product = code;
	a.principal = principal;
	a.term = term;
	a.memo = "modal usaha kios";
	loan_apply_req(&q, BR, user, &a);
	post_ok(b->st, &q);
	assert_true(a.number > 0);
	return a.number;
}

static void
approve(struct book *b, const char *user, uint64_t n)
{
	struct post_req	 q;

	loan_approve_req(&q, BR, user, &n);
	post_ok(b->st, &q);
}

static uint64_t
disburse(struct book *b, uint64_t n, int from_sukarela)
{
	struct loan_pay_req	 p = { n, 0, from_sukarela };
	struct post_req		 q;

	loan_disburse_req(&q, BR, "ani", &p);
	return post_ok(b->st, &q);
}

static uint64_t
repay(struct book *b, uint64_t n, int64_t amount, int from_sukarela)
{
	struct loan_pay_req	 p = { n, amount, from_sukarela };
	struct post_req		 q;

	loan_repay_req(&q, BR, "ani", &p);
	return post_ok(b->st, &q);
}

static void
repay_refused(struct book *b, const char *user, uint64_t n, int64_t amount,
    int from_sukarela, int want)
{
	struct loan_pay_req	 p = { n, amount, from_sukarela };
	struct post_req		 q;

	loan_repay_req(&q, BR, user, &p);
	post_refused(b->st, &q, want);
}

static struct loan_alloc
alloc_of(struct book *b, uint64_t n, int64_t amount)
{
	struct store_txn	*t;
	struct loan_alloc	 a;

	assert_code(store_begin(b->st, 1, &t), 0);
	assert_code(loan_allocate(t, BR, n, branch_of(b->st).date, amount,
	    &a), 0);
	store_abort(t);
	return a;
}

/* -- 1. schedules --------------------------------------------------------- */

static void
check_schedule(uint8_t method, int64_t p, uint32_t rate, uint32_t n,
    uint32_t start)
{
	struct instalment	 x[LOAN_TERM_MAX];
	int64_t			 prin[LOAN_TERM_MAX], intr[LOAN_TERM_MAX];
	int64_t			 sum = 0, left = p;
	long double		 a = model_annuity(p, rate, (int)n);
	uint32_t		 k;

	assert_code(loan_schedule_compute(method, p, rate, n, start, x), 0);
	model_schedule(method, p, rate, (int)n, prin, intr);
	for (k = 0; k < n; k++) {
		/* The annuity's instalment is judged against the formula
		 * below, not against the model's long double rounding. */
		if ((method != LOAN_ANNUITY && (x[k].principal != prin[k] ||
		    x[k].interest != intr[k])) ||
		    x[k].due != model_add_months(start, (int)k + 1)) {
			print_error("method %d P %" PRId64 " rate %u n %u: "
			    "instalment %u is %" PRId64 " + %" PRId64
			    ", want %" PRId64 " + %" PRId64 "\n", method, p,
			    rate, n, k + 1, x[k].principal, x[k].interest,
			    prin[k], intr[k]);
			fail();
		}
		assert_true(x[k].principal % 100 == 0);
		assert_true(x[k].interest % 100 == 0);
		assert_true(x[k].principal >= 0);
		switch (method) {
		case LOAN_FLAT:
			assert_i64(x[k].interest, model_interest(p, rate));
			break;
		case LOAN_DECLINING:
			assert_i64(x[k].interest, model_interest(left, rate));
			if (k < n - 1)
				assert_i64(x[k].principal, p / 100 / n * 100);
			break;
		case LOAN_ANNUITY:
			assert_i64(x[k].interest, model_interest(left, rate));
			/* Within half a Rupiah of the formula's instalment,
			 * all but the last, which absorbs the rounding. */
			if (k < n - 1) {
				long double d = (long double)(x[k].principal +
				    x[k].interest) - a;

				if (d < -50.0L || d > 50.0L) {
					print_error("annuity P %" PRId64
					    " rate %u n %u: %" PRId64 " vs "
					    "%.4Lf\n", p, rate, n,
					    x[k].principal + x[k].interest, a);
					fail();
				}
			} else
				assert_i64(x[k].principal, left);
			break;
		}
		left -= x[k].principal;
		sum += x[k].principal;
	}
	/* Principal parts add up to the principal, exactly. */
	assert_i64(sum, p);
	assert_i64(left, 0);
}

static void
test_schedules(void **state)
{
	static const int64_t	 principals[] = { RP(1000000), RP(5000000),
	    RP(12345600), RP(100000000), RP(INT64_C(1500000000)), RP(7777),
	    RP(999999), RP(250000) };
	static const uint32_t	 rates[] = { 0, 100, 150, 175, 200, 250, 333,
	    1000 };
	static const uint32_t	 terms[] = { 1, 2, 3, 6, 10, 12, 18, 24, 36,
	    60, 120 };
	uint32_t		 start = date_from_ymd(2027, 1, 31);
	size_t			 i, j, k;
	uint8_t			 m;

	(void)state;
	for (m = LOAN_FLAT; m <= LOAN_ANNUITY; m++)
		for (i = 0; i < ARRAY_SIZE(principals); i++)
			for (j = 0; j < ARRAY_SIZE(rates); j++)
				for (k = 0; k < ARRAY_SIZE(terms); k++)
					check_schedule(m, principals[i],
					    rates[j], terms[k], start + k * 7);
}

/* Figures a loan officer would check by hand. */
static void
test_schedule_by_hand(void **state)
{
	struct instalment	 x[12];
	uint32_t		 start = date_from_ymd(2027, 1, 31);

	(void)state;
	/* Rp 10.000.000 at 1.5% for 12 months: Rp 916.799,93 → 916.800. */
	assert_i64(loan_annuity(RP(10000000), 150, 12), RP(916800));
	/* Rp 5.000.000 at 2% for 6 months: Rp 892.629,06 → 892.629. */
	assert_i64(loan_annuity(RP(5000000), 200, 6), RP(892629));
	assert_code(loan_schedule_compute(LOAN_ANNUITY, RP(10000000), 150, 12,
	    start, x), 0);
	assert_i64(x[0].interest, RP(150000));
	assert_i64(x[0].principal, RP(766800));
	assert_int_equal(x[0].due, date_from_ymd(2027, 2, 28));
	assert_int_equal(x[1].due, date_from_ymd(2027, 3, 31));
	assert_int_equal(x[2].due, date_from_ymd(2027, 4, 30));
	assert_int_equal(x[11].due, date_from_ymd(2028, 1, 31));
	/* Flat: Rp 6.000.000, 1.5%, 6 months: 1.000.000 + 90.000 each. */
	assert_code(loan_schedule_compute(LOAN_FLAT, RP(6000000), 150, 6,
	    start, x), 0);
	assert_i64(x[3].principal, RP(1000000));
	assert_i64(x[3].interest, RP(90000));
	/* Declining: Rp 1.000.000 for 3 months: 333.333, 333.333, 333.334;
	 * interest 15.000, 10.000 (9.999,99 half up), 5.000. */
	assert_code(loan_schedule_compute(LOAN_DECLINING, RP(1000000), 150, 3,
	    start, x), 0);
	assert_i64(x[0].principal, RP(333333));
	assert_i64(x[2].principal, RP(333334));
	assert_i64(x[0].interest, RP(15000));
	assert_i64(x[1].interest, RP(10000));
	assert_i64(x[2].interest, RP(5000));
	/* Refused terms. */
	assert_code(loan_schedule_compute(LOAN_FLAT, RP(1000000), 150, 0,
	    start, x), STORE_E_LOANTERMS);
	assert_code(loan_schedule_compute(LOAN_FLAT, RP(1000000), 1001, 1,
	    start, x), STORE_E_LOANTERMS);
	assert_code(loan_schedule_compute(4, RP(1000000), 150, 1, start, x),
	    STORE_E_LOANTERMS);
}

/* -- 2. collectability and provision -------------------------------------- */

static void
test_collectability(void **state)
{
	static const struct {
		uint32_t	 dpd;
		uint8_t		 ojk, coop;
	} cases[] = {
		{ 0, LOAN_LANCAR, LOAN_LANCAR },
		{ 1, LOAN_DPK, LOAN_KURANG },
		{ 90, LOAN_DPK, LOAN_KURANG },
		{ 91, LOAN_KURANG, LOAN_KURANG },
		{ 120, LOAN_KURANG, LOAN_KURANG },
		{ 121, LOAN_DIRAGUKAN, LOAN_KURANG },
		{ 180, LOAN_DIRAGUKAN, LOAN_KURANG },
		{ 181, LOAN_MACET, LOAN_DIRAGUKAN },
		{ 365, LOAN_MACET, LOAN_DIRAGUKAN },
		{ 366, LOAN_MACET, LOAN_MACET },
		{ 5000, LOAN_MACET, LOAN_MACET },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		if (loan_class(LOAN_REGIME_OJK, cases[i].dpd) != cases[i].ojk ||
		    loan_class(LOAN_REGIME_COOP, cases[i].dpd) !=
		    cases[i].coop) {
			print_error("%u days past due: OJK %s, coop %s\n",
			    cases[i].dpd, loan_class_name(loan_class(
			    LOAN_REGIME_OJK, cases[i].dpd)),
			    loan_class_name(loan_class(LOAN_REGIME_COOP,
			    cases[i].dpd)));
			fail();
		}
	}
	for (i = 0; i <= LOAN_ORDER_MAX; i++) {
		uint8_t o = 99;

		assert_code(loan_order_parse(loan_order_name((uint8_t)i), &o),
		    0);
		assert_int_equal(o, i);
	}
	assert_string_equal(loan_order_name(LOAN_ORDER_PIK),
	    "penalty,interest,principal");
	assert_string_equal(loan_class_name(LOAN_LANCAR), "current");
	assert_string_equal(loan_class_name(LOAN_MACET), "loss");

	/* PEARLS: 35% for 1–12 months late, 100% beyond; none when current
	 * nor under a month (30 days) late. */
	assert_i64(loan_provision(RP(1000000), 0, 35, 100, 12), 0);
	assert_i64(loan_provision(RP(1000000), 1, 35, 100, 12), 0);
	assert_i64(loan_provision(RP(1000000), 29, 35, 100, 12), 0);
	assert_i64(loan_provision(RP(1000000), 30, 35, 100, 12), RP(350000));
	assert_i64(loan_provision(RP(1000000), 365, 35, 100, 12), RP(350000));
	assert_i64(loan_provision(RP(1000000), 366, 35, 100, 12), RP(1000000));
	/* Half up to whole Rupiah: 35% of Rp 1.001 is Rp 350,35 → 350. */
	assert_i64(loan_provision(RP(1001), 30, 35, 100, 12), RP(350));
	assert_i64(loan_provision(RP(1003), 30, 35, 100, 12), RP(351));
}

/* -- 3. allocation -------------------------------------------------------- */

static void
test_allocation(void **state)
{
	struct book		*b;
	struct loan_alloc	 a;
	struct loan_status	 s;
	struct instalment	 x[6];
	struct store_txn	*t;
	struct loan		 l;
	uint32_t		 day0 = date_from_ymd(2027, 3, 10), due1, due2;
	uint32_t		 due3;
	uint64_t		 m, n, n2;
	int64_t			 suk, payoff;
	size_t			 cnt, k;

	(void)state;
	b = book_new(day0);
	drawer_open(b, RP(10000000));
	m = join(b, 0, RP(20000000));
	drawer_close(b);
	/* A product that prepays all beyond what is due (LOANP_F_PREPAY):
	 * nothing is paid in advance. */
	product(b, "FLAT", LOAN_FLAT, 150, LOAN_ORDER_PIK, LOANP_F_PREPAY);
	n = apply_for(b, "ani", m, "FLAT", RP(6000000), 6);
	approve(b, "sisi", n);
	disburse(b, n, 1);
	suk = RP(20000000) + RP(6000000) - RP(120000);
	assert_i64(natural(b->st, GL_SUKARELA, m), suk);
	assert_i64(natural(b->st, GL_LOAN_FEE, 0), RP(120000));
	due1 = model_add_months(day0, 1);
	due2 = model_add_months(day0, 2);
	due3 = model_add_months(day0, 3);

	/* Ten days late: 10 x Rp 1.090 of penalty on Rp 1.090.000. */
	eod_until(b, due1 + 10);
	s = status_of(b->st, n);
	assert_int_equal(s.dpd, 10);
	assert_int_equal(s.klass, LOAN_DPK);
	assert_i64(s.penalty, RP(10900));
	assert_i64(s.interest_due, RP(90000));
	assert_i64(s.principal_due, RP(1000000));
	assert_i64(s.overdue, RP(1090000));
	assert_i64(s.payoff, RP(10900) + RP(90000) + RP(6000000));
	assert_i64(s.provision, 0);	/* under a month late */

	/* Partial, less than the penalty: all of it to the penalty. */
	a = alloc_of(b, n, RP(5000));
	assert_i64(a.penalty, RP(5000));
	assert_i64(a.interest + a.principal + a.prepay, 0);
	repay(b, n, RP(5000), 1);
	suk -= RP(5000);
	assert_i64(natural(b->st, GL_PENALTY, 0), RP(5000));
	/* Partial, into the interest: the rest of the penalty first. */
	a = alloc_of(b, n, RP(50000));
	assert_i64(a.penalty, RP(5900));
	assert_i64(a.interest, RP(44100));
	assert_i64(a.principal, 0);
	repay(b, n, RP(50000), 1);
	suk -= RP(50000);
	assert_i64(natural(b->st, GL_PENALTY, 0), RP(10900));
	assert_i64(natural(b->st, GL_LOAN_INT, 0), RP(44100));
	s = status_of(b->st, n);
	assert_i64(s.penalty, 0);
	assert_int_equal(s.dpd, 10);
	/* The next day the penalty is on what is still overdue. */
	eod(b);
	s = status_of(b->st, n);
	assert_int_equal(s.dpd, 11);
	assert_i64(s.penalty, RP(1045));	/* 0.1% of Rp 1.045.900 */
	/* Exact: what is due, and the loan is current again. */
	a = alloc_of(b, n, RP(1045) + RP(45900) + RP(1000000));
	assert_i64(a.penalty, RP(1045));
	assert_i64(a.interest, RP(45900));
	assert_i64(a.principal, RP(1000000));
	assert_i64(a.prepay, 0);
	repay(b, n, RP(1046945), 1);
	suk -= RP(1046945);
	s = status_of(b->st, n);
	assert_int_equal(s.dpd, 0);
	assert_int_equal(s.klass, LOAN_LANCAR);
	assert_i64(s.overdue, 0);
	assert_i64(s.provision, 0);
	assert_i64(natural(b->st, GL_LOANS, n), RP(5000000));

	/* Over: instalment 2 on its day and Rp 1.000.000 more, which is
	 * spread over instalments 3..6 again: Rp 3.000.000 left, 750.000
	 * a month, interest 1.5% of 3.000.000 (a flat loan's base is what
	 * remains after a prepayment). */
	eod_until(b, due2);
	a = alloc_of(b, n, RP(2090000));
	assert_i64(a.interest, RP(90000));
	assert_i64(a.principal, RP(1000000));
	assert_i64(a.prepay, RP(1000000));
	assert_i64(a.advance, 0);
	repay(b, n, RP(2090000), 1);
	suk -= RP(2090000);
	assert_i64(natural(b->st, GL_LOANS, n), RP(3000000));
	assert_code(store_begin(b->st, 1, &t), 0);
	assert_code(loan_schedule(t, BR, n, x, 6, &cnt), 0);
	store_abort(t);
	assert_int_equal(cnt, 6);
	assert_i64(x[1].principal_paid, RP(1000000));
	for (k = 2; k < 6; k++) {
		assert_i64(x[k].principal, RP(750000));
		assert_i64(x[k].interest, RP(45000));
		assert_int_equal(x[k].due, model_add_months(day0, (int)k + 1));
	}

	/* Early payoff two days after instalment 3 fell due unpaid:
	 * 2 x Rp 795 of penalty, its Rp 45.000 of interest, and all the
	 * principal; a Rupiah more is refused. */
	eod_until(b, due3 + 2);
	s = status_of(b->st, n);
	payoff = RP(1590) + RP(45000) + RP(3000000);
	assert_i64(s.payoff, payoff);
	repay_refused(b, "ani", n, payoff + RP(1), 1, STORE_E_PAYOFF);
	a = alloc_of(b, n, payoff);
	assert_i64(a.prepay, RP(2250000));
	repay(b, n, 0, 1);		/* 0: the payoff */
	suk -= payoff;
	l = loan_of(b->st, n);
	assert_int_equal(l.state, LOAN_CLOSED);
	assert_int_equal(l.ended, due3 + 2);
	assert_i64(l.outstanding, 0);
	assert_i64(natural(b->st, GL_LOANS, n), 0);
	assert_i64(natural(b->st, GL_SUKARELA, m), suk);
	assert_i64(natural(b->st, GL_LOAN_INT, 0), RP(90000) * 2 + RP(45000));
	assert_i64(natural(b->st, GL_PENALTY, 0), RP(10900) + RP(1045) +
	    RP(1590));
	repay_refused(b, "ani", n, RP(1000), 1, STORE_E_LOANSTATE);

	/* Another order: interest, principal, penalty. */
	product(b, "IKP", LOAN_FLAT, 150, LOAN_ORDER_IKP, 0);
	n2 = apply_for(b, "ani", m, "IKP", RP(1000000), 2);
	approve(b, "mira", n2);
	disburse(b, n2, 1);
	eod_until(b, model_add_months(branch_of(b->st).date, 1) + 3);
	s = status_of(b->st, n2);
	assert_int_equal(s.dpd, 3);
	assert_i64(s.penalty, 3 * RP(515));	/* 0.1% of Rp 515.000 */
	a = alloc_of(b, n2, RP(20000));
	assert_i64(a.penalty, 0);
	assert_i64(a.interest, RP(15000));
	assert_i64(a.principal, RP(5000));
	a = alloc_of(b, n2, RP(516000));
	assert_i64(a.interest, RP(15000));
	assert_i64(a.principal, RP(500000));
	assert_i64(a.penalty, RP(1000));
	assert_i64(a.prepay, 0);
	repay(b, n2, RP(516000), 1);
	s = status_of(b->st, n2);
	assert_i64(s.penalty, RP(545));
	assert_int_equal(s.dpd, 0);	/* the instalment is paid */
	book_done(b);
}

/* -- 4. maker-checker, roles, refusals -------------------------------------- */

static void
test_refusals(void **state)
{
	struct book		*b;
	struct loan_product	 p;
	struct loan_apply_req	 a;
	struct loan_pay_req	 pr;
	struct post_req		 q;
	struct store_txn	*t;
	struct req		 r;
	struct loan		 l;
	uint32_t		 day0 = date_from_ymd(2027, 5, 3);
	uint64_t		 m, m2, n, n2, dummy = 9999;
	uint64_t		 pending;

	(void)state;
	b = book_new(day0);
	drawer_open(b, RP(10000000));
	m = join(b, 0, RP(5000000));
	m2 = join(b, 1, RP(100000));

	/* Only a manager or an admin defines products. */
	assert_code(store_begin(b->st, 1, &t), 0);
	assert_code(loan_product_defaults(t, BR, &p), 0);
	store_abort(t);
	snprintf(p.code, sizeof p.code, "UMUM");
	snprintf(p.name, sizeof p.name, "Pinjaman umum");
	loan_product_req(&q, BR, "ani", &p);
	post_refused(b->st, &q, STORE_E_ROLE);
	loan_product_req(&q, BR, "sisi", &p);
	post_refused(b->st, &q, STORE_E_ROLE);
	p.rate_bp = 1001;
	loan_product_req(&q, BR, "mira", &p);
	post_refused(b->st, &q, STORE_E_LOANTERMS);
	p.rate_bp = 150;
	snprintf(p.code, sizeof p.code, "umum");
	loan_product_req(&q, BR, "mira", &p);
	post_refused(b->st, &q, STORE_E_INVAL);
	snprintf(p.code, sizeof p.code, "UMUM");
	loan_product_req(&q, BR, "admin", &p);
	post_ok(b->st, &q);

	/* Applications the store refuses. */
	memset(&a, 0, sizeof a);
	a.member = m;
	a.product = "NONE";
	a.principal = RP(1000000);
	a.term = 12;
	loan_apply_req(&q, BR, "ani", &a);
	post_refused(b->st, &q, STORE_E_PRODUCT);
	a.product = "UMUM";
	a.term = 37;
	loan_apply_req(&q, BR, "ani", &a);
	post_refused(b->st, &q, STORE_E_LOANTERMS);
	a.term = 12;
	a.principal = RP(1000000) + 50;
	loan_apply_req(&q, BR, "ani", &a);
	post_refused(b->st, &q, STORE_E_SEN);
	a.principal = 0;
	loan_apply_req(&q, BR, "ani", &a);
	post_refused(b->st, &q, STORE_E_AMOUNT);
	a.principal = RP(1000000);
	a.member = 77;
	loan_apply_req(&q, BR, "ani", &a);
	post_refused(b->st, &q, STORE_E_MEMBER);
	a.member = m;
	loan_apply_req(&q, BR, "admin", &a);
	post_refused(b->st, &q, STORE_E_ROLE);

	/* The maker cannot approve their own loan; a teller cannot approve. */
	n = apply_for(b, "sisi", m, "UMUM", RP(3000000), 12);
	loan_approve_req(&q, BR, "sisi", &n);
	post_refused(b->st, &q, STORE_E_SELFAPPROVE);
	loan_approve_req(&q, BR, "ani", &n);
	post_refused(b->st, &q, STORE_E_ROLE);
	loan_approve_req(&q, BR, "admin", &n);
	post_refused(b->st, &q, STORE_E_ROLE);
	/* Nor disburse it, repay it or write it off before approval. */
	pr = (struct loan_pay_req){ n, 0, 0 };
	loan_disburse_req(&q, BR, "ani", &pr);
	post_refused(b->st, &q, STORE_E_NOTAPPROVED);
	repay_refused(b, "ani", n, RP(1000), 0, STORE_E_NOTAPPROVED);
	loan_writeoff_req(&q, BR, "mira", &n);
	post_refused(b->st, &q, STORE_E_NOTAPPROVED);
	/* The approval names the approver. */
	approve(b, "yosef", n);
	l = loan_of(b->st, n);
	assert_int_equal(l.state, LOAN_APPROVED);
	assert_string_equal(l.applicant, "sisi");
	assert_string_equal(l.approver, "yosef");
	loan_approve_req(&q, BR, "mira", &n);
	post_refused(b->st, &q, STORE_E_LOANSTATE);
	/* A forged approval entry by the maker is refused in apply. */
	req_init(&r, "sisi", EK_LOAN_APPROVE);
	req_u64(&r, F_MEMBER, m);
	req_u64(&r, F_LOAN, n);
	post_refused(b->st, &r.q, STORE_E_LOANSTATE);
	n2 = apply_for(b, "sisi", m, "UMUM", RP(1000000), 3);
	req_init(&r, "sisi", EK_LOAN_APPROVE);
	req_u64(&r, F_MEMBER, m);
	req_u64(&r, F_LOAN, n2);
	post_refused(b->st, &r.q, STORE_E_SELFAPPROVE);
	/* Nor may an unknown loan be acted on. */
	loan_approve_req(&q, BR, "mira", &dummy);
	post_refused(b->st, &q, STORE_E_LOAN);

	/* Cash goes through the poster's own open drawer. */
	drawer_close(b);
	loan_disburse_req(&q, BR, "ani", &pr);
	post_refused(b->st, &q, STORE_E_DRAWER);
	drawer_open(b, RP(10000000));
	/* A forged disbursement that keeps the fees for the member. */
	req_init(&r, "ani", EK_LOAN_DISBURSE);
	req_u64(&r, F_MEMBER, m);
	req_u64(&r, F_LOAN, n);
	req_post(&r, GL_LOANS, n, RP(3000000));
	req_post(&r, GL_CASH, b->ani, -RP(3000000));
	post_refused(b->st, &r.q, STORE_E_INVAL);
	loan_disburse_req(&q, BR, "ani", &pr);
	post_ok(b->st, &q);
	assert_i64(natural(b->st, GL_LOANS, n), RP(3000000));
	assert_i64(natural(b->st, GL_CASH, b->ani), RP(10000000) -
	    RP(3000000) + RP(60000));
	loan_disburse_req(&q, BR, "ani", &pr);
	post_refused(b->st, &q, STORE_E_LOANSTATE);

	/* Repayments the store refuses. */
	repay_refused(b, "ani", n, RP(5000000), 0, STORE_E_PAYOFF);
	repay_refused(b, "admin", n, RP(1000), 1, STORE_E_ROLE);
	pr = (struct loan_pay_req){ n, RP(5000000), 1 };
	loan_repay_req(&q, BR, "ani", &pr);
	post_refused(b->st, &q, STORE_E_PAYOFF);
	/* More than m2's sukarela above its minimum. */
	n2 = apply_for(b, "ani", m2, "UMUM", RP(1000000), 3);
	approve(b, "sisi", n2);
	disburse(b, n2, 0);
	repay_refused(b, "ani", n2, RP(100000), 1, STORE_E_BALANCE);
	/* A forged repayment: nothing is due, so all of it is principal,
	 * never interest. */
	req_init(&r, "ani", EK_LOAN_REPAY);
	req_u64(&r, F_MEMBER, m);
	req_u64(&r, F_LOAN, n);
	req_post(&r, GL_CASH, b->ani, RP(100000));
	req_post(&r, GL_LOAN_INT, 0, -RP(10000));
	req_post(&r, GL_LOANS, n, -RP(90000));
	post_refused(b->st, &r.q, STORE_E_INVAL);
	/* Cash with sen in it. */
	req_init(&r, "ani", EK_LOAN_REPAY);
	req_u64(&r, F_MEMBER, m);
	req_u64(&r, F_LOAN, n);
	req_post(&r, GL_CASH, b->ani, RP(100000) + 50);
	req_post(&r, GL_LOANS, n, -RP(100000) - 50);
	post_refused(b->st, &r.q, STORE_E_SEN);

	/* A member with a loan running cannot leave. */
	req_init(&r, "ani", EK_MEMBER_LEAVE);
	req_u64(&r, F_MEMBER, m);
	req_u64(&r, F_STATUS, MEMBER_RESIGNED);
	r.q.approver = "sisi";
	r.q.approver_password = PW;
	r.q.prepare = member_leave_prepare;
	post_refused(b->st, &r.q, STORE_E_LOANOPEN);

	/* A teller or a supervisor cannot write off; a manager can. */
	loan_writeoff_req(&q, BR, "ani", &n);
	post_refused(b->st, &q, STORE_E_ROLE);
	loan_writeoff_req(&q, BR, "sisi", &n);
	post_refused(b->st, &q, STORE_E_ROLE);
	loan_writeoff_req(&q, BR, "mira", &n);
	post_ok(b->st, &q);
	l = loan_of(b->st, n);
	assert_int_equal(l.state, LOAN_WRITTEN_OFF);
	assert_i64(l.written_off, RP(3000000));
	assert_i64(natural(b->st, GL_LOANS, n), 0);
	assert_i64(natural(b->st, GL_PROVISION, 0), RP(3000000));
	repay_refused(b, "ani", n, RP(1000), 0, STORE_E_LOANSTATE);
	/* Recoveries: up to what was written off, to other income. */
	pr = (struct loan_pay_req){ n, RP(3000001), 0 };
	loan_recover_req(&q, BR, "ani", &pr);
	post_refused(b->st, &q, STORE_E_PAYOFF);
	pr = (struct loan_pay_req){ n, RP(1000000), 0 };
	loan_recover_req(&q, BR, "ani", &pr);
	post_ok(b->st, &q);
	assert_i64(natural(b->st, GL_OTHER_INC, 0), RP(1000000));
	assert_i64(loan_of(b->st, n).recovered, RP(1000000));
	/* And now m may leave: no loan of theirs is running. */
	drawer_close(b);

	/* The day cannot close before its instalments are aged. */
	eod_until(b, model_add_months(day0, 1));
	assert_code(store_begin(b->st, 1, &t), 0);
	assert_code(loan_age_pending(t, BR, branch_of(b->st).date, &pending),
	    0);
	store_abort(t);
	assert_true(pending == 1);	/* n2 */
	req_init(&r, "sisi", EK_DAY_CLOSE);
	req_u64(&r, F_DATE, branch_of(b->st).date);
	post_refused(b->st, &r.q, STORE_E_INVAL);
	eod(b);
	assert_int_equal(loan_of(b->st, n2).ndue, 1);
	book_done(b);
}

/* -- 5. one loan's whole life --------------------------------------------- */

#define LIFE_N		12
#define LIFE_RATE	150
#define LIFE_PEN	10

struct life {
	struct book	*b;
	uint64_t	 member, loan;
	uint32_t	 day0;
	uint32_t	 due[LIFE_N];
	int64_t		 prin[LIFE_N], intr[LIFE_N];
	int64_t		 ppaid[LIFE_N], ipaid[LIFE_N];
	int64_t		 outstanding, penalty;
	int64_t		 suk, cash;
	int64_t		 got_int, got_pen, got_fee;
	int		 closed;
};

/* What is overdue at the start of business date d: due before d. */
static int64_t
life_overdue(const struct life *lf, uint32_t d)
{
	int64_t	 o = 0;
	int	 k;

	for (k = 0; k < LIFE_N; k++) {
		if (lf->due[k] < d)
			o += lf->prin[k] - lf->ppaid[k] + lf->intr[k] -
			    lf->ipaid[k];
	}
	return o;
}

static uint32_t
life_dpd(const struct life *lf, uint32_t d)
{
	int	 k;

	for (k = 0; k < LIFE_N; k++) {
		if (lf->due[k] < d && (lf->ppaid[k] < lf->prin[k] ||
		    lf->ipaid[k] < lf->intr[k]))
			return d - lf->due[k];
	}
	return 0;
}

/* The model's end of day: the next day's penalty on what is overdue. */
static void
life_eod(struct life *lf)
{
	uint32_t	 d = branch_of(lf->b->st).date;

	eod(lf->b);
	if (!lf->closed)
		lf->penalty += model_daily(life_overdue(lf, d + 1), LIFE_PEN);
}

/* The model's repayment on business date d: penalty, interest due,
 * principal due (oldest first); short of the payoff, the next
 * instalment in advance (interest, principal); then prepayment spread
 * again over the instalments after those paid. */
static void
life_pay(struct life *lf, uint32_t d, int64_t amount)
{
	int64_t	 x, left = amount, rest[LIFE_N], ri[LIFE_N], payoff;
	int	 k, j, m;

	payoff = lf->penalty + lf->outstanding;
	for (k = 0; k < LIFE_N && lf->due[k] <= d; k++)
		payoff += lf->intr[k] - lf->ipaid[k];

	x = left < lf->penalty ? left : lf->penalty;
	lf->penalty -= x;
	lf->got_pen += x;
	left -= x;
	for (k = 0; k < LIFE_N && lf->due[k] <= d; k++) {
		x = lf->intr[k] - lf->ipaid[k];
		x = left < x ? left : x;
		lf->ipaid[k] += x;
		lf->got_int += x;
		left -= x;
	}
	for (k = 0; k < LIFE_N && lf->due[k] <= d; k++) {
		x = lf->prin[k] - lf->ppaid[k];
		x = left < x ? left : x;
		lf->ppaid[k] += x;
		lf->outstanding -= x;
		left -= x;
	}
	for (j = 0; j < LIFE_N && lf->due[j] <= d; j++)
		;
	if (left > 0 && amount < payoff && j < LIFE_N) {
		x = lf->intr[j] - lf->ipaid[j];
		x = left < x ? left : x;
		lf->ipaid[j] += x;
		lf->got_int += x;
		left -= x;
		x = lf->prin[j] - lf->ppaid[j];
		x = left < x ? left : x;
		lf->ppaid[j] += x;
		lf->outstanding -= x;
		left -= x;
		j++;
	}
	if (left > 0) {
		/* Declining: equal parts of what remains, on the same days. */
		lf->outstanding -= left;
		m = LIFE_N - j;
		assert_true(m > 0);
		model_schedule(LOAN_DECLINING, lf->outstanding, LIFE_RATE, m,
		    rest, ri);
		for (k = 0; k < m; k++) {
			lf->prin[j + k] = rest[k];
			lf->intr[j + k] = ri[k];
		}
	}
	if (lf->outstanding == 0 && lf->penalty == 0)
		lf->closed = 1;
}

struct income_arg {
	uint32_t	 gl;
	int64_t		 v;
};

static int
income_row(void *arg, const struct stmt_row *row)
{
	struct income_arg	*a = arg;

	if (row->gl == a->gl)
		a->v = row->amount;
	return 0;
}

/* An income account's line of the income statement, from..today. */
static int64_t
income(struct store *st, uint32_t gl, uint32_t from)
{
	struct store_txn	*t;
	struct branch		 b;
	struct income_arg	 a = { gl, 0 };

	assert_code(store_begin(st, 1, &t), 0);
	assert_code(branch_get(t, BR, &b), 0);
	assert_code(statement(t, ST_PHU, BR, from, b.date, income_row, &a),
	    0);
	store_abort(t);
	return a.v;
}

/* Every balance against the model. */
static void
life_check(struct life *lf, const char *step)
{
	struct store	*st = lf->b->st;
	int64_t		 got[6], want[6];
	static const char *what[] = { "loan 1201.n", "sukarela", "jasa 4101",
	    "denda 4103", "fees 4102", "ani's cash" };
	int		 i;

	got[0] = natural(st, GL_LOANS, lf->loan);
	got[1] = natural(st, GL_SUKARELA, lf->member);
	/*
	 * Income since the loan began, as the income statement has it (a
	 * year-end close empties the accounts); interest less what month
	 * ends accrued into 1202.
	 */
	got[2] = income(st, GL_LOAN_INT, lf->day0) -
	    natural(st, GL_LOAN_INT_RCV, 0);
	got[3] = income(st, GL_PENALTY, lf->day0);
	got[4] = income(st, GL_LOAN_FEE, lf->day0);
	got[5] = lf->cash;
	want[0] = lf->outstanding;
	want[1] = lf->suk;
	want[2] = lf->got_int;
	want[3] = lf->got_pen;
	want[4] = lf->got_fee;
	want[5] = lf->cash;
	for (i = 0; i < 6; i++) {
		if (got[i] != want[i]) {
			print_error("%s: %s is %" PRId64 ", the model says %"
			    PRId64 "\n", step, what[i], got[i], want[i]);
			fail();
		}
	}
}

/* Check the store's view of the loan today against the model's. */
static void
life_status(struct life *lf, const char *step)
{
	struct loan_status	 s = status_of(lf->b->st, lf->loan);
	uint32_t		 d = branch_of(lf->b->st).date;

	if (s.penalty != lf->penalty || s.dpd != life_dpd(lf, d) ||
	    s.overdue != life_overdue(lf, d) ||
	    s.outstanding != lf->outstanding) {
		print_error("%s: store: penalty %" PRId64 " dpd %u overdue %"
		    PRId64 "; model: penalty %" PRId64 " dpd %u overdue %"
		    PRId64 "\n", step, s.penalty, s.dpd, s.overdue,
		    lf->penalty, life_dpd(lf, d), life_overdue(lf, d));
		fail();
	}
	assert_int_equal(s.klass, loan_class(LOAN_REGIME_OJK, s.dpd));
}

/* Pay on the business date: from sukarela, or in cash at ani's drawer. */
static void
life_repay(struct life *lf, int64_t amount, int cash, const char *step)
{
	uint32_t	 d = branch_of(lf->b->st).date;

	life_status(lf, step);
	if (cash) {
		drawer_open(lf->b, RP(1000000));
		lf->cash = RP(1000000);
	}
	repay(lf->b, lf->loan, amount, !cash);
	life_pay(lf, d, amount);
	if (cash)
		lf->cash += amount;
	else
		lf->suk -= amount;
	life_check(lf, step);
	life_status(lf, step);
	if (cash) {
		drawer_close(lf->b);
		lf->cash = 0;
	}
}

/* What is due on the business date, penalty included. */
static int64_t
life_due(const struct life *lf)
{
	uint32_t	 d = branch_of(lf->b->st).date;
	int64_t		 s = lf->penalty;
	int		 k;

	for (k = 0; k < LIFE_N && lf->due[k] <= d; k++)
		s += lf->prin[k] - lf->ppaid[k] + lf->intr[k] - lf->ipaid[k];
	return s;
}

static void
life_until(struct life *lf, uint32_t day)
{
	while (branch_of(lf->b->st).date < day)
		life_eod(lf);
}

static void
test_life(void **state)
{
	struct life	*lf;
	struct loan	 l;
	int64_t		 payoff;
	int		 k;

	(void)state;
	assert_non_null(lf = calloc(1, sizeof *lf));
	lf->day0 = date_from_ymd(2027, 1, 31);	/* month ends: clamped */
	lf->b = book_new(lf->day0);
	drawer_open(lf->b, RP(5000000));
	lf->member = join(lf->b, 3, RP(2000000));
	drawer_close(lf->b);
	lf->suk = RP(2000000);
	product(lf->b, "MENURUN", LOAN_DECLINING, LIFE_RATE, LOAN_ORDER_PIK,
	    0);
	lf->loan = apply_for(lf->b, "tono", lf->member, "MENURUN",
	    RP(12000000), LIFE_N);
	approve(lf->b, "mira", lf->loan);
	disburse(lf->b, lf->loan, 1);
	model_schedule(LOAN_DECLINING, RP(12000000), LIFE_RATE, LIFE_N,
	    lf->prin, lf->intr);
	for (k = 0; k < LIFE_N; k++)
		lf->due[k] = model_add_months(lf->day0, k + 1);
	assert_int_equal(lf->due[0], date_from_ymd(2027, 2, 28));
	assert_int_equal(lf->due[2], date_from_ymd(2027, 4, 30));
	assert_i64(lf->intr[0], RP(180000));
	assert_i64(lf->intr[11], RP(15000));
	lf->outstanding = RP(12000000);
	lf->got_fee = RP(240000);	/* 1% admin + 1% provisi, deducted */
	lf->suk += RP(12000000) - RP(240000);
	life_check(lf, "disbursed");
	l = loan_of(lf->b->st, lf->loan);
	assert_int_equal(l.state, LOAN_ACTIVE);
	assert_string_equal(l.applicant, "tono");
	assert_string_equal(l.approver, "mira");

	/* 1: on its due date. */
	life_until(lf, lf->due[0]);
	life_repay(lf, life_due(lf), 0, "instalment 1, on time");
	/* 2: five days late, with five days of penalty. */
	life_until(lf, lf->due[1] + 5);
	assert_i64(lf->penalty, 5 * RP(1165));
	life_repay(lf, life_due(lf), 0, "instalment 2, 5 days late");
	/* 3: a partial payment on the day, the rest with 4, ten days late. */
	life_until(lf, lf->due[2]);
	life_repay(lf, RP(500000), 0, "instalment 3, partial");
	life_until(lf, lf->due[3] + 10);
	life_repay(lf, life_due(lf), 0, "instalments 3 and 4, late");
	/* 5: on time, in cash at the counter. */
	life_until(lf, lf->due[4]);
	life_repay(lf, life_due(lf), 1, "instalment 5, cash");
	/* 6 is missed: 6 and 7 paid 40 days after 6 fell due. */
	life_until(lf, lf->due[5] + 40);
	life_status(lf, "instalment 6, 40 days late");
	assert_int_equal(status_of(lf->b->st, lf->loan).dpd, 40);
	assert_int_equal(status_of(lf->b->st, lf->loan).klass, LOAN_DPK);
	life_repay(lf, life_due(lf), 0, "instalments 6 and 7, late");
	/* 8: on time, and Rp 2.560.000 more: instalment 9 (Rp 1.000.000
	 * and Rp 60.000 of interest) in advance, and Rp 1.500.000 of
	 * prepayment: 10..12 shrink to Rp 500.000 each. */
	life_until(lf, lf->due[7]);
	life_repay(lf, life_due(lf) + RP(2560000), 0,
	    "instalment 8, 9 in advance and a prepayment");
	assert_i64(lf->ppaid[8], RP(1000000));
	assert_i64(lf->ipaid[8], RP(60000));
	assert_i64(lf->prin[9], RP(500000));
	assert_i64(lf->intr[9], RP(22500));
	assert_i64(lf->intr[11], RP(7500));
	/* 9 paid in advance: current on its day and after, no penalty. */
	life_until(lf, lf->due[8] + 5);
	life_status(lf, "instalment 9, paid in advance");
	assert_int_equal(status_of(lf->b->st, lf->loan).klass, LOAN_LANCAR);
	assert_i64(status_of(lf->b->st, lf->loan).penalty, 0);
	/* 10 on time, then 11 paid 2 days late. */
	life_until(lf, lf->due[9]);
	life_repay(lf, life_due(lf), 0, "instalment 10");
	life_until(lf, lf->due[10] + 2);
	life_repay(lf, life_due(lf), 0, "instalment 11, 2 days late");
	/* The payoff, a week before 12 falls due: principal only. */
	life_until(lf, lf->due[11] - 7);
	payoff = status_of(lf->b->st, lf->loan).payoff;
	assert_i64(payoff, lf->outstanding);
	life_repay(lf, payoff, 0, "payoff");
	assert_true(lf->closed);
	assert_true(lf->got_pen > 0);
	l = loan_of(lf->b->st, lf->loan);
	assert_int_equal(l.state, LOAN_CLOSED);
	assert_i64(l.paid_principal, RP(12000000));
	assert_i64(l.paid_interest, lf->got_int);
	assert_i64(l.paid_penalty, lf->got_pen);
	/* Ends of day after the close leave it alone. */
	life_until(lf, lf->due[11] + 3);
	life_check(lf, "closed");
	book_done(lf->b);
	free(lf);
}

/* -- 6. many loans: aging and verify -------------------------------------- */

static void
test_aging_many(void **state)
{
	struct book		*b;
	struct loan_status	 s;
	uint32_t		 day0 = date_from_ymd(2027, 6, 1);
	uint64_t		 m[6], n[6];
	int			 i;

	(void)state;
	b = book_new(day0);
	drawer_open(b, RP(1000000));
	for (i = 0; i < 6; i++)
		m[i] = join(b, 10 + i, RP(500000));
	drawer_close(b);
	product(b, "A", LOAN_ANNUITY, 200, LOAN_ORDER_PIK, 0);
	product(b, "COOP", LOAN_FLAT, 150, LOAN_ORDER_PIK, LOANP_F_CHARGED);
	for (i = 0; i < 6; i++) {
		n[i] = apply_for(b, "ani", m[i], i % 2 ? "A" : "COOP",
		    RP(1000000) * (i + 1), 3 + i);
		approve(b, "sisi", n[i]);
		if (i % 2 == 0) {
			/* Fees charged: paid in cash, the loan to sukarela. */
			drawer_open(b, RP(100000));
			disburse(b, n[i], 1);
			assert_i64(natural(b->st, GL_CASH, b->ani), RP(100000) +
			    RP(20000) * (i + 1));
			assert_i64(natural(b->st, GL_SUKARELA, m[i]),
			    RP(500000) + RP(1000000) * (i + 1));
			drawer_close(b);
		} else
			disburse(b, n[i], 1);
		eod(b);
	}
	/* Nobody pays: four months on, each is late. */
	eod_until(b, model_add_months(day0, 4) + 10);
	for (i = 0; i < 6; i++) {
		s = status_of(b->st, n[i]);
		assert_true(s.dpd > 90);
		assert_int_equal(s.klass, LOAN_KURANG);
		assert_true(s.penalty > 0);
	}
	book_done(b);
}

/* -- month ends: the accrual and the allowance (store/accrual.c) --------- */

#define ME_LOANS	9

/*
 * What 1202 and 1209 should hold at the end of day d, worked out here
 * from each active loan's schedule: the interest of instalments fallen
 * due by d and unpaid, on loans at most 90 days late (days past due:
 * from the oldest instalment fallen due and not wholly paid), and the
 * provision loan_provision() gives each for its days.  *late and
 * *accruing count loans more than 90 days late, and loans accruing.
 */
static void
me_want(struct book *b, const uint64_t *n, int nl, uint32_t d, int64_t *acc,
    int64_t *prov, int *late, int *accruing)
{
	struct instalment	 x[LOAN_TERM_MAX];
	struct store_txn	*t;
	struct loan		 l;
	size_t			 cnt, k;
	int64_t			 unpaid;
	uint32_t		 oldest, dpd;
	int			 i;

	*acc = *prov = 0;
	*late = *accruing = 0;
	for (i = 0; i < nl; i++) {
		l = loan_of(b->st, n[i]);
		if (l.state != LOAN_ACTIVE)
			continue;
		assert_code(store_begin(b->st, 1, &t), 0);
		assert_code(loan_schedule(t, BR, n[i], x, LOAN_TERM_MAX, &cnt),
		    0);
		store_abort(t);
		unpaid = 0;
		oldest = 0;
		for (k = 0; k < cnt && x[k].due <= d; k++) {
			unpaid += x[k].interest - x[k].interest_paid;
			if (oldest == 0 && (x[k].interest_paid < x[k].interest ||
			    x[k].principal_paid < x[k].principal))
				oldest = x[k].due;
		}
		dpd = oldest != 0 ? d - oldest : 0;
		if (dpd <= 90) {
			*acc += unpaid;
			*accruing += unpaid > 0;
		} else
			(*late)++;
		*prov += loan_provision(l.outstanding, dpd, 35, 100, 12);
	}
}

/*
 * Nine loans of the three methods through nine month ends, each member
 * with a way of paying: on the due day; never after the second
 * instalment; in arrears, all of it every 40 days; not for four months,
 * then all of it (more than 90 days late, then accruing again).  At
 * each month end 1202 and 1209 equal what me_want() works out, and the
 * portfolio read back from the provision entry agrees.
 */
static void
test_month_end(void **state)
{
	static const uint8_t	 methods[3] = { LOAN_FLAT, LOAN_DECLINING,
	    LOAN_ANNUITY };
	static const char *const codes[3] = { "F", "D", "A" };
	struct book		*b;
	struct store_txn	*t;
	struct loan_status	 s;
	struct portfolio	 pf;
	uint32_t		 day0 = date_from_ymd(2027, 1, 10), d, end;
	uint64_t		 m[ME_LOANS], n[ME_LOANS];
	int64_t			 acc, prov, owed;
	int			 i, late, accruing, ever_late = 0, again = 0;
	int			 ends = 0, active;

	(void)state;
	b = book_new(day0);
	drawer_open(b, RP(1000000));
	for (i = 0; i < ME_LOANS; i++)
		m[i] = join(b, 20 + i, RP(50000000));
	drawer_close(b);
	for (i = 0; i < 3; i++)
		product(b, codes[i], methods[i], 150, LOAN_ORDER_PIK, 0);
	for (i = 0; i < ME_LOANS; i++) {
		n[i] = apply_for(b, "ani", m[i], codes[i % 3],
		    RP(1000000) * (i + 2), 10 + i % 4);
		approve(b, "sisi", n[i]);
		disburse(b, n[i], 1);
	}
	end = date_from_ymd(2027, 9, 30);
	for (d = day0; d <= end; d++) {
		for (i = 0; i < ME_LOANS; i++) {
			if (loan_of(b->st, n[i]).state != LOAN_ACTIVE)
				continue;
			s = status_of(b->st, n[i]);
			owed = s.penalty + s.interest_due + s.principal_due;
			if (owed == 0)
				continue;
			switch (i % 4) {
			case 0:		/* on the due day */
				break;
			case 1:		/* two instalments, then nothing */
				if (loan_of(b->st, n[i]).kprin >= 2)
					continue;
				break;
			case 2:		/* all of it every 40 days */
				if ((d - day0) % 40 != 0)
					continue;
				break;
			case 3:		/* nothing for four months */
				if (d < date_from_ymd(2027, 6, 15))
					continue;
				break;
			}
			repay(b, n[i], owed, 1);
		}
		if (date_month_end(d) != d) {
			eod(b);
			continue;
		}
		me_want(b, n, ME_LOANS, d, &acc, &prov, &late, &accruing);
		if (late > 0)
			ever_late = 1;
		else if (ever_late && accruing > 0)
			again = 1;
		eod(b);
		ends++;
		assert_i64(natural(b->st, GL_LOAN_INT_RCV, 0), acc);
		assert_i64(natural(b->st, GL_LOAN_ALLOW, 0), -prov);
		/* The month end's portfolio, read from its provision entry. */
		assert_code(store_begin(b->st, 1, &t), 0);
		assert_code(portfolio_get(t, BR, d, &pf), 0);
		store_abort(t);
		assert_true(pf.recorded);
		assert_i64(pf.total_required, prov);
		assert_i64(pf.accrued, acc);
		assert_i64(pf.booked, prov);
		for (i = 0, active = 0; i < ME_LOANS; i++)
			active += loan_of(b->st, n[i]).state == LOAN_ACTIVE;
		assert_i64((int64_t)(pf.count[LOAN_LANCAR] + pf.count[LOAN_DPK] +
		    pf.count[LOAN_KURANG] + pf.count[LOAN_DIRAGUKAN] +
		    pf.count[LOAN_MACET]), active);
	}
	assert_int_equal(ends, 9);
	/* Some loans went past 90 days, and one came back to accruing. */
	assert_true(ever_late);
	assert_true(again);
	book_done(b);
}

/*
 * store/loan-calc.c by hand, with no store at all: the split of a
 * repayment in two orders, the payoff as its limit, the daily penalty,
 * days past due and the paid-instalment counts.
 */
static void
test_calc_by_hand(void **state)
{
	struct loan		 l;
	struct loan_alloc	 a;
	struct loan_owing	 w;
	struct instalment	 x[3];
	uint32_t		 d0 = date_from_ymd(2027, 1, 31);
	uint32_t		 k;
	int64_t			 part;

	(void)state;
	memset(&l, 0, sizeof l);
	l.penalty = RP(1000);
	l.outstanding = RP(30000);
	l.order = LOAN_ORDER_PIK;

	/* Rp 1.500 against Rp 1.000 of penalty and Rp 800 of interest. */
	memset(&w, 0, sizeof w);
	w.interest = RP(800);
	w.principal = RP(10000);
	assert_int_equal(loan_split(&l, &w, RP(1500), &a), 0);
	assert_i64(a.penalty, RP(1000));
	assert_i64(a.interest, RP(500));
	assert_i64(a.principal, 0);
	assert_i64(a.prepay, 0);
	/* Interest, principal, then penalty. */
	l.order = LOAN_ORDER_IKP;
	assert_int_equal(loan_split(&l, &w, RP(11000), &a), 0);
	assert_i64(a.interest, RP(800));
	assert_i64(a.principal, RP(10000));
	assert_i64(a.penalty, RP(200));
	assert_i64(a.prepay, 0);
	/* Past what is due: the next instalment (Rp 300 of interest,
	 * Rp 10.000 of principal) in advance, then principal not due. */
	l.order = LOAN_ORDER_PIK;
	w.next_interest = RP(300);
	w.next_principal = RP(10000);
	assert_int_equal(loan_split(&l, &w, RP(12000), &a), 0);
	assert_i64(a.interest, RP(800) + RP(200));
	assert_i64(a.principal, RP(10000));
	assert_i64(a.advance, RP(200));
	assert_int_equal(loan_split(&l, &w, RP(25000), &a), 0);
	assert_i64(a.interest, RP(1100));
	assert_i64(a.principal, RP(20000));
	assert_i64(a.advance, RP(10300));
	assert_i64(a.prepay, RP(2900));
	/* Always prepay: no advance. */
	l.flags = LOANP_F_PREPAY;
	assert_int_equal(loan_split(&l, &w, RP(25000), &a), 0);
	assert_i64(a.advance, 0);
	assert_i64(a.prepay, RP(13200));
	l.flags = 0;
	/* The payoff settles it, nothing in advance: up to it, no more. */
	assert_int_equal(loan_split(&l, &w, RP(31800), &a), 0);
	assert_i64(a.penalty + a.interest + a.principal, RP(11800));
	assert_i64(a.advance, 0);
	assert_i64(a.prepay, RP(20000));
	assert_int_equal(loan_split(&l, &w, RP(31801), &a),
	    STORE_E_PAYOFF);
	assert_int_equal(loan_split(&l, &w, 0, &a),
	    STORE_E_AMOUNT);

	/* 0.1% a day of Rp 1.090.000 overdue, down to whole Rupiah. */
	assert_i64(loan_daily_penalty(RP(1090000), 10), RP(1090));
	assert_i64(loan_daily_penalty(RP(999), 10), 0);
	l.penalty = 0;
	l.overdue = RP(1090000);
	l.penalty_bp = 10;
	l.pen_to = d0;
	loan_accrue(&l, d0 + 10);
	assert_i64(l.penalty, RP(10900));
	loan_accrue(&l, d0 + 5);		/* the past is charged already */
	assert_i64(l.penalty, RP(10900));
	assert_int_equal(l.pen_to, d0 + 10);

	/* Due a month on, on the month's last day when it is shorter. */
	l.disbursed = d0;
	l.term = 2;
	l.ndue = 2;
	assert_int_equal(loan_due_date(&l, 1), date_from_ymd(2027, 2, 28));
	assert_int_equal(loan_due_date(&l, 2), date_from_ymd(2027, 3, 31));
	memset(x, 0, sizeof x);
	for (k = 1; k <= 2; k++) {
		x[k].due = loan_due_date(&l, k);
		x[k].principal = RP(100);
		x[k].interest = RP(10);
	}
	assert_i64(loan_unpaid(&l, 1, &x[1]), RP(110));
	assert_int_equal(loan_days_past_due(&l, x, 0,
	    date_from_ymd(2027, 4, 5)), 36);
	/* Rp 150 of principal pays the first part and half the second. */
	k = 0;
	part = 0;
	loan_pay_parts(&k, &part, RP(150), x, 2, 1);
	assert_int_equal(k, 1);
	assert_i64(part, RP(50));
	l.kprin = k;
	l.prin_part = part;
	l.kint = 1;
	assert_i64(loan_unpaid(&l, 1, &x[1]), 0);
	assert_i64(loan_unpaid(&l, 2, &x[2]), RP(60));
	assert_int_equal(loan_days_past_due(&l, x, 0,
	    date_from_ymd(2027, 4, 5)), 5);
	l.kint = l.kprin = 2;
	l.prin_part = 0;
	assert_int_equal(loan_days_past_due(&l, x, 0,
	    date_from_ymd(2027, 4, 5)), 0);
}

/* -- 7. paying early (issue 15) ------------------------------------------ */

/*
 * The counter's scenario: a flat loan of Rp 1.000.000 over 10 months at
 * 2.4% a month, Rp 124.000 an instalment.  The member pays Rp 124.000
 * three days before the first due date: it pays that instalment in
 * advance, and nine days after the due date the loan is current with no
 * penalty and no provision.  Before the second due date Rp 624.000: the
 * second instalment in advance and Rp 500.000 of prepayment, which
 * shrinks the instalments after it; the schedule's principal and the
 * prepayments still add up to the loan.  A product that always prepays
 * makes the same early Rp 124.000 a prepayment, and that loan is late.
 */
static void
test_advance(void **state)
{
	struct book		*b;
	struct loan_alloc	 a;
	struct loan_status	 s;
	struct loan_payline	 pl[4];
	struct instalment	 x[10];
	struct store_txn	*t;
	uint32_t		 day0 = date_from_ymd(2027, 5, 4), due1, due2;
	struct req		 r;
	uint64_t		 m, m2, n, n2, n3;
	int64_t			 sum, rounded, fees, total;
	size_t			 cnt, npl, k;

	(void)state;
	b = book_new(day0);
	drawer_open(b, RP(10000000));
	m = join(b, 0, RP(5000000));
	drawer_close(b);
	product(b, "PASAR", LOAN_FLAT, 240, LOAN_ORDER_PIK, 0);
	product(b, "PREPAY", LOAN_FLAT, 240, LOAN_ORDER_PIK, LOANP_F_PREPAY);
	n = apply_for(b, "ani", m, "PASAR", RP(1000000), 10);
	approve(b, "sisi", n);
	disburse(b, n, 1);
	n2 = apply_for(b, "ani", m, "PREPAY", RP(1000000), 10);
	approve(b, "sisi", n2);
	disburse(b, n2, 1);
	due1 = model_add_months(day0, 1);
	due2 = model_add_months(day0, 2);

	/* Three days before the due date, on market day. */
	eod_until(b, due1 - 3);
	s = status_of(b->st, n);
	assert_i64(s.next_amount, RP(124000));
	assert_i64(s.payoff, RP(1000000));
	a = alloc_of(b, n, RP(124000));
	assert_i64(a.interest, RP(24000));
	assert_i64(a.principal, RP(100000));
	assert_i64(a.advance, RP(124000));
	assert_i64(a.prepay, 0);
	repay(b, n, RP(124000), 1);
	a = alloc_of(b, n2, RP(124000));
	assert_i64(a.advance, 0);
	assert_i64(a.prepay, RP(124000));
	repay(b, n2, RP(124000), 1);

	/* Nine days after the due date: current, no penalty. */
	eod_until(b, due1 + 9);
	s = status_of(b->st, n);
	assert_int_equal(s.dpd, 0);
	assert_int_equal(s.klass, LOAN_LANCAR);
	assert_i64(s.penalty, 0);
	assert_i64(s.overdue, 0);
	assert_i64(s.provision, 0);
	assert_i64(s.outstanding, RP(900000));
	assert_i64(natural(b->st, GL_LOANS, n), RP(900000));
	/* The one that prepaid owes its (smaller) first instalment. */
	s = status_of(b->st, n2);
	assert_int_equal(s.dpd, 9);
	assert_int_equal(s.klass, LOAN_DPK);
	assert_true(s.penalty > 0);

	/* Before the second: its instalment and Rp 500.000 more. */
	eod_until(b, due2 - 2);
	a = alloc_of(b, n, RP(624000));
	assert_i64(a.interest, RP(24000));
	assert_i64(a.principal, RP(100000));
	assert_i64(a.advance, RP(124000));
	assert_i64(a.prepay, RP(500000));
	repay(b, n, RP(624000), 1);
	assert_i64(natural(b->st, GL_LOANS, n), RP(300000));
	assert_i64(natural(b->st, GL_LOAN_INT, 0) >= RP(48000), 1);

	/* The schedule: instalments 1 and 2 paid, 3..10 share Rp 300.000
	 * (flat: 2.4% of what remains), and two lines besides. */
	assert_code(store_begin(b->st, 1, &t), 0);
	assert_code(loan_schedule(t, BR, n, x, 10, &cnt), 0);
	assert_code(loan_paylines(t, BR, n, pl, 4, &npl), 0);
	store_abort(t);
	assert_int_equal(cnt, 10);
	assert_int_equal(npl, 2);
	assert_int_equal(pl[0].date, due1 - 3);
	assert_int_equal(pl[0].instalment, 1);
	assert_i64(pl[0].advance, RP(124000));
	assert_i64(pl[0].prepay, 0);
	assert_int_equal(pl[1].date, due2 - 2);
	assert_int_equal(pl[1].instalment, 2);
	assert_i64(pl[1].advance, RP(124000));
	assert_i64(pl[1].prepay, RP(500000));
	assert_i64(x[0].principal_paid + x[0].interest_paid, RP(124000));
	assert_i64(x[1].principal_paid + x[1].interest_paid, RP(124000));
	assert_i64(x[2].principal, RP(37500));
	assert_i64(x[2].interest, RP(7200));
	for (sum = 0, k = 0; k < cnt; k++)
		sum += x[k].principal;
	for (k = 0; k < npl; k++)
		sum += pl[k].prepay;
	assert_i64(sum, RP(1000000));

	/* Past the payoff: refused; the payoff itself closes the loan. */
	s = status_of(b->st, n);
	assert_i64(s.payoff, RP(300000));
	repay_refused(b, "ani", n, s.payoff + RP(100), 1, STORE_E_PAYOFF);
	a = alloc_of(b, n, s.payoff);
	assert_i64(a.advance, 0);
	assert_i64(a.prepay, RP(300000));
	repay(b, n, s.payoff, 1);
	assert_int_equal(loan_of(b->st, n).state, LOAN_CLOSED);

	/*
	 * Item 3: the other loan's payoff is not whole hundreds (flat
	 * interest on Rp 876.000 and days of penalty); in cash it is
	 * rounded up to Rp 100, the rounding income of its own (4902).
	 */
	s = status_of(b->st, n2);
	assert_true(s.payoff % RP(100) != 0);
	drawer_open(b, RP(5000000));
	repay_refused(b, "ani", n2, s.payoff + RP(100) - s.payoff % RP(100) +
	    RP(100), 0, STORE_E_PAYOFF);
	repay_refused(b, "ani", n2, s.payoff + RP(1), 0, STORE_E_PAYOFF);
	repay(b, n2, s.payoff, 0);	/* the payoff to the rupiah, in cash */
	assert_int_equal(loan_of(b->st, n2).state, LOAN_CLOSED);
	assert_i64(natural(b->st, GL_ROUNDING, 0),
	    RP(100) - s.payoff % RP(100));
	assert_i64(natural(b->st, GL_CASH, b->ani),
	    RP(5000000) + s.payoff + RP(100) - s.payoff % RP(100));
	assert_i64(natural(b->st, GL_CASH, b->ani) % RP(100), 0);

	/* A disbursement in cash: Rp 3.333.000 less 1% and 1% of fees is
	 * Rp 3.266.340; Rp 3.266.300 goes out, Rp 40 is rounding. */
	product(b, "GANJIL", LOAN_DECLINING, 150, LOAN_ORDER_PIK, 0);
	n3 = apply_for(b, "ani", m, "GANJIL", RP(3333000), 6);
	approve(b, "sisi", n3);
	sum = natural(b->st, GL_CASH, b->ani);
	rounded = natural(b->st, GL_ROUNDING, 0);
	fees = natural(b->st, GL_LOAN_FEE, 0);
	disburse(b, n3, 0);
	assert_i64(natural(b->st, GL_CASH, b->ani), sum - RP(3266300));
	assert_i64(natural(b->st, GL_ROUNDING, 0), rounded + RP(40));
	assert_i64(natural(b->st, GL_LOAN_FEE, 0), fees + RP(66660));
	assert_i64(natural(b->st, GL_LOANS, n3), RP(3333000));

	/* A member who leaves is paid out in cash what can be counted:
	 * Rp 123.456 of sukarela and the pokok, less Rp 56. */
	/* (Taken in when the branch counted to the rupiah: cash.rounding
	 * Rp 1, then back to Rp 100.) */
	set_setting(b, "cash.rounding", "100");		/* sen */
	m2 = join(b, 1, RP(123456));
	set_setting(b, "cash.rounding", "10000");
	total = natural(b->st, GL_POKOK, m2) + natural(b->st, GL_WAJIB, m2) +
	    natural(b->st, GL_SUKARELA, m2);
	assert_i64(total % RP(100), RP(56));
	sum = natural(b->st, GL_CASH, b->ani);
	rounded = natural(b->st, GL_ROUNDING, 0);
	req_init(&r, "ani", EK_MEMBER_LEAVE);
	req_u64(&r, F_MEMBER, m2);
	req_u64(&r, F_STATUS, MEMBER_RESIGNED);
	r.q.approver = "sisi";
	r.q.approver_password = PW;
	r.q.prepare = member_leave_prepare;
	post_ok(b->st, &r.q);
	assert_i64(natural(b->st, GL_CASH, b->ani), sum - (total - RP(56)));
	assert_i64(natural(b->st, GL_ROUNDING, 0), rounded + RP(56));
	assert_i64(natural(b->st, GL_SUKARELA, m2), 0);
	drawer_close(b);
	book_done(b);
}

/*
 * Issue 15, item 3: what is due on a loan, not whole hundreds, in cash.
 * The counter offers it rounded up to cash.rounding; paying that settles
 * the instalment, 4902 takes exactly the difference, debits equal
 * credits, and the loan is not late the next day.  The amount due typed
 * to the rupiah is taken as its rounding; other cash not in the unit is
 * refused; from sukarela nothing is rounded.
 */
static void
test_cash_due(void **state)
{
	struct book		*b;
	struct loan_status	 s;
	struct store_txn	*t;
	uint32_t		 day0 = date_from_ymd(2027, 5, 4);
	uint64_t		 m, n;
	int64_t			 due, cash, c0, l0, i0, p0, rnd, c1;

	(void)state;
	b = book_new(day0);
	drawer_open(b, RP(1000000));
	m = join(b, 0, RP(2000000));
	drawer_close(b);
	product(b, "UMUM", LOAN_DECLINING, 150, LOAN_ORDER_PIK, 0);
	n = apply_for(b, "ani", m, "UMUM", RP(1234567), 12);
	approve(b, "sisi", n);
	disburse(b, n, 1);

	/* Two days late: the instalment and its penalty. */
	eod_until(b, model_add_months(day0, 1) + 2);
	s = status_of(b->st, n);
	assert_true(s.dpd == 2 && s.penalty > 0);
	due = s.interest_due + s.principal_due + s.penalty;
	assert_i64(loan_due_now(&s), due);
	assert_true(due % RP(100) != 0);
	cash = due + RP(100) - due % RP(100);
	assert_code(store_begin(b->st, 1, &t), 0);
	assert_i64(loan_cash_payoff(t, BR, due), cash);
	store_abort(t);

	drawer_open(b, RP(1000000));
	repay_refused(b, "ani", n, due - due % RP(100) + RP(50), 0,
	    STORE_E_CASHUNIT);
	repay_refused(b, "ani", n, cash + RP(100) + RP(50), 0,
	    STORE_E_CASHUNIT);
	c0 = natural(b->st, GL_CASH, b->ani);
	l0 = natural(b->st, GL_LOANS, n);
	i0 = natural(b->st, GL_LOAN_INT, 0);
	p0 = natural(b->st, GL_PENALTY, 0);
	repay(b, n, cash, 0);
	rnd = natural(b->st, GL_ROUNDING, 0);
	assert_i64(rnd, cash - due);
	assert_i64(natural(b->st, GL_CASH, b->ani) - c0, cash);
	assert_i64((l0 - natural(b->st, GL_LOANS, n)) +
	    (natural(b->st, GL_LOAN_INT, 0) - i0) +
	    (natural(b->st, GL_PENALTY, 0) - p0) + rnd, cash);
	s = status_of(b->st, n);
	assert_i64(s.interest_due + s.principal_due + s.penalty, 0);
	assert_i64(s.outstanding, l0 - (loan_of(b->st, n).paid_principal));
	drawer_close(b);

	/* The next day: current, nothing owed, no penalty. */
	eod(b);
	s = status_of(b->st, n);
	assert_int_equal(s.dpd, 0);
	assert_int_equal(s.klass, LOAN_LANCAR);
	assert_i64(s.penalty, 0);
	assert_i64(s.overdue, 0);

	/* On the second due date, the amount due typed to the rupiah in
	 * cash: the drawer takes it rounded up. */
	eod_until(b, model_add_months(day0, 2));
	s = status_of(b->st, n);
	due = loan_due_now(&s);
	assert_i64(due, s.interest_due + s.principal_due);
	drawer_open(b, RP(1000000));
	c1 = natural(b->st, GL_CASH, b->ani);
	repay(b, n, due, 0);
	c1 = natural(b->st, GL_CASH, b->ani) - c1;
	assert_i64(c1 % RP(100), 0);
	assert_true(c1 >= due && c1 - due < RP(100));
	assert_i64(natural(b->st, GL_ROUNDING, 0), rnd + c1 - due);
	s = status_of(b->st, n);
	assert_i64(s.interest_due + s.principal_due, 0);

	/* From sukarela no cash moves: any rupiah, nothing rounded. */
	repay(b, n, RP(12345), 1);
	assert_i64(natural(b->st, GL_ROUNDING, 0), rnd + c1 - due);
	drawer_close(b);
	book_done(b);
}

/* -- 9. the portfolio as of a past day ------------------------------------ */

/* What the portfolio of a past day (a month end: rebuilt) must equal. */
static void
pf_same(const struct portfolio *got, const struct portfolio *want)
{
	int	 k;

	for (k = LOAN_LANCAR; k <= LOAN_MACET; k++) {
		assert_i64((int64_t)got->count[k], (int64_t)want->count[k]);
		assert_i64(got->outstanding[k], want->outstanding[k]);
		assert_i64(got->required[k], want->required[k]);
	}
	assert_i64(got->total, want->total);
	assert_i64(got->total_required, want->total_required);
	assert_i64(got->booked, want->booked);
	assert_i64(got->par30, want->par30);
	assert_i64(got->npl, want->npl);
	assert_int_equal(got->npl_bp, want->npl_bp);
	assert_int_equal(got->par_bp, want->par_bp);
	assert_i64(got->accrued, want->accrued);
}

/* What loan n owes today; repaid (from sukarela) when any. */
static void
pay_owed(struct book *b, uint64_t n)
{
	struct loan_status	 s = status_of(b->st, n);
	int64_t			 owed = s.penalty + s.interest_due +
	    s.principal_due;

	if (owed > 0)
		repay(b, n, owed, 1);
}

/*
 * Worked by hand: six-month and twelve-month flat loans at 1.5% a month
 * from 10 January 2027, seen on 19 June 2027 (no month end) after the
 * books went on to July.
 *   A: Rp 1.200.000, 12 months (Rp 100.000 principal a month), pays
 *      instalments 1-3 on their due days, then nothing: on 19 June the
 *      oldest unpaid is the 4th, due 10 May, 40 days late: dalam
 *      perhatian khusus (OJK: 1-90 days), provision 35% (a month to
 *      twelve late) of Rp 900.000 = Rp 315.000.
 *   B: Rp 600.000, 6 months, pays 1-4 on time, the 5th (due 10 June)
 *      not until 25 June, with all the rest: closed today, but on
 *      19 June Rp 200.000 outstanding and 9 days late (dalam perhatian
 *      khusus, no provision below a month).
 *   C: Rp 600.000, 6 months, paid off on 20 April: not counted.
 *   E: Rp 600.000, 6 months, never pays: 129 days late (from 10
 *      February), diragukan (121-180), 35% of Rp 600.000 = Rp 210.000.
 *   F: disbursed 25 June: not counted.
 * Totals: 3 loans, Rp 1.700.000; NPL Rp 600.000 (35,29%); PAR30 A + E
 * = Rp 1.500.000 (88,23%); required Rp 525.000; booked what 31 May
 * required: E's Rp 210.000 (A was then 21 days late, B current).
 */
static void
test_portfolio_by_hand(void **state)
{
	struct book		*b;
	struct store_txn	*t;
	struct portfolio	 p;
	struct loan_status	 s;
	uint32_t		 day0 = date_from_ymd(2027, 1, 10), d;
	uint32_t		 day = date_from_ymd(2027, 6, 19);
	uint64_t		 m[5], A, B, C, E, F = 0;
	int			 i, y, mo, dd;

	(void)state;
	b = book_new(day0);
	drawer_open(b, RP(1000000));
	for (i = 0; i < 5; i++)
		m[i] = join(b, i, RP(5000000));
	drawer_close(b);
	product(b, "F", LOAN_FLAT, 150, LOAN_ORDER_PIK, 0);
	A = apply_for(b, "ani", m[0], "F", RP(1200000), 12);
	B = apply_for(b, "ani", m[1], "F", RP(600000), 6);
	C = apply_for(b, "ani", m[2], "F", RP(600000), 6);
	E = apply_for(b, "ani", m[3], "F", RP(600000), 6);
	approve(b, "sisi", A);
	approve(b, "sisi", B);
	approve(b, "sisi", C);
	approve(b, "sisi", E);
	disburse(b, A, 1);
	disburse(b, B, 1);
	disburse(b, C, 1);
	disburse(b, E, 1);
	for (d = day0; d <= date_from_ymd(2027, 7, 2); d++) {
		date_to_ymd(d, &y, &mo, &dd);
		if (dd == 10 && mo <= 4)
			pay_owed(b, A);
		if (dd == 10 && mo <= 5)
			pay_owed(b, B);
		if (dd == 10 && mo <= 4)
			pay_owed(b, C);
		if (d == date_from_ymd(2027, 4, 20))
			repay(b, C, 0, 1);
		if (d == date_from_ymd(2027, 6, 25)) {
			repay(b, B, 0, 1);
			F = apply_for(b, "ani", m[4], "F", RP(600000), 6);
			approve(b, "sisi", F);
			disburse(b, F, 1);
		}
		eod(b);
	}
	assert_int_equal(loan_of(b->st, B).state, LOAN_CLOSED);
	assert_int_equal(loan_of(b->st, C).state, LOAN_CLOSED);
	assert_code(store_begin(b->st, 1, &t), 0);
	/* Each loan as it stood. */
	assert_code(loan_status_at(t, BR, A, day, &s), 0);
	assert_int_equal(s.dpd, 40);
	assert_int_equal(s.klass, LOAN_DPK);
	assert_i64(s.outstanding, RP(900000));
	assert_i64(s.provision, RP(315000));
	assert_code(loan_status_at(t, BR, B, day, &s), 0);
	assert_int_equal(s.dpd, 9);
	assert_int_equal(s.klass, LOAN_DPK);
	assert_i64(s.outstanding, RP(200000));
	assert_i64(s.provision, 0);
	assert_code(loan_status_at(t, BR, E, day, &s), 0);
	assert_int_equal(s.dpd, 129);
	assert_int_equal(s.klass, LOAN_DIRAGUKAN);
	assert_code(loan_status_at(t, BR, C, day, &s), STORE_E_LOANSTATE);
	assert_code(loan_status_at(t, BR, F, day, &s), STORE_E_LOANSTATE);
	/* On the day C was paid off it no longer counts; the day before. */
	assert_code(loan_status_at(t, BR, C, date_from_ymd(2027, 4, 20), &s),
	    STORE_E_LOANSTATE);
	assert_code(loan_status_at(t, BR, C, date_from_ymd(2027, 4, 19), &s),
	    0);
	assert_i64(s.outstanding, RP(300000));
	assert_int_equal(s.dpd, 0);
	/* The portfolio. */
	assert_code(portfolio_get(t, BR, day, &p), 0);
	assert_false(p.recorded);
	assert_i64((int64_t)p.count[LOAN_LANCAR], 0);
	assert_i64((int64_t)p.count[LOAN_DPK], 2);
	assert_i64((int64_t)p.count[LOAN_KURANG], 0);
	assert_i64((int64_t)p.count[LOAN_DIRAGUKAN], 1);
	assert_i64((int64_t)p.count[LOAN_MACET], 0);
	assert_i64(p.outstanding[LOAN_DPK], RP(1100000));
	assert_i64(p.outstanding[LOAN_DIRAGUKAN], RP(600000));
	assert_i64(p.required[LOAN_DPK], RP(315000));
	assert_i64(p.required[LOAN_DIRAGUKAN], RP(210000));
	assert_i64(p.total, RP(1700000));
	assert_i64(p.total_required, RP(525000));
	assert_i64(p.booked, RP(210000));
	assert_i64(p.npl, RP(600000));
	assert_int_equal(p.npl_bp, 3529);
	assert_i64(p.par30, RP(1500000));
	assert_int_equal(p.par_bp, 8823);
	store_abort(t);
	book_done(b);
}

/*
 * The property: over a seeded book of a year (loans of the three
 * methods, some of products that prepay, members paying on time, late,
 * in advance, more than due, not at all, paying off), the portfolio
 * rebuilt from the journal at each month end equals what that month
 * end's provision entry recorded, field by field.
 */
#define PY_LOANS	24

static void
test_portfolio_year(void **state)
{
	static const uint8_t	 methods[3] = { LOAN_FLAT, LOAN_DECLINING,
	    LOAN_ANNUITY };
	static const char *const codes[6] = { "F", "D", "A", "FP", "DP",
	    "AP" };
	struct book		*b;
	struct store_txn	*t;
	struct loan_status	 s;
	struct portfolio	 rec, got;
	uint32_t		 day0 = date_from_ymd(2027, 1, 4), d, end;
	uint32_t		 ends[16];
	uint64_t		 m[PY_LOANS], n[PY_LOANS];
	uint64_t		 seed = 20270104;
	int64_t			 owed, amt;
	int			 i, ne = 0, k;

	(void)state;
	b = book_new(day0);
	drawer_open(b, RP(1000000));
	for (i = 0; i < PY_LOANS; i++)
		m[i] = join(b, i, RP(80000000));
	drawer_close(b);
	for (i = 0; i < 6; i++)
		product(b, codes[i], methods[i % 3], 150 + 25 * i,
		    i % 2 ? LOAN_ORDER_PIK : LOAN_ORDER_PIK,
		    i >= 3 ? LOANP_F_PREPAY : 0);
	for (i = 0; i < PY_LOANS; i++)
		n[i] = 0;
	end = date_from_ymd(2027, 12, 31);
	for (d = day0; d <= end; d++) {
		for (i = 0; i < PY_LOANS; i++) {
			seed = seed * 6364136223846793005ULL +
			    1442695040888963407ULL;
			/* Loans start through the year's first half. */
			if (n[i] == 0 || loan_of(b->st, n[i]).state !=
			    LOAN_ACTIVE) {
				if (d > date_from_ymd(2027, 7, 1) ||
				    (seed >> 33) % 40 != 0)
					continue;
				n[i] = apply_for(b, "ani", m[i],
				    codes[(seed >> 40) % 6],
				    RP(500000) * (1 + (int64_t)((seed >> 45) %
				    8)), 3 + (uint32_t)((seed >> 50) % 10));
				approve(b, "sisi", n[i]);
				disburse(b, n[i], 1);
				continue;
			}
			s = status_of(b->st, n[i]);
			owed = s.penalty + s.interest_due + s.principal_due;
			switch (i % 6) {
			case 0:		/* what is owed, when owed */
				if (owed > 0)
					repay(b, n[i], owed, 1);
				break;
			case 1:		/* a week late, now and then */
				if (owed > 0 && (seed >> 33) % 7 == 0)
					repay(b, n[i], owed, 1);
				break;
			case 2:		/* in advance: some of the next */
				if ((seed >> 33) % 20 == 0 &&
				    s.payoff > RP(100)) {
					amt = RP(1000) * (1 + (int64_t)((seed
					    >> 40) % 200));
					if (amt >= s.payoff)
						amt = 0;
					repay(b, n[i], amt, 1);
				}
				break;
			case 3:		/* nothing for months, then all */
				if (d >= date_from_ymd(2027, 8, 1) &&
				    owed > 0 && (seed >> 33) % 30 == 0)
					repay(b, n[i], owed, 1);
				break;
			case 4:		/* more than owed: prepays */
				if (owed > 0 && (seed >> 33) % 3 == 0) {
					amt = owed + RP(1000) * (int64_t)((seed
					    >> 40) % 300);
					if (amt >= s.payoff)
						amt = 0;
					repay(b, n[i], amt, 1);
				}
				break;
			case 5:		/* pays off early, sometimes */
				if ((seed >> 33) % 90 == 0)
					repay(b, n[i], 0, 1);
				else if (owed > 0 && (seed >> 33) % 2)
					repay(b, n[i], owed, 1);
				break;
			}
		}
		if (date_month_end(d) == d && ne < 16)
			ends[ne++] = d;
		eod(b);
	}
	assert_int_equal(ne, 12);
	assert_code(store_begin(b->st, 1, &t), 0);
	for (k = 0; k < ne; k++) {
		assert_code(portfolio_get(t, BR, ends[k], &rec), 0);
		assert_true(rec.recorded);
		assert_code(portfolio_rebuild(t, BR, ends[k], &got), 0);
		assert_false(got.recorded);
		pf_same(&got, &rec);
	}
	/* Lateness of every kind was on the books at some month end. */
	assert_code(portfolio_get(t, BR, ends[ne - 1], &rec), 0);
	assert_true(rec.total > 0);
	assert_true(rec.par30 > 0);
	store_abort(t);
	book_done(b);
}


int
main(void)
{
#define T(fn)	cmocka_unit_test_teardown(fn, fixture_cleanup)
	const struct CMUnitTest tests[] = {
		T(test_schedules),
		T(test_schedule_by_hand),
		T(test_collectability),
		T(test_allocation),
		T(test_refusals),
		T(test_life),
		T(test_aging_many),
		T(test_month_end),
		T(test_calc_by_hand),
		T(test_advance),
		T(test_portfolio_by_hand),
		T(test_portfolio_year),
		T(test_cash_due),
	};
#undef T

	if (user_hash_password(PW, pw_hash, sizeof pw_hash) != 0) {
		printf("Bail out! cannot hash a password\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
