/*
 * store/store.h: the books.  Every public function of store/, grouped by
 * the file that defines it.
 *
 * The store calls nothing else of loket's and never prints: functions
 * return 0, a positive errno, an LMDB code, or one of the STORE_E_* codes
 * below, which store_strerror() names.  Messages are English gettext
 * msgids; the caller translates them.
 *
 * Adding an entry kind takes, and only takes:
 *  1. its EK_ number at the end of enum entry_kind_no (never renumber), and
 *     any new F_ field tags at the end of enum field_tag;
 *  2. its row, a const struct entry_kind (name, title and receipt
 *     msgids, roles, KF_ flags, the fields it carries and requires),
 *     and its apply and after hooks, in the module that owns it, the row
 *     declared in store/store-int.h;
 *  3. the row's address in kinds[] in store/kind.c (entry_kind_get);
 *  4. its text in man/loket-journal.5 (number, name, fields, postings,
 *     who may post it), and its msgids translated in po/id.po;
 *  5. its tests: apply_entry's rules in a tests/unit file, and a
 *     tests/tNNNN-*.sh scenario for the command or screen that posts it.
 * Nothing outside the owning module switches on the kind: the engine
 * (apply_entry), receipts and the console read the row.
 */
#ifndef LOKET_STORE_H
#define LOKET_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "store/money.h"

#ifndef N_
#define N_(s)	(s)
#endif

/* Error codes: one negative range, below LMDB's (-30799 .. -30780). */
#define STORE_E_BASE		(-31000)
#define STORE_E_NOTFOUND	(STORE_E_BASE - 1)
#define STORE_E_EXISTS		(STORE_E_BASE - 2)
#define STORE_E_NEWER		(STORE_E_BASE - 3)	/* data from a newer loket */
#define STORE_E_OLDER		(STORE_E_BASE - 4)	/* cannot upgrade */
#define STORE_E_NODATA		(STORE_E_BASE - 5)	/* no data folder */
#define STORE_E_CORRUPT		(STORE_E_BASE - 6)	/* undecodable bytes */
#define STORE_E_AMOUNT		(STORE_E_BASE - 7)	/* zero, negative */
#define STORE_E_OVERFLOW	(STORE_E_BASE - 8)	/* amount too large */
#define STORE_E_UNBALANCED	(STORE_E_BASE - 9)
#define STORE_E_ACCOUNT		(STORE_E_BASE - 10)	/* unknown account */
#define STORE_E_MINIMUM		(STORE_E_BASE - 11)	/* past its minimum */
#define STORE_E_CLOSEDDAY	(STORE_E_BASE - 12)	/* dated into a closed day */
#define STORE_E_REVERSED	(STORE_E_BASE - 13)	/* reversed already */
#define STORE_E_USER		(STORE_E_BASE - 14)	/* unknown user */
#define STORE_E_DISABLED	(STORE_E_BASE - 15)	/* user disabled */
#define STORE_E_LOCKED		(STORE_E_BASE - 16)	/* too many failures */
#define STORE_E_PASSWORD	(STORE_E_BASE - 17)	/* wrong password */
#define STORE_E_ROLE		(STORE_E_BASE - 18)	/* role may not do this */
#define STORE_E_APPROVAL	(STORE_E_BASE - 19)	/* needs a supervisor */
#define STORE_E_SELFAPPROVE	(STORE_E_BASE - 20)	/* maker cannot approve */
#define STORE_E_REPLICA		(STORE_E_BASE - 21)	/* branch read-only here */
#define STORE_E_BRANCH		(STORE_E_BASE - 22)	/* unknown branch */
#define STORE_E_SEQUENCE	(STORE_E_BASE - 23)	/* gap or repeat */
#define STORE_E_CHAIN		(STORE_E_BASE - 24)	/* hash chain broken */
#define STORE_E_INVAL		(STORE_E_BASE - 25)	/* malformed request */
#define STORE_E_NAME		(STORE_E_BASE - 26)	/* bad name or text */
#define STORE_E_WEAKPASS	(STORE_E_BASE - 27)	/* password too short */
#define STORE_E_CONTROL		(STORE_E_BASE - 28)	/* posting to a control */
#define STORE_E_MEMBER		(STORE_E_BASE - 29)	/* no such member */
#define STORE_E_NIK		(STORE_E_BASE - 30)	/* malformed NIK */
#define STORE_E_NIKUSED		(STORE_E_BASE - 31)	/* NIK registered */
#define STORE_E_GENDER		(STORE_E_BASE - 32)	/* disagrees with NIK */
#define STORE_E_BIRTH		(STORE_E_BASE - 33)	/* disagrees with NIK */
#define STORE_E_INACTIVE	(STORE_E_BASE - 34)	/* member has left */
#define STORE_E_NOTWITHDRAW	(STORE_E_BASE - 35)	/* pokok and wajib */
#define STORE_E_BALANCE		(STORE_E_BASE - 36)	/* past the balance */
#define STORE_E_DRAWER		(STORE_E_BASE - 37)	/* drawer not open */
#define STORE_E_DRAWEROPEN	(STORE_E_BASE - 38)	/* drawer open already */
#define STORE_E_DRAWERS	(STORE_E_BASE - 39)	/* drawers open: no close */
#define STORE_E_DENOM		(STORE_E_BASE - 40)	/* not a denomination */
#define STORE_E_POKOK		(STORE_E_BASE - 41)	/* wrong pokok amount */
#define STORE_E_PHONE		(STORE_E_BASE - 42)
#define STORE_E_TERM		(STORE_E_BASE - 43)	/* bad berjangka terms */
#define STORE_E_CASH		(STORE_E_BASE - 44)	/* drawer short of cash */
#define STORE_E_SEN		(STORE_E_BASE - 45)	/* cash in whole Rupiah */
#define STORE_E_PRODUCT		(STORE_E_BASE - 46)	/* no such loan product */
#define STORE_E_LOAN		(STORE_E_BASE - 47)	/* no such loan */
#define STORE_E_LOANTERMS	(STORE_E_BASE - 48)	/* amount, term, rate */
#define STORE_E_NOTAPPROVED	(STORE_E_BASE - 49)	/* not approved yet */
#define STORE_E_LOANSTATE	(STORE_E_BASE - 50)	/* closed, active... */
#define STORE_E_PAYOFF		(STORE_E_BASE - 51)	/* more than is owed */
#define STORE_E_LOANOPEN	(STORE_E_BASE - 52)	/* a loan outstanding */
#define STORE_E_BATCH		(STORE_E_BASE - 53)	/* another of the batch failed */
#define STORE_E_SETTING		(STORE_E_BASE - 54)	/* value out of range */
#define STORE_E_MANAGER		(STORE_E_BASE - 55)	/* needs a manager */
#define STORE_E_SIGNED		(STORE_E_BASE - 56)	/* disagrees with a signed head */
#define STORE_E_SIGNKEY		(STORE_E_BASE - 57)	/* another signing key */
#define STORE_E_LONGPASS	(STORE_E_BASE - 58)	/* password too long */
#define STORE_E_RAT		(STORE_E_BASE - 59)	/* no such meeting, or closed */
#define STORE_E_RATITEM		(STORE_E_BASE - 60)	/* no such agenda item */
#define STORE_E_VOTING		(STORE_E_BASE - 61)	/* voting not open, or closed */
#define STORE_E_PRESENT		(STORE_E_BASE - 62)	/* present here already */
#define STORE_E_VOTED		(STORE_E_BASE - 63)	/* voted on the item already */
#define STORE_E_ABSENT		(STORE_E_BASE - 64)	/* not recorded present here */
#define STORE_E_NOTMEMBER	(STORE_E_BASE - 65)	/* not a member on the date */
#define STORE_E_SITE		(STORE_E_BASE - 66)	/* not one of the meeting's sites */
#define STORE_E_CLOSEDYEAR	(STORE_E_BASE - 67)	/* into a closed year */
#define STORE_E_SHUOPEN		(STORE_E_BASE - 68)	/* year not closed */
#define STORE_E_SHUPOSTED	(STORE_E_BASE - 69)	/* divided already */
#define STORE_E_CASHUNIT	(STORE_E_BASE - 70)	/* not a multiple of cash.rounding */
/* - 79 .. - 81: the cooperative-wide SHU (store/shu-year.c). */
#define STORE_E_SHUPLAN		(STORE_E_BASE - 79)	/* not the head office's list */
#define STORE_E_SHUNOPLAN	(STORE_E_BASE - 80)	/* head office not decided yet */
#define STORE_E_SHUBRANCH	(STORE_E_BASE - 81)	/* a branch's year not closed */
#define STORE_E_LAST		(STORE_E_BASE - 82)
/* NIK_E_* (store/money.h) are STORE_E_BASE - 201 .. - 205. */
/* sync/'s codes; their numbers travel in error messages: never renumber. */
#define SYNC_E_BASE		(STORE_E_BASE - 1000)
#define SYNC_E_NETWORK		(SYNC_E_BASE - 1)	/* unreachable, cut, timed out */
#define SYNC_E_HOSTKEY		(SYNC_E_BASE - 2)	/* unknown or changed host key */
#define SYNC_E_AUTH		(SYNC_E_BASE - 3)	/* our key was refused */
#define SYNC_E_CHAIN		(SYNC_E_BASE - 4)	/* the two chains disagree */
#define SYNC_E_REFUSED		(SYNC_E_BASE - 5)	/* an entry does not apply */
#define SYNC_E_PROTO		(SYNC_E_BASE - 6)	/* malformed or unexpected message */
#define SYNC_E_FRAME		(SYNC_E_BASE - 7)	/* corrupt, truncated, too big */
#define SYNC_E_BRANCH		(SYNC_E_BASE - 8)	/* a branch this side may not take */
#define SYNC_E_GAP		(SYNC_E_BASE - 9)	/* a frame out of order */
#define SYNC_E_VERSION		(SYNC_E_BASE - 10)	/* another protocol version */
#define SYNC_E_KEY		(SYNC_E_BASE - 11)	/* our own key is unusable */
#define SYNC_E_REMOTE		(SYNC_E_BASE - 12)	/* the remote command failed */
#define SYNC_E_LAST		(SYNC_E_BASE - 13)
/* The whole range: loket's own codes, every one named by store_strerror(). */
#define STORE_E_END		(STORE_E_BASE - 2000)
#define STORE_E_OURS(r)		((r) < STORE_E_BASE && (r) > STORE_E_END)
/* Not an error: a store_write() function's way to write nothing. */
#define STORE_ABORT		(STORE_E_BASE - 100)

/* Limits. */
#define BRANCH_MAX	8	/* branch code, [A-Z0-9], 1..8 */
#define LOGIN_MAX	16	/* user id, [a-z0-9._-], 1..16 */
#define NAME_MAX_COLS	100	/* a person's or account's name */
#define ENTRY_MAXSIZE	4096	/* encoded entry */
#define ENTRY_MAXPOST	64
#define ENTRY_MAXFIELD	16
#define AMOUNT_MAX	INT64_C(100000000000000000)	/* 10^15 Rupiah in sen */
#define HASH_LEN	32
#define PASSWORD_MAX	128	/* bytes, refused past it (messages say 128) */
#define SCHEMA_VERSION	2	/* 2: period totals */

struct store;
struct store_txn;

/* Roles, a bit each so that rules can name several. */
#define ROLE_TELLER	0x01
#define ROLE_SUPERVISOR	0x02
#define ROLE_MANAGER	0x04
#define ROLE_AUDITOR	0x08
#define ROLE_ADMIN	0x10
#define ROLE_SYSTEM	0x80	/* loket itself: init, end of day */

/* Account types and the chart. */
enum acct_type {
	ACCT_ASSET = 1,
	ACCT_LIABILITY,
	ACCT_EQUITY,
	ACCT_INCOME,
	ACCT_EXPENSE
};
#define ACCT_F_MIN	0x01	/* natural balance may not go below min */
#define ACCT_F_CONTROL	0x02	/* only its sub-accounts take postings */
#define ACCT_F_CLOSED	0x04

/* General-ledger codes of the default chart (store/account.c). */
#define GL_CASH		1101	/* kas: control of the tellers' drawers */
#define GL_VAULT	1102	/* khasanah */
#define GL_BANK		1110
#define GL_LOANS	1201	/* piutang pinjaman anggota */
#define GL_LOAN_INT_RCV	1202	/* pendapatan jasa yang masih harus diterima */
#define GL_LOAN_ALLOW	1209	/* penyisihan penghapusan pinjaman */
#define GL_SUKARELA	2101
#define GL_BERJANGKA	2102
#define GL_TAX_PAYABLE	2201
#define GL_SHU_PAYABLE	2301
#define GL_OTHER_PAYABLE 2901
#define GL_POKOK	3101
#define GL_WAJIB	3102
#define GL_RESERVE	3201
#define GL_GRANT	3301	/* modal penyetaraan / hibah */
#define GL_SHU		3401	/* SHU tahun berjalan */
#define GL_OPENING	3901	/* saldo awal (import of the old books) */
#define GL_SUSPENSE_DR	1901	/* import: a difference accepted, debit */
#define GL_SUSPENSE_CR	2902	/* import: a difference accepted, credit */
#define GL_INTEROFFICE	2903	/* rekening antar kantor: SHU between offices */
#define GL_LOAN_INT	4101	/* pendapatan jasa pinjaman */
#define GL_LOAN_FEE	4102	/* administrasi dan provisi */
#define GL_PENALTY	4103	/* denda */
#define GL_OTHER_INC	4901
#define GL_ROUNDING	4902	/* pembulatan kas: opened by its first use */
#define GL_SAV_INT	5101	/* beban jasa simpanan */
#define GL_OPEX		5201	/* beban operasional */
#define GL_PROVISION	5202	/* beban penyisihan pinjaman */
#define GL_OVERSHORT	5301	/* selisih kas, a sub-account per teller */
/* Opened by loket itself after the branch (store/statement.c). */
#define GL_DEPOSITS	1120	/* simpanan/deposito di lembaga lain */
#define GL_PREPAID	1301	/* biaya dibayar dimuka */
#define GL_INVEST	1401	/* penyertaan */
#define GL_FIXED	1501	/* aset tetap */
#define GL_DEPREC	1509	/* akumulasi penyusutan */
#define GL_TITIPAN	2103
#define GL_FUND_BOARD	2401	/* dana pengurus */
#define GL_FUND_STAFF	2402	/* dana karyawan */
#define GL_FUND_EDU	2403	/* dana pendidikan */
#define GL_FUND_SOCIAL	2404	/* dana sosial */
#define GL_BORROW	2501	/* utang bank, koperasi lain, LPDB */
#define GL_RISK_RESERVE	3202	/* cadangan risiko */
#define GL_NONMEMBER_INC 4201	/* pendapatan dari non-anggota */
#define GL_DEPREC_EXP	5203	/* beban penyusutan */

