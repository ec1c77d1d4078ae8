package commands

import (
	"time"

	"golang.org/x/time/rate"
)

// allow applies the per-person limit on commands and button presses.
// Plain replies inside a conversation are not counted. warn is true the
// first time in a minute that someone is held back, so they are told once.
func (a *App) allow(r *req) (ok, warn bool) {
	if r.cmd == "" && r.cb == nil {
		return true, false
	}
	per := a.cfg.Limits.CommandsPerMinute
	if per <= 0 {
		return true, false
	}
	a.floodMu.Lock()
	defer a.floodMu.Unlock()
	l := a.flood[r.from.ID]
	if l == nil {
		l = rate.NewLimiter(rate.Limit(float64(per)/60), per)
		a.flood[r.from.ID] = l
	}
	if len(a.flood) > 10000 {
		for id, other := range a.flood {
			if other.TokensAt(r.now) >= float64(per) {
				delete(a.flood, id)
				delete(a.floodWarned, id)
			}
		}
	}
	if l.AllowN(r.now, 1) {
		return true, false
	}
	if last, ok := a.floodWarned[r.from.ID]; ok && r.now.Sub(last) < time.Minute {
		return false, false
	}
	a.floodWarned[r.from.ID] = r.now
	return false, true
}
