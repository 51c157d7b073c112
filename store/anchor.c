/*
 * store/anchor.c: anchored history.  At each sync the head office signs
 * the branch's chain head it has acknowledged (branch, entry number, the
 * hash h(n) of loket-journal(5)) with an Ed25519 key of its own, kept in
 * its data folder (anchor.key, apart from the SSH host key).  Both sides
 * keep every signed head in the local table, which belongs to the box
 * and is never in the journal: name "anchor:" and the number in 16 hex
 * digits, value h(n) then the signature.  The branch pins the key's
 * public half ("anchor-key") at setup or at the first sync; another key
 * is refused.
 *
 * loket verify recomputes the chain from the entries' bytes; anchor_check
 * then compares it with every signed head: a synced entry rewritten
 * since, its chain recomputed to match, disagrees with the first signed
 * head at or after it, and agrees with every one before it, so the
 * rewritten entry lies between the last head that agrees and the first
 * that does not (one entry when a sync followed each).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "store/store-int.h"

#define ANCHOR_PREFIX	"anchor:"
#define ANCHOR_PIN	"anchor-key"
#define ANCHOR_FILE	"anchor.key"

static const char anchor_magic[] = "loket-anchor-1";

/* What is signed: the magic, the branch (8 bytes), n, h(n). */
static size_t
anchor_message(const char *branch, uint64_t seq,
    const uint8_t head[HASH_LEN], uint8_t *m)
{
	size_t	 n = sizeof anchor_magic, i;

	memcpy(m, anchor_magic, n);
	key_branch(m + n, branch);
	n += KEY_BRANCH;
	for (i = 0; i < 8; i++)
		m[n++] = (uint8_t)(seq >> (56 - 8 * i));
	memcpy(m + n, head, HASH_LEN);
	return n + HASH_LEN;
}

/*
 * The head office's key: read, or made on first use (0600).  The one key
 * signs both the chain heads and the yearly report (store/ods.c).
 */
int
anchor_key_load(struct store *st, int create, EVP_PKEY **pk)
{
	char		 path[4096 + 32];
	FILE		*f = NULL;
	EVP_PKEY	*k = NULL;
	int		 fd, r;

	*pk = NULL;
	if (snprintf(path, sizeof path, "%s/%s", st->path, ANCHOR_FILE) >=
	    (int)sizeof path)
		return ENAMETOOLONG;
	if ((f = fopen(path, "r")) != NULL) {
		k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
		fclose(f);
		if (k == NULL || EVP_PKEY_get_id(k) != EVP_PKEY_ED25519) {
			EVP_PKEY_free(k);
			return STORE_E_SIGNKEY;
		}
		*pk = k;
		return 0;
	}
	if (errno != ENOENT)
		return errno;
	if (!create)
		return STORE_E_SIGNKEY;
	if ((k = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519")) == NULL)
		return STORE_E_SIGNKEY;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) == -1) {
		r = errno;
		EVP_PKEY_free(k);
		if (r == EEXIST)	/* another session made it: use that */
			return anchor_key_load(st, 0, pk);
		return r;
	}
	if ((f = fdopen(fd, "w")) == NULL) {
		r = errno;
		close(fd);
		goto fail;
	}
	if (PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL) != 1 ||
	    fflush(f) != 0 || fsync(fileno(f)) != 0) {
		r = STORE_E_SIGNKEY;
		fclose(f);
		goto fail;
	}
	if (fclose(f) != 0) {
		r = errno;
		goto fail;
	}
	*pk = k;
	return 0;
fail:
	(void)unlink(path);
	EVP_PKEY_free(k);
	return r;
}

static int
key_public(EVP_PKEY *k, uint8_t pub[ANCHOR_KEY_LEN])
{
	size_t	 len = ANCHOR_KEY_LEN;

	if (EVP_PKEY_get_raw_public_key(k, pub, &len) != 1 ||
	    len != ANCHOR_KEY_LEN)
		return STORE_E_SIGNKEY;
	return 0;
}

