package mediation

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// neighbourCategory is the ticket category whose tickets may move to the
// mediation room.
const neighbourCategory = "neighbours"

// mayMediate: staff and admins, and the members staff named mediators,
// use the mediation room (in private).
func (a *Mediation) mayMediate(r *core.Req) (bool, error) {
	if r.AtLeast(storage.RoleStaff) {
		return true, nil
	}
	return r.Tx.IsMediator(r.Me.ID)
}

// mayReadDispute is the one rule for who may see or change a dispute
// record: only in a private chat, only staff, admins and the record's own
// mediator. A leader or a resident who is not its mediator may not, nor
// may another mediator. Every view and every button asks it again.
func (a *Mediation) mayReadDispute(r *core.Req, d storage.Dispute) bool {
	if !r.Private() || r.Chat.ID != r.Me.ID {
		return false
	}
	return r.AtLeast(storage.RoleStaff) || (d.MediatorID != 0 && d.MediatorID == r.Me.ID)
}

// mayMoveToMediation: a neighbour-dispute ticket still being worked on may
// be moved to the mediation room by staff and by the building's leaders,
// in private.
func (a *Mediation) mayMoveToMediation(r *core.Req, tk storage.Ticket) bool {
	if !r.Private() || tk.Category != neighbourCategory || !tk.State.Active() {
		return false
	}
	return r.AtLeast(storage.RoleStaff) || (r.Role == storage.RoleLeader && r.Me.LeadsBuilding(tk.Building))
}

// InMediation reports whether ticket id was moved to the mediation room.
func (a *Mediation) InMediation(tx *storage.Tx, id int64) (bool, error) {
	_, err := tx.DisputeByTicket(id)
	if core.IsNotFound(err) {
		return false, nil
	}
	return err == nil, err
}

// loadDispute reads dispute id for the person behind r: ok is false (and
// they were answered) when there is none or they may not read it; both
// look the same, so that a forged button learns nothing.
func (a *Mediation) loadDispute(r *core.Req, id int64) (storage.Dispute, bool, error) {
	d, err := r.Tx.Dispute(id)
	if err != nil && !core.IsNotFound(err) {
		return d, false, err
	}
	if core.IsNotFound(err) || !a.mayReadDispute(r, d) {
		if r.CB != nil {
			return storage.Dispute{}, false, r.Toast(r.T("mediation.not_found"))
		}
		return storage.Dispute{}, false, r.Reply(r.T("mediation.not_found"), nil)
	}
	return d, true, nil
}

// checkDispute is the table's check of "md:<verb>:<record>": the record
// exists and the presser may read it; both refusals look the same.
func (a *Mediation) checkDispute(r *core.Req) (bool, error) {
	id, ok := core.ButtonArgs(r.CB.Data, "md:").Id(1)
	if !ok {
		return false, nil
	}
	d, err := r.Tx.Dispute(id)
	if core.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return a.mayReadDispute(r, d), nil
}

// checkMoveTicket is the table's check of "md:tk:<ticket>": the presser
// may move that ticket; a ticket that is gone is the handler's to answer.
func (a *Mediation) checkMoveTicket(r *core.Req) (bool, error) {
	id, ok := core.ButtonArgs(r.CB.Data, "md:").Id(1)
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
	return a.mayMoveToMediation(r, tk), nil
}
