package storage

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// TicketsTx is the part of a Tx that keeps tickets: their events,
// attachments, queues, counts and transitions, and the alerts about tickets
// that reached nobody (tickets*.go, alerts.go, ops.go).
type TicketsTx struct{ *tx }

// Ticket kinds.
const (
	TicketKindReport = "report" // a problem
	TicketKindWish   = "wish"   // a micro-wish
)

// Ticket is a resident's problem report or micro-wish. Its ID is the public
// number #N.
type Ticket struct {
	ID              int64
	Kind            string // TicketKindReport or TicketKindWish
	Category        string // a configured category key, e.g. "water"
	Building        string
	ReporterID      int64
	Text            string
	Photos          []string // Telegram file_ids
	Voices          []Voice  // voice notes, the description or added to it
	Lat, Lon        *float64 // nil without a location
	HideName        bool     // hide the reporter's name from neighbours
	State           TicketState
	AssigneeID      int64 // 0 none
	TeamID          int64 // 0 none
	DuplicateOf     int64 // 0 unless a duplicate
	Resolution      string
	ResolutionPhoto string
	CreatedAt       time.Time
	ClaimedAt       time.Time // the first claim or assignment; zero if never
	ResolvedAt      time.Time // the last resolve; zero if never
	ClosedAt        time.Time
	UpdatedAt       time.Time
	EscalatedStep   int   // 0 none, 1 unclaimed escalation sent, 2 deadline escalation sent
	SourceChatID    int64 // the group it was reported in; 0 private
	GroupOutID      int64 // the outbox row of its line in the building's group; 0 none
}

// Voice is a voice note (or an audio recording) kept on a ticket.
type Voice struct {
	FileID  string `json:"file_id"`
	Audio   bool   `json:"audio,omitempty"` // sent as an audio file, not a voice note
	Seconds int    `json:"seconds"`
}

// TicketEvent is one change in a ticket's history.
type TicketEvent struct {
	ID       int64
	TicketID int64
	ActorID  int64 // 0 is the system
	Action   TicketAction
	From, To TicketState // From is "" for ActCreate
	Note     string
	Photo    string
	At       time.Time
}

// ErrIllegalTransition is what every *TransitionError is.
var ErrIllegalTransition = errors.New("illegal ticket transition")

// TransitionError refuses an action the ticket's current state does not
// allow, e.g. a second claim.
type TransitionError struct {
	ID     int64
	State  TicketState // the state the ticket is in
	Action TicketAction
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("storage: ticket #%d is %s: cannot %s", e.ID, e.State, e.Action)
}

// Is makes errors.Is(err, ErrIllegalTransition) true.
func (e *TransitionError) Is(target error) bool { return target == ErrIllegalTransition }

const ticketCols = `id, kind, category, building, reporter_id, text, photos, lat, lon, hide_name, state,
	coalesce(assignee_id, 0), coalesce(team_id, 0), coalesce(duplicate_of, 0), resolution, resolution_photo,
	created_at, claimed_at, resolved_at, closed_at, updated_at, escalated_step, source_chat_id, coalesce(group_out_id, 0), voices`

func scanTicket(sc interface{ Scan(...any) error }) (Ticket, error) {
	var tk Ticket
	var photos, voices string
	var lat, lon sql.NullFloat64
	var hide int
	var created, updated int64
	var claimed, resolved, closed sql.NullInt64
	err := sc.Scan(&tk.ID, &tk.Kind, &tk.Category, &tk.Building, &tk.ReporterID, &tk.Text, &photos, &lat, &lon, &hide, &tk.State,
		&tk.AssigneeID, &tk.TeamID, &tk.DuplicateOf, &tk.Resolution, &tk.ResolutionPhoto,
		&created, &claimed, &resolved, &closed, &updated, &tk.EscalatedStep, &tk.SourceChatID, &tk.GroupOutID, &voices)
	if err != nil {
		return Ticket{}, err
	}
	if photos != "" && photos != "[]" {
		if err := json.Unmarshal([]byte(photos), &tk.Photos); err != nil {
			return Ticket{}, fmt.Errorf("photos of #%d: %w", tk.ID, err)
		}
	}
	if voices != "" && voices != "[]" {
		if err := json.Unmarshal([]byte(voices), &tk.Voices); err != nil {
			return Ticket{}, fmt.Errorf("voices of #%d: %w", tk.ID, err)
		}
	}
	if lat.Valid && lon.Valid {
		tk.Lat, tk.Lon = &lat.Float64, &lon.Float64
	}
	tk.HideName = hide == 1
	tk.CreatedAt, tk.UpdatedAt = fromMS(created), fromMS(updated)
	tk.ClaimedAt, tk.ResolvedAt, tk.ClosedAt = nullMS(claimed), nullMS(resolved), nullMS(closed)
	return tk, nil
}

func (t TicketsTx) tickets(what, q string, args ...any) ([]Ticket, error) {
	return queryAll(t, what, scanTicket, q, args...)
}

