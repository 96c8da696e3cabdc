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
finish
