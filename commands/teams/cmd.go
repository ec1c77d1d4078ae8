package teams

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
)

const maxTeamName = 64

// teamVerbs are /team's sub-commands; a team's name may not start with one.
var teamVerbs = map[string]bool{"new": true, "add": true, "remove": true, "lead": true, "unlead": true}

// team: /team (list), /team <name> (one team), /team new <name>,
// /team add|remove|lead|unlead <name> <@user|id>; without the person (or
// the team) it offers them as buttons. Staff create teams and set leads;
// staff and a team's leads add and remove its members.
func (a *Teams) team(r *core.Req) error {
	words := strings.Fields(core.CleanLine(r.Args))
	if len(words) == 0 {
		return a.Teams(r)
	}
	verb := strings.ToLower(words[0])
	if !teamVerbs[verb] {
		return a.teamByName(r, strings.Join(words, " "))
	}
	if verb == "new" {
		return a.newTeam(r, strings.Join(words[1:], " "))
	}
	// Without the person (or the team), those the verb can be about are
	// offered as buttons.
	rest := strings.Join(words[1:], " ")
	switch named, err := r.Tx.TeamByName(rest); {
	case len(words) == 1:
		return a.startPeople(r, verb, nil)
	case err == nil:
		return a.startPeople(r, verb, &named)
	case !core.IsNotFound(err):
		return err
	case !namesPerson(words[len(words)-1]):
		_, _, err := a.FindTeam(r, rest)
		return err
	case len(words) == 2:
		return r.Reply(r.T("team.usage", maxTeamName), nil)
	}
	tm, ok, err := a.FindTeam(r, strings.Join(words[1:len(words)-1], " "))
	if !ok || err != nil {
		return err
	}
	m, ok, err := a.FindPerson(r, words[len(words)-1], "team.usage", maxTeamName)
	if !ok || err != nil {
		return err
	}
	switch verb {
	case "add", "remove":
		return a.teamMember(r, verb == "add", tm, m)
	}
	return a.teamLead(r, verb == "lead", tm, m)
}

// namesPerson reports whether a word names a person: @username or an id.
func namesPerson(w string) bool {
	if strings.HasPrefix(w, "@") {
		return true
	}
	_, ok := core.IdArg(w)
	return ok
}

// newTeam: /team new <name>, staff only.
func (a *Teams) newTeam(r *core.Req, name string) error {
	if !mayEditTeams(r) {
		return r.Reply(r.T("error.forbidden", "/team new"), nil)
	}
	if bad, err := a.badTeamName(r, name, 0); bad || err != nil {
		return err
	}
	if _, err := r.Tx.CreateTeam(name, 0, false, r.Now); err != nil {
		return err
	}
	return r.Reply(r.T("team.created", core.Esc(name)), nil)
}

// badTeamName answers when name cannot be a team's (empty, too long,
// starting with a sub-command, or taken by a team other than self).
func (a *Teams) badTeamName(r *core.Req, name string, self int64) (bool, error) {
	refusal, err := a.teamNameProblem(r, name, self)
	if err != nil || refusal == "" {
		return err != nil, err
	}
	return true, r.Reply(refusal, nil)
}

// teamNameProblem says why name cannot be a team's, or "".
func (a *Teams) teamNameProblem(r *core.Req, name string, self int64) (string, error) {
	words := strings.Fields(name)
	if len(words) == 0 || teamVerbs[strings.ToLower(words[0])] {
		return r.T("team.usage", maxTeamName), nil
	}
	if n := core.RuneLen(name); n > maxTeamName {
		return r.T("team.name_too_long", n, maxTeamName), nil
	}
	tm, err := r.Tx.TeamByName(name)
	if err == nil && tm.ID != self {
		return r.T("team.exists", core.Esc(name)), nil
	}
	if err != nil && !core.IsNotFound(err) {
		return "", err
	}
	return "", nil
}

// FindTeam looks a team up by name, answering when there is none.
func (a *Teams) FindTeam(r *core.Req, name string) (storage.Team, bool, error) {
	tm, err := r.Tx.TeamByName(name)
	if core.IsNotFound(err) {
		return tm, false, r.Reply(r.T("team.unknown", core.Esc(core.LimitRunes(name, maxTeamName))), nil)
	}
	return tm, err == nil, err
}

// teamMember adds m to tm or removes them: staff or a lead of tm.
func (a *Teams) teamMember(r *core.Req, add bool, tm storage.Team, m storage.Member) error {
	if ok, err := a.mayManageTeam(r, tm); !ok || err != nil {
		if err != nil {
			return err
		}
		return r.Reply(r.T("team.not_lead", core.Esc(tm.Name)), nil)
	}
	in, err := r.Tx.InTeam(tm.ID, m.ID)
	if err != nil {
		return err
	}
	if add {
		if in {
			return r.Reply(r.T("team.already_member", core.Esc(m.Name), core.Esc(tm.Name)), nil)
		}
		if tm.Archived {
			return r.Reply(r.T("team.archived", core.Esc(tm.Name)), nil)
		}
		if err := r.Tx.AddTeamMember(tm.ID, m.ID, r.Now); err != nil {
			return err
		}
		if err := a.TellMember(r, m.ID, nil, "team.told_added", core.Esc(tm.Name)); err != nil {
			return err
		}
		return r.Reply(r.T("team.added", core.Esc(m.Name), core.Esc(tm.Name)), nil)
	}
	if !in {
		return r.Reply(r.T("team.not_member", core.Esc(m.Name), core.Esc(tm.Name)), nil)
	}
	if err := r.Tx.RemoveTeamMember(tm.ID, m.ID); err != nil {
		return err
	}
	if err := a.TellMember(r, m.ID, nil, "team.told_removed", core.Esc(tm.Name)); err != nil {
		return err
	}
	return r.Reply(r.T("team.removed", core.Esc(m.Name), core.Esc(tm.Name)), nil)
}

// teamLead makes m a lead of tm or stops them leading it: staff only.
func (a *Teams) teamLead(r *core.Req, lead bool, tm storage.Team, m storage.Member) error {
	if !mayEditTeams(r) {
		return r.Reply(r.T("error.forbidden", "/team lead"), nil)
	}
	is, err := r.Tx.IsTeamLead(tm.ID, m.ID)
	if err != nil {
		return err
	}
	switch {
	case lead && is:
		return r.Reply(r.T("team.lead_already", core.Esc(m.Name), core.Esc(tm.Name)), nil)
	case !lead && !is:
		return r.Reply(r.T("team.lead_not", core.Esc(m.Name), core.Esc(tm.Name)), nil)
	}
	if err := r.Tx.SetTeamLead(tm.ID, m.ID, lead, r.Now); err != nil {
		return err
	}
	a.Audit(r, "team.lead", core.MemberTarget(m.ID), map[string]any{"team": tm.ID, "lead": lead})
	if lead {
		if err := a.TellMember(r, m.ID, nil, "team.told_lead", core.Esc(tm.Name)); err != nil {
			return err
		}
		return r.Reply(r.T("team.lead_set", core.Esc(m.Name), core.Esc(tm.Name)), nil)
	}
	return r.Reply(r.T("team.lead_unset", core.Esc(m.Name), core.Esc(tm.Name)), nil)
}
