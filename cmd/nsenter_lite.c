/* nsenter-lite: enter the namespaces of a process, a path, a named netns, a namespace inode or
 * a container, and run a command there. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <linux/close_range.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <stdarg.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <dirent.h>
#include <unistd.h>

#include "../libns/libns.h"
#include "cmd.h"

const char nsenter_lite_usage[] =
	"Usage:\n"
	" nsenter-lite [options] [COMMAND [ARGS...]]\n"
	"\n"
	"Enter the namespaces of a process, a namespace file, a named network namespace,\n"
	"a namespace inode or a container, and run COMMAND ($SHELL, else /bin/sh) there.\n"
	"\n"
	"Targets (at most one of -t, --ns, --container, --name):\n"
	" -t, --target PID         the process PID\n"
	"     --ns INODE           the namespace nsls shows as INODE (through a process in it)\n"
	"     --container ID       a docker/podman/containerd/cri-o/Kubernetes container (12 or\n"
	"                          more hex digits of its id) or a systemd-nspawn machine name\n"
	"     --name PATTERN       the oldest process whose command name matches the regex\n"
	" -N, --netns NAME         the network namespace /run/netns/NAME\n"
	"\n"
	"Namespaces (from the target, or from FILE); with a target and none of these, -a:\n"
	" -a, --all                every namespace of the target that differs from ours\n"
	" -m, --mount[=FILE]       mount namespace\n"
	" -u, --uts[=FILE]         UTS namespace (hostname)\n"
	" -i, --ipc[=FILE]         IPC namespace\n"
	" -n, --net[=FILE]         network namespace\n"
	" -p, --pid[=FILE]         PID namespace (the command runs in a child)\n"
	" -U, --user[=FILE]        user namespace\n"
	" -C, --cgroup[=FILE]      cgroup namespace\n"
	" -T, --time[=FILE]        time namespace\n"
	"\n"
	"The process that runs:\n"
	" -r, --root[=DIR]         root directory (default: the target's)\n"
	" -w, --wd[=DIR]           working directory (default: the target's)\n"
	" -S, --setuid UID         user id to run as\n"
	" -G, --setgid GID         group id to run as\n"
	"     --preserve-credentials  keep our ids when entering a user namespace\n"
	" -e, --env                the target's environment\n"
	"     --join-cgroup        join the target's cgroups\n"
	" -F, --no-fork            do not fork before running COMMAND\n"
	"     --mount-proc         with -p: a private mount namespace with a fresh /proc\n"
	" -h, --help               display this help\n"
	" -V, --version            display version\n"
	"\n"
	"Exit status: COMMAND's; 125 nsenter-lite failed, 126 COMMAND not executable,\n"
	"127 COMMAND not found.\n";

enum {
	OPT_NS = CHAR_MAX + 1,
	OPT_CONTAINER,
	OPT_NAME,
	OPT_PRESERVE_CRED,
	OPT_JOIN_CGROUP,
	OPT_MOUNT_PROC,
};

const char nsenter_lite_short_opts[] = "+at:m::u::i::n::p::U::C::T::N:r::w::S:G:eFhV";
const struct option nsenter_lite_long_opts[] = {
	{ "all", no_argument, NULL, 'a' },
	{ "target", required_argument, NULL, 't' },
	NS_TYPE_LONG_OPTS,
	{ "netns", required_argument, NULL, 'N' },
	{ "ns", required_argument, NULL, OPT_NS },
	{ "container", required_argument, NULL, OPT_CONTAINER },
	{ "name", required_argument, NULL, OPT_NAME },
	{ "root", optional_argument, NULL, 'r' },
	{ "wd", optional_argument, NULL, 'w' },
	{ "setuid", required_argument, NULL, 'S' },
	{ "setgid", required_argument, NULL, 'G' },
	{ "preserve-credentials", no_argument, NULL, OPT_PRESERVE_CRED },
	{ "env", no_argument, NULL, 'e' },
	{ "join-cgroup", no_argument, NULL, OPT_JOIN_CGROUP },
	{ "no-fork", no_argument, NULL, 'F' },
	{ "mount-proc", no_argument, NULL, OPT_MOUNT_PROC },
	COMMON_LONG_OPTS,
	{ NULL, 0, NULL, 0 },
};

/* The namespace option letters, in enum ns_type order. */
static const char type_opts[NS_TYPE_COUNT] = {
	[NS_USER] = 'U', [NS_CGROUP] = 'C', [NS_IPC] = 'i', [NS_UTS] = 'u',
	[NS_NET] = 'n', [NS_PID] = 'p', [NS_MNT] = 'm', [NS_TIME] = 'T',
};

