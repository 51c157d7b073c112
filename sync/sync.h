/*
 * sync/sync.h: replication of branch journals to the head office and
 * back.  Every public function of sync/, grouped by the file that
 * defines it.
 *
 * sync/ calls store/, libssh and zlib.  It never prints and never exits:
 * functions return 0, a positive errno, a store code, or one of the
 * SYNC_E_* codes (in store/store.h's one range; store_strerror() names
 * them), and fill in a struct sync_fail that says which
 * branch, which entry and which chain heads a failure is about.  Only
 * cli/ decides what a person sees; what sync/ logs goes through the hook
 * that cli/ sets with sync_set_log() (syslog for loket sync and serve).
 *
 * The byte formats (messages, frames, the column layout) are written
 * down in loket-journal(5); a change to them needs a new version number.
 */
#ifndef LOKET_SYNC_H
#define LOKET_SYNC_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* The SYNC_E_* codes are in store/store.h's one range. */

/* Limits of the formats (loket-journal(5)). */
#define SYNC_VERSION		2	/* 2: the signed head */
#define FRAME_VERSION		1
#define FRAME_ENTRIES_MAX	65536	/* entries' bytes with their lengths */
#define FRAME_COUNT_MAX		8192
#define FRAME_RAW_MAX		(2 * 65536)	/* a body before deflate */
#define FRAME_Z_MAX		(FRAME_RAW_MAX + 1024)
#define FRAME_HEADER_MAX	(4 + 2 + 1 + BRANCH_MAX + 4 * 10 + HASH_LEN)
#define MSG_MAX			(FRAME_HEADER_MAX + FRAME_Z_MAX)
#define MSG_HEADS_MAX		16	/* head-office branches in a hello */

/* Frame flags: bit 0 the preset dictionary, bits 4..7 the layout. */
#define FRAME_F_DICT		0x01
#define FRAME_LAYOUT_PLAIN	0	/* each entry length-prefixed */
#define FRAME_LAYOUT_COLUMNS	1	/* the column transform */
#define FRAME_LAYOUT(flags)	((flags) >> 4)

/* With SYNC_E_HOSTKEY, struct sync_fail's cause says which. */
#define SYNC_HOSTKEY_UNKNOWN	1	/* not in known_hosts, or no file */
#define SYNC_HOSTKEY_CHANGED	2	/* another key, or of another type */

/* What went wrong, for cli/ to put into words. */
struct sync_fail {
	int		 code;		/* SYNC_E_*, a store code or errno */
	int		 cause;		/* the store code behind it, or 0 */
	int		 remote;	/* reported by the other side */
	char		 branch[BRANCH_MAX + 1];
	uint64_t	 seq;		/* the first entry concerned, or 0 */
	int		 heads;		/* the two heads below are set */
	uint64_t	 ours_seq, theirs_seq;
	uint8_t		 ours[HASH_LEN], theirs[HASH_LEN];
	char		 detail[256];	/* libssh's words, a fingerprint */
};

/* What a session did. */
struct sync_stats {
	uint64_t	 sent_entries, sent_frames;
	uint64_t	 skipped;	/* sent, but the other side had them */
	uint64_t	 got_entries, got_frames;
	uint64_t	 bytes_out, bytes_in;	/* our messages, not SSH's */
	uint64_t	 their_last;	/* the head office's last entry of ours */
	uint64_t	 our_last;
};

/* A frame as it travels; body points into the message it came in. */
struct frame {
	char		 branch[BRANCH_MAX + 1];
	uint64_t	 first;
	uint32_t	 count;
	uint8_t		 flags;
	uint32_t	 rawsize;
	uint32_t	 zsize;
	uint8_t		 head[HASH_LEN];	/* h(first + count - 1) */
	const uint8_t	*body;
};

/* A frame's entries in their canonical bytes. */
struct frame_entries {
	uint32_t	 n;
	struct buf	 bytes;		/* every entry, back to back */
	size_t		*off;
	size_t		*len;
};

/* What applying a frame did. */
struct frame_result {
	uint32_t	 applied;	/* new entries */
	uint32_t	 had;		/* entries that were here already */
	uint64_t	 last;		/* the branch's last entry after it */
	int		 created;	/* the frame opened the branch here */
};

/* The client's settings (cli/conf.c reads them from loket.conf). */
struct sync_conf {
	const char	*branch;
	const char	*host;
	int		 port;
	const char	*user;
	const char	*key;		/* the branch's private key file */
	const char	*known_hosts;
	const char	*command;	/* the remote command */
	int		 timeout;	/* seconds without progress */
	int		 window;	/* frames sent before their ack */
};

/* The console's line: how old the last sync is, what is waiting. */
struct sync_status {
	int64_t		 age;		/* seconds since the last sync; -1 never */
	uint64_t	 waiting;	/* entries the head office lacks */
	uint64_t	 last;		/* the branch's last entry */
	uint64_t	 acked;		/* the last the head office has */
	int64_t		 try_age;	/* seconds since the last attempt; -1 */
	int		 error;		/* the last attempt's code, 0 */
};

