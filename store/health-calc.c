/*
 * store/health-calc.c: the arithmetic of a cooperative's health, with no
 * LMDB in it, so that loket health, loket pearls, the yearly report and
 * the tests share it.  store/health.c fills struct health_inputs from
 * the books; everything here is a pure function of the inputs and the
 * thresholds (domain.md: "Health", "PEARLS").
 *
 * Ratios are basis points (10000 is 100%), num x 10000 / den rounded
 * toward zero, the product taken in 128 bits.  Two regimes:
 *
 *  - Permenkop 9/2020 with its technical guide 15/2021: each indicator's
 *    ratio gets a nilai 1 (best) .. 4 by three edges, score = 5 - nilai;
 *    an aspect's percentage = sum of scores x 100 / (n x 4); the total =
 *    the aspects' percentages by their weights.
 *  - Perdep 06/2016: each measure scores 0..100 by a step table (or the
 *    troubled-loan line: 0 at 45%, 2 points more per 1% below), times
 *    its weight in points.
 *
 * Totals are hundredths of a point (0..10000), each step rounded down.
 */
#include <stdint.h>
#include <string.h>

#include "store/store.h"

/* -- the settings --------------------------------------------------------- */

enum {
	/* Permenkop 9/2020: aspects' weights, points */
	HC_W_GOV, HC_W_RISK, HC_W_FIN, HC_W_CAP,
	/* its indicators' three edges, basis points */
	HC_M1, HC_M2 = HC_M1 + 3, HC_K1 = HC_M2 + 3, HC_K2 = HC_K1 + 3,
	HC_K3 = HC_K2 + 3, HC_K4 = HC_K3 + 3, HC_K5 = HC_K4 + 3,
	HC_K6 = HC_K5 + 3, HC_K7 = HC_K6 + 3,
	HC_P20_PRED = HC_K7 + 3,	/* sehat, cukup, pengawasan: 3 */
	/* Perdep 06/2016: weights, then edges of the step tables */
	HC_W16 = HC_P20_PRED + 3,	/* 14 weights, in p16[] order */
	HC_E16 = HC_W16 + 14,		/* edges: 34 */
	HC_PPKP_ZERO = HC_E16 + 34,
	HC_PPKP_PTS,
	HC_P16_PRED,			/* 3 */
	HC_PEARLS = HC_P16_PRED + 3,	/* min and max of each: 28 */
	HC_INFLATION = HC_PEARLS + 2 * PEARLS_N,
	HC_REGIME,
	HC_ODS_NIK, HC_ODS_DISTRICT, HC_ODS_RAT,
	HC_N
};
_Static_assert(HC_N <= 128, "struct health_config holds 128");

/*
 * Which setting each slot of struct health_config holds.  Their units,
 * ranges and defaults are rows of the one settings table
 * (store/setting.c), as every other figure of domain.md.
 */
