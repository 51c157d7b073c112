/*
 * tests/unit/test-health.c: store/health-calc.c on a constructed
 * cooperative whose every figure was chosen by hand.  The expected
 * scores, totals and predicates below were worked out by hand from
 * domain.md's rules and the default thresholds (the arithmetic is in
 * the comments), not by running the code.
 *
 * The cooperative, in Rupiah: cash 5 jt, bank 7 jt, loans 80 jt less an
 * allowance of 2 jt, other assets 10 jt: assets 100 jt (80 jt a year
 * before).  Sukarela 50 jt, berjangka 20 jt, payables 2 jt, a bank loan
 * 3 jt.  Pokok 5 jt, wajib 10 jt (13 jt a year before), reserve 4 jt,
 * grant 1 jt, SHU not shared 5 jt: own capital 20 jt.  The year: income
 * 20 jt (18 jt from members' loans), expenses 17 jt (4 jt savings
 * interest, 1 jt provision), 1,5 jt SHU credited to members.  550
 * members, 500 a year before.  Loans: 70 jt current, 4 jt special
 * mention, 2 jt each substandard, doubtful and loss; 8 jt late 1-12
 * months, 2 jt beyond: the provision they need is 8 x 35% + 2 = 4,8 jt.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/store.h"

#define RP(x)	((int64_t)(x) * 100)
#define JT(x)	RP((int64_t)(x) * 1000000)

static void
answers(struct health_inputs *in, int l, const char *s)
{
	size_t	 i;

	in->check_date[l] = 20000;
	for (i = 0; s[i] != '\0'; i++)
		in->check[l][i] = (uint8_t)(s[i] - '0');
}

static void
coop(struct health_inputs *in)
{
	memset(in, 0, sizeof *in);
	in->date = 20000;
	in->cash = JT(5);
	in->bank = JT(7);
	in->loans = JT(80);
	in->allowance = JT(2);
	in->assets = JT(100);
	in->savings = JT(50);
	in->term = JT(20);
	in->payables = JT(2);
	in->borrowing = JT(3);
	in->liabilities = JT(75);
	in->pokok = JT(5);
	in->wajib = JT(10);
	in->reserve = JT(4);
	in->grant = JT(1);
	in->shu = JT(5);
	in->equity = JT(25);
	in->income = JT(20);
	in->member_income = JT(18);
	in->expenses = JT(17);
	in->sav_interest = JT(4);
	in->provision_exp = JT(1);
	in->shu_paid = RP(1500000);
	in->assets_prev = JT(80);
	in->shares_prev = JT(13);
	in->members = 550;
	in->members_prev = 500;
	in->lateness = 1;
	in->klass[LOAN_LANCAR] = JT(70);
	in->klass[LOAN_DPK] = JT(4);
	in->klass[LOAN_KURANG] = JT(2);
	in->klass[LOAN_DIRAGUKAN] = JT(2);
	in->klass[LOAN_MACET] = JT(2);
	in->late = JT(10);
	in->late_1_12 = JT(8);
	in->late_12 = JT(2);
	in->provision = RP(4800000);
	answers(in, HEALTH_GOVERNANCE, "112233");
	answers(in, HEALTH_RISK, "1234");
	answers(in, HEALTH_MANAGEMENT, "11122");
}

static const struct health_figure *
fig(const struct health_result *r, const char *code)
{
	size_t	 i;

	for (i = 0; i < r->nfig; i++)
		if (strcmp(r->fig[i].code, code) == 0)
			return &r->fig[i];
	fail_msg("no figure %s", code);
	return NULL;
}

static void
expect(const struct health_result *r, const char *code, int64_t ratio,
    int score)
{
	const struct health_figure *f = fig(r, code);

	if (f->ratio != ratio || f->score != score)
		fail_msg("%s: ratio %lld score %d, expected %lld and %d", code,
		    (long long)f->ratio, f->score, (long long)ratio, score);
}

/*
 * Permenkop 9/2020.  Financial performance: K1 problem loans 6/80 =
 * 7,5% (<= 10: nilai 2, score 3); K2 allowance 2 / 4,8 = 41,66% (>= 26:
 * nilai 3, score 2); K3 17/20 = 85% (<= 90: 2, 3); K4 3/100 = 3% (4);
 * K5 12/52 = 23,07% (4); K6 80/93 = 86,02% (4); K7 18/20 = 90% (4):
 * 24 of 28 = 85,71%.  Capital: C1 20/100 = 20% (4), C2 20/78 = 25,64%
 * (4): 100%.  Governance 112233: 4+4+3+3+2+2 = 18 of 24 = 75%; risk
 * 1234: 10 of 16 = 62,5%.  Points: 30 x 75% = 22,50; 15 x 62,50% =
 * 9,37; 40 x 85,71% = 34,28; 15 x 100% = 15,00: 81,15 > 80: sehat.
 */
