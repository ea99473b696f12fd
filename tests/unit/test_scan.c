/* The namespace set: adding processes, lookups, nsfs paths, and a walk of the real /proc. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "libns.h"

static struct ns_proc make_proc(pid_t pid, ino_t base)
{
	struct ns_proc p = { .pid = pid };
	for (int t = 0; t < NS_TYPE_COUNT; t++)
		p.ino[t] = base + (ino_t)t;
	return p;
}

static void counts_and_lowest_pid(void **state)
{
	(void)state;
	struct ns_set set;
	ns_set_init(&set);
	struct ns_proc a = make_proc(300, 1000), b = make_proc(42, 1000), c = make_proc(7, 2000);
	c.ino[NS_USER] = 1000 + NS_USER; /* shares only the user namespace */
	assert_int_equal(ns_set_add_proc(&set, &a), 0);
	assert_int_equal(ns_set_add_proc(&set, &b), 0);
	assert_int_equal(ns_set_add_proc(&set, &c), 0);
	assert_int_equal(set.nprocs, 3);
	assert_int_equal(set.nns, NS_TYPE_COUNT * 2 - 1);
	struct ns_entry *net = ns_set_find(&set, 1000 + NS_NET);
	assert_non_null(net);
	assert_int_equal(net->type, NS_NET);
	assert_int_equal(net->nprocs, 2);
	assert_int_equal(net->pid, 42);
	assert_int_equal(net->sources, NS_SRC_PROC);
	struct ns_entry *user = ns_set_find(&set, 1000 + NS_USER);
	assert_int_equal(user->nprocs, 3);
	assert_int_equal(user->pid, 7);
	assert_null(ns_set_find(&set, 999));
	ns_set_free(&set);
}

static void many_entries_survive_rehashing(void **state)
{
	(void)state;
	struct ns_set set;
	ns_set_init(&set);
	for (pid_t pid = 1; pid <= 5000; pid++) {
		struct ns_proc p = make_proc(pid, 4026531000 + (ino_t)pid * 16);
		assert_int_equal(ns_set_add_proc(&set, &p), 0);
	}
	assert_int_equal(set.nns, 5000 * NS_TYPE_COUNT);
	for (pid_t pid = 1; pid <= 5000; pid += 97) {
		struct ns_entry *e = ns_set_find(&set, 4026531000 + (ino_t)pid * 16 + NS_PID);
		assert_non_null(e);
		assert_int_equal(e->pid, pid);
		assert_int_equal(e->type, NS_PID);
	}
	ns_set_free(&set);
}

static void nsfs_paths_are_deduplicated(void **state)
{
	(void)state;
	struct ns_set set;
	ns_set_init(&set);
	struct ns_entry *e = ns_set_add(&set, 77, NS_NET, NS_SRC_MOUNT);
	assert_non_null(e);
	assert_int_equal(ns_entry_add_nsfs(e, "/run/netns/a"), 0);
	assert_int_equal(ns_entry_add_nsfs(e, "/run/netns/b"), 0);
	assert_int_equal(ns_entry_add_nsfs(e, "/run/netns/a"), 0);
	assert_int_equal(e->nnsfs, 2);
	assert_ptr_equal(ns_set_add(&set, 77, NS_NET, NS_SRC_PROC), e);
	assert_int_equal(e->sources, NS_SRC_MOUNT | NS_SRC_PROC);
	ns_set_free(&set);
}

static void mountinfo_file(void **state)
{
	(void)state;
	char path[] = "/tmp/test_scan_mountinfo_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs("22 27 0:21 / /proc rw,relatime - proc proc rw\n"
	      "812 27 0:4 net:[4026532301] /run/netns/blue rw shared:5 - nsfs nsfs rw\n"
	      "813 27 0:4 net:[4026532301] /var/run/netns/blue rw shared:5 - nsfs nsfs rw\n"
	      "814 27 0:4 uts:[4026532302] /tmp/uts rw - nsfs nsfs rw\n",
	      f);
	fclose(f);
	struct ns_set set;
	ns_set_init(&set);
	assert_int_equal(ns_scan_mountinfo(&set, path, 1u << NS_NET), 0);
	assert_int_equal(set.nns, 1);
	assert_int_equal(set.ns[0].nnsfs, 2);
	assert_string_equal(set.ns[0].nsfs[1], "/var/run/netns/blue");
	assert_int_equal(set.ns[0].sources, NS_SRC_MOUNT);
	assert_int_equal(ns_scan_mountinfo(&set, path, 0), 0);
	assert_int_equal(set.nns, 2);
	unlink(path);
	assert_int_equal(ns_scan_mountinfo(&set, path, 0), -ENOENT);
	ns_set_free(&set);
}

static ino_t self_ino(const char *type)
{
	char path[64], link[64];
	snprintf(path, sizeof(path), "/proc/self/ns/%s", type);
	ssize_t n = readlink(path, link, sizeof(link) - 1);
	assert_true(n > 0);
	link[n] = '\0';
	return strtoull(strchr(link, '[') + 1, NULL, 10);
}

