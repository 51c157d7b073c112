/*
 * store/province.c: a province (or district) office's box, which keeps
 * the cooperatives' signed yearly reports (store/ods.c) and sums them up
 * for its dashboard.  No LMDB: a report is a small file, received once,
 * never changed.
 *
 * The folder: "province" (the office's name, one line), and under
 * reports/CODE/ each report of cooperative CODE as it was received,
 * YYYY-<the first 16 hex digits of its SHA-256>.ods, read-only (0444),
 * dated by its file time; "key" there pins the Ed25519 key that signed
 * the cooperative's first report, and another key is refused.  The same
 * bytes twice are kept once.  partial/ holds what a cut upload left, so
 * that the next one resumes.
 *
 * reports.log repeats each report kept, appended after its file is in
 * place ("CODE TIME LENGTH\n" and its bytes), so that the dashboard reads
 * one file instead of thousands; without it (or when it is unreadable)
 * the files are read one by one.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "store/store.h"

#define PATHLEN		4096

/* NTT's districts (kabupaten/kota), by their Kemendagri codes. */
static const struct {
	uint32_t	 code;
	const char	*name;
} district_names[] = {
	{ 5301, "Sumba Barat" }, { 5302, "Sumba Timur" }, { 5303, "Kupang" },
	{ 5304, "Timor Tengah Selatan" }, { 5305, "Timor Tengah Utara" },
	{ 5306, "Belu" }, { 5307, "Alor" }, { 5308, "Lembata" },
	{ 5309, "Flores Timur" }, { 5310, "Sikka" }, { 5311, "Ende" },
	{ 5312, "Ngada" }, { 5313, "Manggarai" }, { 5314, "Rote Ndao" },
	{ 5315, "Manggarai Barat" }, { 5316, "Sumba Tengah" },
	{ 5317, "Sumba Barat Daya" }, { 5318, "Nagekeo" },
	{ 5319, "Manggarai Timur" }, { 5320, "Sabu Raijua" },
	{ 5321, "Malaka" }, { 5371, "Kota Kupang" },
};

/* A district's name by its code; "" when not one of NTT's. */
const char *
province_district_name(uint32_t code)
{
	size_t	 i;

	for (i = 0; i < sizeof district_names / sizeof district_names[0]; i++)
		if (district_names[i].code == code)
			return district_names[i].name;
	return "";
}

int
province_valid_code(const char *code)
{
	size_t	 i, n = strlen(code);

	if (n == 0 || n > PROVINCE_CODE_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!((code[i] >= 'A' && code[i] <= 'Z') ||
		    (code[i] >= '0' && code[i] <= '9')))
			return 0;
	return 1;
}

/* A new province folder; EEXIST if dir holds one (or anything) already. */
int
province_init(const char *dir, const char *name)
{
	char	 p[PATHLEN];
	FILE	*f;

	if (name[0] == '\0' || strchr(name, '\n') != NULL ||
	    !utf8_valid(name, strlen(name)) || strlen(name) > 200)
		return STORE_E_NAME;
	if (mkdir(dir, 0750) == -1 && errno != EEXIST)
		return errno;
	snprintf(p, sizeof p, "%s/province", dir);
	if (access(p, F_OK) == 0)
		return EEXIST;
	snprintf(p, sizeof p, "%s/data.mdb", dir);
	if (access(p, F_OK) == 0)
		return EEXIST;
	snprintf(p, sizeof p, "%s/reports", dir);
	if (mkdir(p, 0750) == -1 && errno != EEXIST)
		return errno;
	snprintf(p, sizeof p, "%s/partial", dir);
	if (mkdir(p, 0750) == -1 && errno != EEXIST)
		return errno;
	snprintf(p, sizeof p, "%s/province", dir);
	if ((f = fopen(p, "w")) == NULL)
		return errno;
	fprintf(f, "%s\n", name);
	if (fclose(f) != 0)
		return errno;
	return 0;
}

