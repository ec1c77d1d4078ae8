package storage

// schemaV1: members, chats, the durable inbox and outbox, conversation state.
// Times are Unix milliseconds.
const schemaV1 = `
CREATE TABLE members (
	id            INTEGER PRIMARY KEY,
	name          TEXT NOT NULL DEFAULT '',
	username      TEXT NOT NULL DEFAULT '',
	language      TEXT NOT NULL DEFAULT '',
	tg_language   TEXT NOT NULL DEFAULT '',
	role          TEXT NOT NULL DEFAULT 'resident' CHECK (role IN ('resident','leader','staff')),
	building      TEXT NOT NULL DEFAULT '',
	unit          TEXT NOT NULL DEFAULT '',
	registered_at INTEGER,
	active        INTEGER NOT NULL DEFAULT 1,
	created_at    INTEGER NOT NULL
);
CREATE INDEX members_building ON members(building) WHERE registered_at IS NOT NULL;

CREATE TABLE member_buildings (
	member_id INTEGER NOT NULL REFERENCES members(id),
	building  TEXT NOT NULL,
	PRIMARY KEY (member_id, building)
);
CREATE INDEX member_buildings_building ON member_buildings(building);

CREATE TABLE role_events (
	id        INTEGER PRIMARY KEY,
	member_id INTEGER NOT NULL REFERENCES members(id),
	by_id     INTEGER NOT NULL,
	from_role TEXT NOT NULL,
	to_role   TEXT NOT NULL,
	buildings TEXT NOT NULL DEFAULT '',
	at        INTEGER NOT NULL
);

CREATE TABLE chats (
	id         INTEGER PRIMARY KEY,
	type       TEXT NOT NULL,
	title      TEXT NOT NULL DEFAULT '',
	building   TEXT NOT NULL DEFAULT '',
	community  INTEGER NOT NULL DEFAULT 0,
	active     INTEGER NOT NULL DEFAULT 1,
	linked_by  INTEGER,
	linked_at  INTEGER,
	created_at INTEGER NOT NULL
);
CREATE INDEX chats_building ON chats(building) WHERE building <> '';

CREATE TABLE inbox (
	update_id   INTEGER PRIMARY KEY,
	payload     BLOB NOT NULL,
	received_at INTEGER NOT NULL,
	done_at     INTEGER,
	error       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX inbox_pending ON inbox(update_id) WHERE done_at IS NULL;

CREATE TABLE outbox (
	id         INTEGER PRIMARY KEY,
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
CREATE INDEX outbox_pending ON outbox(priority DESC, id) WHERE state = 'pending';
CREATE INDEX outbox_ref ON outbox(ref, state) WHERE ref <> '';

CREATE TABLE flows (
	user_id    INTEGER PRIMARY KEY,
	name       TEXT NOT NULL,
	step       TEXT NOT NULL,
	data       TEXT NOT NULL DEFAULT '{}',
	updated_at INTEGER NOT NULL
);

CREATE TABLE kv (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
`
