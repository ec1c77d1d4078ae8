package bot

import (
	"sync"
	"testing"
	"time"
)

// fakeClock is a Clock the test moves by hand. Its timers fire when
// Advance passes their deadline.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	timers  map[*fakeTimer]bool
	changed chan struct{} // closed and replaced when the timers change
}

func newFakeClock(start time.Time) *fakeClock {
	return &fakeClock{now: start, timers: map[*fakeTimer]bool{}, changed: make(chan struct{})}
}

type fakeTimer struct {
	c     *fakeClock
	ch    chan time.Time
	at    time.Time
	fired bool
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) NewTimer(d time.Duration) Timer {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{c: c, ch: make(chan time.Time, 1), at: c.now.Add(d)}
	if d <= 0 {
		t.fired = true
		t.ch <- c.now
		return t
	}
	c.timers[t] = true
	c.notifyLocked()
	return t
}

func (t *fakeTimer) C() <-chan time.Time { return t.ch }

func (t *fakeTimer) Stop() bool {
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	if t.fired {
		return false
	}
	delete(t.c.timers, t)
	t.c.notifyLocked()
	return true
}

func (c *fakeClock) notifyLocked() {
	close(c.changed)
	c.changed = make(chan struct{})
}

// Advance moves the clock on by d and fires the timers due by then.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	for t := range c.timers {
		if !t.at.After(c.now) {
			t.fired = true
			t.ch <- c.now
			delete(c.timers, t)
		}
	}
	c.notifyLocked()
}

// next is the earliest deadline of the timers waiting, if any.
func (c *fakeClock) next() (time.Time, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var at time.Time
	for t := range c.timers {
		if at.IsZero() || t.at.Before(at) {
			at = t.at
		}
	}
	return at, !at.IsZero()
}

// waitFor waits (in real time, up to waitLong) until cond holds for the
// clock's earliest waiting timer: the code under test has gone as far as
// it can at this moment and waits for the clock.
func (c *fakeClock) waitFor(t *testing.T, what string, cond func(at time.Time, ok bool) bool, or ...<-chan struct{}) bool {
	t.Helper()
	deadline := time.NewTimer(waitLong)
	defer deadline.Stop()
	for {
		c.mu.Lock()
		ch := c.changed
		c.mu.Unlock()
		if cond(c.next()) {
			return true
		}
		var stop <-chan struct{}
		if len(or) > 0 {
			stop = or[0]
		}
		select {
		case <-ch:
		case <-stop:
			return false
		case <-deadline.C:
			at, ok := c.next()
			t.Fatalf("timed out waiting for %s (earliest timer %v, %v; now %v)", what, at, ok, c.Now())
			return false
		}
	}
}

// waitTimerAt waits until the earliest timer waiting is due exactly at at.
func (c *fakeClock) waitTimerAt(t *testing.T, at time.Time) {
	t.Helper()
	c.waitFor(t, "a timer at "+at.Format("15:04:05.000"), func(next time.Time, ok bool) bool { return ok && next.Equal(at) })
}

// runOut moves the clock from timer to timer until the sender returns
// (after Drain), each time once the sender waits for nothing but the clock.
func (c *fakeClock) runOut(t *testing.T, r *running) {
	t.Helper()
	for c.waitFor(t, "the sender to wait or return", func(_ time.Time, ok bool) bool { return ok }, r.finished) {
		at, _ := c.next()
		c.Advance(at.Sub(c.Now()))
	}
	r.wait(t)
}