static int type_of_opt(int c)
{
	for (int t = 0; t < NS_TYPE_COUNT; t++)
		if (type_opts[t] == c)
			return t;
	return -1;
}

enum target_kind { TARGET_NONE, TARGET_PID, TARGET_INO, TARGET_CONTAINER, TARGET_NAME };

struct nsenter_opts {
	enum target_kind kind;
	const char *target_arg;
	unsigned types;                       /* asked from the target */
	const char *paths[NS_TYPE_COUNT];     /* --net=FILE ... */
	const char *netns_name;
	bool all, env, join_cgroup, no_fork, mount_proc, preserve_cred;
	bool root, wd;
	const char *root_dir, *wd_dir;
	bool set_uid, set_gid;
	uid_t uid;
	gid_t gid;
	char **command;
};

/* What the run needs, resolved and opened before anything changes. */
struct nsenter_plan {
	struct ns_target target; /* pidfd -1 when no target */
	struct ns_enter_req req;
	int root_fd, wd_fd;
	char **envp;
	bool enters_user, enters_pid;
};

/* ---- completion ---- */

static void complete_pids(FILE *out)
{
	struct ns_match *m = NULL;
	size_t n = 0;
	if (ns_match_command("", 0, &m, &n) == 0)
		for (size_t i = 0; i < n; i++)
			fprintf(out, "%d\t%s\n", (int)m[i].pid, m[i].comm);
	free(m);
}

static void complete_netns(FILE *out)
{
	DIR *dir = opendir(NS_NETNS_RUN_DIR);
	struct dirent *d;
	while (dir && (d = readdir(dir)))
		if (ns_netns_name_valid(d->d_name) == 0)
			fprintf(out, "%s\n", d->d_name);
	if (dir)
		closedir(dir);
}

static void complete_containers(FILE *out)
{
	struct ns_container_list list = { 0 };
	ns_container_scan(NULL, NULL, &list);
	for (size_t i = 0; i < list.n; i++)
		fprintf(out, "%.*s\t%s\n", strcmp(list.items[i].runtime, "nspawn") ? NS_CONTAINER_MIN_PREFIX : NS_CONTAINER_ID_MAX,
			list.items[i].id, list.items[i].runtime);
	ns_container_list_free(&list);
}

static void complete_inodes(FILE *out)
{
	struct ns_set set;
	ns_set_init(&set);
	struct ns_scan_opts so = { 0 };
	if (ns_scan(&set, &so) == 0)
		for (size_t i = 0; i < set.nns; i++)
			fprintf(out, "%lu\t%s\n", (unsigned long)set.ns[i].ino, ns_type_info(set.ns[i].type)->name);
	ns_set_free(&set);
}

void nsenter_lite_complete_arg(int opt, const char *cur, FILE *out)
{
	(void)cur;
	switch (opt) {
	case 't': complete_pids(out); break;
	case 'N': complete_netns(out); break;
	case OPT_CONTAINER: complete_containers(out); break;
	case OPT_NS: complete_inodes(out); break;
	case OPT_NAME: {
		struct ns_match *m = NULL;
		size_t n = 0;
		if (ns_match_command("", 0, &m, &n) == 0)
			for (size_t i = 0; i < n; i++)
				fprintf(out, "%s\n", m[i].comm);
		free(m);
		break;
	}
	}
}

