/* Process metadata (ppid, uid, user, command line) through libproc2. */
#define _GNU_SOURCE
#include <errno.h>
#include <libproc2/pids.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "libns.h"

enum { I_PID, I_PPID, I_EUID, I_EUSER, I_CMD, I_CMDLINE_V };

static enum pids_item items[] = {
	[I_PID] = PIDS_ID_PID,
	[I_PPID] = PIDS_ID_PPID,
	[I_EUID] = PIDS_ID_EUID,
	[I_EUSER] = PIDS_ID_EUSER,
	[I_CMD] = PIDS_CMD,
	[I_CMDLINE_V] = PIDS_CMDLINE_V,
};

/* argv joined by spaces; kernel threads have none, so their comm name stands in */
static char *join_command(char **argv, const char *comm)
{
	size_t len = 0;
	for (size_t i = 0; argv && argv[i]; i++)
		len += strlen(argv[i]) + 1;
	if (len == 0 || (argv[0] && argv[0][0] == '-' && argv[0][1] == '\0' && !argv[1]))
		return strdup(comm ? comm : "");
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

int ns_procinfo_fetch(const pid_t *pids, size_t n, struct ns_procinfo *out)
{
	memset(out, 0, n * sizeof(*out));
	if (n == 0)
		return 0;
	struct pids_info *info = NULL;
	int r = procps_pids_new(&info, items, (int)(sizeof(items) / sizeof(items[0])));
	if (r < 0)
		return r;
	unsigned *these = malloc(n * sizeof(*these));
	struct ns_procinfo *found = calloc(n, sizeof(*found));
	if (!these || !found) {
		free(these);
		free(found);
		procps_pids_unref(&info);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		these[i] = (unsigned)pids[i];
	size_t nfound = 0;
	struct pids_fetch *fetch = procps_pids_select(info, these, (int)n, PIDS_SELECT_PID);
	for (int i = 0; fetch && i < fetch->counts->total && nfound < n; i++) {
		struct pids_stack *st = fetch->stacks[i];
		struct ns_procinfo *p = &found[nfound];
		p->pid = PVAL(I_PID, s_int, st, info);
		p->ppid = PVAL(I_PPID, s_int, st, info);
		p->uid = PVAL(I_EUID, u_int, st, info);
		snprintf(p->user, sizeof(p->user), "%s", PVAL(I_EUSER, str, st, info));
		p->command = join_command(PVAL(I_CMDLINE_V, strv, st, info), PVAL(I_CMD, str, st, info));
		if (p->command)
			nfound++;
	}
	r = fetch ? 0 : -errno ? -errno : -EIO;
	free(these);
	procps_pids_unref(&info);
	/* hand results back in the caller's order; a pid that vanished stays zeroed */
	qsort(found, nfound, sizeof(*found), cmp_pid);
	for (size_t i = 0; i < n; i++) {
		struct ns_procinfo key = { .pid = pids[i] };
		struct ns_procinfo *hit = bsearch(&key, found, nfound, sizeof(*found), cmp_pid);
		if (hit) {
			out[i] = *hit;
			out[i].command = strdup(hit->command);
		}
	}
	for (size_t i = 0; i < nfound; i++)
		free(found[i].command);
	free(found);
	return r;
}

void ns_procinfo_free(struct ns_procinfo *info, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(info[i].command);
		info[i].command = NULL;
	}
}
