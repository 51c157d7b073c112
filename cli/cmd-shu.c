/*
 * cli/cmd-shu.c: loket shu, the year's SHU: the running estimate and
 * the split it would make, each member's share, and the posting of the
 * split after the RAT (store/shu-year.c).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int	cmd_shu_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_shu_entry = {
	.name = "shu",
	.args = "b:cD:o:u:",
	.minargs = 0,
	.maxargs = 2,
	.usage = "[-c] [-b branch] [-D date] [-o file.pdf] [-u user] "
	    "[members | post] [year]",
	.summary = N_("the year's SHU so far and its split, each member's "
	    "share, and posting the split"),
	.flags = CMD_STORE,
	.exec = cmd_shu_exec,
};

static int
cmd_shu_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store_txn	*t;
	struct shu_estimate	 est;
	struct shu_post_report	 rep;
	struct branch		 b;
	struct user		 u;
	struct doc		*d = NULL;
	const char		*given = NULL, *date = NULL, *pdf = NULL;
	const char		*login = NULL, *action = NULL, *ys = NULL;
	char			 branch[BRANCH_MAX + 1], coop[NAME_MAX_COLS * 4 + 1];
	char			 title[256], a[48], *end;
	const char		*sg[3];
	uint32_t		 asof = 0;
	long			 year = 0;
	int			 ch, r, csv = 0, y, mo, dd, ex;

	while ((ch = getopt(argc, argv, cmd_shu_entry.args)) != -1) {
		switch (ch) {
		case 'b':
			given = optarg;
			break;
		case 'c':
			csv = doc_plain = 1;
			break;
		case 'D':
			date = optarg;
			break;
		case 'o':
			pdf = optarg;
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
	if (argc > 0 && (strcmp(argv[0], "members") == 0 ||
	    strcmp(argv[0], "post") == 0)) {
		action = argv[0];
		argc--;
		argv++;
	}
	if (argc > 1)
		return cmd_usage(ctx->entry);
	if (argc == 1) {
		ys = argv[0];
		year = strtol(ys, &end, 10);
		if (*end != '\0' || end == ys || year < 1970 || year > 9999) {
			cmd_error(_("shu: %s: not a year"), ys);
			return EXIT_DATAERR;
		}
	}
	if (date != NULL && date_parse(date, &asof) != 0) {
		cmd_error(_("shu: %s: not a date (YYYY-MM-DD)"), date);
		return EXIT_DATAERR;
	}
	if ((r = cli_branch(ctx, given, branch, sizeof branch)) != 0)
		return r;
	if (action != NULL && strcmp(action, "post") == 0) {
		if (year == 0)
			return cmd_usage(ctx->entry);
		if ((r = cli_actor(ctx, branch, login, &u)) != 0)
			return r;
		if (!(u.role & ROLE_MANAGER)) {
			cmd_error("%s", _("shu: only a manager posts the "
			    "split"));
			return EXIT_NOPERM;
		}
		if ((r = store_shu_post(ctx->st, branch, u.login, (int)year,
		    0, &rep)) != 0) {
			if (r == STORE_E_SHUOPEN || r == STORE_E_SHUPOSTED ||
			    r == STORE_E_AMOUNT || r == STORE_E_SHUPLAN ||
			    r == STORE_E_SHUNOPLAN || r == STORE_E_SHUBRANCH) {
				cmd_error("shu: %ld: %s", year,
				    _(store_strerror(r)));
				return EXIT_DATAERR;
			}
			return cmd_store_error("shu", r);
		}
		money_format(rep.pool, a, sizeof a);
		if (rep.branches > 0) {
			printf(_("%s: the cooperative's SHU of %ld, %s, is "
			    "divided: %" PRIu64 " members in %" PRIu64
			    " branches; each branch posts its members' "
			    "shares at its next sync\n"), branch, year, a,
			    rep.members, rep.branches);
			return 0;
		}
		printf(_("%s: the SHU of %ld, %s, is divided: %" PRIu64
		    " members, in %" PRIu64 " entries\n"), branch, year, a,
		    rep.members, rep.entries);
		return 0;
	}
	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	if ((r = branch_get(t, branch, &b)) != 0)
		goto fail;
	if (asof == 0)
		asof = b.date;
	if (year == 0) {
		date_to_ymd(asof, &y, &mo, &dd);
		year = y;
	}
	if ((r = shu_estimate(t, branch, (int)year, asof, &est)) != 0)
		goto fail;
	coop[0] = '\0';
	(void)setting_get(t, branch, "coop.name", coop, sizeof coop);
	if ((d = doc_new(coop)) == NULL) {
		r = ENOMEM;
		goto fail;
	}
	doc_title(d, coop[0] ? coop : "loket");
	if (est.coop)
		snprintf(title, sizeof title, _("SHU %ld, the cooperative "
		    "(%d branches)"), year, est.coop);
	else
		snprintf(title, sizeof title, _("SHU %ld, branch %s"), year,
		    branch);
	doc_section(d, title);
	shu_estimate_doc(d, &est);
	if (action != NULL) {
		if (est.error != 0)
			doc_para(d, _("A loss is not divided."));
		else if ((r = shu_members_doc(t, branch, &est, d)) != 0)
			goto fail;
	}
	store_abort(t);
	sg[0] = _("Chair (ketua)");
	sg[1] = _("Treasurer (bendahara)");
	sg[2] = _("Manager (manajer)");
	date_format(asof, a, sizeof a);
	doc_signatures(d, a, 3, sg);
	ex = doc_write(d, "shu", csv, pdf, 80);
	doc_free(d);
	return ex;
fail:
	store_abort(t);
	doc_free(d);
	return cmd_store_error(NULL, r);
}
