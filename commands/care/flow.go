package care

import (
	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// FlowCare is the conversation that adds a household or changes one of
// its fields.
const FlowCare = "care"

// careData is a household being added (ID 0) or the one whose field is
// being changed, and what was answered so far.
type careData struct {
	ID         int64  `json:"id,omitempty"`
	Building   string `json:"b,omitempty"`
	Unit       string `json:"u,omitempty"`
	Name       string `json:"n,omitempty"`
	Reason     string `json:"r,omitempty"`
	ReasonText string `json:"rt,omitempty"`
	Contact    string `json:"c,omitempty"`
}

// careLimits are the longest answers per step, in characters.
var careLimits = map[string]int{"unit": core.MaxUnit, "name": maxCareName, "reason_text": maxCareReason,
	"contact": maxCareContact, "notes": maxCareNotes}

// careAsk moves the care conversation to step and asks its question.
func (a *Care) careAsk(r *core.Req, d careData, step string) error {
	if err := r.SetFlow(FlowCare, step, d); err != nil {
		return err
	}
	switch step {
	case "building":
		var rows [][]telegram.Button
		var row []telegram.Button
		for _, b := range a.Cfg.Community.Buildings {
			row = append(row, telegram.Button{Text: b, CallbackData: "cr:b:" + b})
			if len(row) == 4 {
				rows, row = append(rows, row), nil
			}
		}
		if len(row) > 0 {
			rows = append(rows, row)
		}
		return r.Reply(r.T("care.ask_building"), telegram.Keyboard{InlineKeyboard: rows})
	case "reason":
		var rows [][]telegram.Button
		for _, k := range careReasons {
			rows = append(rows, []telegram.Button{{Text: r.T("care.reason." + k), CallbackData: "cr:r:" + k}})
		}
		return r.Reply(r.T("care.ask_reason"), telegram.Keyboard{InlineKeyboard: rows})
	case "contact", "notes":
		label := "care.button_skip"
		if d.ID != 0 {
			label = "care.button_clear"
		}
		kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: r.T(label), CallbackData: "cr:skip"}}}}
		return r.Reply(r.T("care.ask_"+step, careLimits[step]), kb)
	case "visitor":
		return r.Reply(r.T("care.ask_visitor"), telegram.ForceReply{ForceReply: true})
	}
	return r.Reply(r.T("care.ask_"+step, careLimits[step]), telegram.ForceReply{ForceReply: true})
}

// careText takes what staff typed at the care conversation's step.
func (a *Care) careText(r *core.Req, f storage.Flow) error {
	var d careData
	if !a.mayEditCare(r) || core.JsonInto(f.Data, &d) != nil {
		if err := r.Tx.EndFlow(r.Me.ID); err != nil {
			return err
		}
		return r.Reply(r.T("care.staff_only"), nil)
	}
	switch f.Step {
	case "building", "reason":
		return r.Reply(r.T("care.use_buttons"), nil)
	case "visitor":
		return a.visitorByText(r, d)
	}
	value := core.CleanLine(r.Text)
	if f.Step == "notes" {
		value = core.CleanText(r.Text)
	}
	if value == "" {
		return r.Reply(r.T("care.ask_"+f.Step, careLimits[f.Step]), nil)
	}
	if n, limit := core.RuneLen(value), careLimits[f.Step]; n > limit {
		return r.Reply(r.T("care.too_long", r.T("care.field."+f.Step), n, limit), nil)
	}
	return a.careAnswer(r, d, f.Step, value)
}

