/*
 * cli/cmd-import.c: loket import, a cooperative's old books brought in
 * from the CSV files a spreadsheet saves: members, savings, loans and
 * the balance sheet at the cutover date.
 *
 * Every file is read, every check made, every total reconciled with the
 * balance sheet and every problem listed with its file, row and column
 * (cli/import.c builds the plan).  With -n that is all; otherwise a plan
 * without errors is posted by a manager or an admin, as entries of the
 * import kinds (store/import.c), in one transaction with the close of
 * the cutover day: all of it, or nothing.
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/import.h"

#define IMPORT_FILE_MAX	(1024 * 1024 * 1024)	/* 1 GiB: not a workbook */
/* The suspense accounts' names: an other asset, an other liability. */
#define SUSPENSE_DR_NAME	"Aktiva lain-lain: selisih saldo awal"
#define SUSPENSE_CR_NAME	"Kewajiban lain-lain: selisih saldo awal"

enum {
	OPT_ACCEPT = 256,
	OPT_TEMPLATE
};

static const struct option import_longopts[] = {
	{ "accept-difference", no_argument, NULL, OPT_ACCEPT },
	{ "template", required_argument, NULL, OPT_TEMPLATE },
	{ NULL, 0, NULL, 0 }
};

static int	cmd_import_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_import_entry = {
	.name = "import",
	.args = "b:D:nu:",
	.longopts = import_longopts,
	.minargs = 0,
	.maxargs = -1,
	.usage = "[-n] [--accept-difference] [-b branch] [-u user] -D date "
	    "folder | file ...\n"
	    "--template name",
	.summary = N_("bring in the old books: members, savings, loans and "
	    "the balance sheet from CSV"),
	.flags = 0,
	.exec = cmd_import_exec,
};

struct loaded {
	char	*path;
	char	*data;
	size_t	 len;
};

/*
 * Read a whole file with the person's own group, not loket's: loket
 * runs setgid, and must not read for anyone what they could not.
 */
static int
load(const char *path, struct loaded *l)
{
	struct stat	 sb;
	FILE		*f = NULL;
	gid_t		 egid = getegid();
	int		 r = 0;

	if (egid != getgid() && setegid(getgid()) != 0)
		return errno;
	if ((f = fopen(path, "rb")) == NULL)
		r = errno;
	if (egid != getgid() && setegid(egid) != 0 && r == 0)
		r = errno;
	if (r != 0)
		goto out;
	if (fstat(fileno(f), &sb) != 0) {
		r = errno;
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		r = EINVAL;
		goto out;
	}
	if (sb.st_size > IMPORT_FILE_MAX) {
		r = EFBIG;
		goto out;
	}
	if ((l->data = malloc((size_t)sb.st_size + 1)) == NULL) {
		r = ENOMEM;
		goto out;
	}
	l->len = fread(l->data, 1, (size_t)sb.st_size, f);
	if (ferror(f))
		r = EIO;
	l->data[l->len] = '\0';
out:
	if (f != NULL)
		fclose(f);
	return r;
}

/* Add one file to the four, by its name; prints why not. */
static int
add_file(struct loaded files[IMPORT_NFILE], const char *path)
{
	int	 k;

	if ((k = import_file_kind(path)) < 0) {
		cmd_error(_("import: %s: which file is it? Name it "
		    "anggota.csv, simpanan.csv, pinjaman.csv or neraca.csv"),
		    path);
		return EXIT_DATAERR;
	}
	if (files[k].path != NULL) {
		cmd_error(_("import: %s and %s are both %s files"),
		    files[k].path, path, import_file_name(k));
		return EXIT_DATAERR;
	}
	if ((files[k].path = strdup(path)) == NULL)
		return cmd_store_error(NULL, ENOMEM);
	return 0;
}

