/*
 * store/shu-year.c: a year's SHU from the books (domain.md, "SHU"): the
 * running estimate any day, each member's capital and usage, and the
 * posting of the split once the RAT has approved it.  The arithmetic is
 * store/shu.c's; the figures are settings with domain.md's defaults
 * (store/savings.c's table):
 *
 *	shu.reserve_bp ... shu.social_bp	the by-laws' parts
 *	shu.jma_bp		jasa modal's part of the members' (rest: usaha)
 *	shu.capital.sukarela	1: capital counts sukarela too
 *	shu.capital.average	1: the average of the month ends, else year end
 *	shu.usage.savings	1: usage counts savings interest received too
 *	shu.leavers		1: members who left in the year share
 *	shu.tax_bp		withheld from each member's share
 *	shu.payable		1: shares to SHU payable, else to sukarela
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

#define SHU_ROOM	(ENTRY_MAXPOST - 1)
#define MEMBER_EST_MAX	4096	/* a member's entries read for an estimate */

static const char *const part_setting[SHU_NPART] = {
	"shu.reserve_bp", "shu.members_bp", "shu.board_bp", "shu.staff_bp",
	"shu.education_bp", "shu.social_bp"
};
static const uint32_t part_gl[SHU_NPART] = {
	GL_RESERVE, 0, GL_FUND_BOARD, GL_FUND_STAFF, GL_FUND_EDU,
	GL_FUND_SOCIAL
};

static void
post_counter(char *name, size_t size, int year)
{
	snprintf(name, size, "shupost.%04d", year);
}

struct pool_ctx {
	struct store_txn	*t;
	const char		*branch;
	uint32_t		 asof;
	int64_t			 pool;
};

/* Income less expense not yet closed, at the end of asof. */
static int
pool_add(void *arg, const struct account *a, const struct balance *b)
{
	struct pool_ctx	*c = arg;
	int64_t		 bal;
	int		 r;

	(void)b;
	if (a->type != ACCT_INCOME && a->type != ACCT_EXPENSE)
		return 0;
	if ((r = account_balance_at(c->t, c->branch, a->gl, 0, c->asof,
	    &bal)) != 0)
		return r;
	c->pool -= bal;		/* credit minus debit */
	return 0;
}

/*
 * The year's SHU on branch: from its closing entries once it is closed,
 * else income less expense not yet closed at the end of asof (or of the
 * year's last day, if earlier).  The split is made when the pool is not
 * a loss (est->error STORE_E_AMOUNT otherwise).
 */
int
shu_estimate(struct store_txn *t, const char *branch, int year,
    uint32_t asof, struct shu_estimate *est)
{
	uint32_t	 last = date_from_ymd(year, 12, 31);
	uint64_t	 posted;
	char		 name[32];
	int		 i, r, closed;
	struct branch	 b;

	memset(est, 0, sizeof *est);
	est->year = year;
	if ((r = branch_get(t, branch, &b)) != 0)
		return r;
	est->asof = asof == 0 || asof > last ? last : asof;
	if ((r = year_closed(t, branch, year, &closed, &est->pool)) != 0)
		return r;
	est->closed = closed;
	post_counter(name, sizeof name, year);
	if ((r = counter_get(t, branch, name, &posted)) != 0)
		return r;
	est->posted = posted != 0;
	if (!closed) {
		struct pool_ctx	 pc = { t, branch, est->asof, 0 };

		if ((r = account_walk_gl(t, branch, pool_add, &pc)) != 0)
			return r;
		est->pool = pc.pool;
	}
	for (i = 0; i < SHU_NPART; i++)
		est->bp[i] = (uint32_t)savings_setting(t, branch,
		    part_setting[i]);
	est->error = shu_split(est->pool, est->bp, est->part);
	if (est->error == 0) {
		est->jma = est->part[SHU_MEMBERS] / 100 *
		    savings_setting(t, branch, "shu.jma_bp") / 10000 * 100;
		est->jua = est->part[SHU_MEMBERS] - est->jma;
	}
	return 0;
}

