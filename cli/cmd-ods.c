/*
 * cli/cmd-ods.c: loket report ods, the ministry's yearly data (ODS) of
 * the whole cooperative from its books (store/ods.c): as CSV, or as the
 * report signed with the head office's key that the province box
 * accepts.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static void
amount(int64_t v)
{
	uint64_t	 mag = v < 0 ? -(uint64_t)v : (uint64_t)v;

	printf(",%s%" PRIu64 ".%02" PRIu64, v < 0 ? "-" : "", mag / 100,
	    mag % 100);
}

static void
date_cell(uint32_t d)
{
	char	 s[16];

	if (d == 0) {
		printf(",");
		return;
	}
	date_format(d, s, sizeof s);
	printf(",%s", s);
}

/* A ratio in basis points as a plain percentage, "" when not known. */
static const char *
pct(int64_t bp, char *buf)
{
	uint64_t	 mag = bp < 0 ? -(uint64_t)bp : (uint64_t)bp;

	if (bp == -1) {
		buf[0] = '\0';
		return buf;
	}
	snprintf(buf, 32, "%s%" PRIu64 ".%02" PRIu64, bp < 0 ? "-" : "",
	    mag / 100, mag % 100);
	return buf;
}

int
cli_report_ods(struct cmd_ctx *ctx, const char *branch, const char *year,
    const char *out)
{
	struct store_txn	*t;
	struct ods_report	 o;
	struct buf		 b;
	char			*end, a[4][32];
	long			 y;
	int			 r, fd;

	errno = 0;
	y = strtol(year, &end, 10);
	if (errno != 0 || *end != '\0' || end == year || y < 1970 ||
	    y > 9999) {
		cmd_error(_("report: %s: not a year"), year);
		return EXIT_DATAERR;
	}
	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	r = ods_collect(t, branch, (int)y, &o);
	store_abort(t);
	if (r == STORE_E_INVAL) {
		cmd_error(_("report: %ld: the year has not begun in the "
		    "books"), y);
		return EXIT_DATAERR;
	}
	if (r != 0)
		return cmd_store_error(NULL, r);
	if (out == NULL) {
		printf("nik,district,year,date,active,rat,men,women,managers,"
		    "staff,own_capital,outside_capital,volume,shu,assets,"
		    "regime,score,predicate,npl,bopo,roa,cash_ratio\n");
		printf("%016" PRIu64 ",%04u,%d", o.nik, o.district, o.year);
		date_cell(o.date);
		printf(",%d", o.active);
		date_cell(o.rat);
		printf(",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64, o.men,
		    o.women, o.managers, o.staff);
		amount(o.own_capital);
		amount(o.outside_capital);
		amount(o.volume);
		amount(o.shu);
		amount(o.assets);
		printf(",%d,%" PRId64 ".%02" PRId64 ",%s",
		    o.regime == HEALTH_P2016 ? 2016 : 2020, o.total / 100,
		    o.total % 100, health_predicate_code(o.predicate));
		printf(",%s,%s,%s,%s\n", pct(o.npl, a[0]), pct(o.bopo, a[1]),
		    pct(o.roa, a[2]), pct(o.cash, a[3]));
		return 0;
	}
	buf_init(&b);
	if ((r = ods_sign(ctx->st, &o, &b)) != 0) {
		buf_free(&b);
		return cmd_store_error(NULL, r);
	}
	if ((fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644)) == -1 ||
	    write(fd, b.data, b.len) != (ssize_t)b.len || close(fd) != 0) {
		cmd_error("%s: %s", out, strerror(errno));
		buf_free(&b);
		return EXIT_CANTCREAT;
	}
	buf_free(&b);
	return 0;
}
