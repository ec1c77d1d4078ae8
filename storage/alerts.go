package storage

import (
	"database/sql"
	"fmt"
	"time"
)

// OpenedPrivate records that member id wrote to the bot in private, so the
// bot may write to them there.
func (t TicketsTx) OpenedPrivate(id int64, now time.Time) error {
	_, err := t.q.ExecContext(t.ctx, `INSERT OR IGNORE INTO private_chats (member_id, opened_at) VALUES (?, ?)`, id, ms(now))
	if err != nil {
		return fmt.Errorf("storage: record private chat of %d: %w", id, err)
	}
	return nil
}

// HasOpenedPrivate reports whether member id ever wrote to the bot in private.
func (t TicketsTx) HasOpenedPrivate(id int64) (bool, error) {
	var n int
	err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM private_chats WHERE member_id = ?`, id).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("storage: private chat of %d: %w", id, err)
	}
	return n > 0, nil
}

// Unreached is an alert about a ticket that nobody could be sent.
type Unreached struct {
	ID       int64
	TicketID int64
	Kind     string // what it was: "new", "escalate", ...
	At       time.Time
	ToldAt   time.Time // zero until a staff member was told
}

// RecordUnreached keeps an alert about ticket id that reached nobody.
func (t TicketsTx) RecordUnreached(ticketID int64, kind string, now time.Time) error {
	_, err := t.q.ExecContext(t.ctx, `INSERT INTO unreached_alerts (ticket_id, kind, at) VALUES (?, ?, ?)`, ticketID, kind, ms(now))
	if err != nil {
		return fmt.Errorf("storage: record unreached alert of ticket %d: %w", ticketID, err)
	}
	return nil
}

// UnreachedAlerts returns the newest unreached alerts, at most limit, and
// how many there are in all since since.
func (t TicketsTx) UnreachedAlerts(since time.Time, limit int) ([]Unreached, int, error) {
	var total int
	if err := t.q.QueryRowContext(t.ctx, `SELECT count(*) FROM unreached_alerts WHERE at >= ?`, ms(since)).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("storage: count unreached alerts: %w", err)
	}
	out, err := t.unreached(`SELECT id, ticket_id, kind, at, told_at FROM unreached_alerts WHERE at >= ? ORDER BY id DESC LIMIT ?`, ms(since), limit)
	return out, total, err
}

// TakeUntoldUnreached returns the alerts no staff member was told of yet
// (oldest first, at most limit) and marks them told to member to.
func (t TicketsTx) TakeUntoldUnreached(to int64, limit int, now time.Time) ([]Unreached, error) {
	out, err := t.unreached(`SELECT id, ticket_id, kind, at, told_at FROM unreached_alerts WHERE told_at IS NULL ORDER BY id LIMIT ?`, limit)
	if err != nil || len(out) == 0 {
		return out, err
	}
	_, err = t.q.ExecContext(t.ctx, `UPDATE unreached_alerts SET told_at = ?, told_to = ? WHERE told_at IS NULL AND id <= ?`,
		ms(now), to, out[len(out)-1].ID)
	if err != nil {
		return nil, fmt.Errorf("storage: mark unreached alerts told: %w", err)
	}
	return out, nil
}

func (t TicketsTx) unreached(query string, args ...any) ([]Unreached, error) {
	scan := func(sc scanner) (Unreached, error) {
		var u Unreached
		var at int64
		var told sql.NullInt64
		err := sc.Scan(&u.ID, &u.TicketID, &u.Kind, &at, &told)
		u.At, u.ToldAt = fromMS(at), nullMS(told)
		return u, err
	}
	return queryAll(t, "unreached alerts", scan, query, args...)
}

// SetTicketEventNote sets the note of event ev of ticket id, for a note
// that comes after the action (what is still wrong after a reopen).
func (t TicketsTx) SetTicketEventNote(id, ev int64, note string) error {
	res, err := t.q.ExecContext(t.ctx, `UPDATE ticket_events SET note = ? WHERE id = ? AND ticket_id = ?`, note, ev, id)
	if err != nil {
		return fmt.Errorf("storage: note event %d of ticket %d: %w", ev, id, err)
	}
	return mustAffect(res, ev)
}
