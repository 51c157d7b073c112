/*
 * store/savings.c: simpanan.  Pokok once on joining, wajib monthly,
 * sukarela in and out at will above a minimum, berjangka for a term.
 * Every figure is a setting with domain.md's value as its default.
 *
 * Interest on sukarela is worked from each account's month: the lowest
 * end-of-day balance (default) or the average daily balance, kept up to
 * date by the apply function as postings arrive (the savstat table).
 * Interest and tax are rounded down to whole Rupiah; what rounding drops
 * is never paid, and no sen is created.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "store/store-int.h"

#define SAVSTAT_VERSION	1
#define TERM_VERSION	1

/* A savings figure: the branch's setting, or domain.md's default. */
int64_t
savings_setting(struct store_txn *t, const char *branch, const char *name)
{
	return setting_value(t, branch, name);
}

static int64_t
floor_rupiah(int64_t sen)
{
	return sen - sen % 100;
}

uint32_t
date_month_end(uint32_t date)
{
	int	 y, m, d;

	date_to_ymd(date, &y, &m, &d);
	if (++m > 12) {
		m = 1;
		y++;
	}
	return date_from_ymd(y, m, 1) - 1;
}

static uint32_t
month_start(uint32_t date)
{
	int	 y, m, d;

	date_to_ymd(date, &y, &m, &d);
	return date_from_ymd(y, m, 1);
}

/* The same day n months later, or that month's last day. */
uint32_t
date_add_months(uint32_t date, int n)
{
	int		 y, m, d;
	uint32_t	 first, end;

	date_to_ymd(date, &y, &m, &d);
	m += n;
	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	first = date_from_ymd(y, m, 1);
	end = date_month_end(first);
	return first + d - 1 > end ? end : first + d - 1;
}

static void
sub_key(uint8_t key[KEY_BRANCH + 8], const char *branch, uint64_t sub)
{
	key_branch(key, branch);
	be64_put(key + KEY_BRANCH, sub);
}

int
savstat_get(struct store_txn *t, const char *branch, uint64_t sub,
    struct savstat *s)
{
	struct balance	 b;
	int		 r, has;

	memset(s, 0, sizeof *s);
	if ((r = account_balance_ext(t, branch, GL_SUKARELA, sub, &b, s,
	    &has)) != 0)
		return r;
	return has ? 0 : STORE_E_NOTFOUND;
}

/*
 * A sukarela account moved from natural balance ob to nb on date: keep
 * its month's lowest end-of-day balance and its sum of daily balances
 * in s (has: s holds an earlier month or this one).
 */
void
savstat_move(struct savstat *s, int has, uint32_t date, int64_t ob,
    int64_t nb)
{
	uint32_t	 ms = month_start(date);

	if (!has || s->month != ms) {
		/* A new month: what was carried in holds from its first day. */
		memset(s, 0, sizeof *s);
		s->month = ms;
		s->low = INT64_MAX;
		s->last_date = ms;
		s->last_bal = ob;
	}
	if (date > s->last_date) {
		/* last_bal was the balance at the end of each day since. */
		if (s->last_bal < s->low)
			s->low = s->last_bal;
		s->acc += s->last_bal * (int64_t)(date - s->last_date);
		s->last_date = date;
	}
	s->last_bal = nb;
}

/*
 * Interest and tax on member n's sukarela for the month ending on date
 * (the month's last day): base × rate × days / 365, rounded down to
 * whole Rupiah; tax is pct of it, rounded down, when it exceeds the
 * threshold.
 */
