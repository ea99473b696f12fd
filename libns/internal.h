/* libns private helpers shared between modules. */
#ifndef LIBNS_INTERNAL_H
#define LIBNS_INTERNAL_H

#include <stddef.h>

/* Grows *array (of elem_size items, capacity *cap) to hold at least need items. */
int ns_grow(void *array, size_t *cap, size_t need, size_t elem_size);

/* "%s/%d/ns/%s" into buf; returns -ENAMETOOLONG when it does not fit. */
int ns_proc_ns_path(char *buf, size_t size, const char *proc_root, pid_t pid, const char *name);

/* PIDS_VAL lost its info argument in procps-ng 4.0.5; the Makefile says which we have. */
#ifdef LIBPROC2_PIDS_VAL_3ARGS
#define PVAL(item, type, stack, info) PIDS_VAL(item, type, stack)
#else
#define PVAL(item, type, stack, info) PIDS_VAL(item, type, stack, info)
#endif



/* ---- nl.c: one rtnetlink conversation ---- */
#include <libmnl/libmnl.h>

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
#endif
