package care

import (
	"slices"

	"courtyard/commands/core"
	"courtyard/storage"
)

// FlowCare is the conversation that adds a household or changes one of
// its fields.
const FlowCare = "care"

// What the care conversations keep with their answers.
const (
	vID    = "id"    // the household being changed; absent while one is added
	vField = "field" // the field being changed
)

// careLimits are the longest answers per step, in characters.
var careLimits = map[string]int{"unit": core.MaxUnit, "name": maxCareName, "reason_text": maxCareReason,
	"contact": maxCareContact, "notes": maxCareNotes}

// householdDialog asks for a new household's building, unit, name, why
// they need care (in words when "other"), contact and staff notes, and
// confirms before filing it; to change a field, seeded with vID and
// vField, it asks that field alone and saves it at once.
func (a *Care) householdDialog() *core.Dialog {
	asks := func(fields ...string) func(core.Values) bool {
		return func(v core.Values) bool { return v.Int(vID) == 0 || slices.Contains(fields, v.String(vField)) }
	}
	other := func(v core.Values) bool { return asks("reason")(v) && v.String("reason") == "other" }
	text := func(field, label string) core.TextStep {
		return core.TextStep{Name: field, Label: label, Ask: a.askField(field), Parse: a.parseField(field)}
	}
	optional := func(field string) core.OptionalStep {
		return core.OptionalStep{TextStep: text(field, "care.field."+field), Skip: a.skipLabel}
	}
	return &core.Dialog{
		Name: FlowCare,
		Min:  core.StaffUp,
		Steps: []core.Step{
			core.OnlyIf(asks("building"), core.ChoiceStep{Name: "building", Label: "care.field.building",
				Ask: a.askField("building"), Options: a.buildings}),
			core.OnlyIf(asks("unit"), text("unit", "care.field.unit")),
			core.OnlyIf(asks("name"), text("name", "care.field.name")),
			core.OnlyIf(asks("reason"), core.ChoiceStep{Name: "reason", Label: "care.field.reason",
				Ask: a.askField("reason"), Options: a.reasonOptions}),
			core.OnlyIf(other, text("reason_text", "care.label.reason_text")),
			core.OnlyIf(asks("contact"), optional("contact")),
			core.OnlyIf(asks("notes"), optional("notes")),
			core.OnlyIf(func(v core.Values) bool { return v.Int(vID) == 0 }, core.ConfirmStep{Name: "ok", Summary: a.addSummary}),
		},
		Done: a.householdDone,
	}
}

// askField is the question of a field, with its limit.
func (a *Care) askField(field string) func(*core.Req, core.Values) string {
	return func(r *core.Req, _ core.Values) string {
		if limit, ok := careLimits[field]; ok {
			return r.T("care.ask_"+field, limit)
		}
		return r.T("care.ask_" + field)
	}
}

// skipLabel is Skip while adding, Clear it while changing.
func (a *Care) skipLabel(r *core.Req, v core.Values) string {
	if v.Int(vID) != 0 {
		return r.T("care.button_clear")
	}
	return r.T("care.button_skip")
}

// parseField reads a field typed: one line (the notes may have several),
// not empty, within its limit.
func (a *Care) parseField(field string) func(*core.Req, core.Values, string) (any, string) {
	return func(r *core.Req, _ core.Values, text string) (any, string) {
		value := core.CleanLine(text)
		if field == "notes" {
			value = core.CleanText(text)
		}
		if value == "" {
			return nil, r.T("care.ask_"+field, careLimits[field])
		}
		if n, limit := core.RuneLen(value), careLimits[field]; n > limit {
			return nil, r.T("care.too_long", r.T("care.field."+field), n, limit)
		}
		return value, ""
	}
}

// reasonOptions are why a household needs care.
func (a *Care) reasonOptions(*core.Req, core.Values) []core.Option {
	var opts []core.Option
	for _, k := range careReasons {
		opts = append(opts, a.Option(k, "care.reason."+k))
	}
	return opts
}

// householdOf is the household the answers describe.
func householdOf(v core.Values) storage.Household {
	h := storage.Household{Building: v.String("building"), Unit: v.String("unit"), Name: v.String("name"),
		Reason: v.String("reason"), Contact: v.String("contact"), Notes: v.String("notes")}
	if h.Reason == "other" {
		h.ReasonText = v.String("reason_text")
	}
	return h
}

// addSummary is the household about to be added, as staff will see it.
func (a *Care) addSummary(r *core.Req, v core.Values) string {
	return r.T("care.confirm_add", a.householdText(r, householdOf(v), careFull))
}

// householdDone files the new household, or saves the field changed.
func (a *Care) householdDone(r *core.Req, v core.Values) error {
	if !a.mayEditCare(r) {
		return r.Reply(r.T("care.staff_only"), nil)
	}
	if v.Int(vID) != 0 {
		return a.careSave(r, v)
	}
	h := householdOf(v)
	h.CreatedBy = r.Me.ID
	id, err := r.Tx.CreateHousehold(h, r.Now)
	if err != nil {
		return err
	}
	if err := a.logCare(r, id, "create", ""); err != nil {
		return err
	}
	return a.replyCarePage(r, id, "care.added")
}

// flowHousehold reads the household a conversation is about, with full
// access checked again; when it is gone or no longer theirs the person is
// told, and ok is false.
func (a *Care) flowHousehold(r *core.Req, id int64) (h storage.Household, ok bool, err error) {
	h, err = r.Tx.Household(id)
	if err == nil {
		var acc careAccess
		if acc, err = a.mayReadHousehold(r, h); err == nil && acc != careFull {
			err = storage.ErrNotFound
		}
	}
	if core.IsNotFound(err) {
		return h, false, r.Reply(r.T("care.gone"), nil)
	}
	return h, err == nil, err
}

// careSave changes the field v names of household v's id.
func (a *Care) careSave(r *core.Req, v core.Values) error {
	h, ok, err := a.flowHousehold(r, v.Int(vID))
	if !ok {
		return err
	}
	field := v.String(vField)
	if !editableField(field) {
		return r.Reply(r.T("care.gone"), nil)
	}
	if field == "reason" {
		err = r.Tx.SetHouseholdField(h.ID, "reason_text", householdOf(v).ReasonText, r.Now)
	}
	if err == nil {
		err = r.Tx.SetHouseholdField(h.ID, field, v.String(field), r.Now)
	}
	if err != nil {
		return err
	}
	if err := a.logCare(r, h.ID, "edit", field); err != nil {
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

// startEdit begins the conversation that changes field of household h.
func (a *Care) startEdit(r *core.Req, h storage.Household, field string) error {
	seed := core.Values{}
	if err := seed.Set(vID, h.ID); err != nil {
		return err
	}
	if err := seed.Set(vField, field); err != nil {
		return err
	}
	return a.household.Start(r, seed)
}

// buildings are the community's buildings as a choice.
func (a *Care) buildings(*core.Req, core.Values) []core.Option { return a.BuildingOptions() }

// AddHousehold puts h on the care list for the person behind r (a
// household that asked to join, with its own consent) and records it in
// the household's record.
func (a *Care) AddHousehold(r *core.Req, h storage.Household) (int64, error) {
	id, err := r.Tx.CreateHousehold(h, r.Now)
	if err != nil {
		return 0, err
	}
	return id, a.logCare(r, id, "create", "consent")
}
