package privacy

import "courtyard/commands/core"

// CommandRows are privacy's rows of the permission table.
func (a *Privacy) CommandRows() []core.Command {
	return []core.Command{
		{Name: "mydata", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.myData},
		{Name: "forgetme", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.forgetMe},
		{Name: "block", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeBlock}, Menu: core.Listed, Run: a.blockCmd},
		{Name: "unblock", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeBlock}, Menu: core.Listed, Run: a.unblockCmd},
		{Name: "blocked", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.blockedCmd},
		{Name: "audit", Rule: core.Rule{Min: core.AdminOnly, Chats: core.PrivateOnly, Scope: core.ScopeAudit}, Menu: core.Listed, Run: a.auditCmd},
	}
}

// ButtonRows are privacy's button rows.
func (a *Privacy) ButtonRows() []core.Buttons {
	return []core.Buttons{
		{Prefix: "menu:", Private: "menu.private_only", Verbs: core.Verbs{
			"mydata": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn, Run: core.MenuPress(a.myData)},
		}},
		{Prefix: "pv:", Run: a.privacyButton, Private: "forget.private_only", Verbs: core.Verbs{
			"forget": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "keep": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
		}},
		{Prefix: "au:", Run: a.auditButton, Refuse: "audit.forbidden", Private: "audit.forbidden", Verbs: core.Verbs{
			"*": {Min: core.AdminOnly, Chats: core.PrivateOnly, Scope: core.ScopeAudit},
		}},
	}
}
