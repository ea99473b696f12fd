#!/usr/bin/env bats
# nsnet: named netns, veth/bridge wiring, rollback, batch. Every case runs inside its own
# mount and network namespaces (tmpfs on /run), so /run/netns, links and addresses are private
# to the test and vanish with it; teardown checks that the host kept nothing of ours.

load helpers

setup() {
	need_root
	command -v ip >/dev/null || skip "needs ip (make deps)"
	# short enough for interface names: two letters + at most 11 characters
	TAG=t$(printf "%x%04x" $$ $RANDOM)
}

teardown() {
	[ "$(id -u)" -eq 0 ] || return 0
	# nothing of ours in the host's /run/netns or links
	if ls /run/netns 2>/dev/null | grep -q "$TAG" || ip -o link show | grep -q "$TAG"; then
		echo "leftover of $TAG in the host"
		return 1
	fi
}

# Runs a bash script in fresh mount, network and PID namespaces with a private /run: whatever it
# starts dies with it, even when it fails half-way.
isolated() {
	unshare -m -n -p -f --mount-proc --propagation private bash -c '
		set -e
		mount -t tmpfs nsnet-test /run
		ip link set lo up
		nsnet() { "$NSBOX" nsnet "$@"; }
		TAG='"$TAG"'
		'"$1"
}

@test "nsnet: bad names and CIDRs are refused with one line and nothing is made" {
	run isolated '
		long=$(printf "a%.0s" $(seq 16)); longns=$(printf "n%.0s" $(seq 256))
		for args in "add ." "add .." "add a/b" "add $longns" \
			"veth $long p" "veth h ." "veth h .." "veth h a/b" "veth \"a b\" p" \
			"veth h p --addr 192.0.2.1/33" "veth h p --addr ::1/129" "veth h p --addr 1.2.3" \
			"veth h p --addr /24" "veth h p --peer-addr 192.0.2.1" "pids ../x" \
			"veth h p --mtu 10" "veth h p --mac 01:00:00:00:00:01" "addr add 1.2.3/24 dev lo" \
			"route add default via 1.2.3" "link set lo mtu x" "set x -1" "" "frob" "veth h p --bogus" \
			"veth h p --bridge br0 --addr 192.0.2.1/24" "veth h p --gateway auto" "del -a x"; do
			set +e
			err=$(eval "\"$NSBOX\" nsnet $args" 2>&1 >/dev/null); rc=$?
			set -e
			[ "$rc" -eq 2 ] || { echo "nsnet $args: exit $rc"; exit 1; }
			[ "$(grep -cv "^Try " <<<"$err")" -eq 1 ] || { echo "nsnet $args: $err"; exit 1; }
		done
		nsnet veth h p --addr 192.0.2.1/33 2>&1 | grep -F "'"'"'192.0.2.1/33'"'"'"
		nsnet add a/b 2>&1 | grep -F "invalid netns name '"'"'a/b'"'"'"
		nsnet veth h p --bogus 2>&1 | grep -F "nsnet: bad option '"'"'--bogus'"'"'"
		[ -z "$(ls /run/netns 2>/dev/null)" ]
		[ "$(ip -o link show | wc -l)" -eq 1 ]
		echo checked
	'
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *checked ]]
}

@test "nsnet: veth walk-through in one command, ping both ways (IPv4 and IPv6)" {
	run isolated '
		nsnet veth vh$TAG eth0 --netns n$TAG --create --addr 192.0.2.1/24 --addr 2001:db8::1/64 \
			--peer-addr 192.0.2.2/24 --peer-addr 2001:db8::2/64 --gateway auto --mtu 1400 \
			--mac 02:00:00:00:00:05
		ping -c1 -W2 192.0.2.2 >/dev/null
		ping -c1 -W2 2001:db8::2 >/dev/null
		nsnet exec n$TAG ping -c1 -W2 192.0.2.1 >/dev/null
		nsnet exec n$TAG ping -c1 -W2 2001:db8::1 >/dev/null
		ip -n n$TAG -o link show eth0 | grep -q "mtu 1400.*state UP.*02:00:00:00:00:05"
		ip -n n$TAG -o link show lo | grep -q "UP"
		nsnet route list -n n$TAG
		nsnet link list --netns n$TAG -J
	'
	echo "$output"
	[ "$status" -eq 0 ]
	grep -Eq "^default +192\.0\.2\.1 +eth0$" <<<"$output"
	grep -Eq "^default +2001:db8::1 +eth0$" <<<"$output"
	[[ "$output" == *'"name": "eth0"'* ]]
}

