-- ordesk store, version 1: every table the desk needs.
-- Times are UTC seconds since the epoch; money is in cents; words are the
-- stable English identifiers of include/ordesk/catalog.h.

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

CREATE TABLE users (
	login    TEXT PRIMARY KEY,
	role     TEXT NOT NULL CHECK (role IN ('viewer', 'clerk', 'supervisor', 'admin')),
	added_at INTEGER NOT NULL,
	added_by TEXT NOT NULL
) STRICT;

CREATE TABLE channels (
	code TEXT PRIMARY KEY CHECK (length(code) BETWEEN 2 AND 4),
	name TEXT NOT NULL
) STRICT;

CREATE TABLE holidays (
	day  TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	name TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE customers (
	id    INTEGER PRIMARY KEY,
	name  TEXT NOT NULL,
	phone TEXT NOT NULL DEFAULT '',
	tier  TEXT NOT NULL DEFAULT 'regular' CHECK (tier IN ('regular', 'silver', 'gold', 'platinum', 'diamond')),
	UNIQUE (name, phone)
) STRICT;

CREATE TABLE products (
	sku              TEXT PRIMARY KEY,
	name             TEXT NOT NULL DEFAULT '',
	unit_price_cents INTEGER
) STRICT;

CREATE TABLE warehouses (
	code TEXT PRIMARY KEY,
	name TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE stock (
	sku          TEXT NOT NULL REFERENCES products (sku),
	warehouse    TEXT NOT NULL REFERENCES warehouses (code),
	on_hand      INTEGER NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
	locked       INTEGER NOT NULL DEFAULT 0,
	safety_stock INTEGER NOT NULL DEFAULT 0 CHECK (safety_stock >= 0),
	low_alerted  INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (sku, warehouse),
	CHECK (locked BETWEEN 0 AND on_hand)
) STRICT;

-- Serials of order numbers per receipt day and channel.
CREATE TABLE serials (
	day     TEXT NOT NULL,
	channel TEXT NOT NULL,
	last    INTEGER NOT NULL,
	PRIMARY KEY (day, channel)
) STRICT, WITHOUT ROWID;

-- Its CHECK lists are OR chains: an IN list in a CHECK builds a temporary
-- table on every insert, a third of an import's cost.
CREATE TABLE orders (
	id            INTEGER PRIMARY KEY,
	order_no      TEXT NOT NULL UNIQUE,
	channel       TEXT NOT NULL,
	channel_ref   TEXT NOT NULL,
	source        TEXT NOT NULL DEFAULT '',       -- import profile, 'demo', 'cli'
	stage         TEXT NOT NULL DEFAULT 'new' CHECK (stage = 'new' OR stage = 'review' OR stage = 'locked' OR stage = 'picking' OR stage = 'shipped' OR stage = 'transit' OR stage = 'done' OR stage = 'cancelled'),
	priority      TEXT NOT NULL DEFAULT 'normal' CHECK (priority = 'urgent' OR priority = 'high' OR priority = 'normal' OR priority = 'low'),
	prio_rank     INTEGER NOT NULL DEFAULT 2,     -- 0 urgent .. 3 low, for sorting
	score         REAL NOT NULL DEFAULT 0,
	ordered_at    INTEGER NOT NULL,               -- the channel's order time
	received_at   INTEGER NOT NULL,               -- when ordesk first saw it
	stage_at      INTEGER NOT NULL,               -- entered the current stage
	due_at        INTEGER NOT NULL DEFAULT 0,     -- the stage clock runs out (0: none)
	promise_at    INTEGER NOT NULL DEFAULT 0,     -- promised dispatch
	prev_on_time  INTEGER NOT NULL DEFAULT 0,
	customer_id   INTEGER REFERENCES customers (id),
	customer      TEXT NOT NULL DEFAULT '',
	phone         TEXT NOT NULL DEFAULT '',
	address       TEXT NOT NULL DEFAULT '',
	tier          TEXT NOT NULL DEFAULT 'regular' CHECK (tier = 'regular' OR tier = 'silver' OR tier = 'gold' OR tier = 'platinum' OR tier = 'diamond'),
	type          TEXT NOT NULL DEFAULT 'sale' CHECK (type = 'sale' OR type = 'custom' OR type = 'return' OR type = 'exchange'),
	flags         TEXT NOT NULL DEFAULT '',
	note          TEXT NOT NULL DEFAULT '',
	warehouse     TEXT NOT NULL DEFAULT '',
	carrier       TEXT NOT NULL DEFAULT '',
	tracking      TEXT NOT NULL DEFAULT '',
	currency      TEXT NOT NULL DEFAULT '',
	total_cents   INTEGER NOT NULL DEFAULT 0,
	lines         INTEGER NOT NULL DEFAULT 0,     -- number of order lines
	items         INTEGER NOT NULL DEFAULT 0,     -- sum of quantities
	parent_id     INTEGER REFERENCES orders (id), -- backorder of
	open_exc      INTEGER NOT NULL DEFAULT 0,     -- kept by triggers on exceptions
	exc_kinds     TEXT NOT NULL DEFAULT '',       -- open kinds joined with ';', kept by triggers
	channel_state TEXT NOT NULL DEFAULT '',       -- the channel's own status word
	content_hash  TEXT NOT NULL DEFAULT '',       -- of the imported fields, to see re-imports
	-- when the order entered each stage (0: not yet), for the reports
	t_review      INTEGER NOT NULL DEFAULT 0,
	t_locked      INTEGER NOT NULL DEFAULT 0,
	t_picking     INTEGER NOT NULL DEFAULT 0,
	t_shipped     INTEGER NOT NULL DEFAULT 0,
	t_transit     INTEGER NOT NULL DEFAULT 0,
	t_done        INTEGER NOT NULL DEFAULT 0,
	t_cancelled   INTEGER NOT NULL DEFAULT 0,
	version       INTEGER NOT NULL DEFAULT 0,
	UNIQUE (channel, channel_ref),
	CHECK (open_exc >= 0)
) STRICT;

-- The board reads a page of one column in its order; the header counts.
-- (its last columns are what health needs: counts and filters read the index alone)
CREATE INDEX orders_board ON orders (stage, prio_rank, score DESC, due_at, id, open_exc, stage_at, prev_on_time);
CREATE INDEX orders_due ON orders (stage, due_at);
CREATE INDEX orders_red ON orders (stage) WHERE open_exc > 0;
CREATE INDEX orders_received ON orders (received_at);
-- Reports read shipped and delivered orders of a period from these alone (covering).
CREATE INDEX orders_shipped ON orders (t_shipped, received_at, promise_at, t_review, t_locked,
                                       t_picking) WHERE t_shipped > 0;
CREATE INDEX orders_done ON orders (t_done, t_shipped, promise_at, t_transit, prev_on_time)
	WHERE t_done > 0;
CREATE INDEX orders_customer ON orders (customer COLLATE NOCASE);   -- search ignores case
CREATE INDEX orders_phone ON orders (phone);
CREATE INDEX orders_parent ON orders (parent_id) WHERE parent_id IS NOT NULL;
-- The board's red and green counts, read from these alone (the columns of
-- their WHERE are in the key too, so no count reads a row), and its search by
-- channel order id.
CREATE INDEX orders_late ON orders (stage, due_at, open_exc, prev_on_time, stage_at) WHERE open_exc = 0;
CREATE INDEX orders_fresh ON orders (stage, stage_at, due_at, open_exc, prev_on_time) WHERE open_exc = 0 AND prev_on_time = 1;
CREATE INDEX orders_ref ON orders (channel_ref COLLATE NOCASE);
-- The board filtered by channel (and priority): a range already in board order.
CREATE INDEX orders_channel_board ON orders (stage, channel, prio_rank, score DESC, due_at, id,
                                            open_exc, stage_at, prev_on_time);

-- Orders received per channel and local day (days since 1970-01-01): the
-- surge rule and the board's surge marks read it.  The store's code that
-- inserts orders keeps it (store_order_counted), not a trigger: see below.
CREATE TABLE channel_days (
	channel TEXT NOT NULL,
	day     INTEGER NOT NULL,
	n       INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (channel, day)
) STRICT, WITHOUT ROWID;

CREATE TABLE order_lines (
	id               INTEGER PRIMARY KEY,
	order_id         INTEGER NOT NULL REFERENCES orders (id),
	line_no          INTEGER NOT NULL,
	sku              TEXT NOT NULL,
	name             TEXT NOT NULL DEFAULT '',
	qty              INTEGER NOT NULL CHECK (qty > 0),
	unit_price_cents INTEGER NOT NULL DEFAULT 0,
	UNIQUE (order_id, line_no)
) STRICT;

CREATE INDEX order_lines_sku ON order_lines (sku);

-- Counts per stage, so the board's header costs nothing.  An order's move
-- between stages and its open exceptions are counted by the trigger below; an
-- insert is counted by the store's code that inserts (store_order_counted),
-- because any trigger on INSERT INTO orders makes every insert keep a
-- statement journal, a quarter of an import's cost.  `ordesk check` compares
-- both tables with the orders.
CREATE TABLE stage_counts (
	stage TEXT PRIMARY KEY,
	n     INTEGER NOT NULL DEFAULT 0,
	red   INTEGER NOT NULL DEFAULT 0    -- with an open exception
) STRICT;

INSERT INTO stage_counts (stage) VALUES
	('new'), ('review'), ('locked'), ('picking'), ('shipped'), ('transit'), ('done'), ('cancelled');

CREATE TRIGGER orders_count_update AFTER UPDATE OF stage, open_exc ON orders
WHEN OLD.stage IS NOT NEW.stage OR (OLD.open_exc > 0) IS NOT (NEW.open_exc > 0) BEGIN
	UPDATE stage_counts SET n = n - 1, red = red - (OLD.open_exc > 0) WHERE stage = OLD.stage;
	UPDATE stage_counts SET n = n + 1, red = red + (NEW.open_exc > 0) WHERE stage = NEW.stage;
END;

-- Orders that may be green, per stage and ten-second slot of entering it:
-- on time in the stage before and no open exception (done and cancelled
-- aside).  The header's green count sums the slots of the last ten minutes
-- instead of walking every fresh order: a busy desk has thousands.  Kept by
-- the trigger below on moves, by the store's code on inserts
-- (store_order_insert), pruned past an hour by the sweep; `ordesk check`
-- compares the last hour's slots with the orders.
CREATE TABLE fresh_counts (
	stage TEXT NOT NULL,
	slot  INTEGER NOT NULL,             -- stage_at / 10
	n     INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (stage, slot)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER orders_fresh_count AFTER UPDATE OF stage, stage_at, open_exc, prev_on_time ON orders
WHEN (OLD.open_exc = 0 AND OLD.prev_on_time = 1 AND OLD.stage <> 'done' AND OLD.stage <> 'cancelled')
  OR (NEW.open_exc = 0 AND NEW.prev_on_time = 1 AND NEW.stage <> 'done' AND NEW.stage <> 'cancelled')
BEGIN
	UPDATE fresh_counts SET n = n - 1
	WHERE OLD.open_exc = 0 AND OLD.prev_on_time = 1 AND stage = OLD.stage AND slot = OLD.stage_at / 10;
	INSERT INTO fresh_counts (stage, slot, n)
	SELECT NEW.stage, NEW.stage_at / 10, 1
	WHERE NEW.open_exc = 0 AND NEW.prev_on_time = 1 AND NEW.stage <> 'done' AND NEW.stage <> 'cancelled'
	ON CONFLICT (stage, slot) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER orders_no_delete BEFORE DELETE ON orders BEGIN
	SELECT RAISE(ABORT, 'orders are never deleted; cancel them');
END;

-- INSERT OR REPLACE deletes the rows it conflicts with; ordesk opens every
-- connection with recursive_triggers on, so such a delete fires the trigger
-- above and is refused.  (No trigger on INSERT: see stage_counts above.)

-- Every active reservation of stock; locked = sum(qty) of active rows.
CREATE TABLE stock_locks (
	id         INTEGER PRIMARY KEY,
	order_id   INTEGER NOT NULL REFERENCES orders (id),
	line_id    INTEGER REFERENCES order_lines (id),
	sku        TEXT NOT NULL,
	warehouse  TEXT NOT NULL,
	qty        INTEGER NOT NULL CHECK (qty > 0),
	locked_at  INTEGER NOT NULL,
	locked_by  TEXT NOT NULL,
	state      TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'released', 'shipped')),
	ended_at   INTEGER,
	ended_by   TEXT,
	FOREIGN KEY (sku, warehouse) REFERENCES stock (sku, warehouse)
) STRICT;

