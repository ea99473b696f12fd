/* nsls: list namespaces of every type, with or without processes, as a table or a tree. */
#define _GNU_SOURCE
#include <errno.h>
#include <malloc.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cmd.h"
#include "nsls.h"

const struct nsls_colinfo nsls_cols[NSLS_NCOLS] = {
	[COL_NS] = { "NS", 10, SCOLS_FL_RIGHT, "namespace identifier (inode number)", SCOLS_JSON_NUMBER, 0 },
	[COL_TYPE] = { "TYPE", 5, 0, "kind of namespace", SCOLS_JSON_STRING, 0 },
	[COL_PATH] = { "PATH", 0, 0, "path to the namespace", SCOLS_JSON_STRING, 0 },
	[COL_NPROCS] = { "NPROCS", 5, SCOLS_FL_RIGHT, "number of processes in the namespace", SCOLS_JSON_NUMBER, 0 },
	[COL_PID] = { "PID", 5, SCOLS_FL_RIGHT, "lowest PID in the namespace", SCOLS_JSON_NUMBER, 0 },
	[COL_PPID] = { "PPID", 5, SCOLS_FL_RIGHT, "PPID of the PID", SCOLS_JSON_NUMBER, NEED_PPID },
	[COL_COMMAND] = { "COMMAND", 0, SCOLS_FL_TRUNC, "command line of the PID", SCOLS_JSON_STRING, NEED_COMMAND },
	[COL_UID] = { "UID", 0, SCOLS_FL_RIGHT, "UID of the PID (owner UID for a user namespace without processes)", SCOLS_JSON_NUMBER, NEED_USER },
	[COL_USER] = { "USER", 0, 0, "username of the PID", SCOLS_JSON_STRING, NEED_USER },
	[COL_NETNSID] = { "NETNSID", 0, SCOLS_FL_RIGHT, "namespace ID as used by network subsystem", SCOLS_JSON_STRING, NEED_NETNSID },
	[COL_NSFS] = { "NSFS", 0, SCOLS_FL_WRAP, "nsfs mountpoint (usually used network subsystem)", SCOLS_JSON_STRING, 0 },
	[COL_PNS] = { "PNS", 10, SCOLS_FL_RIGHT, "parent namespace identifier (inode number)", SCOLS_JSON_NUMBER, NEED_HIER },
	[COL_ONS] = { "ONS", 10, SCOLS_FL_RIGHT, "owner namespace identifier (inode number)", SCOLS_JSON_NUMBER, NEED_HIER },
};

const char nsls_usage[] =
	"Usage:\n"
	" nsls [options] [NS]\n"
	"\n"
	"List namespaces of every type, including those no process is in.\n"
	"With NS (an inode number), list the processes in that namespace.\n"
	"\n"
	"Options:\n"
	" -J, --json               use JSON output format\n"
	" -l, --list               use list format output\n"
	" -n, --noheadings         don't print headings\n"
	" -o, --output LIST        output columns (\"+LIST\" adds to the default ones)\n"
	"     --output-all         output all columns\n"
	" -p, --task PID           print the namespaces of process PID\n"
	" -r, --raw                use the raw output format\n"
	" -u, --notruncate         don't truncate text in columns\n"
	" -W, --nowrap             don't use multi-line representation\n"
	" -t, --type TYPE          namespace type (cgroup, ipc, mnt, net, pid, time, user, uts);\n"
	"                          repeatable, or comma-separated\n"
	" -T, --tree[=REL]         use tree format: owner (default), parent or process\n"
	" -H, --list-columns       list the available columns\n"
	" -h, --help               display this help\n"
	" -V, --version            display version\n"
	"\n"
	"Exit status: 0 success, 1 failure or NS not found, 2 usage error.\n";

enum { OPT_OUTPUT_ALL = CHAR_MAX + 1 };

