/*
 * cli/cmd-user.c: loket user, to add, list, disable, enable, unlock
 * users and set passwords.  Every change is an entry posted by a
 * signed-in admin; the store checks the role.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int	cmd_user_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_user_entry = {
	.name = "user",
	.args = "b:u:",
	.minargs = 1,
	.maxargs = 4,
	.usage = "[-b branch] [-u admin] action [argument ...]",
	.summary = N_("add, list, disable, enable or unlock users; set "
	    "passwords"),
	.flags = CMD_STORE,
	.exec = cmd_user_exec,
};

static int
print_user(void *arg, const struct user *u)
{
	struct store_txn	*t = arg;
	const char		*state = _("active");

	if (u->flags & USER_F_DISABLED)
		state = _("disabled");
	else if (user_is_locked(t, u->branch, u->login))
		state = _("locked");
	printf("%-16s %-10s %-9s %s\n", u->login, user_role_name(u->role),
	    state, u->name);
	return 0;
}

static int
post(struct cmd_ctx *ctx, struct post_req *q)
{
	struct post_result	 res;
	char			 id[64];
	int			 r;

	cli_request_id(id, sizeof id);
	q->request_id = id;
	if ((r = store_post(ctx->st, q, &res)) != 0)
		return cmd_store_error("user", r);
	return 0;
}

static int
add_field(struct post_req *q, uint16_t tag, const void *v, size_t len)
{
	if (q->nfield >= ENTRY_MAXFIELD)
		return EINVAL;
	q->field[q->nfield].tag = tag;
	q->field[q->nfield].len = len;
	q->field[q->nfield].val = v;
	q->nfield++;
	return 0;
}

static int
cmd_user_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store_txn	*t;
	struct post_req		 q;
	struct user		 admin, u;
	const char		*given = NULL, *by = NULL, *action, *login;
	char			 branch[BRANCH_MAX + 1], hash[128], pw[256];
	uint8_t			 role, vr[10], vf[10], flags;
	struct buf		 b;
	int			 ch, r, n;

	while ((ch = getopt(argc, argv, cmd_user_entry.args)) != -1) {
		switch (ch) {
		case 'b':
			given = optarg;
			break;
		case 'u':
			by = optarg;
			break;
		default:
			return cmd_usage(ctx->entry);
		}
	}
	argc -= optind;
	argv += optind;
	action = argv[0];
	if ((r = cli_branch(ctx, given, branch, sizeof branch)) != 0)
		return r;

	if (strcmp(action, "list") == 0) {
		if (argc != 1)
			return cmd_usage(ctx->entry);
		if ((r = store_begin(ctx->st, 1, &t)) != 0)
			return cmd_store_error(NULL, r);
		r = user_list(t, branch, print_user, t);
		store_abort(t);
		return r != 0 ? cmd_store_error(NULL, r) : 0;
	}

	n = strcmp(action, "add") == 0 ? 4 : 2;
	if (strcmp(action, "add") != 0 && strcmp(action, "disable") != 0 &&
	    strcmp(action, "enable") != 0 && strcmp(action, "unlock") != 0 &&
	    strcmp(action, "passwd") != 0) {
		cmd_error(_("user: unknown action: %s"), action);
		return cmd_usage(ctx->entry);
	}
	if (argc != n) {
		cmd_error(_("user %s: wrong number of arguments"), action);
		return cmd_usage(ctx->entry);
	}
	login = argv[1];
	if (!user_valid_login(login) || strcmp(login, "loket") == 0) {
		cmd_error(_("user: %s: a user id is 1 to 16 small letters, "
		    "digits, '.', '_' or '-'"), login);
		return EXIT_DATAERR;
	}
	if (by == NULL) {
		if (strcmp(action, "passwd") != 0) {
			cmd_error(_("user %s: name the admin with -u"), action);
			return cmd_usage(ctx->entry);
		}
		by = login;	/* one's own password */
	}

	/* Check what can be checked before anyone types a password. */
	if (strcmp(action, "add") == 0) {
		if (user_role_parse(argv[2], &role) != 0) {
			cmd_error(_("user add: %s: the role is one of teller, "
			    "supervisor, manager, auditor, admin"), argv[2]);
			return EXIT_DATAERR;
		}
		if (!text_valid_name(argv[3])) {
			cmd_error("user add: %s", _(store_strerror(STORE_E_NAME)));
			return EXIT_DATAERR;
		}
	}
	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	r = user_get(t, branch, login, &u);
	store_abort(t);
	if (strcmp(action, "add") == 0 && r == 0) {
		cmd_error(_("user add: %s exists already"), login);
		return EXIT_DATAERR;
	}
	if (strcmp(action, "add") != 0 && r != 0) {
		cmd_error(_("user %s: %s: no such user"), action, login);
		return EXIT_DATAERR;
	}

	if ((r = cli_sign_in(ctx, branch, by, &admin)) != 0)
		return r;
	if (strcmp(action, "unlock") == 0) {
		if (admin.role != ROLE_ADMIN) {
			cmd_error("user unlock: %s",
			    _(store_strerror(STORE_E_ROLE)));
			return EXIT_NOPERM;
		}
		if ((r = user_unlock(ctx->st, branch, login)) != 0)
			return cmd_store_error("user", r);
		printf(_("%s unlocked\n"), login);
		return 0;
	}

	memset(&q, 0, sizeof q);
	q.branch = branch;
	q.user = by;
	if (strcmp(action, "add") == 0 || strcmp(action, "passwd") == 0) {
		if ((r = cli_new_password(login, pw, sizeof pw)) != 0) {
			if (!cli_password_refused(r))
				cmd_error("%s", _("user: no password given"));
			return EXIT_DATAERR;
		}
		r = user_hash_password(pw, hash, sizeof hash);
		explicit_bzero(pw, sizeof pw);
		if (r != 0)
			return cmd_store_error("user", r);
	}
	if (strcmp(action, "add") == 0) {
		q.kind = EK_USER_ADD;
		buf_wrap(&b, vr, sizeof vr);
		buf_put_varint(&b, role);
		add_field(&q, F_NAME, argv[3], strlen(argv[3]));
		add_field(&q, F_LOGIN, login, strlen(login));
		add_field(&q, F_ROLE, vr, b.len);
		add_field(&q, F_HASH, hash, strlen(hash));
	} else if (strcmp(action, "passwd") == 0) {
		q.kind = EK_USER_PASSWD;
		add_field(&q, F_LOGIN, login, strlen(login));
		add_field(&q, F_HASH, hash, strlen(hash));
	} else {
		q.kind = EK_USER_SET;
		flags = strcmp(action, "disable") == 0 ? USER_F_DISABLED : 0;
		buf_wrap(&b, vf, sizeof vf);
		buf_put_varint(&b, flags);
		add_field(&q, F_LOGIN, login, strlen(login));
		add_field(&q, F_FLAGS, vf, b.len);
	}
	if ((r = post(ctx, &q)) != 0)
		return r;
	if (strcmp(action, "passwd") == 0 && strcmp(by, login) != 0)
		(void)user_unlock(ctx->st, branch, login);
	if (strcmp(action, "add") == 0)
		printf(_("%s added as %s\n"), login, argv[2]);
	else if (strcmp(action, "passwd") == 0)
		printf(_("password of %s changed\n"), login);
	else if (strcmp(action, "disable") == 0)
		printf(_("%s disabled\n"), login);
	else
		printf(_("%s enabled\n"), login);
	return 0;
}
