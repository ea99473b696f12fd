/* rtnetlink messages built into a caller buffer (no socket: the unit tests compare bytes),
 * and the parsers of the replies. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <string.h>
#include <sys/socket.h>

#include "internal.h"
#include "libns.h"

/* Header plus extra header in a zeroed buf; NULL when size cannot hold them. */
static struct nlmsghdr *start_msg(void *buf, size_t size, int type, unsigned flags, size_t extra_len)
{
	if (size < MNL_NLMSG_HDRLEN + MNL_ALIGN(extra_len))
		return NULL;
	/* libmnl leaves attribute padding as it finds it: no stale bytes go to the kernel */
	memset(buf, 0, size);
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = (uint16_t)type;
	nlh->nlmsg_flags = (uint16_t)(NLM_F_REQUEST | flags);
	mnl_nlmsg_put_extra_header(nlh, extra_len);
	return nlh;
}

static struct ifinfomsg *put_ifinfo(struct nlmsghdr *nlh, size_t size, int index, bool up)
{
	if (nlh->nlmsg_len + MNL_ALIGN(sizeof(struct ifinfomsg)) > size)
		return NULL;
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = index;
	if (up) {
		ifi->ifi_flags = IFF_UP;
		ifi->ifi_change = IFF_UP;
	}
	return ifi;
}

static int msg_len(const struct nlmsghdr *nlh, bool ok)
{
	return ok ? (int)nlh->nlmsg_len : -EMSGSIZE;
}

int ns_msg_veth(void *buf, size_t size, const struct ns_veth_req *req)
{
	struct nlmsghdr *nlh = start_msg(buf, size, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
	if (!nlh || !put_ifinfo(nlh, size, 0, req->up))
		return -EMSGSIZE;
	bool ok = mnl_attr_put_strz_check(nlh, size, IFLA_IFNAME, req->ifname);
	if (ok && req->mtu)
		ok = mnl_attr_put_u32_check(nlh, size, IFLA_MTU, req->mtu);
	if (ok && req->master_index)
		ok = mnl_attr_put_u32_check(nlh, size, IFLA_MASTER, (uint32_t)req->master_index);
	struct nlattr *linkinfo = ok ? mnl_attr_nest_start_check(nlh, size, IFLA_LINKINFO) : NULL;
	ok = linkinfo && mnl_attr_put_strz_check(nlh, size, IFLA_INFO_KIND, "veth");
	struct nlattr *data = ok ? mnl_attr_nest_start_check(nlh, size, IFLA_INFO_DATA) : NULL;
	struct nlattr *peer = data ? mnl_attr_nest_start_check(nlh, size, VETH_INFO_PEER) : NULL;
	/* the peer's own ifinfomsg; never IFF_UP: veth_open fails (ENOTCONN) before the pair is joined */
	ok = peer && put_ifinfo(nlh, size, 0, false);
	if (ok)
		ok = mnl_attr_put_strz_check(nlh, size, IFLA_IFNAME, req->peer_ifname);
	if (ok && req->peer_netns_fd >= 0)
		ok = mnl_attr_put_u32_check(nlh, size, IFLA_NET_NS_FD, (uint32_t)req->peer_netns_fd);
	if (ok && req->mtu)
		ok = mnl_attr_put_u32_check(nlh, size, IFLA_MTU, req->mtu);
	if (ok && req->has_peer_mac)
		ok = mnl_attr_put_check(nlh, size, IFLA_ADDRESS, 6, req->peer_mac);
	if (!ok)
		return -EMSGSIZE;
	mnl_attr_nest_end(nlh, peer);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, linkinfo);
	return (int)nlh->nlmsg_len;
}

int ns_msg_bridge(void *buf, size_t size, const char *name, bool up)
{
	struct nlmsghdr *nlh = start_msg(buf, size, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, 0);
	if (!nlh || !put_ifinfo(nlh, size, 0, up))
		return -EMSGSIZE;
	bool ok = mnl_attr_put_strz_check(nlh, size, IFLA_IFNAME, name);
	struct nlattr *linkinfo = ok ? mnl_attr_nest_start_check(nlh, size, IFLA_LINKINFO) : NULL;
	ok = linkinfo && mnl_attr_put_strz_check(nlh, size, IFLA_INFO_KIND, "bridge");
	if (!ok)
		return -EMSGSIZE;
	mnl_attr_nest_end(nlh, linkinfo);
	return (int)nlh->nlmsg_len;
}

