/*
 * store/verify.c: rebuild every derived record from the journal in a
 * scratch environment, through the one apply function, and compare it
 * with the live one; recompute the hash chain.  The live data is only
 * read, from one snapshot, so tellers keep posting meanwhile.
 */
#include <sys/stat.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store-int.h"

#define COMMIT_EVERY	100000

/* Keep the first disagreement: fmt is a msgid taking arg (or code's). */
static void
report(struct verify_report *rep, const char *branch, uint64_t seq,
    const char *fmt, const char *arg, int code)
{
	if (rep->what[0] != '\0')
		return;
	snprintf(rep->branch, sizeof rep->branch, "%s", branch);
	rep->bad_seq = seq;
	rep->fmt = fmt;
	rep->code = code;
	snprintf(rep->arg, sizeof rep->arg, "%s", code ? store_strerror(code) :
	    arg);
	snprintf(rep->what, sizeof rep->what, fmt, rep->arg);
}

static void
key_name(const char *db, const MDB_val *k, char *out, size_t len)
{
	const uint8_t	*p = k->mv_data;
	char		 br[BRANCH_MAX + 1], code[48];
	uint32_t	 gl = 0;
	uint64_t	 sub = 0;
	size_t		 i, n;

	memset(br, 0, sizeof br);
	memcpy(br, p, k->mv_size < KEY_BRANCH ? k->mv_size : KEY_BRANCH);
	if ((strcmp(db, "account") == 0 || strcmp(db, "balance") == 0 ||
	    strcmp(db, "period") == 0) && k->mv_size >= KEY_BRANCH + 12) {
		for (i = 0; i < 4; i++)
			gl = (gl << 8) | p[KEY_BRANCH + i];
		for (i = 0; i < 8; i++)
			sub = (sub << 8) | p[KEY_BRANCH + 4 + i];
		account_format_code(gl, sub, code, sizeof code);
		if (k->mv_size == KEY_BRANCH + 16) {
			char		 ds[16];
			uint32_t	 date = 0;

			for (i = 0; i < 4; i++)
				date = (date << 8) | p[KEY_BRANCH + 12 + i];
			date_format(date, ds, sizeof ds);
			snprintf(out, len, "%s %s/%s %s", db, br, code, ds);
		} else
			snprintf(out, len, "%s %s/%s", db, br, code);
	} else if (k->mv_size > KEY_BRANCH) {
		n = k->mv_size - KEY_BRANCH;
		if (n > 32)
			n = 32;
		memset(code, 0, sizeof code);
		for (i = 0; i < n; i++) {
			code[i] = p[KEY_BRANCH + i] >= 0x20 &&
			    p[KEY_BRANCH + i] < 0x7f ? p[KEY_BRANCH + i] : '?';
		}
		snprintf(out, len, "%s %s/%s", db, br, code);
	} else
		snprintf(out, len, "%s", db);
}

/* The entry to blame for a record that differs: a balance's last mover. */
static uint64_t
blame(const char *db, const MDB_val *d)
{
	int64_t		 v[2];	/* a balance record starts so */

	if (strcmp(db, "balance") != 0 || d == NULL || d->mv_size < sizeof v)
		return 0;
	memcpy(v, d->mv_data, sizeof v);
	return (uint64_t)v[1];
}

static int
compare_db(MDB_txn *lt, MDB_dbi ld, MDB_txn *st, MDB_dbi sd, const char *db,
    struct verify_report *rep)
{
	MDB_cursor	*lc = NULL, *sc = NULL;
	MDB_val		 lk, lv, sk, sv;
	char		 name[128], br[BRANCH_MAX + 1];
	int		 lr, sr, c, r;

