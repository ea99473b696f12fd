/* Loading libmnl and libsmartcols when an applet first needs them. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "lazylib.h"

static const char *const sonames[] = {
	[NS_LIB_MNL] = "libmnl.so.0",
	[NS_LIB_SCOLS] = "libsmartcols.so.1",
};
static void *handles[2];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void *ns_lazy_sym(enum ns_lazy_lib lib, const char *name)
{
	pthread_mutex_lock(&lock);
	if (!handles[lib])
		handles[lib] = dlopen(sonames[lib], RTLD_NOW | RTLD_LOCAL);
	void *handle = handles[lib];
	pthread_mutex_unlock(&lock);
	void *sym = handle ? dlsym(handle, name) : NULL;
	if (!sym) {
		/* the same outcome as a missing library at start-up, said in one line */
		fprintf(stderr, "nsbox: cannot load %s from %s: %s\n", name, sonames[lib], dlerror());
		abort();
	}
	return sym;
}
