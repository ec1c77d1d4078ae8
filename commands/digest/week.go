package digest

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/when"
)

// week is what a digest says, read once for every group.
type week struct {
	from, to  time.Time
	now       time.Time // when it is read: dates in another year carry it
	tickets   []storage.Ticket
	proposals []storage.Proposal
	meetings  []storage.Meeting
	jobs      []storage.Job
	rounds    []Round // visit rounds starting in the week ahead
	rates     map[string]storage.Rates
	hours     storage.HoursTotals            // the volunteer jobs' hours
	byB       map[string]storage.HoursTotals // the same by the givers' building
	line      string                         // staff's added line
}

// build reads the week [from, to); what is coming is the week after it
// (or after now, when that is later).
func (a *Digest) build(tx *storage.Tx, from, to, now time.Time) (week, error) {
	w := week{from: from, to: to, now: now}
	var err error
	ahead := to.AddDate(0, 0, 7)
	if now.After(to) {
		ahead = now.AddDate(0, 0, 7)
	}
	if w.tickets, err = tx.DigestTickets(from, to); err != nil {
		return w, err
	}
	if w.proposals, err = tx.ProposalsBetween(from, to); err != nil {
		return w, err
	}
	ms, err := tx.UpcomingMeetings(now, 20)
	if err != nil {
		return w, err
	}
	for _, m := range ms {
		if m.StartsAt.Before(ahead) {
			w.meetings = append(w.meetings, m)
		}
	}
	js, err := tx.UpcomingJobs(now, 20)
	if err != nil {
		return w, err
	}
	for _, j := range js {
		if j.Start.Before(ahead) {
			w.jobs = append(w.jobs, j)
		}
	}
	if w.rounds, err = a.rounds.RoundsStarting(tx, now, ahead); err != nil {
		return w, err
	}
	if w.rates, err = a.Rates(tx, from, to, now); err != nil {
		return w, err
	}
	if w.hours, err = tx.VolunteerJobHours(from, to); err != nil {
		return w, err
	}
	if w.byB, err = tx.VolunteerJobHoursByBuilding(from, to); err != nil {
		return w, err
	}
	w.line, err = tx.DigestSetting("line")
	return w, err
}

// day writes t's day in lang as people read dates: 3月1日（周日） or
// Sun 1 Mar.
func (a *Digest) day(lang string, w week, t time.Time) string {
	return when.DescribeDate(t, lang, w.now, a.Loc)
}

func (w week) in(t time.Time) bool { return !t.Before(w.from) && t.Before(w.to) }

// summary is a ticket's one line: its first line, cut at 80 characters,
// never a name.
func summary(tk storage.Ticket) string {
	first, _, _ := strings.Cut(strings.TrimSpace(tk.Text), "\n")
	line := strings.Join(strings.Fields(first), " ")
	if line == "" {
		line = "🎤"
	}
	return core.Quote(line, 80)
}

// buildingText is building b's week, in lang.
func (a *Digest) buildingText(lang string, w week, b string) string {
	t := func(key string, args ...any) string { return a.Cat.T(lang, key, args...) }
	var out strings.Builder
	out.WriteString(t("digest.title_building", b, a.day(lang, w, w.from), a.day(lang, w, w.to)))
	var got, solved []storage.Ticket
	wishes := 0
	for _, tk := range w.tickets {
		if tk.Building != b {
			continue
		}
		done := (tk.State == storage.TicketResolved || tk.State == storage.TicketClosed) && w.in(tk.ResolvedAt)
		if tk.Kind == storage.TicketKindWish {
			if done {
				wishes++
			}
			continue
		}
		if w.in(tk.CreatedAt) {
			got = append(got, tk)
		}
		if done {
			solved = append(solved, tk)
		}
	}
	out.WriteString("\n" + t("digest.received", len(got), len(solved)))
	seen := map[int64]bool{}
	for _, tk := range slices.Concat(got, solved) {
		if seen[tk.ID] {
			continue
		}
		seen[tk.ID] = true
		state := t("digest.open")
		if (tk.State == storage.TicketResolved || tk.State == storage.TicketClosed) && w.in(tk.ResolvedAt) {
			state = t("digest.solved")
		}
		out.WriteString("\n· " + t("digest.ticket", tk.ID, core.Esc(a.CatLabel(lang, tk.Category)), summary(tk), state))
	}
	out.WriteString("\n" + t("digest.wishes", wishes))
	// A week without volunteer hours says nothing of them: "0.0 hours"
	// reads as a reproach to a building, not as news.
	if h := w.byB[b]; h.Minutes > 0 {
		out.WriteString("\n" + t("digest.hours_building", float64(h.Minutes)/60, a.Cat.N(lang, "count.people", h.People)))
	}
	a.proposalLines(&out, lang, w, func(p storage.Proposal) bool { return p.Building == b })
	a.comingLines(&out, lang, w, b)
	r := w.rates[b]
	out.WriteString("\n" + t("digest.rates", a.RateText(lang, r.Response), a.RateText(lang, r.Satisfaction)))
	if w.line != "" {
		out.WriteString("\n\n" + core.Esc(w.line))
	}
	return out.String()
}

