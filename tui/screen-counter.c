/*
 * tui/screen-counter.c: deposit, withdrawal and transfer for the member
 * in view.  The teller types the amount, confirms, and only then is it
 * posted; a refusal leaves the form as it was.  A withdrawal above the
 * teller's limit asks for a supervisor at the same terminal, and cash at
 * or above limit.cash.report for a manager (tui/approve.c).
 */
#include <curses.h>
#include <libintl.h>
#include <stdio.h>
#include <string.h>

#include "tui/tui.h"

#define _(s)	gettext(s)

static const char *const accounts[] = { N_("sukarela"), N_("wajib") };

static struct {
	uint16_t	 kind;
	struct form	 form;
	struct input	*account, *amount;
	int		 confirm;
	char		 reqid[64];
} c;

static void
counter_setup(struct tui *t, uint16_t kind)
{
	c.kind = kind;
	c.confirm = 0;
	form_init(&c.form, 9);
	c.account = NULL;
	if (kind == EK_DEPOSIT) {
		c.account = form_add(&c.form, N_("Account"), FLD_CHOICE, 12);
		c.account->choices = accounts;
		c.account->nchoice = 2;
	}
	c.amount = form_add(&c.form, N_("Amount (Rp)"), FLD_AMOUNT, 24);
	tui_request_id(t, c.reqid, sizeof c.reqid);
}

static void
deposit_enter(struct tui *t, uint64_t n)
{
	counter_setup(t, EK_DEPOSIT);
}

static void
withdraw_enter(struct tui *t, uint64_t n)
{
	counter_setup(t, EK_WITHDRAW);
}

static void
transfer_enter(struct tui *t, uint64_t n)
{
	counter_setup(t, EK_TRANSFER);
}

static void
counter_draw(struct tui *t)
{
	char	 s[256], a[48];
	int64_t	 amt;

	tui_member_header(t, 3, t->member);
	if (c.kind == EK_TRANSFER)
		draw_text(8, 2, _("From sukarela to wajib."), t->cols - 4);
	form_draw(t, &c.form);
	if (c.confirm && money_parse(c.amount->buf, &amt) == 0) {
		char	 num[32], what[512];

		/* What will be posted: amount, accounts, the member. */
		money_format(amt, a, sizeof a);
		member_format_number(t->branch, t->member, num, sizeof num);
		if (c.kind == EK_TRANSFER)
			snprintf(what, sizeof what, _("%s from sukarela to wajib "
			    "of %s"), a, num);
		else if (c.kind == EK_WITHDRAW)
			snprintf(what, sizeof what, _("%s in cash out of "
			    "sukarela of %s"), a, num);
		else
			snprintf(what, sizeof what, c.account->choice == 1 ?
			    _("%s in cash into wajib of %s") :
			    _("%s in cash into sukarela of %s"), a, num);
		draw_text(c.form.top + c.form.n + 2, 2, what, t->cols - 4);
		snprintf(s, sizeof s, _("Post %s? Enter: yes, Esc: no"), a);
		form_ask(t, c.form.top + c.form.n + 3, s);
	}
}

static int
counter_post(struct tui *t)
{
	struct approve_why w;
	struct post_req	 q;
	uint8_t		 fv[10];
	uint64_t	 seq;
	int64_t		 amt;
	uint32_t	 gl = GL_SUKARELA;
	int		 r;

	if (money_parse(c.amount->buf, &amt) != 0)
		return K_REDRAW;
	if (c.account != NULL && c.account->choice == 1)
		gl = GL_WAJIB;
	if ((r = savings_counter_req(&q, c.kind, t->branch, &t->user,
	    t->member, gl, amt, fv)) != 0) {
		tui_store_error(t, r);
		return K_REDRAW;
	}
	q.request_id = c.reqid;
	/* Why an approver may be asked for: the cash, a withdrawal's limit. */
	memset(&w, 0, sizeof w);
	w.cash = c.kind == EK_TRANSFER ? 0 : amt;
	if (c.kind == EK_WITHDRAW) {
		w.what = N_("Withdrawal");
		w.amount = amt;
		w.limit = t->user.role == ROLE_MANAGER ?
		    "limit.withdraw.manager" : t->user.role == ROLE_SUPERVISOR ?
		    "limit.withdraw.supervisor" : "limit.withdraw.teller";
		w.manager_above = "limit.withdraw.supervisor";
	}
	if ((r = approve_post(t, &q, &seq, &w, counter_post)) != 0)
		return K_REDRAW;
	tui_go(t, &screen_receipt, seq);
	return K_REDRAW;
}

static int
counter_key(struct tui *t, int key, wint_t wc)
{
	int	 k;

	if (c.confirm) {
		if (form_answer(&c.confirm, key, wc))
			return counter_post(t);
		form_reask(&c.form);
		return K_REDRAW;
	}
	k = form_key(t, &c.form, key, wc);
	if (k == FORM_CANCEL) {
		tui_go(t, &screen_member, t->member);
		return K_REDRAW;
	}
	if (k == FORM_SUBMIT) {
		c.confirm = 1;
		return K_REDRAW;
	}
	return k == FORM_NONE ? K_UNHANDLED : K_REDRAW;
}

const struct screen screen_deposit = {
	.name = "deposit",
	.title = N_("Deposit (setoran)"),
	.enter = deposit_enter,
	.draw = counter_draw,
	.key = counter_key,
	.typing = 1,
	.needs_member = 1,
};

const struct screen screen_withdraw = {
	.name = "withdraw",
	.title = N_("Withdrawal (penarikan)"),
	.enter = withdraw_enter,
	.draw = counter_draw,
	.key = counter_key,
	.typing = 1,
	.needs_member = 1,
};

const struct screen screen_transfer = {
	.name = "transfer",
	.title = N_("Transfer between own accounts"),
	.enter = transfer_enter,
	.draw = counter_draw,
	.key = counter_key,
	.typing = 1,
	.needs_member = 1,
};
