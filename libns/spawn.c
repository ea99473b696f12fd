/* Creating namespaces and running a command in them: unshare, id maps, persistent bind
 * mounts, fork, and a minimal PID 1 that reaps and forwards signals. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "libns.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif
#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

/* What a child tells the parent through the error pipe. */
enum { REC_ERROR = 1, REC_STATUS = 2 };
struct child_record {
	int kind;
	int value; /* errno for REC_ERROR, wait status for REC_STATUS */
	bool exec_failed;
	const char *hint; /* a static string: the same in parent and child */
	char what[512];
};

static const int forwarded_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGWINCH };

static int set_err(struct ns_spawn_err *err, int r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int set_err(struct ns_spawn_err *err, int r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->what, sizeof(err->what), fmt, ap);
	va_end(ap);
	return r;
}

/* In a forked child: report the failure to the parent and leave. */
static void child_fail(int errfd, const struct ns_spawn_err *err, int r)
{
	struct child_record rec = { REC_ERROR, -r, err->exec_failed, err->hint, "" };
	snprintf(rec.what, sizeof(rec.what), "%s", err->what);
	if (write(errfd, &rec, sizeof(rec)) < 0) {
		/* the parent is gone; nobody to tell */
	}
	_exit(err->exec_failed ? (r == -ENOENT ? 127 : 126) : 125);
}

static int read_record(int errfd, struct child_record *rec)
{
	ssize_t n = read(errfd, rec, sizeof(*rec));
	return n == (ssize_t)sizeof(*rec) ? 1 : 0;
}

static const char *ns_file_for_children(enum ns_type t)
{
	/* the calling process stays in its pid and time namespaces; its children get the new ones */
	if (t == NS_PID)
		return "pid_for_children";
	if (t == NS_TIME)
		return "time_for_children";
	return ns_type_info(t)->name;
}

/* ---- persistent namespaces: files to bind on ---- */

static int create_persist_files(const struct ns_spawn_opts *o, bool *created, struct ns_spawn_err *err)
{
	for (int t = 0; t < NS_TYPE_COUNT; t++) {
		if (!o->persist[t])
			continue;
		int fd = open(o->persist[t], O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0444);
		if (fd >= 0) {
			close(fd);
			created[t] = true;
		} else if (errno != EEXIST) {
			return set_err(err, -errno, "cannot create '%s'", o->persist[t]);
		}
	}
	return 0;
}

static void remove_persist_files(const struct ns_spawn_opts *o, const bool *created)
{
	for (int t = 0; t < NS_TYPE_COUNT; t++)
		if (created[t])
			unlink(o->persist[t]);
}

/* ---- the outside helper: maps and binds that must come from the parent namespaces ---- */

struct outside {
	pid_t pid;
	int go_fd;
};

static bool needs_outside(const struct ns_spawn_opts *o)
{
	if (o->uid_map_outside || o->gid_map_outside)
		return true;
	for (int t = 0; t < NS_TYPE_COUNT; t++)
		if (o->persist[t] && t != NS_PID)
			return true;
	return false;
}

static int outside_maps(const struct ns_spawn_opts *o, pid_t target, struct ns_spawn_err *err)
{
	int r;
	if (o->uid_map_outside) {
		r = o->map_helpers ? ns_idmap_run_helper("newuidmap", target, o->uid_map)
				   : ns_idmap_write(target, "uid_map", o->uid_map);
		if (r < 0)
			return set_err(err, r, "cannot write the uid map of %d%s", (int)target,
				       o->map_helpers ? " with newuidmap" : "");
	}
	if (!o->gid_map_outside)
		return 0;
	if (o->setgroups >= 0 && (r = ns_setgroups_write(target, o->setgroups)) < 0)
		return set_err(err, r, "cannot write /proc/%d/setgroups", (int)target);
	r = o->map_helpers ? ns_idmap_run_helper("newgidmap", target, o->gid_map)
			   : ns_idmap_write(target, "gid_map", o->gid_map);
	if (r < 0)
		return set_err(err, r, "cannot write the gid map of %d%s", (int)target,
			       o->map_helpers ? " with newgidmap" : "");
	return 0;
}

