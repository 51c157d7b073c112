/*
 * tui/screen-member.c: one member: who, their savings, wajib in arrears
 * and the latest entries.  The keys act on this member.
 */
#include <curses.h>
#include <inttypes.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui/tui.h"

#define _(s)	gettext(s)

/* gettext as a function, for the store's formatters that take one. */
const char *
tui_tr(const char *s)
{
	return _(s);
}

/* An entry's kind in words, in the user's language: the kind's title. */
const char *
tui_kind_name(uint16_t kind)
{
	return _(entry_kind_title(kind));
}

/* Number, name and savings of member n, from row y: returns rows used. */
int
tui_member_header(struct tui *t, int y, uint64_t n)
{
	struct store_txn	*tx;
	struct member		 m;
	struct balance		 bp, bw, bs;
	char			 num[32], line[512];
	int			 r;

	if ((r = store_begin(t->st, 1, &tx)) != 0)
		return 0;
	if ((r = member_get(tx, t->branch, n, &m)) != 0 ||
	    (r = account_balance(tx, t->branch, GL_POKOK, n, &bp)) != 0 ||
	    (r = account_balance(tx, t->branch, GL_WAJIB, n, &bw)) != 0 ||
	    (r = account_balance(tx, t->branch, GL_SUKARELA, n, &bs)) != 0) {
		store_abort(tx);
		return 0;
	}
	store_abort(tx);
	member_format_number(t->branch, n, num, sizeof num);
	snprintf(line, sizeof line, "%s  %s", num, m.name);
	attron(A_BOLD);
	draw_text(y, 2, line, t->cols - 4);
	attroff(A_BOLD);
	if (m.status != MEMBER_ACTIVE)
		draw_text(y, t->cols - 20, m.status == MEMBER_DECEASED ?
		    _("deceased") : _("resigned"), 18);
	draw_amount_row(y + 1, 2, 36, _("Simpanan pokok"), -bp.amount);
	draw_amount_row(y + 2, 2, 36, _("Simpanan wajib"), -bw.amount);
	draw_amount_row(y + 3, 2, 36, _("Simpanan sukarela"), -bs.amount);
	return 4;
}

struct loans_arg {
	struct tui		*t;
	struct store_txn	*tx;
	uint32_t		 date;
	int			 y, ymax, n;
};

/* One line a loan not yet closed: how it stands and what comes next. */
static int
draw_loan(void *arg, const struct loan *l)
{
	struct loans_arg	*la = arg;
	struct loan_status	 s;
	char			 line[256], code[32], a[48], b[48];

	if (l->state == LOAN_CLOSED || l->state == LOAN_WRITTEN_OFF)
		return 0;
	la->n++;
	if (la->y >= la->ymax)
		return 0;
	account_format_code(GL_LOANS, l->number, code, sizeof code);
	if (l->state != LOAN_ACTIVE) {
		money_format(l->principal, a, sizeof a);
		snprintf(line, sizeof line, "%-9s %-8s %s, %s", code,
		    l->product, a, _(loan_state_name(l->state)));
	} else {
		memset(&s, 0, sizeof s);
		(void)loan_status(la->tx, la->t->branch, l->number, la->date,
		    &s);
		money_format(s.outstanding, a, sizeof a);
		money_format(s.interest_due + s.principal_due + s.penalty, b,
		    sizeof b);
		snprintf(line, sizeof line, _("%-9s %-8s %s left, due now %s, "
		    "%u days late"), code, l->product, a, b, (unsigned)s.dpd);
	}
	draw_text(la->y++, 2, line, la->t->cols - 4);
	return 0;
}