CREATE INDEX stock_locks_order ON stock_locks (order_id);
CREATE INDEX stock_locks_active ON stock_locks (sku, warehouse) WHERE state = 'active';

CREATE TABLE exceptions (
	id          INTEGER PRIMARY KEY,
	order_id    INTEGER NOT NULL REFERENCES orders (id),
	kind        TEXT NOT NULL CHECK (kind IN ('needs_info', 'stock_short', 'logistics_delay',
	            'sla_breach', 'customer_change', 'duplicate_suspect')),
	stage       TEXT NOT NULL,                 -- the order's stage when raised
	opened_at   INTEGER NOT NULL,
	opened_by   TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',      -- what is wrong, for a person
	detail      TEXT NOT NULL DEFAULT '',      -- machine detail: fields, SKUs, stage clock
	due_at      INTEGER NOT NULL DEFAULT 0,    -- resolution due (SLA or agreed date)
	breach_key  TEXT UNIQUE,                   -- one sla_breach per breach
	status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
	resolved_at INTEGER,
	resolved_by TEXT,
	cause       TEXT CHECK (cause IS NULL OR cause IN ('data_entry', 'channel_data',
	            'stock_planning', 'supplier', 'carrier', 'capacity', 'customer', 'system', 'other')),
	action      TEXT,
	result      TEXT,
	note        TEXT,
	related_id  INTEGER REFERENCES orders (id), -- the other order of a duplicate, the backorder
	CHECK (status = 'open' OR (cause IS NOT NULL AND action IS NOT NULL AND resolved_at IS NOT NULL))
) STRICT;

