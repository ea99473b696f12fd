#!/usr/bin/env bats
# nsunshare: real namespaces, one test per step of the "container from scratch" walk-through,
# the PID 1, the id maps, persistent namespaces and the errors.

load helpers

setup() {
	need_root
	: "${NSBOX_BUILD:=$(dirname "$NSBOX")}"
	UNIQ="nsu$$_${BATS_TEST_NUMBER}_$RANDOM"
	QUEUE_ID=""
	BG_PID=""
}

teardown() {
	remove_user
	[ -n "$QUEUE_ID" ] && ipcrm -q "$QUEUE_ID" 2>/dev/null
	[ -n "$BG_PID" ] && kill -KILL "$BG_PID" 2>/dev/null
	# a private copy of sleep under a unique name: whatever still runs from it is ours
	local p
	for p in $(pgrep -f "$BATS_TEST_TMPDIR/$UNIQ" 2>/dev/null); do kill -KILL "$p" 2>/dev/null; done
	grep -q " $BATS_TEST_TMPDIR/" /proc/self/mountinfo && umount -R -l "$BATS_TEST_TMPDIR"/* 2>/dev/null
	true
}

# Waits (at most ~10 s) until the command succeeds; no timing is asserted.
wait_for() {
	local i
	for i in $(seq 200); do "$@" && return 0; sleep 0.05; done
	return 1
}

# Prints how a command ended: "exit N" or "signal N" (bash folds both into $?).
how_ended() {
	perl -e 'system(@ARGV); my $s = $?; print(($s & 127) ? "signal " . ($s & 127) : "exit " . ($s >> 8))' "$@"
}

@test "-u --hostname: the command sees the new name, the host keeps its own" {
	local host
	host=$(hostname)
	run --separate-stderr "$NSBOX" nsunshare --uts --hostname "c$UNIQ" hostname
	[ "$status" -eq 0 ]
	[ "$output" = "c$UNIQ" ]
	[ "$(hostname)" = "$host" ]
}

@test "-i: a message queue made outside is not seen inside" {
	QUEUE_ID=$(ipcmk -Q | grep -o '[0-9]*$')
	[ -n "$QUEUE_ID" ]
	ipcs -q -i "$QUEUE_ID" >/dev/null
	run "$NSBOX" nsunshare -i ipcs -q
	[ "$status" -eq 0 ]
	[[ "$output" == *"Message Queues"* ]]
	! grep -qw "$QUEUE_ID" <<<"$(sed 1,3d <<<"$output")"
	run "$NSBOX" nsunshare ipcs -q
	grep -qw "$QUEUE_ID" <<<"$output"
}

@test "-p --mount-proc: ps sees PID 1 and only the processes inside (-p implies -f)" {
	run --separate-stderr "$NSBOX" nsunshare -p --mount-proc ps -e -o pid=,ppid=,comm=
	[ "$status" -eq 0 ]
	[ "$(wc -l <<<"$output")" -eq 2 ]
	read -r pid ppid comm <<<"$(sed -n 1p <<<"$output")"
	[ "$pid" -eq 1 ] && [ "$ppid" -eq 0 ]
	read -r pid ppid comm <<<"$(sed -n 2p <<<"$output")"
	[ "$pid" -eq 2 ] && [ "$ppid" -eq 1 ] && [ "$comm" = ps ]
}

@test "-m: a tmpfs mounted inside is absent outside, even when / is shared" {
	local dir="$BATS_TEST_TMPDIR/mnt"
	mkdir "$dir"
	# a throwaway mount namespace whose / is shared, as on systemd hosts
	run unshare -m --propagation unchanged sh -c "
		mount --make-rshared / &&
		'$NSBOX' nsunshare -m sh -c 'mount -t tmpfs none $dir && grep -c \" $dir \" /proc/self/mountinfo' &&
		echo outside=\$(grep -c ' $dir ' /proc/self/mountinfo)
		'$NSBOX' nsunshare -m --propagation shared mount -t tmpfs none $dir &&
		echo shared=\$(grep -c ' $dir ' /proc/self/mountinfo)"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '1\noutside=0\nshared=1')" ]
	! grep -q " $dir " /proc/self/mountinfo
}

@test "-R: a minimal root built here is all the command sees, with -m (pivot_root) and without (chroot)" {
	local root="$BATS_TEST_TMPDIR/root"
	mkdir -p "$root/bin" "$root/marker-$UNIQ"
	cp "$NSBOX_BUILD/tests/helpers/lsroot" "$root/bin/lsroot"
	run "$NSBOX" nsunshare -m -R "$root" /bin/lsroot
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'bin\nmarker-%s' "$UNIQ")" ]
	run "$NSBOX" nsunshare -R "$root" -w "/marker-$UNIQ" /bin/lsroot /
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'bin\nmarker-%s' "$UNIQ")" ]
	! grep -q " $root" /proc/self/mountinfo
}

@test "unprivileged -U -r: uid 0, gid 0, and the gid map is written" {
	run --separate-stderr setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$NSBOX" nsunshare -U -r sh -c 'id -u; id -g; cat /proc/self/setgroups; cat /proc/self/gid_map'
	[ "$status" -eq 0 ]
	[ "$(sed -n 1,3p <<<"$output")" = "$(printf '0\n0\ndeny')" ]
	read -r inner outer count <<<"$(sed -n 4p <<<"$output")"
	[ "$inner" = 0 ] && [ "$outer" = 65534 ] && [ "$count" = 1 ]
}

@test "unprivileged --setgroups=allow with a self-written gid map is refused before anything" {
	run --separate-stderr setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$NSBOX" nsunshare -U -r --setgroups=allow true
	[ "$status" -eq 125 ]
	[[ "$stderr" == *"--setgroups=allow needs a privileged gid map"* ]]
}

@test "root with --map-users ranges: the map is written from outside, as given" {
	run --separate-stderr "$NSBOX" nsunshare -r --map-users 1:100000:1000 --map-groups 1:200000:10 \
		sh -c 'cat /proc/self/uid_map /proc/self/gid_map'
	[ "$status" -eq 0 ]
	[ "$(tr -s ' ' <<<"$output" | sed 's/^ //')" = "$(printf '1 100000 1000\n0 0 1\n1 200000 10\n0 0 1')" ]
	# root may allow setgroups: the gid map is then written from outside
	run "$NSBOX" nsunshare -r --setgroups allow sh -c 'cat /proc/self/setgroups /proc/self/gid_map'
	[ "$(tr -s ' ' <<<"$output" | sed 's/^ //')" = "$(printf 'allow\n0 0 1')" ]
}

@test "-n: only lo, and it is up; --no-lo leaves it down" {
	run "$NSBOX" nsunshare -n ip -o link show
	[ "$status" -eq 0 ]
	[ "$(wc -l <<<"$output")" -eq 1 ]
	[[ "$output" == "1: lo: <LOOPBACK,UP,LOWER_UP>"* ]]
	run "$NSBOX" nsunshare -n ping -c1 -W1 127.0.0.1
	[ "$status" -eq 0 ]
	run "$NSBOX" nsunshare -n --no-lo ip -o link show
	[[ "$output" == "1: lo: <LOOPBACK>"* ]]
}

@test "PID 1 reaps 100 orphans: no zombie is left" {
	cat >"$BATS_TEST_TMPDIR/orphans.sh" <<EOF
for i in \$(seq 100); do (sh -c 'echo x >>$BATS_TEST_TMPDIR/ran' &); done
n=-1
for t in \$(seq 200); do
	ran=\$(wc -l <$BATS_TEST_TMPDIR/ran 2>/dev/null || echo 0)
	n=\$(ps -eo stat= | grep -c '^Z')
	[ "\$ran" -eq 100 ] && [ "\$n" -eq 0 ] && break
	sleep 0.05
done
echo ran=\$ran zombies=\$n
EOF
	run "$NSBOX" nsunshare -p -f --mount-proc sh "$BATS_TEST_TMPDIR/orphans.sh"
	[ "$status" -eq 0 ]
	[ "$output" = "ran=100 zombies=0" ]
}

@test "TERM and USR1 sent to nsunshare reach the command, through PID 1 and without -p" {
	local log="$BATS_TEST_TMPDIR/log" flags
	for flags in "-p -f" "-f"; do
		rm -f "$log"
		# shellcheck disable=SC2086
		"$NSBOX" nsunshare $flags sh -c "trap 'echo USR1 >>$log' USR1; trap 'echo TERM >>$log; exit 7' TERM;
			echo ready >>$log; while :; do sleep 0.05; done" 3>&- &
		BG_PID=$!
		wait_for grep -q ready "$log"
		kill -USR1 "$BG_PID"
		wait_for grep -q USR1 "$log"
		kill -TERM "$BG_PID"
		local rc=0
		wait "$BG_PID" || rc=$?
		BG_PID=""
		[ "$rc" -eq 7 ]
		[ "$(cat "$log")" = "$(printf 'ready\nUSR1\nTERM')" ]
	done
}

@test "exit statuses 0..255 pass through; a command killed by a signal kills nsunshare with it" {
	local s
	for s in $(seq 0 255); do
		run -"$s" "$NSBOX" nsunshare -p -f sh -c "exit $s"
		[ "$status" -eq "$s" ] || { echo "exit $s came back as $status"; return 1; }
	done
	run how_ended "$NSBOX" nsunshare -p -f sh -c 'kill -TERM $$'
	[ "$output" = "signal 15" ]
	run how_ended "$NSBOX" nsunshare -f sh -c 'kill -USR1 $$'
	[ "$output" = "signal 10" ]
	run how_ended "$NSBOX" nsunshare sh -c 'exit 3'
	[ "$output" = "exit 3" ]
	# a caller that ignores SIGCHLD must not lose the status
	run -5 perl -e '$SIG{CHLD} = "IGNORE"; exec @ARGV' "$NSBOX" nsunshare -p sh -c 'exit 5'
	run -6 perl -e '$SIG{CHLD} = "IGNORE"; exec @ARGV' "$NSBOX" nsunshare -r --map-users 1:100000:10 sh -c 'exit 6'
}

@test "without a command, SHELL runs" {
	SHELL=$(command -v pwd) run "$NSBOX" nsunshare -u -w /
	[ "$status" -eq 0 ]
	[ "$output" = / ]
}

@test "not found is 127, not executable is 126, own failure is 125" {
	run -127 --separate-stderr "$NSBOX" nsunshare -f "no-such-command-$UNIQ"
	[ "$status" -eq 127 ]
	[ "$stderr" = "nsunshare: cannot run 'no-such-command-$UNIQ': No such file or directory" ]
	run --separate-stderr "$NSBOX" nsunshare /etc
	[ "$status" -eq 126 ]
	run --separate-stderr "$NSBOX" nsunshare -p -f /etc
	[ "$status" -eq 126 ]
	run --separate-stderr "$NSBOX" nsunshare -w "/no-such-dir-$UNIQ" true
	[ "$status" -eq 125 ]
	[ "$stderr" = "nsunshare: cannot change directory to '/no-such-dir-$UNIQ': No such file or directory" ]
	run --separate-stderr setpriv --reuid=65534 --regid=65534 --clear-groups "$NSBOX" nsunshare -n true
	[ "$status" -eq 125 ]
	[[ "$stderr" == *"cannot create namespaces (net): Operation not permitted; run as root or add -U" ]]
}

@test "--kill-child: SIGKILL of nsunshare leaves nothing running, with and without -p" {
	# a private copy of sleep under a short unique name, so pgrep -x finds only ours
	local name="sl$RANDOM$$"
	local sleeper="$BATS_TEST_TMPDIR/$UNIQ/$name"
	mkdir -p "${sleeper%/*}"
	cp "$(command -v sleep)" "$sleeper"
	"$NSBOX" nsunshare -p -f --kill-child sh -c "'$sleeper' 1001 & '$sleeper' 1002" 3>&- &
	BG_PID=$!
	wait_for sh -c "[ \$(pgrep -xc '$name') -eq 2 ]"
	kill -KILL "$BG_PID"
	wait "$BG_PID" 2>/dev/null || true
	wait_for sh -c "! pgrep -x '$name'"
	run -1 pgrep -x "$name"
	# without a pid namespace the direct child is the one killed
	"$NSBOX" nsunshare --kill-child "$sleeper" 1003 3>&- &
	BG_PID=$!
	wait_for pgrep -x "$name"
	kill -KILL "$BG_PID"
	wait "$BG_PID" 2>/dev/null || true
	wait_for sh -c "! pgrep -x '$name'"
	run -1 pgrep -x "$name"
}

@test "the command sees fds 0, 1 and 2 only" {
	run "$NSBOX" nsunshare -f sh -c 'ls /proc/$$/fd' 5</dev/null 9</dev/null
	[ "$status" -eq 0 ]
	[ "$(echo $output)" = "0 1 2" ]
	run "$NSBOX" nsunshare -n sh -c 'ls /proc/$$/fd' 5</dev/null
	[ "$(echo $output)" = "0 1 2" ]
}

@test "bad maps, names, words and roots: one clear error, exit 125, nothing written" {
	local f="$BATS_TEST_TMPDIR/persist"
	local -a cases=(
		"--map-users=0 1000|invalid uid map '0 1000': expected INNER:OUTER:COUNT"
		"--map-users=0:1000:0|invalid uid map '0:1000:0': COUNT must be at least 1"
		"--map-groups=0:1000:0|invalid gid map '0:1000:0': COUNT must be at least 1"
		"--map-users=-1:0:1|invalid uid map '-1:0:1': expected INNER:OUTER:COUNT"
		"--map-users=4294967296:0:1|invalid uid map '4294967296:0:1': ids must stay within 0..4294967294"
		"--map-user=-1|unknown user '-1': expected a user name or a number"
		"--map-user=4294967296|invalid uid '4294967296': expected at most 4294967294"
		"--map-user=no-such-user-$UNIQ|unknown user 'no-such-user-$UNIQ'"
		"--map-group=no-such-group-$UNIQ|unknown group 'no-such-group-$UNIQ'"
		"--setuid=no-such-user-$UNIQ|unknown user 'no-such-user-$UNIQ'"
		"--propagation=sharde|unknown propagation 'sharde': expected private, shared, slave or unchanged"
		"--setgroups=maybe|unknown setgroups mode 'maybe': expected allow or deny"
		"--root=/etc/passwd|invalid root '/etc/passwd': not a directory"
		"--root=/no-such-dir-$UNIQ|invalid root '/no-such-dir-$UNIQ': No such file or directory"
		"--kill-child=SIGNOPE|unknown signal 'SIGNOPE'"
		"--monotonic=1h|invalid monotonic offset '1h': expected whole seconds"
		"--info-json=77|invalid --info-json fd '77': it is not open"
		"--hostname=x|--hostname needs a new UTS namespace: add -u"
	)
	local c opt want
	for c in "${cases[@]}"; do
		opt=${c%%|*} want=${c#*|}
		run --separate-stderr "$NSBOX" nsunshare --net="$f" "$opt" true
		[ "$status" -eq 125 ] || { echo "$opt: exit $status"; return 1; }
		[[ "$stderr" == "nsunshare: $want"* ]] || { echo "$opt: $stderr"; return 1; }
		[ "$(wc -l <<<"$stderr")" -eq 2 ] && [[ "$stderr" == *"Try 'nsunshare --help'." ]]
		[ ! -e "$f" ] || { echo "$opt: $f was created"; return 1; }
	done
	run --separate-stderr "$NSBOX" nsunshare --map-users=0:1000:10 --map-users=5:2000:10 true
	[ "$stderr" = "$(printf "nsunshare: invalid uid map '5:2000:10': it overlaps another range of the map\nTry 'nsunshare --help'.")" ]
	run --separate-stderr "$NSBOX" nsunshare -r -c true
	[ "$status" -eq 125 ]
	[[ "$stderr" == "nsunshare: --map-root-user and --map-current-user are mutually exclusive"* ]]
}

@test "persistent namespaces: the file outlives the command, nsls lists it, umount removes it" {
	local net="$BATS_TEST_TMPDIR/net" uts="$BATS_TEST_TMPDIR/uts"
	# a throwaway mount namespace keeps the bind mounts off the host even if a step fails
	run unshare -m --propagation private sh -c "
		'$NSBOX' nsunshare --net='$net' --uts='$uts' --hostname=p$UNIQ true || exit 1
		stat -f -c %T '$net'
		nsenter --net='$net' ip -o link show | cut -d' ' -f2-3
		nsenter --uts='$uts' hostname
		'$NSBOX' nsls -J -o TYPE,NSFS | grep -A1 '\"net\"' | grep -o '\"nsfs\": \"$net\"'
		umount '$net'
		grep -c ' $net ' /proc/self/mountinfo"
	[ "$status" -eq 1 ] # grep -c found nothing
	[ "$output" = "$(printf 'nsfs\nlo: <LOOPBACK,UP,LOWER_UP>\np%s\n"nsfs": "%s"\n0' "$UNIQ" "$net")" ]
	! grep -q " $BATS_TEST_TMPDIR/" /proc/self/mountinfo
}

@test "--info-json: pid and the inodes of the new namespaces, pid namespace and private proc too" {
	local info="$BATS_TEST_TMPDIR/info"
	run "$NSBOX" nsunshare -n -u -p --mount-proc --info-json 3 \
		readlink /proc/self/ns/net /proc/self/ns/uts /proc/self/ns/pid 3>"$info"
	[ "$status" -eq 0 ]
	local net_ino uts_ino pid_ino
	net_ino=$(sed -n 's/net:\[\([0-9]*\)\]/\1/p' <<<"$output")
	uts_ino=$(sed -n 's/uts:\[\([0-9]*\)\]/\1/p' <<<"$output")
	pid_ino=$(sed -n 's/pid:\[\([0-9]*\)\]/\1/p' <<<"$output")
	grep -q "^{\"pid\":[0-9]*,\"namespaces\":{.*\"uts\":$uts_ino,\"net\":$net_ino,\"pid\":$pid_ino,.*}}$" "$info"
	[ "$net_ino" != "$(stat -L -c %i /proc/self/ns/net)" ]
	[ "$pid_ino" != "$(stat -L -c %i /proc/self/ns/pid)" ]
	run "$NSBOX" nsunshare -n --info-json 3 readlink /proc/self/ns/net 3>"$info"
	grep -q "^{\"pid\":[0-9]*,\"namespaces\":{.*\"net\":$(sed 's/net:\[\([0-9]*\)\]/\1/' <<<"$output"),.*}}$" "$info"
}

@test "-T --boottime: the clock inside is ahead by the offset" {
	run "$NSBOX" nsunshare -f --boottime 864000 cat /proc/uptime
	[ "$status" -eq 0 ]
	local inside=${output%%.*} outside
	outside=$(cut -d. -f1 /proc/uptime)
	[ $((inside - outside)) -ge 863990 ] && [ $((inside - outside)) -le 864000 ]
}

@test "completion: propagation words, setgroups modes, signal names" {
	run "$NSBOX" __complete nsunshare --propagation ''
	[ "$output" = "$(printf 'private\nshared\nslave\nunchanged')" ]
	run "$NSBOX" __complete nsunshare --setgroups=d
	[[ "$output" == "--setgroups=deny"* ]]
	run "$NSBOX" __complete nsunshare --kill-child=TE
	[ "$output" = "--kill-child=TERM" ]
	run "$NSBOX" __complete nsunshare --map-
	[[ "$output" == *"--map-users="* && "$output" == *"--map-auto"* ]]
}

# A throwaway user with ranges in /etc/subuid and /etc/subgid (useradd allocates them).
make_user() {
	TEST_USER="nsu$$r$RANDOM"
	local i
	# shadow's lock files make concurrent useradd runs fail now and then: retry
	for i in 1 2 3 4 5; do
		useradd --no-create-home --shell /bin/sh "$TEST_USER" 2>/dev/null && break
		sleep 0.2
	done
	id "$TEST_USER" >/dev/null
	grep -q "^$TEST_USER:" /etc/subuid || usermod --add-subuids 3000000000-3000065535 \
		--add-subgids 3000000000-3000065535 "$TEST_USER"
}

remove_user() {
	[ -n "${TEST_USER:-}" ] || return 0
	local i
	for i in 1 2 3 4 5; do userdel "$TEST_USER" 2>/dev/null && break; sleep 0.2; done
	TEST_USER=""
}

as_test_user() {
	setpriv --reuid="$(id -u "$TEST_USER")" --regid="$(id -g "$TEST_USER")" --clear-groups "$@"
}

@test "unprivileged --map-auto and --map-users go through newuidmap/newgidmap" {
	command -v newuidmap >/dev/null || skip "newuidmap missing (make deps installs uidmap)"
	make_user
	local sub_start sub_count gsub_start uid gid
	IFS=: read -r _ sub_start sub_count < <(grep "^$TEST_USER:" /etc/subuid)
	IFS=: read -r _ gsub_start _ < <(grep "^$TEST_USER:" /etc/subgid)
	uid=$(id -u "$TEST_USER") gid=$(id -g "$TEST_USER")
	run --separate-stderr as_test_user "$NSBOX" nsunshare --map-auto -S 0 -G 0 \
		sh -c 'cat /proc/self/uid_map; id -u; id -g'
	local rc=$status out=$output err=$stderr
	run --separate-stderr as_test_user "$NSBOX" nsunshare -r --map-users "1:$sub_start:10" \
		--map-groups "1:$gsub_start:10" sh -c 'cat /proc/self/uid_map /proc/self/gid_map'
	remove_user
	[ "$rc" -eq 0 ] || { echo "$err"; return 1; }
	[ "$(tr -s ' ' <<<"$out" | sed 's/^ //')" = "$(printf '0 %s %s\n0\n0' "$sub_start" "$sub_count")" ]
	[ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
	[ "$(tr -s ' ' <<<"$output" | sed 's/^ //')" = "$(printf '1 %s 10\n0 %s 1\n1 %s 10\n0 %s 1' \
		"$sub_start" "$uid" "$gsub_start" "$gid")" ]
}

@test "persistent pid, time and cgroup namespaces: the bound inode is the command's" {
	local d="$BATS_TEST_TMPDIR"
	run unshare -m --propagation private sh -c "
		'$NSBOX' nsunshare -f --pid='$d/pid' --time='$d/time' --cgroup='$d/cg' \
			readlink /proc/self/ns/pid /proc/self/ns/time /proc/self/ns/cgroup | sed 's/.*\[\(.*\)\]/\1/'
		stat -L -c %i '$d/pid' '$d/time' '$d/cg'"
	[ "$status" -eq 0 ]
	[ "$(sed -n 1,3p <<<"$output")" = "$(sed -n 4,6p <<<"$output")" ]
	[ "$(wc -l <<<"$output")" -eq 6 ]
}

@test "persistent mount namespace: bound on the host under a private mount, then unmounted" {
	local d="$BATS_TEST_TMPDIR/m"
	mkdir "$d"
	# a mount namespace can be bound only from an older one: the host's, under a private mount
	mount --bind "$d" "$d"
	mount --make-private "$d"
	run "$NSBOX" nsunshare --mount="$d/mnt" sh -c 'readlink /proc/self/ns/mnt | sed "s/.*\[\(.*\)\]/\1/"'
	[ "$status" -eq 0 ]
	[ "$output" = "$(stat -L -c %i "$d/mnt")" ]
	umount "$d/mnt"
	umount "$d"
	! grep -q " $d" /proc/self/mountinfo
}

@test "--domainname, -S/-G with --keep-caps" {
	run "$NSBOX" nsunshare -u --domainname "d$UNIQ" domainname
	[ "$output" = "d$UNIQ" ]
	run "$NSBOX" nsunshare -U --map-users 0:0:10 --map-groups 0:0:10 -S 1 -G 2 \
		sh -c 'id -u; id -g; grep CapEff /proc/self/status'
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '1\n2\nCapEff:\t0000000000000000')" ]
	run "$NSBOX" nsunshare -U --map-users 0:0:10 --map-groups 0:0:10 -S 1 -G 2 --keep-caps \
		sh -c 'grep CapEff /proc/self/status'
	[ "$status" -eq 0 ]
	[ "$output" != "$(printf 'CapEff:\t0000000000000000')" ]
	[[ "$output" == "CapEff:"* ]]
}

@test "--propagation when / is not a mount point: a clear error, and 'unchanged' works" {
	local root="$BATS_TEST_TMPDIR/chroot"
	mkdir "$root"
	# a chroot whose / is a plain directory, with the host's binaries bound in (throwaway mount ns)
	local binds="" top
	for top in usr bin lib lib64 etc proc "$(cut -d/ -f2 <<<"$NSBOX")"; do
		[ -e "/$top" ] || continue
		binds+="mkdir -p '$root/$top' && mount --rbind '/$top' '$root/$top' && "
	done
	run --separate-stderr unshare -m --propagation private sh -c "$binds
		'$NSBOX' nsunshare -R '$root' '$NSBOX' nsunshare -m true; echo rc=\$?
		'$NSBOX' nsunshare -R '$root' '$NSBOX' nsunshare -m --propagation unchanged true; echo rc=\$?"
	[ "$output" = "$(printf 'rc=125\nrc=0')" ]
	[ "$stderr" = "nsunshare: cannot make '/' private: Invalid argument; it is not a mount point; use --propagation unchanged" ]
	! grep -q " $root" /proc/self/mountinfo
}
