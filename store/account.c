/*
 * store/account.c: the chart of accounts and balances.
 *
 * An account is a general-ledger code (gl) and a sub-account number (sub,
 * 0 for the GL account itself).  Sub-accounts are members' savings and
 * loans, tellers' drawers and over/short: each rolls up into its control
 * account (gl, 0), whose balance is the sum of its subs.  Balances are kept
 * as debit minus credit; the natural balance is positive on the account's
 * normal side (debit for assets and expenses, credit for the rest).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

#define ACCOUNT_REC_VERSION	1

/* The shape Indonesian savings-and-loan cooperatives report in. */
static const struct account chart[] = {
	{ GL_CASH, 0, ACCT_ASSET, ACCT_F_CONTROL | ACCT_F_MIN, 0, "Kas teller" },
	{ GL_VAULT, 0, ACCT_ASSET, ACCT_F_MIN, 0, "Kas khasanah" },
	{ GL_BANK, 0, ACCT_ASSET, ACCT_F_MIN, 0, "Bank" },
	{ GL_LOANS, 0, ACCT_ASSET, ACCT_F_CONTROL, 0, "Piutang pinjaman anggota" },
	{ GL_LOAN_INT_RCV, 0, ACCT_ASSET, 0, 0,
	    "Pendapatan jasa pinjaman yang masih harus diterima" },
	{ GL_LOAN_ALLOW, 0, ACCT_ASSET, 0, 0,
	    "Penyisihan penghapusan pinjaman" },
	{ GL_SUKARELA, 0, ACCT_LIABILITY, ACCT_F_CONTROL | ACCT_F_MIN, 0,
	    "Simpanan sukarela" },
	{ GL_BERJANGKA, 0, ACCT_LIABILITY, ACCT_F_CONTROL | ACCT_F_MIN, 0,
	    "Simpanan berjangka" },
	{ GL_TAX_PAYABLE, 0, ACCT_LIABILITY, 0, 0, "Utang pajak" },
	{ GL_SHU_PAYABLE, 0, ACCT_LIABILITY, 0, 0, "Utang SHU anggota" },
	{ GL_OTHER_PAYABLE, 0, ACCT_LIABILITY, 0, 0, "Utang lain-lain" },
	{ GL_POKOK, 0, ACCT_EQUITY, ACCT_F_CONTROL | ACCT_F_MIN, 0,
	    "Simpanan pokok" },
	{ GL_WAJIB, 0, ACCT_EQUITY, ACCT_F_CONTROL | ACCT_F_MIN, 0,
	    "Simpanan wajib" },
	{ GL_RESERVE, 0, ACCT_EQUITY, 0, 0, "Cadangan" },
	{ GL_GRANT, 0, ACCT_EQUITY, 0, 0, "Modal penyetaraan dan hibah" },
	{ GL_SHU, 0, ACCT_EQUITY, 0, 0, "SHU tahun berjalan" },
	{ GL_OPENING, 0, ACCT_EQUITY, 0, 0, "Saldo awal" },
	{ GL_LOAN_INT, 0, ACCT_INCOME, 0, 0, "Pendapatan jasa pinjaman" },
	{ GL_LOAN_FEE, 0, ACCT_INCOME, 0, 0,
	    "Pendapatan administrasi dan provisi" },
	{ GL_PENALTY, 0, ACCT_INCOME, 0, 0, "Pendapatan denda" },
	{ GL_OTHER_INC, 0, ACCT_INCOME, 0, 0, "Pendapatan lain-lain" },
	{ GL_SAV_INT, 0, ACCT_EXPENSE, 0, 0, "Beban jasa simpanan" },
	{ GL_OPEX, 0, ACCT_EXPENSE, 0, 0, "Beban operasional" },
	{ GL_PROVISION, 0, ACCT_EXPENSE, 0, 0,
	    "Beban penyisihan pinjaman" },
	{ GL_OVERSHORT, 0, ACCT_EXPENSE, ACCT_F_CONTROL, 0, "Selisih kas" },
};

void
account_key(uint8_t key[KEY_BRANCH + 12], const char *branch, uint32_t gl,
    uint64_t sub)
{
	key_branch(key, branch);
	be32_put(key + KEY_BRANCH, gl);
	be64_put(key + KEY_BRANCH + 4, sub);
}

