/*
 * store/setting.c: settings, derived from setting entries (every figure
 * of domain.md is one), and the local table of what belongs to this box
 * alone (which branches are primary here, failed sign-ins).
 *
 * Every setting is a row of one table: its type (which says its unit),
 * its range and its default.  A setting entry stores the value in the
 * books' own unit (sen, basis points, whole percent, days, months, a
 * count, whole points, hundredths of a point, a date as YYYYMMDD, a
 * choice's number) as decimal digits, a minus first where the range
 * goes below zero and -1 for a goal that is none; the apply function
 * refuses a value that is not that, or is outside the range, so that no
 * entry, posted here or replayed from elsewhere, can set it.  A name the
 * table does not know is kept as text and read by nothing.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/store-int.h"

#define SETTING_NAME_MAX	64

static const char *const average_names[] = { "lowest", "average", NULL };
static const char *const method_names[] = { "", "flat", "declining",
    "annuity", NULL };
static const char *const fee_names[] = { "deducted", "charged", NULL };
static const char *const order_names[] = { "penalty,interest,principal",
    "interest,penalty,principal", "interest,principal,penalty",
    "principal,interest,penalty", "penalty,principal,interest",
    "principal,penalty,interest", NULL };
static const char *const regime_names[] = { "ojk", "coop", NULL };
static const char *const yesno_names[] = { "no", "yes", NULL };
static const char *const capital_names[] = { "year-end", "average", NULL };
static const char *const leavers_names[] = { "none", "share", NULL };
static const char *const payable_names[] = { "sukarela", "payable", NULL };
static const char *const hregime_names[] = { "2020", "2016", "both", NULL };

#define RP(x)	((int64_t)(x) * 100)
#define ME	SETTING_F_MONTHEND
#define SHARE(n, d)	{ n, SETTING_BP, 0, 0, 10000, d, NULL }
#define RATIO(n, d)	{ n, SETTING_BP, 0, 0, 100000, d, NULL }
#define SIGNED(n, d)	{ n, SETTING_BP, 0, -10000, 10000, d, NULL }
#define GROWTH(n, d)	{ n, SETTING_BP, 0, -10000, 100000, d, NULL }
#define GOAL_SHARE(n, d) { n, SETTING_BP, SETTING_F_NONE, 0, 10000, d, NULL }
#define GOAL_RATIO(n, d) { n, SETTING_BP, SETTING_F_NONE, 0, 100000, d, NULL }
#define WEIGHT(n, d)	{ n, SETTING_POINTS, 0, 0, 100, d, NULL }
#define SCORE(n, d)	{ n, SETTING_SCORE, 0, 0, 10000, d, NULL }

/* domain.md's figures; the order is the order loket setting lists. */
static const struct setting_def settings[] = {
	{ "savings.pokok", SETTING_RUPIAH, 0, 0, RP(100000000), RP(100000),
	    NULL },
	{ "savings.wajib", SETTING_RUPIAH, 0, 0, RP(10000000), RP(25000),
	    NULL },
	{ "savings.sukarela.min", SETTING_RUPIAH, 0, 0, RP(10000000),
	    RP(10000), NULL },
	{ "savings.sukarela.rate_bp", SETTING_BP, ME, 0, 5000, 300, NULL },
	{ "savings.sukarela.average", SETTING_ENUM, ME, 0, 1, 0,
	    average_names },
	{ "savings.tax.threshold", SETTING_RUPIAH, ME, 0, RP(100000000),
	    RP(240000), NULL },
	{ "savings.tax.pct", SETTING_PCT, ME, 0, 100, 10, NULL },
	{ "savings.berjangka.rate_bp", SETTING_BP, 0, 0, 5000, 600, NULL },
	{ "savings.berjangka.penalty_bp", SETTING_BP, 0, 0, 10000, 100, NULL },
	{ "limit.withdraw.teller", SETTING_RUPIAH, 0, 0, RP(1000000000000),
	    RP(5000000), NULL },
	{ "limit.withdraw.supervisor", SETTING_RUPIAH, 0, 0,
	    RP(1000000000000), RP(50000000), NULL },
	{ "limit.withdraw.manager", SETTING_RUPIAH, 0, 0, RP(1000000000000),
	    0, NULL },
	{ "limit.drawer.difference", SETTING_RUPIAH, 0, 0, RP(10000000),
	    RP(50000), NULL },
	{ "limit.cash.report", SETTING_RUPIAH, 0, RP(1000000),
	    RP(500000000), RP(500000000), NULL },
	{ "user.lockout", SETTING_COUNT, 0, 0, 100, 5, NULL },
	{ "loan.method", SETTING_ENUM, 0, LOAN_FLAT, LOAN_ANNUITY, LOAN_FLAT,
	    method_names },
	{ "loan.rate_bp", SETTING_BP, 0, 0, LOAN_RATE_MAX, 150, NULL },
	{ "loan.max_term", SETTING_MONTHS, 0, 1, LOAN_TERM_MAX, 36, NULL },
	{ "loan.fee_bp", SETTING_BP, 0, 0, 2000, 100, NULL },
	{ "loan.provisi_bp", SETTING_BP, 0, 0, 2000, 100, NULL },
	{ "loan.fee_charged", SETTING_ENUM, 0, 0, 1, 0, fee_names },
	{ "loan.penalty_bp", SETTING_BP, 0, 0, 100, 10, NULL },
	{ "loan.order", SETTING_ENUM, 0, LOAN_ORDER_PIK, LOAN_ORDER_KPI,
	    LOAN_ORDER_PIK, order_names },
	{ "loan.regime", SETTING_ENUM, 0, LOAN_REGIME_OJK, LOAN_REGIME_COOP,
	    LOAN_REGIME_OJK, regime_names },
	{ "loan.provision.low_pct", SETTING_PCT, 0, 0, 100, 35, NULL },
	{ "loan.provision.high_pct", SETTING_PCT, 0, 0, 100, 100, NULL },
	{ "loan.provision.months", SETTING_MONTHS, 0, 1, 120, 12, NULL },
	/* The members' meeting (store/meeting.c): half the members, + 1. */
	{ "rat.quorum_pct", SETTING_PCT, 0, 0, 100, 50, NULL },
	/* Cash at the counter is counted in this unit; 0: no rounding. */
	{ "cash.rounding", SETTING_RUPIAH, 0, 0, RP(1000), RP(100), NULL },
	/*
	 * The SHU split (store/shu-year.c): the by-laws' parts add up to
	 * 100%, which the split checks; jasa modal's share of the members'.
	 */
	{ "shu.reserve_bp", SETTING_BP, 0, 0, 10000, 4000, NULL },
	{ "shu.members_bp", SETTING_BP, 0, 0, 10000, 4000, NULL },
	{ "shu.board_bp", SETTING_BP, 0, 0, 10000, 500, NULL },
	{ "shu.staff_bp", SETTING_BP, 0, 0, 10000, 500, NULL },
	{ "shu.education_bp", SETTING_BP, 0, 0, 10000, 500, NULL },
	{ "shu.social_bp", SETTING_BP, 0, 0, 10000, 500, NULL },
	{ "shu.jma_bp", SETTING_BP, 0, 0, 10000, 4000, NULL },
	{ "shu.capital.sukarela", SETTING_ENUM, 0, 0, 1, 0, yesno_names },
	{ "shu.capital.average", SETTING_ENUM, 0, 0, 1, 0, capital_names },
	{ "shu.usage.savings", SETTING_ENUM, 0, 0, 1, 0, yesno_names },
	{ "shu.leavers", SETTING_ENUM, 0, 0, 1, 0, leavers_names },
	{ "shu.tax_bp", SETTING_BP, 0, 0, 10000, 0, NULL },
	{ "shu.payable", SETTING_ENUM, 0, 0, 1, 0, payable_names },
	/*
	 * The health assessment and PEARLS (store/health-calc.c).  Ratios'
	 * edges and goals are basis points, each row's range by what its
	 * ratio can be:
	 *  - SHARE, a part of its whole (problem loans of the loans, own
	 *    capital of the assets, member income of all income): 0% to
	 *    100%, the most the ratio itself can be.
	 *  - RATIO, one figure against another that can pass 100% (cash
	 *    against short debts, allowance against the provision needed,
	 *    expenses against income): 0% to 1000%.  No edge of the
	 *    technical guide 15/2021 or of Perdep 06/2016, nor a WOCCU goal,
	 *    passes 101%; ten times that is a slip of the finger.
	 *  - SIGNED, return on assets, below zero in a year of losses:
	 *    -100% to 100% (a loss or a surplus the size of the assets).
	 *  - GROWTH, of members or assets over a year: -100% (all gone) to
	 *    1000%.
	 * A goal may also be none (stored as -1): no bound on that side.
	 * Weights are whole points of the 100 of a total, a predicate's
	 * bound hundredths of a point (8001 is 80,01), 0 to 100 points both.
	 * Whether e1, e2, e3 are in order is the regulation's business, not
	 * a range: an edge out of order only makes a nilai unreachable.
	 */
	/* Permenkop 9/2020: the aspects' weights, of 100 points */
	WEIGHT("health.p20.weight.governance", 30),
	WEIGHT("health.p20.weight.risk", 15),
	WEIGHT("health.p20.weight.finance", 40),
	WEIGHT("health.p20.weight.capital", 15),
	/*
	 * Its indicators' three edges: nilai 1 from e1, 2 from e2, 3 from e3
	 * (K1, K3: up to; the others: at least).
	 */
	SHARE("health.p20.M1.e1", 2000),
	SHARE("health.p20.M1.e2", 1500),
	SHARE("health.p20.M1.e3", 1000),
	RATIO("health.p20.M2.e1", 800),
	RATIO("health.p20.M2.e2", 600),
	RATIO("health.p20.M2.e3", 400),
	SHARE("health.p20.K1.e1", 500),
	SHARE("health.p20.K1.e2", 1000),
	SHARE("health.p20.K1.e3", 1500),
	RATIO("health.p20.K2.e1", 7600),
	RATIO("health.p20.K2.e2", 5100),
	RATIO("health.p20.K2.e3", 2600),
	RATIO("health.p20.K3.e1", 8000),
	RATIO("health.p20.K3.e2", 9000),
	RATIO("health.p20.K3.e3", 10000),
	SIGNED("health.p20.K4.e1", 125),
	SIGNED("health.p20.K4.e2", 75),
	SIGNED("health.p20.K4.e3", 25),
	RATIO("health.p20.K5.e1", 1500),
	RATIO("health.p20.K5.e2", 1000),
	RATIO("health.p20.K5.e3", 500),
	RATIO("health.p20.K6.e1", 7600),
	RATIO("health.p20.K6.e2", 5100),
	RATIO("health.p20.K6.e3", 2600),
	SHARE("health.p20.K7.e1", 7600),
	SHARE("health.p20.K7.e2", 5100),
	SHARE("health.p20.K7.e3", 2600),
	/* The predicates' lower bounds: above 80 points is sehat. */
	SCORE("health.p20.sehat", 8001),
	SCORE("health.p20.cukup", 6600),
	SCORE("health.p20.pengawasan", 5100),
	/* Perdep 06/2016: each measure's weight, of 100 points */
	WEIGHT("health.p16.C1.weight", 6),
	WEIGHT("health.p16.C2.weight", 6),
	WEIGHT("health.p16.C3.weight", 3),
	WEIGHT("health.p16.A1.weight", 10),
	WEIGHT("health.p16.A2.weight", 10),
	WEIGHT("health.p16.A3.weight", 5),
	WEIGHT("health.p16.M.weight", 15),
	WEIGHT("health.p16.E1.weight", 10),
	WEIGHT("health.p16.L1.weight", 10),
	WEIGHT("health.p16.L2.weight", 5),
	WEIGHT("health.p16.G1.weight", 4),
	WEIGHT("health.p16.G2.weight", 3),
	WEIGHT("health.p16.G3.weight", 3),
	WEIGHT("health.p16.I1.weight", 10),
	/* its step tables: the score of the first edge the ratio is below */
	SHARE("health.p16.C1.e1", 2100),
	SHARE("health.p16.C1.e2", 4100),
	SHARE("health.p16.C1.e3", 6100),
	SHARE("health.p16.C1.e4", 8100),
	RATIO("health.p16.C2.e1", 2500),
	RATIO("health.p16.C2.e2", 5000),
	RATIO("health.p16.C2.e3", 7500),
	RATIO("health.p16.C3.e1", 400),
	RATIO("health.p16.C3.e2", 600),
	RATIO("health.p16.C3.e3", 800),
	SHARE("health.p16.A1.e1", 2100),
	SHARE("health.p16.A1.e2", 2600),
	SHARE("health.p16.A1.e3", 3100),
	RATIO("health.p16.E1.e1", 7100),
	RATIO("health.p16.E1.e2", 8600),
	RATIO("health.p16.E1.e3", 10100),
	RATIO("health.p16.L1.e1", 1000),
	RATIO("health.p16.L1.e2", 1500),
	RATIO("health.p16.L1.e3", 2000),
	RATIO("health.p16.L2.e1", 5000),
	RATIO("health.p16.L2.e2", 7500),
	RATIO("health.p16.L2.e3", 10000),
	SIGNED("health.p16.G1.e1", 25),
	SIGNED("health.p16.G1.e2", 75),
	SIGNED("health.p16.G1.e3", 125),
	GROWTH("health.p16.G2.e1", 0),
	GROWTH("health.p16.G2.e2", 500),
	GROWTH("health.p16.G2.e3", 1000),
	GROWTH("health.p16.G3.e1", 0),
	GROWTH("health.p16.G3.e2", 500),
	GROWTH("health.p16.G3.e3", 1000),
	SHARE("health.p16.I1.e1", 2500),
	SHARE("health.p16.I1.e2", 5000),
	SHARE("health.p16.I1.e3", 7500),
	/* A2, troubled-loan risk: 0 from zero, points more per 1% below */
	SHARE("health.p16.A2.zero", 4500),
	WEIGHT("health.p16.A2.points", 2),
	/* the predicates' lower bounds */
	SCORE("health.p16.sehat", 8000),
	SCORE("health.p16.cukup", 6600),
	SCORE("health.p16.pengawasan", 5100),
	/* PEARLS: WOCCU's goals, at least min, at most max; none: no bound */
	GOAL_RATIO("pearls.P1.min", 10000),
	GOAL_RATIO("pearls.P1.max", -1),
	GOAL_RATIO("pearls.P2.min", 3500),
	GOAL_RATIO("pearls.P2.max", -1),
	GOAL_SHARE("pearls.E1.min", 7000),
	GOAL_SHARE("pearls.E1.max", 8000),
	GOAL_SHARE("pearls.E5.min", 7000),
	GOAL_SHARE("pearls.E5.max", 8000),
	GOAL_SHARE("pearls.E6.min", -1),
	GOAL_SHARE("pearls.E6.max", 500),
	GOAL_SHARE("pearls.E9.min", 1000),
	GOAL_SHARE("pearls.E9.max", -1),
	GOAL_SHARE("pearls.A1.min", -1),
	GOAL_SHARE("pearls.A1.max", 500),
	GOAL_SHARE("pearls.A2.min", -1),
	GOAL_SHARE("pearls.A2.max", 499),
	GOAL_RATIO("pearls.R7.min", -1),
	GOAL_RATIO("pearls.R7.max", -1),
	GOAL_SHARE("pearls.R9.min", -1),
	GOAL_SHARE("pearls.R9.max", 500),
	GOAL_RATIO("pearls.L1.min", 1500),
	GOAL_RATIO("pearls.L1.max", 2000),
	GOAL_RATIO("pearls.L2.min", 1000),
	GOAL_RATIO("pearls.L2.max", -1),
	GOAL_RATIO("pearls.S10.min", 1201),
	GOAL_RATIO("pearls.S10.max", -1),
	GOAL_RATIO("pearls.S11.min", -1),
	GOAL_RATIO("pearls.S11.max", -1),
	/* S11's goal when none is set: more than inflation + 10% */
	{ "pearls.inflation_bp", SETTING_BP, 0, 0, 10000, 300, NULL },
	{ "health.regime", SETTING_ENUM, 0, 0, 2, 0, hregime_names },
	/*
	 * The ministry's yearly data (store/ods.c): the nomor induk
	 * koperasi (16 digits), the kabupaten/kota's code (4 digits) and
	 * the date the last RAT was held; 0 for each while not known.
	 */
	{ "ods.nik", SETTING_CODE, 0, 0, INT64_C(9999999999999999), 0, NULL },
	{ "ods.district", SETTING_CODE, 0, 0, 9999, 0, NULL },
	{ "ods.rat", SETTING_DATE, 0, 0, 99991231, 0, NULL },
};