/* The entries of a branch dated from..to, in order, to fn. */
static int
scan_entries(struct store_txn *t, const char *branch, uint32_t from,
    uint32_t to, int (*fn)(void *, const struct entry *), void *arg)
{
	struct branch	 b;
	struct entry	*e;
	uint64_t	 lo = 1, hi, mid;
	int		 r;

	if ((r = branch_get(t, branch, &b)) != 0)
		return r;
	if ((e = malloc(sizeof *e)) == NULL)
		return ENOMEM;
	hi = b.next_seq;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((r = journal_get(t, branch, mid, e)) != 0)
			goto out;
		if (e->date < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < b.next_seq; lo++) {
		if ((r = journal_get(t, branch, lo, e)) != 0)
			goto out;
		if (e->date > to)
			break;
		if ((r = fn(arg, e)) != 0)
			goto out;
	}
	r = 0;
out:
	free(e);
	return r;
}

struct usage_ctx {
	struct shu_member	*m;
	size_t			 n;
	int			 savings;
};

static int
usage_entry(void *arg, const struct entry *e)
{
	struct usage_ctx	*c = arg;
	uint64_t		 who;
	uint16_t		 i;

	if (e->kind == EK_LOAN_REPAY) {
		if (entry_get_u64(e, F_MEMBER, &who) != 0 || who == 0 ||
		    who >= c->n)
			return 0;
		/* Interest paid: income, or what the old books accrued. */
		for (i = 0; i < e->npost; i++)
			if (e->post[i].gl == GL_LOAN_INT ||
			    e->post[i].gl == GL_LOAN_INT_RCV)
				c->m[who].usage -= e->post[i].amount;
	} else if (e->kind == EK_INTEREST && c->savings) {
		for (i = 0; i < e->npost; i++)
			if (e->post[i].gl == GL_SUKARELA &&
			    e->post[i].sub != 0 && e->post[i].sub < c->n)
				c->m[e->post[i].sub].usage -=
				    e->post[i].amount;
	}
	return 0;
}

static int
capital_of(struct store_txn *t, const char *branch, uint64_t n, uint32_t day,
    int sukarela, int64_t *cap)
{
	static const uint32_t	 gls[3] = { GL_POKOK, GL_WAJIB, GL_SUKARELA };
	int64_t			 dr, cr;
	int			 i, r;

	*cap = 0;
	for (i = 0; i < (sukarela ? 3 : 2); i++) {
		if ((r = account_totals_at(t, branch, gls[i], n, day, &dr,
		    &cr)) != 0) {
			if (r == STORE_E_ACCOUNT || r == STORE_E_NOTFOUND)
				continue;
			return r;
		}
		*cap += cr - dr;
	}
	return 0;
}

/*
 * Each member's capital, usage and share of est's split, in member
 * number order (*out, *n; free(3) it), and what rounding leaves over.
 * Members who joined after the year, or left before it, are left out;
 * those who left in it too, unless shu.leavers says they share.
 */
int
shu_members(struct store_txn *t, const char *branch,
    const struct shu_estimate *est, struct shu_member **out, size_t *nout,
    int64_t *remainder)
{
	struct usage_ctx	 uc;
	struct shu_member	*m = NULL;
	struct member		 mb;
	uint64_t		 count, k;
	uint32_t		 first = date_from_ymd(est->year, 1, 1), day;
	int64_t			 cap, sum;
	int			 sukarela, average, leavers, r, mo, nmo;
	size_t			 n = 0;

	*out = NULL;
	*nout = 0;
	*remainder = 0;
	if ((r = counter_get(t, branch, "member", &count)) != 0)
		return r;
	if ((m = calloc(count + 1, sizeof *m)) == NULL)
		return ENOMEM;
	uc.m = m;
	uc.n = count + 1;
	uc.savings = savings_setting(t, branch, "shu.usage.savings") != 0;
	if ((r = scan_entries(t, branch, first, est->asof, usage_entry,
	    &uc)) != 0)
		goto out;
	sukarela = savings_setting(t, branch, "shu.capital.sukarela") != 0;
	average = savings_setting(t, branch, "shu.capital.average") != 0;
	leavers = savings_setting(t, branch, "shu.leavers") != 0;
	for (k = 1; k <= count; k++) {
		if ((r = member_get(t, branch, k, &mb)) != 0)
			goto out;
		if (mb.joined > est->asof ||
		    (mb.left != 0 && mb.left < first) ||
		    (mb.left != 0 && mb.left <= est->asof && !leavers))
			continue;
		if (average) {
			sum = 0;
			nmo = 0;
			for (mo = 1; mo <= 12; mo++) {
				day = date_month_end(date_from_ymd(est->year,
				    mo, 1));
				if (day > est->asof)
					break;
				if ((r = capital_of(t, branch, k, day,
				    sukarela, &cap)) != 0)
					goto out;
				sum += cap;
				nmo++;
			}
			cap = nmo ? sum / nmo : 0;
		} else if ((r = capital_of(t, branch, k, est->asof, sukarela,
		    &cap)) != 0)
			goto out;
		m[n].member = k;
		m[n].capital = cap < 0 ? 0 : cap;
		m[n].usage = m[k].usage < 0 ? 0 : m[k].usage;
		n++;
	}
	if ((r = shu_members_split(est->error ? 0 : est->jma,
	    est->error ? 0 : est->jua, m, n, remainder)) != 0)
		goto out;
	*out = m;
	*nout = n;
	m = NULL;
out:
	free(m);
	return r;
}

