/*
 * cli/doc.c: printable documents.  A report is laid out once, as a list
 * of titles, headings, paragraphs, tables and a signature block, and
 * written three ways from the same list: text for the terminal, CSV for
 * spreadsheets, and groff source (ms macros, tbl for the tables) that
 * groff turns into PDF.  Nothing here knows what the report means.
 *
 * Errors while building (out of memory) are kept and returned by the
 * writers, so building code need not check every call.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

enum doc_item_type {
	DI_TITLE,
	DI_SECTION,
	DI_PARA,
	DI_TABLE,
	DI_ROW,
	DI_RULE,
	DI_SIGN,
	DI_BREAK
};

struct doc_item {
	enum doc_item_type	 type;
	int			 style;		/* DOC_ROW_* */
	size_t			 n;
	char			**cell;
};

struct doc {
	struct doc_item		*item;
	size_t			 nitem;
	size_t			 cap;
	char			*footer;	/* the cooperative, for groff */
	int			 error;
};

struct doc *
doc_new(const char *footer)
{
	struct doc	*d;

	if ((d = calloc(1, sizeof *d)) == NULL)
		return NULL;
	if (footer != NULL && (d->footer = strdup(footer)) == NULL) {
		free(d);
		return NULL;
	}
	return d;
}

void
doc_free(struct doc *d)
{
	size_t	 i, j;

	if (d == NULL)
		return;
	for (i = 0; i < d->nitem; i++) {
		for (j = 0; j < d->item[i].n; j++)
			free(d->item[i].cell[j]);
		free(d->item[i].cell);
	}
	free(d->item);
	free(d->footer);
	free(d);
}

static void
doc_add(struct doc *d, enum doc_item_type type, int style, size_t n,
    const char *const *cell)
{
	struct doc_item	*it, *grown;
	size_t		 i;

	if (d->error != 0)
		return;
	if (d->nitem == d->cap) {
		size_t	 cap = d->cap == 0 ? 64 : d->cap * 2;

		if ((grown = reallocarray(d->item, cap, sizeof *grown)) ==
		    NULL) {
			d->error = ENOMEM;
			return;
		}
		d->item = grown;
		d->cap = cap;
	}
	it = &d->item[d->nitem];
	memset(it, 0, sizeof *it);
	it->type = type;
	it->style = style;
	if (n != 0 && (it->cell = calloc(n, sizeof *it->cell)) == NULL) {
		d->error = ENOMEM;
		return;
	}
	for (i = 0; i < n; i++) {
		if ((it->cell[i] = strdup(cell[i] == NULL ? "" : cell[i])) ==
		    NULL) {
			while (i-- > 0)
				free(it->cell[i]);
			free(it->cell);
			d->error = ENOMEM;
			return;
		}
	}
	it->n = n;
	d->nitem++;
}

void
doc_title(struct doc *d, const char *line)
{
	doc_add(d, DI_TITLE, 0, 1, &line);
}

void
doc_section(struct doc *d, const char *heading)
{
	doc_add(d, DI_SECTION, 0, 1, &heading);
}

void
doc_para(struct doc *d, const char *text)
{
	doc_add(d, DI_PARA, 0, 1, &text);
}

/*
 * A table: its columns' headings and, in align, one letter a column:
 * 'l' left, 'r' right (amounts), 'c' centred.  Rows follow.
 */
void
doc_table(struct doc *d, size_t n, const char *const *head, const char *align)
{
	const char	*cells[DOC_MAXCOL + 1];
	size_t		 i;

	if (n == 0 || n > DOC_MAXCOL || strlen(align) != n) {
		d->error = EINVAL;
		return;
	}
	cells[0] = align;
	for (i = 0; i < n; i++)
		cells[i + 1] = head[i];
	doc_add(d, DI_TABLE, 0, n + 1, cells);
}

void
doc_row(struct doc *d, int style, const char *const *cell)
{
	size_t	 i, n = 0;

	for (i = d->nitem; i-- > 0;) {
		if (d->item[i].type == DI_TABLE) {
			n = d->item[i].n - 1;
			break;
		}
	}
	if (n == 0) {
		d->error = EINVAL;
		return;
	}
	doc_add(d, DI_ROW, style, n, cell);
}

