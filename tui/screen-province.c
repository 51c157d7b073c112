/*
 * tui/screen-province.c: the province box's dashboard as a screen
 * (loket province console), over the same store functions as loket
 * province: province_dashboard() for the year and province_walk() for
 * one cooperative's reports.  On top the province's totals: how many
 * cooperatives reported, the RAT held in time, those from which nothing
 * came for a year, members by gender, assets, SHU and the health
 * predicates, with bars; below a list that Enter opens: the districts,
 * a district's cooperatives, a cooperative's reports year by year.  The
 * worst ratios and the cooperatives that sent nothing for a year have
 * letters of their own.  Esc goes back; e writes the list on screen as
 * CSV to a file the user names, with the user's own group.
 *
 * Bars are characters, readable without colour: Unicode blocks in
 * eighths when the locale is UTF-8, '#' otherwise.  A flag is a '!'.
 */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <langinfo.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tui/tui.h"

#define _(s)	gettext(s)

#define V_DISTRICTS	0	/* the districts */
#define V_COOPS		1	/* one district's cooperatives */
#define V_STALE		2	/* nothing for a year */
#define V_RATIOS	3	/* the lowest scores and worst ratios */
#define V_HISTORY	4	/* one cooperative's reports by year */
#define NVIEW		5

#define NSECTION	(PROVINCE_NRATIO + 1)

/* A line of the ratios' list: section 0 is the score, then each ratio. */
struct ratio_row {
	int		 section;
	size_t		 coop;
};

struct hist {
	struct ods_report r;
	int64_t		 received;
};

struct hist_arg {
	const char	*code;
	struct hist	*h;
	size_t		 n, cap;
};

static struct province_dash	 dash;
static int			 loaded;
static int			 utf8;
static int			 view;
static int			 hist_back;	/* where Esc leaves history */
static size_t			 top[NVIEW], cur[NVIEW];
static uint32_t			 district;	/* V_COOPS */
static size_t			*coops;		/* V_COOPS, V_STALE: dash.coop */
static size_t			 ncoops;
static struct ratio_row		 rrow[PROVINCE_WORST * NSECTION];
static size_t			 nrrow;
static char			 code[PROVINCE_CODE_MAX + 1];	/* history */
static const struct province_coop *coop_in_view;
static struct hist		*hist;
static size_t			 nhist;
static struct form		 form;
static struct input		*file_in;
static int			 asking;	/* the file's name is typed */

static const char *const section_names[NSECTION] = {
	N_("lowest score"),
	N_("problem loans"),
	N_("expenses/income"),
	N_("return on assets"),
	N_("cash ratio"),
};
static const char *const section_codes[NSECTION] = {
	"score", "npl", "bopo", "roa", "cash"
};

/* A bar of value / max in width cells, padded to width columns. */
static void
bar(char *out, size_t size, uint64_t value, uint64_t max, int width)
{
	province_bar(out, size, value, max, width, utf8, 1);
}

/* Hundredths as "83,25", or as "83.25" for CSV. */
static void
hundredths(int64_t v, int csv, char *out, size_t size)
{
	uint64_t	 mag = v < 0 ? -(uint64_t)v : (uint64_t)v;

	snprintf(out, size, "%s%" PRIu64 "%c%02" PRIu64, v < 0 ? "-" : "",
	    mag / 100, csv ? '.' : ',', mag % 100);
}

static void
day(uint32_t d, char *out, size_t size)
{
	if (d == 0)
		snprintf(out, size, "-");
	else
		date_format(d, out, size);
}

static void
received_day(int64_t when, char *out, size_t size)
{
	time_t		 tt = (time_t)when;
	struct tm	 tm;

	gmtime_r(&tt, &tm);
	strftime(out, size, "%Y-%m-%d", &tm);
}

static int64_t
ratio_of(const struct ods_report *o, int section)
{
	switch (section) {
	case 0:
		return o->total;
	case 1:
		return o->npl;
	case 2:
		return o->bopo;
	case 3:
		return o->roa;
	}
	return o->cash;
}

static size_t
list_len(void)
{
	switch (view) {
	case V_DISTRICTS:
		return dash.ndistrict;
	case V_COOPS:
	case V_STALE:
		return ncoops;
	case V_RATIOS:
		return nrrow;
	}
	return nhist;
}

