package storage

import (
	"testing"
	"time"

	"courtyard/workweek"
)

// The response rate of March 2026 in Shanghai, respond within 2h, with the
// working hours Mon-Fri 08:30-17:30 and around the clock, worked out by
// hand (Mon 2, Fri 6, Sat 7, Mon 9):
//
//	A1 in Fri 6 17:00, claimed Mon 9 10:00: 30 min + 90 min of working
//	   time, in time; 65h on the clock, late.
//	A2 in Fri 6 17:00, claimed Mon 9 10:01: 2h01 of working time, late.
//	A3 in Mon 2 20:00 (after hours), claimed Tue 3 07:30 (before they
//	   start): none of working time, in time; 11h30 on the clock, late.
//	A4 in Mon 2 09:00, claimed 10:30: in time either way.
//	A5 in Mon 2 17:00, claimed Tue 3 09:00: 1h of working time, in time;
//	   16h on the clock, late.
//	A6 in Tue 3 16:00, claimed 18:30: 1h30 of working time, in time; 2h30
//	   on the clock, late.
//	B7 in Sat 7 10:00, nobody acted: late either way.
//	B8 in Sat 7 10:00, its reporter's note at 10:05 (not a response),
//	   claimed Mon 9 11:00: 2h30 of working time, late.
//	B9 in Wed 4 12:00, claimed 13:30: in time either way.
//	A10 in Fri Feb 27 17:00, claimed Mon 2 09:00: received in February,
//	   not counted.
//
// With working hours: A 5/6, B 1/3, all 6/9 (67%). Around the clock: A
// 1/6, B 1/3, all 2/9 (22%).
func TestResponseRateInWorkingHours(t *testing.T) {
	sh, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	at := func(d, h, m int) time.Time { return time.Date(2026, 3, d, h, m, 0, 0, sh) }
	s := newTestStorage(t)
	const staff, ra, rb = 99, 10, 20
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, staff, ra, rb)
		ticket := func(building string, reporter int64, in, claimed time.Time) int64 {
			t.Helper()
			id := fileTicket(t, tx, Ticket{Kind: TicketKindReport, Category: "water", Building: building, ReporterID: reporter, Text: "x"}, in)
			if !claimed.IsZero() {
				if _, _, err := tx.Transition(id, ActClaim, staff, TransitionOpts{}, claimed); err != nil {
					t.Fatal(err)
				}
			}
			return id
		}
		ticket("A", ra, at(6, 17, 0), at(9, 10, 0))
		ticket("A", ra, at(6, 17, 0), at(9, 10, 1))
		ticket("A", ra, at(2, 20, 0), at(3, 7, 30))
		ticket("A", ra, at(2, 9, 0), at(2, 10, 30))
		ticket("A", ra, at(2, 17, 0), at(3, 9, 0))
		ticket("A", ra, at(3, 16, 0), at(3, 18, 30))
		ticket("B", rb, at(7, 10, 0), time.Time{})
		b8 := ticket("B", rb, at(7, 10, 0), time.Time{})
		if err := tx.AddTicketNote(b8, rb, "more", at(7, 10, 5)); err != nil {
			t.Fatal(err)
		}
		if _, _, err := tx.Transition(b8, ActClaim, staff, TransitionOpts{}, at(9, 11, 0)); err != nil {
			t.Fatal(err)
		}
		ticket("B", rb, at(4, 12, 0), at(4, 13, 30))
		ticket("A", ra, time.Date(2026, 2, 27, 17, 0, 0, 0, sh), at(2, 9, 0))
		return nil
	})
	week, err := workweek.Parse([]string{"mon-fri 08:30-17:30"}, sh)
	if err != nil {
		t.Fatal(err)
	}
	rates := func(r Respond) map[string]Rates {
		t.Helper()
		var got map[string]Rates
		err := s.View(t.Context(), func(tx *Tx) error {
			var err error
			got, err = tx.RatesBetween(at(1, 0, 0), time.Date(2026, 4, 1, 0, 0, 0, 0, sh), at(31, 0, 0), r, map[string]time.Duration{"water": 48 * time.Hour})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	clock := func(a, b time.Time) time.Duration { return b.Sub(a) }
	for _, c := range []struct {
		name string
		r    Respond
		a, b Rate
		pct  int
	}{
		{"working hours", Respond{2 * time.Hour, week.Between}, Rate{5, 6}, Rate{1, 3}, 67},
		{"around the clock (ResponseRateSQL)", Respond{Within: 2 * time.Hour}, Rate{1, 6}, Rate{1, 3}, 22},
		{"around the clock (ResponseTimesSQL)", Respond{2 * time.Hour, clock}, Rate{1, 6}, Rate{1, 3}, 22},
	} {
		got := rates(c.r)
		if got["A"].Response != c.a || got["B"].Response != c.b {
			t.Errorf("%s: A %+v, B %+v; want A %+v, B %+v", c.name, got["A"].Response, got["B"].Response, c.a, c.b)
		}
		if p, _ := TotalRates(got).Response.Percent(); p != c.pct {
			t.Errorf("%s: %d%% in all, want %d%%", c.name, p, c.pct)
		}
		// The other rates do not depend on working hours: every water
		// ticket is due in March (48h, A10 on Mar 1 17:00), none ended.
		if got["A"].Completion != (Rate{0, 7}) || got["B"].Completion != (Rate{0, 3}) {
			t.Errorf("%s: completion A %+v, B %+v; want 0/7 and 0/3", c.name, got["A"].Completion, got["B"].Completion)
		}
	}
}
