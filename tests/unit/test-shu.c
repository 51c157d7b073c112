/*
 * tests/unit/test-shu.c: store/shu.c, the SHU split and members' shares.
 * The small cooperative's figures were worked out by hand (and checked
 * once with a calculator); the property test draws random cooperatives.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/store.h"

#define RP(x)	((int64_t)(x) * 100)

static const uint32_t bylaws[SHU_NPART] = {
	4000, 4000, 500, 500, 500, 500	/* domain.md's defaults */
};

/*
 * SHU Rp 10.000.333: 40% is 4.000.133,20 and 5% is 500.016,65; rounded
 * down: 4.000.133 + 4.000.133 + 4 x 500.016 = 10.000.330, and the Rp 3
 * left over go to the reserve.
 */
static void
test_split_bylaws(void **state)
{
	int64_t	 part[SHU_NPART];

	(void)state;
	assert_int_equal(shu_split(RP(10000333), bylaws, part), 0);
	assert_int_equal(part[SHU_RESERVE], RP(4000136));
	assert_int_equal(part[SHU_MEMBERS], RP(4000133));
	assert_int_equal(part[SHU_BOARD], RP(500016));
	assert_int_equal(part[SHU_STAFF], RP(500016));
	assert_int_equal(part[SHU_EDUCATION], RP(500016));
	assert_int_equal(part[SHU_SOCIAL], RP(500016));
}

/* A loss is not split; parts must add up to 100%. */
static void
test_split_refused(void **state)
{
	int64_t		 part[SHU_NPART];
	uint32_t	 bad[SHU_NPART] = { 4000, 4000, 500, 500, 500, 400 };
	uint32_t	 over[SHU_NPART] = { 10001, 0, 0, 0, 0, 0 };

	(void)state;
	assert_int_equal(shu_split(-RP(1), bylaws, part), STORE_E_AMOUNT);
	assert_int_equal(shu_split(RP(1000), bad, part), STORE_E_INVAL);
	assert_int_equal(shu_split(RP(1000), over, part), STORE_E_INVAL);
	assert_int_equal(shu_split(0, bylaws, part), 0);
	assert_int_equal(part[SHU_RESERVE], 0);
}

/*
 * Five members.  The members' part above, Rp 4.000.133, is 40% jasa
 * modal (1.600.053,20: Rp 1.600.053) and the rest jasa usaha
 * (Rp 2.400.080).  Capital S: 1,1 + 2,2 + 0,7 + 0 + 1,0 = 5 juta.
 * Interest paid T: 300 + 0 + 450 + 0 + 250 = 1.000 ribu.
 *	A: JMA 1.600.053 x 1,1/5 = 352.011,66 -> 352.011; JUA x 0,30 = 720.024
 *	B: JMA x 2,2/5 = 704.023,32 -> 704.023; JUA 0
 *	C: JMA x 0,7/5 = 224.007,42 -> 224.007; JUA x 0,45 = 1.080.036
 *	D: nothing, having neither capital nor interest
 *	E: JMA x 1/5 = 320.010,60 -> 320.010; JUA x 0,25 = 600.020
 * JMA given 1.600.051, JUA given 2.400.080: Rp 2 remain for the reserve.
 */
static void
test_members_by_hand(void **state)
{
	struct shu_member	 m[5];
	int64_t			 rest, jma = RP(1600053), jua = RP(2400080);
	static const int64_t	 cap[5] = { 1100000, 2200000, 700000, 0,
				    1000000 };
	static const int64_t	 use[5] = { 300000, 0, 450000, 0, 250000 };
	static const int64_t	 want_jma[5] = { 352011, 704023, 224007, 0,
				    320010 };
	static const int64_t	 want_jua[5] = { 720024, 0, 1080036, 0,
				    600020 };
	int			 i;

	(void)state;
	memset(m, 0, sizeof m);
	for (i = 0; i < 5; i++) {
		m[i].member = i + 1;
		m[i].capital = RP(cap[i]);
		m[i].usage = RP(use[i]);
	}
	assert_int_equal(shu_members_split(jma, jua, m, 5, &rest), 0);
	for (i = 0; i < 5; i++) {
		assert_int_equal(m[i].jma, RP(want_jma[i]));
		assert_int_equal(m[i].jua, RP(want_jua[i]));
		assert_int_equal(m[i].share, RP(want_jma[i] + want_jua[i]));
	}
	assert_int_equal(rest, RP(2));
}

/* Nobody with capital: all of the jasa modal is left for the reserve. */
static void
test_members_no_capital(void **state)
{
	struct shu_member	 m[2];
	int64_t			 rest;

	(void)state;
	memset(m, 0, sizeof m);
	m[0].usage = RP(10);
	assert_int_equal(shu_members_split(RP(500), RP(300), m, 2, &rest), 0);
	assert_int_equal(m[0].share, RP(300));
	assert_int_equal(m[1].share, 0);
	assert_int_equal(rest, RP(500));
	m[1].capital = -1;
	assert_int_equal(shu_members_split(RP(500), RP(300), m, 2, &rest),
	    STORE_E_AMOUNT);
}

