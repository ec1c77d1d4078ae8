package patrol

import "courtyard/commands/core"

// CommandRows are patrol's rows of the permission table.
func (a *Patrol) CommandRows() []core.Command {
	return []core.Command{
		{Name: "shifts", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift}, Menu: core.Listed, Run: a.shiftsCmd},
		{Name: "found", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift}, Menu: core.Listed, Run: a.found},
		{Name: "roster", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeRoster, Check: a.checkRosterCmd},
			Menu: core.Listed, Run: a.rosterCmd},
		{Name: "patrol", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol, Check: a.checkPatrolCmd},
			Menu: core.Listed, Run: a.patrolCmd},
	}
}

// ButtonRows are patrol's button rows.
func (a *Patrol) ButtonRows() []core.Buttons {
	team := core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol, Check: a.checkTeamButton}
	tpl := core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePatrol, Check: a.checkTplButton}
	take := core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTakeShift, Check: a.checkTakeShift}
	on := core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift, Check: a.checkOnShift}
	return []core.Buttons{
		{Prefix: "menu:", Private: "menu.private_only", Verbs: core.Verbs{
			"shifts": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift, Run: core.MenuPress(a.shiftsCmd)},
		}},
		{Prefix: "pt:", Run: a.patrolButton, Verbs: core.Verbs{
			"tl": team, "ta": team,
			"tc": tpl, "tp": tpl, "tpc": tpl, "tr": tpl, "trc": tpl,
			"take": take, "takec": take, "swap": take, "swapc": take,
			"tkn":  {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"cant": on, "way": on, "in": on, "out": on, "found": on, "foundu": on, "offer": on, "offt": on, "offm": on,
		}},
		a.tpl.Buttons(),
		a.offer.Buttons(),
	}
}

// Flows are patrol's conversations by name.
func (a *Patrol) Flows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		FlowPatrolTpl:   a.tpl.Continue,
		FlowPatrolOffer: a.offer.Continue,
		flowPatrolFound: a.foundText,
	}
}