/* The head office's public half, for its admin to hand over. */
int
anchor_public(struct store *st, int create, uint8_t pub[ANCHOR_KEY_LEN])
{
	EVP_PKEY	*k;
	int		 r;

	if ((r = anchor_key_load(st, create, &k)) != 0)
		return r;
	r = key_public(k, pub);
	EVP_PKEY_free(k);
	return r;
}

/*
 * loket backup: the head office's key goes with the copy of its books
 * (0600), so that a box put back from it signs with the same key.
 * Returns 0 (also when there is no key), or an errno.
 */
int
anchor_copy_key(struct store *st, const char *dest)
{
	char	 from[4096 + 32], to[4096 + 32];
	uint8_t	 buf[4096];
	ssize_t	 n;
	int	 in, out, r = 0;

	snprintf(from, sizeof from, "%s/%s", st->path, ANCHOR_FILE);
	if (snprintf(to, sizeof to, "%s/%s", dest, ANCHOR_FILE) >=
	    (int)sizeof to)
		return ENAMETOOLONG;
	if ((in = open(from, O_RDONLY)) == -1)
		return errno == ENOENT ? 0 : errno;
	if ((out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1) {
		r = errno;
		close(in);
		return r;
	}
	while ((n = read(in, buf, sizeof buf)) > 0) {
		if (write(out, buf, (size_t)n) != n) {
			r = errno != 0 ? errno : EIO;
			break;
		}
	}
	if (n < 0)
		r = errno;
	if (r == 0 && fsync(out) != 0)
		r = errno;
	close(in);
	if (close(out) != 0 && r == 0)
		r = errno;
	return r;
}

/* 1 if sig is the key's signature of (branch, seq, head). */
static int
sig_good(const uint8_t pub[ANCHOR_KEY_LEN], const char *branch,
    uint64_t seq, const uint8_t head[HASH_LEN],
    const uint8_t sig[ANCHOR_SIG_LEN])
{
	uint8_t		 m[64 + KEY_BRANCH + 8 + HASH_LEN];
	EVP_PKEY	*k;
	EVP_MD_CTX	*c;
	size_t		 n;
	int		 ok = 0;

	n = anchor_message(branch, seq, head, m);
	if ((k = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub,
	    ANCHOR_KEY_LEN)) == NULL)
		return 0;
	if ((c = EVP_MD_CTX_new()) != NULL &&
	    EVP_DigestVerifyInit(c, NULL, NULL, NULL, k) == 1 &&
	    EVP_DigestVerify(c, sig, ANCHOR_SIG_LEN, m, n) == 1)
		ok = 1;
	EVP_MD_CTX_free(c);
	EVP_PKEY_free(k);
	return ok;
}

static int
anchor_put(struct store_txn *t, const char *branch, const struct anchor *a)
{
	char	 name[32];
	uint8_t	 v[HASH_LEN + ANCHOR_SIG_LEN];

	snprintf(name, sizeof name, ANCHOR_PREFIX "%016llx",
	    (unsigned long long)a->seq);
	memcpy(v, a->head, HASH_LEN);
	memcpy(v + HASH_LEN, a->sig, ANCHOR_SIG_LEN);
	return local_put(t, branch, name, v, sizeof v);
}

/*
 * The head office: sign the branch's chain head at seq, keep it, and
 * give the signature and the public half for the branch.  Returns 0, an
 * errno, STORE_E_SIGNKEY (the key file is not an Ed25519 key) or a
 * store code.
 */
