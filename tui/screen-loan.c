/*
 * tui/screen-loan.c: the loans of the member in view.  The list shows
 * each loan's state, what is outstanding and how late it is; keys act on
 * the loan selected: n applies for a new one, a approves (a supervisor
 * or manager who did not apply), d disburses, r takes a repayment, s
 * shows the schedule.  Every posting is confirmed first, and the store
 * decides what is allowed (who may approve, what a repayment pays); cash
 * at or above limit.cash.report asks for a manager at the same terminal
 * (tui/approve.c).
 */
#include <curses.h>
#include <inttypes.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

#define _(s)	gettext(s)
#define MAXLOANS	32
#define MAXPRODUCTS	16

enum { L_LIST, L_APPLY, L_PAY, L_SCHEDULE };

static const char *const sources[] = { N_("cash"), N_("sukarela") };

static struct {
	int			 mode;
	uint16_t		 kind;		/* what the form posts */
	uint64_t		 loans[MAXLOANS];
	int			 nloan;
	int			 sel;
	int			 confirm;
	int			 top;		/* schedule scroll */
	struct form		 form;
	struct input		*product, *amount, *term, *source;
	char			 codes[MAXPRODUCTS][PRODUCT_MAX + 1];
	const char		*choices[MAXPRODUCTS];
	int			 nproduct;
	char			 reqid[64];
	struct loan_apply_req	 apply;
	struct loan_pay_req	 pay;
	uint64_t		 number;
	struct loan_status	 st;		/* the loan when the form opened */
	int64_t			 cash_payoff;	/* the payoff rounded for cash */
	int64_t			 due;		/* loan_due_now() */
	int64_t			 cash_due;	/* and rounded for cash */
	int64_t			 unit;		/* cash.rounding, sen */
} ln;

static int
add_loan(void *arg, const struct loan *l)
{
	if (ln.nloan < MAXLOANS)
		ln.loans[ln.nloan++] = l->number;
	return 0;
}

static int
add_product(void *arg, const struct loan_product *p)
{
	if (ln.nproduct < MAXPRODUCTS) {
		snprintf(ln.codes[ln.nproduct], sizeof ln.codes[0], "%s",
		    p->code);
		ln.choices[ln.nproduct] = ln.codes[ln.nproduct];
		ln.nproduct++;
	}
	return 0;
}

static void
load(struct tui *t)
{
	struct store_txn	*tx;

	ln.nloan = 0;
	ln.nproduct = 0;
	if (store_begin(t->st, 1, &tx) != 0)
		return;
	(void)loan_list(tx, t->branch, t->member, add_loan, NULL);
	(void)loan_product_list(tx, t->branch, add_product, NULL);
	store_abort(tx);
	if (ln.sel >= ln.nloan)
		ln.sel = ln.nloan > 0 ? ln.nloan - 1 : 0;
}

static uint32_t
business_date(struct tui *t)
{
	struct store_txn	*tx;
	struct branch		 b;
	uint32_t		 d = 0;

	if (store_begin(t->st, 1, &tx) == 0) {
		if (branch_get(tx, t->branch, &b) == 0)
			d = b.date;
		store_abort(tx);
	}
	return d;
}

static void
loan_enter(struct tui *t, uint64_t arg)
{
	ln.mode = L_LIST;
	ln.sel = 0;
	ln.confirm = 0;
	load(t);
}

static void
draw_list(struct tui *t)
{
	struct store_txn	*tx;
	struct loan		 l;
	struct loan_status	 s;
	char			 line[256], a[48], b[48];
	uint32_t		 today = business_date(t);
	int			 i, y = 9;

	draw_text(8, 2, _("Loan     Product   Principal        Outstanding  "
	    "Days late  State"), t->cols - 4);
	if (store_begin(t->st, 1, &tx) != 0)
		return;
	for (i = 0; i < ln.nloan && y < t->rows - 5; i++, y++) {
		if (loan_get(tx, t->branch, ln.loans[i], &l) != 0)
			continue;
		memset(&s, 0, sizeof s);
		if (l.state == LOAN_ACTIVE)
			(void)loan_status(tx, t->branch, l.number, today, &s);
		money_format(l.principal, a, sizeof a);
		money_format(l.state == LOAN_ACTIVE ? s.outstanding : 0, b,
		    sizeof b);
		snprintf(line, sizeof line, "%-8" PRIu64 " %-8s %14s %18s %6"
		    PRIu32 "   %s", l.number, l.product, a, b, s.dpd,
		    _(loan_state_name(l.state)));
		if (i == ln.sel)
			attron(A_REVERSE);
		draw_fill(y, 1, t->cols - 2);
		draw_text(y, 2, line, t->cols - 4);
		if (i == ln.sel)
			attroff(A_REVERSE);
	}
	store_abort(tx);
	if (ln.nloan == 0)
		draw_text(9, 2, _("No loans."), t->cols - 4);
	if (ln.mode == L_LIST && !ln.confirm)
		keys_hint(t, t->rows - 4, 2);
}