/* -- posting the split ----------------------------------------------------- */

struct post_ctx {
	const char		*branch;
	const char		*user;
	int			 year;
	int64_t			 now;
	struct shu_post_report	*rep;
	struct entry		*e;
};

static int
shu_flush(struct store_txn *t, struct post_ctx *c, int64_t sum)
{
	struct entry	*e = c->e;

	if (e->npost == 0)
		return 0;
	e->post[e->npost++] = (struct posting){ GL_SHU, 0, sum };
	c->rep->entries++;
	return post_internal(t, e);
}

static void
shu_entry(struct post_ctx *c, struct entry *e)
{
	entry_init(e);
	str_copy(e->branch, c->branch, sizeof e->branch);
	str_copy(e->user, c->user, sizeof e->user);
	e->kind = EK_SHU_POST;
	e->time = c->now;
}

/* One posting more to the entry being built, flushing it when full. */
static int
shu_add(struct store_txn *t, struct post_ctx *c, int64_t *sum, uint32_t gl,
    uint64_t sub, int64_t credit)
{
	struct entry	*e = c->e;
	int		 r;

	if (credit == 0)
		return 0;
	if (e->npost + 1 > SHU_ROOM - 1) {
		if ((r = shu_flush(t, c, *sum)) != 0)
			return r;
		shu_entry(c, e);
		if ((r = entry_add_u64(e, F_DATE,
		    date_from_ymd(c->year, 12, 31))) != 0)
			return r;
		*sum = 0;
	}
	e->post[e->npost++] = (struct posting){ gl, sub, -credit };
	*sum += credit;
	return 0;
}

static int
shu_post_run(struct store_txn *t, void *arg)
{
	struct post_ctx		*c = arg;
	struct shu_post_report	*rep = c->rep;
	struct shu_estimate	 est;
	struct shu_member	*m = NULL;
	struct account		 a;
	struct branch		 b;
	size_t			 n, i;
	int64_t			 rem, sum = 0, tax, net;
	int64_t			 tax_bp;
	int			 payable, j, r;

	memset(rep, 0, sizeof *rep);
	if ((r = branch_get(t, c->branch, &b)) != 0)
		return r;
	if ((r = shu_estimate(t, c->branch, c->year, 0, &est)) != 0)
		return r;
	if (!est.closed)
		return STORE_E_SHUOPEN;
	if (est.posted)
		return STORE_E_SHUPOSTED;
	if (est.error != 0)
		return est.error;
	if ((r = shu_members(t, c->branch, &est, &m, &n, &rem)) != 0)
		return r;
	tax_bp = savings_setting(t, c->branch, "shu.tax_bp");
	payable = savings_setting(t, c->branch, "shu.payable") != 0;
	shu_entry(c, c->e);
	if ((r = entry_add_u64(c->e, F_DATE,
	    date_from_ymd(c->year, 12, 31))) != 0)
		goto out;
	for (j = 0; j < SHU_NPART; j++) {
		int64_t v = est.part[j] + (j == SHU_RESERVE ? rem : 0);

		if (j == SHU_MEMBERS)
			continue;
		if ((r = shu_add(t, c, &sum, part_gl[j], 0, v)) != 0)
			goto out;
		rep->part[j] = v;
	}
	for (i = 0; i < n; i++) {
		if (m[i].share == 0)
			continue;
		tax = m[i].share / 100 * tax_bp / 10000 * 100;
		net = m[i].share - tax;
		rep->members++;
		rep->shares += m[i].share;
		rep->tax += tax;
		if (!payable && account_get(t, c->branch, GL_SUKARELA,
		    m[i].member, &a) == 0 && !(a.flags & ACCT_F_CLOSED))
			r = shu_add(t, c, &sum, GL_SUKARELA, m[i].member, net);
		else
			r = shu_add(t, c, &sum, GL_SHU_PAYABLE, 0, net);
		if (r != 0 || (r = shu_add(t, c, &sum, GL_TAX_PAYABLE, 0,
		    tax)) != 0)
			goto out;
	}
	rep->part[SHU_MEMBERS] = rep->shares;
	rep->pool = est.pool;
	r = shu_flush(t, c, sum);
out:
	free(m);
	return r;
}

