package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/app"
	"courtyard/bot/telegramtest"
	"courtyard/config"
)

// The pipeline benchmarks drain b.N updates that wait on the fake Bot API
// before the bot starts, so that the bot is busy from its first poll to its
// last answer, and report updates per second and the CPU time (user and
// system, of this process: the bot and the fake server) per update. The
// fake server's share is the same in both, so the CPU figures' difference
// is the work the bot does beyond the echo bot's.
//
//	go test -run '^$' -bench 'Pipeline|EchoBot' -benchtime 2000x -count 5 ./bench/
//
// BenchmarkPipeline runs the whole bot (getUpdates into the inbox, one
// transaction per batch, the command, the outbox, the rate-limited sender);
// BenchmarkEchoBot is the reference: a bare go-telegram/bot bot with its
// default poller answering each text at once, remembering nothing. The
// bot first meets every person once, untimed, then stops; then the b.N
// updates are queued and the timer runs from the start of a fresh bot (a
// fresh echo bot) until every answer arrived.

const (
	pipeUsers = 200
	pipeWait  = 2 * time.Minute
)

func pipeConfig(b *testing.B, apiURL string) config.Config {
	b.Helper()
	cfg := config.Config{
		Telegram:  config.Telegram{Token: telegramtest.Token, APIURL: apiURL, PollTimeout: 2 * time.Second},
		Database:  config.Database{Path: filepath.Join(b.TempDir(), "pipeline.db")},
		Admins:    []int64{1000},
		Community: config.Community{Name: "南门社区", Timezone: "Asia/Shanghai", Language: "zh", Buildings: []string{"1", "2", "3"}},
	}
	// Sending limits far above what the machine can do, so the pipeline
	// itself is measured.
	cfg.Telegram.Limits = config.SendLimits{GlobalPerSecond: 100000, PerChatPerSecond: 100000, PerGroupPerMinute: 1000000}
	cfg.Tickets.PerUserPerHour = 1000000
	cfg.Limits.CommandsPerMinute = 1000000
	cfg = cfg.WithDefaults()
	if err := cfg.Validate(); err != nil {
		b.Fatal(err)
	}
	return cfg
}

// pipeUsersOf registers people with the fake server.
func pipeUsersOf(tg *telegramtest.Server) []models.User {
	users := make([]models.User, pipeUsers)
	for i := range users {
		users[i] = tg.User(int64(5000+i), fmt.Sprintf("住户%d", i), "zh")
	}
	return users
}

// pipeQueue queues n texts from the users in their private chats.
func pipeQueue(tg *telegramtest.Server, users []models.User, text string, n int) {
	for i := range n {
		u := users[i%len(users)]
		tg.SendText(u, telegramtest.PrivateChat(u), text)
	}
}

// pipeCPU is the user and system CPU time this process used so far.
func pipeCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// pipeDrain starts a bot with start, waits until the server has answered
// want sendMessage calls, stops the bot and reports the rate and the CPU
// time of the n updates the drain took.
func pipeDrain(b *testing.B, tg *telegramtest.Server, start func() (stop func()), n, want int) {
	b.Helper()
	cpu := pipeCPU(b)
	b.StartTimer()
	began := time.Now()
	stop := start()
	tg.WaitUntil(b, func() bool { return tg.CallCount("sendMessage") >= want }, pipeWait)
	elapsed := time.Since(began)
	b.StopTimer()
	used := pipeCPU(b) - cpu
	stop()
	b.ReportMetric(float64(n)/elapsed.Seconds(), "updates/s")
	b.ReportMetric(float64(used.Microseconds())/float64(n), "cpu-µs/update")
	if got := tg.CallCount("sendMessage"); got != want {
		b.Fatalf("%d answers, want %d", got, want)
	}
	if v := tg.Violations(); len(v) > 0 {
		b.Fatal(v)
	}
	if tg.TooMany() != 0 {
		b.Fatalf("%d answers were 429", tg.TooMany())
	}
}

// pipeRunBot runs the whole bot in-process on cfg with the clock now.
func pipeRunBot(b *testing.B, cfg config.Config, now func() time.Time) (stop func()) {
	b.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan struct{}), make(chan error, 1)
	go func() {
		done <- app.Run(ctx, cfg, app.Options{
			Now:   now,
			Log:   slog.New(slog.NewTextHandler(io.Discard, nil)),
			Ready: func() { close(ready) },
			Tick:  make(chan chan struct{}),
		})
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

func BenchmarkPipeline(b *testing.B) {
	b.StopTimer()
	tg := telegramtest.New(b)
	cfg := pipeConfig(b, tg.URL())
	base, started := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), time.Now()
	now := func() time.Time { return base.Add(time.Since(started)) }
	users := pipeUsersOf(tg)
	// Every person once, untimed: the bot learns them.
	pipeQueue(tg, users, "/help", len(users))
	pipeDrain(b, tg, func() func() { return pipeRunBot(b, cfg, now) }, len(users), len(users))
	pipeQueue(tg, users, "/help", b.N)
	b.ResetTimer()
	pipeDrain(b, tg, func() func() { return pipeRunBot(b, cfg, now) }, b.N, len(users)+b.N)
	for _, m := range tg.Messages(users[0].ID) {
		if !strings.Contains(m.Plain, "/start") {
			b.Fatalf("unexpected answer to /help: %q", m.Plain)
		}
	}
}

func BenchmarkEchoBot(b *testing.B) {
	b.StopTimer()
	tg := telegramtest.New(b)
	users := pipeUsersOf(tg)
	// The echo bot remembers nobody: it has nothing to learn first.
	pipeQueue(tg, users, "/help", b.N)
	b.ResetTimer()
	pipeDrain(b, tg, func() func() { return targetRunEcho(b, tg) }, b.N, b.N)
}
