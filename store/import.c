/*
 * store/import.c: a cooperative's old books brought in (loket import).
 * Four kinds, posted by a manager or an admin on the cutover date, the
 * branch's business date, each against GL_OPENING (saldo awal):
 *
 *	import-opening	balance-sheet lines of GL accounts (not the detail
 *			below); a difference a manager accepted goes to a
 *			suspense account, never to equity
 *	import-member	a member with their number in the old books, their
 *			pokok, wajib and sukarela, and their wajib arrears
 *	import-term	a berjangka deposit still running
 *	import-loan	a loan where the old books left off: its terms, the
 *			next instalment, arrears and penalty outstanding,
 *			and how much of its arrears of interest the old
 *			books accrued (the 1202 line): repayments clear
 *			that from 1202, never as income again
 *
 * loket import posts them in one transaction with the close of that
 * day.  The first import entry records its date and number (counters
 * "import.date" and "import.seq"); import entries on any other day are
 * refused, so a branch is imported once.
 *
 * An imported loan gets loket's own schedule of its original terms
 * (store/loan-calc.c), paid as far as the old books say, and from then
 * on is a loan like any other (store/loan.c): it ages, charges penalty
 * and takes repayments.  The remaining principal may differ from that
 * schedule by up to one instalment (old books round differently): the
 * last instalments take the difference.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

#define IMPORT_ROLES	(ROLE_MANAGER | ROLE_ADMIN)
#define IMPORT_PRODUCT	"IMPORT"	/* the product code of imported loans */
#define ARREARS_MAX	1200		/* months of wajib: a hundred years */

/* A branch takes one import, on the day of its first import entry. */
static int
import_once(struct store_txn *t, const struct entry *e)
{
	uint64_t	 d;
	int		 r;

	if ((r = counter_get(t, e->branch, "import.date", &d)) != 0)
		return r;
	if (d != 0)
		return d == e->date ? 0 : STORE_E_EXISTS;
	if ((r = counter_put(t, e->branch, "import.date", e->date)) != 0)
		return r;
	return counter_put(t, e->branch, "import.seq", e->seq);
}

/* The first entry of the branch's import, or *seq 0: never imported. */
int
import_first(struct store_txn *t, const char *branch, uint64_t *seq)
{
	return counter_get(t, branch, "import.seq", seq);
}

static int
need_u64(const struct entry *e, uint16_t tag, uint64_t *v)
{
	int	 r;

	if ((r = entry_get_u64(e, tag, v)) != 0)
		return r == STORE_E_NOTFOUND ? STORE_E_INVAL : r;
	return 0;
}

static int
opt_u64(const struct entry *e, uint16_t tag, uint64_t *v)
{
	int	 r;

	*v = 0;
	r = entry_get_u64(e, tag, v);
	return r == STORE_E_NOTFOUND ? 0 : r;
}

static int
opt_i64(const struct entry *e, uint16_t tag, int64_t *v)
{
	int	 r;

	*v = 0;
	r = entry_get_i64(e, tag, v);
	return r == STORE_E_NOTFOUND ? 0 : r;
}

static int
opt_str(const struct entry *e, uint16_t tag, char *dst, size_t size)
{
	int	 r;

	dst[0] = '\0';
	r = entry_get_str(e, tag, dst, size);
	return r == STORE_E_NOTFOUND ? 0 : r;
}

/* -- the balance sheet ---------------------------------------------------- */

/*
 * Lines of GL accounts themselves: the members' and loans' accounts come
 * with their own kinds (a control account takes no posting anyway).  A
 * suspense posting needs the entry to say a difference was accepted,
 * and a manager to post it.
 */
