/*
 * cli/util.c: what several commands need: passwords from the terminal or
 * standard input, request ids, the default branch, dates.
 */
#include <sys/random.h>

#include <errno.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

/*
 * A password: on a terminal, prompted with echo off; otherwise the next
 * line of standard input (for scripts and tests).  The whole line is
 * read, however long, so that nothing of it is left to be taken for the
 * next password; a line longer than PASSWORD_MAX bytes (or than buf) or
 * holding a NUL is refused, never cut: EMSGSIZE or EILSEQ, said here.
 * EIO when there is no line at all.  On any error buf is wiped.
 */
int
cli_read_password(const char *prompt, char *buf, size_t len)
{
	struct termios	 old, quiet;
	int		 tty = isatty(STDIN_FILENO), r = 0, c, nul = 0;
	size_t		 n = 0;

	if (tty) {
		fprintf(stderr, "%s", prompt);
		fflush(stderr);
		if (tcgetattr(STDIN_FILENO, &old) != 0)
			return errno;
		quiet = old;
		quiet.c_lflag &= ~(ECHO | ECHONL);
		quiet.c_lflag |= ICANON;
		if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0)
			return errno;
	}
	while ((c = getchar()) != EOF && c != '\n') {
		if (c == '\0')
			nul = 1;
		if (n + 1 < len)
			buf[n] = (char)c;
		if (n < SIZE_MAX)
			n++;
	}
	if (c == EOF && n == 0)
		r = EIO;
	if (tty) {
		(void)tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (r == 0 && n > 0 && n < len && buf[n - 1] == '\r')
		n--;
	if (r == 0 && nul) {
		cmd_error("%s", _("the password holds a NUL byte: refused"));
		r = EILSEQ;
	} else if (r == 0 && (n > PASSWORD_MAX || n >= len)) {
		cmd_error(_("the password is longer than %d bytes: refused"),
		    PASSWORD_MAX);
		r = EMSGSIZE;
	}
	if (r != 0) {
		explicit_bzero(buf, len);
		return r;
	}
	buf[n] = '\0';
	return 0;
}

/* Whether cli_read_password() has said why it refused. */
int
cli_password_refused(int r)
{
	return r == EILSEQ || r == EMSGSIZE;
}

/* A new password, asked twice on a terminal. */
int
cli_new_password(const char *who, char *buf, size_t len)
{
	char	 again[256], prompt[256];
	int	 r;

	snprintf(prompt, sizeof prompt, _("New password for %s: "), who);
	if ((r = cli_read_password(prompt, buf, len)) != 0)
		return r;
	if (!isatty(STDIN_FILENO))
		return 0;
	if ((r = cli_read_password(_("Again: "), again, sizeof again)) != 0)
		return r;
	r = strcmp(again, buf) == 0 ? 0 : EINVAL;
	explicit_bzero(again, sizeof again);
	if (r != 0)
		cmd_error("%s", _("the passwords differ"));
	return r;
}

/* A request id for one command run: random, so a rerun posts anew. */
void
cli_request_id(char *buf, size_t len)
{
	uint8_t	 rnd[12];
	size_t	 i;

	if (getrandom(rnd, sizeof rnd, 0) != sizeof rnd)
		memset(rnd, 0, sizeof rnd);
	snprintf(buf, len, "cli-");
	for (i = 0; i < sizeof rnd && strlen(buf) + 3 <= len; i++)
		snprintf(buf + strlen(buf), len - strlen(buf), "%02x", rnd[i]);
}

/*
 * The branch a command acts on: the one given, or else the only branch
 * that is primary here.
 */
struct primary_arg {
	struct store_txn	*t;
	char			*out;
	size_t			 len;
	size_t			 found;
};

static int
one_primary(void *arg, const struct branch *b)
{
	struct primary_arg	*pa = arg;

	if (store_is_primary(pa->t, b->code) && pa->found++ == 0) {
		snprintf(pa->out, pa->len, "%s", b->code);
		setenv("TZ", b->tz, 1);
	}
	return 0;
}