CREATE INDEX exceptions_order ON exceptions (order_id);
CREATE INDEX exceptions_open ON exceptions (kind, opened_at) WHERE status = 'open';
CREATE INDEX exceptions_opened ON exceptions (opened_at);
CREATE INDEX exceptions_resolved ON exceptions (resolved_at) WHERE resolved_at IS NOT NULL;

CREATE TRIGGER exceptions_open AFTER INSERT ON exceptions WHEN NEW.status = 'open' BEGIN
	UPDATE orders SET open_exc = open_exc + 1,
	       exc_kinds = CASE WHEN instr(';' || exc_kinds || ';', ';' || NEW.kind || ';') > 0
	                        THEN exc_kinds
	                        ELSE ltrim(exc_kinds || ';' || NEW.kind, ';') END
	 WHERE id = NEW.order_id;
END;

CREATE TRIGGER exceptions_close AFTER UPDATE OF status ON exceptions
WHEN OLD.status = 'open' AND NEW.status = 'resolved' BEGIN
	UPDATE orders SET open_exc = open_exc - 1,
	       exc_kinds = coalesce((SELECT group_concat(kind, ';') FROM
	                    (SELECT DISTINCT kind FROM exceptions
	                      WHERE order_id = NEW.order_id AND status = 'open' ORDER BY kind)), '')
	 WHERE id = NEW.order_id;
