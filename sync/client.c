/*
 * sync/client.c: the branch's side of a sync, over SSH with libssh.
 *
 * The connection trusts nothing it is not told: the user's ssh
 * configuration is not read, the head office's host key must be in the
 * known_hosts file named in loket.conf (unknown or changed is an error,
 * never a question), the only key exchange is curve25519-sha256, host and
 * user keys are ed25519, and one fixed command is run, whose exit status
 * is checked.  TCP_NODELAY is on: the protocol's messages are small and
 * a delayed acknowledgement would cost a round trip on a thin link.
 *
 * The session costs one round trip beyond SSH's own: the client does not
 * wait for the welcome before it streams frames.  It starts after the
 * last entry the head office acknowledged (this box's sync record), and
 * the welcome settles the rest: if the head office has more than that
 * (an acknowledgement lost when the link was cut), the frames already on
 * their way are compared there and skipped, and sending goes on after
 * what it has; if it has less (it was restored from a backup), the
 * frames already sent are refused as a gap and the client rewinds to
 * what it has.  Up to `window' frames travel unacknowledged.
 */
#include <sys/stat.h>

#include <errno.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include <libssh/libssh.h>

#include "sync/sync.h"

#define WINDOW_MAX	64
#define READ_CHUNK	(64 * 1024)

struct flight {
	uint64_t	 first;
	uint32_t	 count;
	int		 pre;		/* sent before a rewind */
};

struct client {
	struct store		*st;
	const struct sync_conf	*c;
	ssh_session		 s;
	ssh_channel		 ch;
	struct buf		 inq;
	struct sync_stats	*stats;
	struct sync_fail	*fail;
	const char		*branch;
	uint64_t		 last;		/* our last entry */
	uint64_t		 from;		/* frames started after this */
	uint64_t		 next;		/* next entry to send */
	uint64_t		 acked;
	int			 welcome, server_done, sent_done;
	int			 got_signed, eof_sent;
	struct msg_welcome	 w;
	struct flight		 fl[WINDOW_MAX];
	uint32_t		 fl_head, fl_n, window;
	char			 errtext[200];
};

static int
net_fail(struct client *cl, const char *what)
{
	return sync_failf(cl->fail, SYNC_E_NETWORK, cl->branch, 0, "%s%s%s",
	    what, cl->s != NULL ? ": " : "",
	    cl->s != NULL ? ssh_get_error(cl->s) : "");
}

/* What the remote command said on its standard error, for a failure. */
static void
read_stderr(struct client *cl)
{
	char	 tmp[512];
	size_t	 have = strlen(cl->errtext), i;
	int	 n;

	while ((n = ssh_channel_read_nonblocking(cl->ch, tmp,
	    sizeof tmp - 1, 1)) > 0) {
		if (have + 1 >= sizeof cl->errtext)
			continue;
		if ((size_t)n > sizeof cl->errtext - 1 - have)
			n = sizeof cl->errtext - 1 - have;
		memcpy(cl->errtext + have, tmp, n);
		have += n;
		cl->errtext[have] = '\0';
	}
	for (i = 0; i < have; i++) {
		if (cl->errtext[i] == '\n' || cl->errtext[i] == '\r') {
			cl->errtext[i] = '\0';
			break;
		}
		if ((unsigned char)cl->errtext[i] < 0x20 ||
		    cl->errtext[i] == 0x7f)
			cl->errtext[i] = '?';
	}
}

/*
 * The channel ended before the session did: the command at the head
 * office failed (its exit status and first line of standard error say
 * how), or the link went.
 */
static int
remote_end(struct client *cl)
{
	int	 status;

	if (cl->fail->code != 0)
		return cl->fail->code;
	read_stderr(cl);
	if (!ssh_is_connected(cl->s))
		return net_fail(cl, "connection lost");
	status = ssh_channel_get_exit_status(cl->ch);
	if (status > 0)
		return sync_failf(cl->fail, SYNC_E_REMOTE, cl->branch, 0,
		    "%s%sexit status %d", cl->errtext, cl->errtext[0] ?
		    "; " : "", status);
	return net_fail(cl, "the head office closed the session");
}

static int	pump(struct client *, int);

static int
send_all(struct client *cl, const struct buf *b)
{
	size_t	 off = 0;
	int	 n, r;

	while (off < b->len) {
		n = ssh_channel_write(cl->ch, b->data + off, b->len - off);
		if (n == SSH_ERROR || n < 0) {
			if (!ssh_channel_is_closed(cl->ch) &&
			    !ssh_channel_is_eof(cl->ch))
				return net_fail(cl, "write");
			/*
			 * The head office stopped listening: what it said
			 * last (an error message, its exit status) says why.
			 */
			if ((r = pump(cl, 0)) != 0)
				return r;
			return remote_end(cl);
		}
		off += n;
	}
	cl->stats->bytes_out += b->len;
	return 0;
}

