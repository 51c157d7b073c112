/*
 * cli/cmd-rat.c: loket rat, the annual members' meeting (rapat anggota
 * tahunan).  The head office's manager opens it, adds agenda items,
 * opens and closes voting on each and closes it; any site records
 * attendances and votes (also the console's screen, tui/screen-rat.c);
 * status shows what this box knows of it, minutes lays out the record
 * as text, CSV or PDF.  The rules are the store's (store/meeting.c).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

static int	cmd_rat_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_rat_entry = {
	.name = "rat",
	.args = "ab:cD:o:Pp:q:s:u:y:",
	.minargs = 1,
	.maxargs = -1,
	.usage = "[-b branch] [-D date] [-q quorum] [-s sites] -u user "
	    "open year\n"
	    "[-b branch] -u user item title\n"
	    "[-b branch] -u user vote-open item\n"
	    "[-b branch] -u user vote-close item\n"
	    "[-b branch] -u user close\n"
	    "[-b branch] -u user attend member ...\n"
	    "[-b branch] -u user vote item choice member ...\n"
	    "[-b branch] [-y year] status\n"
	    "[-c] [-b branch] [-p file] [-y year] minutes\n"
	    "[-cP] [-a | -b branch] [-o file.pdf] pack year",
	.summary = N_("the annual members' meeting: agenda, attendance, "
	    "votes, minutes"),
	.flags = CMD_STORE,
	.exec = cmd_rat_exec,
};

struct opts {
	const char	*branch, *date, *quorum, *sites, *user, *year, *pdf;
	int		 csv, all, print;
};

static const char *
when(int64_t utc, char *buf, size_t len)
{
	struct tm	 tm;
	time_t		 tt = (time_t)utc;

	if (utc == 0) {
		snprintf(buf, len, "-");
		return buf;
	}
	localtime_r(&tt, &tm);
	strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm);
	return buf;
}

/* The time of day only: the minutes' lists are of one day. */
static const char *
clock_time(int64_t utc, char *buf, size_t len)
{
	struct tm	 tm;
	time_t		 tt = (time_t)utc;

	localtime_r(&tt, &tm);
	strftime(buf, len, "%H:%M:%S", &tm);
	return buf;
}

static const char *
why_text(uint8_t status)
{
	switch (status) {
	case RAT_DUPLICATE:
		return _("recorded at another site first");
	case RAT_LATE:
		return _("after the close");
	case RAT_UNKNOWN:
		return _("no such member");
	case RAT_NOTMEMBER:
		return _("not a member on the meeting's date");
	case RAT_NOTSITE:
		return _("not one of the meeting's sites");
	case RAT_EARLY:
		return _("before voting opened");
	default:
		return "";
	}
}

static const char *
choice_text(uint8_t c)
{
	switch (c) {
	case RAT_YES:
		return _("yes");
	case RAT_NO:
		return _("no");
	case RAT_ABSTAIN:
		return _("abstain");
	default:
		return "?";
	}
}

/* An item's result: more yes than no carries it. */
static const char *
result_text(const struct rat_item *it, const struct rat_count *n)
{
	if (it->opened == 0)
		return _("not voted");
	if (it->closed == 0)
		return _("voting open");
	return n->yes > n->no ? _("carried") : _("not carried");
}

static int
parse_year(const char *s, uint32_t *y)
{
	char		*end;
	unsigned long	 v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || end == s || v < 1970 || v > 9999)
		return EXIT_DATAERR;
	*y = (uint32_t)v;
	return 0;
}

static int
parse_item(const char *s, uint16_t *n)
{
	char		*end;
	unsigned long	 v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || end == s || v == 0 ||
	    v > RAT_ITEM_MAX) {
		cmd_error(_("rat: %s: not an agenda item number"), s);
		return EXIT_DATAERR;
	}
	*n = (uint16_t)v;
	return 0;
}

/* The meeting this box knows: -y's, or the one open, or the latest. */
static int
find_meeting(struct store_txn *t, const char *year, struct rat *m)
{
	char		 hq[BRANCH_MAX + 1];
	uint32_t	 y;
	int		 r;

	if (year != NULL) {
		if (parse_year(year, &y) != 0) {
			cmd_error(_("rat: %s: not a year"), year);
			return EXIT_DATAERR;
		}
		if ((r = rat_head(t, hq, sizeof hq)) == 0)
			r = rat_get(t, hq, y, m);
	} else if ((r = rat_current(t, m)) == STORE_E_RAT &&
	    rat_head(t, hq, sizeof hq) == 0) {
		/* None open: the latest, closed. */
		for (y = 9999; y >= 1970 && r == STORE_E_RAT; y--)
			r = rat_get(t, hq, y, m);
	}
	if (r == STORE_E_BRANCH)
		r = STORE_E_RAT;
	return r != 0 ? cmd_store_error("rat", r) : 0;
}