static const char *const hnames[HC_N] = {
	[HC_W_GOV] = "health.p20.weight.governance",
	[HC_W_RISK] = "health.p20.weight.risk",
	[HC_W_FIN] = "health.p20.weight.finance",
	[HC_W_CAP] = "health.p20.weight.capital",
	/* higher is better: ratio >= e1: nilai 1, >= e2: 2, >= e3: 3 */
	[HC_M1] = "health.p20.M1.e1",
	[HC_M1 + 1] = "health.p20.M1.e2",
	[HC_M1 + 2] = "health.p20.M1.e3",
	[HC_M2] = "health.p20.M2.e1",
	[HC_M2 + 1] = "health.p20.M2.e2",
	[HC_M2 + 2] = "health.p20.M2.e3",
	/* lower is better: ratio <= e1: nilai 1, <= e2: 2, <= e3: 3 */
	[HC_K1] = "health.p20.K1.e1",
	[HC_K1 + 1] = "health.p20.K1.e2",
	[HC_K1 + 2] = "health.p20.K1.e3",
	[HC_K2] = "health.p20.K2.e1",
	[HC_K2 + 1] = "health.p20.K2.e2",
	[HC_K2 + 2] = "health.p20.K2.e3",
	[HC_K3] = "health.p20.K3.e1",
	[HC_K3 + 1] = "health.p20.K3.e2",
	[HC_K3 + 2] = "health.p20.K3.e3",
	[HC_K4] = "health.p20.K4.e1",
	[HC_K4 + 1] = "health.p20.K4.e2",
	[HC_K4 + 2] = "health.p20.K4.e3",
	[HC_K5] = "health.p20.K5.e1",
	[HC_K5 + 1] = "health.p20.K5.e2",
	[HC_K5 + 2] = "health.p20.K5.e3",
	[HC_K6] = "health.p20.K6.e1",
	[HC_K6 + 1] = "health.p20.K6.e2",
	[HC_K6 + 2] = "health.p20.K6.e3",
	[HC_K7] = "health.p20.K7.e1",
	[HC_K7 + 1] = "health.p20.K7.e2",
	[HC_K7 + 2] = "health.p20.K7.e3",
	/* a total above 80.00 is sehat: 8001 hundredths */
	[HC_P20_PRED] = "health.p20.sehat",
	[HC_P20_PRED + 1] = "health.p20.cukup",
	[HC_P20_PRED + 2] = "health.p20.pengawasan",
	[HC_W16 + 0] = "health.p16.C1.weight",
	[HC_W16 + 1] = "health.p16.C2.weight",
	[HC_W16 + 2] = "health.p16.C3.weight",
	[HC_W16 + 3] = "health.p16.A1.weight",
	[HC_W16 + 4] = "health.p16.A2.weight",
	[HC_W16 + 5] = "health.p16.A3.weight",
	[HC_W16 + 6] = "health.p16.M.weight",
	[HC_W16 + 7] = "health.p16.E1.weight",
	[HC_W16 + 8] = "health.p16.L1.weight",
	[HC_W16 + 9] = "health.p16.L2.weight",
	[HC_W16 + 10] = "health.p16.G1.weight",
	[HC_W16 + 11] = "health.p16.G2.weight",
	[HC_W16 + 12] = "health.p16.G3.weight",
	[HC_W16 + 13] = "health.p16.I1.weight",
	/* step tables: the score of the first edge the ratio is below */
	[HC_E16 + 0] = "health.p16.C1.e1",
	[HC_E16 + 1] = "health.p16.C1.e2",
	[HC_E16 + 2] = "health.p16.C1.e3",
	[HC_E16 + 3] = "health.p16.C1.e4",
	[HC_E16 + 4] = "health.p16.C2.e1",
	[HC_E16 + 5] = "health.p16.C2.e2",
	[HC_E16 + 6] = "health.p16.C2.e3",
	[HC_E16 + 7] = "health.p16.C3.e1",
	[HC_E16 + 8] = "health.p16.C3.e2",
	[HC_E16 + 9] = "health.p16.C3.e3",
	[HC_E16 + 10] = "health.p16.A1.e1",
	[HC_E16 + 11] = "health.p16.A1.e2",
	[HC_E16 + 12] = "health.p16.A1.e3",
	[HC_E16 + 13] = "health.p16.E1.e1",
	[HC_E16 + 14] = "health.p16.E1.e2",
	[HC_E16 + 15] = "health.p16.E1.e3",
	[HC_E16 + 16] = "health.p16.L1.e1",
	[HC_E16 + 17] = "health.p16.L1.e2",
	[HC_E16 + 18] = "health.p16.L1.e3",
	[HC_E16 + 19] = "health.p16.L2.e1",
	[HC_E16 + 20] = "health.p16.L2.e2",
	[HC_E16 + 21] = "health.p16.L2.e3",
	[HC_E16 + 22] = "health.p16.G1.e1",
	[HC_E16 + 23] = "health.p16.G1.e2",
	[HC_E16 + 24] = "health.p16.G1.e3",
	[HC_E16 + 25] = "health.p16.G2.e1",
	[HC_E16 + 26] = "health.p16.G2.e2",
	[HC_E16 + 27] = "health.p16.G2.e3",
	[HC_E16 + 28] = "health.p16.G3.e1",
	[HC_E16 + 29] = "health.p16.G3.e2",
	[HC_E16 + 30] = "health.p16.G3.e3",
	[HC_E16 + 31] = "health.p16.I1.e1",
	[HC_E16 + 32] = "health.p16.I1.e2",
	[HC_E16 + 33] = "health.p16.I1.e3",
	[HC_PPKP_ZERO] = "health.p16.A2.zero",
	[HC_PPKP_PTS] = "health.p16.A2.points",
	[HC_P16_PRED] = "health.p16.sehat",
	[HC_P16_PRED + 1] = "health.p16.cukup",
	[HC_P16_PRED + 2] = "health.p16.pengawasan",
	/* PEARLS goals; -1: none */
	[HC_PEARLS + 0] = "pearls.P1.min",
	[HC_PEARLS + 1] = "pearls.P1.max",
	[HC_PEARLS + 2] = "pearls.P2.min",
	[HC_PEARLS + 3] = "pearls.P2.max",
	[HC_PEARLS + 4] = "pearls.E1.min",
	[HC_PEARLS + 5] = "pearls.E1.max",
	[HC_PEARLS + 6] = "pearls.E5.min",
	[HC_PEARLS + 7] = "pearls.E5.max",
	[HC_PEARLS + 8] = "pearls.E6.min",
	[HC_PEARLS + 9] = "pearls.E6.max",
	[HC_PEARLS + 10] = "pearls.E9.min",
	[HC_PEARLS + 11] = "pearls.E9.max",
	[HC_PEARLS + 12] = "pearls.A1.min",
	[HC_PEARLS + 13] = "pearls.A1.max",
	[HC_PEARLS + 14] = "pearls.A2.min",
	[HC_PEARLS + 15] = "pearls.A2.max",
	[HC_PEARLS + 16] = "pearls.R7.min",
	[HC_PEARLS + 17] = "pearls.R7.max",
	[HC_PEARLS + 18] = "pearls.R9.min",
	[HC_PEARLS + 19] = "pearls.R9.max",
	[HC_PEARLS + 20] = "pearls.L1.min",
	[HC_PEARLS + 21] = "pearls.L1.max",
	[HC_PEARLS + 22] = "pearls.L2.min",
	[HC_PEARLS + 23] = "pearls.L2.max",
	[HC_PEARLS + 24] = "pearls.S10.min",
	[HC_PEARLS + 25] = "pearls.S10.max",
	[HC_PEARLS + 26] = "pearls.S11.min",	/* none: inflation + 10% */
	[HC_PEARLS + 27] = "pearls.S11.max",
	[HC_INFLATION] = "pearls.inflation_bp",
	[HC_REGIME] = "health.regime",
	/* the ministry's yearly data (store/ods.c) */
	[HC_ODS_NIK] = "ods.nik",
	[HC_ODS_DISTRICT] = "ods.district",
	[HC_ODS_RAT] = "ods.rat",
};

