package storage

import (
	"cmp"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"
)

// How a schedule's Spec reads.
const (
	ScheduleCron    = "cron"    // a five-field cron expression in the community's zone
	ScheduleOnce    = "once"    // one moment, as unix milliseconds
	ScheduleHoliday = "holiday" // a holiday's name; its dates come from the holiday calendar
)

// What a schedule makes each time.
const (
	ScheduleNotice  = "notice"  // an announcement
	ScheduleMeeting = "meeting" // a meeting, from the template MeetingID
)

// Schedule states.
const (
	ScheduleActive  = "active"
	SchedulePaused  = "paused"
	ScheduleDeleted = "deleted"
)

// Schedule is a notice (or meeting) made again and again, or once.
type Schedule struct {
	ID        int64
	OwnerID   int64
	Kind      string // ScheduleCron, ScheduleOnce, ScheduleHoliday
	Spec      string
	What      string // ScheduleNotice, ScheduleMeeting
	Audience  string
	Buildings []string
	TeamID    int64
	Text      string
	Ack       bool  // the notice carries a Read ✓ button
	MeetingID int64 // the template of a meeting schedule
	State     string
	CreatedAt time.Time
	UpdatedAt time.Time
}

const scheduleCols = `id, owner_id, kind, spec, what, audience, buildings, coalesce(team_id, 0), text, ack,
	coalesce(meeting_id, 0), state, created_at, updated_at`

func scanSchedule(sc interface{ Scan(...any) error }) (Schedule, error) {
	var s Schedule
	var bs string
	var ack int
	var created, updated int64
	err := sc.Scan(&s.ID, &s.OwnerID, &s.Kind, &s.Spec, &s.What, &s.Audience, &bs, &s.TeamID, &s.Text, &ack,
		&s.MeetingID, &s.State, &created, &updated)
	if err != nil {
		return s, err
	}
	s.Ack = ack == 1
	s.CreatedAt, s.UpdatedAt = fromMS(created), fromMS(updated)
	if err := json.Unmarshal([]byte(bs), &s.Buildings); err != nil {
		return s, fmt.Errorf("buildings of schedule %d: %w", s.ID, err)
	}
	return s, nil
}

func buildingsJSON(bs []string) string {
	if bs == nil {
		bs = []string{}
	}
	raw, _ := json.Marshal(bs)
	return string(raw)
}

// CreateSchedule stores an active schedule and returns its id.
func (t CalendarTx) CreateSchedule(s Schedule, now time.Time) (int64, error) {
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO schedules (owner_id, kind, spec, what, audience, buildings, team_id, text, ack,
		meeting_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.OwnerID, s.Kind, s.Spec, s.What, s.Audience, buildingsJSON(s.Buildings), idOrNull(s.TeamID), s.Text, boolInt(s.Ack),
		idOrNull(s.MeetingID), ms(now), ms(now))
	if err != nil {
		return 0, fmt.Errorf("storage: create schedule: %w", err)
	}
	return res.LastInsertId()
}

// Schedule returns schedule id (deleted ones too).
func (t CalendarTx) Schedule(id int64) (Schedule, error) {
	s, err := scanSchedule(t.q.QueryRowContext(t.ctx, `SELECT `+scheduleCols+` FROM schedules WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Schedule{}, ErrNotFound
	}
	if err != nil {
		return Schedule{}, fmt.Errorf("storage: schedule %d: %w", id, err)
	}
	return s, nil
}

// Schedules lists the schedules not deleted, oldest first; owner 0 means
// anyone's.
func (t CalendarTx) Schedules(owner int64, limit int) ([]Schedule, error) {
	rows, err := t.q.QueryContext(t.ctx, `SELECT `+scheduleCols+` FROM schedules
		WHERE state IN ('active','paused') AND (? = 0 OR owner_id = ?) ORDER BY id LIMIT ?`, owner, owner, limit)
	if err != nil {
		return nil, fmt.Errorf("storage: schedules: %w", err)
	}
	defer rows.Close()
	var out []Schedule
	for rows.Next() {
		s, err := scanSchedule(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: schedules: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// SetScheduleState pauses, resumes or deletes a schedule. It reports false
// when the schedule was already in that state or deleted.
func (t CalendarTx) SetScheduleState(id int64, state string, now time.Time) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `UPDATE schedules SET state = ?, updated_at = ? WHERE id = ? AND state <> ? AND state <> 'deleted'`,
		state, ms(now), id, state)
	if err != nil {
		return false, fmt.Errorf("storage: schedule %d to %s: %w", id, state, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SetScheduleText changes what a notice says.
func (t CalendarTx) SetScheduleText(id int64, text string, now time.Time) error {
	if _, err := t.q.ExecContext(t.ctx, `UPDATE schedules SET text = ?, updated_at = ? WHERE id = ?`, text, ms(now), id); err != nil {
		return fmt.Errorf("storage: schedule %d text: %w", id, err)
	}
	return nil
}

// SetScheduleWhen changes when a schedule runs.
func (t CalendarTx) SetScheduleWhen(id int64, kind, spec string, now time.Time) error {
	if _, err := t.q.ExecContext(t.ctx, `UPDATE schedules SET kind = ?, spec = ?, updated_at = ? WHERE id = ?`, kind, spec, ms(now), id); err != nil {
		return fmt.Errorf("storage: schedule %d when: %w", id, err)
	}
	return nil
}

// Missed is an occurrence that fell due while the bot was down and was
// too late to send.
type Missed struct {
	ID    int64
	What  string // "notice" or "meeting.remind"
	RefID int64  // the schedule or meeting
	DueAt time.Time
	Times int // occurrences missed from DueAt on
}

// AddMissed records a missed occurrence, to be reported to staff.
func (t CalendarTx) AddMissed(m Missed, now time.Time) error {
	if _, err := t.q.ExecContext(t.ctx, `INSERT INTO calendar_missed (what, ref_id, due_at, times, created_at) VALUES (?, ?, ?, ?, ?)`,
		m.What, m.RefID, ms(m.DueAt), max(m.Times, 1), ms(now)); err != nil {
		return fmt.Errorf("storage: add missed %s %d: %w", m.What, m.RefID, err)
	}
	return nil
}

// TakeMissed returns the missed occurrences not yet reported, up to limit,
// and marks them reported.
func (t CalendarTx) TakeMissed(limit int) ([]Missed, error) {
	rows, err := t.q.QueryContext(t.ctx, `UPDATE calendar_missed SET reported = 1 WHERE id IN
		(SELECT id FROM calendar_missed WHERE reported = 0 ORDER BY id LIMIT ?) RETURNING id, what, ref_id, due_at, times`, limit)
	if err != nil {
		return nil, fmt.Errorf("storage: take missed: %w", err)
	}
	defer rows.Close()
	var out []Missed
	for rows.Next() {
		var m Missed
		var due int64
		if err := rows.Scan(&m.ID, &m.What, &m.RefID, &due, &m.Times); err != nil {
			return nil, fmt.Errorf("storage: take missed: %w", err)
		}
		m.DueAt = fromMS(due)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: take missed: %w", err)
	}
	slices.SortFunc(out, func(a, b Missed) int { return cmp.Compare(a.ID, b.ID) })
	return out, nil
}