END;

CREATE TRIGGER exceptions_no_reopen BEFORE UPDATE OF status ON exceptions
WHEN OLD.status = 'resolved' BEGIN
	SELECT RAISE(ABORT, 'a resolved exception stays resolved; raise a new one');
END;

CREATE TRIGGER exceptions_no_delete BEFORE DELETE ON exceptions BEGIN
	SELECT RAISE(ABORT, 'exceptions are never deleted');
END;

-- Alerts for the supervisors: escalated exceptions and low stock.
CREATE TABLE escalations (
	id           INTEGER PRIMARY KEY,
	kind         TEXT NOT NULL,               -- sla_breach, needs_info_overdue, stock_short_overdue, low_stock, ...
	exception_id INTEGER REFERENCES exceptions (id),
	order_id     INTEGER REFERENCES orders (id),
	sku          TEXT,
	warehouse    TEXT,
	created_at   INTEGER NOT NULL,
	message      TEXT NOT NULL,
	dedupe_key   TEXT NOT NULL UNIQUE,        -- raised once
	acked_at     INTEGER,
	acked_by     TEXT
) STRICT;

CREATE INDEX escalations_open ON escalations (created_at) WHERE acked_at IS NULL;

-- The append-only log of everything that changed an order, a lock, stock or an exception.
CREATE TABLE events (
	id        INTEGER PRIMARY KEY,
	at        INTEGER NOT NULL,
	actor     TEXT NOT NULL,
	order_id  INTEGER REFERENCES orders (id),
	entity    TEXT NOT NULL DEFAULT 'order',  -- order, stock, exception, user, setting, review
	entity_id TEXT NOT NULL DEFAULT '',
	what      TEXT NOT NULL,                  -- advance, back, cancel, edit, lock, ...
	from_val  TEXT NOT NULL DEFAULT '',
	to_val    TEXT NOT NULL DEFAULT '',
	why       TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX events_order ON events (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX events_actor ON events (actor, order_id) WHERE order_id IS NOT NULL;  -- the board's "mine"
CREATE INDEX events_at ON events (at);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN
	SELECT RAISE(ABORT, 'the event log is append-only');
END;

CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN
	SELECT RAISE(ABORT, 'the event log is append-only');
END;

-- INSERT OR REPLACE of an event is refused by events_no_delete, as for orders.

-- Improvement actions decided by the weekly review.
CREATE TABLE review_actions (
	id         INTEGER PRIMARY KEY,
	week       TEXT NOT NULL,                 -- 2026-W47
	cause      TEXT NOT NULL,
	action     TEXT NOT NULL,
	owner      TEXT NOT NULL,
	due        TEXT NOT NULL,                 -- YYYY-MM-DD
	status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
	created_at INTEGER NOT NULL,
	created_by TEXT NOT NULL,
	done_at    INTEGER,
	done_by    TEXT,
	note       TEXT NOT NULL DEFAULT ''
) STRICT;

INSERT INTO channels (code, name) VALUES ('EC', 'e-commerce'), ('ST', 'store'), ('DS', 'distributor');
INSERT INTO warehouses (code, name) VALUES ('MAIN', 'main warehouse');
