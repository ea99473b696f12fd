/* nsunshare: create new namespaces (with id maps, a PID 1, a private /proc and root,
 * persistent bind mounts) and run a command in them. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "../libns/libns.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

const char nsunshare_usage[] =
	"Usage:\n"
	" nsunshare [options] [COMMAND [ARGS...]]\n"
	"\n"
	"Create new namespaces and run COMMAND (default $SHELL) in them.\n"
	"\n"
	"Namespaces (a long option with =FILE also bind-mounts the new namespace on FILE):\n"
	" -m, --mount[=FILE]          mount namespace\n"
	" -u, --uts[=FILE]            UTS namespace (hostname, domain name)\n"
	" -i, --ipc[=FILE]            System V IPC namespace\n"
	" -n, --net[=FILE]            network namespace (lo is brought up)\n"
	" -p, --pid[=FILE]            pid namespace; implies -f, the child is its PID 1\n"
	" -U, --user[=FILE]           user namespace\n"
	" -C, --cgroup[=FILE]         cgroup namespace\n"
	" -T, --time[=FILE]           time namespace\n"
	"\n"
	"Options:\n"
	" -f, --fork                  run COMMAND in a child; with -p it runs under a PID 1\n"
	"                             that reaps orphans and forwards signals\n"
	"     --kill-child[=SIGNAL]   when nsunshare dies, send SIGNAL (KILL) to the child (implies -f)\n"
	"     --mount-proc[=DIR]      mount a proc on DIR (/proc) (implies -m)\n"
	"     --propagation MODE      private (default), shared, slave or unchanged, for / recursively\n"
	" -r, --map-root-user         map the current user and group to root (implies -U)\n"
	" -c, --map-current-user      map the current user and group to themselves (implies -U)\n"
	"     --map-user UID|NAME     map the current user to UID (implies -U)\n"
	"     --map-group GID|NAME    map the current group to GID (implies -U)\n"
	"     --map-users I:O:COUNT   map COUNT uids from O outside to I inside; repeatable\n"
	"     --map-groups I:O:COUNT  the same for gids; repeatable\n"
	"     --map-auto              map uids and gids from 0 to the first ranges of the user\n"
	"                             in /etc/subuid and /etc/subgid\n"
	"     --setgroups allow|deny  whether setgroups(2) is allowed in the user namespace\n"
	"     --hostname NAME         set the hostname (needs -u)\n"
	"     --domainname NAME       set the NIS domain name (needs -u)\n"
	"     --no-lo                 leave lo down in a new network namespace\n"
	" -R, --root DIR              run in DIR: pivot_root with -m, else chroot\n"
	" -w, --wd DIR                change to DIR (inside the new root)\n"
	" -S, --setuid UID|NAME       set the user id before running COMMAND\n"
	" -G, --setgid GID|NAME       set the group id before running COMMAND\n"
	"     --keep-caps             keep the capabilities of the user namespace across -S\n"
	"     --monotonic SECONDS     offset of CLOCK_MONOTONIC (implies -T)\n"
	"     --boottime SECONDS      offset of CLOCK_BOOTTIME (implies -T)\n"
	"     --info-json FD          write {\"pid\":...,\"namespaces\":{...}} to FD once they exist\n"
	" -h, --help                  display this help\n"
	" -V, --version               display version\n"
	"\n"
	"Exit status: COMMAND's own; 125 nsunshare failed (usage too), 126 COMMAND not executable,\n"
	"127 COMMAND not found. A COMMAND killed by a signal kills nsunshare with that signal.\n";

enum {
	OPT_MOUNT_PROC = CHAR_MAX + 1,
	OPT_PROPAGATION,
	OPT_MAP_USER,
	OPT_MAP_GROUP,
	OPT_MAP_USERS,
	OPT_MAP_GROUPS,
	OPT_MAP_AUTO,
	OPT_SETGROUPS,
	OPT_HOSTNAME,
	OPT_DOMAINNAME,
	OPT_NO_LO,
	OPT_KEEP_CAPS,
	OPT_MONOTONIC,
	OPT_BOOTTIME,
	OPT_INFO_JSON,
	OPT_KILL_CHILD,
};

const char nsunshare_short_opts[] = "+muinpUCTfrcR:w:S:G:hV";
const struct option nsunshare_long_opts[] = {
	NS_TYPE_LONG_OPTS,
	{ "fork", no_argument, NULL, 'f' },
	{ "kill-child", optional_argument, NULL, OPT_KILL_CHILD },
	{ "mount-proc", optional_argument, NULL, OPT_MOUNT_PROC },
	{ "propagation", required_argument, NULL, OPT_PROPAGATION },
	{ "map-root-user", no_argument, NULL, 'r' },
	{ "map-current-user", no_argument, NULL, 'c' },
	{ "map-user", required_argument, NULL, OPT_MAP_USER },
	{ "map-group", required_argument, NULL, OPT_MAP_GROUP },
	{ "map-users", required_argument, NULL, OPT_MAP_USERS },
	{ "map-groups", required_argument, NULL, OPT_MAP_GROUPS },
	{ "map-auto", no_argument, NULL, OPT_MAP_AUTO },
	{ "setgroups", required_argument, NULL, OPT_SETGROUPS },
	{ "hostname", required_argument, NULL, OPT_HOSTNAME },
	{ "domainname", required_argument, NULL, OPT_DOMAINNAME },
	{ "no-lo", no_argument, NULL, OPT_NO_LO },
	{ "root", required_argument, NULL, 'R' },
	{ "wd", required_argument, NULL, 'w' },
	{ "setuid", required_argument, NULL, 'S' },
	{ "setgid", required_argument, NULL, 'G' },
	{ "keep-caps", no_argument, NULL, OPT_KEEP_CAPS },
	{ "monotonic", required_argument, NULL, OPT_MONOTONIC },
	{ "boottime", required_argument, NULL, OPT_BOOTTIME },
	{ "info-json", required_argument, NULL, OPT_INFO_JSON },
	COMMON_LONG_OPTS,
	{ NULL, 0, NULL, 0 },
};

/* The option letter of each namespace type. */
static const char ns_letters[NS_TYPE_COUNT] = {
	[NS_USER] = 'U', [NS_CGROUP] = 'C', [NS_IPC] = 'i', [NS_UTS] = 'u',
	[NS_NET] = 'n', [NS_PID] = 'p', [NS_MNT] = 'm', [NS_TIME] = 'T',
};

