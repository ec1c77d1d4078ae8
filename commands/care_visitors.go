package commands

import (
	"strings"

	"courtyard/storage"
	"courtyard/telegram"
)

// maxVisitorButtons bounds the visitor picker; others are added by
// @username or id.
const maxVisitorButtons = 30

// showVisitorPicker lists who may visit household h, a tick by those
// assigned; a press assigns or unassigns. Assigned visitors who are no
// longer candidates are listed too, so that they can be taken off.
func (a *App) showVisitorPicker(r *req, h storage.Household, inPlace bool) error {
	assigned, err := r.tx.HouseholdVisitors(h.ID)
	if err != nil {
		return err
	}
	cands, err := r.tx.VisitorCandidates(maxVisitorButtons)
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
		label := mark + limitRunes(m.Name, 32)
		if m.Building != "" {
			label += " · " + m.Building
		}
		rows = append(rows, []telegram.Button{{Text: label, CallbackData: "cr:vt:" + itoa(h.ID) + ":" + itoa(m.ID)}})
	}
	id := itoa(h.ID)
	rows = append(rows, []telegram.Button{{Text: r.t("care.button_add_visitor"), CallbackData: "cr:va:" + id},
		{Text: r.t("care.button_done"), CallbackData: "cr:v:" + id}})
	text := r.t("care.visitor_picker", a.householdLine(r, h))
	if len(cands) == 0 {
		text += "\n" + r.t("care.no_candidates")
	}
	kb := telegram.Keyboard{InlineKeyboard: rows}
	if err := r.toast(""); err != nil {
		return err
	}
	if inPlace || r.cb != nil {
		return r.edit(text, kb)
	}
	return r.reply(text, kb)
}

// toggleVisitor assigns member mid to household h, or takes them off.
func (a *App) toggleVisitor(r *req, h storage.Household, mid int64) error {
	on, err := r.tx.IsHouseholdVisitor(h.ID, mid)
	if err != nil {
		return err
	}
	m, err := r.tx.Member(mid)
	if isNotFound(err) {
		return r.toast(r.t("error.stale_button"))
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
	if ok, err := a.mayBeVisitor(r.tx, m); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.toast(r.t("care.not_visitor", m.Name))
	}
	if err := a.assignVisitor(r, h, m); err != nil {
		return err
	}
	return a.showVisitorPicker(r, h, true)
}

// visitorByText assigns the visitor staff named by @username or id.
func (a *App) visitorByText(r *req, d careData) error {
	h, ok, err := a.flowHousehold(r, d.ID)
	if !ok {
		return err
	}
	who := strings.TrimSpace(cleanLine(r.text))
	m, ok, err := a.findPerson(r, who, "care.ask_visitor")
	if !ok || err != nil {
		return err
	}
	if ok, err := a.mayBeVisitor(r.tx, m); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.reply(r.t("care.not_visitor", esc(m.Name)), nil)
	}
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	if on, err := r.tx.IsHouseholdVisitor(h.ID, m.ID); err != nil || on {
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
func (a *App) assignVisitor(r *req, h storage.Household, m storage.Member) error {
	if err := r.tx.SetHouseholdVisitor(h.ID, m.ID, true, r.me.ID, r.now); err != nil {
		return err
	}
	if err := a.logCare(r, h.ID, "assign", m.Name); err != nil {
		return err
	}
	if err := a.tellMember(r, m.ID, nil, "care.told_assigned"); err != nil {
		return err
	}
	return a.joinRunningRound(r, h, m)
}

func (a *App) unassignVisitor(r *req, h storage.Household, m storage.Member) error {
	if err := r.tx.SetHouseholdVisitor(h.ID, m.ID, false, r.me.ID, r.now); err != nil {
		return err
	}
	return a.logCare(r, h.ID, "unassign", m.Name)
}
