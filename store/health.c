/*
 * store/health.c: a cooperative's health from its books.
 *
 * health_inputs() fills struct health_inputs for the whole cooperative
 * (every branch here, primary or replica) at the end of a date: each
 * general-ledger account's balance and the year's movement from the
 * period totals (one or two seeks an account, never a replay), members
 * from their records, and, when asked, each active loan's lateness by
 * loan_status() (on a past day as it stood then, loan_status_at()).
 * The arithmetic is in store/health-calc.c.
 *
 * The checklists (governance and risk profile under Permenkop 9/2020,
 * management under Perdep 06/2016) are entries of the kind health-check
 * posted by a manager: the list's name and one nilai 1..4 per item.
 * Applying one keeps it in the settings table under "check:LIST:DATE"
 * (the business date, YYYYMMDD), so that an assessment at any date reads
 * the checklist as it stood then, and the entries sync like any other.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

#define CHECK_PREFIX	"check:"

/* -- the checklist entry -------------------------------------------------- */

static void
check_key(char *key, size_t size, int list, uint32_t date)
{
	int	 y, m, d;

	date_to_ymd(date, &y, &m, &d);
	snprintf(key, size, CHECK_PREFIX "%s:%04d%02d%02d",
	    health_list_name(list), y, m, d);
}

static int
check_apply(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	char	 name[32], answers[HEALTH_CHECK_MAX + 2], key[64];
	int	 list, r;

	(void)c;
	if ((r = entry_get_str(e, F_KEY, name, sizeof name)) != 0 ||
	    (r = entry_get_str(e, F_VALUE, answers, sizeof answers)) != 0)
		return r == ERANGE ? STORE_E_INVAL : r;
	if (health_list_parse(name, &list) != 0 ||
	    health_check_valid(list, answers) != 0)
		return STORE_E_INVAL;
	check_key(key, sizeof key, list, e->date);
	return setting_put(t, e->branch, key, answers);
}

const struct entry_kind ek_health_check = {
	.kind = EK_HEALTH_CHECK,
	.name = "health-check",
	.title = N_("health checklist"),
	.roles = ROLE_MANAGER | ROLE_ADMIN,
	.flags = KF_NOPOST,
	.fields = FIELD(F_KEY) | FIELD(F_VALUE),
	.required = FIELD(F_KEY) | FIELD(F_VALUE),
	.apply = check_apply,
};

/* A request to post list's answers ("1243..."), by user at branch. */
void
health_check_req(struct post_req *q, const char *branch, const char *user,
    const char *list, const char *answers)
{
	memset(q, 0, sizeof *q);
	q->branch = branch;
	q->user = user;
	q->kind = EK_HEALTH_CHECK;
	q->nfield = 2;
	q->field[0].tag = F_KEY;
	q->field[0].len = (uint16_t)strlen(list);
	q->field[0].val = (const uint8_t *)list;
	q->field[1].tag = F_VALUE;
	q->field[1].len = (uint16_t)strlen(answers);
	q->field[1].val = (const uint8_t *)answers;
}

/* The last checklist of list entered at branch by date, if any. */
static int
check_get(struct store_txn *t, const char *branch, int list, uint32_t date,
    uint32_t *when, uint8_t answers[HEALTH_CHECK_MAX])
{
	uint8_t		 key[KEY_BRANCH + 64];
	char		 prefix[64], last[64];
	MDB_cursor	*cur;
	MDB_val		 k, d;
	size_t		 plen, i, n = health_list_len(list);
	int		 r, op, y, m, dd;

	*when = 0;
	snprintf(prefix, sizeof prefix, CHECK_PREFIX "%s:",
	    health_list_name(list));
	plen = strlen(prefix);
	check_key(last, sizeof last, list, date);
	key_branch(key, branch);
	memcpy(key + KEY_BRANCH, prefix, plen);
	k.mv_data = key;
	k.mv_size = KEY_BRANCH + plen;
	if ((r = mdb_cursor_open(t->txn, t->st->setting, &cur)) != 0)
		return r;
	for (op = MDB_SET_RANGE; (r = mdb_cursor_get(cur, &k, &d, op)) == 0;
	    op = MDB_NEXT) {
		const char	*p = (const char *)k.mv_data + KEY_BRANCH;
		size_t		 len = k.mv_size - KEY_BRANCH;

		if (k.mv_size < KEY_BRANCH + plen ||
		    memcmp(k.mv_data, key, KEY_BRANCH) != 0 ||
		    memcmp(p, prefix, plen) != 0)
			break;
		/* keys sort by date: stop past the one asked for */
		if (len != strlen(last) || memcmp(p, last, len) > 0)
			break;
		if (d.mv_size != n)
			continue;
		if (sscanf(p + plen, "%4d%2d%2d", &y, &m, &dd) != 3)
			continue;
		*when = date_from_ymd(y, m, dd);
		for (i = 0; i < n; i++)
			answers[i] = ((const uint8_t *)d.mv_data)[i] - '0';
	}
	mdb_cursor_close(cur);
	return r == MDB_NOTFOUND || r == 0 ? 0 : r;
}

