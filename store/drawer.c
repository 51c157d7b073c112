/*
 * store/drawer.c: each teller's cash drawer.  Opened with cash from the
 * vault, moved by the teller's postings, topped up or emptied through
 * the vault, and closed with a count by denomination: the difference
 * from the book goes to the teller's over/short account.
 *
 * A teller's drawer is the sub-account GL_CASH.d, with d the number the
 * user got when added; over/short is GL_OVERSHORT.d.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

#define DRAWER_REC_VERSION	1

/* Rupiah notes and coins in circulation, largest first (domain.md). */
const int64_t denominations[DENOM_MAX] = {
	100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100
};

int
denom_valid(int64_t rupiah)
{
	size_t	 i;

	for (i = 0; i < DENOM_MAX; i++) {
		if (denominations[i] == rupiah)
			return 1;
	}
	return 0;
}

static void
drawer_key(uint8_t *key, const char *branch, const char *login, size_t *len)
{
	size_t	 n = strnlen(login, LOGIN_MAX);

	key_branch(key, branch);
	memcpy(key + KEY_BRANCH, login, n);
	*len = KEY_BRANCH + n;
}

int
drawer_get(struct store_txn *t, const char *branch, const char *login,
    struct drawer *dr)
{
	uint8_t		 key[KEY_BRANCH + LOGIN_MAX];
	struct buf	 in;
	uint8_t		 v;
	uint64_t	 opened;
	size_t		 len;
	MDB_val		 k, d;
	int		 r;

	memset(dr, 0, sizeof *dr);
	drawer_key(key, branch, login, &len);
	k.mv_data = key;
	k.mv_size = len;
	if ((r = mdb_get(t->txn, t->st->drawer, &k, &d)) != 0)
		return r == MDB_NOTFOUND ? 0 : r;
	buf_from(&in, d.mv_data, d.mv_size);
	if (buf_get_u8(&in, &v) != 0 || v != DRAWER_REC_VERSION ||
	    buf_get_u8(&in, &dr->state) != 0 ||
	    buf_get_varint(&in, &opened) != 0 ||
	    buf_get_varint(&in, &dr->sub) != 0 || buf_left(&in) != 0)
		return STORE_E_CORRUPT;
	dr->opened = opened;
	return 0;
}

static int
drawer_put(struct store_txn *t, const char *branch, const char *login,
    const struct drawer *dr)
{
	uint8_t		 key[KEY_BRANCH + LOGIN_MAX], rec[32];
	struct buf	 out;
	size_t		 len;
	MDB_val		 k, d;

	buf_wrap(&out, rec, sizeof rec);
	if (buf_put_u8(&out, DRAWER_REC_VERSION) != 0 ||
	    buf_put_u8(&out, dr->state) != 0 ||
	    buf_put_varint(&out, dr->opened) != 0 ||
	    buf_put_varint(&out, dr->sub) != 0)
		return STORE_E_INVAL;
	drawer_key(key, branch, login, &len);
	k.mv_data = key;
	k.mv_size = len;
	d.mv_data = rec;
	d.mv_size = out.len;
	return mdb_put(t->txn, t->st->drawer, &k, &d, 0);
}

/* The first open drawer's user in who (if any): 0 if none is open. */
int
drawer_any_open(struct store_txn *t, const char *branch, char *who,
    size_t size)
{
	MDB_cursor	*c;
	MDB_val		 k, d;
	uint8_t		 key[KEY_BRANCH];
	int		 r, op, found = 0;

	key_branch(key, branch);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_cursor_open(t->txn, t->st->drawer, &c)) != 0)
		return r;
	for (op = MDB_SET_RANGE; (r = mdb_cursor_get(c, &k, &d, op)) == 0;
	    op = MDB_NEXT) {
		if (k.mv_size <= KEY_BRANCH ||
		    memcmp(k.mv_data, key, KEY_BRANCH) != 0)
			break;
		if (d.mv_size >= 2 && ((uint8_t *)d.mv_data)[1] == DRAWER_OPEN) {
			snprintf(who, size, "%.*s",
			    (int)(k.mv_size - KEY_BRANCH),
			    (char *)k.mv_data + KEY_BRANCH);
			found = 1;
			break;
		}
	}
	mdb_cursor_close(c);
	if (r != 0 && r != MDB_NOTFOUND)
		return r;
	return found ? STORE_E_DRAWERS : 0;
}

