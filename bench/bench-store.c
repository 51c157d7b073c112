/*
 * bench/bench-store.c: how fast the books are.  Run by bench/run, which
 * gives it a scratch folder; prints only "NAME VALUE UNIT" lines on
 * stdout, progress on stderr.
 *
 *	bench-store [-e entries] [-s seconds] scratch-dir
 *
 * Figures, all measured in this one run:
 *
 *	fsync_per_s		append 4 KiB to a file in the scratch folder
 *				and fdatasync it, over and over
 *	post_durable_per_s	one deposit per store_post(), LMDB's default
 *				synchronous commit
 *	post_durable_ratio	the two above as a percentage; the rounds of
 *				each are interleaved so that the disk's
 *				moods fall on both alike
 *	post_batch_per_s	10,000 deposits in one store_post_many(), the
 *				median of a few
 *	post_batch_us_cpu	CPU microseconds per entry in those batches
 *				(period totals included), the median
 *	verify_per_s		store_verify_quick() (loket verify -f: the
 *				chain, every entry decoded and checked, the
 *				balances and period totals summed in memory
 *				and compared) of a book of `entries' (default
 *				1,000,000) journal entries, filled with
 *				store_post_many() batches of 10,000 and an
 *				end of day after each batch
 *	verify_full_per_s	store_verify() of the same book (loket verify:
 *				every derived record rebuilt in a scratch
 *				environment through the apply function and
 *				compared), the scratch in /dev/shm if it is
 *				there, else in the scratch folder
 *	report_trial_ms		report_trial() of the branch as at a date in
 *				the middle of that book, the median of 9
 *	report_neraca_ms	statement(ST_NERACA) of every branch here
 *				(consolidated) as at the same date, with the
 *				year before beside it, the median of 9
 *	db_bytes_per_entry	the data file's size over its entries then
 *
 * A deposit is what a teller posts: EK_JOURNAL by a supervisor, debit
 * the teller's drawer GL_CASH.1, credit a member's GL_SUKARELA.m, a short
 * memo and a request id.  The book has MEMBERS members.
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench/bench-lib.h"
#include "store/store.h"

#define BRANCH		"BENCH"
#define ADMIN		"admin"
#define SUPERVISOR	"spv"
#define PASSWORD	"bench-password"
#define MEMBERS		2000
#define BATCH		10000
#define BATCH_RUNS	5
#define ROUNDS		3		/* fsync and post rounds, interleaved */
#define MEMO		"Setoran tunai"

struct bench {
	const char		*dir;		/* scratch folder */
	uint32_t		 date;		/* the branch's business date */
	char			 data[4096];	/* the book */
	struct store		*st;
	struct post_req		*q;		/* BATCH requests */
	char			(*id)[32];	/* their request ids */
	uint64_t		 nreq;		/* request ids used */
};

