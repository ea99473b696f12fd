#!/usr/bin/env bats
# nsls on real namespaces that each test creates and removes.

load helpers

setup() {
	need_root
}

teardown() {
	bg_cleanup
}

# One JSON object per namespace row of a flat listing.
nsls_rows() {
	"$NSBOX" nsls -J --output-all "$@" | jq -c '.namespaces[]'
}

@test "a namespace the test created shows its type, NPROCS and PID" {
	bg_start unshare --net --uts sleep 600
	wait_unshared "$BG_PID" net
	local net uts
	net=$(ns_ino "$BG_PID" net)
	uts=$(ns_ino "$BG_PID" uts)
	run nsls_rows
	[ "$status" -eq 0 ]
	row=$(jq -c "select(.ns == $net)" <<<"$output")
	[ "$(jq -r .type <<<"$row")" = net ]
	[ "$(jq -r .nprocs <<<"$row")" = 1 ]
	[ "$(jq -r .pid <<<"$row")" = "$BG_PID" ]
	[ "$(jq -r .command <<<"$row")" = "sleep 600" ]
	[ "$(jq -r .path <<<"$row")" = "/proc/$BG_PID/ns/net" ]
	[ "$(jq -r .user <<<"$row")" = root ]
	[ "$(jq -c "select(.ns == $uts) | [.type, .nprocs, .pid]" <<<"$output")" = "[\"uts\",1,$BG_PID]" ]
}

@test "PNS and ONS of a new user and pid namespace" {
	bg_start unshare --user --map-root-user --pid --fork sleep 600
	local child
	child=$(child_of "$BG_PID")
	wait_unshared "$child" pid
	local userns pidns host_user host_pid
	userns=$(ns_ino "$child" user)
	pidns=$(ns_ino "$child" pid)
	host_user=$(ns_ino self user)
	host_pid=$(ns_ino self pid)
	run nsls_rows
	[ "$status" -eq 0 ]
	# the user namespace: parent and owner are ours
	[ "$(jq -c "select(.ns == $userns) | [.type, .pns, .ons]" <<<"$output")" = "[\"user\",$host_user,$host_user]" ]
	# the pid namespace: its parent is ours, its owner the new user namespace; only the child is in it
	[ "$(jq -c "select(.ns == $pidns) | [.type, .nprocs, .pid, .pns, .ons]" <<<"$output")" = \
		"[\"pid\",1,$child,$host_pid,$userns]" ]
	# unshare itself is in the new user namespace too
	[ "$(jq -r "select(.ns == $userns) | .nprocs" <<<"$output")" = 2 ]
}

@test "nsls and lsns -J see the same namespaces held by processes" {
	local i ours theirs
	# other processes may come and go between the two runs: a few tries
	for i in 1 2 3 4 5; do
		ours=$("$NSBOX" nsls -J | jq -r '.namespaces[] | select(.nprocs > 0) | "\(.ns) \(.type)"' | sort)
		# lsns -J nests some rows under "children"
		theirs=$(lsns -J | jq -r '.. | objects | select(has("ns")) | "\(.ns) \(.type)"' | sort)
		[ "$ours" = "$theirs" ] && break
	done
	diff <(echo "$ours") <(echo "$theirs")
	[ "$(wc -l <<<"$ours")" -ge 8 ]
}

@test "-p PID lists exactly the eight namespaces of that process" {
	bg_start unshare --ipc sleep 600
	wait_unshared "$BG_PID" ipc
	run "$NSBOX" nsls -p "$BG_PID" -n -r -o NS,TYPE
	[ "$status" -eq 0 ]
	local t expected=""
	for t in cgroup ipc mnt net pid time user uts; do
		expected+="$(ns_ino "$BG_PID" "$t") $t"$'\n'
	done
	diff <(sort <<<"$output") <(printf '%s' "$expected" | sort)
}

