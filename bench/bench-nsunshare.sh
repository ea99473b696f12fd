#!/usr/bin/env bash
# nsunshare against util-linux unshare with the same flags, side by side with hyperfine.
# Usage: bench/bench-nsunshare.sh BUILD_DIR. Prints one ratio of medians per case
# (nsunshare / unshare: below 1 means nsunshare is faster).
set -euo pipefail
build=${1:?usage: $0 BUILD_DIR}
nsbox="$(cd "$build" && pwd)/nsbox"
[ -x "$nsbox" ] || { echo "bench-nsunshare: no nsbox in '$build': run make first" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "bench-nsunshare: hyperfine missing: make bench-deps" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "bench-nsunshare: needs root (network and IPC namespaces)" >&2; exit 1; }
true_bin=$(command -v true)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# one hyperfine run per case, nsunshare first, then unshare
bench_case() { # name, flags
	local csv="$tmp/$1.csv"
	hyperfine -N --warmup 20 --min-runs 200 --style basic --export-csv "$csv" \
		"$nsbox nsunshare $2 $true_bin" "unshare $2 $true_bin" >&2
	awk -F, -v name="$1" -v flags="$2" 'NR == 2 { ours = $4 } NR == 3 { theirs = $4 }
		END { printf "%-12s nsunshare %s: median %.2f ms, unshare: %.2f ms, ratio %.2f\n",
			name, flags, ours * 1000, theirs * 1000, ours / theirs }' "$csv"
}

bench_case net-uts-ipc "-n -u -i"
bench_case user-root "-U -r"