/* The rows the list has on screen, from its first. */
static int
list_first(void)
{
	return view == V_DISTRICTS ? 9 : view == V_HISTORY ? 6 : 5;
}

static int
list_rows(const struct tui *t)
{
	if (view == V_HISTORY)
		return t->rows - 9 - list_first();	/* the year below */
	return t->rows - 3 - list_first();
}

static void
collect(uint32_t dist, int stale)
{
	size_t	 i;

	ncoops = 0;
	for (i = 0; i < dash.ncoop; i++)
		if (stale ? dash.coop[i].stale : dash.coop[i].r.district ==
		    dist)
			coops[ncoops++] = i;
}

static int
hist_one(void *arg, const char *c, const struct ods_report *r,
    int64_t received)
{
	struct hist_arg	*a = arg;
	void		*p;

	if (strcmp(c, a->code) != 0)
		return 0;
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 8;
		if ((p = reallocarray(a->h, a->cap, sizeof *a->h)) == NULL)
			return ENOMEM;
		a->h = p;
	}
	a->h[a->n].r = *r;
	a->h[a->n].received = received;
	a->n++;
	return 0;
}

static int
hist_cmp(const void *x, const void *y)
{
	const struct hist	*a = x, *b = y;

	if (a->r.year != b->r.year)
		return a->r.year < b->r.year ? -1 : 1;
	return a->received < b->received ? -1 : a->received > b->received;
}

static void
open_history(struct tui *t, size_t i)
{
	struct hist_arg	 a;
	int		 r;

	memset(&a, 0, sizeof a);
	a.code = dash.coop[i].code;
	if ((r = province_walk(t->opts.dir, hist_one, &a)) != 0) {
		free(a.h);
		tui_store_error(t, r);
		return;
	}
	qsort(a.h, a.n, sizeof *a.h, hist_cmp);
	free(hist);
	hist = a.h;
	nhist = a.n;
	snprintf(code, sizeof code, "%s", dash.coop[i].code);
	coop_in_view = &dash.coop[i];
	hist_back = view;
	view = V_HISTORY;
	/* The latest year first in view. */
	cur[V_HISTORY] = nhist > 0 ? nhist - 1 : 0;
	top[V_HISTORY] = 0;
}

static void
province_enter(struct tui *t, uint64_t arg)
{
	size_t	 s, k;
	int	 r;

	(void)arg;
	if (loaded)
		return;
	utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	form_init(&form, t->rows - 3);
	form.labelw = 12;
	file_in = form_add(&form, N_("CSV file"), FLD_TEXT, 60);
	file_in->optional = 1;		/* an empty name is said here */
	if ((r = province_dashboard(t->opts.dir, t->opts.province_year,
	    (int64_t)time(NULL), 6, &dash)) != 0) {
		tui_store_error(t, r);
		return;
	}
	if (dash.ncoop > 0 && (coops = calloc(dash.ncoop,
	    sizeof *coops)) == NULL) {
		province_dash_free(&dash);
		tui_store_error(t, ENOMEM);
		return;
	}
	loaded = 1;
	for (s = 0; s < NSECTION; s++) {
		size_t	 n = s == 0 ? dash.nworst : dash.nbad[s - 1];

		for (k = 0; k < n && (s == 0 || k < 5); k++) {
			rrow[nrrow].section = (int)s;
			rrow[nrrow].coop = s == 0 ? dash.worst[k] :
			    dash.bad[s - 1][k];
			nrrow++;
		}
	}
}

