package bench

import (
	"context"
	"fmt"
	"regexp"
	"sync"
	"testing"
	"time"

	"courtyard/app"
	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
	"courtyard/testkit"
)

// An export of many rows and the writes made meanwhile: another connection
// writes small rows in a loop while /export of exportRows tickets is built
// (off the writer, on a read snapshot). The figure is the slowest of those
// writes; its references in the same run are the export's build time (a
// build in the writer's transaction would hold a write for all of it) and
// the slowest of the same writes with no export running.
//
//	go test -run '^$' -bench ExportWrites -benchtime 3x ./bench/
const exportRows = 20000

func BenchmarkExportWrites(b *testing.B) {
	var worst, build, alone []float64
	for range b.N {
		w, bu, a := exportRun(b)
		worst, build, alone = append(worst, w), append(build, bu), append(alone, a)
	}
	w, bu, a := timedMedian(worst), timedMedian(build), timedMedian(alone)
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(w, "ms/slowest-write")
	b.ReportMetric(w/bu, "x-build")
	b.ReportMetric(w/a, "x-no-export")
	if b.N > 1 {
		fmt.Printf("export of %d rows built in %.0f ms; the slowest write meanwhile waited %.1f ms (%.3f of the build), %.1f× the slowest with no export (%.1f ms) (median of %d)\n",
			exportRows, bu, w, w/bu, w/a, a, b.N)
	}
}

// exportRun is one run: the slowest write during the build, the build's
// time, and the slowest write with no export, in milliseconds.
func exportRun(b *testing.B) (worst, build, alone float64) {
	b.Helper()
	ctx := context.Background()
	tg := telegramtest.New(b)
	cfg := pipeConfig(b, tg.URL())
	at := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	s, err := storage.Open(ctx, cfg.Database.Path)
	if err != nil {
		b.Fatal(err)
	}
	err = s.Update(ctx, func(tx *storage.Tx) error {
		if err := tx.TouchMember(2001, "Ann", "", "zh", at); err != nil {
			return err
		}
		if err := tx.Register(2001, "3", "502", at); err != nil {
			return err
		}
		for i := range exportRows {
			tk := storage.Ticket{Kind: storage.TicketKindReport, Category: "water", Building: "3", ReporterID: 2001,
				Text: fmt.Sprintf("%d楼的水龙头一直在滴水，滴了又滴", i%30)}
			if _, err := tx.CreateTicket(tk, at.Add(time.Duration(i)*time.Minute)); err != nil {
				return err
			}
		}
		return nil
	})
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		b.Fatal(err)
	}
	logs := &testkit.Logs{}
	stop := exportRunBot(b, cfg, logs)
	defer stop()
	other, err := storage.OpenNoMigrate(cfg.Database.Path)
	if err != nil {
		b.Fatal(err)
	}
	defer other.Close()

	write := func(k int64) time.Duration {
		start := time.Now()
		err := other.Update(ctx, func(tx *storage.Tx) error {
			return tx.TouchMember(900000+k%50, "W", "", "zh", at)
		})
		if err != nil {
			b.Error(err)
		}
		return time.Since(start)
	}
	var slowest time.Duration
	for k := range int64(200) {
		slowest = max(slowest, write(k))
	}
	alone = float64(slowest) / 1e6

	halt := make(chan struct{})
	var wg sync.WaitGroup
	var during time.Duration
	wg.Go(func() {
		for k := int64(0); ; k++ {
			select {
			case <-halt:
				return
			default:
			}
			during = max(during, write(k))
		}
	})
	adm := tg.User(targetAdmin, "Boss", "zh")
	tg.SendText(adm, telegramtest.PrivateChat(adm), "/export 2026-01 2026-12")
	tg.WaitMessage(b, adm.ID, func(m telegramtest.Message) bool {
		return m.Method == "sendDocument" && m.DocumentName == "tickets-2026-01_2026-12.csv"
	}, targetWait)
	close(halt)
	wg.Wait()
	built := regexp.MustCompile(`msg="export built".* built_in=(\S+)`).FindStringSubmatch(logs.String())
	if built == nil {
		b.Fatalf("no export built in the log:\n%s", logs.String())
	}
	d, err := time.ParseDuration(built[1])
	if err != nil {
		b.Fatal(err)
	}
	return float64(during) / 1e6, float64(d) / 1e6, alone
}

// exportRunBot is targetRunBot with the bot's log kept.
func exportRunBot(b *testing.B, cfg config.Config, logs *testkit.Logs) (stop func()) {
	b.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan struct{}), make(chan error, 1)
	go func() {
		done <- app.Run(ctx, cfg, app.Options{Log: logs.Logger(), Ready: func() { close(ready) }, Tick: make(chan chan struct{})})
	}()
	select {
	case <-ready:
	case err := <-done:
		cancel()
		b.Fatalf("the bot did not start: %v", err)
	}
	return func() {
		cancel()
		if err := <-done; err != nil {
			b.Error(err)
		}
	}
}
