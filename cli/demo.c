/*
 * cli/demo.c: a demo cooperative, generated: branches, users, members
 * with names and villages typical of Nusa Tenggara Timur, and months of
 * counter history closed day by day, and a lending cooperative's loans:
 * products of the three methods, and loans at every stage and in every
 * collectability class.  loket demo uses it, and so do the benchmarks at
 * larger sizes.  Everything goes through store_post*() and
 * store_eod(), exactly as at the counter; the seed makes it repeatable.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/demo.h"

static const char *men[] = {
	"Yohanes", "Fransiskus", "Agustinus", "Petrus", "Kornelis", "Aloysius",
	"Emanuel", "Stefanus", "Bernadus", "Dominikus", "Yosef", "Markus",
	"Paulus", "Antonius", "Gabriel", "Florianus", "Hendrikus", "Yakobus",
	"Laurensius", "Silvester", "Wilhelmus", "Vinsensius", "Arnoldus",
	"Benediktus", "Kristoforus", "Matias", "Simon", "Tomas", "Blasius",
};
static const char *women[] = {
	"Maria", "Theresia", "Veronika", "Yosefina", "Margaretha", "Elisabeth",
	"Katarina", "Anastasia", "Yuliana", "Skolastika", "Agnes", "Bernadeta",
	"Fransiska", "Helena", "Imelda", "Klara", "Lusia", "Magdalena",
	"Natalia", "Oktaviana", "Paulina", "Regina", "Sesilia", "Susana",
	"Wilhelmina", "Yasinta", "Kristina", "Angela", "Benedikta",
};
static const char *surnames[] = {
	"Da Costa", "Parera", "Wangge", "Bata", "Nong", "Moa", "Lewar", "Sogen",
	"Kelen", "Fernandez", "Manuk", "Tukan", "Koten", "Laka", "Wuwur",
	"Dapa Talu", "Kaha", "Mbete", "Rangga", "Ndoen", "Lado", "Bria",
	"Sareng", "Goa", "Ratu", "Djawa", "Woda", "Pali", "Sina", "Ose",
	"Lamury", "Da Silva", "Gomez", "Making", "Lein", "Hurint", "Boli",
	"Ghale", "Weking", "Keytimu",
};
static const char *villages_mof[] = {
	"Nita", "Koting", "Lela", "Wolomarang", "Kota Uneng", "Waioti", "Beru",
	"Hewuli", "Kabor", "Habi", "Watugong", "Nangahale", "Waiara", "Magepanda",
	"Bola", "Paga", "Kewapante", "Geliting",
};
static const char *villages_end[] = {
	"Onekore", "Paupanda", "Rewarangga", "Kelimutu", "Wolowaru", "Detusoko",
	"Nangapanda", "Ndona", "Wolojita", "Roworena", "Maukaro", "Nuaone",
	"Ekoleta", "Potulando",
};

/* A small, seeded generator: xorshift64*. */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * UINT64_C(2685821657736338717);
}

static uint64_t
pick(uint64_t *s, uint64_t n)
{
	return rnd(s) % n;
}

struct gen {
	struct store		*st;
	const struct demo_params *p;
	uint64_t		 seed;
	char			 branch[BRANCH_MAX + 1];
	const char		**villages;
	size_t			 nvillages;
	int			 regency;
	uint64_t		 nmembers;	/* joined so far */
	int64_t			*sukarela;	/* model of balances, sen */
	struct post_req		*q;
	struct post_result	*res;
	struct member_req	*mq;
	char			(*names)[96];
	char			(*niks)[NIK_LEN + 1];
	char			(*addrs)[64];
	char			(*ids)[48];
	uint8_t			(*fv)[10];
	size_t			 nq, cap;
	int64_t			 drawer[3];	/* tellers' cash, sen */
	struct denom_count	 dc[3][DENOM_MAX + 1];
	uint64_t		 daykey;
	uint64_t		 reqno;
	uint64_t		 entries;
	/* Loans: the plan, and what each queued request points to. */
	struct demo_loan	*loans;
	size_t			 nloans;
	uint64_t		 loanno;	/* the branch's last loan number */
	struct loan_product	*lprod;
	struct loan_apply_req	*lapp;
	struct loan_pay_req	*lpay;
	uint64_t		*lnum;
};