@test "-t filters by type and takes a comma list" {
	run "$NSBOX" nsls -n -r -o TYPE -t net -t uts
	[ "$status" -eq 0 ]
	[ "$(sort -u <<<"$output" | tr '\n' ' ')" = "net uts " ]
	run "$NSBOX" nsls -n -r -o TYPE -t user,pid
	[ "$(sort -u <<<"$output" | tr '\n' ' ')" = "pid user " ]
}

@test "NS lists the processes in that namespace as a tree" {
	bg_start unshare --net --fork bash -c 'sleep 600 & sleep 601 & wait'
	wait_unshared "$BG_PID" net
	local net bashpid
	net=$(ns_ino "$BG_PID" net)
	bashpid=$(child_of "$BG_PID")
	for i in $(seq 50); do [ "$(pgrep -P "$bashpid" | wc -l)" -eq 2 ] && break; sleep 0.05; done
	run "$NSBOX" nsls -J "$net"
	[ "$status" -eq 0 ]
	# unshare at the top, bash under it, the two sleeps under bash
	[ "$(jq -r '.namespaces | length' <<<"$output")" = 1 ]
	[ "$(jq -r '.namespaces[0].pid' <<<"$output")" = "$BG_PID" ]
	[ "$(jq -r '.namespaces[0].children[0].pid' <<<"$output")" = "$bashpid" ]
	[ "$(jq -r '[.namespaces[0].children[0].children[].command] | sort | join(",")' <<<"$output")" = "sleep 600,sleep 601" ]
	run "$NSBOX" nsls -l -n -r -o PID "$net"
	[ "$(wc -l <<<"$output")" = 4 ]
}

