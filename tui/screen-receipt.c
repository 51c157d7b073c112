/*
 * tui/screen-receipt.c: the receipt of what was just posted, previewed;
 * Enter prints it (to the configured command, "lp" by default, or to a
 * file), Esc goes back without printing: to the member of the entry, so
 * that a visit is one visit (wajib, sukarela and an instalment without
 * searching again), or to the search when there is none.
 */
#include <sys/wait.h>

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <libintl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui/tui.h"

#define _(s)	gettext(s)

static char	 rtext[4096];
static int	 ok;
static int	 top;		/* first line shown: a long receipt scrolls */

static void
receipt_enter(struct tui *t, uint64_t seq)
{
	struct store_txn	*tx;
	struct receipt		*rc;
	int			 r;

	ok = 0;
	top = 0;
	rtext[0] = '\0';
	if ((rc = calloc(1, sizeof *rc)) == NULL)
		return;
	if ((r = store_begin(t->st, 1, &tx)) == 0) {
		r = store_receipt(tx, t->branch, seq, rc);
		store_abort(tx);
	}
	if (r == 0 && receipt_format(rc, tui_tr, rtext, sizeof rtext) == 0)
		ok = 1;
	free(rc);
	t->receipt_seq = seq;
	tui_message(t, 0, "%s", _("Done. Enter: print the receipt, Esc: "
	    "back without printing."));
}

static int
receipt_lines(const char *text)
{
	const char	*p;
	int		 n = 0;

	for (p = text; *p != '\0'; p++)
		if (*p == '\n')
			n++;
	return n + (p > text && p[-1] != '\n');
}

/*
 * What the screen shows of the receipt: taller than the screen, it
 * leaves out the cooperative and the branch, which the top line shows,
 * down to the receipt's first rule (printing keeps them).
 */
static char *
body(struct tui *t)
{
	char	*rule, *nl;

	if (receipt_lines(rtext) > t->rows - 6 &&
	    (rule = strstr(rtext, "\n----")) != NULL &&
	    (nl = strchr(rule + 1, '\n')) != NULL)
		return nl + 1;
	return rtext;
}

/*
 * The receipt from line top on; when it is longer than the screen (a
 * loan's receipt is), the last row says which lines show and that the
 * arrows and PgDn scroll, so the signature line is never out of reach.
 */
static void
receipt_draw(struct tui *t)
{
	char	*p = body(t), *nl, more[80];
	int	 y = 3, line = 0, last = t->rows - 4, n = receipt_lines(p);

	if (n > last - 3 + 1)
		last--;		/* a row for "lines a-b of n" */
	while (ok && *p != '\0' && y <= last) {
		nl = strchr(p, '\n');
		if (nl != NULL)
			*nl = '\0';
		if (line++ >= top)
			draw_text(y++, 4, p, t->cols - 6);
		if (nl == NULL)
			break;
		*nl = '\n';
		p = nl + 1;
	}
	if (ok && last < t->rows - 4) {
		snprintf(more, sizeof more, _("lines %d-%d of %d; arrows, "
		    "PgUp and PgDn scroll"), top + 1, top + (y - 3), n);
		draw_text(t->rows - 4, 4, more, t->cols - 6);
	}
}

/*
 * Run the print command as a child with the receipt on its standard
 * input.  Its output never reaches the screen: standard output goes to
 * /dev/null and standard error to a pipe, whose first line is the
 * message when printing fails.  SIGPIPE is ignored while writing, so a
 * command that dies early is a failure, not the end of the console.
 */