/*
 * A loan of the demo and its fate: applied for on day `on` (and, by its
 * stage, approved and disbursed that day), its instalments paid on their
 * due dates (or `early` days before) while they fall due before `stop`,
 * then paid off, written off or left in arrears.
 */
enum { DL_APPLIED, DL_APPROVED, DL_ACTIVE, DL_PAIDOFF, DL_WRITEOFF,
    DL_RECOVER };
struct demo_loan {
	uint64_t	 member;	/* index, 0 .. */
	const char	*product;
	int64_t		 principal;	/* sen */
	uint32_t	 term;
	int		 stage;
	uint32_t	 on;
	uint32_t	 stop;		/* no instalment due on or after it */
	uint32_t	 early;		/* days before the due date */
	int64_t		 extra;		/* prepaid with the first instalment */
	uint32_t	 end;		/* paid off, written off */
	uint64_t	 number;	/* 0 until applied */
	int		 extra_done;
};

static const char *tellers[] = { "ani", "budi", "sisi" };

/* The demo's products, one of each method. */
static const struct {
	const char	*code, *name;
	uint8_t		 method;
	uint32_t	 rate_bp, max_term;
} demo_products[] = {
	{ "MIKRO", "Pinjaman mikro pasar (flat)", LOAN_FLAT, 200, 12 },
	{ "UMUM", "Pinjaman umum (menurun)", LOAN_DECLINING, 150, 24 },
	{ "RUMAH", "Pinjaman renovasi rumah (anuitas)", LOAN_ANNUITY, 125,
	    36 },
};

static int
flush(struct gen *g)
{
	int	 r;

	if (g->nq == 0)
		return 0;
	r = store_post_many(g->st, g->q, g->nq, g->res);
	g->entries += g->nq;
	g->nq = 0;
	return r;
}

static struct post_req *
next_req(struct gen *g, const char *user, uint16_t kind, int64_t when)
{
	struct post_req	*q;
	size_t		 i = g->nq++;

	q = &g->q[i];
	memset(q, 0, sizeof *q);
	/* Unique over the whole run: a day may take several batches. */
	snprintf(g->ids[i], sizeof g->ids[i], "demo-%s-%" PRIu64 "-%" PRIu64,
	    g->branch, g->daykey, ++g->reqno);
	q->branch = g->branch;
	q->request_id = g->ids[i];
	q->user = user;
	q->kind = kind;
	q->time = when;
	return q;
}

static void
new_member(struct gen *g, int teller, int64_t when)
{
	struct post_req		*q;
	struct member_req	*m;
	size_t			 i;
	int			 female, y, mo, d;
	uint64_t		 k = g->nmembers;

	q = next_req(g, tellers[teller], EK_MEMBER_JOIN, when);
	i = q - g->q;
	m = &g->mq[i];
	memset(m, 0, sizeof *m);
	female = pick(&g->seed, 2);
	snprintf(g->names[i], sizeof g->names[i], "%s %s",
	    female ? women[pick(&g->seed, sizeof women / sizeof women[0])] :
	    men[pick(&g->seed, sizeof men / sizeof men[0])],
	    surnames[pick(&g->seed, sizeof surnames / sizeof surnames[0])]);
	y = 1955 + (int)pick(&g->seed, 50);
	mo = 1 + (int)pick(&g->seed, 12);
	d = 1 + (int)pick(&g->seed, 28);
	/* district and serial from the member's index keep NIKs unique */
	snprintf(g->niks[i], sizeof g->niks[i], "53%02d%02d%02d%02d%02d%04d",
	    g->regency, (int)(1 + (k / 9999) % 99), d + (female ? 40 : 0), mo,
	    y % 100, (int)(1 + k % 9999));
	snprintf(g->addrs[i], sizeof g->addrs[i], "RT %02d RW %02d",
	    (int)(1 + pick(&g->seed, 20)), (int)(1 + pick(&g->seed, 9)));
	m->nik = g->niks[i];
	m->name = g->names[i];
	m->gender = female ? 'P' : 'L';
	m->address = g->addrs[i];
	m->village = g->villages[pick(&g->seed, g->nvillages)];
	m->wajib = 2500000;
	m->sukarela = 100 * 1000 * (int64_t)(10 + pick(&g->seed, 190));
	member_join_req(q, g->branch, tellers[teller], m);
	q->request_id = g->ids[i];
	q->time = when;
	g->sukarela[k] = m->sukarela;
	g->drawer[teller] += 10000000 + m->wajib + m->sukarela;
	g->nmembers++;
}

