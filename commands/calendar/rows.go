package calendar

import (
	"courtyard/commands/core"
	"courtyard/schedule"
)

// CommandRows are calendar's rows of the permission table.
func (a *Calendar) CommandRows() []core.Command {
	return []core.Command{
		{Name: "schedule", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeSchedule}, Menu: core.Listed, Run: a.schedule},
		{Name: "meeting", Rule: core.Rule{Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeManageMeeting}, Menu: core.Listed, Run: a.meeting},
		{Name: "meetings", Rule: core.Rule{Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeViewMeeting}, Menu: core.Listed, Run: a.meetings},
	}
}

// ButtonRows are calendar's button rows.
func (a *Calendar) ButtonRows() []core.Buttons {
	return []core.Buttons{
		{Prefix: "sc:", Run: a.scheduleButton, Refuse: "error.stale_button", Private: "error.stale_button", Verbs: core.Verbs{
			"new": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeNone},
			"v":   {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeSchedule}, "p": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeSchedule},
			"r": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeSchedule}, "d": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeSchedule},
			"et": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeSchedule}, "ew": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeSchedule},
			"x": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "w": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"h": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "a": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"b": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "bd": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"t": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "save0": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"save1": {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
		}},
		{Prefix: "mt:", Run: a.meetingButton, Refuse: "mt.not_yours", Private: "error.stale_button", Verbs: core.Verbs{
			// Invitations are posted to linked groups too: Coming and
			// Can't come answer there, for the invited chat only.
			"y": {Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeInvited}, "n": {Min: core.AnyRole, Chats: core.AnyChat, Scope: core.ScopeInvited},
			"v":    {Min: core.LeaderUp, Chats: core.PrivateOnly, Scope: core.ScopeViewMeeting},
			"post": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeManageMeeting}, "rep": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeManageMeeting},
			"cancel": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeManageMeeting}, "min": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeManageMeeting},
			"dec": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeManageMeeting}, "tk": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeManageMeeting},
			"jb": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeManageMeeting},
			"x":  {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "pull": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"ad": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "a": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"b": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn}, "bd": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
			"t": {Min: core.StaffUp, Chats: core.PrivateOnly, Scope: core.ScopeOwn},
		}},
	}
}

// Flows are calendar's conversations by name.
func (a *Calendar) Flows() map[string]core.FlowFunc {
	return map[string]core.FlowFunc{
		flowSchedule: a.scheduleText,
		flowMeeting:  a.meetingText,
	}
}

// Kinds are calendar's kinds of timed work.
func (a *Calendar) Kinds() map[string]schedule.Kind {
	return map[string]schedule.Kind{
		KindNotice:      {Do: a.runSchedule, Missed: a.missedSchedule},
		kindMeetingMake: {Do: a.runSchedule, Missed: a.missedSchedule},
		kindRemind:      {Do: a.remindMeeting, Missed: a.missedReminder},
		kindMissed:      {Do: a.reportMissed},
	}
}
