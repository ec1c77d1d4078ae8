package core

import (
	"time"

	"golang.org/x/time/rate"
)

// What a person sends is counted in one of three allowances a minute.
const (
	floodCommands = iota // commands and button presses: limits.commands_per_minute
	floodMessages        // anything else in private (text, photos, stickers…): limits.messages_per_minute
	floodFlow            // a message inside a conversation: three times messages_per_minute
)

// flowAllowance is how many more messages a conversation may take than
// plain chatter: a report with its photos, a registration.
const flowAllowance = 3

type floodKey struct {
	id   int64
	kind int
}

// allow applies the per-person limits to everything a person sends. warn
// is true the first time in a minute that someone is held back, so they
// are told once; after that warning, messages other than commands are not
// answered for the rest of the minute. undo gives back what was taken,
// for an update whose transaction is rolled back (serve registers it with
// the transaction); the warning's mark is rolled back with it. The text
// that files a report is never held back: the hourly report limit bounds
// it.
func (a *Core) allow(r *Req) (ok, warn bool, undo func(), err error) {
	undo = func() {}
	kind, per := floodCommands, a.Cfg.Limits.CommandsPerMinute
	if r.cmd == "" && r.CB == nil {
		if r.Msg == nil || !r.Private() {
			return true, false, undo, nil // the bot answers nothing else in groups
		}
		kind, per = floodMessages, a.Cfg.Limits.MessagesPerMinute
		f, err := r.Tx.Flow(r.Me.ID)
		switch {
		case err == nil && a.hooks.FloodFree != nil && a.hooks.FloodFree(r, f):
			return true, false, undo, nil
		case err == nil:
			kind, per = floodFlow, flowAllowance*per
		case !IsNotFound(err):
			return false, false, undo, err
		}
	}
	if per <= 0 {
		return true, false, undo, nil
	}
	a.floodMu.Lock()
	defer a.floodMu.Unlock()
	key := floodKey{r.From.ID, kind}
	if last, ok := a.floodWarned[key]; ok && kind != floodCommands && r.Now.Sub(last) < time.Minute {
		return false, false, undo, nil // warned: silence for the rest of the minute
	}
	l := a.flood[key]
	if l == nil {
		l = rate.NewLimiter(rate.Limit(float64(per)/60), per)
		a.flood[key] = l
	}
	if len(a.flood) > 10000 {
		for k, other := range a.flood {
			if other.TokensAt(r.Now) >= float64(other.Burst()) {
				delete(a.flood, k)
				delete(a.floodWarned, k)
			}
		}
	}
	if res := l.ReserveN(r.Now, 1); res.OK() {
		if res.DelayFrom(r.Now) == 0 {
			now := r.Now
			return true, false, func() { res.CancelAt(now) }, nil
		}
		res.CancelAt(r.Now)
	}
	if last, ok := a.floodWarned[key]; ok && r.Now.Sub(last) < time.Minute {
		return false, false, undo, nil
	}
	prev, had := a.floodWarned[key]
	a.floodWarned[key] = r.Now
	r.Tx.OnRollback(func() { // the warning was not sent after all
		a.floodMu.Lock()
		defer a.floodMu.Unlock()
		if had {
			a.floodWarned[key] = prev
		} else {
			delete(a.floodWarned, key)
		}
	})
	return false, true, undo, nil
}
