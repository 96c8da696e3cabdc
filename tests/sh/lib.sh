# Shared helpers for shell tests.  Source it; then use the functions below.
#   ORDESK   the binary under test (set by make)
#   T        a fresh temporary directory, removed at exit
#   DB       $T/store.db
set -u
: "${ORDESK:?ORDESK must name the binary under test}"
T=$(mktemp -d "${TMPDIR:-/tmp}/ordesk-test.XXXXXX")
DB=$T/store.db
export TZ=UTC LC_ALL=C.UTF-8 HOME=$T NO_COLOR= XDG_DATA_HOME=$T/xdg
unset ORDESK_DB ORDESK_NOW NO_COLOR
_failed=0
trap 'rm -rf "$T"; for s in $(tmux ls -F "#{session_name}" 2>/dev/null | grep "^odt$$"); do tmux kill-session -t "$s"; done' EXIT

od() { "$ORDESK" --db "$DB" "$@"; }

# recount [DB]: after writing orders with raw SQL, brings the stage counts and
# orders per channel and day up to date as the store's own inserts keep them.
_RECOUNT=$(cd "$(dirname "$0")" && pwd)/recount.sql
recount() { sqlite3 -batch "${1:-$DB}" <"$_RECOUNT"; }

ok() { echo "ok $*"; }
not_ok() { echo "not ok $*"; _failed=1; }

# check NAME CMD...: ok when the command succeeds.
check() { name=$1; shift; if "$@"; then ok "$name"; else not_ok "$name"; fi; }

# expect_status N NAME CMD...: ok when the command exits with N.
expect_status() {
	want=$1; name=$2; shift 2
	"$@" >"$T/out" 2>"$T/err"; got=$?
	if [ "$got" -eq "$want" ]; then ok "$name"; else
		not_ok "$name (exit $got, wanted $want)"; sed 's/^/#   /' "$T/err" "$T/out" | head -20; fi
}

# contains FILE TEXT NAME: ok when FILE holds TEXT (fixed string).
contains() { if grep -qF -- "$2" "$1"; then ok "$3"; else not_ok "$3 (no '$2' in $1)"; sed 's/^/#   /' "$1" | head -20; fi; }
lacks() { if grep -qF -- "$2" "$1"; then not_ok "$3 ('$2' found in $1)"; else ok "$3"; fi; }

# Ends the test file with the right status.
finish() { exit $_failed; }
