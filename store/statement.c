/*
 * store/statement.c: the financial statements as rows (domain.md,
 * "Financial statements"): the balance sheet (neraca), the income
 * statement (perhitungan hasil usaha), the cash flow by the direct
 * method (arus kas) and the changes in equity (perubahan ekuitas), each
 * for a branch or every branch here, with the same period a year before
 * beside it; and the chart's newer accounts, which loket opens itself.
 *
 * Amounts come from the period totals (one or two seeks an account), so
 * a statement's cost does not grow with the journal, except the cash
 * flow, which reads the entries of its period that move cash.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

/*
 * Accounts the first chart lacks.  Opened by EK_ACCOUNT_OPEN entries
 * that loket posts itself (chart_open_newer), never by changing the
 * chart a branch opens with: old journals replay as they were.
 */
static const struct {
	uint32_t	 gl;
	uint8_t		 type;
	const char	*name;
} newer[] = {
	{ GL_DEPOSITS, ACCT_ASSET, "Simpanan dan deposito di lembaga lain" },
	{ GL_PREPAID, ACCT_ASSET, "Biaya dibayar dimuka" },
	{ GL_INVEST, ACCT_ASSET, "Penyertaan" },
	{ GL_FIXED, ACCT_ASSET, "Aset tetap" },
	{ GL_DEPREC, ACCT_ASSET, "Akumulasi penyusutan aset tetap" },
	{ GL_TITIPAN, ACCT_LIABILITY, "Titipan" },
	{ GL_FUND_BOARD, ACCT_LIABILITY, "Dana pengurus" },
	{ GL_FUND_STAFF, ACCT_LIABILITY, "Dana karyawan" },
	{ GL_FUND_EDU, ACCT_LIABILITY, "Dana pendidikan" },
	{ GL_FUND_SOCIAL, ACCT_LIABILITY, "Dana sosial" },
	{ GL_BORROW, ACCT_LIABILITY,
	    "Utang kepada bank, koperasi lain dan LPDB" },
	{ GL_RISK_RESERVE, ACCT_EQUITY, "Cadangan risiko" },
	{ GL_NONMEMBER_INC, ACCT_INCOME, "Pendapatan dari non-anggota" },
	{ GL_DEPREC_EXP, ACCT_EXPENSE, "Beban penyusutan" },
};

/*
 * Inside a write transaction: control account gl (its name, its type)
 * opened by loket itself in e, unless the branch has it already.
 */
int
account_open_system(struct store_txn *t, const char *branch, int64_t now,
    struct entry *e, uint32_t gl, const char *name, uint8_t type)
{
	struct account	 a;
	int		 r;

	if ((r = account_get(t, branch, gl, 0, &a)) == 0)
		return 0;
	if (r != STORE_E_ACCOUNT)
		return r;
	entry_init(e);
	str_copy(e->branch, branch, sizeof e->branch);
	snprintf(e->user, sizeof e->user, "%s", LOGIN_SYSTEM);
	e->kind = EK_ACCOUNT_OPEN;
	e->time = now;
	if ((r = entry_add_str(e, F_NAME, name)) != 0 ||
	    (r = entry_add_u64(e, F_GL, gl)) != 0 ||
	    (r = entry_add_u64(e, F_TYPE, type)) != 0)
		return r;
	return post_internal(t, e);
}

/* Inside a write transaction: post what the branch lacks, in code order. */
int
chart_open_newer(struct store_txn *t, const char *branch, int64_t now,
    struct entry *e)
{
	size_t		 i;
	int		 r;

	for (i = 0; i < sizeof newer / sizeof newer[0]; i++)
		if ((r = account_open_system(t, branch, now, e, newer[i].gl,
		    newer[i].name, newer[i].type)) != 0)
			return r;
	return 0;
}

struct newer_ctx {
	const char	*branch;
	struct entry	*e;
};

static int
newer_run(struct store_txn *t, void *arg)
{
	struct newer_ctx	*c = arg;

	if (!store_is_primary(t, c->branch))
		return STORE_E_REPLICA;
	return chart_open_newer(t, c->branch, 0, c->e);
}

/*
 * Open the chart's newer accounts that branch lacks (loket init calls
 * it after store_init(); end of day does the same).  Doing it twice
 * posts nothing the second time.
 */
int
store_chart_update(struct store *st, const char *branch)
{
	struct newer_ctx	 c;
	int			 r;

	c.branch = branch;
	if ((c.e = malloc(sizeof *c.e)) == NULL)
		return ENOMEM;
	r = store_write(st, newer_run, &c);
	free(c.e);
	return r;
}

/* -- what a statement line adds up ---------------------------------------- */

