/*
 * cli/cmd-province.c: loket province, the province (or district)
 * office's dashboard over the cooperatives' yearly reports
 * (store/province.c): districts, how many reported, the RAT held in
 * time, the predicates, members by gender, assets and SHU, with bar
 * charts drawn in Unicode blocks; the lowest scores; the cooperatives
 * from which nothing came for a year; one cooperative's history; and
 * taking in a report by hand.  Every table also as CSV.  The same as a
 * console screen: loket province console (tui/screen-province.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tui/tui.h"

static int	cmd_province_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_province_entry = {
	.name = "province",
	.args = "cy:",
	.minargs = 0,
	.maxargs = 3,
	.usage = "[-c] [-y year] [districts | ratios | worst | stale | "
	    "show code]\n"
	    "[-y year] console\n"
	    "receive code file",
	.summary = N_("the province office's dashboard of the cooperatives' "
	    "yearly reports"),
	.exec = cmd_province_exec,
};

/* A bar of value / max in width cells: full blocks, then an eighth. */
static void
bar(char *out, size_t size, uint64_t value, uint64_t max, int width)
{
	province_bar(out, size, value, max, width, 1, 0);
}

static void
rupiah(int64_t sen, char *out, size_t size)
{
	money_format(sen, out, size);
}

static void
csv_money(int64_t v)
{
	uint64_t	 mag = v < 0 ? -(uint64_t)v : (uint64_t)v;

	printf(",%s%" PRIu64 ".%02" PRIu64, v < 0 ? "-" : "", mag / 100,
	    mag % 100);
}

static const char *const ratio_names[PROVINCE_NRATIO] = {
	N_("problem loans / loans (highest)"),
	N_("expenses / income (highest)"),
	N_("return on assets (lowest)"),
	N_("cash ratio (lowest)"),
};

static int64_t
ratio_of(const struct ods_report *o, size_t r)
{
	return r == 0 ? o->npl : r == 1 ? o->bopo : r == 2 ? o->roa : o->cash;
}

/* The worst few of each ratio, with a bar each against the worst. */
static void
worst_ratios(const struct province_dash *d, int csv)
{
	const struct province_coop *c;
	char	 b[256], pct[32];
	int64_t	 v, top;
	size_t	 r, i;

	if (csv)
		printf("ratio,code,district,value\n");
	for (r = 0; r < PROVINCE_NRATIO; r++) {
		if (!csv)
			printf("\n%s\n", _(ratio_names[r]));
		top = 0;
		for (i = 0; i < d->nbad[r] && i < 5; i++) {
			v = ratio_of(&d->coop[d->bad[r][i]].r, r);
			if ((v < 0 ? -v : v) > top)
				top = v < 0 ? -v : v;
		}
		for (i = 0; i < d->nbad[r] && i < 5; i++) {
			c = &d->coop[d->bad[r][i]];
			v = ratio_of(&c->r, r);
			cli_percent(v, pct, sizeof pct);
			if (csv) {
				printf("%s,%s,%04u,%s%" PRId64 ".%02" PRId64
				    "\n", r == 0 ? "npl" : r == 1 ? "bopo" :
				    r == 2 ? "roa" : "cash", c->code,
				    c->r.district, v < 0 ? "-" : "",
				    (v < 0 ? -v : v) / 100,
				    (v < 0 ? -v : v) % 100);
				continue;
			}
			bar(b, sizeof b, (uint64_t)(v < 0 ? -v : v),
			    (uint64_t)top, 20);
			printf("  %-16s %04u %9s %s\n", c->code,
			    c->r.district, pct, b);
		}
	}
}