/* CPU seconds, user and system: steadier than the clock on a busy VM. */
static double
cpu(void)
{
	struct rusage	 ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static void __attribute__((noreturn))
fail(const char *what, int r)
{
	fprintf(stderr, "bench-store: %s: %s\n", what,
	    r > 0 ? strerror(r) : store_strerror(r));
	exit(1);
}

static void
figure(const char *name, double value, const char *unit)
{
	if (value >= 100)
		printf("%s %.0f %s\n", name, value, unit);
	else if (value >= 1)
		printf("%s %.1f %s\n", name, value, unit);
	else
		printf("%s %.2f %s\n", name, value, unit);
	fflush(stdout);
}

static void
add_field(struct post_req *q, uint16_t tag, const void *v, size_t len)
{
	q->field[q->nfield].tag = tag;
	q->field[q->nfield].len = len;
	q->field[q->nfield].val = v;
	q->nfield++;
}

static size_t
varint(uint8_t *p, uint64_t v)
{
	struct buf	 b;

	buf_from(&b, p, 10);
	b.len = 0;
	buf_put_varint(&b, v);
	return b.len;
}

/* Request i of the next batch: a deposit into member m's savings. */
static void
deposit(struct bench *b, size_t i)
{
	struct post_req	*q = &b->q[i];
	uint64_t	 n = b->nreq++;
	uint64_t	 m = n % MEMBERS + 1;
	int64_t		 amount = (int64_t)(10000 + n % 997 * 100) * 100;

	memset(q, 0, sizeof *q);
	snprintf(b->id[i], sizeof b->id[i], "bench-%" PRIu64, n);
	q->branch = BRANCH;
	q->request_id = b->id[i];
	q->user = SUPERVISOR;
	q->kind = EK_JOURNAL;
	add_field(q, F_MEMO, MEMO, strlen(MEMO));
	q->npost = 2;
	q->post[0].gl = GL_CASH;
	q->post[0].sub = 1;
	q->post[0].amount = amount;
	q->post[1].gl = GL_SUKARELA;
	q->post[1].sub = m;
	q->post[1].amount = -amount;
}

static int
post_batch(struct bench *b, size_t n)
{
	struct post_result	*res;
	size_t			 i;
	int			 r;

	if ((res = calloc(n, sizeof *res)) == NULL)
		return ENOMEM;
	for (i = 0; i < n; i++)
		deposit(b, i);
	r = store_post_many(b->st, b->q, n, res);
	for (i = 0; r == 0 && i < n; i++) {
		if (res[i].replayed)
			r = STORE_E_EXISTS;
	}
	free(res);
	return r;
}

/* A new book: the branch, a supervisor, the drawer, the members. */
static void
setup(struct bench *b)
{
	struct init_req		 init;
	struct post_req		*q;
	struct post_result	*res;
	static char		 names[MEMBERS + 1][32];
	static uint8_t		 subs[MEMBERS + 1][10];
	static uint8_t		 vrole[10], vcash[10], vsuk[10];
	char			 hash[128];
	size_t			 i, nr, vlen[2];
	int			 r;

	snprintf(b->data, sizeof b->data, "%s/data", b->dir);
	if ((r = store_open(b->data, STORE_CREATE, &b->st)) != 0)
		fail("store_open", r);
	memset(&init, 0, sizeof init);
	init.coop = "Kopdit Bench";
	init.branch = BRANCH;
	init.branch_name = "Cabang Bench";
	init.date = date_from_ymd(2024, 1, 2);
	b->date = init.date;
	init.admin = ADMIN;
	init.admin_name = "Administrator";
	init.admin_password = PASSWORD;
	if ((r = store_init(b->st, &init)) != 0)
		fail("store_init", r);

	if ((q = calloc(MEMBERS + 2, sizeof *q)) == NULL ||
	    (res = calloc(MEMBERS + 2, sizeof *res)) == NULL)
		fail("setup", ENOMEM);
	if ((r = user_hash_password(PASSWORD, hash, sizeof hash)) != 0)
		fail("user_hash_password", r);
	q[0].branch = BRANCH;
	q[0].request_id = "setup-user";
	q[0].user = ADMIN;
	q[0].kind = EK_USER_ADD;
	add_field(&q[0], F_NAME, "Supervisor", 10);
	add_field(&q[0], F_LOGIN, SUPERVISOR, strlen(SUPERVISOR));
	add_field(&q[0], F_ROLE, vrole, varint(vrole, ROLE_SUPERVISOR));
	add_field(&q[0], F_HASH, hash, strlen(hash));

	/* Account opens: GL_CASH.1, then GL_SUKARELA.1 .. MEMBERS. */
	vlen[0] = varint(vcash, GL_CASH);
	vlen[1] = varint(vsuk, GL_SUKARELA);
	for (i = 0; i <= MEMBERS; i++) {
		struct post_req	*a = &q[1 + i];
		uint32_t	 gl = i == 0 ? GL_CASH : GL_SUKARELA;
		uint64_t	 sub = i == 0 ? 1 : i;

		if (i == 0)
			snprintf(names[i], sizeof names[i], "Laci teller 1");
		else
			snprintf(names[i], sizeof names[i],
			    "Sukarela anggota %zu", i);
		a->branch = BRANCH;
		a->user = ADMIN;
		a->kind = EK_ACCOUNT_OPEN;
		add_field(a, F_NAME, names[i], strlen(names[i]));
		if (gl == GL_CASH)
			add_field(a, F_GL, vcash, vlen[0]);
		else
			add_field(a, F_GL, vsuk, vlen[1]);
		add_field(a, F_SUB, subs[i], varint(subs[i], sub));
	}
	nr = MEMBERS + 2;
	if ((r = store_post_many(b->st, q, nr, res)) != 0)
		fail("setup posts", r);
	free(res);
	free(q);
	explicit_bzero(hash, sizeof hash);

	if ((b->q = calloc(BATCH, sizeof *b->q)) == NULL ||
	    (b->id = calloc(BATCH, sizeof *b->id)) == NULL)
		fail("setup", ENOMEM);
}

/* Append 4 KiB and fdatasync, for secs; returns how many. */
static double
fsync_round(const char *dir, double secs, double *spent)
{
	static uint8_t	 page[4096];
	char		 path[4096 + 16];
	double		 t0, t;
	uint64_t	 n = 0;
	int		 fd;

	snprintf(path, sizeof path, "%s/fsync.tmp", dir);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND,
	    0600)) == -1)
		fail(path, errno);
	memset(page, 'x', sizeof page);
	t0 = now();
	do {
		if (write(fd, page, sizeof page) != (ssize_t)sizeof page)
			fail("write", errno);
		if (fdatasync(fd) != 0)
			fail("fdatasync", errno);
		n++;
	} while ((t = now()) - t0 < secs);
	close(fd);
	unlink(path);
	*spent += t - t0;
	return n;
}

