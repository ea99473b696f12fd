#!/usr/bin/env bats
# Shell completion: nsbox __complete answers from the tables in the code, and the bash, zsh
# and fish files are thin wrappers around it (checked by running the shells for real).

load helpers

COMPLETIONS=$BATS_TEST_DIRNAME/../../completions
TYPES='cgroup ipc mnt net pid time user uts'

setup() {
	# the completion files call "nsbox" from PATH; the applets are symlinks to it
	BIN=$BATS_TEST_TMPDIR/bin
	mkdir -p "$BIN"
	ln -sf "$NSBOX" "$BIN/nsbox"
	local a
	for a in $("$NSBOX" --list); do ln -sf "$NSBOX" "$BIN/$a"; done
}

# The candidates of __complete without their descriptions, sorted, on one line.
candidates() {
	"$NSBOX" __complete "$@" | cut -f1 | sort | tr '\n' ' '
}

sorted() {
	tr ' ' '\n' <<<"$*" | sed '/^$/d' | sort | tr '\n' ' '
}

# The inode of the network namespace this test runs in.
own_net_ino() {
	local link
	link=$(readlink /proc/self/ns/net)
	link=${link#net:[}
	echo "${link%]}"
}

@test "__complete -o knows every column of the table that nsls -H lists" {
	local table
	table=$("$NSBOX" nsls -H -r -n | cut -d' ' -f1 | sort | tr '\n' ' ')
	[ "$(wc -w <<<"$table")" -ge 13 ]
	run candidates nsls -o ''
	[ "$status" -eq 0 ]
	[ "$output" = "$table" ]
	# each candidate is described by the column's help text
	run "$NSBOX" __complete nsls -o NPROCS
	[ "$output" = "NPROCS	number of processes in the namespace" ]
}

@test "__complete -o completes the last name of a comma list, keeping the ones before it" {
	local table col expected=
	table=$("$NSBOX" nsls -H -r -n | cut -d' ' -f1)
	for col in $table; do expected+="NS,$col "; done
	run candidates nsls -o NS,
	[ "$output" = "$(sorted "$expected")" ]
	run candidates nsls --output=NS,TY
	[ "$output" = "--output=NS,TYPE " ]
	run candidates nsls -o +P
	[ "$output" = "+PATH +PID +PNS +PPID " ]
}

@test "__complete -t and --type= give exactly the eight namespace types" {
	run candidates nsls -t ''
	[ "$status" -eq 0 ]
	[ "$output" = "$(sorted "$TYPES")" ]
	run candidates nsls -J --type ''
	[ "$output" = "$(sorted "$TYPES")" ]
	run candidates nsls --type=u
	[ "$output" = "--type=user --type=uts " ]
}

@test "__complete --tree= gives the three relations with the option in front" {
	run candidates nsls --tree=
	[ "$output" = "--tree=owner --tree=parent --tree=process " ]
	run candidates nsls --tree=o
	[ "$output" = "--tree=owner " ]
}

@test "__complete with no applet gives every applet of --list and nsbox's own options" {
	local expected
	expected=$(sorted "$("$NSBOX" --list) --list --help --version")
	run candidates '' ''
	[ "$status" -eq 0 ]
	[ "$output" = "$expected" ]
	[[ "$output" != *__complete* ]]
	# applets come with their summary
	run "$NSBOX" __complete '' nsl
	[[ "$output" == "nsls	list namespaces"* ]]
	run candidates '' nsen
	[ "$output" = "nsenter-lite " ]
}

@test "__complete - lists the options of nsls --help, long ones taking a value ending in =" {
	run "$NSBOX" __complete nsls -
	[ "$status" -eq 0 ]
	grep -qx -- --json <<<"$output"
	grep -qx -- --output= <<<"$output"
	grep -qx -- -J <<<"$output"
	# the long options are exactly those that --help documents
	local documented
	documented=$("$NSBOX" nsls --help | grep -o -- '--[a-z][a-z-]*' | sort -u | tr '\n' ' ')
	run bash -c '"$1" __complete nsls -- | sed "s/=$//" | sort -u | tr "\n" " "' _ "$NSBOX"
	[ "$output" = "$documented" ]
}

@test "__complete - of every applet offers --help and --version" {
	local a
	for a in $("$NSBOX" --list); do
		run candidates "$a" --
		[[ "$output" == *"--help "* ]] || { echo "$a: $output"; return 1; }
		[[ "$output" == *"--version "* ]] || { echo "$a: $output"; return 1; }
	done
}

@test "__complete of the nsls positional gives namespace inodes, this test's net namespace among them" {
	local ino
	ino=$(own_net_ino)
	run "$NSBOX" __complete nsls ''
	[ "$status" -eq 0 ]
	grep -qx "$ino	net" <<<"$output"
	# every line is an inode and its type
	local bad
	bad=$(grep -Evx "[0-9]+	(${TYPES// /|})" <<<"$output" || true)
	[ -z "$bad" ]
	# after the options, too
	run "$NSBOX" __complete nsls -J -t net "${ino:0:4}"
	grep -qx "$ino	net" <<<"$output"
}

@test "__complete -p gives process ids, this shell's among them" {
	run "$NSBOX" __complete nsls -p ''
	[ "$status" -eq 0 ]
	grep -qx "$$" <<<"$output"
	run "$NSBOX" __complete nsls --task ''
	grep -qx "$$" <<<"$output"
}

@test "__complete of an unknown or hidden applet gives nothing; too few arguments is a usage error" {
	run "$NSBOX" __complete frobnicate ''
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run "$NSBOX" __complete __complete ''
	[ -z "$output" ]
	run --separate-stderr "$NSBOX" __complete nsls
	[ "$status" -eq 2 ]
}

# ---- bash ----

# Runs the bash completion function as bash would: $1 is the line typed so far (cursor at the
# end), the other arguments COMP_WORDS as readline splits it (at '=' too). Prints COMPREPLY.
bash_complete() {
	local line=$1
	shift
	PATH="$BIN:$PATH" bash -c '
		if [ -n "$WITH_BASH_COMPLETION" ]; then
			source /usr/share/bash-completion/bash_completion || exit 1
			declare -F _get_comp_words_by_ref >/dev/null || exit 1
		fi
		source "$0" || exit 1
		COMP_LINE=$1 COMP_POINT=${#1}
		shift
		COMP_WORDS=("$@") COMP_CWORD=$(($# - 1))
		_nsbox || exit 1
		printf "%s\n" "${COMPREPLY[@]}"' "$COMPLETIONS/nsbox.bash" "$line" "$@"
}

bash_cases() {
	run bash_complete 'nsls --js' nsls --js
	[ "$status" -eq 0 ]
	[ "$output" = "--json" ]
	run bash_complete 'nsbox nsls -t n' nsbox nsls -t n
	[ "$output" = "net" ]
	run bash_complete 'nsls -t ' nsls -t ''
	[ "$(sort <<<"$output" | tr '\n' ' ')" = "$(sorted "$TYPES")" ]
	# readline replaces only what follows '=': the candidates leave "--tree=" out
	run bash_complete 'nsls --tree=ow' nsls --tree = ow
	[ "$output" = "owner" ]
	run bash_complete 'nsbox nsls --tree=' nsbox nsls --tree =
	[ "$(sort <<<"$output" | tr '\n' ' ')" = "owner parent process " ]
	# comma lists keep what precedes the last name; descriptions are gone
	run bash_complete 'nsls -o NS,PP' nsls -o NS,PP
	[ "$output" = "NS,PPID" ]
	run bash_complete 'nsls --output=TYPE,NP' nsls --output = TYPE,NP
	[ "$output" = "TYPE,NPROCS" ]
	run bash_complete 'nsbox ' nsbox ''
	[ "$(sort <<<"$output" | tr '\n' ' ')" = "$(sorted "$("$NSBOX" --list) --list --help --version")" ]
	run bash_complete 'nsbox --list ' nsbox --list ''
	[ -z "$output" ]
	run bash_complete 'nsls ' nsls ''
	grep -qx "$(own_net_ino)" <<<"$output"
}

@test "bash: the completion file registers nsbox and every applet of --list" {
	run env PATH="$BIN:$PATH" bash -c 'source "$1" && complete -p' _ "$COMPLETIONS/nsbox.bash"
	[ "$status" -eq 0 ]
	local a
	for a in nsbox $("$NSBOX" --list); do
		grep -qx "complete -F _nsbox $a" <<<"$output" || { echo "$a not registered: $output"; return 1; }
	done
}

@test "bash: options, types, --opt=value and comma lists complete, without bash-completion" {
	WITH_BASH_COMPLETION= bash_cases
}

@test "bash: the same with bash-completion's _get_comp_words_by_ref" {
	[ -f /usr/share/bash-completion/bash_completion ] || skip "bash-completion is not installed"
	WITH_BASH_COMPLETION=1 bash_cases
}

# ":command" and ":file" become bash's own command-name and file completion, never candidates.
bash_directive_cases() {
	local dir=$BATS_TEST_TMPDIR/files
	mkdir -p "$dir"
	touch "$dir/nsbox-probe-file"
	run bash_complete 'nsunshare bas' nsunshare bas
	[ "$status" -eq 0 ]
	grep -qx bash <<<"$output"
	! grep -qx :command <<<"$output"
	run bash_complete 'nsbox nsunshare ' nsbox nsunshare ''
	grep -qx bash <<<"$output"
	! grep -q '^:' <<<"$output"
	run bash_complete 'nsunshare :co' nsunshare : co
	[ -z "$output" ]
	# the command's arguments are files
	run bash_complete "nsunshare sh $dir/nsbox-pro" nsunshare sh "$dir/nsbox-pro"
	[ "$output" = "$dir/nsbox-probe-file" ]
	# in a "--opt=" word, what follows the '=' (all readline replaces)
	run bash_complete "nsunshare sh --in=$dir/nsbox-pro" nsunshare sh --in = "$dir/nsbox-pro"
	[ "$output" = "$dir/nsbox-probe-file" ]
}

@test "bash: :command and :file directives give commands and files, without bash-completion" {
	WITH_BASH_COMPLETION= bash_directive_cases
}

@test "bash: directives with bash-completion's _get_comp_words_by_ref" {
	[ -f /usr/share/bash-completion/bash_completion ] || skip "bash-completion is not installed"
	WITH_BASH_COMPLETION=1 bash_directive_cases
}

# ---- zsh ----

@test "zsh: _nsbox is valid zsh and its #compdef names nsbox and every applet of --list" {
	local compdef
	compdef=$(head -n1 "$COMPLETIONS/_nsbox")
	[ "$compdef" = "#compdef nsbox $("$NSBOX" --list | tr '\n' ' ' | sed 's/ $//')" ]
	command -v zsh >/dev/null || skip "zsh is not installed"
	run zsh -n "$COMPLETIONS/_nsbox"
	[ "$status" -eq 0 ]
}

# Types $1 and a tab into an interactive zsh (in a pty, compinit with _nsbox in fpath), and
# prints the matches that completion added, sorted and unique. A compadd wrapper records the
# matches; the tab runs a widget that completes, then says it is done.
zsh_complete() {
	local out=$BATS_TEST_TMPDIR/zsh.out
	rm -f "$out" "$out.done"
	PATH="$BIN:$PATH" FPATH_DIR=$COMPLETIONS OUT=$out timeout 20 zsh -f -c '
		zmodload zsh/zpty || exit 1
		zpty z zsh -f -i
		zpty -w z "fpath=($FPATH_DIR \$fpath); autoload -Uz compinit; compinit -u -D"
		zpty -w z "compadd() { local -a m; builtin compadd -O m \"\$@\"; print -rl -- \$m >>$OUT; builtin compadd \"\$@\"; }"
		zpty -w z "_test_complete() { _main_complete; : >$OUT.done; }; zle -C test-complete complete-word _test_complete; bindkey \"^I\" test-complete"
		zpty -w -n z "$1"$'"'\t'"'
		while [[ ! -e $OUT.done ]]; do sleep 0.1; done
		zpty -d z' _ "$1" || return 1
	[ -f "$out" ] && sort -u "$out" | tr '\n' ' '
}

@test "zsh: real completion of applets, options, types, --opt=value and comma lists" {
	command -v zsh >/dev/null || skip "zsh is not installed"
	run zsh_complete 'nsls -t '
	[ "$status" -eq 0 ]
	[ "$output" = "$(sorted "$TYPES")" ]
	run zsh_complete 'nsbox nsls --js'
	[ "$output" = "--json " ]
	# "--tree=" and "NS," stay as typed; only what follows is listed
	run zsh_complete 'nsls --tree=o'
	[ "$output" = "owner " ]
	run zsh_complete 'nsls -o NS,PP'
	[ "$output" = "PPID " ]
	run zsh_complete 'nsbox nsu'
	[ "$output" = "nsunshare " ]
	run zsh_complete 'nsls '
	[[ " $output" == *" $(own_net_ino) "* ]]
}

@test "zsh: :command and :file directives give commands and files, never themselves" {
	command -v zsh >/dev/null || skip "zsh is not installed"
	local dir=$BATS_TEST_TMPDIR/files
	mkdir -p "$dir"
	touch "$dir/nsbox-probe-file"
	run zsh_complete 'nsunshare bas'
	[ "$status" -eq 0 ]
	[[ " $output" == *" bash "* ]]
	[[ " $output" != *" :command "* ]]
	run zsh_complete 'nsbox nsunshare :co'
	[[ "$output" != *:command* ]]
	# the command's arguments are files; in a "--opt=" word, what follows the '='
	run zsh_complete "nsunshare sh $dir/nsbox-pro"
	[[ " $output" == *" nsbox-probe-file "* ]]
	[[ "$output" != *:file* ]]
	run zsh_complete "nsbox nsunshare sh --in=$dir/nsbox-pro"
	[[ " $output" == *" nsbox-probe-file "* ]]
}

# ---- fish ----

# What make install writes for each applet: source nsbox.fish, complete through it.
fish_applet_files() {
	local a
	for a in $("$NSBOX" --list); do
		printf 'source %s\ncomplete -c %s -f -a "(__nsbox_complete %s)"\n' \
			"$COMPLETIONS/nsbox.fish" "$a" "$a" >"$BATS_TEST_TMPDIR/$a.fish"
	done
}

fish_complete() {
	PATH="$BIN:$PATH" fish --no-config -c '
		source $argv[1]
		for f in $argv[2]/*.fish; source $f; end
		complete -C $argv[3]' "$COMPLETIONS/nsbox.fish" "$BATS_TEST_TMPDIR" "$1"
}

@test "fish: real completion of applets, options, types and --opt=value, with descriptions" {
	command -v fish >/dev/null || skip "fish is not installed"
	run fish -n "$COMPLETIONS/nsbox.fish"
	[ "$status" -eq 0 ]
	fish_applet_files
	run fish_complete 'nsls -t '
	[ "$status" -eq 0 ]
	[ "$(sort <<<"$output" | tr '\n' ' ')" = "$(sorted "$TYPES")" ]
	run fish_complete 'nsbox nsls --tree=o'
	[ "$output" = "--tree=owner" ]
	run fish_complete 'nsls -o NS,NP'
	[ "$output" = "NS,NPROCS	number of processes in the namespace" ]
	run fish_complete 'nsbox nsl'
	[[ "$output" == "nsls	list namespaces"* ]]
	# sourced once per applet file, nsbox.fish still gives each candidate once
	run fish_complete 'nsbox nsen'
	[ "$(wc -l <<<"$output")" -eq 1 ]
	run fish_complete 'nsbox --list '
	[ -z "$output" ]
}

@test "fish: :command and :file directives give commands and files, never themselves" {
	command -v fish >/dev/null || skip "fish is not installed"
	fish_applet_files
	local dir=$BATS_TEST_TMPDIR/files
	mkdir -p "$dir"
	touch "$dir/nsbox-probe-file"
	run fish_complete 'nsunshare bas'
	[ "$status" -eq 0 ]
	grep -q "^bash\(	\|$\)" <<<"$output"
	! grep -q '^:' <<<"$output"
	run fish_complete 'nsbox nsunshare :co'
	! grep -q '^:' <<<"$output"
	# the command's arguments are files; in a "--opt=" word, what follows the '='
	run fish_complete "nsunshare sh $dir/nsbox-pro"
	[ "$(cut -f1 <<<"$output")" = "$dir/nsbox-probe-file" ]
	run fish_complete "nsbox nsunshare sh --in=$dir/nsbox-pro"
	[ "$(cut -f1 <<<"$output")" = "--in=$dir/nsbox-probe-file" ]
}

# ---- all three shells ----

# A stand-in for nsbox whose nsenter-lite answers as a future one may: its own candidate and
# ":file" together, and with "--net=" kept in a "--net=" word. Made the nsbox of $BIN.
stub_nsbox() {
	BIN=$BATS_TEST_TMPDIR/stub
	mkdir -p "$BIN"
	cat >"$BIN/nsbox" <<'STUB'
#!/bin/sh
[ "$1" = --list ] && { echo nsenter-lite; exit 0; }
eval "cur=\${$#}"
case $cur in
--net=*) printf '%s\n' --net=alpha :file ;;
*) printf 'alpha\tthe stub candidate\n:file\n' ;;
esac
STUB
	chmod +x "$BIN/nsbox"
	ln -sf nsbox "$BIN/nsenter-lite"
	mkdir -p "$BATS_TEST_TMPDIR/cwd"
	touch "$BATS_TEST_TMPDIR/cwd/nsbox-probe-file"
	cd "$BATS_TEST_TMPDIR/cwd"
}

@test "a :file directive among candidates: each shell offers both, also after --net=" {
	stub_nsbox
	run bash_complete 'nsenter-lite ' nsenter-lite ''
	[ "$(sort <<<"$output" | tr '\n' ' ')" = "alpha nsbox-probe-file " ]
	run bash_complete 'nsenter-lite --net=' nsenter-lite --net =
	[ "$(sort <<<"$output" | tr '\n' ' ')" = "alpha nsbox-probe-file " ]
	if command -v zsh >/dev/null; then
		run zsh_complete 'nsenter-lite '
		[[ " $output" == *" alpha "* && " $output" == *" nsbox-probe-file "* ]]
		[[ "$output" != *:file* ]]
		run zsh_complete 'nsenter-lite --net='
		[[ " $output" == *" alpha "* && " $output" == *" nsbox-probe-file "* ]]
	fi
	if command -v fish >/dev/null; then
		printf 'source %s\ncomplete -c nsenter-lite -f -a "(__nsbox_complete nsenter-lite)"\n' \
			"$COMPLETIONS/nsbox.fish" >"$BATS_TEST_TMPDIR/nsenter-lite.fish"
		run fish_complete 'nsenter-lite '
		[ "$(cut -f1 <<<"$output" | sort | tr '\n' ' ')" = "alpha nsbox-probe-file " ]
		run fish_complete 'nsenter-lite --net='
		[ "$(cut -f1 <<<"$output" | sort | tr '\n' ' ')" = "--net=alpha --net=nsbox-probe-file " ]
	fi
}

@test "__complete reads the words typed so far as getopt does" {
	# a detached optional value: --tree owner is accepted, so its values come with the NS inodes
	run "$NSBOX" __complete nsls --tree ''
	[[ "$output" == *$'owner\n'* ]] || [[ "$output" == *owner* ]]
	grep -qx process <<<"$output"
	grep -q "^$(ns_ino self net)"$'\t' <<<"$output"
	# a group of short options ends at the first that takes a value: -ot is -o t
	run "$NSBOX" __complete nsls -ot ''
	! grep -qx net <<<"$output"
	grep -q "^$(ns_ino self net)"$'\t' <<<"$output"
	# the value of -o is consumed, so the word after it is positional
	run "$NSBOX" __complete nsls -o NS ''
	grep -q "^$(ns_ino self uts)"$'\t' <<<"$output"
	# comma lists of types keep what precedes the last comma
	run "$NSBOX" __complete nsls -t net,u
	[ "$output" = "$(printf 'net,user\nnet,uts')" ]
	# after --, only positional words
	run "$NSBOX" __complete nsls -- -
	! grep -q -- '--json' <<<"$output"
}

@test "__complete asks the shell for commands and files after a command-running applet's options" {
	# nsunshare runs a command: its first positional word is one, the rest are that command's
	run "$NSBOX" __complete nsunshare ''
	grep -qx ':command' <<<"$output"
	run "$NSBOX" __complete nsunshare sh ''
	[ "$output" = ":file" ]
}
