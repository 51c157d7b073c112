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
	fprintf(stderr, "bench-loans: %s: %s\n", what, store_strerror(r));
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
	struct store_txn	*t;
	struct user		 u;
	struct denom_count	 dc[2];
	char			 hash[128], (*nik)[NIK_LEN + 1], (*name)[32];
	uint64_t		*loan, aged = 0, i, j, n, nloans = 100000;
	uint32_t		 day0 = date_from_ymd(2027, 1, 15), due, d;
	double			 t0, quiet = 0, worst = 0, after = 0;
	int			 r;

	if (argc < 2) {
		fprintf(stderr, "usage: bench-loans dir [loans]\n");
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

	/* A product, and ani's drawer, empty, to take the pokok. */
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

	fprintf(stderr, "bench-loans: %" PRIu64 " members join\n", nloans);
	t0 = now();
	for (i = 0; i < nloans; i += n) {
		n = nloans - i < BATCH ? nloans - i : BATCH;
		for (j = 0; j < n; j++) {
			uint64_t k = i + j;

			/* Sikka, born 1960..1999 on days 1..28: unique. */
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
	/* Ani counts the pokok into the vault. */
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
	fprintf(stderr, "bench-loans: joined in %.1f s\n", now() - t0);

	/* Each applies (ani), is approved (sisi), is paid to sukarela. */
	t0 = now();
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
	free(name);
	free(nik);
	free(pq);
	free(aq);
	free(mq);
	free(res);
	free(q);
	return 0;
}
