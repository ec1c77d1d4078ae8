package commands

import "courtyard/commands/core"

// summaryCommandRows are summary's rows of the permission table.
func (a *App) summaryCommandRows() []core.Command {
	return []core.Command{
		{Name: "summary", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.summary},
	}
}

// summaryButtonRows are summary's button rows.
func (a *App) summaryButtonRows() []core.Buttons {
	return []core.Buttons{
		{Prefix: "menu:", Private: "menu.private_only", Verbs: core.Verbs{
			"summary": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone, Run: core.MenuPress(a.summary)},
		}},
	}
}
