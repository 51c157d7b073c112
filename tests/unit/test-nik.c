/*
 * tests/unit/test-nik.c: store/nik.c, checking and splitting a NIK.
 * Expected values are written out by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "store/money.h"

#define TODAY	2025

static void
check_bad(const char *s, int today_year, int want)
{
	struct nik_info	ni;
	int		r;

	memset(&ni, 0x5a, sizeof(ni));
	r = nik_parse(s, today_year, &ni);
	if (r != want)
		fail_msg("nik_parse(\"%s\", %d) gave %d, want %d",
		    s == NULL ? "(null)" : s, today_year, r, want);
	/* out is left alone on failure. */
	assert_int_equal(ni.province, 0x5a5a5a5a);
	assert_int_equal(ni.serial, 0x5a5a5a5a);
}

static void
test_man_ntt(void **state)
{
	struct nik_info	ni;

	(void)state;
	/* Kota Kupang (53 71), district 01, born 17-08-1985, serial 0001. */
	assert_int_equal(nik_parse("5371011708850001", TODAY, &ni), 0);
	assert_int_equal(ni.province, 53);
	assert_int_equal(ni.regency, 71);
	assert_int_equal(ni.district, 1);
	assert_int_equal(ni.female, 0);
	assert_int_equal(ni.year, 1985);
	assert_int_equal(ni.month, 8);
	assert_int_equal(ni.day, 17);
	assert_int_equal(ni.serial, 1);
}

static void
test_woman_ntb(void **state)
{
	struct nik_info	ni;

	(void)state;
	/* Lombok Barat (52 01), district 02, born 03-05-1992: day 43. */
	assert_int_equal(nik_parse("5201024305920123", TODAY, &ni), 0);
	assert_int_equal(ni.province, 52);
	assert_int_equal(ni.regency, 1);
	assert_int_equal(ni.district, 2);
	assert_int_equal(ni.female, 1);
	assert_int_equal(ni.year, 1992);
	assert_int_equal(ni.month, 5);
	assert_int_equal(ni.day, 3);
	assert_int_equal(ni.serial, 123);

	/* Sikka (53 10), born 31-12-2001: day 71, the highest. */
	assert_int_equal(nik_parse("5310037112019999", TODAY, &ni), 0);
	assert_int_equal(ni.province, 53);
	assert_int_equal(ni.regency, 10);
	assert_int_equal(ni.district, 3);
	assert_int_equal(ni.female, 1);
	assert_int_equal(ni.year, 2001);
	assert_int_equal(ni.month, 12);
	assert_int_equal(ni.day, 31);
	assert_int_equal(ni.serial, 9999);

	/* Born on the 1st: day 41. */
	assert_int_equal(nik_parse("3174054101000002", TODAY, &ni), 0);
	assert_int_equal(ni.female, 1);
	assert_int_equal(ni.day, 1);
	assert_int_equal(ni.month, 1);
	assert_int_equal(ni.year, 2000);
}

static void
test_century(void **state)
{
	struct nik_info	ni;

	(void)state;
	/* YY 25 in 2025 is 2025; in 2024 it is 1925. */
	assert_int_equal(nik_parse("5371011708250001", 2025, &ni), 0);
	assert_int_equal(ni.year, 2025);
	assert_int_equal(nik_parse("5371011708250001", 2024, &ni), 0);
	assert_int_equal(ni.year, 1925);
	assert_int_equal(nik_parse("5371011708260001", 2025, &ni), 0);
	assert_int_equal(ni.year, 1926);
	assert_int_equal(nik_parse("5371011708000001", 2025, &ni), 0);
	assert_int_equal(ni.year, 2000);
	assert_int_equal(nik_parse("5371011708990001", 2025, &ni), 0);
	assert_int_equal(ni.year, 1999);
}

