/*
 * store/member.c: members (anggota): registration with the NIK checked,
 * the number within the branch, the NIK and name indices, search, and
 * leaving (resigned or deceased) with the savings paid out.
 *
 * A member's savings are sub-accounts numbered by the member number:
 * GL_POKOK.n, GL_WAJIB.n and GL_SUKARELA.n; berjangka deposits are
 * GL_BERJANGKA.(n * 100 + k).
 *
 * The nik database holds each member's identifiers: branch NIK (16
 * digits) -> number, and for members brought in by loket import branch
 * "o" old number -> number, so the old books' numbers stay searchable.
 * An imported member's record (version 2) adds the old number and where
 * their wajib stood at the cutover.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-int.h"

#define MEMBER_REC_VERSION	1
#define MEMBER_REC_IMPORTED	2	/* with the old books' figures */
#define OLD_TAG			'o'	/* nik database: an old number */
#define SEARCH_SCAN_MAX		20000	/* index keys looked at, at most */
#define WORD_MAX		64

static void
num_key(uint8_t key[KEY_BRANCH + 8], const char *branch, uint64_t n)
{
	key_branch(key, branch);
	be64_put(key + KEY_BRANCH, n);
}

static uint64_t
key_num(const uint8_t *p)
{
	return be64_get(p);
}

/*
 * Fold a name for searching: ASCII letters to lower case, the accented
 * Latin letters of U+00C0..U+017F to their base letter, digits kept,
 * everything else a single space.  Returns the length written.
 */
size_t
text_fold(const char *s, char *out, size_t size)
{
	static const char latin1[] =	/* U+00C0 .. U+00FF */
	    "aaaaaaaceeeeiiiidnooooo ouuuuyts"
	    "aaaaaaaceeeeiiiidnooooo ouuuuyty";
	static const char exta[] =	/* U+0100 .. U+017F */
	    "aaaaaaccccccccddddeeeeeeeeeegggg"
	    "gggghhhhiiiiiiiiiijjjjkkklllllll"
	    "lllnnnnnnnnnoooooooorrrrrrssssss"
	    "ssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = 0;
	uint32_t		 cp;
	char			 c;

	if (size == 0)
		return 0;
	while (*p != '\0' && n + 1 < size) {
		c = ' ';
		if (*p < 0x80) {
			cp = *p++;
			if (cp >= 'A' && cp <= 'Z')
				c = cp - 'A' + 'a';
			else if ((cp >= 'a' && cp <= 'z') ||
			    (cp >= '0' && cp <= '9'))
				c = cp;
		} else if ((*p & 0xe0) == 0xc0 && (p[1] & 0xc0) == 0x80) {
			cp = ((p[0] & 0x1f) << 6) | (p[1] & 0x3f);
			p += 2;
			if (cp >= 0xc0 && cp <= 0xff)
				c = latin1[cp - 0xc0];
			else if (cp >= 0x100 && cp <= 0x17f)
				c = exta[cp - 0x100];
		} else {
			p++;
			while ((*p & 0xc0) == 0x80)
				p++;
		}
		if (c == ' ' && (n == 0 || out[n - 1] == ' '))
			continue;
		out[n++] = c;
	}
	while (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return n;
}

static int
member_decode(struct member *m, const void *data, size_t len)
{
	struct buf	 in;
	uint8_t		 v, g;
	uint64_t	 birth, joined, left, nterm, wfrom;

	buf_from(&in, data, len);
	if (buf_get_u8(&in, &v) != 0 || (v != MEMBER_REC_VERSION &&
	    v != MEMBER_REC_IMPORTED) ||
	    buf_get_str(&in, m->nik, sizeof m->nik) != 0 ||
	    buf_get_str(&in, m->name, sizeof m->name) != 0 ||
	    buf_get_u8(&in, &g) != 0 ||
	    buf_get_varint(&in, &birth) != 0 ||
	    buf_get_str(&in, m->address, sizeof m->address) != 0 ||
	    buf_get_str(&in, m->village, sizeof m->village) != 0 ||
	    buf_get_str(&in, m->phone, sizeof m->phone) != 0 ||
	    buf_get_varint(&in, &joined) != 0 ||
	    buf_get_varint(&in, &left) != 0 ||
	    buf_get_u8(&in, &m->status) != 0 ||
	    buf_get_varint(&in, &nterm) != 0)
		return STORE_E_CORRUPT;
	if (v == MEMBER_REC_IMPORTED) {
		if (buf_get_str(&in, m->old_no, sizeof m->old_no) != 0 ||
		    buf_get_varint(&in, &wfrom) != 0 || wfrom > UINT32_MAX ||
		    buf_get_svarint(&in, &m->wajib_owed) != 0 ||
		    buf_get_svarint(&in, &m->wajib_paid) != 0)
			return STORE_E_CORRUPT;
		m->wajib_from = wfrom;
	}
	if (buf_left(&in) != 0)
		return STORE_E_CORRUPT;
	m->gender = g;
	m->birth = birth;
	m->joined = joined;
	m->left = left;
	m->nterm = nterm;
	return 0;
}

static int
member_put(struct store_txn *t, const struct member *m)
{
	uint8_t		 key[KEY_BRANCH + 8];
	struct buf	 out;
	uint8_t		 rec[2048];
	MDB_val		 k, d;
	int		 r;

	buf_wrap(&out, rec, sizeof rec);	/* no malloc per record */
	if ((r = buf_put_u8(&out, m->wajib_from != 0 ? MEMBER_REC_IMPORTED :
	    MEMBER_REC_VERSION)) != 0 ||
	    (r = buf_put_str(&out, m->nik)) != 0 ||
	    (r = buf_put_str(&out, m->name)) != 0 ||
	    (r = buf_put_u8(&out, (uint8_t)m->gender)) != 0 ||
	    (r = buf_put_varint(&out, m->birth)) != 0 ||
	    (r = buf_put_str(&out, m->address)) != 0 ||
	    (r = buf_put_str(&out, m->village)) != 0 ||
	    (r = buf_put_str(&out, m->phone)) != 0 ||
	    (r = buf_put_varint(&out, m->joined)) != 0 ||
	    (r = buf_put_varint(&out, m->left)) != 0 ||
	    (r = buf_put_u8(&out, m->status)) != 0 ||
	    (r = buf_put_varint(&out, m->nterm)) != 0)
		goto out;
	if (m->wajib_from != 0 &&
	    ((r = buf_put_str(&out, m->old_no)) != 0 ||
	    (r = buf_put_varint(&out, m->wajib_from)) != 0 ||
	    (r = buf_put_svarint(&out, m->wajib_owed)) != 0 ||
	    (r = buf_put_svarint(&out, m->wajib_paid)) != 0))
		goto out;
	num_key(key, m->branch, m->number);
	k.mv_data = key;
	k.mv_size = sizeof key;
	d.mv_data = out.data;
	d.mv_size = out.len;
	r = mdb_put(t->txn, t->st->member, &k, &d, 0);
out:
	buf_free(&out);
	return r;
}

int
member_get(struct store_txn *t, const char *branch, uint64_t n,
    struct member *m)
{
	uint8_t	 key[KEY_BRANCH + 8];
	MDB_val	 k, d;
	int	 r;

	memset(m, 0, sizeof *m);
	num_key(key, branch, n);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_get(t->txn, t->st->member, &k, &d)) != 0)
		return r == MDB_NOTFOUND ? STORE_E_MEMBER : r;
	snprintf(m->branch, sizeof m->branch, "%s", branch);
	m->number = n;
	return member_decode(m, d.mv_data, d.mv_size);
}

