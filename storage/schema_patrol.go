package storage

// schemaPatrol: patrol shift templates of a team, the shifts laid out from
// them (one per template and start: UNIQUE(template_id, start_at), so laying
// out again never doubles one), and who is on each shift.
//
// patrol_templates.rotation is the ordered member ids, comma-separated;
// rot_next is the index of who comes next. A removed template is kept for
// the record of its past shifts.
//
// patrol_duty is one row per (shift, member): state 'on' (holds a slot),
// 'dropped' (said they can't make it) or 'gave' (gave the shift away in a
// swap). via says how they came to hold it: 'take', 'rotation', 'swap'.
// offered is 1 while an 'on' holder offers the shift; offer_to names the
// one member it is offered to (NULL: the whole team).
const schemaPatrol = `
CREATE TABLE patrol_templates (
	id         INTEGER PRIMARY KEY,
	team_id    INTEGER NOT NULL REFERENCES teams(id),
	spec       TEXT NOT NULL,
	minutes    INTEGER NOT NULL CHECK (minutes > 0 AND minutes <= 1440),
	slots      INTEGER NOT NULL CHECK (slots BETWEEN 1 AND 100),
	area       TEXT NOT NULL,
	rotation   TEXT NOT NULL DEFAULT '',
	rot_next   INTEGER NOT NULL DEFAULT 0,
	state      TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active','paused','removed')),
	created_by INTEGER REFERENCES members(id),
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
);
CREATE INDEX patrol_templates_team ON patrol_templates(team_id);

CREATE TABLE patrol_shifts (
	id          INTEGER PRIMARY KEY,
	template_id INTEGER NOT NULL REFERENCES patrol_templates(id),
	team_id     INTEGER NOT NULL REFERENCES teams(id),
	start_at    INTEGER NOT NULL,
	end_at      INTEGER NOT NULL,
	slots       INTEGER NOT NULL,
	area        TEXT NOT NULL,
	UNIQUE (template_id, start_at)
);
CREATE INDEX patrol_shifts_team_start ON patrol_shifts(team_id, start_at);
CREATE INDEX patrol_shifts_start ON patrol_shifts(start_at);

CREATE TABLE patrol_duty (
	shift_id    INTEGER NOT NULL REFERENCES patrol_shifts(id) ON DELETE CASCADE,
	member_id   INTEGER NOT NULL REFERENCES members(id),
	state       TEXT NOT NULL CHECK (state IN ('on','dropped','gave')),
	via         TEXT NOT NULL,
	offered     INTEGER NOT NULL DEFAULT 0,
	offer_to    INTEGER REFERENCES members(id),
	on_way_at   INTEGER,
	check_in    INTEGER,
	check_out   INTEGER,
	updated_at  INTEGER NOT NULL,
	PRIMARY KEY (shift_id, member_id)
);
CREATE INDEX patrol_duty_member ON patrol_duty(member_id, state);
`
