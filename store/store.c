/*
 * store/store.c: the LMDB environment, its named databases, transactions,
 * the schema version, growing the map, and backups.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store-int.h"

#define MAP_INITIAL	(64ULL << 20)
#define MAP_SCRATCH	(64ULL << 30)	/* sparse: verify's rebuild */
#define MAX_DBS		32

/*
 * The one table of loket's codes: the store's, the NIK's and sync's, all
 * in STORE_E_BASE .. STORE_E_END.
 */
static const struct {
	int		 code;
	const char	*msg;
} errors[] = {
	{ STORE_E_NOTFOUND, N_("not found") },
	{ STORE_E_EXISTS, N_("already exists") },
	{ STORE_E_NEWER,
	    N_("the data folder was written by a newer loket; upgrade loket") },
	{ STORE_E_OLDER,
	    N_("the data folder is too old for this loket to upgrade") },
	{ STORE_E_NODATA, N_("no loket data folder here (run loket init)") },
	{ STORE_E_CORRUPT, N_("stored data is corrupt") },
	{ STORE_E_AMOUNT, N_("the amount must be more than zero") },
	{ STORE_E_OVERFLOW, N_("the amount is too large") },
	{ STORE_E_UNBALANCED, N_("debits and credits do not balance") },
	{ STORE_E_ACCOUNT, N_("no such account") },
	{ STORE_E_MINIMUM, N_("the balance would fall below its minimum") },
	{ STORE_E_CLOSEDDAY, N_("that business day is closed") },
	{ STORE_E_REVERSED,
	    N_("that entry cannot be reversed (reversed already, or a reversal)") },
	{ STORE_E_USER, N_("no such user") },
	{ STORE_E_DISABLED, N_("the user is disabled") },
	{ STORE_E_LOCKED,
	    N_("the user is locked after too many failed sign-ins") },
	{ STORE_E_PASSWORD, N_("wrong user id or password") },
	{ STORE_E_ROLE, N_("your role may not do this") },
	{ STORE_E_APPROVAL, N_("a supervisor's approval is needed") },
	{ STORE_E_SELFAPPROVE,
	    N_("the approver must be another user, a supervisor or manager") },
	{ STORE_E_REPLICA,
	    N_("this branch is a replica here: its books are read-only") },
	{ STORE_E_BRANCH, N_("no such branch") },
	{ STORE_E_SEQUENCE, N_("entry out of sequence (a gap or a repeat)") },
	{ STORE_E_CHAIN, N_("the hash chain does not follow") },
	{ STORE_E_INVAL, N_("malformed request") },
	{ STORE_E_NAME, N_("the name is empty, too long or not valid UTF-8") },
	{ STORE_E_WEAKPASS,
	    N_("the password must have at least 8 characters") },
	{ STORE_E_CONTROL,
	    N_("a control account takes postings only through its sub-accounts") },
	{ STORE_E_MEMBER, N_("no such member") },
	{ STORE_E_NIK, N_("the NIK is not valid") },
	{ STORE_E_NIKUSED, N_("a member with this NIK is registered already") },
	{ STORE_E_GENDER, N_("the gender does not agree with the NIK") },
	{ STORE_E_BIRTH, N_("the birth date does not agree with the NIK") },
	{ STORE_E_INACTIVE, N_("the member has left the cooperative") },
	{ STORE_E_NOTWITHDRAW,
	    N_("simpanan pokok and wajib cannot be withdrawn while a member") },
	{ STORE_E_BALANCE,
	    N_("not enough balance: the minimum balance must stay") },
	{ STORE_E_DRAWER, N_("open your cash drawer first") },
	{ STORE_E_DRAWEROPEN, N_("the cash drawer is open already") },
	{ STORE_E_DRAWERS,
	    N_("cash drawers are still open: close them, or a manager forces the close") },
	{ STORE_E_DENOM, N_("not a Rupiah note or coin denomination") },
	{ STORE_E_POKOK, N_("simpanan pokok must be paid in full on joining") },
	{ STORE_E_PHONE,
	    N_("a phone number is 8 to 15 digits, optionally after +") },
	{ STORE_E_CASH,
	    N_("not enough cash in the drawer: bring cash in from the vault") },
	{ STORE_E_SEN, N_("cash is counted in whole Rupiah: no sen") },
	{ STORE_E_TERM,
	    N_("the term deposit's months, rate or state do not allow this") },
	{ STORE_E_PRODUCT, N_("no such loan product") },
	{ STORE_E_LOAN, N_("no such loan") },
	{ STORE_E_LOANTERMS,
	    N_("the loan's amount, term or rate is outside what is allowed") },
	{ STORE_E_NOTAPPROVED, N_("the loan is not approved yet") },
	{ STORE_E_LOANSTATE, N_("the loan's state does not allow this") },
	{ STORE_E_PAYOFF,
	    N_("more than the loan's payoff, which settles it") },
	{ STORE_E_LOANOPEN, N_("the member has a loan outstanding") },
	{ STORE_E_BATCH,
	    N_("not posted: another request of the batch was refused") },
	{ STORE_E_SETTING,
	    N_("the setting's value is not in its unit or outside its range") },
	{ STORE_E_MANAGER, N_("a manager's approval is needed") },
	{ STORE_E_SIGNED,
	    N_("the journal disagrees with a chain head the head office signed") },
	{ STORE_E_SIGNKEY,
	    N_("the head office's signing key is not the one pinned here") },
	{ STORE_E_LONGPASS, N_("the password is longer than 128 bytes") },
	{ STORE_E_RAT, N_("no members' meeting is open") },
	{ STORE_E_RATITEM, N_("no such agenda item") },
	{ STORE_E_VOTING, N_("voting on that item is not open") },
	{ STORE_E_PRESENT, N_("the member is recorded present here already") },
	{ STORE_E_VOTED, N_("the member has voted on that item already") },
	{ STORE_E_ABSENT, N_("the member is not recorded present here") },
	{ STORE_E_NOTMEMBER,
	    N_("not a member on the meeting's date (left, or joined after)") },
	{ STORE_E_SITE, N_("this branch is not one of the meeting's sites") },
	{ STORE_E_CLOSEDYEAR,
	    N_("that year is closed: nothing may be dated in it or undone") },
	{ STORE_E_SHUOPEN, N_("that year is not closed yet") },
	{ STORE_E_SHUPOSTED, N_("that year's SHU is divided already") },
	{ STORE_E_CASHUNIT,
	    N_("cash is counted in multiples of the cash rounding (cash.rounding)") },
	{ STORE_E_SHUPLAN, N_("this branch's SHU shares are not the ones the "
	    "head office decided") },
	{ STORE_E_SHUNOPLAN, N_("the head office has not divided that "
	    "year's SHU yet (sync, then try again)") },
	{ STORE_E_SHUBRANCH, N_("a branch has not closed that year yet") },
	{ STORE_ABORT, N_("nothing was written") },
	{ NIK_E_LENGTH, N_("NIK must be exactly 16 digits") },
	{ NIK_E_DIGITS, N_("NIK must contain only digits") },
	{ NIK_E_PROVINCE, N_("NIK has an unknown province code") },
	{ NIK_E_DATE, N_("NIK has an invalid birth date") },
	{ NIK_E_SERIAL, N_("NIK serial number must not be 0000") },
	{ SYNC_E_NETWORK,
	    N_("the head office cannot be reached, or the link was cut") },
	{ SYNC_E_HOSTKEY,
	    N_("the head office's host key is unknown or has changed") },
	{ SYNC_E_AUTH, N_("the head office refused this branch's key") },
	{ SYNC_E_CHAIN, N_("the two copies of the journal disagree") },
	{ SYNC_E_REFUSED, N_("an entry was refused") },
	{ SYNC_E_PROTO,
	    N_("the other side sent a malformed or unexpected message") },
	{ SYNC_E_FRAME, N_("a frame is corrupt, truncated or too big") },
	{ SYNC_E_BRANCH, N_("entries of a branch this side may not take") },
	{ SYNC_E_GAP,
	    N_("a frame out of order: entries are missing before it") },
	{ SYNC_E_VERSION,
	    N_("the other side speaks another version of the protocol") },
	{ SYNC_E_KEY,
	    N_("this branch's SSH key cannot be read (run loket sync -S)") },
	{ SYNC_E_REMOTE, N_("the command at the head office failed") },
};

