package patrol

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
)

// The table's checks: each reads the team, template or shift a button's
// data or a command's arguments name, as its handler does, and asks the
// scope's function before the handler runs. Something that no longer
// exists passes, for the handler to say it is gone.

// buttonID is the id at place i of a "pt:" button's data.
func buttonID(r *core.Req, i int) int64 {
	n, _ := core.ButtonArgs(r.CB.Data, "pt:").Id(i)
	return n
}

// checkTeamButton: the team of "pt:tl:<team>", "pt:ta:<team>" is one the
// caller manages.
func (a *Patrol) checkTeamButton(r *core.Req) (bool, error) {
	tm, err := r.Tx.Team(buttonID(r, 1))
	if core.IsNotFound(err) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	return a.mayManagePatrol(r, tm.ID)
}

// checkTplButton: the template of "pt:tc:<tpl>" and its kin belongs to a
// team the caller manages.
func (a *Patrol) checkTplButton(r *core.Req) (bool, error) {
	p, err := r.Tx.PatrolTemplate(buttonID(r, 1))
	if core.IsNotFound(err) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	return a.mayManagePatrol(r, p.TeamID)
}

// shiftOf is the shift a "pt:<verb>:<shift>" button names; false when it
// is gone.
func shiftOf(r *core.Req) (storage.PatrolShift, bool, error) {
	sh, err := r.Tx.PatrolShift(buttonID(r, 1))
	if core.IsNotFound(err) {
		return sh, false, nil
	}
	return sh, err == nil, err
}

// checkOnShift: the caller holds a slot on the shift.
func (a *Patrol) checkOnShift(r *core.Req) (bool, error) {
	sh, ok, err := shiftOf(r)
	if err != nil || !ok {
		return err == nil, err
	}
	return a.isOnShift(r, sh)
}

// checkTakeShift: the caller is a member of the shift's team, which is
// not archived; whether it is full, over or already theirs the handler
// says.
func (a *Patrol) checkTakeShift(r *core.Req) (bool, error) {
	sh, ok, err := shiftOf(r)
	if err != nil || !ok {
		return err == nil, err
	}
	why, err := a.mayTakeShift(r, sh)
	return why != "patrol.not_in_team", err
}

// checkPatrolCmd: /patrol <team> names a team the caller manages.
func (a *Patrol) checkPatrolCmd(r *core.Req) (bool, error) {
	return a.checkNamedTeam(r, core.CleanLine(r.Args), a.mayManagePatrol)
}

// checkRosterCmd: /roster <team> names a team whose roster the caller
// may see.
func (a *Patrol) checkRosterCmd(r *core.Req) (bool, error) {
	args := a.rosterArgs(r)
	if args.export {
		return true, nil
	}
	return a.checkNamedTeam(r, args.team, a.mayViewRoster)
}

func (a *Patrol) checkNamedTeam(r *core.Req, name string, may func(*core.Req, int64) (bool, error)) (bool, error) {
	if strings.TrimSpace(name) == "" {
		return true, nil
	}
	tm, err := r.Tx.TeamByName(name)
	if core.IsNotFound(err) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	return may(r, tm.ID)
}
