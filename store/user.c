/*
 * store/user.c: users, roles and passwords.  User records are derived
 * from user entries; failed sign-ins are counted in the local table, since
 * they are this box's business and not the books'.  Passwords go through
 * crypt(3) with yescrypt.
 */
#include <crypt.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

#define USER_REC_VERSION	1
#define PASSWORD_MIN		8

static const struct {
	const char	*name;
	uint8_t		 role;
} roles[] = {
	/* Also msgids: the console shows them translated. */
	{ N_("teller"), ROLE_TELLER },
	{ N_("supervisor"), ROLE_SUPERVISOR },
	{ N_("manager"), ROLE_MANAGER },
	{ N_("auditor"), ROLE_AUDITOR },
	{ N_("admin"), ROLE_ADMIN },
};

int
user_role_parse(const char *s, uint8_t *role)
{
	size_t	 i;

	for (i = 0; i < sizeof roles / sizeof roles[0]; i++) {
		if (strcmp(s, roles[i].name) == 0) {
			*role = roles[i].role;
			return 0;
		}
	}
	return STORE_E_INVAL;
}

const char *
user_role_name(uint8_t role)
{
	size_t	 i;

	if (role == ROLE_SYSTEM)
		return "system";
	for (i = 0; i < sizeof roles / sizeof roles[0]; i++) {
		if (roles[i].role == role)
			return roles[i].name;
	}
	return "unknown";
}

/*
 * Whether role may post an entry of kind: the kind's row says.  This is
 * the one place the rule lives; the console only hides what would be
 * refused here anyway.
 */
int
user_may(uint8_t role, uint16_t kind)
{
	const struct entry_kind	*k = entry_kind_get(kind);

	return k != NULL && (role & k->roles) != 0;
}