/*
 * Post the split of a closed year, for a manager, after the RAT: the
 * pool in 3401 to the reserve (with what rounding leaves), the funds and
 * each member's share (their sukarela, or SHU payable), tax withheld.
 * One transaction, of as many entries as it takes.
 */
int
store_shu_post(struct store *st, const char *branch, const char *user,
    int year, int64_t when, struct shu_post_report *rep)
{
	struct post_ctx	 c;
	int		 r;

	c.branch = branch;
	c.user = user;
	c.year = year;
	c.now = when;
	c.rep = rep;
	if ((c.e = malloc(sizeof *c.e)) == NULL)
		return ENOMEM;
	r = store_write(st, shu_post_run, &c);
	free(c.e);
	return r;
}

static int
shu_post_apply(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	uint64_t	 day, prev;
	char		 name[32];
	int		 y, mo, d, closed, r;
	int64_t		 shu;
	uint16_t	 i;

	(void)c;
	if ((r = entry_get_u64(e, F_DATE, &day)) != 0)
		return r;
	date_to_ymd((uint32_t)day, &y, &mo, &d);
	if (mo != 12 || d != 31)
		return STORE_E_INVAL;
	if ((r = year_closed(t, e->branch, y, &closed, &shu)) != 0)
		return r;
	if (!closed)
		return STORE_E_SHUOPEN;
	/* Posted once: this entry starts it, or follows the last one. */
	post_counter(name, sizeof name, y);
	if ((r = counter_get(t, e->branch, name, &prev)) != 0)
		return r;
	if (prev != 0 && prev != e->seq - 1)
		return STORE_E_SHUPOSTED;
	for (i = 0; i < e->npost; i++) {
		const struct posting *p = &e->post[i];

		if (p->gl == GL_SHU && p->sub == 0 && p->amount > 0)
			continue;
		if (p->amount > 0)
			return STORE_E_INVAL;
		if (p->sub != 0 && p->gl != GL_SUKARELA)
			return STORE_E_INVAL;
		if (p->gl != GL_RESERVE && p->gl != GL_SUKARELA &&
		    p->gl != GL_SHU_PAYABLE && p->gl != GL_TAX_PAYABLE &&
		    (p->gl < GL_FUND_BOARD || p->gl > GL_FUND_SOCIAL))
			return STORE_E_INVAL;
	}
	return 0;
}

static int
shu_post_after(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	uint64_t	 day;
	char		 name[32];
	int		 y, mo, d, r;

	(void)c;
	if ((r = entry_get_u64(e, F_DATE, &day)) != 0)
		return r;
	date_to_ymd((uint32_t)day, &y, &mo, &d);
	post_counter(name, sizeof name, y);
	return counter_put(t, e->branch, name, e->seq);
}

const struct entry_kind ek_shu_post = {
	.kind = EK_SHU_POST,
	.name = "shu-post",
	.title = N_("SHU divided"),
	.roles = ROLE_MANAGER,
	.flags = KF_POST,
	.fields = FIELD(F_DATE),
	.required = FIELD(F_DATE),
	.apply = shu_post_apply,
	.after = shu_post_after,
};

