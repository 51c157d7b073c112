/*
 * store/shu.c: the arithmetic of the year's surplus (sisa hasil usaha),
 * with no LMDB in it, so that the year-end split, the running estimate
 * and the tests all share it.
 *
 * Every amount is int64_t sen.  Every part and every member's share is
 * rounded down to whole Rupiah; what rounding leaves goes to the reserve
 * (cadangan), so the parts add up to the pool exactly (domain.md, "SHU").
 * Products are taken in 128 bits: a pool of Rp 10^15 times a capital of
 * Rp 10^15 does not fit in 64.
 */
#include <stdint.h>
#include <string.h>

#include "store/store.h"

/* Down to whole Rupiah; amounts here are never negative. */
static int64_t
whole_rupiah(int64_t sen)
{
	return sen - sen % 100;
}

/* a * b / c rounded down to whole Rupiah; 0 <= a <= c, b >= 0, c > 0. */
static int64_t
share_of(int64_t a, int64_t b, int64_t c)
{
	__int128	 p;

	p = (__int128)a * b / c;
	return whole_rupiah((int64_t)p);
}

int
shu_split(int64_t pool, const uint32_t bp[SHU_NPART], int64_t part[SHU_NPART])
{
	int64_t		 sum = 0;
	uint32_t	 total = 0;
	int		 i;

	if (pool < 0 || pool > AMOUNT_MAX)
		return STORE_E_AMOUNT;
	for (i = 0; i < SHU_NPART; i++) {
		if (bp[i] > 10000)
			return STORE_E_INVAL;
		total += bp[i];
	}
	if (total != 10000)
		return STORE_E_INVAL;
	for (i = 0; i < SHU_NPART; i++) {
		part[i] = share_of(bp[i], pool, 10000);
		sum += part[i];
	}
	part[SHU_RESERVE] += pool - sum;
	return 0;
}

/*
 * Each member's share against the totals scap (sum S) and suse (sum T),
 * which may be a whole cooperative's of which m is one branch's part:
 * a member's share depends on their own figures and the totals only,
 * never on the list they are worked out in.  *given gets the shares'
 * sum.
 */
int
shu_members_split_by(int64_t jma, int64_t jua, int64_t scap, int64_t suse,
    struct shu_member *m, size_t n, int64_t *given)
{
	size_t		 i;

	*given = 0;
	if (jma < 0 || jua < 0 || jma > AMOUNT_MAX || jua > AMOUNT_MAX)
		return STORE_E_AMOUNT;
	if (scap < 0 || suse < 0)
		return STORE_E_AMOUNT;
	for (i = 0; i < n; i++) {
		if (m[i].capital < 0 || m[i].usage < 0 ||
		    m[i].capital > scap || m[i].usage > suse)
			return STORE_E_AMOUNT;
		m[i].jma = scap == 0 ? 0 : share_of(m[i].capital, jma, scap);
		m[i].jua = suse == 0 ? 0 : share_of(m[i].usage, jua, suse);
		m[i].share = m[i].jma + m[i].jua;
		*given += m[i].share;
	}
	return 0;
}

int
shu_members_split(int64_t jma, int64_t jua, struct shu_member *m, size_t n,
    int64_t *remainder)
{
	int64_t		 scap = 0, suse = 0, given = 0;
	size_t		 i;
	int		 r;

	if (jma < 0 || jua < 0 || jma > AMOUNT_MAX || jua > AMOUNT_MAX)
		return STORE_E_AMOUNT;
	for (i = 0; i < n; i++) {
		if (m[i].capital < 0 || m[i].usage < 0)
			return STORE_E_AMOUNT;
		if (__builtin_add_overflow(scap, m[i].capital, &scap) ||
		    __builtin_add_overflow(suse, m[i].usage, &suse))
			return STORE_E_OVERFLOW;
	}
	if ((r = shu_members_split_by(jma, jua, scap, suse, m, n,
	    &given)) != 0)
		return r;
	*remainder = jma + jua - given;
	return 0;
}
