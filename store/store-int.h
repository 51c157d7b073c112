/*
 * store/store-int.h: what the files of store/ share and nobody else sees.
 */
#ifndef LOKET_STORE_INT_H
#define LOKET_STORE_INT_H

#include <lmdb.h>

#include "store/store.h"

#define KEY_BRANCH	8		/* branch code, NUL padded */

#include <string.h>

/* src into dst of size bytes, cut to fit: snprintf's "%s" without printf. */
static inline void
str_copy(char *dst, const char *src, size_t size)
{
	size_t	 n = strnlen(src, size - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Big-endian numbers in keys and values: they sort as the numbers do. */
static inline void
be16_put(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static inline uint16_t
be16_get(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline void
be32_put(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static inline uint32_t
be32_get(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static inline void
be64_put(uint8_t *p, uint64_t v)
{
	be32_put(p, v >> 32);
	be32_put(p + 4, (uint32_t)v);
}

static inline uint64_t
be64_get(const uint8_t *p)
{
	return (uint64_t)be32_get(p) << 32 | be32_get(p + 4);
}

struct store {
	MDB_env		*env;
	char		 path[4096];
	int		 flags;
	MDB_dbi		 meta;		/* name -> value */
	MDB_dbi		 branch;	/* branch -> branch record */
	MDB_dbi		 journal;	/* branch seq -> entry bytes */
	MDB_dbi		 chain;		/* branch seq -> h(seq) */
	MDB_dbi		 account;	/* branch gl sub -> account */
	MDB_dbi		 balance;	/* branch gl sub -> balance */
	MDB_dbi		 user;		/* branch login -> user */
	MDB_dbi		 reqid;		/* branch request id -> seq */
	MDB_dbi		 reversed;	/* branch seq -> seq of its reversal */
	MDB_dbi		 setting;	/* branch name -> value */
	MDB_dbi		 local;		/* this box only: primary, failures */
	MDB_dbi		 counter;	/* branch name -> u64: numbers given */
	MDB_dbi		 member;	/* branch number -> member */
	MDB_dbi		 nik;		/* branch NIK -> number */
	MDB_dbi		 name;		/* branch folded-word NUL number -> "" */
	MDB_dbi		 drawer;	/* branch login -> drawer */
	MDB_dbi		 term;		/* branch sub -> berjangka deposit */
	MDB_dbi		 mentry;	/* branch member -> seqs (dupsort, fixed) */
	MDB_dbi		 lprod;		/* branch code -> loan product */
	MDB_dbi		 loan;		/* branch number -> loan */
	MDB_dbi		 lsched;	/* branch number k -> instalment k */
	MDB_dbi		 ldue;		/* branch date number -> "": next due */
	MDB_dbi		 lmember;	/* branch member number -> "" */
	MDB_dbi		 period;	/* branch gl sub date -> a past day's totals */
	MDB_dbi		 rat;		/* branch 'M' year -> meeting; 'A', 'V': marks */
};

/*
 * The named databases, in one table that opening, the schema upgrade
 * and verify all use (store/store.c).
 */
#define DB_DERIVED	0x1	/* apply_entry() makes it: verify compares */
#define DB_LATE		0x2	/* missing in a folder made before loans: added */
struct store_db {
	const char	*name;
	size_t		 off;		/* its MDB_dbi in struct store */
	unsigned	 mdb;		/* MDB_DUPSORT ... */
	unsigned	 flags;		/* DB_* */
};
extern const struct store_db store_dbs[];
extern const size_t store_ndbs;

struct store_txn {
	struct store	*st;
	MDB_txn		*txn;
	int		 rdonly;
	int		 bvalid;	/* bcache holds the last branch */
	struct store_txn *jsrc;		/* verify: read entries there, */
	int		 nojournal;	/* and keep none here */
	struct branch	 bcache;	/* read or written in this txn */
	struct entry	*scratch;	/* store_replay's, freed with the txn */
	int		 uvalid;	/* ucache holds the last user read */
	struct user	 ucache;
	char		 pcache[BRANCH_MAX + 1];	/* primary here, known */
};

/*
 * What apply_entry() tells a kind's hooks: the kind's row, the branch as
 * read before the entry (a hook that moves it puts it), and who posts.
 */
struct kind_ctx {
	const struct entry_kind	*kind;
	struct branch		 branch;
	struct user		 by;
};

/* store/apply.c: the one function that changes derived state. */
int	 apply_entry(struct store_txn *, const struct entry *);

/* The kinds' rows, each in its module's file; store/kind.c lists them. */
extern const struct entry_kind ek_branch_open;		/* branch.c */
extern const struct entry_kind ek_user_add;		/* user.c */
extern const struct entry_kind ek_user_set;
extern const struct entry_kind ek_user_passwd;
extern const struct entry_kind ek_account_open;		/* account.c */
extern const struct entry_kind ek_journal;		/* journal.c */
extern const struct entry_kind ek_reversal;		/* reversal.c */
extern const struct entry_kind ek_day_close;		/* eod.c */
extern const struct entry_kind ek_setting;		/* setting.c */
extern const struct entry_kind ek_member_join;		/* member.c */
extern const struct entry_kind ek_member_leave;
extern const struct entry_kind ek_deposit;		/* savings.c */
extern const struct entry_kind ek_withdraw;
extern const struct entry_kind ek_transfer;
extern const struct entry_kind ek_interest;
extern const struct entry_kind ek_term_open;
extern const struct entry_kind ek_term_close;
extern const struct entry_kind ek_drawer_open;		/* drawer.c */
extern const struct entry_kind ek_vault_xfer;
extern const struct entry_kind ek_drawer_close;
extern const struct entry_kind ek_loan_product;		/* loan.c */
extern const struct entry_kind ek_loan_apply;
extern const struct entry_kind ek_loan_approve;
extern const struct entry_kind ek_loan_disburse;
extern const struct entry_kind ek_loan_repay;
extern const struct entry_kind ek_loan_age;
extern const struct entry_kind ek_loan_writeoff;
extern const struct entry_kind ek_loan_recover;
extern const struct entry_kind ek_import_opening;	/* import.c */
extern const struct entry_kind ek_import_member;
extern const struct entry_kind ek_import_term;
extern const struct entry_kind ek_import_loan;
extern const struct entry_kind ek_rat_open;		/* meeting.c */
extern const struct entry_kind ek_rat_item;
extern const struct entry_kind ek_rat_vote_open;
extern const struct entry_kind ek_rat_vote_close;
extern const struct entry_kind ek_rat_close;
extern const struct entry_kind ek_rat_attend;
extern const struct entry_kind ek_rat_vote;
extern const struct entry_kind ek_accrual;		/* accrual.c */
extern const struct entry_kind ek_provision;
extern const struct entry_kind ek_year_close;		/* close.c */
extern const struct entry_kind ek_shu_post;		/* shu-year.c */
extern const struct entry_kind ek_shu_plan;		/* shu-year.c */
extern const struct entry_kind ek_health_check;		/* health.c */

/* store/store.c */
void	 key_branch(uint8_t [KEY_BRANCH], const char *);
int	 store_dbi(struct store *, const char *, MDB_dbi *);
int	 store_grow(struct store *);

/* store/branch.c */
int	 branch_put(struct store_txn *, const struct branch *);

/* store/account.c */
int	 account_put(struct store_txn *, const char *, const struct account *);
void	 account_key(uint8_t [KEY_BRANCH + 12], const char *, uint32_t,
	    uint64_t);
int	 account_open_chart(struct store_txn *, const char *);
int	 account_rounding_open(struct store_txn *, const struct entry *);
int	 account_open_sub(struct store_txn *, const char *, uint32_t,
	    uint64_t, const char *, int64_t);
int	 account_close(struct store_txn *, const char *, uint32_t, uint64_t);
#define MOVE_NOFLOOR	0x1	/* paying out: the floor does not hold */
#define MOVE_REVERSAL	0x4	/* undoing: back down to zero is fine */
int	 account_move_known(struct store_txn *, const char *,
	    const struct posting *, uint64_t, struct balance *,
	    const struct savstat *);
int	 account_balance_ext(struct store_txn *, const char *, uint32_t,
	    uint64_t, struct balance *, struct savstat *, int *);
int	 account_upgrade_periods(struct store_txn *);
int	 account_totals_walk(struct store_txn *, const char *, uint32_t,
	    uint32_t, int (*)(void *, uint64_t, int64_t, int64_t), void *);
int	 account_totals_at(struct store_txn *, const char *, uint32_t,
	    uint64_t, uint32_t, int64_t *, int64_t *);
int	 account_period_get(struct store_txn *, const char *, uint32_t,
	    uint64_t, uint32_t, int64_t [4]);

/* store/txn.c */
int	 txn_nested(struct store_txn *, int (*)(struct store_txn *, void *),
	    void *);
int	 txn_append(struct store_txn *, const struct entry *, const void *,
	    size_t, uint8_t [HASH_LEN]);

/* store/post.c */
int	 post_internal(struct store_txn *, struct entry *);

/* store/loan.c */
int	 loan_status_past(struct store_txn *, const char *,
	    const struct loan *, uint32_t, struct loan_status *);

/* store/journal.c */
int	 journal_put(struct store_txn *, const struct entry *, const void *,
	    size_t, uint8_t [HASH_LEN]);

/* store/member.c */
int	 member_index_entry(struct store_txn *, const struct entry *);
int	 member_entry_walk(struct store_txn *, const char *, uint64_t,
	    int (*)(void *, uint64_t), void *);
int	 member_next_term(struct store_txn *, const char *, uint64_t,
	    uint16_t *);
int	 member_add(struct store_txn *, const struct member *);
int	 member_phone_ok(const char *);
int	 member_text_ok(const char *, size_t);

/* store/drawer.c */
int	 drawer_check_cash(struct store_txn *, const struct entry *,
	    const struct user *);
int	 drawer_check_large(struct store_txn *, const struct entry *, int64_t);
int	 cash_unit_kind(const struct entry_kind *);
int	 cash_unit_mark(struct store_txn *, struct entry *);
int	 cash_unit_check(struct store_txn *, const struct entry *);
int	 drawer_check_difference(struct store_txn *, const struct entry *,
	    int64_t);

/* store/savings.c */
void	 savstat_move(struct savstat *, int, uint32_t, int64_t, int64_t);
int	 term_put(struct store_txn *, const char *, uint64_t,
	    const struct term *);

/* store/loan.c */
int	 loan_member_clear(struct store_txn *, const char *, uint64_t);
int	 loan_accrued_reversed(struct store_txn *, const char *, uint32_t);
int	 loan_setup(struct store_txn *, const char *, const struct loan *,
	    const struct instalment *);

/* store/statement.c, accrual.c, close.c */
int	 chart_open_newer(struct store_txn *, const char *, int64_t,
	    struct entry *);
int	 account_open_system(struct store_txn *, const char *, int64_t,
	    struct entry *, uint32_t, const char *, uint8_t);
int	 accrual_month_end(struct store_txn *, const char *, uint32_t, int64_t,
	    struct entry *, int64_t *, int64_t *);
int	 year_close_run(struct store_txn *, const char *, uint32_t, int64_t,
	    struct entry *, int64_t *);
int	 year_close_entries(struct store_txn *, const char *, int, uint64_t *,
	    uint64_t *);
int	 closed_back_range(struct store_txn *, const char *,
	    const struct account *, uint32_t, uint32_t, int64_t *);

/* store/user.c */
int	 user_put(struct store_txn *, const struct user *);
#define LOGIN_SYSTEM	"loket"		/* loket itself: init, end of day */
int	 user_decode(struct user *, const void *, size_t);

/* store/setting.c */
int	 counter_get(struct store_txn *, const char *, const char *,
	    uint64_t *);
int	 counter_put(struct store_txn *, const char *, const char *, uint64_t);
int	 setting_put(struct store_txn *, const char *, const char *,
	    const char *);
int	 local_get(struct store_txn *, const char *, const char *, void *,
	    size_t, size_t *);
int	 local_put(struct store_txn *, const char *, const char *,
	    const void *, size_t);

/* store/anchor.c: the head office's Ed25519 key, shared by store/ods.c. */
typedef struct evp_pkey_st EVP_PKEY;
int	 anchor_key_load(struct store *, int, EVP_PKEY **);

#endif
