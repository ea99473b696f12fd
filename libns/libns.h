/* libns: namespace discovery, entry and creation. Never prints, never exits.
 * Every function that can fail returns 0 (or a count) on success and -errno on failure. */
#ifndef LIBNS_H
#define LIBNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* ---- nstype.c: the one table of namespace types ---- */

/* Table order is entry order: user first, as setns wants when it gains privilege. */
enum ns_type {
	NS_USER,
	NS_CGROUP,
	NS_IPC,
	NS_UTS,
	NS_NET,
	NS_PID,
	NS_MNT,
	NS_TIME,
	NS_TYPE_COUNT
};

struct ns_type_info {
	const char *name;      /* "net": the /proc/PID/ns file and the lsns type name */
	const char *long_name; /* "network" */
	int clone_flag;        /* CLONE_NEWNET */
	bool hierarchical;     /* has NS_GET_PARENT (pid, user) */
};

const struct ns_type_info *ns_type_info(enum ns_type type);
/* Returns the enum ns_type for "net", "network", ... or -EINVAL. */
int ns_type_from_name(const char *name);
/* Returns the enum ns_type for one CLONE_NEW* flag or -EINVAL. */
int ns_type_from_clone_flag(int flag);

/* ---- parse.c: pure parsers of /proc text and user input ---- */

/* "net:[4026531833]" -> type NS_NET, inode. -EINVAL on anything else. */
int ns_parse_link(const char *link, enum ns_type *type, ino_t *ino);
/* A positive decimal pid that fits pid_t; -EINVAL otherwise, -ERANGE when too large. */
int ns_parse_pid(const char *text, pid_t *pid);
/* A decimal namespace inode; -EINVAL otherwise. */
int ns_parse_ino(const char *text, ino_t *ino);

/* One nsfs mount from a mountinfo line. */
struct ns_mount {
	enum ns_type type;
	ino_t ino;
	char *path; /* mount point, unescaped; owned */
};
/* Parses one line of /proc/PID/mountinfo. Returns 1 and fills *m for an nsfs mount,
 * 0 for any other mount, -EINVAL for a malformed line. */
int ns_parse_mountinfo_line(const char *line, struct ns_mount *m);

/* ---- scan.c: what namespaces exist ---- */

enum ns_source {
	NS_SRC_PROC = 1 << 0,     /* some process is in it */
	NS_SRC_MOUNT = 1 << 1,    /* bind-mounted on an nsfs path */
	NS_SRC_ANCESTOR = 1 << 2, /* reached only as a parent or owner of another namespace */
};

struct ns_entry {
	ino_t ino;
	enum ns_type type;
	unsigned sources;   /* enum ns_source bits */
	size_t nprocs;
	pid_t pid;          /* lowest pid in it, 0 when none */
	size_t *members;    /* indexes into ns_set.procs, ascending pid */
	size_t nmembers, members_cap;
	char **nsfs;        /* bind-mount paths */
	size_t nnsfs;
	/* filled by ns_set_resolve_hier() */
	bool hier_known;
	ino_t parent_ino;   /* pid/user parent; 0 none or not visible */
	ino_t owner_ino;    /* owning user namespace; 0 not visible */
	uid_t owner_uid;    /* NS_GET_OWNER_UID, user namespaces only */
	bool owner_uid_known;
	/* filled by ns_set_resolve_netnsid() */
	int netnsid;        /* -1 when not assigned */
};

struct ns_proc {
	pid_t pid;
	ino_t ino[NS_TYPE_COUNT]; /* 0 when that type is unavailable */
};

struct ns_set {
	struct ns_entry *ns;
	size_t nns, ns_cap;
	struct ns_proc *procs;
	size_t nprocs, procs_cap;
	size_t unreadable;  /* processes we could not read (EACCES/EPERM) */
	size_t vanished;    /* processes that exited during the walk */
	/* private: inode -> index hash */
	size_t *hash;
	size_t hash_cap;
	char *proc_root;    /* "/proc" unless a test points it elsewhere */
};

