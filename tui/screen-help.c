/*
 * tui/screen-help.c: the keys, from the key table.
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
	char				 line[256];
	int				 y = 3;

	for (kb = key_table; kb->what != NULL && y < t->rows - 8; kb++) {
		snprintf(line, sizeof line, "F%-3d %c   %s%s",
		    kb->fkey - KEY_F0, kb->letter, _(kb->what),
		    kb->screen != NULL && kb->screen->needs_member ?
		    _(" (the member in view)") : "");
		draw_text(y++, 4, line, t->cols - 6);
	}
	y++;
	draw_text(y++, 4, _("Letters work where no text is being typed; "
	    "function keys work everywhere."), t->cols - 6);
	draw_text(y++, 4, _("Forms: Tab/Enter next, Shift-Tab back, "
	    "Ctrl-U clears, Esc cancels."), t->cols - 6);
	draw_text(y++, 4, _("Amounts: 1.250.000 or 1250000. Esc leaves "
	    "this help."), t->cols - 6);
}

static int
help_key(struct tui *t, int key, wint_t wc)
{
	if (key == 0 && wc == 27) {
		t->scr = t->help_back != NULL ? t->help_back : &screen_search;
		return K_REDRAW;
	}
	return K_UNHANDLED;
}

const struct screen screen_help = {
	.name = "help",
	.title = N_("Keys"),
	.draw = help_draw,
	.key = help_key,
};