static int
opening_apply(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	uint64_t	 day, forced;
	int		 suspense = 0, r;
	uint16_t	 i;

	if ((r = need_u64(e, F_DATE, &day)) != 0 ||
	    (r = opt_u64(e, F_FORCED, &forced)) != 0)
		return r;
	if (day != e->date || forced > 1)
		return STORE_E_INVAL;
	for (i = 0; i < e->npost; i++) {
		if (e->post[i].sub != 0)
			return STORE_E_ACCOUNT;
		if (e->post[i].gl == GL_SUSPENSE_DR ||
		    e->post[i].gl == GL_SUSPENSE_CR)
			suspense = 1;
	}
	if (suspense != (int)forced)
		return STORE_E_INVAL;
	if (suspense && !(c->by.role & ROLE_MANAGER))
		return STORE_E_ROLE;
	return import_once(t, e);
}

/* -- members -------------------------------------------------------------- */

static int
member_apply(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	struct member		 m;
	struct nik_info		 ni;
	const struct field	*f;
	uint64_t		 n, count, birth, joined, status, arrears;
	int64_t			 amt[3] = { 0, 0, 0 }, wajib;
	static const uint32_t	 gls[3] = { GL_POKOK, GL_WAJIB, GL_SUKARELA };
	int			 y, mo, d, by, bm, bd, r, opening = 0, j;
	uint16_t		 i;

	(void)c;
	if ((r = import_once(t, e)) != 0)
		return r;
	memset(&m, 0, sizeof m);
	str_copy(m.branch, e->branch, sizeof m.branch);
	if ((r = need_u64(e, F_MEMBER, &n)) != 0 ||
	    (r = need_u64(e, F_DATE, &joined)) != 0 ||
	    (r = need_u64(e, F_STATUS, &status)) != 0 ||
	    (r = opt_u64(e, F_BIRTH, &birth)) != 0 ||
	    (r = opt_u64(e, F_ARREARS, &arrears)) != 0 ||
	    (r = entry_get_str(e, F_OLDNO, m.old_no, sizeof m.old_no)) != 0 ||
	    (r = entry_get_str(e, F_NAME, m.name, sizeof m.name)) != 0 ||
	    (r = opt_str(e, F_NIK, m.nik, sizeof m.nik)) != 0 ||
	    (r = opt_str(e, F_ADDRESS, m.address, sizeof m.address)) != 0 ||
	    (r = opt_str(e, F_VILLAGE, m.village, sizeof m.village)) != 0 ||
	    (r = opt_str(e, F_PHONE, m.phone, sizeof m.phone)) != 0)
		return r == STORE_E_NOTFOUND ? STORE_E_INVAL : r;
	if ((r = counter_get(t, e->branch, "member", &count)) != 0)
		return r;
	if (n != count + 1)
		return STORE_E_SEQUENCE;
	if (m.old_no[0] == '\0' || !member_text_ok(m.old_no, MEMBER_OLDNO_MAX))
		return STORE_E_INVAL;
	if (!text_valid_name(m.name))
		return STORE_E_NAME;
	if ((f = entry_field(e, F_GENDER)) == NULL || f->len != 1 ||
	    (f->val[0] != 'L' && f->val[0] != 'P'))
		return STORE_E_GENDER;
	m.gender = f->val[0];

	/* Born before the cutover; the NIK, when there is one, agrees. */
	date_to_ymd(e->date, &y, &mo, &d);
	if (birth != 0) {
		by = birth / 10000;
		bm = birth / 100 % 100;
		bd = birth % 100;
		/* date_valid() starts at 1970; leap years repeat in 400. */
		if (by < 1800 || !date_valid(by < 1970 ? by + 400 : by, bm,
		    bd) ||
		    birth > BIRTH_YMD(y, mo, d))
			return STORE_E_BIRTH;
	}
	if (m.nik[0] != '\0') {
		if (nik_parse(m.nik, y, &ni) != 0)
			return STORE_E_NIK;
		if ((m.gender == 'P') != (ni.female != 0))
			return STORE_E_GENDER;
		/* The NIK has two digits of the year: the books have four. */
		if (birth != 0 && (birth % 10000 != (uint64_t)(ni.month *
		    100 + ni.day) || birth / 10000 % 100 !=
		    (uint64_t)ni.year % 100))
			return STORE_E_BIRTH;
		if (birth == 0)
			birth = BIRTH_YMD(ni.year, ni.month, ni.day);
	}
	/* Old books often lack an address: what there is must be text. */
	if (!member_text_ok(m.address, ADDRESS_MAX) ||
	    (m.village[0] != '\0' && !text_valid_name(m.village)))
		return STORE_E_NAME;
	if (!member_phone_ok(m.phone))
		return STORE_E_PHONE;
	if (joined > e->date || status < MEMBER_ACTIVE ||
	    status > MEMBER_DECEASED || arrears > ARREARS_MAX)
		return STORE_E_INVAL;

	/* Credits to the member's three accounts, against saldo awal. */
	for (i = 0; i < e->npost; i++) {
		const struct posting *p = &e->post[i];

		if (p->gl == GL_OPENING && p->sub == 0 && p->amount > 0 &&
		    !opening++)
			continue;
		for (j = 0; j < 3 && gls[j] != p->gl; j++)
			;
		if (j == 3 || p->sub != n || p->amount >= 0 || amt[j] != 0)
			return STORE_E_INVAL;
		amt[j] = -p->amount;
	}

	wajib = savings_setting(t, e->branch, "savings.wajib");
	m.number = n;
	m.birth = birth;
	m.joined = joined;
	m.status = status;
	m.left = status == MEMBER_ACTIVE ? 0 : e->date;
	m.wajib_from = e->date;
	m.wajib_paid = amt[1];
	m.wajib_owed = (int64_t)arrears * (wajib > 0 ? wajib : 0);
	return member_add(t, &m);
}