/* The name of the i-th setting health reads, or NULL past the end. */
const char *
health_setting_name(size_t i)
{
	return i < HC_N ? hnames[i] : NULL;
}

/* Every slot at its setting's default. */
void
health_config_defaults(struct health_config *c)
{
	const struct setting_def	*d;
	size_t				 i;

	memset(c, 0, sizeof *c);
	for (i = 0; i < HC_N; i++)
		if ((d = setting_find(hnames[i])) != NULL)
			c->v[i] = d->def;
}

/* -- ratios and scores ---------------------------------------------------- */

/* num / den in basis points, toward zero; den <= 0: 0 and *undef set. */
int64_t
health_ratio(int64_t num, int64_t den, int *undef)
{
	__int128	 q;

	if (den <= 0) {
		if (undef != NULL)
			*undef = 1;
		return 0;
	}
	if (undef != NULL)
		*undef = 0;
	q = (__int128)num * 10000 / den;
	if (q > INT64_MAX)
		return INT64_MAX;
	if (q < -INT64_MAX)
		return -INT64_MAX;
	return (int64_t)q;
}

/*
 * Permenkop's nilai, 1 (best) to 4, of ratio by three edges: higher
 * better, ratio >= e1 is 1, >= e2 is 2, >= e3 is 3; else (lower
 * better) ratio <= e1 is 1, and so on.
 */
int
health_nilai(int64_t ratio, int higher, int64_t e1, int64_t e2, int64_t e3)
{
	if (higher)
		return ratio >= e1 ? 1 : ratio >= e2 ? 2 : ratio >= e3 ? 3 : 4;
	return ratio <= e1 ? 1 : ratio <= e2 ? 2 : ratio <= e3 ? 3 : 4;
}

/* The predicate of a total (hundredths): at least sehat, cukup, ... */
int
health_regime(const struct health_config *c)
{
	return (int)c->v[HC_REGIME];
}

int
health_predicate(int64_t total, int64_t sehat, int64_t cukup,
    int64_t pengawasan)
{
	if (total >= sehat)
		return HEALTH_SEHAT;
	if (total >= cukup)
		return HEALTH_CUKUP;
	if (total >= pengawasan)
		return HEALTH_PENGAWASAN;
	return HEALTH_KHUSUS;
}

