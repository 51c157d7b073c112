/*
 * store/loan.c: pinjaman.  Products, and each loan's life: application,
 * approval by a second person, disbursement, its schedule, repayments,
 * the end of day's aging, write-off and recoveries.  Figures and rules
 * are domain.md's "Loans"; every figure is a product field or a setting.
 *
 * The arithmetic (interest, fees, schedules, the split of a repayment,
 * penalty and days past due, class and provision) is store/loan-calc.c,
 * which knows no LMDB; this file keeps the records and the entry kinds.
 *
 * What is stored, derived from the journal by the apply function:
 *
 *	lprod	 branch code -> product
 *	loan	 branch number -> the loan's terms and where it stands
 *	lsched	 branch number k -> instalment k: due date, principal,
 *		 interest (written when the loan is disbursed, and rewritten
 *		 from the next instalment on when a prepayment shrinks it)
 *	ldue	 branch date number -> "": each active loan under the date
 *		 its next instalment falls due
 *	lmember	 branch member number -> "": a member's loans
 *
 * Aging is event driven.  Between two events (an instalment falling
 * due, a repayment) a loan's overdue amount stays the same, so the
 * penalty grows by the same whole Rupiah each day and the days past due
 * by one: both are worked out for any date from the last event (see
 * project()), and give exactly what charging them day by day would.
 * The end of day's EK_LOAN_AGE entry therefore touches only the loans
 * whose instalment falls due that day, found through ldue: one small
 * record and one instalment each, never a whole schedule, and the other
 * loans not at all.  That keeps the close of a day fast however many
 * loans there are, and replay and loket verify deterministic.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

#define PRODUCT_REC_VERSION	1
#define LOAN_REC_VERSION	1
#define SCHED_REC_VERSION	1

/* -- records -------------------------------------------------------------- */

int
loan_product_valid_code(const char *s)
{
	size_t	 i, n = strlen(s);

	if (n == 0 || n > PRODUCT_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' &&
		    s[i] <= '9')))
			return 0;
	}
	return 1;
}

static size_t
product_key(uint8_t key[KEY_BRANCH + PRODUCT_MAX], const char *branch,
    const char *code)
{
	size_t	 n = strnlen(code, PRODUCT_MAX);

	key_branch(key, branch);
	memcpy(key + KEY_BRANCH, code, n);
	return KEY_BRANCH + n;
}

int
loan_product_get(struct store_txn *t, const char *branch, const char *code,
    struct loan_product *p)
{
	uint8_t		 key[KEY_BRANCH + PRODUCT_MAX], v, m, f, o, rg;
	uint64_t	 rate, term, fee, prov, pen;
	struct buf	 in;
	MDB_val		 k, d;
	int		 r;

	memset(p, 0, sizeof *p);
	if (!loan_product_valid_code(code))
		return STORE_E_PRODUCT;
	k.mv_data = key;
	k.mv_size = product_key(key, branch, code);
	if ((r = mdb_get(t->txn, t->st->lprod, &k, &d)) != 0)
		return r == MDB_NOTFOUND ? STORE_E_PRODUCT : r;
	buf_from(&in, d.mv_data, d.mv_size);
	if (buf_get_u8(&in, &v) != 0 || v != PRODUCT_REC_VERSION ||
	    buf_get_str(&in, p->name, sizeof p->name) != 0 ||
	    buf_get_u8(&in, &m) != 0 || buf_get_u8(&in, &f) != 0 ||
	    buf_get_u8(&in, &o) != 0 || buf_get_u8(&in, &rg) != 0 ||
	    buf_get_varint(&in, &rate) != 0 ||
	    buf_get_varint(&in, &term) != 0 ||
	    buf_get_varint(&in, &fee) != 0 ||
	    buf_get_varint(&in, &prov) != 0 ||
	    buf_get_varint(&in, &pen) != 0 || buf_left(&in) != 0)
		return STORE_E_CORRUPT;
	str_copy(p->code, code, sizeof p->code);
	p->method = m;
	p->flags = f;
	p->order = o;
	p->regime = rg;
	p->rate_bp = rate;
	p->max_term = term;
	p->fee_bp = fee;
	p->provisi_bp = prov;
	p->penalty_bp = pen;
	return 0;
}

static int
product_put(struct store_txn *t, const char *branch,
    const struct loan_product *p)
{
	uint8_t		 key[KEY_BRANCH + PRODUCT_MAX];
	uint8_t		 rec[NAME_MAX_COLS * 4 + 64];
	struct buf	 out;
	MDB_val		 k, d;

	buf_wrap(&out, rec, sizeof rec);
	if (buf_put_u8(&out, PRODUCT_REC_VERSION) != 0 ||
	    buf_put_str(&out, p->name) != 0 ||
	    buf_put_u8(&out, p->method) != 0 ||
	    buf_put_u8(&out, p->flags) != 0 ||
	    buf_put_u8(&out, p->order) != 0 ||
	    buf_put_u8(&out, p->regime) != 0 ||
	    buf_put_varint(&out, p->rate_bp) != 0 ||
	    buf_put_varint(&out, p->max_term) != 0 ||
	    buf_put_varint(&out, p->fee_bp) != 0 ||
	    buf_put_varint(&out, p->provisi_bp) != 0 ||
	    buf_put_varint(&out, p->penalty_bp) != 0)
		return STORE_E_INVAL;
	k.mv_data = key;
	k.mv_size = product_key(key, branch, p->code);
	d.mv_data = rec;
	d.mv_size = out.len;
	return mdb_put(t->txn, t->st->lprod, &k, &d, 0);
}

/* Each product of the branch, in code order, until fn returns non-zero. */
int
loan_product_list(struct store_txn *t, const char *branch,
    int (*fn)(void *, const struct loan_product *), void *arg)
{
	MDB_cursor		*c;
	MDB_val			 k, d;
	uint8_t			 key[KEY_BRANCH];
	char			 code[PRODUCT_MAX + 1];
	struct loan_product	 p;
	int			 r, op;

	key_branch(key, branch);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_cursor_open(t->txn, t->st->lprod, &c)) != 0)
		return r;
	for (op = MDB_SET_RANGE; (r = mdb_cursor_get(c, &k, &d, op)) == 0;
	    op = MDB_NEXT) {
		if (k.mv_size <= KEY_BRANCH ||
		    k.mv_size > KEY_BRANCH + PRODUCT_MAX ||
		    memcmp(k.mv_data, key, KEY_BRANCH) != 0)
			break;
		memcpy(code, (uint8_t *)k.mv_data + KEY_BRANCH,
		    k.mv_size - KEY_BRANCH);
		code[k.mv_size - KEY_BRANCH] = '\0';
		if ((r = loan_product_get(t, branch, code, &p)) != 0 ||
		    (r = fn(arg, &p)) != 0)
			break;
	}
	mdb_cursor_close(c);
	return r == MDB_NOTFOUND ? 0 : r;
}

static void
loan_key(uint8_t key[KEY_BRANCH + 8], const char *branch, uint64_t n)
{
	key_branch(key, branch);
	be64_put(key + KEY_BRANCH, n);
}

static int
loan_decode(struct loan *l, const void *data, size_t len)
{
	struct buf	 in;
	uint8_t		 v;
	uint64_t	 x[13];
	int		 i;

	buf_from(&in, data, len);
	if (buf_get_u8(&in, &v) != 0 || v != LOAN_REC_VERSION ||
	    buf_get_varint(&in, &l->member) != 0 ||
	    buf_get_str(&in, l->product, sizeof l->product) != 0 ||
	    buf_get_u8(&in, &l->state) != 0 ||
	    buf_get_u8(&in, &l->method) != 0 ||
	    buf_get_u8(&in, &l->flags) != 0 ||
	    buf_get_u8(&in, &l->order) != 0 ||
	    buf_get_u8(&in, &l->regime) != 0 ||
	    buf_get_str(&in, l->applicant, sizeof l->applicant) != 0 ||
	    buf_get_str(&in, l->approver, sizeof l->approver) != 0)
		return STORE_E_CORRUPT;
	for (i = 0; i < 13; i++) {
		if (buf_get_varint(&in, &x[i]) != 0 || x[i] > UINT32_MAX)
			return STORE_E_CORRUPT;
	}
	l->rate_bp = x[0];
	l->penalty_bp = x[1];
	l->fee_bp = x[2];
	l->provisi_bp = x[3];
	l->term = x[4];
	l->applied = x[5];
	l->approved = x[6];
	l->disbursed = x[7];
	l->ended = x[8];
	l->kint = x[9];
	l->kprin = x[10];
	l->ndue = x[11];
	l->pen_to = x[12];
	if (buf_get_svarint(&in, &l->principal) != 0 ||
	    buf_get_svarint(&in, &l->int_part) != 0 ||
	    buf_get_svarint(&in, &l->prin_part) != 0 ||
	    buf_get_svarint(&in, &l->overdue) != 0 ||
	    buf_get_svarint(&in, &l->penalty) != 0 ||
	    buf_get_svarint(&in, &l->outstanding) != 0 ||
	    buf_get_svarint(&in, &l->fees) != 0 ||
	    buf_get_svarint(&in, &l->paid_interest) != 0 ||
	    buf_get_svarint(&in, &l->paid_penalty) != 0 ||
	    buf_get_svarint(&in, &l->paid_principal) != 0 ||
	    buf_get_svarint(&in, &l->written_off) != 0 ||
	    buf_get_svarint(&in, &l->recovered) != 0)
		return STORE_E_CORRUPT;
	/* Only an imported loan with accrued interest unpaid has more. */
	if (buf_left(&in) != 0 &&
	    (buf_get_svarint(&in, &l->accrued) != 0 || l->accrued <= 0 ||
	    buf_left(&in) != 0))
		return STORE_E_CORRUPT;
	if (l->term > LOAN_TERM_MAX || l->kint > l->term ||
	    l->kprin > l->term || l->ndue > l->term)
		return STORE_E_CORRUPT;
	return 0;
}

int
loan_get(struct store_txn *t, const char *branch, uint64_t n, struct loan *l)
{
	uint8_t	 key[KEY_BRANCH + 8];
	MDB_val	 k, d;
	int	 r;

	memset(l, 0, sizeof *l);
	loan_key(key, branch, n);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_get(t->txn, t->st->loan, &k, &d)) != 0)
		return r == MDB_NOTFOUND ? STORE_E_LOAN : r;
	if ((r = loan_decode(l, d.mv_data, d.mv_size)) != 0)
		return r;
	l->number = n;
	return 0;
}

