/*
 * cli/import.c: the four files of loket import read into an import plan,
 * checked and reconciled with the balance sheet.
 *
 * Every problem is collected, not just the first: a person fixing a
 * workbook wants the whole list in one run.  Each names the file, the
 * spreadsheet's row and column, and what is wrong, in the user's
 * language.  Notices (an old pokok rate, a name spelled differently) do
 * not stop an import; errors do.  A row with an error is still kept in
 * the plan as far as it could be read, so that one bad member does not
 * make every one of their savings rows an error too; a plan with errors
 * is never posted.
 *
 * Nothing here writes: the store is only read (settings, the chart, the
 * NIKs already registered).
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/import.h"

#define HDR_MAX		40	/* a header name kept for messages */
#define PROGRESS_EVERY	4096

struct column {
	const char	*name;
	int		 required;	/* the header must have it */
	const char	*example;	/* NULL: not in the template */
};

enum { A_NO, A_NAMA, A_NIK, A_JK, A_LAHIR, A_ALAMAT, A_DESA, A_TELP,
    A_MASUK, A_STATUS, A_N };
static const struct column anggota_cols[] = {
	[A_NO] = { "no_lama", 1, "A-0012" },
	[A_NAMA] = { "nama", 1, "Maria Goreti Nona" },
	[A_NIK] = { "nik", 0, "5310014502800001" },
	[A_JK] = { "jenis_kelamin", 1, "P" },
	[A_LAHIR] = { "tanggal_lahir", 0, "1980-02-05" },
	[A_ALAMAT] = { "alamat", 0, "\"Jl. Ahmad Yani 12, RT 003\"" },
	[A_DESA] = { "desa", 0, "Kota Uneng" },
	[A_TELP] = { "telepon", 0, "081234567890" },
	[A_MASUK] = { "tanggal_masuk", 1, "2015-07-01" },
	[A_STATUS] = { "status", 0, "aktif" },
};

enum { S_NO, S_JENIS, S_SALDO, S_TUNGGAKAN, S_JANGKA, S_BUNGA, S_BUKA,
    S_NAMA, S_N };
static const struct column simpanan_cols[] = {
	[S_NO] = { "no_lama", 1, "A-0012" },
	[S_JENIS] = { "jenis", 1, "berjangka" },
	[S_SALDO] = { "saldo", 1, "5.000.000" },
	[S_TUNGGAKAN] = { "tunggakan_wajib_bulan", 0, "" },
	[S_JANGKA] = { "jangka_bulan", 0, "12" },
	[S_BUNGA] = { "bunga_tahun_persen", 0, "6" },
	[S_BUKA] = { "tanggal_buka", 0, "2023-10-01" },
	[S_NAMA] = { "nama", 0, NULL },
};

enum { P_NO, P_ANGGOTA, P_METODE, P_POKOK, P_BUNGA, P_JANGKA, P_CAIR,
    P_SISA, P_KE, P_TEMPO, P_TPOKOK, P_TJASA, P_DENDA, P_NAMA, P_N };
static const struct column pinjaman_cols[] = {
	[P_NO] = { "no_pinjaman_lama", 1, "PJ-0007" },
	[P_ANGGOTA] = { "no_lama", 1, "A-0012" },
	[P_METODE] = { "metode", 1, "flat" },
	[P_POKOK] = { "pokok_awal", 1, "12.000.000" },
	[P_BUNGA] = { "bunga_bulan_persen", 1, "1.5" },
	[P_JANGKA] = { "jangka_bulan", 1, "12" },
	[P_CAIR] = { "tanggal_cair", 1, "2023-10-20" },
	[P_SISA] = { "sisa_pokok", 1, "8.000.000" },
	[P_KE] = { "angsuran_ke_berikut", 1, "6" },
	[P_TEMPO] = { "tanggal_jatuh_tempo_berikut", 1, "2024-04-20" },
	[P_TPOKOK] = { "tunggakan_pokok", 0, "1.000.000" },
	[P_TJASA] = { "tunggakan_jasa", 0, "180.000" },
	[P_DENDA] = { "denda", 0, "25.000" },
	[P_NAMA] = { "nama", 0, NULL },
};

enum { N_KODE, N_NAMA, N_DEBIT, N_KREDIT, N_N };
static const struct column neraca_cols[] = {
	[N_KODE] = { "kode_akun", 1, NULL },
	[N_NAMA] = { "nama_akun", 0, NULL },
	[N_DEBIT] = { "debit", 1, NULL },
	[N_KREDIT] = { "kredit", 1, NULL },
};

static const struct {
	const char		*name;
	const struct column	*cols;
	int			 ncols;
} files[IMPORT_NFILE] = {
	[IMPORT_ANGGOTA] = { "anggota", anggota_cols, A_N },
	[IMPORT_SIMPANAN] = { "simpanan", simpanan_cols, S_N },
	[IMPORT_PINJAMAN] = { "pinjaman", pinjaman_cols, P_N },
	[IMPORT_NERACA] = { "neraca", neraca_cols, N_N },
};

/*
 * The accounts a balance sheet may name: loket's chart (store/account.c)
 * without the two controls whose sub-accounts are people (the tellers'
 * drawers and their over/short).  loket import --template neraca lists
 * them; the check itself asks the store.
 */
static const struct {
	uint32_t	 gl;
	const char	*name;
} sheet_chart[] = {
	{ GL_VAULT, "Kas khasanah" },
	{ GL_BANK, "Bank" },
	{ GL_LOANS, "Piutang pinjaman anggota" },
	{ GL_LOAN_INT_RCV, "Pendapatan jasa pinjaman yang masih harus "
	    "diterima" },
	{ GL_LOAN_ALLOW, "Penyisihan penghapusan pinjaman" },
	{ GL_SUKARELA, "Simpanan sukarela" },
	{ GL_BERJANGKA, "Simpanan berjangka" },
	{ GL_TAX_PAYABLE, "Utang pajak" },
	{ GL_SHU_PAYABLE, "Utang SHU anggota" },
	{ GL_OTHER_PAYABLE, "Utang lain-lain" },
	{ GL_POKOK, "Simpanan pokok" },
	{ GL_WAJIB, "Simpanan wajib" },
	{ GL_RESERVE, "Cadangan" },
	{ GL_GRANT, "Modal penyetaraan dan hibah" },
	{ GL_SHU, "SHU tahun berjalan" },
	{ GL_OPENING, "Saldo awal" },
	{ GL_LOAN_INT, "Pendapatan jasa pinjaman" },
	{ GL_LOAN_FEE, "Pendapatan administrasi dan provisi" },
	{ GL_PENALTY, "Pendapatan denda" },
	{ GL_OTHER_INC, "Pendapatan lain-lain" },
	{ GL_SAV_INT, "Beban jasa simpanan" },
	{ GL_OPEX, "Beban operasional" },
	{ GL_PROVISION, "Beban penyisihan pinjaman" },
};

/* The detail behind each reconciled line. */
static const struct {
	uint32_t	 gl;
	int		 credit;	/* natural side */
	const char	*what;
} rc_lines[IMPORT_RC_N] = {
	[IMPORT_RC_POKOK] = { GL_POKOK, 1, N_("simpanan pokok") },
	[IMPORT_RC_WAJIB] = { GL_WAJIB, 1, N_("simpanan wajib") },
	[IMPORT_RC_SUKARELA] = { GL_SUKARELA, 1, N_("simpanan sukarela") },
	[IMPORT_RC_BERJANGKA] = { GL_BERJANGKA, 1, N_("simpanan berjangka") },
	[IMPORT_RC_LOANS] = { GL_LOANS, 0, N_("loans' remaining principal") },
	[IMPORT_RC_INTEREST] = { GL_LOAN_INT_RCV, 0,
	    N_("loans' interest in arrears") },
	[IMPORT_RC_BALANCE] = { 0, 0, N_("the balance sheet") },
};

