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

/* ==== nsunshare (issue 4): id maps (idmap.c) and creating namespaces (spawn.c) ==== */

/* The kernel takes at most 340 lines in uid_map/gid_map. */
#define NS_IDMAP_MAX 340

struct ns_idmap_range {
	uint32_t inner, outer, count;
};

struct ns_idmap {
	struct ns_idmap_range r[NS_IDMAP_MAX];
	size_t n;
};

/* A decimal uid/gid, 0..4294967294: -EINVAL when not a number, -ERANGE when too large. */
int ns_parse_id(const char *text, uint32_t *id);
/* "INNER:OUTER:COUNT": -EINVAL bad syntax, -EDOM zero count, -ERANGE id or id+count too large. */
int ns_idmap_parse_range(const char *text, struct ns_idmap_range *out);
/* Appends range: -EEXIST when it overlaps a range already there (either side), -E2BIG when full. */
int ns_idmap_add(struct ns_idmap *map, const struct ns_idmap_range *range);
/* The map as uid_map text ("inner outer count\n" lines); its length or -ENOBUFS. */
int ns_idmap_format(const struct ns_idmap *map, char *buf, size_t size);
/* One /etc/subuid line "NAME|UID:START:COUNT": 1 and out = {0, START, COUNT} when it names user
 * or uid, 0 when it names another, -EINVAL when malformed. */
int ns_subid_parse_line(const char *line, const char *user, uint32_t uid, struct ns_idmap_range *out);
/* The first range of user (or uid) in a subuid/subgid file; -ENOENT when none. */
int ns_subid_find(const char *path, const char *user, uint32_t uid, struct ns_idmap_range *out);
/* Writes the map to /proc/PID/FILE ("uid_map" or "gid_map") in one write; pid 0 is self. */
int ns_idmap_write(pid_t pid, const char *file, const struct ns_idmap *map);
/* Writes "allow" or "deny" to /proc/PID/setgroups; pid 0 is self. */
int ns_setgroups_write(pid_t pid, bool allow);
/* Runs newuidmap/newgidmap (helper) for pid with the map; -ENOENT when helper is missing,
 * -EPERM when it refused. */
int ns_idmap_run_helper(const char *helper, pid_t pid, const struct ns_idmap *map);

/* What nsunshare asks for. Everything is validated by the caller before ns_spawn_run. */
struct ns_spawn_opts {
	int clone_flags;                 /* CLONE_NEW* to unshare */
	bool fork;                       /* run the command in a child (PID 1 of a new pid ns) */
	const char *mount_proc;          /* mount a proc here (in the new root), or NULL */
	unsigned long propagation;       /* MS_PRIVATE, MS_SHARED, MS_SLAVE, or 0 to leave it */
	const struct ns_idmap *uid_map;  /* NULL or empty: no uid map */
	const struct ns_idmap *gid_map;
	bool uid_map_outside;            /* written from the parent user ns (ranges), not by us */
	bool gid_map_outside;
	bool map_helpers;                /* outside maps go through newuidmap/newgidmap */
	int setgroups;                   /* -1 leave, 0 deny, 1 allow */
	const char *hostname, *domainname;
	bool lo_up;                      /* bring lo up in a new network namespace */
	const char *root;                /* pivot_root (with a mount ns) or chroot into it */
	const char *wd;
	bool set_uid, set_gid;
	uid_t uid;
	gid_t gid;
	bool keep_caps;
	const char *persist[NS_TYPE_COUNT]; /* bind-mount the new namespace of that type here */
	bool time_offsets;
	long long monotonic, boottime;   /* seconds */
	int info_fd;                     /* -1, or where the info JSON goes */
	int kill_child_signal;           /* 0, or the signal the child gets when we die */
	char *const *argv;               /* the command */
};

/* What failed, with its value, for the caller's message ("cannot mount proc on '/proc'"). */
struct ns_spawn_err {
	char what[512];
	bool exec_failed;                /* the command itself could not be exec'd */
	const char *hint;                /* the fix, when there is one, or NULL */
};

/* Creates the namespaces and runs the command. Without fork it execs and returns only on
 * failure. With fork it returns 0 and the command's wait status in *status (from PID 1
 * when there is a new pid namespace). On failure -errno and err->what; when the
 * command could not be exec'd, err->exec_failed is set too. */
int ns_spawn_run(const struct ns_spawn_opts *opts, int *status, struct ns_spawn_err *err);
/* Sets IFF_UP on lo in the current network namespace through rtnetlink. */
int ns_lo_up(void);

#endif
