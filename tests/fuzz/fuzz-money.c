/*
 * tests/fuzz/fuzz-money.c: libFuzzer target for amounts as people type
 * them (store/money.c: money_parse(), which the console's and the
 * commands' amount fields use), and for the formatting and the words
 * (terbilang) that receipts print.
 *
 * The input is what was typed.  Whatever it is, parsing must not read
 * past its end nor overflow; an amount that parses is within
 * MONEY_MAX_SEN, and formatting it, with or without "Rp ", gives text
 * that parses to the same amount.  The first eight bytes, read as a
 * number, are also formatted and put into words into buffers of sizes
 * 0, 1, 2 and around the one they need: never a write past the end,
 * and either the whole text or ERANGE with an empty string.
 *
 *	make tests/fuzz/fuzz-money
 *	./tests/fuzz/fuzz-money -max_total_time=30 corpus ../tests/fuzz/corpus-money
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/money.h"

#define TYPED_MAX	256

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Formatted, sen must parse back to itself. */
static void
back(int64_t sen)
{
	char	 s[64];
	int64_t	 v;

	if (money_format(sen, s, sizeof s) != 0 || money_parse(s, &v) != 0 ||
	    v != sen)
		abort();
	if (money_format_plain(sen, s, sizeof s) != 0 ||
	    money_parse(s, &v) != 0 || v != sen)
		abort();
}

/* fn into buffers of some sizes: whole and NUL-ended, or ERANGE and "". */
static void
sizes(int (*fn)(int64_t, char *, size_t), int64_t v)
{
	char	 full[1024], *b;
	size_t	 n, len;
	int	 r;

	if ((r = fn(v, full, sizeof full)) != 0) {
		if (r != EINVAL || v >= 0)
			abort();
		return;
	}
	len = strlen(full);
	for (n = 0; n <= len + 1; n = n < 2 || n + 2 >= len ? n + 1 : len - 1) {
		/* A heap block of exactly n bytes: ASan sees any overrun. */
		b = malloc(n == 0 ? 1 : n);
		if (b == NULL)
			abort();
		r = fn(v, b, n);
		if (n > len) {
			if (r != 0 || strcmp(b, full) != 0)
				abort();
		} else if (r != ERANGE || (n > 0 && b[0] != '\0'))
			abort();
		free(b);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s;
	int64_t	 sen, v;
	uint64_t u = 0;
	size_t	 i;
	int	 r;

	if (size > TYPED_MAX)
		return 0;
	/* Exactly the bytes and a NUL: ASan sees a read past the end. */
	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	sen = -1;
	r = money_parse(s, &sen);
	if (r == 0) {
		if (sen < 0 || sen > MONEY_MAX_SEN)
			abort();
		back(sen);
	} else if ((r != EINVAL && r != ERANGE) || sen != -1)
		abort();
	free(s);

	for (i = 0; i < 8 && i < size; i++)
		u = u << 8 | data[i];
	v = (int64_t)u;
	if (v >= 0 && v <= MONEY_MAX_SEN)
		back(v);
	sizes(money_format, v);
	sizes(money_format_plain, v);
	sizes(money_terbilang, v);
	sizes(money_terbilang, v / 100);
	return 0;
}
