package storage

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"
)

func TestHoursLedger(t *testing.T) {
	s := newTestStorage(t)
	shanghai := time.FixedZone("CST", 8*3600)
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, 1, 2, 9)
		if err := tx.Register(1, "3", "101", t0); err != nil {
			return err
		}
		care, err := tx.CreateTeam("Care", 9, false, t0)
		if err != nil {
			return err
		}
		nov := time.Date(2026, 11, 7, 9, 0, 0, 0, shanghai)
		// 2026-12-01 07:00 in Shanghai is still November in UTC: months
		// follow from's zone.
		dec := time.Date(2026, 12, 1, 7, 0, 0, 0, shanghai)
		log := func(e HoursEntry) int64 {
			t.Helper()
			id, err := tx.LogHours(e, t0)
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		first := log(HoursEntry{MemberID: 1, Source: HoursJob, Ref: 5, TeamID: care, Start: nov, Minutes: 90, LoggedBy: 9})
		// Logging the same job again replaces the entry: never doubles.
		again := log(HoursEntry{MemberID: 1, Source: HoursJob, Ref: 5, TeamID: care, Start: nov, Minutes: 120, LoggedBy: 9})
		if again != first {
			t.Errorf("relogging made entry %d beside %d", again, first)
		}
		log(HoursEntry{MemberID: 1, Source: HoursPatrol, Ref: 5, Start: nov.Add(24 * time.Hour), Minutes: 60})
		log(HoursEntry{MemberID: 1, Source: HoursJob, Ref: 6, TeamID: care, Start: dec, Minutes: 30})
		log(HoursEntry{MemberID: 2, Source: HoursJob, Ref: 5, TeamID: care, Start: nov, Minutes: 120})
		if _, err := tx.LogHours(HoursEntry{MemberID: 2, Source: HoursJob, Ref: 7, Start: nov}, t0); err == nil {
			t.Error("zero minutes were logged")
		}

		from := time.Date(2026, 1, 1, 0, 0, 0, 0, shanghai)
		to := time.Date(2027, 1, 1, 0, 0, 0, 0, shanghai)
		months, err := tx.HoursByMonth(1, from, to)
		want := []MonthHours{{"2026-11", 180}, {"2026-12", 30}}
		if err != nil || !reflect.DeepEqual(months, want) {
			t.Errorf("by month %v %v, want %v", months, err, want)
		}
		team, err := tx.TeamHours(care, from, to)
		if err != nil || len(team) != 2 || team[0].MemberID != 1 || team[0].Minutes != 150 || team[1].Minutes != 120 {
			t.Errorf("team hours %+v %v", team, err)
		}
		exp, err := tx.HoursExport(from, to)
		if err != nil || len(exp) != 4 {
			t.Fatalf("export %+v %v", exp, err)
		}
		if e := exp[len(exp)-1]; e.Month != "2026-12" || e.MemberID != 1 || e.Team != "Care" || e.Building != "3" || e.Minutes != 30 {
			t.Errorf("last export row %+v", e)
		}
		tot, err := tx.HoursTotals(from, to)
		if err != nil || tot != (HoursTotals{People: 2, Minutes: 330}) {
			t.Errorf("totals %+v %v", tot, err)
		}
		if n, err := tx.JobsHeld(from, to); err != nil || n != 2 {
			t.Errorf("jobs held %d %v", n, err)
		}
		decOnly := time.Date(2026, 12, 1, 0, 0, 0, 0, shanghai)
		if n, _ := tx.JobsHeld(decOnly, to); n != 1 {
			t.Errorf("jobs held in December %d", n)
		}
		// By the giver's building: jobs only, and member 2 has no building.
		byB, err := tx.VolunteerJobHoursByBuilding(from, to)
		if want := map[string]HoursTotals{"3": {People: 1, Minutes: 150}}; err != nil || !reflect.DeepEqual(byB, want) {
			t.Errorf("job hours by building %+v %v, want %+v", byB, err, want)
		}
		byB, err = tx.VolunteerJobHoursByBuilding(decOnly, to)
		if want := map[string]HoursTotals{"3": {People: 1, Minutes: 30}}; err != nil || !reflect.DeepEqual(byB, want) {
			t.Errorf("December job hours by building %+v %v, want %+v", byB, err, want)
		}

		if err := tx.RemoveHours(HoursJob, 5, 1); err != nil {
			return err
		}
		if err := tx.RemoveHours(HoursJob, 5, 1); !errors.Is(err, ErrNotFound) {
			t.Errorf("remove twice: %v", err)
		}
		months, _ = tx.HoursByMonth(1, from, to)
		if !reflect.DeepEqual(months, []MonthHours{{"2026-11", 60}, {"2026-12", 30}}) {
			t.Errorf("after removal %v", months)
		}
		return nil
	})
}

// BenchmarkHoursLedger: a year of hours for 2,000 people (about 100,000
// entries); one member's months, a month's export and totals.
func BenchmarkHoursLedger(b *testing.B) {
	s := newTestStorage(b)
	loc := time.FixedZone("CST", 8*3600)
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, loc)
	err := s.Update(context.Background(), func(tx *Tx) error {
		for m := int64(1); m <= 2000; m++ {
			if err := tx.TouchMember(m, "m", "", "", t0); err != nil {
				return err
			}
		}
		for i := 0; i < 100_000; i++ {
			e := HoursEntry{MemberID: int64(i%2000 + 1), Source: HoursJob, Ref: int64(i / 8), Start: start.Add(time.Duration(i) * 5 * time.Minute), Minutes: 120}
			if _, err := tx.LogHours(e, t0); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	from, to := time.Date(2026, 6, 1, 0, 0, 0, 0, loc), time.Date(2026, 7, 1, 0, 0, 0, 0, loc)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		err := s.View(context.Background(), func(tx *Tx) error {
			if _, err := tx.HoursByMonth(7, start.AddDate(-1, 0, 0), start.AddDate(1, 0, 0)); err != nil {
				return err
			}
			if _, err := tx.HoursExport(from, to); err != nil {
				return err
			}
			_, err := tx.HoursTotals(from, to)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