static int
do_open(struct cmd_ctx *ctx, struct opts *o, const char *branch,
    const char *year)
{
	struct rat_open_req	 rq;
	struct post_req		 q;
	struct user		 u;
	struct store_txn	*t;
	struct branch		 b;
	char			*end;
	int			 r;

	memset(&rq, 0, sizeof rq);
	if (parse_year(year, &rq.year) != 0) {
		cmd_error(_("rat: %s: not a year"), year);
		return EXIT_DATAERR;
	}
	if (o->date != NULL && date_parse(o->date, &rq.date) != 0) {
		cmd_error(_("rat: %s: not a date (write 2026-12-07)"),
		    o->date);
		return EXIT_DATAERR;
	}
	if (o->quorum != NULL && strcmp(o->quorum, "members") != 0) {
		if (strncmp(o->quorum, "delegates:", 10) != 0 ||
		    (rq.delegates = strtoull(o->quorum + 10, &end, 10)) == 0 ||
		    *end != '\0') {
			cmd_error(_("rat: %s: the quorum is \"members\" or "
			    "\"delegates:N\""), o->quorum);
			return EXIT_DATAERR;
		}
		rq.mode = RAT_DELEGATES;
	}
	rq.sites = o->sites;
	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	r = branch_get(t, branch, &b);
	store_abort(t);
	if (r != 0)
		return cmd_store_error("rat", r);
	if (!(b.flags & BRANCH_F_HEAD)) {
		cmd_error(_("rat: %s is not the head office: the meeting is "
		    "opened there"), branch);
		return EXIT_DATAERR;
	}
	if (rq.date == 0)
		rq.date = b.date;
	if ((r = cli_actor(ctx, branch, o->user, &u)) != 0)
		return r;
	rat_open_req(&q, branch, u.login, &rq);
	return cli_post(ctx, &q, 0, NULL);
}

static int
do_step(struct cmd_ctx *ctx, struct opts *o, const char *branch,
    const char *action, int argc, char **argv)
{
	struct rat_mark_req	 m;
	struct post_req		 q;
	struct user		 u;
	int			 r;

	memset(&m, 0, sizeof m);
	if (strcmp(action, "item") == 0) {
		if (argc != 1)
			return cmd_usage(ctx->entry);
		if ((r = cli_actor(ctx, branch, o->user, &u)) != 0)
			return r;
		rat_item_req(&q, branch, u.login, &m, argv[0]);
		if ((r = cli_post(ctx, &q, 0, NULL)) == 0)
			printf(_("agenda item %u: %s\n"), (unsigned)m.n,
			    argv[0]);
		return r;
	}
	if (strcmp(action, "close") == 0) {
		if (argc != 0)
			return cmd_usage(ctx->entry);
		if ((r = cli_actor(ctx, branch, o->user, &u)) != 0)
			return r;
		rat_step_req(&q, branch, u.login, EK_RAT_CLOSE, &m);
		return cli_post(ctx, &q, 0, NULL);
	}
	if (argc != 1)
		return cmd_usage(ctx->entry);
	if ((r = parse_item(argv[0], &m.item)) != 0)
		return r;
	if ((r = cli_actor(ctx, branch, o->user, &u)) != 0)
		return r;
	rat_step_req(&q, branch, u.login, strcmp(action, "vote-open") == 0 ?
	    EK_RAT_VOTE_OPEN : EK_RAT_VOTE_CLOSE, &m);
	return cli_post(ctx, &q, 0, NULL);
}

/*
 * Attendances or votes of the members named (or, for "-", one a line
 * on standard input): each its own entry, all or none (a dry run first
 * names every member refused).
 */
