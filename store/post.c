/*
 * store/post.c: posting.  Validate, build the entry, apply it, append it,
 * remember the request id, commit: one LMDB write transaction, opened
 * only after everything slow (an approver's password) is done, and never
 * across anyone's typing.  The caller is told "done" only after the
 * commit returned with LMDB's default, synchronous flush.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store-int.h"

#define REQID_MAX	64

static int
reqid_key(uint8_t *key, const char *branch, const char *id, size_t *len)
{
	size_t	 n;

	if (id == NULL || (n = strlen(id)) == 0 || n > REQID_MAX)
		return STORE_E_INVAL;
	key_branch(key, branch);
	memcpy(key + KEY_BRANCH, id, n);
	*len = KEY_BRANCH + n;
	return 0;
}

static void
seq_put(uint8_t v[8], uint64_t seq)
{
	be64_put(v, seq);
}

static uint64_t
seq_get(const uint8_t *v)
{
	return be64_get(v);
}

/* One request inside an open write transaction. */
static int
post_one(struct store_txn *t, const struct post_req *q, struct post_result *res,
    struct entry *e)
{
	struct branch	 b;
	uint8_t		 key[KEY_BRANCH + REQID_MAX], v[8];
	MDB_val		 k, d;
	size_t		 klen = 0;
	int		 r;

	memset(res, 0, sizeof *res);
	if (q->branch == NULL || !branch_valid_code(q->branch))
		return STORE_E_BRANCH;
	if (q->request_id != NULL) {
		if ((r = reqid_key(key, q->branch, q->request_id, &klen)) != 0)
			return r;
		k.mv_data = key;
		k.mv_size = klen;
		r = mdb_get(t->txn, t->st->reqid, &k, &d);
		if (r == 0 && d.mv_size == 8) {
			res->seq = seq_get(d.mv_data);
			res->replayed = 1;
			return 0;
		}
		if (r != MDB_NOTFOUND)
			return r == 0 ? STORE_E_CORRUPT : r;
	}
	if (q->kind == EK_BRANCH_OPEN)
		return STORE_E_INVAL;		/* store_init() opens branches */
	if ((r = branch_get(t, q->branch, &b)) != 0)
		return r;
	if (!store_is_primary(t, q->branch))
		return STORE_E_REPLICA;
	/* loket's own entries are made inside the store, never asked for. */
	if (q->user == NULL || !user_valid_login(q->user) ||
	    strcmp(q->user, LOGIN_SYSTEM) == 0)
		return STORE_E_USER;
	if (q->approver != NULL && q->approver[0] != '\0' &&
	    !user_valid_login(q->approver))
		return STORE_E_USER;
	if (q->nfield > ENTRY_MAXFIELD || q->npost > ENTRY_MAXPOST)
		return STORE_E_INVAL;

	entry_init(e);
	str_copy(e->branch, q->branch, sizeof e->branch);
	e->seq = b.next_seq;
	e->kind = q->kind;
	e->date = b.date;
	e->time = q->time != 0 ? q->time : (int64_t)time(NULL);
	str_copy(e->user, q->user, sizeof e->user);
	if (q->approver != NULL)
		str_copy(e->approver, q->approver, sizeof e->approver);
	e->reverses = q->reverses;
	for (e->nfield = 0; e->nfield < q->nfield;) {
		if ((r = entry_add_field(e, q->field[e->nfield].tag,
		    q->field[e->nfield].val, q->field[e->nfield].len)) != 0)
			return r;
	}
	e->npost = q->npost;
	memcpy(e->post, q->post, q->npost * sizeof q->post[0]);
	if (q->prepare != NULL && (r = q->prepare(t, e, q->prepare_arg)) != 0)
		return r;
	if ((r = cash_unit_mark(t, e)) != 0)
		return r;

	if ((r = txn_append(t, e, NULL, 0, NULL)) != 0)
		return r;
	if (q->request_id != NULL) {
		seq_put(v, e->seq);
		k.mv_data = key;
		k.mv_size = klen;
		d.mv_data = v;
		d.mv_size = sizeof v;
		if ((r = mdb_put(t->txn, t->st->reqid, &k, &d, 0)) != 0)
			return r;
	}
	res->seq = e->seq;
	return 0;
}

static int
reqid_seen(struct store *st, const char *branch, const char *id)
{
	struct store_txn	*t;
	uint8_t			 key[KEY_BRANCH + REQID_MAX];
	size_t			 klen;
	MDB_val			 k, d;
	int			 r;

	if (branch == NULL || !branch_valid_code(branch) ||
	    reqid_key(key, branch, id, &klen) != 0)
		return 0;
	if (store_begin(st, 1, &t) != 0)
		return 0;
	k.mv_data = key;
	k.mv_size = klen;
	r = mdb_get(t->txn, t->st->reqid, &k, &d);
	store_abort(t);
	return r == 0;
}

