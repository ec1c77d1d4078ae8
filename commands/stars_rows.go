package commands

import (
	"courtyard/commands/core"
	"courtyard/schedule"
)

// starsCommandRows are stars's rows of the permission table.
func (a *App) starsCommandRows() []core.Command {
	return []core.Command{
		{Name: "stars", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeStars}, Menu: core.Listed, Run: a.stars},
		{Name: "pledge", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.pledge},
		{Name: "pledges", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePledge}, Menu: core.Listed, Run: a.pledges},
	}
}

// starsButtonRows are stars's button rows.
func (a *App) starsButtonRows() []core.Buttons {
	return []core.Buttons{
		{Prefix: "menu:", Private: "menu.private_only", Verbs: core.Verbs{
			"stars":   {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeStars, Run: core.MenuPress(a.stars)},
			"pledges": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePledge, Run: core.MenuPress(a.pledges)},
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
		{Prefix: "pl:", Run: a.pledgeButton, Private: "menu.private_only", Verbs: core.Verbs{
			"pub": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "x": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"rk": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"d":  {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePledge}, "sr": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePledge},
			"v": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeNone}, "c": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeManagePledges},
			"r": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeRatePledge}, "rv": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeRatePledge},
		}},
	}
}

// starsFlows are stars's conversations by name.
func (a *App) starsFlows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		flowStarNominate: a.starNominateText,
		flowPledge:       a.pledgeText,
	}
}

// starsKinds are stars's kinds of timed work.
func (a *App) starsKinds() map[string]schedule.Kind {
	return map[string]schedule.Kind{
		kindStarNomClose: {Do: a.starNomClose},
		kindStarVoteOpen: {Do: a.starVoteOpen},
		kindStarClose:    {Do: a.starClose},
		kindPledgeRated:  {Do: a.pledgeRatingClose},
	}
}
