/*
 * cli/cmd-report.c: loket report, the books as a person reads them:
 * the trial balance (neraca saldo) of a branch, as text or CSV, and the
 * financial statements (store/statement.c), the loan portfolio, savings
 * by kind and members, laid out once by cli/doc.c as text, CSV or PDF.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int	cmd_report_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_report_entry = {
	.name = "report",
	.args = "ab:cD:o:Pp:",
	.minargs = 1,
	.maxargs = 2,
	.usage = "[-acP] [-b branch] [-D date | -p from..to] [-o file.pdf] "
	    "report\n"
	    "[-b branch] [-o file] ods year",
	.summary = N_("print the trial balance, the financial statements, "
	    "the loan portfolio, savings or members, as text, CSV or PDF; "
	    "the yearly report to the province"),
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

static const struct {
	const char	*name;
	const char	*alias;
	int		 which;		/* ST_*, or one of these: */
#define RP_TRIAL	100
#define RP_PORTFOLIO	101
#define RP_SAVINGS	102
#define RP_MEMBERS	103
	const char	*title;		/* msgid */
} reports[] = {
	{ "trial", "saldo", RP_TRIAL, N_("Trial balance") },
	{ "neraca", "balance", ST_NERACA, N_("Balance sheet") },
	{ "phu", "income", ST_PHU, N_("Income statement") },
	{ "kas", "cashflow", ST_KAS, N_("Cash flow statement") },
	{ "ekuitas", "equity", ST_EKUITAS, N_("Statement of changes in "
	    "equity") },
	{ "portfolio", "pinjaman", RP_PORTFOLIO, N_("Loan portfolio by "
	    "collectability") },
	{ "savings", "simpanan", RP_SAVINGS, N_("Savings by kind") },
	{ "members", "anggota", RP_MEMBERS, N_("Members") },
};

static void
fmt_date(uint32_t d, char *buf, size_t len)
{
	date_format(d, buf, len);
}

/* The business date of the branch, or the latest of every branch. */
static int
latest_date(void *arg, const struct branch *b)
{
	uint32_t	*d = arg;

	if (b->date > *d)
		*d = b->date;
	return 0;
}

static int
statement_exec(struct cmd_ctx *ctx, int ri, const char *branch,
    uint32_t from, uint32_t to, int csv, const char *pdf, int print)
{
	struct store_txn	*t;
	struct branch		 b;
	struct doc		*d = NULL;
	static const char	*signers[3] = { N_("Chair (ketua)"),
	    N_("Treasurer (bendahara)"), N_("Manager (manajer)") };
	const char		*sg[3];
	char			 coop[NAME_MAX_COLS * 4 + 1] = "";
	char			 line[512], d0[16], d1[16];
	int			 r, which = reports[ri].which, ex = 0;

	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	if (branch != NULL) {
		if ((r = branch_get(t, branch, &b)) != 0)
			goto fail;
		(void)setting_get(t, branch, "coop.name", coop, sizeof coop);
		if (to == 0)
			to = b.date;
	} else {
		size_t	 n;

		if (to == 0 && (r = branch_walk(t, latest_date, &to)) != 0)
			goto fail;
		/* The cooperative's name, as the first branch has it. */
		if (branch_list(t, &b, 1, &n) == 0 && n > 0)
			(void)setting_get(t, b.code, "coop.name", coop,
			    sizeof coop);
	}
	if (from == 0) {
		int y, m, dd;

		date_to_ymd(to, &y, &m, &dd);
		from = date_from_ymd(y, 1, 1);
	}
	if ((d = doc_new(coop)) == NULL) {
		r = ENOMEM;
		goto fail;
	}
	doc_title(d, coop[0] ? coop : _(reports[ri].title));
	doc_section(d, _(reports[ri].title));
	fmt_date(from, d0, sizeof d0);
	fmt_date(to, d1, sizeof d1);
	if (which == ST_NERACA || which == RP_PORTFOLIO || which == RP_SAVINGS)
		snprintf(line, sizeof line, _("Branch: %s. As of %s."),
		    branch ? branch : _("all branches"), d1);
	else
		snprintf(line, sizeof line, _("Branch: %s. Period %s to %s."),
		    branch ? branch : _("all branches"), d0, d1);
	doc_para(d, line);
	switch (which) {
	case ST_NERACA:
	case ST_PHU:
	case ST_KAS:
	case ST_EKUITAS:
		r = statement_doc(t, which, branch, from, to, d);
		break;
	case RP_PORTFOLIO:
		r = portfolio_doc(t, branch, to, d);
		break;
	case RP_SAVINGS:
		r = savings_doc(t, branch, to, d);
		break;
	case RP_MEMBERS:
		r = members_doc(t, branch, from, to, d);
		break;
	}
	store_abort(t);
	t = NULL;
	if (r != 0)
		goto fail;
	sg[0] = _(signers[0]);
	sg[1] = _(signers[1]);
	sg[2] = _(signers[2]);
	doc_signatures(d, d1, 3, sg);
	ex = doc_output(ctx, d, "report", csv, pdf, print);
	doc_free(d);
	return ex;
fail:
	if (t != NULL)
		store_abort(t);
	doc_free(d);
	if (r == STORE_E_BRANCH || r == STORE_E_NOTFOUND) {
		cmd_error(_("%s: no such branch"), branch ? branch : "");
		return EXIT_DATAERR;
	}
	return cmd_store_error(NULL, r);
}

static int
cmd_report_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store_txn	*t;
	struct trial		 tr;
	const char		*given = NULL, *date = NULL, *period = NULL;
	const char		*pdf = NULL;
	size_t			 ri;
	int			 print = 0;
	char			 branch[BRANCH_MAX + 1], d[48], c[48];
	uint32_t		 from = 0, to = 0;
	int			 ch, r, all = 0;

	if ((r = cli_large_cash(ctx, argc, argv)) != -1)
		return r;
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
		case 'p':
			period = optarg;
			break;
		case 'o':
			pdf = optarg;
			break;
		case 'P':
			print = 1;
			break;
		default:
			return cmd_usage(ctx->entry);
		}
	}
	if (strcmp(argv[optind], "ods") == 0) {	/* cli/cmd-ods.c */
		if (argc - optind != 2 || all || tr.csv || date != NULL ||
		    period != NULL || print)
			return cmd_usage(ctx->entry);
		if ((r = cli_branch(ctx, given, branch, sizeof branch)) != 0)
			return r;
		return cli_report_ods(ctx, branch, argv[optind + 1], pdf);
	}
	if (argc - optind != 1)
		return cmd_usage(ctx->entry);
	for (ri = 0; ri < sizeof reports / sizeof reports[0]; ri++)
		if (strcmp(argv[optind], reports[ri].name) == 0 ||
		    strcmp(argv[optind], reports[ri].alias) == 0)
			break;
	if (ri == sizeof reports / sizeof reports[0]) {
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
	if (reports[ri].which != RP_TRIAL) {
		if (date != NULL)
			from = 0;
		doc_plain = tr.csv && pdf == NULL && !print;
		return statement_exec(ctx, (int)ri, all ? NULL : branch, from,
		    to, tr.csv, pdf, print);
	}
	if (pdf != NULL || print) {
		cmd_error("%s", _("report: the trial balance is text or CSV"));
		return EXIT_USAGE;
	}
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