/* About 60 bytes for a running loan: small, as aging reads and writes it. */
static int
loan_put(struct store_txn *t, const char *branch, const struct loan *l)
{
	uint8_t		 key[KEY_BRANCH + 8], rec[256];
	struct buf	 out;
	MDB_val		 k, d;
	const uint64_t	 x[13] = { l->rate_bp, l->penalty_bp, l->fee_bp,
	    l->provisi_bp, l->term, l->applied, l->approved, l->disbursed,
	    l->ended, l->kint, l->kprin, l->ndue, l->pen_to };
	const int64_t	 y[12] = { l->principal, l->int_part, l->prin_part,
	    l->overdue, l->penalty, l->outstanding, l->fees, l->paid_interest,
	    l->paid_penalty, l->paid_principal, l->written_off, l->recovered };
	size_t		 i;

	buf_wrap(&out, rec, sizeof rec);
	if (buf_put_u8(&out, LOAN_REC_VERSION) != 0 ||
	    buf_put_varint(&out, l->member) != 0 ||
	    buf_put_str(&out, l->product) != 0 ||
	    buf_put_u8(&out, l->state) != 0 ||
	    buf_put_u8(&out, l->method) != 0 ||
	    buf_put_u8(&out, l->flags) != 0 ||
	    buf_put_u8(&out, l->order) != 0 ||
	    buf_put_u8(&out, l->regime) != 0 ||
	    buf_put_str(&out, l->applicant) != 0 ||
	    buf_put_str(&out, l->approver) != 0)
		return STORE_E_INVAL;
	for (i = 0; i < 13; i++) {
		if (buf_put_varint(&out, x[i]) != 0)
			return STORE_E_INVAL;
	}
	for (i = 0; i < 12; i++) {
		if (buf_put_svarint(&out, y[i]) != 0)
			return STORE_E_INVAL;
	}
	if (l->accrued != 0 && buf_put_svarint(&out, l->accrued) != 0)
		return STORE_E_INVAL;
	loan_key(key, branch, l->number);
	k.mv_data = key;
	k.mv_size = sizeof key;
	d.mv_data = rec;
	d.mv_size = out.len;
	return mdb_put(t->txn, t->st->loan, &k, &d, 0);
}

static void
sched_key(uint8_t key[KEY_BRANCH + 10], const char *branch, uint64_t n,
    uint32_t k)
{
	key_branch(key, branch);
	be64_put(key + KEY_BRANCH, n);
	be16_put(key + KEY_BRANCH + 8, k);
}

/* Instalment k (1..term) of loan n as scheduled; paid parts are zero. */
static int
sched_get(struct store_txn *t, const char *branch, uint64_t n, uint32_t k,
    struct instalment *x)
{
	uint8_t		 key[KEY_BRANCH + 10], v;
	uint64_t	 due;
	struct buf	 in;
	MDB_val		 kv, d;
	int		 r;

	memset(x, 0, sizeof *x);
	sched_key(key, branch, n, k);
	kv.mv_data = key;
	kv.mv_size = sizeof key;
	if ((r = mdb_get(t->txn, t->st->lsched, &kv, &d)) != 0)
		return r == MDB_NOTFOUND ? STORE_E_CORRUPT : r;
	buf_from(&in, d.mv_data, d.mv_size);
	if (buf_get_u8(&in, &v) != 0 || v != SCHED_REC_VERSION ||
	    buf_get_varint(&in, &due) != 0 || due > UINT32_MAX ||
	    buf_get_svarint(&in, &x->principal) != 0 ||
	    buf_get_svarint(&in, &x->interest) != 0 || buf_left(&in) != 0)
		return STORE_E_CORRUPT;
	x->due = due;
	return 0;
}

static int
sched_put(struct store_txn *t, const char *branch, uint64_t n, uint32_t k,
    const struct instalment *x)
{
	uint8_t		 key[KEY_BRANCH + 10], rec[32];
	struct buf	 out;
	MDB_val		 kv, d;

	buf_wrap(&out, rec, sizeof rec);
	if (buf_put_u8(&out, SCHED_REC_VERSION) != 0 ||
	    buf_put_varint(&out, x->due) != 0 ||
	    buf_put_svarint(&out, x->principal) != 0 ||
	    buf_put_svarint(&out, x->interest) != 0)
		return STORE_E_INVAL;
	sched_key(key, branch, n, k);
	kv.mv_data = key;
	kv.mv_size = sizeof key;
	d.mv_data = rec;
	d.mv_size = out.len;
	return mdb_put(t->txn, t->st->lsched, &kv, &d, 0);
}

/* The index of active loans by the date their next instalment falls due. */
static int
due_index(struct store_txn *t, const char *branch, uint32_t date,
    uint64_t n, int add)
{
	uint8_t	 key[KEY_BRANCH + 12];
	MDB_val	 k, d;
	int	 r;

	key_branch(key, branch);
	be32_put(key + KEY_BRANCH, date);
	be64_put(key + KEY_BRANCH + 4, n);
	k.mv_data = key;
	k.mv_size = sizeof key;
	d.mv_data = key;
	d.mv_size = 0;
	if (add)
		return mdb_put(t->txn, t->st->ldue, &k, &d, 0);
	r = mdb_del(t->txn, t->st->ldue, &k, NULL);
	return r == MDB_NOTFOUND ? STORE_E_CORRUPT : r;
}

static int
member_index(struct store_txn *t, const char *branch, uint64_t member,
    uint64_t n)
{
	uint8_t	 key[KEY_BRANCH + 16];
	MDB_val	 k, d;

	key_branch(key, branch);
	be64_put(key + KEY_BRANCH, member);
	be64_put(key + KEY_BRANCH + 8, n);
	k.mv_data = key;
	k.mv_size = sizeof key;
	d.mv_data = key;
	d.mv_size = 0;
	return mdb_put(t->txn, t->st->lmember, &k, &d, 0);
}

/*
 * Each loan of the branch (member 0) or of one member, in number order,
 * until fn returns non-zero (which is returned).
 */
int
loan_list(struct store_txn *t, const char *branch, uint64_t member,
    int (*fn)(void *, const struct loan *), void *arg)
{
	MDB_cursor	*c;
	MDB_val		 k, d;
	uint8_t		 key[KEY_BRANCH + 8];
	struct loan	 l;
	size_t		 plen = member ? KEY_BRANCH + 8 : KEY_BRANCH;
	int		 r, op;

	key_branch(key, branch);
	be64_put(key + KEY_BRANCH, member);
	k.mv_data = key;
	k.mv_size = plen;
	if ((r = mdb_cursor_open(t->txn, member ? t->st->lmember :
	    t->st->loan, &c)) != 0)
		return r;
	for (op = MDB_SET_RANGE; (r = mdb_cursor_get(c, &k, &d, op)) == 0;
	    op = MDB_NEXT) {
		const uint8_t *p = k.mv_data;

		if (k.mv_size != plen + 8 || memcmp(p, key, plen) != 0)
			break;
		if (member) {
			if ((r = loan_get(t, branch, be64_get(p + plen),
			    &l)) != 0)
				break;
		} else {
			memset(&l, 0, sizeof l);
			if ((r = loan_decode(&l, d.mv_data, d.mv_size)) != 0)
				break;
			l.number = be64_get(p + plen);
		}
		if ((r = fn(arg, &l)) != 0)
			break;
	}
	mdb_cursor_close(c);
	return r == MDB_NOTFOUND ? 0 : r;
}

/* -- where a loan stands -------------------------------------------------- */

/*
 * The close of each day through `day` on which an instalment falls due:
 * the penalty is charged through that day, on what was overdue before,
 * and the instalment's unpaid part is overdue from the next day on.
 */
static int
fall_due(struct store_txn *t, const char *branch, struct loan *l,
    uint32_t day)
{
	struct instalment	 x;
	uint32_t		 due;
	int			 r;

	while (l->ndue < l->term &&
	    (due = loan_due_date(l, l->ndue + 1)) <= day) {
		loan_accrue(l, due);
		if ((r = sched_get(t, branch, l->number, l->ndue + 1,
		    &x)) != 0)
			return r;
		l->overdue += loan_unpaid(l, l->ndue + 1, &x);
		l->ndue++;
	}
	return 0;
}

/*
 * Bring an active loan to business date `date` as the ends of day
 * before it would have (with those done, nothing falls due here), and
 * charge the penalty of each day through date, on what was overdue at
 * the day's start: a payment on the day after the due date pays a day.
 */
static int
project(struct store_txn *t, const char *branch, struct loan *l,
    uint32_t date)
{
	int	 r;

	if (date > 0 && (r = fall_due(t, branch, l, date - 1)) != 0)
		return r;
	loan_accrue(l, date);
	return 0;
}

/*
 * Save l, and keep its place in the due index: it was active with
 * old_ndue instalments due (was_active) and now is as l says.
 */
static int
loan_save(struct store_txn *t, const char *branch, const struct loan *l,
    int was_active, uint32_t old_ndue)
{
	int	 now_active = l->state == LOAN_ACTIVE && l->ndue < l->term;
	int	 r;

	was_active = was_active && old_ndue < l->term;
	if (was_active && (!now_active || old_ndue != l->ndue) &&
	    (r = due_index(t, branch, loan_due_date(l, old_ndue + 1), l->number,
	    0)) != 0)
		return r;
	if (now_active && (!was_active || old_ndue != l->ndue) &&
	    (r = due_index(t, branch, loan_due_date(l, l->ndue + 1), l->number,
	    1)) != 0)
		return r;
	return loan_put(t, branch, l);
}

/* What a repayment on a date finds owing, and its instalments. */
struct owing {
	uint32_t		 j;	/* instalments due by the date */
	uint32_t		 lo;	/* x[k] is read for lo < k <= j + 1 */
	struct loan_owing	 w;	/* due and unpaid, and of the next */
	int64_t			 payoff;
	struct instalment	 x[LOAN_TERM_MAX + 1];
};

/* l projected to date, and what is owing then. */
static int
owing_at(struct store_txn *t, const char *branch, struct loan *l,
    uint32_t date, struct owing *o)
{
	uint32_t	 k;
	int		 r;

	if ((r = project(t, branch, l, date)) != 0)
		return r;
	o->j = l->ndue;
	while (o->j < l->term && loan_due_date(l, o->j + 1) <= date)
		o->j++;
	o->lo = l->kint < l->kprin ? l->kint : l->kprin;
	memset(&o->w, 0, sizeof o->w);
	for (k = o->lo + 1; k <= o->j + 1 && k <= l->term; k++) {
		int64_t i, p;

		if ((r = sched_get(t, branch, l->number, k, &o->x[k])) != 0)
			return r;
		i = k > l->kint ? o->x[k].interest -
		    (k == l->kint + 1 ? l->int_part : 0) : 0;
		p = k > l->kprin ? o->x[k].principal -
		    (k == l->kprin + 1 ? l->prin_part : 0) : 0;
		if (k <= o->j) {
			o->w.interest += i;
			o->w.principal += p;
		} else {
			o->w.next_interest = i;
			o->w.next_principal = p;
		}
	}
	o->payoff = l->penalty + o->w.interest + l->outstanding;
	return 0;
}

/*
 * A line of the schedule that is not an instalment: a payment in
 * advance or a prepayment, kept in lsched after the instalments, under
 * PAYLINE_K + i (i from 0), in the order they were made.
 */