_Static_assert(NIK_E_BASE == STORE_E_BASE - 200, "NIK codes in the range");

/*
 * An English msgid for any code a function of store/ or sync/ returns:
 * loket's own, LMDB's, or an errno.
 */
const char *
store_strerror(int r)
{
	size_t	 i;

	if (STORE_E_OURS(r)) {
		for (i = 0; i < sizeof errors / sizeof errors[0]; i++) {
			if (errors[i].code == r)
				return errors[i].msg;
		}
		return N_("unknown error");
	}
	if (r >= MDB_KEYEXIST && r <= MDB_LAST_ERRCODE)
		return mdb_strerror(r);
	return strerror(r);
}

/*
 * Whether r says the storage failed rather than the request: LMDB's own
 * codes (a corrupt, full or unusable data file) and I/O errors.
 */
int
store_storage_error(int r)
{
	if (r >= MDB_KEYEXIST && r <= MDB_LAST_ERRCODE)
		return 1;
	return r == EIO || r == ENOSPC || r == EDQUOT || r == EFBIG;
}

void
key_branch(uint8_t key[KEY_BRANCH], const char *code)
{
	size_t	 n = strnlen(code, KEY_BRANCH);

	memset(key, 0, KEY_BRANCH);
	memcpy(key, code, n);
}

