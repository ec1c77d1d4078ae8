// Package tickets is problem reports and micro-wishes: reporting one (in
// private or in a building's group, with photos, voice notes and a
// location), the building's group line and the alerts to its leaders, the
// work on it (claim, hand back, resolve, assign, reject, duplicate, notes,
// dispatch to a team), who may see how much of it, following it, and the
// clock's escalations and closing.
package tickets

import (
	"context"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// People is what tickets need of registration: a report by someone not
// yet registered asks their building first.
type People interface {
	// AskBuildingThen starts registration with intro, remembering the
	// deep link then.
	AskBuildingThen(r *core.Req, intro, then string) error
	// BuildingKeyboard offers the community's buildings.
	BuildingKeyboard() telegram.Keyboard
	// UnlinkedGroupReport answers a report in a group no one linked.
	UnlinkedGroupReport(r *core.Req, kind string) error
}

// Mediation is what tickets need of the mediation room: a ticket moved
// there shows only that it is being handled.
type Mediation interface {
	// InMediation reports whether ticket id was moved to the room.
	InMediation(tx *storage.Tx, id int64) (bool, error)
	// MediationLine is the group line of a ticket in the room.
	MediationLine(tk storage.Ticket) string
	// MediationGroupButtons are the buttons under that line.
	MediationGroupButtons(tk storage.Ticket) any
	// MediationTicketRow is the button that moves tk to the room, nil
	// for those who may not.
	MediationTicketRow(r *core.Req, tk storage.Ticket) ([]telegram.Button, error)
}

// Retention strips the personal data of tickets ended long ago.
type Retention interface {
	StripClosed(ctx context.Context, tx *storage.Tx, now time.Time) error
}

// Watcher hears of a ticket whose public line changed: what was made of
// it elsewhere (an accepted proposal) shows its progress.
type Watcher interface {
	TicketChanged(r *core.Req, tk storage.Ticket) error
}

// Tickets is the tickets capability over the core.
type Tickets struct {
	*core.Core
	people    People
	mediation Mediation
	retention Retention
	watcher   Watcher

	resolveD *core.Dialog // what was done
	noteD    *core.Dialog // why it is handed back, what is still wrong
	assignD  *core.Dialog // to whom a ticket is given
	rep      *reporting   // the report and wish conversation
}

// New returns the tickets capability. Registration, the mediation room and
// retention stand on tickets in turn: Connect hands them over once built.
func New(c *core.Core) *Tickets {
	a := &Tickets{Core: c}
	a.rep = &reporting{Tickets: a}
	a.resolveD, a.noteD, a.assignD = a.resolveDialog(), a.noteDialog(), a.assignDialog()
	return a
}

// Connect gives tickets registration (where a report starts for someone
// not registered yet), the mediation room and the retention of closed
// tickets, which are built on tickets in turn.
func (a *Tickets) Connect(p People, m Mediation, ret Retention) {
	a.people, a.mediation, a.retention = p, m, ret
}

// Watch gives tickets the one that hears of changed ticket lines.
func (a *Tickets) Watch(w Watcher) { a.watcher = w }

// reporting is the report and wish conversation: category, words, voice,
// photos and location, and the name question before anything is filed.
type reporting struct{ *Tickets }
