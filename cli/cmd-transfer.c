/*
 * cli/cmd-transfer.c: loket transfer.
 */
#include "cli/cli.h"

static int	cmd_transfer_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_transfer_entry = {
	.name = "transfer",
	.args = "b:u:",
	.minargs = 2,
	.maxargs = 2,
	.usage = "[-b branch] -u user member amount",
	.summary = N_("move a member's sukarela to their wajib"),
	.flags = CMD_STORE,
	.exec = cmd_transfer_exec,
};

static int
cmd_transfer_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	return cli_counter(ctx, argc, argv, EK_TRANSFER);
}
