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
	pid_t *members;     /* pids in it, ascending; none when scanned counts_only */
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
	bool counts_only;   /* keep counts and lowest pids, not procs[] and members */
};

struct ns_scan_opts {
	const char *proc_root; /* NULL: "/proc" */
	unsigned types;        /* bit per enum ns_type; 0 means all */
	pid_t only_pid;        /* scan only this process (0: all) */
	bool mounts;           /* look for nsfs bind mounts */
	bool counts_only;      /* no process list and no member lists: less memory and time */
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

/* Which fields to read: each costs another /proc file per process. */
enum {
	NS_PI_PPID = 1 << 0,    /* /proc/PID/stat */
	NS_PI_USER = 1 << 1,    /* uid and user name: /proc/PID/status */
	NS_PI_COMMAND = 1 << 2, /* /proc/PID/cmdline */
	NS_PI_ALL = NS_PI_PPID | NS_PI_USER | NS_PI_COMMAND,
};

/* Fills out[i] for pids[i] (unique pids) with the fields asked for; a pid that is gone gets
 * pid 0. Returns 0 or -errno. */
int ns_procinfo_fetch(const pid_t *pids, size_t n, unsigned fields, struct ns_procinfo *out);
void ns_procinfo_free(struct ns_procinfo *info, size_t n);

#endif