int
savings_interest(struct store_txn *t, const char *branch, uint64_t n,
    uint32_t date, int64_t *interest, int64_t *tax)
{
	struct savstat	 s;
	struct balance	 b;
	uint32_t	 ms = month_start(date), days = date - ms + 1;
	int64_t		 bal, low, acc, base, rate, thr, pct;
	__int128	 x;
	int		 r;

	*interest = *tax = 0;
	if ((r = account_balance(t, branch, GL_SUKARELA, n, &b)) != 0)
		return r;
	bal = -b.amount;
	r = savstat_get(t, branch, n, &s);
	if (r != 0 && r != STORE_E_NOTFOUND)
		return r;
	if (r == STORE_E_NOTFOUND || s.month != ms) {
		low = bal;
		acc = bal * (int64_t)days;
	} else {
		low = s.low < s.last_bal ? s.low : s.last_bal;
		acc = s.acc + s.last_bal * (int64_t)(date + 1 - s.last_date);
	}
	base = savings_setting(t, branch, "savings.sukarela.average") ?
	    acc / (int64_t)days : low;
	rate = savings_setting(t, branch, "savings.sukarela.rate_bp");
	if (base <= 0 || rate <= 0)
		return 0;
	x = (__int128)base * rate * days / (365 * 10000);
	*interest = floor_rupiah((int64_t)x);
	thr = savings_setting(t, branch, "savings.tax.threshold");
	pct = savings_setting(t, branch, "savings.tax.pct");
	if (*interest > thr)
		*tax = floor_rupiah(*interest * pct / 100);
	return 0;
}

int
savings_term_get(struct store_txn *t, const char *branch, uint64_t sub,
    struct term *tm)
{
	uint8_t		 key[KEY_BRANCH + 8];
	struct buf	 in;
	uint8_t		 v;
	uint64_t	 member, start, maturity, months, rate;
	MDB_val		 k, d;
	int		 r;

	memset(tm, 0, sizeof *tm);
	sub_key(key, branch, sub);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_get(t->txn, t->st->term, &k, &d)) != 0)
		return r == MDB_NOTFOUND ? STORE_E_NOTFOUND : r;
	buf_from(&in, d.mv_data, d.mv_size);
	if (buf_get_u8(&in, &v) != 0 || v != TERM_VERSION ||
	    buf_get_varint(&in, &member) != 0 ||
	    buf_get_svarint(&in, &tm->principal) != 0 ||
	    buf_get_varint(&in, &start) != 0 ||
	    buf_get_varint(&in, &maturity) != 0 ||
	    buf_get_varint(&in, &months) != 0 ||
	    buf_get_varint(&in, &rate) != 0 ||
	    buf_get_u8(&in, &tm->open) != 0 || buf_left(&in) != 0)
		return STORE_E_CORRUPT;
	tm->member = member;
	tm->start = start;
	tm->maturity = maturity;
	tm->months = months;
	tm->rate_bp = rate;
	return 0;
}

int
term_put(struct store_txn *t, const char *branch, uint64_t sub,
    const struct term *tm)
{
	uint8_t		 key[KEY_BRANCH + 8], rec[64];
	struct buf	 out;
	MDB_val		 k, d;

	buf_wrap(&out, rec, sizeof rec);
	if (buf_put_u8(&out, TERM_VERSION) != 0 ||
	    buf_put_varint(&out, tm->member) != 0 ||
	    buf_put_svarint(&out, tm->principal) != 0 ||
	    buf_put_varint(&out, tm->start) != 0 ||
	    buf_put_varint(&out, tm->maturity) != 0 ||
	    buf_put_varint(&out, tm->months) != 0 ||
	    buf_put_varint(&out, tm->rate_bp) != 0 ||
	    buf_put_u8(&out, tm->open) != 0)
		return STORE_E_INVAL;
	sub_key(key, branch, sub);
	k.mv_data = key;
	k.mv_size = sizeof key;
	d.mv_data = rec;
	d.mv_size = out.len;
	return mdb_put(t->txn, t->st->term, &k, &d, 0);
}

/*
 * What a berjangka deposit pays out on date: at or after maturity its
 * simple interest for the term (less tax when the monthly equivalent
 * exceeds the threshold); before, no interest and a penalty.
 */
