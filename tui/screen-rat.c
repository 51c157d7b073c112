/*
 * tui/screen-rat.c: the members' meeting at a site, for a queue: type a
 * member's number (or full number, NIK, name), Enter, the next.  Tab
 * changes what Enter records: attendance, or a vote (yes, no, abstain)
 * on an item whose voting is open.  The counts are what this box knows:
 * its own records and the head office's, as of its last sync.
 */
#include <curses.h>
#include <inttypes.h>
#include <libintl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tui/tui.h"

#define _(s)	gettext(s)
#define LOGMAX	12

static struct form	 form;
static struct input	*who;
static struct rat	 meeting;
static int		 have;		/* a meeting is open here */
static uint64_t		 here, known;	/* present: this site; all known */
static int64_t		 reached;	/* when the quorum was, or 0 */
static uint16_t		 item;		/* 0: attendance, else a vote on it */
static uint8_t		 choice;
static char		 seen[LOGMAX][160];
static int		 nseen;

/* The meeting and its counts, afresh. */
static void
rat_refresh(struct tui *t)
{
	struct store_txn	*tx;
	struct rat_tally	 ty;
	size_t			 i;

	have = 0;
	here = known = 0;
	reached = 0;
	if (store_begin(t->st, 1, &tx) != 0)
		return;
	if (rat_current(tx, &meeting) == 0 &&
	    rat_tally(tx, meeting.hq, meeting.year, &ty) == 0) {
		have = 1;
		known = ty.present;
		reached = ty.quorum_time;
		for (i = 0; i < ty.nmark; i++)
			if (ty.mark[i].item == 0 &&
			    ty.mark[i].status == RAT_OK &&
			    strcmp(ty.mark[i].site, t->branch) == 0)
				here++;
		rat_tally_free(&ty);
	}
	store_abort(tx);
	/* A vote on an item no longer open goes back to attendance. */
	if (item != 0 && (!have || item > meeting.nitem ||
	    meeting.item[item - 1].opened == 0 ||
	    meeting.item[item - 1].closed != 0))
		item = 0;
}

static void
rat_enter(struct tui *t, uint64_t arg)
{
	static int	 once;

	(void)arg;
	if (!once) {
		form_init(&form, 3);
		form.labelw = 12;
		who = form_add(&form, N_("Member"), FLD_TEXT, 40);
		once = 1;
	}
	input_set(who, "");
	rat_refresh(t);
}

/* Tab: attendance, then yes, no, abstain on each item open, in turn. */
static void
next_mode(void)
{
	uint16_t	 i;

	if (!have)
		return;
	if (item != 0 && choice < RAT_ABSTAIN) {
		choice++;
		return;
	}
	for (i = item + 1; i <= meeting.nitem; i++) {
		if (meeting.item[i - 1].opened != 0 &&
		    meeting.item[i - 1].closed == 0) {
			item = i;
			choice = RAT_YES;
			return;
		}
	}
	item = 0;
}

static const char *
choice_word(uint8_t c)
{
	return c == RAT_YES ? _("yes") : c == RAT_NO ? _("no") : _("abstain");
}

static void
rat_draw(struct tui *t)
{
	char	 line[256], d[16], hm[16];
	struct tm tm;
	time_t	 tt;
	int	 y = 5, i;

	if (!have) {
		draw_text(y, 2, _("No members' meeting is open here: the head "
		    "office opens it, and a sync brings it."), t->cols - 4);
		return;
	}
	date_format(meeting.date, d, sizeof d);
	snprintf(line, sizeof line, _("Members' meeting %" PRIu32 ", %s; "
	    "this site: %s"), meeting.year, d, t->branch);
	draw_text(y++, 2, line, t->cols - 4);
	if (reached != 0) {
		tt = (time_t)reached;
		localtime_r(&tt, &tm);
		strftime(hm, sizeof hm, "%H:%M", &tm);
		snprintf(line, sizeof line, _("Present here %" PRIu64 ", known "
		    "%" PRIu64 " of %" PRIu64 "; quorum %" PRIu64 " reached at "
		    "%s"), here, known, meeting.eligible, meeting.quorum, hm);
	} else
		snprintf(line, sizeof line, _("Present here %" PRIu64 ", known "
		    "%" PRIu64 " of %" PRIu64 "; quorum %" PRIu64 ": %" PRIu64
		    " more"), here, known, meeting.eligible, meeting.quorum,
		    meeting.quorum - known);
	draw_text(y++, 2, line, t->cols - 4);
	if (item == 0)
		snprintf(line, sizeof line, "%s", _("Enter records: present"));
	else
		snprintf(line, sizeof line, _("Enter records: a vote on item "
		    "%u, %s: %s"), (unsigned)item,
		    meeting.item[item - 1].title, choice_word(choice));
	attron(A_BOLD);
	draw_text(y++, 2, line, t->cols - 4);
	attroff(A_BOLD);
	draw_text(y++, 2, _("Tab: record something else (a vote on an item "
	    "whose voting is open)."), t->cols - 4);
	y++;
	for (i = 0; i < nseen && y < t->rows - 3; i++)
		draw_text(y++, 2, seen[i], t->cols - 4);
	form_draw(t, &form);
}