/* The office's name; STORE_E_NODATA if dir is not a province folder. */
int
province_name(const char *dir, char *name, size_t size)
{
	char	 p[PATHLEN];
	FILE	*f;
	size_t	 n;

	snprintf(p, sizeof p, "%s/province", dir);
	if ((f = fopen(p, "r")) == NULL)
		return errno == ENOENT ? STORE_E_NODATA : errno;
	if (fgets(name, (int)size, f) == NULL)
		name[0] = '\0';
	fclose(f);
	n = strlen(name);
	if (n > 0 && name[n - 1] == '\n')
		name[n - 1] = '\0';
	return 0;
}

static void
sha_hex(const void *p, size_t len, char out[17])
{
	static const char	 digits[] = "0123456789abcdef";
	unsigned char		 md[EVP_MAX_MD_SIZE];
	unsigned int		 n = 0;
	int			 i;

	EVP_Digest(p, len, md, &n, EVP_sha256(), NULL);
	for (i = 0; i < 8; i++) {
		out[2 * i] = digits[md[i] >> 4];
		out[2 * i + 1] = digits[md[i] & 15];
	}
	out[16] = '\0';
}

static int
write_file(const char *path, const void *p, size_t len, mode_t mode)
{
	char	 tmp[PATHLEN + 8];
	int	 fd, r = 0;

	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1)
		return errno;
	if (write(fd, p, len) != (ssize_t)len || fsync(fd) != 0)
		r = errno != 0 ? errno : EIO;
	if (close(fd) != 0 && r == 0)
		r = errno;
	if (r == 0 && chmod(tmp, mode) != 0)
		r = errno;
	if (r == 0 && rename(tmp, path) != 0)
		r = errno;
	if (r != 0)
		(void)unlink(tmp);
	return r;
}

static int
log_append(const char *dir, const char *code, const void *data, size_t len)
{
	char	 p[PATHLEN], head[64];
	int	 fd, n, r = 0;

	snprintf(p, sizeof p, "%s/reports.log", dir);
	n = snprintf(head, sizeof head, "%s %lld %zu\n", code,
	    (long long)time(NULL), len);
	if ((fd = open(p, O_WRONLY | O_CREAT | O_APPEND, 0640)) == -1)
		return errno;
	if (write(fd, head, (size_t)n) != n ||
	    write(fd, data, len) != (ssize_t)len || fsync(fd) != 0)
		r = errno != 0 ? errno : EIO;
	if (close(fd) != 0 && r == 0)
		r = errno;
	return r;
}

/* "CODE TIME LENGTH\n" at q (no sscanf: it measures the whole buffer). */
static int
log_head(const char *q, const char *nl, char code[PROVINCE_CODE_MAX + 1],
    long long *when, size_t *len)
{
	const char		*sp;
	char			*e;
	unsigned long long	 n;

	if ((sp = memchr(q, ' ', (size_t)(nl - q))) == NULL ||
	    sp - q > PROVINCE_CODE_MAX || sp == q)
		return -1;
	memcpy(code, q, (size_t)(sp - q));
	code[sp - q] = '\0';
	*when = strtoll(sp + 1, &e, 10);
	if (*e != ' ')
		return -1;
	n = strtoull(e + 1, &e, 10);
	if (e != nl || n > ODS_MAXSIZE)
		return -1;
	*len = (size_t)n;
	return 0;
}

