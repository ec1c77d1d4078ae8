package bench

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"courtyard/app"
	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/schedule"
	"courtyard/storage"
)

// BenchmarkTimedWaveHelp: while the minute's scan runs a wave of 10,000
// reminders (each queues a message to a resident), other people send /help
// at 100 a second; p99 from a /help being available on the server to its
// answer arriving there is at most 100 ms. Reference, in the same run: the
// same /help load for two seconds with nothing due. The sending limits are
// those of BenchmarkTargetBroadcast. b.N is not used: run it with
// -benchtime 1x.
//
//	go test -run '^$' -bench TimedWaveHelp -benchtime 1x -count 3 ./bench/

const (
	timedHelpRate   = 100 // /help a second during the wave
	timedHelpPeople = 200
	timedHelpLimit  = 100.0 // ms
)

// timedLayOut writes n reminders to the residents, due a minute before
// the bot's clock starts, before the bot starts.
func timedLayOut(b *testing.B, path string, n int) {
	b.Helper()
	ctx := context.Background()
	s, err := storage.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	due := time.Date(2026, 3, 2, 8, 59, 0, 0, time.UTC)
	err = s.Update(ctx, func(tx *storage.Tx) error {
		for k := range n {
			_, err := tx.ScheduleDue(storage.DueItem{Kind: "bench.remind", Key: fmt.Sprintf("%d:24h:%d", 1+k/20, k), DueAt: due,
				Until: due.Add(24 * time.Hour), Data: fmt.Sprintf(`{"chat":%d,"job":%d}`, targetResidentID+k, 1+k/20)}, due.Add(-24*time.Hour))
			if err != nil {
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
}

// timedHelpRun returns the /help latencies in ms, sorted, and how long the
// wave took. Without a wave, the /help load runs for two seconds.
func timedHelpRun(b *testing.B, wave bool) ([]float64, time.Duration) {
	b.Helper()
	tg := telegramtest.New(b, telegramtest.WithLimits(targetLimits))
	cfg := targetConfig(b, tg.URL(), 0)
	cfg.Telegram.Limits = config.SendLimits{GlobalPerSecond: targetLimits.GlobalPerSecond,
		PerChatPerSecond: targetLimits.PerChatPerSecond, PerGroupPerMinute: targetLimits.PerGroupPerMinute}
	if err := cfg.Validate(); err != nil {
		b.Fatal(err)
	}
	if wave {
		timedLayOut(b, cfg.Database.Path, timedWave)
	}
	targetKnown(b, tg, targetUsers(tg, targetResidentID, timedWave))
	askers := targetUsers(tg, 40000, timedHelpPeople)
	tick := make(chan chan struct{})
	stop := targetRunBotWith(b, cfg, app.Options{Tick: tick, Kinds: map[string]schedule.Kind{"bench.remind": {
		Do: func(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
			return timedRemind(tx, it.Data, now)
		}}}})
	defer stop()
	// Everyone once, before the wave: the bot learns them.
	for _, u := range askers {
		tg.SendText(u, telegramtest.PrivateChat(u), "/help")
	}
	answered := func() int {
		n := 0
		for _, u := range askers {
			n += len(tg.Messages(u.ID))
		}
		return n
	}
	tg.WaitUntil(b, func() bool { return answered() >= len(askers) }, targetWait)

	waveDone := make(chan struct{})
	start := time.Now()
	var took time.Duration
	if wave {
		go func() {
			ack := make(chan struct{})
			tick <- ack
			<-ack
			took = time.Since(start)
			close(waveDone)
		}()
	}
	var asked []time.Time
	over := func(i int) bool {
		if !wave {
			return i >= 2*timedHelpRate
		}
		select {
		case <-waveDone:
			return true
		default:
			return false
		}
	}
	n := targetPace(timedHelpRate, -1, over, func(i int) {
		u := askers[i%len(askers)]
		tg.SendText(u, telegramtest.PrivateChat(u), "/help")
		asked = append(asked, time.Now())
	})
	tg.WaitUntil(b, func() bool { return answered() >= len(askers)+n }, targetWait)
	targetClean(b, tg)

	lat := make([]float64, 0, n)
	for j, u := range askers {
		msgs := tg.Messages(u.ID)
		for k, i := 1, j; i < n; k, i = k+1, i+len(askers) {
			lat = append(lat, float64(msgs[k].Date.Sub(asked[i]))/1e6)
		}
	}
	slices.Sort(lat)
	return lat, took
}

func BenchmarkTimedWaveHelp(b *testing.B) {
	var s targetSeries
	b.Run("10000reminders", func(b *testing.B) {
		lat, took := timedHelpRun(b, true)
		idle, _ := timedHelpRun(b, false)
		p50, p99, worst := targetPercentile(lat, 50), targetPercentile(lat, 99), lat[len(lat)-1]
		idle99, wave := targetPercentile(idle, 99), float64(took)/1e6
		b.ReportMetric(0, "ns/op")
		b.ReportMetric(p50, "p50-ms")
		b.ReportMetric(p99, "p99-ms")
		b.ReportMetric(worst, "max-ms")
		b.ReportMetric(idle99, "idle-p99-ms")
		b.ReportMetric(wave, "wave-ms")
		b.ReportMetric(float64(len(lat)), "asked")
		s.add(1, p50, p99, worst, idle99, wave)
	})
	if m, n := s.medians(); n > 0 {
		fmt.Printf("timed 3: /help during a wave of %d reminders: p99 %.1f ms (p50 %.1f, max %.1f); with nothing due p99 %.1f ms; the wave %.0f ms; limit %.0f ms: %s (median of %d runs)\n",
			timedWave, m[1], m[0], m[2], m[3], m[4], timedHelpLimit, targetVerdict(m[1] <= timedHelpLimit), n)
	}
}
