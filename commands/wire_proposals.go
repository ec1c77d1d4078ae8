package commands

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// What the calendar reaches of proposals when a meeting's agenda takes
// them in (calendar.Proposals).

// AgendaProposals are the proposals with enough support for an agenda.
func (a *App) AgendaProposals(tx *storage.Tx) ([]storage.Proposal, error) {
	return a.proposals.AgendaProposals(tx)
}

// OnAgenda puts proposals ids on meeting's agenda.
func (a *App) OnAgenda(r *core.Req, meeting int64, ids []int64) error {
	return a.proposals.OnAgenda(r, meeting, ids)
}
