#!/bin/sh
# Runs one test, as `make check-one T=NAME` asks (B, ORDESK, FAULTSHIM,
# ORDESK_DATA and ORDESK_TESTS come from make).  NAME is one of:
#   a shell test file        t70_report, t70_report.sh or a path to a .sh file
#   a unit binary            test_report (every case in it)
#   a Check test case        health (the binaries declaring tcase_create("health"),
#                            run with CK_RUN_CASE=health)
# Exits non-zero when the test fails or NAME names nothing.
set -u
name=${1:-}
here=$(cd "$(dirname "$0")" && pwd)
if [ -z "$name" ]; then
	echo "usage: make check-one T=NAME (a tests/sh file, a unit binary or a Check test case)" >&2
	exit 2
fi

# unit BIN [CASE]: runs one unit binary as make check-unit does.
unit() {
	if [ -n "${2:-}" ]; then export CK_RUN_CASE="$2"; fi
	CK_DEFAULT_TIMEOUT=${CK_DEFAULT_TIMEOUT:-120} "$1"
}

case $name in
*.sh) [ -f "$name" ] && exec sh "$here/run.sh" "$name" ;;
esac
if [ -f "$here/$name.sh" ]; then exec sh "$here/run.sh" "$here/$name.sh"; fi
if [ -f "$here/$name" ] && [ "${name#t[0-9]}" != "$name" ]; then exec sh "$here/run.sh" "$here/$name"; fi
if [ -x "$B/tests/$name" ]; then unit "$B/tests/$name"; exit; fi

# A Check test case: every unit source that creates it.
found=0; rc=0
for src in "$here"/../unit/test_*.c; do
	grep -qF "tcase_create(\"$name\")" "$src" || continue
	bin=$B/tests/$(basename "$src" .c)
	found=1
	unit "$bin" "$name" || rc=1
done
if [ $found -eq 0 ]; then
	echo "check-one: no shell test, unit binary or test case named '$name'" >&2
	exit 2
fi
exit $rc
