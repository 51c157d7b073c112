/*
 * cli/cmd-large-cash.c: loket report large-cash, the cash transactions at
 * or above the PPATK threshold (limit.cash.report), for the cooperative's
 * report to PPATK: date, branch, entry, member, NIK, amount, teller and
 * approving manager, as text or CSV.  The store finds them
 * (drawer_large_cash); cmd-report.c hands the report name over.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

struct lc_out {
	struct store_txn	*t;
	const char		*branch;
	int			 csv;
	uint64_t		 n;
};

static void
csv_str(const char *s)
{
	putchar('"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

static int
lc_line(void *arg, const struct large_cash *lc)
{
	struct lc_out	*o = arg;
	struct member	 m;
	char		 date[16], num[32], amt[48];
	uint64_t	 mag;

	memset(&m, 0, sizeof m);
	num[0] = '\0';
	if (lc->member != 0) {
		member_format_number(o->branch, lc->member, num, sizeof num);
		(void)member_get(o->t, o->branch, lc->member, &m);
	}
	date_format(lc->date, date, sizeof date);
	o->n++;
	if (o->csv) {
		mag = lc->amount < 0 ? -(uint64_t)lc->amount :
		    (uint64_t)lc->amount;
		printf("%s,%s,%" PRIu64 ",%s,", date, o->branch, lc->seq,
		    entry_kind_name(lc->kind));
		csv_str(num);
		putchar(',');
		csv_str(m.nik);
		putchar(',');
		csv_str(m.name);
		printf(",%s%" PRIu64 ".%02" PRIu64 ",%s,%s\n",
		    lc->amount < 0 ? "-" : "", mag / 100, mag % 100, lc->user,
		    lc->approver);
		return 0;
	}
	money_format(lc->amount, amt, sizeof amt);
	printf("%s %-4s %8" PRIu64 " %-12s %-10s %-16s %20s %-12s %s\n",
	    date, o->branch, lc->seq, entry_kind_name(lc->kind),
	    num[0] ? num : "-", m.nik[0] ? m.nik : "-", amt, lc->user,
	    lc->approver[0] ? lc->approver : "-");
	return 0;
}

/* "2026-11-01..2026-11-30", "2026-11-01..", "..2026-11-30". */
static int
parse_period(const char *s, uint32_t *from, uint32_t *to)
{
	const char	*dots;
	char		 a[16];

	*from = *to = 0;
	if ((dots = strstr(s, "..")) == NULL ||
	    (size_t)(dots - s) >= sizeof a)
		return -1;
	memcpy(a, s, dots - s);
	a[dots - s] = '\0';
	if (a[0] != '\0' && date_parse(a, from) != 0)
		return -1;
	if (dots[2] != '\0' && date_parse(dots + 2, to) != 0)
		return -1;
	if (*from != 0 && *to != 0 && *from > *to)
		return -1;
	return 0;
}

/*
 * loket report's large-cash: the report's status, or -1 when the report
 * asked for is another (the options are then to be read again).
 */
int
cli_large_cash(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct lc_out	 o;
	const char	*given = NULL, *period = NULL;
	char		 branch[BRANCH_MAX + 1];
	uint32_t	 from = 0, to = 0;
	int		 ch, r, bad = 0;

	memset(&o, 0, sizeof o);
	optind = 0;
	while ((ch = getopt(argc, argv, ctx->entry->args)) != -1) {
		switch (ch) {
		case 'b':
			given = optarg;
			break;
		case 'c':
			o.csv = 1;
			break;
		case 'p':
			period = optarg;
			break;
		default:
			bad = 1;	/* -a: one branch at a time here */
			break;
		}
	}
	if (optind >= argc || strcmp(argv[optind], "large-cash") != 0) {
		optind = 0;
		return -1;
	}
	if (bad)
		return cmd_usage(ctx->entry);
	if (period != NULL && parse_period(period, &from, &to) != 0) {
		cmd_error(_("report: %s: not a period (write "
		    "2026-11-01..2026-11-30)"), period);
		return EXIT_DATAERR;
	}
	if ((r = cli_branch(ctx, given, branch, sizeof branch)) != 0)
		return r;
	o.branch = branch;
	if (o.csv)
		printf("date,branch,entry,kind,member,nik,name,amount,teller,"
		    "approver\n");
	if ((r = store_begin(ctx->st, 1, &o.t)) != 0)
		return cmd_store_error(NULL, r);
	r = drawer_large_cash(o.t, branch, from, to, lc_line, &o);
	store_abort(o.t);
	if (r != 0)
		return cmd_store_error(NULL, r);
	if (!o.csv)
		printf(_("%" PRIu64 " cash transactions at or above the "
		    "reporting threshold\n"), o.n);
	return 0;
}
