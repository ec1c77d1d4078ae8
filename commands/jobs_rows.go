package commands

import "courtyard/commands/core"

// jobCommandRows are jobs's rows of the permission table.
func (a *App) jobCommandRows() []core.Command {
	return []core.Command{
		{Name: "job", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOrganise}, Menu: core.Listed, Run: a.job},
		{Name: "jobs", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.jobsCmd},
		{Name: "myjobs", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.myjobs},
	}
}

// jobButtonRows are jobs's button rows.
func (a *App) jobButtonRows() []core.Buttons {
	return []core.Buttons{
		{Prefix: "menu:", Private: "menu.private_only", Verbs: core.Verbs{
			"jobs": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeJob, Run: core.MenuPress(a.jobsCmd)},
		}},
		{Prefix: "jb:", Run: a.jobButton, Private: "error.stale_button", Verbs: core.Verbs{
			"n":  {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOrganise},
			"pg": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeJob}, "clr": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeNoShows},
			"su": {Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeJob}, "suc": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeJob},
			"wd": {Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeOwn}, "wdx": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"ok": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "no": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"keep": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"cx":   {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeManageJob}, "cxy": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeManageJob},
			"mv": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeManageJob}, "at": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeManageJob},
		}},
	}
}

// jobFlows are jobs's conversations by name.
func (a *App) jobFlows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		flowJob:     a.jobFlowText,
		flowJobMove: a.jobFlowText,
	}
}