#define PAYLINE_K	0x8000

static int
payline_count(struct store_txn *t, const char *branch, uint64_t n,
    uint32_t *count)
{
	uint8_t		 key[KEY_BRANCH + 10];
	MDB_cursor	*c;
	MDB_val		 k, d;
	int		 r;

	*count = 0;
	sched_key(key, branch, n, 0xffff);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_cursor_open(t->txn, t->st->lsched, &c)) != 0)
		return r;
	r = mdb_cursor_get(c, &k, &d, MDB_SET_RANGE);
	if (r == 0 || r == MDB_NOTFOUND)
		r = mdb_cursor_get(c, &k, &d, r == 0 ? MDB_PREV : MDB_LAST);
	if (r == 0 && k.mv_size == sizeof key &&
	    memcmp(k.mv_data, key, KEY_BRANCH + 8) == 0 &&
	    be16_get((uint8_t *)k.mv_data + KEY_BRANCH + 8) >= PAYLINE_K)
		*count = be16_get((uint8_t *)k.mv_data + KEY_BRANCH + 8) -
		    PAYLINE_K + 1;
	mdb_cursor_close(c);
	return r == MDB_NOTFOUND ? 0 : r;
}

static int
payline_get(struct store_txn *t, const char *branch, uint64_t n, uint32_t i,
    struct loan_payline *p)
{
	uint8_t		 key[KEY_BRANCH + 10], v;
	uint64_t	 date, k;
	struct buf	 in;
	MDB_val		 kv, d;
	int		 r;

	memset(p, 0, sizeof *p);
	sched_key(key, branch, n, PAYLINE_K + i);
	kv.mv_data = key;
	kv.mv_size = sizeof key;
	if ((r = mdb_get(t->txn, t->st->lsched, &kv, &d)) != 0)
		return r == MDB_NOTFOUND ? STORE_E_CORRUPT : r;
	buf_from(&in, d.mv_data, d.mv_size);
	if (buf_get_u8(&in, &v) != 0 || v != SCHED_REC_VERSION ||
	    buf_get_varint(&in, &date) != 0 || date > UINT32_MAX ||
	    buf_get_varint(&in, &k) != 0 || k > LOAN_TERM_MAX ||
	    buf_get_svarint(&in, &p->advance) != 0 ||
	    buf_get_svarint(&in, &p->prepay) != 0 || buf_left(&in) != 0)
		return STORE_E_CORRUPT;
	p->date = date;
	p->instalment = k;
	return 0;
}

static int
payline_add(struct store_txn *t, const char *branch, uint64_t n,
    const struct loan_payline *p)
{
	uint8_t		 key[KEY_BRANCH + 10], rec[40];
	uint32_t	 i;
	struct buf	 out;
	MDB_val		 kv, d;
	int		 r;

	if ((r = payline_count(t, branch, n, &i)) != 0)
		return r;
	if (PAYLINE_K + i > 0xffff)
		return STORE_E_OVERFLOW;
	buf_wrap(&out, rec, sizeof rec);
	if (buf_put_u8(&out, SCHED_REC_VERSION) != 0 ||
	    buf_put_varint(&out, p->date) != 0 ||
	    buf_put_varint(&out, p->instalment) != 0 ||
	    buf_put_svarint(&out, p->advance) != 0 ||
	    buf_put_svarint(&out, p->prepay) != 0)
		return STORE_E_INVAL;
	sched_key(key, branch, n, PAYLINE_K + i);
	kv.mv_data = key;
	kv.mv_size = sizeof key;
	d.mv_data = rec;
	d.mv_size = out.len;
	return mdb_put(t->txn, t->st->lsched, &kv, &d, MDB_NOOVERWRITE);
}

/*
 * Loan n's payments in advance and prepayments, oldest first: at most
 * max of them in out, *count how many there are.  With the instalments
 * (loan_schedule()) they make the schedule: the instalments' principal
 * and the prepayments add up to the loan.
 */
int
loan_paylines(struct store_txn *t, const char *branch, uint64_t n,
    struct loan_payline *out, size_t max, size_t *count)
{
	struct loan	 l;
	uint32_t	 i, cnt;
	int		 r;

	*count = 0;
	if ((r = loan_get(t, branch, n, &l)) != 0 ||
	    (r = payline_count(t, branch, n, &cnt)) != 0)
		return r;
	for (i = 0; i < cnt && i < max; i++) {
		if ((r = payline_get(t, branch, n, i, &out[i])) != 0)
			return r;
	}
	*count = cnt;
	return 0;
}

/*
 * Apply allocation a to l (projected to date, owing o): the counts move
 * (over the instalments due and the next one, paid in advance), the
 * overdue amount is what remains of the instalments fallen due, and a
 * prepayment is spread again over the instalments after those paid, by
 * the loan's own method and on its due dates: the term stays, the
 * instalments shrink (a flat loan's interest is then on what remains).
 * A payment in advance or a prepayment is kept as a line of the
 * schedule.  When nothing is owed any more the loan is closed.
 */
static int
repay_apply(struct store_txn *t, const char *branch, struct loan *l,
    uint32_t date, struct owing *o, const struct loan_alloc *a, int lines)
{
	struct instalment	 x[LOAN_TERM_MAX];
	struct loan_payline	 pl;
	uint32_t		 k, m, upto;
	int			 r;

	upto = o->j < l->term ? o->j + 1 : o->j;
	l->penalty -= a->penalty;
	loan_pay_parts(&l->kint, &l->int_part, a->interest, o->x, upto, 0);
	loan_pay_parts(&l->kprin, &l->prin_part, a->principal, o->x, upto,
	    1);
	l->outstanding -= a->principal + a->prepay;
	l->paid_penalty += a->penalty;
	l->paid_interest += a->interest;
	l->paid_principal += a->principal + a->prepay;
	l->overdue = 0;
	for (k = o->lo + 1; k <= l->ndue; k++)
		l->overdue += loan_unpaid(l, k, &o->x[k]);
	if (a->prepay > 0) {
		/*
		 * Everything due is paid, and the next instalment too unless
		 * this is the payoff.  An instalment paid in part (in advance,
		 * before the payoff) keeps what was paid of it, and the
		 * instalments after the paid ones share what is left.
		 */
		if (l->kprin < o->j || l->kint > l->kprin + 1)
			return STORE_E_CORRUPT;
		if (l->prin_part != 0) {
			k = l->kprin + 1;
			x[0] = o->x[k];
			x[0].principal = l->prin_part;
			if (k > l->kint)
				x[0].interest = k == l->kint + 1 ?
				    l->int_part : 0;
			if ((r = sched_put(t, branch, l->number, k,
			    &x[0])) != 0)
				return r;
			l->kprin = k;
			l->prin_part = 0;
			if (l->kint < k) {
				l->kint = k;
				l->int_part = 0;
			}
		}
		m = l->term - l->kprin;
		loan_sched_amounts(l->method, l->outstanding, l->rate_bp, m, x);
		for (k = 0; k < m; k++) {
			x[k].due = loan_due_date(l, l->kprin + k + 1);
			if ((r = sched_put(t, branch, l->number,
			    l->kprin + k + 1, &x[k])) != 0)
				return r;
		}
	}
	/* Repayments of the older rule (see apply_repay) kept no lines. */
	if (lines && (a->advance > 0 || a->prepay > 0)) {
		pl.date = date;
		pl.instalment = upto;
		pl.advance = a->advance;
		pl.prepay = a->prepay;
		if ((r = payline_add(t, branch, l->number, &pl)) != 0)
			return r;
	}
	if (l->outstanding == 0 && l->penalty == 0 &&
	    a->interest >= o->w.interest) {
		l->state = LOAN_CLOSED;
		l->ended = date;
		l->overdue = 0;
	}
	return 0;
}

/*
 * How a repayment of amount on date would be split: STORE_E_PAYOFF when
 * it is more than the payoff, STORE_E_LOANSTATE when the loan is not
 * running.
 */
int
loan_allocate(struct store_txn *t, const char *branch, uint64_t n,
    uint32_t date, int64_t amount, struct loan_alloc *a)
{
	struct owing	*o;
	struct loan	 l;
	int		 r;

	memset(a, 0, sizeof *a);
	if ((r = loan_get(t, branch, n, &l)) != 0)
		return r;
	if (l.state != LOAN_ACTIVE)
		return STORE_E_LOANSTATE;
	if (date < l.pen_to)
		return STORE_E_CLOSEDDAY;
	if ((o = malloc(sizeof *o)) == NULL)
		return ENOMEM;
	if ((r = owing_at(t, branch, &l, date, o)) == 0)
		r = loan_split(&l, &o->w, amount, a);
	free(o);
	return r;
}

/* Loan l (active, as its record has it) on date: loan_status(). */
static int
status_of(struct store_txn *t, const char *branch, struct loan *l,
    uint32_t date, struct loan_status *s)
{
	struct owing	*o = NULL;
	int		 r;

	if (date < l->pen_to)
		return STORE_E_CLOSEDDAY;
	if ((o = malloc(sizeof *o)) == NULL)
		return ENOMEM;
	if ((r = owing_at(t, branch, l, date, o)) != 0)
		goto out;
	s->penalty = l->penalty;
	s->interest_due = o->w.interest;
	s->principal_due = o->w.principal;
	s->overdue = l->overdue;
	s->payoff = o->payoff;
	/* The oldest instalment fallen due and not fully paid. */
	s->dpd = loan_days_past_due(l, o->x, o->lo, date);
	s->klass = loan_class(l->regime, s->dpd);
	s->provision = loan_provision(l->outstanding, s->dpd,
	    (uint32_t)savings_setting(t, branch, "loan.provision.low_pct"),
	    (uint32_t)savings_setting(t, branch, "loan.provision.high_pct"),
	    (uint32_t)savings_setting(t, branch, "loan.provision.months"));
	if (o->j < l->term) {
		struct instalment x;

		if ((r = sched_get(t, branch, l->number, o->j + 1, &x)) != 0)
			goto out;
		s->next_due = x.due;
		s->next_amount = loan_unpaid(l, o->j + 1, &x);
	}
out:
	free(o);
	return r;
}

/* *s, empty but for date and a current class; *l loan n's record. */
static int
status_start(struct store_txn *t, const char *branch, uint64_t n,
    uint32_t date, struct loan_status *s, struct loan *l)
{
	memset(s, 0, sizeof *s);
	s->date = date;
	s->klass = LOAN_LANCAR;
	return loan_get(t, branch, n, l);
}

/*
 * Loan n as it stands on date (the branch's business date, or later to
 * look ahead as if every end of day in between were run): days past
 * due, class, penalty, what is due, the payoff and the provision.
 */
int
loan_status(struct store_txn *t, const char *branch, uint64_t n,
    uint32_t date, struct loan_status *s)
{
	struct loan	 l;
	int		 r;

	if ((r = status_start(t, branch, n, date, s, &l)) != 0)
		return r;
	s->outstanding = l.outstanding;
	if (l.state != LOAN_ACTIVE)
		return 0;
	return status_of(t, branch, &l, date, s);
}

