package storage

// schemaV3: announcements and who acknowledged them. Deliveries are the
// outbox rows with ref "ann:<id>".
const schemaV3 = `
CREATE TABLE announcements (
	id         INTEGER PRIMARY KEY,
	sender_id  INTEGER NOT NULL REFERENCES members(id),
	audience   TEXT NOT NULL,
	buildings  TEXT NOT NULL DEFAULT '[]',
	team_id    INTEGER REFERENCES teams(id),
	text       TEXT NOT NULL DEFAULT '',
	photo      TEXT NOT NULL DEFAULT '',
	pin        INTEGER NOT NULL DEFAULT 0,
	state      TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','sent','cancelled')),
	recipients INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	sent_at    INTEGER
);
CREATE INDEX announcements_sent ON announcements(state, sent_at);

CREATE TABLE announcement_acks (
	announcement_id INTEGER NOT NULL REFERENCES announcements(id),
	member_id       INTEGER NOT NULL REFERENCES members(id),
	at              INTEGER NOT NULL,
	PRIMARY KEY (announcement_id, member_id)
);

CREATE TABLE announcement_recipients (
	announcement_id INTEGER NOT NULL REFERENCES announcements(id),
	chat_id         INTEGER NOT NULL,
	PRIMARY KEY (announcement_id, chat_id)
);
`
