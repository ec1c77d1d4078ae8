package stars

import (
	"courtyard/commands/core"
	"courtyard/schedule"
)

// CommandRows are stars's rows of the permission table.
func (a *Stars) CommandRows() []core.Command {
	return []core.Command{
		{Name: "stars", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeStars}, Menu: core.Listed, Run: a.Stars},
	}
}

// ButtonRows are stars's button rows, the conversations' among them.
func (a *Stars) ButtonRows() []core.Buttons {
	staff := core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeStars, Check: runStars}
	part := core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTakePart, Check: takePart}
	return []core.Buttons{
		{Prefix: "menu:", Private: "menu.private_only", Verbs: core.Verbs{
			"stars": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeStars, Run: core.MenuPress(a.Stars)},
		}},
		{Prefix: "st:", Run: a.starButton, Refuse: "stars.staff_only", Private: "menu.private_only", Verbs: core.Verbs{
			"o": staff, "s": staff, "t": staff,
			"n": part, "b": part, "v": part,
			"c": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
		}},
		a.open.Buttons(),
		a.nominate.Buttons(),
	}
}

// runStars is mayRunStars as the table's check.
func runStars(r *core.Req) (bool, error) { return mayRunStars(r), nil }

// takePart is mayTakePart as the table's check; it says itself why not.
func takePart(r *core.Req) (bool, error) {
	if mayTakePart(r) {
		return true, nil
	}
	return false, r.Toast(r.T("stars.register_first"))
}

// Flows are stars's conversations by name.
func (a *Stars) Flows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		a.open.Name:     a.open.Continue,
		a.nominate.Name: a.nominate.Continue,
	}
}

// Kinds are stars's kinds of timed work.
func (a *Stars) Kinds() map[string]schedule.Kind {
	return map[string]schedule.Kind{
		kindStarNomClose: {Do: a.starNomClose},
		kindStarVoteOpen: {Do: a.starVoteOpen},
		kindStarClose:    {Do: a.starClose},
	}
}