static int
print_command(const char *cmd, const char *text, char *why, size_t whylen)
{
	struct sigaction	 ign, old;
	char			 buf[256];
	const char		*p = text;
	size_t			 left = strlen(text), n = 0;
	ssize_t			 w;
	pid_t			 pid;
	int			 in[2], err[2], dn, status, r = 0;

	why[0] = '\0';
	if (pipe(in) == -1)
		return errno;
	if (pipe(err) == -1) {
		r = errno;
		close(in[0]);
		close(in[1]);
		return r;
	}
	fflush(stdout);
	if ((pid = fork()) == -1) {
		r = errno;
		close(in[0]);
		close(in[1]);
		close(err[0]);
		close(err[1]);
		return r;
	}
	if (pid == 0) {
		/* As the teller, never with the loket group (loket(1)). */
		if (setgid(getgid()) == -1)
			_exit(127);
		if ((dn = open("/dev/null", O_WRONLY)) != -1)
			dup2(dn, STDOUT_FILENO);
		dup2(in[0], STDIN_FILENO);
		dup2(err[1], STDERR_FILENO);
		close(in[0]);
		close(in[1]);
		close(err[0]);
		close(err[1]);
		signal(SIGPIPE, SIG_DFL);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(err[1]);
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);
	while (left > 0) {
		if ((w = write(in[1], p, left)) == -1) {
			if (errno == EINTR)
				continue;
			r = errno;
			break;
		}
		p += w;
		left -= (size_t)w;
	}
	close(in[1]);
	sigaction(SIGPIPE, &old, NULL);
	/* What the command said, for the message line. */
	while (n + 1 < sizeof buf &&
	    (w = read(err[0], buf + n, sizeof buf - 1 - n)) != 0) {
		if (w == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		n += (size_t)w;
	}
	buf[n] = '\0';
	close(err[0]);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return errno;
	buf[strcspn(buf, "\n")] = '\0';
	snprintf(why, whylen, "%s", buf);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return r;
	if (why[0] == '\0') {
		if (WIFEXITED(status))
			snprintf(why, whylen, _("%s exited with %d"), cmd,
			    WEXITSTATUS(status));
		else
			snprintf(why, whylen, _("%s was killed"), cmd);
	}
	return EIO;
}

/*
 * The terminal's own printer, for a teller far from the books: ANSI
 * media copy, ESC [5i turns the printer on and ESC [4i off, and what is
 * between goes to the printer, not to the screen (PuTTY, xterm and most
 * emulators pass it on to a local printer).  A terminal without one
 * may show it: the screen is drawn afresh afterwards.
 */
static int
print_terminal(const char *text)
{
	char	*out;
	size_t	 n = 0, i, left, cap = strlen(text) * 2 + 16;
	ssize_t	 w;
	int	 r = 0;

	if ((out = malloc(cap)) == NULL)
		return ENOMEM;
	memcpy(out, "\033[5i", 4);
	n = 4;
	for (i = 0; text[i] != '\0' && n + 8 < cap; i++) {
		if (text[i] == '\n')
			out[n++] = '\r';
		out[n++] = text[i];
	}
	memcpy(out + n, "\r\n\f\033[4i", 7);
	n += 7;
	for (i = 0, left = n; left > 0; ) {
		if ((w = write(STDOUT_FILENO, out + i, left)) == -1) {
			if (errno == EINTR)
				continue;
			r = errno;
			break;
		}
		i += (size_t)w;
		left -= (size_t)w;
	}
	free(out);
	clearok(curscr, TRUE);
	return r;
}

/*
 * Print text (a receipt, a statement) where the teller's receipts go:
 * the receipts file, the terminal's printer, or the print command.
 * Returns 0, or an errno with why, when the command said, filled in.
 */
int
tui_print(struct tui *t, const char *text, char *why, size_t whylen)
{
	FILE	*f;

	why[0] = '\0';
	if (t->opts.receipt_file != NULL) {
		if ((f = fopen(t->opts.receipt_file, "a")) == NULL)
			return errno;
		fputs(text, f);
		fputs("\n\f\n", f);
		return fclose(f) == 0 ? 0 : errno;
	}
	if (t->opts.print_cmd != NULL &&
	    strcmp(t->opts.print_cmd, "terminal") == 0)
		return print_terminal(text);
	return print_command(t->opts.print_cmd ? t->opts.print_cmd : "lp",
	    text, why, whylen);
}

/* After the receipt: the member still in view, else the search. */
static void
back(struct tui *t)
{
	if (t->member != 0)
		tui_go(t, &screen_member, t->member);
	else
		tui_go(t, &screen_search, 0);
}

static int
receipt_key(struct tui *t, int key, wint_t wc)
{
	char	 why[256];
	int	 r, n, rows;

	if (key == 0 && (wc == '\r' || wc == '\n')) {
		if ((r = tui_print(t, rtext, why, sizeof why)) != 0) {
			/* Stay: the teller fixes the printer and tries again. */
			tui_message(t, 1, "%s: %s", _("The receipt was not "
			    "printed"), why[0] != '\0' ? why : strerror(r));
			return K_REDRAW;
		}
		tui_message(t, 0, "%s", _("Receipt printed."));
		back(t);
		return K_REDRAW;
	}
	rows = t->rows - 7;	/* the receipt's rows when it scrolls */
	n = receipt_lines(body(t));
	if (key == KEY_DOWN || key == KEY_NPAGE) {
		top += key == KEY_DOWN ? 1 : rows;
		if (top > n - rows)
			top = n - rows > 0 ? n - rows : 0;
		return K_REDRAW;
	}
	if (key == KEY_UP || key == KEY_PPAGE) {
		top -= key == KEY_UP ? 1 : rows;
		if (top < 0)
			top = 0;
		return K_REDRAW;
	}
	if (key == 0 && wc == 27) {
		t->msg[0] = '\0';
		back(t);
		return K_REDRAW;
	}
	return K_UNHANDLED;
}

const struct screen screen_receipt = {
	.name = "receipt",
	.title = N_("Receipt"),
	.enter = receipt_enter,
	.draw = receipt_draw,
	.key = receipt_key,
};
