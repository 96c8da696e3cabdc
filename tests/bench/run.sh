#!/bin/sh
# make bench: runs every tests/bench/b*.sh in order.  Benches measure and
# print figures (and ratios to a reference tool run in the same go); they
# never assert.  ORDESK names the binary; BENCH_DIR a scratch directory.
set -u
: "${ORDESK:?}"
BENCH_DIR=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/ordesk-bench.XXXXXX")}
mkdir -p "$BENCH_DIR"
export ORDESK BENCH_DIR TZ=UTC LC_ALL=C.UTF-8
echo "ordesk bench on $(nproc) cores, $(date -u '+%Y-%m-%d %H:%M') UTC, scratch $BENCH_DIR"
for b in $(ls "$(dirname "$0")"/b[0-9]*.sh 2>/dev/null | sort); do
	echo
	echo "== $(basename "$b" .sh)"
	sh "$b" || echo "(bench $(basename "$b") failed with status $?)"
done
[ -n "${BENCH_KEEP:-}" ] || rm -rf "$BENCH_DIR"
