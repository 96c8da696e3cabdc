#!/bin/sh
# The man page's KEYS section lists exactly the key table's keys, in its order,
# with each action's help; the hint bar and help view come from the same table.
. "$(dirname "$0")/lib.sh"
MAN="$(dirname "$0")/../../man/ordesk.1"

od init >/dev/null
expect_status 0 "board --keys prints the key table" od board --keys
cut -f1 "$T/out" > "$T/table_keys"
sed -n '/^\.\\" keys: begin/,/^\.\\" keys: end/p' "$MAN" | sed -n 's/^\.B //p' > "$T/man_keys"
if [ -s "$T/table_keys" ] && diff -u "$T/table_keys" "$T/man_keys" > "$T/keys.diff"; then
	ok "man page KEYS lists exactly the key table's keys"
else
	not_ok "man page KEYS differs from the key table (left: table, right: man page)"
	sed 's/^/#   /' "$T/keys.diff" | head -30
fi
# Each action's help sentence is there too, after its keys.
missing=0
while IFS="	" read -r keys name help views; do
	grep -qiF -- "$help" "$MAN" || { echo "# no help for $name: $help"; missing=1; }
done < "$T/out"
[ $missing -eq 0 ] && ok "man page has every action's help" || not_ok "man page lacks some actions' help"
[ "$(wc -l < "$T/out")" -gt 20 ] && ok "the table has the board's actions" || not_ok "table too short"
# No key means two things in one view: every (view, key) pair of the table once.
awk -F'\t' '{ nk = split($1, k, ", "); nv = split($4, v, ","); if (nv == 0) print "none " $2
	for (i = 1; i <= nk; i++) for (j = 1; j <= nv; j++) print v[j] " " k[i] " " $2 }' "$T/out" \
	| sort -k1,2 > "$T/pairs"
awk '{ p = $1 " " $2; if (p == last) print lastrow "  and  " $0; last = p; lastrow = $0 }' \
	"$T/pairs" > "$T/twice"
if [ -s "$T/pairs" ] && [ ! -s "$T/twice" ]; then
	ok "no key has two meanings in one view ($(wc -l < "$T/pairs") view-key pairs)"
else
	not_ok "a key has two meanings in one view"; sed 's/^/#   /' "$T/twice"
fi
grep -q "^order Esc " "$T/pairs" && ok "Esc goes back from the order view" || not_ok "no Esc in the order view"
grep -q "^order / search" "$T/pairs" && ok "/ searches from the order view" || not_ok "no / in the order view"
# The help view shows the table's rows.
ORDESK_KEYS='?' ORDESK_SIZE=120x60 ORDESK_DUMP="$T/help.txt" od board > /dev/null 2>&1
contains "$T/help.txt" "search the start of an order number" "help view from the table"
contains "$T/help.txt" "Space" "help view names the keys"
# A bad key name in a script is a usage error.
ORDESK_KEYS='j Nonsense' expect_status 64 "unknown scripted key is refused" od board
contains "$T/err" "unknown key Nonsense" "the refusal names the key"
finish