static void real_proc_walk_finds_us(void **state)
{
	(void)state;
	struct ns_set set;
	ns_set_init(&set);
	struct ns_scan_opts opts = { .mounts = true };
	assert_int_equal(ns_scan(&set, &opts), 0);
	const struct ns_proc *me = NULL;
	for (size_t i = 0; i < set.nprocs; i++)
		if (set.procs[i].pid == getpid())
			me = &set.procs[i];
	assert_non_null(me);
	for (int t = 0; t < NS_TYPE_COUNT; t++) {
		assert_int_equal(me->ino[t], self_ino(ns_type_info(t)->name));
		struct ns_entry *e = ns_set_find(&set, me->ino[t]);
		assert_non_null(e);
		assert_int_equal(e->type, t);
		assert_true(e->nprocs >= 1);
		assert_true(e->pid <= getpid());
	}
	ns_set_free(&set);

	/* one process only, and a pid that does not exist */
	ns_set_init(&set);
	opts.only_pid = getpid();
	assert_int_equal(ns_scan(&set, &opts), 0);
	assert_int_equal(set.nprocs, 1);
	ns_set_free(&set);
	ns_set_init(&set);
	opts.only_pid = 2147483000;
	assert_int_equal(ns_scan(&set, &opts), -ESRCH);
	ns_set_free(&set);
}

static void hierarchy_of_our_namespaces(void **state)
{
	(void)state;
	struct ns_set set;
	ns_set_init(&set);
	struct ns_scan_opts opts = { .only_pid = getpid() };
	assert_int_equal(ns_scan(&set, &opts), 0);
	assert_int_equal(ns_set_resolve_hier(&set, 0), 0);
	struct ns_entry *net = ns_set_find(&set, self_ino("net"));
	assert_true(net->hier_known);
	assert_int_equal(net->owner_ino, self_ino("user"));
	assert_int_equal(net->parent_ino, 0);
	struct ns_entry *user = ns_set_find(&set, self_ino("user"));
	assert_true(user->owner_uid_known);
	int fd = ns_entry_open(&set, net);
	assert_true(fd >= 0);
	assert_int_equal(ns_fd_type(fd), NS_NET);
	close(fd);
	ns_set_free(&set);
}

/* Children that each unshare a UTS namespace: each is the lowest pid of its own. */
#define NCHILD 150

static void metadata_of_lowest_pids_read_during_the_walk(void **state)
{
	(void)state;
	if (geteuid() != 0)
		skip();
	pid_t kids[NCHILD];
	int ready[2];
	assert_int_equal(pipe(ready), 0);
	for (int i = 0; i < NCHILD; i++) {
		kids[i] = fork();
		assert_true(kids[i] >= 0);
		if (kids[i] == 0) {
			close(ready[0]);
			/* the test kills us with SIGKILL; if it died first, so do we */
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			char ok = unshare(CLONE_NEWUTS) == 0 ? 'y' : 'n';
			ssize_t w = write(ready[1], &ok, 1);
			(void)w;
			pause();
			_exit(0);
		}
	}
	close(ready[1]);
	int unshared = 0;
	char c;
	/* the children keep the write end open: count their answers, not on EOF */
	for (int i = 0; i < NCHILD && read(ready[0], &c, 1) == 1; i++)
		unshared += c == 'y';
	close(ready[0]);

	struct ns_set set;
	ns_set_init(&set);
	struct ns_scan_opts opts = { .counts_only = true, .procinfo_fields = NS_PI_ALL };
	int r = ns_scan(&set, &opts);
	for (int i = 0; i < NCHILD; i++)
		kill(kids[i], SIGKILL);
	for (int i = 0; i < NCHILD; i++)
		waitpid(kids[i], NULL, 0);
	assert_int_equal(r, 0);
	assert_int_equal(unshared, NCHILD);
	/* every namespace's lowest pid has its metadata, sorted by pid */
	size_t found_kids = 0;
	for (size_t i = 1; i < set.ninfo; i++)
		assert_true(set.info[i - 1].pid < set.info[i].pid);
	for (size_t i = 0; i < set.nns; i++) {
		const struct ns_entry *e = &set.ns[i];
		if (!e->pid)
			continue;
		const struct ns_procinfo *hit = NULL;
		for (size_t k = 0; k < set.ninfo && !hit; k++)
			if (set.info[k].pid == e->pid)
				hit = &set.info[k];
		assert_non_null(hit);
		for (int k = 0; k < NCHILD; k++)
			if (kids[k] == e->pid && e->type == NS_UTS) {
				found_kids++;
				assert_int_equal(hit->ppid, getpid());
				assert_non_null(strstr(hit->command, "test_scan"));
				assert_string_equal(hit->user, "root");
			}
	}
	assert_int_equal(found_kids, NCHILD);
	ns_set_free(&set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(counts_and_lowest_pid),
		cmocka_unit_test(many_entries_survive_rehashing),
		cmocka_unit_test(nsfs_paths_are_deduplicated),
		cmocka_unit_test(mountinfo_file),
		cmocka_unit_test(real_proc_walk_finds_us),
		cmocka_unit_test(hierarchy_of_our_namespaces),
		cmocka_unit_test(metadata_of_lowest_pids_read_during_the_walk),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
