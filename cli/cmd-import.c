/*
 * cli/cmd-import.c: loket import, a cooperative's old books brought in
 * from the CSV files a spreadsheet saves: members, savings, loans and
 * the balance sheet at the cutover date.
 *
 * For now it is the dry run (-n): every file read, every check made,
 * every total reconciled with the balance sheet, every problem listed
 * with its file, row and column, and a summary; nothing is written.
 * Posting the plan (cli/import.h) comes with the opening-balance entry
 * kinds.
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
	.args = "b:D:n",
	.longopts = import_longopts,
	.minargs = 0,
	.maxargs = -1,
	.usage = "[-n] [--accept-difference] [-b branch] -D date "
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
	char			 br[BRANCH_MAX + 1];
	int			 ch, dry = 0, accept = 0, r = 0, i, y, m, d;
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
		    branch != NULL)
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
	if (!dry) {
		cmd_error("%s", _("import: posting is not available yet; "
		    "run it with -n for a dry run, which checks everything "
		    "and writes nothing"));
		return 1;
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

	/* The books: read only. */
	if ((r = store_open(ctx->dir, STORE_RDONLY, &ctx->st)) != 0) {
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
	} else {
		printf("%s\n", _("Dry run: every check passed; nothing "
		    "written."));
		r = 0;
	}
out:
	import_plan_free(pl);
	for (k = 0; k < IMPORT_NFILE; k++) {
		free(files[k].path);
		free(files[k].data);
	}
	return r;
}
