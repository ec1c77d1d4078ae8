package commands

import "courtyard/timed"

// TimedKinds lists what runs each kind of timed work (storage.DueItem.Kind):
// reminders, shift alerts, scheduled notices. Capabilities add their kinds
// here.
func (a *App) TimedKinds() map[string]timed.Kind {
	kinds := map[string]timed.Kind{}
	for k, v := range a.jobKinds() {
		kinds[k] = v
	}
	for k, v := range a.patrolKindsMap() {
		kinds[k] = v
	}
	for k, v := range a.visitKinds() {
		kinds[k] = v
	}
	return kinds
}
