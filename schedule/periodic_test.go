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

// A job run in windows keeps what its committed windows did when a later
// one fails, and is recorded only once all of them committed; the sender
// is woken after each window that committed.
func TestWindowsJobKeepsCommittedWindows(t *testing.T) {
	s := testkit.Store(t)
	now := time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)
	broken := true
	windows := func(ctx context.Context, update Update, at time.Time) error {
		for i := int64(1); i <= 3; i++ {
			err := update(func(tx *storage.Tx) error {
				if err := tx.TouchMember(i, "m", "", "", at); err != nil {
					return err
				}
				if i == 2 && broken {
					return errors.New("the disk is full")
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
	done := 0
	r, err := NewPeriodic(s, []Job{{Name: "w", Spec: "* * * * *", Windows: windows}}, func() time.Time { return now }, time.UTC,
		slog.New(slog.NewTextHandler(io.Discard, nil)), func() { done++ })
	if err != nil {
		t.Fatal(err)
	}
	members := func() (n int) {
		t.Helper()
		err := s.View(context.Background(), func(tx *storage.Tx) error {
			for i := int64(1); i <= 3; i++ {
				if _, err := tx.Member(i); err == nil {
					n++
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	r.RunAll(context.Background())
	if n := members(); n != 1 || done != 1 {
		t.Errorf("after the failed window: %d members written, %d wakes; want the first window's 1 and 1", n, done)
	}
	if at := lastRun(t, s, "w"); !at.IsZero() {
		t.Errorf("a run with a failed window was recorded at %v", at)
	}
	broken = false
	r.RunAll(context.Background())
	if n := members(); n != 3 {
		t.Errorf("%d members after the run that went through, want 3", n)
	}
	if at := lastRun(t, s, "w"); !at.Equal(now) {
		t.Errorf("the run that went through was recorded at %v, want %v", at, now)
	}
}

func TestJobNeedsRunOrWindows(t *testing.T) {
	run := func(context.Context, *storage.Tx, time.Time) error { return nil }
	windows := func(context.Context, Update, time.Time) error { return nil }
	for _, j := range []Job{{Name: "none", Spec: "* * * * *"}, {Name: "both", Spec: "* * * * *", Run: run, Windows: windows}} {
		if _, err := NewPeriodic(nil, []Job{j}, time.Now, time.UTC, slog.New(slog.NewTextHandler(io.Discard, nil)), nil); err == nil {
			t.Errorf("job %s was taken", j.Name)
		}
	}
}
