/*
 * store/apply.c: the one function that changes the derived state (the
 * branch, accounts, balances, users, reversals, settings) from an entry.
 * Posting at the counter, replaying at the head office, and rebuilding in
 * loket verify all come through here: there is no second path.
 *
 * apply_entry() checks everything that the journal itself decides (who
 * may post what, the business date, the sequence, accounts and their
 * floors), so a replayed journal is held to the same rules as the counter.
 * It runs inside the caller's write transaction; on error the caller
 * aborts it and nothing is written.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

static int
need_str(const struct entry *e, uint16_t tag, char *dst, size_t size)
{
	int	 r;

	if ((r = entry_get_str(e, tag, dst, size)) != 0)
		return r == STORE_E_NOTFOUND ? STORE_E_INVAL : r;
	return 0;
}

static int
need_u64(const struct entry *e, uint16_t tag, uint64_t *v)
{
	int	 r;

	if ((r = entry_get_u64(e, tag, v)) != 0)
		return r == STORE_E_NOTFOUND ? STORE_E_INVAL : r;
	return 0;
}

static int
apply_branch_open(struct store_txn *t, const struct entry *e)
{
	struct branch	 b;
	char		 coop[NAME_MAX_COLS * 4 + 1];
	uint64_t	 flags = 0;
	int		 r;

	if (e->seq != 1 || strcmp(e->user, LOGIN_SYSTEM) != 0 ||
	    e->npost != 0 || e->approver[0] != '\0')
		return STORE_E_INVAL;
	if ((r = branch_get(t, e->branch, &b)) == 0)
		return STORE_E_EXISTS;
	if (r != STORE_E_BRANCH)
		return r;
	memset(&b, 0, sizeof b);
	snprintf(b.code, sizeof b.code, "%s", e->branch);
	if ((r = need_str(e, F_NAME, b.name, sizeof b.name)) != 0 ||
	    (r = need_str(e, F_TZ, b.tz, sizeof b.tz)) != 0)
		return r;
	if (!text_valid_name(b.name))
		return STORE_E_NAME;
	if (entry_get_u64(e, F_FLAGS, &flags) == 0 && (flags & ~BRANCH_F_HEAD))
		return STORE_E_INVAL;
	b.flags = flags;
	b.date = e->date;
	b.next_seq = 1;
	entry_chain_seed(b.code, b.head);
	if ((r = branch_put(t, &b)) != 0 ||
	    (r = account_open_chart(t, b.code)) != 0)
		return r;
	if (entry_get_str(e, F_COOP, coop, sizeof coop) == 0) {
		if (!text_valid_name(coop))
			return STORE_E_NAME;
		if ((r = setting_put(t, b.code, "coop.name", coop)) != 0)
			return r;
	}
	return 0;
}

static int
apply_user(struct store_txn *t, const struct entry *e, const struct user *by)
{
	struct user	 u;
	char		 login[LOGIN_MAX + 1];
	uint64_t	 v;
	int		 r;

	if ((r = need_str(e, F_LOGIN, login, sizeof login)) != 0)
		return r;
	if (!user_valid_login(login) || strcmp(login, LOGIN_SYSTEM) == 0)
		return STORE_E_INVAL;
	r = user_get(t, e->branch, login, &u);
	if (e->kind == EK_USER_ADD) {
		if (r == 0)
			return STORE_E_EXISTS;
		if (r != STORE_E_USER)
			return r;
		memset(&u, 0, sizeof u);
		snprintf(u.login, sizeof u.login, "%s", login);
		snprintf(u.branch, sizeof u.branch, "%s", e->branch);
		if ((r = need_str(e, F_NAME, u.name, sizeof u.name)) != 0 ||
		    (r = need_u64(e, F_ROLE, &v)) != 0 ||
		    (r = need_str(e, F_HASH, u.hash, sizeof u.hash)) != 0)
			return r;
		u.role = v;
		/* Those who keep cash get a drawer number, in order. */
		if (u.role & (ROLE_TELLER | ROLE_SUPERVISOR | ROLE_MANAGER)) {
			uint64_t	 nd;

			if ((r = counter_get(t, e->branch, "drawer", &nd)) != 0 ||
			    (r = counter_put(t, e->branch, "drawer", nd + 1)) != 0)
				return r;
			u.drawer = nd + 1;
		}
	} else {
		if (r != 0)
			return r;
		if (e->kind == EK_USER_PASSWD) {
			if (!user_may(by->role, e->kind) &&
			    strcmp(by->login, login) != 0)
				return STORE_E_ROLE;
			if ((r = need_str(e, F_HASH, u.hash,
			    sizeof u.hash)) != 0)
				return r;
		} else {
			if (entry_get_str(e, F_NAME, u.name,
			    sizeof u.name) == STORE_E_CORRUPT ||
			    entry_get_u64(e, F_ROLE, &v) == STORE_E_CORRUPT)
				return STORE_E_CORRUPT;
			if (entry_get_u64(e, F_ROLE, &v) == 0)
				u.role = v;
			if (entry_get_u64(e, F_FLAGS, &v) == 0) {
				if (v & ~(uint64_t)USER_F_DISABLED)
					return STORE_E_INVAL;
				u.flags = v;
			}
		}
	}
	if (!text_valid_name(u.name))
		return STORE_E_NAME;
	if (u.role != ROLE_TELLER && u.role != ROLE_SUPERVISOR &&
	    u.role != ROLE_MANAGER && u.role != ROLE_AUDITOR &&
	    u.role != ROLE_ADMIN)
		return STORE_E_INVAL;
	if (strncmp(u.hash, "$y$", 3) != 0)
		return STORE_E_INVAL;
	return user_put(t, &u);
}

