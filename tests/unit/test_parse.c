/* Parsers of /proc text and user input: namespace links, pids, inodes, mountinfo lines. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "libns.h"

static void links(void **state)
{
	(void)state;
	enum ns_type type;
	ino_t ino;
	assert_int_equal(ns_parse_link("net:[4026531833]", &type, &ino), 0);
	assert_int_equal(type, NS_NET);
	assert_int_equal(ino, 4026531833UL);
	assert_int_equal(ns_parse_link("time:[4026531834]", &type, &ino), 0);
	assert_int_equal(type, NS_TIME);
	static const char *const bad[] = {
		"", "net", "net:", "net:[", "net:[]", "net:[12", "net:[12]x", "net:[-1]", "net:[0]",
		"network:[5]", "foo:[5]", "net:[ 5]", "net:[18446744073709551616]", ":[5]",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(ns_parse_link(bad[i], &type, &ino), -EINVAL);
}

static void pids(void **state)
{
	(void)state;
	pid_t pid;
	assert_int_equal(ns_parse_pid("1", &pid), 0);
	assert_int_equal(pid, 1);
	assert_int_equal(ns_parse_pid("2147483647", &pid), 0);
	assert_int_equal(pid, 2147483647);
	assert_int_equal(ns_parse_pid("2147483648", &pid), -ERANGE);
	assert_int_equal(ns_parse_pid("99999999999999999999999", &pid), -ERANGE);
	static const char *const bad[] = { "", "0", "-1", "abc", "12a", " 1", "+1", "1 " };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(ns_parse_pid(bad[i], &pid), -EINVAL);
	assert_int_equal(ns_parse_pid(NULL, &pid), -EINVAL);
}

static void inodes(void **state)
{
	(void)state;
	ino_t ino;
	assert_int_equal(ns_parse_ino("4026531836", &ino), 0);
	assert_int_equal(ino, 4026531836UL);
	assert_int_equal(ns_parse_ino("0", &ino), -EINVAL);
	assert_int_equal(ns_parse_ino("x", &ino), -EINVAL);
	assert_int_equal(ns_parse_ino("-5", &ino), -EINVAL);
}

static void mountinfo(void **state)
{
	(void)state;
	struct ns_mount m;
	const char *nsfs = "812 27 0:4 net:[4026532301] /run/netns/blue rw shared:5 - nsfs nsfs rw\n";
	assert_int_equal(ns_parse_mountinfo_line(nsfs, &m), 1);
	assert_int_equal(m.type, NS_NET);
	assert_int_equal(m.ino, 4026532301UL);
	assert_string_equal(m.path, "/run/netns/blue");
	free(m.path);

	/* no optional fields, and an escaped space in the mount point */
	const char *escaped = "9 8 0:4 uts:[4026532400] /tmp/my\\040ns rw - nsfs nsfs rw";
	assert_int_equal(ns_parse_mountinfo_line(escaped, &m), 1);
	assert_string_equal(m.path, "/tmp/my ns");
	assert_int_equal(m.type, NS_UTS);
	free(m.path);

	const char *proc = "22 27 0:21 / /proc rw,relatime - proc proc rw\n";
	assert_int_equal(ns_parse_mountinfo_line(proc, &m), 0);
	/* a path that merely looks like nsfs is not one */
	const char *tricky = "23 27 0:22 / /nsfs rw - tmpfs nsfs rw\n";
	assert_int_equal(ns_parse_mountinfo_line(tricky, &m), 0);
	static const char *const bad[] = {
		"", "garbage", "1 2 3", "1 2 0:4 bogus /x rw - nsfs nsfs rw",
		"1 2 0:4 net:[0] /x rw - nsfs nsfs rw",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(ns_parse_mountinfo_line(bad[i], &m), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(links),
		cmocka_unit_test(pids),
		cmocka_unit_test(inodes),
		cmocka_unit_test(mountinfo),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
