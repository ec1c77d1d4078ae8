package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
)

// The poller backs off on its clock: 100 ms after the first failure, then
// 200 ms, and polls again at once after a success.
func TestPollerBacksOffOnItsClock(t *testing.T) {
	e := newEnv(t)
	e.tg.FailNext("getUpdates", 0, telegramtest.Fault{Code: 502})
	e.tg.FailNext("getUpdates", 0, telegramtest.Fault{Code: 502})
	t0 := start()
	clk := newFakeClock(t0)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	p := NewPoller(e.client(nil), e.store, time.Second, clk.Now, e.log, nil, nil, WithClock(clk))
	go func() { done <- p.Run(ctx) }()

	clk.waitTimerAt(t, t0.Add(100*time.Millisecond))
	if n := e.tg.CallCount("getUpdates"); n != 1 {
		t.Fatalf("%d getUpdates calls before the first backoff ran out", n)
	}
	clk.Advance(100 * time.Millisecond)
	clk.waitTimerAt(t, t0.Add(300*time.Millisecond))
	if n := e.tg.CallCount("getUpdates"); n != 2 {
		t.Fatalf("%d getUpdates calls before the second backoff ran out", n)
	}
	clk.Advance(200 * time.Millisecond)
	e.tg.WaitUntil(t, func() bool { return !p.LastPoll().IsZero() }, waitLong)
	if got := p.LastPoll(); !got.Equal(t0.Add(300 * time.Millisecond)) {
		t.Errorf("last poll at %v, want the clock's %v", got, t0.Add(300*time.Millisecond))
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run after a stop: %v", err)
	}
}

// A refused token is final: the poller stops with an error instead of
// retrying for ever.
func TestPollerStopsOnARefusedToken(t *testing.T) {
	e := newEnv(t)
	e.tg.FailNext("getUpdates", 0, telegramtest.Fault{Code: 401, Description: "Unauthorized"})
	p := NewPoller(e.client(nil), e.store, time.Second, time.Now, e.log, nil, nil, WithClock(newFakeClock(start())))
	err := p.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "refused the bot token") {
		t.Fatalf("Run: %v", err)
	}
}
