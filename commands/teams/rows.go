package teams

import "courtyard/commands/core"

// CommandRows are teams's rows of the permission table.
func (a *Teams) CommandRows() []core.Command {
	return []core.Command{
		{Name: "team", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTeam}, Menu: core.Listed, Run: a.team},
		{Name: "teams", Rule: core.Rule{Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeNone}, Menu: core.Public, Run: a.Teams},
		{Name: "hours", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeHours}, Menu: core.Listed, Run: a.Hours},
	}
}

// ButtonRows are teams's button rows, and those of its conversations.
func (a *Teams) ButtonRows() []core.Buttons {
	return []core.Buttons{
		{Prefix: "tm:", Run: a.teamButton, Refuse: "team.staff_only", Private: "error.stale_button", Verbs: core.Verbs{
			"view": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTeam}, "join": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeJoin},
			"leave": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "leavey": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"stay":  {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"ok":    {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTeam, Check: a.checkRequest},
			"no":    {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTeam, Check: a.checkRequest},
			"leads": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, "lead": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone},
			"restr": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, "ren": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone},
			"arch": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, "archy": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone},
			"unarch": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone},
		}},
		a.rename.Buttons(), a.people.Buttons(),
	}
}

// Flows are teams's conversations by name.
func (a *Teams) Flows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		FlowTeamRename: a.rename.Continue,
		FlowTeamPeople: a.people.Continue,
	}
}
