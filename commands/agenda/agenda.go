// Package agenda is one list of everything a person has committed to from
// now on: the volunteer jobs they signed up to (or wait for), the patrol
// shifts they hold, the meetings they said they would come to and their
// holiday visits, in time order with overlaps marked (/mine); the same as
// an iCalendar file (/mine ics) and as a private, revocable calendar feed
// (/mine link) that phone calendars subscribe to. It reads the rows
// itself and never reaches into the capabilities that own them.
package agenda

import (
	"sort"
	"time"

	"courtyard/commands/core"
	"courtyard/holiday"
	"courtyard/storage"
)

// Kinds of item.
const (
	KindJob     = "job"
	KindShift   = "shift"
	KindMeeting = "meeting"
	KindVisit   = "visit"
)

// horizon is how far ahead the agenda reaches.
const horizon = 366 * 24 * time.Hour

// Item is one commitment. An item without an end (a meeting given only a
// start) is a moment; a visit is due by a day (AllDay: [Start, End) is
// that day in the community's zone) and overlaps nothing.
type Item struct {
	Kind    string
	ID      int64
	Title   string // as its owner wrote it: the job's title, the team's name, the meeting's title, the household's name
	Place   string
	Start   time.Time
	End     time.Time // zero: no end given
	AllDay  bool
	Waiting bool // on a job's waiting list
}

// Agenda is the agenda capability over the core.
type Agenda struct {
	*core.Core
}

// New returns the agenda capability.
func New(c *core.Core) *Agenda { return &Agenda{Core: c} }

// Items are member's commitments that have not ended by from, in time
// order.
func (a *Agenda) Items(tx *storage.Tx, member int64, from time.Time) ([]Item, error) {
	var out []Item
	jobs, states, err := tx.MemberJobs(member, from)
	if err != nil {
		return nil, err
	}
	for i, j := range jobs {
		out = append(out, Item{Kind: KindJob, ID: j.ID, Title: j.Title, Place: j.Place, Start: j.Start, End: j.End,
			Waiting: states[i] == storage.Waiting})
	}
	shifts, err := tx.MemberShifts(member, from, from.Add(horizon))
	if err != nil {
		return nil, err
	}
	for _, s := range shifts {
		out = append(out, Item{Kind: KindShift, ID: s.ID, Title: s.Team, Place: s.Area, Start: s.Start, End: s.End})
	}
	meetings, err := tx.ComingMeetings(member, from, from.Add(horizon))
	if err != nil {
		return nil, err
	}
	for _, m := range meetings {
		out = append(out, Item{Kind: KindMeeting, ID: m.ID, Title: m.Title, Place: m.Place, Start: m.StartsAt, End: m.EndsAt})
	}
	visits, err := a.visits(tx, member, from)
	if err != nil {
		return nil, err
	}
	out = append(out, visits...)
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Start.Equal(out[j].Start) {
			return out[i].Start.Before(out[j].Start)
		}
		return out[i].Kind < out[j].Kind || out[i].Kind == out[j].Kind && out[i].ID < out[j].ID
	})
	return out, nil
}

// visits are member's visits not made yet whose holiday has not passed by
// from, each due by its holiday's day.
func (a *Agenda) visits(tx *storage.Tx, member int64, from time.Time) ([]Item, error) {
	due, err := tx.VisitsDue(member, from.In(a.Loc).Year()-1)
	if err != nil {
		return nil, err
	}
	var out []Item
	for _, v := range due {
		day, err := holiday.In(v.Holiday, v.Year, a.Loc)
		if err != nil {
			a.Log.Warn("agenda: no date for a visit's holiday", "holiday", v.Holiday, "year", v.Year, "err", err)
			continue
		}
		end := day.AddDate(0, 0, 1)
		if !end.After(from) {
			continue
		}
		place := v.Building
		if v.Unit != "" {
			place += "-" + v.Unit
		}
		out = append(out, Item{Kind: KindVisit, ID: v.ID, Title: v.Household, Place: place, Start: day, End: end, AllDay: true})
	}
	return out, nil
}

// end is where it ends for overlaps: a moment takes one minute.
func (it Item) end() time.Time {
	if it.End.IsZero() {
		return it.Start.Add(time.Minute)
	}
	return it.End
}

// Intersects reports whether it and o are both timed and their times
// intersect.
func (it Item) Intersects(o Item) bool {
	if it.AllDay || o.AllDay {
		return false
	}
	return it.Start.Before(o.end()) && o.Start.Before(it.end())
}

// overlaps lists, for each item, the others it intersects.
func overlaps(items []Item) [][]int {
	out := make([][]int, len(items))
	for i := range items {
		for j := i + 1; j < len(items); j++ {
			if items[i].Intersects(items[j]) {
				out[i] = append(out[i], j)
				out[j] = append(out[j], i)
			}
		}
	}
	return out
}

// Overlaps names, in lang, member's commitments whose times intersect
// [from, to): what a job or a shift about to be taken would collide with.
func (a *Agenda) Overlaps(tx *storage.Tx, lang string, member int64, from, to, now time.Time) ([]string, error) {
	items, err := a.Items(tx, member, now)
	if err != nil {
		return nil, err
	}
	probe := Item{Start: from, End: to}
	var out []string
	for _, it := range items {
		if it.Intersects(probe) {
			out = append(out, a.Label(lang, it, now))
		}
	}
	return out, nil
}
