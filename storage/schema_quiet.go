package storage

// schemaQuiet: each queued message carries its class (urgent, timely,
// routine), the last moment it is still worth sending (until_at, 0 for no
// limit) and, once it was not sent, why (dropped: "late" past until_at,
// "withdrawn" when what it was about changed). A member may choose their own
// quiet hours (empty for the community's, "off", or a clock range "22:00-07:00").
const schemaQuiet = `
ALTER TABLE outbox ADD COLUMN class TEXT NOT NULL DEFAULT 'routine';
ALTER TABLE outbox ADD COLUMN until_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN dropped TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_dropped ON outbox(sent_at) WHERE dropped <> '';
ALTER TABLE members ADD COLUMN quiet TEXT NOT NULL DEFAULT '';
`