/* -- berjangka ------------------------------------------------------------ */

static int
term_apply(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	const struct posting	*dep = NULL;
	struct member		 m;
	struct term		 tm;
	uint64_t		 n, sub, months, rate, opened;
	uint16_t		 i, k;
	int			 r, opening = 0;

	(void)c;
	if ((r = import_once(t, e)) != 0)
		return r;
	if ((r = need_u64(e, F_MEMBER, &n)) != 0 ||
	    (r = need_u64(e, F_SUB, &sub)) != 0 ||
	    (r = need_u64(e, F_TERM, &months)) != 0 ||
	    (r = need_u64(e, F_RATE, &rate)) != 0 ||
	    (r = need_u64(e, F_DATE, &opened)) != 0)
		return r;
	if ((r = member_get(t, e->branch, n, &m)) != 0)
		return r;
	if (sub != n * 100 + m.nterm + 1)
		return STORE_E_INVAL;
	if (months < 1 || months > 60 || rate > 5000 || opened > e->date ||
	    date_add_months(opened, (int)months) <= e->date)
		return STORE_E_TERM;
	for (i = 0; i < e->npost; i++) {
		const struct posting *p = &e->post[i];

		if (p->gl == GL_OPENING && p->sub == 0 && p->amount > 0 &&
		    !opening++)
			continue;
		if (p->gl != GL_BERJANGKA || p->sub != sub || p->amount >= 0 ||
		    dep != NULL)
			return STORE_E_INVAL;
		dep = p;
	}
	if (dep == NULL)
		return STORE_E_INVAL;
	if ((r = member_next_term(t, e->branch, n, &k)) != 0 ||
	    (r = account_open_sub(t, e->branch, GL_BERJANGKA, sub, m.name,
	    0)) != 0)
		return r;
	memset(&tm, 0, sizeof tm);
	tm.member = n;
	tm.principal = -dep->amount;
	tm.start = opened;
	tm.months = months;
	tm.maturity = date_add_months(opened, (int)months);
	tm.rate_bp = rate;
	tm.open = 1;
	return term_put(t, e->branch, sub, &tm);
}

/* -- loans ---------------------------------------------------------------- */

/*
 * Where an imported loan stands, worked out from its terms: loket's
 * schedule of the original terms in x[0 .. term-1] (the last instalments
 * not yet due absorbing a difference of up to one instalment's principal
 * between it and the remaining principal), and l's counts of what is
 * paid, due and overdue, as repayments oldest first would have left
 * them.  l's number, member, product, dates of record and penalty terms
 * are the caller's.  Returns STORE_E_LOANTERMS for terms loket cannot
 * schedule or figures that disagree with them, STORE_E_AMOUNT for a
 * figure out of range.
 */
