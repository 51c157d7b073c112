/*
 * tests/fuzz/fuzz-conf.c: libFuzzer target for loket.conf (cli/conf.c).
 *
 * cli/conf.c is included here, not linked, so that the target can look
 * at the items it read; cmd_error() (cli/loket.c, with main) is a stub.
 * The input is the file's bytes, read through conf_read() from a memfd
 * as from any file.  Whatever they are, reading must not read or write
 * past a line; a file that reads has only valid keys, each once, with
 * values trimmed of blanks and holding no control character but tabs
 * (a NUL would cut a value short unseen); written back one
 * "key=value" a line, it must read to the same keys and values in the
 * same order.  A refused file names a line that exists.  Every value is
 * also read as a number by conf_int().
 *
 *	make tests/fuzz/fuzz-conf
 *	./tests/fuzz/fuzz-conf -max_total_time=30 corpus ../tests/fuzz/corpus-conf
 */
#define _GNU_SOURCE		/* memfd_create() */
#include <sys/mman.h>

#include <limits.h>
#include <stdarg.h>
#include <unistd.h>

#include "cli/conf.c"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

void
cmd_error(const char *fmt, ...)
{
	(void)fmt;
}

static int	 fd = -1;
static char	 path[64];

static void
load(const void *data, size_t size)
{
	if (fd == -1) {
		if ((fd = memfd_create("loket.conf", 0)) == -1)
			abort();
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) != 0 ||
	    (size > 0 && pwrite(fd, data, size, 0) != (ssize_t)size))
		abort();
}

static int
blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
has_control(const char *s)
{
	for (; *s != '\0'; s++)
		if (((unsigned char)*s < 0x20 && *s != '\t') || *s == 0x7f)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conf	*cf = NULL, *cg = NULL;
	struct buf	 out;
	const char	*v;
	size_t		 i, j, lines = 1;
	long		 n;
	int		 r, line;

	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	load(data, size);
	if ((r = conf_read(path, &cf, &line)) != 0) {
		if (cf != NULL || (r == EINVAL && (line < 1 ||
		    (size_t)line > lines)))
			abort();
		return 0;
	}
	if (cf == NULL || line != 0)
		abort();
	buf_init(&out);
	for (i = 0; i < cf->n; i++) {
		const struct conf_item	*it = &cf->items[i];
		size_t			 vl = strlen(it->value);

		if (!key_valid(it->key) || has_control(it->value) ||
		    (vl > 0 && (blank(it->value[0]) ||
		    blank(it->value[vl - 1]))) ||
		    it->line < 1 || (size_t)it->line > lines)
			abort();
		for (j = 0; j < i; j++)
			if (strcmp(cf->items[j].key, it->key) == 0)
				abort();
		v = conf_get(cf, it->key);
		if (vl == 0 ? v != NULL : v != it->value)
			abort();
		(void)conf_int(cf, it->key, 7, LONG_MIN, LONG_MAX, &n);
		if (v == NULL && n != 7)
			abort();
		if (buf_put(&out, it->key, strlen(it->key)) != 0 ||
		    buf_put(&out, "=", 1) != 0 ||
		    buf_put(&out, it->value, vl) != 0 ||
		    buf_put(&out, "\n", 1) != 0)
			abort();
	}
	load(out.data, out.len);
	if (conf_read(path, &cg, &line) != 0 || cg->n != cf->n)
		abort();
	for (i = 0; i < cf->n; i++) {
		if (strcmp(cg->items[i].key, cf->items[i].key) != 0 ||
		    strcmp(cg->items[i].value, cf->items[i].value) != 0 ||
		    cg->items[i].line != (int)i + 1)
			abort();
	}
	conf_free(cg);
	conf_free(cf);
	buf_free(&out);
	return 0;
}
