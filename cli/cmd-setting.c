/*
 * cli/cmd-setting.c: loket setting, the cooperative's figures: list
 * them with their values in their units, list the table (unit, range,
 * default), list the changes that wait for the month end, or change one
 * (an entry, by an admin or a manager, so that every change is in the
 * journal).  store/setting.c holds the table.
 */
#include <getopt.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int	cmd_setting_exec(struct cmd_ctx *, int, char **);

static const struct option longopts[] = {
	{ "pending", no_argument, NULL, 'P' },
	{ NULL, 0, NULL, 0 }
};

const struct cmd_entry cmd_setting_entry = {
	.name = "setting",
	.args = "b:lu:",
	.minargs = 0,
	.maxargs = 2,
	.usage = "[-l] [--pending] [-b branch] [-u user] [name value]",
	.summary = N_("list the cooperative's figures, or change one"),
	.flags = CMD_STORE,
	.exec = cmd_setting_exec,
	.longopts = longopts,
};

/* The unit of a setting's type, as the table and the page name it. */
static const char *
unit_name(const struct setting_def *d)
{
	switch (d->type) {
	case SETTING_RUPIAH:
		return N_("Rupiah");
	case SETTING_BP:
	case SETTING_PCT:
		return N_("percent");
	case SETTING_DAYS:
		return N_("days");
	case SETTING_MONTHS:
		return N_("months");
	case SETTING_ENUM:
		return N_("choice");
	case SETTING_POINTS:
	case SETTING_SCORE:
		return N_("points");
	case SETTING_CODE:
		return N_("number");
	case SETTING_DATE:
		return N_("date");
	default:
		return N_("count");
	}
}

static void
value_text(const struct setting_def *d, int64_t v, char *buf, size_t size)
{
	if (setting_format(d, v, buf, size) != 0)
		snprintf(buf, size, "%" PRId64, v);
}

/* As value_text(), with the unit after a bare number: "36 months". */
static void
value_shown(const struct setting_def *d, int64_t v, char *buf, size_t size)
{
	size_t	 len;

	value_text(d, v, buf, size);
	if (d->type == SETTING_DAYS || d->type == SETTING_MONTHS ||
	    d->type == SETTING_POINTS || d->type == SETTING_SCORE) {
		len = strlen(buf);
		snprintf(buf + len, size - len, " %s", _(unit_name(d)));
	}
}

/* "Rp 0 to Rp 100.000.000", or the choices "lowest, average". */
static void
range_text(const struct setting_def *d, char *buf, size_t size)
{
	char	 lo[64], hi[64];
	size_t	 len;
	int64_t	 v;

	if (d->type == SETTING_ENUM) {
		buf[0] = '\0';
		for (v = d->min; v <= d->max; v++) {
			value_text(d, v, lo, sizeof lo);
			len = strlen(buf);
			snprintf(buf + len, size - len, "%s%s",
			    v == d->min ? "" : " | ", lo);
		}
		return;
	}
	if (d->type == SETTING_DATE) {
		snprintf(buf, size, "%s", _("YYYY-MM-DD or none"));
		return;
	}
	value_text(d, d->min, lo, sizeof lo);
	value_text(d, d->max, hi, sizeof hi);
	if (d->flags & SETTING_F_NONE)
		snprintf(buf, size, _("%s to %s, or none"), lo, hi);
	else
		snprintf(buf, size, _("%s to %s"), lo, hi);
}

static int
list_table(void)
{
	const struct setting_def	*d;
	char				 range[256], def[64];
	size_t				 i;

	for (i = 0; (d = setting_at(i)) != NULL; i++) {
		range_text(d, range, sizeof range);
		value_text(d, d->def, def, sizeof def);
		printf(_("%s: %s; range %s; default %s%s\n"), d->name,
		    _(unit_name(d)), range, def,
		    d->flags & SETTING_F_MONTHEND ?
		    _("; read at month end") : "");
	}
	return 0;
}

