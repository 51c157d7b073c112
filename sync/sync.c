/*
 * sync/sync.c: what the rest of sync/ shares: the logging hook, failure
 * reports, and this box's record of its syncs (the status the console
 * shows).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include "sync/sync.h"

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

struct record {
	const char	*branch;
	int		 set_acked;
	uint64_t	 acked;
	int		 set_end;
	int		 code;
	int64_t		 now;
};

static int
record_run(struct store_txn *t, void *arg)
{
	struct record		*c = arg;
	struct replica_state	 rs;
	int			 r;

	if ((r = replica_state_get(t, c->branch, &rs)) != 0)
		return r;
	if (c->set_acked)
		rs.acked = c->acked;
	if (c->set_end) {
		rs.try_time = c->now;
		rs.error = c->code;
		if (c->code == 0)
			rs.ok_time = c->now;
	}
	return replica_state_put(t, c->branch, &rs);
}

/* One small write of this box's sync record. */
static int
record(struct store *st, const char *branch, int set_acked, uint64_t acked,
    int set_end, int code, int64_t now)
{
	struct record	 c;

	c.branch = branch;
	c.set_acked = set_acked;
	c.acked = acked;
	c.set_end = set_end;
	c.code = code;
	c.now = now;
	return store_write(st, record_run, &c);
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