int
savings_term_payout(struct store_txn *t, const char *branch, uint64_t sub,
    uint32_t date, int64_t *interest, int64_t *tax, int64_t *penalty)
{
	struct term	 tm;
	int64_t		 thr, pct, pen;
	__int128	 x;
	int		 r;

	*interest = *tax = *penalty = 0;
	if ((r = savings_term_get(t, branch, sub, &tm)) != 0)
		return r == STORE_E_NOTFOUND ? STORE_E_ACCOUNT : r;
	if (!tm.open)
		return STORE_E_TERM;
	if (date >= tm.maturity) {
		x = (__int128)tm.principal * tm.rate_bp * tm.months /
		    (12 * 10000);
		*interest = floor_rupiah((int64_t)x);
		thr = savings_setting(t, branch, "savings.tax.threshold");
		pct = savings_setting(t, branch, "savings.tax.pct");
		if (tm.months > 0 && *interest / tm.months > thr)
			*tax = floor_rupiah(*interest * pct / 100);
	} else {
		pen = savings_setting(t, branch, "savings.berjangka.penalty_bp");
		x = (__int128)tm.principal * pen / 10000;
		*penalty = floor_rupiah((int64_t)x);
	}
	return 0;
}

static int
member_active(struct store_txn *t, const struct entry *e, uint64_t *n)
{
	struct member	 m;
	int		 r;

	if (entry_get_u64(e, F_MEMBER, n) != 0)
		return STORE_E_INVAL;
	if ((r = member_get(t, e->branch, *n, &m)) != 0)
		return r;
	return m.status == MEMBER_ACTIVE ? 0 : STORE_E_INACTIVE;
}

/* Would debiting amount from member n's sukarela leave its minimum? */
static int
sukarela_can_pay(struct store_txn *t, const char *branch, uint64_t n,
    int64_t amount)
{
	struct account	 a;
	struct balance	 b;
	int		 r;

	if ((r = account_get(t, branch, GL_SUKARELA, n, &a)) != 0 ||
	    (r = account_balance(t, branch, GL_SUKARELA, n, &b)) != 0)
		return r;
	if (-b.amount - amount < a.min)
		return STORE_E_BALANCE;
	return 0;
}

static int
apply_deposit(struct store_txn *t, const struct entry *e, uint64_t n)
{
	const struct posting	*c, *m;

	if (e->npost != 2)
		return STORE_E_INVAL;
	c = e->post[0].gl == GL_CASH ? &e->post[0] : &e->post[1];
	m = c == &e->post[0] ? &e->post[1] : &e->post[0];
	if (c->gl != GL_CASH || c->amount <= 0)
		return STORE_E_INVAL;
	if (m->gl == GL_POKOK)
		return STORE_E_POKOK;
	if ((m->gl != GL_WAJIB && m->gl != GL_SUKARELA) || m->sub != n)
		return STORE_E_INVAL;
	return 0;
}

static int
apply_withdraw(struct store_txn *t, const struct entry *e,
    const struct user *by, uint64_t n)
{
	const struct posting	*c, *m;
	int64_t			 limit;
	const char		*ln;

	if (e->npost != 2)
		return STORE_E_INVAL;
	c = e->post[0].gl == GL_CASH ? &e->post[0] : &e->post[1];
	m = c == &e->post[0] ? &e->post[1] : &e->post[0];
	if (c->gl != GL_CASH || c->amount >= 0 || m->sub != n)
		return STORE_E_INVAL;
	if (m->gl == GL_POKOK || m->gl == GL_WAJIB)
		return STORE_E_NOTWITHDRAW;
	if (m->gl != GL_SUKARELA)
		return STORE_E_INVAL;
	ln = by->role == ROLE_MANAGER ? "limit.withdraw.manager" :
	    by->role == ROLE_SUPERVISOR ? "limit.withdraw.supervisor" :
	    "limit.withdraw.teller";
	limit = savings_setting(t, e->branch, ln);
	if (limit > 0 && m->amount > limit) {
		struct user	 ap;
		int		 r;

		if (e->approver[0] == '\0')
			return STORE_E_APPROVAL;
		/* The approver's own limit holds too: above it, a manager. */
		if ((r = user_get(t, e->branch, e->approver, &ap)) != 0)
			return r;
		ln = ap.role == ROLE_MANAGER ? "limit.withdraw.manager" :
		    "limit.withdraw.supervisor";
		limit = savings_setting(t, e->branch, ln);
		if (limit > 0 && m->amount > limit)
			return STORE_E_APPROVAL;
	}
	return sukarela_can_pay(t, e->branch, n, m->amount);
}