int ns_msg_link_change(void *buf, size_t size, const struct ns_link_change *req)
{
	struct nlmsghdr *nlh = start_msg(buf, size, RTM_NEWLINK, 0, 0);
	struct ifinfomsg *ifi = nlh ? put_ifinfo(nlh, size, req->index, false) : NULL;
	if (!ifi)
		return -EMSGSIZE;
	if (req->up >= 0) {
		ifi->ifi_flags = req->up ? IFF_UP : 0;
		ifi->ifi_change = IFF_UP;
	}
	bool ok = true;
	/* the kernel finds the link by IFLA_IFNAME only when no index is given */
	if (!req->index)
		ok = mnl_attr_put_strz_check(nlh, size, IFLA_IFNAME, req->ifname);
	else if (req->new_name)
		ok = mnl_attr_put_strz_check(nlh, size, IFLA_IFNAME, req->new_name);
	if (ok && req->mtu)
		ok = mnl_attr_put_u32_check(nlh, size, IFLA_MTU, req->mtu);
	if (ok && req->master_index)
		ok = mnl_attr_put_u32_check(nlh, size, IFLA_MASTER, (uint32_t)req->master_index);
	return msg_len(nlh, ok);
}

static int link_by_name(void *buf, size_t size, int type, const char *ifname)
{
	struct nlmsghdr *nlh = start_msg(buf, size, type, 0, 0);
	if (!nlh || !put_ifinfo(nlh, size, 0, false))
		return -EMSGSIZE;
	return msg_len(nlh, mnl_attr_put_strz_check(nlh, size, IFLA_IFNAME, ifname));
}

int ns_msg_link_del(void *buf, size_t size, const char *ifname)
{
	return link_by_name(buf, size, RTM_DELLINK, ifname);
}

int ns_msg_link_get(void *buf, size_t size, const char *ifname)
{
	return link_by_name(buf, size, RTM_GETLINK, ifname);
}

int ns_msg_addr(void *buf, size_t size, int cmd, int ifindex, const struct ns_cidr *cidr, unsigned flags)
{
	unsigned create = cmd == RTM_NEWADDR ? NLM_F_CREATE | NLM_F_EXCL : 0;
	struct nlmsghdr *nlh = start_msg(buf, size, cmd, create, sizeof(struct ifaddrmsg));
	if (!nlh)
		return -EMSGSIZE;
	struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	ifa->ifa_family = (uint8_t)cidr->family;
	ifa->ifa_prefixlen = (uint8_t)cidr->prefix;
	ifa->ifa_flags = (uint8_t)flags;
	ifa->ifa_scope = RT_SCOPE_UNIVERSE;
	ifa->ifa_index = (uint32_t)ifindex;
	size_t len = ns_cidr_addr_len(cidr);
	/* IPv4 wants the local address too; for IPv6, IFA_ADDRESS is the local one */
	bool ok = cidr->family != AF_INET || mnl_attr_put_check(nlh, size, IFA_LOCAL, len, cidr->addr);
	ok = ok && mnl_attr_put_check(nlh, size, IFA_ADDRESS, len, cidr->addr);
	return msg_len(nlh, ok);
}

int ns_msg_route(void *buf, size_t size, int cmd, const struct ns_route_req *req)
{
	unsigned create = cmd == RTM_NEWROUTE ? NLM_F_CREATE | NLM_F_EXCL : 0;
	struct nlmsghdr *nlh = start_msg(buf, size, cmd, create, sizeof(struct rtmsg));
	if (!nlh)
		return -EMSGSIZE;
	struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);
	rtm->rtm_family = (uint8_t)req->dst.family;
	rtm->rtm_dst_len = (uint8_t)req->dst.prefix;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = cmd == RTM_NEWROUTE ? RTPROT_BOOT : 0;
	rtm->rtm_scope = cmd == RTM_NEWROUTE ? RT_SCOPE_UNIVERSE : RT_SCOPE_NOWHERE;
	rtm->rtm_type = cmd == RTM_NEWROUTE ? RTN_UNICAST : 0;
	size_t len = ns_cidr_addr_len(&req->dst);
	bool ok = true;
	if (req->dst.prefix)
		ok = mnl_attr_put_check(nlh, size, RTA_DST, len, req->dst.addr);
	if (ok && req->has_gateway)
		ok = mnl_attr_put_check(nlh, size, RTA_GATEWAY, len, req->gateway.addr);
	if (ok && req->oif)
		ok = mnl_attr_put_u32_check(nlh, size, RTA_OIF, (uint32_t)req->oif);
	return msg_len(nlh, ok);
}

