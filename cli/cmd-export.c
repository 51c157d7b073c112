/*
 * cli/cmd-export.c: loket export, the journal written out for tools loket
 * did not write: a plain-text journal that ledger-cli and hledger both
 * read (one transaction per entry), or CSV with one line per posting.
 * The accounts are named as loket-export(8) says, so that each account
 * of each branch is one account there and a branch's books can be
 * picked out by its tag.
 */
#include <sys/stat.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

static int	cmd_export_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_export_entry = {
	.name = "export",
	.args = "b:o:p:",
	.minargs = 1,
	.maxargs = 1,
	.usage = "[-b branch] [-o file] [-p from..to] ledger | csv",
	.summary = N_("write the journal for ledger-cli and hledger, or as "
	    "CSV"),
	.flags = CMD_STORE,
	.exec = cmd_export_exec,
};

/* A general-ledger account of the branch being written, by code. */
struct gl_name {
	uint32_t	 gl;
	uint8_t		 type;
	char		 path[NAME_MAX_COLS * 4 + 64];	/* Type:CODE Name */
	char		 name[NAME_MAX_COLS * 4 + 1];
};

struct export {
	FILE			*f;
	int			 csv;
	uint32_t		 from;		/* business dates, inclusive */
	uint32_t		 to;
	struct store_txn	*t;
	const char		*branch;
	struct gl_name		*gl;		/* this branch's, as met */
	size_t			 ngl;
	struct entry		*e;
	struct entry		*orig;		/* the entry a reversal undoes */
	uint64_t		 written;
};

/* The top of each account's name, by its type (struct account). */
static const char *
type_name(uint8_t type)
{
	switch (type) {
	case ACCT_ASSET:
		return "Aset";
	case ACCT_LIABILITY:
		return "Kewajiban";
	case ACCT_EQUITY:
		return "Ekuitas";
	case ACCT_INCOME:
		return "Pendapatan";
	default:
		return "Beban";
	}
}

/*
 * Text as a name or a description in the journal: a colon would start a
 * new level of account, a semicolon a comment, two spaces end an account
 * name, a square bracket a date in ledger-cli's comments.  So a colon
 * becomes a dot, a semicolon a comma, brackets parentheses, and runs of
 * blanks one space.
 */
