/*
 * store/setting.c: settings, derived from setting entries (every figure
 * of domain.md is one), and the local table of what belongs to this box
 * alone (which branches are primary here, failed sign-ins).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

#define SETTING_NAME_MAX	64

static int
named_key(uint8_t *key, size_t size, const char *branch, const char *name,
    size_t *len)
{
	size_t	 n = strlen(name);

	if (n == 0 || n > SETTING_NAME_MAX || KEY_BRANCH + n > size)
		return STORE_E_INVAL;
	key_branch(key, branch);
	memcpy(key + KEY_BRANCH, name, n);
	*len = KEY_BRANCH + n;
	return 0;
}

static int
get_named(struct store_txn *t, MDB_dbi dbi, const char *branch,
    const char *name, MDB_val *d)
{
	uint8_t	 key[KEY_BRANCH + SETTING_NAME_MAX];
	MDB_val	 k;
	size_t	 len;
	int	 r;

	if ((r = named_key(key, sizeof key, branch, name, &len)) != 0)
		return r;
	k.mv_data = key;
	k.mv_size = len;
	if ((r = mdb_get(t->txn, dbi, &k, d)) != 0)
		return r == MDB_NOTFOUND ? STORE_E_NOTFOUND : r;
	return 0;
}

static int
put_named(struct store_txn *t, MDB_dbi dbi, const char *branch,
    const char *name, const void *val, size_t vlen)
{
	uint8_t	 key[KEY_BRANCH + SETTING_NAME_MAX];
	MDB_val	 k, d;
	size_t	 len;
	int	 r;

	if ((r = named_key(key, sizeof key, branch, name, &len)) != 0)
		return r;
	k.mv_data = key;
	k.mv_size = len;
	d.mv_data = (void *)(uintptr_t)val;
	d.mv_size = vlen;
	return mdb_put(t->txn, dbi, &k, &d, 0);
}

int
setting_get(struct store_txn *t, const char *branch, const char *name,
    char *dst, size_t size)
{
	MDB_val	 d;
	int	 r;

	if ((r = get_named(t, t->st->setting, branch, name, &d)) != 0)
		return r;
	if (d.mv_size >= size)
		return ERANGE;
	memcpy(dst, d.mv_data, d.mv_size);
	dst[d.mv_size] = '\0';
	return 0;
}

/* A whole-number setting, or def when unset or not a number. */
int64_t
setting_int(struct store_txn *t, const char *branch, const char *name,
    int64_t def)
{
	char	 v[32], *end;
	long long n;

	if (setting_get(t, branch, name, v, sizeof v) != 0)
		return def;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0')
		return def;
	return n;
}

int
setting_put(struct store_txn *t, const char *branch, const char *name,
    const char *value)
{
	return put_named(t, t->st->setting, branch, name, value,
	    strlen(value));
}

int
local_get(struct store_txn *t, const char *branch, const char *name,
    void *dst, size_t size, size_t *len)
{
	MDB_val	 d;
	int	 r;

	if ((r = get_named(t, t->st->local, branch, name, &d)) != 0)
		return r;
	if (d.mv_size > size)
		return ERANGE;
	memcpy(dst, d.mv_data, d.mv_size);
	if (len != NULL)
		*len = d.mv_size;
	return 0;
}

int
local_put(struct store_txn *t, const char *branch, const char *name,
    const void *val, size_t len)
{
	return put_named(t, t->st->local, branch, name, val, len);
}

/* Whether the branch's tellers post here (else it is a replica). */
int
store_is_primary(struct store_txn *t, const char *branch)
{
	uint8_t	 v;

	if (strcmp(t->pcache, branch) == 0)
		return 1;
	if (local_get(t, branch, "primary", &v, 1, NULL) != 0 || v != 1)
		return 0;
	str_copy(t->pcache, branch, sizeof t->pcache);
	return 1;
}

/* Numbers handed out in order (members, drawers): derived state. */
int
counter_get(struct store_txn *t, const char *branch, const char *name,
    uint64_t *v)
{
	MDB_val	 d;
	int	 r;

	*v = 0;
	if ((r = get_named(t, t->st->counter, branch, name, &d)) != 0)
		return r == STORE_E_NOTFOUND ? 0 : r;
	if (d.mv_size != sizeof *v)
		return STORE_E_CORRUPT;
	memcpy(v, d.mv_data, sizeof *v);
	return 0;
}

int
counter_put(struct store_txn *t, const char *branch, const char *name,
    uint64_t v)
{
	return put_named(t, t->st->counter, branch, name, &v, sizeof v);
}

/* The setting entry: a figure of the branch, by name. */
static int
setting_apply(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	char	 key[65], value[256];
	int	 r;

	(void)c;
	if ((r = entry_get_str(e, F_KEY, key, sizeof key)) != 0 ||
	    (r = entry_get_str(e, F_VALUE, value, sizeof value)) != 0)
		return r;
	if (key[0] == '\0' || !utf8_valid(value, strlen(value)))
		return STORE_E_INVAL;
	return setting_put(t, e->branch, key, value);
}

const struct entry_kind ek_setting = {
	.kind = EK_SETTING,
	.name = "setting",
	.title = N_("setting"),
	.roles = ROLE_MANAGER | ROLE_ADMIN | ROLE_SYSTEM,
	.flags = KF_NOPOST,
	.fields = FIELD(F_KEY) | FIELD(F_VALUE),
	.required = FIELD(F_KEY) | FIELD(F_VALUE),
	.apply = setting_apply,
};