/* One line of the list, for the screen (csv 0) or for CSV. */
static void
list_line(size_t i, int csv, char *out, size_t size)
{
	const struct province_district	*x;
	const struct province_coop	*c;
	const struct hist		*h;
	char	 a[48], s[48], b[128], rat[16], d[16], rc[16], v[32];
	int64_t	 val;

	switch (view) {
	case V_DISTRICTS:
		x = &dash.district[i];
		if (csv) {
			snprintf(out, size, "%04u,%s,%" PRIu64 ",%" PRIu64
			    ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
			    ",%s,%s", x->district,
			    province_district_name(x->district), x->coops,
			    x->reported, x->rat_in_time, x->men + x->women,
			    x->men, x->women,
			    (hundredths(x->assets, 1, a, sizeof a), a),
			    (hundredths(x->shu, 1, s, sizeof s), s));
			return;
		}
		money_format_plain(x->assets, a, sizeof a);
		bar(b, sizeof b, x->reported, x->coops, 8);
		snprintf(out, size, "%04u %-20.20s %4" PRIu64 " %5" PRIu64
		    " %4" PRIu64 " %7" PRIu64 " %18s %s", x->district,
		    province_district_name(x->district), x->coops,
		    x->reported, x->rat_in_time, x->men + x->women, a, b);
		return;
	case V_COOPS:
	case V_STALE:
		c = &dash.coop[coops[i]];
		day(c->r.rat, rat, sizeof rat);
		hundredths(c->r.total, csv, v, sizeof v);
		if (csv) {
			snprintf(out, size, "%s,%04u,%d,%s,%s,%s,%d", c->code,
			    c->r.district, c->r.year, rat, v,
			    health_predicate_code(c->r.predicate), c->stale);
			return;
		}
		snprintf(out, size, "%c %-16s %04u %4d %10s %6s %s",
		    c->stale ? '!' : ' ', c->code, c->r.district, c->r.year,
		    rat, v, _(health_predicate_name(c->r.predicate)));
		return;
	case V_RATIOS:
		c = &dash.coop[rrow[i].coop];
		val = ratio_of(&c->r, rrow[i].section);
		hundredths(val, csv, v, sizeof v);
		if (csv) {
			snprintf(out, size, "%s,%s,%04u,%s",
			    section_codes[rrow[i].section], c->code,
			    c->r.district, v);
			return;
		}
		{
			int64_t	 worst = 0;
			size_t	 k;

			/* Bars against the worst of the section. */
			for (k = 0; k < nrrow; k++) {
				int64_t	 w;

				if (rrow[k].section != rrow[i].section)
					continue;
				w = ratio_of(&dash.coop[rrow[k].coop].r,
				    rrow[k].section);
				if ((w < 0 ? -w : w) > worst)
					worst = w < 0 ? -w : w;
			}
			if (rrow[i].section == 0)
				worst = 10000;	/* a score: of 100 */
			bar(b, sizeof b, (uint64_t)(val < 0 ? -val : val),
			    (uint64_t)worst, 16);
		}
		snprintf(out, size, "%-18.18s %-16s %04u %9s%s %s",
		    _(section_names[rrow[i].section]), c->code,
		    c->r.district, v, rrow[i].section == 0 ? " " : "%", b);
		return;
	}
	h = &hist[i];
	day(h->r.date, d, sizeof d);
	day(h->r.rat, rat, sizeof rat);
	received_day(h->received, rc, sizeof rc);
	hundredths(h->r.total, csv, v, sizeof v);
	if (csv) {
		snprintf(out, size, "%d,%s,%s,%" PRIu64 ",%" PRIu64 ",%s,%s,"
		    "%s,%s,%s", h->r.year, d, rat, h->r.men, h->r.women,
		    (hundredths(h->r.assets, 1, a, sizeof a), a),
		    (hundredths(h->r.shu, 1, s, sizeof s), s), v,
		    health_predicate_code(h->r.predicate), rc);
		return;
	}
	snprintf(out, size, "%4d %10s %10s %6s %-23.23s %10s", h->r.year, d,
	    rat, v, _(health_predicate_name(h->r.predicate)), rc);
}

static const char *
csv_header(void)
{
	switch (view) {
	case V_DISTRICTS:
		return "district,name,cooperatives,reported,rat_in_time,"
		    "members,men,women,assets,shu";
	case V_COOPS:
	case V_STALE:
		return "code,district,year,rat,score,predicate,stale";
	case V_RATIOS:
		return "ratio,code,district,value";
	}
	return "year,date,rat,men,women,assets,shu,score,predicate,received";
}

