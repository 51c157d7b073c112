/*
 * cli/cmd-member.c: loket member, to register, show, find and let go of
 * members.
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int	cmd_member_exec(struct cmd_ctx *, int, char **);

#define OPT_INCOMPLETE	256
static const struct option member_longopts[] = {
	{ "incomplete", no_argument, NULL, OPT_INCOMPLETE },
	{ NULL, 0, NULL, 0 }
};

const struct cmd_entry cmd_member_entry = {
	.name = "member",
	.args = "A:a:B:b:g:k:n:p:s:u:v:w:x",
	.longopts = member_longopts,
	.minargs = 1,
	.maxargs = 2,
	.usage = "[-x] [-A approver] [-a address] [-B birth-date] [-b branch] "
	    "[-g gender] [-k nik] [-n name] [-p phone] [-s amount] [-u user] "
	    "[-v village] [-w amount] action [argument]\n"
	    "[-b branch] [--incomplete] list\n"
	    "[-b branch] [-p from..to] statement member",
	.summary = N_("register, show, find members; a member's statement; "
	    "a member leaves"),
	.flags = CMD_STORE,
	.exec = cmd_member_exec,
};

struct opts {
	const char	*approver, *address, *birth, *given, *gender, *nik;
	const char	*name, *phone, *sukarela, *user, *village, *wajib;
	int		 deceased, incomplete;
};

static const char *
status_name(uint8_t st)
{
	switch (st) {
	case MEMBER_ACTIVE:
		return _("active");
	case MEMBER_RESIGNED:
		return _("resigned");
	case MEMBER_DECEASED:
		return _("deceased");
	default:
		return "?";
	}
}

static void
line(const char *label, const char *value)
{
	size_t	 w = utf8_width(label);

	printf("%s%*s %s\n", label, w < 20 ? (int)(20 - w) : 0, "", value);
}

static void
line_amount(const char *label, int64_t sen)
{
	char	 a[48];

	money_format(sen, a, sizeof a);
	line(label, a);
}

static int
show(struct cmd_ctx *ctx, const char *branch, uint64_t n)
{
	struct store_txn	*t;
	struct member		 m;
	struct balance		 bp, bw, bs;
	char			 num[32], d[16], s[64];
	int64_t			 arrears;
	int			 months, r;
	struct branch		 b;

	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	if ((r = member_get(t, branch, n, &m)) != 0 ||
	    (r = branch_get(t, branch, &b)) != 0 ||
	    (r = account_balance(t, branch, GL_POKOK, n, &bp)) != 0 ||
	    (r = account_balance(t, branch, GL_WAJIB, n, &bw)) != 0 ||
	    (r = account_balance(t, branch, GL_SUKARELA, n, &bs)) != 0 ||
	    (r = member_wajib_due(t, branch, n, b.date, &months,
	    &arrears)) != 0) {
		store_abort(t);
		return cmd_store_error(NULL, r);
	}
	store_abort(t);
	member_format_number(branch, n, num, sizeof num);
	line(_("Member"), num);
	line(_("Name"), m.name);
	line(_("NIK"), m.nik[0] != '\0' ? m.nik : _("NIK belum ada"));
	if (m.old_no[0] != '\0')
		line(_("Old number"), m.old_no);
	line(_("Gender"), m.gender == 'P' ? _("female") : _("male"));
	snprintf(d, sizeof d, "%04u-%02u-%02u", m.birth / 10000,
	    m.birth / 100 % 100, m.birth % 100);
	line(_("Born"), d);
	line(_("Address"), m.address);
	line(_("Village"), m.village);
	line(_("Phone"), m.phone[0] ? m.phone : "-");
	date_format(m.joined, d, sizeof d);
	line(_("Joined"), d);
	line(_("Status"), status_name(m.status));
	if (m.status != MEMBER_ACTIVE) {
		date_format(m.left, d, sizeof d);
		line(_("Left"), d);
	}
	line_amount(_("Simpanan pokok"), -bp.amount);
	line_amount(_("Simpanan wajib"), -bw.amount);
	line_amount(_("Simpanan sukarela"), -bs.amount);
	money_format(arrears, d, sizeof d);
	snprintf(s, sizeof s, _("%d months (%s)"), months, d);
	line(_("Wajib in arrears"), s);
	if (months > 0) {
		/* Payments fill the oldest months first: the last ones wait. */
		int	 y, mo, dd, k, ym;
		size_t	 at = 0;

		date_to_ymd(b.date, &y, &mo, &dd);
		s[0] = '\0';
		for (k = months - 1; k >= 0 && at + 9 < sizeof s; k--) {
			ym = y * 12 + (mo - 1) - k;
			at += snprintf(s + at, sizeof s - at, "%s%04d-%02d",
			    at ? " " : "", ym / 12, ym % 12 + 1);
		}
		line(_("Months unpaid"), s);
	}
	return 0;
}

