/*
 * tests/unit/test-batch.c: batches of requests through
 * store_post_batch(), on a real LMDB data folder.
 *
 * A branch with a teller, a supervisor and an auditor, five members with
 * sukarela, and the teller's drawer open.  A batch of 100 requests
 * (deposits, withdrawals, a member joining, journal entries) holds 7 bad
 * ones, each bad in its own way: a negative amount, a withdrawal past
 * the balance, an unknown member, an unknown account, an auditor
 * posting a deposit, a second member with a NIK joined earlier in the
 * same batch, and debits that do not equal credits.
 *
 * - The dry run names exactly those 7 requests with their errors,
 *   writes nothing, and says which number each good one would take.
 *   The request after the withdrawal past the balance takes the member
 *   down to the minimum exactly: it passes only if the refused one left
 *   nothing behind.
 * - For real, the batch writes nothing: the first bad request's result
 *   says why, every other says STORE_E_BATCH; the journal's length and
 *   every balance are unchanged.
 * - The 93 good ones: the dry run finds nothing wrong, and for real they
 *   take exactly the numbers the first dry run said, and the members'
 *   balances are what the test worked out.
 * - txn_nested() (store-int.h), the child transaction a dry run tries
 *   each request in, undoes a refused request's writes.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>

#include <ftw.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "store/store-int.h"
#include "tests/unit/fixture.h"

const char	 fixture_name[] = "batch";

#define DAY0		19783			/* 2024-03-01 */
#define SUK_MIN		RP(10000)		/* the store's default */
#define POKOK		RP(100000)
#define WAJIB		RP(25000)
#define NMEM		5
#define NREQ		100
#define NBAD		7

struct fx {
	char		 root[PATH_MAX];
	char		 data[PATH_MAX + 16];
	struct store	*st;
	char		 hash[128];
	uint32_t	 drawer;		/* ani's */
	uint64_t	 mem[NMEM];		/* member numbers */
	int64_t		 suk[NMEM];		/* their sukarela, worked out */
	struct req	 r[NREQ];
	int		 bad[NREQ];		/* the error it must get */
};

static void
req_deposit(struct req *r, const char *user, uint32_t drawer, uint64_t n,
    int64_t amount)
{
	req_init(r, user, EK_DEPOSIT);
	req_u64(r, F_MEMBER, n);
	req_post(r, GL_CASH, drawer, amount);
	req_post(r, GL_SUKARELA, n, -amount);
}

static void
req_withdraw(struct req *r, const char *user, uint32_t drawer, uint64_t n,
    int64_t amount)
{
	req_init(r, user, EK_WITHDRAW);
	req_u64(r, F_MEMBER, n);
	req_post(r, GL_SUKARELA, n, amount);
	req_post(r, GL_CASH, drawer, -amount);
}

/* A join at ani's drawer; the request points into r. */
static void
req_join(struct req *r, const char *nik, const char *name)
{
	memset(r, 0, sizeof *r);
	r->m.nik = nik;
	r->m.name = name;
	r->m.gender = 'L';
	r->m.address = "Jl. Ahmad Yani No. 7, RT 003 RW 002";
	r->m.village = "Nita";
	r->m.wajib = WAJIB;
	r->m.sukarela = RP(50000);
	member_join_req(&r->q, BR, "ani", &r->m);
}

static uint64_t
member_of(struct store *st, uint64_t seq)
{
	struct store_txn	*t;
	struct entry		*e;
	uint64_t		 n;

	assert_non_null(e = malloc(sizeof *e));
	assert_code(store_begin(st, 1, &t), 0);
	assert_code(journal_get(t, BR, seq, e), 0);
	store_abort(t);
	assert_int_equal(e->kind, EK_MEMBER_JOIN);
	assert_code(entry_get_u64(e, F_MEMBER, &n), 0);
	free(e);
	return n;
}

/* NIKs of Sikka (53 10), unique by i. */
static const char *niks[] = {
	"5310010101600001", "5310010202610002", "5310010303620003",
	"5310010404630004", "5310010505640005", "5310010606650006",
};

