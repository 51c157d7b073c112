/*
 * store/meeting.c: the annual members' meeting (rapat anggota tahunan,
 * RAT), held at the head office and at branch sites at once, as entries
 * in the journals so that it syncs like everything else.
 *
 * The head office's manager opens the meeting, adds agenda items, opens
 * and closes voting on each and closes the meeting: entries of the head
 * office's own journal, which every branch receives back on its next
 * sync.  A site records attendances and votes in its own journal, which
 * the head office receives.  Each entry's apply hook reads and writes
 * only its own branch's records (the meeting under the head office's
 * code, a site's marks under the site's), so the books derived from a
 * journal do not depend on the order in which branches arrive, and
 * loket verify rebuilds them.  What needs another branch's books is
 * judged twice, never by apply:
 *
 *  - at the site, when the mark is posted (the request's prepare hook):
 *    the meeting open as the site knows it, voting on the item open and
 *    not known closed, this branch one of the sites, and the member, if
 *    the member's branch is held on this box, a member on the meeting's
 *    date who has not left;
 *  - at the head office, by rat_tally(), which holds every branch: an
 *    unknown member, one who was not a member on the date, a mark made
 *    after the close (the site's clock against the head office's), a
 *    vote before its voting opened, and a member marked at two sites.
 *
 * Of two sites' marks of one member the head office keeps the first it
 * received: applying a mark notes, in this box's local table, the first
 * mark of each member (and of each member's vote on each item) to reach
 * the box.  The order of arrival is this box's own fact, not the
 * journal's, which is why it lives in the local table and not among the
 * derived records that loket verify compares.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

#define MARK_KEY	(KEY_BRANCH + 1 + 4 + 2 + KEY_BRANCH + 8)
#define MARK_VAL	17		/* seq, time, choice */

/* -- keys and records --------------------------------------------------- */

static void
rat_key(uint8_t key[KEY_BRANCH + 5], const char *hq, uint32_t year)
{
	key_branch(key, hq);
	key[KEY_BRANCH] = 'M';
	be32_put(key + KEY_BRANCH + 1, year);
}

/* A site's mark: 'A' (item 0) or 'V', the year, the item, the member. */
static void
mark_key(uint8_t key[MARK_KEY], const char *site, uint32_t year,
    uint16_t item, const char *mbranch, uint64_t member)
{
	key_branch(key, site);
	key[KEY_BRANCH] = item == 0 ? 'A' : 'V';
	be32_put(key + KEY_BRANCH + 1, year);
	be16_put(key + KEY_BRANCH + 5, item);
	key_branch(key + KEY_BRANCH + 7, mbranch);
	be64_put(key + KEY_BRANCH + 7 + KEY_BRANCH, member);
}

int
rat_get(struct store_txn *t, const char *hq, uint32_t year, struct rat *m)
{
	uint8_t	 key[KEY_BRANCH + 5];
	MDB_val	 k, d;
	int	 r;

	rat_key(key, hq, year);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_get(t->txn, t->st->rat, &k, &d)) != 0)
		return r == MDB_NOTFOUND ? STORE_E_RAT : r;
	if (d.mv_size != sizeof *m)
		return STORE_E_CORRUPT;
	memcpy(m, d.mv_data, sizeof *m);
	return 0;
}

static int
rat_put(struct store_txn *t, const struct rat *m)
{
	uint8_t	 key[KEY_BRANCH + 5];
	MDB_val	 k, d;

	rat_key(key, m->hq, m->year);
	k.mv_data = key;
	k.mv_size = sizeof key;
	d.mv_data = (void *)(uintptr_t)m;
	d.mv_size = sizeof *m;
	return mdb_put(t->txn, t->st->rat, &k, &d, 0);
}

static int
mark_get(struct store_txn *t, const char *site, uint32_t year, uint16_t item,
    const char *mbranch, uint64_t member)
{
	uint8_t	 key[MARK_KEY];
	MDB_val	 k, d;
	int	 r;

	mark_key(key, site, year, item, mbranch, member);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_get(t->txn, t->st->rat, &k, &d)) != 0)
		return r == MDB_NOTFOUND ? STORE_E_NOTFOUND : r;
	return 0;
}

/* The head office held here: the one branch with BRANCH_F_HEAD. */
int
rat_head(struct store_txn *t, char *hq, size_t len)
{
	struct branch	*bs;
	size_t		 n, i;
	int		 r;

	if ((bs = calloc(256, sizeof *bs)) == NULL)
		return ENOMEM;
	r = branch_list(t, bs, 256, &n);
	for (i = 0; r == 0 && i < n && i < 256; i++) {
		if (bs[i].flags & BRANCH_F_HEAD) {
			str_copy(hq, bs[i].code, len);
			free(bs);
			return 0;
		}
	}
	free(bs);
	return r != 0 ? r : STORE_E_BRANCH;
}

