package storage

import (
	"reflect"
	"testing"
	"time"
)

// Those who did not come to a job that ended since are listed until their
// no-shows are cleared; who came, and a job that ended before, are not.
func TestNoShowMembers(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, 1, 2, 3, 4)
		old, err := tx.CreateJob(Job{Title: "old", Slots: 4, Start: t0, End: t0.Add(time.Hour), OrganiserID: 1, State: JobOpen}, t0)
		if err != nil {
			return err
		}
		recent, err := tx.CreateJob(Job{Title: "recent", Slots: 4, Start: t0.Add(48 * time.Hour), End: t0.Add(50 * time.Hour), OrganiserID: 1, State: JobOpen}, t0)
		if err != nil {
			return err
		}
		for _, m := range []struct {
			job, member int64
			came        bool
		}{{old, 2, false}, {recent, 3, false}, {recent, 4, false}, {recent, 1, true}} {
			if err := tx.MarkAttendance(m.job, m.member, m.came, 1, t0); err != nil {
				return err
			}
		}
		got, err := tx.NoShowMembers(t0.Add(24 * time.Hour))
		if err != nil || !reflect.DeepEqual(memberIDs(got), []int64{3, 4}) {
			t.Errorf("no-shows since a day on: %v %v", memberIDs(got), err)
		}
		if _, err := tx.ClearNoShows(3); err != nil {
			return err
		}
		got, err = tx.NoShowMembers(t0)
		if err != nil || !reflect.DeepEqual(memberIDs(got), []int64{2, 4}) {
			t.Errorf("no-shows after clearing 3: %v %v", memberIDs(got), err)
		}
		return nil
	})
}
