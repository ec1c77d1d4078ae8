package bot

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"courtyard/testkit"
)

// unreachable is a transport that refuses every connection while down is
// set, as a machine without a network does.
type unreachable struct {
	down atomic.Bool
	next http.RoundTripper
}

func (u *unreachable) RoundTrip(r *http.Request) (*http.Response, error) {
	if u.down.Load() {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New(syscall.ECONNREFUSED.Error())}
	}
	return u.next.RoundTrip(r)
}

// A lost connection to Telegram is logged once when it is lost and once
// when it is back, with the number of failed calls; the retries between
// are at debug level.
func TestPollerLogsALostConnectionOnce(t *testing.T) {
	e := newEnv(t)
	recs := &testkit.Records{}
	tr := &unreachable{next: http.DefaultTransport}
	tr.down.Store(true)
	t0 := start()
	clk := newFakeClock(t0)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	p := NewPoller(e.client(&http.Client{Transport: tr}), e.store, time.Second, clk.Now, recs.Logger(), nil, nil, WithClock(clk))
	go func() { done <- p.Run(ctx) }()

	// Four failed calls: backoffs of 100, 200, 400 and 800 ms.
	at := t0
	for i, d := range []time.Duration{100, 200, 400, 800} {
		at = at.Add(d * time.Millisecond)
		clk.waitTimerAt(t, at)
		if got := p.Failing(); got != int64(i+1) {
			t.Fatalf("Failing after %d failed calls: %d", i+1, got)
		}
		if i < 3 {
			clk.Advance(d * time.Millisecond)
		}
	}
	tr.down.Store(false)
	clk.Advance(800 * time.Millisecond)
	e.tg.WaitUntil(t, func() bool { return !p.LastPoll().IsZero() }, waitLong)

	lost := recs.Matching(slog.LevelWarn, "Telegram does not answer getUpdates; retrying until it does")
	back := recs.Matching(slog.LevelInfo, "Telegram answers getUpdates again")
	if len(lost) != 1 || len(back) != 1 {
		t.Fatalf("%d lost and %d back lines, want one each", len(lost), len(back))
	}
	if n := testkit.Attr(back[0], "failed_calls"); n != int64(4) {
		t.Errorf("failed_calls = %v, want 4", n)
	}
	if d := testkit.Attr(back[0], "down_for"); d != 1500*time.Millisecond {
		t.Errorf("down_for = %v, want 1.5s", d)
	}
	if n := len(recs.Matching(slog.LevelDebug, "getUpdates failed again")); n != 3 {
		t.Errorf("%d debug lines for the retries, want 3", n)
	}
	if p.Failing() != 0 {
		t.Errorf("Failing after the connection came back: %d", p.Failing())
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run after a stop: %v", err)
	}
}
