package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Visit is one household's visit for one holiday of one year.
type Visit struct {
	ID          int64
	HouseholdID int64
	Holiday     string
	Year        int
	PlannedAt   time.Time
	VisitedBy   int64     // 0 not yet
	VisitedAt   time.Time // zero not yet
	Note        string
	TicketID    int64 // the ticket or wish the note became; 0 none
}

// Visited reports whether the visit was made.
func (v Visit) Visited() bool { return !v.VisitedAt.IsZero() }

const visitCols = `id, household_id, holiday, year, planned_at, coalesce(visited_by, 0), visited_at, note, coalesce(ticket_id, 0)`

func scanVisit(sc interface{ Scan(...any) error }) (Visit, error) {
	var v Visit
	var planned int64
	var visited sql.NullInt64
	err := sc.Scan(&v.ID, &v.HouseholdID, &v.Holiday, &v.Year, &planned, &v.VisitedBy, &visited, &v.Note, &v.TicketID)
	v.PlannedAt, v.VisitedAt = fromMS(planned), nullMS(visited)
	return v, err
}

// PlanVisits plans a visit to every active household for holiday in year
// (once: planning again adds only households new to the list) and returns
// how many visits the round now has.
func (t CareTx) PlanVisits(holiday string, year int, now time.Time) (int, error) {
	if _, err := t.q.ExecContext(t.ctx, `INSERT OR IGNORE INTO visits (household_id, holiday, year, planned_at)
		SELECT id, ?, ?, ? FROM care_households WHERE archived = 0`, holiday, year, ms(now)); err != nil {
		return 0, fmt.Errorf("storage: plan visits %s %d: %w", holiday, year, err)
	}
	var n int
	if err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM visits WHERE holiday = ? AND year = ?`, holiday, year).Scan(&n); err != nil {
		return 0, fmt.Errorf("storage: plan visits %s %d: %w", holiday, year, err)
	}
	return n, nil
}

// Visit returns visit id.
func (t CareTx) Visit(id int64) (Visit, error) {
	v, err := scanVisit(t.q.QueryRowContext(t.ctx, `SELECT `+visitCols+` FROM visits WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return v, ErrNotFound
	}
	if err != nil {
		return v, fmt.Errorf("storage: visit %d: %w", id, err)
	}
	return v, nil
}

// Visits lists the round of holiday in year.
func (t CareTx) Visits(holiday string, year int) ([]Visit, error) {
	return t.visits(`SELECT `+visitCols+` FROM visits WHERE holiday = ? AND year = ? ORDER BY id`, holiday, year)
}

// VisitsBetween lists the visits planned or made in [from, to), oldest
// first.
func (t CareTx) VisitsBetween(from, to time.Time) ([]Visit, error) {
	return t.visits(`SELECT `+visitCols+` FROM visits
		WHERE (planned_at >= ? AND planned_at < ?) OR (visited_at >= ? AND visited_at < ?) ORDER BY planned_at, id`,
		ms(from), ms(to), ms(from), ms(to))
}

func (t CareTx) visits(q string, args ...any) ([]Visit, error) {
	return queryAll(t, "list visits", scanVisit, q, args...)
}

// MarkVisited records that member made visit id. It returns ErrNotFound
// when the visit was already marked.
func (t CareTx) MarkVisited(id, member int64, now time.Time) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE visits SET visited_by = ?, visited_at = ? WHERE id = ? AND visited_at IS NULL`, member, ms(now), id)
	if err != nil {
		return fmt.Errorf("storage: mark visit %d: %w", id, err)
	}
	return mustAffect(res, id)
}

// SetVisitNote keeps the visitor's note on visit id.
func (t CareTx) SetVisitNote(id int64, note string) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE visits SET note = ? WHERE id = ?`, note, id)
	if err != nil {
		return fmt.Errorf("storage: note of visit %d: %w", id, err)
	}
	return mustAffect(res, id)
}

// SetVisitTicket links visit id to the ticket its note became, once.
func (t CareTx) SetVisitTicket(id, ticket int64) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE visits SET ticket_id = ? WHERE id = ? AND ticket_id IS NULL`, ticket, id)
	if err != nil {
		return fmt.Errorf("storage: ticket of visit %d: %w", id, err)
	}
	return mustAffect(res, id)
}

// VisitCounts are a period's visit figures.
type VisitCounts struct {
	Visited    int // visits made in the period
	Households int // distinct households visited
	Tickets    int // visits whose note became a ticket or wish
}

// VisitStats counts the visits made in [from, to).
func (t CareTx) VisitStats(from, to time.Time) (VisitCounts, error) {
	var c VisitCounts
	err := t.q.QueryRowContext(t.ctx, `SELECT count(*), count(DISTINCT household_id), count(ticket_id) FROM visits
		WHERE visited_at >= ? AND visited_at < ?`, ms(from), ms(to)).Scan(&c.Visited, &c.Households, &c.Tickets)
	if err != nil {
		return c, fmt.Errorf("storage: visit stats: %w", err)
	}
	return c, nil
}