/* ---- options ---- */

static int set_target(struct nsenter_opts *o, enum target_kind kind, const char *arg)
{
	if (o->kind != TARGET_NONE && o->kind != kind)
		return usage_error(EXIT_CANNOT_RUN, "-t, --ns, --container and --name are mutually exclusive");
	o->kind = kind;
	o->target_arg = arg;
	return -1;
}

static int parse_id(const char *arg, const char *what, unsigned *id)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(arg, &end, 10);
	if (arg[0] < '0' || arg[0] > '9' || *end || errno || v >= (unsigned long)(uid_t)-1)
		return usage_error(EXIT_CANNOT_RUN, "invalid %s '%s': expected a number from 0 to 4294967294", what, arg);
	*id = (unsigned)v;
	return -1;
}

static int parse_one(int c, struct nsenter_opts *o)
{
	int t = type_of_opt(c);
	if (t >= 0) {
		if (optarg)
			o->paths[t] = optarg;
		else
			o->types |= 1u << t;
		return -1;
	}
	switch (c) {
	case 'a': o->all = true; return -1;
	case 't': return set_target(o, TARGET_PID, optarg);
	case OPT_NS: return set_target(o, TARGET_INO, optarg);
	case OPT_CONTAINER: return set_target(o, TARGET_CONTAINER, optarg);
	case OPT_NAME: return set_target(o, TARGET_NAME, optarg);
	case 'N': o->netns_name = optarg; return -1;
	case 'r': o->root = true; o->root_dir = optarg; return -1;
	case 'w': o->wd = true; o->wd_dir = optarg; return -1;
	case 'S': o->set_uid = true; return parse_id(optarg, "user id", &o->uid);
	case 'G': o->set_gid = true; return parse_id(optarg, "group id", &o->gid);
	case OPT_PRESERVE_CRED: o->preserve_cred = true; return -1;
	case 'e': o->env = true; return -1;
	case OPT_JOIN_CGROUP: o->join_cgroup = true; return -1;
	case 'F': o->no_fork = true; return -1;
	case OPT_MOUNT_PROC: o->mount_proc = true; return -1;
	default: return applet_common_opt(c, EXIT_CANNOT_RUN);
	}
}

/* The option pairs that cannot go together, checked in one place. Returns -1 or the exit code. */
static int check_combinations(const struct nsenter_opts *o)
{
	bool has_target = o->kind != TARGET_NONE;
	bool has_files = o->netns_name != NULL;
	for (int t = 0; t < NS_TYPE_COUNT; t++)
		has_files |= o->paths[t] != NULL;
	if (o->netns_name && o->paths[NS_NET])
		return usage_error(EXIT_CANNOT_RUN, "--netns and --net=FILE are mutually exclusive");
	if (!has_target && (o->types || o->all))
		return usage_error(EXIT_CANNOT_RUN, "-%c without FILE needs a target (-t, --ns, --container or --name)",
				   o->all ? 'a' : type_opts[__builtin_ctz(o->types)]);
	if (!has_target && !has_files)
		return usage_error(EXIT_CANNOT_RUN, "nothing to enter: expected a target (-t, --ns, --container, --name) or a namespace (--net=FILE, -N NAME, ...)");
	if (!has_target && ((o->root && !o->root_dir) || (o->wd && !o->wd_dir) || o->env || o->join_cgroup))
		return usage_error(EXIT_CANNOT_RUN, "-r, -w without DIR, -e and --join-cgroup need a target");
	if (o->mount_proc && o->no_fork)
		return usage_error(EXIT_CANNOT_RUN, "--mount-proc and --no-fork are mutually exclusive");
	return -1;
}

