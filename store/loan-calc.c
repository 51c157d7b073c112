/*
 * store/loan-calc.c: the arithmetic of loans, with no LMDB in it:
 * interest, fees and the annuity, schedules, the split of a repayment
 * over penalty, interest and principal, aging (penalty, days past due),
 * collectability class and provision, and the words for all of these.
 * store/loan.c keeps the records and the entry kinds; reports and
 * ratios reuse what is here.
 *
 * Money is integer sen and every amount a loan produces is whole
 * Rupiah: interest is rounded half up, principal parts down (the last
 * instalment takes what rounding left, so the parts add up to the
 * principal exactly), fees half up, the daily penalty down.  It is
 * integers throughout: the annuity is worked in 2^62 fixed point.
 */
#include <string.h>

#include "store/store.h"

/* -- money ---------------------------------------------------------------- */

static int64_t
floor_rupiah(int64_t sen)
{
	return sen - sen % 100;
}

/* base x bp / 10000, rounded half up to whole Rupiah (base >= 0). */
static int64_t
bp_half_up(int64_t base, uint32_t bp)
{
	__int128	 x = (__int128)base * bp;

	return (int64_t)((x + 500000) / 1000000) * 100;
}

/* A month's interest on base: half up to whole Rupiah. */
int64_t
loan_interest(int64_t base, uint32_t rate_bp)
{
	return base <= 0 ? 0 : bp_half_up(base, rate_bp);
}

/* An admin fee or provisi of bp on principal: half up to whole Rupiah. */
int64_t
loan_fee(int64_t principal, uint32_t bp)
{
	return principal <= 0 ? 0 : bp_half_up(principal, bp);
}

/* A day's penalty on the overdue amount: down to whole Rupiah. */
int64_t
loan_daily_penalty(int64_t overdue, uint32_t bp)
{
	__int128	 x;

	if (overdue <= 0)
		return 0;
	x = (__int128)overdue * bp / 1000000;
	return (int64_t)x * 100;
}

/*
 * The annuity instalment P·r / (1 − (1+r)^−n), r = rate_bp / 10000, in
 * sen rounded half up to whole Rupiah.  v = 1/(1+r) is below one, so
 * v^n is worked in fixed point with F = 2^62 and every product of two
 * such numbers stays below 2^124: no overflow, and integers only.
 * P·r·F needs P x rate x 2^62 < 2^127, which LOAN_PRINCIPAL_MAX and
 * LOAN_RATE_MAX keep.  v^n is off by at most n/2 units of 2^-62, a few
 * parts in 10^17; even at 0.01% a month that leaves the instalment of
 * Rp 10 billion within a sen of the exact one, before it is rounded.
 */
int64_t
loan_annuity(int64_t p, uint32_t rate_bp, uint32_t n)
{
	const __int128	 F = (__int128)1 << 62;
	__int128	 v, vn, d, num;
	uint32_t	 i;

	if (n == 0 || p <= 0 || p > LOAN_PRINCIPAL_MAX ||
	    rate_bp > LOAN_RATE_MAX)
		return 0;
	if (rate_bp == 0) {
		/* No interest: equal parts, half up. */
		return (int64_t)(((__int128)p + (__int128)n * 50) /
		    ((__int128)n * 100)) * 100;
	}
	v = (F * 10000 + (10000 + rate_bp) / 2) / (10000 + rate_bp);
	for (vn = F, i = 0; i < n; i++)
		vn = (vn * v + F / 2) / F;
	d = F - vn;			/* (1 − v^n) x F */
	num = (__int128)p * rate_bp * F;	/* P·r x F x 10000 */
	/* A = num / (10000 d) sen; in Rupiah, half up, times 100. */
	return (int64_t)((num + d * 500000) / (d * 1000000)) * 100;
}

/*
 * Principal and interest of m instalments that repay p at rate_bp a
 * month by method: principal parts rounded down, the last one takes the
 * rest; interest half up.  A flat loan's interest is on p throughout;
 * the others' on what is outstanding before each instalment.
 */
void
loan_sched_amounts(uint8_t method, int64_t p, uint32_t rate_bp, uint32_t m,
    struct instalment *out)
{
	int64_t		 left = p, part, inst = 0;
	uint32_t	 k;

