/* nsls's column table, column lists and the output model, on a namespace set built by hand. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "nsls.h"

static void column_names(void **state)
{
	(void)state;
	assert_int_equal(nsls_column_from_name("NS", 2), COL_NS);
	assert_int_equal(nsls_column_from_name("netnsid", 7), COL_NETNSID);
	assert_int_equal(nsls_column_from_name("NSX", 3), -1);
	assert_int_equal(nsls_column_from_name("N", 1), -1);
	for (int c = 0; c < NSLS_NCOLS; c++) {
		assert_non_null(nsls_cols[c].name);
		assert_non_null(nsls_cols[c].help);
		assert_int_equal(nsls_column_from_name(nsls_cols[c].name, strlen(nsls_cols[c].name)), c);
	}
}

static void column_lists(void **state)
{
	(void)state;
	int cols[NSLS_MAX_COLS] = { COL_NS, COL_TYPE };
	size_t n = 2;
	const char *bad = NULL;
	size_t bad_len = 0;
	assert_int_equal(nsls_parse_columns("pid,USER,command", cols, &n, NSLS_MAX_COLS, &bad, &bad_len), 0);
	assert_int_equal(n, 3);
	assert_int_equal(cols[0], COL_PID);
	assert_int_equal(cols[2], COL_COMMAND);
	/* "+" appends */
	assert_int_equal(nsls_parse_columns("+PNS,ONS", cols, &n, NSLS_MAX_COLS, &bad, &bad_len), 0);
	assert_int_equal(n, 5);
	assert_int_equal(cols[4], COL_ONS);
	assert_int_equal(nsls_parse_columns("NS,NOPE,TYPE", cols, &n, NSLS_MAX_COLS, &bad, &bad_len), -EINVAL);
	assert_int_equal(bad_len, 4);
	assert_memory_equal(bad, "NOPE", 4);
	assert_int_equal(nsls_parse_columns("NS,,TYPE", cols, &n, NSLS_MAX_COLS, &bad, &bad_len), -EINVAL);
	assert_int_equal(bad_len, 0);
	assert_int_equal(nsls_parse_columns("", cols, &n, NSLS_MAX_COLS, &bad, &bad_len), -EINVAL);
	assert_int_equal(nsls_parse_columns("NS,NS,NS", cols, &n, 2, &bad, &bad_len), -E2BIG);
}

static void tree_names(void **state)
{
	(void)state;
	assert_int_equal(nsls_tree_from_name("owner"), TREE_OWNER);
	assert_int_equal(nsls_tree_from_name("parent"), TREE_PARENT);
	assert_int_equal(nsls_tree_from_name("process"), TREE_PROCESS);
	assert_int_equal(nsls_tree_from_name("Owner"), -1);
	assert_int_equal(nsls_tree_from_name(""), -1);
}

/* Two processes in the root namespaces, one of them also in a child user+net namespace,
 * and a net namespace held only by a bind mount. */
static void build_set(struct ns_set *set, struct nsls_meta *meta)
{
	ns_set_init(set);
	struct ns_proc init = { .pid = 1 }, child = { .pid = 50 };
	for (int t = 0; t < NS_TYPE_COUNT; t++)
		init.ino[t] = child.ino[t] = 100 + (ino_t)t;
	child.ino[NS_USER] = 200;
	child.ino[NS_NET] = 201;
	assert_int_equal(ns_set_add_proc(set, &init), 0);
	assert_int_equal(ns_set_add_proc(set, &child), 0);
	struct ns_entry *mounted = ns_set_add(set, 300, NS_NET, NS_SRC_MOUNT);
	assert_int_equal(ns_entry_add_nsfs(mounted, "/run/netns/blue"), 0);
	for (size_t i = 0; i < set->nns; i++) {
		struct ns_entry *e = &set->ns[i];
		e->hier_known = true;
		e->owner_ino = e->ino == 100 + NS_USER ? 0 : (e->ino == 201 ? 200 : 100 + NS_USER);
		e->parent_ino = e->ino == 200 ? 100 + NS_USER : 0;
	}
	static struct ns_procinfo info[2] = {
		{ .pid = 1, .ppid = 0, .uid = 0, .user = "root", .command = "init" },
		{ .pid = 50, .ppid = 1, .uid = 1000, .user = "alice", .command = "sleep 9" },
	};
	meta->info = info;
	meta->n = 2;
}

