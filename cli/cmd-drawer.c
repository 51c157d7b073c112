/*
 * cli/cmd-drawer.c: loket drawer, a teller's cash drawer: open it with
 * cash from the vault, move cash to or from the vault, close it with a
 * count by denomination, or show it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int	cmd_drawer_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_drawer_entry = {
	.name = "drawer",
	.args = "A:b:u:",
	.minargs = 1,
	.maxargs = 1 + DENOM_MAX,
	.usage = "[-A approver] [-b branch] -u user action [argument ...]",
	.summary = N_("open, top up, empty, close or show a teller's drawer"),
	.flags = CMD_STORE,
	.exec = cmd_drawer_exec,
};

/* "100000x12" (Rp 100.000 notes, twelve of them), or "100.000x12". */
static int
parse_count(const char *s, struct denom_count *dc)
{
	char		 face[32];
	const char	*x;
	char		*end;
	int64_t		 sen;
	long long	 n;

	if ((x = strchr(s, 'x')) == NULL || (size_t)(x - s) >= sizeof face)
		return EINVAL;
	memcpy(face, s, x - s);
	face[x - s] = '\0';
	if (money_parse(face, &sen) != 0 || sen % 100 != 0 ||
	    !denom_valid(sen / 100))
		return STORE_E_DENOM;
	errno = 0;
	n = strtoll(x + 1, &end, 10);
	if (errno != 0 || *end != '\0' || x[1] == '\0' || n < 0 ||
	    n > 10000000)
		return EINVAL;
	dc->rupiah = sen / 100;
	dc->pieces = n;
	return 0;
}

static int
cmp_denom(const void *a, const void *b)
{
	const struct denom_count *x = a, *y = b;

	return (x->rupiah < y->rupiah) - (x->rupiah > y->rupiah);
}

static int
show(struct cmd_ctx *ctx, const char *branch, const char *login)
{
	struct store_txn	*t;
	struct user		 u;
	struct drawer		 dr;
	struct balance		 b;
	char			 a[48], d[16];
	int			 r;

	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	if ((r = user_get(t, branch, login, &u)) == 0 &&
	    (r = drawer_get(t, branch, login, &dr)) == 0 && u.drawer != 0)
		r = account_balance(t, branch, GL_CASH, u.drawer, &b);
	store_abort(t);
	if (r != 0)
		return cmd_store_error(login, r);
	if (u.drawer == 0) {
		cmd_error(_("drawer: %s keeps no cash drawer"), login);
		return EXIT_DATAERR;
	}
	money_format(b.amount, a, sizeof a);
	if (dr.state == DRAWER_OPEN) {
		date_format(dr.opened, d, sizeof d);
		printf(_("drawer of %s: open since %s, cash %s\n"), login, d, a);
	} else
		printf(_("drawer of %s: closed, cash %s\n"), login, a);
	return 0;
}

static int
cmd_drawer_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct denom_count	 dc[DENOM_MAX + 1];
	struct post_req		 q;
	struct user		 u;
	const char		*given = NULL, *login = NULL, *action;
	const char		*approver = NULL;
	char			 branch[BRANCH_MAX + 1], a[48];
	int64_t			 amount = 0;
	int			 ch, r, i, j, n = 0;
	uint64_t		 seq;

	while ((ch = getopt(argc, argv, cmd_drawer_entry.args)) != -1) {
		switch (ch) {
		case 'A':
			approver = optarg;
			break;
		case 'b':
			given = optarg;
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
	action = argv[0];
	if ((r = cli_branch(ctx, given, branch, sizeof branch)) != 0)
		return r;
	if (strcmp(action, "show") == 0) {
		if (login == NULL || argc != 1)
			return cmd_usage(ctx->entry);
		return show(ctx, branch, login);
	}
	if (strcmp(action, "open") == 0 || strcmp(action, "in") == 0 ||
	    strcmp(action, "out") == 0) {
		if (argc != 2)
			return cmd_usage(ctx->entry);
		if (strcmp(action, "open") == 0 && strcmp(argv[1], "0") == 0)
			amount = 0;
		else if ((r = cli_amount("drawer", argv[1], &amount)) != 0)
			return r;
	} else if (strcmp(action, "close") == 0) {
		memset(dc, 0, sizeof dc);
		for (i = 1; i < argc; i++) {
			if ((r = parse_count(argv[i], &dc[n])) != 0) {
				if (r == STORE_E_DENOM)
					cmd_error("drawer close: %s: %s",
					    argv[i], _(store_strerror(r)));
				else
					cmd_error(_("drawer close: %s: write a "
					    "count as denomination x pieces, "
					    "e.g. 100000x12"), argv[i]);
				return EXIT_DATAERR;
			}
			for (j = 0; j < n; j++) {
				if (dc[j].rupiah == dc[n].rupiah) {
					cmd_error(_("drawer close: %s: that "
					    "denomination was counted "
					    "already"), argv[i]);
					return EXIT_DATAERR;
				}
			}
			if (dc[n].pieces > 0)
				n++;
			else
				memset(&dc[n], 0, sizeof dc[n]);
		}
		qsort(dc, n, sizeof dc[0], cmp_denom);
	} else {
		cmd_error(_("drawer: unknown action: %s"), action);
		return cmd_usage(ctx->entry);
	}

	if ((r = cli_actor(ctx, branch, login, &u)) != 0)
		return r;
	memset(&q, 0, sizeof q);
	q.branch = branch;
	q.user = u.login;
	if (strcmp(action, "open") == 0) {
		q.kind = EK_DRAWER_OPEN;
		if (amount > 0) {
			q.npost = 2;
			q.post[0] = (struct posting){ GL_CASH, u.drawer, amount };
			q.post[1] = (struct posting){ GL_VAULT, 0, -amount };
		}
	} else if (strcmp(action, "in") == 0 || strcmp(action, "out") == 0) {
		if (strcmp(action, "out") == 0)
			amount = -amount;
		q.kind = EK_VAULT_XFER;
		q.npost = 2;
		q.post[0] = (struct posting){ GL_CASH, u.drawer, amount };
		q.post[1] = (struct posting){ GL_VAULT, 0, -amount };
	} else {
		q.kind = EK_DRAWER_CLOSE;
		q.approver = approver;
		q.prepare = drawer_close_prepare;
		q.prepare_arg = dc;
	}
	if ((r = cli_post(ctx, &q, 0, &seq)) != 0)
		return r;
	if (q.kind == EK_DRAWER_CLOSE) {
		struct store_txn	*t;
		struct entry		*e;
		int64_t			 diff = 0;

		if ((e = malloc(sizeof *e)) == NULL)
			return cmd_store_error(NULL, ENOMEM);
		if ((r = store_begin(ctx->st, 1, &t)) == 0) {
			r = journal_get(t, branch, seq, e);
			store_abort(t);
		}
		for (i = 0; r == 0 && i < e->npost; i++) {
			if (e->post[i].gl == GL_OVERSHORT)
				diff = e->post[i].amount;
		}
		free(e);
		if (r != 0)
			return cmd_store_error(NULL, r);
		money_format(diff < 0 ? -diff : diff, a, sizeof a);
		if (diff > 0)
			printf(_("drawer of %s closed %s short\n"), u.login, a);
		else if (diff < 0)
			printf(_("drawer of %s closed %s over\n"), u.login, a);
		else
			printf(_("drawer of %s closed, the count agrees\n"),
			    u.login);
		return 0;
	}
	return show(ctx, branch, u.login);
}
