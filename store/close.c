/*
 * store/close.c: the year-end close.
 *
 * The close is part of the end of day of 31 December: after the day's
 * interest, ageing, accrual and provision, the income and expense
 * accounts (every sub-account under a control account) are closed into
 * SHU tahun berjalan (3401) by year-close entries dated 31 December,
 * and then the day closes, all in one write transaction, so that a
 * crash leaves the year open and nothing posted.  The year starts again
 * with income and expense at zero.  The closed year is read-only: no
 * entry may be dated into it (apply_entry() asks year_closed_through()),
 * and no reversal may undo an entry dated in it.  A year with nothing to
 * close still gets one year-close entry, with no postings: it is the
 * mark that the year is closed.
 *
 * Counters (derived state, rebuilt by replay): "yclose.YYYY" the first
 * year-close entry of the year and "yclose.YYYY.n" how many there are;
 * "closed.through" the last day of the last closed year.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

#define CLOSE_ROOM	(ENTRY_MAXPOST - 1)

uint32_t
year_closed_through(struct store_txn *t, const char *branch)
{
	uint64_t	 v;

	if (counter_get(t, branch, "closed.through", &v) != 0)
		return 0;
	return (uint32_t)v;
}

struct close_acc {
	struct posting	*p;
	size_t		 n, cap;
};

static int
close_collect(void *arg, const struct account *a, const struct balance *b)
{
	struct close_acc	*c = arg;
	void			*np;

	if ((a->type != ACCT_INCOME && a->type != ACCT_EXPENSE) ||
	    (a->flags & ACCT_F_CONTROL) || b->amount == 0)
		return 0;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		if ((np = reallocarray(c->p, c->cap, sizeof *c->p)) == NULL)
			return ENOMEM;
		c->p = np;
	}
	c->p[c->n++] = (struct posting){ a->gl, a->sub, -b->amount };
	return 0;
}

static int
close_flush(struct store_txn *t, struct entry *e, int64_t shu)
{
	if (shu != 0)
		e->post[e->npost++] = (struct posting){ GL_SHU, 0, -shu };
	return post_internal(t, e);
}

/*
 * Inside the end of day of 31 December: the closing entries.  *shu gets
 * the year's SHU (negative: a loss).
 */
int
year_close_run(struct store_txn *t, const char *branch, uint32_t day,
    int64_t now, struct entry *e, int64_t *shu)
{
	struct close_acc	 c;
	int64_t			 sum = 0;
	size_t			 i;
	int			 r;

	*shu = 0;
	memset(&c, 0, sizeof c);
	if ((r = account_walk(t, branch, close_collect, &c)) != 0)
		goto out;
	i = 0;
	do {
		entry_init(e);
		str_copy(e->branch, branch, sizeof e->branch);
		snprintf(e->user, sizeof e->user, "%s", LOGIN_SYSTEM);
		e->kind = EK_YEAR_CLOSE;
		e->time = now;
		if ((r = entry_add_u64(e, F_DATE, day)) != 0)
			goto out;
		sum = 0;
		for (; i < c.n && e->npost < CLOSE_ROOM; i++) {
			e->post[e->npost++] = c.p[i];
			sum += c.p[i].amount;
		}
		/* Income closed is a debit: the SHU is what they leave. */
		*shu += sum;
		if ((r = close_flush(t, e, sum)) != 0)
			goto out;
	} while (i < c.n);
out:
	free(c.p);
	return r;
}

static int
year_close_apply(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	struct account	 a;
	uint64_t	 day;
	uint16_t	 i;
	int		 y, m, d, r;

	(void)c;
	if ((r = entry_get_u64(e, F_DATE, &day)) != 0)
		return r;
	date_to_ymd((uint32_t)day, &y, &m, &d);
	if (day != e->date || m != 12 || d != 31)
		return STORE_E_INVAL;
	for (i = 0; i < e->npost; i++) {
		if (e->post[i].gl == GL_SHU && e->post[i].sub == 0)
			continue;
		if ((r = account_get(t, e->branch, e->post[i].gl,
		    e->post[i].sub, &a)) != 0)
			return r;
		if (a.type != ACCT_INCOME && a.type != ACCT_EXPENSE)
			return STORE_E_INVAL;
	}
	return 0;
}

static int
year_close_after(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	char		 name[32];
	uint64_t	 first, n;
	int		 y, m, d, r;

	(void)c;
	date_to_ymd(e->date, &y, &m, &d);
	if ((r = year_close_entries(t, e->branch, y, &first, &n)) != 0)
		return r;
	snprintf(name, sizeof name, "yclose.%04d", y);
	if (first == 0 && (r = counter_put(t, e->branch, name, e->seq)) != 0)
		return r;
	snprintf(name, sizeof name, "yclose.%04d.n", y);
	if ((r = counter_put(t, e->branch, name, n + 1)) != 0)
		return r;
	return counter_put(t, e->branch, "closed.through", e->date);
}

const struct entry_kind ek_year_close = {
	.kind = EK_YEAR_CLOSE,
	.name = "year-close",
	.title = N_("year closed"),
	.roles = ROLE_SYSTEM,
	.flags = KF_SYSTEM,
	.fields = FIELD(F_DATE),
	.required = FIELD(F_DATE),
	.apply = year_close_apply,
	.after = year_close_after,
};

/*
 * Whether the year of branch is closed: 1 and its SHU (from its closing
 * entries' postings to 3401), or 0.
 */
int
year_closed(struct store_txn *t, const char *branch, int year, int *closed,
    int64_t *shu)
{
	struct entry	*e;
	uint64_t	 first, n, k;
	uint16_t	 i;
	int		 r;

	*shu = 0;
	*closed = 0;
	if ((r = year_close_entries(t, branch, year, &first, &n)) != 0)
		return r;
	if (first == 0)
		return 0;
	*closed = 1;
	if ((e = malloc(sizeof *e)) == NULL)
		return ENOMEM;
	for (k = first; k < first + n && r == 0; k++) {
		if ((r = journal_get(t, branch, k, e)) != 0)
			break;
		for (i = 0; i < e->npost; i++)
			if (e->post[i].gl == GL_SHU)
				*shu -= e->post[i].amount;
	}
	free(e);
	return r;
}
