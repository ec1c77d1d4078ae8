package commands

import "courtyard/timed"

// TimedKinds lists what runs each kind of timed work (storage.DueItem.Kind):
// reminders, shift alerts, scheduled notices. Capabilities add their kinds
// here.
func (a *App) TimedKinds() map[string]timed.Kind {
	kinds := map[string]timed.Kind{
		kindStarNomClose: {Do: a.starNomClose},
		kindStarVoteOpen: {Do: a.starVoteOpen},
		kindStarClose:    {Do: a.starClose},
		kindPledgeRated:  {Do: a.pledgeRatingClose},
	}
	for _, more := range []map[string]timed.Kind{a.jobKinds(), a.patrolKindsMap(), a.visitKinds()} {
		for k, v := range more {
			kinds[k] = v
		}
	}
	return kinds
}