static int parse_args(int argc, char **argv, struct nsenter_opts *o)
{
	int c, r;
	while ((c = getopt_long(argc, argv, nsenter_lite_short_opts, nsenter_lite_long_opts, NULL)) != -1)
		if ((r = parse_one(c, o)) >= 0)
			return r;
	o->command = argv + optind;
	return check_combinations(o);
}

/* ---- resolving the target ---- */

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	warnx_applet("%s", msg);
	return EXIT_CANNOT_RUN;
}

static int pin_failed(pid_t pid, int err)
{
	if (err == -ESRCH)
		return fail("process %d is gone (or its pid was reused before it could be pinned)", (int)pid);
	if (err == -ECHILD)
		return fail("process %d is a zombie: it has no namespaces to enter", (int)pid);
	return fail("cannot pin process %d: %s", (int)pid, strerror(-err));
}

static int pin_pid(const char *arg, struct ns_target *t)
{
	pid_t pid;
	int r = ns_parse_pid(arg, &pid);
	if (r < 0)
		return fail("invalid process id '%s': expected a positive integer%s", arg,
			    r == -ERANGE ? " no larger than 2147483647" : "");
	r = ns_target_pin(pid, 0, t);
	if (r == -ESRCH)
		return fail("no process with pid %d", (int)pid);
	return r < 0 ? pin_failed(pid, r) : -1;
}

static int pin_ino(const char *arg, struct ns_target *t, unsigned *types)
{
	ino_t ino, now;
	pid_t pid;
	enum ns_type type;
	if (ns_parse_ino(arg, &ino) < 0)
		return fail("invalid namespace '%s': expected an inode number such as 4026531836 (as nsls shows)", arg);
	int r = ns_target_by_ino(ino, &pid, &type);
	if (r == -ENOENT)
		return fail("namespace %lu not found ('nsls' lists them)", (unsigned long)ino);
	if (r == -ENXIO)
		return fail("namespace %lu holds no process to enter it through", (unsigned long)ino);
	if (r < 0)
		return fail("cannot walk /proc: %s", strerror(-r));
	if ((r = ns_target_pin(pid, 0, t)) < 0)
		return pin_failed(pid, r);
	/* pinned after the walk: the pid must still be in that namespace */
	if (ns_pid_ino(pid, type, &now) < 0 || now != ino)
		return fail("process %d left namespace %lu before it could be pinned", (int)pid, (unsigned long)ino);
	if (!*types)
		*types = 1u << type;
	return -1;
}

/* Do all matches share their namespaces? Then the oldest is as good as any. */
static bool same_namespaces(const struct ns_match *m, size_t n)
{
	for (int t = 0; t < NS_TYPE_COUNT; t++) {
		ino_t first = 0, other = 0;
		ns_pid_ino(m[0].pid, t, &first);
		for (size_t i = 1; i < n; i++)
			if (ns_pid_ino(m[i].pid, t, &other) == 0 && other != first)
				return false;
	}
	return true;
}

static int pin_name(const char *pattern, struct ns_target *t)
{
	struct ns_match *m = NULL;
	size_t n = 0;
	int r = ns_match_command(pattern, getpid(), &m, &n);
	if (r == -EINVAL)
		return fail("invalid pattern '%s': expected an extended regular expression", pattern);
	if (r < 0)
		return fail("cannot list processes: %s", strerror(-r));
	if (n == 0) {
		free(m);
		return fail("no process matches '%s'", pattern);
	}
	if (n > 1 && !same_namespaces(m, n)) {
		warnx_applet("'%s' matches processes in different namespaces; name one with -t:", pattern);
		for (size_t i = 0; i < n && i < 20; i++)
			fprintf(stderr, "%8d %s\n", (int)m[i].pid, m[i].comm);
		free(m);
		return EXIT_CANNOT_RUN;
	}
	pid_t pid = m[0].pid;
	r = ns_target_pin(pid, m[0].start_time, t);
	free(m);
	return r < 0 ? pin_failed(pid, r) : -1;
}