/*
 * A loan as it stood at the end of a past day, rebuilt from the journal
 * (loan_status_at()).  What was paid of the instalments follows from
 * the interest and the principal paid by then, oldest instalment first
 * (loan_pay_parts(), as each repayment did): the instalments fallen due
 * by then are as the schedule has them today, since a prepayment only
 * ever respreads the ones after every instalment due (repay_apply()).
 * Principal paid beyond the instalments is not counted against them: a
 * repayment's prepayment is on its schedule line (loan_paylines()), and
 * one of the older rule, which kept no line, prepaid all beyond what
 * was due on its day.
 */
struct past {
	struct store_txn	*t;
	const char		*branch;
	uint64_t		 n;
	uint32_t		 date;
	const struct loan	*l;
	const struct instalment	*x;	/* x[1..term] */
	struct entry		*e;
	int			 done;		/* met an entry after date */
	int			 running;	/* disbursed or imported */
	int64_t			 out;		/* principal outstanding */
	int64_t			 interest;	/* paid */
	int64_t			 principal;	/* paid on the instalments */
};

/* The principal of the instalments due by date, unpaid after paid. */
static int64_t
past_principal_due(const struct past *p, uint32_t date)
{
	int64_t		 due = 0;
	uint32_t	 k;

	for (k = 1; k <= p->l->term && p->x[k].due <= date; k++)
		due += p->x[k].principal;
	due -= p->principal;
	return due > 0 ? due : 0;
}

static int
past_entry(void *arg, uint64_t seq)
{
	struct past	*p = arg;
	struct entry	*e = p->e;
	const uint8_t	*data;
	size_t		 len;
	uint64_t	 n, rule = 0, next;
	int64_t		 moved = 0, interest = 0, arr = 0, paid;
	uint16_t	 i, kind;
	uint32_t	 k, date;
	int		 r;

	if ((r = journal_get_raw(p->t, p->branch, seq, &data, &len)) != 0 ||
	    (r = entry_peek(data, len, &kind, &date)) != 0)
		return r;
	/* A branch's journal is in date order: the rest are later. */
	if (date > p->date) {
		p->done = 1;
		return STORE_E_NOTFOUND;
	}
	if (kind != EK_LOAN_DISBURSE && kind != EK_IMPORT_LOAN &&
	    kind != EK_LOAN_REPAY)
		return 0;
	if ((r = entry_decode(e, data, len)) != 0)
		return r;
	if (entry_get_u64(e, F_LOAN, &n) != 0 || n != p->n)
		return 0;
	for (i = 0; i < e->npost; i++) {
		if (e->post[i].gl == GL_LOANS && e->post[i].sub == p->n)
			moved += e->post[i].amount;
		else if (e->post[i].gl == GL_LOAN_INT && e->post[i].sub == 0)
			interest -= e->post[i].amount;
	}
	p->out += moved;
	switch (e->kind) {
	case EK_LOAN_DISBURSE:
		p->running = 1;
		break;
	case EK_IMPORT_LOAN:
		/* Paid by the cutover: the instalments before the next one,
		 * less what was in arrears (import_loan_plan()). */
		p->running = 1;
		if ((r = entry_get_u64(e, F_NEXT, &next)) != 0)
			return r;
		for (k = 1; k < next && k <= p->l->term; k++) {
			p->principal += p->x[k].principal;
			p->interest += p->x[k].interest;
		}
		if (entry_get_i64(e, F_ARR_PRINCIPAL, &arr) == 0)
			p->principal -= arr;
		arr = 0;
		if (entry_get_i64(e, F_ARR_INTEREST, &arr) == 0)
			p->interest -= arr;
		break;
	case EK_LOAN_REPAY:
		p->interest += interest;
		paid = -moved;
		if ((r = entry_get_u64(e, F_RULE, &rule)) != 0 &&
		    r != STORE_E_NOTFOUND)
			return r;
		if (!(rule & LOAN_REPAY_ADVANCE) &&
		    paid > past_principal_due(p, e->date))
			paid = past_principal_due(p, e->date);
		p->principal += paid;
		break;
	}
	return 0;
}

/*
 * Loan n as it stood at the end of date, a day before the business
 * date: as loan_status() had it then, from the journal, but for the
 * penalty and the payoff (0: not kept for a past day) and the next
 * instalment (as the schedule has it today).  STORE_E_LOANSTATE: the
 * loan was not running then (not yet disbursed or on these books, or
 * already closed or written off).  Otherwise loan_status()'s returns.
 */
int
loan_status_at(struct store_txn *t, const char *branch, uint64_t n,
    uint32_t date, struct loan_status *s)
{
	struct loan	 l;
	int		 r;

	if ((r = status_start(t, branch, n, date, s, &l)) != 0)
		return r;
	return loan_status_past(t, branch, &l, date, s);
}

/* The same for a loan whose record the caller holds (a loan_list()). */
int
loan_status_past(struct store_txn *t, const char *branch,
    const struct loan *rec, uint32_t date, struct loan_status *s)
{
	struct instalment	*x = NULL;
	struct loan_payline	 pl;
	struct past		 p;
	struct loan		 l = *rec;
	uint64_t		 n = l.number;
	uint32_t		 k, cnt;
	int			 r;

	memset(s, 0, sizeof *s);
	memset(&p, 0, sizeof p);
	s->date = date;
	s->klass = LOAN_LANCAR;
	if (l.disbursed == 0 || l.disbursed > date ||
	    (l.ended != 0 && l.ended <= date))
		return STORE_E_LOANSTATE;
	if ((x = calloc(l.term + 1, sizeof *x)) == NULL ||
	    (p.e = malloc(sizeof *p.e)) == NULL) {
		r = ENOMEM;
		goto out;
	}
	for (k = 1; k <= l.term; k++) {
		if ((r = sched_get(t, branch, n, k, &x[k])) != 0)
			goto out;
	}
	p.t = t;
	p.branch = branch;
	p.n = n;
	p.date = date;
	p.l = &l;
	p.x = x;
	r = member_entry_walk(t, branch, l.member, past_entry, &p);
	if (r == STORE_E_NOTFOUND && p.done)
		r = 0;
	if (r != 0)
		goto out;
	if (!p.running) {
		r = STORE_E_LOANSTATE;
		goto out;
	}
	/* Prepayments by the day, on the schedule's lines. */
	if ((r = payline_count(t, branch, n, &cnt)) != 0)
		goto out;
	for (k = 0; k < cnt; k++) {
		if ((r = payline_get(t, branch, n, k, &pl)) != 0)
			goto out;
		if (pl.date > date)
			break;
		p.principal -= pl.prepay;
	}
	if (p.principal < 0 || p.interest < 0 || p.out < 0) {
		r = STORE_E_CORRUPT;
		goto out;
	}
	l.state = LOAN_ACTIVE;
	l.kint = l.kprin = 0;
	l.int_part = l.prin_part = 0;
	loan_pay_parts(&l.kint, &l.int_part, p.interest, x, l.term, 0);
	loan_pay_parts(&l.kprin, &l.prin_part, p.principal, x, l.term, 1);
	/* Aged through the day before, as project() would from nothing. */
	l.overdue = l.penalty = 0;
	for (l.ndue = 0; l.ndue < l.term &&
	    loan_due_date(&l, l.ndue + 1) < date; l.ndue++)
		l.overdue += loan_unpaid(&l, l.ndue + 1, &x[l.ndue + 1]);
	l.pen_to = date;
	l.outstanding = p.out;
	s->outstanding = p.out;
	r = status_of(t, branch, &l, date, s);
	s->penalty = 0;
	s->payoff = 0;
out:
	free(p.e);
	free(x);
	return r;
}

/*
 * Loan n's schedule: its instalments with what is paid of each, at most
 * max of them in out, *count how many there are.  A loan not yet
 * disbursed gets the schedule it would have if disbursed today.
 */
int
loan_schedule(struct store_txn *t, const char *branch, uint64_t n,
    struct instalment *out, size_t max, size_t *count)
{
	struct instalment	*x = NULL;
	struct branch		 b;
	struct loan		 l;
	uint32_t		 k;
	int			 r;

	*count = 0;
	if ((r = loan_get(t, branch, n, &l)) != 0)
		return r;
	if (l.disbursed == 0) {
		if ((x = calloc(l.term, sizeof *x)) == NULL)
			return ENOMEM;
		if ((r = branch_get(t, branch, &b)) == 0 &&
		    (r = loan_schedule_compute(l.method, l.principal,
		    l.rate_bp, l.term, b.date, x)) == 0) {
			for (k = 0; k < l.term && k < max; k++)
				out[k] = x[k];
			*count = l.term;
		}
		free(x);
		return r;
	}
	for (k = 1; k <= l.term; k++) {
		struct instalment y;

		if ((r = sched_get(t, branch, n, k, &y)) != 0)
			return r;
		y.interest_paid = k <= l.kint ? y.interest :
		    k == l.kint + 1 ? l.int_part : 0;
		y.principal_paid = k <= l.kprin ? y.principal :
		    k == l.kprin + 1 ? l.prin_part : 0;
		if (k <= max)
			out[k - 1] = y;
	}
	*count = l.term;
	return 0;
}

/* -- the apply side ------------------------------------------------------- */

static int
need_u64(const struct entry *e, uint16_t tag, uint64_t *v)
{
	int	 r;

	if ((r = entry_get_u64(e, tag, v)) != 0)
		return r == STORE_E_NOTFOUND ? STORE_E_INVAL : r;
	return 0;
}

static int
apply_product(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	struct loan_product	 p;
	uint64_t		 v[9], flags = 0;
	static const uint16_t	 tags[9] = { F_TERM, F_METHOD, F_MRATE,
	    F_PENRATE, F_FEE, F_PROVISI, F_ORDER, F_REGIME, F_FLAGS };
	int			 i, r;

	(void)c;
	memset(&p, 0, sizeof p);
	if ((r = entry_get_str(e, F_PRODUCT, p.code, sizeof p.code)) != 0 ||
	    (r = entry_get_str(e, F_NAME, p.name, sizeof p.name)) != 0)
		return r == STORE_E_NOTFOUND ? STORE_E_INVAL : r;
	if (!loan_product_valid_code(p.code))
		return STORE_E_INVAL;
	if (!text_valid_name(p.name))
		return STORE_E_NAME;
	for (i = 0; i < 8; i++) {
		if ((r = need_u64(e, tags[i], &v[i])) != 0)
			return r;
	}
	if ((r = entry_get_u64(e, F_FLAGS, &flags)) != 0 &&
	    r != STORE_E_NOTFOUND)
		return r;
	if (flags & ~(uint64_t)LOANP_F_ALL)
		return STORE_E_INVAL;
	if (v[1] < LOAN_FLAT || v[1] > LOAN_ANNUITY ||
	    v[6] > LOAN_ORDER_MAX || v[7] > LOAN_REGIME_COOP)
		return STORE_E_INVAL;
	/* Fees of half the principal or a penalty of 10% a day: a typo. */
	if (v[0] < 1 || v[0] > LOAN_TERM_MAX || v[2] > LOAN_RATE_MAX ||
	    v[3] > 1000 || v[4] > 5000 || v[5] > 5000 || v[4] + v[5] >= 5000)
		return STORE_E_LOANTERMS;
	p.max_term = v[0];
	p.method = v[1];
	p.rate_bp = v[2];
	p.penalty_bp = v[3];
	p.fee_bp = v[4];
	p.provisi_bp = v[5];
	p.order = v[6];
	p.regime = v[7];
	p.flags = flags;
	return product_put(t, e->branch, &p);
}