/* Tell the head office why we stop; it may not hear it. */
static void
send_error(struct client *cl)
{
	struct buf	 b;

	if (cl->fail->remote || cl->ch == NULL ||
	    cl->fail->code == SYNC_E_NETWORK)
		return;
	buf_init(&b);
	if (msg_error_put(&b, cl->fail) == 0)
		(void)ssh_channel_write(cl->ch, b.data, b.len);
	buf_free(&b);
}

static int
chain_fail(struct client *cl, const char *branch, uint64_t ours_seq,
    const uint8_t ours[HASH_LEN], uint64_t theirs_seq,
    const uint8_t theirs[HASH_LEN])
{
	int	 r;

	r = sync_failf(cl->fail, SYNC_E_CHAIN, branch, ours_seq < theirs_seq ?
	    ours_seq : theirs_seq, NULL);
	if (cl->fail->code == r && !cl->fail->heads) {
		cl->fail->heads = 1;
		cl->fail->ours_seq = ours_seq;
		cl->fail->theirs_seq = theirs_seq;
		memcpy(cl->fail->ours, ours, HASH_LEN);
		memcpy(cl->fail->theirs, theirs, HASH_LEN);
	}
	return r;
}

static int
on_welcome(struct client *cl, const uint8_t *p, size_t len)
{
	struct store_txn	*t = NULL;
	uint8_t			 ours[HASH_LEN];
	uint32_t		 i, j;
	int			 r;

	if ((r = msg_welcome_get(p, len, &cl->w)) != 0)
		return sync_failf(cl->fail, r, cl->branch, 0, "welcome");
	if (strcmp(cl->w.branch, cl->branch) != 0)
		return sync_failf(cl->fail, SYNC_E_PROTO, cl->w.branch, 0,
		    "welcome");
	if ((r = store_begin(cl->st, 1, &t)) != 0)
		return r;
	if (cl->w.last > cl->last) {
		/* It has more of us than we have: never ours to fix. */
		if ((r = replica_head(t, cl->branch, cl->last, ours)) == 0)
			r = chain_fail(cl, cl->branch, cl->last, ours,
			    cl->w.last, cl->w.head);
		goto out;
	}
	if ((r = replica_head(t, cl->branch, cl->w.last, ours)) != 0)
		goto out;
	if (memcmp(ours, cl->w.head, HASH_LEN) != 0) {
		r = chain_fail(cl, cl->branch, cl->w.last, ours, cl->w.last,
		    cl->w.head);
		goto out;
	}
	for (i = 0; i < cl->w.nheads; i++) {
		if (store_is_primary(t, cl->w.heads[i].code) ||
		    strcmp(cl->w.heads[i].code, cl->branch) == 0) {
			r = sync_failf(cl->fail, SYNC_E_BRANCH,
			    cl->w.heads[i].code, 0, "primary here");
			goto out;
		}
	}
	store_abort(t);
	t = NULL;
	if (cl->w.last < cl->from) {
		/* Restored from a backup: start again after what it has. */
		SYNC_LOG(LOG_NOTICE, "branch %s: the head office has entries "
		    "up to %" PRIu64 " only, not %" PRIu64 "; sending again "
		    "from %" PRIu64, cl->branch, cl->w.last, cl->from,
		    cl->w.last + 1);
		for (i = 0, j = cl->fl_head; i < cl->fl_n; i++,
		    j = (j + 1) % WINDOW_MAX)
			cl->fl[j].pre = 1;
		cl->next = cl->w.last + 1;
	} else if (cl->w.last >= cl->next)
		cl->next = cl->w.last + 1;
	cl->welcome = 1;
	cl->stats->their_last = cl->w.last;
	if (cl->w.last != cl->acked) {
		cl->acked = cl->w.last;
		if ((r = sync_record_acked(cl->st, cl->branch,
		    cl->acked)) != 0)
			return r;
	}
	return 0;
out:
	store_abort(t);
	return r;
}

static int
on_ack(struct client *cl, const uint8_t *p, size_t len)
{
	struct msg_ack	 a;
	struct flight	*f;
	int		 r;

	if ((r = msg_ack_get(p, len, &a)) != 0)
		return sync_failf(cl->fail, r, cl->branch, 0, "ack");
	f = &cl->fl[cl->fl_head];
	if (cl->fl_n == 0 || a.first != f->first || a.count != f->count ||
	    a.last > cl->last)
		return sync_failf(cl->fail, SYNC_E_PROTO, cl->branch, a.first,
		    "ack");
	if (a.status == ACK_GAP && !f->pre)
		return sync_failf(cl->fail, SYNC_E_GAP, cl->branch, a.first,
		    "the head office has up to %" PRIu64, a.last);
	cl->fl_head = (cl->fl_head + 1) % WINDOW_MAX;
	cl->fl_n--;
	if (a.status == ACK_GAP)
		return 0;
	cl->stats->their_last = a.last;
	if (a.last > cl->acked) {
		cl->acked = a.last;
		if ((r = sync_record_acked(cl->st, cl->branch,
		    cl->acked)) != 0)
			return r;
	}
	return 0;
}

