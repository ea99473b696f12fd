/* Entering: namespace files are checked for their type before anything changes. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "libns.h"

static void typed_open(void **state)
{
	(void)state;
	int actual;
	int fd = ns_open_typed("/proc/self/ns/net", NS_NET, &actual);
	assert_true(fd > 2);
	assert_int_equal(actual, NS_NET);
	ino_t ino;
	struct stat st;
	assert_int_equal(ns_pid_ino(0, NS_NET, &ino), 0);
	assert_int_equal(fstat(fd, &st), 0);
	assert_int_equal(st.st_ino, ino);
	close(fd);
	assert_int_equal(ns_open_typed("/proc/self/ns/uts", NS_NET, &actual), -EMEDIUMTYPE);
	assert_int_equal(actual, NS_UTS);
	assert_int_equal(ns_open_typed("/proc/self/stat", NS_NET, &actual), -ENOTTY);
	assert_int_equal(ns_open_typed("/nonexistent/nsbox", NS_NET, &actual), -ENOENT);
}

static void enter_own_namespaces(void **state)
{
	(void)state;
	/* setns into the namespaces we are in changes nothing and must work through fds */
	struct ns_enter_req req = { .target = NULL };
	int actual, failed;
	for (int t = 0; t < NS_TYPE_COUNT; t++)
		req.fds[t] = -1;
	req.fds[NS_UTS] = ns_open_typed("/proc/self/ns/uts", NS_UTS, &actual);
	assert_true(req.fds[NS_UTS] >= 0);
	if (geteuid() == 0)
		assert_int_equal(ns_enter(&req, &failed), 0);
	close(req.fds[NS_UTS]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(typed_open),
		cmocka_unit_test(enter_own_namespaces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