int
user_valid_login(const char *s)
{
	size_t	 i, n = strlen(s);

	if (n == 0 || n > LOGIN_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		if ((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9'))
			continue;
		if (i > 0 && (s[i] == '.' || s[i] == '_' || s[i] == '-'))
			continue;
		return 0;
	}
	return 1;
}

/*
 * Whether a password is acceptable at all (before hashing it): 0,
 * STORE_E_WEAKPASS below PASSWORD_MIN characters, or STORE_E_LONGPASS
 * past PASSWORD_MAX bytes (refused, never cut: whoever reads it must
 * read it whole, and a NUL inside it is the reader's to refuse).
 */
int
user_password_ok(const char *pw)
{
	size_t	 n = strnlen(pw, PASSWORD_MAX + 1);

	if (n > PASSWORD_MAX)
		return STORE_E_LONGPASS;
	return n >= PASSWORD_MIN ? 0 : STORE_E_WEAKPASS;
}

int
user_hash_password(const char *pw, char *out, size_t size)
{
	char			 salt[CRYPT_GENSALT_OUTPUT_SIZE];
	struct crypt_data	*cd;
	const char		*h;
	int			 r = 0;

	if ((r = user_password_ok(pw)) != 0)
		return r;
	if (crypt_gensalt_rn("$y$", 0, NULL, 0, salt, sizeof salt) == NULL)
		return errno ? errno : EINVAL;
	if ((cd = calloc(1, sizeof *cd)) == NULL)
		return ENOMEM;
	h = crypt_r(pw, salt, cd);
	if (h == NULL || h[0] == '*')
		r = errno ? errno : EINVAL;
	else if (strlen(h) >= size)
		r = ERANGE;
	else
		snprintf(out, size, "%s", h);
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	return r;
}

/*
 * 0 if pw matches hash, STORE_E_PASSWORD otherwise; a password past
 * PASSWORD_MAX bytes never matches.
 */
int
user_check_password(const char *pw, const char *hash)
{
	struct crypt_data	*cd;
	const char		*h;
	size_t			 n, i;
	unsigned char		 diff = 0;

	if (strnlen(pw, PASSWORD_MAX + 1) > PASSWORD_MAX)
		return STORE_E_PASSWORD;
	if ((cd = calloc(1, sizeof *cd)) == NULL)
		return ENOMEM;
	h = crypt_r(pw, hash[0] != '\0' ? hash : "$y$j9T$invalid$", cd);
	if (h == NULL || h[0] == '*' || (n = strlen(h)) != strlen(hash))
		diff = 1;
	else {
		for (i = 0; i < n; i++)
			diff |= h[i] ^ hash[i];
	}
	explicit_bzero(cd, sizeof *cd);
	free(cd);
	return diff ? STORE_E_PASSWORD : 0;
}

static void
user_key(uint8_t key[KEY_BRANCH + LOGIN_MAX], const char *branch,
    const char *login, size_t *len)
{
	size_t	 n = strnlen(login, LOGIN_MAX);

	key_branch(key, branch);
	memcpy(key + KEY_BRANCH, login, n);
	*len = KEY_BRANCH + n;
}

int
user_decode(struct user *u, const void *data, size_t len)
{
	struct buf	 in;
	uint8_t		 v;
	uint64_t	 drawer;

	buf_from(&in, data, len);
	if (buf_get_u8(&in, &v) != 0 || v != USER_REC_VERSION ||
	    buf_get_str(&in, u->name, sizeof u->name) != 0 ||
	    buf_get_u8(&in, &u->role) != 0 ||
	    buf_get_u8(&in, &u->flags) != 0 ||
	    buf_get_str(&in, u->hash, sizeof u->hash) != 0 ||
	    buf_get_varint(&in, &drawer) != 0 || drawer > UINT32_MAX ||
	    buf_left(&in) != 0)
		return STORE_E_CORRUPT;
	u->drawer = drawer;
	return 0;
}

int
user_get(struct store_txn *t, const char *branch, const char *login,
    struct user *u)
{
	uint8_t	 key[KEY_BRANCH + LOGIN_MAX];
	MDB_val	 k, d;
	size_t	 len;
	int	 r;

	memset(u, 0, sizeof *u);
	if (!user_valid_login(login))
		return STORE_E_USER;
	if (strcmp(login, LOGIN_SYSTEM) == 0) {
		snprintf(u->login, sizeof u->login, "%s", LOGIN_SYSTEM);
		snprintf(u->name, sizeof u->name, "loket");
		snprintf(u->branch, sizeof u->branch, "%s", branch);
		u->role = ROLE_SYSTEM;
		return 0;
	}
	/* The same teller posts entry after entry: keep the last one. */
	if (t->uvalid && strcmp(t->ucache.login, login) == 0 &&
	    strcmp(t->ucache.branch, branch) == 0) {
		memcpy(u, &t->ucache, sizeof *u);
		return 0;
	}
	user_key(key, branch, login, &len);
	k.mv_data = key;
	k.mv_size = len;
	if ((r = mdb_get(t->txn, t->st->user, &k, &d)) != 0)
		return r == MDB_NOTFOUND ? STORE_E_USER : r;
	str_copy(u->login, login, sizeof u->login);
	str_copy(u->branch, branch, sizeof u->branch);
	if ((r = user_decode(u, d.mv_data, d.mv_size)) != 0)
		return r;
	memcpy(&t->ucache, u, sizeof *u);
	t->uvalid = 1;
	return 0;
}

int
user_put(struct store_txn *t, const struct user *u)
{
	uint8_t		 key[KEY_BRANCH + LOGIN_MAX];
	struct buf	 out;
	uint8_t		 rec[NAME_MAX_COLS * 4 + 256];
	MDB_val		 k, d;
	size_t		 len;
	int		 r;

	buf_wrap(&out, rec, sizeof rec);	/* no malloc per record */
	if ((r = buf_put_u8(&out, USER_REC_VERSION)) != 0 ||
	    (r = buf_put_str(&out, u->name)) != 0 ||
	    (r = buf_put_u8(&out, u->role)) != 0 ||
	    (r = buf_put_u8(&out, u->flags)) != 0 ||
	    (r = buf_put_str(&out, u->hash)) != 0 ||
	    (r = buf_put_varint(&out, u->drawer)) != 0)
		goto out;
	user_key(key, u->branch, u->login, &len);
	k.mv_data = key;
	k.mv_size = len;
	d.mv_data = out.data;
	d.mv_size = out.len;
	t->uvalid = 0;
	r = mdb_put(t->txn, t->st->user, &k, &d, 0);
out:
	buf_free(&out);
	return r;
}

int
user_list(struct store_txn *t, const char *branch,
    int (*fn)(void *, const struct user *), void *arg)
{
	MDB_cursor	*c;
	MDB_val		 k, d;
	uint8_t		 key[KEY_BRANCH];
	struct user	 u;
	size_t		 n;
	int		 r, op = MDB_SET_RANGE;

	key_branch(key, branch);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_cursor_open(t->txn, t->st->user, &c)) != 0)
		return r;
	while ((r = mdb_cursor_get(c, &k, &d, op)) == 0) {
		op = MDB_NEXT;
		if (k.mv_size <= KEY_BRANCH ||
		    memcmp(k.mv_data, key, KEY_BRANCH) != 0)
			break;
		memset(&u, 0, sizeof u);
		n = k.mv_size - KEY_BRANCH;
		if (n > LOGIN_MAX) {
			r = STORE_E_CORRUPT;
			break;
		}
		memcpy(u.login, (uint8_t *)k.mv_data + KEY_BRANCH, n);
		snprintf(u.branch, sizeof u.branch, "%s", branch);
		if ((r = user_decode(&u, d.mv_data, d.mv_size)) != 0 ||
		    (r = fn(arg, &u)) != 0)
			break;
	}
	mdb_cursor_close(c);
	return r == MDB_NOTFOUND ? 0 : r;
}

