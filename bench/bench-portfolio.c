/*
 * bench/bench-portfolio.c DIR [LOANS]: the loan portfolio as of a past
 * day that is not a month end, rebuilt from the journal (portfolio_get(),
 * loan_status_at()), on a book of many loans (10,000 by default) built
 * through the store's API: members join, each takes a 12-month annuity
 * loan to their sukarela, and for eight months they repay from it, each
 * by a habit of their own: seven in ten on the due date, one on the
 * 24th of every other month, one never, one more than is due.
 *
 *	report_portfolio_ms	portfolio_get() of the branch on the 17th of
 *				the eighth month (no month end: every loan
 *				rebuilt), the best of five; in milliseconds
 *
 * Only that line goes to stdout; progress, the build's time and the
 * portfolio as of the business date (loan_status() of each loan) go to
 * stderr.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench/bench-lib.h"

/* What loan n owes on the business date (loan_status()). */
static int64_t
owed(struct store *st, uint64_t n, uint32_t day)
{
	struct store_txn	*t;
	struct loan_status	 s;
	int			 r;

	if ((r = store_begin(st, 1, &t)) != 0)
		die("begin", r);
	if ((r = loan_status(t, BENCH_BR, n, day, &s)) != 0)
		die("status", r);
	store_abort(t);
	return s.penalty + s.interest_due + s.principal_due;
}

static double
cpu(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The best of five, wall clock; *cpu_ms the processor time of that one. */
static double
portfolio_ms(struct store *st, uint32_t day, struct portfolio *p,
    double *cpu_ms)
{
	struct store_txn	*t;
	double			 t0, c0, best = 0;
	int			 i, r;

	for (i = 0; i < 5; i++) {
		if ((r = store_begin(st, 1, &t)) != 0)
			die("begin", r);
		t0 = now();
		c0 = cpu();
		if ((r = portfolio_get(t, BENCH_BR, day, p)) != 0)
			die("portfolio", r);
		t0 = (now() - t0) * 1000;
		c0 = (cpu() - c0) * 1000;
		store_abort(t);
		if (i == 0 || t0 < best) {
			best = t0;
			*cpu_ms = c0;
		}
	}
	return best;
}

int
main(int argc, char **argv)
{
	struct store		*st;
	struct post_req		*q;
	struct post_result	*res;
	struct loan_pay_req	*pq;
	struct portfolio	 pf;
	uint64_t		*loan, i, nloans = 10000, nq;
	uint32_t		 day0 = date_from_ymd(2027, 1, 15), d, end, asof;
	int64_t			 o;
	double			 t0, ms, live, ms_cpu, live_cpu;
	int			 y, m, dd, y0, m0, d0;

	bench_name = "bench-portfolio";
	if (argc < 2) {
		fprintf(stderr, "usage: bench-portfolio dir [loans]\n");
		return 64;
	}
	if (argc > 2)
		nloans = strtoull(argv[2], NULL, 10);
	if ((q = calloc(BENCH_BATCH, sizeof *q)) == NULL ||
	    (res = calloc(BENCH_BATCH, sizeof *res)) == NULL ||
	    (pq = calloc(BENCH_BATCH, sizeof *pq)) == NULL ||
	    (loan = calloc(nloans, sizeof *loan)) == NULL)
		die("memory", ENOMEM);
	st = book_open(argv[1], day0);

	t0 = now();
	book_join(st, nloans);
	book_loans(st, nloans, loan);

	/* Eight months of repayments, each member by their habit. */
	date_to_ymd(day0, &y0, &m0, &d0);
	end = date_add_months(day0, 8);
	for (d = day0; d < end; d++) {
		date_to_ymd(d, &y, &m, &dd);
		for (i = 0, nq = 0; i < nloans; i++) {
			switch (i % 10) {
			case 7:		/* the 24th, every other month */
				if (dd != 24 || m % 2 != 0)
					continue;
				break;
			case 8:		/* never */
				continue;
			default:	/* on the due date */
				if (dd != d0)
					continue;
				break;
			}
			if ((o = owed(st, loan[i], d)) == 0)
				continue;
			if (i % 10 == 9)	/* and some of the next */
				o += 5000000;
			pq[nq] = (struct loan_pay_req){ loan[i], o, 1 };
			loan_repay_req(&q[nq], BENCH_BR, "ani", &pq[nq]);
			if (++nq == BENCH_BATCH) {
				post(st, q, nq, res, "repay");
				nq = 0;
			}
		}
		if (nq > 0)
			post(st, q, nq, res, "repay");
		eod(st, d, NULL, NULL);
	}
	fprintf(stderr, "bench-portfolio: %" PRIu64 " loans through eight "
	    "months in %.1f s\n", nloans, now() - t0);

	asof = date_from_ymd(y0, m0 + 7, 17);
	ms = portfolio_ms(st, asof, &pf, &ms_cpu);
	if (pf.recorded || !pf.rebuilt || pf.count[LOAN_LANCAR] == 0 ||
	    pf.count[LOAN_DPK] + pf.count[LOAN_KURANG] +
	    pf.count[LOAN_DIRAGUKAN] + pf.count[LOAN_MACET] == 0) {
		fprintf(stderr, "bench-portfolio: the portfolio is not what "
		    "the book holds\n");
		return 1;
	}
	live = portfolio_ms(st, end, &pf, &live_cpu);
	fprintf(stderr, "bench-portfolio: rebuilt %.1f ms (%.1f ms of "
	    "processor time); as of the business date (each loan's record) "
	    "%.1f ms (%.1f)\n", ms, ms_cpu, live, live_cpu);
	printf("report_portfolio_ms %.1f ms\n", ms);
	store_close(st);
	free(loan);
	free(pq);
	free(res);
	free(q);
	return 0;
}
