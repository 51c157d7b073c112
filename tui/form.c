/*
 * tui/form.c: forms.  A field is checked as it is left (Tab, Enter,
 * arrows); Enter on the last field checks them all and submits.  Text is
 * edited as UTF-8, by character, and laid out by column width.
 */
#include <curses.h>
#include <errno.h>
#include <libintl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/tui.h"

#define _(s)	gettext(s)

void
form_init(struct form *f, int top)
{
	memset(f, 0, sizeof *f);
	f->top = top;
	f->labelw = 22;
}

struct input *
form_add(struct form *f, const char *label, int type, int maxcols)
{
	struct input	*in = &f->f[f->n++];

	memset(in, 0, sizeof *in);
	in->label = label;
	in->type = type;
	in->maxcols = maxcols;
	return in;
}

void
input_set(struct input *in, const char *s)
{
	snprintf(in->buf, sizeof in->buf, "%s", s);
	in->len = in->cur = strlen(in->buf);
}

/*
 * A value offered to begin with (the amount due): Enter takes it, and
 * the first character typed replaces it rather than joining it.
 */
void
input_prefill(struct input *in, const char *s)
{
	input_set(in, s);
	in->prefilled = 1;
}

int
input_amount(struct tui *t, struct input *in, int64_t *sen)
{
	int	 r;

	in->err[0] = '\0';
	if (in->len == 0 && in->optional) {
		*sen = 0;
		return 0;
	}
	if ((r = money_parse(in->buf, sen)) != 0) {
		snprintf(in->err, sizeof in->err, "%s", r == ERANGE ?
		    _("the amount is too large") :
		    _("not a Rupiah amount: write 1.250.000"));
		return -1;
	}
	if (*sen <= 0 && !(in->optional && *sen == 0)) {
		snprintf(in->err, sizeof in->err, "%s",
		    _("the amount must be more than zero"));
		return -1;
	}
	return 0;
}

static int
check_one(struct tui *t, struct form *f, struct input *in)
{
	int64_t	 sen;

	in->err[0] = '\0';
	if (in->type == FLD_CHOICE)
		return 0;
	if (in->len == 0 && !in->optional) {
		snprintf(in->err, sizeof in->err, "%s", _("this is needed"));
		return -1;
	}
	if (in->type == FLD_AMOUNT && input_amount(t, in, &sen) != 0)
		return -1;
	if (in->check != NULL && in->len > 0)
		return in->check(t, f, in);
	return 0;
}

int
form_check_all(struct tui *t, struct form *f)
{
	int	 i, bad = -1;

	for (i = 0; i < f->n; i++) {
		if (check_one(t, f, &f->f[i]) != 0 && bad < 0)
			bad = i;
	}
	if (bad >= 0)
		f->cur = bad;
	return bad < 0 ? 0 : -1;
}

static size_t
prev_char(const struct input *in, size_t at)
{
	while (at > 0) {
		at--;
		if ((in->buf[at] & 0xc0) != 0x80)
			break;
	}
	return at;
}

static size_t
next_char(const struct input *in, size_t at)
{
	if (at < in->len)
		at++;
	while (at < in->len && (in->buf[at] & 0xc0) == 0x80)
		at++;
	return at;
}

static int
insert(struct input *in, wint_t wc)
{
	char		 mb[MB_LEN_MAX];
	mbstate_t	 ps;
	size_t		 n;

	if (in->type == FLD_DIGITS && (wc < '0' || wc > '9'))
		return FORM_NONE;
	if (in->type == FLD_AMOUNT && !((wc >= '0' && wc <= '9') ||
	    wc == '.' || wc == ',' || wc == 'R' || wc == 'p' || wc == ' '))
		return FORM_NONE;
	memset(&ps, 0, sizeof ps);
	if ((n = wcrtomb(mb, (wchar_t)wc, &ps)) == (size_t)-1)
		return FORM_NONE;
	if (in->prefilled) {
		in->len = in->cur = 0;
		in->buf[0] = '\0';
		in->prefilled = 0;
	}
	if (in->len + n >= sizeof in->buf)
		return FORM_NONE;
	in->buf[in->len] = '\0';
	/*
	 * A password is not cut at the field's width: it takes what is
	 * typed up to its buffer, past PASSWORD_MAX, and the store refuses
	 * one that long instead of taking its first part.
	 */
	if (in->type != FLD_PASSWORD &&
	    (int)utf8_width(in->buf) >= in->maxcols)
		return FORM_NONE;
	memmove(in->buf + in->cur + n, in->buf + in->cur, in->len - in->cur);
	memcpy(in->buf + in->cur, mb, n);
	in->len += n;
	in->cur += n;
	in->buf[in->len] = '\0';
	return FORM_CHANGED;
}

/*
 * One key for the form: FORM_SUBMIT when Enter on the last field finds
 * every field good, FORM_CANCEL on Esc, FORM_CHANGED when something
 * changed, FORM_NONE when the key is not the form's.
 */
