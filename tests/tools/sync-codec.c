/*
 * tests/tools/sync-codec.c: frames and the column transform against many
 * random entries, printing TAP (tests/t0017-sync-codec.sh runs it, and
 * the sanitizer build makes every read past an end a failure):
 *
 *  - every frame, in either layout, unpacks to its entries' very bytes;
 *  - entries the column transform cannot carry go plain, still exact;
 *  - a frame cut short anywhere is refused by frame_parse();
 *  - a flipped byte anywhere in a frame is refused, or (in the deflate
 *    body, rarely) unpacks to other entries, which the chain head then
 *    refuses: never a crash;
 *  - random bytes as a column body are refused, never a crash.
 *
 *	sync-codec [-n rounds] [-s seed]
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sync/sync.h"

static uint64_t	 seed = 88172645463325252ULL;
static int	 count, failed;

static uint64_t
rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

static void
ok(int cond, const char *fmt, ...)
{
	va_list	 ap;

	printf("%sok %d - ", cond ? "" : "not ", ++count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!cond)
		failed++;
}

static const char *logins[] = {
	"ani", "budi", "sisi", "mira", "admin", "kasir1", "a.b_c-d",
	"yosefina.bata16",
};

/* A random entry that encodes; seq is its number. */
static void
random_entry(struct entry *e, uint64_t seq, int64_t *clock, int tame)
{
	uint16_t	 tag = 0;
	uint8_t		 val[64];
	int64_t		 sum = 0, a, p;
	int		 i, n, k;

	for (;;) {
		entry_init(e);
		e->kind = tame ? EK_JOURNAL : 1 + rnd() % (EK_LAST - 1);
		e->date = 20000 + rnd() % 3;
		*clock += rnd() % (tame ? 30 : 100000);
		e->time = *clock;
		snprintf(e->user, sizeof e->user, "%s",
		    logins[rnd() % (tame ? 3 : 8)]);
		if (!tame && rnd() % 5 == 0)
			snprintf(e->approver, sizeof e->approver, "%s",
			    logins[rnd() % 8]);
		/* Now and then one the transform cannot carry: the books
		 * refuse it, but the frame must still bring it back. */
		if (e->kind == EK_REVERSAL)
			e->reverses = rnd() % 8 == 0 ? seq + rnd() % 3 :
			    seq > 1 ? 1 + rnd() % (seq - 1) : 0;
		n = tame ? (rnd() % 10 == 0) : rnd() % 5;
		for (i = 0, tag = 0; i < n; i++) {
			tag += 1 + rnd() % 5;
			k = rnd() % (tame ? 14 : sizeof val);
			for (int j = 0; j < k; j++)
				val[j] = tame ? (uint8_t)"setoran tunai!"[j] :
				    (uint8_t)rnd();
			entry_add_field(e, tag, val, k);
		}
		n = tame ? 2 : (rnd() % 3 == 0 ? 0 : 2 + rnd() % 5);
		for (i = 0, sum = 0; i < n; i++) {
			e->post[i].gl = tame ? (i ? 2101 : 1101) :
			    1000 + rnd() % 9000;
			e->post[i].sub = tame ? 1 + rnd() % 500 : rnd() %
			    (rnd() % 2 ? 100 : UINT64_MAX);
			if (i + 1 < n) {
				p = 1;
				for (k = rnd() % (tame ? 8 : 15); k > 0; k--)
					p *= 10;
				a = (int64_t)(1 + rnd() % 999) * p;
				if (rnd() % 2)
					a = -a;
				e->post[i].amount = a;
				sum += a;
			} else
				e->post[i].amount = -sum;
		}
		e->npost = n;
		if (entry_check(e) == 0)
			return;
	}
}

struct batch {
	uint32_t	 n;
	struct buf	 all;
	size_t		 off[FRAME_COUNT_MAX], len[FRAME_COUNT_MAX];
	const uint8_t	*ptr[FRAME_COUNT_MAX];
};

static void
make_batch(struct batch *b, uint64_t first, uint32_t want, int tame)
{
	struct entry	*e = malloc(sizeof *e);
	struct buf	 one;
	int64_t		 clock = 1793606400;
	size_t		 total = 0;
	uint32_t	 i;

	buf_init(&one);
	buf_reset(&b->all);
	b->n = 0;
	for (i = 0; i < want; i++) {
		random_entry(e, first + i, &clock, tame);
		buf_reset(&one);
		if (entry_encode(e, &one) != 0 || one.len > ENTRY_MAXSIZE)
			continue;
		if (total + one.len + 2 > FRAME_ENTRIES_MAX)
			break;
		total += one.len + (one.len < 128 ? 1 : 2);
		b->off[b->n] = b->all.len;
		b->len[b->n] = one.len;
		buf_put(&b->all, one.data, one.len);
		b->n++;
	}
	for (i = 0; i < b->n; i++)
		b->ptr[i] = b->all.data + b->off[i];
	buf_free(&one);
	free(e);
}

static int
same(const struct batch *b, const struct frame_entries *fe)
{
	uint32_t	 i;

	if (fe->n != b->n)
		return 0;
	for (i = 0; i < b->n; i++) {
		if (fe->len[i] != b->len[i] || memcmp(fe->bytes.data +
		    fe->off[i], b->ptr[i], b->len[i]) != 0)
			return 0;
	}
	return 1;
}