static int outside_binds(const struct ns_spawn_opts *o, pid_t target, struct ns_spawn_err *err)
{
	for (int t = 0; t < NS_TYPE_COUNT; t++) {
		/* the pid namespace is bound once its PID 1 exists: see bind_pid_ns */
		if (!o->persist[t] || t == NS_PID)
			continue;
		char src[64];
		snprintf(src, sizeof(src), "/proc/%d/ns/%s", (int)target, ns_file_for_children(t));
		if (mount(src, o->persist[t], NULL, MS_BIND, NULL) < 0) {
			int r = -errno;
			for (int u = 0; u < t; u++)
				if (o->persist[u])
					umount2(o->persist[u], MNT_DETACH);
			return set_err(err, r, "cannot bind %s on '%s'", src, o->persist[t]);
		}
	}
	return 0;
}

static int outside_start(const struct ns_spawn_opts *o, int errfd, struct outside *h)
{
	int go[2];
	if (pipe2(go, O_CLOEXEC) < 0)
		return -errno;
	pid_t target = getpid();
	h->pid = fork();
	if (h->pid < 0) {
		int r = -errno;
		close(go[0]);
		close(go[1]);
		return r;
	}
	if (h->pid == 0) {
		close(go[1]);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		char byte;
		/* EOF: the parent gave up before the namespaces existed */
		if (read(go[0], &byte, 1) != 1)
			_exit(0);
		struct ns_spawn_err err = { "", false, NULL };
		int r = outside_maps(o, target, &err);
		if (r == 0)
			r = outside_binds(o, target, &err);
		if (r < 0)
			child_fail(errfd, &err, r);
		_exit(0);
	}
	close(go[0]);
	h->go_fd = go[1];
	return 0;
}

