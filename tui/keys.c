/*
 * tui/keys.c: the key table.  Every action has a function key and a
 * letter; letters act only where no text is being typed.  The same table
 * draws the bottom line and the help screen, and man/loket.1 lists it.
 */
#include <curses.h>

#include "tui/tui.h"

const struct key_binding key_table[] = {
	{ KEY_F(1), '?', N_("Help"), &screen_help, 1 },
	{ KEY_F(2), '/', N_("Search"), &screen_search, 1 },
	{ KEY_F(10), 'q', N_("Sign out"), NULL, 1 },
	{ KEY_F(3), 's', N_("Deposit"), &screen_deposit, 0 },
	{ KEY_F(4), 't', N_("Withdraw"), &screen_withdraw, 0 },
	{ KEY_F(5), 'p', N_("Transfer"), &screen_transfer, 0 },
	{ KEY_F(6), 'm', N_("Statement"), &screen_statement, 0 },
	{ KEY_F(7), 'a', N_("New member"), &screen_register, 1 },
	{ KEY_F(8), 'k', N_("Drawer"), &screen_drawer, 1 },
	{ KEY_F(9), 'b', N_("Reverse"), &screen_reversal, 1 },
	{ KEY_F(11), 'l', N_("Loans"), &screen_loan, 0 },
	{ KEY_F(12), 'w', N_("Password"), &screen_passwd, 1 },
	{ 0, 0, NULL, NULL, 0 }
};

/*
 * The binding for a key: code > 0 is a curses key (KEY_F(n)), code < 0
 * a typed character (-wc), which counts only where nothing is typed.
 */
const struct key_binding *
keys_find(const struct tui *t, int code)
{
	const struct key_binding	*kb;

	for (kb = key_table; kb->what != NULL; kb++) {
		if (code > 0 && kb->fkey != code)
			continue;
		if (code < 0 && (t->scr->typing || kb->letter != -code))
			continue;
		if (code == 0)
			continue;
		if (kb->screen != NULL && kb->screen->needs_member &&
		    t->member == 0)
			return NULL;
		return kb;
	}
	return NULL;
}
