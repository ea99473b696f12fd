/* nsnet: named network namespaces and veth/bridge wiring over rtnetlink, with rollback and batch. */
#define _GNU_SOURCE
#include <errno.h>
#include "../libns/lazylib.h"
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../libns/libns.h"
#include "cmd.h"

const char nsnet_usage[] =
	"Usage:\n"
	" nsnet add NAME                         create a named network namespace\n"
	" nsnet del NAME... | -a                 delete named network namespaces\n"
	" nsnet list [-J]                        list them: name, netnsid, processes, interfaces\n"
	" nsnet exec NAME CMD [ARG...]           run CMD in the network namespace NAME\n"
	" nsnet identify [PID]                   names of the network namespace of PID (default: self)\n"
	" nsnet pids NAME                        processes in the network namespace NAME\n"
	" nsnet set NAME NSID                    assign a netnsid to NAME\n"
	" nsnet veth HOST_IF [PEER_IF] [options] a veth pair, the peer in a namespace, wired up\n"
	" nsnet bridge add BR [--addr CIDR] | bridge del BR\n"
	" nsnet link list [-J] | link set IF up|down|mtu N|name NEW|master BR | link del IF\n"
	" nsnet addr add|del CIDR dev IF | addr list [-J]\n"
	" nsnet route add|del default|CIDR [via ADDR] [dev IF] | route list [-J]\n"
	" nsnet batch FILE|- [-f]                one command per line, one process\n"
	"\n"
	"Named network namespaces live in /run/netns, as ip netns keeps them.\n"
	"\n"
	"Options:\n"
	" -n, --netns NAME|PID|FILE  the network namespace to act in (link, addr, route),\n"
	"                            or where the veth peer goes\n"
	" -c, --create               veth: create the named namespace first\n"
	"     --peer-name IF         veth: the peer's name (same as PEER_IF)\n"
	"     --addr CIDR            veth, bridge: address of the host end (repeatable)\n"
	"     --peer-addr CIDR       veth: address of the peer (repeatable)\n"
	"     --gateway ADDR|auto    veth: default route inside (auto: via the host end)\n"
	"     --bridge BR            veth: enslave the host end to bridge BR\n"
	"     --mtu N                veth: MTU of both ends\n"
	"     --mac ADDR             veth: MAC address of the peer\n"
	" -a, --all                  del: every named namespace\n"
	" -f, --force                batch: go on after a failing line\n"
	" -J, --json                 list: JSON output\n"
	" -h, --help                 display this help\n"
	" -V, --version              display version\n"
	"\n"
	"Exit status: 0 success, 1 failure, 2 usage error; exec: the command's status,\n"
	"125 nsnet failed, 126 CMD not executable, 127 CMD not found.\n";

enum {
	OPT_PEER_NAME = CHAR_MAX + 1,
	OPT_ADDR,
	OPT_PEER_ADDR,
	OPT_GATEWAY,
	OPT_BRIDGE,
	OPT_MTU,
	OPT_MAC,
};

const char nsnet_short_opts[] = "n:cafJhV";
const struct option nsnet_long_opts[] = {
	{ "netns", required_argument, NULL, 'n' },
	{ "create", no_argument, NULL, 'c' },
	{ "peer-name", required_argument, NULL, OPT_PEER_NAME },
	{ "addr", required_argument, NULL, OPT_ADDR },
	{ "peer-addr", required_argument, NULL, OPT_PEER_ADDR },
	{ "gateway", required_argument, NULL, OPT_GATEWAY },
	{ "bridge", required_argument, NULL, OPT_BRIDGE },
	{ "mtu", required_argument, NULL, OPT_MTU },
	{ "mac", required_argument, NULL, OPT_MAC },
	{ "all", no_argument, NULL, 'a' },
	{ "force", no_argument, NULL, 'f' },
	{ "json", no_argument, NULL, 'J' },
	COMMON_LONG_OPTS,
	{ NULL, 0, NULL, 0 },
};

/* What one subcommand was given. */
struct nsnet_args {
	const char *netns, *peer_name, *bridge, *mac;
	bool create, all, force, json, gateway_auto;
	bool answered;  /* --help or --version was given */
	unsigned mtu;
	struct ns_cidr addrs[NS_VETH_MAX_ADDRS], peer_addrs[NS_VETH_MAX_ADDRS], gateways[NS_VETH_MAX_ADDRS];
	size_t naddrs, npeer_addrs, ngateways;
	char **pos;  /* positional arguments after the subcommand */
	int npos;
};

/* One process's state: the netlink sockets, and the batch line being run. */
struct nsnet_ctx {
	struct ns_rtnl *rt;
	bool dry_run;    /* batch: check every line before running any */
	unsigned line;   /* batch: line number, 0 outside a batch */
};

static void fail(const struct nsnet_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(const struct nsnet_ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	char msg[512];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ctx->line)
		warnx_applet("line %u: %s", ctx->line, msg);
	else
		warnx_applet("%s", msg);
}

/* A usage error: one line naming the bad value, then the hint; exit code 2. */
static int bad_usage(const struct nsnet_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int bad_usage(const struct nsnet_ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	char msg[512];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ctx->line)
		return usage_error(EXIT_USAGE, "line %u: %s", ctx->line, msg);
	return usage_error(EXIT_USAGE, "%s", msg);
}

/* A netlink step that failed: the step, the reason, the kernel's own words. */
static int fail_step(const struct nsnet_ctx *ctx, const struct ns_error *err, int r)
{
	const char *hint = r == -ENOBUFS ? " (the kernel dropped netlink replies; run it again)" : "";
	fail(ctx, "%s: %s%s%s%s%s%s%s", err->step, strerror(-r), hint, err->extack[0] ? " (kernel: " : "",
	     err->extack, err->extack[0] ? ")" : "", err->undo_failed[0] ? "; undoing failed too: " : "",
	     err->undo_failed);
	return 1;
}

static int need_rt(struct nsnet_ctx *ctx)
{
	if (ctx->rt)
		return 0;
	int r = ns_rtnl_new(&ctx->rt);
	if (r < 0)
		fail(ctx, "cannot open a netlink socket: %s", strerror(-r));
	return r;
}

/* ---- checking what the user typed ---- */

