/*
 * tui/tui.c: the console's entry point.  A placeholder until the console
 * issue lands: it proves the terminal set-up (locale before initscr,
 * monochrome, resize) and shows which data folder it would open.
 */
#include <curses.h>
#include <libintl.h>
#include <string.h>

#include "tui/tui.h"

#define _(s)	gettext(s)

static void
paint(const char *dir)
{
	erase();
	mvaddstr(0, 0, "loket");
	mvaddstr(2, 2, _("The teller console is not built yet."));
	mvaddstr(3, 2, _("Data folder:"));
	mvaddnstr(3, 2 + (int)strlen(_("Data folder:")) + 1, dir, COLS - 20);
	mvaddstr(5, 2, _("Press q to quit."));
	refresh();
}

int
tui_main(const char *dir)
{
	int	 ch;

	initscr();
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	paint(dir);
	while ((ch = getch()) != 'q' && ch != 'Q') {
		if (ch == KEY_RESIZE)
			paint(dir);
	}
	endwin();
	return 0;
}
