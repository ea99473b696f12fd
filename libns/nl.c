/* rtnetlink through libmnl: socket, request with ack, extended-ack text, netnsid. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <linux/net_namespace.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include "libns.h"

int ns_nl_open(struct ns_nl *nl)
{
	nl->sock = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
	if (!nl->sock)
		return -errno;
	int one = 1;
	/* extended acks carry the kernel's reason text; older kernels just ignore the option */
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0) {
		int r = -errno;
		mnl_socket_close(nl->sock);
		nl->sock = NULL;
		return r;
	}
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = (unsigned)time(NULL);
	return 0;
}

int ns_nl_open_in(struct ns_nl *nl, int netns_fd)
{
	if (netns_fd < 0)
		return ns_nl_open(nl);
	int home = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (home < 0)
		return -errno;
	int r = setns(netns_fd, CLONE_NEWNET) < 0 ? -errno : 0;
	if (r == 0) {
		/* a socket stays in the netns it was made in */
		r = ns_nl_open(nl);
		if (setns(home, CLONE_NEWNET) < 0) {
			int e = -errno;
			ns_nl_close(nl);
			r = e;
		}
	}
	close(home);
	return r;
}

void ns_nl_close(struct ns_nl *nl)
{
	if (nl->sock)
		mnl_socket_close(nl->sock);
	nl->sock = NULL;
}

/* mnl_cb_run2 hands one data pointer to both the data and the control callbacks */
struct req_ctx {
	mnl_cb_t cb;
	void *data;
	char *msg;
	size_t len;
};

static int extack_attr_cb(const struct nlattr *attr, void *data)
{
	struct req_ctx *ctx = data;
	if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_MSG && ctx->msg && ctx->len &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) == 0)
		snprintf(ctx->msg, ctx->len, "%s", mnl_attr_get_str(attr));
	return MNL_CB_OK;
}

static int error_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*err))) {
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (err->error == 0)
		return MNL_CB_STOP;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		/* the original request follows, whole or (NLM_F_CAPPED) only its header */
		size_t offset = sizeof(*err);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED) && err->msg.nlmsg_len >= sizeof(err->msg))
			offset += NLMSG_ALIGN(err->msg.nlmsg_len) - sizeof(err->msg);
		if (mnl_nlmsg_size(offset) <= nlh->nlmsg_len)
			mnl_attr_parse(nlh, (unsigned)offset, extack_attr_cb, data);
	}
	errno = err->error < 0 ? -err->error : EPROTO;
	return MNL_CB_ERROR;
}

static int data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct req_ctx *ctx = data;
	return ctx->cb ? ctx->cb(nlh, ctx->data) : MNL_CB_OK;
}

static int done_cb(const struct nlmsghdr *nlh, void *data)
{
	(void)data;
	/* a dump that failed part-way says so in NLMSG_DONE's payload */
	if (nlh->nlmsg_len >= mnl_nlmsg_size(sizeof(int))) {
		int error = *(const int *)mnl_nlmsg_get_payload(nlh);
		if (error < 0) {
			errno = -error;
			return MNL_CB_ERROR;
		}
	}
	return MNL_CB_STOP;
}

int ns_nl_parse_replies(const void *buf, size_t len, unsigned seq, unsigned portid, mnl_cb_t cb,
			void *data, char *errmsg, size_t errlen)
{
	struct req_ctx ctx = { cb, data, errmsg, errlen };
	mnl_cb_t ctl[NLMSG_MIN_TYPE] = { [NLMSG_ERROR] = error_cb, [NLMSG_DONE] = done_cb };
	/* mnl_cb_run2 stops quietly at a truncated message; that must not read as "more to come" */
	const struct nlmsghdr *nlh = buf;
	int remaining = (int)len;
	while (mnl_nlmsg_ok(nlh, remaining))
		nlh = mnl_nlmsg_next(nlh, &remaining);
	if (len == 0 || remaining != 0)
		return -EBADMSG;
	errno = 0;
	int r = mnl_cb_run2(buf, len, seq, portid, data_cb, &ctx, ctl, NLMSG_MIN_TYPE);
	if (r == MNL_CB_STOP)
		return 0;
	if (r < 0)
		return errno ? -errno : -EPROTO;
	return 1;
}