int
import_loan_plan(const struct import_loan_req *q, struct loan *l,
    struct instalment *x)
{
	struct instalment	 xs[LOAN_TERM_MAX + 1];
	int64_t			 due_p = 0, due_i = 0, rest = 0, tol = 0, diff,
				 take, paid_p, paid_i;
	uint32_t		 k;
	int			 r;

	memset(l, 0, sizeof *l);
	if (q->method < LOAN_FLAT || q->method > LOAN_ANNUITY ||
	    q->term < 1 || q->term > LOAN_TERM_MAX ||
	    q->rate_bp > LOAN_RATE_MAX || q->next < 1 || q->next > q->term + 1)
		return STORE_E_LOANTERMS;
	if (q->principal <= 0 || q->principal > LOAN_PRINCIPAL_MAX ||
	    q->outstanding < 0 || q->outstanding > q->principal ||
	    q->arrears_principal < 0 ||
	    q->arrears_principal > q->outstanding ||
	    q->arrears_interest < 0 || q->arrears_interest > AMOUNT_MAX ||
	    q->penalty < 0 || q->penalty > AMOUNT_MAX ||
	    q->accrued < 0 || q->accrued > q->arrears_interest)
		return STORE_E_AMOUNT;
	if ((r = loan_schedule_compute(q->method, q->principal, q->rate_bp,
	    q->term, q->disbursed, x)) != 0)
		return r;
	for (k = 0; k < q->term; k++) {
		if (x[k].principal > tol)
			tol = x[k].principal;
		if (k + 1 < q->next) {
			due_p += x[k].principal;
			due_i += x[k].interest;
		} else
			rest += x[k].principal;
	}

	/* What is not yet due against the schedule: the last ones adjust. */
	diff = q->outstanding - q->arrears_principal - rest;
	if (diff > tol || -diff > tol)
		return STORE_E_LOANTERMS;
	for (k = q->term; diff != 0 && k >= q->next; k--) {
		take = diff;
		if (x[k - 1].principal + take < 0)
			take = -x[k - 1].principal;
		x[k - 1].principal += take;
		diff -= take;
	}
	if (diff != 0)
		return STORE_E_LOANTERMS;
	paid_p = due_p - q->arrears_principal;
	paid_i = due_i - q->arrears_interest;
	if (paid_p < 0 || paid_i < 0)
		return STORE_E_LOANTERMS;

	l->state = LOAN_ACTIVE;
	l->method = q->method;
	l->rate_bp = q->rate_bp;
	l->term = q->term;
	l->principal = q->principal;
	l->applied = l->approved = l->disbursed = q->disbursed;
	l->ndue = q->next - 1;
	memcpy(xs + 1, x, q->term * sizeof *x);
	loan_pay_parts(&l->kprin, &l->prin_part, paid_p, xs, l->ndue, 1);
	loan_pay_parts(&l->kint, &l->int_part, paid_i, xs, l->ndue, 0);
	l->overdue = q->arrears_principal + q->arrears_interest;
	l->penalty = q->penalty;
	l->outstanding = q->outstanding;
	l->paid_principal = q->principal - q->outstanding;
	l->paid_interest = paid_i;
	l->accrued = q->accrued;
	return 0;
}

