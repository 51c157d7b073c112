/*
 * tui/screen-signin.c: sign in, and the lock.  When the console locked
 * itself, the screen's data is hidden until the same user or a supervisor
 * signs in; anyone else signing in starts afresh as themselves.
 */
#include <curses.h>
#include <libintl.h>
#include <string.h>

#include "tui/tui.h"

#define _(s)	gettext(s)

static struct form	 form;
static struct input	*branch, *login, *password;
static int		 leaving;	/* Esc asked whether to leave */

static void
signin_enter(struct tui *t, uint64_t lockmode)
{
	int	 i;

	form_init(&form, 4);
	branch = NULL;
	leaving = 0;
	/* A box that posts for several branches: which one, first. */
	if (t->nbranch > 1 && !lockmode) {
		branch = form_add(&form, N_("Branch"), FLD_CHOICE, 10);
		for (i = 0; i < t->nbranch; i++) {
			t->branch_choice[i] = t->branches[i];
			if (strcmp(t->branches[i], t->branch) == 0)
				branch->choice = i;
		}
		branch->choices = t->branch_choice;
		branch->nchoice = t->nbranch;
	}
	login = form_add(&form, N_("User id"), FLD_TEXT, LOGIN_MAX);
	password = form_add(&form, N_("Password"), FLD_PASSWORD, 40);
	/*
	 * Locked: the cursor is on an empty user id, so that a supervisor
	 * who types their own id there does not spend a failed sign-in of
	 * the locked user.
	 */
	if (branch != NULL && !lockmode)
		form.cur = 1;	/* the branch is usually the one shown */
}

static void
signin_draw(struct tui *t)
{
	if (t->locked) {
		char	 s[256];

		snprintf(s, sizeof s, _("The console is locked (%s)."),
		    t->user.login);
		draw_text(2, 2, s, t->cols - 4);
	} else
		draw_text(2, 2, _("Welcome. Sign in with your user id and "
		    "password."), t->cols - 4);
	form_draw(t, &form);
	if (leaving)
		form_ask(t, form.top + form.n + 1, _("Leave loket? Enter: yes, "
		    "Esc: no"));
}

static int
signin_key(struct tui *t, int key, wint_t wc)
{
	struct user	 u;
	int		 r, k;

	if (leaving)
		return form_answer(&leaving, key, wc) ? K_QUIT : K_REDRAW;
	if (key == KEY_F(10))
		return K_QUIT;
	k = form_key(t, &form, key, wc);
	if (k == FORM_CANCEL) {
		if (t->locked)
			return K_NONE;
		/* An Esc too many must not close the counter. */
		leaving = 1;
		return K_REDRAW;
	}
	if (k != FORM_SUBMIT)
		return k == FORM_NONE ? K_NONE : K_REDRAW;

	if (branch != NULL && (r = tui_branch(t,
	    t->branches[branch->choice])) != 0) {
		tui_store_error(t, r);
		return K_REDRAW;
	}
	r = user_auth(t->st, t->branch, login->buf, password->buf, &u);
	explicit_bzero(password->buf, sizeof password->buf);
	password->len = password->cur = 0;
	if (r != 0) {
		if (r == STORE_E_LOCKED)
			tui_message(t, 1, "%s. %s", _(store_strerror(r)),
			    _("Ask an admin to unlock you."));
		else
			tui_store_error(t, r);
		form.cur = form.n - 1;
		return K_REDRAW;
	}
	if (t->locked && (strcmp(u.login, t->user.login) == 0 ||
	    (u.role & (ROLE_SUPERVISOR | ROLE_MANAGER)))) {
		/*
		 * The same work goes on where it was left; a supervisor who
		 * unlocks carries it on in their own name.
		 */
		t->user = u;
		t->locked = 0;
		t->scr = t->back != NULL ? t->back : &screen_search;
		t->msg[0] = '\0';
		return K_REDRAW;
	}
	t->user = u;
	t->signed_in = 1;
	t->locked = 0;
	t->member = 0;
	tui_message(t, 0, _("Signed in as %s."), u.name);
	tui_go(t, &screen_search, 0);
	return K_REDRAW;
}

const struct screen screen_signin = {
	.name = "signin",
	.title = N_("Sign in"),
	.enter = signin_enter,
	.draw = signin_draw,
	.key = signin_key,
	.typing = 1,
};
