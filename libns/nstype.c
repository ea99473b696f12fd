/* The single table of namespace types. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <string.h>

#include "libns.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

static const struct ns_type_info ns_types[NS_TYPE_COUNT] = {
	[NS_USER] = { "user", "user", CLONE_NEWUSER, true },
	[NS_CGROUP] = { "cgroup", "cgroup", CLONE_NEWCGROUP, false },
	[NS_IPC] = { "ipc", "ipc", CLONE_NEWIPC, false },
	[NS_UTS] = { "uts", "uts", CLONE_NEWUTS, false },
	[NS_NET] = { "net", "network", CLONE_NEWNET, false },
	[NS_PID] = { "pid", "pid", CLONE_NEWPID, true },
	[NS_MNT] = { "mnt", "mount", CLONE_NEWNS, false },
	[NS_TIME] = { "time", "time", CLONE_NEWTIME, false },
};

const struct ns_type_info *ns_type_info(enum ns_type type)
{
	if ((unsigned)type >= NS_TYPE_COUNT)
		return NULL;
	return &ns_types[type];
}

int ns_type_from_name(const char *name)
{
	if (!name)
		return -EINVAL;
	for (int t = 0; t < NS_TYPE_COUNT; t++)
		if (!strcmp(name, ns_types[t].name) || !strcmp(name, ns_types[t].long_name))
			return t;
	return -EINVAL;
}

int ns_type_from_clone_flag(int flag)
{
	for (int t = 0; t < NS_TYPE_COUNT; t++)
		if (ns_types[t].clone_flag == flag)
			return t;
	return -EINVAL;
}