static int
loan_apply(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	struct instalment	 x[LOAN_TERM_MAX];
	struct import_loan_req	 q;
	struct loan_product	 p;
	struct loan		 l;
	uint64_t		 n, mem, method, rate, term, disbursed, next;
	int64_t			 out = 0;
	int			 r;

	if ((r = import_once(t, e)) != 0)
		return r;
	memset(&q, 0, sizeof q);
	if ((r = need_u64(e, F_LOAN, &n)) != 0 ||
	    (r = need_u64(e, F_MEMBER, &mem)) != 0 ||
	    (r = need_u64(e, F_METHOD, &method)) != 0 ||
	    (r = need_u64(e, F_MRATE, &rate)) != 0 ||
	    (r = need_u64(e, F_TERM, &term)) != 0 ||
	    (r = need_u64(e, F_DATE, &disbursed)) != 0 ||
	    (r = need_u64(e, F_NEXT, &next)) != 0 ||
	    (r = entry_get_i64(e, F_PRINCIPAL, &q.principal)) != 0 ||
	    (r = opt_i64(e, F_ARR_PRINCIPAL, &q.arrears_principal)) != 0 ||
	    (r = opt_i64(e, F_ARR_INTEREST, &q.arrears_interest)) != 0 ||
	    (r = opt_i64(e, F_PENALTY, &q.penalty)) != 0 ||
	    (r = opt_i64(e, F_ACCRUED, &q.accrued)) != 0)
		return r == STORE_E_NOTFOUND ? STORE_E_INVAL : r;
	if (method > LOAN_ANNUITY || rate > LOAN_RATE_MAX ||
	    term > LOAN_TERM_MAX || next > LOAN_TERM_MAX + 1 ||
	    disbursed > e->date)
		return STORE_E_LOANTERMS;

	/* The remaining principal to the loan's account, or nothing. */
	if (e->npost == 2 && e->post[0].gl == GL_LOANS &&
	    e->post[0].sub == n && e->post[0].amount > 0 &&
	    e->post[1].gl == GL_OPENING && e->post[1].sub == 0)
		out = e->post[0].amount;
	else if (e->npost != 0)
		return STORE_E_INVAL;
	q.method = method;
	q.rate_bp = rate;
	q.term = term;
	q.disbursed = disbursed;
	q.next = next;
	q.outstanding = out;
	if ((r = import_loan_plan(&q, &l, x)) != 0)
		return r;
	/* Instalments before next fell due by the cutover, next after it. */
	if ((l.ndue > 0 && x[l.ndue - 1].due > e->date) ||
	    (l.ndue < l.term && x[l.ndue].due <= e->date))
		return STORE_E_LOANTERMS;
	if ((r = loan_product_defaults(t, e->branch, &p)) != 0)
		return r;
	l.number = n;
	l.member = mem;
	str_copy(l.product, IMPORT_PRODUCT, sizeof l.product);
	l.order = p.order;
	l.regime = p.regime;
	l.penalty_bp = p.penalty_bp;
	str_copy(l.applicant, c->by.login, sizeof l.applicant);
	str_copy(l.approver, c->by.login, sizeof l.approver);
	l.pen_to = e->date;
	return loan_setup(t, e->branch, &l, x);
}

/* -- the rows ------------------------------------------------------------- */

const struct entry_kind ek_import_opening = {
	.kind = EK_IMPORT_OPENING,
	.name = "import-opening",
	.title = N_("opening balances"),
	.roles = IMPORT_ROLES,
	.flags = KF_POST,
	.fields = FIELD(F_DATE) | FIELD(F_FORCED),
	.required = FIELD(F_DATE),
	.apply = opening_apply,
};

const struct entry_kind ek_import_member = {
	.kind = EK_IMPORT_MEMBER,
	.name = "import-member",
	.title = N_("member imported"),
	.roles = IMPORT_ROLES,
	.fields = FIELD(F_MEMBER) | FIELD(F_OLDNO) | FIELD(F_NAME) |
	    FIELD(F_NIK) | FIELD(F_GENDER) | FIELD(F_BIRTH) |
	    FIELD(F_ADDRESS) | FIELD(F_VILLAGE) | FIELD(F_PHONE) |
	    FIELD(F_DATE) | FIELD(F_STATUS) | FIELD(F_ARREARS),
	.required = FIELD(F_MEMBER) | FIELD(F_OLDNO) | FIELD(F_NAME) |
	    FIELD(F_GENDER) | FIELD(F_DATE) | FIELD(F_STATUS),
	.apply = member_apply,
};

