/*
 * cli/cmd-loan.c: loket loan, pinjaman: define loan products, take a
 * member's application, approve it (another person), disburse, repay,
 * show a loan, print its schedule, list loans, write one off and record
 * recoveries.  The rules are the store's (store/loan.c); this file reads
 * what was typed and prints what the store says.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int	cmd_loan_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_loan_entry = {
	.name = "loan",
	.args = "aA:b:cF:m:o:P:p:R:r:st:u:",
	.minargs = 1,
	.maxargs = 5,
	.usage = "[-acs] [-A approver] [-b branch] [-F fee] [-m method] "
	    "[-o order] "
	    "[-P provisi] [-p penalty] [-R regime] [-r rate] [-t months] "
	    "[-u user] action [argument ...]",
	.summary = N_("loan products, applications, approval, disbursement, "
	    "repayments, schedules"),
	.flags = CMD_STORE,
	.exec = cmd_loan_exec,
};

struct opts {
	const char	*branch, *fee, *method, *order, *provisi, *penalty;
	const char	*regime, *rate, *term, *user;
	const char	*approver;	/* a manager, for large cash */
	int		 charged, sukarela, prepay;
};

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

/*
 * A method and an order of repayment in the reader's words: the store
 * keeps them as the command's words ("annuity", "penalty,interest,
 * principal"), which are typed as they are but shown translated.
 */
static const char *
method_text(uint8_t m)
{
	switch (m) {
	case LOAN_FLAT:
		return _("flat");
	case LOAN_DECLINING:
		return _("declining");
	case LOAN_ANNUITY:
		return _("annuity");
	default:
		return "?";
	}
}

/* The orders as msgids, for xgettext: the store's words, translated. */
static const char *const order_words[] = {
	N_("penalty,interest,principal"), N_("interest,penalty,principal"),
	N_("interest,principal,penalty"), N_("principal,interest,penalty"),
	N_("penalty,principal,interest"), N_("principal,penalty,interest"),
};

static const char *
order_text(uint8_t o)
{
	size_t	 i;

	for (i = 0; i < sizeof order_words / sizeof order_words[0]; i++)
		if (strcmp(order_words[i], loan_order_name(o)) == 0)
			return _(order_words[i]);
	return loan_order_name(o);
}

static const char *
rate_text(uint32_t bp, char *buf, size_t len)
{
	snprintf(buf, len, "%" PRIu32 ".%02" PRIu32 "%%", bp / 100, bp % 100);
	return buf;
}

/* A loan as typed: its number, "12", or its account, "1201.12". */
static int
loan_number(const char *s, uint64_t *n)
{
	uint32_t		 gl;
	char			*end;
	unsigned long long	 v;

	if (strchr(s, '.') != NULL)
		return account_parse_code(s, &gl, n) != 0 || gl != GL_LOANS ?
		    EXIT_DATAERR : 0;
	if (*s < '0' || *s > '9')
		return EXIT_DATAERR;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v == 0)
		return EXIT_DATAERR;
	*n = v;
	return 0;
}

/* The loan named by s, which must exist: prints why not. */
static int
get_loan(struct cmd_ctx *ctx, const char *branch, const char *s,
    struct loan *l)
{
	struct store_txn	*t;
	uint64_t		 n;
	int			 r;

	if (loan_number(s, &n) != 0) {
		cmd_error(_("loan: %s: not a loan number (write 12 or "
		    "1201.12)"), s);
		return EXIT_DATAERR;
	}
	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	r = loan_get(t, branch, n, l);
	store_abort(t);
	if (r == STORE_E_LOAN) {
		cmd_error(_("loan: %s: no such loan"), s);
		return EXIT_DATAERR;
	}
	return r != 0 ? cmd_store_error(NULL, r) : 0;
}

/* A basis-point figure typed for an option, 0..max. */
static int
bp_opt(const char *s, char opt, uint32_t max, uint32_t *v)
{
	char		*end;
	unsigned long	 x;

	if (s == NULL)
		return 0;
	errno = 0;
	x = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || end == s || *s == '-' || x > max) {
		cmd_error(_("loan: -%c %s: a whole number from 0 to %u"),
		    opt, s, (unsigned)max);
		return EXIT_DATAERR;
	}
	*v = x;
	return 0;
}

