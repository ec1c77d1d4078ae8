package app

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot"
	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/testkit"
)

// slowRoute handles "/slow": it tells started, waits for release and then
// queues n numbered messages to the chat, inside the update's transaction.
func slowRoute(started, release chan struct{}, n int) bot.Route {
	return bot.Route{
		Name:  "slow",
		Match: func(u *models.Update) bool { return u.Message != nil && u.Message.Text == "/slow" },
		Handle: func(ctx context.Context, tx *storage.Tx, u *models.Update) error {
			close(started)
			<-release
			chat := u.Message.Chat.ID
			for i := range n {
				p := telegram.SendMessage{ChatID: chat, Text: fmt.Sprintf("part %02d", i)}
				if _, err := tx.Enqueue(storage.OutMsg{ChatID: chat, Method: "sendMessage", Payload: telegram.Marshal(p)}, time.Now()); err != nil {
					return err
				}
			}
			return nil
		},
	}
}

// runBot starts Run and returns its cancel and result; it waits until the
// bot polls.
func runBot(t *testing.T, cfg config.Config, flush time.Duration, routes ...bot.Route) (context.CancelFunc, <-chan error) {
	t.Helper()
	logs := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan struct{})
	done := make(chan error, 1)
	clk := testkit.NewClock(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	opt := Options{Now: clk.Now, Log: slog.New(slog.NewTextHandler(logs, nil)), FlushTimeout: flush,
		Ready: func() { close(ready) }, Routes: routes, Tick: make(chan chan struct{})}
	go func() { done <- Run(ctx, cfg, opt) }()
	t.Cleanup(func() {
		cancel()
		if t.Failed() {
			t.Logf("bot log:\n%s", logs.String())
		}
	})
	select {
	case <-ready:
	case err := <-done:
		t.Fatalf("bot did not start: %v", err)
	case <-time.After(wait):
		t.Fatal("bot did not start in time")
	}
	return cancel, done
}

func parts(n int) []string {
	var out []string
	for i := range n {
		out = append(out, fmt.Sprintf("part %02d", i))
	}
	return out
}

func texts(tg *telegramtest.Server, chat int64) []string {
	var out []string
	for _, m := range tg.Messages(chat) {
		out = append(out, m.Text)
	}
	return out
}

func pendingWork(t *testing.T, cfg config.Config) (inbox, outbox int) {
	t.Helper()
	s, err := storage.OpenNoMigrate(cfg.Database.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.View(context.Background(), func(tx *storage.Tx) error {
		in, err := tx.PendingUpdates(100)
		inbox = len(in)
		if err != nil {
			return err
		}
		h, err := tx.OutboxHealth(time.Now())
		outbox = h.Pending
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return inbox, outbox
}

// A stop finishes the update in hand, sends what it queued and returns nil.
func TestStopFinishesTheUpdateInHandAndFlushes(t *testing.T) {
	tg := telegramtest.New(t)
	cfg := testConfig(t, tg.URL())
	started, release := make(chan struct{}), make(chan struct{})
	const n, flush = 40, 5 * time.Second
	cancel, done := runBot(t, cfg, flush, slowRoute(started, release, n))
	u := tg.User(2001, "Ann", "en")
	tg.SendText(u, telegramtest.PrivateChat(u), "/slow")
	select {
	case <-started:
	case <-time.After(wait):
		t.Fatal("the update was not handled")
	}
	cancel()
	stopped := time.Now()
	close(release)
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(flush + wait):
		t.Fatal("Run did not return")
	}
	if d := time.Since(stopped); d > flush {
		t.Errorf("stop took %v, more than the flush timeout", d)
	}
	if got := texts(tg, u.ID); !slices.Equal(got, parts(n)) {
		t.Errorf("before Run returned the chat got %q", got)
	}
	if in, out := pendingWork(t, cfg); in != 0 || out != 0 {
		t.Errorf("left behind: %d updates, %d messages", in, out)
	}
}

// When the outbox cannot be flushed in time, Run still returns soon after
// the flush timeout, and what is left goes out at the next start, once.
func TestStopGivesUpFlushingAfterTheTimeout(t *testing.T) {
	tg := telegramtest.New(t)
	cfg := testConfig(t, tg.URL())
	cfg.Telegram.Limits.PerChatPerSecond = 5
	started, release := make(chan struct{}), make(chan struct{})
	close(release)
	const n, flush = 30, time.Second
	cancel, done := runBot(t, cfg, flush, slowRoute(started, release, n))
	u := tg.User(2001, "Ann", "en")
	tg.SendText(u, telegramtest.PrivateChat(u), "/slow")
	tg.WaitUntil(t, func() bool { return len(tg.Messages(u.ID)) >= 2 }, wait)
	cancel()
	stopped := time.Now()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(flush + wait):
		t.Fatal("Run did not return")
	}
	if d := time.Since(stopped); d > flush+time.Second {
		t.Errorf("stop took %v with a flush timeout of %v", d, flush)
	}
	sent := len(tg.Messages(u.ID))
	if _, out := pendingWork(t, cfg); sent == n || out != n-sent {
		t.Fatalf("%d sent before the stop, %d pending; want some of each, %d in all", sent, out, n)
	}

	cfg.Telegram.Limits.PerChatPerSecond = 1000
	cancel, done = runBot(t, cfg, flush)
	tg.WaitUntil(t, func() bool { return len(tg.Messages(u.ID)) >= n }, wait)
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := texts(tg, u.ID); !slices.Equal(got, parts(n)) {
		t.Errorf("after the restart the chat has %q", got)
	}
}
