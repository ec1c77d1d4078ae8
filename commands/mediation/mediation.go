// Package mediation is the mediation room: records of neighbour disputes
// kept by staff and the mediators they name, with their parties, sessions,
// outcome and follow-up reminder, readable in private by those alone; and
// the move of a neighbour-dispute ticket into the room.
package mediation

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// Tickets is what mediation needs of the tickets capability when a ticket
// moves to the mediation room.
type Tickets interface {
	// RefreshGroupLine brings the ticket's line in its building's group
	// up to date.
	RefreshGroupLine(r *core.Req, tk storage.Ticket) error
	// Refuse answers a transition the ticket's state refused.
	Refuse(r *core.Req, tk storage.Ticket, err error) error
	// TellFollowers tells the ticket's reporter and followers, but except.
	TellFollowers(r *core.Req, tk storage.Ticket, except int64, key string, args ...any) error
}

// Mediation is the mediation capability over the core.
type Mediation struct {
	*core.Core
	tickets      Tickets
	newRecord    *core.Dialog // records a new dispute
	session      *core.Dialog // adds a session to a record
	followUp     *core.Dialog // sets a record's follow-up day
	mediatorFlow *core.Dialog // names a mediator
}

// New returns the mediation capability.
func New(c *core.Core, tickets Tickets) *Mediation {
	a := &Mediation{Core: c, tickets: tickets}
	a.newRecord, a.session, a.followUp, a.mediatorFlow = a.newDialog(), a.sessionDialog(), a.followDialog(), a.mediatorDialog()
	return a
}
