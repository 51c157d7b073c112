/*
 * cli/cmd-ledger.c: loket ledger, a general journal entry (jurnal umum)
 * between two ledger accounts: the vault's cash from the bank, an
 * expense paid, the opening balances.  Supervisors and managers only;
 * the store checks.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int	cmd_ledger_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_ledger_entry = {
	.name = "ledger",
	.args = "b:m:u:",
	.minargs = 3,
	.maxargs = 3,
	.usage = "[-b branch] [-m memo] -u user debit credit amount",
	.summary = N_("post a general journal entry between two accounts"),
	.flags = CMD_STORE,
	.exec = cmd_ledger_exec,
};

static int
account_arg(struct cmd_ctx *ctx, const char *branch, const char *s,
    struct posting *p)
{
	struct store_txn	*t;
	struct account		 a;
	int			 r;

	if (account_parse_code(s, &p->gl, &p->sub) != 0) {
		cmd_error(_("ledger: %s: not an account (write 1102 or "
		    "2101.15)"), s);
		return EXIT_DATAERR;
	}
	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	r = account_get(t, branch, p->gl, p->sub, &a);
	store_abort(t);
	if (r != 0) {
		cmd_error(_("ledger: %s: no such account"), s);
		return EXIT_DATAERR;
	}
	return 0;
}

static int
cmd_ledger_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct post_req		 q;
	struct user		 u;
	const char		*given = NULL, *login = NULL, *memo = NULL;
	char			 branch[BRANCH_MAX + 1];
	int64_t			 amount;
	uint64_t		 seq;
	int			 ch, r;

	while ((ch = getopt(argc, argv, cmd_ledger_entry.args)) != -1) {
		switch (ch) {
		case 'b':
			given = optarg;
			break;
		case 'm':
			memo = optarg;
			break;
		case 'u':
			login = optarg;
			break;
		default:
			return cmd_usage(ctx->entry);
		}
	}
	argv += optind;
	memset(&q, 0, sizeof q);
	if ((r = cli_branch(ctx, given, branch, sizeof branch)) != 0 ||
	    (r = account_arg(ctx, branch, argv[0], &q.post[0])) != 0 ||
	    (r = account_arg(ctx, branch, argv[1], &q.post[1])) != 0 ||
	    (r = cli_amount("ledger", argv[2], &amount)) != 0)
		return r;
	if (memo != NULL && !text_valid_name(memo)) {
		cmd_error("ledger: %s", _(store_strerror(STORE_E_NAME)));
		return EXIT_DATAERR;
	}
	if ((r = cli_actor(ctx, branch, login, &u)) != 0)
		return r;
	q.branch = branch;
	q.user = u.login;
	q.kind = EK_JOURNAL;
	q.npost = 2;
	q.post[0].amount = amount;
	q.post[1].amount = -amount;
	if (memo != NULL) {
		q.field[0] = (struct field){ F_MEMO, (uint16_t)strlen(memo),
		    (const uint8_t *)memo };
		q.nfield = 1;
	}
	if ((r = cli_post(ctx, &q, 0, &seq)) != 0)
		return r;
	printf(_("posted as %s-%llu\n"), branch, (unsigned long long)seq);
	return 0;
}
