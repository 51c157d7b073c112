/*
 * store/nik.c: the Indonesian NIK (nomor induk kependudukan): province
 * (2) + regency (2) + district (2) + birth date DDMMYY, 40 added to the
 * day for women (6) + serial (4, not 0000).
 */
#include <stddef.h>

#include "store/store.h"

#ifndef N_
#define N_(s)	(s)
#endif

/* Province codes (Kemendagri). */
static const struct {
	int	lo;
	int	hi;
} nik_provinces[] = {
	{ 11, 19 },
	{ 21, 21 },
	{ 31, 36 },
	{ 51, 53 },
	{ 61, 65 },
	{ 71, 76 },
	{ 81, 82 },
	{ 91, 97 },
};

static int	nik_two(const char *);
static int	nik_province_valid(int);
static int	nik_days_in_month(int, int);

static int
nik_two(const char *s)
{
	return ((s[0] - '0') * 10 + (s[1] - '0'));
}

static int
nik_province_valid(int province)
{
	size_t	i;

	for (i = 0; i < sizeof(nik_provinces) / sizeof(nik_provinces[0]); i++) {
		if (province >= nik_provinces[i].lo &&
		    province <= nik_provinces[i].hi)
			return (1);
	}
	return (0);
}

static int
nik_days_in_month(int year, int month)
{
	static const int	 days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (month == 2 &&
	    ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return (29);
	return (days[month - 1]);
}

int
nik_parse(const char *s, int today_year, struct nik_info *out)
{
	struct nik_info	 ni;
	size_t		 n;

	/* Look at no more than one character past a good length. */
	n = 0;
	if (s != NULL) {
		while (n <= NIK_LEN && s[n] != '\0')
			n++;
	}
	if (n != NIK_LEN)
		return (NIK_E_LENGTH);
	for (n = 0; n < NIK_LEN; n++) {
		if (s[n] < '0' || s[n] > '9')
			return (NIK_E_DIGITS);
	}

	ni.province = nik_two(s);
	ni.regency = nik_two(s + 2);
	ni.district = nik_two(s + 4);
	ni.day = nik_two(s + 6);
	ni.month = nik_two(s + 8);
	ni.year = nik_two(s + 10);
	ni.serial = nik_two(s + 12) * 100 + nik_two(s + 14);

	if (!nik_province_valid(ni.province))
		return (NIK_E_PROVINCE);

	ni.female = 0;
	if (ni.day > 40) {
		ni.female = 1;
		ni.day -= 40;
	}
	if (2000 + ni.year > today_year)
		ni.year += 1900;
	else
		ni.year += 2000;
	if (ni.month < 1 || ni.month > 12 || ni.day < 1 ||
	    ni.day > nik_days_in_month(ni.year, ni.month))
		return (NIK_E_DATE);

	if (ni.serial == 0)
		return (NIK_E_SERIAL);

	if (out != NULL)
		*out = ni;
	return (0);
}

const char *
nik_strerror(int code)
{
	return code == 0 ? N_("NIK is valid") : store_strerror(code);
}