int
member_by_nik(struct store_txn *t, const char *branch, const char *nik,
    uint64_t *n)
{
	uint8_t	 key[KEY_BRANCH + NIK_LEN];
	MDB_val	 k, d;
	int	 r;

	if (strlen(nik) != NIK_LEN)
		return STORE_E_MEMBER;
	key_branch(key, branch);
	memcpy(key + KEY_BRANCH, nik, NIK_LEN);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_get(t->txn, t->st->nik, &k, &d)) != 0)
		return r == MDB_NOTFOUND ? STORE_E_MEMBER : r;
	if (d.mv_size != 8)
		return STORE_E_CORRUPT;
	*n = key_num(d.mv_data);
	return 0;
}

/*
 * Each member of the branch in number order, until fn returns non-zero
 * (which is returned): one cursor walk, not a lookup a member.
 */
int
member_list(struct store_txn *t, const char *branch,
    int (*fn)(void *, const struct member *), void *arg)
{
	uint8_t		 key[KEY_BRANCH + 8];
	struct member	 m;
	MDB_cursor	*c;
	MDB_val		 k, d;
	int		 r, op;

	num_key(key, branch, 0);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_cursor_open(t->txn, t->st->member, &c)) != 0)
		return r;
	for (op = MDB_SET_RANGE; (r = mdb_cursor_get(c, &k, &d, op)) == 0;
	    op = MDB_NEXT) {
		if (k.mv_size != sizeof key ||
		    memcmp(k.mv_data, key, KEY_BRANCH) != 0)
			break;
		memset(&m, 0, sizeof m);
		str_copy(m.branch, branch, sizeof m.branch);
		m.number = key_num((uint8_t *)k.mv_data + KEY_BRANCH);
		if ((r = member_decode(&m, d.mv_data, d.mv_size)) != 0 ||
		    (r = fn(arg, &m)) != 0)
			break;
	}
	mdb_cursor_close(c);
	return r == MDB_NOTFOUND ? 0 : r;
}

/* The member an old number (loket import) names. */
int
member_by_old(struct store_txn *t, const char *branch, const char *old,
    uint64_t *n)
{
	uint8_t	 key[KEY_BRANCH + 1 + MEMBER_OLDNO_MAX];
	size_t	 len = strlen(old);
	MDB_val	 k, d;
	int	 r;

	if (len == 0 || len > MEMBER_OLDNO_MAX)
		return STORE_E_MEMBER;
	key_branch(key, branch);
	key[KEY_BRANCH] = OLD_TAG;
	memcpy(key + KEY_BRANCH + 1, old, len);
	k.mv_data = key;
	k.mv_size = KEY_BRANCH + 1 + len;
	if ((r = mdb_get(t->txn, t->st->nik, &k, &d)) != 0)
		return r == MDB_NOTFOUND ? STORE_E_MEMBER : r;
	if (d.mv_size != 8)
		return STORE_E_CORRUPT;
	*n = key_num(d.mv_data);
	return 0;
}

void
member_format_number(const char *branch, uint64_t n, char *buf, size_t len)
{
	snprintf(buf, len, "%s-%06" PRIu64, branch, n);
}

