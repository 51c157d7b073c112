/*
 * cli/cmd-verify.c: loket verify, rebuild everything from the journal and
 * compare; check the hash chain.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int	cmd_verify_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_verify_entry = {
	.name = "verify",
	.args = "fq",
	.minargs = 0,
	.maxargs = 0,
	.usage = "[-q] [-f]",
	.summary = N_("rebuild every balance from the journal and check "
	    "the hash chain"),
	.flags = CMD_STORE,
	.exec = cmd_verify_exec,
};

static void
progress(void *arg, uint64_t n)
{
	fprintf(stderr, "\r%s %" PRIu64, _("entries checked:"), n);
	fflush(stderr);
}

static int
verify(struct store *st, int quiet, int fast)
{
	struct verify_report	 rep;
	int			 r, show = !quiet && isatty(STDERR_FILENO);

	if (fast)
		r = store_verify_quick(st, show ? progress : NULL, NULL, &rep);
	else
		r = store_verify(st, getenv("TMPDIR"), show ? progress : NULL,
		    NULL, &rep);
	if (show)
		fputc('\n', stderr);
	if (r == STORE_E_CHAIN) {
		char	 what[512];

		snprintf(what, sizeof what, _(rep.fmt), rep.code ?
		    _(store_strerror(rep.code)) : rep.arg);
		if (rep.bad_seq != 0)
			cmd_error(_("verify: branch %s, entry %" PRIu64 ": %s"),
			    rep.branch, rep.bad_seq, what);
		else
			cmd_error(_("verify: branch %s: %s"), rep.branch, what);
		return 1;
	}
	if (r != 0)
		return cmd_store_error("verify", r);
	if (!quiet && fast)
		printf(_("verified %" PRIu64 " entries quickly: the journal, "
		    "the hash chain, every balance and its period totals "
		    "agree\n"), rep.entries);
	else if (!quiet)
		printf(_("verified %" PRIu64 " entries: the journal, the hash "
		    "chain and every balance agree\n"), rep.entries);
	return 0;
}

/* Shared with loket backup, which verifies its copy. */
int
cli_verify(struct store *st, int quiet)
{
	return verify(st, quiet, 0);
}

static int
cmd_verify_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	int	 ch, quiet = 0, fast = 0;

	while ((ch = getopt(argc, argv, cmd_verify_entry.args)) != -1) {
		switch (ch) {
		case 'f':
			fast = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		default:
			return cmd_usage(ctx->entry);
		}
	}
	return verify(ctx->st, quiet, fast);
}
