package storage

import (
	"database/sql"
	"errors"
	"fmt"
)

func (t *Tx) kv(key string) (string, error) {
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

func (t *Tx) setKV(key, value string) error {
	_, err := t.q.ExecContext(t.ctx, `INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("storage: write %s: %w", key, err)
	}
	return nil
}