#undef RP
#undef ME
#undef SHARE
#undef RATIO
#undef SIGNED
#undef GROWTH
#undef GOAL_SHARE
#undef GOAL_RATIO
#undef WEIGHT
#undef SCORE

/* The i-th row of the table, or NULL past the end. */
const struct setting_def *
setting_at(size_t i)
{
	if (i >= sizeof settings / sizeof settings[0])
		return NULL;
	return &settings[i];
}

/* The row named name, or NULL. */
const struct setting_def *
setting_find(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof settings / sizeof settings[0]; i++) {
		if (strcmp(settings[i].name, name) == 0)
			return &settings[i];
	}
	return NULL;
}

/* The i-th figure with a default: 0, or STORE_E_NOTFOUND past the end. */
int
setting_default(size_t i, const char **name, int64_t *value)
{
	const struct setting_def	*d;

	if ((d = setting_at(i)) == NULL)
		return STORE_E_NOTFOUND;
	*name = d->name;
	*value = d->def;
	return 0;
}

/* Decimal digits, a minus first when sign, into *v: 0 or STORE_E_SETTING. */
static int
digits(const char *s, int sign, int64_t *v)
{
	int64_t	 n = 0;
	int	 neg = 0;

	if (sign && *s == '-') {
		neg = 1;
		s++;
	}
	if (*s == '\0')
		return STORE_E_SETTING;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return STORE_E_SETTING;
		if (n > (INT64_MAX - (*s - '0')) / 10)
			return STORE_E_SETTING;
		n = n * 10 + (*s - '0');
	}
	*v = neg ? -n : n;
	return 0;
}