static int
print_product(void *arg, const struct loan_product *p)
{
	char	 r1[16], r2[16], r3[16], r4[16];

	(void)arg;
	printf("%-8s %-9s %6s %3" PRIu32 " %s  %s %s %s %s %s  %s %s  %s  %s"
	    "  %s  %s\n", p->code, method_text(p->method),
	    rate_text(p->rate_bp, r1, sizeof r1), p->max_term, _("months"),
	    _("admin"), rate_text(p->fee_bp, r2, sizeof r2), _("provisi"),
	    rate_text(p->provisi_bp, r3, sizeof r3),
	    (p->flags & LOANP_F_CHARGED) ? _("charged") : _("deducted"),
	    _("penalty"), rate_text(p->penalty_bp, r4, sizeof r4),
	    order_text(p->order), loan_regime_name(p->regime),
	    (p->flags & LOANP_F_PREPAY) ? _("early: prepays") :
	    _("early: in advance"), p->name);
	return 0;
}

/* loan product [code name]: list them, or define or change one. */
static int
product(struct cmd_ctx *ctx, const char *branch, const struct opts *o,
    int argc, char **argv)
{
	struct loan_product	 p;
	struct store_txn	*t;
	struct post_req		 q;
	struct user		 u;
	uint32_t		 v;
	int			 r;

	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	if (argc == 1) {
		r = loan_product_list(t, branch, print_product, NULL);
		store_abort(t);
		return r != 0 ? cmd_store_error(NULL, r) : 0;
	}
	if (argc != 3) {
		store_abort(t);
		return cmd_usage(ctx->entry);
	}
	if (!loan_product_valid_code(argv[1])) {
		store_abort(t);
		cmd_error(_("loan: %s: a product code is 1 to 8 capital "
		    "letters and digits"), argv[1]);
		return EXIT_DATAERR;
	}
	/* A product being changed keeps what is not given again. */
	if ((r = loan_product_get(t, branch, argv[1], &p)) == STORE_E_PRODUCT)
		r = loan_product_defaults(t, branch, &p);
	store_abort(t);
	if (r != 0)
		return cmd_store_error(NULL, r);
	snprintf(p.code, sizeof p.code, "%s", argv[1]);
	snprintf(p.name, sizeof p.name, "%s", argv[2]);
	if (o->method != NULL && loan_method_parse(o->method,
	    &p.method) != 0) {
		cmd_error(_("loan: -m %s: the method is flat, declining or "
		    "annuity"), o->method);
		return EXIT_DATAERR;
	}
	if (o->order != NULL && loan_order_parse(o->order, &p.order) != 0) {
		cmd_error(_("loan: -o %s: the order is penalty, interest and "
		    "principal, in some order, with commas"), o->order);
		return EXIT_DATAERR;
	}
	if (o->regime != NULL && loan_regime_parse(o->regime,
	    &p.regime) != 0) {
		cmd_error(_("loan: -R %s: the regime is ojk or coop"),
		    o->regime);
		return EXIT_DATAERR;
	}
	if ((r = bp_opt(o->rate, 'r', LOAN_RATE_MAX, &p.rate_bp)) != 0 ||
	    (r = bp_opt(o->fee, 'F', 5000, &p.fee_bp)) != 0 ||
	    (r = bp_opt(o->provisi, 'P', 5000, &p.provisi_bp)) != 0 ||
	    (r = bp_opt(o->penalty, 'p', 1000, &p.penalty_bp)) != 0)
		return r;
	if (o->term != NULL) {
		if ((r = bp_opt(o->term, 't', LOAN_TERM_MAX, &v)) != 0)
			return r;
		p.max_term = v;
	}
	if (o->charged)
		p.flags |= LOANP_F_CHARGED;
	if (o->prepay)
		p.flags |= LOANP_F_PREPAY;
	if ((r = cli_actor(ctx, branch, o->user, &u)) != 0)
		return r;
	loan_product_req(&q, branch, u.login, &p);
	if ((r = cli_post(ctx, &q, 0, NULL)) != 0)
		return r;
	print_product(NULL, &p);
	return 0;
}

