/* What the applets share: the applet table, common options, messages and exit codes. */
#ifndef NSBOX_CMD_H
#define NSBOX_CMD_H

#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>

#define NSBOX_VERSION "0.1.0"

enum { APPLET_HIDDEN = 1 };

/* Exit codes of applets that run a command (coreutils env/chroot). */
enum {
	EXIT_CANNOT_RUN = 125,
	EXIT_NOT_EXECUTABLE = 126,
	EXIT_NOT_FOUND = 127,
};
/* Exit codes of listing applets. */
enum { EXIT_USAGE = 2 };

/* Per applet: what --help, __complete and the option parser need. */
struct applet {
	const char *name;
	int (*main)(int argc, char **argv);
	unsigned flags;
	const char *summary;
	const char *usage;              /* full --help text */
	const char *short_opts;
	const struct option *long_opts;
	/* Prints candidate values for the argument of option opt ('\0' positional) to out. */
	void (*complete_arg)(int opt, const char *cur, FILE *out);
};

#define APPLET(name, cname, flags, summary)                             \
	int cname##_main(int argc, char **argv);                        \
	extern const char cname##_usage[];                              \
	extern const char cname##_short_opts[];                         \
	extern const struct option cname##_long_opts[];                 \
	void cname##_complete_arg(int opt, const char *cur, FILE *out);
#include "applets.def"
#undef APPLET

extern const struct applet applets[];
extern const size_t applet_count;
const struct applet *applet_find(const char *name);

/* Dispatch by argv[0] or by "nsbox APPLET". */
int nsbox_dispatch(int argc, char **argv);

/* During __complete: the words typed after the applet name, before the current one, for
 * applets whose positional candidates depend on them (subcommands). */
extern char **complete_words;
extern int complete_nwords;

/* The applet running now, for messages. */
extern const struct applet *current_applet;

/* Long options every applet has; put at the end of each long_opts[] before the {0}. */
#define COMMON_LONG_OPTS { "help", no_argument, NULL, 'h' }, { "version", no_argument, NULL, 'V' }

/* The per-type options of the applets that enter or create namespaces, each taking an
 * optional FILE (--net=/run/netns/blue), in util-linux's letters. */
#define NS_TYPE_LONG_OPTS                                                            \
	{ "mount", optional_argument, NULL, 'm' }, { "uts", optional_argument, NULL, 'u' },     \
		{ "ipc", optional_argument, NULL, 'i' }, { "net", optional_argument, NULL, 'n' }, \
		{ "pid", optional_argument, NULL, 'p' }, { "user", optional_argument, NULL, 'U' }, \
		{ "cgroup", optional_argument, NULL, 'C' }, { "time", optional_argument, NULL, 'T' }

/* Handles 'h', 'V' and '?' for every applet: prints help, version or the usage hint and returns
 * the exit code to use (0 or usage_code). */
int applet_common_opt(int c, int usage_code);

/* A group of options (getopt values) of which at most one may be given; a table of them
 * ends with an empty group. */
struct opt_exclusive {
	int opts[4];
};
/* seen[val] says which options were given (nseen entries). Returns 0, or usage_code after a
 * usage error naming two of a group given together ("--json and --raw are mutually exclusive"). */
int check_exclusive(const struct opt_exclusive *groups, const bool *seen, size_t nseen, int usage_code);
#define OPT_SEEN_MAX (CHAR_MAX + 64)

/* Sets cell col of a libsmartcols line from a printf format; 0 or -ENOMEM. */
struct libscols_line;
int line_printf(struct libscols_line *ln, size_t col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* "APPLET: message\n" on stderr. */
void warnx_applet(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The message, then "Try 'APPLET --help'." and returns EXIT_USAGE-like code. */
int usage_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The exit code that passes on a command's wait status: its exit code, or, when a signal
 * killed it, the same signal raised on ourselves (no core file of ours), 128+SIG if that
 * returns. */
int pass_wait_status(int status);

/* Flushes and closes stdout; on a write error reports it and returns 1. */
int close_stdout_checked(void);

#endif
