/*
 * store/ods.c: the ministry's yearly data (ODS) of a cooperative, from
 * its books, and the signed report the province box accepts.
 *
 * The report is text, one "name value" line per field in a fixed order
 * (loket-report(8) lists them), then "key" and the head office's Ed25519
 * public key in hex, then "sig" and the signature in hex of every byte
 * before the sig line.  The key is the head office's own, kept in its
 * data folder as anchor.key (PEM, 0600), the same file the signed chain
 * heads of anchored history use: one signing key per head office.
 *
 * ods_parse() reads such bytes from anywhere (the network, a file): it
 * checks every line's name, order and value, and the signature, and
 * never reads past the end.
 */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "store/store-int.h"

#define ODS_MAGIC	"loket-ods 1"

/* -- the figures ---------------------------------------------------------- */

struct ods_acc {
	struct store_txn	*t;
	struct ods_report	*o;
	const char		*branch;
	uint32_t		 from, to;
};

static int
ods_account(void *arg, const struct account *a, const struct balance *b)
{
	struct ods_acc	*x = arg;
	int64_t		 d, c;
	int		 r;

	(void)b;
	if (a->gl != GL_LOANS && a->type != ACCT_INCOME &&
	    a->type != ACCT_EXPENSE)
		return 0;
	if ((r = account_movement(x->t, x->branch, a->gl, 0, x->from, x->to,
	    &d, &c)) != 0)
		return r;
	if (a->gl == GL_LOANS)
		x->o->volume += d;		/* lent in the year */
	else
		x->o->shu += c - d;		/* income less expenses */
	return 0;
}

static int
ods_user(void *arg, const struct user *u)
{
	struct ods_report	*o = arg;

	if (u->flags & USER_F_DISABLED)
		return 0;
	if (u->role & ROLE_MANAGER)
		o->managers++;
	else if (u->role & (ROLE_TELLER | ROLE_SUPERVISOR))
		o->staff++;
	return 0;
}

static int
ods_branch(void *arg, const struct branch *b)
{
	struct ods_acc	*x = arg;
	int		 r;

	x->branch = b->code;
	if ((r = account_walk_gl(x->t, b->code, ods_account, x)) != 0)
		return r;
	return user_list(x->t, b->code, ods_user, x->o);
}

/* A figure's ratio by its code, or -1 when it is not known. */
static int64_t
fig_ratio(const struct health_result *res, const char *code)
{
	size_t	 i;

	for (i = 0; i < res->nfig; i++)
		if (strcmp(res->fig[i].code, code) == 0)
			return res->fig[i].undefined ? -1 : res->fig[i].ratio;
	return -1;
}

/*
 * The year's figures of the whole cooperative, at the end of the year
 * or at the business date of branch (the head office) if that is
 * earlier; the settings ods.nik, ods.district and ods.rat of branch.
 * Returns 0, STORE_E_INVAL (a year before 1970 or after 9999, or one
 * not begun), or a storage error.
 */
int
ods_collect(struct store_txn *t, const char *branch, int year,
    struct ods_report *o)
{
	struct health_inputs	 in;
	struct health_config	 c;
	struct health_result	 res;
	struct ods_acc		 x;
	struct branch		 b;
	uint32_t		 from, end;
	int64_t			 ratv;
	int			 r, regime;

	memset(o, 0, sizeof *o);
	if (year < 1970 || year > 9999)
		return STORE_E_INVAL;
	if ((r = branch_get(t, branch, &b)) != 0)
		return r;
	from = date_from_ymd(year, 1, 1);
	end = date_from_ymd(year, 12, 31);
	if (from > b.date)
		return STORE_E_INVAL;
	if (end > b.date)
		end = b.date;
	o->year = year;
	o->date = end;
	o->nik = (uint64_t)setting_value(t, branch, "ods.nik");
	o->district = (uint32_t)setting_value(t, branch, "ods.district");
	ratv = setting_value(t, branch, "ods.rat");	/* YYYYMMDD */
	if (ratv > 0 && date_valid((int)(ratv / 10000), (int)(ratv / 100 % 100),
	    (int)(ratv % 100)))
		o->rat = date_from_ymd((int)(ratv / 10000),
		    (int)(ratv / 100 % 100), (int)(ratv % 100));
	if ((r = health_config_read(t, branch, &c)) != 0 ||
	    (r = health_inputs(t, branch, end, end == b.date, &in)) != 0)
		return r;
	memset(&x, 0, sizeof x);
	x.t = t;
	x.o = o;
	x.from = from;
	x.to = end;
	if ((r = branch_walk(t, ods_branch, &x)) != 0)
		return r;
	o->men = in.men;
	o->women = in.women;
	o->active = in.members > 0;
	o->own_capital = in.pokok + in.wajib + in.reserve + in.grant;
	o->outside_capital = in.liabilities;
	o->assets = in.assets;
	/* the ratios: Permenkop 9/2020's, whichever regime scores */
	health_p2020(&in, &c, &res);
	o->npl = fig_ratio(&res, "K1");
	o->bopo = fig_ratio(&res, "K3");
	o->roa = fig_ratio(&res, "K4");
	o->cash = fig_ratio(&res, "K5");
	regime = health_regime(&c) == 1 ? HEALTH_P2016 : HEALTH_P2020;
	if (regime == HEALTH_P2016)
		health_p2016(&in, &c, &res);
	else
		health_p2020(&in, &c, &res);
	o->regime = regime;
	o->total = res.total;
	o->predicate = res.predicate;
	return 0;
}