/* Files and folder readable by the owner and the loket group only. */
static void
store_perms(const char *path)
{
	struct group	*gr;
	char		 f[4096 + 16];
	const char	*files[] = { "data.mdb", "lock.mdb" };
	size_t		 i;

	gr = getgrnam("loket");
	if (gr != NULL)
		(void)chown(path, (uid_t)-1, gr->gr_gid);
	(void)chmod(path, 02770);
	for (i = 0; i < 2; i++) {
		snprintf(f, sizeof f, "%s/%s", path, files[i]);
		if (gr != NULL)
			(void)chown(f, (uid_t)-1, gr->gr_gid);
		(void)chmod(f, 0660);
	}
}

/* Every named database; see store-int.h. */
#define DB(n, m, f)	{ #n, offsetof(struct store, n), m, f }
const struct store_db store_dbs[] = {
	DB(meta, 0, 0),
	DB(branch, 0, DB_DERIVED),
	DB(journal, 0, 0),
	DB(chain, 0, 0),
	DB(account, 0, DB_DERIVED),
	DB(balance, 0, DB_DERIVED),
	DB(user, 0, DB_DERIVED),
	DB(reqid, 0, 0),
	DB(reversed, 0, DB_DERIVED),
	DB(setting, 0, DB_DERIVED),
	DB(local, 0, 0),
	DB(counter, 0, DB_DERIVED),
	DB(member, 0, DB_DERIVED),
	DB(nik, 0, DB_DERIVED),
	DB(name, 0, DB_DERIVED),
	DB(drawer, 0, DB_DERIVED),
	DB(term, 0, DB_DERIVED),
	DB(mentry, MDB_DUPSORT | MDB_DUPFIXED, DB_DERIVED),
	DB(lprod, 0, DB_DERIVED | DB_LATE),
	DB(loan, 0, DB_DERIVED | DB_LATE),
	DB(lsched, 0, DB_DERIVED | DB_LATE),
	DB(ldue, 0, DB_DERIVED | DB_LATE),
	DB(lmember, 0, DB_DERIVED | DB_LATE),
	DB(period, 0, DB_DERIVED),
	DB(rat, 0, DB_DERIVED | DB_LATE),
};
#undef DB
const size_t store_ndbs = sizeof store_dbs / sizeof store_dbs[0];

