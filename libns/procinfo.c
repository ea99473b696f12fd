/* Process metadata (ppid, uid, user, command line) through libproc2. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "libns.h"

static struct ns_proc2 proc2;
static int proc2_errno;
static pthread_once_t proc2_once = PTHREAD_ONCE_INIT;

static void load_proc2(void)
{
	void *lib = dlopen("libproc2.so.0", RTLD_NOW | RTLD_LOCAL);
	if (!lib) {
		proc2_errno = ELIBACC;
		return;
	}
	struct ns_proc2 fns = {
		.pids_new = (int (*)(struct pids_info **, enum pids_item *, int))dlsym(lib, "procps_pids_new"),
		.pids_unref = (int (*)(struct pids_info **))dlsym(lib, "procps_pids_unref"),
		.pids_reap = (struct pids_fetch * (*)(struct pids_info *, enum pids_fetch_type))
			dlsym(lib, "procps_pids_reap"),
		.pids_select = (struct pids_fetch * (*)(struct pids_info *, unsigned *, int, enum pids_select_type))
			dlsym(lib, "procps_pids_select"),
		.pids_sort = (struct pids_stack * *(*)(struct pids_info *, struct pids_stack **, int, enum pids_item,
						       enum pids_sort_order))dlsym(lib, "procps_pids_sort"),
	};
	if (!fns.pids_new || !fns.pids_unref || !fns.pids_reap || !fns.pids_select || !fns.pids_sort) {
		proc2_errno = ELIBBAD;
		return;
	}
	proc2 = fns;
}

const struct ns_proc2 *ns_proc2(void)
{
	pthread_once(&proc2_once, load_proc2);
	if (proc2_errno) {
		errno = proc2_errno;
		return NULL;
	}
	return &proc2;
}


/* The comm name costs a read of /proc/PID/stat, so only processes without a command line
 * (kernel threads) are asked for it, in a second pass. */
#define PI_COMM (1u << 16)

/* The items asked of libproc2, and where each landed in the result stack (-1: not asked). */
struct item_slots {
	enum pids_item items[8];
	int n;
	int pid, ppid, euid, euser, cmd, cmdline;
};

static int add_item(struct item_slots *slots, enum pids_item item)
{
	slots->items[slots->n] = item;
	return slots->n++;
}

static void choose_items(struct item_slots *slots, unsigned fields)
{
	memset(slots, 0, sizeof(*slots));
	slots->ppid = slots->euid = slots->euser = slots->cmd = slots->cmdline = -1;
	slots->pid = add_item(slots, PIDS_ID_PID);
	if (fields & NS_PI_PPID)
		slots->ppid = add_item(slots, PIDS_ID_PPID);
	if (fields & NS_PI_USER) {
		slots->euid = add_item(slots, PIDS_ID_EUID);
		slots->euser = add_item(slots, PIDS_ID_EUSER);
	}
	if (fields & NS_PI_COMMAND)
		slots->cmdline = add_item(slots, PIDS_CMDLINE_V);
	if (fields & PI_COMM)
		slots->cmd = add_item(slots, PIDS_CMD);
}

/* argv joined by spaces; "" when there is none */
static char *join_argv(char **argv)
{
	size_t len = 1;
	for (size_t i = 0; argv && argv[i]; i++)
		len += strlen(argv[i]) + 1;
	/* libproc2 stands "-" in for an empty command line */
	if (!argv || !argv[0] || (!strcmp(argv[0], "-") && !argv[1]))
		return strdup("");
	char *out = malloc(len);
	if (!out)
		return NULL;
	char *p = out;
	for (size_t i = 0; argv[i]; i++) {
		size_t n = strlen(argv[i]);
		if (i)
			*p++ = ' ';
		memcpy(p, argv[i], n);
		p += n;
	}
	*p = '\0';
	return out;
}

static int cmp_pid(const void *a, const void *b)
{
	pid_t x = ((const struct ns_procinfo *)a)->pid, y = ((const struct ns_procinfo *)b)->pid;
	return (x > y) - (x < y);
}

/* libproc2 selects at most 255 pids at a time (FILL_ID_MAX) */
#define SELECT_MAX 255

