/*
 * tui/tui.c: the console's main loop, status line, message line, idle
 * lock and resizing.  Only this loop draws: screens change state and say
 * whether to draw again.  The whole screen is composed in ncurses' buffer
 * and refresh() sends the terminal only the characters that changed, so
 * a keystroke in a form costs a few bytes on a thin link.  Nothing ticks:
 * the loop wakes once a minute to see whether the console must lock, and
 * draws only when something changed.
 */
#include <sys/random.h>

#include <poll.h>

#include <curses.h>
#include <errno.h>
#include <libintl.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui/tui.h"
#include "sync/sync.h"

#define _(s)	gettext(s)

#define WAKE_MS	60000	/* at most; sooner when the lock is nearer */

/* The top line; returns whether the branch is the head office. */
static int
status_line(struct tui *t)
{
	struct store_txn	*tx;
	struct branch		 b;
	struct drawer		 dr;
	struct balance		 cash;
	char			 left[512], right[256], d[16], a[48];
	int			 w;

	memset(&b, 0, sizeof b);
	memset(&dr, 0, sizeof dr);
	memset(&cash, 0, sizeof cash);
	if (t->st == NULL) {
		/* A province box: its name and the year of the reports. */
		snprintf(left, sizeof left, " %s | %d", t->coop,
		    t->opts.province_year);
		attron(A_REVERSE);
		draw_fill(0, 0, t->cols);
		draw_text(0, 0, left, t->cols);
		attroff(A_REVERSE);
		return 0;
	}
	if (store_begin(t->st, 1, &tx) == 0) {
		(void)branch_get(tx, t->branch, &b);
		if (t->signed_in) {
			(void)drawer_get(tx, t->branch, t->user.login, &dr);
			(void)account_balance(tx, t->branch, GL_CASH,
			    t->user.drawer, &cash);
		}
		store_abort(tx);
	}
	date_format(b.date, d, sizeof d);
	snprintf(left, sizeof left, " %s %s | %s", t->branch, t->branch_name,
	    d);
	if (t->signed_in && !t->locked) {
		money_format(cash.amount, a, sizeof a);
		snprintf(right, sizeof right, "%s (%s) | %s %s ",
		    t->user.login, _(user_role_name(t->user.role)),
		    dr.state == DRAWER_OPEN ? _("drawer") : _("drawer closed"),
		    dr.state == DRAWER_OPEN ? a : "");
	} else
		right[0] = '\0';
	attron(A_REVERSE);
	draw_fill(0, 0, t->cols);
	w = draw_text(0, 0, left, t->cols);
	/* The cooperative's name where there is room for it. */
	if (w + (int)utf8_width(t->coop) + 3 + (int)utf8_width(right) <
	    t->cols)
		w += draw_text(0, w, " | ", 3) + draw_text(0, w + 3, t->coop,
		    t->cols - w - 3);
	if ((int)utf8_width(right) < t->cols - w)
		draw_text(0, t->cols - (int)utf8_width(right), right,
		    (int)utf8_width(right));
	attroff(A_REVERSE);
	return (b.flags & BRANCH_F_HEAD) != 0;
}

/*
 * The cursor is shown only where text is typed.  Its state is changed
 * only when it differs: each change costs bytes on the link.
 */
static int	 cursor_want, cursor_now = -1;

void
tui_cursor(int visible)
{
	cursor_want = visible;
}

/*
 * How the branch's journal stands with the head office, right of the
 * title row: the age of the last good sync and what waits to go.  Read
 * when the screen is drawn anyway: nothing ticks for it.
 */