static MDB_dbi *
db_handle(struct store *st, size_t i)
{
	return (MDB_dbi *)(void *)((char *)st + store_dbs[i].off);
}

/* Every database in txn; create makes the missing ones. */
static int
open_all(struct store *st, MDB_txn *txn, int create)
{
	size_t	 i;
	int	 r;

	for (i = 0; i < store_ndbs; i++) {
		r = mdb_dbi_open(txn, store_dbs[i].name, store_dbs[i].mdb |
		    (create ? MDB_CREATE : 0), db_handle(st, i));
		if (r != 0)
			return r == MDB_NOTFOUND ? STORE_E_CORRUPT : r;
	}
	return 0;
}

/* The schema version in meta: 0 when there is none. */
static int
schema_get(struct store *st, MDB_txn *txn, long *ver)
{
	MDB_val	 k, d;
	char	 v[32];
	int	 r;

	*ver = 0;
	k.mv_data = (void *)(uintptr_t)"schema";
	k.mv_size = 6;
	if ((r = mdb_get(txn, st->meta, &k, &d)) != 0)
		return r == MDB_NOTFOUND ? 0 : r;
	if (d.mv_size >= sizeof v)
		return STORE_E_CORRUPT;
	memcpy(v, d.mv_data, d.mv_size);
	v[d.mv_size] = '\0';
	*ver = strtol(v, NULL, 10);
	if (*ver > SCHEMA_VERSION)
		return STORE_E_NEWER;
	if (*ver < 1)
		return STORE_E_CORRUPT;
	return 0;
}

static int
schema_put(struct store *st, MDB_txn *txn)
{
	MDB_val	 k, d;
	char	 v[32];

	snprintf(v, sizeof v, "%d", SCHEMA_VERSION);
	k.mv_data = (void *)(uintptr_t)"schema";
	k.mv_size = 6;
	d.mv_data = v;
	d.mv_size = strlen(v);
	return mdb_put(txn, st->meta, &k, &d, 0);
}

/*
 * Bring a data folder of schema ver up to SCHEMA_VERSION, in the write
 * transaction txn whose databases are open.  1 to 2: the period totals.
 */
static int
schema_upgrade(struct store *st, MDB_txn *txn, long ver)
{
	struct store_txn	*t;
	int			 r = 0;

	if (ver < 2) {
		if ((t = calloc(1, sizeof *t)) == NULL)
			return ENOMEM;
		t->st = st;
		t->txn = txn;
		r = account_upgrade_periods(t);
		free(t);
		/* A journal that does not decode is not upgraded either. */
		if (r == STORE_E_CORRUPT)
			r = STORE_E_OLDER;
		if (r != 0)
			return r;
	}
	return schema_put(st, txn);
}

/*
 * Open the named databases.  A new data folder (create, no schema yet)
 * gets them all; an older schema is upgraded in one write transaction
 * (not on a read-only open: STORE_E_OLDER), a newer one refused.
 */