static int converse(struct ns_nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data,
		    char *errmsg, size_t errlen)
{
	/* big enough for the largest dump chunk the kernel sends (32 KiB) */
	static _Thread_local char buf[NS_NL_RECV_SIZE];
	if (errmsg && errlen)
		errmsg[0] = '\0';
	nlh->nlmsg_flags |= NLM_F_REQUEST;
	nlh->nlmsg_seq = ++nl->seq;
	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	for (;;) {
		ssize_t n = mnl_socket_recvfrom(nl->sock, buf, sizeof(buf));
		if (n < 0)
			return -errno;
		int r = ns_nl_parse_replies(buf, (size_t)n, nl->seq, nl->portid, cb, data, errmsg, errlen);
		if (r <= 0)
			return r;
	}
}

int ns_nl_request(struct ns_nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data,
		  char *errmsg, size_t errlen)
{
	nlh->nlmsg_flags |= NLM_F_ACK;
	return converse(nl, nlh, cb, data, errmsg, errlen);
}

struct dump_ctx {
	mnl_cb_t cb;
	void *data;
	bool interrupted;
};

static int dump_cb(const struct nlmsghdr *nlh, void *data)
{
	struct dump_ctx *ctx = data;
	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		ctx->interrupted = true;
	return ctx->cb(nlh, ctx->data);
}

int ns_nl_dump(struct ns_nl *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void (*reset)(void *data),
	       void *data, char *errmsg, size_t errlen)
{
	/* the kernel sends NLMSG_DONE, not an ack, at the end of a dump */
	nlh->nlmsg_flags |= NLM_F_DUMP;
	for (int attempt = 0; attempt < NS_NL_DUMP_TRIES; attempt++) {
		struct dump_ctx ctx = { cb, data, false };
		if (attempt && reset)
			reset(data);
		int r = converse(nl, nlh, dump_cb, &ctx, errmsg, errlen);
		if (r < 0 || !ctx.interrupted)
			return r;
	}
	return -EINTR;
}

struct nsid_reply {
	int nsid;
};

static int nsid_attr_cb(const struct nlattr *attr, void *data)
{
	struct nsid_reply *reply = data;
	if (mnl_attr_get_type(attr) == NETNSA_NSID && mnl_attr_validate(attr, MNL_TYPE_U32) == 0)
		reply->nsid = (int)mnl_attr_get_u32(attr);
	return MNL_CB_OK;
}

static int nsid_cb(const struct nlmsghdr *nlh, void *data)
{
	if (nlh->nlmsg_type == RTM_NEWNSID)
		mnl_attr_parse(nlh, sizeof(struct rtgenmsg), nsid_attr_cb, data);
	return MNL_CB_OK;
}

static int query_nsid(struct ns_nl *nl, int netns_fd)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_GETNSID;
	struct rtgenmsg *g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->rtgen_family = AF_UNSPEC;
	mnl_attr_put_u32(nlh, NETNSA_FD, (uint32_t)netns_fd);
	struct nsid_reply reply = { -1 };
	int r = ns_nl_request(nl, nlh, nsid_cb, &reply, NULL, 0);
	if (r < 0)
		return r;
	return reply.nsid < 0 ? -1 : reply.nsid;
}

int ns_netnsid_of_fd(int netns_fd)
{
	struct ns_nl nl;
	int r = ns_nl_open(&nl);
	if (r < 0)
		return r;
	r = query_nsid(&nl, netns_fd);
	ns_nl_close(&nl);
	return r;
}

int ns_set_resolve_netnsid(struct ns_set *set)
{
	struct ns_nl nl;
	int r = ns_nl_open(&nl);
	if (r < 0)
		return r;
	for (size_t i = 0; i < set->nns; i++) {
		struct ns_entry *e = &set->ns[i];
		if (e->type != NS_NET)
			continue;
		int fd = ns_entry_open(set, e);
		if (fd < 0)
			continue;
		int nsid = query_nsid(&nl, fd);
		close(fd);
		e->netnsid = nsid >= 0 ? nsid : -1;
	}
	ns_nl_close(&nl);
	return 0;
}