/* Whether a row's values may be below zero: a range that is, or none. */
static int
signed_row(const struct setting_def *d)
{
	return d->min < 0 || (d->flags & SETTING_F_NONE);
}

/* Whether v is a value of the row: in its range, none, a real date. */
static int
in_range(const struct setting_def *d, int64_t v)
{
	if ((d->flags & SETTING_F_NONE) && v == -1)
		return 1;
	if (v < d->min || v > d->max)
		return 0;
	if (d->type == SETTING_DATE && v != 0 &&
	    !date_valid((int)(v / 10000), (int)(v / 100 % 100),
	    (int)(v % 100)))
		return 0;
	return 1;
}

/*
 * Whether value may be stored as setting name: the books' unit in
 * digits (a minus first where the range goes below zero, -1 for none),
 * inside the range.  Returns 0 (also for a name the table does not
 * know), or STORE_E_SETTING; *v is the value when it is 0.
 */
int
setting_check(const char *name, const char *value, int64_t *v)
{
	const struct setting_def	*d;
	int64_t				 n = 0;
	int				 r;

	if (v != NULL)
		*v = 0;
	if ((d = setting_find(name)) == NULL)
		return 0;
	if ((r = digits(value, signed_row(d), &n)) != 0)
		return r;
	if (!in_range(d, n))
		return STORE_E_SETTING;
	if (v != NULL)
		*v = n;
	return 0;
}