static void
clean(const char *s, char *out, size_t len)
{
	size_t	 n = 0;
	char	 c;

	if (len == 0)
		return;
	for (; *s != '\0' && n + 1 < len; s++) {
		c = *s;
		switch (c) {
		case ':':
			c = '.';
			break;
		case ';':
			c = ',';
			break;
		case '[':
			c = '(';
			break;
		case ']':
			c = ')';
			break;
		case '\t':
		case '\n':
		case '\r':
			c = ' ';
			break;
		}
		if (c == ' ' && (n == 0 || out[n - 1] == ' '))
			continue;
		out[n++] = c;
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

/* A CSV field in double quotes, a quote doubled. */
static void
csv_text(FILE *f, const char *s)
{
	putc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putc('"', f);
		putc(*s, f);
	}
	putc('"', f);
}

/* Sen as Rupiah with two decimals, a plain number: -1250000.50 */
static void
put_amount(FILE *f, int64_t v)
{
	uint64_t	 mag = v < 0 ? -(uint64_t)v : (uint64_t)v;

	fprintf(f, "%s%" PRIu64 ".%02" PRIu64, v < 0 ? "-" : "", mag / 100,
	    mag % 100);
}

static void
put_time(FILE *f, int64_t secs)
{
	struct tm	 tm;
	time_t		 tt = (time_t)secs;
	char		 buf[32];

	if (gmtime_r(&tt, &tm) == NULL ||
	    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, sizeof buf, "%" PRId64, secs);
	fputs(buf, f);
}

/* The entry's kind in words: "loan-repay" is "loan repay". */
static void
kind_words(uint16_t kind, char *out, size_t len)
{
	char	*p;

	snprintf(out, len, "%s", entry_kind_name(kind));
	for (p = out; *p != '\0'; p++)
		if (*p == '-')
			*p = ' ';
}

static int
gl_find(struct export *x, uint32_t gl, struct gl_name **out)
{
	struct account	 a;
	struct gl_name	*g;
	char		 name[sizeof a.name];
	size_t		 i;
	int		 r;

	for (i = 0; i < x->ngl; i++) {
		if (x->gl[i].gl == gl) {
			*out = &x->gl[i];
			return 0;
		}
	}
	if ((r = account_get(x->t, x->branch, gl, 0, &a)) != 0)
		return r;
	if ((g = reallocarray(x->gl, x->ngl + 1, sizeof *g)) == NULL)
		return errno;
	x->gl = g;
	g = &x->gl[x->ngl++];
	g->gl = gl;
	g->type = a.type;
	snprintf(g->name, sizeof g->name, "%s", a.name);
	clean(a.name, name, sizeof name);
	snprintf(g->path, sizeof g->path, "%s:%" PRIu32 " %s",
	    type_name(a.type), gl, name);
	*out = g;
	return 0;
}

/* The member an entry is about, if any: its own field, or its loan's. */
static int
entry_member(struct export *x, const struct entry *e, uint64_t *n)
{
	struct loan	 l;
	uint64_t	 ln;

	if (entry_get_u64(e, F_MEMBER, n) == 0 && *n != 0)
		return 0;
	if (entry_get_u64(e, F_LOAN, &ln) == 0 &&
	    loan_get(x->t, e->branch, ln, &l) == 0) {
		*n = l.member;
		return 0;
	}
	*n = 0;
	return STORE_E_NOTFOUND;
}

static int
write_ledger(struct export *x, const struct entry *e, uint64_t mem,
    const char *mname)
{
	FILE		*f = x->f;
	struct gl_name	*g;
	struct account	 a;
	char		 date[16], words[64], num[32], name[sizeof a.name];
	char		 memo[ENTRY_MAXSIZE], path[sizeof g->path + 16 +
			    sizeof a.name];
	uint16_t	 i;
	int		 r;

	date_format(e->date, date, sizeof date);
	kind_words(e->kind, words, sizeof words);
	fprintf(f, "%s * (%s/%" PRIu64 ") %s", date, e->branch, e->seq, words);
	if (e->reverses != 0) {
		kind_words(x->orig->kind, words, sizeof words);
		fprintf(f, " of %s/%" PRIu64 " (%s)", e->branch, e->reverses,
		    words);
	}
	if (mem != 0) {
		member_format_number(e->branch, mem, num, sizeof num);
		clean(mname, name, sizeof name);
		fprintf(f, " %s%s%s", num, name[0] != '\0' ? " " : "", name);
	}
	fprintf(f, "\n    ; branch: %s\n    ; user: %s\n", e->branch, e->user);
	if (e->approver[0] != '\0')
		fprintf(f, "    ; approver: %s\n", e->approver);
	fputs("    ; time: ", f);
	put_time(f, e->time);
	putc('\n', f);
	if (e->reverses != 0)
		fprintf(f, "    ; reverses: %s/%" PRIu64 "\n", e->branch,
		    e->reverses);
	if (mem != 0)
		fprintf(f, "    ; member: %s\n", num);
	if (entry_get_str(e, F_MEMO, memo, sizeof memo) == 0 &&
	    memo[0] != '\0') {
		clean(memo, memo, sizeof memo);
		fprintf(f, "    ; memo: %s\n", memo);
	}
	for (i = 0; i < e->npost; i++) {
		const struct posting *p = &e->post[i];

		if ((r = gl_find(x, p->gl, &g)) != 0)
			return r;
		if (p->sub == 0)
			snprintf(path, sizeof path, "%s:%s", g->path,
			    e->branch);
		else {
			if ((r = account_get(x->t, e->branch, p->gl, p->sub,
			    &a)) != 0)
				return r;
			clean(a.name, name, sizeof name);
			snprintf(path, sizeof path, "%s:%s:%" PRIu32 ".%"
			    PRIu64 " %s", g->path, e->branch, p->gl, p->sub,
			    name);
		}
		fprintf(f, "    %s  IDR ", path);
		put_amount(f, p->amount);
		putc('\n', f);
	}
	putc('\n', f);
	return 0;
}

static int
write_csv(struct export *x, const struct entry *e, uint64_t mem)
{
	FILE		*f = x->f;
	struct gl_name	*g;
	struct account	 a;
	char		 date[16], num[32], code[48];
	uint16_t	 i;
	int		 r;

	date_format(e->date, date, sizeof date);
	num[0] = '\0';
	if (mem != 0)
		member_format_number(e->branch, mem, num, sizeof num);
	for (i = 0; i < e->npost; i++) {
		const struct posting *p = &e->post[i];
		const char *name;

		if ((r = gl_find(x, p->gl, &g)) != 0)
			return r;
		name = g->name;
		if (p->sub != 0) {
			if ((r = account_get(x->t, e->branch, p->gl, p->sub,
			    &a)) != 0)
				return r;
			name = a.name;
		}
		account_format_code(p->gl, p->sub, code, sizeof code);
		fprintf(f, "%s,%" PRIu64 ",%s,", e->branch, e->seq, date);
		put_time(f, e->time);
		fprintf(f, ",%s,%s,%s,%s,", e->user, entry_kind_name(e->kind),
		    num, code);
		csv_text(f, name);
		putc(',', f);
		if (p->amount > 0)
			put_amount(f, p->amount);
		putc(',', f);
		if (p->amount < 0)
			put_amount(f, -p->amount);
		putc('\n', f);
	}
	return 0;
}

/* Every entry of one branch dated within the range, in order. */
static int
export_branch(struct export *x, const struct branch *b)
{
	struct entry	*e = x->e;
	struct member	 m;
	uint64_t	 seq, mem, lo, hi, mid;
	int		 r;

	x->branch = b->code;
	x->ngl = 0;
	/*
	 * The business date never goes back, so the first entry of the
	 * range is found by halving, and the first one after it ends it.
	 */
	lo = 1;
	hi = b->next_seq;
	while (x->from != 0 && lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((r = journal_get(x->t, b->code, mid, e)) != 0)
			return r;
		if (e->date < x->from)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (seq = lo; seq < b->next_seq; seq++) {
		if ((r = journal_get(x->t, b->code, seq, e)) != 0)
			return r;
		if (e->date < x->from)
			continue;
		if (e->date > x->to)
			break;
		if (e->reverses != 0 && (r = journal_get(x->t, b->code,
		    e->reverses, x->orig)) != 0)
			return r;
		if (entry_member(x, e, &mem) != 0 && e->reverses != 0)
			(void)entry_member(x, x->orig, &mem);
		m.name[0] = '\0';
		if (mem != 0 && member_get(x->t, b->code, mem, &m) != 0)
			m.name[0] = '\0';
		if (x->csv)
			r = write_csv(x, e, mem);
		else
			r = write_ledger(x, e, mem, m.name);
		if (r != 0)
			return r;
		x->written++;
	}
	return 0;
}

static void
ledger_header(struct export *x, const struct branch *bs, size_t nb)
{
	char	 d[16];
	size_t	 i;

	fprintf(x->f, "; loket export ledger: the journal of");
	for (i = 0; i < nb; i++)
		fprintf(x->f, " %s", bs[i].code);
	if (x->from != 0) {
		date_format(x->from, d, sizeof d);
		fprintf(x->f, ", from %s", d);
	}
	if (x->to != UINT32_MAX) {
		date_format(x->to, d, sizeof d);
		fprintf(x->f, ", to %s", d);
	}
	fprintf(x->f, "\n; accounts: TYPE:CODE NAME:BRANCH[:CODE.SUB NAME]; "
	    "amounts in IDR, debit positive\n"
	    "account Aset  ; type: A\n"
	    "account Kewajiban  ; type: L\n"
	    "account Ekuitas  ; type: E\n"
	    "account Pendapatan  ; type: R\n"
	    "account Beban  ; type: X\n\n");
}

static int
cmd_export_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct export	 x;
	struct branch	*bs = NULL, one;
	const char	*given = NULL, *out = NULL, *range = NULL;
	char		*tmp = NULL;
	size_t		 nb = 0, i;
	int		 ch, r, fd = -1, ret = 1;
	mode_t		 um;

	memset(&x, 0, sizeof x);
	x.to = UINT32_MAX;
	while ((ch = getopt(argc, argv, cmd_export_entry.args)) != -1) {
		switch (ch) {
		case 'b':
			given = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'p':
			range = optarg;
			break;
		default:
			return cmd_usage(ctx->entry);
		}
	}
	if (strcmp(argv[optind], "csv") == 0)
		x.csv = 1;
	else if (strcmp(argv[optind], "ledger") != 0) {
		cmd_error(_("export: %s: unknown format"), argv[optind]);
		return cmd_usage(ctx->entry);
	}
	if (range != NULL && cli_range(range, &x.from, &x.to) != 0) {
		cmd_error(_("export: %s: not a range of dates (write "
		    "2026-01-01..2026-06-30)"), range);
		return EXIT_USAGE;
	}
	if (out != NULL && *out == '\0') {
		cmd_error("%s", _("export: an empty file name"));
		return EXIT_USAGE;
	}

	if ((x.e = malloc(sizeof *x.e)) == NULL ||
	    (x.orig = malloc(sizeof *x.orig)) == NULL) {
		cmd_error("%s", strerror(errno));
		goto out;
	}
	/* One read snapshot: tellers may post while it runs. */
	if ((r = store_begin(ctx->st, 1, &x.t)) != 0) {
		ret = cmd_store_error(NULL, r);
		goto out;
	}
	if (given != NULL) {
		if (branch_get(x.t, given, &one) != 0) {
			cmd_error(_("%s: no such branch"), given);
			ret = EXIT_DATAERR;
			goto out;
		}
		snprintf(one.code, sizeof one.code, "%s", given);
		bs = &one;
		nb = 1;
	} else {
		if ((r = branch_list(x.t, NULL, 0, &nb)) != 0 ||
		    (bs = calloc(nb ? nb : 1, sizeof *bs)) == NULL ||
		    (r = branch_list(x.t, bs, nb, &nb)) != 0) {
			ret = cmd_store_error(NULL, r ? r : errno);
			goto out;
		}
	}

	/* Into a file beside the one asked for, renamed when complete. */
	x.f = stdout;
	if (out != NULL) {
		if ((tmp = malloc(strlen(out) + 8)) == NULL) {
			cmd_error("%s", strerror(errno));
			goto out;
		}
		snprintf(tmp, strlen(out) + 8, "%s.XXXXXX", out);
		if ((fd = mkstemp(tmp)) == -1) {
			cmd_error("%s: %s", out, strerror(errno));
			free(tmp);
			tmp = NULL;
			ret = EXIT_CANTCREAT;
			goto out;
		}
		um = umask(0);
		umask(um);
		if (fchmod(fd, 0666 & ~um) != 0 ||
		    (x.f = fdopen(fd, "w")) == NULL) {
			cmd_error("%s: %s", out, strerror(errno));
			ret = EXIT_CANTCREAT;
			goto out;
		}
		fd = -1;
	}

	if (x.csv)
		fprintf(x.f, "branch,number,date,time,user,kind,member,"
		    "account,name,debit,credit\n");
	else
		ledger_header(&x, bs, nb);
	for (i = 0, r = 0; r == 0 && i < nb; i++)
		r = export_branch(&x, &bs[i]);
	if (r != 0) {
		ret = cmd_store_error("export", r);
		goto out;
	}
	if (fflush(x.f) != 0 || ferror(x.f)) {
		cmd_error("%s: %s", out != NULL ? out : _("standard output"),
		    strerror(errno));
		ret = EXIT_CANTCREAT;
		goto out;
	}
	if (out != NULL) {
		r = fclose(x.f);
		x.f = NULL;
		if (r != 0 || rename(tmp, out) != 0) {
			cmd_error("%s: %s", out, strerror(errno));
			ret = EXIT_CANTCREAT;
			goto out;
		}
		free(tmp);
		tmp = NULL;
	}
	ret = 0;
out:
	if (x.f != NULL && x.f != stdout)
		fclose(x.f);
	if (fd != -1)
		close(fd);
	if (tmp != NULL) {
		unlink(tmp);
		free(tmp);
	}
	if (x.t != NULL)
		store_abort(x.t);
	if (bs != &one)
		free(bs);
	free(x.gl);
	free(x.orig);
	free(x.e);
	return ret;
}
