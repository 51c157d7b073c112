/*
 * store/accrual.c: what end of day posts at each month's end for the
 * loans (domain.md, "Financial statements", the accrual rule, and
 * "Loans", the provisions), and the loan portfolio by class.
 *
 * Interest accrual (EK_ACCRUAL): loan interest is earned when its
 * instalment falls due.  What is earned and not yet paid is held in
 * 1202 (pendapatan jasa yang masih harus diterima) while the loan is at
 * most 90 days past due; past 90 days it stops accruing and its accrual
 * is reversed, and it accrues again once it is 90 days or less late.
 * Each month end brings 1202 to the sum over the loans, against loan
 * interest income 4101: interest paid in the month, which repayments
 * credit to 4101, comes off the receivable then (the reversal of what
 * was accrued for it), as does a loan that stopped accruing.
 *
 * Provision (EK_PROVISION): the allowance 1209 is brought to what the
 * classes require (loan_status()'s provision: PEARLS by default), against
 * its expense 5202.  The entry records the portfolio by class in its
 * F_PORTFOLIO field, so that a past month end's portfolio is read from
 * it; any other past day's is rebuilt from the journal, loan by loan
 * (loan_status_at()), and agrees with the record where both exist.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

#define PORTFOLIO_VERSION	1

struct pf_ctx {
	struct store_txn	*t;
	const char		*branch;
	uint32_t		 date;
	int			 past;	/* before the business date */
	struct portfolio	*p;
};

static int
pf_loan(void *arg, const struct loan *l)
{
	struct pf_ctx		*c = arg;
	struct portfolio	*p = c->p;
	struct loan_status	 s;
	int			 r;

	if (c->past) {
		/* As it stood then, from the journal (loan_status_at()). */
		r = loan_status_past(c->t, c->branch, l, c->date, &s);
		if (r == STORE_E_LOANSTATE)
			return 0;
	} else if (l->state != LOAN_ACTIVE)
		return 0;
	else
		r = loan_status(c->t, c->branch, l->number, c->date, &s);
	if (r != 0)
		return r;
	if (s.klass < LOAN_LANCAR || s.klass > LOAN_MACET)
		return STORE_E_CORRUPT;
	p->count[s.klass]++;
	p->outstanding[s.klass] += s.outstanding;
	p->required[s.klass] += s.provision;
	if (s.dpd > 30)
		p->par30 += s.outstanding;
	if (s.dpd <= LOAN_ACCRUE_MAX_DPD)
		p->accrued += s.interest_due;
	return 0;
}

static void
pf_totals(struct portfolio *p)
{
	int	 k;

	p->total = p->total_required = p->npl = 0;
	for (k = LOAN_LANCAR; k <= LOAN_MACET; k++) {
		p->total += p->outstanding[k];
		p->total_required += p->required[k];
		if (k >= LOAN_KURANG)
			p->npl += p->outstanding[k];
	}
	p->npl_bp = p->total == 0 ? 0 :
	    (uint32_t)((__int128)p->npl * 10000 / p->total);
	p->par_bp = p->total == 0 ? 0 :
	    (uint32_t)((__int128)p->par30 * 10000 / p->total);
}

/*
 * The portfolio of one branch as loan_status() has it on date, or on a
 * past date (past) as loan_status_at() rebuilds it from the journal.
 */
static int
pf_live(struct store_txn *t, const char *branch, uint32_t date, int past,
    struct portfolio *p)
{
	struct pf_ctx	 c;

	c.t = t;
	c.branch = branch;
	c.date = date;
	c.past = past;
	c.p = p;
	if (past)
		p->rebuilt = 1;
	return loan_list(t, branch, 0, pf_loan, &c);
}

static int
pf_encode(const struct portfolio *p, struct entry *e)
{
	uint8_t		 room[512];
	struct buf	 b;
	int		 k, r = 0;

	buf_wrap(&b, room, sizeof room);
	r |= buf_put_u8(&b, PORTFOLIO_VERSION);
	for (k = LOAN_LANCAR; k <= LOAN_MACET; k++) {
		r |= buf_put_varint(&b, p->count[k]);
		r |= buf_put_varint(&b, (uint64_t)p->outstanding[k]);
		r |= buf_put_varint(&b, (uint64_t)p->required[k]);
	}
	r |= buf_put_varint(&b, (uint64_t)p->par30);
	r |= buf_put_varint(&b, (uint64_t)p->accrued);
	if (r != 0)
		return STORE_E_OVERFLOW;
	return entry_add_field(e, F_PORTFOLIO, room, b.len);
}