/*
 * A line of a statement: the accounts it sums (codes from..to, both
 * included), or one of the computed lines below.  Lines are searched in
 * order and an account is summed by the first that takes it; a line
 * with LN_REST takes every account of its type no line before took.
 */
#define LN_REST		0x01	/* the type's accounts nobody took */
#define LN_RUNNING	0x02	/* income - expense not yet closed */
#define LN_HEAD		0x04	/* a heading: no amounts */
#define LN_TOTAL	0x08	/* the sum of the lines since the last head */
#define LN_SUM		0x10	/* section totals: from's bits less to's */
struct line {
	const char	*label;		/* msgid */
	uint8_t		 level;
	uint8_t		 flags;
	uint8_t		 type;		/* enum acct_type for LN_REST */
	uint32_t	 from, to;	/* account codes */
	uint8_t		 section;	/* which running total it adds to */
};

static const struct line neraca[] = {
	{ N_("Assets"), 0, LN_HEAD, 0, 0, 0, 0 },
	{ N_("Cash"), 1, 0, 0, GL_CASH, GL_VAULT, 1 },
	{ N_("Bank"), 1, 0, 0, GL_BANK, GL_BANK, 1 },
	{ N_("Savings and deposits at other institutions"), 1, 0, 0,
	    GL_DEPOSITS, GL_DEPOSITS, 1 },
	{ N_("Loans to members"), 1, 0, 0, GL_LOANS, GL_LOANS, 1 },
	{ N_("Less allowance for loan losses"), 1, 0, 0, GL_LOAN_ALLOW,
	    GL_LOAN_ALLOW, 1 },
	{ N_("Accrued interest receivable"), 1, 0, 0, GL_LOAN_INT_RCV,
	    GL_LOAN_INT_RCV, 1 },
	{ N_("Prepaid expenses"), 1, 0, 0, GL_PREPAID, GL_PREPAID, 1 },
	{ N_("Investments"), 1, 0, 0, GL_INVEST, GL_INVEST, 1 },
	{ N_("Fixed assets"), 1, 0, 0, GL_FIXED, GL_FIXED, 1 },
	{ N_("Less accumulated depreciation"), 1, 0, 0, GL_DEPREC,
	    GL_DEPREC, 1 },
	{ N_("Other assets"), 1, LN_REST, ACCT_ASSET, 0, 0, 1 },
	{ N_("Total assets"), 0, LN_TOTAL, 0, 0, 0, 1 },
	{ N_("Liabilities"), 0, LN_HEAD, 0, 0, 0, 0 },
	{ N_("Voluntary savings (sukarela)"), 1, 0, 0, GL_SUKARELA,
	    GL_SUKARELA, 2 },
	{ N_("Time deposits (berjangka)"), 1, 0, 0, GL_BERJANGKA,
	    GL_BERJANGKA, 2 },
	{ N_("Deposits held (titipan)"), 1, 0, 0, GL_TITIPAN, GL_TITIPAN,
	    2 },
	{ N_("Taxes payable"), 1, 0, 0, GL_TAX_PAYABLE, GL_TAX_PAYABLE, 2 },
	{ N_("Members' SHU not yet paid"), 1, 0, 0, GL_SHU_PAYABLE,
	    GL_SHU_PAYABLE, 2 },
	{ N_("SHU funds"), 1, 0, 0, GL_FUND_BOARD, GL_FUND_SOCIAL, 2 },
	{ N_("Borrowings from banks, cooperatives and LPDB"), 1, 0, 0,
	    GL_BORROW, GL_BORROW, 2 },
	{ N_("Other liabilities"), 1, LN_REST, ACCT_LIABILITY, 0, 0, 2 },
	{ N_("Total liabilities"), 0, LN_TOTAL, 0, 0, 0, 2 },
	{ N_("Equity"), 0, LN_HEAD, 0, 0, 0, 0 },
	{ N_("Principal savings (pokok)"), 1, 0, 0, GL_POKOK, GL_POKOK, 3 },
	{ N_("Compulsory savings (wajib)"), 1, 0, 0, GL_WAJIB, GL_WAJIB, 3 },
	{ N_("General reserve"), 1, 0, 0, GL_RESERVE, GL_RESERVE, 3 },
	{ N_("Risk reserve"), 1, 0, 0, GL_RISK_RESERVE, GL_RISK_RESERVE, 3 },
	{ N_("Grants"), 1, 0, 0, GL_GRANT, GL_GRANT, 3 },
	{ N_("SHU not yet divided"), 1, 0, 0, GL_SHU, GL_SHU, 3 },
	{ N_("SHU of the current year"), 1, LN_RUNNING, 0, 0, 0, 3 },
	{ N_("Other equity"), 1, LN_REST, ACCT_EQUITY, 0, 0, 3 },
	{ N_("Total equity"), 0, LN_TOTAL, 0, 0, 0, 3 },
	{ N_("Total liabilities and equity"), 0, LN_SUM, 0, 0xc, 0, 0 },
};

