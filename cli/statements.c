/*
 * cli/statements.c: the parts of the printable documents that more than
 * one command lays out: the financial statements, the loan portfolio,
 * savings and members (loket report), the SHU and its split (loket shu),
 * all gathered again in the RAT pack (loket rat pack).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

int	 doc_plain;	/* CSV: amounts as plain numbers */

const char *const shu_part_names[SHU_NPART] = {
	N_("reserve (cadangan)"), N_("members (jasa anggota)"),
	N_("board fund (dana pengurus)"), N_("staff fund (dana karyawan)"),
	N_("education fund (dana pendidikan)"),
	N_("social fund (dana sosial)")
};


/* An amount as text shows it, or as CSV wants it: 1234.50. */
void
doc_amount(int64_t v, char *buf, size_t len)
{
	uint64_t	 mag = v < 0 ? -(uint64_t)v : (uint64_t)v;

	if (!doc_plain)
		money_format(v, buf, len);
	else
		snprintf(buf, len, "%s%" PRIu64 ".%02" PRIu64, v < 0 ? "-" : "",
		    mag / 100, mag % 100);
}

static int
stmt_line(void *arg, const struct stmt_row *row)
{
	struct doc	*d = arg;
	char		 a[48], b[48], label[256];
	const char	*cells[3];

	snprintf(label, sizeof label, "%s", _(row->label));
	cells[0] = label;
	if (row->style == SR_HEAD) {
		cells[1] = cells[2] = "";
		doc_row(d, DOC_ROW_BOLD, cells);
		return 0;
	}
	doc_amount(row->amount, a, sizeof a);
	doc_amount(row->compare, b, sizeof b);
	cells[1] = a;
	cells[2] = b;
	doc_row(d, row->style == SR_TOTAL ? DOC_ROW_BOLD :
	    row->level ? DOC_ROW_INDENT : DOC_ROW_PLAIN, cells);
	return 0;
}

/* A statement's table: this period and a year before, from..to. */
int
statement_doc(struct store_txn *t, int which, const char *branch,
    uint32_t from, uint32_t to, struct doc *d)
{
	const char	*head[3];
	char		 d0[16], d1[16], c0[16], c1[16], cur[40], cmp[40];

	date_format(from, d0, sizeof d0);
	date_format(to, d1, sizeof d1);
	date_format(date_year_before(from), c0, sizeof c0);
	date_format(date_year_before(to), c1, sizeof c1);
	if (which == ST_NERACA) {
		snprintf(cur, sizeof cur, "%s", d1);
		snprintf(cmp, sizeof cmp, "%s", c1);
	} else {
		snprintf(cur, sizeof cur, "%s..%s", d0, d1);
		snprintf(cmp, sizeof cmp, "%s..%s", c0, c1);
	}
	head[0] = "";
	head[1] = cur;
	head[2] = cmp;
	doc_table(d, 3, head, "lrr");
	return statement(t, which, branch, from, to, stmt_line, d);
}

static void
pct_bp(uint32_t bp, char *buf, size_t len)
{
	snprintf(buf, len, "%u,%02u%%", bp / 100, bp % 100);
}

int
portfolio_doc(struct store_txn *t, const char *branch, uint32_t to,
    struct doc *d)
{
	struct portfolio	 p;
	const char		*head[5], *cells[5];
	char			 c[32], o[48], q[48], x[48];
	int			 k, r;

	if ((r = portfolio_get(t, branch, to, &p)) != 0)
		return r;
	head[0] = _("class");
	head[1] = _("loans");
	head[2] = _("outstanding");
	head[3] = _("provision required");
	doc_table(d, 4, head, "lrrr");
	for (k = LOAN_LANCAR; k <= LOAN_MACET; k++) {
		snprintf(c, sizeof c, "%llu", (unsigned long long)p.count[k]);
		doc_amount(p.outstanding[k], o, sizeof o);
		doc_amount(p.required[k], q, sizeof q);
		cells[0] = _(loan_class_name(k));
		cells[1] = c;
		cells[2] = o;
		cells[3] = q;
		doc_row(d, DOC_ROW_PLAIN, cells);
	}
	doc_amount(p.total, o, sizeof o);
	doc_amount(p.total_required, q, sizeof q);
	cells[0] = _("total");
	cells[1] = "";
	cells[2] = o;
	cells[3] = q;
	doc_row(d, DOC_ROW_BOLD, cells);
	head[0] = _("figure");
	head[1] = _("value");
	doc_table(d, 2, head, "lr");
	doc_amount(p.booked, x, sizeof x);
	cells[0] = _("allowance booked");
	cells[1] = x;
	doc_row(d, DOC_ROW_PLAIN, cells);
	doc_amount(p.npl, x, sizeof x);
	cells[0] = _("non-performing loans");
	cells[1] = x;
	doc_row(d, DOC_ROW_PLAIN, cells);
	pct_bp(p.npl_bp, x, sizeof x);
	cells[0] = _("NPL ratio");
	cells[1] = x;
	doc_row(d, DOC_ROW_PLAIN, cells);
	doc_amount(p.par30, x, sizeof x);
	cells[0] = _("portfolio at risk (over 30 days)");
	cells[1] = x;
	doc_row(d, DOC_ROW_PLAIN, cells);
	pct_bp(p.par_bp, x, sizeof x);
	cells[0] = _("PAR ratio");
	cells[1] = x;
	doc_row(d, DOC_ROW_PLAIN, cells);
	if (p.rebuilt)
		doc_para(d, _("No month end: each loan as it stood that day, "
		    "from the journal."));
	return 0;
}

