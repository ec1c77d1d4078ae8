package jobs

import (
	"courtyard/commands/core"
)

// GiveUp withdraws a member who asked to be forgotten from the jobs
// still to come: the waiting move up and are told, and the posts show it.
func (a *Jobs) GiveUp(r *core.Req) error {
	id := r.Me.ID
	jobs, _, err := r.Tx.MemberJobs(id, r.Now)
	if err != nil {
		return err
	}
	for _, j := range jobs {
		if !j.Start.After(r.Now) {
			continue
		}
		ch, err := r.Tx.JobWithdraw(j, id, r.Now)
		if err != nil {
			return err
		}
		for _, p := range ch.Promoted {
			if err := a.TellMember(r, p, a.WithdrawKeyboard(r.Tx, p, j), "job.promoted", core.Esc(j.Title), a.JobSpanFor(r.Tx, p, j)); err != nil {
				return err
			}
		}
		if err := a.RefreshJobPosts(r.Tx, j, r.Now); err != nil {
			return err
		}
	}
	return nil
}
