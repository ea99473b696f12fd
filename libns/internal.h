/* libns private helpers shared between modules. */
#ifndef LIBNS_INTERNAL_H
#define LIBNS_INTERNAL_H

#include <stddef.h>

/* Grows *array (of elem_size items, capacity *cap) to hold at least need items. */
int ns_grow(void *array, size_t *cap, size_t need, size_t elem_size);

/* "%s/%d/ns/%s" into buf; returns -ENAMETOOLONG when it does not fit. */
int ns_proc_ns_path(char *buf, size_t size, const char *proc_root, pid_t pid, const char *name);

/* ---- idmap.c, used by spawn.c too (nsunshare) ---- */
#include <sys/types.h>
/* Writes text to /proc/PID/NAME (pid 0: self) in one write. */
int ns_proc_write(pid_t pid, const char *name, const char *text);
/* waitpid that retries on EINTR. */
int ns_wait_child(pid_t pid, int *status);

/* ---- nl.c: one rtnetlink conversation ---- */
#include "lazylib.h"

struct ns_nl {
	struct mnl_socket *sock;
	unsigned portid;
	unsigned seq;
};

int ns_nl_open(struct ns_nl *nl);
void ns_nl_close(struct ns_nl *nl);
/* Sends nlh with NLM_F_ACK, checks sequence and port, runs cb on each reply; an NLMSG_ERROR
 * becomes -errno and the kernel's extended-ack text (if any) lands in errmsg. */
int ns_nl_request(struct ns_nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data,
		  char *errmsg, size_t errlen);
/* ---- nl.c, for nsnet (issue 5): dumps and the reply parser ---- */
#define NS_NL_RECV_SIZE 32768
/* bound of one request we build */
#define NS_NL_MSG_SIZE 8192
#define NS_NL_DUMP_TRIES 5
/* Runs the replies in buf through cb after checking seq and port: 0 when the ack (or the end of a
 * dump) came, 1 when more is to come, -errno for an NLMSG_ERROR (text in errmsg) or bad input. */
int ns_nl_parse_replies(const void *buf, size_t len, unsigned seq, unsigned portid, mnl_cb_t cb,
			void *data, char *errmsg, size_t errlen);
/* A dump request; one that comes back with NLM_F_DUMP_INTR is redone (after reset(data)) a few
 * times, then -EINTR. A full socket buffer is -ENOBUFS. */
int ns_nl_dump(struct ns_nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void (*reset)(void *data),
	       void *data, char *errmsg, size_t errlen);
/* Opens the socket inside the network namespace netns_fd and comes back to ours. */
int ns_nl_open_in(struct ns_nl *nl, int netns_fd);

/* ---- procinfo.c: libproc2, loaded on first use ---- */
#include <libproc2/pids.h>

/* Linking libproc2 drags libsystemd and its compressors into every start of every applet
 * (about 1 ms); only the applets that read process metadata pay for it this way. */
struct ns_proc2 {
	int (*pids_new)(struct pids_info **info, enum pids_item *items, int numitems);
	int (*pids_unref)(struct pids_info **info);
	struct pids_fetch *(*pids_reap)(struct pids_info *info, enum pids_fetch_type which);
	struct pids_fetch *(*pids_select)(struct pids_info *info, unsigned *these, int numthese,
					  enum pids_select_type which);
	struct pids_stack **(*pids_sort)(struct pids_info *info, struct pids_stack *stacks[], int numstacked,
					 enum pids_item sortitem, enum pids_sort_order order);
};

/* The libproc2 functions, or NULL (errno set) when libproc2.so.0 cannot be loaded. */
const struct ns_proc2 *ns_proc2(void);

/* PIDS_VAL lost its info argument in procps-ng 4.0.5; the Makefile says which we have. */
#ifdef LIBPROC2_PIDS_VAL_3ARGS
#define PVAL(item, type, stack, info) PIDS_VAL(item, type, stack)
#else
#define PVAL(item, type, stack, info) PIDS_VAL(item, type, stack, info)
#endif
#endif
