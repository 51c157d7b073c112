/*
 * cli/cmd-close-year.c: loket close-year, the year-end close.  The close
 * is part of the end of day of 31 December (store/close.c): run on that
 * day, this command is that end of day, by a manager; run after it, it
 * says the year is closed and what its SHU was, and posts nothing.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int	cmd_close_year_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_close_year_entry = {
	.name = "close-year",
	.args = "b:fu:",
	.minargs = 1,
	.maxargs = 1,
	.usage = "[-f] [-b branch] -u user year",
	.summary = N_("close the year: 31 December's end of day closes "
	    "income and expense into SHU"),
	.flags = CMD_STORE,
	.exec = cmd_close_year_exec,
};

static int
cmd_close_year_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store_txn	*t;
	struct eod_report	 rep;
	struct branch		 b;
	struct user		 u;
	const char		*given = NULL, *login = NULL;
	char			 branch[BRANCH_MAX + 1], d1[16], a[48], *end;
	uint32_t		 last;
	int64_t			 shu;
	long			 year;
	int			 ch, r, closed, force = 0;

	while ((ch = getopt(argc, argv, cmd_close_year_entry.args)) != -1) {
		switch (ch) {
		case 'b':
			given = optarg;
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
	year = strtol(argv[optind], &end, 10);
	if (*end != '\0' || end == argv[optind] || year < 1970 ||
	    year > 9999) {
		cmd_error(_("close-year: %s: not a year"), argv[optind]);
		return EXIT_DATAERR;
	}
	if ((r = cli_branch(ctx, given, branch, sizeof branch)) != 0)
		return r;
	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	if ((r = branch_get(t, branch, &b)) == 0)
		r = year_closed(t, branch, (int)year, &closed, &shu);
	store_abort(t);
	if (r != 0)
		return cmd_store_error(NULL, r);
	if (closed) {
		money_format(shu, a, sizeof a);
		printf(_("%s: %ld is closed already; its SHU was %s\n"),
		    branch, year, a);
		return 0;
	}
	last = date_from_ymd((int)year, 12, 31);
	if (b.date != last) {
		date_format(last, d1, sizeof d1);
		cmd_error(_("close-year: %ld closes with the end of day of "
		    "%s, which is not the business date"), year, d1);
		return EXIT_DATAERR;
	}
	if ((r = cli_actor(ctx, branch, login, &u)) != 0)
		return r;
	if (!(u.role & ROLE_MANAGER)) {
		cmd_error("%s", _("close-year: only a manager closes the "
		    "year"));
		return EXIT_NOPERM;
	}
	if ((r = store_eod(ctx->st, branch, u.login, last, force, 0,
	    &rep)) != 0) {
		if (r == STORE_E_DRAWERS) {
			cmd_error("%s", _("eod: cash drawers are still open: "
			    "close them, or a manager runs eod -f"));
			return EXIT_DATAERR;
		}
		return cmd_store_error("close-year", r);
	}
	money_format(rep.shu, a, sizeof a);
	printf(_("%s: %ld closed; its SHU is %s\n"), branch, year, a);
	return 0;
}