static char *render(const struct nsls_opts *opts, const struct ns_set *set, const struct nsls_meta *meta)
{
	struct libscols_table *tb = nsls_build_table(opts, set, meta);
	assert_non_null(tb);
	char *out = NULL;
	assert_int_equal(scols_print_table_to_string(tb, &out), 0);
	scols_unref_table(tb);
	return out;
}

static void flat_raw_listing(void **state)
{
	(void)state;
	struct ns_set set;
	struct nsls_meta meta;
	build_set(&set, &meta);
	struct nsls_opts opts = { .raw = true, .types = 1u << NS_NET | 1u << NS_USER,
				  .cols = { COL_NS, COL_TYPE, COL_NPROCS, COL_PID, COL_USER, COL_NSFS, COL_ONS },
				  .ncols = 7 };
	char *out = render(&opts, &set, &meta);
	assert_string_equal(out, "NS TYPE NPROCS PID USER NSFS ONS\n"
				 "100 user 1 1 root  0\n"
				 "104 net 1 1 root  100\n"
				 "200 user 1 50 alice  100\n"
				 "201 net 1 50 alice  200\n"
				 "300 net 0   /run/netns/blue 100");
	free(out);
	ns_set_free(&set);
}

static void owner_tree_json(void **state)
{
	(void)state;
	struct ns_set set;
	struct nsls_meta meta;
	build_set(&set, &meta);
	struct nsls_opts opts = { .json = true, .tree = TREE_OWNER, .types = 1u << NS_NET | 1u << NS_USER,
				  .cols = { COL_NS, COL_TYPE, COL_NPROCS }, .ncols = 3 };
	char *out = render(&opts, &set, &meta);
	/* 201 sits under 200, which sits under 100 with 104 and 300 */
	const char *p100 = strstr(out, "\"ns\": 100"), *p104 = strstr(out, "\"ns\": 104"),
		   *p200 = strstr(out, "\"ns\": 200"), *p201 = strstr(out, "\"ns\": 201");
	assert_non_null(p100);
	assert_non_null(p201);
	assert_true(p100 < p104 && p104 < p200 && p200 < p201);
	assert_non_null(strstr(out, "\"ns\": 200,\n               \"type\": \"user\",\n               \"nprocs\": 1,\n               \"children\": [\n"));
	assert_non_null(strstr(out, "\"nprocs\": 0\n"));
	free(out);
	ns_set_free(&set);
}

static void owner_tree_art(void **state)
{
	(void)state;
	struct ns_set set;
	struct nsls_meta meta;
	build_set(&set, &meta);
	struct nsls_opts opts = { .tree = TREE_OWNER, .types = 1u << NS_NET | 1u << NS_USER,
				  .cols = { COL_NS, COL_TYPE, COL_NPROCS }, .ncols = 3 };
	char *out = render(&opts, &set, &meta);
	/* the tree column is left-aligned, each level indented under its owner */
	assert_string_equal(out, "NS         TYPE  NPROCS\n"
				 "100        user       1\n"
				 "|-104      net        1\n"
				 "|-200      user       1\n"
				 "| `-201    net        1\n"
				 "`-300      net        0");
	free(out);
	ns_set_free(&set);
}

static void process_listing_of_one_namespace(void **state)
{
	(void)state;
	struct ns_set set;
	struct nsls_meta meta;
	build_set(&set, &meta);
	struct nsls_opts opts = { .raw = true, .ns_ino = 100 + NS_UTS,
				  .cols = { COL_PID, COL_PPID, COL_USER, COL_COMMAND, COL_NS }, .ncols = 5 };
	char *out = render(&opts, &set, &meta);
	assert_string_equal(out, "PID PPID USER COMMAND NS\n"
				 "1 0 root init 103\n"
				 "50 1 alice `-sleep\\x209 103");
	free(out);
	opts.list = true;
	out = render(&opts, &set, &meta);
	assert_string_equal(out, "PID PPID USER COMMAND NS\n"
				 "1 0 root init 103\n"
				 "50 1 alice sleep\\x209 103");
	free(out);
	ns_set_free(&set);
}

int main(void)
{
	/* the tree symbols of a plain C locale are ASCII */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(column_names),
		cmocka_unit_test(column_lists),
		cmocka_unit_test(tree_names),
		cmocka_unit_test(flat_raw_listing),
		cmocka_unit_test(owner_tree_json),
		cmocka_unit_test(owner_tree_art),
		cmocka_unit_test(process_listing_of_one_namespace),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