	if (m == 0)
		return;
	part = floor_rupiah(p / m);
	if (method == LOAN_ANNUITY)
		inst = loan_annuity(p, rate_bp, m);
	for (k = 0; k < m; k++) {
		struct instalment *x = &out[k];

		x->interest = loan_interest(method == LOAN_FLAT ? p : left,
		    rate_bp);
		if (k == m - 1)
			x->principal = left;
		else if (method == LOAN_ANNUITY) {
			x->principal = inst - x->interest;
			if (x->principal < 0)
				x->principal = 0;
			if (x->principal > left)
				x->principal = left;
		} else
			x->principal = part;
		left -= x->principal;
		x->principal_paid = x->interest_paid = 0;
	}
}

/*
 * The schedule of a loan of principal at rate_bp a month for n months
 * by method, disbursed on start: n instalments in out, the k-th due on
 * the same day k months later (or that month's last day).
 */
int
loan_schedule_compute(uint8_t method, int64_t principal, uint32_t rate_bp,
    uint32_t n, uint32_t start, struct instalment *out)
{
	uint32_t	 k;

	if (method < LOAN_FLAT || method > LOAN_ANNUITY || n == 0 ||
	    n > LOAN_TERM_MAX || rate_bp > LOAN_RATE_MAX || principal <= 0 ||
	    principal > LOAN_PRINCIPAL_MAX)
		return STORE_E_LOANTERMS;
	loan_sched_amounts(method, principal, rate_bp, n, out);
	for (k = 0; k < n; k++)
		out[k].due = date_add_months(start, (int)k + 1);
	return 0;
}

/*
 * Collectability by days past due.  OJK: 0 lancar, 1–90 dalam perhatian
 * khusus, 91–120 kurang lancar, 121–180 diragukan, beyond macet.
 *
 * The cooperative guideline (domain.md's table, after the ministry's
 * health guide) has no "special mention" class and judges monthly loans
 * by months of arrears: substandard while the principal is up to six
 * months late, doubtful "per collateral cover" and loss otherwise.  loket
 * records no collateral, so it reads the guideline by time, the way the
 * guide itself moves a doubtful loan to loss after twelve months: 0 days
 * lancar, 1–180 kurang lancar, 181–365 diragukan, beyond macet.  The
 * 365-day line is also where PEARLS asks for a full provision.
 */
uint8_t
loan_class(uint8_t regime, uint32_t dpd)
{
	if (dpd == 0)
		return LOAN_LANCAR;
	if (regime == LOAN_REGIME_COOP) {
		if (dpd <= 180)
			return LOAN_KURANG;
		return dpd <= 365 ? LOAN_DIRAGUKAN : LOAN_MACET;
	}
	if (dpd <= 90)
		return LOAN_DPK;
	if (dpd <= 120)
		return LOAN_KURANG;
	return dpd <= 180 ? LOAN_DIRAGUKAN : LOAN_MACET;
}

/*
 * The PEARLS allowance for a loan dpd days late: none below a month
 * late, low_pct of the outstanding from one month through `months`
 * months late, high_pct beyond (35%, 100% and 12 by default, domain.md);
 * n months are n x 365 / 12 days (a month: 30 days).  Half up to whole
 * Rupiah.  A loan a few days late has its class, not yet a provision.
 */
int64_t
loan_provision(int64_t outstanding, uint32_t dpd, uint32_t low_pct,
    uint32_t high_pct, uint32_t months)
{
	uint32_t	 pct;

	if (dpd < LOAN_PROVISION_FROM || outstanding <= 0)
		return 0;
	pct = dpd <= months * 365 / 12 ? low_pct : high_pct;
	return bp_half_up(outstanding, pct * 100);
}

/* -- names ---------------------------------------------------------------- */

static const char *class_names[] = {
	[LOAN_LANCAR] = N_("current"),
	[LOAN_DPK] = N_("special mention"),
	[LOAN_KURANG] = N_("substandard"),
	[LOAN_DIRAGUKAN] = N_("doubtful"),
	[LOAN_MACET] = N_("loss"),
};

/* A msgid: lancar, dalam perhatian khusus, ... in Indonesian. */
const char *
loan_class_name(uint8_t c)
{
	if (c < LOAN_LANCAR || c > LOAN_MACET)
		return "?";
	return class_names[c];
}

