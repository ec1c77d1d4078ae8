package storage

import (
	"testing"
	"time"
)

// The four rates of March 2026 over a fixture whose every figure is worked
// out by hand below (respond within 2h; water 48h, lighting 24h, other no
// deadline).
//
// Building 3:
//
//	#1 water, in Mar 2 09:00, claimed 10:00 (1h), resolved Mar 3 09:00,
//	   "yes" Mar 3 12:00 (closed; due Mar 4 09:00): responded, completed,
//	   one yes; rated 5 by its reporter and 4 by a neighbour.
//	#2 lighting, in Mar 5 08:00, claimed 11:00 (3h), resolved 18:00, "no"
//	   20:00 (reopened), resolved Mar 6 10:00, "yes" 12:00 (closed after
//	   its due Mar 6 08:00): not responded, not completed, a no and a yes;
//	   rated 2.
//	#3 water, in Mar 10 09:00, a duplicate of #1 at 09:30 (due Mar 12):
//	   responded, completed.
//	#6 lighting, in Feb 28 20:00 (not received in March), due Mar 1 20:00,
//	   resolved Mar 1 10:00, "partly" 12:00, still reopened: not
//	   completed, an answer that is not a yes.
//
// Building 1:
//
//	#4 water, in Mar 20 09:00, nobody acted (due Mar 22): not responded,
//	   not completed.
//	#5 other, in Mar 20 10:00, its reporter noted something at 10:10 (not
//	   a response), rejected by staff 11:00: responded; no deadline.
//	No answers and no ratings: those two rates are over nothing.
//
// So building 3: response 2/3, completion 2/4, resolution 2/4,
// satisfaction 2/3; building 1: response 1/2, completion 0/1, resolution
// 0/0, satisfaction 0/0; all: 3/5, 2/5, 2/4, 2/3 (60%, 40%, 50%, 67%).
func TestRatesOnAFixtureWorkedOutByHand(t *testing.T) {
	s := newTestStorage(t)
	at := func(d, h, m int) time.Time { return time.Date(2026, 3, d, h, m, 0, 0, time.UTC) }
	const staff, r3, n3, r1 = 99, 10, 11, 20
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, staff, r3, n3, r1)
		step := func(id int64, a TicketAction, actor int64, o TransitionOpts, when time.Time) {
			t.Helper()
			if _, _, err := tx.Transition(id, a, actor, o, when); err != nil {
				t.Fatal(err)
			}
		}
		rate := func(ref, member int64, building string, level int, when time.Time) {
			t.Helper()
			if err := tx.SaveRating(Rating{Kind: RatingTicket, Ref: ref, MemberID: member, Building: building, Level: level, At: when}); err != nil {
				t.Fatal(err)
			}
		}
		t1 := fileTicket(t, tx, Ticket{Kind: TicketKindReport, Category: "water", Building: "3", ReporterID: r3, Text: "a"}, at(2, 9, 0))
		step(t1, ActClaim, staff, TransitionOpts{}, at(2, 10, 0))
		step(t1, ActResolve, staff, TransitionOpts{Note: "done"}, at(3, 9, 0))
		step(t1, ActConfirm, r3, TransitionOpts{Note: "yes"}, at(3, 12, 0))
		rate(t1, r3, "3", 5, at(3, 12, 1))
		rate(t1, n3, "3", 4, at(3, 13, 0))

		t2 := fileTicket(t, tx, Ticket{Kind: TicketKindReport, Category: "lighting", Building: "3", ReporterID: r3, Text: "b"}, at(5, 8, 0))
		step(t2, ActClaim, staff, TransitionOpts{}, at(5, 11, 0))
		step(t2, ActResolve, staff, TransitionOpts{Note: "done"}, at(5, 18, 0))
		step(t2, ActReopen, r3, TransitionOpts{Note: "no"}, at(5, 20, 0))
		step(t2, ActResolve, staff, TransitionOpts{Note: "done again"}, at(6, 10, 0))
		step(t2, ActConfirm, r3, TransitionOpts{Note: "yes"}, at(6, 12, 0))
		rate(t2, r3, "3", 2, at(6, 12, 1))

		t3 := fileTicket(t, tx, Ticket{Kind: TicketKindReport, Category: "water", Building: "3", ReporterID: r3, Text: "c"}, at(10, 9, 0))
		step(t3, ActDuplicate, staff, TransitionOpts{DuplicateOf: t1, Note: "same"}, at(10, 9, 30))

		t4 := fileTicket(t, tx, Ticket{Kind: TicketKindReport, Category: "water", Building: "1", ReporterID: r1, Text: "d"}, at(20, 9, 0))
		_ = t4
		t5 := fileTicket(t, tx, Ticket{Kind: TicketKindReport, Category: "other", Building: "1", ReporterID: r1, Text: "e"}, at(20, 10, 0))
		if err := tx.AddTicketNote(t5, r1, "more", at(20, 10, 10)); err != nil {
			t.Fatal(err)
		}
		step(t5, ActReject, staff, TransitionOpts{Note: "not ours"}, at(20, 11, 0))

		t6 := fileTicket(t, tx, Ticket{Kind: TicketKindReport, Category: "lighting", Building: "3", ReporterID: r3, Text: "f"},
			time.Date(2026, 2, 28, 20, 0, 0, 0, time.UTC))
		step(t6, ActClaim, staff, TransitionOpts{}, time.Date(2026, 2, 28, 21, 0, 0, 0, time.UTC))
		step(t6, ActResolve, staff, TransitionOpts{Note: "done"}, at(1, 10, 0))
		step(t6, ActPartly, r3, TransitionOpts{Note: "partly"}, at(1, 12, 0))
		// Outside March: a rating in April counts in April.
		rate(t6, r3, "3", 1, time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC))
		return nil
	})
	var got map[string]Rates
	err := s.View(t.Context(), func(tx *Tx) error {
		var err error
		got, err = tx.RatesBetween(at(1, 0, 0), time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC), Respond{Within: 2 * time.Hour},
			map[string]time.Duration{"water": 48 * time.Hour, "lighting": 24 * time.Hour, "other": 0})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Rates{
		"3": {Response: Rate{2, 3}, Completion: Rate{2, 4}, Resolution: Rate{2, 4}, Satisfaction: Rate{2, 3}},
		"1": {Response: Rate{1, 2}, Completion: Rate{0, 1}},
	}
	for b, w := range want {
		if got[b] != w {
			t.Errorf("building %s:\n got %+v\nwant %+v", b, got[b], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("buildings %v, want 1 and 3", got)
	}
	all := TotalRates(got)
	for _, c := range []struct {
		name string
		r    Rate
		pct  int
		ok   bool
	}{
		{"response", all.Response, 60, true}, {"completion", all.Completion, 40, true},
		{"resolution", all.Resolution, 50, true}, {"satisfaction", all.Satisfaction, 67, true},
		{"resolution of building 1", got["1"].Resolution, 0, false}, {"satisfaction of building 1", got["1"].Satisfaction, 0, false},
	} {
		if p, ok := c.r.Percent(); p != c.pct || ok != c.ok {
			t.Errorf("%s rate %+v = %d%% (%v), want %d%% (%v)", c.name, c.r, p, ok, c.pct, c.ok)
		}
	}
}