/*
 * A cash transaction at or above limit.cash.report (PPATK's threshold)
 * needs a manager's approval: the approver must be a manager, a
 * supervisor is not enough.  amount is the cash over the counter.
 */
int
drawer_check_large(struct store_txn *t, const struct entry *e,
    int64_t amount)
{
	struct user	 ap;
	int		 r;

	if (amount < setting_value(t, e->branch, "limit.cash.report"))
		return 0;
	if (e->approver[0] == '\0')
		return STORE_E_MANAGER;
	if ((r = user_get(t, e->branch, e->approver, &ap)) != 0)
		return r;
	return ap.role & ROLE_MANAGER ? 0 : STORE_E_MANAGER;
}

/*
 * Counter entries touch cash only in the poster's own open drawer; a
 * large one needs a manager (moving cash to or from the vault is no
 * transaction with a member).
 */
int
drawer_check_cash(struct store_txn *t, const struct entry *e,
    const struct user *by)
{
	struct drawer	 dr;
	uint16_t	 i;
	int64_t		 total = 0;
	int		 r, cash = 0;

	for (i = 0; i < e->npost; i++) {
		if (e->post[i].gl != GL_CASH)
			continue;
		if (e->post[i].sub != by->drawer || by->drawer == 0)
			return STORE_E_DRAWER;
		if (e->post[i].amount % 100 != 0)
			return STORE_E_SEN;
		if (e->post[i].amount < -MONEY_MAX_SEN ||
		    e->post[i].amount > MONEY_MAX_SEN)
			return STORE_E_OVERFLOW;
		total += e->post[i].amount < 0 ? -e->post[i].amount :
		    e->post[i].amount;
		cash = 1;
	}
	if (!cash)
		return 0;
	if ((r = drawer_get(t, e->branch, e->user, &dr)) != 0)
		return r;
	if (dr.state != DRAWER_OPEN)
		return STORE_E_DRAWER;
	if (e->kind == EK_VAULT_XFER)
		return 0;
	return drawer_check_large(t, e, total);
}

/*
 * Cash is counted in the branch's unit, cash.rounding (Rp 100 unless
 * set; 0 turns the rule off): every amount that moves a drawer at the
 * counter or from the vault is a multiple of it.  A typed amount that is
 * not is refused (STORE_E_CASHUNIT); an amount loket computes (a payoff,
 * what is due, a disbursement, a leave payout) is rounded before it is
 * posted, the difference to 4902.  Entries posted under this rule carry
 * the unit in F_CASHUNIT (cash_unit_mark()); those posted before it
 * carry none and replay as they were.  Drawer closings post what the
 * book holds and are counted by denomination: no unit there.
 */
int
cash_unit_kind(const struct entry_kind *k)
{
	return k != NULL && ((k->flags & KF_CASH) ||
	    k->kind == EK_DRAWER_OPEN);
}

/* Inside the transaction, once the postings are made: the unit obeyed. */
int
cash_unit_mark(struct store_txn *t, struct entry *e)
{
	int64_t		 unit;
	uint16_t	 i;

	if (!cash_unit_kind(entry_kind_get(e->kind)))
		return 0;
	for (i = 0; i < e->npost; i++) {
		if (e->post[i].gl == GL_CASH)
			break;
	}
	if (i == e->npost)
		return 0;
	if ((unit = setting_value(t, e->branch, "cash.rounding")) <= 0)
		return 0;
	return entry_add_u64(e, F_CASHUNIT, (uint64_t)unit);
}

/* An entry that says it obeys the unit does: the branch's, every cash. */
int
cash_unit_check(struct store_txn *t, const struct entry *e)
{
	uint64_t	 unit;
	uint16_t	 i;
	int		 r;

	if ((r = entry_get_u64(e, F_CASHUNIT, &unit)) != 0)
		return r == STORE_E_NOTFOUND ? 0 : r;
	if (unit == 0 || (int64_t)unit !=
	    setting_value(t, e->branch, "cash.rounding"))
		return STORE_E_INVAL;
	for (i = 0; i < e->npost; i++) {
		if (e->post[i].gl == GL_CASH &&
		    e->post[i].amount % (int64_t)unit != 0)
			return STORE_E_CASHUNIT;
	}
	return 0;
}

