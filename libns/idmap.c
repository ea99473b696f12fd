/* User namespace id maps: parsing (pure), /etc/subuid lookup, and writing them. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "libns.h"

/* (uid_t)-1 is "no id" to the kernel, so the largest usable id is one less. */
#define ID_MAX 4294967294ULL

/* One decimal field ending at sep (INNER:OUTER:COUNT, or a whole id with sep '\0'); a count
 * may reach ID_MAX + 1. */
static int parse_field(const char **p, char sep, unsigned long long *out)
{
	const char *s = *p;
	if (*s < '0' || *s > '9')
		return -EINVAL;
	char *end;
	errno = 0;
	unsigned long long value = strtoull(s, &end, 10);
	if (*end != sep)
		return -EINVAL;
	if (errno == ERANGE || value > ID_MAX + 1)
		return -ERANGE;
	*out = value;
	*p = sep ? end + 1 : end;
	return 0;
}

int ns_parse_id(const char *text, uint32_t *id)
{
	unsigned long long value;
	int r = text ? parse_field(&text, '\0', &value) : -EINVAL;
	if (r < 0)
		return r;
	if (value > ID_MAX)
		return -ERANGE;
	*id = (uint32_t)value;
	return 0;
}

int ns_idmap_parse_range(const char *text, struct ns_idmap_range *out)
{
	unsigned long long inner, outer, count;
	const char *p = text;
	int r = -EINVAL;
	if (!p || (r = parse_field(&p, ':', &inner)) < 0 || (r = parse_field(&p, ':', &outer)) < 0 ||
	    (r = parse_field(&p, '\0', &count)) < 0)
		return r < 0 ? r : -EINVAL;
	if (count == 0)
		return -EDOM;
	if (inner + count - 1 > ID_MAX || outer + count - 1 > ID_MAX)
		return -ERANGE;
	out->inner = (uint32_t)inner;
	out->outer = (uint32_t)outer;
	out->count = (uint32_t)count;
	return 0;
}

static bool spans_overlap(uint32_t a, uint32_t a_count, uint32_t b, uint32_t b_count)
{
	return (uint64_t)a < (uint64_t)b + b_count && (uint64_t)b < (uint64_t)a + a_count;
}

int ns_idmap_add(struct ns_idmap *map, const struct ns_idmap_range *range)
{
	for (size_t i = 0; i < map->n; i++) {
		const struct ns_idmap_range *o = &map->r[i];
		/* the kernel refuses a map whose ranges overlap on either side */
		if (spans_overlap(o->inner, o->count, range->inner, range->count) ||
		    spans_overlap(o->outer, o->count, range->outer, range->count))
			return -EEXIST;
	}
	if (map->n >= NS_IDMAP_MAX)
		return -E2BIG;
	map->r[map->n++] = *range;
	return 0;
}

int ns_idmap_format(const struct ns_idmap *map, char *buf, size_t size)
{
	size_t used = 0;
	if (size)
		buf[0] = '\0';
	for (size_t i = 0; i < map->n; i++) {
		int n = snprintf(buf + used, size - used, "%u %u %u\n", map->r[i].inner, map->r[i].outer,
				 map->r[i].count);
		if (n < 0 || (size_t)n >= size - used)
			return -ENOBUFS;
		used += (size_t)n;
	}
	return (int)used;
}

int ns_subid_parse_line(const char *line, const char *user, uint32_t uid, struct ns_idmap_range *out)
{
	const char *colon = strchr(line, ':');
	if (!colon || colon == line)
		return -EINVAL;
	size_t name_len = (size_t)(colon - line);
	char rest[64];
	size_t rest_len = strcspn(colon + 1, "\n");
	if (rest_len >= sizeof(rest))
		return -EINVAL;
	memcpy(rest, colon + 1, rest_len);
	rest[rest_len] = '\0';
	unsigned long long start, count;
	const char *p = rest;
	if (parse_field(&p, ':', &start) < 0 || parse_field(&p, '\0', &count) < 0 || count == 0 ||
	    start + count - 1 > ID_MAX)
		return -EINVAL;
	char uid_text[16];
	snprintf(uid_text, sizeof(uid_text), "%u", uid);
	bool by_name = user && strlen(user) == name_len && !strncmp(line, user, name_len);
	bool by_uid = strlen(uid_text) == name_len && !strncmp(line, uid_text, name_len);
	if (!by_name && !by_uid)
		return 0;
	out->inner = 0;
	out->outer = (uint32_t)start;
	out->count = (uint32_t)count;
	return 1;
}

int ns_subid_find(const char *path, const char *user, uint32_t uid, struct ns_idmap_range *out)
{
	FILE *f = fopen(path, "re");
	if (!f)
		return -errno;
	char *line = NULL;
	size_t cap = 0;
	int r = -ENOENT;
	while (getline(&line, &cap, f) > 0) {
		/* malformed lines are skipped, as shadow's own tools do */
		if (ns_subid_parse_line(line, user, uid, out) == 1) {
			r = 0;
			break;
		}
	}
	free(line);
	fclose(f);
	return r;
}

int ns_proc_write(pid_t pid, const char *name, const char *text)
{
	char path[64];
	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid, name);
	else
		snprintf(path, sizeof(path), "/proc/self/%s", name);
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	size_t len = strlen(text);
	ssize_t n = write(fd, text, len);
	int r = n < 0 ? -errno : (size_t)n != len ? -EIO : 0;
	close(fd);
	return r;
}

int ns_idmap_write(pid_t pid, const char *file, const struct ns_idmap *map)
{
	char text[NS_IDMAP_MAX * 33];
	int r = ns_idmap_format(map, text, sizeof(text));
	return r < 0 ? r : ns_proc_write(pid, file, text);
}

int ns_setgroups_write(pid_t pid, bool allow)
{
	return ns_proc_write(pid, "setgroups", allow ? "allow" : "deny");
}

int ns_wait_child(pid_t pid, int *status)
{
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return 0;
}

int ns_idmap_run_helper(const char *helper, pid_t pid, const struct ns_idmap *map)
{
	/* newuidmap PID INNER OUTER COUNT ... */
	char numbers[NS_IDMAP_MAX * 3 + 1][12];
	char *argv[NS_IDMAP_MAX * 3 + 3];
	size_t n = 0;
	argv[n++] = (char *)helper;
	snprintf(numbers[0], sizeof(numbers[0]), "%d", (int)pid);
	argv[n++] = numbers[0];
	for (size_t i = 0; i < map->n; i++) {
		uint32_t v[3] = { map->r[i].inner, map->r[i].outer, map->r[i].count };
		for (int k = 0; k < 3; k++) {
			snprintf(numbers[n - 1], sizeof(numbers[0]), "%u", v[k]);
			argv[n] = numbers[n - 1];
			n++;
		}
	}
	argv[n] = NULL;
	pid_t child = fork();
	if (child < 0)
		return -errno;
	if (child == 0) {
		execvp(helper, argv);
		_exit(errno == ENOENT ? 127 : 126);
	}
	int status, r = ns_wait_child(child, &status);
	if (r < 0)
		return r;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return -ENOENT;
	return -EPERM;
}