@test "nsnet: two namespaces on one bridge reach each other" {
	run isolated '
		nsnet bridge add br$TAG --addr 198.51.100.1/24
		nsnet veth va$TAG eth0 --netns a$TAG --create --bridge br$TAG --peer-addr 198.51.100.2/24
		nsnet veth vb$TAG eth0 --netns b$TAG --create --bridge br$TAG --peer-addr 198.51.100.3/24 \
			--gateway 198.51.100.1
		nsnet exec a$TAG ping -c1 -W2 198.51.100.3 >/dev/null
		nsnet exec b$TAG ping -c1 -W2 198.51.100.2 >/dev/null
		nsnet link list | grep "^va$TAG"
		nsnet bridge del br$TAG
		! ip link show br$TAG 2>/dev/null
	'
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"va$TAG "*" veth "*" up "*"br$TAG"* ]]
}

@test "nsnet: ip netns and nsnet see each other's namespaces" {
	run isolated '
		nsnet add x$TAG
		ip netns add y$TAG
		ip netns list
		nsnet list
		nsnet set y$TAG 7
		ip link add vy$TAG netns y$TAG type veth peer name py$TAG
		nsnet list -J | tr -d " \n"; echo
		mkfifo /run/ready
		ip netns exec x$TAG sh -c "echo > /run/ready; exec sleep 30" & pid=$!
		read -r _ < /run/ready
		echo identify: $(nsnet identify $pid)
		echo pids: $(nsnet pids x$TAG)
		echo pid: $pid
		kill $pid; wait $pid || true
		ip netns del x$TAG
		nsnet del y$TAG
		echo "left: $(ls /run/netns)"
	'
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"x$TAG"*"y$TAG"* ]]
	grep -qxF '{"netns":[{"name":"x'$TAG'","nsid":null,"nprocs":0,"interfaces":["lo"]},{"name":"y'$TAG'","nsid":7,"nprocs":0,"interfaces":["lo","vy'$TAG'"]}]}' <<<"$output"
	pid=$(sed -n 's/^pid: //p' <<<"$output")
	grep -qx "identify: x$TAG" <<<"$output"
	grep -qx "pids: $pid" <<<"$output"
	[[ "$output" == *"left: " ]]
}

@test "nsnet: add twice fails cleanly and the first still works; del then re-add at once" {
	run isolated '
		nsnet add d$TAG
		nsnet veth vd$TAG eth0 --netns d$TAG --addr 203.0.113.1/24 --peer-addr 203.0.113.2/24
		set +e; nsnet add d$TAG; echo "second add: $?"; set -e
		nsnet exec d$TAG ping -c1 -W2 203.0.113.1 >/dev/null
		nsnet link del vd$TAG
		nsnet del d$TAG
		nsnet add d$TAG
		nsnet veth vd$TAG eth0 --netns d$TAG --addr 203.0.113.1/24 --peer-addr 203.0.113.2/24
		ping -c1 -W2 203.0.113.2 >/dev/null
		echo readded
	'
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"cannot add netns 'd$TAG': File exists"*"second add: 1"*readded ]]
}

@test "nsnet: ten parallel first-time adds make one /run/netns mount" {
	# a /run/netns mount the host already has stays listed under the tmpfs: count what we add
	run isolated '
		before=$(awk "\$5 == \"/run/netns\"" /proc/self/mountinfo | wc -l)
		for i in $(seq 10); do nsnet add p$i-$TAG & done
		wait
		ls /run/netns | wc -l
		echo $(( $(awk "\$5 == \"/run/netns\"" /proc/self/mountinfo | wc -l) - before ))
	'
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '10\n1')" ]
}

