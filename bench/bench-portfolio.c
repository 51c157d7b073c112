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
#include <string.h>
#include <time.h>

#include "store/store.h"

#define BR		"MOF"
#define PW		"bench-pass-123"
#define BATCH		2000

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
die(const char *what, int r)
{
	fprintf(stderr, "bench-portfolio: %s: %s\n", what, store_strerror(r));
	exit(1);
}

static void
post(struct store *st, struct post_req *q, size_t n, struct post_result *res,
    const char *what)
{
	int	 r;

	if ((r = store_post_many(st, q, n, res)) != 0)
		die(what, r);
}

static void
add_user(struct store *st, const char *login, uint8_t role, const char *hash)
{
	struct post_req		 q;
	struct post_result	 res;
	uint8_t			 rv[2] = { role, 0 };

	memset(&q, 0, sizeof q);
	q.branch = BR;
	q.user = "admin";
	q.kind = EK_USER_ADD;
	q.field[0] = (struct field){ F_NAME, (uint16_t)strlen(login),
	    (const uint8_t *)login };
	q.field[1] = (struct field){ F_LOGIN, (uint16_t)strlen(login),
	    (const uint8_t *)login };
	/* a role below 128 is a one-byte varint */
	q.field[2] = (struct field){ F_ROLE, 1, rv };
	q.field[3] = (struct field){ F_HASH, (uint16_t)strlen(hash),
	    (const uint8_t *)hash };
	q.nfield = 4;
	post(st, &q, 1, &res, "user");
}

static void
eod(struct store *st, uint32_t day, double *secs, uint64_t *aged)
{
	struct eod_report	 rep;
	double			 t0 = now();
	int			 r;

	if ((r = store_eod(st, BR, "sisi", day, 0, 0, &rep)) != 0)
		die("eod", r);
	if (secs != NULL)
		*secs = now() - t0;
	if (aged != NULL)
		*aged = rep.loans_aged;
}