static void
member_draw(struct tui *t)
{
	struct store_txn	*tx;
	struct member		 m;
	struct branch		 b;
	struct entry		*e;
	struct shu_member	 sh;
	struct loans_arg	 la;
	uint64_t		 seqs[5];
	size_t			 n = 0, i;
	char			 s[512], d[16], a[48];
	int64_t			 arrears = 0, moved;
	int			 months = 0, y, j;

	y = 3 + tui_member_header(t, 3, t->member);
	if (store_begin(t->st, 1, &tx) != 0)
		return;
	memset(&b, 0, sizeof b);
	if (member_get(tx, t->branch, t->member, &m) == 0 &&
	    branch_get(tx, t->branch, &b) == 0) {
		draw_label_value(3 + 1, 42, 9, _("NIK"), m.nik);
		draw_label_value(3 + 2, 42, 9, _("Phone"),
		    m.phone[0] != '\0' ? m.phone : "-");
		date_format(m.joined, d, sizeof d);
		draw_label_value(3 + 3, 42, 9, _("Joined"), d);
		snprintf(s, sizeof s, "%s: %s, %s", _("Address"), m.address,
		    m.village);
		draw_text(y++, 2, s, t->cols - 4);
		(void)member_wajib_due(tx, t->branch, t->member, b.date,
		    &months, &arrears);
		money_format(arrears, a, sizeof a);
		if (months > 0)
			snprintf(s, sizeof s, _("Wajib in arrears: %d months "
			    "(%s)"), months, a);
		else
			snprintf(s, sizeof s, "%s", _("Wajib paid up."));
		draw_text(y, 2, s, t->cols - 4);
		if (shu_member_estimate(tx, t->branch, t->member, b.date,
		    &sh) == 0) {
			money_format(sh.share, a, sizeof a);
			snprintf(s, sizeof s, _("SHU share so far this year, "
			    "estimated: %s"), a);
			draw_text(++y, 2, s, t->cols - 4);
		}
	}
	y += 1;
	/* The member's loans not yet closed, at most three lines. */
	memset(&la, 0, sizeof la);
	la.t = t;
	la.tx = tx;
	la.date = b.date;
	la.y = y + 1;
	la.ymax = y + 4;
	(void)loan_list(tx, t->branch, t->member, draw_loan, &la);
	if (la.n > 0) {
		draw_box_title(y, _("Loans"));
		y = la.y;
	}
	draw_box_title(y++, _("Latest entries"));
	(void)member_entries(tx, t->branch, t->member, 1, seqs,
	    (size_t)(t->rows - y - 3 > 5 ? 5 : t->rows - y - 3), &n);
	if ((e = malloc(sizeof *e)) != NULL) {
		for (i = 0; i < n; i++) {
			if (journal_get(tx, t->branch, seqs[i], e) != 0)
				continue;
			moved = 0;
			for (j = 0; j < e->npost; j++) {
				if (e->post[j].sub == t->member &&
				    (e->post[j].gl == GL_SUKARELA ||
				    e->post[j].gl == GL_WAJIB ||
				    e->post[j].gl == GL_POKOK))
					moved -= e->post[j].amount;
			}
			/* No savings moved (a loan's entry): its amount. */
			for (j = 0; moved == 0 && j < e->npost; j++) {
				if (e->post[j].amount > 0)
					moved += e->post[j].amount;
			}
			date_format(e->date, d, sizeof d);
			money_format(moved, a, sizeof a);
			snprintf(s, sizeof s, "%s  %s-%-7" PRIu64 " %-14s", d,
			    t->branch, seqs[i], tui_kind_name(e->kind));
			draw_text(y, 2, s, 50);
			if (moved != 0)	/* an approval moves no money */
				mvaddstr(y, 54 + 20 - (int)strlen(a), a);
			y++;
		}
		free(e);
	}
	store_abort(tx);
}

static int
member_key(struct tui *t, int key, wint_t wc)
{
	if (key == 0 && wc == 27) {
		tui_go(t, &screen_search, 0);
		return K_REDRAW;
	}
	/*
	 * Letters and digits begin the next search: the next member's name
	 * typed here is a name, never a command.
	 */
	if (key == 0 && wc >= ' ' && wc != 127) {
		tui_go(t, &screen_search, 0);
		return screen_search.key(t, 0, wc);
	}
	return K_UNHANDLED;
}

const struct screen screen_member = {
	.name = "member",
	.title = N_("Member"),
	.draw = member_draw,
	.key = member_key,
	.needs_member = 1,
};
