/*
 * cli/counter.c: what loket deposit, withdraw and transfer share: sign
 * the teller in, read the member and the amount, post, print the receipt.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

int
cli_counter(struct cmd_ctx *ctx, int argc, char **argv, uint16_t kind)
{
	struct post_req		 q;
	struct user		 u;
	const char		*given = NULL, *login = NULL, *approver = NULL;
	const char		*what = ctx->entry->name;
	char			 branch[BRANCH_MAX + 1];
	uint64_t		 n;
	uint32_t		 gl = GL_SUKARELA;
	int64_t			 amount;
	uint8_t			 mv[10];
	int			 ch, r;

	while ((ch = getopt(argc, argv, ctx->entry->args)) != -1) {
		switch (ch) {
		case 'A':
			approver = optarg;
			break;
		case 'b':
			given = optarg;
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

	/* Judge what was typed before asking for any password. */
	if ((r = cli_branch(ctx, given, branch, sizeof branch)) != 0 ||
	    (r = cli_member(ctx, branch, argv[0], &n)) != 0)
		return r;
	if (kind == EK_DEPOSIT) {
		if (strcmp(argv[1], "sukarela") == 0)
			gl = GL_SUKARELA;
		else if (strcmp(argv[1], "wajib") == 0)
			gl = GL_WAJIB;
		else {
			cmd_error(_("%s: %s: the account is sukarela or wajib"),
			    what, argv[1]);
			return EXIT_DATAERR;
		}
		argv++;
	}
	if ((r = cli_amount(what, argv[1], &amount)) != 0)
		return r;
	if ((r = cli_actor(ctx, branch, login, &u)) != 0)
		return r;

	if ((r = savings_counter_req(&q, kind, branch, &u, n, gl, amount,
	    mv)) != 0)
		return cmd_store_error(what, r);
	q.approver = approver;
	return cli_post(ctx, &q, 1, NULL);
}