const char nsls_short_opts[] = "Jlno:p:rut:T::WHhV";
const struct option nsls_long_opts[] = {
	{ "json", no_argument, NULL, 'J' },
	{ "list", no_argument, NULL, 'l' },
	{ "noheadings", no_argument, NULL, 'n' },
	{ "output", required_argument, NULL, 'o' },
	{ "output-all", no_argument, NULL, OPT_OUTPUT_ALL },
	{ "task", required_argument, NULL, 'p' },
	{ "raw", no_argument, NULL, 'r' },
	{ "notruncate", no_argument, NULL, 'u' },
	{ "nowrap", no_argument, NULL, 'W' },
	{ "type", required_argument, NULL, 't' },
	{ "tree", optional_argument, NULL, 'T' },
	{ "list-columns", no_argument, NULL, 'H' },
	COMMON_LONG_OPTS,
	{ NULL, 0, NULL, 0 },
};

static const char *const tree_names[] = {
	[TREE_PROCESS] = "process",
	[TREE_OWNER] = "owner",
	[TREE_PARENT] = "parent",
};

int nsls_tree_from_name(const char *name)
{
	for (int t = TREE_PROCESS; t <= TREE_PARENT; t++)
		if (!strcmp(name, tree_names[t]))
			return t;
	return -1;
}

int nsls_column_from_name(const char *name, size_t len)
{
	for (int c = 0; c < NSLS_NCOLS; c++)
		if (strlen(nsls_cols[c].name) == len && !strncasecmp(nsls_cols[c].name, name, len))
			return c;
	return -1;
}

int nsls_parse_columns(const char *list, int *cols, size_t *ncols, size_t max, const char **bad,
		       size_t *bad_len)
{
	if (*list == '+')
		list++;
	else
		*ncols = 0;
	const char *p = list;
	for (;;) {
		size_t len = strcspn(p, ",");
		int c = nsls_column_from_name(p, len);
		if (c < 0) {
			*bad = p;
			*bad_len = len;
			return -EINVAL;
		}
		if (*ncols >= max)
			return -E2BIG;
		cols[(*ncols)++] = c;
		if (!p[len])
			return 0;
		p += len + 1;
	}
}

void nsls_complete_arg(int opt, const char *cur, FILE *out)
{
	switch (opt) {
	case 't': {
		/* complete the last name of a comma list, keeping what precedes it */
		const char *comma = strrchr(cur, ',');
		int keep = comma ? (int)(comma - cur + 1) : 0;
		for (int t = 0; t < NS_TYPE_COUNT; t++)
			fprintf(out, "%.*s%s\n", keep, cur, ns_type_info(t)->name);
		break;
	}
	case 'o': {
		const char *comma = strrchr(cur, ',');
		int keep = comma ? (int)(comma - cur + 1) : (cur[0] == '+' ? 1 : 0);
		for (int c = 0; c < NSLS_NCOLS; c++)
			fprintf(out, "%.*s%s\t%s\n", keep, cur, nsls_cols[c].name, nsls_cols[c].help);
		break;
	}
	case 'T':
		for (int t = TREE_PROCESS; t <= TREE_PARENT; t++)
			fprintf(out, "%s\n", tree_names[t]);
		break;
	case 'p':
	case 0: {
		struct ns_set set;
		ns_set_init(&set);
		struct ns_scan_opts so = { .mounts = opt == 0 };
		if (ns_scan(&set, &so) == 0) {
			for (size_t i = 0; opt == 'p' && i < set.nprocs; i++)
				fprintf(out, "%d\n", (int)set.procs[i].pid);
			for (size_t i = 0; opt == 0 && i < set.nns; i++)
				fprintf(out, "%lu\t%s\n", (unsigned long)set.ns[i].ino,
					ns_type_info(set.ns[i].type)->name);
		}
		ns_set_free(&set);
		break;
	}
	}
}

/* ---- the output model ---- */

