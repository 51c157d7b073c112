/*
 * tests/tools/poster.c: post entries in a loop, for the crash test
 * (tests/t0004-crash.sh) and to fill books for others.
 *
 *	poster [-b branch] [-u user] dir n
 *		Sign in as user (a supervisor; default "sisi"; password from
 *		$POSTER_PASSWORD) and post n entries (0: until killed),
 *		moving cash from the vault to the drawer 1101.1 and back.
 *		Each entry's sequence number is printed on its own line,
 *		and flushed, only after store_post() returned 0.
 *	poster --setup [-b branch] [-u user] [-a admin] dir
 *		Open the drawer account 1101.1 (as admin, password from
 *		$POSTER_ADMIN_PASSWORD) and put Rp 10.000.000 in the vault
 *		(as user).  Prints the last sequence number.
 *	poster --last [-b branch] dir
 *		Print the branch's last sequence number.
 *	poster --count dir
 *		Print the number of entries in the journal (all branches).
 *
 * Exits 0, or 1 with a message on standard error.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

#define DRAWER_SUB	1
#define FUNDS		INT64_C(1000000000)	/* Rp 10.000.000 in sen */

static const char	*branch = "MOF";

static void
die(const char *what, int r)
{
	fprintf(stderr, "poster: %s: %s\n", what, store_strerror(r));
	exit(1);
}

static void
usage(void)
{
	fprintf(stderr, "usage: poster [-b branch] [-u user] dir n\n"
	    "       poster --setup [-b branch] [-u user] [-a admin] dir\n"
	    "       poster --last [-b branch] dir\n"
	    "       poster --count dir\n");
	exit(1);
}

static const char *
password(const char *var)
{
	const char	*pw = getenv(var);

	if (pw == NULL || *pw == '\0') {
		fprintf(stderr, "poster: set %s\n", var);
		exit(1);
	}
	return pw;
}

static void
sign_in(struct store *st, const char *login, const char *var)
{
	struct user	 u;
	int		 r;

	if ((r = user_auth(st, branch, login, password(var), &u)) != 0)
		die(login, r);
}

static uint64_t
last_seq(struct store *st)
{
	struct store_txn	*t;
	struct branch		 b;
	int			 r;

	if ((r = store_begin(st, 1, &t)) != 0)
		die("store_begin", r);
	r = branch_get(t, branch, &b);
	store_abort(t);
	if (r != 0)
		die(branch, r);
	return b.next_seq - 1;
}

static void
req_init(struct post_req *q, const char *user, uint16_t kind,
    const char *id)
{
	memset(q, 0, sizeof *q);
	q->branch = branch;
	q->request_id = id;
	q->user = user;
	q->kind = kind;
}

static void
transfer(struct post_req *q, uint32_t dgl, uint64_t dsub, uint32_t cgl,
    uint64_t csub, int64_t amount)
{
	q->npost = 2;
	q->post[0].gl = dgl;
	q->post[0].sub = dsub;
	q->post[0].amount = amount;
	q->post[1].gl = cgl;
	q->post[1].sub = csub;
	q->post[1].amount = -amount;
}

static size_t
varint(uint8_t *out, uint64_t v)
{
	size_t	 n = 0;

	do {
		out[n] = v & 0x7f;
		v >>= 7;
		if (v != 0)
			out[n] |= 0x80;
		n++;
	} while (v != 0);
	return n;
}

