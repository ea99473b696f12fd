/* rtnetlink operations: one socket per network namespace, kept for the life of the handle (a
 * batch), each step named in ns_error when it fails, composites undone on failure. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "libns.h"

struct rtnl_sock {
	dev_t dev;
	ino_t ino;
	struct ns_nl nl;
};

struct ns_rtnl {
	struct ns_nl host;
	struct rtnl_sock *socks;
	size_t nsocks, socks_cap;
	char buf[NS_NL_MSG_SIZE];
};

int ns_rtnl_new(struct ns_rtnl **out)
{
	struct ns_rtnl *rt = calloc(1, sizeof(*rt));
	if (!rt)
		return -ENOMEM;
	int r = ns_nl_open(&rt->host);
	if (r < 0) {
		free(rt);
		return r;
	}
	*out = rt;
	return 0;
}

void ns_rtnl_free(struct ns_rtnl *rt)
{
	if (!rt)
		return;
	ns_nl_close(&rt->host);
	for (size_t i = 0; i < rt->nsocks; i++)
		ns_nl_close(&rt->socks[i].nl);
	free(rt->socks);
	free(rt);
}

void ns_rtnl_forget(struct ns_rtnl *rt, int netns_fd)
{
	struct stat st;
	if (!rt || fstat(netns_fd, &st) < 0)
		return;
	for (size_t i = 0; i < rt->nsocks; i++)
		if (rt->socks[i].dev == st.st_dev && rt->socks[i].ino == st.st_ino) {
			ns_nl_close(&rt->socks[i].nl);
			rt->socks[i] = rt->socks[--rt->nsocks];
			return;
		}
}

/* The socket for netns_fd's namespace, opened there the first time. */
static int sock_for(struct ns_rtnl *rt, int netns_fd, struct ns_nl **nl)
{
	if (netns_fd < 0) {
		*nl = &rt->host;
		return 0;
	}
	struct stat st;
	if (fstat(netns_fd, &st) < 0)
		return -errno;
	for (size_t i = 0; i < rt->nsocks; i++)
		if (rt->socks[i].dev == st.st_dev && rt->socks[i].ino == st.st_ino) {
			*nl = &rt->socks[i].nl;
			return 0;
		}
	int r = ns_grow(&rt->socks, &rt->socks_cap, rt->nsocks + 1, sizeof(*rt->socks));
	if (r < 0)
		return r;
	struct rtnl_sock *s = &rt->socks[rt->nsocks];
	if ((r = ns_nl_open_in(&s->nl, netns_fd)) < 0)
		return r;
	s->dev = st.st_dev;
	s->ino = st.st_ino;
	*nl = &rt->socks[rt->nsocks++].nl;
	return 0;
}

static void set_step(struct ns_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_step(struct ns_error *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->step, sizeof(err->step), fmt, ap);
	va_end(ap);
	err->extack[0] = '\0';
	err->undo_failed[0] = '\0';
}

/* Records in err an undo step that failed, so the caller does not claim a clean rollback. */
static void note_undo(struct ns_error *err, const struct ns_error *undo, int r)
{
	if (r < 0 && !err->undo_failed[0])
		snprintf(err->undo_failed, sizeof(err->undo_failed), "%.150s: %s", undo->step, strerror(-r));
}

/* Sends the message built in rt->buf (len from a builder) in netns_fd's namespace. */
static int send_built(struct ns_rtnl *rt, int netns_fd, int len, mnl_cb_t cb, void *data,
		      struct ns_error *err)
{
	struct ns_nl *nl;
	if (len < 0)
		return len;
	int r = sock_for(rt, netns_fd, &nl);
	if (r < 0)
		return r;
	return ns_nl_request(nl, (struct nlmsghdr *)rt->buf, cb, data, err->extack, sizeof(err->extack));
}

static int index_cb(const struct nlmsghdr *nlh, void *data)
{
	struct ns_link_info info;
	if (ns_parse_link_msg(nlh, nlh->nlmsg_len, &info) == 0)
		*(int *)data = info.index;
	return MNL_CB_OK;
}

int ns_link_index(struct ns_rtnl *rt, int netns_fd, const char *ifname, struct ns_error *err)
{
	set_step(err, "find link '%s'", ifname);
	int index = 0;
	int r = send_built(rt, netns_fd, ns_msg_link_get(rt->buf, sizeof(rt->buf), ifname), index_cb,
			   &index, err);
	if (r < 0)
		return r;
	return index > 0 ? index : -ENODEV;
}

int ns_link_set(struct ns_rtnl *rt, int netns_fd, const struct ns_link_change *req, struct ns_error *err)
{
	set_step(err, "set link '%s'", req->ifname);
	return send_built(rt, netns_fd, ns_msg_link_change(rt->buf, sizeof(rt->buf), req), NULL, NULL, err);
}

int ns_link_del(struct ns_rtnl *rt, int netns_fd, const char *ifname, struct ns_error *err)
{
	set_step(err, "delete link '%s'", ifname);
	return send_built(rt, netns_fd, ns_msg_link_del(rt->buf, sizeof(rt->buf), ifname), NULL, NULL, err);
}

