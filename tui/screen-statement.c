/*
 * tui/screen-statement.c: a member's statement (mutasi) of every account
 * (pokok, wajib, sukarela, berjangka, loans) for a date range: what was
 * brought forward, then each movement with the account's balance after
 * it.  Up and Down scroll; p prints it where receipts go.
 */
#include <curses.h>
#include <errno.h>
#include <inttypes.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

#define _(s)	gettext(s)
#define MAXROWS	2000

static struct {
	struct form		 form;
	struct input		*from, *to;
	struct statement_line	 rows[MAXROWS];
	int			 n;
	int			 top;
	int			 shown;
} s;

static int
add_row(void *arg, const struct statement_line *l)
{
	(void)arg;
	if (s.n < MAXROWS)
		s.rows[s.n++] = *l;
	return 0;
}

static void
load(struct tui *t)
{
	struct store_txn	*tx;
	uint32_t		 from = 0, to = UINT32_MAX;

	s.n = 0;
	s.top = 0;
	if (date_parse(s.from->buf, &from) != 0 ||
	    date_parse(s.to->buf, &to) != 0)
		return;
	if (store_begin(t->st, 1, &tx) != 0)
		return;
	(void)member_statement(tx, t->branch, t->member, from, to, add_row,
	    NULL);
	store_abort(tx);
}

/* Row i as a line of width columns: date, what, account, amount, balance. */
static void
row_text(struct tui *t, int i, char *buf, size_t len)
{
	const struct statement_line	*l = &s.rows[i];
	char				 d[16], acc[64], a[48], am[48], b[48];

	date_format(l->date, d, sizeof d);
	account_member_name(l->gl, l->sub, tui_tr, acc, sizeof acc);
	money_format(l->balance, b, sizeof b);
	if (l->opening) {
		snprintf(buf, len, "%s %-18.18s %-15.15s %14s %15s", d,
		    _("brought forward"), acc, "", b);
		return;
	}
	money_format(l->amount < 0 ? -l->amount : l->amount, a, sizeof a);
	snprintf(am, sizeof am, "%s%s", l->amount < 0 ? "-" : "+", a);
	snprintf(buf, len, "%s %-18.18s %-15.15s %14s %15s", d,
	    tui_kind_name(l->kind), acc, am, b);
	(void)t;
}

/* The statement as text, to print: a heading and every row. */
static int
print_statement(struct tui *t)
{
	struct store_txn	*tx;
	struct member		 m;
	char			*text, line[256], num[32], why[256];
	size_t			 cap = (size_t)(s.n + 8) * 96 + 1024, used = 0;
	int			 i, r;

	if ((text = malloc(cap)) == NULL)
		return ENOMEM;
	memset(&m, 0, sizeof m);
	if (store_begin(t->st, 1, &tx) == 0) {
		(void)member_get(tx, t->branch, t->member, &m);
		store_abort(tx);
	}
	member_format_number(t->branch, t->member, num, sizeof num);
	used += snprintf(text + used, cap - used, "%s %s %s\n%s %s .. %s\n\n",
	    _("Statement of"), num, m.name, _("Period"), s.from->buf,
	    s.to->buf);
	for (i = 0; i < s.n && used + 200 < cap; i++) {
		row_text(t, i, line, sizeof line);
		used += snprintf(text + used, cap - used, "%s\n", line);
	}
	r = tui_print(t, text, why, sizeof why);
	free(text);
	if (r != 0)
		tui_message(t, 1, "%s: %s", _("The statement was not printed"),
		    why[0] != '\0' ? why : strerror(r));
	else
		tui_message(t, 0, "%s", _("Statement printed."));
	return 0;
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
	char	 line[256];
	int	 y = 11, i;

	tui_member_header(t, 3, t->member);
	form_draw(t, &s.form);
	if (s.n == 0)
		draw_text(y, 2, _("No movements in the period."), t->cols - 4);
	for (i = s.top; i < s.n && y < t->rows - 3; i++, y++) {
		row_text(t, i, line, sizeof line);
		draw_text(y, 2, line, t->cols - 4);
	}
	keys_hint(t, t->rows - 3, 2);
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
	/* Dates take digits and dashes: a letter here is a key. */
	if (key == 0 && keys_letter(t, wc) != NULL && wc == 'p')
		return print_statement(t), K_REDRAW;
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
	.title = N_("Statement of every account"),
	.enter = statement_enter,
	.draw = statement_draw,
	.key = statement_key,
	.typing = 1,
	.needs_member = 1,
};