/* Between one member's own accounts: sukarela to wajib. */
static int
apply_transfer(struct store_txn *t, const struct entry *e, uint64_t n)
{
	const struct posting	*from, *to;

	if (e->npost != 2)
		return STORE_E_INVAL;
	from = e->post[0].amount > 0 ? &e->post[0] : &e->post[1];
	to = from == &e->post[0] ? &e->post[1] : &e->post[0];
	if (from->sub != n || to->sub != n)
		return STORE_E_INVAL;
	if (from->gl == GL_POKOK || from->gl == GL_WAJIB)
		return STORE_E_NOTWITHDRAW;
	if (from->gl != GL_SUKARELA || to->gl != GL_WAJIB)
		return STORE_E_INVAL;
	return sukarela_can_pay(t, e->branch, n, from->amount);
}

static int
apply_interest(const struct entry *e)
{
	uint16_t	 i;
	uint64_t	 day;

	if (entry_get_u64(e, F_DATE, &day) != 0 || day != e->date ||
	    date_month_end(e->date) != e->date)
		return STORE_E_INVAL;
	for (i = 0; i < e->npost; i++) {
		const struct posting *p = &e->post[i];

		if (!((p->gl == GL_SAV_INT && p->sub == 0 && p->amount > 0) ||
		    (p->gl == GL_TAX_PAYABLE && p->sub == 0 && p->amount < 0) ||
		    (p->gl == GL_SUKARELA && p->sub != 0)))
			return STORE_E_INVAL;
	}
	return 0;
}

static int
apply_term_open(struct store_txn *t, const struct entry *e,
    const struct user *by, uint64_t n)
{
	struct member	 m;
	struct term	 tm;
	uint64_t	 months, rate, sub;
	uint16_t	 k, i;
	const struct posting *dep = NULL, *src = NULL;
	int		 r;

	if (entry_get_u64(e, F_TERM, &months) != 0 ||
	    entry_get_u64(e, F_RATE, &rate) != 0 ||
	    entry_get_u64(e, F_SUB, &sub) != 0)
		return STORE_E_INVAL;
	if (months < 1 || months > 60 || rate > 5000)
		return STORE_E_TERM;
	if ((r = member_get(t, e->branch, n, &m)) != 0)
		return r;
	if (sub != n * 100 + m.nterm + 1)
		return STORE_E_INVAL;
	if (e->npost != 2)
		return STORE_E_INVAL;
	for (i = 0; i < 2; i++) {
		if (e->post[i].gl == GL_BERJANGKA && e->post[i].sub == sub &&
		    e->post[i].amount < 0)
			dep = &e->post[i];
		else if ((e->post[i].gl == GL_CASH ||
		    (e->post[i].gl == GL_SUKARELA && e->post[i].sub == n)) &&
		    e->post[i].amount > 0)
			src = &e->post[i];
	}
	if (dep == NULL || src == NULL)
		return STORE_E_INVAL;
	if (src->gl == GL_SUKARELA &&
	    (r = sukarela_can_pay(t, e->branch, n, src->amount)) != 0)
		return r;
	if ((r = member_next_term(t, e->branch, n, &k)) != 0 ||
	    (r = account_open_sub(t, e->branch, GL_BERJANGKA, sub, m.name,
	    0)) != 0)
		return r;
	memset(&tm, 0, sizeof tm);
	tm.member = n;
	tm.principal = -dep->amount;
	tm.start = e->date;
	tm.months = months;
	tm.maturity = date_add_months(e->date, (int)months);
	tm.rate_bp = rate;
	tm.open = 1;
	return term_put(t, e->branch, sub, &tm);
}

