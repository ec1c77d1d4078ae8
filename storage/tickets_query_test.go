package storage

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

// The ledger fixture: twelve tickets created on 2 March 2026 (base + N h),
// one just before March and one just at April. Reporters 1 and 4; helpers 2
// and 3; team 1.
var (
	march, april = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	base         = t0 // 2 March 09:00
)

type fxStep struct {
	a     TicketAction
	actor int64
	after time.Duration // after the ticket's creation
	o     TransitionOpts
}

type fxTicket struct {
	kind, cat, bldg string
	reporter        int64
	at              time.Time
	steps           []fxStep
}

func h(n float64) time.Duration { return time.Duration(n * float64(time.Hour)) }

func claimBy(who int64, after time.Duration) fxStep {
	return fxStep{a: ActClaim, actor: who, after: after}
}
func resolveBy(who int64, after time.Duration) fxStep {
	return fxStep{a: ActResolve, actor: who, after: after}
}
func by(a TicketAction, who int64, after time.Duration) fxStep {
	return fxStep{a: a, actor: who, after: after}
}

var ledgerFixture = []fxTicket{
	/* 1 */ {"report", "water", "b1", 1, base, []fxStep{claimBy(2, h(1)), resolveBy(2, h(5)), by(ActConfirm, 1, h(6))}},
	/* 2 */ {"report", "water", "b1", 4, base.Add(h(1)), []fxStep{claimBy(3, h(2)), resolveBy(3, h(10))}},
	/* 3 */ {"report", "water", "b2", 1, base.Add(h(2)), nil},
	/* 4 */ {"report", "lighting", "b2", 1, base.Add(h(3)), []fxStep{claimBy(2, h(0.5)), resolveBy(2, h(3))}},
	/* 5 */ {"report", "lighting", "b1", 4, base.Add(h(4)), []fxStep{by(ActReject, 9, h(1))}},
	/* 6 */ {"report", "lighting", "b3", 1, base.Add(h(5)), []fxStep{{a: ActDuplicate, actor: 9, after: h(1), o: TransitionOpts{DuplicateOf: 5}}}},
	/* 7 */ {"report", "noise", "b3", 1, base.Add(h(6)), []fxStep{claimBy(2, h(4)), resolveBy(2, h(8)), by(ActReopen, 1, h(9))}},
	/* 8 */ {"report", "noise", "b3", 1, base.Add(h(7)), []fxStep{{a: ActAssign, actor: 9, after: h(1), o: TransitionOpts{Team: 1}}}},
	/* 9 */ {"wish", "other", "b1", 1, base.Add(h(8)), []fxStep{claimBy(2, h(3)), resolveBy(2, h(6)), by(ActConfirm, 1, h(7))}},
	/* 10 */ {"wish", "other", "b2", 1, base.Add(h(9)), []fxStep{claimBy(3, h(5)), resolveBy(3, h(12))}},
	/* 11 */ {"wish", "other", "b2", 4, base.Add(h(10)), nil},
	/* 12 */ {"wish", "other", "b1", 1, base.Add(h(11)), []fxStep{claimBy(3, h(6))}},
	/* 13 */ {"report", "water", "b1", 1, march.Add(-time.Millisecond), []fxStep{claimBy(2, h(1))}},
	/* 14 */ {"wish", "other", "b2", 1, april, nil},
}

func newLedger(t *testing.T) *Storage {
	t.Helper()
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, 1, 2, 3, 4, 9)
		if id := mustTeam(t, tx, "Night watch"); id != 1 {
			t.Fatalf("team id %d", id)
		}
		for i, f := range ledgerFixture {
			id := fileTicket(t, tx, Ticket{Kind: f.kind, Category: f.cat, Building: f.bldg, ReporterID: f.reporter}, f.at)
			if id != int64(i+1) {
				t.Fatalf("ticket id %d, want %d", id, i+1)
			}
			for _, st := range f.steps {
				if _, _, err := tx.Transition(id, st.a, st.actor, st.o, f.at.Add(st.after)); err != nil {
					t.Fatalf("#%d %s: %v", id, st.a, err)
				}
			}
		}
		return nil
	})
	return s
}

func ids(tks []Ticket) []int64 {
	out := []int64{}
	for _, tk := range tks {
		out = append(out, tk.ID)
	}
	return out
}

func sameIDs(t *testing.T, what string, tks []Ticket, err error, want ...int64) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if want == nil {
		want = []int64{}
	}
	if got := ids(tks); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: %v, want %v", what, got, want)
	}
}

