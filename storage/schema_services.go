package storage

// schemaServices adds the services desk: bookings of office-hour slots (a
// seat of a slot is held by one booking at most), applications (cases) with
// their document photos and their record, public notices (公示) with the
// copies posted and the objections raised privately.
const schemaServices = `
CREATE TABLE service_bookings (
	id         INTEGER PRIMARY KEY,
	member_id  INTEGER NOT NULL REFERENCES members(id),
	service    TEXT NOT NULL,
	slot_at    INTEGER NOT NULL,
	place      INTEGER NOT NULL,
	seat       INTEGER NOT NULL,
	state      TEXT NOT NULL DEFAULT 'booked' CHECK (state IN ('booked', 'cancelled', 'kept', 'missed')),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX service_bookings_seat ON service_bookings(slot_at, place, seat) WHERE state <> 'cancelled';
CREATE INDEX service_bookings_member ON service_bookings(member_id, state, slot_at);

CREATE TABLE service_cases (
	id          INTEGER PRIMARY KEY,
	service     TEXT NOT NULL,
	member_id   INTEGER NOT NULL REFERENCES members(id),
	for_whom    TEXT NOT NULL DEFAULT '',
	phone       TEXT NOT NULL DEFAULT '',
	situation   TEXT NOT NULL DEFAULT '',
	voice_file  TEXT NOT NULL DEFAULT '',
	building    TEXT NOT NULL DEFAULT '',
	household   INTEGER NOT NULL DEFAULT 1,
	step        INTEGER NOT NULL DEFAULT 0,
	state       TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'publicity', 'approved', 'refused')),
	assignee_id INTEGER NOT NULL DEFAULT 0,
	asked       TEXT NOT NULL DEFAULT '',
	reason      TEXT NOT NULL DEFAULT '',
	decided_at  INTEGER NOT NULL DEFAULT 0,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL
);
CREATE INDEX service_cases_member ON service_cases(member_id, id);
CREATE INDEX service_cases_state ON service_cases(state, id);

CREATE TABLE service_case_docs (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES service_cases(id),
	file_id    TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX service_case_docs_case ON service_case_docs(case_id, id);

CREATE TABLE service_case_log (
	id       INTEGER PRIMARY KEY,
	case_id  INTEGER NOT NULL REFERENCES service_cases(id),
	actor_id INTEGER NOT NULL,
	action   TEXT NOT NULL,
	detail   TEXT NOT NULL DEFAULT '',
	at       INTEGER NOT NULL
);
CREATE INDEX service_case_log_case ON service_case_log(case_id, id);

CREATE TABLE service_notices (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL DEFAULT 0,
	text       TEXT NOT NULL,
	until      INTEGER NOT NULL,
	ended      INTEGER NOT NULL DEFAULT 0,
	created_by INTEGER NOT NULL,
	created_at INTEGER NOT NULL
);

CREATE TABLE service_notice_posts (
	notice_id INTEGER NOT NULL REFERENCES service_notices(id),
	chat_id   INTEGER NOT NULL,
	outbox_id INTEGER NOT NULL,
	PRIMARY KEY (notice_id, chat_id)
);

CREATE TABLE service_objections (
	id         INTEGER PRIMARY KEY,
	notice_id  INTEGER NOT NULL REFERENCES service_notices(id),
	member_id  INTEGER NOT NULL,
	text       TEXT NOT NULL,
	created_at INTEGER NOT NULL
);
CREATE INDEX service_objections_notice ON service_objections(notice_id, id);
`