/* The value of a figure of the table: the branch's, or the default. */
int64_t
setting_value(struct store_txn *t, const char *branch, const char *name)
{
	const struct setting_def	*d;
	char				 v[32];
	int64_t				 n;

	if ((d = setting_find(name)) == NULL)
		return 0;
	if (setting_get(t, branch, name, v, sizeof v) != 0 ||
	    setting_check(name, v, &n) != 0)
		return d->def;
	return n;
}

/* Hundredths as "1", "1,5" or "1,25", with a minus below zero. */
static int
hundredths_format(int64_t v, const char *suffix, char *buf, size_t size)
{
	const char	*sign = v < 0 ? "-" : "";
	int64_t		 a = v < 0 ? -v : v;

	if (a % 100 == 0)
		return snprintf(buf, size, "%s%" PRId64 "%s", sign, a / 100,
		    suffix);
	if (a % 10 == 0)
		return snprintf(buf, size, "%s%" PRId64 ",%" PRId64 "%s", sign,
		    a / 100, a % 100 / 10, suffix);
	return snprintf(buf, size, "%s%" PRId64 ",%02" PRId64 "%s", sign,
	    a / 100, a % 100, suffix);
}

/*
 * A value in its unit, as people read it: "Rp 100.000", "1,5%", "10%",
 * "36", "80,01" (a score), "2026-03-21", "none", or a choice's name.
 * Returns 0 or ERANGE.
 */