int
anchor_sign(struct store *st, const char *branch, uint64_t seq,
    const uint8_t head[HASH_LEN], uint8_t sig[ANCHOR_SIG_LEN],
    uint8_t pub[ANCHOR_KEY_LEN])
{
	uint8_t			 m[64 + KEY_BRANCH + 8 + HASH_LEN];
	struct anchor		 a;
	struct store_txn	*t = NULL;
	EVP_PKEY		*k = NULL;
	EVP_MD_CTX		*c = NULL;
	size_t			 n, len = ANCHOR_SIG_LEN;
	int			 r;

	if ((r = anchor_key_load(st, 1, &k)) != 0)
		return r;
	if ((r = key_public(k, pub)) != 0)
		goto out;
	n = anchor_message(branch, seq, head, m);
	if ((c = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestSignInit(c, NULL, NULL, NULL, k) != 1 ||
	    EVP_DigestSign(c, sig, &len, m, n) != 1 ||
	    len != ANCHOR_SIG_LEN) {
		r = STORE_E_SIGNKEY;
		goto out;
	}
	a.seq = seq;
	memcpy(a.head, head, HASH_LEN);
	memcpy(a.sig, sig, ANCHOR_SIG_LEN);
	if ((r = store_begin(st, 0, &t)) != 0)
		goto out;
	if ((r = anchor_put(t, branch, &a)) != 0) {
		store_abort(t);
		goto out;
	}
	r = store_commit(t);
out:
	EVP_MD_CTX_free(c);
	EVP_PKEY_free(k);
	return r;
}

/*
 * The branch: pin pub as the head office's key, or check it is the one
 * pinned.  Returns 0, or STORE_E_SIGNKEY for another key.
 */
static int
pin(struct store_txn *t, const char *branch,
    const uint8_t pub[ANCHOR_KEY_LEN])
{
	uint8_t	 have[ANCHOR_KEY_LEN];
	size_t	 len;
	int	 r;

	r = local_get(t, branch, ANCHOR_PIN, have, sizeof have, &len);
	if (r == STORE_E_NOTFOUND)
		return local_put(t, branch, ANCHOR_PIN, pub, ANCHOR_KEY_LEN);
	if (r != 0)
		return r;
	if (len != ANCHOR_KEY_LEN || memcmp(have, pub, ANCHOR_KEY_LEN) != 0)
		return STORE_E_SIGNKEY;
	return 0;
}

/* loket sync -S: pin the key the head office's admin handed over. */
int
anchor_pin(struct store *st, const char *branch,
    const uint8_t pub[ANCHOR_KEY_LEN])
{
	struct store_txn	*t;
	int			 r;

	if ((r = store_begin(st, 0, &t)) != 0)
		return r;
	if ((r = pin(t, branch, pub)) != 0) {
		store_abort(t);
		return r;
	}
	return store_commit(t);
}

/*
 * loket sync -S -P: pin the key in the PEM file the head office's admin
 * handed over (openssl pkey -pubout of its anchor.key).  Returns 0, an
 * errno, or STORE_E_SIGNKEY (not an Ed25519 public key, or another key
 * is pinned already).
 */
int
anchor_pin_file(struct store *st, const char *branch, const char *path)
{
	uint8_t		 pub[ANCHOR_KEY_LEN];
	EVP_PKEY	*k;
	FILE		*f;
	int		 r;

	if ((f = fopen(path, "r")) == NULL)
		return errno;
	k = PEM_read_PUBKEY(f, NULL, NULL, NULL);
	fclose(f);
	if (k == NULL || EVP_PKEY_get_id(k) != EVP_PKEY_ED25519) {
		EVP_PKEY_free(k);
		return STORE_E_SIGNKEY;
	}
	r = key_public(k, pub);
	EVP_PKEY_free(k);
	if (r != 0)
		return r;
	return anchor_pin(st, branch, pub);
}

/*
 * The branch, at the end of a sync: the head office's signed head.  The
 * key must be the pinned one (pinned now if none is), the signature
 * good, and the head our own chain's at that entry.  Returns 0,
 * STORE_E_SIGNKEY, STORE_E_SIGNED, or a store code; nothing is kept
 * unless all holds.
 */
int
anchor_accept(struct store *st, const char *branch, const struct anchor *a,
    const uint8_t pub[ANCHOR_KEY_LEN])
{
	struct store_txn	*t;
	uint8_t			 ours[HASH_LEN];
	int			 r;

	if (a->seq == 0)
		return 0;
	if (!sig_good(pub, branch, a->seq, a->head, a->sig))
		return STORE_E_SIGNED;
	if ((r = store_begin(st, 0, &t)) != 0)
		return r;
	if ((r = pin(t, branch, pub)) != 0 ||
	    (r = journal_hash(t, branch, a->seq, ours)) != 0)
		goto fail;
	if (memcmp(ours, a->head, HASH_LEN) != 0) {
		r = STORE_E_SIGNED;
		goto fail;
	}
	if ((r = anchor_put(t, branch, a)) != 0)
		goto fail;
	return store_commit(t);
fail:
	store_abort(t);
	return r;
}

/*
 * Every branch's signed heads against its chain as it stands (loket
 * verify runs this after it recomputed the chain from the entries'
 * bytes).  The key is the pinned one on a branch's box, this box's own
 * where it signed them (the head office); with neither (a copy without
 * the key file) the heads are compared unsigned.  Returns 0 with rep->anchors
 * counted, or STORE_E_SIGNED / STORE_E_SIGNKEY with rep naming the
 * branch and the entries: the rewritten one lies in good + 1 .. bad.
 */
int
anchor_check(struct store *st, struct anchor_report *rep)
{
	struct store_txn	*t = NULL;
	MDB_cursor		*c = NULL;
	MDB_val			 k, d;
	uint8_t			 pub[ANCHOR_KEY_LEN], own[ANCHOR_KEY_LEN];
	uint8_t			 ours[HASH_LEN];
	char			 branch[BRANCH_MAX + 1], cur[BRANCH_MAX + 1];
	char			 name[64];
	const uint8_t		*v;
	size_t			 plen = strlen(ANCHOR_PREFIX), len;
	unsigned long long	 seq;
	int			 r, op, have_own = -1, have_pub = 0, bad;

	memset(rep, 0, sizeof *rep);
	cur[0] = '\0';
	if ((r = store_begin(st, 1, &t)) != 0)
		return r;
	if ((r = mdb_cursor_open(t->txn, st->local, &c)) != 0)
		goto out;
	for (op = MDB_FIRST; (r = mdb_cursor_get(c, &k, &d, op)) == 0;
	    op = MDB_NEXT) {
		if (k.mv_size <= KEY_BRANCH + plen || k.mv_size - KEY_BRANCH >=
		    sizeof name ||
		    memcmp((uint8_t *)k.mv_data + KEY_BRANCH, ANCHOR_PREFIX,
		    plen) != 0)
			continue;
		memcpy(branch, k.mv_data, KEY_BRANCH);
		branch[KEY_BRANCH < BRANCH_MAX ? KEY_BRANCH : BRANCH_MAX] =
		    '\0';
		memcpy(name, (uint8_t *)k.mv_data + KEY_BRANCH,
		    k.mv_size - KEY_BRANCH);
		name[k.mv_size - KEY_BRANCH] = '\0';
		if (sscanf(name + plen, "%16llx", &seq) != 1 ||
		    d.mv_size != HASH_LEN + ANCHOR_SIG_LEN) {
			r = STORE_E_CORRUPT;
			goto out;
		}
		if (strcmp(branch, cur) != 0) {
			str_copy(cur, branch, sizeof cur);
			rep->good = 0;
			r = local_get(t, branch, ANCHOR_PIN, pub, sizeof pub,
			    &len);
			if (r == 0 && len == ANCHOR_KEY_LEN)
				have_pub = 1;
			else if (r == 0 || r == STORE_E_NOTFOUND) {
				/* Signed here: the head office's own key. */
				if (have_own == -1)
					have_own = anchor_public(st, 0,
					    own) == 0;
				have_pub = have_own;
				memcpy(pub, own, sizeof pub);
			} else
				goto out;
		}
		str_copy(rep->branch, branch, sizeof rep->branch);
		v = d.mv_data;
		/* Without a key here, the heads are still compared. */
		if (have_pub && !sig_good(pub, branch, seq, v, v + HASH_LEN)) {
			rep->bad = seq;
			r = STORE_E_SIGNKEY;
			goto out;
		}
		r = journal_hash(t, branch, seq, ours);
		bad = r == STORE_E_NOTFOUND || (r == 0 &&
		    memcmp(ours, v, HASH_LEN) != 0);
		if (r != 0 && r != STORE_E_NOTFOUND)
			goto out;
		if (bad) {
			rep->bad = seq;
			r = STORE_E_SIGNED;
			goto out;
		}
		rep->good = seq;
		rep->anchors++;
	}
	r = r == MDB_NOTFOUND ? 0 : r;
out:
	if (c != NULL)
		mdb_cursor_close(c);
	store_abort(t);
	return r;
}
