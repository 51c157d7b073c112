/*
 * tests/tools/tamper.c: what an attacker with the data file would do,
 * for tests/t0005-tamper.sh.  It opens the LMDB environment directly,
 * past loket's store, and changes one journal entry in a write
 * transaction.
 *
 *	tamper DIR BRANCH SEQ OFFSET
 *		Flip the lowest bit (xor 0x01) of byte OFFSET of entry SEQ's
 *		stored bytes.  OFFSET is a number (negative: from the end,
 *		-1 is the last byte) or a place in the encoding (see
 *		store/entry.c and loket-journal(5)):
 *		  time	the first byte of the wall-clock time
 *		  user	the first letter of the user's login
 *		  field	the first byte of the first field's value (a name)
 *		  last	the last byte (the last posting's amount)
 *	tamper --delete DIR BRANCH SEQ
 *		Delete entry SEQ.
 *	tamper --size DIR BRANCH SEQ
 *		Print the entry's length in bytes.
 *	tamper --schema DIR VALUE
 *		Set the data folder's schema version (meta "schema") to
 *		VALUE, as a newer or an older loket would have left it.
 *	tamper --rechain DIR BRANCH SEQ OFFSET
 *		Flip the byte as above, then, with loket's store library as
 *		an insider could, recompute the hash chain from SEQ to the
 *		branch's last entry and its head, so that the chain agrees
 *		with the rewritten bytes again.
 *
 * The journal's key is the branch code, NUL-padded to 8 bytes, then the
 * sequence number as 8 bytes big-endian.  Prints what it changed; exits
 * 0, or 1 with a message.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lmdb.h>

#include "store/store-int.h"

#define MAXSIZE		65536

static void
die(const char *what, int r)
{
	fprintf(stderr, "tamper: %s: %s\n", what, mdb_strerror(r));
	exit(1);
}

static void
usage(void)
{
	fprintf(stderr, "usage: tamper DIR BRANCH SEQ OFFSET|time|user|field|"
	    "last\n       tamper --delete DIR BRANCH SEQ\n"
	    "       tamper --size DIR BRANCH SEQ\n"
	    "       tamper --schema DIR VALUE\n"
	    "       tamper --rechain DIR BRANCH SEQ OFFSET\n");
	exit(1);
}

/* Skip one varint at *off; 0, or -1 if it runs past the end. */
static int
skip_varint(const uint8_t *p, size_t len, size_t *off, uint64_t *v)
{
	unsigned	 shift = 0;

	*v = 0;
	while (*off < len) {
		*v |= (uint64_t)(p[*off] & 0x7f) << shift;
		shift += 7;
		if (!(p[(*off)++] & 0x80))
			return 0;
		if (shift > 63)
			return -1;
	}
	return -1;
}

/*
 * Where a named place is in an entry: version u8, kind, date, time,
 * user (varint length, bytes), approver, reverses, field count, then
 * per field a tag, a length and the bytes.
 */
static long
place(const char *name, const uint8_t *p, size_t len)
{
	size_t		 off = 1;
	uint64_t	 v, ulen;

	if (strcmp(name, "last") == 0)
		return (long)len - 1;
	if (skip_varint(p, len, &off, &v) != 0 ||	/* kind */
	    skip_varint(p, len, &off, &v) != 0)		/* date */
		return -1;
	if (strcmp(name, "time") == 0)
		return (long)off;
	if (skip_varint(p, len, &off, &v) != 0 ||	/* time */
	    skip_varint(p, len, &off, &ulen) != 0)	/* user's length */
		return -1;
	if (strcmp(name, "user") == 0)
		return ulen > 0 ? (long)off : -1;
	off += ulen;
	if (skip_varint(p, len, &off, &ulen) != 0)	/* approver */
		return -1;
	off += ulen;
	if (skip_varint(p, len, &off, &v) != 0 ||	/* reverses */
	    skip_varint(p, len, &off, &v) != 0)		/* fields */
		return -1;
	if (strcmp(name, "field") == 0) {
		if (v == 0 ||
		    skip_varint(p, len, &off, &v) != 0 ||	/* tag */
		    skip_varint(p, len, &off, &ulen) != 0 ||	/* length */
		    ulen == 0)
			return -1;
		return (long)off;
	}
	return -1;
}

