#!/bin/sh
# The test harness a newcomer drives: make check-one picks one test.
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
# the build make check is running (build-san under check-san)
BUILD=${ORDESK_BUILD:-$ROOT/build}

one() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory -C "$ROOT" B="$BUILD" BIN="$ORDESK" check-one T="$1"; }

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
check "run.sh fails on a failing file" [ "$(cat "$T/run_status")" -eq 1 ]
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

# GOLDEN=update reaches the tests, with tests/ as an absolute path from make.
printf 'echo "golden=$ORDESK_GOLDEN tests=$ORDESK_TESTS" > "%s/env_seen"\necho "ok env"\n' "$T" > "$T/t04_env.sh"
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory -C "$ROOT" B="$BUILD" BIN="$ORDESK" check-one T="$T/t04_env.sh" GOLDEN=update \
	> /dev/null 2>&1
contains "$T/env_seen" "golden=update tests=$ROOT/tests" "make passes GOLDEN and the tests directory"

# The report's goldens: read from $ORDESK_TESTS whatever the working directory,
# a mismatch names the first differing line, GOLDEN=update rewrites them.
mkdir -p "$T/copy/data" "$T/elsewhere"
cp -R "$ROOT/tests/data/report" "$T/copy/data/report"
sed -i '3s/$/ changed/' "$T/copy/data/report/fixture-w47.txt"
want3=$(sed -n 3p "$ROOT/tests/data/report/fixture-w47.txt")
unit_report() {
	(cd "$T/elsewhere" && CK_RUN_CASE="fixture week" CK_DEFAULT_TIMEOUT=120 ORDESK_DATA="$ROOT/data" \
		ORDESK_TESTS="$T/copy" "$@" "$BUILD/tests/test_report") > "$T/unit_out" 2>&1
}
unit_report env ORDESK_GOLDEN=
contains "$T/unit_out" "$T/copy/data/report/fixture-w47.txt differs" "a report golden resolves from ORDESK_TESTS"
contains "$T/unit_out" "first at line 3:" "a report golden mismatch names the line"
contains "$T/unit_out" "expected: $want3 changed" "a report golden mismatch shows the expected line"
contains "$T/unit_out" "got:      $want3" "a report golden mismatch shows what came out"
unit_report env ORDESK_GOLDEN=update
contains "$T/unit_out" "Failures: 0, Errors: 0" "GOLDEN=update passes the report goldens"
check "GOLDEN=update rewrote the report golden" \
	cmp -s "$T/copy/data/report/fixture-w47.txt" "$ROOT/tests/data/report/fixture-w47.txt"

# The screen dumps: the same switch, the same directory, a diff -u on a mismatch.
mkdir -p "$T/copy/screens"
printf 'line one\nline two\n' > "$T/copy/screens/fake.txt"
{
	printf '. "%s/lib.sh"\n. "%s/board_fixture.sh"\n' "$ROOT/tests/sh" "$ROOT/tests/sh"
	echo 'printf "line one\nline 2\n" > "$T/fake.txt"'
	echo 'screen_is fake'
	echo 'finish'
} > "$T/t05_screen.sh"
ORDESK_TESTS=$T/copy ORDESK_GOLDEN= sh "$ROOT/tests/sh/run.sh" "$T/t05_screen.sh" > "$T/screen_out" 2>&1
contains "$T/screen_out" "not ok screen fake" "a screen mismatch fails"
contains "$T/screen_out" "#   -line two" "a screen mismatch shows the diff's expected side"
contains "$T/screen_out" "#   +line 2" "a screen mismatch shows the diff's new side"
ORDESK_TESTS=$T/copy ORDESK_GOLDEN=update sh "$ROOT/tests/sh/run.sh" "$T/t05_screen.sh" > "$T/screen_out" 2>&1
contains "$T/screen_out" "sh: 1 passed, 0 failed" "GOLDEN=update passes the screen"
contains "$T/copy/screens/fake.txt" "line 2" "GOLDEN=update rewrote the screen"

# src/gen/deps.sh on a system without dpkg: what is here counts as here.
mkdir -p "$T/nodpkg"
for c in sh cc make pkg-config tmux sqlite3 msgfmt python3 man grep id; do
	p=$(command -v "$c") && ln -s "$p" "$T/nodpkg/$c"
done
PATH=$T/nodpkg /bin/sh "$ROOT/src/gen/deps.sh" > "$T/deps_out" 2>&1
echo $? > "$T/deps_status"
check "deps.sh without dpkg-query finds what is installed" [ "$(cat "$T/deps_status")" -eq 0 ]
lacks "$T/deps_out" "install" "deps.sh without dpkg-query asks for nothing"
# and names what is really absent, only that.
rm "$T/nodpkg/pkg-config"
printf '#!/bin/sh\ncase " $* " in *" sqlite3 "*) exit 1 ;; esac\nexec %s "$@"\n' "$(command -v pkg-config)" \
	> "$T/nodpkg/pkg-config"
chmod +x "$T/nodpkg/pkg-config"
rm "$T/nodpkg/tmux"
PATH=$T/nodpkg /bin/sh "$ROOT/src/gen/deps.sh" > "$T/deps_out" 2>&1
echo $? > "$T/deps_status"
check "deps.sh without dpkg-query fails when something is absent" [ "$(cat "$T/deps_status")" -eq 1 ]
contains "$T/deps_out" "please install: libsqlite3-dev tmux (or" "deps.sh names only what is absent"
finish
