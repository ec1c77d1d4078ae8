package care

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// maxVisitorButtons bounds the visitor picker; others are added by
// @username or id.
const maxVisitorButtons = 30

// showVisitorPicker lists who may visit household h, a tick by those
// assigned; a press assigns or unassigns. Assigned visitors who are no
// longer candidates are listed too, so that they can be taken off.
func (a *Care) showVisitorPicker(r *core.Req, h storage.Household, inPlace bool) error {
	assigned, err := r.Tx.HouseholdVisitors(h.ID)
	if err != nil {
		return err
	}
	cands, err := r.Tx.VisitorCandidates(maxVisitorButtons)
	if err != nil {
		return err
	}
	on := map[int64]bool{}
	people := assigned
	for _, m := range assigned {
		on[m.ID] = true
	}
	for _, m := range cands {
		if !on[m.ID] {
			people = append(people, m)
		}
	}
	var rows [][]telegram.Button
	for _, m := range people {
		mark := "☐ "
		if on[m.ID] {
			mark = "☑ "
		}
		label := mark + core.LimitRunes(m.Name, 32)
		if m.Building != "" {
			label += " · " + m.Building
		}
		rows = append(rows, []telegram.Button{{Text: label, CallbackData: "cr:vt:" + core.Itoa(h.ID) + ":" + core.Itoa(m.ID)}})
	}
	id := core.Itoa(h.ID)
	rows = append(rows, []telegram.Button{{Text: r.T("care.button_add_visitor"), CallbackData: "cr:va:" + id},
		{Text: r.T("care.button_done"), CallbackData: "cr:v:" + id}})
	text := r.T("care.visitor_picker", a.householdLine(r, h))
	if len(cands) == 0 {
		text += "\n" + r.T("care.no_candidates")
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

// visitorByText assigns the visitor staff named by @username or id.
func (a *Care) visitorByText(r *core.Req, d careData) error {
	h, ok, err := a.flowHousehold(r, d.ID)
	if !ok {
		return err
	}
	who := strings.TrimSpace(core.CleanLine(r.Text))
	m, ok, err := a.FindPerson(r, who, "care.ask_visitor")
	if !ok || err != nil {
		return err
	}
	if ok, err := a.mayBeVisitor(r.Tx, m); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.Reply(r.T("care.not_visitor", core.Esc(m.Name)), nil)
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	if on, err := r.Tx.IsHouseholdVisitor(h.ID, m.ID); err != nil || on {
		if err != nil {
			return err
		}
		return a.replyCarePage(r, h.ID, "care.saved")
	}
	if err := a.assignVisitor(r, h, m); err != nil {
		return err
	}
	return a.replyCarePage(r, h.ID, "care.saved")
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