int
setting_format(const struct setting_def *d, int64_t v, char *buf,
    size_t size)
{
	int	 n;

	if ((d->flags & SETTING_F_NONE) && v == -1) {
		n = snprintf(buf, size, "none");
		return n < 0 || (size_t)n >= size ? ERANGE : 0;
	}
	switch (d->type) {
	case SETTING_RUPIAH:
		return money_format(v, buf, size);
	case SETTING_BP:
		n = hundredths_format(v, "%", buf, size);
		break;
	case SETTING_SCORE:
		n = hundredths_format(v, "", buf, size);
		break;
	case SETTING_PCT:
		n = snprintf(buf, size, "%" PRId64 "%%", v);
		break;
	case SETTING_DATE:
		if (v == 0)
			n = snprintf(buf, size, "none");
		else
			n = snprintf(buf, size, "%04" PRId64 "-%02" PRId64
			    "-%02" PRId64, v / 10000, v / 100 % 100, v % 100);
		break;
	case SETTING_ENUM:
		if (d->names != NULL && v >= 0 && d->names[v] != NULL &&
		    d->names[v][0] != '\0') {
			n = snprintf(buf, size, "%s", d->names[v]);
			break;
		}
		/* FALLTHROUGH */
	default:
		n = snprintf(buf, size, "%" PRId64, v);
		break;
	}
	return n < 0 || (size_t)n >= size ? ERANGE : 0;
}

