package commands

import (
	"context"
	"time"

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

// PostProposal stores a proposal with its supporters and posts it to its
// groups (the playground's demo community).
func (a *App) PostProposal(ctx context.Context, tx *storage.Tx, p storage.Proposal, supporters []int64, now time.Time) (int64, error) {
	return a.proposals.Post(ctx, tx, p, supporters, now)
}

// AskPoll stores a poll, asks it and lays its close (the playground's
// demo community).
func (a *App) AskPoll(ctx context.Context, tx *storage.Tx, p storage.Poll, now time.Time) (int64, error) {
	return a.polls.Ask(ctx, tx, p, now)
}
