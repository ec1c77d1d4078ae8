// Package patrol is the teams' patrols: templates that lay out shifts
// ahead, taking, giving up and swapping shifts, the reminders and the
// on-duty check-in and check-out, the roster, and /found, a problem found
// on a patrol filed as a report.
package patrol

import (
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
)

// People is registration, for a member who files a find before giving
// their building.
type People interface {
	// AskBuilding starts registration with intro.
	AskBuilding(r *core.Req, intro string) error
}

// Teams is how patrols name the team they belong to and its members.
type Teams interface {
	// FindTeam looks a team up by name, answering when there is none.
	FindTeam(r *core.Req, name string) (storage.Team, bool, error)
}

// Report is a problem found on a patrol, as the report conversation takes
// it on.
type Report struct {
	Kind, Category, Building, Text string
	Photos                         []string
	Lat, Lon                       *float64
	Urgent                         bool // marked urgent by the patrol: staff hear at once, day or night
}

// Tickets is how a find becomes a ticket.
type Tickets interface {
	// AskReportName asks, as for any report and before anything is filed
	// or posted, whether the reporter's name may be shown with report.
	AskReportName(r *core.Req, report Report) error
}

// Agenda is what a person has committed to elsewhere (volunteer jobs,
// meetings), asked before they take a shift at the same time.
type Agenda interface {
	// Overlaps names, in lang, member's commitments whose times intersect
	// [from, to).
	Overlaps(tx *storage.Tx, lang string, member int64, from, to, now time.Time) ([]string, error)
}

// Deps are the other capabilities patrols reach.
type Deps struct {
	People  People
	Teams   Teams
	Tickets Tickets
	Agenda  Agenda
}

// Patrol is the patrols over the core.
type Patrol struct {
	*core.Core
	people  People
	teams   Teams
	tickets Tickets
	agenda  Agenda
	tpl     *core.Dialog // writes a template
	offer   *core.Dialog // offers a shift to one member
}

// New returns the patrols over c.
func New(c *core.Core, d Deps) *Patrol {
	a := &Patrol{Core: c, people: d.People, teams: d.Teams, tickets: d.Tickets, agenda: d.Agenda}
	a.tpl, a.offer = a.tplDialog(), a.offerDialog()
	return a
}
