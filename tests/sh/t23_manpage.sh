#!/bin/sh
# The man page documents every command, setting, role and exit status the
# program has: its lists are checked against the program's own tables.
. "$(dirname "$0")/lib.sh"
MAN=$(dirname "$0")/../../man/ordesk.1

section() { awk -v b=".\\\\\" $1: begin" -v e=".\\\\\" $1: end" 'index($0, b) == 1 { on = 1; next } index($0, e) == 1 { on = 0 } on' "$MAN"; }

"$ORDESK" --help > "$T/help" || not_ok "--help runs"
sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p' "$T/help" | sort -u > "$T/commands"
check "the help lists commands" [ -s "$T/commands" ]
section commands > "$T/man-commands"
while read -r cmd; do
	if awk -v c="$cmd" 'prev == ".TP" && $1 == ".B" && $2 == c { f = 1 } { prev = $0 } END { exit !f }' "$T/man-commands"; then ok "man page documents $cmd"; else not_ok "man page lacks command $cmd"; fi
done < "$T/commands"
awk 'prev == ".TP" && /^\.B [a-z]/ { print $2 } { prev = $0 }' "$T/man-commands" | sort -u > "$T/man-command-names"
while read -r cmd; do
	if grep -qx "$cmd" "$T/commands"; then ok "$cmd in the man page exists"; else not_ok "man page documents $cmd, which the program lacks"; fi
done < "$T/man-command-names"

od init >/dev/null
od config get | awk '{ print $1 }' | sort > "$T/keys"
check "config get lists settings" [ -s "$T/keys" ]
section settings | sed -n 's/^\.B \([a-z._]*\) .*/\1/p' | sort > "$T/man-keys"
check "the man page lists exactly the settings" cmp "$T/keys" "$T/man-keys"

# The order flags: the list in the man page is the one edit names for a wrong flag.
od import "$(dirname "$0")/../data/import/generic-multiline.csv" >/dev/null
first=$(sqlite3 "$DB" "SELECT order_no FROM orders ORDER BY id LIMIT 1")
od edit "$first" flags=nope >/dev/null 2>"$T/flagerr"
prog_flags=$(sed -n 's/.*unknown flag (\(.*\)).*/\1/p' "$T/flagerr")
man_flags=$(awk 'prev == ".B flags" { sub(/^any of /, ""); sub(/\.$/, ""); print } { prev = $0 }' "$MAN")
check "edit names the flags" [ -n "$prog_flags" ]
check "the man page lists exactly the order flags ($prog_flags)" [ "$prog_flags" = "$man_flags" ]

# The urgent services, cancelled and shipped states and channel-fulfilled values the man page
# names, in its marked passages on them, are the shipped profiles' own.
# (compared in lower case, as the profiles' words are matched)
man_text=$(section "profile words" | tr -s ' \n' '  ' | tr 'A-Z' 'a-z')
check "the man page marks its passages on profile words" [ -n "$man_text" ]
for prof in "$(dirname "$0")"/../../data/profiles/*.profile; do
	for directive in urgent cancelled shipped channel_fulfils; do
		sed -n "s/^$directive[[:space:]]*//p" "$prof" | tr ',' '\n' | sed 's/^ *//; s/ *$//' | tr 'A-Z' 'a-z' >"$T/words"
		while read -r w; do
			[ -n "$w" ] || continue
			case $man_text in
			*"$w"*) ok "man page names $(basename "$prof" .profile)'s $directive word '$w'" ;;
			*) not_ok "man page lacks $(basename "$prof" .profile)'s $directive word '$w'" ;;
			esac
		done <"$T/words"
	done
done

section roles | sed -n 's/^\.B \([a-z]*\)$/\1/p' > "$T/man-roles"
printf 'viewer\nclerk\nsupervisor\nadmin\n' > "$T/roles"
check "the man page lists the roles in order" cmp "$T/roles" "$T/man-roles"

section exit | sed -n 's/^\.B \([0-9]*\)$/\1/p' | tr '\n' ' ' > "$T/man-exit"
check "the man page lists the exit statuses" [ "$(cat "$T/man-exit")" = "0 1 64 65 69 70 74 77 " ]
check "the man page renders without warnings" sh -c "LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l '$MAN' 2>'$T/manerr' >/dev/null; ! grep -q . '$T/manerr'"
finish
