/*
 * tests/tools/proxy.c: a TCP proxy on the loopback for the sync tests and
 * benchmark: it counts the bytes of each connection, can cut the first
 * connection after a number of bytes, and can play a thin link (a bit
 * rate and a delay each way).
 *
 *	proxy -t port [-l port] [-p file] [-o file] [-c bytes] [-r bits/s]
 *	    [-D ms]
 *
 *	-t	the port on 127.0.0.1 to pass connections to
 *	-l	the port to listen on (default 0: any free one)
 *	-p	write the listening port to file once listening
 *	-o	append "up down" (bytes towards the target, bytes back) to
 *		file for each connection as it ends
 *	-c	cut the first connection after that many bytes, both ways
 *		counted, at exactly that byte; later connections pass
 *	-r	each way, send at most that many bits a second
 *	-D	each way, deliver each byte that many milliseconds late
 *
 * A thin link is modelled as a queue each way: bytes read at time t leave
 * at max(t, the previous byte's departure) + 8/rate seconds each and
 * arrive `delay' later.  The proxy reads at most 64 KiB ahead each way, as
 * a modem's buffer would.  It runs until killed.
 */
#include <sys/socket.h>
#include <sys/time.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CONN_MAX	32
#define QUEUE_MAX	(64 * 1024)
#define CHUNK		512

struct chunk {
	double		 due;		/* when it may be written */
	size_t		 len, off;
	uint8_t		 data[CHUNK];
	struct chunk	*next;
};

struct way {
	int		 from, to;
	struct chunk	*head, *tail;
	size_t		 queued;
	double		 free_at;	/* the link is busy until then */
	uint64_t	 bytes;		/* delivered */
	int		 eof;		/* from is done */
	int		 shut;		/* to has been shut for writing */
};

struct conn {
	int		 used;
	int		 cut;		/* cut after this many bytes; -1 never */
	struct way	 w[2];		/* 0: client to target, 1: back */
};

static struct conn	 conns[CONN_MAX];
static double		 rate, delay;
static long long	 cut_first = -1;
static int		 connections;
static const char	*outfile;

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
way_free(struct way *w)
{
	struct chunk	*c, *n;

	for (c = w->head; c != NULL; c = n) {
		n = c->next;
		free(c);
	}
	w->head = w->tail = NULL;
	w->queued = 0;
}

static void
conn_close(struct conn *c)
{
	FILE	*f;
	int	 i;

	if (outfile != NULL && (f = fopen(outfile, "a")) != NULL) {
		fprintf(f, "%llu %llu\n", (unsigned long long)c->w[0].bytes,
		    (unsigned long long)c->w[1].bytes);
		fclose(f);
	}
	for (i = 0; i < 2; i++)
		way_free(&c->w[i]);
	close(c->w[0].from);
	close(c->w[1].from);
	memset(c, 0, sizeof *c);
}

