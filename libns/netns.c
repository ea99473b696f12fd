/* Named network namespaces in /run/netns, laid out as ip netns does so each sees the other's. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libns.h"

static int netns_path(char *buf, size_t size, const char *name)
{
	if (ns_check_netns_name(name) < 0)
		return -EINVAL;
	int n = snprintf(buf, size, "%s/%s", NS_NETNS_RUN_DIR, name);
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

/* /run/netns made a shared mount point, so mounts under it reach every mount namespace. */
static int make_run_dir_shared(void)
{
	if (mount("", NS_NETNS_RUN_DIR, "none", MS_SHARED | MS_REC, NULL) == 0)
		return 0;
	/* EINVAL: not a mount point yet; bind it onto itself, once (the caller holds the lock) */
	if (errno != EINVAL)
		return -errno;
	if (mount(NS_NETNS_RUN_DIR, NS_NETNS_RUN_DIR, "none", MS_BIND | MS_REC, NULL) < 0)
		return -errno;
	return mount("", NS_NETNS_RUN_DIR, "none", MS_SHARED | MS_REC, NULL) < 0 ? -errno : 0;
}

/* Opens /run/netns (creating it) with an exclusive flock held: a lock that dies with the process. */
static int lock_run_dir(void)
{
	if (mkdir(NS_NETNS_RUN_DIR, 0755) < 0 && errno != EEXIST)
		return -errno;
	int fd = open(NS_NETNS_RUN_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (flock(fd, LOCK_EX) < 0) {
		int r = -errno;
		close(fd);
		return r;
	}
	return fd;
}

/* A new network namespace bind-mounted on path; we come back to ours. */
static int mount_new_netns(const char *path)
{
	int home = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (home < 0)
		return -errno;
	int r = unshare(CLONE_NEWNET) < 0 ? -errno : 0;
	if (r == 0) {
		if (mount("/proc/thread-self/ns/net", path, "none", MS_BIND, NULL) < 0)
			r = -errno;
		if (setns(home, CLONE_NEWNET) < 0 && r == 0)
			r = -errno;
	}
	close(home);
	return r;
}

int ns_netns_add(const char *name)
{
	char path[PATH_MAX];
	int r = netns_path(path, sizeof(path), name);
	if (r < 0)
		return r;
	int lock = lock_run_dir();
	if (lock < 0)
		return lock;
	r = make_run_dir_shared();
	if (r == 0) {
		int fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
		r = fd < 0 ? -errno : 0;
		if (fd >= 0)
			close(fd);
	}
	if (r == 0 && (r = mount_new_netns(path)) < 0) {
		umount2(path, MNT_DETACH);
		unlink(path);
	}
	close(lock);
	return r;
}

int ns_netns_del(const char *name)
{
	char path[PATH_MAX];
	int r = netns_path(path, sizeof(path), name);
	if (r < 0)
		return r;
	/* EINVAL: nothing mounted there (a stale file); it is still removed */
	if (umount2(path, MNT_DETACH) < 0 && errno != EINVAL)
		return -errno;
	return unlink(path) < 0 ? -errno : 0;
}

static bool all_digits(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s);
}

