#!/usr/bin/env bats
# make install: PREFIX and DESTDIR, the binary, a symlink per applet, man pages, completions.

load helpers

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
