/*
 * cli/cmd-demo.c: loket demo, a demo cooperative to try loket on.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/demo.h"

static int	cmd_demo_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_demo_entry = {
	.name = "demo",
	.args = "D:M:m:qs:",
	.minargs = 1,
	.maxargs = 1,
	.usage = "[-q] [-D date] [-M months] [-m members] [-s seed] dir",
	.summary = N_("create a demo cooperative with months of history"),
	.exec = cmd_demo_exec,
};

static void
progress(void *arg, const char *branch, uint32_t day)
{
	char	 d[16];

	date_format(day, d, sizeof d);
	fprintf(stderr, "\r%s %s %s", _("closing"), branch, d);
	fflush(stderr);
}

static int
number(const char *what, const char *s, long long lo, long long hi,
    long long *v)
{
	char	*end;

	errno = 0;
	*v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || *s == '\0' || *v < lo || *v > hi) {
		cmd_error(_("demo: %s: %s must be a number from %lld to %lld"),
		    s, what, lo, hi);
		return EXIT_DATAERR;
	}
	return 0;
}

static int
cmd_demo_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct demo_params	 p;
	struct store		*st = NULL;
	const char		*dir;
	long long		 v, n;
	uint64_t		 entries = 0;
	uint32_t		 today;
	int			 ch, r, quiet = !isatty(STDERR_FILENO);
	int			 y, m, d;

	memset(&p, 0, sizeof p);
	p.coop = "Kopdit Sehati (demo)";
	p.members = 2000;
	p.branches = 2;
	p.per_day = 40;
	p.seed = 20261129;
	p.leave_last_open = 1;
	v = -1;		/* from a 1 July: a closed year and its RAT */
	today = cli_today("Asia/Makassar");
	while ((ch = getopt(argc, argv, cmd_demo_entry.args)) != -1) {
		switch (ch) {
		case 'D':
			if (date_parse(optarg, &today) != 0) {
				cmd_error(_("demo: %s: not a date "
				    "(YYYY-MM-DD)"), optarg);
				return EXIT_DATAERR;
			}
			break;
		case 'M':
			if ((r = number("-M", optarg, 0, 60, &v)) != 0)
				return r;
			break;
		case 'm':
			if ((r = number("-m", optarg, 2, 2000000, &n)) != 0)
				return r;
			p.members = (uint64_t)n;
			break;
		case 'q':
			quiet = 1;
			break;
		case 's':
			if ((r = number("-s", optarg, 1, INT64_MAX, &n)) != 0)
				return r;
			p.seed = (uint64_t)n;
			break;
		default:
			return cmd_usage(ctx->entry);
		}
	}
	dir = argv[optind];
	date_to_ymd(today, &y, &m, &d);
	if (v < 0) {
		/* Far enough back that a closed year's RAT is held. */
		y -= m < 3 || (m == 3 && d < 14) ? 2 : 1;
		m = 7;
	} else
		m -= (int)v;
	while (m < 1) {
		m += 12;
		y--;
	}
	p.start = date_from_ymd(y, m, 1);
	p.end = today;

	if ((r = store_open(dir, 0, &st)) != STORE_E_NODATA) {
		store_close(st);
		cmd_error(_("demo: %s holds a loket book already"), dir);
		return EXIT_CANTCREAT;
	}
	/* Synced once, at the close: a half-made demo is made again. */
	if ((r = store_open(dir, STORE_CREATE | STORE_NOSYNC, &st)) != 0) {
		cmd_error("demo: %s: %s", dir, _(store_strerror(r)));
		return EXIT_CANTCREAT;
	}
	r = demo_generate(st, &p, quiet ? NULL : progress, NULL, &entries);
	store_close(st);
	if (!quiet)
		fputc('\n', stderr);
	if (r != 0)
		return cmd_store_error("demo", r);
	printf(_("%s: demo cooperative with %" PRIu64 " members in %d "
	    "branches, %" PRIu64 " entries\n"), dir, p.members, p.branches,
	    entries);
	printf("%s\n", _("users (branches MOF and ENDE): admin/admin-pass, "
	    "ani and budi (tellers)/teller-pass, sisi (supervisor)/super-pass, "
	    "mira (manager)/manager-pass"));
	return 0;
}
