/*
 * tests/unit/test-money.c: store/money.c, formatting, parsing and
 * terbilang. Expected values are written out by hand.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "store/money.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static void
check_terbilang(int64_t rupiah, const char *want)
{
	char	buf[512];

	memset(buf, 'x', sizeof(buf));
	assert_int_equal(money_terbilang(rupiah, buf, sizeof(buf)), 0);
	assert_string_equal(buf, want);
}

static void
test_terbilang_small(void **state)
{
	(void)state;
	check_terbilang(0, "nol");
	check_terbilang(1, "satu");
	check_terbilang(2, "dua");
	check_terbilang(7, "tujuh");
	check_terbilang(9, "sembilan");
	check_terbilang(10, "sepuluh");
	check_terbilang(11, "sebelas");
	check_terbilang(12, "dua belas");
	check_terbilang(15, "lima belas");
	check_terbilang(19, "sembilan belas");
	check_terbilang(20, "dua puluh");
	check_terbilang(21, "dua puluh satu");
	check_terbilang(45, "empat puluh lima");
	check_terbilang(99, "sembilan puluh sembilan");
	check_terbilang(100, "seratus");
	check_terbilang(101, "seratus satu");
	check_terbilang(110, "seratus sepuluh");
	check_terbilang(111, "seratus sebelas");
	check_terbilang(119, "seratus sembilan belas");
	check_terbilang(200, "dua ratus");
	check_terbilang(250, "dua ratus lima puluh");
	check_terbilang(999, "sembilan ratus sembilan puluh sembilan");
}

static void
test_terbilang_thousands(void **state)
{
	(void)state;
	check_terbilang(1000, "seribu");
	check_terbilang(1001, "seribu satu");
	check_terbilang(1100, "seribu seratus");
	check_terbilang(1999,
	    "seribu sembilan ratus sembilan puluh sembilan");
	check_terbilang(2000, "dua ribu");
	check_terbilang(2001, "dua ribu satu");
	check_terbilang(10000, "sepuluh ribu");
	check_terbilang(11000, "sebelas ribu");
	check_terbilang(21000, "dua puluh satu ribu");
	check_terbilang(25000, "dua puluh lima ribu");
	check_terbilang(100000, "seratus ribu");
	check_terbilang(101000, "seratus satu ribu");
	check_terbilang(115000, "seratus lima belas ribu");
	check_terbilang(240000, "dua ratus empat puluh ribu");
	check_terbilang(999999, "sembilan ratus sembilan puluh sembilan ribu "
	    "sembilan ratus sembilan puluh sembilan");
}

static void
test_terbilang_large(void **state)
{
	(void)state;
	check_terbilang(1000000, "satu juta");
	check_terbilang(1000001, "satu juta satu");
	check_terbilang(1001000, "satu juta seribu");
	check_terbilang(1250000, "satu juta dua ratus lima puluh ribu");
	check_terbilang(2000000, "dua juta");
	check_terbilang(11000000, "sebelas juta");
	check_terbilang(100000000, "seratus juta");
	check_terbilang(1000000000, "satu miliar");
	check_terbilang(INT64_C(1000000000000), "satu triliun");
	check_terbilang(INT64_C(1300000000000),
	    "satu triliun tiga ratus miliar");
	check_terbilang(INT64_C(1000001001001),
	    "satu triliun satu juta seribu satu");
	check_terbilang(INT64_C(999000000000000),
	    "sembilan ratus sembilan puluh sembilan triliun");
	check_terbilang(INT64_C(999999999999999),
	    "sembilan ratus sembilan puluh sembilan triliun "
	    "sembilan ratus sembilan puluh sembilan miliar "
	    "sembilan ratus sembilan puluh sembilan juta "
	    "sembilan ratus sembilan puluh sembilan ribu "
	    "sembilan ratus sembilan puluh sembilan");
	/* Beyond 999 triliun: money_parse() accepts up to 10^15. */
	check_terbilang(INT64_C(1000000000000000), "satu kuadriliun");
	check_terbilang(INT64_MAX,
	    "sembilan kuintiliun dua ratus dua puluh tiga kuadriliun "
	    "tiga ratus tujuh puluh dua triliun tiga puluh enam miliar "
	    "delapan ratus lima puluh empat juta "
	    "tujuh ratus tujuh puluh lima ribu delapan ratus tujuh");
}