static void
key_account(const uint8_t *key, uint32_t *gl, uint64_t *sub)
{
	*gl = be32_get(key + KEY_BRANCH);
	*sub = be64_get(key + KEY_BRANCH + 4);
}

void
account_format_code(uint32_t gl, uint64_t sub, char *buf, size_t len)
{
	if (sub == 0)
		snprintf(buf, len, "%" PRIu32, gl);
	else
		snprintf(buf, len, "%" PRIu32 ".%" PRIu64, gl, sub);
}

/*
 * The member's savings need no number on their own statement (it is the
 * member's); a loan or a term deposit is named by its own number, which
 * the account code's tail would hide ("1201.10" cut to "1201.1").
 */
void
account_member_name(uint32_t gl, uint64_t sub,
    const char *(*tr)(const char *), char *buf, size_t len)
{
	const char	*w;

	w = gl == GL_POKOK ? N_("pokok") : gl == GL_WAJIB ? N_("wajib") :
	    gl == GL_SUKARELA ? N_("sukarela") : gl == GL_BERJANGKA ?
	    N_("berjangka") : N_("loan");
	if (gl == GL_POKOK || gl == GL_WAJIB || gl == GL_SUKARELA)
		snprintf(buf, len, "%s", tr(w));
	else
		snprintf(buf, len, "%s %" PRIu64, tr(w), sub);
}

/* "1101" or "2101.123". */
int
account_parse_code(const char *s, uint32_t *gl, uint64_t *sub)
{
	char			*end;
	unsigned long long	 v;

	if (*s < '0' || *s > '9')
		return STORE_E_ACCOUNT;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || v == 0 || v > UINT32_MAX)
		return STORE_E_ACCOUNT;
	*gl = v;
	*sub = 0;
	if (*end == '\0')
		return 0;
	if (*end != '.' || end[1] < '0' || end[1] > '9')
		return STORE_E_ACCOUNT;
	s = end + 1;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v == 0)
		return STORE_E_ACCOUNT;
	*sub = v;
	return 0;
}

int64_t
account_natural(const struct account *a, int64_t amount)
{
	if (a->type == ACCT_ASSET || a->type == ACCT_EXPENSE)
		return amount;
	return -amount;
}

static int
account_decode(struct account *a, const void *data, size_t len)
{
	struct buf	 in;
	uint8_t		 v;

	buf_from(&in, data, len);
	if (buf_get_u8(&in, &v) != 0 || v != ACCOUNT_REC_VERSION ||
	    buf_get_u8(&in, &a->type) != 0 ||
	    buf_get_u8(&in, &a->flags) != 0 ||
	    buf_get_svarint(&in, &a->min) != 0 ||
	    buf_get_str(&in, a->name, sizeof a->name) != 0 ||
	    buf_left(&in) != 0)
		return STORE_E_CORRUPT;
	return 0;
}

int
account_get(struct store_txn *t, const char *branch, uint32_t gl,
    uint64_t sub, struct account *a)
{
	uint8_t	 key[KEY_BRANCH + 12];
	MDB_val	 k, d;
	int	 r;

	memset(a, 0, sizeof *a);
	account_key(key, branch, gl, sub);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_get(t->txn, t->st->account, &k, &d)) != 0)
		return r == MDB_NOTFOUND ? STORE_E_ACCOUNT : r;
	a->gl = gl;
	a->sub = sub;
	return account_decode(a, d.mv_data, d.mv_size);
}

int
account_put(struct store_txn *t, const char *branch, const struct account *a)
{
	uint8_t		 key[KEY_BRANCH + 12];
	struct buf	 out;
	uint8_t		 rec[NAME_MAX_COLS * 4 + 32];
	MDB_val		 k, d;
	int		 r;

	buf_wrap(&out, rec, sizeof rec);	/* no malloc per record */
	if ((r = buf_put_u8(&out, ACCOUNT_REC_VERSION)) != 0 ||
	    (r = buf_put_u8(&out, a->type)) != 0 ||
	    (r = buf_put_u8(&out, a->flags)) != 0 ||
	    (r = buf_put_svarint(&out, a->min)) != 0 ||
	    (r = buf_put_str(&out, a->name)) != 0)
		goto out;
	account_key(key, branch, a->gl, a->sub);
	k.mv_data = key;
	k.mv_size = sizeof key;
	d.mv_data = out.data;
	d.mv_size = out.len;
	r = mdb_put(t->txn, t->st->account, &k, &d, 0);
out:
	buf_free(&out);
	return r;
}

