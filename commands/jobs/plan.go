package jobs

import (
	"time"

	"courtyard/storage"
)

// PlanJob stores an open job and lays its reminders, its short-of-people
// alert and its attendance list exactly as publishing does, without posting
// it anywhere. It is how a demo community gets a job that is already under
// way; people signed up with storage's JobSignUp get its reminders.
func (a *Jobs) PlanJob(tx *storage.Tx, j storage.Job, now time.Time) (int64, error) {
	id, err := tx.CreateJob(j, now)
	if err != nil {
		return 0, err
	}
	j.ID = id
	return id, a.layJobTimers(tx, j, now)
}
