/*
 * cli/cmd-pearls.c: loket pearls, WOCCU's PEARLS ratios of the whole
 * cooperative at a date, each with its numerator, denominator, the
 * accounts they came from and the goal beside it; then the trend over
 * the twelve month-ends up to that date, each month-end's ratios from
 * the period totals (store/health.c, store/health-calc.c).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int	cmd_pearls_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_pearls_entry = {
	.name = "pearls",
	.args = "b:cD:o:",
	.minargs = 0,
	.maxargs = 0,
	.usage = "[-c] [-b branch] [-D date] [-o file.pdf]",
	.summary = N_("print the PEARLS ratios with their goals and a "
	    "12-month trend"),
	.flags = CMD_STORE,
	.exec = cmd_pearls_exec,
};

static void
goal_text(const struct health_figure *f, char *buf, size_t len)
{
	char	 lo[32], hi[32];

	cli_percent(f->goal_min, lo, sizeof lo);
	cli_percent(f->goal_max, hi, sizeof hi);
	if (f->goal_min >= 0 && f->goal_max >= 0)
		snprintf(buf, len, "%s - %s", lo, hi);
	else if (f->goal_min >= 0)
		snprintf(buf, len, ">= %s", lo);
	else if (f->goal_max >= 0)
		snprintf(buf, len, "<= %s", hi);
	else
		snprintf(buf, len, "%s", _("market rate"));
}

/* The twelve month-ends up to date, oldest first. */
static void
month_ends(uint32_t date, uint32_t end[12])
{
	int	 y, m, d, k;

	date_to_ymd(date, &y, &m, &d);
	if (date_month_end(date) != date) {	/* the month before */
		if (--m == 0) {
			m = 12;
			y--;
		}
	}
	for (k = 11; k >= 0; k--) {
		end[k] = date_month_end(date_from_ymd(y, m, 1));
		if (--m == 0) {
			m = 12;
			y--;
		}
	}
}

static int
cmd_pearls_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const head[] = { N_("code"), N_("indicator"),
	    N_("numerator"), N_("denominator"), N_("ratio"), N_("goal"),
	    N_("met") };
	struct store_txn	*t = NULL;
	struct health_inputs	 in;
	struct health_config	 cfg;
	struct health_figure	 fig[PEARLS_N], tf[12][PEARLS_N];
	struct branch		 b;
	struct doc		*d = NULL;
	const char		*given = NULL, *when = NULL, *pdf = NULL;
	const char		*h[DOC_MAXCOL], *cell[DOC_MAXCOL];
	char			 branch[BRANCH_MAX + 1], line[512], ds[16];
	char			 num[48], den[48], ratio[32], g[64];
	char			 tc[12][32];
	uint32_t		 date = 0, end[12];
	size_t			 i, j, k, part;
	int			 ch, r, csv = 0, ret;

	(void)argc;
	while ((ch = getopt(argc, argv, cmd_pearls_entry.args)) != -1) {
		switch (ch) {
		case 'b':
			given = optarg;
			break;
		case 'c':
			csv = 1;
			break;
		case 'D':
			when = optarg;
			break;
		case 'o':
			pdf = optarg;
			break;
		default:
			return cmd_usage(ctx->entry);
		}
	}
	(void)argv;
	if ((r = cli_branch(ctx, given, branch, sizeof branch)) != 0)
		return r;
	if (when != NULL && date_parse(when, &date) != 0) {
		cmd_error(_("pearls: %s: not a date (YYYY-MM-DD)"), when);
		return EXIT_DATAERR;
	}
	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	if ((r = branch_get(t, branch, &b)) != 0 ||
	    (r = health_config_read(t, branch, &cfg)) != 0)
		goto fail;
	if (date == 0)
		date = b.date;
	if ((r = health_inputs(t, branch, date, 1, &in)) != 0)
		goto fail;
	health_pearls(&in, &cfg, fig);
	month_ends(date, end);
	for (k = 0; k < 12; k++) {
		if ((r = health_inputs(t, branch, end[k], 1, &in)) != 0)
			goto fail;
		health_pearls(&in, &cfg, tf[k]);
	}
	store_abort(t);
	t = NULL;

	if ((d = doc_new(b.name)) == NULL)
		return cmd_store_error(NULL, ENOMEM);
	date_format(date, ds, sizeof ds);
	snprintf(line, sizeof line, _("PEARLS at %s"), ds);
	doc_title(d, line);
	for (i = 0; i < 7; i++)
		h[i] = _(head[i]);
	doc_table(d, 7, h, "llrrrrl");
	for (i = 0; i < PEARLS_N; i++) {
		cli_figure_cells(&fig[i], num, den, ratio);
		goal_text(&fig[i], g, sizeof g);
		cell[0] = fig[i].code;
		cell[1] = _(fig[i].name);
		cell[2] = num;
		cell[3] = den;
		cell[4] = ratio;
		cell[5] = g;
		cell[6] = fig[i].goal_min < 0 && fig[i].goal_max < 0 ? "" :
		    fig[i].undefined ? "-" :
		    fig[i].met ? _("yes") : _("no");
		doc_row(d, DOC_ROW_PLAIN, cell);
		cli_figure_sources(d, 7, &fig[i]);
	}
	doc_section(d, _("Trend: the last twelve month-ends"));
	/* Two tables of month-ends, ratios across: 8 and 6 of them. */
	for (part = 0; part < 2; part++) {
		size_t	 lo = part ? 8 : 0, hi = part ? PEARLS_N : 8;

		h[0] = _("month-end");
		for (j = lo; j < hi; j++)
			h[j - lo + 1] = fig[j].code;
		doc_table(d, hi - lo + 1, h, part ? "lrrrrrr" : "lrrrrrrrr");
		for (k = 0; k < 12; k++) {
			date_format(end[k], tc[0], sizeof tc[0]);
			cell[0] = tc[0];
			for (j = lo; j < hi; j++) {
				if (tf[k][j].undefined)
					snprintf(tc[j - lo + 1], 32, "-");
				else
					cli_percent(tf[k][j].ratio,
					    tc[j - lo + 1], 32);
				cell[j - lo + 1] = tc[j - lo + 1];
			}
			doc_row(d, DOC_ROW_PLAIN, cell);
		}
	}
	ret = doc_write(d, "pearls", csv, pdf, 110);
	doc_free(d);
	return ret;
fail:
	if (t != NULL)
		store_abort(t);
	return cmd_store_error(NULL, r);
}