/* Options of which at most one may be given. */
static const struct opt_exclusive exclusive_opts[] = {
	{ { 'r', 'c', OPT_MAP_USER } },
	{ { 'r', 'c', OPT_MAP_GROUP } },
	{ { 0 } },
};

static const struct {
	const char *name;
	unsigned long flag;
} propagations[] = {
	{ "private", MS_PRIVATE },
	{ "shared", MS_SHARED },
	{ "slave", MS_SLAVE },
	{ "unchanged", 0 },
};

static void complete_names(int opt, FILE *out)
{
	if (opt == 'S' || opt == OPT_MAP_USER) {
		for (struct passwd *pw = getpwent(); pw; pw = getpwent())
			fprintf(out, "%s\t%u\n", pw->pw_name, (unsigned)pw->pw_uid);
		endpwent();
	} else {
		for (struct group *gr = getgrent(); gr; gr = getgrent())
			fprintf(out, "%s\t%u\n", gr->gr_name, (unsigned)gr->gr_gid);
		endgrent();
	}
}

static void complete_dirs(const char *cur, FILE *out)
{
	char pattern[PATH_MAX];
	glob_t g;
	snprintf(pattern, sizeof(pattern), "%s*", cur);
	if (glob(pattern, GLOB_MARK | GLOB_ONLYDIR, NULL, &g) == 0)
		for (size_t i = 0; i < g.gl_pathc; i++)
			fprintf(out, "%s\n", g.gl_pathv[i]);
	globfree(&g);
}