/* "MOF-000123", "MOF-123" (the branch must be this one) or "123". */
int
member_parse_number(const char *branch, const char *s, uint64_t *n)
{
	const char		*dash;
	char			*end;
	unsigned long long	 v;
	size_t			 bl = strlen(branch);

	if ((dash = strchr(s, '-')) != NULL) {
		if ((size_t)(dash - s) != bl || strncasecmp(s, branch, bl) != 0)
			return STORE_E_MEMBER;
		s = dash + 1;
	}
	if (*s < '0' || *s > '9' || strlen(s) > 12)
		return STORE_E_MEMBER;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v == 0)
		return STORE_E_MEMBER;
	*n = v;
	return 0;
}

int
member_phone_ok(const char *p)
{
	size_t	 i, n;

	if (p[0] == '\0')
		return 1;
	if (p[0] == '+')
		p++;
	n = strlen(p);
	if (n < 8 || n > 15)
		return 0;
	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return 0;
	}
	return 1;
}

int
member_text_ok(const char *s, size_t maxcols)
{
	size_t	 len = strlen(s);

	if (len == 0)
		return 1;
	return len <= maxcols * 4 && utf8_valid(s, len) &&
	    utf8_width(s) <= maxcols && s[0] != ' ' && s[len - 1] != ' ' &&
	    strpbrk(s, "\t\r\n") == NULL;
}

/*
 * Everything about a new member that can be judged before posting:
 * the NIK (and that it is not registered), gender and birth date against
 * it, the name, address, village and phone.  today is the business date.
 */
int
member_check(struct store_txn *t, const char *branch,
    const struct member_req *q, uint32_t today)
{
	struct nik_info	 ni;
	uint64_t	 n;
	int		 y, m, d, r;

	date_to_ymd(today, &y, &m, &d);
	if (q->nik == NULL || nik_parse(q->nik, y, &ni) != 0)
		return STORE_E_NIK;
	if (q->name == NULL || !text_valid_name(q->name))
		return STORE_E_NAME;
	if (q->gender != 'L' && q->gender != 'P')
		return STORE_E_GENDER;
	if ((q->gender == 'P') != (ni.female != 0))
		return STORE_E_GENDER;
	if (q->birth != 0 && q->birth != BIRTH_YMD(ni.year, ni.month, ni.day))
		return STORE_E_BIRTH;
	if (BIRTH_YMD(ni.year, ni.month, ni.day) > BIRTH_YMD(y, m, d))
		return STORE_E_BIRTH;
	if (q->address == NULL || q->address[0] == '\0' ||
	    !member_text_ok(q->address, ADDRESS_MAX))
		return STORE_E_NAME;
	if (q->village == NULL || !text_valid_name(q->village))
		return STORE_E_NAME;
	if (q->phone != NULL && !member_phone_ok(q->phone))
		return STORE_E_PHONE;
	if (q->wajib < 0 || q->sukarela < 0)
		return STORE_E_AMOUNT;
	if (q->wajib > AMOUNT_MAX || q->sukarela > AMOUNT_MAX)
		return STORE_E_OVERFLOW;
	if (t != NULL) {
		r = member_by_nik(t, branch, q->nik, &n);
		if (r == 0)
			return STORE_E_NIKUSED;
		if (r != STORE_E_MEMBER)
			return r;
	}
	return 0;
}

struct join_arg {
	const struct member_req	*q;
};

/* Inside the transaction: the member's number and the cash postings. */
static int
member_join_prepare(struct store_txn *t, struct entry *e, void *arg)
{
	const struct member_req	*q = arg;
	struct user		 u;
	uint64_t		 n;
	int64_t			 pokok, total;
	uint32_t		 birth;
	struct nik_info		 ni;
	int			 y, mo, d, r;

	date_to_ymd(e->date, &y, &mo, &d);
	if ((r = member_check(t, e->branch, q, e->date)) != 0)
		return r;
	(void)nik_parse(q->nik, y, &ni);
	birth = BIRTH_YMD(ni.year, ni.month, ni.day);
	if ((r = counter_get(t, e->branch, "member", &n)) != 0 ||
	    (r = user_get(t, e->branch, e->user, &u)) != 0)
		return r;
	n++;
	entry_init_fields(e);
	if ((r = entry_add_str(e, F_NAME, q->name)) != 0 ||
	    (r = entry_add_u64(e, F_MEMBER, n)) != 0 ||
	    (r = entry_add_str(e, F_NIK, q->nik)) != 0 ||
	    (r = entry_add_field(e, F_GENDER, &q->gender, 1)) != 0 ||
	    (r = entry_add_u64(e, F_BIRTH, birth)) != 0 ||
	    (r = entry_add_str(e, F_ADDRESS, q->address)) != 0 ||
	    (r = entry_add_str(e, F_VILLAGE, q->village)) != 0)
		return r;
	if (q->phone != NULL && q->phone[0] != '\0' &&
	    (r = entry_add_str(e, F_PHONE, q->phone)) != 0)
		return r;
	pokok = savings_setting(t, e->branch, "savings.pokok");
	total = pokok + q->wajib + q->sukarela;
	e->npost = 0;
	e->post[e->npost++] = (struct posting){ GL_CASH, u.drawer, total };
	e->post[e->npost++] = (struct posting){ GL_POKOK, n, -pokok };
	if (q->wajib > 0)
		e->post[e->npost++] = (struct posting){ GL_WAJIB, n, -q->wajib };
	if (q->sukarela > 0)
		e->post[e->npost++] =
		    (struct posting){ GL_SUKARELA, n, -q->sukarela };
	return 0;
}

