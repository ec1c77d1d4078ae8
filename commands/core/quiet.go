package core

import (
	"slices"
	"time"

	"courtyard/storage"
	"courtyard/when"
)

// Urgent marks every message the request sends from now on as urgent: it
// reaches its readers at once, day or night (a gas leak, a fire).
func (r *Req) Urgent() {
	t := r.Tx.Terms()
	t.Class = storage.ClassUrgent
	r.Tx.SetTerms(t)
}

// QuietHours is when routine messages wait for a person: their own hours
// (storage.Member's quiet: "off", or a range) or the community's; ok is
// false when they have none.
func (a *Core) QuietHours(own string) (when.ClockRange, bool) {
	switch own {
	case "off":
		return when.ClockRange{}, false
	case "":
		return a.Cfg.Notify.Quiet()
	}
	r, err := when.ParseNightRange(own)
	if err != nil {
		return a.Cfg.Notify.Quiet()
	}
	return r, true
}

// quietEnd is the end of the quiet hours r that now falls in, or zero
// when now is outside them.
func quietEnd(r when.ClockRange, now time.Time, loc *time.Location) time.Time {
	t := now.In(loc)
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
	// On the wall clock, so a day that changes the clock ends at 07:30 too.
	at := func(d time.Time, m int) time.Time {
		return time.Date(d.Year(), d.Month(), d.Day(), m/60, m%60, 0, 0, loc)
	}
	mins := t.Hour()*60 + t.Minute()
	if !r.Overnight {
		if mins >= r.Start && mins < r.End {
			return at(day, r.End)
		}
		return time.Time{}
	}
	switch {
	case mins >= r.Start:
		return at(day.AddDate(0, 0, 1), r.End)
	case mins < r.End:
		return at(day, r.End)
	}
	return time.Time{}
}

// timing is when a message queued now to chatID may go out, under the
// transaction's terms: an answer to the update in hand and an urgent
// message go at once; a routine one waits through its reader's quiet
// hours (a group's are the community's), unless what it is about comes
// before they end (a night shift's reminder goes out when due).
func (a *Core) timing(tx *storage.Tx, m *storage.OutMsg, now time.Time) error {
	t := tx.Terms()
	if m.Until.IsZero() {
		m.Until = t.Until
	}
	if m.Ref == "" {
		m.Ref = t.Ref
	}
	switch {
	case m.Class != "":
		return nil
	case slices.Contains(t.Answering, m.ChatID), m.ChatID == 0:
		m.Class = storage.ClassTimely
		return nil
	case t.Class != "":
		m.Class = t.Class
		return nil
	}
	own := ""
	if m.ChatID > 0 {
		var err error
		if own, err = tx.Quiet(m.ChatID); err != nil {
			return err
		}
	}
	m.Class = storage.ClassRoutine
	hours, ok := a.QuietHours(own)
	if !ok {
		return nil
	}
	end := quietEnd(hours, now, a.Loc)
	switch {
	case end.IsZero():
	case !m.Until.IsZero() && !m.Until.After(end):
		m.Class = storage.ClassTimely
	default:
		m.NotBefore = end
	}
	return nil
}

// Enqueue queues a call under the transaction's terms (see timing).
func (a *Core) Enqueue(tx *storage.Tx, m storage.OutMsg, now time.Time) (int64, error) {
	if err := a.timing(tx, &m, now); err != nil {
		return 0, err
	}
	return tx.Enqueue(m, now)
}
