/* Walking /proc: which namespaces exist, who is in them, what bind-mounts them. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "libns.h"

int ns_grow(void *array, size_t *cap, size_t need, size_t elem_size)
{
	void **slot = array;
	if (need <= *cap)
		return 0;
	size_t new_cap = *cap ? *cap * 2 : 8;
	while (new_cap < need)
		new_cap *= 2;
	void *grown = reallocarray(*slot, new_cap, elem_size);
	if (!grown)
		return -ENOMEM;
	*slot = grown;
	*cap = new_cap;
	return 0;
}

int ns_proc_ns_path(char *buf, size_t size, const char *proc_root, pid_t pid, const char *name)
{
	int n = snprintf(buf, size, "%s/%d/ns/%s", proc_root, (int)pid, name);
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

void ns_set_init(struct ns_set *set)
{
	memset(set, 0, sizeof(*set));
}

void ns_set_free(struct ns_set *set)
{
	for (size_t i = 0; i < set->nns; i++) {
		struct ns_entry *e = &set->ns[i];
		free(e->members);
		for (size_t j = 0; j < e->nnsfs; j++)
			free(e->nsfs[j]);
		free(e->nsfs);
	}
	free(set->ns);
	free(set->procs);
	free(set->hash);
	free(set->proc_root);
	ns_set_init(set);
}

static size_t hash_slot(ino_t ino, size_t cap)
{
	uint64_t h = (uint64_t)ino * 0x9E3779B97F4A7C15ULL;
	return (size_t)(h >> 17) & (cap - 1);
}

struct ns_entry *ns_set_find(const struct ns_set *set, ino_t ino)
{
	if (!set->hash_cap)
		return NULL;
	for (size_t s = hash_slot(ino, set->hash_cap);; s = (s + 1) & (set->hash_cap - 1)) {
		size_t idx = set->hash[s];
		if (!idx)
			return NULL;
		if (set->ns[idx - 1].ino == ino)
			return &set->ns[idx - 1];
	}
}

static int rehash(struct ns_set *set, size_t cap)
{
	size_t *table = calloc(cap, sizeof(*table));
	if (!table)
		return -ENOMEM;
	for (size_t i = 0; i < set->nns; i++) {
		size_t s = hash_slot(set->ns[i].ino, cap);
		while (table[s])
			s = (s + 1) & (cap - 1);
		table[s] = i + 1;
	}
	free(set->hash);
	set->hash = table;
	set->hash_cap = cap;
	return 0;
}

struct ns_entry *ns_set_add(struct ns_set *set, ino_t ino, enum ns_type type, unsigned source)
{
	struct ns_entry *e = ns_set_find(set, ino);
	if (e) {
		e->sources |= source;
		return e;
	}
	if (ns_grow(&set->ns, &set->ns_cap, set->nns + 1, sizeof(*set->ns)) < 0)
		return NULL;
	/* keep the load factor under one half */
	if ((set->nns + 1) * 2 > set->hash_cap &&
	    rehash(set, set->hash_cap ? set->hash_cap * 2 : 64) < 0)
		return NULL;
	e = &set->ns[set->nns];
	memset(e, 0, sizeof(*e));
	e->ino = ino;
	e->type = type;
	e->sources = source;
	e->netnsid = -1;
	size_t s = hash_slot(ino, set->hash_cap);
	while (set->hash[s])
		s = (s + 1) & (set->hash_cap - 1);
	set->hash[s] = ++set->nns;
	return e;
}

int ns_set_add_proc(struct ns_set *set, const struct ns_proc *proc)
{
	if (ns_grow(&set->procs, &set->procs_cap, set->nprocs + 1, sizeof(*set->procs)) < 0)
		return -ENOMEM;
	size_t index = set->nprocs++;
	set->procs[index] = *proc;
	for (int t = 0; t < NS_TYPE_COUNT; t++) {
		if (!proc->ino[t])
			continue;
		struct ns_entry *e = ns_set_add(set, proc->ino[t], (enum ns_type)t, NS_SRC_PROC);
		if (!e || ns_grow(&e->members, &e->members_cap, e->nmembers + 1, sizeof(*e->members)) < 0)
			return -ENOMEM;
		e->members[e->nmembers++] = index;
		e->nprocs++;
		if (!e->pid || proc->pid < e->pid)
			e->pid = proc->pid;
	}
	return 0;
}

