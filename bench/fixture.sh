#!/bin/bash
# fixture.sh up N_PROCS N_GROUPS | down: thousands of sleepers in hundreds of fresh namespaces, torn down by session id.
set -euo pipefail

STATE=${NSBOX_BENCH_STATE:-/tmp/nsbox-bench-fixture.state}
SELF=$(readlink -f "$0")

die() { echo "fixture: $*" >&2; exit 1; }

# members: "pid stat comm" of every process whose session id is recorded in $STATE (the keeper's session)
members() {
	[[ -s $STATE ]] || return 0
	local sids
	sids=$(awk '$1 == "sid" { printf "%s%s", sep, $2; sep = "," }' "$STATE")
	[[ -n $sids ]] || return 0
	ps -e -o pid=,sid=,stat=,comm= | awk -v sids="$sids" '
		BEGIN { n = split(sids, a, ","); for (i = 1; i <= n; i++) want[a[i]] = 1 }
		($2 in want) && ($4 == "bash" || $4 == "unshare" || $4 == "sh" || $4 == "sleep") { print $1, $3, $4 }'
}

# keeper (session leader): one unshare per group, each holding fresh net/uts/ipc/pid/mnt namespaces
keeper() {
	local groups=$1 extra=$2 stop=0 g
	# a TERM from `down` only stops the spawning; killing the sleepers then lets `wait` return
	trap 'stop=1' TERM
	echo "sid $$" >>"$STATE"
	exec </dev/null >/dev/null
	for ((g = 0; g < groups && !stop; g++)); do
		# pid 1 of the new pid namespace forks $extra sleepers, then becomes a sleeper itself
		unshare --net --uts --ipc --pid --mount --fork --kill-child \
			sh -c 'i=0; while [ $i -lt "$1" ]; do sleep infinity & i=$((i + 1)); done; exec sleep infinity' \
			nsbox-fixture "$extra" &
	done
	echo "ready $g" >>"$STATE"
	# wait returns >128 when the TERM trap interrupts it; keep reaping until every child is gone
	while :; do
		local rc=0
		wait || rc=$?
		((rc > 128)) || break
	done
}

up() {
	local nprocs=${1:-2100} groups=${2:-300}
	[[ $nprocs =~ ^[0-9]+$ && $groups =~ ^[1-9][0-9]*$ ]] || die "usage: fixture.sh up N_PROCS N_GROUPS"
	# each group is unshare + pid 1 + extra sleepers, so round N_PROCS up to whole groups
	local per=$(((nprocs + groups - 1) / groups))
	((per >= 2)) || per=2
	local extra=$((per - 2)) want=$((groups * per))
	[[ $(id -u) == 0 ]] || die "must run as root (unshare of net/pid/mnt namespaces)"
	# a stale fixture from an earlier crash goes first, so the state file only ever names one live fixture
	[[ -e $STATE ]] && down
	: >"$STATE"
	local t0=$EPOCHREALTIME
	setsid bash "$SELF" _keeper "$groups" "$extra" </dev/null >/dev/null 2>&1 &
	# recorded at once, so `down` finds the session even if we die before the keeper writes its own line
	echo "sid $!" >>"$STATE"
	local deadline=$((SECONDS + 90)) have last=-1 stable=0
	while :; do
		have=$(members | awk '$3 == "unshare" || $3 == "sleep"' | wc -l)
		# a group that failed to start never shows up: give up once the count stops moving after spawning
		if ((have == last)) && grep -q '^ready' "$STATE"; then stable=$((stable + 1)); else stable=0; fi
		last=$have
		# all groups spawned, and no `sh` left that has not exec'd into its sleeper yet
		if grep -q '^ready' "$STATE" && ((have >= want)) && ! members | awk '$3 == "sh" { f = 1 } END { exit !f }'; then
			break
		fi
		if ((SECONDS > deadline || stable > 25)) || ! members | awk '$3 == "bash" { f = 1 } END { exit !f }'; then
			echo "fixture: up failed: $have of $want processes" >&2
			down || true
			exit 1
		fi
		sleep 0.2
	done
	printf 'fixture: up: %d processes in %d groups (%d new namespaces: net uts ipc pid mnt each) in %.1fs\n' \
		"$have" "$groups" $((groups * 5)) "$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }')"
}

down() {
	[[ -e $STATE ]] || { echo "fixture: down: nothing to do"; return 0; }
	local keepers
	keepers=$(members | awk '$3 == "bash" { print $1 }')
	[[ -z $keepers ]] || kill -TERM $keepers 2>/dev/null || true
	local deadline=$((SECONDS + 20)) left pids
	# kill the sleepers (pid 1s included): unshare reaps its child and exits, the keeper reaps unshare and exits
	while left=$(members) && [[ -n $left ]] && ((SECONDS < deadline)); do
		pids=$(awk '$2 !~ /^Z/ && ($3 == "sleep" || $3 == "sh") { print $1 }' <<<"$left")
		[[ -z $pids ]] || kill -KILL $pids 2>/dev/null || true
		sleep 0.2
	done
	# fallback: anything still alive (a wedged keeper or unshare) is killed outright; init reaps it
	deadline=$((SECONDS + 30))
	while left=$(members) && [[ -n $left ]] && ((SECONDS < deadline)); do
		pids=$(awk '$2 !~ /^Z/ { print $1 }' <<<"$left")
		[[ -z $pids ]] || kill -KILL $pids 2>/dev/null || true
		sleep 0.5
	done
	if [[ -n $left ]]; then
		echo "fixture: down: $(wc -l <<<"$left") processes left (pid stat comm):" >&2
		head -n 20 <<<"$left" >&2
		return 1
	fi
	rm -f "$STATE"
	echo "fixture: down: nothing left"
}

case ${1:-} in
up) shift; up "$@" ;;
down) down ;;
_keeper) shift; keeper "$@" ;;
*) die "usage: fixture.sh up [N_PROCS [N_GROUPS]] | down" ;;
esac