/* go: let it work (the namespaces exist) or, false, tell it to leave. */
static int outside_finish(struct outside *h, bool go, int errfd, struct ns_spawn_err *err)
{
	if (go && write(h->go_fd, "g", 1) != 1)
		go = false;
	close(h->go_fd);
	int status, r = ns_wait_child(h->pid, &status);
	if (r < 0 || !go)
		return r;
	struct child_record rec;
	if (read_record(errfd, &rec) && rec.kind == REC_ERROR) {
		err->hint = rec.hint;
		return set_err(err, -rec.value, "%s", rec.what);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return set_err(err, -ECHILD, "the map and bind helper failed");
	return 0;
}

/* ---- in the parent, right after unshare ---- */

static int write_time_offsets(const struct ns_spawn_opts *o, struct ns_spawn_err *err)
{
	char text[128];
	snprintf(text, sizeof(text), "monotonic %lld 0\nboottime %lld 0\n", o->monotonic, o->boottime);
	int r = ns_proc_write(0, "timens_offsets", text);
	return r < 0 ? set_err(err, r, "cannot write time offsets '%lld %lld' to /proc/self/timens_offsets",
			       o->monotonic, o->boottime)
		     : 0;
}

static int write_self_maps(const struct ns_spawn_opts *o, struct ns_spawn_err *err)
{
	int r;
	bool uid_map = o->uid_map && o->uid_map->n && !o->uid_map_outside;
	bool gid_map = o->gid_map && o->gid_map->n && !o->gid_map_outside;
	if (uid_map && (r = ns_idmap_write(0, "uid_map", o->uid_map)) < 0)
		return set_err(err, r, "cannot write /proc/self/uid_map '%u %u %u'", o->uid_map->r[0].inner,
			       o->uid_map->r[0].outer, o->uid_map->r[0].count);
	/* the kernel takes an unprivileged gid map only once setgroups is denied */
	int setgroups = gid_map && o->setgroups < 0 ? 0 : o->setgroups;
	if (!o->gid_map_outside && setgroups >= 0 && (r = ns_setgroups_write(0, setgroups)) < 0)
		return set_err(err, r, "cannot write '%s' to /proc/self/setgroups", setgroups ? "allow" : "deny");
	if (gid_map && (r = ns_idmap_write(0, "gid_map", o->gid_map)) < 0)
		return set_err(err, r, "cannot write /proc/self/gid_map '%u %u %u'", o->gid_map->r[0].inner,
			       o->gid_map->r[0].outer, o->gid_map->r[0].count);
	return 0;
}

static const char *propagation_name(unsigned long flag)
{
	return flag == MS_SHARED ? "shared" : flag == MS_SLAVE ? "slave" : "private";
}

static int set_propagation(const struct ns_spawn_opts *o, struct ns_spawn_err *err)
{
	if (!(o->clone_flags & CLONE_NEWNS) || !o->propagation)
		return 0;
	if (mount("none", "/", NULL, MS_REC | o->propagation, NULL) == 0)
		return 0;
	if (errno == EINVAL) {
		err->hint = "it is not a mount point; use --propagation unchanged";
		return set_err(err, -EINVAL, "cannot make '/' %s", propagation_name(o->propagation));
	}
	return set_err(err, -errno, "cannot make '/' %s", propagation_name(o->propagation));
}

/* The "namespaces" object of --info-json for process pid (0: ourselves, with the namespaces our
 * children get). */
static void info_namespaces(pid_t pid, char *buf, size_t size)
{
	size_t len = (size_t)snprintf(buf, size, "{");
	for (int t = 0; t < NS_TYPE_COUNT; t++) {
		char path[64];
		struct stat st;
		if (pid)
			snprintf(path, sizeof(path), "/proc/%d/ns/%s", (int)pid, ns_type_info(t)->name);
		else
			snprintf(path, sizeof(path), "/proc/self/ns/%s", t == NS_PID ? "pid" : ns_file_for_children(t));
		if (stat(path, &st) == 0 && len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s\"%s\":%lu", len > 1 ? "," : "",
						ns_type_info(t)->name, (unsigned long)st.st_ino);
	}
	if (len < size)
		snprintf(buf + len, size - len, "}");
}

/* Writes --info-json for pid, the process that runs the command or its PID 1. */
static void write_info(const struct ns_spawn_opts *o, pid_t pid, bool is_child)
{
	if (o->info_fd < 0)
		return;
	char namespaces[768];
	info_namespaces(is_child ? pid : 0, namespaces, sizeof(namespaces));
	if (dprintf(o->info_fd, "{\"pid\":%d,\"namespaces\":%s}\n", (int)pid, namespaces) < 0) {
		/* the reader went away; the command still runs */
	}
	close(o->info_fd);
}

/* ---- in the process that runs the command (or its PID 1) ---- */

static int enter_root(const struct ns_spawn_opts *o, struct ns_spawn_err *err)
{
	if (!(o->clone_flags & CLONE_NEWNS)) {
		if (chroot(o->root) < 0)
			return set_err(err, -errno, "cannot chroot to '%s'", o->root);
		return chdir("/") < 0 ? set_err(err, -errno, "cannot change directory to '/'") : 0;
	}
	/* pivot_root wants the new root to be a mount point */
	if (mount(o->root, o->root, NULL, MS_BIND | MS_REC, NULL) < 0)
		return set_err(err, -errno, "cannot bind '%s' on itself", o->root);
	if (chdir(o->root) < 0)
		return set_err(err, -errno, "cannot change directory to '%s'", o->root);
	if (syscall(SYS_pivot_root, ".", ".") < 0) {
		/* pivot_root refuses a shared mount: say so when we left / shared */
		if (errno == EINVAL && (o->propagation == 0 || o->propagation == MS_SHARED))
			err->hint = "a shared mount cannot be pivoted: use --propagation private";
		return set_err(err, -errno, "cannot pivot_root into '%s'", o->root);
	}
	/* the old root now sits on top of the new one: detach it */
	if (umount2(".", MNT_DETACH) < 0)
		return set_err(err, -errno, "cannot detach the old root");
	return chdir("/") < 0 ? set_err(err, -errno, "cannot change directory to '/'") : 0;
}

static int set_ids(const struct ns_spawn_opts *o, struct ns_spawn_err *err)
{
	if (o->set_gid) {
		if (setgid(o->gid) < 0)
			return set_err(err, -errno, "cannot set group id %u", (unsigned)o->gid);
		/* with setgroups denied the supplementary groups cannot change, and need not */
		if (setgroups(0, NULL) < 0 && errno != EPERM)
			return set_err(err, -errno, "cannot clear supplementary groups");
	}
	if (o->set_uid && setuid(o->uid) < 0)
		return set_err(err, -errno, "cannot set user id %u", (unsigned)o->uid);
	return 0;
}

/* Keeps the permitted capabilities across exec as ambient ones (after -S dropped the effective). */
static int keep_caps(struct ns_spawn_err *err)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	if (syscall(SYS_capget, &hdr, data) < 0)
		return set_err(err, -errno, "cannot read capabilities");
	for (int i = 0; i < 2; i++)
		data[i].inheritable = data[i].permitted;
	if (syscall(SYS_capset, &hdr, data) < 0)
		return set_err(err, -errno, "cannot set inheritable capabilities");
	for (int cap = 0; cap < 64; cap++)
		if (data[cap / 32].permitted & (1u << (cap % 32)))
			prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0);
	return 0;
}

