/*
 * store/setting.c: settings, derived from setting entries (every figure
 * of domain.md is one), and the local table of what belongs to this box
 * alone (which branches are primary here, failed sign-ins).
 *
 * Every setting is a row of one table: its type (which says its unit),
 * its range and its default.  A setting entry stores the value in the
 * books' own unit (sen, basis points, whole percent, days, months, a
 * count, a choice's number) as decimal digits; the apply function refuses
 * a value that is not that, or is outside the range, so that no entry,
 * posted here or replayed from elsewhere, can set it.  A name the table
 * does not know is kept as text and read by nothing.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store/store-int.h"

#define SETTING_NAME_MAX	64

static const char *const average_names[] = { "lowest", "average", NULL };
static const char *const method_names[] = { "", "flat", "declining",
    "annuity", NULL };
static const char *const fee_names[] = { "deducted", "charged", NULL };
static const char *const order_names[] = { "penalty,interest,principal",
    "interest,penalty,principal", "interest,principal,penalty",
    "principal,interest,penalty", "penalty,principal,interest",
    "principal,penalty,interest", NULL };
static const char *const regime_names[] = { "ojk", "coop", NULL };
static const char *const yesno_names[] = { "no", "yes", NULL };
static const char *const capital_names[] = { "year-end", "average", NULL };
static const char *const leavers_names[] = { "none", "share", NULL };
static const char *const payable_names[] = { "sukarela", "payable", NULL };

#define RP(x)	((int64_t)(x) * 100)
#define ME	SETTING_F_MONTHEND

/* domain.md's figures; the order is the order loket setting lists. */
static const struct setting_def settings[] = {
	{ "savings.pokok", SETTING_RUPIAH, 0, 0, RP(100000000), RP(100000),
	    NULL },
	{ "savings.wajib", SETTING_RUPIAH, 0, 0, RP(10000000), RP(25000),
	    NULL },
	{ "savings.sukarela.min", SETTING_RUPIAH, 0, 0, RP(10000000),
	    RP(10000), NULL },
	{ "savings.sukarela.rate_bp", SETTING_BP, ME, 0, 5000, 300, NULL },
	{ "savings.sukarela.average", SETTING_ENUM, ME, 0, 1, 0,
	    average_names },
	{ "savings.tax.threshold", SETTING_RUPIAH, ME, 0, RP(100000000),
	    RP(240000), NULL },
	{ "savings.tax.pct", SETTING_PCT, ME, 0, 100, 10, NULL },
	{ "savings.berjangka.rate_bp", SETTING_BP, 0, 0, 5000, 600, NULL },
	{ "savings.berjangka.penalty_bp", SETTING_BP, 0, 0, 10000, 100, NULL },
	{ "limit.withdraw.teller", SETTING_RUPIAH, 0, 0, RP(1000000000000),
	    RP(5000000), NULL },
	{ "limit.withdraw.supervisor", SETTING_RUPIAH, 0, 0,
	    RP(1000000000000), RP(50000000), NULL },
	{ "limit.withdraw.manager", SETTING_RUPIAH, 0, 0, RP(1000000000000),
	    0, NULL },
	{ "limit.drawer.difference", SETTING_RUPIAH, 0, 0, RP(10000000),
	    RP(50000), NULL },
	{ "limit.cash.report", SETTING_RUPIAH, 0, RP(1000000),
	    RP(500000000), RP(500000000), NULL },
	{ "user.lockout", SETTING_COUNT, 0, 0, 100, 5, NULL },
	{ "loan.method", SETTING_ENUM, 0, LOAN_FLAT, LOAN_ANNUITY, LOAN_FLAT,
	    method_names },
	{ "loan.rate_bp", SETTING_BP, 0, 0, LOAN_RATE_MAX, 150, NULL },
	{ "loan.max_term", SETTING_MONTHS, 0, 1, LOAN_TERM_MAX, 36, NULL },
	{ "loan.fee_bp", SETTING_BP, 0, 0, 2000, 100, NULL },
	{ "loan.provisi_bp", SETTING_BP, 0, 0, 2000, 100, NULL },
	{ "loan.fee_charged", SETTING_ENUM, 0, 0, 1, 0, fee_names },
	{ "loan.penalty_bp", SETTING_BP, 0, 0, 100, 10, NULL },
	{ "loan.order", SETTING_ENUM, 0, LOAN_ORDER_PIK, LOAN_ORDER_KPI,
	    LOAN_ORDER_PIK, order_names },
	{ "loan.regime", SETTING_ENUM, 0, LOAN_REGIME_OJK, LOAN_REGIME_COOP,
	    LOAN_REGIME_OJK, regime_names },
	{ "loan.provision.low_pct", SETTING_PCT, 0, 0, 100, 35, NULL },
	{ "loan.provision.high_pct", SETTING_PCT, 0, 0, 100, 100, NULL },
	{ "loan.provision.months", SETTING_MONTHS, 0, 1, 120, 12, NULL },
	/* The members' meeting (store/meeting.c): half the members, + 1. */
	{ "rat.quorum_pct", SETTING_PCT, 0, 0, 100, 50, NULL },
	/* Cash at the counter is counted in this unit; 0: no rounding. */
	{ "cash.rounding", SETTING_RUPIAH, 0, 0, RP(1000), RP(100), NULL },
	/*
	 * The SHU split (store/shu-year.c): the by-laws' parts add up to
	 * 100%, which the split checks; jasa modal's share of the members'.
	 */
	{ "shu.reserve_bp", SETTING_BP, 0, 0, 10000, 4000, NULL },
	{ "shu.members_bp", SETTING_BP, 0, 0, 10000, 4000, NULL },
	{ "shu.board_bp", SETTING_BP, 0, 0, 10000, 500, NULL },
	{ "shu.staff_bp", SETTING_BP, 0, 0, 10000, 500, NULL },
	{ "shu.education_bp", SETTING_BP, 0, 0, 10000, 500, NULL },
	{ "shu.social_bp", SETTING_BP, 0, 0, 10000, 500, NULL },
	{ "shu.jma_bp", SETTING_BP, 0, 0, 10000, 4000, NULL },
	{ "shu.capital.sukarela", SETTING_ENUM, 0, 0, 1, 0, yesno_names },
	{ "shu.capital.average", SETTING_ENUM, 0, 0, 1, 0, capital_names },
	{ "shu.usage.savings", SETTING_ENUM, 0, 0, 1, 0, yesno_names },
	{ "shu.leavers", SETTING_ENUM, 0, 0, 1, 0, leavers_names },
	{ "shu.tax_bp", SETTING_BP, 0, 0, 10000, 0, NULL },
	{ "shu.payable", SETTING_ENUM, 0, 0, 1, 0, payable_names },
};

