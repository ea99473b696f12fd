/* Resolving targets: /proc/PID/stat parsing, netns names, pinning a real child with a pidfd. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "libns.h"

static void stat_lines(void **state)
{
	(void)state;
	char st;
	unsigned long long start;
	const char *line = "42 (a) b) c) S 1 42 42 0 -1 4194560 100 0 0 0 1 2 0 0 20 0 1 0 987654 1000 10 "
			   "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n";
	assert_int_equal(ns_parse_proc_stat(line, &st, &start), 0);
	assert_int_equal(st, 'S');
	assert_int_equal(start, 987654ULL);
	assert_int_equal(ns_parse_proc_stat("7 (zz) Z 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 55\n", &st, &start), 0);
	assert_int_equal(st, 'Z');
	assert_int_equal(start, 55ULL);
	static const char *const bad[] = { "", "42 (x", "42 (x) S 1 2 3", "42 (x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 x" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(ns_parse_proc_stat(bad[i], &st, &start), -EINVAL);
}

static void netns_names(void **state)
{
	(void)state;
	char path[64];
	assert_int_equal(ns_netns_path("blue", path, sizeof(path)), 0);
	assert_string_equal(path, "/run/netns/blue");
	static const char *const bad[] = { "", ".", "..", "a/b", "../etc", "/abs" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(ns_netns_path(bad[i], path, sizeof(path)), -EINVAL);
	char longname[300];
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	assert_int_equal(ns_netns_name_valid(longname), -EINVAL);
	assert_int_equal(ns_netns_path("abcdefghijklmnopqrstuvwxyz", path, 20), -ENAMETOOLONG);
}

static void pin_child(void **state)
{
	(void)state;
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		pause();
		_exit(0);
	}
	struct ns_target t;
	assert_int_equal(ns_target_pin(child, 0, &t), 0);
	assert_true(t.pidfd > 2);
	assert_int_equal(ns_target_check(&t), 0);
	/* a start time that is not the child's is a reused pid */
	struct ns_target other;
	assert_int_equal(ns_target_pin(child, t.start_time + 1, &other), -ESRCH);
	kill(child, SIGKILL);
	/* before it is reaped it is a zombie, after that gone */
	siginfo_t info;
	assert_int_equal(waitid(P_PID, child, &info, WEXITED | WNOWAIT), 0);
	assert_int_equal(ns_target_check(&t), -ECHILD);
	assert_int_equal(ns_target_pin(child, 0, &other), -ECHILD);
	waitpid(child, NULL, 0);
	assert_int_equal(ns_target_check(&t), -ESRCH);
	ns_target_release(&t);
	assert_int_equal(t.pidfd, -1);
}

static void environ_of_self(void **state)
{
	(void)state;
	setenv("NSBOX_UNIT_MARK", "x=y", 1);
	char **env;
	assert_int_equal(ns_read_environ(getpid(), &env), 0);
	/* /proc/PID/environ is the initial environment: it has PATH or HOME, not what setenv added */
	bool found = false;
	for (size_t i = 0; env[i]; i++)
		found |= !strncmp(env[i], "NSBOX_UNIT_MARK=", 16);
	assert_false(found);
	ns_environ_free(env);
}

static void command_match(void **state)
{
	(void)state;
	struct ns_match *m;
	size_t n;
	assert_int_equal(ns_match_command("(", 0, &m, &n), -EINVAL);
	assert_int_equal(ns_match_command("^test_target$", 0, &m, &n), 0);
	assert_true(n >= 1);
	bool self = false;
	for (size_t i = 0; i < n; i++)
		self |= m[i].pid == getpid();
	assert_true(self);
	for (size_t i = 1; i < n; i++)
		assert_true(m[i - 1].start_time <= m[i].start_time);
	free(m);
	assert_int_equal(ns_match_command("^test_target$", getpid(), &m, &n), 0);
	for (size_t i = 0; i < n; i++)
		assert_int_not_equal(m[i].pid, getpid());
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(stat_lines),
		cmocka_unit_test(netns_names),
		cmocka_unit_test(pin_child),
		cmocka_unit_test(environ_of_self),
		cmocka_unit_test(command_match),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
