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
		gl = be32_get(p + KEY_BRANCH);
		sub = be64_get(p + KEY_BRANCH + 4);
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
			uint64_t	 kseq;

			if (k.mv_size != KEY_BRANCH + 8 ||
			    memcmp(k.mv_data, key, KEY_BRANCH) != 0)
				break;
			kseq = be64_get((uint8_t *)k.mv_data + KEY_BRANCH);
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

/*
 * The quick check: no rebuild.  From one read snapshot, every branch's
 * journal is read in order with its hash chain, which is recomputed;
 * every entry is decoded and checked (entry_check: its postings
 * balance); and the money is summed in memory, per account (the
 * control accounts too) and business day, and compared with the live
 * balances and period totals both ways: every account the journal moves
 * has its balance and each of its days its period record, equal to the
 * sums, and there are no other records.  What it does not compare is
 * the rest of the derived state (members, loans, users...):
 * store_verify() rebuilds all of it.
 */
struct qacct {
	uint32_t	 gl;		/* 0: a free slot */
	uint64_t	 sub;
	struct balance	 b;		/* as posting would have made it */
};

struct quick {
	struct store_txn	*t;
	struct verify_report	*rep;
	const char		*branch;
	struct qacct		*tab;
	size_t			 cap, n;	/* slots (a power of 2), used */
	uint64_t		 nperiod;	/* period records expected */
	uint64_t		 nbalance;	/* balance records expected */
};

static uint64_t
qhash(uint32_t gl, uint64_t sub)
{
	uint64_t	 z = sub * UINT64_C(0x9e3779b97f4a7c15) ^ gl;

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	return z ^ (z >> 31);
}

static struct qacct *
qfind(struct quick *q, uint32_t gl, uint64_t sub)
{
	struct qacct	*old, *a;
	size_t		 i, oldcap;

	if (2 * (q->n + 1) > q->cap) {
		old = q->tab;
		oldcap = q->cap;
		q->cap = q->cap ? q->cap * 2 : 1024;
		if ((q->tab = calloc(q->cap, sizeof *q->tab)) == NULL) {
			q->tab = old;
			q->cap = oldcap;
			return NULL;
		}
		q->n = 0;
		for (i = 0; i < oldcap; i++) {
			if (old[i].gl != 0) {
				a = qfind(q, old[i].gl, old[i].sub);
				*a = old[i];
			}
		}
		free(old);
	}
	for (i = qhash(gl, sub) & (q->cap - 1); q->tab[i].gl != 0;
	    i = (i + 1) & (q->cap - 1)) {
		if (q->tab[i].gl == gl && q->tab[i].sub == sub)
			return &q->tab[i];
	}
	q->tab[i].gl = gl;
	q->tab[i].sub = sub;
	q->n++;
	return &q->tab[i];
}

static void
qname(struct quick *q, const char *db, uint32_t gl, uint64_t sub,
    uint32_t date, char *out, size_t len)
{
	char	 code[48], ds[16];

	account_format_code(gl, sub, code, sizeof code);
	if (date != 0) {
		date_format(date, ds, sizeof ds);
		snprintf(out, len, "%s %s/%s %s", db, q->branch, code, ds);
	} else
		snprintf(out, len, "%s %s/%s", db, q->branch, code);
}

/* The period record of a's day, now that it moved on a later one. */
static int
qperiod(struct quick *q, const struct qacct *a)
{
	int64_t	 want[4], got[4] = { 0, 0, 0, 0 };
	char	 name[128];
	int	 r;

	want[0] = a->b.day_debit;
	want[1] = a->b.day_credit;
	want[2] = a->b.debit;
	want[3] = a->b.credit;
	q->nperiod++;
	r = account_period_get(q->t, q->branch, a->gl, a->sub, a->b.date, got);
	if (r != 0 && r != STORE_E_NOTFOUND)
		return r;
	if (r == 0 && memcmp(got, want, sizeof got) == 0)
		return 0;
	qname(q, "period", a->gl, a->sub, a->b.date, name, sizeof name);
	report(q->rep, q->branch, a->b.last_seq, N_("%s: the live value "
	    "differs from the journal's"), name, 0);
	return STORE_E_CHAIN;
}

