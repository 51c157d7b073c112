/*
 * cli/cmd-report.c: loket report, the books as a person reads them:
 * the trial balance (neraca saldo) of a branch, as text or CSV.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int	cmd_report_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_report_entry = {
	.name = "report",
	.args = "ab:cD:o:p:",
	.minargs = 1,
	.maxargs = 2,
	.usage = "[-ac] [-b branch] [-D date | -p from..to] trial\n"
	    "[-b branch] [-o file] ods year",
	.summary = N_("print the trial balance of a branch or of all, as "
	    "text or CSV"),
	.flags = CMD_STORE,
	.exec = cmd_report_exec,
};

struct trial {
	int		 csv;
	int		 period;	/* -p: opening, debit, credit, closing */
	int64_t		 debit;
	int64_t		 credit;
};

static void
csv_amount(int64_t v)
{
	uint64_t	 mag = v < 0 ? -(uint64_t)v : (uint64_t)v;

	printf(",%s%" PRIu64 ".%02" PRIu64, v < 0 ? "-" : "", mag / 100,
	    mag % 100);
}

static int
trial_line(void *arg, const struct trial_row *row)
{
	struct trial		*tr = arg;
	const struct account	*a = row->account;
	char			 code[32], amt[4][48];
	int64_t			 nat;

	account_format_code(a->gl, a->sub, code, sizeof code);
	nat = account_natural(a, row->closing);
	if (tr->period) {
		tr->debit += row->debit;
		tr->credit += row->credit;
	} else if (row->closing > 0)
		tr->debit += row->closing;
	else
		tr->credit -= row->closing;
	if (tr->csv) {
		const char	*p;

		printf("%s,\"", code);
		for (p = a->name; *p != '\0'; p++) {
			if (*p == '"')
				putchar('"');	/* CSV doubles a quote */
			putchar(*p);
		}
		putchar('"');
		if (tr->period) {
			csv_amount(account_natural(a, row->opening));
			csv_amount(row->debit);
			csv_amount(row->credit);
		}
		csv_amount(nat);
		putchar('\n');
		return 0;
	}
	if (tr->period) {
		money_format(account_natural(a, row->opening), amt[0],
		    sizeof amt[0]);
		money_format(row->debit, amt[1], sizeof amt[1]);
		money_format(row->credit, amt[2], sizeof amt[2]);
		money_format(nat, amt[3], sizeof amt[3]);
		printf("%-6s %17s %17s %17s %17s %s\n", code, amt[0], amt[1],
		    amt[2], amt[3], a->name);
		return 0;
	}
	money_format(nat, amt[0], sizeof amt[0]);
	printf("%-6s %-52s %20s\n", code, a->name, amt[0]);
	return 0;
}

/* "YYYY-MM-DD..YYYY-MM-DD", from not after to. */
static int
parse_period(const char *s, uint32_t *from, uint32_t *to)
{
	char	 d[16];

	if (strlen(s) != 22 || strncmp(s + 10, "..", 2) != 0)
		return STORE_E_INVAL;
	memcpy(d, s, 10);
	d[10] = '\0';
	if (date_parse(d, from) != 0 || date_parse(s + 12, to) != 0 ||
	    *from > *to)
		return STORE_E_INVAL;
	return 0;
}

static int
cmd_report_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store_txn	*t;
	struct trial		 tr;
	const char		*given = NULL, *date = NULL, *period = NULL;
	const char		*out = NULL;
	char			 branch[BRANCH_MAX + 1], d[48], c[48];
	uint32_t		 from = 0, to = 0;
	int			 ch, r, all = 0;

	memset(&tr, 0, sizeof tr);
	while ((ch = getopt(argc, argv, cmd_report_entry.args)) != -1) {
		switch (ch) {
		case 'a':
			all = 1;
			break;
		case 'b':
			given = optarg;
			break;
		case 'c':
			tr.csv = 1;
			break;
		case 'D':
			date = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'p':
			period = optarg;
			break;
		default:
			return cmd_usage(ctx->entry);
		}
	}
	if (strcmp(argv[optind], "ods") == 0) {	/* cli/cmd-ods.c */
		if (argc - optind != 2 || all || tr.csv || date != NULL ||
		    period != NULL)
			return cmd_usage(ctx->entry);
		if ((r = cli_branch(ctx, given, branch, sizeof branch)) != 0)
			return r;
		return cli_report_ods(ctx, branch, argv[optind + 1], out);
	}
	if (strcmp(argv[optind], "trial") != 0 || argc - optind != 1 ||
	    out != NULL) {
		cmd_error(_("report: %s: unknown report"), argv[optind]);
		return cmd_usage(ctx->entry);
	}
	if (date != NULL && period != NULL)
		return cmd_usage(ctx->entry);
	if (date != NULL && date_parse(date, &to) != 0) {
		cmd_error(_("report: %s: not a date (YYYY-MM-DD)"), date);
		return EXIT_DATAERR;
	}
	if (period != NULL && parse_period(period, &from, &to) != 0) {
		cmd_error(_("report: %s: not a period "
		    "(YYYY-MM-DD..YYYY-MM-DD, the first not after the last)"),
		    period);
		return EXIT_DATAERR;
	}
	tr.period = period != NULL;
	if (!all && (r = cli_branch(ctx, given, branch, sizeof branch)) != 0)
		return r;
	if (tr.csv && tr.period)
		printf("account,name,opening,debit,credit,closing\n");
	else if (tr.csv)
		printf("account,name,balance\n");
	else if (tr.period)
		printf("%-6s %17s %17s %17s %17s %s\n", _("code"),
		    _("opening balance"), _("debit"), _("credit"),
		    _("closing balance"),
		    _("name"));
	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	/* Consolidated: every branch here, primary or replica. */
	r = report_trial(t, all ? NULL : branch, from, to, trial_line, &tr);
	store_abort(t);
	if (r != 0)
		return cmd_store_error(NULL, r);
	if (!tr.csv) {
		money_format(tr.debit, d, sizeof d);
		money_format(tr.credit, c, sizeof c);
		printf("%s %s, %s %s\n", _("debits"), d, _("credits"), c);
	}
	return 0;
}