static void
counter_work(struct gen *g, int teller, int64_t when)
{
	struct post_req	*q;
	struct user	 u;
	uint64_t	 n, x = pick(&g->seed, 100);
	int64_t		 amt;
	uint32_t	 gl = GL_SUKARELA;
	uint16_t	 kind = EK_DEPOSIT;
	size_t		 i;

	if (g->nmembers == 0)
		return;
	n = pick(&g->seed, g->nmembers);
	if (x < 45)			/* sukarela deposit */
		amt = 100 * 5000 * (int64_t)(1 + pick(&g->seed, 200));
	else if (x < 75) {		/* wajib */
		amt = 2500000;
		gl = GL_WAJIB;
	} else {			/* withdrawal above the minimum */
		amt = 100 * 5000 * (int64_t)(1 + pick(&g->seed, 100));
		if (g->sukarela[n] - amt < 1000000 || g->drawer[teller] < amt)
			return;
		kind = EK_WITHDRAW;
	}
	/* The teller's drawer is the number she got when added. */
	memset(&u, 0, sizeof u);
	snprintf(u.login, sizeof u.login, "%s", tellers[teller]);
	u.drawer = teller + 1;
	q = next_req(g, tellers[teller], kind, when);
	i = q - g->q;
	(void)savings_counter_req(q, kind, g->branch, &u, n + 1, gl, amt,
	    g->fv[i]);
	q->request_id = g->ids[i];
	q->user = tellers[teller];	/* u is gone when the batch posts */
	q->time = when;
	if (kind == EK_WITHDRAW) {
		g->sukarela[n] -= amt;
		g->drawer[teller] -= amt;
	} else {
		if (gl == GL_SUKARELA)
			g->sukarela[n] += amt;
		g->drawer[teller] += amt;
	}
}

/* Count the drawer greedily; now and then a teller is Rp 5.000 short. */
static void
close_drawer(struct gen *g, int teller, int64_t when)
{
	struct post_req	*q;
	int64_t		 left = g->drawer[teller] / 100;
	size_t		 i, n = 0;

	if (pick(&g->seed, 40) == 0 && left > 5000)
		left -= 5000;
	memset(g->dc[teller], 0, sizeof g->dc[teller]);
	for (i = 0; i < DENOM_MAX && left > 0; i++) {
		if (left / denominations[i] == 0)
			continue;
		g->dc[teller][n].rupiah = denominations[i];
		g->dc[teller][n].pieces = left / denominations[i];
		left %= denominations[i];
		n++;
	}
	q = next_req(g, tellers[teller], EK_DRAWER_CLOSE, when);
	q->prepare = drawer_close_prepare;
	q->prepare_arg = g->dc[teller];
	g->drawer[teller] = 0;
}

static int
add_users(struct gen *g, int64_t when, const char *hash_teller,
    const char *hash_super, const char *hash_manager)
{
	static const struct {
		const char	*login, *name;
		int		 role;
	} users[] = {
		{ "ani", "Ani Lestari Ndoen", ROLE_TELLER },
		{ "budi", "Budi Kurniawan Lado", ROLE_TELLER },
		{ "sisi", "Sisilia Nona Parera", ROLE_SUPERVISOR },
		{ "mira", "Mira Wuwur", ROLE_MANAGER },
	};
	static uint8_t	 rv[4][10];
	struct post_req	*q;
	struct buf	 b;
	size_t		 i;
	const char	*h;

	for (i = 0; i < 4; i++) {
		q = next_req(g, "admin", EK_USER_ADD, when);
		h = users[i].role == ROLE_TELLER ? hash_teller :
		    users[i].role == ROLE_SUPERVISOR ? hash_super : hash_manager;
		buf_wrap(&b, rv[i], sizeof rv[i]);
		buf_put_varint(&b, users[i].role);
		q->field[0] = (struct field){ F_NAME,
		    (uint16_t)strlen(users[i].name),
		    (const uint8_t *)users[i].name };
		q->field[1] = (struct field){ F_LOGIN,
		    (uint16_t)strlen(users[i].login),
		    (const uint8_t *)users[i].login };
		q->field[2] = (struct field){ F_ROLE, (uint16_t)b.len, rv[i] };
		q->field[3] = (struct field){ F_HASH, (uint16_t)strlen(h),
		    (const uint8_t *)h };
		q->nfield = 4;
	}
	/* The vault's opening cash, by the manager. */
	q = next_req(g, "mira", EK_JOURNAL, when);
	q->npost = 2;
	q->post[0] = (struct posting){ GL_VAULT, 0, INT64_C(50000000000) };
	q->post[1] = (struct posting){ GL_OPENING, 0, -INT64_C(50000000000) };
	return flush(g);
}