int
cli_branch(struct cmd_ctx *ctx, const char *given, char *out, size_t len)
{
	struct primary_arg	 pa;
	struct store_txn	*t;
	struct branch		 b;
	int			 r;

	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	if (given != NULL) {
		r = branch_get(t, given, &b);
		store_abort(t);
		if (r != 0) {
			cmd_error(_("%s: no such branch"), given);
			return EXIT_DATAERR;
		}
		snprintf(out, len, "%s", given);
		setenv("TZ", b.tz, 1);	/* receipts tell the branch's time */
		return 0;
	}
	pa.t = t;
	pa.out = out;
	pa.len = len;
	pa.found = 0;
	r = branch_walk(t, one_primary, &pa);
	store_abort(t);
	if (r != 0)
		return cmd_store_error(NULL, r);
	if (pa.found != 1) {
		cmd_error("%s", _("more than one branch here: name one "
		    "with -b"));
		return EXIT_USAGE;
	}
	return 0;
}

/* Sign a user in for a command; prints why not. */
int
cli_sign_in(struct cmd_ctx *ctx, const char *branch, const char *login,
    struct user *u)
{
	char	 pw[256], prompt[256];
	int	 r;

	snprintf(prompt, sizeof prompt, _("Password for %s: "), login);
	if ((r = cli_read_password(prompt, pw, sizeof pw)) != 0) {
		if (!cli_password_refused(r))
			cmd_error("%s", _("no password given"));
		return EXIT_NOPERM;
	}
	r = user_auth(ctx->st, branch, login, pw, u);
	explicit_bzero(pw, sizeof pw);
	if (r != 0)
		return cmd_store_error(login, r);
	return 0;
}

