package care

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/holiday"
	"courtyard/schedule"
	"courtyard/storage"
)

// Kinds of timed work of the visit rounds; an item's key is
// "<holiday>:<year>".
const (
	kindVisitRound  = "visits.round"  // visitors get their lists, staff a summary
	kindVisitRemind = "visits.remind" // staff get the households not yet visited
	remindDaysLeft  = 3               // days before the holiday staff hear of the unvisited
	roundHour       = 9               // the hour of the day rounds and reminders go out
)

type roundData struct {
	Holiday string `json:"holiday"`
	Year    int    `json:"year"`
}

func (d roundData) key() string { return d.Holiday + ":" + fmt.Sprint(d.Year) }

// Kinds are the visit rounds' kinds of timed work.
func (a *Care) Kinds() map[string]schedule.Kind {
	return map[string]schedule.Kind{
		kindVisitRound:  {Do: a.startRound, Missed: a.roundMissed},
		kindVisitRemind: {Do: a.remindRound}, // a missed reminder is logged; staff hear of the missed round
	}
}

// roundTimes are when holiday key's round of year starts and when staff
// hear of the unvisited (zero when the round starts that late anyway), at
// roundHour in the community's zone, and the holiday's day.
func (a *Care) roundTimes(key string, year int) (start, remind, day time.Time, err error) {
	day, err = a.holidayDay(key, year)
	if err != nil {
		return
	}
	at := func(daysBefore int) time.Time {
		return time.Date(day.Year(), day.Month(), day.Day()-daysBefore, roundHour, 0, 0, 0, a.Loc)
	}
	start = at(a.Cfg.Visits.DaysBefore)
	if a.Cfg.Visits.DaysBefore > remindDaysLeft {
		remind = at(remindDaysLeft)
	}
	return
}

// PlanVisitRounds lays out the next round of each configured holiday (an
// item per holiday and year; laying it again changes nothing) and drops
// pending rounds of holidays no longer configured. A round whose holiday
// has begun is not laid: the next year's is. Its shape is that of
// schedule.Job.Run.
func (a *Care) PlanVisitRounds(ctx context.Context, tx *storage.Tx, now time.Time) error {
	on := map[string]bool{}
	for _, k := range a.Cfg.Visits.Holidays {
		on[k] = true
		day, err := holiday.Next(k, now, a.Loc)
		if err != nil {
			a.Log.Warn("visits: no next date for a holiday", "holiday", k, "err", err)
			continue
		}
		d := roundData{Holiday: k, Year: day.Year()}
		start, remind, _, err := a.roundTimes(k, d.Year)
		if err != nil {
			return err
		}
		data, _ := json.Marshal(d)
		if _, err := tx.ScheduleDue(storage.DueItem{Kind: kindVisitRound, Key: d.key(), DueAt: start, Until: day, Data: string(data)}, now); err != nil {
			return err
		}
		if !remind.IsZero() {
			if _, err := tx.ScheduleDue(storage.DueItem{Kind: kindVisitRemind, Key: d.key(), DueAt: remind, Until: day, Data: string(data)}, now); err != nil {
				return err
			}
		}
	}
	for _, k := range holiday.Keys() {
		if on[k] {
			continue
		}
		for _, kind := range []string{kindVisitRound, kindVisitRemind} {
			if err := tx.CancelDuePrefix(kind, k+":"); err != nil {
				return err
			}
		}
	}
	return nil
}

// startRound plans the visits of a holiday, sends each visitor their
// households and staff a summary. A round already planned (laid out again
// with another lead time) sends nothing.
func (a *Care) startRound(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	var d roundData
	if err := json.Unmarshal([]byte(it.Data), &d); err != nil {
		return err
	}
	if prior, err := tx.Visits(d.Holiday, d.Year); err != nil || len(prior) > 0 {
		return err
	}
	n, err := tx.PlanVisits(d.Holiday, d.Year, now)
	if err != nil || n == 0 {
		return err
	}
	r := a.SystemReq(ctx, tx, now)
	visits, err := tx.Visits(d.Holiday, d.Year)
	if err != nil {
		return err
	}
	told := map[int64]bool{} // visitor -> their list was sent
	var alone []storage.Household
	for _, v := range visits {
		if err := tx.LogCare(v.HouseholdID, 0, "round", "", now); err != nil {
			return err
		}
		h, err := tx.Household(v.HouseholdID)
		if err != nil {
			return err
		}
		visitors, err := tx.HouseholdVisitors(h.ID)
		if err != nil {
			return err
		}
		reached := false
		for _, m := range visitors {
			sent, done := told[m.ID]
			if !done {
				if sent, err = a.sendVisitList(a.PersonReq(ctx, tx, now, m), d); err != nil {
					return err
				}
				told[m.ID] = sent
			}
			reached = reached || sent
		}
		if !reached {
			alone = append(alone, h) // no visitor, or none the bot can write to
		}
	}
	sent := 0
	for _, ok := range told {
		if ok {
			sent++
		}
	}
	return a.tellStaffRound(r, d, "visits.round_started", len(visits), sent, alone)
}

// sendVisitList sends visitor pr.me their households of round d, and
// reports whether it did (not to someone who blocked the bot).
func (a *Care) sendVisitList(pr *core.Req, d roundData) (bool, error) {
	if !core.CanDM(pr.Me) {
		return false, nil
	}
	text, kb, n, err := a.visitList(pr, d)
	if err != nil || n == 0 {
		return false, err
	}
	return true, a.Send(pr.Tx, pr.Me.ID, text, kb, storage.PriorityBulk, pr.Now)
}

