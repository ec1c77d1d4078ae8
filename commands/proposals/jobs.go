package proposals

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// JobChanged follows a volunteer job that accepted proposals became:
// published, it is linked to them and their proposers and supporters hear
// of it; cancelled, they hear that, once; their group lines show it as it
// is now.
func (a *Proposals) JobChanged(r *core.Req, j storage.Job) error {
	if j.State == storage.JobCancelled {
		return a.followJob(r, j, storage.ProposalJobCancelled)
	}
	return a.followJob(r, j, "")
}

// JobHeld tells the proposers and supporters of the accepted proposals
// that became job j that it was held, once, and shows it on their group
// lines.
func (a *Proposals) JobHeld(r *core.Req, j storage.Job) error {
	if j.State != storage.JobOpen {
		return nil
	}
	return a.followJob(r, j, storage.ProposalJobHeld)
}

// followJob links job j to the proposals it was made of (their people are
// told the first time), records end ("" none yet) on those without one
// (their people are told when it is new), and refreshes the group lines.
func (a *Proposals) followJob(r *core.Req, j storage.Job, end string) error {
	ps, err := r.Tx.ProposalsOfJob(j.ID)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if p.JobID == 0 {
			if err := r.Tx.LinkProposal(p.ID, 0, 0, j.ID); err != nil {
				return err
			}
			if end == "" {
				if err := a.tellAll(r, p, "pp.told_job", p.ID, core.Esc(p.Title), j.ID, core.Esc(j.Title), a.WhenEach(j.Start)); err != nil {
					return err
				}
			}
		}
		if end != "" {
			first, err := r.Tx.EndProposalJob(p.ID, end)
			if err != nil {
				return err
			}
			if first {
				if err := a.tellAll(r, p, "pp.told_job_"+end, p.ID, core.Esc(p.Title), j.ID, core.Esc(j.Title)); err != nil {
					return err
				}
			}
		}
		if err := a.refresh(r, p.ID); err != nil {
			return err
		}
	}
	return nil
}