static int
on_frame(struct client *cl, const uint8_t *p, size_t len)
{
	struct frame		 f;
	struct frame_entries	 fe;
	struct frame_result	 res;
	uint32_t		 i;
	int			 r;

	if (!cl->welcome)
		return sync_failf(cl->fail, SYNC_E_PROTO, cl->branch, 0,
		    "frame before welcome");
	if ((r = frame_parse(p, len, &f)) != 0)
		return sync_failf(cl->fail, r, NULL, 0, "header");
	for (i = 0; i < cl->w.nheads; i++) {
		if (strcmp(cl->w.heads[i].code, f.branch) == 0)
			break;
	}
	if (i == cl->w.nheads)
		return sync_failf(cl->fail, SYNC_E_BRANCH, f.branch, f.first,
		    "not announced");
	if (f.first + f.count - 1 > cl->w.heads[i].last)
		return sync_failf(cl->fail, SYNC_E_PROTO, f.branch, f.first,
		    "past the announced end");
	if ((r = frame_unpack(&f, &fe)) != 0)
		return sync_failf(cl->fail, r, f.branch, f.first,
		    "entries %" PRIu64 "-%" PRIu64, f.first,
		    f.first + f.count - 1);
	r = frame_apply(cl->st, &f, &fe, FRAME_APPLY_HEAD, &res, cl->fail);
	frame_entries_free(&fe);
	if (r != 0)
		return r;
	cl->stats->got_frames++;
	cl->stats->got_entries += res.applied;
	return 0;
}

static int
on_done(struct client *cl)
{
	struct store_txn	*t = NULL;
	uint8_t			 head[HASH_LEN];
	uint64_t		 have;
	uint32_t		 i;
	int			 r;

	if (!cl->welcome || cl->server_done)
		return sync_failf(cl->fail, SYNC_E_PROTO, cl->branch, 0,
		    "done");
	if ((r = store_begin(cl->st, 1, &t)) != 0)
		return r;
	for (i = 0; i < cl->w.nheads; i++) {
		if ((r = replica_last(t, cl->w.heads[i].code, &have,
		    head)) != 0)
			break;
		if (have < cl->w.heads[i].last) {
			r = sync_failf(cl->fail, SYNC_E_PROTO,
			    cl->w.heads[i].code, have + 1, "missing");
			break;
		}
	}
	store_abort(t);
	cl->server_done = 1;
	return r;
}

/*
 * The head office's signed head of our chain, after our done: kept if
 * the key is the pinned one (pinned now at the first sync), the
 * signature good and the head ours (store/anchor.c).
 */
static int
on_signed(struct client *cl, const uint8_t *p, size_t len)
{
	struct msg_signed	 m;
	int			 r;

	if ((r = msg_signed_get(p, len, &m)) != 0)
		return sync_failf(cl->fail, r, cl->branch, 0, "signed head");
	if (!cl->sent_done || cl->got_signed ||
	    strcmp(m.branch, cl->branch) != 0 || m.a.seq > cl->last)
		return sync_failf(cl->fail, SYNC_E_PROTO, m.branch, m.a.seq,
		    "signed head");
	if ((r = anchor_accept(cl->st, cl->branch, &m.a, m.pub)) != 0)
		return sync_failf(cl->fail, r, cl->branch, m.a.seq,
		    "the head office's signed head of entry %" PRIu64,
		    m.a.seq);
	cl->got_signed = 1;
	return 0;
}

static int
process(struct client *cl)
{
	struct sync_fail	 theirs;
	const uint8_t		*body;
	size_t			 len;
	uint8_t			 type;
	int			 r;

	while ((r = msg_get(&cl->inq, &type, &body, &len)) == 0) {
		cl->stats->bytes_in += len;
		switch (type) {
		case MSG_WELCOME:
			r = cl->welcome ? SYNC_E_PROTO :
			    on_welcome(cl, body, len);
			break;
		case MSG_ACK:
			r = on_ack(cl, body, len);
			break;
		case MSG_FRAME:
			r = on_frame(cl, body, len);
			break;
		case MSG_DONE:
			r = len != 0 ? SYNC_E_PROTO : on_done(cl);
			break;
		case MSG_SIGNED:
			r = on_signed(cl, body, len);
			break;
		case MSG_ERROR:
			if ((r = msg_error_get(body, len, &theirs)) == 0) {
				if (cl->fail->code == 0)
					*cl->fail = theirs;
				r = theirs.code;
			}
			break;
		default:
			r = SYNC_E_PROTO;
			break;
		}
		if (r != 0)
			return sync_failf(cl->fail, r, cl->branch, 0,
			    "message %c", type);
	}
	if (r != EAGAIN)
		return sync_failf(cl->fail, r, cl->branch, 0, "message");
	if (cl->inq.off == cl->inq.len)
		buf_reset(&cl->inq);
	return 0;
}

