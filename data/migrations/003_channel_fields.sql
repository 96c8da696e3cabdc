-- ordesk store, version 3: what a channel says of an order that the desk
-- kept nowhere.
--
-- display_ref: the channel's own name for the order, the number its
-- customer quotes (Shopify's Name, #1060), when the channel's key is another
-- (Shopify's Id).  Searched like the channel order id, in any case.
ALTER TABLE orders ADD COLUMN display_ref TEXT NOT NULL DEFAULT '';
CREATE INDEX orders_display_ref ON orders (display_ref COLLATE NOCASE);
-- email: the buyer's e-mail, kept apart from the phone (it was stored as the
-- phone when the file gave no phone).
ALTER TABLE orders ADD COLUMN email TEXT NOT NULL DEFAULT '';
-- channel_promise_at: the dispatch time the channel promised the buyer
-- (Amazon's promise-date; 0: none), which the order's promise is then.
ALTER TABLE orders ADD COLUMN channel_promise_at INTEGER NOT NULL DEFAULT 0;