/* The regulation's own words, for the ministry's data: never translated. */
const char *
health_predicate_code(int p)
{
	switch (p) {
	case HEALTH_SEHAT:
		return "sehat";
	case HEALTH_CUKUP:
		return "cukup sehat";
	case HEALTH_PENGAWASAN:
		return "dalam pengawasan";
	case HEALTH_KHUSUS:
		return "dalam pengawasan khusus";
	}
	return "?";
}

const char *
health_predicate_name(int p)
{
	switch (p) {
	case HEALTH_SEHAT:
		return N_("sound");
	case HEALTH_CUKUP:
		return N_("fairly sound");
	case HEALTH_PENGAWASAN:
		return N_("under supervision");
	case HEALTH_KHUSUS:
		return N_("under special supervision");
	}
	return "?";
}

/* -- the checklists ------------------------------------------------------- */

static const char *const gov_items[] = {
	N_("annual members' meeting (RAT) held in time, with its quorum"),
	N_("by-laws (AD/ART) and internal rules in force and followed"),
	N_("board and supervisors elected, meeting and reporting"),
	N_("manager and staff appointed with written duties"),
	N_("financial statements audited or examined"),
	N_("members' education and information carried out"),
};
static const char *const risk_items[] = {
	N_("credit risk: lending policy and loan reviews"),
	N_("liquidity risk: cash planning and limits"),
	N_("operational risk: controls, second approvals, backups"),
	N_("compliance risk: reports and permits up to date"),
};
static const char *const mgmt_items[] = {
	N_("general management"),
	N_("institutional management"),
	N_("capital management"),
	N_("asset management"),
	N_("liquidity management"),
};
static const struct {
	const char		*name;
	const char *const	*items;
	size_t			 n;
} lists[HEALTH_NLIST] = {
	[HEALTH_GOVERNANCE] = { "governance", gov_items, 6 },
	[HEALTH_RISK] = { "risk", risk_items, 4 },
	[HEALTH_MANAGEMENT] = { "management", mgmt_items, 5 },
};

const char *
health_list_name(int l)
{
	return l >= 0 && l < HEALTH_NLIST ? lists[l].name : "?";
}

int
health_list_parse(const char *s, int *l)
{
	int	 i;

	for (i = 0; i < HEALTH_NLIST; i++) {
		if (strcmp(s, lists[i].name) == 0) {
			*l = i;
			return 0;
		}
	}
	return STORE_E_INVAL;
}

size_t
health_list_len(int l)
{
	return l >= 0 && l < HEALTH_NLIST ? lists[l].n : 0;
}

/* Item i's text, a msgid, or NULL past the end. */
const char *
health_item_text(int l, size_t i)
{
	if (l < 0 || l >= HEALTH_NLIST || i >= lists[l].n)
		return NULL;
	return lists[l].items[i];
}

/* Answers: one digit 1..4 (nilai) per item of the list, no more. */
int
health_check_valid(int l, const char *answers)
{
	size_t	 i, n = health_list_len(l);

	if (n == 0 || strlen(answers) != n)
		return STORE_E_INVAL;
	for (i = 0; i < n; i++)
		if (answers[i] < '1' || answers[i] > '4')
			return STORE_E_INVAL;
	return 0;
}

/* -- building a result ---------------------------------------------------- */

static struct health_figure *
fig_add(struct health_result *res, const char *code, const char *name,
    const char *num_src, const char *den_src, int64_t num, int64_t den)
{
	struct health_figure	*f = &res->fig[res->nfig++];

	memset(f, 0, sizeof *f);
	f->code = code;
	f->name = name;
	f->num_src = num_src;
	f->den_src = den_src;
	f->num = num;
	f->den = den;
	f->ratio = health_ratio(num, den, &f->undefined);
	f->goal_min = f->goal_max = -1;
	return f;
}

static struct health_aspect *
asp_begin(struct health_result *res, const char *name, int weight)
{
	struct health_aspect	*a = &res->asp[res->nasp++];

	memset(a, 0, sizeof *a);
	a->name = name;
	a->weight = weight;
	a->first = res->nfig;
	return a;
}

static int64_t
own_capital(const struct health_inputs *in)
{
	return in->pokok + in->wajib + in->reserve + in->grant;
}

static int64_t
problem_loans(const struct health_inputs *in)
{
	return in->klass[LOAN_KURANG] + in->klass[LOAN_DIRAGUKAN] +
	    in->klass[LOAN_MACET];
}

/* 50% substandard + 75% doubtful + 100% loss, rounded down (PPKP). */
static int64_t
troubled_risk(const struct health_inputs *in)
{
	return (in->klass[LOAN_KURANG] * 50 + in->klass[LOAN_DIRAGUKAN] * 75)
	    / 100 + in->klass[LOAN_MACET];
}

