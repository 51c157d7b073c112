/*
 * cli/cmd-deposit.c: loket deposit.
 */
#include "cli/cli.h"

static int	cmd_deposit_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_deposit_entry = {
	.name = "deposit",
	.args = "A:b:u:",
	.minargs = 3,
	.maxargs = 3,
	.usage = "[-A approver] [-b branch] -u user member account amount",
	.summary = N_("take a cash deposit to a member's sukarela or wajib"),
	.flags = CMD_STORE,
	.exec = cmd_deposit_exec,
};

static int
cmd_deposit_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return cli_counter(ctx, argc, argv, EK_DEPOSIT);
}