void nsunshare_complete_arg(int opt, const char *cur, FILE *out)
{
	switch (opt) {
	case OPT_PROPAGATION:
		for (size_t i = 0; i < sizeof(propagations) / sizeof(propagations[0]); i++)
			fprintf(out, "%s\n", propagations[i].name);
		break;
	case OPT_SETGROUPS:
		fprintf(out, "allow\t%s\ndeny\t%s\n", "setgroups(2) allowed (needs a privileged gid map)",
			"setgroups(2) refused");
		break;
	case OPT_KILL_CHILD:
		for (int sig = 1; sig < NSIG; sig++)
			if (sigabbrev_np(sig))
				fprintf(out, "%s\n", sigabbrev_np(sig));
		break;
	case 'S':
	case 'G':
	case OPT_MAP_USER:
	case OPT_MAP_GROUP:
		complete_names(opt, out);
		break;
	case 'R':
	case 'w':
	case OPT_MOUNT_PROC:
		complete_dirs(cur, out);
		break;
	}
}

/* What the command line asked for, before it becomes ns_spawn_opts. */
struct cli {
	struct ns_spawn_opts o;
	struct ns_idmap uid_map, gid_map;
	bool seen[OPT_KILL_CHILD + 1];
	bool map_user, map_group;    /* --map-user, --map-group: to map_uid, map_gid */
	uint32_t map_uid, map_gid;
	bool map_root, map_current, map_auto;
	bool uid_ranges, gid_ranges; /* from --map-users/--map-groups/--map-auto */
};

static int parse_signal(const char *text)
{
	if (!strncasecmp(text, "SIG", 3))
		text += 3;
	for (int sig = 1; sig < NSIG; sig++)
		if (sigabbrev_np(sig) && !strcasecmp(text, sigabbrev_np(sig)))
			return sig;
	char *end;
	long n = strtol(text, &end, 10);
	return *text && !*end && n > 0 && n < NSIG ? (int)n : -1;
}

static int parse_seconds(const char *opt, const char *text, long long *out)
{
	char *end;
	errno = 0;
	*out = strtoll(text, &end, 10);
	if (!*text || *end || errno)
		return usage_error(EXIT_CANNOT_RUN, "invalid %s offset '%s': expected whole seconds, such as 86400 or -60",
				   opt, text);
	return -1;
}

/* A uid (or gid with group) by number or name. */
static int resolve_id(const char *text, bool group, uint32_t *id)
{
	int r = ns_parse_id(text, id);
	if (r == -ERANGE)
		return usage_error(EXIT_CANNOT_RUN, "invalid %s '%s': expected at most 4294967294", group ? "gid" : "uid",
				   text);
	if (r == 0)
		return -1;
	if (!group) {
		struct passwd *pw = getpwnam(text);
		if (pw) {
			*id = pw->pw_uid;
			return -1;
		}
	} else {
		struct group *gr = getgrnam(text);
		if (gr) {
			*id = gr->gr_gid;
			return -1;
		}
	}
	return usage_error(EXIT_CANNOT_RUN, "unknown %s '%s': expected a %s name or a number", group ? "group" : "user",
			   text, group ? "group" : "user");
}

static int add_range(struct ns_idmap *map, const struct ns_idmap_range *range, const char *text, bool group)
{
	int r = ns_idmap_add(map, range);
	if (r == -EEXIST)
		return usage_error(EXIT_CANNOT_RUN, "invalid %s map '%s': it overlaps another range of the map",
				   group ? "gid" : "uid", text);
	if (r < 0)
		return usage_error(EXIT_CANNOT_RUN, "invalid %s map '%s': more than %d ranges", group ? "gid" : "uid", text,
				   NS_IDMAP_MAX);
	return -1;
}

static int parse_range(struct ns_idmap *map, const char *text, bool group)
{
	struct ns_idmap_range range;
	int r = ns_idmap_parse_range(text, &range);
	const char *why = r == -EDOM ? "COUNT must be at least 1"
			  : r == -ERANGE ? "ids must stay within 0..4294967294, up to INNER+COUNT-1 and OUTER+COUNT-1"
					 : "expected INNER:OUTER:COUNT, three decimal numbers";
	if (r < 0)
		return usage_error(EXIT_CANNOT_RUN, "invalid %s map '%s': %s", group ? "gid" : "uid", text, why);
	return add_range(map, &range, text, group);
}

