package teams

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// teamButton routes the tm: buttons: tm:<action>:<id>[:<arg>]. Every
// press is authorised here again, whoever was shown the button.
func (a *Teams) teamButton(r *core.Req) error {
	parts := core.ButtonArgs(r.CB.Data, "tm:")
	id, ok := parts.Id(1)
	if !ok || !r.Private() {
		return r.Toast(r.T("error.stale_button"))
	}
	switch parts[0] {
	case "ok", "no":
		return a.decideRequest(r, id, parts[0] == "ok")
	}
	tm, err := r.Tx.Team(id)
	if core.IsNotFound(err) {
		return r.Toast(r.T("error.stale_button"))
	}
	if err != nil {
		return err
	}
	switch parts[0] {
	case "view":
		if err := r.Toast(""); err != nil {
			return err
		}
		text, kb, err := a.teamPage(r, tm)
		if err != nil {
			return err
		}
		return r.Reply(text, kb)
	case "join":
		return a.joinTeam(r, tm)
	case "leave":
		return a.askLeave(r, tm)
	case "leavey":
		return a.leaveTeam(r, tm)
	case "stay":
		if err := r.Toast(""); err != nil {
			return err
		}
		return r.Edit(r.T("team.stayed", core.Esc(tm.Name)), nil)
	}
	if !mayEditTeams(r) {
		return r.Toast(r.T("team.staff_only"))
	}
	return a.staffTeamButton(r, tm, parts[0], parts.Arg(2))
}

// staffTeamButton: the buttons of a team's page that only staff get.
func (a *Teams) staffTeamButton(r *core.Req, tm storage.Team, action, arg string) error {
	id := core.Itoa(tm.ID)
	switch action {
	case "leads":
		return a.showLeadPicker(r, tm)
	case "lead":
		mid, ok := core.IdArg(arg)
		if !ok {
			return r.Toast(r.T("error.stale_button"))
		}
		return a.toggleLead(r, tm, mid)
	case "restr":
		if err := r.Tx.SetTeamRestricted(tm.ID, arg == "1"); err != nil {
			return err
		}
		tm.Restricted = arg == "1"
		return a.refreshTeamPage(r, tm)
	case "arch":
		kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
			{Text: r.T("button.team_archive"), CallbackData: "tm:archy:" + id},
			r.AnswerButton(core.AnswerCancel, "tm:view:"+id),
		}}}
		if err := r.Toast(""); err != nil {
			return err
		}
		return r.Reply(r.T("team.archive_confirm", core.Esc(tm.Name)), kb)
	case "archy", "unarch":
		if tm.Archived == (action == "archy") {
			return r.Toast(r.T("error.stale_button"))
		}
		if err := r.Tx.SetTeamArchived(tm.ID, action == "archy"); err != nil {
			return err
		}
		tm.Archived = action == "archy"
		return a.refreshTeamPage(r, tm)
	case "ren":
		if err := r.Toast(""); err != nil {
			return err
		}
		return a.startRename(r, tm)
	}
	return r.Toast(r.T("error.stale_button"))
}

// refreshTeamPage shows the team's page again in place of the pressed message.
func (a *Teams) refreshTeamPage(r *core.Req, tm storage.Team) error {
	text, kb, err := a.teamPage(r, tm)
	if err != nil {
		return err
	}
	if err := r.Toast(r.T("team.saved")); err != nil {
		return err
	}
	return r.Edit(text, kb)
}

// maxLeadButtons bounds the lead picker; others are set with /team lead.
const maxLeadButtons = 30

// showLeadPicker lists the team's members with a star for each lead; a
// press sets or unsets the lead.
func (a *Teams) showLeadPicker(r *core.Req, tm storage.Team) error {
	members, err := r.Tx.TeamMembers(tm.ID)
	if err != nil {
		return err
	}
	if len(members) == 0 {
		return r.Toast(r.T("team.no_members_to_lead", tm.Name))
	}
	var rows [][]telegram.Button
	for _, m := range members[:min(len(members), maxLeadButtons)] {
		lead, err := r.Tx.IsTeamLead(tm.ID, m.ID)
		if err != nil {
			return err
		}
		mark := "☆ "
		if lead {
			mark = "★ "
		}
		rows = append(rows, []telegram.Button{{Text: mark + core.LimitRunes(m.Name, 40), CallbackData: "tm:lead:" + core.Itoa(tm.ID) + ":" + core.Itoa(m.ID)}})
	}
	rows = append(rows, []telegram.Button{{Text: r.T("button.team_back"), CallbackData: "tm:view:" + core.Itoa(tm.ID)}})
	text := r.T("team.lead_picker", core.Esc(tm.Name), maxLeadButtons)
	kb := telegram.Keyboard{InlineKeyboard: rows}
	if r.Msg != nil && strings.HasPrefix(r.CB.Data, "tm:lead:") {
		return r.Edit(text, kb)
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return r.Reply(text, kb)
}

// toggleLead sets or unsets member mid as a lead of tm; they must be in it.
func (a *Teams) toggleLead(r *core.Req, tm storage.Team, mid int64) error {
	in, err := r.Tx.InTeam(tm.ID, mid)
	if err != nil {
		return err
	}
	if !in {
		return r.Toast(r.T("error.stale_button"))
	}
	lead, err := r.Tx.IsTeamLead(tm.ID, mid)
	if err != nil {
		return err
	}
	if err := r.Tx.SetTeamLead(tm.ID, mid, !lead, r.Now); err != nil {
		return err
	}
	a.Audit(r, "team.lead", core.MemberTarget(mid), map[string]any{"team": tm.ID, "lead": !lead})
	if !lead {
		if err := a.TellMember(r, mid, nil, "team.told_lead", core.Esc(tm.Name)); err != nil {
			return err
		}
	}
	if err := r.Toast(r.T("team.saved")); err != nil {
		return err
	}
	return a.showLeadPicker(r, tm)
}