/* What reading a plan needs at hand. */
struct ictx {
	struct import_plan	*plan;
	struct store_txn	*t;
	const struct import_opts *o;
	int			 cy, cm, cd;	/* the cutover */
	int			 nomem;
	/* The file being read. */
	int			 file;
	const char		*fname;
	int			 idx[16];	/* our column -> the file's */
	char			 hdr[CSV_MAXCOLS][HDR_MAX];
	struct csv_row		*row;
	int			 rowbad;	/* an error in this row */
	size_t			 seq;
	/* Members by old number; per member the rows of pokok, wajib, sukarela. */
	size_t			*by_no;
	size_t			(*kind_row)[3];
	size_t			 cap_member, cap_term, cap_loan, cap_line,
				 cap_problem;
};

static void	 problem(struct ictx *, int, int, size_t, int, const char *,
		    ...) __attribute__((format(printf, 6, 7)));
static int	 rowv(struct ictx *, int, int, const char *, va_list)
		    __attribute__((format(printf, 4, 0)));
static void	 rowerr(struct ictx *, int, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static void	 rownote(struct ictx *, int, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

const char *
import_file_name(int kind)
{
	return kind >= 0 && kind < IMPORT_NFILE ? files[kind].name : "?";
}

/*
 * Which file a path is, by its name: anggota.csv, Simpanan-2024.csv
 * and the like; -1 if none.
 */
int
import_file_kind(const char *path)
{
	const char	*b = strrchr(path, '/');
	size_t		 n;
	int		 k;

	b = b == NULL ? path : b + 1;
	n = strlen(b);
	if (n < 4 || strcasecmp(b + n - 4, ".csv") != 0)
		return -1;
	for (k = 0; k < IMPORT_NFILE; k++) {
		if (strncasecmp(b, files[k].name, strlen(files[k].name)) == 0)
			return k;
	}
	return -1;
}

/* The template of a file: its header and one example row. */
void
import_template(FILE *f, int kind)
{
	const struct column	*c = files[kind].cols;
	int			 i, n = files[kind].ncols, first = 1;
	size_t			 k;

	for (i = 0; i < n; i++) {
		if (c[i].example == NULL && kind != IMPORT_NERACA)
			continue;
		fprintf(f, "%s%s", first ? "" : ",", c[i].name);
		first = 0;
	}
	fputc('\n', f);
	if (kind != IMPORT_NERACA) {
		for (first = 1, i = 0; i < n; i++) {
			if (c[i].example == NULL)
				continue;
			fprintf(f, "%s%s", first ? "" : ",", c[i].example);
			first = 0;
		}
		fputc('\n', f);
		return;
	}
	/* Every account a balance sheet may name, the first with amounts. */
	for (k = 0; k < sizeof sheet_chart / sizeof sheet_chart[0]; k++)
		fprintf(f, "%u,%s,%s,\n", sheet_chart[k].gl,
		    sheet_chart[k].name, k == 0 ? "25.000.000" : "");
}

/* -- problems ------------------------------------------------------------ */

static void *
grow(struct ictx *x, void *p, size_t *cap, size_t n, size_t size)
{
	void	*np;
	size_t	 c;

	if (n < *cap)
		return p;
	c = *cap == 0 ? 64 : *cap * 2;
	if ((np = reallocarray(p, c, size)) == NULL) {
		x->nomem = 1;
		return NULL;
	}
	*cap = c;
	return np;
}

/* A problem at file, row (0: the whole file) and column (-1: none). */
static void
problem(struct ictx *x, int level, int file, size_t row, int col,
    const char *fmt, ...)
{
	struct import_plan	*pl = x->plan;
	struct import_problem	*p, *np;
	va_list			 ap;
	char			*text;

	if (x->nomem)
		return;
	np = grow(x, pl->problem, &x->cap_problem, pl->nproblem, sizeof *np);
	if (np == NULL)
		return;
	pl->problem = np;
	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) == -1) {
		va_end(ap);
		x->nomem = 1;
		return;
	}
	va_end(ap);
	p = &pl->problem[pl->nproblem++];
	memset(p, 0, sizeof *p);
	p->level = level;
	p->file = file;
	p->row = row;
	p->text = text;
	p->seq = x->seq++;
	if (col >= 0) {
		csv_column_letter((size_t)col, p->col, sizeof p->col);
		if (file == x->file)
			snprintf(p->colname, sizeof p->colname, "%s",
			    x->hdr[col]);
	}
	if (level == IMPORT_ERROR)
		pl->nerror++;
	else
		pl->nnotice++;
}

/* Whether our column c of the current row is there but not UTF-8. */
static int
colbad(const struct ictx *x, int c)
{
	int	 i = c < 0 ? -1 : x->idx[c];

	return i >= 0 && (size_t)i < x->row->n && x->row->f[i].bad;
}

/*
 * A problem of the given level in the current row, at our column c (-1:
 * the row); -1 when out of memory.  A field that is not UTF-8 has had
 * its error already.
 */
static int
rowv(struct ictx *x, int level, int c, const char *fmt, va_list ap)
{
	char	*s;

	if (vasprintf(&s, fmt, ap) == -1) {
		x->nomem = 1;
		return -1;
	}
	if (!colbad(x, c))
		problem(x, level, x->file, x->row->row,
		    c < 0 ? -1 : x->idx[c], "%s", s);
	free(s);
	return 0;
}

/* An error in the current row, at our column c (-1: the row). */
static void
rowerr(struct ictx *x, int c, const char *fmt, ...)
{
	va_list	 ap;
	int	 r;

	va_start(ap, fmt);
	r = rowv(x, IMPORT_ERROR, c, fmt, ap);
	va_end(ap);
	if (r == 0)
		x->rowbad = 1;
}

static void
rownote(struct ictx *x, int c, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	(void)rowv(x, IMPORT_NOTICE, c, fmt, ap);
	va_end(ap);
}

/* -- fields -------------------------------------------------------------- */

static void
trim(char *s)
{
	size_t	 n = strlen(s), k;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\n'))
		s[--n] = '\0';
	k = strspn(s, " \t\n");
	memmove(s, s + k, n - k + 1);
}

/* Our column c of the current row, trimmed; "" when absent or bad. */
static char *
fld(struct ictx *x, int c)
{
	static char	 empty[1];
	int		 i = x->idx[c];

	empty[0] = '\0';
	if (i < 0 || (size_t)i >= x->row->n || x->row->f[i].bad)
		return empty;
	return x->row->f[i].s;
}

static const char *
money(int64_t sen, char *buf, size_t len)
{
	money_format(sen, buf, len);
	return buf;
}

static const char *
datestr(uint32_t d, char *buf, size_t len)
{
	date_format(d, buf, len);
	return buf;
}

/* The message of a parser's error. */
static const char *
why(int r)
{
	return _(csv_strerror(r));
}

/*
 * An amount in column c: 0 and *v (0 when blank and not required), or
 * -1 after reporting it.
 */
static int
get_amount(struct ictx *x, int c, int required, int64_t *v)
{
	const char	*s = fld(x, c);
	int		 r;

	*v = 0;
	if (csv_blank(s) && !required)
		return 0;
	if ((r = csv_amount(s, v)) != 0) {
		if (r == CSV_E_EMPTY)
			rowerr(x, c, "%s", why(r));
		else
			rowerr(x, c, "%s: %s", s, why(r));
		*v = 0;
		return -1;
	}
	return 0;
}

/* A whole-Rupiah amount: loans are kept in whole Rupiah. */
static int
get_rupiah(struct ictx *x, int c, int required, int64_t *v)
{
	if (get_amount(x, c, required, v) != 0)
		return -1;
	if (*v % 100 != 0) {
		rowerr(x, c, _("%s: loans are kept in whole Rupiah"),
		    fld(x, c));
		return -1;
	}
	return 0;
}

/*
 * A date in column c as days since 1970: 0 and *d; 1 when blank and not
 * required (*d is 0); -1 after reporting it.  Dates after the cutover
 * are errors unless after is set (due dates).
 */