void
member_join_req(struct post_req *p, const char *branch, const char *user,
    const struct member_req *q)
{
	store_req_prepared(p, branch, user, EK_MEMBER_JOIN,
	    member_join_prepare, q);
}

/*
 * Inside the transaction: pay out every savings account in cash, rounded
 * down to what can be counted (cash.rounding); what rounding keeps back
 * is income of its own (4902).
 */
int
member_leave_prepare(struct store_txn *t, struct entry *e, void *arg)
{
	static const uint32_t	 gls[] = { GL_POKOK, GL_WAJIB, GL_SUKARELA };
	struct member		 m;
	struct balance		 b;
	struct user		 u;
	uint64_t		 n;
	int64_t			 total = 0, unit, kept = 0;
	size_t			 i;
	int			 r;

	if ((r = entry_get_u64(e, F_MEMBER, &n)) != 0)
		return STORE_E_INVAL;
	unit = savings_setting(t, e->branch, "cash.rounding");
	if ((r = member_get(t, e->branch, n, &m)) != 0 ||
	    (r = user_get(t, e->branch, e->user, &u)) != 0)
		return r;
	e->npost = 0;
	for (i = 0; i < sizeof gls / sizeof gls[0]; i++) {
		if ((r = account_balance(t, e->branch, gls[i], n, &b)) != 0)
			return r;
		if (b.amount == 0)
			continue;
		e->post[e->npost++] = (struct posting){ gls[i], n, -b.amount };
		total += -b.amount;	/* liabilities: credit balances */
	}
	if (unit > 0 && total % unit != 0) {
		kept = total % unit;
		total -= kept;
	}
	if (total != 0)
		e->post[e->npost++] = (struct posting){ GL_CASH, u.drawer,
		    -total };
	if (kept != 0)
		e->post[e->npost++] = (struct posting){ GL_ROUNDING, 0, -kept };
	return 0;
}

static int
index_name(struct store_txn *t, const char *branch, const char *name,
    uint64_t n)
{
	char		 folded[NAME_MAX_COLS * 4 + 1], *w, *save = NULL;
	uint8_t		 key[KEY_BRANCH + WORD_MAX + 1 + 8];
	size_t		 wl;
	MDB_val		 k, d;
	int		 r;

	text_fold(name, folded, sizeof folded);
	for (w = strtok_r(folded, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save)) {
		wl = strlen(w);
		if (wl > WORD_MAX)
			wl = WORD_MAX;
		key_branch(key, branch);
		memcpy(key + KEY_BRANCH, w, wl);
		key[KEY_BRANCH + wl] = '\0';
		be64_put(key + KEY_BRANCH + wl + 1, n);
		k.mv_data = key;
		k.mv_size = KEY_BRANCH + wl + 1 + 8;
		d.mv_data = (void *)(uintptr_t)"";
		d.mv_size = 0;
		if ((r = mdb_put(t->txn, t->st->name, &k, &d, 0)) != 0)
			return r;
	}
	return 0;
}

static int
need_field(const struct entry *e, uint16_t tag, char *dst, size_t size)
{
	int	 r;

	if ((r = entry_get_str(e, tag, dst, size)) != 0)
		return r == STORE_E_NOTFOUND ? STORE_E_INVAL : r;
	return 0;
}

static int
apply_join(struct store_txn *t, const struct entry *e)
{
	struct member		 m;
	struct member_req	 q;
	const struct field	*f;
	uint64_t		 n, count, birth;
	int64_t			 pokok;
	uint16_t		 i;
	int			 r, pokok_seen = 0;

	memset(&m, 0, sizeof m);
	snprintf(m.branch, sizeof m.branch, "%s", e->branch);
	if ((r = need_field(e, F_NAME, m.name, sizeof m.name)) != 0 ||
	    (r = need_field(e, F_NIK, m.nik, sizeof m.nik)) != 0 ||
	    (r = need_field(e, F_ADDRESS, m.address, sizeof m.address)) != 0 ||
	    (r = need_field(e, F_VILLAGE, m.village, sizeof m.village)) != 0)
		return r;
	if ((r = entry_get_str(e, F_PHONE, m.phone, sizeof m.phone)) != 0 &&
	    r != STORE_E_NOTFOUND)
		return r;
	if ((f = entry_field(e, F_GENDER)) == NULL || f->len != 1)
		return STORE_E_INVAL;
	m.gender = f->val[0];
	if (entry_get_u64(e, F_MEMBER, &n) != 0 ||
	    entry_get_u64(e, F_BIRTH, &birth) != 0 || birth > UINT32_MAX)
		return STORE_E_INVAL;
	memset(&q, 0, sizeof q);
	q.nik = m.nik;
	q.name = m.name;
	q.gender = m.gender;
	q.birth = birth;
	q.address = m.address;
	q.village = m.village;
	q.phone = m.phone;
	if ((r = member_check(t, e->branch, &q, e->date)) != 0)
		return r;
	if ((r = counter_get(t, e->branch, "member", &count)) != 0)
		return r;
	if (n != count + 1)
		return STORE_E_SEQUENCE;

	/* Cash in from the teller's drawer: pokok in full, then wajib, sukarela. */
	pokok = savings_setting(t, e->branch, "savings.pokok");
	for (i = 0; i < e->npost; i++) {
		const struct posting *p = &e->post[i];

		if (p->gl == GL_CASH && p->amount > 0)
			continue;
		if (p->sub != n || p->amount > 0)
			return STORE_E_INVAL;
		if (p->gl == GL_POKOK) {
			if (pokok_seen++ || -p->amount != pokok)
				return STORE_E_POKOK;
		} else if (p->gl != GL_WAJIB && p->gl != GL_SUKARELA)
			return STORE_E_INVAL;
	}
	if (!pokok_seen && pokok > 0)
		return STORE_E_POKOK;

	m.number = n;
	m.birth = birth;
	m.joined = e->date;
	m.status = MEMBER_ACTIVE;
	return member_add(t, &m);
}