struct account {
	uint32_t	 gl;
	uint64_t	 sub;		/* 0: the GL account itself */
	uint8_t		 type;		/* enum acct_type */
	uint8_t		 flags;		/* ACCT_F_* */
	int64_t		 min;		/* natural balance floor, sen */
	char		 name[NAME_MAX_COLS * 4 + 1];
};

/* Natural balance: positive on the account's normal side. */
struct balance {
	int64_t		 amount;	/* debit minus credit, sen */
	uint64_t	 last_seq;	/* the last entry that moved it */
	int64_t		 debit;		/* all debits ever posted, sen */
	int64_t		 credit;	/* all credits ever, positive */
	uint32_t	 date;		/* the last business day it moved */
	int64_t		 day_debit;	/* debits on that day */
	int64_t		 day_credit;	/* credits on that day */
};

/* Entry kinds.  Never renumber: the numbers are in every journal. */
enum entry_kind_no {
	EK_BRANCH_OPEN = 1,	/* first entry of a branch's journal */
	EK_USER_ADD,
	EK_USER_SET,		/* disable, enable, role, name */
	EK_USER_PASSWD,
	EK_ACCOUNT_OPEN,
	EK_JOURNAL,		/* a general posting between accounts */
	EK_REVERSAL,
	EK_DAY_CLOSE,
	EK_SETTING,
	EK_MEMBER_JOIN,		/* registers, opens savings, takes pokok */
	EK_MEMBER_LEAVE,	/* resigns or dies: paid out, accounts closed */
	EK_DEPOSIT,		/* cash in to a member's wajib or sukarela */
	EK_WITHDRAW,		/* cash out of a member's sukarela */
	EK_TRANSFER,		/* between one member's own accounts */
	EK_DRAWER_OPEN,		/* a teller's drawer, with cash from the vault */
	EK_VAULT_XFER,		/* cash between an open drawer and the vault */
	EK_DRAWER_CLOSE,	/* counted by denomination; difference posted */
	EK_INTEREST,		/* month-end sukarela interest and its tax */
	EK_TERM_OPEN,		/* a berjangka deposit */
	EK_TERM_CLOSE,		/* a berjangka deposit paid out */
	EK_LOAN_PRODUCT,	/* a loan product defined or changed */
	EK_LOAN_APPLY,		/* a member applies for a loan: no postings */
	EK_LOAN_APPROVE,	/* by a supervisor or manager, not the maker */
	EK_LOAN_DISBURSE,	/* paid out in cash or to sukarela */
	EK_LOAN_REPAY,		/* allocated penalty, interest, principal */
	EK_LOAN_AGE,		/* end of day: instalments falling due */
	EK_LOAN_WRITEOFF,	/* by a manager: the outstanding to expense */
	EK_LOAN_RECOVER,	/* money in on a written-off loan */
	EK_IMPORT_OPENING,	/* loket import: balance-sheet lines */
	EK_IMPORT_MEMBER,	/* a member of the old books, with savings */
	EK_IMPORT_TERM,		/* a berjangka deposit of the old books */
	EK_IMPORT_LOAN,		/* a loan where the old books left off */
	EK_RAT_OPEN,		/* the annual members' meeting opens */
	EK_RAT_ITEM,		/* an agenda item */
	EK_RAT_VOTE_OPEN,	/* voting on an item opens */
	EK_RAT_VOTE_CLOSE,	/* and closes */
	EK_RAT_CLOSE,		/* the meeting closes */
	EK_RAT_ATTEND,		/* a member present at a site */
	EK_RAT_VOTE,		/* a present member's vote on an item */
	EK_ACCRUAL,		/* month end: loan interest receivable */
	EK_PROVISION,		/* month end: the loan-loss allowance */
	EK_YEAR_CLOSE,		/* 31 December: income, expense to SHU */
	EK_SHU_POST,		/* a closed year's SHU divided, after the RAT */
	EK_HEALTH_CHECK,	/* a health checklist entered by a manager */
	EK_SHU_PLAN = 47,	/* head office: the cooperative's SHU decided */
	EK_LAST
};

/* Field tags, by kind.  Never renumber. */
enum field_tag {
	F_MEMO = 1,		/* free text */
	F_NAME,			/* branch, user or account name */
	F_LOGIN,		/* user id acted on */
	F_ROLE,
	F_HASH,			/* crypt(3) hash */
	F_FLAGS,
	F_TZ,
	F_DATE,			/* a date: opened, closed day */
	F_GL,
	F_SUB,
	F_TYPE,
	F_MIN,
	F_KEY,			/* setting name */
	F_VALUE,		/* setting value */
	F_COOP,			/* the cooperative's name */
	F_FORCED,		/* a close forced by a manager */
	F_MEMBER,		/* member number within the branch */
	F_NIK,
	F_GENDER,		/* 'L' or 'P' */
	F_BIRTH,		/* birth date, YYYYMMDD */
	F_ADDRESS,
	F_VILLAGE,		/* desa or kelurahan */
	F_PHONE,
	F_STATUS,		/* member status after a leave */
	F_COUNT,		/* drawer count: (rupiah, pieces) pairs */
	F_TERM,			/* months */
	F_RATE,			/* basis points a year */
	F_PENALTY,		/* an early berjangka withdrawal's penalty */
	F_LOAN,			/* loan number within the branch */
	F_PRODUCT,		/* loan product code */
	F_METHOD,		/* LOAN_FLAT, LOAN_DECLINING, LOAN_ANNUITY */
	F_MRATE,		/* loan interest, basis points a month */
	F_PENRATE,		/* loan penalty, basis points a day */
	F_FEE,			/* admin fee, basis points of the principal */
	F_PROVISI,		/* provisi, basis points of the principal */
	F_ORDER,		/* repayment order, LOAN_ORDER_* */
	F_REGIME,		/* collectability regime, LOAN_REGIME_* */
	F_PRINCIPAL,		/* a loan's principal, sen */
	F_OLDNO,		/* a member's or loan's number in the old books */
	F_ARREARS,		/* wajib months unpaid at the cutover */
	F_NEXT,			/* a loan's next instalment, 1..term+1 */
	F_ARR_PRINCIPAL,	/* a loan's principal in arrears, sen */
	F_ARR_INTEREST,		/* a loan's interest in arrears, sen */
	F_RAT,			/* a meeting: its year */
	F_SITES,		/* a meeting's sites: branch codes, commas */
	F_ELIGIBLE,		/* members (or delegates) who may attend */
	F_QUORUM,		/* how many make the quorum */
	F_ITEM,			/* agenda item number */
	F_CHOICE,		/* a vote: RAT_YES, RAT_NO, RAT_ABSTAIN */
	F_MBRANCH,		/* F_ATTENDEE's branch, if not the entry's */
	F_ATTENDEE,		/* a member at a meeting, number in F_MBRANCH */
	F_PORTFOLIO,		/* loans by class, store/accrual.c */
	F_RULE,			/* a loan-repay's rule: LOAN_REPAY_ADVANCE */
	F_CASHUNIT = 54,	/* cash.rounding, sen, the entry's cash obeys */
	F_SHU_PLAN = 56,	/* the cooperative's SHU: totals, each branch */
	F_SHU_REF,		/* a branch's SHU posting: the plan's entry */
	F_ACCRUED = 60,		/* an imported loan's arrears of interest in 1202 */
	F_LAST
};

struct posting {
	uint32_t	 gl;
	uint64_t	 sub;
	int64_t		 amount;	/* debit positive, credit negative */
};

struct field {
	uint16_t	 tag;
	uint16_t	 len;
	const uint8_t	*val;
};

/*
 * An entry as it lives in memory.  The branch and the sequence number
 * are carried by the journal's key and by a frame's header, not by the
 * encoded bytes: each entry's hash chains it to its predecessor, and the
 * chain of a branch starts from a seed made of the branch's code, so an
 * entry moved to another place or branch no longer verifies (see
 * loket-journal(5)).  That keeps ten bytes off every entry on thin links.
 */
struct entry {
	char		 branch[BRANCH_MAX + 1];
	uint64_t	 seq;
	uint16_t	 kind;		/* enum entry_kind_no */
	uint32_t	 date;		/* business date, days since 1970-01-01 */
	int64_t		 time;		/* UTC seconds */
	char		 user[LOGIN_MAX + 1];
	char		 approver[LOGIN_MAX + 1];	/* "" if none */
	uint64_t	 reverses;	/* seq reversed by this entry, or 0 */
	uint16_t	 nfield;
	struct field	 field[ENTRY_MAXFIELD];
	uint16_t	 npost;
	struct posting	 post[ENTRY_MAXPOST];
	uint8_t		 arena[ENTRY_MAXSIZE];	/* field values */
	size_t		 arena_used;
};

/*
 * An entry kind as data: one row each, defined by the module that owns
 * the kind, found by entry_kind_get().  apply_entry() checks what the
 * row says (roles, flags, fields), then calls apply before the money
 * moves and after once it has moved (either may be NULL).
 */
#define KF_CASH		0x0001	/* cash through the poster's open drawer */
#define KF_REVERSIBLE	0x0002	/* a reversal may undo it */
#define KF_APPROVAL	0x0004	/* a teller needs a supervisor's approval */
#define KF_SYSTEM	0x0008	/* posted by loket itself, never approved */
#define KF_NOPOST	0x0010	/* postings are forbidden */
#define KF_POST		0x0020	/* postings are required */
#define KF_SELF		0x0040	/* anyone may post it for themselves: the
				   apply hook judges who, not roles */
#define KF_BEGIN	0x0080	/* a branch's first entry: no branch yet */
#define KF_NOFLOOR	0x0100	/* pays out: account floors do not hold */
#define KF_REVERSES	0x0200	/* undoes the entry it names (reverses) */
#define FIELD(tag)	(UINT64_C(1) << (tag))	/* enum field_tag < 64 */
struct kind_ctx;			/* what a hook is told: store-int.h */
struct entry_kind {
	uint16_t	 kind;		/* enum entry_kind_no */
	const char	*name;		/* the journal's short name: "deposit" */
	const char	*title;		/* for people, a msgid: "deposit" */
	const char	*receipt;	/* a receipt's heading, msgid, or NULL */
	uint8_t		 roles;		/* ROLE_* that may post it */
	uint16_t	 flags;		/* KF_* */
	uint64_t	 fields;	/* FIELD()s it may carry, F_MEMO always */
	uint64_t	 required;	/* FIELD()s it must carry */
	int		(*apply)(struct store_txn *, const struct entry *,
			    struct kind_ctx *);
	int		(*after)(struct store_txn *, const struct entry *,
			    struct kind_ctx *);
};

struct branch {
	char		 code[BRANCH_MAX + 1];
	char		 name[NAME_MAX_COLS * 4 + 1];
	char		 tz[64];
	uint32_t	 date;		/* business date (open day) */
	uint32_t	 flags;
#define BRANCH_F_HEAD		0x2	/* the head office */
	uint64_t	 next_seq;
	uint8_t		 head[HASH_LEN];	/* hash of entry next_seq-1 */
};

struct user {
	uint32_t	 drawer;	/* this user's cash sub-account */
	char		 login[LOGIN_MAX + 1];
	char		 name[NAME_MAX_COLS * 4 + 1];
	char		 branch[BRANCH_MAX + 1];
	uint8_t		 role;
	uint8_t		 flags;
#define USER_F_DISABLED	0x1
	char		 hash[128];
};

/* What a teller or a command asks to post. */
struct post_req {
	const char	*branch;
	const char	*request_id;	/* idempotency key, 1..64 bytes */
	const char	*user;		/* who posts (signed in) */
	const char	*approver;	/* supervisor approving, or NULL */
	const char	*approver_password;
	uint16_t	 kind;
	uint64_t	 reverses;
	int64_t		 time;		/* 0: now */
	uint16_t	 nfield;
	struct field	 field[ENTRY_MAXFIELD];
	uint16_t	 npost;
	struct posting	 post[ENTRY_MAXPOST];
	/*
	 * Called inside the write transaction after the entry is built and
	 * before it is applied, to fill in what depends on the books at that
	 * moment (a member number, a drawer's book balance).
	 */
	int		(*prepare)(struct store_txn *, struct entry *, void *);
	void		*prepare_arg;
};

struct post_result {
	uint64_t	 seq;
	int		 replayed;	/* the request id was seen: nothing posted */
	int		 error;		/* 0, or why it is not posted */
};

/* store/buf.c: one length-checked buffer for every byte format. */
struct buf {
	uint8_t		*data;
	size_t		 len;		/* bytes written */
	size_t		 cap;
	size_t		 off;		/* read position */
	int		 fixed;		/* data is not ours to grow or free */
};
void	 buf_init(struct buf *);
void	 buf_from(struct buf *, const void *, size_t);
void	 buf_wrap(struct buf *, void *, size_t);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
size_t	 buf_left(const struct buf *);
/*
 * The puts return 0, ENOSPC (a wrapped buffer is full), EMSGSIZE (past
 * the largest buffer) or ENOMEM.
 */
