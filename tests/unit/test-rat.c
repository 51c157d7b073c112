/*
 * tests/unit/test-rat.c: the members' meeting's entries, as
 * apply_entry() judges them, and its tally, on a real LMDB data folder
 * holding a head office (HO) and a branch (MOF), both primary here.
 *
 * - apply's rules, on raw requests that skip the posting checks: a
 *   meeting opens at a head office only, once a year, with a quorum it
 *   can reach; items follow in number; voting opens once and closes only
 *   when open; a member is present once at a site, votes once on an
 *   item, and only when present there; the member's branch is written
 *   only when it is another's.
 * - A site's marks apply with no meeting known (a journal applies
 *   wherever it goes); the posting checks refuse them.
 * - The tally: a member at two sites counts once, at the site whose mark
 *   arrived first, the other a duplicate; a vote after its item closed
 *   is late; an unknown member is not counted; the quorum's time.
 * - A member who joined after the meeting's date is refused at posting
 *   and not counted in the tally; so is a mark at a branch that is not
 *   one of the sites.
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

#define DAY0	20394			/* 2025-11-02 */
#define T0	(INT64_C(20394) * 86400 + 3600)

#define assert_code(got, want) do {					\
	int	 got_ = (got), want_ = (want);				\
									\
	if (got_ != want_) {						\
		print_error("%s:%d: got %d (%s), want %d (%s)\n",	\
		    __FILE__, __LINE__, got_, store_strerror(got_),	\
		    want_, store_strerror(want_));			\
		fail();							\
	}								\
} while (0)

struct fx {
	char		 root[PATH_MAX];
	char		 data[PATH_MAX + 16];
	struct store	*st;
};

/* A raw request: fields as given, no prepare hook. */
struct raw {
	struct post_req	 q;
	uint8_t		 num[ENTRY_MAXFIELD][10];
};

static void
raw_init(struct raw *r, const char *branch, const char *user, uint16_t kind,
    int64_t when)
{
	memset(r, 0, sizeof *r);
	r->q.branch = branch;
	r->q.user = user;
	r->q.kind = kind;
	r->q.time = when;
}

static void
raw_u64(struct raw *r, uint16_t tag, uint64_t v)
{
	struct buf	 b;
	uint16_t	 i = r->q.nfield;

	buf_wrap(&b, r->num[i], sizeof r->num[i]);
	buf_put_varint(&b, v);
	r->q.field[i] = (struct field){ tag, (uint16_t)b.len, r->num[i] };
	r->q.nfield++;
}

static void
raw_str(struct raw *r, uint16_t tag, const char *s)
{
	r->q.field[r->q.nfield++] = (struct field){ tag, (uint16_t)strlen(s),
	    (const uint8_t *)s };
}

static int
post(struct fx *f, struct raw *r)
{
	struct post_result	 res;

	return store_post(f->st, &r->q, &res);
}

static int
rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static void
add_user(struct fx *f, const char *branch, const char *login, uint8_t role)
{
	struct raw	 r;
	char		 hash[128];

	assert_code(user_hash_password("rahasia-123", hash, sizeof hash), 0);
	raw_init(&r, branch, "admin", EK_USER_ADD, T0);
	raw_str(&r, F_NAME, login);
	raw_str(&r, F_LOGIN, login);
	raw_u64(&r, F_ROLE, role);
	raw_str(&r, F_HASH, hash);
	assert_code(post(f, &r), 0);
}

static void
add_member(struct fx *f, const char *branch, const char *nik,
    const char *name)
{
	struct member_req	 m;
	struct post_req		 q;
	struct post_result	 res;

	memset(&m, 0, sizeof m);
	m.nik = nik;
	m.name = name;
	m.gender = 'L';
	m.address = "RT 01";
	m.village = "Wuring";
	member_join_req(&q, branch, "kasir", &m);
	assert_code(store_post(f->st, &q, &res), 0);
}

