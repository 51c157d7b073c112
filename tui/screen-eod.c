/*
 * tui/screen-eod.c: where the business day stands: its date, the drawers
 * still open.  A supervisor or manager closes the day with c (a manager
 * with f forces it past open drawers).
 */
#include <curses.h>
#include <libintl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tui/tui.h"

#define _(s)	gettext(s)

static int	 confirm;

/* Today where the branch is: the console runs in its time zone. */
static uint32_t
today(void)
{
	time_t		 now = time(NULL);
	struct tm	 tm;

	localtime_r(&now, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
static int	 force;

static int
list_user(void *arg, const struct user *u)
{
	struct tui		*t = ((void **)arg)[0];
	struct store_txn	*tx = ((void **)arg)[1];
	int			*y = ((void **)arg)[2];
	struct drawer		 dr;
	struct balance		 b;
	char			 line[256], a[48];

	if (drawer_get(tx, t->branch, u->login, &dr) != 0 ||
	    dr.state != DRAWER_OPEN)
		return 0;
	(void)account_balance(tx, t->branch, GL_CASH, u->drawer, &b);
	money_format(b.amount, a, sizeof a);
	snprintf(line, sizeof line, "%-16s %s  %s", u->login, u->name, a);
	draw_text((*y)++, 4, line, t->cols - 6);
	return 0;
}

static void
eod_enter(struct tui *t, uint64_t arg)
{
	confirm = 0;
	force = 0;
}

static void
eod_draw(struct tui *t)
{
	struct store_txn	*tx;
	struct branch		 b;
	char			 line[256], d[16];
	int			 y = 6, y0;
	void			*arg[3];

	if (store_begin(t->st, 1, &tx) != 0)
		return;
	if (branch_get(tx, t->branch, &b) == 0) {
		date_format(b.date, d, sizeof d);
		snprintf(line, sizeof line, _("Business date: %s"), d);
		draw_text(3, 2, line, t->cols - 4);
	}
	draw_text(5, 2, _("Drawers still open:"), t->cols - 4);
	y0 = y;
	arg[0] = t;
	arg[1] = tx;
	arg[2] = &y;
	(void)user_list(tx, t->branch, list_user, arg);
	if (y == y0)
		draw_text(y++, 4, _("none"), t->cols - 6);
	store_abort(tx);
	if (confirm)
		form_ask(t, y + 1, _("Close the business day now? Enter: yes, "
		    "Esc: no"));
	else
		keys_hint(t, y + 1, 2);
}

static int
eod_key(struct tui *t, int key, wint_t wc)
{
	struct store_txn	*tx;
	struct branch		 b;
	struct eod_report	 rep;
	char			 d[16];
	int			 r;

	if (key != 0)
		return K_UNHANDLED;
	if (confirm) {
		if (!form_answer(&confirm, key, wc))
			return K_REDRAW;
		if ((r = store_begin(t->st, 1, &tx)) != 0) {
			tui_store_error(t, r);
			return K_REDRAW;
		}
		r = branch_get(tx, t->branch, &b);
		store_abort(tx);
		if (r == 0 && b.date > today()) {
			/* A day that has not begun here cannot be closed. */
			date_format(b.date - 1, d, sizeof d);
			tui_message(t, 1, _("%s is closed already; the next "
			    "day has not begun."), d);
			return K_REDRAW;
		}
		if (r == 0)
			r = store_eod(t->st, t->branch, t->user.login, b.date,
			    force, 0, &rep);
		if (r == STORE_E_ROLE)
			/* Say who may, not only that this user may not. */
			tui_message(t, 1, "%s", force ? _("Closing the day "
			    "with drawers open needs a manager.") : _("Only a "
			    "supervisor, manager or admin may close the "
			    "day."));
		else if (r != 0)
			tui_store_error(t, r);
		else {
			date_format(rep.next, d, sizeof d);
			tui_message(t, 0, _("The day is closed; the business "
			    "date is now %s."), d);
		}
		return K_REDRAW;
	}
	if (wc == 'c' || wc == 'f') {
		force = wc == 'f';
		confirm = 1;
		return K_REDRAW;
	}
	if (wc == 27) {
		tui_go(t, &screen_search, 0);
		return K_REDRAW;
	}
	return K_UNHANDLED;
}

static const char *
eod_letters(struct tui *t)
{
	(void)t;
	return confirm ? "" : NULL;
}

const struct screen screen_eod = {
	.name = "eod",
	.title = N_("End of day"),
	.enter = eod_enter,
	.draw = eod_draw,
	.key = eod_key,
	.letters = eod_letters,
};