static int setup_inside(const struct ns_spawn_opts *o, struct ns_spawn_err *err)
{
	int r;
	if (o->hostname && sethostname(o->hostname, strlen(o->hostname)) < 0)
		return set_err(err, -errno, "cannot set hostname '%s'", o->hostname);
	if (o->domainname && setdomainname(o->domainname, strlen(o->domainname)) < 0)
		return set_err(err, -errno, "cannot set domain name '%s'", o->domainname);
	if ((o->clone_flags & CLONE_NEWNET) && o->lo_up && (r = ns_lo_up()) < 0)
		return set_err(err, r, "cannot bring up 'lo'");
	if (o->root && (r = enter_root(o, err)) < 0)
		return r;
	if (o->mount_proc) {
		/* a stale proc may be mounted there already: ours goes on top */
		if (mount("proc", o->mount_proc, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
			return set_err(err, -errno, "cannot mount proc on '%s'", o->mount_proc);
	}
	if (o->wd && chdir(o->wd) < 0)
		return set_err(err, -errno, "cannot change directory to '%s'", o->wd);
	if (o->keep_caps && prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0)
		return set_err(err, -errno, "cannot keep capabilities");
	if ((r = set_ids(o, err)) < 0)
		return r;
	return o->keep_caps ? keep_caps(err) : 0;
}

/* Execs the command; returns only on failure. */
static int exec_argv(const struct ns_spawn_opts *o, struct ns_spawn_err *err)
{
	/* the command sees fds 0, 1 and 2 and nothing of ours or our caller's */
	syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
	execvp(o->argv[0], o->argv);
	err->exec_failed = true;
	return set_err(err, -errno, "cannot run '%s'", o->argv[0]);
}

/* In a child: execs the command or reports why not; never returns. */
static void exec_command(const struct ns_spawn_opts *o, int errfd, const sigset_t *old_mask)
{
	struct ns_spawn_err err = { "", false, NULL };
	sigprocmask(SIG_SETMASK, old_mask, NULL);
	int r = exec_argv(o, &err);
	child_fail(errfd, &err, r);
}

/* --kill-child: the signal comes when we die; the pidfd tells whether we died before that. */
static void arm_parent_death(int signal, int parent_pidfd)
{
	prctl(PR_SET_PDEATHSIG, signal);
	struct pollfd p = { parent_pidfd, POLLIN, 0 };
	if (poll(&p, 1, 0) == 1)
		_exit(125);
	close(parent_pidfd);
}

/* What ns_spawn_run keeps between its steps. */
struct run_ctx {
	int errfd[2];          /* children report failures (and PID 1 the status) here */
	int parent_pidfd;      /* on ourselves, for --kill-child */
	int old_mnt_fd;        /* the mount namespace to go back to after the fork */
};

/* ---- waiting: the outer parent and the PID 1 ---- */

static void forwarded_mask(sigset_t *mask)
{
	sigemptyset(mask);
	for (size_t i = 0; i < sizeof(forwarded_signals) / sizeof(forwarded_signals[0]); i++)
		sigaddset(mask, forwarded_signals[i]);
	sigaddset(mask, SIGCHLD);
}

/* Forwards signals to child until it exits; with reap_all (PID 1) reaps every other child too. */
static int forward_until_exit(pid_t child, const sigset_t *mask, bool reap_all, int *status)
{
	int sfd = signalfd(-1, mask, SFD_CLOEXEC);
	if (sfd < 0)
		return -errno;
	for (;;) {
		pid_t p;
		int st;
		while ((p = waitpid(reap_all ? -1 : child, &st, WNOHANG)) > 0) {
			if (p == child) {
				*status = st;
				close(sfd);
				return 0;
			}
		}
		if (p < 0 && errno != EINTR) {
			int r = -errno;
			close(sfd);
			return r;
		}
		struct signalfd_siginfo si;
		if (read(sfd, &si, sizeof(si)) != sizeof(si)) {
			if (errno == EINTR)
				continue;
			int r = -errno;
			close(sfd);
			return r;
		}
		if (si.ssi_signo != SIGCHLD)
			kill(child, (int)si.ssi_signo);
	}
}

/* PID 1 of the new pid namespace: runs the command as its child and reports its status. */
static void run_init(const struct ns_spawn_opts *o, int errfd, const sigset_t *mask, const sigset_t *old_mask)
{
	pid_t cmd = fork();
	if (cmd < 0) {
		struct ns_spawn_err err = { "cannot fork the command", false, NULL };
		child_fail(errfd, &err, -errno);
	}
	if (cmd == 0)
		exec_command(o, errfd, old_mask);
	int status = 0;
	if (forward_until_exit(cmd, mask, true, &status) < 0)
		_exit(125);
	struct child_record rec = { REC_STATUS, status, false, NULL, "" };
	if (write(errfd, &rec, sizeof(rec)) < 0) {
		/* the parent is gone */
	}
	_exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
}

static void run_child(const struct ns_spawn_opts *o, int errfd, int parent_pidfd, int sync_fd,
		      const sigset_t *mask, const sigset_t *old_mask)
{
	struct ns_spawn_err err = { "", false, NULL };
	char byte;
	/* wait until the parent has read and bound our namespaces; EOF: it failed and said why */
	if (sync_fd >= 0 && read(sync_fd, &byte, 1) != 1)
		_exit(125);
	int r = setup_inside(o, &err);
	if (r < 0)
		child_fail(errfd, &err, r);
	if (o->kill_child_signal)
		arm_parent_death(o->kill_child_signal, parent_pidfd);
	if (o->clone_flags & CLONE_NEWPID)
		run_init(o, errfd, mask, old_mask);
	exec_command(o, errfd, old_mask);
}

/* Once the child runs, the waiting parent goes back where it came from: a proc mounted by the
 * child must not hide our own pid, and our later forks (a sanitizer's tracer, say) cannot be
 * born into a pid namespace whose PID 1 is gone. Best effort: unprivileged it fails. */
static void leave_new_namespaces(const struct ns_spawn_opts *o, int old_mnt_fd)
{
	if (old_mnt_fd >= 0 && setns(old_mnt_fd, CLONE_NEWNS) < 0) {
		/* keep going: only what we ourselves see is affected */
	}
	int fd = (o->clone_flags & CLONE_NEWPID) ? open("/proc/self/ns/pid", O_RDONLY | O_CLOEXEC) : -1;
	if (fd >= 0 && setns(fd, CLONE_NEWPID) < 0) {
		/* keep going: only our own later forks are affected */
	}
	if (fd >= 0)
		close(fd);
}

/* A pid namespace can be opened only once it has a PID 1: bind it from the child's /proc entry. */
static int bind_pid_ns(const struct ns_spawn_opts *o, pid_t child, struct ns_spawn_err *err)
{
	char src[64];
	snprintf(src, sizeof(src), "/proc/%d/ns/pid", (int)child);
	if (mount(src, o->persist[NS_PID], NULL, MS_BIND, NULL) < 0)
		return set_err(err, -errno, "cannot bind %s on '%s'", src, o->persist[NS_PID]);
	return 0;
}

/* After the fork: report and bind what needs the child still waiting, then let it go on. */
static int release_child(const struct ns_spawn_opts *o, struct run_ctx *ctx, pid_t child, int sync[2],
			 struct ns_spawn_err *err)
{
	int r = 0;
	if (sync[0] < 0) {
		leave_new_namespaces(o, ctx->old_mnt_fd);
		return 0;
	}
	close(sync[0]);
	/* the child waits: the namespaces we read are its own, its proc is not mounted yet */
	write_info(o, child, true);
	leave_new_namespaces(o, ctx->old_mnt_fd);
	if (o->persist[NS_PID])
		r = bind_pid_ns(o, child, err);
	if (r == 0 && write(sync[1], "g", 1) != 1)
		r = set_err(err, -errno, "cannot wake the child");
	close(sync[1]);
	return r;
}

/* The command's status, or what the child reported as failed. */
static int child_result(struct run_ctx *ctx, int wait_status, int *status, struct ns_spawn_err *err)
{
	struct child_record rec;
	*status = wait_status;
	if (!read_record(ctx->errfd[0], &rec))
		return 0;
	if (rec.kind == REC_STATUS) {
		*status = rec.value;
		return 0;
	}
	err->exec_failed = rec.exec_failed;
	err->hint = rec.hint;
	return set_err(err, -rec.value, "%s", rec.what);
}

static int fork_and_wait(const struct ns_spawn_opts *o, struct run_ctx *ctx, int *status,
			 struct ns_spawn_err *err)
{
	sigset_t mask, old_mask;
	int sync[2] = { -1, -1 };
	if ((o->persist[NS_PID] || o->info_fd >= 0) && pipe2(sync, O_CLOEXEC) < 0)
		return set_err(err, -errno, "cannot create a pipe");
	forwarded_mask(&mask);
	sigprocmask(SIG_BLOCK, &mask, &old_mask);
	pid_t child = fork();
	if (child == 0) {
		close(ctx->errfd[0]);
		if (sync[1] >= 0)
			close(sync[1]);
		run_child(o, ctx->errfd[1], ctx->parent_pidfd, sync[0], &mask, &old_mask);
	}
	if (child < 0) {
		int r = -errno;
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		for (int i = 0; i < 2; i++)
			if (sync[i] >= 0)
				close(sync[i]);
		return set_err(err, r, "cannot fork");
	}
	close(ctx->errfd[1]);
	ctx->errfd[1] = -1;
	/* on failure the child reads EOF and leaves; we still wait for it */
	int r = release_child(o, ctx, child, sync, err);
	int wait_status = 0;
	int wr = forward_until_exit(child, &mask, false, &wait_status);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	if (r < 0)
		return r;
	if (wr < 0)
		return set_err(err, wr, "cannot wait for the command");
	return child_result(ctx, wait_status, status, err);
}

static const char *flag_names(int flags, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int t = 0; t < NS_TYPE_COUNT; t++)
		if (flags & ns_type_info(t)->clone_flag)
			used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? "," : "", ns_type_info(t)->name);
	return buf;
}

