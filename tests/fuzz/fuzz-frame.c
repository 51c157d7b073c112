/*
 * tests/fuzz/fuzz-frame.c: libFuzzer target for frames (sync/frame.c):
 * the header, the raw deflate body with or without the preset
 * dictionary, and the plain or column layout inside it.  The head office
 * unpacks every frame a branch sends before it checks the chain.
 *
 * The input is a frame as it travels in a MSG_FRAME body.  Whatever the
 * bytes, parsing and unpacking must not read past them, nor inflate past
 * the size the header gives.  A frame that unpacks is encoded again from
 * its entries, in both layouts, and that frame must parse and unpack to
 * the very same entries with the same header.
 *
 *	make tests/fuzz/fuzz-frame
 *	./tests/fuzz/fuzz-frame -max_total_time=30 corpus ../tests/fuzz/corpus-frame
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sync/sync.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const uint8_t	*ent[FRAME_COUNT_MAX];

static void
same_entries(const struct frame_entries *a, const struct frame_entries *b)
{
	uint32_t	 i;

	if (a->n != b->n)
		abort();
	for (i = 0; i < a->n; i++) {
		if (a->len[i] != b->len[i] ||
		    memcmp(a->bytes.data + a->off[i], b->bytes.data + b->off[i],
		    a->len[i]) != 0)
			abort();
	}
}

static void
again(const struct frame *f, const struct frame_entries *fe, int layout)
{
	struct frame		 info, g;
	struct frame_entries	 ge;
	struct buf		 out;
	uint32_t		 i;

	for (i = 0; i < fe->n; i++)
		ent[i] = fe->bytes.data + fe->off[i];
	buf_init(&out);
	if (frame_encode(f->branch, f->first, fe->n, ent, fe->len, f->head,
	    layout, &out, &info) != 0)
		abort();
	if (frame_parse(out.data, out.len, &g) != 0 ||
	    strcmp(g.branch, f->branch) != 0 || g.first != f->first ||
	    g.count != f->count || memcmp(g.head, f->head, HASH_LEN) != 0 ||
	    g.flags != info.flags || g.rawsize != info.rawsize ||
	    g.zsize != info.zsize)
		abort();
	/* Columns only when every entry is a sound one; else plain. */
	if (layout == FRAME_LAYOUT_PLAIN &&
	    FRAME_LAYOUT(g.flags) != FRAME_LAYOUT_PLAIN)
		abort();
	if (frame_unpack(&g, &ge) != 0)
		abort();
	same_entries(fe, &ge);
	frame_entries_free(&ge);
	buf_free(&out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct frame		 f;
	struct frame_entries	 fe;

	if (frame_parse(data, size, &f) != 0)
		return 0;
	if (f.body + f.zsize != data + size || f.count == 0 ||
	    f.first == 0 || f.first + f.count < f.first)
		abort();
	if (frame_unpack(&f, &fe) != 0)
		return 0;
	if (fe.n != f.count)
		abort();
	again(&f, &fe, FRAME_LAYOUT_COLUMNS);
	again(&f, &fe, FRAME_LAYOUT_PLAIN);
	frame_entries_free(&fe);
	return 0;
}
