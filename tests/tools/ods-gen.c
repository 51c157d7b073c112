/*
 * tests/tools/ods-gen.c: generated cooperatives' signed yearly reports,
 * for the province box's tests and benchmark, without a book each.
 *
 *	ods-gen [-k] [-s seed] [-y year] N DIR
 *
 * writes DIR/COOPnnnn (nnnn from 0001), a report of year signed with the
 * cooperative's own key (made from the seed and its number: the same
 * each run), and prints the truth on stdout, one line a cooperative:
 * code district rat-in-time(0/1) predicate men women assets-sen
 * shu-sen score npl-bp.  With -k it keeps them straight into the province
 * folder DIR instead (province_keep), as a box that has received them.
 * Districts are NTT's 22 (5301..5321, 5371); predicates a mix of all
 * four.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store.h"

static uint64_t	 rng;

static uint64_t
next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

int
main(int argc, char **argv)
{
	struct ods_report	 o;
	struct buf		 b;
	uint8_t			 priv[ODS_KEY_LEN];
	char			 code[32], path[4096];
	int			 ch, keep = 0, year = 2025, i, n, j, kept;
	uint64_t		 seed = 20261207;
	FILE			*f;

	while ((ch = getopt(argc, argv, "ks:y:")) != -1) {
		switch (ch) {
		case 'k':
			keep = 1;
			break;
		case 's':
			seed = strtoull(optarg, NULL, 10);
			break;
		case 'y':
			year = atoi(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (argc - optind != 2)
		goto usage;
	n = atoi(argv[optind]);
	buf_init(&b);
	for (i = 1; i <= n; i++) {
		rng = seed * 2654435761u + (uint64_t)i * 40503u + 1;
		for (j = 0; j < 4; j++)
			(void)next();
		for (j = 0; j < ODS_KEY_LEN; j++)
			priv[j] = (uint8_t)next();
		memset(&o, 0, sizeof o);
		o.nik = UINT64_C(5300000000000000) + (uint64_t)i;
		o.district = 5301 + (uint32_t)(next() % 22);
		if (o.district == 5322)
			o.district = 5371;	/* Kota Kupang */
		o.year = year;
		o.date = date_from_ymd(year, 12, 31);
		o.active = 1;
		/* RAT: none, in time (March to June), or late (August) */
		switch (next() % 4) {
		case 0:
			o.rat = 0;
			break;
		case 3:
			o.rat = date_from_ymd(year + 1, 8, 15);
			break;
		default:
			o.rat = date_from_ymd(year + 1, 3 + (int)(next() % 4),
			    20);
		}
		o.men = 20 + next() % 500;
		o.women = 20 + next() % 500;
		o.managers = 1 + next() % 3;
		o.staff = next() % 12;
		o.assets = (int64_t)(100000 + next() % 100000000) * 100;
		o.own_capital = o.assets / 5;
		o.outside_capital = o.assets - o.own_capital;
		o.volume = o.assets / 2;
		o.shu = (int64_t)(next() % 20000000) * 100 - 200000000;
		o.regime = HEALTH_P2020;
		o.total = (int64_t)(3000 + next() % 7001);
		o.predicate = health_predicate(o.total, 8001, 6600, 5100);
		o.npl = (int64_t)(next() % 3000);
		o.bopo = 6000 + (int64_t)(next() % 6000);
		o.roa = (int64_t)(next() % 600) - 200;
		o.cash = (int64_t)(next() % 4000);
		buf_reset(&b);
		if (ods_sign_raw(priv, &o, &b) != 0) {
			fprintf(stderr, "ods-gen: cannot sign\n");
			return 1;
		}
		snprintf(code, sizeof code, "COOP%04d", i);
		if (keep) {
			if (province_keep(argv[optind + 1], code, b.data,
			    b.len, &kept) != 0) {
				fprintf(stderr, "ods-gen: %s: not kept\n",
				    code);
				return 1;
			}
		} else {
			snprintf(path, sizeof path, "%s/%s", argv[optind + 1],
			    code);
			if ((f = fopen(path, "w")) == NULL ||
			    fwrite(b.data, 1, b.len, f) != b.len ||
			    fclose(f) != 0) {
				perror(path);
				return 1;
			}
		}
		printf("%s %04u %d %d %llu %llu %lld %lld %lld %lld\n", code,
		    o.district, o.rat != 0 &&
		    o.rat <= date_from_ymd(year + 1, 6, 30), o.predicate,
		    (unsigned long long)o.men, (unsigned long long)o.women,
		    (long long)o.assets, (long long)o.shu,
		    (long long)o.total, (long long)o.npl);
	}
	buf_free(&b);
	return 0;
usage:
	fprintf(stderr, "usage: ods-gen [-k] [-s seed] [-y year] N DIR\n");
	return 64;
}