/* The list's heading, one line over its columns. */
static void
list_heading(struct tui *t, int y)
{
	char	 line[256];

	switch (view) {
	case V_DISTRICTS:
		snprintf(line, sizeof line, "  %-4s %-20.20s %4s %5s %4s %7s "
		    "%18s %s", _("code"), _("district"), _("coop"),
		    _("rep."), _("RAT"), _("members"), _("assets"),
		    _("reported"));
		break;
	case V_COOPS:
	case V_STALE:
		snprintf(line, sizeof line, "  %c %-16s %-4s %4s %10s %6s %s",
		    ' ', _("cooperative"), _("dist"), _("year"), _("RAT"),
		    _("score"), _("predicate"));
		break;
	case V_RATIOS:
		snprintf(line, sizeof line, "  %-18.18s %-16s %-4s %10s",
		    _("ratio"), _("cooperative"), _("dist"), _("value"));
		break;
	default:
		snprintf(line, sizeof line, "  %-4s %10s %10s %6s %-23.23s %10s",
		    _("year"), _("figures at"), _("RAT"), _("score"),
		    _("predicate"), _("received"));
	}
	attron(A_BOLD | A_UNDERLINE);
	draw_text(y, 0, line, t->cols);
	attroff(A_BOLD | A_UNDERLINE);
}

/* The province's totals, rows 2 to 7. */
static void
draw_totals(struct tui *t)
{
	const struct province_district *x = &dash.total;
	char	 line[512], a[48], s[48], bm[128], bw[128];
	int	 p, y = 2;

	snprintf(line, sizeof line, _("Reports of %d: cooperatives %" PRIu64
	    ", reported %" PRIu64 ", RAT in time %" PRIu64), dash.year,
	    x->coops, x->reported, x->rat_in_time);
	draw_text(y++, 1, line, t->cols - 2);
	bar(bm, sizeof bm, x->men, x->men + x->women, 14);
	bar(bw, sizeof bw, x->women, x->men + x->women, 14);
	snprintf(line, sizeof line, _("Members %" PRIu64 ": men %" PRIu64
	    " %s women %" PRIu64 " %s"), x->men + x->women, x->men, bm,
	    x->women, bw);
	draw_text(y++, 1, line, t->cols - 2);
	money_format(x->assets, a, sizeof a);
	money_format(x->shu, s, sizeof s);
	snprintf(line, sizeof line, _("Assets %s, SHU %s"), a, s);
	draw_text(y, 1, line, t->cols - 2);
	if (dash.stale > 0) {
		snprintf(line, sizeof line, _("! nothing for a year: %" PRIu64),
		    dash.stale);
		attron(A_BOLD);
		draw_text(y, t->cols - 1 - (int)utf8_width(line), line,
		    (int)utf8_width(line));
		attroff(A_BOLD);
	}
	y++;
	for (p = HEALTH_SEHAT; p <= HEALTH_KHUSUS; p++) {
		bar(bm, sizeof bm, x->predicate[p], x->reported, 8);
		snprintf(line, sizeof line, "%-25.25s %4" PRIu64 " %s",
		    _(health_predicate_name(p)), x->predicate[p], bm);
		draw_text(y + (p - 1) / 2, 1 + (p - 1) % 2 * 40, line, 38);
	}
}

