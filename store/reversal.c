/*
 * store/reversal.c: the reversal entry.  A mistake is never edited: a
 * reversal names its original and carries exactly the original's
 * postings with their signs turned.  An entry is reversed at most once,
 * a reversal is never reversed, and only kinds whose row says
 * KF_REVERSIBLE (entries that are nothing but postings) can be undone.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

static int
reversal_apply(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	const struct entry_kind	*ok;
	struct entry		*orig = NULL;
	uint8_t			 key[KEY_BRANCH + 8];
	uint8_t			 val[8];
	MDB_val			 k, d;
	uint16_t		 i;
	int			 r;

	(void)c;
	if (e->reverses >= e->seq)
		return STORE_E_INVAL;
	key_branch(key, e->branch);
	be64_put(key + KEY_BRANCH, e->reverses);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_get(t->txn, t->st->reversed, &k, &d)) == 0)
		return STORE_E_REVERSED;
	if (r != MDB_NOTFOUND)
		return r;
	if ((orig = malloc(sizeof *orig)) == NULL)
		return ENOMEM;
	if ((r = journal_get(t, e->branch, e->reverses, orig)) != 0) {
		if (r == STORE_E_NOTFOUND)
			r = STORE_E_INVAL;
		goto out;
	}
	/* Nothing dated in a closed year is undone (store/close.c). */
	if (orig->date <= year_closed_through(t, e->branch)) {
		r = STORE_E_CLOSEDYEAR;
		goto out;
	}
	/* Only entries that are nothing but postings can be undone so. */
	ok = entry_kind_get(orig->kind);
	if (ok == NULL || !(ok->flags & KF_REVERSIBLE) || orig->npost == 0) {
		r = STORE_E_REVERSED;
		goto out;
	}
	if (orig->npost != e->npost) {
		r = STORE_E_INVAL;
		goto out;
	}
	/*
	 * A counter entry's cash goes back through the drawer it came from,
	 * while that drawer is open.  (A ledger entry's is a correction of
	 * the books by a supervisor and takes no drawer.)
	 */
	for (i = 0; (ok->flags & KF_CASH) && i < orig->npost; i++) {
		struct user	 ou;
		struct drawer	 dr;

		if (orig->post[i].gl != GL_CASH)
			continue;
		if ((r = user_get(t, e->branch, orig->user, &ou)) != 0 ||
		    (r = drawer_get(t, e->branch, orig->user, &dr)) != 0)
			goto out;
		if (ou.drawer != orig->post[i].sub || dr.state != DRAWER_OPEN) {
			r = STORE_E_DRAWER;
			goto out;
		}
	}
	for (i = 0; i < e->npost; i++) {
		if (orig->post[i].gl != e->post[i].gl ||
		    orig->post[i].sub != e->post[i].sub ||
		    orig->post[i].amount != -e->post[i].amount) {
			r = STORE_E_INVAL;
			goto out;
		}
	}
	be64_put(val, e->seq);
	d.mv_data = val;
	d.mv_size = sizeof val;
	r = mdb_put(t->txn, t->st->reversed, &k, &d, 0);
out:
	free(orig);
	return r;
}

const struct entry_kind ek_reversal = {
	.kind = EK_REVERSAL,
	.name = "reversal",
	.title = N_("reversal"),
	.receipt = N_("REVERSAL"),
	.roles = ROLE_TELLER | ROLE_SUPERVISOR | ROLE_MANAGER,
	.flags = KF_APPROVAL | KF_REVERSES,
	.apply = reversal_apply,
};
