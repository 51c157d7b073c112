/*
 * sync/sync.c: what the rest of sync/ shares: error names, the logging
 * hook, failure reports, and this box's record of its syncs (the status
 * the console shows).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include "sync/sync.h"

static const char *errors[] = {
	[-(SYNC_E_NETWORK - SYNC_E_BASE)] =
	    N_("the head office cannot be reached, or the link was cut"),
	[-(SYNC_E_HOSTKEY - SYNC_E_BASE)] =
	    N_("the head office's host key is unknown or has changed"),
	[-(SYNC_E_AUTH - SYNC_E_BASE)] =
	    N_("the head office refused this branch's key"),
	[-(SYNC_E_CHAIN - SYNC_E_BASE)] =
	    N_("the two copies of the journal disagree"),
	[-(SYNC_E_REFUSED - SYNC_E_BASE)] = N_("an entry was refused"),
	[-(SYNC_E_PROTO - SYNC_E_BASE)] =
	    N_("the other side sent a malformed or unexpected message"),
	[-(SYNC_E_FRAME - SYNC_E_BASE)] =
	    N_("a frame is corrupt, truncated or too big"),
	[-(SYNC_E_BRANCH - SYNC_E_BASE)] =
	    N_("entries of a branch this side may not take"),
	[-(SYNC_E_GAP - SYNC_E_BASE)] =
	    N_("a frame out of order: entries are missing before it"),
	[-(SYNC_E_VERSION - SYNC_E_BASE)] =
	    N_("the other side speaks another version of the protocol"),
	[-(SYNC_E_KEY - SYNC_E_BASE)] =
	    N_("this branch's SSH key cannot be read (run loket sync -S)"),
	[-(SYNC_E_REMOTE - SYNC_E_BASE)] =
	    N_("the command at the head office failed"),
};

const char *
sync_strerror(int r)
{
	if (r < SYNC_E_BASE && r > SYNC_E_LAST &&
	    errors[-(r - SYNC_E_BASE)] != NULL)
		return errors[-(r - SYNC_E_BASE)];
	return store_strerror(r);
}

static void	(*log_hook)(int, const char *);

/* Where sync/'s log lines go; NULL: nowhere. */
void
sync_set_log(void (*fn)(int, const char *))
{
	log_hook = fn;
}

/* A log line, prefixed with the function that logs it. */
void
sync_log(int pri, const char *func, const char *fmt, ...)
{
	char	 msg[1024];
	int	 n;
	va_list	 ap;

	if (log_hook == NULL)
		return;
	n = snprintf(msg, sizeof msg, "%s: ", func);
	if (n < 0 || (size_t)n >= sizeof msg)
		n = 0;
	va_start(ap, fmt);
	vsnprintf(msg + n, sizeof msg - n, fmt, ap);
	va_end(ap);
	log_hook(pri, msg);
}

/*
 * Fill in a failure (the first one wins: later errors are usually its
 * consequences) and return its code, so that callers can write
 * "return sync_failf(...)".
 */
int
sync_failf(struct sync_fail *f, int code, const char *branch, uint64_t seq,
    const char *fmt, ...)
{
	va_list	 ap;

	if (f == NULL || f->code != 0)
		return f != NULL && f->code != 0 ? f->code : code;
	f->code = code;
	if (branch != NULL)
		snprintf(f->branch, sizeof f->branch, "%s", branch);
	f->seq = seq;
	if (fmt != NULL) {
		va_start(ap, fmt);
		vsnprintf(f->detail, sizeof f->detail, fmt, ap);
		va_end(ap);
	}
	return code;
}

/* The first 16 hex digits of a hash: enough for people to compare. */
void
sync_hex(const uint8_t h[HASH_LEN], char *out, size_t len)
{
	size_t	 i;

	if (len == 0)
		return;
	out[0] = '\0';
	for (i = 0; i < 8 && 2 * i + 2 < len; i++)
		snprintf(out + 2 * i, len - 2 * i, "%02x", h[i]);
}

/*
 * The status line's figures for branch at time now: the age of the last
 * successful sync and how many entries the head office does not have
 * (as far as its last acknowledgement says).
 */
int
sync_status(struct store *st, const char *branch, int64_t now,
    struct sync_status *s)
{
	struct store_txn	*t = NULL;
	struct replica_state	 rs;
	uint8_t			 head[HASH_LEN];
	int			 r;

	memset(s, 0, sizeof *s);
	s->age = s->try_age = -1;
	if ((r = store_begin(st, 1, &t)) != 0)
		return r;
	if ((r = replica_last(t, branch, &s->last, head)) != 0 ||
	    (r = replica_state_get(t, branch, &rs)) != 0)
		goto out;
	s->acked = rs.acked < s->last ? rs.acked : s->last;
	s->waiting = s->last - s->acked;
	if (rs.ok_time != 0)
		s->age = now > rs.ok_time ? now - rs.ok_time : 0;
	if (rs.try_time != 0)
		s->try_age = now > rs.try_time ? now - rs.try_time : 0;
	s->error = rs.error;
out:
	store_abort(t);
	return r;
}

/* One small write of this box's sync record, growing the map if need be. */
static int
record(struct store *st, const char *branch, int set_acked, uint64_t acked,
    int set_end, int code, int64_t now)
{
	struct store_txn	*t = NULL;
	struct replica_state	 rs;
	int			 r, tries;

	for (tries = 0; tries < 8; tries++) {
		if ((r = store_begin(st, 0, &t)) != 0)
			return r;
		if ((r = replica_state_get(t, branch, &rs)) == 0) {
			if (set_acked)
				rs.acked = acked;
			if (set_end) {
				rs.try_time = now;
				rs.error = code;
				if (code == 0)
					rs.ok_time = now;
			}
			r = replica_state_put(t, branch, &rs);
		}
		if (r == 0) {
			r = store_commit(t);
			t = NULL;
		} else {
			store_abort(t);
			t = NULL;
		}
		if (r == 0 || replica_grow(st, r) != 0)
			break;
		/* the map was full and has grown: once more */
	}
	return r;
}

/* The head office has acknowledged branch up to entry acked. */
int
sync_record_acked(struct store *st, const char *branch, uint64_t acked)
{
	return record(st, branch, 1, acked, 0, 0, 0);
}

/* A sync of branch ended at now with code (0: success). */
int
sync_record_end(struct store *st, const char *branch, int code, int64_t now)
{
	return record(st, branch, 0, 0, 1, code, now);
}
