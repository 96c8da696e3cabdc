#!/bin/sh
# Installs what building and testing ordesk needs on Debian or Ubuntu, if missing.
# As root it runs apt-get; otherwise through sudo when that works without a
# password; otherwise it prints the one command to run and stops.
# Without dpkg (another system) each package is looked for by what it gives
# (a command, a pkg-config module, a header) and only what is absent is named.
set -u
pkgs="build-essential pkg-config libncurses-dev libsqlite3-dev libcsv-dev check tmux sqlite3 gettext python3 tzdata man-db"
cc=${CC:-cc}

# present PACKAGE: whether what PACKAGE gives is here, for systems without dpkg.
present() {
	case $1 in
	build-essential) command -v "$cc" >/dev/null 2>&1 && command -v make >/dev/null 2>&1 ;;
	pkg-config) command -v pkg-config >/dev/null 2>&1 ;;
	libncurses-dev) pkg-config --exists ncursesw 2>/dev/null ;;
	libsqlite3-dev) pkg-config --exists sqlite3 2>/dev/null ;;
	check) pkg-config --exists check 2>/dev/null ;;
	libcsv-dev) printf '#include <csv.h>\n' | "$cc" -E -x c - >/dev/null 2>&1 ;;
	gettext) command -v msgfmt >/dev/null 2>&1 ;;
	tzdata) [ -d "${TZDIR:-/usr/share/zoneinfo}" ] ;;
	man-db) command -v man >/dev/null 2>&1 ;;
	*) command -v "$1" >/dev/null 2>&1 ;;
	esac
}

missing=""
if command -v dpkg-query >/dev/null 2>&1; then
	for p in $pkgs; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
	done
else
	for p in $pkgs; do
		present "$p" || missing="$missing $p"
	done
fi
[ -z "$missing" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
	echo "ordesk: please install:$missing (or their equivalents for your system)" >&2
	exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
	run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
	run="sudo"
else
	echo "ordesk: missing packages:$missing" >&2
	echo "ordesk: run: sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "ordesk: installing$missing" >&2
$run env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 &&
$run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2
