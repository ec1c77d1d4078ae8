package jobs

import "courtyard/commands/core"

// CommandRows are jobs's rows of the permission table.
func (a *Jobs) CommandRows() []core.Command {
	return []core.Command{
		{Name: "job", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOrganise}, Menu: core.Listed, Run: a.Job},
		{Name: "jobs", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeNone}, Menu: core.Public, Run: a.JobsCmd},
		{Name: "myjobs", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.MyJobs},
	}
}

// ButtonRows are jobs's button rows, and those of its conversations.
func (a *Jobs) ButtonRows() []core.Buttons {
	see := core.Rule{Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeJob, Check: a.checkSeeJob}
	seePrivate := see
	seePrivate.Chats = core.PrivateOnly
	manage := core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeManageJob, Check: a.checkManageJob("job.not_yours")}
	attend := manage
	attend.Check = a.checkManageJob("job.attend_not_yours")
	return []core.Buttons{
		{Prefix: "menu:", Private: "menu.private_only", Verbs: core.Verbs{
			"jobs": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeJob, Run: core.MenuPress(a.JobsCmd)},
		}},
		{Prefix: "jb:", Run: a.jobButton, Private: "error.stale_button", Verbs: core.Verbs{
			"pg":  {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeJob},
			"clr": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeNoShows, Check: a.checkClearNoShows},
			"su":  see, "suc": seePrivate,
			"wd": {Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeOwn}, "wdx": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"ok": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "no": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"keep": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"cx":   manage, "cxy": manage, "mv": manage, "at": attend,
		}},
		a.newJob.Buttons(), a.moveJob.Buttons(), a.clearJob.Buttons(),
	}
}

// Flows are jobs's conversations by name.
func (a *Jobs) Flows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		FlowJob:      a.newJob.Continue,
		FlowJobMove:  a.moveJob.Continue,
		FlowJobClear: a.clearJob.Continue,
	}
}
