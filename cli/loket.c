/*
 * cli/loket.c: main(), the command table, and what every command shares:
 * usage messages built from the entry, errors, the data folder, the
 * language.
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <libgen.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "cli/cli.h"
#include "tui/tui.h"

#define LOKET_DIR_DEFAULT	"/var/lib/loket"

extern const struct cmd_entry cmd_backup_entry;
extern const struct cmd_entry cmd_demo_entry;
extern const struct cmd_entry cmd_deposit_entry;
extern const struct cmd_entry cmd_drawer_entry;
extern const struct cmd_entry cmd_close_year_entry;
extern const struct cmd_entry cmd_eod_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_health_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_init_entry;
extern const struct cmd_entry cmd_ledger_entry;
extern const struct cmd_entry cmd_loan_entry;
extern const struct cmd_entry cmd_member_entry;
extern const struct cmd_entry cmd_rat_entry;
extern const struct cmd_entry cmd_pearls_entry;
extern const struct cmd_entry cmd_province_entry;
extern const struct cmd_entry cmd_report_entry;
extern const struct cmd_entry cmd_reverse_entry;
extern const struct cmd_entry cmd_serve_entry;
extern const struct cmd_entry cmd_setting_entry;
extern const struct cmd_entry cmd_shu_entry;
extern const struct cmd_entry cmd_sync_entry;
extern const struct cmd_entry cmd_term_entry;
extern const struct cmd_entry cmd_transfer_entry;
extern const struct cmd_entry cmd_user_entry;
extern const struct cmd_entry cmd_verify_entry;
extern const struct cmd_entry cmd_withdraw_entry;

/* The one command table, sorted by name. */
const struct cmd_entry *cmd_table[] = {
	&cmd_backup_entry,
	&cmd_close_year_entry,
	&cmd_demo_entry,
	&cmd_deposit_entry,
	&cmd_drawer_entry,
	&cmd_eod_entry,
	&cmd_export_entry,
	&cmd_health_entry,
	&cmd_import_entry,
	&cmd_init_entry,
	&cmd_ledger_entry,
	&cmd_loan_entry,
	&cmd_member_entry,
	&cmd_pearls_entry,
	&cmd_province_entry,
	&cmd_rat_entry,
	&cmd_report_entry,
	&cmd_reverse_entry,
	&cmd_serve_entry,
	&cmd_setting_entry,
	&cmd_shu_entry,
	&cmd_sync_entry,
	&cmd_term_entry,
	&cmd_transfer_entry,
	&cmd_user_entry,
	&cmd_verify_entry,
	&cmd_withdraw_entry,
	NULL
};

static const char	*language = "id";

static void
usage_main(FILE *f)
{
	fprintf(f, "%s: loket [-hV] [-d dir] [command [arg ...]]\n",
	    _("usage"));
}

/* The usage line, or lines: one for each form the usage's \n separates. */
static void
usage_print(FILE *f, const struct cmd_entry *ce)
{
	const char	*u = ce->usage, *nl;
	int		 w;

	w = fprintf(f, "%s: ", _("usage"));
	for (;;) {
		nl = strchr(u, '\n');
		fprintf(f, "loket %s %.*s\n", ce->name,
		    (int)(nl == NULL ? strlen(u) : (size_t)(nl - u)), u);
		if (nl == NULL)
			break;
		u = nl + 1;
		fprintf(f, "%*s", w, "");
	}
}

int
cmd_usage(const struct cmd_entry *ce)
{
	usage_print(stderr, ce);
	return EXIT_USAGE;
}