static int
get_date(struct ictx *x, int c, int required, int after, uint32_t *d)
{
	const char	*s = fld(x, c);
	char		 b[16];
	int		 y, m, dd, r;

	*d = 0;
	if (csv_blank(s)) {
		if (!required)
			return 1;
		rowerr(x, c, "%s", why(CSV_E_EMPTY));
		return -1;
	}
	if ((r = csv_date(s, &y, &m, &dd)) != 0) {
		rowerr(x, c, "%s: %s", s, why(r));
		return -1;
	}
	if (y < 1970) {
		rowerr(x, c, _("%s: loket's dates begin in 1970"), s);
		return -1;
	}
	*d = date_from_ymd(y, m, dd);
	if (!after && *d > x->plan->cutover) {
		rowerr(x, c, _("%s is after the cutover date %s"), s,
		    datestr(x->plan->cutover, b, sizeof b));
		return -1;
	}
	return 0;
}

/* A count in column c: blank is 0 unless required. */
static int
get_uint(struct ictx *x, int c, int required, uint32_t max, uint32_t *v)
{
	const char	*s = fld(x, c);
	int		 r;

	*v = 0;
	if (csv_blank(s) && !required)
		return 0;
	if ((r = csv_uint(s, max, v)) != 0) {
		if (r == CSV_E_RANGE)
			rowerr(x, c, _("%s: more than %u"), s, max);
		else if (r == CSV_E_EMPTY)
			rowerr(x, c, "%s", why(r));
		else
			rowerr(x, c, "%s: %s", s, why(r));
		return -1;
	}
	return 0;
}

static int
get_rate(struct ictx *x, int c, uint32_t max, uint32_t *bp)
{
	const char	*s = fld(x, c);
	int		 r;

	*bp = 0;
	if ((r = csv_rate(s, bp)) != 0) {
		if (r == CSV_E_EMPTY)
			rowerr(x, c, "%s", why(r));
		else
			rowerr(x, c, "%s: %s", s, why(r));
		return -1;
	}
	if (*bp > max) {
		if (c == P_BUNGA && x->file == IMPORT_PINJAMAN)
			rowerr(x, c, _("%s%% a month is more than loket allows "
			    "(%u%%): is it a yearly rate?"), s, max / 100);
		else
			rowerr(x, c, _("%s%% is more than loket allows (%u%%)"),
			    s, max / 100);
		return -1;
	}
	return 0;
}

/* An old number: 1 to IMPORT_OLDNO_MAX bytes of text. */
static int
get_oldno(struct ictx *x, int c, char *out)
{
	const char	*s = fld(x, c);

	out[0] = '\0';
	if (s[0] == '\0') {
		rowerr(x, c, "%s", why(CSV_E_EMPTY));
		return -1;
	}
	if (strlen(s) > IMPORT_OLDNO_MAX || strpbrk(s, "\t\n\r") != NULL) {
		rowerr(x, c, _("%s: an old number has at most %d characters "
		    "on one line"), s, IMPORT_OLDNO_MAX);
		return -1;
	}
	snprintf(out, IMPORT_OLDNO_MAX + 1, "%s", s);
	return 0;
}

/* Lower-case ASCII copy, for words like "aktif" and "Flat". */
static void
lower(const char *s, char *out, size_t len)
{
	size_t	 n;

	for (n = 0; s[n] != '\0' && n + 1 < len; n++)
		out[n] = s[n] >= 'A' && s[n] <= 'Z' ? s[n] - 'A' + 'a' : s[n];
	out[n] = '\0';
}

/* -- members ------------------------------------------------------------- */

/* What the comparison functions sort by: qsort(3) passes no argument. */
static const void	*sort_base;

static int
cmp_no(const void *a, const void *b)
{
	const struct import_member *m = sort_base;
	size_t	 i = *(const size_t *)a, j = *(const size_t *)b;
	int	 r;

	if ((r = strcmp(m[i].old_no, m[j].old_no)) != 0)
		return r;
	return i < j ? -1 : i > j;
}

static int
cmp_nik(const void *a, const void *b)
{
	const struct import_member *m = sort_base;
	size_t	 i = *(const size_t *)a, j = *(const size_t *)b;
	int	 r;

	if ((r = strcmp(m[i].nik, m[j].nik)) != 0)
		return r;
	return i < j ? -1 : i > j;
}

