#!/bin/sh
# Faults at scale: the kill and fault-injection suites of make check, run
# large (60 kills of each of backup and restore; every N of every fault kind
# in import, lock, receive, backup and restore), printing what they counted.
set -u
dir=$(cd "$(dirname "$0")/../sh" && pwd)
t0=$(date +%s)
KILL_ROUNDS=60 sh "$dir/t77_store_kill.sh" 2>&1 | grep -E '^(not )?ok |^#' | sed 's/^/  /'
FAULT_ALL=1 sh "$dir/t78_faults.sh" 2>&1 | grep -E '^(not )?ok |^#   [a-z]' | sed 's/^/  /'
echo "  $(( $(date +%s) - t0 )) s"
