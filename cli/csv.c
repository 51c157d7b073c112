/*
 * cli/csv.c: CSV as spreadsheets save it, and the values in it.
 *
 * The separator is a comma or a semicolon (Indonesian Excel writes
 * semicolons), whichever the header line has more of outside quotes.
 * A field may be quoted; inside quotes a separator or a line break is
 * text and "" is one quote.  Lines end in CRLF, LF or CR.  A UTF-8
 * byte-order mark is skipped; a UTF-16 one is an error (save as "CSV
 * UTF-8").  Rows that are blank or hold only empty fields (what a
 * spreadsheet leaves below its data) are skipped but counted, so row
 * numbers are the spreadsheet's.  A field that is not valid UTF-8 is
 * returned marked bad, for the caller to report by row and column.
 *
 * The value parsers accept what is written the Indonesian way and
 * refuse what could be read two ways: amounts with dots for thousands
 * and a comma for decimals, dates as 2024-03-31 or 31/03/2024.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/import.h"

#ifndef N_
#define N_(s)	(s)
#endif

struct csv {
	const uint8_t	*p;		/* next byte */
	const uint8_t	*end;
	char		 sep;
	int		 err;		/* from csv_open, given by csv_next */
	size_t		 row;		/* rows read, blank ones counted */
	size_t		 err_row;
	char		*buf;		/* the row's fields, NUL after each */
	size_t		 buflen;
	size_t		 bufcap;
	size_t		*off;		/* each field's offset in buf */
	struct csv_field *f;
	size_t		 nf;
};

static int	 csv_put(struct csv *, uint8_t);
static int	 csv_end_field(struct csv *);
static char	 csv_detect(const uint8_t *, const uint8_t *, int *);

/* The separator of the first line: more commas or more semicolons. */
static char
csv_detect(const uint8_t *p, const uint8_t *end, int *err)
{
	size_t	 comma = 0, semi = 0;
	int	 quoted = 0;

	*err = 0;
	for (; p < end; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && (*p == '\n' || *p == '\r'))
			break;
		else if (!quoted && *p == ',')
			comma++;
		else if (!quoted && *p == ';')
			semi++;
	}
	if (semi > comma)
		return ';';
	if (comma == semi && comma > 0)
		*err = CSV_E_SEP;
	return ',';
}