static int
pf_decode(const struct entry *e, struct portfolio *p)
{
	const struct field	*f;
	struct buf		 b;
	uint64_t		 v[3];
	uint8_t			 ver;
	int			 k;

	if ((f = entry_field(e, F_PORTFOLIO)) == NULL)
		return STORE_E_INVAL;
	buf_from(&b, f->val, f->len);
	if (buf_get_u8(&b, &ver) != 0 || ver != PORTFOLIO_VERSION)
		return STORE_E_CORRUPT;
	for (k = LOAN_LANCAR; k <= LOAN_MACET; k++) {
		if (buf_get_varint(&b, &v[0]) != 0 ||
		    buf_get_varint(&b, &v[1]) != 0 ||
		    buf_get_varint(&b, &v[2]) != 0 ||
		    v[1] > (uint64_t)AMOUNT_MAX || v[2] > (uint64_t)AMOUNT_MAX)
			return STORE_E_CORRUPT;
		p->count[k] += v[0];
		p->outstanding[k] += (int64_t)v[1];
		p->required[k] += (int64_t)v[2];
	}
	if (buf_get_varint(&b, &v[0]) != 0 || buf_get_varint(&b, &v[1]) != 0 ||
	    buf_left(&b) != 0 || v[0] > (uint64_t)AMOUNT_MAX ||
	    v[1] > (uint64_t)AMOUNT_MAX)
		return STORE_E_CORRUPT;
	p->par30 += (int64_t)v[0];
	p->accrued += (int64_t)v[1];
	return 0;
}

static void
provision_counter(char *name, size_t size, uint32_t date)
{
	int	 y, m, d;

	date_to_ymd(date, &y, &m, &d);
	snprintf(name, size, "provision.%04d%02d%02d", y, m, d);
}

struct pfb_ctx {
	struct store_txn	*t;
	uint32_t		 date;
	struct portfolio	*p;
	struct entry		*e;
	int			 rebuild;	/* never the month end's record */
};

static int
pf_branch(void *arg, const struct branch *b)
{
	struct pfb_ctx	*c = arg;
	char		 name[40];
	uint64_t	 seq;
	int64_t		 allow;
	int		 r;

	r = account_balance_at(c->t, b->code, GL_LOAN_ALLOW, 0, c->date,
	    &allow);
	if (r != 0 && r != STORE_E_ACCOUNT)
		return r;
	if (r == 0)
		c->p->booked += -allow;
	if (c->date >= b->date)
		return pf_live(c->t, b->code, b->date, 0, c->p);
	/* A past month end: what its provision entry recorded. */
	provision_counter(name, sizeof name, c->date);
	if (!c->rebuild &&
	    (r = counter_get(c->t, b->code, name, &seq)) != 0)
		return r;
	if (c->rebuild || seq == 0)
		return pf_live(c->t, b->code, c->date, 1, c->p);
	if ((r = journal_get(c->t, b->code, seq, c->e)) != 0)
		return r;
	c->p->recorded = 1;
	return pf_decode(c->e, c->p);
}

/*
 * The portfolio of a branch (NULL: every branch here) on date: the
 * business date (or later: as it stands), a past month end as its
 * provision entry recorded it, any other past day rebuilt from the
 * journal (pf_live(), loan_status_at()); portfolio_rebuild() rebuilds
 * a month end too.
 */
static int
pf_get(struct store_txn *t, const char *branch, uint32_t date, int rebuild,
    struct portfolio *p)
{
	struct pfb_ctx	 c;
	struct branch	 b;
	int		 r;

	memset(p, 0, sizeof *p);
	p->date = date;
	c.t = t;
	c.date = date;
	c.rebuild = rebuild;
	c.p = p;
	if ((c.e = malloc(sizeof *c.e)) == NULL)
		return ENOMEM;
	if (branch == NULL)
		r = branch_walk(t, pf_branch, &c);
	else if ((r = branch_get(t, branch, &b)) == 0)
		r = pf_branch(&c, &b);
	free(c.e);
	if (r == 0)
		pf_totals(p);
	return r;
}

int
portfolio_get(struct store_txn *t, const char *branch, uint32_t date,
    struct portfolio *p)
{
	return pf_get(t, branch, date, 0, p);
}

int
portfolio_rebuild(struct store_txn *t, const char *branch, uint32_t date,
    struct portfolio *p)
{
	return pf_get(t, branch, date, 1, p);
}

/* -- the month-end entries ------------------------------------------------- */

static void
me_entry(struct entry *e, const char *branch, uint16_t kind, int64_t now)
{
	entry_init(e);
	str_copy(e->branch, branch, sizeof e->branch);
	snprintf(e->user, sizeof e->user, "%s", LOGIN_SYSTEM);
	e->kind = kind;
	e->time = now;
}