/* One store_post() at a time, for secs; returns how many. */
static double
durable_round(struct bench *b, double secs, double *spent)
{
	struct post_result	 res;
	double			 t0, t;
	uint64_t		 n = 0;
	int			 r;

	t0 = now();
	do {
		deposit(b, 0);
		if ((r = store_post(b->st, &b->q[0], &res)) != 0)
			fail("store_post", r);
		if (res.replayed)
			fail("store_post", STORE_E_EXISTS);
		n++;
	} while ((t = now()) - t0 < secs);
	*spent += t - t0;
	return n;
}

/* Close the branch's business day. */
static void
close_day(struct bench *b)
{
	struct eod_report	 rep;
	int			 r;

	if ((r = store_eod(b->st, BRANCH, SUPERVISOR, b->date, 0, 0,
	    &rep)) != 0)
		fail("store_eod", r);
	b->date = rep.next;
}

static int
count_stmt(void *arg, const struct stmt_row *row)
{
	size_t	*n = arg;

	(void)row;
	(*n)++;
	return 0;
}

static int
count_row(void *arg, const struct trial_row *row)
{
	(*(size_t *)arg)++;
	return row->account == NULL;
}

static void
verify_progress(void *arg, uint64_t n)
{
	fprintf(stderr, "bench-store: verify: %" PRIu64 " entries\n", n);
}

static void
usage(void)
{
	fprintf(stderr, "usage: bench-store [-e entries] [-s seconds] "
	    "scratch-dir\n");
	exit(64);
}

