package storage

// schemaStars: monthly stars (rounds, candidates, nominations, votes) and
// public pledges (periods, pledges, their items, residents' ratings).
//
// A star candidate is a member (person categories) or a building (the
// courtyard category), gathered from nominations; staff shortlist
// candidates and a person on the shortlist says whether their name may be
// shown (consent). Votes are counted into star_candidates.votes only at the
// close; before it nothing reads them but the one-vote-per-person check.
const schemaStars = `
CREATE TABLE star_rounds (
	id             INTEGER PRIMARY KEY,
	title          TEXT NOT NULL,
	state          TEXT NOT NULL CHECK (state IN ('nominating','shortlisting','voting','closed')),
	audience       TEXT NOT NULL,
	nominate_until INTEGER NOT NULL,
	vote_from      INTEGER NOT NULL,
	vote_until     INTEGER NOT NULL,
	opened_by      INTEGER NOT NULL REFERENCES members(id),
	opened_at      INTEGER NOT NULL,
	closed_at      INTEGER
);
CREATE INDEX star_rounds_state ON star_rounds(state);
CREATE INDEX star_rounds_closed ON star_rounds(closed_at);

CREATE TABLE star_candidates (
	id          INTEGER PRIMARY KEY,
	round_id    INTEGER NOT NULL REFERENCES star_rounds(id),
	category    TEXT NOT NULL,
	member_id   INTEGER REFERENCES members(id),
	building    TEXT NOT NULL DEFAULT '',
	shortlisted INTEGER NOT NULL DEFAULT 0,
	consent     TEXT NOT NULL DEFAULT '' CHECK (consent IN ('','asked','yes','no')),
	votes       INTEGER NOT NULL DEFAULT 0,
	winner      INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX star_candidates_who ON star_candidates(round_id, category, coalesce(member_id, 0), building);

CREATE TABLE star_nominations (
	id           INTEGER PRIMARY KEY,
	round_id     INTEGER NOT NULL REFERENCES star_rounds(id),
	category     TEXT NOT NULL,
	nominator_id INTEGER NOT NULL REFERENCES members(id),
	candidate_id INTEGER NOT NULL REFERENCES star_candidates(id),
	reason       TEXT NOT NULL,
	created_at   INTEGER NOT NULL,
	UNIQUE (round_id, category, nominator_id)
);
CREATE INDEX star_nominations_candidate ON star_nominations(candidate_id);

CREATE TABLE star_votes (
	round_id     INTEGER NOT NULL REFERENCES star_rounds(id),
	category     TEXT NOT NULL,
	voter_id     INTEGER NOT NULL REFERENCES members(id),
	candidate_id INTEGER NOT NULL REFERENCES star_candidates(id),
	voted_at     INTEGER NOT NULL,
	PRIMARY KEY (round_id, category, voter_id)
);
CREATE INDEX star_votes_candidate ON star_votes(candidate_id);

CREATE TABLE pledge_periods (
	id           INTEGER PRIMARY KEY,
	name         TEXT NOT NULL UNIQUE,
	state        TEXT NOT NULL CHECK (state IN ('open','review','closed')),
	review_until INTEGER,
	opened_by    INTEGER NOT NULL REFERENCES members(id),
	opened_at    INTEGER NOT NULL,
	closed_at    INTEGER
);

CREATE TABLE pledge_allowed (
	member_id  INTEGER PRIMARY KEY REFERENCES members(id),
	allowed_by INTEGER NOT NULL REFERENCES members(id),
	allowed_at INTEGER NOT NULL
);

CREATE TABLE pledges (
	id           INTEGER PRIMARY KEY,
	period_id    INTEGER NOT NULL REFERENCES pledge_periods(id),
	member_id    INTEGER NOT NULL REFERENCES members(id),
	created_at   INTEGER NOT NULL,
	review       TEXT NOT NULL DEFAULT '',
	reviewed_at  INTEGER,
	comment      TEXT NOT NULL DEFAULT '',
	comment_by   INTEGER REFERENCES members(id),
	commented_at INTEGER,
	UNIQUE (period_id, member_id)
);
CREATE INDEX pledges_created ON pledges(created_at);

CREATE TABLE pledge_items (
	id        INTEGER PRIMARY KEY,
	pledge_id INTEGER NOT NULL REFERENCES pledges(id),
	pos       INTEGER NOT NULL,
	text      TEXT NOT NULL,
	done_at   INTEGER,
	note      TEXT NOT NULL DEFAULT '',
	photo     TEXT NOT NULL DEFAULT '',
	UNIQUE (pledge_id, pos)
);

CREATE TABLE pledge_ratings (
	pledge_id  INTEGER NOT NULL REFERENCES pledges(id),
	rater_id   INTEGER NOT NULL REFERENCES members(id),
	stars      INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
	word       TEXT NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL,
	PRIMARY KEY (pledge_id, rater_id)
);
`
