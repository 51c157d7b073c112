/*
 * store/receipt.c: the receipt of a counter entry, as data and as text.
 * The text's labels pass through the caller's translator (gettext in the
 * console and the commands), so the store itself stays free of locale.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/store-int.h"

#define RECEIPT_WIDTH	40

/* A member's own account: savings or a loan, which a receipt tells. */
static int
member_account(uint32_t gl)
{
	return gl == GL_POKOK || gl == GL_WAJIB || gl == GL_SUKARELA ||
	    gl == GL_BERJANGKA || gl == GL_LOANS;
}

/*
 * Member n's account gl.sub, its natural balance just after entry seq:
 * today's less what the member's later entries moved (a reprint tells
 * the balance of its day).  e is scratch space.
 */
static int
balance_then(struct store_txn *t, const char *branch, uint64_t n,
    uint32_t gl, uint64_t sub, uint64_t seq, struct entry *e, int64_t *then)
{
	struct balance	 bal;
	uint64_t	 seqs[64];
	size_t		 got, i;
	uint16_t	 j;
	int64_t		 now, sign = gl == GL_LOANS ? 1 : -1;
	int		 r;

	if ((r = account_balance(t, branch, gl, sub, &bal)) != 0)
		return r;
	now = sign * bal.amount;
	r = member_entries(t, branch, n, 1, seqs, 64, &got);
	for (i = 0; r == 0 && i < got && seqs[i] > seq; i++) {
		if ((r = journal_get(t, branch, seqs[i], e)) != 0)
			break;
		for (j = 0; j < e->npost; j++) {
			if (e->post[j].gl == gl && e->post[j].sub == sub)
				now -= sign * e->post[j].amount;
		}
	}
	if (r == 0 && i == got && got == 64)
		r = E2BIG;	/* too far back to tell */
	*then = now;
	return r;
}

/*
 * The account a posting shows as: a repayment's credit to 1202 (interest
 * the old books accrued, paid now) as loan interest, the member's view.
 */
static uint32_t
receipt_gl(const struct entry *e, const struct posting *p)
{
	if (e->kind == EK_LOAN_REPAY && p->gl == GL_LOAN_INT_RCV &&
	    p->amount < 0)
		return GL_LOAN_INT;
	return p->gl;
}

int
store_receipt(struct store_txn *t, const char *branch, uint64_t seq,
    struct receipt *rc)
{
	struct entry	*e;
	struct branch	 b;
	struct member	 m;
	struct account	 a, ctl;
	uint64_t	 n = 0;
	uint32_t	 gl;
	uint16_t	 i;
	int64_t		 cash = 0, debits = 0, then;
	int		 r;