static void
setup(struct store *st, const char *user, const char *admin)
{
	struct post_req		 q;
	struct post_result	 res;
	struct store_txn	*t;
	struct account		 a;
	uint8_t			 vgl[10], vsub[10];
	char			 id[64];
	const char		*name = "Kas poster";
	int			 r;

	sign_in(st, admin, "POSTER_ADMIN_PASSWORD");
	sign_in(st, user, "POSTER_PASSWORD");
	if ((r = store_begin(st, 1, &t)) != 0)
		die("store_begin", r);
	r = account_get(t, branch, GL_CASH, DRAWER_SUB, &a);
	store_abort(t);
	if (r == STORE_E_ACCOUNT) {
		snprintf(id, sizeof id, "poster-setup-open-%ld", (long)getpid());
		req_init(&q, admin, EK_ACCOUNT_OPEN, id);
		q.nfield = 3;
		q.field[0].tag = F_NAME;
		q.field[0].val = (const uint8_t *)name;
		q.field[0].len = strlen(name);
		q.field[1].tag = F_GL;
		q.field[1].val = vgl;
		q.field[1].len = varint(vgl, GL_CASH);
		q.field[2].tag = F_SUB;
		q.field[2].val = vsub;
		q.field[2].len = varint(vsub, DRAWER_SUB);
		if ((r = store_post(st, &q, &res)) != 0)
			die("opening 1101.1", r);
	} else if (r != 0)
		die("1101.1", r);
	snprintf(id, sizeof id, "poster-setup-fund-%ld", (long)getpid());
	req_init(&q, user, EK_JOURNAL, id);
	transfer(&q, GL_VAULT, 0, GL_OPENING, 0, FUNDS);
	if ((r = store_post(st, &q, &res)) != 0)
		die("funding the vault", r);
	printf("%" PRIu64 "\n", res.seq);
}

static void
post_loop(struct store *st, const char *user, uint64_t n)
{
	struct post_req		 q;
	struct post_result	 res;
	char			 id[64];
	uint64_t		 i;
	int64_t			 amount;
	int			 r;

	sign_in(st, user, "POSTER_PASSWORD");
	for (i = 0; n == 0 || i < n; i++) {
		snprintf(id, sizeof id, "poster-%ld-%" PRIu64, (long)getpid(),
		    i);
		req_init(&q, user, EK_JOURNAL, id);
		/* Each run starts with cash out of the vault: never short. */
		amount = 100000 + (int64_t)(i / 2 % 50) * 100;
		if (i % 2 == 0)
			transfer(&q, GL_CASH, DRAWER_SUB, GL_VAULT, 0, amount);
		else
			transfer(&q, GL_VAULT, 0, GL_CASH, DRAWER_SUB, amount);
		if ((r = store_post(st, &q, &res)) != 0)
			die("store_post", r);
		if (res.replayed) {
			fprintf(stderr, "poster: %s was replayed\n", id);
			exit(1);
		}
		printf("%" PRIu64 "\n", res.seq);
		fflush(stdout);
	}
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "setup", no_argument, NULL, 's' },
		{ "last", no_argument, NULL, 'l' },
		{ "count", no_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	struct store	*st;
	const char	*user = "sisi", *admin = "admin";
	char		*end;
	uint64_t	 n = 0, entries, bytes;
	int		 ch, mode = 0, r;

	while ((ch = getopt_long(argc, argv, "a:b:u:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'a':
			admin = optarg;
			break;
		case 'b':
			branch = optarg;
			break;
		case 'u':
			user = optarg;
			break;
		case 's':
		case 'l':
		case 'c':
			mode = ch;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != (mode == 0 ? 2 : 1))
		usage();
	if (mode == 0) {
		errno = 0;
		n = strtoull(argv[1], &end, 10);
		if (errno != 0 || *end != '\0' || argv[1][0] == '-')
			usage();
	}
	setvbuf(stdout, NULL, _IOLBF, 0);

	if ((r = store_open(argv[0], mode == 'l' || mode == 'c' ?
	    STORE_RDONLY : 0, &st)) != 0)
		die(argv[0], r);
	switch (mode) {
	case 's':
		setup(st, user, admin);
		break;
	case 'l':
		printf("%" PRIu64 "\n", last_seq(st));
		break;
	case 'c':
		if ((r = store_stat(st, &entries, &bytes)) != 0)
			die("store_stat", r);
		printf("%" PRIu64 "\n", entries);
		break;
	default:
		post_loop(st, user, n);
		break;
	}
	store_close(st);
	return 0;
}
