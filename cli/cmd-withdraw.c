/*
 * cli/cmd-withdraw.c: loket withdraw.
 */
#include "cli/cli.h"

static int	cmd_withdraw_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_withdraw_entry = {
	.name = "withdraw",
	.args = "A:b:u:",
	.minargs = 2,
	.maxargs = 2,
	.usage = "[-A approver] [-b branch] -u user member amount",
	.summary = N_("pay cash out of a member's sukarela"),
	.flags = CMD_STORE,
	.exec = cmd_withdraw_exec,
};

static int
cmd_withdraw_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return cli_counter(ctx, argc, argv, EK_WITHDRAW);
}
