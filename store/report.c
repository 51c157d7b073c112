/*
 * store/report.c: reports as data.  Each returns rows to a callback;
 * cli/ and tui/ only lay them out (text, CSV).
 *
 * The trial balance reads, per branch, only its general-ledger accounts
 * (a seek skips the sub-accounts under each), and for a date or a period
 * one or two seeks in the period totals per account: its cost does not
 * grow with the journal.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

struct trial_acc {
	struct trial_row	*rows;
	struct account		*accts;	/* rows[i].account points here */
	size_t			 n, cap;
	struct store_txn	*t;
	const char		*branch;	/* the one being added */
	uint32_t		 from, to;
};

/* Row of gl, made in code order (binary search, insert). */
static int
trial_slot(struct trial_acc *ta, const struct account *a, size_t *at)
{
	size_t	 lo = 0, hi = ta->n, mid, i;
	void	*p;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (ta->accts[mid].gl < a->gl)
			lo = mid + 1;
		else
			hi = mid;
	}
	*at = lo;
	if (lo < ta->n && ta->accts[lo].gl == a->gl)
		return 0;
	if (ta->n == ta->cap) {
		ta->cap = ta->cap ? ta->cap * 2 : 64;
		if ((p = reallocarray(ta->rows, ta->cap,
		    sizeof *ta->rows)) == NULL)
			return ENOMEM;
		ta->rows = p;
		if ((p = reallocarray(ta->accts, ta->cap,
		    sizeof *ta->accts)) == NULL)
			return ENOMEM;
		ta->accts = p;
	}
	memmove(&ta->rows[lo + 1], &ta->rows[lo],
	    (ta->n - lo) * sizeof *ta->rows);
	memmove(&ta->accts[lo + 1], &ta->accts[lo],
	    (ta->n - lo) * sizeof *ta->accts);
	memset(&ta->rows[lo], 0, sizeof ta->rows[lo]);
	ta->accts[lo] = *a;
	ta->n++;
	for (i = 0; i < ta->n; i++)
		ta->rows[i].account = &ta->accts[i];
	return 0;
}

static int
add(int64_t *sum, int64_t v)
{
	return __builtin_add_overflow(*sum, v, sum) ? STORE_E_OVERFLOW : 0;
}

static int
trial_add(void *arg, const struct account *a, const struct balance *b)
{
	struct trial_acc	*ta = arg;
	struct trial_row	*row;
	int64_t			 d1, c1, d0 = 0, c0 = 0;
	size_t			 at;
	int			 r;

	if ((r = trial_slot(ta, a, &at)) != 0)
		return r;
	row = &ta->rows[at];
	if (ta->to == 0)
		return add(&row->closing, b->amount);
	if ((r = account_totals_at(ta->t, ta->branch, a->gl, 0, ta->to, &d1,
	    &c1)) != 0)
		return r;
	if (ta->from != 0 && (r = account_totals_at(ta->t, ta->branch, a->gl,
	    0, ta->from - 1, &d0, &c0)) != 0)
		return r;
	if ((r = add(&row->closing, d1 - c1)) != 0)
		return r;
	if (ta->from == 0)
		return 0;
	if ((r = add(&row->opening, d0 - c0)) != 0 ||
	    (r = add(&row->debit, d1 - d0)) != 0 ||
	    (r = add(&row->credit, c1 - c0)) != 0)
		return r;
	return 0;
}

static int
trial_branch(void *arg, const struct branch *b)
{
	struct trial_acc	*ta = arg;

	ta->branch = b->code;
	return account_walk_gl(ta->t, b->code, trial_add, ta);
}

int
report_trial(struct store_txn *t, const char *branch, uint32_t from,
    uint32_t to, int (*fn)(void *, const struct trial_row *), void *arg)
{
	struct trial_acc	 ta;
	struct branch		 b;
	size_t			 i;
	int			 r;

	if ((to == 0 && from != 0) || from > to)
		return STORE_E_INVAL;
	memset(&ta, 0, sizeof ta);
	ta.t = t;
	ta.from = from;
	ta.to = to;
	if (branch != NULL) {
		if ((r = branch_get(t, branch, &b)) == 0)
			r = trial_branch(&ta, &b);
	} else
		r = branch_walk(t, trial_branch, &ta);
	for (i = 0; r == 0 && i < ta.n; i++)
		r = fn(arg, &ta.rows[i]);
	free(ta.rows);
	free(ta.accts);
	return r;
}
