package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"time"

	"courtyard/commands"
	"courtyard/config"
	"courtyard/locale"
	"courtyard/schedule"
	"courtyard/storage"
)

// The patrol targets:
//
//  1. BenchmarkPatrolLayout: 200 templates (20 teams of 10, half with a
//     rotation) laid out over the 14-day horizon (about 2,600 shifts, their
//     timed work and the rotation's assignments and notices) by the hourly
//     job, in one transaction, within 2 s. The job's next run, which finds
//     everything laid out, within 100 ms.
//  2. BenchmarkPatrolEveningWave: the 20:00 reminders for 5,000 patrol
//     members (2,500 shifts of two at 09:00 the next morning) in the outbox
//     within 2 s of 20:00: the minute's scheduled run, start to commit.
//
//	go test -run '^$' -bench Patrol -benchtime 3x -count 3 ./bench/

var patBase = time.Date(2026, 3, 2, 19, 0, 0, 0, time.FixedZone("CST", 8*3600)) // Monday 19:00 in Shanghai

func patApp(b *testing.B, horizon int) *commands.App {
	b.Helper()
	cfg := config.Config{Telegram: config.Telegram{Token: "1:x"}, Admins: []int64{1},
		Community: config.Community{Timezone: "Asia/Shanghai", Language: "zh", Buildings: []string{"1"}}}.WithDefaults()
	cfg.Patrol.HorizonDays = horizon
	cat, err := locale.Load("zh")
	if err != nil {
		b.Fatal(err)
	}
	return commands.New(cfg, cat, "bench_bot", func() time.Time { return patBase }, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
}

// patFill writes teams of members (registered, reachable) and templates;
// tpl returns team t's k-th template.
func patFill(b *testing.B, s *storage.Storage, teams, members, perTeam int, tpl func(team int64, k int, ids []int64) storage.PatrolTemplate) {
	b.Helper()
	now := patBase.Add(-24 * time.Hour)
	err := s.Update(context.Background(), func(tx *storage.Tx) error {
		for t := range teams {
			team, err := tx.CreateTeam(fmt.Sprintf("巡逻队%d", t), 0, false, now)
			if err != nil {
				return err
			}
			var ids []int64
			for m := range members {
				id := int64(100000 + t*members + m)
				if err := tx.TouchMember(id, fmt.Sprintf("队员%d", id), "", "zh", now); err != nil {
					return err
				}
				if err := tx.Register(id, "1", "101", now); err != nil {
					return err
				}
				if err := tx.AddTeamMember(team, id, now); err != nil {
					return err
				}
				ids = append(ids, id)
			}
			for k := range perTeam {
				if _, err := tx.CreatePatrolTemplate(tpl(team, k, ids), now); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

func patCount(b *testing.B, s *storage.Storage, q string) int {
	b.Helper()
	var n int
	err := s.View(context.Background(), func(tx *storage.Tx) error {
		shs, err := tx.TeamShifts(0, patBase.Add(-time.Hour), patBase.AddDate(0, 0, 30))
		n = len(shs)
		if q == "outbox" {
			h, herr := tx.OutboxHealth(patBase)
			n, err = h.Pending, herr
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

func BenchmarkPatrolLayout(b *testing.B) {
	ctx := context.Background()
	specs := []string{"0 20 * * *", "0 9 * * 1-5", "30 6 * * *", "0 14 * * 0,6", "0 22 * * *"}
	var first, again []float64
	shifts := 0
	for i := range b.N {
		b.StopTimer()
		s, _ := timedOpen(b, fmt.Sprintf("layout%d.db", i))
		patFill(b, s, 20, 12, 10, func(team int64, k int, ids []int64) storage.PatrolTemplate {
			p := storage.PatrolTemplate{TeamID: team, Spec: specs[k%len(specs)], Minutes: 180, Slots: 2, Area: "东门 -> E区小巷"}
			if k%2 == 0 {
				p.Rotation = ids[k%4 : k%4+6]
			}
			return p
		})
		a := patApp(b, 14)
		run := func() float64 {
			start := time.Now()
			if err := s.Update(ctx, func(tx *storage.Tx) error { return a.LayoutPatrols(ctx, tx, patBase) }); err != nil {
				b.Fatal(err)
			}
			return float64(time.Since(start)) / 1e6
		}
		b.StartTimer()
		first = append(first, run())
		b.StopTimer()
		shifts = patCount(b, s, "shifts")
		again = append(again, run())
		if n := patCount(b, s, "shifts"); n != shifts || n < 2000 {
			b.Fatalf("%d shifts, then %d", shifts, n)
		}
		s.Close()
	}
	ms, msAgain := timedMedian(first), timedMedian(again)
	b.ReportMetric(ms, "ms/layout")
	b.ReportMetric(msAgain, "ms/again")
	fmt.Printf("patrol 1: 200 templates, %d shifts laid out over 14 days in %.0f ms (limit 2000 ms: %s); the next run %.1f ms (limit 100 ms: %s) (median of %d)\n",
		shifts, ms, targetVerdict(ms < 2000), msAgain, targetVerdict(msAgain < 100), b.N)
}

func BenchmarkPatrolEveningWave(b *testing.B) {
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var wave []float64
	for i := range b.N {
		b.StopTimer()
		s, _ := timedOpen(b, fmt.Sprintf("eve%d.db", i))
		// 50 teams of 100; each team's 50 templates put a pair on tomorrow's 09:00.
		patFill(b, s, 50, 100, 50, func(team int64, k int, ids []int64) storage.PatrolTemplate {
			return storage.PatrolTemplate{TeamID: team, Spec: "0 9 * * *", Minutes: 180, Slots: 2, Area: "东门 -> E区小巷",
				Rotation: ids[2*k : 2*k+2]}
		})
		a := patApp(b, 1)
		if err := s.Update(ctx, func(tx *storage.Tx) error { return a.LayoutPatrols(ctx, tx, patBase) }); err != nil {
			b.Fatal(err)
		}
		if n := patCount(b, s, "shifts"); n != 2500 {
			b.Fatalf("%d shifts, want 2500", n)
		}
		// The rotation's notices went out already.
		if err := s.Update(ctx, func(tx *storage.Tx) error {
			rows, err := tx.PendingOut(10000)
			for _, r := range rows {
				if err := tx.MarkSent(r.ID, 1, patBase); err != nil {
					return err
				}
			}
			return err
		}); err != nil {
			b.Fatal(err)
		}
		eight := patBase.Add(time.Hour)
		runner, err := schedule.NewPeriodic(s, []schedule.Job{{Name: "due", Spec: "* * * * *", Windows: schedule.New(a.TimedKinds(), log).Scan}},
			func() time.Time { return eight }, time.UTC, log, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		runner.RunAll(ctx)
		wave = append(wave, float64(time.Since(start))/1e6)
		b.StopTimer()
		if n := patCount(b, s, "outbox"); n != 5000 {
			b.Fatalf("%d reminders in the outbox, want 5000", n)
		}
		s.Close()
	}
	ms := timedMedian(wave)
	b.ReportMetric(ms, "ms/wave")
	fmt.Printf("patrol 2: the 20:00 reminders of 5,000 patrol members in the outbox after %.0f ms (limit 2000 ms: %s) (median of %d)\n",
		ms, targetVerdict(ms < 2000), b.N)
}