static int
open_dbs(struct store *st, int create)
{
	MDB_txn		*txn = NULL;
	long		 ver;
	int		 r, rdonly = (st->flags & STORE_RDONLY) != 0;

	if ((r = mdb_txn_begin(st->env, NULL, MDB_RDONLY, &txn)) != 0)
		return r;
	r = mdb_dbi_open(txn, "meta", 0, &st->meta);
	if (r == 0)
		r = schema_get(st, txn, &ver);
	else if (r == MDB_NOTFOUND && create) {
		ver = 0;
		r = 0;
	} else if (r == MDB_NOTFOUND)
		r = STORE_E_NODATA;
	if (r == 0 && ver == 0 && !create)
		r = STORE_E_NODATA;
	if (r != 0)
		goto out;
	if (ver == SCHEMA_VERSION) {
		if ((r = open_all(st, txn, 0)) != 0)
			goto out;
		/* Committing, even a read-only one, keeps the handles open. */
		return mdb_txn_commit(txn);
	}
	mdb_txn_abort(txn);
	txn = NULL;
	if (rdonly)
		return STORE_E_OLDER;

	/* New, or older: write, after looking again under the lock. */
	if ((r = mdb_txn_begin(st->env, NULL, 0, &txn)) != 0)
		return r;
	if ((r = open_all(st, txn, 1)) != 0 ||
	    (r = schema_get(st, txn, &ver)) != 0)
		goto out;
	if (ver == 0 && !create) {
		r = STORE_E_NODATA;
		goto out;
	}
	if (ver == 0)
		r = schema_put(st, txn);
	else if (ver < SCHEMA_VERSION)
		r = schema_upgrade(st, txn, ver);
	if (r != 0)
		goto out;
	return mdb_txn_commit(txn);
out:
	mdb_txn_abort(txn);
	return r;
}

/*
 * Open the data folder dir.  STORE_CREATE makes it if missing.  Returns
 * STORE_E_NODATA when there is none, STORE_E_NEWER/OLDER for a schema
 * this loket cannot read, or an errno/LMDB code.
 */
int
store_open(const char *dir, int flags, struct store **out)
{
	struct store	*st;
	struct stat	 sb;
	unsigned	 ef = MDB_NOTLS;
	mode_t		 um;
	size_t		 mapsize = MAP_INITIAL;
	const char	*e;
	char		 f[4096 + 16];
	int		 r, dead;

	*out = NULL;
	if (strlen(dir) >= sizeof st->path)
		return ENAMETOOLONG;
	if ((st = calloc(1, sizeof *st)) == NULL)
		return ENOMEM;
	snprintf(st->path, sizeof st->path, "%s", dir);
	st->flags = flags;

	if (stat(dir, &sb) != 0) {
		if (errno != ENOENT || !(flags & STORE_CREATE)) {
			r = errno == ENOENT ? STORE_E_NODATA : errno;
			goto fail;
		}
		if (mkdir(dir, 0770) != 0) {
			r = errno;
			goto fail;
		}
	} else if (!S_ISDIR(sb.st_mode)) {
		r = ENOTDIR;
		goto fail;
	}
	snprintf(f, sizeof f, "%s/data.mdb", dir);
	/* stat, not access: a setgid loket reaches it by its group. */
	if (!(flags & STORE_CREATE) && stat(f, &sb) != 0) {
		r = STORE_E_NODATA;
		goto fail;
	}

	/* Not when setgid: only the real ids may size the map. */
	if (getgid() == getegid() && getuid() == geteuid() &&
	    (e = getenv("LOKET_MAPSIZE")) != NULL)
		mapsize = strtoull(e, NULL, 10);
	if (flags & STORE_SCRATCH) {
		mapsize = MAP_SCRATCH;
		ef |= MDB_NOSYNC | MDB_WRITEMAP | MDB_MAPASYNC;
	}
	if (flags & STORE_NOSYNC)
		ef |= MDB_NOSYNC;
	if (flags & STORE_RDONLY)
		ef |= MDB_RDONLY;
	if ((r = mdb_env_create(&st->env)) != 0)
		goto fail;
	if ((r = mdb_env_set_maxdbs(st->env, MAX_DBS)) != 0 ||
	    (r = mdb_env_set_maxreaders(st->env, 254)) != 0 ||
	    (r = mdb_env_set_mapsize(st->env, mapsize)) != 0)
		goto fail;
	um = umask(007);
	r = mdb_env_open(st->env, dir, ef, 0660);
	umask(um);
	if (r != 0)
		goto fail;
	if (!(flags & STORE_RDONLY))
		store_perms(dir);
	/* A process that died holding a reader slot must not pin pages. */
	(void)mdb_reader_check(st->env, &dead);
	/* Another process may have grown the map: adopt its size. */
	(void)mdb_env_set_mapsize(st->env, 0);

	if ((r = open_dbs(st, (flags & STORE_CREATE) != 0)) != 0)
		goto fail;
	*out = st;
	return 0;
fail:
	if (st->env != NULL)
		mdb_env_close(st->env);
	free(st);
	return r;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	if (st->flags & STORE_NOSYNC)
		(void)mdb_env_sync(st->env, 1);
	mdb_env_close(st->env);
	free(st);
}

