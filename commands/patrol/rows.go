package patrol

import "courtyard/commands/core"

// CommandRows are patrol's rows of the permission table.
func (a *Patrol) CommandRows() []core.Command {
	return []core.Command{
		{Name: "shifts", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift}, Menu: core.Listed, Run: a.shiftsCmd},
		{Name: "found", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift}, Menu: core.Listed, Run: a.found},
		{Name: "roster", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeRoster}, Menu: core.Listed, Run: a.rosterCmd},
		{Name: "patrol", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol}, Menu: core.Listed, Run: a.patrolCmd},
	}
}

// ButtonRows are patrol's button rows.
func (a *Patrol) ButtonRows() []core.Buttons {
	return []core.Buttons{
		{Prefix: "menu:", Private: "menu.private_only", Verbs: core.Verbs{
			"shifts": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift, Run: core.MenuPress(a.shiftsCmd)},
		}},
		{Prefix: "pt:", Run: a.patrolButton, Verbs: core.Verbs{
			"tl": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol}, "ta": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol},
			"tc": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol}, "tp": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol},
			"tr": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol}, "trc": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol},
			"fp": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol}, "fs": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol},
			"fk": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol}, "fn": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol},
			"fsave": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol}, "fcancel": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol},
			"take": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTakeShift}, "takec": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTakeShift},
			"swap": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTakeShift}, "swapc": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTakeShift},
			"cant": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift}, "way": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift},
			"in": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift}, "out": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift},
			"found": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift}, "offer": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift},
			"offt": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift}, "offm": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift},
		}},
	}
}

// Flows are patrol's conversations by name.
func (a *Patrol) Flows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		FlowPatrolTpl:   a.tplText,
		FlowPatrolOffer: a.offerText,
		flowPatrolFound: a.foundText,
	}
}
