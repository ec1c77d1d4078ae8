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

// ButtonRows are stars's button rows.
func (a *Stars) ButtonRows() []core.Buttons {
	return []core.Buttons{
		{Prefix: "menu:", Private: "menu.private_only", Verbs: core.Verbs{
			"stars": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeStars, Run: core.MenuPress(a.Stars)},
		}},
		{Prefix: "st:", Run: a.starButton, Refuse: "stars.staff_only", Private: "menu.private_only", Verbs: core.Verbs{
			"o": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeStars}, "od": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeStars},
			"ov": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeStars}, "oa": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeStars},
			"oy": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeStars}, "ox": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeStars},
			"s": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeStars}, "t": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeStars},
			"n": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTakePart}, "w": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTakePart},
			"b": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTakePart}, "v": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTakePart},
			"c": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
		}},
	}
}

// Flows are stars's conversations by name.
func (a *Stars) Flows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		flowStarNominate: a.starNominateText,
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
