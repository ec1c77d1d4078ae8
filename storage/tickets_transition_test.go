package storage

import (
	"errors"
	"testing"
	"time"
)

func TestTicketTeamRejectDuplicate(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, 1, 2, 3)
		team, err := tx.CreateTeam("Plumbers", 2, false, t0)
		if err != nil {
			return err
		}
		a := fileTicket(t, tx, Ticket{Kind: TicketKindReport, Category: "water", Building: "3", ReporterID: 1}, t0)
		b := fileTicket(t, tx, Ticket{Kind: TicketKindReport, Category: "water", Building: "3", ReporterID: 1}, t0)

		// Dispatch to a team: still open, claimable by its members.
		tk, ev, err := tx.Transition(a, ActAssign, 9, TransitionOpts{Team: team}, t0.Add(time.Minute))
		if err != nil {
			return err
		}
		if tk.State != TicketOpen || tk.TeamID != team || tk.AssigneeID != 0 || !tk.ClaimedAt.IsZero() {
			t.Errorf("team dispatch %+v", tk)
		}
		if ev.From != TicketOpen || ev.To != TicketOpen || ev.Action != ActAssign {
			t.Errorf("team dispatch event %+v", ev)
		}
		tk, _, err = tx.Transition(a, ActClaim, 2, TransitionOpts{}, t0.Add(2*time.Minute))
		if err != nil {
			return err
		}
		if tk.State != TicketClaimed || tk.AssigneeID != 2 || tk.TeamID != team || !tk.ClaimedAt.Equal(t0.Add(2*time.Minute)) {
			t.Errorf("team member claimed %+v", tk)
		}
		// Handing back keeps the team; dispatching a claimed ticket to a team
		// frees it for the team.
		tk, _, err = tx.Transition(a, ActHandback, 2, TransitionOpts{}, t0.Add(3*time.Minute))
		if err != nil || tk.State != TicketOpen || tk.AssigneeID != 0 || tk.TeamID != team {
			t.Errorf("handback %+v %v", tk, err)
		}
		if _, _, err = tx.Transition(a, ActAssign, 9, TransitionOpts{Assignee: 3, Team: team}, t0.Add(4*time.Minute)); err != nil {
			return err
		}
		tk, ev, err = tx.Transition(a, ActAssign, 9, TransitionOpts{Team: team}, t0.Add(5*time.Minute))
		if err != nil || tk.State != TicketOpen || tk.AssigneeID != 0 || ev.From != TicketClaimed || ev.To != TicketOpen {
			t.Errorf("team dispatch of a claimed ticket %+v %+v %v", tk, ev, err)
		}
		if _, _, err := tx.Transition(a, ActAssign, 9, TransitionOpts{}, t0); err == nil || errors.Is(err, ErrIllegalTransition) {
			t.Errorf("assign to nobody: %v", err)
		}
		_, _, err = tx.Transition(a, ActResolve, 2, TransitionOpts{}, t0)
		refused(t, err, a, TicketOpen, ActResolve)

		tk, ev, err = tx.Transition(a, ActReject, 9, TransitionOpts{Note: "private property"}, t0.Add(6*time.Minute))
		if err != nil || tk.State != TicketRejected || ev.Note != "private property" || ev.From != TicketOpen {
			t.Errorf("reject %+v %+v %v", tk, ev, err)
		}
		_, _, err = tx.Transition(a, ActReject, 9, TransitionOpts{}, t0)
		refused(t, err, a, TicketRejected, ActReject)

		// Duplicate needs another ticket.
		for _, of := range []int64{0, b} {
			if _, _, err := tx.Transition(b, ActDuplicate, 9, TransitionOpts{DuplicateOf: of}, t0); err == nil || errors.Is(err, ErrIllegalTransition) {
				t.Errorf("duplicate of %d: %v", of, err)
			}
		}
		tk, ev, err = tx.Transition(b, ActDuplicate, 9, TransitionOpts{DuplicateOf: a, Note: "same leak"}, t0.Add(7*time.Minute))
		if err != nil || tk.State != TicketDuplicate || tk.DuplicateOf != a || ev.Note != "same leak" {
			t.Errorf("duplicate %+v %+v %v", tk, ev, err)
		}
		_, _, err = tx.Transition(b, ActClaim, 2, TransitionOpts{}, t0)
		refused(t, err, b, TicketDuplicate, ActClaim)
		if _, _, err := tx.Transition(404, ActClaim, 2, TransitionOpts{}, t0); !errors.Is(err, ErrNotFound) {
			t.Errorf("missing ticket: %v", err)
		}
		return nil
	})
}