int
account_open_chart(struct store_txn *t, const char *branch)
{
	size_t	 i;
	int	 r;

	for (i = 0; i < sizeof chart / sizeof chart[0]; i++) {
		if ((r = account_put(t, branch, &chart[i])) != 0)
			return r;
	}
	return 0;
}

/*
 * Open a sub-account of a control account, named name, with its own floor
 * (min) or, when min is negative, the control's.  An existing open
 * sub-account is left as it is.
 */
int
account_open_sub(struct store_txn *t, const char *branch, uint32_t gl,
    uint64_t sub, const char *name, int64_t min)
{
	struct account	 a, ctl;
	int		 r;

	if ((r = account_get(t, branch, gl, sub, &a)) == 0)
		return (a.flags & ACCT_F_CLOSED) ? STORE_E_EXISTS : 0;
	if (r != STORE_E_ACCOUNT)
		return r;
	if ((r = account_get(t, branch, gl, 0, &ctl)) != 0)
		return r;
	if (!(ctl.flags & ACCT_F_CONTROL))
		return STORE_E_ACCOUNT;
	memset(&a, 0, sizeof a);
	a.gl = gl;
	a.sub = sub;
	a.type = ctl.type;
	a.flags = ctl.flags & ACCT_F_MIN;
	a.min = min >= 0 ? min : ctl.min;
	snprintf(a.name, sizeof a.name, "%s", name);
	return account_put(t, branch, &a);
}

/* Close an account whose balance is zero. */
int
account_close(struct store_txn *t, const char *branch, uint32_t gl,
    uint64_t sub)
{
	struct account	 a;
	struct balance	 b;
	int		 r;

	if ((r = account_get(t, branch, gl, sub, &a)) != 0 ||
	    (r = account_balance(t, branch, gl, sub, &b)) != 0)
		return r;
	if (b.amount != 0)
		return STORE_E_INVAL;
	a.flags |= ACCT_F_CLOSED;
	return account_put(t, branch, &a);
}

/*
 * A balance record is the balance, its period totals, and for a sukarela
 * account its month (struct savstat) after them: one read and one write
 * per posting.  The period totals are the debits and credits ever posted
 * and those of the last business day that moved the account, in seven
 * int64_t and a spare (BAL_REC bytes), so that the day's period record (below) is
 * written without reading it first.
 */
#define BAL_REC		(8 * 8)	/* the eighth is zero, kept spare */
#define PERIOD_KEY	(KEY_BRANCH + 16)
#define PERIOD_REC	(4 * 8)

static void
balance_unpack(struct balance *b, const uint8_t *p)
{
	int64_t	 v[8];

	memcpy(v, p, sizeof v);
	b->amount = v[0];
	b->last_seq = v[1];
	b->debit = v[2];
	b->credit = v[3];
	b->day_debit = v[4];
	b->day_credit = v[5];
	b->date = v[6];
}

static void
balance_pack(uint8_t *p, const struct balance *b)
{
	int64_t	 v[8];

	v[0] = b->amount;
	v[1] = b->last_seq;
	v[2] = b->debit;
	v[3] = b->credit;
	v[4] = b->day_debit;
	v[5] = b->day_credit;
	v[6] = b->date;
	v[7] = 0;
	memcpy(p, v, sizeof v);
}

static int
balance_get_ext(struct store_txn *t, const uint8_t *key, struct balance *b,
    struct savstat *s, int *has)
{
	MDB_val	 k, d;
	int	 r;

	memset(b, 0, sizeof *b);
	if (has != NULL)
		*has = 0;
	k.mv_data = (void *)(uintptr_t)key;
	k.mv_size = KEY_BRANCH + 12;
	if ((r = mdb_get(t->txn, t->st->balance, &k, &d)) != 0)
		return r == MDB_NOTFOUND ? 0 : r;
	if (d.mv_size != BAL_REC && d.mv_size != BAL_REC + sizeof *s)
		return STORE_E_CORRUPT;
	balance_unpack(b, d.mv_data);
	if (d.mv_size > BAL_REC && s != NULL) {
		memcpy(s, (uint8_t *)d.mv_data + BAL_REC, sizeof *s);
		*has = 1;
	}
	return 0;
}

static int
balance_get_key(struct store_txn *t, const uint8_t *key, struct balance *b)
{
	return balance_get_ext(t, key, b, NULL, NULL);
}