void
doc_rule(struct doc *d)
{
	doc_add(d, DI_RULE, 0, 0, NULL);
}

/* Signature boxes: each a role ("Ketua"), with a line to sign on. */
void
doc_signatures(struct doc *d, const char *place_date, size_t n,
    const char *const *role)
{
	const char	*cells[DOC_MAXCOL + 1];
	size_t		 i;

	if (n == 0 || n > DOC_MAXCOL) {
		d->error = EINVAL;
		return;
	}
	cells[0] = place_date;
	for (i = 0; i < n; i++)
		cells[i + 1] = role[i];
	doc_add(d, DI_SIGN, 0, n + 1, cells);
}

void
doc_page_break(struct doc *d)
{
	doc_add(d, DI_BREAK, 0, 0, NULL);
}

/* Text. */

/* Print s in width columns, cut with "~" if it does not fit, padded. */
static void
put_cell(FILE *f, const char *s, size_t width, char align)
{
	char	 buf[1024];
	size_t	 w, pad;

	snprintf(buf, sizeof buf, "%s", s);
	while ((w = utf8_width(buf)) > width && buf[0] != '\0') {
		size_t	 len = strlen(buf);

		/* Drop the last character, whole. */
		while (len > 0 && (buf[--len] & 0xc0) == 0x80)
			;
		buf[len] = '\0';
		if (utf8_width(buf) + 1 <= width) {
			buf[len] = '~';
			buf[len + 1] = '\0';
			w = utf8_width(buf);
			break;
		}
	}
	pad = width > w ? width - w : 0;
	if (align == 'r')
		fprintf(f, "%*s%s", (int)pad, "", buf);
	else if (align == 'c')
		fprintf(f, "%*s%s%*s", (int)(pad / 2), "", buf,
		    (int)(pad - pad / 2), "");
	else
		fprintf(f, "%s%*s", buf, (int)pad, "");
}

/* Words of text folded at width. */
static void
put_folded(FILE *f, const char *s, size_t width, int centre)
{
	char	 line[1024], word[512];
	size_t	 lw = 0, ww;
	const char *p = s;

	line[0] = '\0';
	for (;;) {
		size_t	 n = 0;

		while (*p == ' ')
			p++;
		while (*p != '\0' && *p != ' ' && n < sizeof word - 1)
			word[n++] = *p++;
		word[n] = '\0';
		ww = utf8_width(word);
		if (n == 0 || (lw != 0 && lw + 1 + ww > width)) {
			if (lw != 0) {
				if (centre && width > lw)
					fprintf(f, "%*s", (int)((width - lw) /
					    2), "");
				fprintf(f, "%s\n", line);
			}
			line[0] = '\0';
			lw = 0;
			if (n == 0)
				break;
		}
		if (strlen(line) + n + 2 < sizeof line) {
			if (lw != 0) {
				strcat(line, " ");
				lw++;
			}
			strcat(line, word);
			lw += ww;
		}
	}
}

/*
 * A row's label wider than its column is folded at words, as an
 * accountant writes it: the lines before the last stand alone (each next
 * one starting at column in), and the returned last part is printed with
 * the amounts, so a label is never cut at 80 columns.  A word wider than
 * the column is left to put_cell, which marks the cut.
 */
const char *
fold_head(FILE *f, const char *s, size_t width, size_t in)
{
	char		 buf[1024];
	const char	*p = s, *brk;
	size_t		 n;

	while (utf8_width(p) > width) {
		/* The longest run of whole words that fits. */
		brk = NULL;
		for (n = 0; p[n] != '\0'; n++) {
			if (p[n] != ' ')
				continue;
			if (n >= sizeof buf)
				break;
			memcpy(buf, p, n);
			buf[n] = '\0';
			if (utf8_width(buf) > width)
				break;
			brk = p + n;
		}
		if (brk == NULL)
			break;
		fprintf(f, "%.*s\n%*s", (int)(brk - p), p, (int)in, "");
		p = brk + 1;
	}
	return p;
}

