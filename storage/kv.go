package storage

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// BookkeepingTx is the part of a Tx that keeps the bot's own records about
// its members and runs: the flow each member is in (flows.go), their menu
// messages (menus.go), the audit trail (audit.go), who is blocked
// (blocked.go), and small keyed values such as the last run of a job
// (kv.go).
type BookkeepingTx struct{ *tx }

func (t BookkeepingTx) kv(key string) (string, error) {
	var v string
	err := t.q.QueryRowContext(t.ctx, `SELECT value FROM kv WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("storage: read %s: %w", key, err)
	}
	return v, nil
}

func (t BookkeepingTx) setKV(key, value string) error {
	_, err := t.q.ExecContext(t.ctx, `INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("storage: write %s: %w", key, err)
	}
	return nil
}

// RecordRun notes when a scheduled job last ran.
func (t BookkeepingTx) RecordRun(job string, at time.Time) error {
	return t.setKV("run."+job, at.UTC().Format(time.RFC3339Nano))
}

// LastRun is when a scheduled job last ran (zero if never).
func (t BookkeepingTx) LastRun(job string) (time.Time, error) {
	v, err := t.kv("run." + job)
	if err == ErrNotFound {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, err
	}
	at, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("storage: bad run time of %s: %w", job, err)
	}
	return at, nil
}
