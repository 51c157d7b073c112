/*
 * store/money.c: Rupiah amounts in sen (1/100 Rupiah): formatting as
 * "Rp 1.250.000", parsing what a teller types, and the amount in
 * Indonesian words (terbilang) for receipts.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "store/money.h"

#define MONEY_MAX_RUPIAH	(MONEY_MAX_SEN / 100)

/* A length-checked string of words separated by single spaces. */
struct words {
	char	*buf;
	size_t	 len;
	size_t	 off;
};

static const char *const money_digits[] = {
	"nol", "satu", "dua", "tiga", "empat",
	"lima", "enam", "tujuh", "delapan", "sembilan"
};

static const struct {
	uint64_t	 unit;
	const char	*name;
} money_scales[] = {
	{ UINT64_C(1000000000000000000), "kuintiliun" },
	{ UINT64_C(1000000000000000), "kuadriliun" },
	{ UINT64_C(1000000000000), "triliun" },
	{ UINT64_C(1000000000), "miliar" },
	{ UINT64_C(1000000), "juta" },
	{ UINT64_C(1000), "ribu" },
};

static int	money_format_prefix(int64_t, const char *, char *, size_t);
static int	money_isspace(char);
static int	money_isdigit(char);
static int	words_add(struct words *, const char *);
static int	words_below1000(struct words *, unsigned int);

static int
money_isspace(char c)
{
	return (c == ' ' || c == '\t');
}

static int
money_isdigit(char c)
{
	return (c >= '0' && c <= '9');
}

static int
money_format_prefix(int64_t sen, const char *prefix, char *buf, size_t len)
{
	char		 tmp[48], *p;
	uint64_t	 mag, whole;
	unsigned int	 frac;
	size_t		 n, ndigits = 0;

	/* Negate in unsigned so INT64_MIN does not overflow. */
	mag = sen < 0 ? (uint64_t)0 - (uint64_t)sen : (uint64_t)sen;
	whole = mag / 100;
	frac = (unsigned int)(mag % 100);

	/* Build right to left; 29 characters at most. */
	p = tmp + sizeof(tmp);
	*--p = '\0';
	if (frac != 0) {
		*--p = (char)('0' + frac % 10);
		*--p = (char)('0' + frac / 10);
		*--p = ',';
	}
	do {
		if (ndigits > 0 && ndigits % 3 == 0)
			*--p = '.';
		*--p = (char)('0' + whole % 10);
		whole /= 10;
		ndigits++;
	} while (whole != 0);
	n = strlen(prefix);
	p -= n;
	memcpy(p, prefix, n);
	if (sen < 0)
		*--p = '-';

	n = strlen(p);
	if (n >= len) {
		if (len > 0)
			buf[0] = '\0';
		return (ERANGE);
	}
	memcpy(buf, p, n + 1);
	return (0);
}

int
money_format(int64_t sen, char *buf, size_t len)
{
	return (money_format_prefix(sen, "Rp ", buf, len));
}

int
money_format_plain(int64_t sen, char *buf, size_t len)
{
	return (money_format_prefix(sen, "", buf, len));
}