int
csv_open(const void *data, size_t len, struct csv **out)
{
	struct csv	*c;
	const uint8_t	*p = data;

	*out = NULL;
	if ((c = calloc(1, sizeof *c)) == NULL)
		return CSV_E_NOMEM;
	c->p = p;
	c->end = p + len;
	if (len >= 2 && ((p[0] == 0xff && p[1] == 0xfe) ||
	    (p[0] == 0xfe && p[1] == 0xff)))
		c->err = CSV_E_UTF16;
	else if (len >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
		c->p += 3;
	if (c->err == 0)
		c->sep = csv_detect(c->p, c->end, &c->err);
	*out = c;
	return 0;
}

void
csv_free(struct csv *c)
{
	if (c == NULL)
		return;
	free(c->buf);
	free(c->off);
	free(c->f);
	free(c);
}

char
csv_separator(const struct csv *c)
{
	return c->sep;
}

/* The row a csv_next() error concerns (where a bad quote opened). */
size_t
csv_error_row(const struct csv *c)
{
	return c->err_row;
}

static int
csv_put(struct csv *c, uint8_t ch)
{
	char	*nb;
	size_t	 cap;

	if (ch != '\0' && c->buflen - c->off[c->nf] >= CSV_MAXFIELD)
		return CSV_E_LONG;
	if (c->buflen == c->bufcap) {
		cap = c->bufcap == 0 ? 256 : c->bufcap * 2;
		if ((nb = realloc(c->buf, cap)) == NULL)
			return CSV_E_NOMEM;
		c->buf = nb;
		c->bufcap = cap;
	}
	c->buf[c->buflen++] = (char)ch;
	return 0;
}

/* Close the field being read and start the next one. */
static int
csv_end_field(struct csv *c)
{
	size_t	*no;
	int	 r;

	if ((r = csv_put(c, '\0')) != 0)
		return r;
	if (c->nf == CSV_MAXCOLS)
		return CSV_E_WIDE;
	if ((no = reallocarray(c->off, c->nf + 2, sizeof *no)) == NULL)
		return CSV_E_NOMEM;
	c->off = no;
	c->off[++c->nf] = c->buflen;
	return 0;
}

/*
 * The next row that holds something: 0 and *row, CSV_END, or an error.
 * After CSV_E_AFTERQUOTE the rest of that line is skipped and reading
 * can go on; the other errors end the file.
 */
int
csv_next(struct csv *c, struct csv_row *row)
{
	const uint8_t	*p;
	size_t		 i, start;
	struct csv_field *nf;
	int		 r, any;

	if (c->err != 0) {
		/* Found by csv_open(): the file cannot be read. */
		r = c->err;
		c->err = 0;
		c->err_row = c->row + 1;
		c->p = c->end;
		return r;
	}
again:
	if (c->p >= c->end)
		return CSV_END;
	c->row++;
	c->buflen = 0;
	c->nf = 0;
	if (c->off == NULL && (c->off = calloc(2, sizeof *c->off)) == NULL)
		return CSV_E_NOMEM;
	c->off[0] = 0;
	p = c->p;
	for (;;) {
		if (p < c->end && *p == '"') {
			/* Quoted: up to the closing quote, "" is one. */
			p++;
			for (;;) {
				if (p >= c->end) {
					c->err_row = c->row;
					c->p = c->end;
					return CSV_E_QUOTE;
				}
				if (*p == '"') {
					if (p + 1 < c->end && p[1] == '"') {
						r = csv_put(c, '"');
						p += 2;
					} else {
						p++;
						break;
					}
				} else if (*p == '\r') {
					r = csv_put(c, '\n');
					p += p + 1 < c->end && p[1] == '\n' ?
					    2 : 1;
				} else
					r = csv_put(c, *p++);
				if (r != 0)
					goto fail;
			}
			if (p < c->end && *p != c->sep && *p != '\n' &&
			    *p != '\r') {
				/* Skip the rest of the line. */
				while (p < c->end && *p != '\n' && *p != '\r')
					p++;
				if (p < c->end && *p == '\r')
					p++;
				if (p < c->end && *p == '\n')
					p++;
				c->p = p;
				c->err_row = c->row;
				return CSV_E_AFTERQUOTE;
			}
		} else {
			while (p < c->end && *p != c->sep && *p != '\n' &&
			    *p != '\r') {
				if ((r = csv_put(c, *p++)) != 0)
					goto fail;
			}
		}
		if ((r = csv_end_field(c)) != 0)
			goto fail;
		if (p < c->end && *p == c->sep) {
			p++;
			continue;
		}
		if (p < c->end && *p == '\r')
			p++;
		if (p < c->end && *p == '\n')
			p++;
		break;
	}
	c->p = p;

	if ((nf = reallocarray(c->f, c->nf, sizeof *nf)) == NULL)
		return CSV_E_NOMEM;
	c->f = nf;
	any = 0;
	for (i = 0; i < c->nf; i++) {
		start = c->off[i];
		nf[i].s = c->buf + start;
		nf[i].len = c->off[i + 1] - start - 1;
		nf[i].bad = memchr(nf[i].s, '\0', nf[i].len) != NULL ||
		    !utf8_valid(nf[i].s, nf[i].len);
		if (!csv_blank(nf[i].s))
			any = 1;
	}
	if (!any)
		goto again;
	row->row = c->row;
	row->n = c->nf;
	row->f = nf;
	return 0;

fail:
	c->err_row = c->row;
	c->p = c->end;
	return r;
}

const char *
csv_strerror(int r)
{
	switch (r) {
	case CSV_E_QUOTE:
		return N_("a quoted field has no closing quote");
	case CSV_E_AFTERQUOTE:
		return N_("text after a closing quote (write \"\" for a "
		    "quote inside quotes)");
	case CSV_E_UTF16:
		return N_("the file is UTF-16: save it as \"CSV UTF-8\"");
	case CSV_E_SEP:
		return N_("the header has as many commas as semicolons: "
		    "cannot tell which separates the columns");
	case CSV_E_WIDE:
		return N_("too many columns");
	case CSV_E_LONG:
		return N_("a field is too long");
	case CSV_E_NOMEM:
		return N_("out of memory");
	case CSV_E_AMOUNT:
		return N_("not a Rupiah amount (write 1.250.000, 1250000 or "
		    "1.250.000,50)");
	case CSV_E_NEGATIVE:
		return N_("the amount is negative");
	case CSV_E_RANGE:
		return N_("the number is too large");
	case CSV_E_DATE:
		return N_("not a date (write 2024-03-31 or 31/03/2024)");
	case CSV_E_RATE:
		return N_("not a percentage (write 1,5 or 1.5, at most two "
		    "decimals)");
	case CSV_E_NUMBER:
		return N_("not a whole number");
	case CSV_E_EMPTY:
		return N_("empty: a value is needed");
	default:
		return N_("unknown CSV error");
	}
}

/* A spreadsheet's column name: 0 is A, 25 Z, 26 AA. */
void
csv_column_letter(size_t i, char *buf, size_t len)
{
	char	 tmp[16];
	size_t	 n = 0, k;

	i++;
	while (i > 0 && n < sizeof tmp) {
		tmp[n++] = (char)('A' + (i - 1) % 26);
		i = (i - 1) / 26;
	}
	if (len == 0)
		return;
	for (k = 0; k < n && k + 1 < len; k++)
		buf[k] = tmp[n - 1 - k];
	buf[k] = '\0';
}

/*
 * A header name as compared: ASCII letters in lower case, without
 * spaces, tabs and underscores, and without a note in parentheses at
 * the end ("Jenis Kelamin (L/P)" is jeniskelamin).
 */
void
csv_name_fold(const char *s, char *out, size_t len)
{
	const char	*e = s + strlen(s);
	size_t		 n = 0;

	if (len == 0)
		return;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (e > s && e[-1] == ')') {
		const char *o = e - 1;

		while (o > s && *o != '(')
			o--;
		if (*o == '(')
			e = o;
	}
	for (; s < e && n + 1 < len; s++) {
		if (*s == ' ' || *s == '\t' || *s == '_')
			continue;
		out[n++] = *s >= 'A' && *s <= 'Z' ? *s - 'A' + 'a' : *s;
	}
	out[n] = '\0';
}

/* The column of the header row named name (folded), or -1. */
int
csv_header_find(const struct csv_row *h, const char *name)
{
	char	 a[128], b[128];
	size_t	 i;

	csv_name_fold(name, b, sizeof b);
	for (i = 0; i < h->n; i++) {
		if (h->f[i].bad)
			continue;
		csv_name_fold(h->f[i].s, a, sizeof a);
		if (strcmp(a, b) == 0)
			return (int)i;
	}
	return -1;
}

/* Empty, or spaces and tabs only. */
int
csv_blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == '\0';
}

