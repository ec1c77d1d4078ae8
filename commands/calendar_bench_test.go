package commands

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"courtyard/commands/calendar"
	"courtyard/config"
	"courtyard/locale"
	"courtyard/storage"
)

var errRollback = errors.New("roll back")

// calBench is a community of n registered residents with one scheduled
// notice to all of them.
func calBench(b *testing.B, n int) (*App, *storage.Storage, time.Time) {
	b.Helper()
	t0 := time.Date(2026, 3, 2, 11, 30, 0, 0, time.UTC)
	s, err := storage.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	err = s.Update(context.Background(), func(tx *storage.Tx) error {
		for i := range n {
			id := int64(5000 + i)
			if err := tx.TouchMember(id, fmt.Sprintf("住户%d", i), "", "zh", t0); err != nil {
				return err
			}
			if err := tx.Register(id, "1", fmt.Sprint(100+i), t0); err != nil {
				return err
			}
		}
		_, err := tx.CreateSchedule(storage.Schedule{OwnerID: 5000, Kind: storage.ScheduleCron, Spec: "30 19 * * *",
			What: storage.ScheduleNotice, Audience: storage.AudienceResidents, Text: "bench", Ack: true, State: storage.ScheduleActive}, t0)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	cfg := config.Config{Community: config.Community{Name: "x", Buildings: []string{"1"}}, Admins: []int64{5000}}.WithDefaults()
	cat, err := locale.Load("zh")
	if err != nil {
		b.Fatal(err)
	}
	return New(cfg, cat, "bot", func() time.Time { return t0 }, slog.New(slog.NewTextHandler(io.Discard, nil)), nil), s, t0
}

// BenchmarkCalendarNoticeRun is one run of a scheduled notice to 2,000
// residents: the announcement, 2,000 outbox rows and the next run, in one
// transaction (rolled back after each iteration).
func BenchmarkCalendarNoticeRun(b *testing.B) {
	a, s, t0 := calBench(b, 2000)
	it := storage.DueItem{Kind: calendar.KindNotice, Key: "1:1", DueAt: t0, Data: fmt.Sprintf(`{"schedule":1,"at":%d}`, t0.Unix())}
	run := a.TimedKinds()[calendar.KindNotice].Do
	b.ResetTimer()
	for range b.N {
		err := s.Update(context.Background(), func(tx *storage.Tx) error {
			if err := run(context.Background(), tx, it, t0); err != nil {
				return err
			}
			return errRollback
		})
		if !errors.Is(err, errRollback) {
			b.Fatal(err)
		}
	}
}

// BenchmarkCalendarRSVPRefresh is one answer to a meeting sent to 2,000
// residents in private: every copy's count brought up to date, one pending
// edit per copy (the copies are marked sent, so each answer rewrites the
// queued edits after the first).
func BenchmarkCalendarRSVPRefresh(b *testing.B) {
	a, s, t0 := calBench(b, 2000)
	var m storage.Meeting
	err := s.Update(context.Background(), func(tx *storage.Tx) error {
		r := a.SystemReq(context.Background(), tx, t0)
		m = storage.Meeting{OrganiserID: 5000, Title: "bench", StartsAt: t0.Add(72 * time.Hour), Place: "hall",
			Audience: storage.AudienceResidents, State: storage.MeetingPosted}
		var err error
		if m.ID, err = a.PostMeeting(context.Background(), tx, m, t0); err != nil {
			return err
		}
		posts, err := tx.MeetingPosts(m.ID)
		for i, p := range posts {
			if err := tx.MarkSent(p.OutID, i+1, t0); err != nil {
				return err
			}
		}
		if err != nil {
			return err
		}
		return a.calendar.RefreshInvitations(r, m)
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		err := s.Update(context.Background(), func(tx *storage.Tx) error {
			if _, err := tx.SetRSVP(m.ID, int64(5000+i%2000), i%2 == 0, t0); err != nil {
				return err
			}
			return a.calendar.RefreshInvitations(a.SystemReq(context.Background(), tx, t0), m)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