static void
conn_open(int lfd, int port)
{
	struct sockaddr_in	 sa;
	struct conn		*c = NULL;
	int			 cfd, tfd, i, one = 1;

	if ((cfd = accept(lfd, NULL, NULL)) == -1)
		return;
	for (i = 0; i < CONN_MAX; i++) {
		if (!conns[i].used) {
			c = &conns[i];
			break;
		}
	}
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons(port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (c == NULL || (tfd = socket(AF_INET, SOCK_STREAM, 0)) == -1) {
		close(cfd);
		return;
	}
	if (connect(tfd, (struct sockaddr *)&sa, sizeof sa) == -1) {
		close(tfd);
		close(cfd);
		return;
	}
	/* Never block on one side while the other has work. */
	fcntl(cfd, F_SETFL, fcntl(cfd, F_GETFL) | O_NONBLOCK);
	fcntl(tfd, F_SETFL, fcntl(tfd, F_GETFL) | O_NONBLOCK);
	setsockopt(cfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	setsockopt(tfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	memset(c, 0, sizeof *c);
	c->used = 1;
	c->cut = connections++ == 0 ? cut_first : -1;
	c->w[0].from = cfd;
	c->w[0].to = tfd;
	c->w[1].from = tfd;
	c->w[1].to = cfd;
}

/* Read what the link may take now into the way's queue. */
static int
way_read(struct way *w)
{
	struct chunk	*ch;
	double		 t = now();
	ssize_t		 n;

	if ((ch = calloc(1, sizeof *ch)) == NULL)
		return -1;
	n = read(w->from, ch->data, sizeof ch->data);
	if (n <= 0) {
		free(ch);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return 0;
		w->eof = 1;
		return 0;
	}
	ch->len = n;
	if (rate > 0) {
		if (w->free_at < t)
			w->free_at = t;
		w->free_at += n * 8.0 / rate;
		ch->due = w->free_at + delay;
	} else
		ch->due = t + delay;
	if (w->tail != NULL)
		w->tail->next = ch;
	else
		w->head = ch;
	w->tail = ch;
	w->queued += n;
	return 0;
}

/* Deliver what is due; 1 when the connection has reached its cut. */
static int
way_write(struct conn *c, struct way *w, double t)
{
	struct chunk	*ch;
	size_t		 len;
	ssize_t		 n;

	while ((ch = w->head) != NULL && ch->due <= t) {
		len = ch->len - ch->off;
		if (c->cut >= 0) {
			long long	 left = c->cut - (long long)(c->w[0].bytes +
			    c->w[1].bytes);

			if (left <= 0)
				return 1;
			if ((long long)len > left)
				len = left;
		}
		n = write(w->to, ch->data + ch->off, len);
		if (n <= 0)
			return n < 0 && (errno == EAGAIN || errno == EINTR) ?
			    0 : -1;
		w->bytes += n;
		ch->off += n;
		w->queued -= n;
		if (c->cut >= 0 && (long long)(c->w[0].bytes + c->w[1].bytes) >=
		    c->cut)
			return 1;
		if (ch->off < ch->len)
			return 0;
		w->head = ch->next;
		if (w->head == NULL)
			w->tail = NULL;
		free(ch);
	}
	if (w->head == NULL && w->eof && !w->shut) {
		shutdown(w->to, SHUT_WR);
		w->shut = 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct sockaddr_in	 sa;
	struct pollfd		 pfd[1 + 2 * CONN_MAX];
	struct conn		*map[1 + 2 * CONN_MAX];
	int			 wayof[1 + 2 * CONN_MAX];
	socklen_t		 sl = sizeof sa;
	const char		*portfile = NULL;
	double			 t, next;
	int			 ch, lfd, lport = 0, tport = 0, one = 1, i, j, n;
	int			 timeout, r;
	FILE			*f;

	while ((ch = getopt(argc, argv, "c:D:l:o:p:r:t:")) != -1) {
		switch (ch) {
		case 'c':
			cut_first = strtoll(optarg, NULL, 10);
			break;
		case 'D':
			delay = strtod(optarg, NULL) / 1000.0;
			break;
		case 'l':
			lport = atoi(optarg);
			break;
		case 'o':
			outfile = optarg;
			break;
		case 'p':
			portfile = optarg;
			break;
		case 'r':
			rate = strtod(optarg, NULL);
			break;
		case 't':
			tport = atoi(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (tport <= 0)
		goto usage;
	signal(SIGPIPE, SIG_IGN);
	if ((lfd = socket(AF_INET, SOCK_STREAM, 0)) == -1) {
		perror("proxy: socket");
		return 1;
	}
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons(lport);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(lfd, (struct sockaddr *)&sa, sizeof sa) == -1 ||
	    listen(lfd, 16) == -1 ||
	    getsockname(lfd, (struct sockaddr *)&sa, &sl) == -1) {
		perror("proxy: listen");
		return 1;
	}
	if (portfile != NULL) {
		char	 tmp[4096 + 8];

		snprintf(tmp, sizeof tmp, "%s.tmp", portfile);
		if ((f = fopen(tmp, "w")) == NULL ||
		    fprintf(f, "%d\n", ntohs(sa.sin_port)) < 0 ||
		    fclose(f) != 0 || rename(tmp, portfile) != 0) {
			perror("proxy: port file");
			return 1;
		}
	}

	for (;;) {
		t = now();
		next = -1;
		n = 0;
		pfd[n].fd = lfd;
		pfd[n].events = POLLIN;
		map[n] = NULL;
		n++;
		for (i = 0; i < CONN_MAX; i++) {
			struct conn	*c = &conns[i];

			if (!c->used)
				continue;
			for (j = 0; j < 2; j++) {
				r = way_write(c, &c->w[j], t);
				if (r != 0)
					break;
			}
			if (r != 0 || (c->w[0].eof && c->w[1].eof &&
			    c->w[0].head == NULL && c->w[1].head == NULL)) {
				conn_close(c);
				continue;
			}
			for (j = 0; j < 2; j++) {
				struct way	*w = &c->w[j];

				if (w->head != NULL && (next < 0 ||
				    w->head->due < next))
					next = w->head->due;
				pfd[n].fd = w->from;
				pfd[n].events = 0;
				if (!w->eof && w->queued < QUEUE_MAX)
					pfd[n].events |= POLLIN;
				if (w->head != NULL && w->head->due <= t)
					pfd[n].events |= POLLOUT;
				map[n] = c;
				wayof[n] = j;
				n++;
			}
		}
		timeout = -1;
		if (next >= 0) {
			timeout = (int)((next - t) * 1000) + 1;
			if (timeout < 0)
				timeout = 0;
		}
		/* POLLOUT belongs on the other socket: poll both ways' ends. */
		for (i = 1; i < n; i++) {
			if (pfd[i].events & POLLOUT) {
				pfd[i].events &= ~POLLOUT;
				if (timeout < 0 || timeout > 5)
					timeout = 5;
			}
		}
		if (poll(pfd, n, timeout) == -1 && errno != EINTR) {
			perror("proxy: poll");
			return 1;
		}
		if (pfd[0].revents & POLLIN)
			conn_open(lfd, tport);
		for (i = 1; i < n; i++) {
			if (!map[i]->used)
				continue;
			if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR))
				(void)way_read(&map[i]->w[wayof[i]]);
		}
	}
usage:
	fprintf(stderr, "usage: proxy -t port [-l port] [-p file] [-o file] "
	    "[-c bytes] [-r bits/s] [-D ms]\n");
	return 64;
}
