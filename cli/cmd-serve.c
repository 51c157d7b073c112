/*
 * cli/cmd-serve.c: loket serve, the head office's end of loket sync.
 * sshd starts it as the forced command of a branch's key:
 *
 *	command="loket serve -b MOF",restrict ssh-ed25519 AAAA... loket-sync-MOF
 *
 * It speaks the sync protocol on standard input and output, takes entries
 * of its -b branch only, and sends the head office's own entries back
 * (sync/serve.c).  What happened goes to syslog; a failure also ends in
 * one line on standard error, which loket sync shows the branch.
 */
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

#include "cli/cli.h"
#include "sync/sync.h"

#define EXIT_TEMPFAIL	75	/* EX_TEMPFAIL: the branch went away */

static int	cmd_serve_exec(struct cmd_ctx *, int, char **);

#define OPT_COOP	256
static const struct option serve_longopts[] = {
	{ "coop", required_argument, NULL, OPT_COOP },
	{ NULL, 0, NULL, 0 }
};

/* Not CMD_STORE: a province box's folder holds no books (--coop). */
const struct cmd_entry cmd_serve_entry = {
	.name = "serve",
	.args = "b:t:",
	.minargs = 0,
	.maxargs = 0,
	.usage = "[-t seconds] -b branch\n[-t seconds] --coop code",
	.summary = N_("the head office's end of loket sync, started by sshd"),
	.exec = cmd_serve_exec,
	.longopts = serve_longopts,
};

/*
 * --coop: the province box takes one report of cooperative code, the
 * code from sshd's forced command (sync/province.c).
 */
static int
serve_coop(struct cmd_ctx *ctx, const char *code, int timeout)
{
	struct sync_fail	 fail;
	char			 name[256];
	int			 r, kept;

	if (!province_valid_code(code)) {
		cmd_error(_("province: %s: a cooperative's code is 1 to 16 "
		    "capital letters or digits"), code);
		return EXIT_USAGE;
	}
	if (province_name(ctx->dir, name, sizeof name) != 0) {
		cmd_error(_("province: %s: not a province folder (loket init "
		    "--province)"), ctx->dir);
		return EXIT_NOINPUT;
	}
	openlog("loket-serve", LOG_PID, LOG_DAEMON);
	signal(SIGPIPE, SIG_IGN);
	r = province_serve(ctx->dir, code, STDIN_FILENO, STDOUT_FILENO,
	    timeout, &kept, &fail);
	if (r == 0) {
		syslog(LOG_INFO, "cooperative %s: %s", code, kept ?
		    "report kept" : "the same report was kept already");
		return 0;
	}
	syslog(LOG_ERR, "cooperative %s: %s %s", code,
	    store_strerror(fail.code), fail.detail);
	cmd_error(_("serve: cooperative %s: %s%s%s"), code,
	    _(store_strerror(fail.code)), fail.detail[0] ? " - " : "",
	    fail.detail);
	return fail.code == SYNC_E_NETWORK ? EXIT_TEMPFAIL : EXIT_DATAERR;
}

static void
log_line(int pri, const char *msg)
{
	syslog(pri, "%s", msg);
}

static int
cmd_serve_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct sync_stats	 stats;
	struct sync_fail	 fail;
	const char		*branch = NULL, *coop = NULL;
	char			*end;
	long			 timeout = 600;
	int			 ch, r;

	while ((ch = getopt_long(argc, argv, cmd_serve_entry.args,
	    serve_longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_COOP:
			coop = optarg;
			break;
		case 'b':
			branch = optarg;
			break;
		case 't':
			timeout = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || timeout < 1 ||
			    timeout > 86400) {
				cmd_error(_("serve: -t takes seconds, 1 to "
				    "86400"));
				return EXIT_USAGE;
			}
			break;
		default:
			return cmd_usage(ctx->entry);
		}
	}
	if (coop != NULL && branch == NULL)
		return serve_coop(ctx, coop, (int)timeout);
	if (branch == NULL || coop != NULL) {
		cmd_error("%s", _("serve: name the branch with -b"));
		return cmd_usage(ctx->entry);
	}
	if (!branch_valid_code(branch)) {
		cmd_error(_("serve: %s: a branch code is 1 to 8 capital "
		    "letters or digits"), branch);
		return EXIT_USAGE;
	}
	if ((r = store_open(ctx->dir, 0, &ctx->st)) != 0) {
		if (r == STORE_E_NODATA)
			cmd_error(_("%s: no loket data folder (run loket "
			    "init, or give -d)"), ctx->dir);
		else
			cmd_error("%s: %s", ctx->dir, _(store_strerror(r)));
		return r == STORE_E_NODATA ? EXIT_NOINPUT :
		    store_storage_error(r) ? EXIT_IOERR : 1;
	}
	openlog("loket-serve", LOG_PID, LOG_DAEMON);
	sync_set_log(log_line);
	signal(SIGPIPE, SIG_IGN);
	r = serve_run(ctx->st, branch, STDIN_FILENO, STDOUT_FILENO,
	    (int)timeout, &stats, &fail);
	if (r == 0)
		return 0;
	if (fail.seq != 0)
		cmd_error(_("serve: branch %s, entry %" PRIu64 ": %s%s%s"),
		    fail.branch[0] ? fail.branch : branch, fail.seq,
		    _(store_strerror(fail.code)), fail.detail[0] ? " - " : "",
		    fail.detail);
	else
		cmd_error(_("serve: branch %s: %s%s%s"),
		    fail.branch[0] ? fail.branch : branch,
		    _(store_strerror(fail.code)), fail.detail[0] ? " - " : "",
		    fail.detail);
	switch (fail.code) {
	case SYNC_E_NETWORK:
		return EXIT_TEMPFAIL;
	case SYNC_E_CHAIN:
	case SYNC_E_REFUSED:
	case SYNC_E_PROTO:
	case SYNC_E_FRAME:
	case SYNC_E_BRANCH:
	case SYNC_E_GAP:
	case SYNC_E_VERSION:
		return EXIT_DATAERR;
	default:
		if (store_storage_error(fail.code))
			return EXIT_IOERR;
		return fail.code < STORE_E_BASE && fail.code > STORE_E_LAST ?
		    EXIT_DATAERR : EXIT_SOFTWARE;
	}
}
