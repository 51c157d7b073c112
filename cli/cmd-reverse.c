/*
 * cli/cmd-reverse.c: loket reverse, undo a posting with a reversal entry
 * that names it (nothing is ever edited or deleted).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int	cmd_reverse_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_reverse_entry = {
	.name = "reverse",
	.args = "A:b:m:u:",
	.minargs = 1,
	.maxargs = 1,
	.usage = "[-A approver] [-b branch] [-m memo] -u user entry",
	.summary = N_("reverse a posting, with a supervisor's approval"),
	.flags = CMD_STORE,
	.exec = cmd_reverse_exec,
};

static int
cmd_reverse_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store_txn	*t;
	struct entry		*orig;
	struct post_req		 q;
	struct user		 u;
	const char		*given = NULL, *login = NULL, *memo = NULL;
	const char		*approver = NULL, *s;
	char			 branch[BRANCH_MAX + 1], *end;
	unsigned long long	 seq;
	uint16_t		 i;
	int			 ch, r;

	while ((ch = getopt(argc, argv, cmd_reverse_entry.args)) != -1) {
		switch (ch) {
		case 'A':
			approver = optarg;
			break;
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
	s = argv[optind];
	if ((r = cli_branch(ctx, given, branch, sizeof branch)) != 0)
		return r;
	/* "MOF-45" as printed on a receipt, or "45". */
	if (strncmp(s, branch, strlen(branch)) == 0 && s[strlen(branch)] == '-')
		s += strlen(branch) + 1;
	errno = 0;
	seq = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || seq == 0 || *s < '0' || *s > '9') {
		cmd_error(_("reverse: %s: not an entry number"), argv[optind]);
		return EXIT_DATAERR;
	}
	if (memo != NULL && !text_valid_name(memo)) {
		cmd_error("reverse: %s", _(store_strerror(STORE_E_NAME)));
		return EXIT_DATAERR;
	}
	if ((orig = malloc(sizeof *orig)) == NULL)
		return cmd_store_error(NULL, ENOMEM);
	if ((r = store_begin(ctx->st, 1, &t)) == 0) {
		r = journal_get(t, branch, seq, orig);
		store_abort(t);
	}
	if (r != 0) {
		free(orig);
		if (r == STORE_E_NOTFOUND) {
			cmd_error(_("reverse: %s: no such entry"), argv[optind]);
			return EXIT_DATAERR;
		}
		return cmd_store_error("reverse", r);
	}
	if ((r = cli_actor(ctx, branch, login, &u)) != 0) {
		free(orig);
		return r;
	}
	memset(&q, 0, sizeof q);
	q.branch = branch;
	q.user = u.login;
	q.approver = approver;
	q.kind = EK_REVERSAL;
	q.reverses = seq;
	if (memo != NULL) {
		q.field[0] = (struct field){ F_MEMO, (uint16_t)strlen(memo),
		    (const uint8_t *)memo };
		q.nfield = 1;
	}
	q.npost = orig->npost;
	for (i = 0; i < orig->npost; i++) {
		q.post[i] = orig->post[i];
		q.post[i].amount = -orig->post[i].amount;
	}
	free(orig);
	return cli_post(ctx, &q, 1, NULL);
}