/* The first day d for which date_add_months(d, m) reaches day. */
static uint32_t
months_before(uint32_t day, int m)
{
	uint32_t	 d = day - 31 * (uint32_t)m - 3;

	while (date_add_months(d, m) < day)
		d++;
	return d;
}

/*
 * The loans of a branch whose history runs from start to end: none when
 * it is shorter than 90 days.  Members 1 to 12 (indices 0 to 11) borrow;
 * arrears are placed so that on `end` each class has a loan: its first
 * unpaid instalment fell due 45, 105, 150 and 200 days before (OJK:
 * special mention, substandard, doubtful, loss), as far as the history
 * reaches back.
 */
static void
plan_loans(struct gen *g, uint64_t members, uint32_t start, uint32_t end)
{
	struct demo_loan	*l;
	uint32_t		 first = start + 5, due;
	static const struct {
		uint32_t	 dpd;
		int		 paid;
		const char	*product;
		int64_t		 rp;
	} late[] = {
		{ 45, 3, "UMUM", 6000000 },
		{ 105, 2, "RUMAH", 15000000 },
		{ 150, 1, "MIKRO", 3000000 },
		{ 200, 0, "UMUM", 4000000 },
	};
	size_t			 i;

	int			 paid;

	g->nloans = 0;
	if (end < start + 90 || members < 60)
		return;
#define LOAN(m, p, rp, t, st) do {					\
	l = &g->loans[g->nloans++];					\
	memset(l, 0, sizeof *l);					\
	l->member = (m);						\
	l->product = (p);						\
	l->principal = (int64_t)(rp) * 100;				\
	l->term = (t);							\
	l->stage = (st);						\
	l->stop = UINT32_MAX;						\
	l->end = UINT32_MAX;						\
} while (0)
	/* Current: paid on the day, and one paid early with a prepayment. */
	LOAN(0, "MIKRO", 2000000, 10, DL_ACTIVE);
	l->on = first;
	LOAN(1, "UMUM", 10000000, 12, DL_ACTIVE);
	l->on = first + 1;
	l->early = 3;
	l->extra = INT64_C(100000000);	/* Rp 1.000.000 */
	LOAN(2, "RUMAH", 25000000, 24, DL_ACTIVE);
	l->on = first + 2;
	/* In arrears, one in each class. */
	for (i = 0; i < sizeof late / sizeof late[0]; i++) {
		if (end < late[i].dpd + 1)
			continue;
		due = end - late[i].dpd;
		/* Fewer instalments paid when the history is short. */
		for (paid = late[i].paid; paid > 0 &&
		    months_before(due, paid + 1) < first; paid--)
			;
		if (months_before(due, paid + 1) < first)
			continue;
		LOAN(3 + i, late[i].product, late[i].rp, 12, DL_ACTIVE);
		l->on = months_before(due, paid + 1);
		l->stop = due;
	}
	/* Paid off after two instalments; written off; and recovered. */
	LOAN(7, "MIKRO", 1500000, 6, DL_PAIDOFF);
	l->on = first;
	l->end = date_add_months(first, 2) + 10;
	LOAN(8, "MIKRO", 2500000, 6, DL_WRITEOFF);
	l->on = first;
	l->stop = first;
	l->end = end - 20;
	LOAN(9, "UMUM", 3000000, 12, DL_RECOVER);
	l->on = first + 1;
	l->stop = first;
	l->end = end - 30;
	/* Waiting: applied for, and approved, on the last day. */
	LOAN(10, "UMUM", 5000000, 12, DL_APPLIED);
	l->on = end;
	LOAN(11, "RUMAH", 20000000, 24, DL_APPROVED);
	l->on = end;