func TestTicketReopenedPaths(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, 1, 2, 3)
		id := fileTicket(t, tx, Ticket{Kind: TicketKindWish, Category: "other", Building: "1", ReporterID: 1}, t0)
		step := func(a TicketAction, actor int64, o TransitionOpts, want TicketState) Ticket {
			t.Helper()
			tk, ev, err := tx.Transition(id, a, actor, o, t0.Add(time.Hour))
			if err != nil {
				t.Fatalf("%s: %v", a, err)
			}
			if tk.State != want || ev.To != want {
				t.Fatalf("%s: state %s, event to %s, want %s", a, tk.State, ev.To, want)
			}
			return tk
		}
		step(ActClaim, 2, TransitionOpts{}, TicketClaimed)
		step(ActResolve, 2, TransitionOpts{}, TicketResolved)
		step(ActReopen, 1, TransitionOpts{Note: "not fixed"}, TicketReopened)
		// Reopened: a reassignment, a handback, a claim by someone else.
		if tk := step(ActAssign, 9, TransitionOpts{Assignee: 3}, TicketClaimed); tk.AssigneeID != 3 {
			t.Errorf("assignee %d", tk.AssigneeID)
		}
		step(ActResolve, 3, TransitionOpts{}, TicketResolved)
		step(ActReopen, 1, TransitionOpts{}, TicketReopened)
		if tk := step(ActHandback, 3, TransitionOpts{}, TicketOpen); tk.AssigneeID != 0 {
			t.Errorf("assignee after handback %d", tk.AssigneeID)
		}
		step(ActClaim, 2, TransitionOpts{}, TicketClaimed)
		step(ActResolve, 2, TransitionOpts{}, TicketResolved)
		step(ActReopen, 1, TransitionOpts{}, TicketReopened)
		if tk := step(ActAssign, 9, TransitionOpts{Team: mustTeam(t, tx, "Carpenters")}, TicketReopened); tk.AssigneeID != 0 || tk.TeamID == 0 {
			t.Errorf("team dispatch of a reopened ticket %+v", tk)
		}
		if tk := step(ActClaim, 3, TransitionOpts{}, TicketClaimed); tk.AssigneeID != 3 {
			t.Errorf("claim of reopened %+v", tk)
		}
		step(ActResolve, 3, TransitionOpts{}, TicketResolved)
		if tk := step(ActAutoclose, 0, TransitionOpts{}, TicketClosed); tk.ClosedAt.IsZero() {
			t.Errorf("autoclose without closed_at %+v", tk)
		}
		evs, err := tx.TicketEvents(id)
		if err != nil || len(evs) != 15 || evs[14].ActorID != 0 || evs[14].Action != ActAutoclose {
			t.Errorf("events %d %v", len(evs), err)
		}
		return nil
	})
}

func mustTeam(t *testing.T, tx *Tx, name string) int64 {
	t.Helper()
	id, err := tx.CreateTeam(name, 0, false, t0)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestTicketFollowers(t *testing.T) {
	s := newTestStorage(t)
	update(t, s, func(tx *Tx) error {
		addMembers(t, tx, 1, 2, 3)
		id := fileTicket(t, tx, Ticket{Kind: TicketKindReport, Category: "noise", Building: "1", ReporterID: 1}, t0)
		for i, c := range []struct {
			member int64
			added  bool
		}{{3, true}, {2, true}, {3, false}, {2, false}} {
			added, err := tx.FollowTicket(id, c.member, t0.Add(time.Duration(i)*time.Minute))
			if err != nil || added != c.added {
				t.Errorf("follow %d by %d: %v %v, want %v", i, c.member, added, err, c.added)
			}
		}
		f, err := tx.TicketFollowers(id)
		if err != nil || len(f) != 2 || f[0] != 3 || f[1] != 2 {
			t.Errorf("followers %v %v", f, err)
		}
		if _, err := tx.FollowTicket(404, 2, t0); !errors.Is(err, ErrNotFound) {
			t.Errorf("follow a missing ticket: %v", err)
		}
		if f, err := tx.TicketFollowers(404); err != nil || len(f) != 0 {
			t.Errorf("followers of a missing ticket %v %v", f, err)
		}
		return nil
	})
}
