/*
 * tui/keys.c: the key table, the one list of every action of the
 * console.  Actions anywhere are on function keys; a letter acts only on
 * the screen its line names, where no text is typed and the screen says
 * so.  The same table draws the bottom line, the lines of letters a
 * screen shows and the help screen, and man/loket.1 lists it (the test
 * t0022 checks that it lists every key here).
 */
#include <curses.h>
#include <libintl.h>
#include <stdio.h>
#include <string.h>

#include "tui/tui.h"

#define _(s)	gettext(s)

const struct key_binding key_table[] = {
	/* Every screen, once a user is signed in. */
	{ KEY_F(1), 0, N_("Help"), &screen_help, NULL },
	{ KEY_F(2), 0, N_("Search"), &screen_search, NULL },
	{ KEY_F(3), 0, N_("Deposit"), &screen_deposit, NULL },
	{ KEY_F(4), 0, N_("Withdraw"), &screen_withdraw, NULL },
	{ KEY_F(5), 0, N_("Transfer"), &screen_transfer, NULL },
	{ KEY_F(6), 0, N_("Statement"), &screen_statement, NULL },
	{ KEY_F(7), 0, N_("New member"), &screen_register, NULL },
	{ KEY_F(8), 0, N_("Drawer"), &screen_drawer, NULL },
	{ KEY_F(9), 0, N_("Reverse"), &screen_reversal, NULL },
	{ KEY_F(10), 0, N_("Sign out"), NULL, NULL },
	{ KEY_F(11), 0, N_("Loans"), &screen_loan, NULL },
	{ KEY_F(12), 0, N_("End of day"), &screen_eod, NULL },
	/* Letters, each on its own screen. */
	{ 0, 'n', N_("apply"), NULL, &screen_loan },
	{ 0, 'a', N_("approve"), NULL, &screen_loan },
	{ 0, 'd', N_("disburse"), NULL, &screen_loan },
	{ 0, 'r', N_("repay"), NULL, &screen_loan },
	{ 0, 's', N_("schedule"), NULL, &screen_loan },
	{ 0, 'p', N_("print the statement"), NULL, &screen_statement },
	{ 0, 'o', N_("open with cash from the vault"), NULL, &screen_drawer },
	{ 0, 'i', N_("in from the vault"), NULL, &screen_drawer },
	{ 0, 'u', N_("out to the vault"), NULL, &screen_drawer },
	{ 0, 'c', N_("close, counted"), NULL, &screen_drawer },
	{ 0, 'c', N_("close the day"), NULL, &screen_eod },
	{ 0, 'f', N_("close it, drawers open (manager)"), NULL, &screen_eod },
	{ 0, 'w', N_("change your password"), NULL, &screen_help },
	{ 0, 'r', N_("print the last receipt again"), NULL, &screen_help },
	{ 0, 'm', N_("members' meeting"), NULL, &screen_help },
	/* The province box's dashboard (loket province console). */
	{ 0, 'd', N_("districts"), NULL, &screen_province },
	{ 0, 'w', N_("worst ratios"), NULL, &screen_province },
	{ 0, 's', N_("no report"), NULL, &screen_province },
	{ 0, 'e', N_("export CSV"), NULL, &screen_province },
	{ 0, 0, NULL, NULL, NULL }
};

/*
 * Whether the key is one of this console's: a province box's (no book,
 * t->st NULL) has help, leaving and its dashboard's letters; the
 * teller's console everything else.
 */
int
keys_offered(const struct tui *t, const struct key_binding *kb)
{
	if (t->st == NULL)
		return kb->on == &screen_province || (kb->on == NULL &&
		    (kb->screen == NULL || kb->screen == &screen_help));
	return kb->on != &screen_province;
}

static int
usable(const struct tui *t, const struct key_binding *kb)
{
	if (!keys_offered(t, kb))
		return 0;
	return kb->screen == NULL || !kb->screen->needs_member ||
	    t->member != 0;
}

/* The function key's action, on every screen; NULL when none or idle. */
const struct key_binding *
keys_find(const struct tui *t, int fkey)
{
	const struct key_binding	*kb;

	for (kb = key_table; kb->what != NULL; kb++) {
		if (kb->on != NULL || kb->fkey != fkey)
			continue;
		return usable(t, kb) ? kb : NULL;
	}
	return NULL;
}

