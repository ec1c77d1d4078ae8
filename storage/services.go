package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ServicesTx is the part of a Tx that keeps the services desk: bookings of
// office hours, applications (cases) with their documents and record, and
// public notices with their objections (services*.go). A case's contents
// are for staff and its assigned staff member only: they never go into a
// report or an export, which count cases.
type ServicesTx struct{ *tx }

// Case states.
const (
	CaseOpen      = "open"
	CasePublicity = "publicity"
	CaseApproved  = "approved"
	CaseRefused   = "refused"
)

// Case is an application a resident made at the services desk.
type Case struct {
	ID         int64
	Service    string
	MemberID   int64 // the applicant
	ForWhom    string
	Phone      string
	Situation  string
	VoiceFile  string
	Building   string
	Household  int
	Step       int // index of the service's steps reached
	State      string
	AssigneeID int64
	Asked      string // the missing document asked for, "" none
	Reason     string // the decision's reason
	DecidedAt  time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Ended reports whether the case was decided.
func (c Case) Ended() bool { return c.State == CaseApproved || c.State == CaseRefused }

const caseCols = `id, service, member_id, for_whom, phone, situation, voice_file, building, household, step, state,
	assignee_id, asked, reason, decided_at, created_at, updated_at`

func scanCase(sc scanner) (Case, error) {
	var c Case
	var decided, created, updated int64
	err := sc.Scan(&c.ID, &c.Service, &c.MemberID, &c.ForWhom, &c.Phone, &c.Situation, &c.VoiceFile, &c.Building, &c.Household,
		&c.Step, &c.State, &c.AssigneeID, &c.Asked, &c.Reason, &decided, &created, &updated)
	if decided != 0 {
		c.DecidedAt = fromMS(decided)
	}
	c.CreatedAt, c.UpdatedAt = fromMS(created), fromMS(updated)
	return c, err
}

// CreateCase files c with its document photos and returns its id.
func (t ServicesTx) CreateCase(c Case, docs []string, now time.Time) (int64, error) {
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO service_cases
		(service, member_id, for_whom, phone, situation, voice_file, building, household, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Service, c.MemberID, c.ForWhom, c.Phone, c.Situation, c.VoiceFile, c.Building, c.Household, ms(now), ms(now))
	if err != nil {
		return 0, fmt.Errorf("storage: create case: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("storage: create case: %w", err)
	}
	for _, f := range docs {
		if err := t.AddCaseDoc(id, f, now); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// Case returns case id.
func (t ServicesTx) Case(id int64) (Case, error) {
	c, err := scanCase(t.q.QueryRowContext(t.ctx, `SELECT `+caseCols+` FROM service_cases WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	if err != nil {
		return c, fmt.Errorf("storage: case %d: %w", id, err)
	}
	return c, nil
}

// CasesOf lists member's applications, newest first.
func (t ServicesTx) CasesOf(member int64) ([]Case, error) {
	return queryAll(t, "cases of member", scanCase, `SELECT `+caseCols+` FROM service_cases WHERE member_id = ? ORDER BY id DESC LIMIT 50`, member)
}

// OpenCases lists the cases not yet decided, oldest first.
func (t ServicesTx) OpenCases() ([]Case, error) {
	return queryAll(t, "open cases", scanCase, `SELECT `+caseCols+` FROM service_cases WHERE state IN ('open', 'publicity') ORDER BY id`)
}

// UpdateCase writes c's working fields (step, state, assignee, asked,
// reason, decided_at).
func (t ServicesTx) UpdateCase(c Case, now time.Time) error {
	decided := int64(0)
	if !c.DecidedAt.IsZero() {
		decided = ms(c.DecidedAt)
	}
	_, err := t.q.ExecContext(t.ctx, `UPDATE service_cases SET step = ?, state = ?, assignee_id = ?, asked = ?, reason = ?,
		decided_at = ?, updated_at = ? WHERE id = ?`, c.Step, c.State, c.AssigneeID, c.Asked, c.Reason, decided, ms(now), c.ID)
	if err != nil {
		return fmt.Errorf("storage: update case %d: %w", c.ID, err)
	}
	return nil
}

// AddCaseDoc adds a document photo to case id.
func (t ServicesTx) AddCaseDoc(id int64, fileID string, now time.Time) error {
	if _, err := t.q.ExecContext(t.ctx, `INSERT INTO service_case_docs (case_id, file_id, created_at) VALUES (?, ?, ?)`, id, fileID, ms(now)); err != nil {
		return fmt.Errorf("storage: case %d document: %w", id, err)
	}
	return nil
}

// CaseDocs lists the file ids of case id's document photos, in order.
func (t ServicesTx) CaseDocs(id int64) ([]string, error) {
	return queryAll(t, "case documents", scanOne[string], `SELECT file_id FROM service_case_docs WHERE case_id = ? ORDER BY id`, id)
}

// CaseEntry is a line of a case's record.
type CaseEntry struct {
	ActorID int64
	Action  string
	Detail  string
	At      time.Time
}

// LogCase adds a line to case id's record.
func (t ServicesTx) LogCase(id, actor int64, action, detail string, now time.Time) error {
	if _, err := t.q.ExecContext(t.ctx, `INSERT INTO service_case_log (case_id, actor_id, action, detail, at) VALUES (?, ?, ?, ?, ?)`,
		id, actor, action, detail, ms(now)); err != nil {
		return fmt.Errorf("storage: log case %d: %w", id, err)
	}
	return nil
}

// CaseLog lists case id's record, oldest first.
func (t ServicesTx) CaseLog(id int64) ([]CaseEntry, error) {
	return queryAll(t, "case log", func(sc scanner) (CaseEntry, error) {
		var e CaseEntry
		var at int64
		err := sc.Scan(&e.ActorID, &e.Action, &e.Detail, &at)
		e.At = fromMS(at)
		return e, err
	}, `SELECT actor_id, action, detail, at FROM service_case_log WHERE case_id = ? ORDER BY id`, id)
}

// CaseCounts counts, by service, the cases received from..to and the cases
// decided from..to (approved and refused together).
func (t ServicesTx) CaseCounts(from, to time.Time) (received, completed map[string]int, err error) {
	rows, err := t.q.QueryContext(t.ctx, `SELECT service, count(*) FROM service_cases WHERE created_at >= ? AND created_at < ? GROUP BY service`, ms(from), ms(to))
	if err != nil {
		return nil, nil, fmt.Errorf("storage: cases received: %w", err)
	}
	if received, err = countRows(rows); err != nil {
		return nil, nil, err
	}
	rows, err = t.q.QueryContext(t.ctx, `SELECT service, count(*) FROM service_cases WHERE state IN ('approved', 'refused')
		AND decided_at >= ? AND decided_at < ? GROUP BY service`, ms(from), ms(to))
	if err != nil {
		return nil, nil, fmt.Errorf("storage: cases completed: %w", err)
	}
	completed, err = countRows(rows)
	return received, completed, err
}

// ServiceCounts are the services desk's figures of a period: counts only,
// never a case's contents.
type ServiceCounts struct {
	Received   map[string]int // applications received, by service
	Completed  map[string]int // applications decided, by service
	Bookings   map[string]int // bookings whose time fell in the period, by state
	Notices    int            // public notices published
	Objections int            // objections raised to them
	Rated      int            // cases rated
	Satisfied  int            // of them, rated 满意 or 非常满意
}

// ServiceCounts counts the services desk's work from..to.
func (t ServicesTx) ServiceCounts(from, to time.Time) (ServiceCounts, error) {
	var c ServiceCounts
	var err error
	if c.Received, c.Completed, err = t.CaseCounts(from, to); err != nil {
		return c, err
	}
	if c.Bookings, err = t.BookingCounts(from, to); err != nil {
		return c, err
	}
	if c.Notices, c.Objections, err = t.NoticeCounts(from, to); err != nil {
		return c, err
	}
	rs, err := t.RatingsBetween(RatingCase, from, to)
	if err != nil {
		return c, err
	}
	for _, r := range rs {
		c.Rated++
		if r.Level >= 4 {
			c.Satisfied++
		}
	}
	return c, nil
}
