package calendar

import (
	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// audSel is who a scheduled notice or a meeting goes to: one of the
// announcement audiences, with its buildings or team.
type audSel struct {
	Audience  string   `json:"audience,omitempty"`
	Buildings []string `json:"buildings,omitempty"`
	TeamID    int64    `json:"team,omitempty"`
}

func (s audSel) groups() bool {
	return s.Audience == storage.AudienceGroups || s.Audience == storage.AudienceBuildingGroups
}

// asAnnouncement is the selection in the shape the announcement code reads.
func (s audSel) asAnnouncement() storage.Announcement {
	return storage.Announcement{Audience: s.Audience, Buildings: s.Buildings, TeamID: s.TeamID}
}

// mayScheduleFor is the one rule for who may schedule a notice or a meeting
// to an audience: the announcement rule (staff anything, leaders their own
// buildings' groups and residents).
func (a *Calendar) mayScheduleFor(r *core.Req, s audSel) bool {
	return s.Audience != "" && a.announce.MayAnnounce(r, s.asAnnouncement())
}

// audienceKeyboard is the audience buttons under prefix ("sc:", "mt:").
func (a *Calendar) audienceKeyboard(r *core.Req, prefix string) telegram.Keyboard {
	var rows [][]telegram.Button
	for _, au := range a.announce.Audiences(r) {
		rows = append(rows, []telegram.Button{{Text: r.T("ann.audience." + au), CallbackData: prefix + "a:" + au}})
	}
	rows = append(rows, []telegram.Button{{Text: r.T("button.cancel"), CallbackData: prefix + "x"}})
	return telegram.Keyboard{InlineKeyboard: rows}
}

// Where the audience picker is after a press.
const (
	audAsk  = iota // still choosing; the message was updated
	audDone        // sel is complete
)

// audiencePress takes a press of the picker (verb a, b, bd or t) at step
// ("audience", "buildings", "team"), updating sel. It returns the picker's
// next step name ("" when done or refused) and whether sel is complete.
func (a *Calendar) audiencePress(r *core.Req, prefix, step, verb, arg string, sel *audSel) (string, int, error) {
	switch verb {
	case "a":
		if step != "audience" || !core.ContainsStr(a.announce.Audiences(r), arg) {
			return "", audAsk, r.Toast(r.T("error.stale_button"))
		}
		*sel = audSel{Audience: arg}
		switch arg {
		case storage.AudienceBuildingGroups, storage.AudienceBuildingPersons:
			return "buildings", audAsk, r.Edit(r.T("ann.ask_buildings"), a.audBuildings(r, prefix, *sel))
		case storage.AudienceTeam:
			teams, err := r.Tx.Teams()
			if err != nil {
				return "", audAsk, err
			}
			if len(teams) == 0 {
				return "", audAsk, r.Toast(r.T("ann.no_teams"))
			}
			var rows [][]telegram.Button
			for _, tm := range teams {
				rows = append(rows, []telegram.Button{{Text: tm.Name, CallbackData: prefix + "t:" + core.Itoa(tm.ID)}})
			}
			return "team", audAsk, r.Edit(r.T("ann.ask_team"), telegram.Keyboard{InlineKeyboard: rows})
		}
		return "", audDone, nil
	case "b":
		if step != "buildings" || !core.ContainsStr(a.announce.AnnounceBuildings(r), arg) {
			return "", audAsk, r.Toast(r.T("error.stale_button"))
		}
		if core.ContainsStr(sel.Buildings, arg) {
			sel.Buildings = core.RemoveStr(sel.Buildings, arg)
		} else {
			sel.Buildings = append(sel.Buildings, arg)
		}
		return "buildings", audAsk, r.Edit(r.T("ann.ask_buildings"), a.audBuildings(r, prefix, *sel))
	case "bd":
		if step != "buildings" || len(sel.Buildings) == 0 {
			return "", audAsk, r.Toast(r.T("ann.pick_one"))
		}
		return "", audDone, nil
	case "t":
		id, ok := core.IdArg(arg)
		if step != "team" || !ok {
			return "", audAsk, r.Toast(r.T("error.stale_button"))
		}
		if _, err := r.Tx.Team(id); err != nil {
			if core.IsNotFound(err) {
				return "", audAsk, r.Toast(r.T("error.stale_button"))
			}
			return "", audAsk, err
		}
		sel.TeamID = id
		return "", audDone, nil
	}
	return "", audAsk, r.Toast(r.T("error.stale_button"))
}

func (a *Calendar) audBuildings(r *core.Req, prefix string, sel audSel) telegram.Keyboard {
	var rows [][]telegram.Button
	var row []telegram.Button
	for _, b := range a.announce.AnnounceBuildings(r) {
		label := b
		if core.ContainsStr(sel.Buildings, b) {
			label = "✓ " + b
		}
		row = append(row, telegram.Button{Text: label, CallbackData: prefix + "b:" + b})
		if len(row) == 4 {
			rows, row = append(rows, row), nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	rows = append(rows, []telegram.Button{{Text: r.T("ann.buildings_done"), CallbackData: prefix + "bd"},
		{Text: r.T("button.cancel"), CallbackData: prefix + "x"}})
	return telegram.Keyboard{InlineKeyboard: rows}
}