/* The CSV files of a folder whose names say which they are. */
static int
add_folder(struct loaded files[IMPORT_NFILE], const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	char		*path;
	int		 r = 0;

	if ((d = opendir(dir)) == NULL) {
		cmd_error("import: %s: %s", dir, strerror(errno));
		return EXIT_NOINPUT;
	}
	while (r == 0 && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || import_file_kind(de->d_name) < 0)
			continue;
		if (asprintf(&path, "%s/%s", dir, de->d_name) == -1) {
			r = cmd_store_error(NULL, ENOMEM);
			break;
		}
		r = add_file(files, path);
		free(path);
	}
	closedir(d);
	return r;
}

static void
progress(void *arg, const char *name, size_t rows, int done)
{
	fputc('\r', stderr);
	fprintf(stderr, _("%s: %zu rows read and checked"), name, rows);
	if (done)
		fputc('\n', stderr);
	fflush(stderr);
}

static const char *
base(const char *path)
{
	const char	*b = strrchr(path, '/');

	return b == NULL ? path : b + 1;
}

static void
print_problem(const struct import_problem *p,
    const struct loaded files[IMPORT_NFILE])
{
	const char	*f = base(files[p->file].path);
	const char	*lv = p->level == IMPORT_ERROR ? _("error") :
			    _("notice");

	if (p->row == 0)
		printf("%s: %s: %s\n", f, lv, p->text);
	else if (p->col[0] == '\0')
		printf(_("%s, row %zu: %s: %s\n"), f, p->row, lv, p->text);
	else
		printf(_("%s, row %zu, column %s (%s): %s: %s\n"), f, p->row,
		    p->col, p->colname, lv, p->text);
}

static const char *
rp(int64_t sen, char *buf, size_t len)
{
	money_format(sen, buf, len);
	return buf;
}

static void
print_summary(const struct import_plan *pl)
{
	const struct import_reconcile	*rc;
	size_t	 i, st[4] = { 0 }, nonik = 0, acc[3] = { 0 }, meth[4] = { 0 },
		 late = 0;
	char	 d[16], b1[48], b2[48], b3[48], what[64];

	for (i = 0; i < pl->nmember; i++) {
		st[pl->member[i].status & 3]++;
		if (pl->member[i].nik[0] == '\0')
			nonik++;
		acc[0] += (pl->member[i].has & IMPORT_HAS_POKOK) != 0;
		acc[1] += (pl->member[i].has & IMPORT_HAS_WAJIB) != 0;
		acc[2] += (pl->member[i].has & IMPORT_HAS_SUKARELA) != 0;
	}
	for (i = 0; i < pl->nloan; i++) {
		meth[pl->loan[i].method & 3]++;
		if (pl->loan[i].arrears_principal > 0 ||
		    pl->loan[i].arrears_interest > 0)
			late++;
	}
	date_format(pl->cutover, d, sizeof d);
	printf("\n");
	printf(_("Branch %s, cutover %s (the old books' last day).\n"),
	    pl->branch, d);
	printf(_("Members: %zu (%zu active, %zu resigned, %zu deceased); "
	    "%zu without a NIK, marked \"NIK belum ada\".\n"), pl->nmember,
	    st[MEMBER_ACTIVE], st[MEMBER_RESIGNED], st[MEMBER_DECEASED],
	    nonik);
	printf(_("Savings accounts: %zu (pokok %zu, wajib %zu, sukarela %zu); "
	    "term deposits: %zu.\n"), acc[0] + acc[1] + acc[2], acc[0],
	    acc[1], acc[2], pl->nterm);
	printf(_("Loans: %zu (flat %zu, menurun %zu, anuitas %zu); %zu in "
	    "arrears.\n"), pl->nloan, meth[LOAN_FLAT], meth[LOAN_DECLINING],
	    meth[LOAN_ANNUITY], late);
	printf("\n%-34s %20s %20s %20s\n", _("Totals"), _("rows"),
	    _("balance sheet"), _("difference"));
	for (i = 0; i < IMPORT_RC_BALANCE; i++) {
		rc = &pl->rc[i];
		if (i == IMPORT_RC_INTEREST && !rc->active)
			continue;
		snprintf(what, sizeof what, "%u %s", rc->gl, _(rc->what));
		if (rc->active)
			printf("%-34s %20s %20s %20s\n", what,
			    rp(rc->detail, b1, sizeof b1),
			    rp(rc->sheet, b2, sizeof b2),
			    rp(rc->difference, b3, sizeof b3));
		else
			printf("%-34s %20s %20s %20s\n", what,
			    rp(rc->detail, b1, sizeof b1), "-", "-");
	}
	rc = &pl->rc[IMPORT_RC_BALANCE];
	if (rc->active) {
		printf(_("Balance sheet: debit %s, credit %s, difference %s.\n"),
		    rp(rc->detail, b1, sizeof b1), rp(rc->sheet, b2, sizeof b2),
		    rp(rc->difference, b3, sizeof b3));
		if (pl->suspense != 0 && pl->accept_difference)
			printf(_("To the suspense account: %s (%s).\n"),
			    rp(pl->suspense < 0 ? -pl->suspense : pl->suspense,
			    b1, sizeof b1), pl->suspense < 0 ? _("credit") :
			    _("debit"));
	} else
		printf("%s\n", _("No neraca.csv: nothing reconciled; the "
		    "opening balances will be set against 3901 (saldo awal)."));
	printf(_("Errors: %zu, notices: %zu.\n"), pl->nerror, pl->nnotice);
}