/* -- the books' figures --------------------------------------------------- */

struct hsum {
	struct store_txn	*t;
	struct health_inputs	*in;
	const char		*branch;
	uint32_t		 date, year_from, prev;
	int			 regime;	/* of the branch's loans */
	int			 lateness;
	uint32_t		 bdate;		/* the branch's business date */
	int			 error;
};

static int
add(int64_t *sum, int64_t v)
{
	return __builtin_add_overflow(*sum, v, sum) ? STORE_E_OVERFLOW : 0;
}

/* One general-ledger account of one branch into the sums. */
static int
hsum_account(void *arg, const struct account *a, const struct balance *b)
{
	struct hsum		*h = arg;
	struct health_inputs	*in = h->in;
	int64_t			 d1, c1, d0, c0, nat, prev, mv;
	uint32_t		 gl = a->gl, g2 = gl / 100;
	int			 r;

	(void)b;
	if ((r = account_totals_at(h->t, h->branch, gl, 0, h->date, &d1,
	    &c1)) != 0)
		return r;
	nat = account_natural(a, d1 - c1);
	switch (a->type) {
	case ACCT_ASSET:
		if ((r = account_totals_at(h->t, h->branch, gl, 0, h->prev,
		    &d0, &c0)) != 0)
			return r;
		prev = d0 - c0;
		if ((r = add(&in->assets, nat)) != 0 ||
		    (r = add(&in->assets_prev, prev)) != 0)
			return r;
		if (gl == GL_CASH || gl == GL_VAULT)
			return add(&in->cash, nat);
		if (g2 == 11)
			return add(&in->bank, nat);
		if (gl == GL_LOANS)
			return add(&in->loans, nat);
		if (gl == GL_LOAN_ALLOW)
			return add(&in->allowance, -nat);
		return 0;
	case ACCT_LIABILITY:
		if ((r = add(&in->liabilities, nat)) != 0)
			return r;
		if (gl == GL_BERJANGKA)
			r = add(&in->term, nat);
		else if (g2 == 21)
			r = add(&in->savings, nat);
		else if (g2 >= 24 && g2 <= 28)
			r = add(&in->borrowing, nat);
		else
			r = add(&in->payables, nat);
		if (r != 0 || gl != GL_SHU_PAYABLE)
			return r;
		if ((r = account_totals_at(h->t, h->branch, gl, 0,
		    h->year_from - 1, &d0, &c0)) != 0)
			return r;
		return add(&in->shu_paid, c1 - c0);
	case ACCT_EQUITY:
		if ((r = add(&in->equity, nat)) != 0)
			return r;
		if (gl == GL_POKOK || gl == GL_WAJIB) {
			if ((r = account_totals_at(h->t, h->branch, gl, 0,
			    h->prev, &d0, &c0)) != 0 ||
			    (r = add(&in->shares_prev, c0 - d0)) != 0)
				return r;
			return add(gl == GL_POKOK ? &in->pokok : &in->wajib,
			    nat);
		}
		if (g2 == 32)
			return add(&in->reserve, nat);
		if (g2 == 33)
			return add(&in->grant, nat);
		if (g2 == 34)
			return add(&in->shu, nat);
		return 0;
	case ACCT_INCOME:
	case ACCT_EXPENSE:
		if ((r = account_totals_at(h->t, h->branch, gl, 0,
		    h->year_from - 1, &d0, &c0)) != 0)
			return r;
		mv = account_natural(a, (d1 - d0) - (c1 - c0));
		if (a->type == ACCT_INCOME) {
			if ((r = add(&in->income, mv)) != 0)
				return r;
			return g2 == 41 ? add(&in->member_income, mv) : 0;
		}
		if ((r = add(&in->expenses, mv)) != 0)
			return r;
		if (g2 == 51)
			return add(&in->sav_interest, mv);
		if (gl == GL_PROVISION)
			return add(&in->provision_exp, mv);
		return 0;
	}
	return 0;
}