static int
set_schema(const char *dir, const char *value)
{
	MDB_env		*env;
	MDB_txn		*txn;
	MDB_dbi		 dbi;
	MDB_val		 k, d;
	int		 r;

	if ((r = mdb_env_create(&env)) != 0 ||
	    (r = mdb_env_set_maxdbs(env, 64)) != 0)
		die("mdb_env_create", r);
	if ((r = mdb_env_open(env, dir, 0, 0660)) != 0)
		die(dir, r);
	if ((r = mdb_txn_begin(env, NULL, 0, &txn)) != 0)
		die("mdb_txn_begin", r);
	if ((r = mdb_dbi_open(txn, "meta", 0, &dbi)) != 0)
		die("meta", r);
	k.mv_data = (void *)(uintptr_t)"schema";
	k.mv_size = 6;
	d.mv_data = (void *)(uintptr_t)value;
	d.mv_size = strlen(value);
	if ((r = mdb_put(txn, dbi, &k, &d, 0)) != 0)
		die("mdb_put", r);
	if ((r = mdb_txn_commit(txn)) != 0)
		die("mdb_txn_commit", r);
	mdb_env_close(env);
	printf("schema set to %s\n", value);
	return 0;
}

static void
die_store(const char *what, int r)
{
	fprintf(stderr, "tamper: %s: %s\n", what, store_strerror(r));
	exit(1);
}

/* h(n) = SHA-256(h(n-1) || bytes of n) again, from seq to the head. */
static void
rechain(const char *dir, const char *br, uint64_t seq)
{
	struct store		*st;
	struct store_txn	*t;
	struct branch		 b;
	const uint8_t		*p;
	uint8_t			 h[HASH_LEN], key[KEY_BRANCH + 8];
	uint64_t		 s;
	size_t			 len;
	MDB_val			 k, d;
	int			 i, r;

	if ((r = store_open(dir, 0, &st)) != 0)
		die_store(dir, r);
	if ((r = store_begin(st, 0, &t)) != 0 ||
	    (r = branch_get(t, br, &b)) != 0)
		die_store("begin", r);
	if (seq == 1)
		entry_chain_seed(br, h);
	else if ((r = journal_hash(t, br, seq - 1, h)) != 0)
		die_store("chain", r);
	for (s = seq; s < b.next_seq; s++) {
		if ((r = journal_get_raw(t, br, s, &p, &len)) != 0)
			die_store("journal", r);
		entry_chain_next(h, p, len, h);
		key_branch(key, br);
		for (i = 0; i < 8; i++)
			key[KEY_BRANCH + i] = s >> (56 - 8 * i);
		k.mv_data = key;
		k.mv_size = sizeof key;
		d.mv_data = h;
		d.mv_size = HASH_LEN;
		if ((r = mdb_put(t->txn, st->chain, &k, &d, 0)) != 0)
			die_store("chain", r);
	}
	memcpy(b.head, h, HASH_LEN);
	if ((r = branch_put(t, &b)) != 0 || (r = store_commit(t)) != 0)
		die_store("commit", r);
	store_close(st);
	printf("chain of %s recomputed from entry %" PRIu64 " to %" PRIu64
	    "\n", br, seq, b.next_seq - 1);
}

