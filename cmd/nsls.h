/* nsls internals that the unit tests reach: the column table and the output model. */
#ifndef NSBOX_NSLS_H
#define NSBOX_NSLS_H

#include "../libns/lazylib.h"
#include <stdbool.h>
#include <stddef.h>

#include "../libns/libns.h"

enum {
	COL_NS,
	COL_TYPE,
	COL_PATH,
	COL_NPROCS,
	COL_PID,
	COL_PPID,
	COL_COMMAND,
	COL_UID,
	COL_USER,
	COL_NETNSID,
	COL_NSFS,
	COL_PNS,
	COL_ONS,
	NSLS_NCOLS
};

/* What a column needs computed beyond the /proc walk. */
enum {
	NEED_HIER = 1 << 0,
	NEED_NETNSID = 1 << 1,
	NEED_PPID = 1 << 2,
	NEED_USER = 1 << 3,
	NEED_COMMAND = 1 << 4,
	NEED_PROCINFO = NEED_PPID | NEED_USER | NEED_COMMAND,
};

struct nsls_colinfo {
	const char *name;
	double whint;
	int flags;       /* SCOLS_FL_* */
	const char *help;
	int json_type;   /* SCOLS_JSON_* */
	unsigned needs;  /* NEED_* */
};

extern const struct nsls_colinfo nsls_cols[NSLS_NCOLS];

enum nsls_tree { TREE_NONE, TREE_PROCESS, TREE_OWNER, TREE_PARENT };

#define NSLS_MAX_COLS (NSLS_NCOLS * 2)

struct nsls_opts {
	unsigned types;        /* bit per enum ns_type, 0 = all */
	pid_t pid;             /* -p */
	ino_t pid_ino[NS_TYPE_COUNT]; /* -p: that process's namespaces, filled after the scan */
	ino_t ns_ino;          /* positional NS, 0 = none */
	int cols[NSLS_MAX_COLS];
	size_t ncols;
	bool json, raw, noheadings, list, notruncate, nowrap;
	enum nsls_tree tree;
};

/* Column name (case-insensitive) to COL_*, or -1. */
int nsls_column_from_name(const char *name, size_t len);
/* "NS,TYPE" or "+PNS" (append to what is there). Returns 0, or -EINVAL with *bad set to the
 * unknown name (pointing into list, length *bad_len), or -E2BIG when there are too many. */
int nsls_parse_columns(const char *list, int *cols, size_t *ncols, size_t max, const char **bad,
		       size_t *bad_len);
/* "process", "owner", "parent" -> TREE_*; -1 otherwise. */
int nsls_tree_from_name(const char *name);

/* Process metadata for the pids the output shows. */
struct nsls_meta {
	struct ns_procinfo *info; /* sorted by pid */
	size_t n;
};

/* Builds the libsmartcols table the options ask for; NULL on allocation failure. */
struct libscols_table *nsls_build_table(const struct nsls_opts *opts, const struct ns_set *set,
					const struct nsls_meta *meta);

#endif
