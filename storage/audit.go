package storage

import (
	"fmt"
	"time"
)

// AuditEntry is one recorded action on other people's data or one that
// reached many people.
type AuditEntry struct {
	ID      int64
	At      time.Time
	ActorID int64
	Action  string // "grant", "ticket.assign", "care.read", …
	Target  string // what it acted on: "m:123", "t:45", "h:6", "job:7", …
	Detail  string // a short structured description (JSON)
}

// AddAudit records e.
func (t BookkeepingTx) AddAudit(e AuditEntry) error {
	_, err := t.q.ExecContext(t.ctx, `INSERT INTO audit (at, actor_id, action, target, detail) VALUES (?, ?, ?, ?, ?)`,
		ms(e.At), e.ActorID, e.Action, e.Target, e.Detail)
	if err != nil {
		return fmt.Errorf("storage: add audit %s: %w", e.Action, err)
	}
	return nil
}

// AuditFilter narrows the audit log: by who acted (0: anyone), by action
// (an exact action, its family before the dot or its verb after it: "role"
// and "grant" both find "role.grant"; "": any) and by time.
type AuditFilter struct {
	Actor    int64
	Action   string
	From, To time.Time // zero: unbounded
}

// AuditPage returns up to limit entries matching f, newest first, skipping
// the first offset.
func (t BookkeepingTx) AuditPage(f AuditFilter, offset, limit int) ([]AuditEntry, error) {
	q := `SELECT id, at, actor_id, action, target, detail FROM audit WHERE 1 = 1`
	var args []any
	if f.Actor != 0 {
		q += ` AND actor_id = ?`
		args = append(args, f.Actor)
	}
	if f.Action != "" {
		q += ` AND (action = ? OR action LIKE ? ESCAPE '\' OR action LIKE ? ESCAPE '\')`
		args = append(args, f.Action, escapeLike(f.Action)+".%", "%."+escapeLike(f.Action))
	}
	if !f.From.IsZero() {
		q += ` AND at >= ?`
		args = append(args, ms(f.From))
	}
	if !f.To.IsZero() {
		q += ` AND at < ?`
		args = append(args, ms(f.To))
	}
	q += ` ORDER BY at DESC, id DESC LIMIT ? OFFSET ?`
	args = append(args, limit, offset)
	return t.auditRows(q, args...)
}

// ActorAudit returns every entry of actions member took, oldest first.
func (t BookkeepingTx) ActorAudit(member int64) ([]AuditEntry, error) {
	return t.auditRows(`SELECT id, at, actor_id, action, target, detail FROM audit WHERE actor_id = ? ORDER BY at, id`, member)
}

func (t BookkeepingTx) auditRows(q string, args ...any) ([]AuditEntry, error) {
	rows, err := t.q.QueryContext(t.ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("storage: audit: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at int64
		if err := rows.Scan(&e.ID, &at, &e.ActorID, &e.Action, &e.Target, &e.Detail); err != nil {
			return nil, fmt.Errorf("storage: audit: %w", err)
		}
		e.At = fromMS(at)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("storage: audit: %w", err)
	}
	return out, nil
}

func escapeLike(s string) string {
	out := make([]rune, 0, len(s))
	for _, c := range s {
		if c == '%' || c == '_' || c == '\\' {
			out = append(out, '\\')
		}
		out = append(out, c)
	}
	return string(out)
}
