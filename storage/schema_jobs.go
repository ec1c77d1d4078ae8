package storage

// schemaJobs: volunteer jobs, who signed up for them (in order, with a
// waitlist), who came, and the posted copies of each job's message whose
// count is kept current by edits.
const schemaJobs = `
CREATE TABLE jobs (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	place TEXT NOT NULL DEFAULT '',
	team_id INTEGER REFERENCES teams(id),
	slots INTEGER NOT NULL CHECK (slots > 0),
	start_at INTEGER NOT NULL,
	end_at INTEGER NOT NULL,
	withdraw_hours INTEGER NOT NULL DEFAULT 24,
	organiser_id INTEGER NOT NULL REFERENCES members(id),
	state TEXT NOT NULL DEFAULT 'open',
	created_at INTEGER NOT NULL,
	changed_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX jobs_state_start ON jobs(state, start_at);

CREATE TABLE job_signups (
	job_id INTEGER NOT NULL REFERENCES jobs(id),
	member_id INTEGER NOT NULL REFERENCES members(id),
	state TEXT NOT NULL,
	position INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	PRIMARY KEY (job_id, member_id)
);
CREATE INDEX job_signups_member ON job_signups(member_id, state);

CREATE TABLE job_attendance (
	job_id INTEGER NOT NULL REFERENCES jobs(id),
	member_id INTEGER NOT NULL REFERENCES members(id),
	came INTEGER NOT NULL,
	cleared INTEGER NOT NULL DEFAULT 0,
	marked_by INTEGER NOT NULL,
	marked_at INTEGER NOT NULL,
	PRIMARY KEY (job_id, member_id)
);
CREATE INDEX job_attendance_noshow ON job_attendance(member_id, came, cleared);

CREATE TABLE job_posts (
	id INTEGER PRIMARY KEY,
	job_id INTEGER NOT NULL REFERENCES jobs(id),
	chat_id INTEGER NOT NULL,
	out_id INTEGER NOT NULL,
	lang TEXT NOT NULL,
	edit_out_id INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX job_posts_job ON job_posts(job_id);
`