/* The payout must be exactly what savings_term_payout() says. */
static int
apply_term_close(struct store_txn *t, const struct entry *e, uint64_t n)
{
	struct term	 tm;
	uint64_t	 sub;
	int64_t		 interest, tax, penalty, want[5], got[5] = { 0 };
	uint16_t	 i;
	int		 r;

	if (entry_get_u64(e, F_SUB, &sub) != 0 || sub / 100 != n)
		return STORE_E_INVAL;
	if ((r = savings_term_get(t, e->branch, sub, &tm)) != 0)
		return r == STORE_E_NOTFOUND ? STORE_E_ACCOUNT : r;
	if ((r = savings_term_payout(t, e->branch, sub, e->date, &interest,
	    &tax, &penalty)) != 0)
		return r;
	if (strcmp(e->user, LOGIN_SYSTEM) == 0 && e->date < tm.maturity)
		return STORE_E_TERM;
	want[0] = tm.principal;			/* debit berjangka */
	want[1] = interest;			/* debit interest expense */
	want[2] = -tax;				/* credit tax payable */
	want[3] = -penalty;			/* credit other income */
	want[4] = -(tm.principal + interest - tax - penalty);	/* sukarela */
	for (i = 0; i < e->npost; i++) {
		const struct posting *p = &e->post[i];
		int slot;

		if (p->gl == GL_BERJANGKA && p->sub == sub)
			slot = 0;
		else if (p->gl == GL_SAV_INT && p->sub == 0)
			slot = 1;
		else if (p->gl == GL_TAX_PAYABLE && p->sub == 0)
			slot = 2;
		else if (p->gl == GL_OTHER_INC && p->sub == 0)
			slot = 3;
		else if (p->gl == GL_SUKARELA && p->sub == n)
			slot = 4;
		else
			return STORE_E_INVAL;
		if (got[slot] != 0)
			return STORE_E_INVAL;
		got[slot] = p->amount;
	}
	for (i = 0; i < 5; i++) {
		if (got[i] != want[i])
			return STORE_E_INVAL;
	}
	tm.open = 0;
	return term_put(t, e->branch, sub, &tm);
}

/* Each counter kind's hook: its member must be active, then its rules. */
static int
deposit_apply(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	uint64_t	 n;
	int		 r;

	(void)c;
	if ((r = member_active(t, e, &n)) != 0)
		return r;
	return apply_deposit(t, e, n);
}

static int
withdraw_apply(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	uint64_t	 n;
	int		 r;

	if ((r = member_active(t, e, &n)) != 0)
		return r;
	return apply_withdraw(t, e, &c->by, n);
}

static int
transfer_apply(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	uint64_t	 n;
	int		 r;

	(void)c;
	if ((r = member_active(t, e, &n)) != 0)
		return r;
	return apply_transfer(t, e, n);
}

static int
interest_apply(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	(void)t;
	(void)c;
	return apply_interest(e);
}

static int
term_open_apply(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	uint64_t	 n;
	int		 r;

	if ((r = member_active(t, e, &n)) != 0)
		return r;
	return apply_term_open(t, e, &c->by, n);
}

static int
term_close_apply(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	uint64_t	 n;
	int		 r;

	(void)c;
	if ((r = member_active(t, e, &n)) != 0)
		return r;
	return apply_term_close(t, e, n);
}

/* Once paid out, the berjangka account is closed. */
static int
term_close_after(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	uint64_t	 sub = 0;

	(void)c;
	(void)entry_get_u64(e, F_SUB, &sub);
	return account_close(t, e->branch, GL_BERJANGKA, sub);
}

#define COUNTER_ROLES	(ROLE_TELLER | ROLE_SUPERVISOR | ROLE_MANAGER)