// careFlowButton takes a building, a reason or Skip pressed in the care
// conversation.
func (a *Care) careFlowButton(r *core.Req, parts []string) error {
	var d careData
	f, ok, err := r.FlowFor(FlowCare, &d)
	if !ok || err != nil {
		return err
	}
	arg := ""
	if len(parts) > 1 {
		arg = parts[1]
	}
	switch {
	case parts[0] == "b" && f.Step == "building" && a.Buildings[arg],
		parts[0] == "r" && f.Step == "reason" && validReason(arg),
		parts[0] == "skip" && (f.Step == "contact" || f.Step == "notes"):
	default:
		return r.Toast(r.T("error.stale_button"))
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	return a.careAnswer(r, d, f.Step, arg)
}

// careAnswer keeps value for step: a change is saved at once; an addition
// goes on to the next question, and is filed after the notes.
func (a *Care) careAnswer(r *core.Req, d careData, step, value string) error {
	if step == "reason" && value == "other" {
		d.Reason = value
		return a.careAsk(r, d, "reason_text")
	}
	if d.ID != 0 {
		return a.careSave(r, d, step, value)
	}
	next := map[string]string{"building": "unit", "unit": "name", "name": "reason", "reason": "contact",
		"reason_text": "contact", "contact": "notes"}
	switch step {
	case "building":
		d.Building = value
	case "unit":
		d.Unit = value
	case "name":
		d.Name = value
	case "reason":
		d.Reason = value
	case "reason_text":
		d.ReasonText = value
	case "contact":
		d.Contact = value
	case "notes":
		return a.careCreate(r, d, value)
	}
	return a.careAsk(r, d, next[step])
}

// careCreate files the household the conversation gathered.
func (a *Care) careCreate(r *core.Req, d careData, notes string) error {
	h := storage.Household{Building: d.Building, Unit: d.Unit, Name: d.Name, Reason: d.Reason, ReasonText: d.ReasonText,
		Contact: d.Contact, Notes: notes, CreatedBy: r.Me.ID}
	id, err := r.Tx.CreateHousehold(h, r.Now)
	if err != nil {
		return err
	}
	if err := a.logCare(r, id, "create", ""); err != nil {
		return err
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	return a.replyCarePage(r, id, "care.added")
}

// flowHousehold reads the household a conversation is about, with full
// access checked again; when it is gone or no longer theirs the
// conversation ends, the person is told, and ok is false.
func (a *Care) flowHousehold(r *core.Req, id int64) (h storage.Household, ok bool, err error) {
	h, err = r.Tx.Household(id)
	if err == nil {
		var acc careAccess
		if acc, err = a.mayReadHousehold(r, h); err == nil && acc != careFull {
			err = storage.ErrNotFound
		}
	}
	if core.IsNotFound(err) {
		if err := r.Tx.EndFlow(r.Me.ID); err != nil {
			return h, false, err
		}
		return h, false, r.Reply(r.T("care.gone"), nil)
	}
	return h, err == nil, err
}

// careSave changes one field of household d.ID.
func (a *Care) careSave(r *core.Req, d careData, step, value string) error {
	h, ok, err := a.flowHousehold(r, d.ID)
	if !ok {
		return err
	}
	field := step
	switch step {
	case "reason":
		err = r.Tx.SetHouseholdField(h.ID, "reason_text", "", r.Now)
	case "reason_text":
		field = "reason"
		if err = r.Tx.SetHouseholdField(h.ID, "reason", "other", r.Now); err == nil {
			err = r.Tx.SetHouseholdField(h.ID, "reason_text", value, r.Now)
		}
	}
	if err == nil && step != "reason_text" {
		err = r.Tx.SetHouseholdField(h.ID, step, value, r.Now)
	}
	if err != nil {
		return err
	}
	if err := a.logCare(r, h.ID, "edit", field); err != nil {
		return err
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	return a.replyCarePage(r, h.ID, "care.saved")
}

// replyCarePage sends household id's page after a change, headed by note.
func (a *Care) replyCarePage(r *core.Req, id int64, note string) error {
	h, err := r.Tx.Household(id)
	if err != nil {
		return err
	}
	text, kb, err := a.carePage(r, h)
	if err != nil {
		return err
	}
	return r.Reply(r.T(note)+"\n\n"+text, kb)
}

func validReason(k string) bool {
	for _, x := range careReasons {
		if x == k {
			return true
		}
	}
	return false
}
