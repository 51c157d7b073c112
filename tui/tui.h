/*
 * tui/tui.h: the ncurses teller console.  Every public function of tui/,
 * grouped by the file that defines it.
 *
 * Each screen is a struct of operations (enter, draw, key).  A key
 * handler changes state and returns what must happen next; only the main
 * loop in tui/tui.c draws, and ncurses sends the terminal only what
 * changed since the last refresh, which is what remote staff on thin
 * links pay for.  The console never touches LMDB itself: it calls the
 * store's functions, each of which opens and ends its own transaction,
 * and posts only after the teller confirmed, never while anyone types.
 */
#ifndef LOKET_TUI_H
#define LOKET_TUI_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <wchar.h>

#include "store/store.h"

struct tui_opts {
	const char	*dir;		/* data folder */
	const char	*branch;	/* NULL: the first primary branch */
	const char	*print_cmd;	/* receipts are piped to it: "lp" */
	const char	*receipt_file;	/* or appended here, when set */
	int		 idle_seconds;	/* lock after; 0: never */
	int		 province_year;	/* not 0: a province box's dashboard */
};

/* tui/tui.c */
int	 tui_main(const struct tui_opts *);

#define MIN_COLS	80
#define MIN_ROWS	24

/* What a key handler asks the main loop to do. */
#define K_NONE		0	/* nothing changed */
#define K_REDRAW	1	/* draw again */
#define K_QUIT		2
#define K_UNHANDLED	3	/* not this screen's key: try the key table */

struct tui;
struct screen {
	const char	*name;
	const char	*title;		/* msgid */
	void		(*enter)(struct tui *, uint64_t);
	void		(*draw)(struct tui *);
	int		(*key)(struct tui *, int, wint_t);
	int		 typing;	/* letters go to a text field */
	int		 needs_member;	/* acts on the member in view */
	/* The letters that act now, of the key table's; NULL: all. */
	const char	*(*letters)(struct tui *);
};

struct tui {
	struct store		*st;
	struct tui_opts		 opts;
	char			 branch[BRANCH_MAX + 1];
	char			 branch_name[NAME_MAX_COLS * 4 + 1];
	char			 coop[NAME_MAX_COLS * 4 + 1];
	struct user		 user;
	int			 signed_in;
	int			 locked;
	time_t			 last_key;
	const struct screen	*scr;
	const struct screen	*back;		/* where Esc returns to */
	const struct screen	*help_back;	/* where help was opened */
	uint64_t		 member;	/* the member in view, or 0 */
	char			 msg[512];	/* the message line */
	int			 msg_error;
	int			 rows, cols;
	uint64_t		 receipt_seq;	/* the receipt to preview */
	char			(*branches)[BRANCH_MAX + 1];	/* allocated */
	const char		**branch_choice;	/* allocated */
	int			 nbranch;	/* primary here: sign-in picks */
	unsigned		 reqno;
};

/* tui/tui.c */
void	 tui_cursor(int);
int	 tui_branch(struct tui *, const char *);
void	 tui_go(struct tui *, const struct screen *, uint64_t);
void	 tui_message(struct tui *, int, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	 tui_store_error(struct tui *, int);
void	 tui_request_id(struct tui *, char *, size_t);
int	 tui_post(struct tui *, struct post_req *, uint64_t *);

/* tui/draw.c */
int	 draw_text(int, int, const char *, int);
void	 draw_fill(int, int, int);
void	 draw_label_value(int, int, int, const char *, const char *);
void	 draw_amount_row(int, int, int, const char *, int64_t);
void	 draw_box_title(int, const char *);

/* tui/form.c */
#define FLD_TEXT	0
#define FLD_AMOUNT	1
#define FLD_PASSWORD	2
#define FLD_CHOICE	3
#define FLD_DATE	4
#define FLD_DIGITS	5
#define FORM_MAXFIELD	16
struct form;
struct input;
struct input {
	const char	*label;		/* msgid */
	int		 type;
	int		 maxcols;
	char		 buf[256];
	size_t		 len;		/* bytes */
	size_t		 cur;		/* cursor, bytes */
	const char	*const *choices;	/* FLD_CHOICE: msgids */
	int		 nchoice;
	int		 choice;
	int		 optional;
	int		 prefilled;	/* the first character typed replaces */
	char		 err[256];
	int		(*check)(struct tui *, struct form *, struct input *);
};
struct form {
	struct input	 f[FORM_MAXFIELD];
	int		 n;
	int		 cur;
	int		 top;		/* screen row of the first field */
	int		 labelw;
};
#define FORM_NONE	0
#define FORM_CHANGED	1
#define FORM_SUBMIT	2
#define FORM_CANCEL	3
void	 form_init(struct form *, int);
struct input *form_add(struct form *, const char *, int, int);
int	 form_key(struct tui *, struct form *, int, wint_t);
void	 form_draw(struct tui *, const struct form *);
void	 form_ask(struct tui *, int, const char *);
int	 form_answer(int *, int, wint_t);
int	 form_check_all(struct tui *, struct form *);
void	 input_set(struct input *, const char *);
void	 input_prefill(struct input *, const char *);
int	 input_amount(struct tui *, struct input *, int64_t *);
void	 form_reask(struct form *);

/* tui/keys.c */
struct key_binding {
	int		 fkey;		/* KEY_F(n): works on every screen */
	int		 letter;	/* or a letter, on screen "on" only */
	const char	*what;		/* msgid */
	const struct screen *screen;	/* what the function key opens */
	const struct screen *on;	/* the letter's screen */
};
extern const struct key_binding key_table[];
const struct key_binding *keys_find(const struct tui *, int);
const struct key_binding *keys_letter(struct tui *, wint_t);
void	 keys_name(const struct key_binding *, char *, size_t);
int	 keys_hint(struct tui *, int, int);
void	 keys_line(struct tui *);
int	 keys_offered(const struct tui *, const struct key_binding *);

/* tui/screen-receipt.c */
int	 tui_print(struct tui *, const char *, char *, size_t);

/* tui/screen-member.c */
const char *tui_kind_name(uint16_t);
const char *tui_tr(const char *);
int	 tui_member_header(struct tui *, int, uint64_t);

/* tui/approve.c */
struct approve_why {		/* what the box says a refusal is about */
	int64_t		 cash;		/* cash over the counter (a manager) */
	const char	*what;		/* msgid: "Drawer difference", or NULL */
	int64_t		 amount;	/* its amount */
	const char	*limit;		/* the setting it is above */
	const char	*manager_above;	/* above this setting, a manager */
};
int	 approve_post(struct tui *, struct post_req *, uint64_t *,
	    const struct approve_why *, int (*)(struct tui *));
int	 approve_active(void);
int	 approve_key(struct tui *, int, wint_t);
void	 approve_draw(struct tui *);
void	 approve_cancel(struct tui *);

/* The screens, one file each: tui/screen-NAME.c */
extern const struct screen screen_signin;
extern const struct screen screen_search;
extern const struct screen screen_member;
extern const struct screen screen_deposit;
extern const struct screen screen_withdraw;
extern const struct screen screen_transfer;
extern const struct screen screen_receipt;
extern const struct screen screen_register;
extern const struct screen screen_drawer;
extern const struct screen screen_reversal;
extern const struct screen screen_statement;
extern const struct screen screen_eod;
extern const struct screen screen_passwd;
extern const struct screen screen_help;
extern const struct screen screen_loan;
extern const struct screen screen_rat;
extern const struct screen screen_province;

#endif