#undef RP
#undef ME

/* The i-th row of the table, or NULL past the end. */
const struct setting_def *
setting_at(size_t i)
{
	if (i >= sizeof settings / sizeof settings[0])
		return NULL;
	return &settings[i];
}

/* The row named name, or NULL. */
const struct setting_def *
setting_find(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof settings / sizeof settings[0]; i++) {
		if (strcmp(settings[i].name, name) == 0)
			return &settings[i];
	}
	return NULL;
}

/* The i-th figure with a default: 0, or STORE_E_NOTFOUND past the end. */
int
setting_default(size_t i, const char **name, int64_t *value)
{
	const struct setting_def	*d;

	if ((d = setting_at(i)) == NULL)
		return STORE_E_NOTFOUND;
	*name = d->name;
	*value = d->def;
	return 0;
}

/* Decimal digits only, no sign, into *v: 0, or STORE_E_SETTING. */
static int
digits(const char *s, int64_t *v)
{
	int64_t	 n = 0;

	if (*s == '\0')
		return STORE_E_SETTING;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return STORE_E_SETTING;
		if (n > (INT64_MAX - (*s - '0')) / 10)
			return STORE_E_SETTING;
		n = n * 10 + (*s - '0');
	}
	*v = n;
	return 0;
}

/*
 * Whether value may be stored as setting name: the books' unit in
 * digits, inside the range.  Returns 0 (also for a name the table does
 * not know), or STORE_E_SETTING; *v is the value when it is 0.
 */
