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
 *
 * A cooperative of several branches has one SHU: its by-laws split the
 * cooperative's surplus across all its members.  Each branch closes its
 * own year into its own 3401, and owns its journal: only the branch
 * writes its members' accounts, only the head office writes its own
 * (DESIGN.md).  So the split is posted in two halves, the way the RAT
 * is (store/meeting.c):
 *
 *  - the head office, which holds every branch, decides: one EK_SHU_PLAN
 *    entry of its own journal carries the pool (every branch's closed
 *    SHU), the by-laws' parts, the rules the members' figures were read
 *    by, the cooperative's sum S and sum T, the remainder, and for each
 *    branch its SHU, how many of its members share, their shares and a
 *    SHA-256 of its (member, share) list.  Its postings put the reserve
 *    (with the cooperative's remainder) and the funds at the head office,
 *    against the inter-office account (2903, rekening antar kantor);
 *  - each branch, the head office among them, once the plan has reached
 *    it by sync, posts its own members' shares (EK_SHU_POST naming the
 *    plan's entry in F_SHU_REF): its 3401 emptied, each member's share to
 *    their sukarela (or SHU payable), and what is left of the branch's
 *    SHU to 2903.  The branch works the shares out itself, from its own
 *    books and the plan's totals (a share depends on the member's figures
 *    and the totals only), and posts nothing unless its SHU, its count,
 *    its sum and its list's hash are the plan's (STORE_E_SHUPLAN).
 *
 * Across the cooperative the 2903s cancel, and the shares, the funds
 * and the reserve (with the remainder) add up to the pool to the sen.
 * Apply checks each entry against its own branch's books only; what
 * needs another branch is judged when the entry is made.  A box that
 * holds no head office, or a head office alone, works as one branch.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

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

#define SHU_R_SUKARELA	0x1	/* capital counts sukarela */
#define SHU_R_AVERAGE	0x2	/* capital is the month ends' average */
#define SHU_R_SAVINGS	0x4	/* usage counts savings interest */
#define SHU_R_LEAVERS	0x8	/* members who left in the year share */
#define SHU_PLAN_VERSION 1

static void
post_counter(char *name, size_t size, int year)
{
	snprintf(name, size, "shupost.%04d", year);
}

static void
plan_counter(char *name, size_t size, int year)
{
	snprintf(name, size, "shuplan.%04d", year);
}

/*
 * The year an SHU post or plan e is for: its date must be the 31st of
 * December of a closed year.  *y gets the year, *shu its SHU.  Returns
 * 0, STORE_E_INVAL (another day), STORE_E_SHUOPEN (the year is open) or
 * an error.
 */
static int
entry_closed_year(struct store_txn *t, const struct entry *e, int *y,
    int64_t *shu)
{
	uint64_t	 day;
	int		 mo, d, closed, r;

	if ((r = entry_get_u64(e, F_DATE, &day)) != 0)
		return r;
	date_to_ymd((uint32_t)day, y, &mo, &d);
	if (mo != 12 || d != 31)
		return STORE_E_INVAL;
	if ((r = year_closed(t, e->branch, *y, &closed, shu)) != 0)
		return r;
	if (!closed)
		return STORE_E_SHUOPEN;
	return 0;
}

/* After an SHU post or plan: the year's counter (counter names it) is e. */
static int
entry_year_counter_put(struct store_txn *t, const struct entry *e,
    void (*counter)(char *, size_t, int))
{
	uint64_t	 day;
	char		 name[32];
	int		 y, mo, d, r;

	if ((r = entry_get_u64(e, F_DATE, &day)) != 0)
		return r;
	date_to_ymd((uint32_t)day, &y, &mo, &d);
	counter(name, sizeof name, y);
	return counter_put(t, e->branch, name, e->seq);
}

static uint32_t
shu_rules(struct store_txn *t, const char *branch)
{
	uint32_t	 r = 0;

	if (savings_setting(t, branch, "shu.capital.sukarela") != 0)
		r |= SHU_R_SUKARELA;
	if (savings_setting(t, branch, "shu.capital.average") != 0)
		r |= SHU_R_AVERAGE;
	if (savings_setting(t, branch, "shu.usage.savings") != 0)
		r |= SHU_R_SAVINGS;
	if (savings_setting(t, branch, "shu.leavers") != 0)
		r |= SHU_R_LEAVERS;
	return r;
}

/* The branches held here (*bs, free(3) it), and the head office among them. */
static int
shu_branches(struct store_txn *t, struct branch **bs, size_t *n, char *hq)
{
	size_t	 i;
	int	 r;

	hq[0] = '\0';
	if ((*bs = calloc(SHU_PLAN_MAX + 1, sizeof **bs)) == NULL)
		return ENOMEM;
	if ((r = branch_list(t, *bs, SHU_PLAN_MAX + 1, n)) != 0)
		return r;
	for (i = 0; i < *n && i <= SHU_PLAN_MAX; i++)
		if ((*bs)[i].flags & BRANCH_F_HEAD)
			str_copy(hq, (*bs)[i].code, BRANCH_MAX + 1);
	return *n > SHU_PLAN_MAX ? STORE_E_OVERFLOW : 0;
}