static int
do_marks(struct cmd_ctx *ctx, struct opts *o, const char *branch,
    uint16_t item, uint8_t choice, int argc, char **argv)
{
	struct store_txn	*t;
	struct user		 u;
	struct post_req		*q = NULL;
	struct post_result	*res = NULL;
	struct rat_mark_req	*m = NULL;
	char			**names = NULL, line[256], id[64];
	char			(*ids)[80] = NULL;
	size_t			 n = 0, cap = 0, i, bad = 0;
	int			 r, status = 0, fromstdin;

	if (argc == 0)
		return cmd_usage(ctx->entry);
	if ((r = cli_actor(ctx, branch, o->user, &u)) != 0)
		return r;
	fromstdin = argc == 1 && strcmp(argv[0], "-") == 0;
	for (i = 0; ; i++) {
		char	*s;

		if (fromstdin) {
			if (fgets(line, sizeof line, stdin) == NULL)
				break;
			line[strcspn(line, "\r\n")] = '\0';
			if (line[0] == '\0')
				continue;
			s = line;
		} else if (i < (size_t)argc)
			s = argv[i];
		else
			break;
		if (n == cap) {
			char	**g;

			cap = cap == 0 ? 64 : cap * 2;
			if ((g = reallocarray(names, cap, sizeof *g)) == NULL) {
				status = cmd_store_error(NULL, ENOMEM);
				goto out;
			}
			names = g;
		}
		if ((names[n++] = strdup(s)) == NULL) {
			status = cmd_store_error(NULL, ENOMEM);
			goto out;
		}
	}
	if (n == 0)
		goto out;
	q = calloc(n, sizeof *q);
	res = calloc(n, sizeof *res);
	m = calloc(n, sizeof *m);
	ids = calloc(n, sizeof *ids);
	if (q == NULL || res == NULL || m == NULL || ids == NULL) {
		status = cmd_store_error(NULL, ENOMEM);
		goto out;
	}
	if ((r = store_begin(ctx->st, 1, &t)) != 0) {
		status = cmd_store_error(NULL, r);
		goto out;
	}
	for (i = 0; i < n; i++) {
		char	*mb = malloc(BRANCH_MAX + 1);

		if (mb == NULL) {
			store_abort(t);
			status = cmd_store_error(NULL, ENOMEM);
			goto out;
		}
		r = rat_find_member(t, branch, names[i], mb, BRANCH_MAX + 1,
		    &m[i].member);
		if (r != 0) {
			cmd_error(r == STORE_E_NAME ? _("rat: %s: more than "
			    "one member has that name: type the number") :
			    _("rat: %s: no such member"), names[i]);
			bad++;
			mb[0] = '\0';
		}
		m[i].mbranch = mb;
		m[i].item = item;
		m[i].choice = choice;
		rat_mark_req(&q[i], branch, u.login, &m[i]);
		cli_request_id(id, sizeof id);
		snprintf(ids[i], sizeof ids[i], "%s-%zu", id, i);
		q[i].request_id = ids[i];
	}
	store_abort(t);
	if (bad != 0) {
		status = EXIT_DATAERR;
		goto out;
	}
	r = store_post_batch(ctx->st, q, n, STORE_DRYRUN, res);
	if (r != 0 && !STORE_E_OURS(r)) {
		status = cmd_store_error("rat", r);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (res[i].error == 0)
			continue;
		cmd_error("rat: %s: %s", names[i],
		    _(store_strerror(res[i].error)));
		status = res[i].error == STORE_E_ROLE ? EXIT_NOPERM :
		    EXIT_DATAERR;
	}
	if (status == 0 && (r = store_post_batch(ctx->st, q, n, 0, res)) != 0)
		status = cmd_store_error("rat", r);
	if (status == 0) {
		if (item == 0)
			printf(_("recorded present: %zu\n"), n);
		else
			printf(_("votes recorded: %zu\n"), n);
	}
out:
	for (i = 0; i < n; i++) {
		free(names[i]);
		if (m != NULL)
			free((char *)(uintptr_t)m[i].mbranch);
	}
	free(names);
	free(q);
	free(res);
	free(m);
	free(ids);
	return status;
}

