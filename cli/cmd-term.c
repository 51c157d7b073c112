/*
 * cli/cmd-term.c: loket term, simpanan berjangka: open a term deposit
 * for a member (cash, or from their sukarela), list a member's deposits,
 * close one early (no interest, a penalty).  Matured deposits are paid
 * out by end of day.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int	cmd_term_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_term_entry = {
	.name = "term",
	.args = "A:b:r:su:",
	.minargs = 2,
	.maxargs = 4,
	.usage = "[-s] [-A approver] [-b branch] [-r rate] [-u user] action "
	    "member "
	    "[amount months | deposit]",
	.summary = N_("open, list or close a member's term deposits "
	    "(berjangka)"),
	.flags = CMD_STORE,
	.exec = cmd_term_exec,
};

static int
list(struct cmd_ctx *ctx, const char *branch, uint64_t n)
{
	struct store_txn	*t;
	struct member		 m;
	struct term		 tm;
	char			 a[48], d1[16], d2[16], code[32];
	uint16_t		 k;
	int			 r;

	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	if ((r = member_get(t, branch, n, &m)) != 0) {
		store_abort(t);
		return cmd_store_error(NULL, r);
	}
	for (k = 1; k <= m.nterm; k++) {
		if (savings_term_get(t, branch, n * 100 + k, &tm) != 0)
			continue;
		account_format_code(GL_BERJANGKA, n * 100 + k, code,
		    sizeof code);
		money_format(tm.principal, a, sizeof a);
		date_format(tm.start, d1, sizeof d1);
		date_format(tm.maturity, d2, sizeof d2);
		printf("%-12s %16s %2" PRIu32 " %s  %" PRIu32 ".%02" PRIu32
		    "%%  %s %s  %s\n", code, a, tm.months, _("months"),
		    tm.rate_bp / 100, tm.rate_bp % 100, d1, d2,
		    tm.open ? _("open") : _("paid out"));
	}
	store_abort(t);
	return 0;
}

static int
cmd_term_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct term_req	 tq;
	struct post_req	 q;
	struct user	 u;
	struct store_txn *t;
	const char	*given = NULL, *login = NULL, *rate = NULL, *action;
	const char	*approver = NULL;
	char		 branch[BRANCH_MAX + 1], *end;
	uint64_t	 n, sub;
	unsigned long	 v;
	int		 ch, r, from_sukarela = 0;

	while ((ch = getopt(argc, argv, cmd_term_entry.args)) != -1) {
		switch (ch) {
		case 'A':
			approver = optarg;
			break;
		case 'b':
			given = optarg;
			break;
		case 'r':
			rate = optarg;
			break;
		case 's':
			from_sukarela = 1;
			break;
		case 'u':
			login = optarg;
			break;
		default:
			return cmd_usage(ctx->entry);
		}
	}
	argc -= optind;
	argv += optind;
	action = argv[0];
	if ((r = cli_branch(ctx, given, branch, sizeof branch)) != 0 ||
	    (r = cli_member(ctx, branch, argv[1], &n)) != 0)
		return r;
	if (strcmp(action, "list") == 0 && argc == 2)
		return list(ctx, branch, n);
	if (strcmp(action, "open") == 0 && argc == 4) {
		memset(&tq, 0, sizeof tq);
		tq.member = n;
		tq.from_sukarela = from_sukarela;
		if ((r = cli_amount("term", argv[2], &tq.amount)) != 0)
			return r;
		errno = 0;
		v = strtoul(argv[3], &end, 10);
		if (errno != 0 || *end != '\0' || v < 1 || v > 60) {
			cmd_error(_("term: %s: the term is 1 to 60 months"),
			    argv[3]);
			return EXIT_DATAERR;
		}
		tq.months = v;
		if ((r = store_begin(ctx->st, 1, &t)) != 0)
			return cmd_store_error(NULL, r);
		tq.rate_bp = (uint32_t)savings_setting(t, branch,
		    "savings.berjangka.rate_bp");
		store_abort(t);
		if (rate != NULL) {
			/* basis points a year: 600 is 6% */
			errno = 0;
			v = strtoul(rate, &end, 10);
			if (errno != 0 || *end != '\0' || v > 5000) {
				cmd_error(_("term: %s: the rate is in basis "
				    "points a year, 0 to 5000"), rate);
				return EXIT_DATAERR;
			}
			tq.rate_bp = v;
		}
		if ((r = cli_actor(ctx, branch, login, &u)) != 0)
			return r;
		savings_term_open_req(&q, branch, u.login, &tq);
		q.approver = approver;
		return cli_post(ctx, &q, 1, NULL);
	}
	if (strcmp(action, "close") == 0 && argc == 3) {
		uint32_t	 gl;

		if (account_parse_code(argv[2], &gl, &sub) != 0 ||
		    gl != GL_BERJANGKA || sub / 100 != n) {
			cmd_error(_("term: %s: not a term deposit of this "
			    "member (write 2102.%" PRIu64 "01)"), argv[2], n);
			return EXIT_DATAERR;
		}
		if ((r = cli_actor(ctx, branch, login, &u)) != 0)
			return r;
		savings_term_close_req(&q, branch, u.login, &sub);
		return cli_post(ctx, &q, 1, NULL);
	}
	cmd_error(_("term: %s: unknown action, or wrong arguments"), action);
	return cmd_usage(ctx->entry);
}