static void
test_terbilang_errors(void **state)
{
	char	buf[16];

	(void)state;
	memcpy(buf, "untouched", 10);
	assert_int_equal(money_terbilang(-1, buf, sizeof(buf)), EINVAL);
	assert_int_equal(money_terbilang(INT64_MIN, buf, sizeof(buf)), EINVAL);

	/* "seribu" needs 7 bytes. */
	assert_int_equal(money_terbilang(1000, buf, 7), 0);
	assert_string_equal(buf, "seribu");
	assert_int_equal(money_terbilang(1000, buf, 6), ERANGE);
	assert_string_equal(buf, "");
	/* "dua puluh" fits in 10; fails on the second word with 9. */
	assert_int_equal(money_terbilang(20, buf, 10), 0);
	assert_string_equal(buf, "dua puluh");
	memset(buf, 'x', sizeof(buf));
	assert_int_equal(money_terbilang(20, buf, 9), ERANGE);
	assert_string_equal(buf, "");
	assert_int_equal(money_terbilang(1250000, buf, sizeof(buf)), ERANGE);
	assert_string_equal(buf, "");
	assert_int_equal(money_terbilang(0, buf, 1), ERANGE);
	assert_string_equal(buf, "");
	buf[0] = 'x';
	assert_int_equal(money_terbilang(0, buf, 0), ERANGE);
	assert_int_equal(buf[0], 'x');
	assert_int_equal(money_terbilang(0, NULL, 0), ERANGE);
}

static void
check_format(int64_t sen, const char *want, const char *want_plain)
{
	char	buf[64];

	memset(buf, 'x', sizeof(buf));
	assert_int_equal(money_format(sen, buf, sizeof(buf)), 0);
	assert_string_equal(buf, want);
	memset(buf, 'x', sizeof(buf));
	assert_int_equal(money_format_plain(sen, buf, sizeof(buf)), 0);
	assert_string_equal(buf, want_plain);
}

static void
test_format(void **state)
{
	(void)state;
	check_format(0, "Rp 0", "0");
	check_format(1, "Rp 0,01", "0,01");
	check_format(10, "Rp 0,10", "0,10");
	check_format(99, "Rp 0,99", "0,99");
	check_format(100, "Rp 1", "1");
	check_format(101, "Rp 1,01", "1,01");
	check_format(99900, "Rp 999", "999");
	check_format(100000, "Rp 1.000", "1.000");
	check_format(2500000, "Rp 25.000", "25.000");
	check_format(10000000, "Rp 100.000", "100.000");
	check_format(99999900, "Rp 999.999", "999.999");
	check_format(100000000, "Rp 1.000.000", "1.000.000");
	check_format(125000000, "Rp 1.250.000", "1.250.000");
	check_format(125000050, "Rp 1.250.000,50", "1.250.000,50");
	check_format(125000005, "Rp 1.250.000,05", "1.250.000,05");
	check_format(INT64_C(130000000000000), "Rp 1.300.000.000.000",
	    "1.300.000.000.000");
	check_format(INT64_C(100000000000000000),
	    "Rp 1.000.000.000.000.000", "1.000.000.000.000.000");
	check_format(INT64_MAX, "Rp 92.233.720.368.547.758,07",
	    "92.233.720.368.547.758,07");
}

static void
test_format_negative(void **state)
{
	(void)state;
	check_format(-1, "-Rp 0,01", "-0,01");
	check_format(-100, "-Rp 1", "-1");
	check_format(-100000, "-Rp 1.000", "-1.000");
	check_format(-125000000, "-Rp 1.250.000", "-1.250.000");
	check_format(-125000050, "-Rp 1.250.000,50", "-1.250.000,50");
	check_format(INT64_MIN, "-Rp 92.233.720.368.547.758,08",
	    "-92.233.720.368.547.758,08");
}