struct batch {
	const struct post_req	*q;
	size_t			 n;
	int			 flags;
	struct post_result	*res;
	int			*pre;	/* dry run: approvals refused */
	struct entry		*e;
	size_t			 i;	/* the request being tried */
	int			 first;	/* dry run: the first refusal */
};

static int
batch_one(struct store_txn *t, void *arg)
{
	struct batch	*b = arg;

	return post_one(t, &b->q[b->i], &b->res[b->i], b->e);
}

/* A failed batch: every result not in the books says so. */
static void
batch_failed(struct batch *b, size_t bad, int r)
{
	size_t	 i;

	for (i = 0; i < b->n; i++) {
		if (i == bad) {
			memset(&b->res[i], 0, sizeof b->res[i]);
			b->res[i].error = r;
		} else if (!b->res[i].replayed || i > bad) {
			memset(&b->res[i], 0, sizeof b->res[i]);
			b->res[i].error = STORE_E_BATCH;
		}
	}
}

static int
batch_run(struct store_txn *t, void *arg)
{
	struct batch	*b = arg;
	int		 r;

	b->first = 0;
	for (b->i = 0; b->i < b->n; b->i++) {
		if (!(b->flags & STORE_DRYRUN)) {
			if ((r = batch_one(t, b)) != 0) {
				batch_failed(b, b->i, r);
				return r;
			}
			continue;
		}
		if (b->pre != NULL && b->pre[b->i] != 0) {
			memset(&b->res[b->i], 0, sizeof b->res[b->i]);
			r = b->pre[b->i];
		} else if ((r = txn_nested(t, batch_one, b)) == 0)
			continue;
		/* The books' refusals are the request's; others end it all. */
		if (!STORE_E_OURS(r))
			return r;
		memset(&b->res[b->i], 0, sizeof b->res[b->i]);
		b->res[b->i].error = r;
		if (b->first == 0)
			b->first = r;
	}
	return b->flags & STORE_DRYRUN ? STORE_ABORT : 0;
}

/*
 * Post n requests in one transaction, all or nothing, with a result per
 * request.  A request whose id was seen before gets its first sequence
 * number with replayed set and posts nothing.  Approvers' passwords are
 * checked first, outside the transaction.
 *
 * For real: the first request refused ends the batch and nothing is
 * written; its result's error says why, and every other request not in
 * the books from before has STORE_E_BATCH.  Returns that first error, or
 * 0 after the commit returned.
 *
 * With STORE_DRYRUN nothing is written either way: every request is
 * tried against the books as the good ones before it left them, each in
 * a transaction of its own that a refusal undoes, and each result says
 * what posting would do (the number it would take) or why it would be
 * refused.  Returns the first refusal's code, or 0 when all would post.
 */
int
store_post_batch(struct store *st, const struct post_req *q, size_t n,
    int flags, struct post_result *res)
{
	struct batch	 b;
	struct user	 ap;
	size_t		 i;
	int		 r;

	memset(&b, 0, sizeof b);
	b.q = q;
	b.n = n;
	b.flags = flags;
	b.res = res;
	memset(res, 0, n * sizeof *res);
	for (i = 0; i < n; i++) {
		if (q[i].approver == NULL || q[i].approver[0] == '\0')
			continue;
		/* A request seen before returns its result, password or not. */
		if (reqid_seen(st, q[i].branch, q[i].request_id))
			continue;
		if (q[i].approver_password == NULL)
			r = STORE_E_APPROVAL;
		else
			r = user_auth(st, q[i].branch, q[i].approver,
			    q[i].approver_password, &ap);
		if (r == 0)
			continue;
		if (!(flags & STORE_DRYRUN) || !STORE_E_OURS(r)) {
			batch_failed(&b, i, r);
			free(b.pre);
			return r;
		}
		if (b.pre == NULL && (b.pre = calloc(n, sizeof *b.pre)) == NULL)
			return ENOMEM;
		b.pre[i] = r;
	}
	if ((b.e = malloc(sizeof *b.e)) == NULL) {
		free(b.pre);
		return ENOMEM;
	}
	r = store_write(st, batch_run, &b);
	if (r == 0 && (flags & STORE_DRYRUN))
		r = b.first;
	free(b.e);
	free(b.pre);
	return r;
}

/* The same, for real: what callers before results per request used. */
int
store_post_many(struct store *st, const struct post_req *q, size_t n,
    struct post_result *res)
{
	return store_post_batch(st, q, n, 0, res);
}

int
store_post(struct store *st, const struct post_req *q, struct post_result *res)
{
	return store_post_many(st, q, 1, res);
}

/*
 * A request whose fields and postings a prepare hook fills in inside the
 * transaction (a member's or a loan's number, what a payout comes to):
 * every such builder of store/ starts here.  arg must outlive the post.
 */
