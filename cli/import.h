/*
 * cli/import.h: loket import, the old books brought in.
 *
 * cli/csv.c reads what spreadsheets save as CSV, and parses the amounts,
 * dates, percentages and counts in it; it needs no LMDB (the fuzz target
 * links it alone).  cli/import.c reads the four files into an import
 * plan: every member with their old number, savings per kind and wajib
 * arrears, term deposits, loans with their terms and where they stand,
 * the balance sheet's lines and how the detail adds up against it.  It
 * checks everything and lists every problem with its file, row and
 * column; a plan whose nerror is 0 is complete and consistent, ready to
 * be posted on the cutover date in one transaction.
 */
#ifndef LOKET_CLI_IMPORT_H
#define LOKET_CLI_IMPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "store/store.h"

/* cli/csv.c */

/* What csv_next() and the parsers return besides 0; csv_strerror() names them. */
#define CSV_END		1	/* no more rows */
#define CSV_E_QUOTE	(-1)	/* a quoted field never ends */
#define CSV_E_AFTERQUOTE (-2)	/* text after a closing quote */
#define CSV_E_UTF16	(-3)	/* saved as UTF-16 */
#define CSV_E_SEP	(-4)	/* the header has as many , as ; */
#define CSV_E_WIDE	(-5)	/* more than CSV_MAXCOLS columns */
#define CSV_E_LONG	(-6)	/* a field of more than CSV_MAXFIELD bytes */
#define CSV_E_NOMEM	(-7)
#define CSV_E_AMOUNT	(-8)	/* not an amount as Indonesians write one */
#define CSV_E_NEGATIVE	(-9)
#define CSV_E_RANGE	(-10)	/* too large */
#define CSV_E_DATE	(-11)	/* neither 2024-03-31 nor 31/03/2024 */
#define CSV_E_RATE	(-12)	/* not a percentage with at most two decimals */
#define CSV_E_NUMBER	(-13)	/* not a whole number */
#define CSV_E_EMPTY	(-14)	/* an empty field where a value is needed */

#define CSV_MAXCOLS	256
#define CSV_MAXFIELD	65536

struct csv;
struct csv_field {
	char		*s;		/* NUL-terminated; line ends as \n */
	size_t		 len;
	int		 bad;		/* not UTF-8, or holds a NUL byte */
};
struct csv_row {
	size_t		 row;		/* the spreadsheet's row: header is 1 */
	size_t		 n;
	struct csv_field *f;		/* valid until the next csv_next() */
};

int	 csv_open(const void *, size_t, struct csv **);
void	 csv_free(struct csv *);
char	 csv_separator(const struct csv *);
int	 csv_next(struct csv *, struct csv_row *);
size_t	 csv_error_row(const struct csv *);
const char *csv_strerror(int);
void	 csv_column_letter(size_t, char *, size_t);
void	 csv_name_fold(const char *, char *, size_t);
int	 csv_header_find(const struct csv_row *, const char *);
int	 csv_amount(const char *, int64_t *);
int	 csv_date(const char *, int *, int *, int *);
int	 csv_rate(const char *, uint32_t *);
int	 csv_uint(const char *, uint32_t, uint32_t *);
int	 csv_blank(const char *);

/* cli/import.c */

enum import_file {
	IMPORT_ANGGOTA,			/* members: the one file needed */
	IMPORT_SIMPANAN,		/* savings */
	IMPORT_PINJAMAN,		/* loans */
	IMPORT_NERACA,			/* the balance sheet at the cutover */
	IMPORT_NFILE
};

#define IMPORT_OLDNO_MAX	32	/* an old member or loan number */

/* A member, with what simpanan.csv says they have. */
struct import_member {
	char		 old_no[IMPORT_OLDNO_MAX + 1];	/* no_lama */
	char		*name;
	char		 nik[NIK_LEN + 1];	/* "": NIK belum ada */
	char		 gender;		/* 'L' or 'P' */
	uint32_t	 birth;			/* YYYYMMDD; 0: unknown */
	char		*address;		/* "" when not given */
	char		*village;
	char		 phone[PHONE_MAX + 1];	/* digits, maybe a +; or "" */
	uint32_t	 joined;		/* days since 1970-01-01 */
	uint8_t		 status;		/* MEMBER_ACTIVE, ... */
	uint8_t		 has;			/* which simpanan rows came */
#define IMPORT_HAS_POKOK	0x1
#define IMPORT_HAS_WAJIB	0x2
#define IMPORT_HAS_SUKARELA	0x4
	int64_t		 pokok;			/* sen */
	int64_t		 wajib;
	int64_t		 sukarela;
	uint32_t	 wajib_arrears;		/* months of wajib unpaid */
	uint32_t	 nterm;			/* berjangka deposits */
	uint32_t	 nloan;
	size_t		 row;			/* in anggota.csv */
};

/* A berjangka deposit. */
struct import_term {
	size_t		 member;		/* index into plan->member */
	int64_t		 amount;		/* sen */
	uint32_t	 months;
	uint32_t	 rate_bp;		/* a year */
	uint32_t	 opened;		/* days since 1970-01-01 */
	uint32_t	 maturity;		/* opened + months */
	size_t		 row;			/* in simpanan.csv */
};

