/*
 * tests/tools/sync-books.c: print what a sync test compares between the
 * branch and the head office.
 *
 *	sync-books -d dir -b branch		the branch's last entry, chain
 *						head and every balance
 *	sync-books -d dir -b branch -k key	one setting's value
 *	sync-books -d dir -b branch -s		the sync status (age, waiting)
 *	sync-books -d dir -l			every branch: code, flags,
 *						primary or replica, last entry
 *
 * Exits 1 when the branch or the setting is not there.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sync/sync.h"

static int
print_balance(void *arg, const struct account *a, const struct balance *b)
{
	char	 code[48];

	account_format_code(a->gl, a->sub, code, sizeof code);
	printf("account %s %" PRId64 "\n", code, b->amount);
	return 0;
}

int
main(int argc, char **argv)
{
	struct store		*st = NULL;
	struct store_txn	*t = NULL;
	struct branch		 b, bs[64];
	struct sync_status	 s;
	const char		*dir = NULL, *branch = NULL, *key = NULL;
	char			 value[512];
	size_t			 n, i;
	int			 ch, r, list = 0, status = 0;

	while ((ch = getopt(argc, argv, "b:d:k:ls")) != -1) {
		switch (ch) {
		case 'b':
			branch = optarg;
			break;
		case 'd':
			dir = optarg;
			break;
		case 'k':
			key = optarg;
			break;
		case 'l':
			list = 1;
			break;
		case 's':
			status = 1;
			break;
		default:
			goto usage;
		}
	}
	if (dir == NULL || (branch == NULL && !list))
		goto usage;
	if ((r = store_open(dir, STORE_RDONLY, &st)) != 0) {
		fprintf(stderr, "sync-books: %s: %s\n", dir, store_strerror(r));
		return 1;
	}
	if (status) {
		if ((r = sync_status(st, branch, (int64_t)time(NULL), &s)) != 0)
			goto fail;
		printf("age %" PRId64 "\nwaiting %" PRIu64 "\nlast %" PRIu64
		    "\nacked %" PRIu64 "\n", s.age, s.waiting, s.last, s.acked);
		store_close(st);
		return 0;
	}
	if ((r = store_begin(st, 1, &t)) != 0)
		goto fail;
	if (list) {
		if ((r = branch_list(t, bs, 64, &n)) != 0)
			goto fail;
		for (i = 0; i < n && i < 64; i++)
			printf("%s %s%s %" PRIu64 "\n", bs[i].code,
			    store_is_primary(t, bs[i].code) ? "primary" :
			    "replica", bs[i].flags & BRANCH_F_HEAD ?
			    " head" : "", bs[i].next_seq - 1);
		store_abort(t);
		store_close(st);
		return 0;
	}
	if ((r = branch_get(t, branch, &b)) != 0)
		goto fail;
	if (key != NULL) {
		if ((r = setting_get(t, branch, key, value,
		    sizeof value)) != 0)
			goto fail;
		printf("%s\n", value);
	} else {
		char	 hex[2 * HASH_LEN + 1];

		for (i = 0; i < HASH_LEN; i++)
			snprintf(hex + 2 * i, 3, "%02x", b.head[i]);
		printf("branch %s\nlast %" PRIu64 "\nhead %s\n", b.code,
		    b.next_seq - 1, hex);
		if ((r = account_walk(t, branch, print_balance, NULL)) != 0)
			goto fail;
	}
	store_abort(t);
	store_close(st);
	return 0;
fail:
	fprintf(stderr, "sync-books: %s: %s\n", branch ? branch : dir,
	    store_strerror(r));
	store_abort(t);
	store_close(st);
	return 1;
usage:
	fprintf(stderr, "usage: sync-books -d dir -b branch [-s | -k key]\n"
	    "       sync-books -d dir -l\n");
	return 64;
}
