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
#define GROW_TRIES	8

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

	if ((r = apply_entry(t, e)) != 0 ||
	    (r = journal_put(t, e, NULL, 0, NULL)) != 0)
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

/*
 * Post n requests in one transaction: all or nothing.  A request whose
 * id was seen before returns its first sequence number with replayed set
 * and posts nothing.  Approvers' passwords are checked first, outside the
 * transaction.  Returns the first error (nothing is written), or 0 after
 * the commit returned.
 */
int
store_post_many(struct store *st, const struct post_req *q, size_t n,
    struct post_result *res)
{
	struct store_txn	*t = NULL;
	struct entry		*e = NULL;
	struct user		 ap;
	size_t			 i;
	int			 r, tries;

	for (i = 0; i < n; i++) {
		if (q[i].approver == NULL || q[i].approver[0] == '\0')
			continue;
		/* A request seen before returns its result, password or not. */
		if (reqid_seen(st, q[i].branch, q[i].request_id))
			continue;
		if (q[i].approver_password == NULL)
			return STORE_E_APPROVAL;
		if ((r = user_auth(st, q[i].branch, q[i].approver,
		    q[i].approver_password, &ap)) != 0)
			return r;
	}
	if ((e = malloc(sizeof *e)) == NULL)
		return ENOMEM;
	for (tries = 0; tries < GROW_TRIES; tries++) {
		if ((r = store_begin(st, 0, &t)) != 0)
			break;
		for (i = 0; i < n; i++) {
			if ((r = post_one(t, &q[i], &res[i], e)) != 0)
				break;
		}
		if (r == 0) {
			r = store_commit(t);
			t = NULL;
		} else {
			store_abort(t);
			t = NULL;
		}
		if (r != MDB_MAP_FULL)
			break;
		if ((r = store_grow(st)) != 0)
			break;
	}
	free(e);
	return r;
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
	if ((r = apply_entry(t, e)) != 0)
		return r;
	return journal_put(t, e, NULL, 0, NULL);
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
	if ((r = apply_entry(t, e)) != 0)
		return r;
	return journal_put(t, e, bytes, len, hash);
}

/*
 * A new book: the branch's first entry, its first admin, and the mark
 * that its tellers post here.
 */
int
store_init(struct store *st, const struct init_req *q)
{
	struct store_txn	*t = NULL;
	struct entry		*e = NULL;
	char			 hash[128];
	int64_t			 now = q->time ? q->time : (int64_t)time(NULL);
	uint8_t			 one = 1;
	int			 r;

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
	if ((e = malloc(sizeof *e)) == NULL)
		return ENOMEM;
	if ((r = store_begin(st, 0, &t)) != 0)
		goto out;

	entry_init(e);
	str_copy(e->branch, q->branch, sizeof e->branch);
	e->seq = 1;
	e->kind = EK_BRANCH_OPEN;
	e->date = q->date;
	e->time = now;
	snprintf(e->user, sizeof e->user, "%s", LOGIN_SYSTEM);
	if ((r = entry_add_str(e, F_NAME, q->branch_name)) != 0 ||
	    (q->flags && (r = entry_add_u64(e, F_FLAGS, q->flags)) != 0) ||
	    (r = entry_add_str(e, F_TZ, q->tz ? q->tz : "Asia/Makassar")) != 0 ||
	    (r = entry_add_str(e, F_COOP, q->coop)) != 0)
		goto out;
	if ((r = apply_entry(t, e)) != 0 ||
	    (r = journal_put(t, e, NULL, 0, NULL)) != 0)
		goto out;

	entry_init(e);
	str_copy(e->branch, q->branch, sizeof e->branch);
	e->seq = 2;
	e->kind = EK_USER_ADD;
	e->date = q->date;
	e->time = now;
	snprintf(e->user, sizeof e->user, "%s", LOGIN_SYSTEM);
	if ((r = entry_add_str(e, F_NAME, q->admin_name)) != 0 ||
	    (r = entry_add_str(e, F_LOGIN, q->admin)) != 0 ||
	    (r = entry_add_u64(e, F_ROLE, ROLE_ADMIN)) != 0 ||
	    (r = entry_add_str(e, F_HASH, hash)) != 0)
		goto out;
	if ((r = apply_entry(t, e)) != 0 ||
	    (r = journal_put(t, e, NULL, 0, NULL)) != 0 ||
	    (r = local_put(t, q->branch, "primary", &one, 1)) != 0)
		goto out;
	r = store_commit(t);
	t = NULL;
out:
	store_abort(t);
	free(e);
	explicit_bzero(hash, sizeof hash);
	return r;
}
