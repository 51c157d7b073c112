/*
 * tests/fuzz/fuzz-entry.c: libFuzzer target for the journal entry decoder
 * (store/entry.c) and the varint reader under it (store/buf.c).
 *
 * Whatever the bytes, decoding must not read past them or crash; and when
 * they decode, encoding the entry again must give exactly the same bytes,
 * since every entry has one encoding and the hash chain is over it.  The
 * same bytes are also read as a run of varints and zigzag varints, each
 * of which must re-encode to the bytes it was read from.
 *
 *	./configure CC=clang --enable-fuzz
 *	make tests/fuzz/fuzz-entry
 *	./tests/fuzz/fuzz-entry -max_total_time=30
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct entry	entry;

static void
check_entry(const uint8_t *data, size_t size)
{
	struct buf	 out;
	int		 r;

	if ((r = entry_decode(&entry, data, size)) != 0) {
		if (r != STORE_E_CORRUPT)
			abort();
		return;
	}
	if (size > ENTRY_MAXSIZE)
		abort();
	buf_init(&out);
	if (entry_encode(&entry, &out) != 0)
		abort();
	if (out.len != size || memcmp(out.data, data, size) != 0)
		abort();
	buf_free(&out);
}

static void
check_varints(const uint8_t *data, size_t size, int sign)
{
	struct buf	 in, out;
	size_t		 start;
	uint64_t	 u;
	int64_t		 s;
	int		 r;

	buf_from(&in, data, size);
	while (buf_left(&in) > 0) {
		start = in.off;
		r = sign ? buf_get_svarint(&in, &s) : buf_get_varint(&in, &u);
		if (r != 0) {
			/* A refused varint never reads past the data. */
			if (in.off > size)
				abort();
			return;
		}
		if (in.off - start > 10 || in.off > size)
			abort();
		buf_init(&out);
		if ((sign ? buf_put_svarint(&out, s) :
		    buf_put_varint(&out, u)) != 0)
			abort();
		if (out.len != in.off - start ||
		    memcmp(out.data, data + start, out.len) != 0)
			abort();
		buf_free(&out);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_entry(data, size);
	check_varints(data, size, 0);
	check_varints(data, size, 1);
	return 0;
}