static int
qmove(struct quick *q, uint32_t gl, uint64_t sub, const struct entry *e,
    int64_t amount)
{
	struct qacct	*a;
	int64_t		*tot, *day;
	int		 r;

	if ((a = qfind(q, gl, sub)) == NULL)
		return ENOMEM;
	if (a->b.date != e->date) {
		if (a->b.date != 0 && (r = qperiod(q, a)) != 0)
			return r;
		a->b.date = e->date;
		a->b.day_debit = a->b.day_credit = 0;
	}
	if (amount >= 0) {
		tot = &a->b.debit;
		day = &a->b.day_debit;
	} else {
		tot = &a->b.credit;
		day = &a->b.day_credit;
		amount = amount == INT64_MIN ? INT64_MAX : -amount;
	}
	if (__builtin_add_overflow(*tot, amount, tot) ||
	    __builtin_add_overflow(*day, amount, day))
		return STORE_E_OVERFLOW;
	a->b.amount = a->b.debit - a->b.credit;
	a->b.last_seq = e->seq;
	return 0;
}

/* At a branch's end: every account's balance, with its last day. */
static int
qbranch_end(struct quick *q)
{
	struct balance	 lb;
	char		 name[128];
	size_t		 i;
	int		 r;

	for (i = 0; i < q->cap; i++) {
		const struct qacct *a = &q->tab[i];

		if (a->gl == 0)
			continue;
		/* The last day is in the balance record. */
		q->nbalance++;
		if ((r = account_balance(q->t, q->branch, a->gl, a->sub,
		    &lb)) != 0)
			return r;
		if (lb.amount != a->b.amount || lb.last_seq != a->b.last_seq ||
		    lb.debit != a->b.debit || lb.credit != a->b.credit ||
		    lb.date != a->b.date || lb.day_debit != a->b.day_debit ||
		    lb.day_credit != a->b.day_credit) {
			qname(q, "balance", a->gl, a->sub, 0, name,
			    sizeof name);
			report(q->rep, q->branch, a->b.last_seq,
			    N_("%s: the live value differs from the "
			    "journal's"), name, 0);
			return STORE_E_CHAIN;
		}
	}
	memset(q->tab, 0, q->cap * sizeof *q->tab);
	q->n = 0;
	return 0;
}