static int pin_container(const char *query, struct ns_target *t)
{
	static const char expected[] = "expected 12 or more hex digits of a container id or a machine name";
	if (!ns_container_query_valid(query))
		return fail("invalid container '%s': %s", query, expected);
	struct ns_container_list list = { 0 };
	int r = ns_container_scan(NULL, query, &list);
	if (r < 0)
		r = fail("cannot walk /proc: %s", strerror(-r));
	else if (list.n == 0)
		r = fail("no container '%s' found: %s", query, expected);
	else if (list.n > 1) {
		warnx_applet("container '%s' is ambiguous; it matches:", query);
		for (size_t i = 0; i < list.n; i++)
			fprintf(stderr, "  %s %s (pid %d)\n", list.items[i].runtime, list.items[i].id,
				(int)list.items[i].pid);
		r = EXIT_CANNOT_RUN;
	} else if ((r = ns_target_pin(list.items[0].pid, 0, t)) < 0) {
		r = pin_failed(list.items[0].pid, r);
	} else {
		/* pinned after the walk: the pid must still be in that container */
		struct ns_container now = { 0 };
		r = ns_container_of_pid(NULL, t->pid, &now) == 1 && !strcmp(now.id, list.items[0].id)
			    ? -1
			    : fail("process %d left container '%s' before it could be pinned", (int)t->pid, query);
	}
	ns_container_list_free(&list);
	return r;
}

static int resolve_target(const struct nsenter_opts *o, struct ns_target *t, unsigned *types)
{
	switch (o->kind) {
	case TARGET_PID: return pin_pid(o->target_arg, t);
	case TARGET_INO: return pin_ino(o->target_arg, t, types);
	case TARGET_NAME: return pin_name(o->target_arg, t);
	case TARGET_CONTAINER: return pin_container(o->target_arg, t);
	case TARGET_NONE: return -1;
	}
	return -1;
}

/* ---- opening what the options name ---- */

static int open_ns_file(enum ns_type type, const char *path, int *fd)
{
	int actual;
	*fd = ns_open_typed(path, type, &actual);
	if (*fd == -ENOTTY)
		return fail("'%s' is not a namespace file: expected a %s namespace such as /proc/PID/ns/%s", path,
			    ns_type_info(type)->long_name, ns_type_info(type)->name);
	if (*fd == -EMEDIUMTYPE)
		return fail("'%s' is a %s namespace, not a %s one", path, ns_type_info(actual)->long_name,
			    ns_type_info(type)->long_name);
	if (*fd < 0)
		return fail("cannot open '%s': %s", path, strerror(-*fd));
	return -1;
}

static int open_ns_files(const struct nsenter_opts *o, int *fds)
{
	for (int t = 0; t < NS_TYPE_COUNT; t++) {
		int r;
		if (o->paths[t] && (r = open_ns_file(t, o->paths[t], &fds[t])) >= 0)
			return r;
	}
	if (!o->netns_name)
		return -1;
	char path[PATH_MAX];
	if (ns_netns_path(o->netns_name, path, sizeof(path)) < 0)
		return fail("invalid netns name '%s': expected a name under %s without '/', not '.' or '..'",
			    o->netns_name, NS_NETNS_RUN_DIR);
	if (access(path, F_OK) < 0)
		return fail("no network namespace '%s' (%s: %s)", o->netns_name, path, strerror(errno));
	return open_ns_file(NS_NET, path, &fds[NS_NET]);
}

/* With -a, or a target and no type: every type whose namespace differs from ours. */
static int differing_types(pid_t pid, unsigned *types)
{
	for (int t = 0; t < NS_TYPE_COUNT; t++) {
		ino_t theirs, ours;
		int r = ns_pid_ino(pid, t, &theirs);
		/* ENOENT: a type this kernel lacks */
		if (r < 0 && r != -ENOENT)
			return r;
		if (r == 0 && ns_pid_ino(0, t, &ours) == 0 && theirs != ours)
			*types |= 1u << t;
	}
	return 0;
}

