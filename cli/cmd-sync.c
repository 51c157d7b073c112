/*
 * cli/cmd-sync.c: loket sync, the branch's end of replication.  It sends
 * this branch's new entries to the head office over SSH and takes the
 * head office's own entries back (sync/client.c does the work).  With -S
 * it makes the branch's key and prints the line for the head office's
 * authorized_keys; with -s it shows the status the console shows.
 *
 * It is the only process that reads the branch's SSH key.  Several runs
 * at once (the timer and a manager at the console) take turns on a lock
 * file in the data folder.
 */
#include <sys/file.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "sync/sync.h"

/* Exit statuses, in loket-sync(8). */
#define SYNC_EXIT_NETWORK	2
#define SYNC_EXIT_HOSTKEY	3
#define SYNC_EXIT_AUTH		4
#define SYNC_EXIT_CHAIN		5
#define SYNC_EXIT_REFUSED	6

#define DEFAULT_COMMAND		"loket serve"

struct sync_opts;
static int	cmd_sync_exec(struct cmd_ctx *, int, char **);

#define OPT_PROVINCE	256
static const struct option sync_longopts[] = {
	{ "province", no_argument, NULL, OPT_PROVINCE },
	{ NULL, 0, NULL, 0 }
};
static int	run(struct cmd_ctx *, struct sync_opts *, int);
static int	run_province(struct cmd_ctx *, struct sync_opts *);

const struct cmd_entry cmd_sync_entry = {
	.name = "sync",
	.args = "b:c:K:P:qSsvw",
	.minargs = 0,
	.maxargs = 0,
	.usage = "[-qSsvw] [-b branch] [-c file] [-K host-key] "
	    "[-P signing-key]\n"
	    "--province [-q] [-b branch] [-c file]",
	.summary = N_("send the branch's journal to the head office and "
	    "take its entries back"),
	.flags = CMD_STORE,
	.exec = cmd_sync_exec,
	.longopts = sync_longopts,
};

struct sync_opts {
	struct sync_conf	 sc;
	char			 branch[BRANCH_MAX + 1];
	char			 key[4096 + 32];
	char			 known_hosts[4096 + 32];
	double			 retry_min, retry_max;
	int			 verbose, quiet;
	int			 province;	/* --province: province.* */
};

static int	 verbose;

static void
log_line(int pri, const char *msg)
{
	syslog(pri, "%s", msg);
	if (verbose)
		fprintf(stderr, "loket: %s\n", msg);
}

/* A path from loket.conf: relative ones are in the data folder. */
static void
conf_file(struct cmd_ctx *ctx, const struct conf *cf, const char *key,
    const char *def, char *out, size_t len)
{
	const char	*v = conf_get(cf, key);

	if (v == NULL)
		snprintf(out, len, "%s/%s", ctx->dir, def);
	else if (v[0] == '/')
		snprintf(out, len, "%s", v);
	else
		snprintf(out, len, "%s/%s", ctx->dir, v);
}

static int
seconds(const struct conf *cf, const char *key, double def, double *out)
{
	const char	*v = conf_get(cf, key);
	char		*end;

	*out = def;
	if (v == NULL)
		return 0;
	errno = 0;
	*out = strtod(v, &end);
	if (errno != 0 || end == v || *end != '\0' || *out < 0 ||
	    *out > 86400) {
		cmd_error(_("%s: %s must be a number of seconds"),
		    conf_path(cf), key);
		return EXIT_CONFIG;
	}
	return 0;
}