	memset(rc, 0, sizeof *rc);
	if ((e = malloc(sizeof *e)) == NULL)
		return ENOMEM;
	if ((r = journal_get(t, branch, seq, e)) != 0 ||
	    (r = branch_get(t, branch, &b)) != 0)
		goto out;
	snprintf(rc->branch, sizeof rc->branch, "%s", branch);
	snprintf(rc->branch_name, sizeof rc->branch_name, "%s", b.name);
	(void)setting_get(t, branch, "coop.name", rc->coop, sizeof rc->coop);
	rc->seq = seq;
	rc->kind = e->kind;
	rc->date = e->date;
	rc->time = e->time;
	snprintf(rc->user, sizeof rc->user, "%s", e->user);
	snprintf(rc->approver, sizeof rc->approver, "%s", e->approver);
	if (entry_get_u64(e, F_MEMBER, &n) == 0 &&
	    member_get(t, branch, n, &m) == 0) {
		rc->member = n;
		snprintf(rc->member_name, sizeof rc->member_name, "%s", m.name);
	}
	for (i = 0; i < e->npost; i++) {
		const struct posting *p = &e->post[i];

		if (p->amount > 0)
			debits += p->amount;
		if (p->gl == GL_CASH) {
			cash += p->amount;
			continue;
		}
		if (p->gl == GL_ROUNDING && p->sub == 0)
			rc->rounding -= p->amount;
		if (p->gl == GL_TAX_PAYABLE || p->gl == GL_LOAN_FEE ||
		    (p->gl == GL_OTHER_INC && e->kind == EK_TERM_CLOSE))
			rc->kept -= p->amount;
		gl = receipt_gl(e, p);
		/* Loan interest in two postings: one line. */
		if (gl != p->gl && rc->nline > 0 &&
		    rc->line[rc->nline - 1].gl == gl) {
			rc->line[rc->nline - 1].amount -= p->amount;
			continue;
		}
		if ((r = account_get(t, branch, gl, p->sub, &a)) != 0)
			goto out;
		rc->line[rc->nline].gl = gl;
		rc->line[rc->nline].sub = p->sub;
		/* What moved in or out of the account, as a positive sum. */
		rc->line[rc->nline].amount = p->amount < 0 ? -p->amount :
		    p->amount;
		rc->line[rc->nline].debit = p->amount > 0;
		rc->line[rc->nline].sign = account_natural(&a, p->amount) > 0 ?
		    1 : -1;
		if (p->sub != 0 &&
		    account_get(t, branch, p->gl, 0, &ctl) == 0)
			snprintf(rc->line[rc->nline].account,
			    sizeof rc->line[rc->nline].account, "%s", ctl.name);
		else
			snprintf(rc->line[rc->nline].account,
			    sizeof rc->line[rc->nline].account, "%s", a.name);
		rc->nline++;
	}
	/*
	 * Cash over the counter; without cash, what the member got.  The
	 * member's sum is the cash less the rounding taken in (rounded up)
	 * or with the rounding kept back (rounded down): net; gross is net
	 * with what was kept back.  Without cash, gross is what was debited.
	 */
	rc->cash = cash;
	rc->total = cash < 0 ? -cash : cash;
	if (cash > 0) {
		rc->net = cash - rc->rounding;
		rc->gross = rc->net + rc->kept;
	} else if (cash < 0) {
		rc->net = -cash + rc->rounding;
		rc->gross = rc->net + rc->kept;
	} else {
		rc->gross = debits - rc->rounding;
		rc->net = rc->gross - rc->kept;
		rc->total = rc->net;
	}
	rc->reverses = e->reverses;
	/*
	 * The balance after it of each of the member's accounts the entry
	 * moved (a wajib deposit tells wajib, a repayment what is left of
	 * the loan); an entry that moved none tells sukarela.
	 */
	for (i = 0; n != 0 && i < e->npost && rc->nbal < RECEIPT_MAXBAL; i++) {
		const struct posting *p = &e->post[i];
		uint16_t	 k;

		if (!member_account(p->gl) || p->sub == 0)
			continue;
		for (k = 0; k < rc->nbal && (rc->bal[k].gl != p->gl ||
		    rc->bal[k].sub != p->sub); k++)
			;
		if (k == rc->nbal) {
			rc->bal[k].gl = p->gl;
			rc->bal[k].sub = p->sub;
			rc->nbal++;
		}
	}
	if (n != 0 && rc->nbal == 0) {
		rc->bal[0].gl = GL_SUKARELA;
		rc->bal[0].sub = n;
		rc->nbal = 1;
	}
	for (i = 0; i < rc->nbal; i++) {
		if (balance_then(t, branch, n, rc->bal[i].gl, rc->bal[i].sub,
		    seq, e, &then) != 0) {
			rc->nbal = i;	/* unknown: left out, not guessed */
			break;
		}
		rc->bal[i].amount = then;
	}
	if ((r = money_terbilang(rc->total / 100, rc->words,
	    sizeof rc->words - 8)) != 0)
		goto out;
	strcat(rc->words, " rupiah");
out:
	free(e);
	return r;
}

struct out {
	char	*buf;
	size_t	 len;
	size_t	 used;
	int	 full;
};

static void
put(struct out *o, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	if (o->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->used, o->len - o->used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= o->len - o->used) {
		o->full = 1;
		return;
	}
	o->used += n;
}

/*
 * Pad a label to width columns (UTF-8 aware) and put an amount after,
 * with its sign when sign is +1 or -1 (a movement).
 */
