#!/usr/bin/env bats
# make install: PREFIX and DESTDIR, the binary, a symlink per applet, man pages, completions.

load helpers

teardown() {
	[ -z "${DEPS_DIR:-}" ] || rm -rf "$DEPS_DIR"
}

@test "make install puts everything under DESTDIR/PREFIX and the symlinks run their applets" {
	local root="$BATS_TEST_TMPDIR/root" top
	top=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
	run make -s -C "$top" install BUILD="$NSBOX_BUILD" DESTDIR="$root" PREFIX=/opt/nsbox
	[ "$status" -eq 0 ] || { echo "$output"; return 1; }
	[ -x "$root/opt/nsbox/bin/nsbox" ]
	local a
	for a in $("$NSBOX" --list); do
		[ "$(readlink "$root/opt/nsbox/bin/$a")" = nsbox ]
		run "$root/opt/nsbox/bin/$a" --version
		[ "$output" = "$a from nsbox $("$NSBOX" --version | awk '{print $NF}')" ]
	done
	[ -f "$root/opt/nsbox/share/man/man1/nsbox.1" ]
	[ -f "$root/opt/nsbox/share/man/man1/nsls.1" ]
	[ -f "$root/opt/nsbox/share/bash-completion/completions/nsbox" ]
	[ -L "$root/opt/nsbox/share/bash-completion/completions/nsls" ]
	[ -f "$root/opt/nsbox/share/zsh/site-functions/_nsbox" ]
	[ -f "$root/opt/nsbox/share/fish/vendor_completions.d/nsbox.fish" ]
	# nothing outside DESTDIR
	[ ! -e /opt/nsbox ]
}

@test "make deps as a non-root user prints the exact apt-get line for what is missing and stops" {
	# a copy nobody can read wherever the checkout lives
	local dir
	dir=$(mktemp -d /tmp/nsbox-deps.XXXXXX)
	DEPS_DIR=$dir
	chmod 755 "$dir"
	cp "$BATS_TEST_DIRNAME/../../Makefile" "$dir/"
	run setpriv --reuid=65534 --regid=65534 --clear-groups \
		make -s -C "$dir" deps DEB_LIBS="nsbox-no-such-lib:libnsbox-test-dev" DEB_CMDS="nsbox-no-such-cmd:nsbox-test-pkg sh:dash"
	[ "$status" -ne 0 ]
	[[ "$output" == *"apt-get update && apt-get install -y libnsbox-test-dev nsbox-test-pkg"* ]]
	# nothing is asked for what is there
	[[ "$output" != *dash* ]]
	# and with everything present it says nothing and succeeds
	run setpriv --reuid=65534 --regid=65534 --clear-groups make -s -C "$dir" deps DEB_LIBS="smartcols:libsmartcols-dev" DEB_CMDS="sh:dash"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}