/*
 * Inside end of day, on the month's last day, after the loans are aged:
 * the accrual and the provision entries, each posted when it moves
 * money, the provision's also when loans are outstanding (it records
 * the portfolio).
 */
int
accrual_month_end(struct store_txn *t, const char *branch, uint32_t date,
    int64_t now, struct entry *e, int64_t *accrued, int64_t *provided)
{
	struct portfolio	 p;
	int64_t			 held, allow, d;
	int			 r;

	*accrued = *provided = 0;
	memset(&p, 0, sizeof p);
	if ((r = pf_live(t, branch, date, 0, &p)) != 0)
		return r;
	pf_totals(&p);
	if ((r = account_balance_at(t, branch, GL_LOAN_INT_RCV, 0, date,
	    &held)) != 0 ||
	    (r = account_balance_at(t, branch, GL_LOAN_ALLOW, 0, date,
	    &allow)) != 0)
		return r;
	if ((d = p.accrued - held) != 0) {
		me_entry(e, branch, EK_ACCRUAL, now);
		if ((r = entry_add_u64(e, F_DATE, date)) != 0)
			return r;
		e->post[e->npost++] = (struct posting){ GL_LOAN_INT_RCV, 0, d };
		e->post[e->npost++] = (struct posting){ GL_LOAN_INT, 0, -d };
		if ((r = post_internal(t, e)) != 0)
			return r;
		*accrued = d;
	}
	d = p.total_required - (-allow);
	if (d != 0 || p.total != 0) {
		me_entry(e, branch, EK_PROVISION, now);
		if ((r = entry_add_u64(e, F_DATE, date)) != 0 ||
		    (r = pf_encode(&p, e)) != 0)
			return r;
		if (d != 0) {
			e->post[e->npost++] = (struct posting){ GL_PROVISION,
			    0, d };
			e->post[e->npost++] = (struct posting){ GL_LOAN_ALLOW,
			    0, -d };
		}
		if ((r = post_internal(t, e)) != 0)
			return r;
		*provided = d;
	}
	return 0;
}

/* Only the two accounts each kind names, and its date the day's. */
static int
month_end_check(const struct entry *e, const struct kind_ctx *c,
    uint32_t a, uint32_t b)
{
	uint64_t	 day;
	uint16_t	 i;
	int		 r;

	if ((r = entry_get_u64(e, F_DATE, &day)) != 0)
		return r;
	if (day != e->date || date_month_end((uint32_t)day) != day)
		return STORE_E_INVAL;
	(void)c;
	for (i = 0; i < e->npost; i++)
		if (e->post[i].sub != 0 ||
		    (e->post[i].gl != a && e->post[i].gl != b))
			return STORE_E_INVAL;
	return 0;
}

/*
 * The accrual reverses what loans past LOAN_ACCRUE_MAX_DPD accrued: an
 * imported loan's interest the old books accrued with it.
 */
static int
accrual_apply(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	int	 r;

	if ((r = month_end_check(e, c, GL_LOAN_INT_RCV, GL_LOAN_INT)) != 0)
		return r;
	return loan_accrued_reversed(t, e->branch, e->date);
}

static int
provision_apply(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	struct portfolio	 p;
	int			 r;

	(void)t;
	memset(&p, 0, sizeof p);
	if ((r = month_end_check(e, c, GL_PROVISION, GL_LOAN_ALLOW)) != 0)
		return r;
	return pf_decode(e, &p);
}

static int
provision_after(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	char	 name[40];

	(void)c;
	provision_counter(name, sizeof name, e->date);
	return counter_put(t, e->branch, name, e->seq);
}

const struct entry_kind ek_accrual = {
	.kind = EK_ACCRUAL,
	.name = "accrual",
	.title = N_("loan interest accrued"),
	.roles = ROLE_SYSTEM,
	.flags = KF_SYSTEM | KF_POST,
	.fields = FIELD(F_DATE),
	.required = FIELD(F_DATE),
	.apply = accrual_apply,
};

const struct entry_kind ek_provision = {
	.kind = EK_PROVISION,
	.name = "provision",
	.title = N_("loan loss allowance"),
	.roles = ROLE_SYSTEM,
	.flags = KF_SYSTEM,
	.fields = FIELD(F_DATE) | FIELD(F_PORTFOLIO),
	.required = FIELD(F_DATE) | FIELD(F_PORTFOLIO),
	.apply = provision_apply,
	.after = provision_after,
};