/* Messages, each: type, varint length, body. */
#define MSG_HELLO	'H'
#define MSG_WELCOME	'W'
#define MSG_FRAME	'F'
#define MSG_ACK		'A'
#define MSG_DONE	'D'
#define MSG_ERROR	'E'
#define MSG_SIGNED	'S'	/* the head office's signed chain head */

#define ACK_APPLIED	0	/* new entries applied */
#define ACK_HAD		1	/* all or part were here already */
#define ACK_GAP		2	/* starts past our last entry + 1 */

struct msg_head {
	char		 code[BRANCH_MAX + 1];
	uint64_t	 last;
	uint8_t		 head[HASH_LEN];
};

struct msg_hello {
	uint8_t		 version;
	char		 branch[BRANCH_MAX + 1];
	uint64_t	 from;		/* frames start at from + 1 */
	uint8_t		 from_head[HASH_LEN];	/* h(from) */
	uint64_t	 last;		/* the branch's last entry */
	uint32_t	 nheads;	/* head-office branches the client has */
	struct msg_head	 heads[MSG_HEADS_MAX];
};

struct msg_welcome {
	uint8_t		 version;
	char		 branch[BRANCH_MAX + 1];
	uint64_t	 last;		/* the server's last entry of branch */
	uint8_t		 head[HASH_LEN];	/* h(last) */
	uint32_t	 nheads;	/* what flows back, up to which entry */
	struct msg_head	 heads[MSG_HEADS_MAX];
};

struct msg_ack {
	uint8_t		 status;	/* ACK_* */
	uint64_t	 first;
	uint32_t	 count;
	uint64_t	 last;		/* the server's last entry after it */
};

struct msg_signed {
	char		 branch[BRANCH_MAX + 1];
	struct anchor	 a;
	uint8_t		 pub[ANCHOR_KEY_LEN];
};