/* -- posting ------------------------------------------------------------ */

/* The requests that post a plan, and which file and row each comes from. */
struct batch {
	struct post_req		 *q;
	struct post_result	 *res;
	size_t			  n;
	uint8_t			 *file;		/* IMPORT_NFILE: none */
	size_t			 *row;
	struct import_member_req *mq;
	struct import_term_req	 *tq;
	struct import_loan_req	 *lq;
	struct post_req		 *open;		/* the opening entry being filled */
	const char		 *branch;
	const char		 *user;
	uint8_t			  day[10], one[10], gl[10], type[10];
	size_t			  dayl, onel, gll, typel;
	size_t			  nopening;
};

static size_t
varint(uint8_t *out, size_t size, uint64_t v)
{
	struct buf	 b;

	buf_wrap(&b, out, size);
	(void)buf_put_varint(&b, v);
	return b.len;
}

static struct post_req *
batch_add(struct batch *b, uint16_t kind, int file, size_t row)
{
	struct post_req	*q = &b->q[b->n];

	memset(q, 0, sizeof *q);
	q->branch = b->branch;
	q->user = b->user;
	q->kind = kind;
	b->file[b->n] = file;
	b->row[b->n] = row;
	b->n++;
	return q;
}

/* The opening entry being filled is full: it balances against 3901. */
static void
opening_close(struct batch *b)
{
	struct post_req	*q = b->open;
	int64_t		 sum = 0;
	uint16_t	 i;

	if (q == NULL)
		return;
	for (i = 0; i < q->npost; i++)
		sum += q->post[i].amount;
	if (sum != 0)
		q->post[q->npost++] = (struct posting){ GL_OPENING, 0, -sum };
	b->open = NULL;
}

/* A balance-sheet amount to the opening entries, 63 to an entry. */
static void
opening_post(struct batch *b, uint32_t gl, int64_t amount, size_t row,
    int forced)
{
	struct post_req	*q;

	if (amount == 0)
		return;
	if (b->open != NULL && b->open->npost == ENTRY_MAXPOST - 1)
		opening_close(b);
	if (b->open == NULL) {
		q = b->open = batch_add(b, EK_IMPORT_OPENING, IMPORT_NERACA,
		    row);
		q->field[q->nfield++] = (struct field){ F_DATE,
		    (uint16_t)b->dayl, b->day };
		if (forced)
			q->field[q->nfield++] = (struct field){ F_FORCED,
			    (uint16_t)b->onel, b->one };
		b->nopening++;
	}
	b->open->post[b->open->npost++] = (struct posting){ gl, 0, amount };
}

static void
batch_free(struct batch *b)
{
	free(b->q);
	free(b->res);
	free(b->file);
	free(b->row);
	free(b->mq);
	free(b->tq);
	free(b->lq);
}