static int64_t
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Wait up to ms for data.  libssh's read returns 0 early for things that
 * are not data (the remote's standard error, an exit status): that is not
 * a timeout, so wait again for what is left of it.
 */
static int
read_wait(struct client *cl, uint8_t *buf, size_t len, int ms)
{
	int64_t	 end = now_ms() + ms, left;
	int	 n;

	for (;;) {
		left = end - now_ms();
		n = ssh_channel_read_timeout(cl->ch, buf, len, 0,
		    left > 0 ? (int)left : 0);
		if (n != 0 || ssh_channel_is_eof(cl->ch) ||
		    ssh_channel_is_closed(cl->ch) || left <= 0)
			return n;
		read_stderr(cl);
	}
}

/* Take in what has arrived; with ms > 0, wait that long for something. */
static int
pump(struct client *cl, int ms)
{
	uint8_t	 tmp[READ_CHUNK];
	size_t	 left;
	int	 n, r, got = 0;

	for (;;) {
		if (ms > 0 && !got)
			n = read_wait(cl, tmp, sizeof tmp, ms);
		else
			n = ssh_channel_read_nonblocking(cl->ch, tmp,
			    sizeof tmp, 0);
		if (n == SSH_ERROR)
			return ssh_channel_is_eof(cl->ch) ||
			    ssh_channel_is_closed(cl->ch) ? remote_end(cl) :
			    net_fail(cl, "read");
		if (n < 0 || (n == 0 && (ssh_channel_is_eof(cl->ch) ||
		    ssh_channel_is_closed(cl->ch)))) {
			if ((r = process(cl)) != 0)
				return r;
			/* After both dones the end is client_finish()'s. */
			if (got || (cl->server_done && cl->sent_done))
				return 0;
			return remote_end(cl);
		}
		if (n == 0) {
			if (ms > 0 && !got)
				return sync_failf(cl->fail, SYNC_E_NETWORK,
				    cl->branch, 0, "no answer for %d s",
				    ms / 1000);
			return process(cl);
		}
		got = 1;
		if (cl->inq.off > 0) {
			left = buf_left(&cl->inq);
			memmove(cl->inq.data, cl->inq.data + cl->inq.off, left);
			cl->inq.len = left;
			cl->inq.off = 0;
		}
		if ((r = buf_put(&cl->inq, tmp, n)) != 0)
			return r;
		if ((r = process(cl)) != 0)
			return r;
	}
}

static int
send_frame(struct client *cl)
{
	struct store_txn	*t = NULL;
	struct buf		 body, msg;
	struct frame		 info;
	struct flight		*f;
	int			 r;

	buf_init(&body);
	buf_init(&msg);
	if ((r = store_begin(cl->st, 1, &t)) != 0)
		return r;
	r = frame_build(t, cl->branch, cl->next, cl->last, &body, &info);
	store_abort(t);
	if (r != 0) {
		r = sync_failf(cl->fail, r, cl->branch, cl->next, "frame");
		goto out;
	}
	if ((r = msg_put(&msg, MSG_FRAME, body.data, body.len)) != 0 ||
	    (r = send_all(cl, &msg)) != 0)
		goto out;
	f = &cl->fl[(cl->fl_head + cl->fl_n) % WINDOW_MAX];
	f->first = info.first;
	f->count = info.count;
	f->pre = 0;
	cl->fl_n++;
	cl->next += info.count;
	cl->stats->sent_frames++;
	cl->stats->sent_entries += info.count;
out:
	buf_free(&msg);
	buf_free(&body);
	return r;
}

static int
hostkey_check(struct client *cl)
{
	ssh_key			 srv = NULL;
	unsigned char		*hash = NULL;
	char			*fp = NULL;
	size_t			 hlen;
	enum ssh_known_hosts_e	 state;
	int			 r = 0;

	state = ssh_session_is_known_server(cl->s);
	if (state == SSH_KNOWN_HOSTS_OK)
		return 0;
	if (ssh_get_server_publickey(cl->s, &srv) == SSH_OK &&
	    ssh_get_publickey_hash(srv, SSH_PUBLICKEY_HASH_SHA256, &hash,
	    &hlen) == 0)
		fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash,
		    hlen);
	r = sync_failf(cl->fail, SYNC_E_HOSTKEY, cl->branch, 0, "%s",
	    fp != NULL ? fp : "?");
	cl->fail->cause = state == SSH_KNOWN_HOSTS_CHANGED ||
	    state == SSH_KNOWN_HOSTS_OTHER ? SYNC_HOSTKEY_CHANGED :
	    SYNC_HOSTKEY_UNKNOWN;
	SYNC_LOG(LOG_ERR, "%s: host key %s is %s in %s", cl->c->host,
	    fp != NULL ? fp : "?", state == SSH_KNOWN_HOSTS_CHANGED ?
	    "changed" : state == SSH_KNOWN_HOSTS_OTHER ? "of another type" :
	    state == SSH_KNOWN_HOSTS_UNKNOWN ? "unknown" :
	    state == SSH_KNOWN_HOSTS_NOT_FOUND ? "missing (no file)" :
	    "unreadable", cl->c->known_hosts);
	ssh_string_free_char(fp);
	ssh_clean_pubkey_hash(&hash);
	ssh_key_free(srv);
	return r;
}

