#!/usr/bin/env bats
# Dispatch, --help and --version of every applet in the table (git t0012-help).

load helpers

@test "--help of every applet prints usage to stdout and exits 0" {
	local a
	for a in $("$NSBOX" --list); do
		run --separate-stderr "$NSBOX" "$a" --help
		[ "$status" -eq 0 ] || { echo "$a --help: exit $status"; return 1; }
		[[ "$output" == *"Usage:"* ]] || { echo "$a --help: no usage"; return 1; }
		[[ "$output" == *"$a"* ]] || { echo "$a --help does not name $a"; return 1; }
		[ -z "$stderr" ] || { echo "$a --help wrote to stderr: $stderr"; return 1; }
	done
}

@test "--version of every applet names the applet" {
	local a
	for a in $("$NSBOX" --list); do
		run "$NSBOX" "$a" --version
		[ "$status" -eq 0 ]
		[[ "$output" == "$a from nsbox "* ]]
	done
}

@test "nsbox --list lists the four applets, not the hidden one" {
	run "$NSBOX" --list
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'nsls\nnsenter-lite\nnsunshare\nnsnet')" ]
}

@test "nsbox --help lists every applet with its summary" {
	run "$NSBOX" --help
	[ "$status" -eq 0 ]
	[[ "$output" == *"nsls "*"list namespaces"* ]]
	[[ "$output" == *"nsnet "* ]]
}

@test "a symlink named after the applet runs it, with or without a leading dash" {
	ln -s "$NSBOX" "$BATS_TEST_TMPDIR/nsls"
	run "$BATS_TEST_TMPDIR/nsls" --version
	[ "$status" -eq 0 ]
	[ "$output" = "nsls from nsbox $("$NSBOX" --version | awk '{print $NF}')" ]
	run bash -c "exec -a -nsls '$NSBOX' --version"
	[[ "$output" == "nsls from nsbox "* ]]
}

@test "an unknown applet is one line and exit 127" {
	run -127 --separate-stderr "$NSBOX" frobnicate
	[ "$status" -eq 127 ]
	[ "$(wc -l <<<"$stderr")" -eq 1 ]
	[[ "$stderr" == *"'frobnicate'"* ]]
	ln -s "$NSBOX" "$BATS_TEST_TMPDIR/nosuch"
	run -127 "$BATS_TEST_TMPDIR/nosuch"
	[ "$status" -eq 127 ]
}

@test "an unknown option is a usage error naming the applet" {
	run --separate-stderr "$NSBOX" nsls --bogus
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"Try 'nsls --help'."* ]]
}

@test "an unknown option of nsbox itself is a usage error, exit 2" {
	run --separate-stderr "$NSBOX" --bogus
	[ "$status" -eq 2 ]
	[ "$stderr" = "$(printf "nsbox: unknown option '--bogus'\nTry 'nsbox --help'.")" ]
}
