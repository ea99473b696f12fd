/* Id maps: INNER:OUTER:COUNT ranges, overlaps, uid_map text, /etc/subuid lines. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "libns.h"

static void ids(void **state)
{
	(void)state;
	uint32_t id;
	assert_int_equal(ns_parse_id("0", &id), 0);
	assert_int_equal(id, 0);
	assert_int_equal(ns_parse_id("4294967294", &id), 0);
	assert_int_equal(id, 4294967294U);
	/* (uid_t)-1 means "no id" to the kernel */
	assert_int_equal(ns_parse_id("4294967295", &id), -ERANGE);
	assert_int_equal(ns_parse_id("4294967296", &id), -ERANGE);
	assert_int_equal(ns_parse_id("99999999999999999999999", &id), -ERANGE);
	static const char *const bad[] = { "", "-1", "+1", "abc", "1a", " 1", "1 " };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(ns_parse_id(bad[i], &id), -EINVAL);
}

static void ranges(void **state)
{
	(void)state;
	struct ns_idmap_range r;
	assert_int_equal(ns_idmap_parse_range("0:1000:1", &r), 0);
	assert_int_equal(r.inner, 0);
	assert_int_equal(r.outer, 1000);
	assert_int_equal(r.count, 1);
	assert_int_equal(ns_idmap_parse_range("1:100000:65536", &r), 0);
	assert_int_equal(r.count, 65536);
	assert_int_equal(ns_idmap_parse_range("0:0:4294967295", &r), 0);
	assert_int_equal(ns_idmap_parse_range("0:1000:0", &r), -EDOM);
	assert_int_equal(ns_idmap_parse_range("4294967296:0:1", &r), -ERANGE);
	assert_int_equal(ns_idmap_parse_range("0:4294967295:1", &r), -ERANGE);
	assert_int_equal(ns_idmap_parse_range("4294967290:0:10", &r), -ERANGE);
	assert_int_equal(ns_idmap_parse_range("0:1:4294967296", &r), -ERANGE);
	static const char *const bad[] = {
		"", "0 1000", "0 1000 1", "0:1000", "0:1000:", "-1:0:1", "0:-1:1", "0:0:-1",
		"a:b:c", "0:1000:1:", "0:1000:1x", ":1:1", "0::1", "0,1000,1",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(ns_idmap_parse_range(bad[i], &r), -EINVAL);
	assert_int_equal(ns_idmap_parse_range(NULL, &r), -EINVAL);
}

static void overlaps(void **state)
{
	(void)state;
	struct ns_idmap *map = calloc(1, sizeof(*map));
	struct ns_idmap_range a = { 0, 1000, 10 }, b = { 10, 2000, 10 };
	struct ns_idmap_range inner_overlap = { 5, 5000, 1 }, outer_overlap = { 100, 1009, 2 };
	struct ns_idmap_range touching = { 20, 1010, 5 };
	assert_int_equal(ns_idmap_add(map, &a), 0);
	assert_int_equal(ns_idmap_add(map, &b), 0);
	assert_int_equal(ns_idmap_add(map, &inner_overlap), -EEXIST);
	assert_int_equal(ns_idmap_add(map, &outer_overlap), -EEXIST);
	assert_int_equal(ns_idmap_add(map, &touching), 0);
	assert_int_equal(map->n, 3);
	char text[128];
	int len = ns_idmap_format(map, text, sizeof(text));
	assert_int_equal(len, (int)strlen(text));
	assert_string_equal(text, "0 1000 10\n10 2000 10\n20 1010 5\n");
	assert_int_equal(ns_idmap_format(map, text, 12), -ENOBUFS);
	/* the kernel's limit of lines */
	map->n = 0;
	for (uint32_t i = 0; i < NS_IDMAP_MAX; i++) {
		struct ns_idmap_range one = { i, i, 1 };
		assert_int_equal(ns_idmap_add(map, &one), 0);
	}
	struct ns_idmap_range extra = { 100000, 100000, 1 };
	assert_int_equal(ns_idmap_add(map, &extra), -E2BIG);
	free(map);
}

static void subid_lines(void **state)
{
	(void)state;
	struct ns_idmap_range r;
	assert_int_equal(ns_subid_parse_line("alice:100000:65536\n", "alice", 1000, &r), 1);
	assert_int_equal(r.inner, 0);
	assert_int_equal(r.outer, 100000);
	assert_int_equal(r.count, 65536);
	assert_int_equal(ns_subid_parse_line("1000:200000:10", "alice", 1000, &r), 1);
	assert_int_equal(r.outer, 200000);
	assert_int_equal(ns_subid_parse_line("bob:100000:65536", "alice", 1000, &r), 0);
	assert_int_equal(ns_subid_parse_line("alicex:100000:65536", "alice", 1000, &r), 0);
	assert_int_equal(ns_subid_parse_line("10000:100000:65536", "alice", 1000, &r), 0);
	static const char *const bad[] = { "", "alice", "alice:1", "alice:1:0", "alice:x:1", ":1:1",
					   "alice:4294967295:2" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(ns_subid_parse_line(bad[i], "alice", 1000, &r), -EINVAL);
}

static void subid_file(void **state)
{
	(void)state;
	char path[] = "/tmp/test_idmap.XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs("garbage line\nbob:100000:65536\nalice:165536:65536\nalice:300000:5\n", f);
	fclose(f);
	struct ns_idmap_range r;
	assert_int_equal(ns_subid_find(path, "alice", 1000, &r), 0);
	assert_int_equal(r.outer, 165536);
	assert_int_equal(r.count, 65536);
	assert_int_equal(ns_subid_find(path, "carol", 1002, &r), -ENOENT);
	unlink(path);
	assert_int_equal(ns_subid_find(path, "alice", 1000, &r), -ENOENT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ids),
		cmocka_unit_test(ranges),
		cmocka_unit_test(overlaps),
		cmocka_unit_test(subid_lines),
		cmocka_unit_test(subid_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
