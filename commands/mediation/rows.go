package mediation

import (
	"courtyard/commands/core"
	"courtyard/schedule"
)

// CommandRows are mediation's rows of the permission table.
func (a *Mediation) CommandRows() []core.Command {
	return []core.Command{
		{Name: "mediation", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeMediate}, Menu: core.ListedFrom(core.StaffUp), Run: a.mediation},
		{Name: "mediator", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}, Menu: core.Listed, Run: a.mediator},
	}
}

// ButtonRows are mediation's button rows. A record's buttons are refused
// alike whether the record is missing or not the presser's to read.
func (a *Mediation) ButtonRows() []core.Buttons {
	room := core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeMediate}
	record := core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeDispute, Check: a.checkDispute}
	return []core.Buttons{
		{Prefix: "menu:", Private: "menu.private_only", Verbs: core.Verbs{
			"mediation": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeMediate, Run: core.MenuPress(a.mediation)},
		}},
		{Prefix: "md:", Run: a.mediationButton, Private: "mediation.group_refused", Verbs: core.Verbs{
			"tk":  {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeMoveToMediation, Check: a.checkMoveTicket},
			"new": room, "l": room,
			"o": record, "s": record, "f": record, "oc": record, "out": record,
		}},
		a.newRecord.Buttons(),
		a.session.Buttons(),
		a.followUp.Buttons(),
		a.mediatorFlow.Buttons(),
	}
}

// Flows are mediation's conversations by name.
func (a *Mediation) Flows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		flowNewDispute: a.newRecord.Continue,
		flowSession:    a.session.Continue,
		flowFollowUp:   a.followUp.Continue,
		flowMediator:   a.mediatorFlow.Continue,
	}
}

// Kinds are mediation's kinds of timed work.
func (a *Mediation) Kinds() map[string]schedule.Kind {
	return map[string]schedule.Kind{
		kindFollowUp: {Do: a.remindFollowUp},
	}
}