void
store_req_prepared(struct post_req *q, const char *branch, const char *user,
    uint16_t kind, int (*prepare)(struct store_txn *, struct entry *, void *),
    const void *arg)
{
	memset(q, 0, sizeof *q);
	q->branch = branch;
	q->user = user;
	q->kind = kind;
	q->prepare = prepare;
	q->prepare_arg = (void *)(uintptr_t)arg;
}

/*
 * Post an entry that loket builds itself inside a larger transaction
 * (end of day): it takes the branch's next number and business date.
 */
int
post_internal(struct store_txn *t, struct entry *e)
{
	struct branch	 b;
	int		 r;

	if ((r = branch_get(t, e->branch, &b)) != 0)
		return r;
	e->seq = b.next_seq;
	e->date = b.date;
	if (e->time == 0)
		e->time = (int64_t)time(NULL);
	return txn_append(t, e, NULL, 0, NULL);
}

/*
 * Apply an entry that arrived from elsewhere (sync) or is being rebuilt
 * (verify): its bytes must decode, be canonical, follow the chain and
 * obey the same rules as at the counter.  hash gets h(seq).
 */
int
store_replay(struct store_txn *t, const char *branch, uint64_t seq,
    const void *bytes, size_t len, uint8_t hash[HASH_LEN])
{
	struct entry	*e;
	int		 r;

	/* A branch whose tellers post here takes no entries from elsewhere. */
	if (store_is_primary(t, branch))
		return STORE_E_REPLICA;
	/* One entry's room for the whole transaction: no malloc per entry. */
	if (t->scratch == NULL && (t->scratch = malloc(sizeof *e)) == NULL)
		return ENOMEM;
	e = t->scratch;
	if ((r = entry_decode(e, bytes, len)) != 0)
		return r;
	str_copy(e->branch, branch, sizeof e->branch);
	e->seq = seq;
	return txn_append(t, e, bytes, len, hash);
}

struct init_ctx {
	const struct init_req	*q;
	struct entry		*e;
	const char		*hash;
	int64_t			 now;
};

static int
init_run(struct store_txn *t, void *arg)
{
	struct init_ctx		*c = arg;
	const struct init_req	*q = c->q;
	struct entry		*e = c->e;
	uint8_t			 one = 1;
	int			 r;

	entry_init(e);
	str_copy(e->branch, q->branch, sizeof e->branch);
	e->seq = 1;
	e->kind = EK_BRANCH_OPEN;
	e->date = q->date;
	e->time = c->now;
	snprintf(e->user, sizeof e->user, "%s", LOGIN_SYSTEM);
	if ((r = entry_add_str(e, F_NAME, q->branch_name)) != 0 ||
	    (q->flags && (r = entry_add_u64(e, F_FLAGS, q->flags)) != 0) ||
	    (r = entry_add_str(e, F_TZ, q->tz ? q->tz : "Asia/Makassar")) != 0 ||
	    (r = entry_add_str(e, F_COOP, q->coop)) != 0 ||
	    (r = txn_append(t, e, NULL, 0, NULL)) != 0)
		return r;

	entry_init(e);
	str_copy(e->branch, q->branch, sizeof e->branch);
	e->seq = 2;
	e->kind = EK_USER_ADD;
	e->date = q->date;
	e->time = c->now;
	snprintf(e->user, sizeof e->user, "%s", LOGIN_SYSTEM);
	if ((r = entry_add_str(e, F_NAME, q->admin_name)) != 0 ||
	    (r = entry_add_str(e, F_LOGIN, q->admin)) != 0 ||
	    (r = entry_add_u64(e, F_ROLE, ROLE_ADMIN)) != 0 ||
	    (r = entry_add_str(e, F_HASH, c->hash)) != 0 ||
	    (r = txn_append(t, e, NULL, 0, NULL)) != 0)
		return r;
	return local_put(t, q->branch, "primary", &one, 1);
}

/*
 * A new book: the branch's first entry, its first admin, and the mark
 * that its tellers post here.
 */
int
store_init(struct store *st, const struct init_req *q)
{
	struct init_ctx	 c;
	char		 hash[128];
	int		 r;

	if (!branch_valid_code(q->branch))
		return STORE_E_BRANCH;
	if (!text_valid_name(q->coop) || !text_valid_name(q->branch_name) ||
	    !text_valid_name(q->admin_name))
		return STORE_E_NAME;
	if (!user_valid_login(q->admin) || strcmp(q->admin, LOGIN_SYSTEM) == 0)
		return STORE_E_USER;
	if ((r = user_hash_password(q->admin_password, hash,
	    sizeof hash)) != 0)
		return r;
	c.q = q;
	c.hash = hash;
	c.now = q->time ? q->time : (int64_t)time(NULL);
	if ((c.e = malloc(sizeof *c.e)) == NULL)
		r = ENOMEM;
	else
		r = store_write(st, init_run, &c);
	free(c.e);
	explicit_bzero(hash, sizeof hash);
	return r;
}
