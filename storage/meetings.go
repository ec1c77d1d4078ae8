package storage

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// CalendarTx is the part of a Tx that keeps what the building is told, and
// when: meetings and their decisions, scheduled notices, and announcements
// with their acknowledgements (meetings.go, schedules.go, announcements.go).
type CalendarTx struct{ *tx }

// Meeting states.
const (
	MeetingDraft     = "draft"
	MeetingTemplate  = "template" // made again by a schedule
	MeetingPosted    = "posted"
	MeetingCancelled = "cancelled"
)

// Meeting is a meeting: when, where, what about, and who was asked.
type Meeting struct {
	ID          int64
	OrganiserID int64
	Title       string
	StartsAt    time.Time
	EndsAt      time.Time // zero: no end was given
	Place       string
	Agenda      []string
	Audience    string
	Buildings   []string
	TeamID      int64
	State       string
	ScheduleID  int64
	Minutes     string
	CreatedAt   time.Time
}

const meetingCols = `id, organiser_id, title, starts_at, place, agenda, audience, buildings, coalesce(team_id, 0), state,
	coalesce(schedule_id, 0), minutes, created_at, ends_at`

func scanMeeting(sc interface{ Scan(...any) error }) (Meeting, error) {
	var m Meeting
	var agenda, bs string
	var start, created int64
	var end sql.NullInt64
	err := sc.Scan(&m.ID, &m.OrganiserID, &m.Title, &start, &m.Place, &agenda, &m.Audience, &bs, &m.TeamID, &m.State,
		&m.ScheduleID, &m.Minutes, &created, &end)
	if err != nil {
		return m, err
	}
	m.StartsAt, m.EndsAt, m.CreatedAt = fromMS(start), nullMS(end), fromMS(created)
	if err := json.Unmarshal([]byte(agenda), &m.Agenda); err != nil {
		return m, fmt.Errorf("agenda of meeting %d: %w", m.ID, err)
	}
	if err := json.Unmarshal([]byte(bs), &m.Buildings); err != nil {
		return m, fmt.Errorf("buildings of meeting %d: %w", m.ID, err)
	}
	return m, nil
}

// CreateMeeting stores a meeting in m.State (draft when empty) and returns
// its id.
func (t CalendarTx) CreateMeeting(m Meeting, now time.Time) (int64, error) {
	if m.State == "" {
		m.State = MeetingDraft
	}
	if m.Agenda == nil {
		m.Agenda = []string{}
	}
	agenda, _ := json.Marshal(m.Agenda)
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO meetings (organiser_id, title, starts_at, place, agenda, audience, buildings, team_id,
		state, schedule_id, created_at, ends_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.OrganiserID, m.Title, ms(m.StartsAt), m.Place, string(agenda), m.Audience, buildingsJSON(m.Buildings), idOrNull(m.TeamID),
		m.State, idOrNull(m.ScheduleID), ms(now), msOrNull(m.EndsAt))
	if err != nil {
		return 0, fmt.Errorf("storage: create meeting: %w", err)
	}
	return res.LastInsertId()
}

