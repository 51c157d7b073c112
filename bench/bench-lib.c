/*
 * bench/bench-lib.c: what the bench programs share (see bench-lib.h).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench/bench-lib.h"

const char	*bench_name = "bench";

double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int
cmp_double(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void
die(const char *what, int r)
{
	fprintf(stderr, "%s: %s: %s\n", bench_name, what, store_strerror(r));
	exit(1);
}

void
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
	q.branch = BENCH_BR;
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

/* End of day of BENCH_BR by sisi; *secs its time, *aged the loans aged. */
void
eod(struct store *st, uint32_t day, double *secs, uint64_t *aged)
{
	struct eod_report	 rep;
	double			 t0 = now();
	int			 r;

	if ((r = store_eod(st, BENCH_BR, "sisi", day, 0, 0, &rep)) != 0)
		die("eod", r);
	if (secs != NULL)
		*secs = now() - t0;
	if (aged != NULL)
		*aged = rep.loans_aged;
}

/*
 * A new store in dir, opened on day: the branch, its staff, the product
 * UMUM (annuity), and ani's drawer, empty, to take the pokok.
 */
struct store *
book_open(const char *dir, uint32_t day)
{
	struct store		*st;
	struct init_req		 iq;
	struct post_req		 q[2];
	struct post_result	 res[2];
	struct loan_product	 p;
	struct store_txn	*t;
	struct user		 u;
	char			 hash[128];
	int			 r;

	if ((r = store_open(dir, STORE_CREATE, &st)) != 0)
		die(dir, r);
	memset(&iq, 0, sizeof iq);
	iq.coop = "Kopdit Bench";
	iq.branch = BENCH_BR;
	iq.branch_name = "Cabang Maumere";
	iq.date = day;
	iq.admin = "admin";
	iq.admin_name = "Admin";
	iq.admin_password = BENCH_PW;
	if ((r = store_init(st, &iq)) != 0)
		die("init", r);
	if ((r = user_hash_password(BENCH_PW, hash, sizeof hash)) != 0)
		die("hash", r);
	add_user(st, "ani", ROLE_TELLER, hash);
	add_user(st, "sisi", ROLE_SUPERVISOR, hash);
	add_user(st, "mira", ROLE_MANAGER, hash);

	if ((r = store_begin(st, 1, &t)) != 0)
		die("begin", r);
	if ((r = loan_product_defaults(t, BENCH_BR, &p)) != 0 ||
	    (r = user_get(t, BENCH_BR, "ani", &u)) != 0)
		die("defaults", r);
	store_abort(t);
	snprintf(p.code, sizeof p.code, "UMUM");
	snprintf(p.name, sizeof p.name, "Pinjaman umum");
	p.method = LOAN_ANNUITY;
	loan_product_req(&q[0], BENCH_BR, "mira", &p);
	memset(&q[1], 0, sizeof q[1]);
	q[1].branch = BENCH_BR;
	q[1].user = "ani";
	q[1].kind = EK_DRAWER_OPEN;
	post(st, q, 2, res, "product");
	return st;
}

/*
 * n members join at ani's counter, in batches of store_post_many(); ani
 * counts their pokok into the vault.
 */
void
book_join(struct store *st, uint64_t n)
{
	struct post_req		*q;
	struct post_result	*res;
	struct member_req	*mq;
	struct denom_count	 dc[2];
	char			(*nik)[NIK_LEN + 1], (*name)[32];
	uint64_t		 i, j, m;

	if ((q = calloc(BENCH_BATCH, sizeof *q)) == NULL ||
	    (res = calloc(BENCH_BATCH, sizeof *res)) == NULL ||
	    (mq = calloc(BENCH_BATCH, sizeof *mq)) == NULL ||
	    (nik = calloc(BENCH_BATCH, sizeof *nik)) == NULL ||
	    (name = calloc(BENCH_BATCH, sizeof *name)) == NULL)
		die("memory", ENOMEM);
	for (i = 0; i < n; i += m) {
		m = n - i < BENCH_BATCH ? n - i : BENCH_BATCH;
		for (j = 0; j < m; j++) {
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
			member_join_req(&q[j], BENCH_BR, "ani", &mq[j]);
		}
		post(st, q, m, res, "join");
	}
	/* Ani counts the pokok into the vault. */
	memset(dc, 0, sizeof dc);
	dc[0].rupiah = 100000;
	dc[0].pieces = (int64_t)n;
	memset(&q[0], 0, sizeof q[0]);
	q[0].branch = BENCH_BR;
	q[0].user = "ani";
	q[0].kind = EK_DRAWER_CLOSE;
	q[0].prepare = drawer_close_prepare;
	q[0].prepare_arg = dc;
	post(st, q, 1, res, "drawer close");
	free(name);
	free(nik);
	free(mq);
	free(res);
	free(q);
}

/*
 * Members 1..n each apply (ani) for a 12-month UMUM loan of 1,000,000
 * to 2,950,000 rupiah, are approved (sisi) and paid to their sukarela
 * (ani); loan[i] gets the number of member i + 1's loan.
 */
void
book_loans(struct store *st, uint64_t n, uint64_t *loan)
{
	struct post_req		*q;
	struct post_result	*res;
	struct loan_apply_req	*aq;
	struct loan_pay_req	*pq;
	uint64_t		 i, j, m;

	if ((q = calloc(BENCH_BATCH, sizeof *q)) == NULL ||
	    (res = calloc(BENCH_BATCH, sizeof *res)) == NULL ||
	    (aq = calloc(BENCH_BATCH, sizeof *aq)) == NULL ||
	    (pq = calloc(BENCH_BATCH, sizeof *pq)) == NULL)
		die("memory", ENOMEM);
	for (i = 0; i < n; i += m) {
		m = n - i < BENCH_BATCH ? n - i : BENCH_BATCH;
		for (j = 0; j < m; j++) {
			memset(&aq[j], 0, sizeof aq[j]);
			aq[j].member = i + j + 1;
			aq[j].product = "UMUM";
			aq[j].principal = (int64_t)(1000000 + 50000 *
			    ((i + j) % 40)) * 100;
			aq[j].term = 12;
			loan_apply_req(&q[j], BENCH_BR, "ani", &aq[j]);
		}
		post(st, q, m, res, "apply");
		for (j = 0; j < m; j++) {
			loan[i + j] = aq[j].number;
			loan_approve_req(&q[j], BENCH_BR, "sisi", &loan[i + j]);
		}
		post(st, q, m, res, "approve");
		for (j = 0; j < m; j++) {
			pq[j] = (struct loan_pay_req){ loan[i + j], 0, 1 };
			loan_disburse_req(&q[j], BENCH_BR, "ani", &pq[j]);
		}
		post(st, q, m, res, "disburse");
	}
	free(pq);
	free(aq);
	free(res);
	free(q);
}
