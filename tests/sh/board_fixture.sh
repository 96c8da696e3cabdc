# Board fixtures: stores with known orders, written straight into the schema
# with sqlite3 so that screen tests do not depend on the demo generator.
# Source after lib.sh.  All times are relative to NOW (2026-11-22 10:42 UTC).
#   board_store KIND   creates $DB: "empty", "orders" or "cjk"
NOW=1795344120
ME=$(id -un)
export ORDESK_NOW=$NOW

# o ID NO CH STAGE PRIO CUSTOMER ITEMS STAGE_AGO_MIN DUE_IN_MIN PREV_ON_TIME [PHONE]
_o() {
	rank=$(case $5 in urgent) echo 0;; high) echo 1;; normal) echo 2;; *) echo 3;; esac)
	due=$(( ${9} == 0 ? 0 : NOW + ${9} * 60 ))
	[ "${9}" = x ] && due=0
	cust=$(printf '%s' "$6" | sed "s/'/''/g")
	echo "INSERT INTO orders (id, order_no, channel, channel_ref, stage, priority, prio_rank, score,
	  ordered_at, received_at, stage_at, due_at, promise_at, prev_on_time, customer, phone, address,
	  items, lines, total_cents, currency)
	  VALUES ($1, '$2', '$3', 'R$1-$3', '$4', '$5', $rank, $((100 - $1)), $((NOW - 7200)),
	  $((NOW - 3600)), $((NOW - $8 * 60)), $due, $((NOW + 86400)), ${10}, '$cust', '${11:-555-01$1}',
	  '1 Main Street', $7, 1, $(( $7 * 1250 )), 'CNY');"
	echo "INSERT INTO order_lines (order_id, line_no, sku, name, qty, unit_price_cents)
	  VALUES ($1, 1, 'SKU-$1', 'item $1', $7, 1250);"
	echo "INSERT INTO events (at, actor, order_id, what, to_val, why)
	  VALUES ($((NOW - 3600)), 'import', $1, 'import', 'new', 'fixture');"
}
_x() {  # exception ORDER KIND
	echo "INSERT INTO exceptions (order_id, kind, stage, opened_at, opened_by, description)
	  VALUES ($1, '$2', 'new', $((NOW - 1800)), 'import', 'fixture $2');"
}

board_store() {
	"$ORDESK" --db "$DB" init >/dev/null || return 1
	case $1 in
	empty) return 0 ;;
	orders) {
		echo "BEGIN;"
		_o 1 20261122-EC-0001 EC new urgent '张伟' 2 18 42 0
		_o 2 20261122-EC-0002 EC new normal 'Anna Schmidt' 1 50 10 0
		_o 3 20261122-ST-0001 ST new high '王芳' 3 30 30 0
		_o 4 20261122-DS-0001 DS new low '李娜' 1 65 -5 0
		_o 5 20261122-EC-0003 EC review normal 'Maria Rossi' 4 2 40 1
		_o 6 20261122-ST-0002 ST review urgent '欧阳娜娜' 1 10 50 0
		_o 7 20261122-EC-0004 EC locked high 'Jean Dupont' 2 5 25 1
		_o 8 20261122-DS-0002 DS picking normal '陈静' 5 60 180 0
		_o 9 20261122-EC-0005 EC picking urgent 'Bob Stone' 1 20 30 0 '13800138000'
		_o 10 20261122-EC-0006 EC shipped normal '刘洋' 2 20 40 1
		_o 11 20261121-ST-0003 ST transit normal "$(printf 'Tom \033[31mEvil')" 1 600 2280 1
		_o 12 20261120-EC-0007 EC done normal '赵敏' 3 1440 x 1
		_o 13 20261120-DS-0003 DS cancelled normal 'Gone Away' 1 1440 x 0
		_x 3 needs_info
		_x 7 stock_short
		echo "UPDATE orders SET carrier = 'SF', tracking = 'SF1234567' WHERE id = 10;"
		echo "INSERT INTO events (at, actor, order_id, what, from_val, to_val, why)
		  VALUES ($((NOW - 120)), '$ME', 5, 'advance', 'new', 'review', '');"
		echo "COMMIT;"
	} | sqlite3 "$DB" && recount ;;
	cjk) {
		echo "BEGIN;"
		i=1
		for name in '欧阳娜娜娜娜娜娜娜娜娜娜' '司马相如司马相如' 'Zoë 张三丰三丰三丰' '王小明' \
		            '李' '诸葛孔明诸葛孔明诸葛' '上官婉儿' 'Åsa 李四' '東方不敗東方不敗' '김민준김민준김민준' \
		            '陈' '黄飞鸿黄飞鸿黄飞鸿黄飞鸿' '田中太郎たなかたろう' 'Ω 欧米伽' ; do
			stage=$(echo new review locked picking shipped transit done | cut -d' ' -f$(( (i - 1) % 7 + 1 )))
			_o $i "20261122-EC-$(printf %04d $i)" EC "$stage" normal "$name" $i $((i * 7)) $((90 - i * 9)) 0
			i=$((i + 1))
		done
		echo "COMMIT;"
	} | sqlite3 "$DB" && recount ;;
	esac
}

# board_dump NAME SIZE KEYS: runs the scripted board, leaves the screen in $T/NAME.txt,
# with the operator's login (machine-dependent) replaced and the header's spaces squeezed,
# and its last line (the hint bar) apart in $T/NAME.hints.
board_dump() {
	ORDESK_KEYS="$3" ORDESK_SIZE="$2" ORDESK_DUMP="$T/$1.raw" "$ORDESK" --db "$DB" board \
		> "$T/$1.out" 2> "$T/$1.err"
	echo $? > "$T/$1.status"
	sed "1s/ $ME (/ OPERATOR (/; 1s/   */  /g" "$T/$1.raw" > "$T/$1.txt"
	# The hint bar grows as views and actions are added: compared apart.
	tail -n 1 "$T/$1.txt" > "$T/$1.hints"
	sed -i '$d' "$T/$1.txt"
}

# screen_is NAME: compares $T/NAME.txt with tests/screens/NAME.txt and shows the
# diff -u of a mismatch; ORDESK_GOLDEN=update (make check GOLDEN=update) rewrites it.
# tests/ is $ORDESK_TESTS, which make sets, else the one this file is in.
SCREENS=${ORDESK_TESTS:-$(cd "$(dirname "$0")/.." && pwd)}/screens
screen_is() {
	if [ "${ORDESK_GOLDEN:-}" = update ]; then cp "$T/$1.txt" "$SCREENS/$1.txt"; fi
	if diff -u "$SCREENS/$1.txt" "$T/$1.txt" > "$T/$1.diff"; then ok "screen $1"; else
		not_ok "screen $1"; head -40 "$T/$1.diff" | sed 's/^/#   /'; fi
}
