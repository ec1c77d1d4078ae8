package announce

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// The names of the audience steps' answers.
const (
	stepAudience  = "audience"
	stepBuildings = "buildings"
	stepTeam      = "team"
)

// Audiences lists what a person may announce to: staff anything, leaders
// the groups and residents of their own buildings.
func (a *Announce) Audiences(r *core.Req) []string {
	if r.AtLeast(storage.RoleStaff) {
		return []string{storage.AudienceGroups, storage.AudienceBuildingGroups, storage.AudienceResidents,
			storage.AudienceBuildingPersons, storage.AudienceTeam, storage.AudienceLeaders}
	}
	if r.Role == storage.RoleLeader && len(r.Me.Leads) > 0 {
		return []string{storage.AudienceBuildingGroups, storage.AudienceBuildingPersons}
	}
	return nil
}

// AnnounceBuildings are the buildings a person may pick.
func (a *Announce) AnnounceBuildings(r *core.Req) []string {
	if r.AtLeast(storage.RoleStaff) {
		return a.Cfg.Community.Buildings
	}
	return r.Me.Leads
}

// AudienceSteps ask who a message goes to: one of the audiences the
// person may reach that allow lets through (nil: all of them), then its
// buildings (at least one) or its team. ask is the first question; a team
// is offered only when there is one. ChosenAudience reads the answers.
func (a *Announce) AudienceSteps(ask func(*core.Req, core.Values) string, allow func(r *core.Req, v core.Values, au string) bool) []core.Step {
	audiences := func(r *core.Req, v core.Values) []core.Option {
		var out []core.Option
		for _, au := range a.Audiences(r) {
			if allow != nil && !allow(r, v, au) {
				continue
			}
			if au == storage.AudienceTeam && len(a.teams(r)) == 0 {
				continue
			}
			out = append(out, a.Option(au, "ann.audience."+au))
		}
		return out
	}
	buildings := func(r *core.Req, _ core.Values) []core.Option {
		var out []core.Option
		for _, b := range a.AnnounceBuildings(r) {
			out = append(out, core.Option{Key: b, Zh: b})
		}
		return out
	}
	teams := func(r *core.Req, _ core.Values) []core.Option {
		var out []core.Option
		for _, tm := range a.teams(r) {
			out = append(out, core.Option{Key: core.Itoa(tm.ID), Zh: tm.Name})
		}
		return out
	}
	byBuilding := func(v core.Values) bool {
		au := v.String(stepAudience)
		return au == storage.AudienceBuildingGroups || au == storage.AudienceBuildingPersons
	}
	return []core.Step{
		core.ChoiceStep{Name: stepAudience, Label: "ann.step.audience", Ask: ask, Options: audiences, Columns: 1},
		core.OnlyIf(byBuilding, core.AtLeastOne(core.ChecksStep{Name: stepBuildings, Label: "ann.step.buildings",
			Ask: core.Say("ann.ask_buildings"), Options: buildings,
			Finish: func(r *core.Req, _ int) string { return r.T("ann.buildings_done") }}, "ann.pick_one")),
		core.OnlyIf(func(v core.Values) bool { return v.String(stepAudience) == storage.AudienceTeam },
			core.ChoiceStep{Name: stepTeam, Label: "ann.step.team", Ask: core.Say("ann.ask_team"), Options: teams, Columns: 1}),
	}
}

// teams are the teams a message may go to; none when they cannot be read.
func (a *Announce) teams(r *core.Req) []storage.Team {
	teams, err := r.Tx.Teams()
	if err != nil {
		a.Log.Error("announce: read teams", "err", err)
		return nil
	}
	return teams
}

// ChosenAudience is the audience AudienceSteps were answered with, in the
// shape of an announcement.
func (a *Announce) ChosenAudience(v core.Values) storage.Announcement {
	ann := storage.Announcement{Audience: v.String(stepAudience)}
	switch ann.Audience {
	case storage.AudienceBuildingGroups, storage.AudienceBuildingPersons:
		v.Get(stepBuildings, &ann.Buildings)
	case storage.AudienceTeam:
		ann.TeamID, _ = core.IdArg(v.String(stepTeam))
	}
	return ann
}

// groups reports an audience of group chats.
func groups(au string) bool {
	return au == storage.AudienceGroups || au == storage.AudienceBuildingGroups
}

// DescribeAudience names an audience in r's language, with its buildings
// or team.
func (a *Announce) DescribeAudience(r *core.Req, au string, bs []string, team int64) string {
	s := r.T("ann.audience." + au)
	switch {
	case len(bs) > 0:
		s += r.T("list.note", core.Esc(a.ListJoin(r.Lang, bs)))
	case team != 0:
		if tm, err := r.Tx.Team(team); err == nil {
			s += r.T("list.note", core.Esc(tm.Name))
		}
	}
	return s
}
