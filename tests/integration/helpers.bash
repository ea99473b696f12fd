# Shared by the bats files: the binary under test and leftover checks.
: "${NSBOX:=$BATS_TEST_DIRNAME/../../build/nsbox}"
export NSBOX
bats_require_minimum_version 1.5.0

need_root() {
	[ "$(id -u)" -eq 0 ] || skip "needs root"
}

# Pids this test started in the background; killed and reaped at teardown.
BG_PIDS=()

# Runs "$@" in the background as its own process group; its pid lands in BG_PIDS and $BG_PID.
bg_start() {
	setsid "$@" </dev/null >/dev/null 2>&1 &
	BG_PID=$!
	BG_PIDS+=("$BG_PID")
}

# Waits until pid's namespace of type differs from ours (the child has unshared).
wait_unshared() { # pid type
	local i
	for i in $(seq 100); do
		[ "$(readlink "/proc/$1/ns/$2" 2>/dev/null)" != "$(readlink "/proc/self/ns/$2")" ] &&
			[ -n "$(readlink "/proc/$1/ns/$2" 2>/dev/null)" ] && return 0
		sleep 0.05
	done
	echo "pid $1 never left our $2 namespace" >&2
	return 1
}

# The first child of pid (unshare --fork runs the command as its child).
child_of() {
	local i c
	for i in $(seq 100); do
		c=$(pgrep -P "$1" | head -n1)
		[ -n "$c" ] && { echo "$c"; return 0; }
		sleep 0.05
	done
	return 1
}

ns_ino() { # pid type
	readlink "/proc/$1/ns/$2" | tr -dc 0-9
}

# Kills every process group we started and checks none is left.
bg_cleanup() {
	local p
	for p in "${BG_PIDS[@]}"; do kill -KILL -- "-$p" 2>/dev/null || true; done
	for p in "${BG_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
	for p in "${BG_PIDS[@]}"; do
		if kill -0 "$p" 2>/dev/null; then echo "leftover process $p" >&2; return 1; fi
	done
	BG_PIDS=()
}
