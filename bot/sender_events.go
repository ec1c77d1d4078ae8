package bot

import (
	"context"
	"fmt"
	"time"
)

// step is what the loop does after a tick.
type step struct {
	act  stepAct
	it   item          // stepSend: the call to hand to a worker
	wait time.Duration // stepWait: how long before the next tick at most (-1: until an event)
}

type stepAct int

const (
	stepWait  stepAct = iota // wait for an event, or for wait
	stepSend                 // hand it to a worker, then tick again
	stepAgain                // tick again at once
	stepDone                 // drained: the run is over
)

// start reads the outbox for the first time.
func (l *loop) start() error {
	if err := l.reload(); err != nil {
		return err
	}
	l.lastPrune = l.s.clock.Now()
	return nil
}

// tick is the loop's turn at now: outcomes that are due start being
// written, the read window is topped up, and the next call is chosen, or
// the time until something is due worked out.
func (l *loop) tick(now time.Time) (step, error) {
	l.recordDue(now)
	if l.windowLow() {
		if err := l.reload(); err != nil {
			return step{}, err
		}
	}
	if now.Sub(l.lastPrune) > time.Minute {
		l.q.prune(now, time.Minute)
		l.lastPrune = now
	}
	nextHeld := l.release(now)
	nextWake := l.q.wakeUp(now)
	if !nextHeld.IsZero() && (nextWake.IsZero() || nextHeld.Before(nextWake)) {
		nextWake = nextHeld
	}
	it, ok, wait := l.next(now)
	if ok {
		return step{act: stepSend, it: it}, nil
	}
	if l.s.draining.Load() && l.inflight == 0 && l.q.pending() == 0 {
		return l.lastLook()
	}
	return step{wait: l.until(now, wait, nextWake)}, nil
}

// next takes the most urgent ready chat's call if it may go out at now.
// Otherwise wait is how long a pause or the global limit holds it back
// (-1: neither does).
func (l *loop) next(now time.Time) (it item, ok bool, wait time.Duration) {
	c := l.q.peek()
	switch {
	case c == nil:
		return item{}, false, -1
	case now.Before(l.pausing):
		return item{}, false, l.pausing.Sub(now)
	case l.sending >= l.s.workers || l.inflight >= maxUnrecorded:
		return item{}, false, -1
	case c.limited && now.Before(l.nextSend):
		return item{}, false, l.nextSend.Sub(now)
	}
	it = l.q.take(c, now)
	if c.limited {
		c.nextAt = now.Add(l.s.interval(it.chat))
		l.book(now)
	}
	l.inflight++
	l.sending++
	return it, true, 0
}

// book takes the global limit's current slot for a send made at now.
func (l *loop) book(now time.Time) {
	slot := l.nextSend
	if early := now.Add(-catchUp); slot.Before(early) {
		slot = early
	}
	l.nextSend = slot.Add(l.s.gap)
}

// lastLook is the tick of a draining loop with nothing in flight or
// queued: rows may have been queued since the last wake, so it reads once
// more, and the run is over when there are none.
func (l *loop) lastLook() (step, error) {
	if err := l.reload(); err != nil {
		return step{}, err
	}
	if l.q.pending() == 0 {
		return step{act: stepDone}, nil
	}
	return step{act: stepAgain}, nil
}

// until is how long the loop may wait for an event: the least of wait,
// the time to the next chat's wake-up and the time the oldest unrecorded
// outcome may still wait (-1: no time limit).
func (l *loop) until(now time.Time, wait time.Duration, nextWake time.Time) time.Duration {
	if !nextWake.IsZero() && (wait < 0 || nextWake.Sub(now) < wait) {
		wait = nextWake.Sub(now)
	}
	if !l.recording && len(l.unrecorded) > 0 {
		if due := l.oldest.Add(recordAfter).Sub(now); wait < 0 || due < wait {
			wait = max(due, 0)
		}
	}
	return wait
}

// recordDue starts writing the outcomes gathered so far, once there are
// enough of them or the oldest has waited long enough: fewer, larger
// commits leave the single writer free for incoming updates.
func (l *loop) recordDue(now time.Time) {
	if l.recording || len(l.unrecorded) == 0 {
		return
	}
	if len(l.unrecorded) < recordAtLeast && l.sending > 0 && l.inflight < maxUnrecorded && now.Sub(l.oldest) < recordAfter {
		return
	}
	batch := l.unrecorded
	l.unrecorded, l.recording = nil, true
	go func() { l.recorded <- l.s.record(context.WithoutCancel(l.ctx), batch) }()
}

// woken is told new rows are in the outbox.
func (l *loop) woken() error { return l.reload() }

// returned takes the outcome of a call a worker finished at now, and those
// of any other calls already back.
func (l *loop) returned(r outcome, now time.Time) {
	if len(l.unrecorded) == 0 {
		l.oldest = now
	}
	for {
		l.unrecorded = append(l.unrecorded, r)
		l.sending--
		select {
		case r = <-l.results:
		default:
			return
		}
	}
}

// written takes a batch of outcomes the recorder wrote, or failed to.
// A batch that cannot be written ends the run with the error, and so the
// process: its calls were made, and making them again while the database
// cannot say so would repeat messages. What is not recorded as sent goes
// out once more at the next start.
func (l *loop) written(r written) error {
	l.recording = false
	l.inflight -= len(r.batch)
	if r.err != nil {
		l.s.log.Error("recording send results failed; sending stops", "err", r.err, "count", len(r.batch))
		return fmt.Errorf("sender: recording the results of %d calls: %w", len(r.batch), r.err)
	}
	l.settle(r)
	return nil
}

// pauseUntil holds every chat until t (Telegram's flood control).
func (l *loop) pauseUntil(t time.Time) {
	if t.After(l.pausing) {
		l.pausing = t
	}
}