static const struct ns_procinfo *meta_find(const struct nsls_meta *meta, pid_t pid)
{
	size_t lo = 0, hi = meta ? meta->n : 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (meta->info[mid].pid == pid)
			return &meta->info[mid];
		if (meta->info[mid].pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}


static char *join_nsfs(const struct ns_entry *e)
{
	size_t len = 1;
	for (size_t i = 0; i < e->nnsfs; i++)
		len += strlen(e->nsfs[i]) + 1;
	char *s = malloc(len);
	if (!s)
		return NULL;
	s[0] = '\0';
	for (size_t i = 0; i < e->nnsfs; i++) {
		if (i)
			strcat(s, "\n");
		strcat(s, e->nsfs[i]);
	}
	return s;
}

/* Process-level cells: the ones that describe pid (and its path in namespace e). */
static int set_proc_cell(struct libscols_line *ln, size_t i, int col, const struct ns_entry *e,
			 pid_t pid, const struct ns_procinfo *info)
{
	switch (col) {
	case COL_PATH:
		return line_printf(ln, i, "/proc/%d/ns/%s", (int)pid, ns_type_info(e->type)->name);
	case COL_PID:
		return line_printf(ln, i, "%d", (int)pid);
	case COL_PPID:
		return info ? line_printf(ln, i, "%d", (int)info->ppid) : 0;
	case COL_COMMAND:
		return info ? scols_line_set_data(ln, i, info->command) : 0;
	case COL_UID:
		return info ? line_printf(ln, i, "%u", (unsigned)info->uid) : 0;
	case COL_USER:
		return info ? scols_line_set_data(ln, i, info->user) : 0;
	}
	return 0;
}

static const char *user_name(uid_t uid, char *buf, size_t size)
{
	struct passwd *pw = getpwuid(uid);
	if (pw)
		snprintf(buf, size, "%s", pw->pw_name);
	else
		snprintf(buf, size, "%u", (unsigned)uid);
	return buf;
}

/* Namespace-level cells; for a namespace without processes, PATH is its bind mount and
 * UID/USER of a user namespace are its creator's. */
static int set_ns_cell(struct libscols_line *ln, size_t i, int col, const struct ns_entry *e)
{
	char name[64];
	switch (col) {
	case COL_NS:
		return line_printf(ln, i, "%lu", (unsigned long)e->ino);
	case COL_TYPE:
		return scols_line_set_data(ln, i, ns_type_info(e->type)->name);
	case COL_PATH:
		return !e->pid && e->nnsfs ? scols_line_set_data(ln, i, e->nsfs[0]) : 0;
	case COL_NPROCS:
		return line_printf(ln, i, "%zu", e->nprocs);
	case COL_UID:
		return !e->pid && e->owner_uid_known ? line_printf(ln, i, "%u", (unsigned)e->owner_uid) : 0;
	case COL_USER:
		return !e->pid && e->owner_uid_known
			       ? scols_line_set_data(ln, i, user_name(e->owner_uid, name, sizeof(name)))
			       : 0;
	case COL_NETNSID:
		/* lsns -J prints the id as a string, and "unassigned" where there is none */
		if (e->type != NS_NET)
			return 0;
		return e->netnsid >= 0 ? line_printf(ln, i, "%d", e->netnsid)
				       : scols_line_set_data(ln, i, "unassigned");
	case COL_NSFS: {
		if (!e->nnsfs)
			return 0;
		char *s = join_nsfs(e);
		if (!s || scols_line_refer_data(ln, i, s) < 0) {
			free(s);
			return -ENOMEM;
		}
		return 0;
	}
	case COL_PNS:
		return e->hier_known ? line_printf(ln, i, "%lu", (unsigned long)e->parent_ino) : 0;
	case COL_ONS:
		return e->hier_known ? line_printf(ln, i, "%lu", (unsigned long)e->owner_ino) : 0;
	}
	return 0;
}

static bool is_proc_col(int col)
{
	return col == COL_PID || col == COL_PPID || col == COL_COMMAND || col == COL_UID ||
	       col == COL_USER || col == COL_PATH;
}

/* A row (added to tb) for namespace e (with_ns) and/or for process pid in it (pid != 0). */
static struct libscols_line *add_row(struct libscols_table *tb, const struct nsls_opts *opts,
				     const struct ns_entry *e, bool with_ns, pid_t pid,
				     const struct nsls_meta *meta)
{
	struct libscols_line *ln = scols_table_new_line(tb, NULL);
	if (!ln)
		return NULL;
	const struct ns_procinfo *info = pid ? meta_find(meta, pid) : NULL;
	for (size_t i = 0; i < opts->ncols; i++) {
		int col = opts->cols[i], r = 0;
		if (pid && is_proc_col(col))
			r = set_proc_cell(ln, i, col, e, pid, info);
		else if (with_ns)
			r = set_ns_cell(ln, i, col, e);
		if (r < 0)
			return NULL;
	}
	return ln;
}

static bool entry_wanted(const struct nsls_opts *opts, const struct ns_entry *e)
{
	if (opts->types && !(opts->types & (1u << e->type)))
		return false;
	return !opts->pid || opts->pid_ino[e->type] == e->ino;
}

static const struct ns_set *sort_set;

static int cmp_entry_ino(const void *a, const void *b)
{
	ino_t x = sort_set->ns[*(const size_t *)a].ino, y = sort_set->ns[*(const size_t *)b].ino;
	return (x > y) - (x < y);
}

/* Index of the member of e with this pid, or -1; members are in ascending pid order. */
static long member_index(const struct ns_entry *e, pid_t pid)
{
	size_t lo = 0, hi = e->nmembers;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		pid_t p = e->members[mid];
		if (p == pid)
			return (long)mid;
		if (p < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* The members of e as a process tree (by ppid) under top; top itself stands for skip_pid. */
static int add_process_rows(struct libscols_table *tb, const struct nsls_opts *opts,
			    const struct ns_entry *e, bool with_ns,
			    struct libscols_line *top, pid_t skip_pid, const struct nsls_meta *meta)
{
	struct libscols_line **lines = calloc(e->nmembers ? e->nmembers : 1, sizeof(*lines));
	if (!lines)
		return -ENOMEM;
	int r = 0;
	for (size_t m = 0; m < e->nmembers; m++) {
		pid_t pid = e->members[m];
		if (pid == skip_pid) {
			lines[m] = top;
			continue;
		}
		lines[m] = add_row(tb, opts, e, with_ns, pid, meta);
		if (!lines[m]) {
			r = -ENOMEM;
			goto out;
		}
	}
	if (opts->list)
		goto out;
	for (size_t m = 0; m < e->nmembers; m++) {
		pid_t pid = e->members[m];
		if (pid == skip_pid)
			continue;
		const struct ns_procinfo *info = meta_find(meta, pid);
		long parent = info ? member_index(e, info->ppid) : -1;
		struct libscols_line *up = parent >= 0 && lines[parent] != lines[m] ? lines[parent] : top;
		if (up && scols_line_add_child(up, lines[m]) < 0) {
			r = -ENOMEM;
			goto out;
		}
	}
out:
	free(lines);
	return r;
}

static ino_t tree_parent_ino(enum nsls_tree tree, const struct ns_entry *e)
{
	if (tree == TREE_OWNER)
		return e->owner_ino;
	if (tree == TREE_PARENT && ns_type_info(e->type)->hierarchical)
		return e->parent_ino;
	return 0;
}

static int add_namespace_rows(struct libscols_table *tb, const struct nsls_opts *opts,
			      const struct ns_set *set, const struct nsls_meta *meta)
{
	size_t *order = malloc((set->nns ? set->nns : 1) * sizeof(*order));
	struct libscols_line **lines = calloc(set->nns ? set->nns : 1, sizeof(*lines));
	size_t n = 0;
	int r = 0;
	if (!order || !lines) {
		r = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < set->nns; i++)
		if (entry_wanted(opts, &set->ns[i]))
			order[n++] = i;
	sort_set = set;
	qsort(order, n, sizeof(*order), cmp_entry_ino);

	for (size_t k = 0; k < n; k++) {
		const struct ns_entry *e = &set->ns[order[k]];
		lines[order[k]] = add_row(tb, opts, e, true, e->pid, meta);
		if (!lines[order[k]]) {
			r = -ENOMEM;
			goto out;
		}
		if (opts->tree == TREE_PROCESS &&
		    (r = add_process_rows(tb, opts, e, false, lines[order[k]], e->pid, meta)) < 0)
			goto out;
	}
	if (opts->tree != TREE_OWNER && opts->tree != TREE_PARENT)
		goto out;
	for (size_t k = 0; k < n; k++) {
		const struct ns_entry *e = &set->ns[order[k]];
		ino_t up_ino = tree_parent_ino(opts->tree, e);
		const struct ns_entry *up = up_ino ? ns_set_find(set, up_ino) : NULL;
		struct libscols_line *up_line = up ? lines[up - set->ns] : NULL;
		if (up_line && up_line != lines[order[k]] && scols_line_add_child(up_line, lines[order[k]]) < 0) {
			r = -ENOMEM;
			goto out;
		}
	}
out:
	free(order);
	free(lines);
	return r;
}

struct libscols_table *nsls_build_table(const struct nsls_opts *opts, const struct ns_set *set,
					const struct nsls_meta *meta)
{
	struct libscols_table *tb = scols_new_table();
	if (!tb)
		return NULL;
	scols_table_set_name(tb, "namespaces");
	scols_table_enable_json(tb, opts->json);
	scols_table_enable_raw(tb, opts->raw);
	scols_table_enable_noheadings(tb, opts->noheadings);
	scols_table_enable_nowrap(tb, opts->nowrap);

	bool process_listing = opts->ns_ino != 0;
	int tree_col = -1;
	if (!opts->list && (opts->tree == TREE_OWNER || opts->tree == TREE_PARENT))
		tree_col = COL_NS;
	else if (!opts->list && (opts->tree == TREE_PROCESS || process_listing))
		tree_col = COL_COMMAND;

	for (size_t i = 0; i < opts->ncols; i++) {
		const struct nsls_colinfo *ci = &nsls_cols[opts->cols[i]];
		int flags = ci->flags;
		if (opts->notruncate)
			flags &= ~SCOLS_FL_TRUNC;
		/* tree art needs the column left-aligned */
		if (opts->cols[i] == tree_col)
			flags = (flags & ~SCOLS_FL_RIGHT) | SCOLS_FL_TREE;
		struct libscols_column *cl = scols_table_new_column(tb, ci->name, ci->whint, flags);
		if (!cl)
			goto fail;
		scols_column_set_json_type(cl, ci->json_type);
		if (flags & SCOLS_FL_WRAP)
			scols_column_set_wrapfunc(cl, scols_wrapnl_chunksize, scols_wrapnl_nextchunk, NULL);
	}

	int r;
	if (process_listing) {
		const struct ns_entry *e = ns_set_find(set, opts->ns_ino);
		struct nsls_opts popts = *opts;
		popts.list = tree_col < 0;
		r = e ? add_process_rows(tb, &popts, e, true, NULL, 0, meta) : 0;
	} else {
		r = add_namespace_rows(tb, opts, set, meta);
	}
	if (r < 0)
		goto fail;
	return tb;
fail:
	scols_unref_table(tb);
	return NULL;
}

/* ---- the applet ---- */

static const int default_cols[] = { COL_NS, COL_TYPE, COL_NPROCS, COL_PID, COL_USER, COL_COMMAND };
static const int default_net_cols[] = { COL_NS, COL_TYPE, COL_NPROCS, COL_PID, COL_USER, COL_NETNSID, COL_NSFS, COL_COMMAND };
static const int default_proc_cols[] = { COL_PID, COL_PPID, COL_USER, COL_COMMAND };

static void set_cols(struct nsls_opts *opts, const int *cols, size_t n)
{
	memcpy(opts->cols, cols, n * sizeof(*cols));
	opts->ncols = n;
}

static void default_columns(struct nsls_opts *opts)
{
	if (opts->ns_ino)
		set_cols(opts, default_proc_cols, sizeof(default_proc_cols) / sizeof(int));
	else if (opts->types == 1u << NS_NET)
		set_cols(opts, default_net_cols, sizeof(default_net_cols) / sizeof(int));
	else
		set_cols(opts, default_cols, sizeof(default_cols) / sizeof(int));
}

static int list_columns(const struct nsls_opts *opts)
{
	struct libscols_table *tb = scols_new_table();
	if (!tb)
		return 1;
	scols_table_set_name(tb, "columns");
	scols_table_enable_json(tb, opts->json);
	scols_table_enable_raw(tb, opts->raw);
	scols_table_enable_noheadings(tb, opts->noheadings);
	scols_table_new_column(tb, "NAME", 0, 0);
	scols_table_new_column(tb, "TYPE", 0, 0);
	scols_table_new_column(tb, "DESCRIPTION", 0, 0);
	static const char *const json_names[] = { "string", "number", "boolean" };
	for (int c = 0; c < NSLS_NCOLS; c++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);
		if (!ln)
			break;
		scols_line_set_data(ln, 0, nsls_cols[c].name);
		scols_line_set_data(ln, 1, json_names[nsls_cols[c].json_type]);
		scols_line_set_data(ln, 2, nsls_cols[c].help);
	}
	scols_print_table(tb);
	scols_unref_table(tb);
	return close_stdout_checked();
}

static int parse_types(const char *arg, unsigned *types)
{
	char *copy = strdup(arg), *save = NULL;
	if (!copy)
		return -ENOMEM;
	int r = 0;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int t = ns_type_from_name(tok);
		if (t < 0) {
			r = usage_error(EXIT_USAGE,
					"unknown namespace type '%s': expected cgroup, ipc, mnt, net, pid, time, user or uts",
					tok);
			break;
		}
		*types |= 1u << t;
	}
	if (!strchr(arg, ',') && !*arg)
		r = usage_error(EXIT_USAGE, "empty namespace type: expected cgroup, ipc, mnt, net, pid, time, user or uts");
	free(copy);
	return r;
}

static const struct opt_exclusive nsls_exclusive[] = {
	{ { 'J', 'r' } },
	{ { 'o', OPT_OUTPUT_ALL } },
	{ { 'l', 'T' } },
	{ { 0 } },
};

/* Returns -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, struct nsls_opts *opts, bool *list_cols)
{
	const char *output = NULL;
	bool output_all = false, seen[OPT_SEEN_MAX] = { false };
	int c;
	while ((c = getopt_long(argc, argv, nsls_short_opts, nsls_long_opts, NULL)) != -1) {
		if (c > 0 && c < OPT_SEEN_MAX)
			seen[c] = true;
		switch (c) {
		case 'J': opts->json = true; break;
		case 'l': opts->list = true; break;
		case 'n': opts->noheadings = true; break;
		case 'o': output = optarg; break;
		case OPT_OUTPUT_ALL: output_all = true; break;
		case 'r': opts->raw = true; break;
		case 'u': opts->notruncate = true; break;
		case 'W': opts->nowrap = true; break;
		case 'H': *list_cols = true; break;
		case 't': {
			int r = parse_types(optarg, &opts->types);
			if (r)
				return r;
			break;
		}
		case 'p': {
			int r = ns_parse_pid(optarg, &opts->pid);
			if (r < 0)
				return usage_error(EXIT_USAGE, "invalid process id '%s': expected a positive integer%s",
						   optarg, r == -ERANGE ? " no larger than 2147483647" : "");
			break;
		}
		case 'T': {
			const char *rel = optarg;
			/* also take the detached form, "--tree owner", which lsns does not */
			if (!rel && optind < argc && nsls_tree_from_name(argv[optind]) >= 0)
				rel = argv[optind++];
			if (rel && *rel == '=')
				rel++;
			int t = rel ? nsls_tree_from_name(rel) : TREE_OWNER;
			if (t < 0)
				return usage_error(EXIT_USAGE, "unknown tree relation '%s': expected owner, parent or process", rel);
			opts->tree = (enum nsls_tree)t;
			break;
		}
		default:
			return applet_common_opt(c, EXIT_USAGE);
		}
	}
	int r = check_exclusive(nsls_exclusive, seen, OPT_SEEN_MAX, EXIT_USAGE);
	if (r)
		return r;
	if (opts->pid && optind < argc)
		return usage_error(EXIT_USAGE, "--task and NS are mutually exclusive");
	if (optind < argc) {
		if (optind + 1 < argc)
			return usage_error(EXIT_USAGE, "unexpected argument '%s': expected one NS at most", argv[optind + 1]);
		if (ns_parse_ino(argv[optind], &opts->ns_ino) < 0)
			return usage_error(EXIT_USAGE, "invalid namespace '%s': expected an inode number such as 4026531836",
					   argv[optind]);
	}
	default_columns(opts);
	if (output_all) {
		for (int col = 0; col < NSLS_NCOLS; col++)
			opts->cols[col] = col;
		opts->ncols = NSLS_NCOLS;
	} else if (output) {
		const char *bad = NULL;
		size_t bad_len = 0;
		r = nsls_parse_columns(output, opts->cols, &opts->ncols, NSLS_MAX_COLS, &bad, &bad_len);
		if (r == -E2BIG)
			return usage_error(EXIT_USAGE, "too many columns in '%s'", output);
		if (r < 0)
			return usage_error(EXIT_USAGE, "unknown column '%.*s': expected one of NS, TYPE, PATH, NPROCS, PID, PPID, COMMAND, UID, USER, NETNSID, NSFS, PNS, ONS ('nsls -H' lists them)",
					   (int)bad_len, bad);
	}
	return -1;
}

