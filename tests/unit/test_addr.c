/* Checks of what the user names: interface and netns names, addresses, CIDRs, MACs. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "libns.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void interface_names(void **state)
{
	(void)state;
	static const char *const good[] = { "eth0", "veth-a_1", "x", "123456789012345", "br0.10x" };
	static const char *const bad[] = { "", ".", "..", "a/b", "a b", "a\tb", "eth0:1", "1234567890123456",
					   "a\nb" };
	for (size_t i = 0; i < N(good); i++)
		assert_int_equal(ns_check_ifname(good[i]), 0);
	for (size_t i = 0; i < N(bad); i++)
		assert_int_equal(ns_check_ifname(bad[i]), -EINVAL);
	assert_int_equal(ns_check_ifname(NULL), -EINVAL);
}

static void netns_names(void **state)
{
	(void)state;
	char longest[256], too_long[257];
	memset(longest, 'a', 255);
	longest[255] = '\0';
	memset(too_long, 'a', 256);
	too_long[256] = '\0';
	assert_int_equal(ns_check_netns_name("blue"), 0);
	assert_int_equal(ns_check_netns_name("a.b c"), 0);
	assert_int_equal(ns_check_netns_name(longest), 0);
	static const char *const bad[] = { "", ".", "..", "a/b", "/", "../x" };
	for (size_t i = 0; i < N(bad); i++)
		assert_int_equal(ns_check_netns_name(bad[i]), -EINVAL);
	assert_int_equal(ns_check_netns_name(too_long), -EINVAL);
}

static void cidrs(void **state)
{
	(void)state;
	struct ns_cidr c;
	assert_int_equal(ns_parse_cidr("192.0.2.1/24", &c), 0);
	assert_int_equal(c.family, AF_INET);
	assert_int_equal(c.prefix, 24);
	assert_memory_equal(c.addr, "\xc0\x00\x02\x01", 4);
	assert_int_equal(ns_parse_cidr("2001:db8::1/64", &c), 0);
	assert_int_equal(c.family, AF_INET6);
	assert_int_equal(c.prefix, 64);
	assert_int_equal(ns_parse_cidr("198.51.100.0/0", &c), 0);
	assert_int_equal(c.prefix, 0);
	assert_int_equal(ns_parse_cidr("203.0.113.9/32", &c), 0);
	assert_int_equal(ns_parse_cidr("::1/128", &c), 0);
	assert_int_equal(ns_parse_cidr("192.0.2.1/33", &c), -ERANGE);
	assert_int_equal(ns_parse_cidr("::1/129", &c), -ERANGE);
	static const char *const bad[] = { "1.2.3", "1.2.3/24", "/24", "192.0.2.1", "192.0.2.1/",
					   "192.0.2.1/x", "192.0.2.1/24x", "192.0.2.1/+8", "192.0.2.1/-1",
					   "192.0.2.1/ 8", "192.0.2.256/24", "2001:db8:::1/64", "",
					   "192.0.2.1/24/8", "192.0.2.1/9999" };
	for (size_t i = 0; i < N(bad); i++) {
		int r = ns_parse_cidr(bad[i], &c);
		if (r != -EINVAL)
			fail_msg("'%s' gave %d", bad[i], r);
	}
	assert_int_equal(ns_parse_cidr(NULL, &c), -EINVAL);
}

static void addresses(void **state)
{
	(void)state;
	struct ns_cidr c;
	char text[64];
	assert_int_equal(ns_parse_ip("2001:db8::2", &c), 0);
	assert_int_equal(c.prefix, 128);
	assert_int_equal(ns_format_cidr(&c, false, text, sizeof(text)), 0);
	assert_string_equal(text, "2001:db8::2");
	assert_int_equal(ns_parse_ip("192.0.2.7", &c), 0);
	assert_int_equal(ns_format_cidr(&c, true, text, sizeof(text)), 0);
	assert_string_equal(text, "192.0.2.7/32");
	assert_int_equal(ns_format_cidr(&c, true, text, 5), -ENAMETOOLONG);
	assert_int_equal(ns_parse_ip("192.0.2.7/24", &c), -EINVAL);
	assert_int_equal(ns_parse_ip("1.2.3", &c), -EINVAL);
	assert_int_equal(ns_parse_ip("auto", &c), -EINVAL);
}

static void macs(void **state)
{
	(void)state;
	uint8_t mac[6];
	assert_int_equal(ns_parse_mac("02:00:5e:10:00:0A", mac), 0);
	assert_memory_equal(mac, "\x02\x00\x5e\x10\x00\x0a", 6);
	static const char *const bad[] = { "", "02:00:5e:10:00", "02:00:5e:10:00:0a:", "01:00:5e:10:00:0a",
					   "02-00-5e-10-00-0a", "02:00:5e:10:00:0g", "2:0:5e:10:00:0a:0" };
	for (size_t i = 0; i < N(bad); i++)
		assert_int_equal(ns_parse_mac(bad[i], mac), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(interface_names),
		cmocka_unit_test(netns_names),
		cmocka_unit_test(cidrs),
		cmocka_unit_test(addresses),
		cmocka_unit_test(macs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