int
money_parse(const char *s, int64_t *sen)
{
	const char	*p = s, *start;
	uint64_t	 rupiah = 0, total;
	unsigned int	 cents = 0;
	int		 over = 0, group = 0, ndots = 0;

	if (s == NULL)
		return (EINVAL);
	while (money_isspace(*p))
		p++;
	if (p[0] == 'R' && p[1] == 'p') {
		p += 2;
		while (money_isspace(*p))
			p++;
	}

	/*
	 * Whole Rupiah: digits, or groups joined by dots where the first
	 * has one to three digits (not starting with 0, so "0.500" is not
	 * taken for a half) and every later one exactly three.
	 */
	start = p;
	for (;;) {
		if (money_isdigit(*p)) {
			if (!over) {
				rupiah = rupiah * 10 + (uint64_t)(*p - '0');
				if (rupiah > (uint64_t)MONEY_MAX_RUPIAH)
					over = 1;
			}
			group++;
			p++;
		} else if (*p == '.') {
			if (ndots == 0) {
				if (group < 1 || group > 3 || *start == '0')
					return (EINVAL);
			} else if (group != 3)
				return (EINVAL);
			ndots++;
			group = 0;
			p++;
		} else
			break;
	}
	if (group == 0 || (ndots > 0 && group != 3))
		return (EINVAL);

	/* One or two decimals after a comma. */
	if (*p == ',') {
		p++;
		if (!money_isdigit(p[0]))
			return (EINVAL);
		cents = (unsigned int)(p[0] - '0') * 10;
		p++;
		if (money_isdigit(*p)) {
			cents += (unsigned int)(*p - '0');
			p++;
		}
		if (money_isdigit(*p))
			return (EINVAL);
	}

	while (money_isspace(*p))
		p++;
	if (*p != '\0')
		return (EINVAL);

	if (over)
		return (ERANGE);
	total = rupiah * 100 + cents;
	if (total > (uint64_t)MONEY_MAX_SEN)
		return (ERANGE);
	*sen = (int64_t)total;
	return (0);
}

static int
words_add(struct words *w, const char *s)
{
	size_t	n, sep;

	n = strlen(s);
	sep = w->off > 0 ? 1 : 0;
	if (w->len == 0 || n + sep >= w->len - w->off)
		return (ERANGE);
	if (sep)
		w->buf[w->off++] = ' ';
	memcpy(w->buf + w->off, s, n);
	w->off += n;
	w->buf[w->off] = '\0';
	return (0);
}

/* 1 to 999: "seratus", "dua ratus", "sepuluh", "sebelas", "dua belas". */
static int
words_below1000(struct words *w, unsigned int n)
{
	unsigned int	 hundreds, rest;
	int		 r;

	hundreds = n / 100;
	rest = n % 100;
	if (hundreds == 1) {
		if ((r = words_add(w, "seratus")) != 0)
			return (r);
	} else if (hundreds > 1) {
		if ((r = words_add(w, money_digits[hundreds])) != 0)
			return (r);
		if ((r = words_add(w, "ratus")) != 0)
			return (r);
	}

	if (rest == 0)
		return (0);
	if (rest < 10)
		return (words_add(w, money_digits[rest]));
	if (rest == 10)
		return (words_add(w, "sepuluh"));
	if (rest == 11)
		return (words_add(w, "sebelas"));
	if (rest < 20) {
		if ((r = words_add(w, money_digits[rest - 10])) != 0)
			return (r);
		return (words_add(w, "belas"));
	}
	if ((r = words_add(w, money_digits[rest / 10])) != 0)
		return (r);
	if ((r = words_add(w, "puluh")) != 0)
		return (r);
	if (rest % 10 != 0)
		return (words_add(w, money_digits[rest % 10]));
	return (0);
}

int
money_terbilang(int64_t rupiah, char *buf, size_t len)
{
	struct words	 w;
	uint64_t	 v, group;
	size_t		 i;
	int		 r;

	if (rupiah < 0)
		return (EINVAL);
	w.buf = buf;
	w.len = len;
	w.off = 0;

	v = (uint64_t)rupiah;
	if (v == 0) {
		r = words_add(&w, money_digits[0]);
		goto out;
	}
	for (i = 0; i < sizeof(money_scales) / sizeof(money_scales[0]); i++) {
		group = v / money_scales[i].unit;
		v %= money_scales[i].unit;
		if (group == 0)
			continue;
		/* 1.000 is "seribu", but 1.000.000 is "satu juta". */
		if (money_scales[i].unit == 1000 && group == 1) {
			if ((r = words_add(&w, "seribu")) != 0)
				goto out;
			continue;
		}
		if ((r = words_below1000(&w, (unsigned int)group)) != 0)
			goto out;
		if ((r = words_add(&w, money_scales[i].name)) != 0)
			goto out;
	}
	r = 0;
	if (v != 0)
		r = words_below1000(&w, (unsigned int)v);

out:
	if (r != 0 && len > 0)
		buf[0] = '\0';
	return (r);
}