/* Members who were members at the end of date, and a year before. */
static int
hsum_members(struct hsum *h)
{
	struct health_inputs	*in = h->in;
	struct member		 m;
	uint8_t			 key[KEY_BRANCH + 8];
	MDB_cursor		*cur;
	MDB_val			 k, d;
	int			 r, op;

	key_branch(key, h->branch);
	memset(key + KEY_BRANCH, 0, 8);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_cursor_open(h->t->txn, h->t->st->member, &cur)) != 0)
		return r;
	for (op = MDB_SET_RANGE; (r = mdb_cursor_get(cur, &k, &d, op)) == 0;
	    op = MDB_NEXT) {
		if (k.mv_size != KEY_BRANCH + 8 ||
		    memcmp(k.mv_data, key, KEY_BRANCH) != 0)
			break;
		if ((r = member_get(h->t, h->branch,
		    be64_get((const uint8_t *)k.mv_data + KEY_BRANCH),
		    &m)) != 0)
			break;
		if (m.joined <= h->prev && (m.left == 0 || m.left > h->prev))
			in->members_prev++;
		if (m.joined > h->date || (m.left != 0 && m.left <= h->date))
			continue;
		in->members++;
		if (m.gender == 'P')
			in->women++;
		else
			in->men++;
	}
	mdb_cursor_close(cur);
	return r == MDB_NOTFOUND ? 0 : r;
}

static int
hsum_loan(void *arg, const struct loan *l)
{
	struct hsum		*h = arg;
	struct health_inputs	*in = h->in;
	struct loan_status	 s;
	uint32_t		 months;
	int			 r;

	if (h->date < h->bdate) {
		/* A past day: the loan as it stood, from the journal. */
		r = loan_status_past(h->t, h->branch, l, h->date, &s);
		if (r == STORE_E_LOANSTATE)
			return 0;
	} else if (l->state != LOAN_ACTIVE)
		return 0;
	else
		r = loan_status(h->t, h->branch, l->number, h->date, &s);
	if (r != 0)
		return r;
	if ((r = add(&in->klass[s.klass], s.outstanding)) != 0 ||
	    (r = add(&in->provision, s.provision)) != 0)
		return r;
	if (s.dpd == 0)
		return 0;
	months = (uint32_t)savings_setting(h->t, h->branch,
	    "loan.provision.months");
	if ((r = add(&in->late, s.outstanding)) != 0)
		return r;
	if (s.dpd <= months * 365 / 12)
		return add(&in->late_1_12, s.outstanding);
	return add(&in->late_12, s.outstanding);
}

static int
hsum_branch(void *arg, const struct branch *b)
{
	struct hsum	*h = arg;
	int		 r;

	h->branch = b->code;
	h->bdate = b->date;
	if ((r = account_walk_gl(h->t, b->code, hsum_account, h)) != 0)
		return r;
	if ((r = hsum_members(h)) != 0)
		return r;
	if (h->lateness)
		return loan_list(h->t, b->code, 0, hsum_loan, h);
	return 0;
}

/*
 * The inputs at the end of date for the whole cooperative; the
 * checklists from branch (the head office, where a manager enters
 * them).  lateness: also each active loan's status on date.
 */
int
health_inputs(struct store_txn *t, const char *branch, uint32_t date,
    int lateness, struct health_inputs *in)
{
	struct hsum	 h;
	int		 l, r;

	memset(in, 0, sizeof *in);
	in->date = date;
	in->lateness = lateness;
	memset(&h, 0, sizeof h);
	h.t = t;
	h.in = in;
	h.date = date;
	h.year_from = date >= 364 ? date - 364 : 1;
	h.prev = date >= 365 ? date - 365 : 0;
	h.lateness = lateness;
	if ((r = branch_walk(t, hsum_branch, &h)) != 0)
		return r;
	for (l = 0; l < HEALTH_NLIST; l++)
		if ((r = check_get(t, branch, l, date, &in->check_date[l],
		    in->check[l])) != 0)
			return r;
	return 0;
}

/* The thresholds: each a setting of branch, or its default. */
int
health_config_read(struct store_txn *t, const char *branch,
    struct health_config *c)
{
	const char	*name;
	size_t		 i;

	memset(c, 0, sizeof *c);
	for (i = 0; (name = health_setting_name(i)) != NULL; i++)
		c->v[i] = setting_value(t, branch, name);
	return 0;
}