int ns_msg_dump(void *buf, size_t size, int type, int family)
{
	size_t extra = type == RTM_GETLINK ? sizeof(struct ifinfomsg)
		       : type == RTM_GETADDR ? sizeof(struct ifaddrmsg) : sizeof(struct rtmsg);
	struct nlmsghdr *nlh = start_msg(buf, size, type, NLM_F_DUMP, extra);
	if (!nlh)
		return -EMSGSIZE;
	/* the family is the first byte of every one of these headers */
	*(uint8_t *)mnl_nlmsg_get_payload(nlh) = (uint8_t)family;
	return (int)nlh->nlmsg_len;
}

int ns_msg_set_nsid(void *buf, size_t size, int netns_fd, int nsid)
{
	struct nlmsghdr *nlh = start_msg(buf, size, RTM_NEWNSID, 0, sizeof(struct rtgenmsg));
	if (!nlh)
		return -EMSGSIZE;
	bool ok = mnl_attr_put_u32_check(nlh, size, NETNSA_FD, (uint32_t)netns_fd) &&
		  mnl_attr_put_u32_check(nlh, size, NETNSA_NSID, (uint32_t)nsid);
	return msg_len(nlh, ok);
}

/* ---- replies ---- */

/* The message, when len holds it whole and it holds its extra header. */
static const struct nlmsghdr *checked_msg(const void *msg, size_t len, int type, size_t extra)
{
	const struct nlmsghdr *nlh = msg;
	if (len < sizeof(*nlh) || nlh->nlmsg_len > len || nlh->nlmsg_type != type ||
	    nlh->nlmsg_len < mnl_nlmsg_size(extra))
		return NULL;
	return nlh;
}

struct attr_table {
	const struct nlattr **tb;
	int max;
};

static int fill_table(const struct nlattr *attr, void *data)
{
	struct attr_table *t = data;
	int type = mnl_attr_get_type(attr);
	if (type <= t->max)
		t->tb[type] = attr;
	return MNL_CB_OK;
}

/* Every attribute after the extra header into tb; -EBADMSG when one overruns the message. */
static int parse_attrs(const struct nlmsghdr *nlh, size_t extra, const struct nlattr **tb, int max)
{
	struct attr_table t = { tb, max };
	memset(tb, 0, sizeof(*tb) * (size_t)(max + 1));
	size_t offset = MNL_ALIGN(extra);
	const struct nlattr *attr = mnl_nlmsg_get_payload_offset(nlh, offset);
	int remaining = (int)nlh->nlmsg_len - (int)mnl_nlmsg_size(offset);
	/* mnl_attr_parse stops silently at a bad attribute: walk by hand to refuse it */
	while (remaining >= (int)sizeof(struct nlattr)) {
		if (!mnl_attr_ok(attr, remaining))
			return -EBADMSG;
		fill_table(attr, &t);
		remaining -= (int)MNL_ALIGN(attr->nla_len);
		attr = mnl_attr_next(attr);
	}
	return remaining > 0 ? -EBADMSG : 0;
}

static int copy_str(const struct nlattr *attr, char *out, size_t size)
{
	if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0 || mnl_attr_get_payload_len(attr) > size)
		return -EBADMSG;
	memcpy(out, mnl_attr_get_str(attr), mnl_attr_get_payload_len(attr));
	return 0;
}

static int get_u32(const struct nlattr *attr, uint32_t *out)
{
	if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
		return -EBADMSG;
	*out = mnl_attr_get_u32(attr);
	return 0;
}

static int link_kind(const struct nlattr *linkinfo, char *kind, size_t size)
{
	const struct nlattr *attr;
	mnl_attr_for_each_nested(attr, linkinfo) {
		if (mnl_attr_get_type(attr) == IFLA_INFO_KIND)
			return copy_str(attr, kind, size);
	}
	return 0;
}