/* "1,5" or "1.5" (up to two decimals) as hundredths: 150. */
static int
hundredths(const char *s, int64_t *v)
{
	int64_t	 whole = 0, frac = 0;
	int	 nfrac = 0, nwhole = 0;

	for (; *s >= '0' && *s <= '9'; s++, nwhole++) {
		if (whole > INT64_MAX / 1000)
			return STORE_E_SETTING;
		whole = whole * 10 + (*s - '0');
	}
	if (*s == ',' || *s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, nfrac++) {
			if (nfrac == 2)
				return STORE_E_SETTING;
			frac = frac * 10 + (*s - '0');
		}
		if (nfrac == 0)
			return STORE_E_SETTING;
	}
	if (*s != '\0' || nwhole == 0)
		return STORE_E_SETTING;
	if (nfrac == 1)
		frac *= 10;
	*v = whole * 100 + frac;
	return 0;
}

/*
 * What a person typed, in the setting's unit ("Rp 100.000" or
 * "100.000", "1,5%" or "1,5", "-0,25%" where the range goes below zero,
 * "10%", "30", "80,01" points, "2026-03-21" or "20260321", "none" where
 * a row has it, a choice's name or number), into the books' unit,
 * checked against the range.  Returns 0 or STORE_E_SETTING.
 */
int
setting_parse(const struct setting_def *d, const char *text, int64_t *v)
{
	char	 s[64];
	size_t	 len;
	int64_t	 n = 0;
	int	 i, r, neg = 0;

	while (*text == ' ')
		text++;
	len = strlen(text);
	while (len > 0 && text[len - 1] == ' ')
		len--;
	if (len == 0 || len >= sizeof s)
		return STORE_E_SETTING;
	memcpy(s, text, len);
	s[len] = '\0';
	if (strcasecmp(s, "none") == 0) {
		if (d->flags & SETTING_F_NONE)
			n = -1;
		else if (d->type == SETTING_DATE)
			n = 0;
		else
			return STORE_E_SETTING;
		*v = n;
		return 0;
	}
	switch (d->type) {
	case SETTING_RUPIAH:
		if (money_parse(s, &n) != 0)
			return STORE_E_SETTING;
		break;
	case SETTING_BP:
	case SETTING_PCT:
	case SETTING_SCORE:
		if (d->type != SETTING_SCORE && s[len - 1] == '%')
			s[--len] = '\0';
		if (d->min < 0 && s[0] == '-')
			neg = 1;
		if (d->type == SETTING_PCT)
			r = digits(s + neg, 0, &n);
		else
			r = hundredths(s + neg, &n);
		if (r != 0)
			return r;
		if (neg)
			n = -n;
		break;
	case SETTING_DATE:
		if (len == 10 && s[4] == '-' && s[7] == '-') {
			memmove(s + 7, s + 8, 3);
			memmove(s + 4, s + 5, 5);
		}
		if (strlen(s) != 8 || (r = digits(s, 0, &n)) != 0)
			return STORE_E_SETTING;
		break;
	case SETTING_ENUM:
		for (i = 0; d->names != NULL && d->names[i] != NULL; i++) {
			if (d->names[i][0] != '\0' &&
			    strcasecmp(d->names[i], s) == 0)
				break;
		}
		if (d->names != NULL && d->names[i] != NULL)
			n = i;
		else if ((r = digits(s, 0, &n)) != 0)
			return r;
		break;
	default:
		if ((r = digits(s, 0, &n)) != 0)
			return r;
		break;
	}
	if (!in_range(d, n))
		return STORE_E_SETTING;
	*v = n;
	return 0;
}

