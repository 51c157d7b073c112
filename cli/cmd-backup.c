/*
 * cli/cmd-backup.c: loket backup, a hot compact copy, verified.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int	cmd_backup_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_backup_entry = {
	.name = "backup",
	.args = "q",
	.minargs = 1,
	.maxargs = 1,
	.usage = "[-q] dest",
	.summary = N_("write a compact copy of the data folder and verify it"),
	.flags = CMD_STORE,
	.exec = cmd_backup_exec,
};

static int
cmd_backup_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store	*copy = NULL;
	const char	*dest;
	int		 ch, r, quiet = 0;

	while ((ch = getopt(argc, argv, cmd_backup_entry.args)) != -1) {
		switch (ch) {
		case 'q':
			quiet = 1;
			break;
		default:
			return cmd_usage(ctx->entry);
		}
	}
	dest = argv[optind];
	if ((r = store_backup(ctx->st, dest)) != 0) {
		cmd_error("backup: %s: %s", dest, _(store_strerror(r)));
		return EXIT_CANTCREAT;
	}
	if ((r = store_open(dest, STORE_RDONLY, &copy)) != 0) {
		cmd_error("backup: %s: %s", dest, _(store_strerror(r)));
		return 1;
	}
	r = cli_verify(copy, 1);
	store_close(copy);
	if (r != 0) {
		cmd_error(_("backup: %s: the copy does not verify"), dest);
		return r;
	}
	if (!quiet)
		printf(_("backup written to %s and verified\n"), dest);
	return 0;
}
