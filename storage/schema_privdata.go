package storage

// schemaPrivdata: the audit log of actions on other people's data or that
// reach many people, the people the bot ignores, the mark of a forgotten
// member (a tombstone keeping ledger ids resolvable), and the mark of a
// closed ticket whose personal data was stripped after the retention time.
const schemaPrivdata = `
CREATE TABLE audit (
	id       INTEGER PRIMARY KEY,
	at       INTEGER NOT NULL,
	actor_id INTEGER NOT NULL,
	action   TEXT NOT NULL,
	target   TEXT NOT NULL DEFAULT '',
	detail   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_at ON audit(at, id);
CREATE INDEX audit_actor ON audit(actor_id, at, id);

CREATE TABLE blocked (
	member_id INTEGER PRIMARY KEY,
	by_id     INTEGER NOT NULL,
	reason    TEXT NOT NULL DEFAULT '',
	at        INTEGER NOT NULL
);

ALTER TABLE members ADD COLUMN forgotten_at INTEGER;
ALTER TABLE tickets ADD COLUMN stripped_at INTEGER;
CREATE INDEX tickets_unstripped_closed ON tickets(updated_at) WHERE stripped_at IS NULL AND state IN ('closed','rejected','duplicate');
`