int
form_key(struct tui *t, struct form *f, int key, wint_t wc)
{
	struct input	*in = &f->f[f->cur];

	/* Any key but a character typed keeps what was offered. */
	if (key != 0 || wc < 0x20 || wc == 127)
		in->prefilled = 0;
	switch (key) {
	case KEY_LEFT:
		if (in->type == FLD_CHOICE) {
			in->choice = (in->choice + in->nchoice - 1) % in->nchoice;
			return FORM_CHANGED;
		}
		in->cur = prev_char(in, in->cur);
		return FORM_CHANGED;
	case KEY_RIGHT:
		if (in->type == FLD_CHOICE) {
			in->choice = (in->choice + 1) % in->nchoice;
			return FORM_CHANGED;
		}
		in->cur = next_char(in, in->cur);
		return FORM_CHANGED;
	case KEY_HOME:
		in->cur = 0;
		return FORM_CHANGED;
	case KEY_END:
		in->cur = in->len;
		return FORM_CHANGED;
	case KEY_BACKSPACE:
		wc = 127;
		break;
	case KEY_DC:
		if (in->cur < in->len) {
			size_t nx = next_char(in, in->cur);

			memmove(in->buf + in->cur, in->buf + nx, in->len - nx);
			in->len -= nx - in->cur;
			in->buf[in->len] = '\0';
		}
		return FORM_CHANGED;
	case KEY_UP:
	case KEY_BTAB:
		(void)check_one(t, f, in);
		if (f->cur > 0)
			f->cur--;
		return FORM_CHANGED;
	case KEY_DOWN:
		wc = '\t';
		break;
	case KEY_ENTER:
		wc = '\r';
		break;
	case 0:
		break;
	default:
		return FORM_NONE;
	}
	switch (wc) {
	case 27:
		return FORM_CANCEL;
	case '\t':
		if (check_one(t, f, in) == 0 && f->cur < f->n - 1)
			f->cur++;
		return FORM_CHANGED;
	case '\r':
	case '\n':
		if (check_one(t, f, in) != 0)
			return FORM_CHANGED;
		if (f->cur < f->n - 1) {
			f->cur++;
			return FORM_CHANGED;
		}
		return form_check_all(t, f) == 0 ? FORM_SUBMIT : FORM_CHANGED;
	case 127:
	case 8:
		if (in->type == FLD_CHOICE || in->cur == 0)
			return FORM_NONE;
		{
			size_t pv = prev_char(in, in->cur);

			memmove(in->buf + pv, in->buf + in->cur,
			    in->len - in->cur);
			in->len -= in->cur - pv;
			in->cur = pv;
			in->buf[in->len] = '\0';
		}
		return FORM_CHANGED;
	case 21:	/* ^U: clear the field */
		in->len = in->cur = 0;
		in->buf[0] = '\0';
		return FORM_CHANGED;
	default:
		if (wc < 0x20 || in->type == FLD_CHOICE) {
			if (in->type == FLD_CHOICE && wc == ' ') {
				in->choice = (in->choice + 1) % in->nchoice;
				return FORM_CHANGED;
			}
			return FORM_NONE;
		}
		return insert(in, wc);
	}
}

/*
 * The question every posting screen asks before it posts: bold, on row
 * y, with the cursor hidden.
 */
void
form_ask(struct tui *t, int y, const char *question)
{
	attron(A_BOLD);
	draw_text(y, 2, question, t->cols - 4);
	attroff(A_BOLD);
	tui_cursor(0);
}

/*
 * Its answer: 1 for Enter (post), 0 for any other key, which takes the
 * question away.  *asking is cleared either way.
 */
int
form_answer(int *asking, int key, wint_t wc)
{
	*asking = 0;
	return key == 0 && (wc == '\r' || wc == '\n');
}

/*
 * After a question answered no, the form is edited again: the cursor
 * goes to the first field that takes typing (an amount, never a choice
 * where digits would be dropped).
 */
void
form_reask(struct form *f)
{
	int	 i;

	for (i = 0; i < f->n; i++) {
		if (f->f[i].type != FLD_CHOICE) {
			f->cur = i;
			f->f[i].cur = f->f[i].len;
			f->f[i].prefilled = 1;
			return;
		}
	}
}

void
form_draw(struct tui *t, const struct form *f)
{
	const struct input	*in, *err = NULL;
	char			 masked[256], before[256];
	int			 i, y, x = 2, vx = 2 + f->labelw + 1, cy = -1, cx = 0;
	size_t			 j;

	for (i = 0; i < f->n; i++) {
		in = &f->f[i];
		y = f->top + i;
		draw_text(y, x, _(in->label), f->labelw);
		draw_fill(y, vx, in->maxcols + 1);
		if (in->type == FLD_PASSWORD) {
			for (j = 0; j < utf8_width(in->buf) && j < 255; j++)
				masked[j] = '*';
			masked[j] = '\0';
			draw_text(y, vx, masked, in->maxcols);
		} else if (in->type == FLD_CHOICE) {
			draw_text(y, vx, _(in->choices[in->choice]),
			    in->maxcols);
			/* A new teller cannot guess how a choice changes. */
			if (i == f->cur) {
				int	 hx = vx + (int)utf8_width(
				    _(in->choices[in->choice])) + 3;

				attron(A_DIM);
				draw_text(y, hx, _("(Left/Right: change)"),
				    t->cols - hx - 1);
				attroff(A_DIM);
			}
		} else
			draw_text(y, vx, in->buf, in->maxcols);
		if (in->err[0] != '\0' && err == NULL)
			err = in;
		if (i == f->cur) {
			cy = y;
			memcpy(before, in->buf, in->cur);
			before[in->cur] = '\0';
			cx = vx + (in->type == FLD_CHOICE ? 0 :
			    (int)utf8_width(before));
			if (cx > vx + in->maxcols)	/* a long password */
				cx = vx + in->maxcols;
		}
	}
	/* The first field in error says why, under the form. */
	if (err != NULL) {
		char	 line[512];

		snprintf(line, sizeof line, "%s: %s", _(err->label), err->err);
		attron(A_BOLD);
		draw_text(f->top + f->n + 1, x, line, t->cols - 4);
		attroff(A_BOLD);
	}
	if (cy >= 0) {
		move(cy, cx);
		tui_cursor(1);
	}
}
