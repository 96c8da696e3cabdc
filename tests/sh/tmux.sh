# tmux helpers for screen tests of the real binary.  Source after lib.sh.
#   tm_start NAME COLSxROWS CMD...   a detached session running CMD (env passed through)
#   tm_keys NAME KEY...              send-keys (tmux key names: Enter, Space, Up, C-c ...)
#   tm_type NAME TEXT                send literal text
#   tm_wait NAME TEXT [SECONDS]      wait until the pane shows TEXT (fixed string); 1 on timeout
#   tm_gone NAME TEXT [SECONDS]      wait until the pane no longer shows TEXT
#   tm_cap NAME [FILE]               capture the pane as text (into FILE, default $T/cap)
#   tm_capc NAME [FILE]              capture with colour escapes (-e)
#   tm_dead NAME [SECONDS]           wait until the program in the pane has ended
#   tm_pid NAME                      the pid of the program in the pane
# Each test file has a tmux server of its own (socket odt$$), killed at exit,
# so tests running side by side never touch each other's sessions.  The
# environment a program needs is passed on its command line (tm_start adds
# TZ, LC_ALL, HOME and TERM).
command -v tmux >/dev/null 2>&1 || { echo "ok # SKIP tmux not installed"; exit 0; }
TM_SOCK="odt$$"
tm() { tmux -L "$TM_SOCK" -f /dev/null "$@"; }
trap 'tmux -L "$TM_SOCK" kill-server 2>/dev/null; rm -rf "$T"' EXIT

tm_start() {
	name=$1; size=$2; shift 2
	cols=${size%x*}; rows=${size#*x}
	tm new-session -d -s "odt$$-$name" -x "$cols" -y "$rows" \
		env TZ="$TZ" LC_ALL="$LC_ALL" HOME="$HOME" TERM="${TM_TERM:-xterm-256color}" "$@" \; \
		set-option -t "odt$$-$name" remain-on-exit on >/dev/null
}
tm_keys() { name=$1; shift; tm send-keys -t "odt$$-$name" "$@"; }
# (tmux reads a trailing ";" as its own separator: end such text with a space)
tm_type() { tm send-keys -t "odt$$-$1" -l "$2"; }
tm_cap() { tm capture-pane -p -t "odt$$-$1" > "${2:-$T/cap}"; }
tm_capc() { tm capture-pane -p -e -t "odt$$-$1" > "${2:-$T/cap}"; }
tm_wait() {
	name=$1; text=$2; secs=${3:-10}; i=0
	while [ $i -lt $((secs * 20)) ]; do
		if tm capture-pane -p -t "odt$$-$name" 2>/dev/null | grep -qF -- "$text"; then return 0; fi
		sleep 0.05; i=$((i + 1))
	done
	return 1
}
tm_gone() {
	name=$1; text=$2; secs=${3:-10}; i=0
	while [ $i -lt $((secs * 20)) ]; do
		if ! tm capture-pane -p -t "odt$$-$name" 2>/dev/null | grep -qF -- "$text"; then return 0; fi
		sleep 0.05; i=$((i + 1))
	done
	return 1
}
tm_dead() {
	name=$1; secs=${2:-10}; i=0
	while [ $i -lt $((secs * 20)) ]; do
		[ "$(tm display-message -p -t "odt$$-$name" '#{pane_dead}' 2>/dev/null)" = 1 ] && return 0
		sleep 0.05; i=$((i + 1))
	done
	return 1
}
# tm_status NAME: the exit status of the dead pane's program.
tm_status() { tm display-message -p -t "odt$$-$1" '#{pane_dead_status}'; }
tm_pid() { tm display-message -p -t "odt$$-$1" '#{pane_pid}'; }
