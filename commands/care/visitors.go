package care

import (
	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// FlowVisitor is the conversation that chooses a visitor for a household.
const FlowVisitor = "care_vis"

// showVisitorPicker lists household h's visitors, a press taking one
// off, with Add a visitor (the choice among those who may visit) and Done.
func (a *Care) showVisitorPicker(r *core.Req, h storage.Household, inPlace bool) error {
	assigned, err := r.Tx.HouseholdVisitors(h.ID)
	if err != nil {
		return err
	}
	id := core.Itoa(h.ID)
	var rows [][]telegram.Button
	for _, m := range assigned {
		rows = append(rows, []telegram.Button{{Text: "☑ " + visitorLabel(m), CallbackData: "cr:vt:" + id + ":" + core.Itoa(m.ID)}})
	}
	rows = append(rows, []telegram.Button{{Text: r.T("care.button_add_visitor"), CallbackData: "cr:va:" + id},
		{Text: r.T("care.button_done"), CallbackData: "cr:v:" + id}})
	text := r.T("care.visitor_picker", a.householdLine(r, h))
	if len(assigned) == 0 {
		text += "\n" + r.T("care.no_visitors")
	}
	kb := telegram.Keyboard{InlineKeyboard: rows}
	if err := r.Toast(""); err != nil {
		return err
	}
	if inPlace || r.CB != nil {
		return r.Edit(text, kb)
	}
	return r.Reply(text, kb)
}

// visitorLabel is a visitor's name on a button, with their building.
func visitorLabel(m storage.Member) string {
	label := core.LimitRunes(m.Name, 32)
	if m.Building != "" {
		label += " · " + m.Building
	}
	return label
}

// visitorDialog chooses one of those who may visit (building leaders,
// staff, volunteers of a team, registered) who does not visit the
// household yet, and assigns them.
func (a *Care) visitorDialog() *core.Dialog {
	return &core.Dialog{
		Name: FlowVisitor,
		Min:  core.StaffUp,
		Steps: []core.Step{core.PersonStep{Name: "who", Ask: func(r *core.Req, _ core.Values) string { return r.T("care.ask_visitor") },
			People: a.visitorChoices, Show: func(_ *core.Req, m storage.Member) string { return visitorLabel(m) }}},
		Done: a.visitorDone,
	}
}

// startVisitor begins choosing a visitor for household h.
func (a *Care) startVisitor(r *core.Req, h storage.Household) error {
	seed := core.Values{}
	if err := seed.Set(vID, h.ID); err != nil {
		return err
	}
	return a.visitor.Start(r, seed)
}

// visitorChoices are those who may visit and do not visit household
// v's id yet, by name.
func (a *Care) visitorChoices(r *core.Req, v core.Values) ([]storage.Member, error) {
	cands, err := r.Tx.VisitorCandidates(-1)
	if err != nil {
		return nil, err
	}
	staff, err := a.Staff(r.Tx)
	if err != nil {
		return nil, err
	}
	assigned, err := r.Tx.HouseholdVisitors(v.Int(vID))
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	for _, m := range assigned {
		seen[m.ID] = true
	}
	var out []storage.Member
	for _, m := range append(cands, staff...) {
		if seen[m.ID] {
			continue
		}
		seen[m.ID] = true
		if ok, err := a.mayBeVisitor(r.Tx, m); err != nil || !ok {
			if err != nil {
				return nil, err
			}
			continue
		}
		out = append(out, m)
	}
	return out, nil
}

// visitorDone assigns the visitor chosen and sends the household's page.
func (a *Care) visitorDone(r *core.Req, v core.Values) error {
	h, ok, err := a.flowHousehold(r, v.Int(vID))
	if !ok {
		return err
	}
	m, err := r.Tx.Member(v.Int("who"))
	if err != nil {
		return err
	}
	if ok, err := a.mayBeVisitor(r.Tx, m); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.Reply(r.T("care.not_visitor", core.Esc(m.Name)), nil)
	}
	if on, err := r.Tx.IsHouseholdVisitor(h.ID, m.ID); err != nil || !on {
		if err != nil {
			return err
		}
		if err := a.assignVisitor(r, h, m); err != nil {
			return err
		}
	}
	return a.replyCarePage(r, h.ID, "care.saved")
}

// toggleVisitor assigns member mid to household h, or takes them off.
func (a *Care) toggleVisitor(r *core.Req, h storage.Household, mid int64) error {
	on, err := r.Tx.IsHouseholdVisitor(h.ID, mid)
	if err != nil {
		return err
	}
	m, err := r.Tx.Member(mid)
	if core.IsNotFound(err) {
		return r.Toast(r.T("error.stale_button"))
	}
	if err != nil {
		return err
	}
	if on {
		if err := a.unassignVisitor(r, h, m); err != nil {
			return err
		}
		return a.showVisitorPicker(r, h, true)
	}
	if ok, err := a.mayBeVisitor(r.Tx, m); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.Toast(r.T("care.not_visitor", m.Name))
	}
	if err := a.assignVisitor(r, h, m); err != nil {
		return err
	}
	return a.showVisitorPicker(r, h, true)
}

// assignVisitor makes m a visitor of h, records it and tells m (without the
// household's details: those come with the visit round).
func (a *Care) assignVisitor(r *core.Req, h storage.Household, m storage.Member) error {
	if err := r.Tx.SetHouseholdVisitor(h.ID, m.ID, true, r.Me.ID, r.Now); err != nil {
		return err
	}
	if err := a.logCare(r, h.ID, "assign", m.Name); err != nil {
		return err
	}
	if err := a.TellMember(r, m.ID, nil, "care.told_assigned"); err != nil {
		return err
	}
	return a.joinRunningRound(r, h, m)
}

func (a *Care) unassignVisitor(r *core.Req, h storage.Household, m storage.Member) error {
	if err := r.Tx.SetHouseholdVisitor(h.ID, m.ID, false, r.Me.ID, r.Now); err != nil {
		return err
	}
	return a.logCare(r, h.ID, "unassign", m.Name)
}