func TestTicketQueues(t *testing.T) {
	s := newLedger(t)
	update(t, s, func(tx *Tx) error {
		q, err := tx.BuildingQueue([]string{"b1", "b2"}, 10)
		sameIDs(t, "queue b1 b2", q, err, 13, 3, 11, 12, 14)
		q, err = tx.BuildingQueue([]string{"b1", "b2"}, 2)
		sameIDs(t, "queue b1 b2, 2", q, err, 13, 3)
		q, err = tx.BuildingQueue([]string{"b3"}, 10)
		sameIDs(t, "queue b3", q, err, 7, 8)
		q, err = tx.BuildingQueue(nil, 10)
		sameIDs(t, "queue of no building", q, err)
		a, err := tx.AssignedTickets(2, 10)
		sameIDs(t, "assigned to 2", a, err, 13, 7)
		a, err = tx.AssignedTickets(3, 10)
		sameIDs(t, "assigned to 3", a, err, 12)
		r, err := tx.ReporterTickets(4, 10)
		sameIDs(t, "reported by 4", r, err, 11, 5, 2)
		r, err = tx.ReporterTickets(4, 1)
		sameIDs(t, "reported by 4, 1", r, err, 11)
		for _, c := range []struct {
			member int64
			since  time.Time
			want   int
		}{{4, base.Add(h(4)), 2}, {4, base.Add(h(4) + time.Millisecond), 1}, {4, base, 3}, {1, march, 10}, {1, april.Add(time.Millisecond), 0}, {2, march, 0}} {
			if n, err := tx.ReportsSince(c.member, c.since); err != nil || n != c.want {
				t.Errorf("reports of %d since %v: %d %v, want %d", c.member, c.since, n, err, c.want)
			}
		}
		return nil
	})
}

func TestTicketLedger(t *testing.T) {
	s := newLedger(t)
	update(t, s, func(tx *Tx) error {
		for _, c := range []struct {
			name          string
			f             LedgerFilter
			limit, offset int
			want          []int64
			total         int
		}{
			{"all", LedgerFilter{}, 3, 0, []int64{14, 12, 11}, 14},
			{"all, page 5", LedgerFilter{}, 3, 12, []int64{1, 13}, 14},
			{"open", LedgerFilter{State: TicketOpen}, 10, 0, []int64{14, 11, 8, 3}, 4},
			{"b1 water", LedgerFilter{Building: "b1", Category: "water"}, 10, 0, []int64{2, 1, 13}, 3},
			{"b2+b3 paged", LedgerFilter{Buildings: []string{"b2", "b3"}}, 2, 1, []int64{11, 10}, 8},
			{"period", LedgerFilter{From: base.Add(h(3)), To: base.Add(h(6))}, 10, 0, []int64{6, 5, 4}, 3},
			{"march", LedgerFilter{From: march, To: april}, 1, 0, []int64{12}, 12},
			{"from april", LedgerFilter{From: april}, 10, 0, []int64{14}, 1},
			{"before march", LedgerFilter{To: march}, 10, 0, []int64{13}, 1},
			{"leader's buildings and another", LedgerFilter{Buildings: []string{"b1"}, Building: "b2"}, 10, 0, nil, 0},
			{"leader of nothing", LedgerFilter{Buildings: []string{}}, 10, 0, nil, 0},
			{"resolved lighting in b2", LedgerFilter{State: TicketResolved, Category: "lighting", Buildings: []string{"b2", "b3"}}, 10, 0, []int64{4}, 1},
		} {
			page, total, err := tx.Ledger(c.f, c.limit, c.offset)
			sameIDs(t, c.name, page, err, c.want...)
			if total != c.total {
				t.Errorf("%s: total %d, want %d", c.name, total, c.total)
			}
		}
		return nil
	})
}

func TestTicketExport(t *testing.T) {
	s := newLedger(t)
	update(t, s, func(tx *Tx) error {
		var got []Ticket
		collect := func(tk Ticket) error { got = append(got, tk); return nil }
		if err := tx.ExportTickets(march, april, collect); err != nil {
			return err
		}
		sameIDs(t, "march", got, nil, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
		if got[6].State != TicketReopened || got[0].Resolution != "" || got[0].ClosedAt.IsZero() {
			t.Errorf("exported rows lack their columns: %+v", got[0])
		}
		got = nil
		if err := tx.ExportTickets(time.Time{}, time.Time{}, collect); err != nil {
			return err
		}
		sameIDs(t, "everything", got, nil, 13, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14)
		stop := errors.New("disk full")
		n := 0
		err := tx.ExportTickets(march, april, func(Ticket) error { n++; return stop })
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("export must stop at fn's error: %v after %d", err, n)
		}
		// The rows were closed: the Tx is usable again.
		if _, err := tx.Ticket(1); err != nil {
			t.Errorf("after a stopped export: %v", err)
		}
		return nil
	})
}