/* Copy s without the spaces around it; U+00A0 counts as a space. */
static int
csv_trim(const char *s, char *out, size_t len)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++) {
		if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0) {
			s++;
			if (n + 1 >= len)
				return CSV_E_RANGE;
			out[n++] = ' ';
			continue;
		}
		if (n + 1 >= len)
			return CSV_E_RANGE;
		out[n++] = *s == '\t' ? ' ' : *s;
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	n = strspn(out, " ");
	memmove(out, out + n, strlen(out + n) + 1);
	return 0;
}

/*
 * A Rupiah amount into sen: "1.250.000", "1250000", "1.250.000,00",
 * "Rp 1.250.000", "Rp1.250.000,50", "Rp. 1.250.000"; a lone "-" (the
 * accounting format's zero) is 0.  Dots group thousands and a comma
 * starts at most two decimals (money_parse()); "1,250,000", "1.25" and
 * "1250000.00" are refused, never guessed.
 */
int
csv_amount(const char *s, int64_t *sen)
{
	char	 t[64], *p;
	int	 neg = 0, r;

	if (csv_trim(s, t, sizeof t) != 0)
		return CSV_E_AMOUNT;
	if (t[0] == '\0')
		return CSV_E_EMPTY;
	p = t;
	if (*p == '-') {
		neg = 1;
		for (p++; *p == ' '; p++)
			;
	}
	if ((p[0] == 'R' || p[0] == 'r') && (p[1] == 'p' || p[1] == 'P')) {
		p += 2;
		if (*p == '.')
			p++;
		while (*p == ' ')
			p++;
		if (!neg && *p == '-') {
			neg = 1;
			for (p++; *p == ' '; p++)
				;
		}
	}
	if (*p == '\0') {
		/* "-", "Rp -": the accounting format's zero. */
		if (neg && t[strlen(t) - 1] == '-') {
			*sen = 0;
			return 0;
		}
		return CSV_E_AMOUNT;
	}
	if ((r = money_parse(p, sen)) != 0)
		return r == ERANGE ? CSV_E_RANGE : CSV_E_AMOUNT;
	if (neg && *sen != 0)
		return CSV_E_NEGATIVE;
	return 0;
}

