/* rtnetlink messages built by link.c, byte for byte, and the parsers of replies on bad input. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "libns.h"
#include "internal.h"

static void veth_with_peer_nest(void **state)
{
	(void)state;
	static const uint8_t expected[] = {
		0x68, 0, 0, 0, 0x10, 0, 0x01, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, /* RTM_NEWLINK REQ|EXCL|CREATE */
		0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0,             /* ifinfomsg, IFF_UP */
		10, 0, 3, 0, 'v', 'e', 't', 'h', '0', 0, 0, 0,              /* IFLA_IFNAME */
		0x3c, 0, 0x12, 0x80,                                        /* IFLA_LINKINFO nest */
		9, 0, 1, 0, 'v', 'e', 't', 'h', 0, 0, 0, 0,                 /* IFLA_INFO_KIND */
		0x2c, 0, 0x02, 0x80,                                        /* IFLA_INFO_DATA nest */
		0x28, 0, 0x01, 0x80,                                        /* VETH_INFO_PEER nest */
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,             /* the peer's ifinfomsg */
		9, 0, 3, 0, 'e', 't', 'h', '0', 0, 0, 0, 0,                 /* its IFLA_IFNAME */
		8, 0, 0x1c, 0, 7, 0, 0, 0,                                  /* IFLA_NET_NS_FD 7 */
	};
	uint8_t buf[512];
	memset(buf, 0xaa, sizeof(buf));
	struct ns_veth_req req = { .ifname = "veth0", .peer_ifname = "eth0", .peer_netns_fd = 7, .up = true };
	assert_int_equal(ns_msg_veth(buf, sizeof(buf), &req), sizeof(expected));
	assert_memory_equal(buf, expected, sizeof(expected));
	assert_int_equal(ns_msg_veth(buf, sizeof(expected) - 1, &req), -EMSGSIZE);
	assert_int_equal(ns_msg_veth(buf, 20, &req), -EMSGSIZE);
}

static void veth_mtu_mac_master(void **state)
{
	(void)state;
	uint8_t buf[512];
	struct ns_veth_req req = { .ifname = "v", .peer_ifname = "p", .peer_netns_fd = -1, .mtu = 1400,
				   .master_index = 5, .has_peer_mac = true, .peer_mac = { 2, 0, 0, 0, 0, 9 } };
	int len = ns_msg_veth(buf, sizeof(buf), &req);
	/* header 32, name 8, mtu 8, master 8, linkinfo 4 + kind 12 + data 4 + peer 4 + ifi 16 + name 8 + mtu 8 + mac 12 */
	assert_int_equal(len, 32 + 8 + 8 + 8 + 4 + 12 + 4 + 4 + 16 + 8 + 8 + 12);
	static const uint8_t host_tail[] = { 8, 0, 4, 0, 0x78, 0x05, 0, 0, 8, 0, 10, 0, 5, 0, 0, 0 };
	assert_memory_equal(buf + 40, host_tail, sizeof(host_tail));
	static const uint8_t peer_tail[] = { 8, 0, 4, 0, 0x78, 0x05, 0, 0, 10, 0, 1, 0, 2, 0, 0, 0, 0, 9, 0, 0 };
	assert_memory_equal(buf + len - (int)sizeof(peer_tail), peer_tail, sizeof(peer_tail));
}

static void ipv4_address(void **state)
{
	(void)state;
	static const uint8_t expected[] = {
		0x28, 0, 0, 0, 0x14, 0, 0x01, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, /* RTM_NEWADDR REQ|EXCL|CREATE */
		2, 24, 0, 0, 3, 0, 0, 0,                                    /* ifaddrmsg AF_INET /24 index 3 */
		8, 0, 2, 0, 192, 0, 2, 1,                                   /* IFA_LOCAL */
		8, 0, 1, 0, 192, 0, 2, 1,                                   /* IFA_ADDRESS */
	};
	uint8_t buf[256];
	struct ns_cidr c;
	assert_int_equal(ns_parse_cidr("192.0.2.1/24", &c), 0);
	assert_int_equal(ns_msg_addr(buf, sizeof(buf), RTM_NEWADDR, 3, &c, 0), sizeof(expected));
	assert_memory_equal(buf, expected, sizeof(expected));
	/* delete: no create flags */
	assert_int_equal(ns_msg_addr(buf, sizeof(buf), RTM_DELADDR, 3, &c, 0), sizeof(expected));
	assert_int_equal(buf[4], RTM_DELADDR);
	assert_int_equal(buf[6] | buf[7] << 8, NLM_F_REQUEST);
	assert_int_equal(ns_msg_addr(buf, 36, RTM_NEWADDR, 3, &c, 0), -EMSGSIZE);
}

static void ipv6_address(void **state)
{
	(void)state;
	static const uint8_t expected[] = {
		0x2c, 0, 0, 0, 0x14, 0, 0x01, 0x06, 0, 0, 0, 0, 0, 0, 0, 0,
		10, 64, IFA_F_NODAD, 0, 3, 0, 0, 0,                          /* AF_INET6 /64 nodad */
		20, 0, 1, 0, 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, /* IFA_ADDRESS */
	};
	uint8_t buf[256];
	struct ns_cidr c;
	assert_int_equal(ns_parse_cidr("2001:db8::2/64", &c), 0);
	assert_int_equal(ns_msg_addr(buf, sizeof(buf), RTM_NEWADDR, 3, &c, IFA_F_NODAD), sizeof(expected));
	assert_memory_equal(buf, expected, sizeof(expected));
}