int
user_failures(struct store_txn *t, const char *branch, const char *login,
    uint32_t *n)
{
	char	 name[32];
	int	 r;

	*n = 0;
	snprintf(name, sizeof name, "fail:%s", login);
	r = local_get(t, branch, name, n, sizeof *n, NULL);
	return r == STORE_E_NOTFOUND ? 0 : r;
}

/* Whether the user's failed sign-ins in a row reached the lockout. */
int
user_is_locked(struct store_txn *t, const char *branch, const char *login)
{
	uint32_t	 fails;
	int64_t		 limit;

	if (user_failures(t, branch, login, &fails) != 0)
		return 0;
	limit = setting_value(t, branch, "user.lockout");
	return limit > 0 && fails >= (uint64_t)limit;
}

static int
set_failures(struct store *st, const char *branch, const char *login,
    uint32_t n)
{
	struct store_txn	*t;
	char			 name[32];
	int			 r;

	snprintf(name, sizeof name, "fail:%s", login);
	if ((r = store_begin(st, 0, &t)) != 0)
		return r;
	if ((r = local_put(t, branch, name, &n, sizeof n)) != 0) {
		store_abort(t);
		return r;
	}
	return store_commit(t);
}

static int
bump_failures(struct store *st, const char *branch, const char *login,
    uint32_t *n)
{
	struct store_txn	*t;
	char			 name[32];
	int			 r;

	snprintf(name, sizeof name, "fail:%s", login);
	if ((r = store_begin(st, 0, &t)) != 0)
		return r;
	if ((r = user_failures(t, branch, login, n)) != 0 ||
	    (r = local_put(t, branch, name, &(uint32_t){ *n + 1 },
	    sizeof *n)) != 0) {
		store_abort(t);
		return r;
	}
	(*n)++;
	return store_commit(t);
}