int ns_parse_link_msg(const void *msg, size_t len, struct ns_link_info *out)
{
	const struct nlmsghdr *nlh = checked_msg(msg, len, RTM_NEWLINK, sizeof(struct ifinfomsg));
	const struct nlattr *tb[IFLA_MAX + 1];
	if (!nlh || parse_attrs(nlh, sizeof(struct ifinfomsg), tb, IFLA_MAX) < 0 || !tb[IFLA_IFNAME])
		return -EBADMSG;
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	memset(out, 0, sizeof(*out));
	out->index = ifi->ifi_index;
	out->flags = ifi->ifi_flags;
	uint32_t value = 0;
	if (copy_str(tb[IFLA_IFNAME], out->name, sizeof(out->name)) < 0 ||
	    (tb[IFLA_MTU] && get_u32(tb[IFLA_MTU], &out->mtu) < 0))
		return -EBADMSG;
	if (tb[IFLA_MASTER]) {
		if (get_u32(tb[IFLA_MASTER], &value) < 0)
			return -EBADMSG;
		out->master = (int)value;
	}
	if (tb[IFLA_LINKINFO] && link_kind(tb[IFLA_LINKINFO], out->kind, sizeof(out->kind)) < 0)
		return -EBADMSG;
	if (tb[IFLA_ADDRESS] && mnl_attr_get_payload_len(tb[IFLA_ADDRESS]) == 6) {
		out->has_mac = true;
		memcpy(out->mac, mnl_attr_get_payload(tb[IFLA_ADDRESS]), 6);
	}
	return 0;
}

static int get_addr(const struct nlattr *attr, int family, struct ns_cidr *out, unsigned prefix)
{
	size_t len = family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0;
	if (!len || mnl_attr_get_payload_len(attr) != len)
		return -EBADMSG;
	out->family = family;
	memcpy(out->addr, mnl_attr_get_payload(attr), len);
	out->prefix = prefix;
	return 0;
}

int ns_parse_addr_msg(const void *msg, size_t len, struct ns_addr_info *out)
{
	const struct nlmsghdr *nlh = checked_msg(msg, len, RTM_NEWADDR, sizeof(struct ifaddrmsg));
	const struct nlattr *tb[IFA_MAX + 1];
	if (!nlh || parse_attrs(nlh, sizeof(struct ifaddrmsg), tb, IFA_MAX) < 0)
		return -EBADMSG;
	const struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *local = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	memset(out, 0, sizeof(*out));
	out->index = (int)ifa->ifa_index;
	if (!local || get_addr(local, ifa->ifa_family, &out->cidr, ifa->ifa_prefixlen) < 0)
		return -EBADMSG;
	return 0;
}

int ns_parse_route_msg(const void *msg, size_t len, struct ns_route_info *out)
{
	const struct nlmsghdr *nlh = checked_msg(msg, len, RTM_NEWROUTE, sizeof(struct rtmsg));
	const struct nlattr *tb[RTA_MAX + 1];
	if (!nlh || parse_attrs(nlh, sizeof(struct rtmsg), tb, RTA_MAX) < 0)
		return -EBADMSG;
	const struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);
	int family = rtm->rtm_family;
	if (family != AF_INET && family != AF_INET6)
		return -EBADMSG;
	memset(out, 0, sizeof(*out));
	out->dst.family = family;
	out->dst.prefix = rtm->rtm_dst_len;
	out->table = rtm->rtm_table;
	out->type = rtm->rtm_type;
	uint32_t value;
	if (tb[RTA_DST] && get_addr(tb[RTA_DST], family, &out->dst, rtm->rtm_dst_len) < 0)
		return -EBADMSG;
	if (tb[RTA_GATEWAY]) {
		if (get_addr(tb[RTA_GATEWAY], family, &out->gateway, family == AF_INET ? 32 : 128) < 0)
			return -EBADMSG;
		out->has_gateway = true;
	}
	if (tb[RTA_OIF]) {
		if (get_u32(tb[RTA_OIF], &value) < 0)
			return -EBADMSG;
		out->oif = (int)value;
	}
	if (tb[RTA_TABLE]) {
		if (get_u32(tb[RTA_TABLE], &value) < 0)
			return -EBADMSG;
		out->table = value;
	}
	return 0;
}