static void
sync_line(struct tui *t, int head)
{
	struct sync_status	 s;
	char			 age[32], line[128];

	/* The head office receives branches' journals; it sends none. */
	if (head) {
		snprintf(line, sizeof line, "%s", _("head office"));
		draw_text(1, t->cols - 1 - (int)utf8_width(line), line,
		    (int)utf8_width(line));
		return;
	}
	if (sync_status(t->st, t->branch, (int64_t)time(NULL), &s) != 0)
		return;
	if (s.age < 0)
		snprintf(age, sizeof age, "%s", _("never"));
	else if (s.age < 3600)
		snprintf(age, sizeof age, _("%lld min ago"),
		    (long long)(s.age / 60));
	else if (s.age < 86400)
		snprintf(age, sizeof age, _("%lld h ago"),
		    (long long)(s.age / 3600));
	else
		snprintf(age, sizeof age, _("%lld days ago"),
		    (long long)(s.age / 86400));
	snprintf(line, sizeof line, _("sync %s, %llu waiting"), age,
	    (unsigned long long)s.waiting);
	draw_text(1, t->cols - 1 - (int)utf8_width(line), line,
	    (int)utf8_width(line));
}

/*
 * The message, above the bottom line, drawn over whatever the screen
 * drew there.  One too long for the width goes on over two lines, broken
 * at a space, and what still does not fit ends in "...".  The cursor is
 * left where the screen put it.
 */
static void
message_line(struct tui *t)
{
	char	 first[sizeof t->msg], *rest = t->msg, *sp;
	int	 w = t->cols - 2, cy, cx, y = t->rows - 2;

	if (t->msg[0] == '\0')
		return;
	getyx(stdscr, cy, cx);
	first[0] = '\0';
	if ((int)utf8_width(t->msg) > w) {
		/* The longest first line that ends at a space. */
		for (sp = strchr(t->msg, ' '); sp != NULL;
		    sp = strchr(sp + 1, ' ')) {
			memcpy(first, t->msg, (size_t)(sp - t->msg));
			first[sp - t->msg] = '\0';
			if ((int)utf8_width(first) > w)
				break;
			rest = sp + 1;
		}
		if (rest != t->msg) {
			memcpy(first, t->msg, (size_t)(rest - 1 - t->msg));
			first[rest - 1 - t->msg] = '\0';
			y--;
		} else
			first[0] = '\0';
	}
	if (first[0] != '\0')
		draw_fill(y, 0, t->cols);
	draw_fill(y + (first[0] != '\0'), 0, t->cols);
	if (t->msg_error)
		attron(A_BOLD | A_REVERSE);
	if (first[0] != '\0')
		draw_text(y++, 1, first, w);
	if ((int)utf8_width(rest) > w) {
		draw_text(y, 1, rest, w - 3);
		draw_text(y, w - 2, "...", 3);
	} else
		draw_text(y, 1, rest, w);
	if (t->msg_error)
		attroff(A_BOLD | A_REVERSE);
	move(cy, cx);
}

static void
draw_all(struct tui *t)
{
	int	 head;

	erase();
	cursor_want = 0;
	if (t->cols < MIN_COLS || t->rows < MIN_ROWS) {
		draw_text(0, 0, _("The window is too small for loket."),
		    t->cols);
		mvprintw(1, 0, "%s %dx%d", _("It needs at least"), MIN_COLS,
		    MIN_ROWS);
		refresh();
		return;
	}
	head = status_line(t);
	if (t->scr->title != NULL) {
		attron(A_BOLD);
		draw_text(1, 1, _(t->scr->title), t->cols - 2);
		attroff(A_BOLD);
	}
	if (t->signed_in && !t->locked && t->st != NULL)
		sync_line(t, head);
	keys_line(t);
	t->scr->draw(t);	/* it may place the cursor */
	approve_draw(t);	/* an approver asked for, over it */
	message_line(t);
	if (cursor_want != cursor_now) {
		curs_set(cursor_want);
		cursor_now = cursor_want;
	}
	refresh();
}

/* Keys already typed are handled before the screen is drawn again. */
static int
more_input(void)
{
	struct pollfd	 pfd;

	pfd.fd = STDIN_FILENO;
	pfd.events = POLLIN;
	return poll(&pfd, 1, 0) == 1;
}

void
tui_message(struct tui *t, int error, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	va_end(ap);
	t->msg_error = error;
}

void
tui_store_error(struct tui *t, int r)
{
	tui_message(t, 1, "%s", _(store_strerror(r)));
}

void
tui_go(struct tui *t, const struct screen *s, uint64_t arg)
{
	approve_cancel(t);
	if (s == &screen_help)
		t->help_back = t->scr;
	else if (s != &screen_receipt)
		t->back = t->scr;
	if (s == &screen_search)
		t->member = 0;		/* the next customer */
	t->scr = s;
	if (s->enter != NULL)
		s->enter(t, arg);
}