static int set_persist(struct cli *c, int letter, const char *file)
{
	for (int t = 0; t < NS_TYPE_COUNT; t++) {
		if (ns_letters[t] != letter)
			continue;
		c->o.clone_flags |= ns_type_info(t)->clone_flag;
		if (!file)
			return -1;
		struct stat st;
		if (stat(file, &st) == 0 && S_ISDIR(st.st_mode))
			return usage_error(EXIT_CANNOT_RUN, "cannot persist the %s namespace on '%s': it is a directory, expected a file",
					   ns_type_info(t)->name, file);
		c->o.persist[t] = file;
	}
	return -1;
}

static int parse_propagation(struct cli *c, const char *word)
{
	for (size_t i = 0; i < sizeof(propagations) / sizeof(propagations[0]); i++) {
		if (!strcmp(word, propagations[i].name)) {
			c->o.propagation = propagations[i].flag;
			return -1;
		}
	}
	return usage_error(EXIT_CANNOT_RUN, "unknown propagation '%s': expected private, shared, slave or unchanged", word);
}

static int parse_info_fd(struct cli *c, const char *text)
{
	char *end;
	long fd = strtol(text, &end, 10);
	if (!*text || *end || fd < 0 || fd > INT_MAX)
		return usage_error(EXIT_CANNOT_RUN, "invalid --info-json fd '%s': expected a file descriptor number", text);
	if (fcntl((int)fd, F_GETFD) < 0)
		return usage_error(EXIT_CANNOT_RUN, "invalid --info-json fd '%s': it is not open", text);
	c->o.info_fd = (int)fd;
	return -1;
}

/* One option; returns -1 to go on, else the exit code. */
static int parse_opt(struct cli *c, int opt)
{
	uint32_t id;
	int r = -1;
	switch (opt) {
	case 'm': case 'u': case 'i': case 'n': case 'p': case 'U': case 'C': case 'T':
		return set_persist(c, opt, optarg);
	case 'f': c->o.fork = true; break;
	case OPT_KILL_CHILD:
		c->o.kill_child_signal = optarg ? parse_signal(optarg) : SIGKILL;
		if (c->o.kill_child_signal < 0)
			return usage_error(EXIT_CANNOT_RUN, "unknown signal '%s': expected a name such as KILL or TERM, or a number", optarg);
		c->o.fork = true;
		break;
	case OPT_MOUNT_PROC:
		c->o.mount_proc = optarg ? optarg : "/proc";
		c->o.clone_flags |= CLONE_NEWNS;
		break;
	case OPT_PROPAGATION: return parse_propagation(c, optarg);
	case 'r': c->map_root = true; break;
	case 'c': c->map_current = true; break;
	case OPT_MAP_USER:
		c->map_user = true;
		return resolve_id(optarg, false, &c->map_uid);
	case OPT_MAP_GROUP:
		c->map_group = true;
		return resolve_id(optarg, true, &c->map_gid);
	case OPT_MAP_USERS: c->uid_ranges = true; return parse_range(&c->uid_map, optarg, false);
	case OPT_MAP_GROUPS: c->gid_ranges = true; return parse_range(&c->gid_map, optarg, true);
	case OPT_MAP_AUTO: c->map_auto = true; break;
	case OPT_SETGROUPS:
		if (strcmp(optarg, "allow") && strcmp(optarg, "deny"))
			return usage_error(EXIT_CANNOT_RUN, "unknown setgroups mode '%s': expected allow or deny", optarg);
		c->o.setgroups = !strcmp(optarg, "allow");
		break;
	case OPT_HOSTNAME: c->o.hostname = optarg; break;
	case OPT_DOMAINNAME: c->o.domainname = optarg; break;
	case OPT_NO_LO: c->o.lo_up = false; break;
	case 'R': c->o.root = optarg; break;
	case 'w': c->o.wd = optarg; break;
	case 'S':
		if ((r = resolve_id(optarg, false, &id)) < 0)
			c->o.uid = id, c->o.set_uid = true;
		break;
	case 'G':
		if ((r = resolve_id(optarg, true, &id)) < 0)
			c->o.gid = id, c->o.set_gid = true;
		break;
	case OPT_KEEP_CAPS: c->o.keep_caps = true; break;
	case OPT_MONOTONIC: c->o.time_offsets = true; return parse_seconds("monotonic", optarg, &c->o.monotonic);
	case OPT_BOOTTIME: c->o.time_offsets = true; return parse_seconds("boottime", optarg, &c->o.boottime);
	case OPT_INFO_JSON: return parse_info_fd(c, optarg);
	default: return applet_common_opt(opt, EXIT_CANNOT_RUN);
	}
	return r;
}

