#!/usr/bin/env bash
# nsunshare against util-linux unshare with the same flags, side by side with hyperfine.
# Usage: bench/bench-nsunshare.sh BUILD_DIR. Prints the ratio of medians per case
# (nsunshare / unshare: below 1 means nsunshare is faster), then the same ratio over what each
# case costs beyond running 'true' with no namespace at all (start-up of the binary and exec),
# since the nsbox binary loads libproc2 and its dependencies whichever applet runs.
set -euo pipefail
build=${1:?usage: $0 BUILD_DIR}
nsbox="$(cd "$build" && pwd)/nsbox"
[ -x "$nsbox" ] || { echo "bench-nsunshare: no nsbox in '$build': run make first" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "bench-nsunshare: hyperfine missing: make bench-deps" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "bench-nsunshare: needs root (network and IPC namespaces)" >&2; exit 1; }
true_bin=$(command -v true)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Median seconds of both commands, ours first, from one hyperfine run.
medians() { # name, flags
	hyperfine -N --warmup 20 --min-runs 300 --style basic --export-csv "$tmp/$1.csv" \
		"$nsbox nsunshare $2 $true_bin" "unshare $2 $true_bin" >&2
	awk -F, 'NR == 2 { ours = $4 } NR == 3 { theirs = $4 } END { print ours, theirs }' "$tmp/$1.csv"
}

read -r base_ours base_theirs < <(medians baseline "")
awk -v o="$base_ours" -v t="$base_theirs" 'BEGIN {
	printf "%-12s nsunshare true: median %.2f ms, unshare true: %.2f ms, ratio %.2f\n", "baseline", o * 1000, t * 1000, o / t }'

bench_case() { # name, flags
	local ours theirs
	read -r ours theirs < <(medians "$1" "$2")
	awk -v name="$1" -v flags="$2" -v o="$ours" -v t="$theirs" -v bo="$base_ours" -v bt="$base_theirs" 'BEGIN {
		printf "%-12s nsunshare %s true: median %.2f ms, unshare: %.2f ms, ratio %.2f; ", name, flags, o * 1000, t * 1000, o / t
		printf "beyond the baseline: %.2f ms vs %.2f ms\n", (o - bo) * 1000, (t - bt) * 1000 }'
}

bench_case net-uts-ipc "-n -u -i"
bench_case user-root "-U -r"