/* A request id, made when a form opens: Enter twice posts once. */
void
tui_request_id(struct tui *t, char *buf, size_t len)
{
	uint32_t	 r = 0;

	if (getrandom(&r, sizeof r, 0) != sizeof r)
		r = (uint32_t)time(NULL);
	snprintf(buf, len, "tui-%ld-%08x-%u", (long)getpid(), r, ++t->reqno);
}

/* Post and report; on success the receipt screen shows what was done. */
int
tui_post(struct tui *t, struct post_req *q, uint64_t *seq)
{
	struct post_result	 res;
	int			 r;

	if ((r = store_post(t->st, q, &res)) == STORE_E_CASHUNIT) {
		struct store_txn	*tx;
		char			 unit[48];
		int64_t			 u = 0;

		if (store_begin(t->st, 1, &tx) == 0) {
			u = savings_setting(tx, q->branch, "cash.rounding");
			store_abort(tx);
		}
		money_format(u, unit, sizeof unit);
		tui_message(t, 1, _("cash is counted in multiples of %s"), unit);
		return r;
	}
	if (r != 0) {
		tui_store_error(t, r);
		return r;
	}
	if (seq != NULL)
		*seq = res.seq;
	t->msg[0] = '\0';
	return 0;
}

static int
add_branch(struct tui *t, const char *code)
{
	void	*p;

	if ((p = reallocarray(t->branches, t->nbranch + 1,
	    sizeof *t->branches)) == NULL)
		return ENOMEM;
	t->branches = p;
	if ((p = reallocarray(t->branch_choice, t->nbranch + 1,
	    sizeof *t->branch_choice)) == NULL)
		return ENOMEM;
	t->branch_choice = p;
	snprintf(t->branches[t->nbranch++], BRANCH_MAX + 1, "%s", code);
	return 0;
}

struct primary_arg {
	struct tui		*t;
	struct store_txn	*tx;
};

/* The branches whose tellers post here; sign-in chooses one. */
static int
add_primary(void *arg, const struct branch *b)
{
	struct primary_arg	*pa = arg;

	if (!store_is_primary(pa->tx, b->code))
		return 0;
	return add_branch(pa->t, b->code);
}

static int
first_branch(struct tui *t)
{
	struct primary_arg	 pa;
	struct store_txn	*tx;
	struct branch		 b;
	int			 r;

	if ((r = store_begin(t->st, 1, &tx)) != 0)
		return r;
	if (t->opts.branch != NULL) {
		if ((r = branch_get(tx, t->opts.branch, &b)) == 0)
			r = add_branch(t, b.code);
	} else {
		pa.t = t;
		pa.tx = tx;
		r = branch_walk(tx, add_primary, &pa);
	}
	store_abort(tx);
	if (r != 0)
		return r;
	if (t->nbranch == 0)
		return STORE_E_BRANCH;
	return tui_branch(t, t->branches[0]);
}

/* Work on branch code: its name, the cooperative's, its time zone. */
int
tui_branch(struct tui *t, const char *code)
{
	struct store_txn	*tx;
	struct branch		 b;
	int			 r;

	if ((r = store_begin(t->st, 1, &tx)) != 0)
		return r;
	if ((r = branch_get(tx, code, &b)) == 0) {
		snprintf(t->branch, sizeof t->branch, "%s", b.code);
		snprintf(t->branch_name, sizeof t->branch_name, "%s", b.name);
		t->coop[0] = '\0';
		(void)setting_get(tx, b.code, "coop.name", t->coop,
		    sizeof t->coop);
		/* Receipts tell the branch's time. */
		setenv("TZ", b.tz, 1);
		tzset();
	}
	store_abort(tx);
	return r;
}

static void
lock(struct tui *t)
{
	if (!t->signed_in || t->locked)
		return;
	t->locked = 1;
	approve_cancel(t);
	tui_message(t, 0, "%s", _("Locked for being idle. Sign in to go on."));
	t->back = t->scr;
	t->scr = &screen_signin;
	screen_signin.enter(t, 1);
}

