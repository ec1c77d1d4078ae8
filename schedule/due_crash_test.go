package schedule

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"courtyard/storage"
	"courtyard/testkit"
)

// crashEnv names the database when the test binary runs as the scanning
// child of TestCrashRunsEachItemOnce.
const crashEnv = "COURTYARD_DUE_CRASH_DB"

// TestCrashChild is the child: it runs one scan, in windows of 50 items,
// printing a line after each committed window. It does nothing in a normal
// test run.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("runs only as the child of TestCrashRunsEachItemOnce")
	}
	s := testkit.StoreAt(t, path)
	r := New(map[string]Kind{"say": {Do: say("crash:")}}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	r.window = 50
	ctx := context.Background()
	update := func(fn func(*storage.Tx) error) error {
		if err := s.Update(ctx, fn); err != nil {
			return err
		}
		fmt.Println("scanned")
		return nil
	}
	if err := r.Scan(ctx, update, t0); err != nil {
		t.Fatal(err)
	}
}

// TestCrashRunsEachItemOnce kills a process in the middle of a wave of due
// items with SIGKILL several times, restarting it on the same database:
// every item ends done with exactly one outbox row, never a row without its
// done mark or a done mark without its row.
func TestCrashRunsEachItemOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	const n = 6000
	path := filepath.Join(t.TempDir(), "crash.db")
	s := testkit.StoreAt(t, path)
	err := s.Update(context.Background(), func(tx *storage.Tx) error {
		for i := range n {
			if _, err := tx.ScheduleDue(storage.DueItem{Kind: "say", Key: fmt.Sprintf("%05d", i), DueAt: t0.Add(-time.Duration(i) * time.Second), Data: "x"}, t0); err != nil {
				return err
			}
		}
		return nil
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	rng := testkit.Rand(t, 9)

	testkit.Crash(t, "TestCrashChild", crashEnv, path, "scanned", 4, func() int { return 1 + rng.IntN(25) })

	s = testkit.StoreAt(t, path)
	err = s.View(context.Background(), func(tx *storage.Tx) error {
		rows, err := tx.PendingOut(2 * n)
		if err != nil {
			return err
		}
		seen := map[string]int{}
		for _, m := range rows {
			seen[m.Ref]++
		}
		for i := range n {
			key := fmt.Sprintf("%05d", i)
			if c := seen["crash:"+key]; c != 1 {
				t.Errorf("item %s: %d outbox rows", key, c)
			}
			h, err := tx.DueHistory("say", key)
			if err != nil {
				return err
			}
			if len(h) != 1 || h[0].State != storage.DueDone {
				t.Errorf("item %s: %+v", key, h)
			}
		}
		if len(rows) != n {
			t.Errorf("%d outbox rows, want %d", len(rows), n)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
