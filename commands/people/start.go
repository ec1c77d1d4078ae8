package people

import (
	"encoding/json"
	"strings"
	"unicode"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// FlowRegister is the registration conversation's name.
const FlowRegister = "register"

type regData struct {
	Building string `json:"building"`
	Then     string `json:"then,omitempty"` // the deep link that sent a newcomer here, finished after registering
}

// start greets a person: a newcomer registers, a known resident sees their
// profile. In a group it points to the private chat.
func (a *People) start(r *core.Req) error {
	if !r.Private() {
		return r.Reply(r.T("group.go_private"), a.LinkKeyboard(r, "start"))
	}
	if !r.Me.Registered() {
		return a.AskBuildingThen(r, r.T("start.welcome", core.Esc(a.Cfg.Community.Name)), linkPayload(r.Args))
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	if done, err := a.openLink(r, r.Args); done || err != nil {
		return err
	}
	return r.Reply(a.profile(r), a.profileKeyboard(r))
}

// followFromLink follows a ticket after "me too" sent the person here.
func (a *People) followFromLink(r *core.Req, arg string) error {
	id, ok := core.IdArg(arg)
	if !ok {
		return r.Reply(a.profile(r), a.profileKeyboard(r))
	}
	tk, err := r.Tx.Ticket(id)
	if core.IsNotFound(err) || (err == nil && (tk.State.Terminal() || tk.ReporterID == r.Me.ID)) {
		return r.Reply(r.T("ticket.not_found", id), nil)
	}
	if err != nil {
		return err
	}
	if !a.tickets.MayFollow(r, tk) {
		return r.Reply(r.T("ticket.follow_building_only", core.Esc(tk.Building), id), nil)
	}
	if _, err := r.Tx.FollowTicket(id, r.Me.ID, r.Now); err != nil {
		return err
	}
	return r.Reply(r.T("ticket.metoo_done", id), nil)
}

// AskBuilding starts registration with intro.
func (a *People) AskBuilding(r *core.Req, intro string) error { return a.AskBuildingThen(r, intro, "") }

// AskBuildingThen starts registration, remembering the deep link then.
func (a *People) AskBuildingThen(r *core.Req, intro, then string) error {
	if err := r.SetFlow(FlowRegister, "building", regData{Then: then}); err != nil {
		return err
	}
	if intro != "" {
		intro += "\n"
	}
	if r.AtLeast(storage.RoleStaff) && !r.Me.Registered() {
		// Staff need no home: they may give one, or skip it.
		kb := a.BuildingKeyboard()
		kb.InlineKeyboard = append(kb.InlineKeyboard, []telegram.Button{{Text: r.T("button.skip"), CallbackData: "reg:skip"}})
		return r.Reply(intro+r.T("start.ask_building_staff"), kb)
	}
	return r.Reply(intro+r.T("start.ask_building"), a.BuildingKeyboard())
}

// skipHome ends a staff member's registration without a home.
func (a *People) skipHome(r *core.Req) error {
	if !r.AtLeast(storage.RoleStaff) || r.Me.Registered() {
		return r.Toast(r.T("error.stale_button"))
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	if err := r.Edit(r.T("start.home_skipped"), nil); err != nil {
		return err
	}
	return r.Reply(r.T("start.staff_ready", r.T("role."+string(r.Role))), a.mainMenu(r))
}

func (a *People) BuildingKeyboard() telegram.Keyboard {
	var rows [][]telegram.Button
	var row []telegram.Button
	for _, b := range a.Cfg.Community.Buildings {
		row = append(row, telegram.Button{Text: b, CallbackData: "reg:b:" + b})
		if len(row) == 4 {
			rows = append(rows, row)
			row = nil
		}
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return telegram.Keyboard{InlineKeyboard: rows}
}

// regButton takes the building buttons and "change my details".
func (a *People) regButton(r *core.Req) error {
	if !r.Private() {
		return r.Toast(r.T("error.stale_button"))
	}
	data := strings.TrimPrefix(r.CB.Data, "reg:")
	if data == "skip" {
		return a.skipHome(r)
	}
	if data == "change" {
		if err := r.Toast(""); err != nil {
			return err
		}
		return a.AskBuilding(r, "")
	}
	building, ok := strings.CutPrefix(data, "b:")
	if !ok || !a.Buildings[building] {
		return r.Toast(r.T("error.stale_button"))
	}
	f, err := r.Tx.Flow(r.Me.ID)
	if core.IsNotFound(err) || (err == nil && f.Name != FlowRegister) {
		return r.Toast(r.T("error.stale_button"))
	}
	if err != nil {
		return err
	}
	var d regData
	_ = json.Unmarshal([]byte(f.Data), &d) // a flow from before the deep link was kept has none
	if err := r.Edit(r.T("start.building_chosen", core.Esc(building)), nil); err != nil {
		return err
	}
	return a.askUnit(r, building, d.Then)
}

// askUnit asks for the unit in building.
func (a *People) askUnit(r *core.Req, building, then string) error {
	if err := r.SetFlow(FlowRegister, "unit", regData{Building: building, Then: then}); err != nil {
		return err
	}
	return r.Reply(r.T("start.ask_unit", core.Esc(building)),
		telegram.ForceReply{ForceReply: true, InputFieldPlaceholder: r.T("start.unit_placeholder")})
}

// regText takes the typed unit, or a building typed instead of pressed.
func (a *People) regText(r *core.Req, f storage.Flow) error {
	var d regData
	err := json.Unmarshal([]byte(f.Data), &d)
	if done, werr := a.regWords(r, f.Step, d); done || werr != nil {
		return werr
	}
	if err != nil || !a.Buildings[d.Building] {
		return a.AskBuildingThen(r, "", d.Then)
	}
	if r.Msg.Text == "" {
		return r.Reply(r.T("start.unit_text_only"), telegram.ForceReply{ForceReply: true})
	}
	unit := core.CleanLine(r.Text)
	switch {
	case unit == "":
		return r.Reply(r.T("start.unit_text_only"), telegram.ForceReply{ForceReply: true})
	case core.RuneLen(unit) > core.MaxUnit:
		return r.Reply(r.T("start.unit_too_long", core.MaxUnit), telegram.ForceReply{ForceReply: true})
	case !validUnit(unit):
		return r.Reply(r.T("start.unit_bad"), telegram.ForceReply{ForceReply: true})
	}
	if err := r.Tx.Register(r.Me.ID, d.Building, unit, r.Now); err != nil {
		return err
	}
	// What runs after, the menu's sync among it, sees the person registered.
	r.Me.Building, r.Me.Unit, r.Me.RegisteredAt = d.Building, unit, r.Now
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	if d.Then != "" {
		return a.registeredThen(r, d, unit)
	}
	return r.Reply(r.T("start.done", core.Esc(d.Building), core.Esc(unit)), a.mainMenu(r))
}

// validUnit accepts letters, digits and the usual separators: 502, 2-502, 3单元502室.
func validUnit(s string) bool {
	for _, c := range s {
		if !(unicode.IsLetter(c) || unicode.IsDigit(c) || strings.ContainsRune("-#/ ", c)) {
			return false
		}
	}
	return true
}

func (a *People) profile(r *core.Req) string {
	var b strings.Builder
	b.WriteString(r.T("profile.title") + "\n")
	b.WriteString(r.T("profile.home", core.Esc(r.Me.Building), core.Esc(r.Me.Unit)) + "\n")
	b.WriteString(r.T("profile.role", r.T("role."+string(r.Role))))
	if len(r.Me.Leads) > 0 && r.Role == storage.RoleLeader {
		b.WriteString("\n" + r.T("profile.leads", core.Esc(strings.Join(r.Me.Leads, ", "))))
	}
	b.WriteString("\n" + r.T("profile.language"))
	return b.String()
}

func (a *People) profileKeyboard(r *core.Req) telegram.Keyboard {
	kb := a.mainMenu(r)
	kb.InlineKeyboard = append(kb.InlineKeyboard, []telegram.Button{
		{Text: r.T("profile.change"), CallbackData: "reg:change"},
	})
	return kb
}
