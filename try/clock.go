package try

import (
	"sync"
	"time"
)

// clock is the bot's clock in the playground: the wall clock shifted by an
// offset that only grows, so that time goes on by itself and can be moved
// forward by hand. It keeps the history of its moves so that a moment of
// the wall clock (when a message was sent) can be told in the bot's time.
type clock struct {
	mu    sync.Mutex
	wall  func() time.Time
	moves []move // oldest first; moves[0] is the start
}

// move is the offset in force from a moment of the wall clock on.
type move struct {
	from   time.Time
	offset time.Duration
}

// newClock starts a clock reading start now (the wall clock's time when
// start is zero).
func newClock(wall func() time.Time, start time.Time) *clock {
	now := wall()
	var off time.Duration
	if !start.IsZero() {
		off = start.Sub(now)
	}
	return &clock{wall: wall, moves: []move{{from: time.Time{}, offset: off}}}
}

// Now is the bot's time.
func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.wall().Add(c.moves[len(c.moves)-1].offset)
}

// Advance moves the clock forward by d (nothing for d <= 0).
func (c *clock) Advance(d time.Duration) {
	if d <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	off := c.moves[len(c.moves)-1].offset + d
	c.moves = append(c.moves, move{from: c.wall(), offset: off})
}

// At tells a moment of the wall clock in the bot's time.
func (c *clock) At(wall time.Time) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	off := c.moves[0].offset
	for _, m := range c.moves[1:] {
		if wall.Before(m.from) {
			break
		}
		off = m.offset
	}
	return wall.Add(off)
}

// step is how far a clock button moves the clock from now, in loc:
// "hour", "morning" (to tomorrow 08:00), "day" or "week".
func step(kind string, now time.Time, loc *time.Location) (time.Duration, bool) {
	switch kind {
	case "hour":
		return time.Hour, true
	case "day":
		return 24 * time.Hour, true
	case "week":
		return 7 * 24 * time.Hour, true
	case "morning":
		t := now.In(loc)
		next := time.Date(t.Year(), t.Month(), t.Day()+1, 8, 0, 0, 0, loc)
		return next.Sub(now), true
	}
	return 0, false
}
