# Shared by the bats files: the binary under test and leftover checks.
: "${NSBOX:=$BATS_TEST_DIRNAME/../../build/nsbox}"
export NSBOX
bats_require_minimum_version 1.5.0

need_root() {
	[ "$(id -u)" -eq 0 ] || skip "needs root"
}