static int
named_key(uint8_t *key, size_t size, const char *branch, const char *name,
    size_t *len)
{
	size_t	 n = strlen(name);

	if (n == 0 || n > SETTING_NAME_MAX || KEY_BRANCH + n > size)
		return STORE_E_INVAL;
	key_branch(key, branch);
	memcpy(key + KEY_BRANCH, name, n);
	*len = KEY_BRANCH + n;
	return 0;
}

static int
get_named(struct store_txn *t, MDB_dbi dbi, const char *branch,
    const char *name, MDB_val *d)
{
	uint8_t	 key[KEY_BRANCH + SETTING_NAME_MAX];
	MDB_val	 k;
	size_t	 len;
	int	 r;

	if ((r = named_key(key, sizeof key, branch, name, &len)) != 0)
		return r;
	k.mv_data = key;
	k.mv_size = len;
	if ((r = mdb_get(t->txn, dbi, &k, d)) != 0)
		return r == MDB_NOTFOUND ? STORE_E_NOTFOUND : r;
	return 0;
}

static int
put_named(struct store_txn *t, MDB_dbi dbi, const char *branch,
    const char *name, const void *val, size_t vlen)
{
	uint8_t	 key[KEY_BRANCH + SETTING_NAME_MAX];
	MDB_val	 k, d;
	size_t	 len;
	int	 r;

	if ((r = named_key(key, sizeof key, branch, name, &len)) != 0)
		return r;
	k.mv_data = key;
	k.mv_size = len;
	d.mv_data = (void *)(uintptr_t)val;
	d.mv_size = vlen;
	return mdb_put(t->txn, dbi, &k, &d, 0);
}

/*
 * The settings read at month end (SETTING_F_MONTHEND) changed by entries
 * dated in the branch's current business month: the month's interest,
 * tax and provisions are worked with the values in force when the month
 * is closed, so each such change waits for the coming month end.  One
 * row per setting, the newest change, with the value in force at the
 * last month end (was).  Returns 0 or a store code.
 */
int
setting_pending(struct store_txn *t, const char *branch,
    struct setting_change *out, size_t max, size_t *n)
{
	const struct setting_def	*d;
	struct branch			 b;
	struct entry			*e = NULL;
	char				 key[SETTING_NAME_MAX + 1], val[32];
	uint32_t			 start;
	uint64_t			 seq;
	size_t				 i, open;
	int64_t				 v;
	int				 y, m, dd, r;

	*n = 0;
	if ((r = branch_get(t, branch, &b)) != 0)
		return r;
	date_to_ymd(b.date, &y, &m, &dd);
	start = date_from_ymd(y, m, 1);
	if ((e = malloc(sizeof *e)) == NULL)
		return ENOMEM;
	/* Newest first: this month's changes, then what each replaced. */
	open = 0;
	for (seq = b.next_seq - 1; seq >= 1; seq--) {
		if ((r = journal_get(t, branch, seq, e)) != 0)
			goto out;
		if (e->date < start && open == 0)
			break;
		if (e->kind != EK_SETTING ||
		    entry_get_str(e, F_KEY, key, sizeof key) != 0 ||
		    entry_get_str(e, F_VALUE, val, sizeof val) != 0 ||
		    (d = setting_find(key)) == NULL ||
		    !(d->flags & SETTING_F_MONTHEND) ||
		    setting_check(key, val, &v) != 0)
			continue;
		for (i = 0; i < *n && out[i].def != d; i++)
			;
		if (e->date >= start) {
			if (i < *n || *n == max)
				continue;
			out[i].def = d;
			out[i].seq = e->seq;
			out[i].date = e->date;
			str_copy(out[i].user, e->user, sizeof out[i].user);
			out[i].value = v;
			out[i].was = d->def;	/* unless set before */
			out[i].older = 0;
			(*n)++;
			open++;
		} else if (i < *n && !out[i].older) {
			out[i].was = v;
			out[i].older = 1;
			open--;
		}
	}
	r = 0;
out:
	free(e);
	return r;
}