/* The member whose old number is s, or -1. */
static long
member_find(struct ictx *x, const char *s)
{
	const struct import_member *m = x->plan->member;
	size_t	 lo = 0, hi = x->plan->nmember, mid;
	int	 r;

	if (x->by_no == NULL)
		return -1;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		r = strcmp(m[x->by_no[mid]].old_no, s);
		if (r == 0) {
			/* The first of equals: the one named in errors. */
			while (mid > 0 &&
			    strcmp(m[x->by_no[mid - 1]].old_no, s) == 0)
				mid--;
			return (long)x->by_no[mid];
		}
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Without leading zeros, for the hint when "7" was meant as "007". */
static const char *
nozeros(const char *s)
{
	while (s[0] == '0' && s[1] != '\0')
		s++;
	return s;
}

/* The member of our column c, or -1 after reporting that there is none. */
static long
row_member(struct ictx *x, int c)
{
	const struct import_member *m = x->plan->member;
	const char	*s = fld(x, c);
	char		 no[IMPORT_OLDNO_MAX + 1];
	long		 k;
	size_t		 i;

	if (get_oldno(x, c, no) != 0)
		return -1;
	if ((k = member_find(x, no)) >= 0)
		return k;
	if (!x->plan->has_file[IMPORT_ANGGOTA] || x->by_no == NULL)
		return -1;
	for (i = 0; i < x->plan->nmember; i++) {
		if (strcmp(nozeros(m[i].old_no), nozeros(s)) == 0) {
			rowerr(x, c, _("no member %s in anggota.csv (it has "
			    "%s: the spreadsheet may have dropped the leading "
			    "zeros)"), s, m[i].old_no);
			return -1;
		}
	}
	rowerr(x, c, _("no member %s in anggota.csv"), s);
	return -1;
}

/* The name in an optional nama column against anggota.csv's. */
static void
check_name(struct ictx *x, int c, long k)
{
	const struct import_member *m = &x->plan->member[k];
	const char	*s = fld(x, c);
	char		 a[NAME_MAX_COLS * 4 + 1], b[NAME_MAX_COLS * 4 + 1];

	if (csv_blank(s) || m->name == NULL)
		return;
	text_fold(s, a, sizeof a);
	text_fold(m->name, b, sizeof b);
	trim(a);
	trim(b);
	if (strcmp(a, b) != 0)
		rownote(x, c, _("the name %s differs from %s in anggota.csv, "
		    "row %zu: anggota.csv's is kept"), s, m->name, m->row);
}

static int
parse_gender(const char *s, char *g)
{
	char	 l[16];

	lower(s, l, sizeof l);
	if (strcmp(l, "l") == 0 || strcmp(l, "laki-laki") == 0 ||
	    strcmp(l, "laki laki") == 0 || strcmp(l, "pria") == 0)
		*g = 'L';
	else if (strcmp(l, "p") == 0 || strcmp(l, "perempuan") == 0 ||
	    strcmp(l, "wanita") == 0)
		*g = 'P';
	else
		return -1;
	return 0;
}

/* Text of at most maxcols columns on one line, or "". */
static int
valid_text(const char *s, size_t maxcols)
{
	size_t	 len = strlen(s);

	if (len == 0)
		return 1;
	return len <= maxcols * 4 && utf8_valid(s, len) &&
	    utf8_width(s) <= maxcols && strpbrk(s, "\t\r\n") == NULL;
}

static void
read_member(struct ictx *x)
{
	struct import_plan	*pl = x->plan;
	struct import_member	 m, *nm;
	struct nik_info		 ni;
	char			*s, l[32], *p, *q, b[16];
	int			 y, mo, d, r, have_birth = 0;
	uint64_t		 n;

	memset(&m, 0, sizeof m);
	m.row = x->row->row;
	m.status = MEMBER_ACTIVE;
	(void)get_oldno(x, A_NO, m.old_no);

	s = fld(x, A_NAMA);
	if (s[0] == '\0')
		rowerr(x, A_NAMA, "%s", why(CSV_E_EMPTY));
	else if (!text_valid_name(s))
		rowerr(x, A_NAMA, _("%s: not a name (at most %d characters, "
		    "one line)"), s, NAME_MAX_COLS);
	if ((m.name = strdup(s)) == NULL)
		x->nomem = 1;

	s = fld(x, A_JK);
	if (parse_gender(s, &m.gender) != 0)
		rowerr(x, A_JK, _("%s: write L (laki-laki) or P (perempuan)"),
		    s);

	/* The birth date as written, then the NIK against it. */
	s = fld(x, A_LAHIR);
	if (!csv_blank(s)) {
		if ((r = csv_date(s, &y, &mo, &d)) != 0)
			rowerr(x, A_LAHIR, "%s: %s", s, why(r));
		else if (BIRTH_YMD(y, mo, d) > BIRTH_YMD(x->cy, x->cm, x->cd))
			rowerr(x, A_LAHIR, _("%s is after the cutover date %s"),
			    s, datestr(pl->cutover, b, sizeof b));
		else {
			m.birth = BIRTH_YMD(y, mo, d);
			have_birth = 1;
		}
	}

	s = fld(x, A_NIK);
	/* Spaces typed to group the digits are not part of it. */
	for (p = q = s; *p != '\0'; p++)
		if (*p != ' ')
			*q++ = *p;
	*q = '\0';
	if (s[0] == '\0')
		;	/* NIK belum ada: kept so, never invented */
	else if (strpbrk(s, "Ee") != NULL && strchr(s, '+') != NULL)
		rowerr(x, A_NIK, _("%s: the spreadsheet turned the NIK into a "
		    "number and lost digits: format the column as text and "
		    "type the NIKs again"), s);
	else if ((r = nik_parse(s, x->cy, &ni)) != 0)
		rowerr(x, A_NIK, "%s: %s", s, _(nik_strerror(r)));
	else {
		snprintf(m.nik, sizeof m.nik, "%s", s);
		if (m.gender != 0 && (m.gender == 'P') != (ni.female != 0)) {
			if (ni.female)
				rowerr(x, A_NIK, _("%s: the NIK is a woman's, "
				    "jenis_kelamin says L"), s);
			else
				rowerr(x, A_NIK, _("%s: the NIK is a man's, "
				    "jenis_kelamin says P"), s);
		}
		if (have_birth && (m.birth % 10000 !=
		    (uint32_t)(ni.month * 100 + ni.day) ||
		    m.birth / 10000 % 100 != (uint32_t)ni.year % 100))
			rowerr(x, A_NIK, _("%s: the NIK's birth date "
			    "%02d-%02d-%02d disagrees with tanggal_lahir %s"),
			    s, ni.day, ni.month, ni.year % 100,
			    fld(x, A_LAHIR));
		else if (!have_birth) {
			if (BIRTH_YMD(ni.year, ni.month, ni.day) >
			    BIRTH_YMD(x->cy, x->cm, x->cd))
				rowerr(x, A_NIK, _("%s: the NIK's birth date "
				    "is after the cutover"), s);
			m.birth = BIRTH_YMD(ni.year, ni.month, ni.day);
		}
		if (x->t != NULL && (r = member_by_nik(x->t, pl->branch, s,
		    &n)) == 0) {
			char	 num[32];

			member_format_number(pl->branch, n, num, sizeof num);
			rowerr(x, A_NIK, _("%s: this NIK is registered "
			    "already, as member %s"), s, num);
		}
	}

	s = fld(x, A_ALAMAT);
	/* A line break typed in the cell is a comma in an address. */
	for (p = s; (p = strchr(p, '\n')) != NULL; p++)
		*p = ',';
	if (!valid_text(s, ADDRESS_MAX))
		rowerr(x, A_ALAMAT, _("not an address (at most %d "
		    "characters)"), ADDRESS_MAX);
	else if ((m.address = strdup(s)) == NULL)
		x->nomem = 1;
	s = fld(x, A_DESA);
	if (!valid_text(s, NAME_MAX_COLS))
		rowerr(x, A_DESA, _("%s: not a village's name"), s);
	else if ((m.village = strdup(s)) == NULL)
		x->nomem = 1;

	/* Phone: the digits, with the spaces, dashes and dots taken out. */
	s = fld(x, A_TELP);
	for (p = q = s; *p != '\0'; p++)
		if (strchr(" -.()", *p) == NULL)
			*q++ = *p;
	*q = '\0';
	p = s[0] == '+' ? s + 1 : s;
	if (s[0] != '\0' && (strlen(p) < 8 || strlen(p) > 15 ||
	    strspn(p, "0123456789") != strlen(p)))
		rowerr(x, A_TELP, _("%s: not a telephone number (8 to 15 "
		    "digits)"), s);
	else
		snprintf(m.phone, sizeof m.phone, "%s", s);

	if (get_date(x, A_MASUK, 1, 0, &m.joined) == 0 && m.birth != 0) {
		date_to_ymd(m.joined, &y, &mo, &d);
		if (BIRTH_YMD(y, mo, d) < m.birth)
			rowerr(x, A_MASUK, _("%s: joined before being born"),
			    fld(x, A_MASUK));
	}

	s = fld(x, A_STATUS);
	lower(s, l, sizeof l);
	if (l[0] == '\0' || strcmp(l, "aktif") == 0)
		m.status = MEMBER_ACTIVE;
	else if (strcmp(l, "keluar") == 0 || strcmp(l, "berhenti") == 0)
		m.status = MEMBER_RESIGNED;
	else if (strcmp(l, "meninggal") == 0)
		m.status = MEMBER_DECEASED;
	else
		rowerr(x, A_STATUS, _("%s: write aktif, keluar or meninggal"),
		    s);

	nm = grow(x, pl->member, &x->cap_member, pl->nmember, sizeof *nm);
	if (nm == NULL) {
		free(m.name);
		free(m.address);
		free(m.village);
		return;
	}
	pl->member = nm;
	if (m.address == NULL)
		m.address = strdup("");
	if (m.village == NULL)
		m.village = strdup("");
	if (m.address == NULL || m.village == NULL)
		x->nomem = 1;
	pl->member[pl->nmember++] = m;
}

/* After anggota.csv: old numbers and NIKs each once. */
static void
members_index(struct ictx *x)
{
	struct import_plan	*pl = x->plan;
	struct import_member	*m = pl->member;
	size_t			*ix, i, a, b;

	if (pl->nmember == 0)
		return;
	if ((x->by_no = calloc(pl->nmember, sizeof *x->by_no)) == NULL ||
	    (x->kind_row = calloc(pl->nmember, sizeof *x->kind_row)) ==
	    NULL || (ix = calloc(pl->nmember, sizeof *ix)) == NULL) {
		x->nomem = 1;
		return;
	}
	for (i = 0; i < pl->nmember; i++)
		x->by_no[i] = ix[i] = i;
	sort_base = m;
	qsort(x->by_no, pl->nmember, sizeof *ix, cmp_no);
	for (i = 1; i < pl->nmember; i++) {
		a = x->by_no[i - 1];
		b = x->by_no[i];
		if (m[b].old_no[0] != '\0' &&
		    strcmp(m[a].old_no, m[b].old_no) == 0)
			problem(x, IMPORT_ERROR, IMPORT_ANGGOTA, m[b].row,
			    x->idx[A_NO], _("%s: the same no_lama as row %zu"),
			    m[b].old_no, m[member_find(x, m[b].old_no)].row);
	}
	qsort(ix, pl->nmember, sizeof *ix, cmp_nik);
	for (i = 1; i < pl->nmember; i++) {
		a = ix[i - 1];
		b = ix[i];
		if (m[b].nik[0] != '\0' && strcmp(m[a].nik, m[b].nik) == 0) {
			size_t	 f = i - 1;

			while (f > 0 && strcmp(m[ix[f - 1]].nik, m[b].nik) == 0)
				f--;
			problem(x, IMPORT_ERROR, IMPORT_ANGGOTA, m[b].row,
			    x->idx[A_NIK], _("%s: the same NIK as row %zu "
			    "(%s)"), m[b].nik, m[ix[f]].row, m[ix[f]].name);
		}
	}
	free(ix);
}

/* -- savings ------------------------------------------------------------- */

static const char *const kinds[] = { "pokok", "wajib", "sukarela",
    "berjangka" };

static void
read_saving(struct ictx *x)
{
	struct import_plan	*pl = x->plan;
	struct import_member	*m;
	struct import_term	 tm, *nt;
	char			 l[32], b1[48], b2[48];
	const char		*s;
	int64_t			 saldo;
	uint32_t		 arrears, months;
	long			 k;
	int			 kind, c, jy, jm, jd;

	k = row_member(x, S_NO);
	s = fld(x, S_JENIS);
	lower(s, l, sizeof l);
	for (kind = 0; kind < 4; kind++)
		if (strcmp(l, kinds[kind]) == 0)
			break;
	if (kind == 4) {
		rowerr(x, S_JENIS, _("%s: write pokok, wajib, sukarela or "
		    "berjangka"), s);
		return;
	}
	(void)get_amount(x, S_SALDO, 1, &saldo);
	if (get_uint(x, S_TUNGGAKAN, 0, 1200, &arrears) == 0 && arrears > 0 &&
	    kind != 1)
		rowerr(x, S_TUNGGAKAN, _("tunggakan_wajib_bulan is for wajib "
		    "rows only"));
	if (kind != 3) {
		/* The berjangka columns stay empty (or 0) on other rows. */
		for (c = S_JANGKA; c <= S_BUKA; c++) {
			s = fld(x, c);
			if (!csv_blank(s) && strcmp(s, "0") != 0)
				rowerr(x, c, _("%s is for berjangka rows "
				    "only"), simpanan_cols[c].name);
		}
	}
	if (k < 0)
		return;
	m = &pl->member[k];
	if (x->idx[S_NAMA] >= 0)
		check_name(x, S_NAMA, k);
	if (m->status != MEMBER_ACTIVE && saldo > 0)
		rownote(x, S_SALDO, _("member %s has left (anggota.csv, row "
		    "%zu) but has %s in %s"), m->old_no, m->row,
		    money(saldo, b1, sizeof b1), kinds[kind]);

	if (kind < 3) {
		if (x->kind_row[k][kind] != 0) {
			rowerr(x, S_JENIS, _("a second %s row for member %s "
			    "(the first is row %zu)"), kinds[kind], m->old_no,
			    x->kind_row[k][kind]);
			return;
		}
		x->kind_row[k][kind] = x->row->row;
		m->has |= 1 << kind;
		if (kind == 0) {
			m->pokok = saldo;
			if (saldo != pl->pokok_setting)
				rownote(x, S_SALDO, _("pokok %s differs from "
				    "the cooperative's setting (%s): imported "
				    "as it is"), money(saldo, b1, sizeof b1),
				    money(pl->pokok_setting, b2, sizeof b2));
		} else if (kind == 1) {
			m->wajib = saldo;
			m->wajib_arrears = arrears;
			/* No more months unpaid than since joining. */
			if (m->joined != 0) {
				date_to_ymd(m->joined, &jy, &jm, &jd);
				months = (uint32_t)((x->cy - jy) * 12 +
				    x->cm - jm + 1);
				if (arrears > months)
					rowerr(x, S_TUNGGAKAN, _("%u months "
					    "of wajib unpaid, but member %s "
					    "joined only %u months before"),
					    arrears, m->old_no, months);
			}
		} else
			m->sukarela = saldo;
		return;
	}

	/* Berjangka: amount, months, yearly rate, the day it was opened. */
	memset(&tm, 0, sizeof tm);
	tm.member = (size_t)k;
	tm.amount = saldo;
	tm.row = x->row->row;
	if (x->idx[S_SALDO] >= 0 && saldo == 0 && !csv_blank(fld(x, S_SALDO)))
		rowerr(x, S_SALDO, _("a term deposit of nothing"));
	if (get_uint(x, S_JANGKA, 1, 60, &tm.months) == 0 && tm.months == 0)
		rowerr(x, S_JANGKA, _("a term of 0 months"));
	if (x->idx[S_BUNGA] < 0)
		rowerr(x, -1, _("berjangka needs the column %s"),
		    "bunga_tahun_persen");
	else
		(void)get_rate(x, S_BUNGA, 5000, &tm.rate_bp);
	if (x->idx[S_BUKA] < 0)
		rowerr(x, -1, _("berjangka needs the column %s"),
		    "tanggal_buka");
	else if (get_date(x, S_BUKA, 1, 0, &tm.opened) == 0 &&
	    tm.months > 0) {
		tm.maturity = date_add_months(tm.opened, (int)tm.months);
		if (tm.maturity <= pl->cutover)
			rownote(x, S_BUKA, _("matured on %s, before the "
			    "cutover"), datestr(tm.maturity, b1, sizeof b1));
	}
	if (tm.opened != 0 && m->joined != 0 && tm.opened < m->joined)
		rownote(x, S_BUKA, _("opened before member %s joined (%s)"),
		    m->old_no, datestr(m->joined, b1, sizeof b1));
	if (m->nterm >= 99) {
		rowerr(x, -1, _("member %s has more than 99 term deposits"),
		    m->old_no);
		return;
	}
	m->nterm++;
	if ((nt = grow(x, pl->term, &x->cap_term, pl->nterm, sizeof *nt)) ==
	    NULL)
		return;
	pl->term = nt;
	pl->term[pl->nterm++] = tm;
}

/* -- loans --------------------------------------------------------------- */

static int
cmp_loan(const void *a, const void *b)
{
	const struct import_loan *l = sort_base;
	size_t	 i = *(const size_t *)a, j = *(const size_t *)b;
	int	 r;

	if ((r = strcmp(l[i].old_no, l[j].old_no)) != 0)
		return r;
	return i < j ? -1 : i > j;
}

/*
 * The loan against its own schedule: loket's schedule of the original
 * terms says what instalments 1 .. next-1 held; what is left plus the
 * principal in arrears must be within one instalment of sisa_pokok.
 */
static void
loan_against_schedule(struct ictx *x, struct import_loan *ln)
{
	static struct instalment s[LOAN_TERM_MAX];
	struct import_loan_req q;
	struct loan	 l;
	int64_t		 due_p = 0, due_i = 0, tol, want, diff;
	uint32_t	 k, expect;
	int		 r;
	char		 b1[48], b2[48], b3[48];

	if (loan_schedule_compute(ln->method, ln->principal, ln->rate_bp,
	    ln->term, ln->disbursed, s) != 0) {
		rowerr(x, P_POKOK, _("loket cannot make a schedule of these "
		    "terms"));
		return;
	}
	for (k = 0; k + 1 < ln->next; k++) {
		due_p += s[k].principal;
		due_i += s[k].interest;
	}
	/* One instalment's principal: the larger of its neighbours. */
	k = ln->next - 1 < ln->term ? ln->next - 1 : ln->term - 1;
	tol = s[k].principal;
	if (k > 0 && s[k - 1].principal > tol)
		tol = s[k - 1].principal;

	want = ln->principal - due_p + ln->arrears_principal;
	ln->sched_outstanding = want;
	diff = ln->outstanding - want;
	if (diff > tol || -diff > tol)
		rowerr(x, P_SISA, _("%s disagrees with the schedule by more "
		    "than one instalment: after %u instalments and %s "
		    "principal in arrears, %s remains"),
		    money(ln->outstanding, b1, sizeof b1), ln->next - 1,
		    money(ln->arrears_principal, b2, sizeof b2),
		    money(want, b3, sizeof b3));
	if (ln->arrears_principal > due_p)
		rowerr(x, P_TPOKOK, _("%s of principal in arrears, but the "
		    "%u instalments fallen due hold only %s"),
		    money(ln->arrears_principal, b1, sizeof b1), ln->next - 1,
		    money(due_p, b2, sizeof b2));
	if (ln->arrears_interest > due_i)
		rowerr(x, P_TJASA, _("%s of interest in arrears, but the %u "
		    "instalments fallen due hold only %s"),
		    money(ln->arrears_interest, b1, sizeof b1), ln->next - 1,
		    money(due_i, b2, sizeof b2));

	/* Instalment next falls due about next months after disbursement. */
	if (ln->next <= ln->term && ln->next_due != 0) {
		expect = s[ln->next - 1].due;
		if (ln->next_due + 31 < expect || ln->next_due > expect + 31)
			rowerr(x, P_TEMPO, _("instalment %u of a loan "
			    "disbursed on %s falls due on %s, not %s"),
			    ln->next, datestr(ln->disbursed, b1, sizeof b1),
			    datestr(expect, b2, sizeof b2),
			    datestr(ln->next_due, b3, sizeof b3));
	} else if (ln->next > ln->term && s[ln->term - 1].due >
	    x->plan->cutover)
		rowerr(x, P_KE, _("instalment %u falls due on %s, after the "
		    "cutover: not every instalment has fallen due"), ln->term,
		    datestr(s[ln->term - 1].due, b1, sizeof b1));
	if (x->rowbad)
		return;

	/* What posting makes of it (store/import.c): the same arithmetic. */
	memset(&q, 0, sizeof q);
	q.method = ln->method;
	q.principal = ln->principal;
	q.rate_bp = ln->rate_bp;
	q.term = ln->term;
	q.disbursed = ln->disbursed;
	q.outstanding = ln->outstanding;
	q.next = ln->next;
	q.arrears_principal = ln->next > ln->term ? ln->outstanding :
	    ln->arrears_principal;
	q.arrears_interest = ln->arrears_interest;
	q.penalty = ln->penalty;
	if ((r = import_loan_plan(&q, &l, s)) != 0)
		rowerr(x, P_SISA, _("loket cannot continue the loan from "
		    "these figures: %s"), _(store_strerror(r)));
	else if (ln->next <= ln->term && s[ln->next - 1].due <=
	    x->plan->cutover)
		rowerr(x, P_CAIR, _("in loket's schedule, on the day of "
		    "disbursement each month, instalment %u falls due on %s: "
		    "not after the cutover"), ln->next,
		    datestr(s[ln->next - 1].due, b1, sizeof b1));
}

static void
read_loan(struct ictx *x)
{
	struct import_plan	*pl = x->plan;
	struct import_loan	 ln, *nl;
	char			 l[32], b1[48], b2[48];
	const char		*s;
	long			 k;
	int			 ok;

	memset(&ln, 0, sizeof ln);
	ln.row = x->row->row;
	(void)get_oldno(x, P_NO, ln.old_no);
	k = row_member(x, P_ANGGOTA);
	s = fld(x, P_METODE);
	lower(s, l, sizeof l);
	if (loan_method_parse(l, &ln.method) != 0)
		rowerr(x, P_METODE, _("%s: write flat, menurun or anuitas"),
		    s);
	if (get_rupiah(x, P_POKOK, 1, &ln.principal) == 0 &&
	    (ln.principal <= 0 || ln.principal > LOAN_PRINCIPAL_MAX))
		rowerr(x, P_POKOK, _("%s: not a loan's principal"),
		    fld(x, P_POKOK));
	(void)get_rate(x, P_BUNGA, LOAN_RATE_MAX, &ln.rate_bp);
	if (get_uint(x, P_JANGKA, 1, LOAN_TERM_MAX, &ln.term) == 0 &&
	    ln.term == 0)
		rowerr(x, P_JANGKA, _("a term of 0 months"));
	(void)get_date(x, P_CAIR, 1, 0, &ln.disbursed);
	if (get_rupiah(x, P_SISA, 1, &ln.outstanding) == 0 &&
	    ln.principal > 0 && ln.outstanding > ln.principal)
		rowerr(x, P_SISA, _("%s is more than the loan's original "
		    "principal %s"), money(ln.outstanding, b1, sizeof b1),
		    money(ln.principal, b2, sizeof b2));
	(void)get_rupiah(x, P_TPOKOK, 0, &ln.arrears_principal);
	(void)get_rupiah(x, P_TJASA, 0, &ln.arrears_interest);
	(void)get_rupiah(x, P_DENDA, 0, &ln.penalty);
	if (ln.arrears_principal > ln.outstanding)
		rowerr(x, P_TPOKOK, _("%s of principal in arrears is more "
		    "than the %s remaining"),
		    money(ln.arrears_principal, b1, sizeof b1),
		    money(ln.outstanding, b2, sizeof b2));

	/* The next instalment: its number, and its date after the cutover. */
	if (get_uint(x, P_KE, 1, LOAN_TERM_MAX + 1, &ln.next) == 0) {
		if (ln.next == 0)
			rowerr(x, P_KE, _("instalments are numbered from 1"));
		else if (ln.term > 0 && ln.next > ln.term + 1)
			rowerr(x, P_KE, _("%u: the loan has %u instalments "
			    "(write %u when every one has fallen due)"),
			    ln.next, ln.term, ln.term + 1);
	}
	if (ln.term > 0 && ln.next == ln.term + 1) {
		if (!csv_blank(fld(x, P_TEMPO)))
			rowerr(x, P_TEMPO, _("leave it empty: every "
			    "instalment has fallen due"));
	} else if (get_date(x, P_TEMPO, 1, 1, &ln.next_due) == 0 &&
	    ln.next_due <= pl->cutover)
		rowerr(x, P_TEMPO, _("%s is not after the cutover: count "
		    "that instalment in the arrears and give the next one"),
		    fld(x, P_TEMPO));

	if (k >= 0) {
		ln.member = (size_t)k;
		pl->member[k].nloan++;
		if (x->idx[P_NAMA] >= 0)
			check_name(x, P_NAMA, k);
		if (pl->member[k].status != MEMBER_ACTIVE &&
		    ln.outstanding > 0)
			rownote(x, P_ANGGOTA, _("member %s has left "
			    "(anggota.csv, row %zu) but owes on this loan"),
			    pl->member[k].old_no, pl->member[k].row);
	}
	ok = !x->rowbad;
	if (ok && ln.outstanding == 0 && ln.arrears_interest == 0 &&
	    ln.penalty == 0) {
		rownote(x, P_SISA, _("repaid: the loan is left out"));
		return;
	}
	if (ok)
		loan_against_schedule(x, &ln);
	if ((nl = grow(x, pl->loan, &x->cap_loan, pl->nloan, sizeof *nl)) ==
	    NULL)
		return;
	pl->loan = nl;
	pl->loan[pl->nloan++] = ln;
}

static void
loans_index(struct ictx *x)
{
	struct import_plan	*pl = x->plan;
	size_t			*ix, i, a, b, f;

	if (pl->nloan < 2)
		return;
	if ((ix = calloc(pl->nloan, sizeof *ix)) == NULL) {
		x->nomem = 1;
		return;
	}
	for (i = 0; i < pl->nloan; i++)
		ix[i] = i;
	sort_base = pl->loan;
	qsort(ix, pl->nloan, sizeof *ix, cmp_loan);
	for (i = 1, f = 0; i < pl->nloan; i++) {
		a = ix[i - 1];
		b = ix[i];
		if (strcmp(pl->loan[a].old_no, pl->loan[b].old_no) != 0) {
			f = i;
			continue;
		}
		if (pl->loan[b].old_no[0] != '\0')
			problem(x, IMPORT_ERROR, IMPORT_PINJAMAN,
			    pl->loan[b].row, x->idx[P_NO],
			    _("%s: the same no_pinjaman_lama as row %zu"),
			    pl->loan[b].old_no, pl->loan[ix[f]].row);
	}
	free(ix);
}

/* -- the balance sheet --------------------------------------------------- */

static void
read_line(struct ictx *x)
{
	struct import_plan	*pl = x->plan;
	struct import_line	*nl;
	struct account		 a;
	const char		*s = fld(x, N_KODE);
	uint32_t		 gl;
	uint64_t		 sub;
	int64_t			 dr, cr;
	size_t			 i;
	int			 r;

	if (s[0] == '\0') {
		rowerr(x, N_KODE, "%s", why(CSV_E_EMPTY));
		return;
	}
	if (account_parse_code(s, &gl, &sub) != 0) {
		rowerr(x, N_KODE, _("%s: not an account code (loket import "
		    "--template neraca lists them)"), s);
		return;
	}
	if (sub != 0) {
		rowerr(x, N_KODE, _("%s: a sub-account: give the account's "
		    "total, the detail comes from the other files"), s);
		return;
	}
	if (x->t != NULL && (r = account_get(x->t, pl->branch, gl, 0, &a)) !=
	    0) {
		rowerr(x, N_KODE, _("%s: no such account in loket's chart "
		    "(loket import --template neraca lists them)"), s);
		return;
	}
	if (gl == GL_CASH)
		rowerr(x, N_KODE, _("%s holds the tellers' drawers: put the "
		    "cash in %u (kas khasanah)"), s, GL_VAULT);
	else if (x->t != NULL && (a.flags & ACCT_F_CONTROL)) {
		for (i = 0; i < IMPORT_RC_N; i++)
			if (rc_lines[i].gl == gl)
				break;
		if (i == IMPORT_RC_N)
			rowerr(x, N_KODE, _("%s: only loket posts to this "
			    "account"), s);
	}
	if (get_amount(x, N_DEBIT, 0, &dr) != 0 ||
	    get_amount(x, N_KREDIT, 0, &cr) != 0 || x->rowbad)
		return;
	if (dr != 0 && cr != 0) {
		rowerr(x, N_KREDIT, _("both debit and kredit: give one, the "
		    "balance"));
		return;
	}
	if (dr == 0 && cr == 0)
		return;
	for (i = 0; i < pl->nline; i++) {
		if (pl->line[i].gl == gl) {
			rownote(x, N_KODE, _("account %s again: added to the "
			    "line of row %zu"), s, pl->line[i].row);
			pl->line[i].amount += dr - cr;
			return;
		}
	}
	if ((nl = grow(x, pl->line, &x->cap_line, pl->nline, sizeof *nl)) ==
	    NULL)
		return;
	pl->line = nl;
	nl = &pl->line[pl->nline];
	memset(nl, 0, sizeof *nl);
	nl->gl = gl;
	nl->amount = dr - cr;
	nl->row = x->row->row;
	if ((nl->name = strdup(fld(x, N_NAMA))) == NULL) {
		x->nomem = 1;
		return;
	}
	pl->nline++;
}

static int
cmp_line(const void *a, const void *b)
{
	const struct import_line *x = a, *y = b;

	return x->gl < y->gl ? -1 : x->gl > y->gl;
}

/*
 * Each savings kind, the loans and (when the sheet has it) interest
 * receivable against their lines, and the sheet's debits against its
 * credits.  A difference is an error, or with --accept-difference a
 * notice and an amount for the suspense account.
 */
static void
reconcile(struct ictx *x)
{
	struct import_plan	*pl = x->plan;
	struct import_reconcile	*rc;
	int64_t			 detail[IMPORT_RC_N] = { 0 }, dr = 0, cr = 0,
				 post = 0;
	char			 b1[48], b2[48], b3[48];
	size_t			 i, k;
	int			 level;

	for (i = 0; i < pl->nmember; i++) {
		detail[IMPORT_RC_POKOK] += pl->member[i].pokok;
		detail[IMPORT_RC_WAJIB] += pl->member[i].wajib;
		detail[IMPORT_RC_SUKARELA] += pl->member[i].sukarela;
	}
	for (i = 0; i < pl->nterm; i++)
		detail[IMPORT_RC_BERJANGKA] += pl->term[i].amount;
	for (i = 0; i < pl->nloan; i++) {
		detail[IMPORT_RC_LOANS] += pl->loan[i].outstanding;
		detail[IMPORT_RC_INTEREST] += pl->loan[i].arrears_interest;
	}
	for (i = 0; i < pl->nline; i++) {
		if (pl->line[i].amount > 0)
			dr += pl->line[i].amount;
		else
			cr -= pl->line[i].amount;
	}
	if (pl->nline > 1)
		qsort(pl->line, pl->nline, sizeof *pl->line, cmp_line);

	level = pl->accept_difference ? IMPORT_NOTICE : IMPORT_ERROR;
	for (k = 0; k < IMPORT_RC_N; k++) {
		rc = &pl->rc[k];
		rc->gl = rc_lines[k].gl;
		rc->what = rc_lines[k].what;
		rc->detail = detail[k];
		if (k == IMPORT_RC_BALANCE) {
			rc->active = pl->has_file[IMPORT_NERACA];
			rc->detail = dr;
			rc->sheet = cr;
		} else {
			rc->active = pl->has_file[IMPORT_NERACA];
			for (i = 0; i < pl->nline; i++)
				if (pl->line[i].gl == rc->gl)
					break;
			if (i < pl->nline) {
				rc->sheet = rc_lines[k].credit ?
				    -pl->line[i].amount : pl->line[i].amount;
				rc->row = pl->line[i].row;
			} else if (k == IMPORT_RC_INTEREST)
				rc->active = 0;	/* never booked: fine */
		}
		rc->difference = rc->detail - rc->sheet;
		if (!rc->active || rc->difference == 0)
			continue;
		if (k == IMPORT_RC_BALANCE)
			problem(x, level, IMPORT_NERACA, 0, -1, _("debits add "
			    "up to %s, credits to %s: a difference of %s"),
			    money(dr, b1, sizeof b1), money(cr, b2, sizeof b2),
			    money(rc->difference, b3, sizeof b3));
		else
			problem(x, level, IMPORT_NERACA, rc->row, -1,
			    _("%u %s: the rows add up to %s, the balance "
			    "sheet says %s: a difference of %s"), rc->gl,
			    _(rc->what), money(rc->detail, b1, sizeof b1),
			    money(rc->sheet, b2, sizeof b2),
			    money(rc->difference, b3, sizeof b3));
	}
	if (!pl->has_file[IMPORT_NERACA])
		return;

	/*
	 * The opening entry posts every line, the detail in place of each
	 * reconciled one; the suspense account takes what is left over.
	 */
	for (i = 0; i < pl->nline; i++) {
		for (k = 0; k < IMPORT_RC_BALANCE; k++)
			if (pl->rc[k].active && pl->rc[k].gl == pl->line[i].gl)
				break;
		if (k == IMPORT_RC_BALANCE)
			post += pl->line[i].amount;
	}
	for (k = 0; k < IMPORT_RC_BALANCE; k++) {
		if (!pl->rc[k].active)
			continue;
		post += rc_lines[k].credit ? -pl->rc[k].detail :
		    pl->rc[k].detail;
	}
	pl->suspense = -post;
	if (pl->suspense != 0 && pl->accept_difference)
		problem(x, IMPORT_NOTICE, IMPORT_NERACA, 0, -1,
		    _("accepted: %s to the suspense account (%s)"),
		    money(pl->suspense < 0 ? -pl->suspense : pl->suspense, b1,
		    sizeof b1), pl->suspense < 0 ? _("credit") : _("debit"));
}

/* -- reading a file ------------------------------------------------------ */

static void
keep_header(struct ictx *x, const struct csv_row *h)
{
	size_t	 i, n;

	for (i = 0; i < h->n && i < CSV_MAXCOLS; i++) {
		if (h->f[i].bad) {
			snprintf(x->hdr[i], HDR_MAX, "?");
			continue;
		}
		snprintf(x->hdr[i], HDR_MAX, "%s", h->f[i].s);
		trim(x->hdr[i]);
		/* Cut at a character, not inside one. */
		n = strlen(x->hdr[i]);
		if (n == HDR_MAX - 1)
			while (n > 0 && ((unsigned char)x->hdr[i][n] & 0xc0) ==
			    0x80)
				x->hdr[i][--n] = '\0';
	}
}

/*
 * The header: each of our columns found (by name, case, spaces and
 * underscores aside), a required one missing an error, one of the
 * file's we do not know a notice.  Returns -1 if the rows cannot be
 * read.
 */
static int
read_header(struct ictx *x, const struct csv_row *h)
{
	const struct column	*c = files[x->file].cols;
	char			 a[128], b[128];
	char			 first[8];
	int			 i, n = files[x->file].ncols, bad = 0;
	size_t			 k;

	keep_header(x, h);
	for (i = 0; i < n; i++) {
		x->idx[i] = csv_header_find(h, c[i].name);
		if (x->idx[i] < 0 && c[i].required) {
			problem(x, IMPORT_ERROR, x->file, h->row, -1,
			    _("the column %s is missing"), c[i].name);
			bad = 1;
		}
	}
	for (k = 0; k < h->n; k++) {
		if (h->f[k].bad) {
			problem(x, IMPORT_ERROR, x->file, h->row, (int)k, "%s",
			    _("not UTF-8 text: save the file as \"CSV "
			    "UTF-8\""));
			continue;
		}
		if (csv_blank(h->f[k].s))
			continue;
		csv_name_fold(h->f[k].s, a, sizeof a);
		for (i = 0; i < n; i++) {
			csv_name_fold(c[i].name, b, sizeof b);
			if (strcmp(a, b) == 0)
				break;
		}
		if (i == n) {
			problem(x, IMPORT_NOTICE, x->file, h->row, (int)k,
			    "%s", _("not a column loket reads: ignored"));
			continue;
		}
		if (x->idx[i] != (int)k) {
			csv_column_letter((size_t)x->idx[i], first,
			    sizeof first);
			problem(x, IMPORT_ERROR, x->file, h->row, (int)k,
			    _("the column %s again (first in column %s)"),
			    c[i].name, first);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

static void
read_file(struct ictx *x, int file, const struct import_source *src)
{
	struct csv	*c = NULL;
	struct csv_row	 row;
	size_t		 n = 0, k;
	int		 r, i, header = 1;

	x->file = file;
	x->fname = src->name;
	for (i = 0; i < 16; i++)
		x->idx[i] = -1;
	if (csv_open(src->data, src->len, &c) != 0) {
		x->nomem = 1;
		return;
	}
	for (;;) {
		r = csv_next(c, &row);
		if (r == CSV_END)
			break;
		if (r != 0) {
			problem(x, IMPORT_ERROR, file, csv_error_row(c), -1,
			    "%s", why(r));
			if (r == CSV_E_AFTERQUOTE)
				continue;
			break;
		}
		x->row = &row;
		x->rowbad = 0;
		if (header) {
			header = 0;
			if (read_header(x, &row) != 0)
				break;
			continue;
		}
		/* A field we read that is not UTF-8 is an error of its own. */
		for (i = 0; i < files[file].ncols; i++) {
			k = x->idx[i] < 0 ? row.n : (size_t)x->idx[i];
			if (k < row.n && row.f[k].bad) {
				problem(x, IMPORT_ERROR, file, row.row, (int)k,
				    "%s", _("not UTF-8 text: save the file as "
				    "\"CSV UTF-8\""));
				x->rowbad = 1;
			}
		}
		for (k = 0; k < row.n; k++)
			trim(row.f[k].s);
		switch (file) {
		case IMPORT_ANGGOTA:
			read_member(x);
			break;
		case IMPORT_SIMPANAN:
			read_saving(x);
			break;
		case IMPORT_PINJAMAN:
			read_loan(x);
			break;
		case IMPORT_NERACA:
			read_line(x);
			break;
		}
		if (x->nomem)
			break;
		if (++n % PROGRESS_EVERY == 0 && x->o->progress != NULL)
			x->o->progress(x->o->progress_arg, src->name, n, 0);
	}
	if (header && r == CSV_END)
		problem(x, IMPORT_ERROR, file, 0, -1, "%s",
		    _("the file is empty: it needs a header line"));
	if (x->o->progress != NULL)
		x->o->progress(x->o->progress_arg, src->name, n, 1);
	x->row = NULL;
	csv_free(c);
}

static int
cmp_problem(const void *a, const void *b)
{
	const struct import_problem *p = a, *q = b;
	size_t	 lp = strlen(p->col), lq = strlen(q->col);
	int	 r;

	if (p->file != q->file)
		return p->file < q->file ? -1 : 1;
	if (p->row != q->row)
		return p->row < q->row ? -1 : 1;
	if (lp != lq)
		return lp < lq ? -1 : 1;
	if ((r = strcmp(p->col, q->col)) != 0)
		return r;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/*
 * Active members without a pokok row have paid none: one notice that
 * names the first few, not one a member.
 */
static void
no_pokok(struct ictx *x)
{
	struct import_plan	*pl = x->plan;
	char			 list[256], b1[48];
	size_t			 i, n = 0, len = 0;

	list[0] = '\0';
	for (i = 0; i < pl->nmember; i++) {
		if ((pl->member[i].has & IMPORT_HAS_POKOK) ||
		    pl->member[i].status != MEMBER_ACTIVE)
			continue;
		if (n++ < 8 && len < sizeof list)
			len += snprintf(list + len, sizeof list - len, "%s%s",
			    n > 1 ? ", " : "", pl->member[i].old_no);
	}
	if (n == 0 || pl->pokok_setting == 0)
		return;
	x->file = IMPORT_SIMPANAN;
	if (n > 8)
		problem(x, IMPORT_NOTICE, IMPORT_SIMPANAN, 0, -1,
		    _("%zu active members have no pokok row, so no pokok "
		    "instead of the setting's %s: %s and %zu more"), n,
		    money(pl->pokok_setting, b1, sizeof b1), list, n - 8);
	else
		problem(x, IMPORT_NOTICE, IMPORT_SIMPANAN, 0, -1,
		    _("%zu active members have no pokok row, so no pokok "
		    "instead of the setting's %s: %s"), n,
		    money(pl->pokok_setting, b1, sizeof b1), list);
}

/*
 * Read, check and reconcile the files (src[IMPORT_ANGGOTA] is needed;
 * the others may have data NULL) against the branch's books in t.
 * Returns 0 and the plan, whose nerror says whether it may be posted;
 * or ENOMEM, or a store error.
 */
int
import_plan_build(struct store_txn *t, const struct import_opts *o,
    const struct import_source src[IMPORT_NFILE], struct import_plan **out)
{
	struct import_plan	*pl;
	struct ictx		*x;
	struct branch		 br;
	int			 f, r = 0;

	*out = NULL;
	if ((pl = calloc(1, sizeof *pl)) == NULL)
		return ENOMEM;
	if ((x = calloc(1, sizeof *x)) == NULL) {
		free(pl);
		return ENOMEM;
	}
	x->plan = pl;
	x->t = t;
	x->o = o;
	snprintf(pl->branch, sizeof pl->branch, "%s", o->branch);
	pl->cutover = o->cutover;
	pl->accept_difference = o->accept_difference;
	date_to_ymd(o->cutover, &x->cy, &x->cm, &x->cd);
	if ((r = branch_get(t, pl->branch, &br)) != 0)
		goto out;
	pl->pokok_setting = savings_setting(t, pl->branch, "savings.pokok");

	for (f = 0; f < IMPORT_NFILE; f++) {
		pl->has_file[f] = src[f].data != NULL;
		if (!pl->has_file[f])
			continue;
		read_file(x, f, &src[f]);
		if (f == IMPORT_ANGGOTA)
			members_index(x);
		else if (f == IMPORT_PINJAMAN)
			loans_index(x);
		if (x->nomem)
			break;
	}
	if (!x->nomem && pl->has_file[IMPORT_SIMPANAN])
		no_pokok(x);
	if (!x->nomem)
		reconcile(x);
	if (x->nomem) {
		r = ENOMEM;
		goto out;
	}
	if (pl->nproblem > 1)
		qsort(pl->problem, pl->nproblem, sizeof *pl->problem,
		    cmp_problem);
	*out = pl;
	pl = NULL;
out:
	free(x->by_no);
	free(x->kind_row);
	free(x);
	import_plan_free(pl);
	return r;
}

void
import_plan_free(struct import_plan *pl)
{
	size_t	 i;

	if (pl == NULL)
		return;
	for (i = 0; i < pl->nmember; i++) {
		free(pl->member[i].name);
		free(pl->member[i].address);
		free(pl->member[i].village);
	}
	for (i = 0; i < pl->nline; i++)
		free(pl->line[i].name);
	for (i = 0; i < pl->nproblem; i++)
		free(pl->problem[i].text);
	free(pl->member);
	free(pl->term);
	free(pl->loan);
	free(pl->line);
	free(pl->problem);
	free(pl);
}
