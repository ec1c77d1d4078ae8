package storage

// schemaPolls: polls staff and leaders ask, the votes (one a household or
// one a person, as the poll says; the later replaces the earlier), and the
// posted copies. Nothing reads the votes' counts before the close.
const schemaPolls = `
CREATE TABLE polls (
	id         INTEGER PRIMARY KEY,
	created_by INTEGER NOT NULL,
	question   TEXT NOT NULL,
	options    TEXT NOT NULL,
	multi      INTEGER NOT NULL DEFAULT 0,
	per        TEXT NOT NULL CHECK (per IN ('unit','person')),
	buildings  TEXT NOT NULL DEFAULT '[]',
	private    INTEGER NOT NULL DEFAULT 0,
	groups     INTEGER NOT NULL DEFAULT 0,
	native     INTEGER NOT NULL DEFAULT 0,
	closes_at  INTEGER NOT NULL,
	state      TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','closed')),
	created_at INTEGER NOT NULL,
	closed_at  INTEGER
);

CREATE TABLE poll_votes (
	poll_id   INTEGER NOT NULL REFERENCES polls(id),
	voter     TEXT NOT NULL,
	member_id INTEGER NOT NULL,
	building  TEXT NOT NULL DEFAULT '',
	choices   TEXT NOT NULL,
	at        INTEGER NOT NULL,
	PRIMARY KEY (poll_id, voter)
);

CREATE TABLE poll_posts (
	poll_id INTEGER NOT NULL REFERENCES polls(id),
	out_id  INTEGER NOT NULL,
	PRIMARY KEY (poll_id, out_id)
);
`