int
main(int argc, char **argv)
{
	struct bench		 b;
	struct verify_report	 rep;
	double			 secs = 2.4, fs_n = 0, fs_t = 0, po_n = 0;
	double			 po_t = 0, rates[BATCH_RUNS], t0, t, fsr, por;
	double			 c0, c, cpus[BATCH_RUNS], ms[9];
	struct store_txn	*tx;
	struct stat		 sb;
	const char		*shm;
	uint32_t		 first;
	size_t			 rows;
	uint64_t		 want = 1000000, entries, bytes, filled = 0;
	const char		*errstr;
	int			 ch, i, r;

	memset(&b, 0, sizeof b);
	while ((ch = getopt(argc, argv, "e:s:")) != -1) {
		switch (ch) {
		case 'e':
			want = strtoull(optarg, NULL, 10);
			break;
		case 's':
			secs = strtod(optarg, NULL);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1 || want == 0 || secs <= 0)
		usage();
	b.dir = argv[0];
	if (mkdir(b.dir, 0700) != 0 && errno != EEXIST)
		fail(b.dir, errno);

	fprintf(stderr, "bench-store: setting up a book in %s\n", b.dir);
	setup(&b);

	/* fsync and durable posts, interleaved. */
	for (i = 0; i < ROUNDS; i++) {
		fs_n += fsync_round(b.dir, secs / ROUNDS, &fs_t);
		po_n += durable_round(&b, secs / ROUNDS, &po_t);
	}
	fsr = fs_n / fs_t;
	por = po_n / po_t;
	figure("fsync_per_s", fsr, "syncs/s");
	figure("post_durable_per_s", por, "entries/s");
	figure("post_durable_ratio", 100 * por / fsr, "%");

	/* Batches of 10,000 in one transaction. */
	for (i = 0; i < BATCH_RUNS; i++) {
		c0 = cpu();
		t0 = now();
		if ((r = post_batch(&b, BATCH)) != 0)
			fail("store_post_many", r);
		t = now();
		c = cpu();
		rates[i] = BATCH / (t - t0);
		cpus[i] = (c - c0) * 1e6 / BATCH;
		fprintf(stderr, "bench-store: batch %d: %.0f entries/s, "
		    "%.2f us CPU each\n", i + 1, rates[i], cpus[i]);
	}
	qsort(rates, BATCH_RUNS, sizeof rates[0], cmp_double);
	qsort(cpus, BATCH_RUNS, sizeof cpus[0], cmp_double);
	figure("post_batch_per_s", rates[BATCH_RUNS / 2], "entries/s");
	figure("post_batch_us_cpu", cpus[BATCH_RUNS / 2], "us");

	/* Fill the book to `want' entries, then verify all of it. */
	if ((r = store_stat(b.st, &entries, &bytes)) != 0)
		fail("store_stat", r);
	fprintf(stderr, "bench-store: filling the book to %" PRIu64
	    " entries\n", want);
	t0 = now();
	close_day(&b);
	first = b.date;
	while (entries < want) {
		size_t	 n = want - entries < BATCH ? want - entries : BATCH;

		if ((r = post_batch(&b, n)) != 0)
			fail("store_post_many", r);
		entries += n;
		filled += n;
		close_day(&b);
		if ((r = store_stat(b.st, &entries, &bytes)) != 0)
			fail("store_stat", r);
	}
	t = now();
	fprintf(stderr, "bench-store: filled in %.1f s (%.0f entries/s)\n",
	    t - t0, filled / (t - t0));
	if ((r = store_stat(b.st, &entries, &bytes)) != 0)
		fail("store_stat", r);

	/* The trial balance as at a day in the middle of the book. */
	for (i = 0; i < 9; i++) {
		rows = 0;
		t0 = now();
		if ((r = store_begin(b.st, 1, &tx)) != 0 ||
		    (r = report_trial(tx, BRANCH, 0, first + (b.date - first) /
		    2, count_row, &rows)) != 0)
			fail("report_trial", r);
		store_abort(tx);
		t = now();
		ms[i] = (t - t0) * 1e3;
	}
	qsort(ms, 9, sizeof ms[0], cmp_double);
	fprintf(stderr, "bench-store: report: %zu rows, days %u..%u\n", rows,
	    first, b.date);
	figure("report_trial_ms", ms[4], "ms");

	/* The consolidated balance sheet as at the same day. */
	for (i = 0; i < 9; i++) {
		rows = 0;
		t0 = now();
		if ((r = store_begin(b.st, 1, &tx)) != 0 ||
		    (r = statement(tx, ST_NERACA, NULL, 0, first +
		    (b.date - first) / 2, count_stmt, &rows)) != 0)
			fail("statement", r);
		store_abort(tx);
		t = now();
		ms[i] = (t - t0) * 1e3;
	}
	qsort(ms, 9, sizeof ms[0], cmp_double);
	figure("report_neraca_ms", ms[4], "ms");

	for (i = 0; i < 2; i++) {
		shm = stat("/dev/shm", &sb) == 0 && S_ISDIR(sb.st_mode) &&
		    access("/dev/shm", W_OK) == 0 ? "/dev/shm" : b.dir;
		c0 = cpu();
		t0 = now();
		r = i == 0 ? store_verify_quick(b.st, verify_progress, NULL,
		    &rep) : store_verify(b.st, shm, verify_progress, NULL,
		    &rep);
		t = now();
		c = cpu();
		if (r != 0) {
			errstr = rep.what[0] != '\0' ? rep.what :
			    store_strerror(r);
			fprintf(stderr, "bench-store: verify: %s (entry %"
			    PRIu64 ")\n", errstr, rep.bad_seq);
			exit(1);
		}
		if (rep.entries != entries) {
			fprintf(stderr, "bench-store: verify saw %" PRIu64
			    " of %" PRIu64 " entries\n", rep.entries,
			    entries);
			exit(1);
		}
		fprintf(stderr, "bench-store: verify%s: %.1f s, %.2f us CPU "
		    "each\n", i == 0 ? " -f" : "", t - t0,
		    (c - c0) * 1e6 / rep.entries);
		figure(i == 0 ? "verify_per_s" : "verify_full_per_s",
		    rep.entries / (t - t0), "entries/s");
	}
	figure("db_bytes_per_entry", (double)bytes / entries, "bytes");

	store_close(b.st);
	free(b.id);
	free(b.q);
	return 0;
}