/* Everything up to the fork: files, helper, unshare, offsets, maps, binds, propagation. */
static int create_namespaces(const struct ns_spawn_opts *o, int errfd[2], struct ns_spawn_err *err)
{
	struct outside helper = { -1, -1 };
	int r = 0;
	if (needs_outside(o) && (r = outside_start(o, errfd[1], &helper)) < 0)
		return set_err(err, r, "cannot fork the map and bind helper");
	if (o->clone_flags && unshare(o->clone_flags) < 0) {
		r = -errno;
		char names[64];
		set_err(err, r, "cannot create namespaces (%s)", flag_names(o->clone_flags, names, sizeof(names)));
		if (r == -EPERM && !(o->clone_flags & CLONE_NEWUSER))
			err->hint = "run as root or add -U";
		goto out;
	}
	if (o->time_offsets && (r = write_time_offsets(o, err)) < 0)
		goto out;
	if ((r = write_self_maps(o, err)) < 0)
		goto out;
	/* private before the helper binds, so its mounts do not propagate in here */
	if ((r = set_propagation(o, err)) < 0)
		goto out;
out:
	if (helper.pid > 0) {
		int hr = outside_finish(&helper, r == 0, errfd[0], err);
		if (r == 0)
			r = hr;
	}
	return r;
}

