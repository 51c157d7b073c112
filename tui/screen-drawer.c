/*
 * tui/screen-drawer.c: the teller's own drawer.  o opens it with cash
 * from the vault, i and u move cash in from or out to the vault, c closes
 * it with a count by denomination: the difference from the book goes to
 * the teller's over/short account.  e leads to the branch's end of day.
 * A difference above limit.drawer.difference asks for a supervisor at
 * the same terminal (tui/approve.c).
 */
#include <curses.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

#define _(s)	gettext(s)

enum { D_VIEW, D_AMOUNT, D_COUNT };

static struct {
	int		 mode;
	uint16_t	 kind;
	int		 out;
	struct form	 form;
	struct input	*amount;
	struct input	*pieces[DENOM_MAX];
	char		 labels[DENOM_MAX][32];
	struct denom_count dc[DENOM_MAX + 1];
	char		 reqid[64];
	int		 confirm;
} d;

static int64_t
book(struct tui *t, int *open)
{
	struct store_txn	*tx;
	struct drawer		 dr;
	struct balance		 b;

	memset(&b, 0, sizeof b);
	memset(&dr, 0, sizeof dr);
	if (store_begin(t->st, 1, &tx) == 0) {
		(void)drawer_get(tx, t->branch, t->user.login, &dr);
		(void)account_balance(tx, t->branch, GL_CASH, t->user.drawer,
		    &b);
		store_abort(tx);
	}
	*open = dr.state == DRAWER_OPEN;
	return b.amount;
}

static void
drawer_enter(struct tui *t, uint64_t arg)
{
	d.mode = D_VIEW;
	d.confirm = 0;
}

static int64_t
counted(void)
{
	int64_t	 sum = 0;
	int	 i;

	for (i = 0; i < DENOM_MAX; i++)
		sum += denominations[i] * 100 * strtoll(d.pieces[i]->buf, NULL,
		    10);
	return sum;
}

static void
drawer_draw(struct tui *t)
{
	char	 s[256], a[48], b[48];
	int	 open;
	int64_t	 cash = book(t, &open), c;

	money_format(cash, a, sizeof a);
	snprintf(s, sizeof s, open ? _("Your drawer is open; the book says %s.")
	    : _("Your drawer is closed."), a);
	draw_text(3, 2, s, t->cols - 4);
	if (d.mode == D_VIEW) {
		keys_hint(t, 5, 4);
		return;
	}
	/* Which of the drawer's actions the form is for, in its words. */
	if (d.mode == D_AMOUNT) {
		attron(A_BOLD);
		draw_text(5, 4, d.kind == EK_DRAWER_OPEN ?
		    _("open with cash from the vault") : d.out ?
		    _("out to the vault") : _("in from the vault"),
		    t->cols - 6);
		attroff(A_BOLD);
	}
	form_draw(t, &d.form);
	if (d.mode == D_COUNT) {
		c = counted();
		money_format(c, a, sizeof a);
		money_format(cash - c, b, sizeof b);
		snprintf(s, sizeof s, _("Counted %s; short by %s"), a, b);
		draw_text(d.form.top + d.form.n + 2, 2, s, t->cols - 4);
	}
	if (d.confirm) {
		/* What will be posted, in words, above the question. */
		if (d.mode == D_COUNT)
			money_format(counted(), a, sizeof a);
		else if (money_parse(d.amount->buf, &c) == 0)
			money_format(c, a, sizeof a);
		else
			money_format(0, a, sizeof a);
		snprintf(s, sizeof s, d.mode == D_COUNT ?
		    _("Close the drawer, counted %s") :
		    d.kind == EK_DRAWER_OPEN ?
		    _("Open the drawer with %s from the vault") : d.out ?
		    _("%s from the drawer to the vault") :
		    _("%s from the vault into the drawer"), a);
		draw_fill(t->rows - 5, 1, t->cols - 2);
		draw_text(t->rows - 5, 2, s, t->cols - 4);
		form_ask(t, t->rows - 4, _("Post this? Enter: yes, Esc: no"));
	}
}

static void
amount_form(struct tui *t, uint16_t kind, int out)
{
	d.mode = D_AMOUNT;
	d.kind = kind;
	d.out = out;
	form_init(&d.form, 7);
	d.amount = form_add(&d.form, N_("Amount (Rp)"), FLD_AMOUNT, 24);
	if (kind == EK_DRAWER_OPEN)
		d.amount->optional = 1;
	tui_request_id(t, d.reqid, sizeof d.reqid);
}

static void
count_form(struct tui *t)
{
	char	 a[32];
	int	 i;

	d.mode = D_COUNT;
	d.kind = EK_DRAWER_CLOSE;
	form_init(&d.form, 6);
	d.form.labelw = 14;
	for (i = 0; i < DENOM_MAX; i++) {
		money_format(denominations[i] * 100, a, sizeof a);
		snprintf(d.labels[i], sizeof d.labels[i], "%s x", a);
		d.pieces[i] = form_add(&d.form, d.labels[i], FLD_DIGITS, 7);
		d.pieces[i]->optional = 1;
	}
	tui_request_id(t, d.reqid, sizeof d.reqid);
}