/* The meeting open here: the latest year not closed. */
int
rat_current(struct store_txn *t, struct rat *m)
{
	char		 hq[BRANCH_MAX + 1];
	uint8_t		 key[KEY_BRANCH + 5];
	MDB_cursor	*c;
	MDB_val		 k, d;
	int		 r, found = 0;

	if ((r = rat_head(t, hq, sizeof hq)) != 0)
		return r == STORE_E_BRANCH ? STORE_E_RAT : r;
	if ((r = mdb_cursor_open(t->txn, t->st->rat, &c)) != 0)
		return r;
	rat_key(key, hq, 0);
	k.mv_data = key;
	k.mv_size = KEY_BRANCH + 1;
	for (r = mdb_cursor_get(c, &k, &d, MDB_SET_RANGE); r == 0;
	    r = mdb_cursor_get(c, &k, &d, MDB_NEXT)) {
		if (k.mv_size != sizeof key ||
		    memcmp(k.mv_data, key, KEY_BRANCH + 1) != 0)
			break;
		if (d.mv_size != sizeof *m) {
			r = STORE_E_CORRUPT;
			break;
		}
		if (((const struct rat *)d.mv_data)->closed == 0) {
			memcpy(m, d.mv_data, sizeof *m);
			found = 1;
		}
	}
	mdb_cursor_close(c);
	if (r != 0 && r != MDB_NOTFOUND)
		return r;
	return found ? 0 : STORE_E_RAT;
}

static int
rat_has_site(const struct rat *m, const char *site)
{
	uint32_t	 i;

	for (i = 0; i < m->nsite; i++)
		if (strcmp(m->site[i], site) == 0)
			return 1;
	return 0;
}

/*
 * Whether member n of mbranch may attend m: STORE_E_MEMBER (none),
 * STORE_E_INACTIVE (has left), STORE_E_NOTMEMBER (joined after the
 * date), STORE_E_BRANCH (the member's branch is not held here: the head
 * office judges), or 0.
 */
int
rat_member_ok(struct store_txn *t, const struct rat *m, const char *mbranch,
    uint64_t n)
{
	struct branch	 b;
	struct member	 mb;
	int		 r;

	if ((r = branch_get(t, mbranch, &b)) != 0)
		return r == STORE_E_NOTFOUND || r == STORE_E_BRANCH ?
		    STORE_E_BRANCH : r;
	if ((r = member_get(t, mbranch, n, &mb)) != 0)
		return r;
	if (mb.status != MEMBER_ACTIVE && mb.left <= m->date)
		return STORE_E_INACTIVE;
	if (mb.joined > m->date)
		return STORE_E_NOTMEMBER;
	return 0;
}

/*
 * A member as a teller types them at site: "MOF-000123" (any branch),
 * "123" (the site's own), a NIK or a name (the site's own members, then
 * every other branch held here); a name must match one member only.
 */
int
rat_find_member(struct store_txn *t, const char *site, const char *text,
    char *mbranch, size_t len, uint64_t *n)
{
	struct branch	*bs = NULL;
	const char	*dash;
	char		 code[BRANCH_MAX + 1];
	uint64_t	 hits[2];
	size_t		 nb = 0, i, nh;
	int		 r;

	while (*text == ' ')
		text++;
	/* "MOF-000123": a branch code, a dash and digits only. */
	if ((dash = strchr(text, '-')) != NULL && dash > text &&
	    (size_t)(dash - text) <= BRANCH_MAX && dash[1] != '\0' &&
	    strspn(dash + 1, "0123456789") == strlen(dash + 1)) {
		memcpy(code, text, dash - text);
		code[dash - text] = '\0';
		for (i = 0; code[i] != '\0'; i++)
			if (code[i] >= 'a' && code[i] <= 'z')
				code[i] -= 'a' - 'A';
		if (!branch_valid_code(code) ||
		    member_parse_number(code, text, n) != 0)
			return STORE_E_MEMBER;
		str_copy(mbranch, code, len);
		return 0;
	}
	if (text[0] >= '0' && text[0] <= '9' && strlen(text) < NIK_LEN &&
	    member_parse_number(site, text, n) == 0) {
		str_copy(mbranch, site, len);
		return 0;
	}
	if ((r = member_search(t, site, text, hits, 2, &nh)) != 0)
		return r;
	if (nh == 1) {
		str_copy(mbranch, site, len);
		*n = hits[0];
		return 0;
	}
	if (nh > 1)
		return STORE_E_NAME;
	if ((bs = calloc(256, sizeof *bs)) == NULL)
		return ENOMEM;
	if ((r = branch_list(t, bs, 256, &nb)) != 0)
		goto out;
	r = STORE_E_MEMBER;
	for (i = 0; i < nb && i < 256; i++) {
		if (strcmp(bs[i].code, site) == 0)
			continue;
		if (member_search(t, bs[i].code, text, hits, 2, &nh) != 0 ||
		    nh == 0)
			continue;
		if (nh > 1 || r == 0) {
			r = STORE_E_NAME;
			break;
		}
		str_copy(mbranch, bs[i].code, len);
		*n = hits[0];
		r = 0;
	}
out:
	free(bs);
	return r;
}

const char *
rat_choice_name(uint8_t c)
{
	switch (c) {
	case RAT_YES:
		return "yes";
	case RAT_NO:
		return "no";
	case RAT_ABSTAIN:
		return "abstain";
	default:
		return "?";
	}
}

