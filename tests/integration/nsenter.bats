#!/usr/bin/env bats
# nsenter-lite: every target kind and namespace type entered for real, as root, with the
# entered namespaces read back from inside; bad input, exit codes, signals, fds.

load helpers

TYPES="user cgroup ipc uts net pid mnt time"
declare -gA LONG=([user]=user [cgroup]=cgroup [ipc]=ipc [uts]=uts [net]=net [pid]=pid [mnt]=mount [time]=time)

setup() {
	need_root
	FDLIST="$NSBOX_BUILD/tests/helpers/fdlist"
	[ -x "$FDLIST" ] || FDLIST="$(dirname "$NSBOX")/tests/helpers/fdlist"
	BG=()
	KIDS=()
	CGROUP_DIRS=()
	TAG="nsbxt$$${RANDOM}"
}

teardown() {
	local p d
	for p in "${BG[@]}"; do kill -KILL "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	# children of unshare die with it (--kill-child); wait until init has reaped them
	for p in "${KIDS[@]}"; do
		for _ in $(seq 100); do [ -e "/proc/$p" ] || break; sleep 0.05; done
	done
	for ((d = ${#CGROUP_DIRS[@]} - 1; d >= 0; d--)); do rmdir "${CGROUP_DIRS[d]}" 2>/dev/null; done
	for d in "${CGROUP_DIRS[@]}"; do [ ! -d "$d" ] || { echo "leftover cgroup $d"; return 1; }; done
	for p in "${KIDS[@]}"; do [ ! -e "/proc/$p" ] || { echo "leftover process $p"; return 1; }; done
}

# Starts COMMAND in eight new namespaces; TARGET is its pid once it runs COMM.
start_target() { # comm command...
	local comm=$1 parent i
	shift
	unshare -U -m -u -i -n -p -C -T --fork --map-root-user --kill-child "$@" 3>&- 4>&- &
	parent=$!
	BG+=("$parent")
	for i in $(seq 200); do
		TARGET=$(pgrep -P "$parent" | head -n1)
		[ -n "$TARGET" ] && [ "$(cat "/proc/$TARGET/comm" 2>/dev/null)" = "$comm" ] && break
		sleep 0.02
	done
	KIDS+=("$TARGET")
	[ "$(cat "/proc/$TARGET/comm")" = "$comm" ]
}

ns_of() { readlink "/proc/$1/ns/$2"; }

@test "nsenter-lite -t PID -a enters all eight namespaces, through setns(pidfd) and per-namespace fds" {
	start_target sleep sleep 600
	local t want
	want=$(for t in $TYPES; do ns_of "$TARGET" "$t"; done)
	for t in $TYPES; do [ "$(ns_of "$TARGET" "$t")" != "$(ns_of $$ "$t")" ]; done
	run "$NSBOX" nsenter-lite -t "$TARGET" -a sh -c 'for t in '"$TYPES"'; do readlink /proc/self/ns/$t; done'
	[ "$status" -eq 0 ]
	[ "$output" = "$want" ]
	NSBOX_SETNS_FDS=1 run "$NSBOX" nsenter-lite -t "$TARGET" -a sh -c 'for t in '"$TYPES"'; do readlink /proc/self/ns/$t; done'
	[ "$status" -eq 0 ]
	[ "$output" = "$want" ]
	# no type given: -a
	run "$NSBOX" nsenter-lite -t "$TARGET" readlink /proc/self/ns/uts
	[ "$output" = "$(ns_of "$TARGET" uts)" ]
}

@test "each type alone, by option and by file, enters just that namespace" {
	start_target sleep sleep 600
	local t
	for t in $TYPES; do
		run "$NSBOX" nsenter-lite -t "$TARGET" "--${LONG[$t]}" readlink /proc/self/ns/$t /proc/self/ns/uts
		[ "$status" -eq 0 ] || { echo "$t: $output"; return 1; }
		local expect_uts
		expect_uts=$(ns_of $$ uts)
		[ "$t" = uts ] && expect_uts=$(ns_of "$TARGET" uts)
		[ "$output" = "$(ns_of "$TARGET" $t)"$'\n'"$expect_uts" ] || { echo "$t: $output, want $expect_uts"; return 1; }
		run "$NSBOX" nsenter-lite "--${LONG[$t]}=/proc/$TARGET/ns/$t" readlink /proc/self/ns/$t
		[ "$status" -eq 0 ] && [ "$output" = "$(ns_of "$TARGET" $t)" ] || { echo "$t file: $output"; return 1; }
	done
}

@test "--ns INODE enters the namespace nsls shows, for every type" {
	start_target sleep sleep 600
	local t ino
	for t in $TYPES; do
		ino=$(stat -L -c %i "/proc/$TARGET/ns/$t")
		run "$NSBOX" nsenter-lite --ns "$ino" readlink /proc/self/ns/$t
		[ "$status" -eq 0 ] && [ "$output" = "$t:[$ino]" ] || { echo "$t: $output"; return 1; }
	done
	run -125 --separate-stderr "$NSBOX" nsenter-lite --ns 12345 true
	[ "$stderr" = "nsenter-lite: namespace 12345 not found ('nsls' lists them)" ]
	run -125 --separate-stderr "$NSBOX" nsenter-lite --ns abc true
	[[ "$stderr" == *"'abc'"*"expected an inode number"* ]]
}

@test "-N NAME enters /run/netns/NAME; bad names are refused" {
	# a private /run in a throwaway mount namespace: the netns dies with it
	run unshare -m sh -c '
		mount -t tmpfs tmpfs /run && ip netns add '"$TAG"' &&
		ip -n '"$TAG"' addr add 192.0.2.1/24 dev lo && ip -n '"$TAG"' link set lo up &&
		echo "$(stat -L -c %i /run/netns/'"$TAG"')" &&
		"$0" nsenter-lite -N '"$TAG"' sh -c "stat -L -c %i /proc/self/ns/net; ip -4 -o addr show dev lo" &&
		"$0" __complete nsenter-lite -N ""' "$NSBOX"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "${lines[1]}" ]
	[[ "$output" == *"inet 192.0.2.1/24"* ]]
	[ "${lines[-1]}" = "$TAG" ]
	local bad
	for bad in a/b .. . ""; do
		run -125 --separate-stderr "$NSBOX" nsenter-lite -N "$bad" true
		[ "$stderr" = "nsenter-lite: invalid netns name '$bad': expected a name under /run/netns without '/', not '.' or '..'" ]
	done
	run -125 --separate-stderr "$NSBOX" nsenter-lite -N "$TAG-none" true
	[[ "$stderr" == "nsenter-lite: no network namespace '$TAG-none'"* ]]
}

# Makes cgroup v2 directories for a fake container and moves TARGET into the innermost.
cgroup2_mount() { awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo; }
make_cgroup() { # relative path under a scratch cgroup
	local root dir part path
	root="$(cgroup2_mount)/$TAG"
	[ -d "$root" ] || { mkdir "$root" && CGROUP_DIRS+=("$root"); }
	path=$root
	IFS=/ read -ra part <<<"$1"
	for dir in "${part[@]}"; do
		path="$path/$dir"
		[ -d "$path" ] || { mkdir "$path" && CGROUP_DIRS+=("$path"); }
	done
	CGROUP=$path
}

@test "--container ID finds docker ids and nspawn machines in cgroup paths, --join-cgroup joins" {
	local id other
	id=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')
	other="${id:0:12}$(od -An -N26 -tx1 /dev/urandom | tr -d ' \n')"
	start_target sleep sleep 600
	local first=$TARGET
	make_cgroup "system.slice/docker-$id.scope"
	echo "$first" >"$CGROUP/cgroup.procs"
	run "$NSBOX" nsenter-lite --container "${id:0:12}" readlink /proc/self/ns/net /proc/self/ns/mnt
	[ "$status" -eq 0 ]
	[ "$output" = "$(ns_of "$first" net)"$'\n'"$(ns_of "$first" mnt)" ]
	run "$NSBOX" nsenter-lite -t "$first" -n --join-cgroup cat /proc/self/cgroup
	[[ "$output" == *"0::/$TAG/system.slice/docker-$id.scope"* ]]
	run "$NSBOX" __complete nsenter-lite --container "${id:0:4}"
	[[ "$output" == *"${id:0:12}"$'\t'"docker"* ]]

	start_target sleep sleep 600
	make_cgroup "machine.slice/machine-$TAG.scope/payload"
	echo "$TARGET" >"$CGROUP/cgroup.procs"
	run "$NSBOX" nsenter-lite --container "$TAG" -u readlink /proc/self/ns/uts
	[ "$status" -eq 0 ] && [ "$output" = "$(ns_of "$TARGET" uts)" ]

	# two ids with the same first 12 digits: listed, nothing entered
	start_target sleep sleep 600
	make_cgroup "system.slice/docker-$other.scope"
	echo "$TARGET" >"$CGROUP/cgroup.procs"
	run -125 --separate-stderr "$NSBOX" nsenter-lite --container "${id:0:12}" echo entered
	[ -z "$output" ]
	[[ "$stderr" == *"container '${id:0:12}' is ambiguous"* ]]
	[[ "$stderr" == *"docker $id (pid $first)"* ]]
	[[ "$stderr" == *"docker $other (pid $TARGET)"* ]]
	run "$NSBOX" nsenter-lite --container "$id" -n readlink /proc/self/ns/net
	[ "$status" -eq 0 ] && [ "$output" = "$(ns_of "$first" net)" ]
	run -125 --separate-stderr "$NSBOX" nsenter-lite --container "${id:0:3}" true
	[ "$stderr" = "nsenter-lite: no container '${id:0:3}' found: expected 12 or more hex digits of a container id or a machine name" ]
	run -125 --separate-stderr "$NSBOX" nsenter-lite --container 000000000000ffff true
	[[ "$stderr" == *"no container '000000000000ffff' found"* ]]
}

@test "--name PATTERN: the oldest match when all share namespaces, candidates when they differ" {
	local prog="$BATS_TEST_TMPDIR/$TAG"
	cp "$(command -v sleep)" "$prog"
	unshare -n "$prog" 600 3>&- &
	BG+=("$!")
	local a=$!
	sleep 0.05
	nsenter_ready() { [ "$(cat /proc/$a/comm 2>/dev/null)" = "$TAG" ]; }
	for _ in $(seq 100); do nsenter_ready && break; sleep 0.02; done
	run "$NSBOX" nsenter-lite --name "^$TAG\$" -n readlink /proc/self/ns/net
	[ "$status" -eq 0 ] && [ "$output" = "$(ns_of $a net)" ]
	# a younger one in the same namespaces does not make it ambiguous
	nsenter --net="/proc/$a/ns/net" "$prog" 600 3>&- &
	BG+=("$!")
	local b=$!
	for _ in $(seq 100); do [ "$(cat /proc/$b/comm 2>/dev/null)" = "$TAG" ] && break; sleep 0.02; done
	run "$NSBOX" nsenter-lite --name "^$TAG\$" sh -c 'readlink /proc/self/ns/net'
	[ "$status" -eq 0 ] && [ "$output" = "$(ns_of $a net)" ]
	# one in another netns does
	unshare -n "$prog" 600 3>&- &
	BG+=("$!")
	local c=$!
	for _ in $(seq 100); do [ "$(cat /proc/$c/comm 2>/dev/null)" = "$TAG" ] && break; sleep 0.02; done
	run -125 --separate-stderr "$NSBOX" nsenter-lite --name "^$TAG\$" -n echo entered
	[ -z "$output" ]
	[[ "$stderr" == *"'^$TAG\$' matches processes in different namespaces"* ]]
	[[ "$stderr" == *" $a $TAG"* && "$stderr" == *" $c $TAG"* ]]
	run -125 --separate-stderr "$NSBOX" nsenter-lite --name "^${TAG}nomatch\$" true
	[ "$stderr" = "nsenter-lite: no process matches '^${TAG}nomatch\$'" ]
	run -125 --separate-stderr "$NSBOX" nsenter-lite --name "(" true
	[[ "$stderr" == *"invalid pattern '('"* ]]
}

@test "bad pids, a pid that is gone, a zombie and bad files are refused before anything runs" {
	local bad
	for bad in abc 0 -1 1x ""; do
		run -125 --separate-stderr "$NSBOX" nsenter-lite -t "$bad" echo entered
		[ -z "$output" ]
		[ "$stderr" = "nsenter-lite: invalid process id '$bad': expected a positive integer" ] || { echo "$stderr"; return 1; }
	done
	run -125 --separate-stderr "$NSBOX" nsenter-lite -t 99999999 echo entered
	[ "$stderr" = "nsenter-lite: no process with pid 99999999" ]
	sleep 0 &
	local gone=$!
	wait $gone
	run -125 --separate-stderr "$NSBOX" nsenter-lite -t "$gone" -n echo entered
	[ "$stderr" = "nsenter-lite: no process with pid $gone" ]
	# a child that exits and is never reaped by its parent, which then sleeps
	bash -c 'sleep 0 & exec sleep 600' 3>&- &
	BG+=("$!")
	local zombie
	for _ in $(seq 100); do
		zombie=$(pgrep -P "$!" | head -n1)
		[ -n "$zombie" ] && [ "$(awk '{print $3}' "/proc/$zombie/stat")" = Z ] && break
		sleep 0.02
	done
	run -125 --separate-stderr "$NSBOX" nsenter-lite -t "$zombie" -n echo entered
	[ -z "$output" ]
	[ "$stderr" = "nsenter-lite: process $zombie is a zombie: it has no namespaces to enter" ]
	echo hello >"$BATS_TEST_TMPDIR/plain"
	run -125 --separate-stderr "$NSBOX" nsenter-lite --net="$BATS_TEST_TMPDIR/plain" echo entered
	[ -z "$output" ]
	[ "$stderr" = "nsenter-lite: '$BATS_TEST_TMPDIR/plain' is not a namespace file: expected a network namespace such as /proc/PID/ns/net" ]
	run -125 --separate-stderr "$NSBOX" nsenter-lite --net=/proc/self/ns/uts echo entered
	[ "$stderr" = "nsenter-lite: '/proc/self/ns/uts' is a uts namespace, not a network one" ]
	run -125 --separate-stderr "$NSBOX" nsenter-lite -n echo entered
	[[ "$stderr" == "nsenter-lite: -n without FILE needs a target"* ]]
	run -125 --separate-stderr "$NSBOX" nsenter-lite -t 1 --name x true
	[[ "$stderr" == *"mutually exclusive"* ]]
	run -125 --separate-stderr "$NSBOX" nsenter-lite -t $$ -n --mount-proc true
	[[ "$stderr" == *"--mount-proc needs a PID namespace"* ]]
	run -125 "$NSBOX" nsenter-lite --bogus
}

@test "exit codes 0..255 pass through; 126, 127; a signal that kills the command is re-raised" {
	start_target sleep sleep 600
	local code got=""
	for code in $(seq 0 255); do
		local rc=0
		"$NSBOX" nsenter-lite -t "$TARGET" -n -p sh -c "exit $code" || rc=$?
		got+="$rc "
	done
	[ "$got" = "$(seq -s ' ' 0 255) " ]
	run -127 --separate-stderr "$NSBOX" nsenter-lite -t "$TARGET" -n nsbox-no-such-command
	[ "$stderr" = "nsenter-lite: cannot run 'nsbox-no-such-command': No such file or directory" ]
	printf 'x\n' >"$BATS_TEST_TMPDIR/not-executable"
	chmod 644 "$BATS_TEST_TMPDIR/not-executable"
	run -126 "$NSBOX" nsenter-lite -t "$TARGET" -n "$BATS_TEST_TMPDIR/not-executable"
	run -127 "$NSBOX" nsenter-lite -t "$TARGET" -n -p nsbox-no-such-command
	# perl reports how its child died: a signal number, not an exit code
	local how='system(@ARGV); print $? & 127 ? "signal ".($? & 127) : "exit ".($? >> 8)'
	run perl -e "$how" "$NSBOX" nsenter-lite -t "$TARGET" -n -p sh -c 'kill -TERM $$'
	[ "$output" = "signal 15" ]
	run perl -e "$how" "$NSBOX" nsenter-lite -t "$TARGET" -n sh -c 'kill -TERM $$'
	[ "$output" = "signal 15" ]
}

@test "signals sent to nsenter-lite reach the command" {
	start_target sleep sleep 600
	local sig
	mkfifo "$BATS_TEST_TMPDIR/ready"
	for sig in INT TERM HUP QUIT USR1 USR2 WINCH; do
		# a background job ignores INT and QUIT unless told otherwise
		perl -e '$SIG{INT} = $SIG{QUIT} = "DEFAULT"; exec @ARGV' \
			"$NSBOX" nsenter-lite -t "$TARGET" -p sh -c "trap 'exit 42' $sig; echo ready; while :; do sleep 0.05; done" \
			>"$BATS_TEST_TMPDIR/ready" 3>&- &
		local pid=$!
		read -r line <"$BATS_TEST_TMPDIR/ready"
		[ "$line" = ready ]
		kill -s "$sig" "$pid"
		local rc=0
		wait "$pid" || rc=$?
		[ "$rc" -eq 42 ] || { echo "$sig: exit $rc"; return 1; }
	done
}

@test "the command sees fds 0, 1 and 2 only; closed stdin works" {
	start_target sleep sleep 600
	run "$NSBOX" nsenter-lite -t "$TARGET" -a "$FDLIST" 3</dev/null 7</dev/null
	[ "$status" -eq 0 ] && [ "$output" = "0 1 2" ]
	run "$NSBOX" nsenter-lite -t "$TARGET" -n -p -u "$FDLIST" 3</dev/null
	[ "$output" = "0 1 2" ]
	# closed inside bash -c: run itself would give the command a stdin
	NSBOX_SETNS_FDS=1 run bash -c '"$@" 0<&-' _ "$NSBOX" nsenter-lite -t "$TARGET" -a "$FDLIST"
	[ "$status" -eq 0 ] && [ "$output" = "1 2" ] || { echo "$status $output"; return 1; }
	run bash -c '"$@" 0<&-' _ "$NSBOX" nsenter-lite -t "$TARGET" -a -e -w -r "$FDLIST"
	[ "$status" -eq 0 ] && [ "$output" = "1 2" ]
}

@test "as a non-root user: a clear error and nothing entered" {
	start_target sleep sleep 600
	local nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
	run -125 --separate-stderr $nobody "$NSBOX" nsenter-lite -t "$TARGET" -n echo entered
	[ -z "$output" ]
	[ "$stderr" = "nsenter-lite: cannot enter the namespaces of process $TARGET: Operation not permitted; entering a namespace needs CAP_SYS_ADMIN over it; run as root" ]
	run -125 --separate-stderr $nobody "$NSBOX" nsenter-lite -t "$TARGET" -U -n echo entered
	[ -z "$output" ]
	[[ "$stderr" == *"entering a user namespace needs CAP_SYS_ADMIN in it; run as root" ]]
	# -a (the default) must read the target's namespaces, which nobody may not
	run -125 --separate-stderr $nobody "$NSBOX" nsenter-lite -t "$TARGET" echo entered
	[ -z "$output" ]
	[ "$stderr" = "nsenter-lite: cannot read the namespaces of process $TARGET: Permission denied; run as root" ]
	# our own user namespace is not an error
	run $nobody sh -c '"$0" nsenter-lite -t $$ -U echo entered' "$NSBOX"
	[ "$status" -eq 0 ] && [ "$output" = entered ]
}

@test "--mount-proc shows only the target's processes and leaves the target's mounts alone" {
	start_target sleep sleep 600
	local mounts_before
	mounts_before=$(wc -l <"/proc/$TARGET/mountinfo")
	run "$NSBOX" nsenter-lite -t "$TARGET" -m -p --mount-proc ps -e -o pid=,comm=
	[ "$status" -eq 0 ]
	[ "${lines[0]// /}" = "1sleep" ]
	[[ "${lines[1]}" == *ps ]]
	[ "${#lines[@]}" -eq 2 ]
	[ "$(wc -l <"/proc/$TARGET/mountinfo")" -eq "$mounts_before" ]
	# without it, /proc is the one the target inherited: the host's, with far more processes
	run "$NSBOX" nsenter-lite -t "$TARGET" -m -p ps -e -o pid=
	[ "${#lines[@]}" -gt 2 ]
}

@test "-e, -w, -r, -S, -G: environment, directories and ids of the process that runs" {
	start_target sleep sh -c "cd /etc && exec env -i NSBX_MARK=$TAG sleep 600"
	run "$NSBOX" nsenter-lite -t "$TARGET" -e env
	[ "$output" = "NSBX_MARK=$TAG" ]
	run "$NSBOX" nsenter-lite -t "$TARGET" -m -w pwd
	[ "$output" = /etc ]
	run "$NSBOX" nsenter-lite -t "$TARGET" -m -w/usr pwd
	[ "$output" = /usr ]
	mkdir "$BATS_TEST_TMPDIR/root"
	cp "$FDLIST" "$BATS_TEST_TMPDIR/root/only-here"
	run "$NSBOX" nsenter-lite -t "$TARGET" -n -r"$BATS_TEST_TMPDIR/root" /only-here
	[ "$status" -eq 0 ] && [ "$output" = "0 1 2" ]
	run "$NSBOX" nsenter-lite -t "$TARGET" -n -S 65534 -G 65534 sh -c 'echo $(id -u) $(id -g) $(id -G)'
	[ "$output" = "65534 65534 65534" ]
	# entering the user namespace makes us its root, unless --preserve-credentials
	run "$NSBOX" nsenter-lite -t "$TARGET" -U id -u
	[ "$output" = 0 ]
	# -F: no fork, so the command stays in our pid namespace and only its children move
	run "$NSBOX" nsenter-lite -t "$TARGET" -p -F readlink /proc/self/ns/pid /proc/self/ns/pid_for_children
	[ "$output" = "$(ns_of $$ pid)"$'\n'"$(ns_of "$TARGET" pid)" ]
	run "$NSBOX" nsenter-lite -t "$TARGET" -S abc true
	[ "$status" -eq 125 ]
}

@test "completion offers pids with commands and namespace inodes" {
	start_target sleep sleep 600
	run "$NSBOX" __complete nsenter-lite -t "$TARGET"
	[[ "$output" == *"$TARGET"$'\t'"sleep"* ]]
	run "$NSBOX" __complete nsenter-lite --ns "$(stat -L -c %i /proc/$TARGET/ns/time)"
	[ "$output" = "$(stat -L -c %i /proc/$TARGET/ns/time)"$'\t'"time" ]
	run "$NSBOX" __complete nsenter-lite --con
	[ "$output" = "--container=" ]
}