/* Connect, check the host key, sign in, and start the remote command. */
static int
client_connect(struct client *cl, ssh_key key)
{
	const struct sync_conf	*c = cl->c;
	long			 timeout = c->timeout;
	int			 no = 0, yes = 1, port = c->port, r;

	if ((cl->s = ssh_new()) == NULL)
		return ENOMEM;
	if (ssh_options_set(cl->s, SSH_OPTIONS_PROCESS_CONFIG, &no) < 0 ||
	    ssh_options_set(cl->s, SSH_OPTIONS_HOST, c->host) < 0 ||
	    ssh_options_set(cl->s, SSH_OPTIONS_PORT, &port) < 0 ||
	    ssh_options_set(cl->s, SSH_OPTIONS_USER, c->user) < 0 ||
	    ssh_options_set(cl->s, SSH_OPTIONS_KNOWNHOSTS,
	    c->known_hosts) < 0 ||
	    ssh_options_set(cl->s, SSH_OPTIONS_GLOBAL_KNOWNHOSTS,
	    "/dev/null") < 0 ||
	    ssh_options_set(cl->s, SSH_OPTIONS_STRICTHOSTKEYCHECK, &yes) < 0 ||
	    ssh_options_set(cl->s, SSH_OPTIONS_KEY_EXCHANGE,
	    "curve25519-sha256,curve25519-sha256@libssh.org") < 0 ||
	    ssh_options_set(cl->s, SSH_OPTIONS_HOSTKEYS, "ssh-ed25519") < 0 ||
	    ssh_options_set(cl->s, SSH_OPTIONS_PUBLICKEY_ACCEPTED_TYPES,
	    "ssh-ed25519") < 0 ||
	    ssh_options_set(cl->s, SSH_OPTIONS_CIPHERS_C_S,
	    "chacha20-poly1305@openssh.com,aes256-gcm@openssh.com") < 0 ||
	    ssh_options_set(cl->s, SSH_OPTIONS_CIPHERS_S_C,
	    "chacha20-poly1305@openssh.com,aes256-gcm@openssh.com") < 0 ||
	    ssh_options_set(cl->s, SSH_OPTIONS_COMPRESSION, "no") < 0 ||
	    ssh_options_set(cl->s, SSH_OPTIONS_PASSWORD_AUTH, &no) < 0 ||
	    ssh_options_set(cl->s, SSH_OPTIONS_KBDINT_AUTH, &no) < 0 ||
	    ssh_options_set(cl->s, SSH_OPTIONS_GSSAPI_AUTH, &no) < 0 ||
	    ssh_options_set(cl->s, SSH_OPTIONS_NODELAY, &yes) < 0 ||
	    ssh_options_set(cl->s, SSH_OPTIONS_TIMEOUT, &timeout) < 0)
		return sync_failf(cl->fail, SYNC_E_NETWORK, cl->branch, 0,
		    "options: %s", ssh_get_error(cl->s));
	if (ssh_connect(cl->s) != SSH_OK)
		return net_fail(cl, c->host);
	if ((r = hostkey_check(cl)) != 0)
		return r;
	switch (ssh_userauth_publickey(cl->s, NULL, key)) {
	case SSH_AUTH_SUCCESS:
		break;
	case SSH_AUTH_DENIED:
	case SSH_AUTH_PARTIAL:
		return sync_failf(cl->fail, SYNC_E_AUTH, cl->branch, 0,
		    "%s@%s", c->user, c->host);
	default:
		return net_fail(cl, "authentication");
	}
	if ((cl->ch = ssh_channel_new(cl->s)) == NULL)
		return ENOMEM;
	if (ssh_channel_open_session(cl->ch) != SSH_OK)
		return net_fail(cl, "channel");
	if (ssh_channel_request_exec(cl->ch, c->command) != SSH_OK)
		return net_fail(cl, "exec");
	return 0;
}

/* The end of a good session: our EOF, theirs, and the exit status. */
static int
client_finish(struct client *cl)
{
	uint8_t	 tmp[256];
	int	 n, status;

	if (!cl->eof_sent)
		(void)ssh_channel_send_eof(cl->ch);
	while (!ssh_channel_is_eof(cl->ch) && !ssh_channel_is_closed(cl->ch)) {
		n = read_wait(cl, tmp, sizeof tmp, cl->c->timeout * 1000);
		if (n > 0)
			return sync_failf(cl->fail, SYNC_E_PROTO, cl->branch,
			    0, "data after done");
		if (n == 0 && !ssh_channel_is_eof(cl->ch) &&
		    !ssh_channel_is_closed(cl->ch))
			return sync_failf(cl->fail, SYNC_E_NETWORK,
			    cl->branch, 0, "no end of session");
		if (n < 0)
			break;
	}
	read_stderr(cl);
	status = ssh_channel_get_exit_status(cl->ch);
	if (status == -1)	/* the link went before the exit status */
		return net_fail(cl, "no exit status");
	if (status != 0)
		return sync_failf(cl->fail, SYNC_E_REMOTE, cl->branch, 0,
		    "%s%sexit status %d", cl->errtext,
		    cl->errtext[0] ? "; " : "", status);
	return 0;
}