/* "yes", "no", "abstain", or the Indonesian "setuju", "tidak", "abstain". */
int
rat_choice_parse(const char *s, uint8_t *c)
{
	if (strcmp(s, "yes") == 0 || strcmp(s, "setuju") == 0 ||
	    strcmp(s, "y") == 0)
		*c = RAT_YES;
	else if (strcmp(s, "no") == 0 || strcmp(s, "tidak") == 0 ||
	    strcmp(s, "n") == 0)
		*c = RAT_NO;
	else if (strcmp(s, "abstain") == 0 || strcmp(s, "a") == 0)
		*c = RAT_ABSTAIN;
	else
		return STORE_E_INVAL;
	return 0;
}

/* -- requests: what only the posting branch can judge -------------------- */

static int
count_eligible(struct store_txn *t, uint32_t date, uint64_t *n)
{
	MDB_cursor	*c;
	MDB_val		 k, d;
	struct member	 mb;
	char		 br[BRANCH_MAX + 1];
	int		 r, op = MDB_FIRST;

	*n = 0;
	if ((r = mdb_cursor_open(t->txn, t->st->member, &c)) != 0)
		return r;
	while ((r = mdb_cursor_get(c, &k, &d, op)) == 0) {
		op = MDB_NEXT;
		if (k.mv_size != KEY_BRANCH + 8)
			continue;
		memset(br, 0, sizeof br);
		memcpy(br, k.mv_data, KEY_BRANCH);
		if ((r = member_get(t, br, be64_get((const uint8_t *)
		    k.mv_data + KEY_BRANCH), &mb)) != 0)
			break;
		if (mb.joined <= date && (mb.status == MEMBER_ACTIVE ||
		    mb.left > date))
			(*n)++;
	}
	mdb_cursor_close(c);
	return r == MDB_NOTFOUND ? 0 : r;
}

static int
open_prepare(struct store_txn *t, struct entry *e, void *arg)
{
	const struct rat_open_req *q = arg;
	struct branch		*bs = NULL;
	struct rat		 m;
	char			 sites[RAT_SITE_MAX * (BRANCH_MAX + 1) + 1];
	uint64_t		 eligible, pct;
	size_t			 nb, i, len = 0;
	int			 r;

	if (q->year < 1970 || q->year > 9999 || q->date == 0)
		return STORE_E_INVAL;
	if ((r = rat_get(t, e->branch, q->year, &m)) == 0)
		return STORE_E_EXISTS;
	if (r != STORE_E_RAT)
		return r;
	if (q->sites != NULL)
		str_copy(sites, q->sites, sizeof sites);
	else {
		/* Every branch held at the head office, itself first. */
		if ((bs = calloc(256, sizeof *bs)) == NULL)
			return ENOMEM;
		if ((r = branch_list(t, bs, 256, &nb)) != 0)
			goto out;
		len = snprintf(sites, sizeof sites, "%s", e->branch);
		for (i = 0; i < nb && i < 256; i++) {
			if (strcmp(bs[i].code, e->branch) == 0)
				continue;
			if (len + strlen(bs[i].code) + 2 > sizeof sites) {
				r = STORE_E_INVAL;
				goto out;
			}
			len += snprintf(sites + len, sizeof sites - len, ",%s",
			    bs[i].code);
		}
	}
	if (q->mode == RAT_DELEGATES)
		eligible = q->delegates;
	else if ((r = count_eligible(t, q->date, &eligible)) != 0)
		goto out;
	pct = (uint64_t)savings_setting(t, e->branch, "rat.quorum_pct");
	if (eligible == 0 || pct > 100) {
		r = STORE_E_INVAL;
		goto out;
	}
	/* Fields go in the order of their tags. */
	if ((r = entry_add_u64(e, F_FLAGS, q->mode)) != 0 ||
	    (r = entry_add_u64(e, F_DATE, q->date)) != 0 ||
	    (r = entry_add_u64(e, F_RAT, q->year)) != 0 ||
	    (r = entry_add_str(e, F_SITES, sites)) != 0 ||
	    (r = entry_add_u64(e, F_ELIGIBLE, eligible)) != 0 ||
	    (r = entry_add_u64(e, F_QUORUM, eligible * pct / 100 + 1)) != 0)
		goto out;
out:
	free(bs);
	return r;
}

void
rat_open_req(struct post_req *q, const char *branch, const char *user,
    const struct rat_open_req *o)
{
	store_req_prepared(q, branch, user, EK_RAT_OPEN, open_prepare, o);
}

/* The meeting of q->year at this head office, or the one open. */
static int
step_meeting(struct store_txn *t, const char *branch,
    struct rat_mark_req *q, struct rat *m)
{
	int	 r;

	if (q->year != 0)
		r = rat_get(t, branch, q->year, m);
	else if ((r = rat_current(t, m)) == 0 && strcmp(m->hq, branch) != 0)
		r = STORE_E_RAT;
	if (r == 0 && m->closed != 0)
		r = STORE_E_RAT;
	return r;
}

