#!/usr/bin/env bash
# nsenter-lite against util-linux nsenter, side by side in one hyperfine run:
#   nsenter-lite -t PID -n -u -i true   vs   nsenter -t PID -n -u -i true
# Usage: bench/bench-nsenter.sh BUILD_DIR   (as root; prints the ratio of medians)
set -euo pipefail
build=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
nsbox="$build/nsbox"
[ "$(id -u)" -eq 0 ] || { echo "bench-nsenter: needs root" >&2; exit 1; }
for c in hyperfine nsenter unshare; do
	command -v "$c" >/dev/null || { echo "bench-nsenter: $c is missing ('make bench-deps')" >&2; exit 1; }
done

work=$(mktemp -d)
# the target: a sleeper in new net, uts and ipc namespaces; unshare --fork ignores TERM, so KILL
unshare -n -u -i --fork --kill-child sleep 600 >/dev/null 2>&1 &
parent=$!
trap 'kill -KILL "$parent" 2>/dev/null; wait "$parent" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 100); do
	target=$(pgrep -P "$parent" | head -n1 || true)
	[ -n "$target" ] && [ "$(cat "/proc/$target/comm" 2>/dev/null)" = sleep ] && break
	sleep 0.02
done
[ "$(readlink "/proc/$target/ns/net")" != "$(readlink /proc/self/ns/net)" ]

hyperfine -N --warmup 50 --min-runs 300 --export-csv "$work/result.csv" \
	-n nsenter-lite "$nsbox nsenter-lite -t $target -n -u -i true" \
	-n nsenter "nsenter -t $target -n -u -i true" >&2

# csv: command,mean,stddev,median,user,system,min,max (seconds)
awk -F, 'NR > 1 { median[$1] = $4 }
	END {
		printf "nsenter-lite median %.1f us, nsenter median %.1f us\n", median["nsenter-lite"] * 1e6, median["nsenter"] * 1e6
		printf "ratio of medians nsenter-lite/nsenter: %.2f\n", median["nsenter-lite"] / median["nsenter"]
	}' "$work/result.csv"
