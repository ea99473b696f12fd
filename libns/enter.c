/* Entering namespaces: setns(pidfd) at once, or per-namespace fds in nsenter's two passes;
 * joining a process's cgroups. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "libns.h"

int ns_open_typed(const char *path, enum ns_type want, int *actual)
{
	*actual = -1;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	fd = ns_fd_above_stdio(fd);
	if (fd < 0)
		return fd;
	int type = ns_fd_type(fd);
	if (type < 0) {
		close(fd);
		/* ENOTTY: the file is no namespace at all */
		return type == -ENOTTY || type == -EINVAL ? -ENOTTY : type;
	}
	*actual = type;
	if (type != (int)want) {
		close(fd);
		return -EMEDIUMTYPE;
	}
	return fd;
}

int ns_pid_ino(pid_t pid, enum ns_type type, ino_t *ino)
{
	char path[64];
	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)pid, ns_type_info(type)->name);
	else
		snprintf(path, sizeof(path), "/proc/self/ns/%s", ns_type_info(type)->name);
	struct stat st;
	if (stat(path, &st) < 0)
		return errno == ENOENT && pid ? -ESRCH : -errno;
	*ino = st.st_ino;
	return 0;
}

static int clone_flags(unsigned types)
{
	int flags = 0;
	for (int t = 0; t < NS_TYPE_COUNT; t++)
		if (types & (1u << t))
			flags |= ns_type_info(t)->clone_flag;
	return flags;
}

static void close_fds(int *fds, unsigned which)
{
	for (int t = 0; t < NS_TYPE_COUNT; t++)
		if ((which & (1u << t)) && fds[t] >= 0) {
			close(fds[t]);
			fds[t] = -1;
		}
}

/* Opens the target's namespaces of the given types, then checks the pid was not reused. */
static int open_target_fds(const struct ns_target *target, unsigned types, int *fds)
{
	for (int t = 0; t < NS_TYPE_COUNT; t++) {
		if (!(types & (1u << t)))
			continue;
		char path[64];
		snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)target->pid, ns_type_info(t)->name);
		int fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || (fds[t] = ns_fd_above_stdio(fd)) < 0) {
			int r = fd < 0 ? (errno == ENOENT ? -ESRCH : -errno) : fds[t];
			fds[t] = -1;
			return r;
		}
	}
	return ns_target_check(target);
}

/* nsenter's order: everything but user first (we may lose the privilege), then user and
 * what failed without it (we may gain it). */
static int setns_two_passes(int *fds, unsigned types, int *failed)
{
	unsigned left = types;
	for (int t = 0; t < NS_TYPE_COUNT; t++)
		if ((left & (1u << t)) && t != NS_USER && setns(fds[t], ns_type_info(t)->clone_flag) == 0)
			left &= ~(1u << t);
	for (int t = 0; t < NS_TYPE_COUNT; t++) {
		if (!(left & (1u << t)))
			continue;
		if (setns(fds[t], ns_type_info(t)->clone_flag) < 0) {
			*failed = t;
			return -errno;
		}
	}
	return 0;
}

int ns_enter(const struct ns_enter_req *req, int *failed)
{
	*failed = -1;
	unsigned explicit_types = 0;
	for (int t = 0; t < NS_TYPE_COUNT; t++)
		if (req->fds[t] >= 0)
			explicit_types |= 1u << t;
	unsigned from_target = req->target ? req->from_target & ~explicit_types : 0;
	if (from_target && !explicit_types && !req->no_pidfd) {
		/* all at once; the kernel orders the user namespace itself */
		if (setns(req->target->pidfd, clone_flags(from_target)) == 0)
			return 0;
		if (errno != EINVAL && errno != ENOSYS && errno != EBADF)
			return -errno;
	}
	int fds[NS_TYPE_COUNT];
	for (int t = 0; t < NS_TYPE_COUNT; t++)
		fds[t] = req->fds[t];
	for (int t = 0; t < NS_TYPE_COUNT; t++)
		if (from_target & (1u << t))
			fds[t] = -1;
	int r = from_target ? open_target_fds(req->target, from_target, fds) : 0;
	if (r == 0)
		r = setns_two_passes(fds, from_target | explicit_types, failed);
	close_fds(fds, from_target);
	return r;
}

