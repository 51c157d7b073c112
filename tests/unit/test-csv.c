/*
 * tests/unit/test-csv.c: cli/csv.c, the CSV reader and the parsers of
 * amounts, dates, percentages and counts.  Expected values are written
 * out by hand; each bad case is named for what a spreadsheet did.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cli/import.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* Read all rows of s into "f1|f2|...\n" lines, with each row's number. */
static int
read_all(const char *s, size_t len, char *out, size_t outlen, char *sep)
{
	struct csv	*c;
	struct csv_row	 row;
	size_t		 i, n = 0;
	int		 r;

	assert_int_equal(csv_open(s, len, &c), 0);
	out[0] = '\0';
	while ((r = csv_next(c, &row)) == 0) {
		n += snprintf(out + n, outlen - n, "%zu:", row.row);
		for (i = 0; i < row.n; i++)
			n += snprintf(out + n, outlen - n, "%s%s%s",
			    i ? "|" : "", row.f[i].bad ? "!" : "", row.f[i].s);
		n += snprintf(out + n, outlen - n, "\n");
	}
	if (sep != NULL)
		*sep = csv_separator(c);
	csv_free(c);
	return r == CSV_END ? 0 : r;
}

static void
check_read(const char *in, size_t len, const char *want, char wantsep)
{
	char	 out[1024], sep;

	assert_int_equal(read_all(in, len, out, sizeof out, &sep), 0);
	assert_string_equal(out, want);
	assert_int_equal(sep, wantsep);
}

#define READ(s, want, sep)	check_read(s, sizeof(s) - 1, want, sep)

static void
test_separators(void **state)
{
	(void)state;
	READ("a,b,c\n1,2,3\n", "1:a|b|c\n2:1|2|3\n", ',');
	/* Indonesian Excel: semicolons, commas inside are text. */
	READ("a;b;c\n1,5;2;3\n", "1:a|b|c\n2:1,5|2|3\n", ';');
	/* One column: a comma, and nothing to split. */
	READ("nama\nAni\n", "1:nama\n2:Ani\n", ',');
	/* Separators inside a quoted header do not count. */
	READ("\"a;b\",c\n1,2\n", "1:a;b|c\n2:1|2\n", ',');
}

static void
test_quotes_and_lines(void **state)
{
	(void)state;
	/* Quoted separators, doubled quotes, a line break in a cell. */
	READ("a,b\n\"Jl. Yani 12, RT 3\",\"Yohanes \"\"Anis\"\"\"\n",
	    "1:a|b\n2:Jl. Yani 12, RT 3|Yohanes \"Anis\"\n", ',');
	READ("a,b\r\n\"two\r\nlines\",x\r\n",
	    "1:a|b\n2:two\nlines|x\n", ',');
	/* CRLF, a trailing empty line, rows of empty cells: skipped but counted. */
	READ("a;b\r\n1;2\r\n;\r\n3;4\r\n\r\n", "1:a|b\n2:1|2\n4:3|4\n", ';');
	/* No line end at the end; a lone CR (old Mac Excel). */
	READ("a,b\r1,2", "1:a|b\n2:1|2\n", ',');
	/* An empty last field, and a short row. */
	READ("a,b,c\n1,,\n2\n", "1:a|b|c\n2:1||\n3:2\n", ',');
	/* Empty quoted field. */
	READ("a,b\n\"\",x\n", "1:a|b\n2:|x\n", ',');
}

static void
test_bom_and_utf8(void **state)
{
	(void)state;
	/* A UTF-8 byte-order mark is not part of the first name. */
	READ("\xef\xbb\xbfno_lama;nama\r\nA-1;Margar\xc3\xa9ta\r\n",
	    "1:no_lama|nama\n2:A-1|Margar\xc3\xa9ta\n", ';');
	/* Latin-1 (Windows-1252) bytes: the field is marked bad. */
	READ("a,b\n1,Margar\xe9ta\n", "1:a|b\n2:1|!Margar\xe9ta\n", ',');
	/* A NUL byte: marked bad too. */
	check_read("a,b\n1,x\0y\n", 10, "1:a|b\n2:1|!x\n", ',');
}