/*
 * The plan as requests: the suspense account opened if it is needed and
 * missing; the balance sheet's lines but the reconciled ones, whose
 * detail comes with the members, term deposits and loans (interest in
 * arrears excepted: it is posted as the loans' total); each member, term
 * deposit and loan; and the close of the cutover day.
 */
static int
batch_build(const struct import_plan *pl, const char *branch,
    const char *user, int open_suspense, struct batch *b)
{
	const struct import_reconcile	*rc;
	struct post_req	*q;
	const char	*sname;
	size_t		 cap, i, k;
	uint32_t	 sgl;

	memset(b, 0, sizeof *b);
	b->branch = branch;
	b->user = user;
	cap = 3 + pl->nline / (ENTRY_MAXPOST - 2) + pl->nmember + pl->nterm +
	    pl->nloan + 1;
	if ((b->q = calloc(cap, sizeof *b->q)) == NULL ||
	    (b->res = calloc(cap, sizeof *b->res)) == NULL ||
	    (b->file = calloc(cap, sizeof *b->file)) == NULL ||
	    (b->row = calloc(cap, sizeof *b->row)) == NULL ||
	    (b->mq = calloc(pl->nmember + 1, sizeof *b->mq)) == NULL ||
	    (b->tq = calloc(pl->nterm + 1, sizeof *b->tq)) == NULL ||
	    (b->lq = calloc(pl->nloan + 1, sizeof *b->lq)) == NULL) {
		batch_free(b);
		return ENOMEM;
	}
	b->dayl = varint(b->day, sizeof b->day, pl->cutover);
	b->onel = varint(b->one, sizeof b->one, 1);

	/* A difference accepted: to a suspense account of its own. */
	sgl = pl->suspense > 0 ? GL_SUSPENSE_DR : GL_SUSPENSE_CR;
	if (pl->suspense != 0 && open_suspense) {
		q = batch_add(b, EK_ACCOUNT_OPEN, IMPORT_NFILE, 0);
		b->gll = varint(b->gl, sizeof b->gl, sgl);
		b->typel = varint(b->type, sizeof b->type, pl->suspense > 0 ?
		    ACCT_ASSET : ACCT_LIABILITY);
		/* Fields in the order of their tags. */
		sname = pl->suspense > 0 ? SUSPENSE_DR_NAME : SUSPENSE_CR_NAME;
		q->field[q->nfield++] = (struct field){ F_NAME,
		    (uint16_t)strlen(sname), (const uint8_t *)sname };
		q->field[q->nfield++] = (struct field){ F_GL, (uint16_t)b->gll,
		    b->gl };
		q->field[q->nfield++] = (struct field){ F_TYPE,
		    (uint16_t)b->typel, b->type };
	}
	opening_post(b, sgl, pl->suspense, 0, 1);
	opening_close(b);
	for (i = 0; i < pl->nline; i++) {
		for (k = 0; k < IMPORT_RC_BALANCE; k++) {
			rc = &pl->rc[k];
			if (rc->active && rc->gl == pl->line[i].gl)
				break;
		}
		if (k == IMPORT_RC_BALANCE)
			opening_post(b, pl->line[i].gl, pl->line[i].amount,
			    pl->line[i].row, 0);
	}
	rc = &pl->rc[IMPORT_RC_INTEREST];
	if (rc->active)
		opening_post(b, GL_LOAN_INT_RCV, rc->detail, rc->row, 0);
	opening_close(b);

	for (i = 0; i < pl->nmember; i++) {
		const struct import_member *m = &pl->member[i];
		struct import_member_req *r = &b->mq[i];

		r->old_no = m->old_no;
		r->name = m->name;
		r->nik = m->nik;
		r->gender = m->gender;
		r->birth = m->birth;
		r->address = m->address;
		r->village = m->village;
		r->phone = m->phone;
		r->joined = m->joined;
		r->status = m->status;
		r->pokok = m->pokok;
		r->wajib = m->wajib;
		r->sukarela = m->sukarela;
		r->wajib_arrears = m->wajib_arrears;
		q = batch_add(b, 0, IMPORT_ANGGOTA, m->row);
		import_member_req(q, branch, user, r);
	}
	for (i = 0; i < pl->nterm; i++) {
		const struct import_term *tm = &pl->term[i];
		struct import_term_req *r = &b->tq[i];

		r->member_old = pl->member[tm->member].old_no;
		r->amount = tm->amount;
		r->months = tm->months;
		r->rate_bp = tm->rate_bp;
		r->opened = tm->opened;
		q = batch_add(b, 0, IMPORT_SIMPANAN, tm->row);
		import_term_req(q, branch, user, r);
	}
	for (i = 0; i < pl->nloan; i++) {
		const struct import_loan *ln = &pl->loan[i];
		struct import_loan_req *r = &b->lq[i];

		r->old_no = ln->old_no;
		r->member_old = pl->member[ln->member].old_no;
		r->method = ln->method;
		r->principal = ln->principal;
		r->rate_bp = ln->rate_bp;
		r->term = ln->term;
		r->disbursed = ln->disbursed;
		r->outstanding = ln->outstanding;
		r->next = ln->next;
		/* Every instalment fallen due: all that remains is in arrears. */
		r->arrears_principal = ln->next > ln->term ? ln->outstanding :
		    ln->arrears_principal;
		r->arrears_interest = ln->arrears_interest;
		r->penalty = ln->penalty;
		/* With a 1202 line the old books accrued the arrears. */
		r->accrued = pl->rc[IMPORT_RC_INTEREST].active ?
		    ln->arrears_interest : 0;
		q = batch_add(b, 0, IMPORT_PINJAMAN, ln->row);
		import_loan_req(q, branch, user, r);
	}

	/* The cutover day closed: the first day on loket is the next. */
	q = batch_add(b, EK_DAY_CLOSE, IMPORT_NFILE, 0);
	q->field[q->nfield++] = (struct field){ F_DATE, (uint16_t)b->dayl,
	    b->day };
	return 0;
}

