/* rtnl.c against the kernel, read-only, in our own network namespace: lookups, dumps, and the
 * step named when something is missing. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "libns.h"

static int setup(void **state)
{
	struct ns_rtnl *rt;
	if (ns_rtnl_new(&rt) < 0)
		return -1;
	*state = rt;
	return 0;
}

static int teardown(void **state)
{
	ns_rtnl_free(*state);
	return 0;
}

static void loopback_is_found(void **state)
{
	struct ns_error err;
	assert_int_equal(ns_link_index(*state, -1, "lo", &err), (int)if_nametoindex("lo"));
	assert_int_equal(ns_link_index(*state, -1, "nosuch0", &err), -ENODEV);
	assert_string_equal(err.step, "find link 'nosuch0'");
}

static void dumps_list_loopback(void **state)
{
	struct ns_error err;
	struct ns_link_info *links;
	size_t n;
	assert_int_equal(ns_link_list(*state, -1, &links, &n, &err), 0);
	bool found = false;
	for (size_t i = 0; i < n; i++)
		found |= !strcmp(links[i].name, "lo") && links[i].index == (int)if_nametoindex("lo");
	assert_true(found);
	free(links);
	struct ns_addr_info *addrs;
	assert_int_equal(ns_addr_list(*state, -1, &addrs, &n, &err), 0);
	found = false;
	for (size_t i = 0; i < n; i++)
		found |= addrs[i].cidr.family == AF_INET && !memcmp(addrs[i].cidr.addr, "\x7f\0\0\x01", 4);
	free(addrs);
	assert_true(found);
	struct ns_route_info *routes;
	assert_int_equal(ns_route_list(*state, -1, AF_INET6, &routes, &n, &err), 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(routes[i].dst.family, AF_INET6);
	free(routes);
}

static void deleting_a_missing_link_says_so(void **state)
{
	struct ns_error err;
	assert_int_equal(ns_link_del(*state, -1, "nosuch0", &err), -ENODEV);
	assert_string_equal(err.step, "delete link 'nosuch0'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loopback_is_found),
		cmocka_unit_test(dumps_list_loopback),
		cmocka_unit_test(deleting_a_missing_link_says_so),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
