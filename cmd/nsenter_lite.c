/* nsenter-lite: not implemented yet; its issue builds it. */
#include "cmd.h"

const char nsenter_lite_usage[] =
	"Usage:\n"
	" nsenter-lite [options]\n"
	"\n"
	"Not implemented yet.\n"
	"\n"
	"Options:\n"
	" -h, --help      display this help\n"
	" -V, --version   display version\n";

const char nsenter_lite_short_opts[] = "+hV";
const struct option nsenter_lite_long_opts[] = {
	COMMON_LONG_OPTS,
	{ NULL, 0, NULL, 0 },
};

void nsenter_lite_complete_arg(int opt, const char *cur, FILE *out)
{
	(void)opt;
	(void)cur;
	(void)out;
}

int nsenter_lite_main(int argc, char **argv)
{
	int c;
	while ((c = getopt_long(argc, argv, nsenter_lite_short_opts, nsenter_lite_long_opts, NULL)) != -1)
		return applet_common_opt(c, EXIT_CANNOT_RUN);
	warnx_applet("not implemented yet");
	return 1;
}