/* Entering our own user namespace is not an error: it is dropped (setns would say EINVAL). */
static void drop_own_user(struct nsenter_plan *p)
{
	ino_t ours, theirs;
	if (ns_pid_ino(0, NS_USER, &ours) < 0)
		return;
	if ((p->req.from_target & (1u << NS_USER)) && ns_pid_ino(p->target.pid, NS_USER, &theirs) == 0 &&
	    theirs == ours)
		p->req.from_target &= ~(1u << NS_USER);
	int fd = p->req.fds[NS_USER];
	struct stat st;
	if (fd >= 0 && fstat(fd, &st) == 0 && st.st_ino == ours) {
		close(fd);
		p->req.fds[NS_USER] = -1;
	}
}

static int open_dir_fd(const char *path, int *fd)
{
	int opened = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	*fd = opened < 0 ? -errno : ns_fd_above_stdio(opened);
	if (*fd < 0)
		return fail("cannot open directory '%s': %s", path, strerror(-*fd));
	return -1;
}

/* Root, cwd and environment read from the target's /proc entries, before entering. */
static int read_target_state(const struct nsenter_opts *o, struct nsenter_plan *p)
{
	char path[64];
	int r;
	pid_t pid = p->target.pid;
	if (o->root) {
		snprintf(path, sizeof(path), "/proc/%d/root", (int)pid);
		if ((r = open_dir_fd(o->root_dir ? o->root_dir : path, &p->root_fd)) >= 0)
			return r;
	}
	if (o->wd && !o->wd_dir) {
		snprintf(path, sizeof(path), "/proc/%d/cwd", (int)pid);
		if ((r = open_dir_fd(path, &p->wd_fd)) >= 0)
			return r;
	}
	if (o->env && (r = ns_read_environ(pid, &p->envp)) < 0)
		return fail("cannot read the environment of process %d: %s", (int)pid, strerror(-r));
	return -1;
}

static int build_plan(const struct nsenter_opts *o, struct nsenter_plan *p)
{
	unsigned types = o->types;
	int r = resolve_target(o, &p->target, &types);
	if (r >= 0)
		return r;
	if ((r = open_ns_files(o, p->req.fds)) >= 0)
		return r;
	bool has_target = p->target.pidfd >= 0;
	if (has_target && (o->all || !types) && (r = differing_types(p->target.pid, &types)) < 0)
		return r == -ESRCH ? pin_failed(p->target.pid, r)
				   : fail("cannot read the namespaces of process %d: %s%s", (int)p->target.pid,
					  strerror(-r), r == -EACCES || r == -EPERM ? "; run as root" : "");
	p->req.target = has_target ? &p->target : NULL;
	p->req.from_target = types;
	p->req.no_pidfd = getenv("NSBOX_SETNS_FDS") != NULL;
	drop_own_user(p);
	if (o->root || o->wd || o->env) {
		if (!has_target && o->root_dir && (r = open_dir_fd(o->root_dir, &p->root_fd)) >= 0)
			return r;
		if (has_target && (r = read_target_state(o, p)) >= 0)
			return r;
	}
	/* everything read from /proc/PID above must have come from the pinned process */
	if (has_target && (r = ns_target_check(&p->target)) < 0)
		return pin_failed(p->target.pid, r);
	unsigned all = p->req.from_target;
	for (int t = 0; t < NS_TYPE_COUNT; t++)
		if (p->req.fds[t] >= 0)
			all |= 1u << t;
	p->enters_user = all & (1u << NS_USER);
	p->enters_pid = all & (1u << NS_PID);
	if (o->mount_proc && !p->enters_pid)
		return usage_error(EXIT_CANNOT_RUN, "--mount-proc needs a PID namespace to enter (-p)");
	return -1;
}

