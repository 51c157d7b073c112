/*
 * cli/cmd-init.c: loket init, a new data folder with its first branch and
 * first admin.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int	cmd_init_exec(struct cmd_ctx *, int, char **);

#define OPT_PROVINCE	256
static const struct option init_longopts[] = {
	{ "province", required_argument, NULL, OPT_PROVINCE },
	{ NULL, 0, NULL, 0 }
};

const struct cmd_entry cmd_init_entry = {
	.name = "init",
	.args = "a:B:b:c:D:Hn:t:",
	.minargs = 0,
	.maxargs = 0,
	.usage = "[-H] [-D date] [-t zone] -a admin -B branch-name -b branch "
	    "-c cooperative -n admin-name\n--province name",
	.summary = N_("create a data folder: the cooperative, its first "
	    "branch and admin"),
	.exec = cmd_init_exec,
	.longopts = init_longopts,
};

/* Undo a half-made book, so that init can simply be run again. */
static void
remove_book(const char *dir)
{
	char	 f[4096 + 16];

	snprintf(f, sizeof f, "%s/data.mdb", dir);
	(void)unlink(f);
	snprintf(f, sizeof f, "%s/lock.mdb", dir);
	(void)unlink(f);
	(void)rmdir(dir);
}

/* 1 if others can write dir, 2 its parent (no sticky bit), else 0. */
static int
writable_by_others(const char *dir)
{
	struct stat	 sb;
	char		 parent[4096], *slash;

	if (stat(dir, &sb) == 0 && (sb.st_mode & S_IWOTH))
		return 1;
	if (snprintf(parent, sizeof parent, "%s", dir) >= (int)sizeof parent)
		return 0;
	while ((slash = strrchr(parent, '/')) != NULL && slash[1] == '\0' &&
	    slash != parent)
		*slash = '\0';
	if ((slash = strrchr(parent, '/')) == NULL)
		snprintf(parent, sizeof parent, ".");
	else if (slash == parent)
		parent[1] = '\0';
	else
		*slash = '\0';
	if (stat(parent, &sb) == 0 && (sb.st_mode & S_IWOTH) &&
	    !(sb.st_mode & S_ISVTX))
		return 2;
	return 0;
}

static int
cmd_init_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct init_req	 q;
	struct store	*st = NULL;
	char		 pw[256], d[16];
	uint8_t		 pub[ANCHOR_KEY_LEN];
	const char	*date = NULL, *province = NULL;
	int		 ch, r;

	memset(&q, 0, sizeof q);
	q.tz = "Asia/Makassar";
	while ((ch = getopt_long(argc, argv, cmd_init_entry.args,
	    init_longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_PROVINCE:	/* a province office's box */
			province = optarg;
			break;
		case 'a':
			q.admin = optarg;
			break;
		case 'B':
			q.branch_name = optarg;
			break;
		case 'b':
			q.branch = optarg;
			break;
		case 'c':
			q.coop = optarg;
			break;
		case 'D':
			date = optarg;
			break;
		case 'H':
			q.flags |= BRANCH_F_HEAD;
			break;
		case 'n':
			q.admin_name = optarg;
			break;
		case 't':
			q.tz = optarg;
			break;
		default:
			return cmd_usage(ctx->entry);
		}
	}
	if (province != NULL) {
		if ((r = province_init(ctx->dir, province)) == EEXIST) {
			cmd_error(_("init: %s holds a loket book already"),
			    ctx->dir);
			return EXIT_CANTCREAT;
		}
		if (r == STORE_E_NAME) {
			cmd_error("init: %s", _(store_strerror(r)));
			return EXIT_DATAERR;
		}
		if (r != 0) {
			cmd_error("init: %s: %s", ctx->dir, strerror(r));
			return EXIT_CANTCREAT;
		}
		return 0;
	}
	if (q.admin == NULL || q.branch_name == NULL || q.branch == NULL ||
	    q.coop == NULL || q.admin_name == NULL) {
		cmd_error("%s", _("init: -a, -B, -b, -c and -n are needed"));
		return cmd_usage(ctx->entry);
	}
	if (!branch_valid_code(q.branch)) {
		cmd_error(_("init: %s: a branch code is 1 to 8 capital "
		    "letters or digits"), q.branch);
		return EXIT_DATAERR;
	}
	if (!user_valid_login(q.admin) || strcmp(q.admin, "loket") == 0) {
		cmd_error(_("init: %s: a user id is 1 to 16 small letters, "
		    "digits, '.', '_' or '-'"), q.admin);
		return EXIT_DATAERR;
	}
	if (!text_valid_name(q.coop) || !text_valid_name(q.branch_name) ||
	    !text_valid_name(q.admin_name)) {
		cmd_error("init: %s", _(store_strerror(STORE_E_NAME)));
		return EXIT_DATAERR;
	}
	if (strlen(q.tz) == 0 || strlen(q.tz) > 63 || strchr(q.tz, ' ')) {
		cmd_error(_("init: %s: not a time zone"), q.tz);
		return EXIT_DATAERR;
	}
	if (date != NULL) {
		if (date_parse(date, &q.date) != 0) {
			cmd_error(_("init: %s: not a date (YYYY-MM-DD)"), date);
			return EXIT_DATAERR;
		}
	} else
		q.date = cli_today(q.tz);

	/*
	 * A folder others can write (or one in such a folder without the
	 * sticky bit) lets them swap the books: refused.
	 */
	if ((r = writable_by_others(ctx->dir)) != 0) {
		cmd_error(_("init: %s: others can write %s: take their write "
		    "permission away (chmod o-w) first"), ctx->dir,
		    r == 1 ? ctx->dir : _("the folder it is in"));
		return EXIT_CANTCREAT;
	}

	/* Refuse an existing book before asking anything. */
	if ((r = store_open(ctx->dir, 0, &st)) != STORE_E_NODATA) {
		store_close(st);
		if (r == 0)
			cmd_error(_("init: %s holds a loket book already"),
			    ctx->dir);
		else
			cmd_error("init: %s: %s", ctx->dir,
			    _(store_strerror(r)));
		return EXIT_CANTCREAT;
	}
	if ((r = cli_new_password(q.admin, pw, sizeof pw)) != 0) {
		if (!cli_password_refused(r))
			cmd_error("%s", _("init: no password given"));
		return EXIT_DATAERR;
	}
	q.admin_password = pw;
	if ((r = user_password_ok(pw)) != 0) {
		explicit_bzero(pw, sizeof pw);
		return cmd_store_error("init", r);
	}
	if ((r = store_open(ctx->dir, STORE_CREATE, &st)) != 0) {
		cmd_error("init: %s: %s", ctx->dir, _(store_strerror(r)));
		explicit_bzero(pw, sizeof pw);
		return EXIT_CANTCREAT;
	}
	r = store_init(st, &q);
	explicit_bzero(pw, sizeof pw);
	/* The accounts the first chart lacks, as entries of their own. */
	if (r == 0)
		r = store_chart_update(st, q.branch);
	/* The head office's signing key, to hand its public half over. */
	if (r == 0 && (q.flags & BRANCH_F_HEAD))
		r = anchor_public(st, 1, pub);
	store_close(st);
	if (r != 0) {
		remove_book(ctx->dir);
		return cmd_store_error("init", r);
	}
	date_format(q.date, d, sizeof d);
	printf(_("%s: cooperative \"%s\", branch %s (%s), business date %s, "
	    "admin %s\n"), ctx->dir, q.coop, q.branch, q.branch_name, d,
	    q.admin);
	return 0;
}