static int
item_prepare(struct store_txn *t, struct entry *e, void *arg)
{
	struct rat_mark_req	*q = arg;
	struct rat		 m;
	int			 r;

	if ((r = step_meeting(t, e->branch, q, &m)) != 0)
		return r;
	if (m.nitem == RAT_ITEM_MAX)
		return STORE_E_INVAL;
	q->n = m.nitem + 1;
	if ((r = entry_add_u64(e, F_RAT, m.year)) != 0 ||
	    (r = entry_add_u64(e, F_ITEM, q->n)) != 0)
		return r;
	return 0;
}

void
rat_item_req(struct post_req *q, const char *branch, const char *user,
    struct rat_mark_req *m, const char *title)
{
	store_req_prepared(q, branch, user, EK_RAT_ITEM, item_prepare, m);
	q->field[0].tag = F_NAME;
	q->field[0].val = (const uint8_t *)title;
	q->field[0].len = strlen(title);
	q->nfield = 1;
}

static int
step_prepare(struct store_txn *t, struct entry *e, void *arg)
{
	struct rat_mark_req	*q = arg;
	struct rat		 m;
	int			 r;

	if ((r = step_meeting(t, e->branch, q, &m)) != 0)
		return r;
	if ((r = entry_add_u64(e, F_RAT, m.year)) != 0)
		return r;
	if (e->kind != EK_RAT_CLOSE && (r = entry_add_u64(e, F_ITEM,
	    q->item)) != 0)
		return r;
	return 0;
}

/* Voting opens or closes on an item, or the meeting closes. */
void
rat_step_req(struct post_req *q, const char *branch, const char *user,
    uint16_t kind, struct rat_mark_req *m)
{
	store_req_prepared(q, branch, user, kind, step_prepare, m);
}

/*
 * An attendance or a vote at this site: what the site can judge before
 * it posts (the head office judges again when it tallies).
 */
static int
mark_prepare(struct store_txn *t, struct entry *e, void *arg)
{
	struct rat_mark_req	*q = arg;
	struct rat		 m;
	const struct rat_item	*it;
	int			 r;

	if (q->year != 0) {
		char	 hq[BRANCH_MAX + 1];

		if ((r = rat_head(t, hq, sizeof hq)) != 0 ||
		    (r = rat_get(t, hq, q->year, &m)) != 0)
			return r == STORE_E_BRANCH ? STORE_E_RAT : r;
		if (m.closed != 0)
			return STORE_E_RAT;
	} else if ((r = rat_current(t, &m)) != 0)
		return r;
	if (!rat_has_site(&m, e->branch))
		return STORE_E_SITE;
	if (!branch_valid_code(q->mbranch) || q->member == 0)
		return STORE_E_MEMBER;
	r = rat_member_ok(t, &m, q->mbranch, q->member);
	if (r != 0 && r != STORE_E_BRANCH)
		return r;
	if (e->kind == EK_RAT_VOTE) {
		if (q->item == 0 || q->item > m.nitem)
			return STORE_E_RATITEM;
		it = &m.item[q->item - 1];
		if (it->opened == 0 || it->closed != 0)
			return STORE_E_VOTING;
		if (q->choice < RAT_YES || q->choice > RAT_ABSTAIN)
			return STORE_E_INVAL;
	}
	/*
	 * Not F_MEMBER, which files an entry in the history of that number
	 * of the entry's own branch; the branch only when it is another's.
	 */
	if ((r = entry_add_u64(e, F_RAT, m.year)) != 0)
		return r;
	if (e->kind == EK_RAT_VOTE &&
	    ((r = entry_add_u64(e, F_ITEM, q->item)) != 0 ||
	    (r = entry_add_u64(e, F_CHOICE, q->choice)) != 0))
		return r;
	if (strcmp(q->mbranch, e->branch) != 0 &&
	    (r = entry_add_str(e, F_MBRANCH, q->mbranch)) != 0)
		return r;
	return entry_add_u64(e, F_ATTENDEE, q->member);
}

/* An attendance (q->item 0) or a vote, at the branch of the request. */
void
rat_mark_req(struct post_req *q, const char *branch, const char *user,
    struct rat_mark_req *m)
{
	store_req_prepared(q, branch, user, m->item == 0 ? EK_RAT_ATTEND :
	    EK_RAT_VOTE, mark_prepare, m);
}

/* -- the kinds' hooks: the entry's own branch only ----------------------- */

static int
get_year(const struct entry *e, uint32_t *year)
{
	uint64_t	 v;
	int		 r;

	if ((r = entry_get_u64(e, F_RAT, &v)) != 0)
		return r == STORE_E_NOTFOUND ? STORE_E_INVAL : r;
	if (v < 1970 || v > 9999)
		return STORE_E_INVAL;
	*year = (uint32_t)v;
	return 0;
}

static int
get_item(const struct entry *e, const struct rat *m, uint16_t *item)
{
	uint64_t	 v;
	int		 r;

	if ((r = entry_get_u64(e, F_ITEM, &v)) != 0)
		return r == STORE_E_NOTFOUND ? STORE_E_INVAL : r;
	if (v == 0 || (m != NULL && v > m->nitem) || v > RAT_ITEM_MAX)
		return STORE_E_RATITEM;
	*item = (uint16_t)v;
	return 0;
}