/* ---- cgroups ---- */

/* Field n (0-based, space separated) of a mountinfo line, copied into buf. */
static bool mountinfo_field(const char *line, int n, char *buf, size_t size)
{
	const char *p = line;
	for (int i = 0; i < n && p; i++)
		if ((p = strchr(p, ' ')))
			p++;
	if (!p)
		return false;
	size_t len = strcspn(p, " \n");
	if (len >= size)
		return false;
	memcpy(buf, p, len);
	buf[len] = '\0';
	return true;
}

/* Is every controller of "cpu,cpuacct" (or "name=systemd") among the mount's super options? */
static bool has_controllers(const char *superopts, const char *controllers)
{
	char want[256], have[1100];
	snprintf(want, sizeof(want), "%s", controllers);
	snprintf(have, sizeof(have), ",%s,", superopts);
	char *save = NULL;
	for (char *c = strtok_r(want, ",", &save); c; c = strtok_r(NULL, ",", &save)) {
		char needle[300];
		snprintf(needle, sizeof(needle), ",%s,", c);
		if (!strstr(have, needle))
			return false;
	}
	return true;
}

/* The mount point of the hierarchy with these controllers ("" for cgroup v2) and its root. */
static int find_cgroup_mount(const char *controllers, char *mnt, size_t size, char *root, size_t rsize)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	if (!f)
		return -errno;
	char *line = NULL;
	size_t cap = 0;
	int r = -ENOENT;
	while (r == -ENOENT && getline(&line, &cap, f) > 0) {
		const char *sep = strstr(line, " - ");
		char fstype[32], superopts[1024];
		if (!sep || !mountinfo_field(sep + 3, 0, fstype, sizeof(fstype)) ||
		    !mountinfo_field(sep + 3, 2, superopts, sizeof(superopts)))
			continue;
		bool v2 = !*controllers;
		if (v2 ? strcmp(fstype, "cgroup2") : strcmp(fstype, "cgroup") || !has_controllers(superopts, controllers))
			continue;
		if (mountinfo_field(line, 4, mnt, size) && mountinfo_field(line, 3, root, rsize))
			r = 0;
	}
	free(line);
	fclose(f);
	return r;
}

static int join_one(const char *controllers, const char *path)
{
	char mnt[4096], root[4096], procs[8192];
	int r = find_cgroup_mount(controllers, mnt, sizeof(mnt), root, sizeof(root));
	if (r < 0)
		return *controllers ? 0 : r; /* a v1 hierarchy that is not mounted is skipped */
	size_t rlen = strcmp(root, "/") ? strlen(root) : 0;
	if (rlen && (strncmp(path, root, rlen) || (path[rlen] && path[rlen] != '/')))
		return -ENOENT;
	snprintf(procs, sizeof(procs), "%s%s/cgroup.procs", mnt, path + rlen);
	int fd = open(procs, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* "0" is the writer itself */
	r = write(fd, "0\n", 2) == 2 ? 0 : -errno;
	close(fd);
	return r;
}

int ns_join_cgroups(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/cgroup", (int)pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return errno == ENOENT ? -ESRCH : -errno;
	char *line = NULL;
	size_t cap = 0;
	int r = 0;
	while (r == 0 && getline(&line, &cap, f) > 0) {
		line[strcspn(line, "\n")] = '\0';
		char *controllers = strchr(line, ':');
		char *cg_path = controllers ? strchr(controllers + 1, ':') : NULL;
		if (!cg_path)
			continue;
		*cg_path++ = '\0';
		controllers++;
		r = join_one(controllers, cg_path);
	}
	free(line);
	fclose(f);
	return r;
}
