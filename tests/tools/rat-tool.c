/*
 * tests/tools/rat-tool.c: set a branch up for the members' meeting tests
 * and benchmark, quickly, through the store's own requests.
 *
 *	rat-tool -d dir -b branch -m count
 *	rat-tool -d dir -b branch -a count [-v item] [-f first] [-T time]
 *
 * The first form adds a teller "kasir" (password kasir-pass) and a
 * manager "mgr" (mgr-pass), made by admin, puts cash in the vault, opens
 * the teller's drawer and registers count members ("Anggota BRANCH n"),
 * each paying the pokok in cash.  The second records members first ..
 * first + count - 1 of the branch present at the meeting open here, by
 * kasir, and with -v their votes on item (yes, no and abstain in turn);
 * with -T from that UTC time on, as a queue comes: in no order, 2 to 16
 * seconds apart, the votes as they fall.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

#define BATCH	250

static void
die(const char *what, int r)
{
	fprintf(stderr, "rat-tool: %s: %s\n", what, store_strerror(r));
	exit(1);
}

static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * UINT64_C(2685821657736338717);
}

static void
usage(void)
{
	fprintf(stderr, "usage: rat-tool -d dir -b branch -m count\n"
	    "       rat-tool -d dir -b branch -a count [-v item] [-f first] "
	    "[-T time]\n");
	exit(64);
}

static void
post(struct store *st, struct post_req *q, size_t n)
{
	struct post_result	*res;
	size_t			 i, k;
	int			 r;

	if ((res = calloc(BATCH, sizeof *res)) == NULL)
		die("memory", 12);
	for (i = 0; i < n; i += k) {
		k = n - i < BATCH ? n - i : BATCH;
		if ((r = store_post_many(st, q + i, k, res)) != 0)
			die("post", r);
		for (size_t j = 0; j < k; j++)
			if (res[j].error != 0)
				die("post", res[j].error);
	}
	free(res);
}

static void
add_user(struct store *st, const char *branch, const char *login,
    const char *name, uint8_t role, const char *pw)
{
	struct post_req	 q;
	char		 hash[128];
	uint8_t		 rv[10];
	struct buf	 b;
	int		 r;

	if ((r = user_hash_password(pw, hash, sizeof hash)) != 0)
		die("hash", r);
	buf_wrap(&b, rv, sizeof rv);
	buf_put_varint(&b, role);
	memset(&q, 0, sizeof q);
	q.branch = branch;
	q.user = "admin";
	q.kind = EK_USER_ADD;
	q.field[0] = (struct field){ F_NAME, (uint16_t)strlen(name),
	    (const uint8_t *)name };
	q.field[1] = (struct field){ F_LOGIN, (uint16_t)strlen(login),
	    (const uint8_t *)login };
	q.field[2] = (struct field){ F_ROLE, (uint16_t)b.len, rv };
	q.field[3] = (struct field){ F_HASH, (uint16_t)strlen(hash),
	    (const uint8_t *)hash };
	q.nfield = 4;
	post(st, &q, 1);
}

static void
members(struct store *st, const char *branch, int count)
{
	struct store_txn	*t;
	struct user		 u;
	struct post_req		*q;
	struct member_req	*m;
	char			(*names)[64], (*niks)[NIK_LEN + 1];
	int			 i, r;

	add_user(st, branch, "kasir", "Kasir Satu", ROLE_TELLER, "kasir-pass");
	add_user(st, branch, "mgr", "Manajer", ROLE_MANAGER, "mgr-pass");
	if ((r = store_begin(st, 1, &t)) != 0)
		die("begin", r);
	r = user_get(t, branch, "kasir", &u);
	store_abort(t);
	if (r != 0)
		die("kasir", r);

	q = calloc(count + 2, sizeof *q);
	m = calloc(count, sizeof *m);
	names = calloc(count, sizeof *names);
	niks = calloc(count, sizeof *niks);
	if (q == NULL || m == NULL || names == NULL || niks == NULL)
		die("memory", 12);
	q[0].branch = branch;
	q[0].user = "mgr";
	q[0].kind = EK_JOURNAL;
	q[0].npost = 2;
	q[0].post[0] = (struct posting){ GL_VAULT, 0, INT64_C(50000000000) };
	q[0].post[1] = (struct posting){ GL_OPENING, 0, -INT64_C(50000000000) };
	q[1].branch = branch;
	q[1].user = "kasir";
	q[1].kind = EK_DRAWER_OPEN;
	q[1].npost = 2;
	q[1].post[0] = (struct posting){ GL_CASH, u.drawer, 500000000 };
	q[1].post[1] = (struct posting){ GL_VAULT, 0, -500000000 };
	for (i = 0; i < count; i++) {
		snprintf(names[i], sizeof names[i], "Anggota %s %d", branch,
		    i + 1);
		snprintf(niks[i], sizeof niks[i], "5301%02d%02d0180%04d",
		    1 + i / 9999 % 99, 1 + i % 28, 1 + i % 9999);
		m[i].nik = niks[i];
		m[i].name = names[i];
		m[i].gender = 'L';
		m[i].address = "RT 01 RW 01";
		m[i].village = "Wuring";
		member_join_req(&q[i + 2], branch, "kasir", &m[i]);
	}
	post(st, q, count + 2);
	free(q);
	free(m);
	free(names);
	free(niks);
}

static void
marks(struct store *st, const char *branch, int count, uint64_t first,
    int item, int64_t when)
{
	struct post_req		*q;
	struct rat_mark_req	*m;
	int			 i;

	uint64_t		 seed = 0x9e3779b97f4a7c15ULL, *order, tmp;
	int			 j;

	q = calloc(count, sizeof *q);
	m = calloc(count, sizeof *m);
	order = calloc(count, sizeof *order);
	if (q == NULL || m == NULL || order == NULL)
		die("memory", 12);
	/*
	 * With -T, as a queue comes: the members in no order, 2 to 16
	 * seconds apart, their votes as they fall (seeded, repeatable).
	 */
	for (i = 0; i < count; i++)
		order[i] = first + i;
	for (i = count - 1; when != 0 && i > 0; i--) {
		j = (int)(rnd(&seed) % (uint64_t)(i + 1));
		tmp = order[i];
		order[i] = order[j];
		order[j] = tmp;
	}
	for (i = 0; i < count; i++) {
		m[i].mbranch = branch;
		m[i].member = order[i];
		m[i].item = (uint16_t)item;
		m[i].choice = (uint8_t)(item == 0 ? 0 : when != 0 ?
		    1 + rnd(&seed) % 3 : 1 + (uint64_t)i % 3);
		rat_mark_req(&q[i], branch, "kasir", &m[i]);
		if (when != 0) {
			when += 2 + (int64_t)(rnd(&seed) % 15);
			q[i].time = when;
		}
	}
	post(st, q, count);
	free(q);
	free(m);
	free(order);
}

int
main(int argc, char **argv)
{
	struct store	*st;
	const char	*dir = NULL, *branch = NULL;
	int		 ch, r, nmem = 0, natt = 0, item = 0;
	uint64_t	 first = 1;
	int64_t		 when = 0;

	while ((ch = getopt(argc, argv, "a:b:d:f:m:T:v:")) != -1) {
		switch (ch) {
		case 'a':
			natt = atoi(optarg);
			break;
		case 'b':
			branch = optarg;
			break;
		case 'd':
			dir = optarg;
			break;
		case 'f':
			first = strtoull(optarg, NULL, 10);
			break;
		case 'm':
			nmem = atoi(optarg);
			break;
		case 'T':
			when = strtoll(optarg, NULL, 10);
			break;
		case 'v':
			item = atoi(optarg);
			break;
		default:
			usage();
		}
	}
	if (dir == NULL || branch == NULL || (nmem <= 0 && natt <= 0))
		usage();
	if ((r = store_open(dir, 0, &st)) != 0)
		die(dir, r);
	if (nmem > 0)
		members(st, branch, nmem);
	if (natt > 0)
		marks(st, branch, natt, first, item, when);
	store_close(st);
	return 0;
}