static void free_plan(struct nsenter_plan *p)
{
	ns_target_release(&p->target);
	for (int t = 0; t < NS_TYPE_COUNT; t++)
		if (p->req.fds[t] >= 0)
			close(p->req.fds[t]);
	if (p->root_fd >= 0)
		close(p->root_fd);
	if (p->wd_fd >= 0)
		close(p->wd_fd);
	ns_environ_free(p->envp);
}

/* ---- entering ---- */

static const char *enter_hint(int err, bool user)
{
	if (err == -EPERM && user)
		return "; entering a user namespace needs CAP_SYS_ADMIN in it; run as root";
	if (err == -EPERM)
		return "; entering a namespace needs CAP_SYS_ADMIN over it; run as root";
	if (err == -EINVAL && user)
		return "; a multi-threaded process cannot join a user namespace";
	if (err == -ESRCH)
		return "; the target process is gone";
	return "";
}

static int enter_failed(const struct nsenter_plan *p, int err, int failed)
{
	if (failed >= 0) {
		bool user = failed == NS_USER;
		return fail("cannot enter the %s namespace%s: %s%s", ns_type_info(failed)->long_name,
			    p->target.pidfd >= 0 ? "" : " given", strerror(-err), enter_hint(err, user));
	}
	return fail("cannot enter the namespaces of process %d: %s%s", (int)p->target.pid, strerror(-err),
		    enter_hint(err, p->enters_user));
}

static int change_root_and_wd(const struct nsenter_opts *o, const struct nsenter_plan *p)
{
	if (p->root_fd >= 0 && (fchdir(p->root_fd) < 0 || chroot(".") < 0))
		return fail("cannot change root to '%s': %s%s", o->root_dir ? o->root_dir : "the target's root",
			    strerror(errno), errno == EPERM ? "; run as root" : "");
	if (p->wd_fd >= 0 && fchdir(p->wd_fd) < 0)
		return fail("cannot change to the target's working directory: %s", strerror(errno));
	if (o->wd_dir && chdir(o->wd_dir) < 0)
		return fail("cannot change directory to '%s': %s", o->wd_dir, strerror(errno));
	if (p->root_fd >= 0 && !o->wd && chdir("/") < 0)
		return fail("cannot change directory to '/': %s", strerror(errno));
	return -1;
}

static int set_credentials(const struct nsenter_opts *o, const struct nsenter_plan *p)
{
	/* in a new user namespace we become its root unless told otherwise, as nsenter does */
	bool switch_ids = (p->enters_user && !o->preserve_cred) || o->set_uid || o->set_gid;
	if (!switch_ids)
		return -1;
	uid_t uid = o->set_uid ? o->uid : 0;
	gid_t gid = o->set_gid ? o->gid : 0;
	if (p->enters_user || o->set_gid) {
		if (setgroups(0, NULL) < 0 && errno != EPERM)
			return fail("cannot drop supplementary groups: %s", strerror(errno));
		if (setgid(gid) < 0)
			return fail("cannot set group id %u: %s", (unsigned)gid, strerror(errno));
	}
	if ((p->enters_user || o->set_uid) && setuid(uid) < 0)
		return fail("cannot set user id %u: %s", (unsigned)uid, strerror(errno));
	return -1;
}

static int mount_fresh_proc(void)
{
	/* our copy of the mount namespace: the new /proc must not show through to the target */
	if (unshare(CLONE_NEWNS) < 0)
		return fail("--mount-proc: cannot create a mount namespace: %s", strerror(errno));
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return fail("--mount-proc: cannot make / private: %s", strerror(errno));
	if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		return fail("--mount-proc: cannot mount /proc: %s", strerror(errno));
	return -1;
}

/* ---- running the command ---- */

static const int forwarded[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH };

