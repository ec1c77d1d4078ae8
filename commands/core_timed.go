package commands

import "courtyard/schedule"

// TimedKinds lists what runs each kind of timed work (storage.DueItem.Kind):
// reminders, shift alerts, scheduled notices. Capabilities add their kinds
// here.
func (a *App) TimedKinds() map[string]schedule.Kind {
	kinds := map[string]schedule.Kind{
		kindNotice:       {Do: a.runSchedule, Missed: a.missedSchedule},
		kindMeetingMake:  {Do: a.runSchedule, Missed: a.missedSchedule},
		kindRemind:       {Do: a.remindMeeting, Missed: a.missedReminder},
		kindMissed:       {Do: a.reportMissed},
		kindStarNomClose: {Do: a.starNomClose},
		kindStarVoteOpen: {Do: a.starVoteOpen},
		kindStarClose:    {Do: a.starClose},
		kindPledgeRated:  {Do: a.pledgeRatingClose},
		kindFollowUp:     {Do: a.remindFollowUp},
	}
	for _, more := range []map[string]schedule.Kind{a.jobKinds(), a.patrolKindsMap(), a.visitKinds()} {
		for k, v := range more {
			kinds[k] = v
		}
	}
	return kinds
}
