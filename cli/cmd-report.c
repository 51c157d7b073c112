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
	.args = "ab:cp:",
	.minargs = 1,
	.maxargs = 1,
	.usage = "[-ac] [-b branch] [-p from..to] trial | large-cash",
	.summary = N_("print the trial balance of a branch or of all, as "
	    "text or CSV"),
	.flags = CMD_STORE,
	.exec = cmd_report_exec,
};

struct trial {
	int		 csv;
	int64_t		 debit;
	int64_t		 credit;
	/* -a: the GL accounts summed over every branch here */
	struct gl_sum {
		struct account	 a;
		int64_t		 sum;
	}		 gl[128];
	size_t		 ngl;
};

static int
collect(void *arg, const struct account *a, const struct balance *b)
{
	struct trial	*tr = arg;
	size_t		 i;

	if (a->sub != 0)
		return 0;
	for (i = 0; i < tr->ngl && tr->gl[i].a.gl != a->gl; i++)
		;
	if (i == tr->ngl) {
		if (tr->ngl == sizeof tr->gl / sizeof tr->gl[0])
			return E2BIG;
		tr->gl[tr->ngl].a = *a;
		tr->gl[tr->ngl++].sum = 0;
	}
	if (__builtin_add_overflow(tr->gl[i].sum, b->amount, &tr->gl[i].sum))
		return STORE_E_OVERFLOW;
	return 0;
}

static int
cmp_gl(const void *x, const void *y)
{
	const struct gl_sum *a = x, *b = y;

	return (a->a.gl > b->a.gl) - (a->a.gl < b->a.gl);
}

static int
trial_line(void *arg, const struct account *a, const struct balance *b)
{
	struct trial	*tr = arg;
	char		 code[32], amt[48];
	int64_t		 nat;

	if (a->sub != 0)
		return 0;
	account_format_code(a->gl, a->sub, code, sizeof code);
	nat = account_natural(a, b->amount);
	if (b->amount > 0)
		tr->debit += b->amount;
	else
		tr->credit -= b->amount;
	if (tr->csv) {
		const char	*p;
		uint64_t	 mag = nat < 0 ? -(uint64_t)nat : (uint64_t)nat;

		printf("%s,\"", code);
		for (p = a->name; *p != '\0'; p++) {
			if (*p == '"')
				putchar('"');	/* CSV doubles a quote */
			putchar(*p);
		}
		printf("\",%s%" PRIu64 ".%02" PRIu64 "\n", nat < 0 ? "-" : "",
		    mag / 100, mag % 100);
		return 0;
	}
	money_format(nat, amt, sizeof amt);
	printf("%-6s %-52s %20s\n", code, a->name, amt);
	return 0;
}

static int
cmd_report_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store_txn	*t;
	struct trial		 tr;
	const char		*given = NULL;
	char			 branch[BRANCH_MAX + 1], d[48], c[48];
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
		default:
			return cmd_usage(ctx->entry);
		}
	}
	if (strcmp(argv[optind], "trial") != 0) {
		cmd_error(_("report: %s: unknown report"), argv[optind]);
		return cmd_usage(ctx->entry);
	}
	if (!all && (r = cli_branch(ctx, given, branch, sizeof branch)) != 0)
		return r;
	if (tr.csv)
		printf("account,name,balance\n");
	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	if (all) {
		/* Consolidated: every branch here, primary or replica. */
		struct branch	 bs[256];
		struct balance	 b;
		size_t		 nb, i;

		r = branch_list(t, bs, 256, &nb);
		for (i = 0; r == 0 && i < nb && i < 256; i++)
			r = account_walk(t, bs[i].code, collect, &tr);
		qsort(tr.gl, tr.ngl, sizeof tr.gl[0], cmp_gl);
		for (i = 0; r == 0 && i < tr.ngl; i++) {
			b.amount = tr.gl[i].sum;
			b.last_seq = 0;
			r = trial_line(&tr, &tr.gl[i].a, &b);
		}
	} else
		r = account_walk(t, branch, trial_line, &tr);
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
