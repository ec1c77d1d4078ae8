package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Outcomes of a dispute. "" is still open.
const (
	DisputeSettled   = "settled"
	DisputeUnsettled = "unsettled"
	DisputeReferred  = "referred"
)

// DisputeOutcomes lists the outcomes a mediator may record.
var DisputeOutcomes = []string{DisputeSettled, DisputeUnsettled, DisputeReferred}

// Dispute is a confidential record of the mediation room. It is read only
// by staff and its mediator, never exported and never shown in a group.
type Dispute struct {
	ID         int64
	Building   string // "" when none was given
	Summary    string
	MediatorID int64
	CreatedBy  int64
	TicketID   int64 // the ticket it was moved from; 0 none
	Outcome    string
	OutcomeAt  time.Time // zero while open
	FollowUp   time.Time // the follow-up date; zero none
	CreatedAt  time.Time
	UpdatedAt  time.Time
	Parties    []DisputeParty
}

// DisputeParty is one side of a dispute: a member, or a plain name.
type DisputeParty struct {
	MemberID int64 // 0 for a plain name
	Name     string
}

// DisputeSession is one meeting of the parties.
type DisputeSession struct {
	ID         int64
	DisputeID  int64
	HeldOn     time.Time
	Notes      string
	RecordedBy int64
	CreatedAt  time.Time
}

const disputeCols = `id, building, summary, mediator_id, created_by, coalesce(ticket_id, 0), outcome, outcome_at, follow_up, created_at, updated_at`

func scanDispute(sc interface{ Scan(...any) error }) (Dispute, error) {
	var d Dispute
	var outAt, follow sql.NullInt64
	var created, updated int64
	err := sc.Scan(&d.ID, &d.Building, &d.Summary, &d.MediatorID, &d.CreatedBy, &d.TicketID, &d.Outcome, &outAt, &follow, &created, &updated)
	d.OutcomeAt, d.FollowUp = nullMS(outAt), nullMS(follow)
	d.CreatedAt, d.UpdatedAt = fromMS(created), fromMS(updated)
	return d, err
}

