package pledge

import (
	"courtyard/commands/core"
	"courtyard/schedule"
)

// CommandRows are pledge's rows of the permission table.
func (a *Pledge) CommandRows() []core.Command {
	return []core.Command{
		{Name: "pledge", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.Pledge},
		{Name: "pledges", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePledge}, Menu: core.Listed, Run: a.Pledges},
	}
}

// ButtonRows are pledge's button rows.
func (a *Pledge) ButtonRows() []core.Buttons {
	return []core.Buttons{
		{Prefix: "menu:", Private: "menu.private_only", Verbs: core.Verbs{
			"pledges": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePledge, Run: core.MenuPress(a.Pledges)},
		}},
		{Prefix: "pl:", Run: a.pledgeButton, Private: "menu.private_only", Verbs: core.Verbs{
			"pub": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "x": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"rk": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"d":  {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePledge}, "sr": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePledge},
			"v": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeNone}, "c": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeManagePledges},
			"r": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeRatePledge}, "rv": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeRatePledge},
		}},
	}
}

// Flows are pledge's conversations by name.
func (a *Pledge) Flows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		flowPledge: a.pledgeText,
	}
}

// Kinds are pledge's kinds of timed work.
func (a *Pledge) Kinds() map[string]schedule.Kind {
	return map[string]schedule.Kind{
		kindPledgeRated: {Do: a.pledgeRatingClose},
	}
}