static unsigned column_needs(const struct nsls_opts *opts)
{
	unsigned needs = 0;
	for (size_t i = 0; i < opts->ncols; i++)
		needs |= nsls_cols[opts->cols[i]].needs;
	if (opts->tree == TREE_OWNER || opts->tree == TREE_PARENT)
		needs |= NEED_HIER;
	/* a process tree needs every parent */
	if (opts->tree == TREE_PROCESS || opts->ns_ino)
		needs |= NEED_PPID;
	return needs;
}

static int cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;
	return (x > y) - (x < y);
}

/* Metadata for the pids the output shows: the lowest of each namespace, or every member. */
static unsigned procinfo_fields(unsigned needs)
{
	return (needs & NEED_PPID ? NS_PI_PPID : 0) | (needs & NEED_USER ? NS_PI_USER : 0) |
	       (needs & NEED_COMMAND ? NS_PI_COMMAND : 0);
}

/* Process views need every member's metadata; the rest only each namespace's lowest pid. */
static bool needs_all_members(const struct nsls_opts *opts)
{
	return opts->tree == TREE_PROCESS || opts->ns_ino;
}

static int fetch_meta(const struct nsls_opts *opts, struct ns_set *set, unsigned needs,
		      struct nsls_meta *meta)
{
	/* the walk read them already */
	if (set->info) {
		meta->info = set->info;
		meta->n = set->ninfo;
		set->info = NULL;
		set->ninfo = 0;
		return 0;
	}
	bool all_members = needs_all_members(opts);
	pid_t *pids = malloc((set->nprocs + set->nns + 1) * sizeof(*pids));
	if (!pids)
		return -ENOMEM;
	size_t n = 0;
	if (all_members) {
		for (size_t i = 0; i < set->nprocs; i++)
			pids[n++] = set->procs[i].pid;
	} else {
		for (size_t i = 0; i < set->nns; i++)
			if (set->ns[i].pid && entry_wanted(opts, &set->ns[i]))
				pids[n++] = set->ns[i].pid;
		qsort(pids, n, sizeof(*pids), cmp_pid);
		size_t u = 0;
		for (size_t i = 0; i < n; i++)
			if (!u || pids[u - 1] != pids[i])
				pids[u++] = pids[i];
		n = u;
	}
	meta->info = calloc(n ? n : 1, sizeof(*meta->info));
	if (!meta->info) {
		free(pids);
		return -ENOMEM;
	}
	int r = ns_procinfo_fetch(pids, n, procinfo_fields(needs), meta->info);
	free(pids);
	/* vanished pids come back zeroed: drop them, the rest stay sorted */
	size_t kept = 0;
	for (size_t i = 0; i < n; i++)
		if (meta->info[i].pid)
			meta->info[kept++] = meta->info[i];
	meta->n = kept;
	return r;
}