int
setting_check(const char *name, const char *value, int64_t *v)
{
	const struct setting_def	*d;
	int64_t				 n = 0;
	int				 r;

	if (v != NULL)
		*v = 0;
	if ((d = setting_find(name)) == NULL)
		return 0;
	if ((r = digits(value, &n)) != 0)
		return r;
	if (n < d->min || n > d->max)
		return STORE_E_SETTING;
	if (v != NULL)
		*v = n;
	return 0;
}

/* The value of a figure of the table: the branch's, or the default. */
int64_t
setting_value(struct store_txn *t, const char *branch, const char *name)
{
	const struct setting_def	*d;
	char				 v[32];
	int64_t				 n;

	if ((d = setting_find(name)) == NULL)
		return 0;
	if (setting_get(t, branch, name, v, sizeof v) != 0 ||
	    setting_check(name, v, &n) != 0)
		return d->def;
	return n;
}

/*
 * A value in its unit, as people read it: "Rp 100.000", "1,5%", "10%",
 * "36", or a choice's name.  Returns 0 or ERANGE.
 */
int
setting_format(const struct setting_def *d, int64_t v, char *buf,
    size_t size)
{
	int	 n;

	switch (d->type) {
	case SETTING_RUPIAH:
		return money_format(v, buf, size);
	case SETTING_BP:
		if (v % 100 == 0)
			n = snprintf(buf, size, "%" PRId64 "%%", v / 100);
		else if (v % 10 == 0)
			n = snprintf(buf, size, "%" PRId64 ",%" PRId64 "%%",
			    v / 100, v % 100 / 10);
		else
			n = snprintf(buf, size, "%" PRId64 ",%02" PRId64 "%%",
			    v / 100, v % 100);
		break;
	case SETTING_PCT:
		n = snprintf(buf, size, "%" PRId64 "%%", v);
		break;
	case SETTING_ENUM:
		if (d->names != NULL && v >= 0 && d->names[v] != NULL &&
		    d->names[v][0] != '\0') {
			n = snprintf(buf, size, "%s", d->names[v]);
			break;
		}
		/* FALLTHROUGH */
	default:
		n = snprintf(buf, size, "%" PRId64, v);
		break;
	}
	return n < 0 || (size_t)n >= size ? ERANGE : 0;
}

/* "1,5" or "1.5" (up to two decimals) as hundredths: 150. */
static int
hundredths(const char *s, int64_t *v)
{
	int64_t	 whole = 0, frac = 0;
	int	 nfrac = 0, nwhole = 0;

	for (; *s >= '0' && *s <= '9'; s++, nwhole++) {
		if (whole > INT64_MAX / 1000)
			return STORE_E_SETTING;
		whole = whole * 10 + (*s - '0');
	}
	if (*s == ',' || *s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, nfrac++) {
			if (nfrac == 2)
				return STORE_E_SETTING;
			frac = frac * 10 + (*s - '0');
		}
		if (nfrac == 0)
			return STORE_E_SETTING;
	}
	if (*s != '\0' || nwhole == 0)
		return STORE_E_SETTING;
	if (nfrac == 1)
		frac *= 10;
	*v = whole * 100 + frac;
	return 0;
}

/*
 * What a person typed, in the setting's unit ("Rp 100.000" or
 * "100.000", "1,5%" or "1,5", "10%", "30", a choice's name or number),
 * into the books' unit, checked against the range.  Returns 0 or
 * STORE_E_SETTING.
 */
int
setting_parse(const struct setting_def *d, const char *text, int64_t *v)
{
	char	 s[64];
	size_t	 len;
	int64_t	 n = 0;
	int	 i, r;

	while (*text == ' ')
		text++;
	len = strlen(text);
	while (len > 0 && text[len - 1] == ' ')
		len--;
	if (len == 0 || len >= sizeof s)
		return STORE_E_SETTING;
	memcpy(s, text, len);
	s[len] = '\0';
	switch (d->type) {
	case SETTING_RUPIAH:
		if (money_parse(s, &n) != 0)
			return STORE_E_SETTING;
		break;
	case SETTING_BP:
	case SETTING_PCT:
		if (s[len - 1] == '%')
			s[--len] = '\0';
		if (d->type == SETTING_BP)
			r = hundredths(s, &n);
		else
			r = digits(s, &n);
		if (r != 0)
			return r;
		break;
	case SETTING_ENUM:
		for (i = 0; d->names != NULL && d->names[i] != NULL; i++) {
			if (d->names[i][0] != '\0' &&
			    strcasecmp(d->names[i], s) == 0)
				break;
		}
		if (d->names != NULL && d->names[i] != NULL)
			n = i;
		else if ((r = digits(s, &n)) != 0)
			return r;
		break;
	default:
		if ((r = digits(s, &n)) != 0)
			return r;
		break;
	}
	if (n < d->min || n > d->max)
		return STORE_E_SETTING;
	*v = n;
	return 0;
}

