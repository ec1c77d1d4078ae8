package teams

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
)

// FlowTeamPeople is the conversation of /team add|remove|lead|unlead
// without the person: which team, when not given, then whom, among the
// people the verb can be about.
const FlowTeamPeople = "team_people"

// The question of whom, by verb.
var askWhoKeys = map[string]string{
	"add": "team.ask_add", "remove": "team.ask_remove", "lead": "team.ask_lead", "unlead": "team.ask_unlead",
}

func (a *Teams) peopleDialog() *core.Dialog {
	return &core.Dialog{
		Name: FlowTeamPeople,
		Steps: []core.Step{
			core.ChoiceStep{Name: "team", Label: "team.label.team", Ask: core.Say("team.ask_which"), Options: a.teamsFor, Columns: 1},
			core.PersonStep{Name: "who", Label: "team.label.who", Ask: a.askWho, People: a.peopleFor, Show: showPerson},
		},
		Done: a.peopleDone,
	}
}

// startPeople asks whom verb is about, in tm (nil: ask which team first).
func (a *Teams) startPeople(r *core.Req, verb string, tm *storage.Team) error {
	seed := core.Values{}
	if err := seed.Set("verb", verb); err != nil {
		return err
	}
	if tm != nil {
		if verb == "lead" || verb == "unlead" {
			if !mayEditTeams(r) {
				return r.Reply(r.T("error.forbidden", "/team "+verb), nil)
			}
		} else if ok, err := a.mayManageTeam(r, *tm); err != nil || !ok {
			if err != nil {
				return err
			}
			return r.Reply(r.T("team.not_lead", core.Esc(tm.Name)), nil)
		}
		if err := seed.Set("team", core.Itoa(tm.ID)); err != nil {
			return err
		}
	}
	if len(a.teamsFor(r, seed)) == 0 {
		if verb == "lead" || verb == "unlead" {
			return r.Reply(r.T("error.forbidden", "/team "+verb), nil)
		}
		return r.Reply(r.T("team.none_to_manage"), nil)
	}
	return a.people.Start(r, seed)
}

// teamsFor are the teams the caller may run the verb on: those they
// manage for members; every team for staff's leads.
func (a *Teams) teamsFor(r *core.Req, v core.Values) []core.Option {
	verb := v.String("verb")
	if (verb == "lead" || verb == "unlead") && !mayEditTeams(r) {
		return nil
	}
	all, err := r.Tx.Teams()
	if err != nil {
		a.Log.Error("teams: the teams to choose from", "member", r.Me.ID, "err", err)
	}
	var out []core.Option
	for _, tm := range all {
		if tm.Archived && verb == "add" {
			continue
		}
		ok, err := a.mayManageTeam(r, tm)
		if err != nil {
			a.Log.Error("teams: may manage", "member", r.Me.ID, "team", tm.ID, "err", err)
		}
		if ok {
			out = append(out, core.Option{Key: core.Itoa(tm.ID), Zh: tm.Name})
		}
	}
	return out
}

// chosenTeam is the team of the answers.
func (a *Teams) chosenTeam(r *core.Req, v core.Values) (storage.Team, error) {
	id, _ := core.IdArg(v.String("team"))
	return r.Tx.Team(id)
}

func (a *Teams) askWho(r *core.Req, v core.Values) string {
	tm, err := a.chosenTeam(r, v)
	if err != nil && !core.IsNotFound(err) {
		a.Log.Error("teams: the team chosen", "member", r.Me.ID, "err", err)
	}
	return r.T(askWhoKeys[v.String("verb")], core.Esc(tm.Name))
}

// peopleFor are those the verb can be about: the residents not in the
// team to add; its members to remove; its members who do not lead it to
// make leads; its leads to stop leading.
func (a *Teams) peopleFor(r *core.Req, v core.Values) ([]storage.Member, error) {
	tm, err := a.chosenTeam(r, v)
	if core.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	switch v.String("verb") {
	case "add":
		all, err := r.Tx.Residents()
		if err != nil {
			return nil, err
		}
		return without(r.Tx, all, func(id int64) (bool, error) { return r.Tx.InTeam(tm.ID, id) })
	case "remove":
		return r.Tx.TeamMembers(tm.ID)
	case "lead":
		members, err := r.Tx.TeamMembers(tm.ID)
		if err != nil {
			return nil, err
		}
		return without(r.Tx, members, func(id int64) (bool, error) { return r.Tx.IsTeamLead(tm.ID, id) })
	case "unlead":
		return r.Tx.TeamLeads(tm.ID)
	}
	return nil, nil
}

// without is people but those out says to leave out.
func without(_ *storage.Tx, people []storage.Member, out func(int64) (bool, error)) ([]storage.Member, error) {
	var keep []storage.Member
	for _, m := range people {
		skip, err := out(m.ID)
		if err != nil {
			return nil, err
		}
		if !skip {
			keep = append(keep, m)
		}
	}
	return keep, nil
}

// showPerson is a person's name and home on their button.
func showPerson(_ *core.Req, m storage.Member) string {
	home := strings.Trim(m.Building+"-"+m.Unit, "-")
	if home == "" {
		return m.Name
	}
	return m.Name + " · " + home
}

// peopleDone adds, removes, makes lead or stops leading the one chosen,
// checked again as the command would.
func (a *Teams) peopleDone(r *core.Req, v core.Values) error {
	tm, err := a.chosenTeam(r, v)
	if core.IsNotFound(err) {
		return r.Reply(r.T("error.stale_button"), nil)
	}
	if err != nil {
		return err
	}
	m, err := r.Tx.Member(v.Int("who"))
	if core.IsNotFound(err) {
		return r.Reply(r.T("grant.unknown_user"), nil)
	}
	if err != nil {
		return err
	}
	switch verb := v.String("verb"); verb {
	case "add", "remove":
		return a.teamMember(r, verb == "add", tm, m)
	case "lead", "unlead":
		return a.teamLead(r, verb == "lead", tm, m)
	}
	return r.Reply(r.T("error.stale_button"), nil)
}