// CreateDispute stores d with its parties and returns its id.
func (t CareTx) CreateDispute(d Dispute, now time.Time) (int64, error) {
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO disputes (building, summary, mediator_id, created_by, ticket_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, d.Building, d.Summary, d.MediatorID, d.CreatedBy, idOrNull(d.TicketID), ms(now), ms(now))
	if err != nil {
		return 0, fmt.Errorf("storage: create dispute: %w", err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, fmt.Errorf("storage: create dispute: %w", err)
	}
	for i, p := range d.Parties {
		if _, err := t.q.ExecContext(t.ctx, `INSERT INTO dispute_parties (dispute_id, pos, member_id, name) VALUES (?, ?, ?, ?)`,
			id, i, idOrNull(p.MemberID), p.Name); err != nil {
			return 0, fmt.Errorf("storage: dispute %d party: %w", id, err)
		}
	}
	return id, nil
}

// Dispute returns dispute id with its parties, or ErrNotFound.
func (t CareTx) Dispute(id int64) (Dispute, error) {
	return t.disputeWhere(`id = ?`, id)
}

// DisputeByTicket returns the dispute moved from ticket id, or ErrNotFound.
func (t CareTx) DisputeByTicket(ticketID int64) (Dispute, error) {
	return t.disputeWhere(`ticket_id = ?`, ticketID)
}

func (t CareTx) disputeWhere(where string, arg any) (Dispute, error) {
	d, err := scanDispute(t.q.QueryRowContext(t.ctx, `SELECT `+disputeCols+` FROM disputes WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return Dispute{}, ErrNotFound
	}
	if err != nil {
		return Dispute{}, fmt.Errorf("storage: dispute %v: %w", arg, err)
	}
	rows, err := t.q.QueryContext(t.ctx, `SELECT coalesce(member_id, 0), name FROM dispute_parties WHERE dispute_id = ? ORDER BY pos`, d.ID)
	if err != nil {
		return Dispute{}, fmt.Errorf("storage: dispute %d parties: %w", d.ID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var p DisputeParty
		if err := rows.Scan(&p.MemberID, &p.Name); err != nil {
			return Dispute{}, fmt.Errorf("storage: dispute %d parties: %w", d.ID, err)
		}
		d.Parties = append(d.Parties, p)
	}
	if err := rows.Err(); err != nil {
		return Dispute{}, fmt.Errorf("storage: dispute %d parties: %w", d.ID, err)
	}
	return d, nil
}

// Disputes lists the newest disputes (without parties) first: every one
// when mediator is 0, else those of that mediator.
func (t CareTx) Disputes(mediator int64, limit int) ([]Dispute, error) {
	rows, err := t.q.QueryContext(t.ctx, `SELECT `+disputeCols+` FROM disputes WHERE ? = 0 OR mediator_id = ? ORDER BY id DESC LIMIT ?`,
		mediator, mediator, limit)
	if err != nil {
		return nil, fmt.Errorf("storage: disputes: %w", err)
	}
	defer rows.Close()
	var out []Dispute
	for rows.Next() {
		d, err := scanDispute(rows)
		if err != nil {
			return nil, fmt.Errorf("storage: disputes: %w", err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: disputes: %w", err)
	}
	return out, nil
}

// AddDisputeSession records a session of dispute s.DisputeID.
func (t CareTx) AddDisputeSession(s DisputeSession, now time.Time) (int64, error) {
	res, err := t.q.ExecContext(t.ctx, `INSERT INTO dispute_sessions (dispute_id, held_on, notes, recorded_by, created_at) VALUES (?, ?, ?, ?, ?)`,
		s.DisputeID, ms(s.HeldOn), s.Notes, s.RecordedBy, ms(now))
	if err != nil {
		return 0, fmt.Errorf("storage: dispute %d session: %w", s.DisputeID, err)
	}
	if err := t.touchDispute(s.DisputeID, now); err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// DisputeSessions lists a dispute's sessions by date.
func (t CareTx) DisputeSessions(id int64) ([]DisputeSession, error) {
	rows, err := t.q.QueryContext(t.ctx, `SELECT id, dispute_id, held_on, notes, recorded_by, created_at FROM dispute_sessions
		WHERE dispute_id = ? ORDER BY held_on, id`, id)
	if err != nil {
		return nil, fmt.Errorf("storage: dispute %d sessions: %w", id, err)
	}
	defer rows.Close()
	var out []DisputeSession
	for rows.Next() {
		var s DisputeSession
		var held, created int64
		if err := rows.Scan(&s.ID, &s.DisputeID, &held, &s.Notes, &s.RecordedBy, &created); err != nil {
			return nil, fmt.Errorf("storage: dispute %d sessions: %w", id, err)
		}
		s.HeldOn, s.CreatedAt = fromMS(held), fromMS(created)
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: dispute %d sessions: %w", id, err)
	}
	return out, nil
}

// SetDisputeOutcome records how a dispute ended (at now).
func (t CareTx) SetDisputeOutcome(id int64, outcome string, now time.Time) error {
	return t.updateDispute(id, `outcome = ?, outcome_at = ?`, outcome, ms(now), now)
}

// SetDisputeFollowUp sets the follow-up date.
func (t CareTx) SetDisputeFollowUp(id int64, at time.Time, now time.Time) error {
	return t.updateDispute(id, `follow_up = ?`, ms(at), nil, now)
}

// SetDisputeMediator hands a dispute to another mediator.
func (t CareTx) SetDisputeMediator(id, mediator int64, now time.Time) error {
	return t.updateDispute(id, `mediator_id = ?`, mediator, nil, now)
}

func (t CareTx) updateDispute(id int64, set string, a, b any, now time.Time) error {
	args := []any{a}
	if b != nil {
		args = append(args, b)
	}
	args = append(args, ms(now), id)
	res, err := t.q.ExecContext(t.ctx, `UPDATE disputes SET `+set+`, updated_at = ? WHERE id = ?`, args...)
	if err != nil {
		return fmt.Errorf("storage: update dispute %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("storage: update dispute %d: %w", id, err)
	} else if n == 0 {
		return fmt.Errorf("storage: update dispute %d: %w", id, ErrNotFound)
	}
	return nil
}

func (t CareTx) touchDispute(id int64, now time.Time) error {
	if _, err := t.q.ExecContext(t.ctx, `UPDATE disputes SET updated_at = ? WHERE id = ?`, ms(now), id); err != nil {
		return fmt.Errorf("storage: touch dispute %d: %w", id, err)
	}
	return nil
}

// DisputesSettledSQL counts the disputes whose outcome "settled" was
// recorded in [from, to): the figure /summary reports.
const DisputesSettledSQL = `SELECT count(*) FROM disputes WHERE outcome = 'settled' AND outcome_at >= ? AND outcome_at < ?`

// DisputesSettled counts the disputes settled in [from, to).
func (t CareTx) DisputesSettled(from, to time.Time) (int, error) {
	var n int
	if err := t.q.QueryRowContext(t.ctx, DisputesSettledSQL, ms(from), ms(to)).Scan(&n); err != nil {
		return 0, fmt.Errorf("storage: disputes settled: %w", err)
	}
	return n, nil
}

// SetMediator names member a mediator (on) or takes that back.
func (t CareTx) SetMediator(member int64, on bool, by int64, now time.Time) error {
	var err error
	if on {
		_, err = t.q.ExecContext(t.ctx, `INSERT INTO mediators (member_id, granted_by, granted_at) VALUES (?, ?, ?)
			ON CONFLICT (member_id) DO NOTHING`, member, by, ms(now))
	} else {
		_, err = t.q.ExecContext(t.ctx, `DELETE FROM mediators WHERE member_id = ?`, member)
	}
	if err != nil {
		return fmt.Errorf("storage: set mediator %d: %w", member, err)
	}
	return nil
}

// IsMediator reports whether staff named member a mediator.
func (t CareTx) IsMediator(member int64) (bool, error) {
	var n int
	if err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM mediators WHERE member_id = ?`, member).Scan(&n); err != nil {
		return false, fmt.Errorf("storage: is mediator %d: %w", member, err)
	}
	return n > 0, nil
}