static void
test_p2020(void **state)
{
	struct health_inputs	 in;
	struct health_config	 c;
	struct health_result	 r;

	(void)state;
	coop(&in);
	health_config_defaults(&c);
	health_p2020(&in, &c, &r);
	expect(&r, "K1", 750, 3);
	expect(&r, "K2", 4166, 2);
	expect(&r, "K3", 8500, 3);
	expect(&r, "K4", 300, 4);
	expect(&r, "K5", 2307, 4);
	expect(&r, "K6", 8602, 4);
	expect(&r, "K7", 9000, 4);
	expect(&r, "C1", 2000, 4);
	expect(&r, "C2", 2564, 4);
	assert_int_equal(fig(&r, "K1")->num, JT(6));
	assert_int_equal(fig(&r, "K1")->den, JT(80));
	assert_int_equal(fig(&r, "K6")->den, JT(93));
	assert_int_equal(r.nasp, 4);
	assert_int_equal(r.asp[0].percent, 7500);
	assert_int_equal(r.asp[1].percent, 6250);
	assert_int_equal(r.asp[2].percent, 8571);
	assert_int_equal(r.asp[3].percent, 10000);
	assert_int_equal(r.asp[0].points, 2250);
	assert_int_equal(r.asp[1].points, 937);
	assert_int_equal(r.asp[2].points, 3428);
	assert_int_equal(r.asp[3].points, 1500);
	assert_int_equal(r.total, 8115);
	assert_int_equal(r.predicate, HEALTH_SEHAT);

	/* A worse governance, 444444: 6 of 24 = 25%, 7,50 points: 66,15 */
	answers(&in, HEALTH_GOVERNANCE, "444444");
	health_p2020(&in, &c, &r);
	assert_int_equal(r.total, 6615);
	assert_int_equal(r.predicate, HEALTH_CUKUP);

	/* No checklists entered: 0 of 45 points: 49,28, special supervision */
	in.check_date[HEALTH_GOVERNANCE] = in.check_date[HEALTH_RISK] = 0;
	health_p2020(&in, &c, &r);
	assert_int_equal(r.total, 4928);
	assert_int_equal(r.predicate, HEALTH_KHUSUS);
	assert_false(r.asp[0].entered);

	/* The edges are settings: K1 at most 8% for nilai 1 makes it 4 */
	coop(&in);
	c.v[10] = 800;		/* health.p20.K1.e1 */
	health_p2020(&in, &c, &r);
	expect(&r, "K1", 750, 4);
}

/*
 * Perdep 06/2016.  Capital: C1 20% (< 21: 25) x 6 = 150; C2 20/10 =
 * 200% (100) x 6 = 600; C3 25,64% (100) x 3 = 300.  Asset quality: A1
 * 10/80 = 12,5% (< 21: 100) x 10 = 1000; A2 (1 + 1,5 + 2)/80 = 5,62%:
 * (45 - 5,62) x 2 = 78 x 10 = 780; A3 2/4,5 = 44,44% (44) x 5 = 220.
 * Management 11122: 18 of 20 = 90% of 15 = 13,50.  Efficiency 85% (<
 * 86: 75) x 10 = 750.  Liquidity: L1 23,07% (> 20: 25) x 10 = 250; L2
 * 86,02% (< 100: 75) x 5 = 375.  Growth: ROA 3% (100) x 4, members 10%
 * (100) x 3, assets 25% (100) x 3 = 1000.  Identity 90% (100) x 10.
 * 1050 + 2000 + 1350 + 750 + 625 + 1000 + 1000 = 77,75: cukup sehat.
 */