int	 buf_put(struct buf *, const void *, size_t);
int	 buf_put_u8(struct buf *, uint8_t);
int	 buf_put_u32be(struct buf *, uint32_t);
int	 buf_put_u64be(struct buf *, uint64_t);
int	 buf_put_varint(struct buf *, uint64_t);
int	 buf_put_svarint(struct buf *, int64_t);
int	 buf_put_str(struct buf *, const char *);
int	 buf_put_lenbytes(struct buf *, const void *, size_t);
/*
 * The gets return 0 or EBADMSG (short, an overlong or oversized varint,
 * longer than max, a NUL in a string); buf_get_str() EINVAL for size 0.
 */
int	 buf_get(struct buf *, void *, size_t);
int	 buf_get_u8(struct buf *, uint8_t *);
int	 buf_get_u32be(struct buf *, uint32_t *);
int	 buf_get_u64be(struct buf *, uint64_t *);
int	 buf_get_varint(struct buf *, uint64_t *);
int	 buf_get_svarint(struct buf *, int64_t *);
int	 buf_get_lenbytes(struct buf *, const uint8_t **, size_t *, size_t);
int	 buf_get_str(struct buf *, char *, size_t);

/* store/entry.c: the canonical encoding and the chain. */
void	 entry_init(struct entry *);
void	 entry_init_fields(struct entry *);
/*
 * Fields in rising tag order, values copied.  The adds return 0 or
 * STORE_E_INVAL (out of order, too many, too long).
 */
int	 entry_add_field(struct entry *, uint16_t, const void *, size_t);
int	 entry_add_str(struct entry *, uint16_t, const char *);
int	 entry_add_u64(struct entry *, uint16_t, uint64_t);
int	 entry_add_i64(struct entry *, uint16_t, int64_t);
/* NULL when the entry has no such field. */
const struct field *entry_field(const struct entry *, uint16_t);
/*
 * The gets return 0, STORE_E_NOTFOUND (no such field) or STORE_E_CORRUPT
 * (too long for dst, or undecodable).
 */
int	 entry_get_str(const struct entry *, uint16_t, char *, size_t);
int	 entry_get_u64(const struct entry *, uint16_t, uint64_t *);
int	 entry_get_i64(const struct entry *, uint16_t, int64_t *);
/*
 * entry_encode() returns entry_check()'s codes and buf_put()'s.
 * entry_decode() returns 0 or STORE_E_CORRUPT.  entry_check() (kind,
 * limits, postings) returns 0, STORE_E_INVAL, STORE_E_USER (a malformed
 * login), STORE_E_AMOUNT (a zero posting), STORE_E_OVERFLOW or
 * STORE_E_UNBALANCED.
 */
int	 entry_encode(const struct entry *, struct buf *);
int	 entry_decode(struct entry *, const void *, size_t);
/* An encoded entry's kind and date alone: 0 or STORE_E_CORRUPT. */
int	 entry_peek(const void *, size_t, uint16_t *, uint32_t *);
int	 entry_check(const struct entry *);
void	 entry_chain_seed(const char *, uint8_t [HASH_LEN]);
void	 entry_chain_next(const uint8_t [HASH_LEN], const void *, size_t,
	    uint8_t [HASH_LEN]);
const char *entry_field_name(uint16_t);

/* store/kind.c: the table of entry kinds. */
/* NULL for a number no kind has; the names then "unknown". */
const struct entry_kind *entry_kind_get(uint16_t);
const char *entry_kind_name(uint16_t);
const char *entry_kind_title(uint16_t);

/* store/store.c: the environment. */
#define STORE_CREATE	0x1
#define STORE_RDONLY	0x2
#define STORE_SCRATCH	0x4	/* no sync: verify's rebuild */
#define STORE_NOSYNC	0x8	/* synced once, by store_close(): a new demo */
/*
 * Open the data folder; STORE_CREATE makes it.  Returns 0,
 * STORE_E_NODATA (none there), STORE_E_NEWER, STORE_E_OLDER (a schema
 * this loket cannot read or, read-only, upgrade), STORE_E_CORRUPT,
 * ENAMETOOLONG, ENOTDIR, ENOMEM, another errno, or LMDB's errors.
 */
int	 store_open(const char *, int, struct store **);
void	 store_close(struct store *);
/* An English msgid for any code; never NULL. */
const char *store_strerror(int);
/* 1 when the code says the storage failed (LMDB's, EIO, ENOSPC...). */
int	 store_storage_error(int);
/*
 * store_begin() (read-only when its int is not 0) returns 0, ENOMEM or
 * LMDB's errors; store_commit() 0 or LMDB's (it frees t either way).
 */
int	 store_begin(struct store *, int, struct store_txn **);
int	 store_commit(struct store_txn *);
void	 store_abort(struct store_txn *);
/*
 * A hot compact copy into a new or empty folder.  Returns 0, ENOTDIR,
 * EEXIST (a data file there), another errno, LMDB's errors, or
 * anchor_copy_key()'s.
 */
int	 store_backup(struct store *, const char *);
/* Entries and file size.  Returns 0 or LMDB's errors. */
int	 store_stat(struct store *, uint64_t *, uint64_t *);

/* store/branch.c */
/*
 * Returns 0, STORE_E_BRANCH (no such branch or a malformed code),
 * STORE_E_CORRUPT or LMDB's errors.  branch_list() and branch_walk()
 * return 0, STORE_E_CORRUPT, LMDB's errors, or what fn returns when not
 * 0; branch_list() fills at most max and sets the count.
 */
int	 branch_get(struct store_txn *, const char *, struct branch *);
int	 branch_list(struct store_txn *, struct branch *, size_t, size_t *);
int	 branch_walk(struct store_txn *,
	    int (*)(void *, const struct branch *), void *);
/* 1 for a code of [A-Z0-9], 1..BRANCH_MAX, else 0. */
int	 branch_valid_code(const char *);

/* store/account.c */
/*
 * account_get() returns 0, STORE_E_ACCOUNT (no such account),
 * STORE_E_CORRUPT or LMDB's errors.  account_balance() returns 0 (an
 * account never moved, or none, is zero), STORE_E_CORRUPT or LMDB's.
 */
int	 account_get(struct store_txn *, const char *, uint32_t, uint64_t,
	    struct account *);
int	 account_balance(struct store_txn *, const char *, uint32_t, uint64_t,
	    struct balance *);
int64_t	 account_natural(const struct account *, int64_t);
/*
 * Every account of a branch in code order, with its balance, to fn
 * until it returns non-zero.  Returns 0, what fn returns when not 0,
 * STORE_E_CORRUPT or LMDB's errors.
 */
int	 account_walk(struct store_txn *, const char *,
	    int (*)(void *, const struct account *, const struct balance *),
	    void *);
void	 account_format_code(uint32_t, uint64_t, char *, size_t);
/*
 * A member's account as the member and the teller name it on a
 * statement, through tr (gettext): "sukarela", "wajib", "loan 10",
 * "berjangka 3".
 */
void	 account_member_name(uint32_t, uint64_t,
	    const char *(*)(const char *), char *, size_t);
/* "1101" or "2101.123": 0 or STORE_E_ACCOUNT (malformed). */
int	 account_parse_code(const char *, uint32_t *, uint64_t *);
/*
 * Periods: per account (control accounts and sub-accounts both) and
 * business day, the day's debits and credits and the totals through it.
 * A balance at the end of a date, or the debits and credits (positive)
 * over the days from..to, is one or two seeks.  Both return
 * STORE_E_ACCOUNT for no such account; account_movement() STORE_E_INVAL
 * for from after to.
 * Also STORE_E_CORRUPT or LMDB's errors.
 */
int	 account_balance_at(struct store_txn *, const char *, uint32_t,
	    uint64_t, uint32_t, int64_t *);
int	 account_movement(struct store_txn *, const char *, uint32_t,
	    uint64_t, uint32_t, uint32_t, int64_t *, int64_t *);
/*
 * The general-ledger accounts (sub 0) only, as account_walk(); same
 * returns.
 */
int	 account_walk_gl(struct store_txn *, const char *,
	    int (*)(void *, const struct account *, const struct balance *),
	    void *);

/* store/journal.c */
/*
 * Each returns 0, STORE_E_NOTFOUND (no such entry), STORE_E_CORRUPT or
 * LMDB's errors.
 */
int	 journal_get(struct store_txn *, const char *, uint64_t, struct entry *);
int	 journal_walk_raw(struct store_txn *, const char *, uint64_t,
	    int (*)(void *, uint64_t, const uint8_t *, size_t), void *);
int	 journal_get_raw(struct store_txn *, const char *, uint64_t,
	    const uint8_t **, size_t *);
int	 journal_hash(struct store_txn *, const char *, uint64_t,
	    uint8_t [HASH_LEN]);

/* store/txn.c: the one write path. */
/*
 * Run fn in a write transaction and commit it, growing the map and
 * running fn again after MDB_MAP_FULL.  Returns 0 (also when fn returns
 * STORE_ABORT), what fn returns when not 0, ENOMEM or LMDB's errors
 * (MDB_MAP_FULL when the map would not grow enough).
 */
int	 store_write(struct store *, int (*)(struct store_txn *, void *),
	    void *);

/* store/post.c */
/*
 * Post requests, each an entry applied by apply_entry(); a request id
 * seen before is replayed and posts nothing.  Return 0 or why the first
 * refused one is refused: STORE_E_BRANCH, STORE_E_REPLICA, STORE_E_USER,
 * STORE_E_INVAL, STORE_E_APPROVAL, STORE_E_SELFAPPROVE, STORE_E_DISABLED,
 * STORE_E_ROLE, STORE_E_CLOSEDDAY, STORE_E_SEQUENCE, STORE_E_ACCOUNT,
 * STORE_E_CONTROL, STORE_E_AMOUNT, STORE_E_OVERFLOW, STORE_E_UNBALANCED,
 * STORE_E_MINIMUM, for cash kinds STORE_E_DRAWER, STORE_E_CASH,
 * STORE_E_SEN and STORE_E_MANAGER, the approver's user_auth() codes, the
 * kind's own STORE_E_* codes (its apply hook's and its prepare hook's),
 * ENOMEM, or LMDB's errors.  The other requests of a refused batch get
 * STORE_E_BATCH.
 */
int	 store_post(struct store *, const struct post_req *,
	    struct post_result *);
int	 store_post_many(struct store *, const struct post_req *, size_t,
	    struct post_result *);
#define STORE_DRYRUN	0x1	/* try every request, write nothing */
/*
 * All or nothing; with STORE_DRYRUN nothing is written and each result
 * says what posting would do.  Same returns (a dry run's: the first
 * refusal).
 */
int	 store_post_batch(struct store *, const struct post_req *, size_t,
	    int, struct post_result *);
/* A request a prepare hook fills in in the transaction; arg outlives it. */
void	 store_req_prepared(struct post_req *, const char *, const char *,
	    uint16_t, int (*)(struct store_txn *, struct entry *, void *),
	    const void *);
struct init_req {
	const char	*coop;		/* the cooperative's name */
	const char	*branch;
	const char	*branch_name;
	const char	*tz;		/* NULL: Asia/Makassar */
	uint32_t	 date;		/* first business date */
	uint32_t	 flags;		/* BRANCH_F_HEAD */
	const char	*admin;		/* first admin's login, name, password */
	const char	*admin_name;
	const char	*admin_password;
	int64_t		 time;		/* 0: now */
};
/*
 * A new book: the branch's first entry and its first admin.  Returns 0,
 * STORE_E_BRANCH (a malformed code), STORE_E_NAME, STORE_E_USER,
 * STORE_E_WEAKPASS, STORE_E_LONGPASS, STORE_E_EXISTS (the branch is
 * there), ENOMEM, another errno from crypt(3), or LMDB's errors.
 */
int	 store_init(struct store *, const struct init_req *);
/*
 * Apply an entry's bytes from elsewhere (sync, verify), h(seq) to hash.
 * Returns 0, STORE_E_REPLICA (the branch posts here), STORE_E_CORRUPT
 * (not canonical), STORE_E_SEQUENCE (not the next), apply_entry()'s
 * codes as for store_post(), ENOMEM or LMDB's errors.
 */
int	 store_replay(struct store_txn *, const char *, uint64_t,
	    const void *, size_t, uint8_t [HASH_LEN]);
/* 1 when the branch's tellers post here, else 0 (also on an error). */
int	 store_is_primary(struct store_txn *, const char *);

/* store/user.c */
/*
 * Returns 0, STORE_E_USER (no such user or a malformed login),
 * STORE_E_CORRUPT or LMDB's errors.  user_list() returns 0, what fn
 * returns when not 0, STORE_E_CORRUPT or LMDB's errors.
 */
int	 user_get(struct store_txn *, const char *, const char *,
	    struct user *);
int	 user_list(struct store_txn *, const char *,
	    int (*)(void *, const struct user *), void *);
/*
 * Sign in.  Returns 0 and fills u, STORE_E_LONGPASS (not counted as a
 * guess), STORE_E_PASSWORD (wrong id or password: which is not said),
 * STORE_E_LOCKED, STORE_E_DISABLED (said only after the right password),
 * STORE_E_CORRUPT, ENOMEM or LMDB's errors.  user_unlock() clears the
 * failures: 0, ENOMEM or LMDB's errors.
 */
int	 user_auth(struct store *, const char *, const char *, const char *,
	    struct user *);
int	 user_unlock(struct store *, const char *, const char *);
/*
 * user_is_locked(): 1 or 0 (0 also on an error).  user_failures(): 0
 * (and 0 failures when none are recorded), STORE_E_CORRUPT or LMDB's
 * errors.
 */
int	 user_is_locked(struct store_txn *, const char *, const char *);
int	 user_failures(struct store_txn *, const char *, const char *,
	    uint32_t *);