/* A checklist as an aspect: one figure per item, nilai as answered. */
static void
checklist_aspect(const struct health_inputs *in, int l,
    struct health_result *res, struct health_aspect *a)
{
	static const char *const codes[HEALTH_NLIST][HEALTH_CHECK_MAX] = {
		{ "G1", "G2", "G3", "G4", "G5", "G6" },
		{ "R1", "R2", "R3", "R4" },
		{ "M1", "M2", "M3", "M4", "M5" },
	};
	struct health_figure	*f;
	size_t			 i;

	a->checklist = l + 1;
	a->entered = in->check_date[l] != 0;
	for (i = 0; i < lists[l].n; i++) {
		f = fig_add(res, codes[l][i], lists[l].items[i], NULL, NULL,
		    0, 0);
		f->undefined = 0;
		f->count = 2;
		f->nilai = a->entered ? in->check[l][i] : 4;
		if (f->nilai < 1 || f->nilai > 4)
			f->nilai = 4;
		f->score = a->entered ? 5 - f->nilai : 0;
	}
}

/* Aspect's percentage (basis points) of its figures' scores 1..4. */
static void
asp_end4(struct health_result *res, struct health_aspect *a)
{
	int64_t	 sum = 0;
	size_t	 i;

	a->n = res->nfig - a->first;
	for (i = a->first; i < res->nfig; i++)
		sum += res->fig[i].score;
	a->percent = a->n ? sum * 10000 / (int64_t)(a->n * 4) : 0;
	a->points = a->weight * a->percent / 100;
}

static void
p20_fig(struct health_result *res, const struct health_config *c, int at,
    int higher, const char *code, const char *name, const char *ns,
    const char *ds, int64_t num, int64_t den, int undef_best)
{
	struct health_figure	*f;

	f = fig_add(res, code, name, ns, ds, num, den);
	if (f->undefined)	/* nothing to measure: best or worst */
		f->nilai = undef_best ? 1 : 4;
	else
		f->nilai = health_nilai(f->ratio, higher, c->v[at],
		    c->v[at + 1], c->v[at + 2]);
	f->score = 5 - f->nilai;
}

void
health_p2020(const struct health_inputs *in, const struct health_config *c,
    struct health_result *res)
{
	struct health_aspect	*a;
	int64_t			 oc = own_capital(in);
	size_t			 i;

	memset(res, 0, sizeof *res);
	res->regime = HEALTH_P2020;
	a = asp_begin(res, N_("governance"), (int)c->v[HC_W_GOV]);
	checklist_aspect(in, HEALTH_GOVERNANCE, res, a);
	asp_end4(res, a);
	a = asp_begin(res, N_("risk profile"), (int)c->v[HC_W_RISK]);
	checklist_aspect(in, HEALTH_RISK, res, a);
	asp_end4(res, a);
	a = asp_begin(res, N_("financial performance"), (int)c->v[HC_W_FIN]);
	p20_fig(res, c, HC_K1, 0, "K1", N_("problem loans / loans"),
	    "1201: substandard + doubtful + loss", "1201", problem_loans(in),
	    in->lateness ? in->loans : 0, in->lateness);
	p20_fig(res, c, HC_K2, 1, "K2", N_("allowance / provision needed"),
	    "1209", "1201: 35% late 1-12 months + 100% later", in->allowance,
	    in->lateness ? in->provision : 0, 1);
	p20_fig(res, c, HC_K3, 0, "K3",
	    N_("operating expenses / operating income"), "5xxx", "4xxx",
	    in->expenses, in->income, 0);
	p20_fig(res, c, HC_K4, 1, "K4", N_("return on assets"),
	    "4xxx - 5xxx", "1xxx", in->income - in->expenses, in->assets, 0);
	p20_fig(res, c, HC_K5, 1, "K5", N_("cash ratio"),
	    "1101 + 1102 + 11xx", "21xx (not 2102) + 22xx + 23xx + 29xx",
	    in->cash + in->bank, in->savings + in->payables, 0);
	p20_fig(res, c, HC_K6, 1, "K6", N_("loans / funds received"),
	    "1201", "21xx + 24xx-28xx + own capital", in->loans,
	    in->savings + in->term + in->borrowing + oc, 0);
	p20_fig(res, c, HC_K7, 1, "K7", N_("member participation"),
	    "41xx", "4xxx", in->member_income, in->income, 0);
	asp_end4(res, a);
	a = asp_begin(res, N_("capital (permodalan)"), (int)c->v[HC_W_CAP]);
	p20_fig(res, c, HC_M1, 1, "C1", N_("own capital / assets"),
	    "3101 + 3102 + 32xx + 33xx", "1xxx", oc, in->assets, 0);
	p20_fig(res, c, HC_M2, 1, "C2", N_("capital adequacy"),
	    "3101 + 3102 + 32xx + 33xx", "1201 - 1209", oc,
	    in->loans - in->allowance, 0);
	asp_end4(res, a);
	for (i = 0; i < res->nasp; i++)
		res->total += res->asp[i].points;
	res->predicate = health_predicate(res->total, c->v[HC_P20_PRED],
	    c->v[HC_P20_PRED + 1], c->v[HC_P20_PRED + 2]);
}

