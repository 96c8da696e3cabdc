-- For fixtures that write orders straight into the schema with sqlite3: the
-- store's code counts each order it inserts (store_order_counted), raw SQL does
-- not, so a fixture runs this after its inserts (`recount` in lib.sh).  It
-- also brings the fresh slots up to date, should the fixture have set
-- prev_on_time or open_exc by hand.
UPDATE stage_counts SET
	n   = (SELECT count(*) FROM orders o WHERE o.stage = stage_counts.stage),
	red = (SELECT count(*) FROM orders o WHERE o.stage = stage_counts.stage AND o.open_exc > 0);
DELETE FROM channel_days;
INSERT INTO channel_days (channel, day, n)
	SELECT channel, CAST(julianday(received_at, 'unixepoch', 'localtime') - 2440587.5 AS INTEGER), count(*)
	FROM orders GROUP BY 1, 2;
DELETE FROM fresh_counts;
INSERT INTO fresh_counts (stage, slot, n)
	SELECT stage, stage_at / 10, count(*) FROM orders
	WHERE open_exc = 0 AND prev_on_time = 1 AND stage <> 'done' AND stage <> 'cancelled'
	GROUP BY 1, 2;