/* An identifier of member n (a NIK, an old number): refused if taken. */
static int
index_id(struct store_txn *t, const char *branch, int tag, const char *id,
    uint64_t n, int used)
{
	uint8_t		 key[KEY_BRANCH + 1 + MEMBER_OLDNO_MAX], val[8];
	size_t		 len = strlen(id), off = KEY_BRANCH;
	MDB_val		 k, d;
	int		 r;

	if (len > MEMBER_OLDNO_MAX)
		return STORE_E_INVAL;
	key_branch(key, branch);
	if (tag != 0)
		key[off++] = tag;
	memcpy(key + off, id, len);
	k.mv_data = key;
	k.mv_size = off + len;
	be64_put(val, n);
	d.mv_data = val;
	d.mv_size = sizeof val;
	if ((r = mdb_put(t->txn, t->st->nik, &k, &d, MDB_NOOVERWRITE)) != 0)
		return r == MDB_KEYEXIST ? used : r;
	return 0;
}

/*
 * A new member's record, the member counter, the indices (NIK if any,
 * old number if imported, name words) and their pokok, wajib and
 * sukarela accounts: what joining and loket import share.  The caller
 * has checked that m->number is the next number.
 */
int
member_add(struct store_txn *t, const struct member *m)
{
	const char	*br = m->branch;
	uint64_t	 n = m->number;
	int		 r;

	if ((r = member_put(t, m)) != 0 ||
	    (r = counter_put(t, br, "member", n)) != 0)
		return r;
	if (m->nik[0] != '\0' &&
	    (r = index_id(t, br, 0, m->nik, n, STORE_E_NIKUSED)) != 0)
		return r;
	if (m->old_no[0] != '\0' &&
	    (r = index_id(t, br, OLD_TAG, m->old_no, n, STORE_E_EXISTS)) != 0)
		return r;
	if ((r = index_name(t, br, m->name, n)) != 0)
		return r;
	if ((r = account_open_sub(t, br, GL_POKOK, n, m->name, 0)) != 0 ||
	    (r = account_open_sub(t, br, GL_WAJIB, n, m->name, 0)) != 0 ||
	    (r = account_open_sub(t, br, GL_SUKARELA, n, m->name,
	    savings_setting(t, br, "savings.sukarela.min"))) != 0)
		return r;
	return 0;
}

static int
apply_leave_check(struct store_txn *t, const struct entry *e)
{
	struct member	 m;
	int64_t		 unit, cash = 0, kept = 0;
	uint64_t	 n, st;
	uint16_t	 i;
	int		 r;

	if (entry_get_u64(e, F_MEMBER, &n) != 0 ||
	    entry_get_u64(e, F_STATUS, &st) != 0)
		return STORE_E_INVAL;
	if (st != MEMBER_RESIGNED && st != MEMBER_DECEASED)
		return STORE_E_INVAL;
	if ((r = member_get(t, e->branch, n, &m)) != 0)
		return r;
	if (m.status != MEMBER_ACTIVE)
		return STORE_E_INACTIVE;
	for (i = 0; i < m.nterm; i++) {
		struct term	 tm;

		if (savings_term_get(t, e->branch, n * 100 + i + 1, &tm) == 0 &&
		    tm.open)
			return STORE_E_TERM;
	}
	unit = savings_setting(t, e->branch, "cash.rounding");
	for (i = 0; i < e->npost; i++) {
		const struct posting *p = &e->post[i];

		if (p->gl == GL_CASH && p->amount < 0) {
			cash -= p->amount;
			continue;
		}
		if (p->gl == GL_ROUNDING && p->sub == 0 && p->amount < 0) {
			kept -= p->amount;
			continue;
		}
		if (p->sub != n || p->amount < 0 || (p->gl != GL_POKOK &&
		    p->gl != GL_WAJIB && p->gl != GL_SUKARELA))
			return STORE_E_INVAL;
	}
	/* Rounding only keeps back what cannot be counted out. */
	if (kept > 0 && (unit <= 0 || kept >= unit || cash % unit != 0))
		return STORE_E_INVAL;
	return account_rounding_open(t, e);
}

/* After the payout moved the balances: all must be zero, then closed. */
static int
apply_leave_finish(struct store_txn *t, const struct entry *e)
{
	static const uint32_t	 gls[] = { GL_POKOK, GL_WAJIB, GL_SUKARELA };
	struct member		 m;
	uint64_t		 n, st;
	size_t			 i;
	int			 r;

	(void)entry_get_u64(e, F_MEMBER, &n);
	(void)entry_get_u64(e, F_STATUS, &st);
	for (i = 0; i < sizeof gls / sizeof gls[0]; i++) {
		if ((r = account_close(t, e->branch, gls[i], n)) != 0)
			return r == STORE_E_INVAL ? STORE_E_BALANCE : r;
	}
	if ((r = member_get(t, e->branch, n, &m)) != 0)
		return r;
	m.status = st;
	m.left = e->date;
	return member_put(t, &m);
}

