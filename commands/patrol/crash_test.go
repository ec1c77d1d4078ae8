package patrol

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

// patCrashEnv names the database when the test binary runs as the child of
// TestPatrolCrashLaysOutOnce.
const patCrashEnv = "COURTYARD_PATROL_CRASH_DB"

var patCrashBase = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC) // 16:00 in Shanghai

const (
	patCrashStep  = 15 * time.Minute
	patCrashSteps = 192 // two days
)

func patCrashApp(t *testing.T) *Patrol {
	cfg := config.Config{Telegram: config.Telegram{Token: "1:x"}, Admins: []int64{1},
		Community: config.Community{Timezone: "Asia/Shanghai", Language: "zh", Buildings: []string{"1"}}}.WithDefaults()
	cat, err := locale.Load("zh")
	if err != nil {
		t.Fatal(err)
	}
	return New(core.New(cfg, cat, "bot", time.Now, slog.New(slog.NewTextHandler(io.Discard, nil)), nil), Deps{})
}

// TestPatrolCrashChild is the child: from where the last run committed, it
// moves the clock on a quarter of an hour at a time, laying out and running
// what is due (the layout in one transaction, the due items in their
// windows, then the step's record), and prints a line after each step.
func TestPatrolCrashChild(t *testing.T) {
	path := os.Getenv(patCrashEnv)
	if path == "" {
		t.Skip("runs only as the child of TestPatrolCrashLaysOutOnce")
	}
	ctx := context.Background()
	s := testkit.StoreAt(t, path)
	a := patCrashApp(t)
	due := schedule.New(a.Kinds(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	for {
		done := false
		var now time.Time
		err := s.Update(ctx, func(tx *storage.Tx) error {
			last, err := tx.LastRun("patrol-crash")
			if err != nil {
				return err
			}
			now = patCrashBase
			if !last.IsZero() {
				now = last.Add(patCrashStep)
			}
			if now.After(patCrashBase.Add(patCrashSteps * patCrashStep)) {
				done = true
				return nil
			}
			return a.LayoutPatrols(ctx, tx, now)
		})
		if err != nil {
			t.Fatal(err)
		}
		if done {
			return
		}
		// As the scheduled jobs do: the scan in its windows, then the
		// step is recorded; a step killed before that is done again.
		if err := due.Scan(ctx, schedule.Writes(ctx, s), now); err != nil {
			t.Fatal(err)
		}
		if err := s.Update(ctx, func(tx *storage.Tx) error { return tx.RecordRun("patrol-crash", now) }); err != nil {
			t.Fatal(err)
		}
		fmt.Println("step")
	}
}

// TestPatrolCrashLaysOutOnce kills the laying-out and reminding process with
// SIGKILL several times and restarts it on the same database: every start
// is laid out once, each shift's timed work exists once, and each reminder
// is in the outbox once per person.
func TestPatrolCrashLaysOutOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("runs child processes")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "patrol.db")
	s := testkit.StoreAt(t, path)
	specs := []string{"0 20 * * *", "0 9 * * *", "30 6 * * *", "0 */6 * * *"}
	err := s.Update(ctx, func(tx *storage.Tx) error {
		for k, spec := range specs {
			team, err := tx.CreateTeam(fmt.Sprintf("队%d", k), 0, false, patCrashBase)
			if err != nil {
				return err
			}
			var ids []int64
			for m := range 3 {
				id := int64(1000 + 10*k + m)
				if err := tx.TouchMember(id, fmt.Sprint("队员", id), "", "zh", patCrashBase); err != nil {
					return err
				}
				if err := tx.Register(id, "1", "101", patCrashBase); err != nil {
					return err
				}
				if err := tx.AddTeamMember(team, id, patCrashBase); err != nil {
					return err
				}
				ids = append(ids, id)
			}
			if _, err := tx.CreatePatrolTemplate(storage.PatrolTemplate{TeamID: team, Spec: spec, Minutes: 60, Slots: 1,
				Area: "东门", Rotation: ids}, patCrashBase); err != nil {
				return err
			}
		}
		return nil
	})
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	rng := testkit.Rand(t, 10)
	testkit.Crash(t, "TestPatrolCrashChild", patCrashEnv, path, "step", 5, func() int { return 5 + rng.IntN(40) })

	s = testkit.StoreAt(t, path)
	a := patCrashApp(t)
	end := patCrashBase.Add(patCrashSteps * patCrashStep)
	err = s.View(ctx, func(tx *storage.Tx) error {
		tpls, err := tx.PatrolTemplates(0)
		if err != nil {
			return err
		}
		for _, p := range tpls {
			sched, _ := schedule.ParseSpec(p.Spec)
			want := 0
			for at := schedule.Next(sched, a.Loc, patCrashBase); at.Before(end.AddDate(0, 0, a.Cfg.Patrol.HorizonDays)); at = schedule.Next(sched, a.Loc, at) {
				want++
			}
			shs, err := tx.TemplateShiftsFrom(p.ID, time.Time{})
			if err != nil {
				return err
			}
			if len(shs) != want {
				t.Errorf("template %q: %d shifts, want %d", p.Spec, len(shs), want)
			}
			for _, sh := range shs {
				ds, err := tx.ShiftDuty(sh.ID)
				if err != nil {
					return err
				}
				if len(ds) != 1 {
					t.Errorf("shift %d has %d people", sh.ID, len(ds))
				}
				for _, k := range patrolKinds {
					if h, err := tx.DueHistory(k, core.Itoa(sh.ID)); err != nil || len(h) > 1 {
						t.Errorf("shift %d: %s %d times (%v)", sh.ID, k, len(h), err)
					}
				}
			}
		}
		rows, err := tx.PendingOut(100000)
		if err != nil {
			return err
		}
		sent := map[string]int{}
		for _, r := range rows {
			for _, p := range []string{"巡逻提醒", "巡逻即将开始"} {
				if strings.Contains(string(r.Payload), p) {
					sent[p]++
				}
			}
		}
		for kind, text := range map[string]string{kindPatrolEve: "巡逻提醒", kindPatrolSoon: "巡逻即将开始"} {
			done := 0
			for _, p := range tpls {
				shs, _ := tx.TemplateShiftsFrom(p.ID, time.Time{})
				for _, sh := range shs {
					h, _ := tx.DueHistory(kind, core.Itoa(sh.ID))
					if len(h) == 1 && h[0].State == storage.DueDone {
						done++
					}
				}
			}
			if done == 0 || sent[text] != done {
				t.Errorf("%s: %d done, %d in the outbox", kind, done, sent[text])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