static void
test_provinces(void **state)
{
	static const char *const good[] = {
		"1101011708850001", "1901011708850001", "2101011708850001",
		"3101011708850001", "3601011708850001", "5101011708850001",
		"5201011708850001", "5301011708850001", "6101011708850001",
		"6501011708850001", "7101011708850001", "7601011708850001",
		"8101011708850001", "8201011708850001", "9101011708850001",
		"9701011708850001",
	};
	static const char *const bad[] = {
		"0001011708850001", "0101011708850001", "1001011708850001",
		"2001011708850001", "2201011708850001", "3001011708850001",
		"3701011708850001", "5001011708850001", "5401011708850001",
		"6001011708850001", "6601011708850001", "7001011708850001",
		"7701011708850001", "8001011708850001", "8301011708850001",
		"9001011708850001", "9801011708850001", "9901011708850001",
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (nik_parse(good[i], TODAY, NULL) != 0)
			fail_msg("nik_parse(\"%s\") failed", good[i]);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		check_bad(bad[i], TODAY, NIK_E_PROVINCE);
}

static void
test_length(void **state)
{
	(void)state;
	check_bad("537101170885001", TODAY, NIK_E_LENGTH);
	check_bad("53710117088500011", TODAY, NIK_E_LENGTH);
	check_bad("5371011708850001537101170885000153710117", TODAY,
	    NIK_E_LENGTH);
	check_bad("", TODAY, NIK_E_LENGTH);
	check_bad(NULL, TODAY, NIK_E_LENGTH);
	check_bad("5371 0117 0885 0001", TODAY, NIK_E_LENGTH);
	check_bad(" 5371011708850001", TODAY, NIK_E_LENGTH);
}

static void
test_digits(void **state)
{
	(void)state;
	check_bad("53710117088500A1", TODAY, NIK_E_DIGITS);
	check_bad("ABCDEFGHIJKLMNOP", TODAY, NIK_E_DIGITS);
	check_bad("5371O11708850001", TODAY, NIK_E_DIGITS);
	check_bad("-371011708850001", TODAY, NIK_E_DIGITS);
	check_bad("5371011708850 01", TODAY, NIK_E_DIGITS);
	check_bad("537101.708850001", TODAY, NIK_E_DIGITS);
}

static void
test_date(void **state)
{
	struct nik_info	ni;

	(void)state;
	/* 31 February. */
	check_bad("5371013102850001", TODAY, NIK_E_DATE);
	check_bad("5371017102850001", TODAY, NIK_E_DATE);
	/* Day 72: the 32nd for a woman; 32 for a man. */
	check_bad("5371017208850001", TODAY, NIK_E_DATE);
	check_bad("5371013208850001", TODAY, NIK_E_DATE);
	/* Day 00 and 40 (0 for a woman), and 80. */
	check_bad("5371010008850001", TODAY, NIK_E_DATE);
	check_bad("5371014008850001", TODAY, NIK_E_DATE);
	check_bad("5371018008850001", TODAY, NIK_E_DATE);
	/* Month 00 and 13. */
	check_bad("5371011700850001", TODAY, NIK_E_DATE);
	check_bad("5371011713850001", TODAY, NIK_E_DATE);
	/* 31 April, 31 June, 31 September, 31 November. */
	check_bad("5371013104850001", TODAY, NIK_E_DATE);
	check_bad("5371013106850001", TODAY, NIK_E_DATE);
	check_bad("5371017109850001", TODAY, NIK_E_DATE);
	check_bad("5371013111850001", TODAY, NIK_E_DATE);
	/* 30 April is fine. */
	assert_int_equal(nik_parse("5371013004850001", TODAY, NULL), 0);

	/* 29 February 1988 (leap): fine, for a man and a woman. */
	assert_int_equal(nik_parse("5371012902880001", TODAY, &ni), 0);
	assert_int_equal(ni.year, 1988);
	assert_int_equal(ni.month, 2);
	assert_int_equal(ni.day, 29);
	assert_int_equal(nik_parse("5371016902880001", TODAY, &ni), 0);
	assert_int_equal(ni.female, 1);
	assert_int_equal(ni.day, 29);
	/* 29 February 2000 (leap, divisible by 400). */
	assert_int_equal(nik_parse("5371012902000001", TODAY, &ni), 0);
	assert_int_equal(ni.year, 2000);
	/* 29 February 1987 (not leap). */
	check_bad("5371012902870001", TODAY, NIK_E_DATE);
	check_bad("5371016902870001", TODAY, NIK_E_DATE);
	/* 29 February 1900 (not leap: divisible by 100, not 400). */
	check_bad("5371012902001234", 1999, NIK_E_DATE);
	/* 30 February in a leap year. */
	check_bad("5371013002880001", TODAY, NIK_E_DATE);
	/* 28 February in any year. */
	assert_int_equal(nik_parse("5371012802870001", TODAY, NULL), 0);
}

static void
test_serial(void **state)
{
	struct nik_info	ni;

	(void)state;
	check_bad("5371011708850000", TODAY, NIK_E_SERIAL);
	check_bad("5201024305920000", TODAY, NIK_E_SERIAL);
	assert_int_equal(nik_parse("5371011708851000", TODAY, &ni), 0);
	assert_int_equal(ni.serial, 1000);
}

static void
test_order(void **state)
{
	(void)state;
	/* Checked as length, digits, province, date, serial. */
	check_bad("00710100008500A", TODAY, NIK_E_LENGTH);
	check_bad("00710100008500A0", TODAY, NIK_E_DIGITS);
	check_bad("0071010000850000", TODAY, NIK_E_PROVINCE);
	check_bad("5371010000850000", TODAY, NIK_E_DATE);
}

static void
test_strerror(void **state)
{
	static const int	 codes[] = {
		NIK_E_LENGTH, NIK_E_DIGITS, NIK_E_PROVINCE, NIK_E_DATE,
		NIK_E_SERIAL,
	};
	size_t			 i, j;

	(void)state;
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		assert_in_range(-codes[i], 31200, 31299);
		assert_non_null(nik_strerror(codes[i]));
		assert_string_not_equal(nik_strerror(codes[i]),
		    nik_strerror(-31299));
		for (j = 0; j < i; j++) {
			assert_int_not_equal(codes[i], codes[j]);
			assert_string_not_equal(nik_strerror(codes[i]),
			    nik_strerror(codes[j]));
		}
	}
	assert_string_equal(nik_strerror(NIK_E_LENGTH),
	    "NIK must be exactly 16 digits");
	assert_string_equal(nik_strerror(NIK_E_DIGITS),
	    "NIK must contain only digits");
	assert_string_equal(nik_strerror(NIK_E_PROVINCE),
	    "NIK has an unknown province code");
	assert_string_equal(nik_strerror(NIK_E_DATE),
	    "NIK has an invalid birth date");
	assert_string_equal(nik_strerror(NIK_E_SERIAL),
	    "NIK serial number must not be 0000");
	assert_non_null(nik_strerror(0));
	assert_non_null(nik_strerror(12345));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_man_ntt),
		cmocka_unit_test(test_woman_ntb),
		cmocka_unit_test(test_century),
		cmocka_unit_test(test_provinces),
		cmocka_unit_test(test_length),
		cmocka_unit_test(test_digits),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_serial),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_strerror),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
