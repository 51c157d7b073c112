/*
 * cli/demo.c: a demo cooperative, generated: branches, users, members
 * with names and villages typical of Nusa Tenggara Timur, and months of
 * counter history closed day by day, and a lending cooperative's loans:
 * products of the three methods, and loans at every stage and in every
 * collectability class, and the running costs a branch pays.  Each 31
 * December's end of day closes the year; on 14 March after it the
 * members' meeting (RAT) of that year is held at the head office (MOF)
 * and approves the accounts and the SHU split, which is posted after
 * it.  loket demo uses it, and so do the benchmarks at larger sizes.
 * Everything goes through store_post*(), store_eod() and
 * store_shu_post(), exactly as at the counter and by loket rat and
 * loket shu post; the seed makes it repeatable.
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
	int64_t			*wajib;		/* wajib paid in, sen */
	uint32_t		*joined;	/* each member's day */
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
	struct rat_mark_req	*rmk;
	struct rat_open_req	 ratq;
	/* The branch's history. */
	const char		*name;
	uint64_t		 members;	/* the branch's in the end */
	uint32_t		 start, end;
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
	int		 book;		/* waits for the cash to lend */
	uint32_t	 check;		/* the next day its status matters */
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
	/* What they bring over from their old passbooks. */
	m->sukarela = 100 * 100000 * (int64_t)(1 + pick(&g->seed, 40));
	member_join_req(q, g->branch, tellers[teller], m);
	q->request_id = g->ids[i];
	q->time = when;
	g->sukarela[k] = m->sukarela;
	g->wajib[k] = m->wajib;
	g->joined[k] = (uint32_t)(when / 86400);
	g->drawer[teller] += 10000000 + m->wajib + m->sukarela;
	g->nmembers++;
}

/*
 * What member n owes of wajib on day, by member_wajib_due()'s rule (Rp
 * 25.000 for each month from the joining month to this one, less what
 * was paid), at most a year of it.
 */
static int64_t
wajib_owed(const struct gen *g, uint64_t n, uint32_t day)
{
	int	 y1, m1, d1, y2, m2, d2;
	int64_t	 due;

	date_to_ymd(g->joined[n], &y1, &m1, &d1);
	date_to_ymd(day, &y2, &m2, &d2);
	due = 2500000 * (int64_t)((y2 - y1) * 12 + (m2 - m1) + 1) -
	    g->wajib[n];
	if (due > 12 * 2500000)
		due = 12 * 2500000;
	return due > 0 ? due : 0;
}

/* One posting at teller's counter for member n (0-based), in cash. */
static void
counter_post(struct gen *g, int teller, uint16_t kind, uint64_t n,
    uint32_t gl, int64_t amt, int64_t when)
{
	struct post_req	*q;
	struct user	 u;
	size_t		 i;

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
		else
			g->wajib[n] += amt;
		g->drawer[teller] += amt;
	}
}

/*
 * A member at the counter: a sukarela deposit, wajib, or a withdrawal.
 * One who pays in also pays the wajib in arrears first, as tellers ask
 * (the counter shows the arrears); wajib with none in arrears is the
 * next month's.
 */
