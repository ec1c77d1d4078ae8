package storage

// schemaTeams: teams people join and leave, with any number of leads, join
// requests for restricted teams, and the volunteer hours ledger.
//
// A lead is a member of the team with the lead flag; the team's old single
// lead_id becomes such a member. teams.lead_id is kept (set to the earliest
// lead) for readers of the old column.
//
// Hours: one row per (source, ref, member), where source is what the hours
// were for ("job", "patrol") and ref that job's or shift's id; logging again
// replaces the row.
const schemaTeams = `
ALTER TABLE teams ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
ALTER TABLE team_members ADD COLUMN lead INTEGER NOT NULL DEFAULT 0;

INSERT OR IGNORE INTO team_members (team_id, member_id, joined_at)
	SELECT id, lead_id, created_at FROM teams WHERE lead_id IS NOT NULL;
UPDATE team_members SET lead = 1
	WHERE member_id = (SELECT lead_id FROM teams WHERE teams.id = team_members.team_id);
CREATE INDEX team_members_lead ON team_members(member_id) WHERE lead = 1;

CREATE TABLE team_requests (
	id         INTEGER PRIMARY KEY,
	team_id    INTEGER NOT NULL REFERENCES teams(id),
	member_id  INTEGER NOT NULL REFERENCES members(id),
	state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','approved','declined')),
	created_at INTEGER NOT NULL,
	decided_by INTEGER REFERENCES members(id),
	decided_at INTEGER
);
CREATE UNIQUE INDEX team_requests_pending ON team_requests(team_id, member_id) WHERE state = 'pending';

CREATE TABLE hours (
	id        INTEGER PRIMARY KEY,
	member_id INTEGER NOT NULL REFERENCES members(id),
	source    TEXT NOT NULL,
	ref       INTEGER NOT NULL,
	team_id   INTEGER REFERENCES teams(id),
	start_at  INTEGER NOT NULL,
	minutes   INTEGER NOT NULL CHECK (minutes > 0),
	logged_by INTEGER REFERENCES members(id),
	logged_at INTEGER NOT NULL,
	UNIQUE (source, ref, member_id)
);
CREATE INDEX hours_member_start ON hours(member_id, start_at);
CREATE INDEX hours_team_start ON hours(team_id, start_at);
CREATE INDEX hours_start ON hours(start_at);
`