/* Column widths of the table at item t, squeezed into width. */
static void
table_widths(const struct doc *d, size_t t, size_t width, size_t *w)
{
	const struct doc_item	*tab = &d->item[t];
	size_t			 n = tab->n - 1, i, j, total, widest;

	for (j = 0; j < n; j++)
		w[j] = utf8_width(tab->cell[j + 1]);
	for (i = t + 1; i < d->nitem && d->item[i].type != DI_TABLE &&
	    d->item[i].type != DI_SECTION; i++) {
		if (d->item[i].type != DI_ROW)
			continue;
		for (j = 0; j < n; j++) {
			size_t	 cw = utf8_width(d->item[i].cell[j]) +
			    (j == 0 && d->item[i].style == DOC_ROW_INDENT ?
			    2 : 0);

			if (cw > w[j])
				w[j] = cw;
		}
	}
	/* Too wide: narrow the widest left-aligned column. */
	for (;;) {
		for (total = 0, j = 0; j < n; j++)
			total += w[j] + (j != 0);
		if (total <= width)
			break;
		for (widest = n, j = 0; j < n; j++) {
			if (tab->cell[0][j] == 'l' &&
			    (widest == n || w[j] > w[widest]))
				widest = j;
		}
		if (widest == n || w[widest] <= 8)
			break;
		w[widest] -= total - width < w[widest] - 8 ?
		    total - width : w[widest] - 8;
	}
}

int
doc_write_text(const struct doc *d, FILE *f, size_t width)
{
	size_t		 w[DOC_MAXCOL], i, j, t = 0, total = 0, x;
	const char	*align = "";
	int		 folded;

	if (d->error != 0)
		return d->error;
	if (width < 20)
		width = 20;
	for (i = 0; i < d->nitem; i++) {
		const struct doc_item *it = &d->item[i];

		switch (it->type) {
		case DI_TITLE:
			put_folded(f, it->cell[0], width, 1);
			if (i + 1 < d->nitem && d->item[i + 1].type != DI_TITLE)
				fputc('\n', f);
			break;
		case DI_SECTION:
			fprintf(f, "\n%s\n", it->cell[0]);
			break;
		case DI_PARA:
			put_folded(f, it->cell[0], width, 0);
			fputc('\n', f);
			break;
		case DI_TABLE:
			t = i;
			align = it->cell[0];
			table_widths(d, t, width, w);
			for (total = 0, j = 0; j < it->n - 1; j++)
				total += w[j] + (j != 0);
			for (j = 0; j < it->n - 1; j++) {
				if (j != 0)
					fputc(' ', f);
				put_cell(f, it->cell[j + 1], w[j], align[j]);
			}
			fputc('\n', f);
			for (j = 0; j < total; j++)
				fputc('-', f);
			fputc('\n', f);
			break;
		case DI_ROW:
			/*
			 * The first left-aligned cell too wide for its column
			 * folds: the cells before it on the first line, the
			 * cells after it on its last.
			 */
			for (folded = 0, x = 0, j = 0; j < it->n; j++) {
				const char	*c = it->cell[j];
				size_t		 in = j == 0 &&
				    it->style == DOC_ROW_INDENT ? 2 : 0;

				if (j != 0)
					fputc(' ', f);
				x += (j != 0) + in;
				fprintf(f, "%*s", (int)in, "");
				if (!folded && align[j] == 'l' &&
				    utf8_width(c) > w[j] - in) {
					c = fold_head(f, c, w[j] - in, x);
					folded = 1;
				}
				put_cell(f, c, w[j] - in, align[j]);
				x += w[j] - in;
			}
			fputc('\n', f);
			break;
		case DI_RULE:
			for (j = 0; j < (total != 0 ? total : width); j++)
				fputc('-', f);
			fputc('\n', f);
			break;
		case DI_SIGN:
			fprintf(f, "\n%*s%s\n\n", (int)(width / 2), "",
			    it->cell[0]);
			for (j = 1; j < it->n; j++) {
				put_cell(f, it->cell[j], width / (it->n - 1),
				    'c');
			}
			fputs("\n\n\n", f);
			for (j = 1; j < it->n; j++)
				put_cell(f, "(________________)",
				    width / (it->n - 1), 'c');
			fputc('\n', f);
			break;
		case DI_BREAK:
			fputc('\f', f);
			fputc('\n', f);
			break;
		}
	}
	return ferror(f) ? EIO : 0;
}