/*
 * user_password_ok(): 0, STORE_E_WEAKPASS or STORE_E_LONGPASS.
 * user_hash_password(): those, ENOMEM, ERANGE (size too small) or
 * crypt(3)'s errno (EINVAL).
 * user_check_password(): 0, STORE_E_PASSWORD or ENOMEM.
 * user_valid_login(): 1 or 0.  user_role_parse(): 0 or STORE_E_INVAL.
 * user_may(): 1 when the role may post the kind, else 0.
 */
int	 user_password_ok(const char *);
int	 user_hash_password(const char *, char *, size_t);
int	 user_check_password(const char *, const char *);
int	 user_valid_login(const char *);
int	 user_role_parse(const char *, uint8_t *);
const char *user_role_name(uint8_t);
int	 user_may(uint8_t, uint16_t);

/* store/member.c */
#define MEMBER_ACTIVE	1
#define MEMBER_RESIGNED	2
#define MEMBER_DECEASED	3
#define ADDRESS_MAX	200
#define PHONE_MAX	20
#define MEMBER_OLDNO_MAX 32	/* a number in the old books */
#define BIRTH_YMD(y, m, d)	((uint32_t)(y) * 10000 + (m) * 100 + (d))
struct member {
	char		 branch[BRANCH_MAX + 1];
	uint64_t	 number;
	char		 nik[NIK_LEN + 1];
	char		 name[NAME_MAX_COLS * 4 + 1];
	char		 gender;	/* 'L' laki-laki, 'P' perempuan */
	uint32_t	 birth;		/* YYYYMMDD: many were born before 1970 */
	char		 address[ADDRESS_MAX * 4 + 1];
	char		 village[NAME_MAX_COLS * 4 + 1];
	char		 phone[PHONE_MAX + 1];
	uint32_t	 joined;
	uint32_t	 left;
	uint8_t		 status;
	uint16_t	 nterm;		/* berjangka deposits opened */
	/* Imported (loket import): the old books' number, wajib from then. */
	char		 old_no[MEMBER_OLDNO_MAX + 1];	/* "": joined here */
	uint32_t	 wajib_from;	/* the cutover; 0: not imported */
	int64_t		 wajib_owed;	/* arrears at the cutover, sen */
	int64_t		 wajib_paid;	/* wajib balance at the cutover */
};
struct member_req {
	const char	*nik;
	const char	*name;
	char		 gender;
	uint32_t	 birth;		/* YYYYMMDD, or 0: from the NIK */
	const char	*address;
	const char	*village;
	const char	*phone;		/* NULL or "" for none */
	int64_t		 wajib;		/* first wajib paid with the pokok, sen */
	int64_t		 sukarela;	/* first sukarela deposit, sen */
};
/*
 * The lookups (by number, NIK, old number) return 0, STORE_E_MEMBER (no
 * such member), STORE_E_CORRUPT or LMDB's errors.  member_search()
 * returns 0 (no match is 0 found), STORE_E_CORRUPT or LMDB's errors.
 */
int	 member_get(struct store_txn *, const char *, uint64_t,
	    struct member *);
int	 member_by_nik(struct store_txn *, const char *, const char *,
	    uint64_t *);
int	 member_search(struct store_txn *, const char *, const char *,
	    uint64_t *, size_t, size_t *);
/* "MOF-000123", "MOF-123" (this branch) or "123": 0 or STORE_E_MEMBER. */
int	 member_parse_number(const char *, const char *, uint64_t *);
void	 member_format_number(const char *, uint64_t, char *, size_t);
/*
 * A new member's request judged before posting (t NULL: not against the
 * books).  Returns 0, STORE_E_NIK, STORE_E_NAME (name, address or
 * village), STORE_E_GENDER, STORE_E_BIRTH, STORE_E_PHONE, STORE_E_AMOUNT
 * (negative), STORE_E_OVERFLOW, STORE_E_NIKUSED, STORE_E_CORRUPT or
 * LMDB's errors.
 */
int	 member_check(struct store_txn *, const char *, const struct member_req *,
	    uint32_t);
/*
 * A join request (the member_req must outlive the post); store_post()
 * names what refuses it, member_check()'s codes among them, and
 * STORE_E_POKOK, STORE_E_SEQUENCE.
 */
void	 member_join_req(struct post_req *, const char *, const char *,
	    const struct member_req *);
/*
 * A prepare hook: the savings paid out in cash.  Returns 0,
 * STORE_E_INVAL (no member field), STORE_E_MEMBER, STORE_E_USER,
 * STORE_E_CORRUPT or LMDB's errors.
 */
int	 member_leave_prepare(struct store_txn *, struct entry *, void *);
/*
 * A member's entries' numbers, newest first when its int is not 0, from
 * before a number (0: the end).  Returns 0 or LMDB's errors.
 * member_wajib_due() returns 0 (nothing due for a member who left),
 * STORE_E_MEMBER, STORE_E_CORRUPT or LMDB's errors.
 */
int	 member_entries(struct store_txn *, const char *, uint64_t, int,
	    uint64_t *, size_t, size_t *);
int	 member_wajib_due(struct store_txn *, const char *, uint64_t, uint32_t,
	    int *, int64_t *);
int	 member_by_old(struct store_txn *, const char *, const char *,
	    uint64_t *);
/*
 * Each member in number order until fn returns non-zero.  Returns 0,
 * what fn returns, STORE_E_CORRUPT or LMDB's errors.
 */
int	 member_list(struct store_txn *, const char *,
	    int (*)(void *, const struct member *), void *);
/* A name folded for searching (case, accents); returns the length. */
size_t	 text_fold(const char *, char *, size_t);
struct statement_line {
	uint64_t	 seq;		/* 0: the opening balance */
	uint32_t	 date;
	uint16_t	 kind;
	uint32_t	 gl;		/* 3101, 3102, 2101, 2102 or 1201 */
	uint64_t	 sub;
	int64_t		 amount;	/* its balance went up (+), down (-) */
	int64_t		 balance;	/* after it */
	int		 opening;
};
int	 member_statement(struct store_txn *, const char *, uint64_t,
	    uint32_t, uint32_t, int (*)(void *, const struct statement_line *),
	    void *);

/* store/drawer.c */
#define DRAWER_CLOSED	0
#define DRAWER_OPEN	1
struct drawer {
	uint8_t		 state;
	uint32_t	 opened;	/* business date it was opened */
	uint64_t	 sub;		/* GL_CASH sub-account */
};
struct denom_count {
	int64_t		 rupiah;	/* face value */
	int64_t		 pieces;
};
#define DENOM_MAX	10
/*
 * drawer_get() returns 0 (a drawer never opened is DRAWER_CLOSED),
 * STORE_E_CORRUPT or LMDB's errors.  drawer_any_open() returns 0 when
 * none is open, STORE_E_DRAWERS with the first one's user in who, or
 * LMDB's errors.  denom_valid(): 1 for a Rupiah note or coin, else 0.
 */
int	 drawer_get(struct store_txn *, const char *, const char *,
	    struct drawer *);
int	 drawer_any_open(struct store_txn *, const char *, char *, size_t);
int	 denom_valid(int64_t);
extern const int64_t denominations[DENOM_MAX];
/*
 * A prepare hook: the count (arg, a struct denom_count array ended by a
 * zero entry) and the postings that empty the drawer.  Returns 0,
 * STORE_E_DRAWER (the user has none), STORE_E_DENOM (not a denomination,
 * counted twice, a bad number of pieces), STORE_E_INVAL, STORE_E_USER,
 * STORE_E_CORRUPT or LMDB's errors.
 */
int	 drawer_close_prepare(struct store_txn *, struct entry *, void *);
struct large_cash {
	uint64_t	 seq;
	uint32_t	 date;
	int64_t		 time;
	uint16_t	 kind;
	int64_t		 amount;	/* cash in (+) or out (-), sen */
	uint64_t	 member;	/* 0: none named */
	char		 user[LOGIN_MAX + 1];
	char		 approver[LOGIN_MAX + 1];
};
/*
 * Cash over the counter at or above limit.cash.report, dated from..to
 * (0: no bound), oldest first, to fn until it returns non-zero.  Returns
 * 0, what fn returns, STORE_E_BRANCH, STORE_E_NOTFOUND (no such
 * setting), STORE_E_CORRUPT, ENOMEM or LMDB's errors.
 */
int	 drawer_large_cash(struct store_txn *, const char *, uint32_t,
	    uint32_t, int (*)(void *, const struct large_cash *), void *);

/* store/savings.c */
struct savstat {
	uint32_t	 month;		/* first day of the month it covers */
	int64_t		 low;		/* lowest balance in that month */
	int64_t		 acc;		/* sum of balance x days so far */
	uint32_t	 last_date;
	int64_t		 last_bal;
};
struct term {
	uint64_t	 member;
	int64_t		 principal;
	uint32_t	 start;
	uint32_t	 maturity;
	uint32_t	 months;
	uint32_t	 rate_bp;
	uint8_t		 open;
};
/* A savings figure: the branch's setting, or its default. */
int64_t	 savings_setting(struct store_txn *, const char *, const char *);
/*
 * A month's sukarela interest and tax, ending on the date.  Returns 0
 * (nothing for no balance), STORE_E_CORRUPT or LMDB's errors.
 */
int	 savings_interest(struct store_txn *, const char *, uint64_t, uint32_t,
	    int64_t *, int64_t *);
/*
 * savings_term_get() returns 0, STORE_E_NOTFOUND (no such deposit),
 * STORE_E_CORRUPT or LMDB's errors.  savings_term_payout() (interest and
 * tax, or the early penalty, on the date) returns 0, STORE_E_ACCOUNT
 * (no such deposit), STORE_E_TERM (closed already), STORE_E_CORRUPT or
 * LMDB's errors.
 */
int	 savings_term_get(struct store_txn *, const char *, uint64_t,
	    struct term *);
int	 savings_term_payout(struct store_txn *, const char *, uint64_t,
	    uint32_t, int64_t *, int64_t *, int64_t *);
/*
 * A sukarela account's month: 0, STORE_E_NOTFOUND (none kept yet),
 * STORE_E_CORRUPT or LMDB's errors.
 */
int	 savstat_get(struct store_txn *, const char *, uint64_t,
	    struct savstat *);
struct term_req {
	uint64_t	 member;
	int64_t		 amount;	/* sen */
	uint32_t	 months;
	uint32_t	 rate_bp;
	int		 from_sukarela;	/* else cash from the drawer */
};
/*
 * Berjangka requests (the argument must outlive the post); store_post()
 * names what refuses one, the kinds' own codes STORE_E_TERM,
 * STORE_E_ACCOUNT (no such deposit), STORE_E_MEMBER, STORE_E_INACTIVE,
 * STORE_E_BALANCE, STORE_E_AMOUNT and STORE_E_INVAL.
 */
void	 savings_term_open_req(struct post_req *, const char *, const char *,
	    const struct term_req *);
void	 savings_term_close_req(struct post_req *, const char *,
	    const char *, const uint64_t *);
/*
 * A deposit (gl GL_SUKARELA or GL_WAJIB), withdrawal or transfer by a
 * teller from her drawer; fv must outlive q.  Returns 0, STORE_E_AMOUNT,
 * STORE_E_OVERFLOW, STORE_E_POKOK (a deposit to pokok) or STORE_E_INVAL
 * (another gl or kind).
 */
int	 savings_counter_req(struct post_req *, uint16_t, const char *,
	    const struct user *, uint64_t, uint32_t, int64_t, uint8_t [10]);
uint32_t date_month_end(uint32_t);
uint32_t date_add_months(uint32_t, int);

/* store/loan.c */
#define PRODUCT_MAX		8	/* loan product code, [A-Z0-9], 1..8 */
#define LOAN_TERM_MAX		240	/* months */
#define LOAN_RATE_MAX		1000	/* basis points a month: 10% */
#define LOAN_PRINCIPAL_MAX	INT64_C(1000000000000000)	/* Rp 10^13 */
#define LOAN_FLAT		1	/* interest on the original principal */
#define LOAN_DECLINING		2	/* menurun: equal principal parts */
#define LOAN_ANNUITY		3	/* anuitas: equal instalments */
#define LOAN_REGIME_OJK		0	/* classes by days past due */
#define LOAN_REGIME_COOP	1	/* the cooperative guideline */
#define LOANP_F_CHARGED		0x1	/* fees paid in cash, not deducted */
/* A loan-repay entry's F_RULE: paid by the rule of payments in advance. */
#define LOAN_REPAY_ADVANCE	0x1
/* ... and interest the old books accrued (struct loan's accrued) out of 1202. */
#define LOAN_REPAY_ACCRUED	0x2
/* Days past due through which a loan's interest accrues (store/accrual.c). */
#define LOAN_ACCRUE_MAX_DPD	90
#define LOANP_F_PREPAY		0x2	/* paid beyond what is due: prepayment,
					   never the next instalment in advance */