func TestTicketStats(t *testing.T) {
	s := newLedger(t)
	update(t, s, func(tx *Tx) error {
		st, err := tx.TicketStats(march, april)
		if err != nil {
			return err
		}
		want := TicketStats{
			ByCategory: map[string]map[TicketState]int{
				"water":    {TicketClosed: 1, TicketResolved: 1, TicketOpen: 1},
				"lighting": {TicketResolved: 1, TicketRejected: 1, TicketDuplicate: 1},
				"noise":    {TicketReopened: 1, TicketOpen: 1},
				"other":    {TicketClosed: 1, TicketResolved: 1, TicketOpen: 1, TicketClaimed: 1},
			},
			ByBuilding: map[string]int{"b1": 5, "b2": 4, "b3": 3},
			Total:      12,
			// Claims after 1, 2, 0.5, 4, 3, 5, 6 h: the middle of seven is 3 h.
			MedianClaim: h(3),
			// Resolves after 5, 10, 3, 8, 6, 12 h: the mean of 6 and 8 h.
			MedianResolve:   h(7),
			Claimed:         7,
			Resolved:        6,
			WishesTotal:     4,
			WishesFulfilled: 2,
		}
		if !reflect.DeepEqual(st, want) {
			t.Errorf("stats\n got %+v\nwant %+v", st, want)
		}
		st, err = tx.TicketStats(april, april.AddDate(0, 1, 0))
		if err != nil || st.Total != 1 || st.WishesTotal != 1 || st.WishesFulfilled != 0 || st.Claimed != 0 || st.MedianClaim != 0 {
			t.Errorf("april %+v %v", st, err)
		}
		st, err = tx.TicketStats(april.AddDate(0, 1, 0), april.AddDate(0, 2, 0))
		if err != nil || st.Total != 0 || len(st.ByCategory) != 0 || st.ByBuilding == nil {
			t.Errorf("an empty month %+v %v", st, err)
		}
		return nil
	})
}

func TestTicketEscalationSelections(t *testing.T) {
	s := newLedger(t)
	update(t, s, func(tx *Tx) error {
		u, err := tx.UnclaimedSince(base.Add(h(10)), 10)
		sameIDs(t, "unclaimed", u, err, 3, 8) // 7 is reopened but still has its assignee
		u, err = tx.UnclaimedSince(april.Add(time.Millisecond), 10)
		sameIDs(t, "unclaimed until april", u, err, 3, 8, 11, 14)
		d, err := tx.ActiveTicketsByCategory("water", april, 10)
		sameIDs(t, "overdue water", d, err, 13, 3)
		d, err = tx.ActiveTicketsByCategory("noise", base.Add(h(7)), 10)
		sameIDs(t, "overdue noise", d, err, 7)
		d, err = tx.ActiveTicketsByCategory("noise", base.Add(h(8)), 10)
		sameIDs(t, "overdue noise later", d, err, 7, 8)

		for _, st := range []int{1, 1} { // marking twice changes nothing
			if err := tx.MarkEscalated(3, st); err != nil {
				return err
			}
		}
		u, err = tx.UnclaimedSince(base.Add(h(10)), 10)
		sameIDs(t, "unclaimed after escalation", u, err, 8)
		d, err = tx.ActiveTicketsByCategory("water", april, 10)
		sameIDs(t, "overdue water after step 1", d, err, 13, 3)
		if err := tx.MarkEscalated(3, 2); err != nil {
			return err
		}
		if err := tx.MarkEscalated(3, 1); err != nil { // never goes down
			return err
		}
		if tk, _ := tx.Ticket(3); tk.EscalatedStep != 2 {
			t.Errorf("escalated step %d", tk.EscalatedStep)
		}
		d, err = tx.ActiveTicketsByCategory("water", april, 10)
		sameIDs(t, "overdue water after step 2", d, err, 13)
		if err := tx.MarkEscalated(404, 1); !errors.Is(err, ErrNotFound) {
			t.Errorf("escalate a missing ticket: %v", err)
		}

		r, err := tx.ResolvedBefore(base.Add(h(12)), 10)
		sameIDs(t, "resolved before", r, err, 4, 2) // resolved at +6 h and +11 h
		r, err = tx.ResolvedBefore(april, 10)
		sameIDs(t, "resolved before april", r, err, 4, 2, 10)
		r, err = tx.ResolvedBefore(base.Add(h(6)), 10)
		sameIDs(t, "resolved strictly before", r, err)
		return nil
	})
}