int
tui_main(const struct tui_opts *o)
{
	struct tui		 t;
	const struct key_binding *kb;
	wint_t			 wch;
	int			 ch, r, k, dirty = 1;

	memset(&t, 0, sizeof t);
	t.opts = *o;
	if (o->province_year != 0) {
		/*
		 * A province box has no book and no users: who may read its
		 * folder may read its dashboard, as with loket province.
		 */
		if ((r = province_name(o->dir, t.coop, sizeof t.coop)) != 0) {
			fprintf(stderr, "loket: %s: %s\n", o->dir,
			    _(store_strerror(r)));
			return 66;
		}
		t.opts.idle_seconds = 0;
		t.signed_in = 1;
	} else if ((r = store_open(o->dir, 0, &t.st)) != 0) {
		fprintf(stderr, "loket: %s: %s\n", o->dir,
		    _(store_strerror(r)));
		return r == STORE_E_NODATA ? 66 : 1;
	}
	if (t.st != NULL && (r = first_branch(&t)) != 0) {
		fprintf(stderr, "loket: %s\n", _(store_strerror(r)));
		store_close(t.st);
		free(t.branches);
		free(t.branch_choice);
		return 1;
	}

	initscr();
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/* PuTTY's default keyboard sends F1 to F4 as ESC [11~ to ESC [14~. */
	define_key("\033[11~", KEY_F(1));
	define_key("\033[12~", KEY_F(2));
	define_key("\033[13~", KEY_F(3));
	define_key("\033[14~", KEY_F(4));
	set_escdelay(50);
	timeout(o->idle_seconds > 0 && o->idle_seconds * 1000 / 2 < WAKE_MS ?
	    o->idle_seconds * 1000 / 2 : WAKE_MS);
	getmaxyx(stdscr, t.rows, t.cols);
	t.last_key = time(NULL);
	t.scr = t.st != NULL ? &screen_signin : &screen_province;
	t.scr->enter(&t, 0);

	for (;;) {
		if (dirty && !more_input()) {
			draw_all(&t);
			dirty = 0;
		}
		ch = get_wch(&wch);
		if (ch == ERR) {
			if (t.opts.idle_seconds > 0 && t.signed_in &&
			    !t.locked && time(NULL) - t.last_key >=
			    t.opts.idle_seconds) {
				lock(&t);
				dirty = 1;
			}
			continue;
		}
		if (ch == KEY_CODE_YES && wch == KEY_RESIZE) {
			getmaxyx(stdscr, t.rows, t.cols);
			dirty = 1;
			continue;
		}
		t.last_key = time(NULL);
		if (t.cols < MIN_COLS || t.rows < MIN_ROWS)
			continue;
		if (approve_active())
			k = approve_key(&t, ch == KEY_CODE_YES ? (int)wch : 0,
			    ch == OK ? wch : 0);
		else
			k = t.scr->key(&t, ch == KEY_CODE_YES ? (int)wch : 0,
			    ch == OK ? wch : 0);
		if (k == K_UNHANDLED && t.signed_in && !t.locked &&
		    ch == KEY_CODE_YES && (kb = keys_find(&t, (int)wch)) !=
		    NULL) {
			t.msg[0] = '\0';
			if (kb->screen == NULL)
				k = K_QUIT;
			else {
				tui_go(&t, kb->screen, t.member);
				k = K_REDRAW;
			}
		}
		if (k == K_QUIT) {
			if (t.signed_in && t.st != NULL) {
				/* Sign out: back to the sign-in screen. */
				approve_cancel(&t);
				t.signed_in = 0;
				t.member = 0;
				t.receipt_seq = 0;
				memset(&t.user, 0, sizeof t.user);
				tui_message(&t, 0, "%s", _("Signed out."));
				t.scr = &screen_signin;
				screen_signin.enter(&t, 0);
				dirty = 1;
				continue;
			}
			break;
		}
		if (k != K_NONE)
			dirty = 1;
	}
	endwin();
	store_close(t.st);
	free(t.branches);
	free(t.branch_choice);
	return 0;
}