// totalText is the whole community's week, in lang.
func (a *Digest) totalText(lang string, w week) string {
	t := func(key string, args ...any) string { return a.Cat.T(lang, key, args...) }
	var out strings.Builder
	out.WriteString(t("digest.title_all", a.day(lang, w, w.from), a.day(lang, w, w.to)))
	got, solved, wishes := 0, 0, 0
	byCat := map[string]int{}
	for _, tk := range w.tickets {
		done := (tk.State == storage.TicketResolved || tk.State == storage.TicketClosed) && w.in(tk.ResolvedAt)
		switch {
		case tk.Kind == storage.TicketKindWish:
			if done {
				wishes++
			}
		default:
			if w.in(tk.CreatedAt) {
				got++
				byCat[tk.Category]++
			}
			if done {
				solved++
			}
		}
	}
	out.WriteString("\n" + t("digest.received", got, solved))
	var cats []string
	for _, c := range a.AllCategories() {
		if byCat[c.Key] > 0 {
			cats = append(cats, fmt.Sprintf("%s %d", core.Esc(a.CatLabel(lang, c.Key)), byCat[c.Key]))
		}
	}
	if len(cats) > 0 {
		out.WriteString("\n" + t("digest.by_category", strings.Join(cats, " · ")))
	}
	out.WriteString("\n" + t("digest.wishes", wishes))
	if w.hours.Minutes > 0 {
		out.WriteString("\n" + t("digest.hours", float64(w.hours.Minutes)/60, a.Cat.N(lang, "count.people", w.hours.People)))
	}
	a.proposalLines(&out, lang, w, func(storage.Proposal) bool { return true })
	a.comingLines(&out, lang, w, "")
	all := storage.TotalRates(w.rates)
	out.WriteString("\n" + t("digest.rates", a.RateText(lang, all.Response), a.RateText(lang, all.Satisfaction)))
	if w.line != "" {
		out.WriteString("\n\n" + core.Esc(w.line))
	}
	return out.String()
}

// proposalLines are the week's proposals that keep, with where they stand.
func (a *Digest) proposalLines(out *strings.Builder, lang string, w week, keep func(storage.Proposal) bool) {
	first := true
	for _, p := range w.proposals {
		if !keep(p) {
			continue
		}
		if first {
			out.WriteString("\n" + a.Cat.T(lang, "digest.proposals"))
			first = false
		}
		out.WriteString("\n· " + a.Cat.T(lang, "digest.proposal", p.ID, core.Esc(core.LimitRunes(p.Title, 40)), a.Cat.N(lang, "digest.pp."+p.State, p.Supports)))
	}
}

// comingLines are the meetings, jobs and visit rounds of the week ahead
// (for building b, the meetings open to it; "" all). A round is its
// holiday and the day it starts, never a household.
func (a *Digest) comingLines(out *strings.Builder, lang string, w week, b string) {
	var lines []string
	for _, m := range w.meetings {
		if b != "" && len(m.Buildings) > 0 && !slices.Contains(m.Buildings, b) {
			continue
		}
		lines = append(lines, a.Cat.T(lang, "digest.meeting", a.WhenIn(lang, m.StartsAt), core.Esc(m.Title)))
	}
	for _, j := range w.jobs {
		lines = append(lines, a.Cat.T(lang, "digest.job", a.WhenIn(lang, j.Start), core.Esc(j.Title)))
	}
	for _, r := range w.rounds {
		lines = append(lines, a.Cat.T(lang, "digest.round", when.DescribeDate(r.Start, lang, w.now, a.Loc), core.Esc(a.HolidayName(lang, r.Holiday))))
	}
	if len(lines) == 0 {
		return
	}
	out.WriteString("\n" + a.Cat.T(lang, "digest.coming"))
	for _, l := range lines {
		out.WriteString("\n· " + l)
	}
}

// quiet reports a week with nothing to tell building b's group (b ""
// the community's): no problem or wish, no topic, nothing coming (no
// visit round either), no volunteer hour (of the building's residents),
// no line from staff. Such a week posts nothing there.
func (w week) quiet(b string) bool {
	if w.line != "" || len(w.rounds) > 0 || (b == "" && w.hours.Minutes > 0) || (b != "" && w.byB[b].Minutes > 0) {
		return false
	}
	for _, tk := range w.tickets {
		if b == "" || tk.Building == b {
			return false
		}
	}
	for _, p := range w.proposals {
		if b == "" || p.Building == b {
			return false
		}
	}
	for _, m := range w.meetings {
		if b == "" || len(m.Buildings) == 0 || slices.Contains(m.Buildings, b) {
			return false
		}
	}
	return len(w.jobs) == 0
}