/* A district's or a cooperative's lines over the list. */
static void
draw_head(struct tui *t)
{
	const struct province_coop	*c = coop_in_view;
	const struct hist		*h;
	char	 line[512], a[48], s[48], o[48], vol[48];
	char	 np[16], bo[16], ro[16], ca[16], rc[16];
	int	 y;

	switch (view) {
	case V_COOPS:
		snprintf(line, sizeof line, _("District %04u %s: its "
		    "cooperatives"), district, province_district_name(
		    district));
		draw_text(2, 1, line, t->cols - 2);
		draw_text(3, 1, _("!: nothing received for a year"),
		    t->cols - 2);
		return;
	case V_STALE:
		draw_text(2, 1, _("! The cooperatives from which nothing came "
		    "for a year"), t->cols - 2);
		return;
	case V_RATIOS:
		draw_text(2, 1, _("The lowest scores and the worst ratios of "
		    "the year's reports"), t->cols - 2);
		return;
	case V_HISTORY:
		break;
	default:
		return;
	}
	received_day(c->received, rc, sizeof rc);
	snprintf(line, sizeof line, _("%s, district %04u %s; the last report "
	    "came %s"), code, c->r.district,
	    province_district_name(c->r.district), rc);
	draw_text(2, 1, line, t->cols - 2);
	if (c->stale) {
		attron(A_BOLD);
		draw_text(3, 1, _("! nothing received for a year"),
		    t->cols - 2);
		attroff(A_BOLD);
	}
	if (nhist == 0)
		return;
	/* The year chosen, whole, under the list. */
	h = &hist[cur[V_HISTORY]];
	y = t->rows - 8;
	snprintf(line, sizeof line, _("%d: members %" PRIu64 " (men %" PRIu64
	    ", women %" PRIu64 "), managers %" PRIu64 ", staff %" PRIu64),
	    h->r.year, h->r.men + h->r.women, h->r.men, h->r.women,
	    h->r.managers, h->r.staff);
	draw_text(y++, 1, line, t->cols - 2);
	money_format(h->r.assets, a, sizeof a);
	money_format(h->r.shu, s, sizeof s);
	snprintf(line, sizeof line, _("Assets %s, SHU %s"), a, s);
	draw_text(y++, 1, line, t->cols - 2);
	money_format(h->r.own_capital, o, sizeof o);
	money_format(h->r.outside_capital, a, sizeof a);
	snprintf(line, sizeof line, _("Own capital %s, outside capital %s"),
	    o, a);
	draw_text(y++, 1, line, t->cols - 2);
	money_format(h->r.volume, vol, sizeof vol);
	snprintf(line, sizeof line, _("Business volume %s"), vol);
	draw_text(y++, 1, line, t->cols - 2);
	hundredths(h->r.npl, 0, np, sizeof np);
	hundredths(h->r.bopo, 0, bo, sizeof bo);
	hundredths(h->r.roa, 0, ro, sizeof ro);
	hundredths(h->r.cash, 0, ca, sizeof ca);
	snprintf(line, sizeof line, _("Problem loans %s%%, expenses/income "
	    "%s%%, ROA %s%%, cash %s%%"), np, bo, ro, ca);
	draw_text(y, 1, line, t->cols - 2);
}

static void
province_draw(struct tui *t)
{
	char	 line[512], pos[64];
	size_t	 n = list_len(), i;
	int	 y0 = list_first(), rows = list_rows(t), y;

	if (!loaded)
		return;
	if (view == V_DISTRICTS)
		draw_totals(t);
	else
		draw_head(t);
	list_heading(t, y0 - 1);
	if (n == 0)
		draw_text(y0, 2, _("Nothing to show."), t->cols - 4);
	for (i = top[view], y = y0; i < n && y < y0 + rows; i++, y++) {
		list_line(i, 0, line, sizeof line);
		if (i == cur[view])
			attron(A_REVERSE);
		draw_text(y, 0, i == cur[view] ? ">" : " ", 1);
		draw_text(y, 1, " ", 1);
		draw_text(y, 2, line, t->cols - 2);
		if (i == cur[view])
			attroff(A_REVERSE);
	}
	if (asking)
		form_draw(t, &form);
	else if (n > 0) {
		snprintf(pos, sizeof pos, _("%zu of %zu"), cur[view] + 1, n);
		draw_text(y0 + rows, t->cols - 1 - (int)utf8_width(pos), pos,
		    (int)utf8_width(pos));
	}
}

/*
 * Write the list in view as CSV to path: a new file, opened with the
 * user's own group (loket may run setgid: never write for anyone where
 * they could not).
 */
static int
write_csv(const char *path)
{
	char	 line[1024];
	FILE	*f;
	gid_t	 egid = getegid();
	size_t	 i, n = list_len();
	int	 fd, r = 0;

	if (egid != getgid() && setegid(getgid()) != 0)
		return errno;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd == -1)
		r = errno;
	if (egid != getgid() && setegid(egid) != 0 && r == 0)
		r = errno;
	if (r != 0) {
		if (fd != -1)
			close(fd);
		return r;
	}
	if ((f = fdopen(fd, "w")) == NULL) {
		r = errno;
		close(fd);
		return r;
	}
	fprintf(f, "%s\n", csv_header());
	for (i = 0; i < n; i++) {
		list_line(i, 1, line, sizeof line);
		fprintf(f, "%s\n", line);
	}
	if (fflush(f) != 0 || ferror(f))
		r = errno ? errno : EIO;
	if (fclose(f) != 0 && r == 0)
		r = errno;
	return r;
}