int ns_netns_open(const char *spec)
{
	char path[PATH_MAX];
	int r = 0;
	if (!spec || !*spec)
		return -EINVAL;
	if (all_digits(spec)) {
		pid_t pid;
		r = ns_parse_pid(spec, &pid);
		if (r == 0)
			snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)pid);
	} else if (strchr(spec, '/')) {
		r = strlen(spec) < sizeof(path) ? 0 : -ENAMETOOLONG;
		if (r == 0)
			strcpy(path, spec);
	} else {
		r = netns_path(path, sizeof(path), spec);
	}
	if (r < 0)
		return r;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	/* a file in /run/netns whose mount is gone, or any other file, is not a netns */
	if (ns_fd_type(fd) != NS_NET) {
		close(fd);
		return -ENOTTY;
	}
	return fd;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int ns_netns_names(char ***names, size_t *n)
{
	*names = NULL;
	*n = 0;
	DIR *dir = opendir(NS_NETNS_RUN_DIR);
	if (!dir)
		return errno == ENOENT ? 0 : -errno;
	size_t cap = 0;
	int r = 0;
	for (struct dirent *d; (d = readdir(dir));) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		if (*n + 2 > cap) {
			cap = cap ? cap * 2 : 16;
			char **grown = realloc(*names, cap * sizeof(**names));
			if (!grown) {
				r = -ENOMEM;
				break;
			}
			*names = grown;
		}
		if (!((*names)[(*n)++] = strdup(d->d_name))) {
			(*n)--;
			r = -ENOMEM;
			break;
		}
		(*names)[*n] = NULL;
	}
	closedir(dir);
	if (r < 0) {
		ns_netns_names_free(*names);
		*names = NULL;
		*n = 0;
		return r;
	}
	if (*n)
		qsort(*names, *n, sizeof(**names), cmp_names);
	return 0;
}

void ns_netns_names_free(char **names)
{
	for (size_t i = 0; names && names[i]; i++)
		free(names[i]);
	free(names);
}

int ns_netns_names_of_fd(int fd, char ***names, size_t *n)
{
	struct stat want;
	if (fstat(fd, &want) < 0)
		return -errno;
	int r = ns_netns_names(names, n);
	if (r < 0)
		return r;
	size_t kept = 0;
	for (size_t i = 0; i < *n; i++) {
		char path[PATH_MAX];
		struct stat st;
		if (netns_path(path, sizeof(path), (*names)[i]) == 0 && stat(path, &st) == 0 &&
		    st.st_dev == want.st_dev && st.st_ino == want.st_ino)
			(*names)[kept++] = (*names)[i];
		else
			free((*names)[i]);
	}
	if (*names)
		(*names)[kept] = NULL;
	*n = kept;
	return 0;
}

/* Every file in /etc/netns/NAME bind-mounted over its namesake in /etc, as ip netns exec does. */
static int bind_etc(const char *name)
{
	char dir_path[PATH_MAX];
	if (snprintf(dir_path, sizeof(dir_path), "/etc/netns/%s", name) >= (int)sizeof(dir_path))
		return -ENAMETOOLONG;
	DIR *dir = opendir(dir_path);
	if (!dir)
		return errno == ENOENT ? 0 : -errno;
	int r = 0;
	for (struct dirent *d; r == 0 && (d = readdir(dir));) {
		char src[PATH_MAX], dst[PATH_MAX];
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		if (snprintf(src, sizeof(src), "%s/%s", dir_path, d->d_name) >= (int)sizeof(src) ||
		    snprintf(dst, sizeof(dst), "/etc/%s", d->d_name) >= (int)sizeof(dst))
			r = -ENAMETOOLONG;
		else if (mount(src, dst, "none", MS_BIND, NULL) < 0)
			r = -errno;
	}
	closedir(dir);
	return r;
}

int ns_netns_enter(const char *name)
{
	/* a name, never a path: it names /sys and /etc/netns/NAME too */
	if (ns_check_netns_name(name) < 0)
		return -EINVAL;
	int fd = ns_netns_open(name);
	if (fd < 0)
		return fd;
	int r = setns(fd, CLONE_NEWNET) < 0 ? -errno : 0;
	close(fd);
	if (r < 0)
		return r;
	if (unshare(CLONE_NEWNS) < 0)
		return -errno;
	/* keep our mounts from propagating back to the host */
	if (mount("", "/", "none", MS_SLAVE | MS_REC, NULL) < 0)
		return -errno;
	/* /sys shows the devices of the netns that mounts it */
	unsigned long flags = 0;
	if (umount2("/sys", MNT_DETACH) < 0)
		flags = MS_RDONLY;
	if (mount(name, "/sys", "sysfs", flags, NULL) < 0)
		return -errno;
	return bind_etc(name);
}