const struct entry_kind ek_import_term = {
	.kind = EK_IMPORT_TERM,
	.name = "import-term",
	.title = N_("term deposit imported"),
	.roles = IMPORT_ROLES,
	.flags = KF_POST,
	.fields = FIELD(F_MEMBER) | FIELD(F_SUB) | FIELD(F_TERM) |
	    FIELD(F_RATE) | FIELD(F_DATE),
	.required = FIELD(F_MEMBER) | FIELD(F_SUB) | FIELD(F_TERM) |
	    FIELD(F_RATE) | FIELD(F_DATE),
	.apply = term_apply,
};

const struct entry_kind ek_import_loan = {
	.kind = EK_IMPORT_LOAN,
	.name = "import-loan",
	.title = N_("loan imported"),
	.roles = IMPORT_ROLES,
	.fields = FIELD(F_LOAN) | FIELD(F_MEMBER) | FIELD(F_OLDNO) |
	    FIELD(F_METHOD) | FIELD(F_PRINCIPAL) | FIELD(F_MRATE) |
	    FIELD(F_TERM) | FIELD(F_DATE) | FIELD(F_NEXT) |
	    FIELD(F_ARR_PRINCIPAL) | FIELD(F_ARR_INTEREST) | FIELD(F_PENALTY) |
	    FIELD(F_ACCRUED),
	.required = FIELD(F_LOAN) | FIELD(F_MEMBER) | FIELD(F_METHOD) |
	    FIELD(F_PRINCIPAL) | FIELD(F_MRATE) | FIELD(F_TERM) |
	    FIELD(F_DATE) | FIELD(F_NEXT),
	.apply = loan_apply,
};

/* -- requests ------------------------------------------------------------- */

static int
add_opt_str(struct entry *e, uint16_t tag, const char *s)
{
	return s == NULL || s[0] == '\0' ? 0 : entry_add_str(e, tag, s);
}

static int
member_prepare(struct store_txn *t, struct entry *e, void *arg)
{
	const struct import_member_req	*q = arg;
	const int64_t	 amt[3] = { q->pokok, q->wajib, q->sukarela };
	static const uint32_t gls[3] = { GL_POKOK, GL_WAJIB, GL_SUKARELA };
	uint64_t	 n;
	int64_t		 total = 0;
	int		 r, j;

	if ((r = counter_get(t, e->branch, "member", &n)) != 0)
		return r;
	n++;
	entry_init_fields(e);
	/* In the order of their tags, as an entry keeps them. */
	if ((r = entry_add_str(e, F_NAME, q->name)) != 0 ||
	    (r = entry_add_u64(e, F_DATE, q->joined)) != 0 ||
	    (r = entry_add_u64(e, F_MEMBER, n)) != 0 ||
	    (r = add_opt_str(e, F_NIK, q->nik)) != 0 ||
	    (r = entry_add_field(e, F_GENDER, &q->gender, 1)) != 0 ||
	    (q->birth != 0 && (r = entry_add_u64(e, F_BIRTH, q->birth)) != 0) ||
	    (r = add_opt_str(e, F_ADDRESS, q->address)) != 0 ||
	    (r = add_opt_str(e, F_VILLAGE, q->village)) != 0 ||
	    (r = add_opt_str(e, F_PHONE, q->phone)) != 0 ||
	    (r = entry_add_u64(e, F_STATUS, q->status)) != 0 ||
	    (r = entry_add_str(e, F_OLDNO, q->old_no)) != 0 ||
	    (q->wajib_arrears != 0 &&
	    (r = entry_add_u64(e, F_ARREARS, q->wajib_arrears)) != 0))
		return r;
	e->npost = 0;
	for (j = 0; j < 3; j++) {
		if (amt[j] < 0 || amt[j] > AMOUNT_MAX)
			return STORE_E_AMOUNT;
		if (amt[j] == 0)
			continue;
		e->post[e->npost++] = (struct posting){ gls[j], n, -amt[j] };
		total += amt[j];
	}
	if (total != 0)
		e->post[e->npost++] = (struct posting){ GL_OPENING, 0, total };
	return 0;
}

