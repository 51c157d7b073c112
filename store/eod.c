/*
 * store/eod.c: end of day (tutup hari).  Refuses while drawers are open
 * (a manager may force it, and the entry says so); pays out matured
 * berjangka deposits; on a month's last day posts sukarela interest and
 * its tax; ages the loans whose instalments fall due (store/loan.c);
 * on a month's last day accrues loan interest and brings the loan-loss
 * allowance to what the classes require (store/accrual.c), and on 31
 * December closes the year (store/close.c); then closes the day, which
 * moves the business date.
 *
 * All of it is one write transaction: a crash halfway leaves nothing
 * posted, and running it again does the whole day.  A day that is
 * closed already is left alone.  Holding the writer for a few seconds is
 * fine here: the drawers are closed, nobody is at the counter.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store-int.h"

#define POST_ROOM	(ENTRY_MAXPOST - 2)

static void
eod_entry(struct entry *e, const char *branch, uint16_t kind, int64_t now)
{
	entry_init(e);
	snprintf(e->branch, sizeof e->branch, "%s", branch);
	snprintf(e->user, sizeof e->user, "%s", LOGIN_SYSTEM);
	e->kind = kind;
	e->time = now;
}

/* Post the interest entry built so far, with its expense and tax sides. */
static int
flush_interest(struct store_txn *t, struct entry *e, int64_t interest,
    int64_t tax)
{
	if (e->npost == 0)
		return 0;
	e->post[e->npost++] = (struct posting){ GL_SAV_INT, 0, interest };
	if (tax != 0)
		e->post[e->npost++] = (struct posting){ GL_TAX_PAYABLE, 0, -tax };
	return post_internal(t, e);
}

/*
 * The day-close entry: the business date moves on, once every loan
 * instalment falling due by the day is aged and every drawer is closed
 * (a manager, or loket itself, may force it past open drawers).
 */
static int
day_close_apply(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	uint64_t	 day, forced = 0, pending;
	char		 who[LOGIN_MAX + 1];
	int		 r;

	if ((r = entry_get_u64(e, F_DATE, &day)) != 0)
		return r;
	if (day != c->branch.date)
		return STORE_E_INVAL;
	/* Instalments falling due by the day are aged before it closes. */
	if ((r = loan_age_pending(t, e->branch, day, &pending)) != 0)
		return r;
	if (pending != 0)
		return STORE_E_INVAL;
	(void)entry_get_u64(e, F_FORCED, &forced);
	if ((r = drawer_any_open(t, e->branch, who, sizeof who)) != 0) {
		if (r != STORE_E_DRAWERS)
			return r;
		if (!forced)
			return STORE_E_DRAWERS;
		if (!(c->by.role & (ROLE_MANAGER | ROLE_SYSTEM)))
			return STORE_E_ROLE;
	}
	c->branch.date++;
	return branch_put(t, &c->branch);
}

const struct entry_kind ek_day_close = {
	.kind = EK_DAY_CLOSE,
	.name = "day-close",
	.title = N_("day closed"),
	.roles = ROLE_SUPERVISOR | ROLE_MANAGER | ROLE_ADMIN | ROLE_SYSTEM,
	.flags = KF_NOPOST,
	.fields = FIELD(F_DATE) | FIELD(F_FORCED),
	.required = FIELD(F_DATE),
	.apply = day_close_apply,
};

/*
 * The big-endian numbers at offset at in every key of dbi that begins
 * with prefix (plen bytes), in key order, into a grown array *out.
 * Collected first because posting moves the trees the cursor walks.
 */
static int
collect_keys(struct store_txn *t, MDB_dbi dbi, const uint8_t *prefix,
    size_t plen, size_t at, uint64_t **out, size_t *n)
{
	MDB_cursor	*c;
	MDB_val		 k, d;
	uint64_t	*v = NULL, x;
	size_t		 cap = 0;
	int		 r, op;

	*out = NULL;
	*n = 0;
	k.mv_data = (void *)(uintptr_t)prefix;
	k.mv_size = plen;
	if ((r = mdb_cursor_open(t->txn, dbi, &c)) != 0)
		return r;
	for (op = MDB_SET_RANGE; (r = mdb_cursor_get(c, &k, &d, op)) == 0;
	    op = MDB_NEXT) {
		if (k.mv_size != at + 8 ||
		    memcmp(k.mv_data, prefix, plen) != 0)
			break;
		x = be64_get((uint8_t *)k.mv_data + at);
		if (*n == cap) {
			uint64_t *nv;

			cap = cap ? cap * 2 : 4096;
			if ((nv = reallocarray(v, cap, sizeof *nv)) == NULL) {
				r = ENOMEM;
				break;
			}
			v = nv;
		}
		v[(*n)++] = x;
	}
	mdb_cursor_close(c);
	if (r != 0 && r != MDB_NOTFOUND) {
		free(v);
		*n = 0;
		return r;
	}
	*out = v;
	return 0;
}