#define LOANP_F_ALL		(LOANP_F_CHARGED | LOANP_F_PREPAY)
#define LOAN_PROVISION_FROM	30	/* days late: a month, 365 / 12 */
/* Repayment orders: the three buckets a repayment fills, in turn. */
#define LOAN_ORDER_PIK		0	/* penalty, interest, principal */
#define LOAN_ORDER_IPK		1	/* interest, penalty, principal */
#define LOAN_ORDER_IKP		2	/* interest, principal, penalty */
#define LOAN_ORDER_KIP		3	/* principal, interest, penalty */
#define LOAN_ORDER_PKI		4	/* penalty, principal, interest */
#define LOAN_ORDER_KPI		5	/* principal, penalty, interest */
#define LOAN_ORDER_MAX		5
enum loan_state {
	LOAN_APPLIED = 1,
	LOAN_APPROVED,
	LOAN_ACTIVE,		/* disbursed */
	LOAN_CLOSED,		/* repaid */
	LOAN_WRITTEN_OFF
};
enum loan_class {
	LOAN_LANCAR = 1,	/* current */
	LOAN_DPK,		/* dalam perhatian khusus (OJK only) */
	LOAN_KURANG,		/* kurang lancar, substandard */
	LOAN_DIRAGUKAN,		/* doubtful */
	LOAN_MACET		/* loss */
};
struct loan_product {
	char		 code[PRODUCT_MAX + 1];
	char		 name[NAME_MAX_COLS * 4 + 1];
	uint8_t		 method;	/* LOAN_FLAT ... */
	uint8_t		 flags;		/* LOANP_F_* */
	uint8_t		 order;		/* LOAN_ORDER_* */
	uint8_t		 regime;	/* LOAN_REGIME_* */
	uint32_t	 rate_bp;	/* interest, a month */
	uint32_t	 max_term;	/* months */
	uint32_t	 fee_bp;	/* admin fee, of the principal */
	uint32_t	 provisi_bp;	/* provisi, of the principal */
	uint32_t	 penalty_bp;	/* of the overdue amount, a day */
};
/*
 * A loan: its terms, copied from the product when it was applied for,
 * and where its repayment stands.  Instalment k (1..term) falls due on
 * date_add_months(disbursed, k).  Interest and principal are paid
 * oldest instalment first, each on its own count: kint instalments have
 * their interest paid and int_part of the next one's, likewise kprin and
 * prin_part.  The end of day adds each instalment to ndue and its
 * unpaid part to overdue the day it falls due; penalty is accrued
 * through pen_to, and each day after adds overdue x penalty_bp, rounded
 * down to whole Rupiah (loan_status() works it out for any date).
 */
struct loan {
	uint64_t	 number;	/* its account is 1201.number */
	uint64_t	 member;
	char		 product[PRODUCT_MAX + 1];
	uint8_t		 state;		/* enum loan_state */
	uint8_t		 method;
	uint8_t		 flags;
	uint8_t		 order;
	uint8_t		 regime;
	uint32_t	 rate_bp;
	uint32_t	 penalty_bp;
	uint32_t	 fee_bp;
	uint32_t	 provisi_bp;
	uint32_t	 term;		/* months */
	int64_t		 principal;
	char		 applicant[LOGIN_MAX + 1];
	char		 approver[LOGIN_MAX + 1];
	uint32_t	 applied;	/* dates; 0: not yet */
	uint32_t	 approved;
	uint32_t	 disbursed;
	uint32_t	 ended;		/* closed or written off */
	uint32_t	 kint;
	int64_t		 int_part;
	uint32_t	 kprin;
	int64_t		 prin_part;
	uint32_t	 ndue;		/* instalments fallen due (end of day) */
	int64_t		 overdue;	/* their unpaid parts */
	int64_t		 penalty;	/* accrued and unpaid through pen_to */
	uint32_t	 pen_to;
	int64_t		 outstanding;	/* principal: the balance of 1201.n */
	int64_t		 fees;		/* admin fee and provisi taken */
	int64_t		 paid_interest;
	int64_t		 paid_penalty;
	int64_t		 paid_principal;
	int64_t		 written_off;
	int64_t		 recovered;
	int64_t		 accrued;	/* imported interest in 1202, unpaid */
};
struct instalment {
	uint32_t	 due;
	int64_t		 principal;	/* sen, whole Rupiah */
	int64_t		 interest;
	int64_t		 principal_paid;
	int64_t		 interest_paid;
};
/* A loan as it stands on a date (the business date, usually). */
struct loan_status {
	uint32_t	 date;
	uint32_t	 dpd;		/* days past due */
	uint8_t		 klass;		/* enum loan_class */
	int64_t		 outstanding;	/* principal */
	int64_t		 penalty;	/* accrued, unpaid */
	int64_t		 interest_due;	/* of instalments due by date */
	int64_t		 principal_due;
	int64_t		 overdue;	/* due before date, unpaid */
	int64_t		 payoff;	/* all of it settled today */
	int64_t		 provision;	/* PEARLS allowance */
	uint32_t	 next_due;	/* the next instalment not yet due */
	int64_t		 next_amount;
};
/*
 * How a repayment is split.  interest and principal are instalments'
 * parts: those due, and of the next one paid in advance (advance says
 * how much of the two that is); prepay is principal paid beyond the
 * instalments, which shortens those not yet due.
 */
struct loan_alloc {
	int64_t		 penalty;
	int64_t		 interest;
	int64_t		 principal;
	int64_t		 prepay;
	int64_t		 advance;
};
/* What a repayment finds owing: due and unpaid, and of the next one. */
struct loan_owing {
	int64_t		 interest;
	int64_t		 principal;
	int64_t		 next_interest;
	int64_t		 next_principal;
};
/* A line of the schedule besides the instalments (loan_paylines()). */
struct loan_payline {
	uint32_t	 date;		/* paid on */
	uint32_t	 instalment;	/* the next one then, paid in advance */
	int64_t		 advance;	/* of it, paid before it fell due */
	int64_t		 prepay;	/* principal beyond the instalments */
};
struct loan_apply_req {
	uint64_t	 member;
	const char	*product;
	int64_t		 principal;	/* sen, whole Rupiah */
	uint32_t	 term;		/* months */
	const char	*memo;		/* purpose, or NULL */
	uint64_t	 number;	/* out: the loan's number */
};
struct loan_pay_req {
	uint64_t	 loan;
	int64_t		 amount;	/* repay, recover: sen; 0 in repay: payoff */
	int		 from_sukarela;	/* else cash through the drawer */
};
/*
 * loan_product_get() returns 0, STORE_E_PRODUCT (no such product or a
 * malformed code), STORE_E_CORRUPT or LMDB's errors; loan_product_list()
 * (in code order, to fn until it returns non-zero) 0, what fn returns,
 * STORE_E_CORRUPT or LMDB's errors.  loan_product_defaults() (from the
 * settings) returns 0.  loan_product_valid_code(): 1 or 0.
 */
int	 loan_product_get(struct store_txn *, const char *, const char *,
	    struct loan_product *);
int	 loan_product_list(struct store_txn *, const char *,
	    int (*)(void *, const struct loan_product *), void *);
int	 loan_product_defaults(struct store_txn *, const char *,
	    struct loan_product *);
int	 loan_product_valid_code(const char *);
/*
 * loan_get() returns 0, STORE_E_LOAN (no such loan), STORE_E_CORRUPT or
 * LMDB's errors.  loan_list() (member 0: every loan of the branch, in
 * number order, to fn until it returns non-zero) returns 0, what fn
 * returns, STORE_E_CORRUPT or LMDB's errors.
 */
int	 loan_get(struct store_txn *, const char *, uint64_t, struct loan *);
int	 loan_list(struct store_txn *, const char *, uint64_t,
	    int (*)(void *, const struct loan *), void *);
/*
 * The instalments (at most max, *count how many there are), with what
 * is paid; one not yet disbursed as if disbursed today.  Returns 0,
 * STORE_E_LOAN, STORE_E_LOANTERMS, STORE_E_BRANCH, STORE_E_CORRUPT,
 * ENOMEM or LMDB's errors.
 */
int	 loan_schedule(struct store_txn *, const char *, uint64_t,
	    struct instalment *, size_t, size_t *);
/*
 * A loan as it stands on a date (not before its penalty was accrued to:
 * STORE_E_CLOSEDDAY).  Returns 0 (a loan not running has only its
 * outstanding), STORE_E_LOAN, STORE_E_CLOSEDDAY, STORE_E_CORRUPT, ENOMEM
 * or LMDB's errors.  loan_allocate() (a repayment's split) the same, and
 * STORE_E_LOANSTATE (not running), STORE_E_AMOUNT (nothing) or
 * STORE_E_PAYOFF (more than the payoff).
 */
int	 loan_status(struct store_txn *, const char *, uint64_t, uint32_t,
	    struct loan_status *);
/*
 * A loan as it stood at the end of a past day, from the journal (the
 * penalty and payoff not kept: 0).  Returns loan_status()'s codes, and
 * STORE_E_LOANSTATE when it was not running that day.
 */
int	 loan_status_at(struct store_txn *, const char *, uint64_t, uint32_t,
	    struct loan_status *);
int	 loan_paylines(struct store_txn *, const char *, uint64_t,
	    struct loan_payline *, size_t, size_t *);
int64_t	 loan_cash_payoff(struct store_txn *, const char *, int64_t);
int64_t	 loan_due_now(const struct loan_status *);
int	 loan_allocate(struct store_txn *, const char *, uint64_t, uint32_t,
	    int64_t, struct loan_alloc *);
/* Loans with an instalment due by the day not yet aged: 0 or LMDB's. */
int	 loan_age_pending(struct store_txn *, const char *, uint32_t,
	    uint64_t *);
/*
 * Requests for the loan kinds, filled in by a prepare hook inside the
 * transaction; the argument must outlive the post.  store_post() names
 * what refuses one; the loan kinds' own codes are STORE_E_PRODUCT,
 * STORE_E_LOAN, STORE_E_MEMBER, STORE_E_INACTIVE, STORE_E_LOANTERMS,
 * STORE_E_LOANSTATE, STORE_E_NOTAPPROVED, STORE_E_SELFAPPROVE,
 * STORE_E_PAYOFF, STORE_E_AMOUNT, STORE_E_BALANCE, STORE_E_NAME and
 * STORE_E_INVAL.
 */
void	 loan_product_req(struct post_req *, const char *, const char *,
	    const struct loan_product *);
void	 loan_apply_req(struct post_req *, const char *, const char *,
	    struct loan_apply_req *);
void	 loan_approve_req(struct post_req *, const char *, const char *,
	    const uint64_t *);
void	 loan_disburse_req(struct post_req *, const char *, const char *,
	    const struct loan_pay_req *);
void	 loan_repay_req(struct post_req *, const char *, const char *,
	    const struct loan_pay_req *);
void	 loan_writeoff_req(struct post_req *, const char *, const char *,
	    const uint64_t *);
void	 loan_recover_req(struct post_req *, const char *, const char *,
	    const struct loan_pay_req *);

/* store/loan-calc.c: loan arithmetic, no LMDB (reports reuse it). */
int64_t	 loan_interest(int64_t, uint32_t);
int64_t	 loan_fee(int64_t, uint32_t);
int64_t	 loan_daily_penalty(int64_t, uint32_t);
int64_t	 loan_annuity(int64_t, uint32_t, uint32_t);
void	 loan_sched_amounts(uint8_t, int64_t, uint32_t, uint32_t,
	    struct instalment *);
/* Returns 0 or STORE_E_LOANTERMS (term, rate or principal out of range). */
int	 loan_schedule_compute(uint8_t, int64_t, uint32_t, uint32_t, uint32_t,
	    struct instalment *);
uint8_t	 loan_class(uint8_t, uint32_t);
int64_t	 loan_provision(int64_t, uint32_t, uint32_t, uint32_t, uint32_t);
uint32_t loan_due_date(const struct loan *, uint32_t);
int64_t	 loan_unpaid(const struct loan *, uint32_t, const struct instalment *);
void	 loan_accrue(struct loan *, uint32_t);
uint32_t loan_days_past_due(const struct loan *, const struct instalment *,
	    uint32_t, uint32_t);
/*
 * Returns 0, STORE_E_AMOUNT (nothing) or STORE_E_PAYOFF (more than the
 * payoff).
 */
int	 loan_split(const struct loan *, const struct loan_owing *, int64_t,
	    struct loan_alloc *);
void	 loan_pay_parts(uint32_t *, int64_t *, int64_t,
	    const struct instalment *, uint32_t, int);
/* Words for people and commands; the parses return 0 or STORE_E_INVAL. */
const char *loan_class_name(uint8_t);
const char *loan_state_name(uint8_t);
const char *loan_method_name(uint8_t);
int	 loan_method_parse(const char *, uint8_t *);
const char *loan_order_name(uint8_t);
int	 loan_order_parse(const char *, uint8_t *);
const char *loan_regime_name(uint8_t);
int	 loan_regime_parse(const char *, uint8_t *);

/*
 * store/import.c: the old books brought in (loket import).  Each is
 * posted on the cutover date, the branch's business date, against
 * GL_OPENING; a request's strings must outlive the post.
 */
struct import_member_req {
	const char	*old_no;	/* required, 1..MEMBER_OLDNO_MAX */
	const char	*name;
	const char	*nik;		/* NULL or "": NIK belum ada */
	char		 gender;	/* 'L' or 'P' */
	uint32_t	 birth;		/* YYYYMMDD, or 0: unknown */
	const char	*address;	/* NULL or "" when not known */
	const char	*village;
	const char	*phone;
	uint32_t	 joined;	/* days since 1970 */
	uint8_t		 status;	/* MEMBER_ACTIVE, ... */
	int64_t		 pokok;		/* balances, sen */
	int64_t		 wajib;
	int64_t		 sukarela;
	uint32_t	 wajib_arrears;	/* months unpaid at the cutover */
};
struct import_term_req {
	const char	*member_old;	/* the member's old number */
	int64_t		 amount;
	uint32_t	 months;
	uint32_t	 rate_bp;	/* a year */
	uint32_t	 opened;
};
struct import_loan_req {
	const char	*old_no;	/* the loan's old number, or NULL */
	const char	*member_old;	/* the member's old number */
	uint8_t		 method;
	int64_t		 principal;	/* original, sen */
	uint32_t	 rate_bp;	/* a month */
	uint32_t	 term;
	uint32_t	 disbursed;
	int64_t		 outstanding;	/* remaining principal, arrears in */
	uint32_t	 next;		/* next instalment, 1..term+1 */
	int64_t		 arrears_principal;
	int64_t		 arrears_interest;
	int64_t		 penalty;
	int64_t		 accrued;	/* of arrears_interest, booked in 1202 */
};
/*
 * Import requests; store_post() names what refuses one, the kinds' own
 * codes STORE_E_EXISTS (imported on another date, an old number taken),
 * STORE_E_ROLE (a difference accepted by other than a manager),
 * STORE_E_LOANTERMS, STORE_E_AMOUNT, STORE_E_NIK, STORE_E_NIKUSED,
 * STORE_E_GENDER, STORE_E_BIRTH, STORE_E_NAME, STORE_E_PHONE,
 * STORE_E_TERM, STORE_E_ACCOUNT and STORE_E_INVAL.
 */