/*
 * One sync of c->branch with the head office: our new entries go there,
 * its new entries come here.  Returns 0, or a code with fail filled in;
 * either way this box's sync record says how it went.
 */
int
client_run(struct store *st, const struct sync_conf *c,
    struct sync_stats *stats, struct sync_fail *fail)
{
	struct client		*cl = NULL;
	struct store_txn	*t = NULL;
	struct replica_state	 rs;
	struct msg_hello	 h;
	struct branch		 bs[64];
	struct buf		 out;
	ssh_key			 key = NULL;
	size_t			 nb, i;
	int			 r;

	memset(stats, 0, sizeof *stats);
	memset(fail, 0, sizeof *fail);
	buf_init(&out);
	if ((cl = calloc(1, sizeof *cl)) == NULL)
		return ENOMEM;
	cl->st = st;
	cl->c = c;
	cl->stats = stats;
	cl->fail = fail;
	cl->branch = c->branch;
	cl->window = c->window < 1 ? 1 : c->window > WINDOW_MAX ?
	    WINDOW_MAX : c->window;
	buf_init(&cl->inq);

	/* Where we stand, and where the head office last said it stood. */
	memset(&h, 0, sizeof h);
	h.version = SYNC_VERSION;
	snprintf(h.branch, sizeof h.branch, "%s", c->branch);
	if ((r = store_begin(st, 1, &t)) != 0)
		goto out;
	if (!store_is_primary(t, c->branch)) {
		r = sync_failf(fail, SYNC_E_BRANCH, c->branch, 0,
		    "not primary here");
		goto out;
	}
	if ((r = branch_get(t, c->branch, &bs[0])) != 0)
		goto out;
	if (bs[0].flags & BRANCH_F_HEAD) {
		r = sync_failf(fail, SYNC_E_BRANCH, c->branch, 0,
		    "the head office: branches sync to it");
		goto out;
	}
	if ((r = replica_last(t, c->branch, &cl->last, h.from_head)) != 0 ||
	    (r = replica_state_get(t, c->branch, &rs)) != 0)
		goto out;
	cl->acked = rs.acked <= cl->last ? rs.acked : cl->last;
	cl->from = cl->acked;
	cl->next = cl->from + 1;
	h.from = cl->from;
	h.last = cl->last;
	if ((r = replica_head(t, c->branch, h.from, h.from_head)) != 0 ||
	    (r = branch_list(t, bs, sizeof bs / sizeof bs[0], &nb)) != 0)
		goto out;
	for (i = 0; i < nb && i < sizeof bs / sizeof bs[0]; i++) {
		if (!(bs[i].flags & BRANCH_F_HEAD) ||
		    store_is_primary(t, bs[i].code) || h.nheads == MSG_HEADS_MAX)
			continue;
		snprintf(h.heads[h.nheads].code, sizeof h.heads[0].code, "%s",
		    bs[i].code);
		h.heads[h.nheads].last = bs[i].next_seq - 1;
		memcpy(h.heads[h.nheads].head, bs[i].head, HASH_LEN);
		h.nheads++;
	}
	store_abort(t);
	t = NULL;
	stats->our_last = cl->last;

	if (ssh_pki_import_privkey_file(c->key, NULL, NULL, NULL,
	    &key) != SSH_OK || ssh_key_type(key) != SSH_KEYTYPE_ED25519) {
		r = sync_failf(fail, SYNC_E_KEY, c->branch, 0, "%s", c->key);
		goto out;
	}
	SYNC_LOG(LOG_INFO, "branch %s: to %s@%s port %d; entries up to %"
	    PRIu64 ", the head office had up to %" PRIu64, c->branch, c->user,
	    c->host, c->port, cl->last, cl->acked);
	if ((r = client_connect(cl, key)) != 0)
		goto out;