@test "nsnet: a veth whose later step fails leaves no link and no namespace file" {
	run isolated '
		set +e
		nsnet veth vf$TAG eth0 --netns f$TAG --create --addr 192.0.2.1/24 --addr 192.0.2.1/24; echo "dup addr: $?"
		nsnet veth vf$TAG eth0 --netns nosuch$TAG --addr 192.0.2.1/24; echo "no netns: $?"
		nsnet add g$TAG
		nsnet veth vf$TAG eth0 --netns g$TAG --peer-addr 192.0.2.2/24 --peer-addr 192.0.2.2/24; echo "dup peer: $?"
		ip -n g$TAG link add eth0 type veth peer name x0
		nsnet veth vf$TAG eth0 --netns g$TAG; echo "peer exists: $?"
		nsnet veth vf$TAG eth1 --netns g$TAG --create; echo "netns exists: $?"
		nsnet bridge add bf$TAG --addr ff02::1/64; echo "bridge addr: $?"
		set -e
		! ip link show bf$TAG 2>/dev/null
		echo "links: $(ip -o link show | grep -c vf$TAG) netns: $(ls /run/netns | tr "\n" " ")"
		ip -n g$TAG -o link show | grep -c . 
	'
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"add address '192.0.2.1/24' to 'vf$TAG': File exists (kernel: ipv4: Address already assigned); every step made was undone"* ]]
	[[ "$output" == *"dup addr: 1"*"no netns: 1"*"dup peer: 1"*"peer exists: 1"*"netns exists: 1"*"bridge addr: 1"* ]]
	[[ "$output" == *"add address 'ff02::1/64' to 'bf$TAG': Cannot assign requested address (kernel: ipv6: "* ]]
	[[ "$output" == *"open netns 'nosuch$TAG': No such file or directory"* ]]
	[[ "$output" == *"links: 0 netns: g$TAG "* ]]
	# lo and the pre-existing eth0/x0 pair: no leftover peer inside
	[ "${lines[-1]}" = 3 ]
}

@test "nsnet exec: exit codes 125, 126, 127, the command's status, a killing signal" {
	run isolated '
		nsnet add e$TAG
		set +e
		nsnet exec e$TAG sh -c "exit 3"; echo "status: $?"
		nsnet exec e$TAG /nonexistent-$TAG; echo "missing: $?"
		touch /run/plain; chmod 644 /run/plain
		nsnet exec e$TAG /run/plain; echo "not executable: $?"
		nsnet exec nosuch$TAG true; echo "no netns: $?"
		nsnet exec e$TAG sh -c "kill -TERM \$\$"; echo "signal: $?"
		# the command gets the fds we had, and nothing of nsnet
		[ "$(sh -c "ls /proc/\$\$/fd")" = "$(nsnet exec e$TAG sh -c "ls /proc/\$\$/fd")" ]; echo "fds: $?"
		nsnet exec e$TAG sh -c "ls /sys/class/net"
	'
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"status: 3"*"missing: 127"*"not executable: 126"*"no netns: 125"*"signal: 143"*"fds: 0"* ]]
	[ "${lines[-1]}" = lo ]
}

@test "nsnet batch: one process wires several namespaces; a bad line stops it before anything runs" {
	run isolated '
		cat > /run/topo <<-EOT
		# two namespaces
		add b1$TAG
		veth v1$TAG eth0 --netns b1$TAG --addr 192.0.2.1/30 --peer-addr 192.0.2.2/30 --gateway auto
		nsnet veth v2$TAG eth0 --netns b2$TAG --create --addr 192.0.2.5/30 --peer-addr 192.0.2.6/30 --gateway auto
		EOT
		nsnet batch /run/topo
		nsnet exec b1$TAG ping -c1 -W2 192.0.2.1 >/dev/null
		nsnet exec b2$TAG ping -c1 -W2 192.0.2.5 >/dev/null
		printf "add c1$TAG\nadd c2$TAG\naddr add 1.2.3/24 dev lo\n" > /run/bad
		set +e; nsnet batch /run/bad; echo "bad: $?"; set -e
		[ ! -e /run/netns/c1$TAG ]
		printf "add c1$TAG\nadd b1$TAG\nadd c2$TAG\nlink del nosuch0\n" | { nsnet batch -f - || echo "force: $?"; }
		printf "add f1$TAG\nveth x y --mtu 1\nadd f2$TAG\n" | { nsnet batch --force - || echo "force bad line: $?"; }
		ls /run/netns | tr "\n" " "
	'
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"line 3: invalid address '1.2.3/24'"*"bad: 2"* ]]
	[[ "$output" == *"line 2: cannot add netns 'b1$TAG': File exists"* ]]
	[[ "$output" == *"line 4: delete link 'nosuch0': No such device"*"force: 1"* ]]
	[[ "$output" == *"line 2: invalid MTU '1'"*"force bad line: 1"* ]]
	[[ "${lines[-1]}" == "b1$TAG b2$TAG c1$TAG c2$TAG f1$TAG f2$TAG " ]]
}

