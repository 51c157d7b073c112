/*
 * cli/cli.h: loket's admin commands and what they share.
 *
 * Adding a command takes three things, all in one commit:
 *  1. cli/cmd-NAME.c exporting one const struct cmd_entry, and its line in
 *     the table in cli/loket.c (keep it sorted);
 *  2. man/loket-NAME.8 whose SYNOPSIS matches the entry's usage line
 *     (tests/t0002-man.sh checks this and mandoc -Tlint);
 *  3. a scenario test tests/tNNNN-NAME.sh, listed in Makefile.am.
 */
#ifndef LOKET_CLI_H
#define LOKET_CLI_H

#include <getopt.h>
#include <libintl.h>
#include <stdio.h>

#include "store/store.h"

#define _(s)		gettext(s)

#define EXIT_USAGE	64	/* EX_USAGE: bad command or option */
#define EXIT_DATAERR	65	/* EX_DATAERR: bad input data */
#define EXIT_NOINPUT	66	/* EX_NOINPUT: no data folder */
#define EXIT_SOFTWARE	70	/* EX_SOFTWARE: internal error */
#define EXIT_IOERR	74	/* EX_IOERR: the data folder's storage failed */
#define EXIT_CANTCREAT	73	/* EX_CANTCREAT: cannot create output */
#define EXIT_NOPERM	77	/* EX_NOPERM: not allowed */

struct cmd_ctx;

struct cmd_entry {
	const char	*name;
	const char	*args;		/* getopt(3) string, without "h" */
	int		 minargs;	/* operands after the options */
	int		 maxargs;	/* -1: any number */
	const char	*usage;		/* after "loket NAME ", as in SYNOPSIS;
					   a \n starts another form */
	const char	*summary;	/* one line for loket -h (msgid) */
	int		 flags;
#define CMD_STORE	0x1		/* needs an existing data folder */
	int		(*exec)(struct cmd_ctx *, int, char **);
	const struct option *longopts;	/* getopt_long(3)'s, or NULL */
};

struct cmd_ctx {
	const struct cmd_entry	*entry;
	const char		*dir;	/* data folder */
	struct store		*st;	/* open when CMD_STORE */
	int			 interactive; /* stdin and stderr are a terminal */
};

/* cli/loket.c */
extern const struct cmd_entry *cmd_table[];
int	 cmd_usage(const struct cmd_entry *);
void	 cmd_error(const char *, ...)
	    __attribute__((format(printf, 1, 2)));
int	 cmd_store_error(const char *, int);

/* cli/counter.c */
int	 cli_counter(struct cmd_ctx *, int, char **, uint16_t);

/* cli/cmd-large-cash.c */
int	 cli_large_cash(struct cmd_ctx *, int, char **);

/* cli/cmd-verify.c */
int	 cli_verify(struct store *, int);

/* cli/util.c */
int	 cli_read_password(const char *, char *, size_t);
int	 cli_password_refused(int);
int	 cli_new_password(const char *, char *, size_t);
void	 cli_request_id(char *, size_t);
int	 cli_branch(struct cmd_ctx *, const char *, char *, size_t);
int	 cli_sign_in(struct cmd_ctx *, const char *, const char *,
	    struct user *);
uint32_t cli_today(const char *);
int	 cli_actor(struct cmd_ctx *, const char *, const char *, struct user *);
int	 cli_amount(const char *, const char *, int64_t *);
int	 cli_range(const char *, uint32_t *, uint32_t *);
int	 cli_print_receipt(struct cmd_ctx *, const char *, uint64_t);
const char *cli_tr(const char *);
/* Text folded at words to width, lines after the first from column in;
   prints all but the last line and returns it. */
const char *fold_head(FILE *, const char *, size_t, size_t);
int	 cli_post(struct cmd_ctx *, struct post_req *, int, uint64_t *);
void	 cli_cash_unit(struct cmd_ctx *, const char *, char *, size_t);
int	 cli_member(struct cmd_ctx *, const char *, const char *, uint64_t *);
const char *cli_getenv_file(const char *);

/* cli/conf.c: loket.conf, key = value lines (loket.conf(5)). */
#define EXIT_CONFIG	78	/* EX_CONFIG: a bad loket.conf */
struct conf;
struct conf *conf_empty(void);
int	 conf_read(const char *, struct conf **, int *);
void	 conf_free(struct conf *);
const char *conf_get(const struct conf *, const char *);
const char *conf_path(const struct conf *);
int	 conf_int(const struct conf *, const char *, long, long, long,
	    long *);
int	 conf_load(struct cmd_ctx *, const char *, struct conf **);

/* cli/doc.c: printable documents, as text, CSV and PDF (groff). */
#define DOC_MAXCOL	12
#define DOC_ROW_PLAIN	0
#define DOC_ROW_BOLD	1	/* a total */
#define DOC_ROW_INDENT	2	/* a line under a heading row */
struct doc;
struct doc *doc_new(const char *);
void	 doc_free(struct doc *);
void	 doc_title(struct doc *, const char *);
void	 doc_section(struct doc *, const char *);
void	 doc_para(struct doc *, const char *);
void	 doc_table(struct doc *, size_t, const char *const *, const char *);
void	 doc_row(struct doc *, int, const char *const *);
void	 doc_rule(struct doc *);
void	 doc_signatures(struct doc *, const char *, size_t,
	    const char *const *);
void	 doc_page_break(struct doc *);
int	 doc_write_text(const struct doc *, FILE *, size_t);
int	 doc_write_csv(const struct doc *, FILE *);
int	 doc_write_groff(const struct doc *, FILE *, const char *);
int	 doc_write_pdf(const struct doc *, int, const char *);
int	 doc_write(const struct doc *, const char *, int, const char *, size_t);
int	 cli_run(char *const [], int, int, int);

/* cli/cmd-ods.c */
int	 cli_report_ods(struct cmd_ctx *, const char *, const char *,
	    const char *);

/* cli/cmd-health.c: what health and pearls share. */
void	 cli_percent(int64_t, char *, size_t);
void	 cli_figure_sources(struct doc *, size_t,
	    const struct health_figure *);
void	 cli_figure_cells(const struct health_figure *, char [48], char [48],
	    char [32]);
int	 cli_health_doc(struct store_txn *, const char *, uint32_t, int,
	    struct doc *);
/* cli/statements.c: documents' parts laid out by more than one command. */
extern int	 doc_plain;	/* CSV: amounts as plain numbers */
extern const char *const shu_part_names[SHU_NPART];
void	 doc_amount(int64_t, char *, size_t);
int	 statement_doc(struct store_txn *, int, const char *, uint32_t,
	    uint32_t, struct doc *);
int	 portfolio_doc(struct store_txn *, const char *, uint32_t,
	    struct doc *);
int	 savings_doc(struct store_txn *, const char *, uint32_t,
	    struct doc *);
int	 members_doc(struct store_txn *, const char *, uint32_t, uint32_t,
	    struct doc *);
void	 shu_estimate_doc(struct doc *, const struct shu_estimate *);
int	 shu_members_doc(struct store_txn *, const char *,
	    const struct shu_estimate *, struct doc *);
int	 doc_output(struct cmd_ctx *, struct doc *, const char *, int,
	    const char *, int);

#endif