/* The head office's meeting an entry of it names, open. */
static int
own_meeting(struct store_txn *t, const struct entry *e, struct kind_ctx *c,
    struct rat *m)
{
	uint32_t	 year;
	int		 r;

	if (!(c->branch.flags & BRANCH_F_HEAD))
		return STORE_E_BRANCH;
	if ((r = get_year(e, &year)) != 0 ||
	    (r = rat_get(t, e->branch, year, m)) != 0)
		return r;
	return m->closed != 0 ? STORE_E_RAT : 0;
}

static int
sites_parse(struct rat *m, const char *s)
{
	const char	*p = s, *comma;
	size_t		 n;
	uint32_t	 i;

	m->nsite = 0;
	for (;;) {
		comma = strchr(p, ',');
		n = comma != NULL ? (size_t)(comma - p) : strlen(p);
		if (n == 0 || n > BRANCH_MAX || m->nsite == RAT_SITE_MAX)
			return STORE_E_INVAL;
		memcpy(m->site[m->nsite], p, n);
		m->site[m->nsite][n] = '\0';
		if (!branch_valid_code(m->site[m->nsite]))
			return STORE_E_BRANCH;
		for (i = 0; i < m->nsite; i++)
			if (strcmp(m->site[i], m->site[m->nsite]) == 0)
				return STORE_E_INVAL;
		m->nsite++;
		if (comma == NULL)
			return 0;
		p = comma + 1;
	}
}

static int
rat_open_apply(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	struct rat	 m, old;
	char		 sites[RAT_SITE_MAX * (BRANCH_MAX + 1) + 1];
	uint64_t	 date, mode, eligible, quorum;
	int		 r;

	if (!(c->branch.flags & BRANCH_F_HEAD))
		return STORE_E_BRANCH;
	memset(&m, 0, sizeof m);
	str_copy(m.hq, e->branch, sizeof m.hq);
	if ((r = get_year(e, &m.year)) != 0)
		return r;
	if ((r = rat_get(t, e->branch, m.year, &old)) == 0)
		return STORE_E_EXISTS;
	if (r != STORE_E_RAT)
		return r;
	if ((r = entry_get_u64(e, F_DATE, &date)) != 0 ||
	    (r = entry_get_str(e, F_SITES, sites, sizeof sites)) != 0 ||
	    (r = entry_get_u64(e, F_FLAGS, &mode)) != 0 ||
	    (r = entry_get_u64(e, F_ELIGIBLE, &eligible)) != 0 ||
	    (r = entry_get_u64(e, F_QUORUM, &quorum)) != 0)
		return r == STORE_E_NOTFOUND ? STORE_E_INVAL : r;
	if (date == 0 || date > UINT32_MAX || mode > RAT_DELEGATES ||
	    eligible == 0 || quorum == 0 || quorum > eligible + 1)
		return STORE_E_INVAL;
	if ((r = sites_parse(&m, sites)) != 0)
		return r;
	m.date = (uint32_t)date;
	m.mode = (uint8_t)mode;
	m.eligible = eligible;
	m.quorum = quorum;
	m.opened = e->time;
	return rat_put(t, &m);
}

static int
rat_item_apply(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	struct rat	 m;
	uint16_t	 item;
	char		 title[sizeof m.item[0].title];
	int		 r;

	if ((r = own_meeting(t, e, c, &m)) != 0 ||
	    (r = get_item(e, NULL, &item)) != 0)
		return r;
	if (item != m.nitem + 1)
		return STORE_E_RATITEM;
	if ((r = entry_get_str(e, F_NAME, title, sizeof title)) != 0)
		return r == STORE_E_CORRUPT ? STORE_E_NAME : r;
	if (!text_valid_name(title) || utf8_width(title) > RAT_TITLE_MAX)
		return STORE_E_NAME;
	str_copy(m.item[m.nitem].title, title, sizeof m.item[0].title);
	m.nitem++;
	return rat_put(t, &m);
}

static int
rat_vote_open_apply(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	struct rat	 m;
	uint16_t	 item;
	int		 r;

	if ((r = own_meeting(t, e, c, &m)) != 0 ||
	    (r = get_item(e, &m, &item)) != 0)
		return r;
	if (m.item[item - 1].opened != 0)
		return STORE_E_VOTING;
	m.item[item - 1].opened = e->time;
	return rat_put(t, &m);
}

static int
rat_vote_close_apply(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	struct rat	 m;
	uint16_t	 item;
	int		 r;

	if ((r = own_meeting(t, e, c, &m)) != 0 ||
	    (r = get_item(e, &m, &item)) != 0)
		return r;
	if (m.item[item - 1].opened == 0 || m.item[item - 1].closed != 0)
		return STORE_E_VOTING;
	m.item[item - 1].closed = e->time;
	return rat_put(t, &m);
}

/* The meeting closes, and with it voting on any item still open. */
static int
rat_close_apply(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	struct rat	 m;
	uint32_t	 i;
	int		 r;

	if ((r = own_meeting(t, e, c, &m)) != 0)
		return r;
	for (i = 0; i < m.nitem; i++)
		if (m.item[i].opened != 0 && m.item[i].closed == 0)
			m.item[i].closed = e->time;
	m.closed = e->time;
	return rat_put(t, &m);
}