/* The loan an entry names, of the member it names. */
static int
entry_loan(struct store_txn *t, const struct entry *e, struct loan *l,
    struct member *m)
{
	uint64_t	 n, mem;
	int		 r;

	if ((r = need_u64(e, F_LOAN, &n)) != 0 ||
	    (r = need_u64(e, F_MEMBER, &mem)) != 0)
		return r;
	if ((r = loan_get(t, e->branch, n, l)) != 0)
		return r;
	if (l->member != mem)
		return STORE_E_INVAL;
	return member_get(t, e->branch, mem, m);
}

static int
apply_application(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	struct loan_product	 p;
	struct member		 m;
	struct loan		 l;
	uint64_t		 n, mem, term, count;
	int64_t			 principal;
	int			 r;

	(void)c;
	memset(&l, 0, sizeof l);
	if ((r = need_u64(e, F_LOAN, &n)) != 0 ||
	    (r = need_u64(e, F_MEMBER, &mem)) != 0 ||
	    (r = need_u64(e, F_TERM, &term)) != 0 ||
	    (r = entry_get_i64(e, F_PRINCIPAL, &principal)) != 0 ||
	    (r = entry_get_str(e, F_PRODUCT, l.product,
	    sizeof l.product)) != 0)
		return r == STORE_E_NOTFOUND ? STORE_E_INVAL : r;
	if ((r = member_get(t, e->branch, mem, &m)) != 0)
		return r;
	if (m.status != MEMBER_ACTIVE)
		return STORE_E_INACTIVE;
	if ((r = loan_product_get(t, e->branch, l.product, &p)) != 0)
		return r;
	if (principal <= 0)
		return STORE_E_AMOUNT;
	if (principal > LOAN_PRINCIPAL_MAX)
		return STORE_E_OVERFLOW;
	if (principal % 100 != 0)
		return STORE_E_SEN;
	if (term < 1 || term > p.max_term)
		return STORE_E_LOANTERMS;
	/* The fees must leave something to disburse. */
	if (loan_fee(principal, p.fee_bp) + loan_fee(principal,
	    p.provisi_bp) >= principal)
		return STORE_E_LOANTERMS;
	if ((r = counter_get(t, e->branch, "loan", &count)) != 0)
		return r;
	if (n != count + 1)
		return STORE_E_SEQUENCE;
	/* The loan keeps the product's terms as they are today. */
	l.number = n;
	l.member = mem;
	l.state = LOAN_APPLIED;
	l.method = p.method;
	l.flags = p.flags;
	l.order = p.order;
	l.regime = p.regime;
	l.rate_bp = p.rate_bp;
	l.penalty_bp = p.penalty_bp;
	l.fee_bp = p.fee_bp;
	l.provisi_bp = p.provisi_bp;
	l.term = term;
	l.principal = principal;
	str_copy(l.applicant, e->user, sizeof l.applicant);
	l.applied = e->date;
	if ((r = counter_put(t, e->branch, "loan", n)) != 0 ||
	    (r = member_index(t, e->branch, mem, n)) != 0)
		return r;
	return loan_put(t, e->branch, &l);
}

/* Maker-checker: a supervisor or manager (the row's roles), not the maker. */
static int
apply_approve(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	struct member	 m;
	struct loan	 l;
	int		 r;

	(void)c;
	if ((r = entry_loan(t, e, &l, &m)) != 0)
		return r;
	if (l.state != LOAN_APPLIED)
		return STORE_E_LOANSTATE;
	if (strcmp(l.applicant, e->user) == 0 ||
	    strcmp(l.applicant, e->approver) == 0)
		return STORE_E_SELFAPPROVE;
	if (m.status != MEMBER_ACTIVE)
		return STORE_E_INACTIVE;
	l.state = LOAN_APPROVED;
	l.approved = e->date;
	str_copy(l.approver, e->user, sizeof l.approver);
	return loan_put(t, e->branch, &l);
}

/*
 * The postings a disbursement must carry, in this order: the loan's
 * account debited with the principal; the member's money credited, to
 * the drawer (cash) or to sukarela; the fees credited to income.  Fees
 * deducted leave principal − fees to pay out; fees charged are paid in
 * cash into the drawer, whatever way the loan goes out.  Cash is counted
 * in the branch's unit (cash.rounding, `unit` sen): what goes out is
 * rounded down and what comes in up, and the difference is the rounding
 * income, 4902, last.
 */
static int
disburse_postings(const struct loan *l, int to_sukarela, uint32_t drawer,
    int64_t unit, struct posting *p, uint16_t *np)
{
	int64_t	 fees = loan_fee(l->principal, l->fee_bp) +
	    loan_fee(l->principal, l->provisi_bp);
	int64_t	 out = l->principal - fees, in = fees, rounding = 0;
	int	 charged = (l->flags & LOANP_F_CHARGED) != 0;

	*np = 0;
	if (fees >= l->principal)
		return STORE_E_LOANTERMS;
	if ((!to_sukarela || (charged && fees > 0)) && drawer == 0)
		return STORE_E_DRAWER;
	if (charged)
		out = l->principal;
	if (unit > 0 && !to_sukarela && out % unit != 0) {
		rounding += out % unit;
		out -= out % unit;
	}
	if (unit > 0 && charged && in % unit != 0) {
		rounding += unit - in % unit;
		in += unit - in % unit;
	}
	p[(*np)++] = (struct posting){ GL_LOANS, l->number, l->principal };
	p[(*np)++] = (struct posting){ to_sukarela ? GL_SUKARELA : GL_CASH,
	    to_sukarela ? l->member : drawer, -out };
	if (fees > 0 && charged)
		p[(*np)++] = (struct posting){ GL_CASH, drawer, in };
	if (fees > 0)
		p[(*np)++] = (struct posting){ GL_LOAN_FEE, 0, -fees };
	if (rounding > 0)
		p[(*np)++] = (struct posting){ GL_ROUNDING, 0, -rounding };
	return 0;
}

static int
same_postings(const struct entry *e, const struct posting *p, uint16_t n)
{
	uint16_t	 i;

	if (e->npost != n)
		return 0;
	for (i = 0; i < n; i++) {
		if (e->post[i].gl != p[i].gl || e->post[i].sub != p[i].sub ||
		    e->post[i].amount != p[i].amount)
			return 0;
	}
	return 1;
}

static int
has_gl(const struct entry *e, uint32_t gl)
{
	uint16_t	 i;

	for (i = 0; i < e->npost; i++) {
		if (e->post[i].gl == gl)
			return 1;
	}
	return 0;
}

/*
 * The rounding account, 4902, for an entry that posts to it: opened the
 * first time one does (derived from the entry, so a replay does the
 * same), not in the chart that store_init() opens, so that books made
 * before it and books made after verify alike.
 */
int
account_rounding_open(struct store_txn *t, const struct entry *e)
{
	static const struct account a = { GL_ROUNDING, 0, ACCT_INCOME, 0, 0,
	    "Pendapatan pembulatan kas" };
	struct account	 have;
	int		 r;

	if (!has_gl(e, GL_ROUNDING))
		return 0;
	if ((r = account_get(t, e->branch, GL_ROUNDING, 0, &have)) == 0)
		return 0;
	return r == STORE_E_ACCOUNT ? account_put(t, e->branch, &a) : r;
}

static int
apply_disburse(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	const struct user	*by = &c->by;
	struct instalment	 x[LOAN_TERM_MAX];
	struct posting		 want[5];
	struct member		 m;
	struct loan		 l;
	uint16_t		 nw;
	uint32_t		 k;
	int			 r;

	if ((r = entry_loan(t, e, &l, &m)) != 0)
		return r;
	if (l.state == LOAN_APPLIED)
		return STORE_E_NOTAPPROVED;
	if (l.state != LOAN_APPROVED)
		return STORE_E_LOANSTATE;
	if (m.status != MEMBER_ACTIVE)
		return STORE_E_INACTIVE;
	if ((r = disburse_postings(&l, has_gl(e, GL_SUKARELA), by->drawer,
	    savings_setting(t, e->branch, "cash.rounding"), want, &nw)) != 0)
		return r;
	if (!same_postings(e, want, nw))
		return STORE_E_INVAL;
	if ((r = account_rounding_open(t, e)) != 0)
		return r;
	if ((r = loan_schedule_compute(l.method, l.principal, l.rate_bp,
	    l.term, e->date, x)) != 0)
		return r;
	for (k = 0; k < l.term; k++) {
		if ((r = sched_put(t, e->branch, l.number, k + 1, &x[k])) != 0)
			return r;
	}
	if ((r = account_open_sub(t, e->branch, GL_LOANS, l.number, m.name,
	    0)) != 0)
		return r;
	l.state = LOAN_ACTIVE;
	l.disbursed = e->date;
	l.pen_to = e->date;
	l.outstanding = l.principal;
	l.fees = loan_fee(l.principal, l.fee_bp) +
	    loan_fee(l.principal, l.provisi_bp);
	return loan_save(t, e->branch, &l, 0, 0);
}

/*
 * The one debit of a repayment or recovery: cash into the poster's
 * drawer (drawer_check_cash() has seen to it) or out of the member's
 * sukarela, above its minimum.  Whole Rupiah either way.
 */
static int
money_in(struct store_txn *t, const struct entry *e, uint64_t member,
    const struct posting **src)
{
	struct account	 a;
	struct balance	 b;
	uint16_t	 i;
	int		 r;

	*src = NULL;
	for (i = 0; i < e->npost; i++) {
		if (e->post[i].amount <= 0)
			continue;
		if (*src != NULL)
			return STORE_E_INVAL;
		*src = &e->post[i];
	}
	if (*src == NULL)
		return STORE_E_INVAL;
	if ((*src)->amount % 100 != 0)
		return STORE_E_SEN;
	if ((*src)->gl == GL_CASH)
		return 0;
	if ((*src)->gl != GL_SUKARELA || (*src)->sub != member)
		return STORE_E_INVAL;
	if ((r = account_get(t, e->branch, GL_SUKARELA, member, &a)) != 0 ||
	    (r = account_balance(t, e->branch, GL_SUKARELA, member, &b)) != 0)
		return r;
	if (-b.amount - (*src)->amount < a.min)
		return STORE_E_BALANCE;
	return 0;
}

