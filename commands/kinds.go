package commands

import "courtyard/schedule"

// TimedKinds lists what runs each kind of timed work (storage.DueItem.Kind):
// reminders, shift alerts, scheduled notices, capability by capability.
func (a *App) TimedKinds() map[string]schedule.Kind {
	kinds := map[string]schedule.Kind{}
	for _, more := range []map[string]schedule.Kind{
		a.calendar.Kinds(), a.stars.Kinds(), a.pledge.Kinds(), a.mediation.Kinds(), a.jobs.Kinds(), a.patrol.Kinds(), a.care.Kinds(), a.announce.Kinds(), a.polls.Kinds(), a.digest.Kinds(), a.services.Kinds(),
	} {
		for k, v := range more {
			kinds[k] = v
		}
	}
	return kinds
}
