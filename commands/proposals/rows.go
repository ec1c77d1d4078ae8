package proposals

import "courtyard/commands/core"

// CommandRows are proposals's rows of the permission table.
func (a *Proposals) CommandRows() []core.Command {
	return []core.Command{
		{Name: "propose", Rule: core.Rule{Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.Propose},
		{Name: "proposals", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeProposals, Check: viewCheck},
			Menu: core.Listed, Run: a.List},
	}
}

// ButtonRows are proposals's button rows, the conversations' among them.
func (a *Proposals) ButtonRows() []core.Buttons {
	view := core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeProposals, Check: viewCheck}
	manage := core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeManageProposal, Check: manageCheck}
	return []core.Buttons{
		{Prefix: "menu:", Private: "menu.private_only", Verbs: core.Verbs{
			"propose": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn, Run: core.MenuPress(a.Propose)},
		}},
		{Prefix: "pp:", Run: a.button, Private: "menu.private_only", Verbs: core.Verbs{
			"s": {Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeSupport},
			"v": view, "a": view,
			"m": manage, "mi": manage, "d": manage, "o": manage, "ot": manage, "oj": manage,
		}},
		a.propose.Buttons(),
		a.decline.Buttons(),
		a.outcome.Buttons(),
	}
}

// button routes a press on a proposal's buttons.
func (a *Proposals) button(r *core.Req) error {
	switch core.ButtonVerb("pp:", r.CB.Data) {
	case "s":
		return a.support(r)
	case "v":
		return a.view(r)
	case "a":
		return a.voice(r)
	case "m":
		return a.mergeAsk(r)
	case "mi":
		return a.mergeInto(r)
	case "d":
		return a.declineAsk(r)
	case "o":
		return a.outcomeAsk(r)
	case "ot":
		return a.outcomeTicket(r)
	case "oj":
		return a.outcomeJob(r)
	}
	return r.Toast(r.T("error.stale_button"))
}

// Flows are proposals's conversations by name.
func (a *Proposals) Flows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		a.propose.Name: a.propose.Continue,
		a.decline.Name: a.decline.Continue,
		a.outcome.Name: a.outcome.Continue,
	}
}