/*
 * A loan where the paper left off.  Instalments 1 .. next-1 have fallen
 * due by the cutover; next falls due on next_due, after the cutover
 * (next is term + 1 and next_due 0 when every instalment has fallen
 * due).  outstanding includes the principal in arrears; arrears of
 * interest and the penalty are owed but were not on the balance sheet.
 * sched_outstanding is what loan_schedule_compute()'s schedule leaves
 * after next-1 instalments plus the arrears of principal: outstanding
 * is within one instalment of it.
 */
struct import_loan {
	char		 old_no[IMPORT_OLDNO_MAX + 1];	/* no_pinjaman_lama */
	size_t		 member;		/* index into plan->member */
	uint8_t		 method;		/* LOAN_FLAT, ... */
	int64_t		 principal;		/* original, sen */
	uint32_t	 rate_bp;		/* a month */
	uint32_t	 term;			/* months */
	uint32_t	 disbursed;		/* days since 1970-01-01 */
	int64_t		 outstanding;		/* sisa_pokok */
	uint32_t	 next;
	uint32_t	 next_due;
	int64_t		 arrears_principal;
	int64_t		 arrears_interest;
	int64_t		 penalty;
	int64_t		 sched_outstanding;
	size_t		 row;			/* in pinjaman.csv */
};

/*
 * A balance-sheet account: the lines of one code added up.  The opening
 * entry posts each line as it is, except the lines an active reconcile
 * row names (rc[k].gl with rc[k].active): those are posted as their
 * detail instead (the members' savings and the loans, each to its own
 * sub-account; GL_LOAN_INT_RCV as the arrears of interest), and what
 * that leaves unbalanced is plan->suspense.
 */
struct import_line {
	uint32_t	 gl;
	char		*name;			/* as neraca.csv names it */
	int64_t		 amount;		/* debit positive, credit negative */
	size_t		 row;			/* its first row */
};

/* Each detail total against its balance-sheet line, and the sheet's sum. */
enum import_check {
	IMPORT_RC_POKOK,		/* GL_POKOK against the pokok rows */
	IMPORT_RC_WAJIB,
	IMPORT_RC_SUKARELA,
	IMPORT_RC_BERJANGKA,
	IMPORT_RC_LOANS,		/* GL_LOANS against sisa_pokok */
	IMPORT_RC_INTEREST,		/* GL_LOAN_INT_RCV against tunggakan_jasa */
	IMPORT_RC_BALANCE,		/* debits against credits */
	IMPORT_RC_N
};
struct import_reconcile {
	int		 active;		/* this check applies */
	uint32_t	 gl;			/* 0 for the balance */
	const char	*what;			/* a msgid */
	int64_t		 detail;		/* natural side; debits here */
	int64_t		 sheet;			/* natural side; credits here */
	int64_t		 difference;		/* detail - sheet */
	size_t		 row;			/* neraca.csv row, or 0 */
};

#define IMPORT_ERROR	1
#define IMPORT_NOTICE	2
struct import_problem {
	uint8_t		 level;			/* IMPORT_ERROR, IMPORT_NOTICE */
	uint8_t		 file;			/* enum import_file */
	size_t		 row;			/* 0: the file as a whole */
	char		 col[8];		/* "C"; "" for the whole row */
	char		 colname[40];		/* its header */
	char		*text;			/* in the user's language */
	size_t		 seq;			/* order found, for sorting */
};

struct import_plan {
	char		 branch[BRANCH_MAX + 1];
	uint32_t	 cutover;		/* the old books' last day */
	int		 accept_difference;
	int		 has_file[IMPORT_NFILE];
	int64_t		 pokok_setting;		/* savings.pokok, sen */
	struct import_member *member;
	size_t		 nmember;
	struct import_term *term;
	size_t		 nterm;
	struct import_loan *loan;
	size_t		 nloan;
	struct import_line *line;		/* by code */
	size_t		 nline;
	struct import_reconcile rc[IMPORT_RC_N];
	/*
	 * What the opening entry posts to a suspense account so that it
	 * balances, debit positive: 0 when everything reconciles.  Not 0,
	 * it is an error unless accept_difference.  Without neraca.csv
	 * nothing is reconciled and this is 0; the detail is then balanced
	 * against GL_OPENING.
	 */
	int64_t		 suspense;
	size_t		 nerror;
	size_t		 nnotice;
	struct import_problem *problem;		/* by file, row, column */
	size_t		 nproblem;
};

struct import_source {
	const char	*name;			/* as shown: "anggota.csv" */
	const void	*data;			/* NULL: the file was not given */
	size_t		 len;
};

struct import_opts {
	const char	*branch;
	uint32_t	 cutover;
	int		 accept_difference;
	/* Called every few thousand rows, and with done set at a file's end. */
	void		(*progress)(void *, const char *, size_t, int);
	void		*progress_arg;
};

const char *import_file_name(int);
int	 import_file_kind(const char *);
void	 import_template(FILE *, int);
int	 import_plan_build(struct store_txn *, const struct import_opts *,
	    const struct import_source [IMPORT_NFILE], struct import_plan **);
void	 import_plan_free(struct import_plan *);

#endif
