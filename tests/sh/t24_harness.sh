#!/bin/sh
# The test harness a newcomer drives: make check-one picks one test.
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# the build make check is running (build-san under check-san)
BUILD=${ORDESK_BUILD:-$ROOT/build}

one() { make -s --no-print-directory -C "$ROOT" B="$BUILD" BIN="$ORDESK" check-one T="$1"; }

# A shell test file given by path runs through run.sh.
printf '. "%s/lib.sh"\nok "first"\nok "second"\nfinish\n' "$ROOT/tests/sh" > "$T/t01_fake.sh"
one "$T/t01_fake.sh" > "$T/one_sh" 2>&1
contains "$T/one_sh" "PASS $T/t01_fake.sh (2)" "check-one runs a shell file given by path"
contains "$T/one_sh" "sh: 2 passed, 0 failed" "check-one prints the shell summary"

# A Check test case by its name, and a unit binary by its name.
one health > "$T/one_case" 2>&1
contains "$T/one_case" "Running suite(s): core_health" "check-one finds the binary of a test case"
contains "$T/one_case" "Failures: 0, Errors: 0" "check-one runs the test case"
one test_core_health > "$T/one_bin" 2>&1
contains "$T/one_bin" "Running suite(s): core_health" "check-one runs a unit binary"

one t23_manpage > "$T/one_name" 2>&1
contains "$T/one_name" "PASS $ROOT/tests/sh/t23_manpage.sh" "check-one finds a shell file by its name"

expect_status 2 "check-one refuses a name that names nothing" one no_such_test_anywhere
contains "$T/err" "no shell test, unit binary or test case named 'no_such_test_anywhere'" \
	"check-one says what it could not find"

# run.sh shows every failure with its detail, however much output follows it.
{
	printf '. "%s/lib.sh"\n' "$ROOT/tests/sh"
	echo 'not_ok "early failure"; echo "#   early detail"'
	echo 'i=0; while [ $i -lt 60 ]; do ok "filler $i"; i=$((i + 1)); done'
	echo 'not_ok "late failure"; printf "#   late detail 1\n#   late detail 2\n"'
	echo 'echo "unrelated chatter"'
	echo 'i=0; while [ $i -lt 60 ]; do ok "more $i"; i=$((i + 1)); done'
	echo 'finish'
} > "$T/t02_failing.sh"
sh "$ROOT/tests/sh/run.sh" "$T/t02_failing.sh" > "$T/run_out" 2>&1
echo $? > "$T/run_status"
contains "$T/run_status" 1 "run.sh fails on a failing file"
contains "$T/run_out" "not ok early failure" "run.sh shows the first not ok"
contains "$T/run_out" "#   early detail" "run.sh shows the first not ok's detail"
contains "$T/run_out" "not ok late failure" "run.sh shows the last not ok"
contains "$T/run_out" "#   late detail 2" "run.sh shows every detail line"
lacks "$T/run_out" "ok filler" "run.sh leaves out the passing lines"
lacks "$T/run_out" "unrelated chatter" "run.sh stops a detail at the next plain line"
contains "$T/run_out" "sh: 120 passed, 2 failed" "run.sh counts both"

# A file that dies without a not ok still shows how it ended.
printf 'echo "about to fail"\nexit 3\n' > "$T/t03_dies.sh"
sh "$ROOT/tests/sh/run.sh" "$T/t03_dies.sh" > "$T/run_dies" 2>&1
contains "$T/run_dies" "FAIL $T/t03_dies.sh (exit 3)" "run.sh reports a file that dies"
contains "$T/run_dies" "about to fail" "run.sh shows the end of a file that dies"
finish