static int
read_conf(struct cmd_ctx *ctx, const char *file, const char *given,
    int need_host, struct sync_opts *o)
{
	struct conf	*cf = NULL;
	const char	*v;
	long		 n;
	int		 r;

	if ((r = conf_load(ctx, file, &cf)) != 0)
		return r;
	memset(&o->sc, 0, sizeof o->sc);
	if (given == NULL)
		given = conf_get(cf, "sync.branch");
	if ((r = cli_branch(ctx, given, o->branch, sizeof o->branch)) != 0)
		goto out;
	o->sc.branch = o->branch;
	conf_file(ctx, cf, "sync.key", "ssh/id_ed25519", o->key,
	    sizeof o->key);
	conf_file(ctx, cf, "sync.known_hosts", "ssh/known_hosts",
	    o->known_hosts, sizeof o->known_hosts);
	o->sc.key = o->key;
	o->sc.known_hosts = o->known_hosts;
	if ((r = conf_int(cf, "sync.port", 22, 1, 65535, &n)) != 0)
		goto out;
	o->sc.port = n;
	if ((r = conf_int(cf, "sync.timeout", 60, 1, 3600, &n)) != 0)
		goto out;
	o->sc.timeout = n;
	if ((r = conf_int(cf, "sync.window", 8, 1, 64, &n)) != 0)
		goto out;
	o->sc.window = n;
	if ((r = seconds(cf, "sync.retry_min", 5, &o->retry_min)) != 0 ||
	    (r = seconds(cf, "sync.retry_max", 600, &o->retry_max)) != 0)
		goto out;
	if (o->retry_max < o->retry_min)
		o->retry_max = o->retry_min;
	/* Strings live as long as the process: keep the configuration. */
	o->sc.host = (v = conf_get(cf, "sync.host")) ? strdup(v) : NULL;
	o->sc.user = strdup((v = conf_get(cf, "sync.user")) ? v : "loket");
	o->sc.command = strdup((v = conf_get(cf, "sync.command")) ? v :
	    DEFAULT_COMMAND);
	if (o->province) {	/* the province box: same key, same rules */
		free((char *)o->sc.host);
		free((char *)o->sc.user);
		free((char *)o->sc.command);
		o->sc.host = (v = conf_get(cf, "province.host")) ? strdup(v) :
		    NULL;
		o->sc.user = strdup((v = conf_get(cf, "province.user")) ? v :
		    "loket");
		o->sc.command = strdup((v = conf_get(cf,
		    "province.command")) ? v : "loket serve --coop");
		if ((r = conf_int(cf, "province.port", 22, 1, 65535,
		    &n)) != 0)
			goto out;
		o->sc.port = n;
		if (o->sc.host == NULL) {
			cmd_error(_("sync: no province.host in %s: where is "
			    "the province office?"), conf_path(cf)[0] ?
			    conf_path(cf) : "loket.conf");
			r = EXIT_CONFIG;
			goto out;
		}
	}
	if (o->sc.user == NULL || o->sc.command == NULL) {
		r = EXIT_SOFTWARE;
		goto out;
	}
	if (need_host && o->sc.host == NULL) {
		cmd_error(_("sync: no sync.host in %s: where is the head "
		    "office?"), conf_path(cf)[0] ? conf_path(cf) :
		    "loket.conf");
		r = EXIT_CONFIG;
	}
out:
	conf_free(cf);
	return r;
}