static void forwarded_set(sigset_t *set)
{
	sigemptyset(set);
	for (size_t i = 0; i < sizeof(forwarded) / sizeof(forwarded[0]); i++)
		sigaddset(set, forwarded[i]);
	sigaddset(set, SIGCHLD);
}

static int exec_command(char **command, char **envp)
{
	static char *default_argv[2];
	if (!command[0]) {
		const char *shell = getenv("SHELL");
		default_argv[0] = (char *)(shell && *shell ? shell : "/bin/sh");
		command = default_argv;
	}
	if (envp)
		execvpe(command[0], command, envp);
	else
		execvp(command[0], command);
	int err = errno;
	warnx_applet("cannot run '%s': %s", command[0], strerror(err));
	return err == ENOENT || err == ENOTDIR ? EXIT_NOT_FOUND : EXIT_NOT_EXECUTABLE;
}


static int wait_forwarding(pid_t child, const sigset_t *set)
{
	for (;;) {
		siginfo_t info;
		int sig = sigwaitinfo(set, &info);
		if (sig < 0)
			continue;
		if (sig != SIGCHLD) {
			kill(child, sig);
			continue;
		}
		int status;
		pid_t r = waitpid(child, &status, WNOHANG);
		/* its exit code, or dies of the signal that killed it, as a shell expects */
		if (r == child && (WIFEXITED(status) || WIFSIGNALED(status)))
			return pass_wait_status(status);
	}
}

static int run(const struct nsenter_opts *o, const struct nsenter_plan *p, bool fork_first)
{
	if (!fork_first) {
		int r = set_credentials(o, p);
		return r >= 0 ? r : exec_command(o->command, p->envp);
	}
	sigset_t set, old;
	forwarded_set(&set);
	sigprocmask(SIG_BLOCK, &set, &old);
	fflush(NULL);
	pid_t child = fork();
	if (child < 0)
		return fail("cannot fork: %s", strerror(errno));
	if (child == 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		int r = o->mount_proc ? mount_fresh_proc() : -1;
		if (r < 0)
			r = set_credentials(o, p);
		_exit(r >= 0 ? r : exec_command(o->command, p->envp));
	}
	return wait_forwarding(child, &set);
}

static int enter_and_run(const struct nsenter_opts *o, struct nsenter_plan *p)
{
	int r;
	if (o->join_cgroup && (r = ns_join_cgroups(p->target.pid)) < 0)
		return fail("cannot join the cgroups of process %d: %s", (int)p->target.pid, strerror(-r));
	/* a process in the namespace must not ptrace us and reach our fds */
	if (prctl(PR_SET_DUMPABLE, 0) < 0)
		return fail("cannot make the process non-dumpable: %s", strerror(errno));
	int failed;
	if ((r = ns_enter(&p->req, &failed)) < 0)
		return enter_failed(p, r, failed);
	if ((r = change_root_and_wd(o, p)) >= 0)
		return r;
	return run(o, p, (p->enters_pid && !o->no_fork) || o->mount_proc);
}

int nsenter_lite_main(int argc, char **argv)
{
	struct nsenter_opts opts = { 0 };
	int rc = parse_args(argc, argv, &opts);
	if (rc >= 0)
		return rc;
	/* the command sees 0, 1 and 2 only: not even what our caller left open */
	close_range(STDERR_FILENO + 1, ~0U, CLOSE_RANGE_CLOEXEC);
	struct nsenter_plan plan = { .target = { .pidfd = -1 }, .root_fd = -1, .wd_fd = -1 };
	for (int t = 0; t < NS_TYPE_COUNT; t++)
		plan.req.fds[t] = -1;
	rc = build_plan(&opts, &plan);
	if (rc < 0)
		rc = enter_and_run(&opts, &plan);
	free_plan(&plan);
	/* exit handlers (LeakSanitizer's tracer) would be cloned into the entered pid namespace */
	if (plan.enters_pid) {
		fflush(NULL);
		_exit(rc);
	}
	return rc;
}