static int
ask_key(struct tui *t, int key, wint_t wc)
{
	int	 r;

	switch (form_key(t, &form, key, wc)) {
	case FORM_CANCEL:
		asking = 0;
		t->msg[0] = '\0';
		tui_cursor(0);
		return K_REDRAW;
	case FORM_SUBMIT:
		if (file_in->len == 0) {
			tui_message(t, 1, "%s", _("Type the file's name."));
			return K_REDRAW;
		}
		if ((r = write_csv(file_in->buf)) == EEXIST)
			tui_message(t, 1, _("%s exists already: name another "
			    "file."), file_in->buf);
		else if (r != 0)
			tui_message(t, 1, "%s: %s", file_in->buf, strerror(r));
		else {
			tui_message(t, 0, _("%zu lines written to %s."),
			    list_len(), file_in->buf);
			asking = 0;
			tui_cursor(0);
		}
		return K_REDRAW;
	case FORM_NONE:
		return K_UNHANDLED;
	}
	return K_REDRAW;
}

static void
scroll_to(struct tui *t, size_t want)
{
	size_t	 n = list_len(), rows = (size_t)list_rows(t);

	if (n == 0)
		return;
	if (want >= n)
		want = n - 1;
	cur[view] = want;
	if (cur[view] < top[view])
		top[view] = cur[view];
	if (cur[view] >= top[view] + rows)
		top[view] = cur[view] - rows + 1;
}

static void
go_view(int v)
{
	view = v;
	cur[v] = top[v] = 0;
}

static int
province_key(struct tui *t, int key, wint_t wc)
{
	const struct key_binding	*kb;
	size_t				 n = list_len(), page;

	if (!loaded)
		return K_UNHANDLED;
	if (asking)
		return ask_key(t, key, wc);
	page = (size_t)list_rows(t);
	switch (key) {
	case KEY_UP:
		scroll_to(t, cur[view] > 0 ? cur[view] - 1 : 0);
		return K_REDRAW;
	case KEY_DOWN:
		scroll_to(t, cur[view] + 1);
		return K_REDRAW;
	case KEY_PPAGE:
		scroll_to(t, cur[view] > page ? cur[view] - page : 0);
		return K_REDRAW;
	case KEY_NPAGE:
		scroll_to(t, cur[view] + page);
		return K_REDRAW;
	case KEY_HOME:
		scroll_to(t, 0);
		return K_REDRAW;
	case KEY_END:
		scroll_to(t, n > 0 ? n - 1 : 0);
		return K_REDRAW;
	case KEY_ENTER:
		wc = '\r';
		break;
	case 0:
		break;
	default:
		return K_UNHANDLED;
	}
	t->msg[0] = '\0';
	if (wc == '\r' || wc == '\n') {
		if (n == 0)
			return K_NONE;
		if (view == V_DISTRICTS) {
			district = dash.district[cur[view]].district;
			collect(district, 0);
			go_view(V_COOPS);
		} else if (view == V_COOPS || view == V_STALE)
			open_history(t, coops[cur[view]]);
		else if (view == V_RATIOS)
			open_history(t, rrow[cur[view]].coop);
		return K_REDRAW;
	}
	if (wc == 27) {
		if (view == V_HISTORY) {
			view = hist_back;
			if (view == V_STALE)
				collect(0, 1);
			else if (view == V_COOPS)
				collect(district, 0);
		} else if (view != V_DISTRICTS)
			view = V_DISTRICTS;
		else
			tui_message(t, 0, "%s", _("F10 leaves."));
		return K_REDRAW;
	}
	if ((kb = keys_letter(t, wc)) == NULL)
		return K_NONE;
	switch (kb->letter) {
	case 'd':
		view = V_DISTRICTS;
		break;
	case 'w':
		go_view(V_RATIOS);
		break;
	case 's':
		collect(0, 1);
		go_view(V_STALE);
		break;
	case 'e':
		input_set(file_in, "");
		form.cur = 0;
		form.top = t->rows - 3;
		asking = 1;
		tui_message(t, 0, "%s", _("Enter writes the list as CSV to a "
		    "new file; Esc cancels."));
		break;
	}
	return K_REDRAW;
}

const struct screen screen_province = {
	.name = "province",
	.title = N_("Province dashboard"),
	.enter = province_enter,
	.draw = province_draw,
	.key = province_key,
};