/* Decode F_COUNT: (rupiah, pieces) pairs, denominations falling. */
static int
count_decode(const struct entry *e, struct denom_count *dc, size_t *n,
    int64_t *total)
{
	const struct field	*f;
	struct buf		 in;
	uint64_t		 rp, pc;
	int64_t			 prev = INT64_MAX;

	*n = 0;
	*total = 0;
	if ((f = entry_field(e, F_COUNT)) == NULL)
		return 0;
	buf_from(&in, f->val, f->len);
	while (buf_left(&in) > 0) {
		if (*n >= DENOM_MAX || buf_get_varint(&in, &rp) != 0 ||
		    buf_get_varint(&in, &pc) != 0)
			return STORE_E_INVAL;
		if (!denom_valid((int64_t)rp) || (int64_t)rp >= prev ||
		    pc == 0 || pc > 10000000)
			return STORE_E_DENOM;
		prev = rp;
		dc[*n].rupiah = rp;
		dc[*n].pieces = pc;
		*total += (int64_t)rp * (int64_t)pc * 100;
		(*n)++;
	}
	return 0;
}

struct close_arg {
	const struct denom_count	*dc;
	size_t				 n;
};

/*
 * Inside the transaction: the count as a field, and the postings that
 * empty the drawer into the vault with the difference to over/short.
 * arg is a struct denom_count array ended by a zero entry.
 */
int
drawer_close_prepare(struct store_txn *t, struct entry *e, void *arg)
{
	const struct denom_count	*dc = arg;
	struct user			 u;
	struct balance			 b;
	uint8_t				 tmp[DENOM_MAX * 20];
	struct buf			 out;
	int64_t				 counted = 0, book;
	size_t				 i, k;
	int				 r;

	if ((r = user_get(t, e->branch, e->user, &u)) != 0)
		return r;
	if (u.drawer == 0)
		return STORE_E_DRAWER;
	buf_wrap(&out, tmp, sizeof tmp);
	/* Any order in, falling denominations out; each counted once. */
	for (i = 0; dc != NULL && dc[i].rupiah != 0; i++) {
		size_t	 j;

		if (i >= DENOM_MAX || !denom_valid(dc[i].rupiah) ||
		    dc[i].pieces < 0 || dc[i].pieces > 10000000)
			return STORE_E_DENOM;
		for (j = 0; j < i; j++) {
			if (dc[j].rupiah == dc[i].rupiah)
				return STORE_E_DENOM;
		}
	}
	for (k = 0; k < DENOM_MAX; k++) {
		for (i = 0; dc != NULL && dc[i].rupiah != 0; i++) {
			if (dc[i].rupiah != denominations[k] ||
			    dc[i].pieces == 0)
				continue;
			if (buf_put_varint(&out, dc[i].rupiah) != 0 ||
			    buf_put_varint(&out, dc[i].pieces) != 0)
				return STORE_E_INVAL;
			counted += dc[i].rupiah * dc[i].pieces * 100;
		}
	}
	entry_init_fields(e);
	if (out.len > 0 && (r = entry_add_field(e, F_COUNT, tmp, out.len)) != 0)
		return r;
	if ((r = account_balance(t, e->branch, GL_CASH, u.drawer, &b)) != 0)
		return r;
	book = b.amount;
	e->npost = 0;
	if (book != 0)
		e->post[e->npost++] = (struct posting){ GL_CASH, u.drawer,
		    -book };
	if (counted != 0)
		e->post[e->npost++] = (struct posting){ GL_VAULT, 0, counted };
	if (book != counted)
		e->post[e->npost++] = (struct posting){ GL_OVERSHORT, u.drawer,
		    book - counted };
	return 0;
}

static int
apply_open(struct store_txn *t, const struct entry *e, const struct user *by,
    struct drawer *dr)
{
	char		 name[NAME_MAX_COLS * 4 + 1];
	uint16_t	 i;
	int		 r;