/* Whether the letter's action is one the screen offers now. */
static int
now(struct tui *t, const struct key_binding *kb)
{
	const char	*only;

	if (kb->on != t->scr || !keys_offered(t, kb))
		return 0;
	if (t->scr->letters == NULL || (only = t->scr->letters(t)) == NULL)
		return 1;
	return strchr(only, kb->letter) != NULL;
}

/*
 * The letter's action on this screen now, or NULL: the letter is no key
 * here (and is typed, or ignored).
 */
const struct key_binding *
keys_letter(struct tui *t, wint_t wc)
{
	const struct key_binding	*kb;

	for (kb = key_table; kb->what != NULL; kb++)
		if ((wint_t)kb->letter == wc && now(t, kb))
			return kb;
	return NULL;
}

/* "F3" or "n": the key's name. */
void
keys_name(const struct key_binding *kb, char *buf, size_t len)
{
	if (kb->fkey != 0)
		snprintf(buf, len, "F%d", kb->fkey - KEY_F0);
	else
		snprintf(buf, len, "%c", kb->letter);
}

/*
 * The letters of this screen, "n: apply  a: approve", on row y from
 * column x: how the screen says which letters act.  Returns the rows used.
 */
int
keys_hint(struct tui *t, int y, int x)
{
	const struct key_binding	*kb;
	char				 line[512], one[160];
	size_t				 n = 0;
	int				 rows = 0;

	line[0] = '\0';
	for (kb = key_table; kb->what != NULL; kb++) {
		if (!now(t, kb))
			continue;
		snprintf(one, sizeof one, "%s%c: %s", n > 0 ? "  " : "",
		    kb->letter, _(kb->what));
		/* A line too long goes on below. */
		if (n > 0 && (int)utf8_width(line) + (int)utf8_width(one) >
		    t->cols - x - 2) {
			draw_text(y + rows++, x, line, t->cols - x - 2);
			snprintf(one, sizeof one, "%c: %s", kb->letter,
			    _(kb->what));
			n = 0;
			line[0] = '\0';
		}
		if (n + strlen(one) < sizeof line) {
			memcpy(line + n, one, strlen(one) + 1);
			n += strlen(one);
		}
	}
	if (n > 0)
		draw_text(y + rows++, x, line, t->cols - x - 2);
	return rows;
}

/*
 * The bottom line: this screen's letters, then the function keys that
 * act here, as many as fit, htop's way ("F3Deposit"); F1 last, as "more"
 * when some did not fit.  Help lists them all.
 */
void
keys_line(struct tui *t)
{
	const struct key_binding	*kb;
	char				 name[16], one[160], last[160];
	int				 x = 0, w, lw, all = 1, pass;

	attron(A_REVERSE);
	draw_fill(t->rows - 1, 0, t->cols);
	attroff(A_REVERSE);
	if (!t->signed_in || t->locked)
		return;
	snprintf(last, sizeof last, "%s", _("more"));
	lw = 2 + (int)utf8_width(last);
	/* The screen's letters first, then the function keys. */
	for (pass = 0; pass < 2; pass++) {
		for (kb = key_table; kb->what != NULL; kb++) {
			if (pass == 0 ? !now(t, kb) : kb->on != NULL ||
			    kb->fkey == KEY_F(1) || !usable(t, kb))
				continue;
			keys_name(kb, name, sizeof name);
			if (pass == 0)
				snprintf(name + strlen(name), sizeof name -
				    strlen(name), ":");
			snprintf(one, sizeof one, "%s", _(kb->what));
			w = (int)strlen(name) + (int)utf8_width(one) + 1;
			if (x + w + lw > t->cols) {
				all = 0;
				continue;	/* a shorter one may fit */
			}
			draw_text(t->rows - 1, x, name, (int)strlen(name));
			attron(A_REVERSE);
			draw_text(t->rows - 1, x + (int)strlen(name), one,
			    t->cols - x - (int)strlen(name));
			attroff(A_REVERSE);
			x += w;
		}
	}
	if (all)
		snprintf(last, sizeof last, "%s", _("Help"));
	draw_text(t->rows - 1, x, "F1", 2);
	attron(A_REVERSE);
	draw_text(t->rows - 1, x + 2, last, t->cols - x - 2);
	attroff(A_REVERSE);
}
