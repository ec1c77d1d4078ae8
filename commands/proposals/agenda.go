package proposals

import (
	"context"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
)

// AgendaProposals are the proposals with at least
// proposals.agenda_threshold supports that no meeting took yet (or one
// postponed), the most supported first.
func (a *Proposals) AgendaProposals(tx *storage.Tx) ([]storage.Proposal, error) {
	return tx.ProposalsForAgenda(a.Cfg.Proposals.AgendaThreshold)
}

// OnAgenda puts proposals ids on meeting's agenda, shows it on their group
// lines and tells their proposers and supporters when the meeting is.
func (a *Proposals) OnAgenda(r *core.Req, meeting int64, ids []int64) error {
	m, err := r.Tx.Meeting(meeting)
	if err != nil {
		return err
	}
	for _, id := range ids {
		p, err := r.Tx.Proposal(id)
		if core.IsNotFound(err) {
			continue
		}
		if err != nil {
			return err
		}
		if p.State != storage.ProposalOpen && p.State != storage.ProposalPostponed {
			continue
		}
		if err := r.Tx.PutOnAgenda(id, meeting); err != nil {
			return err
		}
		if err := a.refresh(r, id); err != nil {
			return err
		}
		if err := a.tellAll(r, p, "pp.told_agenda", p.ID, core.Esc(p.Title), core.Esc(m.Title), a.WhenEach(m.StartsAt)); err != nil {
			return err
		}
	}
	return nil
}

// Post stores p, supported by its proposer and supporters, and posts it
// to its groups, as the proposer's confirmation does (the playground's
// demo community).
func (a *Proposals) Post(ctx context.Context, tx *storage.Tx, p storage.Proposal, supporters []int64, now time.Time) (int64, error) {
	id, err := tx.CreateProposal(p, now)
	if err != nil {
		return 0, err
	}
	for _, m := range supporters {
		if _, err := tx.Support(id, m, now); err != nil {
			return 0, err
		}
	}
	if p, err = tx.Proposal(id); err != nil {
		return 0, err
	}
	chats, err := a.groups(tx, p)
	if err != nil {
		return 0, err
	}
	return id, a.postTo(a.SystemReq(ctx, tx, now), p, chats)
}