const struct entry_kind ek_deposit = {
	.kind = EK_DEPOSIT,
	.name = "deposit",
	.title = N_("deposit"),
	.receipt = N_("DEPOSIT RECEIPT"),
	.roles = COUNTER_ROLES,
	.flags = KF_CASH | KF_REVERSIBLE,
	.fields = FIELD(F_MEMBER),
	.required = FIELD(F_MEMBER),
	.apply = deposit_apply,
};

const struct entry_kind ek_withdraw = {
	.kind = EK_WITHDRAW,
	.name = "withdraw",
	.title = N_("withdrawal"),
	.receipt = N_("WITHDRAWAL RECEIPT"),
	.roles = COUNTER_ROLES,
	.flags = KF_CASH | KF_REVERSIBLE,
	.fields = FIELD(F_MEMBER),
	.required = FIELD(F_MEMBER),
	.apply = withdraw_apply,
};

const struct entry_kind ek_transfer = {
	.kind = EK_TRANSFER,
	.name = "transfer",
	.title = N_("transfer"),
	.receipt = N_("TRANSFER RECEIPT"),
	.roles = COUNTER_ROLES,
	.flags = KF_REVERSIBLE,
	.fields = FIELD(F_MEMBER),
	.required = FIELD(F_MEMBER),
	.apply = transfer_apply,
};

const struct entry_kind ek_interest = {
	.kind = EK_INTEREST,
	.name = "interest",
	.title = N_("interest"),
	.roles = ROLE_SYSTEM,
	.flags = KF_SYSTEM,
	.fields = FIELD(F_DATE),
	.required = FIELD(F_DATE),
	.apply = interest_apply,
};

const struct entry_kind ek_term_open = {
	.kind = EK_TERM_OPEN,
	.name = "term-open",
	.title = N_("term deposit"),
	.receipt = N_("TERM DEPOSIT RECEIPT"),
	.roles = COUNTER_ROLES,
	.flags = KF_CASH,
	.fields = FIELD(F_SUB) | FIELD(F_MEMBER) | FIELD(F_TERM) |
	    FIELD(F_RATE),
	.required = FIELD(F_SUB) | FIELD(F_MEMBER) | FIELD(F_TERM) |
	    FIELD(F_RATE),
	.apply = term_open_apply,
};

const struct entry_kind ek_term_close = {
	.kind = EK_TERM_CLOSE,
	.name = "term-close",
	.title = N_("term paid out"),
	.receipt = N_("TERM DEPOSIT PAY-OUT"),
	.roles = COUNTER_ROLES | ROLE_SYSTEM,
	.fields = FIELD(F_SUB) | FIELD(F_MEMBER) | FIELD(F_PENALTY),
	.required = FIELD(F_SUB) | FIELD(F_MEMBER),
	.apply = term_close_apply,
	.after = term_close_after,
};

/*
 * Fill q for a counter operation on member n's savings by user u, who
 * posts from her own drawer: EK_DEPOSIT (gl: GL_SUKARELA or GL_WAJIB),
 * EK_WITHDRAW (from sukarela) or EK_TRANSFER (sukarela to wajib).  fv
 * holds the member field's bytes and must outlive q.  The console and
 * the commands both build their requests here.
 */
int
savings_counter_req(struct post_req *q, uint16_t kind, const char *branch,
    const struct user *u, uint64_t n, uint32_t gl, int64_t amount,
    uint8_t fv[10])
{
	struct buf	 b;

	memset(q, 0, sizeof *q);
	if (amount <= 0)
		return STORE_E_AMOUNT;
	if (amount > AMOUNT_MAX)
		return STORE_E_OVERFLOW;
	q->branch = branch;
	q->user = u->login;
	q->kind = kind;
	buf_wrap(&b, fv, 10);
	buf_put_varint(&b, n);
	q->field[0] = (struct field){ F_MEMBER, (uint16_t)b.len, fv };
	q->nfield = 1;
	q->npost = 2;
	switch (kind) {
	case EK_DEPOSIT:
		if (gl != GL_SUKARELA && gl != GL_WAJIB)
			return gl == GL_POKOK ? STORE_E_POKOK : STORE_E_INVAL;
		q->post[0] = (struct posting){ GL_CASH, u->drawer, amount };
		q->post[1] = (struct posting){ gl, n, -amount };
		break;
	case EK_WITHDRAW:
		q->post[0] = (struct posting){ GL_SUKARELA, n, amount };
		q->post[1] = (struct posting){ GL_CASH, u->drawer, -amount };
		break;
	case EK_TRANSFER:
		q->post[0] = (struct posting){ GL_SUKARELA, n, amount };
		q->post[1] = (struct posting){ GL_WAJIB, n, -amount };
		break;
	default:
		return STORE_E_INVAL;
	}
	return 0;
}

