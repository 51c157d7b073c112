/*
 * store/branch.c: branches.  A branch record is derived: its name, time
 * zone and flags from its branch-open entry, its business date from
 * day-close entries, its sequence and chain head from the journal.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "store/store-int.h"

#define BRANCH_REC_VERSION	1

int
branch_valid_code(const char *code)
{
	size_t	 i, n = strlen(code);

	if (n == 0 || n > BRANCH_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		if (!((code[i] >= 'A' && code[i] <= 'Z') ||
		    (code[i] >= '0' && code[i] <= '9')))
			return 0;
	}
	return 1;
}

static int
branch_decode(struct branch *b, const void *data, size_t len)
{
	struct buf	 in;
	uint8_t		 v;
	uint64_t	 date, flags;

	buf_from(&in, data, len);
	if (buf_get_u8(&in, &v) != 0 || v != BRANCH_REC_VERSION ||
	    buf_get_str(&in, b->name, sizeof b->name) != 0 ||
	    buf_get_str(&in, b->tz, sizeof b->tz) != 0 ||
	    buf_get_varint(&in, &date) != 0 ||
	    buf_get_varint(&in, &flags) != 0 ||
	    buf_get_varint(&in, &b->next_seq) != 0 ||
	    buf_get(&in, b->head, HASH_LEN) != 0 || buf_left(&in) != 0)
		return STORE_E_CORRUPT;
	b->date = date;
	b->flags = flags;
	return 0;
}

int
branch_get(struct store_txn *t, const char *code, struct branch *b)
{
	uint8_t	 key[KEY_BRANCH];
	MDB_val	 k, d;
	int	 r;

	memset(b, 0, sizeof *b);
	if (!branch_valid_code(code))
		return STORE_E_BRANCH;
	if (t->bvalid && strcmp(t->bcache.code, code) == 0) {
		memcpy(b, &t->bcache, sizeof *b);
		return 0;
	}
	key_branch(key, code);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_get(t->txn, t->st->branch, &k, &d)) != 0)
		return r == MDB_NOTFOUND ? STORE_E_BRANCH : r;
	str_copy(b->code, code, sizeof b->code);
	if ((r = branch_decode(b, d.mv_data, d.mv_size)) != 0)
		return r;
	memcpy(&t->bcache, b, sizeof *b);
	t->bvalid = 1;
	return 0;
}

int
branch_put(struct store_txn *t, const struct branch *b)
{
	uint8_t		 key[KEY_BRANCH];
	struct buf	 out;
	uint8_t		 rec[NAME_MAX_COLS * 4 + 128];
	MDB_val		 k, d;
	int		 r;

	buf_wrap(&out, rec, sizeof rec);	/* no malloc per record */
	if ((r = buf_put_u8(&out, BRANCH_REC_VERSION)) != 0 ||
	    (r = buf_put_str(&out, b->name)) != 0 ||
	    (r = buf_put_str(&out, b->tz)) != 0 ||
	    (r = buf_put_varint(&out, b->date)) != 0 ||
	    (r = buf_put_varint(&out, b->flags)) != 0 ||
	    (r = buf_put_varint(&out, b->next_seq)) != 0 ||
	    (r = buf_put(&out, b->head, HASH_LEN)) != 0)
		goto out;
	key_branch(key, b->code);
	k.mv_data = key;
	k.mv_size = sizeof key;
	d.mv_data = out.data;
	d.mv_size = out.len;
	if ((r = mdb_put(t->txn, t->st->branch, &k, &d, 0)) == 0) {
		memcpy(&t->bcache, b, sizeof *b);
		t->bvalid = 1;
	} else
		t->bvalid = 0;
out:
	buf_free(&out);
	return r;
}

