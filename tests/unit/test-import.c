/*
 * tests/unit/test-import.c: loket import's entry kinds (store/import.c)
 * through the store's public API, on real LMDB data folders.
 *
 * - import_loan_plan(): where an imported loan stands, worked out by
 *   hand for a flat loan mid-life with arrears; a remaining principal
 *   within one instalment of the schedule goes to the last instalment;
 *   figures that disagree are refused.
 * - Each kind's refusals in apply: forged entries (an imported loan whose
 *   figures disagree with its terms, a member with another's old number
 *   or a NIK of the other sex, an opening entry posting to a member's
 *   account or to suspense without a manager's decision, a term deposit
 *   matured before the cutover, an import on a later day) write nothing.
 * Each book ends with store_verify().
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <ftw.h>
#include <inttypes.h>
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

#include "tests/unit/fixture.h"

const char	 fixture_name[] = "import";

/* -- folders and books -------------------------------------------------- */

static struct book *
book_new(uint32_t day0)
{
	struct book		*b;

	b = book_open(day0);
	add_user(b, "ani", "Ani Wulandari", ROLE_TELLER);
	add_user(b, "mira", "Mira Lestari", ROLE_MANAGER);
	return b;
}

#define CUTOVER	date_from_ymd(2024, 3, 31)

/* Flat, Rp 6.000.000 at 1.5% for 6 months from 2024-01-15: the second
 * instalment unpaid at the cutover. */
static struct import_loan_req
flat_loan(void)
{
	struct import_loan_req	 q;

	memset(&q, 0, sizeof q);
	q.old_no = "L-1";
	q.member_old = "A-1";
	q.method = LOAN_FLAT;
	q.principal = RP(6000000);
	q.rate_bp = 150;
	q.term = 6;
	q.disbursed = date_from_ymd(2024, 1, 15);
	q.outstanding = RP(5000000);
	q.next = 3;
	q.arrears_principal = RP(1000000);
	q.arrears_interest = RP(90000);
	q.penalty = RP(17440);
	return q;
}

static void
test_loan_plan(void **state)
{
	struct instalment	 x[LOAN_TERM_MAX];
	struct import_loan_req	 q;
	struct loan		 l;
	int			 k;

	(void)state;
	/* By hand: 1.000.000 + 90.000 a month; one paid, one in arrears. */
	q = flat_loan();
	assert_code(import_loan_plan(&q, &l, x), 0);
	for (k = 0; k < 6; k++) {
		assert_true(x[k].principal == RP(1000000));
		assert_true(x[k].interest == RP(90000));
	}
	assert_true(x[2].due == date_from_ymd(2024, 4, 15));
	assert_int_equal(l.state, LOAN_ACTIVE);
	assert_int_equal(l.ndue, 2);
	assert_int_equal(l.kprin, 1);
	assert_true(l.prin_part == 0);
	assert_int_equal(l.kint, 1);
	assert_true(l.int_part == 0);
	assert_true(l.overdue == RP(1090000));
	assert_true(l.outstanding == RP(5000000));
	assert_true(l.paid_principal == RP(1000000));
	assert_true(l.paid_interest == RP(90000));
	assert_true(l.penalty == RP(17440));

	/* Rp 500 less than the schedule: the last instalment takes it. */
	q.outstanding = RP(4999500);
	assert_code(import_loan_plan(&q, &l, x), 0);
	assert_true(x[5].principal == RP(999500));
	assert_true(x[4].principal == RP(1000000));
	assert_int_equal(l.kprin, 1);
	/* A part paid of the arrears: kprin stops inside instalment 2. */
	q = flat_loan();
	q.outstanding = RP(4600000);
	q.arrears_principal = RP(600000);
	assert_code(import_loan_plan(&q, &l, x), 0);
	assert_int_equal(l.kprin, 1);
	assert_true(l.prin_part == RP(400000));

	/* More than one instalment away from the schedule. */
	q = flat_loan();
	q.outstanding = RP(2500000);
	q.arrears_principal = 0;
	assert_code(import_loan_plan(&q, &l, x), STORE_E_LOANTERMS);
	/* Every instalment due: all that remains must be in arrears. */
	q = flat_loan();
	q.next = 7;
	q.outstanding = RP(1000000);
	q.arrears_principal = RP(900000);
	assert_code(import_loan_plan(&q, &l, x), STORE_E_LOANTERMS);
	q.arrears_principal = RP(1000000);
	q.arrears_interest = RP(90000);
	assert_code(import_loan_plan(&q, &l, x), 0);
	assert_int_equal(l.ndue, 6);
	assert_int_equal(l.kprin, 5);
	/* More interest in arrears than the instalments due hold. */
	q = flat_loan();
	q.arrears_interest = RP(180100);
	assert_code(import_loan_plan(&q, &l, x), STORE_E_LOANTERMS);
	/* Arrears above what remains; a remainder above the principal. */
	q = flat_loan();
	q.arrears_principal = RP(5000100);
	assert_code(import_loan_plan(&q, &l, x), STORE_E_AMOUNT);
	q = flat_loan();
	q.outstanding = RP(6000100);
	assert_code(import_loan_plan(&q, &l, x), STORE_E_AMOUNT);
	/* The old books' accrual (1202): at most the interest in arrears. */
	q = flat_loan();
	assert_code(import_loan_plan(&q, &l, x), 0);
	assert_true(l.accrued == 0);
	q.accrued = RP(90000);
	assert_code(import_loan_plan(&q, &l, x), 0);
	assert_true(l.accrued == RP(90000));
	q.accrued = RP(90100);
	assert_code(import_loan_plan(&q, &l, x), STORE_E_AMOUNT);
	q.accrued = -RP(100);
	assert_code(import_loan_plan(&q, &l, x), STORE_E_AMOUNT);
	/* Terms loket has no schedule for. */
	q = flat_loan();
	q.next = 8;
	assert_code(import_loan_plan(&q, &l, x), STORE_E_LOANTERMS);
	q = flat_loan();
	q.method = 4;
	assert_code(import_loan_plan(&q, &l, x), STORE_E_LOANTERMS);
}

