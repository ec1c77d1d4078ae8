package try

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"courtyard/bot/telegramsim"
	"courtyard/storage"
)

// scanEvery is the longest a move of the clock goes without running the
// schedule: the periodic scans (laying out patrols and visit rounds,
// escalation, auto-close) run at least this often on the way, and a due
// item at its own moment.
const scanEvery = time.Hour

// How long a move waits at a stop for what it sent to be delivered, and in
// all.
const (
	stepDelivery = 2 * time.Second
	moveDelivery = 90 * time.Second
)

// progress is how far a move of the clock has got.
type progress struct {
	To       time.Time `json:"to"`       // where it goes
	Steps    int       `json:"steps"`    // runs of the schedule so far
	Messages int       `json:"messages"` // messages the bot sent on the way
}

// mover keeps the progress of the move in hand, if any.
type mover struct {
	mu  sync.Mutex
	cur *progress
}

// set records p as the progress of the move in hand.
func (m *mover) set(p progress) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.cur = &p
}

// done records that no move is in hand.
func (m *mover) done() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.cur = nil
}

// now is a copy of the progress of the move in hand, nil between moves.
func (m *mover) now() *progress {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.cur == nil {
		return nil
	}
	c := *m.cur
	return &c
}

// advance moves the clock forward by a clock button's step. It does not
// walk through the idle minutes: it jumps from one moment where something
// is to happen to the next (a due item's time, or the next run of the
// periodic scans, at most scanEvery apart), runs the schedule there and
// lets what it sent be delivered before going on, so that messages arrive
// at the time they were due and every due item on the way is done once, in
// order. changed is called after each stop; the result is the move's end.
func (s *session) advance(ctx context.Context, kind string, changed func()) (progress, error) {
	s.moving.Lock()
	defer s.moving.Unlock()
	d, ok := step(kind, s.clock.Now(), s.cfg.Location())
	if !ok {
		return progress{}, fmt.Errorf("unknown clock step %q", kind)
	}
	p := progress{To: s.clock.Now().Add(d)}
	s.move.set(p)
	defer s.move.done()
	changed()
	mark := s.tg.Mark()
	budget := time.Now().Add(moveDelivery)
	for {
		now := s.clock.Now()
		if !now.Before(p.To) {
			break
		}
		next, err := s.nextStop(ctx, now, p.To)
		if err != nil {
			return p, err
		}
		s.clock.Advance(next.Sub(now))
		if !s.tick(ctx) {
			return p, errors.New("the bot is not running")
		}
		until := time.Now().Add(stepDelivery)
		if until.After(budget) {
			until = budget
		}
		s.delivered(ctx, until)
		p.Steps, p.Messages = p.Steps+1, sent(s.tg.CallsSince(mark, ""))
		s.move.set(p)
		changed()
	}
	return p, nil
}

// nextStop is the next moment after now, and not after to, where the
// schedule has something to do: the first pending due item's time, or the
// periodic scans' next run on the hour, whichever comes first.
func (s *session) nextStop(ctx context.Context, now, to time.Time) (time.Time, error) {
	next := now.Truncate(scanEvery).Add(scanEvery)
	if to.Before(next) {
		next = to
	}
	err := s.store.View(ctx, func(tx *storage.Tx) error {
		items, err := tx.DueItems(next, 1)
		if err != nil || len(items) == 0 {
			return err
		}
		at := items[0].DueAt
		if !at.After(now) {
			at = now.Add(time.Minute) // a failed item tried again: a minute on, as the scans would
		}
		if at.Before(next) {
			next = at
		}
		return nil
	})
	if err != nil {
		return next, fmt.Errorf("try: the next due item: %w", err)
	}
	return next, nil
}

// sent counts the messages among calls the embedded Telegram accepted.
func sent(calls []telegramsim.Call) int {
	n := 0
	for _, c := range calls {
		if c.Status == 200 && strings.HasPrefix(c.Method, "send") && c.Method != "sendChatAction" {
			n++
		}
	}
	return n
}

// recordPoll is how often delivered looks at the outbox again: a message
// reaches the embedded Telegram a moment before the sender records it as
// sent, so the change of the one does not tell the end of the other.
const recordPoll = 10 * time.Millisecond

// delivered waits until the outbox is empty, or until the deadline.
func (s *session) delivered(ctx context.Context, deadline time.Time) {
	wait := time.NewTimer(time.Until(deadline))
	defer wait.Stop()
	poll := time.NewTicker(recordPoll)
	defer poll.Stop()
	for {
		var pending int
		err := s.store.View(ctx, func(tx *storage.Tx) error {
			h, err := tx.OutboxHealth(s.clock.Now())
			pending = h.Pending
			return err
		})
		if err != nil || pending == 0 {
			return
		}
		select {
		case <-poll.C:
		case <-wait.C:
			return
		case <-ctx.Done():
			return
		case <-s.quit:
			return
		}
	}
}
