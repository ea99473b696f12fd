/* The kernel's own cost of the nsnet bench topology: the same netns and rtnetlink work as
 * `nsnet batch`, from a bare C loop (no process, parsing or checking per namespace). */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../libns/libns.h"

static int up(struct ns_rtnl *rt, int i)
{
	char ns[32], host[16], a[32], p[32];
	snprintf(ns, sizeof(ns), "bn%d", i);
	snprintf(host, sizeof(host), "bh%d", i);
	snprintf(a, sizeof(a), "198.51.100.%d/30", 4 * i + 1);
	snprintf(p, sizeof(p), "198.51.100.%d/30", 4 * i + 2);
	struct ns_veth_setup s = { .ifname = host, .peer_ifname = "eth0", .netns = ns, .create_netns = true,
				   .naddrs = 1, .npeer_addrs = 1, .gateway_auto = true };
	struct ns_error err;
	if (ns_parse_cidr(a, &s.addrs[0]) < 0 || ns_parse_cidr(p, &s.peer_addrs[0]) < 0)
		return -1;
	int r = ns_veth_setup(rt, &s, &err);
	if (r < 0)
		fprintf(stderr, "nsnet-loop: %s: %s\n", err.step, strerror(-r));
	return r;
}

/* links: delete the host end first (synchronous), else let the netns take its pair with it */
static int down(struct ns_rtnl *rt, int i, bool links)
{
	char ns[32], host[16];
	struct ns_error err;
	snprintf(ns, sizeof(ns), "bn%d", i);
	snprintf(host, sizeof(host), "bh%d", i);
	int r = links ? ns_link_del(rt, -1, host, &err) : 0;
	return r < 0 ? r : ns_netns_del(ns);
}

/* Usage: nsnet-loop up|down|downlinks [N] */
int main(int argc, char **argv)
{
	bool make = argc > 1 && !strcmp(argv[1], "up");
	bool links = argc > 1 && !strcmp(argv[1], "downlinks");
	int n = argc > 2 ? atoi(argv[2]) : 50;
	struct ns_rtnl *rt;
	if (argc < 2 || n < 1 || n > 63 || ns_rtnl_new(&rt) < 0)
		return 2;
	int rc = 0;
	for (int i = 0; i < n && (rc == 0 || !make); i++)
		rc |= make ? up(rt, i) : down(rt, i, links);
	ns_rtnl_free(rt);
	return rc ? 1 : 0;
}