/*
 * Where the branch stands: not imported before (else who did it and
 * when), its business date the cutover, the suspense account there or
 * not.  Prints why not.
 */
static int
branch_ready(struct cmd_ctx *ctx, const char *branch, uint32_t cutover,
    int *has_suspense)
{
	struct store_txn	*t;
	struct branch		 b;
	struct account		 a;
	struct entry		*e = NULL;
	uint64_t		 seq;
	char			 d1[16], d2[16];
	int			 r;

	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	if ((r = branch_get(t, branch, &b)) != 0 ||
	    (r = import_first(t, branch, &seq)) != 0)
		goto out;
	if (seq != 0) {
		if ((e = malloc(sizeof *e)) == NULL) {
			r = ENOMEM;
			goto out;
		}
		if ((r = journal_get(t, branch, seq, e)) != 0)
			goto out;
		date_format(e->date, d1, sizeof d1);
		cmd_error(_("import: branch %s has its old books already: "
		    "imported on %s by %s (entry %" PRIu64 ")"), branch, d1,
		    e->user, seq);
		r = EXIT_DATAERR;
		goto done;
	}
	if (b.date != cutover) {
		date_format(b.date, d1, sizeof d1);
		date_format(cutover, d2, sizeof d2);
		cmd_error(_("import: the business date of branch %s is %s, "
		    "not the cutover %s: import into a branch begun with "
		    "loket init -D %s"), branch, d1, d2, d2);
		r = EXIT_DATAERR;
		goto done;
	}
	/* Which of the two suspense accounts the branch has: 1 and 2. */
	*has_suspense = 0;
	if ((r = account_get(t, branch, GL_SUSPENSE_DR, 0, &a)) == 0)
		*has_suspense |= 1;
	if (r == 0 || r == STORE_E_ACCOUNT)
		r = account_get(t, branch, GL_SUSPENSE_CR, 0, &a);
	if (r == 0)
		*has_suspense |= 2;
	if (r == STORE_E_ACCOUNT)
		r = 0;
out:
	if (r != 0)
		r = cmd_store_error("import", r);
done:
	free(e);
	store_abort(t);
	return r;
}

