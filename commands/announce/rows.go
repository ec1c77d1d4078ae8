package announce

import "courtyard/commands/core"

// CommandRows are announce's rows of the permission table.
func (a *Announce) CommandRows() []core.Command {
	return []core.Command{
		{Name: "announce", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeAnnounce}, Menu: core.Listed, Run: a.announce},
		{Name: "announcements", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeAnnounce}, Menu: core.Listed, Run: a.announcements},
	}
}

// ButtonRows are announce's button rows.
func (a *Announce) ButtonRows() []core.Buttons {
	return []core.Buttons{
		{Prefix: "an:", Run: a.announceButton, Refuse: "ann.not_yours", Private: "error.stale_button", Verbs: core.Verbs{
			"ack":  {Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeRecipient},
			"send": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeAnnounce}, "pin": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeAnnounce},
			"cancel": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeAnnounce},
			"a":      {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeAnnounce}, "b": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeAnnounce},
			"bd": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeAnnounce}, "t": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeAnnounce},
			"x": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
		}},
	}
}

// Flows are announce's conversations by name.
func (a *Announce) Flows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		Flow: a.annText,
	}
}
