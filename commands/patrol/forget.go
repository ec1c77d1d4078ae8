package patrol

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// GiveUp drops a member who asked to be forgotten from the shifts
// still to come; each shift's team is told it needs someone.
func (a *Patrol) GiveUp(r *core.Req) error {
	id := r.Me.ID
	shifts, err := r.Tx.MemberShifts(id, r.Now, r.Now.AddDate(10, 0, 0))
	if err != nil {
		return err
	}
	for _, sh := range shifts {
		if !sh.Start.After(r.Now) {
			continue
		}
		if _, err := r.Tx.LeaveSlot(sh.ID, id, storage.DutyDropped, r.Now); err != nil {
			return err
		}
		sh.Taken--
		if err := a.TellTeamNeed(r.Tx, sh, id, r.Now); err != nil {
			return err
		}
	}
	return nil
}
