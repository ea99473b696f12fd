# nsbox: `make run` builds and shows every namespace as a tree; `make check` runs every test.
SHELL := /bin/bash
CC ?= cc
PREFIX ?= /usr/local
DESTDIR ?=
BUILD ?= build
SAN_BUILD := build-san

PKGS := libproc2 smartcols libmnl
# pkg-config name or command : the Debian package that brings it
DEB_LIBS := libproc2:libproc2-dev smartcols:libsmartcols-dev libmnl:libmnl-dev cmocka:libcmocka-dev
DEB_CMDS := cc:gcc pkg-config:pkg-config bats:bats ip:iproute2 ping:iputils-ping unshare:util-linux \
	lsns:util-linux mandoc:mandoc jq:jq setpriv:util-linux zsh:zsh fish:fish \
	newuidmap:uidmap ipcmk:util-linux ps:procps pgrep:procps perl:perl-base
BENCH_CMDS := hyperfine:hyperfine

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libproc2, libmnl and libsmartcols are dlopen()ed on first use (libns/procinfo.c,
# libns/lazylib.c): none is linked
PKG_LIBS = -ldl
CMOCKA_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)
# procps-ng 4.0.5 dropped the info argument of PIDS_VAL
PROC2_DEFS = $(shell pkg-config --atleast-version=4.0.5 libproc2 2>/dev/null && echo -DLIBPROC2_PIDS_VAL_3ARGS)

WARN := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-format-nonliteral
ifdef SAN
OPT := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
else
OPT := -O2 -g
endif
ALL_CFLAGS = -std=gnu11 -pthread $(OPT) $(WARN) $(PKG_CFLAGS) $(PROC2_DEFS) $(CFLAGS)
ALL_LDFLAGS = -pthread $(OPT) $(LDFLAGS)

LIB_SRCS := $(sort $(wildcard libns/*.c))
CMD_SRCS := $(sort $(filter-out cmd/main.c,$(wildcard cmd/*.c)))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/%.o)
CMD_OBJS := $(CMD_SRCS:%.c=$(BUILD)/%.o)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
HELPER_SRCS := $(sort $(wildcard tests/helpers/*.c))
HELPER_BINS := $(HELPER_SRCS:tests/helpers/%.c=$(BUILD)/tests/helpers/%)
HEADERS := $(wildcard libns/*.h cmd/*.h cmd/*.def)

bindir := $(PREFIX)/bin
man1dir := $(PREFIX)/share/man/man1

.PHONY: all run check deps bench-deps test-bins install uninstall clean bench lint-man

all: $(BUILD)/nsbox

$(BUILD)/%.o: %.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libns.a: $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/nsbox: $(BUILD)/cmd/main.o $(CMD_OBJS) $(BUILD)/libns.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(CMD_OBJS) $(BUILD)/libns.a $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Ilibns -Icmd -o $@ $< $(CMD_OBJS) $(BUILD)/libns.a $(PKG_LIBS) $(CMOCKA_LIBS)

# helpers run inside minimal roots: static, no sanitizer
$(BUILD)/tests/helpers/%: tests/helpers/%.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -static -o $@ $<

test-bins: $(BUILD)/nsbox $(UNIT_BINS) $(HELPER_BINS)

# Installs what is missing: as root through apt-get, otherwise it prints the command to run.
deps:
	@$(call install_missing,$(DEB_LIBS),$(DEB_CMDS))

bench-deps: deps
	@$(call install_missing,,$(BENCH_CMDS))

define install_missing
	missing=""; \
	command -v pkg-config >/dev/null 2>&1 || missing="pkg-config"; \
	for p in $(1); do pkg-config --exists "$${p%%:*}" 2>/dev/null || missing="$$missing $${p#*:}"; done; \
	for c in $(2); do command -v "$${c%%:*}" >/dev/null 2>&1 || missing="$$missing $${c#*:}"; done; \
	missing=$$(printf '%s\n' $$missing | sort -u | tr '\n' ' '); missing="$${missing% }"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing: $$missing"; \
			apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing || exit 1; \
		else \
			echo "missing packages; run as root:"; echo "  apt-get update && apt-get install -y $$missing"; exit 1; \
		fi; \
	fi
endef

run: deps
	@$(MAKE) --no-print-directory all
	$(BUILD)/nsbox nsls --tree

check: deps
	@$(MAKE) --no-print-directory test-bins
	@$(MAKE) --no-print-directory BUILD=$(SAN_BUILD) SAN=1 test-bins
	@tests/run $(BUILD) $(SAN_BUILD)

bench: bench-deps all
	@$(MAKE) --no-print-directory -C bench BUILD=$(abspath $(BUILD))
	bench/run $(abspath $(BUILD))

install: all
	install -d $(DESTDIR)$(bindir) $(DESTDIR)$(man1dir)
	install -m 755 $(BUILD)/nsbox $(DESTDIR)$(bindir)/nsbox
	for a in $$($(BUILD)/nsbox --list); do ln -sf nsbox $(DESTDIR)$(bindir)/$$a; done
	install -m 644 man/*.1 $(DESTDIR)$(man1dir)/
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions
	install -m 644 completions/nsbox.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/nsbox
	for a in $$($(BUILD)/nsbox --list); do \
		ln -sf nsbox $(DESTDIR)$(PREFIX)/share/bash-completion/completions/$$a; done
	install -d $(DESTDIR)$(PREFIX)/share/zsh/site-functions
	install -m 644 completions/_nsbox $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_nsbox
	install -d $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 644 completions/nsbox.fish $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/nsbox.fish
	for a in $$($(BUILD)/nsbox --list); do \
		printf 'source %s/share/fish/vendor_completions.d/nsbox.fish\ncomplete -c %s -f -a "(__nsbox_complete %s)"\n' \
			'$(PREFIX)' $$a $$a > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/$$a.fish; done

uninstall:
	for a in nsbox $$($(BUILD)/nsbox --list); do rm -f $(DESTDIR)$(bindir)/$$a; done

clean:
	rm -rf $(BUILD) $(SAN_BUILD)
