/* Resolving what the user named (a pid, a namespace inode, a command, a netns name) to a
 * process pinned by a pidfd, and checking it is still the one that was resolved. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libproc2/pids.h>
#include <limits.h>
#include <regex.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "libns.h"

int ns_fd_above_stdio(int fd)
{
	if (fd < 0 || fd > STDERR_FILENO)
		return fd;
	/* with 0, 1 or 2 closed, our fds would land there and be taken for stdio */
	int moved = fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
	int saved = errno;
	close(fd);
	return moved < 0 ? -saved : moved;
}

int ns_parse_proc_stat(const char *text, char *state, unsigned long long *start_time)
{
	/* pid (comm) state ppid ... field 22 starttime; comm may hold ')' and spaces */
	const char *p = strrchr(text, ')');
	if (!p || p[1] != ' ' || !p[2] || p[3] != ' ')
		return -EINVAL;
	*state = p[2];
	p += 3;
	for (int field = 4; field <= 22; field++) {
		if (*p != ' ')
			return -EINVAL;
		p++;
		if (field == 22) {
			char *end;
			errno = 0;
			*start_time = strtoull(p, &end, 10);
			return end == p || errno || (*end != ' ' && *end != '\n' && *end) ? -EINVAL : 0;
		}
		p += strcspn(p, " ");
	}
	return -EINVAL;
}

int ns_proc_stat(pid_t pid, char *state, unsigned long long *start_time)
{
	char path[64], buf[1024];
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ESRCH : -errno;
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	int saved = errno;
	close(fd);
	if (n < 0)
		return saved == ESRCH ? -ESRCH : -saved;
	buf[n] = '\0';
	return ns_parse_proc_stat(buf, state, start_time);
}

int ns_target_pin(pid_t pid, unsigned long long expect_start, struct ns_target *t)
{
	t->pid = pid;
	t->pidfd = -1;
	int fd = (int)pidfd_open(pid, 0);
	if (fd < 0)
		return -errno;
	t->pidfd = ns_fd_above_stdio(fd);
	if (t->pidfd < 0)
		return t->pidfd;
	/* read after opening: a pid reused before the open shows another start time */
	int r = ns_proc_stat(pid, &t->state, &t->start_time);
	if (r == 0 && expect_start && t->start_time != expect_start)
		r = -ESRCH;
	if (r == 0)
		r = ns_target_check(t);
	if (r < 0) {
		ns_target_release(t);
		t->pidfd = -1;
	}
	return r;
}

int ns_target_check(const struct ns_target *t)
{
	/* the pidfd cannot follow a reused pid: if it is alive, /proc/PID was this process */
	if (pidfd_send_signal(t->pidfd, 0, NULL, 0) < 0 && errno == ESRCH)
		return -ESRCH;
	char state;
	unsigned long long start;
	int r = ns_proc_stat(t->pid, &state, &start);
	if (r < 0)
		return r;
	if (start != t->start_time)
		return -ESRCH;
	return state == 'Z' || state == 'X' ? -ECHILD : 0;
}

void ns_target_release(struct ns_target *t)
{
	if (t->pidfd >= 0)
		close(t->pidfd);
	t->pidfd = -1;
}

int ns_netns_name_valid(const char *name)
{
	size_t len = strlen(name);
	if (len == 0 || len > NAME_MAX || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, ".."))
		return -EINVAL;
	return 0;
}

int ns_netns_path(const char *name, char *buf, size_t size)
{
	int r = ns_netns_name_valid(name);
	if (r < 0)
		return r;
	int n = snprintf(buf, size, "%s/%s", NS_NETNS_RUN_DIR, name);
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

int ns_target_by_ino(ino_t ino, pid_t *pid, enum ns_type *type)
{
	struct ns_set set;
	ns_set_init(&set);
	struct ns_scan_opts so = { .counts_only = true };
	int r = ns_scan(&set, &so);
	const struct ns_entry *e = r == 0 ? ns_set_find(&set, ino) : NULL;
	if (r == 0 && !e)
		r = -ENOENT;
	if (e && !e->pid)
		r = -ENXIO;
	if (r == 0) {
		*pid = e->pid;
		*type = e->type;
	}
	ns_set_free(&set);
	return r;
}

/* ---- command matching through libproc2 ---- */

enum { M_PID, M_CMD, M_BEGAN, M_STATE };

static enum pids_item match_items[] = {
	[M_PID] = PIDS_ID_PID,
	[M_CMD] = PIDS_CMD,
	[M_BEGAN] = PIDS_TICS_BEGAN,
	[M_STATE] = PIDS_STATE,
};

static int cmp_oldest(const void *a, const void *b)
{
	const struct ns_match *x = a, *y = b;
	if (x->start_time != y->start_time)
		return x->start_time < y->start_time ? -1 : 1;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

static int add_match(struct ns_match **out, size_t *n, size_t *cap, pid_t pid, const char *comm,
		     unsigned long long began)
{
	if (ns_grow(out, cap, *n + 1, sizeof(**out)) < 0)
		return -ENOMEM;
	struct ns_match *m = &(*out)[(*n)++];
	m->pid = pid;
	m->start_time = began;
	snprintf(m->comm, sizeof(m->comm), "%s", comm);
	return 0;
}

int ns_match_command(const char *pattern, pid_t exclude, struct ns_match **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	regex_t re;
	if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB) != 0)
		return -EINVAL;
	struct pids_info *info = NULL;
	const struct ns_proc2 *lib = ns_proc2();
	if (!lib) {
		regfree(&re);
		return -errno;
	}
	int r = lib->pids_new(&info, match_items, (int)(sizeof(match_items) / sizeof(match_items[0])));
	if (r < 0) {
		regfree(&re);
		return r;
	}
	size_t cap = 0;
	struct pids_fetch *fetch = lib->pids_reap(info, PIDS_FETCH_TASKS_ONLY);
	r = fetch ? 0 : -EIO;
	for (int i = 0; fetch && r == 0 && i < fetch->counts->total; i++) {
		struct pids_stack *st = fetch->stacks[i];
		pid_t pid = PVAL(M_PID, s_int, st, info);
		const char *comm = PVAL(M_CMD, str, st, info);
		/* zombies hold no namespaces; we are not a target */
		if (pid == exclude || PVAL(M_STATE, s_ch, st, info) == 'Z' || regexec(&re, comm, 0, NULL, 0))
			continue;
		r = add_match(out, n, &cap, pid, comm, PVAL(M_BEGAN, ull_int, st, info));
	}
	lib->pids_unref(&info);
	regfree(&re);
	if (r < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
		return r;
	}
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), cmp_oldest);
	return 0;
}

int ns_read_environ(pid_t pid, char ***envp)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/environ", (int)pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return errno == ENOENT ? -ESRCH : -errno;
	char **vars = NULL;
	size_t n = 0, cap = 0, len = 0;
	char *var = NULL;
	int r = 0;
	while (getdelim(&var, &len, '\0', f) > 0) {
		if (ns_grow(&vars, &cap, n + 2, sizeof(*vars)) < 0 || !(vars[n] = strdup(var))) {
			r = -ENOMEM;
			break;
		}
		vars[++n] = NULL;
	}
	free(var);
	fclose(f);
	if (r == 0 && !vars && !(vars = calloc(1, sizeof(*vars))))
		r = -ENOMEM;
	if (r < 0) {
		ns_environ_free(vars);
		return r;
	}
	*envp = vars;
	return 0;
}

void ns_environ_free(char **envp)
{
	for (size_t i = 0; envp && envp[i]; i++)
		free(envp[i]);
	free(envp);
}
