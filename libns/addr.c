/* Pure checks of what the user names: interface names, netns names, IP addresses and CIDRs. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "libns.h"

int ns_check_ifname(const char *name)
{
	if (!name || !*name || strlen(name) >= IFNAMSIZ)
		return -EINVAL;
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return -EINVAL;
	for (const char *p = name; *p; p++)
		if (*p == '/' || *p == ':' || isspace((unsigned char)*p) || !isprint((unsigned char)*p))
			return -EINVAL;
	return 0;
}

int ns_check_netns_name(const char *name)
{
	if (!name || !*name || strlen(name) > NAME_MAX)
		return -EINVAL;
	if (!strcmp(name, ".") || !strcmp(name, "..") || strchr(name, '/'))
		return -EINVAL;
	return 0;
}

static int parse_address(const char *text, size_t len, struct ns_cidr *out)
{
	char buf[INET6_ADDRSTRLEN];
	if (len == 0 || len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, text, len);
	buf[len] = '\0';
	memset(out, 0, sizeof(*out));
	if (inet_pton(AF_INET, buf, out->addr) == 1) {
		out->family = AF_INET;
		out->prefix = 32;
		return 0;
	}
	if (inet_pton(AF_INET6, buf, out->addr) == 1) {
		out->family = AF_INET6;
		out->prefix = 128;
		return 0;
	}
	return -EINVAL;
}

int ns_parse_ip(const char *text, struct ns_cidr *out)
{
	if (!text)
		return -EINVAL;
	return parse_address(text, strlen(text), out);
}

int ns_parse_cidr(const char *text, struct ns_cidr *out)
{
	const char *slash = text ? strchr(text, '/') : NULL;
	if (!slash)
		return -EINVAL;
	struct ns_cidr c;
	int r = parse_address(text, (size_t)(slash - text), &c);
	if (r < 0)
		return r;
	const char *digits = slash + 1;
	size_t ndigits = strspn(digits, "0123456789");
	/* at most three digits, nothing after them: "/033" is fine, "/24x", "/" and "/+8" are not */
	if (ndigits == 0 || ndigits > 3 || digits[ndigits])
		return -EINVAL;
	unsigned prefix = 0;
	for (size_t i = 0; i < ndigits; i++)
		prefix = prefix * 10 + (unsigned)(digits[i] - '0');
	if (prefix > c.prefix)
		return -ERANGE;
	c.prefix = prefix;
	*out = c;
	return 0;
}

size_t ns_cidr_addr_len(const struct ns_cidr *c)
{
	return c->family == AF_INET ? 4 : c->family == AF_INET6 ? 16 : 0;
}

int ns_format_cidr(const struct ns_cidr *c, bool with_prefix, char *buf, size_t size)
{
	char addr[INET6_ADDRSTRLEN];
	if (!inet_ntop(c->family, c->addr, addr, sizeof(addr)))
		return -errno;
	int n = with_prefix ? snprintf(buf, size, "%s/%u", addr, c->prefix) : snprintf(buf, size, "%s", addr);
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

int ns_parse_mac(const char *text, uint8_t mac[6])
{
	unsigned b[6];
	char end;
	if (!text || strlen(text) != 17 ||
	    sscanf(text, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &end) != 6)
		return -EINVAL;
	for (int i = 0; i < 6; i++) {
		if (!isxdigit((unsigned char)text[i * 3]) || !isxdigit((unsigned char)text[i * 3 + 1]))
			return -EINVAL;
		mac[i] = (uint8_t)b[i];
	}
	/* a multicast source address would be refused by the kernel anyway */
	return mac[0] & 1 ? -EINVAL : 0;
}
