/* The netlink reply parser: acks, errors with extended-ack text, sequence and port checks,
 * the end of dumps, truncated and malformed input. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/rtnetlink.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "libns.h"
#include "internal.h"

enum { SEQ = 42, PORT = 1234 };

/* An NLMSG_ERROR for a request header; with text, an extended ack (capped, as the kernel sends). */
static size_t put_error(uint8_t *buf, int error, const char *text, unsigned seq, unsigned port)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_seq = seq;
	nlh->nlmsg_pid = port;
	struct nlmsgerr *err = mnl_nlmsg_put_extra_header(nlh, sizeof(*err));
	err->error = error;
	err->msg.nlmsg_len = 100;
	err->msg.nlmsg_type = RTM_NEWLINK;
	err->msg.nlmsg_seq = seq;
	if (text) {
		nlh->nlmsg_flags = NLM_F_CAPPED | NLM_F_ACK_TLVS;
		mnl_attr_put_strz(nlh, NLMSGERR_ATTR_MSG, text);
	}
	return nlh->nlmsg_len;
}

static int count_cb(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh;
	(*(int *)data)++;
	return MNL_CB_OK;
}

static void ack_and_error(void **state)
{
	(void)state;
	uint8_t buf[512];
	char msg[128] = "stale";
	size_t len = put_error(buf, 0, NULL, SEQ, PORT);
	assert_int_equal(ns_nl_parse_replies(buf, len, SEQ, PORT, NULL, NULL, msg, sizeof(msg)), 0);
	len = put_error(buf, -EEXIST, "ipv4: Address already assigned", SEQ, PORT);
	msg[0] = '\0';
	assert_int_equal(ns_nl_parse_replies(buf, len, SEQ, PORT, NULL, NULL, msg, sizeof(msg)), -EEXIST);
	assert_string_equal(msg, "ipv4: Address already assigned");
	len = put_error(buf, -ENODEV, NULL, SEQ, PORT);
	assert_int_equal(ns_nl_parse_replies(buf, len, SEQ, PORT, NULL, NULL, NULL, 0), -ENODEV);
}

static void wrong_sequence_or_port(void **state)
{
	(void)state;
	uint8_t buf[512];
	size_t len = put_error(buf, 0, NULL, SEQ + 1, PORT);
	assert_int_equal(ns_nl_parse_replies(buf, len, SEQ, PORT, NULL, NULL, NULL, 0), -EPROTO);
	len = put_error(buf, 0, NULL, SEQ, PORT + 1);
	assert_int_equal(ns_nl_parse_replies(buf, len, SEQ, PORT, NULL, NULL, NULL, 0), -ESRCH);
}

static void truncated_and_malformed(void **state)
{
	(void)state;
	uint8_t buf[512];
	size_t len = put_error(buf, -EEXIST, "boom", SEQ, PORT);
	for (size_t cut = 0; cut < len; cut++)
		assert_int_equal(ns_nl_parse_replies(buf, cut, SEQ, PORT, NULL, NULL, NULL, 0), -EBADMSG);
	/* an NLMSG_ERROR too short for its struct nlmsgerr */
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_seq = SEQ;
	nlh->nlmsg_pid = PORT;
	mnl_nlmsg_put_extra_header(nlh, 8);
	assert_int_equal(ns_nl_parse_replies(buf, nlh->nlmsg_len, SEQ, PORT, NULL, NULL, NULL, 0), -EBADMSG);
	/* an extended ack whose text has no NUL: the error stands, the text is dropped */
	char msg[64] = "";
	len = put_error(buf, -EINVAL, "abc", SEQ, PORT);
	buf[len - 1] = 'x';
	buf[len - 2] = 'x';
	buf[len - 3] = 'x';
	buf[len - 4] = 'x';
	assert_int_equal(ns_nl_parse_replies(buf, len, SEQ, PORT, NULL, NULL, msg, sizeof(msg)), -EINVAL);
	assert_string_equal(msg, "");
}

static void data_then_done(void **state)
{
	(void)state;
	uint8_t buf[512];
	int seen = 0;
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWLINK;
	nlh->nlmsg_flags = NLM_F_MULTI;
	nlh->nlmsg_seq = SEQ;
	nlh->nlmsg_pid = PORT;
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct ifinfomsg));
	size_t one = nlh->nlmsg_len;
	/* a chunk of a dump: more to come */
	assert_int_equal(ns_nl_parse_replies(buf, one, SEQ, PORT, count_cb, &seen, NULL, 0), 1);
	assert_int_equal(seen, 1);
	struct nlmsghdr *done = mnl_nlmsg_put_header(buf + one);
	done->nlmsg_type = NLMSG_DONE;
	done->nlmsg_flags = NLM_F_MULTI;
	done->nlmsg_seq = SEQ;
	done->nlmsg_pid = PORT;
	int *status = mnl_nlmsg_put_extra_header(done, sizeof(int));
	assert_int_equal(ns_nl_parse_replies(buf, one + done->nlmsg_len, SEQ, PORT, count_cb, &seen, NULL, 0), 0);
	assert_int_equal(seen, 2);
	/* a dump that failed part-way says so in NLMSG_DONE */
	*status = -ENOBUFS;
	assert_int_equal(ns_nl_parse_replies(buf, one + done->nlmsg_len, SEQ, PORT, count_cb, &seen, NULL, 0),
			 -ENOBUFS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ack_and_error),
		cmocka_unit_test(wrong_sequence_or_port),
		cmocka_unit_test(truncated_and_malformed),
		cmocka_unit_test(data_then_done),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