/* A failure in one line, in the user's language. */
static int
report(const struct sync_opts *o, const struct sync_fail *f)
{
	char		 ours[32], theirs[32], where[64];
	const char	*br = f->branch[0] ? f->branch : o->branch;

	if (f->seq != 0)
		snprintf(where, sizeof where, _("branch %s, entry %" PRIu64),
		    br, f->seq);
	else
		snprintf(where, sizeof where, _("branch %s"), br);
	switch (f->code) {
	case SYNC_E_HOSTKEY:
		switch (f->cause) {
		case SYNC_HOSTKEY_CHANGED:
			cmd_error(_("sync: the head office %s shows another "
			    "host key (%s) than %s has: refused, nothing "
			    "sent"), o->sc.host, f->detail, o->known_hosts);
			break;
		default:
			cmd_error(_("sync: the head office %s (host key %s) "
			    "is not in %s: refused, nothing sent"),
			    o->sc.host, f->detail, o->known_hosts);
			break;
		}
		return SYNC_EXIT_HOSTKEY;
	case SYNC_E_AUTH:
		cmd_error(_("sync: the head office refused the key %s "
		    "(%s): is it in its authorized_keys?"), o->key, f->detail);
		return SYNC_EXIT_AUTH;
	case SYNC_E_KEY:
		cmd_error(_("sync: %s: %s"), f->detail,
		    _(store_strerror(f->code)));
		return EXIT_CONFIG;
	case SYNC_E_NETWORK:
		cmd_error(_("sync: %s: %s (%s)"), o->sc.host,
		    _(store_strerror(f->code)), f->detail);
		return SYNC_EXIT_NETWORK;
	case SYNC_E_CHAIN:
		if (f->heads) {
			sync_hex(f->ours, ours, sizeof ours);
			sync_hex(f->theirs, theirs, sizeof theirs);
			cmd_error(_("sync: %s: %s: here entry %" PRIu64
			    " has head %s, the %s entry %" PRIu64 " has "
			    "head %s"), where, _(store_strerror(f->code)),
			    f->ours_seq, ours, _("head office's"),
			    f->theirs_seq, theirs);
		} else
			cmd_error(_("sync: %s: %s"), where,
			    _(store_strerror(f->code)));
		return SYNC_EXIT_CHAIN;
	case STORE_E_SIGNKEY:
		/* Like a changed host key: someone else signs. */
		cmd_error(_("sync: %s: %s: refused, the signed head is not "
		    "kept"), where, _(store_strerror(f->code)));
		return SYNC_EXIT_HOSTKEY;
	case STORE_E_SIGNED:
		cmd_error(_("sync: %s: %s"), where,
		    _(store_strerror(f->code)));
		return SYNC_EXIT_CHAIN;
	default:
		break;
	}
	if (f->code <= SYNC_E_BASE && f->code > SYNC_E_LAST) {
		if (f->cause != 0)
			cmd_error(_("sync: %s: %s%s: %s"), where,
			    f->remote ? _("the head office says: ") : "",
			    _(store_strerror(f->code)),
			    _(store_strerror(f->cause)));
		else
			cmd_error(_("sync: %s: %s%s%s%s"), where,
			    f->remote ? _("the head office says: ") : "",
			    _(store_strerror(f->code)),
			    f->detail[0] ? " - " : "", f->detail);
		return SYNC_EXIT_REFUSED;
	}
	return cmd_store_error("sync", f->code);
}