static int check_ifname(const struct nsnet_ctx *ctx, const char *name)
{
	if (ns_check_ifname(name) == 0)
		return 0;
	return bad_usage(ctx, "invalid interface name '%s': expected 1 to %d characters, no '/', ':' or "
			 "whitespace, not '.' or '..'", name, IFNAMSIZ - 1);
}

static int check_netns_name(const struct nsnet_ctx *ctx, const char *name)
{
	if (ns_check_netns_name(name) == 0)
		return 0;
	return bad_usage(ctx, "invalid netns name '%s': expected 1 to %d characters, no '/', not '.' or '..'",
			 name, NAME_MAX);
}

static int parse_cidr(const struct nsnet_ctx *ctx, const char *text, struct ns_cidr *out)
{
	int r = ns_parse_cidr(text, out);
	if (r == -ERANGE)
		return bad_usage(ctx, "invalid prefix length in '%s': expected at most 32 for IPv4, 128 for IPv6", text);
	if (r < 0)
		return bad_usage(ctx, "invalid address '%s': expected ADDRESS/PREFIX such as 192.0.2.1/24 or 2001:db8::1/64", text);
	return 0;
}

static int parse_ip(const struct nsnet_ctx *ctx, const char *text, struct ns_cidr *out)
{
	if (ns_parse_ip(text, out) == 0)
		return 0;
	return bad_usage(ctx, "invalid address '%s': expected an IPv4 or IPv6 address such as 192.0.2.1", text);
}

static int parse_mtu(const struct nsnet_ctx *ctx, const char *text, unsigned *mtu)
{
	pid_t value; /* a positive int parser is what we need */
	if (ns_parse_pid(text, &value) == 0 && value >= 68 && value <= 65535) {
		*mtu = (unsigned)value;
		return 0;
	}
	return bad_usage(ctx, "invalid MTU '%s': expected a number from 68 to 65535", text);
}

static int add_cidr(const struct nsnet_ctx *ctx, const char *text, struct ns_cidr *list, size_t *n)
{
	if (*n >= NS_VETH_MAX_ADDRS)
		return bad_usage(ctx, "too many addresses at '%s': at most %d", text, NS_VETH_MAX_ADDRS);
	return parse_cidr(ctx, text, &list[(*n)++]);
}

static int parse_gateway(const struct nsnet_ctx *ctx, const char *text, struct nsnet_args *a)
{
	if (!strcmp(text, "auto")) {
		a->gateway_auto = true;
		return 0;
	}
	if (a->ngateways >= NS_VETH_MAX_ADDRS)
		return bad_usage(ctx, "too many gateways at '%s': at most %d", text, NS_VETH_MAX_ADDRS);
	return parse_ip(ctx, text, &a->gateways[a->ngateways++]);
}

/* The netns option or argument: a checked name, or a PID, or a path. */
static int check_netns_spec(const struct nsnet_ctx *ctx, const char *spec)
{
	if (strchr(spec, '/') || strspn(spec, "0123456789") == strlen(spec))
		return *spec ? 0 : check_netns_name(ctx, spec);
	return check_netns_name(ctx, spec);
}

static int parse_one_opt(const struct nsnet_ctx *ctx, int c, char **argv, struct nsnet_args *a)
{
	switch (c) {
	case 'n': a->netns = optarg; return check_netns_spec(ctx, optarg);
	case 'c': a->create = true; return 0;
	case 'a': a->all = true; return 0;
	case 'f': a->force = true; return 0;
	case 'J': a->json = true; return 0;
	case OPT_PEER_NAME: a->peer_name = optarg; return check_ifname(ctx, optarg);
	case OPT_BRIDGE: a->bridge = optarg; return check_ifname(ctx, optarg);
	case OPT_ADDR: return add_cidr(ctx, optarg, a->addrs, &a->naddrs);
	case OPT_PEER_ADDR: return add_cidr(ctx, optarg, a->peer_addrs, &a->npeer_addrs);
	case OPT_GATEWAY: return parse_gateway(ctx, optarg, a);
	case OPT_MTU: return parse_mtu(ctx, optarg, &a->mtu);
	case OPT_MAC: {
		uint8_t mac[6];
		a->mac = optarg;
		if (ns_parse_mac(optarg, mac) < 0)
			return bad_usage(ctx, "invalid MAC address '%s': expected a unicast address such as 02:00:00:00:00:01", optarg);
		return 0;
	}
	case 'h':
	case 'V':
		a->answered = true;
		return applet_common_opt(c, EXIT_USAGE);
	default:
		/* getopt is quiet (it would name the subcommand, not nsnet): say it here */
		return bad_usage(ctx, "bad option '%s': unknown, or without its value", argv[optind - 1]);
	}
}

/* Options anywhere after the subcommand (or, for exec, only before NAME). Returns -1 to go on,
 * else the exit code. */
static int parse_args(const struct nsnet_ctx *ctx, int argc, char **argv, bool stop_at_positional,
		      struct nsnet_args *a)
{
	char optstring[sizeof(nsnet_short_opts) + 2];
	snprintf(optstring, sizeof(optstring), "%s%s", stop_at_positional ? "+" : "", nsnet_short_opts);
	optind = 0; /* glibc: start afresh, for every batch line */
	opterr = 0;
	memset(a, 0, sizeof(*a));
	int c;
	while ((c = getopt_long(argc, argv, optstring, nsnet_long_opts, NULL)) != -1) {
		int r = parse_one_opt(ctx, c, argv, a);
		if (r || a->answered)
			return r;
	}
	a->pos = argv + optind;
	a->npos = argc - optind;
	return -1;
}

static int want_pos(const struct nsnet_ctx *ctx, const struct nsnet_args *a, const char *sub,
		    int min, int max, const char *what)
{
	if (a->npos < min)
		return bad_usage(ctx, "%s: missing %s", sub, what);
	if (max >= 0 && a->npos > max)
		return bad_usage(ctx, "%s: unexpected argument '%s': expected %s", sub, a->pos[max], what);
	return 0;
}

/* ---- output ---- */

struct out_col {
	const char *name;
	double whint;
	int flags;
	int json_type;
};