/*
 * The schedule: each instalment, and between them, on the day they were
 * made, the payments in advance and the prepayments (loan_paylines()).
 * Up and Down scroll by a line of either kind.
 */
static void
draw_schedule(struct tui *t)
{
	struct store_txn	*tx;
	struct instalment	*in;
	struct loan_payline	 pl[64];
	size_t			 n = 0, np = 0, i, j = 0;
	char			 line[256], d[16], p[48], r[48];
	int			 y = 9, row = 0;

	if (ln.nloan == 0 || (in = calloc(LOAN_TERM_MAX, sizeof *in)) == NULL)
		return;
	if (store_begin(t->st, 1, &tx) == 0) {
		(void)loan_schedule(tx, t->branch, ln.loans[ln.sel], in,
		    LOAN_TERM_MAX, &n);
		(void)loan_paylines(tx, t->branch, ln.loans[ln.sel], pl, 64,
		    &np);
		store_abort(tx);
	}
	if (np > 64)
		np = 64;
	draw_text(8, 2, _("No.  Due          Principal        Interest   Paid"),
	    t->cols - 4);
	for (i = 0; (i < n || j < np) && y < t->rows - 3; row++) {
		if (j < np && (i == n || pl[j].date < in[i].due)) {
			date_format(pl[j].date, d, sizeof d);
			money_format(pl[j].prepay, p, sizeof p);
			money_format(pl[j].advance, r, sizeof r);
			if (pl[j].prepay > 0 && pl[j].advance > 0)
				snprintf(line, sizeof line, "     %s %14s   %s, "
				    "%s %s", d, p, _("prepayment"), r,
				    _("in advance"));
			else if (pl[j].prepay > 0)
				snprintf(line, sizeof line, "     %s %14s   %s",
				    d, p, _("prepayment"));
			else
				snprintf(line, sizeof line, "     %s %14s   %s "
				    "%s", d, "", r, _("in advance"));
			j++;
		} else {
			date_format(in[i].due, d, sizeof d);
			money_format(in[i].principal, p, sizeof p);
			money_format(in[i].interest, r, sizeof r);
			snprintf(line, sizeof line, "%3zu  %s %14s %15s   %s",
			    i + 1, d, p, r, in[i].principal_paid ==
			    in[i].principal && in[i].interest_paid ==
			    in[i].interest ? _("yes") : in[i].principal_paid +
			    in[i].interest_paid > 0 ? _("part") : "");
			i++;
		}
		if (row >= ln.top)
			draw_text(y++, 2, line, t->cols - 4);
	}
	free(in);
}

/* What is due now: the instalments fallen due, unpaid, and the penalty. */
static int64_t
due_now(const struct loan_status *s)
{
	return s->interest_due + s->principal_due + s->penalty;
}

