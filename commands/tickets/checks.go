package tickets

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
)

// The permission table's checks: each reads the ticket an update names
// the way its handler does and runs the scope's function on it, so the
// guard refuses before the handler runs. An update that names no ticket
// that exists passes: its handler answers it (a usage, "no such ticket",
// a stale button).

// ticketRule is a check on the ticket a button or a command names.
type ticketRule func(r *core.Req, tk storage.Ticket) (bool, error)

// onButton checks the ticket of a "tk:<verb>:<id>" button.
func (a *Tickets) onButton(may ticketRule) func(*core.Req) (bool, error) {
	return func(r *core.Req) (bool, error) {
		id, ok := core.ButtonArgs(r.CB.Data, "tk:").Id(1)
		return a.onTicket(r, id, ok, may)
	}
}

// onCommand checks the ticket named by a command's first word.
func (a *Tickets) onCommand(may ticketRule) func(*core.Req) (bool, error) {
	return func(r *core.Req) (bool, error) {
		words := strings.Fields(core.CleanLine(r.Args))
		if len(words) == 0 {
			return true, nil
		}
		id, ok := core.IdArg(words[0])
		return a.onTicket(r, id, ok, may)
	}
}

func (a *Tickets) onTicket(r *core.Req, id int64, ok bool, may ticketRule) (bool, error) {
	if !ok {
		return true, nil
	}
	tk, err := r.Tx.Ticket(id)
	if core.IsNotFound(err) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	return may(r, tk)
}

// isReporter: the ticket's reporter only.
func isReporter(r *core.Req, tk storage.Ticket) (bool, error) { return tk.ReporterID == r.Me.ID, nil }

// mayManageTicket is mayManage as a check.
func (a *Tickets) mayManageTicket(r *core.Req, tk storage.Ticket) (bool, error) {
	return a.mayManage(r, tk), nil
}

// maySee: Details, in private as ticketAccess allows. In a group the
// button belongs to the ticket's line there, which anyone may read: the
// handler answers a press in any other group as stale.
func (a *Tickets) maySee(r *core.Req, tk storage.Ticket) (bool, error) {
	if !r.Private() {
		return true, nil
	}
	acc, err := a.accessTo(r, tk)
	return acc != accessNone, err
}

// maySeeMedia: its photos, voice notes and location, for those who
// handle it.
func (a *Tickets) maySeeMedia(r *core.Req, tk storage.Ticket) (bool, error) {
	acc, err := a.accessTo(r, tk)
	return acc == accessFull || acc == accessTeam, err
}

// mayFollowHere: Me too in private by mayFollow (and for the reporter,
// who is told it is theirs). In a group it is the line's button: the
// handler sends the person on, says why they may not follow, or answers a
// press in another group as stale.
func (a *Tickets) mayFollowHere(r *core.Req, tk storage.Ticket) (bool, error) {
	if !r.Private() {
		return true, nil
	}
	return tk.ReporterID == r.Me.ID || a.mayFollow(viewerIn(r), tk), nil
}
