/*
 * cli/conf.c: loket.conf, a small file of settings that belong to this
 * box rather than to the books (where the head office is, which key to
 * use).  The format, in loket.conf(5):
 *
 *	# a comment: a line whose first character that is not a blank is #
 *	key = value
 *
 * Keys are small letters, digits, '.', '_' and '-'; the value is the rest
 * of the line with the blanks around it removed; blank lines are
 * ignored.  A key given twice or a line that is not one of these is an
 * error naming the line, so that a typing mistake is not silently lost;
 * so is a line longer than CONF_LINE_MAX or one holding a control
 * character other than a tab (a carriage return may end it), which
 * would otherwise cut the value short at a NUL or hide in it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

#define CONF_LINE_MAX	1024
#define CONF_ETC	"/etc/loket/loket.conf"

struct conf_item {
	char		*key;
	char		*value;
	int		 line;
};

struct conf {
	char			 path[4096];
	size_t			 n;
	struct conf_item	*items;
};

static int
key_valid(const char *k)
{
	if (*k == '\0')
		return 0;
	for (; *k != '\0'; k++) {
		if (!((*k >= 'a' && *k <= 'z') || (*k >= '0' && *k <= '9') ||
		    *k == '.' || *k == '_' || *k == '-'))
			return 0;
	}
	return 1;
}

/* The item of key, set empty or not; NULL when the file has no such line. */
static const struct conf_item *
conf_find(const struct conf *cf, const char *key)
{
	size_t	 i;

	for (i = 0; cf != NULL && i < cf->n; i++) {
		if (strcmp(cf->items[i].key, key) == 0)
			return &cf->items[i];
	}
	return NULL;
}

/* At most CONF_LINE_MAX bytes and a newline; no control but tab. */
static int
line_valid(const char *s, size_t n)
{
	size_t	 i;

	if (n > 0 && s[n - 1] == '\n')
		n--;
	if (n > 0 && s[n - 1] == '\r')
		n--;
	if (n > CONF_LINE_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t') ||
		    s[i] == 0x7f)
			return 0;
	}
	return 1;
}

static char *
trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		*--e = '\0';
	return s;
}

void
conf_free(struct conf *cf)
{
	size_t	 i;

	if (cf == NULL)
		return;
	for (i = 0; i < cf->n; i++) {
		free(cf->items[i].key);
		free(cf->items[i].value);
	}
	free(cf->items);
	free(cf);
}

/* An empty configuration: every key at its default. */
struct conf *
conf_empty(void)
{
	return calloc(1, sizeof (struct conf));
}

/*
 * Read path.  Returns 0; ENOENT when there is no such file; EINVAL for a
 * line that is not a comment, blank, or a new key = value (*line names
 * it); or another errno.
 */
int
conf_read(const char *path, struct conf **out, int *line)
{
	struct conf		*cf;
	struct conf_item	*it;
	FILE			*f;
	char			*buf = NULL, *p, *eq, *k, *v;
	size_t			 cap = 0;
	ssize_t			 n;
	int			 r = 0;

	*out = NULL;
	*line = 0;
	if ((f = fopen(path, "r")) == NULL)
		return errno;
	if ((cf = conf_empty()) == NULL) {
		fclose(f);
		return ENOMEM;
	}
	snprintf(cf->path, sizeof cf->path, "%s", path);
	while ((n = getline(&buf, &cap, f)) != -1) {
		(*line)++;
		if (!line_valid(buf, n)) {
			r = EINVAL;
			goto out;
		}
		p = trim(buf);
		if (*p == '\0' || *p == '#')
			continue;
		if ((eq = strchr(p, '=')) == NULL) {
			r = EINVAL;
			goto out;
		}
		*eq = '\0';
		k = trim(p);
		v = trim(eq + 1);
		if (!key_valid(k) || conf_find(cf, k) != NULL) {
			r = EINVAL;
			goto out;
		}
		if (cf->n % 8 == 0) {
			it = realloc(cf->items, (cf->n + 8) * sizeof *it);
			if (it == NULL) {
				r = ENOMEM;
				goto out;
			}
			cf->items = it;
		}
		it = &cf->items[cf->n];
		if ((it->key = strdup(k)) == NULL ||
		    (it->value = strdup(v)) == NULL) {
			free(it->key);
			r = ENOMEM;
			goto out;
		}
		it->line = *line;
		cf->n++;
	}
	if (ferror(f))
		r = EIO;
out:
	free(buf);
	fclose(f);
	if (r != 0) {
		conf_free(cf);
		return r;
	}
	*line = 0;
	*out = cf;
	return 0;
}

/* The value of key, or NULL when it is not set (or set empty). */
const char *
conf_get(const struct conf *cf, const char *key)
{
	const struct conf_item	*it;

	if ((it = conf_find(cf, key)) == NULL || it->value[0] == '\0')
		return NULL;
	return it->value;
}

/* The file it came from, "" for none. */
const char *
conf_path(const struct conf *cf)
{
	return cf->path;
}

/*
 * A whole number between min and max, or def when unset.  Prints why and
 * returns EXIT_CONFIG when it is something else.
 */
int
conf_int(const struct conf *cf, const char *key, long def, long min,
    long max, long *out)
{
	const char	*v = conf_get(cf, key);
	char		*end;
	long		 n;

	*out = def;
	if (v == NULL)
		return 0;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || n < min || n > max) {
		cmd_error(_("%s: %s must be a whole number from %ld to %ld"),
		    cf->path, key, min, max);
		return EXIT_CONFIG;
	}
	*out = n;
	return 0;
}

/*
 * loket.conf for a command: the file given with -c, else the data
 * folder's loket.conf, else /etc/loket/loket.conf, else none (an empty
 * configuration).  A file given that is missing, or any file that does
 * not parse, is an error printed here; returns the exit status.
 */
int
conf_load(struct cmd_ctx *ctx, const char *given, struct conf **out)
{
	char	 path[4096 + 16];
	int	 r, line, i;

	*out = NULL;
	for (i = 0; i < 3; i++) {
		if (i == 0 && given == NULL)
			continue;
		if (i == 0)
			snprintf(path, sizeof path, "%s", given);
		else if (i == 1)
			snprintf(path, sizeof path, "%s/loket.conf", ctx->dir);
		else
			snprintf(path, sizeof path, "%s", CONF_ETC);
		r = conf_read(path, out, &line);
		if (r == 0)
			return 0;
		if (r == ENOENT && i > 0)
			continue;
		if (r == EINVAL)
			cmd_error(_("%s, line %d: not a comment nor a new "
			    "key = value"), path, line);
		else
			cmd_error("%s: %s", path, strerror(r));
		return EXIT_CONFIG;
	}
	if ((*out = conf_empty()) == NULL) {
		cmd_error("%s", strerror(ENOMEM));
		return EXIT_SOFTWARE;
	}
	return 0;
}