static int
month_end_interest(struct store_txn *t, const char *branch, uint32_t date,
    int64_t now, struct eod_report *rep, struct entry *e)
{
	uint8_t		 key[KEY_BRANCH + 12];
	struct account	 a;
	int64_t		 in, tax, sum_in = 0, sum_tax = 0;
	uint64_t	*subs = NULL;
	size_t		 nsub = 0, j;
	int		 r;

	account_key(key, branch, GL_SUKARELA, 1);
	if ((r = collect_keys(t, t->st->account, key, KEY_BRANCH + 4,
	    KEY_BRANCH + 4, &subs, &nsub)) != 0)
		goto out;

	eod_entry(e, branch, EK_INTEREST, now);
	if ((r = entry_add_u64(e, F_DATE, date)) != 0)
		goto out;
	for (j = 0; j < nsub; j++) {
		if (subs[j] == 0)
			continue;	/* the control account itself */
		if ((r = account_get(t, branch, GL_SUKARELA, subs[j], &a)) != 0)
			goto out;
		if (a.flags & ACCT_F_CLOSED)
			continue;
		if ((r = savings_interest(t, branch, subs[j], date, &in,
		    &tax)) != 0)
			goto out;
		if (in == 0)
			continue;
		if (e->npost + 2 > POST_ROOM) {
			if ((r = flush_interest(t, e, sum_in, sum_tax)) != 0)
				goto out;
			eod_entry(e, branch, EK_INTEREST, now);
			if ((r = entry_add_u64(e, F_DATE, date)) != 0)
				goto out;
			sum_in = sum_tax = 0;
		}
		e->post[e->npost++] = (struct posting){ GL_SUKARELA, subs[j],
		    -in };
		if (tax != 0)
			e->post[e->npost++] = (struct posting){ GL_SUKARELA,
			    subs[j], tax };
		sum_in += in;
		sum_tax += tax;
		rep->interest_accounts++;
		rep->interest += in;
		rep->tax += tax;
	}
	r = flush_interest(t, e, sum_in, sum_tax);
out:
	free(subs);
	return r;
}

static int
matured_terms(struct store_txn *t, const char *branch, uint32_t date,
    int64_t now, struct eod_report *rep, struct entry *e)
{
	uint8_t		 key[KEY_BRANCH];
	uint64_t	*subs = NULL;
	size_t		 nsub = 0, j;
	struct term	 tm;
	int64_t		 in, tax, pen;
	int		 r;

	key_branch(key, branch);
	if ((r = collect_keys(t, t->st->term, key, KEY_BRANCH, KEY_BRANCH,
	    &subs, &nsub)) != 0)
		goto out;
	for (j = 0; j < nsub; j++) {
		if ((r = savings_term_get(t, branch, subs[j], &tm)) != 0)
			goto out;
		if (!tm.open || tm.maturity > date)
			continue;
		if ((r = savings_term_payout(t, branch, subs[j], date, &in,
		    &tax, &pen)) != 0)
			goto out;
		eod_entry(e, branch, EK_TERM_CLOSE, now);
		if ((r = entry_add_u64(e, F_SUB, subs[j])) != 0 ||
		    (r = entry_add_u64(e, F_MEMBER, tm.member)) != 0)
			goto out;
		e->post[e->npost++] = (struct posting){ GL_BERJANGKA, subs[j],
		    tm.principal };
		if (in != 0)
			e->post[e->npost++] = (struct posting){ GL_SAV_INT, 0,
			    in };
		if (tax != 0)
			e->post[e->npost++] = (struct posting){ GL_TAX_PAYABLE,
			    0, -tax };
		e->post[e->npost++] = (struct posting){ GL_SUKARELA, tm.member,
		    -(tm.principal + in - tax) };
		if ((r = post_internal(t, e)) != 0)
			goto out;
		rep->terms_paid++;
	}
out:
	free(subs);
	return r;
}