int
account_balance_ext(struct store_txn *t, const char *branch, uint32_t gl,
    uint64_t sub, struct balance *b, struct savstat *s, int *has)
{
	uint8_t	 key[KEY_BRANCH + 12];

	account_key(key, branch, gl, sub);
	return balance_get_ext(t, key, b, s, has);
}

/* The balance of an account that exists; never moved is zero. */
int
account_balance(struct store_txn *t, const char *branch, uint32_t gl,
    uint64_t sub, struct balance *b)
{
	uint8_t	 key[KEY_BRANCH + 12];

	account_key(key, branch, gl, sub);
	return balance_get_key(t, key, b);
}

/*
 * The period totals: per account and business day that moved it, the
 * day's debits and credits and the totals ever through that day.  The
 * account's last day is in its balance record; the days before it are
 * period records, under branch gl sub date, each written once, when the
 * account first moves on a later day.  A branch's entries are dated on
 * its business date, which only moves forward, so the day that moves is
 * always the account's newest.
 */
static void
period_key(uint8_t key[PERIOD_KEY], const uint8_t *akey, uint32_t date)
{
	int	 i;

	memcpy(key, akey, KEY_BRANCH + 12);
	for (i = 0; i < 4; i++)
		key[KEY_BRANCH + 12 + i] = date >> (24 - 8 * i);
}

/* The period record of b's day (b->date), for account akey. */
static int
period_put(struct store_txn *t, const uint8_t *akey, const struct balance *b)
{
	uint8_t		 pkey[PERIOD_KEY];
	int64_t		 pv[4];
	MDB_val		 k, d;

	period_key(pkey, akey, b->date);
	pv[0] = b->day_debit;
	pv[1] = b->day_credit;
	pv[2] = b->debit;
	pv[3] = b->credit;
	k.mv_data = pkey;
	k.mv_size = sizeof pkey;
	d.mv_data = pv;
	d.mv_size = sizeof pv;
	return mdb_put(t->txn, t->st->period, &k, &d, 0);
}

/*
 * Add amount, posted on date, to the period totals of account akey,
 * whose balance is *b: a new day closes the last one into its record.
 */
static int
period_add(struct store_txn *t, const uint8_t *akey, struct balance *b,
    uint32_t date, int64_t amount)
{
	int64_t	*tot, *day;
	int	 r;

	if (date < b->date)
		return STORE_E_CLOSEDDAY;
	if (date != b->date) {
		if (b->date != 0 && (r = period_put(t, akey, b)) != 0)
			return r;
		b->date = date;
		b->day_debit = b->day_credit = 0;
	}
	if (amount >= 0) {
		tot = &b->debit;
		day = &b->day_debit;
	} else {
		tot = &b->credit;
		day = &b->day_credit;
		if (amount == INT64_MIN)
			return STORE_E_OVERFLOW;
		amount = -amount;
	}
	if (__builtin_add_overflow(*tot, amount, tot) ||
	    __builtin_add_overflow(*day, amount, day))
		return STORE_E_OVERFLOW;
	return 0;
}

/* Write account akey's balance record. */
static int
balance_write(struct store_txn *t, const uint8_t *akey,
    const struct balance *b, const struct savstat *s)
{
	uint8_t		 rec[BAL_REC + sizeof *s];
	MDB_val		 k, d;

	balance_pack(rec, b);
	if (s != NULL)
		memcpy(rec + BAL_REC, s, sizeof *s);
	k.mv_data = (void *)(uintptr_t)akey;
	k.mv_size = KEY_BRANCH + 12;
	d.mv_data = rec;
	d.mv_size = s != NULL ? sizeof rec : BAL_REC;
	return mdb_put(t->txn, t->st->balance, &k, &d, 0);
}

/*
 * The totals ever posted to an account through the end of date: its
 * balance record when its last day is not after date, else one seek to
 * the first day after date and one step back.
 */