// Meeting returns meeting id.
func (t CalendarTx) Meeting(id int64) (Meeting, error) {
	m, err := scanMeeting(t.q.QueryRowContext(t.ctx, `SELECT `+meetingCols+` FROM meetings WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Meeting{}, ErrNotFound
	}
	if err != nil {
		return Meeting{}, fmt.Errorf("storage: meeting %d: %w", id, err)
	}
	return m, nil
}

// SetMeetingState moves a meeting from one state to another; false when it
// was not in from (a double press).
func (t CalendarTx) SetMeetingState(id int64, from, to string) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `UPDATE meetings SET state = ? WHERE id = ? AND state = ?`, to, id, from)
	if err != nil {
		return false, fmt.Errorf("storage: meeting %d to %s: %w", id, to, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SetMeetingSchedule links a template to the schedule that makes it.
func (t CalendarTx) SetMeetingSchedule(id, scheduleID int64) error {
	if _, err := t.q.ExecContext(t.ctx, `UPDATE meetings SET schedule_id = ? WHERE id = ?`, scheduleID, id); err != nil {
		return fmt.Errorf("storage: meeting %d schedule: %w", id, err)
	}
	return nil
}

// SetMeetingMinutes records what was said.
func (t CalendarTx) SetMeetingMinutes(id int64, minutes string) error {
	if _, err := t.q.ExecContext(t.ctx, `UPDATE meetings SET minutes = ? WHERE id = ?`, minutes, id); err != nil {
		return fmt.Errorf("storage: meeting %d minutes: %w", id, err)
	}
	return nil
}

func (t CalendarTx) meetingList(what, q string, args ...any) ([]Meeting, error) {
	rows, err := t.q.QueryContext(t.ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: %s: %w", what, err)
	}
	defer rows.Close()
	var out []Meeting
	for rows.Next() {
		m, err := scanMeeting(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: %s: %w", what, err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// UpcomingMeetings are posted meetings starting at or after now, soonest first.
func (t CalendarTx) UpcomingMeetings(now time.Time, limit int) ([]Meeting, error) {
	return t.meetingList("upcoming meetings", `SELECT `+meetingCols+` FROM meetings
		WHERE state = 'posted' AND starts_at >= ? ORDER BY starts_at, id LIMIT ?`, ms(now), limit)
}

// PastMeetings are posted meetings that started before now, latest first.
func (t CalendarTx) PastMeetings(now time.Time, limit int) ([]Meeting, error) {
	return t.meetingList("past meetings", `SELECT `+meetingCols+` FROM meetings
		WHERE state = 'posted' AND starts_at < ? ORDER BY starts_at DESC, id DESC LIMIT ?`, ms(now), limit)
}

// MeetingPost is one copy of a meeting's invitation.
type MeetingPost struct {
	ChatID    int64
	OutID     int64 // the sendMessage
	EditOutID int64 // the latest editMessageText queued, 0 if none
	Lang      string
}

// AddMeetingPost records a copy of the invitation sent to chat.
func (t CalendarTx) AddMeetingPost(id int64, p MeetingPost) error {
	if _, err := t.q.ExecContext(t.ctx, `INSERT OR IGNORE INTO meeting_posts (meeting_id, chat_id, out_id, lang) VALUES (?, ?, ?, ?)`,
		id, p.ChatID, p.OutID, p.Lang); err != nil {
		return fmt.Errorf("storage: meeting %d post: %w", id, err)
	}
	return nil
}

// SetMeetingEdit records the edit queued last for a copy.
func (t CalendarTx) SetMeetingEdit(id, chatID, outID int64) error {
	if _, err := t.q.ExecContext(t.ctx, `UPDATE meeting_posts SET edit_out_id = ? WHERE meeting_id = ? AND chat_id = ?`, outID, id, chatID); err != nil {
		return fmt.Errorf("storage: meeting %d edit: %w", id, err)
	}
	return nil
}

// MeetingPosts lists the copies of a meeting's invitation.
func (t CalendarTx) MeetingPosts(id int64) ([]MeetingPost, error) {
	rows, err := t.q.QueryContext(t.ctx, `SELECT chat_id, out_id, coalesce(edit_out_id, 0), lang FROM meeting_posts
		WHERE meeting_id = ? ORDER BY chat_id`, id)
	if err != nil {
		return nil, fmt.Errorf("storage: meeting %d posts: %w", id, err)
	}
	defer rows.Close()
	var out []MeetingPost
	for rows.Next() {
		var p MeetingPost
		if err := rows.Scan(&p.ChatID, &p.OutID, &p.EditOutID, &p.Lang); err != nil {
			return nil, fmt.Errorf("storage: meeting %d posts: %w", id, err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// MeetingPostedTo reports whether a copy went to chat.
func (t CalendarTx) MeetingPostedTo(id, chatID int64) (bool, error) {
	var n int
	err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM meeting_posts WHERE meeting_id = ? AND chat_id = ?`, id, chatID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("storage: meeting %d posted to %d: %w", id, chatID, err)
	}
	return n > 0, nil
}

// SetRSVP records a member's answer; changed is false when it was already so.
func (t CalendarTx) SetRSVP(id, member int64, coming bool, now time.Time) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO meeting_rsvps (meeting_id, member_id, coming, at) VALUES (?, ?, ?, ?)
		ON CONFLICT (meeting_id, member_id) DO UPDATE SET coming = excluded.coming, at = excluded.at WHERE coming <> excluded.coming`,
		id, member, boolInt(coming), ms(now))
	if err != nil {
		return false, fmt.Errorf("storage: rsvp %d: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// RSVPCounts returns how many said they are coming and how many cannot.
func (t CalendarTx) RSVPCounts(id int64) (coming, not int, err error) {
	err = t.q.QueryRowContext(t.ctx, `SELECT coalesce(sum(coming), 0), coalesce(sum(1 - coming), 0) FROM meeting_rsvps WHERE meeting_id = ?`, id).
		Scan(&coming, &not)
	if err != nil {
		return 0, 0, fmt.Errorf("storage: rsvp counts %d: %w", id, err)
	}
	return coming, not, nil
}

// Decliners lists who said they cannot come.
func (t CalendarTx) Decliners(id int64) ([]int64, error) {
	return t.ids(fmt.Sprintf("decliners of meeting %d", id), `SELECT member_id FROM meeting_rsvps WHERE meeting_id = ? AND coming = 0`, id)
}

// Decision is something a meeting decided, and the ticket or volunteer
// job it became.
type Decision struct {
	ID        int64
	MeetingID int64
	Text      string
	TicketID  int64
	JobID     int64
}

const decisionCols = `id, meeting_id, text, coalesce(ticket_id, 0), coalesce(job_id, 0)`

// AddDecision records a decision and returns its id.
func (t CalendarTx) AddDecision(meeting int64, text string, now time.Time) (int64, error) {
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO meeting_decisions (meeting_id, text, created_at) VALUES (?, ?, ?)`, meeting, text, ms(now))
	if err != nil {
		return 0, fmt.Errorf("storage: add decision to meeting %d: %w", meeting, err)
	}
	return res.LastInsertId()
}

