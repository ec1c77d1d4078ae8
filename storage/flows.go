package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Flow is where a person is in a multi-step conversation.
type Flow struct {
	UserID    int64
	Name      string // e.g. "register", "report"
	Step      string
	Data      string // JSON owned by the flow
	UpdatedAt time.Time
}

// Flow returns the person's current flow.
func (t BookkeepingTx) Flow(userID int64) (Flow, error) {
	f := Flow{UserID: userID}
	var at int64
	err := t.q.QueryRowContext(t.ctx, `SELECT name, step, data, updated_at FROM flows WHERE user_id = ?`, userID).
		Scan(&f.Name, &f.Step, &f.Data, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return Flow{}, ErrNotFound
	}
	if err != nil {
		return Flow{}, fmt.Errorf("storage: flow of %d: %w", userID, err)
	}
	f.UpdatedAt = fromMS(at)
	return f, nil
}

// SetFlow starts or advances a flow.
func (t BookkeepingTx) SetFlow(f Flow, now time.Time) error {
	if f.Data == "" {
		f.Data = "{}"
	}
	_, err := t.q.ExecContext(t.ctx, `
		INSERT INTO flows (user_id, name, step, data, updated_at) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET name = excluded.name, step = excluded.step, data = excluded.data, updated_at = excluded.updated_at`,
		f.UserID, f.Name, f.Step, f.Data, ms(now))
	if err != nil {
		return fmt.Errorf("storage: set flow of %d: %w", f.UserID, err)
	}
	return nil
}

// EndFlow forgets the person's flow, if any.
func (t BookkeepingTx) EndFlow(userID int64) error {
	if _, err := t.q.ExecContext(t.ctx, `DELETE FROM flows WHERE user_id = ?`, userID); err != nil {
		return fmt.Errorf("storage: end flow of %d: %w", userID, err)
	}
	return nil
}
