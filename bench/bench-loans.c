/*
 * bench/bench-loans.c DIR [LOANS]: end of day over a book with many
 * active loans (100,000 by default), built through the store's API in
 * batches of store_post_many(): members join, each applies for an
 * annuity loan, a supervisor approves, the loan goes to the member's
 * sukarela; all on one day, so that every loan's first instalment falls
 * due on the same day a month later.
 *
 *	eod_aging_s	end of day on that day: every loan ages at once
 *			(an instalment falls due, none is paid), the worst
 *			day there is; in seconds
 *
 * Only that line goes to stdout; progress, and the time of an ordinary
 * day and of the day after the due date (every loan overdue), go to
 * stderr.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench/bench-lib.h"

int
main(int argc, char **argv)
{
	struct store		*st;
	uint64_t		*loan, aged = 0, nloans = 100000;
	uint32_t		 day0 = date_from_ymd(2027, 1, 15), due, d;
	double			 t0, quiet = 0, worst = 0, after = 0;

	bench_name = "bench-loans";
	if (argc < 2) {
		fprintf(stderr, "usage: bench-loans dir [loans]\n");
		return 64;
	}
	if (argc > 2)
		nloans = strtoull(argv[2], NULL, 10);
	if ((loan = calloc(nloans, sizeof *loan)) == NULL)
		die("memory", ENOMEM);
	st = book_open(argv[1], day0);

	fprintf(stderr, "bench-loans: %" PRIu64 " members join\n", nloans);
	t0 = now();
	book_join(st, nloans);
	fprintf(stderr, "bench-loans: joined in %.1f s\n", now() - t0);

	/* Each applies (ani), is approved (sisi), is paid to sukarela. */
	t0 = now();
	book_loans(st, nloans, loan);
	fprintf(stderr, "bench-loans: %" PRIu64 " loans disbursed in %.1f s\n",
	    nloans, now() - t0);

	/* Quiet days up to the due date; then the due date itself. */
	due = date_add_months(day0, 1);
	for (d = day0; d < due; d++) {
		double s;

		eod(st, d, &s, NULL);
		if (s > quiet)
			quiet = s;
	}
	eod(st, due, &worst, &aged);
	eod(st, due + 1, &after, NULL);
	fprintf(stderr, "bench-loans: an ordinary day at most %.3f s; the due "
	    "date aged %" PRIu64 " loans in %.2f s; the day after, all "
	    "overdue, %.3f s\n", quiet, aged, worst, after);
	if (aged != nloans) {
		fprintf(stderr, "bench-loans: aged %" PRIu64 " loans, not %"
		    PRIu64 "\n", aged, nloans);
		return 1;
	}
	printf("eod_aging_s %.2f s\n", worst);
	store_close(st);
	free(loan);
	return 0;
}