static int
digits(const char *s, int n, int *v)
{
	int	 i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

/*
 * A date as 2024-03-31 or 31/03/2024, and only so: two digits for the
 * day and the month, four for the year (1900 to 9999).
 */
int
csv_date(const char *s, int *y, int *m, int *d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	char	 t[32];
	int	 leap;

	if (csv_trim(s, t, sizeof t) != 0 || strlen(t) != 10)
		return CSV_E_DATE;
	if (t[4] == '-' && t[7] == '-') {
		if (!digits(t, 4, y) || !digits(t + 5, 2, m) ||
		    !digits(t + 8, 2, d))
			return CSV_E_DATE;
	} else if (t[2] == '/' && t[5] == '/') {
		if (!digits(t, 2, d) || !digits(t + 3, 2, m) ||
		    !digits(t + 6, 4, y))
			return CSV_E_DATE;
	} else
		return CSV_E_DATE;
	if (*y < 1900 || *m < 1 || *m > 12 || *d < 1)
		return CSV_E_DATE;
	leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
	if (*d > mdays[*m - 1] + (*m == 2 && leap))
		return CSV_E_DATE;
	return 0;
}

/*
 * A percentage into basis points, exactly: "1,5", "1.5", "1,50", "12",
 * "1,5%" or "1,5 %".  A comma or a dot marks the decimals (a rate has
 * no thousands); at most two decimals, at most 100%.
 */
int
csv_rate(const char *s, uint32_t *bp)
{
	char		 t[32], *p;
	uint32_t	 whole = 0, frac = 0;
	int		 nd = 0, nf = 0;
	size_t		 n;

	if (csv_trim(s, t, sizeof t) != 0)
		return CSV_E_RATE;
	n = strlen(t);
	if (n > 0 && t[n - 1] == '%') {
		t[--n] = '\0';
		while (n > 0 && t[n - 1] == ' ')
			t[--n] = '\0';
	}
	if (n == 0)
		return CSV_E_EMPTY;
	for (p = t; *p >= '0' && *p <= '9'; p++) {
		if (++nd > 3)
			return CSV_E_RATE;
		whole = whole * 10 + (uint32_t)(*p - '0');
	}
	if (nd == 0)
		return CSV_E_RATE;
	if (*p == ',' || *p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (++nf > 2)
				return CSV_E_RATE;
			frac = frac * 10 + (uint32_t)(*p - '0');
		}
		if (nf == 0)
			return CSV_E_RATE;
		if (nf == 1)
			frac *= 10;
	}
	if (*p != '\0')
		return CSV_E_RATE;
	*bp = whole * 100 + frac;
	if (*bp > 10000)
		return CSV_E_RANGE;
	return 0;
}

/* A whole number from 0 to max. */
int
csv_uint(const char *s, uint32_t max, uint32_t *v)
{
	char		 t[32], *p;
	uint64_t	 x = 0;

	if (csv_trim(s, t, sizeof t) != 0)
		return CSV_E_NUMBER;
	if (t[0] == '\0')
		return CSV_E_EMPTY;
	for (p = t; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return CSV_E_NUMBER;
		x = x * 10 + (uint64_t)(*p - '0');
		if (x > max)
			return CSV_E_RANGE;
	}
	*v = (uint32_t)x;
	return 0;
}
