package services

import (
	"courtyard/commands/core"
	"courtyard/schedule"
)

// CommandRows are the services desk's rows of the permission table.
func (a *Services) CommandRows() []core.Command {
	return []core.Command{
		{Name: "services", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.services},
		{Name: "myservices", Rule: core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, Menu: core.Listed, Run: a.myServices},
		{Name: "desk", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeCase}, Menu: core.Listed, Run: a.desk},
	}
}

// ButtonRows are the services desk's button rows. A case's buttons are
// refused alike whether the case is missing or not the presser's to read.
func (a *Services) ButtonRows() []core.Buttons {
	own := core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn}
	anyone := core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeNone}
	applicant := core.Rule{Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn, Check: a.checkApplicant}
	staffCase := core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeCase, Check: a.checkCase}
	staff := core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeNone}
	return []core.Buttons{
		{Prefix: "menu:", Private: "menu.private_only", Verbs: core.Verbs{
			"services": {Min: core.AnyRole, Chats: core.PrivateOnly, Scope: core.ScopeOwn, Run: core.MenuPress(a.services)},
		}},
		{Prefix: "sv:", Run: a.serviceButton, Private: "services.private_only", Verbs: core.Verbs{
			// The catalogue and the resident's own bookings and cases.
			"l": anyone, "o": anyone, "q": anyone, "ap": anyone, "bk": anyone, "bd": own, "bt": own,
			"bx": own, "bm": own, "my": own,
			"doc": applicant, "care": applicant, "rate": applicant, "rword": applicant,
			// Staff's desk.
			"desk": staff, "day": staff, "kept": staff, "miss": staff, "np": staff,
			"c": staffCase, "as": staffCase, "st": staffCase, "rq": staffCase, "dc": staffCase, "pub": staffCase,
		}},
		a.ask.Buttons(), a.apply.Buttons(), a.askDoc.Buttons(), a.decide.Buttons(), a.notice.Buttons(), a.object.Buttons(), a.rword.Buttons(),
	}
}

// Flows are the services desk's conversations by name.
func (a *Services) Flows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		a.ask.Name: a.ask.Continue, a.apply.Name: a.apply.Continue, a.askDoc.Name: a.askDoc.Continue,
		a.decide.Name: a.decide.Continue, a.notice.Name: a.notice.Continue, a.object.Name: a.object.Continue,
		a.rword.Name: a.rword.Continue, flowDocs: a.docsFlow,
	}
}

// Kinds are the services desk's kinds of timed work.
func (a *Services) Kinds() map[string]schedule.Kind {
	return map[string]schedule.Kind{
		kindBookingReminder: {Do: a.remindBooking},
		kindCaseOverdue:     {Do: a.caseOverdue},
		kindReview:          {Do: a.remindReview},
		kindNoticeEnd:       {Do: a.endNotice},
	}
}
