/*
 * tests/tools/ods-send.c: send one signed report file to a province box
 * the way loket sync --province does (sync/client.c, client_province),
 * for cooperatives that have no books: the generated ones of the tests
 * and the benchmark.
 *
 *	ods-send -H host -p port -u user -k key -K known_hosts file
 *
 * Exits 0 with "kept" or "had" on stdout, or 1 with the error.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "sync/sync.h"

int
main(int argc, char **argv)
{
	struct sync_conf	 c = { 0 };
	struct sync_stats	 stats;
	struct sync_fail	 fail;
	uint8_t			 buf[ODS_MAXSIZE + 1];
	size_t			 n;
	FILE			*f;
	int			 ch, kept, r;

	c.branch = "HO";
	c.timeout = 20;
	c.command = "loket serve --coop";
	while ((ch = getopt(argc, argv, "H:k:K:p:u:")) != -1) {
		switch (ch) {
		case 'H':
			c.host = optarg;
			break;
		case 'k':
			c.key = optarg;
			break;
		case 'K':
			c.known_hosts = optarg;
			break;
		case 'p':
			c.port = atoi(optarg);
			break;
		case 'u':
			c.user = optarg;
			break;
		default:
			goto usage;
		}
	}
	if (argc - optind != 1 || c.host == NULL || c.key == NULL ||
	    c.known_hosts == NULL || c.user == NULL || c.port == 0)
		goto usage;
	if ((f = fopen(argv[optind], "r")) == NULL) {
		perror(argv[optind]);
		return 1;
	}
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	signal(SIGPIPE, SIG_IGN);
	r = client_province(&c, buf, n, &kept, &stats, &fail);
	if (r != 0) {
		fprintf(stderr, "ods-send: %s: %s\n", store_strerror(r),
		    fail.detail);
		return 1;
	}
	printf("%s\n", kept ? "kept" : "had");
	return 0;
usage:
	fprintf(stderr, "usage: ods-send -H host -p port -u user -k key "
	    "-K known_hosts file\n");
	return 64;
}