static const struct line phu[] = {
	{ N_("Income from members"), 0, LN_HEAD, 0, 0, 0, 0 },
	{ N_("Loan interest income"), 1, 0, 0, GL_LOAN_INT, GL_LOAN_INT, 1 },
	{ N_("Administration and provisi fees"), 1, 0, 0, GL_LOAN_FEE,
	    GL_LOAN_FEE, 1 },
	{ N_("Penalties"), 1, 0, 0, GL_PENALTY, GL_PENALTY, 1 },
	{ N_("Total income from members"), 0, LN_TOTAL, 0, 0, 0, 1 },
	{ N_("Cost of members' services"), 0, LN_HEAD, 0, 0, 0, 0 },
	{ N_("Interest on members' savings"), 1, 0, 0, GL_SAV_INT,
	    GL_SAV_INT, 2 },
	{ N_("Total cost of members' services"), 0, LN_TOTAL, 0, 0, 0, 2 },
	{ N_("Result from members"), 0, LN_SUM, 0, 0x2, 0x4, 0 },
	{ N_("Income from others"), 0, LN_HEAD, 0, 0, 0, 0 },
	{ N_("Income from non-members"), 1, 0, 0, GL_NONMEMBER_INC,
	    GL_NONMEMBER_INC, 3 },
	{ N_("Other income"), 1, LN_REST, ACCT_INCOME, 0, 0, 3 },
	{ N_("Total income from others"), 0, LN_TOTAL, 0, 0, 0, 3 },
	{ N_("Operating expenses"), 0, LN_HEAD, 0, 0, 0, 0 },
	{ N_("Operating costs"), 1, 0, 0, GL_OPEX, GL_OPEX, 4 },
	{ N_("Provision for loan losses"), 1, 0, 0, GL_PROVISION,
	    GL_PROVISION, 4 },
	{ N_("Depreciation"), 1, 0, 0, GL_DEPREC_EXP, GL_DEPREC_EXP, 4 },
	{ N_("Cash over and short"), 1, 0, 0, GL_OVERSHORT, GL_OVERSHORT, 4 },
	{ N_("Other expenses"), 1, LN_REST, ACCT_EXPENSE, 0, 0, 4 },
	{ N_("Total operating expenses"), 0, LN_TOTAL, 0, 0, 0, 4 },
	{ N_("Total income"), 0, LN_SUM, 0, 0xa, 0, 0 },
	{ N_("Total expenses"), 0, LN_SUM, 0, 0x14, 0, 0 },
	{ N_("SHU of the period"), 0, LN_SUM, 0, 0xa, 0x14, 0 },
};

static const struct line ekuitas[] = {
	{ N_("Equity at the start of the period"), 0, LN_HEAD, 0, 0, 0, 0 },
	{ N_("Changes in the period"), 0, LN_HEAD, 0, 0, 0, 0 },
	{ N_("Principal savings (pokok)"), 1, 0, 0, GL_POKOK, GL_POKOK, 1 },
	{ N_("Compulsory savings (wajib)"), 1, 0, 0, GL_WAJIB, GL_WAJIB, 1 },
	{ N_("General reserve"), 1, 0, 0, GL_RESERVE, GL_RESERVE, 1 },
	{ N_("Risk reserve"), 1, 0, 0, GL_RISK_RESERVE, GL_RISK_RESERVE, 1 },
	{ N_("Grants"), 1, 0, 0, GL_GRANT, GL_GRANT, 1 },
	{ N_("SHU not yet divided"), 1, 0, 0, GL_SHU, GL_SHU, 1 },
	{ N_("SHU of the current year"), 1, LN_RUNNING, 0, 0, 0, 1 },
	{ N_("Other equity"), 1, LN_REST, ACCT_EQUITY, 0, 0, 1 },
	{ N_("Total changes"), 0, LN_TOTAL, 0, 0, 0, 1 },
	{ N_("Equity at the end of the period"), 0, LN_HEAD, 0, 0, 0, 0 },
};

#define NSEC	8

/* Where the figures of one column come from. */
struct col {
	uint32_t	 from, to;	/* from 0: balances at to */
};

struct stmt {
	struct store_txn	*t;
	const char		*branch;	/* NULL: every branch */
	const struct line	*lines;
	size_t			 nline;
	struct col		 col[2];
	int64_t			(*v)[2];	/* a line's two amounts */
	int64_t			 running[2];	/* income - expense */
	int64_t			 equity0[2];	/* equity at from - 1 */
};

static int
add(int64_t *sum, int64_t v)
{
	return __builtin_add_overflow(*sum, v, sum) ? STORE_E_OVERFLOW : 0;
}