/* The log, read whole: 0, or non-zero to read the files instead. */
static int
log_walk(const char *dir,
    int (*fn)(void *, const char *, const struct ods_report *, int64_t),
    void *arg, int *done)
{
	struct ods_report	 o;
	struct stat		 sb;
	char			 p[PATHLEN], code[PROVINCE_CODE_MAX + 1];
	char			*buf = NULL, *q, *end, *nl;
	long long		 when;
	size_t			 len;
	ssize_t			 n;
	int			 fd, r = 0;

	*done = 0;
	snprintf(p, sizeof p, "%s/reports.log", dir);
	if ((fd = open(p, O_RDONLY)) == -1)
		return 0;
	if (fstat(fd, &sb) != 0 || sb.st_size <= 0 ||
	    (buf = malloc((size_t)sb.st_size + 1)) == NULL) {
		close(fd);
		return 0;
	}
	n = read(fd, buf, (size_t)sb.st_size);
	close(fd);
	if (n != sb.st_size) {
		free(buf);
		return 0;
	}
	buf[n] = '\0';
	/* Check it all first: a damaged log is not half used. */
	for (q = buf, end = buf + n; q < end; q = nl + 1 + len) {
		if ((nl = memchr(q, '\n', (size_t)(end - q))) == NULL ||
		    log_head(q, nl, code, &when, &len) != 0 ||
		    len > (size_t)(end - nl - 1)) {
			free(buf);
			return 0;
		}
	}
	*done = 1;
	for (q = buf; r == 0 && q < end; q = nl + 1 + len) {
		nl = memchr(q, '\n', (size_t)(end - q));
		(void)log_head(q, nl, code, &when, &len);
		if (province_valid_code(code) &&
		    ods_read(nl + 1, len, &o) == 0)
			r = fn(arg, code, &o, (int64_t)when);
	}
	free(buf);
	return r;
}

/*
 * Keep a report of cooperative code: checked (ods_parse), its key the
 * one pinned for code (pinned on the first report), written read-only
 * unless the same bytes are kept already (*kept 0).  Returns 0,
 * STORE_E_CORRUPT (not a signed report), EPERM (signed with another
 * key), STORE_E_BRANCH (a malformed code), or an errno.
 */
int
province_keep(const char *dir, const char *code, const void *data,
    size_t len, int *kept)
{
	struct ods_report	 o;
	uint8_t			 pub[ODS_KEY_LEN], pin[ODS_KEY_LEN];
	char			 p[PATHLEN], f[PATHLEN + 64], h[17];
	int			 fd, r;
	ssize_t			 n;

	*kept = 0;
	if (!province_valid_code(code))
		return STORE_E_BRANCH;
	if ((r = ods_parse(data, len, &o, pub)) != 0)
		return r;
	snprintf(p, sizeof p, "%s/reports/%s", dir, code);
	if (mkdir(p, 0750) == -1 && errno != EEXIST)
		return errno;
	snprintf(f, sizeof f, "%s/key", p);
	if ((fd = open(f, O_RDONLY)) != -1) {
		n = read(fd, pin, sizeof pin);
		close(fd);
		if (n != (ssize_t)sizeof pin)
			return STORE_E_CORRUPT;
		if (memcmp(pin, pub, sizeof pin) != 0)
			return EPERM;
	} else if (errno != ENOENT)
		return errno;
	else if ((r = write_file(f, pub, sizeof pub, 0444)) != 0)
		return r;
	sha_hex(data, len, h);
	snprintf(f, sizeof f, "%s/%04d-%s.ods", p, o.year, h);
	if (access(f, F_OK) == 0)
		return 0;
	if ((r = write_file(f, data, len, 0444)) != 0)
		return r;
	*kept = 1;
	return log_append(dir, code, data, len);
}

/* -- the partial uploads, for resuming ------------------------------------ */

static void
partial_path(const char *dir, const char *code, const char *id, char *p,
    size_t size)
{
	snprintf(p, size, "%s/partial/%s-%s", dir, code, id);
}

/*
 * How many bytes of upload id (hex) of code are here already.  What
 * another upload of code left is dropped: a cooperative resumes only
 * its latest report.
 */
