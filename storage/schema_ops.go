package storage

// schemaOps: requested ticket exports, built on a read connection after the
// request's transaction commits and sent through the outbox.
const schemaOps = `
CREATE TABLE export_requests (
	id         INTEGER PRIMARY KEY,
	chat_id    INTEGER NOT NULL,
	member_id  INTEGER NOT NULL,
	lang       TEXT NOT NULL,
	from_at    INTEGER NOT NULL,
	to_at      INTEGER NOT NULL,
	name       TEXT NOT NULL,
	format     TEXT NOT NULL DEFAULT 'csv',
	created_at INTEGER NOT NULL,
	done_at    INTEGER
);
CREATE INDEX export_requests_pending ON export_requests(id) WHERE done_at IS NULL;
`