static int
named_key(uint8_t *key, size_t size, const char *branch, const char *name,
    size_t *len)
{
	size_t	 n = strlen(name);

	if (n == 0 || n > SETTING_NAME_MAX || KEY_BRANCH + n > size)
		return STORE_E_INVAL;
	key_branch(key, branch);
	memcpy(key + KEY_BRANCH, name, n);
	*len = KEY_BRANCH + n;
	return 0;
}

static int
get_named(struct store_txn *t, MDB_dbi dbi, const char *branch,
    const char *name, MDB_val *d)
{
	uint8_t	 key[KEY_BRANCH + SETTING_NAME_MAX];
	MDB_val	 k;
	size_t	 len;
	int	 r;

	if ((r = named_key(key, sizeof key, branch, name, &len)) != 0)
		return r;
	k.mv_data = key;
	k.mv_size = len;
	if ((r = mdb_get(t->txn, dbi, &k, d)) != 0)
		return r == MDB_NOTFOUND ? STORE_E_NOTFOUND : r;
	return 0;
}

static int
put_named(struct store_txn *t, MDB_dbi dbi, const char *branch,
    const char *name, const void *val, size_t vlen)
{
	uint8_t	 key[KEY_BRANCH + SETTING_NAME_MAX];
	MDB_val	 k, d;
	size_t	 len;
	int	 r;

	if ((r = named_key(key, sizeof key, branch, name, &len)) != 0)
		return r;
	k.mv_data = key;
	k.mv_size = len;
	d.mv_data = (void *)(uintptr_t)val;
	d.mv_size = vlen;
	return mdb_put(t->txn, dbi, &k, &d, 0);
}

/*
 * The settings read at month end (SETTING_F_MONTHEND) changed by entries
 * dated in the branch's current business month: the month's interest,
 * tax and provisions are worked with the values in force when the month
 * is closed, so each such change waits for the coming month end.  One
 * row per setting, the newest change, with the value in force at the
 * last month end (was).  Returns 0 or a store code.
 */
int
setting_pending(struct store_txn *t, const char *branch,
    struct setting_change *out, size_t max, size_t *n)
{
	const struct setting_def	*d;
	struct branch			 b;
	struct entry			*e = NULL;
	char				 key[SETTING_NAME_MAX + 1], val[32];
	uint32_t			 start;
	uint64_t			 seq;
	size_t				 i, open;
	int64_t				 v;
	int				 y, m, dd, r;

	*n = 0;
	if ((r = branch_get(t, branch, &b)) != 0)
		return r;
	date_to_ymd(b.date, &y, &m, &dd);
	start = date_from_ymd(y, m, 1);
	if ((e = malloc(sizeof *e)) == NULL)
		return ENOMEM;
	/* Newest first: this month's changes, then what each replaced. */
	open = 0;
	for (seq = b.next_seq - 1; seq >= 1; seq--) {
		if ((r = journal_get(t, branch, seq, e)) != 0)
			goto out;
		if (e->date < start && open == 0)
			break;
		if (e->kind != EK_SETTING ||
		    entry_get_str(e, F_KEY, key, sizeof key) != 0 ||
		    entry_get_str(e, F_VALUE, val, sizeof val) != 0 ||
		    (d = setting_find(key)) == NULL ||
		    !(d->flags & SETTING_F_MONTHEND) ||
		    setting_check(key, val, &v) != 0)
			continue;
		for (i = 0; i < *n && out[i].def != d; i++)
			;
		if (e->date >= start) {
			if (i < *n || *n == max)
				continue;
			out[i].def = d;
			out[i].seq = e->seq;
			out[i].date = e->date;
			str_copy(out[i].user, e->user, sizeof out[i].user);
			out[i].value = v;
			out[i].was = d->def;	/* unless set before */
			out[i].older = 0;
			(*n)++;
			open++;
		} else if (i < *n && !out[i].older) {
			out[i].was = v;
			out[i].older = 1;
			open--;
		}
	}
	r = 0;
out:
	free(e);
	return r;
}

