/*
 * tests/fuzz/fuzz-csv.c: libFuzzer target for the CSV reader and the
 * value parsers of loket import (cli/csv.c).
 *
 * Whatever the bytes, reading must not read past them, loop or crash;
 * every row it returns has its fields NUL-terminated at their length,
 * a field marked good is valid UTF-8, and row numbers only grow.  Each
 * field is also given to the amount, date, percentage and count
 * parsers, whose results must stay in range.
 *
 *	./configure CC=clang --enable-fuzz
 *	make tests/fuzz/fuzz-csv
 *	./tests/fuzz/fuzz-csv tests/fuzz/corpus-csv -max_total_time=30
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/import.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_field(const struct csv_field *f)
{
	int64_t		 sen;
	uint32_t	 v;
	int		 y, m, d;

	if (f->s[f->len] != '\0')
		abort();
	if (f->bad)
		return;
	if (!utf8_valid(f->s, f->len) || memchr(f->s, '\0', f->len) != NULL)
		abort();
	if (csv_amount(f->s, &sen) == 0 && (sen < 0 || sen > MONEY_MAX_SEN))
		abort();
	if (csv_date(f->s, &y, &m, &d) == 0 &&
	    (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31))
		abort();
	if (csv_rate(f->s, &v) == 0 && v > 10000)
		abort();
	if (csv_uint(f->s, 240, &v) == 0 && v > 240)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv	*c;
	struct csv_row	 row;
	size_t		 i, last = 0, rows = 0;
	int		 r;

	if (csv_open(data, size, &c) != 0)
		return 0;
	while ((r = csv_next(c, &row)) != CSV_END) {
		/* Each call consumes at least a byte: bounded by size. */
		if (++rows > size + 1)
			abort();
		if (r == CSV_E_AFTERQUOTE)
			continue;
		if (r != 0)
			break;
		if (row.row <= last || row.n == 0 || row.n > CSV_MAXCOLS)
			abort();
		last = row.row;
		for (i = 0; i < row.n; i++)
			check_field(&row.f[i]);
		(void)csv_header_find(&row, "no_lama");
	}
	csv_free(c);
	return 0;
}