void	 import_member_req(struct post_req *, const char *, const char *,
	    const struct import_member_req *);
void	 import_term_req(struct post_req *, const char *, const char *,
	    const struct import_term_req *);
void	 import_loan_req(struct post_req *, const char *, const char *,
	    const struct import_loan_req *);
/*
 * import_first(): the branch's first import entry, *seq 0 when never
 * imported; 0, STORE_E_CORRUPT or LMDB's errors.  import_loan_plan(): an
 * imported loan's schedule and counts; 0, STORE_E_LOANTERMS (terms loket
 * cannot schedule, figures that disagree with them) or STORE_E_AMOUNT (a
 * figure out of range).
 */
int	 import_first(struct store_txn *, const char *, uint64_t *);
int	 import_loan_plan(const struct import_loan_req *, struct loan *,
	    struct instalment *);

/* store/eod.c */
struct eod_report {
	uint32_t	 closed;	/* the day closed */
	uint32_t	 next;		/* the new business date */
	int		 month_end;
	uint64_t	 interest_accounts;
	int64_t		 interest;	/* sen, gross */
	int64_t		 tax;
	uint64_t	 terms_paid;
	uint64_t	 loans_aged;	/* loans with an instalment falling due */
	int64_t		 accrued;	/* month end: into 1202 (or out, < 0) */
	int64_t		 provided;	/* month end: into the allowance 1209 */
	int		 year_closed;	/* 31 December: the year closed */
	int64_t		 shu;		/* its SHU */
	int		 forced;
	int		 nothing;	/* that day was closed already */
};
/*
 * Close a day of a branch for a user; force (managers) closes with
 * drawers open; the int64_t stamps the entries (0: now).  Returns 0
 * (rep->nothing set when that day is closed already), STORE_E_INVAL (an
 * earlier day still open), STORE_E_DRAWERS, STORE_E_ROLE,
 * STORE_E_DISABLED, STORE_E_REPLICA, STORE_E_BRANCH, STORE_E_USER,
 * post_internal()'s codes as store_post()'s, ENOMEM or LMDB's errors.
 */
int	 store_eod(struct store *, const char *, const char *, uint32_t, int,
	    int64_t, struct eod_report *);
uint32_t date_year_end(uint32_t);

/* store/receipt.c */
struct receipt_line {
	uint32_t	 gl;
	uint64_t	 sub;
	int64_t		 amount;	/* what moved, positive */
	char		 account[NAME_MAX_COLS * 4 + 1];
	int		 debit;		/* 1: a debit (out of a member's) */
	int		 sign;		/* +1, -1: its balance went up, down */
};
#define RECEIPT_MAXBAL	4
struct receipt {
	char		 branch[BRANCH_MAX + 1];
	uint64_t	 seq;
	uint16_t	 kind;
	uint32_t	 date;
	int64_t		 time;
	char		 user[LOGIN_MAX + 1];
	char		 approver[LOGIN_MAX + 1];
	char		 coop[NAME_MAX_COLS * 4 + 1];
	char		 branch_name[NAME_MAX_COLS * 4 + 1];
	uint64_t	 member;
	char		 member_name[NAME_MAX_COLS * 4 + 1];
	uint64_t	 reverses;	/* the entry a reversal undoes */
	int64_t		 total;		/* cash over the counter, or net */
	uint16_t	 nbal;		/* the member's accounts it moved */
	struct {
		uint32_t gl;
		uint64_t sub;
		int64_t	 amount;	/* just after the entry, natural */
	}		 bal[RECEIPT_MAXBAL];
	int64_t		 gross;		/* before what was kept back, sen */
	int64_t		 kept;		/* tax, fees, a term's penalty */
	int64_t		 net;		/* gross less kept: the member's */
	int64_t		 rounding;	/* to 4902: net and cash differ */
	int64_t		 cash;		/* counted: + into, - out of drawer */
	uint16_t	 nline;
	struct receipt_line line[ENTRY_MAXPOST];
	char		 words[512];	/* terbilang of total */
};
/*
 * store_receipt() returns 0, STORE_E_NOTFOUND (no such entry),
 * STORE_E_BRANCH, STORE_E_ACCOUNT, STORE_E_CORRUPT, ENOMEM, ERANGE or
 * LMDB's errors.  receipt_format() returns 0 or ERANGE (buf too small).
 */
int	 store_receipt(struct store_txn *, const char *, uint64_t,
	    struct receipt *);
int	 receipt_format(const struct receipt *, const char *(*)(const char *),
	    char *, size_t);

/* store/setting.c */
#define SETTING_RUPIAH	1	/* an amount, stored in sen */
#define SETTING_BP	2	/* a rate, stored in basis points */
#define SETTING_PCT	3	/* whole percent */
#define SETTING_DAYS	4
#define SETTING_MONTHS	5
#define SETTING_COUNT	6
#define SETTING_ENUM	7	/* a choice: names[value] */
#define SETTING_POINTS	8	/* a score's weight, whole points */
#define SETTING_SCORE	9	/* a score, hundredths of a point */
#define SETTING_CODE	10	/* a number that names something (NIK) */
#define SETTING_DATE	11	/* a date as YYYYMMDD; 0: none */
#define SETTING_F_MONTHEND 0x1	/* read at month end: a change is pending */
#define SETTING_F_NONE	0x2	/* -1 is "none" (a goal not set) */
struct setting_def {
	const char		*name;
	uint8_t			 type;
	uint8_t			 flags;
	int64_t			 min, max, def;	/* in the stored unit */
	const char *const	*names;		/* SETTING_ENUM's choices */
};
/*
 * The table: setting_at() and setting_find() return NULL past the end or
 * for an unknown name; setting_default() 0 or STORE_E_NOTFOUND past the
 * end.  setting_check() and setting_parse() return 0 or STORE_E_SETTING
 * (not the unit or out of range; setting_check() 0 for a name the table
 * does not know).  setting_value() and setting_int() return the value or
 * the default, never an error.  setting_format() returns 0 or ERANGE.
 */
const struct setting_def *setting_at(size_t);
int	 setting_default(size_t, const char **, int64_t *);
const struct setting_def *setting_find(const char *);
int	 setting_check(const char *, const char *, int64_t *);
int64_t	 setting_value(struct store_txn *, const char *, const char *);
int	 setting_format(const struct setting_def *, int64_t, char *, size_t);
int	 setting_parse(const struct setting_def *, const char *, int64_t *);
struct setting_change {
	const struct setting_def *def;
	uint64_t		 seq;		/* the newest change */
	uint32_t		 date;
	char			 user[LOGIN_MAX + 1];
	int64_t			 value;		/* from the month end */
	int64_t			 was;		/* at the last month end */
	int			 older;		/* was set by an entry */
};
/*
 * setting_pending() (changes waiting for the month end, at most max)
 * returns 0, STORE_E_BRANCH, STORE_E_CORRUPT, ENOMEM or LMDB's errors.
 * setting_get() (as stored) returns 0, STORE_E_NOTFOUND (not set),
 * STORE_E_INVAL (a name too long), ERANGE (dst too small) or LMDB's.
 */
int	 setting_pending(struct store_txn *, const char *,
	    struct setting_change *, size_t, size_t *);
int	 setting_get(struct store_txn *, const char *, const char *, char *,
	    size_t);
int64_t	 setting_int(struct store_txn *, const char *, const char *, int64_t);

/* store/verify.c */
struct verify_report {
	uint64_t	 entries;
	char		 branch[BRANCH_MAX + 1];
	uint64_t	 bad_seq;	/* first entry that disagrees, or 0 */
	const char	*fmt;		/* what disagrees: a msgid with one %s */
	char		 arg[192];	/* its argument */
	int		 code;		/* or a store error as the argument */
	char		 what[256];	/* all of it, in English */
};
/*
 * Rebuild every branch's books from the journal in a scratch folder
 * under the directory (NULL: /tmp) and compare them with the live ones;
 * fn is told the progress.  Returns 0 when everything agrees,
 * STORE_E_CHAIN with rep filled in when something does not (an entry
 * that does not apply: its code in rep->code), or what stopped the
 * check: ENOMEM, an errno (the scratch folder), store_open()'s codes,
 * STORE_E_CORRUPT or LMDB's errors.
 */
int	 store_verify(struct store *, const char *,
	    void (*)(void *, uint64_t), void *, struct verify_report *);
/*
 * Quick: the hash chain, every entry decoded and checked, and the
 * balances and period totals summed in memory from the postings and
 * compared both ways; no rebuild of the rest.  Same returns.
 */
int	 store_verify_quick(struct store *, void (*)(void *, uint64_t),
	    void *, struct verify_report *);

/*
 * store/report.c: reports as rows; commands and screens lay them out.
 * The trial balance of a branch, or of every branch here (branch NULL:
 * each general-ledger account summed over them), one row per account in
 * code order.  to 0: the books as they stand (from must be 0); else as
 * at the end of the date to, and with from (not 0) the movement over the
 * days from..to.  Amounts are debit minus credit, debit and credit
 * positive; opening, debit and credit are 0 without from.  Returns what
 * fn returns when not 0, STORE_E_BRANCH, STORE_E_INVAL for from after to.
 * Also 0, STORE_E_OVERFLOW (a sum too large), STORE_E_CORRUPT, ENOMEM or
 * LMDB's errors.
 */
struct trial_row {
	const struct account *account;	/* the first branch's, for its name */
	int64_t		 opening;	/* at the end of the day before from */
	int64_t		 debit;		/* from..to */
	int64_t		 credit;
	int64_t		 closing;	/* at the end of to, or now */
};
int	 report_trial(struct store_txn *, const char *, uint32_t, uint32_t,
	    int (*)(void *, const struct trial_row *), void *);

/* store/util.c */
/*
 * utf8_valid(), text_valid_name() and date_valid() return 1 or 0;
 * date_parse() ("YYYY-MM-DD") 0 or STORE_E_INVAL.
 */
int	 utf8_valid(const char *, size_t);
size_t	 utf8_width(const char *);
int	 text_valid_name(const char *);
uint32_t date_from_ymd(int, int, int);
void	 date_to_ymd(uint32_t, int *, int *, int *);
int	 date_parse(const char *, uint32_t *);
void	 date_format(uint32_t, char *, size_t);
int	 date_valid(int, int, int);

/* store/anchor.c: chain heads the head office signed (anchored history). */
#define ANCHOR_KEY_LEN	32	/* Ed25519 public key */
#define ANCHOR_SIG_LEN	64
struct anchor {
	uint64_t	 seq;
	uint8_t		 head[HASH_LEN];
	uint8_t		 sig[ANCHOR_SIG_LEN];
};
struct anchor_report {
	char		 branch[BRANCH_MAX + 1];
	uint64_t	 anchors;	/* signed heads that agree */
	uint64_t	 good;		/* the last that agrees before bad */
	uint64_t	 bad;		/* the first that does not, or 0 */
};
/*
 * The head office's key (anchor.key in the data folder, made when its
 * int is not 0): anchor_public() gives its public half, anchor_sign()
 * signs and keeps the branch's head at seq.  Both return 0,
 * STORE_E_SIGNKEY (not an Ed25519 key), ENAMETOOLONG, another errno, or
 * (anchor_sign()) ENOMEM or LMDB's errors.
 */
int	 anchor_public(struct store *, int, uint8_t [ANCHOR_KEY_LEN]);
int	 anchor_sign(struct store *, const char *, uint64_t,
	    const uint8_t [HASH_LEN], uint8_t [ANCHOR_SIG_LEN],
	    uint8_t [ANCHOR_KEY_LEN]);
/*
 * The branch pins the head office's key, from the bytes or from a PEM
 * file (anchor_pin_file()).  Returns 0, STORE_E_SIGNKEY (another key is
 * pinned, or not an Ed25519 public key), an errno (the file), ENOMEM or
 * LMDB's errors.
 */
int	 anchor_pin(struct store *, const char *,
	    const uint8_t [ANCHOR_KEY_LEN]);
/*
 * A signed head at the end of a sync, kept only if all holds.  Returns 0
 * (also for seq 0: nothing), STORE_E_SIGNKEY (not the pinned key),
 * STORE_E_SIGNED (a bad signature, or not our chain's head),
 * STORE_E_NOTFOUND (no such entry here), STORE_E_CORRUPT, ENOMEM or
 * LMDB's errors.
 */
int	 anchor_accept(struct store *, const char *, const struct anchor *,
	    const uint8_t [ANCHOR_KEY_LEN]);
/*
 * Every branch's signed heads against its chain.  Returns 0,
 * STORE_E_SIGNED or STORE_E_SIGNKEY with rep naming the branch and the
 * entries, STORE_E_CORRUPT, ERANGE, ENOMEM or LMDB's errors.
 * anchor_copy_key() (backup) returns 0 (also with no key) or an errno.
 */
int	 anchor_check(struct store *, struct anchor_report *);
int	 anchor_copy_key(struct store *, const char *);
int	 anchor_pin_file(struct store *, const char *, const char *);

/* store/replica.c: where a branch's chain stands; this box's sync record. */
struct replica_state {
	uint64_t	 acked;		/* last entry the other side has */
	int64_t		 ok_time;	/* last successful sync, UTC; 0: never */
	int64_t		 try_time;	/* last attempt, UTC; 0: never */
	int32_t		 error;		/* the last attempt's code, 0: none */
};
/*
 * replica_last(): the branch's last entry and h(last), 0 and its seed
 * for a branch not here; 0, STORE_E_CORRUPT or LMDB's errors.
 * replica_head(): h(seq); 0, STORE_E_NOTFOUND past the end,
 * STORE_E_CORRUPT or LMDB's errors.
 */