@test "--tree owner nests a namespace under the user namespace that owns it" {
	bg_start unshare --user --map-root-user --net --uts sleep 600
	wait_unshared "$BG_PID" user
	local userns net host_user
	userns=$(ns_ino "$BG_PID" user)
	net=$(ns_ino "$BG_PID" net)
	host_user=$(ns_ino self user)
	for form in "--tree owner" "--tree=owner" "-Towner" "--tree"; do
		run "$NSBOX" nsls -J -o NS,TYPE $form
		[ "$status" -eq 0 ]
		# host user ns -> new user ns -> its net and uts namespaces
		jq -e ".namespaces[] | select(.ns == $host_user) | .children[] | select(.ns == $userns) |
			.children[] | select(.ns == $net and .type == \"net\")" <<<"$output" >/dev/null
		[ "$(jq "[.namespaces[] | select(.ns == $userns)] | length" <<<"$output")" = 0 ]
	done
}

@test "--tree parent nests pid namespaces under their parents" {
	bg_start unshare --pid --fork unshare --pid --fork sleep 600
	local mid leaf host_pid
	mid=$(child_of "$BG_PID")
	leaf=$(child_of "$mid")
	wait_unshared "$leaf" pid
	local outer inner
	outer=$(ns_ino "$mid" pid)
	inner=$(ns_ino "$leaf" pid)
	host_pid=$(ns_ino self pid)
	[ "$outer" != "$inner" ]
	run "$NSBOX" nsls -J -o NS,TYPE,PNS --tree=parent -t pid
	[ "$status" -eq 0 ]
	jq -e ".namespaces[] | select(.ns == $host_pid) | .children[] | select(.ns == $outer) |
		.children[] | select(.ns == $inner and .pns == $outer)" <<<"$output" >/dev/null
}

@test "--tree process shows each namespace's members as a process tree" {
	bg_start unshare --uts --fork sleep 600
	local child uts
	child=$(child_of "$BG_PID")
	wait_unshared "$child" uts
	uts=$(ns_ino "$BG_PID" uts)
	run "$NSBOX" nsls -J -o NS,TYPE,PID,COMMAND --tree process -t uts
	[ "$status" -eq 0 ]
	[ "$(jq -r ".namespaces[] | select(.ns == $uts) | .pid" <<<"$output")" = "$BG_PID" ]
	[ "$(jq -r ".namespaces[] | select(.ns == $uts) | .children[0].pid" <<<"$output")" = "$child" ]
	[ "$(jq -r ".namespaces[] | select(.ns == $uts) | .children[0].command" <<<"$output")" = "sleep 600" ]
}

@test "a netns from ip netns add with no process shows its NSFS path, also in --tree" {
	run unshare --mount --propagation private bash -c '
		mount -t tmpfs nsbox-test /run || exit 9
		ip netns add nsbox-t1 || exit 9
		ino=$(stat -L -c %i /run/netns/nsbox-t1)
		"$0" nsls -J --output-all -t net | jq -c ".namespaces[] | select(.ns == $ino) | [.nprocs, .nsfs, .path, .pid]" || exit 8
		"$0" nsls --tree >/dev/null || exit 7
		"$0" nsls --tree=parent >/dev/null || exit 7
		"$0" nsls --tree=process >/dev/null || exit 7
		"$0" nsls -J --tree -o NS,NSFS | jq -e ".. | objects | select(.ns == $ino and .nsfs == \"/run/netns/nsbox-t1\")" >/dev/null || exit 6
		"$0" nsls -t net | grep -q "/run/netns/nsbox-t1" || exit 5
	' "$NSBOX"
	[ "$status" -eq 0 ]
	[ "$output" = '[0,"/run/netns/nsbox-t1","/run/netns/nsbox-t1",null]' ]
	# nothing of it outside
	! grep -q nsbox-t1 /proc/self/mountinfo
}

@test "a user namespace no process is in shows up through its child" {
	# the middle user namespace has no process of its own: unshare in it re-unshares
	bg_start unshare --user --map-root-user unshare --user --map-root-user sleep 600
	local leaf_user mid_user
	for i in $(seq 100); do
		leaf_user=$(ns_ino "$BG_PID" user)
		[ -n "$leaf_user" ] && [ "$leaf_user" != "$(ns_ino self user)" ] && [ "$(readlink /proc/$BG_PID/exe)" = "$(command -v sleep)" ] && break
		sleep 0.05
	done
	[ "$(readlink /proc/$BG_PID/exe)" = "$(readlink -f "$(command -v sleep)")" ]
	run nsls_rows -t user
	[ "$status" -eq 0 ]
	mid_user=$(jq -r "select(.ns == $leaf_user) | .pns" <<<"$output")
	[ "$mid_user" != "$(ns_ino self user)" ]
	[ "$(jq -c "select(.ns == $mid_user) | [.nprocs, .pns, .uid]" <<<"$output")" = "[0,$(ns_ino self user),0]" ]
}

@test "nsls keeps exit 0 while processes come and go around it" {
	bg_start bash -c 'while :; do for i in 1 2 3 4 5 6 7 8; do unshare --net --uts true & sleep 0.001 & done; wait; done'
	local i
	for i in $(seq 30); do
		run "$NSBOX" nsls --output-all
		[ "$status" -eq 0 ] || { echo "run $i: exit $status: $output"; return 1; }
		run "$NSBOX" nsls --tree=process
		[ "$status" -eq 0 ] || { echo "tree run $i: exit $status: $output"; return 1; }
	done
}

@test "bad input: one line naming the value, exit 2 for usage, 1 for not found" {
	run --separate-stderr "$NSBOX" nsls -t foo
	[ "$status" -eq 2 ]; [[ "$stderr" == "nsls: unknown namespace type 'foo'"* ]]
	run --separate-stderr "$NSBOX" nsls -p abc
	[ "$status" -eq 2 ]; [[ "$stderr" == "nsls: invalid process id 'abc'"* ]]
	run --separate-stderr "$NSBOX" nsls -p -1
	[ "$status" -eq 2 ]; [[ "$stderr" == "nsls: invalid process id '-1'"* ]]
	run --separate-stderr "$NSBOX" nsls -o NS,NOPE
	[ "$status" -eq 2 ]; [[ "$stderr" == "nsls: unknown column 'NOPE'"* ]]
	run --separate-stderr "$NSBOX" nsls --tree=sideways
	[ "$status" -eq 2 ]; [[ "$stderr" == "nsls: unknown tree relation 'sideways'"* ]]
	run --separate-stderr "$NSBOX" nsls abc
	[ "$status" -eq 2 ]; [[ "$stderr" == "nsls: invalid namespace 'abc'"* ]]
	run --separate-stderr "$NSBOX" nsls 4026500000
	[ "$status" -eq 1 ]; [ "$stderr" = "nsls: namespace 4026500000 not found" ]
	run --separate-stderr "$NSBOX" nsls -p 2147483000
	[ "$status" -eq 1 ]; [[ "$stderr" == "nsls: no process with pid 2147483000"* ]]
	run --separate-stderr "$NSBOX" nsls -J --raw
	[ "$status" -eq 2 ]; [[ "$stderr" == "nsls: --json and --raw are mutually exclusive"* ]]
	run --separate-stderr "$NSBOX" nsls -l --tree
	[ "$status" -eq 2 ]; [[ "$stderr" == "nsls: --list and --tree are mutually exclusive"* ]]
	run --separate-stderr "$NSBOX" nsls -p 1 4026531836
	[ "$status" -eq 2 ]; [[ "$stderr" == "nsls: --task and NS are mutually exclusive"* ]]
	# each message is one line, then the usage hint
	run --separate-stderr "$NSBOX" nsls -t foo
	[ "$(wc -l <<<"$stderr")" -eq 2 ]
	[ -z "$output" ]
}

@test "a write error on stdout fails with a message" {
	run --separate-stderr "$NSBOX" nsls -o NS
	[ "$status" -eq 0 ]
	run --separate-stderr bash -c '"$0" nsls > /dev/full' "$NSBOX"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"nsls: write error"*"No space left on device"* ]]
}

