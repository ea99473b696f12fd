/* nsbox: the multicall dispatcher, and what every applet shares (help, version, messages). */
#define _GNU_SOURCE
#include <errno.h>
#include "../libns/lazylib.h"
#include <locale.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

const struct applet applets[] = {
#define APPLET(name, cname, flags, summary)                                               \
	{ name, cname##_main, flags, summary, cname##_usage, cname##_short_opts, cname##_long_opts, \
	  cname##_complete_arg },
#include "applets.def"
#undef APPLET
};
const size_t applet_count = sizeof(applets) / sizeof(applets[0]);
const struct applet *current_applet;

static const char nsbox_usage[] =
	"Usage:\n"
	" nsbox APPLET [ARGS...]\n"
	" APPLET [ARGS...]            (through a symlink named after the applet)\n"
	"\n"
	"Linux namespace inspection and entry toolkit.\n"
	"\n"
	"Options:\n"
	" -l, --list      list the applets\n"
	" -h, --help      display this help\n"
	" -V, --version   display version\n"
	"\n"
	"Applets:\n";

const struct applet *applet_find(const char *name)
{
	for (size_t i = 0; i < applet_count; i++)
		if (!strcmp(applets[i].name, name))
			return &applets[i];
	return NULL;
}

static const char *prog_name(void)
{
	return current_applet ? current_applet->name : "nsbox";
}

void warnx_applet(const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fprintf(stderr, "%s: ", prog_name());
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int usage_error(int code, const char *fmt, ...)
{
	va_list ap;
	if (fmt) {
		fprintf(stderr, "%s: ", prog_name());
		va_start(ap, fmt);
		vfprintf(stderr, fmt, ap);
		va_end(ap);
		fputc('\n', stderr);
	}
	fprintf(stderr, "Try '%s --help'.\n", prog_name());
	return code;
}

int close_stdout_checked(void)
{
	bool failed = ferror(stdout);
	if (fflush(stdout) != 0)
		failed = true;
	int saved = errno;
	if (fclose(stdout) != 0 && !failed) {
		failed = true;
		saved = errno;
	}
	if (failed) {
		fprintf(stderr, "%s: write error on standard output: %s\n", prog_name(),
			strerror(saved ? saved : EIO));
		return 1;
	}
	return 0;
}

int line_printf(struct libscols_line *ln, size_t col, const char *fmt, ...)
{
	char *s;
	va_list ap;
	va_start(ap, fmt);
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -ENOMEM;
	if (scols_line_refer_data(ln, col, s) < 0) {
		free(s);
		return -ENOMEM;
	}
	return 0;
}

int pass_wait_status(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	int sig = WTERMSIG(status);
	/* no core file of ours for the command's crash */
	struct rlimit no_core = { 0, 0 };
	setrlimit(RLIMIT_CORE, &no_core);
	signal(sig, SIG_DFL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	return 128 + sig;
}

static void print_version(void)
{
	printf("%s from nsbox %s\n", prog_name(), NSBOX_VERSION);
}

int applet_common_opt(int c, int usage_code)
{
	switch (c) {
	case 'h':
		fputs(current_applet->usage, stdout);
		return close_stdout_checked();
	case 'V':
		print_version();
		return close_stdout_checked();
	default:
		/* getopt already said what was wrong */
		return usage_error(usage_code, NULL);
	}
}

/* "--json" for 'J', from the running applet's option table. */
static const char *opt_name(int val, char *buf, size_t size)
{
	for (const struct option *o = current_applet->long_opts; o->name; o++)
		if (o->val == val) {
			snprintf(buf, size, "--%s", o->name);
			return buf;
		}
	snprintf(buf, size, "-%c", val);
	return buf;
}

int check_exclusive(const struct opt_exclusive *groups, const bool *seen, size_t nseen, int usage_code)
{
	for (const struct opt_exclusive *g = groups; g->opts[0]; g++) {
		int first = 0;
		for (size_t k = 0; k < sizeof(g->opts) / sizeof(g->opts[0]) && g->opts[k]; k++) {
			int opt = g->opts[k];
			if (opt < 0 || (size_t)opt >= nseen || !seen[opt])
				continue;
			if (!first) {
				first = opt;
				continue;
			}
			char a[64], b[64];
			return usage_error(usage_code, "%s and %s are mutually exclusive",
					   opt_name(first, a, sizeof(a)), opt_name(opt, b, sizeof(b)));
		}
	}
	return 0;
}

static void list_applets(bool with_summary)
{
	for (size_t i = 0; i < applet_count; i++) {
		if (applets[i].flags & APPLET_HIDDEN)
			continue;
		if (with_summary)
			printf("  %-14s %s\n", applets[i].name, applets[i].summary);
		else
			printf("%s\n", applets[i].name);
	}
}

static int nsbox_self(int argc, char **argv)
{
	if (argc < 2) {
		fputs(nsbox_usage, stderr);
		return EXIT_USAGE;
	}
	const char *opt = argv[1];
	if (!strcmp(opt, "-h") || !strcmp(opt, "--help")) {
		fputs(nsbox_usage, stdout);
		list_applets(true);
		return close_stdout_checked();
	}
	if (!strcmp(opt, "-V") || !strcmp(opt, "--version")) {
		print_version();
		return close_stdout_checked();
	}
	if (!strcmp(opt, "-l") || !strcmp(opt, "--list")) {
		list_applets(false);
		return close_stdout_checked();
	}
	fprintf(stderr, "nsbox: unknown option '%s'\nTry 'nsbox --help'.\n", opt);
	return EXIT_USAGE;
}

int nsbox_dispatch(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	const char *name = argc > 0 && argv[0] ? argv[0] : "nsbox";
	const char *slash = strrchr(name, '/');
	if (slash)
		name = slash + 1;
	/* login shells and some launchers prefix argv[0] with '-' */
	if (name[0] == '-')
		name++;

	if (!strcmp(name, "nsbox")) {
		if (argc < 2 || argv[1][0] == '-')
			return nsbox_self(argc, argv);
		argc--;
		argv++;
		name = argv[0];
	}
	current_applet = applet_find(name);
	if (!current_applet) {
		fprintf(stderr, "nsbox: unknown applet '%s'; 'nsbox --list' shows the applets\n", name);
		return EXIT_NOT_FOUND;
	}
	return current_applet->main(argc, argv);
}