int
store_dbi(struct store *st, const char *name, MDB_dbi *dbi)
{
	size_t	 i;

	for (i = 0; i < store_ndbs; i++) {
		if (strcmp(store_dbs[i].name, name) == 0) {
			*dbi = *db_handle(st, i);
			return 0;
		}
	}
	return STORE_E_NOTFOUND;
}

/* Double the map after MDB_MAP_FULL; no transaction may be open. */
int
store_grow(struct store *st)
{
	MDB_envinfo	 info;
	int		 r;

	if ((r = mdb_env_info(st->env, &info)) != 0)
		return r;
	return mdb_env_set_mapsize(st->env, info.me_mapsize * 2);
}

int
store_begin(struct store *st, int rdonly, struct store_txn **out)
{
	struct store_txn	*t;
	int			 r, tries;

	*out = NULL;
	if ((t = calloc(1, sizeof *t)) == NULL)
		return ENOMEM;
	t->st = st;
	t->rdonly = rdonly || (st->flags & STORE_RDONLY);
	for (tries = 0; tries < 3; tries++) {
		r = mdb_txn_begin(st->env, NULL, t->rdonly ? MDB_RDONLY : 0,
		    &t->txn);
		if (r != MDB_MAP_RESIZED)
			break;
		(void)mdb_env_set_mapsize(st->env, 0);
	}
	if (r != 0) {
		free(t);
		return r;
	}
	*out = t;
	return 0;
}

int
store_commit(struct store_txn *t)
{
	int	 r;

	r = mdb_txn_commit(t->txn);
	free(t->scratch);
	free(t);
	return r;
}

void
store_abort(struct store_txn *t)
{
	if (t == NULL)
		return;
	mdb_txn_abort(t->txn);
	free(t->scratch);
	free(t);
}

/* Entries and file size, for bench and status. */
int
store_stat(struct store *st, uint64_t *entries, uint64_t *bytes)
{
	MDB_txn		*txn;
	MDB_stat	 ms;
	MDB_envinfo	 info;
	int		 r;

	if ((r = mdb_txn_begin(st->env, NULL, MDB_RDONLY, &txn)) != 0)
		return r;
	r = mdb_stat(txn, st->journal, &ms);
	mdb_txn_abort(txn);
	if (r != 0)
		return r;
	*entries = ms.ms_entries;
	if ((r = mdb_env_info(st->env, &info)) != 0)
		return r;
	*bytes = (uint64_t)(info.me_last_pgno + 1) * 4096;
	return 0;
}

/*
 * A hot, compact copy in dest (a new or empty folder), taken from one read
 * snapshot while tellers keep posting; the caller verifies it.
 */
int
store_backup(struct store *st, const char *dest)
{
	struct stat	 sb;
	char		 f[4096 + 16];
	mode_t		 um;
	int		 r;

	if (stat(dest, &sb) == 0) {
		if (!S_ISDIR(sb.st_mode))
			return ENOTDIR;
		snprintf(f, sizeof f, "%s/data.mdb", dest);
		if (stat(f, &sb) == 0)
			return EEXIST;
	} else if (errno != ENOENT || mkdir(dest, 0770) != 0)
		return errno;
	um = umask(007);
	r = mdb_env_copy2(st->env, dest, MDB_CP_COMPACT);
	umask(um);
	if (r != 0 || (r = anchor_copy_key(st, dest)) != 0)
		return r;
	store_perms(dest);
	return 0;
}
