package storage

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

// addMembers creates members with the given ids.
func addMembers(t *testing.T, tx *Tx, ids ...int64) {
	t.Helper()
	for _, id := range ids {
		if err := tx.TouchMember(id, "m", "", "", t0); err != nil {
			t.Fatal(err)
		}
	}
}

func fileTicket(t *testing.T, tx *Tx, tk Ticket, at time.Time) int64 {
	t.Helper()
	id, err := tx.CreateTicket(tk, at)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestTicketCreateAndRead(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, 1)
		lat, lon := 31.2304, 121.4737
		id := fileTicket(t, tx, Ticket{Kind: TicketKindReport, Category: "water", Building: "3", ReporterID: 1,
			Text: "楼道漏水", Photos: []string{"AgAD1", "AgAD2"}, Lat: &lat, Lon: &lon, HideName: true, SourceChatID: -100}, t0)
		tk, err := tx.Ticket(id)
		if err != nil {
			return err
		}
		want := Ticket{ID: id, Kind: "report", Category: "water", Building: "3", ReporterID: 1, Text: "楼道漏水",
			Photos: []string{"AgAD1", "AgAD2"}, HideName: true, State: TicketOpen, SourceChatID: -100}
		got := tk
		got.Lat, got.Lon = nil, nil
		if !got.CreatedAt.Equal(t0) || !got.UpdatedAt.Equal(t0) || !got.ClaimedAt.IsZero() || !got.ResolvedAt.IsZero() || !got.ClosedAt.IsZero() {
			t.Errorf("times: %+v", tk)
		}
		got.CreatedAt, got.UpdatedAt = time.Time{}, time.Time{}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("read back\n got %+v\nwant %+v", got, want)
		}
		if tk.Lat == nil || tk.Lon == nil || *tk.Lat != lat || *tk.Lon != lon {
			t.Errorf("location %v %v", tk.Lat, tk.Lon)
		}

		plain := fileTicket(t, tx, Ticket{Kind: TicketKindWish, Category: "other", ReporterID: 1, Text: "a bench"}, t0)
		tk, err = tx.Ticket(plain)
		if err != nil {
			return err
		}
		if tk.Photos != nil || tk.Lat != nil || tk.Lon != nil || tk.HideName || tk.Kind != "wish" || tk.GroupOutID != 0 {
			t.Errorf("plain ticket %+v", tk)
		}
		if err := tx.SetTicketGroupOut(plain, 77); err != nil {
			return err
		}
		if tk, _ = tx.Ticket(plain); tk.GroupOutID != 77 {
			t.Errorf("group out %d", tk.GroupOutID)
		}
		if err := tx.SetTicketGroupOut(999, 1); !errors.Is(err, ErrNotFound) {
			t.Errorf("group out of a missing ticket: %v", err)
		}
		if _, err := tx.Ticket(999); !errors.Is(err, ErrNotFound) {
			t.Errorf("missing ticket: %v", err)
		}
		if _, err := tx.CreateTicket(Ticket{Kind: "rant", Category: "x", ReporterID: 1}, t0); err == nil {
			t.Error("unknown kind accepted")
		}
		evs, err := tx.TicketEvents(id)
		if err != nil {
			return err
		}
		if len(evs) != 1 || evs[0].Action != ActCreate || evs[0].From != "" || evs[0].To != TicketOpen || evs[0].ActorID != 1 || !evs[0].At.Equal(t0) {
			t.Errorf("create event %+v", evs)
		}
		return nil
	})
}

// refused checks that err is a *TransitionError naming state.
func refused(t *testing.T, err error, id int64, state TicketState, a TicketAction) {
	t.Helper()
	var te *TransitionError
	if !errors.Is(err, ErrIllegalTransition) || !errors.As(err, &te) {
		t.Fatalf("%s of #%d in %s: want a TransitionError, got %v", a, id, state, err)
	}
	if te.ID != id || te.State != state || te.Action != a {
		t.Errorf("transition error %+v, want #%d %s %s", te, id, state, a)
	}
}