int	 replica_last(struct store_txn *, const char *, uint64_t *,
	    uint8_t [HASH_LEN]);
int	 replica_head(struct store_txn *, const char *, uint64_t,
	    uint8_t [HASH_LEN]);
/*
 * This box's sync record, all zero if it never synced.  The get returns
 * 0, STORE_E_CORRUPT or LMDB's errors; the put (a write transaction)
 * 0, STORE_E_BRANCH (a malformed code), ENOSPC, STORE_E_INVAL or LMDB's.
 */
int	 replica_state_get(struct store_txn *, const char *,
	    struct replica_state *);
int	 replica_state_put(struct store_txn *, const char *,
	    const struct replica_state *);

/* store/shu.c: the year's surplus, arithmetic only (no LMDB). */
#define SHU_RESERVE	0	/* cadangan: takes what rounding leaves */
#define SHU_MEMBERS	1	/* jasa anggota: shared among members */
#define SHU_BOARD	2	/* dana pengurus */
#define SHU_STAFF	3	/* dana karyawan */
#define SHU_EDUCATION	4	/* dana pendidikan */
#define SHU_SOCIAL	5	/* dana sosial */
#define SHU_NPART	6
struct shu_member {
	uint64_t	 member;
	char		 branch[BRANCH_MAX + 1];	/* cooperative-wide lists */
	int64_t		 capital;	/* S(a): pokok + wajib (+ sukarela) */
	int64_t		 usage;		/* T(a): loan interest paid (+ ...) */
	int64_t		 jma;		/* out: jasa modal, whole Rupiah */
	int64_t		 jua;		/* out: jasa usaha, whole Rupiah */
	int64_t		 share;		/* out: jma + jua */
};
/*
 * Split pool by the by-laws' parts (basis points, SHU_* order, adding up
 * to 10000), each rounded down to whole Rupiah, the remainder to
 * part[SHU_RESERVE].  Returns 0, STORE_E_AMOUNT (a negative or too large
 * pool: a loss is not split) or STORE_E_INVAL (parts not adding to 100%).
 */
int	 shu_split(int64_t, const uint32_t [SHU_NPART], int64_t [SHU_NPART]);
/*
 * Each member's jasa modal (their capital's share of jma) and jasa usaha
 * (their usage's share of jua), each rounded down to whole Rupiah; what
 * is left over goes to *remainder (for the reserve).  Returns 0,
 * STORE_E_AMOUNT (a negative figure) or STORE_E_OVERFLOW.
 */
int	 shu_members_split_by(int64_t, int64_t, int64_t, int64_t,
	    struct shu_member *, size_t, int64_t *);
int	 shu_members_split(int64_t, int64_t, struct shu_member *, size_t,
	    int64_t *);

/* store/meeting.c: the annual members' meeting (rapat anggota tahunan). */
#define RAT_ITEM_MAX		32
#define RAT_SITE_MAX		16
#define RAT_TITLE_MAX		120	/* an agenda item's title, columns */
#define RAT_YES			1
#define RAT_NO			2
#define RAT_ABSTAIN		3
#define RAT_MEMBERS		0	/* quorum of the members */
#define RAT_DELEGATES		1	/* of the delegates */
struct rat_item {
	char		 title[RAT_TITLE_MAX * 4 + 1];
	int64_t		 opened;	/* voting opened, UTC; 0: not yet */
	int64_t		 closed;	/* closed, UTC; 0: not yet */
};
struct rat {
	char		 hq[BRANCH_MAX + 1];	/* the head office's code */
	uint32_t	 year;
	uint32_t	 date;		/* the meeting's date */
	uint8_t		 mode;		/* RAT_MEMBERS, RAT_DELEGATES */
	uint64_t	 eligible;	/* members or delegates */
	uint64_t	 quorum;	/* present to reach the quorum */
	uint32_t	 nsite;
	char		 site[RAT_SITE_MAX][BRANCH_MAX + 1];
	int64_t		 opened;	/* UTC */
	int64_t		 closed;	/* UTC; 0: open */
	uint32_t	 nitem;
	struct rat_item	 item[RAT_ITEM_MAX];	/* item n is item[n - 1] */
};
/* Why a record is not counted (RAT_OK: it is). */
#define RAT_OK			0
#define RAT_DUPLICATE		1	/* the member counted at another site */
#define RAT_LATE		2	/* after the close */
#define RAT_UNKNOWN		3	/* no such member in the member's branch */
#define RAT_NOTMEMBER		4	/* left, or joined after the date */
#define RAT_NOTSITE		5	/* a branch not among the sites */
#define RAT_EARLY		6	/* a vote before its voting opened */
/* An attendance (item 0) or a vote, as the tally judged it. */
struct rat_mark {
	char		 site[BRANCH_MAX + 1];	/* where it was recorded */
	uint64_t	 seq;			/* its entry there */
	char		 mbranch[BRANCH_MAX + 1];
	uint64_t	 member;
	int64_t		 time;		/* UTC, as the site's clock said */
	uint16_t	 item;		/* 0: attendance */
	uint8_t		 choice;	/* a vote's RAT_YES... */
	uint8_t		 status;	/* RAT_OK, RAT_DUPLICATE... */
	char		 other[BRANCH_MAX + 1];	/* a duplicate: counted there */
};
struct rat_count {
	uint64_t	 yes, no, abstain;
	uint64_t	 dropped;	/* votes not counted */
};
/*
 * What the books held here say of a meeting: at the head office every
 * site's records, at a site its own and the head office's.
 */
struct rat_tally {
	struct rat	 rat;
	struct rat_mark	*mark;		/* attendances, then votes */
	size_t		 nmark;
	uint64_t	 present;	/* attendances counted */
	int64_t		 quorum_time;	/* when the quorum was reached, or 0 */
	struct rat_count count[RAT_ITEM_MAX];
};
struct rat_open_req {
	uint32_t	 year;
	uint32_t	 date;
	const char	*sites;		/* "HO,MOF,END"; NULL: every branch */
	uint8_t		 mode;
	uint64_t	 delegates;	/* RAT_DELEGATES: how many */
};
struct rat_mark_req {
	uint32_t	 year;		/* 0: the meeting open here */
	const char	*mbranch;	/* the member's branch */
	uint64_t	 member;
	uint16_t	 item;		/* a vote's; 0 for attendance */
	uint8_t		 choice;
	uint32_t	 n;		/* out: an item's number */
};
/*
 * rat_head(): the head office held here; 0, STORE_E_BRANCH (none),
 * STORE_E_CORRUPT, ENOMEM or LMDB's errors.  rat_get() (a meeting by its
 * head office and year) and rat_current() (the one open here) return 0,
 * STORE_E_RAT (no such meeting, none open), STORE_E_CORRUPT, ENOMEM or
 * LMDB's errors.
 */
int	 rat_head(struct store_txn *, char *, size_t);
int	 rat_get(struct store_txn *, const char *, uint32_t, struct rat *);
int	 rat_current(struct store_txn *, struct rat *);
/*
 * rat_find_member(): a member as a teller types them at a site (number,
 * NIK or name); 0, STORE_E_MEMBER (none), STORE_E_NAME (a name that
 * matches more than one), STORE_E_CORRUPT, ENOMEM or LMDB's errors.
 * rat_member_ok(): whether the member may attend; 0, STORE_E_MEMBER,
 * STORE_E_INACTIVE, STORE_E_NOTMEMBER, STORE_E_BRANCH (not held here),
 * STORE_E_CORRUPT or LMDB's errors.
 */
int	 rat_find_member(struct store_txn *, const char *, const char *,
	    char *, size_t, uint64_t *);
int	 rat_member_ok(struct store_txn *, const struct rat *, const char *,
	    uint64_t);
/*
 * Every mark of a meeting held here, judged, and the counts; free it
 * with rat_tally_free().  Returns 0, STORE_E_RAT, STORE_E_CORRUPT,
 * ENOMEM or LMDB's errors.
 */
int	 rat_tally(struct store_txn *, const char *, uint32_t,
	    struct rat_tally *);
void	 rat_tally_free(struct rat_tally *);
const char *rat_choice_name(uint8_t);
/* "yes", "no", "abstain", "setuju", "tidak": 0 or STORE_E_INVAL. */
int	 rat_choice_parse(const char *, uint8_t *);
/*
 * Requests for the meeting's kinds (the arguments must outlive the
 * post); store_post() names what refuses one, the meeting's own codes
 * STORE_E_RAT, STORE_E_RATITEM, STORE_E_VOTING, STORE_E_PRESENT,
 * STORE_E_VOTED, STORE_E_ABSENT, STORE_E_NOTMEMBER, STORE_E_SITE,
 * STORE_E_MEMBER, STORE_E_INACTIVE, STORE_E_EXISTS, STORE_E_BRANCH,
 * STORE_E_NAME and STORE_E_INVAL.
 */
void	 rat_open_req(struct post_req *, const char *, const char *,
	    const struct rat_open_req *);
void	 rat_item_req(struct post_req *, const char *, const char *,
	    struct rat_mark_req *, const char *);
void	 rat_step_req(struct post_req *, const char *, const char *, uint16_t,
	    struct rat_mark_req *);
void	 rat_mark_req(struct post_req *, const char *, const char *,
	    struct rat_mark_req *);
/*
 * store/statement.c: the financial statements as rows, for a branch or
 * every branch here (branch NULL), with the same period a year before.
 * ST_NERACA: balances at the end of to (from is not used).  The others:
 * the days from..to (both needed).  Amounts are natural (positive on
 * the account's side; allowances and depreciation negative), in sen.
 * Returns what fn returns when not 0, STORE_E_BRANCH, STORE_E_INVAL.
 */
#define ST_NERACA	1	/* balance sheet */
#define ST_PHU		2	/* perhitungan hasil usaha: income */
#define ST_KAS		3	/* arus kas: cash flow, direct method */
#define ST_EKUITAS	4	/* perubahan ekuitas */
#define SR_HEAD		0	/* a heading: no amounts */
#define SR_LINE		1
#define SR_TOTAL	2
struct stmt_row {
	const char	*label;		/* msgid */
	uint8_t		 level;		/* 0 a section's, 1 a line under it */
	uint8_t		 style;		/* SR_* */
	uint32_t	 gl;		/* the line's one account, or 0 */
	int64_t		 amount;	/* this period, sen */
	int64_t		 compare;	/* the same a year before */
};
int	 statement(struct store_txn *, int, const char *, uint32_t, uint32_t,
	    int (*)(void *, const struct stmt_row *), void *);
int	 store_chart_update(struct store *, const char *);
uint32_t date_year_before(uint32_t);
/* Savings by kind at the end of a date: accounts with money, and sum. */
#define SAVK_POKOK	0
#define SAVK_WAJIB	1
#define SAVK_SUKARELA	2
#define SAVK_BERJANGKA	3
#define SAVK_N		4
struct savings_summary {
	uint64_t	 accounts[SAVK_N];
	int64_t		 balance[SAVK_N];
};
int	 savings_summary(struct store_txn *, const char *, uint32_t,
	    struct savings_summary *);
/* Members joined and left in from..to and active at to, by gender. */
#define MSX_L		0	/* laki-laki */
#define MSX_P		1	/* perempuan */
struct members_summary {
	uint64_t	 joined[2];
	uint64_t	 left[2];
	uint64_t	 active[2];	/* at the end of to */
	uint64_t	 active0[2];	/* at the end of from - 1 */
};
int	 members_summary(struct store_txn *, const char *, uint32_t, uint32_t,
	    struct members_summary *);

/*
 * store/accrual.c: the month-end accrual of loan interest and the
 * allowance for loan losses, and the loan portfolio by class.  A
 * portfolio as of the business date comes from loan_status(); as of a
 * past month end, from what that month end's provision entry recorded;
 * as of any other past day, rebuilt from the journal (loan_status_at()),
 * which portfolio_rebuild() does for a month end too.  Both return 0,
 * STORE_E_BRANCH, STORE_E_CORRUPT, ENOMEM or LMDB's errors.
 */
struct portfolio {
	uint32_t	 date;
	int		 recorded;	/* read from a provision entry */
	int		 rebuilt;	/* a past day's, from the journal */
	uint64_t	 count[LOAN_MACET + 1];		/* by enum loan_class */
	int64_t		 outstanding[LOAN_MACET + 1];
	int64_t		 required[LOAN_MACET + 1];	/* provision */
	int64_t		 total;		/* outstanding, every class */
	int64_t		 total_required;
	int64_t		 booked;	/* the allowance 1209 held, positive */
	int64_t		 par30;		/* outstanding more than 30 days late */
	int64_t		 npl;		/* kurang lancar, diragukan, macet */
	uint32_t	 npl_bp;	/* npl / total, basis points */
	uint32_t	 par_bp;	/* par30 / total */
	int64_t		 accrued;	/* interest receivable 1202 wanted */
};
int	 portfolio_get(struct store_txn *, const char *, uint32_t,
	    struct portfolio *);
int	 portfolio_rebuild(struct store_txn *, const char *, uint32_t,
	    struct portfolio *);

/*
 * store/close.c: the year-end close, part of 31 December's end of day.
 * year_closed(): whether a year of a branch is closed, and its SHU;
 * year_closed_through(): the last day of the last closed year, or 0.
 */
int	 year_closed(struct store_txn *, const char *, int, int *, int64_t *);
uint32_t year_closed_through(struct store_txn *, const char *);