int
setting_get(struct store_txn *t, const char *branch, const char *name,
    char *dst, size_t size)
{
	MDB_val	 d;
	int	 r;

	if ((r = get_named(t, t->st->setting, branch, name, &d)) != 0)
		return r;
	if (d.mv_size >= size)
		return ERANGE;
	memcpy(dst, d.mv_data, d.mv_size);
	dst[d.mv_size] = '\0';
	return 0;
}

/* A whole-number setting, or def when unset or not a number. */
int64_t
setting_int(struct store_txn *t, const char *branch, const char *name,
    int64_t def)
{
	char	 v[32], *end;
	long long n;

	if (setting_get(t, branch, name, v, sizeof v) != 0)
		return def;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0')
		return def;
	return n;
}

int
setting_put(struct store_txn *t, const char *branch, const char *name,
    const char *value)
{
	return put_named(t, t->st->setting, branch, name, value,
	    strlen(value));
}

int
local_get(struct store_txn *t, const char *branch, const char *name,
    void *dst, size_t size, size_t *len)
{
	MDB_val	 d;
	int	 r;

	if ((r = get_named(t, t->st->local, branch, name, &d)) != 0)
		return r;
	if (d.mv_size > size)
		return ERANGE;
	memcpy(dst, d.mv_data, d.mv_size);
	if (len != NULL)
		*len = d.mv_size;
	return 0;
}

int
local_put(struct store_txn *t, const char *branch, const char *name,
    const void *val, size_t len)
{
	return put_named(t, t->st->local, branch, name, val, len);
}

/* Whether the branch's tellers post here (else it is a replica). */
int
store_is_primary(struct store_txn *t, const char *branch)
{
	uint8_t	 v;

	if (strcmp(t->pcache, branch) == 0)
		return 1;
	if (local_get(t, branch, "primary", &v, 1, NULL) != 0 || v != 1)
		return 0;
	str_copy(t->pcache, branch, sizeof t->pcache);
	return 1;
}

/* Numbers handed out in order (members, drawers): derived state. */
int
counter_get(struct store_txn *t, const char *branch, const char *name,
    uint64_t *v)
{
	MDB_val	 d;
	int	 r;

	*v = 0;
	if ((r = get_named(t, t->st->counter, branch, name, &d)) != 0)
		return r == STORE_E_NOTFOUND ? 0 : r;
	if (d.mv_size != sizeof *v)
		return STORE_E_CORRUPT;
	memcpy(v, d.mv_data, sizeof *v);
	return 0;
}

int
counter_put(struct store_txn *t, const char *branch, const char *name,
    uint64_t v)
{
	return put_named(t, t->st->counter, branch, name, &v, sizeof v);
}

/* The setting entry: a figure of the branch, by name. */
static int
setting_apply(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	char	 key[65], value[256];
	int	 r;

	(void)c;
	if ((r = entry_get_str(e, F_KEY, key, sizeof key)) != 0 ||
	    (r = entry_get_str(e, F_VALUE, value, sizeof value)) != 0)
		return r;
	if (key[0] == '\0' || !utf8_valid(value, strlen(value)))
		return STORE_E_INVAL;
	if ((r = setting_check(key, value, NULL)) != 0)
		return r;
	return setting_put(t, e->branch, key, value);
}

const struct entry_kind ek_setting = {
	.kind = EK_SETTING,
	.name = "setting",
	.title = N_("setting"),
	.roles = ROLE_MANAGER | ROLE_ADMIN | ROLE_SYSTEM,
	.flags = KF_NOPOST,
	.fields = FIELD(F_KEY) | FIELD(F_VALUE),
	.required = FIELD(F_KEY) | FIELD(F_VALUE),
	.apply = setting_apply,
};