#undef LOAN
}

/* A repayment of amount (0: the payoff), from sukarela if it allows. */
static void
loan_pay(struct gen *g, struct demo_loan *l, int64_t amount, int64_t when)
{
	struct post_req	*q;
	size_t		 i;
	int		 suk = amount > 0 &&
	    g->sukarela[l->member] - amount >= 1000000;

	q = next_req(g, "ani", EK_LOAN_REPAY, when);
	i = q - g->q;
	g->lpay[i] = (struct loan_pay_req){ l->number, amount, suk };
	loan_repay_req(q, g->branch, "ani", &g->lpay[i]);
	q->request_id = g->ids[i];
	q->time = when;
	if (suk)
		g->sukarela[l->member] -= amount;
	else
		g->drawer[0] += amount;
}

/* The day's loan work of the branch: products first, then each loan. */
static int
loan_work(struct gen *g, uint32_t day, uint32_t start, int64_t when)
{
	struct store_txn	*t;
	struct loan_status	 s;
	struct post_req		*q;
	struct demo_loan	*l;
	size_t			 i, k;
	int			 r;

	if (g->nloans == 0)
		return 0;
	if (day == start + 5) {
		for (k = 0; k < 3; k++) {
			q = next_req(g, "mira", EK_LOAN_PRODUCT, when);
			i = q - g->q;
			if ((r = store_begin(g->st, 1, &t)) != 0)
				return r;
			r = loan_product_defaults(t, g->branch, &g->lprod[i]);
			store_abort(t);
			if (r != 0)
				return r;
			snprintf(g->lprod[i].code, sizeof g->lprod[i].code,
			    "%s", demo_products[k].code);
			snprintf(g->lprod[i].name, sizeof g->lprod[i].name,
			    "%s", demo_products[k].name);
			g->lprod[i].method = demo_products[k].method;
			g->lprod[i].rate_bp = demo_products[k].rate_bp;
			g->lprod[i].max_term = demo_products[k].max_term;
			loan_product_req(q, g->branch, "mira", &g->lprod[i]);
			q->request_id = g->ids[i];
			q->time = when;
		}
	}
	for (k = 0; k < g->nloans; k++) {
		l = &g->loans[k];
		if (day == l->on) {
			q = next_req(g, "ani", EK_LOAN_APPLY, when);
			i = q - g->q;
			g->lapp[i] = (struct loan_apply_req){ l->member + 1,
			    l->product, l->principal, l->term, NULL, 0 };
			loan_apply_req(q, g->branch, "ani", &g->lapp[i]);
			q->request_id = g->ids[i];
			q->time = when;
			l->number = ++g->loanno;
			if (l->stage == DL_APPLIED)
				continue;
			q = next_req(g, "sisi", EK_LOAN_APPROVE, when + 60);
			i = q - g->q;
			g->lnum[i] = l->number;
			loan_approve_req(q, g->branch, "sisi", &g->lnum[i]);
			q->request_id = g->ids[i];
			q->time = when + 60;
			if (l->stage == DL_APPROVED)
				continue;
			q = next_req(g, "ani", EK_LOAN_DISBURSE, when + 120);
			i = q - g->q;
			g->lpay[i] = (struct loan_pay_req){ l->number, 0, 1 };
			loan_disburse_req(q, g->branch, "ani", &g->lpay[i]);
			q->request_id = g->ids[i];
			q->time = when + 120;
			/* Fees of 1% and 1% are deducted. */
			g->sukarela[l->member] += l->principal -
			    l->principal / 50;
			continue;
		}
		if (l->number == 0 || day < l->on || l->stage < DL_ACTIVE)
			continue;
		/* Where it stands today, as the batches so far left it. */
		if ((r = store_begin(g->st, 1, &t)) != 0)
			return r;
		memset(&s, 0, sizeof s);
		r = loan_status(t, g->branch, l->number, day, &s);
		store_abort(t);
		if (r != 0 && r != STORE_E_LOAN)
			return r;
		if (r != 0 || s.outstanding == 0)
			continue;	/* not posted yet, or closed */
		if (day == l->end) {
			if (l->stage == DL_PAIDOFF)
				loan_pay(g, l, s.payoff, when + 180);
			else if (l->stage >= DL_WRITEOFF) {
				q = next_req(g, "mira", EK_LOAN_WRITEOFF,
				    when + 180);
				i = q - g->q;
				g->lnum[i] = l->number;
				loan_writeoff_req(q, g->branch, "mira",
				    &g->lnum[i]);
				q->request_id = g->ids[i];
				q->time = when + 180;
			}
			continue;
		}
		if (l->early > 0 && s.next_due == day + l->early &&
		    s.next_amount > 0 && s.next_amount +
		    (l->extra_done ? 0 : l->extra) < s.payoff) {
			/* On market day, before the due date. */
			loan_pay(g, l, s.next_amount + (l->extra_done ? 0 :
			    l->extra), when + 180);
			l->extra_done = 1;
		} else if (s.interest_due + s.principal_due > 0 &&
		    day < l->stop)
			loan_pay(g, l, s.interest_due + s.principal_due +
			    s.penalty, when + 180);
	}
	return 0;
}