/* Natural amount of an account of type over a column (0 before it was). */
static int
col_amount(struct store_txn *t, const char *branch, const struct account *a,
    const struct col *c, int64_t *out)
{
	int64_t	 d1 = 0, c1 = 0, d0 = 0, c0 = 0;
	int	 r;

	*out = 0;
	if (c->to == 0)
		return 0;
	if ((r = account_totals_at(t, branch, a->gl, 0, c->to, &d1,
	    &c1)) != 0)
		return r;
	if (c->from != 0 && (r = account_totals_at(t, branch, a->gl, 0,
	    c->from - 1, &d0, &c0)) != 0)
		return r;
	*out = account_natural(a, (d1 - c1) - (d0 - c0));
	return 0;
}

/* What year-end closing entries in the column took off income and expense. */
static int closed_back(struct store_txn *, const char *, const struct account *,
    const struct col *, int64_t *);

static int
stmt_account(void *arg, const struct account *a, const struct balance *b)
{
	struct stmt	*s = arg;
	size_t		 i;
	int64_t		 v, back, open, run;
	struct col	 c0;
	int		 j, r;

	(void)b;
	for (j = 0; j < 2; j++) {
		if ((r = col_amount(s->t, s->branch, a, &s->col[j], &v)) != 0)
			return r;
		/* Income less expense, as the books have it. */
		run = a->type == ACCT_INCOME ? v :
		    a->type == ACCT_EXPENSE ? -v : 0;
		if ((r = add(&s->running[j], run)) != 0)
			return r;
		if (s->col[j].from != 0 && a->type >= ACCT_EQUITY) {
			/* Equity, and its running SHU, before the period. */
			c0.from = 0;
			c0.to = s->col[j].from - 1;
			if ((r = col_amount(s->t, s->branch, a, &c0,
			    &open)) != 0)
				return r;
			if (a->type == ACCT_EXPENSE)
				open = -open;
			if ((r = add(&s->equity0[j], open)) != 0)
				return r;
		}
		if (s->col[j].from != 0 && (a->type == ACCT_INCOME ||
		    a->type == ACCT_EXPENSE)) {
			/* Closing entries are neither income nor expense. */
			if ((r = closed_back(s->t, s->branch, a, &s->col[j],
			    &back)) != 0 || (r = add(&v, back)) != 0)
				return r;
		}
		for (i = 0; i < s->nline; i++) {
			const struct line *l = &s->lines[i];

			if (l->flags & (LN_HEAD | LN_TOTAL | LN_SUM |
			    LN_RUNNING))
				continue;
			if ((l->flags & LN_REST) ? l->type == a->type :
			    a->gl >= l->from && a->gl <= l->to) {
				if ((r = add(&s->v[i][j], v)) != 0)
					return r;
				break;
			}
		}
	}
	return 0;
}

static int
stmt_branch(void *arg, const struct branch *b)
{
	struct stmt	*s = arg;

	s->branch = b->code;
	return account_walk_gl(s->t, b->code, stmt_account, s);
}

/* The same date a year before: 29 February becomes the 28th. */
uint32_t
date_year_before(uint32_t d)
{
	return d == 0 ? 0 : date_add_months(d, -12);
}

static int
stmt_run(struct store_txn *t, const char *branch, struct stmt *s)
{
	struct branch	 b;
	int		 r;

	if (branch != NULL) {
		if ((r = branch_get(t, branch, &b)) != 0)
			return r;
		return stmt_branch(s, &b);
	}
	return branch_walk(t, stmt_branch, s);
}

static int
stmt_emit(struct stmt *s, int (*fn)(void *, const struct stmt_row *),
    void *arg)
{
	struct stmt_row	 row;
	int64_t		 sec[NSEC][2];
	size_t		 i;
	int		 j, k, r;

	memset(sec, 0, sizeof sec);
	for (i = 0; i < s->nline; i++) {
		const struct line *l = &s->lines[i];

		memset(&row, 0, sizeof row);
		row.label = l->label;
		row.level = l->level;
		row.gl = (l->flags & (LN_REST | LN_HEAD | LN_TOTAL | LN_SUM |
		    LN_RUNNING)) || l->from != l->to ? 0 : l->from;
		if (l->flags & LN_HEAD) {
			row.style = SR_HEAD;
		} else if (l->flags & LN_TOTAL) {
			row.style = SR_TOTAL;
			row.amount = sec[l->section][0];
			row.compare = sec[l->section][1];
		} else if (l->flags & LN_SUM) {
			/* Sections named by from's bits, less to's. */
			row.style = SR_TOTAL;
			for (k = 0; k < NSEC; k++) {
				int sign = (l->from & (1u << k)) ? 1 :
				    (l->to & (1u << k)) ? -1 : 0;

				row.amount += sign * sec[k][0];
				row.compare += sign * sec[k][1];
			}
		} else {
			row.style = SR_LINE;
			if (l->flags & LN_RUNNING) {
				s->v[i][0] = s->running[0];
				s->v[i][1] = s->running[1];
			}
			row.amount = s->v[i][0];
			row.compare = s->v[i][1];
			for (j = 0; j < 2; j++)
				if ((r = add(&sec[l->section][j],
				    s->v[i][j])) != 0)
					return r;
		}
		if ((r = fn(arg, &row)) != 0)
			return r;
	}
	return 0;
}