int ns_addr_change(struct ns_rtnl *rt, int netns_fd, int cmd, const char *ifname,
		   const struct ns_cidr *cidr, unsigned flags, struct ns_error *err)
{
	char text[64];
	ns_format_cidr(cidr, true, text, sizeof(text));
	int index = ns_link_index(rt, netns_fd, ifname, err);
	if (index < 0)
		return index;
	set_step(err, "%s address '%s' %s '%s'", cmd == RTM_NEWADDR ? "add" : "delete", text,
		 cmd == RTM_NEWADDR ? "to" : "from", ifname);
	return send_built(rt, netns_fd, ns_msg_addr(rt->buf, sizeof(rt->buf), cmd, index, cidr, flags),
			  NULL, NULL, err);
}

int ns_route_change(struct ns_rtnl *rt, int netns_fd, int cmd, const struct ns_route_req *req,
		    const char *dev, struct ns_error *err)
{
	struct ns_route_req full = *req;
	if (dev && (full.oif = ns_link_index(rt, netns_fd, dev, err)) < 0)
		return full.oif;
	char dst[64] = "default";
	if (req->dst.prefix)
		ns_format_cidr(&req->dst, true, dst, sizeof(dst));
	set_step(err, "%s route '%s'", cmd == RTM_NEWROUTE ? "add" : "delete", dst);
	return send_built(rt, netns_fd, ns_msg_route(rt->buf, sizeof(rt->buf), cmd, &full), NULL, NULL, err);
}

int ns_nsid_set(struct ns_rtnl *rt, int netns_fd, int nsid, struct ns_error *err)
{
	set_step(err, "set netnsid %d", nsid);
	return send_built(rt, -1, ns_msg_set_nsid(rt->buf, sizeof(rt->buf), netns_fd, nsid), NULL, NULL, err);
}

/* ---- dumps into growing arrays ---- */

struct collect {
	void *items;
	size_t n, cap, size;
	int (*parse)(const void *msg, size_t len, void *out);
};

static int collect_cb(const struct nlmsghdr *nlh, void *data)
{
	struct collect *c = data;
	if (ns_grow(&c->items, &c->cap, c->n + 1, c->size) < 0) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	char *slot = (char *)c->items + c->n * c->size;
	/* messages of other types (or families) in a dump are skipped, not fatal */
	if (c->parse(nlh, nlh->nlmsg_len, slot) == 0)
		c->n++;
	return MNL_CB_OK;
}

static void collect_reset(void *data)
{
	((struct collect *)data)->n = 0;
}

static int dump(struct ns_rtnl *rt, int netns_fd, int type, int family, struct collect *c,
		struct ns_error *err)
{
	struct ns_nl *nl;
	int r = sock_for(rt, netns_fd, &nl);
	int len = ns_msg_dump(rt->buf, sizeof(rt->buf), type, family);
	if (r == 0 && len < 0)
		r = len;
	if (r == 0)
		r = ns_nl_dump(nl, (struct nlmsghdr *)rt->buf, collect_cb, collect_reset, c, err->extack,
			       sizeof(err->extack));
	if (r < 0) {
		free(c->items);
		c->items = NULL;
		c->n = 0;
	}
	return r;
}

static int parse_link(const void *msg, size_t len, void *out)
{
	return ns_parse_link_msg(msg, len, out);
}

static int parse_addr(const void *msg, size_t len, void *out)
{
	return ns_parse_addr_msg(msg, len, out);
}

static int parse_route(const void *msg, size_t len, void *out)
{
	return ns_parse_route_msg(msg, len, out);
}

int ns_link_list(struct ns_rtnl *rt, int netns_fd, struct ns_link_info **links, size_t *n,
		 struct ns_error *err)
{
	struct collect c = { NULL, 0, 0, sizeof(**links), parse_link };
	set_step(err, "list links");
	int r = dump(rt, netns_fd, RTM_GETLINK, AF_UNSPEC, &c, err);
	*links = c.items;
	*n = c.n;
	return r;
}

int ns_addr_list(struct ns_rtnl *rt, int netns_fd, struct ns_addr_info **addrs, size_t *n,
		 struct ns_error *err)
{
	struct collect c = { NULL, 0, 0, sizeof(**addrs), parse_addr };
	set_step(err, "list addresses");
	int r = dump(rt, netns_fd, RTM_GETADDR, AF_UNSPEC, &c, err);
	*addrs = c.items;
	*n = c.n;
	return r;
}

int ns_route_list(struct ns_rtnl *rt, int netns_fd, int family, struct ns_route_info **routes,
		  size_t *n, struct ns_error *err)
{
	struct collect c = { NULL, 0, 0, sizeof(**routes), parse_route };
	set_step(err, "list routes");
	int r = dump(rt, netns_fd, RTM_GETROUTE, family, &c, err);
	*routes = c.items;
	*n = c.n;
	return r;
}

/* ---- composites ---- */