static int
period_totals(struct store_txn *t, const uint8_t *akey, uint32_t date,
    int64_t *debit, int64_t *credit)
{
	MDB_cursor	*c;
	MDB_val		 k, d;
	struct balance	 b;
	uint8_t		 pkey[PERIOD_KEY];
	int64_t		 pv[4];
	int		 r;

	*debit = *credit = 0;
	if ((r = balance_get_key(t, akey, &b)) != 0)
		return r;
	if (b.date != 0 && b.date <= date) {
		*debit = b.debit;
		*credit = b.credit;
		return 0;
	}
	if (date == UINT32_MAX)
		date--;
	period_key(pkey, akey, date + 1);
	k.mv_data = pkey;
	k.mv_size = sizeof pkey;
	if ((r = mdb_cursor_open(t->txn, t->st->period, &c)) != 0)
		return r;
	r = mdb_cursor_get(c, &k, &d, MDB_SET_RANGE);
	if (r == 0)
		r = mdb_cursor_get(c, &k, &d, MDB_PREV);
	else if (r == MDB_NOTFOUND)
		r = mdb_cursor_get(c, &k, &d, MDB_LAST);
	if (r == 0 && k.mv_size == PERIOD_KEY &&
	    memcmp(k.mv_data, akey, KEY_BRANCH + 12) == 0) {
		if (d.mv_size != sizeof pv)
			r = STORE_E_CORRUPT;
		else {
			memcpy(pv, d.mv_data, sizeof pv);
			*debit = pv[2];
			*credit = pv[3];
		}
	}
	mdb_cursor_close(c);
	return r == MDB_NOTFOUND ? 0 : r;
}

/*
 * The period record of an account's day: the day's debit and credit and
 * the totals through it.  STORE_E_NOTFOUND: the account did not move
 * that day.
 */
int
account_period_get(struct store_txn *t, const char *branch, uint32_t gl,
    uint64_t sub, uint32_t date, int64_t v[4])
{
	uint8_t	 akey[KEY_BRANCH + 12], pkey[PERIOD_KEY];
	MDB_val	 k, d;
	int	 r;

	account_key(akey, branch, gl, sub);
	period_key(pkey, akey, date);
	k.mv_data = pkey;
	k.mv_size = sizeof pkey;
	if ((r = mdb_get(t->txn, t->st->period, &k, &d)) != 0)
		return r == MDB_NOTFOUND ? STORE_E_NOTFOUND : r;
	if (d.mv_size != PERIOD_REC)
		return STORE_E_CORRUPT;
	memcpy(v, d.mv_data, PERIOD_REC);
	return 0;
}

/* The same for an account named by branch, gl and sub; store-internal. */
int
account_totals_at(struct store_txn *t, const char *branch, uint32_t gl,
    uint64_t sub, uint32_t date, int64_t *debit, int64_t *credit)
{
	uint8_t	 key[KEY_BRANCH + 12];

	account_key(key, branch, gl, sub);
	return period_totals(t, key, date, debit, credit);
}

/*
 * The totals through the end of date of every sub-account of gl that has
 * moved, in sub order, to fn(arg, sub, debit, credit) until it returns
 * non-zero: one cursor walk over the balances, and a seek in the period
 * totals only for an account that moved after date.
 */
int
account_totals_walk(struct store_txn *t, const char *branch, uint32_t gl,
    uint32_t date, int (*fn)(void *, uint64_t, int64_t, int64_t), void *arg)
{
	MDB_cursor	*c;
	MDB_val		 k, d;
	struct balance	 b;
	uint8_t		 key[KEY_BRANCH + 12], akey[KEY_BRANCH + 12];
	int64_t		 dr, cr;
	uint64_t	 sub;
	int		 r, op = MDB_SET_RANGE;

	account_key(key, branch, gl, 1);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_cursor_open(t->txn, t->st->balance, &c)) != 0)
		return r;
	while ((r = mdb_cursor_get(c, &k, &d, op)) == 0) {
		op = MDB_NEXT;
		if (k.mv_size != sizeof key ||
		    memcmp(k.mv_data, key, KEY_BRANCH + 4) != 0)
			break;
		if (d.mv_size < BAL_REC) {
			r = STORE_E_CORRUPT;
			break;
		}
		memcpy(akey, k.mv_data, sizeof akey);
		sub = be64_get(akey + KEY_BRANCH + 4);
		balance_unpack(&b, d.mv_data);
		if (b.date != 0 && b.date <= date) {
			dr = b.debit;
			cr = b.credit;
		} else if ((r = period_totals(t, akey, date, &dr, &cr)) != 0)
			break;
		if ((r = fn(arg, sub, dr, cr)) != 0)
			break;
	}
	mdb_cursor_close(c);
	return r == MDB_NOTFOUND ? 0 : r;
}

