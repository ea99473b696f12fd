/* The namespace type table: names, clone flags, bad names. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "libns.h"

static void every_type_has_a_unique_name_and_flag(void **state)
{
	(void)state;
	for (int t = 0; t < NS_TYPE_COUNT; t++) {
		const struct ns_type_info *ti = ns_type_info(t);
		assert_non_null(ti);
		assert_int_equal(ns_type_from_name(ti->name), t);
		assert_int_equal(ns_type_from_name(ti->long_name), t);
		assert_int_equal(ns_type_from_clone_flag(ti->clone_flag), t);
		for (int u = 0; u < t; u++) {
			assert_string_not_equal(ns_type_info(u)->name, ti->name);
			assert_int_not_equal(ns_type_info(u)->clone_flag, ti->clone_flag);
		}
	}
}

static void names_match_proc(void **state)
{
	(void)state;
	static const char *const proc_names[] = { "cgroup", "ipc", "mnt", "net", "pid", "time", "user", "uts" };
	for (size_t i = 0; i < 8; i++)
		assert_true(ns_type_from_name(proc_names[i]) >= 0);
	assert_int_equal(ns_type_from_name("net"), NS_NET);
	assert_int_equal(ns_type_info(NS_NET)->clone_flag, CLONE_NEWNET);
	assert_int_equal(ns_type_info(NS_MNT)->clone_flag, CLONE_NEWNS);
	assert_int_equal(ns_type_from_name("mount"), NS_MNT);
}

static void user_comes_first(void **state)
{
	(void)state;
	assert_int_equal(NS_USER, 0);
	assert_true(ns_type_info(NS_USER)->hierarchical);
	assert_true(ns_type_info(NS_PID)->hierarchical);
	assert_false(ns_type_info(NS_NET)->hierarchical);
}

static void bad_names_are_refused(void **state)
{
	(void)state;
	static const char *const bad[] = { "", "foo", "NET", "net ", "pid_for_children", "users", "n" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(ns_type_from_name(bad[i]), -EINVAL);
	assert_int_equal(ns_type_from_name(NULL), -EINVAL);
	assert_int_equal(ns_type_from_clone_flag(0), -EINVAL);
	assert_int_equal(ns_type_from_clone_flag(CLONE_NEWNET | CLONE_NEWUTS), -EINVAL);
	assert_null(ns_type_info(NS_TYPE_COUNT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_type_has_a_unique_name_and_flag),
		cmocka_unit_test(names_match_proc),
		cmocka_unit_test(user_comes_first),
		cmocka_unit_test(bad_names_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