static struct libscols_table *new_table(const char *name, const struct out_col *cols, size_t n, bool json)
{
	struct libscols_table *tb = scols_new_table();
	if (!tb)
		return NULL;
	scols_table_set_name(tb, name);
	scols_table_enable_json(tb, json);
	for (size_t i = 0; i < n; i++) {
		struct libscols_column *cl = scols_table_new_column(tb, cols[i].name, cols[i].whint, cols[i].flags);
		if (!cl) {
			scols_unref_table(tb);
			return NULL;
		}
		scols_column_set_json_type(cl, cols[i].json_type);
		/* libsmartcols splits a JSON array cell at the chunks of its wrap function */
		if (cols[i].flags & SCOLS_FL_WRAP)
			scols_column_set_wrapfunc(cl, scols_wrapnl_chunksize, scols_wrapnl_nextchunk, NULL);
	}
	return tb;
}


static int print_table(const struct nsnet_ctx *ctx, struct libscols_table *tb)
{
	if (!tb) {
		fail(ctx, "cannot build the output table: %s", strerror(ENOMEM));
		return 1;
	}
	scols_print_table(tb);
	scols_unref_table(tb);
	return 0;
}

/* netns_fd for --netns (-1: ours); a message and -1 from *rc when it cannot be opened. */
static int open_netns_opt(const struct nsnet_ctx *ctx, const char *spec, int *rc)
{
	*rc = 0;
	if (!spec)
		return -1;
	int fd = ns_netns_open(spec);
	if (fd < 0) {
		fail(ctx, "cannot open network namespace '%s': %s", spec,
		     fd == -ENOTTY ? "not a network namespace" : strerror(-fd));
		*rc = 1;
	}
	return fd;
}

/* ---- named namespaces ---- */

static int sub_add(struct nsnet_ctx *ctx, const struct nsnet_args *a)
{
	int r = want_pos(ctx, a, "add", 1, 1, "NAME");
	if (r || (r = check_netns_name(ctx, a->pos[0])) || ctx->dry_run)
		return r;
	if ((r = ns_netns_add(a->pos[0])) < 0) {
		fail(ctx, "cannot add netns '%s': %s", a->pos[0], strerror(-r));
		return 1;
	}
	return 0;
}

static int del_one(const struct nsnet_ctx *ctx, const char *name)
{
	int fd = ctx->rt ? ns_netns_open(name) : -1;
	if (fd >= 0) {
		ns_rtnl_forget(ctx->rt, fd);
		close(fd);
	}
	int r = ns_netns_del(name);
	if (r < 0)
		fail(ctx, "cannot delete netns '%s': %s", name, strerror(-r));
	return r < 0;
}

