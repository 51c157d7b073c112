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
	if (orig->kind == EK_REVERSAL || orig->npost == 0) {
		r = STORE_E_REVERSED;
		goto out;
	}
	if (orig->npost != e->npost) {
		r = STORE_E_INVAL;
		goto out;
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

static int
apply_day_close(struct store_txn *t, const struct entry *e,
    struct branch *b)
{
	uint64_t	 day;
	int		 r;

	if ((r = need_u64(e, F_DATE, &day)) != 0)
		return r;
	if (day != b->date || e->npost != 0)
		return STORE_E_INVAL;
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
	return setting_put(t, e->branch, key, value);
}

int
apply_entry(struct store_txn *t, const struct entry *e)
{
	struct branch	 b;
	struct user	 by, ap;
	uint16_t	 i;
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
	} else if (e->kind == EK_REVERSAL && by.role == ROLE_TELLER)
		return STORE_E_APPROVAL;

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
		r = e->npost < 2 ? STORE_E_INVAL : 0;
		break;
	case EK_REVERSAL:
		r = apply_reversal(t, e);
		break;
	case EK_DAY_CLOSE:
		r = apply_day_close(t, e, &b);
		break;
	case EK_SETTING:
		r = e->npost != 0 ? STORE_E_INVAL : apply_setting(t, e);
		break;
	default:
		r = STORE_E_INVAL;
		break;
	}
	if (r != 0)
		return r;
	for (i = 0; i < e->npost; i++) {
		if ((r = account_move(t, e->branch, &e->post[i], e->seq)) != 0)
			return r;
	}
	return 0;
}
