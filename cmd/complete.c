/* __complete: the shells' completion files ask this hidden applet, which answers from the
 * applet, option and column tables, so the shells cannot drift from the code.
 * Usage: nsbox __complete APPLET [WORDS...] CURRENT  (APPLET "" completes applet names) */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

const char complete_usage[] =
	"Usage:\n"
	" nsbox __complete APPLET [WORDS...] CURRENT\n"
	"\n"
	"Print completion candidates for CURRENT, one per line, optionally followed by a tab and a\n"
	"description. Used by the bash, zsh and fish completion files.\n";

const char complete_short_opts[] = "+hV";
const struct option complete_long_opts[] = {
	COMMON_LONG_OPTS,
	{ NULL, 0, NULL, 0 },
};

void complete_complete_arg(int opt, const char *cur, FILE *out)
{
	(void)opt;
	(void)cur;
	(void)out;
}

/* Does the short option c take an argument (required, or optional when attached)? */
static int short_opt_arg(const struct applet *a, int c)
{
	const char *p = strchr(a->short_opts, c);
	if (!p || c == ':' || c == '+')
		return 0;
	return p[1] == ':' ? (p[2] == ':' ? 2 : 1) : 0;
}

static const struct option *long_opt(const struct applet *a, const char *name, size_t len)
{
	for (const struct option *o = a->long_opts; o->name; o++)
		if (strlen(o->name) == len && !strncmp(o->name, name, len))
			return o;
	return NULL;
}

/* The short letter that a long option maps to (its val), which complete_arg takes. */
static int opt_key(const struct option *o)
{
	return o->val;
}

/* Does a command-running applet stop taking options at the first positional word? */
static bool stops_at_positional(const struct applet *a)
{
	return a->short_opts[0] == '+';
}

static void list_options(const struct applet *a, FILE *out)
{
	for (const struct option *o = a->long_opts; o->name; o++)
		fprintf(out, "--%s%s\n", o->name, o->has_arg == required_argument ? "=" : "");
	for (const char *p = a->short_opts; *p; p++)
		if (*p != ':' && *p != '+')
			fprintf(out, "-%c\n", *p);
}

static void candidates(const struct applet *a, char **words, int nwords, const char *cur, FILE *out)
{
	int pending = -1; /* option whose argument CURRENT is */
	for (int i = 0; i < nwords; i++) {
		const char *w = words[i];
		pending = -1;
		if (!strcmp(w, "--"))
			return;
		if (w[0] != '-' || !w[1]) {
			if (stops_at_positional(a))
				return; /* the rest belongs to the command */
			continue;
		}
		if (w[1] == '-') {
			const char *eq = strchr(w + 2, '=');
			const struct option *o = long_opt(a, w + 2, eq ? (size_t)(eq - w - 2) : strlen(w + 2));
			if (o && o->has_arg == required_argument && !eq)
				pending = opt_key(o);
		} else if (short_opt_arg(a, w[strlen(w) - 1]) == 1) {
			pending = w[strlen(w) - 1];
		}
	}
	if (pending >= 0) {
		a->complete_arg(pending, cur, out);
		return;
	}
	if (cur[0] == '-' && cur[1] == '-' && strchr(cur, '=')) {
		const char *eq = strchr(cur, '=');
		const struct option *o = long_opt(a, cur + 2, (size_t)(eq - cur - 2));
		if (!o || o->has_arg == no_argument)
			return;
		char *buf = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&buf, &len);
		if (!mem)
			return;
		a->complete_arg(opt_key(o), eq + 1, mem);
		fclose(mem);
		/* prefix each candidate with "--name=" */
		for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
			fprintf(out, "%.*s%s\n", (int)(eq - cur + 1), cur, line);
		free(buf);
		return;
	}
	if (cur[0] == '-') {
		list_options(a, out);
		return;
	}
	a->complete_arg(0, cur, out);
}

/* Keeps the lines of text that start with prefix. */
static void print_matching(char *text, const char *prefix)
{
	size_t plen = strlen(prefix);
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
		if (!strncmp(line, prefix, plen))
			printf("%s\n", line);
}

int complete_main(int argc, char **argv)
{
	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		return applet_common_opt('h', EXIT_USAGE);
	if (argc < 3)
		return usage_error(EXIT_USAGE, "expected an applet name and the current word");
	const char *cur = argv[argc - 1];
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		return 1;
	const struct applet *a = argv[1][0] ? applet_find(argv[1]) : NULL;
	if (!argv[1][0]) {
		for (size_t i = 0; i < applet_count; i++)
			if (!(applets[i].flags & APPLET_HIDDEN))
				fprintf(mem, "%s\t%s\n", applets[i].name, applets[i].summary);
		fprintf(mem, "--list\n--help\n--version\n");
	} else if (a && !(a->flags & APPLET_HIDDEN)) {
		candidates(a, argv + 2, argc - 3, cur, mem);
	}
	fclose(mem);
	if (buf)
		print_matching(buf, cur);
	free(buf);
	return close_stdout_checked();
}
