package agenda

import "courtyard/commands/core"

// CommandRows are the agenda's rows of the permission table.
func (a *Agenda) CommandRows() []core.Command {
	return []core.Command{
		{Name: "mine", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.mine},
	}
}

// ButtonRows are the agenda's button rows.
func (a *Agenda) ButtonRows() []core.Buttons {
	own := core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}
	return []core.Buttons{
		{Prefix: "menu:", Private: "menu.private_only", Verbs: core.Verbs{
			"mine": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn, Run: core.MenuPress(a.mine)},
		}},
		{Prefix: "mine:", Run: a.mineButton, Private: "mine.private_only", Verbs: core.Verbs{
			"ics": own, "link": own, "rv": own, "new": own,
		}},
	}
}
