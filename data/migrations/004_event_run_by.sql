-- ordesk store, version 4: automatic actions name themselves.
--
-- The once-a-minute clock check (the sweep) was recorded under whoever had
-- the board open, so that operator's "mine" listed orders they never
-- touched.  Its events now have the actor 'sweep', and run_by says whose
-- board or command ran it; run_by is '' for what a person did.
ALTER TABLE events ADD COLUMN run_by TEXT NOT NULL DEFAULT '';
