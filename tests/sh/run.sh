#!/bin/sh
# Runs shell test files; each prints "ok NAME" / "not ok NAME" lines through lib.sh,
# a "not ok" followed by its detail lines ("#   ...").  For a failing file this
# prints every "not ok" line with its detail; a file that fails without one
# (it stopped early) shows its last 40 lines instead.
# Prints the closing line "sh: N passed, N failed".
pass=0; fail=0
for t in "$@"; do
	out=$(sh "$t" 2>&1); rc=$?
	p=$(printf '%s\n' "$out" | grep -c '^ok ')
	f=$(printf '%s\n' "$out" | grep -c '^not ok ')
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	pass=$((pass + p)); fail=$((fail + f))
	if [ "$f" -ne 0 ] || [ $rc -ne 0 ]; then
		echo "FAIL $t (exit $rc)"
		if printf '%s\n' "$out" | grep -q '^not ok '; then
			printf '%s\n' "$out" | awk '/^not ok / { on = 1; print; next } on && /^#/ { print; next } { on = 0 }'
		else
			printf '%s\n' "$out" | tail -40
		fi
	else
		echo "PASS $t ($p)"
	fi
done
echo "sh: $pass passed, $fail failed"
[ $fail -eq 0 ]