struct ns_scan_opts {
	const char *proc_root; /* NULL: "/proc" */
	unsigned types;        /* bit per enum ns_type; 0 means all */
	pid_t only_pid;        /* scan only this process (0: all) */
	bool mounts;           /* look for nsfs bind mounts */
};

void ns_set_init(struct ns_set *set);
void ns_set_free(struct ns_set *set);
/* Walks /proc. A process that vanishes or that we may not read is skipped and counted. */
int ns_scan(struct ns_set *set, const struct ns_scan_opts *opts);
struct ns_entry *ns_set_find(const struct ns_set *set, ino_t ino);
/* Adds (or returns) the entry for ino; NULL on allocation failure. */
struct ns_entry *ns_set_add(struct ns_set *set, ino_t ino, enum ns_type type, unsigned source);
/* Records one process with its namespaces; returns -ENOMEM on failure. */
int ns_set_add_proc(struct ns_set *set, const struct ns_proc *proc);
/* Adds an nsfs path to the entry (copied). */
int ns_entry_add_nsfs(struct ns_entry *e, const char *path);
/* Reads nsfs mounts from one mountinfo file into the set. */
int ns_scan_mountinfo(struct ns_set *set, const char *path, unsigned types);

/* ---- hier.c: nsfs ioctls ---- */

/* Opens an fd on the namespace (O_RDONLY|O_CLOEXEC): from a member process, else a bind mount. */
int ns_entry_open(const struct ns_set *set, const struct ns_entry *e);
/* Fills parent/owner/owner-uid of the entries whose type is in types (0: all) and of every
 * entry no process is in, adding the ancestors found on the way (NS_SRC_ANCESTOR).
 * Entries that cannot be opened stay !hier_known. */
int ns_set_resolve_hier(struct ns_set *set, unsigned types);
/* For one namespace fd: the inode of its parent (pid/user) and owning user namespace. */
int ns_fd_hier(int fd, ino_t *parent_ino, ino_t *owner_ino);
/* The CLONE_NEW* type of a namespace fd (NS_GET_NSTYPE), as enum ns_type. */
int ns_fd_type(int fd);

/* ---- nl.c: rtnetlink through libmnl ---- */

/* The netnsid the current network namespace assigned to every net entry; -1 when none. */
int ns_set_resolve_netnsid(struct ns_set *set);
/* The netnsid of the netns behind netns_fd as seen from ours: >= 0, -1 when none, or -errno. */
int ns_netnsid_of_fd(int netns_fd);

/* ---- procinfo.c: process metadata through libproc2 ---- */

struct ns_procinfo {
	pid_t pid;
	pid_t ppid;
	uid_t uid;
	char user[64];
	char *command;   /* command line joined by spaces, or the comm name; owned */
};

/* Fills out[i] for pids[i]; a pid that is gone gets command NULL and pid 0. Returns 0 or -errno. */
int ns_procinfo_fetch(const pid_t *pids, size_t n, struct ns_procinfo *out);
void ns_procinfo_free(struct ns_procinfo *info, size_t n);


/* ==== nsenter-lite (issue 3): target.c, enter.c, container.c ==== */

/* ---- target.c: resolving what the user named to one pinned process ---- */

#define NS_NETNS_RUN_DIR "/run/netns"

/* A process pinned by a pidfd; start_time (clock ticks since boot) tells a reused pid. */
struct ns_target {
	pid_t pid;
	int pidfd;
	unsigned long long start_time;
	char state; /* /proc/PID/stat state at pinning */
};

/* Moves an fd that sits on 0, 1 or 2 above them (O_CLOEXEC); returns the fd or -errno. */
int ns_fd_above_stdio(int fd);
/* Pure: the state and start time (field 22) of a /proc/PID/stat text. */
int ns_parse_proc_stat(const char *text, char *state, unsigned long long *start_time);
int ns_proc_stat(pid_t pid, char *state, unsigned long long *start_time);
/* Pins pid with a pidfd. expect_start (0: any) is the start time seen when it was resolved.
 * -ESRCH: gone or reused, -ECHILD: a zombie, else what pidfd_open says. */
