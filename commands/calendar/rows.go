package calendar

import (
	"courtyard/commands/core"
	"courtyard/schedule"
)

// CommandRows are calendar's rows of the permission table.
func (a *Calendar) CommandRows() []core.Command {
	return []core.Command{
		{Name: "schedule", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeSchedule, Check: a.maySchedule}, Menu: core.Listed, Run: a.schedule},
		{Name: "meeting", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeManageMeeting}, Menu: core.Listed,
			Run: func(r *core.Req) error { return a.meetingFlow.Start(r, nil) }},
		{Name: "meetings", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeViewMeeting}, Menu: core.Listed, Run: a.meetings},
	}
}

// ButtonRows are calendar's button rows, and its conversations'.
func (a *Calendar) ButtonRows() []core.Buttons {
	sched := core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeSchedule, Check: a.managesSchedule}
	manage := core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeManageMeeting, Check: a.managesMeeting}
	decision := core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeManageMeeting, Check: a.managesDecision}
	// Invitations are posted to linked groups too: Coming and Can't come
	// answer there, for the invited chat only.
	invited := core.Rule{Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeInvited, Check: a.answersInvitation}
	return []core.Buttons{
		{Prefix: "sc:", Run: a.scheduleButton, Refuse: "cal.not_yours", Private: "error.stale_button", Verbs: core.Verbs{
			"new": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeNone},
			"v":   sched, "p": sched, "r": sched, "d": sched, "et": sched, "ew": sched,
		}},
		{Prefix: "mt:", Run: a.meetingButton, Refuse: "mt.not_yours", Private: "error.stale_button", Verbs: core.Verbs{
			"y": invited, "n": invited,
			"v":      {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeViewMeeting, Check: a.viewsMeeting},
			"cancel": manage, "min": manage, "dec": manage,
			"tk": decision, "jb": decision, "lk": decision,
		}},
		a.scheduleFlow.Buttons(), a.deleteFlow.Buttons(), a.meetingFlow.Buttons(), a.cancelFlow.Buttons(), a.noteFlow.Buttons(),
	}
}

// Flows are calendar's conversations by name.
func (a *Calendar) Flows() map[string]core.FlowFunc {
	out := map[string]core.FlowFunc{}
	for _, d := range []*core.Dialog{a.scheduleFlow, a.deleteFlow, a.meetingFlow, a.cancelFlow, a.noteFlow} {
		out[d.Name] = d.Continue
	}
	return out
}

// maySchedule lets in whoever may reach some audience.
func (a *Calendar) maySchedule(r *core.Req) (bool, error) {
	return len(a.announce.Audiences(r)) > 0, nil
}

// Kinds are calendar's kinds of timed work.
func (a *Calendar) Kinds() map[string]schedule.Kind {
	return map[string]schedule.Kind{
		KindNotice:      {Do: a.runSchedule, Missed: a.missedSchedule, Grace: true},
		kindMeetingMake: {Do: a.runSchedule, Missed: a.missedSchedule, Grace: true},
		kindRemind:      {Do: a.remindMeeting, Missed: a.missedReminder},
		kindMissed:      {Do: a.reportMissed},
	}
}
