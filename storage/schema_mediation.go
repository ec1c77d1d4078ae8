package storage

// schemaMediation adds the neighbours' mediation room: the people staff name
// as mediators, and confidential dispute records with their parties and
// sessions. A dispute moved from a ticket keeps the ticket's id (once).
const schemaMediation = `
CREATE TABLE mediators (
	member_id  INTEGER PRIMARY KEY REFERENCES members(id),
	granted_by INTEGER NOT NULL,
	granted_at INTEGER NOT NULL
);

CREATE TABLE disputes (
	id          INTEGER PRIMARY KEY,
	building    TEXT NOT NULL DEFAULT '',
	summary     TEXT NOT NULL DEFAULT '',
	mediator_id INTEGER NOT NULL REFERENCES members(id),
	created_by  INTEGER NOT NULL REFERENCES members(id),
	ticket_id   INTEGER UNIQUE REFERENCES tickets(id),
	outcome     TEXT NOT NULL DEFAULT '' CHECK (outcome IN ('', 'settled', 'unsettled', 'referred')),
	outcome_at  INTEGER,
	follow_up   INTEGER,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL
);
CREATE INDEX disputes_mediator ON disputes(mediator_id, id);
CREATE INDEX disputes_outcome ON disputes(outcome, outcome_at);

CREATE TABLE dispute_parties (
	dispute_id INTEGER NOT NULL REFERENCES disputes(id),
	pos        INTEGER NOT NULL,
	member_id  INTEGER REFERENCES members(id),
	name       TEXT NOT NULL,
	PRIMARY KEY (dispute_id, pos)
);

CREATE TABLE dispute_sessions (
	id          INTEGER PRIMARY KEY,
	dispute_id  INTEGER NOT NULL REFERENCES disputes(id),
	held_on     INTEGER NOT NULL,
	notes       TEXT NOT NULL,
	recorded_by INTEGER NOT NULL REFERENCES members(id),
	created_at  INTEGER NOT NULL
);
CREATE INDEX dispute_sessions_dispute ON dispute_sessions(dispute_id, held_on);
`