/* store/shu-year.c: a year's SHU from the books, and its posting. */
struct shu_estimate {
	int		 year;
	uint32_t	 asof;		/* the day it is worked out for */
	int		 closed;	/* the pool is the close's */
	int		 posted;	/* the split is posted */
	int64_t		 pool;		/* income less expense, sen */
	uint32_t	 bp[SHU_NPART];	/* the by-laws' parts */
	int64_t		 part[SHU_NPART];
	int64_t		 jma, jua;	/* the members' part, split */
	int		 error;		/* STORE_E_AMOUNT: a loss, not split */
	/*
	 * A cooperative of several branches has one SHU.  At the head
	 * office, holding every branch: coop is how many branches the
	 * pool sums (0: this branch alone).  At a branch, once the head
	 * office's plan has arrived: planned, with the cooperative's
	 * totals the members' shares are worked out against.
	 */
	int		 coop;
	int		 planned;
	uint64_t	 plan_seq;	/* the plan's entry at the head office */
	int64_t		 scap, suse;	/* the cooperative's sum S, sum T */
	int64_t		 remainder;	/* the cooperative's, to the reserve */
	uint32_t	 rules;		/* how members' figures are read */
	char		 hq[BRANCH_MAX + 1];	/* the head office held here */
};
/*
 * The head office's plan (EK_SHU_PLAN's F_SHU_PLAN): the cooperative's
 * pool and totals, and for each branch its own SHU, how many of its
 * members share, their shares and a SHA-256 of its (member, share) list,
 * which the branch's own posting must match.
 */
#define SHU_PLAN_MAX	48	/* branches: the field's room in an entry */
struct shu_plan_branch {
	char		 code[BRANCH_MAX + 1];
	int64_t		 shu;		/* the branch's closed SHU, sen */
	uint64_t	 members;	/* members with a share */
	int64_t		 shares;	/* their shares, before tax */
	uint8_t		 hash[HASH_LEN];
};
struct shu_plan {
	int		 year;
	int64_t		 pool, jma, jua, scap, suse, remainder;
	uint32_t	 bp[SHU_NPART];
	size_t		 nbranch;
	struct shu_plan_branch b[SHU_PLAN_MAX];
};
int	 shu_plan_get(struct store_txn *, const char *, int, uint64_t *,
	    struct shu_plan *);
struct shu_post_report {
	int64_t		 pool;
	int64_t		 part[SHU_NPART];	/* reserve with the remainder */
	uint64_t	 members;	/* members with a share */
	int64_t		 shares;
	int64_t		 tax;		/* withheld */
	uint64_t	 entries;
	uint64_t	 branches;	/* the head office's plan: how many */
};
int	 shu_estimate(struct store_txn *, const char *, int, uint32_t,
	    struct shu_estimate *);
int	 shu_members(struct store_txn *, const char *,
	    const struct shu_estimate *, struct shu_member **, size_t *,
	    int64_t *);
int	 store_shu_post(struct store *, const char *, const char *, int,
	    int64_t, struct shu_post_report *);
int	 store_shu_post_pending(struct store *, const char *, int64_t, int *,
	    struct shu_post_report *);
int	 shu_member_estimate(struct store_txn *, const char *, uint64_t,
	    uint32_t, struct shu_member *);
/*
 * store/health-calc.c: the health ratios' arithmetic, no LMDB: the
 * inputs (figures from the books, filled by health_inputs()), the
 * scoring of both regimes and the PEARLS ratios.  Ratios are basis
 * points (1% = 100), num x 10000 / den rounded toward zero, taken in
 * 128 bits; a zero denominator gives a ratio of 0, flagged.  Every
 * threshold is a setting (a row of store/setting.c's table).
 */
#define HEALTH_CHECK_MAX	16	/* items in one checklist */
enum health_list {
	HEALTH_GOVERNANCE,	/* Permenkop 9/2020: tata kelola */
	HEALTH_RISK,		/* Permenkop 9/2020: profil risiko */
	HEALTH_MANAGEMENT,	/* Perdep 06/2016: manajemen */
	HEALTH_NLIST
};
/* Loans by class: index enum loan_class (0 unused). */
#define HEALTH_NCLASS		(LOAN_MACET + 1)
struct health_inputs {
	uint32_t	 date;
	/* balances at the end of date, natural sign, sen */
	int64_t		 cash;		/* 1101, 1102 */
	int64_t		 bank;		/* the other 11xx */
	int64_t		 loans;		/* 1201 */
	int64_t		 allowance;	/* 1209, positive */
	int64_t		 assets;	/* every asset account, net */
	int64_t		 savings;	/* 21xx but 2102: sukarela */
	int64_t		 term;		/* 2102: berjangka */
	int64_t		 payables;	/* 22xx, 23xx, 29xx: due within 30 days */
	int64_t		 borrowing;	/* 24xx .. 28xx: banks, LPDB */
	int64_t		 liabilities;
	int64_t		 pokok;		/* 3101 */
	int64_t		 wajib;		/* 3102 */
	int64_t		 reserve;	/* 32xx */
	int64_t		 grant;		/* 33xx */
	int64_t		 shu;		/* 34xx: SHU not yet shared */
	int64_t		 equity;	/* every equity account */
	/* over the twelve months through date (365 days) */
	int64_t		 income;	/* 4xxx */
	int64_t		 member_income;	/* 41xx: from members' loans */
	int64_t		 expenses;	/* 5xxx */
	int64_t		 sav_interest;	/* 51xx: jasa simpanan */
	int64_t		 provision_exp;	/* 5202 */
	int64_t		 shu_paid;	/* credits to 2301: SHU to members */
	/* a year before date */
	int64_t		 assets_prev;
	int64_t		 shares_prev;	/* pokok + wajib */
	uint64_t	 members;
	uint64_t	 members_prev;
	uint64_t	 men, women;
	/* the loans, from loan_status() on date (lateness known) */
	int		 lateness;	/* 0: the fields below are unknown */
	int64_t		 klass[HEALTH_NCLASS];	/* outstanding by class */
	int64_t		 late;		/* 1 day or more past due */
	int64_t		 late_1_12;	/* 1 day to 12 months */
	int64_t		 late_12;	/* more than 12 months */
	int64_t		 provision;	/* the allowance the loans need */
	/* the checklists entered by a manager: nilai 1 (best) .. 4 */
	uint32_t	 check_date[HEALTH_NLIST];	/* 0: not entered */
	uint8_t		 check[HEALTH_NLIST][HEALTH_CHECK_MAX];
};
/* One ratio, traceable: what it divides and where that came from. */
struct health_figure {
	const char	*code;		/* "K1", "P1" */
	const char	*name;		/* msgid */
	const char	*num_src;	/* the accounts: "1201 late > 12 months" */
	const char	*den_src;
	int64_t		 num, den;	/* sen, or a count */
	int64_t		 ratio;		/* basis points */
	int		 undefined;	/* den was 0 (or not known) */
	int		 count;		/* 1: num, den are counts; 2: an answer */
	int		 weight;	/* points in the total (Perdep), or 0 */
	int		 nilai;		/* Permenkop: 1 best .. 4 */
	int		 score;		/* Permenkop: 5 - nilai; Perdep 0..100 */
	/* PEARLS: the goal, basis points, -1 for none; met or not */
	int64_t		 goal_min, goal_max;
	int		 goal_strict;	/* the goal is > min, not >= */
	int		 met;
};
#define HEALTH_FIGMAX		24
#define HEALTH_ASPMAX		8
struct health_aspect {
	const char	*name;		/* msgid */
	int		 weight;	/* points */
	int64_t		 percent;	/* basis points of the aspect's best */
	int64_t		 points;	/* hundredths of a point in the total */
	size_t		 first, n;	/* its figures */
	int		 checklist;	/* enum health_list + 1, or 0 */
	int		 entered;	/* checklist: entered */
};
#define HEALTH_SEHAT		1
#define HEALTH_CUKUP		2
#define HEALTH_PENGAWASAN	3
#define HEALTH_KHUSUS		4	/* dalam pengawasan khusus */
#define HEALTH_P2020		0	/* regimes */
#define HEALTH_P2016		1
struct health_result {
	int		 regime;
	size_t		 nfig, nasp;
	struct health_figure fig[HEALTH_FIGMAX];
	struct health_aspect asp[HEALTH_ASPMAX];
	int64_t		 total;		/* hundredths of a point, 0..10000 */
	int		 predicate;	/* HEALTH_SEHAT ... */
};
/*
 * The settings health reads, v[i] the value of health_setting_name(i)
 * (NULL past the end); their units, ranges and defaults are rows of
 * store/setting.c's table.
 */
struct health_config {
	int64_t		 v[128];
};
const char *health_setting_name(size_t);
void	 health_config_defaults(struct health_config *);
int64_t	 health_ratio(int64_t, int64_t, int *);
int	 health_nilai(int64_t, int, int64_t, int64_t, int64_t);
int	 health_predicate(int64_t, int64_t, int64_t, int64_t);
int	 health_regime(const struct health_config *);
const char *health_predicate_name(int);
const char *health_predicate_code(int);
const char *health_list_name(int);
int	 health_list_parse(const char *, int *);
size_t	 health_list_len(int);
const char *health_item_text(int, size_t);
int	 health_check_valid(int, const char *);
void	 health_p2020(const struct health_inputs *,
	    const struct health_config *, struct health_result *);
void	 health_p2016(const struct health_inputs *,
	    const struct health_config *, struct health_result *);
#define PEARLS_N		14
void	 health_pearls(const struct health_inputs *,
	    const struct health_config *, struct health_figure [PEARLS_N]);

/*
 * store/health.c: the inputs from the books and the checklists as
 * entries (kind health-check).  health_inputs() sums every branch here
 * (the whole cooperative) at the end of date: balances and the year's
 * movement from the period totals, members from their records, and,
 * when lateness is asked for, each active loan's loan_status() on date
 * (before a branch's business date: each loan as it stood then, rebuilt
 * from the journal by loan_status_at()).  The checklists are read from
 * branch.  Returns 0, or a storage error.
 */
/*
 * store/ods.c: the ministry's yearly data and the signed report the
 * province box accepts (at most ODS_MAXSIZE bytes).
 */
#define ODS_KEY_LEN	32
#define ODS_SIG_LEN	64
#define ODS_MAXSIZE	1024
struct ods_report {
	uint64_t	 nik;		/* nomor induk koperasi, 16 digits */
	uint32_t	 district;	/* kabupaten/kota: province 2 + 2 digits */
	int		 year;
	uint32_t	 date;		/* the figures are at its end */
	int		 active;
	uint32_t	 rat;		/* the RAT held, or 0 */
	uint64_t	 men, women, managers, staff;
	int64_t		 own_capital, outside_capital, volume, shu, assets;
	int		 regime;	/* HEALTH_P2020, HEALTH_P2016 */
	int64_t		 total;		/* hundredths of a point */
	int		 predicate;
	/* Permenkop 9/2020's ratios, basis points (-1: not known) */
	int64_t		 npl;		/* K1 problem loans / loans */
	int64_t		 bopo;		/* K3 expenses / income */
	int64_t		 roa;		/* K4 */
	int64_t		 cash;		/* K5 cash ratio */
};
int	 ods_collect(struct store_txn *, const char *, int,
	    struct ods_report *);
int	 ods_sign(struct store *, const struct ods_report *, struct buf *);
int	 ods_sign_raw(const uint8_t [ODS_KEY_LEN], const struct ods_report *,
	    struct buf *);
int	 ods_parse(const void *, size_t, struct ods_report *,
	    uint8_t [ODS_KEY_LEN]);
int	 ods_read(const void *, size_t, struct ods_report *);

/* store/province.c: the province box's reports (files, no LMDB). */
#define PROVINCE_CODE_MAX	16	/* a cooperative's code, [A-Z0-9] */
int	 province_valid_code(const char *);
const char *province_district_name(uint32_t);
int	 province_init(const char *, const char *);
int	 province_name(const char *, char *, size_t);
int	 province_keep(const char *, const char *, const void *, size_t,
	    int *);
int	 province_partial(const char *, const char *, const char *,
	    uint64_t *);
int	 province_partial_add(const char *, const char *, const char *,
	    uint64_t, const void *, size_t);
int	 province_partial_take(const char *, const char *, const char *,
	    uint8_t *, size_t, size_t *);
int	 province_walk(const char *, int (*)(void *, const char *,
	    const struct ods_report *, int64_t), void *);
/* The dashboard of one year, from the reports kept. */
#define PROVINCE_WORST		10
struct province_district {
	uint32_t	 district;
	uint64_t	 coops;		/* that ever reported */
	uint64_t	 reported;	/* for the year */
	uint64_t	 rat_in_time;
	uint64_t	 predicate[HEALTH_KHUSUS + 1];
	uint64_t	 men, women;
	int64_t		 assets, shu;
};
struct province_coop {
	char		 code[PROVINCE_CODE_MAX + 1];
	struct ods_report r;		/* its report for the year, or latest */
	int64_t		 received;	/* when its latest report came */
	int		 has_year;
	int		 stale;		/* nothing received for a year */
};
struct province_dash {
	int		 year;
	size_t		 ndistrict;
	struct province_district *district;	/* by code */
	struct province_district total;
	size_t		 ncoop;
	struct province_coop *coop;		/* by code */
	size_t		 nworst;
	size_t		 worst[PROVINCE_WORST];	/* lowest scores, coop[] */
	/* the worst of each ratio: highest npl, bopo; lowest roa, cash */
#define PROVINCE_NRATIO		4
	size_t		 nbad[PROVINCE_NRATIO];
	size_t		 bad[PROVINCE_NRATIO][PROVINCE_WORST];
	uint64_t	 stale;
};
int	 province_dashboard(const char *, int, int64_t, int,
	    struct province_dash *);
void	 province_dash_free(struct province_dash *);
void	 province_bar(char *, size_t, uint64_t, uint64_t, int, int, int);
int	 health_inputs(struct store_txn *, const char *, uint32_t, int,
	    struct health_inputs *);
int	 health_config_read(struct store_txn *, const char *,
	    struct health_config *);
void	 health_check_req(struct post_req *, const char *, const char *,
	    const char *, const char *);

#endif
