/*
 * tests/fuzz/fuzz-nik.c: libFuzzer target for the NIK (store/nik.c), as
 * typed at member registration or given to loket member.
 *
 * The input is the typed text.  Whatever it is, nik_parse() must not
 * read past its end (it looks at most one character past sixteen) and
 * must answer 0 or one of its codes.  A NIK that parses is put together
 * again from its parts (province, regency, district, day with 40 for
 * women, month, two-digit year, serial), which must give the very text
 * typed, with a real date and a known province; the year follows the
 * rule of the century against today_year, which comes from the input
 * too.
 *
 *	make tests/fuzz/fuzz-nik
 *	./tests/fuzz/fuzz-nik -max_total_time=30 corpus ../tests/fuzz/corpus-nik
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/money.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check(const char *s, size_t len, int year)
{
	struct nik_info	 ni;
	char		 again[NIK_LEN + 8];
	int		 r;

	memset(&ni, 0xa5, sizeof ni);
	r = nik_parse(s, year, &ni);
	if (r != 0) {
		if (r != NIK_E_LENGTH && r != NIK_E_DIGITS &&
		    r != NIK_E_PROVINCE && r != NIK_E_DATE &&
		    r != NIK_E_SERIAL)
			abort();
		if (nik_parse(s, year, NULL) != r)
			abort();
		return;
	}
	if (len != NIK_LEN || nik_parse(s, year, NULL) != 0)
		abort();
	if (ni.province < 11 || ni.province > 97 || ni.month < 1 ||
	    ni.month > 12 || ni.day < 1 || ni.day > 31 || ni.serial < 1 ||
	    ni.serial > 9999 || (ni.female != 0 && ni.female != 1) ||
	    ni.year > year || ni.year < year - 99)
		abort();
	snprintf(again, sizeof again, "%02d%02d%02d%02d%02d%02d%04d",
	    ni.province, ni.regency, ni.district,
	    ni.day + (ni.female ? 40 : 0), ni.month, ni.year % 100, ni.serial);
	if (strcmp(again, s) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s;
	int	 year;

	if (size > 64)
		return 0;
	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	check(s, strlen(s), 2026);
	/* The same text against another year of this century. */
	year = 2000 + (size > 0 ? data[0] % 100 : 0);
	check(s, strlen(s), year);
	free(s);
	return 0;
}
