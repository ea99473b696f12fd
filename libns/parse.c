/* Pure parsers: namespace links, pids, inodes, mountinfo lines. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "libns.h"

int ns_parse_link(const char *link, enum ns_type *type, ino_t *ino)
{
	const char *colon = link ? strchr(link, ':') : NULL;
	if (!colon || colon[1] != '[')
		return -EINVAL;
	char name[16];
	size_t len = (size_t)(colon - link);
	if (len == 0 || len >= sizeof(name))
		return -EINVAL;
	memcpy(name, link, len);
	name[len] = '\0';
	int t = ns_type_from_name(name);
	if (t < 0 || strcmp(name, ns_type_info(t)->name))
		return -EINVAL;
	const char *digits = colon + 2;
	if (*digits < '0' || *digits > '9')
		return -EINVAL;
	char *end;
	errno = 0;
	unsigned long long value = strtoull(digits, &end, 10);
	if (errno || end[0] != ']' || end[1] != '\0' || value == 0)
		return -EINVAL;
	*type = (enum ns_type)t;
	*ino = (ino_t)value;
	return 0;
}

static int parse_decimal(const char *text, unsigned long long max, unsigned long long *out)
{
	if (!text || *text < '0' || *text > '9')
		return -EINVAL;
	char *end;
	errno = 0;
	unsigned long long value = strtoull(text, &end, 10);
	if (*end != '\0')
		return -EINVAL;
	if (errno == ERANGE || value > max)
		return -ERANGE;
	*out = value;
	return 0;
}

int ns_parse_pid(const char *text, pid_t *pid)
{
	unsigned long long value;
	int r = parse_decimal(text, INT_MAX, &value);
	if (r < 0)
		return r;
	if (value == 0)
		return -EINVAL;
	*pid = (pid_t)value;
	return 0;
}

int ns_parse_ino(const char *text, ino_t *ino)
{
	unsigned long long value;
	int r = parse_decimal(text, (ino_t)-1, &value);
	if (r < 0)
		return r;
	if (value == 0)
		return -EINVAL;
	*ino = (ino_t)value;
	return 0;
}

/* mountinfo escapes space, tab, newline and backslash as \ooo. */
static char *unescape_octal(const char *s, size_t len)
{
	char *out = malloc(len + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 3 < len && s[i + 1] >= '0' && s[i + 1] <= '3' &&
		    s[i + 2] >= '0' && s[i + 2] <= '7' && s[i + 3] >= '0' && s[i + 3] <= '7') {
			out[o++] = (char)(((s[i + 1] - '0') << 6) | ((s[i + 2] - '0') << 3) | (s[i + 3] - '0'));
			i += 3;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return out;
}

/* Returns the start of field n (0-based, space separated) and its length. */
static const char *field(const char *line, int n, size_t *len)
{
	const char *p = line;
	for (int i = 0; i < n; i++) {
		p = strchr(p, ' ');
		if (!p)
			return NULL;
		p++;
	}
	const char *end = strpbrk(p, " \n");
	*len = end ? (size_t)(end - p) : strlen(p);
	return p;
}

int ns_parse_mountinfo_line(const char *line, struct ns_mount *m)
{
	/* id parent maj:min root mountpoint options [optional...] - fstype source superopts */
	const char *sep = strstr(line, " - ");
	size_t root_len = 0, mnt_len = 0, fs_len = 0;
	const char *root = field(line, 3, &root_len);
	const char *mnt = field(line, 4, &mnt_len);
	if (!sep || !root || !mnt || mnt > sep)
		return -EINVAL;
	const char *fstype = field(sep + 3, 0, &fs_len);
	if (!fstype || fs_len != 4 || strncmp(fstype, "nsfs", 4))
		return 0;
	char link[64];
	if (root_len == 0 || root_len >= sizeof(link))
		return -EINVAL;
	memcpy(link, root, root_len);
	link[root_len] = '\0';
	enum ns_type type;
	ino_t ino;
	if (ns_parse_link(link, &type, &ino) < 0)
		return -EINVAL;
	char *path = unescape_octal(mnt, mnt_len);
	if (!path)
		return -ENOMEM;
	m->type = type;
	m->ino = ino;
	m->path = path;
	return 1;
}