static int
do_status(struct cmd_ctx *ctx, struct opts *o)
{
	struct store_txn	*t;
	struct rat_tally	 ty;
	const struct rat	*m = &ty.rat;
	char			 d[16], a[32];
	uint64_t		 here;
	uint32_t		 i, s;
	size_t			 k;
	int			 r;

	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	if ((r = find_meeting(t, o->year, &ty.rat)) != 0) {
		store_abort(t);
		return r;
	}
	r = rat_tally(t, ty.rat.hq, ty.rat.year, &ty);
	store_abort(t);
	if (r != 0)
		return cmd_store_error("rat", r);
	date_format(m->date, d, sizeof d);
	printf(_("members' meeting %" PRIu32 " on %s, opened %s\n"), m->year,
	    d, when(m->opened, a, sizeof a));
	if (m->closed != 0)
		printf(_("closed %s\n"), when(m->closed, a, sizeof a));
	printf(m->mode == RAT_DELEGATES ?
	    _("present %" PRIu64 " of %" PRIu64 " delegates; quorum %" PRIu64
	    "\n") : _("present %" PRIu64 " of %" PRIu64 " members; quorum %"
	    PRIu64 "\n"), ty.present, m->eligible, m->quorum);
	if (ty.quorum_time != 0)
		printf(_("quorum reached %s\n"), when(ty.quorum_time, a,
		    sizeof a));
	else
		printf(_("quorum not reached: %" PRIu64 " more needed\n"),
		    m->quorum - ty.present);
	for (s = 0; s < m->nsite; s++) {
		for (here = 0, k = 0; k < ty.nmark; k++)
			if (ty.mark[k].item == 0 &&
			    ty.mark[k].status == RAT_OK &&
			    strcmp(ty.mark[k].site, m->site[s]) == 0)
				here++;
		printf(_("site %-8s present %" PRIu64 "\n"), m->site[s], here);
	}
	for (i = 0; i < m->nitem; i++) {
		const struct rat_count *n = &ty.count[i];

		printf(_("item %" PRIu32 " %s: %s; yes %" PRIu64 ", no %"
		    PRIu64 ", abstain %" PRIu64 "\n"), i + 1, m->item[i].title,
		    result_text(&m->item[i], n), n->yes, n->no, n->abstain);
	}
	rat_tally_free(&ty);
	return 0;
}