static int
drawer_post(struct tui *t)
{
	struct approve_why w;
	struct post_req	 q;
	int64_t		 amt = 0;
	uint64_t	 seq;
	int		 i, n = 0, open;
	char		 a[48];
	struct store_txn *tx;
	struct balance	 os;
	struct entry	*e;

	memset(&q, 0, sizeof q);
	q.branch = t->branch;
	q.user = t->user.login;
	q.request_id = d.reqid;
	q.kind = d.kind;
	if (d.mode == D_AMOUNT) {
		if (input_amount(t, d.amount, &amt) != 0)
			return K_REDRAW;
		if (d.out)
			amt = -amt;
		if (amt != 0) {
			q.npost = 2;
			q.post[0] = (struct posting){ GL_CASH, t->user.drawer,
			    amt };
			q.post[1] = (struct posting){ GL_VAULT, 0, -amt };
		}
	} else {
		memset(d.dc, 0, sizeof d.dc);
		for (i = 0; i < DENOM_MAX; i++) {
			long long p = strtoll(d.pieces[i]->buf, NULL, 10);

			if (p <= 0)
				continue;
			d.dc[n].rupiah = denominations[i];
			d.dc[n].pieces = p;
			n++;
		}
		q.prepare = drawer_close_prepare;
		q.prepare_arg = d.dc;
	}
	/* Why an approver may be asked for: the difference from the book. */
	memset(&w, 0, sizeof w);
	if (d.mode == D_COUNT) {
		w.what = N_("Drawer difference");
		w.amount = book(t, &open) - counted();
		w.limit = "limit.drawer.difference";
	}
	if (approve_post(t, &q, &seq, &w, drawer_post) != 0)
		return K_REDRAW;
	if (d.kind == EK_DRAWER_CLOSE && store_begin(t->st, 1, &tx) == 0) {
		memset(&os, 0, sizeof os);
		(void)account_balance(tx, t->branch, GL_OVERSHORT,
		    t->user.drawer, &os);
		/* Who approved it, as the journal has it. */
		if ((e = malloc(sizeof *e)) != NULL &&
		    journal_get(tx, t->branch, seq, e) != 0)
			e->approver[0] = '\0';
		store_abort(tx);
		money_format(os.amount, a, sizeof a);
		if (e != NULL && e->approver[0] != '\0')
			tui_message(t, 0, _("Drawer closed, approved by %s. Your "
			    "over/short account stands at %s (positive: "
			    "short)."), e->approver, a);
		else
			tui_message(t, 0, _("Drawer closed. Your over/short "
			    "account stands at %s (positive: short)."), a);
		free(e);
	} else
		tui_message(t, 0, "%s", _("Done."));
	d.mode = D_VIEW;
	return K_REDRAW;
}

static int
drawer_key(struct tui *t, int key, wint_t wc)
{
	int	 k, open;

	if (d.confirm) {
		if (form_answer(&d.confirm, key, wc))
			return drawer_post(t);
		form_reask(&d.form);
		return K_REDRAW;
	}
	if (d.mode == D_VIEW) {
		(void)book(t, &open);
		if (key != 0)
			return K_UNHANDLED;
		if (wc != 27 && keys_letter(t, wc) == NULL)
			return K_NONE;	/* no key here */
		if (!open && wc == 'o')
			amount_form(t, EK_DRAWER_OPEN, 0);
		else if (open && wc == 'i')
			amount_form(t, EK_VAULT_XFER, 0);
		else if (open && wc == 'u')
			amount_form(t, EK_VAULT_XFER, 1);
		else if (open && wc == 'c')
			count_form(t);
		else if (wc == 27) {
			tui_go(t, &screen_search, 0);
			return K_REDRAW;
		} else
			return K_UNHANDLED;
		return K_REDRAW;
	}
	k = form_key(t, &d.form, key, wc);
	if (k == FORM_CANCEL) {
		d.mode = D_VIEW;
		return K_REDRAW;
	}
	if (k == FORM_SUBMIT) {
		d.confirm = 1;
		return K_REDRAW;
	}
	if (k == FORM_NONE)	/* letters are typed here, not keys */
		return key == 0 ? K_NONE : K_UNHANDLED;
	return K_REDRAW;
}

/* o while the drawer is closed, i, u and c while it is open. */
static const char *
drawer_letters(struct tui *t)
{
	int	 open;

	if (d.mode != D_VIEW || d.confirm)
		return "";
	(void)book(t, &open);
	return open ? "iuc" : "o";
}

const struct screen screen_drawer = {
	.name = "drawer",
	.title = N_("Cash drawer"),
	.enter = drawer_enter,
	.draw = drawer_draw,
	.key = drawer_key,
	.letters = drawer_letters,
};