/* Perdep 06/2016's step tables: scores below each edge, then beyond. */
struct step {
	int	 edge;		/* index of the first edge in config */
	int	 n;		/* edges */
	int	 score[5];	/* n + 1 */
};
static const struct step steps[] = {
	{ HC_E16 + 0, 4, { 25, 50, 100, 50, 25 } },	/* C1 */
	{ HC_E16 + 4, 3, { 25, 50, 75, 100 } },		/* C2 */
	{ HC_E16 + 7, 3, { 0, 50, 75, 100 } },		/* C3 */
	{ HC_E16 + 10, 3, { 100, 75, 50, 25 } },	/* A1 */
	{ HC_E16 + 13, 3, { 100, 75, 50, 25 } },	/* E1 */
	{ HC_E16 + 16, 3, { 25, 100, 50, 25 } },	/* L1 */
	{ HC_E16 + 19, 3, { 25, 50, 75, 100 } },	/* L2 */
	{ HC_E16 + 22, 3, { 25, 50, 75, 100 } },	/* G1 */
	{ HC_E16 + 25, 3, { 25, 50, 75, 100 } },	/* G2 */
	{ HC_E16 + 28, 3, { 25, 50, 75, 100 } },	/* G3 */
	{ HC_E16 + 31, 3, { 25, 50, 75, 100 } },	/* I1 */
};
enum { S_C1, S_C2, S_C3, S_A1, S_E1, S_L1, S_L2, S_G1, S_G2, S_G3, S_I1 };

static int
step_score(const struct health_config *c, int s, int64_t ratio)
{
	const struct step	*st = &steps[s];
	int			 i;

	for (i = 0; i < st->n; i++)
		if (ratio < c->v[st->edge + i])
			return st->score[i];
	return st->score[st->n];
}

static int
clamp100(int64_t v)
{
	return v < 0 ? 0 : v > 100 ? 100 : (int)v;
}

/* A zero denominator scores 0: nothing to measure is not a merit. */
static void
p16_fig(struct health_result *res, const struct health_config *c, int w,
    int s, const char *code, const char *name, const char *ns,
    const char *ds, int64_t num, int64_t den)
{
	struct health_figure	*f;

	f = fig_add(res, code, name, ns, ds, num, den);
	f->weight = (int)c->v[HC_W16 + w];
	f->score = f->undefined ? 0 : step_score(c, s, f->ratio);
}

static void
asp_end100(struct health_result *res, struct health_aspect *a)
{
	size_t	 i;

	a->n = res->nfig - a->first;
	a->points = 0;
	for (i = a->first; i < res->nfig; i++) {
		a->points += (int64_t)res->fig[i].weight * res->fig[i].score;
		a->weight += res->fig[i].weight;
	}
	a->percent = a->weight ? a->points * 100 / a->weight : 0;
}

void
health_p2016(const struct health_inputs *in, const struct health_config *c,
    struct health_result *res)
{
	struct health_aspect	*a;
	struct health_figure	*f;
	int64_t			 oc = own_capital(in), tr = troubled_risk(in);
	int64_t			 sum;
	size_t			 i, n;