static void
sleep_s(double s)
{
	struct timespec	 ts;

	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static int
setup(struct cmd_ctx *ctx, struct sync_opts *o, const char *hostkey,
    const char *signkey)
{
	char		 pub[1024], fp[128], line[2048], host[300];
	FILE		*f;
	int		 created, r;

	if ((r = client_keygen(o->key, &created)) != 0) {
		cmd_error("sync -S: %s: %s", o->key, r > 0 ? strerror(r) :
		    _(store_strerror(r)));
		return r == SYNC_E_KEY ? EXIT_CONFIG : EXIT_CANTCREAT;
	}
	if ((r = client_pubkey(o->key, pub, sizeof pub)) != 0 ||
	    (r = client_fingerprint(o->key, fp, sizeof fp)) != 0) {
		cmd_error("sync -S: %s: %s", o->key, _(store_strerror(r)));
		return EXIT_CONFIG;
	}
	if (hostkey != NULL) {
		/* The head office's host key, as its admin handed it over. */
		if ((f = fopen(hostkey, "r")) == NULL ||
		    fgets(line, sizeof line, f) == NULL) {
			cmd_error("sync -K: %s: %s", hostkey, strerror(errno));
			if (f != NULL)
				fclose(f);
			return EXIT_NOINPUT;
		}
		fclose(f);
		line[strcspn(line, "\r\n")] = '\0';
		if (strncmp(line, "ssh-ed25519 ", 12) != 0 ||
		    strchr(line + 12, ' ') == line + 12) {
			cmd_error(_("sync -K: %s: not an ssh-ed25519 public "
			    "key"), hostkey);
			return EXIT_DATAERR;
		}
		line[12 + strcspn(line + 12, " ")] = '\0';
		if (o->sc.port == 22)
			snprintf(host, sizeof host, "%s", o->sc.host);
		else
			snprintf(host, sizeof host, "[%s]:%d", o->sc.host,
			    o->sc.port);
		if ((f = fopen(o->known_hosts, "a")) == NULL ||
		    fprintf(f, "%s %s\n", host, line) < 0 || fclose(f) != 0) {
			cmd_error("sync -K: %s: %s", o->known_hosts,
			    strerror(errno));
			return EXIT_CANTCREAT;
		}
		if (ctx->interactive)
			fprintf(stderr, _("%s: added the host key of %s\n"),
			    o->known_hosts, host);
	}
	if (signkey != NULL) {
		/* The head office's signing key, pinned as its host key is. */
		if ((r = anchor_pin_file(ctx->st, o->branch, signkey)) != 0) {
			cmd_error("sync -P: %s: %s", signkey, r > 0 ?
			    strerror(r) : _(store_strerror(r)));
			return r > 0 ? EXIT_NOINPUT : EXIT_DATAERR;
		}
		if (ctx->interactive)
			fprintf(stderr, _("pinned the head office's signing "
			    "key from %s\n"), signkey);
	}
	if (ctx->interactive) {
		fprintf(stderr, created ? _("created the key %s (%s)\n") :
		    _("the key %s (%s) is there already\n"), o->key, fp);
		fprintf(stderr, "%s\n", _("Give the head office this line for "
		    "the authorized_keys of its sync user:"));
	}
	printf("command=\"loket serve -b %s\",restrict %s loket-sync-%s\n",
	    o->branch, pub, o->branch);
	return 0;
}

static void
age(char *out, size_t len, int64_t s)
{
	if (s < 0)
		snprintf(out, len, "%s", _("never"));
	else if (s < 120)
		snprintf(out, len, _("%" PRId64 " s ago"), s);
	else if (s < 7200)
		snprintf(out, len, _("%" PRId64 " min ago"), s / 60);
	else if (s < 172800)
		snprintf(out, len, _("%" PRId64 " h ago"), s / 3600);
	else
		snprintf(out, len, _("%" PRId64 " days ago"), s / 86400);
}

static int
status(struct cmd_ctx *ctx, struct sync_opts *o)
{
	struct sync_status	 s;
	char			 a[64];
	int			 r;

	if ((r = sync_status(ctx->st, o->branch, (int64_t)time(NULL),
	    &s)) != 0)
		return cmd_store_error("sync", r);
	age(a, sizeof a, s.age);
	printf("%-10s %s\n", _("branch"), o->branch);
	printf("%-10s %" PRIu64 "\n", _("entries"), s.last);
	printf("%-10s %" PRIu64 "\n", _("sent"), s.acked);
	printf("%-10s %" PRIu64 "\n", _("waiting"), s.waiting);
	printf("%-10s %s\n", _("synced"), a);
	if (s.try_age >= 0 && s.error != 0) {
		age(a, sizeof a, s.try_age);
		printf("%-10s %s: %s\n", _("failed"), a,
		    _(store_strerror(s.error)));
	}
	return 0;
}

static int
lock(struct cmd_ctx *ctx, const char *branch)
{
	char	 path[4096 + 32];
	int	 fd;

	snprintf(path, sizeof path, "%s/sync-%s.lock", ctx->dir, branch);
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0660)) == -1)
		return -1;
	while (flock(fd, LOCK_EX) != 0) {
		if (errno != EINTR) {
			close(fd);
			return -1;
		}
	}
	return fd;
}

