package commands

import (
	"golang.org/x/time/rate"
)

// allow applies the per-person limit on commands and button presses.
// Plain replies inside a conversation are not counted.
func (a *App) allow(r *req) bool {
	if r.cmd == "" && r.cb == nil {
		return true
	}
	per := a.cfg.Limits.CommandsPerMinute
	if per <= 0 {
		return true
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
			}
		}
	}
	return l.AllowN(r.now, 1)
}
