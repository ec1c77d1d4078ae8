// Package teams is the volunteer teams: /teams and /team, joining and
// leaving (with requests to a restricted team's leads), leads, renaming
// and archiving, and the hours volunteers logged (/hours, the hours
// export, /stats's volunteering paragraph).
package teams

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// Teams is the volunteer teams over the core.
type Teams struct {
	*core.Core

	rename *core.Dialog // a team's new name
	people *core.Dialog // /team add|remove|lead|unlead: whom
}

// New returns the teams capability.
func New(c *core.Core) *Teams {
	a := &Teams{Core: c}
	a.rename = a.renameDialog()
	a.people = a.peopleDialog()
	return a
}

// mayEditTeams: creating, renaming, archiving teams and choosing their
// leads is for staff.
func mayEditTeams(r *core.Req) bool { return r.AtLeast(storage.RoleStaff) }

// mayManageTeam: staff and the team's leads manage its members, see them
// by name and decide on requests to join. Every command and button that
// does so asks here.
func (a *Teams) mayManageTeam(r *core.Req, tm storage.Team) (bool, error) {
	if mayEditTeams(r) {
		return true, nil
	}
	return r.Tx.IsTeamLead(tm.ID, r.Me.ID)
}

// Teams: /teams, the active teams with their member counts and a Join (or
// Leave) button each. In a group, one line with a link to the private chat.
func (a *Teams) Teams(r *core.Req) error {
	list, err := r.Tx.ActiveTeams()
	if err != nil {
		return err
	}
	if !r.Private() {
		return r.Reply(r.T("teams.in_group", len(list)), a.LinkKeyboard(r, "teams"))
	}
	if len(list) == 0 {
		return r.Reply(r.T("team.none", maxTeamName), nil)
	}
	var b strings.Builder
	b.WriteString(r.T("team.title") + "\n")
	var rows [][]telegram.Button
	for _, tm := range list {
		in, err := r.Tx.InTeam(tm.ID, r.Me.ID)
		if err != nil {
			return err
		}
		line := core.Esc(tm.Name) + " · " + r.N("team.count", tm.Members)
		if tm.Restricted {
			line += " · " + r.T("team.restricted_short")
		}
		if in {
			line += " · " + r.T("team.you_are_in")
		}
		b.WriteString(line + "\n")
		id := core.Itoa(tm.ID)
		btn := telegram.Button{Text: r.T("button.team_join", tm.Name), CallbackData: "tm:join:" + id}
		if in {
			btn = telegram.Button{Text: r.T("button.team_leave", tm.Name), CallbackData: "tm:leave:" + id}
		}
		rows = append(rows, []telegram.Button{btn, {Text: r.T("button.team_view"), CallbackData: "tm:view:" + id}})
	}
	b.WriteString("\n" + r.T("team.list_hint"))
	return r.Reply(b.String(), telegram.Keyboard{InlineKeyboard: rows})
}

// teamByName: /team <name>, one team.
func (a *Teams) teamByName(r *core.Req, name string) error {
	tm, ok, err := a.FindTeam(r, name)
	if !ok || err != nil {
		return err
	}
	text, kb, err := a.teamPage(r, tm)
	if err != nil {
		return err
	}
	return r.Reply(text, kb)
}

// teamPage is one team as the caller may see it: its leads, its members by
// name for those who manage it (the count for others), and the buttons the
// caller may use.
func (a *Teams) teamPage(r *core.Req, tm storage.Team) (string, any, error) {
	var kb any
	leads, err := r.Tx.TeamLeads(tm.ID)
	if err != nil {
		return "", kb, err
	}
	members, err := r.Tx.TeamMembers(tm.ID)
	if err != nil {
		return "", kb, err
	}
	manage, err := a.mayManageTeam(r, tm)
	if err != nil {
		return "", kb, err
	}
	var b strings.Builder
	b.WriteString("<b>" + core.Esc(tm.Name) + "</b>\n")
	switch {
	case tm.Archived:
		b.WriteString(r.T("team.is_archived") + "\n")
	case tm.Restricted:
		b.WriteString(r.T("team.is_restricted") + "\n")
	default:
		b.WriteString(r.T("team.is_open") + "\n")
	}
	b.WriteString(r.T("team.leads", names(r, leads, r.T("team.no_leads"))) + "\n")
	if manage {
		b.WriteString(r.T("team.members_named", len(members), names(r, members, "—")))
	} else {
		b.WriteString(r.T("team.members_count", len(members)))
	}
	in := false
	for _, m := range members {
		in = in || m.ID == r.Me.ID
	}
	id := core.Itoa(tm.ID)
	var rows [][]telegram.Button
	switch {
	case in:
		rows = append(rows, []telegram.Button{{Text: r.T("button.team_leave", tm.Name), CallbackData: "tm:leave:" + id}})
	case !tm.Archived:
		rows = append(rows, []telegram.Button{{Text: r.T("button.team_join", tm.Name), CallbackData: "tm:join:" + id}})
	}
	if mayEditTeams(r) {
		rows = append(rows, a.staffTeamButtons(r, tm)...)
	}
	if len(rows) > 0 {
		kb = telegram.Keyboard{InlineKeyboard: rows}
	}
	return b.String(), kb, nil
}

// staffTeamButtons: rename, leads, open/restricted, archive.
func (a *Teams) staffTeamButtons(r *core.Req, tm storage.Team) [][]telegram.Button {
	id := core.Itoa(tm.ID)
	if tm.Archived {
		return [][]telegram.Button{{{Text: r.T("button.team_unarchive"), CallbackData: "tm:unarch:" + id}}}
	}
	restrict := telegram.Button{Text: r.T("button.team_restrict"), CallbackData: "tm:restr:" + id + ":1"}
	if tm.Restricted {
		restrict = telegram.Button{Text: r.T("button.team_open"), CallbackData: "tm:restr:" + id + ":0"}
	}
	return [][]telegram.Button{
		{{Text: r.T("button.team_leads"), CallbackData: "tm:leads:" + id}, {Text: r.T("button.team_rename"), CallbackData: "tm:ren:" + id}},
		{restrict, {Text: r.T("button.team_archive"), CallbackData: "tm:arch:" + id}},
	}
}

// names joins the members' names in r's language, or says none.
func names(r *core.Req, ms []storage.Member, none string) string {
	if len(ms) == 0 {
		return none
	}
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = core.Esc(m.Name)
	}
	return r.ListJoin(out)
}