static int
apply(struct cmd_ctx *ctx, const char *branch, const struct opts *o,
    int argc, char **argv)
{
	struct loan_apply_req	 a;
	struct post_req		 q;
	struct user		 u;
	char			*end, code[32];
	unsigned long		 v;
	int			 r;

	if (argc != 5)
		return cmd_usage(ctx->entry);
	memset(&a, 0, sizeof a);
	if ((r = cli_member(ctx, branch, argv[1], &a.member)) != 0)
		return r;
	a.product = argv[2];
	if ((r = cli_amount("loan", argv[3], &a.principal)) != 0)
		return r;
	errno = 0;
	v = strtoul(argv[4], &end, 10);
	if (errno != 0 || *end != '\0' || v < 1 || v > LOAN_TERM_MAX ||
	    *argv[4] == '-') {
		cmd_error(_("loan: %s: the term is a number of months"),
		    argv[4]);
		return EXIT_DATAERR;
	}
	a.term = v;
	if ((r = cli_actor(ctx, branch, o->user, &u)) != 0)
		return r;
	loan_apply_req(&q, branch, u.login, &a);
	if ((r = cli_post(ctx, &q, 0, NULL)) != 0)
		return r;
	account_format_code(GL_LOANS, a.number, code, sizeof code);
	printf(_("loan %s: applied for, waiting for approval\n"), code);
	return 0;
}

/* After a money entry's receipt: where the loan stands now. */
static void
after(struct cmd_ctx *ctx, const char *branch, uint64_t n)
{
	struct store_txn	*t;
	struct loan		 l;
	char			 code[32], a[48];

	if (store_begin(ctx->st, 1, &t) != 0)
		return;
	if (loan_get(t, branch, n, &l) == 0) {
		account_format_code(GL_LOANS, n, code, sizeof code);
		money_format(l.outstanding, a, sizeof a);
		printf(_("loan %s: %s, outstanding %s\n"), code,
		    _(loan_state_name(l.state)), a);
	}
	store_abort(t);
}

static int
show(struct cmd_ctx *ctx, const char *branch, const struct loan *l)
{
	struct store_txn	*t;
	struct loan_status	 s;
	struct member		 m;
	struct branch		 b;
	char			 v[256], num[32], d[16], r1[16], a1[48];
	char			 a2[48], a3[48];
	int64_t			 cash_due;
	int			 r;

	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	if ((r = branch_get(t, branch, &b)) != 0 ||
	    (r = member_get(t, branch, l->member, &m)) != 0 ||
	    (r = loan_status(t, branch, l->number, b.date, &s)) != 0) {
		store_abort(t);
		return cmd_store_error(NULL, r);
	}
	/* What the counter asks in cash: due now (or the next instalment),
	 * rounded up to the cash unit; paying it settles that much. */
	cash_due = loan_cash_payoff(t, branch, loan_due_now(&s));
	store_abort(t);
	account_format_code(GL_LOANS, l->number, num, sizeof num);
	line(_("Loan"), num);
	member_format_number(branch, l->member, num, sizeof num);
	snprintf(v, sizeof v, "%s %s", num, m.name);
	line(_("Member"), v);
	snprintf(v, sizeof v, "%s, %s, %s %s", l->product,
	    method_text(l->method), rate_text(l->rate_bp, r1,
	    sizeof r1), _("a month"));
	line(_("Product"), v);
	line(_("State"), _(loan_state_name(l->state)));
	line_amount(_("Principal"), l->principal);
	snprintf(v, sizeof v, "%" PRIu32 " %s", l->term, _("months"));
	line(_("Term"), v);
	date_format(l->applied, d, sizeof d);
	snprintf(v, sizeof v, "%s %s %s", d, _("by"), l->applicant);
	line(_("Applied"), v);
	if (l->approved != 0) {
		date_format(l->approved, d, sizeof d);
		snprintf(v, sizeof v, "%s %s %s", d, _("by"), l->approver);
		line(_("Approved"), v);
	}
	if (l->disbursed == 0)
		return 0;
	date_format(l->disbursed, d, sizeof d);
	line(_("Disbursed"), d);
	line_amount(_("Fees"), l->fees);
	line_amount(_("Outstanding"), l->outstanding);
	if (l->state == LOAN_ACTIVE) {
		line_amount(_("Interest due"), s.interest_due);
		line_amount(_("Principal due"), s.principal_due);
		line_amount(_("Penalty"), s.penalty);
		snprintf(v, sizeof v, "%" PRIu32, s.dpd);
		line(_("Days past due"), v);
		line(_("Collectability"), _(loan_class_name(s.klass)));
		line_amount(_("Provision"), s.provision);
		line_amount(_("Payoff"), s.payoff);
		line_amount(_("To pay in cash"), cash_due);
		if (s.next_due != 0) {
			date_format(s.next_due, d, sizeof d);
			money_format(s.next_amount, a1, sizeof a1);
			snprintf(v, sizeof v, "%s %s", d, a1);
			line(_("Next instalment"), v);
		}
	}
	money_format(l->paid_principal, a1, sizeof a1);
	money_format(l->paid_interest, a2, sizeof a2);
	money_format(l->paid_penalty, a3, sizeof a3);
	line(_("Principal paid"), a1);
	line(_("Interest paid"), a2);
	line(_("Penalty paid"), a3);
	if (l->ended != 0) {
		date_format(l->ended, d, sizeof d);
		line(l->state == LOAN_CLOSED ? _("Closed") : _("Written off"),
		    d);
	}
	if (l->state == LOAN_WRITTEN_OFF) {
		line_amount(_("Amount written off"), l->written_off);
		line_amount(_("Recovered"), l->recovered);
	}
	return 0;
}