int ns_bridge_add(struct ns_rtnl *rt, const char *name, const struct ns_cidr *addr, struct ns_error *err)
{
	set_step(err, "create bridge '%s'", name);
	int r = send_built(rt, -1, ns_msg_bridge(rt->buf, sizeof(rt->buf), name, true), NULL, NULL, err);
	if (r < 0 || !addr)
		return r;
	r = ns_addr_change(rt, -1, RTM_NEWADDR, name, addr, 0, err);
	if (r < 0) {
		struct ns_error undo;
		note_undo(err, &undo, ns_link_del(rt, -1, name, &undo));
	}
	return r;
}

/* The host end's address of the family, as the peer's gateway. */
static const struct ns_cidr *host_addr_of(const struct ns_veth_setup *s, int family)
{
	for (size_t i = 0; i < s->naddrs; i++)
		if (s->addrs[i].family == family)
			return &s->addrs[i];
	return NULL;
}

static int veth_create(struct ns_rtnl *rt, const struct ns_veth_setup *s, int netns_fd,
		       struct ns_error *err)
{
	struct ns_veth_req req = {
		.ifname = s->ifname, .peer_ifname = s->peer_ifname, .peer_netns_fd = netns_fd,
		.mtu = s->mtu, .has_peer_mac = s->has_peer_mac, .up = true,
	};
	memcpy(req.peer_mac, s->peer_mac, sizeof(req.peer_mac));
	if (s->bridge) {
		int master = ns_link_index(rt, -1, s->bridge, err);
		if (master < 0)
			return master;
		req.master_index = master;
	}
	set_step(err, "create veth '%s' with peer '%s'", s->ifname, s->peer_ifname);
	return send_built(rt, -1, ns_msg_veth(rt->buf, sizeof(rt->buf), &req), NULL, NULL, err);
}

/* Addresses on both ends, lo up inside, default routes inside. */
static int veth_configure(struct ns_rtnl *rt, const struct ns_veth_setup *s, int netns_fd,
			  struct ns_error *err)
{
	int r = 0;
	/* addresses on a fresh veth need no duplicate detection: the test and the peer are ours */
	for (size_t i = 0; r == 0 && i < s->naddrs; i++)
		r = ns_addr_change(rt, -1, RTM_NEWADDR, s->ifname, &s->addrs[i], IFA_F_NODAD, err);
	for (size_t i = 0; r == 0 && i < s->npeer_addrs; i++)
		r = ns_addr_change(rt, netns_fd, RTM_NEWADDR, s->peer_ifname, &s->peer_addrs[i],
				   IFA_F_NODAD, err);
	struct ns_link_change peer_up = { .ifname = s->peer_ifname, .up = 1 };
	struct ns_link_change lo_up = { .ifname = "lo", .up = 1 };
	if (r == 0)
		r = ns_link_set(rt, netns_fd, &peer_up, err);
	if (r == 0 && netns_fd >= 0)
		r = ns_link_set(rt, netns_fd, &lo_up, err);
	struct ns_cidr gateways[NS_VETH_MAX_ADDRS];
	size_t ngw = s->ngateways;
	memcpy(gateways, s->gateways, sizeof(gateways));
	for (int f = 0; s->gateway_auto && f < 2; f++) {
		const struct ns_cidr *host = host_addr_of(s, f ? AF_INET6 : AF_INET);
		if (host && ngw < NS_VETH_MAX_ADDRS)
			gateways[ngw++] = *host;
	}
	for (size_t i = 0; r == 0 && i < ngw; i++) {
		struct ns_route_req route = { .dst = { .family = gateways[i].family }, .has_gateway = true,
					      .gateway = gateways[i] };
		r = ns_route_change(rt, netns_fd, RTM_NEWROUTE, &route, s->peer_ifname, err);
	}
	return r;
}

int ns_veth_setup(struct ns_rtnl *rt, const struct ns_veth_setup *s, struct ns_error *err)
{
	int netns_fd = -1, r = 0;
	bool created_netns = false, created_link = false;
	if (s->netns && s->create_netns) {
		set_step(err, "create netns '%s'", s->netns);
		if ((r = ns_netns_add(s->netns)) < 0)
			return r;
		created_netns = true;
	}
	if (s->netns) {
		set_step(err, "open netns '%s'", s->netns);
		netns_fd = r = ns_netns_open(s->netns);
	}
	if (r >= 0 && (r = veth_create(rt, s, netns_fd, err)) == 0)
		created_link = true;
	if (r >= 0)
		r = veth_configure(rt, s, netns_fd, err);
	if (r < 0) {
		/* undo in reverse; the peer goes with the host end */
		struct ns_error undo;
		if (created_link)
			note_undo(err, &undo, ns_link_del(rt, -1, s->ifname, &undo));
		if (created_netns) {
			snprintf(undo.step, sizeof(undo.step), "delete netns '%.150s'", s->netns);
			note_undo(err, &undo, ns_netns_del(s->netns));
		}
	}
	if (netns_fd >= 0)
		close(netns_fd);
	return r < 0 ? r : 0;
}
