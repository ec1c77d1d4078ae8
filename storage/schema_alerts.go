package storage

// schemaAlerts: who opened the private chat with the bot (the bot can only
// write to them), and alerts about tickets that reached nobody, kept until
// staff have seen them.
const schemaAlerts = `
CREATE TABLE private_chats (
	member_id INTEGER PRIMARY KEY,
	opened_at INTEGER NOT NULL
);

CREATE TABLE unreached_alerts (
	id        INTEGER PRIMARY KEY,
	ticket_id INTEGER NOT NULL,
	kind      TEXT NOT NULL,
	at        INTEGER NOT NULL,
	told_at   INTEGER,
	told_to   INTEGER
);
CREATE INDEX unreached_alerts_untold ON unreached_alerts(id) WHERE told_at IS NULL;
`