int nsls_main(int argc, char **argv)
{
	struct nsls_opts opts = { 0 };
	bool list_cols = false;
	int rc = parse_args(argc, argv, &opts, &list_cols);
	if (rc >= 0)
		return rc;
	if (list_cols)
		return list_columns(&opts);
	/* one malloc arena: what the metadata thread frees is reused by the output, not kept aside */
	mallopt(M_ARENA_MAX, 1);

	struct ns_set set;
	struct nsls_meta meta = { 0 };
	ns_set_init(&set);
	/* a positional NS may be of any type; -t then filters the answer */
	unsigned needs = column_needs(&opts);
	struct ns_scan_opts so = { .types = opts.ns_ino ? 0 : opts.types, .mounts = true,
				   .counts_only = !opts.pid && !needs_all_members(&opts) };
	if (!opts.pid && !needs_all_members(&opts))
		so.procinfo_fields = procinfo_fields(needs);
	int r = ns_scan(&set, &so);
	if (r < 0) {
		warnx_applet("cannot walk /proc: %s", strerror(-r));
		rc = 1;
		goto out;
	}
	if (opts.pid) {
		bool found = false;
		for (size_t i = 0; i < set.nprocs && !found; i++)
			if ((found = set.procs[i].pid == opts.pid))
				memcpy(opts.pid_ino, set.procs[i].ino, sizeof(opts.pid_ino));
		if (!found) {
			warnx_applet("no process with pid %d%s", (int)opts.pid,
				     geteuid() ? " (or it may not be read; run as root)" : "");
			rc = 1;
			goto out;
		}
	}
	if (opts.ns_ino) {
		const struct ns_entry *e = ns_set_find(&set, opts.ns_ino);
		if (e && opts.types && !(opts.types & (1u << e->type)))
			e = NULL;
		if (!e) {
			warnx_applet("namespace %lu not found", (unsigned long)opts.ns_ino);
			rc = 1;
			goto out;
		}
	}

	/* user namespaces always: that is how ancestors no process is in are found (a pid
	 * namespace with nested ones keeps its init, so it always has a process) */
	ns_set_resolve_hier(&set, needs & NEED_HIER ? 0 : 1u << NS_USER);
	if (needs & NEED_NETNSID)
		ns_set_resolve_netnsid(&set);
	if ((needs & NEED_PROCINFO) && fetch_meta(&opts, &set, needs, &meta) < 0) {
		warnx_applet("cannot read process information: %s", strerror(ENOMEM));
		rc = 1;
		goto out;
	}
	if (set.unreadable && geteuid() != 0)
		warnx_applet("%zu processes could not be read; the list is partial (run as root)", set.unreadable);

	struct libscols_table *tb = nsls_build_table(&opts, &set, &meta);
	if (!tb) {
		warnx_applet("cannot build the output table: %s", strerror(ENOMEM));
		rc = 1;
		goto out;
	}
	/* the table holds copies of everything: printing can reuse the memory of the rest */
	ns_procinfo_free(meta.info, meta.n);
	free(meta.info);
	meta = (struct nsls_meta){ 0 };
	ns_set_free(&set);
	scols_print_table(tb);
	scols_unref_table(tb);
	rc = close_stdout_checked();
out:
	ns_procinfo_free(meta.info, meta.n);
	free(meta.info);
	ns_set_free(&set);
	return rc;
}