// joinRunningRound adds household h to the round of a configured holiday
// that has started and not yet ended, when it was added or given visitor m
// after the round began, and sends m their list again.
func (a *Care) joinRunningRound(r *core.Req, h storage.Household, m storage.Member) error {
	for _, k := range a.Cfg.Visits.Holidays {
		day, err := holiday.Next(k, r.Now, a.Loc)
		if err != nil {
			continue
		}
		d := roundData{Holiday: k, Year: day.Year()}
		prior, err := r.Tx.Visits(k, d.Year)
		if err != nil || len(prior) == 0 || h.Archived {
			if err != nil {
				return err
			}
			continue // that round has not started
		}
		if _, err := r.Tx.PlanVisits(k, d.Year, r.Now); err != nil {
			return err
		}
		if _, err := a.sendVisitList(a.PersonReq(r.Ctx, r.Tx, r.Now, m), d); err != nil {
			return err
		}
	}
	return nil
}

// tellStaffRound sends staff a line about round d and the households
// listed with it, each in their language.
func (a *Care) tellStaffRound(r *core.Req, d roundData, key string, planned, visitors int, hs []storage.Household) error {
	staff, err := a.Staff(r.Tx)
	if err != nil {
		return err
	}
	day, err := a.holidayDay(d.Holiday, d.Year)
	if err != nil {
		return err
	}
	for _, m := range staff {
		if !core.CanDM(m) {
			continue
		}
		pr := a.PersonReq(r.Ctx, r.Tx, r.Now, m)
		var b strings.Builder
		b.WriteString(pr.T(key, a.HolidayName(pr.Lang, d.Holiday), a.day(pr.Lang, day, pr.Now), pr.N("count.households", planned), pr.N("count.visitors", visitors)))
		if len(hs) > 0 {
			b.WriteString("\n\n" + pr.T("visits.without_visitor", pr.N("count.households", len(hs))))
			for _, h := range hs {
				if acc, err := a.mayReadHousehold(pr, h); err != nil || acc != careFull {
					if err != nil {
						return err
					}
					continue
				}
				b.WriteString("\n· " + a.householdLine(pr, h))
			}
		}
		b.WriteString("\n\n" + pr.T("visits.see_plan", d.Holiday, d.Year))
		if err := a.Send(r.Tx, m.ID, b.String(), nil, storage.PriorityBulk, r.Now); err != nil {
			return err
		}
	}
	return nil
}

// remindRound lists to staff the households of round d not yet visited,
// with their visitors.
func (a *Care) remindRound(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	var d roundData
	if err := json.Unmarshal([]byte(it.Data), &d); err != nil {
		return err
	}
	visits, err := tx.Visits(d.Holiday, d.Year)
	if err != nil || len(visits) == 0 {
		return err
	}
	staff, err := a.Staff(tx)
	if err != nil {
		return err
	}
	day, err := a.holidayDay(d.Holiday, d.Year)
	if err != nil {
		return err
	}
	for _, m := range staff {
		if !core.CanDM(m) {
			continue
		}
		pr := a.PersonReq(ctx, tx, now, m)
		text, err := a.unvisitedText(pr, d, day, visits)
		if err != nil {
			return err
		}
		if err := a.Send(tx, m.ID, text, nil, storage.PriorityBulk, now); err != nil {
			return err
		}
	}
	return nil
}

// unvisitedText is the reminder for staff member pr.me: each household not
// yet visited and who is to visit it.
func (a *Care) unvisitedText(pr *core.Req, d roundData, day time.Time, visits []storage.Visit) (string, error) {
	var b strings.Builder
	left := 0
	total := 0
	for _, v := range visits {
		h, err := pr.Tx.Household(v.HouseholdID)
		if err != nil {
			return "", err
		}
		if h.Archived {
			continue // taken off the list since the round began
		}
		total++
		if v.Visited() {
			continue
		}
		left++
		if acc, err := a.mayReadHousehold(pr, h); err != nil || acc != careFull {
			if err != nil {
				return "", err
			}
			continue
		}
		who, err := a.visitorNames(pr, h.ID)
		if err != nil {
			return "", err
		}
		b.WriteString("\n· " + a.householdLine(pr, h) + " — " + who)
	}
	name := a.HolidayName(pr.Lang, d.Holiday)
	if left == 0 {
		return pr.T("visits.all_done", name, a.day(pr.Lang, day, pr.Now), pr.N("count.households", total)), nil
	}
	return pr.T("visits.unvisited", name, a.day(pr.Lang, day, pr.Now), left, total) + b.String() +
		"\n\n" + pr.T("visits.see_plan", d.Holiday, d.Year), nil
}

// visitorNames lists household id's visitors, or says there is none.
func (a *Care) visitorNames(r *core.Req, id int64) (string, error) {
	ms, err := r.Tx.HouseholdVisitors(id)
	if err != nil {
		return "", err
	}
	if len(ms) == 0 {
		return r.T("visits.nobody"), nil
	}
	var names []string
	for _, m := range ms {
		names = append(names, core.Esc(m.Name))
	}
	return a.ListJoin(r.Lang, names), nil
}

// roundMissed tells staff once that a round or its reminder fell due while
// the bot was down until the holiday began, and was not sent.
func (a *Care) roundMissed(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	var d roundData
	if err := json.Unmarshal([]byte(it.Data), &d); err != nil {
		return err
	}
	staff, err := a.Staff(tx)
	if err != nil {
		return err
	}
	for _, m := range staff {
		if !core.CanDM(m) {
			continue
		}
		lang := a.LangOf(m)
		text := a.Cat.T(lang, "visits.missed", a.HolidayName(lang, d.Holiday), d.Year, a.dayClock(lang, it.DueAt, now))
		if err := a.Send(tx, m.ID, text, nil, storage.PriorityBulk, now); err != nil {
			return err
		}
	}
	return nil
}