static const char *state_names[] = {
	[LOAN_APPLIED] = N_("applied"),
	[LOAN_APPROVED] = N_("approved"),
	[LOAN_ACTIVE] = N_("active"),
	[LOAN_CLOSED] = N_("closed"),
	[LOAN_WRITTEN_OFF] = N_("written off"),
};

const char *
loan_state_name(uint8_t s)
{
	if (s < LOAN_APPLIED || s > LOAN_WRITTEN_OFF)
		return "?";
	return state_names[s];
}

/* Methods, orders and regimes are words of the commands: not msgids. */
static const struct {
	const char	*name;
	uint8_t		 v;
} methods[] = {
	{ "flat", LOAN_FLAT },
	{ "declining", LOAN_DECLINING },
	{ "annuity", LOAN_ANNUITY },
	{ "menurun", LOAN_DECLINING },
	{ "anuitas", LOAN_ANNUITY },
}, regimes[] = {
	{ "ojk", LOAN_REGIME_OJK },
	{ "coop", LOAN_REGIME_COOP },
	{ "koperasi", LOAN_REGIME_COOP },
};

const char *
loan_method_name(uint8_t m)
{
	size_t	 i;

	for (i = 0; i < sizeof methods / sizeof methods[0]; i++) {
		if (methods[i].v == m)
			return methods[i].name;
	}
	return "?";
}

int
loan_method_parse(const char *s, uint8_t *m)
{
	size_t	 i;

	for (i = 0; i < sizeof methods / sizeof methods[0]; i++) {
		if (strcmp(methods[i].name, s) == 0) {
			*m = methods[i].v;
			return 0;
		}
	}
	return STORE_E_INVAL;
}

const char *
loan_regime_name(uint8_t r)
{
	return r == LOAN_REGIME_COOP ? "coop" : r == LOAN_REGIME_OJK ? "ojk" :
	    "?";
}

int
loan_regime_parse(const char *s, uint8_t *r)
{
	size_t	 i;

	for (i = 0; i < sizeof regimes / sizeof regimes[0]; i++) {
		if (strcmp(regimes[i].name, s) == 0) {
			*r = regimes[i].v;
			return 0;
		}
	}
	return STORE_E_INVAL;
}

/* The buckets a repayment fills, in turn, for each order. */
#define B_PENALTY	0
#define B_INTEREST	1
#define B_PRINCIPAL	2
static const uint8_t orders[LOAN_ORDER_MAX + 1][3] = {
	[LOAN_ORDER_PIK] = { B_PENALTY, B_INTEREST, B_PRINCIPAL },
	[LOAN_ORDER_IPK] = { B_INTEREST, B_PENALTY, B_PRINCIPAL },
	[LOAN_ORDER_IKP] = { B_INTEREST, B_PRINCIPAL, B_PENALTY },
	[LOAN_ORDER_KIP] = { B_PRINCIPAL, B_INTEREST, B_PENALTY },
	[LOAN_ORDER_PKI] = { B_PENALTY, B_PRINCIPAL, B_INTEREST },
	[LOAN_ORDER_KPI] = { B_PRINCIPAL, B_PENALTY, B_INTEREST },
};
static const char *order_names[LOAN_ORDER_MAX + 1] = {
	[LOAN_ORDER_PIK] = "penalty,interest,principal",
	[LOAN_ORDER_IPK] = "interest,penalty,principal",
	[LOAN_ORDER_IKP] = "interest,principal,penalty",
	[LOAN_ORDER_KIP] = "principal,interest,penalty",
	[LOAN_ORDER_PKI] = "penalty,principal,interest",
	[LOAN_ORDER_KPI] = "principal,penalty,interest",
};

/* "penalty,interest,principal" and the like: the buckets in turn. */
const char *
loan_order_name(uint8_t o)
{
	return o <= LOAN_ORDER_MAX ? order_names[o] : "?";
}

int
loan_order_parse(const char *s, uint8_t *o)
{
	uint8_t	 i;

	for (i = 0; i <= LOAN_ORDER_MAX; i++) {
		if (strcmp(loan_order_name(i), s) == 0) {
			*o = i;
			return 0;
		}
	}
	return STORE_E_INVAL;
}

/* -- where a loan stands -------------------------------------------------- */

/* The date instalment k of a disbursed loan falls due. */
uint32_t
loan_due_date(const struct loan *l, uint32_t k)
{
	return date_add_months(l->disbursed, (int)k);
}

