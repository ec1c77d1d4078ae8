package care

import (
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/holiday"
	"courtyard/storage"
	"courtyard/when"
)

// visitsCmd: /visits [holiday] [year], a round's plan and what is done
// (staff). Without arguments, the next configured holiday's round.
func (a *Care) visitsCmd(r *core.Req) error {
	if !a.mayEditCare(r) {
		return r.Reply(r.T("error.forbidden", "/visits"), nil)
	}
	key, year, ok, err := a.visitsArgs(r)
	if !ok || err != nil {
		return err
	}
	start, _, day, err := a.roundTimes(key, year)
	if err != nil {
		return err
	}
	visits, err := r.Tx.Visits(key, year)
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString(r.T("visits.plan_title", a.HolidayName(r.Lang, key), year, a.day(r.Lang, day, r.Now), a.dayClock(r.Lang, start, r.Now)) + "\n")
	if len(visits) == 0 {
		return a.plannedOnly(r, &b, key, start)
	}
	done := 0
	for _, v := range visits {
		if v.Visited() {
			done++
		}
	}
	b.WriteString(r.T("visits.plan_count", done, len(visits)) + "\n")
	for _, v := range visits {
		h, err := r.Tx.Household(v.HouseholdID)
		if err != nil {
			return err
		}
		line, err := a.planLine(r, h, v)
		if err != nil {
			return err
		}
		b.WriteString(line)
	}
	return r.Reply(strings.TrimSpace(b.String()), nil)
}

// planLine is one household of a round: visited or not, by whom, the note
// and its ticket. Showing it is recorded in the household's record.
func (a *Care) planLine(r *core.Req, h storage.Household, v storage.Visit) (string, error) {
	if acc, err := a.mayReadHousehold(r, h); err != nil || acc != careFull {
		return "", err
	}
	if err := a.logCare(r, h.ID, "plan", ""); err != nil {
		return "", err
	}
	if !v.Visited() {
		who, err := a.visitorNames(r, h.ID)
		if err != nil {
			return "", err
		}
		return "\n○ " + a.householdLine(r, h) + " — " + who, nil
	}
	names, err := r.Tx.MemberNames([]int64{v.VisitedBy})
	if err != nil {
		return "", err
	}
	a.FillRemoved(names, r.Lang)
	line := "\n✓ " + a.householdLine(r, h) + " — " + r.T("visits.visited_by", core.Esc(names[v.VisitedBy]), a.day(r.Lang, v.VisitedAt, r.Now))
	if v.Note != "" {
		line += "\n   “" + core.Quote(v.Note, 200) + "”"
	}
	if v.TicketID != 0 {
		line += " #" + core.Itoa(v.TicketID)
	}
	return line, nil
}

// plannedOnly answers /visits for a round not started: who would be
// visited, by whom.
func (a *Care) plannedOnly(r *core.Req, b *strings.Builder, key string, start time.Time) error {
	hs, err := r.Tx.Households(false)
	if err != nil {
		return err
	}
	configured := false
	for _, k := range a.Cfg.Visits.Holidays {
		configured = configured || k == key
	}
	switch {
	case !configured:
		b.WriteString(r.T("visits.not_configured") + "\n")
	case start.After(r.Now) && len(hs) == 0:
		b.WriteString(r.T("visits.not_started_none") + "\n")
	case start.After(r.Now):
		b.WriteString(r.T("visits.not_started", r.N("count.households", len(hs))) + "\n")
	default:
		b.WriteString(r.T("visits.no_round") + "\n")
	}
	for _, h := range hs {
		line, err := a.planLine(r, h, storage.Visit{})
		if err != nil {
			return err
		}
		b.WriteString(line)
	}
	return r.Reply(strings.TrimSpace(b.String()), nil)
}

// visitsArgs reads [holiday] [year], the year as when reads it (2027,
// 明年, next year) before or after the holiday; ok is false when it
// answered.
func (a *Care) visitsArgs(r *core.Req) (string, int, bool, error) {
	words, year, typed := a.yearArg(r, strings.Fields(core.CleanLine(r.Args)))
	if year != 0 && (year < holiday.MinYear || year > holiday.MaxYear) {
		return "", 0, false, r.Reply(r.T("holiday.bad_year", core.Esc(typed), holiday.MinYear, holiday.MaxYear, when.ExampleYear(r.Lang)), nil)
	}
	key := ""
	if len(words) > 0 {
		k, ok := a.holidayByName(strings.Join(words, " "))
		if !ok {
			return "", 0, false, r.Reply(r.T("visits.bad_holiday", core.Esc(core.LimitRunes(strings.Join(words, " "), 32)), a.holidayList(r)), nil)
		}
		key = k
	}
	since := r.Now.AddDate(0, 0, -1)
	if key == "" {
		var best time.Time
		for _, k := range a.Cfg.Visits.Holidays {
			d, err := holiday.Next(k, since, a.Loc)
			if err == nil && (best.IsZero() || d.Before(best)) {
				key, best = k, d
			}
		}
		if key == "" {
			return "", 0, false, r.Reply(r.T("visits.none_configured"), nil)
		}
	}
	if year == 0 {
		d, err := holiday.Next(key, since, a.Loc)
		if err != nil {
			return "", 0, false, r.Reply(r.T("holiday.bad_year", r.Now.Year()+1, holiday.MinYear, holiday.MaxYear, when.ExampleYear(r.Lang)), nil)
		}
		year = d.Year()
	}
	return key, year, true, nil
}

// yearArg takes a year off the end of words, or else off their start (two
// words first: "next year"): the words left, the year (0 when none) and
// the year as typed.
func (a *Care) yearArg(r *core.Req, words []string) ([]string, int, string) {
	for _, n := range []int{2, 1} {
		for _, atEnd := range []bool{true, false} {
			if len(words) < n || (!atEnd && len(words) == n) {
				continue
			}
			part, rest := words[:n], words[n:]
			if atEnd {
				part, rest = words[len(words)-n:], words[:len(words)-n]
			}
			s := strings.Join(part, " ")
			if y, err := when.ParseYear(s, r.Now, a.Loc); err == nil {
				return rest, y, s
			}
		}
	}
	return words, 0, ""
}

// holidayList names every holiday as /visits takes it.
func (a *Care) holidayList(r *core.Req) string {
	var names []string
	for _, k := range holiday.Keys() {
		names = append(names, r.T("list.item_note", k, a.HolidayName(r.Lang, k)))
	}
	return a.ListJoin(r.Lang, names)
}