static void
test_p2016(void **state)
{
	struct health_inputs	 in;
	struct health_config	 c;
	struct health_result	 r;

	(void)state;
	coop(&in);
	health_config_defaults(&c);
	health_p2016(&in, &c, &r);
	expect(&r, "C1", 2000, 25);
	expect(&r, "C2", 20000, 100);
	expect(&r, "C3", 2564, 100);
	expect(&r, "A1", 1250, 100);
	expect(&r, "A2", 562, 78);
	expect(&r, "A3", 4444, 44);
	expect(&r, "E1", 8500, 75);
	expect(&r, "L1", 2307, 25);
	expect(&r, "L2", 8602, 75);
	expect(&r, "G1", 300, 100);
	expect(&r, "G2", 1000, 100);
	expect(&r, "G3", 2500, 100);
	expect(&r, "I1", 9000, 100);
	assert_int_equal(fig(&r, "A2")->num, RP(4500000));
	assert_int_equal(r.nasp, 7);
	assert_int_equal(r.asp[0].points, 1050);
	assert_int_equal(r.asp[1].points, 2000);
	assert_int_equal(r.asp[2].points, 1350);
	assert_int_equal(r.asp[3].points, 750);
	assert_int_equal(r.asp[4].points, 625);
	assert_int_equal(r.asp[5].points, 1000);
	assert_int_equal(r.asp[6].points, 1000);
	assert_int_equal(r.total, 7775);
	assert_int_equal(r.predicate, HEALTH_CUKUP);

	/* Troubled-loan risk at 45% or more scores 0 */
	in.klass[LOAN_MACET] = JT(36);
	health_p2016(&in, &c, &r);
	assert_int_equal(fig(&r, "A2")->score, 0);
}

/*
 * PEARLS: P1 2/2 = 100% (>= 100: met); P2 (2 - 2)/8 = 0 (not); E1 (80 -
 * 2 - 2,8)/100 = 75,2% (70-80: met); E5 70/100 (met); E6 3% (met); E9
 * (2 + 4 + 1 + 5 - 4,8)/100 = 7,2% (not); A1 10/80 = 12,5% (not); A2
 * (100 - 80 + 2 - 7)/100 = 15% (not); R7 1,5 / ((15 + 13)/2) = 10,71%;
 * R9 (17 - 4 - 1) / ((100 + 80)/2) = 13,33% (not); L1 (12 - 2)/70 =
 * 14,28% (not); L2 7/70 = 10% (met); S10 50/500 = 10% (not > 12%); S11
 * 20/80 = 25% (> 3% + 10%: met).
 */
static void
test_pearls(void **state)
{
	static const struct {
		const char	*code;
		int64_t		 ratio;
		int		 met;
	} want[PEARLS_N] = {
		{ "P1", 10000, 1 }, { "P2", 0, 0 }, { "E1", 7520, 1 },
		{ "E5", 7000, 1 }, { "E6", 300, 1 }, { "E9", 720, 0 },
		{ "A1", 1250, 0 }, { "A2", 1500, 0 }, { "R7", 1071, 0 },
		{ "R9", 1333, 0 }, { "L1", 1428, 0 }, { "L2", 1000, 1 },
		{ "S10", 1000, 0 }, { "S11", 2500, 1 },
	};
	struct health_inputs	 in;
	struct health_config	 c;
	struct health_figure	 f[PEARLS_N];
	size_t			 i;

	(void)state;
	coop(&in);
	health_config_defaults(&c);
	health_pearls(&in, &c, f);
	for (i = 0; i < PEARLS_N; i++) {
		assert_string_equal(f[i].code, want[i].code);
		if (f[i].ratio != want[i].ratio || f[i].met != want[i].met)
			fail_msg("%s: %lld %d, expected %lld %d", f[i].code,
			    (long long)f[i].ratio, f[i].met,
			    (long long)want[i].ratio, want[i].met);
	}
	assert_int_equal(f[2].num, RP(75200000));
	assert_int_equal(f[8].den, JT(14));
	assert_int_equal(f[13].goal_min, 1301);

	/* A past month-end: no lateness, E1 takes the allowance booked */
	in.lateness = 0;
	health_pearls(&in, &c, f);
	assert_true(f[0].undefined);
	assert_true(f[1].undefined);
	assert_true(f[6].undefined);
	assert_int_equal(f[2].ratio, 7800);	/* (80 - 2)/100 */
	assert_int_equal(f[5].ratio, 1000);	/* (2 + 4 + 1 + 5 - 2)/100 */
}