/* -- the bytes ------------------------------------------------------------ */

static int
put_line(struct buf *b, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
put_line(struct buf *b, const char *name, const char *fmt, ...)
{
	char	 line[512];
	va_list	 ap;
	int	 n, m;

	n = snprintf(line, sizeof line, "%s ", name);
	va_start(ap, fmt);
	m = vsnprintf(line + n, sizeof line - n, fmt, ap);
	va_end(ap);
	if (m < 0 || (size_t)(n + m) >= sizeof line - 1)
		return STORE_E_INVAL;
	line[n + m] = '\n';
	return buf_put(b, line, (size_t)(n + m + 1));
}

static void
ymd(uint32_t d, char *s, size_t len)
{
	if (d == 0)
		str_copy(s, "-", len);
	else
		date_format(d, s, len);
}

/* The fields, unsigned, in their order. */
static int
ods_body(const struct ods_report *o, struct buf *b)
{
	char	 d[16], rat[16];
	int	 r;

	ymd(o->date, d, sizeof d);
	ymd(o->rat, rat, sizeof rat);
	if ((r = buf_put(b, ODS_MAGIC "\n", sizeof ODS_MAGIC)) != 0 ||
	    (r = put_line(b, "nik", "%016llu",
	    (unsigned long long)o->nik)) != 0 ||
	    (r = put_line(b, "district", "%04u", o->district)) != 0 ||
	    (r = put_line(b, "year", "%d", o->year)) != 0 ||
	    (r = put_line(b, "date", "%s", d)) != 0 ||
	    (r = put_line(b, "active", "%d", o->active)) != 0 ||
	    (r = put_line(b, "rat", "%s", rat)) != 0 ||
	    (r = put_line(b, "men", "%llu",
	    (unsigned long long)o->men)) != 0 ||
	    (r = put_line(b, "women", "%llu",
	    (unsigned long long)o->women)) != 0 ||
	    (r = put_line(b, "managers", "%llu",
	    (unsigned long long)o->managers)) != 0 ||
	    (r = put_line(b, "staff", "%llu",
	    (unsigned long long)o->staff)) != 0 ||
	    (r = put_line(b, "own", "%lld", (long long)o->own_capital)) != 0 ||
	    (r = put_line(b, "outside", "%lld",
	    (long long)o->outside_capital)) != 0 ||
	    (r = put_line(b, "volume", "%lld", (long long)o->volume)) != 0 ||
	    (r = put_line(b, "shu", "%lld", (long long)o->shu)) != 0 ||
	    (r = put_line(b, "assets", "%lld", (long long)o->assets)) != 0 ||
	    (r = put_line(b, "regime", "%d", o->regime == HEALTH_P2016 ?
	    2016 : 2020)) != 0 ||
	    (r = put_line(b, "score", "%lld", (long long)o->total)) != 0 ||
	    (r = put_line(b, "predicate", "%d", o->predicate)) != 0 ||
	    (r = put_line(b, "npl", "%lld", (long long)o->npl)) != 0 ||
	    (r = put_line(b, "bopo", "%lld", (long long)o->bopo)) != 0 ||
	    (r = put_line(b, "roa", "%lld", (long long)o->roa)) != 0 ||
	    (r = put_line(b, "cash", "%lld", (long long)o->cash)) != 0)
		return r;
	return 0;
}

static void
hex(const uint8_t *p, size_t n, char *out)
{
	static const char	 digits[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

static int	sign_with(EVP_PKEY *, const struct ods_report *, struct buf *);

/*
 * The report as signed bytes into out: the fields, the public key, the
 * signature.  Makes the head office's key on first use.
 */
int
ods_sign(struct store *st, const struct ods_report *o, struct buf *out)
{
	EVP_PKEY	*k = NULL;
	int		 r;

	if ((r = anchor_key_load(st, 1, &k)) != 0)
		return r;
	r = sign_with(k, o, out);
	EVP_PKEY_free(k);
	return r;
}

/* The same with a raw Ed25519 private key (tests, generated reports). */
int
ods_sign_raw(const uint8_t priv[ODS_KEY_LEN], const struct ods_report *o,
    struct buf *out)
{
	EVP_PKEY	*k;
	int		 r;

	if ((k = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, priv,
	    ODS_KEY_LEN)) == NULL)
		return STORE_E_INVAL;
	r = sign_with(k, o, out);
	EVP_PKEY_free(k);
	return r;
}

static int
sign_with(EVP_PKEY *k, const struct ods_report *o, struct buf *out)
{
	EVP_MD_CTX	*c = NULL;
	uint8_t		 pub[ODS_KEY_LEN], sig[ODS_SIG_LEN];
	char		 h[2 * ODS_SIG_LEN + 1];
	size_t		 len;
	int		 r;

	if ((r = ods_body(o, out)) != 0)
		return r;
	len = sizeof pub;
	if (EVP_PKEY_get_raw_public_key(k, pub, &len) != 1 ||
	    len != sizeof pub) {
		r = STORE_E_CORRUPT;
		goto out;
	}
	hex(pub, sizeof pub, h);
	if ((r = put_line(out, "key", "%s", h)) != 0)
		goto out;
	len = sizeof sig;
	if ((c = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestSignInit(c, NULL, NULL, NULL, k) != 1 ||
	    EVP_DigestSign(c, sig, &len, out->data, out->len) != 1 ||
	    len != sizeof sig) {
		r = ENOMEM;
		goto out;
	}
	hex(sig, sizeof sig, h);
	r = put_line(out, "sig", "%s", h);
out:
	EVP_MD_CTX_free(c);
	return r;
}

/* -- reading one ---------------------------------------------------------- */

struct cursor {
	const char	*p, *end;
};

/* The next line "name value": value into v (NUL-ended), or an error. */
static int
next_line(struct cursor *c, const char *name, char *v, size_t size)
{
	const char	*nl, *sp;
	size_t		 n = strlen(name), vlen;

	if (c->p >= c->end ||
	    (nl = memchr(c->p, '\n', (size_t)(c->end - c->p))) == NULL)
		return STORE_E_CORRUPT;
	sp = c->p + n;
	if ((size_t)(nl - c->p) <= n + 1 || memcmp(c->p, name, n) != 0 ||
	    *sp != ' ')
		return STORE_E_CORRUPT;
	vlen = (size_t)(nl - sp - 1);
	if (vlen >= size || memchr(sp + 1, '\0', vlen) != NULL)
		return STORE_E_CORRUPT;
	memcpy(v, sp + 1, vlen);
	v[vlen] = '\0';
	c->p = nl + 1;
	return 0;
}

static int
num(struct cursor *c, const char *name, int neg, int64_t max, int64_t *out)
{
	char		 v[32], *end;
	long long	 n;
	int		 r;

	if ((r = next_line(c, name, v, sizeof v)) != 0)
		return r;
	if (v[0] == '\0' || (v[0] == '-' && !neg) || v[0] == '+' ||
	    v[0] == ' ')
		return STORE_E_CORRUPT;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || *end != '\0' || n > max || (!neg && n < 0) ||
	    n < -max)
		return STORE_E_CORRUPT;
	*out = n;
	return 0;
}

static int
date_line(struct cursor *c, const char *name, uint32_t *d)
{
	char	 v[16];
	int	 r;

	if ((r = next_line(c, name, v, sizeof v)) != 0)
		return r;
	if (strcmp(v, "-") == 0) {
		*d = 0;
		return 0;
	}
	return date_parse(v, d) == 0 ? 0 : STORE_E_CORRUPT;
}

static int
unhex(const char *s, uint8_t *p, size_t n)
{
	size_t	 i;
	int	 hi, lo;

	if (strlen(s) != 2 * n)
		return STORE_E_CORRUPT;
	for (i = 0; i < n; i++) {
		hi = s[2 * i] >= 'a' && s[2 * i] <= 'f' ? s[2 * i] - 'a' + 10 :
		    s[2 * i] >= '0' && s[2 * i] <= '9' ? s[2 * i] - '0' : -1;
		lo = s[2 * i + 1] >= 'a' && s[2 * i + 1] <= 'f' ?
		    s[2 * i + 1] - 'a' + 10 : s[2 * i + 1] >= '0' &&
		    s[2 * i + 1] <= '9' ? s[2 * i + 1] - '0' : -1;
		if (hi < 0 || lo < 0)
			return STORE_E_CORRUPT;
		p[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

/*
 * A signed report's bytes: every field checked, the signature checked
 * against the key it carries (the caller compares that key with the one
 * it knows).  Returns 0 or STORE_E_CORRUPT.
 */
static int	fields(const void *, size_t, struct ods_report *,
		    uint8_t [ODS_KEY_LEN], int);

int
ods_parse(const void *data, size_t len, struct ods_report *o,
    uint8_t pub[ODS_KEY_LEN])
{
	return fields(data, len, o, pub, 1);
}

/* The same, without checking the signature: a report kept already. */
int
ods_read(const void *data, size_t len, struct ods_report *o)
{
	uint8_t	 pub[ODS_KEY_LEN];

	return fields(data, len, o, pub, 0);
}

static int
fields(const void *data, size_t len, struct ods_report *o,
    uint8_t pub[ODS_KEY_LEN], int verify)
{
	struct cursor	 c;
	EVP_PKEY	*k = NULL;
	EVP_MD_CTX	*mc = NULL;
	uint8_t		 sig[ODS_SIG_LEN];
	char		 v[2 * ODS_SIG_LEN + 1];
	const char	*signed_end;
	int64_t		 n;
	int		 r;

	memset(o, 0, sizeof *o);
	if (len > ODS_MAXSIZE || len < sizeof ODS_MAGIC ||
	    memcmp(data, ODS_MAGIC "\n", sizeof ODS_MAGIC) != 0)
		return STORE_E_CORRUPT;
	c.p = (const char *)data + sizeof ODS_MAGIC;
	c.end = (const char *)data + len;
#define NUM(name, neg, max, field) do {					\
	if ((r = num(&c, name, neg, max, &n)) != 0)			\
		return r;						\
	o->field = n;							\
} while (0)
	NUM("nik", 0, INT64_C(9999999999999999), nik);
	NUM("district", 0, 9999, district);
	NUM("year", 0, 9999, year);
	if ((r = date_line(&c, "date", &o->date)) != 0)
		return r;
	NUM("active", 0, 1, active);
	if ((r = date_line(&c, "rat", &o->rat)) != 0)
		return r;
	NUM("men", 0, INT64_C(1000000000), men);
	NUM("women", 0, INT64_C(1000000000), women);
	NUM("managers", 0, INT64_C(1000000), managers);
	NUM("staff", 0, INT64_C(1000000), staff);
	NUM("own", 1, AMOUNT_MAX, own_capital);
	NUM("outside", 1, AMOUNT_MAX, outside_capital);
	NUM("volume", 0, AMOUNT_MAX, volume);
	NUM("shu", 1, AMOUNT_MAX, shu);
	NUM("assets", 1, AMOUNT_MAX, assets);
	if ((r = num(&c, "regime", 0, 9999, &n)) != 0)
		return r;
	if (n != 2016 && n != 2020)
		return STORE_E_CORRUPT;
	o->regime = n == 2016 ? HEALTH_P2016 : HEALTH_P2020;
	NUM("score", 0, 10000, total);
	NUM("predicate", 0, HEALTH_KHUSUS, predicate);
	NUM("npl", 1, INT64_C(1000000000), npl);
	NUM("bopo", 1, INT64_C(1000000000), bopo);
	NUM("roa", 1, INT64_C(1000000000), roa);
	NUM("cash", 1, INT64_C(1000000000), cash);
#undef NUM
	if (o->predicate < HEALTH_SEHAT)
		return STORE_E_CORRUPT;
	if ((r = next_line(&c, "key", v, sizeof v)) != 0 ||
	    (r = unhex(v, pub, ODS_KEY_LEN)) != 0)
		return r;
	signed_end = c.p;
	if ((r = next_line(&c, "sig", v, sizeof v)) != 0 ||
	    (r = unhex(v, sig, ODS_SIG_LEN)) != 0)
		return r;
	if (c.p != c.end)
		return STORE_E_CORRUPT;
	if (!verify)
		return 0;
	r = STORE_E_CORRUPT;
	if ((k = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub,
	    ODS_KEY_LEN)) != NULL && (mc = EVP_MD_CTX_new()) != NULL &&
	    EVP_DigestVerifyInit(mc, NULL, NULL, NULL, k) == 1 &&
	    EVP_DigestVerify(mc, sig, sizeof sig, data,
	    (size_t)(signed_end - (const char *)data)) == 1)
		r = 0;
	EVP_MD_CTX_free(mc);
	EVP_PKEY_free(k);
	return r;
}