int
savings_doc(struct store_txn *t, const char *branch, uint32_t to,
    struct doc *d)
{
	static const char *kinds[SAVK_N] = { N_("pokok"), N_("wajib"),
	    N_("sukarela"), N_("berjangka") };
	struct savings_summary	 s;
	const char		*head[3], *cells[3];
	char			 c[32], b[48];
	int64_t			 total = 0;
	int			 k, r;

	if ((r = savings_summary(t, branch, to, &s)) != 0)
		return r;
	head[0] = _("savings");
	head[1] = _("accounts");
	head[2] = _("balance");
	doc_table(d, 3, head, "lrr");
	for (k = 0; k < SAVK_N; k++) {
		snprintf(c, sizeof c, "%llu",
		    (unsigned long long)s.accounts[k]);
		doc_amount(s.balance[k], b, sizeof b);
		cells[0] = _(kinds[k]);
		cells[1] = c;
		cells[2] = b;
		doc_row(d, DOC_ROW_PLAIN, cells);
		total += s.balance[k];
	}
	doc_amount(total, b, sizeof b);
	cells[0] = _("total");
	cells[1] = "";
	cells[2] = b;
	doc_row(d, DOC_ROW_BOLD, cells);
	return 0;
}

int
members_doc(struct store_txn *t, const char *branch, uint32_t from,
    uint32_t to, struct doc *d)
{
	struct members_summary	 m;
	const char		*head[4], *cells[4];
	char			 v[4][32];
	const uint64_t		*rows[4];
	static const char	*labels[4] = { N_("active at the start"),
	    N_("joined"), N_("left"), N_("active at the end") };
	int			 i, r;

	if ((r = members_summary(t, branch, from, to, &m)) != 0)
		return r;
	rows[0] = m.active0;
	rows[1] = m.joined;
	rows[2] = m.left;
	rows[3] = m.active;
	head[0] = _("members");
	head[1] = _("men");
	head[2] = _("women");
	head[3] = _("total");
	doc_table(d, 4, head, "lrrr");
	for (i = 0; i < 4; i++) {
		snprintf(v[1], sizeof v[1], "%llu",
		    (unsigned long long)rows[i][MSX_L]);
		snprintf(v[2], sizeof v[2], "%llu",
		    (unsigned long long)rows[i][MSX_P]);
		snprintf(v[3], sizeof v[3], "%llu",
		    (unsigned long long)(rows[i][MSX_L] + rows[i][MSX_P]));
		cells[0] = _(labels[i]);
		cells[1] = v[1];
		cells[2] = v[2];
		cells[3] = v[3];
		doc_row(d, i == 3 ? DOC_ROW_BOLD : DOC_ROW_PLAIN, cells);
	}
	return 0;
}

static void
shu_row2(struct doc *d, int style, const char *a, int64_t v)
{
	char		 m[48];
	const char	*cells[2];

	doc_amount(v, m, sizeof m);
	cells[0] = a;
	cells[1] = m;
	doc_row(d, style, cells);
}

void
shu_estimate_doc(struct doc *d, const struct shu_estimate *est)
{
	const char	*head[2];
	char		 line[256], day[16];
	int		 i;

	date_format(est->asof, day, sizeof day);
	if (est->closed)
		snprintf(line, sizeof line, _("The year %d is closed%s."),
		    est->year, est->posted ? _(" and its SHU divided") : "");
	else
		snprintf(line, sizeof line, _("The year %d so far, to %s: an "
		    "estimate."), est->year, day);
	doc_para(d, line);
	if (est->planned)
		doc_para(d, _("The cooperative's SHU, as the head office "
		    "divided it; the shares below are this branch's members'."));
	head[0] = "";
	head[1] = _("amount");
	doc_table(d, 2, head, "lr");
	shu_row2(d, DOC_ROW_BOLD, _("SHU"), est->pool);
	if (est->error != 0)
		return;
	for (i = 0; i < SHU_NPART; i++) {
		snprintf(line, sizeof line, "%s, %u%%", _(shu_part_names[i]),
		    est->bp[i] / 100);
		shu_row2(d, DOC_ROW_PLAIN, line, est->part[i]);
	}
	shu_row2(d, DOC_ROW_PLAIN, _("  of which jasa modal (capital)"), est->jma);
	shu_row2(d, DOC_ROW_PLAIN, _("  of which jasa usaha (use)"), est->jua);
}

