package bot

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Clock is the time the Telegram side reads: the hour for its records and
// the timers it waits on. Tests give a clock they move by hand.
type Clock interface {
	Now() time.Time
	NewTimer(d time.Duration) Timer
}

// Timer is a Clock's timer.
type Timer interface {
	C() <-chan time.Time
	Stop() bool
}

// RealClock is the wall clock.
func RealClock() Clock { return realClock{} }

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) NewTimer(d time.Duration) Timer { return realTimer{time.NewTimer(d)} }

type realTimer struct{ t *time.Timer }

func (r realTimer) C() <-chan time.Time { return r.t.C }
func (r realTimer) Stop() bool          { return r.t.Stop() }

// Retry is how a long-lived part retries a failing step: waits from First
// doubling up to Max between tries, and after Tries failures in a row it
// gives up, which stops the whole process with an error. Each try of a
// database step already waits out locks for the busy timeout (10 s), so a
// step that fails six times in a row is broken, not busy.
type Retry struct {
	First, Max time.Duration
	Tries      int
}

// DefaultRetry gives up after six failures in a row, 3 s of waits apart.
var DefaultRetry = Retry{First: 100 * time.Millisecond, Max: 5 * time.Second, Tries: 6}

// Option changes a sender, a poller or a processor.
type Option func(*options)

type options struct {
	clock Clock
	retry Retry
	hours func() time.Time
}

// WithClock makes a part read clock instead of the wall clock.
func WithClock(c Clock) Option { return func(o *options) { o.clock = c } }

// WithHours sets the community's time, against which a sender reads the
// hours written on rows (when a held message may go, the last moment one is
// worth sending); by default its clock's. Its timers and limits keep its
// clock.
func WithHours(now func() time.Time) Option { return func(o *options) { o.hours = now } }

// WithRetry sets how a part retries a failing step before it gives up.
func WithRetry(r Retry) Option { return func(o *options) { o.retry = r } }

func makeOptions(opts []Option) options {
	o := options{clock: RealClock(), retry: DefaultRetry}
	for _, f := range opts {
		f(&o)
	}
	if o.hours == nil {
		o.hours = o.clock.Now
	}
	return o
}

// errStopped is returned by sleep when ctx ended first.
var errStopped = errors.New("stopped")

// sleep waits d on clock, or until ctx ends (errStopped).
func sleep(ctx context.Context, clock Clock, d time.Duration) error {
	t := clock.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return errStopped
	case <-t.C():
		return nil
	}
}

// Failures counts a step's failures in a row, for a long-lived part that
// retries the step by Retry and gives up after Retry.Tries.
type Failures struct {
	Retry   Retry
	n       int
	backoff time.Duration
}

// Fail counts one more failure and returns how long to wait before the next
// try, or an error when the step has failed too often to go on.
func (f *Failures) Fail(what string, err error) (time.Duration, error) {
	f.n++
	if f.Retry.Tries > 0 && f.n >= f.Retry.Tries {
		return 0, fmt.Errorf("%s failed %d times in a row: %w", what, f.n, err)
	}
	f.backoff = nextBackoff(f.backoff, f.Retry.First, f.Retry.Max)
	return f.backoff, nil
}

// OK resets the count after a success.
func (f *Failures) OK() { f.n, f.backoff = 0, 0 }