static struct import_member_req
member_a1(void)
{
	struct import_member_req	 q;

	memset(&q, 0, sizeof q);
	q.old_no = "A-1";
	q.name = "Maria Lewar";
	q.nik = "5307014506850001";
	q.gender = 'P';
	q.birth = 19850605;
	q.joined = date_from_ymd(2010, 2, 1);
	q.status = MEMBER_ACTIVE;
	q.pokok = RP(100000);
	q.wajib = RP(1200000);
	q.sukarela = RP(500000);
	q.wajib_arrears = 2;
	return q;
}

/* A forged loan entry: disbursed on day, next instalment next. */
static void
forged_loan(struct req *r, uint32_t day, uint64_t next, uint64_t sub,
    int64_t out)
{
	req_init(r, "admin", EK_IMPORT_LOAN);
	req_u64(r, F_DATE, day);
	req_u64(r, F_MEMBER, 1);
	req_u64(r, F_TERM, 6);
	req_u64(r, F_LOAN, 1);
	req_u64(r, F_METHOD, LOAN_FLAT);
	req_u64(r, F_MRATE, 150);
	req_i64(r, F_PRINCIPAL, RP(6000000));
	req_u64(r, F_NEXT, next);
	req_post(r, GL_LOANS, sub, out);
	req_post(r, GL_OPENING, 0, -out);
}