/* The first refusal of a batch, with the file and row it comes from. */
static void
print_refusal(const struct batch *b, int r,
    const struct loaded files[IMPORT_NFILE])
{
	size_t	 i;

	for (i = 0; i < b->n; i++) {
		if (b->res[i].error == 0 || b->res[i].error == STORE_E_BATCH)
			continue;
		if (b->file[i] < IMPORT_NFILE && b->row[i] != 0)
			cmd_error(_("import: %s, row %zu: %s: nothing written"),
			    base(files[b->file[i]].path), b->row[i],
			    _(store_strerror(b->res[i].error)));
		else
			cmd_error(_("import: %s: %s: nothing written"),
			    _(entry_kind_title(b->q[i].kind)),
			    _(store_strerror(b->res[i].error)));
		return;
	}
	cmd_error(_("import: %s: nothing written"), _(store_strerror(r)));
}

/*
 * The dry run of a signed-in user: every entry tried against the books
 * as they would post it, in a transaction thrown away; each refusal
 * listed with its file and row.
 */
static int
try_plan(struct cmd_ctx *ctx, const struct import_plan *pl,
    const struct user *u, int has_suspense,
    const struct loaded files[IMPORT_NFILE])
{
	struct batch	 b;
	size_t		 i, bad = 0;
	int		 r, e;

	if ((r = batch_build(pl, pl->branch, u->login, pl->suspense != 0 &&
	    !(has_suspense & (pl->suspense > 0 ? 1 : 2)), &b)) != 0)
		return cmd_store_error("import", r);
	r = store_post_batch(ctx->st, b.q, b.n, STORE_DRYRUN, b.res);
	if (r != 0 && (!STORE_E_OURS(r) || store_storage_error(r))) {
		r = cmd_store_error("import", r);
		goto out;
	}
	for (i = 0; i < b.n; i++) {
		if ((e = b.res[i].error) == 0)
			continue;
		bad++;
		if (b.file[i] < IMPORT_NFILE && b.row[i] != 0)
			printf(_("%s, row %zu: error: %s\n"),
			    base(files[b.file[i]].path), b.row[i],
			    _(store_strerror(e)));
		else
			printf(_("%s: error: %s\n"),
			    _(entry_kind_title(b.q[i].kind)),
			    _(store_strerror(e)));
	}
	if (bad > 0) {
		cmd_error(_("import: %zu entries would be refused: nothing "
		    "written"), bad);
		r = EXIT_DATAERR;
	} else {
		printf(_("Dry run: every check passed, and the %zu entries "
		    "would post as %s; nothing written.\n"), b.n, u->login);
		r = 0;
	}
out:
	batch_free(&b);
	return r;
}

