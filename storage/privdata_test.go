package storage

import (
	"context"
	"errors"
	"testing"
	"time"
)

// What is kept outside the database for a write (a rate limiter's count)
// is given back when the write does not commit, and only then.
func TestOnRollbackRunsOnlyWhenTheWriteIsUndone(t *testing.T) {
	s := newTestStorage(t)
	ctx := context.Background()
	undone := 0
	if err := s.Update(ctx, func(tx *Tx) error { tx.OnRollback(func() { undone++ }); return nil }); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := s.Update(ctx, func(tx *Tx) error { tx.OnRollback(func() { undone++ }); return boom }); !errors.Is(err, boom) {
		t.Fatal(err)
	}
	// A failing commit: a deferred foreign key broken at COMMIT.
	err := s.Update(ctx, func(tx *Tx) error {
		tx.OnRollback(func() { undone++ })
		if _, err := tx.q.ExecContext(tx.ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
			return err
		}
		_, err := tx.q.ExecContext(tx.ctx, `INSERT INTO member_buildings (member_id, building) VALUES (424242, '1')`)
		return err
	})
	if err == nil {
		t.Fatal("the commit did not fail")
	}
	if undone != 2 {
		t.Errorf("undone %d times, want 2 (the failed write and the failed commit)", undone)
	}
}

// A member row that something unknown still points to is emptied and
// unregistered instead of deleted; tombstones get fresh negative ids.
func TestForgetKeepsARowOthersPointTo(t *testing.T) {
	s := newTestStorage(t)
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	err := s.Update(ctx, func(tx *Tx) error {
		for _, id := range []int64{1, 2} {
			if err := tx.TouchMember(id, "N", "nn", "en", now); err != nil {
				return err
			}
			if err := tx.Register(id, "1", "101", now); err != nil {
				return err
			}
		}
		if _, err := tx.q.ExecContext(tx.ctx, `CREATE TABLE not_yet_known (member_id INTEGER NOT NULL REFERENCES members(id))`); err != nil {
			return err
		}
		if _, err := tx.q.ExecContext(tx.ctx, `INSERT INTO not_yet_known VALUES (2)`); err != nil {
			return err
		}
		t1, err := tx.Forget(1, now)
		if err != nil {
			return err
		}
		t2, err := tx.Forget(2, now)
		if err != nil {
			return err
		}
		if t1 >= -1 || t2 >= t1 {
			t.Errorf("tombstones %d, %d", t1, t2)
		}
		if _, err := tx.Member(1); !errors.Is(err, ErrNotFound) {
			t.Errorf("member 1 kept: %v", err)
		}
		m, err := tx.Member(2)
		if err != nil {
			return err
		}
		if m.Name != "" || m.Username != "" || m.Registered() || m.Unit != "" {
			t.Errorf("member 2 kept personal data: %+v", m)
		}
		tomb, err := tx.Member(t1)
		if err != nil || !tomb.Forgotten || tomb.Name != "" {
			t.Errorf("tombstone %+v, %v", tomb, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
