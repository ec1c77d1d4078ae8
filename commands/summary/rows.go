package summary

import "courtyard/commands/core"

// CommandRows are summary's rows of the permission table.
func (a *Summary) CommandRows() []core.Command {
	return []core.Command{
		{Name: "summary", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.summary},
	}
}

// ButtonRows are summary's button rows.
func (a *Summary) ButtonRows() []core.Buttons {
	return []core.Buttons{
		{Prefix: "menu:", Private: "menu.private_only", Verbs: core.Verbs{
			"summary": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone, Run: core.MenuPress(a.summary)},
		}},
	}
}
