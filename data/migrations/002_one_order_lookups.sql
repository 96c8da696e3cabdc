-- ordesk store, version 2: lookups of one order's or one phone's rows read
-- only those rows.
--
-- An order's open exception of a kind was found on exceptions_open, which is
-- (kind, opened_at): every open exception of that kind was walked for each
-- lookup, and an import whose every order is flagged became quadratic.  The
-- key below starts with the order; its WHERE is the open ones' alone, so it
-- also serves an order's open exceptions of any kind (a stage move closing
-- them, the trigger recounting the kinds).
CREATE INDEX exceptions_order_open ON exceptions (order_id, kind, opened_at) WHERE status = 'open';

-- The duplicate check looks for the same phone within a window of order
-- times: with the time in the key it reads that window, not every order the
-- phone ever placed (a distributor's one phone, a channel's masked one).
DROP INDEX orders_phone;
CREATE INDEX orders_phone ON orders (phone, ordered_at);

-- A low-stock alert counts the earlier alerts of its stock row: the rows of
-- that SKU and warehouse, not every escalation.
CREATE INDEX escalations_stock ON escalations (sku, warehouse) WHERE sku IS NOT NULL;
