/*
 * tui/approve.c: an approver at the same terminal.  When the store
 * answers a posting with STORE_E_APPROVAL (a supervisor's approval) or
 * STORE_E_MANAGER (a manager's), the screen's post is asked again with
 * an approver's user id and password typed in a box drawn over the
 * screen, which says which role is needed and why.  The store checks
 * the password and the approver's role; a refusal leaves the box open
 * with the store's message, and Esc, another screen or the idle lock
 * closes it with nothing posted.  The password is shown as stars and
 * wiped after each try.
 *
 * A screen posts through approve_post() instead of tui_post(), naming
 * the function that builds and posts its request again; the main loop
 * gives keys to the box while it is open and draws it last.
 */
#include <curses.h>
#include <libintl.h>
#include <stdio.h>
#include <string.h>

#include "tui/tui.h"

#define _(s)	gettext(s)

static struct {
	int		 need;		/* 0: closed; STORE_E_APPROVAL, _MANAGER */
	int		 manager;	/* a manager's approval is needed */
	int		 typed;		/* submitted: the next post carries it */
	int		(*repost)(struct tui *);
	struct approve_why why;
	char		 line[512];
	struct form	 form;
	struct input	*login, *pw;
} ap;

int
approve_active(void)
{
	return ap.need != 0;
}

static void
wipe_password(void)
{
	if (ap.pw == NULL)
		return;
	explicit_bzero(ap.pw->buf, sizeof ap.pw->buf);
	ap.pw->len = ap.pw->cur = 0;
}

/* Close the box, nothing posted. */
void
approve_cancel(struct tui *t)
{
	(void)t;
	wipe_password();
	memset(&ap, 0, sizeof ap);
}

/* Which role, and why, in the user's language. */
static void
explain(struct tui *t, int r)
{
	struct store_txn	*tx;
	char			 a[48], b[48];
	int64_t			 limit = 0, above = 0;

	if (store_begin(t->st, 1, &tx) == 0) {
		if (ap.why.limit != NULL)
			limit = setting_value(tx, t->branch, ap.why.limit);
		if (ap.why.manager_above != NULL)
			above = setting_value(tx, t->branch,
			    ap.why.manager_above);
		store_abort(tx);
	}
	ap.manager = r == STORE_E_MANAGER ||
	    (above > 0 && ap.why.amount > above);
	if (r == STORE_E_MANAGER) {
		money_format(ap.why.cash, a, sizeof a);
		snprintf(ap.line, sizeof ap.line, _("Cash transaction %s: a "
		    "manager's approval is needed (PPATK report)"), a);
	} else if (ap.why.what != NULL) {
		money_format(ap.why.amount < 0 ? -ap.why.amount :
		    ap.why.amount, a, sizeof a);
		money_format(ap.manager ? above : limit, b, sizeof b);
		snprintf(ap.line, sizeof ap.line, ap.manager ?
		    _("%s %s above the limit %s: a manager's approval is "
		    "needed") : _("%s %s above the limit %s: a supervisor's "
		    "approval is needed"), _(ap.why.what), a, b);
	} else
		snprintf(ap.line, sizeof ap.line, "%s", _(store_strerror(r)));
}

static void
open_box(struct tui *t, int r)
{
	explain(t, r);
	ap.need = r;
	form_init(&ap.form, t->rows - 8);
	ap.login = form_add(&ap.form, ap.manager ? N_("Manager id") :
	    N_("Supervisor id"), FLD_TEXT, LOGIN_MAX);
	ap.pw = form_add(&ap.form, ap.manager ? N_("Manager password") :
	    N_("Supervisor password"), FLD_PASSWORD, 40);
	ap.typed = 0;
}

/* What the store's refusal says about the approver typed, not the post. */
static int
about_approver(int r)
{
	switch (r) {
	case STORE_E_APPROVAL:
	case STORE_E_MANAGER:
	case STORE_E_PASSWORD:
	case STORE_E_LOCKED:
	case STORE_E_LONGPASS:
	case STORE_E_SELFAPPROVE:
	case STORE_E_DISABLED:
	case STORE_E_USER:
		return 1;
	default:
		return 0;
	}
}