/* Equity statement: opening and closing rows around the changes. */
static int
ekuitas_emit(struct stmt *s, int (*fn)(void *, const struct stmt_row *),
    void *arg)
{
	struct stmt_row	 row;
	int64_t		 chg[2] = { 0, 0 };
	size_t		 i;
	int		 j, r;

	for (i = 0; i < s->nline; i++) {
		const struct line *l = &s->lines[i];

		memset(&row, 0, sizeof row);
		row.label = l->label;
		row.level = l->level;
		if (i == 0 || i == s->nline - 1) {
			row.style = SR_TOTAL;
			row.amount = s->equity0[0] + (i ? chg[0] : 0);
			row.compare = s->equity0[1] + (i ? chg[1] : 0);
		} else if (l->flags & LN_HEAD) {
			row.style = SR_HEAD;
		} else if (l->flags & LN_TOTAL) {
			row.style = SR_TOTAL;
			row.amount = chg[0];
			row.compare = chg[1];
		} else {
			row.style = SR_LINE;
			row.gl = (l->flags & (LN_REST | LN_RUNNING)) ? 0 :
			    l->from;
			if (l->flags & LN_RUNNING) {
				s->v[i][0] = s->running[0];
				s->v[i][1] = s->running[1];
			}
			row.amount = s->v[i][0];
			row.compare = s->v[i][1];
			for (j = 0; j < 2; j++)
				if ((r = add(&chg[j], s->v[i][j])) != 0)
					return r;
		}
		if ((r = fn(arg, &row)) != 0)
			return r;
	}
	return 0;
}

static int cashflow(struct store_txn *, const char *, const struct col *,
    int, int (*)(void *, const struct stmt_row *), void *);

int
statement(struct store_txn *t, int which, const char *branch, uint32_t from,
    uint32_t to, int (*fn)(void *, const struct stmt_row *), void *arg)
{
	struct stmt	 s;
	int		 r;

	if (to == 0 || from > to)
		return STORE_E_INVAL;
	memset(&s, 0, sizeof s);
	s.t = t;
	s.col[0].to = to;
	s.col[1].to = date_year_before(to);
	if (which != ST_NERACA) {
		if (from == 0)
			return STORE_E_INVAL;
		s.col[0].from = from;
		s.col[1].from = date_year_before(from);
	}
	switch (which) {
	case ST_NERACA:
		s.lines = neraca;
		s.nline = sizeof neraca / sizeof neraca[0];
		break;
	case ST_PHU:
		s.lines = phu;
		s.nline = sizeof phu / sizeof phu[0];
		break;
	case ST_EKUITAS:
		s.lines = ekuitas;
		s.nline = sizeof ekuitas / sizeof ekuitas[0];
		break;
	case ST_KAS:
		return cashflow(t, branch, s.col, 2, fn, arg);
	default:
		return STORE_E_INVAL;
	}
	if ((s.v = calloc(s.nline, sizeof *s.v)) == NULL)
		return ENOMEM;
	if ((r = stmt_run(t, branch, &s)) == 0)
		r = which == ST_EKUITAS ? ekuitas_emit(&s, fn, arg) :
		    stmt_emit(&s, fn, arg);
	free(s.v);
	return r;
}

/* -- year-end closing entries, as statements see them ------------------- */

/*
 * The closing entries of year y of a branch: the counter "yclose.YYYY"
 * holds the first one's sequence number and "yclose.YYYY.n" how many.
 */
int
year_close_entries(struct store_txn *t, const char *branch, int year,
    uint64_t *first, uint64_t *n)
{
	char	 name[32];
	int	 r;

	snprintf(name, sizeof name, "yclose.%04d", year);
	if ((r = counter_get(t, branch, name, first)) != 0)
		return r;
	snprintf(name, sizeof name, "yclose.%04d.n", year);
	return counter_get(t, branch, name, n);
}