static void
seen_add(const char *s)
{
	memmove(seen[1], seen[0], sizeof seen[0] * (LOGMAX - 1));
	snprintf(seen[0], sizeof seen[0], "%s", s);
	if (nseen < LOGMAX)
		nseen++;
}

/* Enter: find the member and record them. */
static int
rat_record(struct tui *t)
{
	struct store_txn	*tx;
	struct rat_mark_req	 m;
	struct post_req		 q;
	struct member		 mb;
	char			 mbranch[BRANCH_MAX + 1], num[32], id[64];
	char			 name[NAME_MAX_COLS * 4 + 1], line[256];
	int			 r;

	if (who->len == 0 || !have)
		return K_NONE;
	memset(&m, 0, sizeof m);
	if ((r = store_begin(t->st, 1, &tx)) != 0) {
		tui_store_error(t, r);
		return K_REDRAW;
	}
	r = rat_find_member(tx, t->branch, who->buf, mbranch, sizeof mbranch,
	    &m.member);
	name[0] = '\0';
	if (r == 0 && member_get(tx, mbranch, m.member, &mb) == 0)
		snprintf(name, sizeof name, "%s", mb.name);
	store_abort(tx);
	if (r == STORE_E_NAME) {
		tui_message(t, 1, "%s", _("More than one member has that name: "
		    "type the number."));
		return K_REDRAW;
	}
	if (r != 0) {
		tui_message(t, 1, _("%s: no such member."), who->buf);
		input_set(who, "");
		return K_REDRAW;
	}
	m.mbranch = mbranch;
	m.item = item;
	m.choice = choice;
	rat_mark_req(&q, t->branch, t->user.login, &m);
	tui_request_id(t, id, sizeof id);
	q.request_id = id;
	member_format_number(mbranch, m.member, num, sizeof num);
	if (tui_post(t, &q, NULL) != 0) {
		/* tui_post said why; the queue goes on. */
		snprintf(line, sizeof line, "%s: %s", num, t->msg);
		snprintf(t->msg, sizeof t->msg, "%s", line);
		input_set(who, "");
		return K_REDRAW;
	}
	if (item == 0)
		snprintf(line, sizeof line, _("%s %s: present"), num, name);
	else
		snprintf(line, sizeof line, _("%s %s: item %u, %s"), num, name,
		    (unsigned)item, choice_word(choice));
	seen_add(line);
	tui_message(t, 0, "%s", line);
	input_set(who, "");
	rat_refresh(t);
	return K_REDRAW;
}

static int
rat_key(struct tui *t, int key, wint_t wc)
{
	int	 k;

	if (key == 0 && wc == '\t') {
		rat_refresh(t);
		next_mode();
		return K_REDRAW;
	}
	if (key == 0 && (wc == '\r' || wc == '\n'))
		return rat_record(t);
	if (key == 0 && wc == 27) {
		if (who->len == 0) {
			tui_go(t, &screen_search, 0);
			return K_REDRAW;
		}
		input_set(who, "");
		return K_REDRAW;
	}
	k = form_key(t, &form, key, wc);
	return k == FORM_NONE ? K_UNHANDLED : K_REDRAW;
}

const struct screen screen_rat = {
	.name = "rat",
	.title = N_("Members' meeting"),
	.enter = rat_enter,
	.draw = rat_draw,
	.key = rat_key,
	.typing = 1,
};