int ns_entry_add_nsfs(struct ns_entry *e, const char *path)
{
	for (size_t i = 0; i < e->nnsfs; i++)
		if (!strcmp(e->nsfs[i], path))
			return 0;
	char *copy = strdup(path);
	char **grown = copy ? reallocarray(e->nsfs, e->nnsfs + 1, sizeof(*grown)) : NULL;
	if (!grown) {
		free(copy);
		return -ENOMEM;
	}
	e->nsfs = grown;
	e->nsfs[e->nnsfs++] = copy;
	return 0;
}

int ns_scan_mountinfo(struct ns_set *set, const char *path, unsigned types)
{
	FILE *f = fopen(path, "re");
	if (!f)
		return -errno;
	char *line = NULL;
	size_t cap = 0;
	int r = 0;
	while (getline(&line, &cap, f) > 0) {
		struct ns_mount m;
		if (ns_parse_mountinfo_line(line, &m) <= 0)
			continue;
		if (!types || (types & (1u << m.type))) {
			struct ns_entry *e = ns_set_add(set, m.ino, m.type, NS_SRC_MOUNT);
			r = e ? ns_entry_add_nsfs(e, m.path) : -ENOMEM;
		}
		free(m.path);
		if (r < 0)
			break;
	}
	free(line);
	fclose(f);
	return r;
}

/* Reads the namespace links of one process. 1: recorded, 0: skipped (gone or unreadable). */
static int scan_pid(struct ns_set *set, int proc_fd, pid_t pid, unsigned types)
{
	struct ns_proc proc = { .pid = pid };
	char path[64], link[64];
	int prefix = snprintf(path, sizeof(path), "%d/ns/", (int)pid);
	bool any = false;

	for (int t = 0; t < NS_TYPE_COUNT; t++) {
		if (!(types & (1u << t)))
			continue;
		strcpy(path + prefix, ns_type_info(t)->name);
		ssize_t n = readlinkat(proc_fd, path, link, sizeof(link) - 1);
		if (n < 0) {
			if (errno == EACCES || errno == EPERM) {
				set->unreadable++;
				return 0;
			}
			/* ENOENT on a type the kernel lacks is fine; on every type the process is gone */
			continue;
		}
		link[n] = '\0';
		enum ns_type type;
		if (ns_parse_link(link, &type, &proc.ino[t]) < 0 || type != (enum ns_type)t)
			proc.ino[t] = 0;
		else
			any = true;
	}
	if (!any) {
		set->vanished++;
		return 0;
	}
	return ns_set_add_proc(set, &proc) < 0 ? -ENOMEM : 1;
}

static pid_t dirent_pid(const struct dirent *d)
{
	const char *s = d->d_name;
	if (*s < '1' || *s > '9')
		return 0;
	pid_t pid = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || pid > 100000000)
			return 0;
		pid = pid * 10 + (*s - '0');
	}
	return pid;
}

int ns_scan(struct ns_set *set, const struct ns_scan_opts *opts)
{
	const char *root = opts->proc_root ? opts->proc_root : "/proc";
	unsigned types = opts->types ? opts->types : (1u << NS_TYPE_COUNT) - 1;
	if (!set->proc_root && !(set->proc_root = strdup(root)))
		return -ENOMEM;
	int proc_fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (proc_fd < 0)
		return -errno;

	int r = 0;
	if (opts->only_pid) {
		r = scan_pid(set, proc_fd, opts->only_pid, types);
		if (r == 0)
			r = set->unreadable ? -EACCES : -ESRCH;
	} else {
		int dir_fd = dup(proc_fd);
		DIR *dir = dir_fd >= 0 ? fdopendir(dir_fd) : NULL;
		if (!dir) {
			r = -errno;
			if (dir_fd >= 0)
				close(dir_fd);
		}
		struct dirent *d;
		while (dir && (d = readdir(dir))) {
			pid_t pid = dirent_pid(d);
			if (pid && (r = scan_pid(set, proc_fd, pid, types)) < 0)
				break;
		}
		if (dir)
			closedir(dir);
	}
	close(proc_fd);
	if (r < 0)
		return r;

	if (opts->mounts) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/self/mountinfo", root);
		int m = ns_scan_mountinfo(set, path, types);
		if (m < 0 && m != -ENOENT)
			return m;
	}
	return 0;
}
