/*
 * store/txn.c: the one write path.  store_write() owns a write
 * transaction: it begins it, runs the caller's function, and commits;
 * when the map is full it aborts, grows the map and runs the function
 * again.  txn_append() is the one way an entry gets into the journal:
 * applied by the one apply function, then appended to its branch's
 * chain.  txn_nested() runs a function in a child transaction that may
 * fail alone (a dry run's request).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

#define GROW_TRIES	8

/*
 * Run fn(t, arg) in a write transaction of st and commit it.  fn must be
 * able to run again from the start: after MDB_MAP_FULL (from fn or from
 * the commit) the transaction is aborted, the map doubled and fn called
 * anew, up to GROW_TRIES times.  A nonzero return from fn aborts the
 * transaction and is returned; STORE_ABORT aborts it and returns 0.
 */
int
store_write(struct store *st, int (*fn)(struct store_txn *, void *),
    void *arg)
{
	struct store_txn	*t = NULL;
	int			 r, tries;

	for (tries = 0; tries < GROW_TRIES; tries++) {
		if ((r = store_begin(st, 0, &t)) != 0)
			return r;
		if ((r = fn(t, arg)) == 0)
			r = store_commit(t);
		else
			store_abort(t);
		t = NULL;
		if (r == STORE_ABORT)
			return 0;
		if (r != MDB_MAP_FULL)
			return r;
		if ((r = store_grow(st)) != 0)
			return r;
	}
	return MDB_MAP_FULL;
}

/*
 * Run fn(t, arg) in a child transaction of t: on success what it wrote
 * joins t's, otherwise nothing of it does and t is as it was.  Returns
 * fn's code, or LMDB's (no nesting in a scratch store's WRITEMAP).
 */
int
txn_nested(struct store_txn *t, int (*fn)(struct store_txn *, void *),
    void *arg)
{
	struct store_txn	*c;
	int			 r;

	if ((c = malloc(sizeof *c)) == NULL)
		return ENOMEM;
	memcpy(c, t, sizeof *c);
	if ((r = mdb_txn_begin(t->st->env, t->txn, 0, &c->txn)) != 0) {
		free(c);
		return r;
	}
	if ((r = fn(c, arg)) == 0)
		r = mdb_txn_commit(c->txn);
	else
		mdb_txn_abort(c->txn);
	if (r == 0) {
		/* What the child read or wrote is now the parent's. */
		c->txn = t->txn;
		memcpy(t, c, sizeof *t);
	} else
		t->scratch = c->scratch;	/* allocated, kept for reuse */
	free(c);
	return r;
}

/*
 * Append e to its branch's journal inside t: apply it through the one
 * apply function, then store its bytes and its link of the chain.  e's
 * branch, number and business date are set by the caller.  bytes (len)
 * are its encoding as received, which must be canonical, or NULL.  hash,
 * if not NULL, gets h(e->seq).
 */
int
txn_append(struct store_txn *t, const struct entry *e, const void *bytes,
    size_t len, uint8_t hash[HASH_LEN])
{
	int	 r;

	if ((r = apply_entry(t, e)) != 0)
		return r;
	return journal_put(t, e, bytes, len, hash);
}
