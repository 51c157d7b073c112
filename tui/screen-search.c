/*
 * tui/screen-search.c: find a member by number, NIK or name; the list
 * follows what is typed.  Enter opens the member.
 */
#include <curses.h>
#include <libintl.h>
#include <string.h>

#include "tui/tui.h"

#define _(s)	gettext(s)
#define MAXHITS	64

static struct form	 form;
static struct input	*query;
static uint64_t		 hits[MAXHITS];
static size_t		 nhits;
static int		 sel;

static void
search_run(struct tui *t)
{
	struct store_txn	*tx;

	nhits = 0;
	sel = 0;
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

static void
search_draw(struct tui *t)
{
	struct store_txn	*tx;
	struct member		 m;
	struct balance		 b;
	char			 num[32], a[48];
	int			 y = 5, i, max = t->rows - 8;

	draw_text(4, 2, _("Type a member number, a NIK, or part of a name."),
	    t->cols - 4);
	if (store_begin(t->st, 1, &tx) == 0) {
		for (i = 0; i < (int)nhits && i < max; i++) {
			if (member_get(tx, t->branch, hits[i], &m) != 0 ||
			    account_balance(tx, t->branch, GL_SUKARELA,
			    hits[i], &b) != 0)
				continue;
			member_format_number(t->branch, hits[i], num,
			    sizeof num);
			money_format(-b.amount, a, sizeof a);
			if (i == sel)
				attron(A_REVERSE);
			draw_fill(y + 1 + i, 1, t->cols - 2);
			mvaddstr(y + 1 + i, 2, num);
			draw_text(y + 1 + i, 16, m.name, 32);
			draw_text(y + 1 + i, 50, m.village, 12);
			mvaddstr(y + 1 + i, t->cols - 2 - (int)strlen(a), a);
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
		if (sel > 0)
			sel--;
		return K_REDRAW;
	case KEY_DOWN:
		if (sel + 1 < (int)nhits && sel + 1 < t->rows - 8)
			sel++;
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