static void
minutes_layout(struct doc *doc, const struct rat_tally *ty, const char *coop)
{
	const struct rat	*m = &ty->rat;
	const char		*cells[DOC_MAXCOL];
	char			 buf[8][160], d[16], t1[32];
	uint64_t		 here, dup, other, tot[3] = { 0, 0, 0 };
	uint32_t		 i, s;
	size_t			 k;
	int			 any;

	snprintf(buf[0], sizeof buf[0], _("Minutes of the annual members' "
	    "meeting %" PRIu32), m->year);
	doc_title(doc, buf[0]);
	if (coop != NULL)
		doc_para(doc, coop);
	date_format(m->date, d, sizeof d);
	for (buf[3][0] = '\0', s = 0; s < m->nsite; s++)
		snprintf(buf[3] + strlen(buf[3]), sizeof buf[3] -
		    strlen(buf[3]), "%s%s", s > 0 ? ", " : "", m->site[s]);
	snprintf(buf[0], sizeof buf[0], _("Held on %s at the sites %s; "
	    "opened %s, closed %s."), d, buf[3], when(m->opened, buf[1],
	    sizeof buf[1]), when(m->closed, buf[2], sizeof buf[2]));
	doc_para(doc, buf[0]);
	snprintf(buf[0], sizeof buf[0], m->mode == RAT_DELEGATES ?
	    _("Present: %" PRIu64 " of %" PRIu64 " delegates; the quorum is %"
	    PRIu64 ".") : _("Present: %" PRIu64 " of %" PRIu64 " members; "
	    "the quorum is %" PRIu64 "."), ty->present, m->eligible,
	    m->quorum);
	doc_para(doc, buf[0]);
	if (ty->quorum_time != 0)
		snprintf(buf[0], sizeof buf[0], _("The quorum was reached at "
		    "%s."), when(ty->quorum_time, t1, sizeof t1));
	else
		snprintf(buf[0], sizeof buf[0], "%s",
		    _("The quorum was not reached."));
	doc_para(doc, buf[0]);

	doc_section(doc, _("Attendance by site"));
	cells[0] = _("site");
	cells[1] = _("present");
	cells[2] = _("duplicates");
	cells[3] = _("not counted");
	doc_table(doc, 4, cells, "lrrr");
	for (s = 0; s < m->nsite; s++) {
		for (here = dup = other = 0, k = 0; k < ty->nmark; k++) {
			const struct rat_mark *a = &ty->mark[k];

			if (a->item != 0 || strcmp(a->site, m->site[s]) != 0)
				continue;
			if (a->status == RAT_OK)
				here++;
			else if (a->status == RAT_DUPLICATE)
				dup++;
			else
				other++;
		}
		tot[0] += here;
		tot[1] += dup;
		tot[2] += other;
		snprintf(buf[0], sizeof buf[0], "%" PRIu64, here);
		snprintf(buf[1], sizeof buf[1], "%" PRIu64, dup);
		snprintf(buf[2], sizeof buf[2], "%" PRIu64, other);
		cells[0] = m->site[s];
		cells[1] = buf[0];
		cells[2] = buf[1];
		cells[3] = buf[2];
		doc_row(doc, DOC_ROW_PLAIN, cells);
	}
	snprintf(buf[0], sizeof buf[0], "%" PRIu64, tot[0]);
	snprintf(buf[1], sizeof buf[1], "%" PRIu64, tot[1]);
	snprintf(buf[2], sizeof buf[2], "%" PRIu64, tot[2]);
	cells[0] = _("total");
	cells[1] = buf[0];
	cells[2] = buf[1];
	cells[3] = buf[2];
	doc_row(doc, DOC_ROW_BOLD, cells);

	doc_section(doc, _("Agenda and votes"));
	cells[0] = _("item");
	cells[1] = _("title");
	cells[2] = _("yes");
	cells[3] = _("no");
	cells[4] = _("abstain");
	cells[5] = _("not counted");
	cells[6] = _("result");
	doc_table(doc, 7, cells, "rlrrrrl");
	for (i = 0; i < m->nitem; i++) {
		const struct rat_count *n = &ty->count[i];

		snprintf(buf[0], sizeof buf[0], "%" PRIu32, i + 1);
		snprintf(buf[1], sizeof buf[1], "%" PRIu64, n->yes);
		snprintf(buf[2], sizeof buf[2], "%" PRIu64, n->no);
		snprintf(buf[3], sizeof buf[3], "%" PRIu64, n->abstain);
		snprintf(buf[4], sizeof buf[4], "%" PRIu64, n->dropped);
		cells[0] = buf[0];
		cells[1] = m->item[i].title;
		cells[2] = buf[1];
		cells[3] = buf[2];
		cells[4] = buf[3];
		cells[5] = buf[4];
		cells[6] = result_text(&m->item[i], n);
		doc_row(doc, DOC_ROW_PLAIN, cells);
	}

	/* Every mark not counted, by name: duplicates, then the others. */
	for (any = 0, k = 0; k < ty->nmark; k++)
		any |= ty->mark[k].status != RAT_OK;
	if (!any)
		goto sign;
	doc_section(doc, _("Not counted"));
	cells[0] = _("member");
	cells[1] = _("site");
	cells[2] = _("what");
	cells[3] = _("recorded");
	cells[4] = _("why");
	doc_table(doc, 5, cells, "lllll");
	for (k = 0; k < ty->nmark; k++) {
		const struct rat_mark *a = &ty->mark[k];

		if (a->status == RAT_OK)
			continue;
		member_format_number(a->mbranch, a->member, buf[0],
		    sizeof buf[0]);
		if (a->item == 0)
			snprintf(buf[1], sizeof buf[1], "%s", _("attendance"));
		else
			snprintf(buf[1], sizeof buf[1], _("vote on item %u: %s"),
			    (unsigned)a->item, choice_text(a->choice));
		if (a->status == RAT_DUPLICATE)
			snprintf(buf[2], sizeof buf[2], _("duplicate: counted "
			    "at %s"), a->other);
		else
			snprintf(buf[2], sizeof buf[2], "%s",
			    why_text(a->status));
		cells[0] = buf[0];
		cells[1] = a->site;
		cells[2] = buf[1];
		cells[3] = clock_time(a->time, buf[3], sizeof buf[3]);
		cells[4] = buf[2];
		doc_row(doc, DOC_ROW_PLAIN, cells);
	}
sign:
	cells[0] = _("Chair");
	cells[1] = _("Secretary");
	doc_signatures(doc, d, 2, cells);
}

static int
do_minutes(struct cmd_ctx *ctx, struct opts *o)
{
	struct store_txn	*t;
	struct rat_tally	 ty;
	struct branch		 b;
	struct doc		*doc;
	char			 coop[NAME_MAX_COLS * 4 + 1];
	int			 r;

	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	if ((r = find_meeting(t, o->year, &ty.rat)) != 0) {
		store_abort(t);
		return r;
	}
	/* The cooperative's name, else the head office's. */
	coop[0] = '\0';
	if (setting_get(t, ty.rat.hq, "coop.name", coop, sizeof coop) != 0 &&
	    branch_get(t, ty.rat.hq, &b) == 0)
		snprintf(coop, sizeof coop, "%s", b.name);
	r = rat_tally(t, ty.rat.hq, ty.rat.year, &ty);
	store_abort(t);
	if (r != 0)
		return cmd_store_error("rat", r);
	if ((doc = doc_new(coop)) == NULL) {
		rat_tally_free(&ty);
		return cmd_store_error(NULL, ENOMEM);
	}
	minutes_layout(doc, &ty, coop[0] != '\0' ? coop : NULL);
	rat_tally_free(&ty);
	r = doc_write(doc, "rat", o->csv, o->pdf, 80);
	doc_free(doc);
	return r;
}

