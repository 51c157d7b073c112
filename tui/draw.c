/*
 * tui/draw.c: drawing text by column width.  Names are UTF-8 and may be
 * wider or narrower than their bytes; invalid bytes show as U+FFFD.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/tui.h"

/*
 * Draw s at (y, x) in at most maxcols columns; returns the columns used.
 * Decoded with mbrtowc, so the locale must be UTF-8 (main sees to it).
 */
int
draw_text(int y, int x, const char *s, int maxcols)
{
	mbstate_t	 ps;
	wchar_t		 wc;
	size_t		 n, len = strlen(s);
	int		 used = 0, w;
	cchar_t		 cc;
	wchar_t		 one[2];

	memset(&ps, 0, sizeof ps);
	move(y, x);
	while (len > 0 && used < maxcols) {
		n = mbrtowc(&wc, s, len, &ps);
		if (n == (size_t)-1 || n == (size_t)-2) {
			wc = 0xfffd;
			n = 1;
			memset(&ps, 0, sizeof ps);
		} else if (n == 0)
			break;
		if (wc < 0x20 || wc == 0x7f)
			wc = 0xfffd;
		if ((w = wcwidth(wc)) < 0)
			w = 1;
		if (used + w > maxcols)
			break;
		one[0] = wc;
		one[1] = L'\0';
		setcchar(&cc, one, A_NORMAL, 0, NULL);
		add_wch(&cc);
		used += w;
		s += n;
		len -= n;
	}
	return used;
}

void
draw_fill(int y, int x, int cols)
{
	mvhline(y, x, ' ', cols);
}

/* "Label ....... value" in a row of width cols. */
void
draw_label_value(int y, int x, int labelw, const char *label,
    const char *value)
{
	draw_text(y, x, label, labelw);
	draw_text(y, x + labelw + 1, value, COLS - x - labelw - 2);
}

/* An amount right-aligned after a label, within cols columns. */
void
draw_amount_row(int y, int x, int cols, const char *label, int64_t sen)
{
	char	 a[48];
	int	 aw;

	money_format(sen, a, sizeof a);
	aw = (int)strlen(a);
	draw_text(y, x, label, cols - aw - 1);
	mvaddstr(y, x + cols - aw, a);
}

void
draw_box_title(int y, const char *s)
{
	attron(A_BOLD);
	draw_text(y, 1, s, COLS - 2);
	attroff(A_BOLD);
}