/* What is unpaid of instalment k, x as scheduled. */
int64_t
loan_unpaid(const struct loan *l, uint32_t k, const struct instalment *x)
{
	int64_t	 u = 0;

	if (k > l->kint)
		u += x->interest - (k == l->kint + 1 ? l->int_part : 0);
	if (k > l->kprin)
		u += x->principal - (k == l->kprin + 1 ? l->prin_part : 0);
	return u;
}

/* Charge the penalty of each day after pen_to through date. */
void
loan_accrue(struct loan *l, uint32_t date)
{
	if (date <= l->pen_to)
		return;
	l->penalty += (int64_t)(date - l->pen_to) *
	    loan_daily_penalty(l->overdue, l->penalty_bp);
	l->pen_to = date;
}

/*
 * Days past due on date: since the oldest instalment fallen due (of the
 * l->ndue) that is not fully paid, x[k] as scheduled for lo < k; 0 when
 * every one is paid.
 */
uint32_t
loan_days_past_due(const struct loan *l, const struct instalment *x,
    uint32_t lo, uint32_t date)
{
	uint32_t	 k;

	for (k = lo + 1; k <= l->ndue; k++) {
		if (loan_unpaid(l, k, &x[k]) > 0)
			return date - loan_due_date(l, k);
	}
	return 0;
}

/* -- a repayment ---------------------------------------------------------- */

/*
 * Split a repayment of amount over the buckets in the loan's order
 * (penalty l->penalty, interest and principal due), then, unless it is
 * the payoff, over the next instalment not yet due (next_interest and
 * next_principal unpaid of it): a payment before the due date pays the
 * coming instalment in advance.  Only what is left after that is a
 * prepayment of principal, which shortens the instalments not yet due;
 * a product with LOANP_F_PREPAY prepays all that exceeds what is due.
 * The payoff (penalty, interest due and all the principal) settles the
 * loan: STORE_E_AMOUNT for nothing, STORE_E_PAYOFF for more than it.
 */
int
loan_split(const struct loan *l, const struct loan_owing *w, int64_t amount,
    struct loan_alloc *a)
{
	int64_t		 due[3], *got[3], left = amount, take;
	const uint8_t	*ord;
	int		 i;

	memset(a, 0, sizeof *a);
	if (amount <= 0)
		return STORE_E_AMOUNT;
	if (amount > l->penalty + w->interest + l->outstanding)
		return STORE_E_PAYOFF;
	ord = orders[l->order <= LOAN_ORDER_MAX ? l->order : 0];
	due[B_PENALTY] = l->penalty;
	due[B_INTEREST] = w->interest;
	due[B_PRINCIPAL] = w->principal;
	got[B_PENALTY] = &a->penalty;
	got[B_INTEREST] = &a->interest;
	got[B_PRINCIPAL] = &a->principal;
	for (i = 0; i < 3; i++) {
		take = left < due[ord[i]] ? left : due[ord[i]];
		*got[ord[i]] += take;
		left -= take;
	}
	if (left > 0 && amount < l->penalty + w->interest + l->outstanding &&
	    !(l->flags & LOANP_F_PREPAY)) {
		/* The next instalment, interest and principal in the
		 * loan's order. */
		due[B_PENALTY] = 0;
		due[B_INTEREST] = w->next_interest;
		due[B_PRINCIPAL] = w->next_principal;
		for (i = 0; i < 3; i++) {
			take = left < due[ord[i]] ? left : due[ord[i]];
			*got[ord[i]] += take;
			a->advance += take;
			left -= take;
		}
	}
	/* What is left pays principal not yet due: at most all of it. */
	a->prepay = left;
	return 0;
}

/*
 * Advance a paid-instalments count over amount x of due parts (interest
 * or principal, pick), stepping over parts of nothing too, up to
 * instalment j; xs[k] is instalment k as scheduled.
 */
void
loan_pay_parts(uint32_t *kk, int64_t *part, int64_t x,
    const struct instalment *xs, uint32_t j, int principal)
{
	int64_t	 need;

	while (*kk < j) {
		need = (principal ? xs[*kk + 1].principal :
		    xs[*kk + 1].interest) - *part;
		if (need > x)
			break;
		x -= need;
		(*kk)++;
		*part = 0;
	}
	*part += x;
}