static void default_route(void **state)
{
	(void)state;
	static const uint8_t expected[] = {
		0x2c, 0, 0, 0, 0x18, 0, 0x01, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, /* RTM_NEWROUTE REQ|EXCL|CREATE */
		2, 0, 0, 0, 254, 3, 0, 1, 0, 0, 0, 0,                       /* main table, boot, universe, unicast */
		8, 0, 5, 0, 192, 0, 2, 1,                                   /* RTA_GATEWAY */
		8, 0, 4, 0, 2, 0, 0, 0,                                     /* RTA_OIF 2 */
	};
	uint8_t buf[256];
	struct ns_route_req req = { .dst = { .family = AF_INET }, .has_gateway = true, .oif = 2 };
	assert_int_equal(ns_parse_ip("192.0.2.1", &req.gateway), 0);
	assert_int_equal(ns_msg_route(buf, sizeof(buf), RTM_NEWROUTE, &req), sizeof(expected));
	assert_memory_equal(buf, expected, sizeof(expected));
}

static void prefix_route(void **state)
{
	(void)state;
	static const uint8_t expected[] = {
		0x24, 0, 0, 0, 0x18, 0, 0x01, 0x06, 0, 0, 0, 0, 0, 0, 0, 0,
		2, 24, 0, 0, 254, 3, 0, 1, 0, 0, 0, 0,
		8, 0, 1, 0, 198, 51, 100, 0,                                /* RTA_DST */
	};
	uint8_t buf[256];
	struct ns_route_req req = { .oif = 0 };
	assert_int_equal(ns_parse_cidr("198.51.100.0/24", &req.dst), 0);
	assert_int_equal(ns_msg_route(buf, sizeof(buf), RTM_NEWROUTE, &req), sizeof(expected));
	assert_memory_equal(buf, expected, sizeof(expected));
}

static void bridge_and_link_change(void **state)
{
	(void)state;
	static const uint8_t bridge[] = {
		0x38, 0, 0, 0, 0x10, 0, 0x01, 0x06, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0,
		8, 0, 3, 0, 'b', 'r', '0', 0,
		0x10, 0, 0x12, 0x80, 11, 0, 1, 0, 'b', 'r', 'i', 'd', 'g', 'e', 0, 0,
	};
	uint8_t buf[256];
	assert_int_equal(ns_msg_bridge(buf, sizeof(buf), "br0", true), sizeof(bridge));
	assert_memory_equal(buf, bridge, sizeof(bridge));
	static const uint8_t down_mtu[] = {
		0x28, 0, 0, 0, 0x10, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0,    /* RTM_NEWLINK, no create */
		0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,             /* index 4, change IFF_UP to 0 */
		8, 0, 4, 0, 0xdc, 0x05, 0, 0,                               /* IFLA_MTU 1500 */
	};
	struct ns_link_change req = { .index = 4, .ifname = "x", .up = 0, .mtu = 1500 };
	assert_int_equal(ns_msg_link_change(buf, sizeof(buf), &req), sizeof(down_mtu));
	assert_memory_equal(buf, down_mtu, sizeof(down_mtu));
	static const uint8_t del[] = {
		0x2c, 0, 0, 0, 0x11, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0,    /* RTM_DELLINK */
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		9, 0, 3, 0, 'v', 'e', 't', 'h', 0, 0, 0, 0,
	};
	assert_int_equal(ns_msg_link_del(buf, sizeof(buf), "veth"), sizeof(del));
	assert_memory_equal(buf, del, sizeof(del));
}

/* A RTM_NEWLINK reply as the kernel would send it. */
static size_t link_reply(uint8_t *buf, size_t size)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWLINK;
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_index = 7;
	ifi->ifi_flags = 1;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, "eth0");
	mnl_attr_put_u32(nlh, IFLA_MTU, 1400);
	mnl_attr_put_u32(nlh, IFLA_MASTER, 3);
	struct nlattr *info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "veth");
	mnl_attr_nest_end(nlh, info);
	mnl_attr_put(nlh, IFLA_ADDRESS, 6, "\x02\x00\x00\x00\x00\x05");
	assert_true(nlh->nlmsg_len <= size);
	return nlh->nlmsg_len;
}

static void link_reply_parsed(void **state)
{
	(void)state;
	uint8_t buf[512];
	size_t len = link_reply(buf, sizeof(buf));
	struct ns_link_info info;
	assert_int_equal(ns_parse_link_msg(buf, len, &info), 0);
	assert_int_equal(info.index, 7);
	assert_string_equal(info.name, "eth0");
	assert_int_equal(info.mtu, 1400);
	assert_int_equal(info.master, 3);
	assert_string_equal(info.kind, "veth");
	assert_true(info.has_mac);
	assert_memory_equal(info.mac, "\x02\x00\x00\x00\x00\x05", 6);
}