static int sub_del(struct nsnet_ctx *ctx, const struct nsnet_args *a)
{
	int rc = 0;
	if (a->all && a->npos)
		return bad_usage(ctx, "del: --all and NAME are mutually exclusive");
	if (!a->all && (rc = want_pos(ctx, a, "del", 1, -1, "NAME")))
		return rc;
	for (int i = 0; i < a->npos; i++)
		if ((rc = check_netns_name(ctx, a->pos[i])))
			return rc;
	if (ctx->dry_run)
		return 0;
	if (!a->all) {
		for (int i = 0; i < a->npos; i++)
			rc |= del_one(ctx, a->pos[i]);
		return rc;
	}
	char **names;
	size_t n;
	int r = ns_netns_names(&names, &n);
	if (r < 0) {
		fail(ctx, "cannot read %s: %s", NS_NETNS_RUN_DIR, strerror(-r));
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		rc |= del_one(ctx, names[i]);
	ns_netns_names_free(names);
	return rc;
}

static const struct ns_entry *net_entry_of_fd(const struct ns_set *set, int fd)
{
	struct stat st;
	return fstat(fd, &st) == 0 ? ns_set_find(set, st.st_ino) : NULL;
}

/* The interface names of a netns, joined by sep. */
static char *link_names(struct nsnet_ctx *ctx, int fd, const char *sep)
{
	struct ns_link_info *links;
	size_t n;
	struct ns_error err;
	if (need_rt(ctx) < 0 || ns_link_list(ctx->rt, fd, &links, &n, &err) < 0)
		return NULL;
	char *s = calloc(n, IFNAMSIZ + 1);
	for (size_t i = 0; s && i < n; i++) {
		if (i)
			strcat(s, sep);
		strcat(s, links[i].name);
	}
	free(links);
	return s;
}

static int netns_row(struct nsnet_ctx *ctx, struct libscols_table *tb, const struct ns_set *set,
		     const char *name)
{
	struct libscols_line *ln = scols_table_new_line(tb, NULL);
	if (!ln || scols_line_set_data(ln, 0, name) < 0)
		return -ENOMEM;
	int fd = ns_netns_open(name);
	if (fd < 0)
		return 0; /* a stale file: its name alone */
	int nsid = ns_netnsid_of_fd(fd);
	const struct ns_entry *e = net_entry_of_fd(set, fd);
	/* a JSON array wants one name per line */
	char *ifnames = link_names(ctx, fd, scols_table_is_json(tb) ? "\n" : ",");
	int r = 0;
	if (nsid >= 0)
		r = line_printf(ln, 1, "%d", nsid);
	if (r == 0)
		r = line_printf(ln, 2, "%zu", e ? e->nprocs : 0);
	if (r == 0 && ifnames && scols_line_refer_data(ln, 3, ifnames) == 0)
		ifnames = NULL;
	free(ifnames);
	close(fd);
	return r;
}

static int sub_list(struct nsnet_ctx *ctx, const struct nsnet_args *a)
{
	static const struct out_col cols[] = {
		{ "NAME", 0, 0, SCOLS_JSON_STRING },
		{ "NSID", 4, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER },
		{ "NPROCS", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER },
		{ "INTERFACES", 0, SCOLS_FL_WRAP, SCOLS_JSON_ARRAY_STRING },
	};
	int rc = want_pos(ctx, a, "list", 0, 0, "no argument");
	if (rc || ctx->dry_run)
		return rc;
	char **names;
	size_t n;
	int r = ns_netns_names(&names, &n);
	if (r < 0) {
		fail(ctx, "cannot read %s: %s", NS_NETNS_RUN_DIR, strerror(-r));
		return 1;
	}
	struct ns_set set;
	ns_set_init(&set);
	struct ns_scan_opts so = { .types = 1u << NS_NET };
	if ((r = ns_scan(&set, &so)) < 0)
		fail(ctx, "cannot walk /proc: %s; NPROCS shows 0", strerror(-r));
	struct libscols_table *tb = new_table("netns", cols, 4, a->json);
	for (size_t i = 0; tb && i < n; i++)
		if (netns_row(ctx, tb, &set, names[i]) < 0) {
			scols_unref_table(tb);
			tb = NULL;
		}
	ns_set_free(&set);
	ns_netns_names_free(names);
	return print_table(ctx, tb);
}

static int sub_identify(struct nsnet_ctx *ctx, const struct nsnet_args *a)
{
	pid_t pid = 0;
	int rc = want_pos(ctx, a, "identify", 0, 1, "one PID at most");
	if (rc)
		return rc;
	if (a->npos && ns_parse_pid(a->pos[0], &pid) < 0)
		return bad_usage(ctx, "invalid process id '%s': expected a positive integer", a->pos[0]);
	if (ctx->dry_run)
		return 0;
	const char *spec = a->npos ? a->pos[0] : "/proc/self/ns/net";
	int fd = open_netns_opt(ctx, spec, &rc);
	if (fd < 0)
		return rc;
	char **names;
	size_t n;
	int r = ns_netns_names_of_fd(fd, &names, &n);
	close(fd);
	if (r < 0) {
		fail(ctx, "cannot read %s: %s", NS_NETNS_RUN_DIR, strerror(-r));
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		printf("%s\n", names[i]);
	ns_netns_names_free(names);
	return 0;
}

static int sub_pids(struct nsnet_ctx *ctx, const struct nsnet_args *a)
{
	int rc = want_pos(ctx, a, "pids", 1, 1, "NAME");
	if (rc || (rc = check_netns_name(ctx, a->pos[0])) || ctx->dry_run)
		return rc;
	int fd = open_netns_opt(ctx, a->pos[0], &rc);
	if (fd < 0)
		return rc;
	struct ns_set set;
	ns_set_init(&set);
	struct ns_scan_opts so = { .types = 1u << NS_NET };
	int r = ns_scan(&set, &so);
	const struct ns_entry *e = r == 0 ? net_entry_of_fd(&set, fd) : NULL;
	for (size_t i = 0; e && i < e->nmembers; i++)
		printf("%d\n", (int)e->members[i]);
	close(fd);
	ns_set_free(&set);
	if (r < 0) {
		fail(ctx, "cannot walk /proc: %s", strerror(-r));
		return 1;
	}
	return 0;
}

static int sub_set(struct nsnet_ctx *ctx, const struct nsnet_args *a)
{
	int rc = want_pos(ctx, a, "set", 2, 2, "NAME NSID");
	if (rc || (rc = check_netns_name(ctx, a->pos[0])))
		return rc;
	pid_t nsid;
	bool zero = !strcmp(a->pos[1], "0");
	if (!zero && ns_parse_pid(a->pos[1], &nsid) < 0)
		return bad_usage(ctx, "invalid netnsid '%s': expected a number from 0 to 2147483647", a->pos[1]);
	if (zero)
		nsid = 0;
	if (ctx->dry_run || need_rt(ctx) < 0)
		return ctx->dry_run ? 0 : 1;
	int fd = open_netns_opt(ctx, a->pos[0], &rc);
	if (fd < 0)
		return rc;
	struct ns_error err;
	int r = ns_nsid_set(ctx->rt, fd, nsid, &err);
	close(fd);
	return r < 0 ? fail_step(ctx, &err, r) : 0;
}

static int sub_exec(struct nsnet_ctx *ctx, const struct nsnet_args *a)
{
	if (ctx->line) {
		fail(ctx, "exec cannot run in a batch");
		return EXIT_USAGE;
	}
	if (a->npos < 2) {
		usage_error(EXIT_CANNOT_RUN, "exec: missing %s", a->npos ? "CMD" : "NAME and CMD");
		return EXIT_CANNOT_RUN;
	}
	if (ns_check_netns_name(a->pos[0]) < 0) {
		check_netns_name(ctx, a->pos[0]);
		return EXIT_CANNOT_RUN;
	}
	int r = ns_netns_enter(a->pos[0]);
	if (r < 0) {
		fail(ctx, "cannot enter netns '%s': %s", a->pos[0],
		     r == -ENOTTY ? "not a network namespace" : strerror(-r));
		return EXIT_CANNOT_RUN;
	}
	fflush(stdout);
	execvp(a->pos[1], a->pos + 1);
	int saved = errno;
	fail(ctx, "cannot run '%s': %s", a->pos[1], strerror(saved));
	return saved == ENOENT ? EXIT_NOT_FOUND : EXIT_NOT_EXECUTABLE;
}

/* ---- links ---- */

static int veth_check(const struct nsnet_ctx *ctx, const struct nsnet_args *a, const char **peer)
{
	int rc = want_pos(ctx, a, "veth", 1, 2, "HOST_IF [PEER_IF]");
	if (rc || (rc = check_ifname(ctx, a->pos[0])))
		return rc;
	*peer = a->npos > 1 ? a->pos[1] : a->peer_name;
	if (!*peer)
		return bad_usage(ctx, "veth: missing PEER_IF (or --peer-name)");
	if (a->npos > 1 && a->peer_name && strcmp(a->pos[1], a->peer_name))
		return bad_usage(ctx, "veth: PEER_IF '%s' and --peer-name '%s' differ", a->pos[1], a->peer_name);
	if ((rc = check_ifname(ctx, *peer)))
		return rc;
	if (!a->netns && !strcmp(a->pos[0], *peer))
		return bad_usage(ctx, "veth: both ends are named '%s' in one namespace", *peer);
	if (a->create && (!a->netns || ns_check_netns_name(a->netns) < 0))
		return bad_usage(ctx, "veth: --create needs --netns NAME");
	if (a->bridge && a->naddrs)
		return bad_usage(ctx, "veth: --bridge and --addr are mutually exclusive (the bridge has the address)");
	if (a->gateway_auto && !a->naddrs)
		return bad_usage(ctx, "veth: --gateway auto needs --addr (the host end is the gateway)");
	return 0;
}

static int sub_veth(struct nsnet_ctx *ctx, const struct nsnet_args *a)
{
	const char *peer = NULL;
	int rc = veth_check(ctx, a, &peer);
	if (rc || ctx->dry_run)
		return rc;
	if (need_rt(ctx) < 0)
		return 1;
	struct ns_veth_setup s = {
		.ifname = a->pos[0], .peer_ifname = peer, .netns = a->netns, .create_netns = a->create,
		.mtu = a->mtu, .bridge = a->bridge, .naddrs = a->naddrs, .npeer_addrs = a->npeer_addrs,
		.gateway_auto = a->gateway_auto, .ngateways = a->ngateways,
	};
	s.has_peer_mac = a->mac && ns_parse_mac(a->mac, s.peer_mac) == 0;
	memcpy(s.addrs, a->addrs, sizeof(s.addrs));
	memcpy(s.peer_addrs, a->peer_addrs, sizeof(s.peer_addrs));
	memcpy(s.gateways, a->gateways, sizeof(s.gateways));
	struct ns_error err;
	int r = ns_veth_setup(ctx->rt, &s, &err);
	if (r < 0) {
		fail(ctx, "%s: %s%s%s%s; %s%s", err.step, r == -ENOTTY ? "not a network namespace" : strerror(-r),
		     err.extack[0] ? " (kernel: " : "", err.extack, err.extack[0] ? ")" : "",
		     err.undo_failed[0] ? "undoing failed too: " : "every step made was undone", err.undo_failed);
		return 1;
	}
	return 0;
}

static int sub_bridge(struct nsnet_ctx *ctx, const struct nsnet_args *a)
{
	int rc = want_pos(ctx, a, "bridge", 2, 2, "add|del BR");
	if (rc || (rc = check_ifname(ctx, a->pos[1])))
		return rc;
	bool add = !strcmp(a->pos[0], "add");
	if (!add && strcmp(a->pos[0], "del"))
		return bad_usage(ctx, "bridge: unknown action '%s': expected add or del", a->pos[0]);
	if (a->naddrs > 1 || (!add && a->naddrs))
		return bad_usage(ctx, "bridge: --addr is for add, once");
	if (ctx->dry_run)
		return 0;
	if (need_rt(ctx) < 0)
		return 1;
	struct ns_error err;
	int r = add ? ns_bridge_add(ctx->rt, a->pos[1], a->naddrs ? &a->addrs[0] : NULL, &err)
		    : ns_link_del(ctx->rt, -1, a->pos[1], &err);
	return r < 0 ? fail_step(ctx, &err, r) : 0;
}

static const char *name_of_index(const struct ns_link_info *links, size_t n, int index)
{
	for (size_t i = 0; i < n; i++)
		if (links[i].index == index)
			return links[i].name;
	return "";
}

static int link_row(struct libscols_table *tb, const struct ns_link_info *l, const struct ns_link_info *all, size_t n)
{
	struct libscols_line *ln = scols_table_new_line(tb, NULL);
	if (!ln)
		return -ENOMEM;
	int r = scols_line_set_data(ln, 0, l->name);
	r = r ?: line_printf(ln, 1, "%d", l->index);
	r = r ?: scols_line_set_data(ln, 2, l->kind);
	r = r ?: scols_line_set_data(ln, 3, l->flags & IFF_UP ? "up" : "down");
	r = r ?: line_printf(ln, 4, "%u", l->mtu);
	r = r ?: scols_line_set_data(ln, 5, l->master ? name_of_index(all, n, l->master) : NULL);
	if (!r && l->has_mac)
		r = line_printf(ln, 6, "%02x:%02x:%02x:%02x:%02x:%02x", l->mac[0], l->mac[1], l->mac[2],
			     l->mac[3], l->mac[4], l->mac[5]);
	return r;
}

static int link_list(struct nsnet_ctx *ctx, const struct nsnet_args *a, int fd)
{
	static const struct out_col cols[] = {
		{ "NAME", 0, 0, SCOLS_JSON_STRING }, { "INDEX", 3, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER },
		{ "KIND", 0, 0, SCOLS_JSON_STRING }, { "STATE", 0, 0, SCOLS_JSON_STRING },
		{ "MTU", 5, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER }, { "MASTER", 0, 0, SCOLS_JSON_STRING },
		{ "MAC", 0, 0, SCOLS_JSON_STRING },
	};
	struct ns_link_info *links;
	size_t n;
	struct ns_error err;
	int r = ns_link_list(ctx->rt, fd, &links, &n, &err);
	if (r < 0)
		return fail_step(ctx, &err, r);
	struct libscols_table *tb = new_table("links", cols, 7, a->json);
	for (size_t i = 0; tb && i < n; i++)
		if (link_row(tb, &links[i], links, n) < 0) {
			scols_unref_table(tb);
			tb = NULL;
		}
	free(links);
	return print_table(ctx, tb);
}

/* "up", "down", "mtu N", "name NEW", "master BR" into req; the bridge name in *master. */
static int parse_link_changes(const struct nsnet_ctx *ctx, char **words, int n, struct ns_link_change *req,
			      const char **master)
{
	if (n == 0)
		return bad_usage(ctx, "link set: missing what to change: expected up, down, mtu N, name NEW or master BR");
	for (int i = 0; i < n; i++) {
		const char *w = words[i];
		int rc = 0;
		if (!strcmp(w, "up") || !strcmp(w, "down")) {
			req->up = w[0] == 'u';
			continue;
		}
		if (i + 1 >= n)
			return bad_usage(ctx, "link set: '%s' needs a value, or is unknown: expected up, down, mtu N, name NEW or master BR", w);
		const char *v = words[++i];
		if (!strcmp(w, "mtu"))
			rc = parse_mtu(ctx, v, &req->mtu);
		else if (!strcmp(w, "name") && !(rc = check_ifname(ctx, v)))
			req->new_name = v;
		else if (!strcmp(w, "master") && !(rc = check_ifname(ctx, v)))
			*master = v;
		else if (strcmp(w, "name") && strcmp(w, "master"))
			rc = bad_usage(ctx, "link set: unknown change '%s': expected up, down, mtu N, name NEW or master BR", w);
		if (rc)
			return rc;
	}
	return 0;
}

static int link_set(struct nsnet_ctx *ctx, struct ns_link_change req, const char *master, int fd)
{
	struct ns_error err;
	int index = ns_link_index(ctx->rt, fd, req.ifname, &err);
	if (index < 0)
		return fail_step(ctx, &err, index);
	req.index = index;
	if (master && (req.master_index = ns_link_index(ctx->rt, fd, master, &err)) < 0)
		return fail_step(ctx, &err, req.master_index);
	int r = ns_link_set(ctx->rt, fd, &req, &err);
	return r < 0 ? fail_step(ctx, &err, r) : 0;
}

static int sub_link(struct nsnet_ctx *ctx, const struct nsnet_args *a)
{
	int rc = want_pos(ctx, a, "link", 1, -1, "list, set or del");
	if (rc)
		return rc;
	const char *action = a->pos[0];
	bool list = !strcmp(action, "list"), set = !strcmp(action, "set"), del = !strcmp(action, "del");
	if (!list && !set && !del)
		return bad_usage(ctx, "link: unknown action '%s': expected list, set or del", action);
	if (list)
		rc = want_pos(ctx, a, "link list", 1, 1, "no argument");
	else
		rc = want_pos(ctx, a, del ? "link del" : "link set", 2, del ? 2 : -1, "IF");
	if (!rc && !list)
		rc = check_ifname(ctx, a->pos[1]);
	struct ns_link_change req = { .ifname = a->npos > 1 ? a->pos[1] : NULL, .up = -1 };
	const char *master = NULL;
	if (!rc && set)
		rc = parse_link_changes(ctx, a->pos + 2, a->npos - 2, &req, &master);
	if (rc || ctx->dry_run)
		return rc;
	int fd = open_netns_opt(ctx, a->netns, &rc);
	if (rc || need_rt(ctx) < 0) {
		if (fd >= 0)
			close(fd);
		return 1;
	}
	struct ns_error err;
	int r = 0;
	if (list)
		rc = link_list(ctx, a, fd);
	else if (set)
		rc = link_set(ctx, req, master, fd);
	else if ((r = ns_link_del(ctx->rt, fd, a->pos[1], &err)) < 0)
		rc = fail_step(ctx, &err, r);
	if (fd >= 0)
		close(fd);
	return rc;
}

/* ---- addresses and routes ---- */

/* "dev IF" and "via ADDR" after the first words. */
static int parse_dev_via(const struct nsnet_ctx *ctx, const char *sub, char **words, int n,
			 const char **dev, struct ns_cidr *via, bool *has_via)
{
	for (int i = 0; i < n; i += 2) {
		int rc = 0;
		if (i + 1 >= n)
			return bad_usage(ctx, "%s: '%s' needs a value", sub, words[i]);
		if (!strcmp(words[i], "dev") && !(rc = check_ifname(ctx, words[i + 1])))
			*dev = words[i + 1];
		else if (!strcmp(words[i], "via") && via && !(rc = parse_ip(ctx, words[i + 1], via)))
			*has_via = true;
		else if (strcmp(words[i], "dev") && (strcmp(words[i], "via") || !via))
			rc = bad_usage(ctx, "%s: unexpected '%s': expected %s", sub, words[i], via ? "dev IF or via ADDR" : "dev IF");
		if (rc)
			return rc;
	}
	return 0;
}

static int addr_list(struct nsnet_ctx *ctx, const struct nsnet_args *a, int fd)
{
	static const struct out_col cols[] = {
		{ "IFNAME", 0, 0, SCOLS_JSON_STRING }, { "FAMILY", 0, 0, SCOLS_JSON_STRING },
		{ "ADDRESS", 0, 0, SCOLS_JSON_STRING },
	};
	struct ns_addr_info *addrs;
	struct ns_link_info *links;
	size_t n, nlinks;
	struct ns_error err;
	int r = ns_link_list(ctx->rt, fd, &links, &nlinks, &err);
	if (r < 0)
		return fail_step(ctx, &err, r);
	if ((r = ns_addr_list(ctx->rt, fd, &addrs, &n, &err)) < 0) {
		free(links);
		return fail_step(ctx, &err, r);
	}
	struct libscols_table *tb = new_table("addresses", cols, 3, a->json);
	for (size_t i = 0; tb && i < n; i++) {
		char text[64];
		struct libscols_line *ln = scols_table_new_line(tb, NULL);
		ns_format_cidr(&addrs[i].cidr, true, text, sizeof(text));
		if (!ln || scols_line_set_data(ln, 0, name_of_index(links, nlinks, addrs[i].index)) ||
		    scols_line_set_data(ln, 1, addrs[i].cidr.family == AF_INET ? "inet" : "inet6") ||
		    scols_line_set_data(ln, 2, text)) {
			scols_unref_table(tb);
			tb = NULL;
		}
	}
	free(addrs);
	free(links);
	return print_table(ctx, tb);
}

static int sub_addr(struct nsnet_ctx *ctx, const struct nsnet_args *a)
{
	int rc = want_pos(ctx, a, "addr", 1, -1, "add, del or list");
	if (rc)
		return rc;
	bool list = !strcmp(a->pos[0], "list"), add = !strcmp(a->pos[0], "add");
	if (!list && !add && strcmp(a->pos[0], "del"))
		return bad_usage(ctx, "addr: unknown action '%s': expected add, del or list", a->pos[0]);
	struct ns_cidr cidr;
	const char *dev = NULL;
	if (list)
		rc = want_pos(ctx, a, "addr list", 1, 1, "no argument");
	else if (!(rc = want_pos(ctx, a, "addr", 2, -1, "CIDR dev IF")) && !(rc = parse_cidr(ctx, a->pos[1], &cidr)))
		rc = parse_dev_via(ctx, "addr", a->pos + 2, a->npos - 2, &dev, NULL, NULL);
	if (!rc && !list && !dev)
		rc = bad_usage(ctx, "addr: missing dev IF");
	if (rc || ctx->dry_run)
		return rc;
	int fd = open_netns_opt(ctx, a->netns, &rc);
	if (rc || need_rt(ctx) < 0) {
		if (fd >= 0)
			close(fd);
		return 1;
	}
	struct ns_error err;
	int r = 0;
	if (list)
		rc = addr_list(ctx, a, fd);
	else if ((r = ns_addr_change(ctx->rt, fd, add ? RTM_NEWADDR : RTM_DELADDR, dev, &cidr, 0, &err)) < 0)
		rc = fail_step(ctx, &err, r);
	if (fd >= 0)
		close(fd);
	return rc;
}

static int route_list(struct nsnet_ctx *ctx, const struct nsnet_args *a, int fd)
{
	static const struct out_col cols[] = {
		{ "DESTINATION", 0, 0, SCOLS_JSON_STRING }, { "GATEWAY", 0, 0, SCOLS_JSON_STRING },
		{ "DEV", 0, 0, SCOLS_JSON_STRING },
	};
	struct ns_route_info *routes;
	struct ns_link_info *links;
	size_t n, nlinks;
	struct ns_error err;
	int r = ns_link_list(ctx->rt, fd, &links, &nlinks, &err);
	if (r < 0)
		return fail_step(ctx, &err, r);
	if ((r = ns_route_list(ctx->rt, fd, AF_UNSPEC, &routes, &n, &err)) < 0) {
		free(links);
		return fail_step(ctx, &err, r);
	}
	struct libscols_table *tb = new_table("routes", cols, 3, a->json);
	for (size_t i = 0; tb && i < n; i++) {
		if (routes[i].table != RT_TABLE_MAIN)
			continue;
		char dst[64] = "default", gw[64] = "";
		if (routes[i].dst.prefix)
			ns_format_cidr(&routes[i].dst, true, dst, sizeof(dst));
		if (routes[i].has_gateway)
			ns_format_cidr(&routes[i].gateway, false, gw, sizeof(gw));
		struct libscols_line *ln = scols_table_new_line(tb, NULL);
		if (!ln || scols_line_set_data(ln, 0, dst) || scols_line_set_data(ln, 1, gw[0] ? gw : NULL) ||
		    scols_line_set_data(ln, 2, name_of_index(links, nlinks, routes[i].oif))) {
			scols_unref_table(tb);
			tb = NULL;
		}
	}
	free(routes);
	free(links);
	return print_table(ctx, tb);
}

static int parse_route(const struct nsnet_ctx *ctx, const struct nsnet_args *a, struct ns_route_req *req,
		       const char **dev)
{
	int rc = want_pos(ctx, a, "route", 2, -1, "default|CIDR [via ADDR] [dev IF]");
	bool is_default = !rc && !strcmp(a->pos[1], "default");
	if (rc || (!is_default && (rc = parse_cidr(ctx, a->pos[1], &req->dst))))
		return rc;
	if ((rc = parse_dev_via(ctx, "route", a->pos + 2, a->npos - 2, dev, &req->gateway, &req->has_gateway)))
		return rc;
	if (is_default)
		req->dst.family = req->has_gateway ? req->gateway.family : AF_INET;
	if (req->has_gateway && req->gateway.family != req->dst.family)
		return bad_usage(ctx, "route: gateway '%s' and destination '%s' are of different families",
				 a->pos[a->npos - 1], a->pos[1]);
	if (!req->has_gateway && !*dev)
		return bad_usage(ctx, "route: expected via ADDR or dev IF");
	return 0;
}

static int sub_route(struct nsnet_ctx *ctx, const struct nsnet_args *a)
{
	int rc = want_pos(ctx, a, "route", 1, -1, "add, del or list");
	if (rc)
		return rc;
	bool list = !strcmp(a->pos[0], "list"), add = !strcmp(a->pos[0], "add");
	if (!list && !add && strcmp(a->pos[0], "del"))
		return bad_usage(ctx, "route: unknown action '%s': expected add, del or list", a->pos[0]);
	struct ns_route_req req = { 0 };
	const char *dev = NULL;
	rc = list ? want_pos(ctx, a, "route list", 1, 1, "no argument") : parse_route(ctx, a, &req, &dev);
	if (rc || ctx->dry_run)
		return rc;
	int fd = open_netns_opt(ctx, a->netns, &rc);
	if (rc || need_rt(ctx) < 0) {
		if (fd >= 0)
			close(fd);
		return 1;
	}
	struct ns_error err;
	int r = 0;
	if (list)
		rc = route_list(ctx, a, fd);
	else if ((r = ns_route_change(ctx->rt, fd, add ? RTM_NEWROUTE : RTM_DELROUTE, &req, dev, &err)) < 0)
		rc = fail_step(ctx, &err, r);
	if (fd >= 0)
		close(fd);
	return rc;
}

/* ---- subcommands, batch, main ---- */

static int sub_batch(struct nsnet_ctx *ctx, const struct nsnet_args *a);

struct subcommand {
	const char *name;
	int (*run)(struct nsnet_ctx *ctx, const struct nsnet_args *a);
	bool stops_at_positional; /* exec: options after CMD are CMD's */
	const char *help;
};

static const struct subcommand subcommands[] = {
	{ "add", sub_add, false, "create a named network namespace" },
	{ "del", sub_del, false, "delete named network namespaces" },
	{ "list", sub_list, false, "list the named network namespaces" },
	{ "exec", sub_exec, true, "run a command in a named network namespace" },
	{ "identify", sub_identify, false, "names of the network namespace of a process" },
	{ "pids", sub_pids, false, "processes in a named network namespace" },
	{ "set", sub_set, false, "assign a netnsid" },
	{ "veth", sub_veth, false, "a veth pair wired into a namespace" },
	{ "bridge", sub_bridge, false, "add or delete a bridge" },
	{ "link", sub_link, false, "list, change or delete links" },
	{ "addr", sub_addr, false, "add, delete or list addresses" },
	{ "route", sub_route, false, "add, delete or list routes" },
	{ "batch", sub_batch, false, "run commands from a file, one per line" },
};

static const struct subcommand *find_subcommand(const char *name)
{
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		if (!strcmp(subcommands[i].name, name))
			return &subcommands[i];
	return NULL;
}

/* argv[0] is the subcommand. Returns the exit code. */
static int run_subcommand(struct nsnet_ctx *ctx, int argc, char **argv)
{
	const struct subcommand *sub = find_subcommand(argv[0]);
	if (!sub)
		return bad_usage(ctx, "unknown subcommand '%s': expected add, del, list, exec, identify, pids, "
				 "set, veth, bridge, link, addr, route or batch", argv[0]);
	if (ctx->line && sub->run == sub_batch)
		return bad_usage(ctx, "batch cannot run inside a batch");
	struct nsnet_args a;
	int rc = parse_args(ctx, argc, argv, sub->stops_at_positional, &a);
	if (rc >= 0)
		return sub->run == sub_exec && rc == EXIT_USAGE ? EXIT_CANNOT_RUN : rc;
	return sub->run(ctx, &a);
}

struct batch_line {
	unsigned number;
	char **argv;  /* NULL-terminated words, pointing into text */
	int argc;
	char *text;
	bool bad;     /* did not pass the check */
};

/* Words split on blanks; '#' starts a comment; a leading "nsnet" is dropped. */
static int split_line(char *text, struct batch_line *bl)
{
	char *hash = strchr(text, '#');
	if (hash)
		*hash = '\0';
	size_t cap = strlen(text) / 2 + 2;
	bl->argv = calloc(cap, sizeof(*bl->argv));
	if (!bl->argv)
		return -ENOMEM;
	char *save = NULL;
	for (char *w = strtok_r(text, " \t\r\n", &save); w; w = strtok_r(NULL, " \t\r\n", &save))
		bl->argv[bl->argc++] = w;
	if (bl->argc && !strcmp(bl->argv[0], "nsnet")) {
		memmove(bl->argv, bl->argv + 1, (size_t)bl->argc * sizeof(*bl->argv));
		bl->argc--;
	}
	return 0;
}

static void free_lines(struct batch_line *lines, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(lines[i].argv);
		free(lines[i].text);
	}
	free(lines);
}

static int read_batch(const struct nsnet_ctx *ctx, const char *path, struct batch_line **out, size_t *n)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "re") : stdin;
	if (!f) {
		fail(ctx, "cannot open batch file '%s': %s", path, strerror(errno));
		return 1;
	}
	struct batch_line *lines = NULL;
	size_t cap = 0, len = 0;
	char *text = NULL;
	unsigned number = 0;
	int rc = 0;
	while (getline(&text, &len, f) >= 0) {
		struct batch_line bl = { .number = ++number, .text = text };
		text = NULL;
		len = 0;
		if (*n + 1 > cap) {
			cap = cap ? cap * 2 : 64;
			struct batch_line *grown = realloc(lines, cap * sizeof(*lines));
			if (!grown) {
				free(bl.text);
				rc = 1;
				break;
			}
			lines = grown;
		}
		lines[(*n)++] = bl;
		if (split_line(bl.text, &lines[*n - 1]) < 0) {
			rc = 1;
			break;
		}
	}
	free(text);
	if (ferror(f)) {
		fail(ctx, "cannot read batch file '%s': %s", path, strerror(errno));
		rc = 1;
	}
	if (f != stdin)
		fclose(f);
	*out = lines;
	return rc;
}