int ns_target_pin(pid_t pid, unsigned long long expect_start, struct ns_target *t);
/* After reading anything from /proc/PID: is it still the pinned process (0, -ESRCH, -ECHILD)? */
int ns_target_check(const struct ns_target *t);
void ns_target_release(struct ns_target *t);
/* A name under /run/netns: not empty, no '/', not "." or "..", at most NAME_MAX; -EINVAL. */
int ns_netns_name_valid(const char *name);
int ns_netns_path(const char *name, char *buf, size_t size);
/* The lowest pid in the namespace with this inode: -ENOENT unknown, -ENXIO no process in it. */
int ns_target_by_ino(ino_t ino, pid_t *pid, enum ns_type *type);

struct ns_match {
	pid_t pid;
	unsigned long long start_time;
	char comm[64];
};
/* Processes whose command name matches the extended regex, oldest first, without exclude and
 * zombies; *out is malloc'ed. -EINVAL: a bad pattern. */
int ns_match_command(const char *pattern, pid_t exclude, struct ns_match **out, size_t *n);
/* The environment of pid as a NULL-terminated malloc'ed array. */
int ns_read_environ(pid_t pid, char ***envp);
void ns_environ_free(char **envp);

/* ---- enter.c: setns ---- */

/* Opens a namespace file and checks its type: the fd, -ENOTTY when it is no namespace,
 * -EMEDIUMTYPE when another type (*actual says which), or -errno of open. */
int ns_open_typed(const char *path, enum ns_type want, int *actual);
/* The inode of /proc/PID/ns/TYPE (pid 0: ourselves). */
int ns_pid_ino(pid_t pid, enum ns_type type, ino_t *ino);

struct ns_enter_req {
	const struct ns_target *target; /* NULL: fds only */
	unsigned from_target;           /* enum ns_type bits entered from the target */
	int fds[NS_TYPE_COUNT];         /* given namespace fds, -1 none; they win over the target */
	bool no_pidfd;                  /* always use per-namespace fds */
};
/* Enters every namespace asked; on failure *failed is the type that failed (-1: the whole
 * setns(pidfd), which changes nothing when it fails). */
int ns_enter(const struct ns_enter_req *req, int *failed);
/* Moves the caller into every cgroup (v2, and v1 hierarchies that are mounted) of pid. */
int ns_join_cgroups(pid_t pid);

/* ---- container.c: containers from cgroup paths ---- */

enum { NS_CONTAINER_ID_MAX = 256, NS_CONTAINER_MIN_PREFIX = 12 };

struct ns_container {
	char runtime[16];              /* docker, podman, containerd, cri-o, kubernetes, nspawn */
	char id[NS_CONTAINER_ID_MAX];  /* 64 hex digits, or the nspawn machine name */
	pid_t pid;                     /* lowest pid in it (ns_container_scan) */
	size_t nprocs;
};
/* Pure: one /proc/PID/cgroup line. 1 and *c filled when it names a container, 0 when not,
 * -EINVAL when malformed. */
int ns_container_from_cgroup_line(const char *line, struct ns_container *c);
/* Reads PROC/PID/cgroup (proc_root NULL: /proc): 1 container, 0 none, -errno. */
int ns_container_of_pid(const char *proc_root, pid_t pid, struct ns_container *c);
bool ns_container_query_valid(const char *query);
/* 12 or more leading hex digits of the id, or the exact machine name. */
bool ns_container_matches(const struct ns_container *c, const char *query);

struct ns_container_list {
	struct ns_container *items;
	size_t n, cap;
};
/* Every container some process is in that matches query (NULL: all), with its lowest pid. */
int ns_container_scan(const char *proc_root, const char *query, struct ns_container_list *list);
void ns_container_list_free(struct ns_container_list *list);

#endif