int ns_spawn_run(const struct ns_spawn_opts *o, int *status, struct ns_spawn_err *err)
{
	bool created[NS_TYPE_COUNT] = { false };
	struct run_ctx ctx = { { -1, -1 }, -1, -1 };
	memset(err, 0, sizeof(*err));
	/* an inherited SIG_IGN would reap our children behind our back and never tell us */
	signal(SIGCHLD, SIG_DFL);
	if (pipe2(ctx.errfd, O_CLOEXEC | O_NONBLOCK) < 0)
		return set_err(err, -errno, "cannot create a pipe");
	/* only children enter a new pid namespace */
	bool fork = o->fork || (o->clone_flags & CLONE_NEWPID);
	int r = create_persist_files(o, created, err);
	if (r == 0 && o->kill_child_signal && (ctx.parent_pidfd = (int)syscall(SYS_pidfd_open, getpid(), 0)) < 0)
		r = set_err(err, -errno, "cannot open a pidfd on ourselves");
	if (r == 0 && fork && (o->clone_flags & CLONE_NEWNS))
		ctx.old_mnt_fd = open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);
	if (r == 0)
		r = create_namespaces(o, ctx.errfd, err);
	if (r < 0) {
		remove_persist_files(o, created);
		goto out;
	}
	if (fork) {
		r = fork_and_wait(o, &ctx, status, err);
		goto out;
	}
	write_info(o, getpid(), false);
	if ((r = setup_inside(o, err)) == 0)
		r = exec_argv(o, err);
out:
	for (int i = 0; i < 2; i++)
		if (ctx.errfd[i] >= 0)
			close(ctx.errfd[i]);
	if (ctx.parent_pidfd >= 0)
		close(ctx.parent_pidfd);
	if (ctx.old_mnt_fd >= 0)
		close(ctx.old_mnt_fd);
	return r;
}

int ns_lo_up(void)
{
	struct ns_nl nl;
	int r = ns_nl_open(&nl);
	if (r < 0)
		return r;
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWLINK;
	struct ifinfomsg *ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	/* the kernel gives lo index 1 in every network namespace (LOOPBACK_IFINDEX) */
	ifi->ifi_index = 1;
	ifi->ifi_flags = IFF_UP;
	ifi->ifi_change = IFF_UP;
	r = ns_nl_request(&nl, nlh, NULL, NULL, NULL, 0);
	ns_nl_close(&nl);
	return r;
}
