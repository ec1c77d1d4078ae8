package people

import "courtyard/commands/core"

// CommandRows are people's rows of the permission table.
func (a *People) CommandRows() []core.Command {
	return []core.Command{
		{Name: "start", Rule: core.Rule{Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeOwn}, Menu: core.Public, Run: a.start},
		{Name: "help", Rule: core.Rule{Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeNone}, Menu: core.Public, Run: a.help},
		{Name: "lang", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Public, Run: a.langCmd},
		{Name: "quiet", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.quietCmd},
		{Name: "cancel", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.cancel},
		{Name: "grant", Rule: core.Rule{Min: core.StaffUp, Chats: core.AnyChat, Scope: core.ScopeGrant}, Menu: core.Listed, Run: a.grant},
		{Name: "revoke", Rule: core.Rule{Min: core.StaffUp, Chats: core.AnyChat, Scope: core.ScopeGrant}, Menu: core.Listed, Run: a.revoke},
		{Name: "linkchat", Rule: core.Rule{Min: core.StaffUp, Chats: core.AnyChat, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.linkchat},
		{Name: "status", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.status},
	}
}

// ButtonRows are people's button rows.
func (a *People) ButtonRows() []core.Buttons {
	return []core.Buttons{
		{Prefix: "reg:", Run: a.regButton, Private: "error.stale_button", Verbs: core.Verbs{
			"change": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"b":      {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"skip":   {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
		}},
		{Prefix: "lang:", Run: a.langButton, Verbs: core.Verbs{
			"*": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
		}},
		{Prefix: "qt:", Run: a.quietButton, Private: "error.stale_button", Verbs: core.Verbs{
			"def":  {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"set":  {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"off":  {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"type": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
		}},
		{Prefix: "menu:", Private: "menu.private_only", Verbs: core.Verbs{
			"help": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeNone, Run: core.MenuPress(a.help)},
			"lang": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn, Run: core.MenuPress(a.langCmd)},
		}},
		a.grantFlow.Buttons(),
	}
}

// Flows are people's conversations by name.
func (a *People) Flows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		FlowRegister:     a.regText,
		FlowQuiet:        a.quietTyped,
		a.grantFlow.Name: a.grantFlow.Continue,
	}
}
