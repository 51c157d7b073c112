/*
 * tui/screen-help.c: every key, from the key table: the function keys
 * on the left, each screen's letters on the right.  Help has letters of
 * its own for what is seldom done: the password, a receipt again.
 */
#include <curses.h>
#include <libintl.h>
#include <stdio.h>

#include "tui/tui.h"

#define _(s)	gettext(s)

static void
help_draw(struct tui *t)
{
	const struct key_binding	*kb;
	const struct screen		*on = NULL;
	char				 line[256], name[16];
	int				 y = 3, yr = 3, xr = t->cols / 2, *py, x;

	for (kb = key_table; kb->what != NULL; kb++) {
		if (!keys_offered(t, kb))
			continue;
		keys_name(kb, name, sizeof name);
		if (kb->on == NULL) {
			snprintf(line, sizeof line, "%-4s %s%s", name,
			    _(kb->what), kb->screen != NULL &&
			    kb->screen->needs_member ? _(" (member)") : "");
			draw_text(y++, 2, line, xr - 3);
			continue;
		}
		/* Help's own letters under the function keys. */
		py = kb->on == &screen_help ? &y : &yr;
		x = kb->on == &screen_help ? 2 : xr;
		if (kb->on != on) {
			on = kb->on;
			attron(A_BOLD);
			draw_text((*py)++, x, _(on->title), t->cols - x - 1);
			attroff(A_BOLD);
		}
		snprintf(line, sizeof line, "  %s  %s", name, _(kb->what));
		draw_text((*py)++, x, line, kb->on == &screen_help ? xr - 3 :
		    t->cols - xr - 1);
	}
	y = (y > yr ? y : yr) + 1;
	draw_text(y++, 2, _("Letters act only on the screen that lists them."),
	    t->cols - 4);
	draw_text(y++, 2, _("Forms: Tab/Enter next, Shift-Tab back, "
	    "Ctrl-U clears, Esc cancels."), t->cols - 4);
	if (t->st == NULL)
		draw_text(y++, 2, _("Lists: Enter opens, Esc goes back, "
		    "arrows and PgUp/PgDn scroll."), t->cols - 4);
}

static int
help_key(struct tui *t, int key, wint_t wc)
{
	const struct key_binding	*kb;

	if (key != 0)
		return K_UNHANDLED;
	if (wc == 27) {
		t->scr = t->help_back != NULL ? t->help_back : &screen_search;
		return K_REDRAW;
	}
	if ((kb = keys_letter(t, wc)) == NULL)
		return K_NONE;
	if (kb->letter == 'w') {
		tui_go(t, &screen_passwd, 0);
		return K_REDRAW;
	}
	if (kb->letter == 'm') {
		tui_go(t, &screen_rat, 0);
		return K_REDRAW;
	}
	if (t->receipt_seq == 0) {
		tui_message(t, 1, "%s", _("No receipt yet since signing in."));
		return K_REDRAW;
	}
	tui_go(t, &screen_receipt, t->receipt_seq);
	return K_REDRAW;
}

const struct screen screen_help = {
	.name = "help",
	.title = N_("Keys"),
	.draw = help_draw,
	.key = help_key,
};
