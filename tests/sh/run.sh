#!/bin/sh
# Runs shell test files; each prints "ok NAME" / "not ok NAME" lines through lib.sh.
# Prints the closing line "sh: N passed, N failed".
pass=0; fail=0
for t in "$@"; do
	out=$(sh "$t" 2>&1); rc=$?
	p=$(printf '%s\n' "$out" | grep -c '^ok ')
	f=$(printf '%s\n' "$out" | grep -c '^not ok ')
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	pass=$((pass + p)); fail=$((fail + f))
	if [ "$f" -ne 0 ] || [ $rc -ne 0 ]; then
		echo "FAIL $t (exit $rc)"; printf '%s\n' "$out" | tail -40
	else
		echo "PASS $t ($p)"
	fi
done
echo "sh: $pass passed, $fail failed"
[ $fail -eq 0 ]
