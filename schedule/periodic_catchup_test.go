package schedule

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"courtyard/storage"
	"courtyard/testkit"
)

// tally is a scan that is not idempotent by itself: every run sends n
// messages tagged with the day it ran, whatever was sent before. Only the
// runner's rule (one transaction with the record of the run, and the
// catch-up) keeps its effects at once per run.
func tally(n int, fail func(i int) error) func(ctx context.Context, tx *storage.Tx, now time.Time) error {
	return func(ctx context.Context, tx *storage.Tx, now time.Time) error {
		for i := range n {
			if fail != nil {
				if err := fail(i); err != nil {
					return err
				}
			}
			ref := fmt.Sprintf("tally:%s:%03d", now.Format("2006-01-02"), i)
			if _, err := tx.Enqueue(storage.OutMsg{ChatID: 1, Method: "sendMessage", Payload: []byte(`{}`), Ref: ref}, now); err != nil {
				return err
			}
		}
		return nil
	}
}

// outRefs counts the outbox rows by ref.
func outRefs(t *testing.T, s *storage.Storage) map[string]int {
	t.Helper()
	seen := map[string]int{}
	err := s.View(context.Background(), func(tx *storage.Tx) error {
		rows, err := tx.PendingOut(1_000_000)
		for _, m := range rows {
			seen[m.Ref]++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return seen
}

func lastRun(t *testing.T, s *storage.Storage, job string) time.Time {
	t.Helper()
	var at time.Time
	err := s.View(context.Background(), func(tx *storage.Tx) (err error) {
		at, err = tx.LastRun(job)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return at
}

func recordRuns(t *testing.T, s *storage.Storage, runs map[string]time.Time) {
	t.Helper()
	err := s.Update(context.Background(), func(tx *storage.Tx) error {
		for job, at := range runs {
			if err := tx.RecordRun(job, at); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// After three days down, each scan that missed a moment runs once at start,
// in the order of the jobs, not once per missed moment; a scan that already
// ran since its last moment, and a second start, run nothing.
func TestCatchUpRunsEachMissedScanOnce(t *testing.T) {
	s := testkit.Store(t)
	now := time.Date(2026, 3, 5, 12, 0, 0, 0, time.UTC)
	var ran []string
	count := func(name string) func(context.Context, *storage.Tx, time.Time) error {
		return func(ctx context.Context, tx *storage.Tx, at time.Time) error {
			if !at.Equal(now) {
				t.Errorf("%s ran at %v, want the injected clock's %v", name, at, now)
			}
			ran = append(ran, name)
			return nil
		}
	}
	jobs := []Job{
		{Name: "minutely", Spec: "* * * * *", Run: count("minutely")},
		{Name: "nightly", Spec: "30 3 * * *", Run: count("nightly")},
		{Name: "current", Spec: "30 3 * * *", Run: count("current")},
		{Name: "fresh", Spec: "0 9 * * 1", Run: count("fresh")},
		{Name: "hourly", Spec: "7 * * * *", Run: count("hourly")},
	}
	down := now.Add(-72 * time.Hour)
	recordRuns(t, s, map[string]time.Time{
		"minutely": down,
		"nightly":  down,
		"current":  time.Date(2026, 3, 5, 3, 31, 0, 0, time.UTC), // after today's 03:30
		"hourly":   time.Date(2026, 3, 5, 11, 7, 0, 0, time.UTC), // at 11:07, the last :07
	})
	logs := &testkit.Logs{}
	r, err := NewPeriodic(s, jobs, func() time.Time { return now }, time.UTC, slog.New(slog.NewTextHandler(logs, nil)), nil)
	if err != nil {
		t.Fatal(err)
	}
	r.catchUp(context.Background())
	if got := strings.Join(ran, ","); got != "minutely,nightly,fresh" {
		t.Errorf("ran %s at start, want minutely,nightly,fresh", got)
	}
	for _, j := range []string{"minutely", "nightly", "fresh"} {
		if at := lastRun(t, s, j); !at.Equal(now) {
			t.Errorf("%s: last run %v, want %v", j, at, now)
		}
	}
	if !strings.Contains(logs.String(), "job=nightly") {
		t.Errorf("the catch-up is not logged:\n%s", logs)
	}

	ran = nil
	r.catchUp(context.Background())
	if len(ran) != 0 {
		t.Errorf("a second start at the same time ran %v", ran)
	}
}

// A scan whose transaction is rolled back halfway (an error, as a crash
// would) leaves nothing and is not recorded; the next start runs it again
// and its effects are there once. After that, only a missed moment runs it.
func TestInterruptedScanRunsAgainOnce(t *testing.T) {
	s := testkit.Store(t)
	clock := testkit.NewClock(time.Date(2026, 3, 5, 12, 0, 0, 0, time.UTC))
	const n = 50
	broken := true
	fail := func(i int) error {
		if broken && i == n/2 {
			return errors.New("the disk is full")
		}
		return nil
	}
	logs := &testkit.Logs{}
	start := func() {
		t.Helper()
		r, err := NewPeriodic(s, []Job{{Name: "tally", Spec: "30 3 * * *", Run: tally(n, fail)}}, clock.Now, time.UTC,
			slog.New(slog.NewTextHandler(logs, nil)), nil)
		if err != nil {
			t.Fatal(err)
		}
		r.catchUp(context.Background())
	}
	recordRuns(t, s, map[string]time.Time{"tally": clock.Now().Add(-72 * time.Hour)})

	start()
	if refs := outRefs(t, s); len(refs) != 0 {
		t.Fatalf("a rolled-back scan left %d messages", len(refs))
	}
	if at := lastRun(t, s, "tally"); !at.Equal(clock.Now().Add(-72 * time.Hour)) {
		t.Errorf("a rolled-back scan was recorded as run at %v", at)
	}
	if !strings.Contains(logs.String(), "the disk is full") {
		t.Errorf("the failure is not logged:\n%s", logs)
	}

	broken = false
	start()
	start()
	clock.Advance(time.Hour) // no 03:30 since the last run
	start()
	day1 := clock.Now()
	clock.Advance(72 * time.Hour) // down again, three 03:30s missed
	start()

	refs := outRefs(t, s)
	for _, day := range []time.Time{day1, clock.Now()} {
		for i := range n {
			ref := fmt.Sprintf("tally:%s:%03d", day.Format("2006-01-02"), i)
			if refs[ref] != 1 {
				t.Errorf("%s: %d messages, want 1", ref, refs[ref])
			}
		}
	}
	if len(refs) != 2*n {
		t.Errorf("%d distinct messages, want %d (two runs)", len(refs), 2*n)
	}
}

// Run, without ticks, catches up before it follows the cron schedules.
func TestRunCatchesUpAtStart(t *testing.T) {
	s := testkit.Store(t)
	now := time.Date(2028, 3, 1, 8, 0, 0, 0, time.UTC)
	ran := make(chan string, 4)
	job := func(name string) func(context.Context, *storage.Tx, time.Time) error {
		return func(context.Context, *storage.Tx, time.Time) error { ran <- name; return nil }
	}
	// 29 February: in real time these do not fire while the test runs.
	jobs := []Job{
		{Name: "uptodate", Spec: "0 0 29 2 *", Run: job("uptodate")},
		{Name: "leap", Spec: "0 0 29 2 *", Run: job("leap")},
	}
	recordRuns(t, s, map[string]time.Time{
		"uptodate": time.Date(2028, 2, 29, 1, 0, 0, 0, time.UTC),
		"leap":     time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
	})
	committed := make(chan struct{}, 4)
	r, err := NewPeriodic(s, jobs, func() time.Time { return now }, time.UTC, (&testkit.Logs{}).Logger(), func() { committed <- struct{}{} })
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { r.Run(ctx, nil); close(stopped) }()
	select {
	case <-committed:
	case <-time.After(10 * time.Second):
		t.Fatal("no run committed at start")
	}
	cancel()
	<-stopped
	close(ran)
	var got []string
	for name := range ran {
		got = append(got, name)
	}
	if strings.Join(got, ",") != "leap" {
		t.Errorf("ran %v at start, want only leap", got)
	}
	if at := lastRun(t, s, "leap"); !at.Equal(now) {
		t.Errorf("leap: last run %v", at)
	}
}
