package storage

// schemaV2: volunteer teams and the ticket ledger (reports and wishes, their
// events and followers). Times are Unix milliseconds; a NULL time has not
// happened, a NULL assignee or team means none.
const schemaV2 = `
CREATE TABLE teams (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
	lead_id    INTEGER REFERENCES members(id),
	restricted INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL
);

CREATE TABLE team_members (
	team_id   INTEGER NOT NULL REFERENCES teams(id),
	member_id INTEGER NOT NULL REFERENCES members(id),
	joined_at INTEGER NOT NULL,
	PRIMARY KEY (team_id, member_id)
);
CREATE INDEX team_members_member ON team_members(member_id);

CREATE TABLE tickets (
	id               INTEGER PRIMARY KEY,
	kind             TEXT NOT NULL CHECK (kind IN ('report','wish')),
	category         TEXT NOT NULL,
	building         TEXT NOT NULL DEFAULT '',
	reporter_id      INTEGER NOT NULL REFERENCES members(id),
	text             TEXT NOT NULL DEFAULT '',
	photos           TEXT NOT NULL DEFAULT '[]',
	lat              REAL,
	lon              REAL,
	hide_name        INTEGER NOT NULL DEFAULT 0,
	state            TEXT NOT NULL DEFAULT 'open'
		CHECK (state IN ('open','claimed','resolved','closed','reopened','rejected','duplicate')),
	assignee_id      INTEGER REFERENCES members(id),
	team_id          INTEGER REFERENCES teams(id),
	duplicate_of     INTEGER REFERENCES tickets(id),
	resolution       TEXT NOT NULL DEFAULT '',
	resolution_photo TEXT NOT NULL DEFAULT '',
	created_at       INTEGER NOT NULL,
	claimed_at       INTEGER,
	resolved_at      INTEGER,
	closed_at        INTEGER,
	updated_at       INTEGER NOT NULL,
	escalated_step   INTEGER NOT NULL DEFAULT 0,
	source_chat_id   INTEGER NOT NULL DEFAULT 0,
	group_out_id     INTEGER
);
CREATE INDEX tickets_queue ON tickets(building, state, created_at);
CREATE INDEX tickets_assignee ON tickets(assignee_id, state, created_at);
CREATE INDEX tickets_reporter ON tickets(reporter_id, created_at);
CREATE INDEX tickets_created ON tickets(created_at);
CREATE INDEX tickets_state_created ON tickets(state, created_at);
CREATE INDEX tickets_state_resolved ON tickets(state, resolved_at);

CREATE TABLE ticket_events (
	id         INTEGER PRIMARY KEY,
	ticket_id  INTEGER NOT NULL REFERENCES tickets(id),
	actor_id   INTEGER NOT NULL DEFAULT 0,
	action     TEXT NOT NULL,
	from_state TEXT NOT NULL DEFAULT '',
	to_state   TEXT NOT NULL,
	note       TEXT NOT NULL DEFAULT '',
	photo      TEXT NOT NULL DEFAULT '',
	at         INTEGER NOT NULL
);
CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id, id);

CREATE TABLE ticket_followers (
	ticket_id INTEGER NOT NULL REFERENCES tickets(id),
	member_id INTEGER NOT NULL REFERENCES members(id),
	at        INTEGER NOT NULL,
	PRIMARY KEY (ticket_id, member_id)
);
`
