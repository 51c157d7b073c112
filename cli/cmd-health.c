/*
 * cli/cmd-health.c: loket health, the cooperative's health assessment
 * (Permenkop 9/2020, Perdep 06/2016 or both) with every ratio's
 * numerator, denominator and the accounts they came from; and loket
 * health checklist, the checklists a manager enters (entries of the
 * kind health-check).  The figures are store/health.c's; this file only
 * lays them out (cli/doc.c: text, CSV or PDF).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int	cmd_health_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_health_entry = {
	.name = "health",
	.args = "b:cD:o:r:u:",
	.minargs = 0,
	.maxargs = 3,
	.usage = "[-c] [-b branch] [-D date] [-o file.pdf] [-r regime]\n"
	    "checklist [-b branch] [-u user] [list answers]",
	.summary = N_("assess the cooperative's health from its books, or "
	    "enter its checklists"),
	.flags = CMD_STORE,
	.exec = cmd_health_exec,
};

/* Basis points as a person reads them: "12,34%", "-0,50%". */
void
cli_percent(int64_t bp, char *buf, size_t len)
{
	uint64_t	 mag = bp < 0 ? -(uint64_t)bp : (uint64_t)bp;

	snprintf(buf, len, "%s%" PRIu64 ",%02" PRIu64 "%%", bp < 0 ? "-" : "",
	    mag / 100, mag % 100);
}

/* Hundredths of a point: "83,25". */
static void
points(int64_t h, char *buf, size_t len)
{
	snprintf(buf, len, "%" PRId64 ",%02" PRId64, h / 100, h % 100);
}

void
cli_figure_cells(const struct health_figure *f, char num[48], char den[48],
    char ratio[32])
{
	if (f->count == 2) {
		num[0] = den[0] = ratio[0] = '\0';
		return;
	}
	if (f->count) {
		snprintf(num, 48, "%" PRId64, f->num);
		snprintf(den, 48, "%" PRId64, f->den);
	} else {
		money_format(f->num, num, 48);
		money_format(f->den, den, 48);
	}
	if (f->undefined)
		snprintf(ratio, 32, "-");
	else
		cli_percent(f->ratio, ratio, 32);
}

/* Under a figure's row, the accounts of its numerator and denominator. */
void
cli_figure_sources(struct doc *d, size_t ncol, const struct health_figure *f)
{
	const char	*cell[DOC_MAXCOL];
	char		 num[256], den[256];
	size_t		 i;

	if (f->num_src == NULL)
		return;
	snprintf(num, sizeof num, _("numerator: %s"), f->num_src);
	snprintf(den, sizeof den, _("denominator: %s"), f->den_src);
	for (i = 0; i < ncol; i++)
		cell[i] = "";
	cell[1] = num;
	doc_row(d, DOC_ROW_INDENT, cell);
	cell[1] = den;
	doc_row(d, DOC_ROW_INDENT, cell);
}

/* One regime's assessment into the document. */
static void
lay_out(struct doc *d, const struct health_result *res)
{
	static const char *const head[] = { N_("code"), N_("indicator"),
	    N_("numerator"), N_("denominator"), N_("ratio"), N_("score") };
	const char	*h[6], *cell[6];
	char		 num[48], den[48], ratio[32], score[32], line[512];
	char		 pct[32], pts[32];
	size_t		 i, j;

	for (i = 0; i < 6; i++)
		h[i] = _(head[i]);
	doc_section(d, res->regime == HEALTH_P2020 ?
	    _("Permenkop 9/2020 (technical guide 15/2021)") :
	    _("Perdep 06/2016"));
	for (i = 0; i < res->nasp; i++) {
		const struct health_aspect *a = &res->asp[i];

		cli_percent(a->percent, pct, sizeof pct);
		points(a->points, pts, sizeof pts);
		snprintf(line, sizeof line, _("%s: %s of the best, %s of %d "
		    "points"), _(a->name), pct, pts, a->weight);
		doc_para(d, line);
		if (a->checklist && !a->entered)
			doc_para(d, _("(the checklist has not been entered: "
			    "loket health checklist)"));
		doc_table(d, 6, h, "llrrrr");
		for (j = a->first; j < a->first + a->n; j++) {
			const struct health_figure *f = &res->fig[j];

			cli_figure_cells(f, num, den, ratio);
			if (res->regime == HEALTH_P2020)
				snprintf(score, sizeof score, "%d (%d)",
				    f->score, f->nilai);
			else if (f->weight != 0)
				snprintf(score, sizeof score, "%d x %d",
				    f->score, f->weight);
			else
				snprintf(score, sizeof score, "%d",
				    f->score);
			cell[0] = f->code;
			cell[1] = _(f->name);
			cell[2] = num;
			cell[3] = den;
			cell[4] = ratio;
			cell[5] = score;
			doc_row(d, DOC_ROW_PLAIN, cell);
			if (f->num_src == NULL)
				continue;
			cli_figure_sources(d, 6, f);
		}
	}
	points(res->total, pts, sizeof pts);
	snprintf(line, sizeof line, _("Total %s of 100: %s"), pts,
	    _(health_predicate_name(res->predicate)));
	doc_para(d, line);
}

static int
parse_regime(const char *s, int *regime)
{
	if (strcmp(s, "2020") == 0)
		*regime = 0;
	else if (strcmp(s, "2016") == 0)
		*regime = 1;
	else if (strcmp(s, "both") == 0)
		*regime = 2;
	else
		return -1;
	return 0;
}

