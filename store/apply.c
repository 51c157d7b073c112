/*
 * store/apply.c: the one function that changes the derived state (the
 * branch, accounts, balances, users, reversals, settings...) from an
 * entry.  Posting at the counter, replaying at the head office, and
 * rebuilding in loket verify all come through here: there is no second
 * path.
 *
 * apply_entry() checks everything that the journal itself decides (who
 * may post what, the business date, the sequence, accounts and their
 * floors), so a replayed journal is held to the same rules as the counter.
 * It runs inside the caller's write transaction; on error the caller
 * aborts it and nothing is written.  It knows no kind: what a kind means
 * is its row (struct entry_kind), in the module that owns it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

/* Move every account; a sukarela account's month is kept up to date. */
static int
apply_postings(struct store_txn *t, const struct entry *e)
{
	struct account	 a[ENTRY_MAXPOST];
	struct balance	 bal[ENTRY_MAXPOST];
	struct savstat	 ss[ENTRY_MAXPOST];
	int		 has[ENTRY_MAXPOST];
	int64_t		 net[ENTRY_MAXPOST], old, floor;
	uint16_t	 first[ENTRY_MAXPOST], i, j;
	int		 r, fl;
	const struct entry_kind *k = entry_kind_get(e->kind);

	fl = (k->flags & KF_NOFLOOR) ? MOVE_NOFLOOR :
	    (k->flags & KF_REVERSES) ? MOVE_REVERSAL : 0;

	/*
	 * Every account is read once: it exists, is open, is not a
	 * control; postings to the same account share its balance.
	 */
	for (i = 0; i < e->npost; i++) {
		const struct posting *p = &e->post[i];

		for (first[i] = i, j = 0; j < i; j++) {
			if (e->post[j].gl == p->gl && e->post[j].sub == p->sub) {
				first[i] = j;
				break;
			}
		}
		if (first[i] != i) {
			if (__builtin_add_overflow(net[first[i]], p->amount,
			    &net[first[i]]))
				return STORE_E_OVERFLOW;
			continue;
		}
		net[i] = p->amount;
		if ((r = account_get(t, e->branch, p->gl, p->sub, &a[i])) != 0)
			return r;
		if (a[i].flags & ACCT_F_CLOSED)
			return STORE_E_ACCOUNT;
		if (p->sub == 0 && (a[i].flags & ACCT_F_CONTROL))
			return STORE_E_CONTROL;
		if ((r = account_balance_ext(t, e->branch, p->gl, p->sub,
		    &bal[i], &ss[i], &has[i])) != 0)
			return r;
	}

	/*
	 * Floors are judged on what the whole entry does to each account,
	 * so the order of its postings does not matter.  A reversal may
	 * bring an account back to zero, where it was before.
	 */
	for (i = 0; i < e->npost; i++) {
		int64_t	 nb;

		if (first[i] != i || !(a[i].flags & ACCT_F_MIN) ||
		    (fl & MOVE_NOFLOOR) || account_natural(&a[i], net[i]) >= 0)
			continue;
		if (__builtin_add_overflow(bal[i].amount, net[i], &nb))
			return STORE_E_OVERFLOW;
		floor = a[i].min;
		if ((fl & MOVE_REVERSAL) && floor > 0)
			floor = 0;
		if (account_natural(&a[i], nb) < floor)
			return e->post[i].gl == GL_CASH && e->post[i].sub != 0 ?
			    STORE_E_CASH : STORE_E_MINIMUM;
	}

	for (i = 0; i < e->npost; i++) {
		const struct posting *p = &e->post[i];
		struct balance *b = &bal[first[i]];

		struct savstat *s = NULL;

		old = b->amount;
		if (p->gl == GL_SUKARELA && p->sub != 0) {
			/* A sukarela account keeps its month with it. */
			s = &ss[first[i]];
			savstat_move(s, has[first[i]], e->date, -old,
			    -old - p->amount);
			has[first[i]] = 1;
		}
		if ((r = account_move_known(t, e->branch, p, e->seq, b, s)) != 0)
			return r;
	}
	return 0;
}

/*
 * The fields an entry carries: each one its kind may carry (a memo on
 * any), and every one it must.
 */
static int
check_fields(const struct entry_kind *k, const struct entry *e)
{
	uint64_t	 have = 0, may = k->fields | FIELD(F_MEMO);

	if (cash_unit_kind(k))
		may |= FIELD(F_CASHUNIT);
	uint16_t	 i, tag;

	for (i = 0; i < e->nfield; i++) {
		tag = e->field[i].tag;
		if (tag >= F_LAST || !(may & FIELD(tag)))
			return STORE_E_INVAL;
		have |= FIELD(tag);
	}
	return (have & k->required) == k->required ? 0 : STORE_E_INVAL;
}

int
apply_entry(struct store_txn *t, const struct entry *e)
{
	const struct entry_kind	*k;
	struct kind_ctx		 c;
	struct user		 ap;
	int			 r;

	if ((r = entry_check(e)) != 0)
		return r;
	k = c.kind = entry_kind_get(e->kind);

	/* The branch, the sequence and the business date. */
	if (k->flags & KF_BEGIN) {
		if (e->seq != 1)
			return STORE_E_INVAL;
	} else {
		if ((r = branch_get(t, e->branch, &c.branch)) != 0)
			return r;
		if (e->seq != c.branch.next_seq)
			return STORE_E_SEQUENCE;
		if (e->date < c.branch.date)
			return STORE_E_CLOSEDDAY;
		if (e->date > c.branch.date)
			return STORE_E_INVAL;
		/* A closed year is read-only (store/close.c). */
		if (e->kind != EK_YEAR_CLOSE && e->kind != EK_DAY_CLOSE &&
		    e->date <= year_closed_through(t, e->branch))
			return STORE_E_CLOSEDYEAR;
	}

	/* Who posts, and who approves. */
	if ((r = user_get(t, e->branch, e->user, &c.by)) != 0)
		return r;
	if (c.by.flags & USER_F_DISABLED)
		return STORE_E_DISABLED;
	if (!(c.by.role & k->roles) && !(k->flags & KF_SELF))
		return STORE_E_ROLE;
	if (e->approver[0] != '\0') {
		if (k->flags & KF_SYSTEM)
			return STORE_E_INVAL;
		if (strcmp(e->approver, e->user) == 0)
			return STORE_E_SELFAPPROVE;
		if ((r = user_get(t, e->branch, e->approver, &ap)) != 0)
			return r;
		if (ap.flags & USER_F_DISABLED)
			return STORE_E_DISABLED;
		if (!(ap.role & (ROLE_SUPERVISOR | ROLE_MANAGER)))
			return STORE_E_SELFAPPROVE;
	} else if ((k->flags & KF_APPROVAL) && c.by.role == ROLE_TELLER)
		return STORE_E_APPROVAL;

	/* What it carries. */
	if ((r = check_fields(k, e)) != 0)
		return r;
	if (((k->flags & KF_NOPOST) && e->npost != 0) ||
	    ((k->flags & KF_POST) && e->npost == 0))
		return STORE_E_INVAL;
	if ((k->flags & KF_CASH) && (r = drawer_check_cash(t, e, &c.by)) != 0)
		return r;

	/* The kind's own rules, then the money, then what follows from it. */
	if (k->apply != NULL && (r = k->apply(t, e, &c)) != 0)
		return r;
	if ((r = cash_unit_check(t, e)) != 0)
		return r;
	if ((r = apply_postings(t, e)) != 0)
		return r;
	if ((r = member_index_entry(t, e)) != 0)
		return r;
	return k->after != NULL ? k->after(t, e, &c) : 0;
}
