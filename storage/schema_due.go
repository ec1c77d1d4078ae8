package storage

// schemaDue: timed work. One row per item to do once at a moment (a
// reminder, a shift alert, a scheduled notice). Pending items are found by
// next_try through a partial index, so the minute's scan does not grow with
// the items still in the future; finished rows leave that index.
const schemaDue = `
CREATE TABLE due (
	id          INTEGER PRIMARY KEY,
	kind        TEXT NOT NULL,
	key         TEXT NOT NULL,
	due_at      INTEGER NOT NULL,
	until_at    INTEGER NOT NULL DEFAULT 0,
	data        TEXT NOT NULL DEFAULT '',
	state       TEXT NOT NULL DEFAULT 'pending',
	next_try    INTEGER NOT NULL,
	attempts    INTEGER NOT NULL DEFAULT 0,
	error       TEXT NOT NULL DEFAULT '',
	created_at  INTEGER NOT NULL,
	finished_at INTEGER
);
CREATE INDEX due_pending ON due(next_try) WHERE state = 'pending';
CREATE UNIQUE INDEX due_pending_key ON due(kind, key) WHERE state = 'pending';
CREATE INDEX due_kind_key ON due(kind, key, due_at);
CREATE INDEX due_finished ON due(finished_at) WHERE state <> 'pending';
`