static int
find(struct cmd_ctx *ctx, const char *branch, const char *query)
{
	struct store_txn	*t;
	struct member		 m;
	struct balance		 bs;
	uint64_t		 found[50];
	size_t			 n, i;
	char			 num[32], a[48];
	int			 r;

	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	r = member_search(t, branch, query, found, 50, &n);
	for (i = 0; r == 0 && i < n; i++) {
		if ((r = member_get(t, branch, found[i], &m)) != 0 ||
		    (r = account_balance(t, branch, GL_SUKARELA, found[i],
		    &bs)) != 0)
			break;
		member_format_number(branch, found[i], num, sizeof num);
		money_format(-bs.amount, a, sizeof a);
		printf("%s  %-30s %-16s %s\n", num, m.name, m.village, a);
	}
	store_abort(t);
	if (r != 0)
		return cmd_store_error(NULL, r);
	if (n == 0) {
		cmd_error(_("member find: nobody matches %s"), query);
		return 1;
	}
	return 0;
}

struct list_arg {
	struct store_txn	*t;
	const char		*branch;
	int			 incomplete;
	size_t			 n;
};

static int
list_one(void *arg, const struct member *m)
{
	struct list_arg	*a = arg;
	char		 num[32];

	if (a->incomplete && m->nik[0] != '\0')
		return 0;
	member_format_number(a->branch, m->number, num, sizeof num);
	printf("%s  %-16s %-30s %-16s %-10s %s\n", num,
	    m->nik[0] != '\0' ? m->nik : "-", m->name,
	    m->village[0] != '\0' ? m->village : "-",
	    m->old_no[0] != '\0' ? m->old_no : "-", status_name(m->status));
	a->n++;
	return 0;
}

/* Every member; --incomplete: those without a NIK (NIK belum ada). */
static int
list(struct cmd_ctx *ctx, const char *branch, const struct opts *o)
{
	struct list_arg	 a;
	int		 r;

	memset(&a, 0, sizeof a);
	a.branch = branch;
	a.incomplete = o->incomplete;
	if ((r = store_begin(ctx->st, 1, &a.t)) != 0)
		return cmd_store_error(NULL, r);
	r = member_list(a.t, branch, list_one, &a);
	store_abort(a.t);
	if (r != 0)
		return cmd_store_error(NULL, r);
	if (a.n == 0 && o->incomplete)
		printf("%s\n", _("Every member has a NIK."));
	return 0;
}

static int
add(struct cmd_ctx *ctx, const char *branch, const struct opts *o)
{
	struct member_req	 q;
	struct post_req		 p;
	struct store_txn	*t;
	struct branch		 b;
	struct user		 u;
	uint64_t		 seq;
	unsigned		 by, bm, bd;
	int			 r;

	if (o->nik == NULL || o->name == NULL || o->gender == NULL ||
	    o->address == NULL || o->village == NULL) {
		cmd_error("%s", _("member add: -k, -n, -g, -a and -v are "
		    "needed"));
		return cmd_usage(ctx->entry);
	}
	memset(&q, 0, sizeof q);
	q.nik = o->nik;
	q.name = o->name;
	q.gender = (o->gender[0] == 'L' || o->gender[0] == 'P') &&
	    o->gender[1] == '\0' ? o->gender[0] : '?';
	q.address = o->address;
	q.village = o->village;
	q.phone = o->phone;
	if (o->birth != NULL && (sscanf(o->birth, "%4u-%2u-%2u", &by, &bm,
	    &bd) != 3 || strlen(o->birth) != 10 || bm < 1 || bm > 12 ||
	    bd < 1 || bd > 31)) {
		cmd_error(_("member add: %s: not a date (YYYY-MM-DD)"),
		    o->birth);
		return EXIT_DATAERR;
	}
	if (o->birth != NULL)
		q.birth = BIRTH_YMD(by, bm, bd);
	if (o->wajib != NULL &&
	    (r = cli_amount("member add -w", o->wajib, &q.wajib)) != 0)
		return r;
	if (o->sukarela != NULL &&
	    (r = cli_amount("member add -s", o->sukarela, &q.sukarela)) != 0)
		return r;
	if (q.gender == '?') {
		cmd_error(_("member add: %s: the gender is L (male) or P "
		    "(female)"), o->gender);
		return EXIT_DATAERR;
	}
	/* Check every field before the teller types a password. */
	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	if ((r = branch_get(t, branch, &b)) == 0)
		r = member_check(t, branch, &q, b.date);
	store_abort(t);
	if (r == STORE_E_NIK) {
		struct nik_info	 ni;
		int		 y, mo, d;

		date_to_ymd(b.date, &y, &mo, &d);
		cmd_error("member add: %s: %s", o->nik,
		    _(nik_strerror(nik_parse(o->nik, y, &ni))));
		return EXIT_DATAERR;
	}
	if (r != 0)
		return cmd_store_error("member add", r);
	if ((r = cli_actor(ctx, branch, o->user, &u)) != 0)
		return r;
	member_join_req(&p, branch, u.login, &q);
	return cli_post(ctx, &p, 1, &seq);
}