	if ((r = mdb_cursor_open(lt, ld, &lc)) != 0 ||
	    (r = mdb_cursor_open(st, sd, &sc)) != 0)
		goto out;
	lr = mdb_cursor_get(lc, &lk, &lv, MDB_FIRST);
	sr = mdb_cursor_get(sc, &sk, &sv, MDB_FIRST);
	while (lr == 0 || sr == 0) {
		if (lr == 0 && sr == 0) {
			c = memcmp(lk.mv_data, sk.mv_data, lk.mv_size <
			    sk.mv_size ? lk.mv_size : sk.mv_size);
			if (c == 0)
				c = (lk.mv_size > sk.mv_size) -
				    (lk.mv_size < sk.mv_size);
		} else
			c = lr == 0 ? -1 : 1;
		if (c != 0 || lv.mv_size != sv.mv_size ||
		    memcmp(lv.mv_data, sv.mv_data, lv.mv_size) != 0) {
			const MDB_val *k = c <= 0 ? &lk : &sk;

			key_name(db, k, name, sizeof name);
			memset(br, 0, sizeof br);
			memcpy(br, k->mv_data, k->mv_size < KEY_BRANCH ?
			    k->mv_size : KEY_BRANCH);
			rep->bad_seq = 0;
			report(rep, br, c < 0 ? blame(db, &lv) :
			    c > 0 ? blame(db, &sv) : blame(db, &lv),
			    c < 0 ? N_("%s: in the live books but not in the "
			    "journal") : c > 0 ? N_("%s: in the journal but "
			    "missing from the live books") :
			    N_("%s: the live value differs from the journal's"),
			    name, 0);
			r = STORE_E_CHAIN;
			goto out;
		}
		lr = mdb_cursor_get(lc, &lk, &lv, MDB_NEXT);
		sr = mdb_cursor_get(sc, &sk, &sv, MDB_NEXT);
	}
	r = 0;
out:
	if (sc != NULL)
		mdb_cursor_close(sc);
	if (lc != NULL)
		mdb_cursor_close(lc);
	return r;
}

static int
rm_scratch(const char *dir)
{
	char	 f[4096 + 16];

	snprintf(f, sizeof f, "%s/data.mdb", dir);
	(void)unlink(f);
	snprintf(f, sizeof f, "%s/lock.mdb", dir);
	(void)unlink(f);
	return rmdir(dir);
}

struct branches {
	struct branch	*b;
	size_t		 n, cap;
};

static int
add_branch(void *arg, const struct branch *b)
{
	struct branches	*bl = arg;
	struct branch	*nb;

	if (bl->n == bl->cap) {
		bl->cap = bl->cap ? bl->cap * 2 : 16;
		if ((nb = reallocarray(bl->b, bl->cap, sizeof *nb)) == NULL)
			return ENOMEM;
		bl->b = nb;
	}
	bl->b[bl->n++] = *b;
	return 0;
}

struct sum_arg {
	int64_t		 sum;
	int		 overflow;
};

static int
sum_controls(void *arg, const struct account *a, const struct balance *b)
{
	struct sum_arg	*s = arg;

	if (a->sub == 0 && __builtin_add_overflow(s->sum, b->amount, &s->sum))
		s->overflow = 1;
	return 0;
}

/*
 * Returns 0 when everything agrees; STORE_E_CHAIN with rep filled in
 * when something does not (rep->bad_seq names the first entry at fault
 * where one can be named); or an error that stopped the check.
 */
