/* nsnet: not implemented yet; its issue builds it. */
#include "cmd.h"

const char nsnet_usage[] =
	"Usage:\n"
	" nsnet [options]\n"
	"\n"
	"Not implemented yet.\n"
	"\n"
	"Options:\n"
	" -h, --help      display this help\n"
	" -V, --version   display version\n";

const char nsnet_short_opts[] = "+hV";
const struct option nsnet_long_opts[] = {
	COMMON_LONG_OPTS,
	{ NULL, 0, NULL, 0 },
};

void nsnet_complete_arg(int opt, const char *cur, FILE *out)
{
	(void)opt;
	(void)cur;
	(void)out;
}

int nsnet_main(int argc, char **argv)
{
	int c;
	while ((c = getopt_long(argc, argv, nsnet_short_opts, nsnet_long_opts, NULL)) != -1)
		return applet_common_opt(c, EXIT_USAGE);
	warnx_applet("not implemented yet");
	return 1;
}