// Decision returns decision id.
func (t CalendarTx) Decision(id int64) (Decision, error) {
	var d Decision
	err := t.q.QueryRowContext(t.ctx, `SELECT `+decisionCols+` FROM meeting_decisions WHERE id = ?`, id).
		Scan(&d.ID, &d.MeetingID, &d.Text, &d.TicketID, &d.JobID)
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	if err != nil {
		return d, fmt.Errorf("storage: decision %d: %w", id, err)
	}
	return d, nil
}

// Decisions lists a meeting's decisions in order.
func (t CalendarTx) Decisions(meeting int64) ([]Decision, error) {
	rows, err := t.q.QueryContext(t.ctx, `SELECT `+decisionCols+` FROM meeting_decisions
		WHERE meeting_id = ? ORDER BY id`, meeting)
	if err != nil {
		return nil, fmt.Errorf("storage: decisions of meeting %d: %w", meeting, err)
	}
	defer rows.Close()
	var out []Decision
	for rows.Next() {
		var d Decision
		if err := rows.Scan(&d.ID, &d.MeetingID, &d.Text, &d.TicketID, &d.JobID); err != nil {
			return nil, fmt.Errorf("storage: decisions of meeting %d: %w", meeting, err)
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// SetDecisionTicket links a decision to the ticket made of it; false when
// it already became a ticket or a job (a double press).
func (t CalendarTx) SetDecisionTicket(id, ticket int64) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `UPDATE meeting_decisions SET ticket_id = ? WHERE id = ? AND ticket_id IS NULL AND job_id IS NULL`, ticket, id)
	if err != nil {
		return false, fmt.Errorf("storage: decision %d ticket: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// SetDecisionJob links a decision to the volunteer job made of it; false
// when it already became a ticket or a job.
func (t CalendarTx) SetDecisionJob(id, job int64) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `UPDATE meeting_decisions SET job_id = ? WHERE id = ? AND ticket_id IS NULL AND job_id IS NULL`, job, id)
	if err != nil {
		return false, fmt.Errorf("storage: decision %d ticket: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// OpenProblem is a building's open tickets and how many of them are past
// their category's deadline.
type OpenProblem struct {
	Building string
	Category string
	Created  time.Time
}

const openProblemsSQL = `SELECT building, category, created_at FROM tickets
	WHERE state IN ('open','reopened','claimed') ORDER BY created_at, id`

// OpenProblems lists every open, reopened and claimed ticket's building,
// category and age, oldest first (the caller counts overdue ones by the
// category deadlines it knows).
func (t CalendarTx) OpenProblems(limit int) ([]OpenProblem, error) {
	rows, err := t.q.QueryContext(t.ctx, openProblemsSQL+` LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("storage: open problems: %w", err)
	}
	defer rows.Close()
	var out []OpenProblem
	for rows.Next() {
		var p OpenProblem
		var created int64
		if err := rows.Scan(&p.Building, &p.Category, &created); err != nil {
			return nil, fmt.Errorf("storage: open problems: %w", err)
		}
		p.Created = fromMS(created)
		out = append(out, p)
	}
	return out, rows.Err()
}

const oldestOpenSQL = `SELECT ` + ticketCols + ` FROM tickets
	WHERE state IN ('open','reopened','claimed') ORDER BY created_at, id LIMIT ?`

// OldestOpen returns the oldest open, reopened and claimed tickets.
func (t CalendarTx) OldestOpen(limit int) ([]Ticket, error) {
	return t.tickets("oldest open tickets", oldestOpenSQL, limit)
}