static int
leave(struct cmd_ctx *ctx, const char *branch, const struct opts *o,
    const char *who)
{
	struct post_req		 p;
	struct user		 u;
	uint64_t		 n;
	uint8_t			 mv[10], sv[10];
	struct buf		 b1, b2;
	int			 r;

	if ((r = cli_member(ctx, branch, who, &n)) != 0 ||
	    (r = cli_actor(ctx, branch, o->user, &u)) != 0)
		return r;
	memset(&p, 0, sizeof p);
	p.branch = branch;
	p.user = u.login;
	p.approver = o->approver;
	p.kind = EK_MEMBER_LEAVE;
	buf_wrap(&b1, mv, sizeof mv);
	buf_put_varint(&b1, n);
	buf_wrap(&b2, sv, sizeof sv);
	buf_put_varint(&b2, o->deceased ? MEMBER_DECEASED : MEMBER_RESIGNED);
	p.field[0] = (struct field){ F_MEMBER, (uint16_t)b1.len, mv };
	p.field[1] = (struct field){ F_STATUS, (uint16_t)b2.len, sv };
	p.nfield = 2;
	p.prepare = member_leave_prepare;
	return cli_post(ctx, &p, 1, NULL);
}

/*
 * A statement's line, 80 columns wide so that lp prints it as it is:
 * the date, the entry's number (the branch is in the heading), what it
 * was, the account, the signed change and the balance, both in rupiah
 * without "Rp" (the heading says so).
 */
#define STMT_LINE	"%-10s %7s %-20.20s %-12s %13s %13s\n"

/* An amount for the statement's columns: "1.234.500", or "+1.234.500". */
static void
stmt_amount(int64_t v, int sign, char *buf, size_t len)
{
	char	 a[48];

	money_format_plain(v, a, sizeof a);
	snprintf(buf, len, "%s%s", sign && v > 0 ? "+" : "", a);
}

struct stmt_arg {
	const char	*branch;
	int		 n;
	struct {
		uint32_t gl;
		uint64_t sub;
		int64_t	 bal;
	}		 acct[64];
	size_t		 na;
};

static int
stmt_line(void *arg, const struct statement_line *l)
{
	struct stmt_arg	*sa = arg;
	char		 d[16], ent[32], acc[64], b[48], s[48];
	const char	*what;
	size_t		 k;

	for (k = 0; k < sa->na && (sa->acct[k].gl != l->gl ||
	    sa->acct[k].sub != l->sub); k++)
		;
	if (k == sa->na && k < 64) {
		sa->acct[k].gl = l->gl;
		sa->acct[k].sub = l->sub;
		sa->na++;
	}
	if (k < 64)
		sa->acct[k].bal = l->balance;
	date_format(l->date, d, sizeof d);
	account_member_name(l->gl, l->sub, cli_tr, acc, sizeof acc);
	stmt_amount(l->balance, 0, b, sizeof b);
	if (l->opening) {
		printf(STMT_LINE, d, "", _("brought forward"), acc, "", b);
		return 0;
	}
	snprintf(ent, sizeof ent, "%" PRIu64, l->seq);
	what = _(entry_kind_title(l->kind));
	stmt_amount(l->amount, 1, s, sizeof s);
	printf(STMT_LINE, d, ent, what, acc, s, b);
	sa->n++;
	return 0;
}

/*
 * loket member statement MEMBER [-p FROM..TO]: every account of the
 * member (pokok, wajib, sukarela, berjangka, loans), what was brought
 * forward, each movement signed with the balance after it, and what each
 * account holds at the end; plain text, to print as it is.
 */
