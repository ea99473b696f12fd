/* The entry point, apart from nsbox.c so that unit tests can link the applets. */
#include "cmd.h"

int main(int argc, char **argv)
{
	return nsbox_dispatch(argc, argv);
}
