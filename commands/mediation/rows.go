package mediation

import (
	"courtyard/commands/core"
	"courtyard/schedule"
)

// CommandRows are mediation's rows of the permission table.
func (a *Mediation) CommandRows() []core.Command {
	return []core.Command{
		{Name: "mediation", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeMediate}, Menu: core.ListedFrom(core.StaffUp), Run: a.mediation},
		{Name: "mediator", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.mediator},
	}
}

// ButtonRows are mediation's button rows.
func (a *Mediation) ButtonRows() []core.Buttons {
	return []core.Buttons{
		{Prefix: "menu:", Private: "menu.private_only", Verbs: core.Verbs{
			"mediation": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeMediate, Run: core.MenuPress(a.mediation)},
		}},
		{Prefix: "md:", Run: a.mediationButton, Refuse: "mediation.move_refused", Private: "mediation.group_refused", Verbs: core.Verbs{
			"tk":  {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeMoveToMediation},
			"new": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeMediate}, "l": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeMediate},
			"o": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeDispute}, "s": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeDispute},
			"f": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeDispute}, "oc": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeDispute},
			"out": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeDispute},
		}},
	}
}

// Flows are mediation's conversations by name.
func (a *Mediation) Flows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		flowMediation: a.mediationText,
	}
}

// Kinds are mediation's kinds of timed work.
func (a *Mediation) Kinds() map[string]schedule.Kind {
	return map[string]schedule.Kind{
		kindFollowUp: {Do: a.remindFollowUp},
	}
}