/* sync/sync.c */
void	 sync_set_log(void (*)(int, const char *));
void	 sync_log(int, const char *, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
#define SYNC_LOG(pri, ...)	sync_log((pri), __func__, __VA_ARGS__)
/*
 * Fill in a failure (the first one wins) and return its code: the first
 * failure's when f holds one already.
 */
int	 sync_failf(struct sync_fail *, int, const char *, uint64_t,
	    const char *, ...) __attribute__((format(printf, 5, 6)));
void	 sync_hex(const uint8_t [HASH_LEN], char *, size_t);
/*
 * The console's figures for a branch at a time.  Each returns 0,
 * STORE_E_CORRUPT, ENOMEM or LMDB's errors; the records (a write each)
 * also STORE_E_BRANCH (a malformed code).
 */
int	 sync_status(struct store *, const char *, int64_t,
	    struct sync_status *);
int	 sync_record_acked(struct store *, const char *, uint64_t);
int	 sync_record_end(struct store *, const char *, int, int64_t);

/* sync/column.c: the column transform of a frame's entries. */
/*
 * column_encode() returns 0, ENOMEM, EMSGSIZE or SYNC_E_FRAME (entries
 * the transform cannot carry: the caller sends them plain);
 * column_decode() 0, ENOMEM or SYNC_E_FRAME (anything that does not add
 * up).
 */
int	 column_encode(uint32_t, const uint8_t *const *, const size_t *,
	    uint64_t, struct buf *);
int	 column_decode(const uint8_t *, size_t, uint64_t, uint32_t,
	    struct frame_entries *);

/* sync/frame.c */
void	 frame_entries_init(struct frame_entries *);
void	 frame_entries_free(struct frame_entries *);
/* Returns 0, SYNC_E_FRAME (too many or too big), ENOMEM or EMSGSIZE. */
int	 frame_entries_add(struct frame_entries *, const void *, size_t);
/*
 * frame_encode() returns 0, ENOMEM, EMSGSIZE, STORE_E_BRANCH or
 * SYNC_E_FRAME (the entries do not fit one frame).  frame_build() (from
 * the journal) the same, STORE_E_NOTFOUND past the end, STORE_E_CORRUPT
 * or LMDB's errors.  frame_parse() (a header) returns 0 or SYNC_E_FRAME;
 * frame_unpack() 0, ENOMEM or SYNC_E_FRAME.
 */
int	 frame_encode(const char *, uint64_t, uint32_t,
	    const uint8_t *const *, const size_t *, const uint8_t [HASH_LEN],
	    int, struct buf *, struct frame *);
int	 frame_build(struct store_txn *, const char *, uint64_t, uint64_t,
	    struct buf *, struct frame *);
int	 frame_parse(const uint8_t *, size_t, struct frame *);
int	 frame_unpack(const struct frame *, struct frame_entries *);
/*
 * A frame in one write transaction, whole or not at all.  Returns 0,
 * SYNC_E_GAP (it starts past our last entry + 1), SYNC_E_CHAIN,
 * SYNC_E_REFUSED (fail->cause: the rule the entry broke), SYNC_E_BRANCH
 * (primary here, or with FRAME_APPLY_HEAD not a head office),
 * SYNC_E_FRAME (entries that do not match the header), STORE_E_CORRUPT,
 * ENOMEM or LMDB's errors.
 */
int	 frame_apply(struct store *, const struct frame *,
	    const struct frame_entries *, int, struct frame_result *,
	    struct sync_fail *);
#define FRAME_APPLY_HEAD	0x1	/* a new branch must be a head office */

/* sync/msg.c */
/*
 * The puts append a message to out: 0, SYNC_E_PROTO (a body past its
 * limits), ENOMEM or EMSGSIZE.  msg_get() takes the next whole message:
 * 0, EAGAIN (more bytes needed, nothing consumed) or SYNC_E_PROTO (an
 * unknown type, a length past MSG_MAX).  The gets read a body: 0,
 * SYNC_E_PROTO (malformed, or bytes left over) or, for hello and
 * welcome, SYNC_E_VERSION (another protocol version; version is set).
 */
int	 msg_put(struct buf *, uint8_t, const void *, size_t);
int	 msg_get(struct buf *, uint8_t *, const uint8_t **, size_t *);
int	 msg_hello_put(struct buf *, const struct msg_hello *);
int	 msg_hello_get(const uint8_t *, size_t, struct msg_hello *);
int	 msg_welcome_put(struct buf *, const struct msg_welcome *);
int	 msg_welcome_get(const uint8_t *, size_t, struct msg_welcome *);
int	 msg_ack_put(struct buf *, const struct msg_ack *);
int	 msg_ack_get(const uint8_t *, size_t, struct msg_ack *);
int	 msg_signed_put(struct buf *, const struct msg_signed *);
int	 msg_signed_get(const uint8_t *, size_t, struct msg_signed *);
int	 msg_error_put(struct buf *, const struct sync_fail *);
int	 msg_error_get(const uint8_t *, size_t, struct sync_fail *);

/* sync/serve.c: the head office's side, on standard input and output. */
/*
 * Serve a branch on the two fds until the client is done, gives up or
 * goes away, or the timeout passes.  Returns 0, or a code with fail
 * filled in (and sent while the client can hear): SYNC_E_NETWORK,
 * SYNC_E_PROTO, SYNC_E_VERSION, SYNC_E_FRAME, SYNC_E_GAP, SYNC_E_CHAIN,
 * SYNC_E_REFUSED, SYNC_E_BRANCH, STORE_E_BRANCH (a malformed code),
 * anchor_sign()'s codes, the client's own code when it gave up, an
 * errno, ENOMEM or LMDB's errors.
 */
int	 serve_run(struct store *, const char *, int, int, int,
	    struct sync_stats *, struct sync_fail *);

/* sync/client.c: the branch's side, over SSH. */
/*
 * One sync of the branch with the head office; this box's sync record
 * says how it went.  Returns 0, or a code with fail filled in:
 * SYNC_E_NETWORK, SYNC_E_HOSTKEY, SYNC_E_AUTH, SYNC_E_KEY,
 * SYNC_E_REMOTE, SYNC_E_PROTO, SYNC_E_VERSION, SYNC_E_FRAME, SYNC_E_GAP,
 * SYNC_E_CHAIN, SYNC_E_REFUSED, SYNC_E_BRANCH, anchor_accept()'s codes,
 * the head office's code when it gave up (fail->remote), an errno,
 * ENOMEM or LMDB's errors.
 */
int	 client_run(struct store *, const struct sync_conf *,
	    struct sync_stats *, struct sync_fail *);
/*
 * client_keygen() makes an ed25519 key at path (and path.pub) if there
 * is none, *created saying whether it did.  It and client_pubkey()
 * ("ssh-ed25519 AAAA...") and client_fingerprint() ("SHA256:...")
 * return 0 or SYNC_E_KEY (no usable key); client_keygen() also
 * ENAMETOOLONG (path) or an errno, client_pubkey() ENAMETOOLONG (out
 * too small).
 */
int	 client_keygen(const char *, int *);
int	 client_pubkey(const char *, char *, size_t);
int	 client_fingerprint(const char *, char *, size_t);

/* sync/province.c: the province box's end of sync --province. */
#define PROVINCE_UPLOAD_MAX	2048	/* a deflated report */
int	 province_serve(const char *, const char *, int, int, int, int *,
	    struct sync_fail *);
int	 province_upload(const void *, size_t, uint8_t *, size_t *,
	    uint8_t [32]);
/* sync/client.c: one report to the province box. */
int	 client_province(const struct sync_conf *, const void *, size_t,
	    int *, struct sync_stats *, struct sync_fail *);

#endif
