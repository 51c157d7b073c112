/*
 * tui/screen-receipt.c: the receipt of what was just posted, previewed;
 * Enter prints it (to the configured command, "lp" by default, or to a
 * file), Esc goes back to the search without printing.
 */
#include <curses.h>
#include <errno.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

#define _(s)	gettext(s)

static char	 text[4096];
static int	 ok;

static const char *
tr(const char *s)
{
	return gettext(s);
}

static void
receipt_enter(struct tui *t, uint64_t seq)
{
	struct store_txn	*tx;
	struct receipt		*rc;
	int			 r;

	ok = 0;
	text[0] = '\0';
	if ((rc = calloc(1, sizeof *rc)) == NULL)
		return;
	if ((r = store_begin(t->st, 1, &tx)) == 0) {
		r = store_receipt(tx, t->branch, seq, rc);
		store_abort(tx);
	}
	if (r == 0 && receipt_format(rc, tr, text, sizeof text) == 0)
		ok = 1;
	free(rc);
	t->receipt_seq = seq;
	tui_message(t, 0, "%s", _("Done. Enter: print the receipt, Esc: "
	    "back without printing."));
}

static void
receipt_draw(struct tui *t)
{
	char	*p = text, *nl;
	int	 y = 3;

	while (ok && *p != '\0' && y < t->rows - 3) {
		nl = strchr(p, '\n');
		if (nl != NULL)
			*nl = '\0';
		draw_text(y++, 4, p, t->cols - 6);
		if (nl == NULL)
			break;
		*nl = '\n';
		p = nl + 1;
	}
}

static int
print_receipt(struct tui *t)
{
	FILE	*f;
	int	 r;

	if (t->opts.receipt_file != NULL) {
		if ((f = fopen(t->opts.receipt_file, "a")) == NULL)
			return errno;
		fputs(text, f);
		fputs("\n\f\n", f);
		return fclose(f) == 0 ? 0 : errno;
	}
	if ((f = popen(t->opts.print_cmd ? t->opts.print_cmd : "lp",
	    "w")) == NULL)
		return errno;
	fputs(text, f);
	r = pclose(f);
	return r == 0 ? 0 : EIO;
}

static int
receipt_key(struct tui *t, int key, wint_t wc)
{
	int	 r;

	if (key == 0 && (wc == '\r' || wc == '\n' || wc == 'c')) {
		if ((r = print_receipt(t)) != 0) {
			/* Stay: the teller fixes the printer and tries again. */
			tui_message(t, 1, "%s: %s", _("The receipt was not "
			    "printed"), strerror(r));
			return K_REDRAW;
		}
		tui_message(t, 0, "%s", _("Receipt printed."));
		tui_go(t, &screen_search, 0);
		return K_REDRAW;
	}
	if (key == 0 && wc == 27) {
		t->msg[0] = '\0';
		tui_go(t, &screen_search, 0);
		return K_REDRAW;
	}
	return K_UNHANDLED;
}

const struct screen screen_receipt = {
	.name = "receipt",
	.title = N_("Receipt"),
	.enter = receipt_enter,
	.draw = receipt_draw,
	.key = receipt_key,
};