@test "nsnet link, addr, route: set, add, list, delete inside a namespace" {
	run isolated '
		nsnet add l$TAG
		ip -n l$TAG link add d0 type veth peer name e0
		nsnet link set d0 up mtu 1300 name d1 --netns l$TAG
		nsnet addr add 198.51.100.9/24 dev d1 -n l$TAG
		nsnet addr add 2001:db8:5::9/64 dev d1 -n l$TAG
		nsnet route add 203.0.113.0/24 via 198.51.100.1 dev d1 -n l$TAG
		nsnet addr list -n l$TAG
		nsnet route list -n l$TAG
		ip -n l$TAG -o link show d1 | grep -q "mtu 1300"
		nsnet route del 203.0.113.0/24 via 198.51.100.1 -n l$TAG
		nsnet addr del 198.51.100.9/24 dev d1 -n l$TAG
		echo "after: $(ip -n l$TAG -4 -o addr show dev d1 | wc -l) $(ip -n l$TAG route | grep -c 203.0.113)"
		nsnet link del d1 -n l$TAG
		set +e; nsnet link set d1 up -n l$TAG; echo "gone: $?"
	'
	echo "$output"
	[ "$status" -eq 0 ]
	grep -Eq "^d1 +inet +198\.51\.100\.9/24$" <<<"$output"
	grep -Eq "^d1 +inet6 +2001:db8:5::9/64$" <<<"$output"
	grep -Eq "^203\.0\.113\.0/24 +198\.51\.100\.1 +d1$" <<<"$output"
	[[ "$output" == *"after: 0 0"*"find link 'd1': No such device"*"gone: 1" ]]
}

@test "nsnet del --all, list on a full stdout, completion" {
	run isolated '
		nsnet add k1$TAG; nsnet add k2$TAG
		"$NSBOX" __complete nsnet --netns ""
		"$NSBOX" __complete nsnet ""
		set +e; nsnet list > /dev/full; echo "full: $?"; set -e
		nsnet del -a
		echo "left: $(ls /run/netns | wc -l)"
	'
	echo "$output"
	[ "$status" -eq 0 ]
	grep -q "^k1$TAG	netns" <<<"$output"
	grep -q "^veth	" <<<"$output"
	grep -q "^batch	" <<<"$output"
	grep -q "^lo	interface" <<<"$output"
	[[ "$output" == *"write error"*"full: 1"*"left: 0" ]]
}

@test "nsnet exec: /etc/netns/NAME files over /etc; --netns takes a PID or a file" {
	run isolated '
		# a private /etc for this mount namespace, with /etc/netns in it
		mkdir -p /run/etc/netns/h$TAG
		echo "192.0.2.77 probe$TAG" > /run/etc/netns/h$TAG/hosts
		echo "192.0.2.1 host-side" > /run/etc/hosts
		mount --bind /run/etc /etc
		nsnet add h$TAG
		echo "inside: $(nsnet exec h$TAG cat /etc/hosts)"
		echo "outside: $(cat /etc/hosts)"
		mkfifo /run/ready
		(exec "$NSBOX" nsnet exec h$TAG sh -c "echo > /run/ready; exec sleep 30") & pid=$!
		read -r _ < /run/ready
		nsnet veth vp$TAG eth0 --netns $pid --addr 203.0.113.1/24 --peer-addr 203.0.113.2/24
		nsnet veth vq$TAG eth1 --netns /run/netns/h$TAG
		kill $pid; wait $pid || true
		ip -n h$TAG -o link show | cut -d" " -f2 | tr "\n" " "
	'
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"inside: 192.0.2.77 probe$TAG"*"outside: 192.0.2.1 host-side"* ]]
	[[ "${lines[-1]}" == "lo: eth0@if"*" eth1@if"* ]]
}
