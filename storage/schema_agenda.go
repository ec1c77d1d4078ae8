package storage

// schemaAgenda: the secret of each person's private calendar feed, kept
// as its SHA-256 hash only (the person is shown the secret once); a new
// link replaces the old one, and revoking deletes the row.
const schemaAgenda = `
CREATE TABLE calendar_links (
	member_id   INTEGER PRIMARY KEY REFERENCES members(id),
	secret_hash BLOB    NOT NULL UNIQUE,
	created_at  INTEGER NOT NULL
);
`