/*
 * The balance (debit minus credit) of an account at the end of date,
 * from the period totals.  STORE_E_ACCOUNT: no such account.
 */
int
account_balance_at(struct store_txn *t, const char *branch, uint32_t gl,
    uint64_t sub, uint32_t date, int64_t *amount)
{
	struct account	 a;
	uint8_t		 key[KEY_BRANCH + 12];
	int64_t		 dr, cr;
	int		 r;

	*amount = 0;
	if ((r = account_get(t, branch, gl, sub, &a)) != 0)
		return r;
	account_key(key, branch, gl, sub);
	if ((r = period_totals(t, key, date, &dr, &cr)) != 0)
		return r;
	*amount = dr - cr;
	return 0;
}

/*
 * The debits and credits (both positive) posted to an account on the
 * business days from through to.  STORE_E_ACCOUNT: no such account;
 * STORE_E_INVAL: from after to.
 */
int
account_movement(struct store_txn *t, const char *branch, uint32_t gl,
    uint64_t sub, uint32_t from, uint32_t to, int64_t *debit,
    int64_t *credit)
{
	struct account	 a;
	uint8_t		 key[KEY_BRANCH + 12];
	int64_t		 d0 = 0, c0 = 0;
	int		 r;

	*debit = *credit = 0;
	if (from > to)
		return STORE_E_INVAL;
	if ((r = account_get(t, branch, gl, sub, &a)) != 0)
		return r;
	account_key(key, branch, gl, sub);
	if ((r = period_totals(t, key, to, debit, credit)) != 0 ||
	    (from > 0 && (r = period_totals(t, key, from - 1, &d0,
	    &c0)) != 0))
		return r;
	*debit -= d0;
	*credit -= c0;
	return 0;
}

/*
 * Move an account known to take the posting (apply_postings() checked
 * it and its floor), whose balance is *b: *b is updated, and so is the
 * control account of a sub-account, with their period totals for the
 * branch's business date, which is the entry's.
 */
int
account_move_known(struct store_txn *t, const char *branch,
    const struct posting *p, uint64_t seq, struct balance *b,
    const struct savstat *s)
{
	struct branch	 br;
	struct balance	 c;
	uint8_t		 key[KEY_BRANCH + 12];
	uint32_t	 date;
	int		 r;

	/* apply_entry() read the branch: it is in the cache. */
	if (t->bvalid && strcmp(t->bcache.code, branch) == 0)
		date = t->bcache.date;
	else if ((r = branch_get(t, branch, &br)) != 0)
		return r;
	else
		date = br.date;
	account_key(key, branch, p->gl, p->sub);
	if (__builtin_add_overflow(b->amount, p->amount, &b->amount) ||
	    (r = period_add(t, key, b, date, p->amount)) != 0)
		return r != 0 ? r : STORE_E_OVERFLOW;
	b->last_seq = seq;
	if ((r = balance_write(t, key, b, s)) != 0)
		return r;
	if (p->sub == 0)
		return 0;
	account_key(key, branch, p->gl, 0);
	if ((r = balance_get_key(t, key, &c)) != 0)
		return r;
	if (__builtin_add_overflow(c.amount, p->amount, &c.amount) ||
	    (r = period_add(t, key, &c, date, p->amount)) != 0)
		return r != 0 ? r : STORE_E_OVERFLOW;
	c.last_seq = seq;
	return balance_write(t, key, &c, NULL);
}

/* Every account of a branch in code order, with its balance. */
int
account_walk(struct store_txn *t, const char *branch,
    int (*fn)(void *, const struct account *, const struct balance *),
    void *arg)
{
	MDB_cursor	*c;
	MDB_val		 k, d;
	uint8_t		 key[KEY_BRANCH];
	struct account	 a;
	struct balance	 b;
	int		 r, op = MDB_SET_RANGE;

	key_branch(key, branch);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_cursor_open(t->txn, t->st->account, &c)) != 0)
		return r;
	while ((r = mdb_cursor_get(c, &k, &d, op)) == 0) {
		op = MDB_NEXT;
		if (k.mv_size != KEY_BRANCH + 12 ||
		    memcmp(k.mv_data, key, KEY_BRANCH) != 0)
			break;
		memset(&a, 0, sizeof a);
		key_account(k.mv_data, &a.gl, &a.sub);
		if ((r = account_decode(&a, d.mv_data, d.mv_size)) != 0 ||
		    (r = balance_get_key(t, k.mv_data, &b)) != 0)
			break;
		if ((r = fn(arg, &a, &b)) != 0)
			break;
	}
	mdb_cursor_close(c);
	return r == MDB_NOTFOUND ? 0 : r;
}