	/* The hello, then frames at once: no waiting for the welcome. */
	if ((r = msg_hello_put(&out, &h)) != 0 || (r = send_all(cl, &out)) != 0)
		goto out;
	for (;;) {
		if ((r = pump(cl, 0)) != 0)
			goto out;
		if (cl->server_done && cl->sent_done && cl->got_signed)
			break;
		if (cl->next <= cl->last && cl->fl_n < cl->window) {
			if ((r = send_frame(cl)) != 0)
				goto out;
			continue;
		}
		if (cl->welcome && cl->next > cl->last && cl->fl_n == 0 &&
		    !cl->sent_done) {
			buf_reset(&out);
			if ((r = msg_put(&out, MSG_DONE, NULL, 0)) != 0 ||
			    (r = send_all(cl, &out)) != 0)
				goto out;
			cl->sent_done = 1;
			/* Nothing more from us: the signed head comes back. */
			(void)ssh_channel_send_eof(cl->ch);
			cl->eof_sent = 1;
			continue;
		}
		if ((r = pump(cl, c->timeout * 1000)) != 0)
			goto out;
	}
	r = client_finish(cl);
out:
	store_abort(t);
	if (r != 0) {
		if (fail->code == 0)
			sync_failf(fail, r, c->branch, 0, NULL);
		r = fail->code;
		if (cl->s != NULL && cl->ch != NULL)
			send_error(cl);
		SYNC_LOG(LOG_ERR, "branch %s: %s (entry %" PRIu64 ")%s%s",
		    fail->branch[0] ? fail->branch : c->branch,
		    store_strerror(fail->code), fail->seq,
		    fail->detail[0] ? ": " : "", fail->detail);
	} else
		SYNC_LOG(LOG_INFO, "branch %s: %" PRIu64 " entries sent in %"
		    PRIu64 " frames (%" PRIu64 " already there), %" PRIu64
		    " received; the head office has up to %" PRIu64,
		    c->branch, stats->sent_entries, stats->sent_frames,
		    stats->skipped, stats->got_entries, stats->their_last);
	(void)sync_record_end(st, c->branch, r, time(NULL));
	if (cl->ch != NULL) {
		ssh_channel_close(cl->ch);
		ssh_channel_free(cl->ch);
	}
	if (cl->s != NULL) {
		ssh_disconnect(cl->s);
		ssh_free(cl->s);
	}
	ssh_key_free(key);
	buf_free(&cl->inq);
	buf_free(&out);
	free(cl);
	return r;
}

/*
 * loket sync --province: one signed report to the province box, with
 * the host-key rules of branch sync (client_connect), deflated, resumed
 * from where a cut upload stopped (sync/province.c has the messages).
 * *kept: 1 kept, 0 the same report was there already.  Returns 0 or a
 * code with fail filled in.
 */
int
client_province(const struct sync_conf *c, const void *report, size_t len,
    int *kept, struct sync_stats *stats, struct sync_fail *fail)
{
	struct client	*cl = NULL;
	struct buf	 out, body, rd;
	ssh_key		 key = NULL;
	uint8_t		 up[PROVINCE_UPLOAD_MAX], id[32], tmp[1024], type;
	const uint8_t	*p;
	uint64_t	 have, v;
	size_t		 ulen = sizeof up, plen, off, n;
	int		 r, got;

	memset(stats, 0, sizeof *stats);
	memset(fail, 0, sizeof *fail);
	*kept = 0;
	buf_init(&out);
	buf_init(&body);
	if ((cl = calloc(1, sizeof *cl)) == NULL)
		return ENOMEM;
	cl->c = c;
	cl->stats = stats;
	cl->fail = fail;
	cl->branch = c->branch;
	buf_init(&cl->inq);
	if ((r = province_upload(report, len, up, &ulen, id)) != 0)
		goto out;
	if (ssh_pki_import_privkey_file(c->key, NULL, NULL, NULL,
	    &key) != SSH_OK || ssh_key_type(key) != SSH_KEYTYPE_ED25519) {
		r = sync_failf(fail, SYNC_E_KEY, c->branch, 0, "%s", c->key);
		goto out;
	}
	if ((r = client_connect(cl, key)) != 0)
		goto out;
	if ((r = buf_put_varint(&body, 1)) != 0 ||
	    (r = buf_put(&body, id, sizeof id)) != 0 ||
	    (r = buf_put_varint(&body, ulen)) != 0 ||
	    (r = msg_put(&out, MSG_HELLO, body.data, body.len)) != 0 ||
	    (r = send_all(cl, &out)) != 0)
		goto out;
	/* Messages in: the welcome, then the ack or an error. */
	for (got = 0; got < 2;) {
		r = msg_get(&cl->inq, &type, &p, &plen);
		if (r == EAGAIN) {
			int	 m = read_wait(cl, tmp, sizeof tmp,
			    c->timeout * 1000);

			if (m <= 0) {
				r = m == 0 && !ssh_channel_is_eof(cl->ch) &&
				    !ssh_channel_is_closed(cl->ch) ?
				    sync_failf(fail, SYNC_E_NETWORK,
				    c->branch, 0, "no answer") :
				    remote_end(cl);
				goto out;
			}
			if ((r = buf_put(&cl->inq, tmp, (size_t)m)) != 0)
				goto out;
			continue;
		}
		if (r != 0)
			goto out;
		if (type == MSG_ERROR) {
			struct sync_fail	 theirs;

			if (msg_error_get(p, plen, &theirs) == 0) {
				*fail = theirs;
				r = fail->code;
			} else
				r = SYNC_E_PROTO;
			goto out;
		}
		buf_from(&rd, p, plen);
		if (buf_get_varint(&rd, &v) != 0 || buf_left(&rd) != 0 ||
		    (got == 0 && (type != MSG_WELCOME || v > ulen)) ||
		    (got == 1 && (type != MSG_ACK || v > 1))) {
			r = sync_failf(fail, SYNC_E_PROTO, c->branch, 0,
			    "province");
			goto out;
		}
		got++;
		if (got == 2) {
			*kept = (int)v;
			break;
		}
		/* What the box lacks, in small chunks: a cut keeps most. */
		have = v;
		stats->skipped = have;
		for (off = have; off < ulen; off += n) {
			n = ulen - off < 64 ? ulen - off : 64;
			buf_reset(&body);
			buf_reset(&out);
			if ((r = buf_put_varint(&body, off)) != 0 ||
			    (r = buf_put(&body, up + off, n)) != 0 ||
			    (r = msg_put(&out, MSG_FRAME, body.data,
			    body.len)) != 0 || (r = send_all(cl, &out)) != 0)
				goto out;
			stats->sent_frames++;
		}
		buf_reset(&out);
		if ((r = msg_put(&out, MSG_DONE, NULL, 0)) != 0 ||
		    (r = send_all(cl, &out)) != 0)
			goto out;
	}
	cl->server_done = cl->sent_done = 1;
	r = client_finish(cl);
out:
	if (r != 0 && fail->code == 0)
		sync_failf(fail, r, c->branch, 0, NULL);
	if (r != 0)
		r = fail->code;
	if (cl->ch != NULL) {
		ssh_channel_close(cl->ch);
		ssh_channel_free(cl->ch);
	}
	if (cl->s != NULL) {
		ssh_disconnect(cl->s);
		ssh_free(cl->s);
	}
	ssh_key_free(key);
	buf_free(&cl->inq);
	buf_free(&out);
	buf_free(&body);
	free(cl);
	return r;
}

