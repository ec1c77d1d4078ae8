package storage

import (
	"context"
	"errors"
	"testing"
)

// A write whose ROLLBACK fails leaves its connection inside the
// transaction: that connection is thrown away, so the next write gets a
// fresh one, and what the failed write did is not kept.
func TestFailedRollbackDiscardsTheWriter(t *testing.T) {
	s := newTestStorage(t)
	ctx := context.Background()
	s.rollback = "ROLLBACK TO no_such_savepoint"
	boom := errors.New("boom")
	err := s.Update(ctx, func(tx *Tx) error {
		if err := tx.TouchMember(1, "Ann", "", "en", t0); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update: %v", err)
	}
	s.rollback = "ROLLBACK"
	if st := s.wdb.Stats(); st.OpenConnections != 0 {
		t.Errorf("%d writer connections still open after a failed rollback", st.OpenConnections)
	}
	if err := s.Update(ctx, func(tx *Tx) error { return tx.TouchMember(2, "Bob", "", "en", t0) }); err != nil {
		t.Fatalf("the next write failed: %v", err)
	}
	err = s.View(ctx, func(tx *Tx) error {
		if _, err := tx.Member(1); !errors.Is(err, ErrNotFound) {
			t.Errorf("the failed write was kept: %v", err)
		}
		_, err := tx.Member(2)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
