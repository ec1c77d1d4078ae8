package patrol

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// GiveUp drops a member who asked to be forgotten from the shifts
// still to come; the teams are told what needs someone, each person once.
func (a *Patrol) GiveUp(r *core.Req) error {
	id := r.Me.ID
	shifts, err := r.Tx.MemberShifts(id, r.Now, r.Now.AddDate(10, 0, 0))
	if err != nil {
		return err
	}
	var freed []storage.PatrolShift
	for _, sh := range shifts {
		if !sh.Start.After(r.Now) {
			continue
		}
		if _, err := r.Tx.LeaveSlot(sh.ID, id, storage.DutyDropped, r.Now); err != nil {
			return err
		}
		sh.Taken--
		freed = append(freed, sh)
	}
	return a.tellTeamNeeds(r.Tx, freed, id, r.Now)
}
