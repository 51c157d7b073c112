/*
 * store/kind.c: the table of entry kinds, indexed by their EK_ number.
 * Each row is defined by the module that owns the kind (its name, who
 * may post it, its flags, its fields and its hooks); this file only
 * lists them, the way tmux's cmd_table lists its commands.
 */
#include "store/store-int.h"

_Static_assert(F_LAST <= 64, "FIELD() masks are 64 bits");

static const struct entry_kind *const kinds[EK_LAST] = {
	[EK_BRANCH_OPEN] = &ek_branch_open,
	[EK_USER_ADD] = &ek_user_add,
	[EK_USER_SET] = &ek_user_set,
	[EK_USER_PASSWD] = &ek_user_passwd,
	[EK_ACCOUNT_OPEN] = &ek_account_open,
	[EK_JOURNAL] = &ek_journal,
	[EK_REVERSAL] = &ek_reversal,
	[EK_DAY_CLOSE] = &ek_day_close,
	[EK_SETTING] = &ek_setting,
	[EK_MEMBER_JOIN] = &ek_member_join,
	[EK_MEMBER_LEAVE] = &ek_member_leave,
	[EK_DEPOSIT] = &ek_deposit,
	[EK_WITHDRAW] = &ek_withdraw,
	[EK_TRANSFER] = &ek_transfer,
	[EK_DRAWER_OPEN] = &ek_drawer_open,
	[EK_VAULT_XFER] = &ek_vault_xfer,
	[EK_DRAWER_CLOSE] = &ek_drawer_close,
	[EK_INTEREST] = &ek_interest,
	[EK_TERM_OPEN] = &ek_term_open,
	[EK_TERM_CLOSE] = &ek_term_close,
	[EK_LOAN_PRODUCT] = &ek_loan_product,
	[EK_LOAN_APPLY] = &ek_loan_apply,
	[EK_LOAN_APPROVE] = &ek_loan_approve,
	[EK_LOAN_DISBURSE] = &ek_loan_disburse,
	[EK_LOAN_REPAY] = &ek_loan_repay,
	[EK_LOAN_AGE] = &ek_loan_age,
	[EK_LOAN_WRITEOFF] = &ek_loan_writeoff,
	[EK_LOAN_RECOVER] = &ek_loan_recover,
	[EK_IMPORT_OPENING] = &ek_import_opening,
	[EK_IMPORT_MEMBER] = &ek_import_member,
	[EK_IMPORT_TERM] = &ek_import_term,
	[EK_IMPORT_LOAN] = &ek_import_loan,
	[EK_RAT_OPEN] = &ek_rat_open,
	[EK_RAT_ITEM] = &ek_rat_item,
	[EK_RAT_VOTE_OPEN] = &ek_rat_vote_open,
	[EK_RAT_VOTE_CLOSE] = &ek_rat_vote_close,
	[EK_RAT_CLOSE] = &ek_rat_close,
	[EK_RAT_ATTEND] = &ek_rat_attend,
	[EK_RAT_VOTE] = &ek_rat_vote,
	[EK_ACCRUAL] = &ek_accrual,
	[EK_PROVISION] = &ek_provision,
	[EK_YEAR_CLOSE] = &ek_year_close,
	[EK_SHU_POST] = &ek_shu_post,
	[EK_HEALTH_CHECK] = &ek_health_check,
	[EK_SHU_PLAN] = &ek_shu_plan,
};

/* Kind's row, or NULL for a number no kind has. */
const struct entry_kind *
entry_kind_get(uint16_t kind)
{
	if (kind >= EK_LAST)
		return NULL;
	return kinds[kind];
}

/* The journal's short name ("loan-repay"), or "unknown". */
const char *
entry_kind_name(uint16_t kind)
{
	const struct entry_kind	*k = entry_kind_get(kind);

	return k != NULL ? k->name : "unknown";
}

/* The kind in words for people: a msgid ("loan repayment") to translate. */
const char *
entry_kind_title(uint16_t kind)
{
	const struct entry_kind	*k = entry_kind_get(kind);

	return k != NULL ? k->title : N_("unknown entry");
}