int
user_unlock(struct store *st, const char *branch, const char *login)
{
	return set_failures(st, branch, login, 0);
}

/*
 * Sign in.  Returns 0 and fills u, or STORE_E_PASSWORD (wrong id or
 * password: which one is not said), STORE_E_DISABLED, or STORE_E_LOCKED
 * once the failures in a row reach the lockout setting (default 5).  The
 * slow hash runs outside any transaction.  A password past PASSWORD_MAX
 * bytes is STORE_E_LONGPASS before anything is looked at: no password
 * that long can be set, and it is not counted as a guess.
 */
int
user_auth(struct store *st, const char *branch, const char *login,
    const char *pw, struct user *u)
{
	struct store_txn	*t;
	uint32_t		 fails;
	int64_t			 limit;
	int			 r, known;

	if (strnlen(pw, PASSWORD_MAX + 1) > PASSWORD_MAX)
		return STORE_E_LONGPASS;
	if ((r = store_begin(st, 1, &t)) != 0)
		return r;
	r = user_get(t, branch, login, u);
	known = r == 0 && u->role != ROLE_SYSTEM;
	if (r == 0 && u->role == ROLE_SYSTEM)
		r = STORE_E_PASSWORD;
	if (r == 0)
		r = user_failures(t, branch, login, &fails);
	limit = setting_value(t, branch, "user.lockout");
	store_abort(t);
	if (!known) {
		(void)user_check_password(pw, "");	/* same time either way */
		return r == STORE_E_USER ? STORE_E_PASSWORD : r;
	}
	if (r != 0)
		return r;
	/* Locked: no more guesses are even tried, and the teller is told. */
	if (limit > 0 && fails >= (uint64_t)limit)
		return STORE_E_LOCKED;
	if (user_check_password(pw, u->hash) != 0) {
		if ((r = bump_failures(st, branch, login, &fails)) != 0)
			return r;
		if (limit > 0 && fails >= (uint64_t)limit)
			return STORE_E_LOCKED;
		return STORE_E_PASSWORD;
	}
	/* Disabled is said only to who knows the password. */
	if (u->flags & USER_F_DISABLED)
		return STORE_E_DISABLED;
	if (fails != 0)
		return set_failures(st, branch, login, 0);
	return 0;
}

/* -- user entries: added by an admin, changed, a new password ------------- */

/* The login an entry acts on: never loket itself. */
static int
entry_login(const struct entry *e, char login[LOGIN_MAX + 1])
{
	int	 r;

	if ((r = entry_get_str(e, F_LOGIN, login, LOGIN_MAX + 1)) != 0)
		return r;
	if (!user_valid_login(login) || strcmp(login, LOGIN_SYSTEM) == 0)
		return STORE_E_INVAL;
	return 0;
}

/* What every user record must be, whichever entry made it. */
static int
user_finish(struct store_txn *t, const struct user *u)
{
	if (!text_valid_name(u->name))
		return STORE_E_NAME;
	if (u->role != ROLE_TELLER && u->role != ROLE_SUPERVISOR &&
	    u->role != ROLE_MANAGER && u->role != ROLE_AUDITOR &&
	    u->role != ROLE_ADMIN)
		return STORE_E_INVAL;
	if (strncmp(u->hash, "$y$", 3) != 0)
		return STORE_E_INVAL;
	return user_put(t, u);
}

