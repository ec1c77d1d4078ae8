package storage

import (
	"testing"
)

func TestAnnouncementLifecycle(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		for _, id := range []int64{1, 2, 3} {
			if err := tx.TouchMember(id, "m"+string(rune('0'+id)), "", "", t0); err != nil {
				return err
			}
		}
		id, err := tx.CreateAnnouncement(Announcement{SenderID: 1, Audience: AudienceBuildingPersons, Buildings: []string{"3"}, Text: "hi"}, t0)
		if err != nil {
			return err
		}
		a, err := tx.Announcement(id)
		if err != nil || a.State != "draft" || a.Buildings[0] != "3" {
			t.Fatalf("draft %+v %v", a, err)
		}
		ok, err := tx.FinishAnnouncement(id, "sent", true, 2, t0)
		if err != nil || !ok {
			t.Fatalf("finish: %v %v", ok, err)
		}
		if ok, _ := tx.FinishAnnouncement(id, "sent", true, 2, t0); ok {
			t.Error("a sent announcement was sent again")
		}
		for _, m := range []int64{2, 3} {
			if err := tx.AddAnnouncementRecipient(id, m); err != nil {
				return err
			}
		}
		if added, err := tx.Acknowledge(id, 2, t0); err != nil || !added {
			t.Errorf("ack: %v %v", added, err)
		}
		if added, _ := tx.Acknowledge(id, 2, t0); added {
			t.Error("double ack counted")
		}
		acks, err := tx.Acks(id)
		if err != nil || len(acks) != 1 || acks[0] != 2 {
			t.Errorf("acks %v %v", acks, err)
		}
		missing, total, err := tx.NotAcknowledged(id, 10)
		if err != nil || total != 1 || len(missing) != 1 || missing[0].ID != 3 {
			t.Errorf("not acknowledged %v %d %v", missing, total, err)
		}
		recent, err := tx.RecentAnnouncements(0, 5)
		if err != nil || len(recent) != 1 || !recent[0].Pin || recent[0].Recipients != 2 {
			t.Errorf("recent %+v %v", recent, err)
		}
		if other, _ := tx.RecentAnnouncements(2, 5); len(other) != 0 {
			t.Errorf("someone else's announcements listed: %+v", other)
		}
		return nil
	})
}