static void link_reply_truncated_or_malformed(void **state)
{
	(void)state;
	uint8_t buf[512];
	size_t len = link_reply(buf, sizeof(buf));
	struct ns_link_info info;
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	/* every cut short of the whole message is refused */
	for (size_t cut = 0; cut < len; cut++)
		assert_int_equal(ns_parse_link_msg(buf, cut, &info), -EBADMSG);
	/* the header's length cut into the middle of an attribute */
	nlh->nlmsg_len = 32 + 6;
	assert_int_equal(ns_parse_link_msg(buf, len, &info), -EBADMSG);
	/* shorter than the ifinfomsg */
	nlh->nlmsg_len = 20;
	assert_int_equal(ns_parse_link_msg(buf, len, &info), -EBADMSG);
	/* an attribute claiming more than the message holds */
	len = link_reply(buf, sizeof(buf));
	struct nlattr *name = (struct nlattr *)(buf + 32);
	name->nla_len = 200;
	assert_int_equal(ns_parse_link_msg(buf, len, &info), -EBADMSG);
	/* a name without its NUL */
	len = link_reply(buf, sizeof(buf));
	buf[32 + 4 + 4] = 'x';
	assert_int_equal(ns_parse_link_msg(buf, len, &info), -EBADMSG);
	/* an MTU of the wrong size */
	len = link_reply(buf, sizeof(buf));
	struct nlattr *mtu = (struct nlattr *)(buf + 32 + 12);
	mtu->nla_len = 6;
	assert_int_equal(ns_parse_link_msg(buf, len, &info), -EBADMSG);
	/* the wrong message type */
	len = link_reply(buf, sizeof(buf));
	nlh->nlmsg_type = RTM_NEWADDR;
	assert_int_equal(ns_parse_link_msg(buf, len, &info), -EBADMSG);
}

static void addr_and_route_replies(void **state)
{
	(void)state;
	uint8_t buf[256];
	struct ns_cidr c;
	assert_int_equal(ns_parse_cidr("203.0.113.5/28", &c), 0);
	int len = ns_msg_addr(buf, sizeof(buf), RTM_NEWADDR, 9, &c, 0);
	struct ns_addr_info ai;
	assert_int_equal(ns_parse_addr_msg(buf, (size_t)len, &ai), 0);
	assert_int_equal(ai.index, 9);
	assert_int_equal(ai.cidr.prefix, 28);
	assert_memory_equal(ai.cidr.addr, c.addr, 4);
	/* an IPv4 address of 3 bytes */
	((struct nlattr *)(buf + 24))->nla_len = 7;
	assert_int_equal(ns_parse_addr_msg(buf, (size_t)len, &ai), -EBADMSG);
	assert_int_equal(ns_parse_addr_msg(buf, 20, &ai), -EBADMSG);

	struct ns_route_req req = { .dst = { .family = AF_INET6 }, .has_gateway = true, .oif = 4 };
	assert_int_equal(ns_parse_ip("2001:db8::1", &req.gateway), 0);
	len = ns_msg_route(buf, sizeof(buf), RTM_NEWROUTE, &req);
	struct ns_route_info ri;
	assert_int_equal(ns_parse_route_msg(buf, (size_t)len, &ri), 0);
	assert_int_equal(ri.dst.prefix, 0);
	assert_true(ri.has_gateway);
	assert_int_equal(ri.oif, 4);
	assert_int_equal(ri.table, RT_TABLE_MAIN);
	assert_memory_equal(ri.gateway.addr, req.gateway.addr, 16);
	for (int cut = 0; cut < len; cut++)
		assert_int_equal(ns_parse_route_msg(buf, (size_t)cut, &ri), -EBADMSG);
	/* a family we do not know */
	buf[16] = 99;
	assert_int_equal(ns_parse_route_msg(buf, (size_t)len, &ri), -EBADMSG);
}

static void dump_requests(void **state)
{
	(void)state;
	uint8_t buf[64];
	static const uint8_t getaddr[] = {
		0x18, 0, 0, 0, 0x16, 0, 0x01, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, /* RTM_GETADDR REQ|DUMP */
		10, 0, 0, 0, 0, 0, 0, 0,
	};
	assert_int_equal(ns_msg_dump(buf, sizeof(buf), RTM_GETADDR, AF_INET6), sizeof(getaddr));
	assert_memory_equal(buf, getaddr, sizeof(getaddr));
	assert_int_equal(ns_msg_dump(buf, 16, RTM_GETLINK, AF_UNSPEC), -EMSGSIZE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(veth_with_peer_nest),
		cmocka_unit_test(veth_mtu_mac_master),
		cmocka_unit_test(ipv4_address),
		cmocka_unit_test(ipv6_address),
		cmocka_unit_test(default_route),
		cmocka_unit_test(prefix_route),
		cmocka_unit_test(bridge_and_link_change),
		cmocka_unit_test(link_reply_parsed),
		cmocka_unit_test(link_reply_truncated_or_malformed),
		cmocka_unit_test(addr_and_route_replies),
		cmocka_unit_test(dump_requests),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
