/* __complete: the shells' completion files ask this hidden applet, which answers from the
 * applet, option and column tables, so the shells cannot drift from the code.
 * Usage: nsbox __complete APPLET [WORDS...] CURRENT  (APPLET "" completes applet names)
 * Output: one candidate per line, "value" or "value<TAB>description"; a line ":file" or
 * ":command" asks the shell for its own file or command-name completion. */
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

char **complete_words;
int complete_nwords;

/* Does the short option c take an argument: 0 no, 1 required, 2 optional (attached only). */
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

/* Where the words typed so far leave CURRENT. */
struct word_state {
	int pending;          /* option whose value CURRENT is, or -1 */
	bool pending_optional; /* ...which may also be left out (--tree [REL]) */
	int npositional;      /* positional words before CURRENT */
	bool options_done;    /* after "--" */
};

/* Reads a group of short options left to right: the first that takes a value ends it. */
static void read_short_group(const struct applet *a, const char *w, struct word_state *ws)
{
	for (const char *p = w + 1; *p; p++) {
		int kind = short_opt_arg(a, *p);
		if (!kind)
			continue;
		if (!p[1]) {
			ws->pending = *p;
			ws->pending_optional = kind == 2;
		}
		return;
	}
}

static void read_words(const struct applet *a, char **words, int nwords, struct word_state *ws)
{
	memset(ws, 0, sizeof(*ws));
	ws->pending = -1;
	for (int i = 0; i < nwords; i++) {
		const char *w = words[i];
		bool was_value = ws->pending >= 0 && !ws->pending_optional;
		/* an optional value is taken detached only when it is not another option */
		if (ws->pending >= 0 && ws->pending_optional && w[0] != '-')
			was_value = true;
		ws->pending = -1;
		ws->pending_optional = false;
		if (was_value)
			continue;
		if (ws->options_done || w[0] != '-' || !w[1]) {
			ws->npositional++;
			if (stops_at_positional(a))
				ws->options_done = true;
			continue;
		}
		if (!strcmp(w, "--")) {
			ws->options_done = true;
			continue;
		}
		if (w[1] == '-') {
			const char *eq = strchr(w + 2, '=');
			const struct option *o = long_opt(a, w + 2, eq ? (size_t)(eq - w - 2) : strlen(w + 2));
			if (o && !eq && o->has_arg != no_argument) {
				ws->pending = o->val;
				ws->pending_optional = o->has_arg == optional_argument;
			}
		} else {
			read_short_group(a, w, ws);
		}
	}
}

/* "--name=VALUE": the option's values, each with the "--name=" kept. */
static void long_opt_value(const struct applet *a, const char *cur, FILE *out)
{
	const char *eq = strchr(cur, '=');
	const struct option *o = long_opt(a, cur + 2, (size_t)(eq - cur - 2));
	if (!o || o->has_arg == no_argument)
		return;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		return;
	a->complete_arg(o->val, eq + 1, mem);
	fclose(mem);
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		if (line[0] == ':')
			fprintf(out, "%s\n", line);
		else
			fprintf(out, "%.*s%s\n", (int)(eq - cur + 1), cur, line);
	}
	free(buf);
}

/* Positional words: the applet's own candidates; for a command-running applet, its command
 * (":command") and then that command's arguments (":file"). */
static void positional(const struct applet *a, const struct word_state *ws, const char *cur, FILE *out)
{
	if (stops_at_positional(a) && ws->npositional > 0) {
		fputs(":file\n", out);
		return;
	}
	long before = ftell(out);
	a->complete_arg(0, cur, out);
	if (stops_at_positional(a) && ftell(out) == before)
		fputs(":command\n", out);
}

static void candidates(const struct applet *a, char **words, int nwords, const char *cur, FILE *out)
{
	struct word_state ws;
	read_words(a, words, nwords, &ws);
	complete_words = words;
	complete_nwords = nwords;
	if (ws.pending >= 0) {
		a->complete_arg(ws.pending, cur, out);
		if (!ws.pending_optional)
			return;
	}
	if (!ws.options_done && cur[0] == '-' && cur[1] == '-' && strchr(cur, '=')) {
		long_opt_value(a, cur, out);
		return;
	}
	if (!ws.options_done && cur[0] == '-') {
		list_options(a, out);
		return;
	}
	positional(a, &ws, cur, out);
}

/* Keeps the lines of text that start with prefix, and the ":file"/":command" directives. */
static void print_matching(char *text, const char *prefix)
{
	size_t plen = strlen(prefix);
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
		if (line[0] == ':' || !strncmp(line, prefix, plen))
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