/*
 * The RAT pack: the year's accounts as the meeting receives them.  A
 * cooperative with more members than this gets a summary of the SHU's
 * shares in the pack and the list of them as its last section.
 */
#define RAT_PACK_LIST_MAX	200

struct pack {
	struct store_txn	*t;
	const char		*branch;	/* NULL: every branch */
	int			 year;
	uint32_t		 from, to;
	uint32_t		 first;		/* the books' first date */
	uint32_t		 last;		/* the latest business date */
	int			 lists;		/* the pass of the long lists */
	char			 coop[NAME_MAX_COLS * 4 + 1];
	struct doc		*d;
};

static int
pack_span(void *arg, const struct branch *b)
{
	struct pack	*p = arg;
	struct entry	*e;

	if (p->coop[0] == '\0')
		(void)setting_get(p->t, b->code, "coop.name", p->coop,
		    sizeof p->coop);
	if (b->date > p->last)
		p->last = b->date;
	if ((e = malloc(sizeof *e)) == NULL)
		return ENOMEM;
	if (journal_get(p->t, b->code, 1, e) == 0 &&
	    (p->first == 0 || e->date < p->first))
		p->first = e->date;
	free(e);
	return 0;
}

/* A branch's SHU of the year: its split and its members' shares. */
static int
pack_shu(void *arg, const struct branch *b)
{
	struct pack		*p = arg;
	struct shu_estimate	 est;
	struct shu_member	*m = NULL;
	char			 line[256], a[48];
	size_t			 n = 0, i;
	int64_t			 rem, tot = 0;
	int			 r;

	if ((r = shu_estimate(p->t, b->code, p->year, p->to, &est)) != 0)
		return r;
	if (est.error == 0) {
		if ((r = shu_members(p->t, b->code, &est, &m, &n, &rem)) != 0)
			return r;
		for (i = 0; i < n; i++)
			tot += m[i].share;
		free(m);
	}
	if (p->lists) {
		if (est.error != 0 || n <= RAT_PACK_LIST_MAX)
			return 0;
		snprintf(line, sizeof line, _("Each member's SHU %d, branch "
		    "%s"), p->year, b->code);
		doc_page_break(p->d);
		doc_section(p->d, line);
		return shu_members_doc(p->t, b->code, &est, p->d);
	}
	snprintf(line, sizeof line, _("SHU %ld, branch %s"), (long)p->year,
	    b->code);
	doc_section(p->d, line);
	shu_estimate_doc(p->d, &est);
	if (est.error != 0) {
		doc_para(p->d, _("A loss is not divided."));
		return 0;
	}
	if (n <= RAT_PACK_LIST_MAX)
		return shu_members_doc(p->t, b->code, &est, p->d);
	/* A large cooperative: a summary here, the list at the end. */
	doc_amount(tot, a, sizeof a);
	snprintf(line, sizeof line, _("%zu members share %s; each member's "
	    "share is listed in the last section of this pack."), n, a);
	doc_para(p->d, line);
	return 0;
}

static int
pack_closed(void *arg, const struct branch *b)
{
	struct pack	*p = arg;
	char		 line[256];
	int64_t		 shu;
	int		 closed, r;

	if ((r = year_closed(p->t, b->code, p->year, &closed, &shu)) != 0)
		return r;
	if (closed)
		snprintf(line, sizeof line, _("Branch %s: the year %d is "
		    "closed."), b->code, p->year);
	else
		snprintf(line, sizeof line, _("Branch %s: the year %d is not "
		    "closed; its figures may still change."), b->code,
		    p->year);
	doc_para(p->d, line);
	return 0;
}

/* A branch's health at the year's end (loket-health(8)). */
static int
pack_health(void *arg, const struct branch *b)
{
	struct pack	*p = arg;
	char		 line[256];

	snprintf(line, sizeof line, _("Branch %s"), b->code);
	doc_para(p->d, line);
	return cli_health_doc(p->t, b->code, p->to, -1, p->d);
}

/* Each branch, or the one named. */
static int
pack_each(struct pack *p, int (*fn)(void *, const struct branch *))
{
	struct branch	 b;
	int		 r;

	if (p->branch == NULL)
		return branch_walk(p->t, fn, p);
	if ((r = branch_get(p->t, p->branch, &b)) != 0)
		return r;
	return fn(p, &b);
}

