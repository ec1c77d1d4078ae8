package jobs

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
)

// Who may do what with jobs: one function per thing, used by every command
// and button and checked again on every press.

// MayOrganise reports whether the person may create a job for team (0:
// everyone). Staff may for any team; a building leader for everyone and
// for teams they are in; a team's lead for everyone and for that team.
func (a *Jobs) MayOrganise(r *core.Req, team int64) (bool, error) {
	if r.AtLeast(storage.RoleStaff) {
		return true, nil
	}
	if !r.Me.Registered() {
		return false, nil
	}
	if team == 0 {
		if r.Role == storage.RoleLeader {
			return true, nil
		}
		led, err := r.Tx.TeamsLedBy(r.Me.ID)
		return len(led) > 0, err
	}
	if lead, err := r.Tx.IsTeamLead(team, r.Me.ID); err != nil || lead {
		return lead, err
	}
	if r.Role == storage.RoleLeader {
		return r.Tx.InTeam(team, r.Me.ID)
	}
	return false, nil
}

// organiserTeams are the teams the person may create a job for.
func (a *Jobs) organiserTeams(r *core.Req) ([]storage.Team, error) {
	all, err := r.Tx.Teams()
	if err != nil {
		return nil, err
	}
	var out []storage.Team
	for _, tm := range all {
		if tm.Archived {
			continue
		}
		ok, err := a.MayOrganise(r, tm.ID)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, tm)
		}
	}
	return out, nil
}

// maySeeJob reports whether the person may see and join j: a job for
// everyone (or for an open team) any registered resident; a job for a
// restricted team only its members, its leads and staff.
func (a *Jobs) maySeeJob(r *core.Req, j storage.Job) (bool, error) {
	if r.AtLeast(storage.RoleStaff) || j.OrganiserID == r.Me.ID {
		return true, nil
	}
	if !r.Me.Registered() {
		return false, nil
	}
	if j.TeamID == 0 {
		return true, nil
	}
	tm, err := r.Tx.Team(j.TeamID)
	if core.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if !tm.Restricted {
		return true, nil
	}
	if in, err := r.Tx.InTeam(tm.ID, r.Me.ID); err != nil || in {
		return in, err
	}
	return r.Tx.IsTeamLead(tm.ID, r.Me.ID)
}

// mayManageJob reports whether the person may cancel j or change its
// time: its organiser and staff.
func (a *Jobs) mayManageJob(r *core.Req, j storage.Job) bool {
	return j.OrganiserID == r.Me.ID || r.AtLeast(storage.RoleStaff)
}

// mayMarkAttendance reports whether the person may mark who came to j:
// its organiser and staff.
func (a *Jobs) mayMarkAttendance(r *core.Req, j storage.Job) bool {
	return a.mayManageJob(r, j)
}

// mayClearNoShows reports whether the person may let member sign up again
// after too many no-shows: staff, or a lead of team (the job's) or of any
// team member is in.
func (a *Jobs) mayClearNoShows(r *core.Req, member, team int64) (bool, error) {
	if r.AtLeast(storage.RoleStaff) {
		return true, nil
	}
	if team != 0 {
		if lead, err := r.Tx.IsTeamLead(team, r.Me.ID); err != nil || lead {
			return lead, err
		}
	}
	teams, err := r.Tx.MemberTeams(member)
	if err != nil {
		return false, err
	}
	for _, tm := range teams {
		if lead, err := r.Tx.IsTeamLead(tm.ID, r.Me.ID); err != nil || lead {
			return lead, err
		}
	}
	return false, nil
}

// The permission table's checks of the job a button names: each runs the
// rule above on the object in the data, before the handler, and answers a
// refused press with why.

// pressedJob is the job of "jb:<verb>:<job>..."; a press naming none is
// answered as stale.
func (a *Jobs) pressedJob(r *core.Req) (storage.Job, bool, error) {
	parts := core.BtnArgs(strings.Split(r.CB.Data, ":"))
	id, ok := parts.Id(2)
	if !ok {
		return storage.Job{}, false, r.Toast(r.T("error.stale_button"))
	}
	j, err := r.Tx.Job(id)
	if core.IsNotFound(err) {
		return j, false, r.Toast(r.T("error.stale_button"))
	}
	return j, err == nil, err
}

// checkSeeJob: Sign up is for those who may see the job, once registered.
func (a *Jobs) checkSeeJob(r *core.Req) (bool, error) {
	j, ok, err := a.pressedJob(r)
	if !ok || err != nil {
		return false, err
	}
	if ok, err := a.maySeeJob(r, j); ok || err != nil {
		return ok, err
	}
	if !r.Me.Registered() {
		return false, r.Toast(r.T("job.register_first"))
	}
	return false, r.Toast(r.T("job.not_for_you"))
}

// checkManageJob: cancelling, moving and marking who came are for the
// job's organiser and staff; refusal is what a refused press is told.
func (a *Jobs) checkManageJob(refusal string) func(*core.Req) (bool, error) {
	return func(r *core.Req) (bool, error) {
		j, ok, err := a.pressedJob(r)
		if !ok || err != nil {
			return false, err
		}
		if a.mayManageJob(r, j) {
			return true, nil
		}
		return false, r.Toast(r.T(refusal))
	}
}

// checkClearNoShows: letting someone sign up again is for staff and the
// leads of their teams.
func (a *Jobs) checkClearNoShows(r *core.Req) (bool, error) {
	member, team, ok := clearArgs(strings.Split(r.CB.Data, ":"))
	if !ok {
		return false, r.Toast(r.T("error.stale_button"))
	}
	if ok, err := a.mayClearNoShows(r, member, team); ok || err != nil {
		return ok, err
	}
	return false, r.Toast(r.T("job.clear_forbidden"))
}