int
main(int argc, char *argv[])
{
	MDB_env		*env;
	MDB_txn		*txn;
	MDB_dbi		 dbi;
	MDB_val		 k, d;
	uint8_t		 key[KEY_BRANCH + 8], buf[MAXSIZE];
	const char	*mode = "flip", *dir, *br, *where = NULL;
	char		*end;
	uint64_t	 seq;
	long		 off;
	size_t		 n;
	int		 i, r;

	if (argc > 1 && strcmp(argv[1], "--schema") == 0) {
		if (argc != 4)
			usage();
		return set_schema(argv[2], argv[3]);
	}
	if (argc > 1 && strcmp(argv[1], "--delete") == 0) {
		mode = "delete";
		argv++;
		argc--;
	} else if (argc > 1 && strcmp(argv[1], "--size") == 0) {
		mode = "size";
		argv++;
		argc--;
	} else if (argc > 1 && strcmp(argv[1], "--rechain") == 0) {
		mode = "rechain";
		argv++;
		argc--;
	}
	if (argc != (strcmp(mode, "flip") == 0 ||
	    strcmp(mode, "rechain") == 0 ? 5 : 4))
		usage();
	dir = argv[1];
	br = argv[2];
	n = strlen(br);
	if (n == 0 || n > KEY_BRANCH)
		usage();
	errno = 0;
	seq = strtoull(argv[3], &end, 10);
	if (errno != 0 || *end != '\0' || seq == 0)
		usage();
	if (argc == 5)
		where = argv[4];

	memset(key, 0, sizeof key);
	memcpy(key, br, n);
	for (i = 0; i < 8; i++)
		key[KEY_BRANCH + i] = seq >> (56 - 8 * i);
	k.mv_data = key;
	k.mv_size = sizeof key;

	if ((r = mdb_env_create(&env)) != 0 ||
	    (r = mdb_env_set_maxdbs(env, 64)) != 0)
		die("mdb_env_create", r);
	if ((r = mdb_env_open(env, dir, 0, 0660)) != 0)
		die(dir, r);
	if ((r = mdb_txn_begin(env, NULL, 0, &txn)) != 0)
		die("mdb_txn_begin", r);
	if ((r = mdb_dbi_open(txn, "journal", 0, &dbi)) != 0)
		die("journal", r);
	if ((r = mdb_get(txn, dbi, &k, &d)) != 0) {
		fprintf(stderr, "tamper: %s %" PRIu64 ": %s\n", br, seq,
		    mdb_strerror(r));
		exit(1);
	}
	if (strcmp(mode, "size") == 0) {
		printf("%zu\n", d.mv_size);
		mdb_txn_abort(txn);
	} else if (strcmp(mode, "delete") == 0) {
		if ((r = mdb_del(txn, dbi, &k, NULL)) != 0)
			die("mdb_del", r);
		if ((r = mdb_txn_commit(txn)) != 0)
			die("mdb_txn_commit", r);
		printf("entry %s %" PRIu64 " deleted\n", br, seq);
	} else {
		if (d.mv_size > sizeof buf)
			die("entry too large", EINVAL);
		memcpy(buf, d.mv_data, d.mv_size);
		errno = 0;
		off = strtol(where, &end, 10);
		if (errno != 0 || *end != '\0' || end == where)
			off = place(where, buf, d.mv_size);
		else if (off < 0)
			off += (long)d.mv_size;
		if (off < 0 || (size_t)off >= d.mv_size) {
			fprintf(stderr, "tamper: %s: no such byte in entry %s "
			    "%" PRIu64 " (%zu bytes)\n", where, br, seq,
			    d.mv_size);
			exit(1);
		}
		buf[off] ^= 0x01;
		d.mv_data = buf;
		if ((r = mdb_put(txn, dbi, &k, &d, 0)) != 0)
			die("mdb_put", r);
		if ((r = mdb_txn_commit(txn)) != 0)
			die("mdb_txn_commit", r);
		printf("entry %s %" PRIu64 ": byte %ld of %zu: 0x%02x -> "
		    "0x%02x\n", br, seq, off, d.mv_size, buf[off] ^ 0x01,
		    buf[off]);
	}
	mdb_env_close(env);
	if (strcmp(mode, "rechain") == 0)
		rechain(dir, br, seq);
	return 0;
}
