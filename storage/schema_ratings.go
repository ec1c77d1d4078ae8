package storage

// schemaRatings: ratings on the five-level satisfaction scale (5 非常满意 …
// 1 非常不满意) of a ticket's handling or a service case, one per person
// and thing; the building is the one the rated thing belongs to, for the
// rates by building.
const schemaRatings = `
CREATE TABLE ratings (
	kind       TEXT    NOT NULL,
	ref        INTEGER NOT NULL,
	member_id  INTEGER NOT NULL REFERENCES members(id),
	building   TEXT    NOT NULL DEFAULT '',
	level      INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
	note       TEXT    NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	UNIQUE (kind, ref, member_id)
);
CREATE INDEX ratings_at ON ratings (kind, created_at);
`
