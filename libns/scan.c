/* Walking /proc: which namespaces exist, who is in them, what bind-mounts them. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
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
	if (!set->counts_only) {
		if (ns_grow(&set->procs, &set->procs_cap, set->nprocs + 1, sizeof(*set->procs)) < 0)
			return -ENOMEM;
		set->procs[set->nprocs++] = *proc;
	}
	for (int t = 0; t < NS_TYPE_COUNT; t++) {
		if (!proc->ino[t])
			continue;
		struct ns_entry *e = ns_set_add(set, proc->ino[t], (enum ns_type)t, NS_SRC_PROC);
		if (!e)
			return -ENOMEM;
		if (!set->counts_only) {
			if (ns_grow(&e->members, &e->members_cap, e->nmembers + 1, sizeof(*e->members)) < 0)
				return -ENOMEM;
			e->members[e->nmembers++] = proc->pid;
		}
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

enum { LINKS_OK, LINKS_GONE, LINKS_DENIED };

/* Reads the namespace links of one process into proc. */
static int read_links(int proc_fd, pid_t pid, unsigned types, struct ns_proc *proc)
{
	char path[64], link[64];
	int prefix = snprintf(path, sizeof(path), "%d/ns/", (int)pid);
	bool any = false;

	memset(proc, 0, sizeof(*proc));
	proc->pid = pid;
	for (int t = 0; t < NS_TYPE_COUNT; t++) {
		if (!(types & (1u << t)))
			continue;
		strcpy(path + prefix, ns_type_info(t)->name);
		ssize_t n = readlinkat(proc_fd, path, link, sizeof(link) - 1);
		if (n < 0) {
			if (errno == EACCES || errno == EPERM)
				return LINKS_DENIED;
			/* ENOENT on a type the kernel lacks is fine; on every type the process is gone */
			continue;
		}
		link[n] = '\0';
		enum ns_type type;
		if (ns_parse_link(link, &type, &proc->ino[t]) < 0 || type != (enum ns_type)t)
			proc->ino[t] = 0;
		else
			any = true;
	}
	return any ? LINKS_OK : LINKS_GONE;
}

/* One share of the pids, read by one thread. */
struct scan_job {
	int proc_fd;
	unsigned types;
	const pid_t *pids;
	size_t n;
	struct ns_proc *procs; /* n slots; results[i] says what landed in procs[i] */
	unsigned char *results;
};

static void *run_job(void *arg)
{
	struct scan_job *job = arg;
	for (size_t i = 0; i < job->n; i++)
		job->results[i] = (unsigned char)read_links(job->proc_fd, job->pids[i], job->types, &job->procs[i]);
	return NULL;
}

/* The walk is readlinkat after readlinkat, all kernel time: spread it over the CPUs. */
static size_t scan_threads(size_t npids)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	size_t want = npids / 512 + 1;
	if (ncpu < 1)
		ncpu = 1;
	if (want > (size_t)ncpu)
		want = (size_t)ncpu;
	return want > 8 ? 8 : want;
}

static int read_all_links(struct ns_set *set, int proc_fd, const pid_t *pids, size_t npids, unsigned types)
{
	struct ns_proc *procs = malloc((npids ? npids : 1) * sizeof(*procs));
	unsigned char *results = malloc(npids ? npids : 1);
	if (!procs || !results) {
		free(procs);
		free(results);
		return -ENOMEM;
	}
	size_t nthreads = scan_threads(npids), share = (npids + nthreads - 1) / nthreads;
	struct scan_job jobs[8];
	pthread_t threads[8];
	bool started[8] = { false };
	for (size_t t = 0; t < nthreads; t++) {
		size_t first = t * share < npids ? t * share : npids;
		size_t count = npids - first < share ? npids - first : share;
		jobs[t] = (struct scan_job){ proc_fd, types, pids + first, count, procs + first, results + first };
		/* the calling thread takes the first share itself; a thread that cannot start leaves
		 * its share to be read here too */
		if (t > 0)
			started[t] = pthread_create(&threads[t], NULL, run_job, &jobs[t]) == 0;
	}
	run_job(&jobs[0]);
	for (size_t t = 1; t < nthreads; t++) {
		if (started[t])
			pthread_join(threads[t], NULL);
		else
			run_job(&jobs[t]);
	}
	int r = 0;
	for (size_t i = 0; i < npids && r == 0; i++) {
		if (results[i] == LINKS_DENIED)
			set->unreadable++;
		else if (results[i] == LINKS_GONE)
			set->vanished++;
		else
			r = ns_set_add_proc(set, &procs[i]);
	}
	free(procs);
	free(results);
	return r;
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

/* Every pid in /proc, in directory order (ascending). */
static int list_pids(int proc_fd, pid_t **pids, size_t *npids)
{
	int dir_fd = openat(proc_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir = dir_fd >= 0 ? fdopendir(dir_fd) : NULL;
	if (!dir) {
		int r = -errno;
		if (dir_fd >= 0)
			close(dir_fd);
		return r;
	}
	size_t cap = 0;
	int r = 0;
	struct dirent *d;
	*pids = NULL;
	*npids = 0;
	while ((d = readdir(dir))) {
		pid_t pid = dirent_pid(d);
		if (!pid)
			continue;
		if ((r = ns_grow(pids, &cap, *npids + 1, sizeof(**pids))) < 0)
			break;
		(*pids)[(*npids)++] = pid;
	}
	closedir(dir);
	return r;
}

int ns_scan(struct ns_set *set, const struct ns_scan_opts *opts)
{
	const char *root = opts->proc_root ? opts->proc_root : "/proc";
	unsigned types = opts->types ? opts->types : (1u << NS_TYPE_COUNT) - 1;
	if (!set->proc_root && !(set->proc_root = strdup(root)))
		return -ENOMEM;
	set->counts_only = opts->counts_only;
	int proc_fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (proc_fd < 0)
		return -errno;

	int r;
	if (opts->only_pid) {
		struct ns_proc proc;
		r = read_links(proc_fd, opts->only_pid, types, &proc);
		r = r == LINKS_OK ? ns_set_add_proc(set, &proc) : r == LINKS_DENIED ? -EACCES : -ESRCH;
	} else {
		pid_t *pids = NULL;
		size_t npids = 0;
		r = list_pids(proc_fd, &pids, &npids);
		if (r == 0)
			r = read_all_links(set, proc_fd, pids, npids, types);
		free(pids);
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