	if (dr->state == DRAWER_OPEN)
		return STORE_E_DRAWEROPEN;
	if (by->drawer == 0)
		return STORE_E_ROLE;
	for (i = 0; i < e->npost; i++) {
		const struct posting *p = &e->post[i];

		if (!((p->gl == GL_CASH && p->sub == by->drawer &&
		    p->amount > 0) || (p->gl == GL_VAULT && p->amount < 0)))
			return STORE_E_INVAL;
	}
	snprintf(name, sizeof name, "%s", by->name);
	if ((r = account_open_sub(t, e->branch, GL_CASH, by->drawer, name,
	    -1)) != 0 ||
	    (r = account_open_sub(t, e->branch, GL_OVERSHORT, by->drawer, name,
	    -1)) != 0)
		return r;
	dr->state = DRAWER_OPEN;
	dr->opened = e->date;
	dr->sub = by->drawer;
	return drawer_put(t, e->branch, e->user, dr);
}

static int
apply_vault(const struct entry *e, const struct user *by,
    const struct drawer *dr)
{
	if (dr->state != DRAWER_OPEN)
		return STORE_E_DRAWER;
	if (e->npost != 2 ||
	    !((e->post[0].gl == GL_CASH && e->post[0].sub == by->drawer &&
	    e->post[1].gl == GL_VAULT && e->post[1].sub == 0) ||
	    (e->post[1].gl == GL_CASH && e->post[1].sub == by->drawer &&
	    e->post[0].gl == GL_VAULT && e->post[0].sub == 0)))
		return STORE_E_INVAL;
	return 0;
}

/*
 * A difference, over or short, above limit.drawer.difference needs a
 * supervisor's or a manager's approval (apply_entry checks who the
 * approver is, store_post its password at the same terminal).
 */
int
drawer_check_difference(struct store_txn *t, const struct entry *e,
    int64_t diff)
{
	if (diff < 0)
		diff = -diff;
	if (diff <= setting_value(t, e->branch, "limit.drawer.difference"))
		return 0;
	return e->approver[0] == '\0' ? STORE_E_APPROVAL : 0;
}

static int
apply_close(struct store_txn *t, const struct entry *e, const struct user *by,
    struct drawer *dr)
{
	struct denom_count	 dc[DENOM_MAX];
	struct balance		 b;
	int64_t			 counted, book, cash = 0, vault = 0, os = 0;
	size_t			 n;
	uint16_t		 i;
	int			 r;

	if (dr->state != DRAWER_OPEN)
		return STORE_E_DRAWER;
	if ((r = count_decode(e, dc, &n, &counted)) != 0)
		return r;
	if ((r = account_balance(t, e->branch, GL_CASH, dr->sub, &b)) != 0)
		return r;
	book = b.amount;
	for (i = 0; i < e->npost; i++) {
		const struct posting *p = &e->post[i];

		if (p->gl == GL_CASH && p->sub == dr->sub && cash == 0)
			cash = p->amount;
		else if (p->gl == GL_VAULT && p->sub == 0 && vault == 0)
			vault = p->amount;
		else if (p->gl == GL_OVERSHORT && p->sub == dr->sub && os == 0)
			os = p->amount;
		else
			return STORE_E_INVAL;
	}
	if (cash != -book || vault != counted || os != book - counted)
		return STORE_E_INVAL;
	if ((r = drawer_check_difference(t, e, os)) != 0)
		return r;
	dr->state = DRAWER_CLOSED;
	return drawer_put(t, e->branch, e->user, dr);
}

/* Each drawer kind's hook: the poster's drawer, then the kind's rules. */
static int
drawer_open_apply(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	struct drawer	 dr;
	int		 r;

	if ((r = drawer_get(t, e->branch, e->user, &dr)) != 0)
		return r;
	return apply_open(t, e, &c->by, &dr);
}

static int
vault_xfer_apply(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	struct drawer	 dr;
	int		 r;

	if ((r = drawer_get(t, e->branch, e->user, &dr)) != 0)
		return r;
	return apply_vault(e, &c->by, &dr);
}

