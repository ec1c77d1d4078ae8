package storage

import (
	"context"
	"fmt"
)

// Ping checks that the database answers a read.
func (s *Storage) Ping(ctx context.Context) error {
	var one int
	if err := s.db.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("storage: ping: %w", err)
	}
	return nil
}

// TicketsByState counts the tickets in each state.
func (t TicketsTx) TicketsByState() (map[TicketState]int, error) {
	rows, err := t.q.QueryContext(t.ctx, `SELECT state, count(*) FROM tickets GROUP BY state`)
	if err != nil {
		return nil, fmt.Errorf("storage: tickets by state: %w", err)
	}
	defer rows.Close()
	out := map[TicketState]int{}
	for rows.Next() {
		var st TicketState
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, fmt.Errorf("storage: tickets by state: %w", err)
		}
		out[st] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: tickets by state: %w", err)
	}
	return out, nil
}
