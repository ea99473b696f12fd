/* ns_spawn_run without namespaces: the fork, the status and the exec failures it reports. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "libns.h"

static struct ns_spawn_opts forked(char *const *argv)
{
	struct ns_spawn_opts o = { 0 };
	o.fork = true;
	o.setgroups = -1;
	o.info_fd = -1;
	o.argv = argv;
	return o;
}

static void exit_status_passes(void **state)
{
	(void)state;
	char *argv[] = { "/bin/sh", "-c", "exit 42", NULL };
	struct ns_spawn_opts o = forked(argv);
	struct ns_spawn_err err;
	int status = -1;
	assert_int_equal(ns_spawn_run(&o, &status, &err), 0);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 42);
}

static void signal_passes(void **state)
{
	(void)state;
	char *argv[] = { "/bin/sh", "-c", "kill -USR2 $$", NULL };
	struct ns_spawn_opts o = forked(argv);
	struct ns_spawn_err err;
	int status = -1;
	assert_int_equal(ns_spawn_run(&o, &status, &err), 0);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGUSR2);
}

static void missing_command(void **state)
{
	(void)state;
	char *argv[] = { "/nonexistent/command", NULL };
	struct ns_spawn_opts o = forked(argv);
	struct ns_spawn_err err;
	int status = -1;
	assert_int_equal(ns_spawn_run(&o, &status, &err), -ENOENT);
	assert_true(err.exec_failed);
	assert_string_equal(err.what, "cannot run '/nonexistent/command'");
}

static void not_executable(void **state)
{
	(void)state;
	char *argv[] = { "/etc", NULL };
	struct ns_spawn_opts o = forked(argv);
	struct ns_spawn_err err;
	int status = -1;
	assert_int_equal(ns_spawn_run(&o, &status, &err), -EACCES);
	assert_true(err.exec_failed);
}

static void setup_failure_is_not_exec_failure(void **state)
{
	(void)state;
	char *argv[] = { "/bin/true", NULL };
	struct ns_spawn_opts o = forked(argv);
	o.wd = "/nonexistent/dir";
	struct ns_spawn_err err;
	int status = -1;
	assert_int_equal(ns_spawn_run(&o, &status, &err), -ENOENT);
	assert_false(err.exec_failed);
	assert_string_equal(err.what, "cannot change directory to '/nonexistent/dir'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(exit_status_passes),
		cmocka_unit_test(signal_passes),
		cmocka_unit_test(missing_command),
		cmocka_unit_test(not_executable),
		cmocka_unit_test(setup_failure_is_not_exec_failure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
