/*
 * tests/tools/sync-post.c: post work to a branch for the sync tests and
 * the sync benchmark, quickly and repeatably.
 *
 *	sync-post -d dir -b branch -n count [-m members] [-s seed] [-T time]
 *	sync-post -d dir -b branch -C -n count [-s seed] [-T time]
 *	sync-post -d dir -b branch -k key=value [-u user]
 *
 * The first form makes sure the branch has three cashiers (supervisors:
 * they may post general journal entries), a drawer sub-account each and
 * `members' sukarela accounts, made by the admin -u (default admin),
 * then posts `count' counter entries: cash
 * deposits and withdrawals of the amounts people bring to a counter, a
 * few seconds to a minute apart, a memo on one in ten.  The second, on a
 * book made by loket demo whose day is still open, posts what tellers
 * post at the counter: sukarela and wajib deposits and withdrawals of
 * the branch's members, by the tellers whose drawers are open, in the
 * demo's proportions.  The third posts one setting entry (as the head
 * office changes a rate).  Everything goes through store_post_many(), as
 * at the counter.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/store.h"

#define CASHIERS	3
#define BATCH		250

static uint64_t	 seed = 0x9e3779b97f4a7c15ULL;

static uint64_t
rnd(void)
{
	seed ^= seed >> 12;
	seed ^= seed << 25;
	seed ^= seed >> 27;
	return seed * UINT64_C(2685821657736338717);
}

static void
die(const char *what, int r)
{
	fprintf(stderr, "sync-post: %s: %s\n", what, store_strerror(r));
	exit(1);
}

static void
usage(void)
{
	fprintf(stderr, "usage: sync-post -d dir -b branch [-C] -n count "
	    "[-m members] [-s seed] [-T time]\n"
	    "       sync-post -d dir -b branch -k key=value [-u user]\n");
	exit(64);
}

struct req {
	struct post_req	 q;
	uint8_t		 v[4][10];
	char		 name[64];
};

static void
field(struct req *r, uint16_t tag, const void *v, size_t len)
{
	r->q.field[r->q.nfield].tag = tag;
	r->q.field[r->q.nfield].len = len;
	r->q.field[r->q.nfield].val = v;
	r->q.nfield++;
}

static void
field_u64(struct req *r, int slot, uint16_t tag, uint64_t v)
{
	struct buf	 b;

	buf_from(&b, r->v[slot], sizeof r->v[slot]);
	b.len = 0;
	buf_put_varint(&b, v);
	field(r, tag, r->v[slot], b.len);
}

static void
post_all(struct store *st, struct req *rq, size_t n)
{
	struct post_req		*q;
	struct post_result	*res;
	size_t			 i, k;
	int			 r;

	if ((q = calloc(BATCH, sizeof *q)) == NULL ||
	    (res = calloc(BATCH, sizeof *res)) == NULL)
		die("memory", ENOMEM);
	for (i = 0; i < n; i += k) {
		for (k = 0; k < BATCH && i + k < n; k++)
			q[k] = rq[i + k].q;
		if ((r = store_post_many(st, q, k, res)) != 0)
			die("post", r);
	}
	free(res);
	free(q);
}

static int
setting(struct store *st, const char *branch, const char *user,
    const char *kv)
{
	struct req	 r;
	const char	*eq = strchr(kv, '=');

	if (eq == NULL || eq == kv)
		usage();
	memset(&r, 0, sizeof r);
	r.q.branch = branch;
	r.q.user = user;
	r.q.kind = EK_SETTING;
	field(&r, F_KEY, kv, eq - kv);
	field(&r, F_VALUE, eq + 1, strlen(eq + 1));
	post_all(st, &r, 1);
	return 0;
}

struct teller {
	struct user	 u;
	int64_t		 cash;
};

static int
find_teller(void *arg, const struct user *u)
{
	struct teller	*t = arg;
	int		 i;

	if (u->role != ROLE_TELLER || (u->flags & USER_F_DISABLED))
		return 0;
	for (i = 0; i < 8 && t[i].u.login[0] != '\0'; i++)
		;
	if (i < 8)
		t[i].u = *u;
	return 0;
}

/* What loket demo's tellers do all day, on its book. */
static int
counter(struct store *st, const char *branch, long count, int64_t when)
{
	struct store_txn	*t;
	struct teller		 tel[8], *tl;
	struct drawer		 dr;
	struct member		 mb;
	struct balance		 bb;
	struct req		*rq;
	int64_t			*suk, amt;
	uint64_t		 nm = 0, n, x;
	int			 nt = 0, i, r;
	size_t			 k;

	memset(tel, 0, sizeof tel);
	if ((r = store_begin(st, 1, &t)) != 0)
		die("begin", r);
	if ((r = user_list(t, branch, find_teller, tel)) != 0)
		die("users", r);
	/* The morning: each teller opens a drawer, empty. */
	for (i = 0; i < 8 && tel[i].u.login[0] != '\0'; i++) {
		struct req	 open;

		if (drawer_get(t, branch, tel[i].u.login, &dr) == 0 &&
		    dr.state == DRAWER_OPEN)
			continue;
		memset(&open, 0, sizeof open);
		open.q.branch = branch;
		open.q.user = tel[i].u.login;
		open.q.kind = EK_DRAWER_OPEN;
		open.q.time = when;
		store_abort(t);
		post_all(st, &open, 1);
		if ((r = store_begin(st, 1, &t)) != 0)
			die("begin", r);
	}
	for (i = 0; i < 8 && tel[i].u.login[0] != '\0'; i++) {
		if (drawer_get(t, branch, tel[i].u.login, &dr) != 0 ||
		    dr.state != DRAWER_OPEN)
			continue;
		if ((r = account_balance(t, branch, GL_CASH, tel[i].u.drawer,
		    &bb)) != 0)
			die("drawer", r);
		tel[nt] = tel[i];
		tel[nt].cash = bb.amount;
		nt++;
	}
	if (nt == 0) {
		fprintf(stderr, "sync-post: %s: no teller has a drawer open "
		    "(a loket demo book's last day is open)\n", branch);
		exit(1);
	}
	while (member_get(t, branch, nm + 1, &mb) == 0)
		nm++;
	if (nm == 0)
		die("no members", STORE_E_MEMBER);
	if ((suk = calloc(nm + 1, sizeof *suk)) == NULL)
		die("memory", ENOMEM);
	for (n = 1; n <= nm; n++) {
		if (member_get(t, branch, n, &mb) != 0 ||
		    mb.status != MEMBER_ACTIVE ||
		    account_balance(t, branch, GL_SUKARELA, n, &bb) != 0)
			suk[n] = -1;	/* not at the counter any more */
		else
			suk[n] = -bb.amount;
	}
	store_abort(t);

	if ((rq = calloc(count > 0 ? count : 1, sizeof *rq)) == NULL)
		die("memory", ENOMEM);
	for (k = 0; k < (size_t)count;) {
		tl = &tel[rnd() % nt];
		n = 1 + rnd() % nm;
		x = rnd() % 100;
		if (suk[n] < 0)
			continue;
		when += 1 + rnd() % 25;
		if (x < 45) {
			amt = 100 * 5000 * (int64_t)(1 + rnd() % 200);
			r = savings_counter_req(&rq[k].q, EK_DEPOSIT, branch,
			    &tl->u, n, GL_SUKARELA, amt, rq[k].v[0]);
			suk[n] += amt;
			tl->cash += amt;
		} else if (x < 75) {
			amt = 2500000;
			r = savings_counter_req(&rq[k].q, EK_DEPOSIT, branch,
			    &tl->u, n, GL_WAJIB, amt, rq[k].v[0]);
			tl->cash += amt;
		} else {
			amt = 100 * 5000 * (int64_t)(1 + rnd() % 100);
			if (suk[n] - amt < 1000000 || tl->cash < amt)
				continue;
			r = savings_counter_req(&rq[k].q, EK_WITHDRAW, branch,
			    &tl->u, n, GL_SUKARELA, amt, rq[k].v[0]);
			suk[n] -= amt;
			tl->cash -= amt;
		}
		if (r != 0)
			die("request", r);
		rq[k].q.time = when;
		k++;
	}
	post_all(st, rq, count);
	free(rq);
	free(suk);
	return 0;
}