/*
 * The first mark of a member (and item) to reach this box: the order of
 * arrival, this box's own (see the top of the file).
 */
static void
arrival_name(char *name, size_t len, uint32_t year, uint16_t item,
    const char *mbranch, uint64_t member)
{
	snprintf(name, len, "rat.%" PRIu32 ".%u.%s.%" PRIu64, year,
	    (unsigned)item, mbranch, member);
}

static int
arrival_note(struct store_txn *t, const struct entry *e, uint32_t year,
    uint16_t item, const char *mbranch, uint64_t member)
{
	char	 name[64];
	uint8_t	 v[KEY_BRANCH + 8];
	int	 r;

	arrival_name(name, sizeof name, year, item, mbranch, member);
	r = local_get(t, "", name, v, sizeof v, NULL);
	if (r != STORE_E_NOTFOUND)
		return r;
	key_branch(v, e->branch);
	be64_put(v + KEY_BRANCH, e->seq);
	return local_put(t, "", name, v, sizeof v);
}

static int
arrival_first(struct store_txn *t, uint32_t year, uint16_t item,
    const char *mbranch, uint64_t member, char *site, uint64_t *seq)
{
	char	 name[64];
	uint8_t	 v[KEY_BRANCH + 8];
	size_t	 len;
	int	 r;

	arrival_name(name, sizeof name, year, item, mbranch, member);
	if ((r = local_get(t, "", name, v, sizeof v, &len)) != 0)
		return r;
	if (len != sizeof v)
		return STORE_E_CORRUPT;
	memset(site, 0, BRANCH_MAX + 1);
	memcpy(site, v, KEY_BRANCH);
	*seq = be64_get(v + KEY_BRANCH);
	return 0;
}

static int
rat_mark_apply(struct store_txn *t, const struct entry *e, struct kind_ctx *c)
{
	char		 mbranch[BRANCH_MAX + 1];
	uint8_t		 key[MARK_KEY], val[MARK_VAL];
	uint32_t	 year;
	uint64_t	 member, choice = 0;
	uint16_t	 item = 0;
	MDB_val		 k, d;
	int		 r;

	(void)c;
	if ((r = get_year(e, &year)) != 0)
		return r;
	if ((r = entry_get_str(e, F_MBRANCH, mbranch, sizeof mbranch)) ==
	    STORE_E_NOTFOUND)
		str_copy(mbranch, e->branch, sizeof mbranch);
	else if (r != 0)
		return r;
	else if (strcmp(mbranch, e->branch) == 0)
		return STORE_E_INVAL;	/* one way to write it */
	if ((r = entry_get_u64(e, F_ATTENDEE, &member)) != 0)
		return r == STORE_E_NOTFOUND ? STORE_E_INVAL : r;
	if (!branch_valid_code(mbranch) || member == 0)
		return STORE_E_MEMBER;
	if (e->kind == EK_RAT_VOTE) {
		if ((r = get_item(e, NULL, &item)) != 0)
			return r;
		if ((r = entry_get_u64(e, F_CHOICE, &choice)) != 0)
			return r == STORE_E_NOTFOUND ? STORE_E_INVAL : r;
		if (choice < RAT_YES || choice > RAT_ABSTAIN)
			return STORE_E_INVAL;
		/* One vote a member, of a member present at this site. */
		r = mark_get(t, e->branch, year, 0, mbranch, member);
		if (r != 0)
			return r == STORE_E_NOTFOUND ? STORE_E_ABSENT : r;
	}
	r = mark_get(t, e->branch, year, item, mbranch, member);
	if (r == 0)
		return item == 0 ? STORE_E_PRESENT : STORE_E_VOTED;
	if (r != STORE_E_NOTFOUND)
		return r;
	mark_key(key, e->branch, year, item, mbranch, member);
	be64_put(val, e->seq);
	be64_put(val + 8, (uint64_t)e->time);
	val[16] = (uint8_t)choice;
	k.mv_data = key;
	k.mv_size = sizeof key;
	d.mv_data = val;
	d.mv_size = sizeof val;
	if ((r = mdb_put(t->txn, t->st->rat, &k, &d, 0)) != 0)
		return r;
	return arrival_note(t, e, year, item, mbranch, member);
}

#define RAT_ROLES	(ROLE_MANAGER | ROLE_ADMIN)
#define MARK_ROLES	(ROLE_TELLER | ROLE_SUPERVISOR | ROLE_MANAGER)

const struct entry_kind ek_rat_open = {
	.kind = EK_RAT_OPEN,
	.name = "rat-open",
	.title = N_("members' meeting opened"),
	.roles = RAT_ROLES,
	.flags = KF_NOPOST,
	.fields = FIELD(F_RAT) | FIELD(F_DATE) | FIELD(F_SITES) |
	    FIELD(F_FLAGS) | FIELD(F_ELIGIBLE) | FIELD(F_QUORUM),
	.required = FIELD(F_RAT) | FIELD(F_DATE) | FIELD(F_SITES) |
	    FIELD(F_FLAGS) | FIELD(F_ELIGIBLE) | FIELD(F_QUORUM),
	.apply = rat_open_apply,
};

