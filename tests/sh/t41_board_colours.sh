#!/bin/sh
# The board's colours on light and dark terminals.
#  1. Every role of `ordesk board --colours` is measured: in 256 colours
#     (xterm's palette, whose shades 16-255 every terminal shares) a role on
#     the terminal's own background keeps a contrast of 3:1 against white and
#     against black; a role with its own background keeps 4.5:1 against it.
#     In 8 colours (the terminal's theme decides the shades) no role on the
#     default background is white (7), black (0) or yellow (3).
#  2. In tmux on xterm-256color the 256-colour scheme is the one drawn, and
#     the at-risk and in-time cards differ; a status message is drawn in the
#     terminal's own foreground, on a dark and on a light window style.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/board_fixture.sh"

board_store orders
od board --colours > "$T/colours" 2> "$T/err"
n=$(grep -c '	256	' "$T/colours")
[ "$n" -ge 20 ] && ok "--colours lists the roles ($n)" || not_ok "--colours lists $n roles"

# contrast.awk: reads "role scheme fg bg" lines, prints one verdict per line.
cat > "$T/contrast.awk" <<'EOF'
function lin(c) { c = c / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ^ 2.4 }
function level(i) { return i == 0 ? 0 : 55 + 40 * i }
# relative luminance of xterm colour n (16-255); -1 when unknown (0-15)
function lum(n,   r, g, b, v) {
	if (n >= 232) { v = 8 + 10 * (n - 232); r = g = b = v }
	else if (n >= 16) { n -= 16; r = level(int(n / 36)); g = level(int(n / 6) % 6); b = level(n % 6) }
	else return -1
	return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}
function ratio(a, b) { return a > b ? (a + 0.05) / (b + 0.05) : (b + 0.05) / (a + 0.05) }
$2 == "256" {
	fg = $3; bg = $4
	if (fg == -1 && bg == -1) { print "ok", $1, "default colours"; next }
	if (fg == -1) { print "ok", $1, "default foreground on its own background"; next }
	if (lum(fg) < 0 || (bg != -1 && lum(bg) < 0)) { print "bad", $1, "a colour of the terminal's 16"; next }
	if (bg == -1) {
		w = ratio(lum(fg), 1); k = ratio(lum(fg), 0)
		printf "%s %s on white %.2f, on black %.2f\n", (w >= 3 && k >= 3) ? "ok" : "bad", $1, w, k
	} else {
		c = ratio(lum(fg), lum(bg))
		printf "%s %s against its background %.2f\n", (c >= 4.5) ? "ok" : "bad", $1, c
	}
}
$2 == "8" {
	if ($4 == -1 && ($3 == 0 || $3 == 7 || $3 == 3)) print "bad", $1, "8 colours: colour " $3 " on the default background"
	else print "ok", $1, "8 colours"
}
EOF
awk -f "$T/contrast.awk" "$T/colours" > "$T/verdicts"
if grep -q '^bad' "$T/verdicts"; then
	not_ok "every colour pair readable on light and dark"; grep '^bad' "$T/verdicts" | sed 's/^/#   /'
else
	ok "every colour pair readable on light and dark ($(wc -l < "$T/verdicts") pairs)"
fi
# The measure itself: the old status colour (252, light grey on the default
# background) and the old in-time yellow (178) are refused by it.
printf 'status\t256\t252\t-1\ncard-busy\t256\t178\t-1\n' | awk -f "$T/contrast.awk" > "$T/old"
[ "$(grep -c '^bad' "$T/old")" -eq 2 ] && ok "the measure refuses light grey and light yellow on a light terminal" \
	|| not_ok "the measure passes colours that vanish on a light terminal"

. "$(dirname "$0")/tmux.sh"
B="env ORDESK_NOW=$NOW $ORDESK --db $DB"

# wait_for NAME TEXT WHAT: ok when TEXT shows within 5 s, else the screen.
wait_for() {
	if tm_wait "$1" "$2" 5; then ok "$3"; else not_ok "$3 (no '$2')"; tm_cap "$1"; sed 's/^/#   /' "$T/cap"; fi
}
# sgr_of FILE TEXT: the last SGR sequence before TEXT on its line.
sgr_of() { grep -F -- "$2" "$1" | head -1 | sed "s/$(printf '\033')/E/g; s/$2.*//" | grep -o 'E\[[0-9;]*m' | tail -1; }

for style in dark light; do
	tm_start $style 100x30 $B board
	[ $style = light ] && tm set-option -t "odt$$-$style" window-style 'fg=black,bg=white' >/dev/null
	wait_for $style "NEW 4" "$style: board opens"
	tm_capc $style "$T/$style"
	if grep -q '38;5;' "$T/$style"; then ok "$style: the 256-colour scheme is drawn on xterm-256color"; else
		not_ok "$style: no 256-colour codes on xterm-256color"; fi
	# Anna Schmidt's card is at risk (50 of 60 minutes used), 陈静's in time (60 of 240).
	risk=$(sgr_of "$T/$style" "Anna Schmidt"); busy=$(sgr_of "$T/$style" "陈静")
	if [ -n "$risk" ] && [ "$risk" != "$busy" ]; then ok "$style: at-risk ($risk) and in-time ($busy) cards differ"; else
		not_ok "$style: at-risk and in-time cards drawn alike ('$risk' '$busy')"; fi
	# A status message (what a search found).
	tm_keys $style /; tm_type $style "Bob"; tm_keys $style Enter
	wait_for $style "match 1 of 1 for Bob" "$style: a status message shows"
	tm_capc $style "$T/$style.msg"
	sgr=$(sgr_of "$T/$style.msg" "match 1 of 1")
	case $sgr in
	*38\;5\;*|*\[3[0-7]m*|*\;3[0-7]m*|*\[3[0-7]\;*|*\;3[0-7]\;*)
		not_ok "$style: status text in a fixed colour ($sgr)" ;;
	*) ok "$style: status text in the terminal's own colours ($sgr)" ;;
	esac
	tm_keys $style Escape q
done

finish