static int
cmd_sync_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct sync_opts	 o;
	const char		*given = NULL, *file = NULL, *hostkey = NULL;
	const char		*signkey = NULL;
	int			 ch, r, mode = 0, watch = 0;

	memset(&o, 0, sizeof o);
	while ((ch = getopt_long(argc, argv, cmd_sync_entry.args,
	    sync_longopts, NULL)) != -1) {
		switch (ch) {
		case OPT_PROVINCE:
			o.province = 1;
			break;
		case 'b':
			given = optarg;
			break;
		case 'c':
			file = optarg;
			break;
		case 'K':
			hostkey = optarg;
			break;
		case 'P':
			signkey = optarg;
			break;
		case 'q':
			o.quiet = 1;
			break;
		case 'S':
		case 's':
			if (mode != 0 && mode != ch)
				return cmd_usage(ctx->entry);
			mode = ch;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'w':
			watch = 1;
			break;
		default:
			return cmd_usage(ctx->entry);
		}
	}
	if (o.province && (mode != 0 || watch || hostkey != NULL)) {
		cmd_error("%s", _("sync: --province goes alone, or with -q, "
		    "-b and -c"));
		return cmd_usage(ctx->entry);
	}
	if (hostkey != NULL && mode != 'S') {
		cmd_error("%s", _("sync: -K goes with -S"));
		return cmd_usage(ctx->entry);
	}
	if (signkey != NULL && mode != 'S') {
		cmd_error("%s", _("sync: -P goes with -S"));
		return cmd_usage(ctx->entry);
	}
	if (mode != 0 && watch) {
		cmd_error("%s", _("sync: -w does not go with -S or -s"));
		return cmd_usage(ctx->entry);
	}
	openlog("loket-sync", LOG_PID, LOG_DAEMON);
	sync_set_log(log_line);
	if ((r = read_conf(ctx, file, given, mode == 0 || hostkey != NULL,
	    &o)) == 0) {
		if (o.province)
			r = run_province(ctx, &o);
		else if (mode == 's')
			r = status(ctx, &o);
		else if (mode == 'S')
			r = setup(ctx, &o, hostkey, signkey);
		else
			r = run(ctx, &o, watch);
	}
	free((char *)o.sc.host);
	free((char *)o.sc.user);
	free((char *)o.sc.command);
	return r;
}

static int	shu_pending(struct cmd_ctx *, struct sync_opts *,
		    struct sync_stats *, struct sync_fail *);

/* Sync, and with -w again after a network error, backing off. */
static int
run(struct cmd_ctx *ctx, struct sync_opts *o, int watch)
{
	struct sync_stats	 stats;
	struct sync_fail	 fail;
	int			 r, fd, tries = 0;
	double			 wait;
	uint32_t		 rnd;

	/* A dead link must not kill us: libssh sees the error instead. */
	signal(SIGPIPE, SIG_IGN);
	if ((fd = lock(ctx, o->branch)) == -1) {
		cmd_error("sync: %s: %s", ctx->dir, strerror(errno));
		return EXIT_CANTCREAT;
	}
	wait = o->retry_min;
	for (;;) {
		tries++;
		r = client_run(ctx->st, &o->sc, &stats, &fail);
		if (r == 0 || !watch || fail.code != SYNC_E_NETWORK)
			break;
		/* Back off, doubling, with a quarter of jitter either way. */
		if (getrandom(&rnd, sizeof rnd, 0) != sizeof rnd)
			rnd = 0;
		wait = wait * (0.75 + 0.5 * (rnd / 4294967296.0));
		if (verbose || ctx->interactive)
			fprintf(stderr, _("loket: sync: %s (%s); trying again "
			    "in %.1f s\n"), _(store_strerror(fail.code)),
			    fail.detail, wait);
		syslog(LOG_NOTICE, "branch %s: try %d failed; again in %.1f s",
		    o->branch, tries, wait);
		sleep_s(wait);
		wait = wait * 2 < o->retry_max ? wait * 2 : o->retry_max;
		if (wait < o->retry_min)
			wait = o->retry_min;
	}
	if (r == 0)
		r = shu_pending(ctx, o, &stats, &fail);
	close(fd);
	if (r != 0)
		return report(o, &fail);
	if (!o->quiet)
		printf(_("sync %s: sent %" PRIu64 " entries, received %" PRIu64
		    "; the head office has %s up to entry %" PRIu64 "\n"),
		    o->branch, stats.sent_entries,
		    stats.got_entries, o->branch, stats.their_last);
	return 0;
}

