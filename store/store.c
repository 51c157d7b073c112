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

/*
 * The loans' databases.  A data folder made before loans existed lacks
 * them: a writable open adds them (empty, as its journal has no loan
 * entries), a read-only one cannot.
 */
static int
open_loan_dbs(struct store *st, MDB_txn *txn, unsigned fl)
{
	MDB_txn	*w = NULL;
	int	 r;

	if ((r = mdb_dbi_open(txn, "lprod", fl, &st->lprod)) == 0 &&
	    (r = mdb_dbi_open(txn, "loan", fl, &st->loan)) == 0 &&
	    (r = mdb_dbi_open(txn, "lsched", fl, &st->lsched)) == 0 &&
	    (r = mdb_dbi_open(txn, "ldue", fl, &st->ldue)) == 0 &&
	    (r = mdb_dbi_open(txn, "lmember", fl, &st->lmember)) == 0)
		return 0;
	if (r != MDB_NOTFOUND || (st->flags & STORE_RDONLY))
		return r == MDB_NOTFOUND ? STORE_E_OLDER : r;
	if ((r = mdb_txn_begin(st->env, NULL, 0, &w)) != 0)
		return r;
	if ((r = mdb_dbi_open(w, "lprod", MDB_CREATE, &st->lprod)) != 0 ||
	    (r = mdb_dbi_open(w, "loan", MDB_CREATE, &st->loan)) != 0 ||
	    (r = mdb_dbi_open(w, "lsched", MDB_CREATE, &st->lsched)) != 0 ||
	    (r = mdb_dbi_open(w, "ldue", MDB_CREATE, &st->ldue)) != 0 ||
	    (r = mdb_dbi_open(w, "lmember", MDB_CREATE, &st->lmember)) != 0) {
		mdb_txn_abort(w);
		return r;
	}
	return mdb_txn_commit(w);
}

static int
open_dbs(struct store *st, int create)
{
	MDB_txn		*txn = NULL;
	unsigned	 fl = create ? MDB_CREATE : 0;
	char		 v[32];
	MDB_val		 k, d;
	long		 ver;
	int		 r;

	if ((r = mdb_txn_begin(st->env, NULL, create ? 0 : MDB_RDONLY,
	    &txn)) != 0)
		return r;
	if ((r = mdb_dbi_open(txn, "meta", fl, &st->meta)) != 0) {
		if (r == MDB_NOTFOUND)
			r = STORE_E_NODATA;
		goto out;
	}
	if ((r = mdb_dbi_open(txn, "branch", fl, &st->branch)) != 0 ||
	    (r = mdb_dbi_open(txn, "journal", fl, &st->journal)) != 0 ||
	    (r = mdb_dbi_open(txn, "chain", fl, &st->chain)) != 0 ||
	    (r = mdb_dbi_open(txn, "account", fl, &st->account)) != 0 ||
	    (r = mdb_dbi_open(txn, "balance", fl, &st->balance)) != 0 ||
	    (r = mdb_dbi_open(txn, "user", fl, &st->user)) != 0 ||
	    (r = mdb_dbi_open(txn, "reqid", fl, &st->reqid)) != 0 ||
	    (r = mdb_dbi_open(txn, "reversed", fl, &st->reversed)) != 0 ||
	    (r = mdb_dbi_open(txn, "setting", fl, &st->setting)) != 0 ||
	    (r = mdb_dbi_open(txn, "local", fl, &st->local)) != 0 ||
	    (r = mdb_dbi_open(txn, "counter", fl, &st->counter)) != 0 ||
	    (r = mdb_dbi_open(txn, "member", fl, &st->member)) != 0 ||
	    (r = mdb_dbi_open(txn, "nik", fl, &st->nik)) != 0 ||
	    (r = mdb_dbi_open(txn, "name", fl, &st->name)) != 0 ||
	    (r = mdb_dbi_open(txn, "drawer", fl, &st->drawer)) != 0 ||
	    (r = mdb_dbi_open(txn, "term", fl, &st->term)) != 0 ||
	    (r = mdb_dbi_open(txn, "mentry", fl | MDB_DUPSORT | MDB_DUPFIXED,
	    &st->mentry)) != 0) {
		if (r == MDB_NOTFOUND)
			r = STORE_E_CORRUPT;
		goto out;
	}
	if (create && (r = open_loan_dbs(st, txn, fl)) != 0)
		goto out;

	/* The schema version: refuse newer, upgrade older (none yet). */
	k.mv_data = (void *)(uintptr_t)"schema";
	k.mv_size = 6;
	r = mdb_get(txn, st->meta, &k, &d);
	if (r == MDB_NOTFOUND && create) {
		snprintf(v, sizeof v, "%d", SCHEMA_VERSION);
		d.mv_data = v;
		d.mv_size = strlen(v);
		r = mdb_put(txn, st->meta, &k, &d, 0);
	} else if (r == MDB_NOTFOUND) {
		r = STORE_E_NODATA;
	} else if (r == 0) {
		if (d.mv_size >= sizeof v) {
			r = STORE_E_CORRUPT;
			goto out;
		}
		memcpy(v, d.mv_data, d.mv_size);
		v[d.mv_size] = '\0';
		ver = strtol(v, NULL, 10);
		if (ver > SCHEMA_VERSION)
			r = STORE_E_NEWER;
		else if (ver < 1)
			r = STORE_E_CORRUPT;
		else if (ver < SCHEMA_VERSION)
			r = STORE_E_OLDER;	/* no upgrade path needed yet */
	}
	if (r != 0)
		goto out;
	/* Committing, even a read-only one, keeps the handles open. */
	if ((r = mdb_txn_commit(txn)) != 0 || create)
		return r;
	txn = NULL;
	if ((r = mdb_txn_begin(st->env, NULL, MDB_RDONLY, &txn)) != 0)
		return r;
	if ((r = open_loan_dbs(st, txn, 0)) != 0)
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
	if (!(flags & STORE_CREATE) && access(f, F_OK) != 0) {
		r = STORE_E_NODATA;
		goto fail;
	}

	if ((e = getenv("LOKET_MAPSIZE")) != NULL)
		mapsize = strtoull(e, NULL, 10);
	if (flags & STORE_SCRATCH) {
		mapsize = MAP_SCRATCH;
		ef |= MDB_NOSYNC | MDB_WRITEMAP | MDB_MAPASYNC;
	}
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
	mdb_env_close(st->env);
	free(st);
}

