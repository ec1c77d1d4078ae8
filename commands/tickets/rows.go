package tickets

import "courtyard/commands/core"

// CommandRows are tickets's rows of the permission table.
func (a *Tickets) CommandRows() []core.Command {
	manage := a.onCommand(a.mayManageTicket)
	return []core.Command{
		{Name: "report", Rule: core.Rule{Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.rep.Report},
		{Name: "wish", Rule: core.Rule{Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.rep.Wish},
		{Name: "my", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.my},
		{Name: "ticket", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTicketView}, Menu: core.Listed, Run: a.ticketCmd},
		{Name: "mytasks", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.mytasks},
		{Name: "queue", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeBuilding}, Menu: core.Listed, Run: a.queue},
		{Name: "assign", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeTicketManage, Check: manage}, Menu: core.Listed, Run: a.assign},
		{Name: "reject", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeTicketManage, Check: manage}, Menu: core.Listed, Run: a.reject},
		{Name: "duplicate", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeTicketManage, Check: manage}, Menu: core.Listed, Run: a.duplicate},
	}
}

// ButtonRows are tickets's button rows.
func (a *Tickets) ButtonRows() []core.Buttons {
	own := core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}
	work, reporter := a.onButton(a.mayClaim), a.onButton(isReporter)
	return []core.Buttons{
		{Prefix: "menu:", Private: "menu.private_only", Verbs: core.Verbs{
			"report": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn, Run: core.MenuPress(a.rep.Report)},
			"wish":   {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn, Run: core.MenuPress(a.rep.Wish)},
			"my":     {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn, Run: core.MenuPress(a.my)},
		}},
		{Prefix: "tk:", Run: a.ticketButton, Verbs: core.Verbs{
			"cat":    own,
			"bld":    own,
			"b":      own,
			"nm":     own,
			"ph":     own,
			"cancel": own,
			"claim":  {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTicketWork, Check: work},
			"qclaim": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTicketWork, Check: work},
			"back":   {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTicketWork, Check: work},
			"res":    {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTicketWork, Check: work},
			"fb":     {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTicketReporter, Check: reporter},
			"hide":   {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTicketReporter, Check: reporter},
			"rate":   {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTicketReporter, Check: reporter},
			"rword":  {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTicketReporter, Check: reporter},
			"me":     {Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeTicketFollow, Check: a.onButton(a.mayFollowHere)},
			"info":   {Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeTicketView, Check: a.onButton(a.maySee)},
			"media":  {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeTicketView, Check: a.onButton(a.maySeeMedia)},
			"asg":    {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeTicketManage, Check: a.onButton(a.mayManageTicket)},
		}},
		a.resolveD.Buttons(),
		a.noteD.Buttons(),
		a.assignD.Buttons(),
	}
}

// Flows are tickets's conversations by name.
func (a *Tickets) Flows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		FlowReport:     a.rep.reportText,
		FlowResolve:    a.resolveD.Continue,
		FlowTicketNote: a.noteD.Continue,
		FlowAssign:     a.assignD.Continue,
	}
}