int
shu_members_doc(struct store_txn *t, const char *branch,
    const struct shu_estimate *est, struct doc *d)
{
	struct shu_member	*m = NULL;
	struct member		 mb;
	const char		*head[7], *cells[7];
	char			 num[32], v[5][48];
	int64_t			 rem, tot[5] = { 0, 0, 0, 0, 0 };
	size_t			 n, i;
	int			 r, j;

	if ((r = shu_members(t, branch, est, &m, &n, &rem)) != 0)
		return r;
	head[0] = _("member");
	head[1] = _("name");
	head[2] = _("capital");
	head[3] = _("interest paid");
	head[4] = _("jasa modal");
	head[5] = _("jasa usaha");
	head[6] = _("share");
	doc_table(d, 7, head, "llrrrrr");
	for (i = 0; i < n; i++) {
		int64_t x[5] = { m[i].capital, m[i].usage, m[i].jma, m[i].jua,
		    m[i].share };

		member_format_number(m[i].branch, m[i].member, num,
		    sizeof num);
		if (member_get(t, m[i].branch, m[i].member, &mb) != 0)
			mb.name[0] = '\0';
		cells[0] = num;
		cells[1] = mb.name;
		for (j = 0; j < 5; j++) {
			doc_amount(x[j], v[j], sizeof v[j]);
			cells[2 + j] = v[j];
			tot[j] += x[j];
		}
		doc_row(d, DOC_ROW_PLAIN, cells);
	}
	cells[0] = _("total");
	cells[1] = "";
	for (j = 0; j < 5; j++) {
		doc_amount(tot[j], v[j], sizeof v[j]);
		cells[2 + j] = v[j];
	}
	doc_row(d, DOC_ROW_BOLD, cells);
	doc_amount(rem, v[0], sizeof v[0]);
	cells[0] = _("left over, to the reserve");
	cells[1] = "";
	for (j = 2; j < 6; j++)
		cells[j] = "";
	cells[6] = v[0];
	doc_row(d, DOC_ROW_PLAIN, cells);
	free(m);
	return 0;
}

/*
 * A document out: as a PDF to a file (pdf) or to the printer (print),
 * else as CSV or text on standard output.  Returns an exit status.
 */
int
doc_output(struct cmd_ctx *ctx, struct doc *d, const char *cmdname,
    int csv, const char *pdf, int print)
{
	int	 r, ex;

	if (pdf != NULL || print) {
		int	 fd;

		if (pdf != NULL)
			fd = open(pdf, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		else {
			char	 tmpl[] = "/tmp/loket-report.XXXXXX";

			fd = mkstemp(tmpl);
			if (fd != -1)
				unlink(tmpl);
		}
		if (fd == -1) {
			cmd_error("%s: %s", pdf ? pdf : "/tmp",
			    strerror(errno));
			return EXIT_CANTCREAT;
		}
		r = doc_write_pdf(d, fd, _("page"));
		if (r == 0 && print) {
			static char	 sh[] = "/bin/sh", c[] = "-c", lp[] = "lp";
			char		*av[] = { sh, c, lp, NULL }, *cmd;
			struct conf	*cf = NULL;

			/* The receipts' printer (loket.conf(5)), but a
			   terminal's cannot take a PDF. */
			cmd = getenv("LOKET_PRINT");
			if (cmd == NULL && conf_load(ctx, NULL, &cf) == 0 &&
			    conf_get(cf, "console.print") != NULL)
				cmd = strdup(conf_get(cf, "console.print"));
			else if (cmd != NULL)
				cmd = strdup(cmd);
			conf_free(cf);
			/* A command line, as receipts are printed with. */
			if (cmd != NULL && *cmd != '\0' &&
			    strcmp(cmd, "terminal") != 0)
				av[2] = cmd;
			if (lseek(fd, 0, SEEK_SET) == -1)
				r = errno;
			else
				r = cli_run(av, fd, -1, 1);
			if (r != 0)
				cmd_error(_("%s: printing with %s failed"),
				    cmdname, av[2]);
			free(cmd);
		}
		close(fd);
		if (r != 0 && !print)
			cmd_error(_("%s: %s: the PDF could not be made "
			    "(%s)"), cmdname, pdf, strerror(r));
		ex = r != 0 ? EXIT_CANTCREAT : 0;
	} else if (csv)
		ex = doc_write_csv(d, stdout) ? EXIT_CANTCREAT : 0;
	else
		ex = doc_write_text(d, stdout, 80) ? EXIT_CANTCREAT : 0;
	return ex;
}