/*
 * One member's estimated share of the year's SHU on asof, for the
 * console's member view, without going through every member: their
 * capital and the loan interest they paid this year (from their own
 * entries), against all members' capital (the control accounts) and the
 * loan interest income of the year less what was accrued (4101 less
 * 1202's movement, the closing entries added back).  *out gets capital,
 * usage, jma, jua and share; a loss gives 0.
 */
int
shu_member_estimate(struct store_txn *t, const char *branch, uint64_t n,
    uint32_t asof, struct shu_member *out)
{
	struct shu_estimate	 est;
	struct entry		*e = NULL;
	uint64_t		*seqs = NULL;
	int64_t			 scap = 0, suse, d, c, bal, back;
	struct account		 a;
	size_t			 k, got;
	int			 y, mo, dd, r, sukarela, savings;
	uint32_t		 first, gl;
	uint16_t		 i;

	memset(out, 0, sizeof *out);
	out->member = n;
	date_to_ymd(asof, &y, &mo, &dd);
	first = date_from_ymd(y, 1, 1);
	if ((r = shu_estimate(t, branch, y, asof, &est)) != 0)
		return r;
	sukarela = savings_setting(t, branch, "shu.capital.sukarela") != 0;
	savings = savings_setting(t, branch, "shu.usage.savings") != 0;
	if ((r = capital_of(t, branch, n, est.asof, sukarela,
	    &out->capital)) != 0)
		return r;
	for (gl = GL_SUKARELA; gl <= GL_WAJIB; gl++) {
		if (gl != GL_POKOK && gl != GL_WAJIB &&
		    (gl != GL_SUKARELA || !sukarela))
			continue;
		if ((r = account_balance_at(t, branch, gl, 0, est.asof,
		    &bal)) != 0)
			return r;
		scap -= bal;
	}
	/* Loan interest paid this year: 4101 less what was accrued. */
	if ((r = account_movement(t, branch, GL_LOAN_INT, 0, first, est.asof,
	    &d, &c)) != 0)
		return r;
	suse = c - d;
	if ((r = account_movement(t, branch, GL_LOAN_INT_RCV, 0, first,
	    est.asof, &d, &c)) != 0)
		return r;
	suse -= d - c;
	if (account_get(t, branch, GL_LOAN_INT, 0, &a) == 0) {
		if ((r = closed_back_range(t, branch, &a, first, est.asof,
		    &back)) != 0)
			return r;
		suse += back;
	}
	/* The member's entries, newest first, back to 1 January. */
	if ((e = malloc(sizeof *e)) == NULL ||
	    (seqs = calloc(MEMBER_EST_MAX, sizeof *seqs)) == NULL) {
		r = ENOMEM;
		goto out;
	}
	if ((r = member_entries(t, branch, n, 1, seqs, MEMBER_EST_MAX,
	    &got)) != 0)
		goto out;
	for (k = 0; k < got; k++) {
		if ((r = journal_get(t, branch, seqs[k], e)) != 0)
			goto out;
		if (e->date < first)
			break;
		if (e->date > est.asof)
			continue;
		for (i = 0; i < e->npost; i++) {
			if (e->kind == EK_LOAN_REPAY &&
			    (e->post[i].gl == GL_LOAN_INT ||
			    e->post[i].gl == GL_LOAN_INT_RCV))
				out->usage -= e->post[i].amount;
			if (savings && e->kind == EK_INTEREST &&
			    e->post[i].gl == GL_SUKARELA &&
			    e->post[i].sub == n)
				out->usage -= e->post[i].amount;
		}
	}
	if (est.error == 0 && scap > 0 && out->capital > 0)
		out->jma = (int64_t)((__int128)out->capital * est.jma / scap /
		    100 * 100);
	if (est.error == 0 && suse > 0 && out->usage > 0)
		out->jua = (int64_t)((__int128)out->usage * est.jua / suse /
		    100 * 100);
	out->share = out->jma + out->jua;
out:
	free(seqs);
	free(e);
	return r;
}
