package care

import "courtyard/commands/core"

// CommandRows are care's rows of the permission table.
func (a *Care) CommandRows() []core.Command {
	return []core.Command{
		{Name: "holidays", Rule: core.Rule{Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeNone}, Menu: core.Public, Run: a.holidays},
		{Name: "care", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeHousehold}, Menu: core.Listed, Run: a.Care},
		{Name: "visits", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeHousehold}, Menu: core.Listed, Run: a.visitsCmd},
	}
}

// ButtonRows are care's button rows, its conversations' buttons last.
func (a *Care) ButtonRows() []core.Buttons {
	staff := core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}
	household := core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeHousehold, Check: a.checkHousehold}
	return []core.Buttons{
		{Prefix: "cr:", Run: a.careButton, Refuse: "care.staff_only", Private: "care.staff_only", Verbs: core.Verbs{
			"list": staff, "arch": staff, "new": staff,
			"v": household, "e": household, "x": household, "xy": household,
			"vis": household, "va": household, "vt": household,
		}},
		{Prefix: "vi:", Run: a.visitButton, Refuse: "visits.not_yours", Private: "visits.not_yours", Verbs: core.Verbs{
			"done": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeVisit, Check: a.checkVisit},
		}},
		a.household.Buttons(),
		a.visitor.Buttons(),
		a.note.Buttons(),
	}
}

// Flows are care's conversations by name.
func (a *Care) Flows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		a.household.Name: a.household.Continue,
		a.visitor.Name:   a.visitor.Continue,
		a.note.Name:      a.note.Continue,
	}
}

// checkHousehold is mayReadHousehold for the household a cr: button names
// (cr:<verb>:<id>…): staff's full access. A button naming no household
// that exists is left to the handler, which answers it as stale.
func (a *Care) checkHousehold(r *core.Req) (bool, error) {
	id, ok := core.ButtonArgs(r.CB.Data, "cr:").Id(1)
	if !ok {
		return true, nil
	}
	h, err := r.Tx.Household(id)
	if core.IsNotFound(err) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	acc, err := a.mayReadHousehold(r, h)
	return acc == careFull, err
}

// checkVisit is mayMarkVisit for the visit a vi: button names
// (vi:<verb>:<visit id>): only its household's assigned visitor.
func (a *Care) checkVisit(r *core.Req) (bool, error) {
	id, ok := core.ButtonArgs(r.CB.Data, "vi:").Id(1)
	if !ok {
		return false, nil
	}
	v, err := r.Tx.Visit(id)
	if core.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	h, err := r.Tx.Household(v.HouseholdID)
	if err != nil {
		return false, err
	}
	return a.mayMarkVisit(r, h)
}
