package storage

// schemaOutboxIDs: the outbox is rebuilt with AUTOINCREMENT, so an id is
// never handed out twice, even after the newest row was deleted. The
// sender reads only ids above the last it loaded: a reused id would be
// a call never made. Every row (pending ones too) keeps its id, and the
// indexes of schemaV1 and schemaLimits are made again.
const schemaOutboxIDs = `
CREATE TABLE outbox_new (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	chat_id    INTEGER NOT NULL,
	method     TEXT NOT NULL,
	payload    BLOB NOT NULL,
	priority   INTEGER NOT NULL DEFAULT 0,
	state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sent','failed','blocked')),
	attempts   INTEGER NOT NULL DEFAULT 0,
	not_before INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	sent_at    INTEGER,
	message_id INTEGER,
	error      TEXT NOT NULL DEFAULT '',
	ref        TEXT NOT NULL DEFAULT '',
	after      TEXT NOT NULL DEFAULT '',
	file_name  TEXT NOT NULL DEFAULT '',
	file_data  BLOB
);
INSERT INTO outbox_new (id, chat_id, method, payload, priority, state, attempts, not_before,
		created_at, sent_at, message_id, error, ref, after, file_name, file_data)
	SELECT id, chat_id, method, payload, priority, state, attempts, not_before,
		created_at, sent_at, message_id, error, ref, after, file_name, file_data
	FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_pending ON outbox(priority DESC, id) WHERE state = 'pending';
CREATE INDEX outbox_ref ON outbox(ref, state) WHERE ref <> '';
CREATE INDEX outbox_group_recent ON outbox(chat_id, created_at) WHERE chat_id < 0;
`