int
province_partial(const char *dir, const char *code, const char *id,
    uint64_t *have)
{
	char		 p[PATHLEN], name[PATHLEN];
	struct stat	 sb;
	struct dirent	*e;
	DIR		*d;
	size_t		 n;

	*have = 0;
	if (!province_valid_code(code))
		return STORE_E_BRANCH;
	snprintf(p, sizeof p, "%s/partial", dir);
	snprintf(name, sizeof name, "%s-%s", code, id);
	n = strlen(code);
	if ((d = opendir(p)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strncmp(e->d_name, code, n) != 0 ||
			    e->d_name[n] != '-' ||
			    strcmp(e->d_name, name) == 0)
				continue;
			snprintf(p, sizeof p, "%s/partial/%s", dir,
			    e->d_name);
			(void)unlink(p);
		}
		closedir(d);
	}
	partial_path(dir, code, id, p, sizeof p);
	if (stat(p, &sb) == -1)
		return errno == ENOENT ? 0 : errno;
	*have = (uint64_t)sb.st_size;
	return 0;
}

/* Bytes at offset of upload id; the file is cut there first. */
int
province_partial_add(const char *dir, const char *code, const char *id,
    uint64_t off, const void *p, size_t len)
{
	char	 path[PATHLEN];
	int	 fd, r = 0;

	partial_path(dir, code, id, path, sizeof path);
	if ((fd = open(path, O_WRONLY | O_CREAT, 0600)) == -1)
		return errno;
	if (ftruncate(fd, (off_t)off) != 0 ||
	    pwrite(fd, p, len, (off_t)off) != (ssize_t)len || fsync(fd) != 0)
		r = errno != 0 ? errno : EIO;
	if (close(fd) != 0 && r == 0)
		r = errno;
	return r;
}

/* The whole upload, read back (at most ODS_MAXSIZE), then removed. */
int
province_partial_take(const char *dir, const char *code, const char *id,
    uint8_t *buf, size_t size, size_t *len)
{
	char	 path[PATHLEN];
	ssize_t	 n;
	int	 fd;

	partial_path(dir, code, id, path, sizeof path);
	if ((fd = open(path, O_RDONLY)) == -1)
		return errno;
	n = read(fd, buf, size);
	close(fd);
	if (n < 0)
		return errno;
	*len = (size_t)n;
	(void)unlink(path);
	return 0;
}

/* -- reading them back ---------------------------------------------------- */

/*
 * Each report kept, cooperative by cooperative (in no set order), with
 * the time it arrived; fn's non-zero return stops and is returned.
 * The signature was checked on arrival and is not checked again.
 */
int
province_walk(const char *dir,
    int (*fn)(void *, const char *, const struct ods_report *, int64_t),
    void *arg)
{
	struct ods_report	 o;
	struct dirent		*c, *e;
	struct stat		 sb;
	DIR			*top = NULL, *sub = NULL;
	uint8_t			 buf[ODS_MAXSIZE];
	char			 p[PATHLEN], f[PATHLEN + 300];
	ssize_t			 n;
	int			 fd, r = 0;

	if ((r = log_walk(dir, fn, arg, &fd)) != 0 || fd)
		return r;
	snprintf(p, sizeof p, "%s/reports", dir);
	if ((top = opendir(p)) == NULL)
		return errno == ENOENT ? STORE_E_NODATA : errno;
	while (r == 0 && (c = readdir(top)) != NULL) {
		if (!province_valid_code(c->d_name))
			continue;
		snprintf(p, sizeof p, "%s/reports/%s", dir, c->d_name);
		if ((sub = opendir(p)) == NULL)
			continue;
		while (r == 0 && (e = readdir(sub)) != NULL) {
			size_t	 l = strlen(e->d_name);

			if (l < 5 || strcmp(e->d_name + l - 4, ".ods") != 0)
				continue;
			snprintf(f, sizeof f, "%s/%s", p, e->d_name);
			if ((fd = open(f, O_RDONLY)) == -1)
				continue;
			n = read(fd, buf, sizeof buf);
			if (fstat(fd, &sb) != 0)
				sb.st_mtime = 0;
			close(fd);
			if (n <= 0 || ods_read(buf, (size_t)n, &o) != 0)
				continue;
			r = fn(arg, c->d_name, &o, (int64_t)sb.st_mtime);
		}
		closedir(sub);
	}
	closedir(top);
	return r;
}