static int
pack_layout(struct pack *p)
{
	static const struct {
		int		 which;
		const char	*title;
	} stmts[] = {
		{ ST_NERACA, N_("Balance sheet") },
		{ ST_PHU, N_("Income statement") },
		{ ST_KAS, N_("Cash flow statement") },
		{ ST_EKUITAS, N_("Statement of changes in equity") },
	};
	static const char *signers[5] = { N_("Chair (ketua)"),
	    N_("Secretary (sekretaris)"), N_("Treasurer (bendahara)"),
	    N_("Supervisor (pengawas)"), N_("Manager (manajer)") };
	struct doc	*d = p->d;
	struct rat	 m;
	const char	*head[2], *cells[5];
	char		 line[512], day[16], num[16], hq[BRANCH_MAX + 1];
	uint32_t	 i;
	int		 r, meeting;

	/* The cover. */
	doc_title(d, p->coop[0] != '\0' ? p->coop : "loket");
	snprintf(line, sizeof line, _("Annual members' meeting (Rapat "
	    "Anggota Tahunan) %d"), p->year);
	doc_section(d, line);
	meeting = rat_head(p->t, hq, sizeof hq) == 0 &&
	    rat_get(p->t, hq, (uint32_t)p->year, &m) == 0;
	if (meeting) {
		date_format(m.date, day, sizeof day);
		snprintf(line, sizeof line, _("The meeting: %s."), day);
		doc_para(d, line);
	}
	date_format(p->to, day, sizeof day);
	snprintf(line, sizeof line, _("The accounts of the year %d, to %s; "
	    "branch: %s."), p->year, day, p->branch ? p->branch :
	    _("all branches"));
	doc_para(d, line);

	/* The agenda. */
	doc_section(d, _("Agenda"));
	if (!meeting)
		doc_para(d, _("No meeting of this year is recorded."));
	else if (m.nitem == 0)
		doc_para(d, _("The meeting has no agenda items yet."));
	else {
		head[0] = _("item");
		head[1] = _("title");
		doc_table(d, 2, head, "rl");
		for (i = 0; i < m.nitem; i++) {
			snprintf(num, sizeof num, "%u", i + 1);
			cells[0] = num;
			cells[1] = m.item[i].title;
			doc_row(d, DOC_ROW_PLAIN, cells);
		}
	}

	/* The statements, with the year before beside them. */
	for (i = 0; i < sizeof stmts / sizeof stmts[0]; i++) {
		doc_page_break(d);
		doc_section(d, _(stmts[i].title));
		if ((r = statement_doc(p->t, stmts[i].which, p->branch,
		    p->from, p->to, d)) != 0)
			return r;
	}

	/* The notes. */
	doc_page_break(d);
	doc_section(d, _("Notes"));
	doc_para(d, _("The accounts are prepared on the basis of SAK EP (the "
	    "financial accounting standard for private entities), in "
	    "Rupiah."));
	if ((r = pack_each(p, pack_closed)) != 0)
		return r;

	/* The SHU. */
	doc_page_break(d);
	if ((r = pack_each(p, pack_shu)) != 0)
		return r;

	/* Members, and the loans. */
	doc_page_break(d);
	doc_section(d, _("Members joined and left"));
	if ((r = members_doc(p->t, p->branch, p->from, p->to, d)) != 0)
		return r;
	doc_section(d, _("Loan portfolio by collectability"));
	if ((r = portfolio_doc(p->t, p->branch, p->to, d)) != 0)
		return r;

	/* The health assessment, by the regime the settings name. */
	doc_page_break(d);
	doc_section(d, _("Health assessment"));
	if ((r = pack_each(p, pack_health)) != 0)
		return r;

	/* The signatures. */
	doc_page_break(d);
	doc_section(d, _("Signatures"));
	for (i = 0; i < 5; i++)
		cells[i] = _(signers[i]);
	doc_signatures(d, day, 5, cells);

	/* The long lists, last. */
	p->lists = 1;
	return pack_each(p, pack_shu);
}