/* The checklists: list them with their answers, or enter one. */
static int
checklist(struct cmd_ctx *ctx, const char *branch, const char *login,
    int argc, char **argv)
{
	struct store_txn	*t;
	struct health_inputs	 in;
	struct post_req		 q;
	struct branch		 b;
	struct user		 u;
	char			 date[16];
	size_t			 i, n;
	int			 l, r;

	if (argc == 0) {
		if ((r = store_begin(ctx->st, 1, &t)) != 0)
			return cmd_store_error(NULL, r);
		if ((r = branch_get(t, branch, &b)) == 0)
			r = health_inputs(t, branch, b.date, 0, &in);
		store_abort(t);
		if (r != 0)
			return cmd_store_error(NULL, r);
		for (l = 0; l < HEALTH_NLIST; l++) {
			n = health_list_len(l);
			if (in.check_date[l] != 0) {
				date_format(in.check_date[l], date,
				    sizeof date);
				printf("%s (%s)\n", health_list_name(l),
				    date);
			} else
				printf("%s (%s)\n", health_list_name(l),
				    _("not entered"));
			for (i = 0; i < n; i++)
				printf("  %2zu. [%c] %s\n", i + 1,
				    in.check_date[l] ? '0' + in.check[l][i] :
				    ' ', _(health_item_text(l, i)));
		}
		return 0;
	}
	if (argc != 2)
		return cmd_usage(ctx->entry);
	if (health_list_parse(argv[0], &l) != 0) {
		cmd_error(_("health: %s: no such checklist (governance, risk "
		    "or management)"), argv[0]);
		return EXIT_DATAERR;
	}
	if (health_check_valid(l, argv[1]) != 0) {
		cmd_error(_("health: %s: give one answer 1 (best) to 4 for "
		    "each of the %zu items"), argv[1], health_list_len(l));
		return EXIT_DATAERR;
	}
	if ((r = cli_actor(ctx, branch, login, &u)) != 0)
		return r;
	health_check_req(&q, branch, u.login, argv[0], argv[1]);
	if ((r = cli_post(ctx, &q, 0, NULL)) != 0)
		return r;
	printf(_("%s checklist entered: %s\n"), argv[0], argv[1]);
	return 0;
}

/*
 * The assessment of branch at date into d, by regime (0 Permenkop
 * 9/2020, 1 Perdep 06/2016, 2 both; -1 the branch's setting).  Shared
 * with loket rat pack.  Returns 0 or what the store returns.
 */
int
cli_health_doc(struct store_txn *t, const char *branch, uint32_t date,
    int regime, struct doc *d)
{
	struct health_inputs	 in;
	struct health_config	 cfg;
	struct health_result	 res;
	struct branch		 b;
	int			 r;

	if ((r = branch_get(t, branch, &b)) != 0 ||
	    (r = health_config_read(t, branch, &cfg)) != 0)
		return r;
	if (regime < 0)
		regime = health_regime(&cfg);
	if (date == 0)
		date = b.date;
	/* Loans' lateness: on a past day, each as it stood then. */
	if ((r = health_inputs(t, branch, date, 1, &in)) != 0)
		return r;
	if (regime != 1) {
		health_p2020(&in, &cfg, &res);
		lay_out(d, &res);
	}
	if (regime != 0) {
		health_p2016(&in, &cfg, &res);
		lay_out(d, &res);
	}
	return 0;
}

static int
cmd_health_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store_txn	*t = NULL;
	struct branch		 b;
	struct doc		*d = NULL;
	const char		*given = NULL, *login = NULL, *when = NULL;
	const char		*pdf = NULL, *rs = NULL;
	char			 branch[BRANCH_MAX + 1], line[512], ds[16];
	uint32_t		 date = 0;
	int			 ch, r, csv = 0, regime, ret;

	while ((ch = getopt(argc, argv, cmd_health_entry.args)) != -1) {
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
		case 'r':
			rs = optarg;
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
	if (argc > 0) {
		if (strcmp(argv[0], "checklist") != 0)
			return cmd_usage(ctx->entry);
		return checklist(ctx, branch, login, argc - 1, argv + 1);
	}
	if (when != NULL && date_parse(when, &date) != 0) {
		cmd_error(_("health: %s: not a date (YYYY-MM-DD)"), when);
		return EXIT_DATAERR;
	}
	regime = -1;
	if (rs != NULL && parse_regime(rs, &regime) != 0) {
		cmd_error(_("health: %s: the regime is 2020, 2016 or both"),
		    rs);
		return EXIT_DATAERR;
	}
	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	if ((r = branch_get(t, branch, &b)) != 0)
		goto fail;
	if (date == 0)
		date = b.date;
	if ((d = doc_new(b.name)) == NULL) {
		r = ENOMEM;
		goto fail;
	}
	date_format(date, ds, sizeof ds);
	snprintf(line, sizeof line, _("Health assessment at %s"), ds);
	doc_title(d, line);
	if ((r = cli_health_doc(t, branch, date, regime, d)) != 0)
		goto fail;
	store_abort(t);
	t = NULL;
	ret = doc_write(d, "health", csv, pdf, 80);
	doc_free(d);
	return ret;
fail:
	if (t != NULL)
		store_abort(t);
	doc_free(d);
	return cmd_store_error(NULL, r);
}
