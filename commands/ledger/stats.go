package ledger

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
)

// statsBuildings is how many buildings /stats lists.
const statsBuildings = 10

// stats: /stats [YYYY-MM], a month's figures: tickets by category and
// state, by building, the median times to claim and to resolve, and wishes
// fulfilled.
func (a *Ledger) stats(r *core.Req) error {
	month := a.MonthOf(r.Now)
	if arg := core.CleanLine(r.Args); arg != "" {
		m, ok := a.ParseMonth(arg)
		if !ok {
			return r.Reply(r.T("stats.bad_month", core.Esc(core.LimitRunes(arg, 32))), nil)
		}
		month = m
	}
	st, err := r.Tx.TicketStats(month, month.AddDate(0, 1, 0))
	if err != nil {
		return err
	}
	vol, err := a.hours.VolunteerStats(r, month, month.AddDate(0, 1, 0))
	if err != nil {
		return err
	}
	visits, err := a.visits.VisitStats(r, month, month.AddDate(0, 1, 0))
	if err != nil {
		return err
	}
	vol += visits
	rates, err := a.ratesText(r, month, month.AddDate(0, 1, 0))
	if err != nil {
		return err
	}
	vol += rates
	var b strings.Builder
	b.WriteString(r.T("stats.title", month.Format("2006-01")) + "\n")
	b.WriteString(r.T("stats.total", st.Total) + "\n")
	if st.Total == 0 {
		return r.Reply(b.String()+r.T("stats.none")+vol, nil)
	}
	b.WriteString("\n" + r.T("stats.by_category") + "\n")
	for _, cat := range a.statsCategories(st) {
		var parts []string
		n := 0
		for _, s := range storage.TicketStates {
			if c := st.ByCategory[cat][s]; c > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", shortLabel(a.StateLabel(r.Lang, s)), c))
				n += c
			}
		}
		b.WriteString(r.T("stats.category_line", core.Esc(a.CatLabel(r.Lang, cat)), n, strings.Join(parts, " · ")) + "\n")
	}
	b.WriteString("\n" + r.T("stats.by_building", statsBuildings) + "\n")
	for _, bl := range a.topBuildings(st.ByBuilding, statsBuildings) {
		b.WriteString(r.T("stats.building_line", core.Esc(bl), st.ByBuilding[bl]) + "\n")
	}
	b.WriteString("\n" + r.T("stats.median_claim", a.humanDuration(r, st.MedianClaim, st.Claimed), st.Claimed) + "\n")
	b.WriteString(r.T("stats.median_resolve", a.humanDuration(r, st.MedianResolve, st.Resolved), st.Resolved) + "\n")
	b.WriteString(r.T("stats.wishes", st.WishesFulfilled, st.WishesTotal))
	b.WriteString(vol)
	return r.Reply(b.String(), nil)
}

// statsCategories are the categories with tickets: configured ones in
// their order, then any no longer configured, by key.
func (a *Ledger) statsCategories(st storage.TicketStats) []string {
	var out, rest []string
	known := map[string]bool{}
	for _, c := range a.AllCategories() {
		known[c.Key] = true
		if len(st.ByCategory[c.Key]) > 0 {
			out = append(out, c.Key)
		}
	}
	for k := range st.ByCategory {
		if !known[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

// topBuildings are the n buildings with the most tickets, most first; ties
// in the configured order, unknown buildings last by name.
func (a *Ledger) topBuildings(counts map[string]int, n int) []string {
	order := map[string]int{}
	for i, b := range a.Cfg.Community.Buildings {
		order[b] = i
	}
	rank := func(b string) int {
		if i, ok := order[b]; ok {
			return i
		}
		return len(order)
	}
	var bs []string
	for b := range counts {
		bs = append(bs, b)
	}
	sort.Slice(bs, func(i, j int) bool {
		x, y := bs[i], bs[j]
		switch {
		case counts[x] != counts[y]:
			return counts[x] > counts[y]
		case rank(x) != rank(y):
			return rank(x) < rank(y)
		}
		return x < y
	})
	if len(bs) > n {
		bs = bs[:n]
	}
	return bs
}

// humanDuration says d as "3 h 20 min" / "3小时20分" (days and hours from a
// day on), or "—" when no ticket went that far.
func (a *Ledger) humanDuration(r *core.Req, d time.Duration, samples int) string {
	if samples == 0 {
		return "—"
	}
	m := int(d.Round(time.Minute) / time.Minute)
	switch h := m / 60; {
	case h == 0:
		return r.T("stats.dur_m", m)
	case h < 24:
		return r.T("stats.dur_hm", h, m%60)
	default:
		return r.T("stats.dur_dh", h/24, h%24)
	}
}

// ratesText is the month's four rates, in all and per building, as lines
// to add ("" when there is nothing to rate).
func (a *Ledger) ratesText(r *core.Req, from, to time.Time) (string, error) {
	by, err := a.Rates(r.Tx, from, to, r.Now)
	if err != nil || len(by) == 0 {
		return "", err
	}
	var b strings.Builder
	b.WriteString("\n\n" + r.T("rates.title") + "\n" + r.T("rates.total", a.RatesLine(r.Lang, storage.TotalRates(by))))
	for _, bl := range a.RateBuildings(by) {
		b.WriteString("\n" + r.T("rates.building", core.Esc(bl), a.RatesLine(r.Lang, by[bl])))
	}
	return b.String(), nil
}