/* Today's date in a time zone, as days since 1970. */
uint32_t
cli_today(const char *tz)
{
	time_t		 now = time(NULL);
	struct tm	 tm;
	char		*old = getenv("TZ"), *save = NULL;

	if (old != NULL)
		save = strdup(old);
	setenv("TZ", tz, 1);
	tzset();
	localtime_r(&now, &tm);
	if (save != NULL) {
		setenv("TZ", save, 1);
		free(save);
	} else
		unsetenv("TZ");
	tzset();
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/*
 * The acting user of a command that posts, signed in on branch with a
 * password.  Prints why not.
 */
int
cli_actor(struct cmd_ctx *ctx, const char *branch, const char *login,
    struct user *u)
{
	if (login == NULL) {
		cmd_error(_("%s: name the user with -u"), ctx->entry->name);
		return cmd_usage(ctx->entry);
	}
	if (!user_valid_login(login)) {
		cmd_error(_("%s: %s: no such user"), ctx->entry->name, login);
		return EXIT_DATAERR;
	}
	return cli_sign_in(ctx, branch, login, u);
}

/* An amount typed as a person would: "1.250.000", "Rp 50.000". */
int
cli_amount(const char *what, const char *s, int64_t *sen)
{
	int	 r;

	if ((r = money_parse(s, sen)) != 0) {
		if (r == ERANGE)
			cmd_error(_("%s: %s: the amount is too large"), what, s);
		else
			cmd_error(_("%s: %s: not a Rupiah amount (write "
			    "1.250.000 or 1250000)"), what, s);
		return EXIT_DATAERR;
	}
	if (*sen <= 0) {
		cmd_error(_("%s: %s: the amount must be more than zero"), what,
		    s);
		return EXIT_DATAERR;
	}
	return 0;
}

/* gettext as a function, for the store's formatters that take one. */
const char *
cli_tr(const char *s)
{
	return gettext(s);
}

/* Print the receipt of entry seq, as the teller would hand it over. */
int
cli_print_receipt(struct cmd_ctx *ctx, const char *branch, uint64_t seq)
{
	struct store_txn	*t;
	struct receipt		*rc;
	char			 text[4096];
	int			 r;

	if ((rc = calloc(1, sizeof *rc)) == NULL)
		return cmd_store_error(NULL, ENOMEM);
	if ((r = store_begin(ctx->st, 1, &t)) == 0) {
		r = store_receipt(t, branch, seq, rc);
		store_abort(t);
	}
	if (r == 0)
		r = receipt_format(rc, cli_tr, text, sizeof text);
	free(rc);
	if (r != 0)
		return cmd_store_error(NULL, r);
	fputs(text, stdout);
	return 0;
}

/*
 * Post q with a fresh request id, asking for the approver's password
 * when q names one; on success print the receipt (if receipt) and
 * return 0.
 */
/* The branch's cash unit (cash.rounding) as "Rp 100", for messages. */
void
cli_cash_unit(struct cmd_ctx *ctx, const char *branch, char *buf, size_t len)
{
	struct store_txn	*t;
	int64_t			 unit = 0;

	if (store_begin(ctx->st, 1, &t) == 0) {
		unit = savings_setting(t, branch, "cash.rounding");
		store_abort(t);
	}
	money_format(unit, buf, len);
}

int
cli_post(struct cmd_ctx *ctx, struct post_req *q, int receipt,
    uint64_t *seq)
{
	struct post_result	 res;
	char			 id[64], pw[256], prompt[256];
	int			 r;

	cli_request_id(id, sizeof id);
	q->request_id = id;
	pw[0] = '\0';
	if (q->approver != NULL) {
		snprintf(prompt, sizeof prompt, _("Approver %s's password: "),
		    q->approver);
		if ((r = cli_read_password(prompt, pw, sizeof pw)) != 0) {
			if (!cli_password_refused(r))
				cmd_error("%s",
				    _("no password given for the approver"));
			return EXIT_NOPERM;
		}
		q->approver_password = pw;
	}
	r = store_post(ctx->st, q, &res);
	explicit_bzero(pw, sizeof pw);
	if (r == STORE_E_CASHUNIT) {
		char	 unit[48];

		cli_cash_unit(ctx, q->branch, unit, sizeof unit);
		cmd_error(_("%s: cash is counted in multiples of %s"),
		    ctx->entry->name, unit);
		return EXIT_DATAERR;
	}
	if (r != 0)
		return cmd_store_error(ctx->entry->name, r);
	if (seq != NULL)
		*seq = res.seq;
	if (receipt)
		return cli_print_receipt(ctx, q->branch, res.seq);
	return 0;
}

/* A member number as typed: "MOF-000123" or "123". */
int
cli_member(struct cmd_ctx *ctx, const char *branch, const char *s,
    uint64_t *n)
{
	struct store_txn	*t;
	struct member		 m;
	int			 r;

	if (member_parse_number(branch, s, n) != 0) {
		cmd_error(_("%s: %s: not a member number"), ctx->entry->name,
		    s);
		return EXIT_DATAERR;
	}
	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	r = member_get(t, branch, *n, &m);
	store_abort(t);
	if (r != 0) {
		cmd_error(_("%s: %s: no such member"), ctx->entry->name, s);
		return EXIT_DATAERR;
	}
	return 0;
}

/*
 * getenv() for a variable that names a file or a command (LOKET_DIR,
 * LOKET_PRINT, LOKET_RECEIPTS, TMPDIR...): NULL when loket runs setgid
 * (or setuid), where the real and effective ids differ, so that the
 * group the installed binary runs with is never lent to what a user's
 * environment names.
 */
const char *
cli_getenv_file(const char *name)
{
	if (getgid() != getegid() || getuid() != geteuid())
		return NULL;
	return getenv(name);
}

/* "FROM..TO", either end left out for no bound, or one date. */
int
cli_range(const char *s, uint32_t *from, uint32_t *to)
{
	const char	*dots;
	char		 a[16];

	*from = 0;
	*to = UINT32_MAX;
	if ((dots = strstr(s, "..")) == NULL)
		return date_parse(s, from) != 0 || date_parse(s, to) != 0 ?
		    -1 : 0;
	if ((size_t)(dots - s) >= sizeof a)
		return -1;
	memcpy(a, s, dots - s);
	a[dots - s] = '\0';
	if (a[0] != '\0' && date_parse(a, from) != 0)
		return -1;
	if (dots[2] != '\0' && date_parse(dots + 2, to) != 0)
		return -1;
	if (a[0] == '\0' && dots[2] == '\0')
		return -1;
	return *from <= *to ? 0 : -1;
}
