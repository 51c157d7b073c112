/*
 * store/replica.c: what sync needs from the books that the rest of the
 * store does not: where a branch's chain stands, and this box's record of
 * its syncs (the last entry the other side acknowledged, when the last
 * sync went through).  That record lives in the local table: it is this
 * box's business, not the books', so verify does not compare it and it is
 * never replicated.
 *
 * Entries themselves arrive through store_replay(), the one apply path.
 */
#include <errno.h>
#include <string.h>

#include "store/store-int.h"

#define REPLICA_REC_VERSION	1
#define REPLICA_KEY		"sync"

/*
 * The last entry of branch here and h(last).  A branch we do not have is
 * at 0 with its chain's seed as head, so that a sync can start it from
 * its branch-open entry.  Returns 0, or an LMDB or STORE_E_CORRUPT code.
 */
int
replica_last(struct store_txn *t, const char *branch, uint64_t *last,
    uint8_t head[HASH_LEN])
{
	struct branch	 b;
	int		 r;

	if ((r = branch_get(t, branch, &b)) == STORE_E_BRANCH) {
		*last = 0;
		entry_chain_seed(branch, head);
		return 0;
	}
	if (r != 0)
		return r;
	if (b.next_seq == 0)
		return STORE_E_CORRUPT;
	*last = b.next_seq - 1;
	memcpy(head, b.head, HASH_LEN);
	return 0;
}

/*
 * h(seq) of branch: the seed for 0, else the chain's link.  Returns 0,
 * STORE_E_NOTFOUND past the end, or an LMDB code.
 */
int
replica_head(struct store_txn *t, const char *branch, uint64_t seq,
    uint8_t head[HASH_LEN])
{
	if (seq == 0) {
		entry_chain_seed(branch, head);
		return 0;
	}
	return journal_hash(t, branch, seq, head);
}

/* This box's sync record for branch; all zero if it never synced. */
int
replica_state_get(struct store_txn *t, const char *branch,
    struct replica_state *rs)
{
	struct buf	 in;
	uint8_t		 raw[64], v;
	uint64_t	 ok, try, err;
	size_t		 len;
	int		 r;

	memset(rs, 0, sizeof *rs);
	r = local_get(t, branch, REPLICA_KEY, raw, sizeof raw, &len);
	if (r == STORE_E_NOTFOUND)
		return 0;
	if (r != 0)
		return r == ERANGE ? STORE_E_CORRUPT : r;
	buf_from(&in, raw, len);
	if (buf_get_u8(&in, &v) != 0 || v != REPLICA_REC_VERSION ||
	    buf_get_varint(&in, &rs->acked) != 0 ||
	    buf_get_varint(&in, &ok) != 0 ||
	    buf_get_varint(&in, &try) != 0 ||
	    buf_get_varint(&in, &err) != 0 || buf_left(&in) != 0 ||
	    ok > INT64_MAX || try > INT64_MAX)
		return STORE_E_CORRUPT;
	rs->ok_time = ok;
	rs->try_time = try;
	rs->error = (int32_t)(uint32_t)err;
	return 0;
}

/* Needs a write transaction. */
int
replica_state_put(struct store_txn *t, const char *branch,
    const struct replica_state *rs)
{
	uint8_t		 raw[64];
	struct buf	 out;
	int		 r;

	if (!branch_valid_code(branch))
		return STORE_E_BRANCH;
	buf_wrap(&out, raw, sizeof raw);
	if ((r = buf_put_u8(&out, REPLICA_REC_VERSION)) != 0 ||
	    (r = buf_put_varint(&out, rs->acked)) != 0 ||
	    (r = buf_put_varint(&out, rs->ok_time < 0 ? 0 :
	    (uint64_t)rs->ok_time)) != 0 ||
	    (r = buf_put_varint(&out, rs->try_time < 0 ? 0 :
	    (uint64_t)rs->try_time)) != 0 ||
	    (r = buf_put_varint(&out, (uint32_t)rs->error)) != 0)
		return r;
	return local_put(t, branch, REPLICA_KEY, out.data, out.len);
}
