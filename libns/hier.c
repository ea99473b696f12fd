/* nsfs ioctls: parent, owner, owner uid and type of a namespace. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/nsfs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "libns.h"

/* Opens path and checks that it is still the namespace we expect (pids get reused). */
static int open_checked(const char *path, ino_t ino)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	struct stat st;
	if (fstat(fd, &st) < 0 || st.st_ino != ino) {
		close(fd);
		return -ESRCH;
	}
	return fd;
}

int ns_entry_open(const struct ns_set *set, const struct ns_entry *e)
{
	const char *root = set->proc_root ? set->proc_root : "/proc";
	const char *name = ns_type_info(e->type)->name;
	int r = -ENOENT;
	char path[256];
	/* the lowest pid, then a few more members: if they all exited, the rest likely did too */
	for (size_t i = 0; i <= e->nmembers && i < 4; i++) {
		pid_t pid = i == 0 ? e->pid : e->members[i - 1];
		if (!pid || (i > 0 && pid == e->pid))
			continue;
		if (ns_proc_ns_path(path, sizeof(path), root, pid, name) < 0)
			continue;
		if ((r = open_checked(path, e->ino)) >= 0)
			return r;
	}
	for (size_t i = 0; i < e->nnsfs; i++)
		if ((r = open_checked(e->nsfs[i], e->ino)) >= 0)
			return r;
	return r;
}

int ns_fd_type(int fd)
{
	int flag = ioctl(fd, NS_GET_NSTYPE);
	if (flag < 0)
		return -errno;
	return ns_type_from_clone_flag(flag);
}

static int fd_ino(int fd, ino_t *ino)
{
	struct stat st;
	if (fstat(fd, &st) < 0)
		return -errno;
	*ino = st.st_ino;
	return 0;
}

static int resolve_from_fd(struct ns_set *set, size_t idx, int fd, int depth);

/* Follows one ioctl (owner or parent) from fd; returns the related inode or 0. */
static ino_t follow(struct ns_set *set, int fd, unsigned long request, enum ns_type type, int depth)
{
	int rel_fd = ioctl(fd, request);
	if (rel_fd < 0)
		return 0;
	ino_t ino = 0;
	if (fd_ino(rel_fd, &ino) == 0) {
		struct ns_entry *rel = ns_set_add(set, ino, type, 0);
		if (rel && !rel->sources)
			rel->sources = NS_SRC_ANCESTOR;
		if (rel && !rel->hier_known && depth < 64)
			resolve_from_fd(set, (size_t)(rel - set->ns), rel_fd, depth + 1);
	}
	close(rel_fd);
	return ino;
}

static int resolve_from_fd(struct ns_set *set, size_t idx, int fd, int depth)
{
	enum ns_type type = set->ns[idx].type;
	set->ns[idx].hier_known = true;
	ino_t owner = follow(set, fd, NS_GET_USERNS, NS_USER, depth);
	ino_t parent = ns_type_info(type)->hierarchical ? follow(set, fd, NS_GET_PARENT, type, depth) : 0;
	struct ns_entry *e = &set->ns[idx];
	e->owner_ino = owner;
	e->parent_ino = parent;
	if (type == NS_USER) {
		uid_t uid;
		if (ioctl(fd, NS_GET_OWNER_UID, &uid) == 0) {
			e->owner_uid = uid;
			e->owner_uid_known = true;
		}
	}
	return 0;
}

int ns_fd_hier(int fd, ino_t *parent_ino, ino_t *owner_ino)
{
	*parent_ino = *owner_ino = 0;
	int rel = ioctl(fd, NS_GET_USERNS);
	if (rel >= 0) {
		fd_ino(rel, owner_ino);
		close(rel);
	}
	rel = ioctl(fd, NS_GET_PARENT);
	if (rel >= 0) {
		fd_ino(rel, parent_ino);
		close(rel);
	}
	return 0;
}

int ns_set_resolve_hier(struct ns_set *set, unsigned types)
{
	/* entries appended while we walk are ancestors, resolved on the way */
	for (size_t i = 0; i < set->nns; i++) {
		const struct ns_entry *e = &set->ns[i];
		if (e->hier_known || (types && !(types & (1u << e->type)) && e->nprocs))
			continue;
		int fd = ns_entry_open(set, &set->ns[i]);
		if (fd < 0)
			continue;
		resolve_from_fd(set, i, fd, 0);
		close(fd);
	}
	return 0;
}