/* CSV: every table, its heading row first, tables apart by a blank line. */
static void
put_csv(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\n\r") == NULL && s[0] != ' ') {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

int
doc_write_csv(const struct doc *d, FILE *f)
{
	size_t	 i, j, tables = 0;

	if (d->error != 0)
		return d->error;
	for (i = 0; i < d->nitem; i++) {
		const struct doc_item *it = &d->item[i];
		size_t	 first = it->type == DI_TABLE ? 1 : 0;

		if (it->type != DI_TABLE && it->type != DI_ROW)
			continue;
		if (it->type == DI_TABLE && tables++ != 0)
			fputc('\n', f);
		for (j = first; j < it->n; j++) {
			if (j != first)
				fputc(',', f);
			put_csv(f, it->cell[j]);
		}
		fputc('\n', f);
	}
	return ferror(f) ? EIO : 0;
}

/* groff: ms with tbl. */

/* Text safe for troff: no escapes, no requests, no tbl tabs. */
static void
put_troff(FILE *f, const char *s, int line_start)
{
	if (line_start && (*s == '.' || *s == '\''))
		fputs("\\&", f);
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\\':
			fputs("\\e", f);
			break;
		case '\t':
		case '\n':
		case '\r':
			fputc(' ', f);
			break;
		case '-':
			fputs("\\-", f);
			break;
		default:
			fputc(*s, f);
			break;
		}
	}
}

int
doc_write_groff(const struct doc *d, FILE *f, const char *page_word)
{
	size_t		 i, j;
	int		 in_table = 0, titled = 0;

	if (d->error != 0)
		return d->error;
	fputs(".\\\" made by loket: groff -k -t -ms -Tpdf\n"
	    ".nr PS 10\n.nr VS 12\n.nr HM 2c\n.nr FM 2c\n"
	    ".nr LL 17c\n.ll 17c\n.nr PO 2c\n.po 2c\n.ds CH\n", f);
	fputs(".ds LF ", f);
	put_troff(f, d->footer != NULL ? d->footer : "", 0);
	fputs("\n.ds RF ", f);
	put_troff(f, page_word, 0);
	fputs(" \\\\n%\n", f);
	for (i = 0; i < d->nitem; i++) {
		const struct doc_item *it = &d->item[i];

		if (in_table && it->type != DI_ROW && it->type != DI_RULE) {
			fputs(".TE\n", f);
			in_table = 0;
		}
		switch (it->type) {
		case DI_TITLE:
			fputs(titled++ == 0 ? ".LP\n.ce 1\n\\s+2\\fB" :
			    ".ce 1\n\\fB", f);
			put_troff(f, it->cell[0], 0);
			fputs(titled == 1 ? "\\fP\\s0\n" : "\\fP\n", f);
			break;
		case DI_SECTION:
			fputs(".SH\n", f);
			put_troff(f, it->cell[0], 1);
			fputs("\n", f);
			break;
		case DI_PARA:
			fputs(".LP\n", f);
			put_troff(f, it->cell[0], 1);
			fputs("\n", f);
			break;
		case DI_TABLE:
			fputs(".TS H\nexpand;\n", f);
			for (j = 0; j < it->n - 1; j++)
				fprintf(f, "%scB", j == 0 ? "" : " ");
			fputs("\n", f);
			for (j = 0; j < it->n - 1; j++)
				fprintf(f, "%s%c", j == 0 ? "" : " ",
				    it->cell[0][j]);
			fputs(".\n", f);
			for (j = 1; j < it->n; j++) {
				if (j != 1)
					fputc('\t', f);
				put_troff(f, it->cell[j], j == 1);
			}
			fputs("\n_\n.TH\n", f);
			in_table = 1;
			break;
		case DI_ROW:
			for (j = 0; j < it->n; j++) {
				if (j != 0)
					fputc('\t', f);
				if (j == 0 && it->style == DOC_ROW_INDENT)
					fputs("\\h'1.5m'", f);
				if (it->style == DOC_ROW_BOLD &&
				    it->cell[j][0] != '\0')
					fputs("\\fB", f);
				put_troff(f, it->cell[j], j == 0 &&
				    it->style != DOC_ROW_INDENT &&
				    it->style != DOC_ROW_BOLD);
				if (it->style == DOC_ROW_BOLD &&
				    it->cell[j][0] != '\0')
					fputs("\\fP", f);
			}
			fputc('\n', f);
			break;
		case DI_RULE:
			fputs(in_table ? "_\n" : ".LP\n\\l'\\n(.lu'\n", f);
			break;
		case DI_SIGN:
			fputs(".sp 2\n.ne 8\n.ad r\n", f);
			put_troff(f, it->cell[0], 1);
			fputs("\n.ad b\n.sp 1\n.TS\nexpand;\n", f);
			for (j = 1; j < it->n; j++)
				fputs(j == 1 ? "c" : " c", f);
			fputs(".\n", f);
			for (j = 1; j < it->n; j++) {
				if (j != 1)
					fputc('\t', f);
				put_troff(f, it->cell[j], j == 1);
			}
			fputs("\n.sp 4\n", f);
			for (j = 1; j < it->n; j++)
				fputs(j == 1 ? "(\\l'4c')" : "\t(\\l'4c')", f);
			fputs("\n.TE\n", f);
			break;
		case DI_BREAK:
			fputs(".bp\n", f);
			break;
		}
	}
	if (in_table)
		fputs(".TE\n", f);
	return ferror(f) ? EIO : 0;
}