static int
do_pack(struct cmd_ctx *ctx, struct opts *o, const char *branch,
    const char *ys)
{
	struct pack	 p;
	uint32_t	 y;
	int		 r, ex;

	if (parse_year(ys, &y) != 0) {
		cmd_error(_("rat: %s: not a year"), ys);
		return EXIT_DATAERR;
	}
	memset(&p, 0, sizeof p);
	p.branch = branch;
	p.year = (int)y;
	p.from = date_from_ymd(p.year, 1, 1);
	p.to = date_from_ymd(p.year, 12, 31);
	if ((r = store_begin(ctx->st, 1, &p.t)) != 0)
		return cmd_store_error(NULL, r);
	if ((r = pack_each(&p, pack_span)) != 0)
		goto fail;
	if (p.first == 0 || p.first > p.to || p.last < p.from) {
		store_abort(p.t);
		cmd_error(_("rat: pack: the books hold no day of %s"), ys);
		return EXIT_DATAERR;
	}
	/* A year still running: to its last business day so far. */
	if (p.last < p.to)
		p.to = p.last;
	doc_plain = o->csv && o->pdf == NULL && !o->print;
	if ((p.d = doc_new(p.coop)) == NULL) {
		r = ENOMEM;
		goto fail;
	}
	if ((r = pack_layout(&p)) != 0)
		goto fail;
	store_abort(p.t);
	p.t = NULL;
	ex = doc_output(ctx, p.d, "rat", o->csv, o->pdf, o->print);
	doc_free(p.d);
	return ex;
fail:
	if (p.t != NULL)
		store_abort(p.t);
	doc_free(p.d);
	if (r == STORE_E_BRANCH) {
		cmd_error(_("%s: no such branch"), branch ? branch : "");
		return EXIT_DATAERR;
	}
	return cmd_store_error("rat", r);
}

static int
cmd_rat_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct opts	 o;
	char		 branch[BRANCH_MAX + 1];
	const char	*action;
	uint16_t	 item;
	uint8_t		 choice;
	int		 ch, r;

	memset(&o, 0, sizeof o);
	while ((ch = getopt(argc, argv, cmd_rat_entry.args)) != -1) {
		switch (ch) {
		case 'a':
			o.all = 1;
			break;
		case 'b':
			o.branch = optarg;
			break;
		case 'c':
			o.csv = 1;
			break;
		case 'D':
			o.date = optarg;
			break;
		case 'o':
		case 'p':
			o.pdf = optarg;
			break;
		case 'P':
			o.print = 1;
			break;
		case 'q':
			o.quorum = optarg;
			break;
		case 's':
			o.sites = optarg;
			break;
		case 'u':
			o.user = optarg;
			break;
		case 'y':
			o.year = optarg;
			break;
		default:
			return cmd_usage(ctx->entry);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		return cmd_usage(ctx->entry);
	action = argv[0];
	argc--;
	argv++;
	if (strcmp(action, "pack") == 0) {
		if (argc != 1 || (o.all && o.branch != NULL))
			return cmd_usage(ctx->entry);
		if (!o.all && (r = cli_branch(ctx, o.branch, branch,
		    sizeof branch)) != 0)
			return r;
		return do_pack(ctx, &o, o.all ? NULL : branch, argv[0]);
	}
	if ((r = cli_branch(ctx, o.branch, branch, sizeof branch)) != 0)
		return r;
	if (strcmp(action, "open") == 0)
		return argc == 1 ? do_open(ctx, &o, branch, argv[0]) :
		    cmd_usage(ctx->entry);
	if (strcmp(action, "item") == 0 || strcmp(action, "vote-open") == 0 ||
	    strcmp(action, "vote-close") == 0 || strcmp(action, "close") == 0)
		return do_step(ctx, &o, branch, action, argc, argv);
	if (strcmp(action, "attend") == 0)
		return do_marks(ctx, &o, branch, 0, 0, argc, argv);
	if (strcmp(action, "vote") == 0) {
		if (argc < 3)
			return cmd_usage(ctx->entry);
		if ((r = parse_item(argv[0], &item)) != 0)
			return r;
		if (rat_choice_parse(argv[1], &choice) != 0) {
			cmd_error(_("rat: %s: a vote is yes, no or abstain"),
			    argv[1]);
			return EXIT_DATAERR;
		}
		return do_marks(ctx, &o, branch, item, choice, argc - 2,
		    argv + 2);
	}
	if (strcmp(action, "status") == 0)
		return argc == 0 ? do_status(ctx, &o) :
		    cmd_usage(ctx->entry);
	if (strcmp(action, "minutes") == 0)
		return argc == 0 ? do_minutes(ctx, &o) : cmd_usage(ctx->entry);
	cmd_error(_("rat: %s: no such action"), action);
	return cmd_usage(ctx->entry);
}