func TestTicketLifecycle(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, 1, 2, 3)
		id := fileTicket(t, tx, Ticket{Kind: TicketKindReport, Category: "water", Building: "3", ReporterID: 1}, t0)
		at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
		do := func(a TicketAction, actor int64, o TransitionOpts, when time.Time) Ticket {
			t.Helper()
			tk, ev, err := tx.Transition(id, a, actor, o, when)
			if err != nil {
				t.Fatalf("%s: %v", a, err)
			}
			if ev.Action != a || ev.ActorID != actor || ev.To != tk.State || ev.TicketID != id || !ev.At.Equal(when) || ev.ID == 0 {
				t.Errorf("%s event %+v", a, ev)
			}
			if !tk.UpdatedAt.Equal(when) {
				t.Errorf("%s: updated_at %v", a, tk.UpdatedAt)
			}
			return tk
		}

		tk := do(ActClaim, 2, TransitionOpts{}, at(10))
		if tk.State != TicketClaimed || tk.AssigneeID != 2 || !tk.ClaimedAt.Equal(at(10)) {
			t.Errorf("claimed %+v", tk)
		}
		_, _, err := tx.Transition(id, ActClaim, 3, TransitionOpts{}, at(11)) // first claim wins
		refused(t, err, id, TicketClaimed, ActClaim)
		tk = do(ActAssign, 9, TransitionOpts{Assignee: 3, Note: "Li knows the pipes"}, at(20))
		if tk.State != TicketClaimed || tk.AssigneeID != 3 || !tk.ClaimedAt.Equal(at(10)) {
			t.Errorf("reassigned %+v", tk)
		}
		tk = do(ActHandback, 3, TransitionOpts{Note: "no time"}, at(30))
		if tk.State != TicketOpen || tk.AssigneeID != 0 {
			t.Errorf("handed back %+v", tk)
		}
		tk = do(ActClaim, 2, TransitionOpts{}, at(40))
		if tk.AssigneeID != 2 || !tk.ClaimedAt.Equal(at(10)) {
			t.Errorf("claimed_at must keep the first claim: %+v", tk)
		}
		tk = do(ActResolve, 2, TransitionOpts{Note: "valve replaced", Photo: "AgADfix"}, at(50))
		if tk.State != TicketResolved || tk.Resolution != "valve replaced" || tk.ResolutionPhoto != "AgADfix" || !tk.ResolvedAt.Equal(at(50)) {
			t.Errorf("resolved %+v", tk)
		}
		_, _, err = tx.Transition(id, ActClaim, 3, TransitionOpts{}, at(51))
		refused(t, err, id, TicketResolved, ActClaim)
		tk = do(ActPartly, 1, TransitionOpts{Note: "still drips"}, at(60))
		if tk.State != TicketReopened || tk.AssigneeID != 2 {
			t.Errorf("partly %+v", tk)
		}
		tk = do(ActResolve, 2, TransitionOpts{Note: "tightened"}, at(70))
		if !tk.ResolvedAt.Equal(at(70)) || tk.Resolution != "tightened" || tk.ResolutionPhoto != "" {
			t.Errorf("resolved again %+v", tk)
		}
		tk = do(ActConfirm, 1, TransitionOpts{}, at(80))
		if tk.State != TicketClosed || !tk.ClosedAt.Equal(at(80)) || !tk.ResolvedAt.Equal(at(70)) {
			t.Errorf("closed %+v", tk)
		}
		for _, a := range TicketActions {
			_, _, err := tx.Transition(id, a, 9, TransitionOpts{Assignee: 3, DuplicateOf: 1}, at(90))
			refused(t, err, id, TicketClosed, a)
		}
		if got, _ := tx.Ticket(id); !reflect.DeepEqual(got, tk) {
			t.Errorf("a refused action changed the ticket:\n%+v\n%+v", got, tk)
		}

		evs, err := tx.TicketEvents(id)
		if err != nil {
			return err
		}
		type fe struct {
			a        TicketAction
			from, to TicketState
			actor    int64
			note     string
		}
		want := []fe{{ActCreate, "", TicketOpen, 1, ""}, {ActClaim, TicketOpen, TicketClaimed, 2, ""},
			{ActAssign, TicketClaimed, TicketClaimed, 9, "Li knows the pipes"}, {ActHandback, TicketClaimed, TicketOpen, 3, "no time"},
			{ActClaim, TicketOpen, TicketClaimed, 2, ""}, {ActResolve, TicketClaimed, TicketResolved, 2, "valve replaced"},
			{ActPartly, TicketResolved, TicketReopened, 1, "still drips"}, {ActResolve, TicketReopened, TicketResolved, 2, "tightened"},
			{ActConfirm, TicketResolved, TicketClosed, 1, ""}}
		if len(evs) != len(want) {
			t.Fatalf("%d events, want %d: %+v", len(evs), len(want), evs)
		}
		for i, ev := range evs {
			if got := (fe{ev.Action, ev.From, ev.To, ev.ActorID, ev.Note}); got != want[i] {
				t.Errorf("event %d: %+v, want %+v", i, got, want[i])
			}
		}
		if evs[5].Photo != "AgADfix" {
			t.Errorf("resolve photo %q", evs[5].Photo)
		}
		return nil
	})
}