/* All branches here, in code order; *n is how many there are. */
int
branch_list(struct store_txn *t, struct branch *bs, size_t max, size_t *n)
{
	MDB_cursor	*c;
	MDB_val		 k, d;
	char		 code[BRANCH_MAX + 1];
	int		 r, op = MDB_FIRST;

	*n = 0;
	if ((r = mdb_cursor_open(t->txn, t->st->branch, &c)) != 0)
		return r;
	while ((r = mdb_cursor_get(c, &k, &d, op)) == 0) {
		op = MDB_NEXT;
		if (*n < max) {
			memset(code, 0, sizeof code);
			memcpy(code, k.mv_data,
			    k.mv_size < BRANCH_MAX ? k.mv_size : BRANCH_MAX);
			memset(&bs[*n], 0, sizeof bs[*n]);
			snprintf(bs[*n].code, sizeof bs[*n].code, "%s", code);
			if ((r = branch_decode(&bs[*n], d.mv_data,
			    d.mv_size)) != 0)
				break;
		}
		(*n)++;
	}
	mdb_cursor_close(c);
	return r == MDB_NOTFOUND ? 0 : r;
}

/* -- the branch-open entry: a branch's first, by loket itself ------------- */

static int
branch_open_apply(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	struct branch	 b;
	char		 coop[NAME_MAX_COLS * 4 + 1];
	uint64_t	 flags = 0;
	int		 r;

	(void)c;
	if ((r = branch_get(t, e->branch, &b)) == 0)
		return STORE_E_EXISTS;
	if (r != STORE_E_BRANCH)
		return r;
	memset(&b, 0, sizeof b);
	snprintf(b.code, sizeof b.code, "%s", e->branch);
	if ((r = entry_get_str(e, F_NAME, b.name, sizeof b.name)) != 0 ||
	    (r = entry_get_str(e, F_TZ, b.tz, sizeof b.tz)) != 0)
		return r;
	if (!text_valid_name(b.name))
		return STORE_E_NAME;
	if (entry_get_u64(e, F_FLAGS, &flags) == 0 && (flags & ~BRANCH_F_HEAD))
		return STORE_E_INVAL;
	b.flags = flags;
	b.date = e->date;
	b.next_seq = 1;
	entry_chain_seed(b.code, b.head);
	if ((r = branch_put(t, &b)) != 0 ||
	    (r = account_open_chart(t, b.code)) != 0)
		return r;
	if (entry_get_str(e, F_COOP, coop, sizeof coop) == 0) {
		if (!text_valid_name(coop))
			return STORE_E_NAME;
		if ((r = setting_put(t, b.code, "coop.name", coop)) != 0)
			return r;
	}
	return 0;
}

const struct entry_kind ek_branch_open = {
	.kind = EK_BRANCH_OPEN,
	.name = "branch-open",
	.title = N_("branch opened"),
	.roles = ROLE_SYSTEM,
	.flags = KF_SYSTEM | KF_BEGIN | KF_NOPOST,
	.fields = FIELD(F_NAME) | FIELD(F_FLAGS) | FIELD(F_TZ) |
	    FIELD(F_COOP),
	.required = FIELD(F_NAME) | FIELD(F_TZ),
	.apply = branch_open_apply,
};
/* Every branch here, in code order, to fn until it returns non-zero. */
int
branch_walk(struct store_txn *t, int (*fn)(void *, const struct branch *),
    void *arg)
{
	MDB_cursor	*c;
	MDB_val		 k, d;
	struct branch	 b;
	int		 r, op = MDB_FIRST;

	if ((r = mdb_cursor_open(t->txn, t->st->branch, &c)) != 0)
		return r;
	while ((r = mdb_cursor_get(c, &k, &d, op)) == 0) {
		op = MDB_NEXT;
		memset(&b, 0, sizeof b);
		memcpy(b.code, k.mv_data,
		    k.mv_size < BRANCH_MAX ? k.mv_size : BRANCH_MAX);
		if ((r = branch_decode(&b, d.mv_data, d.mv_size)) != 0 ||
		    (r = fn(arg, &b)) != 0)
			break;
	}
	mdb_cursor_close(c);
	return r == MDB_NOTFOUND ? 0 : r;
}