int
store_dbi(struct store *st, const char *name, MDB_dbi *dbi)
{
	static const struct { const char *n; size_t off; } dbs[] = {
		{ "meta", offsetof(struct store, meta) },
		{ "branch", offsetof(struct store, branch) },
		{ "journal", offsetof(struct store, journal) },
		{ "chain", offsetof(struct store, chain) },
		{ "account", offsetof(struct store, account) },
		{ "balance", offsetof(struct store, balance) },
		{ "user", offsetof(struct store, user) },
		{ "reqid", offsetof(struct store, reqid) },
		{ "reversed", offsetof(struct store, reversed) },
		{ "setting", offsetof(struct store, setting) },
		{ "local", offsetof(struct store, local) },
		{ "counter", offsetof(struct store, counter) },
		{ "member", offsetof(struct store, member) },
		{ "nik", offsetof(struct store, nik) },
		{ "name", offsetof(struct store, name) },
		{ "drawer", offsetof(struct store, drawer) },
		{ "term", offsetof(struct store, term) },
		{ "mentry", offsetof(struct store, mentry) },
		{ "lprod", offsetof(struct store, lprod) },
		{ "loan", offsetof(struct store, loan) },
		{ "lsched", offsetof(struct store, lsched) },
		{ "ldue", offsetof(struct store, ldue) },
		{ "lmember", offsetof(struct store, lmember) },
	};
	size_t	 i;

	for (i = 0; i < sizeof dbs / sizeof dbs[0]; i++) {
		if (strcmp(dbs[i].n, name) == 0) {
			memcpy(dbi, (char *)st + dbs[i].off, sizeof *dbi);
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
		if (access(f, F_OK) == 0)
			return EEXIST;
	} else if (errno != ENOENT || mkdir(dest, 0770) != 0)
		return errno;
	um = umask(007);
	r = mdb_env_copy2(st->env, dest, MDB_CP_COMPACT);
	umask(um);
	if (r != 0)
		return r;
	store_perms(dest);
	return 0;
}