/* A recovery on the written-off loan, ten days after the write-off. */
static void
loan_recover(struct gen *g, uint32_t day, int64_t when)
{
	struct post_req	*q;
	struct demo_loan *l;
	size_t		 i, k;

	for (k = 0; k < g->nloans; k++) {
		l = &g->loans[k];
		if (l->stage != DL_RECOVER || l->end == UINT32_MAX ||
		    day != l->end + 10 || l->number == 0)
			continue;
		q = next_req(g, "ani", EK_LOAN_RECOVER, when);
		i = q - g->q;
		g->lpay[i] = (struct loan_pay_req){ l->number, 50000000, 0 };
		loan_recover_req(q, g->branch, "ani", &g->lpay[i]);
		q->request_id = g->ids[i];
		q->time = when;
		g->drawer[0] += 50000000;	/* Rp 500.000 in cash */
	}
}

/* 08:00 WITA (UTC+8) on day, plus minutes. */
static int64_t
stamp(uint32_t day, int minutes)
{
	return (int64_t)day * 86400 - 8 * 3600 + 8 * 3600 + minutes * 60;
}

static int
gen_branch(struct gen *g, const char *code, const char *name, int regency,
    uint64_t members, const char **hashes, uint32_t start, uint32_t end,
    void (*progress)(void *, const char *, uint32_t), void *arg)
{
	struct init_req		 ir;
	struct eod_report	 rep;
	uint32_t		 day;
	int			 r, t, i, busy;
	uint64_t		 target;

	snprintf(g->branch, sizeof g->branch, "%s", code);
	g->regency = regency;
	g->nmembers = 0;
	g->loanno = 0;
	plan_loans(g, members, start, end);
	memset(g->drawer, 0, sizeof g->drawer);
	memset(&ir, 0, sizeof ir);
	ir.coop = g->p->coop;
	ir.branch = code;
	ir.branch_name = name;
	ir.date = start;
	ir.admin = "admin";
	ir.admin_name = "Administrator";
	ir.admin_password = "admin-pass";
	ir.time = stamp(start, -60);
	if ((r = store_init(g->st, &ir)) != 0)
		return r;
	g->daykey = 0;
	if ((r = add_users(g, stamp(start, -30), hashes[0], hashes[1],
	    hashes[2])) != 0)
		return r;

	for (day = start; day <= end; day++) {
		int minute = 0;

		g->daykey = day;
		for (t = 0; t < 3; t++) {
			struct post_req *q = next_req(g, tellers[t],
			    EK_DRAWER_OPEN, stamp(day, minute++));

			q->npost = 2;
			q->post[0] = (struct posting){ GL_CASH, t + 1,
			    500000000 };
			q->post[1] = (struct posting){ GL_VAULT, 0, -500000000 };
			g->drawer[t] = 500000000;
		}
		/* Most members are brought in over the first days. */
		if (day - start < 5)
			target = members * 6 * (day - start + 1) / 50;
		else
			target = members * 6 / 10 + (members * 4 / 10) *
			    (day - start - 4) / (end - start > 4 ?
			    end - start - 4 : 1);
		if (target > members)
			target = members;
		if (day == end)
			target = members;
		while (g->nmembers < target) {
			new_member(g, (int)(g->nmembers % 3),
			    stamp(day, minute++ % 480));
			if (g->nq + 64 >= g->cap &&
			    (r = flush(g)) != 0)
				return r;
		}
		busy = g->p->per_day;
		for (i = 0; i < busy; i++) {
			counter_work(g, i % 3, stamp(day, 60 + i * 400 / busy));
			if (g->nq + 8 >= g->cap && (r = flush(g)) != 0)
				return r;
		}
		if ((r = loan_work(g, day, start, stamp(day, 420))) != 0)
			return r;
		loan_recover(g, day, stamp(day, 450));
		for (t = 0; t < 3; t++)
			close_drawer(g, t, stamp(day, 540 + t));
		if ((r = flush(g)) != 0)
			return r;
		if (day == end && g->p->leave_last_open)
			break;
		if ((r = store_eod(g->st, code, "sisi", day, 0,
		    stamp(day, 560), &rep)) != 0)
			return r;
		g->entries++;
		if (progress != NULL)
			progress(arg, code, day);
	}
	return 0;
}

