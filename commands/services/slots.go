package services

import (
	"time"

	"courtyard/commands/core"
	"courtyard/config"
	"courtyard/storage"
)

// slot is a time residents may book at one place of the office hours.
type slot struct {
	At    time.Time
	Place int // the session's index in the config
	Free  int
}

// bookLead is how soon a slot may still be booked.
const bookLead = 30 * time.Minute

// dayStart is midnight of t's day in the community's zone.
func (a *Services) dayStart(t time.Time) time.Time {
	t = t.In(a.Loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, a.Loc)
}

// slotsOn lists the slots of day (midnight) from every session, with
// their free seats, soonest first; full ones too when full is set.
func (a *Services) slotsOn(tx *storage.Tx, day, now time.Time, full bool) ([]slot, error) {
	oh := a.Cfg.Services.OfficeHours
	var out []slot
	for i, s := range oh.Sessions {
		if !s.OnDay(day.Weekday()) {
			continue
		}
		taken, err := tx.SlotTaken(i, day, day.AddDate(0, 0, 1))
		if err != nil {
			return nil, err
		}
		for _, at := range sessionSlots(s, day, oh.SlotMinutes) {
			free := oh.PerSlot - taken[at.UnixMilli()]
			if at.Before(now.Add(bookLead)) || (free <= 0 && !full) {
				continue
			}
			out = append(out, slot{At: at, Place: i, Free: free})
		}
	}
	sortSlots(out)
	return out, nil
}

// sessionSlots are the starts of session s's slots on day.
func sessionSlots(s config.OfficeSession, day time.Time, minutes int) []time.Time {
	from, _ := config.ClockOf(s.From)
	to, _ := config.ClockOf(s.To)
	var out []time.Time
	for m := from; m+minutes <= to; m += minutes {
		out = append(out, time.Date(day.Year(), day.Month(), day.Day(), m/60, m%60, 0, 0, day.Location()))
	}
	return out
}

func sortSlots(ss []slot) {
	for i := 1; i < len(ss); i++ {
		for j := i; j > 0 && (ss[j].At.Before(ss[j-1].At) || (ss[j].At.Equal(ss[j-1].At) && ss[j].Place < ss[j-1].Place)); j-- {
			ss[j], ss[j-1] = ss[j-1], ss[j]
		}
	}
}

// freeDays are the days ahead with a free slot, at most max.
func (a *Services) freeDays(tx *storage.Tx, now time.Time, max int) ([]time.Time, error) {
	var out []time.Time
	first := a.dayStart(now)
	for d := 0; d < a.Cfg.Services.OfficeHours.DaysAhead && len(out) < max; d++ {
		day := first.AddDate(0, 0, d)
		ss, err := a.slotsOn(tx, day, now, false)
		if err != nil {
			return nil, err
		}
		if len(ss) > 0 {
			out = append(out, day)
		}
	}
	return out, nil
}

// validSlot reports whether at is a slot of session place that may be
// booked now.
func (a *Services) validSlot(at time.Time, place int, now time.Time) bool {
	oh := a.Cfg.Services.OfficeHours
	if place < 0 || place >= len(oh.Sessions) || at.Before(now.Add(bookLead)) ||
		!at.Before(a.dayStart(now).AddDate(0, 0, oh.DaysAhead)) {
		return false
	}
	at = at.In(a.Loc)
	s := oh.Sessions[place]
	if !s.OnDay(at.Weekday()) {
		return false
	}
	for _, t := range sessionSlots(s, a.dayStart(at), oh.SlotMinutes) {
		if t.Equal(at) {
			return true
		}
	}
	return false
}

// place is where session i is, in lang.
func (a *Services) place(lang string, i int) string {
	ss := a.Cfg.Services.OfficeHours.Sessions
	if i < 0 || i >= len(ss) {
		return "—"
	}
	return inLang(lang, ss[i].PlaceZh, ss[i].PlaceEn)
}

// clock is t's time of day, "09:30".
func (a *Services) clock(t time.Time) string { return t.In(a.Loc).Format("15:04") }

var _ = core.Itoa
