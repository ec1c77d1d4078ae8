package storage

// schemaCalendar: scheduled notices and meetings. A schedule's occurrences
// are due items (kind "notice" or "meeting.make", key "<id>:<unix start>");
// the schedule row holds only what to send and when it recurs. kind says how
// spec reads: a cron expression, a one-off moment (unix milliseconds), or a
// holiday's name. Meetings keep where their copies were posted, who
// answered, and the decisions taken.
const schemaCalendar = `
CREATE TABLE schedules (
	id          INTEGER PRIMARY KEY,
	owner_id    INTEGER NOT NULL REFERENCES members(id),
	kind        TEXT NOT NULL CHECK (kind IN ('cron','once','holiday')),
	spec        TEXT NOT NULL,
	what        TEXT NOT NULL CHECK (what IN ('notice','meeting')),
	audience    TEXT NOT NULL,
	buildings   TEXT NOT NULL DEFAULT '[]',
	team_id     INTEGER REFERENCES teams(id),
	text        TEXT NOT NULL DEFAULT '',
	ack         INTEGER NOT NULL DEFAULT 0,
	meeting_id  INTEGER,
	state       TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active','paused','deleted')),
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL
);
CREATE INDEX schedules_state ON schedules(state, id);

CREATE TABLE meetings (
	id           INTEGER PRIMARY KEY,
	organiser_id INTEGER NOT NULL REFERENCES members(id),
	title        TEXT NOT NULL,
	starts_at    INTEGER NOT NULL,
	place        TEXT NOT NULL DEFAULT '',
	agenda       TEXT NOT NULL DEFAULT '[]',
	audience     TEXT NOT NULL DEFAULT '',
	buildings    TEXT NOT NULL DEFAULT '[]',
	team_id      INTEGER REFERENCES teams(id),
	state        TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','template','posted','cancelled')),
	schedule_id  INTEGER REFERENCES schedules(id),
	minutes      TEXT NOT NULL DEFAULT '',
	created_at   INTEGER NOT NULL
);
CREATE INDEX meetings_state_start ON meetings(state, starts_at);

CREATE TABLE meeting_posts (
	meeting_id  INTEGER NOT NULL REFERENCES meetings(id),
	chat_id     INTEGER NOT NULL,
	out_id      INTEGER NOT NULL,
	edit_out_id INTEGER,
	lang        TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (meeting_id, chat_id)
);

CREATE TABLE meeting_rsvps (
	meeting_id INTEGER NOT NULL REFERENCES meetings(id),
	member_id  INTEGER NOT NULL REFERENCES members(id),
	coming     INTEGER NOT NULL,
	at         INTEGER NOT NULL,
	PRIMARY KEY (meeting_id, member_id)
);

CREATE TABLE meeting_decisions (
	id         INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES meetings(id),
	text       TEXT NOT NULL,
	ticket_id  INTEGER REFERENCES tickets(id),
	job_id     INTEGER,
	created_at INTEGER NOT NULL
);
CREATE INDEX meeting_decisions_meeting ON meeting_decisions(meeting_id, id);

CREATE TABLE calendar_missed (
	id         INTEGER PRIMARY KEY,
	what       TEXT NOT NULL,
	ref_id     INTEGER NOT NULL,
	due_at     INTEGER NOT NULL,
	times      INTEGER NOT NULL DEFAULT 1,
	reported   INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL
);
CREATE INDEX calendar_missed_unreported ON calendar_missed(id) WHERE reported = 0;

-- A scheduled notice goes out as an announcement that names its schedule.
ALTER TABLE announcements ADD COLUMN schedule_id INTEGER REFERENCES schedules(id);
`