/* Above the repayment form: due now, the next instalment, the payoff. */
static void
draw_owing(struct tui *t)
{
	char	 s[256], a[48], b[48], d[48];

	money_format(due_now(&ln.st), a, sizeof a);
	money_format(ln.st.penalty, b, sizeof b);
	if (due_now(&ln.st) > 0 && ln.cash_due != ln.due) {
		money_format(ln.cash_due, d, sizeof d);
		snprintf(s, sizeof s, _("Due now: %s (of it penalty %s), "
		    "in cash %s"), a, b, d);
	} else
		snprintf(s, sizeof s, _("Due now: %s (of it penalty %s)"), a,
		    b);
	draw_text(7, 2, s, t->cols - 4);
	if (ln.st.next_due != 0) {
		date_format(ln.st.next_due, d, sizeof d);
		money_format(ln.st.next_amount, a, sizeof a);
		snprintf(s, sizeof s, _("Next instalment: %s on %s"), a, d);
		draw_text(8, 2, s, t->cols - 4);
	}
	money_format(ln.st.payoff, a, sizeof a);
	if (ln.cash_payoff != ln.st.payoff) {
		money_format(ln.cash_payoff, b, sizeof b);
		snprintf(s, sizeof s, _("Payoff (all that is owed today): %s, "
		    "in cash %s"), a, b);
	} else
		snprintf(s, sizeof s, _("Payoff (all that is owed today): %s"),
		    a);
	draw_text(9, 2, s, t->cols - 4);
}

/* What a disbursement pays out: in cash, rounded down to what is counted. */
static int64_t
disburse_net(const struct loan *l, int cash)
{
	int64_t	 net;

	net = (l->flags & LOANP_F_CHARGED) ? l->principal : l->principal -
	    loan_fee(l->principal, l->fee_bp) -
	    loan_fee(l->principal, l->provisi_bp);
	if (cash && ln.unit > 0)
		net -= net % ln.unit;
	return net;
}

/*
 * What the confirmation posts, in words, from row y: the amount, the
 * account it comes from or goes to, the member, the loan, and for a
 * repayment the split the store will make.
 */
static void
draw_confirm(struct tui *t, int y)
{
	struct store_txn	*tx;
	struct loan_alloc	 al;
	struct member		 m;
	struct loan		 l;
	char			 s[512], num[32], code[32], a[48], b[48];
	char			 c[48];
	int64_t			 amt = 0, fees, rounding = 0;
	int			 r = -1;

	if (ln.amount == NULL || money_parse(ln.amount->buf, &amt) != 0)
		amt = 0;
	if (store_begin(t->st, 1, &tx) != 0)
		return;
	if (member_get(tx, t->branch, t->member, &m) != 0 ||
	    (ln.kind != EK_LOAN_APPLY && (ln.nloan == 0 ||
	    loan_get(tx, t->branch, ln.loans[ln.sel], &l) != 0))) {
		store_abort(tx);
		return;
	}
	/* A payoff in cash rounded up: the rounding is income apart. */
	if (ln.kind == EK_LOAN_REPAY && ln.source->choice == 0 &&
	    amt == ln.st.payoff)
		amt = ln.cash_payoff;
	if (ln.kind == EK_LOAN_REPAY && ln.source->choice == 0 &&
	    amt > ln.st.payoff && amt == ln.cash_payoff)
		rounding = amt - ln.st.payoff;
	/* So is what is due now (store/loan.c, repay_prepare()). */
	else if (ln.kind == EK_LOAN_REPAY && ln.source->choice == 0 &&
	    ln.due > 0 && (amt == ln.due || amt == ln.cash_due)) {
		amt = ln.cash_due;
		rounding = amt - ln.due;
	}
	/* From sukarela the offered cash sum means what is due. */
	if (ln.kind == EK_LOAN_REPAY && ln.source->choice == 1 &&
	    amt == ln.cash_due)
		amt = ln.due;
	if (ln.kind == EK_LOAN_REPAY)
		r = loan_allocate(tx, t->branch, l.number, business_date(t),
		    amt - rounding, &al);
	store_abort(tx);
	member_format_number(t->branch, t->member, num, sizeof num);
	if (ln.kind != EK_LOAN_APPLY)
		account_format_code(GL_LOANS, l.number, code, sizeof code);
	switch (ln.kind) {
	case EK_LOAN_APPLY:
		money_format(amt, a, sizeof a);
		snprintf(s, sizeof s, _("Application: %s over %s months, "
		    "product %s"), a, ln.term->buf,
		    ln.nproduct > 0 ? ln.codes[ln.product->choice] : "");
		break;
	case EK_LOAN_APPROVE:
		money_format(l.principal, a, sizeof a);
		snprintf(s, sizeof s, _("Approve loan %s: %s over %u months"),
		    code, a, (unsigned)l.term);
		break;
	case EK_LOAN_DISBURSE:
		fees = loan_fee(l.principal, l.fee_bp) +
		    loan_fee(l.principal, l.provisi_bp);
		money_format(l.principal, a, sizeof a);
		money_format(fees, b, sizeof b);
		money_format(disburse_net(&l, ln.source->choice == 0), c,
		    sizeof c);
		snprintf(s, sizeof s, ln.source->choice == 1 ?
		    _("Disburse loan %s of %s: %s to sukarela, fees %s") :
		    _("Disburse loan %s of %s: %s out in cash, fees %s"),
		    code, a, c, b);
		break;
	default:
		money_format(amt, a, sizeof a);
		snprintf(s, sizeof s, ln.source->choice == 1 ?
		    _("Repayment of loan %s: %s from sukarela") :
		    _("Repayment of loan %s: %s in cash"), code, a);
		break;
	}
	draw_fill(y, 1, t->cols - 2);
	draw_text(y++, 2, s, t->cols - 4);
	snprintf(s, sizeof s, "%s: %s  %s", _("Member"), num, m.name);
	draw_fill(y, 1, t->cols - 2);
	draw_text(y++, 2, s, t->cols - 4);
	if (ln.kind != EK_LOAN_REPAY)
		return;
	if (r != 0) {
		draw_text(y, 2, _(store_strerror(r)), t->cols - 4);
		return;
	}
	money_format(al.penalty, a, sizeof a);
	money_format(al.interest, b, sizeof b);
	money_format(al.principal + al.prepay, c, sizeof c);
	snprintf(s, sizeof s, _("Penalty %s, interest %s, principal %s"), a, b,
	    c);
	draw_text(y++, 2, s, t->cols - 4);
	if (rounding > 0) {
		money_format(rounding, a, sizeof a);
		snprintf(s, sizeof s, _("Cash rounding %s (income, 4902)"), a);
		draw_text(y++, 2, s, t->cols - 4);
	}
	if (amt - rounding == ln.st.payoff)
		draw_text(y, 2, _("The payoff: the loan is closed."),
		    t->cols - 4);
	else if (al.advance > 0 || al.prepay > 0) {
		money_format(al.advance, a, sizeof a);
		money_format(al.prepay, b, sizeof b);
		snprintf(s, sizeof s, _("Of it: next instalment in advance %s, "
		    "prepaid principal %s"), a, b);
		draw_text(y, 2, s, t->cols - 4);
	}
}

