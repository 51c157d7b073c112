/*
 * tui/screen-reversal.c: undo a posting by its number (as on the
 * receipt).  A reversal names the original and needs a supervisor's
 * approval typed in at this terminal.
 */
#include <curses.h>
#include <inttypes.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

#define _(s)	gettext(s)

static struct {
	struct form	 form;
	struct input	*num, *sup, *suppw;
	char		 reqid[64];
	char		 what[256];
	int		 confirm;
} v;

static int
find(struct tui *t, uint64_t *seq, struct entry *e)
{
	struct store_txn	*tx;
	const char		*s = v.num->buf;
	size_t			 bl = strlen(t->branch);
	char			*end;
	int			 r;

	if (strncmp(s, t->branch, bl) == 0 && s[bl] == '-')
		s += bl + 1;
	*seq = strtoull(s, &end, 10);
	if (*end != '\0' || *seq == 0)
		return STORE_E_NOTFOUND;
	if ((r = store_begin(t->st, 1, &tx)) != 0)
		return r;
	r = journal_get(tx, t->branch, *seq, e);
	store_abort(tx);
	return r;
}

static int
check_num(struct tui *t, struct form *f, struct input *in)
{
	struct entry	*e;
	uint64_t	 seq, n = 0;
	int64_t		 moved;
	uint16_t	 j;
	char		 d[16], a[48];
	int		 r;

	v.what[0] = '\0';
	if ((e = malloc(sizeof *e)) == NULL)
		return -1;
	if ((r = find(t, &seq, e)) != 0) {
		snprintf(in->err, sizeof in->err, "%s", _("no such entry"));
		free(e);
		return -1;
	}
	(void)entry_get_u64(e, F_MEMBER, &n);
	date_format(e->date, d, sizeof d);
	/* What it moved: the sum of its debits, undone by the reversal. */
	for (j = 0, moved = 0; j < e->npost; j++)
		if (e->post[j].amount > 0)
			moved += e->post[j].amount;
	money_format(moved, a, sizeof a);
	snprintf(v.what, sizeof v.what, "%s  %s %s  %s %" PRIu64 "  %s %s",
	    d, tui_kind_name(e->kind), a, _("member"), n, _("by"), e->user);
	free(e);
	return 0;
}

static void
reversal_enter(struct tui *t, uint64_t arg)
{
	form_init(&v.form, 4);
	v.num = form_add(&v.form, N_("Entry number"), FLD_TEXT, 20);
	v.num->check = check_num;
	v.sup = v.suppw = NULL;
	/* A teller needs a supervisor here; a supervisor is one. */
	if (t->user.role == ROLE_TELLER) {
		v.sup = form_add(&v.form, N_("Supervisor id"), FLD_TEXT,
		    LOGIN_MAX);
		v.suppw = form_add(&v.form, N_("Supervisor password"),
		    FLD_PASSWORD, 40);
	}
	v.what[0] = '\0';
	v.confirm = 0;
	tui_request_id(t, v.reqid, sizeof v.reqid);
}

static void
reversal_draw(struct tui *t)
{
	draw_text(3, 2, _("The number is on the receipt, e.g. MOF-1234."),
	    t->cols - 4);
	if (v.what[0] != '\0')
		draw_text(9, 2, v.what, t->cols - 4);
	form_draw(t, &v.form);
	if (v.confirm)
		form_ask(t, 11, _("Reverse this entry? Enter: yes, Esc: no"));
}

static int
reversal_key(struct tui *t, int key, wint_t wc)
{
	struct post_req	 q;
	struct entry	*e;
	uint64_t	 seq, rs;
	uint16_t	 i;
	int		 k, r;

	if (v.confirm) {
		if (!form_answer(&v.confirm, key, wc))
			return K_REDRAW;
	} else {
		k = form_key(t, &v.form, key, wc);
		if (k == FORM_CANCEL) {
			tui_go(t, &screen_search, 0);
			return K_REDRAW;
		}
		if (k == FORM_SUBMIT)
			v.confirm = 1;
		if (k != FORM_SUBMIT)
			return k == FORM_NONE ? K_UNHANDLED : K_REDRAW;
		return K_REDRAW;
	}
	if ((e = malloc(sizeof *e)) == NULL)
		return K_REDRAW;
	if ((r = find(t, &seq, e)) != 0) {
		free(e);
		tui_store_error(t, r);
		return K_REDRAW;
	}
	memset(&q, 0, sizeof q);
	q.branch = t->branch;
	q.user = t->user.login;
	q.request_id = v.reqid;
	q.kind = EK_REVERSAL;
	q.reverses = seq;
	if (v.sup != NULL) {
		q.approver = v.sup->buf;
		q.approver_password = v.suppw->buf;
	}
	q.npost = e->npost;
	for (i = 0; i < e->npost; i++) {
		q.post[i] = e->post[i];
		q.post[i].amount = -e->post[i].amount;
	}
	free(e);
	r = tui_post(t, &q, &rs);
	if (v.suppw != NULL) {
		explicit_bzero(v.suppw->buf, sizeof v.suppw->buf);
		v.suppw->len = v.suppw->cur = 0;
	}
	if (r != 0) {
		v.form.cur = v.form.n - 1;
		return K_REDRAW;
	}
	tui_go(t, &screen_receipt, rs);
	return K_REDRAW;
}

const struct screen screen_reversal = {
	.name = "reversal",
	.title = N_("Reverse an entry"),
	.enter = reversal_enter,
	.draw = reversal_draw,
	.key = reversal_key,
	.typing = 1,
};