static int
print_statement(struct cmd_ctx *ctx, const char *branch, uint64_t n,
    const char *range)
{
	struct store_txn	*t;
	struct stmt_arg		 sa;
	struct member		 m;
	struct branch		 b;
	struct statement_line	 l;
	uint32_t		 from = 0, to = UINT32_MAX;
	char			 num[32], d1[16], d2[16], acc[64], a[48];
	size_t			 k;
	int			 r;

	if (range != NULL && cli_range(range, &from, &to) != 0) {
		cmd_error(_("member: -p %s: a period is FROM..TO, dates as "
		    "YYYY-MM-DD, either end may be left out"), range);
		return EXIT_DATAERR;
	}
	memset(&sa, 0, sizeof sa);
	sa.branch = branch;
	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	if ((r = member_get(t, branch, n, &m)) != 0 ||
	    (r = branch_get(t, branch, &b)) != 0) {
		store_abort(t);
		return cmd_store_error(NULL, r);
	}
	if (to == UINT32_MAX || to > b.date)
		to = b.date;
	if (from == 0)
		from = m.joined;
	member_format_number(branch, n, num, sizeof num);
	date_format(from, d1, sizeof d1);
	date_format(to, d2, sizeof d2);
	printf("%s\n", b.name);
	printf(_("Statement of %s %s, %s to %s\n"), num, m.name, d1, d2);
	printf("%s, %s\n\n", m.address, m.village);
	printf(STMT_LINE, _("Date"), _("No."), _("What"), _("Savings/loan"),
	    _("Change (Rp)"), _("Balance (Rp)"));
	r = member_statement(t, branch, n, from, to, stmt_line, &sa);
	store_abort(t);
	if (r != 0)
		return cmd_store_error(NULL, r);
	if (sa.n == 0)
		printf("%s\n", _("No movements in the period."));
	printf("\n%s\n", _("Balances at the end:"));
	for (k = 0; k < sa.na; k++) {
		memset(&l, 0, sizeof l);
		l.gl = sa.acct[k].gl;
		l.sub = sa.acct[k].sub;
		account_member_name(l.gl, l.sub, cli_tr, acc, sizeof acc);
		money_format(sa.acct[k].bal, a, sizeof a);
		printf("  %-20s %15s\n", acc, a);
	}
	return 0;
}

static int
cmd_member_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct opts	 o;
	char		 branch[BRANCH_MAX + 1];
	const char	*action;
	uint64_t	 n;
	int		 ch, r;

	memset(&o, 0, sizeof o);
	while ((ch = getopt_long(argc, argv, cmd_member_entry.args,
	    member_longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_INCOMPLETE: o.incomplete = 1; break;
		case 'A': o.approver = optarg; break;
		case 'a': o.address = optarg; break;
		case 'B': o.birth = optarg; break;
		case 'b': o.given = optarg; break;
		case 'g': o.gender = optarg; break;
		case 'k': o.nik = optarg; break;
		case 'n': o.name = optarg; break;
		case 'p': o.phone = optarg; break;
		case 's': o.sukarela = optarg; break;
		case 'u': o.user = optarg; break;
		case 'v': o.village = optarg; break;
		case 'w': o.wajib = optarg; break;
		case 'x': o.deceased = 1; break;
		default:
			return cmd_usage(ctx->entry);
		}
	}
	argc -= optind;
	argv += optind;
	action = argv[0];
	if ((r = cli_branch(ctx, o.given, branch, sizeof branch)) != 0)
		return r;
	if (strcmp(action, "add") == 0 && argc == 1)
		return add(ctx, branch, &o);
	if (strcmp(action, "list") == 0 && argc == 1)
		return list(ctx, branch, &o);
	if (o.incomplete)
		return cmd_usage(ctx->entry);
	if (argc != 2) {
		cmd_error(_("member: %s: unknown action, or its argument is "
		    "missing"), action);
		return cmd_usage(ctx->entry);
	}
	if (strcmp(action, "show") == 0) {
		if ((r = cli_member(ctx, branch, argv[1], &n)) != 0)
			return r;
		return show(ctx, branch, n);
	}
	if (strcmp(action, "find") == 0)
		return find(ctx, branch, argv[1]);
	if (strcmp(action, "statement") == 0) {
		if ((r = cli_member(ctx, branch, argv[1], &n)) != 0)
			return r;
		/* For a statement, -p is the period, not a phone. */
		return print_statement(ctx, branch, n, o.phone);
	}
	if (strcmp(action, "leave") == 0)
		return leave(ctx, branch, &o, argv[1]);
	cmd_error(_("member: unknown action: %s"), action);
	return cmd_usage(ctx->entry);
}