static int
member_join_apply(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	(void)c;
	return apply_join(t, e);
}

/* A member may leave with no berjangka open and no loan running. */
static int
member_leave_apply(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	uint64_t	 n;
	int		 r;

	(void)c;
	if ((r = apply_leave_check(t, e)) != 0)
		return r;
	(void)entry_get_u64(e, F_MEMBER, &n);
	return loan_member_clear(t, e->branch, n);
}

static int
member_leave_after(struct store_txn *t, const struct entry *e,
    struct kind_ctx *c)
{
	(void)c;
	return apply_leave_finish(t, e);
}

const struct entry_kind ek_member_join = {
	.kind = EK_MEMBER_JOIN,
	.name = "member-join",
	.title = N_("joined"),
	.receipt = N_("NEW MEMBER RECEIPT"),
	.roles = ROLE_TELLER | ROLE_SUPERVISOR | ROLE_MANAGER,
	.flags = KF_CASH,
	.fields = FIELD(F_NAME) | FIELD(F_MEMBER) | FIELD(F_NIK) |
	    FIELD(F_GENDER) | FIELD(F_BIRTH) | FIELD(F_ADDRESS) |
	    FIELD(F_VILLAGE) | FIELD(F_PHONE),
	.required = FIELD(F_NAME) | FIELD(F_MEMBER) | FIELD(F_NIK) |
	    FIELD(F_GENDER) | FIELD(F_BIRTH) | FIELD(F_ADDRESS) |
	    FIELD(F_VILLAGE),
	.apply = member_join_apply,
};

const struct entry_kind ek_member_leave = {
	.kind = EK_MEMBER_LEAVE,
	.name = "member-leave",
	.title = N_("left"),
	.receipt = N_("MEMBER PAY-OUT RECEIPT"),
	.roles = ROLE_TELLER | ROLE_SUPERVISOR | ROLE_MANAGER,
	.flags = KF_CASH | KF_APPROVAL | KF_NOFLOOR,
	.fields = FIELD(F_MEMBER) | FIELD(F_STATUS),
	.required = FIELD(F_MEMBER) | FIELD(F_STATUS),
	.apply = member_leave_apply,
	.after = member_leave_after,
};

/*
 * A member's entries are the sorted duplicates of one key: 8 bytes each,
 * and each new one goes at the end of its member's list.
 */
static int
index_one(struct store_txn *t, const struct entry *e, uint64_t n)
{
	uint8_t		 key[KEY_BRANCH + 8], val[8];
	MDB_val		 k, d;

	num_key(key, e->branch, n);
	be64_put(val, e->seq);
	k.mv_data = key;
	k.mv_size = sizeof key;
	d.mv_data = val;
	d.mv_size = sizeof val;
	return mdb_put(t->txn, t->st->mentry, &k, &d, 0);
}

/*
 * Index an entry under each member it concerns, for statements and
 * history: the member it names, and every member whose savings it moves
 * (month-end interest names none but moves many).
 */
int
member_index_entry(struct store_txn *t, const struct entry *e)
{
	uint64_t	 n, m[ENTRY_MAXPOST + 1];
	size_t		 nm = 0, j;
	uint16_t	 i;
	int		 r;

	if (entry_get_u64(e, F_MEMBER, &n) == 0)
		m[nm++] = n;
	for (i = 0; i < e->npost; i++) {
		const struct posting *p = &e->post[i];

		if (p->gl == GL_POKOK || p->gl == GL_WAJIB ||
		    p->gl == GL_SUKARELA)
			n = p->sub;
		else if (p->gl == GL_BERJANGKA)
			n = p->sub / 100;
		else
			continue;
		for (j = 0; j < nm && m[j] != n; j++)
			;
		if (j == nm && n != 0)
			m[nm++] = n;
	}
	for (j = 0; j < nm; j++) {
		if ((r = index_one(t, e, m[j])) != 0)
			return r;
	}
	return 0;
}

/*
 * The sequence numbers of member n's entries, newest first when
 * newest_first, from the entry before `before` (0: from the end or the
 * start).  At most max; *nout is how many.
 */
int
member_entries(struct store_txn *t, const char *branch, uint64_t n,
    int newest_first, uint64_t *seqs, size_t max, size_t *nout)
{
	uint8_t		 key[KEY_BRANCH + 8];
	MDB_cursor	*c;
	MDB_val		 k, d;
	int		 r, op;

	*nout = 0;
	num_key(key, branch, n);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_cursor_open(t->txn, t->st->mentry, &c)) != 0)
		return r;
	if ((r = mdb_cursor_get(c, &k, &d, MDB_SET_KEY)) == 0) {
		if (newest_first) {
			r = mdb_cursor_get(c, &k, &d, MDB_LAST_DUP);
			op = MDB_PREV_DUP;
		} else
			op = MDB_NEXT_DUP;
	} else
		op = MDB_NEXT_DUP;
	for (; r == 0 && *nout < max; r = mdb_cursor_get(c, &k, &d, op)) {
		if (d.mv_size != 8)
			break;
		seqs[(*nout)++] = key_num(d.mv_data);
	}
	mdb_cursor_close(c);
	return r == MDB_NOTFOUND ? 0 : r;
}

