#!/bin/sh
# Installs what building and testing ordesk needs on Debian or Ubuntu, if missing.
# As root it runs apt-get; otherwise through sudo when that works without a
# password; otherwise it prints the one command to run and stops.
set -u
pkgs="build-essential pkg-config libncurses-dev libsqlite3-dev libcsv-dev check tmux sqlite3 gettext python3 tzdata man-db"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
done
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