int
store_verify_quick(struct store *st, void (*progress)(void *, uint64_t),
    void *arg, struct verify_report *rep)
{
	struct quick		 q;
	struct branches		 bl = { NULL, 0, 0 };
	struct entry		*e = NULL;
	MDB_cursor		*c = NULL, *cc = NULL;
	MDB_val			 k, d, ck, cd;
	MDB_stat		 ms;
	uint8_t			 key[KEY_BRANCH], h[HASH_LEN];
	uint64_t		 seq, kseq, since = 0;
	struct sum_arg		 sum;
	char			 seqs[32];
	size_t			 i;
	uint16_t		 j;
	int			 r, op, cop, x;

	memset(rep, 0, sizeof *rep);
	memset(&q, 0, sizeof q);
	q.rep = rep;
	if ((e = malloc(sizeof *e)) == NULL)
		return ENOMEM;
	if ((r = store_begin(st, 1, &q.t)) != 0)
		goto out;
	if ((r = branch_walk(q.t, add_branch, &bl)) != 0)
		goto out;
	for (i = 0; i < bl.n; i++) {
		struct branch	*b = &bl.b[i];

		q.branch = b->code;
		entry_chain_seed(b->code, h);
		key_branch(key, b->code);
		k.mv_data = key;
		k.mv_size = sizeof key;
		ck = k;
		if ((r = mdb_cursor_open(q.t->txn, st->journal, &c)) != 0 ||
		    (r = mdb_cursor_open(q.t->txn, st->chain, &cc)) != 0)
			goto out;
		seq = 0;
		cop = MDB_SET_RANGE;
		for (op = MDB_SET_RANGE; (r = mdb_cursor_get(c, &k, &d, op))
		    == 0; op = MDB_NEXT) {
			const uint8_t	*kp = k.mv_data;

			if (k.mv_size != KEY_BRANCH + 8 ||
			    memcmp(kp, key, KEY_BRANCH) != 0)
				break;
			for (kseq = 0, x = 0; x < 8; x++)
				kseq = (kseq << 8) | kp[KEY_BRANCH + x];
			if (kseq != seq + 1) {
				snprintf(seqs, sizeof seqs, "%" PRIu64,
				    seq + 1);
				report(rep, b->code, seq + 1,
				    N_("entry %s is missing from the journal"),
				    seqs, 0);
				r = STORE_E_CHAIN;
				goto out;
			}
			seq = kseq;
			entry_chain_next(h, d.mv_data, d.mv_size, h);
			r = mdb_cursor_get(cc, &ck, &cd, cop);
			cop = MDB_NEXT;
			if (r != 0 || ck.mv_size != k.mv_size ||
			    memcmp(ck.mv_data, k.mv_data, k.mv_size) != 0 ||
			    cd.mv_size != HASH_LEN ||
			    memcmp(h, cd.mv_data, HASH_LEN) != 0) {
				report(rep, b->code, seq,
				    N_("the entry's bytes do not match the hash "
				    "chain%s"), "", 0);
				r = STORE_E_CHAIN;
				goto out;
			}
			if ((r = entry_decode(e, d.mv_data, d.mv_size)) == 0) {
				str_copy(e->branch, b->code, sizeof e->branch);
				e->seq = seq;
				r = entry_check(e);
			}
			if (r != 0) {
				report(rep, b->code, seq,
				    N_("the entry does not apply: %s"), NULL, r);
				r = STORE_E_CHAIN;
				goto out;
			}
			for (j = 0; j < e->npost; j++) {
				const struct posting *p = &e->post[j];

				if ((r = qmove(&q, p->gl, p->sub, e,
				    p->amount)) != 0 ||
				    (p->sub != 0 && (r = qmove(&q, p->gl, 0, e,
				    p->amount)) != 0))
					goto out;
			}
			rep->entries++;
			if (++since == COMMIT_EVERY) {
				since = 0;
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
		/* Entries missing at the end show against the branch's count. */
		if (seq + 1 != b->next_seq) {
			snprintf(seqs, sizeof seqs, "%" PRIu64, seq + 1);
			report(rep, b->code, seq + 1,
			    N_("entry %s is missing from the journal"), seqs, 0);
			r = STORE_E_CHAIN;
			goto out;
		}
		if (memcmp(h, b->head, HASH_LEN) != 0) {
			report(rep, b->code, seq, N_("the entry's bytes do not "
			    "match the hash chain%s"), "", 0);
			r = STORE_E_CHAIN;
			goto out;
		}
		if ((r = qbranch_end(&q)) != 0)
			goto out;
		/* Debits equal credits in every branch. */
		memset(&sum, 0, sizeof sum);
		if ((r = account_walk_gl(q.t, b->code, sum_controls,
		    &sum)) != 0)
			goto out;
		if (sum.sum != 0 || sum.overflow) {
			report(rep, b->code, 0,
			    N_("debits and credits differ in the trial "
			    "balance%s"), "", 0);
			r = STORE_E_CHAIN;
			goto out;
		}
	}
	/* No records the journal did not make. */
	q.branch = "";
	if ((r = mdb_stat(q.t->txn, st->balance, &ms)) != 0)
		goto out;
	if (ms.ms_entries != q.nbalance) {
		report(rep, "", 0, N_("%s: in the live books but not in the "
		    "journal"), "balance", 0);
		r = STORE_E_CHAIN;
		goto out;
	}
	if ((r = mdb_stat(q.t->txn, st->period, &ms)) != 0)
		goto out;
	if (ms.ms_entries != q.nperiod) {
		report(rep, "", 0, N_("%s: in the live books but not in the "
		    "journal"), "period", 0);
		r = STORE_E_CHAIN;
		goto out;
	}
	if (progress != NULL)
		progress(arg, rep->entries);
out:
	if (cc != NULL)
		mdb_cursor_close(cc);
	if (c != NULL)
		mdb_cursor_close(c);
	store_abort(q.t);
	free(q.tab);
	free(bl.b);
	free(e);
	return r;
}