static void
counter_work(struct gen *g, int teller, int64_t when)
{
	uint64_t	 n, x = pick(&g->seed, 100);
	uint32_t	 day = (uint32_t)(when / 86400);
	int64_t		 amt, owed;

	if (g->nmembers == 0)
		return;
	n = pick(&g->seed, g->nmembers);
	owed = wajib_owed(g, n, day);
	if (x < 42) {			/* sukarela deposit */
		amt = 100 * 5000 * (int64_t)(1 + pick(&g->seed, 200));
		if (owed > 0)
			counter_post(g, teller, EK_DEPOSIT, n, GL_WAJIB, owed,
			    when);
		counter_post(g, teller, EK_DEPOSIT, n, GL_SUKARELA, amt,
		    when);
	} else if (x < 67)		/* wajib */
		counter_post(g, teller, EK_DEPOSIT, n, GL_WAJIB,
		    owed > 0 ? owed : 2500000, when);
	else {				/* withdrawal above the minimum */
		amt = 100 * 5000 * (int64_t)(1 + pick(&g->seed, 150));
		if (g->sukarela[n] - amt < 1000000 || g->drawer[teller] < amt)
			return;
		counter_post(g, teller, EK_WITHDRAW, n, GL_SUKARELA, amt,
		    when);
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
	/* The vault's opening cash, the reserve of the years before. */
	q = next_req(g, "mira", EK_JOURNAL, when);
	q->npost = 2;
	q->post[0] = (struct posting){ GL_VAULT, 0, INT64_C(75000000000) };
	q->post[1] = (struct posting){ GL_RESERVE, 0, -INT64_C(75000000000) };
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
 * reaches back.  Then the branch's book: one member in two borrows,
 * three in ten of them in the first two months, the rest over the history;
 * one loan in seven stops being paid and ages through the classes.
 */
static int
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
	uint64_t		 j, nbook, x;
	int			 paid;

	free(g->loans);
	g->loans = NULL;
	g->nloans = 0;
	if (end < start + 90 || members < 60)
		return 0;
	nbook = members / 2;
	if ((g->loans = calloc(12 + nbook, sizeof *g->loans)) == NULL)
		return ENOMEM;
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
	/*
	 * The book: market traders' small flat loans, declining ones for
	 * the farm and the kiosk, annuities for the house.  The borrowers
	 * are members who joined in the first days.
	 */
	for (j = 0; j < nbook; j++) {
		uint64_t	 m = 12 + pick(&g->seed, members * 6 / 10 - 12);
		uint32_t	 t;

		x = pick(&g->seed, 10);
		if (x < 4) {
			t = 6 + (uint32_t)pick(&g->seed, 7);
			LOAN(m, "MIKRO", 2000000 + 500000 * (int64_t)pick(
			    &g->seed, 17), t, DL_ACTIVE);
		} else if (x < 8) {
			t = 12 + (uint32_t)pick(&g->seed, 13);
			LOAN(m, "UMUM", 5000000 + 1000000 * (int64_t)pick(
			    &g->seed, 21), t, DL_ACTIVE);
		} else {
			t = 24 + (uint32_t)pick(&g->seed, 13);
			LOAN(m, "RUMAH", 15000000 + 2500000 * (int64_t)pick(
			    &g->seed, 15), t, DL_ACTIVE);
		}
		l->book = 1;
		if (pick(&g->seed, 10) < 3)
			l->on = first + (uint32_t)pick(&g->seed, 60);
		else
			l->on = first + (uint32_t)pick(&g->seed,
			    end - 20 - first);
		if (pick(&g->seed, 4) == 0)
			l->early = 1 + (uint32_t)pick(&g->seed, 3);
		if (pick(&g->seed, 7) == 0)
			l->stop = date_add_months(l->on,
			    1 + (int)pick(&g->seed, t));
	}
#undef LOAN
	return 0;
}

/*
 * A repayment of amount in cash, as members pay at the counter: counted
 * in Rp 100 (cash.rounding's default), rounded up.  The store takes the
 * due or the payoff rounded up as settling it, the difference to 4902.
 */
static void
loan_pay(struct gen *g, struct demo_loan *l, int64_t amount, int64_t when)
{
	struct post_req	*q;
	size_t		 i;

	if (amount % 10000 != 0)
		amount += 10000 - amount % 10000;

	q = next_req(g, "ani", EK_LOAN_REPAY, when);
	i = q - g->q;
	g->lpay[i] = (struct loan_pay_req){ l->number, amount, 0 };
	loan_repay_req(q, g->branch, "ani", &g->lpay[i]);
	q->request_id = g->ids[i];
	q->time = when;
	g->drawer[0] += amount;
}

/* What a loan disbursed in cash pays out: fees of 1% and 1% deducted. */
static int64_t
loan_out(const struct demo_loan *l)
{
	return l->principal - l->principal / 50;
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
	int			 r, paid;

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
			l->check = day + 1;
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
			/* In cash: the drawer opened with it (day_work()). */
			q = next_req(g, "ani", EK_LOAN_DISBURSE, when + 120);
			i = q - g->q;
			g->lpay[i] = (struct loan_pay_req){ l->number, 0, 0 };
			loan_disburse_req(q, g->branch, "ani", &g->lpay[i]);
			q->request_id = g->ids[i];
			q->time = when + 120;
			g->drawer[0] -= loan_out(l);
			continue;
		}
		if (l->number == 0 || day < l->on || l->stage < DL_ACTIVE ||
		    day < l->check)
			continue;
		/* Where it stands today, as the batches so far left it. */
		if ((r = store_begin(g->st, 1, &t)) != 0)
			return r;
		memset(&s, 0, sizeof s);
		r = loan_status(t, g->branch, l->number, day, &s);
		store_abort(t);
		if (r != 0 && r != STORE_E_LOAN)
			return r;
		if (r != 0)
			continue;	/* not posted yet */
		if (s.outstanding == 0) {
			l->check = UINT32_MAX;	/* closed */
			continue;
		}
		if (day == l->end) {
			if (l->stage == DL_PAIDOFF) {
				loan_pay(g, l, s.payoff, when + 180);
			} else if (l->stage >= DL_WRITEOFF) {
				q = next_req(g, "mira", EK_LOAN_WRITEOFF,
				    when + 180);
				i = q - g->q;
				g->lnum[i] = l->number;
				loan_writeoff_req(q, g->branch, "mira",
				    &g->lnum[i]);
				q->request_id = g->ids[i];
				q->time = when + 180;
			}
			l->check = UINT32_MAX;
			continue;
		}
		paid = 1;
		if (l->early > 0 && s.next_due == day + l->early &&
		    s.next_due < l->stop && s.next_amount > 0 &&
		    s.next_amount + (l->extra_done ? 0 : l->extra) + 10000 <
		    s.payoff) {
			/* On market day, before the due date. */
			loan_pay(g, l, s.next_amount + (l->extra_done ? 0 :
			    l->extra), when + 180);
			l->extra_done = 1;
		} else if (s.interest_due + s.principal_due > 0 &&
		    day < l->stop)
			loan_pay(g, l, s.interest_due + s.principal_due +
			    s.penalty, when + 180);
		else
			paid = 0;
		/* Nothing to do before the next due date, or the end. */
		if (paid || s.next_due <= day + l->early)
			l->check = day + 1;
		else
			l->check = s.next_due - l->early;
		if (day >= l->stop || l->check >= l->stop)
			l->check = l->end;
		if (l->check > l->end)
			l->check = l->end;
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

/* A branch's first entries: the book, its users and the vault's cash. */
static int
branch_init(struct gen *g, uint32_t flags, const char **hashes)
{
	struct init_req		 ir;
	int			 r;

	g->nmembers = 0;
	g->loanno = 0;
	if ((r = plan_loans(g, g->members, g->start, g->end)) != 0)
		return r;
	memset(g->drawer, 0, sizeof g->drawer);
	memset(&ir, 0, sizeof ir);
	ir.coop = g->p->coop;
	ir.branch = g->branch;
	ir.branch_name = g->name;
	ir.date = g->start;
	ir.flags = flags;
	ir.admin = "admin";
	ir.admin_name = "Administrator";
	ir.admin_password = "admin-pass";
	ir.time = stamp(g->start, -60);
	if ((r = store_init(g->st, &ir)) != 0)
		return r;
	g->daykey = 0;
	return add_users(g, stamp(g->start, -30), hashes[0], hashes[1],
	    hashes[2]);
}

/*
 * A lending branch's running costs, on the 25th: staff, rent, light and
 * transport, Rp 20.000 a member a month, paid by the manager from the
 * vault.
 */
static void
running_costs(struct gen *g, uint32_t day, int64_t when)
{
	struct post_req	*q;
	int		 y, m, d;
	int64_t		 amt = (int64_t)g->members * 2000000;

	date_to_ymd(day, &y, &m, &d);
	if (g->nloans == 0 || d != 25)
		return;
	q = next_req(g, "mira", EK_JOURNAL, when);
	q->npost = 2;
	q->post[0] = (struct posting){ GL_OPEX, 0, amt };
	q->post[1] = (struct posting){ GL_VAULT, 0, -amt };
}

/* What the vault and the bank hold this morning. */
static int
liquid(struct gen *g, int64_t *vault, int64_t *bank)
{
	struct store_txn	*t;
	struct balance		 b;
	int			 r;

	*vault = *bank = 0;
	if ((r = store_begin(g->st, 1, &t)) != 0)
		return r;
	if ((r = account_balance(t, g->branch, GL_VAULT, 0, &b)) == 0)
		*vault = b.amount;
	if (r == 0 && (r = account_balance(t, g->branch, GL_BANK, 0, &b)) ==
	    0)
		*bank = b.amount;
	store_abort(t);
	return r == STORE_E_NOTFOUND ? 0 : r;
}

/*
 * The vault and the bank: on the 25th, before the day's work, the
 * manager banks what the vault holds above Rp 200.000 a member; on a day
 * the tellers need more than the vault holds (a day of many loans) she
 * brings it back first.
 */
static int
bank_cash(struct gen *g, uint32_t day, int64_t need, int64_t vault,
    int64_t bank)
{
	struct post_req	*q;
	int64_t		 keep = (int64_t)g->members * 20000000, amt;
	int		 y, m, d;

	date_to_ymd(day, &y, &m, &d);
	if (vault < need + keep / 2 && bank > 0) {
		amt = need + keep - vault;
		if (amt > bank)
			amt = bank;
	} else if (d == 25 && vault > keep + need)
		amt = -(vault - keep - need) / 10000000 * 10000000;
	else
		return 0;
	if (amt == 0)
		return 0;
	q = next_req(g, "mira", EK_JOURNAL, stamp(day, -5));
	q->npost = 2;
	q->post[0] = (struct posting){ GL_VAULT, 0, amt };
	q->post[1] = (struct posting){ GL_BANK, 0, -amt };
	return flush(g);
}

/* A day at the branch's counter, up to the drawers' close. */
static int
day_work(struct gen *g, uint32_t day)
{
	struct demo_loan	*l;
	int64_t			 out = 0, vault = 0, bank = 0, avail;
	uint64_t		 target;
	size_t			 k;
	int			 r, t, i, busy, minute = 0;
	uint32_t		 start = g->start, end = g->end;
	uint64_t		 members = g->members;

	g->daykey = day;
	if (g->nloans > 0 && (r = liquid(g, &vault, &bank)) != 0)
		return r;
	/*
	 * Ani takes the cash of the day's loans from the vault.  The book's
	 * wait while the vault and the bank hold less than Rp 1.000.000 a
	 * member besides them: the cooperative lends what its members save.
	 */
	avail = vault + bank - 1500000000 - (int64_t)members * 100000000;
	for (k = 0; k < g->nloans; k++) {
		l = &g->loans[k];
		if (l->on != day || l->stage < DL_ACTIVE)
			continue;
		if (l->book && loan_out(l) > avail) {
			l->on++;
			continue;
		}
		out += loan_out(l);
		avail -= loan_out(l);
	}
	if (g->nloans > 0 &&
	    (r = bank_cash(g, day, 1500000000 + out, vault, bank)) != 0)
		return r;
	for (t = 0; t < 3; t++) {
		struct post_req *q = next_req(g, tellers[t],
		    EK_DRAWER_OPEN, stamp(day, minute++));
		int64_t cash = 500000000 + (t == 0 ? out : 0);

		q->npost = 2;
		q->post[0] = (struct posting){ GL_CASH, t + 1, cash };
		q->post[1] = (struct posting){ GL_VAULT, 0, -cash };
		g->drawer[t] = cash;
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
		if (g->nq + 64 >= g->cap && (r = flush(g)) != 0)
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
	running_costs(g, day, stamp(day, 500));
	for (t = 0; t < 3; t++)
		close_drawer(g, t, stamp(day, 540 + t));
	return flush(g);
}

/* The day's end, by the supervisor; the year's, by the manager. */
static int
day_close(struct gen *g, uint32_t day,
    void (*progress)(void *, const char *, uint32_t), void *arg)
{
	struct eod_report	 rep;
	int			 r;

	if (day == g->end && g->p->leave_last_open)
		return 0;
	if ((r = store_eod(g->st, g->branch, day == date_year_end(day) ?
	    "mira" : "sisi", day, 0, stamp(day, 560), &rep)) != 0)
		return r;
	g->entries++;
	if (progress != NULL)
		progress(arg, g->branch, day);
	return 0;
}

/* The branch's days from..to, each closed. */
static int
branch_days(struct gen *g, uint32_t from, uint32_t to,
    void (*progress)(void *, const char *, uint32_t), void *arg)
{
	uint32_t	 day;
	int		 r;

	for (day = from; day <= to; day++)
		if ((r = day_work(g, day)) != 0 ||
		    (r = day_close(g, day, progress, arg)) != 0)
			return r;
	return 0;
}

/* -- the members' meeting ------------------------------------------------ */

static const char *agenda[] = {
	"Laporan pertanggungjawaban pengurus dan pengawas tahun buku",
	"Pembagian SHU tahun buku",
	"Rencana kerja dan anggaran",
};

/*
 * A request of the meeting at a site, posted at once: the head office's
 * steps and each batch of marks depend on the ones before.
 */
static struct rat_mark_req *
rat_req(struct gen *g, uint16_t kind, int64_t when, uint32_t year,
    struct post_req **qp)
{
	struct post_req	*q;
	size_t		 i;

	q = next_req(g, "mira", kind, when);
	i = q - g->q;
	memset(&g->rmk[i], 0, sizeof g->rmk[i]);
	g->rmk[i].year = year;
	*qp = q;
	return &g->rmk[i];
}

static void
rat_req_done(struct gen *g, struct post_req *q, const char *user,
    int64_t when)
{
	q->request_id = g->ids[q - g->q];
	q->user = user;
	q->time = when;
}

/*
 * A branch's delegates: one for every 25 members who have joined
 * (members 1, 26, 51 ..), at least one.  Seven in eight come.
 */
static uint64_t
delegates(const struct gen *g)
{
	return g->nmembers >= 50 ? g->nmembers / 25 : 1;
}

/* Delegate j's vote on item n: mostly yes. */
static uint8_t
rat_choice(uint64_t j, uint16_t n)
{
	if (n == 1 && j % 11 == 3)
		return RAT_ABSTAIN;
	if (n == 2 && j % 13 == 5)
		return RAT_NO;
	if (n == 3 && j % 9 == 4)
		return RAT_ABSTAIN;
	return RAT_YES;
}

/* Each site's delegates attend (item 0) or vote on item n. */
static int
rat_marks(struct gen *gs, int nb, uint32_t year, uint16_t n, int64_t when)
{
	struct post_req		*q;
	struct rat_mark_req	*m;
	struct gen		*g;
	uint64_t		 j;
	int			 b, r;

	for (b = 0; b < nb; b++) {
		g = &gs[b];
		for (j = 0; j < delegates(g); j++) {
			if (j % 8 == 7)
				continue;
			m = rat_req(g, n == 0 ? EK_RAT_ATTEND : EK_RAT_VOTE,
			    when, year, &q);
			m->mbranch = g->branch;
			m->member = 1 + j * 25;
			m->item = n;
			m->choice = n == 0 ? 0 : rat_choice(j, n);
			rat_mark_req(q, g->branch, "ani", m);
			rat_req_done(g, q, "ani", when + (int64_t)j);
			if (g->nq + 8 >= g->cap && (r = flush(g)) != 0)
				return r;
		}
		if ((r = flush(g)) != 0)
			return r;
	}
	return 0;
}

/*
 * The RAT of year at the head office (gs[0]) on day, as loket rat holds
 * it: opened by the manager with a quorum of the delegates, the agenda,
 * each site's delegates present, a vote on each item, and the close.
 */
static int
hold_rat(struct gen *gs, int nb, uint32_t year, uint32_t day)
{
	struct gen		*hq = &gs[0];
	struct post_req		*q;
	struct rat_mark_req	*m;
	char			 title[RAT_TITLE_MAX + 1];
	uint64_t		 n = 0;
	int64_t			 when = stamp(day, 60);
	uint16_t		 i;
	int			 b, r;

	for (b = 0; b < nb; b++)
		n += delegates(&gs[b]);
	memset(&hq->ratq, 0, sizeof hq->ratq);
	hq->ratq.year = year;
	hq->ratq.date = day;
	hq->ratq.mode = RAT_DELEGATES;
	hq->ratq.delegates = n;
	q = next_req(hq, "mira", EK_RAT_OPEN, when);
	rat_open_req(q, hq->branch, "mira", &hq->ratq);
	rat_req_done(hq, q, "mira", when);
	if ((r = flush(hq)) != 0)
		return r;
	for (i = 0; i < sizeof agenda / sizeof agenda[0]; i++) {
		m = rat_req(hq, EK_RAT_ITEM, when + 60 + i, year, &q);
		snprintf(title, sizeof title, "%s %" PRIu32, agenda[i],
		    i < 2 ? year : year + 1);
		/* The title is copied into the entry as it is built. */
		rat_item_req(q, hq->branch, "mira", m, title);
		rat_req_done(hq, q, "mira", when + 60 + i);
		if ((r = flush(hq)) != 0)
			return r;
	}
	/* From 09:30 the delegates sign in; voting from 11:00. */
	if ((r = rat_marks(gs, nb, year, 0, stamp(day, 90))) != 0)
		return r;
	for (i = 1; i <= sizeof agenda / sizeof agenda[0]; i++) {
		when = stamp(day, 180 + 40 * i);
		m = rat_req(hq, EK_RAT_VOTE_OPEN, when, year, &q);
		m->item = i;
		rat_step_req(q, hq->branch, "mira", EK_RAT_VOTE_OPEN, m);
		rat_req_done(hq, q, "mira", when);
		if ((r = flush(hq)) != 0 ||
		    (r = rat_marks(gs, nb, year, i, when + 60)) != 0)
			return r;
		m = rat_req(hq, EK_RAT_VOTE_CLOSE, when + 1800, year, &q);
		m->item = i;
		rat_step_req(q, hq->branch, "mira", EK_RAT_VOTE_CLOSE, m);
		rat_req_done(hq, q, "mira", when + 1800);
		if ((r = flush(hq)) != 0)
			return r;
	}
	when = stamp(day, 330);
	m = rat_req(hq, EK_RAT_CLOSE, when, year, &q);
	rat_step_req(q, hq->branch, "mira", EK_RAT_CLOSE, m);
	rat_req_done(hq, q, "mira", when);
	return flush(hq);
}

/*
 * After the meeting each branch's manager enters the health checklists
 * (loket health checklist): the RAT held in time, the rest mostly good.
 */
static int
checklists(struct gen *gs, int nb, int64_t when)
{
	static const char *lists[][2] = {
		{ "governance", "112122" },
		{ "risk", "2122" },
		{ "management", "12122" },
	};
	struct post_req	*q;
	size_t		 i;
	int		 b, r;

	for (b = 0; b < nb; b++) {
		for (i = 0; i < sizeof lists / sizeof lists[0]; i++) {
			q = next_req(&gs[b], "mira", EK_HEALTH_CHECK, when);
			health_check_req(q, gs[b].branch, "mira", lists[i][0],
			    lists[i][1]);
			rat_req_done(&gs[b], q, "mira", when + (int64_t)i);
		}
		if ((r = flush(&gs[b])) != 0)
			return r;
	}
	return 0;
}

/*
 * After the meeting, the manager posts the year's split as loket shu
 * post does: the head office (the first branch) decides the
 * cooperative's split, then each branch posts its members' shares.  A
 * year with a loss has nothing to divide: the head office decides
 * nothing, and the branches have no decision to post against.
 */
static int
post_shu(struct gen *gs, int nb, uint32_t year, int64_t when)
{
	struct shu_post_report	 rep;
	int			 b, r, loss = 0;

	for (b = 0; b < nb; b++) {
		r = store_shu_post(gs[b].st, gs[b].branch, "mira", (int)year,
		    when, &rep);
		if (r == STORE_E_AMOUNT) {
			loss = 1;
			continue;
		}
		if (r == STORE_E_SHUNOPLAN && loss)
			continue;
		if (r != 0)
			return r;
		gs[b].entries += rep.entries;
	}
	return 0;
}

/* The meeting's day for a year closed in the history: 14 March after. */
static uint32_t
rat_day(uint32_t start, uint32_t end, int *year)
{
	int		 y, m, d;
	uint32_t	 day;

	date_to_ymd(start, &y, &m, &d);
	for (; ; y++) {
		day = date_from_ymd(y + 1, 3, 14);
		if (day > end)
			return 0;
		if (date_from_ymd(y, 12, 31) >= start) {
			*year = y;
			return day;
		}
	}
}

static int
gen_alloc(struct gen *g, struct store *st, const struct demo_params *p,
    uint64_t seed)
{
	memset(g, 0, sizeof *g);
	g->st = st;
	g->p = p;
	g->seed = seed;
	g->cap = 4096;
	g->q = calloc(g->cap, sizeof *g->q);
	g->res = calloc(g->cap, sizeof *g->res);
	g->mq = calloc(g->cap, sizeof *g->mq);
	g->names = calloc(g->cap, sizeof *g->names);
	g->niks = calloc(g->cap, sizeof *g->niks);
	g->addrs = calloc(g->cap, sizeof *g->addrs);
	g->ids = calloc(g->cap, sizeof *g->ids);
	g->fv = calloc(g->cap, sizeof *g->fv);
	g->lprod = calloc(g->cap, sizeof *g->lprod);
	g->lapp = calloc(g->cap, sizeof *g->lapp);
	g->lpay = calloc(g->cap, sizeof *g->lpay);
	g->lnum = calloc(g->cap, sizeof *g->lnum);
	g->rmk = calloc(g->cap, sizeof *g->rmk);
	if (g->q == NULL || g->res == NULL || g->mq == NULL ||
	    g->names == NULL || g->niks == NULL || g->addrs == NULL ||
	    g->ids == NULL || g->fv == NULL || g->lprod == NULL ||
	    g->lapp == NULL || g->lpay == NULL || g->lnum == NULL ||
	    g->rmk == NULL)
		return ENOMEM;
	return 0;
}

static void
gen_free(struct gen *g)
{
	free(g->q);
	free(g->res);
	free(g->mq);
	free(g->names);
	free(g->niks);
	free(g->addrs);
	free(g->ids);
	free(g->fv);
	free(g->sukarela);
	free(g->wajib);
	free(g->joined);
	free(g->loans);
	free(g->lprod);
	free(g->lapp);
	free(g->lpay);
	free(g->lnum);
	free(g->rmk);
}

int
demo_generate(struct store *st, const struct demo_params *p,
    void (*progress)(void *, const char *, uint32_t), void *arg,
    uint64_t *entries)
{
	static const struct {
		const char	*code, *name;
		int		 regency;
	} branches[2] = {
		{ "MOF", "Cabang Maumere", 10 },
		{ "ENDE", "Cabang Ende", 11 },
	};
	struct gen	 gs[2];
	char		 h[3][128];
	const char	*hashes[3] = { h[0], h[1], h[2] };
	uint64_t	 per = p->branches > 1 ? p->members / 2 + p->members % 2 :
	    p->members;
	uint32_t	 meet, from;
	int		 nb = p->branches > 1 ? 2 : 1, b, r, year = 0;

	memset(gs, 0, sizeof gs);
	if ((r = user_hash_password("teller-pass", h[0], sizeof h[0])) != 0 ||
	    (r = user_hash_password("super-pass", h[1], sizeof h[1])) != 0 ||
	    (r = user_hash_password("manager-pass", h[2], sizeof h[2])) != 0)
		return r;
	meet = rat_day(p->start, p->end, &year);
	for (b = 0; b < nb; b++) {
		struct gen *g = &gs[b];
		uint64_t seed = p->seed ? p->seed : 1;

		/* The second branch's numbers: another stream of the seed. */
		if (b > 0)
			seed = rnd(&seed) | 1;
		if ((r = gen_alloc(g, st, p, seed)) != 0)
			goto out;
		snprintf(g->branch, sizeof g->branch, "%s", branches[b].code);
		g->name = branches[b].name;
		g->regency = branches[b].regency;
		g->members = b == 0 ? per : p->members - per;
		g->start = p->start;
		g->end = p->end;
		g->villages = b == 0 ? villages_mof : villages_end;
		g->nvillages = b == 0 ?
		    sizeof villages_mof / sizeof villages_mof[0] :
		    sizeof villages_end / sizeof villages_end[0];
		if ((g->sukarela = calloc(g->members + 1,
		    sizeof *g->sukarela)) == NULL ||
		    (g->wajib = calloc(g->members + 1,
		    sizeof *g->wajib)) == NULL ||
		    (g->joined = calloc(g->members + 1,
		    sizeof *g->joined)) == NULL) {
			r = ENOMEM;
			goto out;
		}
		/* MOF is the head office when the history holds a RAT. */
		if ((r = branch_init(g, b == 0 && meet != 0 ? BRANCH_F_HEAD :
		    0, hashes)) != 0)
			goto out;
	}
	from = p->start;
	if (meet != 0) {
		/* Every branch up to the meeting's day, which all hold. */
		for (b = 0; b < nb; b++)
			if ((r = branch_days(&gs[b], from, meet - 1, progress,
			    arg)) != 0 || (r = day_work(&gs[b], meet)) != 0)
				goto out;
		if ((r = hold_rat(gs, nb, (uint32_t)year, meet)) != 0 ||
		    (r = post_shu(gs, nb, (uint32_t)year,
		    stamp(meet, 420))) != 0 ||
		    (r = checklists(gs, nb, stamp(meet, 440))) != 0)
			goto out;
		for (b = 0; b < nb; b++)
			if ((r = day_close(&gs[b], meet, progress, arg)) != 0)
				goto out;
		from = meet + 1;
	}
	for (b = 0; b < nb; b++)
		if ((r = branch_days(&gs[b], from, p->end, progress,
		    arg)) != 0)
			goto out;
	if (entries != NULL) {
		uint64_t	 bytes;

		if ((r = store_stat(st, entries, &bytes)) != 0)
			goto out;
	}
out:
	for (b = 0; b < nb; b++)
		gen_free(&gs[b]);
	return r;
}
