package storage

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// A meeting keeps the end it was given; one without an end reads with a
// zero end, and so do the meetings stored before ends were kept.
func TestMeetingEnd(t *testing.T) {
	ctx := context.Background()
	s, err := OpenNoMigrate(filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.MigrateTo(ctx, slices.Index(migrations, schemaMeetingEnd)); err != nil {
		t.Fatal(err)
	}
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, 1)
		_, err := tx.q.ExecContext(ctx, `INSERT INTO meetings (id, organiser_id, title, starts_at, created_at) VALUES (5, 1, 'Old', 1000, 0)`)
		return err
	})
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	start := t0.Add(48 * time.Hour)
	update(t, s, func(tx *Tx) error {
		old, err := tx.Meeting(5)
		if err != nil || !old.EndsAt.IsZero() || old.StartsAt.UnixMilli() != 1000 {
			t.Errorf("a meeting from before: %+v %v", old, err)
		}
		id, err := tx.CreateMeeting(Meeting{OrganiserID: 1, Title: "Talk", StartsAt: start, EndsAt: start.Add(90 * time.Minute)}, t0)
		if err != nil {
			return err
		}
		m, err := tx.Meeting(id)
		if err != nil || !m.StartsAt.Equal(start) || !m.EndsAt.Equal(start.Add(90*time.Minute)) {
			t.Errorf("with an end: %+v %v", m, err)
		}
		id, err = tx.CreateMeeting(Meeting{OrganiserID: 1, Title: "Open", StartsAt: start}, t0)
		if err != nil {
			return err
		}
		if m, err := tx.Meeting(id); err != nil || !m.EndsAt.IsZero() {
			t.Errorf("without an end: %+v %v", m, err)
		}
		return nil
	})
}
