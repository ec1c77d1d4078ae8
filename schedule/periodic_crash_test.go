package schedule

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"courtyard/testkit"
)

// periodicCrashEnv names the database when the test binary runs as the
// child of TestPeriodicCrashRunsEachScanOnce.
const periodicCrashEnv = "COURTYARD_PERIODIC_CRASH_DB"

const (
	crashScanRows = 1000 // messages one run of the scan sends
	crashScanDays = 12   // nightly runs in all
)

var crashScanBase = time.Date(2026, 3, 2, 3, 30, 0, 0, time.UTC)

// TestPeriodicCrashChild is the child: it starts the runner again and
// again, the clock a day after the last recorded run each time, so that
// each start catches up on one night's scan. The scan prints a line when
// it is half done, so that a kill lands inside its transaction. It does
// nothing in a normal test run.
func TestPeriodicCrashChild(t *testing.T) {
	path := os.Getenv(periodicCrashEnv)
	if path == "" {
		t.Skip("runs only as the child of TestPeriodicCrashRunsEachScanOnce")
	}
	s := testkit.StoreAt(t, path)
	clock := testkit.NewClock(crashScanBase)
	committed := 0
	half := func(i int) error {
		if i == crashScanRows/2 {
			fmt.Println("half")
		}
		return nil
	}
	r, err := NewPeriodic(s, []Job{{Name: "tally", Spec: "30 3 * * *", Run: tally(crashScanRows, half)}}, clock.Now, time.UTC,
		(&testkit.Logs{}).Logger(), func() { committed++ })
	if err != nil {
		t.Fatal(err)
	}
	last := crashScanBase.AddDate(0, 0, crashScanDays-1)
	for {
		at := lastRun(t, s, "tally")
		if !at.IsZero() {
			at = at.AddDate(0, 0, 1)
		} else {
			at = crashScanBase
		}
		if at.After(last) {
			return
		}
		clock.Set(at)
		before := committed
		r.catchUp(context.Background())
		if committed != before+1 {
			t.Fatalf("the start at %v did not run the missed scan", at)
		}
	}
}

// TestPeriodicCrashRunsEachScanOnce kills a process halfway through one of
// its periodic scans with SIGKILL several times, restarting it on the same
// database: every night's scan has its effects exactly once, never part of
// them, never twice.
func TestPeriodicCrashRunsEachScanOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	path := filepath.Join(t.TempDir(), "crash.db")
	testkit.StoreAt(t, path).Close()
	rng := testkit.Rand(t, 11)

	testkit.Crash(t, "TestPeriodicCrashChild", periodicCrashEnv, path, "half", 4, func() int { return 1 + rng.IntN(3) })

	s := testkit.StoreAt(t, path)
	refs := outRefs(t, s)
	for d := range crashScanDays {
		day := crashScanBase.AddDate(0, 0, d).Format("2006-01-02")
		for i := range crashScanRows {
			if ref := fmt.Sprintf("tally:%s:%03d", day, i); refs[ref] != 1 {
				t.Errorf("%s: %d messages, want 1", ref, refs[ref])
			}
		}
	}
	if len(refs) != crashScanDays*crashScanRows {
		t.Errorf("%d distinct messages, want %d", len(refs), crashScanDays*crashScanRows)
	}
	if at, want := lastRun(t, s, "tally"), crashScanBase.AddDate(0, 0, crashScanDays-1); !at.Equal(want) {
		t.Errorf("last run %v, want %v", at, want)
	}
}