/* -- the account-open entry: a GL account or a sub-account ---------------- */

static int
account_open_apply(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	struct account	 a, ctl;
	uint64_t	 gl, sub = 0, v;
	int64_t		 min;
	int		 r;

	(void)c;
	memset(&a, 0, sizeof a);
	if ((r = entry_get_u64(e, F_GL, &gl)) != 0)
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
	if ((r = entry_get_str(e, F_NAME, a.name, sizeof a.name)) != 0)
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
		if ((r = entry_get_u64(e, F_TYPE, &v)) != 0)
			return r == STORE_E_NOTFOUND ? STORE_E_INVAL : r;
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

const struct entry_kind ek_account_open = {
	.kind = EK_ACCOUNT_OPEN,
	.name = "account-open",
	.title = N_("account opened"),
	.roles = ROLE_MANAGER | ROLE_ADMIN | ROLE_SYSTEM,
	.flags = KF_NOPOST,
	.fields = FIELD(F_NAME) | FIELD(F_FLAGS) | FIELD(F_GL) |
	    FIELD(F_SUB) | FIELD(F_TYPE) | FIELD(F_MIN),
	.required = FIELD(F_NAME) | FIELD(F_GL),
	.apply = account_open_apply,
};
/*
 * The general-ledger accounts (sub 0) of a branch in code order, with
 * their balances; the sub-accounts under each are skipped by a seek.
 */
int
account_walk_gl(struct store_txn *t, const char *branch,
    int (*fn)(void *, const struct account *, const struct balance *),
    void *arg)
{
	MDB_cursor	*c;
	MDB_val		 k, d;
	uint8_t		 key[KEY_BRANCH + 12];
	struct account	 a;
	struct balance	 b;
	int		 r;

	account_key(key, branch, 0, 0);
	if ((r = mdb_cursor_open(t->txn, t->st->account, &c)) != 0)
		return r;
	for (;;) {
		k.mv_data = key;
		k.mv_size = sizeof key;
		if ((r = mdb_cursor_get(c, &k, &d, MDB_SET_RANGE)) != 0)
			break;
		if (k.mv_size != KEY_BRANCH + 12 ||
		    memcmp(k.mv_data, key, KEY_BRANCH) != 0) {
			r = MDB_NOTFOUND;
			break;
		}
		memset(&a, 0, sizeof a);
		key_account(k.mv_data, &a.gl, &a.sub);
		if (a.sub == 0) {
			if ((r = account_decode(&a, d.mv_data,
			    d.mv_size)) != 0 ||
			    (r = balance_get_key(t, k.mv_data, &b)) != 0 ||
			    (r = fn(arg, &a, &b)) != 0)
				break;
		}
		if (a.gl == UINT32_MAX) {
			r = MDB_NOTFOUND;
			break;
		}
		account_key(key, branch, a.gl + 1, 0);
	}
	mdb_cursor_close(c);
	return r == MDB_NOTFOUND ? 0 : r;
}

/*
 * Schema 1 to 2: the period totals, made from the journal's postings,
 * each dated on its entry's business date, as apply_entry() would have
 * made them.  The balances must come out as they were (debits minus
 * credits); else the folder cannot be upgraded (STORE_E_OLDER).
 * Balance records of either layout are taken: 16 or 56 bytes (schema 1,
 * with a sukarela month after the balance), or BAL_REC and more.
 */
int
account_upgrade_periods(struct store_txn *t)
{
	MDB_cursor	*c = NULL, *jc = NULL;
	MDB_val		 k, d;
	struct entry	*e = NULL;
	struct balance	 b;
	struct savstat	 s;
	struct upg {
		uint8_t		 key[KEY_BRANCH + 12];
		uint8_t		 rec[BAL_REC + sizeof(struct savstat)];
		size_t		 len;
	}		*up = NULL;
	size_t		 nup = 0, cap = 0, n;
	uint8_t		 key[KEY_BRANCH + 12];
	int64_t		 v[2];
	uint16_t	 i;
	int		 r, pass;

	if ((r = mdb_drop(t->txn, t->st->period, 0)) != 0 ||
	    (r = mdb_cursor_open(t->txn, t->st->balance, &c)) != 0)
		return r;
	/*
	 * The balances in the new layout, their totals zero: read them all
	 * first, then write (a cursor is not moved over records that grow).
	 */
	while ((r = mdb_cursor_get(c, &k, &d, MDB_NEXT)) == 0) {
		const uint8_t	*sv = NULL;
		struct upg	*nu;

		if (k.mv_size != KEY_BRANCH + 12) {
			r = STORE_E_OLDER;
			goto out;
		}
		if (d.mv_size == 16 || d.mv_size == 16 + sizeof s)
			sv = d.mv_size > 16 ? (uint8_t *)d.mv_data + 16 : NULL;
		else if (d.mv_size == BAL_REC || d.mv_size == BAL_REC + sizeof s)
			sv = d.mv_size > BAL_REC ?
			    (uint8_t *)d.mv_data + BAL_REC : NULL;
		else {
			r = STORE_E_OLDER;
			goto out;
		}
		if (nup == cap) {
			cap = cap ? cap * 2 : 256;
			if ((nu = reallocarray(up, cap, sizeof *up)) == NULL) {
				r = ENOMEM;
				goto out;
			}
			up = nu;
		}
		memcpy(up[nup].key, k.mv_data, sizeof up[nup].key);
		memcpy(v, d.mv_data, sizeof v);
		memset(&b, 0, sizeof b);
		b.amount = v[0];
		b.last_seq = v[1];
		balance_pack(up[nup].rec, &b);
		up[nup].len = BAL_REC;
		if (sv != NULL) {
			memcpy(up[nup].rec + BAL_REC, sv, sizeof s);
			up[nup].len += sizeof s;
		}
		nup++;
	}
	if (r != MDB_NOTFOUND)
		goto out;
	mdb_cursor_close(c);
	c = NULL;
	for (n = 0; n < nup; n++) {
		k.mv_data = up[n].key;
		k.mv_size = sizeof up[n].key;
		d.mv_data = up[n].rec;
		d.mv_size = up[n].len;
		if ((r = mdb_put(t->txn, t->st->balance, &k, &d, 0)) != 0)
			goto out;
	}

	/* Every posting of every branch's journal, in order. */
	if ((e = malloc(sizeof *e)) == NULL) {
		r = ENOMEM;
		goto out;
	}
	if ((r = mdb_cursor_open(t->txn, t->st->journal, &jc)) != 0)
		goto out;
	while ((r = mdb_cursor_get(jc, &k, &d, MDB_NEXT)) == 0) {
		if (k.mv_size != KEY_BRANCH + 8) {
			r = STORE_E_OLDER;
			goto out;
		}
		if ((r = entry_decode(e, d.mv_data, d.mv_size)) != 0)
			goto out;
		memset(e->branch, 0, sizeof e->branch);
		memcpy(e->branch, k.mv_data, KEY_BRANCH);
		for (i = 0; i < e->npost; i++) {
			for (pass = 0; pass < 2; pass++) {
				const struct posting *p = &e->post[i];
				struct savstat	 ss;
				int		 has;

				if (pass == 1 && p->sub == 0)
					break;
				account_key(key, e->branch, p->gl,
				    pass == 0 ? p->sub : 0);
				if ((r = balance_get_ext(t, key, &b, &ss,
				    &has)) != 0 ||
				    (r = period_add(t, key, &b, e->date,
				    p->amount)) != 0 ||
				    (r = balance_write(t, key, &b,
				    has ? &ss : NULL)) != 0)
					goto out;
			}
		}
	}
	if (r != MDB_NOTFOUND)
		goto out;

	/* What the journal says each account moved is what it holds. */
	if ((r = mdb_cursor_open(t->txn, t->st->balance, &c)) != 0)
		goto out;
	while ((r = mdb_cursor_get(c, &k, &d, MDB_NEXT)) == 0) {
		balance_unpack(&b, d.mv_data);
		if (b.debit - b.credit != b.amount) {
			r = STORE_E_OLDER;
			goto out;
		}
	}
	r = r == MDB_NOTFOUND ? 0 : r;
out:
	if (jc != NULL)
		mdb_cursor_close(jc);
	if (c != NULL)
		mdb_cursor_close(c);
	free(up);
	free(e);
	return r;
}