/*
 * Of the interest a repayment pays, what clears interest the old books
 * accrued (l->accrued, held in 1202 since the import) rather than being
 * income again: the oldest, so all of it first.
 */
static int64_t
accrued_paid(const struct loan *l, int64_t interest)
{
	return interest < l->accrued ? interest : l->accrued;
}

/*
 * The credits of a repayment: exactly the allocation, none of nothing;
 * rcv of its interest to 1202.
 */
static int
repay_matches(const struct entry *e, const struct loan *l,
    const struct loan_alloc *a, int64_t rcv)
{
	int64_t		 want[4], got[4] = { 0, 0, 0, 0 };
	uint16_t	 i;
	int		 s;

	want[0] = -a->penalty;
	want[1] = -(a->interest - rcv);
	want[2] = -(a->principal + a->prepay);
	want[3] = -rcv;
	for (i = 0; i < e->npost; i++) {
		const struct posting *p = &e->post[i];

		if (p->amount > 0 || (p->gl == GL_ROUNDING && p->sub == 0))
			continue;
		if (p->gl == GL_PENALTY && p->sub == 0)
			s = 0;
		else if (p->gl == GL_LOAN_INT && p->sub == 0)
			s = 1;
		else if (p->gl == GL_LOANS && p->sub == l->number)
			s = 2;
		else if (p->gl == GL_LOAN_INT_RCV && p->sub == 0)
			s = 3;
		else
			return 0;
		if (got[s] != 0)
			return 0;
		got[s] = p->amount;
	}
	return got[0] == want[0] && got[1] == want[1] && got[2] == want[2] &&
	    got[3] == want[3];
}

/*
 * What a repayment in cash settles besides the payoff, as a computed sum
 * the counter rounds: what is due now (instalments fallen due, unpaid,
 * and the penalty) or, when nothing is, the next instalment, never more
 * than the payoff.  l has the
 * penalty owing_at() accrued.  loan_due_now() says the same from a
 * loan_status.
 */
static int64_t
repay_due(const struct loan *l, const struct owing *o)
{
	int64_t	 due = l->penalty + o->w.interest + o->w.principal;

	if (due == 0)
		due = o->w.next_interest + o->w.next_principal;
	return due < o->payoff ? due : o->payoff;
}

static int
repay_rounding(struct store_txn *t, const struct entry *e,
    const struct posting *src, int64_t payoff, int64_t due,
    int64_t *rounding)
{
	uint16_t	 i;

	*rounding = 0;
	for (i = 0; i < e->npost; i++) {
		if (e->post[i].gl != GL_ROUNDING)
			continue;
		if (e->post[i].sub != 0 || e->post[i].amount >= 0 ||
		    *rounding != 0)
			return STORE_E_INVAL;
		*rounding = -e->post[i].amount;
	}
	if (*rounding == 0)
		return 0;
	if (src->gl != GL_CASH)
		return STORE_E_INVAL;
	if (src->amount - *rounding == payoff &&
	    src->amount == loan_cash_payoff(t, e->branch, payoff))
		return 0;
	/* Since cash rounding at the counter: what is due, rounded up. */
	if (due > 0 && src->amount - *rounding == due &&
	    src->amount == loan_cash_payoff(t, e->branch, due))
		return 0;
	return STORE_E_INVAL;
}

static int
apply_repay(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	const struct posting	*src;
	int64_t			 rounding, rcv = 0;
	struct loan_alloc	 a;
	struct owing		*o = NULL;
	struct member		 m;
	struct loan		 l, rule;
	uint64_t		 flags = 0;
	uint32_t		 old_ndue;
	int			 r;

	(void)c;
	if ((r = entry_loan(t, e, &l, &m)) != 0)
		return r;
	if (l.state != LOAN_ACTIVE)
		return l.state < LOAN_ACTIVE ? STORE_E_NOTAPPROVED :
		    STORE_E_LOANSTATE;
	if ((r = money_in(t, e, l.member, &src)) != 0)
		return r;
	if ((r = entry_get_u64(e, F_RULE, &flags)) != 0 &&
	    r != STORE_E_NOTFOUND)
		return r;
	if (flags & ~(uint64_t)(LOAN_REPAY_ADVANCE | LOAN_REPAY_ACCRUED))
		return STORE_E_INVAL;
	/*
	 * A repayment posted before payments in advance existed (no
	 * LOAN_REPAY_ADVANCE) prepaid all beyond what was due: journals
	 * written then replay by that rule, as their postings say.  One
	 * posted before imported accruals were cleared (no
	 * LOAN_REPAY_ACCRUED) credited all interest to 4101.
	 */
	if ((o = malloc(sizeof *o)) == NULL)
		return ENOMEM;
	old_ndue = l.ndue;
	if ((r = owing_at(t, e->branch, &l, e->date, o)) != 0)
		goto out;
	/*
	 * A repayment in cash may carry its rounding up (one credit to
	 * 4902): only when the cash is the payoff, or what is due now (the
	 * next instalment if nothing is), rounded up to the branch's unit.
	 * Entries posted before took it only on a payoff: they still do.
	 */
	rule = l;	/* as owing_at() left it: the penalty accrued */
	if (!(flags & LOAN_REPAY_ADVANCE))
		rule.flags |= LOANP_F_PREPAY;
	if ((r = repay_rounding(t, e, src, o->payoff, repay_due(&l, o),
	    &rounding)) != 0 ||
	    (r = account_rounding_open(t, e)) != 0 ||
	    (r = loan_split(&rule, &o->w, src->amount - rounding, &a)) != 0)
		goto out;
	if (flags & LOAN_REPAY_ACCRUED)
		rcv = accrued_paid(&l, a.interest);
	if (!repay_matches(e, &l, &a, rcv)) {
		r = STORE_E_INVAL;
		goto out;
	}
	if ((r = repay_apply(t, e->branch, &l, e->date, o, &a,
	    (flags & LOAN_REPAY_ADVANCE) != 0)) != 0)
		goto out;
	l.accrued -= rcv;
	r = loan_save(t, e->branch, &l, 1, old_ndue);
out:
	free(o);
	return r;
}

/*
 * End of day: every loan whose next instalment falls due by the day.
 * They are collected first: aging moves them in the index.
 */
static int
apply_age(struct store_txn *t, const struct entry *e,
    struct kind_ctx *ctx)
{
	MDB_cursor	*c;
	MDB_val		 k, d;
	uint8_t		 key[KEY_BRANCH + 12];
	uint64_t	 day, *ns = NULL;
	size_t		 nn = 0, cap = 0, i;
	struct loan	 l;
	int		 r, op;

	(void)ctx;
	if ((r = need_u64(e, F_DATE, &day)) != 0)
		return r;
	if (day != e->date)
		return STORE_E_INVAL;
	key_branch(key, e->branch);
	memset(key + KEY_BRANCH, 0, 12);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_cursor_open(t->txn, t->st->ldue, &c)) != 0)
		return r;
	for (op = MDB_SET_RANGE; (r = mdb_cursor_get(c, &k, &d, op)) == 0;
	    op = MDB_NEXT) {
		const uint8_t *p = k.mv_data;

		if (k.mv_size != sizeof key ||
		    memcmp(p, key, KEY_BRANCH) != 0 ||
		    be32_get(p + KEY_BRANCH) > day)
			break;
		if (nn == cap) {
			uint64_t *x;

			cap = cap ? cap * 2 : 1024;
			if ((x = reallocarray(ns, cap, sizeof *x)) == NULL) {
				r = ENOMEM;
				break;
			}
			ns = x;
		}
		ns[nn++] = be64_get(p + KEY_BRANCH + 4);
	}
	mdb_cursor_close(c);
	if (r != 0 && r != MDB_NOTFOUND)
		goto out;
	for (r = 0, i = 0; i < nn; i++) {
		uint32_t old;

		if ((r = loan_get(t, e->branch, ns[i], &l)) != 0)
			goto out;
		if (l.state != LOAN_ACTIVE) {
			r = STORE_E_CORRUPT;
			goto out;
		}
		old = l.ndue;
		if ((r = fall_due(t, e->branch, &l, (uint32_t)day)) != 0)
			goto out;
		if ((r = loan_save(t, e->branch, &l, 1, old)) != 0)
			goto out;
	}
out:
	free(ns);
	return r;
}

static int
apply_writeoff(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	struct posting	 want[2];
	struct member	 m;
	struct loan	 l;
	int		 r;

	(void)c;
	if ((r = entry_loan(t, e, &l, &m)) != 0)
		return r;
	if (l.state != LOAN_ACTIVE)
		return l.state < LOAN_ACTIVE ? STORE_E_NOTAPPROVED :
		    STORE_E_LOANSTATE;
	want[0] = (struct posting){ GL_PROVISION, 0, l.outstanding };
	want[1] = (struct posting){ GL_LOANS, l.number, -l.outstanding };
	if (!same_postings(e, want, l.outstanding > 0 ? 2 : 0))
		return STORE_E_INVAL;
	/* The penalty so far stays on record; interest and penalty are
	 * income only when paid, so nothing else leaves the books. */
	loan_accrue(&l, e->date);
	l.state = LOAN_WRITTEN_OFF;
	l.ended = e->date;
	l.written_off = l.outstanding;
	l.outstanding = 0;
	return loan_save(t, e->branch, &l, 1, l.ndue);
}

/* A recovery: at most what was written off, as other income. */
static int
apply_recover(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	const struct posting	*src;
	struct member		 m;
	struct loan		 l;
	int			 r;

	(void)c;
	if ((r = entry_loan(t, e, &l, &m)) != 0)
		return r;
	if (l.state != LOAN_WRITTEN_OFF)
		return STORE_E_LOANSTATE;
	if ((r = money_in(t, e, l.member, &src)) != 0)
		return r;
	/* The other posting: the same amount credited to other income. */
	if (e->npost != 2 || !has_gl(e, GL_OTHER_INC) ||
	    e->post[src == &e->post[0] ? 1 : 0].sub != 0)
		return STORE_E_INVAL;
	if (src->amount > l.written_off - l.recovered)
		return STORE_E_PAYOFF;
	l.recovered += src->amount;
	return loan_put(t, e->branch, &l);
}

/* Once the money moved: a loan repaid or written off closes its account. */
static int
loan_after(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	struct loan	 l;
	uint64_t	 n;
	int		 r;

	(void)c;
	if ((r = need_u64(e, F_LOAN, &n)) != 0 ||
	    (r = loan_get(t, e->branch, n, &l)) != 0)
		return r;
	if (l.state != LOAN_CLOSED && l.state != LOAN_WRITTEN_OFF)
		return 0;
	return account_close(t, e->branch, GL_LOANS, n);
}

#define LOAN_FIELDS	(FIELD(F_MEMBER) | FIELD(F_LOAN))

