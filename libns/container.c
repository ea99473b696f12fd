/* Containers from cgroup paths: docker, podman, containerd, cri-o, Kubernetes, systemd-nspawn. */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "libns.h"

enum { FULL_ID_LEN = 64 };

static bool is_hex_run(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isxdigit((unsigned char)s[i]) || isupper((unsigned char)s[i]))
			return false;
	return true;
}

/* "<prefix><64 hex><suffix>" as the whole component. */
static bool prefixed_id(const char *comp, size_t len, const char *prefix, const char *suffix,
			const char **id)
{
	size_t plen = strlen(prefix), slen = strlen(suffix);
	if (len != plen + FULL_ID_LEN + slen || strncmp(comp, prefix, plen) ||
	    strncmp(comp + plen + FULL_ID_LEN, suffix, slen) || !is_hex_run(comp + plen, FULL_ID_LEN))
		return false;
	*id = comp + plen;
	return true;
}

/* systemd escapes '-' and other bytes in unit names as \xNN. */
static int unescape_unit(const char *s, size_t len, char *out, size_t size)
{
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '\\' && i + 3 < len && s[i + 1] == 'x' && isxdigit((unsigned char)s[i + 2]) &&
		    isxdigit((unsigned char)s[i + 3])) {
			char hex[3] = { s[i + 2], s[i + 3], '\0' };
			c = (char)strtol(hex, NULL, 16);
			i += 3;
		}
		if (o + 1 >= size)
			return -ENAMETOOLONG;
		out[o++] = c;
	}
	out[o] = '\0';
	return o ? 0 : -EINVAL;
}

static int set_hit(struct ns_container *c, const char *runtime, const char *id, size_t len)
{
	snprintf(c->runtime, sizeof(c->runtime), "%s", runtime);
	if (len >= sizeof(c->id))
		return 0;
	memcpy(c->id, id, len);
	c->id[len] = '\0';
	return 1;
}

static const struct {
	const char *prefix, *suffix, *runtime;
} scope_ids[] = {
	{ "docker-", ".scope", "docker" },
	{ "libpod-", ".scope", "podman" },
	{ "crio-", ".scope", "cri-o" },
	{ "cri-containerd-", ".scope", "containerd" },
};

/* A bare 64-hex directory (cgroupfs drivers): the runtime is named by an ancestor. */
static const char *runtime_of_ancestors(const char *path, size_t upto)
{
	static const struct {
		const char *word, *runtime;
	} words[] = { { "kubepods", "kubernetes" }, { "docker", "docker" }, { "libpod", "podman" },
		      { "crio", "cri-o" } };
	for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++)
		if (memmem(path, upto, words[w].word, strlen(words[w].word)))
			return words[w].runtime;
	return "containerd";
}

/* An nspawn machine: machine-NAME.scope or systemd-nspawn@NAME.service under machine.slice. */
static int machine_of(const char *path, const char *comp, size_t len, struct ns_container *c)
{
	static const char slice[] = "/machine.slice/";
	const char *in_slice = strstr(path, slice);
	if (!in_slice || in_slice + strlen(slice) != comp)
		return 0;
	size_t plen;
	if (len > 14 && !strncmp(comp, "machine-", 8) && !strncmp(comp + len - 6, ".scope", 6))
		plen = 8, len -= 6;
	else if (len > 23 && !strncmp(comp, "systemd-nspawn@", 15) && !strncmp(comp + len - 8, ".service", 8))
		plen = 15, len -= 8;
	else
		return 0;
	snprintf(c->runtime, sizeof(c->runtime), "nspawn");
	return unescape_unit(comp + plen, len - plen, c->id, sizeof(c->id)) == 0;
}

static int component_id(const char *path, const char *comp, size_t len, struct ns_container *c)
{
	const char *id;
	for (size_t i = 0; i < sizeof(scope_ids) / sizeof(scope_ids[0]); i++)
		if (prefixed_id(comp, len, scope_ids[i].prefix, scope_ids[i].suffix, &id))
			return set_hit(c, scope_ids[i].runtime, id, FULL_ID_LEN);
	if (len == FULL_ID_LEN && is_hex_run(comp, len) && comp > path + 1)
		return set_hit(c, runtime_of_ancestors(path, (size_t)(comp - path)), comp, len);
	return machine_of(path, comp, len, c);
}

int ns_container_from_cgroup_line(const char *line, struct ns_container *c)
{
	/* hierarchy-id:controllers:path */
	const char *colon = strchr(line, ':');
	const char *field = colon ? strchr(colon + 1, ':') : NULL;
	if (!field || field[1] != '/')
		return -EINVAL;
	char *path = strndup(field + 1, strcspn(field + 1, "\n"));
	if (!path)
		return -ENOMEM;
	/* the innermost component that names a container wins */
	int r = 0;
	char *end = path + strlen(path);
	while (!r && end > path) {
		char *start = end;
		while (start > path && start[-1] != '/')
			start--;
		if (end > start)
			r = component_id(path, start, (size_t)(end - start), c);
		end = start > path ? start - 1 : path;
	}
	free(path);
	return r;
}

int ns_container_of_pid(const char *proc_root, pid_t pid, struct ns_container *c)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%d/cgroup", proc_root ? proc_root : "/proc", (int)pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return -errno;
	char *line = NULL;
	size_t cap = 0;
	int r = 0;
	while (r <= 0 && getline(&line, &cap, f) > 0) {
		r = ns_container_from_cgroup_line(line, c);
		if (r == -EINVAL)
			r = 0;
	}
	free(line);
	fclose(f);
	return r;
}

bool ns_container_query_valid(const char *query)
{
	size_t len = strlen(query);
	if (len == 0 || len >= NS_CONTAINER_ID_MAX || strchr(query, '/'))
		return false;
	return true;
}

bool ns_container_matches(const struct ns_container *c, const char *query)
{
	size_t len = strlen(query);
	if (strcmp(c->runtime, "nspawn") != 0)
		return len >= NS_CONTAINER_MIN_PREFIX && !strncasecmp(c->id, query, len);
	return !strcmp(c->id, query);
}

void ns_container_list_free(struct ns_container_list *list)
{
	free(list->items);
	memset(list, 0, sizeof(*list));
}

static int list_add(struct ns_container_list *list, const struct ns_container *c, pid_t pid)
{
	for (size_t i = 0; i < list->n; i++) {
		struct ns_container *have = &list->items[i];
		if (!strcmp(have->id, c->id) && !strcmp(have->runtime, c->runtime)) {
			have->nprocs++;
			if (pid < have->pid)
				have->pid = pid;
			return 0;
		}
	}
	if (ns_grow(&list->items, &list->cap, list->n + 1, sizeof(*list->items)) < 0)
		return -ENOMEM;
	list->items[list->n] = *c;
	list->items[list->n].pid = pid;
	list->items[list->n].nprocs = 1;
	list->n++;
	return 0;
}

int ns_container_scan(const char *proc_root, const char *query, struct ns_container_list *list)
{
	const char *root = proc_root ? proc_root : "/proc";
	DIR *dir = opendir(root);
	if (!dir)
		return -errno;
	int r = 0;
	struct dirent *d;
	while (r == 0 && (d = readdir(dir))) {
		pid_t pid;
		struct ns_container c = { 0 };
		/* a process that vanishes mid-walk is skipped */
		if (ns_parse_pid(d->d_name, &pid) < 0 || ns_container_of_pid(root, pid, &c) <= 0)
			continue;
		if (!query || ns_container_matches(&c, query))
			r = list_add(list, &c, pid);
	}
	closedir(dir);
	return r;
}