static void
summary(const struct province_dash *d, const char *name)
{
	const struct province_district *t = &d->total;
	char	 b[256], a[48], s[48];
	int	 p;

	printf(_("%s: the cooperatives' reports for %d\n"), name, d->year);
	printf(_("cooperatives %" PRIu64 ", reported %" PRIu64 ", RAT in "
	    "time %" PRIu64 ", nothing for a year %" PRIu64 "\n"), t->coops,
	    t->reported, t->rat_in_time, d->stale);
	printf(_("members %" PRIu64 " (men %" PRIu64 ", women %" PRIu64
	    ")\n"), t->men + t->women, t->men, t->women);
	rupiah(t->assets, a, sizeof a);
	rupiah(t->shu, s, sizeof s);
	printf(_("assets %s, SHU %s\n\n"), a, s);
	printf("%s\n", _("Health predicates"));
	for (p = HEALTH_SEHAT; p <= HEALTH_KHUSUS; p++) {
		bar(b, sizeof b, t->predicate[p], t->reported, 40);
		printf("%-26s %6" PRIu64 " %s\n",
		    _(health_predicate_name(p)), t->predicate[p], b);
	}
	worst_ratios(d, 0);
}

static void
districts(const struct province_dash *d, int csv)
{
	char	 b[256], a[48];
	size_t	 i;

	if (csv)
		printf("district,name,cooperatives,reported,rat_in_time,sehat,"
		    "cukup_sehat,dalam_pengawasan,dalam_pengawasan_khusus,"
		    "men,women,assets,shu\n");
	else
		printf("%-4s %-20s %6s %6s %6s %20s  %s\n", _("district"), "",
		    _("coops"), _("rep."), _("RAT"), _("assets"),
		    _("reported"));
	for (i = 0; i < d->ndistrict; i++) {
		const struct province_district *x = &d->district[i];

		if (csv) {
			printf("%04u,%s,%" PRIu64 ",%" PRIu64 ",%" PRIu64
			    ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
			    ",%" PRIu64 ",%" PRIu64, x->district,
			    province_district_name(x->district), x->coops,
			    x->reported, x->rat_in_time, x->predicate[1],
			    x->predicate[2], x->predicate[3], x->predicate[4],
			    x->men, x->women);
			csv_money(x->assets);
			csv_money(x->shu);
			putchar('\n');
			continue;
		}
		bar(b, sizeof b, x->reported, x->coops, 20);
		rupiah(x->assets, a, sizeof a);
		printf("%04u %-20s %6" PRIu64 " %6" PRIu64 " %6" PRIu64
		    " %20s  %s\n", x->district, province_district_name(x->district),
		    x->coops, x->reported,
		    x->rat_in_time, a, b);
	}
}

static void
coop_line(const struct province_coop *c, int csv)
{
	char	 date[16];

	if (c->r.date != 0)
		date_format(c->r.date, date, sizeof date);
	else
		snprintf(date, sizeof date, "-");
	if (csv) {
		printf("%s,%04u,%d,%s,%" PRId64 ".%02" PRId64 ",%s,%d\n",
		    c->code, c->r.district, c->r.year, date,
		    c->r.total / 100, c->r.total % 100,
		    health_predicate_code(c->r.predicate), c->stale);
		return;
	}
	printf("%-16s %04u %4d %-10s %3" PRId64 ",%02" PRId64 " %s%s\n",
	    c->code, c->r.district, c->r.year, date, c->r.total / 100,
	    c->r.total % 100, _(health_predicate_name(c->r.predicate)),
	    c->stale ? _(" (nothing for a year)") : "");
}

static int
show_one(void *arg, const char *code, const struct ods_report *r,
    int64_t received)
{
	struct province_coop	 c;
	const char		*want = arg;

	if (strcmp(code, want) != 0)
		return 0;
	memset(&c, 0, sizeof c);
	snprintf(c.code, sizeof c.code, "%s", code);
	c.r = *r;
	c.received = received;
	coop_line(&c, 0);
	return 0;
}

static int
receive(const char *dir, const char *code, const char *file)
{
	uint8_t	 buf[ODS_MAXSIZE + 1];
	ssize_t	 n;
	int	 fd, kept, r;

	if (!province_valid_code(code)) {
		cmd_error(_("province: %s: a cooperative's code is 1 to 16 "
		    "capital letters or digits"), code);
		return EXIT_DATAERR;
	}
	if ((fd = open(file, O_RDONLY)) == -1) {
		cmd_error("%s: %s", file, strerror(errno));
		return EXIT_NOINPUT;
	}
	n = read(fd, buf, sizeof buf);
	close(fd);
	if (n < 0 || (size_t)n > ODS_MAXSIZE) {
		cmd_error(_("province: %s: not a signed report"), file);
		return EXIT_DATAERR;
	}
	r = province_keep(dir, code, buf, (size_t)n, &kept);
	if (r == EPERM) {
		cmd_error(_("province: %s: signed with another key than %s's "
		    "earlier reports"), file, code);
		return EXIT_NOPERM;
	}
	if (r == STORE_E_CORRUPT) {
		cmd_error(_("province: %s: not a signed report"), file);
		return EXIT_DATAERR;
	}
	if (r != 0)
		return cmd_store_error("province", r);
	printf(kept ? _("%s: report kept\n") :
	    _("%s: the same report was kept already\n"), code);
	return 0;
}

