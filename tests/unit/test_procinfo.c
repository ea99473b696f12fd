/* Process metadata through libproc2, on real processes this test forks. */
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

#define NCHILD 300

static void more_children_than_one_select_takes(void **state)
{
	(void)state;
	pid_t pids[NCHILD + 1];
	for (int i = 0; i < NCHILD; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] == 0) {
			pause();
			_exit(0);
		}
	}
	/* a pid that does not exist comes back zeroed */
	pids[NCHILD] = 2147483000;
	struct ns_procinfo *info = calloc(NCHILD + 1, sizeof(*info));
	int r = ns_procinfo_fetch(pids, NCHILD + 1, NS_PI_ALL, info);
	for (int i = 0; i < NCHILD; i++)
		kill(pids[i], SIGKILL);
	for (int i = 0; i < NCHILD; i++)
		waitpid(pids[i], NULL, 0);
	assert_int_equal(r, 0);
	for (int i = 0; i < NCHILD; i++) {
		assert_int_equal(info[i].pid, pids[i]);
		assert_int_equal(info[i].ppid, getpid());
		assert_int_equal(info[i].uid, geteuid());
		assert_non_null(strstr(info[i].command, "test_procinfo"));
	}
	assert_int_equal(info[NCHILD].pid, 0);
	assert_null(info[NCHILD].command);
	ns_procinfo_free(info, NCHILD + 1);
	free(info);
}

static void kernel_thread_command_is_its_name(void **state)
{
	(void)state;
	pid_t kthreadd = 2;
	struct ns_procinfo info;
	assert_int_equal(ns_procinfo_fetch(&kthreadd, 1, NS_PI_COMMAND | NS_PI_USER, &info), 0);
	assert_string_equal(info.command, "kthreadd");
	assert_string_equal(info.user, "root");
	ns_procinfo_free(&info, 1);
}

static void only_the_fields_asked_for(void **state)
{
	(void)state;
	pid_t self = getpid();
	struct ns_procinfo info;
	assert_int_equal(ns_procinfo_fetch(&self, 1, NS_PI_PPID, &info), 0);
	assert_int_equal(info.pid, self);
	assert_int_equal(info.ppid, getppid());
	assert_string_equal(info.user, "");
	assert_string_equal(info.command, "");
	ns_procinfo_free(&info, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(more_children_than_one_select_takes),
		cmocka_unit_test(kernel_thread_command_is_its_name),
		cmocka_unit_test(only_the_fields_asked_for),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