int
store_verify(struct store *st, const char *tmpdir,
    void (*progress)(void *, uint64_t), void *arg, struct verify_report *rep)
{
	struct store		*sc = NULL;
	struct store_txn	*lt = NULL, *stx = NULL;
	struct branches		 bl = { NULL, 0, 0 };
	struct branch		*bs;
	size_t			 nb, i;
	MDB_cursor		*c = NULL, *cc = NULL;
	MDB_val			 k, d, ck, cd;
	MDB_dbi			 ld, sd;
	uint8_t			 key[KEY_BRANCH], h[HASH_LEN];
	uint64_t		 seq, since = 0;
	struct sum_arg		 sum;
	char			 dir[4096], seqs[32];
	int			 r, op, cop;

	memset(rep, 0, sizeof *rep);
	snprintf(dir, sizeof dir, "%s/loket-verify.XXXXXX",
	    tmpdir != NULL ? tmpdir : "/tmp");
	if (mkdtemp(dir) == NULL)
		return errno;
	if ((r = store_open(dir, STORE_CREATE | STORE_SCRATCH, &sc)) != 0)
		goto out;
	if ((r = store_begin(st, 1, &lt)) != 0 ||
	    (r = store_begin(sc, 0, &stx)) != 0)
		goto out;
	stx->jsrc = lt;
	stx->nojournal = 1;
	if ((r = branch_walk(lt, add_branch, &bl)) != 0)
		goto out;
	bs = bl.b;
	nb = bl.n;

	for (i = 0; i < nb; i++) {
		key_branch(key, bs[i].code);
		k.mv_data = key;
		k.mv_size = sizeof key;
		if ((r = mdb_cursor_open(lt->txn, st->journal, &c)) != 0 ||
		    (r = mdb_cursor_open(lt->txn, st->chain, &cc)) != 0)
			goto out;
		ck = k;
		cop = MDB_SET_RANGE;
		seq = 0;
		for (op = MDB_SET_RANGE; (r = mdb_cursor_get(c, &k, &d, op))
		    == 0; op = MDB_NEXT) {
			uint64_t	 kseq = 0;
			int		 j;

			if (k.mv_size != KEY_BRANCH + 8 ||
			    memcmp(k.mv_data, key, KEY_BRANCH) != 0)
				break;
			for (j = 0; j < 8; j++)
				kseq = (kseq << 8) |
				    ((uint8_t *)k.mv_data)[KEY_BRANCH + j];
			if (kseq != seq + 1) {
				snprintf(seqs, sizeof seqs, "%" PRIu64,
				    seq + 1);
				report(rep, bs[i].code, seq + 1,
				    N_("entry %s is missing from the journal"),
				    seqs, 0);
				r = STORE_E_CHAIN;
				goto out;
			}
			seq = kseq;
			r = store_replay(stx, bs[i].code, seq, d.mv_data,
			    d.mv_size, h);
			if (r != 0) {
				report(rep, bs[i].code, seq,
				    N_("the entry does not apply: %s"), NULL, r);
				r = STORE_E_CHAIN;
				goto out;
			}
			/* The chain walks in step with the journal. */
			r = mdb_cursor_get(cc, &ck, &cd, cop);
			cop = MDB_NEXT;
			if (r != 0 || ck.mv_size != k.mv_size ||
			    memcmp(ck.mv_data, k.mv_data, k.mv_size) != 0 ||
			    cd.mv_size != HASH_LEN ||
			    memcmp(h, cd.mv_data, HASH_LEN) != 0) {
				report(rep, bs[i].code, seq,
				    N_("the entry's bytes do not match the hash "
				    "chain%s"), "", 0);
				r = STORE_E_CHAIN;
				goto out;
			}
			rep->entries++;
			if (++since == COMMIT_EVERY) {
				since = 0;
				if ((r = store_commit(stx)) != 0) {
					stx = NULL;
					goto out;
				}
				if ((r = store_begin(sc, 0, &stx)) != 0)
					goto out;
				stx->jsrc = lt;
				stx->nojournal = 1;
				if (progress != NULL)
					progress(arg, rep->entries);
			}
		}
		mdb_cursor_close(c);
		c = NULL;
		mdb_cursor_close(cc);
		cc = NULL;
		if (r != 0 && r != MDB_NOTFOUND)
			goto out;
		r = 0;
		/* Entries missing at the end show against the branch's count. */
		if (seq + 1 < bs[i].next_seq) {
			snprintf(seqs, sizeof seqs, "%" PRIu64, seq + 1);
			report(rep, bs[i].code, seq + 1,
			    N_("entry %s is missing from the journal"), seqs, 0);
			r = STORE_E_CHAIN;
			goto out;
		}
	}

	/* Every derived record, both ways. */
	for (i = 0; i < store_ndbs; i++) {
		if (!(store_dbs[i].flags & DB_DERIVED))
			continue;
		if ((r = store_dbi(st, store_dbs[i].name, &ld)) != 0 ||
		    (r = store_dbi(sc, store_dbs[i].name, &sd)) != 0)
			goto out;
		if ((r = compare_db(lt->txn, ld, stx->txn, sd,
		    store_dbs[i].name, rep)) != 0)
			goto out;
	}

	/* Debits equal credits in every branch. */
	for (i = 0; i < nb; i++) {
		memset(&sum, 0, sizeof sum);
		if ((r = account_walk_gl(lt, bs[i].code, sum_controls,
		    &sum)) != 0)
			goto out;
		if (sum.sum != 0 || sum.overflow) {
			report(rep, bs[i].code, 0,
			    N_("debits and credits differ in the trial "
			    "balance%s"), "", 0);
			r = STORE_E_CHAIN;
			goto out;
		}
	}
	if (progress != NULL)
		progress(arg, rep->entries);
out:
	if (cc != NULL)
		mdb_cursor_close(cc);
	if (c != NULL)
		mdb_cursor_close(c);
	store_abort(stx);
	store_abort(lt);
	store_close(sc);
	rm_scratch(dir);
	free(bl.b);
	return r;
}