int
main(int argc, char **argv)
{
	static const int64_t	 amounts[] = {	/* rupiah */
		10000, 20000, 25000, 50000, 50000, 50000, 100000, 100000,
		100000, 150000, 200000, 200000, 250000, 300000, 500000,
		500000, 750000, 1000000, 1500000, 2000000, 5000000,
		37500, 12500, 62500, 123450, 75000,
	};
	static const char	*memos[] = {
		"setoran tunai", "penarikan tunai", "titipan", "koreksi kasir",
	};
	struct store		*st = NULL;
	struct store_txn	*t;
	struct user		 u;
	struct account		 a;
	struct req		*rq;
	struct branch		 b;
	const char		*dir = NULL, *branch = NULL, *kv = NULL;
	const char		*user = "admin";
	char			 hash[128], login[CASHIERS][16];
	int64_t			*bal, cash[CASHIERS], amt, when;
	long			 count = -1, members = 200;
	size_t			 n, i;
	uint64_t		 m;
	int			 ch, r, c, k, deposit, demo = 0;

	when = (int64_t)date_from_ymd(2026, 11, 2) * 86400;	/* 08:00 WITA */
	while ((ch = getopt(argc, argv, "b:Cd:k:m:n:s:T:u:")) != -1) {
		switch (ch) {
		case 'C':
			demo = 1;
			break;
		case 'b':
			branch = optarg;
			break;
		case 'd':
			dir = optarg;
			break;
		case 'k':
			kv = optarg;
			break;
		case 'm':
			members = strtol(optarg, NULL, 10);
			break;
		case 'n':
			count = strtol(optarg, NULL, 10);
			break;
		case 's':
			seed ^= strtoull(optarg, NULL, 10) * 0x100000001b3ULL;
			break;
		case 'T':
			when = strtoll(optarg, NULL, 10);
			break;
		case 'u':
			user = optarg;
			break;
		default:
			usage();
		}
	}
	if (dir == NULL || branch == NULL || (count < 0 && kv == NULL) ||
	    members < 1 || members > 100000)
		usage();
	if ((r = store_open(dir, 0, &st)) != 0)
		die(dir, r);
	if (kv != NULL) {
		setting(st, branch, user, kv);
		store_close(st);
		return 0;
	}
	if (demo) {
		counter(st, branch, count, when);
		store_close(st);
		return 0;
	}
	for (c = 0; c < CASHIERS; c++)
		snprintf(login[c], sizeof login[c], "kasir%d", c + 1);

	/* The cashiers, their drawers, the members' accounts. */
	if ((rq = calloc(CASHIERS * 2 + members, sizeof *rq)) == NULL)
		die("memory", ENOMEM);
	if ((r = store_begin(st, 1, &t)) != 0)
		die("begin", r);
	if ((r = branch_get(t, branch, &b)) != 0)
		die(branch, r);
	n = 0;
	for (c = 0; c < CASHIERS; c++) {
		if (user_get(t, branch, login[c], &u) == 0)
			continue;
		if (n == 0 && (r = user_hash_password("kasir-pass", hash,
		    sizeof hash)) != 0)
			die("hash", r);
		rq[n].q.branch = branch;
		rq[n].q.user = user;
		rq[n].q.kind = EK_USER_ADD;
		snprintf(rq[n].name, sizeof rq[n].name, "Kasir %d", c + 1);
		field(&rq[n], F_NAME, rq[n].name, strlen(rq[n].name));
		field(&rq[n], F_LOGIN, login[c], strlen(login[c]));
		field_u64(&rq[n], 0, F_ROLE, ROLE_SUPERVISOR);
		field(&rq[n], F_HASH, hash, strlen(hash));
		n++;
	}
	store_abort(t);
	post_all(st, rq, n);
	memset(rq, 0, (CASHIERS * 2 + members) * sizeof *rq);
	n = 0;
	if ((r = store_begin(st, 1, &t)) != 0)
		die("begin", r);
	for (c = 0; c < CASHIERS; c++) {
		if (account_get(t, branch, GL_CASH, c + 1, &a) == 0)
			continue;
		rq[n].q.branch = branch;
		rq[n].q.user = user;
		rq[n].q.kind = EK_ACCOUNT_OPEN;
		snprintf(rq[n].name, sizeof rq[n].name, "Laci %s", login[c]);
		field(&rq[n], F_NAME, rq[n].name, strlen(rq[n].name));
		field_u64(&rq[n], 0, F_GL, GL_CASH);
		field_u64(&rq[n], 1, F_SUB, c + 1);
		n++;
	}
	for (m = 1; m <= (uint64_t)members; m++) {
		if (account_get(t, branch, GL_SUKARELA, m, &a) == 0)
			continue;
		rq[n].q.branch = branch;
		rq[n].q.user = user;
		rq[n].q.kind = EK_ACCOUNT_OPEN;
		snprintf(rq[n].name, sizeof rq[n].name, "Sukarela anggota %"
		    PRIu64, m);
		field(&rq[n], F_NAME, rq[n].name, strlen(rq[n].name));
		field_u64(&rq[n], 0, F_GL, GL_SUKARELA);
		field_u64(&rq[n], 1, F_SUB, m);
		n++;
	}
	store_abort(t);
	post_all(st, rq, n);
	free(rq);

	/* What the accounts hold now, so that withdrawals never bounce. */
	if ((bal = calloc(members + 1, sizeof *bal)) == NULL)
		die("memory", ENOMEM);
	if ((r = store_begin(st, 1, &t)) != 0)
		die("begin", r);
	for (m = 1; m <= (uint64_t)members; m++) {
		struct balance	 bb;

		if ((r = account_balance(t, branch, GL_SUKARELA, m, &bb)) != 0)
			die("balance", r);
		bal[m] = -bb.amount;
	}
	for (c = 0; c < CASHIERS; c++) {
		struct balance	 bb;

		if ((r = account_balance(t, branch, GL_CASH, c + 1, &bb)) != 0)
			die("balance", r);
		cash[c] = bb.amount;
	}
	store_abort(t);

	if ((rq = calloc(count > 0 ? count : 1, sizeof *rq)) == NULL)
		die("memory", ENOMEM);
	for (i = 0; i < (size_t)count; i++) {
		c = rnd() % CASHIERS;
		m = 1 + rnd() % members;
		amt = amounts[rnd() % (sizeof amounts / sizeof amounts[0])] *
		    100;
		deposit = rnd() % 5 < 3 || bal[m] < amt || cash[c] < amt;
		when += 1 + rnd() % 25;
		rq[i].q.branch = branch;
		rq[i].q.user = login[c];
		rq[i].q.kind = EK_JOURNAL;
		rq[i].q.time = when;
		if (rnd() % 10 == 0) {
			k = deposit ? 0 : 1;
			if (rnd() % 4 == 0)
				k = 2 + rnd() % 2;
			field(&rq[i], F_MEMO, memos[k], strlen(memos[k]));
		}
		rq[i].q.npost = 2;
		if (deposit) {
			rq[i].q.post[0] = (struct posting){ GL_CASH, c + 1, amt };
			rq[i].q.post[1] = (struct posting){ GL_SUKARELA, m,
			    -amt };
			bal[m] += amt;
			cash[c] += amt;
		} else {
			rq[i].q.post[0] = (struct posting){ GL_SUKARELA, m,
			    amt };
			rq[i].q.post[1] = (struct posting){ GL_CASH, c + 1,
			    -amt };
			bal[m] -= amt;
			cash[c] -= amt;
		}
	}
	post_all(st, rq, count);
	free(rq);
	free(bal);
	store_close(st);
	return 0;
}
