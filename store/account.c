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
 * A balance record is the balance, and for a sukarela account its month
 * (struct savstat) after it: one read and one write per posting.
 */
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
	if (d.mv_size != sizeof *b && d.mv_size != sizeof *b + sizeof *s)
		return STORE_E_CORRUPT;
	memcpy(b, d.mv_data, sizeof *b);
	if (d.mv_size > sizeof *b && s != NULL) {
		memcpy(s, (uint8_t *)d.mv_data + sizeof *b, sizeof *s);
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

static int
balance_put_key(struct store_txn *t, const uint8_t *key,
    const struct balance *b)
{
	MDB_val	 k, d;

	k.mv_data = (void *)(uintptr_t)key;
	k.mv_size = KEY_BRANCH + 12;
	d.mv_data = (void *)(uintptr_t)b;
	d.mv_size = sizeof *b;
	return mdb_put(t->txn, t->st->balance, &k, &d, 0);
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
 * Move an account known to take the posting (apply_postings() checked
 * it and its floor), whose balance is *b: *b is updated, and so is the
 * control account of a sub-account.
 */
int
account_move_known(struct store_txn *t, const char *branch,
    const struct posting *p, uint64_t seq, struct balance *b,
    const struct savstat *s)
{
	struct balance	 c;
	uint8_t		 key[KEY_BRANCH + 12];
	uint8_t		 rec[sizeof c + sizeof *s];
	MDB_val		 k, d;
	int		 r;

	if (__builtin_add_overflow(b->amount, p->amount, &b->amount))
		return STORE_E_OVERFLOW;
	b->last_seq = seq;
	account_key(key, branch, p->gl, p->sub);
	if (s == NULL)
		r = balance_put_key(t, key, b);
	else {
		memcpy(rec, b, sizeof *b);
		memcpy(rec + sizeof *b, s, sizeof *s);
		k.mv_data = key;
		k.mv_size = sizeof key;
		d.mv_data = rec;
		d.mv_size = sizeof rec;
		r = mdb_put(t->txn, t->st->balance, &k, &d, 0);
	}
	if (r != 0)
		return r;
	if (p->sub == 0)
		return 0;
	account_key(key, branch, p->gl, 0);
	if ((r = balance_get_key(t, key, &c)) != 0)
		return r;
	if (__builtin_add_overflow(c.amount, p->amount, &c.amount))
		return STORE_E_OVERFLOW;
	c.last_seq = seq;
	return balance_put_key(t, key, &c);
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