/*
 * Each of member n's entries, oldest first (ascending seq, so in date
 * order), to fn until it returns non-zero, which is returned.
 */
int
member_entry_walk(struct store_txn *t, const char *branch, uint64_t n,
    int (*fn)(void *, uint64_t), void *arg)
{
	uint8_t		 key[KEY_BRANCH + 8];
	MDB_cursor	*c;
	MDB_val		 k, d;
	int		 r;

	num_key(key, branch, n);
	k.mv_data = key;
	k.mv_size = sizeof key;
	if ((r = mdb_cursor_open(t->txn, t->st->mentry, &c)) != 0)
		return r;
	for (r = mdb_cursor_get(c, &k, &d, MDB_SET_KEY); r == 0;
	    r = mdb_cursor_get(c, &k, &d, MDB_NEXT_DUP)) {
		if (d.mv_size != 8) {
			r = STORE_E_CORRUPT;
			break;
		}
		if ((r = fn(arg, key_num(d.mv_data))) != 0)
			break;
	}
	mdb_cursor_close(c);
	return r == MDB_NOTFOUND ? 0 : r;
}

/* Bump a member's count of berjangka deposits; returns the new k. */
int
member_next_term(struct store_txn *t, const char *branch, uint64_t n,
    uint16_t *k)
{
	struct member	 m;
	int		 r;

	if ((r = member_get(t, branch, n, &m)) != 0)
		return r;
	if (m.nterm >= 99)
		return STORE_E_TERM;
	m.nterm++;
	*k = m.nterm;
	return member_put(t, &m);
}

static int
add_result(uint64_t *out, size_t max, size_t *n, uint64_t num)
{
	size_t	 i;

	for (i = 0; i < *n; i++) {
		if (out[i] == num)
			return 0;
	}
	if (*n < max)
		out[(*n)++] = num;
	return *n >= max;
}

/* Every query word is a prefix of some word of the folded name. */
static int
name_matches(const char *folded, char words[][WORD_MAX + 1], size_t nw)
{
	size_t		 i, wl;
	const char	*p;

	for (i = 0; i < nw; i++) {
		wl = strlen(words[i]);
		for (p = folded; p != NULL; p = strchr(p, ' ')) {
			if (*p == ' ')
				p++;
			if (strncmp(p, words[i], wl) == 0)
				break;
		}
		if (p == NULL)
			return 0;
	}
	return 1;
}

/*
 * Find members by their old books' number (loket import) as written
 * there, by number ("MOF-000123", "123"), by NIK (16 digits), or by
 * name: each word of the query is the beginning of some word of the name,
 * case and accents folded.  At most max numbers, in index order.
 */
int
member_search(struct store_txn *t, const char *branch, const char *query,
    uint64_t *out, size_t max, size_t *nout)
{
	char		 folded[NAME_MAX_COLS * 4 + 1], *w, *save = NULL;
	char		 words[8][WORD_MAX + 1], mf[NAME_MAX_COLS * 4 + 1];
	uint8_t		 key[KEY_BRANCH + WORD_MAX + 1];
	size_t		 nw = 0, scan = 0, best = 0, bl;
	struct member	 m;
	MDB_cursor	*c;
	MDB_val		 k, d;
	uint64_t	 n;
	int		 r, op;

	*nout = 0;
	while (*query == ' ')
		query++;
	/* An imported member's number in the old books, as written there. */
	if ((r = member_by_old(t, branch, query, &n)) == 0) {
		if (add_result(out, max, nout, n))
			return 0;
	} else if (r != STORE_E_MEMBER)
		return r;
	if (strlen(query) == NIK_LEN && strspn(query, "0123456789") == NIK_LEN) {
		r = member_by_nik(t, branch, query, &n);
		if (r == 0)
			(void)add_result(out, max, nout, n);
		return r == STORE_E_MEMBER ? 0 : r;
	}
	if (member_parse_number(branch, query, &n) == 0) {
		r = member_get(t, branch, n, &m);
		if (r == 0)
			(void)add_result(out, max, nout, n);
		return r == STORE_E_MEMBER ? 0 : r;
	}
	text_fold(query, folded, sizeof folded);
	for (w = strtok_r(folded, " ", &save); w != NULL && nw < 8;
	    w = strtok_r(NULL, " ", &save)) {
		snprintf(words[nw], sizeof words[nw], "%s", w);
		if (strlen(words[nw]) > strlen(words[best]))
			best = nw;
		nw++;
	}
	if (nw == 0 || max == 0)
		return 0;

	/* Walk the longest word's range; check the others on the name. */
	bl = strlen(words[best]);
	key_branch(key, branch);
	memcpy(key + KEY_BRANCH, words[best], bl);
	k.mv_data = key;
	k.mv_size = KEY_BRANCH + bl;
	if ((r = mdb_cursor_open(t->txn, t->st->name, &c)) != 0)
		return r;
	for (op = MDB_SET_RANGE; (r = mdb_cursor_get(c, &k, &d, op)) == 0;
	    op = MDB_NEXT) {
		if (k.mv_size < KEY_BRANCH + bl + 9 ||
		    memcmp(k.mv_data, key, KEY_BRANCH + bl) != 0 ||
		    ++scan > SEARCH_SCAN_MAX)
			break;
		n = key_num((uint8_t *)k.mv_data + k.mv_size - 8);
		if (nw > 1) {
			if ((r = member_get(t, branch, n, &m)) != 0)
				break;
			text_fold(m.name, mf, sizeof mf);
			if (!name_matches(mf, words, nw))
				continue;
		}
		if (add_result(out, max, nout, n))
			break;
	}
	mdb_cursor_close(c);
	return r == MDB_NOTFOUND ? 0 : r;
}

