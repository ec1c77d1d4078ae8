package commands

import (
	"encoding/json"
	"strings"
	"unicode"

	"courtyard/storage"
	"courtyard/telegram"
)

const (
	flowRegister = "register"
	maxUnit      = 16
)

type regData struct {
	Building string `json:"building"`
}

// start greets a person: a newcomer registers, a known resident sees their
// profile. In a group it points to the private chat.
func (a *App) start(r *req) error {
	if !r.private() {
		return r.reply(r.t("group.go_private"), a.linkKeyboard(r, "start"))
	}
	if !r.me.Registered() {
		return a.askBuilding(r, r.t("start.welcome", esc(a.cfg.Community.Name)))
	}
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	switch payload := r.args; {
	case payload == "report":
		return a.report(r)
	case payload == "wish":
		return a.wish(r)
	case payload == "teams" || payload == "team":
		return a.teams(r)
	case payload == "hours":
		r.args = ""
		return a.hours(r)
	case strings.HasPrefix(payload, "me_"):
		return a.followFromLink(r, strings.TrimPrefix(payload, "me_"))
	}
	return r.reply(a.profile(r), a.profileKeyboard(r))
}

// followFromLink follows a ticket after "me too" sent the person here.
func (a *App) followFromLink(r *req, arg string) error {
	id, ok := idArg(arg)
	if !ok {
		return r.reply(a.profile(r), a.profileKeyboard(r))
	}
	tk, err := r.tx.Ticket(id)
	if isNotFound(err) || (err == nil && (tk.State.Terminal() || tk.ReporterID == r.me.ID)) {
		return r.reply(r.t("ticket.not_found", id), nil)
	}
	if err != nil {
		return err
	}
	if _, err := r.tx.FollowTicket(id, r.me.ID, r.now); err != nil {
		return err
	}
	return r.reply(r.t("ticket.metoo_done", id), nil)
}

func (a *App) askBuilding(r *req, intro string) error {
	if err := r.tx.SetFlow(storage.Flow{UserID: r.me.ID, Name: flowRegister, Step: "building"}, r.now); err != nil {
		return err
	}
	return r.reply(intro+"\n"+r.t("start.ask_building"), a.buildingKeyboard())
}

func (a *App) buildingKeyboard() telegram.Keyboard {
	var rows [][]telegram.Button
	var row []telegram.Button
	for _, b := range a.cfg.Community.Buildings {
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
func (a *App) regButton(r *req) error {
	if !r.private() {
		return r.toast(r.t("error.stale_button"))
	}
	data := strings.TrimPrefix(r.cb.Data, "reg:")
	if data == "change" {
		if err := r.toast(""); err != nil {
			return err
		}
		return a.askBuilding(r, "")
	}
	building, ok := strings.CutPrefix(data, "b:")
	if !ok || !a.buildings[building] {
		return r.toast(r.t("error.stale_button"))
	}
	f, err := r.tx.Flow(r.me.ID)
	if isNotFound(err) || (err == nil && f.Name != flowRegister) {
		return r.toast(r.t("error.stale_button"))
	}
	if err != nil {
		return err
	}
	if err := r.setFlow(flowRegister, "unit", regData{Building: building}); err != nil {
		return err
	}
	if err := r.edit(r.t("start.building_chosen", esc(building)), nil); err != nil {
		return err
	}
	return r.reply(r.t("start.ask_unit", esc(building)),
		telegram.ForceReply{ForceReply: true, InputFieldPlaceholder: r.t("start.unit_placeholder")})
}

// regText takes the typed unit.
func (a *App) regText(r *req, f storage.Flow) error {
	if f.Step != "unit" {
		return r.reply(r.t("start.tap_building"), a.buildingKeyboard())
	}
	var d regData
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil || !a.buildings[d.Building] {
		return a.askBuilding(r, "")
	}
	if r.msg.Text == "" {
		return r.reply(r.t("start.unit_text_only"), telegram.ForceReply{ForceReply: true})
	}
	unit := cleanLine(r.text)
	switch {
	case unit == "":
		return r.reply(r.t("start.unit_text_only"), telegram.ForceReply{ForceReply: true})
	case runeLen(unit) > maxUnit:
		return r.reply(r.t("start.unit_too_long", maxUnit), telegram.ForceReply{ForceReply: true})
	case !validUnit(unit):
		return r.reply(r.t("start.unit_bad"), telegram.ForceReply{ForceReply: true})
	}
	if err := r.tx.Register(r.me.ID, d.Building, unit, r.now); err != nil {
		return err
	}
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	return r.reply(r.t("start.done", esc(d.Building), esc(unit)), a.mainMenu(r))
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

func (a *App) profile(r *req) string {
	var b strings.Builder
	b.WriteString(r.t("profile.title") + "\n")
	b.WriteString(r.t("profile.home", esc(r.me.Building), esc(r.me.Unit)) + "\n")
	b.WriteString(r.t("profile.role", r.t("role."+string(r.role))))
	if len(r.me.Leads) > 0 && r.role == storage.RoleLeader {
		b.WriteString("\n" + r.t("profile.leads", esc(strings.Join(r.me.Leads, ", "))))
	}
	b.WriteString("\n" + r.t("profile.language"))
	return b.String()
}

func (a *App) profileKeyboard(r *req) telegram.Keyboard {
	kb := a.mainMenu(r)
	kb.InlineKeyboard = append(kb.InlineKeyboard, []telegram.Button{
		{Text: r.t("profile.change"), CallbackData: "reg:change"},
	})
	return kb
}