void
import_member_req(struct post_req *p, const char *branch, const char *user,
    const struct import_member_req *q)
{
	store_req_prepared(p, branch, user, EK_IMPORT_MEMBER, member_prepare,
	    q);
}

static int
term_prepare(struct store_txn *t, struct entry *e, void *arg)
{
	const struct import_term_req	*q = arg;
	struct member	 m;
	uint64_t	 n, sub;
	int		 r;

	if ((r = member_by_old(t, e->branch, q->member_old, &n)) != 0 ||
	    (r = member_get(t, e->branch, n, &m)) != 0)
		return r;
	if (q->amount <= 0 || q->amount > AMOUNT_MAX)
		return STORE_E_AMOUNT;
	sub = n * 100 + m.nterm + 1;
	entry_init_fields(e);
	if ((r = entry_add_u64(e, F_DATE, q->opened)) != 0 ||
	    (r = entry_add_u64(e, F_SUB, sub)) != 0 ||
	    (r = entry_add_u64(e, F_MEMBER, n)) != 0 ||
	    (r = entry_add_u64(e, F_TERM, q->months)) != 0 ||
	    (r = entry_add_u64(e, F_RATE, q->rate_bp)) != 0)
		return r;
	e->npost = 0;
	e->post[e->npost++] = (struct posting){ GL_BERJANGKA, sub, -q->amount };
	e->post[e->npost++] = (struct posting){ GL_OPENING, 0, q->amount };
	return 0;
}

void
import_term_req(struct post_req *p, const char *branch, const char *user,
    const struct import_term_req *q)
{
	store_req_prepared(p, branch, user, EK_IMPORT_TERM, term_prepare, q);
}

static int
loan_prepare(struct store_txn *t, struct entry *e, void *arg)
{
	const struct import_loan_req	*q = arg;
	uint64_t	 n, mem;
	int		 r;

	if ((r = member_by_old(t, e->branch, q->member_old, &mem)) != 0 ||
	    (r = counter_get(t, e->branch, "loan", &n)) != 0)
		return r;
	n++;
	entry_init_fields(e);
	if ((r = entry_add_u64(e, F_DATE, q->disbursed)) != 0 ||
	    (r = entry_add_u64(e, F_MEMBER, mem)) != 0 ||
	    (r = entry_add_u64(e, F_TERM, q->term)) != 0 ||
	    (q->penalty != 0 && (r = entry_add_i64(e, F_PENALTY,
	    q->penalty)) != 0) ||
	    (r = entry_add_u64(e, F_LOAN, n)) != 0 ||
	    (r = entry_add_u64(e, F_METHOD, q->method)) != 0 ||
	    (r = entry_add_u64(e, F_MRATE, q->rate_bp)) != 0 ||
	    (r = entry_add_i64(e, F_PRINCIPAL, q->principal)) != 0 ||
	    (r = add_opt_str(e, F_OLDNO, q->old_no)) != 0 ||
	    (r = entry_add_u64(e, F_NEXT, q->next)) != 0 ||
	    (q->arrears_principal != 0 && (r = entry_add_i64(e,
	    F_ARR_PRINCIPAL, q->arrears_principal)) != 0) ||
	    (q->arrears_interest != 0 && (r = entry_add_i64(e,
	    F_ARR_INTEREST, q->arrears_interest)) != 0) ||
	    (q->accrued != 0 && (r = entry_add_i64(e, F_ACCRUED,
	    q->accrued)) != 0))
		return r;
	e->npost = 0;
	if (q->outstanding < 0 || q->outstanding > AMOUNT_MAX)
		return STORE_E_AMOUNT;
	if (q->outstanding > 0) {
		e->post[e->npost++] = (struct posting){ GL_LOANS, n,
		    q->outstanding };
		e->post[e->npost++] = (struct posting){ GL_OPENING, 0,
		    -q->outstanding };
	}
	return 0;
}

void
import_loan_req(struct post_req *p, const char *branch, const char *user,
    const struct import_loan_req *q)
{
	store_req_prepared(p, branch, user, EK_IMPORT_LOAN, loan_prepare, q);
}