static void
put_signed(struct out *o, const char *label, int64_t sen, int sign)
{
	char	 amt[48], a[48];
	size_t	 w = utf8_width(label), aw, pad;

	money_format(sen, a, sizeof a);
	snprintf(amt, sizeof amt, "%s%s", sign > 0 ? "+" : sign < 0 ? "-" :
	    "", a);
	aw = strlen(amt);
	pad = w + aw + 1 < RECEIPT_WIDTH ? RECEIPT_WIDTH - w - aw : 1;
	put(o, "%s%*s%s\n", label, (int)pad, "", amt);
}

static void
put_amount(struct out *o, const char *label, int64_t sen)
{
	put_signed(o, label, sen, 0);
}

/*
 * "label:" on a line of its own, then text indented two columns and
 * folded at spaces to the receipt's width (the amount in words).
 */
static void
put_wrapped(struct out *o, const char *label, const char *text)
{
	char		 line[RECEIPT_WIDTH * 4 + 1], word[256];
	const char	*p = text, *sp;
	size_t		 w = 0, ww, n;

	put(o, "%s:\n", label);
	line[0] = '\0';
	while (*p != '\0') {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		sp = strchr(p, ' ');
		n = sp != NULL ? (size_t)(sp - p) : strlen(p);
		if (n >= sizeof word)
			n = sizeof word - 1;
		memcpy(word, p, n);
		word[n] = '\0';
		p += n;
		ww = utf8_width(word);
		if (w > 0 && 2 + w + 1 + ww > RECEIPT_WIDTH) {
			put(o, "  %s\n", line);
			line[0] = '\0';
			w = 0;
		}
		if (strlen(line) + 1 + n < sizeof line) {
			if (w > 0)
				strcat(line, " ");
			strcat(line, word);
			w += (w > 0 ? 1 : 0) + ww;
		}
	}
	if (w > 0)
		put(o, "  %s\n", line);
}

/* An account as the member knows it (a msgid), or NULL: its own name. */
static const char *
member_label(uint32_t gl)
{
	switch (gl) {
	case GL_SUKARELA:
		return N_("Sukarela savings");
	case GL_WAJIB:
		return N_("Wajib savings");
	case GL_POKOK:
		return N_("Pokok savings");
	case GL_BERJANGKA:
		return N_("Term deposit");
	case GL_LOAN_INT:
		return N_("Loan interest");
	case GL_PENALTY:
		return N_("Penalty");
	case GL_LOAN_FEE:
		return N_("Admin fee and provisi");
	case GL_SAV_INT:
		return N_("Savings interest");
	case GL_TAX_PAYABLE:
		return N_("Tax");
	case GL_ROUNDING:
		return N_("Cash rounding");
	default:
		return NULL;
	}
}

static void
put_rule(struct out *o)
{
	put(o, "%.*s\n", RECEIPT_WIDTH, "----------------------------------------"
	    "--------");
}

/* The heading: the kind's own, or a receipt's in general. */
static const char *
title(uint16_t kind)
{
	const struct entry_kind	*k = entry_kind_get(kind);

	return k != NULL && k->receipt != NULL ? k->receipt : N_("RECEIPT");
}

/*
 * The receipt as text, RECEIPT_WIDTH columns wide: returns 0, or ERANGE
 * when buf is too small.  tr translates the labels (msgids).
 */
