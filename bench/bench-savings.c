/*
 * bench/bench-savings.c DIR: the figures of members and end of day on a
 * big book, made by the demo generator (cli/demo.c) at a larger size:
 *
 *	member_search_us	p99 of searches by name (prefixes of one
 *				word, and of two words), by number and by
 *				NIK, over 500,000 members, in microseconds
 *	eod_month_end_s		end of day on a month's last day: sukarela
 *				interest and tax over all of their accounts
 *	shu_members_s		the per-member SHU split of the year on that
 *				book, as loket shu members makes it: the
 *				estimate, then every member's capital (pokok
 *				and wajib at the month end) and use (the
 *				savings interest each received that month
 *				end: shu.usage.savings is set to 1, since the
 *				demo's handful of loans would leave nearly
 *				every member's use at 0) read from the store,
 *				and the split; one read transaction
 *
 * Only those lines go to stdout; progress to stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench/bench-lib.h"
#include "cli/demo.h"

static const char *words[] = {
	"mar", "maria", "yoh", "yohanes", "fran", "theresia", "kor", "agnes",
	"da", "dacosta", "parera", "wan", "bata", "nong", "moa", "lew",
	"sogen", "kel", "fernandez", "manuk", "tukan", "kot", "laka", "wuw",
	"dapa", "kaha", "mbete", "rang", "ndoen", "lado", "bria", "goa",
};

static void
progress(void *arg, const char *branch, uint32_t day)
{
	char	 d[16];

	date_format(day, d, sizeof d);
	fprintf(stderr, "bench-savings: %s %s closed\n", branch, d);
}

/* shu_members_s: the year's split of every member, from the store. */
static int
shu_bench(struct store *st, uint32_t day)
{
	static const char	 key[] = "shu.usage.savings", val[] = "1";
	struct post_req		 q;
	struct post_result	 res;
	struct store_txn	*t;
	struct shu_estimate	 est;
	struct shu_member	*m = NULL;
	size_t			 n, i, paid = 0;
	int64_t			 rem, sum = 0;
	double			 t0, t1;
	long			 cores;
	int			 r;

	memset(&q, 0, sizeof q);
	q.branch = "MOF";
	q.user = "mira";
	q.request_id = "bench-shu-usage";
	q.kind = EK_SETTING;
	q.field[0] = (struct field){ F_KEY, sizeof key - 1,
	    (const uint8_t *)key };
	q.field[1] = (struct field){ F_VALUE, sizeof val - 1,
	    (const uint8_t *)val };
	q.nfield = 2;
	if ((r = store_post(st, &q, &res)) != 0)
		return r;
	t0 = now();
	if ((r = store_begin(st, 1, &t)) != 0)
		return r;
	if ((r = shu_estimate(t, "MOF", 2026, day, &est)) == 0)
		r = shu_members(t, "MOF", &est, &m, &n, &rem);
	store_abort(t);
	t1 = now();
	if (r != 0)
		return r;
	for (i = 0; i < n; i++) {
		sum += m[i].share;
		if (m[i].usage > 0)
			paid++;
	}
	free(m);
	if (sum + rem != est.jma + est.jua) {
		fprintf(stderr, "bench-savings: shu: shares and remainder "
		    "do not add up\n");
		return STORE_E_CORRUPT;
	}
	cores = sysconf(_SC_NPROCESSORS_ONLN);
	fprintf(stderr, "bench-savings: shu: %zu members, %zu with interest; "
	    "%ld cores here\n", n, paid, cores);
	printf("shu_members_s %.2f s\n", t1 - t0);
	return 0;
}

int
main(int argc, char **argv)
{
	struct demo_params	 p;
	struct store		*st;
	struct store_txn	*t;
	struct eod_report	 rep;
	struct member		 m;
	uint64_t		 hits[20], entries, x = 88172645463325252ULL;
	size_t			 n, i, nq = 2000;
	double			*us, t0, t1;
	char			 q[64];
	long			 members = 500000;
	int			 r;

	if (argc < 2) {
		fprintf(stderr, "usage: bench-savings dir [members]\n");
		return 64;
	}
	if (argc > 2)
		members = atol(argv[2]);
	memset(&p, 0, sizeof p);
	p.coop = "Kopdit Bench";
	p.members = members;
	p.branches = 1;
	/* A month of counter work, left open on its last day. */
	p.start = date_from_ymd(2026, 10, 1);
	p.end = date_from_ymd(2026, 10, 31);
	p.per_day = 200;
	p.leave_last_open = 1;
	p.seed = 7;
	if ((r = store_open(argv[1], STORE_CREATE, &st)) != 0) {
		fprintf(stderr, "bench-savings: %s: %s\n", argv[1],
		    store_strerror(r));
		return 1;
	}
	fprintf(stderr, "bench-savings: registering %ld members\n", members);
	t0 = now();
	if ((r = demo_generate(st, &p, progress, NULL, &entries)) != 0) {
		fprintf(stderr, "bench-savings: demo: %s\n", store_strerror(r));
		return 1;
	}
	fprintf(stderr, "bench-savings: %llu entries in %.1f s\n",
	    (unsigned long long)entries, now() - t0);

	/* Searches as tellers type them. */
	if ((us = calloc(nq, sizeof *us)) == NULL)
		return 1;
	for (i = 0; i < nq; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		switch (i % 10) {
		case 0:
			snprintf(q, sizeof q, "MOF-%06llu",
			    (unsigned long long)(1 + x % members));
			break;
		case 1:
			/* a NIK: look the member up first, untimed */
			if (store_begin(st, 1, &t) == 0) {
				if (member_get(t, "MOF", 1 + x % members,
				    &m) == 0)
					snprintf(q, sizeof q, "%s", m.nik);
				store_abort(t);
			}
			break;
		case 2:
		case 3:
		case 4:
			snprintf(q, sizeof q, "%s %s",
			    words[x % 8], words[8 + (x >> 8) % 24]);
			break;
		default:
			snprintf(q, sizeof q, "%s",
			    words[x % (sizeof words / sizeof words[0])]);
			break;
		}
		t0 = now();
		if ((r = store_begin(st, 1, &t)) != 0)
			return 1;
		r = member_search(t, "MOF", q, hits, 20, &n);
		store_abort(t);
		t1 = now();
		if (r != 0) {
			fprintf(stderr, "bench-savings: search %s: %s\n", q,
			    store_strerror(r));
			return 1;
		}
		us[i] = (t1 - t0) * 1e6;
	}
	qsort(us, nq, sizeof *us, cmp_double);
	printf("member_search_us %.0f us\n", us[nq * 99 / 100]);
	fprintf(stderr, "bench-savings: search median %.0f us, max %.0f us\n",
	    us[nq / 2], us[nq - 1]);

	t0 = now();
	if ((r = store_eod(st, "MOF", "sisi", p.end, 0, 0, &rep)) != 0) {
		fprintf(stderr, "bench-savings: eod: %s\n", store_strerror(r));
		return 1;
	}
	t1 = now();
	fprintf(stderr, "bench-savings: interest on %llu accounts\n",
	    (unsigned long long)rep.interest_accounts);
	printf("eod_month_end_s %.2f s\n", t1 - t0);
	if ((r = shu_bench(st, p.end)) != 0) {
		fprintf(stderr, "bench-savings: shu: %s\n", store_strerror(r));
		return 1;
	}
	store_close(st);
	free(us);
	return 0;
}
