package announce

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// Flow is the name of the announcement conversation.
const Flow = "announce"

// annData is the announcement conversation's state before the draft exists.
type annData struct {
	Audience  string   `json:"audience,omitempty"`
	Buildings []string `json:"buildings,omitempty"`
	TeamID    int64    `json:"team,omitempty"`
}

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

// announce starts /announce: who should receive it?
func (a *Announce) announce(r *core.Req) error {
	auds := a.Audiences(r)
	if len(auds) == 0 {
		return r.Reply(r.T("error.forbidden", "/announce"), nil)
	}
	if err := a.setAnnFlow(r, "audience", annData{}); err != nil {
		return err
	}
	var rows [][]telegram.Button
	for _, au := range auds {
		rows = append(rows, []telegram.Button{{Text: r.T("ann.audience." + au), CallbackData: "an:a:" + au}})
	}
	rows = append(rows, []telegram.Button{{Text: r.T("button.cancel"), CallbackData: "an:x"}})
	return r.Reply(r.T("ann.ask_audience"), telegram.Keyboard{InlineKeyboard: rows})
}

func (a *Announce) setAnnFlow(r *core.Req, step string, d annData) error {
	return r.SetFlow(Flow, step, d)
}

// announceButton routes the "an:" buttons.
func (a *Announce) announceButton(r *core.Req) error {
	parts := strings.SplitN(strings.TrimPrefix(r.CB.Data, "an:"), ":", 2)
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
	if !r.Private() || len(a.Audiences(r)) == 0 {
		return r.Toast(r.T("error.stale_button"))
	}
	var d annData
	f, ok, err := r.FlowFor(Flow, &d)
	if !ok || err != nil {
		return err
	}
	switch parts[0] {
	case "x":
		return r.EndFlowSaying(r.T("cancel.done"))
	case "a":
		return a.pickAudience(r, arg)
	case "b":
		if f.Step != "buildings" || !core.ContainsStr(a.AnnounceBuildings(r), arg) {
			return r.Toast(r.T("error.stale_button"))
		}
		if core.ContainsStr(d.Buildings, arg) {
			d.Buildings = core.RemoveStr(d.Buildings, arg)
		} else {
			d.Buildings = append(d.Buildings, arg)
		}
		if err := a.setAnnFlow(r, "buildings", d); err != nil {
			return err
		}
		return r.Edit(r.T("ann.ask_buildings"), a.buildingToggles(r, d))
	case "bd":
		if f.Step != "buildings" || len(d.Buildings) == 0 {
			return r.Toast(r.T("ann.pick_one"))
		}
		return a.askAnnText(r, d)
	case "t":
		id, ok := core.IdArg(arg)
		if f.Step != "team" || !ok {
			return r.Toast(r.T("error.stale_button"))
		}
		if _, err := r.Tx.Team(id); err != nil {
			if core.IsNotFound(err) {
				return r.Toast(r.T("error.stale_button"))
			}
			return err
		}
		d.TeamID = id
		return a.askAnnText(r, d)
	}
	return r.Toast(r.T("error.stale_button"))
}

func (a *Announce) pickAudience(r *core.Req, au string) error {
	if !core.ContainsStr(a.Audiences(r), au) {
		return r.Toast(r.T("error.stale_button"))
	}
	d := annData{Audience: au}
	switch au {
	case storage.AudienceBuildingGroups, storage.AudienceBuildingPersons:
		if err := a.setAnnFlow(r, "buildings", d); err != nil {
			return err
		}
		return r.Edit(r.T("ann.ask_buildings"), a.buildingToggles(r, d))
	case storage.AudienceTeam:
		teams, err := r.Tx.Teams()
		if err != nil {
			return err
		}
		if len(teams) == 0 {
			return r.Toast(r.T("ann.no_teams"))
		}
		var rows [][]telegram.Button
		for _, tm := range teams {
			rows = append(rows, []telegram.Button{{Text: tm.Name, CallbackData: "an:t:" + core.Itoa(tm.ID)}})
		}
		if err := a.setAnnFlow(r, "team", d); err != nil {
			return err
		}
		return r.Edit(r.T("ann.ask_team"), telegram.Keyboard{InlineKeyboard: rows})
	}
	return a.askAnnText(r, d)
}

func (a *Announce) buildingToggles(r *core.Req, d annData) telegram.Keyboard {
	var rows [][]telegram.Button
	var row []telegram.Button
	for _, b := range a.AnnounceBuildings(r) {
		label := b
		if core.ContainsStr(d.Buildings, b) {
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
	rows = append(rows, []telegram.Button{{Text: r.T("ann.buildings_done"), CallbackData: "an:bd"}, {Text: r.T("button.cancel"), CallbackData: "an:x"}})
	return telegram.Keyboard{InlineKeyboard: rows}
}

func (a *Announce) askAnnText(r *core.Req, d annData) error {
	if err := a.setAnnFlow(r, "text", d); err != nil {
		return err
	}
	if err := r.Edit(r.T("ann.audience_chosen", a.DescribeAudience(r, d.Audience, d.Buildings, d.TeamID)), nil); err != nil {
		return err
	}
	return r.Reply(r.T("ann.ask_text"), telegram.ForceReply{ForceReply: true})
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
