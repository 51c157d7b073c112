/*
 * store/store-int.h: what the files of store/ share and nobody else sees.
 */
#ifndef LOKET_STORE_INT_H
#define LOKET_STORE_INT_H

#include <lmdb.h>

#include "store/store.h"

#define KEY_BRANCH	8		/* branch code, NUL padded */

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
};

struct store_txn {
	struct store	*st;
	MDB_txn		*txn;
	int		 rdonly;
};

/* The named databases that apply_entry() derives; verify compares them. */
#define STORE_DERIVED_DBS	"branch", "account", "balance", "user", \
				"reversed", "setting"

/* store/store.c */
void	 key_branch(uint8_t [KEY_BRANCH], const char *);
int	 store_dbi(struct store *, const char *, MDB_dbi *);
int	 store_grow(struct store *);

/* store/branch.c */
int	 branch_put(struct store_txn *, const struct branch *);

/* store/account.c */
int	 account_put(struct store_txn *, const char *, const struct account *);
int	 account_move(struct store_txn *, const char *, const struct posting *,
	    uint64_t);
void	 account_key(uint8_t [KEY_BRANCH + 12], const char *, uint32_t,
	    uint64_t);
int	 account_open_chart(struct store_txn *, const char *);

/* store/journal.c */
int	 journal_put(struct store_txn *, const struct entry *, const void *,
	    size_t, uint8_t [HASH_LEN]);

/* store/user.c */
int	 user_put(struct store_txn *, const struct user *);
#define LOGIN_SYSTEM	"loket"		/* loket itself: init, end of day */
int	 user_decode(struct user *, const void *, size_t);

/* store/setting.c */
int	 setting_put(struct store_txn *, const char *, const char *,
	    const char *);
int	 local_get(struct store_txn *, const char *, const char *, void *,
	    size_t, size_t *);
int	 local_put(struct store_txn *, const char *, const char *,
	    const void *, size_t);

#endif
