package storage

import (
	"errors"
	"fmt"
	"time"
)

// TransitionOpts carries what an action needs besides who does it.
type TransitionOpts struct {
	Assignee    int64  // assign: the person
	Team        int64  // assign: the team
	Note        string // the event's note; for resolve also the resolution, for reject and duplicate the reason
	Photo       string // the event's photo; for resolve also the resolution photo
	DuplicateOf int64  // duplicate: the original ticket
}

// Transition applies action a by actor to ticket #id and records the event.
// Call it inside Update so that the change and its event are one
// transaction. An action the current state does not allow (a second claim,
// anything on a closed ticket) is refused with a *TransitionError that
// names the current state.
//
//   - claim: the actor becomes the assignee; the team is kept.
//   - assign with o.Assignee: that person becomes the assignee (o.Team, when
//     set, becomes the team) and the ticket is claimed.
//   - assign with only o.Team: the ticket is dispatched to the team so its
//     members can claim it: team set, assignee cleared, state open (or
//     reopened, if it was).
//   - handback: the assignee is cleared (the team is kept); state open.
//   - resolve: resolution = o.Note, resolution photo = o.Photo.
//   - duplicate: duplicate_of = o.DuplicateOf (required).
//
// claimed_at is set by the first claim or assignment to a person only,
// resolved_at by every resolve, closed_at by confirm and autoclose.
func (t TicketsTx) Transition(id int64, a TicketAction, actor int64, o TransitionOpts, now time.Time) (Ticket, TicketEvent, error) {
	cur, err := t.Ticket(id)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return Ticket{}, TicketEvent{}, err
		}
		return Ticket{}, TicketEvent{}, fmt.Errorf("storage: %s ticket %d: %w", a, id, err)
	}
	to, ok := NextState(cur.State, a)
	if !ok {
		return Ticket{}, TicketEvent{}, &TransitionError{ID: id, State: cur.State, Action: a}
	}
	next := cur
	next.State = to
	switch a {
	case ActClaim:
		next.AssigneeID = actor
	case ActAssign:
		switch {
		case o.Assignee != 0:
			next.AssigneeID = o.Assignee
			if o.Team != 0 {
				next.TeamID = o.Team
			}
		case o.Team != 0:
			next.TeamID = o.Team
			next.AssigneeID = 0
			next.State = cur.State
			if cur.State == TicketClaimed {
				next.State = TicketOpen
			}
		default:
			return Ticket{}, TicketEvent{}, fmt.Errorf("storage: assign ticket %d: no assignee or team given", id)
		}
	case ActHandback:
		next.AssigneeID = 0
	case ActResolve:
		next.Resolution, next.ResolutionPhoto = o.Note, o.Photo
		next.ResolvedAt = now
	case ActConfirm, ActAutoclose:
		next.ClosedAt = now
	case ActDuplicate:
		if o.DuplicateOf == 0 || o.DuplicateOf == id {
			return Ticket{}, TicketEvent{}, fmt.Errorf("storage: mark ticket %d a duplicate of %d: not another ticket", id, o.DuplicateOf)
		}
		next.DuplicateOf = o.DuplicateOf
	}
	if next.State == TicketClaimed && cur.ClaimedAt.IsZero() {
		next.ClaimedAt = now
	}
	next.UpdatedAt = now

	// The WHERE repeats what was read, so a change made in between (outside
	// a write transaction) cannot be overwritten.
	res, err := t.q.ExecContext(t.ctx, `UPDATE tickets SET state = ?, assignee_id = ?, team_id = ?, duplicate_of = ?,
			resolution = ?, resolution_photo = ?, claimed_at = ?, resolved_at = ?, closed_at = ?, updated_at = ?
		WHERE id = ? AND state = ? AND coalesce(assignee_id, 0) = ? AND coalesce(team_id, 0) = ?`,
		next.State, idOrNull(next.AssigneeID), idOrNull(next.TeamID), idOrNull(next.DuplicateOf),
		next.Resolution, next.ResolutionPhoto, msOrNull(next.ClaimedAt), msOrNull(next.ResolvedAt), msOrNull(next.ClosedAt), ms(now),
		id, cur.State, cur.AssigneeID, cur.TeamID)
	if err != nil {
		return Ticket{}, TicketEvent{}, fmt.Errorf("storage: %s ticket %d: %w", a, id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return Ticket{}, TicketEvent{}, fmt.Errorf("storage: %s ticket %d: %w", a, id, err)
	}
	if n == 0 {
		state := cur.State
		if again, err := t.Ticket(id); err == nil {
			state = again.State
		}
		return Ticket{}, TicketEvent{}, &TransitionError{ID: id, State: state, Action: a}
	}
	ev, err := t.addTicketEvent(TicketEvent{TicketID: id, ActorID: actor, Action: a, From: cur.State, To: next.State,
		Note: o.Note, Photo: o.Photo, At: now})
	if err != nil {
		return Ticket{}, TicketEvent{}, err
	}
	if next, err = t.Ticket(id); err != nil {
		return Ticket{}, TicketEvent{}, fmt.Errorf("storage: %s ticket %d: %w", a, id, err)
	}
	return next, ev, nil
}
