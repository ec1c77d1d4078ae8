package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// PatrolShift is one shift laid out from a template: [Start, End).
type PatrolShift struct {
	ID         int64
	TemplateID int64
	TeamID     int64
	Team       string // the team's name, read back
	Start, End time.Time
	Slots      int
	Area       string
	Taken      int // people on it (state 'on'), read back
}

const patrolShiftCols = `s.id, s.template_id, s.team_id, coalesce(tm.name, ''), s.start_at, s.end_at, s.slots, s.area,
	(SELECT count(*) FROM patrol_duty d WHERE d.shift_id = s.id AND d.state = 'on')`

const patrolShiftFrom = ` FROM patrol_shifts s LEFT JOIN teams tm ON tm.id = s.team_id `

func scanPatrolShift(sc interface{ Scan(...any) error }) (PatrolShift, error) {
	var s PatrolShift
	var start, end int64
	err := sc.Scan(&s.ID, &s.TemplateID, &s.TeamID, &s.Team, &start, &end, &s.Slots, &s.Area, &s.Taken)
	s.Start, s.End = fromMS(start), fromMS(end)
	return s, err
}

func (t PatrolsTx) patrolShifts(what, q string, args ...any) ([]PatrolShift, error) {
	return queryAll(t, what, scanPatrolShift, `SELECT `+patrolShiftCols+patrolShiftFrom+q, args...)
}

// AddPatrolShift lays out s unless its template already has a shift at
// that start. created is false (and id that shift's) when it had.
func (t PatrolsTx) AddPatrolShift(s PatrolShift) (id int64, created bool, err error) {
	err = t.q.QueryRowContext(t.ctx, `INSERT INTO patrol_shifts (template_id, team_id, start_at, end_at, slots, area)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (template_id, start_at) DO NOTHING RETURNING id`,
		s.TemplateID, s.TeamID, ms(s.Start), ms(s.End), s.Slots, s.Area).Scan(&id)
	if err == nil {
		return id, true, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, false, fmt.Errorf("storage: lay out patrol shift: %w", err)
	}
	err = t.q.QueryRowContext(t.ctx, `SELECT id FROM patrol_shifts WHERE template_id = ? AND start_at = ?`,
		s.TemplateID, ms(s.Start)).Scan(&id)
	if err != nil {
		return 0, false, fmt.Errorf("storage: lay out patrol shift: %w", err)
	}
	return id, false, nil
}

// PatrolShift returns shift id, or ErrNotFound.
func (t PatrolsTx) PatrolShift(id int64) (PatrolShift, error) {
	s, err := scanPatrolShift(t.q.QueryRowContext(t.ctx, `SELECT `+patrolShiftCols+patrolShiftFrom+`WHERE s.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return s, ErrNotFound
	}
	if err != nil {
		return s, fmt.Errorf("storage: patrol shift %d: %w", id, err)
	}
	return s, nil
}

// TemplateShiftsFrom returns template tpl's shifts starting after from.
func (t PatrolsTx) TemplateShiftsFrom(tpl int64, from time.Time) ([]PatrolShift, error) {
	return t.patrolShifts("template shifts", `WHERE s.template_id = ? AND s.start_at > ? ORDER BY s.start_at`, tpl, ms(from))
}

// TeamShifts returns the team's shifts starting in [from, to) (team 0: all
// teams), earliest first.
func (t PatrolsTx) TeamShifts(team int64, from, to time.Time) ([]PatrolShift, error) {
	if team == 0 {
		return t.patrolShifts("shifts", `WHERE s.start_at >= ? AND s.start_at < ? ORDER BY s.start_at, s.id`, ms(from), ms(to))
	}
	return t.patrolShifts("team shifts", `WHERE s.team_id = ? AND s.start_at >= ? AND s.start_at < ? ORDER BY s.start_at, s.id`,
		team, ms(from), ms(to))
}

// MemberShifts returns the shifts member holds (state 'on') ending after
// from and starting before to, earliest first.
func (t PatrolsTx) MemberShifts(member int64, from, to time.Time) ([]PatrolShift, error) {
	return t.patrolShifts("member shifts", `JOIN patrol_duty d ON d.shift_id = s.id AND d.member_id = ? AND d.state = 'on'
		WHERE s.end_at > ? AND s.start_at < ? ORDER BY s.start_at, s.id`, member, ms(from), ms(to))
}

// UpdatePatrolShift sets a future shift's end, slots and area.
func (t PatrolsTx) UpdatePatrolShift(id int64, end time.Time, slots int, area string) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE patrol_shifts SET end_at = ?, slots = ?, area = ? WHERE id = ?`, ms(end), slots, area, id)
	if err != nil {
		return fmt.Errorf("storage: update patrol shift %d: %w", id, err)
	}
	return mustAffect(res, id)
}

// DeletePatrolShift drops a shift and who was on it.
func (t PatrolsTx) DeletePatrolShift(id int64) error {
	if _, err := t.q.ExecContext(t.ctx, `DELETE FROM patrol_duty WHERE shift_id = ?`, id); err != nil {
		return fmt.Errorf("storage: delete patrol shift %d: %w", id, err)
	}
	res, err := t.q.ExecContext(t.ctx, `DELETE FROM patrol_shifts WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("storage: delete patrol shift %d: %w", id, err)
	}
	return mustAffect(res, id)
}