/* Inside the transaction: the deposit's sub-account and its postings. */
static int
term_open_prepare(struct store_txn *t, struct entry *e, void *arg)
{
	const struct term_req	*q = arg;
	struct member		 m;
	struct user		 u;
	uint64_t		 sub;
	int			 r;

	if ((r = member_get(t, e->branch, q->member, &m)) != 0 ||
	    (r = user_get(t, e->branch, e->user, &u)) != 0)
		return r;
	if (m.nterm >= 99)
		return STORE_E_TERM;
	sub = q->member * 100 + m.nterm + 1;
	entry_init_fields(e);
	if ((r = entry_add_u64(e, F_SUB, sub)) != 0 ||
	    (r = entry_add_u64(e, F_MEMBER, q->member)) != 0 ||
	    (r = entry_add_u64(e, F_TERM, q->months)) != 0 ||
	    (r = entry_add_u64(e, F_RATE, q->rate_bp)) != 0)
		return r;
	e->npost = 2;
	if (q->from_sukarela)
		e->post[0] = (struct posting){ GL_SUKARELA, q->member,
		    q->amount };
	else
		e->post[0] = (struct posting){ GL_CASH, u.drawer, q->amount };
	e->post[1] = (struct posting){ GL_BERJANGKA, sub, -q->amount };
	return 0;
}

void
savings_term_open_req(struct post_req *p, const char *branch,
    const char *user, const struct term_req *q)
{
	store_req_prepared(p, branch, user, EK_TERM_OPEN, term_open_prepare, q);
}

/* Inside the transaction: pay a deposit out to sukarela as it stands. */
static int
term_close_prepare(struct store_txn *t, struct entry *e, void *arg)
{
	const uint64_t	*sub = arg;
	struct term	 tm;
	int64_t		 in, tax, pen;
	int		 r;

	if ((r = savings_term_get(t, e->branch, *sub, &tm)) != 0)
		return r == STORE_E_NOTFOUND ? STORE_E_ACCOUNT : r;
	if ((r = savings_term_payout(t, e->branch, *sub, e->date, &in, &tax,
	    &pen)) != 0)
		return r;
	entry_init_fields(e);
	if ((r = entry_add_u64(e, F_SUB, *sub)) != 0 ||
	    (r = entry_add_u64(e, F_MEMBER, tm.member)) != 0)
		return r;
	if (pen != 0 && (r = entry_add_i64(e, F_PENALTY, pen)) != 0)
		return r;
	e->npost = 0;
	e->post[e->npost++] = (struct posting){ GL_BERJANGKA, *sub,
	    tm.principal };
	if (in != 0)
		e->post[e->npost++] = (struct posting){ GL_SAV_INT, 0, in };
	if (tax != 0)
		e->post[e->npost++] = (struct posting){ GL_TAX_PAYABLE, 0, -tax };
	if (pen != 0)
		e->post[e->npost++] = (struct posting){ GL_OTHER_INC, 0, -pen };
	e->post[e->npost++] = (struct posting){ GL_SUKARELA, tm.member,
	    -(tm.principal + in - tax - pen) };
	return 0;
}

void
savings_term_close_req(struct post_req *p, const char *branch,
    const char *user, const uint64_t *sub)
{
	store_req_prepared(p, branch, user, EK_TERM_CLOSE,
	    term_close_prepare, sub);
}