static int
plan_encode(const struct shu_plan *p, uint32_t rules, struct entry *e)
{
	uint8_t		 room[ENTRY_MAXSIZE - 512];
	struct buf	 b;
	size_t		 i;
	int		 r = 0, j;

	buf_wrap(&b, room, sizeof room);
	r |= buf_put_u8(&b, SHU_PLAN_VERSION);
	r |= buf_put_varint(&b, (uint64_t)p->year);
	r |= buf_put_varint(&b, rules);
	r |= buf_put_varint(&b, (uint64_t)p->pool);
	r |= buf_put_varint(&b, (uint64_t)p->jma);
	r |= buf_put_varint(&b, (uint64_t)p->jua);
	r |= buf_put_varint(&b, (uint64_t)p->scap);
	r |= buf_put_varint(&b, (uint64_t)p->suse);
	r |= buf_put_varint(&b, (uint64_t)p->remainder);
	for (j = 0; j < SHU_NPART; j++)
		r |= buf_put_varint(&b, p->bp[j]);
	r |= buf_put_varint(&b, p->nbranch);
	for (i = 0; i < p->nbranch; i++) {
		r |= buf_put_str(&b, p->b[i].code);
		r |= buf_put_svarint(&b, p->b[i].shu);
		r |= buf_put_varint(&b, p->b[i].members);
		r |= buf_put_varint(&b, (uint64_t)p->b[i].shares);
		r |= buf_put(&b, p->b[i].hash, HASH_LEN);
	}
	if (r != 0)
		return STORE_E_OVERFLOW;
	return entry_add_field(e, F_SHU_PLAN, room, b.len);
}

static int
plan_decode(const struct entry *e, struct shu_plan *p, uint32_t *rules)
{
	const struct field	*f;
	struct buf		 b;
	uint64_t		 v[8], nb, bp;
	uint8_t			 ver;
	size_t			 i;
	int			 j;

	memset(p, 0, sizeof *p);
	if ((f = entry_field(e, F_SHU_PLAN)) == NULL)
		return STORE_E_INVAL;
	buf_from(&b, f->val, f->len);
	if (buf_get_u8(&b, &ver) != 0 || ver != SHU_PLAN_VERSION)
		return STORE_E_CORRUPT;
	for (j = 0; j < 8; j++)
		if (buf_get_varint(&b, &v[j]) != 0)
			return STORE_E_CORRUPT;
	for (j = 2; j < 8; j++)
		if (v[j] > (uint64_t)INT64_MAX)
			return STORE_E_CORRUPT;
	if (v[0] < 1970 || v[0] > 9999 || v[1] > 0xf)
		return STORE_E_CORRUPT;
	p->year = (int)v[0];
	*rules = (uint32_t)v[1];
	p->pool = (int64_t)v[2];
	p->jma = (int64_t)v[3];
	p->jua = (int64_t)v[4];
	p->scap = (int64_t)v[5];
	p->suse = (int64_t)v[6];
	p->remainder = (int64_t)v[7];
	if (v[2] > (uint64_t)AMOUNT_MAX)
		return STORE_E_CORRUPT;
	for (j = 0; j < SHU_NPART; j++) {
		if (buf_get_varint(&b, &bp) != 0 || bp > 10000)
			return STORE_E_CORRUPT;
		p->bp[j] = (uint32_t)bp;
	}
	if (buf_get_varint(&b, &nb) != 0 || nb == 0 || nb > SHU_PLAN_MAX)
		return STORE_E_CORRUPT;
	p->nbranch = nb;
	for (i = 0; i < nb; i++) {
		if (buf_get_str(&b, p->b[i].code, sizeof p->b[i].code) != 0 ||
		    buf_get_svarint(&b, &p->b[i].shu) != 0 ||
		    buf_get_varint(&b, &p->b[i].members) != 0 ||
		    buf_get_varint(&b, &v[0]) != 0 ||
		    v[0] > (uint64_t)AMOUNT_MAX ||
		    buf_get(&b, p->b[i].hash, HASH_LEN) != 0)
			return STORE_E_CORRUPT;
		p->b[i].shares = (int64_t)v[0];
	}
	return buf_left(&b) != 0 ? STORE_E_CORRUPT : 0;
}

/*
 * The head office hq's plan for year, as this box holds it: *seq its
 * entry.  Returns 0, STORE_E_SHUNOPLAN (none yet), or an error.
 */
static int
plan_read(struct store_txn *t, const char *hq, int year, uint64_t *seq,
    struct shu_plan *p, uint32_t *rules)
{
	struct entry	*e;
	char		 name[32];
	int		 r;

	plan_counter(name, sizeof name, year);
	if ((r = counter_get(t, hq, name, seq)) != 0)
		return r;
	if (*seq == 0)
		return STORE_E_SHUNOPLAN;
	if ((e = malloc(sizeof *e)) == NULL)
		return ENOMEM;
	if ((r = journal_get(t, hq, *seq, e)) == 0)
		r = plan_decode(e, p, rules);
	free(e);
	return r;
}

int
shu_plan_get(struct store_txn *t, const char *hq, int year, uint64_t *seq,
    struct shu_plan *p)
{
	uint32_t	 rules;