/* Every line checked before any runs: a typo on line 40 leaves nothing half-done. */
static bool batch_check(struct nsnet_ctx *ctx, struct batch_line *lines, size_t n)
{
	bool any_bad = false;
	ctx->dry_run = true;
	for (size_t i = 0; i < n; i++) {
		ctx->line = lines[i].number;
		lines[i].bad = lines[i].argc && run_subcommand(ctx, lines[i].argc, lines[i].argv) != 0;
		any_bad |= lines[i].bad;
	}
	ctx->dry_run = false;
	return any_bad;
}

static int batch_run(struct nsnet_ctx *ctx, const struct batch_line *lines, size_t n, bool force)
{
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		if (!lines[i].argc || lines[i].bad)
			continue;
		ctx->line = lines[i].number;
		if (run_subcommand(ctx, lines[i].argc, lines[i].argv) != 0) {
			rc = 1;
			if (!force)
				break;
		}
	}
	return rc;
}

static int sub_batch(struct nsnet_ctx *ctx, const struct nsnet_args *a)
{
	int rc = want_pos(ctx, a, "batch", 1, 1, "FILE or -");
	if (rc || ctx->dry_run)
		return rc;
	struct batch_line *lines = NULL;
	size_t n = 0;
	if (!(rc = read_batch(ctx, a->pos[0], &lines, &n))) {
		bool any_bad = batch_check(ctx, lines, n);
		if (any_bad && !a->force)
			rc = EXIT_USAGE;
		else
			rc = batch_run(ctx, lines, n, a->force) || any_bad;
	}
	ctx->line = 0;
	free_lines(lines, n);
	return rc;
}