/*
 * Random cooperatives: the parts add up to the pool exactly, shares and
 * remainder add up to the members' part exactly, no share is negative,
 * a member with neither capital nor interest gets nothing, and the
 * remainder is less than one Rupiah per member and part.
 */
static void
test_property(void **state)
{
	struct shu_member	*m;
	uint32_t		 bp[SHU_NPART];
	int64_t			 part[SHU_NPART], pool, sum, rest, jma;
	size_t			 n, i;
	int			 round, k;

	(void)state;
	srandom(20261207);
	for (round = 0; round < 300; round++) {
		uint32_t	 left = 10000;

		for (k = 0; k < SHU_NPART - 1; k++) {
			bp[k] = random() % (left + 1);
			left -= bp[k];
		}
		bp[SHU_NPART - 1] = left;
		pool = (int64_t)(random() % 1000000) * (random() % 100000) +
		    random() % 100;
		assert_int_equal(shu_split(pool, bp, part), 0);
		for (sum = 0, k = 0; k < SHU_NPART; k++) {
			assert_true(part[k] >= 0);
			if (k != SHU_RESERVE)
				assert_int_equal(part[k] % 100, 0);
			sum += part[k];
		}
		assert_int_equal(sum, pool);

		n = 1 + random() % 400;
		m = calloc(n, sizeof *m);
		assert_non_null(m);
		for (i = 0; i < n; i++) {
			if (random() % 5 != 0)
				m[i].capital = (int64_t)(random() % 100000) *
				    (random() % 10000);
			if (random() % 3 == 0)
				m[i].usage = (int64_t)(random() % 100000) *
				    (random() % 1000);
		}
		jma = part[SHU_MEMBERS] - part[SHU_MEMBERS] * 6 / 10;
		assert_int_equal(shu_members_split(jma,
		    part[SHU_MEMBERS] - jma, m, n, &rest), 0);
		for (sum = 0, i = 0; i < n; i++) {
			assert_true(m[i].jma >= 0 && m[i].jua >= 0);
			assert_int_equal(m[i].share, m[i].jma + m[i].jua);
			if (m[i].capital == 0 && m[i].usage == 0)
				assert_int_equal(m[i].share, 0);
			sum += m[i].share;
		}
		assert_int_equal(sum + rest, part[SHU_MEMBERS]);
		assert_true(rest >= 0);
		free(m);
	}
}

/*
 * A cooperative of several branches: each branch works its own members'
 * shares out against the whole cooperative's totals (as a branch does
 * with the head office's plan), and gets, member by member, what the
 * split of every member at once gives; the branches' shares and the
 * cooperative's remainder add up to the members' part.  Seeded.
 */
static void
test_branches_agree(void **state)
{
	struct shu_member	*all, *mine;
	int64_t			 jma, jua, rest, scap, suse, given, total;
	size_t			 n, i, b, nb, from, k;
	int			 round;

	(void)state;
	srandom(20261208);
	for (round = 0; round < 200; round++) {
		n = 1 + random() % 300;
		nb = 1 + random() % 6;
		all = calloc(n, sizeof *all);
		mine = calloc(n, sizeof *mine);
		assert_non_null(all);
		assert_non_null(mine);
		scap = suse = 0;
		for (i = 0; i < n; i++) {
			all[i].member = i + 1;
			all[i].capital = random() % 4 == 0 ? 0 :
			    RP(random() % 5000000) + random() % 100;
			all[i].usage = random() % 3 == 0 ? 0 :
			    RP(random() % 2000000) + random() % 100;
			scap += all[i].capital;
			suse += all[i].usage;
		}
		jma = RP(random() % 100000000) + random() % 100;
		jua = RP(random() % 100000000) + random() % 100;
		assert_int_equal(shu_members_split(jma, jua, all, n, &rest), 0);
		total = rest;
		/* Branch b holds members from (n * b / nb) on. */
		for (b = 0; b < nb; b++) {
			from = n * b / nb;
			k = n * (b + 1) / nb - from;
			for (i = 0; i < k; i++) {
				mine[i] = all[from + i];
				mine[i].jma = mine[i].jua = mine[i].share = -1;
			}
			assert_int_equal(shu_members_split_by(jma, jua, scap,
			    suse, mine, k, &given), 0);
			for (i = 0; i < k; i++) {
				assert_int_equal(mine[i].jma, all[from + i].jma);
				assert_int_equal(mine[i].jua, all[from + i].jua);
				assert_int_equal(mine[i].share,
				    all[from + i].share);
			}
			total += given;
		}
		assert_int_equal(total, jma + jua);
		assert_true(rest >= 0);
		free(all);
		free(mine);
	}
	/* A branch's figures above the cooperative's totals are refused. */
	all = calloc(1, sizeof *all);
	assert_non_null(all);
	all[0].capital = RP(10);
	assert_int_equal(shu_members_split_by(RP(100), RP(100), RP(5), 0,
	    all, 1, &given), STORE_E_AMOUNT);
	free(all);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_bylaws),
		cmocka_unit_test(test_split_refused),
		cmocka_unit_test(test_members_by_hand),
		cmocka_unit_test(test_members_no_capital),
		cmocka_unit_test(test_property),
		cmocka_unit_test(test_branches_agree),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