int
setting_get(struct store_txn *t, const char *branch, const char *name,
    char *dst, size_t size)
{
	MDB_val	 d;
	int	 r;

	if ((r = get_named(t, t->st->setting, branch, name, &d)) != 0)
		return r;
	if (d.mv_size >= size)
		return ERANGE;
	memcpy(dst, d.mv_data, d.mv_size);
	dst[d.mv_size] = '\0';
	return 0;
}

/* A whole-number setting, or def when unset or not a number. */
int64_t
setting_int(struct store_txn *t, const char *branch, const char *name,
    int64_t def)
{
	char	 v[32], *end;
	long long n;

	if (setting_get(t, branch, name, v, sizeof v) != 0)
		return def;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0')
		return def;
	return n;
}

int
setting_put(struct store_txn *t, const char *branch, const char *name,
    const char *value)
{
	return put_named(t, t->st->setting, branch, name, value,
	    strlen(value));
}

int
local_get(struct store_txn *t, const char *branch, const char *name,
    void *dst, size_t size, size_t *len)
{
	MDB_val	 d;
	int	 r;

	if ((r = get_named(t, t->st->local, branch, name, &d)) != 0)
		return r;
	if (d.mv_size > size)
		return ERANGE;
	memcpy(dst, d.mv_data, d.mv_size);
	if (len != NULL)
		*len = d.mv_size;
	return 0;
}

int
local_put(struct store_txn *t, const char *branch, const char *name,
    const void *val, size_t len)
{
	return put_named(t, t->st->local, branch, name, val, len);
}

/* Whether the branch's tellers post here (else it is a replica). */
int
store_is_primary(struct store_txn *t, const char *branch)
{
	uint8_t	 v;

	if (strcmp(t->pcache, branch) == 0)
		return 1;
	if (local_get(t, branch, "primary", &v, 1, NULL) != 0 || v != 1)
		return 0;
	str_copy(t->pcache, branch, sizeof t->pcache);
	return 1;
}

/* Numbers handed out in order (members, drawers): derived state. */
int
counter_get(struct store_txn *t, const char *branch, const char *name,
    uint64_t *v)
{
	MDB_val	 d;
	int	 r;

	*v = 0;
	if ((r = get_named(t, t->st->counter, branch, name, &d)) != 0)
		return r == STORE_E_NOTFOUND ? 0 : r;
	if (d.mv_size != sizeof *v)
		return STORE_E_CORRUPT;
	memcpy(v, d.mv_data, sizeof *v);
	return 0;
}

int
counter_put(struct store_txn *t, const char *branch, const char *name,
    uint64_t v)
{
	return put_named(t, t->st->counter, branch, name, &v, sizeof v);
}

/* The setting entry: a figure of the branch, by name. */
static int
setting_apply(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	char	 key[65], value[256];
	int	 r;

	(void)c;
	if ((r = entry_get_str(e, F_KEY, key, sizeof key)) != 0 ||
	    (r = entry_get_str(e, F_VALUE, value, sizeof value)) != 0)
		return r;
	if (key[0] == '\0' || !utf8_valid(value, strlen(value)))
		return STORE_E_INVAL;
	if ((r = setting_check(key, value, NULL)) != 0)
		return r;
	return setting_put(t, e->branch, key, value);
}

const struct entry_kind ek_setting = {
	.kind = EK_SETTING,
	.name = "setting",
	.title = N_("setting"),
	.roles = ROLE_MANAGER | ROLE_ADMIN | ROLE_SYSTEM,
	.flags = KF_NOPOST,
	.fields = FIELD(F_KEY) | FIELD(F_VALUE),
	.required = FIELD(F_KEY) | FIELD(F_VALUE),
	.apply = setting_apply,
};