static int
closed_back(struct store_txn *t, const char *branch, const struct account *a,
    const struct col *c, int64_t *out)
{
	struct entry	*e = NULL;
	uint64_t	 first, n, k;
	int		 y0, y1, y, m, d, r = 0;
	uint16_t	 i;

	*out = 0;
	date_to_ymd(c->from, &y0, &m, &d);
	date_to_ymd(c->to, &y1, &m, &d);
	for (y = y0; y <= y1; y++) {
		uint32_t last = date_from_ymd(y, 12, 31);

		if (last < c->from || last > c->to)
			continue;
		if ((r = year_close_entries(t, branch, y, &first, &n)) != 0)
			break;
		if (n == 0)
			continue;
		if (e == NULL && (e = malloc(sizeof *e)) == NULL)
			return ENOMEM;
		for (k = first; k < first + n; k++) {
			if ((r = journal_get(t, branch, k, e)) != 0)
				goto out;
			for (i = 0; i < e->npost; i++)
				if (e->post[i].gl == a->gl)
					*out -= account_natural(a,
					    e->post[i].amount);
		}
	}
out:
	free(e);
	return r;
}

/* The same for the days from..to, for store/shu-year.c. */
int
closed_back_range(struct store_txn *t, const char *branch,
    const struct account *a, uint32_t from, uint32_t to, int64_t *out)
{
	struct col	 c;

	c.from = from;
	c.to = to;
	return closed_back(t, branch, a, &c, out);
}

/* -- the cash flow, by the direct method ---------------------------------- */

enum cf_line {
	CF_INCOME, CF_EXPENSE, CF_LOAN_OUT, CF_LOAN_IN, CF_SAV_IN,
	CF_SAV_OUT, CF_OP_OTHER, CF_INVEST, CF_CAPITAL, CF_SHU_PAID,
	CF_BORROW, CF_FIN_OTHER, CF_N
};

static const struct {
	const char	*label;
	int		 line;		/* enum cf_line, or -1 */
	uint8_t		 style;
	uint8_t		 level;
} cf_rows[] = {
	{ N_("Cash flows from operating activities"), -1, SR_HEAD, 0 },
	{ N_("Interest, fees and other income received"), CF_INCOME,
	    SR_LINE, 1 },
	{ N_("Expenses paid"), CF_EXPENSE, SR_LINE, 1 },
	{ N_("Loans disbursed to members"), CF_LOAN_OUT, SR_LINE, 1 },
	{ N_("Loan principal repaid by members"), CF_LOAN_IN, SR_LINE, 1 },
	{ N_("Savings deposited by members"), CF_SAV_IN, SR_LINE, 1 },
	{ N_("Savings withdrawn by members"), CF_SAV_OUT, SR_LINE, 1 },
	{ N_("Other operating cash flows"), CF_OP_OTHER, SR_LINE, 1 },
	{ N_("Net cash from operating activities"), -2, SR_TOTAL, 0 },
	{ N_("Cash flows from investing activities"), -1, SR_HEAD, 0 },
	{ N_("Deposits, investments and fixed assets"), CF_INVEST, SR_LINE,
	    1 },
	{ N_("Net cash from investing activities"), -3, SR_TOTAL, 0 },
	{ N_("Cash flows from financing activities"), -1, SR_HEAD, 0 },
	{ N_("Principal and compulsory savings"), CF_CAPITAL, SR_LINE, 1 },
	{ N_("SHU and funds paid"), CF_SHU_PAID, SR_LINE, 1 },
	{ N_("Borrowings"), CF_BORROW, SR_LINE, 1 },
	{ N_("Other financing cash flows"), CF_FIN_OTHER, SR_LINE, 1 },
	{ N_("Net cash from financing activities"), -4, SR_TOTAL, 0 },
	{ N_("Net increase in cash"), -5, SR_TOTAL, 0 },
	{ N_("Cash at the start of the period"), -6, SR_LINE, 0 },
	{ N_("Cash at the end of the period"), -7, SR_TOTAL, 0 },
};

static int
is_cash(uint32_t gl)
{
	return gl == GL_CASH || gl == GL_VAULT || gl == GL_BANK;
}

/* The line a cash movement against gl goes to; amount is cash in (+). */
static int
cf_classify(uint32_t gl, int64_t cash_in)
{
	if (gl >= 4000 && gl < 5000)
		return CF_INCOME;
	if (gl >= 5000)
		return CF_EXPENSE;
	if (gl == GL_LOANS)
		return cash_in < 0 ? CF_LOAN_OUT : CF_LOAN_IN;
	if (gl == GL_SUKARELA || gl == GL_BERJANGKA)
		return cash_in < 0 ? CF_SAV_OUT : CF_SAV_IN;
	if (gl == GL_DEPOSITS || gl == GL_INVEST || gl == GL_FIXED ||
	    gl == GL_DEPREC)
		return CF_INVEST;
	if (gl == GL_POKOK || gl == GL_WAJIB)
		return CF_CAPITAL;
	if (gl == GL_SHU_PAYABLE || (gl >= GL_FUND_BOARD &&
	    gl <= GL_FUND_SOCIAL))
		return CF_SHU_PAID;
	if (gl == GL_BORROW)
		return CF_BORROW;
	if (gl >= 3000)
		return CF_FIN_OTHER;
	return CF_OP_OTHER;
}