static int
apply_account_open(struct store_txn *t, const struct entry *e)
{
	struct account	 a, ctl;
	uint64_t	 gl, sub = 0, v;
	int64_t		 min;
	int		 r;

	memset(&a, 0, sizeof a);
	if ((r = need_u64(e, F_GL, &gl)) != 0)
		return r;
	if (gl == 0 || gl > UINT32_MAX)
		return STORE_E_INVAL;
	(void)entry_get_u64(e, F_SUB, &sub);
	if ((r = account_get(t, e->branch, gl, sub, &a)) == 0)
		return STORE_E_EXISTS;
	if (r != STORE_E_ACCOUNT)
		return r;
	a.gl = gl;
	a.sub = sub;
	if ((r = need_str(e, F_NAME, a.name, sizeof a.name)) != 0)
		return r;
	if (!text_valid_name(a.name))
		return STORE_E_NAME;
	if (sub != 0) {
		/* A sub-account takes its control's type and floor. */
		if ((r = account_get(t, e->branch, gl, 0, &ctl)) != 0)
			return r;
		if (!(ctl.flags & ACCT_F_CONTROL))
			return STORE_E_ACCOUNT;
		a.type = ctl.type;
		a.flags = ctl.flags & ACCT_F_MIN;
		a.min = ctl.min;
	} else {
		if ((r = need_u64(e, F_TYPE, &v)) != 0)
			return r;
		if (v < ACCT_ASSET || v > ACCT_EXPENSE)
			return STORE_E_INVAL;
		a.type = v;
	}
	if (entry_get_u64(e, F_FLAGS, &v) == 0) {
		if (v & ~(uint64_t)(ACCT_F_MIN | ACCT_F_CONTROL))
			return STORE_E_INVAL;
		if (sub != 0 && (v & ACCT_F_CONTROL))
			return STORE_E_INVAL;
		a.flags = v;
	}
	if (entry_get_i64(e, F_MIN, &min) == 0) {
		if (min > AMOUNT_MAX || min < -AMOUNT_MAX)
			return STORE_E_OVERFLOW;
		a.min = min;
	}
	return account_put(t, e->branch, &a);
}