const struct entry_kind ek_rat_item = {
	.kind = EK_RAT_ITEM,
	.name = "rat-item",
	.title = N_("agenda item"),
	.roles = RAT_ROLES,
	.flags = KF_NOPOST,
	.fields = FIELD(F_RAT) | FIELD(F_ITEM) | FIELD(F_NAME),
	.required = FIELD(F_RAT) | FIELD(F_ITEM) | FIELD(F_NAME),
	.apply = rat_item_apply,
};

const struct entry_kind ek_rat_vote_open = {
	.kind = EK_RAT_VOTE_OPEN,
	.name = "rat-vote-open",
	.title = N_("voting opened"),
	.roles = RAT_ROLES,
	.flags = KF_NOPOST,
	.fields = FIELD(F_RAT) | FIELD(F_ITEM),
	.required = FIELD(F_RAT) | FIELD(F_ITEM),
	.apply = rat_vote_open_apply,
};

const struct entry_kind ek_rat_vote_close = {
	.kind = EK_RAT_VOTE_CLOSE,
	.name = "rat-vote-close",
	.title = N_("voting closed"),
	.roles = RAT_ROLES,
	.flags = KF_NOPOST,
	.fields = FIELD(F_RAT) | FIELD(F_ITEM),
	.required = FIELD(F_RAT) | FIELD(F_ITEM),
	.apply = rat_vote_close_apply,
};

const struct entry_kind ek_rat_close = {
	.kind = EK_RAT_CLOSE,
	.name = "rat-close",
	.title = N_("members' meeting closed"),
	.roles = RAT_ROLES,
	.flags = KF_NOPOST,
	.fields = FIELD(F_RAT),
	.required = FIELD(F_RAT),
	.apply = rat_close_apply,
};

const struct entry_kind ek_rat_attend = {
	.kind = EK_RAT_ATTEND,
	.name = "rat-attend",
	.title = N_("present at the members' meeting"),
	.roles = MARK_ROLES,
	.flags = KF_NOPOST,
	.fields = FIELD(F_RAT) | FIELD(F_MBRANCH) | FIELD(F_ATTENDEE),
	.required = FIELD(F_RAT) | FIELD(F_ATTENDEE),
	.apply = rat_mark_apply,
};

const struct entry_kind ek_rat_vote = {
	.kind = EK_RAT_VOTE,
	.name = "rat-vote",
	.title = N_("vote at the members' meeting"),
	.roles = MARK_ROLES,
	.flags = KF_NOPOST,
	.fields = FIELD(F_RAT) | FIELD(F_MBRANCH) | FIELD(F_ATTENDEE) |
	    FIELD(F_ITEM) | FIELD(F_CHOICE),
	.required = FIELD(F_RAT) | FIELD(F_ATTENDEE) | FIELD(F_ITEM) |
	    FIELD(F_CHOICE),
	.apply = rat_mark_apply,
};

/* -- the tally ----------------------------------------------------------- */

static int
add_mark(struct rat_tally *ty, size_t *cap, const struct rat_mark *mk)
{
	struct rat_mark	*grown;

	if (ty->nmark == *cap) {
		*cap = *cap == 0 ? 256 : *cap * 2;
		if ((grown = reallocarray(ty->mark, *cap, sizeof *grown)) ==
		    NULL)
			return ENOMEM;
		ty->mark = grown;
	}
	ty->mark[ty->nmark++] = *mk;
	return 0;
}

