package bench

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"courtyard/schedule"
	"courtyard/storage"
	"courtyard/testkit"
)

// The timed-work targets, each beside a reference in the same run:
//
//  1. BenchmarkTimedWave: 10,000 reminders due in the same minute are all in
//     the outbox within 2 s of that minute: the minute's scheduled run (the
//     production schedule job, in its windows) from its start to its last
//     commit. Reference: the same 10,000 outbox rows written by plain
//     inserts in one transaction.
//  2. BenchmarkTimedIdleScan: the minute's scan with 1,000,000 items in the
//     future and none due costs under 5 ms. Reference: the scan on an empty
//     table.
//
//	go test -run '^$' -bench Timed -benchtime 5x -count 3 ./bench/

const (
	timedWave   = 10_000
	timedFuture = 1_000_000
)

var timedBase = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC) // the minute the wave is due

// timedOpen opens a fresh database in a temp dir, and returns its path.
func timedOpen(b *testing.B, name string) (*storage.Storage, string) {
	b.Helper()
	path := filepath.Join(b.TempDir(), name)
	return testkit.StoreAt(b, path), path
}

// timedRemind is a reminder as a jobs capability would send it: decode the
// item, write the text, queue the message.
func timedRemind(tx *storage.Tx, data string, now time.Time) error {
	var d struct {
		Chat int64 `json:"chat"`
		Job  int64 `json:"job"`
	}
	if err := json.Unmarshal([]byte(data), &d); err != nil {
		return err
	}
	text := fmt.Sprintf("⏰ 提醒：你报名的志愿活动 #%d「清扫E区小巷」明天 09:00 开始，地点：E区东门。", d.Job)
	p, err := json.Marshal(map[string]any{"chat_id": d.Chat, "text": text, "parse_mode": "HTML"})
	if err != nil {
		return err
	}
	_, err = tx.Enqueue(storage.OutMsg{ChatID: d.Chat, Method: "sendMessage", Payload: p, Ref: fmt.Sprintf("job:%d", d.Job)}, now)
	return err
}

func timedData(i int) string { return fmt.Sprintf(`{"chat":%d,"job":%d}`, 500000+i, 1+i/20) }

func timedOutboxRows(b *testing.B, s *storage.Storage) int {
	b.Helper()
	var n int
	err := s.View(context.Background(), func(tx *storage.Tx) error {
		h, err := tx.OutboxHealth(timedBase)
		n = h.Pending
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

func BenchmarkTimedWave(b *testing.B) {
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	kinds := map[string]schedule.Kind{"job.remind": {Do: func(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
		return timedRemind(tx, it.Data, now)
	}}}
	var wave, ref []float64
	for i := range b.N {
		b.StopTimer()
		// The reminders, laid out a day ahead.
		s, _ := timedOpen(b, fmt.Sprintf("wave%d.db", i))
		err := s.Update(ctx, func(tx *storage.Tx) error {
			for k := range timedWave {
				_, err := tx.ScheduleDue(storage.DueItem{Kind: "job.remind", Key: fmt.Sprintf("%d:24h:%d", 1+k/20, k),
					DueAt: timedBase, Until: timedBase.Add(24 * time.Hour), Data: timedData(k)}, timedBase.Add(-24*time.Hour))
				if err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		runner, err := schedule.NewPeriodic(s, []schedule.Job{{Name: "due", Spec: "* * * * *", Windows: schedule.New(kinds, log).Scan}},
			func() time.Time { return timedBase }, time.UTC, log, nil)
		if err != nil {
			b.Fatal(err)
		}
		r, _ := timedOpen(b, fmt.Sprintf("ref%d.db", i))

		start := time.Now()
		err = r.Update(ctx, func(tx *storage.Tx) error {
			for k := range timedWave {
				if err := timedRemind(tx, timedData(k), timedBase); err != nil {
					return err
				}
			}
			return nil
		})
		ref = append(ref, float64(time.Since(start))/1e6)
		if err != nil {
			b.Fatal(err)
		}

		b.StartTimer()
		start = time.Now()
		runner.RunAll(ctx)
		wave = append(wave, float64(time.Since(start))/1e6)
		b.StopTimer()
		if n := timedOutboxRows(b, s); n != timedWave {
			b.Fatalf("%d reminders in the outbox, want %d", n, timedWave)
		}
		s.Close()
		r.Close()
	}
	ms, refMS := timedMedian(wave), timedMedian(ref)
	b.ReportMetric(ms, "ms/wave")
	b.ReportMetric(ms/refMS, "x-inserts")
	if b.N > 1 {
		fmt.Printf("timed 1: %d reminders due in one minute in the outbox after %.0f ms; plain inserts %.0f ms; ratio %.2f; limit 2000 ms: %s (median of %d)\n",
			timedWave, ms, refMS, ms/refMS, targetVerdict(ms < 2000), b.N)
	}
}

// timedFill writes n pending items, due one a minute from an hour after
// timedBase on (about two years), straight into the table.
func timedFill(b *testing.B, path string, n int) {
	b.Helper()
	db, err := sql.Open("sqlite3", storage.DSN(path))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	from := timedBase.Add(time.Hour).UnixMilli()
	_, err = db.Exec(`WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < ? - 1)
		INSERT INTO due (kind, key, due_at, until_at, data, next_try, created_at)
		SELECT 'job.remind', n || ':24h', ? + n * 60000, ? + n * 60000 + 86400000, '{"chat":1,"job":1}', ? + n * 60000, ? FROM i`,
		n, from, from, from, timedBase.UnixMilli())
	if err != nil {
		b.Fatal(err)
	}
}

func BenchmarkTimedIdleScan(b *testing.B) {
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	run := schedule.New(map[string]schedule.Kind{"job.remind": {Do: func(context.Context, *storage.Tx, storage.DueItem, time.Time) error {
		return fmt.Errorf("nothing is due")
	}}}, log)
	b.StopTimer()
	empty, _ := timedOpen(b, "empty.db")
	f, path := timedOpen(b, "future.db")
	timedFill(b, path, timedFuture)
	scan := func(s *storage.Storage) float64 {
		start := time.Now()
		if err := run.Scan(ctx, schedule.Writes(ctx, s), timedBase); err != nil {
			b.Fatal(err)
		}
		return float64(time.Since(start)) / 1e6
	}
	scan(f)
	scan(empty) // warm both
	var total, ref []float64
	for range b.N {
		ref = append(ref, scan(empty))
		b.StartTimer()
		total = append(total, scan(f))
		b.StopTimer()
	}
	ms, refMS := timedMedian(total), timedMedian(ref)
	b.ReportMetric(ms, "ms/scan")
	b.ReportMetric(ms/refMS, "x-empty")
	if b.N > 1 {
		fmt.Printf("timed 2: the minute's scan with %d future items %.3f ms; on an empty table %.3f ms; ratio %.2f; limit 5 ms: %s (median of %d)\n",
			timedFuture, ms, refMS, ms/refMS, targetVerdict(ms < 5), b.N)
	}
}

func timedMedian(v []float64) float64 {
	slices.Sort(v)
	return (v[(len(v)-1)/2] + v[len(v)/2]) / 2
}