/* A map of one line mapping our own id: the kernel lets us write that ourselves. */
static bool self_writable(const struct ns_idmap *map, uint32_t own_id)
{
	return map->n == 1 && map->r[0].outer == own_id && map->r[0].count == 1;
}

static int add_auto_range(struct ns_idmap *map, bool group)
{
	const char *path = group ? "/etc/subgid" : "/etc/subuid";
	struct passwd *pw = getpwuid(geteuid());
	struct ns_idmap_range range;
	int r = ns_subid_find(path, pw ? pw->pw_name : NULL, geteuid(), &range);
	if (r == -ENOENT)
		return usage_error(EXIT_CANNOT_RUN, "--map-auto: no range for user '%s' in %s: add one with usermod --add-sub%cids",
				   pw ? pw->pw_name : "?", path, group ? 'g' : 'u');
	if (r < 0)
		return usage_error(EXIT_CANNOT_RUN, "--map-auto: cannot read %s: %s", path, strerror(-r));
	return add_range(map, &range, path, group);
}

static bool in_path(const char *cmd)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];
	for (const char *p = path ? path : "/usr/bin:/bin"; *p;) {
		size_t len = strcspn(p, ":");
		snprintf(buf, sizeof(buf), "%.*s/%s", (int)len, p, cmd);
		if (access(buf, X_OK) == 0)
			return true;
		p += len + (p[len] == ':');
	}
	return false;
}

/* The one-line maps of our own uid and gid (-r, -c, --map-user, --map-group), then --map-auto. */
static int add_own_ranges(struct cli *c)
{
	uint32_t euid = geteuid(), egid = getegid();
	struct ns_idmap_range own_uid = { c->map_root ? 0 : euid, euid, 1 };
	struct ns_idmap_range own_gid = { c->map_root ? 0 : egid, egid, 1 };
	int r;
	if (c->map_user)
		own_uid.inner = c->map_uid;
	if (c->map_group)
		own_gid.inner = c->map_gid;
	if ((c->map_root || c->map_current || c->map_user) &&
	    (r = add_range(&c->uid_map, &own_uid, "current user", false)) >= 0)
		return r;
	if ((c->map_root || c->map_current || c->map_group) &&
	    (r = add_range(&c->gid_map, &own_gid, "current group", true)) >= 0)
		return r;
	if (c->map_auto && ((r = add_auto_range(&c->uid_map, false)) >= 0 || (r = add_auto_range(&c->gid_map, true)) >= 0))
		return r;
	return -1;
}

/* Who writes each map: we ourselves (one line of our own id), or from outside (root directly,
 * others through newuidmap/newgidmap). Refuses what the kernel would refuse. */
static int choose_map_writers(struct cli *c)
{
	c->o.uid_map_outside = c->uid_map.n && !self_writable(&c->uid_map, geteuid());
	c->o.gid_map_outside = c->gid_map.n && (!self_writable(&c->gid_map, getegid()) || c->o.setgroups == 1);
	if (geteuid() == 0)
		return -1;
	if (c->o.setgroups == 1 && c->gid_map.n && !c->gid_ranges && !c->map_auto)
		return usage_error(EXIT_CANNOT_RUN, "--setgroups=allow needs a privileged gid map: unprivileged, the kernel takes "
				   "a gid map only after setgroups is denied (run as root, or map groups from /etc/subgid "
				   "with --map-groups or --map-auto)");
	c->o.map_helpers = c->o.uid_map_outside || c->o.gid_map_outside;
	const char *helper = c->o.uid_map_outside && !in_path("newuidmap") ? "newuidmap"
			     : c->o.gid_map_outside && !in_path("newgidmap") ? "newgidmap" : NULL;
	if (helper)
		return usage_error(EXIT_CANNOT_RUN, "%s not found: unprivileged maps of more than your own id need it "
				   "(install the uidmap package, or run as root)", helper);
	return -1;
}

