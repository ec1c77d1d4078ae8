package calendar

import (
	"context"
	"time"

	"courtyard/storage"
)

// PostMeeting stores a meeting and posts it to its audience with its
// reminders, as the organiser's Post button does. It is how a demo
// community gets a meeting already announced.
func (a *Calendar) PostMeeting(ctx context.Context, tx *storage.Tx, m storage.Meeting, now time.Time) (int64, error) {
	m.State = storage.MeetingPosted
	id, err := tx.CreateMeeting(m, now)
	if err != nil {
		return 0, err
	}
	m.ID = id
	_, err = a.postMeeting(a.SystemReq(ctx, tx, now), m)
	return id, err
}
