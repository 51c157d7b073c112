/*
 * cli/cmd-setting.c: loket setting, the cooperative's figures: list
 * them with their values, or change one (an entry, by an admin or a
 * manager, so that every change is in the journal).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int	cmd_setting_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_setting_entry = {
	.name = "setting",
	.args = "b:u:",
	.minargs = 0,
	.maxargs = 2,
	.usage = "[-b branch] [-u user] [name value]",
	.summary = N_("list the cooperative's figures, or change one"),
	.flags = CMD_STORE,
	.exec = cmd_setting_exec,
};

static int
cmd_setting_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store_txn	*t;
	struct post_req		 q;
	struct user		 u;
	const char		*given = NULL, *login = NULL, *name;
	char			 branch[BRANCH_MAX + 1], *end;
	int64_t			 def;
	long long		 v;
	size_t			 i;
	int			 ch, r, known = 0;

	while ((ch = getopt(argc, argv, cmd_setting_entry.args)) != -1) {
		switch (ch) {
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
	if ((r = cli_branch(ctx, given, branch, sizeof branch)) != 0)
		return r;
	if (argc == 0) {
		if ((r = store_begin(ctx->st, 1, &t)) != 0)
			return cmd_store_error(NULL, r);
		for (i = 0; setting_default(i, &name, &def) == 0; i++)
			printf("%-28s %" PRId64 "\n", name,
			    savings_setting(t, branch, name));
		store_abort(t);
		return 0;
	}
	if (argc != 2)
		return cmd_usage(ctx->entry);
	for (i = 0; setting_default(i, &name, &def) == 0; i++)
		known |= strcmp(name, argv[0]) == 0;
	if (!known) {
		cmd_error(_("setting: %s: no such setting (loket setting "
		    "lists them)"), argv[0]);
		return EXIT_DATAERR;
	}
	v = strtoll(argv[1], &end, 10);
	if (*end != '\0' || end == argv[1] || v < 0) {
		cmd_error(_("setting: %s: the value is a whole number, 0 or "
		    "more (amounts in sen)"), argv[1]);
		return EXIT_DATAERR;
	}
	if ((r = cli_actor(ctx, branch, login, &u)) != 0)
		return r;
	memset(&q, 0, sizeof q);
	q.branch = branch;
	q.user = u.login;
	q.kind = EK_SETTING;
	q.field[0] = (struct field){ F_KEY, (uint16_t)strlen(argv[0]),
	    (const uint8_t *)argv[0] };
	q.field[1] = (struct field){ F_VALUE, (uint16_t)strlen(argv[1]),
	    (const uint8_t *)argv[1] };
	q.nfield = 2;
	if ((r = cli_post(ctx, &q, 0, NULL)) != 0)
		return r;
	printf("%s = %s\n", argv[0], argv[1]);
	return 0;
}
