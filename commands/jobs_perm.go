package commands

import (
	"courtyard/storage"
)

// Who may do what with jobs: one function per thing, used by every command
// and button and checked again on every press.

// mayOrganise reports whether the person may create a job for team (0:
// everyone). Staff may for any team; a building leader for everyone and
// for teams they are in; a team's lead for everyone and for that team.
func (a *App) mayOrganise(r *req, team int64) (bool, error) {
	if r.atLeast(storage.RoleStaff) {
		return true, nil
	}
	if !r.me.Registered() {
		return false, nil
	}
	if team == 0 {
		if r.role == storage.RoleLeader {
			return true, nil
		}
		led, err := r.tx.TeamsLedBy(r.me.ID)
		return len(led) > 0, err
	}
	if lead, err := r.tx.IsTeamLead(team, r.me.ID); err != nil || lead {
		return lead, err
	}
	if r.role == storage.RoleLeader {
		return r.tx.InTeam(team, r.me.ID)
	}
	return false, nil
}

// organiserTeams are the teams the person may create a job for.
func (a *App) organiserTeams(r *req) ([]storage.Team, error) {
	all, err := r.tx.Teams()
	if err != nil {
		return nil, err
	}
	var out []storage.Team
	for _, tm := range all {
		if tm.Archived {
			continue
		}
		ok, err := a.mayOrganise(r, tm.ID)
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
func (a *App) maySeeJob(r *req, j storage.Job) (bool, error) {
	if r.atLeast(storage.RoleStaff) || j.OrganiserID == r.me.ID {
		return true, nil
	}
	if !r.me.Registered() {
		return false, nil
	}
	if j.TeamID == 0 {
		return true, nil
	}
	tm, err := r.tx.Team(j.TeamID)
	if isNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if !tm.Restricted {
		return true, nil
	}
	if in, err := r.tx.InTeam(tm.ID, r.me.ID); err != nil || in {
		return in, err
	}
	return r.tx.IsTeamLead(tm.ID, r.me.ID)
}

// mayManageJob reports whether the person may cancel j or change its
// time: its organiser and staff.
func (a *App) mayManageJob(r *req, j storage.Job) bool {
	return j.OrganiserID == r.me.ID || r.atLeast(storage.RoleStaff)
}

// mayMarkAttendance reports whether the person may mark who came to j:
// its organiser and staff.
func (a *App) mayMarkAttendance(r *req, j storage.Job) bool {
	return a.mayManageJob(r, j)
}

// mayClearNoShows reports whether the person may let member sign up again
// after too many no-shows: staff, or a lead of team (the job's) or of any
// team member is in.
func (a *App) mayClearNoShows(r *req, member, team int64) (bool, error) {
	if r.atLeast(storage.RoleStaff) {
		return true, nil
	}
	if team != 0 {
		if lead, err := r.tx.IsTeamLead(team, r.me.ID); err != nil || lead {
			return lead, err
		}
	}
	teams, err := r.tx.MemberTeams(member)
	if err != nil {
		return false, err
	}
	for _, tm := range teams {
		if lead, err := r.tx.IsTeamLead(tm.ID, r.me.ID); err != nil || lead {
			return lead, err
		}
	}
	return false, nil
}