/* Reads one batch of at most SELECT_MAX pids into found[*nfound...]. */
static int fetch_batch(struct pids_info *info, const struct item_slots *slots, const pid_t *pids,
		       size_t n, struct ns_procinfo *found, size_t *nfound)
{
	unsigned these[SELECT_MAX];
	for (size_t i = 0; i < n; i++)
		these[i] = (unsigned)pids[i];
	errno = 0;
	struct pids_fetch *fetch = ns_proc2()->pids_select(info, these, (int)n, PIDS_SELECT_PID);
	if (!fetch)
		return errno ? -errno : -EIO;
	for (int i = 0; i < fetch->counts->total; i++) {
		struct pids_stack *st = fetch->stacks[i];
		struct ns_procinfo *p = &found[*nfound];
		memset(p, 0, sizeof(*p));
		p->pid = PVAL(slots->pid, s_int, st, info);
		if (slots->ppid >= 0)
			p->ppid = PVAL(slots->ppid, s_int, st, info);
		if (slots->euid >= 0) {
			p->uid = PVAL(slots->euid, u_int, st, info);
			snprintf(p->user, sizeof(p->user), "%s", PVAL(slots->euser, str, st, info));
		}
		if (slots->cmdline >= 0)
			p->command = join_argv(PVAL(slots->cmdline, strv, st, info));
		else
			p->command = strdup(slots->cmd >= 0 ? PVAL(slots->cmd, str, st, info) : "");
		if (!p->command)
			return -ENOMEM;
		(*nfound)++;
	}
	return 0;
}

static int fetch_fields(const pid_t *pids, size_t n, unsigned fields, struct ns_procinfo *out)
{
	memset(out, 0, n * sizeof(*out));
	if (n == 0)
		return 0;
	struct item_slots slots;
	choose_items(&slots, fields);
	struct pids_info *info = NULL;
	const struct ns_proc2 *lib = ns_proc2();
	if (!lib)
		return -errno;
	int r = lib->pids_new(&info, slots.items, slots.n);
	if (r < 0)
		return r;
	struct ns_procinfo *found = calloc(n, sizeof(*found));
	size_t nfound = 0;
	r = found ? 0 : -ENOMEM;
	for (size_t start = 0; r == 0 && start < n; start += SELECT_MAX)
		r = fetch_batch(info, &slots, pids + start, n - start < SELECT_MAX ? n - start : SELECT_MAX,
				found, &nfound);
	lib->pids_unref(&info);
	/* hand results back in the caller's order; a pid that vanished stays zeroed */
	qsort(found, nfound, sizeof(*found), cmp_pid);
	for (size_t i = 0; r == 0 && i < n; i++) {
		struct ns_procinfo key = { .pid = pids[i] };
		struct ns_procinfo *hit = bsearch(&key, found, nfound, sizeof(*found), cmp_pid);
		if (hit) {
			out[i] = *hit;
			if (!(out[i].command = strdup(hit->command)))
				r = -ENOMEM;
		}
	}
	for (size_t i = 0; i < nfound; i++)
		free(found[i].command);
	free(found);
	if (r < 0)
		ns_procinfo_free(out, n);
	return r;
}

/* Kernel threads have no command line: their comm name stands in, as in lsns. */
static int fill_comm(const pid_t *pids, size_t n, struct ns_procinfo *out)
{
	pid_t *bare = malloc((n ? n : 1) * sizeof(*bare));
	size_t *where = malloc((n ? n : 1) * sizeof(*where));
	size_t nbare = 0;
	int r = bare && where ? 0 : -ENOMEM;
	for (size_t i = 0; r == 0 && i < n; i++)
		if (out[i].pid && out[i].command && !out[i].command[0]) {
			where[nbare] = i;
			bare[nbare++] = pids[i];
		}
	struct ns_procinfo *comm = r == 0 && nbare ? calloc(nbare, sizeof(*comm)) : NULL;
	if (nbare && !comm)
		r = r ? r : -ENOMEM;
	if (r == 0 && nbare)
		r = fetch_fields(bare, nbare, PI_COMM, comm);
	for (size_t k = 0; r == 0 && k < nbare; k++) {
		if (!comm[k].pid)
			continue;
		free(out[where[k]].command);
		out[where[k]].command = comm[k].command;
		comm[k].command = NULL;
	}
	if (comm)
		ns_procinfo_free(comm, nbare);
	free(comm);
	free(bare);
	free(where);
	return r;
}

int ns_procinfo_fetch(const pid_t *pids, size_t n, unsigned fields, struct ns_procinfo *out)
{
	int r = fetch_fields(pids, n, fields, out);
	if (r == 0 && (fields & NS_PI_COMMAND))
		r = fill_comm(pids, n, out);
	if (r < 0)
		ns_procinfo_free(out, n);
	return r;
}

void ns_procinfo_free(struct ns_procinfo *info, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(info[i].command);
		info[i].command = NULL;
	}
}
