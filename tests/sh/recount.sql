-- For fixtures that write orders straight into the schema with sqlite3: the
-- store's code counts each order it inserts (store_order_counted), raw SQL does
-- not, so a fixture runs this after its inserts (`recount` in lib.sh).
UPDATE stage_counts SET
	n   = (SELECT count(*) FROM orders o WHERE o.stage = stage_counts.stage),
	red = (SELECT count(*) FROM orders o WHERE o.stage = stage_counts.stage AND o.open_exc > 0);
DELETE FROM channel_days;
INSERT INTO channel_days (channel, day, n)
	SELECT channel, CAST(julianday(received_at, 'unixepoch', 'localtime') - 2440587.5 AS INTEGER), count(*)
	FROM orders GROUP BY 1, 2;