static void
loan_draw(struct tui *t)
{
	tui_member_header(t, 3, t->member);
	if (ln.mode == L_LIST)
		draw_list(t);
	else if (ln.mode == L_SCHEDULE)
		draw_schedule(t);
	else {
		if (ln.mode == L_PAY && ln.kind == EK_LOAN_REPAY)
			draw_owing(t);
		form_draw(t, &ln.form);
	}
	if (ln.confirm) {
		draw_confirm(t, ln.mode == L_LIST ? t->rows - 8 : 14);
		form_ask(t, t->rows - 4, _("Post this? Enter: yes, Esc: no"));
	}
}

/* A repayment is more than nothing and at most the payoff. */
static int
check_repay(struct tui *t, struct form *f, struct input *in)
{
	char	 a[48];
	int64_t	 amt;

	(void)f;
	if (input_amount(t, in, &amt) != 0)
		return -1;
	if (amt > ln.st.payoff && amt != ln.cash_payoff) {
		money_format(ln.st.payoff, a, sizeof a);
		snprintf(in->err, sizeof in->err, _("more than the payoff: %s "
		    "settles the loan"), a);
		return -1;
	}
	return 0;
}

static void
open_form(struct tui *t, int mode, uint16_t kind)
{
	struct store_txn	*tx0;

	ln.mode = mode;
	ln.kind = kind;
	ln.confirm = 0;
	ln.unit = 0;
	if (store_begin(t->st, 1, &tx0) == 0) {
		ln.unit = savings_setting(tx0, t->branch, "cash.rounding");
		store_abort(tx0);
	}
	form_init(&ln.form, 10);
	ln.product = ln.amount = ln.term = ln.source = NULL;
	if (kind == EK_LOAN_APPLY) {
		ln.product = form_add(&ln.form, N_("Product"), FLD_CHOICE,
		    PRODUCT_MAX);
		ln.product->choices = ln.choices;
		ln.product->nchoice = ln.nproduct;
		ln.amount = form_add(&ln.form, N_("Principal (Rp)"),
		    FLD_AMOUNT, 24);
		ln.term = form_add(&ln.form, N_("Term (months)"), FLD_DIGITS,
		    3);
	} else {
		if (kind == EK_LOAN_REPAY) {
			struct store_txn	*tx;
			char			 a[48];
			int64_t			 v;

			/* Required, and what is due now to begin with (the
			 * next instalment when nothing is due yet). */
			memset(&ln.st, 0, sizeof ln.st);
			ln.due = ln.cash_due = 0;
			if (store_begin(t->st, 1, &tx) == 0) {
				(void)loan_status(tx, t->branch,
				    ln.loans[ln.sel], business_date(t),
				    &ln.st);
				ln.cash_payoff = loan_cash_payoff(tx,
				    t->branch, ln.st.payoff);
				ln.due = loan_due_now(&ln.st);
				ln.cash_due = loan_cash_payoff(tx, t->branch,
				    ln.due);
				store_abort(tx);
			}
			ln.amount = form_add(&ln.form, N_("Amount (Rp)"),
			    FLD_AMOUNT, 24);
			ln.amount->check = check_repay;
			/* In cash (offered first), a sum the drawer can
			 * count: rounded up, the rounding to 4902. */
			v = ln.cash_due;
			if (v > 0) {
				money_format_plain(v, a, sizeof a);
				input_prefill(ln.amount, a);
			}
		}
		ln.source = form_add(&ln.form, kind == EK_LOAN_REPAY ?
		    N_("Paid from") : N_("Paid out to"), FLD_CHOICE, 12);
		ln.source->choices = sources;
		ln.source->nchoice = 2;
	}
	tui_request_id(t, ln.reqid, sizeof ln.reqid);
}

