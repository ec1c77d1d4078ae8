// Package proposals is residents' proposals: a registered resident raises
// a topic for their building or the whole community (/propose), it is
// posted to the group with a Support button and a live count, staff and
// the building's leaders merge duplicates or decline one with a reason,
// /proposals lists the open ones by support; a meeting takes those with
// enough support onto its agenda and gives each an outcome, which the
// proposer and every supporter hear, and an accepted one shows the
// progress of the ticket or job it became.
package proposals

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// Tickets is what an accepted proposal needs to become a ticket.
type Tickets interface {
	// OpenTicket files tk and tells those who should hear of it, as any
	// new ticket; it returns the ticket's id.
	OpenTicket(r *core.Req, tk storage.Ticket) (int64, error)
}

// Jobs is what an accepted proposal needs to become a volunteer job.
type Jobs interface {
	// MayOrganise reports whether the person may create a job for team
	// (0: everyone).
	MayOrganise(r *core.Req, team int64) (bool, error)
	// JobTitle is text cut to a job's title.
	JobTitle(text string) string
	// DraftJob starts a new job titled title, made of decision, at the
	// question of its time; why heads the question.
	DraftJob(r *core.Req, title string, decision int64, why string) error
}

// Deps are the other capabilities proposals reach.
type Deps struct {
	Tickets Tickets
	Jobs    Jobs
}

// Proposals is the proposals capability over the core.
type Proposals struct {
	*core.Core
	tickets Tickets
	jobs    Jobs

	propose *core.Dialog // a new proposal
	decline *core.Dialog // declining one, with a reason
	outcome *core.Dialog // a meeting's outcome of one
}

// New returns proposals over c, reaching tickets and jobs through d.
func New(c *core.Core, d Deps) *Proposals {
	a := &Proposals{Core: c, tickets: d.Tickets, jobs: d.Jobs}
	a.propose = a.proposeDialog()
	a.decline = a.declineDialog()
	a.outcome = a.outcomeDialog()
	return a
}