static int
cmp_mark(const void *a, const void *b)
{
	const struct rat_mark	*x = a, *y = b;
	int			 c;

	if (x->item != y->item)
		return (x->item > y->item) - (x->item < y->item);
	if ((c = strcmp(x->mbranch, y->mbranch)) != 0)
		return c;
	if (x->member != y->member)
		return (x->member > y->member) - (x->member < y->member);
	if (x->time != y->time)
		return (x->time > y->time) - (x->time < y->time);
	if ((c = strcmp(x->site, y->site)) != 0)
		return c;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

static int
cmp_time(const void *a, const void *b)
{
	const int64_t	*x = a, *y = b;

	return (*x > *y) - (*x < *y);
}

/* Judge one mark on its own: member, site, time. */
static int
judge(struct store_txn *t, const struct rat *m, struct rat_mark *mk)
{
	const struct rat_item	*it;
	int			 r;

	if (!rat_has_site(m, mk->site)) {
		mk->status = RAT_NOTSITE;
		return 0;
	}
	r = rat_member_ok(t, m, mk->mbranch, mk->member);
	if (r == STORE_E_MEMBER) {
		mk->status = RAT_UNKNOWN;
		return 0;
	}
	if (r == STORE_E_INACTIVE || r == STORE_E_NOTMEMBER) {
		mk->status = RAT_NOTMEMBER;
		return 0;
	}
	if (r != 0 && r != STORE_E_BRANCH)
		return r;
	if (mk->item == 0) {
		if (m->closed != 0 && mk->time > m->closed)
			mk->status = RAT_LATE;
		return 0;
	}
	if (mk->item > m->nitem) {
		mk->status = RAT_EARLY;
		return 0;
	}
	it = &m->item[mk->item - 1];
	if (it->opened == 0 || mk->time < it->opened)
		mk->status = RAT_EARLY;
	else if (it->closed != 0 && mk->time > it->closed)
		mk->status = RAT_LATE;
	return 0;
}

/*
 * Every mark of the meeting held here, each judged, and the counts: of a
 * member's marks that pass on their own, the one that reached this box
 * first counts (the earliest by the site's clock if none is noted) and
 * the others are duplicates.
 */
int
rat_tally(struct store_txn *t, const char *hq, uint32_t year,
    struct rat_tally *ty)
{
	MDB_cursor	*c = NULL;
	MDB_val		 k, d;
	struct rat	 m;
	struct rat_mark	 mk;
	const uint8_t	*p;
	char		 fsite[BRANCH_MAX + 1];
	uint64_t	 fseq;
	int64_t		*times = NULL;
	size_t		 cap = 0, i, j, g, keep, np = 0;
	int		 r, op = MDB_FIRST;

	/* hq may be ty->rat.hq itself. */
	if ((r = rat_get(t, hq, year, &m)) != 0)
		return r;
	memset(ty, 0, sizeof *ty);
	ty->rat = m;
	if ((r = mdb_cursor_open(t->txn, t->st->rat, &c)) != 0)
		return r;
	while ((r = mdb_cursor_get(c, &k, &d, op)) == 0) {
		op = MDB_NEXT;
		p = k.mv_data;
		if (k.mv_size != MARK_KEY || d.mv_size != MARK_VAL ||
		    be32_get(p + KEY_BRANCH + 1) != year)
			continue;
		memset(&mk, 0, sizeof mk);
		memcpy(mk.site, p, KEY_BRANCH);
		mk.item = be16_get(p + KEY_BRANCH + 5);
		memcpy(mk.mbranch, p + KEY_BRANCH + 7, KEY_BRANCH);
		mk.member = be64_get(p + KEY_BRANCH + 7 + KEY_BRANCH);
		mk.seq = be64_get(d.mv_data);
		mk.time = (int64_t)be64_get((const uint8_t *)d.mv_data + 8);
		mk.choice = ((const uint8_t *)d.mv_data)[16];
		if ((r = judge(t, &ty->rat, &mk)) != 0 ||
		    (r = add_mark(ty, &cap, &mk)) != 0)
			goto out;
	}
	if (r != MDB_NOTFOUND)
		goto out;
	r = 0;
	if (ty->nmark > 1)
		qsort(ty->mark, ty->nmark, sizeof ty->mark[0], cmp_mark);

	/* Each member's marks of an item, together: one counts. */
	for (i = 0; i < ty->nmark; i = j) {
		struct rat_mark	*a = &ty->mark[i];

		for (j = i + 1; j < ty->nmark && ty->mark[j].item == a->item &&
		    ty->mark[j].member == a->member &&
		    strcmp(ty->mark[j].mbranch, a->mbranch) == 0; j++)
			;
		keep = j;
		if (arrival_first(t, year, a->item, a->mbranch, a->member,
		    fsite, &fseq) == 0) {
			for (g = i; g < j; g++)
				if (ty->mark[g].status == RAT_OK &&
				    ty->mark[g].seq == fseq &&
				    strcmp(ty->mark[g].site, fsite) == 0)
					keep = g;
		}
		for (g = i; keep == j && g < j; g++)
			if (ty->mark[g].status == RAT_OK)
				keep = g;
		for (g = i; g < j; g++) {
			if (g == keep || ty->mark[g].status != RAT_OK)
				continue;
			ty->mark[g].status = RAT_DUPLICATE;
			str_copy(ty->mark[g].other, ty->mark[keep].site,
			    sizeof ty->mark[g].other);
		}
	}

	if ((times = calloc(ty->nmark + 1, sizeof *times)) == NULL) {
		r = ENOMEM;
		goto out;
	}
	for (i = 0; i < ty->nmark; i++) {
		const struct rat_mark *a = &ty->mark[i];
		struct rat_count *n;

		if (a->item == 0) {
			if (a->status == RAT_OK)
				times[np++] = a->time;
			continue;
		}
		if (a->item > RAT_ITEM_MAX)
			continue;
		n = &ty->count[a->item - 1];
		if (a->status != RAT_OK)
			n->dropped++;
		else if (a->choice == RAT_YES)
			n->yes++;
		else if (a->choice == RAT_NO)
			n->no++;
		else
			n->abstain++;
	}
	ty->present = np;
	if (np >= ty->rat.quorum) {
		qsort(times, np, sizeof *times, cmp_time);
		ty->quorum_time = times[ty->rat.quorum - 1];
	}
out:
	free(times);
	mdb_cursor_close(c);
	if (r != 0)
		rat_tally_free(ty);
	return r;
}

void
rat_tally_free(struct rat_tally *ty)
{
	free(ty->mark);
	ty->mark = NULL;
	ty->nmark = 0;
}