int
demo_generate(struct store *st, const struct demo_params *p,
    void (*progress)(void *, const char *, uint32_t), void *arg,
    uint64_t *entries)
{
	struct gen	 g;
	char		 h[3][128];
	const char	*hashes[3] = { h[0], h[1], h[2] };
	uint64_t	 per = p->branches > 1 ? p->members / 2 + p->members % 2 :
	    p->members;
	int		 r;

	memset(&g, 0, sizeof g);
	g.st = st;
	g.p = p;
	g.seed = p->seed ? p->seed : 1;
	g.cap = 4096;
	if ((r = user_hash_password("teller-pass", h[0], sizeof h[0])) != 0 ||
	    (r = user_hash_password("super-pass", h[1], sizeof h[1])) != 0 ||
	    (r = user_hash_password("manager-pass", h[2], sizeof h[2])) != 0)
		return r;
	g.q = calloc(g.cap, sizeof *g.q);
	g.res = calloc(g.cap, sizeof *g.res);
	g.mq = calloc(g.cap, sizeof *g.mq);
	g.names = calloc(g.cap, sizeof *g.names);
	g.niks = calloc(g.cap, sizeof *g.niks);
	g.addrs = calloc(g.cap, sizeof *g.addrs);
	g.ids = calloc(g.cap, sizeof *g.ids);
	g.fv = calloc(g.cap, sizeof *g.fv);
	g.sukarela = calloc(per + 1, sizeof *g.sukarela);
	g.loans = calloc(16, sizeof *g.loans);
	g.lprod = calloc(g.cap, sizeof *g.lprod);
	g.lapp = calloc(g.cap, sizeof *g.lapp);
	g.lpay = calloc(g.cap, sizeof *g.lpay);
	g.lnum = calloc(g.cap, sizeof *g.lnum);
	if (g.q == NULL || g.res == NULL || g.mq == NULL || g.names == NULL ||
	    g.niks == NULL || g.addrs == NULL || g.ids == NULL ||
	    g.fv == NULL || g.sukarela == NULL || g.loans == NULL ||
	    g.lprod == NULL || g.lapp == NULL || g.lpay == NULL ||
	    g.lnum == NULL) {
		r = ENOMEM;
		goto out;
	}
	g.villages = villages_mof;
	g.nvillages = sizeof villages_mof / sizeof villages_mof[0];
	if ((r = gen_branch(&g, "MOF", "Cabang Maumere", 10, per, hashes,
	    p->start, p->end, progress, arg)) != 0)
		goto out;
	if (p->branches > 1) {
		memset(g.sukarela, 0, (per + 1) * sizeof *g.sukarela);
		g.villages = villages_end;
		g.nvillages = sizeof villages_end / sizeof villages_end[0];
		if ((r = gen_branch(&g, "ENDE", "Cabang Ende", 11,
		    p->members - per, hashes, p->start, p->end, progress,
		    arg)) != 0)
			goto out;
	}
	if (entries != NULL) {
		uint64_t	 bytes;

		if ((r = store_stat(st, entries, &bytes)) != 0)
			goto out;
	}
out:
	free(g.q);
	free(g.res);
	free(g.mq);
	free(g.names);
	free(g.niks);
	free(g.addrs);
	free(g.ids);
	free(g.fv);
	free(g.sukarela);
	free(g.loans);
	free(g.lprod);
	free(g.lapp);
	free(g.lpay);
	free(g.lnum);
	return r;
}
