/* What ns_netns_open accepts (name, PID, path) and refuses, on real files; nothing is created. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "libns.h"

static void same_netns(int fd, const char *path)
{
	struct stat a, b;
	assert_int_equal(fstat(fd, &a), 0);
	assert_int_equal(stat(path, &b), 0);
	assert_int_equal(a.st_ino, b.st_ino);
	assert_int_equal(fcntl(fd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
}

static void opens_by_pid_and_path(void **state)
{
	(void)state;
	char pid[16];
	snprintf(pid, sizeof(pid), "%d", (int)getpid());
	int fd = ns_netns_open(pid);
	assert_true(fd >= 0);
	same_netns(fd, "/proc/self/ns/net");
	close(fd);
	fd = ns_netns_open("/proc/self/ns/net");
	assert_true(fd >= 0);
	same_netns(fd, "/proc/self/ns/net");
	close(fd);
}

static void refuses_what_is_not_a_netns(void **state)
{
	(void)state;
	assert_int_equal(ns_netns_open(""), -EINVAL);
	assert_int_equal(ns_netns_open(NULL), -EINVAL);
	assert_int_equal(ns_netns_open("0"), -EINVAL);
	assert_int_equal(ns_netns_open(".."), -EINVAL);
	assert_int_equal(ns_netns_open("99999999999"), -ERANGE);
	/* another type of namespace, and a plain file */
	assert_int_equal(ns_netns_open("/proc/self/ns/uts"), -ENOTTY);
	assert_int_equal(ns_netns_open("/proc/self/stat"), -ENOTTY);
	assert_int_equal(ns_netns_open("/nonexistent/netns"), -ENOENT);
}

static void names_are_checked_before_any_change(void **state)
{
	(void)state;
	assert_int_equal(ns_netns_add("a/b"), -EINVAL);
	assert_int_equal(ns_netns_add("."), -EINVAL);
	assert_int_equal(ns_netns_add(""), -EINVAL);
	assert_int_equal(ns_netns_del(".."), -EINVAL);
	assert_int_equal(ns_netns_del("x/../../etc"), -EINVAL);
	assert_int_equal(ns_netns_enter("a/b"), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(opens_by_pid_and_path),
		cmocka_unit_test(refuses_what_is_not_a_netns),
		cmocka_unit_test(names_are_checked_before_any_change),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