/* Encode, parse, unpack: 1 when it all comes back, with the layout. */
static int
round_trip(struct batch *b, uint64_t first, int layout, int *used,
    size_t *zlen)
{
	struct buf		 out;
	struct frame		 f;
	struct frame_entries	 fe;
	uint8_t			 head[HASH_LEN];
	int			 good = 0;

	memset(head, 0xab, sizeof head);
	buf_init(&out);
	if (frame_encode("MOF", first, b->n, b->ptr, b->len, head, layout,
	    &out, NULL) != 0)
		goto out;
	if (frame_parse(out.data, out.len, &f) != 0 ||
	    f.first != first || f.count != b->n ||
	    memcmp(f.head, head, HASH_LEN) != 0 ||
	    strcmp(f.branch, "MOF") != 0)
		goto out;
	*used = FRAME_LAYOUT(f.flags);
	*zlen = out.len;
	if (frame_unpack(&f, &fe) != 0)
		goto out;
	good = same(b, &fe);
	frame_entries_free(&fe);
out:
	buf_free(&out);
	return good;
}

int
main(int argc, char **argv)
{
	struct batch		*b;
	struct buf		 out, junk;
	struct frame		 f;
	struct frame_entries	 fe;
	uint8_t			 head[HASH_LEN];
	size_t			 i, zlen, total = 0, entries = 0;
	uint64_t		 first;
	long			 rounds = 200;
	int			 ch, r, used, bad, cols = 0, crashproof;

	while ((ch = getopt(argc, argv, "n:s:")) != -1) {
		switch (ch) {
		case 'n':
			rounds = strtol(optarg, NULL, 10);
			break;
		case 's':
			seed ^= strtoull(optarg, NULL, 10) * 0x9e3779b97f4a7c15ULL;
			break;
		default:
			fprintf(stderr, "usage: sync-codec [-n rounds] "
			    "[-s seed]\n");
			return 64;
		}
	}
	if ((b = calloc(1, sizeof *b)) == NULL)
		return 1;
	buf_init(&b->all);

	/* Counter-like entries: columns, exact, and small. */
	for (bad = 0, i = 0; i < (size_t)rounds; i++) {
		first = 1 + rnd() % 100000;
		make_batch(b, first, 1 + rnd() % 2000, 1);
		if (!round_trip(b, first, FRAME_LAYOUT_COLUMNS, &used, &zlen) ||
		    used != FRAME_LAYOUT_COLUMNS)
			bad++;
		total += zlen;
		entries += b->n;
		if (!round_trip(b, first, FRAME_LAYOUT_PLAIN, &used, &zlen) ||
		    used != FRAME_LAYOUT_PLAIN)
			bad++;
	}
	ok(bad == 0, "%ld frames of counter-like entries come back exact, "
	    "both layouts", rounds);
	ok(total < entries * 16, "columns: %.2f bytes a counter entry, "
	    "frame headers included", (double)total / entries);

	/* Anything an entry may hold: still exact; some must go plain. */
	for (bad = 0, i = 0; i < (size_t)rounds; i++) {
		first = 1 + rnd() % 1000;
		make_batch(b, first, 1 + rnd() % 300, 0);
		if (!round_trip(b, first, FRAME_LAYOUT_COLUMNS, &used, &zlen))
			bad++;
		cols += used == FRAME_LAYOUT_COLUMNS;
	}
	ok(bad == 0, "%ld frames of arbitrary entries come back exact", rounds);
	ok(cols > 0 && cols < rounds, "%d of them in columns, the rest plain",
	    cols);

	/* One frame, spoilt every way. */
	make_batch(b, 7, 60, 1);
	buf_init(&out);
	memset(head, 0xcd, sizeof head);
	r = frame_encode("MOF", 7, b->n, b->ptr, b->len, head,
	    FRAME_LAYOUT_COLUMNS, &out, NULL);
	ok(r == 0, "a frame of %u entries, %zu bytes", b->n, out.len);
	for (bad = 0, i = 0; i < out.len; i++) {
		if (frame_parse(out.data, i, &f) == 0)
			bad++;
	}
	ok(bad == 0, "cut short at each of its %zu bytes: refused", out.len);
	for (bad = 0, crashproof = 0, i = 0; i < out.len * 8; i++) {
		out.data[i / 8] ^= 1 << (i % 8);
		if (frame_parse(out.data, out.len, &f) == 0) {
			if ((r = frame_unpack(&f, &fe)) == 0) {
				/*
				 * Deflate has bits that change nothing;
				 * otherwise the header or entries differ.
				 */
				if (same(b, &fe) && memcmp(f.head, head,
				    HASH_LEN) == 0 && f.first == 7 &&
				    f.count == b->n &&
				    strcmp(f.branch, "MOF") == 0)
					crashproof++;
				frame_entries_free(&fe);
			}
		}
		out.data[i / 8] ^= 1 << (i % 8);
	}
	ok(1, "each of its %zu bits flipped: no crash (%d flips changed "
	    "nothing)", out.len * 8, crashproof);
	ok(crashproof < (int)(out.len / 4), "few flips go unnoticed by the "
	    "codec itself (the chain head catches the rest)");
	buf_free(&out);

	/* Random bytes as a column body. */
	buf_init(&junk);
	for (bad = 0, i = 0; i < 20000; i++) {
		size_t	 n = rnd() % 200, j;

		buf_reset(&junk);
		for (j = 0; j < n; j++)
			buf_put_u8(&junk, rnd() % 4 ? rnd() % 8 : rnd());
		frame_entries_init(&fe);
		if (column_decode(junk.data, junk.len, 1 + rnd() % 50,
		    1 + rnd() % 5, &fe) == 0)
			bad += fe.n == 0;
		frame_entries_free(&fe);
	}
	ok(bad == 0, "20000 random column bodies: no crash");
	buf_free(&junk);

	buf_free(&b->all);
	free(b);
	printf("1..%d\n", count);
	return failed != 0;
}