const struct entry_kind ek_loan_product = {
	.kind = EK_LOAN_PRODUCT,
	.name = "loan-product",
	.title = N_("loan product"),
	.roles = ROLE_MANAGER | ROLE_ADMIN,
	.flags = KF_NOPOST,
	.fields = FIELD(F_NAME) | FIELD(F_FLAGS) | FIELD(F_TERM) |
	    FIELD(F_PRODUCT) | FIELD(F_METHOD) | FIELD(F_MRATE) |
	    FIELD(F_PENRATE) | FIELD(F_FEE) | FIELD(F_PROVISI) |
	    FIELD(F_ORDER) | FIELD(F_REGIME),
	.required = FIELD(F_NAME) | FIELD(F_TERM) | FIELD(F_PRODUCT) |
	    FIELD(F_METHOD) | FIELD(F_MRATE) | FIELD(F_PENRATE) |
	    FIELD(F_FEE) | FIELD(F_PROVISI) | FIELD(F_ORDER) |
	    FIELD(F_REGIME),
	.apply = apply_product,
};

const struct entry_kind ek_loan_apply = {
	.kind = EK_LOAN_APPLY,
	.name = "loan-apply",
	.title = N_("loan application"),
	.roles = ROLE_TELLER | ROLE_SUPERVISOR | ROLE_MANAGER,
	.flags = KF_NOPOST,
	.fields = LOAN_FIELDS | FIELD(F_TERM) | FIELD(F_PRODUCT) |
	    FIELD(F_PRINCIPAL),
	.required = LOAN_FIELDS | FIELD(F_TERM) | FIELD(F_PRODUCT) |
	    FIELD(F_PRINCIPAL),
	.apply = apply_application,
};

/* Maker-checker: never by the one who applied (apply_approve). */
const struct entry_kind ek_loan_approve = {
	.kind = EK_LOAN_APPROVE,
	.name = "loan-approve",
	.title = N_("loan approved"),
	.roles = ROLE_SUPERVISOR | ROLE_MANAGER,
	.flags = KF_NOPOST,
	.fields = LOAN_FIELDS,
	.required = LOAN_FIELDS,
	.apply = apply_approve,
};

const struct entry_kind ek_loan_disburse = {
	.kind = EK_LOAN_DISBURSE,
	.name = "loan-disburse",
	.title = N_("loan disbursed"),
	.receipt = N_("LOAN DISBURSEMENT"),
	.roles = ROLE_TELLER | ROLE_SUPERVISOR | ROLE_MANAGER,
	.flags = KF_CASH,
	.fields = LOAN_FIELDS,
	.required = LOAN_FIELDS,
	.apply = apply_disburse,
};

const struct entry_kind ek_loan_repay = {
	.kind = EK_LOAN_REPAY,
	.name = "loan-repay",
	.title = N_("loan repayment"),
	.receipt = N_("LOAN REPAYMENT RECEIPT"),
	.roles = ROLE_TELLER | ROLE_SUPERVISOR | ROLE_MANAGER,
	.flags = KF_CASH,
	.fields = LOAN_FIELDS | FIELD(F_RULE),
	.required = LOAN_FIELDS,
	.apply = apply_repay,
	.after = loan_after,
};

const struct entry_kind ek_loan_age = {
	.kind = EK_LOAN_AGE,
	.name = "loan-age",
	.title = N_("instalments due"),
	.roles = ROLE_SYSTEM,
	.flags = KF_SYSTEM | KF_NOPOST,
	.fields = FIELD(F_DATE),
	.required = FIELD(F_DATE),
	.apply = apply_age,
};

const struct entry_kind ek_loan_writeoff = {
	.kind = EK_LOAN_WRITEOFF,
	.name = "loan-writeoff",
	.title = N_("loan written off"),
	.receipt = N_("LOAN WRITE-OFF"),
	.roles = ROLE_MANAGER,
	.fields = LOAN_FIELDS,
	.required = LOAN_FIELDS,
	.apply = apply_writeoff,
	.after = loan_after,
};

const struct entry_kind ek_loan_recover = {
	.kind = EK_LOAN_RECOVER,
	.name = "loan-recover",
	.title = N_("loan recovery"),
	.receipt = N_("LOAN RECOVERY RECEIPT"),
	.roles = ROLE_TELLER | ROLE_SUPERVISOR | ROLE_MANAGER,
	.flags = KF_CASH,
	.fields = LOAN_FIELDS,
	.required = LOAN_FIELDS,
	.apply = apply_recover,
};

/* How many loans have an instalment falling due by day, not yet aged. */
int
loan_age_pending(struct store_txn *t, const char *branch, uint32_t day,
    uint64_t *n)
{
	MDB_cursor	*c;
	MDB_val		 k, d;
	uint8_t		 key[KEY_BRANCH + 12];
	int		 r, op;

	*n = 0;
	key_branch(key, branch);
	memset(key + KEY_BRANCH, 0, 12);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_cursor_open(t->txn, t->st->ldue, &c)) != 0)
		return r;
	for (op = MDB_SET_RANGE; (r = mdb_cursor_get(c, &k, &d, op)) == 0;
	    op = MDB_NEXT) {
		if (k.mv_size != sizeof key ||
		    memcmp(k.mv_data, key, KEY_BRANCH) != 0 ||
		    be32_get((uint8_t *)k.mv_data + KEY_BRANCH) > day)
			break;
		(*n)++;
	}
	mdb_cursor_close(c);
	return r == MDB_NOTFOUND ? 0 : r;
}

struct clear_arg {
	int	 open;
};

static int
clear_one(void *arg, const struct loan *l)
{
	struct clear_arg	*a = arg;

	if (l->state == LOAN_ACTIVE)
		a->open = 1;
	return 0;
}

/*
 * A month end's accrual entry (store/accrual.c) on date reversed what
 * loans more than LOAN_ACCRUE_MAX_DPD days past due had accrued, the old
 * books' accrual too: their accrued is dropped, and what they pay of
 * that interest is income.  Only a branch that was imported has any.
 */
struct accrued_arg {
	uint64_t	*n;
	size_t		 len, cap;
};

static int
accrued_one(void *arg, const struct loan *l)
{
	struct accrued_arg	*a = arg;
	uint64_t		*n;

	if (l->state != LOAN_ACTIVE || l->accrued == 0)
		return 0;
	if (a->len == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 16;
		if ((n = reallocarray(a->n, a->cap, sizeof *n)) == NULL)
			return ENOMEM;
		a->n = n;
	}
	a->n[a->len++] = l->number;
	return 0;
}

int
loan_accrued_reversed(struct store_txn *t, const char *branch,
    uint32_t date)
{
	struct accrued_arg	 a = { NULL, 0, 0 };
	struct loan_status	 s;
	struct loan		 l;
	uint64_t		 seq;
	size_t			 i;
	int			 r;

	if ((r = import_first(t, branch, &seq)) != 0 || seq == 0)
		return r;
	/* Numbers first: the walk's cursor is not to see the writes. */
	if ((r = loan_list(t, branch, 0, accrued_one, &a)) != 0)
		goto out;
	for (i = 0; i < a.len; i++) {
		if ((r = loan_status(t, branch, a.n[i], date, &s)) != 0)
			goto out;
		if (s.dpd <= LOAN_ACCRUE_MAX_DPD)
			continue;
		if ((r = loan_get(t, branch, a.n[i], &l)) != 0)
			goto out;
		l.accrued = 0;
		if ((r = loan_put(t, branch, &l)) != 0)
			goto out;
	}
out:
	free(a.n);
	return r;
}

/* A member may leave only with no loan running. */
int
loan_member_clear(struct store_txn *t, const char *branch, uint64_t member)
{
	struct clear_arg	 a = { 0 };
	int			 r;

	if ((r = loan_list(t, branch, member, clear_one, &a)) != 0)
		return r;
	return a.open ? STORE_E_LOANOPEN : 0;
}

/*
 * A running loan set up as it stands (loket import): l, with its number
 * the next, its member's, and its schedule x[0 .. term-1].  Its account
 * is opened; the caller's entry moves the money.  From here it ages and
 * takes repayments like any loan.
 */
int
loan_setup(struct store_txn *t, const char *branch, const struct loan *l,
    const struct instalment *x)
{
	struct member	 m;
	uint64_t	 count;
	uint32_t	 k;
	int		 r;

	if ((r = counter_get(t, branch, "loan", &count)) != 0)
		return r;
	if (l->number != count + 1)
		return STORE_E_SEQUENCE;
	if ((r = member_get(t, branch, l->member, &m)) != 0)
		return r;
	for (k = 0; k < l->term; k++) {
		if ((r = sched_put(t, branch, l->number, k + 1, &x[k])) != 0)
			return r;
	}
	if ((r = account_open_sub(t, branch, GL_LOANS, l->number, m.name,
	    0)) != 0 ||
	    (r = counter_put(t, branch, "loan", l->number)) != 0 ||
	    (r = member_index(t, branch, l->member, l->number)) != 0)
		return r;
	return loan_save(t, branch, l, 0, 0);
}

/* -- requests: what the console and the commands post --------------------- */

/* A product's figures from the branch's settings (domain.md's defaults). */
int
loan_product_defaults(struct store_txn *t, const char *branch,
    struct loan_product *p)
{
	memset(p, 0, sizeof *p);
	p->method = savings_setting(t, branch, "loan.method");
	p->rate_bp = savings_setting(t, branch, "loan.rate_bp");
	p->max_term = savings_setting(t, branch, "loan.max_term");
	p->fee_bp = savings_setting(t, branch, "loan.fee_bp");
	p->provisi_bp = savings_setting(t, branch, "loan.provisi_bp");
	p->penalty_bp = savings_setting(t, branch, "loan.penalty_bp");
	p->order = savings_setting(t, branch, "loan.order");
	p->regime = savings_setting(t, branch, "loan.regime");
	if (savings_setting(t, branch, "loan.fee_charged"))
		p->flags |= LOANP_F_CHARGED;
	return 0;
}

static int
product_prepare(struct store_txn *t, struct entry *e, void *arg)
{
	const struct loan_product	*p = arg;
	int				 r;

	(void)t;
	entry_init_fields(e);
	e->npost = 0;
	if ((r = entry_add_str(e, F_NAME, p->name)) != 0 ||
	    (p->flags && (r = entry_add_u64(e, F_FLAGS, p->flags)) != 0) ||
	    (r = entry_add_u64(e, F_TERM, p->max_term)) != 0 ||
	    (r = entry_add_str(e, F_PRODUCT, p->code)) != 0 ||
	    (r = entry_add_u64(e, F_METHOD, p->method)) != 0 ||
	    (r = entry_add_u64(e, F_MRATE, p->rate_bp)) != 0 ||
	    (r = entry_add_u64(e, F_PENRATE, p->penalty_bp)) != 0 ||
	    (r = entry_add_u64(e, F_FEE, p->fee_bp)) != 0 ||
	    (r = entry_add_u64(e, F_PROVISI, p->provisi_bp)) != 0 ||
	    (r = entry_add_u64(e, F_ORDER, p->order)) != 0 ||
	    (r = entry_add_u64(e, F_REGIME, p->regime)) != 0)
		return r;
	return 0;
}