/* The dashboard as a console screen, on a terminal. */
static int
console(struct cmd_ctx *ctx, int csv, int year)
{
	struct tui_opts	 to;

	if (csv)
		return cmd_usage(ctx->entry);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cmd_error("%s", _("province: the console needs a terminal"));
		return EXIT_USAGE;
	}
	memset(&to, 0, sizeof to);
	to.dir = ctx->dir;
	to.province_year = year;
	return tui_main(&to);
}

static int
cmd_province_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct province_dash	 d;
	const char		*what = NULL, *ys = NULL;
	char			 name[256], *end;
	time_t			 now = time(NULL);
	struct tm		 tm;
	long			 year;
	size_t			 i;
	int			 ch, r, csv = 0;

	while ((ch = getopt(argc, argv, cmd_province_entry.args)) != -1) {
		switch (ch) {
		case 'c':
			csv = 1;
			break;
		case 'y':
			ys = optarg;
			break;
		default:
			return cmd_usage(ctx->entry);
		}
	}
	argc -= optind;
	argv += optind;
	if ((r = province_name(ctx->dir, name, sizeof name)) != 0) {
		cmd_error(_("province: %s: not a province folder (loket init "
		    "--province)"), ctx->dir);
		return EXIT_NOINPUT;
	}
	if (argc > 0)
		what = argv[0];
	if (what != NULL && strcmp(what, "receive") == 0) {
		if (argc != 3)
			return cmd_usage(ctx->entry);
		return receive(ctx->dir, argv[1], argv[2]);
	}
	if (what != NULL && strcmp(what, "show") == 0) {
		if (argc != 2)
			return cmd_usage(ctx->entry);
		if ((r = province_walk(ctx->dir, show_one, argv[1])) != 0)
			return cmd_store_error("province", r);
		return 0;
	}
	if (argc > 1 || (what != NULL && strcmp(what, "districts") != 0 &&
	    strcmp(what, "console") != 0 &&
	    strcmp(what, "ratios") != 0 &&
	    strcmp(what, "worst") != 0 && strcmp(what, "stale") != 0))
		return cmd_usage(ctx->entry);
	/* By default last year: reports come by 30 April. */
	gmtime_r(&now, &tm);
	year = tm.tm_year + 1900 - 1;
	if (ys != NULL) {
		errno = 0;
		year = strtol(ys, &end, 10);
		if (errno != 0 || *end != '\0' || year < 1970 ||
		    year > 9999) {
			cmd_error(_("province: %s: not a year"), ys);
			return EXIT_DATAERR;
		}
	}
	if (what != NULL && strcmp(what, "console") == 0)
		return console(ctx, csv, (int)year);
	if ((r = province_dashboard(ctx->dir, (int)year, (int64_t)now, 6,
	    &d)) != 0)
		return cmd_store_error("province", r);
	if (what == NULL && !csv)
		summary(&d, name);
	else if (what == NULL || strcmp(what, "districts") == 0)
		districts(&d, csv);
	else if (strcmp(what, "ratios") == 0)
		worst_ratios(&d, csv);
	else if (strcmp(what, "worst") == 0) {
		if (csv)
			printf("code,district,year,date,score,predicate,"
			    "stale\n");
		for (i = 0; i < d.nworst; i++)
			coop_line(&d.coop[d.worst[i]], csv);
	} else {
		if (csv)
			printf("code,district,year,date,score,predicate,"
			    "stale\n");
		for (i = 0; i < d.ncoop; i++)
			if (d.coop[i].stale)
				coop_line(&d.coop[i], csv);
	}
	province_dash_free(&d);
	return 0;
}