/*
 * The branch's key: create an ed25519 key at path (and path.pub) if
 * there is none; *created says whether it did.  Returns 0, errno, or
 * SYNC_E_KEY for a file that is there but not a key.
 */
int
client_keygen(const char *path, int *created)
{
	ssh_key		 key = NULL;
	char		 dir[4096], pub[4096 + 8];
	mode_t		 um;
	int		 r;

	*created = 0;
	if (access(path, F_OK) == 0) {
		if (ssh_pki_import_privkey_file(path, NULL, NULL, NULL,
		    &key) != SSH_OK)
			return SYNC_E_KEY;
		r = ssh_key_type(key) == SSH_KEYTYPE_ED25519 ? 0 : SYNC_E_KEY;
		ssh_key_free(key);
		return r;
	}
	if (errno != ENOENT)
		return errno;
	if (strlen(path) >= sizeof dir)
		return ENAMETOOLONG;
	snprintf(dir, sizeof dir, "%s", path);
	if (mkdir(dirname(dir), 0700) != 0 && errno != EEXIST)
		return errno;
	if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK)
		return SYNC_E_KEY;
	um = umask(077);
	r = ssh_pki_export_privkey_file(key, NULL, NULL, NULL, path);
	if (r == SSH_OK) {
		snprintf(pub, sizeof pub, "%s.pub", path);
		umask(022);
		r = ssh_pki_export_pubkey_file(key, pub);
	}
	umask(um);
	ssh_key_free(key);
	if (r != SSH_OK)
		return SYNC_E_KEY;
	*created = 1;
	return 0;
}

/* "ssh-ed25519 AAAA..." of the private key at path. */
int
client_pubkey(const char *path, char *out, size_t len)
{
	ssh_key		 key = NULL, pub = NULL;
	char		*b64 = NULL;
	int		 r = SYNC_E_KEY;

	if (ssh_pki_import_privkey_file(path, NULL, NULL, NULL,
	    &key) != SSH_OK ||
	    ssh_pki_export_privkey_to_pubkey(key, &pub) != SSH_OK ||
	    ssh_pki_export_pubkey_base64(pub, &b64) != SSH_OK)
		goto out;
	if ((size_t)snprintf(out, len, "%s %s", ssh_key_type_to_char(
	    ssh_key_type(pub)), b64) >= len) {
		r = ENAMETOOLONG;
		goto out;
	}
	r = 0;
out:
	ssh_string_free_char(b64);
	ssh_key_free(pub);
	ssh_key_free(key);
	return r;
}

/* "SHA256:..." of the private key at path. */
int
client_fingerprint(const char *path, char *out, size_t len)
{
	ssh_key		 key = NULL;
	unsigned char	*hash = NULL;
	char		*fp = NULL;
	size_t		 hlen;
	int		 r = SYNC_E_KEY;

	if (ssh_pki_import_privkey_file(path, NULL, NULL, NULL,
	    &key) != SSH_OK ||
	    ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash,
	    &hlen) != 0 ||
	    (fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash,
	    hlen)) == NULL)
		goto out;
	snprintf(out, len, "%s", fp);
	r = 0;
out:
	ssh_string_free_char(fp);
	ssh_clean_pubkey_hash(&hash);
	ssh_key_free(key);
	return r;
}
