package commands

import "courtyard/commands/core"

// peopleCommandRows are people's rows of the permission table.
func (a *App) peopleCommandRows() []core.Command {
	return []core.Command{
		{Name: "start", Rule: core.Rule{Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.start},
		{Name: "help", Rule: core.Rule{Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.help},
		{Name: "lang", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.langCmd},
		{Name: "cancel", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.cancel},
		{Name: "grant", Rule: core.Rule{Min: core.StaffUp, Chats: core.AnyChat, Scope: core.ScopeGrant}, Menu: core.Listed, Run: a.grant},
		{Name: "revoke", Rule: core.Rule{Min: core.StaffUp, Chats: core.AnyChat, Scope: core.ScopeGrant}, Menu: core.Listed, Run: a.revoke},
		{Name: "linkchat", Rule: core.Rule{Min: core.StaffUp, Chats: core.AnyChat, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.linkchat},
		{Name: "status", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.status},
	}
}

// peopleButtonRows are people's button rows.
func (a *App) peopleButtonRows() []core.Buttons {
	return []core.Buttons{
		{Prefix: "reg:", Run: a.regButton, Private: "error.stale_button", Verbs: core.Verbs{
			"change": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"b":      {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
		}},
		{Prefix: "lang:", Run: a.langButton, Verbs: core.Verbs{
			"*": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
		}},
		{Prefix: "menu:", Run: a.menuButton, Private: "menu.private_only", Verbs: core.Verbs{
			"report": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "wish": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"my": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "help": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeNone},
			"jobs": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeJob}, "shifts": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeShift},
			"stars": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeStars}, "pledges": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopePledge},
			"lang": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "mydata": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"mediation": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeMediate}, "summary": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone},
		}},
	}
}

// peopleFlows are people's conversations by name.
func (a *App) peopleFlows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		flowRegister: a.regText,
	}
}