/*
 * The first entry of a branch dated on or after date: the dates of the
 * journal never go back, so halving finds it.  *seq is next_seq when
 * there is none.
 */
static int
first_on(struct store_txn *t, const struct branch *b, uint32_t date,
    struct entry *e, uint64_t *seq)
{
	uint64_t	 lo = 1, hi = b->next_seq, mid;
	int		 r;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((r = journal_get(t, b->code, mid, e)) != 0)
			return r;
		if (e->date < date)
			lo = mid + 1;
		else
			hi = mid;
	}
	*seq = lo;
	return 0;
}

struct cf {
	struct store_txn	*t;
	const struct col	*col;
	int			 ncol;
	int64_t			 v[2][CF_N];
	int64_t			 open[2], close[2];
	struct entry		*e;
};

static int
cf_branch(void *arg, const struct branch *b)
{
	struct cf	*cf = arg;
	struct entry	*e = cf->e;
	uint64_t	 seq;
	int64_t		 bal, cash;
	uint16_t	 i;
	uint32_t	 gl;
	int		 j, r;

	for (j = 0; j < cf->ncol; j++) {
		const struct col *c = &cf->col[j];

		for (gl = GL_CASH; gl <= GL_BANK; gl++) {
			if (!is_cash(gl))
				continue;
			r = account_balance_at(cf->t, b->code, gl, 0,
			    c->from - 1, &bal);
			if (r == STORE_E_ACCOUNT)
				continue;
			if (r != 0)
				return r;
			cf->open[j] += bal;
			if ((r = account_balance_at(cf->t, b->code, gl, 0,
			    c->to, &bal)) != 0)
				return r;
			cf->close[j] += bal;
		}
		if ((r = first_on(cf->t, b, c->from, e, &seq)) != 0)
			return r;
		for (; seq < b->next_seq; seq++) {
			if ((r = journal_get(cf->t, b->code, seq, e)) != 0)
				return r;
			if (e->date > c->to)
				break;
			for (i = 0, cash = 0; i < e->npost; i++)
				if (is_cash(e->post[i].gl))
					cash += e->post[i].amount;
			if (cash == 0)
				continue;
			/*
			 * The other side: each posting that is not cash
			 * brought (or took) its amount of cash.
			 */
			for (i = 0; i < e->npost; i++) {
				const struct posting *p = &e->post[i];

				if (is_cash(p->gl))
					continue;
				cf->v[j][cf_classify(p->gl, -p->amount)] +=
				    -p->amount;
			}
		}
	}
	return 0;
}

static int
cashflow(struct store_txn *t, const char *branch, const struct col *col,
    int ncol, int (*fn)(void *, const struct stmt_row *), void *arg)
{
	struct cf	 cf;
	struct branch	 b;
	struct stmt_row	 row;
	int64_t		 sub[2][5];
	size_t		 i;
	int		 j, r;

	memset(&cf, 0, sizeof cf);
	cf.t = t;
	cf.col = col;
	cf.ncol = ncol;
	if ((cf.e = malloc(sizeof *cf.e)) == NULL)
		return ENOMEM;
	if (branch != NULL) {
		if ((r = branch_get(t, branch, &b)) == 0)
			r = cf_branch(&cf, &b);
	} else
		r = branch_walk(t, cf_branch, &cf);
	free(cf.e);
	if (r != 0)
		return r;
	memset(sub, 0, sizeof sub);
	for (j = 0; j < ncol; j++) {
		for (i = 0; i < CF_N; i++) {
			int s = i < CF_INVEST ? 0 : i == CF_INVEST ? 1 : 2;

			sub[j][s] += cf.v[j][i];
		}
		sub[j][3] = sub[j][0] + sub[j][1] + sub[j][2];
	}
	for (i = 0; i < sizeof cf_rows / sizeof cf_rows[0]; i++) {
		memset(&row, 0, sizeof row);
		row.label = cf_rows[i].label;
		row.style = cf_rows[i].style;
		row.level = cf_rows[i].level;
		for (j = 0; j < 2; j++) {
			int64_t x = 0;

			switch (cf_rows[i].line) {
			case -1:
				break;
			case -2: case -3: case -4: case -5:
				x = sub[j][-cf_rows[i].line - 2];
				break;
			case -6:
				x = cf.open[j];
				break;
			case -7:
				x = cf.close[j];
				break;
			default:
				x = cf.v[j][cf_rows[i].line];
			}
			if (j == 0)
				row.amount = x;
			else
				row.compare = x;
		}
		if ((r = fn(arg, &row)) != 0)
			return r;
	}
	return 0;
}