/*
 * A payment in advance or a prepayment, as a line of the schedule: the
 * prepayment's principal counts in the principal column (so that the
 * total is the loan), the payment in advance is in the paid column of
 * its instalment already and is told here.
 */
static void
schedule_payline(const struct loan_payline *p)
{
	char	 d[16], a1[48], a2[48];

	date_format(p->date, d, sizeof d);
	if (p->advance > 0) {
		money_format(p->advance, a1, sizeof a1);
		snprintf(a2, sizeof a2, _("in advance, #%" PRIu32),
		    p->instalment);
		printf("%3s  %-11s %14s  %-30s  %14s\n", "", d, "", a2, a1);
	}
	if (p->prepay > 0) {
		money_format(p->prepay, a1, sizeof a1);
		printf("%3s  %-11s %14s  %-30s  %14s\n", "", d, a1,
		    _("prepayment"), a1);
	}
}

static int
schedule(struct cmd_ctx *ctx, const char *branch, const struct loan *l)
{
	struct store_txn	*t;
	struct instalment	*x;
	struct loan_payline	*pl = NULL;
	char			 d[16], a1[48], a2[48], a3[48], a4[48];
	int64_t			 tp = 0, ti = 0;
	size_t			 n, k, np = 0, i = 0;
	int			 r;

	if ((x = calloc(LOAN_TERM_MAX, sizeof *x)) == NULL)
		return cmd_store_error(NULL, ENOMEM);
	if ((r = store_begin(ctx->st, 1, &t)) == 0) {
		r = loan_schedule(t, branch, l->number, x, LOAN_TERM_MAX, &n);
		if (r == 0 && (r = loan_paylines(t, branch, l->number, NULL, 0,
		    &np)) == 0 && np > 0) {
			if ((pl = calloc(np, sizeof *pl)) == NULL)
				r = ENOMEM;
			else
				r = loan_paylines(t, branch, l->number, pl, np,
				    &np);
		}
		store_abort(t);
	}
	if (r != 0) {
		free(pl);
		free(x);
		return cmd_store_error(NULL, r);
	}
	if (l->disbursed == 0)
		printf("%s\n", _("(not disbursed yet: as if disbursed today)"));
	printf("%3s  %-11s %14s  %14s  %14s  %14s\n", "#", _("due"),
	    _("principal"), _("loan interest"), _("instalment"), _("paid"));
	for (k = 0; k < n; k++) {
		for (; i < np && pl[i].date < x[k].due; i++) {
			schedule_payline(&pl[i]);
			tp += pl[i].prepay;
		}
		date_format(x[k].due, d, sizeof d);
		money_format(x[k].principal, a1, sizeof a1);
		money_format(x[k].interest, a2, sizeof a2);
		money_format(x[k].principal + x[k].interest, a3, sizeof a3);
		money_format(x[k].principal_paid + x[k].interest_paid, a4,
		    sizeof a4);
		printf("%3zu  %-11s %14s  %14s  %14s  %14s\n", k + 1, d, a1,
		    a2, a3, a4);
		tp += x[k].principal;
		ti += x[k].interest;
	}
	for (; i < np; i++) {
		schedule_payline(&pl[i]);
		tp += pl[i].prepay;
	}
	money_format(tp, a1, sizeof a1);
	money_format(ti, a2, sizeof a2);
	money_format(tp + ti, a3, sizeof a3);
	printf("%3s  %-11s %14s  %14s  %14s\n", "", _("total"), a1, a2, a3);
	free(pl);
	free(x);
	return 0;
}

