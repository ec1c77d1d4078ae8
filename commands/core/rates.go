package core

import (
	"fmt"
	"time"

	"courtyard/storage"
)

// Rates are the four rates of "answer every call" of [from, to) by
// building (storage.RatesBetween, docs/rates.md), with the configured
// response time, working hours and categories' deadlines. A period not
// over yet is counted up to now for its deadlines: one still to come has
// not fallen.
func (a *Core) Rates(tx *storage.Tx, from, to, now time.Time) (map[string]storage.Rates, error) {
	dl := map[string]time.Duration{}
	for _, c := range a.AllCategories() {
		dl[c.Key] = time.Duration(c.Deadline * float64(time.Hour))
	}
	respond := storage.Respond{Within: a.Cfg.Tickets.RespondWithin}
	week, err := a.Cfg.Tickets.WorkWeek(a.Loc)
	if err != nil {
		return nil, fmt.Errorf("rates: %w", err)
	}
	if !week.AroundTheClock() {
		respond.Working = week.Between
	}
	return tx.RatesBetween(from, to, now, respond, dl)
}

// RateText is one rate in lang: "67% (2/3)", or "—" over nothing.
func (a *Core) RateText(lang string, r storage.Rate) string {
	p, ok := r.Percent()
	if !ok {
		return a.Cat.T(lang, "rates.none")
	}
	return fmt.Sprintf("%d%% (%d/%d)", p, r.Good, r.Of)
}

// RatesLine is the four rates in lang, on one line.
func (a *Core) RatesLine(lang string, r storage.Rates) string {
	return a.Cat.T(lang, "rates.line", a.RateText(lang, r.Response), a.RateText(lang, r.Completion),
		a.RateText(lang, r.Resolution), a.RateText(lang, r.Satisfaction))
}

// RateBuildings are the configured buildings with any rate, in their
// order, then any other building found.
func (a *Core) RateBuildings(by map[string]storage.Rates) []string {
	var out []string
	seen := map[string]bool{}
	for _, b := range a.Cfg.Community.Buildings {
		seen[b] = true
		if _, ok := by[b]; ok {
			out = append(out, b)
		}
	}
	for b := range by {
		if !seen[b] {
			out = append(out, b)
		}
	}
	return out
}