static void
test_checklists(void **state)
{
	int	 l;

	(void)state;
	assert_int_equal(health_list_parse("governance", &l), 0);
	assert_int_equal(l, HEALTH_GOVERNANCE);
	assert_int_equal(health_list_parse("nonsense", &l), STORE_E_INVAL);
	assert_int_equal(health_check_valid(HEALTH_GOVERNANCE, "123412"), 0);
	/* too few, too many, a 0, a 5, a letter */
	assert_int_equal(health_check_valid(HEALTH_GOVERNANCE, "12341"),
	    STORE_E_INVAL);
	assert_int_equal(health_check_valid(HEALTH_GOVERNANCE, "1234123"),
	    STORE_E_INVAL);
	assert_int_equal(health_check_valid(HEALTH_RISK, "0123"),
	    STORE_E_INVAL);
	assert_int_equal(health_check_valid(HEALTH_RISK, "1235"),
	    STORE_E_INVAL);
	assert_int_equal(health_check_valid(HEALTH_RISK, "12a3"),
	    STORE_E_INVAL);
	assert_int_equal(health_ratio(1, 3, NULL), 3333);
	assert_int_equal(health_ratio(-1, 3, NULL), -3333);
	assert_int_equal(health_nilai(500, 0, 500, 1000, 1500), 1);
	assert_int_equal(health_nilai(501, 0, 500, 1000, 1500), 2);
	assert_int_equal(health_nilai(1501, 0, 500, 1000, 1500), 4);
	assert_int_equal(health_predicate(8000, 8001, 6600, 5100),
	    HEALTH_CUKUP);
	assert_int_equal(health_predicate(8001, 8001, 6600, 5100),
	    HEALTH_SEHAT);
	assert_int_equal(health_predicate(5099, 8001, 6600, 5100),
	    HEALTH_KHUSUS);
}

/*
 * The signed yearly report: signed with a data folder's key, read back
 * field for field; every byte changed, and every cut, is refused.
 */
static void
test_ods(void **state)
{
	struct ods_report	 o, back;
	struct store		*st;
	struct buf		 b;
	uint8_t			 pub[ODS_KEY_LEN], pub2[ODS_KEY_LEN], *copy;
	char			 root[] = "/tmp/test-health.XXXXXX", cmd[64];
	size_t			 i;

	(void)state;
	assert_non_null(mkdtemp(root));
	assert_int_equal(store_open(root, STORE_CREATE, &st), 0);
	memset(&o, 0, sizeof o);
	o.nik = UINT64_C(5310010020000123);
	o.district = 5310;
	o.year = 2026;
	o.date = date_from_ymd(2026, 12, 31);
	o.active = 1;
	o.rat = date_from_ymd(2027, 3, 20);
	o.men = 120;
	o.women = 135;
	o.managers = 1;
	o.staff = 4;
	o.own_capital = JT(20);
	o.outside_capital = JT(75);
	o.volume = JT(60);
	o.shu = -RP(250000);
	o.assets = JT(100);
	o.regime = HEALTH_P2020;
	o.total = 8115;
	o.predicate = HEALTH_SEHAT;
	o.npl = 750;
	o.bopo = 8500;
	o.roa = -125;
	o.cash = -1;
	buf_init(&b);
	assert_int_equal(ods_sign(st, &o, &b), 0);
	assert_true(b.len < 2048);
	assert_int_equal(ods_parse(b.data, b.len, &back, pub), 0);
	assert_memory_equal(&o, &back, sizeof o);
	/* The same key signs again: it is kept in the data folder. */
	buf_reset(&b);
	assert_int_equal(ods_sign(st, &o, &b), 0);
	assert_int_equal(ods_parse(b.data, b.len, &back, pub2), 0);
	assert_memory_equal(pub, pub2, sizeof pub);
	copy = malloc(b.len);
	assert_non_null(copy);
	for (i = 0; i < b.len; i++) {
		memcpy(copy, b.data, b.len);
		copy[i] ^= 0x01;
		if (ods_parse(copy, b.len, &back, pub2) == 0)
			fail_msg("byte %zu changed and still accepted", i);
		if (ods_parse(b.data, i, &back, pub2) == 0)
			fail_msg("cut at %zu and still accepted", i);
	}
	free(copy);
	buf_free(&b);
	store_close(st);
	snprintf(cmd, sizeof cmd, "rm -rf %s", root);
	assert_int_equal(system(cmd), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_p2020),
		cmocka_unit_test(test_p2016),
		cmocka_unit_test(test_pearls),
		cmocka_unit_test(test_checklists),
		cmocka_unit_test(test_ods),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
