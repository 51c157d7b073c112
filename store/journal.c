/*
 * store/journal.c: the journal and its hash chain.  Keys are the branch
 * and the sequence number (big-endian, so a cursor walks in order); the
 * chain database keeps h(n) for each entry, and the branch record the
 * head.  Entries are only ever appended.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "store/store-int.h"

static void
seq_key(uint8_t key[KEY_BRANCH + 8], const char *branch, uint64_t seq)
{
	key_branch(key, branch);
	be64_put(key + KEY_BRANCH, seq);
}

/* The stored bytes of entry seq; valid until the transaction ends. */
int
journal_get_raw(struct store_txn *t, const char *branch, uint64_t seq,
    const uint8_t **data, size_t *len)
{
	uint8_t	 key[KEY_BRANCH + 8];
	MDB_val	 k, d;
	int	 r;

	if (t->jsrc != NULL)
		t = t->jsrc;
	seq_key(key, branch, seq);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_get(t->txn, t->st->journal, &k, &d)) != 0)
		return r == MDB_NOTFOUND ? STORE_E_NOTFOUND : r;
	*data = d.mv_data;
	*len = d.mv_size;
	return 0;
}

/*
 * The stored bytes of branch's entries from seq on, in order, to fn
 * until it returns non-zero: one cursor walk.
 */
int
journal_walk_raw(struct store_txn *t, const char *branch, uint64_t seq,
    int (*fn)(void *, uint64_t, const uint8_t *, size_t), void *arg)
{
	MDB_cursor	*c;
	MDB_val		 k, d;
	uint8_t		 key[KEY_BRANCH + 8];
	int		 r, op = MDB_SET_RANGE;

	if (t->jsrc != NULL)
		t = t->jsrc;
	seq_key(key, branch, seq);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_cursor_open(t->txn, t->st->journal, &c)) != 0)
		return r;
	while ((r = mdb_cursor_get(c, &k, &d, op)) == 0) {
		op = MDB_NEXT;
		if (k.mv_size != sizeof key ||
		    memcmp(k.mv_data, key, KEY_BRANCH) != 0)
			break;
		if ((r = fn(arg, be64_get((const uint8_t *)k.mv_data +
		    KEY_BRANCH), d.mv_data, d.mv_size)) != 0)
			break;
	}
	mdb_cursor_close(c);
	return r == MDB_NOTFOUND ? 0 : r;
}

int
journal_get(struct store_txn *t, const char *branch, uint64_t seq,
    struct entry *e)
{
	const uint8_t	*data;
	size_t		 len;
	int		 r;

	if ((r = journal_get_raw(t, branch, seq, &data, &len)) != 0)
		return r;
	if ((r = entry_decode(e, data, len)) != 0)
		return r;
	str_copy(e->branch, branch, sizeof e->branch);
	e->seq = seq;
	return 0;
}

int
journal_hash(struct store_txn *t, const char *branch, uint64_t seq,
    uint8_t out[HASH_LEN])
{
	uint8_t	 key[KEY_BRANCH + 8];
	MDB_val	 k, d;
	int	 r;

	seq_key(key, branch, seq);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_get(t->txn, t->st->chain, &k, &d)) != 0)
		return r == MDB_NOTFOUND ? STORE_E_NOTFOUND : r;
	if (d.mv_size != HASH_LEN)
		return STORE_E_CORRUPT;
	memcpy(out, d.mv_data, HASH_LEN);
	return 0;
}

/*
 * Append entry e (already applied) as the branch's next entry: store its
 * canonical bytes and its link of the chain, and move the branch's head.
 * If bytes is not NULL they are the entry's encoding as received, and
 * must equal ours.
 */
int
journal_put(struct store_txn *t, const struct entry *e, const void *bytes,
    size_t blen, uint8_t hash[HASH_LEN])
{
	struct branch	 b;
	struct buf	 out;
	uint8_t		 rec[ENTRY_MAXSIZE];
	uint8_t		 key[KEY_BRANCH + 8];
	MDB_val		 k, d;
	int		 r;

	buf_wrap(&out, rec, sizeof rec);	/* no malloc per record */
	if ((r = branch_get(t, e->branch, &b)) != 0)
		goto out;
	if (e->seq != b.next_seq) {
		r = STORE_E_SEQUENCE;
		goto out;
	}
	if ((r = entry_encode(e, &out)) != 0) {
		if (r == ENOSPC)
			r = STORE_E_INVAL;	/* over ENTRY_MAXSIZE */
		goto out;
	}
	if (out.len > ENTRY_MAXSIZE) {
		r = STORE_E_INVAL;
		goto out;
	}
	if (bytes != NULL &&
	    (blen != out.len || memcmp(bytes, out.data, blen) != 0)) {
		r = STORE_E_CORRUPT;	/* not in canonical form */
		goto out;
	}
	entry_chain_next(b.head, out.data, out.len, b.head);
	seq_key(key, e->branch, e->seq);
	k.mv_data = key;
	k.mv_size = sizeof key;
	d.mv_data = out.data;
	d.mv_size = out.len;
	/*
	 * The key is the branch's last but, with several branches, not
	 * always the database's last: MDB_APPEND refuses that with
	 * MDB_KEYEXIST, and the ordinary insert decides.
	 */
	if (t->nojournal)
		goto moved;
	r = mdb_put(t->txn, t->st->journal, &k, &d, MDB_APPEND);
	if (r == MDB_KEYEXIST)
		r = mdb_put(t->txn, t->st->journal, &k, &d, MDB_NOOVERWRITE);
	if (r != 0) {
		if (r == MDB_KEYEXIST)
			r = STORE_E_SEQUENCE;
		goto out;
	}
	d.mv_data = b.head;
	d.mv_size = HASH_LEN;
	r = mdb_put(t->txn, t->st->chain, &k, &d, MDB_APPEND);
	if (r == MDB_KEYEXIST)
		r = mdb_put(t->txn, t->st->chain, &k, &d, 0);
	if (r != 0)
		goto out;
moved:
	b.next_seq++;
	if ((r = branch_put(t, &b)) != 0)
		goto out;
	if (hash != NULL)
		memcpy(hash, b.head, HASH_LEN);
out:
	buf_free(&out);
	return r;
}


/*
 * The journal entry: a general posting between accounts, by a
 * supervisor or a manager.  It moves money between different accounts.
 */
static int
journal_apply(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	uint16_t	 i;

	(void)t;
	(void)c;
	for (i = 1; i < e->npost; i++) {
		if (e->post[i].gl == e->post[0].gl &&
		    e->post[i].sub == e->post[0].sub &&
		    e->npost == 2)
			return STORE_E_INVAL;
	}
	return 0;
}

const struct entry_kind ek_journal = {
	.kind = EK_JOURNAL,
	.name = "journal",
	.title = N_("journal entry"),
	.roles = ROLE_SUPERVISOR | ROLE_MANAGER | ROLE_SYSTEM,
	.flags = KF_POST | KF_REVERSIBLE,
	.apply = journal_apply,
};
