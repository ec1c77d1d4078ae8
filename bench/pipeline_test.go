package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"courtyard/app"
	"courtyard/bot/telegramtest"
	"courtyard/config"
)

// The pipeline benchmarks push b.N updates through the fake Bot API and wait
// until every answer arrived; they report updates per second.
//
//	go test -run '^$' -bench 'Pipeline|EchoBot' -benchtime 2000x -count 5 ./bench/
//
// BenchmarkPipeline runs the whole bot (getUpdates into the inbox, one
// transaction per batch, the command, the outbox, the rate-limited sender);
// BenchmarkEchoBot is the reference: a bare go-telegram/bot bot with its
// default poller answering each text at once, remembering nothing.

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

// pipeSend queues n texts from the users in their private chats and waits
// until the server has answered want sendMessage calls.
func pipeSend(b *testing.B, tg *telegramtest.Server, users []models.User, text string, n, want int) {
	b.Helper()
	start := time.Now()
	for i := range n {
		u := users[i%len(users)]
		tg.SendText(u, telegramtest.PrivateChat(u), text)
	}
	tg.WaitUntil(b, func() bool { return tg.CallCount("sendMessage") >= want }, pipeWait)
	elapsed := time.Since(start)
	b.StopTimer()
	b.ReportMetric(float64(n)/elapsed.Seconds(), "updates/s")
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

func BenchmarkPipeline(b *testing.B) {
	tg := telegramtest.New(b)
	cfg := pipeConfig(b, tg.URL())
	base, started := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), time.Now()
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan struct{}), make(chan error, 1)
	go func() {
		done <- app.Run(ctx, cfg, app.Options{
			Now:   func() time.Time { return base.Add(time.Since(started)) },
			Log:   slog.New(slog.NewTextHandler(io.Discard, nil)),
			Ready: func() { close(ready) },
			Tick:  make(chan chan struct{}),
		})
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			b.Error(err)
		}
	}()
	select {
	case <-ready:
	case err := <-done:
		b.Fatalf("the bot did not start: %v", err)
	}
	users := pipeUsersOf(tg)
	// Every person once, before the clock starts: the bot learns them.
	pipeSend(b, tg, users, "/help", len(users), len(users))
	b.StartTimer()
	b.ResetTimer()
	pipeSend(b, tg, users, "/help", b.N, len(users)+b.N)
	for _, m := range tg.Messages(users[0].ID) {
		if !strings.Contains(m.Plain, "/start") {
			b.Fatalf("unexpected answer to /help: %q", m.Plain)
		}
	}
}

func BenchmarkEchoBot(b *testing.B) {
	tg := telegramtest.New(b)
	echo := func(ctx context.Context, c *tgbot.Bot, u *models.Update) {
		if u.Message == nil {
			return
		}
		_, err := c.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: u.Message.Chat.ID, Text: "re: " + u.Message.Text})
		if err != nil && ctx.Err() == nil {
			b.Error(err)
		}
	}
	c, err := tgbot.New(telegramtest.Token, tgbot.WithServerURL(tg.URL()), tgbot.WithSkipGetMe(), tgbot.WithDefaultHandler(echo))
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	go func() { c.Start(ctx); close(stopped) }()
	defer func() { cancel(); <-stopped }()
	users := pipeUsersOf(tg)
	pipeSend(b, tg, users, "/help", len(users), len(users))
	b.StartTimer()
	b.ResetTimer()
	pipeSend(b, tg, users, "/help", b.N, len(users)+b.N)
}
