/*
 * tui/screen-passwd.c: change one's own password.
 */
#include <curses.h>
#include <libintl.h>
#include <stdio.h>
#include <string.h>

#include "tui/tui.h"

#define _(s)	gettext(s)

static struct form	 form;
static struct input	*old, *new1, *new2;
static char		 reqid[64];

static void
passwd_enter(struct tui *t, uint64_t arg)
{
	form_init(&form, 4);
	old = form_add(&form, N_("Current password"), FLD_PASSWORD, 40);
	new1 = form_add(&form, N_("New password"), FLD_PASSWORD, 40);
	new2 = form_add(&form, N_("New password again"), FLD_PASSWORD, 40);
	tui_request_id(t, reqid, sizeof reqid);
}

static void
passwd_draw(struct tui *t)
{
	draw_text(3, 2, _("At least 8 characters."), t->cols - 4);
	form_draw(t, &form);
}

static void
wipe(void)
{
	int	 i;

	for (i = 0; i < form.n; i++) {
		explicit_bzero(form.f[i].buf, sizeof form.f[i].buf);
		form.f[i].len = form.f[i].cur = 0;
	}
	form.cur = 0;
}

static int
passwd_key(struct tui *t, int key, wint_t wc)
{
	struct post_req	 q;
	struct user	 u;
	char		 hash[128];
	uint64_t	 seq;
	int		 k, r;

	k = form_key(t, &form, key, wc);
	if (k == FORM_CANCEL) {
		wipe();
		tui_go(t, &screen_search, 0);
		return K_REDRAW;
	}
	if (k != FORM_SUBMIT)
		return k == FORM_NONE ? K_UNHANDLED : K_REDRAW;
	if (strcmp(new1->buf, new2->buf) != 0) {
		tui_message(t, 1, "%s", _("The new passwords differ."));
		wipe();
		return K_REDRAW;
	}
	if ((r = user_auth(t->st, t->branch, t->user.login, old->buf,
	    &u)) != 0 ||
	    (r = user_hash_password(new1->buf, hash, sizeof hash)) != 0) {
		tui_store_error(t, r);
		wipe();
		return K_REDRAW;
	}
	wipe();
	memset(&q, 0, sizeof q);
	q.branch = t->branch;
	q.user = t->user.login;
	q.request_id = reqid;
	q.kind = EK_USER_PASSWD;
	q.field[0] = (struct field){ F_LOGIN, (uint16_t)strlen(u.login),
	    (const uint8_t *)u.login };
	q.field[1] = (struct field){ F_HASH, (uint16_t)strlen(hash),
	    (const uint8_t *)hash };
	q.nfield = 2;
	if (tui_post(t, &q, &seq) == 0) {
		tui_message(t, 0, "%s", _("Your password is changed."));
		tui_go(t, &screen_search, 0);
	}
	return K_REDRAW;
}

const struct screen screen_passwd = {
	.name = "passwd",
	.title = N_("Change your password"),
	.enter = passwd_enter,
	.draw = passwd_draw,
	.key = passwd_key,
	.typing = 1,
};