int
receipt_format(const struct receipt *rc, const char *(*tr)(const char *),
    char *buf, size_t len)
{
	struct out	 o = { buf, len, 0, 0 };
	struct tm	 tm;
	time_t		 when = (time_t)rc->time;
	char		 d[16], num[32], hm[8];
	char		 label[sizeof rc->line[0].account + 64];
	uint16_t	 i;

	if (len == 0)
		return ERANGE;
	buf[0] = '\0';
	date_format(rc->date, d, sizeof d);
	localtime_r(&when, &tm);
	strftime(hm, sizeof hm, "%H:%M", &tm);
	if (rc->coop[0] != '\0')
		put(&o, "%s\n", rc->coop);
	put(&o, "%s (%s)\n", rc->branch_name, rc->branch);
	put_rule(&o);
	put(&o, "%s\n", tr(title(rc->kind)));
	put(&o, "%s %s-%" PRIu64 "\n", tr(N_("No.")), rc->branch, rc->seq);
	if (rc->reverses != 0)
		put(&o, "%s %s-%" PRIu64 "\n", tr(N_("Reverses")), rc->branch,
		    rc->reverses);
	put(&o, "%s %s %s\n", tr(N_("Date")), d, hm);
	if (rc->member != 0) {
		member_format_number(rc->branch, rc->member, num, sizeof num);
		put(&o, "%s %s\n", tr(N_("Member")), num);
		put(&o, "%s\n", rc->member_name);
	}
	put_rule(&o);
	/*
	 * Each account the entry moved, as the member knows it, and how its
	 * balance moved: + up, - down (a loan repaid goes down, a penalty
	 * or interest paid goes up).
	 */
	for (i = 0; i < rc->nline; i++) {
		const char *ml = member_label(rc->line[i].gl);
		char code[32];

		if (rc->line[i].gl == GL_ROUNDING)
			continue;	/* said below, by the cash */

		if (rc->line[i].gl == GL_LOANS) {
			account_format_code(GL_LOANS, rc->line[i].sub, code,
			    sizeof code);
			snprintf(label, sizeof label, "%s %s", tr(N_("Loan")),
			    code);
		} else
			snprintf(label, sizeof label, "%s", ml != NULL ? tr(ml) :
			    rc->line[i].account);
		/* A transfer says which account paid and which was paid. */
		if (rc->kind == EK_TRANSFER) {
			char l2[sizeof label];

			snprintf(l2, sizeof l2, "%s %s", rc->line[i].debit ?
			    tr(N_("Out of")) : tr(N_("Into")), label);
			snprintf(label, sizeof label, "%s", l2);
		}
		put_signed(&o, label, rc->line[i].amount, rc->line[i].sign);
	}
	put_rule(&o);
	/*
	 * Every receipt that moves money says gross, what was kept back (if
	 * anything: fees of a disbursement, the tax and the penalty of a
	 * term deposit) and net, in the same words every time; then, when
	 * cash crossed the counter, the rounding to the cash unit (if any)
	 * and the cash counted, which the words spell out.
	 */
	put_amount(&o, tr(N_("Gross")), rc->gross);
	if (rc->kept != 0)
		put_signed(&o, tr(N_("Kept back")), rc->kept, -1);
	put_amount(&o, tr(N_("Net")), rc->net);
	if (rc->rounding != 0)
		put_signed(&o, tr(N_("Cash rounding")), rc->rounding < 0 ?
		    -rc->rounding : rc->rounding,
		    (rc->cash > 0) == (rc->rounding > 0) ? 1 : -1);
	if (rc->cash > 0)
		put_amount(&o, tr(N_("Cash received")), rc->cash);
	else if (rc->cash < 0)
		put_amount(&o, tr(N_("Cash paid out")), -rc->cash);
	put_wrapped(&o, tr(N_("In words")), rc->words);
	for (i = 0; i < rc->nbal; i++) {
		char	 acc[64];

		account_member_name(rc->bal[i].gl, rc->bal[i].sub, tr, acc,
		    sizeof acc);
		snprintf(label, sizeof label, tr(N_("%s balance")), acc);
		if (label[0] >= 'a' && label[0] <= 'z')
			label[0] -= 'a' - 'A';
		put_amount(&o, label, rc->bal[i].amount);
	}
	put(&o, "%s: %s\n", tr(N_("Teller")), rc->user);
	if (rc->approver[0] != '\0')
		put(&o, "%s: %s\n", tr(N_("Approved by")), rc->approver);
	/* Where the member signs, to the receipt's width. */
	if (rc->member != 0) {
		snprintf(label, sizeof label, "%s:", tr(N_("Member's "
		    "signature")));
		put(&o, "\n%s %.*s\n", label,
		    (int)(utf8_width(label) + 2 < RECEIPT_WIDTH ?
		    RECEIPT_WIDTH - utf8_width(label) - 1 : 1),
		    "________________________________________");
	}
	return o.full ? ERANGE : 0;
}
