package schedule

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"courtyard/storage"
	"courtyard/testkit"
)

func TestBadSpecRefused(t *testing.T) {
	_, err := NewPeriodic(nil, []Job{{Name: "x", Spec: "every tuesday", Run: nil}}, time.Now, time.UTC, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
	if err == nil {
		t.Fatal("a bad cron spec must be refused")
	}
}

func TestTickRunsJobsAndRecordsThem(t *testing.T) {
	ctx := context.Background()
	s := testkit.Store(t)
	now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	runs, done := 0, 0
	jobs := []Job{
		{Name: "ok", Spec: "*/10 * * * *", Run: func(ctx context.Context, tx *storage.Tx, at time.Time) error {
			runs++
			if !at.Equal(now) {
				t.Errorf("job saw %v, want the injected clock %v", at, now)
			}
			return tx.TouchMember(1, "a", "", "", at)
		}},
		{Name: "fails", Spec: "@daily", Run: func(ctx context.Context, tx *storage.Tx, at time.Time) error {
			if err := tx.TouchMember(2, "b", "", "", at); err != nil {
				return err
			}
			return errors.New("boom")
		}},
	}
	r, err := NewPeriodic(s, jobs, func() time.Time { return now }, time.UTC, slog.New(slog.NewTextHandler(io.Discard, nil)), func() { done++ })
	if err != nil {
		t.Fatal(err)
	}
	tick := make(chan chan struct{})
	ctx, cancel := context.WithCancel(ctx)
	stopped := make(chan struct{})
	go func() { r.Run(ctx, tick); close(stopped) }()
	ack := make(chan struct{})
	tick <- ack
	<-ack
	cancel()
	<-stopped
	if runs != 1 || done != 1 {
		t.Fatalf("runs %d, committed %d; want 1 and 1", runs, done)
	}
	err = s.View(context.Background(), func(tx *storage.Tx) error {
		if at, err := tx.LastRun("ok"); err != nil || !at.Equal(now) {
			t.Errorf("last run of ok: %v %v", at, err)
		}
		if at, _ := tx.LastRun("fails"); !at.IsZero() {
			t.Errorf("a failed run was recorded: %v", at)
		}
		if _, err := tx.Member(2); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("a failed run's writes were kept: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
