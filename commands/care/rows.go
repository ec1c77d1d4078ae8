package care

import "courtyard/commands/core"

// CommandRows are care's rows of the permission table.
func (a *Care) CommandRows() []core.Command {
	return []core.Command{
		{Name: "holidays", Rule: core.Rule{Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.holidays},
		{Name: "care", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeHousehold}, Menu: core.Listed, Run: a.Care},
		{Name: "visits", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeHousehold}, Menu: core.Listed, Run: a.visitsCmd},
	}
}

// ButtonRows are care's button rows.
func (a *Care) ButtonRows() []core.Buttons {
	return []core.Buttons{
		{Prefix: "cr:", Run: a.careButton, Refuse: "care.staff_only", Private: "care.staff_only", Verbs: core.Verbs{
			"list": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, "arch": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone},
			"new": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, "b": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"r": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "skip": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"v": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeHousehold}, "e": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeHousehold},
			"x": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeHousehold}, "vis": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeHousehold},
			"va": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeHousehold}, "vt": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeHousehold},
		}},
		{Prefix: "vi:", Run: a.visitButton, Private: "visits.not_yours", Verbs: core.Verbs{
			"done": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeVisit}, "tk": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeVisit},
			"wish": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeVisit}, "skip": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeVisit},
		}},
	}
}

// Flows are care's conversations by name.
func (a *Care) Flows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		FlowCare:      a.careText,
		FlowVisitNote: a.visitNoteText,
	}
}
