/* Container ids from /proc/PID/cgroup lines as docker, podman, containerd, cri-o, Kubernetes and
 * systemd-nspawn write them. */
#define _GNU_SOURCE
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "libns.h"

#define ID "3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a"

struct case_ {
	const char *line, *runtime, *id;
};

static void recognised(void **state)
{
	(void)state;
	static const struct case_ cases[] = {
		{ "0::/system.slice/docker-" ID ".scope\n", "docker", ID },
		{ "12:memory:/docker/" ID "\n", "docker", ID },
		{ "0::/machine.slice/libpod-" ID ".scope/container\n", "podman", ID },
		{ "0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" ID ".scope\n", "podman", ID },
		{ "0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod0d3e5a2b_7c4f_4e1a_9b8d_6f2c1a0e3b5d.slice/cri-containerd-" ID ".scope\n",
		  "containerd", ID },
		{ "0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1a2b.slice/crio-" ID ".scope\n", "cri-o", ID },
		{ "11:pids:/kubepods/burstable/pod0d3e5a2b-7c4f-4e1a-9b8d-6f2c1a0e3b5d/" ID "\n", "kubernetes", ID },
		{ "0::/default/" ID "\n", "containerd", ID },
		{ "0::/machine.slice/machine-web\\x2d01.scope/payload\n", "nspawn", "web-01" },
		{ "1:name=systemd:/machine.slice/systemd-nspawn@db.service/payload/system.slice\n", "nspawn", "db" },
		/* a docker container nested in a podman one: the innermost wins */
		{ "0::/machine.slice/libpod-" ID ".scope/container/docker/" "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n",
		  "docker", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ns_container c = { 0 };
		assert_int_equal(ns_container_from_cgroup_line(cases[i].line, &c), 1);
		assert_string_equal(c.runtime, cases[i].runtime);
		assert_string_equal(c.id, cases[i].id);
	}
}

static void not_containers(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"0::/\n",
		"0::/user.slice/user-0.slice/session-3.scope\n",
		"4:memory:/process_api/7f77898a12061697e23665a8f2940e58\n",
		/* conmon is podman's monitor, not the container */
		"0::/machine.slice/libpod-conmon-" ID ".scope\n",
		/* 63 digits, an upper-case digit, a wrong suffix */
		"0::/system.slice/docker-" "3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4" ".scope\n",
		"0::/system.slice/docker-" "3F2A9C1E5B7D4A6F8E0C2B4D6F8A0C2E4B6D8F0A2C4E6B8D0F2A4C6E8B0D2F4A" ".scope\n",
		"0::/system.slice/docker-" ID ".service\n",
		"0::/" ID "\n",
		"0::/system.slice/machine-x.scope\n",
		"0::/machine.slice/machine-.scope\n",
	};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		struct ns_container c = { 0 };
		assert_int_equal(ns_container_from_cgroup_line(lines[i], &c), 0);
	}
	struct ns_container c;
	assert_int_equal(ns_container_from_cgroup_line("garbage", &c), -EINVAL);
	assert_int_equal(ns_container_from_cgroup_line("0:relative", &c), -EINVAL);
}

static void matching(void **state)
{
	(void)state;
	struct ns_container docker = { .runtime = "docker", .id = ID };
	struct ns_container machine = { .runtime = "nspawn", .id = "web-01" };
	assert_true(ns_container_matches(&docker, "3f2a9c1e5b7d"));
	assert_true(ns_container_matches(&docker, "3F2A9C1E5B7D"));
	assert_true(ns_container_matches(&docker, ID));
	assert_false(ns_container_matches(&docker, "3f2a9c1e5b7"));  /* 11 digits: too short */
	assert_false(ns_container_matches(&docker, "3f2a9c1e5b7e"));
	assert_false(ns_container_matches(&docker, ID "0"));
	assert_true(ns_container_matches(&machine, "web-01"));
	assert_false(ns_container_matches(&machine, "web"));
	assert_true(ns_container_query_valid("web-01"));
	assert_false(ns_container_query_valid(""));
	assert_false(ns_container_query_valid("a/b"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(recognised),
		cmocka_unit_test(not_containers),
		cmocka_unit_test(matching),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