static int
setup(void **state)
{
	struct fx	*f;
	struct init_req	 iq;
	struct req	 r;
	struct user	 u;
	struct store_txn *t;
	const char	*tmp;
	char		 name[64];
	int		 i;

	assert_non_null(f = calloc(1, sizeof *f));
	*state = f;
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	snprintf(f->root, sizeof f->root, "%s/loket-test-batch.XXXXXX", tmp);
	assert_non_null(mkdtemp(f->root));
	snprintf(f->data, sizeof f->data, "%s/data", f->root);
	assert_code(store_open(f->data, STORE_CREATE, &f->st), 0);
	assert_code(user_hash_password(PW, f->hash, sizeof f->hash), 0);
	memset(&iq, 0, sizeof iq);
	iq.coop = "Koperasi Kredit Sinar Harapan";
	iq.branch = BR;
	iq.branch_name = "Cabang Maumere";
	iq.date = DAY0;
	iq.admin = "admin";
	iq.admin_name = "Admin Koperasi";
	iq.admin_password = PW;
	assert_code(store_init(f->st, &iq), 0);
	fixture_user(f->st, "ani", "Ani Wulandari", ROLE_TELLER, f->hash);
	fixture_user(f->st, "sisi", "Maria Fransiska Sisi", ROLE_SUPERVISOR,
	    f->hash);
	fixture_user(f->st, "odi", "Odilia Auditor", ROLE_AUDITOR, f->hash);
	assert_code(store_begin(f->st, 1, &t), 0);
	assert_code(user_get(t, BR, "ani", &u), 0);
	store_abort(t);
	f->drawer = u.drawer;

	req_init(&r, "sisi", EK_JOURNAL);
	req_post(&r, GL_VAULT, 0, RP(100000000));
	req_post(&r, GL_OPENING, 0, -RP(100000000));
	post_ok(f->st, &r.q);
	req_init(&r, "ani", EK_DRAWER_OPEN);
	req_post(&r, GL_CASH, f->drawer, RP(10000000));
	req_post(&r, GL_VAULT, 0, -RP(10000000));
	post_ok(f->st, &r.q);
	for (i = 0; i < NMEM; i++) {
		snprintf(name, sizeof name, "Anggota Nomor %d", i + 1);
		req_join(&r, niks[i], name);
		f->mem[i] = member_of(f->st, post_ok(f->st, &r.q));
		f->suk[i] = RP(50000);
		assert_int_equal(natural(f->st, GL_SUKARELA, f->mem[i]),
		    f->suk[i]);
	}
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*f = *state;

	if (f == NULL)
		return 0;
	store_close(f->st);
	(void)nftw(f->root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/*
 * The 100 requests and the error each bad one must get; f->suk becomes
 * the members' sukarela after the good ones.
 */
static void
build_batch(struct fx *f)
{
	struct req	*r;
	int64_t		 amt;
	int		 i, k;

	for (i = 0; i < NREQ; i++) {
		r = &f->r[i];
		k = i % NMEM;
		switch (i) {
		case 5:		/* a negative amount: not a deposit's shape */
			req_deposit(r, "ani", f->drawer, f->mem[k], -RP(1000));
			f->bad[i] = STORE_E_INVAL;
			break;
		case 17:	/* one Rupiah past what may be withdrawn */
			req_withdraw(r, "ani", f->drawer, f->mem[k],
			    f->suk[k] - SUK_MIN + RP(1));
			f->bad[i] = STORE_E_BALANCE;
			break;
		case 18:	/* all that may be withdrawn, after 17 */
			k = 17 % NMEM;
			amt = f->suk[k] - SUK_MIN;
			req_withdraw(r, "ani", f->drawer, f->mem[k], amt);
			f->suk[k] -= amt;
			break;
		case 29:	/* a member there is not */
			req_deposit(r, "ani", f->drawer, 999, RP(1000));
			f->bad[i] = STORE_E_MEMBER;
			break;
		case 41:	/* an account the chart does not have */
			req_init(r, "sisi", EK_JOURNAL);
			req_post(r, 1999, 0, RP(1000));
			req_post(r, GL_VAULT, 0, -RP(1000));
			f->bad[i] = STORE_E_ACCOUNT;
			break;
		case 53:	/* an auditor takes no deposits */
			req_deposit(r, "odi", f->drawer, f->mem[k], RP(1000));
			f->bad[i] = STORE_E_ROLE;
			break;
		case 60:	/* a new member: good */
			req_join(r, niks[NMEM], "Anggota Baru Sekali");
			break;
		case 67:	/* the same NIK again */
			req_join(r, niks[NMEM], "Anggota Baru Lagi");
			f->bad[i] = STORE_E_NIKUSED;
			break;
		case 83:	/* debits one sen more than credits */
			req_init(r, "sisi", EK_JOURNAL);
			req_post(r, GL_OPEX, 0, RP(1000) + 1);
			req_post(r, GL_VAULT, 0, -RP(1000));
			f->bad[i] = STORE_E_UNBALANCED;
			break;
		default:
			if (i % 10 == 9) {
				req_withdraw(r, "ani", f->drawer, f->mem[k],
				    RP(5000));
				f->suk[k] -= RP(5000);
			} else {
				amt = RP(1000 + 100 * i);
				req_deposit(r, "ani", f->drawer, f->mem[k],
				    amt);
				f->suk[k] += amt;
			}
			break;
		}
	}
}

static void
test_batch(void **state)
{
	struct fx		*f = *state;
	struct post_req		 q[NREQ], good[NREQ];
	struct post_result	 dry[NREQ], res[NREQ];
	int64_t			 cash0, vault0, suk0[NMEM];
	uint64_t		 next0, want;
	size_t			 i, ngood = 0, nbad = 0, first = NREQ;
	int			 m;

	build_batch(f);
	for (i = 0; i < NREQ; i++) {
		q[i] = f->r[i].q;
		if (f->bad[i] != 0) {
			nbad++;
			if (first == NREQ)
				first = i;
		} else
			good[ngood++] = f->r[i].q;
	}
	assert_int_equal(nbad, NBAD);
	assert_int_equal(ngood, NREQ - NBAD);
	next0 = branch_of(f->st).next_seq;
	cash0 = natural(f->st, GL_CASH, f->drawer);
	vault0 = natural(f->st, GL_VAULT, 0);
	for (m = 0; m < NMEM; m++)
		suk0[m] = natural(f->st, GL_SUKARELA, f->mem[m]);

	/* The dry run: exactly the 7, each with its error; nothing written. */
	assert_code(store_post_batch(f->st, q, NREQ, STORE_DRYRUN, dry),
	    f->bad[first]);
	want = next0;
	for (i = 0; i < NREQ; i++) {
		if (dry[i].error != f->bad[i])
			print_error("request %zu: got %d (%s), want %d (%s)\n",
			    i, dry[i].error, store_strerror(dry[i].error),
			    f->bad[i], store_strerror(f->bad[i]));
		assert_code(dry[i].error, f->bad[i]);
		assert_int_equal(dry[i].replayed, 0);
		if (f->bad[i] != 0)
			assert_int_equal(dry[i].seq, 0);
		else
			assert_int_equal(dry[i].seq, want++);
	}
	assert_int_equal(branch_of(f->st).next_seq, next0);
	assert_int_equal(natural(f->st, GL_CASH, f->drawer), cash0);

	/* For real: all or nothing, and it is nothing. */
	assert_code(store_post_batch(f->st, q, NREQ, 0, res), f->bad[first]);
	for (i = 0; i < NREQ; i++) {
		assert_code(res[i].error, i == first ? f->bad[i] :
		    STORE_E_BATCH);
		assert_int_equal(res[i].seq, 0);
	}
	assert_int_equal(branch_of(f->st).next_seq, next0);
	assert_int_equal(natural(f->st, GL_CASH, f->drawer), cash0);
	assert_int_equal(natural(f->st, GL_VAULT, 0), vault0);
	for (m = 0; m < NMEM; m++)
		assert_int_equal(natural(f->st, GL_SUKARELA, f->mem[m]),
		    suk0[m]);
	/* store_post_many() is the same. */
	assert_code(store_post_many(f->st, q, NREQ, res), f->bad[first]);
	assert_int_equal(branch_of(f->st).next_seq, next0);

	/* The 93 good ones: a clean dry run, then 93 entries. */
	assert_code(store_post_batch(f->st, good, ngood, STORE_DRYRUN, res),
	    0);
	assert_int_equal(branch_of(f->st).next_seq, next0);
	assert_code(store_post_batch(f->st, good, ngood, 0, res), 0);
	assert_int_equal(branch_of(f->st).next_seq, next0 + 93);
	for (i = 0, m = 0; i < NREQ; i++) {
		if (f->bad[i] != 0)
			continue;
		assert_code(res[m].error, 0);
		assert_int_equal(res[m].seq, dry[i].seq);
		m++;
	}
	for (m = 0; m < NMEM; m++)
		assert_int_equal(natural(f->st, GL_SUKARELA, f->mem[m]),
		    f->suk[m]);
}

/*
 * The apply function checks before it writes, so no refused request of
 * today's kinds has written anything; txn_nested() must still undo what
 * a refused one wrote, the branch record it cached included.  Inside one
 * write transaction: a child that moves the branch's next number and
 * writes a setting, then fails, leaves neither; one that succeeds keeps
 * both.
 */
struct nest_arg {
	int	 fail;
};

static int
nest_fn(struct store_txn *t, void *arg)
{
	struct nest_arg	*a = arg;
	struct branch	 b;
	int		 r;

	if ((r = branch_get(t, BR, &b)) != 0)
		return r;
	b.next_seq += 5;
	if ((r = branch_put(t, &b)) != 0 ||
	    (r = setting_put(t, BR, "test.nested", "ya")) != 0)
		return r;
	return a->fail ? STORE_E_INVAL : 0;
}

static void
test_nested_undoes(void **state)
{
	struct fx		*f = *state;
	struct store_txn	*t;
	struct nest_arg		 a;
	struct branch		 b;
	char			 v[16];
	uint64_t		 next0 = branch_of(f->st).next_seq;

	assert_code(store_begin(f->st, 0, &t), 0);
	assert_code(branch_get(t, BR, &b), 0);	/* now in t's cache */
	a.fail = 1;
	assert_code(txn_nested(t, nest_fn, &a), STORE_E_INVAL);
	assert_code(branch_get(t, BR, &b), 0);
	assert_int_equal(b.next_seq, next0);
	assert_code(setting_get(t, BR, "test.nested", v, sizeof v),
	    STORE_E_NOTFOUND);
	a.fail = 0;
	assert_code(txn_nested(t, nest_fn, &a), 0);
	assert_code(branch_get(t, BR, &b), 0);
	assert_int_equal(b.next_seq, next0 + 5);
	assert_code(setting_get(t, BR, "test.nested", v, sizeof v), 0);
	assert_string_equal(v, "ya");
	store_abort(t);
	assert_int_equal(branch_of(f->st).next_seq, next0);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test_setup_teardown(test_batch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nested_undoes, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