	memset(res, 0, sizeof *res);
	res->regime = HEALTH_P2016;
	a = asp_begin(res, N_("capital (permodalan)"), 0);
	p16_fig(res, c, 0, S_C1, "C1", N_("own capital / assets"),
	    "3101 + 3102 + 32xx + 33xx", "1xxx", oc, in->assets);
	p16_fig(res, c, 1, S_C2, "C2", N_("own capital / loans at risk"),
	    "3101 + 3102 + 32xx + 33xx", "1201: late", oc,
	    in->lateness ? in->late : 0);
	if (res->fig[res->nfig - 1].undefined && in->lateness)
		res->fig[res->nfig - 1].score = 100;	/* nothing at risk */
	p16_fig(res, c, 2, S_C3, "C3", N_("capital adequacy"),
	    "3101 + 3102 + 32xx + 33xx", "1201 - 1209", oc,
	    in->loans - in->allowance);
	asp_end100(res, a);
	a = asp_begin(res, N_("asset quality"), 0);
	p16_fig(res, c, 3, S_A1, "A1", N_("loans at risk / loans"),
	    "1201: late", "1201", in->late, in->lateness ? in->loans : 0);
	if (res->fig[res->nfig - 1].undefined && in->lateness)
		res->fig[res->nfig - 1].score = 100;	/* no loans */
	f = fig_add(res, "A2", N_("troubled-loan risk / loans"),
	    "1201: 50% substandard + 75% doubtful + 100% loss", "1201", tr,
	    in->lateness ? in->loans : 0);
	f->weight = (int)c->v[HC_W16 + 4];
	f->score = f->undefined && !in->lateness ? 0 :
	    clamp100((c->v[HC_PPKP_ZERO] - f->ratio) * c->v[HC_PPKP_PTS] /
	    100);
	f = fig_add(res, "A3", N_("allowance / troubled-loan risk"), "1209",
	    "1201: 50% substandard + 75% doubtful + 100% loss",
	    in->allowance, in->lateness ? tr : 0);
	f->weight = (int)c->v[HC_W16 + 5];
	f->score = f->undefined ? (in->lateness ? 100 : 0) :
	    clamp100(f->ratio / 100);
	asp_end100(res, a);
	/* management: the checklist, its percentage times its weight */
	a = asp_begin(res, N_("management"), 0);
	checklist_aspect(in, HEALTH_MANAGEMENT, res, a);
	a->n = res->nfig - a->first;
	sum = 0;
	for (i = a->first; i < res->nfig; i++)
		sum += res->fig[i].score;
	n = a->n;
	a->weight = (int)c->v[HC_W16 + 6];
	a->percent = n ? sum * 10000 / (int64_t)(n * 4) : 0;
	a->points = a->weight * a->percent / 100;
	a = asp_begin(res, N_("efficiency"), 0);
	p16_fig(res, c, 7, S_E1, "E1",
	    N_("operating expenses / operating income"), "5xxx", "4xxx",
	    in->expenses, in->income);
	asp_end100(res, a);
	a = asp_begin(res, N_("liquidity"), 0);
	p16_fig(res, c, 8, S_L1, "L1", N_("cash ratio"),
	    "1101 + 1102 + 11xx", "21xx (not 2102) + 22xx + 23xx + 29xx",
	    in->cash + in->bank, in->savings + in->payables);
	p16_fig(res, c, 9, S_L2, "L2", N_("loans / funds received"), "1201",
	    "21xx + 24xx-28xx + own capital", in->loans,
	    in->savings + in->term + in->borrowing + oc);
	asp_end100(res, a);
	a = asp_begin(res, N_("independence and growth"), 0);
	p16_fig(res, c, 10, S_G1, "G1", N_("return on assets"),
	    "4xxx - 5xxx", "1xxx", in->income - in->expenses, in->assets);
	p16_fig(res, c, 11, S_G2, "G2", N_("growth of members"),
	    "members - members a year before", "members a year before",
	    (int64_t)in->members - (int64_t)in->members_prev,
	    (int64_t)in->members_prev);
	res->fig[res->nfig - 1].count = 1;
	p16_fig(res, c, 12, S_G3, "G3", N_("growth of assets"),
	    "1xxx - 1xxx a year before", "1xxx a year before",
	    in->assets - in->assets_prev, in->assets_prev);
	asp_end100(res, a);
	a = asp_begin(res, N_("identity"), 0);
	p16_fig(res, c, 13, S_I1, "I1", N_("member participation"), "41xx",
	    "4xxx", in->member_income, in->income);
	asp_end100(res, a);
	for (i = 0; i < res->nasp; i++)
		res->total += res->asp[i].points;
	res->predicate = health_predicate(res->total, c->v[HC_P16_PRED],
	    c->v[HC_P16_PRED + 1], c->v[HC_P16_PRED + 2]);
}

/* -- PEARLS --------------------------------------------------------------- */

