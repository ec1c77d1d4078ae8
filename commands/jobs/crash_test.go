package jobs

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"courtyard/commands/core"
	"courtyard/config"
	"courtyard/locale"
	"courtyard/schedule"
	"courtyard/storage"
	"courtyard/testkit"
)

// jobsCrashEnv names the database when the test binary runs as the
// scanning child of TestJobRemindersOnceAcrossKills.
const jobsCrashEnv = "COURTYARD_JOBS_CRASH_DB"

var crashT0 = time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)

const (
	crashJobs    = 150
	crashPerJob  = 4
	crashStep    = 7 * time.Minute
	crashHorizon = 30 * time.Hour
)

func crashApp() *Jobs {
	cfg := config.Config{Community: config.Community{Name: "c", Buildings: []string{"1"}}}.WithDefaults()
	cat, err := locale.Load("zh")
	if err != nil {
		panic(err)
	}
	return New(core.New(cfg, cat, "bot", func() time.Time { return crashT0 }, slog.New(slog.NewTextHandler(io.Discard, nil)), nil), nil, nil)
}

// TestJobCrashChild is the child: it runs the due scan from crashT0 on, a
// step at a time, printing a line after each committed scan.
func TestJobCrashChild(t *testing.T) {
	path := os.Getenv(jobsCrashEnv)
	if path == "" {
		t.Skip("runs only as the child of TestJobRemindersOnceAcrossKills")
	}
	s := testkit.StoreAt(t, path)
	r := schedule.New(crashApp().Kinds(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	ctx := context.Background()
	for now := crashT0; !now.After(crashT0.Add(crashHorizon)); now = now.Add(crashStep) {
		if err := r.Scan(ctx, schedule.Writes(ctx, s), now); err != nil {
			t.Fatal(err)
		}
		fmt.Println("scanned")
	}
}

// TestJobRemindersOnceAcrossKills lays out jobs whose reminders, alerts and
// attendance lists fall due over a day, and kills the process running
// them with SIGKILL several times: each person gets each reminder exactly
// once, each organiser each list once.
func TestJobRemindersOnceAcrossKills(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	path := filepath.Join(t.TempDir(), "jobs-crash.db")
	s := testkit.StoreAt(t, path)
	a := crashApp()
	const organiser = 1
	err := s.Update(context.Background(), func(tx *storage.Tx) error {
		for id := int64(organiser); id <= crashJobs*crashPerJob+1; id++ {
			if err := tx.TouchMember(id, fmt.Sprint("m", id), "", "zh", crashT0); err != nil {
				return err
			}
			if err := tx.Register(id, "1", "101", crashT0); err != nil {
				return err
			}
		}
		for i := range crashJobs {
			start := crashT0.Add(24*time.Hour + time.Duration(i)*time.Minute)
			j := storage.Job{Title: fmt.Sprint("job", i), Slots: crashPerJob + 1, Start: start, End: start.Add(2 * time.Hour),
				WithdrawHours: 24, OrganiserID: organiser, State: storage.JobOpen}
			id, err := tx.CreateJob(j, crashT0)
			if err != nil {
				return err
			}
			j.ID = id
			for k := range crashPerJob {
				if _, err := tx.JobSignUp(j, int64(2+i*crashPerJob+k), crashT0); err != nil {
					return err
				}
			}
			if err := a.layJobTimers(tx, j, crashT0.Add(-time.Minute)); err != nil {
				return err
			}
		}
		return nil
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	rng := testkit.Rand(t, 11)
	testkit.Crash(t, "TestJobCrashChild", jobsCrashEnv, path, "scanned", 5, func() int { return 1 + rng.IntN(int(crashHorizon/crashStep)) })

	s = testkit.StoreAt(t, path)
	err = s.View(context.Background(), func(tx *storage.Tx) error {
		rows, err := tx.PendingOut(100_000)
		if err != nil {
			return err
		}
		reminders, lists, alerts := map[int64]int{}, 0, 0
		for _, m := range rows {
			p := string(m.Payload)
			switch {
			case strings.Contains(p, "⏰"):
				reminders[m.ChatID]++
			case m.ChatID == organiser && strings.Contains(p, "谁到了"):
				lists++
			case m.ChatID == organiser && strings.Contains(p, "还差"):
				alerts++
			}
		}
		for id := int64(2); id <= crashJobs*crashPerJob+1; id++ {
			if reminders[id] != 2 {
				t.Errorf("member %d got %d reminders, want 2", id, reminders[id])
			}
		}
		if lists != crashJobs || alerts != crashJobs {
			t.Errorf("the organiser got %d attendance lists and %d alerts, want %d each", lists, alerts, crashJobs)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