static void
test_bad_files(void **state)
{
	struct csv	*c;
	struct csv_row	 row;
	char		 out[256];

	(void)state;
	/* Saved as "Unicode text": UTF-16 with its byte-order mark. */
	assert_int_equal(read_all("\xff\xfe" "a\0,\0b\0", 8, out, sizeof out,
	    NULL), CSV_E_UTF16);
	/* A quote that never closes, opened in row 2. */
	assert_int_equal(csv_open("a,b\n\"x,y\n1,2\n", 13, &c), 0);
	assert_int_equal(csv_next(c, &row), 0);
	assert_int_equal(csv_next(c, &row), CSV_E_QUOTE);
	assert_int_equal(csv_error_row(c), 2);
	assert_int_equal(csv_next(c, &row), CSV_END);
	csv_free(c);
	/* Text after a closing quote: that row is an error, the next is read. */
	assert_int_equal(csv_open("a,b\n\"x\"y,2\n3,4\n", 15, &c), 0);
	assert_int_equal(csv_next(c, &row), 0);
	assert_int_equal(csv_next(c, &row), CSV_E_AFTERQUOTE);
	assert_int_equal(csv_error_row(c), 2);
	assert_int_equal(csv_next(c, &row), 0);
	assert_int_equal(row.row, 3);
	assert_string_equal(row.f[0].s, "3");
	csv_free(c);
	/* A header with one comma and one semicolon: which is it? */
	assert_int_equal(read_all("a;b,c\n", 6, out, sizeof out, NULL),
	    CSV_E_SEP);
}

static void
test_header(void **state)
{
	struct csv	*c;
	struct csv_row	 row;
	char		 f[64];
	static const char h[] = "No Lama;NAMA;Jenis_Kelamin (L/P); Tanggal "
	    "Masuk \n";

	(void)state;
	assert_int_equal(csv_open(h, sizeof h - 1, &c), 0);
	assert_int_equal(csv_next(c, &row), 0);
	assert_int_equal(csv_header_find(&row, "no_lama"), 0);
	assert_int_equal(csv_header_find(&row, "nama"), 1);
	assert_int_equal(csv_header_find(&row, "jenis_kelamin"), 2);
	assert_int_equal(csv_header_find(&row, "tanggal_masuk"), 3);
	assert_int_equal(csv_header_find(&row, "nik"), -1);
	csv_free(c);
	csv_name_fold("Tunggakan_Wajib Bulan", f, sizeof f);
	assert_string_equal(f, "tunggakanwajibbulan");
	csv_column_letter(0, f, sizeof f);
	assert_string_equal(f, "A");
	csv_column_letter(25, f, sizeof f);
	assert_string_equal(f, "Z");
	csv_column_letter(26, f, sizeof f);
	assert_string_equal(f, "AA");
	csv_column_letter(27 * 26, f, sizeof f);
	assert_string_equal(f, "AAA");
}

static const struct {
	const char	*in;
	int64_t		 sen;
} amount_good[] = {
	{ "1.250.000", 125000000 },
	{ "1250000", 125000000 },
	{ "1.250.000,00", 125000000 },
	{ "1.250.000,5", 125000050 },
	{ "Rp 1.250.000", 125000000 },
	{ "Rp1.250.000,50", 125000050 },
	{ "Rp. 1.250.000", 125000000 },
	{ "  1.250.000  ", 125000000 },
	{ "Rp\xc2\xa0" "1.250.000", 125000000 },	/* no-break space */
	{ "1.250", 125000 },
	{ "0", 0 },
	{ "-", 0 },				/* accounting format's zero */
	{ "Rp -", 0 },
	{ "Rp 0,50", 50 },
};

static const struct {
	const char	*why;
	const char	*in;
	int		 err;
} amount_bad[] = {
	{ "English thousands", "1,250,000", CSV_E_AMOUNT },
	{ "a dot for decimals", "1.25", CSV_E_AMOUNT },
	{ "English decimals", "1250000.00", CSV_E_AMOUNT },
	{ "a group of two", "1.25.000", CSV_E_AMOUNT },
	{ "three decimals", "1.250,000", CSV_E_AMOUNT },
	{ "leading zero group", "0.500", CSV_E_AMOUNT },
	{ "negative", "-1.250.000", CSV_E_NEGATIVE },
	{ "negative after Rp", "Rp -50.000", CSV_E_NEGATIVE },
	{ "accounting brackets", "(50.000)", CSV_E_AMOUNT },
	{ "a word", "lima ribu", CSV_E_AMOUNT },
	{ "currency alone", "Rp", CSV_E_AMOUNT },
	{ "empty", "", CSV_E_EMPTY },
	{ "spaces", "   ", CSV_E_EMPTY },
	{ "too large", "1.000.000.000.000.001", CSV_E_RANGE },
	{ "scientific", "1,25E+06", CSV_E_AMOUNT },
};

static void
test_amounts(void **state)
{
	size_t	 i;
	int64_t	 sen;
	int	 r;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(amount_good); i++) {
		sen = -1;
		if ((r = csv_amount(amount_good[i].in, &sen)) != 0)
			fail_msg("csv_amount(\"%s\") gave %d", amount_good[i].in,
			    r);
		assert_int_equal(sen, amount_good[i].sen);
	}
	for (i = 0; i < ARRAY_SIZE(amount_bad); i++) {
		r = csv_amount(amount_bad[i].in, &sen);
		if (r != amount_bad[i].err)
			fail_msg("%s: csv_amount(\"%s\") gave %d, want %d",
			    amount_bad[i].why, amount_bad[i].in, r,
			    amount_bad[i].err);
	}
}