	return plan_read(t, hq, year, seq, p, &rules);
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

/* The year's SHU of one branch: its close's, or its running figure. */
static int
branch_pool(struct store_txn *t, const char *branch, int year, uint32_t asof,
    int *closed, int64_t *pool)
{
	struct pool_ctx	 pc = { t, branch, asof, 0 };
	int		 r;

	if ((r = year_closed(t, branch, year, closed, pool)) != 0 || *closed)
		return r;
	if ((r = account_walk_gl(t, branch, pool_add, &pc)) != 0)
		return r;
	*pool = pc.pool;
	return 0;
}

/*
 * The year's SHU on branch: from its closing entries once it is closed,
 * else income less expense not yet closed at the end of asof (or of the
 * year's last day, if earlier).  The split is made when the pool is not
 * a loss (est->error STORE_E_AMOUNT otherwise).  At the head office of
 * several branches, the cooperative's: every branch's pool, closed when
 * every branch is.  At a branch the head office's plan has reached, the
 * plan's.
 */
int
shu_estimate(struct store_txn *t, const char *branch, int year,
    uint32_t asof, struct shu_estimate *est)
{
	uint32_t	 last = date_from_ymd(year, 12, 31);
	struct branch	*bs = NULL;
	struct shu_plan	*plan = NULL;
	uint64_t	 posted;
	char		 name[32];
	int		 i, r, closed;
	size_t		 nb, k;
	int64_t		 pool;
	struct branch	 b;

	memset(est, 0, sizeof *est);
	est->year = year;
	if ((r = branch_get(t, branch, &b)) != 0)
		return r;
	est->asof = asof == 0 || asof > last ? last : asof;
	if ((r = shu_branches(t, &bs, &nb, est->hq)) != 0)
		goto out;
	if ((r = branch_pool(t, branch, year, est->asof, &closed,
	    &est->pool)) != 0)
		goto out;
	est->closed = closed;
	post_counter(name, sizeof name, year);
	if ((r = counter_get(t, branch, name, &posted)) != 0)
		goto out;
	est->posted = posted != 0;
	est->rules = shu_rules(t, branch);
	for (i = 0; i < SHU_NPART; i++)
		est->bp[i] = (uint32_t)savings_setting(t, branch,
		    part_setting[i]);
	if (strcmp(est->hq, branch) == 0 && nb > 1) {
		/* The head office: the cooperative's. */
		est->coop = (int)nb;
		est->pool = 0;
		for (k = 0; k < nb; k++) {
			if ((r = branch_pool(t, bs[k].code, year, est->asof,
			    &closed, &pool)) != 0)
				goto out;
			est->closed &= closed;
			est->pool += pool;
		}
		plan_counter(name, sizeof name, year);
		if ((r = counter_get(t, branch, name, &est->plan_seq)) != 0)
			goto out;
		est->posted = est->plan_seq != 0;
	} else if (est->hq[0] != '\0' && strcmp(est->hq, branch) != 0) {
		/* A branch: the head office's plan, once it is here. */
		if ((plan = malloc(sizeof *plan)) == NULL) {
			r = ENOMEM;
			goto out;
		}
		r = plan_read(t, est->hq, year, &est->plan_seq, plan,
		    &est->rules);
		if (r == STORE_E_SHUNOPLAN) {
			est->rules = shu_rules(t, branch);
			r = 0;
		} else if (r != 0)
			goto out;
		else {
			est->planned = 1;
			est->pool = plan->pool;
			memcpy(est->bp, plan->bp, sizeof est->bp);
			est->scap = plan->scap;
			est->suse = plan->suse;
			est->remainder = plan->remainder;
		}
	}
	est->error = shu_split(est->pool, est->bp, est->part);
	if (est->error == 0 && est->planned) {
		est->jma = plan->jma;
		est->jua = plan->jua;
	} else if (est->error == 0) {
		est->jma = est->part[SHU_MEMBERS] / 100 *
		    savings_setting(t, branch, "shu.jma_bp") / 10000 * 100;
		est->jua = est->part[SHU_MEMBERS] - est->jma;
	}
	r = 0;
out:
	free(plan);
	free(bs);
	return r;
}

struct scan_ctx {
	uint32_t	 from, to;
	struct entry	*e;
	const char	*branch;
	int		(*fn)(void *, const struct entry *);
	void		*arg;
};

static int
scan_one(void *arg, uint64_t seq, const uint8_t *data, size_t len)
{
	struct scan_ctx	*c = arg;
	uint16_t	 kind;
	uint32_t	 date;
	int		 r;

	if ((r = entry_peek(data, len, &kind, &date)) != 0)
		return r;
	if (date > c->to)
		return STORE_ABORT;	/* the journal is in date order */
	if (date < c->from || (kind != EK_LOAN_REPAY && kind != EK_INTEREST))
		return 0;
	if ((r = entry_decode(c->e, data, len)) != 0)
		return r;
	str_copy(c->e->branch, c->branch, sizeof c->e->branch);
	c->e->seq = seq;
	return c->fn(c->arg, c->e);
}

/*
 * The loan repayments and interest entries of a branch dated from..to,
 * in order, to fn: a binary search for the first, then one cursor walk
 * that decodes only those two kinds.
 */
static int
scan_entries(struct store_txn *t, const char *branch, uint32_t from,
    uint32_t to, int (*fn)(void *, const struct entry *), void *arg)
{
	struct scan_ctx	 sc;
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
	sc.from = from;
	sc.to = to;
	sc.e = e;
	sc.branch = branch;
	sc.fn = fn;
	sc.arg = arg;
	r = lo < b.next_seq ? journal_walk_raw(t, branch, lo, scan_one, &sc) :
	    0;
	if (r == STORE_ABORT)
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

struct cap_ctx {
	int64_t		*cap;
	uint64_t	 n;
	int		 sign;
};

static int
cap_add(void *arg, uint64_t sub, int64_t dr, int64_t cr)
{
	struct cap_ctx	*c = arg;

	if (sub >= 1 && sub <= c->n)
		c->cap[sub] += c->sign * (cr - dr);
	return 0;
}

/* Every member's capital at the end of day (pokok, wajib, sukarela). */
static int
capital_all(struct store_txn *t, const char *branch, uint64_t n, uint32_t day,
    int sukarela, int64_t *cap)
{
	static const uint32_t	 gls[3] = { GL_POKOK, GL_WAJIB, GL_SUKARELA };
	struct cap_ctx		 c = { cap, n, 1 };
	int			 i, r;

	for (i = 0; i < (sukarela ? 3 : 2); i++)
		if ((r = account_totals_walk(t, branch, gls[i], day, cap_add,
		    &c)) != 0)
			return r;
	return 0;
}

struct in_ctx {
	uint8_t		*in;
	uint64_t	 n;
	uint32_t	 first, asof;
	int		 leavers;
};

static int
member_in(void *arg, const struct member *mb)
{
	struct in_ctx	*c = arg;

	if (mb->number < 1 || mb->number > c->n)
		return 0;
	c->in[mb->number] = !(mb->joined > c->asof ||
	    (mb->left != 0 && mb->left < c->first) ||
	    (mb->left != 0 && mb->left <= c->asof && !c->leavers));
	return 0;
}

/*
 * Each member of branch's capital and usage for est's year, by est's
 * rules, in member number order (*out, *nout; free(3) it).  Members who
 * joined after the year, or left before it, are left out; those who
 * left in it too, unless the rules say they share.
 */
static int
members_read(struct store_txn *t, const char *branch,
    const struct shu_estimate *est, struct shu_member **out, size_t *nout)
{
	struct usage_ctx	 uc;
	struct in_ctx		 ic;
	struct shu_member	*m = NULL;
	int64_t			*cap = NULL, *sum = NULL;
	uint8_t			*in = NULL;
	uint64_t		 count, k;
	uint32_t		 first = date_from_ymd(est->year, 1, 1), day;
	int			 sukarela, average, r, mo, nmo = 0;
	size_t			 n = 0;

	*out = NULL;
	*nout = 0;
	if ((r = counter_get(t, branch, "member", &count)) != 0)
		return r;
	if ((m = calloc(count + 1, sizeof *m)) == NULL ||
	    (cap = calloc(count + 1, sizeof *cap)) == NULL ||
	    (in = calloc(count + 1, 1)) == NULL) {
		r = ENOMEM;
		goto out;
	}
	uc.m = m;
	uc.n = count + 1;
	uc.savings = (est->rules & SHU_R_SAVINGS) != 0;
	if ((r = scan_entries(t, branch, first, est->asof, usage_entry,
	    &uc)) != 0)
		goto out;
	ic.in = in;
	ic.n = count;
	ic.first = first;
	ic.asof = est->asof;
	ic.leavers = (est->rules & SHU_R_LEAVERS) != 0;
	if ((r = member_list(t, branch, member_in, &ic)) != 0)
		goto out;
	sukarela = (est->rules & SHU_R_SUKARELA) != 0;
	average = (est->rules & SHU_R_AVERAGE) != 0;
	if (average) {
		if ((sum = calloc(count + 1, sizeof *sum)) == NULL) {
			r = ENOMEM;
			goto out;
		}
		for (mo = 1; mo <= 12; mo++) {
			day = date_month_end(date_from_ymd(est->year, mo, 1));
			if (day > est->asof)
				break;
			memset(cap, 0, (count + 1) * sizeof *cap);
			if ((r = capital_all(t, branch, count, day, sukarela,
			    cap)) != 0)
				goto out;
			for (k = 1; k <= count; k++)
				sum[k] += cap[k];
			nmo++;
		}
		for (k = 1; k <= count; k++)
			cap[k] = nmo ? sum[k] / nmo : 0;
	} else if ((r = capital_all(t, branch, count, est->asof, sukarela,
	    cap)) != 0)
		goto out;
	for (k = 1; k <= count; k++) {
		if (!in[k])
			continue;
		m[n].member = k;
		str_copy(m[n].branch, branch, sizeof m[n].branch);
		m[n].capital = cap[k] < 0 ? 0 : cap[k];
		m[n].usage = m[k].usage < 0 ? 0 : m[k].usage;
		m[n].jma = m[n].jua = m[n].share = 0;
		n++;
	}
	*out = m;
	*nout = n;
	m = NULL;
out:
	free(sum);
	free(in);
	free(cap);
	free(m);
	return r;
}

/* Every branch's members here, in branch code then number order. */
static int
coop_members_read(struct store_txn *t, const struct shu_estimate *est,
    struct shu_member **out, size_t *nout)
{
	struct branch		*bs = NULL;
	struct shu_member	*all = NULL, *m = NULL, *np;
	char			 hq[BRANCH_MAX + 1];
	size_t			 nb, k, n, nall = 0;
	int			 r;

	*out = NULL;
	*nout = 0;
	if ((r = shu_branches(t, &bs, &nb, hq)) != 0)
		goto out;
	for (k = 0; k < nb; k++) {
		if ((r = members_read(t, bs[k].code, est, &m, &n)) != 0)
			goto out;
		if (n > 0) {
			if ((np = reallocarray(all, nall + n,
			    sizeof *all)) == NULL) {
				r = ENOMEM;
				goto out;
			}
			all = np;
			memcpy(all + nall, m, n * sizeof *m);
			nall += n;
		}
		free(m);
		m = NULL;
	}
	*out = all;
	*nout = nall;
	all = NULL;
out:
	free(m);
	free(all);
	free(bs);
	return r;
}

/*
 * Each member's capital, usage and share of est's split, in member
 * number order (*out, *n; free(3) it), and what rounding leaves over:
 * for est of the head office of several branches, every branch's
 * members (branch code, then number); for est of a branch the head
 * office's plan has reached, the branch's members against the plan's
 * totals, and the plan's remainder.
 */
int
shu_members(struct store_txn *t, const char *branch,
    const struct shu_estimate *est, struct shu_member **out, size_t *nout,
    int64_t *remainder)
{
	struct shu_member	*m = NULL;
	size_t			 n = 0;
	int64_t			 given;
	int			 r;

	*out = NULL;
	*nout = 0;
	*remainder = 0;
	if (est->coop)
		r = coop_members_read(t, est, &m, &n);
	else
		r = members_read(t, branch, est, &m, &n);
	if (r != 0)
		goto out;
	if (est->planned) {
		if ((r = shu_members_split_by(est->error ? 0 : est->jma,
		    est->error ? 0 : est->jua, est->scap, est->suse, m, n,
		    &given)) != 0)
			goto out;
		*remainder = est->remainder;
	} else if ((r = shu_members_split(est->error ? 0 : est->jma,
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
	uint64_t		 ref;	/* the plan's entry; 0: none */
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

static int
shu_entry(struct post_ctx *c, struct entry *e)
{
	int	 r;

	entry_init(e);
	str_copy(e->branch, c->branch, sizeof e->branch);
	str_copy(e->user, c->user, sizeof e->user);
	e->kind = EK_SHU_POST;
	e->time = c->now;
	if ((r = entry_add_u64(e, F_DATE, date_from_ymd(c->year, 12,
	    31))) != 0)
		return r;
	return c->ref != 0 ? entry_add_u64(e, F_SHU_REF, c->ref) : 0;
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
		if ((r = shu_flush(t, c, *sum)) != 0 ||
		    (r = shu_entry(c, e)) != 0)
			return r;
		*sum = 0;
	}
	e->post[e->npost++] = (struct posting){ gl, sub, -credit };
	*sum += credit;
	return 0;
}

/*
 * Each member's share of m[n], the tax withheld at shu.tax_bp: the rest
 * to their sukarela (to SHU payable if shu.payable is set or the account
 * is closed), the tax to tax payable; counted in c->rep.
 */
static int
shu_add_shares(struct store_txn *t, struct post_ctx *c, int64_t *sum,
    const struct shu_member *m, size_t n)
{
	struct shu_post_report	*rep = c->rep;
	struct account		 a;
	int64_t			 tax, net, tax_bp;
	size_t			 i;
	int			 payable, r;

	tax_bp = savings_setting(t, c->branch, "shu.tax_bp");
	payable = savings_setting(t, c->branch, "shu.payable") != 0;
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
			r = shu_add(t, c, sum, GL_SUKARELA, m[i].member, net);
		else
			r = shu_add(t, c, sum, GL_SHU_PAYABLE, 0, net);
		if (r != 0 || (r = shu_add(t, c, sum, GL_TAX_PAYABLE, 0,
		    tax)) != 0)
			return r;
	}
	return 0;
}

/* The inter-office account, opened by loket itself on first use. */
static int
interoffice_open(struct store_txn *t, const char *branch, int64_t now,
    struct entry *e)
{
	return account_open_system(t, branch, now, e, GL_INTEROFFICE,
	    "Rekening antar kantor", ACCT_LIABILITY);
}

/*
 * One branch's line of a plan from its members' shares m[0..n) (in
 * number order): how many share, their sum, the SHA-256 of the list.
 */
static int
plan_line(const struct shu_member *m, size_t n, struct shu_plan_branch *pb)
{
	EVP_MD_CTX	*md;
	uint8_t		 rec[16];
	unsigned int	 len;
	size_t		 i;
	int		 ok = 1;

	pb->members = 0;
	pb->shares = 0;
	if ((md = EVP_MD_CTX_new()) == NULL)
		return ENOMEM;
	ok = EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	for (i = 0; ok && i < n; i++) {
		if (m[i].share == 0)
			continue;
		pb->members++;
		pb->shares += m[i].share;
		be64_put(rec, m[i].member);
		be64_put(rec + 8, (uint64_t)m[i].share);
		ok = EVP_DigestUpdate(md, rec, sizeof rec);
	}
	if (ok)
		ok = EVP_DigestFinal_ex(md, pb->hash, &len);
	EVP_MD_CTX_free(md);
	return ok ? 0 : STORE_E_CORRUPT;
}

/*
 * A branch's half, the head office's own among them: its members'
 * shares from its own books against the plan's totals, posted only if
 * they are the plan's line for the branch; its 3401 emptied, what the
 * shares leave of it to the inter-office account.
 */
static int
branch_post(struct store_txn *t, struct post_ctx *c,
    const struct shu_estimate *est)
{
	struct shu_post_report	*rep = c->rep;
	struct shu_plan		*plan = NULL;
	struct shu_plan_branch	 mine, *pb = NULL;
	struct shu_estimate	 own;
	struct shu_member	*m = NULL;
	uint64_t		 seq, posted;
	uint32_t		 rules;
	char			 name[32];
	size_t			 n, i;
	int64_t			 shu, sum = 0, given;
	int			 closed, r;

	memset(rep, 0, sizeof *rep);
	if ((r = year_closed(t, c->branch, c->year, &closed, &shu)) != 0)
		return r;
	if (!closed)
		return STORE_E_SHUOPEN;
	post_counter(name, sizeof name, c->year);
	if ((r = counter_get(t, c->branch, name, &posted)) != 0)
		return r;
	if (posted != 0)
		return STORE_E_SHUPOSTED;
	if ((plan = malloc(sizeof *plan)) == NULL)
		return ENOMEM;
	if ((r = plan_read(t, est->hq, c->year, &seq, plan, &rules)) != 0)
		goto out;
	for (i = 0; i < plan->nbranch; i++)
		if (strcmp(plan->b[i].code, c->branch) == 0)
			pb = &plan->b[i];
	if (pb == NULL || pb->shu != shu) {
		r = STORE_E_SHUPLAN;
		goto out;
	}
	own = *est;
	own.asof = date_from_ymd(c->year, 12, 31);
	own.rules = rules;
	own.coop = 0;
	if ((r = members_read(t, c->branch, &own, &m, &n)) != 0 ||
	    (r = shu_members_split_by(plan->jma, plan->jua, plan->scap,
	    plan->suse, m, n, &given)) != 0 ||
	    (r = plan_line(m, n, &mine)) != 0)
		goto out;
	if (mine.members != pb->members || mine.shares != pb->shares ||
	    memcmp(mine.hash, pb->hash, HASH_LEN) != 0) {
		r = STORE_E_SHUPLAN;
		goto out;
	}
	if ((r = interoffice_open(t, c->branch, c->now, c->e)) != 0)
		goto out;
	c->ref = seq;
	if ((r = shu_entry(c, c->e)) != 0)
		goto out;
	if ((r = shu_add_shares(t, c, &sum, m, n)) != 0)
		goto out;
	/* What the shares leave of the branch's SHU goes to the head office. */
	if ((r = shu_add(t, c, &sum, GL_INTEROFFICE, 0, shu - given)) != 0)
		goto out;
	rep->pool = shu;
	rep->part[SHU_MEMBERS] = rep->shares;
	if (c->e->npost == 0) {
		/* Nothing to move: an entry with no postings marks it done. */
		c->e->post[c->e->npost++] = (struct posting){ GL_SHU, 0, 0 };
	}
	r = shu_flush(t, c, sum);
out:
	free(m);
	free(plan);
	return r;
}

/*
 * The head office of several branches decides the cooperative's split
 * (one EK_SHU_PLAN entry: the reserve with the remainder and the funds,
 * against the inter-office account), then posts its own members' half.
 */
static int
coop_post(struct store_txn *t, struct post_ctx *c,
    const struct shu_estimate *est)
{
	struct shu_post_report	*rep = c->rep;
	struct shu_post_report	 own;
	struct shu_plan		*plan = NULL;
	struct shu_member	*m = NULL;
	struct branch		*bs = NULL;
	struct entry		*e = c->e;
	char			 hq[BRANCH_MAX + 1];
	size_t			 n, nb, i, k, from;
	int64_t			 rem, sum = 0, v;
	int			 closed, j, r;

	memset(rep, 0, sizeof *rep);
	if (est->posted)
		return STORE_E_SHUPOSTED;
	if ((r = shu_branches(t, &bs, &nb, hq)) != 0)
		goto out;
	if ((plan = calloc(1, sizeof *plan)) == NULL) {
		r = ENOMEM;
		goto out;
	}
	for (k = 0; k < nb; k++) {
		str_copy(plan->b[k].code, bs[k].code, sizeof plan->b[k].code);
		if ((r = year_closed(t, bs[k].code, c->year, &closed,
		    &plan->b[k].shu)) != 0)
			goto out;
		if (!closed) {
			r = strcmp(bs[k].code, c->branch) == 0 ?
			    STORE_E_SHUOPEN : STORE_E_SHUBRANCH;
			goto out;
		}
	}
	if (est->error != 0) {
		r = est->error;
		goto out;
	}
	if ((r = shu_members(t, c->branch, est, &m, &n, &rem)) != 0)
		goto out;
	plan->year = c->year;
	plan->nbranch = nb;
	plan->pool = est->pool;
	plan->jma = est->jma;
	plan->jua = est->jua;
	plan->remainder = rem;
	memcpy(plan->bp, est->bp, sizeof plan->bp);
	for (i = 0; i < n; i++) {
		plan->scap += m[i].capital;
		plan->suse += m[i].usage;
	}
	for (k = 0, i = 0; k < nb; k++) {
		for (from = i; i < n && strcmp(m[i].branch,
		    bs[k].code) == 0; i++)
			;
		if ((r = plan_line(m + from, i - from, &plan->b[k])) != 0)
			goto out;
		rep->members += plan->b[k].members;
		rep->shares += plan->b[k].shares;
	}
	if ((r = interoffice_open(t, c->branch, c->now, e)) != 0)
		goto out;
	entry_init(e);
	str_copy(e->branch, c->branch, sizeof e->branch);
	str_copy(e->user, c->user, sizeof e->user);
	e->kind = EK_SHU_PLAN;
	e->time = c->now;
	if ((r = entry_add_u64(e, F_DATE, date_from_ymd(c->year, 12,
	    31))) != 0 || (r = plan_encode(plan, est->rules, e)) != 0)
		goto out;
	for (j = 0; j < SHU_NPART; j++) {
		if (j == SHU_MEMBERS)
			continue;
		v = est->part[j] + (j == SHU_RESERVE ? rem : 0);
		rep->part[j] = v;
		if (v == 0)
			continue;
		e->post[e->npost++] = (struct posting){ part_gl[j], 0, -v };
		sum += v;
	}
	if (sum != 0)
		e->post[e->npost++] = (struct posting){ GL_INTEROFFICE, 0,
		    sum };
	else
		e->post[e->npost++] = (struct posting){ GL_INTEROFFICE, 0, 0 };
	if ((r = post_internal(t, e)) != 0)
		goto out;
	rep->entries = 1;
	rep->branches = nb;
	rep->pool = est->pool;
	rep->part[SHU_MEMBERS] = rep->shares;
	/* The head office's own members, as any branch's. */
	c->rep = &own;
	r = branch_post(t, c, est);
	c->rep = rep;
	if (r == 0)
		rep->entries += own.entries;
out:
	free(m);
	free(plan);
	free(bs);
	return r;
}

static int
shu_post_run(struct store_txn *t, void *arg)
{
	struct post_ctx		*c = arg;
	struct shu_post_report	*rep = c->rep;
	struct shu_estimate	 est;
	struct shu_member	*m = NULL;
	struct branch		 b;
	size_t			 n;
	int64_t			 rem, sum = 0;
	int			 j, r;

	memset(rep, 0, sizeof *rep);
	if ((r = branch_get(t, c->branch, &b)) != 0)
		return r;
	if ((r = shu_estimate(t, c->branch, c->year, 0, &est)) != 0)
		return r;
	if (est.coop)
		return coop_post(t, c, &est);
	if (est.planned)
		return branch_post(t, c, &est);
	/* A branch of a cooperative waits for its head office's plan. */
	if (est.hq[0] != '\0' && strcmp(est.hq, c->branch) != 0)
		return est.closed ? STORE_E_SHUNOPLAN : STORE_E_SHUOPEN;
	if (!est.closed)
		return STORE_E_SHUOPEN;
	if (est.posted)
		return STORE_E_SHUPOSTED;
	if (est.error != 0)
		return est.error;
	if ((r = shu_members(t, c->branch, &est, &m, &n, &rem)) != 0)
		return r;
	if ((r = shu_entry(c, c->e)) != 0)
		goto out;
	for (j = 0; j < SHU_NPART; j++) {
		int64_t v = est.part[j] + (j == SHU_RESERVE ? rem : 0);

		if (j == SHU_MEMBERS)
			continue;
		if ((r = shu_add(t, c, &sum, part_gl[j], 0, v)) != 0)
			goto out;
		rep->part[j] = v;
	}
	if ((r = shu_add_shares(t, c, &sum, m, n)) != 0)
		goto out;
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

	memset(&c, 0, sizeof c);
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

struct pending_ctx {
	struct post_ctx		 pc;
	int			*year;
};

static int
shu_pending_run(struct store_txn *t, void *arg)
{
	struct pending_ctx	*p = arg;
	struct shu_estimate	 est;
	uint32_t		 through;
	int			 y, m, d, r;

	*p->year = 0;
	if ((through = year_closed_through(t, p->pc.branch)) == 0)
		return 0;
	date_to_ymd(through, &y, &m, &d);
	if ((r = shu_estimate(t, p->pc.branch, y, 0, &est)) != 0)
		return r;
	if (!est.planned || est.posted)
		return 0;
	p->pc.year = y;
	if ((r = branch_post(t, &p->pc, &est)) != 0)
		return r;
	*p->year = y;
	return 0;
}

/*
 * At a branch, after a sync: the last closed year's shares, by loket
 * itself, once the head office's plan for it is here and they are not
 * posted yet.  *year gets the year posted, or 0 for nothing to do.
 * Returns 0, STORE_E_SHUPLAN (the branch's figures are not the plan's:
 * nothing is written), or an error.
 */
int
store_shu_post_pending(struct store *st, const char *branch, int64_t when,
    int *year, struct shu_post_report *rep)
{
	struct pending_ctx	 p;
	int			 r;

	memset(&p, 0, sizeof p);
	p.pc.branch = branch;
	p.pc.user = LOGIN_SYSTEM;
	p.pc.now = when;
	p.pc.rep = rep;
	p.year = year;
	memset(rep, 0, sizeof *rep);
	if ((p.pc.e = malloc(sizeof *p.pc.e)) == NULL)
		return ENOMEM;
	r = store_write(st, shu_pending_run, &p);
	free(p.pc.e);
	if (r != 0)
		*year = 0;
	return r;
}

static int
shu_post_apply(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	uint64_t	 prev;
	char		 name[32];
	int		 y, r;
	int64_t		 shu;
	uint16_t	 i;

	(void)c;
	if ((r = entry_closed_year(t, e, &y, &shu)) != 0)
		return r;
	/* Posted once: this entry starts it, or follows the last one. */
	post_counter(name, sizeof name, y);
	if ((r = counter_get(t, e->branch, name, &prev)) != 0)
		return r;
	if (prev != 0 && prev != e->seq - 1)
		return STORE_E_SHUPOSTED;
	/* A branch's half of a cooperative's split (see the top). */
	if (entry_field(e, F_SHU_REF) != NULL) {
		for (i = 0; i < e->npost; i++) {
			const struct posting *p = &e->post[i];

			if ((p->gl == GL_SHU || p->gl == GL_INTEROFFICE) &&
			    p->sub == 0)
				continue;
			if (p->amount > 0)
				return STORE_E_INVAL;
			if (p->sub != 0 && p->gl != GL_SUKARELA)
				return STORE_E_INVAL;
			if (p->gl != GL_SUKARELA && p->gl != GL_SHU_PAYABLE &&
			    p->gl != GL_TAX_PAYABLE)
				return STORE_E_INVAL;
		}
		return 0;
	}
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
	(void)c;
	return entry_year_counter_put(t, e, post_counter);
}

const struct entry_kind ek_shu_post = {
	.kind = EK_SHU_POST,
	.name = "shu-post",
	.title = N_("SHU divided"),
	.roles = ROLE_MANAGER | ROLE_SYSTEM,
	.flags = KF_POST,
	.fields = FIELD(F_DATE) | FIELD(F_SHU_REF),
	.required = FIELD(F_DATE),
	.apply = shu_post_apply,
	.after = shu_post_after,
};

/*
 * The head office's plan: only the head office's own journal, once its
 * own year is closed, once a year; its postings are the plan's reserve
 * (with the remainder) and funds, against the inter-office account; the
 * plan adds up (its branches' SHU to the pool, their shares and the
 * remainder to the members' part).
 */
static int
shu_plan_apply(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	struct shu_plan	*p;
	uint64_t	 prev;
	uint32_t	 rules;
	char		 name[32];
	int64_t		 part[SHU_NPART], want[ENTRY_MAXPOST], shu, sum;
	int		 y, j, r;
	uint16_t	 i;
	size_t		 k;

	if (!(c->branch.flags & BRANCH_F_HEAD))
		return STORE_E_BRANCH;
	if ((r = entry_closed_year(t, e, &y, &shu)) != 0)
		return r;
	plan_counter(name, sizeof name, y);
	if ((r = counter_get(t, e->branch, name, &prev)) != 0)
		return r;
	if (prev != 0)
		return STORE_E_SHUPOSTED;
	if ((p = malloc(sizeof *p)) == NULL)
		return ENOMEM;
	if ((r = plan_decode(e, p, &rules)) != 0)
		goto out;
	r = STORE_E_INVAL;
	if (p->year != y || shu_split(p->pool, p->bp, part) != 0 ||
	    p->jma + p->jua != part[SHU_MEMBERS])
		goto out;
	for (sum = 0, k = 0; k < p->nbranch; k++)
		sum += p->b[k].shu;
	if (sum != p->pool)
		goto out;
	for (sum = p->remainder, k = 0; k < p->nbranch; k++)
		sum += p->b[k].shares;
	if (sum != p->jma + p->jua)
		goto out;
	/* The postings: each part once, the inter-office account their sum. */
	memset(want, 0, sizeof want);
	for (sum = 0, i = 0; i < e->npost; i++) {
		const struct posting *q = &e->post[i];

		if (q->sub != 0)
			goto out;
		if (q->gl == GL_INTEROFFICE) {
			sum += q->amount;
			continue;
		}
		for (j = 0; j < SHU_NPART; j++)
			if (j != SHU_MEMBERS && q->gl == part_gl[j])
				break;
		if (j == SHU_NPART)
			goto out;
		want[j] -= q->amount;
	}
	for (j = 0; j < SHU_NPART; j++)
		if (j != SHU_MEMBERS && want[j] != part[j] +
		    (j == SHU_RESERVE ? p->remainder : 0))
			goto out;
	r = 0;
out:
	free(p);
	return r;
}

static int
shu_plan_after(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	(void)c;
	return entry_year_counter_put(t, e, plan_counter);
}

const struct entry_kind ek_shu_plan = {
	.kind = EK_SHU_PLAN,
	.name = "shu-plan",
	.title = N_("SHU of the cooperative decided"),
	.roles = ROLE_MANAGER,
	.flags = KF_POST,
	.fields = FIELD(F_DATE) | FIELD(F_SHU_PLAN),
	.required = FIELD(F_DATE) | FIELD(F_SHU_PLAN),
	.apply = shu_plan_apply,
	.after = shu_plan_after,
};

/*
 * A branch's members' capital (the control accounts) and the loan
 * interest paid to it in the year (4101 less 1202's movement, the
 * closing entries added back), at the end of asof.
 */
static int
est_totals(struct store_txn *t, const char *branch, uint32_t first,
    uint32_t asof, int sukarela, int64_t *scap, int64_t *suse)
{
	struct account	 a;
	int64_t		 d, c, bal, back;
	uint32_t	 gl;
	int		 r;

	*scap = *suse = 0;
	for (gl = GL_SUKARELA; gl <= GL_WAJIB; gl++) {
		if (gl != GL_POKOK && gl != GL_WAJIB &&
		    (gl != GL_SUKARELA || !sukarela))
			continue;
		if ((r = account_balance_at(t, branch, gl, 0, asof,
		    &bal)) != 0)
			return r;
		*scap -= bal;
	}
	if ((r = account_movement(t, branch, GL_LOAN_INT, 0, first, asof,
	    &d, &c)) != 0)
		return r;
	*suse = c - d;
	if ((r = account_movement(t, branch, GL_LOAN_INT_RCV, 0, first,
	    asof, &d, &c)) != 0)
		return r;
	*suse -= d - c;
	if (account_get(t, branch, GL_LOAN_INT, 0, &a) == 0) {
		if ((r = closed_back_range(t, branch, &a, first, asof,
		    &back)) != 0)
			return r;
		*suse += back;
	}
	return 0;
}

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
	struct branch		*bs = NULL;
	uint64_t		*seqs = NULL;
	int64_t			 scap = 0, suse = 0, d, c;
	char			 hq[BRANCH_MAX + 1];
	size_t			 k, got, nb;
	int			 y, mo, dd, r, sukarela, savings;
	uint32_t		 first;
	uint16_t		 i;

	memset(out, 0, sizeof *out);
	out->member = n;
	date_to_ymd(asof, &y, &mo, &dd);
	first = date_from_ymd(y, 1, 1);
	if ((r = shu_estimate(t, branch, y, asof, &est)) != 0)
		return r;
	sukarela = (est.rules & SHU_R_SUKARELA) != 0;
	savings = (est.rules & SHU_R_SAVINGS) != 0;
	if ((r = capital_of(t, branch, n, est.asof, sukarela,
	    &out->capital)) != 0)
		return r;
	if (est.planned) {
		/* The head office's plan: the cooperative's own totals. */
		scap = est.scap;
		suse = est.suse;
	} else if (est.coop) {
		if ((r = shu_branches(t, &bs, &nb, hq)) != 0)
			goto out;
		for (k = 0; k < nb; k++) {
			if ((r = est_totals(t, bs[k].code, first, est.asof,
			    sukarela, &d, &c)) != 0)
				goto out;
			scap += d;
			suse += c;
		}
	} else if ((r = est_totals(t, branch, first, est.asof, sukarela,
	    &scap, &suse)) != 0)
		goto out;
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
	free(bs);
	free(seqs);
	free(e);
	return r;
}
