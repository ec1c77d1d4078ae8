package commands

import (
	"strings"

	"courtyard/storage"
	"courtyard/telegram"
)

const flowAnnounce = "announce"

// annData is the announcement conversation's state before the draft exists.
type annData struct {
	Audience  string   `json:"audience,omitempty"`
	Buildings []string `json:"buildings,omitempty"`
	TeamID    int64    `json:"team,omitempty"`
}

// audiences lists what a person may announce to: staff anything, leaders
// the groups and residents of their own buildings.
func (a *App) audiences(r *req) []string {
	if r.atLeast(storage.RoleStaff) {
		return []string{storage.AudienceGroups, storage.AudienceBuildingGroups, storage.AudienceResidents,
			storage.AudienceBuildingPersons, storage.AudienceTeam, storage.AudienceLeaders}
	}
	if r.role == storage.RoleLeader && len(r.me.Leads) > 0 {
		return []string{storage.AudienceBuildingGroups, storage.AudienceBuildingPersons}
	}
	return nil
}

// announceBuildings are the buildings a person may pick.
func (a *App) announceBuildings(r *req) []string {
	if r.atLeast(storage.RoleStaff) {
		return a.cfg.Community.Buildings
	}
	return r.me.Leads
}

// announce starts /announce: who should receive it?
func (a *App) announce(r *req) error {
	auds := a.audiences(r)
	if len(auds) == 0 {
		return r.reply(r.t("error.forbidden", "/announce"), nil)
	}
	if err := a.setAnnFlow(r, "audience", annData{}); err != nil {
		return err
	}
	var rows [][]telegram.Button
	for _, au := range auds {
		rows = append(rows, []telegram.Button{{Text: r.t("ann.audience." + au), CallbackData: "an:a:" + au}})
	}
	rows = append(rows, []telegram.Button{{Text: r.t("button.cancel"), CallbackData: "an:x"}})
	return r.reply(r.t("ann.ask_audience"), telegram.Keyboard{InlineKeyboard: rows})
}

func (a *App) setAnnFlow(r *req, step string, d annData) error {
	return r.setFlow(flowAnnounce, step, d)
}

// announceButton routes the "an:" buttons.
func (a *App) announceButton(r *req) error {
	parts := strings.SplitN(strings.TrimPrefix(r.cb.Data, "an:"), ":", 2)
	arg := ""
	if len(parts) == 2 {
		arg = parts[1]
	}
	switch parts[0] {
	case "ack":
		return a.acknowledge(r, arg)
	case "send", "pin", "cancel":
		return a.finishAnnouncement(r, parts[0], arg)
	}
	if !r.private() || len(a.audiences(r)) == 0 {
		return r.toast(r.t("error.stale_button"))
	}
	var d annData
	f, ok, err := r.flowFor(flowAnnounce, &d)
	if !ok || err != nil {
		return err
	}
	switch parts[0] {
	case "x":
		return r.endFlowSaying(r.t("cancel.done"))
	case "a":
		return a.pickAudience(r, arg)
	case "b":
		if f.Step != "buildings" || !containsStr(a.announceBuildings(r), arg) {
			return r.toast(r.t("error.stale_button"))
		}
		if containsStr(d.Buildings, arg) {
			d.Buildings = removeStr(d.Buildings, arg)
		} else {
			d.Buildings = append(d.Buildings, arg)
		}
		if err := a.setAnnFlow(r, "buildings", d); err != nil {
			return err
		}
		return r.edit(r.t("ann.ask_buildings"), a.buildingToggles(r, d))
	case "bd":
		if f.Step != "buildings" || len(d.Buildings) == 0 {
			return r.toast(r.t("ann.pick_one"))
		}
		return a.askAnnText(r, d)
	case "t":
		id, ok := idArg(arg)
		if f.Step != "team" || !ok {
			return r.toast(r.t("error.stale_button"))
		}
		if _, err := r.tx.Team(id); err != nil {
			if isNotFound(err) {
				return r.toast(r.t("error.stale_button"))
			}
			return err
		}
		d.TeamID = id
		return a.askAnnText(r, d)
	}
	return r.toast(r.t("error.stale_button"))
}

func (a *App) pickAudience(r *req, au string) error {
	if !containsStr(a.audiences(r), au) {
		return r.toast(r.t("error.stale_button"))
	}
	d := annData{Audience: au}
	switch au {
	case storage.AudienceBuildingGroups, storage.AudienceBuildingPersons:
		if err := a.setAnnFlow(r, "buildings", d); err != nil {
			return err
		}
		return r.edit(r.t("ann.ask_buildings"), a.buildingToggles(r, d))
	case storage.AudienceTeam:
		teams, err := r.tx.Teams()
		if err != nil {
			return err
		}
		if len(teams) == 0 {
			return r.toast(r.t("ann.no_teams"))
		}
		var rows [][]telegram.Button
		for _, tm := range teams {
			rows = append(rows, []telegram.Button{{Text: tm.Name, CallbackData: "an:t:" + itoa(tm.ID)}})
		}
		if err := a.setAnnFlow(r, "team", d); err != nil {
			return err
		}
		return r.edit(r.t("ann.ask_team"), telegram.Keyboard{InlineKeyboard: rows})
	}
	return a.askAnnText(r, d)
}

func (a *App) buildingToggles(r *req, d annData) telegram.Keyboard {
	var rows [][]telegram.Button
	var row []telegram.Button
	for _, b := range a.announceBuildings(r) {
		label := b
		if containsStr(d.Buildings, b) {
			label = "✓ " + b
		}
		row = append(row, telegram.Button{Text: label, CallbackData: "an:b:" + b})
		if len(row) == 4 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	rows = append(rows, []telegram.Button{{Text: r.t("ann.buildings_done"), CallbackData: "an:bd"}, {Text: r.t("button.cancel"), CallbackData: "an:x"}})
	return telegram.Keyboard{InlineKeyboard: rows}
}

func (a *App) askAnnText(r *req, d annData) error {
	if err := a.setAnnFlow(r, "text", d); err != nil {
		return err
	}
	if err := r.edit(r.t("ann.audience_chosen", a.describeAudience(r, d.Audience, d.Buildings, d.TeamID)), nil); err != nil {
		return err
	}
	return r.reply(r.t("ann.ask_text"), telegram.ForceReply{ForceReply: true})
}

func (a *App) describeAudience(r *req, au string, bs []string, team int64) string {
	s := r.t("ann.audience." + au)
	switch {
	case len(bs) > 0:
		s += r.t("list.note", esc(a.listJoin(r.lang, bs)))
	case team != 0:
		if tm, err := r.tx.Team(team); err == nil {
			s += r.t("list.note", esc(tm.Name))
		}
	}
	return s
}

func removeStr(ss []string, s string) []string {
	var out []string
	for _, x := range ss {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}
