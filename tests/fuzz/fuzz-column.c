/*
 * tests/fuzz/fuzz-column.c: libFuzzer target for the column transform
 * (sync/column.c) on its own, without deflate in the way, so that the
 * fuzzer reaches its corners quickly.
 *
 * The input is the number of the first entry and the number of entries
 * (two varints, as a frame's header gives them) and then a body in the
 * column layout.  Whatever the bytes, decoding must not read past them.
 * Entries that decode are put into columns again, which must succeed
 * (the decoder makes only entries the encoder can carry), and those
 * columns must decode to the very same entries.
 *
 *	make tests/fuzz/fuzz-column
 *	./tests/fuzz/fuzz-column -max_total_time=30 corpus ../tests/fuzz/corpus-column
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sync/sync.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const uint8_t	*ent[FRAME_COUNT_MAX];

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct frame_entries	 fe, ge;
	struct buf		 in, out;
	uint64_t		 first, count;
	uint32_t		 i;
	int			 r;

	buf_from(&in, data, size);
	/* What frame_parse() lets through to column_decode(). */
	if (buf_get_varint(&in, &first) != 0 || first == 0 ||
	    buf_get_varint(&in, &count) != 0 || count == 0 ||
	    count > FRAME_COUNT_MAX || first + count < first)
		return 0;
	frame_entries_init(&fe);
	r = column_decode(in.data + in.off, buf_left(&in), first, count, &fe);
	if (r != 0) {
		frame_entries_free(&fe);
		return 0;
	}
	if (fe.n != count)
		abort();
	for (i = 0; i < fe.n; i++) {
		if (fe.len[i] == 0 || fe.len[i] > ENTRY_MAXSIZE)
			abort();
		ent[i] = fe.bytes.data + fe.off[i];
	}
	buf_init(&out);
	if (column_encode(fe.n, ent, fe.len, first, &out) != 0)
		abort();
	frame_entries_init(&ge);
	if (column_decode(out.data, out.len, first, count, &ge) != 0 ||
	    ge.n != fe.n || ge.bytes.len != fe.bytes.len)
		abort();
	for (i = 0; i < fe.n; i++) {
		if (ge.len[i] != fe.len[i] || ge.off[i] != fe.off[i] ||
		    memcmp(ge.bytes.data + ge.off[i], ent[i], fe.len[i]) != 0)
			abort();
	}
	frame_entries_free(&ge);
	frame_entries_free(&fe);
	buf_free(&out);
	return 0;
}