void
cmd_error(const char *fmt, ...)
{
	va_list	 ap;

	fprintf(stderr, "loket: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/*
 * The exit status that fits a store, NIK or sync code: the data folder's
 * storage failing (LMDB's own errors, I/O) is EX_IOERR, never "bad
 * input data": nothing the person typed was wrong.
 */
static int
cmd_store_status(int r)
{
	if (store_storage_error(r))
		return EXIT_IOERR;
	switch (r) {
	case STORE_E_NODATA:
		return EXIT_NOINPUT;
	case STORE_E_ROLE:
	case STORE_E_PASSWORD:
	case STORE_E_LOCKED:
	case STORE_E_DISABLED:
	case STORE_E_APPROVAL:
	case STORE_E_MANAGER:
	case STORE_E_SELFAPPROVE:
	case EACCES:
		return EXIT_NOPERM;
	case STORE_E_CORRUPT:
	case STORE_E_CHAIN:
		return 1;
	default:
		return r < STORE_E_BASE && r > STORE_E_LAST ? EXIT_DATAERR : 1;
	}
}

/* Report a store error; returns the exit status that fits it. */
int
cmd_store_error(const char *what, int r)
{
	const char	*msg = _(store_strerror(r));

	if (store_storage_error(r)) {
		if (what != NULL)
			cmd_error(_("%s: storage error: %s"), what, msg);
		else
			cmd_error(_("storage error: %s"), msg);
	} else if (what != NULL)
		cmd_error("%s: %s", what, msg);
	else
		cmd_error("%s", msg);
	return cmd_store_status(r);
}

/*
 * Indonesian by default, English by setting (LOKET_LANG=en).  Messages
 * are English msgids with an Indonesian catalogue, so "id" means: use
 * the catalogue even when the locale says otherwise.  The catalogue is
 * found next to the program when it runs from its build tree.
 */
/*
 * The language of messages: "id" uses the Indonesian catalogue whatever
 * the locale says; "en" the English msgids.  gettext reads LANGUAGE
 * (and LC_MESSAGES must not be C for it to).
 */
static void
i18n_language(const char *lang)
{
	const char	*cur;

	language = strncmp(lang, "en", 2) == 0 ? "en" : "id";
	if (strcmp(language, "id") == 0) {
		setenv("LANGUAGE", "id", 1);
		cur = setlocale(LC_MESSAGES, NULL);
		if (cur == NULL || strcmp(cur, "C") == 0 ||
		    strcmp(cur, "POSIX") == 0)
			setlocale(LC_MESSAGES, "C.UTF-8");
	} else
		setenv("LANGUAGE", "en", 1);
}

static void
i18n_init(void)
{
	const char	*l, *cur;
	char		 exe[PATH_MAX], dir[PATH_MAX + 32];
	ssize_t		 n;
	struct stat	 sb;

	setlocale(LC_ALL, "");
	cur = setlocale(LC_CTYPE, NULL);
	if (cur == NULL || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0)
		setlocale(LC_ALL, "C.UTF-8");
	if ((l = getenv("LOKET_LANG")) != NULL && strncmp(l, "en", 2) == 0)
		language = "en";
	else
		language = "id";
	i18n_language(language);

	snprintf(dir, sizeof dir, "%s", LOCALEDIR);
	if ((l = cli_getenv_file("LOKET_LOCALEDIR")) != NULL)
		snprintf(dir, sizeof dir, "%s", l);
	else if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		exe[n] = '\0';
		snprintf(dir, sizeof dir, "%s/po/locale", dirname(exe));
		if (stat(dir, &sb) != 0)
			snprintf(dir, sizeof dir, "%s", LOCALEDIR);
	}
	bindtextdomain(PACKAGE, dir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
}

/*
 * "  name       summary", the summary folded at words to 80 columns under
 * itself (the longest name, close-year, is 10 wide).
 */
static void
list_command(const char *name, const char *summary)
{
	printf("  %-10s ", name);
	printf("%s\n", fold_head(stdout, summary, 80 - 13, 13));
}

static void
list_commands(void)
{
	const struct cmd_entry	**ce;

	usage_main(stdout);
	printf("\n%s\n", _("commands:"));
	for (ce = cmd_table; *ce != NULL; ce++)
		list_command((*ce)->name, _((*ce)->summary));
	printf("\n%s\n", _("With no command, loket opens the teller console."));
}

/* The box's settings, read once in main() and freed at exit. */
static struct conf	*main_conf;

static void
free_conf(void)
{
	conf_free(main_conf);
	main_conf = NULL;
}

static const char *
env_or_conf(const char *env, const struct conf *c, const char *key)
{
	const char	*v;

	if ((v = getenv(env)) != NULL && *v != '\0')
		return v;
	return conf_get(c, key);
}

/*
 * The same for a variable that names a command or a file (LOKET_PRINT,
 * LOKET_RECEIPTS): not when loket runs setgid, where only loket.conf,
 * which the admin writes, counts.
 */
static const char *
env_or_conf_secure(const char *env, const struct conf *c, const char *key)
{
	const char	*v;

	if ((v = cli_getenv_file(env)) != NULL && *v != '\0')
		return v;
	return conf_get(c, key);
}

static const struct cmd_entry *
cmd_find(const char *name)
{
	const struct cmd_entry	**ce;

	for (ce = cmd_table; *ce != NULL; ce++) {
		if (strcmp((*ce)->name, name) == 0)
			return *ce;
	}
	return NULL;
}

/*
 * Check a command's options and operands against its entry before it
 * runs, so that every usage error is reported the same way; -h prints
 * the usage line on stdout.
 */
static int
cmd_check(const struct cmd_entry *ce, int argc, char **argv)
{
	char	 opts[64];
	int	 ch, n;

	snprintf(opts, sizeof opts, ":h%s", ce->args);
	optind = 0;	/* 0: glibc starts its scan afresh */
	opterr = 0;
	while ((ch = getopt_long(argc, argv, opts, ce->longopts, NULL)) != -1) {
		if (ch == 'h') {
			usage_print(stdout, ce);
			return 0;
		}
		if (ch == '?' && optopt >= '0' && optopt <= '9') {
			/* "-1" is an amount typed negative, not an option. */
			for (n = 1; n < argc; n++)
				if (argv[n][0] == '-' && argv[n][1] == optopt)
					break;
			cmd_error(_("%s: %s: an amount cannot be negative"),
			    ce->name, n < argc ? argv[n] : "-");
			return EXIT_DATAERR;
		}
		if ((ch == '?' || ch == ':') &&
		    (optopt == 0 || optopt > 0xff)) {
			/* A long option: name it as it was typed. */
			if (ch == '?')
				cmd_error(_("%s: unknown option %s"),
				    ce->name, argv[optind - 1]);
			else
				cmd_error(_("%s: option %s needs a value"),
				    ce->name, argv[optind - 1]);
			return cmd_usage(ce);
		}
		if (ch == '?' || ch == ':') {
			if (ch == '?' && optopt == 0)
				cmd_error(_("%s: unknown option %s"),
				    ce->name, argv[optind - 1]);
			else if (ch == '?')
				cmd_error(_("%s: unknown option -%c"),
				    ce->name, optopt);
			else
				cmd_error(_("%s: option -%c needs a value"),
				    ce->name, optopt);
			return cmd_usage(ce);
		}
	}
	n = argc - optind;
	if (n < ce->minargs || (ce->maxargs >= 0 && n > ce->maxargs)) {
		cmd_error(_("%s: wrong number of arguments"), ce->name);
		return cmd_usage(ce);
	}
	return -1;
}

#ifdef __SANITIZE_ADDRESS__
/*
 * LeakSanitizer cannot stop a setgid process, which the kernel makes
 * not dumpable, and it cannot read its options from the environment
 * there either: the sanitizer build skips the leak check when setgid.
 */
int	__lsan_is_turned_off(void);
int
__lsan_is_turned_off(void)
{
	return getgid() != getegid() || getuid() != geteuid();
}
#endif

int
main(int argc, char **argv)
{
	const struct cmd_entry	*ce;
	struct cmd_ctx		 ctx;
	struct tui_opts		 to;
	struct conf		*conf = NULL;
	const char		*dir, *e;
	int			 ch, r;

	i18n_init();
	memset(&ctx, 0, sizeof ctx);
	/*
	 * Variables that name files or commands count only when loket is
	 * not running setgid (cli_getenv_file(3)): the installed binary's
	 * group must not be lent to what a user's environment names.
	 */
	dir = cli_getenv_file("LOKET_DIR");
	opterr = 0;
	while ((ch = getopt(argc, argv, "+:d:hV")) != -1) {
		switch (ch) {
		case 'd':
			dir = optarg;
			break;
		case 'h':
			list_commands();
			return 0;
		case 'V':
			printf("loket %s\n", PACKAGE_VERSION);
			return 0;
		case ':':
			cmd_error(_("option -%c needs a value"), optopt);
			usage_main(stderr);
			return EXIT_USAGE;
		default:
			cmd_error(_("unknown option -%c"), optopt);
			usage_main(stderr);
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	ctx.dir = dir != NULL && *dir != '\0' ? dir : LOKET_DIR_DEFAULT;
	ctx.interactive = isatty(STDIN_FILENO) && isatty(STDERR_FILENO);

	/* The box's settings; the environment overrides them. */
	if ((r = conf_load(&ctx, NULL, &conf)) != 0)
		return r;
	main_conf = conf;
	atexit(free_conf);
	if (env_or_conf("LOKET_LANG", conf, "language") != NULL)
		i18n_language(env_or_conf("LOKET_LANG", conf, "language"));

	if (argc == 0) {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			cmd_error("%s", _("the console needs a terminal; "
			    "see loket -h for the commands"));
			return EXIT_USAGE;
		}
		memset(&to, 0, sizeof to);
		to.dir = ctx.dir;
		to.branch = env_or_conf("LOKET_BRANCH", conf, "console.branch");
		to.print_cmd = env_or_conf_secure("LOKET_PRINT", conf,
		    "console.print");
		to.receipt_file = env_or_conf_secure("LOKET_RECEIPTS", conf,
		    "console.receipts");
		/* Minutes, or seconds with an s: "3", "20s". */
		to.idle_seconds = 3 * 60;
		if ((e = env_or_conf("LOKET_IDLE", conf, "console.idle")) !=
		    NULL) {
			char	*end;
			long	 v = strtol(e, &end, 10);

			if (end != e && v >= 0 && v < 100000 &&
			    (*end == '\0' || strcmp(end, "s") == 0))
				to.idle_seconds = *end == 's' ? v : v * 60;
		}
		return tui_main(&to);
	}
	if ((ce = cmd_find(argv[0])) == NULL) {
		cmd_error(_("unknown command: %s"), argv[0]);
		usage_main(stderr);
		return EXIT_USAGE;
	}
	ctx.entry = ce;
	if ((r = cmd_check(ce, argc, argv)) >= 0)
		return r;
	optind = 0;	/* 0: glibc starts its scan afresh */
	if (ce->flags & CMD_STORE) {
		if ((r = store_open(ctx.dir, 0, &ctx.st)) != 0) {
			if (r == STORE_E_NODATA)
				cmd_error(_("%s: no loket data folder (run "
				    "loket init, or give -d)"), ctx.dir);
			else if (store_storage_error(r))
				cmd_error(_("%s: storage error: %s"), ctx.dir,
				    _(store_strerror(r)));
			else
				cmd_error("%s: %s", ctx.dir,
				    _(store_strerror(r)));
			return r == STORE_E_NODATA ? EXIT_NOINPUT :
			    store_storage_error(r) ? EXIT_IOERR : 1;
		}
	}
	r = ce->exec(&ctx, argc, argv);
	store_close(ctx.st);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cmd_error("%s: %s", _("standard output"), strerror(errno));
		return 1;
	}
	return r;
}
