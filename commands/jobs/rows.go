package jobs

import "courtyard/commands/core"

// CommandRows are jobs's rows of the permission table.
func (a *Jobs) CommandRows() []core.Command {
	return []core.Command{
		{Name: "job", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOrganise}, Menu: core.Listed, Run: a.Job},
		{Name: "jobs", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.JobsCmd},
		{Name: "myjobs", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.MyJobs},
	}
}

// ButtonRows are jobs's button rows.
func (a *Jobs) ButtonRows() []core.Buttons {
	return []core.Buttons{
		{Prefix: "menu:", Private: "menu.private_only", Verbs: core.Verbs{
			"jobs": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeJob, Run: core.MenuPress(a.JobsCmd)},
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

// Flows are jobs's conversations by name.
func (a *Jobs) Flows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		FlowJob:     a.jobFlowText,
		FlowJobMove: a.jobFlowText,
	}
}