static int
user_add_apply(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	struct user	 u;
	char		 login[LOGIN_MAX + 1];
	uint64_t	 v;
	int		 r;

	(void)c;
	if ((r = entry_login(e, login)) != 0)
		return r;
	if ((r = user_get(t, e->branch, login, &u)) == 0)
		return STORE_E_EXISTS;
	if (r != STORE_E_USER)
		return r;
	memset(&u, 0, sizeof u);
	snprintf(u.login, sizeof u.login, "%s", login);
	snprintf(u.branch, sizeof u.branch, "%s", e->branch);
	if ((r = entry_get_str(e, F_NAME, u.name, sizeof u.name)) != 0 ||
	    (r = entry_get_u64(e, F_ROLE, &v)) != 0 ||
	    (r = entry_get_str(e, F_HASH, u.hash, sizeof u.hash)) != 0)
		return r;
	u.role = v;
	/* Those who keep cash get a drawer number, in order. */
	if (u.role & (ROLE_TELLER | ROLE_SUPERVISOR | ROLE_MANAGER)) {
		uint64_t	 nd;

		if ((r = counter_get(t, e->branch, "drawer", &nd)) != 0 ||
		    (r = counter_put(t, e->branch, "drawer", nd + 1)) != 0)
			return r;
		u.drawer = nd + 1;
	}
	return user_finish(t, &u);
}

static int
user_set_apply(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	struct user	 u;
	char		 login[LOGIN_MAX + 1];
	uint64_t	 v;
	int		 r;

	(void)c;
	if ((r = entry_login(e, login)) != 0 ||
	    (r = user_get(t, e->branch, login, &u)) != 0)
		return r;
	if (entry_get_str(e, F_NAME, u.name, sizeof u.name) ==
	    STORE_E_CORRUPT ||
	    entry_get_u64(e, F_ROLE, &v) == STORE_E_CORRUPT)
		return STORE_E_CORRUPT;
	if (entry_get_u64(e, F_ROLE, &v) == 0)
		u.role = v;
	if (entry_get_u64(e, F_FLAGS, &v) == 0) {
		if (v & ~(uint64_t)USER_F_DISABLED)
			return STORE_E_INVAL;
		u.flags = v;
	}
	return user_finish(t, &u);
}

/* An admin sets anyone's password; everyone may set their own. */
static int
user_passwd_apply(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	struct user	 u;
	char		 login[LOGIN_MAX + 1];
	int		 r;

	if ((r = entry_login(e, login)) != 0 ||
	    (r = user_get(t, e->branch, login, &u)) != 0)
		return r;
	if (!(c->by.role & c->kind->roles) && strcmp(c->by.login, login) != 0)
		return STORE_E_ROLE;
	if ((r = entry_get_str(e, F_HASH, u.hash, sizeof u.hash)) != 0)
		return r;
	return user_finish(t, &u);
}

const struct entry_kind ek_user_add = {
	.kind = EK_USER_ADD,
	.name = "user-add",
	.title = N_("user added"),
	.roles = ROLE_ADMIN | ROLE_SYSTEM,
	.flags = KF_NOPOST,
	.fields = FIELD(F_NAME) | FIELD(F_LOGIN) | FIELD(F_ROLE) |
	    FIELD(F_HASH),
	.required = FIELD(F_NAME) | FIELD(F_LOGIN) | FIELD(F_ROLE) |
	    FIELD(F_HASH),
	.apply = user_add_apply,
};

const struct entry_kind ek_user_set = {
	.kind = EK_USER_SET,
	.name = "user-set",
	.title = N_("user changed"),
	.roles = ROLE_ADMIN | ROLE_SYSTEM,
	.flags = KF_NOPOST,
	.fields = FIELD(F_NAME) | FIELD(F_LOGIN) | FIELD(F_ROLE) |
	    FIELD(F_FLAGS),
	.required = FIELD(F_LOGIN),
	.apply = user_set_apply,
};

const struct entry_kind ek_user_passwd = {
	.kind = EK_USER_PASSWD,
	.name = "user-passwd",
	.title = N_("password changed"),
	.roles = ROLE_ADMIN | ROLE_SYSTEM,	/* and each user their own */
	.flags = KF_NOPOST | KF_SELF,
	.fields = FIELD(F_LOGIN) | FIELD(F_HASH),
	.required = FIELD(F_LOGIN) | FIELD(F_HASH),
	.apply = user_passwd_apply,
};