/* -- the dashboard -------------------------------------------------------- */

struct seen {
	char			 code[PROVINCE_CODE_MAX + 1];
	struct ods_report	 r;
	int64_t			 received;
};

struct gather {
	struct seen	*s;
	size_t		 n, cap;
};

static int
gather_one(void *arg, const char *code, const struct ods_report *r,
    int64_t received)
{
	struct gather	*g = arg;
	void		*p;

	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 1024;
		if ((p = reallocarray(g->s, g->cap, sizeof *g->s)) == NULL)
			return ENOMEM;
		g->s = p;
	}
	memcpy(g->s[g->n].code, code, strlen(code) + 1);
	g->s[g->n].r = *r;
	g->s[g->n].received = received;
	g->n++;
	return 0;
}

/* By code, then year, then the later figures, then arrival. */
static int
seen_cmp(const void *a, const void *b)
{
	const struct seen	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->code, y->code)) != 0)
		return c;
	if (x->r.year != y->r.year)
		return x->r.year < y->r.year ? -1 : 1;
	if (x->r.date != y->r.date)
		return x->r.date < y->r.date ? -1 : 1;
	return x->received < y->received ? -1 : x->received > y->received;
}

static int
district_cmp(const void *a, const void *b)
{
	const struct province_district *x = a, *y = b;

	return x->district < y->district ? -1 : x->district > y->district;
}

static void
district_add(struct province_district *d, const struct province_coop *c,
    uint32_t rat_by)
{
	d->coops++;
	if (!c->has_year)
		return;
	d->reported++;
	if (c->r.rat != 0 && c->r.rat <= rat_by)
		d->rat_in_time++;
	d->predicate[c->r.predicate]++;
	d->men += c->r.men;
	d->women += c->r.women;
	d->assets += c->r.assets;
	d->shu += c->r.shu;
}

/* The ratio r of a report, turned so that higher is worse; 0: unknown. */
static int
badness(const struct ods_report *o, int r, int64_t *v)
{
	int64_t	 x = r == 0 ? o->npl : r == 1 ? o->bopo : r == 2 ? o->roa :
	    o->cash;

	if (x == -1)
		return 0;
	*v = r < 2 ? x : -x;
	return 1;
}

/* Insert coop i into a worst-first list of n (at most PROVINCE_WORST). */
static void
rank(const struct province_dash *d, size_t *list, size_t *n, size_t i,
    int r)
{
	int64_t	 v, w = 0;
	size_t	 k;

	if (!badness(&d->coop[i].r, r, &v))
		return;
	for (k = *n; k > 0; k--) {
		(void)badness(&d->coop[list[k - 1]].r, r, &w);
		if (w >= v)
			break;
		if (k < PROVINCE_WORST)
			list[k] = list[k - 1];
	}
	if (k < PROVINCE_WORST) {
		list[k] = i;
		if (*n < PROVINCE_WORST)
			(*n)++;
	}
}

/*
 * The dashboard of year: each cooperative's last report for the year
 * (or its latest), summed by district; the RAT in time when held within
 * rat_months of the year's end; the lowest scores; and those from which
 * nothing came in the year before now (UTC seconds).
 */
int
province_dashboard(const char *dir, int year, int64_t now, int rat_months,
    struct province_dash *d)
{
	struct gather		 g;
	struct province_coop	*c;
	struct province_district *pd;
	uint32_t		 rat_by;
	size_t			 i, j, k;
	int			 r;