struct list_arg {
	struct store_txn	*t;
	const char		*branch;
	uint32_t		 date;
	int			 r;
};

/* The widest state's name in the user's language ("dihapusbukukan"). */
static int
state_width(void)
{
	static int	 w = -1;
	int		 s, n;

	if (w >= 0)
		return w;
	for (w = 0, s = LOAN_APPLIED; s <= LOAN_WRITTEN_OFF; s++)
		if ((n = (int)utf8_width(_(loan_state_name(s)))) > w)
			w = n;
	return w;
}

static int
list_one(void *arg, const struct loan *l)
{
	struct list_arg		*la = arg;
	struct loan_status	 s;
	char			 code[32], num[32], a1[48], a2[48];
	int			 r;

	if ((r = loan_status(la->t, la->branch, l->number, la->date,
	    &s)) != 0)
		return la->r = r;
	account_format_code(GL_LOANS, l->number, code, sizeof code);
	member_format_number(la->branch, l->member, num, sizeof num);
	money_format(l->principal, a1, sizeof a1);
	money_format(l->outstanding, a2, sizeof a2);
	printf("%-10s %-12s %-8s %-*s %15s %15s", code, num, l->product,
	    state_width(), _(loan_state_name(l->state)), a1, a2);
	if (l->state == LOAN_ACTIVE)
		printf(" %4" PRIu32 " %s", s.dpd, _(loan_class_name(s.klass)));
	printf("\n");
	return 0;
}

static int
list(struct cmd_ctx *ctx, const char *branch, int argc, char **argv)
{
	struct list_arg	 la;
	struct branch	 b;
	uint64_t	 member = 0;
	int		 r;

	if (argc > 2)
		return cmd_usage(ctx->entry);
	if (argc == 2 && (r = cli_member(ctx, branch, argv[1], &member)) != 0)
		return r;
	memset(&la, 0, sizeof la);
	la.branch = branch;
	if ((r = store_begin(ctx->st, 1, &la.t)) != 0)
		return cmd_store_error(NULL, r);
	if ((r = branch_get(la.t, branch, &b)) == 0) {
		la.date = b.date;
		r = loan_list(la.t, branch, member, list_one, &la);
	}
	store_abort(la.t);
	return r != 0 ? cmd_store_error(NULL, r) : 0;
}

/*
 * More than the payoff is refused, and says how much settles the loan
 * (the excess is not kept anywhere: the teller takes the payoff).
 */
static int
over_payoff(struct cmd_ctx *ctx, const char *branch, const struct loan *l,
    int64_t amount, int sukarela)
{
	struct store_txn	*t;
	struct loan_status	 s;
	struct branch		 b;
	char			 code[32], a1[48], a2[48], a3[48];
	int64_t			 cash;
	int			 r;

	if (l->state != LOAN_ACTIVE)
		return 0;
	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error(NULL, r);
	if ((r = branch_get(t, branch, &b)) == 0)
		r = loan_status(t, branch, l->number, b.date, &s);
	cash = loan_cash_payoff(t, branch, s.payoff);
	store_abort(t);
	if (r != 0)
		return cmd_store_error(NULL, r);
	if (amount <= s.payoff || (!sukarela && amount == cash))
		return 0;
	account_format_code(GL_LOANS, l->number, code, sizeof code);
	money_format(amount, a1, sizeof a1);
	money_format(s.payoff, a2, sizeof a2);
	money_format(cash, a3, sizeof a3);
	if (cash != s.payoff)
		cmd_error(_("loan: %s is more than the payoff: %s settles loan "
		    "%s today (%s in cash)"), a1, a2, code, a3);
	else
		cmd_error(_("loan: %s is more than the payoff: %s settles loan "
		    "%s today"), a1, a2, code);
	return EXIT_DATAERR;
}