static int
setup(void **state)
{
	struct fx	*f;
	struct init_req	 ir;
	struct raw	 r;
	const char	*br[2] = { "HO", "MOF" };
	int		 i;

	if ((f = calloc(1, sizeof *f)) == NULL)
		return -1;
	snprintf(f->root, sizeof f->root, "/tmp/test-rat.XXXXXX");
	if (mkdtemp(f->root) == NULL)
		return -1;
	snprintf(f->data, sizeof f->data, "%s/data", f->root);
	if (store_open(f->data, STORE_CREATE, &f->st) != 0)
		return -1;
	for (i = 0; i < 2; i++) {
		memset(&ir, 0, sizeof ir);
		ir.coop = "Kopdit Uji";
		ir.branch = br[i];
		ir.branch_name = br[i];
		ir.date = DAY0;
		ir.flags = i == 0 ? BRANCH_F_HEAD : 0;
		ir.admin = "admin";
		ir.admin_name = "Admin";
		ir.admin_password = "rahasia-123";
		ir.time = T0 - 60;
		if (store_init(f->st, &ir) != 0)
			return -1;
		add_user(f, br[i], "kasir", ROLE_TELLER);
		add_user(f, br[i], "mgr", ROLE_MANAGER);
		/* Cash in the vault, for the teller's drawer. */
		raw_init(&r, br[i], "mgr", EK_JOURNAL, T0);
		r.q.npost = 2;
		r.q.post[0] = (struct posting){ GL_VAULT, 0, INT64_C(1000000000) };
		r.q.post[1] = (struct posting){ GL_OPENING, 0, -INT64_C(1000000000) };
		if (post(f, &r) != 0)
			return -1;
	}
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx	*f = *state;

	store_close(f->st);
	nftw(f->root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

static void
open_drawer(struct fx *f, const char *branch)
{
	struct store_txn	*t;
	struct user		 u;
	struct raw		 r;

	assert_code(store_begin(f->st, 1, &t), 0);
	assert_code(user_get(t, branch, "kasir", &u), 0);
	store_abort(t);
	raw_init(&r, branch, "kasir", EK_DRAWER_OPEN, T0);
	r.q.npost = 2;
	r.q.post[0] = (struct posting){ GL_CASH, u.drawer, 100000000 };
	r.q.post[1] = (struct posting){ GL_VAULT, 0, -100000000 };
	assert_code(post(f, &r), 0);
}

/* The meeting's own entries: at the head office, in order. */
static void
test_meeting_rules(void **state)
{
	struct fx		*f = *state;
	struct raw		 r;
	struct store_txn	*t;
	struct rat		 m;

	/* Not at a branch that is no head office. */
	raw_init(&r, "MOF", "admin", EK_RAT_OPEN, T0);
	raw_u64(&r, F_FLAGS, RAT_MEMBERS);
	raw_u64(&r, F_DATE, DAY0);
	raw_u64(&r, F_RAT, 2025);
	raw_str(&r, F_SITES, "HO,MOF");
	raw_u64(&r, F_ELIGIBLE, 10);
	raw_u64(&r, F_QUORUM, 6);
	assert_code(post(f, &r), STORE_E_BRANCH);
	/* A quorum past everyone plus one. */
	r.q.branch = "HO";
	r.num[5][0] = 12;
	assert_code(post(f, &r), STORE_E_INVAL);
	r.num[5][0] = 6;
	/* A site that is not a branch code. */
	r.q.field[3].val = (const uint8_t *)"HO,mof";
	assert_code(post(f, &r), STORE_E_BRANCH);
	r.q.field[3].val = (const uint8_t *)"HO,MOF";
	assert_code(post(f, &r), 0);
	assert_code(post(f, &r), STORE_E_EXISTS);

	/* Items follow in number. */
	raw_init(&r, "HO", "admin", EK_RAT_ITEM, T0 + 10);
	raw_str(&r, F_NAME, "Laporan");
	raw_u64(&r, F_RAT, 2025);
	raw_u64(&r, F_ITEM, 2);
	assert_code(post(f, &r), STORE_E_RATITEM);
	r.num[2][0] = 1;
	assert_code(post(f, &r), 0);
	/* A teller may not add one. */
	r.q.user = "kasir";
	r.num[2][0] = 2;
	assert_code(post(f, &r), STORE_E_ROLE);

	/* Voting closes only once open, and opens once. */
	raw_init(&r, "HO", "admin", EK_RAT_VOTE_CLOSE, T0 + 20);
	raw_u64(&r, F_RAT, 2025);
	raw_u64(&r, F_ITEM, 1);
	assert_code(post(f, &r), STORE_E_VOTING);
	r.q.kind = EK_RAT_VOTE_OPEN;
	assert_code(post(f, &r), 0);
	assert_code(post(f, &r), STORE_E_VOTING);
	r.num[1][0] = 2;
	assert_code(post(f, &r), STORE_E_RATITEM);

	assert_code(store_begin(f->st, 1, &t), 0);
	assert_code(rat_current(t, &m), 0);
	store_abort(t);
	assert_int_equal(m.year, 2025);
	assert_int_equal(m.nsite, 2);
	assert_string_equal(m.site[1], "MOF");
	assert_int_equal(m.nitem, 1);
	assert_int_equal(m.item[0].opened, T0 + 20);
	assert_int_equal(m.item[0].closed, 0);
	assert_int_equal(m.quorum, 6);

	/* Closed: no more items, and voting closed with it. */
	raw_init(&r, "HO", "admin", EK_RAT_CLOSE, T0 + 30);
	raw_u64(&r, F_RAT, 2025);
	assert_code(post(f, &r), 0);
	assert_code(post(f, &r), STORE_E_RAT);
	assert_code(store_begin(f->st, 1, &t), 0);
	assert_code(rat_current(t, &m), STORE_E_RAT);
	assert_code(rat_get(t, "HO", 2025, &m), 0);
	store_abort(t);
	assert_int_equal(m.item[0].closed, T0 + 30);
	assert_int_equal(m.closed, T0 + 30);
}

static void
mark(struct raw *r, const char *site, uint16_t item, const char *mbranch,
    uint64_t member, int64_t when)
{
	raw_init(r, site, "kasir", item == 0 ? EK_RAT_ATTEND : EK_RAT_VOTE,
	    when);
	raw_u64(r, F_RAT, 2025);
	if (item != 0) {
		raw_u64(r, F_ITEM, item);
		raw_u64(r, F_CHOICE, RAT_YES);
	}
	if (mbranch != NULL)
		raw_str(r, F_MBRANCH, mbranch);
	raw_u64(r, F_ATTENDEE, member);
}

/* A site's marks, as apply judges them: its own records only. */
static void
test_mark_rules(void **state)
{
	struct fx		*f = *state;
	struct raw		 r;
	struct post_req		 q;
	struct post_result	 res;
	struct rat_mark_req	 rq;

	/* No meeting here at all, yet the raw mark applies. */
	mark(&r, "MOF", 0, NULL, 1, T0);
	assert_code(post(f, &r), 0);
	assert_code(post(f, &r), STORE_E_PRESENT);
	/* The same member, written with its own branch: one way only. */
	mark(&r, "MOF", 0, "MOF", 1, T0);
	assert_code(post(f, &r), STORE_E_INVAL);
	/* Another branch's member 1 is another member. */
	mark(&r, "MOF", 0, "HO", 1, T0);
	assert_code(post(f, &r), 0);
	/* A vote: present here, once. */
	mark(&r, "MOF", 1, NULL, 2, T0);
	assert_code(post(f, &r), STORE_E_ABSENT);
	mark(&r, "MOF", 1, "HO", 1, T0);
	assert_code(post(f, &r), 0);
	assert_code(post(f, &r), STORE_E_VOTED);
	/* An admin is no teller at the counter. */
	mark(&r, "MOF", 0, NULL, 3, T0);
	r.q.user = "admin";
	assert_code(post(f, &r), STORE_E_ROLE);

	/* Posted the usual way: no meeting known here, refused. */
	memset(&rq, 0, sizeof rq);
	rq.mbranch = "MOF";
	rq.member = 4;
	rat_mark_req(&q, "MOF", "kasir", &rq);
	assert_code(store_post(f->st, &q, &res), STORE_E_RAT);
}

static void
open_meeting(struct fx *f, uint64_t eligible, uint64_t quorum)
{
	struct raw	 r;

	raw_init(&r, "HO", "admin", EK_RAT_OPEN, T0);
	raw_u64(&r, F_FLAGS, RAT_MEMBERS);
	raw_u64(&r, F_DATE, DAY0);
	raw_u64(&r, F_RAT, 2025);
	raw_str(&r, F_SITES, "HO,MOF");
	raw_u64(&r, F_ELIGIBLE, eligible);
	raw_u64(&r, F_QUORUM, quorum);
	assert_code(post(f, &r), 0);
	raw_init(&r, "HO", "admin", EK_RAT_ITEM, T0);
	raw_str(&r, F_NAME, "Laporan");
	raw_u64(&r, F_RAT, 2025);
	raw_u64(&r, F_ITEM, 1);
	assert_code(post(f, &r), 0);
	raw_init(&r, "HO", "admin", EK_RAT_VOTE_OPEN, T0 + 100);
	raw_u64(&r, F_RAT, 2025);
	raw_u64(&r, F_ITEM, 1);
	assert_code(post(f, &r), 0);
}

static const struct rat_mark *
find(const struct rat_tally *ty, const char *site, uint16_t item,
    const char *mbranch, uint64_t member)
{
	size_t	 i;

	for (i = 0; i < ty->nmark; i++) {
		const struct rat_mark *a = &ty->mark[i];

		if (a->item == item && a->member == member &&
		    strcmp(a->site, site) == 0 &&
		    strcmp(a->mbranch, mbranch) == 0)
			return a;
	}
	fail_msg("no mark of %s-%llu at %s", mbranch,
	    (unsigned long long)member, site);
	return NULL;
}

static void
test_tally(void **state)
{
	struct fx		*f = *state;
	struct raw		 r;
	struct rat_tally	 ty;
	struct store_txn	*t;
	const struct rat_mark	*a;
	struct rat_mark_req	 rq;
	struct post_req		 q;
	struct post_result	 res;

	open_drawer(f, "HO");
	open_drawer(f, "MOF");
	add_member(f, "HO", "5301010101800001", "Ana");
	add_member(f, "HO", "5301010201800002", "Beni");
	add_member(f, "MOF", "5301010301800003", "Cici");
	open_meeting(f, 3, 2);

	/* Posted the usual way: unknown, and known, members. */
	memset(&rq, 0, sizeof rq);
	rq.mbranch = "MOF";
	rq.member = 9;
	rat_mark_req(&q, "MOF", "kasir", &rq);
	assert_code(store_post(f->st, &q, &res), STORE_E_MEMBER);
	rq.member = 1;
	assert_code(store_post(f->st, &q, &res), 0);

	/*
	 * HO-1 at MOF first (arrives first, though its clock says later),
	 * then at HO: the HO mark is the duplicate.
	 */
	mark(&r, "MOF", 0, "HO", 1, T0 + 50);
	assert_code(post(f, &r), 0);
	mark(&r, "HO", 0, NULL, 1, T0 + 40);
	assert_code(post(f, &r), 0);
	mark(&r, "HO", 0, NULL, 2, T0 + 60);
	assert_code(post(f, &r), 0);
	/* A member no branch has, recorded raw. */
	mark(&r, "HO", 0, "MOF", 7, T0 + 70);
	assert_code(post(f, &r), 0);
	/* Votes: one in time, one before voting opened, then late. */
	mark(&r, "MOF", 1, "HO", 1, T0 + 110);
	assert_code(post(f, &r), 0);
	mark(&r, "HO", 1, NULL, 2, T0 + 90);
	assert_code(post(f, &r), 0);
	raw_init(&r, "HO", "admin", EK_RAT_VOTE_CLOSE, T0 + 200);
	raw_u64(&r, F_RAT, 2025);
	raw_u64(&r, F_ITEM, 1);
	assert_code(post(f, &r), 0);
	mark(&r, "MOF", 1, NULL, 1, T0 + 201);
	assert_code(post(f, &r), 0);

	assert_code(store_begin(f->st, 1, &t), 0);
	assert_code(rat_tally(t, "HO", 2025, &ty), 0);
	store_abort(t);
	assert_int_equal(ty.present, 3);	/* MOF-1, HO-1 at MOF, HO-2 */
	a = find(&ty, "HO", 0, "HO", 1);
	assert_int_equal(a->status, RAT_DUPLICATE);
	assert_string_equal(a->other, "MOF");
	assert_int_equal(find(&ty, "MOF", 0, "HO", 1)->status, RAT_OK);
	assert_int_equal(find(&ty, "HO", 0, "MOF", 7)->status, RAT_UNKNOWN);
	assert_int_equal(find(&ty, "MOF", 1, "HO", 1)->status, RAT_OK);
	assert_int_equal(find(&ty, "HO", 1, "HO", 2)->status, RAT_EARLY);
	assert_int_equal(find(&ty, "MOF", 1, "MOF", 1)->status, RAT_LATE);
	assert_int_equal(ty.count[0].yes, 1);
	assert_int_equal(ty.count[0].dropped, 2);
	/* The quorum of 2: the second counted attendance by the clock. */
	assert_int_equal(ty.quorum_time, T0 + 60);
	rat_tally_free(&ty);
}

/* A meeting dated before a member joined: refused, and not counted. */
static void
test_not_member_on_date(void **state)
{
	struct fx		*f = *state;
	struct raw		 r;
	struct rat_tally	 ty;
	struct store_txn	*t;
	struct rat_mark_req	 rq;
	struct post_req		 q;
	struct post_result	 res;

	open_drawer(f, "HO");
	add_member(f, "HO", "5301010101800001", "Ana");
	raw_init(&r, "HO", "admin", EK_RAT_OPEN, T0);
	raw_u64(&r, F_FLAGS, RAT_DELEGATES);
	raw_u64(&r, F_DATE, DAY0 - 1);
	raw_u64(&r, F_RAT, 2025);
	raw_str(&r, F_SITES, "HO");
	raw_u64(&r, F_ELIGIBLE, 5);
	raw_u64(&r, F_QUORUM, 3);
	assert_code(post(f, &r), 0);

	memset(&rq, 0, sizeof rq);
	rq.mbranch = "HO";
	rq.member = 1;
	rat_mark_req(&q, "HO", "kasir", &rq);
	assert_code(store_post(f->st, &q, &res), STORE_E_NOTMEMBER);
	/* At a site not of the meeting's: refused there. */
	rq.mbranch = "MOF";
	rat_mark_req(&q, "MOF", "kasir", &rq);
	assert_code(store_post(f->st, &q, &res), STORE_E_SITE);

	/* Recorded raw all the same: the tally does not count it. */
	mark(&r, "HO", 0, NULL, 1, T0);
	assert_code(post(f, &r), 0);
	mark(&r, "MOF", 0, "HO", 2, T0);
	assert_code(post(f, &r), 0);
	assert_code(store_begin(f->st, 1, &t), 0);
	assert_code(rat_tally(t, "HO", 2025, &ty), 0);
	store_abort(t);
	assert_int_equal(ty.present, 0);
	assert_int_equal(ty.quorum_time, 0);
	assert_int_equal(ty.rat.mode, RAT_DELEGATES);
	assert_int_equal(find(&ty, "HO", 0, "HO", 1)->status, RAT_NOTMEMBER);
	assert_int_equal(find(&ty, "MOF", 0, "HO", 2)->status, RAT_NOTSITE);
	rat_tally_free(&ty);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test_setup_teardown(test_meeting_rules, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_mark_rules, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_tally, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_member_on_date, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
