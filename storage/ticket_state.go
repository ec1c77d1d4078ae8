package storage

// TicketState is where a ticket stands in its life.
type TicketState string

// The ticket states. Closed, rejected and duplicate are terminal.
const (
	TicketOpen      TicketState = "open"
	TicketClaimed   TicketState = "claimed"
	TicketResolved  TicketState = "resolved"
	TicketClosed    TicketState = "closed"
	TicketReopened  TicketState = "reopened"
	TicketRejected  TicketState = "rejected"
	TicketDuplicate TicketState = "duplicate"
)

// TicketStates lists every state, in life order.
var TicketStates = []TicketState{TicketOpen, TicketClaimed, TicketResolved, TicketClosed, TicketReopened, TicketRejected, TicketDuplicate}

// Terminal reports whether no action can move the ticket any more.
func (s TicketState) Terminal() bool {
	return s == TicketClosed || s == TicketRejected || s == TicketDuplicate
}

// Active reports whether the ticket is waiting for someone to work on it
// (it shows in a building's queue).
func (s TicketState) Active() bool {
	return s == TicketOpen || s == TicketClaimed || s == TicketReopened
}

// TicketAction is something done to a ticket; each is one event.
type TicketAction string

// The ticket actions. ActCreate only opens a ticket's history: NextState
// refuses it.
const (
	ActCreate    TicketAction = "create"
	ActClaim     TicketAction = "claim"     // a member takes it: assignee = actor
	ActAssign    TicketAction = "assign"    // staff give it to a person or a team
	ActHandback  TicketAction = "handback"  // the assignee gives it up
	ActResolve   TicketAction = "resolve"   // the assignee says it is done
	ActConfirm   TicketAction = "confirm"   // the reporter says yes, fixed
	ActPartly    TicketAction = "partly"    // the reporter says partly fixed
	ActReopen    TicketAction = "reopen"    // the reporter says not fixed
	ActReject    TicketAction = "reject"    // staff or the leader refuse it, with a reason
	ActDuplicate TicketAction = "duplicate" // staff or the leader mark it a duplicate of another
	ActAutoclose TicketAction = "autoclose" // the reporter did not answer in time
)

// TicketActions lists every action NextState knows.
var TicketActions = []TicketAction{ActClaim, ActAssign, ActHandback, ActResolve, ActConfirm, ActPartly, ActReopen, ActReject, ActDuplicate, ActAutoclose}

// NextState is the ticket state machine: the state action a moves a ticket
// in state from to, and whether a is allowed at all.
//
// Assigning to a team only (no person) is an "assign" that keeps the ticket
// claimable; Transition handles that case, NextState answers for the
// assignment of a person.
func NextState(from TicketState, a TicketAction) (TicketState, bool) {
	switch from {
	case TicketOpen:
		switch a {
		case ActClaim, ActAssign:
			return TicketClaimed, true
		}
	case TicketClaimed:
		switch a {
		case ActResolve:
			return TicketResolved, true
		case ActHandback:
			return TicketOpen, true
		case ActAssign:
			return TicketClaimed, true
		}
	case TicketReopened:
		switch a {
		case ActClaim, ActAssign:
			return TicketClaimed, true
		case ActResolve:
			return TicketResolved, true
		case ActHandback:
			return TicketOpen, true
		}
	case TicketResolved:
		switch a {
		case ActConfirm, ActAutoclose:
			return TicketClosed, true
		case ActReopen, ActPartly:
			return TicketReopened, true
		}
		return "", false
	default: // closed, rejected, duplicate, or unknown
		return "", false
	}
	switch a {
	case ActReject:
		return TicketRejected, true
	case ActDuplicate:
		return TicketDuplicate, true
	}
	return "", false
}