static int
post_plan(struct cmd_ctx *ctx, const struct import_plan *pl,
    const struct user *u, int has_suspense,
    const struct loaded files[IMPORT_NFILE])
{
	struct batch	 b;
	struct store_txn *t;
	char		 d1[16], d2[16], n1[48], n2[48];
	uint64_t	 lo;
	int		 r;

	if ((r = batch_build(pl, pl->branch, u->login, pl->suspense != 0 &&
	    !(has_suspense & (pl->suspense > 0 ? 1 : 2)), &b)) != 0)
		return cmd_store_error("import", r);
	if (isatty(STDERR_FILENO)) {
		fprintf(stderr, _("posting %zu entries..."), b.n);
		fflush(stderr);
	}
	r = store_post_batch(ctx->st, b.q, b.n, 0, b.res);
	if (isatty(STDERR_FILENO))
		fprintf(stderr, "\r%s\n", r == 0 ? _("posted") : "");
	if (r != 0) {
		if (!STORE_E_OURS(r) || store_storage_error(r))
			r = cmd_store_error("import", r);
		else {
			print_refusal(&b, r, files);
			r = EXIT_DATAERR;
		}
		goto out;
	}
	date_format(pl->cutover, d1, sizeof d1);
	date_format(pl->cutover + 1, d2, sizeof d2);
	printf(_("Imported into branch %s by %s: %zu members, %zu term "
	    "deposits, %zu loans, %zu opening-balance entries (entries "
	    "%" PRIu64 " to %" PRIu64 ").\n"), pl->branch, u->login,
	    pl->nmember, pl->nterm, pl->nloan, b.nopening, b.res[0].seq,
	    b.res[b.n - 1].seq);
	if (pl->nmember > 0 && store_begin(ctx->st, 1, &t) == 0) {
		/* Numbered in the order of anggota.csv. */
		if (member_by_old(t, pl->branch, pl->member[0].old_no,
		    &lo) == 0) {
			member_format_number(pl->branch, lo, n1, sizeof n1);
			member_format_number(pl->branch, lo + pl->nmember - 1,
			    n2, sizeof n2);
			printf(_("Members' numbers: %s to %s, in the order of "
			    "anggota.csv; their old numbers find them too.\n"),
			    n1, n2);
		}
		store_abort(t);
	}
	if (pl->suspense != 0)
		printf(_("Accepted by %s: %s to the suspense account %u.\n"),
		    u->login, rp(pl->suspense < 0 ? -pl->suspense :
		    pl->suspense, n1, sizeof n1), pl->suspense > 0 ?
		    GL_SUSPENSE_DR : GL_SUSPENSE_CR);
	printf(_("Day %s is closed: the first business day on loket is "
	    "%s.\n"), d1, d2);
out:
	batch_free(&b);
	return r;
}