/* Builds the uid and gid maps and decides who writes them. */
static int build_maps(struct cli *c)
{
	int r = add_own_ranges(c);
	if (r >= 0)
		return r;
	if (c->uid_map.n || c->gid_map.n || c->o.setgroups >= 0)
		c->o.clone_flags |= CLONE_NEWUSER;
	return choose_map_writers(c);
}

/* Checks that need the whole command line. */
static int check_cli(struct cli *c)
{
	int r = check_exclusive(exclusive_opts, c->seen, sizeof(c->seen) / sizeof(c->seen[0]), EXIT_CANNOT_RUN);
	if (r)
		return r;
	if ((c->o.hostname || c->o.domainname) && !(c->o.clone_flags & CLONE_NEWUTS))
		return usage_error(EXIT_CANNOT_RUN, "--%s needs a new UTS namespace: add -u", c->o.hostname ? "hostname" : "domainname");
	if (c->o.hostname && strlen(c->o.hostname) > 64)
		return usage_error(EXIT_CANNOT_RUN, "invalid hostname '%s': expected at most 64 bytes", c->o.hostname);
	if (c->o.domainname && strlen(c->o.domainname) > 64)
		return usage_error(EXIT_CANNOT_RUN, "invalid domain name '%s': expected at most 64 bytes", c->o.domainname);
	if (c->o.time_offsets)
		c->o.clone_flags |= CLONE_NEWTIME;
	/* only children enter a new pid namespace: without a fork the command would stay outside */
	if (c->o.clone_flags & CLONE_NEWPID)
		c->o.fork = true;
	struct stat st;
	if (c->o.root && stat(c->o.root, &st) < 0)
		return usage_error(EXIT_CANNOT_RUN, "invalid root '%s': %s", c->o.root, strerror(errno));
	if (c->o.root && !S_ISDIR(st.st_mode))
		return usage_error(EXIT_CANNOT_RUN, "invalid root '%s': not a directory", c->o.root);
	return build_maps(c);
}

static int parse_args(int argc, char **argv, struct cli *c)
{
	int opt;
	while ((opt = getopt_long(argc, argv, nsunshare_short_opts, nsunshare_long_opts, NULL)) != -1) {
		if (opt >= 0 && opt <= OPT_KILL_CHILD)
			c->seen[opt] = true;
		int r = parse_opt(c, opt);
		if (r >= 0)
			return r;
	}
	return check_cli(c);
}


int nsunshare_main(int argc, char **argv)
{
	struct cli c;
	memset(&c, 0, sizeof(c));
	c.o.propagation = MS_PRIVATE;
	c.o.setgroups = -1;
	c.o.lo_up = true;
	c.o.info_fd = -1;
	int rc = parse_args(argc, argv, &c);
	if (rc >= 0)
		return rc;
	c.o.uid_map = &c.uid_map;
	c.o.gid_map = &c.gid_map;
	char *shell[] = { getenv("SHELL") ? getenv("SHELL") : "/bin/sh", NULL };
	c.o.argv = optind < argc ? argv + optind : shell;
	if (c.o.info_fd >= 0)
		fcntl(c.o.info_fd, F_SETFD, FD_CLOEXEC);

	int status = 0;
	struct ns_spawn_err err;
	int r = ns_spawn_run(&c.o, &status, &err);
	if (r < 0) {
		warnx_applet("%s: %s%s%s", err.what, strerror(-r), err.hint ? "; " : "", err.hint ? err.hint : "");
		if (err.exec_failed)
			return r == -ENOENT ? EXIT_NOT_FOUND : EXIT_NOT_EXECUTABLE;
		return EXIT_CANNOT_RUN;
	}
	return pass_wait_status(status);
}