/* -- savings by kind, members ---------------------------------------------- */

struct sav_ctx {
	struct store_txn	*t;
	uint32_t		 date;
	struct savings_summary	*out;
};

static int
sav_branch(void *arg, const struct branch *b)
{
	static const uint32_t	 gls[SAVK_N] = { GL_POKOK, GL_WAJIB,
	    GL_SUKARELA, GL_BERJANGKA };
	struct sav_ctx		*c = arg;
	uint8_t			 key[KEY_BRANCH + 12];
	MDB_cursor		*cur;
	MDB_val			 k, d;
	int64_t			 dr, cr;
	uint64_t		 sub;
	int			 i, r, op;

	for (i = 0; i < SAVK_N; i++) {
		r = account_balance_at(c->t, b->code, gls[i], 0, c->date, &dr);
		if (r == STORE_E_ACCOUNT)
			continue;
		if (r != 0)
			return r;
		c->out->balance[i] += -dr;
		account_key(key, b->code, gls[i], 1);
		k.mv_data = key;
		k.mv_size = sizeof key;
		if ((r = mdb_cursor_open(c->t->txn, c->t->st->account,
		    &cur)) != 0)
			return r;
		for (op = MDB_SET_RANGE; (r = mdb_cursor_get(cur, &k, &d,
		    op)) == 0; op = MDB_NEXT) {
			if (k.mv_size != sizeof key ||
			    memcmp(k.mv_data, key, KEY_BRANCH + 4) != 0)
				break;
			sub = be64_get((uint8_t *)k.mv_data + KEY_BRANCH + 4);
			if ((r = account_totals_at(c->t, b->code, gls[i], sub,
			    c->date, &dr, &cr)) != 0)
				break;
			if (dr != cr)
				c->out->accounts[i]++;
		}
		mdb_cursor_close(cur);
		if (r != 0 && r != MDB_NOTFOUND)
			return r;
	}
	return 0;
}

int
savings_summary(struct store_txn *t, const char *branch, uint32_t date,
    struct savings_summary *out)
{
	struct sav_ctx	 c;
	struct branch	 b;
	int		 r;

	memset(out, 0, sizeof *out);
	c.t = t;
	c.date = date;
	c.out = out;
	if (branch == NULL)
		return branch_walk(t, sav_branch, &c);
	if ((r = branch_get(t, branch, &b)) != 0)
		return r;
	return sav_branch(&c, &b);
}

struct mem_ctx {
	struct store_txn	*t;
	uint32_t		 from, to;
	struct members_summary	*out;
};

static int
mem_branch(void *arg, const struct branch *b)
{
	struct mem_ctx		*c = arg;
	struct members_summary	*o = c->out;
	struct member		 m;
	uint8_t			 key[KEY_BRANCH];
	MDB_cursor		*cur;
	MDB_val			 k, d;
	int			 r, op, g;

	key_branch(key, b->code);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_cursor_open(c->t->txn, c->t->st->member, &cur)) != 0)
		return r;
	for (op = MDB_SET_RANGE; (r = mdb_cursor_get(cur, &k, &d, op)) == 0;
	    op = MDB_NEXT) {
		if (k.mv_size != KEY_BRANCH + 8 ||
		    memcmp(k.mv_data, key, KEY_BRANCH) != 0)
			break;
		if ((r = member_get(c->t, b->code,
		    be64_get((uint8_t *)k.mv_data + KEY_BRANCH), &m)) != 0)
			break;
		g = m.gender == 'P' ? MSX_P : MSX_L;
		if (m.joined >= c->from && m.joined <= c->to)
			o->joined[g]++;
		if (m.left != 0 && m.left >= c->from && m.left <= c->to)
			o->left[g]++;
		if (m.joined <= c->to && (m.left == 0 || m.left > c->to))
			o->active[g]++;
		if (m.joined < c->from && (m.left == 0 || m.left >= c->from))
			o->active0[g]++;
	}
	mdb_cursor_close(cur);
	return r == MDB_NOTFOUND ? 0 : r;
}

int
members_summary(struct store_txn *t, const char *branch, uint32_t from,
    uint32_t to, struct members_summary *out)
{
	struct mem_ctx	 c;
	struct branch	 b;
	int		 r;

	memset(out, 0, sizeof *out);
	if (from > to)
		return STORE_E_INVAL;
	c.t = t;
	c.from = from;
	c.to = to;
	c.out = out;
	if (branch == NULL)
		return branch_walk(t, mem_branch, &c);
	if ((r = branch_get(t, branch, &b)) != 0)
		return r;
	return mem_branch(&c, &b);
}