static void complete_netns_names(FILE *out)
{
	char **names;
	size_t n;
	if (ns_netns_names(&names, &n) < 0)
		return;
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s\tnetns\n", names[i]);
	ns_netns_names_free(names);
}

static void complete_ifnames(FILE *out)
{
	struct if_nameindex *ifs = if_nameindex();
	for (struct if_nameindex *i = ifs; i && i->if_name; i++)
		fprintf(out, "%s\tinterface\n", i->if_name);
	if (ifs)
		if_freenameindex(ifs);
}

void nsnet_complete_arg(int opt, const char *cur, FILE *out)
{
	(void)cur;
	switch (opt) {
	case 'n':
		complete_netns_names(out);
		break;
	case OPT_BRIDGE:
		complete_ifnames(out);
		break;
	case OPT_GATEWAY:
		fprintf(out, "auto\tvia the host end's address\n");
		break;
	case 0:
		for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
			fprintf(out, "%s\t%s\n", subcommands[i].name, subcommands[i].help);
		complete_netns_names(out);
		complete_ifnames(out);
		break;
	}
}

int nsnet_main(int argc, char **argv)
{
	struct nsnet_ctx ctx = { 0 };
	int c;
	while (argc > 1 && argv[1][0] == '-' &&
	       (c = getopt_long(argc, argv, "+hV", nsnet_long_opts, NULL)) != -1)
		return applet_common_opt(c == 'h' || c == 'V' ? c : '?', EXIT_USAGE);
	if (argc < 2)
		return usage_error(EXIT_USAGE, "missing subcommand: expected add, del, list, exec, identify, "
				   "pids, set, veth, bridge, link, addr, route or batch");
	int rc = run_subcommand(&ctx, argc - 1, argv + 1);
	ns_rtnl_free(ctx.rt);
	int out_rc = close_stdout_checked();
	return rc ? rc : out_rc;
}