static int
post(struct tui *t)
{
	struct approve_why w;
	struct post_req	 q;
	struct store_txn *tx;
	struct loan	 l;
	uint64_t	 seq;
	int64_t		 amt = 0;
	int		 r;

	if (ln.kind == EK_LOAN_APPLY) {
		memset(&ln.apply, 0, sizeof ln.apply);
		if (ln.nproduct == 0 || input_amount(t, ln.amount, &amt) != 0)
			return K_REDRAW;
		ln.apply.member = t->member;
		ln.apply.product = ln.codes[ln.product->choice];
		ln.apply.principal = amt;
		ln.apply.term = (uint32_t)strtoul(ln.term->buf, NULL, 10);
		loan_apply_req(&q, t->branch, t->user.login, &ln.apply);
	} else if (ln.kind == EK_LOAN_APPROVE) {
		ln.number = ln.loans[ln.sel];
		loan_approve_req(&q, t->branch, t->user.login, &ln.number);
	} else {
		memset(&ln.pay, 0, sizeof ln.pay);
		if (ln.amount != NULL && input_amount(t, ln.amount, &amt) != 0)
			return K_REDRAW;
		ln.pay.loan = ln.loans[ln.sel];
		if (ln.kind == EK_LOAN_REPAY && amt <= 0)
			return K_REDRAW;	/* never the payoff by default */
		ln.pay.from_sukarela = ln.source->choice == 1;
		if (ln.kind == EK_LOAN_REPAY && ln.pay.from_sukarela &&
		    amt == ln.cash_due)
			amt = ln.due;	/* no rounding out of sukarela */
		ln.pay.amount = amt;
		if (ln.kind == EK_LOAN_DISBURSE)
			loan_disburse_req(&q, t->branch, t->user.login, &ln.pay);
		else
			loan_repay_req(&q, t->branch, t->user.login, &ln.pay);
	}
	q.request_id = ln.reqid;
	/* The cash over the counter, should a manager be asked for. */
	memset(&w, 0, sizeof w);
	if (ln.kind == EK_LOAN_REPAY && ln.source->choice == 0)
		w.cash = amt == ln.st.payoff ? ln.cash_payoff : amt;
	else if (ln.kind == EK_LOAN_DISBURSE && ln.source->choice == 0 &&
	    store_begin(t->st, 1, &tx) == 0) {
		if (loan_get(tx, t->branch, ln.pay.loan, &l) == 0)
			w.cash = disburse_net(&l, 1);
		store_abort(tx);
	}
	if ((r = approve_post(t, &q, &seq, &w, post)) != 0)
		return K_REDRAW;
	if (ln.kind == EK_LOAN_APPLY || ln.kind == EK_LOAN_APPROVE) {
		tui_message(t, 0, ln.kind == EK_LOAN_APPLY ?
		    _("Applied: loan %" PRIu64 " waits for approval.") :
		    _("Loan %" PRIu64 " approved."), ln.kind == EK_LOAN_APPLY ?
		    ln.apply.number : ln.number);
		ln.mode = L_LIST;
		load(t);
		return K_REDRAW;
	}
	tui_go(t, &screen_receipt, seq);
	return K_REDRAW;
}

