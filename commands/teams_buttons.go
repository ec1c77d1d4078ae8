package commands

import (
	"encoding/json"
	"strings"

	"courtyard/storage"
	"courtyard/telegram"
)

const flowTeamRename = "team_rename"

// teamButton routes the tm: buttons: tm:<action>:<id>[:<arg>]. Every
// press is authorised here again, whoever was shown the button.
func (a *App) teamButton(r *req) error {
	parts := buttonArgs(r.cb.Data, "tm:")
	id, ok := parts.id(1)
	if !ok || !r.private() {
		return r.toast(r.t("error.stale_button"))
	}
	switch parts[0] {
	case "ok", "no":
		return a.decideRequest(r, id, parts[0] == "ok")
	}
	tm, err := r.tx.Team(id)
	if isNotFound(err) {
		return r.toast(r.t("error.stale_button"))
	}
	if err != nil {
		return err
	}
	switch parts[0] {
	case "view":
		if err := r.toast(""); err != nil {
			return err
		}
		text, kb, err := a.teamPage(r, tm)
		if err != nil {
			return err
		}
		return r.reply(text, kb)
	case "join":
		return a.joinTeam(r, tm)
	case "leave":
		return a.askLeave(r, tm)
	case "leavey":
		return a.leaveTeam(r, tm)
	case "stay":
		if err := r.toast(""); err != nil {
			return err
		}
		return r.edit(r.t("team.stayed", esc(tm.Name)), nil)
	}
	if !mayEditTeams(r) {
		return r.toast(r.t("team.staff_only"))
	}
	return a.staffTeamButton(r, tm, parts[0], parts.arg(2))
}

// staffTeamButton: the buttons of a team's page that only staff get.
func (a *App) staffTeamButton(r *req, tm storage.Team, action, arg string) error {
	id := itoa(tm.ID)
	switch action {
	case "leads":
		return a.showLeadPicker(r, tm)
	case "lead":
		mid, ok := idArg(arg)
		if !ok {
			return r.toast(r.t("error.stale_button"))
		}
		return a.toggleLead(r, tm, mid)
	case "restr":
		if err := r.tx.SetTeamRestricted(tm.ID, arg == "1"); err != nil {
			return err
		}
		tm.Restricted = arg == "1"
		return a.refreshTeamPage(r, tm)
	case "arch":
		kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
			{Text: r.t("button.team_archive"), CallbackData: "tm:archy:" + id},
			{Text: r.t("button.cancel"), CallbackData: "tm:view:" + id},
		}}}
		if err := r.toast(""); err != nil {
			return err
		}
		return r.reply(r.t("team.archive_confirm", esc(tm.Name)), kb)
	case "archy", "unarch":
		if tm.Archived == (action == "archy") {
			return r.toast(r.t("error.stale_button"))
		}
		if err := r.tx.SetTeamArchived(tm.ID, action == "archy"); err != nil {
			return err
		}
		tm.Archived = action == "archy"
		return a.refreshTeamPage(r, tm)
	case "ren":
		data, _ := json.Marshal(tm.ID)
		if err := r.tx.SetFlow(storage.Flow{UserID: r.me.ID, Name: flowTeamRename, Step: "name", Data: string(data)}, r.now); err != nil {
			return err
		}
		if err := r.toast(""); err != nil {
			return err
		}
		return r.reply(r.t("team.ask_name", esc(tm.Name), maxTeamName), telegram.ForceReply{ForceReply: true})
	}
	return r.toast(r.t("error.stale_button"))
}

// refreshTeamPage shows the team's page again in place of the pressed message.
func (a *App) refreshTeamPage(r *req, tm storage.Team) error {
	text, kb, err := a.teamPage(r, tm)
	if err != nil {
		return err
	}
	if err := r.toast(r.t("team.saved")); err != nil {
		return err
	}
	return r.edit(text, kb)
}

// maxLeadButtons bounds the lead picker; others are set with /team lead.
const maxLeadButtons = 30

// showLeadPicker lists the team's members with a star for each lead; a
// press sets or unsets the lead.
func (a *App) showLeadPicker(r *req, tm storage.Team) error {
	members, err := r.tx.TeamMembers(tm.ID)
	if err != nil {
		return err
	}
	if len(members) == 0 {
		return r.toast(r.t("team.no_members_to_lead", tm.Name))
	}
	var rows [][]telegram.Button
	for _, m := range members[:min(len(members), maxLeadButtons)] {
		lead, err := r.tx.IsTeamLead(tm.ID, m.ID)
		if err != nil {
			return err
		}
		mark := "☆ "
		if lead {
			mark = "★ "
		}
		rows = append(rows, []telegram.Button{{Text: mark + limitRunes(m.Name, 40), CallbackData: "tm:lead:" + itoa(tm.ID) + ":" + itoa(m.ID)}})
	}
	rows = append(rows, []telegram.Button{{Text: r.t("button.team_back"), CallbackData: "tm:view:" + itoa(tm.ID)}})
	text := r.t("team.lead_picker", esc(tm.Name), maxLeadButtons)
	kb := telegram.Keyboard{InlineKeyboard: rows}
	if r.msg != nil && strings.HasPrefix(r.cb.Data, "tm:lead:") {
		return r.edit(text, kb)
	}
	if err := r.toast(""); err != nil {
		return err
	}
	return r.reply(text, kb)
}

// toggleLead sets or unsets member mid as a lead of tm; they must be in it.
func (a *App) toggleLead(r *req, tm storage.Team, mid int64) error {
	in, err := r.tx.InTeam(tm.ID, mid)
	if err != nil {
		return err
	}
	if !in {
		return r.toast(r.t("error.stale_button"))
	}
	lead, err := r.tx.IsTeamLead(tm.ID, mid)
	if err != nil {
		return err
	}
	if err := r.tx.SetTeamLead(tm.ID, mid, !lead, r.now); err != nil {
		return err
	}
	a.audit(r, "team.lead", memberTarget(mid), map[string]any{"team": tm.ID, "lead": !lead})
	if !lead {
		if err := a.tellMember(r, mid, nil, "team.told_lead", esc(tm.Name)); err != nil {
			return err
		}
	}
	if err := r.toast(r.t("team.saved")); err != nil {
		return err
	}
	return a.showLeadPicker(r, tm)
}

// teamRenameText takes the new name typed after Rename.
func (a *App) teamRenameText(r *req, f storage.Flow) error {
	var id int64
	if err := json.Unmarshal([]byte(f.Data), &id); err != nil {
		return r.tx.EndFlow(r.me.ID)
	}
	if !mayEditTeams(r) {
		if err := r.tx.EndFlow(r.me.ID); err != nil {
			return err
		}
		return r.reply(r.t("team.staff_only"), nil)
	}
	tm, err := r.tx.Team(id)
	if isNotFound(err) {
		return r.tx.EndFlow(r.me.ID)
	}
	if err != nil {
		return err
	}
	name := strings.Join(strings.Fields(cleanLine(r.text)), " ")
	if bad, err := a.badTeamName(r, name, tm.ID); bad || err != nil {
		return err
	}
	if err := r.tx.RenameTeam(tm.ID, name); err != nil {
		return err
	}
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	return r.reply(r.t("team.renamed", esc(tm.Name), esc(name)), nil)
}
