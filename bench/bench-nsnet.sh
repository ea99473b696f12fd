#!/usr/bin/env bash
# nsnet bench: 50 named namespaces, each with a veth pair (peer eth0 inside), addresses on both
# ends, links up, a default route ("up"); then torn down, until no host end is left:
#   down       delete each namespace (its veth pair goes with it; the kernel batches the work)
#   downlinks  delete each host end, then each namespace (one synchronous unregister per link)
# Four ways, side by side:
#   ip      a script of ip commands (8 per namespace up; 1 or 2 down)
#   nsnet1  one nsnet command per namespace (1 up; 1 or 2 down)
#   batch   one nsnet batch run per phase
#   loop    a bare C loop over libns doing the same kernel work (the floor)
# Each phase is timed alone (hyperfine --prepare does the other phase, untimed), then up+down.
# Usage: bench/bench-nsnet.sh BUILD_DIR [RUNS]. Everything runs in private mount and network
# namespaces (tmpfs /run): nothing is left behind, nothing clashes with the host.
set -euo pipefail
build=$(cd "${1:?usage: bench-nsnet.sh BUILD_DIR [RUNS]}" && pwd)
runs=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
[ "$(id -u)" -eq 0 ] || { echo "bench-nsnet: needs root (namespaces, veths, mounts)"; exit 1; }
command -v hyperfine >/dev/null || { echo "bench-nsnet: needs hyperfine (make bench-deps)"; exit 1; }
n=50
work=$(mktemp -d /tmp/bench-nsnet.XXXXXX)
trap 'rm -rf "$work"' EXIT

cc -std=gnu11 -O2 -o "$work/loop" "$here/nsnet-loop.c" "$build/libns.a" $(pkg-config --libs libproc2 smartcols libmnl)

host() { echo "198.51.100.$((4 * $1 + 1))"; }
peer() { echo "198.51.100.$((4 * $1 + 2))"; }
nsnet="$build/nsbox nsnet"
# the teardown ends when the kernel has removed the last host end
wait_gone="while ip -o link show | grep -q ' bh[0-9]*@'; do sleep 0.005; done"
for ((i = 0; i < n; i++)); do
	echo "ip netns add bn$i"
	echo "ip link add bh$i type veth peer name eth0 netns bn$i"
	echo "ip addr add $(host $i)/30 dev bh$i"
	echo "ip link set bh$i up"
	echo "ip -n bn$i addr add $(peer $i)/30 dev eth0"
	echo "ip -n bn$i link set eth0 up"
	echo "ip -n bn$i link set lo up"
	echo "ip -n bn$i route add default via $(host $i)"
done >"$work/ip-up"
for ((i = 0; i < n; i++)); do
	echo "veth bh$i eth0 --netns bn$i --create --addr $(host $i)/30 --peer-addr $(peer $i)/30 --gateway auto"
done >"$work/up.batch"
for ((i = 0; i < n; i++)); do echo "del bn$i"; done >"$work/down.batch"
for ((i = 0; i < n; i++)); do echo "link del bh$i"; echo "del bn$i"; done >"$work/downlinks.batch"
sed "s|^|ip netns |" "$work/down.batch" >"$work/ip-down"
sed -e "s|^link del|ip link del|" -e "s|^del|ip netns del|" "$work/downlinks.batch" >"$work/ip-downlinks"
for phase in up down downlinks; do
	sed "s|^|$nsnet |" "$work/$phase.batch" >"$work/nsnet1-$phase"
	echo "$nsnet batch $work/$phase.batch" >"$work/batch-$phase"
	echo "$work/loop $phase $n" >"$work/loop-$phase"
done
for v in ip nsnet1 batch loop; do
	for phase in down downlinks; do echo "$wait_gone" >>"$work/$v-$phase"; done
	cat "$work/$v-up" "$work/$v-down" >"$work/$v-both"
	echo "bash $work/$v-down >/dev/null 2>&1 || true" >"$work/$v-down-quiet"
done

in_private() { unshare -m -n --propagation private bash -c "set -e; mount -t tmpfs bench /run; $1"; }

# Every variant must build and remove the whole topology: checked once, untimed.
for v in ip nsnet1 batch loop; do
	in_private "bash -e $work/$v-up; ip netns exec bn$((n - 1)) ping -c1 -W2 $(host $((n - 1))) >/dev/null
		[ \$(ls /run/netns | wc -l) -eq $n ]; bash -e $work/$v-down; [ -z \"\$(ls /run/netns)\" ]" ||
		{ echo "bench-nsnet: $v did not build and remove the topology"; exit 1; }
done

# Mean seconds of phase $1 of variant $2; the other phase is the untimed prepare (hyperfine -N
# runs it without a shell too).
mean() {
	local phase=$1 v=$2 prep="true"
	[ "$phase" = up ] && prep="bash $work/$v-down-quiet"
	[ "${phase#down}" != "$phase" ] && prep="bash -e $work/$v-up"
	in_private "hyperfine -N --runs $runs --prepare '$prep' --export-csv $work/r.csv 'bash -e $work/$v-$phase' >/dev/null 2>&1"
	awk -F, 'NR == 2 { printf "%.4f\n", $2 }' "$work/r.csv"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }

echo "nsnet bench: $n namespaces, veth each (peer eth0 inside), addresses, up, default route; mean of $runs runs"
printf '  %-9s %9s %9s %9s %9s %10s %9s %11s\n' phase ip nsnet1 batch loop ip/nsnet1 ip/batch batch/loop
for phase in up down both downlinks; do
	t_ip=$(mean $phase ip); t_one=$(mean $phase nsnet1); t_batch=$(mean $phase batch); t_loop=$(mean $phase loop)
	printf '  %-9s %8.3fs %8.3fs %8.3fs %8.3fs %9sx %8sx %10sx\n' $phase "$t_ip" "$t_one" "$t_batch" "$t_loop" \
		"$(ratio "$t_ip" "$t_one")" "$(ratio "$t_ip" "$t_batch")" "$(ratio "$t_batch" "$t_loop")"
done
echo "  both = up + down; goals on both: ip/nsnet1 >= 3x, ip/batch >= 10x; batch/loop 1.0x = the kernel's own cost"