/*
 * A reversal names its original and carries exactly the original's
 * postings with their signs turned; an entry is reversed at most once and
 * a reversal is never reversed.
 */
static int
apply_reversal(struct store_txn *t, const struct entry *e)
{
	struct entry	*orig = NULL;
	uint8_t		 key[KEY_BRANCH + 8];
	uint8_t		 val[8];
	MDB_val		 k, d;
	uint16_t	 i;
	int		 r;

	if (e->reverses >= e->seq)
		return STORE_E_INVAL;
	key_branch(key, e->branch);
	for (i = 0; i < 8; i++)
		key[KEY_BRANCH + i] = e->reverses >> (56 - 8 * i);
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
	/* Only entries that are nothing but postings can be undone so. */
	if ((orig->kind != EK_JOURNAL && orig->kind != EK_DEPOSIT &&
	    orig->kind != EK_WITHDRAW && orig->kind != EK_TRANSFER &&
	    orig->kind != EK_VAULT_XFER) || orig->npost == 0) {
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
	for (i = 0; orig->kind != EK_JOURNAL && i < orig->npost; i++) {
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
	for (i = 0; i < 8; i++)
		val[i] = e->seq >> (56 - 8 * i);
	d.mv_data = val;
	d.mv_size = sizeof val;
	r = mdb_put(t->txn, t->st->reversed, &k, &d, 0);
out:
	free(orig);
	return r;
}

/* A general journal entry moves money between different accounts. */
static int
apply_journal(const struct entry *e)
{
	uint16_t	 i;

	for (i = 1; i < e->npost; i++) {
		if (e->post[i].gl == e->post[0].gl &&
		    e->post[i].sub == e->post[0].sub &&
		    e->npost == 2)
			return STORE_E_INVAL;
	}
	return 0;
}

static int
apply_day_close(struct store_txn *t, const struct entry *e,
    const struct user *by, struct branch *b)
{
	uint64_t	 day, forced = 0, pending;
	char		 who[LOGIN_MAX + 1];
	int		 r;

	if ((r = need_u64(e, F_DATE, &day)) != 0)
		return r;
	if (day != b->date || e->npost != 0)
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
		if (!(by->role & (ROLE_MANAGER | ROLE_SYSTEM)))
			return STORE_E_ROLE;
	}
	b->date++;
	return branch_put(t, b);
}

static int
apply_setting(struct store_txn *t, const struct entry *e)
{
	char	 key[65], value[256];
	int	 r;

	if ((r = need_str(e, F_KEY, key, sizeof key)) != 0 ||
	    (r = need_str(e, F_VALUE, value, sizeof value)) != 0)
		return r;
	if (key[0] == '\0' || !utf8_valid(value, strlen(value)))
		return STORE_E_INVAL;
	if ((r = setting_check(key, value, NULL)) != 0)
		return r;
	return setting_put(t, e->branch, key, value);
}

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

	fl = e->kind == EK_MEMBER_LEAVE ? MOVE_NOFLOOR :
	    e->kind == EK_REVERSAL ? MOVE_REVERSAL : 0;

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

int
apply_entry(struct store_txn *t, const struct entry *e)
{
	struct branch	 b;
	struct user	 by, ap;
	uint64_t	 sub = 0, n;
	int		 r;

	if ((r = entry_check(e)) != 0)
		return r;
	if (e->kind == EK_BRANCH_OPEN)
		return apply_branch_open(t, e);

	if ((r = branch_get(t, e->branch, &b)) != 0)
		return r;
	if (e->seq != b.next_seq)
		return STORE_E_SEQUENCE;
	if (e->date < b.date)
		return STORE_E_CLOSEDDAY;
	if (e->date > b.date)
		return STORE_E_INVAL;

	/* Who posts, and who approves. */
	if ((r = user_get(t, e->branch, e->user, &by)) != 0)
		return r;
	if (by.flags & USER_F_DISABLED)
		return STORE_E_DISABLED;
	if (!user_may(by.role, e->kind) && e->kind != EK_USER_PASSWD)
		return STORE_E_ROLE;
	if (e->approver[0] != '\0') {
		if (strcmp(e->approver, e->user) == 0)
			return STORE_E_SELFAPPROVE;
		if ((r = user_get(t, e->branch, e->approver, &ap)) != 0)
			return r;
		if (ap.flags & USER_F_DISABLED)
			return STORE_E_DISABLED;
		if (!(ap.role & (ROLE_SUPERVISOR | ROLE_MANAGER)))
			return STORE_E_SELFAPPROVE;
	} else if ((e->kind == EK_REVERSAL || e->kind == EK_MEMBER_LEAVE) &&
	    by.role == ROLE_TELLER)
		return STORE_E_APPROVAL;

	switch (e->kind) {
	case EK_MEMBER_JOIN:
	case EK_MEMBER_LEAVE:
	case EK_DEPOSIT:
	case EK_WITHDRAW:
	case EK_TERM_OPEN:
	case EK_VAULT_XFER:
	case EK_LOAN_DISBURSE:
	case EK_LOAN_REPAY:
	case EK_LOAN_RECOVER:
		if ((r = drawer_check_cash(t, e, &by)) != 0)
			return r;
		break;
	default:
		break;
	}

	switch (e->kind) {
	case EK_USER_ADD:
	case EK_USER_SET:
	case EK_USER_PASSWD:
		r = e->npost != 0 ? STORE_E_INVAL : apply_user(t, e, &by);
		break;
	case EK_ACCOUNT_OPEN:
		r = e->npost != 0 ? STORE_E_INVAL : apply_account_open(t, e);
		break;
	case EK_JOURNAL:
		r = e->npost < 2 ? STORE_E_INVAL : apply_journal(e);
		break;
	case EK_REVERSAL:
		r = apply_reversal(t, e);
		break;
	case EK_DAY_CLOSE:
		r = apply_day_close(t, e, &by, &b);
		break;
	case EK_MEMBER_JOIN:
	case EK_MEMBER_LEAVE:
		r = apply_member(t, e, &by);
		if (r == 0 && e->kind == EK_MEMBER_LEAVE &&
		    entry_get_u64(e, F_MEMBER, &n) == 0)
			r = loan_member_clear(t, e->branch, n);
		break;
	case EK_DEPOSIT:
	case EK_WITHDRAW:
	case EK_TRANSFER:
	case EK_INTEREST:
	case EK_TERM_OPEN:
	case EK_TERM_CLOSE:
		r = apply_savings(t, e, &by);
		break;
	case EK_DRAWER_OPEN:
	case EK_VAULT_XFER:
	case EK_DRAWER_CLOSE:
		r = apply_drawer(t, e, &by);
		break;
	case EK_SETTING:
		r = e->npost != 0 ? STORE_E_INVAL : apply_setting(t, e);
		break;
	case EK_LOAN_PRODUCT:
	case EK_LOAN_APPLY:
	case EK_LOAN_APPROVE:
	case EK_LOAN_DISBURSE:
	case EK_LOAN_REPAY:
	case EK_LOAN_AGE:
	case EK_LOAN_WRITEOFF:
	case EK_LOAN_RECOVER:
		r = apply_loan(t, e, &by);
		break;
	default:
		r = STORE_E_INVAL;
		break;
	}
	if (r != 0)
		return r;
	if ((r = apply_postings(t, e)) != 0)
		return r;
	if ((r = member_index_entry(t, e)) != 0)
		return r;

	/* What can only be judged once the money moved. */
	switch (e->kind) {
	case EK_MEMBER_LEAVE:
		return apply_member_after(t, e);
	case EK_TERM_CLOSE:
		(void)entry_get_u64(e, F_SUB, &sub);
		return account_close(t, e->branch, GL_BERJANGKA, sub);
	case EK_LOAN_REPAY:
	case EK_LOAN_WRITEOFF:
		return apply_loan_after(t, e);
	default:
		return 0;
	}
}
