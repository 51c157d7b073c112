/*
 * tui/screen-register.c: a new member.  Each field is checked as it is
 * left: the NIK's shape and that it is not registered yet, the gender
 * and birth date against it, the name.  The pokok is taken on joining.
 */
#include <curses.h>
#include <libintl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "tui/tui.h"

#define _(s)	gettext(s)

static const char *const genders[] = { N_("L (male)"), N_("P (female)") };

static struct {
	struct form	 form;
	struct input	*nik, *name, *gender, *birth, *address, *village;
	struct input	*phone, *wajib, *sukarela;
	char		 reqid[64];
	int		 confirm;
} g;

static int
today_year(struct tui *t)
{
	struct store_txn	*tx;
	struct branch		 b;
	int			 y = 2000, m, d;

	if (store_begin(t->st, 1, &tx) == 0) {
		if (branch_get(tx, t->branch, &b) == 0)
			date_to_ymd(b.date, &y, &m, &d);
		store_abort(tx);
	}
	return y;
}

static int
check_nik(struct tui *t, struct form *f, struct input *in)
{
	struct store_txn	*tx;
	struct nik_info		 ni;
	uint64_t		 n;
	int			 r;

	if ((r = nik_parse(in->buf, today_year(t), &ni)) != 0) {
		snprintf(in->err, sizeof in->err, "%s", _(nik_strerror(r)));
		return -1;
	}
	if (store_begin(t->st, 1, &tx) == 0) {
		r = member_by_nik(tx, t->branch, in->buf, &n);
		store_abort(tx);
		if (r == 0) {
			snprintf(in->err, sizeof in->err, "%s",
			    _(store_strerror(STORE_E_NIKUSED)));
			return -1;
		}
	}
	/* What the NIK says fills the gender and birth date. */
	g.gender->choice = ni.female ? 1 : 0;
	if (g.birth->len == 0) {
		char	 d[16];

		snprintf(d, sizeof d, "%04d-%02d-%02d", ni.year, ni.month,
		    ni.day);
		input_set(g.birth, d);
	}
	return 0;
}

static int
check_name(struct tui *t, struct form *f, struct input *in)
{
	if (!text_valid_name(in->buf)) {
		snprintf(in->err, sizeof in->err, "%s",
		    _(store_strerror(STORE_E_NAME)));
		return -1;
	}
	return 0;
}

static int
check_amount(struct tui *t, struct form *f, struct input *in)
{
	int64_t	 sen;

	return input_amount(t, in, &sen);
}

static void
register_enter(struct tui *t, uint64_t arg)
{
	form_init(&g.form, 3);
	g.nik = form_add(&g.form, N_("NIK"), FLD_DIGITS, NIK_LEN);
	g.nik->check = check_nik;
	g.name = form_add(&g.form, N_("Name"), FLD_TEXT, 50);
	g.name->check = check_name;
	g.gender = form_add(&g.form, N_("Gender"), FLD_CHOICE, 14);
	g.gender->choices = genders;
	g.gender->nchoice = 2;
	g.birth = form_add(&g.form, N_("Born (YYYY-MM-DD)"), FLD_TEXT, 10);
	g.address = form_add(&g.form, N_("Address"), FLD_TEXT, 50);
	g.village = form_add(&g.form, N_("Village (desa)"), FLD_TEXT, 40);
	g.village->check = check_name;
	g.phone = form_add(&g.form, N_("Phone"), FLD_TEXT, 16);
	g.phone->optional = 1;
	g.wajib = form_add(&g.form, N_("First wajib (Rp)"), FLD_AMOUNT, 20);
	g.wajib->optional = 1;
	g.wajib->check = check_amount;
	g.sukarela = form_add(&g.form, N_("First sukarela (Rp)"), FLD_AMOUNT,
	    20);
	g.sukarela->optional = 1;
	g.sukarela->check = check_amount;
	g.confirm = 0;
	tui_request_id(t, g.reqid, sizeof g.reqid);
}

static void
register_draw(struct tui *t)
{
	struct store_txn	*tx;
	char			 s[256], a[48], b[48], c[48], d[48];
	int64_t			 pokok = 0, wajib = 0, sukarela = 0;

	form_draw(t, &g.form);
	if (!g.confirm)
		return;
	/* What will be posted: each amount and the cash it comes to. */
	if (store_begin(t->st, 1, &tx) == 0) {
		pokok = savings_setting(tx, t->branch, "savings.pokok");
		store_abort(tx);
	}
	if (money_parse(g.wajib->buf, &wajib) != 0)
		wajib = 0;
	if (money_parse(g.sukarela->buf, &sukarela) != 0)
		sukarela = 0;
	money_format(pokok, a, sizeof a);
	money_format(wajib, b, sizeof b);
	money_format(sukarela, c, sizeof c);
	money_format(pokok + wajib + sukarela, d, sizeof d);
	snprintf(s, sizeof s, _("In cash %s: pokok %s, wajib %s, sukarela %s"),
	    d, a, b, c);
	draw_text(g.form.top + g.form.n + 1, 2, s, t->cols - 4);
	form_ask(t, g.form.top + g.form.n + 2, _("Register this member "
	    "and take the simpanan pokok? Enter: yes, Esc: no"));
}

static int
register_post(struct tui *t)
{
	struct approve_why	 w;
	struct store_txn	*tx;
	struct member_req	 q;
	struct post_req		 p;
	unsigned		 by, bm, bd;
	uint64_t		 seq;
	int			 r;

	memset(&q, 0, sizeof q);
	q.nik = g.nik->buf;
	q.name = g.name->buf;
	q.gender = g.gender->choice ? 'P' : 'L';
	if (sscanf(g.birth->buf, "%4u-%2u-%2u", &by, &bm, &bd) != 3) {
		snprintf(g.birth->err, sizeof g.birth->err, "%s",
		    _("write the date as YYYY-MM-DD"));
		g.form.cur = 3;
		return K_REDRAW;
	}
	q.birth = BIRTH_YMD(by, bm, bd);
	q.address = g.address->buf;
	q.village = g.village->buf;
	q.phone = g.phone->buf;
	if (input_amount(t, g.wajib, &q.wajib) != 0 ||
	    input_amount(t, g.sukarela, &q.sukarela) != 0)
		return K_REDRAW;
	member_join_req(&p, t->branch, t->user.login, &q);
	p.request_id = g.reqid;
	/* The cash taken, should a manager be asked for. */
	memset(&w, 0, sizeof w);
	w.cash = q.wajib + q.sukarela;
	if (store_begin(t->st, 1, &tx) == 0) {
		w.cash += savings_setting(tx, t->branch, "savings.pokok");
		store_abort(tx);
	}
	if ((r = approve_post(t, &p, &seq, &w, register_post)) != 0)
		return K_REDRAW;
	tui_go(t, &screen_receipt, seq);
	return K_REDRAW;
}

static int
register_key(struct tui *t, int key, wint_t wc)
{
	int	 k;

	if (g.confirm)
		return form_answer(&g.confirm, key, wc) ? register_post(t) :
		    K_REDRAW;
	k = form_key(t, &g.form, key, wc);
	if (k == FORM_CANCEL) {
		tui_go(t, &screen_search, 0);
		return K_REDRAW;
	}
	if (k == FORM_SUBMIT) {
		g.confirm = 1;
		return K_REDRAW;
	}
	return k == FORM_NONE ? K_UNHANDLED : K_REDRAW;
}

const struct screen screen_register = {
	.name = "register",
	.title = N_("New member (anggota baru)"),
	.enter = register_enter,
	.draw = register_draw,
	.key = register_key,
	.typing = 1,
};