/*
 * Wajib due up to the month of date: the months since joining (the
 * joining month included) times the monthly amount, less what was paid.
 * An imported member owes from the cutover on: the arrears the old books
 * gave, and the monthly amount for each month after the cutover's, less
 * what was paid since.
 * *months is how many monthly payments are missing (rounded up).
 */
int
member_wajib_due(struct store_txn *t, const char *branch, uint64_t n,
    uint32_t date, int *months, int64_t *arrears)
{
	struct member	 m;
	struct balance	 b;
	int64_t		 wajib, due;
	int		 y1, m1, d1, y2, m2, d2, r, nm;

	*months = 0;
	*arrears = 0;
	if ((r = member_get(t, branch, n, &m)) != 0 ||
	    (r = account_balance(t, branch, GL_WAJIB, n, &b)) != 0)
		return r;
	if (m.status != MEMBER_ACTIVE)
		return 0;
	wajib = savings_setting(t, branch, "savings.wajib");
	date_to_ymd(m.wajib_from != 0 ? m.wajib_from : m.joined, &y1, &m1,
	    &d1);
	date_to_ymd(date, &y2, &m2, &d2);
	nm = (y2 - y1) * 12 + (m2 - m1) + 1;
	if (nm < 0 || wajib <= 0)
		return 0;
	if (m.wajib_from != 0)	/* imported: from the cutover's arrears on */
		due = m.wajib_owed + wajib * (nm - 1) -
		    (-b.amount - m.wajib_paid);
	else
		due = wajib * nm - (-b.amount);
	if (due <= 0)
		return 0;
	*arrears = due;
	*months = (int)((due + wajib - 1) / wajib);
	return 0;
}

/*
 * Member n's statement of every account: pokok, wajib, sukarela, each
 * berjangka deposit and each loan.  fn is called, in this order, with
 * the opening balance of each account that has one on `from` (opening
 * set, seq 0), then with each movement of the member's accounts dated
 * from `from` through `to`, oldest first: amount is the change of the
 * account's own balance (savings up when paid in, a loan up when paid
 * out and down when repaid) and balance what it is after.  fn returning
 * non-zero stops the walk and is returned.
 */
#define STMT_MAXACCT	64
int
member_statement(struct store_txn *t, const char *branch, uint64_t n,
    uint32_t from, uint32_t to,
    int (*fn)(void *, const struct statement_line *), void *arg)
{
	struct {
		uint32_t	 gl;
		uint64_t	 sub;
		int64_t		 bal;
	}			*acct = NULL;
	struct statement_line	 sl;
	struct entry		*e = NULL;
	uint64_t		*seqs = NULL;
	size_t			 ns = 0, na = 0, i, k;
	uint16_t		 j;
	int			 opened = 0, r;

	if ((seqs = calloc(100000, sizeof *seqs)) == NULL ||
	    (e = malloc(sizeof *e)) == NULL ||
	    (acct = calloc(STMT_MAXACCT, sizeof *acct)) == NULL) {
		r = ENOMEM;
		goto out;
	}
	if ((r = member_entries(t, branch, n, 0, seqs, 100000, &ns)) != 0)
		goto out;
	for (i = 0; i <= ns; i++) {
		if (i < ns && (r = journal_get(t, branch, seqs[i], e)) != 0)
			goto out;
		if (!opened && (i == ns || e->date >= from)) {
			/* The balances brought forward. */
			opened = 1;
			for (k = 0; k < na; k++) {
				memset(&sl, 0, sizeof sl);
				sl.opening = 1;
				sl.date = from;
				sl.gl = acct[k].gl;
				sl.sub = acct[k].sub;
				sl.balance = acct[k].bal;
				if (acct[k].bal != 0 && (r = fn(arg, &sl)) != 0)
					goto out;
			}
		}
		if (i == ns || e->date > to)
			break;
		for (j = 0; j < e->npost; j++) {
			const struct posting *p = &e->post[j];
			int64_t mv;

			if (p->gl == GL_LOANS)
				mv = p->amount;
			else if (((p->gl == GL_POKOK || p->gl == GL_WAJIB ||
			    p->gl == GL_SUKARELA) && p->sub == n) ||
			    (p->gl == GL_BERJANGKA && p->sub / 100 == n))
				mv = -p->amount;
			else
				continue;
			for (k = 0; k < na && (acct[k].gl != p->gl ||
			    acct[k].sub != p->sub); k++)
				;
			if (k == na) {
				if (na == STMT_MAXACCT) {
					r = E2BIG;
					goto out;
				}
				acct[na].gl = p->gl;
				acct[na].sub = p->sub;
				acct[na++].bal = 0;
			}
			acct[k].bal += mv;
			if (e->date < from)
				continue;
			memset(&sl, 0, sizeof sl);
			sl.seq = seqs[i];
			sl.date = e->date;
			sl.kind = e->kind;
			sl.gl = p->gl;
			sl.sub = p->sub;
			sl.amount = mv;
			sl.balance = acct[k].bal;
			if ((r = fn(arg, &sl)) != 0)
				goto out;
		}
	}
	r = 0;
out:
	free(acct);
	free(e);
	free(seqs);
	return r;
}
