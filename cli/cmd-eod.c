/*
 * cli/cmd-eod.c: loket eod, the end of a business day.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int	cmd_eod_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_eod_entry = {
	.name = "eod",
	.args = "b:D:fu:",
	.minargs = 0,
	.maxargs = 0,
	.usage = "[-f] [-b branch] [-D date] -u user",
	.summary = N_("close the business day: interest at month end, "
	    "matured deposits, the date moves"),
	.flags = CMD_STORE,
	.exec = cmd_eod_exec,
};

static int
cmd_eod_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store_txn	*t;
	struct eod_report	 rep;
	struct branch		 b;
	struct user		 u;
	const char		*given = NULL, *login = NULL, *date = NULL;
	char			 branch[BRANCH_MAX + 1], d1[16], d2[16];
	char			 a1[48], a2[48];
	uint32_t		 day;
	int			 ch, r, force = 0;

	while ((ch = getopt(argc, argv, cmd_eod_entry.args)) != -1) {
		switch (ch) {
		case 'b':
			given = optarg;
			break;
		case 'D':
			date = optarg;
			break;
		case 'f':
			force = 1;
			break;
		case 'u':
			login = optarg;
			break;
		default:
			return cmd_usage(ctx->entry);
		}
	}
	if ((r = cli_branch(ctx, given, branch, sizeof branch)) != 0)
		return r;
	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	r = branch_get(t, branch, &b);
	store_abort(t);
	if (r != 0)
		return cmd_store_error(NULL, r);
	if (date != NULL) {
		if (date_parse(date, &day) != 0) {
			cmd_error(_("eod: %s: not a date (YYYY-MM-DD)"), date);
			return EXIT_DATAERR;
		}
		/*
		 * Named, the open day is closed even before it has begun
		 * here (loket-eod(8)); a later day is refused below.
		 */
	} else {
		/* The open day, unless it has not begun yet where we are. */
		day = b.date;
		if (day > cli_today(b.tz)) {
			date_format(day - 1, d1, sizeof d1);
			printf(_("%s: %s is closed already\n"), branch, d1);
			return 0;
		}
	}
	if (day > b.date) {
		date_format(b.date, d1, sizeof d1);
		cmd_error(_("eod: %s is still open: close it first"), d1);
		return EXIT_DATAERR;
	}
	if (day < b.date) {
		date_format(day, d1, sizeof d1);
		printf(_("%s: %s is closed already\n"), branch, d1);
		return 0;
	}
	if ((r = cli_actor(ctx, branch, login, &u)) != 0)
		return r;
	if ((r = store_eod(ctx->st, branch, u.login, day, force, 0,
	    &rep)) != 0) {
		if (r == STORE_E_DRAWERS)
			cmd_error("%s", _("eod: cash drawers are still open: "
			    "close them, or a manager runs eod -f"));
		else
			return cmd_store_error("eod", r);
		return EXIT_DATAERR;
	}
	date_format(rep.closed, d1, sizeof d1);
	if (rep.nothing) {
		printf(_("%s: %s is closed already\n"), branch, d1);
		return 0;
	}
	date_format(rep.next, d2, sizeof d2);
	printf(_("%s: %s closed%s; business date now %s\n"), branch, d1,
	    rep.forced ? _(" (forced with drawers open)") : "", d2);
	if (rep.terms_paid > 0)
		printf(_("matured term deposits paid out: %" PRIu64 "\n"),
		    rep.terms_paid);
	if (rep.loans_aged > 0)
		printf(_("loans with an instalment falling due: %" PRIu64
		    "\n"), rep.loans_aged);
	if (rep.month_end) {
		money_format(rep.interest, a1, sizeof a1);
		money_format(rep.tax, a2, sizeof a2);
		printf(_("month end: sukarela interest %s on %" PRIu64
		    " accounts, tax %s\n"), a1, rep.interest_accounts, a2);
		money_format(rep.accrued, a1, sizeof a1);
		money_format(rep.provided, a2, sizeof a2);
		printf(_("month end: loan interest accrued %s, loan-loss "
		    "allowance %s\n"), a1, a2);
	}
	if (rep.year_closed) {
		money_format(rep.shu, a1, sizeof a1);
		printf(_("year end: income and expense closed; SHU %s\n"), a1);
	}
	return 0;
}