	memset(d, 0, sizeof *d);
	memset(&g, 0, sizeof g);
	d->year = year;
	rat_by = date_add_months(date_from_ymd(year, 12, 31), rat_months);
	if ((r = province_walk(dir, gather_one, &g)) != 0)
		goto out;
	qsort(g.s, g.n, sizeof *g.s, seen_cmp);
	if (g.n != 0 && (d->coop = calloc(g.n, sizeof *d->coop)) == NULL) {
		r = ENOMEM;
		goto out;
	}
	for (i = 0; i < g.n; i = j) {
		c = &d->coop[d->ncoop++];
		memcpy(c->code, g.s[i].code, sizeof c->code);
		for (j = i; j < g.n && strcmp(g.s[j].code, c->code) == 0; j++) {
			if (g.s[j].received > c->received)
				c->received = g.s[j].received;
			if (g.s[j].r.year == year) {
				c->r = g.s[j].r;
				c->has_year = 1;
			} else if (!c->has_year && g.s[j].r.year < year)
				c->r = g.s[j].r;
		}
		if (!c->has_year && c->r.year == 0)
			c->r = g.s[j - 1].r;
		c->stale = now - c->received > 365 * 86400;
		d->stale += c->stale;
	}
	/* districts: a sorted array, found by halving */
	for (i = 0; i < d->ncoop; i++) {
		struct province_district key;

		c = &d->coop[i];
		key.district = c->r.district;
		pd = d->ndistrict ? bsearch(&key, d->district, d->ndistrict,
		    sizeof *d->district, district_cmp) : NULL;
		if (pd == NULL) {
			void	*p;

			if ((p = reallocarray(d->district, d->ndistrict + 1,
			    sizeof *d->district)) == NULL) {
				r = ENOMEM;
				goto out;
			}
			d->district = p;
			for (k = d->ndistrict; k > 0 &&
			    d->district[k - 1].district > key.district; k--)
				d->district[k] = d->district[k - 1];
			pd = &d->district[k];
			memset(pd, 0, sizeof *pd);
			pd->district = key.district;
			d->ndistrict++;
		}
		district_add(pd, c, rat_by);
		district_add(&d->total, c, rat_by);
		/* the lowest scores among this year's reports */
		if (!c->has_year)
			continue;
		for (k = 0; k < PROVINCE_NRATIO; k++)
			rank(d, d->bad[k], &d->nbad[k], i, (int)k);
		for (k = d->nworst; k > 0 &&
		    d->coop[d->worst[k - 1]].r.total > c->r.total; k--) {
			if (k < PROVINCE_WORST)
				d->worst[k] = d->worst[k - 1];
		}
		if (k < PROVINCE_WORST) {
			d->worst[k] = i;
			if (d->nworst < PROVINCE_WORST)
				d->nworst++;
		}
	}
out:
	free(g.s);
	if (r != 0)
		province_dash_free(d);
	return r;
}

/*
 * A bar of value / max (value at most max) in width cells, into out:
 * full blocks, then the eighth of a cell left over; in ASCII (utf8 0)
 * '#'s, or a '|' for less than a cell, so that a few still show.  With
 * pad, spaces up to width cells: what follows stays in its place.
 */
void
province_bar(char *out, size_t size, uint64_t value, uint64_t max, int width,
    int utf8, int pad)
{
	static const char *const part[] = { "", "\u258f", "\u258e",
	    "\u258d", "\u258c", "\u258b", "\u258a", "\u2589" };
	uint64_t	 eighths;
	size_t		 n = 0;
	int		 i;

	out[0] = '\0';
	if (value > max)
		value = max;
	eighths = max == 0 ? 0 : value * (uint64_t)width * 8 / max;
	for (i = 0; i < (int)(eighths / 8) && n + 4 < size; i++)
		n += (size_t)snprintf(out + n, size - n, "%s",
		    utf8 ? "\u2588" : "#");
	if (n + 4 < size && eighths % 8 != 0 && (utf8 || i == 0)) {
		n += (size_t)snprintf(out + n, size - n, "%s",
		    utf8 ? part[eighths % 8] : "|");
		i++;
	}
	for (; pad && i < width && n + 1 < size; i++)
		out[n++] = ' ';
	out[n] = '\0';
}

void
province_dash_free(struct province_dash *d)
{
	free(d->coop);
	free(d->district);
	d->coop = NULL;
	d->district = NULL;
	d->ncoop = d->ndistrict = 0;
}