static const struct {
	const char	*why;
	const char	*in;
} date_bad[] = {
	{ "American order", "03/31/2024" },
	{ "one-digit day and month", "1/3/2024" },
	{ "two-digit year", "31/03/24" },
	{ "dashes with the day first", "31-03-2024" },
	{ "dots", "31.03.2024" },
	{ "a date and a time", "2024-03-31 00:00:00" },
	{ "no 31 April", "2024-04-31" },
	{ "no 29 February 2023", "29/02/2023" },
	{ "month 13", "2024-13-01" },
	{ "day 0", "00/03/2024" },
	{ "before 1900", "1899-12-31" },
	{ "a spreadsheet's serial number", "45382" },
	{ "empty", "" },
	{ "words", "31 Maret 2024" },
};

static void
test_dates(void **state)
{
	size_t	 i;
	int	 y, m, d;

	(void)state;
	assert_int_equal(csv_date("2024-03-31", &y, &m, &d), 0);
	assert_true(y == 2024 && m == 3 && d == 31);
	assert_int_equal(csv_date("31/03/2024", &y, &m, &d), 0);
	assert_true(y == 2024 && m == 3 && d == 31);
	assert_int_equal(csv_date(" 29/02/2024 ", &y, &m, &d), 0);
	assert_true(y == 2024 && m == 2 && d == 29);
	assert_int_equal(csv_date("1955-01-01", &y, &m, &d), 0);
	assert_int_equal(y, 1955);
	for (i = 0; i < ARRAY_SIZE(date_bad); i++) {
		if (csv_date(date_bad[i].in, &y, &m, &d) != CSV_E_DATE)
			fail_msg("%s: \"%s\" was taken for a date",
			    date_bad[i].why, date_bad[i].in);
	}
}

static const struct {
	const char	*in;
	uint32_t	 bp;
} rate_good[] = {
	{ "1,5", 150 },
	{ "1.5", 150 },
	{ "1,50", 150 },
	{ "1,25", 125 },
	{ "2", 200 },
	{ "12", 1200 },
	{ "0,1", 10 },
	{ "1,5%", 150 },
	{ "1,5 %", 150 },
	{ "100", 10000 },
	{ "0", 0 },
};

static const struct {
	const char	*why;
	const char	*in;
	int		 err;
} rate_bad[] = {
	{ "three decimals", "1,125", CSV_E_RATE },
	{ "thousands look", "1.500", CSV_E_RATE },
	{ "no digits after the comma", "1,", CSV_E_RATE },
	{ "no digits before", ",5", CSV_E_RATE },
	{ "a fraction", "3/2", CSV_E_RATE },
	{ "a word", "satu", CSV_E_RATE },
	{ "above 100%", "150", CSV_E_RANGE },
	{ "a sign", "-1,5", CSV_E_RATE },
	{ "empty", "", CSV_E_EMPTY },
	{ "per mille", "1,5‰", CSV_E_RATE },
};

static void
test_rates(void **state)
{
	size_t		 i;
	uint32_t	 bp;
	int		 r;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(rate_good); i++) {
		bp = 99999;
		if ((r = csv_rate(rate_good[i].in, &bp)) != 0)
			fail_msg("csv_rate(\"%s\") gave %d", rate_good[i].in, r);
		assert_int_equal(bp, rate_good[i].bp);
	}
	for (i = 0; i < ARRAY_SIZE(rate_bad); i++) {
		r = csv_rate(rate_bad[i].in, &bp);
		if (r != rate_bad[i].err)
			fail_msg("%s: csv_rate(\"%s\") gave %d, want %d",
			    rate_bad[i].why, rate_bad[i].in, r,
			    rate_bad[i].err);
	}
}

static void
test_counts(void **state)
{
	uint32_t	 v;

	(void)state;
	assert_int_equal(csv_uint("12", 240, &v), 0);
	assert_int_equal(v, 12);
	assert_int_equal(csv_uint(" 0 ", 240, &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(csv_uint("241", 240, &v), CSV_E_RANGE);
	assert_int_equal(csv_uint("99999999999999999999", 240, &v),
	    CSV_E_RANGE);
	assert_int_equal(csv_uint("12,0", 240, &v), CSV_E_NUMBER);
	assert_int_equal(csv_uint("-1", 240, &v), CSV_E_NUMBER);
	assert_int_equal(csv_uint("dua", 240, &v), CSV_E_NUMBER);
	assert_int_equal(csv_uint("", 240, &v), CSV_E_EMPTY);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_separators),
		cmocka_unit_test(test_quotes_and_lines),
		cmocka_unit_test(test_bom_and_utf8),
		cmocka_unit_test(test_bad_files),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_amounts),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_rates),
		cmocka_unit_test(test_counts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
