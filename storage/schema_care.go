package storage

// schemaCare: the care list of households in need, their assigned
// visitors, the record of every read and change of a household by staff,
// and the holiday visits.
//
// A visit row is planned when a holiday's visit round starts (one per
// household on the list then) and marked visited by its visitor, with an
// optional note and the ticket or wish it became.
const schemaCare = `
CREATE TABLE care_households (
	id          INTEGER PRIMARY KEY,
	building    TEXT NOT NULL,
	unit        TEXT NOT NULL,
	name        TEXT NOT NULL,
	reason      TEXT NOT NULL,
	reason_text TEXT NOT NULL DEFAULT '',
	contact     TEXT NOT NULL DEFAULT '',
	notes       TEXT NOT NULL DEFAULT '',
	archived    INTEGER NOT NULL DEFAULT 0,
	created_by  INTEGER NOT NULL REFERENCES members(id),
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL
);
CREATE INDEX care_households_active ON care_households(building, unit) WHERE archived = 0;

CREATE TABLE care_visitors (
	household_id INTEGER NOT NULL REFERENCES care_households(id),
	member_id    INTEGER NOT NULL REFERENCES members(id),
	assigned_by  INTEGER NOT NULL REFERENCES members(id),
	assigned_at  INTEGER NOT NULL,
	PRIMARY KEY (household_id, member_id)
);
CREATE INDEX care_visitors_member ON care_visitors(member_id);

CREATE TABLE care_log (
	id           INTEGER PRIMARY KEY,
	household_id INTEGER NOT NULL REFERENCES care_households(id),
	actor_id     INTEGER NOT NULL,
	action       TEXT NOT NULL,
	detail       TEXT NOT NULL DEFAULT '',
	at           INTEGER NOT NULL
);
CREATE INDEX care_log_household ON care_log(household_id, id);

CREATE TABLE visits (
	id           INTEGER PRIMARY KEY,
	household_id INTEGER NOT NULL REFERENCES care_households(id),
	holiday      TEXT NOT NULL,
	year         INTEGER NOT NULL,
	planned_at   INTEGER NOT NULL,
	visited_by   INTEGER REFERENCES members(id),
	visited_at   INTEGER,
	note         TEXT NOT NULL DEFAULT '',
	ticket_id    INTEGER REFERENCES tickets(id),
	UNIQUE (holiday, year, household_id)
);
CREATE INDEX visits_household ON visits(household_id);
CREATE INDEX visits_planned ON visits(planned_at);
`
