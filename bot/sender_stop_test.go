package bot

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"courtyard/storage"
)

// heldCalls is a Bot API that answers a call only once the test lets it
// go; a call whose context ends first fails.
type heldCalls struct {
	arrived chan struct{}
	release chan struct{}
}

func newHeldCalls() *heldCalls {
	return &heldCalls{arrived: make(chan struct{}, 16), release: make(chan struct{})}
}

func (h *heldCalls) RoundTrip(r *http.Request) (*http.Response, error) {
	h.arrived <- struct{}{}
	select {
	case <-h.release:
		return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(`{"ok":true,"result":{"message_id":7}}`)), Request: r}, nil
	case <-r.Context().Done():
		return nil, r.Context().Err()
	}
}

// onTheWire hands it to a worker and waits until its call reaches the API.
func (h *heldCalls) onTheWire(t *testing.T, l *loop, it item) {
	t.Helper()
	deadline := time.After(waitLong)
	select {
	case l.jobs <- it:
	case <-deadline:
		t.Fatal("no worker took the call")
	}
	select {
	case <-h.arrived:
	case <-deadline:
		t.Fatal("the call did not reach the API")
	}
}

// stopping runs stop and returns a channel closed when it is done.
func stopping(l *loop) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		l.stop()
		close(done)
	}()
	return done
}

func waitStopped(t *testing.T, done <-chan struct{}) {
	t.Helper()
	select {
	case <-done:
	case <-time.After(waitLong):
		t.Fatal("stop did not return")
	}
}

func TestLoopStopLetsACallOnTheWireFinish(t *testing.T) {
	e := newEnv(t)
	ids := e.enqueue(msg(1, "a", 0))
	t0 := start()
	clk := newFakeClock(t0)
	h := newHeldCalls()
	l := e.newLoop(e.client(&http.Client{Transport: h}), clk, fast)
	l.startWorkers()
	a, _ := sendsNow(t, l, clk)
	h.onTheWire(t, l, a[0])

	done := stopping(l)
	clk.waitTimerAt(t, t0.Add(callGrace))
	select {
	case <-done:
		t.Fatal("stop returned with a call on the wire")
	default:
	}
	close(h.release)
	waitStopped(t, done)
	if m := e.row(ids[0]); m.State != storage.OutSent || m.MessageID != 7 {
		t.Errorf("the call answered during the grace: %s, message %d", m.State, m.MessageID)
	}
	if l.s.Sent() != 1 {
		t.Errorf("%d calls counted sent", l.s.Sent())
	}
}

func TestLoopStopCutsOffCallsAtGraceAndWritesEveryOutcome(t *testing.T) {
	e := newEnv(t)
	ids := e.enqueue(msg(1, "a", 0), msg(2, "b", 0), msg(3, "c", 0))
	t0 := start()
	clk := newFakeClock(t0)
	h := newHeldCalls()
	l := e.newLoop(e.client(&http.Client{Transport: h}), clk, fast)
	l.startWorkers()
	its, _ := sendsNow(t, l, clk)
	wantIDs(t, its, ids...)
	h.onTheWire(t, l, its[0])
	// The second call came back and is being written; the third came back
	// after, and waits to be written with others.
	l.returned(accepted(its[1], t0), t0)
	clk.Advance(recordAfter)
	if tickNow(t, l, clk); !l.recording {
		t.Fatal("no write started")
	}
	l.returned(accepted(its[2], t0), clk.Now())

	done := stopping(l)
	grace := clk.Now().Add(callGrace)
	clk.waitTimerAt(t, grace)
	clk.Advance(callGrace)
	waitStopped(t, done)

	// The call cut off is made again at the next start; it is not a
	// failure of Telegram's.
	if m := e.row(ids[0]); m.State != storage.OutPending || m.Attempts != 1 || !m.NotBefore.After(grace) {
		t.Errorf("the call cut off: %s after %d attempts, not before %v", m.State, m.Attempts, m.NotBefore)
	}
	for _, id := range ids[1:] {
		if m := e.row(id); m.State != storage.OutSent {
			t.Errorf("row %d, back before the stop: %s", id, m.State)
		}
	}
	if f := l.s.Failures(); len(f) != 0 {
		t.Errorf("failures counted: %v", f)
	}
	if l.recording || len(l.unrecorded) != 0 {
		t.Errorf("after the stop: recording %v, %d unrecorded", l.recording, len(l.unrecorded))
	}
}
