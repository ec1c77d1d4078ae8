package bench

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
)

// Target 2: at a steady 200 updates a second (/help in private from 200
// people, each once a second), the time from an update being available on
// the server to its answer arriving there. An update counts as available
// when SendText has returned; the answer arrives at its Message.Date, taken
// by the server as it receives the sendMessage call.

const (
	targetRate    = 200  // updates a second
	targetPaced   = 1000 // five seconds of them
	targetAskers  = 200
	targetLatency = 20 * time.Millisecond
)

// targetLatencyRun runs the paced load against the bot (or the echo bot)
// and returns the latencies in milliseconds, sorted, and the rate achieved.
func targetLatencyRun(b *testing.B, bot bool) ([]float64, float64) {
	b.Helper()
	tg := telegramtest.New(b)
	var stop func()
	if bot {
		stop = targetRunBot(b, targetConfig(b, tg.URL(), 0))
	} else {
		stop = targetRunEcho(b, tg)
	}
	defer stop()
	users := targetUsers(tg, 30000, targetAskers)
	// Everyone once, before the load: the bot learns them.
	for _, u := range users {
		tg.SendText(u, telegramtest.PrivateChat(u), "/help")
	}
	tg.WaitUntil(b, func() bool { return tg.CallCount("sendMessage") >= len(users) }, targetWait)
	want := tg.CallCount("sendMessage") + targetPaced

	sent := make([]time.Time, targetPaced)
	targetPace(targetRate, targetPaced, nil, func(i int) {
		u := users[i%len(users)]
		tg.SendText(u, telegramtest.PrivateChat(u), "/help")
		sent[i] = time.Now()
	})
	rate := float64(targetPaced-1) / sent[targetPaced-1].Sub(sent[0]).Seconds()
	tg.WaitUntil(b, func() bool { return tg.CallCount("sendMessage") >= want }, targetWait)
	targetClean(b, tg)

	// The answers in each chat come in the order of its updates: the k-th
	// after the first answers the person's k-th paced update.
	lat := make([]float64, 0, targetPaced)
	for j, u := range users {
		msgs := tg.Messages(u.ID)
		if want := 1 + (targetPaced-j+len(users)-1)/len(users); len(msgs) != want {
			b.Fatalf("%d answers to person %d, want %d", len(msgs), j, want)
		}
		for k, i := 1, j; i < targetPaced; k, i = k+1, i+len(users) {
			lat = append(lat, float64(msgs[k].Date.Sub(sent[i]))/1e6)
		}
	}
	slices.Sort(lat)
	return lat, rate
}

// BenchmarkTargetLatency is target 2; the paced load runs through the bot
// and, in the same run, through the echo bot. b.N is not used: run it with
// -benchtime 1x.
func BenchmarkTargetLatency(b *testing.B) {
	var s targetSeries
	b.Run("200per_s", func(b *testing.B) {
		lat, rate := targetLatencyRun(b, true)
		echo, _ := targetLatencyRun(b, false)
		p50, p99, worst := targetPercentile(lat, 50), targetPercentile(lat, 99), lat[len(lat)-1]
		echo99 := targetPercentile(echo, 99)
		b.ReportMetric(0, "ns/op")
		b.ReportMetric(p50, "p50-ms")
		b.ReportMetric(p99, "p99-ms")
		b.ReportMetric(worst, "max-ms")
		b.ReportMetric(echo99, "echo-p99-ms")
		b.ReportMetric(p99/echo99, "x-echo")
		b.ReportMetric(rate, "updates/s")
		s.add(1, p50, p99, worst, echo99, p99/echo99)
	})
	if m, n := s.medians(); n > 0 {
		limit := float64(targetLatency) / 1e6
		fmt.Printf("target 2 latency at %d updates/s: p99 %.1f ms (p50 %.1f, max %.1f); echo bot p99 %.1f ms; ratio %.2f; limit %.0f ms: %s (median of %d runs)\n",
			targetRate, m[1], m[0], m[2], m[3], m[4], limit, targetVerdict(m[1] <= limit), n)
	}
}