/*
 * The head office's SHU plan arrived: this branch's members' shares are
 * posted by loket itself, then sent at once.  A plan the branch's books
 * do not match is reported and posts nothing; the sync itself went
 * through.
 */
static int
shu_pending(struct cmd_ctx *ctx, struct sync_opts *o,
    struct sync_stats *stats, struct sync_fail *fail)
{
	struct shu_post_report	 rep;
	struct sync_stats	 more;
	char			 a[48];
	int			 year, r;

	if ((r = store_shu_post_pending(ctx->st, o->branch, 0, &year,
	    &rep)) != 0) {
		cmd_error(_("sync: %s: the SHU is not posted: %s"), o->branch,
		    _(store_strerror(r)));
		return 0;
	}
	if (year == 0)
		return 0;
	money_format(rep.shares, a, sizeof a);
	if (!o->quiet)
		printf(_("%s: the SHU of %d is divided as the head office "
		    "decided: %" PRIu64 " members, %s\n"), o->branch, year,
		    rep.members, a);
	if ((r = client_run(ctx->st, &o->sc, &more, fail)) != 0)
		return r;
	stats->sent_entries += more.sent_entries;
	stats->got_entries += more.got_entries;
	stats->their_last = more.their_last;
	return 0;
}

/*
 * --province: the latest yearly report, the year of the business date
 * with the figures as they stand, signed, to the province box (a year's
 * last report, after its close, is the one its dashboard shows).
 */
static int
run_province(struct cmd_ctx *ctx, struct sync_opts *o)
{
	struct store_txn	*t;
	struct ods_report	 rep;
	struct sync_stats	 stats;
	struct sync_fail	 fail;
	struct branch		 b;
	struct buf		 bytes;
	int			 r, y, m, d, kept;

	if ((r = store_begin(ctx->st, 1, &t)) != 0)
		return cmd_store_error("sync", r);
	if ((r = branch_get(t, o->branch, &b)) == 0) {
		date_to_ymd(b.date, &y, &m, &d);
		r = ods_collect(t, o->branch, y, &rep);
	}
	store_abort(t);
	if (r != 0)
		return cmd_store_error("sync", r);
	buf_init(&bytes);
	if ((r = ods_sign(ctx->st, &rep, &bytes)) != 0) {
		buf_free(&bytes);
		return cmd_store_error("sync", r);
	}
	signal(SIGPIPE, SIG_IGN);
	r = client_province(&o->sc, bytes.data, bytes.len, &kept, &stats,
	    &fail);
	buf_free(&bytes);
	if (r != 0 && fail.remote && fail.code != SYNC_E_NETWORK) {
		cmd_error(_("sync: the province office refused the report: "
		    "%s%s%s"), _(store_strerror(fail.code)),
		    fail.detail[0] ? " - " : "", fail.detail);
		return SYNC_EXIT_REFUSED;
	}
	if (r != 0)
		return report(o, &fail);
	if (!o->quiet)
		printf(kept ? _("sync: the report for %d is at the province "
		    "office (%" PRIu64 " bytes sent)\n") : _("sync: the "
		    "province office had the report for %d already (%"
		    PRIu64 " bytes sent)\n"), rep.year, stats.bytes_out);
	return 0;
}
