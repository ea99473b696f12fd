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

struct ns_procinfo;

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
	struct ns_procinfo *info; /* with ns_scan_opts.procinfo_fields: metadata of every lowest
				   * pid, sorted by pid */
	size_t ninfo;
};

struct ns_scan_opts {
	const char *proc_root; /* NULL: "/proc" */
	unsigned types;        /* bit per enum ns_type; 0 means all */
	pid_t only_pid;        /* scan only this process (0: all) */
	bool mounts;           /* look for nsfs bind mounts */
	bool counts_only;      /* no process list and no member lists: less memory and time */
	unsigned procinfo_fields; /* NS_PI_*: read them for each namespace's lowest pid, into
				   * ns_set.info, on a second thread while the walk goes on */
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

/* ==== nsnet (issue 5): named network namespaces, links, addresses and routes ==== */

/* ---- addr.c: pure checks of names, addresses, CIDRs ---- */

struct ns_cidr {
	int family;       /* AF_INET or AF_INET6 */
	uint8_t addr[16];
	unsigned prefix;  /* the address width when no prefix was given */
};

/* An interface name: 1..15 bytes, no '/', ':', whitespace, not "." or "..". -EINVAL otherwise. */
int ns_check_ifname(const char *name);
/* A netns name: 1..NAME_MAX bytes, no '/', not "." or "..". -EINVAL otherwise. */
int ns_check_netns_name(const char *name);
/* "192.0.2.1" or "2001:db8::1"; -EINVAL otherwise. */
int ns_parse_ip(const char *text, struct ns_cidr *out);
/* "192.0.2.1/24": -EINVAL when malformed or without a prefix, -ERANGE when the prefix is too wide. */
int ns_parse_cidr(const char *text, struct ns_cidr *out);
size_t ns_cidr_addr_len(const struct ns_cidr *c);
int ns_format_cidr(const struct ns_cidr *c, bool with_prefix, char *buf, size_t size);
/* "02:00:00:00:00:01": a unicast MAC address; -EINVAL otherwise. */
int ns_parse_mac(const char *text, uint8_t mac[6]);

/* ---- netns.c: named network namespaces in /run/netns, as ip netns keeps them ---- */

#define NS_NETNS_RUN_DIR "/run/netns"

/* Creates /run/netns/NAME (O_EXCL, bind mount of a new netns); -EEXIST when it exists. */
int ns_netns_add(const char *name);
/* Detached unmount, then unlink; -ENOENT when there is no such name. */
int ns_netns_del(const char *name);
/* An O_RDONLY|O_CLOEXEC fd on a netns: a NAME in /run/netns, a PID, or a path (has a '/'). */
int ns_netns_open(const char *spec);
/* The names in /run/netns, sorted; *names is NULL-terminated, free with ns_netns_names_free. */
int ns_netns_names(char ***names, size_t *n);
void ns_netns_names_free(char **names);
/* The names in /run/netns that are the netns behind fd. */
int ns_netns_names_of_fd(int fd, char ***names, size_t *n);
/* For exec: enters netns NAME, a private mount ns with /sys for it and /etc/netns/NAME over /etc. */
int ns_netns_enter(const char *name);

/* ---- link.c: rtnetlink messages built into a caller buffer, replies parsed (pure) ---- */

struct ns_veth_req {
	const char *ifname, *peer_ifname;
	int peer_netns_fd;     /* -1: the peer stays in our netns */
	unsigned mtu;          /* 0: the default */
	bool has_peer_mac;
	uint8_t peer_mac[6];
	int master_index;      /* 0: none */
	bool up;               /* the host end; the peer can only be set up once created */
};

struct ns_link_change {
	int index;             /* 0: by ifname */
	const char *ifname;
	int up;                /* 1 up, 0 down, -1 unchanged */
	unsigned mtu;          /* 0: unchanged */
	const char *new_name;  /* NULL: unchanged */
	int master_index;      /* 0: unchanged */
};

struct ns_route_req {
	struct ns_cidr dst;    /* prefix 0: default */
	bool has_gateway;
	struct ns_cidr gateway;
	int oif;               /* 0: none */
};

/* Each returns the message length, or -EMSGSIZE when size is too small. */
int ns_msg_veth(void *buf, size_t size, const struct ns_veth_req *req);
int ns_msg_bridge(void *buf, size_t size, const char *name, bool up);
int ns_msg_link_change(void *buf, size_t size, const struct ns_link_change *req);
int ns_msg_link_del(void *buf, size_t size, const char *ifname);
int ns_msg_link_get(void *buf, size_t size, const char *ifname);
/* cmd: RTM_NEWADDR or RTM_DELADDR; flags: IFA_F_* */
int ns_msg_addr(void *buf, size_t size, int cmd, int ifindex, const struct ns_cidr *cidr, unsigned flags);
/* cmd: RTM_NEWROUTE or RTM_DELROUTE, main table */
int ns_msg_route(void *buf, size_t size, int cmd, const struct ns_route_req *req);
/* A dump request (RTM_GETLINK, RTM_GETADDR, RTM_GETROUTE) for family (AF_UNSPEC: all). */
int ns_msg_dump(void *buf, size_t size, int type, int family);
int ns_msg_set_nsid(void *buf, size_t size, int netns_fd, int nsid);

struct ns_link_info {
	int index;
	char name[16];
	unsigned flags;        /* IFF_* */
	unsigned mtu;
	int master;            /* 0: none */
	char kind[16];         /* "veth", "bridge", "" */
	bool has_mac;
	uint8_t mac[6];
};
struct ns_addr_info {
	int index;
	struct ns_cidr cidr;
};
struct ns_route_info {
	struct ns_cidr dst;
	bool has_gateway;
	struct ns_cidr gateway;
	int oif;
	unsigned table;
	unsigned type;         /* RTN_* */
};

/* Parse one reply message of len bytes; -EBADMSG when truncated or malformed. */
int ns_parse_link_msg(const void *msg, size_t len, struct ns_link_info *out);
int ns_parse_addr_msg(const void *msg, size_t len, struct ns_addr_info *out);
int ns_parse_route_msg(const void *msg, size_t len, struct ns_route_info *out);

/* ---- rtnl.c: one netlink socket per network namespace; operations with rollback ---- */

struct ns_rtnl;
/* What failed: the step ("create veth veth0") and the kernel's extended-ack text. */
struct ns_error {
	char step[192];
	char extack[256];
	char undo_failed[192];  /* a composite's undo step that failed too, "" when all undone */
};

int ns_rtnl_new(struct ns_rtnl **out);
void ns_rtnl_free(struct ns_rtnl *rt);
/* Closes our socket in netns_fd's namespace, which would keep it alive after its name is deleted. */
void ns_rtnl_forget(struct ns_rtnl *rt, int netns_fd);

/* netns_fd -1 means our own network namespace. */
int ns_link_index(struct ns_rtnl *rt, int netns_fd, const char *ifname, struct ns_error *err);
int ns_link_list(struct ns_rtnl *rt, int netns_fd, struct ns_link_info **links, size_t *n,
		 struct ns_error *err);
int ns_link_set(struct ns_rtnl *rt, int netns_fd, const struct ns_link_change *req, struct ns_error *err);
int ns_link_del(struct ns_rtnl *rt, int netns_fd, const char *ifname, struct ns_error *err);
/* cmd RTM_NEWADDR (exclusive) or RTM_DELADDR. */
int ns_addr_change(struct ns_rtnl *rt, int netns_fd, int cmd, const char *ifname,
		   const struct ns_cidr *cidr, unsigned flags, struct ns_error *err);
int ns_addr_list(struct ns_rtnl *rt, int netns_fd, struct ns_addr_info **addrs, size_t *n,
		 struct ns_error *err);
/* cmd RTM_NEWROUTE (exclusive) or RTM_DELROUTE; dev may be NULL. */
int ns_route_change(struct ns_rtnl *rt, int netns_fd, int cmd, const struct ns_route_req *req,
		    const char *dev, struct ns_error *err);
int ns_route_list(struct ns_rtnl *rt, int netns_fd, int family, struct ns_route_info **routes,
		  size_t *n, struct ns_error *err);
int ns_nsid_set(struct ns_rtnl *rt, int netns_fd, int nsid, struct ns_error *err);
/* A bridge, up, with an optional address; removed again if the address fails. */
int ns_bridge_add(struct ns_rtnl *rt, const char *name, const struct ns_cidr *addr, struct ns_error *err);

#define NS_VETH_MAX_ADDRS 4
struct ns_veth_setup {
	const char *ifname, *peer_ifname;
	const char *netns;     /* NAME, PID or FILE; NULL: the peer stays here */
	bool create_netns;     /* netns is a NAME to create first (removed on failure) */
	unsigned mtu;
	bool has_peer_mac;
	uint8_t peer_mac[6];
	const char *bridge;    /* enslave the host end to it */
	struct ns_cidr addrs[NS_VETH_MAX_ADDRS], peer_addrs[NS_VETH_MAX_ADDRS];
	size_t naddrs, npeer_addrs;
	bool gateway_auto;     /* default routes inside via the host end's addresses */
	struct ns_cidr gateways[NS_VETH_MAX_ADDRS];
	size_t ngateways;
};
/* The whole walk-through; on failure every step made is undone and err says which failed. */
int ns_veth_setup(struct ns_rtnl *rt, const struct ns_veth_setup *setup, struct ns_error *err);

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