static int
list_values(struct cmd_ctx *ctx, const char *branch)
{
	const struct setting_def	*d;
	struct store_txn		*t;
	char				 v[64];
	size_t				 i;
	int				 r;

	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	for (i = 0; (d = setting_at(i)) != NULL; i++) {
		value_shown(d, setting_value(t, branch, d->name), v, sizeof v);
		printf("%-28s %s\n", d->name, v);
	}
	store_abort(t);
	return 0;
}

static int
list_pending(struct cmd_ctx *ctx, const char *branch)
{
	struct setting_change	 c[64];
	struct store_txn	*t;
	char			 now[64], was[64], date[16];
	size_t			 n, i;
	int			 r;

	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	r = setting_pending(t, branch, c, sizeof c / sizeof c[0], &n);
	store_abort(t);
	if (r != 0)
		return cmd_store_error(ctx->entry->name, r);
	for (i = 0; i < n; i++) {
		value_text(c[i].def, c[i].value, now, sizeof now);
		value_text(c[i].def, c[i].was, was, sizeof was);
		date_format(c[i].date, date, sizeof date);
		printf(_("%s: %s from the month end (now %s); entry %" PRIu64
		    ", %s, by %s\n"), c[i].def->name, now, was, c[i].seq,
		    date, c[i].user);
	}
	return 0;
}

static int
cmd_setting_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct setting_def	*d;
	struct post_req			 q;
	struct user			 u;
	const char			*given = NULL, *login = NULL;
	char				 branch[BRANCH_MAX + 1], value[32];
	char				 range[256], shown[64];
	int64_t				 v;
	int				 ch, r, table = 0, pending = 0;

	while ((ch = getopt_long(argc, argv, cmd_setting_entry.args, longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'b':
			given = optarg;
			break;
		case 'l':
			table = 1;
			break;
		case 'P':
			pending = 1;
			break;
		case 'u':
			login = optarg;
			break;
		default:
			return cmd_usage(ctx->entry);
		}
	}
	argc -= optind;
	argv += optind;
	if ((table || pending) && argc != 0)
		return cmd_usage(ctx->entry);
	if (table)
		return pending ? cmd_usage(ctx->entry) : list_table();
	if ((r = cli_branch(ctx, given, branch, sizeof branch)) != 0)
		return r;
	if (pending)
		return list_pending(ctx, branch);
	if (argc == 0)
		return list_values(ctx, branch);
	if (argc != 2)
		return cmd_usage(ctx->entry);
	if ((d = setting_find(argv[0])) == NULL) {
		cmd_error(_("setting: %s: no such setting (loket setting "
		    "lists them)"), argv[0]);
		return EXIT_DATAERR;
	}
	if (setting_parse(d, argv[1], &v) != 0) {
		range_text(d, range, sizeof range);
		cmd_error(_("setting: %s: %s: not a value of it (%s, %s)"),
		    d->name, argv[1], _(unit_name(d)), range);
		return EXIT_DATAERR;
	}
	snprintf(value, sizeof value, "%" PRId64, v);
	if ((r = cli_actor(ctx, branch, login, &u)) != 0)
		return r;
	memset(&q, 0, sizeof q);
	q.branch = branch;
	q.user = u.login;
	q.kind = EK_SETTING;
	q.field[0] = (struct field){ F_KEY, (uint16_t)strlen(d->name),
	    (const uint8_t *)d->name };
	q.field[1] = (struct field){ F_VALUE, (uint16_t)strlen(value),
	    (const uint8_t *)value };
	q.nfield = 2;
	if ((r = cli_post(ctx, &q, 0, NULL)) != 0)
		return r;
	value_shown(d, v, shown, sizeof shown);
	if (d->flags & SETTING_F_MONTHEND)
		printf(_("%s = %s (from the month end)\n"), d->name, shown);
	else
		printf("%s = %s\n", d->name, shown);
	return 0;
}
