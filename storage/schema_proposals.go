package storage

// schemaProposals: residents' proposals, their supports and the posted
// copies whose count is kept up to date.
//
// A proposal concerns one building, or the whole community (building ”).
// Its proposer supports it from the start. A duplicate merged into another
// gives it its supports (each person once) and keeps merged_into; declined,
// accepted, not accepted and postponed carry a reason or their links (the
// decision of a meeting, the ticket or job it became).
const schemaProposals = `
CREATE TABLE proposals (
	id          INTEGER PRIMARY KEY,
	member_id   INTEGER NOT NULL,
	building    TEXT NOT NULL DEFAULT '',
	title       TEXT NOT NULL,
	body        TEXT NOT NULL DEFAULT '',
	voice       TEXT NOT NULL DEFAULT '',
	voice_secs  INTEGER NOT NULL DEFAULT 0,
	photo       TEXT NOT NULL DEFAULT '',
	hide_name   INTEGER NOT NULL DEFAULT 0,
	state       TEXT NOT NULL DEFAULT 'open'
		CHECK (state IN ('open','agenda','accepted','rejected','postponed','declined','merged')),
	merged_into INTEGER REFERENCES proposals(id),
	reason      TEXT NOT NULL DEFAULT '',
	meeting_id  INTEGER,
	decision_id INTEGER,
	ticket_id   INTEGER,
	job_id      INTEGER,
	created_at  INTEGER NOT NULL,
	decided_at  INTEGER
);
CREATE INDEX proposals_state ON proposals(state, building);

CREATE TABLE proposal_supports (
	proposal_id INTEGER NOT NULL REFERENCES proposals(id),
	member_id   INTEGER NOT NULL,
	created_at  INTEGER NOT NULL,
	PRIMARY KEY (proposal_id, member_id)
);
CREATE INDEX proposal_supports_member ON proposal_supports(member_id);

CREATE TABLE proposal_posts (
	proposal_id INTEGER NOT NULL REFERENCES proposals(id),
	out_id      INTEGER NOT NULL,
	PRIMARY KEY (proposal_id, out_id)
);
`
