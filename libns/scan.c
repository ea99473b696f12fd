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
	ns_procinfo_free(set->info, set->ninfo);
	free(set->info);
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

/* Metadata of the lowest pid of each namespace, read by a second thread while the walk goes
 * on: /proc is listed in ascending pid order, so the first process seen in a namespace is its
 * lowest, and its status and cmdline can be read at once instead of after the walk. */
struct prefetch {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	pid_t *queue;
	size_t nqueue, queue_cap;
	bool done;
	unsigned fields;
	struct ns_procinfo *info; /* results, appended by the worker */
	size_t ninfo, info_cap;
	int error;
};

#define PREFETCH_BATCH 64

static int prefetch_store(struct prefetch *pf, const pid_t *pids, size_t n)
{
	struct ns_procinfo got[PREFETCH_BATCH];
	int r = ns_procinfo_fetch(pids, n, pf->fields, got);
	if (r < 0)
		return r;
	pthread_mutex_lock(&pf->lock);
	r = ns_grow(&pf->info, &pf->info_cap, pf->ninfo + n, sizeof(*pf->info));
	for (size_t i = 0; i < n; i++) {
		if (r == 0 && got[i].pid)
			pf->info[pf->ninfo++] = got[i];
		else
			free(got[i].command);
	}
	pthread_mutex_unlock(&pf->lock);
	return r;
}

static void *prefetch_run(void *arg)
{
	struct prefetch *pf = arg;
	pid_t batch[PREFETCH_BATCH];
	for (;;) {
		pthread_mutex_lock(&pf->lock);
		while (!pf->done && pf->nqueue < PREFETCH_BATCH)
			pthread_cond_wait(&pf->wake, &pf->lock);
		size_t n = pf->nqueue < PREFETCH_BATCH ? pf->nqueue : PREFETCH_BATCH;
		memcpy(batch, pf->queue, n * sizeof(*batch));
		memmove(pf->queue, pf->queue + n, (pf->nqueue - n) * sizeof(*pf->queue));
		pf->nqueue -= n;
		bool last = pf->done && pf->nqueue == 0;
		pthread_mutex_unlock(&pf->lock);
		int r = n ? prefetch_store(pf, batch, n) : 0;
		if (r < 0 && !pf->error)
			pf->error = r;
		if (last)
			return NULL;
	}
}

static int prefetch_push(struct prefetch *pf, pid_t pid)
{
	pthread_mutex_lock(&pf->lock);
	int r = ns_grow(&pf->queue, &pf->queue_cap, pf->nqueue + 1, sizeof(*pf->queue));
	if (r == 0)
		pf->queue[pf->nqueue++] = pid;
	if (pf->nqueue >= PREFETCH_BATCH)
		pthread_cond_signal(&pf->wake);
	pthread_mutex_unlock(&pf->lock);
	return r;
}

static int cmp_info_pid(const void *a, const void *b)
{
	pid_t x = ((const struct ns_procinfo *)a)->pid, y = ((const struct ns_procinfo *)b)->pid;
	return (x > y) - (x < y);
}

/* After the walk: anything the worker missed (a lowest pid seen out of order) is read here. */
static int prefetch_finish(struct ns_set *set, struct prefetch *pf)
{
	qsort(pf->info, pf->ninfo, sizeof(*pf->info), cmp_info_pid);
	pid_t missing[PREFETCH_BATCH];
	size_t nmissing = 0;
	int r = 0;
	for (size_t i = 0; i < set->nns && r == 0; i++) {
		struct ns_procinfo key = { .pid = set->ns[i].pid };
		if (!key.pid || bsearch(&key, pf->info, pf->ninfo, sizeof(*pf->info), cmp_info_pid))
			continue;
		bool queued = false;
		for (size_t k = 0; k < nmissing && !queued; k++)
			queued = missing[k] == key.pid;
		if (!queued)
			missing[nmissing++] = key.pid;
		if (nmissing == PREFETCH_BATCH) {
			r = prefetch_store(pf, missing, nmissing);
			nmissing = 0;
			qsort(pf->info, pf->ninfo, sizeof(*pf->info), cmp_info_pid);
		}
	}
	if (r == 0 && nmissing) {
		r = prefetch_store(pf, missing, nmissing);
		qsort(pf->info, pf->ninfo, sizeof(*pf->info), cmp_info_pid);
	}
	set->info = pf->info;
	set->ninfo = pf->ninfo;
	pf->info = NULL;
	pf->ninfo = 0;
	return r;
}

/* Reads every process's links; with fields, metadata of lowest pids on a second thread. */
static int read_all_links(struct ns_set *set, int proc_fd, const pid_t *pids, size_t npids, unsigned types,
			  unsigned fields)
{
	struct prefetch pf = { .fields = fields };
	pthread_t worker;
	bool threaded = false;
	if (fields) {
		pthread_mutex_init(&pf.lock, NULL);
		pthread_cond_init(&pf.wake, NULL);
		threaded = pthread_create(&worker, NULL, prefetch_run, &pf) == 0;
	}
	int r = 0;
	for (size_t i = 0; i < npids && r == 0; i++) {
		struct ns_proc proc;
		int got = read_links(proc_fd, pids[i], types, &proc);
		if (got == LINKS_DENIED) {
			set->unreadable++;
			continue;
		}
		if (got == LINKS_GONE) {
			set->vanished++;
			continue;
		}
		size_t before = set->nns;
		r = ns_set_add_proc(set, &proc);
		if (r == 0 && threaded && set->nns > before)
			r = prefetch_push(&pf, proc.pid);
	}
	if (threaded) {
		pthread_mutex_lock(&pf.lock);
		pf.done = true;
		pthread_cond_signal(&pf.wake);
		pthread_mutex_unlock(&pf.lock);
		pthread_join(worker, NULL);
	}
	if (fields) {
		if (r == 0)
			r = pf.error;
		if (r == 0)
			r = prefetch_finish(set, &pf);
		ns_procinfo_free(pf.info, pf.ninfo);
		free(pf.info);
		free(pf.queue);
		pthread_mutex_destroy(&pf.lock);
		pthread_cond_destroy(&pf.wake);
	}
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
			r = read_all_links(set, proc_fd, pids, npids, types, opts->procinfo_fields);
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
