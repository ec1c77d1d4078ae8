package storage

import "testing"

func TestNextStateEveryPair(t *testing.T) {
	const no = TicketState("") // refused
	// want[state] lists the result of each action in TicketActions order:
	// claim, assign, handback, resolve, confirm, partly, reopen, reject, duplicate, autoclose.
	want := map[TicketState][10]TicketState{
		TicketOpen:      {TicketClaimed, TicketClaimed, no, no, no, no, no, TicketRejected, TicketDuplicate, no},
		TicketClaimed:   {no, TicketClaimed, TicketOpen, TicketResolved, no, no, no, TicketRejected, TicketDuplicate, no},
		TicketReopened:  {TicketClaimed, TicketClaimed, TicketOpen, TicketResolved, no, no, no, TicketRejected, TicketDuplicate, no},
		TicketResolved:  {no, no, no, no, TicketClosed, TicketReopened, TicketReopened, no, no, TicketClosed},
		TicketClosed:    {no, no, no, no, no, no, no, no, no, no},
		TicketRejected:  {no, no, no, no, no, no, no, no, no, no},
		TicketDuplicate: {no, no, no, no, no, no, no, no, no, no},
	}
	if len(want) != len(TicketStates) || len(TicketActions) != 10 {
		t.Fatalf("table covers %d states of %d, %d actions", len(want), len(TicketStates), len(TicketActions))
	}
	pairs := 0
	for _, from := range TicketStates {
		row, ok := want[from]
		if !ok {
			t.Fatalf("state %s missing from the table", from)
		}
		for i, a := range TicketActions {
			got, allowed := NextState(from, a)
			if allowed != (row[i] != no) || got != row[i] {
				t.Errorf("NextState(%s, %s) = %q, %v; want %q, %v", from, a, got, allowed, row[i], row[i] != no)
			}
			pairs++
		}
	}
	if pairs != 70 {
		t.Errorf("checked %d pairs, want 70", pairs)
	}
	for _, s := range TicketStates {
		if _, ok := NextState(s, ActCreate); ok {
			t.Errorf("create allowed from %s", s)
		}
	}
	if _, ok := NextState("bogus", ActClaim); ok {
		t.Error("unknown state allowed an action")
	}
	if _, ok := NextState(TicketOpen, "bogus"); ok {
		t.Error("unknown action allowed")
	}
}

func TestTicketStateKinds(t *testing.T) {
	for _, s := range TicketStates {
		canMove := false
		for _, a := range TicketActions {
			if _, ok := NextState(s, a); ok {
				canMove = true
			}
		}
		if s.Terminal() == canMove {
			t.Errorf("%s: Terminal() = %v but can move = %v", s, s.Terminal(), canMove)
		}
	}
	for s, want := range map[TicketState]bool{TicketOpen: true, TicketClaimed: true, TicketReopened: true, TicketResolved: false, TicketClosed: false} {
		if s.Active() != want {
			t.Errorf("%s.Active() = %v", s, !want)
		}
	}
}