/*
 * Post q as tui_post() does, with the approver typed in the box when it
 * is open.  A refusal for want of an approval opens the box (w says why,
 * repost posts again); one about the approver keeps it open.  Returns
 * what tui_post() returns.
 */
int
approve_post(struct tui *t, struct post_req *q, uint64_t *seq,
    const struct approve_why *w, int (*repost)(struct tui *))
{
	int	 r, tried = ap.need != 0 && ap.typed;

	if (tried) {
		q->approver = ap.login->buf;
		q->approver_password = ap.pw->buf;
	}
	r = tui_post(t, q, seq);
	if (tried) {
		q->approver = q->approver_password = NULL;
		wipe_password();
		ap.typed = 0;
	}
	if (r == 0 || (ap.need != 0 && !about_approver(r)) ||
	    (ap.need == 0 && r != STORE_E_APPROVAL && r != STORE_E_MANAGER)) {
		approve_cancel(t);
		return r;
	}
	if (ap.need == 0) {
		ap.why = w != NULL ? *w : (struct approve_why){ 0 };
		ap.repost = repost;
		open_box(t, r);
		return r;
	}
	/*
	 * Refused again, the store's message on the message line: a wrong
	 * password is typed again; otherwise someone else approves (a
	 * manager where a supervisor was not enough).
	 */
	if (r == STORE_E_PASSWORD || r == STORE_E_LONGPASS)
		ap.form.cur = 1;
	else
		open_box(t, r == STORE_E_MANAGER ? r : ap.need);
	return r;
}

/* A key while the box is open: Esc closes it, Enter posts again. */
int
approve_key(struct tui *t, int key, wint_t wc)
{
	switch (form_key(t, &ap.form, key, wc)) {
	case FORM_CANCEL:
		approve_cancel(t);
		tui_message(t, 0, "%s", _("Not posted: no approval was "
		    "given."));
		return K_REDRAW;
	case FORM_SUBMIT:
		ap.typed = 1;
		return ap.repost != NULL ? ap.repost(t) : K_REDRAW;
	case FORM_NONE:
		/* A function key works as ever; leaving closes the box. */
		return key != 0 ? K_UNHANDLED : K_NONE;
	default:
		return K_REDRAW;
	}
}

/* The box, over the lower part of the screen, above the message line. */
void
approve_draw(struct tui *t)
{
	const char	*title = _("Approval at this terminal");
	int		 y, top = ap.form.top - 3;

	if (ap.need == 0)
		return;
	for (y = top; y < ap.form.top + ap.form.n + 3; y++)
		draw_fill(y, 0, t->cols);
	mvhline(top, 1, ACS_HLINE, t->cols - 2);
	attron(A_BOLD);
	draw_text(top, 3, " ", 1);
	y = draw_text(top, 4, title, t->cols - 8);
	draw_text(top, 4 + y, " ", 1);
	draw_text(top + 1, 2, ap.line, t->cols - 4);
	if ((int)utf8_width(ap.line) > t->cols - 4) {
		/* The rest, on the next row. */
		const char	*s = ap.line;
		char		 first[512];
		size_t		 n;

		for (n = strlen(s); n > 0; n--) {
			if (s[n] != ' ')
				continue;
			memcpy(first, s, n);
			first[n] = '\0';
			if ((int)utf8_width(first) <= t->cols - 4)
				break;
		}
		if (n > 0) {
			draw_fill(top + 1, 0, t->cols);
			draw_text(top + 1, 2, first, t->cols - 4);
			draw_text(top + 2, 2, s + n + 1, t->cols - 4);
		}
	}
	draw_text(ap.form.top + ap.form.n + 2, 2,
	    _("Enter: approve and post, Esc: not now"), t->cols - 4);
	attroff(A_BOLD);
	form_draw(t, &ap.form);
}