static int
loan_key(struct tui *t, int key, wint_t wc)
{
	int	 k;

	if (ln.confirm) {
		if (form_answer(&ln.confirm, key, wc))
			return post(t);
		if (ln.mode != L_LIST)
			form_reask(&ln.form);
		return K_REDRAW;
	}
	if (ln.mode == L_LIST || ln.mode == L_SCHEDULE) {
		if (key == KEY_UP) {
			if (ln.mode == L_SCHEDULE && ln.top > 0)
				ln.top--;
			else if (ln.mode == L_LIST && ln.sel > 0)
				ln.sel--;
			return K_REDRAW;
		}
		if (key == KEY_DOWN) {
			if (ln.mode == L_SCHEDULE)
				ln.top++;
			else if (ln.sel + 1 < ln.nloan)
				ln.sel++;
			return K_REDRAW;
		}
		if (key != 0)
			return K_UNHANDLED;
		if (wc == 27) {
			if (ln.mode == L_SCHEDULE) {
				ln.mode = L_LIST;
				return K_REDRAW;
			}
			tui_go(t, &screen_member, t->member);
			return K_REDRAW;
		}
		if (ln.mode == L_SCHEDULE || keys_letter(t, wc) == NULL)
			return K_NONE;	/* no key here */
		switch (wc) {
		case 'n':
			if (ln.nproduct == 0) {
				tui_message(t, 1, "%s",
				    _(store_strerror(STORE_E_PRODUCT)));
				return K_REDRAW;
			}
			open_form(t, L_APPLY, EK_LOAN_APPLY);
			return K_REDRAW;
		case 'a':
			if (ln.nloan == 0)
				return K_NONE;
			ln.kind = EK_LOAN_APPROVE;
			tui_request_id(t, ln.reqid, sizeof ln.reqid);
			ln.confirm = 1;
			return K_REDRAW;
		case 'd':
		case 'r':
			if (ln.nloan == 0)
				return K_NONE;
			open_form(t, L_PAY, wc == 'd' ? EK_LOAN_DISBURSE :
			    EK_LOAN_REPAY);
			return K_REDRAW;
		case 's':
			if (ln.nloan == 0)
				return K_NONE;
			ln.mode = L_SCHEDULE;
			ln.top = 0;
			return K_REDRAW;
		default:
			return K_UNHANDLED;
		}
	}
	k = form_key(t, &ln.form, key, wc);
	if (k == FORM_CANCEL) {
		ln.mode = L_LIST;
		return K_REDRAW;
	}
	if (k == FORM_SUBMIT) {
		ln.confirm = 1;
		return K_REDRAW;
	}
	if (k == FORM_NONE)	/* letters are typed here, not keys */
		return key == 0 ? K_NONE : K_UNHANDLED;
	return K_REDRAW;
}

/* The list's letters; none in a form, where letters are typed. */
static const char *
loan_letters(struct tui *t)
{
	(void)t;
	if (ln.mode != L_LIST || ln.confirm)
		return "";
	return ln.nloan == 0 ? "n" : NULL;
}

const struct screen screen_loan = {
	.name = "loan",
	.title = N_("Loans (pinjaman)"),
	.enter = loan_enter,
	.draw = loan_draw,
	.key = loan_key,
	.needs_member = 1,
	.letters = loan_letters,
};
