package ledger

import "courtyard/commands/core"

// CommandRows are ledger's rows of the permission table.
func (a *Ledger) CommandRows() []core.Command {
	return []core.Command{
		{Name: "ledger", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeBuilding}, Menu: core.Listed, Run: a.ledger},
		{Name: "export", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.export},
		{Name: "stats", Rule: core.Rule{Min: core.StaffUp, Chats: core.AnyChat, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.stats},
	}
}

// ButtonRows are ledger's button rows.
func (a *Ledger) ButtonRows() []core.Buttons {
	return []core.Buttons{
		{Prefix: "lg:", Run: a.ledgerButton, Refuse: "error.forbidden", Private: "error.forbidden", Cmd: "/ledger", Verbs: core.Verbs{
			"*": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeBuilding},
		}},
		{Prefix: "xl:", Run: a.excelButton, Refuse: "error.forbidden", Private: "error.forbidden", Cmd: "/export", Verbs: core.Verbs{
			"*": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone},
		}},
	}
}