@test "-H lists every column; --output-all prints them all" {
	run "$NSBOX" nsls -H -r -n
	[ "$status" -eq 0 ]
	local names
	names=$(awk '{print $1}' <<<"$output" | tr '\n' ' ')
	[ "$names" = "NS TYPE PATH NPROCS PID PPID COMMAND UID USER NETNSID NSFS PNS ONS " ]
	run "$NSBOX" nsls --output-all -r
	[ "$(head -n1 <<<"$output")" = "NS TYPE PATH NPROCS PID PPID COMMAND UID USER NETNSID NSFS PNS ONS" ]
}

@test "JSON fields and types are those of lsns -J" {
	local ours theirs t
	for t in uts net; do
		ours=$("$NSBOX" nsls -J --output-all -t $t | jq -c '.namespaces[0] | to_entries | map([.key, (.value|type)])')
		theirs=$(lsns -J --output-all -t $t | jq -c '.namespaces[0] | to_entries | map([.key, (.value|type)])')
		[ "$ours" = "$theirs" ]
	done
	# the default columns of a net listing, and the netnsid of a namespace with an id
	run unshare --mount --propagation private bash -c '
		mount -t tmpfs nsbox-test /run && ip netns add nsbox-id && ip netns set nsbox-id 7 || exit 9
		ip netns exec nsbox-id sleep 60 & sleep 0.2
		ino=$(stat -L -c %i /run/netns/nsbox-id)
		a=$("$0" nsls -J -t net | jq -c ".namespaces[] | select(.ns == $ino) | del(.pid, .nprocs, .nsfs)")
		b=$(lsns -J -t net | jq -c ".namespaces[] | select(.ns == $ino) | del(.pid, .nprocs, .nsfs)")
		kill %1; wait
		echo "$a"; [ "$a" = "$b" ]' "$NSBOX"
	[ "$status" -eq 0 ]
	[[ "$output" == *'"netnsid":"7"'* ]]
}

@test "a non-root user is told once that the list is partial" {
	run --separate-stderr setpriv --reuid=65534 --regid=65534 --clear-groups "$NSBOX" nsls -o NS,PID
	[ "$status" -eq 0 ]
	[ "$(grep -c 'the list is partial' <<<"$stderr")" -eq 1 ]
	[ "$(wc -l <<<"$stderr")" -eq 1 ]
	[ -n "$output" ]
}