static void
goal(struct health_figure *f, const struct health_config *c, int k)
{
	f->goal_min = c->v[HC_PEARLS + 2 * k];
	f->goal_max = c->v[HC_PEARLS + 2 * k + 1];
	if (f->undefined) {
		f->met = 0;
		return;
	}
	f->met = (f->goal_min < 0 || f->ratio >= f->goal_min) &&
	    (f->goal_max < 0 || f->ratio <= f->goal_max) &&
	    (f->goal_min >= 0 || f->goal_max >= 0);
}

/*
 * The PEARLS ratios, P1 .. S11 in domain.md's order.  Without lateness
 * (a month-end in the past) P1, P2 and A1 are undefined, and E1 and E9
 * take the allowance on the books for the provision the loans need.
 */
void
health_pearls(const struct health_inputs *in, const struct health_config *c,
    struct health_figure fig[PEARLS_N])
{
	struct health_result	 r;
	int64_t			 need, avg, shares;
	size_t			 i;

	memset(&r, 0, sizeof r);
	need = in->lateness ? in->late_12 + in->late_1_12 * 35 / 100 :
	    in->allowance;
	fig_add(&r, "P1", N_("allowance / loans late > 12 months"), "1209",
	    "1201: late > 12 months", in->allowance,
	    in->lateness ? in->late_12 : 0);
	fig_add(&r, "P2", N_("net allowance / loans late 1-12 months"),
	    "1209 - 1201: late > 12 months", "1201: late 1-12 months",
	    in->allowance - in->late_12, in->lateness ? in->late_1_12 : 0);
	fig_add(&r, "E1", N_("net loans / assets"),
	    in->lateness ? "1201 - 100% late > 12 - 35% late 1-12" :
	    "1201 - 1209", "1xxx", in->loans - need, in->assets);
	fig_add(&r, "E5", N_("savings / assets"), "21xx", "1xxx",
	    in->savings + in->term, in->assets);
	fig_add(&r, "E6", N_("external borrowing / assets"), "24xx-28xx",
	    "1xxx", in->borrowing, in->assets);
	fig_add(&r, "E9", N_("net institutional capital / assets"),
	    in->lateness ? "1209 + 32xx + 33xx + 34xx - 100% late > 12 - "
	    "35% late 1-12" : "32xx + 33xx + 34xx", "1xxx",
	    in->allowance + in->reserve + in->grant + in->shu - need,
	    in->assets);
	fig_add(&r, "A1", N_("loans late / loans"), "1201: late", "1201",
	    in->late, in->lateness ? in->loans : 0);
	fig_add(&r, "A2", N_("non-earning assets / assets"),
	    "1xxx - 1201 - 1209 - 11xx (bank)", "1xxx",
	    in->assets - in->loans + in->allowance - in->bank, in->assets);
	shares = in->pokok + in->wajib;
	avg = (shares + in->shares_prev) / 2;
	fig_add(&r, "R7", N_("SHU to members / average shares"),
	    "2301: credits over 12 months", "(3101 + 3102) now and a year "
	    "before, halved", in->shu_paid, avg);
	avg = (in->assets + in->assets_prev) / 2;
	fig_add(&r, "R9", N_("operating expenses / average assets"),
	    "5xxx - 51xx - 5202 over 12 months", "1xxx now and a year "
	    "before, halved", in->expenses - in->sav_interest -
	    in->provision_exp, avg);
	fig_add(&r, "L1", N_("liquid assets less short payables / savings"),
	    "1101 + 1102 + 11xx - 22xx - 23xx - 29xx", "21xx",
	    in->cash + in->bank - in->payables, in->savings + in->term);
	fig_add(&r, "L2", N_("liquidity reserves / savings"), "11xx (bank)",
	    "21xx", in->bank, in->savings + in->term);
	fig_add(&r, "S10", N_("growth of members"),
	    "members - members a year before", "members a year before",
	    (int64_t)in->members - (int64_t)in->members_prev,
	    (int64_t)in->members_prev);
	fig_add(&r, "S11", N_("growth of assets"),
	    "1xxx - 1xxx a year before", "1xxx a year before",
	    in->assets - in->assets_prev, in->assets_prev);
	r.fig[12].count = 1;
	for (i = 0; i < PEARLS_N; i++) {
		fig[i] = r.fig[i];
		goal(&fig[i], c, (int)i);
	}
	/* S11: more than inflation + 10%, unless set */
	if (c->v[HC_PEARLS + 26] < 0) {
		fig[13].goal_min = c->v[HC_INFLATION] + 1000 + 1;
		fig[13].met = !fig[13].undefined &&
		    fig[13].ratio >= fig[13].goal_min;
	}
}