static int
drawer_close_apply(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	struct drawer	 dr;
	int		 r;

	if ((r = drawer_get(t, e->branch, e->user, &dr)) != 0)
		return r;
	return apply_close(t, e, &c->by, &dr);
}

const struct entry_kind ek_drawer_open = {
	.kind = EK_DRAWER_OPEN,
	.name = "drawer-open",
	.title = N_("drawer opening"),
	.roles = ROLE_TELLER | ROLE_SUPERVISOR | ROLE_MANAGER,
	.apply = drawer_open_apply,
};

const struct entry_kind ek_vault_xfer = {
	.kind = EK_VAULT_XFER,
	.name = "vault-xfer",
	.title = N_("vault transfer"),
	.roles = ROLE_TELLER | ROLE_SUPERVISOR | ROLE_MANAGER,
	.flags = KF_CASH | KF_REVERSIBLE,
	.apply = vault_xfer_apply,
};

const struct entry_kind ek_drawer_close = {
	.kind = EK_DRAWER_CLOSE,
	.name = "drawer-close",
	.title = N_("drawer closing"),
	.roles = ROLE_TELLER | ROLE_SUPERVISOR | ROLE_MANAGER,
	.fields = FIELD(F_COUNT),
	.apply = drawer_close_apply,
};
/*
 * The cash transactions of branch dated from..to (0: no bound) whose
 * cash over the counter was at or above limit.cash.report as it stood
 * when each was posted: the PPATK report's lines, oldest first.  Walks
 * the whole journal, following the setting's changes.  cb's non-zero
 * return stops the walk and is returned.
 */
int
drawer_large_cash(struct store_txn *t, const char *branch, uint32_t from,
    uint32_t to, int (*cb)(void *, const struct large_cash *), void *arg)
{
	const struct setting_def	*d;
	struct branch			 b;
	struct entry			*e = NULL;
	struct large_cash		 lc;
	struct loan			 l;
	char				 key[65], val[32];
	uint64_t			 seq, n;
	int64_t				 thr, v, total;
	uint16_t			 i;
	int				 r, cash;

	if ((d = setting_find("limit.cash.report")) == NULL)
		return STORE_E_NOTFOUND;
	thr = d->def;
	if ((r = branch_get(t, branch, &b)) != 0)
		return r;
	if ((e = malloc(sizeof *e)) == NULL)
		return ENOMEM;
	for (seq = 1; seq < b.next_seq; seq++) {
		if ((r = journal_get(t, branch, seq, e)) != 0)
			goto out;
		if (e->kind == EK_SETTING &&
		    entry_get_str(e, F_KEY, key, sizeof key) == 0 &&
		    strcmp(key, d->name) == 0 &&
		    entry_get_str(e, F_VALUE, val, sizeof val) == 0 &&
		    setting_check(key, val, &v) == 0)
			thr = v;
		if ((from != 0 && e->date < from) || (to != 0 && e->date > to))
			continue;
		/*
		 * Cash over the counter: an entry that moves a teller's
		 * drawer and not the vault (opening, closing and vault
		 * transfers move cash inside the cooperative).
		 */
		total = 0;
		cash = 0;
		for (i = 0; i < e->npost; i++) {
			if (e->post[i].gl == GL_VAULT)
				cash = -1;
			if (e->post[i].gl != GL_CASH || cash < 0)
				continue;
			total += e->post[i].amount;
			cash = 1;
		}
		if (cash != 1 || (total < 0 ? -total : total) < thr)
			continue;
		memset(&lc, 0, sizeof lc);
		lc.seq = e->seq;
		lc.date = e->date;
		lc.time = e->time;
		lc.kind = e->kind;
		lc.amount = total;
		str_copy(lc.user, e->user, sizeof lc.user);
		str_copy(lc.approver, e->approver, sizeof lc.approver);
		if (entry_get_u64(e, F_MEMBER, &n) == 0)
			lc.member = n;
		else if (entry_get_u64(e, F_LOAN, &n) == 0 &&
		    loan_get(t, branch, n, &l) == 0)
			lc.member = l.member;
		if ((r = cb(arg, &lc)) != 0)
			goto out;
	}
	r = 0;
out:
	free(e);
	return r;
}
