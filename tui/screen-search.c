/*
 * tui/screen-search.c: find a member by number, NIK or name; the list
 * follows what is typed.  Enter opens the member.
 */
#include <curses.h>
#include <libintl.h>
#include <string.h>

#include "tui/tui.h"

#define _(s)	gettext(s)
#define MAXHITS	2000	/* more are "more than": type more of the name */

static struct form	 form;
static struct input	*query;
static uint64_t		 hits[MAXHITS];
static size_t		 nhits;
static int		 sel;		/* the highlighted hit */
static int		 top;		/* the first hit shown */

static void
search_run(struct tui *t)
{
	struct store_txn	*tx;

	nhits = 0;
	sel = top = 0;
	if (query->len == 0)
		return;
	if (store_begin(t->st, 1, &tx) != 0)
		return;
	if (member_search(tx, t->branch, query->buf, hits, MAXHITS,
	    &nhits) != 0)
		nhits = 0;
	store_abort(tx);
}

static void
search_enter(struct tui *t, uint64_t arg)
{
	static int	 once;

	/* Each customer's search starts afresh. */
	if (!once) {
		form_init(&form, 3);
		form.labelw = 12;
		query = form_add(&form, N_("Find"), FLD_TEXT, 40);
		once = 1;
	}
	query->len = query->cur = 0;
	query->buf[0] = '\0';
	search_run(t);
}

/* Lines for hits: from below the count to above the message line. */
static int
page(const struct tui *t)
{
	return t->rows - 9;
}

/* Move the highlight by d hits, the list following it. */
static void
hit_move(const struct tui *t, int d)
{
	sel += d;
	if (sel >= (int)nhits)
		sel = (int)nhits - 1;
	if (sel < 0)
		sel = 0;
	if (sel < top)
		top = sel;
	if (sel >= top + page(t))
		top = sel - page(t) + 1;
}

static void
search_draw(struct tui *t)
{
	struct store_txn	*tx;
	struct member		 m;
	struct balance		 b;
	char			 num[32], a[48], count[64];
	int			 y = 5, i, row, max = page(t);

	draw_text(4, 2, _("Type a member number, a NIK, or part of a name."),
	    t->cols - 4);
	if (nhits > 1) {
		/* Which of how many: the list scrolls through them all. */
		snprintf(count, sizeof count, nhits < MAXHITS ? _("%d of %d") :
		    _("%d of more than %d"), sel + 1, (int)nhits);
		draw_text(y, t->cols - 2 - (int)utf8_width(count), count,
		    (int)utf8_width(count));
	}
	if (store_begin(t->st, 1, &tx) == 0) {
		for (i = top; i < (int)nhits && i < top + max; i++) {
			if (member_get(tx, t->branch, hits[i], &m) != 0 ||
			    account_balance(tx, t->branch, GL_SUKARELA,
			    hits[i], &b) != 0)
				continue;
			member_format_number(t->branch, hits[i], num,
			    sizeof num);
			money_format(-b.amount, a, sizeof a);
			row = y + 1 + i - top;
			if (i == sel)
				attron(A_REVERSE);
			draw_fill(row, 1, t->cols - 2);
			mvaddstr(row, 2, num);
			draw_text(row, 16, m.name, 32);
			draw_text(row, 50, m.village, 12);
			mvaddstr(row, t->cols - 2 - (int)strlen(a), a);
			if (i == sel)
				attroff(A_REVERSE);
		}
		store_abort(tx);
	}
	if (query->len > 0 && nhits == 0)
		draw_text(y + 1, 2, _("Nobody matches."), t->cols - 4);
	form_draw(t, &form);
}

static int
search_key(struct tui *t, int key, wint_t wc)
{
	int	 k;

	switch (key) {
	case KEY_UP:
		hit_move(t, -1);
		return K_REDRAW;
	case KEY_DOWN:
		hit_move(t, 1);
		return K_REDRAW;
	case KEY_PPAGE:
		hit_move(t, -page(t));
		return K_REDRAW;
	case KEY_NPAGE:
		hit_move(t, page(t));
		return K_REDRAW;
	}
	if (key == 0 && (wc == '\r' || wc == '\n')) {
		if (nhits == 0)
			return K_NONE;
		t->member = hits[sel];
		tui_go(t, &screen_member, hits[sel]);
		return K_REDRAW;
	}
	if (key == 0 && wc == 27) {
		query->len = query->cur = 0;
		query->buf[0] = '\0';
		search_run(t);
		return K_REDRAW;
	}
	k = form_key(t, &form, key, wc);
	if (k == FORM_NONE)
		return K_UNHANDLED;
	search_run(t);
	return K_REDRAW;
}

const struct screen screen_search = {
	.name = "search",
	.title = N_("Find a member"),
	.enter = search_enter,
	.draw = search_draw,
	.key = search_key,
	.typing = 1,
};
