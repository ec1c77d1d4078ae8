// Package care is the care list: the households staff look after, the
// visitors assigned to them, the holiday visit rounds that send each
// visitor their list, and the holidays list (/holidays). A household is
// read only through mayReadHousehold, and every read by staff is recorded
// in its record.
package care

import (
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/when"
)

// Tickets is how a visit's note becomes a ticket.
type Tickets interface {
	// AlertNewTicket sends the new ticket tk to its building's leaders,
	// or to staff when no leader can be reached, and says in r's
	// language whom it reached.
	AlertNewTicket(r *core.Req, tk storage.Ticket) (told string, err error)
}

// Care is the care list and the visit rounds over the core.
type Care struct {
	*core.Core
	tickets Tickets

	household *core.Dialog // adds a household or changes a field of one
	visitor   *core.Dialog // chooses a visitor for a household
	note      *core.Dialog // takes a visit's note, made a ticket or a wish
}

// New returns the care list over c; tickets files what a visit found.
func New(c *core.Core, tickets Tickets) *Care {
	a := &Care{Core: c, tickets: tickets}
	a.household = a.householdDialog()
	a.visitor = a.visitorDialog()
	a.note = a.noteDialog()
	return a
}

// day writes t's day as people read dates, in lang: 12月8日（周二） or
// Tue 8 Dec, with the year when it is not now's.
func (a *Care) day(lang string, t, now time.Time) string {
	return when.DescribeDate(t, lang, now, a.Loc)
}

// dayClock writes t's day and time in the community's zone, in lang:
// 12月8日（周二） 15:04 or Tue 8 Dec 15:04.
func (a *Care) dayClock(lang string, t, now time.Time) string {
	t = t.In(a.Loc)
	return a.day(lang, t, now) + " " + when.DescribeClock(t.Hour()*60+t.Minute())
}