static int
cmd_loan_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct opts		 o;
	struct loan		 l;
	struct loan_pay_req	 pr;
	struct post_req		 q;
	struct user		 u;
	const char		*action;
	char			 branch[BRANCH_MAX + 1], code[32];
	int			 ch, r, money = 0;

	memset(&o, 0, sizeof o);
	while ((ch = getopt(argc, argv, cmd_loan_entry.args)) != -1) {
		switch (ch) {
		case 'A':
			o.approver = optarg;
			break;
		case 'a':
			o.prepay = 1;
			break;
		case 'b':
			o.branch = optarg;
			break;
		case 'c':
			o.charged = 1;
			break;
		case 'F':
			o.fee = optarg;
			break;
		case 'm':
			o.method = optarg;
			break;
		case 'o':
			o.order = optarg;
			break;
		case 'P':
			o.provisi = optarg;
			break;
		case 'p':
			o.penalty = optarg;
			break;
		case 'R':
			o.regime = optarg;
			break;
		case 'r':
			o.rate = optarg;
			break;
		case 's':
			o.sukarela = 1;
			break;
		case 't':
			o.term = optarg;
			break;
		case 'u':
			o.user = optarg;
			break;
		default:
			return cmd_usage(ctx->entry);
		}
	}
	argc -= optind;
	argv += optind;
	action = argv[0];
	if ((r = cli_branch(ctx, o.branch, branch, sizeof branch)) != 0)
		return r;
	if (strcmp(action, "product") == 0)
		return product(ctx, branch, &o, argc, argv);
	if (strcmp(action, "apply") == 0)
		return apply(ctx, branch, &o, argc, argv);
	if (strcmp(action, "list") == 0)
		return list(ctx, branch, argc, argv);

	/* The rest name one loan, and some an amount. */
	if (strcmp(action, "repay") == 0 || strcmp(action, "recover") == 0)
		money = 1;
	if (argc != 2 + money || (strcmp(action, "show") != 0 &&
	    strcmp(action, "schedule") != 0 && strcmp(action, "approve") != 0 &&
	    strcmp(action, "disburse") != 0 && strcmp(action, "writeoff") != 0 &&
	    !money)) {
		cmd_error(_("loan: %s: unknown action, or wrong arguments"),
		    action);
		return cmd_usage(ctx->entry);
	}
	if ((r = get_loan(ctx, branch, argv[1], &l)) != 0)
		return r;
	if (strcmp(action, "show") == 0)
		return show(ctx, branch, &l);
	if (strcmp(action, "schedule") == 0)
		return schedule(ctx, branch, &l);
	memset(&pr, 0, sizeof pr);
	pr.loan = l.number;
	pr.from_sukarela = o.sukarela;
	/* "payoff" (or "lunas"): all that is owed on the day. */
	if (money && !(strcmp(action, "repay") == 0 &&
	    (strcmp(argv[2], "payoff") == 0 || strcmp(argv[2], "lunas") == 0)) &&
	    (r = cli_amount("loan", argv[2], &pr.amount)) != 0)
		return r;
	if ((r = cli_actor(ctx, branch, o.user, &u)) != 0)
		return r;
	account_format_code(GL_LOANS, l.number, code, sizeof code);
	if (strcmp(action, "approve") == 0) {
		loan_approve_req(&q, branch, u.login, &l.number);
		if ((r = cli_post(ctx, &q, 0, NULL)) != 0)
			return r;
		printf(_("loan %s: approved by %s\n"), code, u.login);
		return 0;
	}
	if (strcmp(action, "writeoff") == 0) {
		loan_writeoff_req(&q, branch, u.login, &l.number);
		if ((r = cli_post(ctx, &q, 0, NULL)) != 0)
			return r;
		after(ctx, branch, l.number);
		return 0;
	}
	if (strcmp(action, "repay") == 0 && pr.amount > 0 &&
	    (r = over_payoff(ctx, branch, &l, pr.amount, o.sukarela)) != 0)
		return r;
	if (strcmp(action, "disburse") == 0)
		loan_disburse_req(&q, branch, u.login, &pr);
	else if (strcmp(action, "repay") == 0)
		loan_repay_req(&q, branch, u.login, &pr);
	else
		loan_recover_req(&q, branch, u.login, &pr);
	q.approver = o.approver;
	if ((r = cli_post(ctx, &q, 1, NULL)) != 0)
		return r;
	after(ctx, branch, l.number);
	return 0;
}