func idOrNull(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// CreateTicket files a new ticket in state open and records its "create"
// event by the reporter. It returns the ticket's number.
func (t TicketsTx) CreateTicket(tk Ticket, now time.Time) (int64, error) {
	photos := []string{}
	if tk.Photos != nil {
		photos = tk.Photos
	}
	pj, err := json.Marshal(photos)
	if err != nil {
		return 0, fmt.Errorf("storage: create ticket: %w", err)
	}
	vj, err := json.Marshal(append([]Voice{}, tk.Voices...))
	if err != nil {
		return 0, fmt.Errorf("storage: create ticket: %w", err)
	}
	var lat, lon any
	if tk.Lat != nil && tk.Lon != nil {
		lat, lon = *tk.Lat, *tk.Lon
	}
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO tickets (kind, category, building, reporter_id, text, photos, lat, lon,
			hide_name, state, source_chat_id, created_at, updated_at, voices)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)`,
		tk.Kind, tk.Category, tk.Building, tk.ReporterID, tk.Text, string(pj), lat, lon,
		boolInt(tk.HideName), tk.SourceChatID, ms(now), ms(now), string(vj))
	if err != nil {
		return 0, fmt.Errorf("storage: create ticket: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("storage: create ticket: %w", err)
	}
	ev := TicketEvent{TicketID: id, ActorID: tk.ReporterID, Action: ActCreate, To: TicketOpen, At: now}
	if _, err := t.addTicketEvent(ev); err != nil {
		return 0, err
	}
	return id, nil
}

// Ticket returns ticket #id, or ErrNotFound.
func (t TicketsTx) Ticket(id int64) (Ticket, error) {
	tk, err := scanTicket(t.q.QueryRowContext(t.ctx, `SELECT `+ticketCols+` FROM tickets WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Ticket{}, ErrNotFound
	}
	if err != nil {
		return Ticket{}, fmt.Errorf("storage: ticket %d: %w", id, err)
	}
	return tk, nil
}

// SetTicketGroupOut records the outbox row that posts the ticket's line in
// the building's group (its message_id is there once sent).
func (t TicketsTx) SetTicketGroupOut(id, outID int64) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE tickets SET group_out_id = ? WHERE id = ?`, idOrNull(outID), id)
	if err != nil {
		return fmt.Errorf("storage: set group line of ticket %d: %w", id, err)
	}
	return mustAffect(res, id)
}

func (t TicketsTx) addTicketEvent(ev TicketEvent) (TicketEvent, error) {
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO ticket_events (ticket_id, actor_id, action, from_state, to_state, note, photo, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		ev.TicketID, ev.ActorID, ev.Action, ev.From, ev.To, ev.Note, ev.Photo, ms(ev.At))
	if err != nil {
		return TicketEvent{}, fmt.Errorf("storage: record %s of ticket %d: %w", ev.Action, ev.TicketID, err)
	}
	if ev.ID, err = res.LastInsertId(); err != nil {
		return TicketEvent{}, fmt.Errorf("storage: record %s of ticket %d: %w", ev.Action, ev.TicketID, err)
	}
	ev.At = fromMS(ms(ev.At)) // as it reads back
	return ev, nil
}

// TicketEvents returns the ticket's history, oldest first.
func (t TicketsTx) TicketEvents(id int64) ([]TicketEvent, error) {
	scan := func(sc scanner) (TicketEvent, error) {
		var ev TicketEvent
		var at int64
		err := sc.Scan(&ev.ID, &ev.TicketID, &ev.ActorID, &ev.Action, &ev.From, &ev.To, &ev.Note, &ev.Photo, &at)
		ev.At = fromMS(at)
		return ev, err
	}
	return queryAll(t, fmt.Sprintf("events of ticket %d", id), scan, `SELECT id, ticket_id, actor_id, action, from_state, to_state, note, photo, at
		FROM ticket_events WHERE ticket_id = ? ORDER BY id`, id)
}

// FollowTicket subscribes member to the ticket ("me too"). added is false
// when they already followed it.
func (t TicketsTx) FollowTicket(id, member int64, now time.Time) (bool, error) {
	res, err := t.q.ExecContext(t.ctx, `INSERT OR IGNORE INTO ticket_followers (ticket_id, member_id, at)
		SELECT id, ?, ? FROM tickets WHERE id = ?`, member, ms(now), id)
	if err != nil {
		return false, fmt.Errorf("storage: follow ticket %d by %d: %w", id, member, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("storage: follow ticket %d by %d: %w", id, member, err)
	}
	if n == 0 {
		var one int
		err := t.q.QueryRowContext(t.ctx, `SELECT 1 FROM tickets WHERE id = ?`, id).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return false, ErrNotFound
		}
		if err != nil {
			return false, fmt.Errorf("storage: follow ticket %d by %d: %w", id, member, err)
		}
	}
	return n == 1, nil
}

// TicketFollowers returns who follows the ticket, earliest first.
func (t TicketsTx) TicketFollowers(id int64) ([]int64, error) {
	return t.ids(fmt.Sprintf("followers of ticket %d", id),
		`SELECT member_id FROM ticket_followers WHERE ticket_id = ? ORDER BY at, member_id`, id)
}