static void
test_format_small_buffer(void **state)
{
	char	buf[16];

	(void)state;
	/* "Rp 1.000" is 8 characters and a NUL. */
	assert_int_equal(money_format(100000, buf, 9), 0);
	assert_string_equal(buf, "Rp 1.000");
	memset(buf, 'x', sizeof(buf));
	assert_int_equal(money_format(100000, buf, 8), ERANGE);
	assert_string_equal(buf, "");
	assert_int_equal(money_format(-100000, buf, 9), ERANGE);
	assert_string_equal(buf, "");
	assert_int_equal(money_format(125000050, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "Rp 1.250.000,50");
	assert_int_equal(money_format(125000050, buf, 15), ERANGE);
	assert_string_equal(buf, "");
	assert_int_equal(money_format_plain(100000, buf, 6), 0);
	assert_string_equal(buf, "1.000");
	assert_int_equal(money_format_plain(100000, buf, 5), ERANGE);
	assert_string_equal(buf, "");
	buf[0] = 'x';
	assert_int_equal(money_format(0, buf, 0), ERANGE);
	assert_int_equal(buf[0], 'x');
	assert_int_equal(money_format(0, NULL, 0), ERANGE);
}

static const struct {
	const char	*s;
	int64_t		 sen;
} parse_good[] = {
	{ "1.250.000", 125000000 },
	{ "1250000", 125000000 },
	{ "Rp 1.250.000", 125000000 },
	{ "Rp1.250.000", 125000000 },
	{ "Rp 1.250.000,00", 125000000 },
	{ "Rp 1250000", 125000000 },
	{ "1.250.000,5", 125000050 },
	{ "1.250.000,50", 125000050 },
	{ "1.250.000,05", 125000005 },
	{ "Rp 1.250.000,99", 125000099 },
	{ "1250000,5", 125000050 },
	{ "  1.250.000  ", 125000000 },
	{ " Rp 1.250.000,50 ", 125000050 },
	{ "\tRp  1.250.000\t", 125000000 },
	{ "0", 0 },
	{ "Rp 0", 0 },
	{ "0,00", 0 },
	{ "0,01", 1 },
	{ "1", 100 },
	{ "999", 99900 },
	{ "1.000", 100000 },
	{ "25.000", 2500000 },
	{ "100.000", 10000000 },
	{ "1000", 100000 },
	{ "001000", 100000 },
	{ "1000000000000000", INT64_C(100000000000000000) },
	{ "1.000.000.000.000.000", INT64_C(100000000000000000) },
	{ "Rp 1.000.000.000.000.000,00", INT64_C(100000000000000000) },
	{ "999.999.999.999.999,99", INT64_C(99999999999999999) },
};

static const char *const parse_bad[] = {
	"",
	" ",
	"Rp",
	"Rp ",
	"abc",
	"12a",
	"a12",
	"satu juta",
	"1,250,000",
	"1.25.000",
	"12.50",
	"1.2",
	"1.2500",
	"1250.000",
	"1.000.",
	".500",
	"1..000",
	"0.500",
	"1 000",
	"1.000 000",
	"-1000",
	"-1.250.000",
	"-Rp 1.250.000",
	"Rp -1.000",
	"+1000",
	"+Rp 1.000",
	"1.250.000,505",
	"1,000",
	"1,",
	",50",
	"Rp ,50",
	"1,5,0",
	"1.000,5x",
	"1.000,-",
	"rp 1.000",
	"RP 1.000",
	"Rp. 1.000",
	"Rp 1.000 Rp",
	"IDR 1.000",
	"1e6",
	"0x10",
	"99999999999999999999999x",
};

static const char *const parse_range[] = {
	"1.000.000.000.000.000,01",
	"1000000000000001",
	"1.000.000.000.000.001",
	"9.223.372.036.854.775.807",
	"99999999999999999999999999999999",
	"Rp 100.000.000.000.000.000.000.000,00",
};

static void
test_parse_good(void **state)
{
	size_t	i;
	int64_t	sen;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(parse_good); i++) {
		sen = -1;
		if (money_parse(parse_good[i].s, &sen) != 0)
			fail_msg("money_parse(\"%s\") failed", parse_good[i].s);
		if (sen != parse_good[i].sen)
			fail_msg("money_parse(\"%s\") gave %lld, want %lld",
			    parse_good[i].s, (long long)sen,
			    (long long)parse_good[i].sen);
	}
}

static void
test_parse_bad(void **state)
{
	size_t	i;
	int64_t	sen;
	int	r;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(parse_bad); i++) {
		sen = 42;
		r = money_parse(parse_bad[i], &sen);
		if (r != EINVAL)
			fail_msg("money_parse(\"%s\") gave %d, want EINVAL",
			    parse_bad[i], r);
		assert_int_equal(sen, 42);
	}
	assert_int_equal(money_parse(NULL, &sen), EINVAL);
}

static void
test_parse_range(void **state)
{
	size_t	i;
	int64_t	sen;
	int	r;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(parse_range); i++) {
		sen = 42;
		r = money_parse(parse_range[i], &sen);
		if (r != ERANGE)
			fail_msg("money_parse(\"%s\") gave %d, want ERANGE",
			    parse_range[i], r);
		assert_int_equal(sen, 42);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_terbilang_small),
		cmocka_unit_test(test_terbilang_thousands),
		cmocka_unit_test(test_terbilang_large),
		cmocka_unit_test(test_terbilang_errors),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_format_negative),
		cmocka_unit_test(test_format_small_buffer),
		cmocka_unit_test(test_parse_good),
		cmocka_unit_test(test_parse_bad),
		cmocka_unit_test(test_parse_range),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
