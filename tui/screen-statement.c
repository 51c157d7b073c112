/*
 * tui/screen-statement.c: a member's statement (mutasi) of sukarela for
 * a date range, with the running balance.  Up and Down scroll.
 */
#include <curses.h>
#include <inttypes.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

#define _(s)	gettext(s)
#define MAXROWS	2000

struct row {
	uint64_t	 seq;
	uint32_t	 date;
	uint16_t	 kind;
	int64_t		 amount;	/* into sukarela */
	int64_t		 balance;
};

static struct {
	struct form	 form;
	struct input	*from, *to;
	struct row	 rows[MAXROWS];
	int		 n;
	int		 top;
	int64_t		 opening;
	int		 shown;
} s;

static void
load(struct tui *t)
{
	struct store_txn	*tx;
	struct entry		*e;
	uint64_t		*seqs;
	size_t			 n = 0, i;
	uint32_t		 from = 0, to = UINT32_MAX;
	int64_t			 bal = 0, moved;
	uint16_t		 j;

	s.n = 0;
	s.top = 0;
	s.opening = 0;
	if (date_parse(s.from->buf, &from) != 0 ||
	    date_parse(s.to->buf, &to) != 0)
		return;
	seqs = calloc(20000, sizeof *seqs);
	e = malloc(sizeof *e);
	if (seqs == NULL || e == NULL || store_begin(t->st, 1, &tx) != 0) {
		free(seqs);
		free(e);
		return;
	}
	(void)member_entries(tx, t->branch, t->member, 0, seqs, 20000, &n);
	for (i = 0; i < n; i++) {
		if (journal_get(tx, t->branch, seqs[i], e) != 0)
			continue;
		moved = 0;
		for (j = 0; j < e->npost; j++) {
			if (e->post[j].gl == GL_SUKARELA &&
			    e->post[j].sub == t->member)
				moved -= e->post[j].amount;
		}
		if (moved == 0)
			continue;
		bal += moved;
		if (e->date < from)
			s.opening = bal;
		if (e->date < from || e->date > to || s.n >= MAXROWS)
			continue;
		s.rows[s.n++] = (struct row){ seqs[i], e->date, e->kind, moved,
		    bal };
	}
	store_abort(tx);
	free(seqs);
	free(e);
}

static int
check_date(struct tui *t, struct form *f, struct input *in)
{
	uint32_t	 d;

	if (date_parse(in->buf, &d) != 0) {
		snprintf(in->err, sizeof in->err, "%s",
		    _("write the date as YYYY-MM-DD"));
		return -1;
	}
	return 0;
}

static void
statement_enter(struct tui *t, uint64_t arg)
{
	struct store_txn	*tx;
	struct branch		 b;
	char			 d[16];
	int			 y, m, dd;

	form_init(&s.form, 8);
	s.form.labelw = 12;
	s.from = form_add(&s.form, N_("From"), FLD_TEXT, 10);
	s.from->check = check_date;
	s.to = form_add(&s.form, N_("To"), FLD_TEXT, 10);
	s.to->check = check_date;
	if (store_begin(t->st, 1, &tx) == 0) {
		if (branch_get(tx, t->branch, &b) == 0) {
			date_to_ymd(b.date, &y, &m, &dd);
			date_format(date_from_ymd(y, m, 1), d, sizeof d);
			input_set(s.from, d);
			date_format(b.date, d, sizeof d);
			input_set(s.to, d);
		}
		store_abort(tx);
	}
	s.shown = 0;
	load(t);
}

static void
statement_draw(struct tui *t)
{
	char	 line[256], d[16], a[48], b[48];
	int	 y = 11, i;

	tui_member_header(t, 3, t->member);
	form_draw(t, &s.form);
	money_format(s.opening, a, sizeof a);
	snprintf(line, sizeof line, "%s %s", _("Opening balance"), a);
	draw_text(y++, 2, line, t->cols - 4);
	for (i = s.top; i < s.n && y < t->rows - 3; i++, y++) {
		date_format(s.rows[i].date, d, sizeof d);
		money_format(s.rows[i].amount, a, sizeof a);
		money_format(s.rows[i].balance, b, sizeof b);
		snprintf(line, sizeof line, "%s %s-%-7" PRIu64 " %-14s", d,
		    t->branch, s.rows[i].seq, tui_kind_name(s.rows[i].kind));
		draw_text(y, 2, line, 44);
		mvaddstr(y, 62 - (int)strlen(a), a);
		mvaddstr(y, 78 - (int)strlen(b), b);
	}
}

static int
statement_key(struct tui *t, int key, wint_t wc)
{
	int	 k;

	if (key == KEY_DOWN && s.top + 1 < s.n) {
		s.top++;
		return K_REDRAW;
	}
	if (key == KEY_UP && s.top > 0) {
		s.top--;
		return K_REDRAW;
	}
	if (key == KEY_NPAGE) {
		s.top = s.top + 10 < s.n ? s.top + 10 : s.top;
		return K_REDRAW;
	}
	if (key == KEY_PPAGE) {
		s.top = s.top > 10 ? s.top - 10 : 0;
		return K_REDRAW;
	}
	k = form_key(t, &s.form, key, wc);
	if (k == FORM_CANCEL) {
		tui_go(t, &screen_member, t->member);
		return K_REDRAW;
	}
	if (k == FORM_SUBMIT || (k == FORM_CHANGED && key == 0 &&
	    (wc == '\t' || wc == '\r')))
		load(t);
	return k == FORM_NONE ? K_UNHANDLED : K_REDRAW;
}

const struct screen screen_statement = {
	.name = "statement",
	.title = N_("Statement of sukarela"),
	.enter = statement_enter,
	.draw = statement_draw,
	.key = statement_key,
	.typing = 1,
	.needs_member = 1,
};
