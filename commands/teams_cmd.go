package commands

import (
	"strings"

	"courtyard/storage"
)

const maxTeamName = 64

// teamVerbs are /team's sub-commands; a team's name may not start with one.
var teamVerbs = map[string]bool{"new": true, "add": true, "remove": true, "lead": true, "unlead": true}

// team: /team (list), /team <name> (one team), /team new <name>,
// /team add|remove|lead|unlead <name> <@user|id>. Staff create teams and set
// leads; staff and a team's leads add and remove its members.
func (a *App) team(r *req) error {
	words := strings.Fields(cleanLine(r.args))
	if len(words) == 0 {
		return a.teams(r)
	}
	verb := strings.ToLower(words[0])
	if !teamVerbs[verb] {
		return a.teamByName(r, strings.Join(words, " "))
	}
	if verb == "new" {
		return a.newTeam(r, strings.Join(words[1:], " "))
	}
	if len(words) < 3 {
		return r.reply(r.t("team.usage", maxTeamName), nil)
	}
	tm, ok, err := a.findTeam(r, strings.Join(words[1:len(words)-1], " "))
	if !ok || err != nil {
		return err
	}
	m, ok, err := a.findPerson(r, words[len(words)-1], "team.usage", maxTeamName)
	if !ok || err != nil {
		return err
	}
	switch verb {
	case "add", "remove":
		return a.teamMember(r, verb == "add", tm, m)
	}
	return a.teamLead(r, verb == "lead", tm, m)
}

// newTeam: /team new <name>, staff only.
func (a *App) newTeam(r *req, name string) error {
	if !mayEditTeams(r) {
		return r.reply(r.t("error.forbidden", "/team new"), nil)
	}
	if bad, err := a.badTeamName(r, name, 0); bad || err != nil {
		return err
	}
	if _, err := r.tx.CreateTeam(name, 0, false, r.now); err != nil {
		return err
	}
	return r.reply(r.t("team.created", esc(name)), nil)
}

// badTeamName answers when name cannot be a team's (empty, too long,
// starting with a sub-command, or taken by a team other than self).
func (a *App) badTeamName(r *req, name string, self int64) (bool, error) {
	words := strings.Fields(name)
	if len(words) == 0 || teamVerbs[strings.ToLower(words[0])] {
		return true, r.reply(r.t("team.usage", maxTeamName), nil)
	}
	if n := runeLen(name); n > maxTeamName {
		return true, r.reply(r.t("team.name_too_long", n, maxTeamName), nil)
	}
	tm, err := r.tx.TeamByName(name)
	if err == nil && tm.ID != self {
		return true, r.reply(r.t("team.exists", esc(name)), nil)
	}
	if err != nil && !isNotFound(err) {
		return true, err
	}
	return false, nil
}

// findTeam looks a team up by name, answering when there is none.
func (a *App) findTeam(r *req, name string) (storage.Team, bool, error) {
	tm, err := r.tx.TeamByName(name)
	if isNotFound(err) {
		return tm, false, r.reply(r.t("team.unknown", esc(limitRunes(name, maxTeamName))), nil)
	}
	return tm, err == nil, err
}

// teamMember adds m to tm or removes them: staff or a lead of tm.
func (a *App) teamMember(r *req, add bool, tm storage.Team, m storage.Member) error {
	if ok, err := a.mayManageTeam(r, tm); !ok || err != nil {
		if err != nil {
			return err
		}
		return r.reply(r.t("team.not_lead", esc(tm.Name)), nil)
	}
	in, err := r.tx.InTeam(tm.ID, m.ID)
	if err != nil {
		return err
	}
	if add {
		if in {
			return r.reply(r.t("team.already_member", esc(m.Name), esc(tm.Name)), nil)
		}
		if tm.Archived {
			return r.reply(r.t("team.archived", esc(tm.Name)), nil)
		}
		if err := r.tx.AddTeamMember(tm.ID, m.ID, r.now); err != nil {
			return err
		}
		if err := a.tellMember(r, m.ID, nil, "team.told_added", esc(tm.Name)); err != nil {
			return err
		}
		return r.reply(r.t("team.added", esc(m.Name), esc(tm.Name)), nil)
	}
	if !in {
		return r.reply(r.t("team.not_member", esc(m.Name), esc(tm.Name)), nil)
	}
	if err := r.tx.RemoveTeamMember(tm.ID, m.ID); err != nil {
		return err
	}
	if err := a.tellMember(r, m.ID, nil, "team.told_removed", esc(tm.Name)); err != nil {
		return err
	}
	return r.reply(r.t("team.removed", esc(m.Name), esc(tm.Name)), nil)
}

// teamLead makes m a lead of tm or stops them leading it: staff only.
func (a *App) teamLead(r *req, lead bool, tm storage.Team, m storage.Member) error {
	if !mayEditTeams(r) {
		return r.reply(r.t("error.forbidden", "/team lead"), nil)
	}
	is, err := r.tx.IsTeamLead(tm.ID, m.ID)
	if err != nil {
		return err
	}
	switch {
	case lead && is:
		return r.reply(r.t("team.lead_already", esc(m.Name), esc(tm.Name)), nil)
	case !lead && !is:
		return r.reply(r.t("team.lead_not", esc(m.Name), esc(tm.Name)), nil)
	}
	if err := r.tx.SetTeamLead(tm.ID, m.ID, lead, r.now); err != nil {
		return err
	}
	a.audit(r, "team.lead", memberTarget(m.ID), map[string]any{"team": tm.ID, "lead": lead})
	if lead {
		if err := a.tellMember(r, m.ID, nil, "team.told_lead", esc(tm.Name)); err != nil {
			return err
		}
		return r.reply(r.t("team.lead_set", esc(m.Name), esc(tm.Name)), nil)
	}
	return r.reply(r.t("team.lead_unset", esc(m.Name), esc(tm.Name)), nil)
}