/*
 * Run argv with in as its standard input and out as its standard output
 * (-1: /dev/null), as the person who runs loket: the child gives up the
 * loket group before it runs anything.  Its standard error is kept only
 * when keep_err.  Returns 0 when it ran and exited 0, else an errno or
 * ECHILD for a non-zero exit.
 */
int
cli_run(char *const argv[], int in, int out, int keep_err)
{
	pid_t	 pid;
	int	 status, null;

	if ((pid = fork()) == -1)
		return errno;
	if (pid == 0) {
		if (setgid(getgid()) == -1)
			_exit(127);
		null = open("/dev/null", O_RDWR);
		if (in != -1)
			dup2(in, 0);
		else if (null != -1)
			dup2(null, 0);
		if (out != -1)
			dup2(out, 1);
		else if (null != -1)
			dup2(null, 1);
		if (!keep_err && null != -1)
			dup2(null, 2);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) == -1) {
		if (errno != EINTR)
			return errno;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return ECHILD;
	return 0;
}

/*
 * The PDF of d into the file out (open for writing), through groff.  The
 * source goes through a temporary file rather than a pipe, so that a
 * groff that fails early cannot leave us writing into a closed pipe.
 */
int
doc_write_pdf(const struct doc *d, int out, const char *page_word)
{
	static char	 groff[] = "groff", k[] = "-k", t[] = "-t", ms[] = "-ms",
			 pdf[] = "-Tpdf";
	char		 tmpl[] = "/tmp/loket-doc.XXXXXX";
	char		*argv[] = { groff, k, t, ms, pdf, NULL };
	FILE		*f = NULL;
	int		 fd, r;

	if (d->error != 0)
		return d->error;
	if ((fd = mkstemp(tmpl)) == -1)
		return errno;
	unlink(tmpl);
	if ((f = fdopen(fd, "w+")) == NULL) {
		r = errno;
		close(fd);
		return r;
	}
	if ((r = doc_write_groff(d, f, page_word)) == 0 && fflush(f) != 0)
		r = errno;
	if (r == 0 && lseek(fd, 0, SEEK_SET) == -1)
		r = errno;
	if (r == 0)
		r = cli_run(argv, fd, out, 0);
	fclose(f);
	return r;
}

/*
 * d out: as a PDF file named pdf, else as CSV (csv) or as text width
 * columns wide on standard output.  Says what failed, after cmdname, and
 * returns an exit status: 0 or EXIT_CANTCREAT.
 */
int
doc_write(const struct doc *d, const char *cmdname, int csv,
    const char *pdf, size_t width)
{
	int	 fd, r;

	if (pdf != NULL) {
		if ((fd = open(pdf, O_WRONLY | O_CREAT | O_TRUNC,
		    0644)) == -1) {
			cmd_error("%s: %s", pdf, strerror(errno));
			return EXIT_CANTCREAT;
		}
		r = doc_write_pdf(d, fd, _("page"));
		close(fd);
	} else if (csv)
		r = doc_write_csv(d, stdout);
	else
		r = doc_write_text(d, stdout, width);
	if (r != 0) {
		cmd_error(_("%s: cannot write the report: %s"), cmdname,
		    strerror(r));
		return EXIT_CANTCREAT;
	}
	return 0;
}