static void
test_refusals(void **state)
{
	struct import_member_req	 mq = member_a1(), m2;
	struct import_loan_req		 lq = flat_loan();
	struct import_term_req		 tq;
	struct eod_report		 rep;
	struct store_txn		*t;
	struct post_req			 q;
	struct member			 m;
	struct loan			 l;
	struct req			 r;
	struct book			*b;
	uint64_t			 found[4], seq;
	size_t				 nf;
	int				 months;
	int64_t				 arrears, wajib;

	(void)state;
	b = book_new(CUTOVER);

	/* Members: a teller may not; the NIK is checked; one old number. */
	import_member_req(&q, BR, "ani", &mq);
	post_refused(b->st, &q, STORE_E_ROLE);
	m2 = mq;
	m2.gender = 'L';
	import_member_req(&q, BR, "admin", &m2);
	post_refused(b->st, &q, STORE_E_GENDER);
	m2 = mq;
	m2.nik = "5307014506859";
	import_member_req(&q, BR, "admin", &m2);
	post_refused(b->st, &q, STORE_E_NIK);
	m2 = mq;
	m2.birth = 19850606;
	import_member_req(&q, BR, "admin", &m2);
	post_refused(b->st, &q, STORE_E_BIRTH);
	m2 = mq;
	m2.joined = CUTOVER + 1;
	import_member_req(&q, BR, "admin", &m2);
	post_refused(b->st, &q, STORE_E_INVAL);
	import_member_req(&q, BR, "admin", &mq);
	seq = post_ok(b->st, &q);
	assert_true(natural(b->st, GL_WAJIB, 1) == RP(1200000));
	assert_true(natural(b->st, GL_OPENING, 0) == -RP(1800000));
	m2 = mq;
	m2.nik = NULL;
	import_member_req(&q, BR, "admin", &m2);
	post_refused(b->st, &q, STORE_E_EXISTS);
	/* Without a NIK and an address: NIK belum ada. */
	m2.old_no = "A-2";
	m2.name = "Yosef Nong";
	m2.gender = 'L';
	m2.birth = 0;
	m2.address = NULL;
	m2.wajib_arrears = 0;
	import_member_req(&q, BR, "admin", &m2);
	post_ok(b->st, &q);

	assert_code(store_begin(b->st, 1, &t), 0);
	assert_code(member_get(t, BR, 1, &m), 0);
	assert_string_equal(m.old_no, "A-1");
	assert_true(m.wajib_from == CUTOVER);
	assert_true(m.wajib_paid == RP(1200000));
	assert_code(member_search(t, BR, "A-1", found, 4, &nf), 0);
	assert_int_equal(nf, 1);
	assert_true(found[0] == 1);
	/* Two months of wajib owed from the old books, then April's and
	 * May's: the months before, at today's rate, are not owed again. */
	wajib = savings_setting(t, BR, "savings.wajib");
	assert_true(wajib > 0);
	assert_code(member_wajib_due(t, BR, 1, CUTOVER, &months, &arrears), 0);
	assert_int_equal(months, 2);
	assert_true(arrears == 2 * wajib);
	assert_code(member_wajib_due(t, BR, 1, date_from_ymd(2024, 5, 2),
	    &months, &arrears), 0);
	assert_int_equal(months, 4);
	assert_true(arrears == 4 * wajib);
	assert_code(member_get(t, BR, 2, &m), 0);
	assert_string_equal(m.nik, "");
	assert_code(import_first(t, BR, &found[0]), 0);
	assert_true(found[0] == seq);
	store_abort(t);

	/* A forged member: the wrong number, another's account. */
	req_init(&r, "admin", EK_IMPORT_MEMBER);
	req_str(&r, F_NAME, "Yohanes Bata");
	req_u64(&r, F_DATE, CUTOVER);
	req_u64(&r, F_MEMBER, 9);
	req_str(&r, F_GENDER, "L");
	req_u64(&r, F_STATUS, MEMBER_ACTIVE);
	req_str(&r, F_OLDNO, "A-3");
	post_refused(b->st, &r.q, STORE_E_SEQUENCE);
	req_init(&r, "admin", EK_IMPORT_MEMBER);
	req_str(&r, F_NAME, "Yohanes Bata");
	req_u64(&r, F_DATE, CUTOVER);
	req_u64(&r, F_MEMBER, 3);
	req_str(&r, F_GENDER, "L");
	req_u64(&r, F_STATUS, MEMBER_ACTIVE);
	req_str(&r, F_OLDNO, "A-3");
	req_post(&r, GL_SUKARELA, 1, -RP(1000));
	req_post(&r, GL_OPENING, 0, RP(1000));
	post_refused(b->st, &r.q, STORE_E_INVAL);

	/* Opening balances: GL accounts only; suspense a manager's. */
	req_init(&r, "admin", EK_IMPORT_OPENING);
	req_u64(&r, F_DATE, CUTOVER);
	req_post(&r, GL_SUKARELA, 1, -RP(1000));
	req_post(&r, GL_VAULT, 0, RP(1000));
	post_refused(b->st, &r.q, STORE_E_ACCOUNT);
	req_init(&r, "admin", EK_IMPORT_OPENING);
	req_u64(&r, F_DATE, CUTOVER - 1);
	req_post(&r, GL_BANK, 0, RP(1000));
	req_post(&r, GL_RESERVE, 0, -RP(1000));
	post_refused(b->st, &r.q, STORE_E_INVAL);
	req_init(&r, "admin", EK_ACCOUNT_OPEN);
	req_str(&r, F_NAME, "Selisih saldo awal");
	req_u64(&r, F_GL, GL_SUSPENSE_CR);
	req_u64(&r, F_TYPE, ACCT_LIABILITY);
	post_ok(b->st, &r.q);
	req_init(&r, "mira", EK_IMPORT_OPENING);
	req_u64(&r, F_DATE, CUTOVER);
	req_post(&r, GL_BANK, 0, RP(1000));
	req_post(&r, GL_SUSPENSE_CR, 0, -RP(1000));
	post_refused(b->st, &r.q, STORE_E_INVAL);
	req_init(&r, "admin", EK_IMPORT_OPENING);
	req_u64(&r, F_DATE, CUTOVER);
	req_u64(&r, F_FORCED, 1);
	req_post(&r, GL_BANK, 0, RP(1000));
	req_post(&r, GL_SUSPENSE_CR, 0, -RP(1000));
	post_refused(b->st, &r.q, STORE_E_ROLE);
	req_init(&r, "mira", EK_IMPORT_OPENING);
	req_u64(&r, F_DATE, CUTOVER);
	req_u64(&r, F_FORCED, 1);
	req_post(&r, GL_BANK, 0, RP(1000));
	req_post(&r, GL_SUSPENSE_CR, 0, -RP(1000));
	post_ok(b->st, &r.q);
	assert_true(natural(b->st, GL_SUSPENSE_CR, 0) == RP(1000));

	/* Forged loans whose figures disagree with their terms. */
	forged_loan(&r, date_from_ymd(2024, 3, 1), 1, 1, RP(3000000));
	post_refused(b->st, &r.q, STORE_E_LOANTERMS);
	/* Instalment 1 fell due on 2024-02-15: next cannot be 1. */
	forged_loan(&r, date_from_ymd(2024, 1, 15), 1, 1, RP(6000000));
	post_refused(b->st, &r.q, STORE_E_LOANTERMS);
	/* Instalment 1 falls due on 2024-04-01: next cannot be 2. */
	forged_loan(&r, date_from_ymd(2024, 3, 1), 2, 1, RP(5000000));
	post_refused(b->st, &r.q, STORE_E_LOANTERMS);
	/* The remaining principal to another loan's account. */
	forged_loan(&r, date_from_ymd(2024, 3, 1), 1, 2, RP(6000000));
	post_refused(b->st, &r.q, STORE_E_INVAL);
	/* Disbursed after the cutover. */
	forged_loan(&r, CUTOVER + 1, 1, 1, RP(6000000));
	post_refused(b->st, &r.q, STORE_E_LOANTERMS);
	lq.arrears_interest = RP(200000);
	import_loan_req(&q, BR, "admin", &lq);
	post_refused(b->st, &q, STORE_E_LOANTERMS);
	lq = flat_loan();
	import_loan_req(&q, BR, "admin", &lq);
	post_ok(b->st, &q);
	assert_code(store_begin(b->st, 1, &t), 0);
	assert_code(loan_get(t, BR, 1, &l), 0);
	store_abort(t);
	assert_int_equal(l.state, LOAN_ACTIVE);
	assert_true(l.member == 1);
	assert_int_equal(l.ndue, 2);
	assert_true(l.overdue == RP(1090000));
	assert_true(l.pen_to == CUTOVER);
	assert_true(natural(b->st, GL_LOANS, 1) == RP(5000000));

	/* Term deposits: one that matured before the cutover is not. */
	memset(&tq, 0, sizeof tq);
	tq.member_old = "A-1";
	tq.amount = RP(5000000);
	tq.months = 12;
	tq.rate_bp = 600;
	tq.opened = date_from_ymd(2023, 3, 1);
	import_term_req(&q, BR, "admin", &tq);
	post_refused(b->st, &q, STORE_E_TERM);
	tq.opened = date_from_ymd(2024, 1, 1);
	import_term_req(&q, BR, "admin", &tq);
	post_ok(b->st, &q);
	assert_true(natural(b->st, GL_BERJANGKA, 101) == RP(5000000));

	/* The cutover closed: the branch takes no other import. */
	assert_code(store_eod(b->st, BR, "mira", CUTOVER, 0, 0, &rep), 0);
	m2 = mq;
	m2.old_no = "A-9";
	m2.nik = NULL;
	import_member_req(&q, BR, "admin", &m2);
	post_refused(b->st, &q, STORE_E_EXISTS);
	book_done(b);
}

int
main(void)
{
#define T(fn)	cmocka_unit_test_teardown(fn, fixture_cleanup)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loan_plan),
		T(test_refusals),
	};
#undef T

	if (user_hash_password(PW, pw_hash, sizeof pw_hash) != 0) {
		printf("Bail out! cannot hash a password\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