struct eod_ctx {
	const char		*branch;
	const char		*user;
	uint32_t		 day;
	int			 force;
	int64_t			 now;
	struct eod_report	*rep;
	struct entry		*e;
};

static int
eod_run(struct store_txn *t, void *arg)
{
	struct eod_ctx		*c = arg;
	struct eod_report	*rep = c->rep;
	struct entry		*e = c->e;
	const char		*branch = c->branch;
	struct branch		 b;
	struct user		 u;
	char			 who[LOGIN_MAX + 1];
	uint32_t		 day = c->day;
	int			 r;

	memset(rep, 0, sizeof *rep);
	if ((r = branch_get(t, branch, &b)) != 0)
		return r;
	if (!store_is_primary(t, branch))
		return STORE_E_REPLICA;
	rep->closed = day;
	if (day < b.date) {
		rep->nothing = 1;
		rep->next = b.date;
		return STORE_ABORT;	/* nothing to do: not an error */
	}
	if (day > b.date)
		return STORE_E_INVAL;
	if ((r = user_get(t, branch, c->user, &u)) != 0)
		return r;
	if (u.flags & USER_F_DISABLED)
		return STORE_E_DISABLED;
	if (!user_may(u.role, EK_DAY_CLOSE))
		return STORE_E_ROLE;
	r = drawer_any_open(t, branch, who, sizeof who);
	if (r == STORE_E_DRAWERS) {
		if (!c->force)
			return r;
		if (!(u.role & ROLE_MANAGER))
			return STORE_E_ROLE;
		rep->forced = 1;
	} else if (r != 0)
		return r;

	if ((r = matured_terms(t, branch, day, c->now, rep, e)) != 0)
		return r;
	if (date_month_end(day) == day) {
		rep->month_end = 1;
		if ((r = month_end_interest(t, branch, day, c->now, rep,
		    e)) != 0)
			return r;
	}
	/* One loan-age entry, on days an instalment falls due. */
	if ((r = loan_age_pending(t, branch, day, &rep->loans_aged)) != 0)
		return r;
	if (rep->loans_aged > 0) {
		eod_entry(e, branch, EK_LOAN_AGE, c->now);
		if ((r = entry_add_u64(e, F_DATE, day)) != 0 ||
		    (r = post_internal(t, e)) != 0)
			return r;
	}
	/* The chart's newer accounts, then the month's and year's ends. */
	if ((r = chart_open_newer(t, branch, c->now, e)) != 0)
		return r;
	if (rep->month_end && (r = accrual_month_end(t, branch, day, c->now,
	    e, &rep->accrued, &rep->provided)) != 0)
		return r;
	if (rep->month_end && day == date_year_end(day)) {
		if ((r = year_close_run(t, branch, day, c->now, e,
		    &rep->shu)) != 0)
			return r;
		rep->year_closed = 1;
	}
	entry_init(e);
	snprintf(e->branch, sizeof e->branch, "%s", branch);
	snprintf(e->user, sizeof e->user, "%s", c->user);
	e->kind = EK_DAY_CLOSE;
	e->time = c->now;
	if ((r = entry_add_u64(e, F_DATE, day)) != 0 ||
	    (rep->forced && (r = entry_add_u64(e, F_FORCED, 1)) != 0) ||
	    (r = post_internal(t, e)) != 0)
		return r;
	rep->next = day + 1;
	return 0;
}

/*
 * Close day `day` of branch for user (a supervisor, manager or admin).
 * force: close although drawers are open (managers only).  when stamps
 * the entries (0: now; the demo's history is stamped in the past).  Returns 0
 * with rep->nothing set when that day is closed already, STORE_E_INVAL
 * when an earlier day is still open, STORE_E_DRAWERS, STORE_E_ROLE...
 */
uint32_t
date_year_end(uint32_t day)
{
	int	 y, m, d;

	date_to_ymd(day, &y, &m, &d);
	return date_from_ymd(y, 12, 31);
}

int
store_eod(struct store *st, const char *branch, const char *user,
    uint32_t day, int force, int64_t when, struct eod_report *rep)
{
	struct eod_ctx	 c;
	int		 r;

	memset(rep, 0, sizeof *rep);
	c.branch = branch;
	c.user = user;
	c.day = day;
	c.force = force;
	c.now = when ? when : (int64_t)time(NULL);
	c.rep = rep;
	if ((c.e = malloc(sizeof *c.e)) == NULL)
		return ENOMEM;
	r = store_write(st, eod_run, &c);
	free(c.e);
	return r;
}
