/*
 * tests/tools/savings-dump.c: print a branch's books as text, for the
 * end-of-day crash test (tests/t0007-eod-crash.sh) to compare two books
 * line by line.
 *
 *	savings-dump -b branch dir
 *
 * Prints the business date and next entry number; every account, the
 * sub-accounts included, with its flags, floor and balance; each
 * sukarela account's month statistics (what next month's interest is
 * worked from); and every entry of the journal with all it carries
 * except its wall-clock time, which an end of day stamps with "now" and
 * so differs between two runs of the same close.
 *
 * Exits 0, or 1 with a message on standard error.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

static const char	*branch;

static void
die(const char *what, int r)
{
	fprintf(stderr, "savings-dump: %s: %s\n", what, store_strerror(r));
	exit(1);
}

struct walk {
	struct store_txn	*t;
	int			 r;
};

static int
account_line(void *arg, const struct account *a, const struct balance *b)
{
	struct walk	*w = arg;
	struct savstat	 s;
	char		 code[48];
	int		 r;

	account_format_code(a->gl, a->sub, code, sizeof code);
	printf("account %s type %u flags %u min %" PRId64 " balance %" PRId64
	    " last %" PRIu64 " name %s\n", code, a->type, a->flags, a->min,
	    b->amount, b->last_seq, a->name);
	if (a->gl == GL_SUKARELA && a->sub != 0) {
		r = savstat_get(w->t, branch, a->sub, &s);
		if (r == 0)
			printf("savstat %s month %" PRIu32 " low %" PRId64
			    " acc %" PRId64 " last_date %" PRIu32
			    " last_bal %" PRId64 "\n", code, s.month, s.low,
			    s.acc, s.last_date, s.last_bal);
		else if (r != STORE_E_NOTFOUND) {
			w->r = r;
			return r;
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct store		*st;
	struct store_txn	*t;
	struct branch		 b;
	struct entry		*e;
	struct walk		 w;
	uint64_t		 seq;
	uint16_t		 i, j;
	int			 ch, r;

	while ((ch = getopt(argc, argv, "b:")) != -1) {
		switch (ch) {
		case 'b':
			branch = optarg;
			break;
		default:
			goto usage;
		}
	}
	if (branch == NULL || optind + 1 != argc)
		goto usage;
	if ((e = malloc(sizeof *e)) == NULL)
		die("malloc", ENOMEM);
	if ((r = store_open(argv[optind], STORE_RDONLY, &st)) != 0)
		die(argv[optind], r);
	if ((r = store_begin(st, 1, &t)) != 0)
		die("store_begin", r);
	if ((r = branch_get(t, branch, &b)) != 0)
		die(branch, r);
	printf("branch %s date %" PRIu32 " next %" PRIu64 "\n", b.code,
	    b.date, b.next_seq);

	memset(&w, 0, sizeof w);
	w.t = t;
	if ((r = account_walk(t, branch, account_line, &w)) != 0)
		die("accounts", w.r != 0 ? w.r : r);

	for (seq = 1; seq < b.next_seq; seq++) {
		if ((r = journal_get(t, branch, seq, e)) != 0)
			die("journal", r);
		printf("entry %" PRIu64 " kind %u date %" PRIu32 " user %s "
		    "approver %s reverses %" PRIu64, e->seq, e->kind, e->date,
		    e->user, e->approver, e->reverses);
		for (i = 0; i < e->nfield; i++) {
			printf(" f%u=", e->field[i].tag);
			for (j = 0; j < e->field[i].len; j++)
				printf("%02x", e->field[i].val[j]);
		}
		for (i = 0; i < e->npost; i++)
			printf(" %" PRIu32 ".%" PRIu64 ":%" PRId64, e->post[i].gl,
			    e->post[i].sub, e->post[i].amount);
		putchar('\n');
	}
	store_abort(t);
	store_close(st);
	free(e);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "savings-dump: write error\n");
		return 1;
	}
	return 0;
usage:
	fprintf(stderr, "usage: savings-dump -b branch dir\n");
	return 1;
}