/* What loan n owes on the business date (loan_status()). */
static int64_t
owed(struct store *st, uint64_t n, uint32_t day)
{
	struct store_txn	*t;
	struct loan_status	 s;
	int			 r;

	if ((r = store_begin(st, 1, &t)) != 0)
		die("begin", r);
	if ((r = loan_status(t, BR, n, day, &s)) != 0)
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
		if ((r = portfolio_get(t, BR, day, p)) != 0)
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
	struct init_req		 iq;
	struct post_req		*q;
	struct post_result	*res;
	struct member_req	*mq;
	struct loan_apply_req	*aq;
	struct loan_pay_req	*pq;
	struct loan_product	 p;
	struct portfolio	 pf;
	struct store_txn	*t;
	struct user		 u;
	struct denom_count	 dc[2];
	char			 hash[128], (*nik)[NIK_LEN + 1], (*name)[32];
	uint64_t		*loan, i, j, n, nloans = 10000, nq;
	uint32_t		 day0 = date_from_ymd(2027, 1, 15), d, end, asof;
	int64_t			 o;
	double			 t0, ms, live, ms_cpu, live_cpu;
	int			 r, y, m, dd, y0, m0, d0;

	if (argc < 2) {
		fprintf(stderr, "usage: bench-portfolio dir [loans]\n");
		return 64;
	}
	if (argc > 2)
		nloans = strtoull(argv[2], NULL, 10);
	if ((q = calloc(BATCH, sizeof *q)) == NULL ||
	    (res = calloc(BATCH, sizeof *res)) == NULL ||
	    (mq = calloc(BATCH, sizeof *mq)) == NULL ||
	    (aq = calloc(BATCH, sizeof *aq)) == NULL ||
	    (pq = calloc(BATCH, sizeof *pq)) == NULL ||
	    (nik = calloc(BATCH, sizeof *nik)) == NULL ||
	    (name = calloc(BATCH, sizeof *name)) == NULL ||
	    (loan = calloc(nloans, sizeof *loan)) == NULL)
		die("memory", ENOMEM);
	if ((r = store_open(argv[1], STORE_CREATE, &st)) != 0)
		die(argv[1], r);
	memset(&iq, 0, sizeof iq);
	iq.coop = "Kopdit Bench";
	iq.branch = BR;
	iq.branch_name = "Cabang Maumere";
	iq.date = day0;
	iq.admin = "admin";
	iq.admin_name = "Admin";
	iq.admin_password = PW;
	if ((r = store_init(st, &iq)) != 0)
		die("init", r);
	if ((r = user_hash_password(PW, hash, sizeof hash)) != 0)
		die("hash", r);
	add_user(st, "ani", ROLE_TELLER, hash);
	add_user(st, "sisi", ROLE_SUPERVISOR, hash);
	add_user(st, "mira", ROLE_MANAGER, hash);
	if ((r = store_begin(st, 1, &t)) != 0)
		die("begin", r);
	if ((r = loan_product_defaults(t, BR, &p)) != 0 ||
	    (r = user_get(t, BR, "ani", &u)) != 0)
		die("defaults", r);
	store_abort(t);
	snprintf(p.code, sizeof p.code, "UMUM");
	snprintf(p.name, sizeof p.name, "Pinjaman umum");
	p.method = LOAN_ANNUITY;
	loan_product_req(&q[0], BR, "mira", &p);
	memset(&q[1], 0, sizeof q[1]);
	q[1].branch = BR;
	q[1].user = "ani";
	q[1].kind = EK_DRAWER_OPEN;
	post(st, q, 2, res, "product");

	t0 = now();
	for (i = 0; i < nloans; i += n) {
		n = nloans - i < BATCH ? nloans - i : BATCH;
		for (j = 0; j < n; j++) {
			uint64_t k = i + j;

			snprintf(nik[j], sizeof nik[j],
			    "531001%02d%02d%02d%04d", (int)(1 + k % 28),
			    (int)(1 + k / 28 % 12), (int)(60 + k / 336 % 40),
			    (int)(1 + k / 13440));
			snprintf(name[j], sizeof name[j], "Anggota %" PRIu64,
			    k + 1);
			memset(&mq[j], 0, sizeof mq[j]);
			mq[j].nik = nik[j];
			mq[j].name = name[j];
			mq[j].gender = 'L';
			mq[j].address = "Jl. Ahmad Yani";
			mq[j].village = "Nita";
			member_join_req(&q[j], BR, "ani", &mq[j]);
		}
		post(st, q, n, res, "join");
	}
	memset(dc, 0, sizeof dc);
	dc[0].rupiah = 100000;
	dc[0].pieces = (int64_t)nloans;
	memset(&q[0], 0, sizeof q[0]);
	q[0].branch = BR;
	q[0].user = "ani";
	q[0].kind = EK_DRAWER_CLOSE;
	q[0].prepare = drawer_close_prepare;
	q[0].prepare_arg = dc;
	post(st, q, 1, res, "drawer close");
	for (i = 0; i < nloans; i += n) {
		n = nloans - i < BATCH ? nloans - i : BATCH;
		for (j = 0; j < n; j++) {
			memset(&aq[j], 0, sizeof aq[j]);
			aq[j].member = i + j + 1;
			aq[j].product = "UMUM";
			aq[j].principal = (int64_t)(1000000 + 50000 *
			    ((i + j) % 40)) * 100;
			aq[j].term = 12;
			loan_apply_req(&q[j], BR, "ani", &aq[j]);
		}
		post(st, q, n, res, "apply");
		for (j = 0; j < n; j++) {
			loan[i + j] = aq[j].number;
			loan_approve_req(&q[j], BR, "sisi", &loan[i + j]);
		}
		post(st, q, n, res, "approve");
		for (j = 0; j < n; j++) {
			pq[j] = (struct loan_pay_req){ loan[i + j], 0, 1 };
			loan_disburse_req(&q[j], BR, "ani", &pq[j]);
		}
		post(st, q, n, res, "disburse");
	}

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
			loan_repay_req(&q[nq], BR, "ani", &pq[nq]);
			if (++nq == BATCH) {
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
	free(name);
	free(nik);
	free(pq);
	free(aq);
	free(mq);
	free(res);
	free(q);
	return 0;
}