static int
cmd_import_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct loaded		 files[IMPORT_NFILE];
	struct import_source	 src[IMPORT_NFILE];
	struct import_opts	 o;
	struct import_plan	*pl = NULL;
	struct store_txn	*t = NULL;
	struct stat		 sb;
	const char		*branch = NULL, *date = NULL, *tmpl = NULL;
	const char		*login = NULL;
	struct user		 u;
	char			 br[BRANCH_MAX + 1];
	int			 ch, dry = 0, accept = 0, r = 0, i, y, m, d;
	int			 has_suspense = 0;
	size_t			 k;

	memset(files, 0, sizeof files);
	memset(src, 0, sizeof src);
	while ((ch = getopt_long(argc, argv, cmd_import_entry.args,
	    import_longopts, NULL)) != -1) {
		switch (ch) {
		case 'b':
			branch = optarg;
			break;
		case 'D':
			date = optarg;
			break;
		case 'n':
			dry = 1;
			break;
		case 'u':
			login = optarg;
			break;
		case OPT_ACCEPT:
			accept = 1;
			break;
		case OPT_TEMPLATE:
			tmpl = optarg;
			break;
		default:
			return cmd_usage(ctx->entry);
		}
	}
	argc -= optind;
	argv += optind;

	if (tmpl != NULL) {
		if (argc != 0 || date != NULL || dry || accept ||
		    branch != NULL || login != NULL)
			return cmd_usage(ctx->entry);
		for (i = 0; i < IMPORT_NFILE; i++) {
			if (strcmp(tmpl, import_file_name(i)) == 0 ||
			    import_file_kind(tmpl) == i)
				break;
		}
		if (i == IMPORT_NFILE) {
			cmd_error(_("import: %s: no such template (anggota, "
			    "simpanan, pinjaman or neraca)"), tmpl);
			return EXIT_USAGE;
		}
		import_template(stdout, i);
		return 0;
	}
	if (date == NULL) {
		cmd_error("%s", _("import: give the cutover date with -D"));
		return cmd_usage(ctx->entry);
	}
	if (argc == 0) {
		cmd_error("%s", _("import: name the folder or the files"));
		return cmd_usage(ctx->entry);
	}
	memset(&o, 0, sizeof o);
	if (csv_date(date, &y, &m, &d) != 0 || y < 1970) {
		cmd_error(_("import: %s: not a date (write 2024-03-31 or "
		    "31/03/2024)"), date);
		return EXIT_USAGE;
	}
	o.cutover = date_from_ymd(y, m, d);
	o.accept_difference = accept;
	if (!dry && login == NULL) {
		cmd_error("%s", _("import: name the manager or admin who "
		    "posts it with -u (or check it first with -n)"));
		return cmd_usage(ctx->entry);
	}

	/* The files: a folder of them, or each named. */
	for (i = 0; i < argc && r == 0; i++) {
		if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode))
			r = add_folder(files, argv[i]);
		else
			r = add_file(files, argv[i]);
	}
	if (r != 0)
		goto out;
	if (files[IMPORT_ANGGOTA].path == NULL) {
		cmd_error("%s", _("import: anggota.csv is missing: it is the "
		    "one file needed"));
		r = EXIT_NOINPUT;
		goto out;
	}
	for (k = 0; k < IMPORT_NFILE; k++) {
		if (files[k].path == NULL)
			continue;
		if ((r = load(files[k].path, &files[k])) != 0) {
			cmd_error("import: %s: %s", files[k].path,
			    r == EINVAL ? _("not a file") : strerror(r));
			r = r == ENOMEM ? 1 : EXIT_NOINPUT;
			goto out;
		}
		src[k].name = base(files[k].path);
		src[k].data = files[k].data;
		src[k].len = files[k].len;
	}

	/* The books: read only for a dry run without a user. */
	if ((r = store_open(ctx->dir, dry && login == NULL ? STORE_RDONLY : 0,
	    &ctx->st)) != 0) {
		if (r == STORE_E_NODATA)
			cmd_error(_("%s: no loket data folder (run loket "
			    "init, or give -d)"), ctx->dir);
		else
			cmd_error("%s: %s", ctx->dir, _(store_strerror(r)));
		r = r == STORE_E_NODATA ? EXIT_NOINPUT : 1;
		goto out;
	}
	if ((r = cli_branch(ctx, branch, br, sizeof br)) != 0)
		goto out;
	o.branch = br;
	if (login != NULL) {
		if ((r = branch_ready(ctx, br, o.cutover, &has_suspense)) != 0 ||
		    (r = cli_actor(ctx, br, login, &u)) != 0)
			goto out;
		if (!(u.role & (ROLE_MANAGER | ROLE_ADMIN))) {
			cmd_error(_("import: %s is not a manager or an admin"),
			    u.login);
			r = EXIT_NOPERM;
			goto out;
		}
	}
	if (isatty(STDERR_FILENO)) {
		o.progress = progress;
		o.progress_arg = NULL;
	}
	if ((r = store_begin(ctx->st, 1, &t)) != 0) {
		r = cmd_store_error(NULL, r);
		goto out;
	}
	r = import_plan_build(t, &o, src, &pl);
	store_abort(t);
	if (r != 0) {
		r = cmd_store_error("import", r);
		goto out;
	}

	for (k = 0; k < pl->nproblem; k++)
		print_problem(&pl->problem[k], files);
	print_summary(pl);
	if (pl->nerror > 0) {
		cmd_error(_("import: %zu errors: nothing written"), pl->nerror);
		r = EXIT_DATAERR;
	} else if (dry && login != NULL) {
		fflush(stdout);
		r = try_plan(ctx, pl, &u, has_suspense, files);
	} else if (dry) {
		printf("%s\n", _("Dry run: every check passed; nothing "
		    "written."));
		r = 0;
	} else if (pl->suspense != 0 && !(u.role & ROLE_MANAGER)) {
		cmd_error("%s", _("import: accepting a difference is a "
		    "manager's decision: a manager posts it"));
		r = EXIT_NOPERM;
	} else {
		fflush(stdout);
		r = post_plan(ctx, pl, &u, has_suspense, files);
	}
out:
	import_plan_free(pl);
	for (k = 0; k < IMPORT_NFILE; k++) {
		free(files[k].path);
		free(files[k].data);
	}
	return r;
}