/* Define product p, or change it: loans applied for later take it. */
void
loan_product_req(struct post_req *q, const char *branch, const char *user,
    const struct loan_product *p)
{
	store_req_prepared(q, branch, user, EK_LOAN_PRODUCT,
	    product_prepare, p);
}

static int
apply_prepare(struct store_txn *t, struct entry *e, void *arg)
{
	struct loan_apply_req	*a = arg;
	uint64_t		 n;
	int			 r;

	if (a->product == NULL)
		return STORE_E_PRODUCT;
	if ((r = counter_get(t, e->branch, "loan", &n)) != 0)
		return r;
	a->number = n + 1;
	entry_init_fields(e);
	e->npost = 0;
	if ((a->memo != NULL && a->memo[0] != '\0' &&
	    (r = entry_add_str(e, F_MEMO, a->memo)) != 0) ||
	    (r = entry_add_u64(e, F_MEMBER, a->member)) != 0 ||
	    (r = entry_add_u64(e, F_TERM, a->term)) != 0 ||
	    (r = entry_add_u64(e, F_LOAN, a->number)) != 0 ||
	    (r = entry_add_str(e, F_PRODUCT, a->product)) != 0 ||
	    (r = entry_add_i64(e, F_PRINCIPAL, a->principal)) != 0)
		return r;
	return 0;
}

/* An application; a->number gets the loan's number when it is posted. */
void
loan_apply_req(struct post_req *q, const char *branch, const char *user,
    struct loan_apply_req *a)
{
	store_req_prepared(q, branch, user, EK_LOAN_APPLY, apply_prepare, a);
}

/* The loan's number and its member, the fields every action carries. */
static int
loan_fields(struct store_txn *t, struct entry *e, uint64_t n, struct loan *l)
{
	int	 r;

	if ((r = loan_get(t, e->branch, n, l)) != 0)
		return r;
	entry_init_fields(e);
	e->npost = 0;
	if ((r = entry_add_u64(e, F_MEMBER, l->member)) != 0 ||
	    (r = entry_add_u64(e, F_LOAN, n)) != 0)
		return r;
	return 0;
}

static int
approve_prepare(struct store_txn *t, struct entry *e, void *arg)
{
	struct loan	 l;

	return loan_fields(t, e, *(const uint64_t *)arg, &l);
}

/* Approve loan *n: the user is the approver, not the one who applied. */
void
loan_approve_req(struct post_req *q, const char *branch, const char *user,
    const uint64_t *n)
{
	store_req_prepared(q, branch, user, EK_LOAN_APPROVE,
	    approve_prepare, n);
}

static int
disburse_prepare(struct store_txn *t, struct entry *e, void *arg)
{
	const struct loan_pay_req	*p = arg;
	struct loan			 l;
	struct user			 u;
	int				 r;

	if ((r = loan_fields(t, e, p->loan, &l)) != 0 ||
	    (r = user_get(t, e->branch, e->user, &u)) != 0)
		return r;
	if (l.state == LOAN_APPLIED)
		return STORE_E_NOTAPPROVED;
	if (l.state != LOAN_APPROVED)
		return STORE_E_LOANSTATE;
	return disburse_postings(&l, p->from_sukarela, u.drawer,
	    savings_setting(t, e->branch, "cash.rounding"), e->post,
	    &e->npost);
}

/* Pay loan p->loan out, in cash or to sukarela (p->amount unused). */
void
loan_disburse_req(struct post_req *q, const char *branch, const char *user,
    const struct loan_pay_req *p)
{
	store_req_prepared(q, branch, user, EK_LOAN_DISBURSE,
	    disburse_prepare, p);
}

/*
 * The cash a payoff of payoff sen comes to at the counter: rounded up to
 * the branch's unit (setting cash.rounding, Rp 100 by default), so that
 * a drawer whose smallest coin is that unit can take it.  The difference
 * is income of its own (4902), posted with the repayment.  The same for
 * any sum the counter computes and takes in (what is due now).
 *
 * Why up and not to the nearest: money the cooperative takes in is
 * rounded up and money it pays out down (disbursements, leave payouts),
 * so that the member never owes a few rupiah after paying what the
 * counter asked (which would make the loan late the next day) and the
 * cooperative never pays out what it cannot count; the difference, less
 * than one unit, is always the cooperative's rounding income in 4902.
 */
/*
 * What is due now on a loan as loan_status() tells it: the instalments
 * fallen due, unpaid, and the penalty; when nothing is, the next
 * instalment; never more than the payoff.  The counter offers it,
 * rounded (loan_cash_payoff()).
 */
int64_t
loan_due_now(const struct loan_status *s)
{
	int64_t	 due = s->interest_due + s->principal_due + s->penalty;

	if (due == 0)
		due = s->next_amount;
	return due < s->payoff ? due : s->payoff;
}

int64_t
loan_cash_payoff(struct store_txn *t, const char *branch, int64_t payoff)
{
	int64_t	 unit = savings_setting(t, branch, "cash.rounding");

	if (unit <= 0 || payoff % unit == 0)
		return payoff;
	return payoff + unit - payoff % unit;
}

static int
repay_prepare(struct store_txn *t, struct entry *e, void *arg)
{
	const struct loan_pay_req	*p = arg;
	struct loan_alloc		 a;
	struct loan_status		 s;
	struct loan			 l;
	struct user			 u;
	int64_t				 amount = p->amount, rounding = 0,
					 rcv;
	int64_t				 due;
	int				 r;

	if ((r = loan_fields(t, e, p->loan, &l)) != 0 ||
	    (r = user_get(t, e->branch, e->user, &u)) != 0)
		return r;
	if (l.state != LOAN_ACTIVE)
		return l.state < LOAN_ACTIVE ? STORE_E_NOTAPPROVED :
		    STORE_E_LOANSTATE;
	if ((r = loan_status(t, e->branch, p->loan, e->date, &s)) != 0)
		return r;
	/*
	 * The payoff or what is due now in cash (asked for, or typed to
	 * the rupiah) is rounded up to what can be counted; any other cash
	 * must be a multiple of the unit (cash_unit_check()).
	 */
	due = loan_due_now(&s);
	if (!p->from_sukarela && (amount == 0 || amount == s.payoff))
		amount = loan_cash_payoff(t, e->branch, s.payoff);
	else if (!p->from_sukarela && due > 0 && amount == due)
		amount = loan_cash_payoff(t, e->branch, due);
	else if (amount == 0)
		amount = s.payoff;
	if (amount > s.payoff && !p->from_sukarela &&
	    amount == loan_cash_payoff(t, e->branch, s.payoff))
		rounding = amount - s.payoff;
	else if (!p->from_sukarela && due > 0 && amount > due &&
	    amount == loan_cash_payoff(t, e->branch, due))
		rounding = amount - due;
	if ((r = loan_allocate(t, e->branch, p->loan, e->date,
	    amount - rounding, &a)) != 0)
		return r;
	if (!p->from_sukarela && u.drawer == 0)
		return STORE_E_DRAWER;
	if ((r = entry_add_u64(e, F_RULE, LOAN_REPAY_ADVANCE |
	    LOAN_REPAY_ACCRUED)) != 0)
		return r;
	rcv = accrued_paid(&l, a.interest);
	e->post[e->npost++] = p->from_sukarela ?
	    (struct posting){ GL_SUKARELA, l.member, amount } :
	    (struct posting){ GL_CASH, u.drawer, amount };
	if (a.penalty > 0)
		e->post[e->npost++] = (struct posting){ GL_PENALTY, 0,
		    -a.penalty };
	if (a.interest - rcv > 0)
		e->post[e->npost++] = (struct posting){ GL_LOAN_INT, 0,
		    -(a.interest - rcv) };
	if (rcv > 0)
		e->post[e->npost++] = (struct posting){ GL_LOAN_INT_RCV, 0,
		    -rcv };
	if (a.principal + a.prepay > 0)
		e->post[e->npost++] = (struct posting){ GL_LOANS, p->loan,
		    -(a.principal + a.prepay) };
	if (rounding > 0)
		e->post[e->npost++] = (struct posting){ GL_ROUNDING, 0,
		    -rounding };
	return 0;
}

/*
 * Repay p->amount on loan p->loan (0: the payoff, all that is owed), in
 * cash or from sukarela; the store splits it (loan_allocate()).  In cash,
 * the payoff is loan_cash_payoff(): the rounding up goes to 4902.
 */
void
loan_repay_req(struct post_req *q, const char *branch, const char *user,
    const struct loan_pay_req *p)
{
	store_req_prepared(q, branch, user, EK_LOAN_REPAY, repay_prepare, p);
}

static int
writeoff_prepare(struct store_txn *t, struct entry *e, void *arg)
{
	struct loan	 l;
	int		 r;

	if ((r = loan_fields(t, e, *(const uint64_t *)arg, &l)) != 0)
		return r;
	if (l.state != LOAN_ACTIVE)
		return l.state < LOAN_ACTIVE ? STORE_E_NOTAPPROVED :
		    STORE_E_LOANSTATE;
	if (l.outstanding > 0) {
		e->post[e->npost++] = (struct posting){ GL_PROVISION, 0,
		    l.outstanding };
		e->post[e->npost++] = (struct posting){ GL_LOANS, l.number,
		    -l.outstanding };
	}
	return 0;
}

/* Write loan *n off (a manager): what is outstanding becomes expense. */
void
loan_writeoff_req(struct post_req *q, const char *branch, const char *user,
    const uint64_t *n)
{
	store_req_prepared(q, branch, user, EK_LOAN_WRITEOFF,
	    writeoff_prepare, n);
}

static int
recover_prepare(struct store_txn *t, struct entry *e, void *arg)
{
	const struct loan_pay_req	*p = arg;
	struct loan			 l;
	struct user			 u;
	int				 r;

	if ((r = loan_fields(t, e, p->loan, &l)) != 0 ||
	    (r = user_get(t, e->branch, e->user, &u)) != 0)
		return r;
	if (l.state != LOAN_WRITTEN_OFF)
		return STORE_E_LOANSTATE;
	if (p->amount <= 0)
		return STORE_E_AMOUNT;
	if (!p->from_sukarela && u.drawer == 0)
		return STORE_E_DRAWER;
	e->post[e->npost++] = p->from_sukarela ?
	    (struct posting){ GL_SUKARELA, l.member, p->amount } :
	    (struct posting){ GL_CASH, u.drawer, p->amount };
	e->post[e->npost++] = (struct posting){ GL_OTHER_INC, 0, -p->amount };
	return 0;
}

/* Money in on written-off loan p->loan, cash or from sukarela. */
void
loan_recover_req(struct post_req *q, const char *branch, const char *user,
    const struct loan_pay_req *p)
{
	store_req_prepared(q, branch, user, EK_LOAN_RECOVER,
	    recover_prepare, p);
}
